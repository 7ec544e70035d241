"""The columnar assessment from raw facts agrees with the per-record engine (the reference), household by
household: every indicator's status, the class, the classes still possible and the unverified numbers, under
every poverty ruleset in force 2016-2030, with missing facts, boundary values and strict mode."""

from __future__ import annotations

import datetime as dt
from typing import Any

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.core.model import Status
from ntp_criteria.core.results import ResultStatus
from ntp_criteria.families.poverty.columnar_facts import (
    MET,
    MISSING,
    NOT_MET,
    UNDECIDED,
    assess_columns,
    class_names,
    columnar_support,
    columns_of,
)
from ntp_criteria.testing import strategies as nst

STATUS = {ResultStatus.MET: MET, ResultStatus.NOT_MET: NOT_MET, ResultStatus.MISSING: MISSING,
          ResultStatus.UNDECIDED: UNDECIDED}
# one date in each period a poverty ruleset is in force, 2016-2030 (the strategy draws any day too)
PERIODS = [dt.date(2016, 3, 1), dt.date(2021, 6, 1), dt.date(2022, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 6, 1),
           dt.date(2027, 6, 1), dt.date(2030, 12, 31)]


def _members_at_boundaries() -> st.SearchStrategy[ntp.Member]:
    """Members whose ages sit on the rules' age limits (3, 5, 6, 14-18, 29-31) more often than by chance."""
    ages = st.sampled_from([2, 3, 4, 5, 6, 14, 15, 16, 17, 18, 29, 30, 31]) | st.integers(0, 100)
    return nst.members().flatmap(lambda m: ages.map(lambda a: ntp.Member(**{**_fields(m), "age": a})))


def _fields(m: ntp.Member) -> dict[str, Any]:
    return {f: getattr(m, f) for f in ("age", "health_insured", "in_school", "education", "employment", "dependant",
                                       "malnourished", "ill_without_treatment", "uses_internet", "uses_phone")}


@st.composite
def _households(draw: st.DrawFn, on: dt.date) -> ntp.Household:
    hh = draw(nst.households(on=st.just(on)))
    if draw(st.booleans()):
        members = tuple(draw(st.lists(_members_at_boundaries(), max_size=6)))
        # a floor area at 8 m² per member, or a little either side
        area = draw(st.sampled_from([8 * len(members) - 1, 8 * len(members), 8 * len(members) + 1, None]))
        dwelling = ntp.Dwelling(**{**{f: getattr(hh.dwelling, f) for f in (
            "durable_walls", "durable_frame", "durable_roof", "water_source", "latrine", "waste")},
            "floor_area_m2": max(area, 0) if area is not None else None})
        hh = ntp.Household(area=hh.area, reference_date=on, monthly_income_per_capita=hh.monthly_income_per_capita,
                           members=members, dwelling=dwelling, devices=hh.devices,
                           hears_loudspeaker=hh.hears_loudspeaker)
    return hh


def _check(households: list[ntp.Household], strict: bool | Status) -> None:
    rs = ntp.ruleset("poverty.household", on=households[0].reference_date)
    assert columnar_support(rs) is None
    require = None if strict is False else Status.SECONDARY if strict is True else strict
    hh, members = columns_of(households)
    got = assess_columns(rs, hh, members, strict=require)
    unverified = got.unverified_paths()
    names = class_names()
    for i, household in enumerate(households):
        a = ntp.assess(household, strict=strict)
        for r in a.indicators:
            assert got.statuses[r.code][i] == STATUS[r.status], (r.code, r, household)
        want = None if a.outcome is None else a.outcome.value
        assert (None if got.outcome[i] < 0 else names[got.outcome[i]]) == want, (a, household)
        assert [names[k] for k in range(4) if got.candidates[i] >> k & 1] == [c.value for c in a.candidates]
        assert unverified[i] == ";".join(n.path for n in a.unverified), (a.relies_on(), household)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PERIODS).flatmap(lambda on: st.lists(_households(on), min_size=1, max_size=30)),
       st.sampled_from([False, True, Status.VERIFIED]))
