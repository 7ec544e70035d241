"""The compiled plan: one ruleset compiled per scope, so that assessing many subjects is fast.

Private to the engine; :func:`ntp_criteria.engine.evaluate` is its one entry point. Every assessment it
builds equals the reference one (:func:`ntp_criteria.engine.reference.assess_reference`), which property
tests check; anything unusual is handed to the reference functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from itertools import chain, count
from operator import attrgetter, itemgetter
from threading import Lock
from types import MappingProxyType
from typing import TypeVar, cast

import attrs

from ..core import verdict as v
from ..core.errors import ConflictingRules, Problem
from ..core.exact import exact_arithmetic
from ..core.model import (
    _OPERATORS,
    CitedValue,
    Criterion,
    Indicator,
    Ruleset,
    Scope,
    ScopeRule,
    ScopeValue,
    Status,
    Threshold,
)
from ..core.places import _Unit
from ..core.results import (
    Assessment,
    CriterionResult,
    IndicatorResult,
    Observed,
    PartSource,
    ResultStatus,
    with_parts,
)
from ..core.subjects import Household, Recorded, Subject
from ._step_code import plan_code, step_code
from .reference import (
    VERDICT_VALUE,
    assess_criterion,
    assess_indicator,
    check_subject,
    indicator_numbers,
    scope_dimensions,
    scope_of,
    strict_level,
)
from .registry import (
    FACT_PREFIX,
    BoundMeasure,
    Decision,
    MeasureValue,
    Missing,
    NotApplicable,
    OutcomeInputs,
    bind_measure,
    measure_fn,
    outcome_rule_named,
    run_outcome_rule,
)

__all__ = ["evaluate"]

_T = TypeVar("_T")
_UNIT_RECORDED = _Unit.recorded
_UNIT_FACT = _Unit.fact
_UNIT_SCOPE = _Unit.scope_values


@exact_arithmetic
def evaluate(subject: Subject, ruleset: Ruleset, *, strict: bool | Status = False,
             derived: tuple[ScopeRule, ...] = (), unused: tuple[Problem, ...] = ()) -> Assessment:
    """``subject`` assessed against ``ruleset`` by the ruleset's compiled plan for the subject's scope.

    The ruleset is compiled once per scope into a plan (thresholds chosen, the numbers each result rests on
    and the strict-mode reasons worked out, the results that do not depend on a value built once), so an
    assessment reads the subject's values and looks the rest up."""
    check_subject(subject, ruleset)
    require = strict_level(strict)
    return _plan_of(ruleset, subject, require, derived).run(subject, unused)


# --- what a plan remembers across assessments -----------------------------------------------------------------
#
# Keyed by the identity of immutable values (an indicator, a threshold), with an identity check that guards
# against a recycled id(); each table starts afresh past a bound (many short-lived what-if rulesets).

_NUMBERS: dict[tuple[int, int, bool], tuple[Indicator, Threshold | None, tuple[CitedValue, ...]]] = {}


def _rests_on(indicator: Indicator, threshold: Threshold | None, from_facts: bool) -> tuple[CitedValue, ...]:
    """:func:`reference.rests_on`, built once per indicator and threshold."""
    key = (id(indicator), id(threshold), from_facts)
    hit = _NUMBERS.get(key)
    if hit is not None and hit[0] is indicator and hit[1] is threshold:
        return hit[2]
    if len(_NUMBERS) > 50_000:
        _NUMBERS.clear()
    numbers = indicator_numbers(indicator if from_facts else _without_measure(indicator), threshold)
    _NUMBERS[key] = (indicator, threshold, numbers)
    return numbers


def _without_measure(indicator: Indicator) -> Indicator:
    """The indicator as a recorded value is judged: its definition and parameters are not applied."""
    return attrs.evolve(indicator, parameters=(), definition=None)


_THRESHOLDS: dict[tuple[int, tuple[ScopeValue | None, ...]], tuple[Indicator, Threshold | None]] = {}
_DIMENSIONS: dict[int, tuple[Indicator, tuple[str, ...]]] = {}


def _threshold_for(indicator: Indicator, scope: Mapping[str, ScopeValue]) -> Threshold | None:
    """``indicator.threshold_for(scope)``, remembered per indicator and the scope values it depends on."""
    dims = _DIMENSIONS.get(id(indicator))
    if dims is None or dims[0] is not indicator:
        dims = _DIMENSIONS[id(indicator)] = (indicator, tuple(sorted(scope_dimensions(indicator))))
    key = (id(indicator), tuple(scope.get(d) for d in dims[1]))
    hit = _THRESHOLDS.get(key)
    if hit is not None and hit[0] is indicator:
        return hit[1]
    if len(_THRESHOLDS) > 50_000:
        _THRESHOLDS.clear()
    found = indicator.threshold_for(scope)
    _THRESHOLDS[key] = (indicator, found)
    return found


_CODE_SETS: dict[str, frozenset[str]] = {}


def _just(code: str) -> frozenset[str]:
    """The one-code set a verdict rests on, built once per code (assessments make many)."""
    found = _CODE_SETS.get(code)
    if found is None:
        found = _CODE_SETS[code] = frozenset((code,))
    return found


def _bound(name: str, indicator: Indicator) -> BoundMeasure:
    """The measure ``name`` bound to ``indicator``; when binding fails (a parameter the indicator lacks), the measure
    bound on every call, as the reference step calls it, so the error is raised where the reference raises it."""
    try:
        return bind_measure(name, indicator)
    except Exception:  # noqa: BLE001 - any error: raised again by the reference step, when and as it raises it
        fn = measure_fn(name)
        return lambda subject: fn(subject, indicator)


def _verdict_of(result: IndicatorResult | CriterionResult) -> v.Verdict:
    return v.Verdict(VERDICT_VALUE.get(result.status), _just(result.code))


def _assess_indicator(subject: Subject, criterion: Criterion, indicator: Indicator, scope: Mapping[str, ScopeValue],
                      require: Status | None, exceptions: tuple[ScopeRule, ...], family: str) -> IndicatorResult:
    """The reference step, with the remembered threshold and numbers."""
    return assess_indicator(subject, criterion, indicator, scope, require, exceptions, family,
                            threshold_of=_threshold_for, numbers_of=_rests_on)


