"""The schema of a rules data file (one per legal instrument) and its checks.

A file holds the instrument, the rulesets it issues, the earlier rulesets it keeps in force for another
period (``extensions``) and what it adds to an earlier ruleset from a date (``amendments``). Every check
here is a load error naming the file and the path: unknown keys, wrong types, a number without a source,
thresholds that leave a scope uncovered or cover it twice, unknown measures or outcome rules.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from decimal import Decimal

import attrs

from ..core import _convert
from ..core.errors import InputError, Problem, RuleDataError
from ..core.model import (
    Comparator,
    Criterion,
    Dimension,
    Indicator,
    InstrumentKind,
    LegalInstrument,
    Parameter,
    Provenance,
    Rollup,
    Ruleset,
    Scope,
    ScopeRule,
    ScopeValue,
    Threshold,
)
from ..engine import is_known_measure, known_outcome_rules, outcome_rule_named
from ._programme_schema import RawLink, RawProgramme

SCHEMA_VERSION = 1
SCOPE_DIMENSIONS = ("area", "region", "mekong_delta", "commune_group", "year")


@attrs.frozen
class RawInstrument:
    id: str
    number: str
    kind: InstrumentKind
    issuer: str
    signed: dt.date
    title_vi: str
    title_en: str
    source: Provenance
    effective: dt.date | None = None
    amends: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    url: str | None = None


@attrs.frozen
class RawThreshold:
    op: Comparator
    value: Decimal
    unit: str
    source: Provenance
    area: str | None = None
    region: str | None = None
    mekong_delta: str | None = None
    commune_group: int | None = None
    year: int | None = None

    def scope(self) -> Scope:
        return Scope.of({d: v for d in SCOPE_DIMENSIONS if (v := getattr(self, d)) is not None})


@attrs.frozen
class RawParameter:
    name: str
    unit: str
    source: Provenance
    value: Decimal | None = None
    kinds: tuple[str, ...] | None = None


@attrs.frozen
class RawIndicator:
    code: str
    name_vi: str
    name_en: str
    measure: str | None = None
    condition_vi: str = ""
    condition_en: str = ""
    definition: Provenance | None = None
    parameters: tuple[RawParameter, ...] = ()
    thresholds: tuple[RawThreshold, ...] = ()
    applies_to: dict[str, list[str | int]] = attrs.Factory(dict)


@attrs.frozen
class RawCriterion:
    code: str
    name_vi: str
    name_en: str
    indicators: tuple[RawIndicator, ...] = ()
    rollup: Rollup = Rollup.ALL
    count_threshold: RawThreshold | None = None
    note: str = ""


@attrs.frozen
class RawScopeRule:
    dimension: str
    value: str | int
    when_any_flag: tuple[str, ...]
    source: Provenance


@attrs.frozen
class RawRuleset:
    family: str
    subject: str
    title_vi: str
    title_en: str
    cite: str
    valid_from: dt.date
    validity: Provenance
    outcome: str
    criteria: tuple[RawCriterion, ...]
    valid_to: dt.date | None = None
    dimensions: dict[str, list[str | int]] = attrs.Factory(dict)
    scope_rules: tuple[RawScopeRule, ...] = ()


@attrs.frozen
class RawExtension:
    """A later instrument keeps an earlier instrument's ruleset in force for another period."""

    family: str
    instrument: str
    valid_from: dt.date
    validity: Provenance
    valid_to: dt.date | None = None


@attrs.frozen
class RawAddition:
    criterion: str
    indicator: RawIndicator


@attrs.frozen
class RawAmendment:
    """This instrument adds indicators to an earlier instrument's ruleset from a date."""

    family: str
    instrument: str
    in_force_from: dt.date
    source: Provenance
    add: tuple[RawAddition, ...] = ()
    add_criteria: tuple[RawCriterion, ...] = ()


