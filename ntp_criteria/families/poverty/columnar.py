"""A columnar classification path for bulk data (needs the ``columnar`` extra: numpy).

The same rules data as :func:`~ntp_criteria.assess`, applied to whole arrays at once: income limits and the
deprivation cut-off come from :meth:`~ntp_criteria.poverty.Classifier.cut_offs`, so nothing is restated
here. Classes are returned as small integer codes (:data:`CODES`); ``-1`` marks a household the rules leave
undecided (e.g. above the line under a standard whose middle band is not in the data).
"""

from __future__ import annotations

from typing import Any

from ...core.errors import InputError, Problem
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
        _require(columns.dtype == bool, "$.columns", f"expected boolean columns, got dtype {columns.dtype}")
        # row-major (n, k) booleans: a float32 product is exact for counts this small (k < 2**24) and far
        # faster than sum
        counted = columns.astype(np.float32) @ np.ones(columns.shape[1], np.float32)
        return counted.astype(_count_dtype(np, columns.shape[1]))
    cols = [np.asarray(col) for col in columns]
    _require(bool(cols), "$.columns", "expected at least one column")
    for k, col in enumerate(cols):
        _require(col.dtype == bool and col.ndim == 1 and len(col) == len(cols[0]), f"$.columns[{k}]",
                 f"expected a boolean column of {len(cols[0])} values, got dtype {col.dtype}, shape {col.shape}")
    total = np.zeros(len(cols[0]), dtype=_count_dtype(np, len(cols)))
    for col in cols:
        total += col
    return total


def _count_dtype(np: Any, columns: int) -> Any:
    """The smallest integer type that holds a count of ``columns`` (int8 wraps past 127: 200 columns gave -56)."""
    return np.int8 if columns <= 127 else np.int16 if columns <= 32_767 else np.int32


def _require(ok: bool, path: str, message: str) -> None:
    if not ok:
        raise InputError("arrays", [Problem(path, message)])


def classify_arrays(ruleset: Ruleset, urban: Any, income: Any, deprivation_count: Any) -> Any:
    """Classify households given as arrays: ``urban`` (bool), ``income`` (int VND), ``deprivation_count`` (int).

    Income must be an integer array (whole đồng): comparisons are exact, never through floats. Returns
    int8 codes (:data:`CODES`, :data:`UNDECIDED`).
    """
    np = _numpy()
    urban = np.asarray(urban)
    income = np.asarray(income)
    count = np.asarray(deprivation_count)
    # np.asarray(["rural"], dtype=bool) is [True]: a column of area names would silently be "urban"
    _require(urban.dtype == bool, "$.urban", f"expected a boolean array (True = urban), got dtype {urban.dtype}")
    _require(np.issubdtype(count.dtype, np.integer), "$.deprivation_count",
             f"expected an integer array, got dtype {count.dtype}")
    _require(urban.shape == income.shape == count.shape and income.ndim == 1, "$",
             f"expected three 1-D arrays of one length, got shapes {urban.shape}, {income.shape}, {count.shape}")
    _require(not (count < 0).any(), "$.deprivation_count", "expected counts ≥ 0")
    _require(np.issubdtype(income.dtype, np.integer), "$.income",
             f"expected an integer array (whole đồng), got dtype {income.dtype}")
    _require(not (income < 0).any(), "$.income", "expected incomes ≥ 0 (VND)")
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
