"""What an assessment returns: a result per indicator and criterion, the outcome, and why.

MET, NOT_MET, NOT_APPLICABLE, MISSING and UNDECIDED are different things and never stand in for each
other: a fact nobody recorded is MISSING, never NOT_MET; a result that would rest on a legal number below
the status strict mode demands is UNDECIDED.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from decimal import Decimal
from itertools import chain
from typing import Protocol

import attrs

from ._lazy import run_first_use
from .errors import Problem
from .model import CitedValue, Provenance, Ruleset, Scope, ScopeRule, Status, Threshold
from .text import format_number

__all__ = [
    "Assessment",
    "AssessmentPart",
    "CriterionResult",
    "IndicatorResult",
    "Observed",
    "Outcome",
    "PartSource",
    "ResultStatus",
    "not_attested",
    "numbers_relied_on",
    "part_sources",
    "parts_of",
    "register_renderer",
    "with_parts",
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
        """Whether the result is known: met, not met or not applicable (not missing, not undecided)."""
        return self in _DECIDED


_DECIDED = frozenset((ResultStatus.MET, ResultStatus.NOT_MET, ResultStatus.NOT_APPLICABLE))


class Outcome(Protocol):
    """An overall outcome (e.g. :class:`~ntp_criteria.HouseholdClass`): an enum with labels."""

    @property
    def value(self) -> str:
        """The outcome's stable slug, as written in payloads and rules data."""

    def label(self, lang: str = "en") -> str:
        """The outcome's name in Vietnamese (``"vi"``) or English (``"en"``)."""


@attrs.frozen
class Observed:
    """An observed value, or the interval it must lie in when some facts are missing."""

    low: Decimal | int
    high: Decimal | int
    unit: str = ""

    @classmethod
    def exactly(cls, value: Decimal | int, unit: str = "") -> Observed:
        """A value known exactly: the interval of one point."""
        return cls(value, value, unit)

    @property
    def exact(self) -> bool:
        """Whether the value is known exactly rather than only within an interval."""
        return self.low == self.high

    def __str__(self) -> str:
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
        """The source of the threshold used, or None when the result needed no threshold."""
        return self.threshold.provenance if self.threshold else None

    @property
    def citation(self) -> str | None:
        """The citation of the threshold used (e.g. the article and clause), or None without a threshold."""
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
    #: inputs given that this ruleset does not read (a flag of another standard, a fact no criterion reads, a
    #: value recorded for another family), each with its path and why: reported, never dropped silently
    unused: tuple[Problem, ...] = ()
    #: what the engine built the results from, one source per criterion in order (None when built otherwise, e.g.
    #: read back from JSON or changed with ``attrs.evolve``): lets an explanation reuse the text of results
    #: shared between assessments; never part of equality, the payload or the schema
    _parts: tuple[PartSource, ...] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def decided(self) -> bool:
        """Whether the facts given decide the outcome."""
        return self.outcome is not None

    @property
    def partial_outcome(self) -> Outcome | None:
        """The answer the known rules give to the coarser question the outcome's kind asks, decided even where the
        outcome itself is open; None when the kind asks none. For a household it is the
        :class:`~ntp_criteria.PovertyStatus` (poor, near-poor, neither, or undecided) read off the classes still
        possible: above NĐ 351/2025's line the class is open (the middle band is not in the data) but the status
        is "neither poor nor near-poor". The outcome's enum supplies it as ``partial_of(candidates)``."""
        partial_of = getattr(type(self.candidates[0]), "partial_of", None) if self.candidates else None
        return None if partial_of is None else partial_of(self.candidates)

    def result(self, code: str) -> IndicatorResult:
        """The result of the indicator coded ``code``; a KeyError when the ruleset has none."""
        for r in self.indicators:
            if r.code == code:
                return r
        raise KeyError(f"no indicator {code!r} in this assessment")

    def criterion(self, code: str) -> CriterionResult:
        """The result of the criterion numbered ``code``; a KeyError when the ruleset has none."""
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(f"no criterion {code!r} in this assessment")

    def designation(self, name: str) -> bool | None:
        """Whether the subject has the further designation ``name`` (None: undecided, or not made by the ruleset)."""
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
        """A text a commune officer can read, in Vietnamese (``"vi"``) or English (``"en"``).

        Rendered by :func:`ntp_criteria.io.explain.explain`, which registers itself here when the package's rules
        are first used (the core never imports a renderer)."""
        if _RENDERER is None:
            run_first_use()  # an assessment built without loading a catalogue: register the renderer now
        if _RENDERER is None:  # only when this module is loaded without the package, which Python never does
            raise RuntimeError("no explanation renderer registered: import ntp_criteria")
        return _RENDERER(self, lang)


