"""Official codes of administrative units (mã đơn vị hành chính of the General Statistics Office), before and after
the reorganisation of 1 July 2025, and which unit took over which.

A code is text of digits with its leading zeros: 2 for a province (``"08"``), 3 for a district (``"035"``), 5 for
a commune (``"01234"``). Codes are reused across the reorganisation (``"24"`` was Bắc Giang until 30 June 2025 and
is the new Bắc Ninh from 1 July), so every look-up is on a date. The tables are data (``data/units.toml`` and the
CSV files it names), each with its source and status: the code lists are ``secondary`` (the GSO's lists as
restated by the ``vietnamadminunits`` package), the commune successor table ``unverified`` (compiled from the
merger map, not read in the Standing Committee's resolutions). The lists of before the reorganisation describe the
units of 30 June 2025: a commune dissolved in an earlier rearrangement is not in them, so on an earlier date an
unknown but well-formed commune or district code cannot be refused, only left unresolved.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

import attrs

from ..core._convert import CONVERTER
from ..core._validate import check_day, raise_problems, shown
from ..core.errors import Problem, RuleDataError, UnknownCode
from ..core.model import Provenance
from ..core.places import Region
from .regions import ProvinceRegions, parse_regions

__all__ = [
    "REORGANISED",
    "OfficialUnit",
    "Succession",
    "UnitCodes",
    "UnitLevel",
    "code_problems",
    "is_official",
    "level_of",
    "official_unit",
    "parse_unit_codes",
    "province_of_code",
    "region_of_code",
    "unit_codes",
    "unit_predecessors",
    "unit_successors",
]

#: the day the 34 provinces and the 3,321 communes took over, and districts ended (Nghị quyết 202/2025/QH15)
REORGANISED = dt.date(2025, 7, 1)


class UnitLevel(enum.Enum):
    """The level of an administrative unit an official code names, by its number of digits."""

    PROVINCE = "province"  # 2 digits
    DISTRICT = "district"  # 3 digits, none from 2025-07-01
    COMMUNE = "commune"  # 5 digits

    @property
    def digits(self) -> int:
        """How many digits the GSO writes a code of this level with."""
        return _DIGITS[self]


_DIGITS = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}
_LEVEL_BY_DIGITS = {v: k for k, v in _DIGITS.items()}
_WORD = {UnitLevel.PROVINCE: "province", UnitLevel.DISTRICT: "district", UnitLevel.COMMUNE: "commune"}


@attrs.frozen
class OfficialUnit:
    """One unit of the GSO's list: its code, name and level, the province (and, before 2025-07-01, the district) it
    belongs to, the days it existed, and the source of the list it comes from."""

    code: str
    name: str
    level: UnitLevel
    province_code: str
    district_code: str | None
    #: None where the list does not say (a unit of the 30 June 2025 list may be older than the list)
    valid_from: dt.date | None
    #: None for a unit that still exists
    valid_to: dt.date | None
    source: Provenance = attrs.field(eq=False, repr=False)

    def exists_on(self, day: dt.date) -> bool:
        """Whether the unit existed on ``day`` as far as its list says."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@attrs.frozen
class Succession:
    """A unit formed on 2025-07-01 from an older one: ``whole`` when all of the old unit went into it, else a part
    (the old commune was divided, and each new unit that took a part is listed)."""

    unit: OfficialUnit
    whole: bool
    source: Provenance = attrs.field(eq=False, repr=False)


def _read_only(value: Mapping[str, OfficialUnit]) -> Mapping[str, OfficialUnit]:
    return MappingProxyType(dict(value))


