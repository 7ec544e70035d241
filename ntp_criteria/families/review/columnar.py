"""The annual review scored on whole arrays (needs the ``columnar`` extra: numpy).

The same rules data as :func:`~ntp_criteria.assess` on a :class:`~ntp_criteria.core.forms.ReviewForm`: the
scorecard's cells, the lines of 140 and 175 points and the cut-off of điểm B are read from the ruleset, so nothing
is restated here, and the per-record engine stays the reference (a property test checks that both agree form by
form, items not asked and B2 answers unknown included). Strict mode is not applied: every number of the review is
``verified``.

Input, one row per form:

* ``urban``: bool, the form's area;
* ``column``: int8, the scorecard column of a rural form (:data:`COLUMNS`), ``-1`` where the region is not
  recorded (or is a centrally run city, which has no rural scorecard); ignored for urban forms;
* ``marked``: bool (n, rows), the rows marked X in the order of :func:`rows`;
* ``asked``: bool (n, 15), whether each item 1-15 was asked;
* ``b2``: int8 (n, 12), Phiếu B2's indicators 1.1-6.2: 1 deprived, 0 not, -1 not known.

Output: điểm A's bounds, điểm B's bounds and the class code (:data:`CODES`; ``-1`` undecided).
"""

from __future__ import annotations

from typing import Any

import attrs

from ...core.errors import InputError, Problem
from ...core.model import Comparator, Ruleset
from ..poverty.columnar import _numpy
from .form import ITEMS
from .rules import POINTS_B, SCORE_A, ReviewClass
from .scorecard import card_of

__all__ = ["B2_CODES", "CODES", "COLUMNS", "UNDECIDED", "ReviewColumns", "arrays_of", "rows", "score_columns"]

#: the scorecard columns of Mẫu số 3.3, in the order the ``column`` array codes them (urban last)
COLUMNS = ("dbsh", "tdmnpb", "btb-dhmt", "tn", "dnb", "dbscl", "urban")
#: Phiếu B2's indicators in the order of the ``b2`` array's columns
B2_CODES = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")
#: integer code of each class in the arrays this module returns
CODES: dict[ReviewClass, int] = {c: i for i, c in enumerate(ReviewClass)}
#: the code of a form the answers leave undecided
UNDECIDED = -1


@attrs.frozen
class ReviewColumns:
    """điểm A's lower and upper bound, điểm B's, and the class code of each form."""

    points_a_low: Any
    points_a_high: Any
    points_b_low: Any
    points_b_high: Any
    classes: Any


@attrs.frozen
class _Tables:
    rows: tuple[str, ...]
    low: Any  # (columns, rows) points, the lower reading where two forms differ
    high: Any
    most: Any  # (columns, items): the most an item not asked adds
    lines: tuple[int, int]  # rural, urban
    cut: int
    weights: Any  # the points of each B2 indicator


_TABLES: dict[int, tuple[Ruleset, _Tables]] = {}


def rows(ruleset: Ruleset) -> tuple[str, ...]:
    """The scorecard rows of ``ruleset`` in the law's order: the columns of the ``marked`` array."""
    return _tables(ruleset).rows


def _tables(ruleset: Ruleset) -> _Tables:
    hit = _TABLES.get(id(ruleset))
    if hit is not None and hit[0] is ruleset:
        return hit[1]
    np = _numpy()
    score = ruleset.indicator(SCORE_A)
    cards = [card_of(score, column) for column in COLUMNS]
    order = tuple(sorted({row for card in cards for row in card.points},
                         key=lambda r: tuple(int(k) for k in r.split("."))))
    low = np.zeros((len(COLUMNS), len(order)), np.int32)
    high = np.zeros_like(low)
    most = np.zeros((len(COLUMNS), len(ITEMS)), np.int32)
    for c, card in enumerate(cards):
        for r, row in enumerate(order):
            values = card.points.get(row)
            if values:
                low[c, r], high[c, r] = int(min(values)), int(max(values))
        for item, value in card.most.items():
            most[c, int(item) - 1] = int(value)
    lines = {t.scope.get("area"): t for t in score.thresholds}
    for t in lines.values():
        if t.op is not Comparator.LE or t.value != int(t.value):
            raise InputError("score_columns()", [Problem("$.ruleset", f"expected whole-point lines 'A ≤ n', got "
                                                                       f"{t.op.value} {t.value}")])
    cut = ruleset.criterion(POINTS_B).count_threshold
    if cut is None or cut.op is not Comparator.GE:
        raise InputError("score_columns()", [Problem("$.ruleset", "expected a count threshold '>= n' on điểm B")])
    weights = np.array([int(ruleset.indicator(code).parameter("points").number()) for code in B2_CODES], np.int16)
    tables = _Tables(order, low, high, most, (int(lines["rural"].value), int(lines["urban"].value)), int(cut.value),
                     weights)
    _TABLES[id(ruleset)] = (ruleset, tables)
    return tables


