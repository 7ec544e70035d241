"""Find the ruleset in force: ``ruleset(family, on)`` and ``rulesets()``.

The rules data (one TOML file per legal instrument in ``ntp_criteria/rules``) is read from the package
lazily, once, on first use. :func:`load_catalogue` builds a catalogue from file texts alone, so tests and
tools can check rule data without touching the package.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs

from . import _ruledata as rd
from ._programme_data import link_of, programme_of
from .agencies import AGENCIES
from .errors import ConflictingRules, NoRulesetInForce, Problem, RuleDataError, UnknownFamily
from .model import LegalInstrument, Ruleset
from .programme_model import Link, Programme

__all__ = ["Catalogue", "instrument", "instruments", "load_catalogue", "ruleset", "rulesets"]


@attrs.frozen
class Catalogue:
    """Every instrument and ruleset known, checked."""

    instruments: tuple[LegalInstrument, ...]
    rulesets: tuple[Ruleset, ...]
    programmes: tuple[Programme, ...] = ()
    links: tuple[Link, ...] = ()
    #: families that end for good on a date, with the reason (e.g. districts abolished on 2025-07-01)
    ends: tuple[rd.FamilyEnd, ...] = ()
    #: successors known to apply from a date but not encoded (their text was not found), with the reason
    not_encoded: tuple[rd.NotEncoded, ...] = ()

    def families(self) -> frozenset[str]:
        """The families with at least one encoded ruleset."""
        return frozenset(rs.family for rs in self.rulesets)

    def unencoded_families(self) -> frozenset[str]:
        """Families the law defines but this library encodes no ruleset of (see ``rd.NotEncoded``)."""
        return frozenset(f for e in self.not_encoded for f in e.families) - self.families()

    def family(self, family: str) -> tuple[Ruleset, ...]:
        """The rulesets of ``family`` in date order: empty for a family known but not encoded."""
        found = tuple(rs for rs in self.rulesets if rs.family == family)
        if not found and family not in self.unencoded_families():
            raise UnknownFamily(family, self.families() | self.unencoded_families())
        return found

    def in_force(self, family: str, on: dt.date) -> Ruleset:
        items = self.family(family)
        found = [rs for rs in items if rs.in_force(on)]
        if len(found) > 1:  # the loader rejects overlaps; kept as a guard, never "first wins"
            raise ConflictingRules(f"{len(found)} {family!r} rulesets in force on {on}")
        if not found:
            raise NoRulesetInForce(family, on, _why_none(items, on, self.end_of(family)))
        return found[0]

    def end_of(self, family: str) -> rd.FamilyEnd | rd.NotEncoded | None:
        """When and why ``family`` ends for good, or stops being encoded, if the rules data say so."""
        entries: tuple[rd.FamilyEnd | rd.NotEncoded, ...] = (*self.ends, *self.not_encoded)
        return next((e for e in entries if family in e.families), None)


def _why_none(items: tuple[Ruleset, ...], on: dt.date, end: rd.FamilyEnd | rd.NotEncoded | None = None) -> str:
    if not items:
        assert isinstance(end, rd.NotEncoded)  # family() lets no other empty family through
        return _why_never_encoded(end, on)
    first, last = items[0], items[-1]
    if end is not None and on >= end.on:
        until = f"until {last.valid_to.isoformat()}" if last.valid_to is not None else "before that"
        successor = (f"{end.instrument} applies from {end.on.isoformat()} and is not encoded: "
                     if isinstance(end, rd.NotEncoded) else "")
        return (f"{successor}{end.reason} [{end.source.cite}, {end.source.status.value}]; the last encoded "
                f"ruleset, {last.instrument.number}, was in force {until}")
    if on < first.valid_from:
        return (f"the earliest encoded ruleset, {first.instrument.number}, applies from "
                f"{first.valid_from.isoformat()}")
    if last.valid_to is not None and on > last.valid_to:
        return (f"the latest encoded ruleset, {last.instrument.number}, was in force until "
                f"{last.valid_to.isoformat()}")
    before = max((rs for rs in items if rs.valid_to is not None and rs.valid_to < on), key=lambda r: r.valid_from)
    return f"a gap in the encoded rules after {before.instrument.number} ({before.period})"


def _why_never_encoded(end: rd.NotEncoded, on: dt.date) -> str:
    if on < end.on:
        when = f"applies only from {end.on.isoformat()}"
    elif end.until is not None and on > end.until:
        when = f"applied from {end.on.isoformat()} to {end.until.isoformat()}"
    else:
        when = f"applies from {end.on.isoformat()}"
    return (f"no ruleset of this family is encoded; {end.instrument} {when} and is not encoded: {end.reason} "
            f"[{end.source.cite}, {end.source.status.value}]")


def load_catalogue(texts: Mapping[str, str]) -> Catalogue:
    """Build and check a catalogue from rules file texts keyed by file name (no I/O)."""
    raws: dict[str, rd.RawFile] = {}
    for name, text in texts.items():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RuleDataError(name, [Problem("$", f"not valid TOML: {exc}")]) from None
        raws[name] = rd.parse(name, data)

    instruments: dict[str, tuple[LegalInstrument, str]] = {}
    for name, raw in raws.items():
        inst = rd.instrument_of(raw.instrument)
        if inst.id in instruments:
            raise RuleDataError(name, [Problem("$.instrument.id", f"{inst.id!r} also in {instruments[inst.id][1]}")])
        instruments[inst.id] = (inst, name)

    built: list[tuple[Ruleset, str]] = []
    for name, raw in raws.items():
        inst = instruments[raw.instrument.id][0]
        for k, rr in enumerate(raw.rulesets):
            rs, problems = rd.ruleset_of(rr, inst, f"$.rulesets[{k}]")
            if problems:
                raise RuleDataError(name, problems)
            built.append((rs, name))

    for name, raw in raws.items():
        for k, ext in enumerate(raw.extensions):
            base = _one(built, ext.family, ext.instrument, name, f"$.extensions[{k}]")
            built.append((attrs.evolve(base[0], valid_from=ext.valid_from, valid_to=ext.valid_to,
                                       validity=ext.validity), name))

    for name, raw in raws.items():
        by = instruments[raw.instrument.id][0]
        for k, am in enumerate(raw.amendments):
            if not any(rs.family == am.family and rs.instrument.id == am.instrument for rs, _ in built):
                raise RuleDataError(name, [Problem(f"$.amendments[{k}]",
                                                   f"no {am.family!r} ruleset of {am.instrument!r} to amend")])
            built = list(_amend(built, am, by, name, f"$.amendments[{k}]"))

    for rs, name in built:
        problems = rd.check_ruleset(rs, f"$[{rs.family} {rs.period}]")
        if problems:
            raise RuleDataError(name, problems)
    clashes = rd.check_family_periods(built)
    if clashes:
        raise RuleDataError(clashes[0][0], [p for _, p in clashes])
    ends = [(e, name, f"$.family_ends[{k}]") for name, raw in raws.items() for k, e in enumerate(raw.family_ends)]
    pending = [(e, name, f"$.not_encoded[{k}]") for name, raw in raws.items() for k, e in enumerate(raw.not_encoded)]
    late = rd.check_family_ends([*ends, *pending], (rs for rs, _ in built))
    if late:
        raise RuleDataError(late[0][0], [p for _, p in late])

    built.sort(key=lambda x: (x[0].family, x[0].valid_from))
    rulesets = tuple(rs for rs, _ in built)
    programmes, links = _programmes_and_links(raws, rulesets, set(instruments))
    return Catalogue(tuple(i for i, _ in instruments.values()), rulesets, programmes, links,
                     tuple(e for e, _, _ in ends), tuple(e for e, _, _ in pending))


def _programmes_and_links(raws: Mapping[str, rd.RawFile], rulesets: tuple[Ruleset, ...], instrument_ids: set[str]
                          ) -> tuple[tuple[Programme, ...], tuple[Link, ...]]:
    programmes: dict[str, Programme] = {}
    for name, raw in raws.items():
        problems: list[Problem] = []
        for k, rp in enumerate(raw.programmes):
            prog = programme_of(rp, f"$.programmes[{k}]", problems)
            if prog.id in programmes:
                problems.append(Problem(f"$.programmes[{k}].id", f"programme {prog.id!r} defined twice"))
            for unit in prog.units():
                problems.extend(Problem(f"$.programmes[{k}][{unit.key}].leads", f"unknown agency {lead.agency!r}")
                                for lead in unit.leads if lead.agency not in AGENCIES)
                for ref in (*unit.legal_basis, *unit.guided_by):
                    if ref not in instrument_ids:
                        problems.append(Problem(f"$.programmes[{k}][{unit.key}]", f"unknown instrument {ref!r}"))
            programmes[prog.id] = prog
        if problems:
            raise RuleDataError(name, problems)
    codes: dict[str, set[str]] = {}
    for rs in rulesets:
        codes.setdefault(rs.family, set()).update(
            [c.code for c in rs.criteria] + [i.code for _, i in rs.indicators()])
    links: list[Link] = []
    for name, raw in raws.items():
        problems = []
        for k, rl in enumerate(raw.links):
            link = link_of(rl)
            owner = programmes.get(link.programme)
            if owner is None or link.unit not in {u.key for u in owner.units()}:
                problems.append(Problem(f"$.links[{k}]", f"no programme unit {link.unit!r} in {link.programme!r}"))
            unknown = sorted(set(link.codes) - codes[link.family]) if link.family in codes else []
            if unknown:
                problems.append(Problem(f"$.links[{k}].codes", f"not in any {link.family!r} ruleset: {unknown}"))
            links.append(link)
        if problems:
            raise RuleDataError(name, problems)
    return tuple(programmes.values()), tuple(links)


def _one(built: list[tuple[Ruleset, str]], family: str, instrument_id: str, file: str, path: str
         ) -> tuple[Ruleset, str]:
    found = [(rs, f) for rs, f in built if rs.family == family and rs.instrument.id == instrument_id
             and not rs.amended_by]
    if len(found) != 1:
        raise RuleDataError(file, [Problem(path, f"expected one {family!r} ruleset of {instrument_id!r}, "
                                                 f"found {len(found)}")])
    return found[0]


def _amend(built: Iterable[tuple[Ruleset, str]], am: rd.RawAmendment, by: LegalInstrument, file: str, path: str
           ) -> Iterable[tuple[Ruleset, str]]:
    """Split every affected ruleset at the amendment date; the later part carries the additions."""
    for original, f in built:
        rs = original
        if rs.family != am.family or rs.instrument.id != am.instrument or (
                rs.valid_to is not None and rs.valid_to < am.in_force_from):
            yield rs, f
            continue
        if rs.valid_from < am.in_force_from:
            yield attrs.evolve(rs, valid_to=am.in_force_from - dt.timedelta(days=1)), f
            rs = attrs.evolve(rs, valid_from=am.in_force_from)
        problems: list[Problem] = []
        criteria = list(rs.criteria)
        for k, add in enumerate(am.add):
            idx = next((i for i, c in enumerate(criteria) if c.code == add.criterion), None)
            if idx is None:
                problems.append(Problem(f"{path}.add[{k}].criterion", f"no criterion {add.criterion!r}"))
                continue
            ind = rd.indicator_of(add.indicator, f"{path}.add[{k}].indicator", problems)
            criteria[idx] = attrs.evolve(criteria[idx], indicators=(*criteria[idx].indicators, ind))
        criteria.extend(rd.criterion_of(rc, f"{path}.add_criteria[{k}]", problems)
                        for k, rc in enumerate(am.add_criteria))
        if problems:
            raise RuleDataError(file, problems)
        yield attrs.evolve(rs, criteria=tuple(criteria), amended_by=(*rs.amended_by, by)), file


def _package_texts() -> dict[str, str]:
    folder = resources.files("ntp_criteria") / "rules"
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


@functools.cache
def catalogue() -> Catalogue:
    """The package's own catalogue, loaded and checked once."""
    from . import ethnic, ntm, poverty, poverty_areas  # noqa: F401 - register their measures and outcome rules

    return load_catalogue(_package_texts())


def ruleset(family: str, on: dt.date) -> Ruleset:
    """The ruleset of ``family`` in force on ``on``.

    Raises :class:`~ntp_criteria.NoRulesetInForce` (a ``LookupError``) naming the family and the date
    when none is, and :class:`~ntp_criteria.UnknownFamily` for a family that is not known at all.
    """
    return catalogue().in_force(family, on)


def rulesets(family: str | None = None, *, on: dt.date | None = None) -> tuple[Ruleset, ...]:
    """Every known ruleset, optionally of one family and/or in force on one date."""
    items = catalogue().family(family) if family else catalogue().rulesets
    return tuple(rs for rs in items if on is None or rs.in_force(on))


def instruments() -> tuple[LegalInstrument, ...]:
    """Every legal instrument in the rules data."""
    return catalogue().instruments


def instrument(key: str) -> LegalInstrument:
    """An instrument by its id (``"nd-07-2021"``) or its number as written (``"07/2021/NĐ-CP"``)."""
    for inst in catalogue().instruments:
        if key in (inst.id, inst.number):
            return inst
    raise LookupError(f"no instrument {key!r}")
