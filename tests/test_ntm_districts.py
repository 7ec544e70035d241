"""District-level and province-level NTM rules, 2021-2025: QĐ 320 (districts, towns, advanced districts), QĐ 211/2024
(special districts with no communes), QĐ 321 (provinces); shares computed from the parts; the end of districts."""

from __future__ import annotations

import datetime as dt
import decimal
import tomllib
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from ntp_criteria.families.ntm import CriteriaMet, LevelReport, commune_level
from ntp_criteria.families.ntm.districts import DistrictLevelReport
from tests.fixtures import FAMILY_END

ON = dt.date(2024, 6, 1)
DISTRICT_FAMILIES = ("ntm.district", "ntm.district.advanced", "ntm.town", "ntm.district.special")
#: every recorded (pass/fail) indicator or criterion of ntm.district met; the measured ones are in DISTRICT_FACTS
DISTRICT_RECORDS = {c: True for c in ("1.1", "2.1", "2.other", "2.4", "3", "4", "5", "6.1", "6.other", "7", "8",
                                      "9.6", "9.other")}
#: the district's own facts, each exactly at its Phụ lục I level (the communes' shares come from the communes)
DISTRICT_FACTS = {"satisfaction_pct": 90, "satisfaction_min_commune_content_pct": 80, "townships_civilised_pct": 100,
                  "essential_infrastructure_projects": 1, "district_roads_standard_pct": 100}
ADVANCED_RECORDS = {f"ntm.district.advanced:{c}": True for c in ("satisfaction.rate", *map(str, range(1, 10)))}
#: a province's own facts, each exactly at its QĐ 321 level (the districts' shares come from the districts)
PROVINCE_FACTS = {"communes_advanced_pct": 40, "roadside_trees_km_pct": 70, "public_green_land_m2_per_person": 4,
                  "administration_satisfaction_pct": 90}


QD_211 = tomllib.loads((resources.files("ntp_criteria") / "rules" / "qd-211-2024.toml").read_text(encoding="utf-8"))


SHARE = decimal.Context(prec=34)  # a share of communes is kept as a fact: 34 significant digits


def district(*, flags: frozenset[str] = frozenset(), on: dt.date = ON, **facts: object) -> ntp.District:
    return ntp.District(name="Huyện A", reference_date=on, flags=flags,
                        facts={**DISTRICT_FACTS, "ntm_recognised": True, **facts},  # type: ignore[dict-item]
                        observations={**DISTRICT_RECORDS, **ADVANCED_RECORDS})


def some_advanced(n_advanced: int, n_ntm: int) -> list[ntp.CommuneLevel]:
    return [ntp.CommuneLevel.ADVANCED] * n_advanced + [ntp.CommuneLevel.NTM] * n_ntm


def test_a_share_of_communes_is_the_librarys_whatever_the_callers_decimal_context() -> None:
    expected = ntp.with_commune_shares(district(), some_advanced(1, 2)).fact("communes_advanced_pct")
    with decimal.localcontext(decimal.Context(prec=2)):
        got = ntp.with_commune_shares(district(), some_advanced(1, 2)).fact("communes_advanced_pct")
    assert got == expected == SHARE.divide(Decimal(100), Decimal(3))  # 1 of 3, to a fact's 34 digits


# -- the end of districts -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("family", DISTRICT_FAMILIES)
def test_no_district_set_after_2025_07_01_and_the_error_says_why(family: str) -> None:
    with pytest.raises(ntp.NoRulesetInForce) as exc:
        ntp.ruleset(family, on=dt.date(2025, 8, 1))
    message = str(exc.value)
    assert "abolished on 2025-07-01" in message and "two-tier local government" in message
    assert "was in force until 2025-06-30" in message


@pytest.mark.parametrize("family", DISTRICT_FAMILIES)
def test_district_sets_are_in_force_until_2025_06_30(family: str) -> None:
    assert ntp.ruleset(family, on=dt.date(2025, 6, 30)).valid_to == dt.date(2025, 6, 30)