@attrs.frozen
class FamilyEnd:
    """Families that end for good on a date (the kind of unit they assess no longer exists), and why.

    ``ruleset(family, on)`` on or after ``on`` then says ``reason`` instead of "the latest ruleset was in
    force until …", and the loader refuses any ruleset of those families in force on or after ``on``.
    """

    families: tuple[str, ...]
    on: dt.date
    reason: str
    source: Provenance


@attrs.frozen
class NotEncoded:
    """A known successor of families that this library does not encode (its text was not found), and why.

    ``ruleset(family, on)`` on or after ``on`` then names ``instrument`` and says ``reason`` instead of "the
    latest ruleset was in force until …"; the loader refuses the entry once a ruleset of the family is in
    force on or after ``on`` (the successor is encoded after all: delete the entry). A family with no
    ruleset at all is thereby known to the law but not encoded: ``ruleset()`` says so on every date
    (``until``, the instrument's last day where known, only sharpens the message), not "unknown family".
    """

    families: tuple[str, ...]
    on: dt.date
    instrument: str
    reason: str
    source: Provenance
    until: dt.date | None = None


@attrs.frozen
class RawFile:
    schema: int
    instrument: RawInstrument
    rulesets: tuple[RawRuleset, ...] = ()
    extensions: tuple[RawExtension, ...] = ()
    amendments: tuple[RawAmendment, ...] = ()
    family_ends: tuple[FamilyEnd, ...] = ()
    not_encoded: tuple[NotEncoded, ...] = ()
    programmes: tuple[RawProgramme, ...] = ()
    links: tuple[RawLink, ...] = ()


def parse(file: str, data: object) -> RawFile:
    """Structure parsed TOML into the raw schema; errors name the file and each path."""
    try:
        raw = _convert.structure(data, RawFile, file)
    except InputError as exc:
        raise RuleDataError(file, exc.problems) from None
    if raw.schema != SCHEMA_VERSION:
        raise RuleDataError(file, [Problem("$.schema", f"schema {raw.schema} is not {SCHEMA_VERSION}")])
    return raw


def instrument_of(raw: RawInstrument) -> LegalInstrument:
    return LegalInstrument(
        id=raw.id, number=raw.number, kind=raw.kind, issuer=raw.issuer, signed=raw.signed,
        effective=raw.effective, title_vi=raw.title_vi, title_en=raw.title_en, provenance=raw.source,
        amends=raw.amends, supersedes=raw.supersedes, url=raw.url,
    )


def _parameter(raw: RawParameter, path: str, problems: list[Problem]) -> Parameter | None:
    if (raw.value is None) == (raw.kinds is None):
        problems.append(Problem(path, "a parameter has exactly one of 'value' (a number) or 'kinds' (a list)"))
        return None
    value: Decimal | tuple[str, ...] = raw.value if raw.value is not None else tuple(raw.kinds or ())
    return Parameter(raw.name, value, raw.unit, raw.source)


def indicator_of(raw: RawIndicator, path: str, problems: list[Problem]) -> Indicator:
    if raw.measure is not None and not is_known_measure(raw.measure):
        problems.append(Problem(f"{path}.measure", f"unknown measure {raw.measure!r}"))
    params = [_parameter(p, f"{path}.parameters[{k}]", problems) for k, p in enumerate(raw.parameters)]
    return Indicator(
        code=raw.code, name_vi=raw.name_vi, name_en=raw.name_en,
        thresholds=tuple(threshold_of(t) for t in raw.thresholds),
        measure=raw.measure, parameters=tuple(p for p in params if p is not None),
        condition_vi=raw.condition_vi, condition_en=raw.condition_en, definition=raw.definition,
        applies_to=tuple(Dimension(k, tuple(v)) for k, v in raw.applies_to.items()),
    )


def threshold_of(raw: RawThreshold) -> Threshold:
    return Threshold(op=raw.op, value=raw.value, unit=raw.unit, provenance=raw.source, scope=raw.scope())


