"""QĐ 318/QĐ-TTg Annex I as encoded: the whole structure (19 criteria, 57 indicators numbered as in the
law), every indicator at exactly its threshold, one step across any one threshold, missing data, strict
mode on the unverified numbers, and the income levels by region and year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.families.ntm import CriteriaMet

RS = ntp.ruleset("ntm.commune", dt.date(2024, 6, 1))
YEARS = (2022, 2023, 2024, 2025)
NUMERIC = [i for c in RS.criteria for i in c.indicators if i.thresholds]


def _observations(region: str, year: int) -> dict[str, bool | int | Decimal]:
    """Every indicator exactly at its threshold (numbers) or met (yes/no ones)."""
    scope = {"region": region, "year": year}
    out: dict[str, bool | int | Decimal] = {}
    for c in RS.criteria:
        for i in c.indicators:
            t = i.threshold_for(scope) if i.thresholds else None
            out[i.code] = True if t is None else t.value
    return out


def _commune(region: str, year: int, obs: dict[str, bool | int | Decimal], **kw: object) -> ntp.Commune:
    on = dt.date(year, 6, 1) if year < 2026 else dt.date(2026, 1, 20)
    return ntp.Commune(name="X", reference_date=on, region=ntp.Region(region), observations=obs, **kw)  # type: ignore[arg-type]


def test_the_structure_follows_the_law() -> None:
    assert [c.code for c in RS.criteria] == [str(k) for k in range(1, 20)]
    assert sum(len(c.indicators) for c in RS.criteria) == 57  # "57 chỉ tiêu" (Central NTM Office, secondary)
    for c in RS.criteria:  # indicators numbered c.1, c.2 … within their criterion
        assert [i.code for i in c.indicators] == [f"{c.code}.{k}" for k in range(1, len(c.indicators) + 1)]
        assert all(i.definition is not None for i in c.indicators), c.code


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("region", [r.value for r in ntp.Region])
def test_every_indicator_exactly_at_its_threshold_meets_the_standard(region: str, year: int) -> None:
    a = ntp.assess(_commune(region, year, _observations(region, year)), RS)
    assert a.outcome is CriteriaMet.MET
    assert all(c.status is ntp.ResultStatus.MET for c in a.criteria)


@given(st.sampled_from(NUMERIC), st.sampled_from([r.value for r in ntp.Region]), st.sampled_from(YEARS))
def test_one_step_across_any_threshold_fails_that_criterion_only(ind: ntp.Indicator, region: str, year: int) -> None:
    obs = _observations(region, year)
    t = ind.threshold_for({"region": region, "year": year})
    assert t is not None
    step = Decimal("0.01")
    obs[ind.code] = t.value - step if t.op.value == ">=" else t.value + step
    a = ntp.assess(_commune(region, year, obs), RS)
    assert a.outcome is CriteriaMet.NOT_MET
    failed = [c.code for c in a.criteria if c.status is not ntp.ResultStatus.MET]
    assert failed == [ind.code.split(".")[0]]
    assert a.result(ind.code).shortfall == step


@given(st.sampled_from([i.code for c in RS.criteria for i in c.indicators]))
def test_any_indicator_missing_is_missing_not_failing(code: str) -> None:
    obs = _observations("btb", 2023)
    del obs[code]
    a = ntp.assess(_commune("btb", 2023, obs), RS)
    assert a.result(code).status is ntp.ResultStatus.MISSING
    assert a.outcome is None and set(a.candidates) == {CriteriaMet.MET, CriteriaMet.NOT_MET}


def test_income_levels_by_region_and_year_and_the_2026_weeks() -> None:
    income = RS.indicator("10.1")
    for region in ntp.Region:
        levels = [income.threshold_for({"region": region.value, "year": y}).value for y in (*YEARS, 2026)]  # type: ignore[union-attr]
        assert levels == sorted(levels) and levels[-1] == levels[-2]  # rising; 2026 keeps the 2025 level
    obs = _observations("dnb", 2025)
    a = ntp.assess(_commune("dnb", 2026, obs), RS)
    assert a.outcome is CriteriaMet.MET
    assert a.result("10.1").threshold == income.threshold_for({"region": "dnb", "year": 2026})


def test_income_is_read_from_the_fact_and_the_difficult_commune_exception_applies() -> None:
    obs = _observations("tdmnpb", 2025)
    income = obs.pop("10.1")
    facts = {"income_per_capita_million_vnd": income}
    plain = ntp.assess(_commune("dbscl", 2025, {**_observations("dbscl", 2025), "10.1": income}), RS)
    assert plain.result("10.1").status is ntp.ResultStatus.NOT_MET  # below the ĐBSCL level
    difficult = ntp.assess(_commune("dbscl", 2025, {**obs, "15.3": _observations("tdmnpb", 2025)["15.3"]},
                                    facts=facts, flags={"particularly_difficult"}), RS)
    assert difficult.result("10.1").basis == "facts"
    assert difficult.outcome is CriteriaMet.MET  # every level read from the TDMNPB column (QĐ 318 Điều 1)


def test_strict_mode_refuses_the_unverified_numbers_and_the_assessment_says_which() -> None:
    obs = _observations("dbsh", 2024)
    loose = ntp.assess(_commune("dbsh", 2024, obs), RS)
    assert loose.outcome is CriteriaMet.MET
    assert any(n.path.startswith("10.1[") for n in loose.unverified)
    strict = ntp.assess(_commune("dbsh", 2024, obs), RS, strict=True)
    assert strict.outcome is None
    assert strict.result("10.1").status is ntp.ResultStatus.UNDECIDED
    assert strict.result("3.1").status is ntp.ResultStatus.MET  # a secondary number still decides
    assert strict.result("1.1").status is ntp.ResultStatus.MET  # a recorded đạt rests on no number


@given(st.sampled_from(NUMERIC), st.decimals(min_value=0, max_value=50, places=2))
def test_improving_an_observation_never_lowers_the_result(ind: ntp.Indicator, delta: Decimal) -> None:
    obs = _observations("tn", 2024)
    t = ind.threshold_for({"region": "tn", "year": 2024})
    assert t is not None
    worse, better = dict(obs), dict(obs)
    sign = 1 if t.op.value == ">=" else -1
    worse[ind.code] = t.value - sign * Decimal(3)
    better[ind.code] = t.value - sign * Decimal(3) + sign * delta
    rank = {CriteriaMet.NOT_MET: 0, None: 1, CriteriaMet.MET: 2}
    assert rank[ntp.assess(_commune("tn", 2024, better), RS).outcome] >= rank[
        ntp.assess(_commune("tn", 2024, worse), RS).outcome]
