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
import weakref
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from itertools import chain, count
from operator import attrgetter
from types import MappingProxyType
from typing import TypeVar, cast

import attrs

from . import _verdict as v
from .errors import ConflictingRules, CriteriaError, InputError, Problem
from .model import (
    _OPERATORS,
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
from .places import _Unit
from .results import Assessment, CriterionResult, IndicatorResult, Observed, Outcome, ResultStatus
from .subjects import Recorded, Subject

_UNIT_RECORDED = _Unit.recorded
_UNIT_FACT = _Unit.fact

__all__ = [
    "Decision",
    "Missing",
    "NotApplicable",
    "OutcomeInputs",
    "assess",
    "assess_reference",
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
_T = TypeVar("_T")


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


def _scope_of(ruleset: Ruleset, subject: Subject, flags: frozenset[str]
              ) -> tuple[dict[str, ScopeValue], tuple[ScopeRule, ...]]:
    """The scope a subject is assessed in, with the cited exceptions that set it and the values derived for
    the subject (a region from its province), so that results resting on either cite them."""
    scope, exceptions = ruleset.scope_for(subject.scope_values(), flags)
    derive = getattr(subject, "derived_scope", None)
    if derive is not None:
        overridden = {r.dimension for r in exceptions}
        declared = {d.name for d in ruleset.dimensions}
        exceptions += tuple(r for r in derive() if r.dimension in declared and r.dimension not in overridden)
    return scope, exceptions


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


def _prologue(subject: Subject, ruleset: Ruleset | None, strict: bool | Status) -> tuple[Ruleset, Status | None]:
    if ruleset is None:
        from .registry import ruleset as find

        ruleset = find(subject.default_family, on=subject.reference_date)
    if ruleset.subject != subject.kind:
        raise InputError(type(subject).__name__, [Problem(
            "$", f"{ruleset.family} assesses a {ruleset.subject}, not a {subject.kind}")])
    return ruleset, _strict_level(strict)


def assess(subject: Subject, ruleset: Ruleset | None = None, *, strict: bool | Status = False) -> Assessment:
    """Assess ``subject`` against ``ruleset`` (default: the one in force on its reference date).

    ``strict=True`` refuses to decide on numbers marked ``unverified``; ``strict=Status.VERIFIED``
    demands law read in the text itself. What depends on a weaker number is UNDECIDED, with the reason.

    The ruleset is compiled once per scope into a plan (thresholds chosen, the numbers each result rests on
    and the strict-mode reasons worked out, the results that do not depend on a value built once), so an
    assessment reads the subject's values and looks the rest up; :func:`assess_reference` is the same
    assessment computed step by step, and the two are checked equal by property tests.
    """
    ruleset, require = _prologue(subject, ruleset, strict)
    return _plan_of(ruleset, subject, require).run(subject)


def assess_reference(subject: Subject, ruleset: Ruleset | None = None, *,
                     strict: bool | Status = False) -> Assessment:
    """:func:`assess` step by step, with no plan and nothing remembered: the reference semantics."""
    ruleset, require = _prologue(subject, ruleset, strict)
    flags: frozenset[str] = getattr(subject, "flags", frozenset())
    scope, exceptions = _scope_of(ruleset, subject, flags)

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


# --- the compiled plan -------------------------------------------------------------------------------------
#
# A plan is one ruleset compiled for one scope (the scope values after the exceptions, the exceptions, the
# strict level). Everything that does not depend on the subject's values is worked out once: whether each
# indicator applies, its threshold, the numbers a result rests on and the strict-mode reason, and the
# results that are the same for every subject (a recorded yes/no, a value not recorded, a test that does
# not apply). Those results are shared between assessments: they are frozen, so sharing is invisible except
# that it is cheap. A criterion's result depends only on its recorded value and its indicators' statuses,
# and is remembered by those. Anything unusual (a conflict between a recorded value and the facts, an
# interval of values, a threshold clash) is handed to the reference step, which raises or decides exactly
# as before.

_STATUS_INDEX = {ResultStatus.MET: 0, ResultStatus.NOT_MET: 1, ResultStatus.NOT_APPLICABLE: 2,
                 ResultStatus.MISSING: 3, ResultStatus.UNDECIDED: 4}
_VALUE_OF_INDEX = (True, False, None, None, None)
_ZERO = Decimal(0)
_MEMO_LIMIT = 1024  # results remembered per indicator or criterion (values or statuses seen), at most

# One indicator's outcome in a plan: (result, verdict, status index, constant id or None when built for
# this subject only).
_Out = tuple[IndicatorResult, v.Verdict, int, int | None]


class _IndicatorStep:
    """One indicator compiled for one scope."""

    __slots__ = ("by_value", "code", "criterion", "delegate", "exceptions", "fixed", "indicator", "measure",
                 "no_value", "numbers", "op", "outs", "plan", "rec_false", "rec_true", "threshold", "undecided",
                 "value")

    def __init__(self, plan: _Plan, criterion: Criterion, indicator: Indicator) -> None:
        self.plan, self.criterion, self.indicator, self.code = plan, criterion, indicator, indicator.code
        self.outs: dict[object, _Out] = {}
        #: results by the value compared with the threshold (see _number)
        self.by_value: dict[object, _Out] = {}
        self.fixed: _Out | None = None
        self.delegate = False
        self.measure = measure_fn(indicator.measure) if indicator.measure is not None else None
        self.threshold: Threshold | None = None
        self.numbers: dict[str, tuple[CitedValue, ...]] = {}
        self.undecided: dict[str, str | None] = {}
        scope, require = plan.scope, plan.require
        applies = indicator.applies(scope)
        if applies is not True:
            # decided by the scope alone: the reference step returns before it reads the subject
            self.fixed = self._const(_assess_indicator(cast(Subject, None), criterion, indicator, scope, require,
                                                      plan.exceptions, plan.family))
            return
        if indicator.thresholds:
            try:
                self.threshold = indicator.threshold_for(scope)
            except ConflictingRules:
                self.delegate = True  # raised by the reference step, in its order
                return
        t = self.threshold
        self.op = _OPERATORS[t.op] if t is not None else None
        self.value = t.value if t is not None else _ZERO
        for basis in ("facts", "recorded"):
            numbers = _rests_on(indicator, t, basis == "facts")
            if t is not None and plan.exceptions:
                numbers += tuple(CitedValue(f"scope.{r.dimension}", str(r.value), r.provenance)
                                 for r in plan.exceptions if r.dimension in t.scope.dimensions())
            self.numbers[basis] = numbers
            weak = [n for n in numbers if not n.provenance.status.at_least(require)] if require else []
            self.undecided[basis] = "; ".join(f"{n.path} ({n.provenance})" for n in weak) if weak else None
        # a result by value follows from these alone, so the plans of the ruleset that agree on them (the
        # scopes that choose the same threshold and cite the same numbers) share them
        self.by_value = plan.store.by_value.setdefault(
            (indicator.code, criterion.code, id(indicator), id(t), tuple(self.numbers.values()),
             tuple(self.undecided.values())), {})
        self.rec_true = self._const(self._result(ResultStatus.MET, "recorded", observed=True, threshold=t))
        self.rec_false = self._const(self._result(ResultStatus.NOT_MET, "recorded", observed=False, threshold=t))
        self.no_value = self._const(self._result(ResultStatus.MISSING, "recorded",
                                                 reason=f"no value recorded for {indicator.code!r}"))

    def _result(self, status: ResultStatus, basis: str, **kw: object) -> IndicatorResult:
        i = self.indicator
        return IndicatorResult(i.code, self.criterion.code, i.name_vi, i.name_en, status, basis,
                               **kw)  # type: ignore[arg-type]

    def _const(self, result: IndicatorResult) -> _Out:
        plan = self.plan
        plan.lines[id(result)] = [result, None, None]
        # next() on a count is one step even with threads: two shared results never get the same id
        return result, _verdict_of(result), _STATUS_INDEX[result.status], next(plan.constants)

    def _fresh(self, result: IndicatorResult) -> _Out:
        return result, _verdict_of(result), _STATUS_INDEX[result.status], None

    def reference(self, subject: Subject) -> _Out:
        p = self.plan
        return self._fresh(_assess_indicator(subject, self.criterion, self.indicator, p.scope, p.require,
                                             p.exceptions, p.family))

    def run(self, subject: Subject, recorded: Recorded | None) -> _Out:
        if self.fixed is not None:
            return self.fixed
        if self.delegate:
            return self.reference(subject)
        fn = self.measure
        if fn is None:
            if recorded is True:
                return self.rec_true
            if recorded is False:
                return self.rec_false
            if recorded is None:
                return self.no_value
            return self._number(subject, recorded, "recorded")
        computed = fn(subject, self.indicator)
        if recorded is True or recorded is False:
            const = self.rec_true if recorded else self.rec_false
            if computed is recorded or computed.__class__ is Missing or computed.__class__ is NotApplicable:
                return const
            self.reference(subject)  # the facts given too: checked there, and a conflict raised
            return const
        if recorded is not None:
            return self._number(subject, recorded, "recorded")
        if computed is True or computed is False:
            return self._const_for(computed, subject)
        if computed.__class__ is Observed:
            if computed.low == computed.high:
                return self._number(subject, computed, "facts")
            return self.reference(subject)  # an interval: decided (or not) by the reference step
        if computed.__class__ is Missing or computed.__class__ is NotApplicable:
            return self._const_for(computed, subject)
        return self.reference(subject)

    def _const_for(self, computed: bool | Missing | NotApplicable, subject: Subject) -> _Out:
        """A result that depends only on a yes/no or a reason the measure gave: built once."""
        key = (computed.__class__, computed if isinstance(computed, bool) else computed.reason)
        out = self.outs.get(key)
        if out is None:
            ref = self.reference(subject)
            if len(self.outs) >= _MEMO_LIMIT:
                return ref
            out = self.outs[key] = self._const(ref[0])
        return out

    def _number(self, subject: Subject, value: Recorded | Observed, basis: str) -> _Out:
        """A value compared with the threshold. Rates and amounts recorded to a fixed number of places repeat
        across subjects, so results are remembered by the value exactly as written (``85.0`` is not ``85``)."""
        if self.op is None:
            return self.reference(subject)  # no threshold for this scope: the reference says why
        if isinstance(value, Observed):
            observed: Observed | None = value
            x = value.low
            key: tuple[object, ...] = (basis, x.__class__, str(x), value.high.__class__, str(value.high), value.unit)
        else:
            observed, x = None, value
            key = (basis, x.__class__, str(x))
        out = self.by_value.get(key)
        if out is not None:
            return out
        if x != x:  # noqa: PLR0124 - NaN: never exact, the reference step decides what it means
            return self.reference(subject)
        holds = self.op(x, self.value)
        why = self.undecided[basis]
        i = self.indicator
        result = IndicatorResult(
            i.code, self.criterion.code, i.name_vi, i.name_en,
            ResultStatus.UNDECIDED if why is not None else ResultStatus.MET if holds else ResultStatus.NOT_MET,
            basis, observed if observed is not None else Observed(x, x, ""), self.threshold,
            _ZERO if holds else abs(Decimal(x) - self.value), why, self.numbers[basis])
        if (x.__class__ is int or x.__class__ is Decimal) and len(self.by_value) < _MEMO_LIMIT:
            # shared, but not a block's key: a criterion's values seldom repeat together
            out = self.by_value[key] = (*self._const(result)[:3], None)
            return out
        if why is not None:
            return result, self.plan.verdict(i.code, None), 4, None
        return result, self.plan.verdict(i.code, holds), 0 if holds else 1, None


class _Fresh:
    """A criterion's part of an assessment, built for one subject: the criterion's result, its indicators'
    results, and the results and verdicts in the order of ``step.keys`` (the indicators', the criterion's)."""

    __slots__ = ("criterion", "rc", "results", "step", "vs")
    #: the part's explanation by language: none kept for a part built for one subject (a _Block's slot of the
    #: same name takes precedence), so explain() asks every part the same way
    text: Mapping[str, str] = MappingProxyType({})

    def __init__(self, step: _CriterionStep, results: tuple[IndicatorResult, ...], criterion: CriterionResult,
                 vs: tuple[v.Verdict, ...]) -> None:
        self.step, self.results, self.criterion = step, results, criterion
        self.rc: tuple[IndicatorResult | CriterionResult, ...] = (*results, criterion)
        self.vs = vs


class _Block(_Fresh):
    """A part built only from shared results, itself shared (remembered by what it was built from);
    :mod:`ntp_criteria.explain` renders its lines once per language."""

    __slots__ = ("cited", "text")

    def __init__(self, step: _CriterionStep, results: tuple[IndicatorResult, ...], criterion: CriterionResult,
                 vs: tuple[v.Verdict, ...]) -> None:
        super().__init__(step, results, criterion, vs)
        self.text: dict[str, str] = {}
        #: the indicator results that rest on legal numbers (what an explanation lists when unverified)
        self.cited = tuple([r for r in results if r.rests_on])


class _CriterionStep:
    """One criterion compiled for one scope: its indicators, and its results remembered by their inputs."""

    __slots__ = ("blocks", "by_signature", "by_value", "code", "codes", "conditions", "criterion", "facts",
                 "indicators", "keys", "plan", "results")

    def __init__(self, plan: _Plan, criterion: Criterion) -> None:
        self.plan, self.criterion, self.code = plan, criterion, criterion.code
        self.indicators = tuple(_IndicatorStep(plan, criterion, i) for i in criterion.indicators)
        #: each indicator's condition in words, in Vietnamese and in English (for explanations)
        self.conditions = (tuple(i.condition_vi for i in criterion.indicators),
                           tuple(i.condition_en for i in criterion.indicators))
        #: the criterion's results by its recorded value and its indicators' statuses, which is all they depend
        #: on at a strict level: shared by the ruleset's plans at that level
        self.results = plan.store.criteria.setdefault((id(criterion), plan.require), {})
        self.blocks: dict[tuple[object, ...], _Block] = {}
        #: the codes values are recorded under: the criterion's, then its indicators'
        self.codes = (criterion.code, *(i.code for i in criterion.indicators))
        #: the codes of the results and verdicts of an assessment, in its order (the indicators', the criterion's)
        self.keys = (*self.codes[1:], criterion.code)
        #: the facts its indicators' ``fact:`` measures read
        self.facts = tuple(i.measure.removeprefix(FACT_PREFIX) for i in criterion.indicators
                           if i.measure is not None and i.measure.startswith(FACT_PREFIX))
        #: whether the block follows from those values and facts alone (no other measure reads the subject)
        self.by_value = all((s.measure is None or s.indicator.measure.startswith(FACT_PREFIX))  # type: ignore[union-attr]
                            and not s.delegate for s in self.indicators)
        #: the shared blocks of a by-value step, by the signature of the values and facts they were built from
        self.by_signature: dict[int, _Block] = {}


# The signature of the values a step reads (its codes', then its facts'), when each is yes, no or absent: the
# sum of 3**position times 0 (absent), 1 (yes) or 2 (no), so two subjects with the same signature have the
# same block. By identity: True is not 1 here. Any other value makes it _ODD, which no block is kept under
# (-inf stays -inf whatever is added to it, in whichever order the values are read).
_ODD = float("-inf")


def _signature(values: list[Recorded | None]) -> int | float:
    sig, weight = 0, 1
    for x in values:
        if x is True:
            sig += weight
        elif x is False:
            sig += weight + weight
        elif x is not None:
            return _ODD
        weight *= 3
    return sig


class _Plan:
    """A ruleset compiled for one scope, exceptions and strict level."""

    __slots__ = ("by_signature", "constants", "exceptions", "explainable", "fact_slots", "family", "lines",
                 "require", "ruleset", "scope", "scope_obj", "slots", "steps", "store", "verdicts", "where")

    def __init__(self, store: _RulesetPlans, scope: dict[str, ScopeValue], exceptions: tuple[ScopeRule, ...],
                 require: Status | None) -> None:
        ruleset = self.ruleset = store.ruleset
        self.store, self.scope, self.exceptions, self.require = store, scope, exceptions, require
        self.family = ruleset.family
        self.scope_obj = Scope.of(scope)
        #: ids for the shared results (part of the keys blocks are remembered by)
        self.constants = count(1)
        #: the explanation lines of the results shared between assessments, by identity: [result, vi, en]
        #: (a line depends on its result alone, so the ruleset's plans keep them together)
        self.lines = store.lines
        self.verdicts: dict[tuple[str, bool | None], v.Verdict] = {}
        self.steps = tuple(_CriterionStep(self, c) for c in ruleset.criteria)
        #: where an assessment's verdict and result for each code are: (step, position in the step's keys); a
        #: code repeated in hand-made sets is where it last is, as a dict built in the steps' order has it
        self.where: dict[str, tuple[int, int]] = {}
        for n, step in enumerate(self.steps):
            for k, code in enumerate(step.keys):
                self.where[code] = (n, k)
        #: each step's blocks by signature (the steps' own dicts), to look them all up in one call
        self.by_signature = tuple(s.by_signature for s in self.steps)
        codes = [c.code for c in ruleset.criteria]
        inds = [i.code for _, i in ruleset.indicators()]
        # explanations group indicator lines by criterion code and find conditions by indicator code: with
        # codes repeated (never in the rules data, possible in hand-made sets) they go the reference way
        self.explainable = len(set(codes)) == len(codes) and len(set(inds)) == len(inds)
        #: where each code and fact counts in the steps' signatures; None when a code is both a criterion's and
        #: an indicator's, or repeats (one pass over the subject's values could not tell where it goes)
        self.slots: dict[str, tuple[int, int]] | None = None
        self.fact_slots: dict[str, tuple[tuple[int, int], ...]] = {}
        if len(set(codes + inds)) == len(codes) + len(inds):
            self.slots, self.fact_slots = self._slots()

    def _slots(self) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[tuple[int, int], ...]]]:
        """Where each code and fact of a by-value step counts in the signatures: (step, 3**position). A
        fact may be read by several indicators, so it has a tuple of places."""
        slots: dict[str, tuple[int, int]] = {}
        fact_slots: dict[str, tuple[tuple[int, int], ...]] = {}
        for n, step in enumerate(self.steps):
            if step.by_value:
                for k, code in enumerate(step.codes):
                    slots[code] = (n, 3 ** k)
                for k, name in enumerate(step.facts, start=len(step.codes)):
                    fact_slots[name] = (*fact_slots.get(name, ()), (n, 3 ** k))
        return slots, fact_slots

    def verdict(self, code: str, value: bool | None) -> v.Verdict:
        found = self.verdicts.get((code, value))
        if found is None:
            found = self.verdicts[code, value] = v.Verdict(value, _just(code))
        return found

    def _signatures(self, recorded: dict[str, Recorded], facts: dict[str, Recorded]) -> list[int | float]:
        """Every step's signature, from one pass over what the subject recorded (codes no step reads are
        skipped), instead of a look-up per code of the set."""
        assert self.slots is not None
        slots, fact_slots = self.slots, self.fact_slots
        sigs: list[int | float] = [0] * len(self.steps)
        for code, value in recorded.items():
            slot = slots.get(code)
            if slot is not None:
                n, weight = slot
                sigs[n] += weight if value is True else weight + weight if value is False else _ODD
        if fact_slots:
            for name, value in facts.items():
                for n, weight in fact_slots.get(name, ()):
                    sigs[n] += weight if value is True else weight + weight if value is False else _ODD
        return sigs

    def run(self, subject: Subject) -> Assessment:
        recorded = _recorded_index(subject, self.family)
        facts = _facts_index(subject)
        if recorded is not None and facts is not None and self.slots is not None:
            read: Callable[[str], Recorded | None] = recorded.get
            fact: Callable[[str], Recorded | None] = facts.get
            sigs = self._signatures(recorded, facts)
        else:
            read = _reader(subject, self.family)
            fact = _fact_reader(subject)
            sigs = [_signature([*map(read, s.codes), *map(fact, s.facts)]) if s.by_value else _ODD
                    for s in self.steps]
        # the shared blocks of the steps whose values were seen before, in one call; None for the others
        parts: list[_Fresh | None] = list(map(_BLOCK_BY_SIGNATURE, self.by_signature, sigs))
        if None in parts:
            for n, seen in enumerate(parts):
                if seen is None:
                    step = self.steps[n]
                    part = parts[n] = self._stepwise(subject, step, list(map(read, step.codes)))
                    sig = sigs[n]
                    if (step.by_value and sig >= 0 and isinstance(part, _Block)
                            and len(step.by_signature) < _MEMO_LIMIT):
                        step.by_signature[int(sig)] = part
        done = cast(list[_Fresh], parts)
        ruleset = self.ruleset
        decision = _OUTCOMES[ruleset.outcome](OutcomeInputs(
            ruleset, subject, subject.reference_date, _ByCode(self.where, done, "vs"), _ByCode(self.where, done, "rc")))
        a = Assessment(ruleset, subject.reference_date, subject.id,
                       tuple(chain.from_iterable(map(_RESULTS, done))), tuple(map(_CRITERION, done)),
                       decision.outcome, decision.candidates, decision.because, decision.reasons,
                       decision.designations, self.require, self.exceptions, self.scope_obj)
        if self.explainable:
            _remember_parts(a, done)
        return a

    def _stepwise(self, subject: Subject, step: _CriterionStep, values: list[Recorded | None]) -> _Block | _Fresh:
        """A criterion's part from the values recorded for its codes (criterion first), one indicator at a time:
        a shared block when every indicator's result is shared, else the results built for this subject."""
        outs = [s.run(subject, value) for s, value in zip(step.indicators, values[1:], strict=True)]
        rec = values[0]
        tag = 0 if rec is None else 1 if rec is True else 2 if rec is False else None
        key = (tag, *[o[3] for o in outs]) if tag is not None else (None,)
        if None not in key:
            block = step.blocks.get(key)
            if block is not None:
                return block
        results = tuple([o[0] for o in outs])
        skey = (tag, *[o[2] for o in outs]) if tag is not None else None
        found = step.results.get(skey) if skey is not None else None
        if found is None:
            found = _assess_criterion(subject, step.criterion, list(results),
                                      dict(zip(step.keys, [o[1] for o in outs], strict=False)),
                                      self.require, self.family)
            if skey is not None and len(step.results) < _MEMO_LIMIT:
                step.results[skey] = found
                # shared from now on: its line in an explanation is rendered once (the statuses it was
                # built from, hence the indicators named on its line, are part of the key)
                self.lines[id(found[0])] = [found[0], None, None]
        cres, cverdict = found
        vs = (*[o[1] for o in outs], cverdict)
        if None in key or len(step.blocks) >= _MEMO_LIMIT:
            return _Fresh(step, results, cres, vs)
        block = step.blocks[key] = _Block(step, results, cres, vs)
        return block