class AssessmentPart(Protocol):
    """One criterion's slice of an assessment as the engine built it (see :attr:`Assessment._parts`).

    A part shared between assessments keeps its rendered text per language in ``text``; ``lines`` holds the
    rendered lines of the results shared between assessments, by the result's identity ([result, vi, en])."""

    @property
    def criterion(self) -> CriterionResult:
        """The criterion's result."""

    @property
    def results(self) -> tuple[IndicatorResult, ...]:
        """The results of the criterion's indicators, in the law's order."""

    @property
    def conditions(self) -> tuple[Sequence[str], Sequence[str]]:
        """Each indicator's condition in words (what MET means): in Vietnamese, and in English."""

    @property
    def lines(self) -> MutableMapping[int, list[object]]:
        """The rendered lines of the results shared between assessments, by identity: [result, vi, en]."""

    @property
    def text(self) -> Mapping[str, str]:
        """The part's explanation by language, kept only when the part is shared (empty otherwise)."""

    @property
    def shared(self) -> bool:
        """Whether the part is shared between assessments (its explanation is then rendered once)."""

    @property
    def cited(self) -> Sequence[IndicatorResult]:
        """The indicator results that rest on legal numbers (what an explanation checks for attestation)."""


_RENDERER: Callable[[Assessment, str], str] | None = None


def register_renderer(render: Callable[[Assessment, str], str]) -> None:
    """Make ``render`` what :meth:`Assessment.explain` calls (done once, by :mod:`ntp_criteria.io.explain`)."""
    global _RENDERER  # noqa: PLW0603 - one renderer, set once when the package is imported
    _RENDERER = render


class PartSource(Protocol):
    """What an assessment keeps of one criterion's part (see :attr:`Assessment._parts`): a part shared between
    assessments is its own source; a part built for one subject is not kept, its source builds it from the
    assessment's own results when an explanation asks (most assessments of a batch are never explained, and
    every object an assessment keeps is one more for the garbage collector to walk). A source stands at the same
    place in every assessment that keeps it, and compares by identity (the default): an explanation keeps, by the
    source itself, what it worked out of it (a shared part's text, where a part's results are); a source that
    compares by value is read again for each explanation."""

    def part_of(self, a: Assessment) -> AssessmentPart:
        """The part, for the assessment ``a`` that keeps this source."""


def parts_of(a: Assessment) -> tuple[AssessmentPart, ...] | None:
    """The parts the engine built ``a`` from, or None (see :attr:`Assessment._parts`)."""
    sources = a._parts
    if sources is None:
        return None
    return tuple([s.part_of(a) for s in sources])


def part_sources(a: Assessment) -> tuple[PartSource, ...] | None:
    """What ``a`` keeps of the parts the engine built it from (see :attr:`Assessment._parts`), or None. The engine
    keeps one tuple for the assessments whose parts come from the same sources, so a renderer may work out once,
    for that tuple, where each part's results are."""
    return a._parts


def with_parts(a: Assessment, parts: tuple[PartSource, ...]) -> Assessment:
    """``a`` carrying the sources of the parts the engine built it from (set once, right after it is built)."""
    object.__setattr__(a, "_parts", parts)
    return a


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
