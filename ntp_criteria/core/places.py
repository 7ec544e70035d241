"""Administrative units as subjects: villages, communes (later districts and provinces).

A unit carries who it is (name, GSO code, province, socio-economic region), the flags rules use, its
reference date, and two kinds of recorded values: **facts** by name (``poverty_rate``,
``em_household_share`` …, read by ``fact:<name>`` measures in the rules data) and **observations** by
indicator or criterion code (a value or a yes/no recorded directly against the law's numbering). A unit
also has its own validity dates: districts ended on 2025-07-01 and most communes were merged then.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, KeysView, Mapping
from decimal import Decimal
from typing import ClassVar, cast

import attrs

from ._convert import CONVERTER
from ._validate import (
    check_fields,
    check_number,
    enum_converter,
    frozen_set,
    frozen_tuple,
    number_from_text,
    raise_problems,
    shown,
)
from .errors import InputError, Problem
from .model import ScopeValue

__all__ = [
    "DISTRICTS_ABOLISHED",
    "Commune",
    "District",
    "Facts",
    "Province",
    "Region",
    "Village",
    "structure_facts",
    "unstructure_facts",
]

#: the two-tier local government: no district level from this date (secondary: press on NQ 125/126/NQ-CP)
DISTRICTS_ABOLISHED = dt.date(2025, 7, 1)

Value = bool | int | Decimal


class Region(enum.Enum):
    """The 7 socio-economic regions of the 2021-2025 criteria."""

    TDMNPB = "tdmnpb"  # Trung du và miền núi phía Bắc
    DBSH = "dbsh"  # Đồng bằng sông Hồng
    BTB = "btb"  # Bắc Trung Bộ
    DHNTB = "dhntb"  # Duyên hải Nam Trung Bộ
    TN = "tn"  # Tây Nguyên
    DNB = "dnb"  # Đông Nam Bộ
    DBSCL = "dbscl"  # Đồng bằng sông Cửu Long


def _value_problems(name: object, value: object, path: str) -> list[Problem]:
    if not isinstance(name, str) or not name.strip():
        return [Problem(path, f"expected a name (non-empty text), got {shown(name)}")]
    where = f"{path}.{name}"
    if isinstance(value, bool):
        return []
    if isinstance(value, int | Decimal):
        return check_number(value, where)
    return [Problem(where, f"expected true/false, a whole number or a Decimal (never a float), got {shown(value)}")]


def _pairs(value: Iterable[tuple[str, Value]]) -> tuple[tuple[str, Value], ...]:
    return cast(tuple[tuple[str, Value], ...], frozen_tuple(value))


@attrs.frozen
class Facts:
    """A frozen mapping of names (or codes) to recorded values: yes/no, whole numbers or finite Decimals."""

    items: tuple[tuple[str, Value], ...] = attrs.field(default=(), converter=_pairs)
    # a lookup table built once: units are read many times per assessment
    _index: dict[str, Value] = attrs.field(init=False, eq=False, repr=False, hash=False)
    # the last set every name was found in (see names_within), by identity: a batch checks many units against the
    # few code sets of one ruleset, and a unit assessed again is then checked at once
    _within: frozenset[str] | None = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)
    # whether some name is written "<family>:<code>" (the engine reads a unit's values straight from the index
    # when none is): found once, not at every assessment
    _qualified: bool = attrs.field(init=False, default=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not isinstance(self.items, tuple):
            problems.append(Problem("$", f"expected (name, value) pairs, got {shown(self.items)}"))
        else:
            seen: set[object] = set()
            for pair in self.items:
                if not isinstance(pair, tuple) or len(pair) != 2:
                    problems.append(Problem("$", f"expected a (name, value) pair, got {shown(pair)}"))
                    continue
                name, value = pair
                problems += _value_problems(name, value, "$")
                if not isinstance(name, str):  # refused above; it may not even be hashable
                    continue
                if name in seen:
                    problems.append(Problem(f"$.{name}", "given twice"))
                seen.add(name)
        raise_problems(problems, "Facts")
        index = dict(self.items)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_qualified", ":" in "".join(index))

    @classmethod
    def of(cls, mapping: Mapping[str, Value]) -> Facts:
        """Facts from a mapping, checked: a float, a non-finite or absurd number, or any other type is refused
        with an InputError naming the entry."""
        if not isinstance(mapping, Mapping):
            raise InputError("Facts", [Problem("$", f"expected a mapping of names to values, got {shown(mapping)}")])
        if not all(isinstance(name, str) for name in mapping):  # refused before sorting, which they would break
            raise_problems(_facts_problems(mapping), "Facts")
        return cls(tuple(sorted(mapping.items())))  # the constructor checks every value, once

    def get(self, name: str) -> Value | None:
        """The value recorded under ``name``, or None when it was not recorded."""
        return self._index.get(name)

    def names(self) -> KeysView[str]:
        """Every name a value is recorded under (a read-only view)."""
        return self._index.keys()

    def names_within(self, known: frozenset[str]) -> bool:
        """Whether every name a value is recorded under is in ``known`` (``known.issuperset(self.names())``); the
        last frozen set found to hold them all is remembered, by identity."""
        if self._within is known:
            return True
        if not known.issuperset(self._index):
            return False
        # a set that may change is never remembered; nor is one for the shared empty Facts(), within every set
        if self._index and type(known) is frozenset:
            object.__setattr__(self, "_within", known)
        return True

    def __iter__(self) -> Iterator[tuple[str, Value]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def structure_facts(value: object, _: type) -> Facts:
    """Facts from a JSON-like mapping: yes/no, whole numbers, or decimal strings (never floats)."""
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a mapping of names to values, got {shown(value)}")
    problems = []
    out: dict[str, Value] = {}
    for k, v in value.items():
        if isinstance(v, bool | int | Decimal):
            out[str(k)] = v
        elif isinstance(v, str):  # digits 0-9: not "1_000", "١٢٣", "NaN"
            number = number_from_text(v)
            if number is None:
                problems.append(Problem(f"$.{k}", f"expected a number in a string, got {shown(v)}"))
            else:
                out[str(k)] = number
        else:
            problems.append(Problem(f"$.{k}", f"expected true/false, a whole number or a decimal string "
                                              f"(never a float), got {shown(v)}"))
    if problems:
        raise InputError("Facts", problems)
    return Facts.of(out)


def unstructure_facts(facts: Facts) -> dict[str, object]:
    """Facts as a JSON-ready mapping, Decimals written as strings so no digit is lost."""
    return {k: v if isinstance(v, bool | int) else str(v) for k, v in facts}


def _facts_problems(mapping: Mapping[str, object]) -> list[Problem]:
    return [p for k, v in mapping.items() for p in _value_problems(k, v, "$")]


_REGION = enum_converter(Region)


def _region(value: Region | str | None) -> Region | None:
    return cast(Region | None, _REGION(value))


def _flags(value: Iterable[str]) -> frozenset[str]:
    return cast(frozenset[str], frozen_set(value))


def _facts(value: Facts | Mapping[str, Value]) -> Facts:
    """A mapping as :class:`Facts` when it is valid; anything else as given, for the unit to report with the path
    of the field (``$.facts.poverty_rate``)."""
    if isinstance(value, Mapping):
        try:
            return Facts.of(value)
        except InputError:
            return cast(Facts, value)
    return value


@attrs.frozen
class _Unit:
    name: str
    reference_date: dt.date
    code: str | None = None
    province: str | None = None
    region: Region | None = attrs.field(default=None, converter=_region)
    flags: frozenset[str] = attrs.field(default=frozenset(), converter=_flags)
    facts: Facts = attrs.field(default=Facts(), converter=_facts)
    observations: Facts = attrs.field(default=Facts(), converter=_facts)
    #: the unit's own existence (a commune formed on 2025-07-01 has valid_from 2025-07-01)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self, skip=("facts", "observations"))
        for name in ("facts", "observations"):
            value = getattr(self, name)
            if isinstance(value, Mapping):
                problems += [Problem(f"$.{name}" + p.path[1:], p.message) for p in _facts_problems(value)]
            elif not isinstance(value, Facts):
                problems.append(Problem(f"$.{name}", f"expected a mapping of names to values, got {shown(value)}"))
        if problems:  # the checks below need valid dates
            raise InputError(type(self).__name__, problems)
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            problems.append(Problem("$.valid_to", f"{self.valid_to} is before valid_from {self.valid_from}"))
        if not self.exists_on(self.reference_date):
            problems.append(Problem("$.reference_date", (
                f"{self.name} did not exist on {self.reference_date} (valid {self.valid_from} – {self.valid_to})")))
        if problems:
            raise InputError(type(self).__name__, problems)

    @property
    def id(self) -> str | None:
        """The GSO code when given, else the name."""
        return self.code or self.name

    def exists_on(self, day: dt.date) -> bool:
        """Whether the unit existed on that day (after mergers, a unit may be formed or dissolved)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    default_family: ClassVar[str] = ""

    def scope_values(self) -> Mapping[str, ScopeValue]:
        """The year, and the region (and whether it is the Mekong Delta) when the unit gives one. A region derived
        from the province is added by :func:`ntp_criteria.assess` from the catalogue's table, with its source."""
        out: dict[str, ScopeValue] = {"year": self.reference_date.year}
        region = self.region
        if region is not None:
            out["region"] = region.value
            out["mekong_delta"] = "yes" if region is Region.DBSCL else "no"
        return out

    def recorded(self, code: str, family: str = "") -> Value | None:
        """A value recorded against a code: ``"<family>:<code>"`` for any family, or a bare ``"<code>"`` for the
        unit's default family (codes repeat across sets: criterion 2 is transport in QĐ 318, income in QĐ 319)."""
        qualified = self.observations.get(f"{family}:{code}") if family else None
        if qualified is not None:
            return qualified
        if not family or family == self.default_family:
            return self.observations.get(code)
        return None

    def fact(self, name: str) -> Value | None:
        """The raw fact recorded under ``name``, or None when it was not given."""
        return self.facts.get(name)