def test_the_province_set_outlives_districts_until_the_2026_sets() -> None:
    rs = ntp.ruleset("ntm.province", on=dt.date(2025, 8, 1))
    assert rs.instrument.number == "321/QĐ-TTg" and rs.valid_to == dt.date(2026, 2, 14)


def test_special_districts_have_criteria_only_from_qd_211() -> None:
    with pytest.raises(ntp.NoRulesetInForce, match="applies from 2024-03-01"):
        ntp.ruleset("ntm.district.special", on=dt.date(2024, 2, 29))


def test_qd_211_amends_the_district_sets_from_2024_03_01_without_inventing_changes() -> None:
    before, after = ntp.rulesets("ntm.district")
    assert before.valid_to == dt.date(2024, 2, 29) and after.valid_from == dt.date(2024, 3, 1)
    assert [i.number for i in after.amended_by] == ["211/QĐ-TTg"]
    assert before.criteria == after.criteria




def test_a_family_end_is_data_and_the_loader_checks_it() -> None:
    cat = load_catalogue({"t.toml": FAMILY_END})
    with pytest.raises(ntp.NoRulesetInForce, match=r"gone \[t, secondary\]"):
        cat.in_force("ntm.district", dt.date(2030, 1, 1))
    with pytest.raises(ntp.RuleDataError, match=r"is in force on or after 2025-07-01, the family's end"):
        load_catalogue({"t.toml": FAMILY_END.replace("valid_to = 2025-06-30", "valid_to = 2025-07-01")})
    with pytest.raises(ntp.RuleDataError, match=r"no ruleset of family 'ntm\.town'"):
        load_catalogue({"t.toml": FAMILY_END.replace('families = ["ntm.district"]', 'families = ["ntm.town"]')})


def test_nothing_in_the_district_and_province_data_is_marked_verified() -> None:
    """The texts of QĐ 320, 321 and 211 were not read: no number of theirs may say verified."""
    for family in (*DISTRICT_FAMILIES, "ntm.province"):
        for rs in ntp.rulesets(family):
            if rs.instrument.number not in ("320/QĐ-TTg", "321/QĐ-TTg", "211/QĐ-TTg"):
                continue  # ntm.province from 2026 is QĐ 51/2025's, read elsewhere (test_ntm_2026.py)
            assert rs.instrument.provenance.status is not ntp.Status.VERIFIED
            for n in rs.numbers():
                assert n.provenance.status is not ntp.Status.VERIFIED, n.path
                if n.provenance.status is ntp.Status.UNVERIFIED:
                    assert "check" in (n.provenance.note or "").lower(), n.path


def assert_quoted_secondary(rs: ntp.Ruleset, words: dict[str, tuple[str, str]]) -> None:
    """Each threshold named in ``words`` (code: value, Vietnamese words) is secondary, with a URL and the words."""
    numbers = {n.path.split("[")[0]: n for n in rs.numbers() if "[" in n.path}
    for code, (value, quoted) in words.items():
        n = numbers[code]
        assert (str(n.value), n.provenance.status) == (value, ntp.Status.SECONDARY), code
        assert quoted in n.provenance.cite and n.provenance.url, code


def test_qd_321_eight_conditions_have_a_source_and_its_wording() -> None:
    """Session 3, pass 2: QĐ 321's eight conditions, restated word for word by a thuvienphapluat summary, Báo Hà
    Tĩnh, the Trà Vinh NTM office and a Hà Nội plan, are secondary, each with its Vietnamese words in the cite."""
    rs = ntp.ruleset("ntm.province", ON)
    words = {"districts.ntm": ("100", "Có 100% số thị xã, thành phố trên địa bàn hoàn thành nhiệm vụ"),
             "districts.advanced": ("20", "Có ít nhất 20% số huyện trên địa bàn đạt chuẩn nông thôn mới nâng cao"),
             "communes.advanced": ("40", "Có ít nhất 40% số xã trên địa bàn đạt chuẩn nông thôn mới nâng cao"),
             "trees.roads": ("70", "Có ít nhất 70% số km đường huyện, đường tỉnh, quốc lộ"),
             "green-space.public": ("4", "tối thiểu là 4 m2/người"),
             "satisfaction.administration": ("90", "cơ quan hành chính nhà nước")}
    assert_quoted_secondary(rs, words)
    assert [c.code for c in rs.criteria] == ["districts", "communes", "plan", "trees", "green-space",
                                             "satisfaction"]


