"""Summary tables over batches of assessments: the share meeting each criterion, by any grouping.

``by`` groups assessments, e.g. ``lambda a: str(a.scope.get("region"))`` for the share meeting each
criterion by region; ``level_counts`` counts the levels reached (``ntm.commune_level``, ``district_level``)
by any grouping of the reports.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Protocol, TypeVar

import attrs

from ..core.results import Assessment, ResultStatus

__all__ = ["CriterionShare", "criterion_shares", "level_counts", "outcome_shares"]


@attrs.frozen
class CriterionShare:
    """How many units of a group meet a criterion, among those whose result is known."""

    group: str
    criterion: str
    met: int
    known: int
    total: int

    @property
    def share(self) -> Decimal | None:
        """Met as a percentage of the units whose result is known (None when none is)."""
        return None if self.known == 0 else Decimal(100 * self.met) / self.known


def criterion_shares(assessments: Iterable[Assessment],
                     by: Callable[[Assessment], str] = lambda a: "all") -> tuple[CriterionShare, ...]:
    """One row per (group, criterion), in one pass; unknown results are counted apart, never as failures."""
    counts: dict[tuple[str, str], list[int]] = {}
    for a in assessments:
        group = by(a)
        for c in a.criteria:
            if c.status is ResultStatus.NOT_APPLICABLE:
                continue
            row = counts.setdefault((group, c.code), [0, 0, 0])
            row[2] += 1
            if c.status.decided:
                row[1] += 1
                row[0] += c.status is ResultStatus.MET
    return tuple(CriterionShare(g, c, *row) for (g, c), row in counts.items())


class _Named(Protocol):
    @property
    def value(self) -> str: ...


class _Leveled(Protocol):
    @property
    def level(self) -> enum.Enum | None: ...


T = TypeVar("T")
R = TypeVar("R", bound=_Leveled)


def _counts(items: Iterable[T], key: Callable[[T], _Named | None], by: Callable[[T], str]
            ) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for item in items:
        value = key(item)
        name = value.value if value is not None else "undecided"
        group = out.setdefault(by(item), {})
        group[name] = group.get(name, 0) + 1
    return out


def outcome_shares(assessments: Iterable[Assessment],
                   by: Callable[[Assessment], str] = lambda a: "all") -> dict[str, dict[str, int]]:
    """Counts of each outcome (and ``undecided``) per group."""
    return _counts(assessments, lambda a: a.outcome, by)


def level_counts(reports: Iterable[R], by: Callable[[R], str] = lambda r: "all") -> dict[str, dict[str, int]]:
    """Counts of each level reached (and ``undecided`` for an unknown level) per group, from level reports
    (``ntm.commune_level``, ``districts.district_level``); e.g. ``by=lambda r: region_of[r.assessments[0]
    .subject_id]`` for the levels by region."""
    return _counts(reports, lambda r: r.level, by)
