"""Summary tables over batches of assessments: the share meeting each criterion, by any grouping.

``by`` groups assessments, e.g. ``lambda a: str(a.scope.get("region"))`` for the share meeting each
criterion by region.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs

from .results import Assessment, ResultStatus

__all__ = ["CriterionShare", "criterion_shares", "outcome_shares"]


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


def outcome_shares(assessments: Iterable[Assessment],
                   by: Callable[[Assessment], str] = lambda a: "all") -> dict[str, dict[str, int]]:
    """Counts of each outcome (and ``undecided``) per group."""
    out: dict[str, dict[str, int]] = {}
    for a in assessments:
        key = a.outcome.value if a.outcome is not None else "undecided"
        group = out.setdefault(by(a), {})
        group[key] = group.get(key, 0) + 1
    return out
