"""The review scored one form at a time without the general engine, for bulk data that arrives as forms.

:class:`ReviewScorer` reads the same rules data as :func:`~ntp_criteria.assess` (the scorecard's cells, the
lines, the points of B2 and their cut-off) into plain look-up tables once, then scores a form with a few
dictionary look-ups: điểm A's bounds, điểm B's bounds and the class, exactly as the engine gives them (a property
test checks it form by form). It takes the B2 answers marked on the form; a form that gives its members' or its
dwelling's facts is left to the engine (:meth:`ReviewScorer.score` returns None for it). No citations or
explanation are built: ask :func:`~ntp_criteria.assess` for those.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ...catalogue import assess
from ...core.forms import ReviewForm, ReviewRegion, row_group
from ...core.model import Comparator, Ruleset
from ...core.subjects import Area
from .rules import POINTS_B, SCORE_A, ReviewClass
from .scorecard import card_of, columns_of

__all__ = ["ReviewScore", "ReviewScorer"]

#: the scorecard column of each region (a dict look-up instead of the enum's value property)
_COLUMN: dict[ReviewRegion | None, str] = {region: str(region.value) for region in ReviewRegion}
_B2 = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")


@attrs.frozen
class ReviewScore:
    """điểm A's bounds, điểm B's bounds and the class (None where the answers leave it open)."""

    points_a: tuple[Decimal, Decimal] | None
    points_b: tuple[Decimal, Decimal]
    outcome: ReviewClass | None


class ReviewScorer:
    """A ``poverty.review`` ruleset as look-up tables; :meth:`score` scores one form."""

    def __init__(self, ruleset: Ruleset) -> None:
        score = ruleset.indicator(SCORE_A)
        self._cells: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}
        self._most: dict[str, dict[str, Decimal]] = {}
        for column in columns_of(score):
            card = card_of(score, column)
            self._cells[column] = {row: (min(values), max(values)) for row, values in card.points.items()}
            self._most[column] = dict(card.most)
        self._lines: dict[str, Decimal] = {}
        for t in score.thresholds:
            if t.op is not Comparator.LE:
                raise ValueError(f"expected lines 'A <= n', got {t.op.value} {t.value}")
            self._lines[str(t.scope.get("area"))] = t.value
        cut = ruleset.criterion(POINTS_B).count_threshold
        if cut is None or cut.op is not Comparator.GE:
            raise ValueError("expected a count threshold '>= n' on điểm B")
        self._cut = int(cut.value)
        self._points = {code: ruleset.indicator(code).parameter("points").number() for code in _B2}
        self.ruleset = ruleset
        # whole numbers from here on: every cell, line and point of the review is a whole number of points (checked),
        # and int arithmetic is several times cheaper than Decimal's
        numbers = [v for cells in self._cells.values() for pair in cells.values() for v in pair]
        numbers += [*self._lines.values(), *self._points.values()]
        if any(v != int(v) for v in numbers):
            raise ValueError("the review's points are whole numbers; these rules data have a fraction")
        self._int_cells = {column: {r: (int(lo), int(hi)) for r, (lo, hi) in cells.items()}
                           for column, cells in self._cells.items()}
        self._int_most = {c: tuple((item, int(v)) for item, v in most.items()) for c, most in self._most.items()}
        self._int_lines = {area: int(v) for area, v in self._lines.items()}
        self._int_points = tuple((code, int(v)) for code, v in self._points.items())
        self._points_of = dict(self._int_points)
        self._codes = frozenset(self._points_of)
        self._most_of = {c: dict(most) for c, most in self._int_most.items()}
        self._most_total = {c: sum(most.values()) for c, most in self._most_of.items()}
        self._all_rows = frozenset(r for cells in self._cells.values() for r in cells)
        self._group = {row: row_group(row) for row in self._all_rows}

    def score(self, form: ReviewForm) -> ReviewScore | None:
        """The form's points and class, or None when its B2 must be computed from its members' facts. A row that is
        not on the form's scorecard, two rows of one answer, or an unknown B2 code is an
        :class:`~ntp_criteria.InputError`, as :func:`~ntp_criteria.assess` gives it."""
        if form.has_facts:
            return None  # facts to apply (and to check the marks against): the engine's measures decide
        deprived, not_deprived = form.b2_deprived, form.b2_not_deprived
        unknown = self._codes - deprived - not_deprived  # set operations in C: most forms mark every indicator
        if not deprived <= self._codes or not not_deprived <= self._codes:
            return self._refused(form)
        points = self._points_of
        b_low = sum(points[c] for c in deprived)
        b_high = b_low + sum(points[c] for c in unknown)
        met = len(deprived)
        b_verdict = True if met >= self._cut else (False if met + len(unknown) < self._cut else None)
        column = "urban" if form.area is Area.URBAN else _COLUMN.get(form.region, "")
        cells = self._int_cells.get(column)
        points_a: tuple[Decimal, Decimal] | None = None
        a_verdict: bool | None = None
        if cells is None:  # no scorecard (no region, or a centrally run city): điểm A is not known
            if not form.b1.marked() <= self._all_rows:
                return self._refused(form)
        else:
            low = high = 0
            most = self._most_of[column]
            group = self._group
            unasked = self._most_total[column]
            for item, rows in form.b1.items:
                unasked -= most.get(item, 0)
                for row in rows:
                    cell = cells.get(row)
                    if cell is None:
                        return self._refused(form)
                    low += cell[0]
                    high += cell[1]
                if len(rows) > 1 and len({group[r] for r in rows}) != len(rows):  # two rows of one answer
                    return self._refused(form)
            high += unasked
            line = self._int_lines[form.area.value]
            a_verdict = True if high <= line else (False if low > line else None)
            points_a = (Decimal(low), Decimal(high))
        if a_verdict is False:
            outcome: ReviewClass | None = ReviewClass.NOT_POOR
        elif a_verdict is True and b_verdict is not None:
            outcome = ReviewClass.POOR if b_verdict else ReviewClass.NEAR_POOR
        else:
            outcome = None
        return ReviewScore(points_a, (Decimal(b_low), Decimal(b_high)), outcome)

    def _refused(self, form: ReviewForm) -> ReviewScore | None:
        """A form the engine refuses: its InputError, raised by the same checks."""
        assess(form, self.ruleset)  # raises the InputError naming every problem
        raise AssertionError("unreachable: the fast checks refused a form the engine accepts")  # pragma: no cover
