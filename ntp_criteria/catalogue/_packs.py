"""Rules packs: numbers and indicators that the law's holders supply for the package's rulesets.

A pack is a rules file from outside the package. Besides anything a rules file holds (whole new instruments and
families), it may supply, for a ruleset the package has:

* ``[[fills]]``: thresholds of an indicator for scopes the package decides by a recorded result (a regional
  level of QĐ 318 read in the official annex); a number the package already has is replaced only with
  ``replaces = { value = …, why = "…" }`` naming the value it replaces;
* ``[[additions]]``: an indicator added to a criterion (e.g. one the package records as a whole).

Every number a pack supplies carries its own citation and status, and the pack's name is added to its citation,
so explanations and the status table show where it came from. Two packs that fill the same number are a
conflict, never "the last wins".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from ..core._validate import nearest
from ..core.errors import Problem, RuleDataError
from ..core.model import Indicator, LegalInstrument, Provenance, Ruleset, Scope, ScopeValue, Threshold
from . import _schema as rd
from ._build import Inherited, _threshold, indicator_of, table_thresholds
from ._overlay import overlaid

__all__ = ["Supplied", "apply_pack_overlays", "apply_packs"]


@attrs.frozen
class Supplied:
    """One number or indicator a pack supplies: where (family, instrument, indicator, scope), from which pack
    file, and the package's value it replaces with the reason (None when it filled a gap or added)."""

    family: str
    instrument: str
    code: str
    scope: Scope
    file: str
    replaced: Threshold | None = None
    why: str = ""


def _stamped(p: Provenance, pack: str) -> Provenance:
    """The pack's name added to a citation it supplies, so every line that cites the number names the pack."""
    return attrs.evolve(p, cite=f"{p.cite} (pack: {pack})")


def _overlaps(a: Scope, b: Scope) -> bool:
    """Whether some subject is in both scopes (they agree on every dimension both name)."""
    bv = dict(b.items)
    return all(bv.get(name, value) == value for name, value in a.items)


def apply_packs(built: list[tuple[Ruleset, str]], packs: Mapping[str, rd.RawFile]
                ) -> tuple[list[tuple[Ruleset, str]], tuple[Supplied, ...]]:
    """``built`` with every pack's fills and additions applied, and what each supplied; a pack that names an
    unknown ruleset or code, a scope the ruleset does not declare, a number the package has without
    ``replaces``, or a number another pack fills too, is a :class:`~ntp_criteria.RuleDataError`."""
    supplied: list[Supplied] = []
    for name, raw in packs.items():
        pack = raw.pack.name if raw.pack is not None else name
        for k, fill in enumerate(raw.fills):
            built = _fill(built, fill, raw, name, pack, f"$.fills[{k}]", supplied)
        for k, add in enumerate(raw.additions):
            built = _add(built, add, raw, name, pack, f"$.additions[{k}]", supplied)
    return built, tuple(supplied)


def apply_pack_overlays(built: list[tuple[Ruleset, str]], packs: Mapping[str, rd.RawFile],
                        instruments: Mapping[str, LegalInstrument]) -> list[tuple[Ruleset, str]]:
    """``built`` with each pack's provincial overlays applied from the overlay's date: a ruleset in force then is
    split there, and its later part gets the provincial thresholds, each checked against the national one (the
    same comparison and unit, never looser: :class:`~ntp_criteria.catalogue.overlays.LooserThanNational`)."""
    for name, raw in packs.items():
        if not raw.overlay or raw.instrument is None:
            continue
        instrument = instruments[raw.instrument.id]
        start = instrument.effective or instrument.signed
        for family in dict.fromkeys(o.family for o in raw.overlay):
            out: list[tuple[Ruleset, str]] = []
            hit = False
            for national, origin in built:
                if national.family != family or (national.valid_to is not None and national.valid_to < start):
                    out.append((national, origin))
                    continue
                hit = True
                later = national
                if national.valid_from < start:
                    out.append((attrs.evolve(national, valid_to=start - dt.timedelta(days=1)), origin))
                    later = attrs.evolve(national, valid_from=start)
                changed = overlaid(later, raw.overlay, instrument, name, national, skip_other_families=True)
                out.append((attrs.evolve(changed, amended_by=(*changed.amended_by, instrument)), origin))
            if not hit:
                raise RuleDataError(name, [Problem("$.overlay", (
                    f"no {family!r} ruleset is in force on or after {start.isoformat()}, the date of "
                    f"{instrument.number}"))])
            built = out
    return built