# --- the compiled plan ----------------------------------------------------------------------------------------
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

# templates remembered per plan (see _Plan._from_facts), and criterion results per criterion and strict level (by the
# statuses of its indicators: a count criterion of 12 indicators has thousands of combinations in a national
# batch), at most
_DECISIONS_LIMIT = 16384
_CRITERIA_LIMIT = 16384
# tuples of part sources kept per plan (see _Plan._sources), and the nodes of its tree of decisions (see
# _Decisions), at most: bounded by the situations a batch repeats, not by its size
_SOURCES_LIMIT = 2048
_DECISION_NODES = 4096
_STATUS_INDEX = {ResultStatus.MET: 0, ResultStatus.NOT_MET: 1, ResultStatus.NOT_APPLICABLE: 2,
                 ResultStatus.MISSING: 3, ResultStatus.UNDECIDED: 4}
_VALUE_OF_INDEX = (True, False, None, None, None)
_ZERO = Decimal(0)
_MEMO_LIMIT = 1024  # results remembered per indicator or criterion (values or statuses seen), at most

# One indicator's outcome in a plan: (result, verdict, status index, constant id or None when built for
# this subject only or shared by value, what stands for it in the key of an assessment's template). The last is
# the result's identity when it is shared (kept by the plan, so the identity is never reused), minus one minus
# the status index when it was built for this subject and only its status matters to the rest of the assessment,
# None when its reason matters too (a MISSING or UNDECIDED result built for this subject): see _Plan._template.
_Out = tuple[IndicatorResult, v.Verdict, int, int | None, int | None]