def criterion_of(rc: RawCriterion, cpath: str, problems: list[Problem]) -> Criterion:
    inds = tuple(indicator_of(ri, f"{cpath}.indicators[{ii}]", problems) for ii, ri in enumerate(rc.indicators))
    cut = threshold_of(rc.count_threshold) if rc.count_threshold else None
    return Criterion(rc.code, rc.name_vi, rc.name_en, inds, rc.rollup, cut, rc.note)


def ruleset_of(raw: RawRuleset, instrument: LegalInstrument, path: str) -> tuple[Ruleset, list[Problem]]:
    problems: list[Problem] = []
    criteria = [criterion_of(rc, f"{path}.criteria[{ci}]", problems) for ci, rc in enumerate(raw.criteria)]
    if raw.outcome not in known_outcome_rules():
        problems.append(Problem(f"{path}.outcome", f"unknown outcome rule {raw.outcome!r}"))
    else:
        codes = {c.code for c in criteria} | {i.code for c in criteria for i in c.indicators}
        lacking = [code for code in outcome_rule_named(raw.outcome).reads if code not in codes]
        if lacking:
            problems.append(Problem(f"{path}.outcome", (
                f"the outcome rule {raw.outcome!r} reads {', '.join(map(repr, lacking))}, which this ruleset does "
                "not define (a criterion or indicator code renamed or missing?)")))
    rs = Ruleset(
        family=raw.family, subject=raw.subject, instrument=instrument, valid_from=raw.valid_from,
        valid_to=raw.valid_to, validity=raw.validity, title_vi=raw.title_vi, title_en=raw.title_en,
        cite=raw.cite, outcome=raw.outcome,
        dimensions=tuple(Dimension(k, tuple(v)) for k, v in raw.dimensions.items()),
        criteria=tuple(criteria),
        scope_rules=tuple(ScopeRule(r.dimension, r.value, r.when_any_flag, r.source) for r in raw.scope_rules),
    )
    return rs, problems


def check_ruleset(rs: Ruleset, path: str) -> list[Problem]:
    """Structure checks that hold for every ruleset, whatever its law."""
    problems: list[Problem] = []
    if rs.valid_to is not None and rs.valid_to < rs.valid_from:
        problems.append(Problem(f"{path}.valid_to", f"{rs.valid_to} is before valid_from {rs.valid_from}"))
    declared = {d.name: d.values for d in rs.dimensions}
    for k, rule in enumerate(rs.scope_rules):
        if rule.dimension not in declared or rule.value not in declared[rule.dimension]:
            problems.append(Problem(f"{path}.scope_rules[{k}]",
                                    f"{rule.dimension}={rule.value!r} is not a declared dimension value"))
    for name in declared:
        if name not in SCOPE_DIMENSIONS:
            problems.append(Problem(f"{path}.dimensions.{name}", f"unknown dimension; known: {SCOPE_DIMENSIONS}"))
    if "year" in declared and rs.valid_to is not None:
        in_force = set(range(rs.valid_from.year, rs.valid_to.year + 1))
        gap = sorted(in_force - set(declared["year"]))
        if gap:
            problems.append(Problem(f"{path}.dimensions.year", f"years in force but not declared: {gap}"))

    codes: set[str] = set()
    for ci, c in enumerate(rs.criteria):
        cpath = f"{path}.criteria[{ci}]"
        for code, where in [(c.code, cpath), *((i.code, f"{cpath}.indicators[{k}]") for k, i in
                                               enumerate(c.indicators))]:
            if code in codes:
                problems.append(Problem(f"{where}.code", f"code {code!r} used twice"))
            codes.add(code)
        if (c.rollup is Rollup.COUNT) != (c.count_threshold is not None):
            problems.append(Problem(f"{cpath}.count_threshold",
                                    "a 'count' roll-up needs a count_threshold, and only it may have one"))
        for ii, ind in enumerate(c.indicators):
            ipath = f"{cpath}.indicators[{ii}]"
            needed = dict(declared)
            for d in ind.applies_to:  # the coverage a test needs is only where the law has it
                unknown = [x for x in d.values if d.name not in declared or x not in declared[d.name]]
                if unknown:
                    problems.append(Problem(f"{ipath}.applies_to.{d.name}", f"values not declared: {unknown}"))
                needed[d.name] = d.values
            problems.extend(_coverage(ind.thresholds, needed, f"{ipath}.thresholds"))
    return problems


