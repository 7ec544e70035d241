"""DataFrames in, DataFrames out, for pandas and polars through one code path (narwhals; ``frames`` extra).

Columns are those of the CSV format (:data:`ntp_criteria.io.batch.CSV_COLUMNS`). Two entry points:

* :func:`assess_frame` — every household through the full engine: the class, whether it is decided,
  the instrument, and the unverified numbers it rests on, added as columns.
* :func:`classify_frame` — the columnar fast path for national-scale data: area, income, deprivation
  count and date only, classified in bulk per standard in force.

A missing value (None, NaN, null) is a fact not recorded. Money must be whole đồng: a float column is
accepted only where every value is a whole number (pandas stores an int column with gaps as float);
anything else is refused, never rounded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from typing import Any

from ..catalogue import assess, ruleset
from ..core._validate import shown
from ..core.errors import InputError, Problem
from ..core.results import Assessment
from ..core.subjects import Household
from . import json as ntp_json
from .batch import LIST_COLUMNS, check_household_columns

__all__ = ["assess_frame", "classify_frame"]



def _narwhals() -> Any:
    try:
        import narwhals.stable.v1 as nw
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrame support needs narwhals: pip install 'ntp-criteria[frames]'") from exc
    return nw


def _clean(column: str, value: Any, where: str) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise InputError("frame", [Problem(where, f"expected a date, got a time of day {shown(value)}")])
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not value.is_integer():
            raise InputError("frame", [Problem(where, f"expected whole đồng or a whole count, got {shown(value)}")])
        return int(value)
    if column in LIST_COLUMNS:
        if isinstance(value, str):
            return [c.strip() for c in value.split(";") if c.strip()]
        if hasattr(value, "tolist"):  # a numpy array (a list cell, as pyarrow gives it)
            value = value.tolist()
        if isinstance(value, list | tuple):
            return list(value)  # each code is checked by the household, with its path
        raise InputError("frame", [Problem(where, f"expected indicator codes separated by ';', or a list of them, "
                                                  f"got {shown(value)}")])
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _frame(nw: Any, df: Any) -> Any:
    """``df`` as a narwhals frame; anything but an eager DataFrame narwhals knows (pandas, polars …) is refused."""
    try:
        return nw.from_native(df, eager_only=True)
    except TypeError:
        raise InputError("frame", [Problem("$", f"expected a pandas or polars DataFrame, got {shown(df)}")]) from None


def _households(rows: list[dict[str, Any]]) -> Iterator[Household]:
    problems: list[Problem] = []
    out: list[Household] = []
    for i, row in enumerate(rows):
        try:
            data = {k: v for k, v in ((c, _clean(c, row[c], f"$[{i}].{c}")) for c in row) if v is not None}
            for column in LIST_COLUMNS:
                data.setdefault(column, [])
            out.append(ntp_json.structure(data, Household))
        except InputError as exc:
            problems += [Problem(f"$[{i}]" + p.path[1:] if not p.path.startswith(f"$[{i}]") else p.path, p.message)
                         for p in exc.problems]
    if problems:
        raise InputError("frame", problems)
    return iter(out)


def assess_frame(df: Any, *, strict: bool = False) -> Any:
    """``df`` (pandas or polars) with the assessment of each row added as columns, same library out."""
    nw = _narwhals()
    frame = _frame(nw, df)
    check_household_columns(frame.columns, "frame")
    results: list[Assessment] = [assess(hh, strict=strict) for hh in _households(frame.rows(named=True))]
    backend = nw.get_native_namespace(frame)
    added = {
        "outcome": [a.outcome.value if a.outcome is not None else None for a in results],
        "decided": [a.decided for a in results],
        "candidates": [";".join(c.value for c in a.candidates) for a in results],
        "instrument": [a.ruleset.instrument.number for a in results],
        "unverified": [";".join(n.path for n in a.unverified) for a in results],
    }
    return frame.with_columns(
        [nw.new_series(name, values, native_namespace=backend) for name, values in added.items()]
    ).to_native()


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_key(value: Any) -> str:
    """A key grouping equal dates (checked when their ruleset is looked up)."""
    return f"{type(value).__name__}:{shown(value)}"


def _strict_day(value: Any, where: str) -> dt.date:
    """A date cell as a date: a date, a timestamp at midnight, or exactly YYYY-MM-DD (never cut to 10
    characters: "2024-01-01garbage" and times of day are refused)."""
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0) or value.tzinfo is not None:
            raise InputError("frame", [Problem(where, f"expected a date, got a time of day {shown(value)}")])
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError("frame", [Problem(where, f"expected a date (YYYY-MM-DD), got {shown(value)}")])


def _areas_known(np: Any, area: Any) -> Any:
    """Which cells of the area column are 'rural' or 'urban', whatever the column holds (np.unique would sort
    it, and numbers and text do not sort together)."""
    try:
        known = (area == "rural") | (area == "urban")
        if isinstance(known, np.ndarray) and known.shape == area.shape and known.dtype == bool:
            return known
    except (TypeError, ValueError):  # a cell numpy compares as an array
        pass
    return np.array([isinstance(a, str) and a in ("rural", "urban") for a in area.tolist()], dtype=bool)


def classify_frame(df: Any, *, family: str = "poverty.household") -> Any:
    """The columnar fast path: ``area``, ``monthly_income_per_capita`` (whole đồng), ``deprivation_count``
    and ``reference_date`` → an ``outcome`` column (null where the rules leave the class open)."""
    import numpy as np

    from ..families.poverty.columnar import classify_arrays, decode

    nw = _narwhals()
    frame = _frame(nw, df)
    needed = ["area", "monthly_income_per_capita", "deprivation_count", "reference_date"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InputError("frame", [Problem(f"$.columns.{c}", "required column missing") for c in missing])
    if frame.select(nw.col(needed).is_null().any()).row(0) != (False,) * len(needed):
        raise InputError("frame", [Problem("$", "the fast path needs every value; use assess_frame for gaps")])
    area = frame["area"].to_numpy()
    known = _areas_known(np, area)
    if not known.all():
        bad = sorted({shown(a) for a in area[~known][:1000].tolist()})[:10]
        raise InputError("frame", [Problem("$.area", f"expected 'rural' or 'urban', got {', '.join(bad)}")])
    income = frame["monthly_income_per_capita"].to_numpy()
    if not np.issubdtype(income.dtype, np.integer):
        raise InputError("frame", [Problem("$.monthly_income_per_capita", "the fast path needs an integer column")])
    count = frame["deprivation_count"].to_numpy()
    if not np.issubdtype(count.dtype, np.integer) or (count < 0).any():
        raise InputError("frame", [Problem("$.deprivation_count", "the fast path needs whole counts ≥ 0 "
                                                                 f"(an integer column), got dtype {count.dtype}")])
    if (income < 0).any():
        raise InputError("frame", [Problem("$.monthly_income_per_capita", "expected incomes ≥ 0 (VND)")])
    values = frame["reference_date"].to_list()
    keys = [_day_key(v) for v in values]
    days, which = np.unique(np.asarray(keys, dtype=object), return_inverse=True)
    by_ruleset: dict[int, tuple[Any, list[int]]] = {}
    for k, day in enumerate(days):
        rs = ruleset(family, _strict_day(values[keys.index(day)], f"$[{keys.index(day)}].reference_date"))
        by_ruleset.setdefault(id(rs), (rs, []))[1].append(k)
    codes = np.full(len(income), -1, dtype=np.int8)
    for rs, day_indices in by_ruleset.values():
        rows = np.isin(which, day_indices)  # every row whose date falls under this standard, at once
        codes[rows] = classify_arrays(rs, area[rows] == "urban", income[rows], count[rows])
    outcome = [None if (c := decode(int(x))) is None else c.value for x in codes]
    backend = nw.get_native_namespace(frame)
    return frame.with_columns(nw.new_series("outcome", outcome, native_namespace=backend)).to_native()