class _IndicatorStep:
    """One indicator compiled for one scope."""

    __slots__ = ("by_object", "by_text", "by_value", "code", "criterion", "delegate", "exceptions", "fact", "fixed",
                 "if_false", "if_true", "indicator", "measure", "no_value", "numbers", "op", "outs", "plain", "plan",
                 "rec_false", "rec_true", "threshold", "undecided", "unrecorded", "value")

    def __init__(self, plan: _Plan, criterion: Criterion, indicator: Indicator) -> None:
        self.plan, self.criterion, self.indicator, self.code = plan, criterion, indicator, indicator.code
        self.outs: dict[object, _Out] = {}
        #: results by the value compared with the threshold (see _number)
        self.by_value: dict[object, _Out] = {}
        self.fixed: _Out | None = None
        self.delegate = False
        self.measure: BoundMeasure | None = None
        #: whether a value recorded for the code is all the step reads (no measure; see _Plan._stepwise)
        self.plain = False
        #: the named fact the step's ``fact:`` measure reads, when that is all it reads (see _Plan._stepwise)
        self.fact: str | None = None
        #: shared results by the text of a Decimal (as _number keys them): of the value recorded for the code when
        #: the step is plain, of the fact it reads when it has one
        self.by_text: dict[str, _Out] = {}
        #: the outcome when the measure says yes or no, once known
        self.if_true: _Out | None = None
        self.if_false: _Out | None = None
        #: shared results by the identity of the value the measure returned (a measure may return the same object
        #: for the same value: then its digits are not read again), the object kept with its result
        self.by_object: dict[int, tuple[Observed, _Out]] = {}
        #: this step's outcome for a subject that records no value for its code
        self.unrecorded: Callable[[Subject], _Out] = self.reference
        self.threshold: Threshold | None = None
        self.numbers: dict[str, tuple[CitedValue, ...]] = {}
        self.undecided: dict[str, str | None] = {}
        scope, require = plan.scope, plan.require
        applies = indicator.applies(scope)
        if applies is not True:
            # decided by the scope alone: the reference step returns before it reads the subject
            fixed = self.fixed = self._const(_assess_indicator(cast(Subject, None), criterion, indicator, scope,
                                                               require, plan.exceptions, plan.family))
            self.unrecorded = lambda subject: fixed
            return
        if indicator.thresholds:
            try:
                self.threshold = indicator.threshold_for(scope)
            except ConflictingRules:
                self.delegate = True  # raised by the reference step, in its order
                return
        if indicator.measure is not None:
            self.measure = _bound(indicator.measure, indicator)
            self.unrecorded = self.from_facts
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
        agree = (indicator.code, criterion.code, id(indicator), id(t), tuple(self.numbers.values()),
                 tuple(self.undecided.values()))
        self.by_value = plan.store.by_value.setdefault(agree, {})
        # and so are the results by a Decimal's text (the ids of shared results are the ruleset's, never repeated
        # between its plans, so a result found here never stands for another in a block's key)
        self.by_text = plan.store.by_text.setdefault(agree, {})
        self.rec_true = self._const(self._result(ResultStatus.MET, "recorded", observed=True, threshold=t))
        self.rec_false = self._const(self._result(ResultStatus.NOT_MET, "recorded", observed=False, threshold=t))
        self.no_value = self._const(self._result(ResultStatus.MISSING, "recorded",
                                                 reason=f"no value recorded for {indicator.code!r}"))
        if self.measure is None:
            no_value = self.no_value
            self.unrecorded = lambda subject: no_value
            self.plain = True
        elif indicator.measure.startswith(FACT_PREFIX):  # type: ignore[union-attr]
            self.fact = indicator.measure.removeprefix(FACT_PREFIX)  # type: ignore[union-attr]

    def _result(self, status: ResultStatus, basis: str, **kw: object) -> IndicatorResult:
        i = self.indicator
        return IndicatorResult(i.code, self.criterion.code, i.name_vi, i.name_en, status, basis,
                               **kw)  # type: ignore[arg-type]

    def _const(self, result: IndicatorResult) -> _Out:
        plan = self.plan
        plan.lines[id(result)] = [result, None, None]
        # next() on a count is one step even with threads: two shared results never get the same id
        # the verdict is the plan's one for the code and value (as _verdict_of builds it): results that differ only
        # in their values share it, so the outcome rule's decisions are found by it (see _Decisions)
        return (result, plan.verdict(result.code, VERDICT_VALUE.get(result.status)), _STATUS_INDEX[result.status],
                next(plan.constants), id(result))

    def _fresh(self, result: IndicatorResult) -> _Out:
        status = _STATUS_INDEX[result.status]
        return result, _verdict_of(result), status, None, -1 - status if status < 3 else None

    def reference(self, subject: Subject) -> _Out:
        p = self.plan
        return self._fresh(_assess_indicator(subject, self.criterion, self.indicator, p.scope, p.require,
                                             p.exceptions, p.family))

    def run(self, subject: Subject, recorded: Recorded | None) -> _Out:
        if recorded is None or self.fixed is not None or self.delegate:
            return self.unrecorded(subject)
        fn = self.measure
        if fn is None:
            if recorded is True:
                return self.rec_true
            if recorded is False:
                return self.rec_false
            return self._number(subject, recorded, "recorded")
        computed = fn(subject)
        if recorded is True or recorded is False:
            const = self.rec_true if recorded else self.rec_false
            if computed is recorded or computed.__class__ is Missing or computed.__class__ is NotApplicable:
                return const
            self.reference(subject)  # the facts given too: checked there, and a conflict raised
            return const
        return self._number(subject, recorded, "recorded")

    def from_facts(self, subject: Subject) -> _Out:
        """The outcome from what the measure computes, for a subject that records no value for the code."""
        return self.outcome_of(subject, self.measure(subject))  # type: ignore[misc]  # set with this method

    def outcome_of(self, subject: Subject, computed: MeasureValue) -> _Out:
        """The outcome of what the measure computed for ``subject``, which records no value for the code."""
        if computed is True:
            out = self.if_true
            if out is None:
                out = self._const_for(True, subject)
                if out[3] is not None:
                    self.if_true = out
            return out
        if computed is False:
            out = self.if_false
            if out is None:
                out = self._const_for(False, subject)
                if out[3] is not None:
                    self.if_false = out
            return out
        cls = computed.__class__
        if cls is Observed:
            hit = self.by_object.get(id(computed))
            if hit is not None and hit[0] is computed:
                return hit[1]
            if computed.low == computed.high:  # type: ignore[union-attr]
                return self._number(subject, computed, "facts")  # type: ignore[arg-type]
            return self._interval(subject, computed)  # type: ignore[arg-type]
        if cls is Missing or cls is NotApplicable:
            return self._const_for(computed, subject)  # type: ignore[arg-type]
        return self.reference(subject)

    def keep_text(self, text: str, out: _Out) -> None:
        """``out`` as the outcome of a Decimal written ``text`` (see _Plan._stepwise), when it is a shared result:
        _number shares its results by the value's text, so the step gives the same for the same text."""
        if out[4] is not None and out[4] > 0 and len(self.by_text) < _MEMO_LIMIT:
            self.by_text[text] = out

    def _remember(self, obs: Observed, out: _Out) -> None:
        """``out`` (a shared result) as the outcome of the very object ``obs`` too."""
        if len(self.by_object) < _MEMO_LIMIT:
            self.by_object[id(obs)] = (obs, out)

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

    def _interval(self, subject: Subject, computed: Observed) -> _Out:
        """A value known only to lie in an interval (some facts missing): decided (or not) by the reference step,
        whose result depends on nothing else here, so it is built once per interval."""
        low, high = computed.low, computed.high
        key = ("interval", low.__class__, str(low), high.__class__, str(high), computed.unit)
        out = self.outs.get(key)
        if out is None:
            ref = self.reference(subject)
            if len(self.outs) >= _MEMO_LIMIT:
                return ref
            out = self.outs[key] = self._const(ref[0])
        self._remember(computed, out)
        return out

    def _number(self, subject: Subject, value: Recorded | Observed, basis: str) -> _Out:
        """A value compared with the threshold. Rates and amounts recorded to a fixed number of places repeat
        across subjects, so results are remembered by the value exactly as written (``85.0`` is not ``85``)."""
        if self.op is None:
            return self.reference(subject)  # no threshold for this scope: the reference says why
        # a whole number is keyed by itself (its text follows from it), anything else by its class and text
        if isinstance(value, Observed):
            observed: Observed | None = value
            x, high = value.low, value.high
            key: tuple[object, ...] = ((basis, x, high, value.unit) if x.__class__ is int and high.__class__ is int
                                       else (basis, x.__class__, str(x), high.__class__, str(high), value.unit))
        else:
            observed, x = None, value
            key = (basis, x) if x.__class__ is int else (basis, x.__class__, str(x))
        out = self.by_value.get(key)
        if out is not None:
            if observed is not None and basis == "facts":
                self._remember(observed, out)
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
            out = self.by_value[key] = (*self._const(result)[:3], None, id(result))
            if observed is not None and basis == "facts":
                self._remember(observed, out)
            return out
        if why is not None:  # the same reason for every value: the status stands for the result
            return result, self.plan.verdict(i.code, None), 4, None, -5
        return result, self.plan.verdict(i.code, holds), 0 if holds else 1, None, -1 if holds else -2


