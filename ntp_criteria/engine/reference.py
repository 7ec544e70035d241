"""The reference semantics of an assessment: each indicator, criterion and outcome evaluated step by step.

Plain and readable, with nothing remembered between calls: this is what an assessment *means*. The compiled
plan (:mod:`ntp_criteria.engine._plan`) computes the same assessments faster and is checked equal to this by
property tests; where a case is unusual (an interval of values, a conflict between a recorded value and the
facts) the plan hands it to the functions here.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import types
from collections.abc import Callable, Mapping

import attrs

from ..core import verdict as v
from ..core._validate import shown
from ..core.errors import CriteriaError, InputError, Problem
from ..core.exact import exact_arithmetic
from ..core.model import (
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
from ..core.results import Assessment, CriterionResult, IndicatorResult, Observed, ResultStatus
from ..core.subjects import Subject
from .registry import MeasureValue, Missing, NotApplicable, OutcomeInputs, measure_fn, run_outcome_rule

__all__ = [
    "assess_criterion",
    "assess_indicator",
    "assess_reference",
    "check_subject",
    "compare",
    "count_needed",
    "indicator_numbers",
    "rests_on",
    "scope_dimensions",
    "scope_of",
    "status_of",
    "strict_level",
    "verdict_of",
]


def scope_of(ruleset: Ruleset, subject: Subject, derived: tuple[ScopeRule, ...] = ()
             ) -> tuple[dict[str, ScopeValue], tuple[ScopeRule, ...]]:
    """The scope a subject is assessed in, and the cited entries that set it: the ruleset's exceptions that
    apply to the subject (by its flags), then the values ``derived`` for it by the caller (a region from its
    province), so that results resting on either cite them. A value the subject gives itself, or an exception
    sets, wins over a derived one."""
    own = subject.scope_values()
    derived = tuple(r for r in derived if r.dimension not in own)
    values = {**{r.dimension: r.value for r in derived}, **own} if derived else own
    flags: frozenset[str] = getattr(subject, "flags", frozenset())
    scope, exceptions = ruleset.scope_for(values, flags)
    if derived:
        overridden = {r.dimension for r in exceptions}
        declared = {d.name for d in ruleset.dimensions}
        exceptions += tuple(r for r in derived if r.dimension in declared and r.dimension not in overridden)
    return scope, exceptions


def strict_level(strict: bool | Status) -> Status | None:
    """The status strict mode requires: None (not strict), ``secondary`` for ``True``, or the status given."""
    if strict is True:
        return Status.SECONDARY
    if strict is False:
        return None
    if not isinstance(strict, Status):
        raise InputError("assess()", [Problem("$.strict", f"expected True, False or a Status, got {shown(strict)}")])
    return strict


def rests_on(indicator: Indicator, threshold: Threshold | None, from_facts: bool) -> tuple[CitedValue, ...]:
    """The legal numbers a result of ``indicator`` against ``threshold`` rests on: its definition and the
    measure's parameters when computed from facts, and the threshold."""
    return indicator_numbers(indicator if from_facts else attrs.evolve(indicator, parameters=(), definition=None),
                             threshold)


def indicator_numbers(indicator: Indicator, threshold: Threshold | None) -> tuple[CitedValue, ...]:
    """Every legal number of ``indicator`` a result may cite, with the threshold chosen for the scope."""
    out: list[CitedValue] = []
    if indicator.definition is not None:
        out.append(CitedValue(f"{indicator.code}.definition", indicator.condition_en or indicator.name_en,
                              indicator.definition))
    if threshold is not None:
        out.append(CitedValue(f"{indicator.code}[{threshold.scope}]", threshold.value, threshold.provenance))
    out.extend(CitedValue(f"{indicator.code}.{p.name}", p.value, p.provenance) for p in indicator.parameters)
    return tuple(out)


def compare(observed: Observed, threshold: Threshold) -> ResultStatus:
    """MET or NOT_MET when the value (or every value of its interval) decides the comparison, else MISSING."""
    low, high = threshold.holds(observed.low), threshold.holds(observed.high)
    if observed.exact or (low == high and threshold.op.value != "=="):
        # a monotone comparison holding at both ends of an interval holds inside it
        return ResultStatus.MET if low else ResultStatus.NOT_MET
    return ResultStatus.MISSING


