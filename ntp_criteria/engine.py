"""The rules engine: evaluate indicators, roll up criteria, decide the outcome.

The engine knows no law. Indicators name a *measure* (a registered function computing the observed value
from a subject's facts) and thresholds; rulesets name an *outcome rule* (a registered function deciding
the outcome from the results). Both are selected by the rules data, so a change in the shape of a rule
between instruments is a different named function, never an ``if year < 2022`` here.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from typing import TypeVar

import attrs

from . import _verdict as v
from .errors import CriteriaError, InputError, Problem
from .model import (
    CitedValue,
    Criterion,
    Indicator,
    Rollup,
    Ruleset,
    Scope,
    ScopeRule,
    ScopeValue,
    Status,
    Threshold,
)
from .results import Assessment, CriterionResult, IndicatorResult, Observed, Outcome, ResultStatus
from .subjects import Subject

__all__ = [
    "Decision",
    "Missing",
    "NotApplicable",
    "OutcomeInputs",
    "assess",
    "count_needed",
    "decide",
    "measure",
    "outcome_rule",
]


@attrs.frozen
class Missing:
    """A measure could not be computed: which facts are missing."""

    reason: str


@attrs.frozen
class NotApplicable:
    """The indicator does not apply to this subject."""

    reason: str


MeasureValue = Observed | bool | Missing | NotApplicable
MeasureFn = Callable[[Subject, Indicator], MeasureValue]

_MEASURES: dict[str, MeasureFn] = {}


def measure(name: str) -> Callable[[MeasureFn], MeasureFn]:
    """Register a measure under the name rules data use for it."""

    def register(fn: MeasureFn) -> MeasureFn:
        if name in _MEASURES:
            raise CriteriaError(f"measure {name!r} registered twice")
        _MEASURES[name] = fn
        return fn

    return register


FACT_PREFIX = "fact:"


def _fact_measure(name: str) -> MeasureFn:
    """``fact:<name>``: the value the subject records under a named fact (a rate, a count, a yes/no)."""

    def read(subject: Subject, ind: Indicator) -> MeasureValue:
        value = subject.fact(name)
        if value is None:
            return Missing(f"fact {name!r} not recorded")
        if isinstance(value, bool):
            return value
        return Observed.exactly(value)

    return read


def measure_fn(name: str) -> MeasureFn:
    """The measure a rules file names: a registered function, or ``fact:<name>`` for a recorded fact."""
    if name.startswith(FACT_PREFIX):
        return _fact_measure(name.removeprefix(FACT_PREFIX))
    return _MEASURES[name]


def is_known_measure(name: str) -> bool:
    return name in _MEASURES or (name.startswith(FACT_PREFIX) and len(name) > len(FACT_PREFIX))



@attrs.frozen
class Decision:
    """What an outcome rule decides."""

    outcome: Outcome | None
    candidates: tuple[Outcome, ...]
    because: frozenset[str]
    reasons: tuple[str, ...] = ()
    designations: tuple[tuple[str, bool | None], ...] = ()


@attrs.frozen
class OutcomeInputs:
    """What an outcome rule sees: the ruleset, the subject and a verdict per indicator and criterion."""

    ruleset: Ruleset
    subject: Subject
    on: dt.date
    verdicts: Mapping[str, v.Verdict]
    results: Mapping[str, IndicatorResult | CriterionResult]

    def verdict(self, code: str) -> v.Verdict:
        return self.verdicts[code]

    def why_unknown(self, *codes: str) -> tuple[str, ...]:
        """The reasons the named results are unknown, for an undecided outcome."""
        out: list[str] = []
        for code in codes:
            r = self.results[code]
            if isinstance(r, IndicatorResult) and not r.status.decided:
                out.append(f"{code}: {r.reason}")
            elif isinstance(r, CriterionResult) and not r.status.decided:
                unknown = [i for i in self.results.values() if isinstance(i, IndicatorResult)
                           and i.criterion == code and not i.status.decided]
                names = ", ".join(i.code for i in unknown)
                out.append(f"{code}: {r.total - r.known} of {r.total} indicators unknown ({names})" if r.total
                           else f"{code}: no result recorded (the set's indicators for it are not in the data)")
        return tuple(out)


E = TypeVar("E", bound=enum.Enum)


def decide(x: OutcomeInputs, options: Mapping[E, v.Verdict], note: str | None = None) -> Decision:
    """The outcome whose verdict is True; else the outcomes still possible and why.

    Two outcomes that both hold are reported as a conflict (undecided, with the reason), never resolved by
    order: the law must say which wins. ``note`` adds a reason when the outcome stays open.
    """
    candidates = tuple(c for c, verdict in options.items() if verdict.value is not False)
    decided = [c for c, verdict in options.items() if verdict.value is True]
    if len(decided) == 1 and len(candidates) == 1:
        return Decision(decided[0], candidates, options[decided[0]].because)  # type: ignore[arg-type]
    because: frozenset[str] = frozenset()
    for c in candidates:
        because |= options[c].because
    if len(decided) > 1:
        both = " and ".join(str(c.value) for c in decided)
        return Decision(None, tuple(decided), because, (  # type: ignore[arg-type]
            f"conflict: {both} both apply under {x.ruleset.instrument.number} and no precedence rule is "
            "encoded; the competent authority decides",))
    reasons = list(x.why_unknown(*sorted(code for code in because if code in x.results)))
    if note:
        reasons.append(note)
    return Decision(None, candidates, because, tuple(reasons))  # type: ignore[arg-type]


OutcomeFn = Callable[[OutcomeInputs], Decision]
_OUTCOMES: dict[str, OutcomeFn] = {}
_OUTCOME_TYPES: dict[str, type[enum.Enum]] = {}


def outcome_rule(name: str, outcome: type[enum.Enum]) -> Callable[[OutcomeFn], OutcomeFn]:
    """Register an outcome rule under the name rules data use for it, with the enum of its outcomes."""

    def register(fn: OutcomeFn) -> OutcomeFn:
        if name in _OUTCOMES:
            raise CriteriaError(f"outcome rule {name!r} registered twice")
        _OUTCOMES[name] = fn
        _OUTCOME_TYPES[name] = outcome
        return fn

    return register


def outcome_type(rule: str) -> type[enum.Enum]:
    """The enum of the outcomes an outcome rule decides (to read them back from data)."""
    return _OUTCOME_TYPES[rule]


def known_outcome_rules() -> frozenset[str]:
    return frozenset(_OUTCOMES)


def _strict_level(strict: bool | Status) -> Status | None:
    if strict is True:
        return Status.SECONDARY
    if strict is False:
        return None
    return strict


# The numbers an indicator's result rests on depend only on the (immutable) indicator and threshold, so
# they are built once per pair; the identity check guards against a recycled id().
_NUMBERS: dict[tuple[int, int, bool], tuple[Indicator, Threshold | None, tuple[CitedValue, ...]]] = {}


def _rests_on(indicator: Indicator, threshold: Threshold | None, from_facts: bool) -> tuple[CitedValue, ...]:
    key = (id(indicator), id(threshold), from_facts)
    hit = _NUMBERS.get(key)
    if hit is not None and hit[0] is indicator and hit[1] is threshold:
        return hit[2]
    if len(_NUMBERS) > 50_000:  # many short-lived what-if rulesets: start afresh rather than grow
        _NUMBERS.clear()
    numbers = _indicator_numbers(indicator if from_facts else attrs.evolve(indicator, parameters=(), definition=None),
                                 threshold)
    _NUMBERS[key] = (indicator, threshold, numbers)
    return numbers


def _indicator_numbers(indicator: Indicator, threshold: Threshold | None) -> tuple[CitedValue, ...]:
    out: list[CitedValue] = []
    if indicator.definition is not None:
        out.append(CitedValue(f"{indicator.code}.definition", indicator.condition_en or indicator.name_en,
                              indicator.definition))
    if threshold is not None:
        out.append(CitedValue(f"{indicator.code}[{threshold.scope}]", threshold.value, threshold.provenance))
    out.extend(CitedValue(f"{indicator.code}.{p.name}", p.value, p.provenance) for p in indicator.parameters)
    return tuple(out)


def _compare(observed: Observed, threshold: Threshold) -> ResultStatus:
    low, high = threshold.holds(observed.low), threshold.holds(observed.high)
    if observed.exact or (low == high and threshold.op.value != "=="):
        # a monotone comparison holding at both ends of an interval holds inside it
        return ResultStatus.MET if low else ResultStatus.NOT_MET
    return ResultStatus.MISSING


def _assess_indicator(
    subject: Subject,
    criterion: Criterion,
    indicator: Indicator,
    scope: Mapping[str, ScopeValue],
    require: Status | None,
    exceptions: tuple[ScopeRule, ...] = (),
    family: str = "",
) -> IndicatorResult:
    result = functools.partial(IndicatorResult, indicator.code, criterion.code, indicator.name_vi,
                               indicator.name_en)
    applies = indicator.applies(scope)
    if applies is False:
        where = ", ".join(f"{d.name} {list(d.values)}" for d in indicator.applies_to)
        return result(status=ResultStatus.NOT_APPLICABLE, basis="law", reason=f"the law has this test only for {where}")
    if applies is None:
        names = ", ".join(d.name for d in indicator.applies_to if d.name not in scope)
        return result(status=ResultStatus.MISSING, basis="law", reason=f"no value for {names}")
    recorded = subject.recorded(indicator.code, family)
    computed: MeasureValue | None = None
    if indicator.measure is not None:
        computed = measure_fn(indicator.measure)(subject, indicator)

    threshold = _threshold_for(indicator, scope) if indicator.thresholds else None

    if isinstance(recorded, bool):
        # a surveyor's yes/no decides the indicator; the facts, when given too, must agree with it
        if (isinstance(computed, bool) and computed != recorded) or (
            isinstance(computed, Observed) and threshold is not None
            and _compare(computed, threshold) is (ResultStatus.NOT_MET if recorded else ResultStatus.MET)
        ):
            raise InputError(type(subject).__name__, [Problem(
                f"$.recorded[{indicator.code!r}]",
                f"recorded as {'met' if recorded else 'not met'} but the facts given say otherwise",
            )])
        return result(status=ResultStatus.MET if recorded else ResultStatus.NOT_MET,
                               basis="recorded", observed=recorded, threshold=threshold)

    observed: Observed | bool | None
    if recorded is not None:
        observed, basis = Observed.exactly(recorded), "recorded"
    elif isinstance(computed, Observed | bool):
        observed, basis = computed, "facts"
    elif isinstance(computed, NotApplicable):
        return result(status=ResultStatus.NOT_APPLICABLE, basis="facts", reason=computed.reason)
    elif isinstance(computed, Missing):
        return result(status=ResultStatus.MISSING, basis="facts", reason=computed.reason)
    else:
        return result(status=ResultStatus.MISSING, basis="recorded",
                               reason=f"no value recorded for {indicator.code!r}")

    rests_on = _rests_on(indicator, threshold, basis == "facts")
    if threshold is not None and exceptions:
        # the threshold was chosen under a cited exception: the result rests on it too
        rests_on += tuple(CitedValue(f"scope.{r.dimension}", str(r.value), r.provenance) for r in exceptions
                          if r.dimension in threshold.scope.dimensions())

    if isinstance(observed, bool):
        status = ResultStatus.MET if observed else ResultStatus.NOT_MET
        shortfall = None
    else:
        if threshold is None:
            missing = [d for d in _scope_dimensions(indicator) if d not in scope]
            why = (f"no value for {', '.join(missing)}" if missing
                   else f"no threshold for {dict(scope)}")
            return result(status=ResultStatus.MISSING, basis=basis, observed=observed,
                                   reason=why)
        status = _compare(observed, threshold)
        shortfall = threshold.op.gap(observed.low, threshold.value) if observed.exact else None
        if status is ResultStatus.MISSING:
            return result(status=status, basis=basis, observed=observed, threshold=threshold,
                                   reason="facts missing: the value is only known to lie in "
                                          f"{observed}, on both sides of the threshold",
                                   rests_on=rests_on)

    if require is not None:
        weak = [n for n in rests_on if not n.provenance.status.at_least(require)]
        if weak:
            return result(
                status=ResultStatus.UNDECIDED, basis=basis, observed=observed, threshold=threshold,
                shortfall=shortfall, rests_on=rests_on,
                reason="; ".join(f"{n.path} ({n.provenance})" for n in weak),
            )
    return result(status=status, basis=basis, observed=observed, threshold=threshold,
                           shortfall=shortfall, rests_on=rests_on)


_THRESHOLDS: dict[tuple[int, tuple[ScopeValue | None, ...]], tuple[Indicator, Threshold | None]] = {}
_DIMENSIONS: dict[int, tuple[Indicator, tuple[str, ...]]] = {}


def _threshold_for(indicator: Indicator, scope: Mapping[str, ScopeValue]) -> Threshold | None:
    """``indicator.threshold_for(scope)``, remembered per indicator and the scope values it depends on."""
    dims = _DIMENSIONS.get(id(indicator))
    if dims is None or dims[0] is not indicator:
        dims = _DIMENSIONS[id(indicator)] = (indicator, tuple(sorted(_scope_dimensions(indicator))))
    key = (id(indicator), tuple(scope.get(d) for d in dims[1]))
    hit = _THRESHOLDS.get(key)
    if hit is not None and hit[0] is indicator:
        return hit[1]
    if len(_THRESHOLDS) > 50_000:
        _THRESHOLDS.clear()
    found = indicator.threshold_for(scope)
    _THRESHOLDS[key] = (indicator, found)
    return found


def _scope_dimensions(indicator: Indicator) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for t in indicator.thresholds:
        out |= t.scope.dimensions()
    return out


_VERDICT_VALUE = {ResultStatus.MET: True, ResultStatus.NOT_MET: False}
_CODE_SETS: dict[str, frozenset[str]] = {}


def _just(code: str) -> frozenset[str]:
    """The one-code set a verdict rests on, built once per code (assessments make many)."""
    found = _CODE_SETS.get(code)
    if found is None:
        found = _CODE_SETS[code] = frozenset((code,))
    return found


def _verdict_of(result: IndicatorResult | CriterionResult) -> v.Verdict:
    return v.Verdict(_VERDICT_VALUE.get(result.status), _just(result.code))


def _assess_criterion(
    subject: Subject,
    criterion: Criterion,
    results: list[IndicatorResult],
    verdicts: dict[str, v.Verdict],
    require: Status | None,
    family: str = "",
) -> tuple[CriterionResult, v.Verdict]:
    inds: list[v.Verdict] = []
    met = known = 0
    for r in results:
        status = r.status
        if status is not ResultStatus.NOT_APPLICABLE:
            inds.append(verdicts[r.code])
        if status is ResultStatus.MET:
            met += 1
            known += 1
        elif status is ResultStatus.NOT_MET or status is ResultStatus.NOT_APPLICABLE:
            known += 1
    result = functools.partial(CriterionResult, criterion.code, criterion.name_vi, criterion.name_en,
                               met=met, known=known, total=len(results))
    name = _just(criterion.code)

    recorded = subject.recorded(criterion.code, family)
    if isinstance(recorded, bool) and criterion.rollup in (Rollup.ALL, Rollup.ANY):
        # a criterion recorded as đạt / không đạt (as appraisal reports do); indicators given too must agree
        computed = (v.all_of if criterion.rollup is Rollup.ALL else v.any_of)(*inds) if inds else v.Verdict(None)
        if computed.value is not None and computed.value != recorded:
            raise InputError(type(subject).__name__, [Problem(
                f"$.recorded[{criterion.code!r}]",
                f"recorded as {'met' if recorded else 'not met'} but its indicators say otherwise")])
        verdict = v.Verdict(recorded, name)
        return result(status=ResultStatus.MET if recorded else ResultStatus.NOT_MET, basis="recorded"), verdict

    if not criterion.indicators:
        # the law's indicators for this criterion are not in the data: only a recorded result decides it
        return result(status=ResultStatus.MISSING, basis="recorded"), v.Verdict(None, name)
    if criterion.rollup is Rollup.ALL:
        verdict = v.all_of(*inds)
        return result(status=_status(verdict)), verdict
    if criterion.rollup is Rollup.ANY:
        verdict = v.any_of(*inds)
        return result(status=_status(verdict)), verdict
    if criterion.rollup is Rollup.RULE:
        return result(status=ResultStatus.NOT_APPLICABLE, basis="rule"), v.Verdict(None, frozenset())

    cut = criterion.count_threshold
    assert cut is not None  # the loader guarantees a COUNT criterion has its cut-off
    cut_numbers = (CitedValue(f"{criterion.code}.count", cut.value, cut.provenance),)
    basis, recorded_count = "indicators", None
    if isinstance(recorded, int) and not isinstance(recorded, bool):
        unknown = sum(1 for verdict in inds if verdict.value is None)
        if not met <= recorded <= met + unknown:
            raise InputError(type(subject).__name__, [Problem(
                f"$.recorded[{criterion.code!r}]",
                f"recorded count {recorded} disagrees with the indicators: {met} met, {unknown} unknown",
            )])
        verdict = v.Verdict(cut.holds(recorded), name)
        basis, recorded_count = "recorded", recorded
    else:
        verdict = v.at_least(count_needed(cut), inds, extra=name)
    status = _status(verdict)
    if require is not None and verdict.known and not cut.provenance.status.at_least(require):
        status, verdict = ResultStatus.UNDECIDED, v.Verdict(None, name)
    return result(status=status, basis=basis, count_threshold=cut, recorded_count=recorded_count,
                  rests_on=cut_numbers), verdict


def count_needed(cut: Threshold) -> int:
    """The smallest count satisfying a count threshold (``>= 3`` → 3, ``> 2`` → 3)."""
    n = int(cut.value)
    if cut.op.value == ">=" and n == cut.value:
        return n
    if cut.op.value == ">":
        return int(cut.value) + 1
    raise CriteriaError(f"count threshold must be '>=' or '>' a whole number, got {cut.op.value} {cut.value}")


def _status(verdict: v.Verdict) -> ResultStatus:
    if verdict.value is None:
        return ResultStatus.MISSING
    return ResultStatus.MET if verdict.value else ResultStatus.NOT_MET


def assess(subject: Subject, ruleset: Ruleset | None = None, *, strict: bool | Status = False) -> Assessment:
    """Assess ``subject`` against ``ruleset`` (default: the one in force on its reference date).

    ``strict=True`` refuses to decide on numbers marked ``unverified``; ``strict=Status.VERIFIED``
    demands law read in the text itself. What depends on a weaker number is UNDECIDED, with the reason.
    """
    if ruleset is None:
        from .registry import ruleset as find

        ruleset = find(subject.default_family, on=subject.reference_date)
    if ruleset.subject != subject.kind:
        raise InputError(type(subject).__name__, [Problem(
            "$", f"{ruleset.family} assesses a {ruleset.subject}, not a {subject.kind}")])
    require = _strict_level(strict)
    flags: frozenset[str] = getattr(subject, "flags", frozenset())
    scope, exceptions = ruleset.scope_for(subject.scope_values(), flags)

    indicator_results: list[IndicatorResult] = []
    criterion_results: list[CriterionResult] = []
    verdicts: dict[str, v.Verdict] = {}
    by_code: dict[str, IndicatorResult | CriterionResult] = {}
    for criterion in ruleset.criteria:
        rs = [_assess_indicator(subject, criterion, i, scope, require, exceptions, ruleset.family)
              for i in criterion.indicators]
        for r in rs:
            verdicts[r.code] = _verdict_of(r)
            by_code[r.code] = r
        cres, cverdict = _assess_criterion(subject, criterion, rs, verdicts, require, ruleset.family)
        verdicts[criterion.code] = cverdict
        by_code[criterion.code] = cres
        indicator_results.extend(rs)
        criterion_results.append(cres)

    decision = _OUTCOMES[ruleset.outcome](OutcomeInputs(ruleset, subject, subject.reference_date, verdicts, by_code))
    return Assessment(
        ruleset=ruleset,
        on=subject.reference_date,
        subject_id=subject.id,
        indicators=tuple(indicator_results),
        criteria=tuple(criterion_results),
        outcome=decision.outcome,
        candidates=decision.candidates,
        because=decision.because,
        reasons=decision.reasons,
        designations=decision.designations,
        strict=require,
        exceptions=exceptions,
        scope=Scope.of(scope),
    )