def _check(np: Any, name: str, array: Any, dtype: Any, shape: tuple[int, ...]) -> Any:
    if not isinstance(array, np.ndarray) or array.dtype != dtype or array.shape != shape:
        got = f"dtype {array.dtype}, shape {array.shape}" if isinstance(array, np.ndarray) else type(array).__name__
        raise InputError("score_columns()", [Problem(f"$.{name}", f"expected a {np.dtype(dtype)} array of shape "
                                                                   f"{shape}, got {got}")])
    return array


def score_columns(ruleset: Ruleset, *, urban: Any, column: Any, marked: Any, asked: Any, b2: Any) -> ReviewColumns:
    """Every form's điểm A, điểm B and class, as :func:`~ntp_criteria.assess` would give them, on arrays."""
    np = _numpy()
    t = _tables(ruleset)
    n = len(urban) if isinstance(urban, np.ndarray) else -1
    _check(np, "urban", urban, np.bool_, (n,))
    _check(np, "column", column, np.int8, (n,))
    _check(np, "marked", marked, np.bool_, (n, len(t.rows)))
    _check(np, "asked", asked, np.bool_, (n, len(ITEMS)))
    _check(np, "b2", b2, np.int8, (n, len(B2_CODES)))
    if n and (column.min() < -1 or column.max() >= len(COLUMNS) - 1):
        raise InputError("score_columns()", [Problem("$.column", f"expected codes -1 to {len(COLUMNS) - 2}")])
    col = np.where(urban, len(COLUMNS) - 1, column)
    known = col >= 0
    safe = np.where(known, col, 0)
    marks = marked.astype(np.int32)
    a_low = np.einsum("nr,nr->n", marks, t.low[safe])
    a_high = np.einsum("nr,nr->n", marks, t.high[safe]) + np.einsum("ni,ni->n", (~asked).astype(np.int32),
                                                                    t.most[safe])
    line = np.where(urban, t.lines[1], t.lines[0])
    a_met = known & (a_high <= line)
    a_not = known & (a_low > line)
    deprived = (b2 == 1).sum(axis=1, dtype=np.int16)
    unknown = (b2 == -1).sum(axis=1, dtype=np.int16)
    b_low = (b2 == 1).astype(np.int16) @ t.weights
    b_high = b_low + (b2 == -1).astype(np.int16) @ t.weights
    b_met = deprived >= t.cut
    b_not = deprived + unknown < t.cut
    classes = np.full(n, UNDECIDED, np.int8)
    classes[a_met & b_met] = CODES[ReviewClass.POOR]
    classes[a_met & b_not] = CODES[ReviewClass.NEAR_POOR]
    classes[a_not] = CODES[ReviewClass.NOT_POOR]
    a_low = np.where(known, a_low, 0)
    a_high = np.where(known, a_high, -1)  # -1: no bound (the scorecard is not known)
    return ReviewColumns(a_low, a_high, b_low, b_high, classes)


def arrays_of(forms: Any, ruleset: Ruleset) -> dict[str, Any]:
    """The arrays :func:`score_columns` reads, built from :class:`~ntp_criteria.core.forms.ReviewForm` objects
    (one Python step a form: for tests and small batches; bulk data should arrive as columns). B2 is read from the
    indicators marked on the form (``b2_deprived`` / ``b2_not_deprived``); a form that gives its members' facts
    instead is assessed per record."""
    np = _numpy()
    forms = list(forms)
    order = {row: k for k, row in enumerate(rows(ruleset))}
    n = len(forms)
    urban = np.zeros(n, np.bool_)
    column = np.full(n, -1, np.int8)
    marked = np.zeros((n, len(order)), np.bool_)
    asked = np.zeros((n, len(ITEMS)), np.bool_)
    b2 = np.full((n, len(B2_CODES)), -1, np.int8)
    for i, form in enumerate(forms):
        urban[i] = form.area.value == "urban"
        if form.region is not None and form.region.value in COLUMNS:
            column[i] = COLUMNS.index(form.region.value)
        for item, item_rows in form.b1:
            asked[i, int(item) - 1] = True
            for row in item_rows:
                marked[i, order[row]] = True
        for k, code in enumerate(B2_CODES):
            if code in form.b2_deprived:
                b2[i, k] = 1
            elif code in form.b2_not_deprived:
                b2[i, k] = 0
    return {"urban": urban, "column": column, "marked": marked, "asked": asked, "b2": b2}
