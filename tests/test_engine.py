"""Engine semantics: the five result statuses, intervals, recorded values, strict mode, dependencies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from ntp_criteria.core.results import not_attested
from ntp_criteria.engine import NotApplicable, measure
from tests.fixtures import GOOD

ON = dt.date(2024, 6, 1)
M = ntp.Member


def _assess(**kw: object) -> ntp.Assessment:
    return ntp.assess(ntp.Household(area=ntp.Area.RURAL, reference_date=ON, **kw))  # type: ignore[arg-type]


def test_missing_is_not_failing() -> None:
    a = _assess(monthly_income_per_capita=1_000_000)
    r = a.result("health_insurance")
    assert r.status is ntp.ResultStatus.MISSING and r.reason == "members not recorded"
    assert a.criterion("deprivation").status is ntp.ResultStatus.MISSING
    assert a.outcome is None
    assert set(a.candidates) == {ntp.HouseholdClass.POOR, ntp.HouseholdClass.NEAR_POOR}


def test_known_facts_decide_despite_missing_ones() -> None:
    a = _assess(monthly_income_per_capita=1_000_000, deprived={"water", "latrine", "telecom"})
    assert a.outcome is ntp.HouseholdClass.POOR
    assert a.because >= {"income.line", "deprivation", "water", "latrine", "telecom"}
    assert "employment" not in a.because


def test_an_interval_decides_when_it_lies_on_one_side() -> None:
    # 3 of 4 members known dependants: 75 % already > 50 %, whatever the fourth is
    members = [M(age=5, dependant=True), M(age=80, dependant=True), M(age=70, dependant=True), M(age=30)]
    r = _assess(members=members).result("dependants")
    assert r.status is ntp.ResultStatus.MET
    assert isinstance(r.observed, ntp.Observed) and (r.observed.low, r.observed.high) == (75, 100)
    # 1 known of 4, 2 unknown: 25 %..75 % straddles 50 %: missing, not a guess
    members = [M(age=5, dependant=True), M(age=30, dependant=False), M(age=31), M(age=32)]
    r = _assess(members=members).result("dependants")
    assert r.status is ntp.ResultStatus.MISSING and "25" in (r.reason or "")


def test_exactly_half_dependants_is_not_more_than_half() -> None:
    r = _assess(members=[M(age=5, dependant=True), M(age=30, dependant=False)]).result("dependants")
    assert r.status is ntp.ResultStatus.NOT_MET
    assert r.observed == ntp.Observed(Decimal(50), Decimal(50), "%")


def test_floor_area_boundary_is_exact() -> None:
    four = [M(age=30 + i) for i in range(4)]
    at = _assess(members=four, dwelling=ntp.Dwelling(floor_area_m2=32)).result("floor_area")
    under = _assess(members=four, dwelling=ntp.Dwelling(floor_area_m2=Decimal("31.99"))).result("floor_area")
    assert at.status is ntp.ResultStatus.NOT_MET  # 8 m² per person is not "nhỏ hơn 8 m²"
    assert under.status is ntp.ResultStatus.MET
    assert under.observed == ntp.Observed.exactly(Decimal("7.9975"), "m²/person")


def test_a_flag_that_contradicts_the_facts_is_an_input_error() -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.recorded\['water'\]"):
        _assess(dwelling=ntp.Dwelling(water_source=ntp.WaterSource.PIPED), deprived={"water"})


def test_a_recorded_count_that_contradicts_the_indicators_is_an_input_error() -> None:
    with pytest.raises(ntp.InputError, match="recorded count 1 disagrees"):
        _assess(deprived={"water", "latrine"}, deprivation_count=1)
    # consistent: 2 known deprived, 10 unknown, total recorded as 4
    a = _assess(monthly_income_per_capita=1, deprived={"water", "latrine"}, deprivation_count=4)
    assert a.outcome is ntp.HouseholdClass.POOR and a.criterion("deprivation").basis == "recorded"


def test_strict_levels() -> None:
    urban = ntp.Household(area=ntp.Area.URBAN, reference_date=ON, monthly_income_per_capita=1_000_000,
                          deprivation_count=5)
    assert ntp.assess(urban, strict=True).outcome is ntp.HouseholdClass.POOR  # urban line is secondary
    demanding = ntp.assess(urban, strict=ntp.Status.VERIFIED)
    assert demanding.outcome is None
    assert demanding.result("income.line").status is ntp.ResultStatus.UNDECIDED
    assert "secondary" in (demanding.result("income.line").reason or "")


def test_unverified_lists_only_what_the_outcome_rests_on() -> None:
    rich = _assess(monthly_income_per_capita=5_000_000, members=[M(age=40, health_insured=False)],
                   dwelling=ntp.Dwelling(floor_area_m2=5))
    assert rich.outcome is ntp.HouseholdClass.OTHER
    assert rich.because == frozenset({"income.line", "income.middle_ceiling"})
    assert rich.unverified == ()
    poor = _assess(monthly_income_per_capita=1, members=[M(age=40, health_insured=False)],
                   dwelling=ntp.Dwelling(floor_area_m2=5, water_source=ntp.WaterSource.SURFACE))
    assert poor.outcome is ntp.HouseholdClass.POOR
    # the deprivation conditions are secondary (TT 07/2021's forms restate them): attested well enough by
    # default, and listed when verified law is demanded
    assert poor.unverified == ()
    household = ntp.Household(area=ntp.Area.RURAL, reference_date=ON, monthly_income_per_capita=1,
                              members=(M(age=40, health_insured=False),),
                              dwelling=ntp.Dwelling(floor_area_m2=5, water_source=ntp.WaterSource.SURFACE))
    demanding = ntp.assess(household, strict=ntp.Status.VERIFIED)
    paths = {n.path for n in not_attested(poor.relies_on(), ntp.Status.VERIFIED)}
    assert "floor_area[all]" in paths and "health_insurance.definition" in paths
    assert demanding.outcome is None


def test_the_assessment_records_value_threshold_shortfall_and_citation() -> None:
    r = _assess(monthly_income_per_capita=1_600_000).result("income.line")
    assert r.status is ntp.ResultStatus.NOT_MET
    assert r.observed == ntp.Observed.exactly(1_600_000, "VND/person/month")
    assert r.threshold is not None and r.threshold.value == 1_500_000
    assert r.shortfall == 100_000
    assert r.citation is not None and "Điều 3.1.a" in r.citation
    assert r.provenance is not None and r.provenance.status is ntp.Status.VERIFIED


@measure("test.never_applies")
def _never(subject: object, ind: object) -> NotApplicable:
    return NotApplicable("not for this subject")


def test_not_applicable_is_its_own_status_and_is_left_out_of_the_rollup() -> None:
    text = GOOD.replace('measure = "household.unclean_water"', 'measure = "test.never_applies"')
    (rs,) = load_catalogue({"na.toml": text}).rulesets
    a = ntp.assess(ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1),
                                 monthly_income_per_capita=1), rs)
    assert a.result("water").status is ntp.ResultStatus.NOT_APPLICABLE
    assert a.criterion("deprivation").status is ntp.ResultStatus.NOT_MET  # 0 of 0 applicable ≥ 1 fails
    assert a.outcome is ntp.HouseholdClass.NEAR_POOR


def test_a_ruleset_for_another_subject_is_refused() -> None:
    text = GOOD.replace('subject = "household"', 'subject = "commune"')
    (rs,) = load_catalogue({"commune.toml": text}).rulesets
    with pytest.raises(ntp.InputError, match="assesses a commune, not a household"):
        ntp.assess(ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1)), rs)


def test_a_recorded_count_is_checked_against_the_unknown_indicators_only() -> None:
    # 2 known deprived, 10 unknown: any count from 2 to 12 is consistent; 13 is not
    with pytest.raises(ntp.InputError, match="recorded count 13 disagrees with the indicators: 2 met, 10 unknown"):
        _assess(deprived={"water", "latrine"}, deprivation_count=13)
