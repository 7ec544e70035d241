"""A columnar classification path for bulk data (needs the ``columnar`` extra: numpy).

The same rules data as :func:`~ntp_criteria.assess`, applied to whole arrays at once: income limits and the
deprivation cut-off come from :meth:`~ntp_criteria.poverty.Classifier.cut_offs`, so nothing is restated
here. Classes are returned as small integer codes (:data:`CODES`); ``-1`` marks a household the rules leave
undecided (e.g. above the line under a standard whose middle band is not in the data).
"""

from __future__ import annotations

from typing import Any

from ...core.model import Ruleset
from .classify import classifier
from .rules import HouseholdClass

__all__ = ["CODES", "UNDECIDED", "classify_arrays", "count_deprivations", "decode"]

#: integer code of each class in the arrays this module returns
CODES: dict[HouseholdClass, int] = {c: i for i, c in enumerate(HouseholdClass)}
#: the code of a household the rules leave undecided
UNDECIDED = -1


def _numpy() -> Any:
    try:
        import numpy as np
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the columnar path needs numpy: pip install 'ntp-criteria[columnar]'") from exc
    return np


def count_deprivations(columns: Any) -> Any:
    """The number of deprived indicators per household, from one boolean column per indicator.

    ``columns`` is a sequence of 1-D boolean arrays (as a DataFrame holds them) or a 2-D array with one
    column per indicator.
    """
    np = _numpy()
    if isinstance(columns, np.ndarray) and columns.ndim == 2:
        # row-major (n, k) booleans: a float32 product is exact for counts this small and far faster than sum
        return (columns.astype(np.float32) @ np.ones(columns.shape[1], np.float32)).astype(np.int8)
    cols = list(columns)
    total = np.zeros(len(cols[0]), dtype=np.int8)
    for col in cols:
        total += np.asarray(col, dtype=bool)
    return total


def classify_arrays(ruleset: Ruleset, urban: Any, income: Any, deprivation_count: Any) -> Any:
    """Classify households given as arrays: ``urban`` (bool), ``income`` (int VND), ``deprivation_count`` (int).

    Income must be an integer array (whole đồng): comparisons are exact, never through floats. Returns
    int8 codes (:data:`CODES`, :data:`UNDECIDED`).
    """
    np = _numpy()
    urban = np.asarray(urban, dtype=bool)
    income = np.asarray(income)
    count = np.asarray(deprivation_count)
    if not np.issubdtype(income.dtype, np.integer):
        raise TypeError(f"income must be an integer array (whole đồng), got dtype {income.dtype}")
    table = classifier(ruleset).cut_offs()
    needed = int(table["rural"]["deprivation_needed"] or 0)
    area = urban.view(np.uint8)

    def limit(code: str) -> Any:
        rural, urb = table["rural"][code], table["urban"][code]
        if rural is None or urb is None:
            return None
        return np.array([int(rural), int(urb)], dtype=income.dtype)[area]

    deprived = count >= needed
    if ruleset.outcome == "poverty.two-income-lines":
        top = limit("income.near_poverty_line")
        at_or_below = income <= top
        poor = (income <= limit("income.poverty_line")) | (at_or_below & deprived)
    else:
        at_or_below = income <= limit("income.line")
        poor = at_or_below & deprived
    ceiling = limit("income.middle_ceiling")
    if ceiling is None:
        out = np.where(at_or_below, np.int8(CODES[HouseholdClass.NEAR_POOR]), np.int8(UNDECIDED))
        out[poor] = CODES[HouseholdClass.POOR]
        return out
    # codes 0..3 = poor, near-poor, middle, other; the ceiling is above the line, so below the line
    # `middle` is also true and the sum falls to 1 (near-poor) or 0 (poor)
    middle = income <= ceiling
    out = np.full(income.shape, CODES[HouseholdClass.OTHER], dtype=np.int8)
    out -= middle
    out -= at_or_below
    out -= poor
    return out


def decode(code: int) -> HouseholdClass | None:
    """The class of an integer code (``None`` for :data:`UNDECIDED`)."""
    return None if code == UNDECIDED else list(HouseholdClass)[code]
