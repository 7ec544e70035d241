"""When two households' assessments say the same: the key a batch can remember a result by.

A household recorded without raw facts (no members, no dwelling facts, no devices: only its area, date, income
and the surveyor's flags or deprivation count, as a review list or a CSV row holds it) is assessed from its
income only through the income thresholds of its standard: which side of each line it is on. Two such
households of one area and year, on the same sides of every income line, with the same flags and count, get the
same outcome, candidates, reasons, unverified numbers and unused inputs; only their id, date and income differ.
:func:`outcome_key` is that key (None for a household with raw facts), so a batch of millions of rows assesses
each distinct key once; a property test checks that households with equal keys get equal results.
"""

from __future__ import annotations

from collections.abc import Hashable

from ...core.model import Ruleset, Threshold
from ...core.subjects import Dwelling, Household

__all__ = ["INCOME_MEASURE", "outcome_key"]

#: the measure through which a household's income enters its assessment
INCOME_MEASURE = "household.monthly_income_per_capita"
_NO_DWELLING_FACTS = Dwelling()
# the income thresholds of a ruleset for an area and year, by the ruleset's identity (checked)
_LINES: dict[tuple[int, str, int], tuple[Ruleset, tuple[Threshold, ...]]] = {}


def _income_lines(ruleset: Ruleset, area: str, year: int) -> tuple[Threshold, ...]:
    key = (id(ruleset), area, year)
    hit = _LINES.get(key)
    if hit is not None and hit[0] is ruleset:
        return hit[1]
    if len(_LINES) > 1024:
        _LINES.clear()
    scope: dict[str, str | int] = {"area": area, "year": year}
    lines = tuple(t for _, i in ruleset.indicators() if i.measure == INCOME_MEASURE
                  for t in i.thresholds if t.scope.matches(scope))
    _LINES[key] = (ruleset, lines)
    return lines


def outcome_key(household: Household, ruleset: Ruleset) -> Hashable | None:
    """What the assessment of ``household`` under ``ruleset`` depends on, when it has no raw facts (else None):
    the area and year, which side of each income threshold its income is on, its flags and its count."""
    if not isinstance(household, Household) or household.members or household.devices is not None or (
            household.hears_loudspeaker is not None) or household.dwelling != _NO_DWELLING_FACTS:
        return None
    area, year, income = household.area.value, household.reference_date.year, household.monthly_income_per_capita
    sides = tuple(None if income is None else t.holds(income) for t in _income_lines(ruleset, area, year))
    return (id(ruleset), area, year, sides, household.deprivation_count, household.deprived,
            household.not_deprived)

