"""The quick ways ``assess_frame`` reads polars columns give the per-record engine's answer.

Household ids numbered one by one (a member's household found by subtraction), in order with gaps (by a
search), in any order (by a sort) or as text (by a join); kinds coded by exact comparison; whole-number columns
without gaps read without a mask; the added text columns gathered from their labels. Each case is checked
against ``method="per-record"``, and a value the quick reading cannot vouch for (an unknown kind, a member of no
household, an id given twice) still sends the frame to the engine.
"""

from __future__ import annotations

import random
import warnings

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.io.frames import PerRecordFallback, assess_frame
from ntp_criteria.testing import strategies as nst

from .test_frames_columnar import ADDED, ON, _polars, _whole_area, frames_of

NUMBERINGS = ("one_by_one", "in_order", "any_order", "text")


def _numbered(df: pl.DataFrame, members: pl.DataFrame, numbering: str, seed: int
              ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The frames with household ids numbered as ``numbering`` says (members follow their household)."""
    n = len(df)
    rnd = random.Random(seed)
    if numbering == "one_by_one":
        ids = [1000 + i for i in range(n)]
    elif numbering == "in_order":
        ids = sorted(rnd.sample(range(10 * n + 10), n))
    elif numbering == "any_order":
        ids = rnd.sample(range(10 * n + 10), n)
    else:
        return df, members
    by_text = dict(zip(df["id"].to_list(), ids, strict=True))
    return (df.with_columns(pl.Series("id", ids, dtype=pl.Int64)),
            members.with_columns(pl.Series("household_id", [by_text[k] for k in members["household_id"]],
                                           dtype=pl.Int64)))


def _both(df: pl.DataFrame, members: pl.DataFrame) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PerRecordFallback)
        quick = assess_frame(df, members=members)
    slow = assess_frame(df, members=members, method="per-record")
    assert quick.drop(ADDED).equals(df)  # the frame's own columns come back as they were
    return quick.select(ADDED).to_dicts(), slow.select(ADDED).to_dicts()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(ON).flatmap(lambda on: nst.households(on=st.just(on), max_members=4)),
                min_size=1, max_size=15), st.sampled_from(NUMBERINGS), st.integers(0, 10**6))
def test_every_numbering_of_ids_gives_the_engines_columns(households: list[ntp.Household], numbering: str,
                                                          seed: int) -> None:
    df, members = _numbered(*_polars(*frames_of([_whole_area(h) for h in households])), numbering, seed)
    quick, slow = _both(df, members)
    assert quick == slow


def _households() -> list[ntp.Household]:
    on = ON[2]
    return [ntp.Household(area=area, reference_date=on, monthly_income_per_capita=income,
                          members=(ntp.Member(age=40, employment="unemployed", education="primary"),
                                   ntp.Member(age=12, in_school=True)),
                          dwelling=ntp.Dwelling(floor_area_m2=30, water_source="piped"), devices=frozenset())
            for area, income in (("rural", 900_000), ("urban", 3_000_000), ("rural", 1_400_000))]


def _sample() -> tuple[pl.DataFrame, pl.DataFrame]:
    return _numbered(*_polars(*frames_of(_households())), "one_by_one", 0)


def test_numbered_one_by_one_takes_the_columnar_path() -> None:
    households = _households()
    df, members = _numbered(*_polars(*frames_of(households)), "one_by_one", 0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PerRecordFallback)
        out = assess_frame(df, members=members, method="columnar")
    assert out.select(ADDED).to_dicts() == assess_frame(df, members=members, method="per-record").select(
        ADDED).to_dicts()
    assert out.schema["outcome"] == out.schema["candidates"] == pl.String
    assert out["candidates"].to_list() == [";".join(c.value for c in ntp.assess(h).candidates) for h in households]


@pytest.mark.parametrize(("change", "why"), [
    (lambda df, ms: (df, ms.with_columns(pl.Series("education", ["primary ", None, "primary", None, "primary",
                                                                 None]))), "not a known kind"),
    (lambda df, ms: (df, ms.with_columns(pl.Series("household_id", [1000, 1000, 1001, 1001, 1002, 1003],
                                                   dtype=pl.Int64))), "names no household"),
    (lambda df, ms: (df.with_columns(pl.Series("id", [1000, 1001, 1001], dtype=pl.Int64)), ms), "once"),
])
def test_what_the_quick_reading_cannot_vouch_for_goes_to_the_engine(change: object, why: str) -> None:
    df, members = change(*_sample())  # type: ignore[operator]
    with pytest.warns(PerRecordFallback, match=why):
        try:
            quick = assess_frame(df, members=members).select(ADDED).to_dicts()
        except ntp.InputError as exc:
            with pytest.raises(ntp.InputError) as engine:
                assess_frame(df, members=members, method="per-record")
            assert str(engine.value) == str(exc)
            return
    assert quick == assess_frame(df, members=members, method="per-record").select(ADDED).to_dicts()
