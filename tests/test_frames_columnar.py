"""DataFrames of raw facts (households and members) through the columnar path: the same columns as the
per-record engine, extra columns kept, the fallback said, rates straight from the frame."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal
from typing import Any

import hypothesis.strategies as st
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.io.frames import PerRecordFallback, assess_frame, classify_frame, poverty_rates_frame
from ntp_criteria.testing import strategies as nst

ON = [dt.date(2016, 3, 1), dt.date(2021, 6, 1), dt.date(2024, 6, 1), dt.date(2026, 6, 1), dt.date(2027, 6, 1)]
ADDED = ["outcome", "decided", "poverty_status", "candidates", "instrument", "unverified"]


def frames_of(households: list[ntp.Household]) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The household and member columns of ``households`` (the shape a survey's two files have)."""
    hh: dict[str, list[Any]] = {c: [] for c in (
        "id", "area", "reference_date", "monthly_income_per_capita", "floor_area_m2", "durable_walls",
        "durable_frame", "durable_roof", "water_source", "latrine", "waste", "devices", "hears_loudspeaker")}
    ms: dict[str, list[Any]] = {c: [] for c in (
        "household_id", "age", "health_insured", "in_school", "education", "employment", "dependant",
        "malnourished", "ill_without_treatment", "uses_internet", "uses_phone")}
    for i, h in enumerate(households):
        d = h.dwelling
        row = {"id": f"h{i}", "area": h.area.value, "reference_date": h.reference_date,
               "monthly_income_per_capita": h.monthly_income_per_capita,
               "floor_area_m2": None if d.floor_area_m2 is None else int(d.floor_area_m2),
               "durable_walls": d.durable_walls, "durable_frame": d.durable_frame, "durable_roof": d.durable_roof,
               "water_source": d.water_source and d.water_source.value, "latrine": d.latrine and d.latrine.value,
               "waste": d.waste and d.waste.value,
               "devices": None if h.devices is None else ";".join(sorted(x.value for x in h.devices)),
               "hears_loudspeaker": h.hears_loudspeaker}
        for k, v in row.items():
            hh[k].append(v)
        for m in h.members:
            ms["household_id"].append(f"h{i}")
            for k in list(ms)[1:]:
                v = getattr(m, k)
                ms[k].append(v.value if hasattr(v, "value") else v)
    return hh, ms


def _whole_area(h: ntp.Household) -> ntp.Household:
    d = h.dwelling
    area = None if d.floor_area_m2 is None else int(d.floor_area_m2)
    return ntp.Household(area=h.area, reference_date=h.reference_date,
                         monthly_income_per_capita=h.monthly_income_per_capita, members=h.members,
                         dwelling=ntp.Dwelling(area, d.durable_walls, d.durable_frame, d.durable_roof, d.water_source,
                                               d.latrine, d.waste), devices=h.devices,
                         hears_loudspeaker=h.hears_loudspeaker)


def _polars(hh: dict[str, list[Any]], ms: dict[str, list[Any]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    schema = {"age": pl.Int16, "household_id": pl.String, "education": pl.String, "employment": pl.String,
              **{c: pl.Boolean for c in ("health_insured", "in_school", "dependant", "malnourished",
                                         "ill_without_treatment", "uses_internet", "uses_phone")}}
    hschema = {"monthly_income_per_capita": pl.Int64, "floor_area_m2": pl.Int64, "devices": pl.String,
               "water_source": pl.String, "latrine": pl.String, "waste": pl.String,
               **{c: pl.Boolean for c in ("durable_walls", "durable_frame", "durable_roof", "hears_loudspeaker")}}
    return pl.DataFrame(hh, schema_overrides=hschema), pl.DataFrame(ms, schema=schema)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(ON).flatmap(lambda on: nst.households(on=st.just(on), max_members=5)),
                min_size=1, max_size=20))
def test_a_frame_of_raw_facts_gets_the_engines_columns(households: list[ntp.Household]) -> None:
    households = [_whole_area(h) for h in households]
    df, members = _polars(*frames_of(households))
    with warnings.catch_warnings():
        warnings.simplefilter("error", PerRecordFallback)
        fast = assess_frame(df, members=members, method="columnar")
    slow = assess_frame(df, members=members, method="per-record")
    assert fast.select(ADDED).to_dicts() == slow.select(ADDED).to_dicts()
    assert fast["outcome"].to_list() == [None if (a := ntp.assess(h)).outcome is None else a.outcome.value
                                         for h in households]
    try:
        expected = ntp.poverty.poverty_rates(households)
    except ntp.InputError:  # standards with different deprivation sets: no common rate, on either path
        with pytest.raises(ntp.InputError, match="different deprivation sets"):
            poverty_rates_frame(df, members=members)
        return
    assert poverty_rates_frame(df, members=members) == expected


