"""What an assessment returns: a result per indicator and criterion, the outcome, and why.

MET, NOT_MET, NOT_APPLICABLE, MISSING and UNDECIDED are different things and never stand in for each
other: a fact nobody recorded is MISSING, never NOT_MET; a result that would rest on a legal number below
the status strict mode demands is UNDECIDED.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from itertools import chain
from typing import Protocol

import attrs

from .model import CitedValue, Provenance, Ruleset, Scope, ScopeRule, Status, Threshold

__all__ = [
    "Assessment",
    "CriterionResult",
    "IndicatorResult",
    "Observed",
    "Outcome",
    "ResultStatus",
]


class ResultStatus(enum.Enum):
    """The result of one indicator or criterion."""

    MET = "met"
    NOT_MET = "not_met"
    #: the rule does not apply to this subject
    NOT_APPLICABLE = "not_applicable"
    #: the facts needed were not given
    MISSING = "missing"
    #: strict mode: the result would rest on a legal number below the required status
    UNDECIDED = "undecided"

    @property
    def decided(self) -> bool:
        return self in (ResultStatus.MET, ResultStatus.NOT_MET, ResultStatus.NOT_APPLICABLE)


class Outcome(Protocol):
    """An overall outcome (e.g. :class:`~ntp_criteria.HouseholdClass`): an enum with labels."""

    @property
    def value(self) -> str: ...

    def label(self, lang: str = "en") -> str: ...


@attrs.frozen
class Observed:
    """An observed value, or the interval it must lie in when some facts are missing."""

    low: Decimal | int
    high: Decimal | int
    unit: str = ""

    @classmethod
    def exactly(cls, value: Decimal | int, unit: str = "") -> Observed:
        return cls(value, value, unit)

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        from .explain import format_number  # local: explain imports this module

        if self.exact:
            return format_number(self.low)
        return f"{format_number(self.low)}–{format_number(self.high)}"


@attrs.frozen
class IndicatorResult:
    """The result of one indicator, with the value observed, the threshold used and its source."""

    code: str
    criterion: str
    name_vi: str
    name_en: str
    status: ResultStatus
    #: how the result was reached: "facts" (computed), "recorded" (a value or flag given for the code)
    basis: str
    observed: Observed | bool | None = None
    threshold: Threshold | None = None
    #: how far the observed value is from meeting the threshold (0 when met; None if not numeric)
    shortfall: Decimal | None = None
    #: why it is MISSING, NOT_APPLICABLE or UNDECIDED
    reason: str | None = None
    #: the legal numbers this result rests on (threshold and measure parameters)
    rests_on: tuple[CitedValue, ...] = ()

    @property
    def provenance(self) -> Provenance | None:
        return self.threshold.provenance if self.threshold else None

    @property
    def citation(self) -> str | None:
        return self.threshold.provenance.cite if self.threshold else None


@attrs.frozen
class CriterionResult:
    """A criterion rolled up from its indicators (or from a value recorded for the criterion)."""

    code: str
    name_vi: str
    name_en: str
    status: ResultStatus
    #: indicators met / with a known result / in the criterion
    met: int
    known: int
    total: int
    basis: str = "indicators"
    count_threshold: Threshold | None = None
    recorded_count: int | None = None
    rests_on: tuple[CitedValue, ...] = ()


@attrs.frozen
class Assessment:
    """A subject assessed against one ruleset: every result, the outcome and what it depends on."""

    ruleset: Ruleset
    on: dt.date
    subject_id: str | None
    indicators: tuple[IndicatorResult, ...]
    criteria: tuple[CriterionResult, ...]
    #: the outcome, or None when the facts given do not decide it
    outcome: Outcome | None
    #: the outcomes still possible (one when decided)
    candidates: tuple[Outcome, ...]
    #: codes of the results the outcome rests on
    because: frozenset[str]
    #: why the outcome is undecided (empty when decided)
    reasons: tuple[str, ...] = ()
    #: further designations the ruleset makes (e.g. low-income worker), None when undecided
    designations: tuple[tuple[str, bool | None], ...] = ()
    #: the status strict mode required, None when not strict
    strict: Status | None = None
    #: cited exceptions that changed where the subject is assessed (e.g. on another region's thresholds)
    exceptions: tuple[ScopeRule, ...] = ()
    #: where the subject was assessed (area, region, year …), after the exceptions
    scope: Scope = attrs.field(factory=Scope)

    @property
    def decided(self) -> bool:
        return self.outcome is not None

    def result(self, code: str) -> IndicatorResult:
        for r in self.indicators:
            if r.code == code:
                return r
        raise KeyError(f"no indicator {code!r} in this assessment")

    def criterion(self, code: str) -> CriterionResult:
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(f"no criterion {code!r} in this assessment")

    def designation(self, name: str) -> bool | None:
        return dict(self.designations).get(name)

    def relies_on(self) -> tuple[CitedValue, ...]:
        """Every legal number the outcome rests on, each once."""
        return numbers_relied_on(chain(self.indicators, self.criteria), self.because)

    @property
    def unverified(self) -> tuple[CitedValue, ...]:
        """The numbers the outcome rests on that are not attested well enough.

        Below ``secondary`` by default; below the strict level when strict mode was asked for.
        """
        return not_attested(self.relies_on(), self.strict)

    def explain(self, lang: str = "vi") -> str:
        """A text a commune officer can read, in Vietnamese (``"vi"``) or English (``"en"``)."""
        from .explain import explain

        return explain(self, lang)


def numbers_relied_on(results: Iterable[IndicatorResult | CriterionResult], because: frozenset[str]
                      ) -> tuple[CitedValue, ...]:
    """The legal numbers ``results`` rest on, each once, for those whose codes are in ``because`` (what
    :meth:`Assessment.relies_on` gives when passed its indicators, then its criteria)."""
    seen: dict[tuple[str, str], CitedValue] = {}
    for r in results:
        if r.rests_on and r.code in because:
            for n in r.rests_on:
                seen.setdefault((n.path, n.provenance.cite), n)
    return tuple(seen.values())


def not_attested(numbers: Iterable[CitedValue], strict: Status | None) -> tuple[CitedValue, ...]:
    """The numbers below ``secondary``, or below the strict level when strict mode was asked for."""
    require = strict or Status.SECONDARY
    return tuple(n for n in numbers if not n.provenance.status.at_least(require))