def _coverage(
    thresholds: Iterable[Threshold], declared: dict[str, tuple[ScopeValue, ...]], path: str
) -> list[Problem]:
    """Each combination of the dimensions the thresholds use is matched by exactly one threshold."""
    ts = list(thresholds)
    if not ts:
        return []
    problems: list[Problem] = []
    used = sorted(set().union(*(t.scope.dimensions() for t in ts)))
    for k, t in enumerate(ts):
        for name, value in t.scope:
            if name not in declared:
                problems.append(Problem(f"{path}[{k}].{name}", "dimension not declared by the ruleset"))
            elif value not in declared[name]:
                problems.append(Problem(f"{path}[{k}].{name}",
                                        f"{value!r} is not among the declared values {list(declared[name])}"))
    if problems:
        return problems
    for combo in itertools.product(*(declared[d] for d in used)):
        point = dict(zip(used, combo, strict=True))
        n = sum(1 for t in ts if t.scope.matches(point))
        where = ", ".join(f"{k}={v!r}" for k, v in point.items())
        if n == 0:
            problems.append(Problem(path, f"no threshold for {where} (declared {', '.join(used)})"))
        elif n > 1:
            problems.append(Problem(path, f"{n} thresholds apply to {where}; the law allows one"))
    return problems


def check_family_periods(rulesets: Iterable[tuple[Ruleset, str]]) -> list[tuple[str, Problem]]:
    """Validity periods of one family never overlap; returns (file, problem) pairs."""
    out: list[tuple[str, Problem]] = []
    by_family: dict[str, list[tuple[Ruleset, str]]] = {}
    for rs, file in rulesets:
        by_family.setdefault(rs.family, []).append((rs, file))
    for family, items in by_family.items():
        items.sort(key=lambda x: x[0].valid_from)
        for (a, fa), (b, fb) in itertools.pairwise(items):
            if a.valid_to is None or a.valid_to >= b.valid_from:
                out.append((fb, Problem("$", (
                    f"{family}: {b.instrument.number} from {b.valid_from} overlaps "
                    f"{a.instrument.number} ({a.period}, {fa}); two rulesets in force on one day is an error"))))
    return out


def check_family_ends(ends: Iterable[tuple[FamilyEnd | NotEncoded, str, str]], rulesets: Iterable[Ruleset]
                      ) -> list[tuple[str, Problem]]:
    """Each family ends (or stops being encoded) at most once, names a known family, and has no ruleset in
    force on or after that date; ``ends`` holds (entry, file, path) triples. Returns (file, problem) pairs."""
    by_family: dict[str, list[Ruleset]] = {}
    for rs in rulesets:
        by_family.setdefault(rs.family, []).append(rs)
    out: list[tuple[str, Problem]] = []
    seen: set[str] = set()
    for end, file, path in ends:
        what = ("the successor is encoded: delete this entry" if isinstance(end, NotEncoded)
                else "the family's end")
        if isinstance(end, NotEncoded) and end.until is not None and end.until < end.on:
            out.append((file, Problem(f"{path}.until", f"{end.until.isoformat()} is before on = {end.on.isoformat()}")))
        for family in end.families:
            if family in seen:
                out.append((file, Problem(f"{path}.families", f"{family!r} is given an end twice")))
            seen.add(family)
            if family not in by_family and not isinstance(end, NotEncoded):
                out.append((file, Problem(f"{path}.families", f"no ruleset of family {family!r}")))
            late = [rs for rs in by_family.get(family, []) if rs.valid_to is None or rs.valid_to >= end.on]
            out.extend((file, Problem(f"{path}.on", (
                f"{family}: {rs.instrument.number} ({rs.period}) is in force on or after "
                f"{end.on.isoformat()}, {what}"))) for rs in late)
    return out
