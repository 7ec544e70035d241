"""DataFrames: pandas and polars through the same code path, the full engine and the fast path agree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import hypothesis.strategies as st
import pandas as pd
import polars as pl
import pytest
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.io.frames import assess_frame, classify_frame
from ntp_criteria.testing import strategies as nst

BACKENDS = [pytest.param(pd.DataFrame, id="pandas"), pytest.param(pl.DataFrame, id="polars")]
ROWS = {"id": ["a", "b", "c"], "area": ["rural", "urban", "rural"],
        "reference_date": [dt.date(2024, 1, 1), dt.date(2024, 1, 1), dt.date(2027, 3, 1)],
        "monthly_income_per_capita": [1_500_000, 2_500_000, 2_200_000], "deprivation_count": [3, 0, 1]}


def _col(df: Any, name: str) -> list[Any]:
    return list(df[name])


@pytest.mark.parametrize("make", BACKENDS)
def test_assess_frame_adds_columns_and_keeps_the_library(make: Any) -> None:
    out = assess_frame(make(ROWS))
    assert type(out) is type(make(ROWS))
    assert _col(out, "outcome") == ["poor", "middle_income", "near_poor"]
    assert _col(out, "instrument") == ["07/2021/NĐ-CP", "07/2021/NĐ-CP", "351/2025/NĐ-CP"]
    assert _col(out, "decided") == [True, True, True]
    assert _col(classify_frame(make(ROWS)), "outcome") == ["poor", "middle_income", "near_poor"]


@pytest.mark.parametrize("make", BACKENDS)
def test_gaps_are_missing_and_fractions_of_a_dong_are_refused(make: Any) -> None:
    rows = {**ROWS, "monthly_income_per_capita": [1_500_000, None, 2_200_000]}
    out = assess_frame(make(rows))
    assert not _col(out, "decided")[1]
    with pytest.raises(ntp.InputError, match="every value"):
        classify_frame(make(rows))
    with pytest.raises(ntp.InputError, match=r"\$\[2\]\.monthly_income_per_capita"):
        assess_frame(make({**ROWS, "monthly_income_per_capita": [1.0, 2.0, 2_200_000.5]}))
    with pytest.raises(ntp.InputError, match=r"\$\.columns\.monthy_income_per_capita: .*did you mean"):
        assess_frame(make({**ROWS, "monthy_income_per_capita": [1, 2, 3]}))


@given(st.lists(st.tuples(st.sampled_from(["rural", "urban"]), nst.incomes(), st.integers(0, 10),
                          nst.dates_in_force()), min_size=1, max_size=25))
def test_the_fast_path_agrees_with_the_engine(rows: list[tuple[str, int, int, dt.date]]) -> None:
    df = pl.DataFrame({"area": [r[0] for r in rows], "monthly_income_per_capita": [r[1] for r in rows],
                       "deprivation_count": [r[2] for r in rows], "reference_date": [r[3] for r in rows]})
    assert _col(classify_frame(df), "outcome") == _col(assess_frame(df), "outcome")


@pytest.mark.parametrize("column", ["area", "monthly_income_per_capita", "deprivation_count", "reference_date"])
def test_classify_frame_refuses_a_decimal_nan_with_its_column_not_pandas_error(column: str) -> None:
    from decimal import Decimal

    data: dict[str, list[Any]] = {"area": ["rural"], "monthly_income_per_capita": [1], "deprivation_count": [1],
                                  "reference_date": ["2024-06-01"]}
    data[column] = [Decimal("sNaN")]
    with pytest.raises(ntp.InputError) as refused:
        classify_frame(pd.DataFrame(data))
    assert [p.path for p in refused.value.problems] == [f"$.{column}"]