def test_phu_luc_i_conditions_have_a_source_and_its_wording() -> None:
    """Session 3 (docs/research/qd-320-321-session-3.md): Phụ lục I's four conditions, quoted by a thuvienphapluat
    Q&A, are secondary, each with its Vietnamese words in the cite."""
    rs = ntp.ruleset("ntm.district", ON)
    words = {"communes.ntm": ("100", "Có 100% số xã trên địa bàn đạt chuẩn nông thôn mới"),
             "communes.advanced": ("10", "Có ít nhất 10% số xã trên địa bàn đạt chuẩn nông thôn mới nâng cao"),
             "townships.civilised": ("100", "Có 100% số thị trấn trên địa bàn đạt chuẩn đô thị văn minh"),
             "satisfaction.rate": ("90", "đạt từ 90% trở lên"),
             "satisfaction.communes": ("80", "từng nội dung xây dựng nông thôn mới đạt từ 80% trở lên"),
             "1.2": ("1", "≥01 công trình"), "2.2": ("100", "Có 100% đường huyện")}
    assert_quoted_secondary(rs, words)


def test_criterion_5_education_indicators_have_a_source_and_its_wording() -> None:
    """Session 4 (docs/research/qd-320-session-4.md): MOET's Tạp chí Giáo dục restates Phụ lục I's education rows:
    '60% tỷ lệ trường Trung học phổ thông đạt chuẩn quốc gia mức độ 1 trở lên' and the vocational and continuing
    education centre 'đạt kiểm định chất lượng giáo dục đạt cấp độ 1' (secondary)."""
    for rs in ntp.rulesets("ntm.district"):  # QĐ 211 amended criterion 5 from 2024; which row is not found
        assert_quoted_secondary(rs, {"5.upper-secondary": ("60", "Trung học phổ thông đạt chuẩn quốc gia mức độ 1")})
        defs = {n.path: n for n in rs.numbers()}
        centre = defs["5.vocational-centre.definition"].provenance
        assert centre.status is ntp.Status.SECONDARY and "kiểm định chất lượng giáo dục đạt cấp độ 1" in centre.cite
        irrigation = defs["3.inter-commune.definition"].provenance
        assert irrigation.status is ntp.Status.SECONDARY and "1680/QĐ-BNN-VPĐP" in irrigation.cite
        assert "Hệ thống thủy lợi liên xã đồng bộ với hệ thống thủy lợi các xã theo quy hoạch" in irrigation.cite
        for placeholder in ("3.other.definition", "5.other.definition"):  # the rest is a recollection
            assert defs[placeholder].provenance.status is ntp.Status.UNVERIFIED, placeholder