@attrs.frozen(eq=False)  # one table per package: compared by identity
class UnitCodes:
    """The code tables: the units before and after the reorganisation, and the successions between them."""

    reorganised: dt.date
    before: Mapping[str, OfficialUnit] = attrs.field(converter=_read_only)
    after: Mapping[str, OfficialUnit] = attrs.field(converter=_read_only)
    #: old code → the new units that took it over (whole or in part)
    _successions: Mapping[str, tuple[Succession, ...]] = attrs.field(repr=False)
    #: new code → the old codes it was formed from
    _predecessors: Mapping[str, tuple[str, ...]] = attrs.field(repr=False)
    #: earlier names of a province under the same code, as the region table writes them
    former_names: Mapping[str, tuple[str, ...]] = attrs.field(repr=False)

    def table(self, on: dt.date) -> Mapping[str, OfficialUnit]:
        """Every unit of the list that describes ``on``, by code (codes of different levels never collide: the
        number of digits tells the level)."""
        return self.after if on >= self.reorganised else self.before

    def find(self, code: str, on: dt.date) -> OfficialUnit | None:
        """The unit with ``code`` on ``on``, or None."""
        unit = self.table(on).get(code)
        return unit if unit is not None and unit.exists_on(on) else None

    def province_of(self, code: str, on: dt.date) -> OfficialUnit | None:
        """The province of the unit with ``code`` on ``on`` (a province is its own), or None."""
        unit = self.find(code, on)
        return None if unit is None else self.table(on).get(unit.province_code)

    def region_of(self, code: str, on: dt.date, regions: ProvinceRegions) -> Region | None:
        """The 2021-2025 region of the unit with ``code`` on ``on``, from ``regions`` through its province; None
        after the reorganisation (the 34 provinces do not map to one region each) or for an unknown code."""
        for name in self.province_names(code, on):
            region = regions.region_of(name, on)
            if region is not None:
                return region
        return None

    def province_names(self, code: str, on: dt.date) -> tuple[str, ...]:
        """The names (current and former) of the province of the unit with ``code`` on ``on``; empty for an
        unknown code. The region table is keyed by name."""
        return _province_names(self, code, on)

    def _province_names(self, code: str, on: dt.date) -> tuple[str, ...]:
        province = self.province_of(code, on)
        if province is None:
            return ()
        return (province.name, *self.former_names.get(province.code, ()))

    def successions(self, code: str) -> tuple[Succession, ...]:
        """The new units that took over the old unit ``code`` on the reorganisation day (empty when the tables do
        not say)."""
        return tuple(self._successions.get(code, ()))

    def predecessors(self, code: str) -> tuple[OfficialUnit, ...]:
        """The old units the new unit ``code`` was formed from, whole or in part."""
        return tuple(self.before[c] for c in self._predecessors.get(code, ()))

    def problems(self, code: object, level: UnitLevel, on: dt.date, path: str) -> list[Problem]:
        """What is wrong with ``code`` as the official code of a ``level`` unit on ``on``: nothing, or one problem
        naming ``path``. On a date before the reorganisation a well-formed district or commune code the list of
        30 June 2025 does not hold is accepted (it may name a unit dissolved before that list)."""
        word = _WORD[level]
        if not isinstance(code, str) or not code.isascii() or not code.isdigit() or len(code) != level.digits:
            return [Problem(path, f"expected a {word}'s official code: {level.digits} digits as text, with the "
                                  f"leading zeros (e.g. {_EXAMPLE[level]!r}), got {shown(code)}")]
        if level is UnitLevel.DISTRICT and on >= self.reorganised:
            return [Problem(path, f"no district exists on {on}: districts ended on {self.reorganised}")]
        if self.find(code, on) is not None:
            return []
        if on < self.reorganised and level is not UnitLevel.PROVINCE:
            return []
        return [Problem(path, self._unknown(code, level, on))]

    def _unknown(self, code: str, level: UnitLevel, on: dt.date) -> str:
        word = _WORD[level]
        same_level = [c for c, u in self.table(on).items() if u.level is level]
        message = f"no {word} has the official code {code!r} on {on}"
        other = (self.before if on >= self.reorganised else self.after).get(code)
        if other is not None and on >= self.reorganised:
            news = ", ".join(f"{s.unit.code} {s.unit.name}" for s in self.successions(code))
            message += (f"; until {self.reorganised - dt.timedelta(days=1)} it was {other.name}"
                        + (f", taken over by {news}" if news else ""))
        elif other is not None:
            message += f"; from {self.reorganised} it is {other.name}"
        return message + f" (the list of that date holds {len(same_level):,} {word} codes)"


_EXAMPLE = {UnitLevel.PROVINCE: "08", UnitLevel.DISTRICT: "035", UnitLevel.COMMUNE: "01234"}


@functools.lru_cache(maxsize=8192)  # asked once per assessment of a unit given by its code
def _province_names(table: UnitCodes, code: str, on: dt.date) -> tuple[str, ...]:
    return table._province_names(code, on)


def level_of(code: str) -> UnitLevel | None:
    """The level a code of digits names by its length, or None."""
    return _LEVEL_BY_DIGITS.get(len(code)) if code.isascii() and code.isdigit() else None