class _ByCode(Mapping[str, _T]):
    """An assessment's verdicts (``column`` "vs") or results ("rc") by code, for its outcome rule, read from
    its parts where the plan says each code is: most rules read a few codes, and a dict of all of them
    would mostly be built for nothing."""

    __slots__ = ("column", "parts", "where")

    def __init__(self, where: dict[str, tuple[int, int]], parts: list[_Fresh], column: str) -> None:
        self.where, self.parts, self.column = where, parts, column

    def __getitem__(self, code: str) -> _T:
        n, k = self.where[code]
        return getattr(self.parts[n], self.column)[k]  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self.where)

    def __len__(self) -> int:
        return len(self.where)


_BLOCK_BY_SIGNATURE = cast(Callable[[dict[int, _Block], "int | float"], "_Block | None"], dict.get)
_RESULTS = attrgetter("results")
_CRITERION = attrgetter("criterion")


def _recorded_index(subject: Subject, family: str) -> dict[str, Recorded] | None:
    """The dict ``subject.recorded(code, family)`` reads a code from, when reading it is ``.get(code)``;
    None when it is not (a subject of another kind, or values recorded under ``"<family>:<code>"``).

    For the administrative units (whose ``recorded`` is :meth:`places._Unit.recorded`, not overridden) the
    value is the observations' when none is recorded under ``"<family>:<code>"`` and the family is the
    unit's default one; for another family it is none at all. The property tests check the two agree.
    """
    if getattr(type(subject), "recorded", None) is not _UNIT_RECORDED:
        return None
    index = getattr(subject.observations, "_index", None)  # type: ignore[attr-defined]
    if type(index) is not dict:
        return None
    if not family:
        return index
    if ":" in "".join(index):
        prefix = family + ":"
        if any(k.startswith(prefix) for k in index):
            return None
    return index if family == subject.default_family else _NOTHING