@pytest.mark.parametrize(("on", "pct", "met"), [
    (dt.date(2022, 6, 1), 60, True), (dt.date(2022, 6, 1), Decimal("59.99"), False),
    (ON, 60, True), (ON, Decimal("59.99"), False),
])
def test_upper_secondary_schools_at_least_60_percent_when_criterion_5_is_assessed_by_its_indicators(
        on: dt.date, pct: Decimal, met: bool) -> None:
    records = {k: v for k, v in DISTRICT_RECORDS.items() if k != "5"}  # criterion 5 not recorded as a whole
    d = ntp.District(name="Huyện A", reference_date=on, facts={**DISTRICT_FACTS,
                                                               "upper_secondary_schools_national_standard_pct": pct},
                     observations={**records, "5.vocational-centre": True, "5.other": True})
    a = ntp.assess(ntp.with_commune_shares(d, some_advanced(2, 10)), ntp.ruleset("ntm.district", on))
    assert a.criterion("5").status is (ntp.ResultStatus.MET if met else ntp.ResultStatus.NOT_MET)
    assert a.outcome is (CriteriaMet.MET if met else CriteriaMet.NOT_MET)
    no_centre = ntp.District(name="Huyện A", reference_date=on, facts={
        **DISTRICT_FACTS, "upper_secondary_schools_national_standard_pct": 100},
        observations={**records, "5.vocational-centre": False, "5.other": True})
    assert ntp.assess(ntp.with_commune_shares(no_centre, some_advanced(2, 10)),
                      ntp.ruleset("ntm.district", on)).criterion("5").status is ntp.ResultStatus.NOT_MET


def test_a_criterion_recorded_as_a_whole_needs_none_of_its_new_indicators() -> None:
    """Appraisals record criteria 3 and 5 as đạt: the indicators added in session 4 do not make them undecided."""
    a = ntp.assess(ntp.with_commune_shares(district(), some_advanced(2, 10)))
    assert a.outcome is CriteriaMet.MET
    assert a.criterion("5").basis == "recorded" and a.criterion("3").basis == "recorded"


@pytest.mark.parametrize(("pct", "met"), [(100, True), (Decimal("99.99"), False)])
def test_special_district_schools_all_at_minimum_facility_standard(pct: Decimal, met: bool) -> None:
    """MOET QĐ 1558/QĐ-BGDĐT (as restated by the Thừa Thiên Huế portal): '100% trường học trên địa bàn huyện đạt
    tiêu chuẩn cơ sở vật chất tối thiểu theo quy định của Bộ Giáo dục và Đào tạo' (secondary)."""
    rs = ntp.ruleset("ntm.district.special", ON)
    assert_quoted_secondary(rs, {"5.schools": ("100", "100% trường học trên địa bàn huyện đạt tiêu chuẩn cơ sở")})
    codes = ("1.1", "2.2", "2.3", "3.2", "4", "5.other", "6", "7", "8", "9")
    records = {f"ntm.district.special:{c}": True for c in codes}
    island = ntp.District(name="Huyện đảo A", reference_date=ON, flags={"no_communes"}, observations=records,
                          facts={"satisfaction_pct": 90, "essential_infrastructure_projects": 1,
                                 "district_roads_standard_pct": 100, "irrigated_farmland_pct": 80,
                                 "schools_min_facility_standard_pct": pct})
    a = ntp.assess(island, rs)
    assert a.outcome is (CriteriaMet.MET if met else CriteriaMet.NOT_MET)
    assert a.result("5.schools").status is (ntp.ResultStatus.MET if met else ntp.ResultStatus.NOT_MET)


def test_qd_211_amendments_name_the_criteria_they_changed_and_add_nothing() -> None:
    """Báo Thái Bình: QĐ 211 amended some indicators of criteria 5 and 6 (district) and 5 (advanced district).
    Which ones is not found, so the amended sets keep the 2022 indicators."""
    for family, criteria in (("ntm.district", "tiêu chí 5"), ("ntm.district.advanced", "tiêu chí số 5")):
        before, after = ntp.rulesets(family)
        assert before.criteria == after.criteria
        assert [i.number for i in after.amended_by] == ["211/QĐ-TTg"]
        source = next(am["source"] for am in QD_211["amendments"] if am["family"] == family)
        assert criteria in source["cite"] and source["status"] == "secondary" and source["url"]


# -- shares from the parts -----------------------------------------------------------------------------------------

