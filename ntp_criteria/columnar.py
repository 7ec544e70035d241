"""A columnar classification path for bulk data (needs the ``columnar`` extra: numpy).

The same rules data as :func:`~ntp_criteria.assess`, applied to whole arrays at once: income limits and the
deprivation cut-off come from :meth:`~ntp_criteria.poverty.Classifier.cut_offs`, so nothing is restated
here. Classes are returned as small integer codes (:data:`CODES`); ``-1`` marks a household the rules leave
undecided (e.g. above the line under a standard whose middle band is not in the data).
"""

from __future__ import annotations

from typing import Any

from .model import Ruleset
from .poverty import HouseholdClass, classifier

__all__ = ["CODES", "UNDECIDED", "classify_arrays", "decode"]

#: integer code of each class in the arrays this module returns
CODES: dict[HouseholdClass, int] = {c: i for i, c in enumerate(HouseholdClass)}
UNDECIDED = -1


def _numpy() -> Any:
    try:
        import numpy as np
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the columnar path needs numpy: pip install 'ntp-criteria[columnar]'") from exc
    return np


def classify_arrays(ruleset: Ruleset, urban: Any, income: Any, deprivation_count: Any) -> Any:
    """Classify households given as arrays: ``urban`` (bool), ``income`` (int VND), ``deprivation_count`` (int).

    Income must be an integer array (whole đồng): comparisons are exact, never through floats.
    """
    np = _numpy()
    urban = np.asarray(urban, dtype=bool)
    income = np.asarray(income)
    count = np.asarray(deprivation_count)
    if not np.issubdtype(income.dtype, np.integer):
        raise TypeError(f"income must be an integer array (whole đồng), got dtype {income.dtype}")
    table = classifier(ruleset).cut_offs()
    needed = int(table["rural"]["deprivation_needed"] or 0)

    def limit(code: str) -> Any:
        rural, urb = table["rural"][code], table["urban"][code]
        if rural is None or urb is None:
            return None
        return np.where(urban, int(urb), int(rural))

    out = np.full(income.shape, UNDECIDED, dtype=np.int8)
    deprived = count >= needed
    ceiling = limit("income.middle_ceiling")
    if ruleset.outcome == "poverty.two-income-lines":
        poverty_line, top = limit("income.poverty_line"), limit("income.near_poverty_line")
        poor = (income <= poverty_line) | ((income <= top) & deprived)
    else:
        top = limit("income.line")
        poor = (income <= top) & deprived
    out[poor] = CODES[HouseholdClass.POOR]
    out[(income <= top) & ~poor] = CODES[HouseholdClass.NEAR_POOR]
    if ceiling is not None:
        above = income > top
        out[above & (income <= ceiling)] = CODES[HouseholdClass.MIDDLE_INCOME]
        out[above & (income > ceiling)] = CODES[HouseholdClass.OTHER]
    return out


def decode(code: int) -> HouseholdClass | None:
    """The class of an integer code (``None`` for :data:`UNDECIDED`)."""
    return None if code == UNDECIDED else list(HouseholdClass)[code]