def parse_unit_codes(texts: Mapping[str, str], file: str = "units.toml") -> UnitCodes:
    """The tables from ``units.toml`` and the CSV files it names (``texts`` by file name); a malformed table is a
    :class:`~ntp_criteria.RuleDataError` naming the file and the row."""
    raw = tomllib.loads(texts[file])
    day = raw["reorganised"]
    last = day - dt.timedelta(days=1)
    sources = {name: CONVERTER.structure(t["source"], Provenance) for name, t in raw["tables"].items()}
    problems: list[Problem] = []
    before: dict[str, OfficialUnit] = {}
    after: dict[str, OfficialUnit] = {}
    start = raw["tables"]["provinces-before"].get("valid_from")
    for code, name in raw["provinces"]["before"].items():
        before[code] = OfficialUnit(code, name, UnitLevel.PROVINCE, code, None, start, last,
                                    sources["provinces-before"])
    province_from: dict[str, list[str]] = defaultdict(list)
    for code, (name, formed_from) in raw["provinces"]["after"].items():
        after[code] = OfficialUnit(code, name, UnitLevel.PROVINCE, code, None, day, None, sources["provinces-after"])
        for old in formed_from:
            province_from[old].append(code)

    def rows(table: str) -> Iterable[tuple[int, dict[str, str]]]:
        name = raw["tables"][table]["file"]
        yield from enumerate(csv.DictReader(io.StringIO(texts[name])), start=2)

    tables: tuple[tuple[UnitLevel, str, dict[str, OfficialUnit], dt.date | None, dt.date | None], ...] = (
        (UnitLevel.DISTRICT, "districts-before", before, None, last),
        (UnitLevel.COMMUNE, "communes-before", before, None, last),
        (UnitLevel.COMMUNE, "communes-after", after, day, None))
    for level, table, target, valid_from, valid_to in tables:
        for number, row in rows(table):
            code, province = row["code"], row["province_code"]
            where = f"{raw['tables'][table]['file']}:{number}"
            if level_of(code) is not level or code in target or province not in target:
                problems.append(Problem(where, f"bad or repeated {_WORD[level]} code {code!r} (province "
                                               f"{province!r})"))
                continue
            target[code] = OfficialUnit(code, row["name"], level, province, row.get("district_code"), valid_from,
                                        valid_to, sources[table])
    successions: dict[str, list[Succession]] = defaultdict(list)
    formed: dict[str, list[str]] = defaultdict(list)
    for number, row in rows("commune-successors"):
        old, new, share = row["old_code"], row["new_code"], row["share"]
        if old not in before or new not in after or share not in ("whole", "part"):
            problems.append(Problem(f"{raw['tables']['commune-successors']['file']}:{number}",
                                    f"unknown code or share in {old!r} → {new!r} ({share!r})"))
            continue
        successions[old].append(Succession(after[new], share == "whole", sources["commune-successors"]))
        formed[new].append(old)
    for old, news in province_from.items():
        if old not in before:
            problems.append(Problem(f"{file}: $.provinces.after", f"unknown province code {old!r}"))
            continue
        successions[old] += [Succession(after[n], True, sources["provinces-after"]) for n in news]
        formed[news[0]].append(old)
    if problems:
        raise RuleDataError(file, problems)
    former = {c: tuple(names) for c, names in raw["provinces"].get("former_names", {}).items()}
    return UnitCodes(day, before, after, MappingProxyType({k: tuple(v) for k, v in successions.items()}),
                     MappingProxyType({k: tuple(sorted(v)) for k, v in formed.items()}), MappingProxyType(former))


@functools.cache
def unit_codes() -> UnitCodes:
    """The package's own code tables, read on first use."""
    folder = resources.files("ntp_criteria") / "data"
    names = ["units.toml"]
    names += [t["file"] for t in tomllib.loads((folder / "units.toml").read_text(encoding="utf-8"))["tables"].values()
              if "file" in t]
    return parse_unit_codes({n: (folder / n).read_text(encoding="utf-8") for n in names})


# --- the public look-ups ------------------------------------------------------------------------------------------

def _checked(code: object, on: object, call: str) -> tuple[str, UnitLevel, dt.date]:
    problems = check_day(on, "$.on")
    level = level_of(code) if isinstance(code, str) else None
    if level is None:
        problems.append(Problem("$.code", "expected an official code: digits as text with the leading zeros, 2 for "
                                          f"a province, 3 for a district, 5 for a commune, got {shown(code)}"))
    raise_problems(problems, call)
    assert isinstance(code, str) and level is not None and isinstance(on, dt.date)
    return code, level, on