def test_shares_from_commune_levels() -> None:
    levels = [ntp.CommuneLevel.MODEL, ntp.CommuneLevel.ADVANCED, ntp.CommuneLevel.NTM, ntp.CommuneLevel.NONE]
    d = ntp.with_commune_shares(district(), levels)
    assert (d.fact("communes_total"), d.fact("communes_ntm"), d.fact("communes_advanced"),
            d.fact("communes_model")) == (4, 3, 2, 1)
    assert (d.fact("communes_ntm_pct"), d.fact("communes_advanced_pct"), d.fact("communes_model_pct")) == (75, 50, 25)
    assert d.fact("satisfaction_pct") == 90  # the district's own facts are kept


def test_12_communes_all_ntm_vs_11_of_12() -> None:
    all_ntm = ntp.with_commune_shares(district(), some_advanced(2, 10))
    one_short = ntp.with_commune_shares(district(), [*some_advanced(2, 9), ntp.CommuneLevel.NONE])
    assert ntp.assess(all_ntm).outcome is CriteriaMet.MET
    short = ntp.assess(one_short)
    assert short.outcome is CriteriaMet.NOT_MET
    assert short.result("communes.ntm").shortfall == SHARE.subtract(Decimal(100),
                                                                      SHARE.divide(Decimal(1100), Decimal(12)))


@pytest.mark.parametrize(("n_advanced", "n_ntm", "met"), [(1, 9, True), (1, 10, False), (0, 12, False), (12, 0, True)])
def test_at_least_10_percent_of_communes_advanced_exactly_at_the_boundary(n_advanced: int, n_ntm: int,
                                                                           met: bool) -> None:
    """Phụ lục I (2): 'Có ít nhất 10% số xã trên địa bàn đạt chuẩn nông thôn mới nâng cao' (secondary)."""
    a = ntp.assess(ntp.with_commune_shares(district(), some_advanced(n_advanced, n_ntm)))
    assert a.outcome is (CriteriaMet.MET if met else CriteriaMet.NOT_MET)
    assert a.result("communes.advanced").status is (ntp.ResultStatus.MET if met else ntp.ResultStatus.NOT_MET)


@pytest.mark.parametrize(("fact", "at", "below"), [
    ("townships_civilised_pct", 100, Decimal("99.99")),
    ("satisfaction_pct", 90, Decimal("89.99")),
    ("satisfaction_min_commune_content_pct", 80, Decimal("79.99")),
    ("essential_infrastructure_projects", 1, 0),
    ("district_roads_standard_pct", 100, Decimal("99.99")),
])
def test_each_measured_district_level_at_and_just_below(fact: str, at: object, below: object) -> None:
    communes = some_advanced(2, 10)
    assert ntp.assess(ntp.with_commune_shares(district(**{fact: at}), communes)).outcome is CriteriaMet.MET
    assert ntp.assess(ntp.with_commune_shares(district(**{fact: below}), communes)).outcome is CriteriaMet.NOT_MET
    missing = ntp.District(name="Huyện A", reference_date=ON, observations=DISTRICT_RECORDS,
                           facts={k: v for k, v in DISTRICT_FACTS.items() if k != fact})
    assert ntp.assess(ntp.with_commune_shares(missing, communes)).outcome is None  # missing is not failing


def test_an_undecided_commune_makes_the_ntm_share_an_error_not_a_guess() -> None:
    undecided = LevelReport(None, (), ntp.CommuneLevel.NTM, (), ("10: missing",))
    with pytest.raises(ValueError, match="1 of 3 communes of Huyện A are undecided"):
        ntp.with_commune_shares(district(), [ntp.CommuneLevel.NTM, ntp.CommuneLevel.NTM, undecided])
    with pytest.raises(ValueError, match="no communes given"):
        ntp.with_commune_shares(district(), [])