_NOTHING: dict[str, Recorded] = {}


def _facts_index(subject: Subject) -> dict[str, Recorded] | None:
    """The dict ``subject.fact`` reads from, for an administrative unit (see :func:`_recorded_index`)."""
    if getattr(type(subject), "fact", None) is _UNIT_FACT:
        index = getattr(subject.facts, "_index", None)  # type: ignore[attr-defined]
        if type(index) is dict:
            return index
    return None


def _reader(subject: Subject, family: str) -> Callable[[str], Recorded | None]:
    """``subject.recorded(code, family)`` as one function of the code."""
    index = _recorded_index(subject, family)
    if index is not None:
        return index.get
    return lambda code: subject.recorded(code, family)


def _fact_reader(subject: Subject) -> Callable[[str], Recorded | None]:
    """``subject.fact``, read straight from the facts of an administrative unit."""
    index = _facts_index(subject)
    return index.get if index is not None else subject.fact


class _RulesetPlans:
    """A ruleset's plans (by scope, and by what sets an administrative unit's scope), and what they share."""

    __slots__ = ("by_scope", "by_unit", "by_value", "criteria", "lines", "ruleset")

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.by_scope: dict[tuple[object, ...], _Plan] = {}
        self.by_unit: dict[tuple[object, ...], _Plan] = {}
        #: the explanation lines of shared results, by identity: [result, vi, en]
        self.lines: dict[int, list[object]] = {}
        #: an indicator's results by value, for the plans that agree on all they depend on (see _IndicatorStep)
        self.by_value: dict[tuple[object, ...], dict[object, _Out]] = {}
        #: a criterion's results by its inputs, per strict level (see _CriterionStep)
        self.criteria: dict[tuple[int, Status | None], dict[tuple[object, ...], tuple[CriterionResult, v.Verdict]]] = {}


