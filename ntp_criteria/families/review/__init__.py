"""The annual household review (Thông tư 07/2021/TT-BLĐTBXH as amended by Thông tư 02/2022/TT-BLĐTBXH): the
Phiếu B1 scorecard summed into điểm A, the Phiếu B2 deprivations counted into điểm B, the classification by
points, Phiếu A's quick identification, and the filled scorecard as a reader sees it.

The numbers (every scorecard cell, the lines of 140 and 175 points, 10 points a deprivation, the cut-off of
30) are rules data in ``rules/tt-07-2021.toml``, each cited to VBHN 1315/VBHN-BLĐTBXH.
"""

from __future__ import annotations

from .farm_income import FARM_FAMILY, MIDDLE_BAND, FarmIncomeResult, farm_income_per_capita, middle_living_standard
from .rules import (
    EXCLUDED,
    FAMILY,
    FOUR_OR_MORE,
    POINTS_A,
    POINTS_B,
    SCORE_A,
    SCREENING_FAMILY,
    ReviewClass,
    ScreeningResult,
    review_points,
    review_screening,
)
from .scorecard import ScorecardLine, ScoredCard, score_a, scorecard

__all__ = [
    "EXCLUDED",
    "FAMILY",
    "FARM_FAMILY",
    "FOUR_OR_MORE",
    "MIDDLE_BAND",
    "POINTS_A",
    "POINTS_B",
    "SCORE_A",
    "SCREENING_FAMILY",
    "FarmIncomeResult",
    "ReviewClass",
    "ScorecardLine",
    "ScoredCard",
    "ScreeningResult",
    "farm_income_per_capita",
    "middle_living_standard",
    "review_points",
    "review_screening",
    "score_a",
    "scorecard",
]