def test_communes_known_ntm_but_not_whether_advanced_leave_the_advanced_share_unrecorded() -> None:
    communes = [ntp.Commune(name=f"Xã {k}", reference_date=ON, region=ntp.Region.DBSH,
                            observations={c.code: True for c in ntp.ruleset("ntm.commune", ON).criteria})
                for k in range(3)]
    reports = [commune_level(c) for c in communes]
    assert all(r.level is ntp.CommuneLevel.NTM and r.reasons for r in reports)  # advanced left undecided
    d = ntp.with_commune_shares(district(communes_advanced_pct=80), reports)
    assert d.fact("communes_ntm_pct") == 100
    assert d.fact("communes_advanced_pct") is None  # a stale value is dropped, not kept
    for family in ("ntm.district", "ntm.district.advanced"):  # both read the advanced share (≥ 10 %, ≥ 50 %)
        a = ntp.assess(d, ntp.ruleset(family, ON))
        assert a.outcome is None and any("communes_advanced_pct" in r for r in a.reasons), family
        assert a.result("communes.ntm").status is ntp.ResultStatus.MET


def test_shares_from_commune_assessments() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    met = ntp.Commune(name="X", reference_date=ON, region=ntp.Region.DBSH,
                      observations={c.code: True for c in rs.criteria})
    failed = ntp.Commune(name="Y", reference_date=ON, region=ntp.Region.DBSH, observations={"1": False})
    d = ntp.with_commune_shares(district(), [ntp.assess(met, rs), ntp.assess(failed, rs)])
    assert d.fact("communes_ntm_pct") == 50
    with pytest.raises(ValueError, match=r"expected an ntm\.commune"):
        ntp.with_commune_shares(district(), [ntp.assess(ntp.District(name="Z", reference_date=ON))])


def province(**facts: object) -> ntp.Province:
    return ntp.Province(name="Tỉnh A", reference_date=ON, facts={**PROVINCE_FACTS, **facts},  # type: ignore[dict-item]
                        observations={"plan.adopted": True})


def test_province_shares_from_district_levels_and_reports() -> None:
    levels = [ntp.DistrictLevel.ADVANCED, ntp.DistrictLevel.NTM, ntp.DistrictLevel.NTM, ntp.DistrictLevel.NTM]
    p = ntp.with_district_shares(province(), levels)
    assert (p.fact("districts_ntm_pct"), p.fact("districts_advanced_pct")) == (100, 25)
    assert ntp.assess(p).outcome is CriteriaMet.MET
    fewer_advanced = ntp.with_district_shares(province(), levels[1:] + levels[1:2])  # 0 of 4 advanced
    assert ntp.assess(fewer_advanced).outcome is CriteriaMet.NOT_MET
    assert ntp.assess(ntp.with_district_shares(province(), [*levels, ntp.DistrictLevel.NTM])).outcome \
        is CriteriaMet.MET  # 1 of 5 advanced: exactly 20 %
    open_advanced = DistrictLevelReport(ntp.DistrictLevel.NTM, (), ntp.DistrictLevel.ADVANCED, (), ("x",))
    q = ntp.with_district_shares(province(), [*levels, open_advanced])
    assert q.fact("districts_ntm_pct") == 100 and q.fact("districts_advanced_pct") is None
    r = ntp.with_district_shares(province(), [*levels, ntp.DistrictLevel.NONE])
    assert ntp.assess(r).outcome is CriteriaMet.NOT_MET


# -- district levels ----------------------------------------------------------------------------------------------

def test_district_level_none_ntm_advanced() -> None:
    def level(levels: list[ntp.CommuneLevel]) -> DistrictLevelReport:
        return ntp.district_level(ntp.with_commune_shares(district(), levels))

    none = level([*some_advanced(2, 9), ntp.CommuneLevel.NONE])
    assert none.level is ntp.DistrictLevel.NONE and none.next_level is ntp.DistrictLevel.NTM
    eleven_of_twelve = SHARE.subtract(Decimal(100), SHARE.divide(Decimal(1100), Decimal(12)))
    assert ("communes.ntm", "not_met", eleven_of_twelve) in none.to_do
    too_few_advanced = level(some_advanced(1, 11))  # 8.3 % < 10 %
    assert too_few_advanced.level is ntp.DistrictLevel.NONE
    assert [code for code, *_ in too_few_advanced.to_do] == ["communes", "communes.advanced"]
    ntm = level(some_advanced(5, 7))
    assert ntm.level is ntp.DistrictLevel.NTM and ntm.next_level is ntp.DistrictLevel.ADVANCED
    assert [code for code, *_ in ntm.to_do] == ["communes", "communes.advanced"]
    advanced = level(some_advanced(6, 6))
    assert advanced.level is ntp.DistrictLevel.ADVANCED and advanced.next_level is None
    assert ntp.DistrictLevel.ADVANCED.label("vi") == "Đạt chuẩn nông thôn mới nâng cao"


