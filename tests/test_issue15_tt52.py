"""Thông tư 52/2026/TT-BTC (issue #15): QĐ 51/2025/QĐ-TTg's commune indicators 3.1, 3.6, 3.9 and 3.10 and the
province's condition 10, computed from facts from the circular's effective date, `verified` for its rules; and
the decision's number, date and title checked against the circular. Golden cases: tests/golden/ntm/tt-52-2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.families.ntm import CriteriaMet

BEFORE, FROM = dt.date(2026, 6, 26), dt.date(2026, 6, 27)
ON = dt.date(2026, 9, 1)
GAZETTE = "https://congbao.chinhphu.vn/van-ban/thong-tu-so-52-2026-tt-btc-469527.htm"
ADDED = ["3.1", "3.6.a", "3.6.b", "3.6.c", "3.6.d.scale", "3.6.d.growth", "3.9.a", "3.9.b", "3.9.c", "3.10.a",
         "3.10.b", "3.10.c", "3.other"]
OTHERS_MET = {**{str(k): True for k in (1, 2, 4, 5, 6, 7, 8, 9, 10)}, "3.other": True}
GOOD = {"income_per_capita_million_vnd": Decimal("54.75"), "income_per_capita_million_vnd_previous_year": 50,
        "cooperative_lawful": True, "cooperative_profit_2_years_before": 120_000_000,
        "cooperative_profit_1_year_before": 150_000_000, "cooperative_member_services": 2,
        "cooperative_members_meet_provincial_scale": True, "cooperative_members_3_years_before": 100,
        "cooperative_members_2_years_before": 110, "cooperative_members_1_year_before": 125,
        "business_support_activities": True, "new_business_growth_pct": 12, "insured_workers_growth_pct": 6,
        "industrial_zone_planned": True, "industrial_zone_established": True, "industrial_zone_land_handed_over": True}


def commune(facts: dict[str, object], observations: dict[str, object] | None = None, on: dt.date = ON) -> ntp.Commune:
    return ntp.Commune(name="X", reference_date=on, facts=facts,  # type: ignore[arg-type]
                       observations=OTHERS_MET if observations is None else observations)  # type: ignore[arg-type]


def test_the_decision_s_number_date_and_title_agree_with_the_circular() -> None:
    qd = ntp.instrument("51/2025/QĐ-TTg")
    assert qd.signed == dt.date(2025, 12, 29)
    assert qd.title_vi.endswith("Bộ tiêu chí quốc gia về nông thôn mới giai đoạn 2026 - 2030")
    tt = ntp.instrument("tt-52-2026")
    assert (tt.number, tt.signed, tt.effective) == ("52/2026/TT-BTC", dt.date(2026, 5, 14), FROM)
    assert tt.provenance.status is ntp.Status.VERIFIED and tt.url == GAZETTE


def test_the_circular_s_contents_join_criterion_3_on_its_own_effective_date() -> None:
    before, after = ntp.ruleset("ntm.commune", BEFORE), ntp.ruleset("ntm.commune", FROM)
    assert before.valid_to == BEFORE and after.valid_from == FROM and after.valid_to == dt.date(2030, 12, 31)
    assert before.criterion("3").indicators == ()
    assert [i.code for i in after.criterion("3").indicators] == ADDED
    assert [i.code for c in after.criteria if c.code != "3" for i in c.indicators] == []  # the rest stays recorded
    assert [i.number for i in after.amended_by] == ["52/2026/TT-BTC"]
    province = ntp.ruleset("ntm.province", FROM)
    assert [c.code for c in province.criteria] == ["communes", "other", "10"]
    assert [c.code for c in ntp.ruleset("ntm.province", BEFORE).criteria] == ["communes", "other"]


def test_every_number_of_the_circular_is_verified_and_cites_its_article() -> None:
    articles = {"3.10": "Điều 7", "3.1": "Điều 4", "3.6": "Điều 5", "3.9": "Điều 6", "10.": "Điều 8"}
    rulesets = (ntp.ruleset("ntm.commune", FROM), ntp.ruleset("ntm.province", FROM))
    numbers = [n for rs in rulesets for n in rs.numbers() if n.provenance.cite.startswith("52/2026/TT-BTC")]
    assert len(numbers) >= 20
    for n in numbers:
        assert n.provenance.status is ntp.Status.VERIFIED and n.provenance.url == GAZETTE, n.path
        article = next((a for prefix, a in articles.items() if n.path.startswith(prefix)), "Điều 1")
        assert article in n.provenance.cite, n.path
    values = {n.path: n.value for n in numbers}
    assert values["3.1[all]"] == Decimal("9.5") and values["10.growth[all]"] == 10
    assert values["3.6.d.growth.growth_pct_per_year"] == 5 and values["3.6.d.growth.growth_members_per_year"] == 10
    assert values["3.9.b[all]"] == 10 and values["3.9.c[all]"] == 5 and values["3.6.c[all]"] == 1


# -- 3.1: the formula in one place -------------------------------------------------------------------------------

@given(st.decimals(min_value=1, max_value=10**6, places=2), st.decimals(min_value=1, max_value=10**6, places=2))
def test_income_growth_is_the_circular_s_formula_compared_exactly(now: Decimal, before: Decimal) -> None:
    incomes = {"income_per_capita_million_vnd": now, "income_per_capita_million_vnd_previous_year": before}
    a = ntp.assess(commune(incomes), ntp.ruleset("ntm.commune", ON))
    r = a.result("3.1")
    growth = Fraction(now) / Fraction(before) * 100 - 100  # TNBQn / TNBQn-1 × 100 - 100
    assert (r.status is ntp.ResultStatus.MET) == (growth >= Fraction(95, 10))
    assert isinstance(r.observed, ntp.Observed) and 0 <= growth - Fraction(r.observed.low) < Fraction(1, 10**10)


def test_income_growth_needs_both_incomes_and_refuses_a_nonsense_one() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    r = ntp.assess(commune({"income_per_capita_million_vnd": 50}), rs).result("3.1")
    assert r.status is ntp.ResultStatus.MISSING and "income_per_capita_million_vnd_previous_year" in (r.reason or "")
    with pytest.raises(ntp.InputError, match=r"income_per_capita_million_vnd_previous_year.*above 0"):
        ntp.assess(commune({"income_per_capita_million_vnd": 50, "income_per_capita_million_vnd_previous_year": 0}), rs)
    with pytest.raises(ntp.InputError, match=r"expected a number, got True"):
        ntp.assess(commune({"income_per_capita_million_vnd": True, "income_per_capita_million_vnd_previous_year": 1}),
                   rs)


# -- criterion 3 as a whole -------------------------------------------------------------------------------------

def test_every_content_met_meets_criterion_3_and_one_failure_fails_it() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    assert ntp.assess(commune(GOOD), rs, strict=ntp.Status.VERIFIED).criterion("3").status is ntp.ResultStatus.MET
    worse = ntp.assess(commune({**GOOD, "industrial_zone_established": False}), rs)
    assert worse.outcome is CriteriaMet.NOT_MET
    assert [r.code for r in worse.indicators if r.status is not ntp.ResultStatus.MET] == ["3.10.b"]


def test_the_rest_of_criterion_3_must_be_recorded_too() -> None:
    without = {k: v for k, v in OTHERS_MET.items() if k != "3.other"}
    a = ntp.assess(commune(GOOD, without), ntp.ruleset("ntm.commune", ON))
    assert a.outcome is None and a.criterion("3").status is ntp.ResultStatus.MISSING
    assert a.reasons == ("3.other: no value recorded for '3.other'",)


def test_criterion_3_recorded_whole_must_agree_with_the_circular_s_contents() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    recorded = {**{str(k): True for k in range(1, 11)}}
    assert ntp.assess(commune({}, recorded), rs).outcome is CriteriaMet.MET  # no facts: the record decides
    with pytest.raises(ntp.InputError, match=r"recorded as met but its indicators say otherwise"):
        ntp.assess(commune({**GOOD, "income_per_capita_million_vnd": Decimal("54.7")}, recorded), rs)


@pytest.mark.parametrize(("members", "met"), [
    ((100, 105, 111), True),  # 5 % then 5.7 %
    ((100, 104, 115), False),  # 4 % (4 members) in the first year
    ((300, 310, 320), True),  # 10 members a year, 3.3 % and 3.2 %
    ((300, 309, 330), False),  # 9 members (3 %) in the first year
    ((0, 10, 20), True),  # a new cooperative: 10 members a year
    ((0, 9, 20), False),
])
def test_member_growth_each_year_by_5_percent_or_10_members(members: tuple[int, int, int], met: bool) -> None:
    names = ("cooperative_members_3_years_before", "cooperative_members_2_years_before",
             "cooperative_members_1_year_before")
    a = ntp.assess(commune({**GOOD, **dict(zip(names, members, strict=True))}), ntp.ruleset("ntm.commune", ON))
    assert (a.result("3.6.d.growth").status is ntp.ResultStatus.MET) is met


def test_a_loss_in_either_year_fails_the_profit_condition() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    r = ntp.assess(commune({**GOOD, "cooperative_profit_1_year_before": -5_000_000}), rs).result("3.6.b")
    assert r.status is ntp.ResultStatus.NOT_MET and r.observed == ntp.Observed.exactly(-5_000_000, "VND")


# -- condition 10 of Phụ lục III -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("growth", "other", "expected"), [
    (10, True, CriteriaMet.MET), (Decimal("9.9"), True, CriteriaMet.NOT_MET), (None, True, None),
    (Decimal("9.9"), None, CriteriaMet.NOT_MET),
])
def test_a_province_completes_the_task_only_with_private_growth_of_10_percent(
        growth: Decimal | int | None, other: bool | None, expected: CriteriaMet | None) -> None:
    facts: dict[str, object] = {"communes_ntm_pct": 100, "communes_modern_pct": 10}
    if growth is not None:
        facts["private_sector_growth_pct"] = growth
    p = ntp.Province(name="P", reference_date=ON, facts=facts,  # type: ignore[arg-type]
                     observations={} if other is None else {"other": other})
    assert ntp.assess(p, ntp.ruleset("ntm.province", ON)).outcome is expected
