"""A columnar classification path for bulk data (needs the ``columnar`` extra: numpy).

The same rules data as :func:`~ntp_criteria.assess`, applied to whole arrays at once: income limits and the
deprivation cut-off come from :meth:`~ntp_criteria.poverty.Classifier.cut_offs`, so nothing is restated
here. Classes are returned as small integer codes (:data:`CODES`); ``-1`` marks a household the rules leave
undecided (e.g. above the line under a standard whose middle band is not in the data).
"""

from __future__ import annotations

from typing import Any

from ...core._validate import LIMIT, shown
from ...core.errors import InputError, Problem
from ...core.model import Ruleset
from .classify import classifier
from .rules import DEPRIVATION, HouseholdClass

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
    if not (isinstance(columns, list | tuple) or (isinstance(columns, np.ndarray) and columns.ndim == 2)):
        raise InputError("arrays", [Problem("$.columns", (
            f"expected a 2-D boolean array or a list of 1-D boolean columns, got {shown(columns)}"))])
    if isinstance(columns, np.ndarray):
        _require(columns.dtype == bool, "$.columns", f"expected boolean columns, got dtype {columns.dtype}")
        # row-major (n, k) booleans: a float32 product is exact for counts this small (k < 2**24) and far
        # faster than sum
        counted = columns.astype(np.float32) @ np.ones(columns.shape[1], np.float32)
        return counted.astype(_count_dtype(np, columns.shape[1]))
    _require(bool(columns), "$.columns", "expected at least one column")
    cols: list[Any] = []
    for k, given in enumerate(columns):
        col = _array(given, f"$.columns[{k}]")
        size = cols[0].shape if cols else col.shape[:1]
        _require(col.dtype == bool and col.ndim == 1 and col.shape == size, f"$.columns[{k}]",
                 f"expected a 1-D boolean column{f' of {size[0]} values' if cols else ''}, got dtype {col.dtype}, "
                 f"shape {col.shape}")
        cols.append(col)
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


def _array(value: Any, path: str) -> Any:
    """``value`` as a numpy array: an array, a list or tuple, or what offers itself as an array (a pandas or polars
    Series). Anything else (a range, a network of 2**121 addresses) is refused before numpy iterates it, and what
    numpy cannot make an array of (a ragged list) is an InputError too."""
    np = _numpy()
    if isinstance(value, np.ndarray):
        return value
    if not isinstance(value, list | tuple) and not hasattr(value, "__array__"):
        raise InputError("arrays", [Problem(path, f"expected an array, got {shown(value)}")])
    try:
        return np.asarray(value)
    except (ValueError, TypeError, OverflowError) as exc:
        raise InputError("arrays", [Problem(path, f"expected an array, got {shown(value)} ({exc})")]) from None


def classify_arrays(ruleset: Ruleset, urban: Any, income: Any, deprivation_count: Any) -> Any:
    """Classify households given as arrays: ``urban`` (bool), ``income`` (int VND), ``deprivation_count`` (int).

    Income must be an integer array (whole đồng): comparisons are exact, never through floats. Returns
    int8 codes (:data:`CODES`, :data:`UNDECIDED`).
    """
    np = _numpy()
    if not isinstance(ruleset, Ruleset):
        raise InputError("arrays", [Problem("$.ruleset", f"expected a Ruleset, got {shown(ruleset)}")])
    urban = _array(urban, "$.urban")
    income = _array(income, "$.income")
    count = _array(deprivation_count, "$.deprivation_count")
    # np.asarray(["rural"], dtype=bool) is [True]: a column of area names would silently be "urban"
    _require(urban.dtype == bool, "$.urban", f"expected a boolean array (True = urban), got dtype {urban.dtype}")
    _require(np.issubdtype(count.dtype, np.integer), "$.deprivation_count",
             f"expected an integer array, got dtype {count.dtype}")
    _require(urban.shape == income.shape == count.shape and income.ndim == 1, "$",
             f"expected three 1-D arrays of one length, got shapes {urban.shape}, {income.shape}, {count.shape}")
    _require(np.issubdtype(income.dtype, np.integer), "$.income",
             f"expected an integer array (whole đồng), got dtype {income.dtype}")
    fast = classifier(ruleset)
    if income.size:  # the scalar classifier's bounds: incomes ≥ 0 and below 10**15, counts up to the indicators
        most = len(ruleset.criterion(DEPRIVATION).indicators)
        _require(int(count.min()) >= 0, "$.deprivation_count", "expected counts ≥ 0")
        _require(int(count.max()) <= most, "$.deprivation_count",
                 f"expected counts of at most {most} (the standard's deprivation indicators)")
        _require(int(income.min()) >= 0, "$.income", "expected incomes ≥ 0 (VND)")
        _require(int(income.max()) < LIMIT, "$.income", f"expected incomes below {LIMIT:,} (VND)")
    table = fast.cut_offs()
    needed = int(table["rural"]["deprivation_needed"] or 0)
    area = urban.view(np.uint8)
    # the limits in a type that holds them and compares exactly with the column's (a uint8 or int16 column cannot
    # hold a poverty line; uint64 against int64 would go through floats)
    limit_type = np.uint64 if income.dtype == np.uint64 else np.int64

    def limit(code: str) -> Any:
        rural, urb = table["rural"][code], table["urban"][code]
        if rural is None or urb is None:
            return None
        return np.array([int(rural), int(urb)], dtype=limit_type)[area]

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
