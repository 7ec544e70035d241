"""Phụ lục VIII of Thông tư 07/2021/TT-BLĐTBXH: the income of a farm, forestry, fishery or salt-making household
over the last 12 months, per person and month, and whether it lies in the middle living standard's band.

Mục II.2 computes it: total income = total revenue − total cost of mục II.1; per person and month = total income
/ số nhân khẩu / 12. The months, the form's unit (thousand đồng) and the band (the form's note) are rules data.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from ...core.forms import FarmIncomeSurvey
from ...core.model import Indicator
from ...core.results import Observed
from ...core.subjects import Subject
from ...engine import Decision, MeasureValue, Missing, OutcomeInputs, decide, measure, outcome_rule

__all__ = ["FARM_FAMILY", "MIDDLE_BAND", "FarmIncomeResult", "farm_income_per_capita", "middle_living_standard"]

#: the family of Phụ lục VIII's survey
FARM_FAMILY = "poverty.review.farm-income"
#: the criterion: income per person and month above the poverty line, up to the band's ceiling
MIDDLE_BAND = "middle"


class FarmIncomeResult(enum.Enum):
    """Mục III of the survey: the household has a middle living standard (Có), or not (Không)."""

    MIDDLE = "middle_living_standard"
    NOT_MIDDLE = "not_middle_living_standard"

    def label(self, lang: str = "en") -> str:
        """The result in Vietnamese (``"vi"``) or English."""
        return _LABELS[self][0 if lang == "vi" else 1]


_LABELS = {
    FarmIncomeResult.MIDDLE: ("Hộ có mức sống trung bình", "Middle living standard"),
    FarmIncomeResult.NOT_MIDDLE: ("Không thuộc hộ có mức sống trung bình", "Not of a middle living standard"),
}


@measure("review.farm_income_per_capita")
def farm_income_per_capita(subject: Subject, ind: Indicator) -> MeasureValue:
    """Mục II.2: (total revenue − total cost) / members / months, in đồng per person and month."""
    if not isinstance(subject, FarmIncomeSurvey):
        raise TypeError(f"the farm-income measure needs a FarmIncomeSurvey, got {type(subject).__name__}")
    if subject.members is None:
        return Missing("số nhân khẩu (members) not recorded")
    total = sum(line.revenue - line.cost for line in subject.lines)
    unit = ind.parameter("form_unit").number()
    months = ind.parameter("months").number()
    return Observed.exactly(Decimal(total) * unit / subject.members / months, "VND/person/month")


@outcome_rule("poverty.middle-living-standard", FarmIncomeResult, reads=(MIDDLE_BAND,))
def middle_living_standard(x: OutcomeInputs) -> Decision:
    """Middle living standard: income per person and month in the band; otherwise not."""
    band = x.verdict(MIDDLE_BAND)
    return decide(x, {FarmIncomeResult.MIDDLE: band, FarmIncomeResult.NOT_MIDDLE: band.negate()})


