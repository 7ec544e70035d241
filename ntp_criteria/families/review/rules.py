"""Classification by points (VBHN 1315/VBHN-BLĐTBXH, Điều 1 khoản 1 điểm b): poor with điểm A at or below the
area's line and điểm B of 30 or more; near-poor at or below the line with less; otherwise not poor."""

from __future__ import annotations

import enum

from ...core import verdict as v
from ...engine import Decision, OutcomeInputs, decide, outcome_rule

__all__ = [
    "EXCLUDED",
    "FAMILY",
    "FOUR_OR_MORE",
    "POINTS_A",
    "POINTS_B",
    "SCORE_A",
    "SCREENING_FAMILY",
    "ReviewClass",
    "ScreeningResult",
    "review_points",
    "review_screening",
]

#: the family of the review rulesets
FAMILY = "poverty.review"
#: điểm A at or below the line of the household's area (140 rural, 175 urban): the criterion of Phiếu B1
POINTS_A = "A"
#: điểm B of 30 or more (three deprivations of 10 points): the criterion of Phiếu B2
POINTS_B = "B"
#: the indicator whose measure sums the scorecard: điểm A itself, compared with the area's line
SCORE_A = "A.score"


class ReviewClass(enum.Enum):
    """The review's classes, as the lists of Phụ lục I mark them (N, CN, KN)."""

    POOR = "poor"  # hộ nghèo (N)
    NEAR_POOR = "near_poor"  # hộ cận nghèo (CN)
    NOT_POOR = "not_poor"  # hộ không nghèo (KN)

    def label(self, lang: str = "en") -> str:
        """The class's name in Vietnamese (``"vi"``) or English."""
        return _LABELS[self][0 if lang == "vi" else 1]

    @property
    def mark(self) -> str:
        """The mark the review's lists use (Phụ lục I, footnote 2): N, CN or KN."""
        return _MARKS[self]


_LABELS = {
    ReviewClass.POOR: ("Hộ nghèo", "Poor household"),
    ReviewClass.NEAR_POOR: ("Hộ cận nghèo", "Near-poor household"),
    ReviewClass.NOT_POOR: ("Hộ không nghèo", "Not poor"),
}
_MARKS = {ReviewClass.POOR: "N", ReviewClass.NEAR_POOR: "CN", ReviewClass.NOT_POOR: "KN"}


@outcome_rule("poverty.review-points", ReviewClass, reads=(POINTS_A, POINTS_B))
def review_points(x: OutcomeInputs) -> Decision:
    """Poor: điểm A within the line and điểm B ≥ 30; near-poor: within the line and điểm B < 30; not poor: above."""
    within, deprived = x.verdict(POINTS_A), x.verdict(POINTS_B)
    return decide(x, {
        ReviewClass.POOR: v.all_of(within, deprived),
        ReviewClass.NEAR_POOR: v.all_of(within, deprived.negate()),
        ReviewClass.NOT_POOR: within.negate(),
    })


#: the family of Phiếu A's quick identification
SCREENING_FAMILY = "poverty.review.screening"
#: cột 0: one of the conditions that take a household out of the review
EXCLUDED = "C0"
#: 4 or more of columns 1-9 answered CÓ (cột D, the count; cột E, the result)
FOUR_OR_MORE = "D"


class ScreeningResult(enum.Enum):
    """Phiếu A's result (cột E): the household goes on the list for Phiếu B (mã 1), or the review stops (mã 0)."""

    REVIEW = "review"
    NOT_REVIEWED = "not_reviewed"

    def label(self, lang: str = "en") -> str:
        """The result in Vietnamese (``"vi"``) or English."""
        return _SCREENING_LABELS[self][0 if lang == "vi" else 1]


_SCREENING_LABELS = {
    ScreeningResult.REVIEW: ("Đưa vào danh sách rà soát Phiếu B", "On the list for Phiếu B"),
    ScreeningResult.NOT_REVIEWED: ("Ngừng rà soát", "Not reviewed further"),
}


@outcome_rule("poverty.review-screening", ScreeningResult, reads=(EXCLUDED, FOUR_OR_MORE))
def review_screening(x: OutcomeInputs) -> Decision:
    """Phiếu A: not excluded by cột 0 and fewer than 4 of columns 1-9 → the review list; otherwise it stops."""
    excluded, many = x.verdict(EXCLUDED), x.verdict(FOUR_OR_MORE)
    return decide(x, {
        ScreeningResult.REVIEW: v.all_of(excluded.negate(), many.negate()),
        ScreeningResult.NOT_REVIEWED: v.any_of(excluded, many),
    })