def test_the_columnar_assessment_agrees_with_the_engine(households: list[ntp.Household],
                                                        strict: bool | Status) -> None:
    _check(households, strict)


@settings(max_examples=40, deadline=None)
@given(nst.dates_in_force().flatmap(lambda on: st.lists(_households(on), min_size=1, max_size=10)))
def test_on_any_day_in_force(households: list[ntp.Household]) -> None:
    _check(households, False)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PERIODS).flatmap(lambda on: st.lists(_households(on), min_size=1, max_size=10)),
       st.data())
def test_a_recorded_count_is_checked_and_decides_as_in_the_engine(households: list[ntp.Household],
                                                                  data: st.DataObject) -> None:
    counted = [ntp.Household(**{**{f: getattr(h, f) for f in (
        "area", "reference_date", "monthly_income_per_capita", "members", "dwelling", "devices",
        "hears_loudspeaker")}, "deprivation_count": data.draw(st.integers(0, 13))}) for h in households]
    try:
        for h in counted:
            ntp.assess(h)
    except ntp.InputError:  # the engine refuses a count the facts contradict: so does the columnar path
        rs = ntp.ruleset("poverty.household", on=households[0].reference_date)
        with pytest.raises(ValueError, match="disagrees"):
            assess_columns(rs, *columns_of(counted))
        return
    _check(counted, False)


def test_every_ruleset_in_force_2016_2030_has_the_columnar_form() -> None:
    for year in range(2016, 2031):
        assert columnar_support(ntp.ruleset("poverty.household", on=dt.date(year, 6, 1))) is None


def test_a_ruleset_the_columnar_form_cannot_read_is_named() -> None:
    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 6, 1))
    what_if = rs.with_threshold("income.line", 1_500_000, scope={"area": "rural"})
    assert columnar_support(what_if) is None
    ntm = ntp.ruleset("ntm.commune", on=dt.date(2024, 6, 1))
    assert columnar_support(ntm) is not None


def test_no_members_leaves_member_indicators_missing() -> None:
    h = ntp.Household(area="rural", reference_date=dt.date(2024, 6, 1), monthly_income_per_capita=1_000_000)
    got = assess_columns(ntp.ruleset("poverty.household", on=h.reference_date), *columns_of([h]))
    assert got.statuses["employment"][0] == MISSING
    assert got.outcome[0] == -1 and got.candidates[0] == 0b11
    assert np.array_equal(got.statuses["income.line"], [MET])


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 40), st.sampled_from([1, 3, 4, 5, 8, 12, 16]), st.booleans(), st.integers(0, 2**32 - 1))
def test_a_matrix_of_flags_counts_as_its_columns(n: int, k: int, fortran: bool, seed: int) -> None:
    from ntp_criteria.families.poverty.columnar import count_deprivations

    matrix = np.random.default_rng(seed).random((n, k)) < 0.5
    matrix = np.asfortranarray(matrix) if fortran else np.ascontiguousarray(matrix)
    assert count_deprivations(matrix).tolist() == count_deprivations(list(matrix.T)).tolist() == \
        matrix.sum(axis=1).tolist()


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int32, np.uint32, np.int64, np.uint64])
def test_income_columns_of_any_integer_type_compare_exactly(dtype: Any) -> None:
    from ntp_criteria.families.poverty.columnar import CODES, classify_arrays

    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 6, 1))
    top = min(int(np.iinfo(dtype).max), 10**15 - 1)  # the bound every income path refuses above
    incomes = sorted({min(v, top) for v in (0, 1, 255, 1_499_999, 1_500_000, 1_500_001, 2_000_000, 2_000_001,
                                              2_250_000, 3_000_001, top)})
    income = np.array(incomes * 2, dtype=dtype)
    urban = np.array([False] * len(incomes) + [True] * len(incomes))
    count = np.full(len(income), 3, dtype=np.int8)
    got = classify_arrays(rs, urban, income, count)
    clf = ntp.poverty.classifier(rs)
    assert got.tolist() == [CODES[clf("urban" if u else "rural", int(i), 3)] for u, i in zip(urban, income,
                                                                                              strict=True)]
