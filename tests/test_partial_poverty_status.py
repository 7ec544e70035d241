"""A household's poverty status is decided wherever the known rules decide it, never guessed (issue 18).

Under NĐ 351/2025 (2027-2030) the middle-living band is not in the data: above the income line the class
(middle income, or above it) is open, yet the household is certainly neither poor nor near-poor.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.families.poverty import PossibleClasses, PovertyStatus, classify, poverty_status
from ntp_criteria.families.poverty.rules import HouseholdClass, poverty_status_of
from ntp_criteria.testing import strategies as nst

ON_2027 = dt.date(2027, 5, 1)
H = HouseholdClass


def _line(on: dt.date, area: str = "rural") -> Decimal:
    t = ntp.ruleset("poverty.household", on).indicator("income.line").threshold_for({"area": area})
    assert t is not None
    return t.value


def test_above_the_2027_line_the_class_is_open_but_the_status_is_neither() -> None:
    income = int(_line(ON_2027)) + 1
    with pytest.raises(ntp.UndecidedError):  # the full class is still never guessed
        classify(area="rural", monthly_income_per_capita=income, deprivations=0, on=ON_2027)
    got = classify(area="rural", monthly_income_per_capita=income, deprivations=0, on=ON_2027, partial=True)
    assert got == PossibleClasses(frozenset({H.MIDDLE_INCOME, H.OTHER}), PovertyStatus.NEITHER, "351/2025/NĐ-CP",
                                  got.reasons)
    assert got.household_class is None and "middle-living-standard band is not in the rules data" in got.reasons[0]


@pytest.mark.parametrize(("deprivations", "status"), [(3, PovertyStatus.POOR), (0, PovertyStatus.NEAR_POOR)])
def test_at_the_line_partial_gives_the_decided_class(deprivations: int, status: PovertyStatus) -> None:
    income = int(_line(ON_2027))
    full = classify(area="rural", monthly_income_per_capita=income, deprivations=deprivations, on=ON_2027)
    got = classify(area="rural", monthly_income_per_capita=income, deprivations=deprivations, on=ON_2027,
                   partial=True)
    assert got.status is status and got.household_class is full and got.possible == {full} and got.reasons == ()


def test_the_status_is_in_the_assessment_and_undecided_without_income() -> None:
    a = ntp.assess(ntp.Household(area="rural", reference_date=ON_2027, deprivation_count=1))
    assert a.outcome is None and a.partial_outcome is PovertyStatus.UNDECIDED and poverty_status(a) is a.partial_outcome
    rich = ntp.assess(ntp.Household(area="rural", reference_date=ON_2027, monthly_income_per_capita=10**8,
                                    deprivation_count=6))
    assert rich.outcome is None and rich.partial_outcome is PovertyStatus.NEITHER
    assert PovertyStatus.NEITHER.label("vi") == "Không nghèo, không cận nghèo"


def test_other_families_have_no_poverty_status() -> None:
    commune = ntp.assess(ntp.Commune(name="X", reference_date=dt.date(2023, 6, 1)))
    assert commune.partial_outcome is None
    with pytest.raises(ntp.InputError, match=r"\$\.assessment: expected a poverty.household assessment"):
        poverty_status(commune)
    with pytest.raises(ntp.InputError, match=r"\$\.partial"):
        classify(area="rural", monthly_income_per_capita=1, deprivations=0, on=ON_2027, partial="yes")  # type: ignore[call-overload]


@pytest.mark.parametrize(("classes", "status"), [
    ({H.POOR}, PovertyStatus.POOR), ({H.NEAR_POOR}, PovertyStatus.NEAR_POOR),
    ({H.MIDDLE_INCOME}, PovertyStatus.NEITHER), ({H.MIDDLE_INCOME, H.OTHER}, PovertyStatus.NEITHER),
    ({H.POOR, H.NEAR_POOR}, PovertyStatus.UNDECIDED), ({H.NEAR_POOR, H.OTHER}, PovertyStatus.UNDECIDED),
    (set(), PovertyStatus.UNDECIDED),
])
def test_the_status_of_the_classes_still_possible(classes: set[HouseholdClass], status: PovertyStatus) -> None:
    assert poverty_status_of(classes) is status


def _status_of_class(c: HouseholdClass) -> PovertyStatus:
    return {H.POOR: PovertyStatus.POOR, H.NEAR_POOR: PovertyStatus.NEAR_POOR}.get(c, PovertyStatus.NEITHER)


@settings(deadline=None)
@given(nst.households() | nst.flagged_households(), st.booleans())
def test_the_status_never_contradicts_a_decided_class(hh: ntp.Household, strict: bool) -> None:
    a = ntp.assess(hh, strict=strict)
    status = a.partial_outcome
    assert isinstance(status, PovertyStatus)
    if a.outcome is not None:
        assert isinstance(a.outcome, HouseholdClass) and status is _status_of_class(a.outcome)
    elif status is not PovertyStatus.UNDECIDED:  # decided while the class is open: every class left agrees
        assert {_status_of_class(c) for c in a.candidates if isinstance(c, HouseholdClass)} == {status}


@settings(deadline=None)
@given(nst.dates_in_force(), st.sampled_from(["rural", "urban"]), nst.incomes(), st.integers(0, 10),
       st.sampled_from(["income", "count", "nothing"]))
def test_a_status_decided_on_fewer_facts_holds_when_they_are_all_known(
        on: dt.date, area: str, income: int, count: int, drop: str) -> None:
    """Knowing less never decides more: a status decided without the income (or the count) is the status of the
    household with both, under every standard, including where the class stays open."""
    rs = ntp.ruleset("poverty.household", on)
    count = min(count, len(rs.criterion("deprivation").indicators))
    full = ntp.assess(ntp.Household(area=area, reference_date=on, monthly_income_per_capita=income,
                                    deprivation_count=count))
    less = ntp.assess(ntp.Household(area=area, reference_date=on,
                                    monthly_income_per_capita=None if drop == "income" else income,
                                    deprivation_count=None if drop == "count" else count))
    assert full.partial_outcome is not PovertyStatus.UNDECIDED  # income and count decide poor / near-poor / neither
    if less.partial_outcome is not PovertyStatus.UNDECIDED:
        assert less.partial_outcome is full.partial_outcome


def test_the_explanation_leads_with_the_decided_status() -> None:
    a = ntp.assess(ntp.Household(area="rural", reference_date=ON_2027, monthly_income_per_capita=10**8,
                                 deprivation_count=0))
    assert a.explain("vi").startswith("Không nghèo, không cận nghèo. Chưa xác định được (có thể là:")
    assert a.explain("en").startswith("Neither poor nor near-poor. Undecided")


def test_assess_frame_decides_the_2027_status_of_every_household_with_income_and_count() -> None:
    pl = pytest.importorskip("polars")
    from ntp_criteria.io.frames import assess_frame

    line = int(_line(ON_2027))
    incomes = [line - 1, line, line + 1, 2 * line, 10 * line, 0]
    df = pl.DataFrame({"area": ["rural"] * 6, "reference_date": [ON_2027] * 6,
                       "monthly_income_per_capita": incomes, "deprivation_count": [3, 0, 0, 5, 1, 2]})
    out = assess_frame(df)
    assert out["outcome"].null_count() == 3  # the class above the line is open …
    assert out["poverty_status"].to_list() == ["poor", "near_poor"] + ["neither_poor_nor_near_poor"] * 3 + [
        "near_poor"]  # … its status is not


def test_rates_are_exact_when_the_open_households_are_neither() -> None:
    line = int(_line(ON_2027))
    above = ntp.Household(area="rural", reference_date=ON_2027, monthly_income_per_capita=line + 1,
                          deprivation_count=0)
    poor = ntp.Household(area="rural", reference_date=ON_2027, monthly_income_per_capita=line, deprivation_count=4)
    rates = ntp.poverty_rates([above, above, poor, above])
    assert rates.undecided == 3 and rates.exact and rates.multidimensional_pct == 25
    commune = ntp.ntm.with_poverty_rate(ntp.Commune(name="X", reference_date=ON_2027), [above, poor])
    assert commune.fact("multidimensional_poverty_rate") == 50
    unknown = ntp.Household(area="rural", reference_date=ON_2027, deprivation_count=0)
    assert not ntp.poverty_rates([above, unknown]).exact
    with pytest.raises(ntp.InputError, match="of 2 households, 0 could still be poor and 1 near-poor"):
        ntp.ntm.with_poverty_rate(ntp.Commune(name="X", reference_date=ON_2027), [above, unknown])
