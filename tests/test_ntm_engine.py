"""Engine features the new-rural criteria need, on a small set written like QĐ 318 (not its values):
regions, the cited region exception, income by year, qualitative indicators, provincial overlays,
the all-criteria rule and batch summaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from ntp_criteria.catalogue.overlays import LooserThanNational, apply_overlay
from ntp_criteria.families.ntm import CriteriaMet
from ntp_criteria.io.summaries import criterion_shares, outcome_shares

REGIONS = '["tdmnpb", "dbsh", "btb", "dhntb", "tn", "dnb", "dbscl"]'
SRC = '{ cite = "test", status = "verified" }'


def _threshold(code_scope: str, op: str, value: int) -> str:
    return f'''
[[rulesets.criteria.indicators.thresholds]]
{code_scope}
op = "{op}"
value = {value}
unit = "%"
source = {SRC}
'''


NTM = f'''
schema = 1
[instrument]
id = "test-ntm"
number = "1/TEST"
kind = "decision"
issuer = "test"
signed = 2022-03-08
title_vi = "t"
title_en = "t"
source = {SRC}

[[rulesets]]
family = "ntm.commune"
subject = "commune"
title_vi = "t"
title_en = "NTM commune (test)"
cite = "Annex I"
valid_from = 2022-03-08
valid_to = 2025-12-31
validity = {SRC}
outcome = "ntm.all-criteria"
dimensions = {{ region = {REGIONS}, year = [2022, 2023, 2024, 2025] }}

[[rulesets.scope_rules]]
dimension = "region"
value = "tdmnpb"
when_any_flag = ["particularly_difficult", "atk_poor_district"]
source = {{ cite = "Art. 1 (xã ĐBKK, xã ATK … áp dụng mức của vùng TDMNPB)", status = "verified" }}

[[rulesets.criteria]]
code = "8"
name_vi = "Thông tin và Truyền thông"
name_en = "Information and communications"

[[rulesets.criteria.indicators]]
code = "8.1"
name_vi = "Xã có điểm phục vụ bưu chính"
name_en = "Postal service point"

[[rulesets.criteria]]
code = "11"
name_vi = "Nghèo đa chiều"
name_en = "Multidimensional poverty"

[[rulesets.criteria.indicators]]
code = "11.1"
name_vi = "Tỷ lệ nghèo đa chiều"
name_en = "Multidimensional poverty rate"
''' + _threshold('region = "tdmnpb"', "<=", 13) + "".join(
    _threshold(f'region = "{r}"', "<=", 6) for r in ["dbsh", "btb", "dhntb", "tn", "dnb", "dbscl"]) + '''
[[rulesets.criteria]]
code = "10"
name_vi = "Thu nhập"
name_en = "Income"

[[rulesets.criteria.indicators]]
code = "10.1"
name_vi = "Thu nhập bình quân đầu người"
name_en = "Income per person"
''' + "".join(_threshold(f"year = {y}", ">=", 40 + 5 * (y - 2022)) for y in range(2022, 2026))


@pytest.fixture(scope="module")
def rs() -> ntp.Ruleset:
    (ruleset,) = load_catalogue({"ntm.toml": NTM}).rulesets
    return ruleset


def _commune(**kw: object) -> ntp.Commune:
    base = dict(name="Xã A", reference_date=dt.date(2024, 6, 1), region=ntp.Region.DBSCL,
                observations={"8.1": True, "11.1": 6, "10.1": 50})
    return ntp.Commune(**{**base, **kw})  # type: ignore[arg-type]


def test_every_criterion_at_exactly_its_threshold_meets_the_standard(rs: ntp.Ruleset) -> None:
    a = ntp.assess(_commune(), rs)
    assert a.outcome is CriteriaMet.MET
    assert a.result("10.1").threshold.value == 50  # type: ignore[union-attr]  # the 2024 level


def test_one_below_fails_that_criterion_only(rs: ntp.Ruleset) -> None:
    a = ntp.assess(_commune(observations={"8.1": True, "11.1": Decimal("6.01"), "10.1": 50}), rs)
    assert a.outcome is CriteriaMet.NOT_MET
    assert [c.code for c in a.criteria if c.status is ntp.ResultStatus.NOT_MET] == ["11"]
    assert a.result("11.1").shortfall == Decimal("0.01")


def test_missing_data_is_missing_not_failing(rs: ntp.Ruleset) -> None:
    a = ntp.assess(_commune(observations={"11.1": 6, "10.1": 50}), rs)
    assert a.result("8.1").status is ntp.ResultStatus.MISSING
    assert a.outcome is None and a.candidates == (CriteriaMet.MET, CriteriaMet.NOT_MET)


def test_the_cited_exception_assesses_difficult_communes_on_the_mountain_thresholds(rs: ntp.Ruleset) -> None:
    plain = ntp.assess(_commune(observations={"8.1": True, "11.1": 12, "10.1": 50}), rs)
    assert plain.outcome is CriteriaMet.NOT_MET  # 12 % > 6 % in the Mekong Delta
    difficult = ntp.assess(_commune(observations={"8.1": True, "11.1": 12, "10.1": 50},
                                    flags={"particularly_difficult"}), rs)
    assert difficult.outcome is CriteriaMet.MET  # assessed on the TDMNPB level (≤ 13 %)
    assert [r.value for r in difficult.exceptions] == ["tdmnpb"]
    assert "scope.region" in {n.path for n in difficult.result("11.1").rests_on}
    assert "Assessed on the thresholds of the northern midlands and mountains" in difficult.explain("en")


def test_income_follows_the_assessment_year(rs: ntp.Ruleset) -> None:
    early = ntp.assess(_commune(reference_date=dt.date(2022, 6, 1), observations={"8.1": True, "11.1": 1,
                                                                               "10.1": 40}), rs)
    late = ntp.assess(_commune(reference_date=dt.date(2025, 6, 1), observations={"8.1": True, "11.1": 1,
                                                                              "10.1": 40}), rs)
    assert (early.outcome, late.outcome) == (CriteriaMet.MET, CriteriaMet.NOT_MET)


OVERLAY = '''
schema = 1
[instrument]
id = "ct-3429-2022"
number = "3429/QĐ-UBND"
kind = "decision"
issuer = "UBND thành phố Cần Thơ"
signed = 2022-09-15
title_vi = "t"
title_en = "t"
source = { cite = "header", status = "verified" }

[[overlay]]
family = "ntm.commune"
[[overlay.thresholds]]
indicator = "11.1"
[overlay.thresholds.threshold]
region = "dbscl"
op = "<="
value = VALUE
unit = "%"
source = { cite = "3429, tiêu chí 11", status = "verified" }
'''


def test_a_stricter_provincial_overlay_applies_and_a_looser_one_is_refused(rs: ntp.Ruleset) -> None:
    strict = apply_overlay(rs, OVERLAY.replace("VALUE", "4"), "cantho.toml")
    assert [i.number for i in strict.amended_by] == ["3429/QĐ-UBND"]
    assert ntp.assess(_commune(), strict).outcome is CriteriaMet.NOT_MET  # 6 % > the province's 4 %
    with pytest.raises(LooserThanNational, match=r"cantho\.toml \(3429/QĐ-UBND\): 11\.1 .* <= 8 loosens"):
        apply_overlay(rs, OVERLAY.replace("VALUE", "8"), "cantho.toml")
    with pytest.raises(ntp.RuleDataError, match="no national threshold"):
        apply_overlay(rs, OVERLAY.replace("VALUE", "4").replace('region = "dbscl"\n', ""), "cantho.toml")


def test_batch_summaries_by_region(rs: ntp.Ruleset) -> None:
    communes = [_commune(name=f"X{i}", region=region, observations={"8.1": i % 2 == 0, "11.1": 6, "10.1": 50})
                for i, region in enumerate([ntp.Region.DBSCL, ntp.Region.DBSCL, ntp.Region.TN, ntp.Region.TN])]
    results = [ntp.assess(c, rs) for c in communes]
    rows = {(r.group, r.criterion): r for r in criterion_shares(results, by=lambda a: str(a.scope.get("region")))}
    assert (rows[("dbscl", "8")].met, rows[("dbscl", "8")].known) == (1, 2)
    assert rows[("tn", "8")].share == 50 and rows[("tn", "11")].share == 100
    assert outcome_shares(results, by=lambda a: str(a.scope.get("region"))) == {
        "dbscl": {"met": 1, "not_met": 1}, "tn": {"met": 1, "not_met": 1}}


def test_a_criterion_recorded_as_met_decides_it_and_must_agree_with_its_indicators(rs: ntp.Ruleset) -> None:
    a = ntp.assess(_commune(observations={"8": True, "11.1": 6, "10.1": 50}), rs)
    assert a.criterion("8").basis == "recorded" and a.outcome is CriteriaMet.MET
    with pytest.raises(ntp.InputError, match=r"\$\.recorded\['8'\]"):
        ntp.assess(_commune(observations={"8": True, "8.1": False, "11.1": 6, "10.1": 50}), rs)


def test_a_criterion_without_indicators_recorded_as_not_met_is_not_a_contradiction() -> None:
    rs = ntp.ruleset("ntm.commune", dt.date(2024, 1, 1))
    a = ntp.assess(ntp.Commune(name="x", reference_date=dt.date(2024, 6, 1), region=ntp.Region.TN,
                               observations={"9": False}), rs)
    assert a.criterion("9").status is ntp.ResultStatus.NOT_MET and a.outcome is CriteriaMet.NOT_MET
    unrecorded = ntp.assess(ntp.Commune(name="y", reference_date=dt.date(2024, 6, 1), region=ntp.Region.TN), rs)
    assert unrecorded.criterion("9").status is ntp.ResultStatus.MISSING  # never a vacuous "all met"


ALL_MET = {"1": True, "2": True, "3.1": 80, "3.2": True, "4": True, "5": True, "6.1": True, "6.2": True, "6.3": 100,
           "7": True, "8.1": True, "8.2": True, "8.3": True, "8.4": True, "9": True, "10": True, "11": True,
           "12": True, "13": True, "14": True, "15.1": True, "15.2": True, "15.3": 19, "15.4": True, "16": True,
           "17": True, "18": True, "19": True}


def test_commune_level_and_what_stands_before_the_next() -> None:
    from ntp_criteria.families.ntm import CommuneLevel, commune_level

    def commune(**facts: object) -> ntp.Commune:
        return ntp.Commune(name="x", reference_date=dt.date(2024, 6, 1), region=ntp.Region.DBSCL,
                           observations=ALL_MET, facts=facts)  # type: ignore[arg-type]

    short = commune_level(ntp.Commune(name="y", reference_date=dt.date(2024, 6, 1), region=ntp.Region.DBSCL,
                                      observations={**ALL_MET, "3.1": 70, "10": False}))
    assert short.level is CommuneLevel.NONE and short.next_level is CommuneLevel.NTM
    assert ("3", "not_met", None) in short.to_do and ("3.1", "not_met", Decimal(10)) in short.to_do
    assert ("10", "not_met", None) in short.to_do
    ntm = commune_level(commune())
    assert ntm.level is CommuneLevel.NTM and ntm.next_level is CommuneLevel.ADVANCED
    assert "1: no result recorded" in ntm.reasons[0]  # Annex II results are recorded under their own family
    assert ("10.1", "missing", None) in ntm.to_do
    advanced_met = {f"ntm.commune.advanced:{k}": True for k in range(1, 20)}
    short_of_model = commune_level(ntp.Commune(
        name="x", reference_date=dt.date(2024, 6, 1), region=ntp.Region.DBSCL,
        observations={**ALL_MET, **advanced_met},
        facts={"advanced_recognised": True, "income_pct_of_advanced_level": 105, "smart_villages": 1,
               "outstanding_field_met": True}))
    assert short_of_model.level is CommuneLevel.ADVANCED and short_of_model.next_level is CommuneLevel.MODEL
    assert ("2.1", "not_met", Decimal(5)) in short_of_model.to_do
    model = commune_level(ntp.Commune(
        name="x", reference_date=dt.date(2024, 6, 1), region=ntp.Region.DBSCL,
        observations={**ALL_MET, **advanced_met},
        facts={"advanced_recognised": True, "income_pct_of_advanced_level": 110, "smart_villages": 2,
               "outstanding_field_met": True}))
    assert (model.level, model.next_level, model.to_do) == (CommuneLevel.MODEL, None, ())
    assert [a.ruleset.family for a in model.assessments] == ["ntm.commune", "ntm.commune.advanced",
                                                              "ntm.commune.model"]


def test_indicator_11_from_household_assessments() -> None:
    from ntp_criteria.families.ntm import with_poverty_rate

    on = dt.date(2024, 6, 1)
    people = [ntp.Household(area=ntp.Area.RURAL, reference_date=on, monthly_income_per_capita=inc,
                            deprivation_count=n) for inc, n in [(1_000_000, 3), (1_200_000, 0)] + [(4_000_000, 0)] * 18]
    commune = with_poverty_rate(ntp.Commune(name="x", reference_date=on, region=ntp.Region.TN,
                                            observations={"11": True}), people)
    a = ntp.assess(commune, ntp.ruleset("ntm.commune", on))
    r = a.result("11.1")
    assert r.observed == ntp.Observed.exactly(Decimal(10))  # 2 of 20 households poor or near-poor
    assert r.status is ntp.ResultStatus.MISSING and "no threshold" in (r.reason or "")  # levels not found
    assert a.criterion("11").status is ntp.ResultStatus.MET  # decided by the recorded result
    with pytest.raises(ValueError, match="undecided"):
        with_poverty_rate(commune, [ntp.Household(area=ntp.Area.RURAL, reference_date=on, deprivation_count=4)])


def test_level_counts_by_region_count_unknown_levels_apart() -> None:
    from ntp_criteria.families.ntm import commune_level
    from ntp_criteria.io.summaries import level_counts

    on = dt.date(2026, 6, 1)
    all_met = {str(k): True for k in range(1, 11)}
    communes = [ntp.Commune(name="A", reference_date=on, region=ntp.Region.TN, observations=all_met),
                ntp.Commune(name="B", reference_date=on, region=ntp.Region.TN, observations={**all_met, "3": False}),
                ntp.Commune(name="C", reference_date=on, region=ntp.Region.DBSH, observations={"1": True})]
    reports = [commune_level(c) for c in communes]
    region_of = {c.name: c.region.value for c in communes if c.region is not None}
    by_region = level_counts(reports, by=lambda r: region_of[str(r.assessments[0].subject_id)])
    assert by_region == {"tn": {"ntm": 1, "none": 1}, "dbsh": {"undecided": 1}}
    assert level_counts(reports) == {"all": {"ntm": 1, "none": 1, "undecided": 1}}


def test_a_criterion_recorded_as_a_whole_reads_as_recorded_with_no_missing_indicator_lines() -> None:
    c = ntp.Commune(name="A", reference_date=dt.date(2024, 6, 1), region=ntp.Region.DBSH,
                    observations={"1": True, "2": False, "3.1": 85})
    vi = ntp.assess(c).explain("vi").splitlines()
    assert vi[1:4] == ["  ✔ Quy hoạch: theo phiếu khảo sát", "  ✘ Giao thông: theo phiếu khảo sát",
                       "  ? Thủy lợi và phòng, chống thiên tai:"]
    assert not any("'1.1'" in line or "'2.2'" in line for line in vi)  # no "missing" line under a recorded criterion
    assert any("'3.2'" in line for line in vi)  # an indicator of a criterion not recorded is still listed
