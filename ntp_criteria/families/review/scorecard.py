"""Phiếu B1 scored: the points of the rows marked X on the household's scorecard, summed into điểm A.

The points are parameters of the ruleset's indicator ``A`` (``rules/tt-07-2021.toml``), one per cell of Mẫu số
3.3, named ``{scorecard}/{row}`` (``dbsh/1.3``) and cited to the row and the column. A rural household is scored
in its region's column, an urban one in the ``urban`` column. An item not asked leaves điểm A known only
within bounds: nothing below the points already counted, nothing above them plus the most the item could add.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from ...core.forms import ReviewForm, ReviewRegion, row_group
from ...core.model import Indicator, Provenance, Ruleset
from ...core.results import Observed
from ...core.subjects import Area, Subject
from ...engine import MeasureValue, Missing, measure
from .form import ITEMS, ROW_WORDS, item_of
from .rules import SCORE_A

__all__ = ["ScorecardLine", "ScoredCard", "card_of", "column_of", "columns_of", "score_a", "scorecard"]

#: the column of Mẫu số 3.3 that scores urban households (Mẫu số 3.4)
URBAN = "urban"
#: what the scorecard's points are counted in
POINTS = "điểm"


def column_of(form: ReviewForm) -> str | Missing:
    """The column of Mẫu số 3.3 (the scorecard) the form is scored on, or why there is none."""
    if form.area is Area.URBAN:
        return URBAN
    if form.region is None:
        return Missing("region not recorded: it chooses the rural scorecard (Mẫu số 3.5-3.10)")
    if form.region is ReviewRegion.CENTRAL_CITY:
        return Missing("Mẫu số 3.3 has no rural scorecard for the centrally run cities: give the region whose "
                       "scorecard the province uses")
    return str(form.region.value)


@attrs.frozen
class _Card:
    """One column of the table: each row's points (two values where two tables of the law disagree on the cell),
    and the most each item can add."""

    points: Mapping[str, tuple[Decimal, ...]]
    provenance: Mapping[str, tuple[Provenance, ...]]
    most: Mapping[str, Decimal]


_CARDS: dict[tuple[int, str], tuple[Indicator, _Card]] = {}


def columns_of(ind: Indicator) -> tuple[str, ...]:
    """The scorecard columns the indicator's points are given for (``dbsh`` … ``urban``), in the table's order."""
    return tuple(dict.fromkeys(p.name.split("/")[0] for p in ind.parameters if "/" in p.name))


def card_of(ind: Indicator, column: str) -> _Card:
    """One column of the scorecard as look-up tables (each row's points, the most each item can add), read from
    the indicator's parameters once: the one place the engine's measure, the columnar path and the per-record
    scorer build them."""
    return _card(ind, column)


def _card(ind: Indicator, column: str) -> _Card:
    key = (id(ind), column)
    hit = _CARDS.get(key)
    if hit is not None and hit[0] is ind:
        return hit[1]
    points: dict[str, tuple[Decimal, ...]] = {}
    provenance: dict[str, tuple[Provenance, ...]] = {}
    for p in ind.parameters:
        name = p.name.split("/")
        if name[0] != column or len(name) < 2 or not isinstance(p.value, Decimal):
            continue
        # "{column}/{row}" is Mẫu số 3.3's cell; "{column}/{row}/{form}" the same cell as another form prints it
        if len(name) == 2:  # Mẫu số 3.3's own cell first
            points[name[1]] = (p.value, *points.get(name[1], ()))
            provenance[name[1]] = (p.provenance, *provenance.get(name[1], ()))
        else:
            points[name[1]] = (*points.get(name[1], ()), p.value)
            provenance[name[1]] = (*provenance.get(name[1], ()), p.provenance)
    order = sorted(points, key=lambda row: tuple(int(k) for k in row.split(".")))
    points = {row: points[row] for row in order}
    groups: dict[str, Decimal] = {}  # the most each group of answers adds (one row of a group at most)
    for row, values in points.items():
        group = row_group(row)
        groups[group] = max(groups.get(group, Decimal(0)), *values)
    most: dict[str, Decimal] = {}
    for group, value in groups.items():
        most[item_of(group)] = most.get(item_of(group), Decimal(0)) + value
    card = _Card(points, provenance, most)
    _CARDS[key] = (ind, card)
    return card


def _form(subject: Subject) -> ReviewForm:
    if not isinstance(subject, ReviewForm):
        raise TypeError(f"the review's measures need a ReviewForm, got {type(subject).__name__}")
    return subject


@measure("review.score_a")
def score_a(subject: Subject, ind: Indicator) -> MeasureValue:
    """điểm A: the sum of the points of the rows marked on the household's scorecard; within bounds when some
    items were not asked."""
    form = _form(subject)
    column = column_of(form)
    if isinstance(column, Missing):
        return column
    card = _card(ind, column)
    answers = dict(form.b1.items)
    low = high = Decimal(0)
    for item, most in card.most.items():
        rows = answers.get(item)
        if rows is None:
            high += most
            continue
        for r in rows:
            values = card.points.get(r)
            if values is not None:
                low += min(values)
                high += max(values)
    return Observed(low, high, POINTS)


@attrs.frozen
class ScorecardLine:
    """One row of the filled scorecard: the item and row, the words of the row, whether it is marked (None for an
    item not asked) and its points with the cell's citation; ``points`` has two values, each with its source,
    where two forms of the circular print the cell differently."""

    item: str
    row: str
    label_vi: str
    marked: bool | None
    points: tuple[Decimal, ...]
    provenance: tuple[Provenance, ...]


@attrs.frozen
class ScoredCard:
    """The filled scorecard: its column, every row with its points, điểm A (or its bounds) and the items not
    asked."""

    column: str
    lines: tuple[ScorecardLine, ...]
    total: Observed
    not_asked: tuple[str, ...]
    most: Mapping[str, Decimal]  # the most each item can add: what an item not asked may add to điểm A

    def item_name(self, item: str, lang: str = "vi") -> str:
        """The item's heading as the scorecard prints it (Vietnamese) or in English."""
        name_vi, name_en = ITEMS[item]
        return name_vi if lang == "vi" else name_en


def scorecard(form: ReviewForm, ruleset: Ruleset) -> ScoredCard | Missing:
    """The form's scorecard row by row in the law's order, from ``ruleset`` (a ``poverty.review`` set), or why it
    cannot be scored (no region for a rural household)."""
    column = column_of(form)
    if isinstance(column, Missing):
        return column
    ind = ruleset.indicator(SCORE_A)
    card = _card(ind, column)
    answers = dict(form.b1.items)
    lines = []
    for row, points in card.points.items():
        item = item_of(row)
        rows = answers.get(item)
        lines.append(ScorecardLine(item, row, ROW_WORDS.get(row, ""), None if rows is None else row in rows,
                                   points, card.provenance[row]))
    total = score_a(form, ind)
    assert isinstance(total, Observed)
    not_asked = tuple(item for item in card.most if item not in answers)
    return ScoredCard(column, tuple(lines), total, not_asked, MappingProxyType(dict(card.most)))