def _targets(built: list[tuple[Ruleset, str]], family: str, instrument: str, file: str, path: str) -> list[int]:
    found = [n for n, (rs, _) in enumerate(built) if rs.family == family and rs.instrument.id == instrument]
    if not found:
        issued = sorted({rs.instrument.id for rs, _ in built if rs.family == family})
        known = (f"{family} is issued by {', '.join(issued)}" if issued else
                 f"unknown family{nearest(family, {rs.family for rs, _ in built})}")
        raise RuleDataError(file, [Problem(path, f"no {family!r} ruleset of {instrument!r}: {known}")])
    return found


def _fill(built: list[tuple[Ruleset, str]], fill: rd.RawFill, raw: rd.RawFile, file: str, pack: str, path: str,
          supplied: list[Supplied]) -> list[tuple[Ruleset, str]]:
    every = _targets(built, fill.family, fill.instrument, file, path)
    # the periods of the set that have the indicator (an amendment may add it from a date)
    targets = [n for n in every if built[n][0].has_indicator(fill.indicator)]
    if not targets:
        first = built[every[0]][0]
        codes = {i.code for n in every for _, i in built[n][0].indicators()}
        raise RuleDataError(file, [Problem(f"{path}.indicator", (
            f"{first.family} ({first.instrument.number}) has no indicator {fill.indicator!r}"
            f"{nearest(fill.indicator, codes)}"))])
    first = built[targets[0]][0]
    declared = {d.name: d.values for d in first.dimensions}
    inherited = Inherited(declared=declared).within(raw.defaults, "$").within(fill.defaults, path)
    problems: list[Problem] = []
    new: list[tuple[Threshold, rd.RawReplacement | None, str]] = []
    for k, written in enumerate(fill.thresholds):
        built_t = _threshold(written, f"{path}.thresholds[{k}]", fill.indicator, inherited, problems)
        if built_t is not None:
            new.append((built_t, written.replaces, f"{path}.thresholds[{k}]"))
    for k, table in enumerate(fill.tables):
        new.extend((t, None, f"{path}.tables[{k}]")
                   for t in table_thresholds(table, f"{path}.tables[{k}]", fill.indicator, inherited, problems))
    problems += _undeclared(new, declared)
    if problems:
        raise RuleDataError(file, problems)
    out = list(built)
    for n in targets:
        rs, origin = out[n]
        indicator = rs.indicator(fill.indicator)
        thresholds = list(indicator.thresholds)
        for t, replaces, where in new:
            same = next((x for x in thresholds if x.scope == t.scope), None)
            clash = [x for x in thresholds if x.scope != t.scope and _overlaps(x.scope, t.scope)]
            earlier = next((s for s in supplied if (s.family, s.instrument, s.code, s.scope) ==
                            (rs.family, rs.instrument.id, fill.indicator, t.scope) and s.file != file), None)
            if earlier is not None:
                problems.append(Problem(where, (
                    f"{fill.indicator} [{t.scope}] is filled by {earlier.file} too: two packs supply the same "
                    "number, and the law has one")))
            elif clash:
                problems.append(Problem(where, (
                    f"[{t.scope}] overlaps the package's [{clash[0].scope}] of {fill.indicator}: fill the scopes "
                    "the package uses, or replace its number")))
            elif same is not None and replaces is None and not _already(supplied, rs, fill.indicator, t, file):
                problems.append(Problem(where, (
                    f"the package has {fill.indicator} [{t.scope}] {same.op.value} {same.value} "
                    f"({same.provenance}); a pack replaces a number only with replaces = {{ value = {same.value}, "
                    "why = \"…\" }")))
            elif same is not None and replaces is not None and replaces.value != same.value:
                problems.append(Problem(f"{where}.replaces.value", (
                    f"names {replaces.value}, but the package has {same.value} for {fill.indicator} [{t.scope}]")))
            elif same is None and replaces is not None:
                problems.append(Problem(f"{where}.replaces", f"the package has no {fill.indicator} [{t.scope}] to "
                                                              "replace"))
            else:
                provenance = _stamped(t.provenance, pack)
                if same is not None and replaces is not None:
                    # the number it replaces stays visible wherever the new one is cited (explanations, status)
                    provenance = attrs.evolve(provenance, cite=(
                        f"{provenance.cite.removesuffix(')')}; replaces {same.op.value} {same.value} of "
                        f"{same.provenance.cite}: {replaces.why})"))
                stamped = attrs.evolve(t, provenance=provenance)
                if same is not None:
                    thresholds[thresholds.index(same)] = stamped
                else:
                    thresholds.append(stamped)
                if not _already(supplied, rs, fill.indicator, t, file):
                    supplied.append(Supplied(rs.family, rs.instrument.id, fill.indicator, t.scope, file, same,
                                             replaces.why if replaces is not None else ""))
        out[n] = (rs.with_indicator(attrs.evolve(indicator, thresholds=tuple(thresholds))), origin)
    if problems:
        raise RuleDataError(file, problems)
    return out


