"""The review scored one form at a time without the general engine, for bulk data that arrives as forms.

:class:`ReviewScorer` reads the same rules data as :func:`~ntp_criteria.assess` (the scorecard's cells, the
lines, the points of B2 and their cut-off) into plain look-up tables once, then scores a form with a few
dictionary look-ups: điểm A's bounds, điểm B's bounds and the class, exactly as the engine gives them (a property
test checks it form by form). It takes the B2 answers marked on the form; a form that gives its members' or its
dwelling's facts is left to the engine (:meth:`ReviewScorer.score` returns None for it). No citations or
explanation are built: ask :func:`~ntp_criteria.assess` for those.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

import attrs

from ...catalogue import assess
from ...core.errors import InputError, Problem
from ...core.forms import ReviewForm, ReviewRegion, row_group
from ...core.model import Comparator, Ruleset
from ...core.subjects import Area
from .rules import POINTS_B, SCORE_A, ReviewClass
from .scorecard import card_of, columns_of

__all__ = ["ReviewScore", "ReviewScorer"]

#: the scorecard column of each region (a dict look-up instead of the enum's value property)
_COLUMN: dict[ReviewRegion | None, str] = {region: str(region.value) for region in ReviewRegion}
_ZEROS = itertools.repeat(0)  # the default of every look-up in map(most.get, items, _ZEROS)
_MOST_GIVEN = 1 << 16  # scores kept for sharing; a bound, so a long batch holds at most this many
_B2 = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")


@attrs.frozen
class ReviewScore:
    """điểm A's bounds, điểm B's bounds and the class (None where the answers leave it open)."""

    points_a: tuple[Decimal, Decimal] | None
    points_b: tuple[Decimal, Decimal]
    outcome: ReviewClass | None


@attrs.frozen
class _Table:
    """One scorecard column packed for scoring (see :meth:`ReviewScorer._pack`)."""

    packed: Callable[[str], int]  # a row's packed number
    item_bits: int  # the items that score points on it, as bits (bit n for item n)
    most: Callable[[str, int], int]  # the most an item can add (0 for an item that adds nothing)
    most_total: int
    width: int  # bits of the low field
    extra: int  # mask of the field of what rows with two readings add to the high bound, once shifted down
    repeated: int  # mask of the group fields' bits above their lowest: set when a group has two rows marked


class ReviewScorer:
    """A ``poverty.review`` ruleset as look-up tables; :meth:`score` scores one form."""

    def __init__(self, ruleset: Ruleset) -> None:
        if not isinstance(ruleset, Ruleset):
            raise TypeError(f"expected a Ruleset, got {type(ruleset).__name__}")  # as HouseholdScorer says it
        if not any(i.code == SCORE_A for _, i in ruleset.indicators()):
            raise InputError("ReviewScorer()", [Problem("$.ruleset", f"expected a poverty.review ruleset (one with "
                                                                     f"điểm A), got {ruleset.family}")])
        score = ruleset.indicator(SCORE_A)
        cells_of: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}
        most_of: dict[str, dict[str, Decimal]] = {}
        for column in columns_of(score):
            card = card_of(score, column)
            cells_of[column] = {row: (min(values), max(values)) for row, values in card.points.items()}
            most_of[column] = dict(card.most)
        lines: dict[str, Decimal] = {}
        for t in score.thresholds:
            if t.op is not Comparator.LE:
                raise ValueError(f"expected lines 'A <= n', got {t.op.value} {t.value}")
            lines[str(t.scope.get("area"))] = t.value
        cut = ruleset.criterion(POINTS_B).count_threshold
        if cut is None or cut.op is not Comparator.GE:
            raise ValueError("expected a count threshold '>= n' on điểm B")
        self._cut = int(cut.value)
        points = {code: ruleset.indicator(code).parameter("points").number() for code in _B2}
        self.ruleset = ruleset
        # whole numbers from here on: every cell, line and point of the review is a whole number of points (checked),
        # and int arithmetic is several times cheaper than Decimal's
        numbers = [v for cells in cells_of.values() for pair in cells.values() for v in pair]
        numbers += [*lines.values(), *points.values()]
        if any(v != int(v) or v < 0 for v in numbers):
            raise ValueError("the review's points are whole numbers from 0; these rules data have another")
        all_rows = frozenset(r for cells in cells_of.values() for r in cells)
        self._tables = {column: self._pack(cells_of[column], most_of[column]) for column in cells_of}
        # a rural form with no scorecard is checked against every row, scoring none
        self._no_card = self._pack(dict.fromkeys(all_rows, (Decimal(0), Decimal(0))), {})
        self._line_of = {area: int(lines[area.value]) for area in Area if area.value in lines}
        self._points_of = {code: int(v) for code, v in points.items()}.__getitem__
        each = {int(v) for v in points.values()}
        self._each = each.pop() if len(each) == 1 else None
        self._urban = self._tables.get("urban")
        self._rural = {region: self._tables[column] for region, column in _COLUMN.items() if column in self._tables}
        self._codes = frozenset(points)
        # the scores already given, shared: a score is a frozen value and forms repeat a few thousand of them
        self._given: dict[tuple[int | None, int | None, int, int, ReviewClass | None], ReviewScore] = {}

    @staticmethod
    def _pack(cells: dict[str, tuple[Decimal, Decimal]], most_of: dict[str, Decimal]) -> _Table:
        """A scorecard's rows as one number each, so that a form's marked rows are summed once, in C:
        ``low | (high - low) << width | 1 << group field``. The sum over a form's marked rows holds điểm A's low
        bound in its lowest field, what the rows with two readings add to the high bound in the next, and, in the
        field of each group of two rows or more, how many of the group's rows are marked: a field of 2 or more (a
        bit of ``repeated``) is two rows of one answer. Every field is wide enough for its largest sum, so no field
        carries into the next; on today's scorecards the whole fits in 62 bits, where ``sum`` adds machine
        integers."""
        width = int(sum(lo for lo, _ in cells.values())).bit_length() + 1
        extra = int(sum(hi - lo for lo, hi in cells.values())).bit_length() + 1
        groups: dict[str, list[str]] = {}
        for row in sorted(cells):
            groups.setdefault(row_group(row), []).append(row)
        packed = {row: int(lo) | int(hi - lo) << width for row, (lo, hi) in cells.items()}
        repeated = 0
        at = width + extra
        for rows in groups.values():
            if len(rows) < 2:
                continue  # a group of one row cannot be marked twice
            field = len(rows).bit_length()
            repeated |= ((1 << field) - 2) << at  # every bit of the field but its lowest
            for row in rows:
                packed[row] |= 1 << at
            at += field
        most = {item: int(v) for item, v in most_of.items()}
        return _Table(packed=packed.__getitem__, item_bits=sum(1 << int(item) for item in most), most=most.get,
                      most_total=sum(most.values()), width=width, extra=(1 << extra) - 1, repeated=repeated)

    def score(self, form: ReviewForm) -> ReviewScore | None:
        """The form's points and class, or None when its B2 must be computed from its members' facts. A row that is
        not on the form's scorecard, two rows of one answer, or an unknown B2 code is an
        :class:`~ntp_criteria.InputError`, as :func:`~ntp_criteria.assess` gives it."""
        if not isinstance(form, ReviewForm):
            return self._refused(form)  # not a form: the engine's InputError says what it is
        if form._has_facts:  # the property's own slot: this runs a million times
            return None  # facts to apply (and to check the marks against): the engine's measures decide
        # whole sets and sums over look-up tables: the loops run in C, and a form costs a few microseconds
        deprived, not_deprived, codes = form.b2_deprived, form.b2_not_deprived, self._codes
        if not deprived <= codes or not not_deprived <= codes:
            return self._refused(form)
        met = len(deprived)
        open_ = len(codes) - met - len(not_deprived)  # the form refuses a code marked both ways
        if self._each is not None:  # every indicator has the same points (10 today)
            b_low = met * self._each
            b_high = b_low + open_ * self._each
        else:
            b_low = sum(map(self._points_of, deprived))
            b_high = b_low + sum(map(self._points_of, codes - deprived - not_deprived))
        b_verdict = True if met >= self._cut else (False if met + open_ < self._cut else None)
        area = form.area
        table = self._urban if area is Area.URBAN else self._rural.get(form.region)
        b1 = form.b1
        marked = b1.marked()
        low: int | None = None
        high: int | None = None
        a_verdict: bool | None = None
        try:
            total = sum(map((table or self._no_card).packed, marked))
        except KeyError:  # a row that is not on this scorecard
            return self._refused(form)
        if total & (table or self._no_card).repeated:  # two rows of one answer
            return self._refused(form)
        if table is not None:  # else no scorecard (no region, or a centrally run city): điểm A is not known
            width = table.width
            low = total & ((1 << width) - 1)
            high = low + (total >> width & table.extra)
            if table.item_bits & ~b1.asked_bits():  # an item not asked may add its most
                high += table.most_total - sum(map(table.most, b1.asked_items(), _ZEROS))
            line = self._line_of[area]
            a_verdict = True if high <= line else (False if low > line else None)
        if a_verdict is False:
            outcome: ReviewClass | None = ReviewClass.NOT_POOR
        elif a_verdict is True and b_verdict is not None:
            outcome = ReviewClass.POOR if b_verdict else ReviewClass.NEAR_POOR
        else:
            outcome = None
        key = (low, high, b_low, b_high, outcome)
        given = self._given.get(key)
        if given is None:
            if len(self._given) >= _MOST_GIVEN:
                self._given.clear()
            points_a = None if low is None or high is None else (Decimal(low), Decimal(high))
            given = self._given[key] = ReviewScore(points_a, (Decimal(b_low), Decimal(b_high)), outcome)
        return given

    def _refused(self, form: object) -> ReviewScore | None:
        """A form the engine refuses: its InputError, raised by the same checks."""
        assess(form, self.ruleset)  # type: ignore[arg-type]  # raises the InputError naming every problem
        raise AssertionError("unreachable: the fast checks refused a form the engine accepts")  # pragma: no cover