def assess_indicator(
    subject: Subject,
    criterion: Criterion,
    indicator: Indicator,
    scope: Mapping[str, ScopeValue],
    require: Status | None,
    exceptions: tuple[ScopeRule, ...] = (),
    family: str = "",
    *,
    threshold_of: Callable[[Indicator, Mapping[str, ScopeValue]], Threshold | None] = Indicator.threshold_for,
    numbers_of: Callable[[Indicator, Threshold | None, bool], tuple[CitedValue, ...]] = rests_on,
) -> IndicatorResult:
    """One indicator's result for ``subject`` in ``scope``, step by step. ``threshold_of`` and ``numbers_of``
    choose the threshold and the numbers a result rests on (the compiled plan passes remembered versions)."""
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

    threshold = threshold_of(indicator, scope) if indicator.thresholds else None

    if isinstance(recorded, bool):
        # a surveyor's yes/no decides the indicator; the facts, when given too, must agree with it
        if (isinstance(computed, bool) and computed != recorded) or (
            isinstance(computed, Observed) and threshold is not None
            and compare(computed, threshold) is (ResultStatus.NOT_MET if recorded else ResultStatus.MET)
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

    cited = numbers_of(indicator, threshold, basis == "facts")
    if threshold is not None and exceptions:
        # the threshold was chosen under a cited exception: the result rests on it too
        cited += tuple(CitedValue(f"scope.{r.dimension}", str(r.value), r.provenance) for r in exceptions
                          if r.dimension in threshold.scope.dimensions())

    if isinstance(observed, bool):
        status = ResultStatus.MET if observed else ResultStatus.NOT_MET
        shortfall = None
    else:
        if threshold is None:
            missing = [d for d in scope_dimensions(indicator) if d not in scope]
            why = (f"no value for {', '.join(missing)}" if missing
                   else f"no threshold for {', '.join(f'{k}={v}' for k, v in scope.items()) or 'all'}")
            return result(status=ResultStatus.MISSING, basis=basis, observed=observed,
                                   reason=why)
        status = compare(observed, threshold)
        shortfall = threshold.op.gap(observed.low, threshold.value) if observed.exact else None
        if status is ResultStatus.MISSING:
            return result(status=status, basis=basis, observed=observed, threshold=threshold,
                                   reason="facts missing: the value is only known to lie in "
                                          f"{observed}, on both sides of the threshold",
                                   rests_on=cited)

    if require is not None:
        weak = [n for n in cited if not n.provenance.status.at_least(require)]
        if weak:
            return result(
                status=ResultStatus.UNDECIDED, basis=basis, observed=observed, threshold=threshold,
                shortfall=shortfall, rests_on=cited,
                reason="; ".join(f"{n.path} ({n.provenance})" for n in weak),
            )
    return result(status=status, basis=basis, observed=observed, threshold=threshold,
                           shortfall=shortfall, rests_on=cited)


def scope_dimensions(indicator: Indicator) -> frozenset[str]:
    """The dimensions the thresholds of ``indicator`` vary by."""
    out: frozenset[str] = frozenset()
    for t in indicator.thresholds:
        out |= t.scope.dimensions()
    return out


VERDICT_VALUE = {ResultStatus.MET: True, ResultStatus.NOT_MET: False}


def verdict_of(result: IndicatorResult | CriterionResult) -> v.Verdict:
    """The three-valued verdict of a result, resting on its own code."""
    return v.Verdict(VERDICT_VALUE.get(result.status), frozenset((result.code,)))


def assess_criterion(
    subject: Subject,
    criterion: Criterion,
    results: list[IndicatorResult],
    verdicts: dict[str, v.Verdict],
    require: Status | None,
    family: str = "",
) -> tuple[CriterionResult, v.Verdict]:
    """A criterion's result and verdict from its indicators' results and verdicts (or its recorded value)."""
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
    name = frozenset((criterion.code,))

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
    if recorded is not None and not (criterion.rollup is Rollup.COUNT and isinstance(recorded, int)
                                     and not isinstance(recorded, bool)):
        # a value the criterion cannot take would otherwise be ignored: a rate for a criterion decided as a whole
        expects = ("a whole count of the indicators met" if criterion.rollup is Rollup.COUNT
                   else "decided by its tests, not recorded" if criterion.rollup is Rollup.RULE
                   else "met or not met (true or false)")
        raise InputError(type(subject).__name__, [Problem(
            f"$.recorded[{criterion.code!r}]", f"criterion {criterion.code} is {expects}; got {recorded!r}")])

    if not criterion.indicators:
        # the law's indicators for this criterion are not in the data: only a recorded result decides it
        return result(status=ResultStatus.MISSING, basis="recorded"), v.Verdict(None, name)
    if criterion.rollup is Rollup.ALL:
        verdict = v.all_of(*inds)
        return result(status=status_of(verdict)), verdict
    if criterion.rollup is Rollup.ANY:
        verdict = v.any_of(*inds)
        return result(status=status_of(verdict)), verdict
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
    status = status_of(verdict)
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


def status_of(verdict: v.Verdict) -> ResultStatus:
    """A verdict as a result status: met, not met, or missing when it is unknown."""
    if verdict.value is None:
        return ResultStatus.MISSING
    return ResultStatus.MET if verdict.value else ResultStatus.NOT_MET


# The last ruleset, subject class and reference date found fine (a batch checks one ruleset on one date over and
# over), remembered only for a class whose own attributes decide the checks: see _decided_by_class.
_PASSED: list[tuple[object, type, object]] = [(None, type(None), None)]


@functools.lru_cache(maxsize=64)
def _decided_by_class(cls: type) -> bool:
    """Whether every instance of ``cls`` passes the subject checks once one does: its ``kind`` and ``recorded``
    are plain attributes of the class, which no instance can shadow (no ``__dict__``, no slot of those names, no
    metaclass or attribute hook of its own)."""
    return (type(cls) is type and getattr(cls, "__dictoffset__", 1) == 0
            and getattr(cls, "__getattribute__", None) is object.__getattribute__
            and isinstance(inspect.getattr_static(cls, "recorded", None), types.FunctionType)
            and isinstance(inspect.getattr_static(cls, "kind", None), str))


def check_subject(subject: Subject, ruleset: Ruleset) -> None:
    """Refuse what is not a subject, a subject of another kind than the ruleset assesses, and a ruleset that is
    not in force on the subject's reference date (an explicit ruleset is never used outside its period)."""
    cls = type(subject)
    passed = _PASSED[0]
    if passed[0] is ruleset and passed[1] is cls:
        on = subject.reference_date
        if type(on) is dt.date and on == passed[2]:
            return
    if not isinstance(ruleset, Ruleset):
        raise InputError("assess()", [Problem("$.ruleset", f"expected a Ruleset, got {shown(ruleset)}")])
    kind = getattr(type(subject), "kind", None)
    if not isinstance(kind, str) or not callable(getattr(subject, "recorded", None)):
        raise InputError("assess()", [Problem("$.subject", f"expected a household or a unit, got {shown(subject)}")])
    if ruleset.subject != kind:
        raise InputError(type(subject).__name__, [Problem(
            "$", f"{ruleset.family} assesses a {ruleset.subject}, not a {kind}")])
    if not ruleset.in_force(subject.reference_date):
        raise InputError(type(subject).__name__, [Problem("$.reference_date", (
            f"{ruleset.family} ({ruleset.instrument.number}, {ruleset.period}) is not in force on "
            f"{subject.reference_date.isoformat()}"))])
    on = subject.reference_date
    if type(on) is dt.date and _decided_by_class(cls):
        _PASSED[0] = (ruleset, cls, on)


@exact_arithmetic
def assess_reference(subject: Subject, ruleset: Ruleset, *, strict: bool | Status = False,
                     derived: tuple[ScopeRule, ...] = (), unused: tuple[Problem, ...] = ()) -> Assessment:
    """``subject`` assessed against ``ruleset`` step by step, with nothing remembered: the reference semantics
    that the compiled plan (:func:`ntp_criteria.engine.evaluate`) is checked equal to by property tests.

    ``derived`` holds scope values the caller derived for the subject, with their sources (see
    :func:`scope_of`)."""
    check_subject(subject, ruleset)
    require = strict_level(strict)
    scope, exceptions = scope_of(ruleset, subject, derived)

    indicator_results: list[IndicatorResult] = []
    criterion_results: list[CriterionResult] = []
    verdicts: dict[str, v.Verdict] = {}
    by_code: dict[str, IndicatorResult | CriterionResult] = {}
    for criterion in ruleset.criteria:
        rs = [assess_indicator(subject, criterion, i, scope, require, exceptions, ruleset.family)
              for i in criterion.indicators]
        for r in rs:
            verdicts[r.code] = verdict_of(r)
            by_code[r.code] = r
        cres, cverdict = assess_criterion(subject, criterion, rs, verdicts, require, ruleset.family)
        verdicts[criterion.code] = cverdict
        by_code[criterion.code] = cres
        indicator_results.extend(rs)
        criterion_results.append(cres)

    decision = run_outcome_rule(OutcomeInputs(ruleset, subject, subject.reference_date, verdicts, by_code))
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
        unused=unused,
    )
