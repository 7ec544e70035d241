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

import enum
from collections.abc import Iterable

import attrs

from ...core import verdict as v
from ...core.model import Ruleset
from ...engine import Decision, OutcomeInputs, decide, outcome_rule

__all__ = [
    "DEPRIVATION",
    "FAMILY",
    "LINE",
    "LOW_INCOME_WORKER",
    "MIDDLE_CEILING",
    "NEAR_POVERTY_LINE",
    "POVERTY_LINE",
    "HouseholdClass",
    "PovertyStatus",
    "deprivation_codes",
    "poverty_status_of",
    "single_income_line",
    "two_income_lines",
]

#: the family of the household poverty rulesets
FAMILY = "poverty.household"

# codes the outcome rules read; they are the stable slugs used in every poverty rules file
#: income at or below the one income line (chuẩn nghèo) of NĐ 07/2021 and NĐ 351/2025
LINE = "income.line"
#: income at or below QĐ 59/2015's poverty line (chuẩn nghèo)
POVERTY_LINE = "income.poverty_line"
#: income at or below QĐ 59/2015's near-poverty line (chuẩn cận nghèo)
NEAR_POVERTY_LINE = "income.near_poverty_line"
#: income up to the ceiling of the middle living standard (mức sống trung bình), where the data has it
MIDDLE_CEILING = "income.middle_ceiling"
#: income at or below the low-income-worker ceiling (người lao động có thu nhập thấp, NĐ 30/2025)
LOW_INCOME_WORKER = "income.low_income_worker"
#: the criterion of deprivation of basic social services (thiếu hụt dịch vụ xã hội cơ bản)
DEPRIVATION = "deprivation"


class PovertyStatus(enum.Enum):
    """The answer to "poor? near-poor?" that the known rules decide, even where the full class is open.

    Under NĐ 351/2025 the middle-living band is not in the rules data, so a household above the income line has
    no decided :class:`HouseholdClass` (middle income or above it); yet it is certainly neither poor nor
    near-poor, and this says so. It is read off the classes still possible, never guessed: ``UNDECIDED`` when
    the classes still possible straddle the answer (income not recorded, say).
    """

    POOR = "poor"
    NEAR_POOR = "near_poor"
    #: middle income or above it: every class still possible is neither poor nor near-poor
    NEITHER = "neither_poor_nor_near_poor"
    #: the classes still possible include a poor or near-poor one and another
    UNDECIDED = "undecided"

    def label(self, lang: str = "en") -> str:
        """The status in Vietnamese (``"vi"``) or English."""
        return _STATUS_LABELS[self][0 if lang == "vi" else 1]


_STATUS_LABELS = {
    PovertyStatus.POOR: ("Hộ nghèo", "Poor"),
    PovertyStatus.NEAR_POOR: ("Hộ cận nghèo", "Near-poor"),
    PovertyStatus.NEITHER: ("Không nghèo, không cận nghèo", "Neither poor nor near-poor"),
    PovertyStatus.UNDECIDED: ("Chưa xác định", "Undecided"),
}


def poverty_status_of(classes: Iterable[HouseholdClass]) -> PovertyStatus:
    """The :class:`PovertyStatus` the classes still possible decide: poor or near-poor when that is the only class
    left, neither when none of them is poor or near-poor, undecided otherwise (and for no class at all)."""
    possible = frozenset(classes)
    if possible == {HouseholdClass.POOR}:
        return PovertyStatus.POOR
    if possible == {HouseholdClass.NEAR_POOR}:
        return PovertyStatus.NEAR_POOR
    if possible and not possible & {HouseholdClass.POOR, HouseholdClass.NEAR_POOR}:
        return PovertyStatus.NEITHER
    return PovertyStatus.UNDECIDED


class HouseholdClass(enum.Enum):
    """A household's class under the multidimensional poverty standard."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    MIDDLE_INCOME = "middle_income"
    #: above the middle-living-standard band
    OTHER = "other"

    def label(self, lang: str = "en") -> str:
        """The class's name in Vietnamese (``"vi"``) or English."""
        return _LABELS[self][0 if lang == "vi" else 1]

    @staticmethod
    def partial_of(classes: Iterable[HouseholdClass]) -> PovertyStatus:
        """The coarser answer an assessment's classes still possible decide (see
        :attr:`~ntp_criteria.Assessment.partial_outcome`): the household's :class:`PovertyStatus`."""
        return poverty_status_of(classes)


_LABELS = {
    HouseholdClass.POOR: ("Hộ nghèo", "Poor household"),
    HouseholdClass.NEAR_POOR: ("Hộ cận nghèo", "Near-poor household"),
    HouseholdClass.MIDDLE_INCOME: ("Hộ có mức sống trung bình", "Middle-living-standard household"),
    HouseholdClass.OTHER: ("Hộ trên mức sống trung bình", "Above the middle living standard"),
}


def _middle(x: OutcomeInputs, above: v.Verdict) -> tuple[dict[HouseholdClass, v.Verdict], str | None]:
    if MIDDLE_CEILING in x.results:  # the set has the band (a look-up, not a walk over the set's indicators)
        mid = x.verdict(MIDDLE_CEILING)
        return {HouseholdClass.MIDDLE_INCOME: v.all_of(above, mid),
                HouseholdClass.OTHER: v.all_of(above, mid.negate())}, None
    unknown = v.Verdict(None if above.value is not False else False, above.because)
    note = (f"{x.ruleset.instrument.number}: the middle-living-standard band is not in the rules data "
            "(not yet found in the legal text), so above the line the class is left open")
    return {HouseholdClass.MIDDLE_INCOME: unknown, HouseholdClass.OTHER: unknown}, note


def _low_income_worker(x: OutcomeInputs, above_line: v.Verdict) -> tuple[tuple[str, bool | None], ...]:
    if LOW_INCOME_WORKER not in x.results:
        return ()
    verdict = v.all_of(above_line, x.verdict(LOW_INCOME_WORKER))
    return (("low_income_worker", verdict.value),)


@outcome_rule("poverty.single-income-line", HouseholdClass, reads=(LINE, DEPRIVATION), by_status=True)
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


@outcome_rule("poverty.two-income-lines", HouseholdClass, reads=(POVERTY_LINE, NEAR_POVERTY_LINE, DEPRIVATION),
              by_status=True)
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