def test_pandas_frames_with_gaps_take_the_columnar_path_too() -> None:
    h = [ntp.Household(area="rural", reference_date=dt.date(2024, 6, 1), monthly_income_per_capita=1_000_000,
                       members=(ntp.Member(age=40, health_insured=False, employment="unemployed"),
                                ntp.Member(age=10, in_school=False)),
                       dwelling=ntp.Dwelling(floor_area_m2=12, water_source="surface"), devices=frozenset()),
         ntp.Household(area="urban", reference_date=dt.date(2024, 6, 1))]
    hh, ms = frames_of(h)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PerRecordFallback)
        out = assess_frame(pd.DataFrame(hh), members=pd.DataFrame(ms))
    assert out["outcome"][0] == "poor" and pd.isna(out["outcome"][1])
    assert list(out["poverty_status"]) == ["poor", "undecided"]
    assert isinstance(out, pd.DataFrame)
    assert out.equals(assess_frame(pd.DataFrame(hh), members=pd.DataFrame(ms), method="per-record"))


def test_extra_columns_pass_through_and_typos_are_named() -> None:
    df = pl.DataFrame({"area": ["rural", "urban"], "reference_date": ["15/11/2024", "2024-11-15"],
                       "monthly_income_per_capita": [1_000_000, 5_000_000], "deprivation_count": [4, 0],
                       "province": ["Hà Giang", "Hà Nội"], "weight": [120, 80]})
    out = assess_frame(df)
    assert out.columns == [*df.columns, *ADDED]
    assert out["province"].to_list() == ["Hà Giang", "Hà Nội"]
    assert out["outcome"].to_list() == ["poor", "other"]
    assert classify_frame(df)["outcome"].to_list() == ["poor", "other"]  # the same date rule
    with pytest.raises(ntp.InputError, match=r"\$\.columns\.deprivaton_count: .*did you mean 'deprivation_count'"):
        assess_frame(df.rename({"deprivation_count": "deprivaton_count"}))
    for bad in (["31/02/2024", "2024-11-15"], ["11/15/2024", "2024-11-15"]):
        with pytest.raises(ntp.InputError, match=r"\$\[0\]\.reference_date"):
            assess_frame(df.with_columns(pl.Series("reference_date", bad)))
        with pytest.raises(ntp.InputError, match=r"\$\[0\]\.reference_date"):
            classify_frame(df.with_columns(pl.Series("reference_date", bad)))


def test_weighted_rates_straight_from_the_frame() -> None:
    df = pl.DataFrame({"area": ["rural", "urban", "rural"], "reference_date": [dt.date(2024, 6, 1)] * 3,
                       "monthly_income_per_capita": [1_000_000, 1_900_000, 9_000_000],
                       "deprivation_count": [4, 1, 0], "weight": [3, 5, 7]})
    got = poverty_rates_frame(df, weight="weight")
    hh = [ntp.Household(area=a, reference_date=dt.date(2024, 6, 1), monthly_income_per_capita=i, deprivation_count=c)
          for a, i, c in zip(df["area"], df["monthly_income_per_capita"], df["deprivation_count"], strict=True)]
    assert got == ntp.poverty.poverty_rates(hh, [3, 5, 7])
    assert got.poor == 3 and got.near_poor == 5 and got.households == 15
    decimals = df.with_columns(pl.Series("weight", [Decimal("1.5"), Decimal("2.25"), Decimal(1)], dtype=pl.Object))
    assert poverty_rates_frame(decimals.to_pandas(), weight="weight").poor == Decimal("1.5")
    with pytest.raises(ntp.InputError, match="never floats"):
        poverty_rates_frame(df.with_columns(pl.col("weight").cast(pl.Float64)), weight="weight")


def test_the_fallback_is_said_and_gives_the_same_answer() -> None:
    df = pl.DataFrame({"area": ["rural"], "reference_date": [dt.date(2024, 6, 1)],
                       "monthly_income_per_capita": [1_000_000], "deprived": ["water;latrine;telecom"]})
    with pytest.warns(PerRecordFallback, match="surveyor flags"):
        out = assess_frame(df)
    assert out["outcome"].to_list() == ["poor"]
    with pytest.raises(ntp.InputError, match="no columnar path"):
        assess_frame(df, method="columnar")


def test_bad_member_rows_are_reported_by_the_engine_with_their_path() -> None:
    df = pl.DataFrame({"id": ["a"], "area": ["rural"], "reference_date": [dt.date(2024, 6, 1)]})
    members = pl.DataFrame({"household_id": ["a", "b"], "age": [30, 200]})
    with pytest.warns(PerRecordFallback), pytest.raises(ntp.InputError, match=r"members\[1\]\.household_id"):
        assess_frame(df, members=members)
    with pytest.warns(PerRecordFallback), pytest.raises(ntp.InputError, match=r"\$\[0\]\.members\[0\]\.age"):
        assess_frame(df, members=pl.DataFrame({"household_id": ["a"], "age": [200]}))


def test_an_empty_frame_gets_empty_text_columns_and_no_rates() -> None:
    df = pl.DataFrame({"area": pl.Series([], dtype=pl.String), "reference_date": pl.Series([], dtype=pl.Date)})
    out = assess_frame(df)
    assert out.height == 0 and all(out.schema[c] == (pl.Boolean if c == "decided" else pl.String) for c in ADDED)
    assert poverty_rates_frame(df) == ntp.poverty.poverty_rates([])
