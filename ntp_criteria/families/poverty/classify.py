"""Classify households from income and deprivations, one at a time or fast for bulk data.

:func:`classify` runs the full engine on a household built from its arguments; :func:`classifier` compiles one
ruleset into a plain function of (area, income, deprivation count), tested to agree with :func:`classify`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Literal, overload

import attrs

from ...catalogue import Catalogue, assess
from ...catalogue import ruleset as _ruleset
from ...core._validate import LIMIT, check_number, raise_problems, shown, unknown_code
from ...core.errors import CriteriaError, InputError, Problem, UndecidedError
from ...core.model import Ruleset, Status, Threshold
from ...core.results import Assessment
from ...core.subjects import Area, Household
from ...engine import count_needed
from .rules import (
    DEPRIVATION,
    FAMILY,
    LINE,
    MIDDLE_CEILING,
    NEAR_POVERTY_LINE,
    POVERTY_LINE,
    HouseholdClass,
    PovertyStatus,
    deprivation_codes,
)

__all__ = ["Classifier", "PossibleClasses", "classifier", "classify", "poverty_status"]


def _area(area: Area | str) -> Area:
    if isinstance(area, Area):
        return area
    try:
        return Area(area)
    except ValueError:
        raise InputError("classify()", [Problem("$.area", f"expected 'rural' or 'urban', got {shown(area)}")]
                         ) from None


@attrs.frozen
class PossibleClasses:
    """What the rules decide about a household's class, also where they leave it open (``classify(...,
    partial=True)``): the classes still possible, the poverty status they decide, and why the class is open."""

    #: the classes the known rules leave possible (one when the class is decided)
    possible: frozenset[HouseholdClass]
    #: poor, near-poor, neither, or undecided: what the classes still possible decide
    status: PovertyStatus
    #: the ruleset's instrument, e.g. ``351/2025/NĐ-CP``
    instrument: str
    #: why the class is open (empty when decided)
    reasons: tuple[str, ...] = ()

    @property
    def household_class(self) -> HouseholdClass | None:
        """The class when the rules decide it, else None."""
        return next(iter(self.possible)) if len(self.possible) == 1 else None


def poverty_status(assessment: Assessment) -> PovertyStatus:
    """The :class:`PovertyStatus` of a household's assessment (its :attr:`~ntp_criteria.Assessment.partial_outcome`);
    an :class:`~ntp_criteria.InputError` for an assessment of another family."""
    if not isinstance(assessment, Assessment) or assessment.ruleset.family != FAMILY:
        got = (f"an assessment of {assessment.ruleset.family}" if isinstance(assessment, Assessment)
               else shown(assessment))
        raise InputError("poverty_status()", [Problem("$.assessment", f"expected a {FAMILY} assessment, got {got}")])
    status = assessment.partial_outcome
    assert isinstance(status, PovertyStatus)
    return status


@overload
def classify(*, area: Area | str, monthly_income_per_capita: int | Decimal, deprivations: int | Iterable[str],
             on: dt.date, strict: bool | Status = ..., catalogue: Catalogue | None = ...,
             partial: Literal[False] = ...) -> HouseholdClass: ...


@overload
def classify(*, area: Area | str, monthly_income_per_capita: int | Decimal, deprivations: int | Iterable[str],
             on: dt.date, strict: bool | Status = ..., catalogue: Catalogue | None = ...,
             partial: Literal[True]) -> PossibleClasses: ...


def classify(
    *,
    area: Area | str,
    monthly_income_per_capita: int | Decimal,
    deprivations: int | Iterable[str],
    on: dt.date,
    strict: bool | Status = False,
    catalogue: Catalogue | None = None,
    partial: bool = False,
) -> HouseholdClass | PossibleClasses:
    """Classify a household from its income and deprivations under the standard in force on ``on``.

    ``deprivations`` is the number of deprived indicators, or the codes of the deprived indicators
    (every other indicator of the standard is then taken as not deprived). Raises
    :class:`~ntp_criteria.UndecidedError` when the rules do not decide the class.

    With ``partial=True`` it never raises for an open class: it returns :class:`PossibleClasses`, the classes
    still possible and the :class:`PovertyStatus` they decide (a household above NĐ 351/2025's line: middle
    income or above, so neither poor nor near-poor).
    """
    if partial is not True and partial is not False:
        raise InputError("classify()", [Problem("$.partial", f"expected true or false, got {shown(partial)}")])
    rs = _ruleset(FAMILY, on, catalogue=catalogue)
    if isinstance(deprivations, int) and not isinstance(deprivations, bool):
        hh = Household(area=_area(area), reference_date=on, monthly_income_per_capita=monthly_income_per_capita,
                       deprivation_count=deprivations)
    else:
        if not isinstance(deprivations, list | tuple | set | frozenset) or not all(
                isinstance(c, str) for c in deprivations):
            raise InputError("classify()", [Problem("$.deprivations", (
                f"expected a whole number of deprivations or a list of indicator codes, got {shown(deprivations)}"))])
        codes = frozenset(deprivations)
        known = deprivation_codes(rs)
        unknown = sorted(codes - set(known))
        if unknown:
            raise InputError("classify()", [unknown_code("$.deprivations", code, known, "indicator code")
                                            for code in unknown])
        hh = Household(area=_area(area), reference_date=on, monthly_income_per_capita=monthly_income_per_capita,
                       deprived=codes, not_deprived=frozenset(known) - codes)
    result = assess(hh, rs, strict=strict, catalogue=catalogue)
    if partial:
        classes = frozenset(c for c in result.candidates if isinstance(c, HouseholdClass))
        return PossibleClasses(classes, poverty_status(result), rs.instrument.number, result.reasons)
    if result.outcome is None:
        raise UndecidedError(f"the class is not decided under {rs.instrument.number}", result.reasons)
    assert isinstance(result.outcome, HouseholdClass)
    return result.outcome


@attrs.frozen
class Classifier:
    """A fast classifier for one ruleset, from income and a deprivation count (for bulk data).

    Built from the same rules data as :func:`~ntp_criteria.assess` and tested to agree with it. Returns
    ``None`` where the rules leave the class open (e.g. a middle band not in the data).
    """

    ruleset: Ruleset
    _decide: Callable[[str, Decimal | int, int], HouseholdClass | None]
    #: the most deprivations a household can have: the number of the standard's deprivation indicators
    _most: int = LIMIT - 1

    def __call__(self, area: Area | str, monthly_income_per_capita: Decimal | int,
                 deprivation_count: int) -> HouseholdClass | None:
        """The class of one household; an :class:`~ntp_criteria.InputError` for an area that is not
        ``"rural"``/``"urban"``, an income that is not a plausible amount ≥ 0 (a float, NaN, a negative or huge
        number) or a count that is not a whole number from 0 to the number of the standard's deprivation
        indicators (what the engine refuses too)."""
        income, count = monthly_income_per_capita, deprivation_count
        # the common case costs two type checks and two chained comparisons; anything else is checked in full
        if not (income.__class__ is int and count.__class__ is int and 0 <= income < LIMIT
                and 0 <= count <= self._most):
            _check_record(income, count, self._most)
        key = area.value if isinstance(area, Area) else area
        try:
            return self._decide(key, income, count)
        except (KeyError, TypeError):
            raise InputError("classifier()", [Problem("$.area", f"expected 'rural' or 'urban', got "
                                                                f"{shown(area)}")]) from None

    def cut_offs(self) -> dict[str, dict[str, Decimal | None]]:
        """The income limits (inclusive) and the deprivation cut-off by area, for columnar paths."""
        return _cut_offs(self.ruleset)


def _check_record(income: object, count: object, most: int) -> None:
    problems = check_number(income, "$.monthly_income_per_capita", minimum=0)
    problems += check_number(count, "$.deprivation_count", whole=True, minimum=0, maximum=most)
    raise_problems(problems, "classifier()")


def _limit(rs: Ruleset, code: str, area: str) -> Decimal | None:
    if not rs.has_indicator(code):
        return None
    t = rs.indicator(code).threshold_for({"area": area})
    if t is None or t.op.value != "<=":
        raise CriteriaError(f"{rs.instrument.number}: {code} for {area} is not an inclusive upper limit")
    return t.value


def _cut_offs(rs: Ruleset) -> dict[str, dict[str, Decimal | None]]:
    cut: Threshold | None = rs.criterion(DEPRIVATION).count_threshold
    assert cut is not None
    codes = (LINE, POVERTY_LINE, NEAR_POVERTY_LINE, MIDDLE_CEILING)
    needed = Decimal(count_needed(cut))
    return {area.value: {**{c: _limit(rs, c, area.value) for c in codes}, "deprivation_needed": needed}
            for area in Area}


def _plain(value: Decimal | None) -> Decimal | int | None:
    """Whole-đồng limits as int: int-to-int comparison is exact and faster than int-to-Decimal."""
    if value is not None and value == value.to_integral_value():
        return int(value)
    return value


def classifier(ruleset: Ruleset | None = None, *, on: dt.date | None = None, strict: bool = False,
               catalogue: Catalogue | None = None) -> Classifier:
    """A fast :class:`Classifier` for ``ruleset`` (or the one in force on ``on``).

    With ``strict=True`` it refuses (raises) when any number it uses is marked unverified.
    """
    if strict is not True and strict is not False:
        raise InputError("classifier()", [Problem("$.strict", f"expected true or false, got {shown(strict)}")])
    if ruleset is None:
        if on is None:
            raise InputError("classifier()", [Problem("$", "expected a ruleset or a date (on=...)")])
        ruleset = _ruleset(FAMILY, on, catalogue=catalogue)
    elif not isinstance(ruleset, Ruleset):
        raise InputError("classifier()", [Problem("$.ruleset", f"expected a Ruleset, got {shown(ruleset)}")])
    if strict:
        weak = [n for n in ruleset.unverified() if n.path.startswith(("income.", "deprivation."))]
        if weak:
            raise UndecidedError(f"{ruleset.instrument.number} uses unverified numbers",
                                 [f"{n.path}: {n.provenance}" for n in weak])
    table = {a: {k: _plain(v) for k, v in t.items()} for a, t in _cut_offs(ruleset).items()}
    for area, t in table.items():
        top, ceiling = t[LINE] or t[NEAR_POVERTY_LINE], t[MIDDLE_CEILING]
        if top is None or (ceiling is not None and ceiling <= top):
            raise CriteriaError(f"{ruleset.instrument.number}: {area} limits out of order ({top}, {ceiling})")
    shape = ruleset.outcome
    most = len(ruleset.criterion(DEPRIVATION).indicators)
    poor, near, middle, other = (HouseholdClass.POOR, HouseholdClass.NEAR_POOR, HouseholdClass.MIDDLE_INCOME,
                                 HouseholdClass.OTHER)
    if shape == "poverty.single-income-line":
        limits = {a: (t[LINE], t[MIDDLE_CEILING], int(t["deprivation_needed"] or 0)) for a, t in table.items()}

        def single(area: str, income: Decimal | int, count: int) -> HouseholdClass | None:
            line, ceiling, cut = limits[area]
            if income <= line:  # type: ignore[operator]
                return poor if count >= cut else near
            if ceiling is None:
                return None
            return middle if income <= ceiling else other

        return Classifier(ruleset, single, most)
    if shape == "poverty.two-income-lines":
        limits2 = {a: (t[POVERTY_LINE], t[NEAR_POVERTY_LINE], t[MIDDLE_CEILING], int(t["deprivation_needed"] or 0))
                   for a, t in table.items()}

        def two(area: str, income: Decimal | int, count: int) -> HouseholdClass | None:
            pl, nl, ceiling, cut = limits2[area]
            if income <= pl:  # type: ignore[operator]
                return poor
            if income <= nl:  # type: ignore[operator]
                return poor if count >= cut else near
            if ceiling is None:
                return None
            return middle if income <= ceiling else other

        return Classifier(ruleset, two, most)
    raise CriteriaError(f"no fast classifier for the outcome rule {shape!r}")
