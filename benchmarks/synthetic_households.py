"""Synthetic households with members, as columns (numpy), for the columnar and distributed benchmarks.

Vectorised generation (no Python loop per household): household sizes 1-7, ages 0-90, every fact drawn with a
few per cent left unrecorded, incomes spread around the poverty lines. Not survey data: the point is the
mechanics and the speed, not the rates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from ntp_criteria import Device, EducationLevel, Employment, LatrineType, WasteHandling, WaterSource

ON = dt.date(2024, 6, 1)


def _text(rng: np.random.Generator, kind: type, n: int, missing: float) -> Any:
    """A column of kinds as fixed-width text (vectorised, unlike Python objects), "" for a gap."""
    values = np.array([m.value for m in kind] + [""])
    codes = rng.integers(0, len(kind), n)
    codes[rng.random(n) < missing] = len(kind)
    return values[codes]


def _tri(rng: np.random.Generator, n: int, p_true: float, missing: float) -> Any:
    """A yes/no column with gaps, as int8 (1, 0, -1: not recorded)."""
    out = (rng.random(n) < p_true).astype(np.int8)
    out[rng.random(n) < missing] = -1
    return out


def columns(n: int, seed: int = 7, missing: float = 0.02, first_id: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """``n`` households and their members as dicts of numpy arrays (yes/no facts as int8 with -1 for a gap; kinds
    as text with "" for a gap). Ids run from ``first_id``."""
    rng = np.random.default_rng(seed)
    size = rng.integers(1, 8, n).astype(np.int64)
    m = int(size.sum())
    ids = np.arange(first_id, first_id + n, dtype=np.int64)
    income = rng.lognormal(np.log(2_600_000), 0.55, n).astype(np.int64)
    devices = np.array(["", "phone", "smartphone;television", "television", "radio", "computer;smartphone"]
                       )[rng.integers(0, 6, n)]
    households = {
        "id": ids,
        "area": np.where(rng.random(n) < 0.35, "urban", "rural"),
        "reference_date": np.full(n, np.datetime64(ON, "D")),
        "monthly_income_per_capita": income,
        "floor_area_m2": rng.integers(6, 120, n) * (size // 2 + 1),
        "durable_walls": _tri(rng, n, 0.9, missing),
        "durable_frame": _tri(rng, n, 0.95, missing),
        "durable_roof": _tri(rng, n, 0.85, missing),
        "water_source": _text(rng, WaterSource, n, missing),
        "latrine": _text(rng, LatrineType, n, missing),
        "waste": _text(rng, WasteHandling, n, missing),
        "devices": devices,
        "hears_loudspeaker": _tri(rng, n, 0.8, missing),
    }
    members = {
        "household_id": np.repeat(ids, size),
        "age": rng.integers(0, 91, m).astype(np.int16),
        "health_insured": _tri(rng, m, 0.9, missing),
        "in_school": _tri(rng, m, 0.6, missing),
        "education": _text(rng, EducationLevel, m, missing),
        "employment": _text(rng, Employment, m, missing),
        "dependant": _tri(rng, m, 0.3, missing),
        "malnourished": _tri(rng, m, 0.05, missing),
        "ill_without_treatment": _tri(rng, m, 0.05, missing),
        "uses_internet": _tri(rng, m, 0.7, missing),
        "uses_phone": _tri(rng, m, 0.9, missing),
    }
    return households, members


def polars_frames(households: dict[str, Any], members: dict[str, Any]) -> tuple[Any, Any]:
    """The columns as polars frames (yes/no facts as nullable booleans, kinds as text)."""
    import polars as pl

    def col(name: str, values: Any) -> Any:
        if values.dtype == np.int8:  # a yes/no fact with gaps
            return pl.Series(name, values == 1).set(pl.Series(values == -1), None)
        if values.dtype.kind == "U" and name not in ("area", "devices"):  # a kind, "" for a gap
            return pl.Series(name, values).set(pl.Series(values == ""), None)
        return pl.Series(name, values)

    return (pl.DataFrame([col(k, v) for k, v in households.items()]),
            pl.DataFrame([col(k, v) for k, v in members.items()]))


__all__ = ["ON", "Device", "columns", "polars_frames"]