class _Fresh:
    """A criterion's part of an assessment, built for one subject: the criterion's result, its indicators'
    results, and the results and verdicts in the order of ``step.keys`` (the indicators', the criterion's).
    An assessment carries its parts (:class:`~ntp_criteria.core.results.AssessmentPart`) for its explanation."""

    __slots__ = ("criterion", "dkey", "results", "step", "vs")
    #: the part's explanation by language: none kept for a part built for one subject (a _Block's slot of the
    #: same name takes precedence), so an explanation asks every part the same way
    text: Mapping[str, str] = MappingProxyType({})
    #: whether the part is shared between assessments (its text is then kept in ``text``)
    shared = False

    def __init__(self, step: _CriterionStep, results: tuple[IndicatorResult, ...], criterion: CriterionResult,
                 vs: tuple[v.Verdict, ...] = (), dkey: object = None) -> None:
        self.step, self.results, self.criterion = step, results, criterion
        #: the verdicts in the order of ``step.keys``, while the assessment is built (empty in a part rebuilt for an
        #: explanation)
        self.vs = vs
        #: not None when the part's criterion result is shared (a template may then stand for it: see
        #: _Plan._from_facts)
        self.dkey = dkey

    @property
    def rc(self) -> tuple[IndicatorResult | CriterionResult, ...]:
        """The results in the order of ``step.keys``: the indicators', the criterion's."""
        return (*self.results, self.criterion)

    @property
    def source(self) -> _CriterionStep | _Block:
        """What the assessment keeps of the part: its step, which rebuilds it from the assessment's results."""
        return self.step

    @property
    def conditions(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Each indicator's condition in words: in Vietnamese, and in English."""
        return self.step.conditions

    @property
    def lines(self) -> dict[int, list[object]]:
        """The rendered lines of the results shared between assessments, by identity: [result, vi, en]."""
        return self.step.plan.lines

    @property
    def cited(self) -> tuple[IndicatorResult, ...]:
        """The indicator results that rest on legal numbers (what an explanation lists when unverified)."""
        return tuple([r for r in self.results if r.rests_on])


class _Block(_Fresh):
    """A part built only from shared results, itself shared (remembered by what it was built from); its
    explanation is rendered once per language and kept in ``text``."""

    __slots__ = ("_cited", "_rc", "text")
    shared = True

    def __init__(self, step: _CriterionStep, results: tuple[IndicatorResult, ...], criterion: CriterionResult,
                 vs: tuple[v.Verdict, ...], dkey: object = None) -> None:
        # shared and never changed: without a key of statuses, the block itself stands for what it holds
        super().__init__(step, results, criterion, vs, self if dkey is None else dkey)
        self.text: dict[str, str] = {}
        self._cited = tuple([r for r in results if r.rests_on])
        self._rc: tuple[IndicatorResult | CriterionResult, ...] = (*results, criterion)

    @property
    def rc(self) -> tuple[IndicatorResult | CriterionResult, ...]:
        """The results in the order of ``step.keys``, built once."""
        return self._rc

    @property
    def source(self) -> _Block:
        """A shared part is kept as it is."""
        return self

    def part_of(self, a: Assessment) -> _Block:
        """The part itself, whichever assessment keeps it."""
        return self

    @property
    def cited(self) -> tuple[IndicatorResult, ...]:
        """The indicator results that rest on legal numbers, found once."""
        return self._cited


class _CriterionStep:
    """One criterion compiled for one scope: its indicators, and its results remembered by their inputs."""

    __slots__ = ("blocks", "by_value", "by_values", "code", "codes", "conditions", "criterion", "facts",
                 "indicators", "keys", "place", "plan", "results", "unrolled")

    def __init__(self, plan: _Plan, criterion: Criterion) -> None:
        self.plan, self.criterion, self.code = plan, criterion, criterion.code
        self.indicators = tuple(_IndicatorStep(plan, criterion, i) for i in criterion.indicators)
        #: where the step's results are in an assessment: its criterion's position, its first indicator's
        self.place = (0, 0)
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
        #: the shared blocks of a by-value step, by the values and facts they were built from when each is yes, no or
        #: nothing (True, False, None: a tuple of those is never equal to one holding another value)
        self.by_values: dict[tuple[Recorded | None, ...], _Block] = {}
        #: what _Plan._stepwise does for the values recorded for the step's codes and the subject's named facts,
        #: written out indicator by indicator (see _step_code); None without indicators
        self.unrolled: Callable[[Subject, list[Recorded | None], dict[str, Recorded]], _Block | _Fresh] | None = (
            step_code(self, self.indicators, plan._part, _Fresh))

    def part_of(self, a: Assessment) -> _Fresh:
        """The part an assessment built by this step's plan did not keep, rebuilt from its own results."""
        n, first = self.place
        return _Fresh(self, a.indicators[first:first + len(self.indicators)], a.criteria[n])


class _Plan:
    """A ruleset compiled for one scope, exceptions and strict level."""

    __slots__ = ("by_code", "constants", "decisions", "exceptions", "explainable", "family", "flat", "lines",
                 "require", "ruleset", "scope", "scope_obj", "sources", "spans", "steps", "store", "templates",
                 "unique_codes", "unrolled", "verdicts", "where")

    def __init__(self, store: _RulesetPlans, scope: dict[str, ScopeValue], exceptions: tuple[ScopeRule, ...],
                 require: Status | None) -> None:
        ruleset = self.ruleset = store.ruleset
        self.store, self.scope, self.exceptions, self.require = store, scope, exceptions, require
        self.family = ruleset.family
        self.scope_obj = Scope.of(scope)
        #: ids for the shared results (part of the keys blocks are remembered by)
        self.constants = store.constants
        #: the explanation lines of the results shared between assessments, by identity: [result, vi, en]
        #: (a line depends on its result alone, so the ruleset's plans keep them together)
        self.lines = store.lines
        #: the verdicts by value and what they rest on, one object for equal ones, for all the plans of the ruleset:
        #: the outcome rule's decisions are remembered by the identity of the verdicts read (see _Decisions), so
        #: criteria met (or not) on different statuses, or in plans that share results, lead to one decision
        self.verdicts = store.verdicts
        #: the verdicts resting on one code, by the code and value
        self.by_code: dict[tuple[str, bool | None], v.Verdict] = {}
        self.steps = tuple(_CriterionStep(self, c) for c in ruleset.criteria)
        first = 0
        spans = []
        for n, step in enumerate(self.steps):
            step.place = (n, first)
            spans.append((step, first, first + len(step.indicators)))
            first += len(step.indicators)
        #: every indicator step in the order of an assessment's results, and where each criterion's are
        self.flat = tuple(s for step in self.steps for s in step.indicators)
        self.spans = tuple(spans)
        #: the sources of the parts of assessments, each tuple kept once (most assessments have one of a few), with
        #: the results of the assessments when every part is shared (see _sources)
        self.sources: dict[tuple[PartSource, ...], _Kept] = {}
        #: the decisions of an outcome rule that decides from statuses alone (see registry.outcome_rule), by what
        #: it reads of the parts; else None
        self.decisions: _Decisions | None = None
        #: the templates of assessments of subjects that record no value, by their indicators' outcomes (see
        #: _from_facts): with the decisions, or None
        self.templates: dict[tuple[object, ...], _Template] | None = None
        try:
            if outcome_rule_named(ruleset.outcome).by_status:
                self.decisions = _Decisions()
                self.templates = {}
        except KeyError:
            pass  # a rule nobody registered: the reference step raises when the outcome is decided
        #: where an assessment's verdict and result for each code are: (step, position in the step's keys); a
        #: code repeated in hand-made sets is where it last is, as a dict built in the steps' order has it
        self.where: dict[str, tuple[int, int]] = {}
        for n, step in enumerate(self.steps):
            for k, code in enumerate(step.keys):
                self.where[code] = (n, k)
        codes = [c.code for c in ruleset.criteria]
        inds = [i.code for _, i in ruleset.indicators()]
        # explanations group indicator lines by criterion code and find conditions by indicator code: with
        # codes repeated (never in the rules data, possible in hand-made sets) they go the reference way
        self.explainable = len(set(codes)) == len(codes) and len(set(inds)) == len(inds)
        #: whether no code is both a criterion's and an indicator's, or repeats (a subject recording nothing is then
        #: assessed from templates: see _from_facts)
        self.unique_codes = len(set(codes + inds)) == len(codes) + len(inds)
        #: what run does for a subject's values, written out per criterion (see _step_code.plan_code)
        self.unrolled = plan_code(self.steps, self._new_block, self._stepwise, _Fresh)

    def same_verdict(self, verdict: v.Verdict) -> v.Verdict:
        """The ruleset's one verdict equal to ``verdict`` (kept for the decisions: see _Decisions)."""
        verdicts = self.verdicts
        key = (verdict.value, verdict.because)
        found = verdicts.get(key)
        if found is None:
            if len(verdicts) >= _CRITERIA_LIMIT:
                return verdict
            found = verdicts[key] = verdict
        return found

    def verdict(self, code: str, value: bool | None) -> v.Verdict:
        """The ruleset's one verdict of ``value`` resting on ``code``."""
        found = self.by_code.get((code, value))
        if found is None:
            found = self.by_code[code, value] = self.same_verdict(v.Verdict(value, _just(code)))
        return found

    def run(self, subject: Subject, unused: tuple[Problem, ...] = ()) -> Assessment:
        recorded = _recorded_index(subject, self.family)
        facts = _facts_index(subject)
        read: Callable[[str], Recorded | None]
        fact: Callable[[str], Recorded | None]
        if recorded is not None and facts is not None:
            if not recorded and self.templates is not None and self.unique_codes:
                return self._from_facts(subject, unused)
            read, fact = recorded.get, facts.get
        else:
            read, fact = _reader(subject, self.family), _fact_reader(subject)
        parts, fresh = self.unrolled(subject, read, fact, facts)
        if fresh:
            return self._assessment(subject, parts, unused)
        return self._from_blocks(subject, parts, unused)

    def _from_blocks(self, subject: Subject, done: list[_Fresh], unused: tuple[Problem, ...]) -> Assessment:
        """The assessment of ``subject`` from parts that are all shared blocks, each its own source: the result tuples
        of every assessment with these blocks are built once (see _sources)."""
        decision = self._decision(subject, done)
        sources = cast(tuple[PartSource, ...], tuple(done))  # a block is its own source
        kept = self.sources.get(sources)
        if kept is None:
            kept = self._sources(sources, done)
        indicators, criteria = cast(tuple[tuple[IndicatorResult, ...], tuple[CriterionResult, ...]], kept[1])
        a = self._assessment_of(subject, decision, indicators, criteria, unused)
        if self.explainable:
            with_parts(a, kept[0])
        return a

    def _new_block(self, subject: Subject, step: _CriterionStep, values: list[Recorded | None],
                   facts: dict[str, Recorded] | None, key: tuple[Recorded | None, ...]) -> _Block | _Fresh:
        """The part of a by-value step for values not seen before, each yes, no or nothing (``key``): kept as the
        step's block for them when it is one."""
        part = self._stepwise(subject, step, values, facts)
        if part.__class__ is _Block and len(step.by_values) < _MEMO_LIMIT:
            step.by_values[key] = part
        return part

    def _assessment(self, subject: Subject, done: list[_Fresh], unused: tuple[Problem, ...]) -> Assessment:
        """The assessment of ``subject`` from its parts, some built for it alone (see _assemble for the others): their
        sources are kept as they are, not looked up among those of earlier assessments, which they seldom repeat
        (values with decimals: a commune's rates)."""
        decision = self._decision(subject, done)
        a = self._assessment_of(subject, decision, tuple(chain.from_iterable(map(_RESULTS, done))),
                                tuple(map(_CRITERION, done)), unused)
        if self.explainable:
            with_parts(a, tuple([p if p.__class__ is _Block else p.step for p in done]))
        return a

    def _assemble(self, subject: Subject, done: list[_Fresh], unused: tuple[Problem, ...]
                  ) -> tuple[Assessment, bool, tuple[PartSource, ...] | None]:
        """The assessment of ``subject`` from its parts, whether its decision was one remembered by statuses, and the
        sources of its parts that it keeps."""
        decision = self._decision(subject, done)
        # the decision follows from the parts' statuses (for a template): a rule deciding from statuses, every
        # criterion's result shared
        by_status = self.decisions is not None and None not in [p.dkey for p in done]
        kept = self._sources(tuple(map(_SOURCE, done)), done)
        results = kept[1]
        if results is not None:  # every part shared: the results of every assessment with these parts, built once
            indicators, criteria = results
        else:
            indicators, criteria = tuple(chain.from_iterable(map(_RESULTS, done))), tuple(map(_CRITERION, done))
        a = self._assessment_of(subject, decision, indicators, criteria, unused)
        sources = None
        if self.explainable:
            sources = kept[0]
            with_parts(a, sources)
        return a, by_status, sources

    def _sources(self, sources: tuple[PartSource, ...], done: list[_Fresh]) -> _Kept:
        """``sources``, as the one tuple kept for all the assessments whose parts come from the same sources, with
        their results when every part is shared (a shared part is its own source, so the sources say which
        results they are)."""
        kept = self.sources.get(sources)
        if kept is None:
            shared = all(p.__class__ is _Block for p in done)
            kept = (sources, (tuple(chain.from_iterable(map(_RESULTS, done))), tuple(map(_CRITERION, done)))
                    if shared else None)
            if len(self.sources) >= _SOURCES_LIMIT:
                # subjects whose parts seldom repeat together (communes recording every indicator): the tuples
                # seen lately are kept, so a long batch holds a bounded number (its memory stays flat)
                self.sources.clear()
            self.sources[sources] = kept
        return kept

    def _from_facts(self, subject: Subject, unused: tuple[Problem, ...]) -> Assessment:
        """The assessment of a subject that records no value: every indicator from its measure, then the rest of
        the assessment from a template when the indicators' results were seen before.

        A template holds what follows from the indicators' results alone, when they are shared or only their
        statuses matter (see _Out): the criteria's results, the decision (for an outcome rule deciding from
        statuses), the sources of the parts, and the indicators' results too when every one is shared. A subject
        whose results match one is assessed without a step per criterion."""
        outs: list[_Out] = []
        append = outs.append
        for s in self.flat:
            fn = s.measure
            if fn is None:  # not applicable, decided elsewhere, or read from recorded values only
                append(s.unrecorded(subject))
                continue
            computed = fn(subject)
            out = s.if_true if computed is True else s.if_false if computed is False else None
            append(out if out is not None else s.outcome_of(subject, computed))
        key = tuple(map(_TEMPLATE_KEY, outs))
        templates = cast(dict[tuple[object, ...], _Template], self.templates)
        found = templates.get(key)
        if found is not None:
            decision, indicators, criteria, sources = found
            if indicators is None:
                indicators = tuple(map(_RESULT_OF, outs))
            a = self._assessment_of(subject, decision, indicators, criteria, unused)
            if sources is not None:
                with_parts(a, sources)
            return a
        done = [self._part(subject, step, outs[first:end], 0) for step, first, end in self.spans]
        a, by_status, sources = self._assemble(subject, done, unused)
        if by_status and None not in key and len(templates) < _DECISIONS_LIMIT:
            templates[key] = (Decision(a.outcome, a.candidates, a.because, a.reasons, a.designations),
                              a.indicators if min(cast(tuple[int, ...], key), default=1) > 0 else None, a.criteria,
                              sources)
        return a

    def _assessment_of(self, subject: Subject, decision: Decision, indicators: tuple[IndicatorResult, ...],
                       criteria: tuple[CriterionResult, ...], unused: tuple[Problem, ...]) -> Assessment:
        """The assessment of ``subject`` in this plan with these results and decision."""
        return Assessment(self.ruleset, subject.reference_date, subject.id, indicators, criteria, decision.outcome,
                          decision.candidates, decision.because, decision.reasons, decision.designations, self.require,
                          self.exceptions, self.scope_obj, unused)

    def _decision(self, subject: Subject, done: list[_Fresh]) -> Decision:
        """The outcome rule's decision for the parts ``done``. For a rule that decides from statuses alone, found by
        replaying what it read for an earlier subject, or decided and remembered (see _Decisions)."""
        decisions = self.decisions
        if decisions is None:
            return run_outcome_rule(OutcomeInputs(self.ruleset, subject, subject.reference_date,
                                                  _ByCode(self.where, done, "vs"), _ByCode(self.where, done, "rc")))
        found = decisions.find(done)
        if found.__class__ is not int:
            return cast(Decision, found)
        # once the tree is full nothing more is remembered: the rule decides without noting what it reads
        reads: list[tuple[int, int, int, object]] | None = None if decisions.full else []
        decision = run_outcome_rule(OutcomeInputs(self.ruleset, subject, subject.reference_date,
                                                  _ByCode(self.where, done, "vs", reads),
                                                  _ByCode(self.where, done, "rc", reads)))
        if reads is not None:
            decision = decisions.add(reads, decision, found)
        return decision

    def _stepwise(self, subject: Subject, step: _CriterionStep, values: list[Recorded | None],
                  facts: dict[str, Recorded] | None = None) -> _Block | _Fresh:
        """A criterion's part from the values recorded for its codes (criterion first), one indicator at a time: a
        shared block when every indicator's result is shared, else the results built for this subject. ``facts``: the
        subject's named facts, when ``subject.fact`` reads them (see _facts_index)."""
        tag: object
        if facts is None:
            outs = [s.run(subject, value) for s, value in zip(step.indicators, values[1:], strict=True)]
        elif step.unrolled is not None:
            # a Decimal recorded for a code, or in the fact a step reads, is found by its text (the key _number
            # reads it by); the rest as the indicator steps decide: written out per indicator (see _step_code)
            return step.unrolled(subject, values, facts)
        else:
            outs = []  # a criterion without indicators
        rec = values[0]
        # a recorded count (of a count criterion) repeats across subjects too: its results are shared by value
        tag = (0 if rec is None else 1 if rec is True else 2 if rec is False
               else ("count", rec) if rec.__class__ is int else None)
        return self._part(subject, step, outs, tag)

    def _part(self, subject: Subject, step: _CriterionStep, outs: list[_Out], tag: object) -> _Block | _Fresh:
        """A criterion's part from its indicators' outcomes and what was recorded for the criterion (``tag``)."""
        key: tuple[object, ...] | None = None
        skey: tuple[object, ...] | None = None
        found: tuple[CriterionResult, v.Verdict] | None = None
        if tag is not None:
            key = (tag, *map(_CONST_ID, outs))
            if None not in key:
                block = step.blocks.get(key)
                if block is not None:
                    return block
            skey = (tag, *map(_STATUS_OF, outs))
            found = step.results.get(skey)
        results = tuple(map(_RESULT_OF, outs))
        shared = True
        if found is None:
            cres, cverdict = assess_criterion(subject, step.criterion, list(results),
                                              dict(zip(step.keys, map(_VERDICT_OF, outs), strict=False)),
                                              self.require, self.family)
            found = (cres, self.same_verdict(cverdict))
            shared = skey is not None and len(step.results) < _CRITERIA_LIMIT
            if shared:
                step.results[skey] = found  # type: ignore[index]
                # shared from now on: its line in an explanation is rendered once (the statuses it was
                # built from, hence the indicators named on its line, are part of the key)
                self.lines[id(found[0])] = [found[0], None, None]
        cres, cverdict = found
        vs = (*map(_VERDICT_OF, outs), cverdict)
        # whether the part's criterion result is shared (so that a template may stand for it: see _from_facts)
        dkey = True if shared else None
        if key is None or None in key or len(step.blocks) >= _MEMO_LIMIT:
            return _Fresh(step, results, cres, vs, dkey)
        block = step.blocks[key] = _Block(step, results, cres, vs, dkey)
        return block


_RESULT_OF = itemgetter(0)
_VERDICT_OF = itemgetter(1)
_STATUS_OF = itemgetter(2)
_CONST_ID = itemgetter(3)
_TEMPLATE_KEY = itemgetter(4)

# What a template holds (see _Plan._from_facts): the decision, the indicators' results when every one is shared
# (else None: built for each subject), the criteria's results, the sources of the parts.
_Template = tuple[Decision, tuple[IndicatorResult, ...] | None, tuple[CriterionResult, ...],
                  tuple[PartSource, ...] | None]
# A tuple of part sources as a plan keeps it (see _Plan._sources): the tuple, and the results of the assessments
# built from it when every part is shared (else None).
_Kept = tuple[tuple[PartSource, ...],
              tuple[tuple[IndicatorResult, ...], tuple[CriterionResult, ...]] | None]


class _ByCode(Mapping[str, _T]):
    """An assessment's verdicts (``column`` "vs") or results ("rc") by code, for its outcome rule, read from
    its parts where the plan says each code is: most rules read a few codes, and a dict of all of them
    would mostly be built for nothing. With ``reads``, each value read is noted there (see _Decisions)."""

    __slots__ = ("column", "parts", "reads", "where")

    def __init__(self, where: dict[str, tuple[int, int]], parts: list[_Fresh], column: str,
                 reads: list[tuple[int, int, int, object]] | None = None) -> None:
        self.where, self.parts, self.column, self.reads = where, parts, column, reads

    def __getitem__(self, code: str) -> _T:
        n, k = self.where[code]
        found = getattr(self.parts[n], self.column)[k]
        if self.reads is not None:
            self.reads.append((n, k, 0 if self.column == "vs" else 1, found))
        return found  # type: ignore[no-any-return]

    def __contains__(self, code: object) -> bool:
        return code in self.where

    def __iter__(self) -> Iterator[str]:
        return iter(self.where)

    def __len__(self) -> int:
        return len(self.where)


class _Decisions:
    """The decisions of an outcome rule that decides from statuses alone (``by_status``), as a tree of what it read.

    Such a rule is a function of the verdicts and results it reads, and of nothing else that differs between the
    subjects of a plan: which value it reads next depends only on the values it read so far. So a decision is
    remembered as the path of values it read (each by identity, the value kept by the tree so its identity is never
    reused), and found again by reading the same places of another assessment's parts: the tree grows with the
    distinct situations the rule tells apart (a criterion not met, every criterion met), not with the subjects.
    Verdicts and results are shared between assessments wherever they can be (see _IndicatorStep), so most reads
    match; a value built for one subject only matches itself, and the tree stops growing past a bound.

    The tree is stored flat, in objects the garbage collector does not follow (a cold batch builds thousands of
    nodes, and a full collection's cost grows with the objects it follows): a node is a number, an index into
    ``places``; an edge is one int key in ``edges``, the identity of the value read and the node it leaves."""

    __slots__ = ("decisions", "edges", "full", "kept", "lock", "places")

    def __init__(self) -> None:
        #: by node: where the rule reads there, (part, position in the part's keys, 0 for its verdict or 1 for its
        #: result, the node's depth in the tree), or at a leaf the decision. Node 0 is the root (none before the first
        #: decision)
        self.places: list[_Place | Decision] = []
        #: the next node by (identity of the value read << _NODE_BITS | node): ints only
        self.edges: dict[int, int] = {}
        #: every value on an edge, kept alive with the tree: an identity in ``edges`` is never another value's
        self.kept: list[object] = []
        #: the decisions at the leaves, one object for equal ones (many paths lead to one decision: a criterion not
        #: met, whatever the criteria before it rest on)
        self.decisions: dict[Decision, Decision] = {}
        #: held while a path is added (threads may share a plan): a path is published only once its nodes exist
        self.lock = Lock()
        #: whether the tree has reached its bound (_DECISION_NODES): it keeps what it holds, the rule decides the rest
        self.full = False

    @property
    def nodes(self) -> int:
        """The number of nodes below the root (each reached by one edge): at most _DECISION_NODES."""
        return max(len(self.places) - 1, 0)

    def find(self, parts: list[_Fresh]) -> Decision | int:
        """The decision remembered for what ``parts`` hold where the rule reads, or else the node where the search
        stopped (-1: the tree is empty), for :meth:`add` to go on from (returned, not kept: threads share plans)."""
        places = self.places
        if not places:
            return -1
        edges = self.edges
        node = 0
        while True:
            place = places[node]
            if place.__class__ is not tuple:
                return place  # type: ignore[return-value]
            n, k, column, _ = place
            part = parts[n]
            nxt = edges.get(id(part.vs[k] if column == 0 else part.rc[k]) << _NODE_BITS | node)
            if nxt is None:
                return node
            node = nxt

    def add(self, reads: list[tuple[int, int, int, object]], decision: Decision, stopped: int) -> Decision:
        """Remember ``decision`` as reached by ``reads`` (the places read, in order, and the values found there), whose
        first ones lead from the root to node ``stopped`` (where the search for them stopped; -1: the tree was empty).
        Returns the decision to use: the one remembered equal to it, if any."""
        with self.lock:
            return self._add(reads, decision, stopped)

    def _add(self, reads: list[tuple[int, int, int, object]], decision: Decision, stopped: int) -> Decision:
        places = self.places
        if stopped < 0:
            if places:
                return decision  # the tree was started since the search: the next miss adds to it
            if not reads:
                places.append(decision)
                return decision
            n, k, column, _ = reads[0]
            places.append((n, k, column, 0))
            stopped = 0
        place = places[stopped]
        if place.__class__ is not tuple:
            return decision
        depth = place[3]
        last = len(reads) - 1
        if depth > last:
            return decision  # the rule read less than the path leading here: never happens for a rule by statuses
        n, k, column, value = reads[depth]
        key = id(value) << _NODE_BITS | stopped
        edges = self.edges
        if place[0] != n or place[1] != k or place[2] != column or key in edges:
            # not what an earlier subject's path reads here, or remembered since the search: never happens for a
            # rule by statuses
            return decision
        if len(places) + last - depth > _DECISION_NODES:
            # the tree is full (it keeps what it holds, the rule decides the rest), or too nearly to hold the path
            self.full = True
            return decision
        # the rest of the path is new: a node for each further read, then the leaf, each reached by the value read at
        # the node before it. The values are kept (their identities are the edges' keys) and the nodes exist before
        # any edge leads to them; the edge into the new path is the last one made, so a search in another thread
        # meets either none of the path or all of it
        self.kept.extend([read[3] for read in reads[depth:]])
        first = len(places)
        new_edges = []
        for at in range(depth + 1, last + 1):
            n, k, column, value = reads[at]
            node = len(places)
            places.append((n, k, column, at))
            new_edges.append((id(value) << _NODE_BITS | node, node + 1))
        decision = self.decisions.setdefault(decision, decision)
        places.append(decision)
        edges.update(new_edges)
        edges[key] = first
        return decision


# A node of the tree of decisions (see _Decisions): where the rule reads, and the node's depth
_Place = tuple[int, int, int, int]
# bits of an edge's key for the node it leaves (node numbers stay below 2 ** _NODE_BITS: see _DECISION_NODES)
_NODE_BITS = 16


_RESULTS = attrgetter("results")
_SOURCE = attrgetter("source")
_CRITERION = attrgetter("criterion")


def _recorded_index(subject: Subject, family: str) -> dict[str, Recorded] | None:
    """The dict ``subject.recorded(code, family)`` reads a code from, when reading it is ``.get(code)``;
    None when it is not (a subject of another kind, or values recorded under ``"<family>:<code>"``).

    For the administrative units (whose ``recorded`` is :meth:`places._Unit.recorded`, not overridden) the
    value is the observations' when none is recorded under ``"<family>:<code>"`` and the family is the
    unit's default one; for another family it is none at all. The property tests check the two agree.
    """
    cls = type(subject)
    if cls is Household:
        return _household_index(subject)  # type: ignore[arg-type]
    if getattr(cls, "recorded", None) is not _UNIT_RECORDED:
        return None
    observations = subject.observations  # type: ignore[attr-defined]
    index = getattr(observations, "_index", None)
    if type(index) is not dict:
        return None
    if not family:
        return index
    if getattr(observations, "_qualified", True):  # some code written "<family>:<code>" (see places.Facts)
        prefix = family + ":"
        if any(k.startswith(prefix) for k in index):
            return None
    return index if family == subject.default_family else _NOTHING


_NOTHING: dict[str, Recorded] = {}


def _household_index(hh: Household) -> dict[str, Recorded]:
    """What :meth:`Household.recorded` reads, as a dict (the family plays no part): the flags, then the count. A
    code both deprived and not deprived is refused when the household is built."""
    deprived, not_deprived, count = hh.deprived, hh.not_deprived, hh.deprivation_count
    if not deprived and not not_deprived and count is None:
        return _NOTHING
    index: dict[str, Recorded] = {} if count is None else {"deprivation": count}
    index.update(dict.fromkeys(not_deprived, False))
    index.update(dict.fromkeys(deprived, True))
    return index


def _facts_index(subject: Subject) -> dict[str, Recorded] | None:
    """The dict ``subject.fact`` reads from, for an administrative unit (see :func:`_recorded_index`); a household
    has no named facts."""
    cls = type(subject)
    if cls is Household:
        return _NOTHING
    if getattr(cls, "fact", None) is _UNIT_FACT:
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

    __slots__ = ("by_scope", "by_text", "by_unit", "by_value", "constants", "criteria", "lines", "ruleset",
                 "verdicts")

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.by_scope: dict[tuple[object, ...], _Plan] = {}
        self.by_unit: dict[tuple[object, ...], _Plan] = {}
        #: the explanation lines of shared results, by identity: [result, vi, en]
        self.lines: dict[int, list[object]] = {}
        #: an indicator's results by value, for the plans that agree on all they depend on (see _IndicatorStep)
        self.by_value: dict[tuple[object, ...], dict[object, _Out]] = {}
        #: and by the text of a Decimal (see _IndicatorStep.keep_text)
        self.by_text: dict[tuple[object, ...], dict[str, _Out]] = {}
        #: ids for the results shared between assessments, one count for all the plans (part of the keys blocks are
        #: remembered by, and results are shared between plans)
        self.constants = count(1)
        #: a criterion's results by its inputs, per strict level (see _CriterionStep)
        self.criteria: dict[tuple[int, Status | None], dict[tuple[object, ...], tuple[CriterionResult, v.Verdict]]] = {}
        #: equal verdicts as one object (see _Plan.same_verdict)
        self.verdicts: dict[tuple[bool | None, frozenset[str]], v.Verdict] = {}


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


def _plan_of(ruleset: Ruleset, subject: Subject, require: Status | None, derived: tuple[ScopeRule, ...]) -> _Plan:
    """The plan ``subject`` is assessed by. An administrative unit's scope follows from its year, region, flags
    and the values derived for it, so its plan is remembered by those and the scope is worked out once for them."""
    cls: type[object] = type(subject)
    unit_key: tuple[object, ...] | None = None
    by_unit = _plans_of(ruleset).by_unit
    if cls is Household:
        # a household's scope is its area and year (Household.scope_values), and it has no flags
        unit_key = (cls, subject.area._value_, subject.reference_date.year, derived, require)  # type: ignore[attr-defined]
        plan = by_unit.get(unit_key)
        if plan is not None:
            return plan
    elif getattr(cls, "scope_values", None) is _UNIT_SCOPE:
        u = cast(_Unit, subject)
        unit_key = (cls, u.reference_date.year, u.region, derived, u.flags, require)
        plan = by_unit.get(unit_key)
        if plan is not None:
            return plan
    scope, exceptions = scope_of(ruleset, subject, derived)
    plan = _plan_for(ruleset, scope, exceptions, require)
    if unit_key is not None:
        if len(by_unit) > 4096:
            by_unit.clear()
        by_unit[unit_key] = plan
    return plan