@attrs.frozen
class Commune(_Unit):
    """A commune-level unit (xã, phường, thị trấn; đặc khu from 2025)."""

    kind: ClassVar[str] = "commune"
    default_family: ClassVar[str] = "ntm.commune"


@attrs.frozen
class Village(_Unit):
    """A village-level unit (thôn, bản, làng, phum, sóc, xóm, ấp, khu dân cư, tổ dân phố …)."""

    kind: ClassVar[str] = "village"
    default_family: ClassVar[str] = "ethnic.village"


@attrs.frozen
class District(_Unit):
    """A district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh); none exists from 2025-07-01."""

    kind: ClassVar[str] = "district"
    default_family: ClassVar[str] = "ntm.district"

    def __attrs_post_init__(self) -> None:
        day = self.reference_date
        # compared only once it is a date (a string or a datetime is refused below, with its path)
        if isinstance(day, dt.date) and not isinstance(day, dt.datetime) and day >= DISTRICTS_ABOLISHED:
            raise InputError("District", [Problem("$.reference_date", (
                f"no district-level units exist on {self.reference_date}: districts were abolished on "
                f"{DISTRICTS_ABOLISHED} (two-tier local government)"))])
        super().__attrs_post_init__()


@attrs.frozen
class Province(_Unit):
    """A province-level unit (tỉnh, thành phố trực thuộc trung ương): 63 before 2025-07-01, 34 after."""

    kind: ClassVar[str] = "province"
    default_family: ClassVar[str] = "ntm.province"


CONVERTER.register_structure_hook(Facts, structure_facts)
CONVERTER.register_unstructure_hook(Facts, unstructure_facts)