def _already(supplied: Iterable[Supplied], rs: Ruleset, code: str, t: Threshold, file: str) -> bool:
    """Whether this file already supplied this number (to another period of the same ruleset)."""
    return any((s.family, s.instrument, s.code, s.scope, s.file) == (rs.family, rs.instrument.id, code, t.scope, file)
               for s in supplied)


def _undeclared(new: Iterable[tuple[Threshold, object, str]], declared: Mapping[str, tuple[ScopeValue, ...]]
                ) -> list[Problem]:
    problems: list[Problem] = []
    for t, _, where in new:
        for dim, value in t.scope:
            if dim not in declared:
                problems.append(Problem(f"{where}.{dim}", "dimension not declared by the ruleset"))
            elif value not in declared[dim]:
                problems.append(Problem(f"{where}.{dim}", f"{value!r} is not among the declared values "
                                                          f"{list(declared[dim])}"))
    return problems


def _add(built: list[tuple[Ruleset, str]], add: rd.RawPackAddition, raw: rd.RawFile, file: str, pack: str,
         path: str, supplied: list[Supplied]) -> list[tuple[Ruleset, str]]:
    targets = _targets(built, add.family, add.instrument, file, path)
    out = list(built)
    for n in targets:
        rs, origin = out[n]
        problems: list[Problem] = []
        idx = next((i for i, c in enumerate(rs.criteria) if c.code == add.criterion), None)
        if idx is None:
            codes = [c.code for c in rs.criteria]
            raise RuleDataError(file, [Problem(f"{path}.criterion", (
                f"{rs.family} ({rs.instrument.number}) has no criterion {add.criterion!r}"
                f"{nearest(add.criterion, codes)}"))])
        if rs.has_indicator(add.indicator.code) or any(c.code == add.indicator.code for c in rs.criteria):
            raise RuleDataError(file, [Problem(f"{path}.indicator.code", (
                f"{rs.family} already has {add.indicator.code!r}: fill its thresholds with [[fills]]"))])
        declared = {d.name: d.values for d in rs.dimensions}
        inherited = Inherited(declared=declared).within(raw.defaults, "$")
        indicator = _stamp_indicator(indicator_of(add.indicator, f"{path}.indicator", problems, inherited), pack)
        problems += _undeclared(((t, None, f"{path}.indicator.thresholds") for t in indicator.thresholds), declared)
        if problems:
            raise RuleDataError(file, problems)
        criteria = list(rs.criteria)
        criteria[idx] = attrs.evolve(criteria[idx], indicators=(*criteria[idx].indicators, indicator))
        out[n] = (attrs.evolve(rs, criteria=tuple(criteria)), origin)
        entry = Supplied(rs.family, rs.instrument.id, indicator.code, Scope(), file)
        if entry not in supplied:  # once for the set, whatever its periods
            supplied.append(entry)
    return out


def _stamp_indicator(indicator: Indicator, pack: str) -> Indicator:
    return attrs.evolve(
        indicator,
        thresholds=tuple(attrs.evolve(t, provenance=_stamped(t.provenance, pack)) for t in indicator.thresholds),
        parameters=tuple(attrs.evolve(p, provenance=_stamped(p.provenance, pack)) for p in indicator.parameters),
        definition=_stamped(indicator.definition, pack) if indicator.definition is not None else None)
