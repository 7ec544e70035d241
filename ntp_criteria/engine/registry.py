"""The engine's extension points: measures and outcome rules, registered by name and chosen by the rules data.

Indicators name a *measure* (a function computing the observed value from a subject's facts); rulesets name an
*outcome rule* (a function deciding the outcome from the results). A change in the shape of a rule between
instruments is a different named function, never an ``if year < 2022`` in the engine. An outcome rule declares
the codes it reads, so that rules data lacking one is refused when it loads, not when a subject is assessed.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping
from typing import TypeVar

import attrs

from ..core import verdict as v
from ..core.errors import CriteriaError
from ..core.model import Indicator, Ruleset
from ..core.results import CriterionResult, IndicatorResult, Observed, Outcome
from ..core.subjects import Subject
from ..core.text import code_key

__all__ = [
    "FACT_PREFIX",
    "BoundMeasure",
    "Decision",
    "MeasureBinder",
    "MeasureFn",
    "MeasureValue",
    "Missing",
    "NotApplicable",
    "OutcomeFn",
    "OutcomeInputs",
    "OutcomeRule",
    "bind_measure",
    "bound_measure",
    "decide",
    "facts_read_by",
    "flags_read_by_code",
    "is_known_measure",
    "known_outcome_rules",
    "measure",
    "measure_fn",
    "outcome_rule",
    "outcome_rule_named",
    "outcome_type",
    "reads_flags",
    "run_outcome_rule",
]


@attrs.frozen
class Missing:
    """A measure could not be computed: which facts are missing."""

    reason: str


@attrs.frozen
class NotApplicable:
    """The indicator does not apply to this subject."""

    reason: str


#: what a measure returns: a value (or the interval it lies in), a yes/no, or why there is none
MeasureValue = Observed | bool | Missing | NotApplicable
#: a measure: the subject and the indicator (for its parameters) in, a value, a yes/no or why not out
MeasureFn = Callable[[Subject, Indicator], MeasureValue]

_MEASURES: dict[str, MeasureFn] = {}


_MEASURE_FACTS: dict[str, tuple[str, ...]] = {}


def measure(name: str, *, facts: tuple[str, ...] = ()) -> Callable[[MeasureFn], MeasureFn]:
    """Register a measure under the name rules data use for it, with the named facts it reads from a unit (so
    that a fact it reads is never reported as an unused input)."""

    def register(fn: MeasureFn) -> MeasureFn:
        if name in _MEASURES:
            raise CriteriaError(f"measure {name!r} registered twice")
        _MEASURES[name] = fn
        _MEASURE_FACTS[name] = tuple(facts)
        return fn

    return register


#: a measure bound to one indicator: its parameters read once, then the subject in and the value out
BoundMeasure = Callable[[Subject], MeasureValue]
#: what binds a measure to an indicator (see :func:`bound_measure`)
MeasureBinder = Callable[[Indicator], BoundMeasure]

_BINDERS: dict[str, MeasureBinder] = {}


def bound_measure(name: str, *, facts: tuple[str, ...] = ()) -> Callable[[MeasureBinder], MeasureFn]:
    """Register a measure written in two steps: given the indicator, the decorated function reads what it needs
    of the indicator (its parameters) and returns the function of the subject that computes the value.

    The engine's compiled plan binds each indicator once and then calls the bound function for every subject;
    the measure registered under ``name`` (and returned, with the decorated function's name and docstring) binds
    on every call, which is what the reference semantics and any caller use. Both run the same code, so they
    cannot disagree; the binding is only done once."""

    def register(bind: MeasureBinder) -> MeasureFn:
        def fn(subject: Subject, ind: Indicator) -> MeasureValue:
            return bind(ind)(subject)

        functools.update_wrapper(fn, bind)
        measure(name, facts=facts)(fn)
        _BINDERS[name] = bind
        return fn

    return register


def facts_read_by(name: str) -> tuple[str, ...]:
    """The named facts the measure ``name`` reads (for ``fact:<name>``, that fact)."""
    if name.startswith(FACT_PREFIX):
        return (name.removeprefix(FACT_PREFIX),)
    return _MEASURE_FACTS.get(name, ())


#: rules data name a measure ``fact:<name>`` to read the value a unit records under a named fact
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


def bind_measure(name: str, indicator: Indicator) -> BoundMeasure:
    """The measure a rules file names, bound to ``indicator``: what :func:`measure_fn` computes for it, as a function
    of the subject alone (a measure registered with :func:`bound_measure` reads the indicator once, here)."""
    bind = _BINDERS.get(name)
    if bind is not None:
        return bind(indicator)
    fn = measure_fn(name)

    def bound(subject: Subject) -> MeasureValue:
        return fn(subject, indicator)

    return bound


def is_known_measure(name: str) -> bool:
    """Whether rules data may name ``name`` as a measure (registered, or ``fact:<name>``)."""
    return name in _MEASURES or (name.startswith(FACT_PREFIX) and len(name) > len(FACT_PREFIX))


_FLAGS: list[frozenset[str]] = [frozenset()]


def reads_flags(*names: str) -> None:
    """Declare unit flags a family's own code reads (``district_level`` reads ``"town"``), besides those the
    scope rules of the rules data name, so that such a flag is never reported as an unused input."""
    _FLAGS[0] = _FLAGS[0].union(names)


def flags_read_by_code() -> frozenset[str]:
    """The unit flags the families' code reads (see :func:`reads_flags`)."""
    return _FLAGS[0]


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
        """The verdict of the indicator or criterion ``code`` (one the rule declares it reads)."""
        return self.verdicts[code]

    def why_unknown(self, *codes: str) -> tuple[str, ...]:
        """The reasons the named results are unknown, for an undecided outcome."""
        out: list[str] = []
        for code in codes:
            r = self.results[code]
            if isinstance(r, IndicatorResult) and not r.status.decided:
                out.append(f"{code}: {r.reason}")
            elif isinstance(r, CriterionResult) and not r.status.decided:
                # the criterion's own indicators, looked up by code (not a walk over every result)
                found = (self.results.get(c) for c in dict.fromkeys(i.code for i in self._indicators_of(code)))
                unknown = [i for i in found if isinstance(i, IndicatorResult) and i.criterion == code
                           and not i.status.decided]
                names = ", ".join(i.code for i in unknown)
                out.append(f"{code}: {r.total - r.known} of {r.total} indicators unknown ({names})" if r.total
                           else f"{code}: no result recorded (the set's indicators for it are not in the data)")
        return tuple(out)

    def _indicators_of(self, code: str) -> tuple[Indicator, ...]:
        return tuple(i for c in self.ruleset.criteria if c.code == code for i in c.indicators)


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
    reasons = list(x.why_unknown(*sorted((code for code in because if code in x.results), key=code_key)))
    if note:
        reasons.append(note)
    return Decision(None, candidates, because, tuple(reasons))  # type: ignore[arg-type]


#: an outcome rule: the results of one assessment in, the decision out
OutcomeFn = Callable[[OutcomeInputs], Decision]


@attrs.frozen
class OutcomeRule:
    """A registered outcome rule: its name in the rules data, the enum of its outcomes, the codes it reads
    (every ruleset naming it must define them) and the function."""

    name: str
    outcome: type[enum.Enum]
    reads: tuple[str, ...]
    decide: OutcomeFn
    #: the decision follows from the verdicts and the results' codes, statuses, reasons and counts alone (see
    #: :func:`outcome_rule`), so the engine may reuse it for assessments whose results agree on those
    by_status: bool = False


_OUTCOMES: dict[str, OutcomeFn] = {}
_RULES: dict[str, OutcomeRule] = {}


def outcome_rule(name: str, outcome: type[enum.Enum], *, reads: tuple[str, ...] = (), by_status: bool = False
                 ) -> Callable[[OutcomeFn], OutcomeFn]:
    """Register an outcome rule under the name rules data use for it, with the enum of its outcomes and the
    indicator or criterion codes it reads (a ruleset naming the rule without one of them fails to load).

    ``by_status=True`` declares that the decision depends on nothing but the verdicts and the results' codes,
    statuses, reasons and counts (as :func:`decide` reads them): never on an observed value, a threshold, the
    subject or the date. The engine then decides once for every assessment of a plan whose results agree on
    those (all the communes that meet every criterion, say), instead of once per subject; an error the rule
    raises is raised every time."""

    def register(fn: OutcomeFn) -> OutcomeFn:
        if name in _OUTCOMES:
            raise CriteriaError(f"outcome rule {name!r} registered twice")
        _OUTCOMES[name] = fn
        _RULES[name] = OutcomeRule(name, outcome, tuple(reads), fn, by_status)
        return fn

    return register


def outcome_rule_named(name: str) -> OutcomeRule:
    """The outcome rule registered as ``name`` (a KeyError when none is: the loader checks names first)."""
    return _RULES[name]


def outcome_type(rule: str) -> type[enum.Enum]:
    """The enum of the outcomes an outcome rule decides (to read them back from data)."""
    return _RULES[rule].outcome


def known_outcome_rules() -> frozenset[str]:
    """The names of every registered outcome rule."""
    return frozenset(_OUTCOMES)


def run_outcome_rule(x: OutcomeInputs) -> Decision:
    """The decision of the outcome rule that ``x.ruleset`` names."""
    return _OUTCOMES[x.ruleset.outcome](x)