_PLANS: dict[int, _RulesetPlans] = {}


def _plans_of(ruleset: Ruleset) -> _RulesetPlans:
    """The plans of ``ruleset``, remembered by its identity."""
    entry = _PLANS.get(id(ruleset))
    if entry is None or entry.ruleset is not ruleset:
        if len(_PLANS) > 256:  # many short-lived what-if rulesets: start afresh rather than grow
            _PLANS.clear()
        entry = _PLANS[id(ruleset)] = _RulesetPlans(ruleset)
    return entry


def _plan_for(ruleset: Ruleset, scope: dict[str, ScopeValue], exceptions: tuple[ScopeRule, ...],
              require: Status | None) -> _Plan:
    """The plan for ``ruleset`` in ``scope``: built once, remembered per ruleset (by identity) and scope."""
    store = _plans_of(ruleset)
    plans = store.by_scope
    # the types too: a scope value of True is not the value 1 in an explanation; the exceptions by value (a
    # subject may derive its own, new objects each time, e.g. a region from its province)
    key = (*scope.items(), *map(type, scope.values()), exceptions, require)
    plan = plans.get(key)
    if plan is None:
        if len(plans) > 1024:
            plans.clear()
        plan = plans[key] = _Plan(store, scope, exceptions, require)
    return plan


