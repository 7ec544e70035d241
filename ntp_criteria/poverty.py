"""Household poverty classification under the multidimensional poverty standards (2016-2030).

The standards differ in *shape*, not only in numbers, and each shape is a named outcome rule that the
rules data selects:

* ``poverty.two-income-lines`` (QĐ 59/2015/QĐ-TTg, 2016-2021): poor if income is at or below the poverty
  line, **or** above it up to the near-poverty line **and** deprived on 3 or more indicators; near-poor
  if in that band with fewer than 3.
* ``poverty.single-income-line`` (NĐ 07/2021/NĐ-CP, 2022-2026; NĐ 351/2025/NĐ-CP, 2027-2030): poor if
  income is at or below the line **and** deprived on 3 or more; near-poor if at or below it with fewer.

The numbers themselves (lines, ceilings, the cut-off of 3) live in ``rules/*.toml`` with their sources.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs

from . import _verdict as v
from . import household_measures as _measures  # noqa: F401 - registers the household measures
from .engine import Decision, OutcomeInputs, assess, count_needed, decide, outcome_rule
from .errors import CriteriaError, InputError, Problem, UndecidedError
from .model import Ruleset, Status, Threshold
from .registry import ruleset as _ruleset
from .subjects import Area, Household

__all__ = [
    "FAMILY",
    "Classifier",
    "HouseholdClass",
    "classifier",
    "classify",
    "deprivation_codes",
]

#: the family of the household poverty rulesets
FAMILY = "poverty.household"

# codes the outcome rules read; they are the stable slugs used in every poverty rules file
LINE = "income.line"
POVERTY_LINE = "income.poverty_line"
NEAR_POVERTY_LINE = "income.near_poverty_line"
MIDDLE_CEILING = "income.middle_ceiling"
LOW_INCOME_WORKER = "income.low_income_worker"
DEPRIVATION = "deprivation"


class HouseholdClass(enum.Enum):
    """A household's class under the multidimensional poverty standard."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    MIDDLE_INCOME = "middle_income"
    #: above the middle-living-standard band
    OTHER = "other"

    def label(self, lang: str = "en") -> str:
        return _LABELS[self][0 if lang == "vi" else 1]


_LABELS = {
    HouseholdClass.POOR: ("Hộ nghèo", "Poor household"),
    HouseholdClass.NEAR_POOR: ("Hộ cận nghèo", "Near-poor household"),
    HouseholdClass.MIDDLE_INCOME: ("Hộ có mức sống trung bình", "Middle-living-standard household"),
    HouseholdClass.OTHER: ("Hộ trên mức sống trung bình", "Above the middle living standard"),
}


def _middle(x: OutcomeInputs, above: v.Verdict) -> tuple[dict[HouseholdClass, v.Verdict], str | None]:
    if x.ruleset.has_indicator(MIDDLE_CEILING):
        mid = x.verdict(MIDDLE_CEILING)
        return {HouseholdClass.MIDDLE_INCOME: v.all_of(above, mid),
                HouseholdClass.OTHER: v.all_of(above, mid.negate())}, None
    unknown = v.Verdict(None if above.value is not False else False, above.because)
    note = (f"{x.ruleset.instrument.number}: the middle-living-standard band is not in the rules data "
            "(not yet found in the legal text), so above the line the class is left open")
    return {HouseholdClass.MIDDLE_INCOME: unknown, HouseholdClass.OTHER: unknown}, note


def _low_income_worker(x: OutcomeInputs, above_line: v.Verdict) -> tuple[tuple[str, bool | None], ...]:
    if not x.ruleset.has_indicator(LOW_INCOME_WORKER):
        return ()
    verdict = v.all_of(above_line, x.verdict(LOW_INCOME_WORKER))
    return (("low_income_worker", verdict.value),)


@outcome_rule("poverty.single-income-line", HouseholdClass)
def single_income_line(x: OutcomeInputs) -> Decision:
    """NĐ 07/2021 and NĐ 351/2025: one income line, and the deprivation count separates poor from near-poor."""
    at_or_below = x.verdict(LINE)
    deprived = x.verdict(DEPRIVATION)
    options = {
        HouseholdClass.POOR: v.all_of(at_or_below, deprived),
        HouseholdClass.NEAR_POOR: v.all_of(at_or_below, deprived.negate()),
    }
    middle, note = _middle(x, at_or_below.negate())
    options.update(middle)
    decision = decide(x, options, note if _open(middle) else None)
    return attrs.evolve(decision, designations=_low_income_worker(x, at_or_below.negate()))