def official_unit(code: str, *, on: dt.date) -> OfficialUnit:
    """The unit with the official ``code`` on ``on``: ``official_unit("01234", on=date(2024, 1, 1))`` is Xã Yên
    Thành (Hà Giang). A malformed code is an :class:`~ntp_criteria.InputError`, an unknown one an
    :class:`~ntp_criteria.UnknownCode` (a ``KeyError`` too); both name ``$.code``, and an unknown code of the other
    period says what it was or became."""
    code, level, day = _checked(code, on, "official_unit()")
    table = unit_codes()
    unit = table.find(code, day)
    if unit is None:
        raise UnknownCode("official_unit()", [Problem("$.code", table._unknown(code, level, day))])
    return unit


def province_of_code(code: str, *, on: dt.date) -> OfficialUnit:
    """The province of the unit with the official ``code`` on ``on`` (a province's own code gives itself)."""
    unit = official_unit(code, on=on)
    return unit_codes().table(on)[unit.province_code]


def region_of_code(code: str, *, on: dt.date) -> Region | None:
    """The 2021-2025 socio-economic region of the unit with the official ``code`` on ``on``, through its province
    and the package's region table (``unverified``); None from 2025-07-01, when the 34 provinces do not map to one
    region each."""
    official_unit(code, on=on)
    return unit_codes().region_of(code, on, _package_regions())


@functools.cache
def _package_regions() -> ProvinceRegions:
    # the package's region table alone (as the default catalogue reads it): no need to build the whole catalogue
    # to name a code's region
    file = "regions-2021-2025.toml"
    return parse_regions((resources.files("ntp_criteria") / "data" / file).read_text(encoding="utf-8"), file)


def unit_successors(code: str) -> tuple[Succession, ...]:
    """The units that took over the pre-2025 unit ``code`` on 2025-07-01: one whole successor for most communes and
    every province, several partial ones for a divided commune. An unknown old code is an
    :class:`~ntp_criteria.UnknownCode`; a district, which has no successor, gives none."""
    return _successions(code, "unit_successors()")


def _successions(code: str, call: str) -> tuple[Succession, ...]:
    code, level, day = _checked(code, REORGANISED - dt.timedelta(days=1), call)
    table = unit_codes()
    if table.find(code, day) is None:
        raise UnknownCode(call, [Problem("$.code", table._unknown(code, level, day))])
    return table.successions(code)


def unit_predecessors(code: str) -> tuple[OfficialUnit, ...]:
    """The pre-2025 units the unit ``code`` of 2025-07-01 was formed from (whole or in part)."""
    code, level, day = _checked(code, REORGANISED, "unit_predecessors()")
    table = unit_codes()
    if table.find(code, day) is None:
        raise UnknownCode("unit_predecessors()", [Problem("$.code", table._unknown(code, level, day))])
    return table.predecessors(code)


def is_official(code: object) -> bool:
    """Whether ``code`` is written as an official code (digits only): the library then checks it against the tables;
    a code with any other character is the caller's own identifier, kept as given."""
    return isinstance(code, str) and code.isascii() and code.isdigit()


_LEVEL_OF_KIND = {"commune": UnitLevel.COMMUNE, "district": UnitLevel.DISTRICT, "province": UnitLevel.PROVINCE}


@functools.lru_cache(maxsize=8192)  # asked once per assessment of a unit with a code: batches repeat them
def code_problems(kind: str, code: str | None, province: str | None, on: dt.date) -> tuple[Problem, ...]:
    """What is wrong with the official codes a unit of ``kind`` gives (its ``code`` and a ``province`` written as a
    code) on its reference date ``on``; used by :func:`ntp_criteria.assess`. A code of digits must be a code of the
    unit's level that the tables hold on that date (see :meth:`UnitCodes.problems`); a province code must be the
    province of the unit's code. Codes with other characters, and villages (which have no GSO code), are left
    alone."""
    level = _LEVEL_OF_KIND.get(kind)
    if level is None:
        return ()
    table = unit_codes()
    problems: list[Problem] = []
    if is_official(code):
        assert code is not None
        problems += table.problems(code, level, on, "$.code")
    if is_official(province):
        assert province is not None
        here = table.problems(province, UnitLevel.PROVINCE, on, "$.province")
        problems += here
        unit = table.find(code, on) if code is not None and not problems else None
        if unit is not None and unit.province_code != province:
            problems.append(Problem("$.province", f"province {province!r} is not the province of {code!r} "
                                                  f"({unit.name}), which is {unit.province_code!r}"))
    return tuple(problems)