def test_an_unrecognised_district_stays_ntm_with_the_reason() -> None:
    d = ntp.District(name="Huyện A", reference_date=ON, facts=DISTRICT_FACTS,  # no ntm_recognised
                     observations={**DISTRICT_RECORDS, **ADVANCED_RECORDS})
    report = ntp.district_level(ntp.with_commune_shares(d, [ntp.CommuneLevel.MODEL] * 3))
    assert report.level is ntp.DistrictLevel.NTM and report.next_level is ntp.DistrictLevel.ADVANCED
    assert any("ntm_recognised" in r for r in report.reasons)


def test_towns_and_special_districts_use_their_own_sets() -> None:
    town = ntp.District(name="Thị xã B", reference_date=ON, flags={"town"},
                        observations={"ntm.town:district-criteria": True})
    report = ntp.district_level(ntp.with_commune_shares(town, [ntp.CommuneLevel.NTM] * 4))
    assert report.level is ntp.DistrictLevel.NTM and report.next_level is None
    assert report.assessments[0].ruleset.family == "ntm.town" and "no advanced set" in report.reasons[0]
    island = ntp.District(name="Huyện đảo C", reference_date=ON, flags={"no_communes"})
    assert ntp.district_level(island).assessments[0].ruleset.family == "ntm.district.special"
    with pytest.raises(ntp.NoRulesetInForce):
        ntp.district_level(ntp.District(name="Huyện đảo C", reference_date=dt.date(2023, 1, 1),
                                        flags={"no_communes"}))
    with pytest.raises(ValueError, match="both"):
        ntp.district_level(ntp.District(name="D", reference_date=ON, flags={"no_communes", "town"}))


def test_strict_mode_decides_the_sourced_conditions_and_not_the_recollected_ones() -> None:
    d = ntp.with_commune_shares(district(), some_advanced(6, 6))
    strict = ntp.assess(d, strict=True)
    for code in ("communes.ntm", "communes.advanced", "townships.civilised", "satisfaction.rate", "1.2", "2.2"):
        assert strict.result(code).status is ntp.ResultStatus.MET, code  # secondary is enough
    assert strict.result("2.other").basis == "recorded"  # an appraisal's result rests on no number of ours
    assert strict.outcome is CriteriaMet.MET
    advanced = ntp.assess(d, ntp.ruleset("ntm.district.advanced", ON), strict=True)
    assert advanced.result("communes.advanced").status is ntp.ResultStatus.UNDECIDED  # the 50 % is a recollection


# -- properties ---------------------------------------------------------------------------------------------------

levels = st.lists(st.sampled_from(list(ntp.CommuneLevel)), min_size=1, max_size=40)
at_least_ntm = st.sampled_from([ntp.CommuneLevel.NTM, ntp.CommuneLevel.ADVANCED, ntp.CommuneLevel.MODEL])
RANK = {None: -1, ntp.DistrictLevel.NONE: 0, ntp.DistrictLevel.NTM: 1, ntp.DistrictLevel.ADVANCED: 2}


@given(levels, at_least_ntm)
def test_adding_an_ntm_commune_never_lowers_the_ntm_share(communes: list[ntp.CommuneLevel],
                                                          added: ntp.CommuneLevel) -> None:
    before = ntp.with_commune_shares(district(), communes)
    after = ntp.with_commune_shares(district(), [*communes, added])
    assert after.fact("communes_ntm_pct") >= before.fact("communes_ntm_pct")  # type: ignore[operator]