_UNIT_SCOPE = (_Unit.scope_values, _Unit.derived_region, _Unit.derived_scope)


def _plan_of(ruleset: Ruleset, subject: Subject, require: Status | None) -> _Plan:
    """The plan ``subject`` is assessed by. An administrative unit's scope follows from its year, region,
    flags and (with no region given) its province on its date, so its plan is remembered by those and the
    scope is worked out once for them."""
    cls: type[object] = type(subject)
    unit_key: tuple[object, ...] | None = None
    by_unit = _plans_of(ruleset).by_unit
    if (getattr(cls, "scope_values", None), getattr(cls, "derived_region", None),
            getattr(cls, "derived_scope", None)) == _UNIT_SCOPE:
        u = cast(_Unit, subject)
        day, region = u.reference_date, u.region
        derived = region is None and u.province is not None
        unit_key = (cls, day if derived else day.year, region, u.province if derived else None, u.flags, require)
        plan = by_unit.get(unit_key)
        if plan is not None:
            return plan
    flags: frozenset[str] = getattr(subject, "flags", frozenset())
    scope, exceptions = _scope_of(ruleset, subject, flags)
    plan = _plan_for(ruleset, scope, exceptions, require)
    if unit_key is not None:
        if len(by_unit) > 4096:
            by_unit.clear()
        by_unit[unit_key] = plan
    return plan


# What each live assessment built by a plan was built from, for its explanation: per criterion, the shared
# block or the part built for that subject. Dropped with the assessment.
_PARTS_OF: dict[int, tuple[weakref.KeyedRef[int, Assessment], list[_Fresh]]] = {}


def _forget(ref: weakref.KeyedRef[int, Assessment]) -> None:
    hit = _PARTS_OF.get(ref.key)
    if hit is not None and hit[0] is ref:
        del _PARTS_OF[ref.key]


def _remember_parts(a: Assessment, parts: list[_Fresh]) -> None:
    key = id(a)
    _PARTS_OF[key] = (weakref.KeyedRef(a, _forget, key), parts)


def parts_of(a: Assessment) -> list[_Fresh] | None:
    """The parts ``a`` was built from by a plan (one per criterion, in order; shared ones are _Blocks), or
    None (built otherwise, or codes repeat in its set)."""
    hit = _PARTS_OF.get(id(a))
    if hit is not None and hit[0]() is a:
        return hit[1]
    return None