@outcome_rule("poverty.two-income-lines", HouseholdClass)
def two_income_lines(x: OutcomeInputs) -> Decision:
    """QĐ 59/2015: poor at or below the poverty line, or in the band above it with 3+ deprivations."""
    pl, nl, deprived = x.verdict(POVERTY_LINE), x.verdict(NEAR_POVERTY_LINE), x.verdict(DEPRIVATION)
    options = {
        HouseholdClass.POOR: v.any_of(pl, v.all_of(nl, deprived)),
        HouseholdClass.NEAR_POOR: v.all_of(pl.negate(), nl, deprived.negate()),
    }
    middle, note = _middle(x, nl.negate())
    options.update(middle)
    return decide(x, options, note if _open(middle) else None)


def _open(middle: dict[HouseholdClass, v.Verdict]) -> bool:
    return all(verdict.value is None for verdict in middle.values())


def deprivation_codes(ruleset: Ruleset) -> tuple[str, ...]:
    """The deprivation indicator codes of a poverty ruleset, in the law's order."""
    return tuple(i.code for i in ruleset.criterion(DEPRIVATION).indicators)


def _area(area: Area | str) -> Area:
    if isinstance(area, Area):
        return area
    try:
        return Area(area)
    except ValueError:
        raise InputError("classify()", [Problem("$.area", f"expected 'rural' or 'urban', got {area!r}")]) from None


def classify(
    *,
    area: Area | str,
    monthly_income_per_capita: int | Decimal,
    deprivations: int | Iterable[str],
    on: dt.date,
    strict: bool | Status = False,
) -> HouseholdClass:
    """Classify a household from its income and deprivations under the standard in force on ``on``.

    ``deprivations`` is the number of deprived indicators, or the codes of the deprived indicators
    (every other indicator of the standard is then taken as not deprived). Raises
    :class:`~ntp_criteria.UndecidedError` when the rules do not decide the class.
    """
    rs = _ruleset(FAMILY, on)
    if isinstance(deprivations, int) and not isinstance(deprivations, bool):
        hh = Household(area=_area(area), reference_date=on, monthly_income_per_capita=monthly_income_per_capita,
                       deprivation_count=deprivations)
    else:
        codes = frozenset(deprivations)  # type: ignore[arg-type]
        known = deprivation_codes(rs)
        unknown = sorted(codes - set(known))
        if unknown:
            raise InputError("classify()", [Problem("$.deprivations", (
                f"unknown indicator codes {unknown} for {rs.instrument.number}; known: {list(known)}"))])
        hh = Household(area=_area(area), reference_date=on, monthly_income_per_capita=monthly_income_per_capita,
                       deprived=codes, not_deprived=frozenset(known) - codes)
    result = assess(hh, rs, strict=strict)
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

    def __call__(self, area: Area | str, monthly_income_per_capita: Decimal | int,
                 deprivation_count: int) -> HouseholdClass | None:
        return self._decide(area.value if isinstance(area, Area) else area, monthly_income_per_capita,
                            deprivation_count)

    def cut_offs(self) -> dict[str, dict[str, Decimal | None]]:
        """The income limits (inclusive) and the deprivation cut-off by area, for columnar paths."""
        return _cut_offs(self.ruleset)


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


def classifier(ruleset: Ruleset | None = None, *, on: dt.date | None = None, strict: bool = False) -> Classifier:
    """A fast :class:`Classifier` for ``ruleset`` (or the one in force on ``on``).

    With ``strict=True`` it refuses (raises) when any number it uses is marked unverified.
    """
    if ruleset is None:
        if on is None:
            raise TypeError("classifier() needs a ruleset or a date")
        ruleset = _ruleset(FAMILY, on)
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

        return Classifier(ruleset, single)
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

        return Classifier(ruleset, two)
    raise CriteriaError(f"no fast classifier for the outcome rule {shape!r}")