@given(levels, st.sampled_from([ntp.CommuneLevel.ADVANCED, ntp.CommuneLevel.MODEL]))
def test_adding_an_advanced_commune_never_lowers_the_ntm_verdict(communes: list[ntp.CommuneLevel],
                                                                 added: ntp.CommuneLevel) -> None:
    """(A plain NTM commune can: it lowers the share of advanced communes, which must stay ≥ 10 %.)"""
    if ntp.assess(ntp.with_commune_shares(district(), communes)).outcome is CriteriaMet.MET:
        assert ntp.assess(ntp.with_commune_shares(district(), [*communes, added])).outcome is CriteriaMet.MET


@given(levels)
def test_adding_a_model_commune_never_lowers_the_district_level(communes: list[ntp.CommuneLevel]) -> None:
    """(A plain NTM commune can: it lowers the share of advanced communes.)"""
    before = ntp.district_level(ntp.with_commune_shares(district(), communes))
    after = ntp.district_level(ntp.with_commune_shares(district(), [*communes, ntp.CommuneLevel.MODEL]))
    assert RANK[after.level] >= RANK[before.level]


def test_advanced_commune_assessments_count_towards_the_advanced_share() -> None:
    on = dt.date(2024, 6, 1)
    met = {f"ntm.commune.advanced:{k}": True for k in range(1, 20) if k not in (10, 14)}
    met.update({"ntm.commune.advanced:14.1": 95, "ntm.commune.advanced:14.2": 90,
                "ntm.commune.advanced:14.3": 40, "ntm.commune.advanced:14.4": 70})
    rs = ntp.ruleset("ntm.commune.advanced", on)
    good = ntp.assess(ntp.Commune(name="a", reference_date=on, region=ntp.Region.DBSH, observations=met,
                                  facts={"income_per_capita_million_vnd": Decimal("68.2")}), rs)
    short = ntp.assess(ntp.Commune(name="b", reference_date=on, region=ntp.Region.DBSH, observations=met,
                                   facts={"income_per_capita_million_vnd": 68}), rs)
    district = ntp.with_commune_shares(ntp.District(name="H", reference_date=on),
                                       [good, ntp.CommuneLevel.NTM, ntp.CommuneLevel.NONE])
    assert district.fact("communes_advanced") == 1 and district.fact("communes_total") == 3
    assert district.fact("communes_model") is None  # the advanced commune may or may not be a model one
    with pytest.raises(ValueError, match="undecided"):  # failing the advanced set says nothing of NTM
        ntp.with_commune_shares(ntp.District(name="H", reference_date=on), [short])


def test_the_advanced_share_counts_the_huyen_not_the_towns() -> None:
    """QĐ 321 condition 3: 'ít nhất 20% số huyện … đạt chuẩn nông thôn mới nâng cao' — towns are not huyện."""
    town = ntp.District(name="Thị xã B", reference_date=ON, flags={"town"}, facts={"communes_ntm_pct": 100},
                        observations={"ntm.town:district-criteria": True})
    town_report = ntp.district_level(town)
    assert town_report.level is ntp.DistrictLevel.NTM
    huyen = [ntp.DistrictLevel.ADVANCED, *[ntp.DistrictLevel.NTM] * 4]  # 1 of 5 huyện advanced: exactly 20 %
    p = ntp.with_district_shares(province(), [*huyen, town_report, town_report.assessments[0]])
    assert (p.fact("districts_total"), p.fact("districts_ntm_pct"), p.fact("districts_advanced_pct")) == (7, 100, 20)
    assert ntp.assess(p).outcome is CriteriaMet.MET
    only_towns = ntp.with_district_shares(province(), [town_report])
    assert only_towns.fact("districts_ntm_pct") == 100 and only_towns.fact("districts_advanced_pct") is None
