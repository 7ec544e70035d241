"""The catalogue value: every instrument, ruleset, programme and region table known, checked and immutable."""

from __future__ import annotations

import datetime as dt

import attrs

from ..core._validate import check_text, raise_problems, shown, unknown_code
from ..core.errors import ConflictingRules, InputError, NoRulesetInForce, Problem, UnknownCode, UnknownFamily
from ..core.model import LegalInstrument, Ruleset, ScopeRule
from ..core.places import _Unit
from ..core.programme import Link, Programme
from ..engine import facts_read_by, flags_read_by_code
from . import _schema as rd
from ._packs import Supplied
from .regions import ProvinceRegions
from .units import is_official, unit_codes

__all__ = ["Catalogue"]


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
    #: the province → region table of the 2021-2025 criteria, from which a unit's region is derived
    regions: ProvinceRegions | None = None
    #: the rules packs loaded on top of the rules, by file name
    packs: tuple[str, ...] = ()
    #: every number or indicator the packs supply, with what it replaces
    supplied: tuple[Supplied, ...] = ()
    #: what the look-ups below found, by question (a catalogue never changes, so neither do the answers)
    _memo: dict[tuple[object, ...], frozenset[str]] = attrs.field(init=False, factory=dict, eq=False, repr=False,
                                                                 hash=False)

    def families(self) -> frozenset[str]:
        """The families with at least one encoded ruleset."""
        return frozenset(rs.family for rs in self.rulesets)

    def unencoded_families(self) -> frozenset[str]:
        """Families the law defines but this library encodes no ruleset of (see ``rd.NotEncoded``)."""
        return frozenset(f for e in self.not_encoded for f in e.families) - self.families()

    def family(self, family: str) -> tuple[Ruleset, ...]:
        """The rulesets of ``family`` in date order: empty for a family known but not encoded."""
        if not isinstance(family, str):
            raise InputError("ruleset()", [Problem("$.family", f"expected a family name, got {shown(family)}")])
        found = tuple(rs for rs in self.rulesets if rs.family == family)
        if not found and family not in self.unencoded_families():
            raise UnknownFamily(family, self.families() | self.unencoded_families())
        return found

    def in_force(self, family: str, on: dt.date) -> Ruleset:
        """The ruleset of ``family`` in force on ``on``; :class:`~ntp_criteria.NoRulesetInForce` says why none is."""
        items = self.family(family)
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise InputError("ruleset()", [Problem("$.on", f"expected a date (datetime.date), got {shown(on)}")])
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

    def codes_read(self, ruleset: Ruleset) -> frozenset[str]:
        """The criterion and indicator codes ``ruleset`` reads values recorded under."""
        hit = _READS.get(id(ruleset))  # asked once per assessment: the look-up of _reads, written out
        return hit[1] if hit is not None and hit[0] is ruleset else _reads(ruleset)[1]

    def facts_read(self, ruleset: Ruleset) -> frozenset[str]:
        """The facts the ``fact:`` measures of ``ruleset`` read."""
        hit = _READS.get(id(ruleset))
        return hit[2] if hit is not None and hit[0] is ruleset else _reads(ruleset)[2]

    def codes_of_family(self, family: str) -> frozenset[str]:
        """Every code of every ruleset of ``family`` (empty for a family not encoded)."""
        key = ("family", family)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = frozenset().union(*(_codes(rs) for rs in self.rulesets if rs.family == family))
        return found

    def codes_of_subject(self, subject: str) -> frozenset[str]:
        """Every code of every ruleset that assesses subjects of the kind ``subject`` (``"household"`` …)."""
        key = ("subject", subject)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = frozenset().union(*(_codes(rs) for rs in self.rulesets if rs.subject == subject))
        return found

    def facts_read_anywhere(self) -> frozenset[str]:
        """Every fact any ruleset of the catalogue reads."""
        found = self._memo.get(("facts",))
        if found is None:
            found = self._memo["facts",] = frozenset().union(*(self.facts_read(rs) for rs in self.rulesets))
        return found

    def flags_read_anywhere(self) -> frozenset[str]:
        """Every unit flag some rule reads: the flags of the rulesets' scope rules, and those the families' code
        reads (:func:`~ntp_criteria.engine.reads_flags`)."""
        code = flags_read_by_code()
        key = ("flags", code)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = code.union(
                *(rule.when_any_flag for rs in self.rulesets for rule in rs.scope_rules))
        return found

    def instrument(self, key: str) -> LegalInstrument:
        """An instrument by its id (``"nd-07-2021"``) or its number as written (``"07/2021/NĐ-CP"``)."""
        raise_problems(check_text(key, "$.key", "an instrument id or number (text)"), "instrument()")
        for inst in self.instruments:
            if key in (inst.id, inst.number):
                return inst
        known = [i.id for i in self.instruments] + [i.number for i in self.instruments]
        raise UnknownCode("instrument()", [unknown_code("$.key", key, known, "instrument")])

    def derived_scope(self, subject: object) -> tuple[ScopeRule, ...]:
        """The scope values this catalogue derives for ``subject``, with their sources: an administrative unit
        that gives its province (by name or official code), or only its own official code, but no region gets the
        region (and whether it is the Mekong Delta) from the region table, on the dates the table describes;
        nothing for anything else."""
        if self.regions is None or not isinstance(subject, _Unit) or subject.region is not None:
            return ()
        province, code = subject.province, subject.code
        if province is not None and not is_official(province):
            return self.regions.rules_for(province, subject.reference_date)
        # a province, or else the unit itself, given by its official code: the province's name from the code tables
        by_code = province if province is not None else code
        if by_code is None or not is_official(by_code) or getattr(type(subject), "kind", "") == "village":
            return ()
        for name in unit_codes().province_names(by_code, subject.reference_date):
            rules = self.regions.rules_for(name, subject.reference_date)
            if rules:
                return rules
        return ()


# A ruleset's codes and the facts it reads, by its identity (the identity check guards against a recycled
# id()): asked once per assessment that records values, for rulesets that never change.
_READS: dict[int, tuple[Ruleset, frozenset[str], frozenset[str]]] = {}


def _reads(ruleset: Ruleset) -> tuple[Ruleset, frozenset[str], frozenset[str]]:
    hit = _READS.get(id(ruleset))
    if hit is not None and hit[0] is ruleset:
        return hit
    if len(_READS) > 4096:  # many short-lived what-if rulesets: start afresh rather than grow
        _READS.clear()
    codes = frozenset([c.code for c in ruleset.criteria] + [i.code for _, i in ruleset.indicators()])
    facts = frozenset(f for _, i in ruleset.indicators() if i.measure is not None for f in facts_read_by(i.measure))
    hit = _READS[id(ruleset)] = (ruleset, codes, facts)
    return hit


def _codes(ruleset: Ruleset) -> frozenset[str]:
    return _reads(ruleset)[1]


def _facts(ruleset: Ruleset) -> frozenset[str]:
    return _reads(ruleset)[2]


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
