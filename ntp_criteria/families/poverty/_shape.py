"""What the fast paths (columnar from raw facts, one household at a time) ask of a ruleset's shape before they
read its indicators themselves: no scope exceptions, one deprivation count, no criterion decided by a rule, every
indicator applying to the whole country with thresholds by area at most."""

from __future__ import annotations

from ...core.model import Rollup, Ruleset
from .rules import DEPRIVATION

__all__ = ["shape_problem"]


def shape_problem(ruleset: Ruleset) -> str | None:
    """None when ``ruleset`` has the shape the fast paths read, else why not (for the caller to say so)."""
    if ruleset.scope_rules:
        return "the ruleset has scope exceptions"
    counts = [c for c in ruleset.criteria if c.code == DEPRIVATION]
    if len(counts) != 1 or counts[0].rollup is not Rollup.COUNT or counts[0].count_threshold is None:
        return "no deprivation count"
    for c in ruleset.criteria:
        if c.rollup is Rollup.RULE:
            return f"criterion {c.code} is decided by a rule"
        for i in c.indicators:
            if i.applies_to:
                return f"indicator {i.code} applies only to part of the country"
            if any(t.scope.dimensions() - {"area"} for t in i.thresholds):
                return f"indicator {i.code} has thresholds by more than area"
    return None
