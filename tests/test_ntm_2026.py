"""The 2026-2030 commune set (QĐ 51/2025/QĐ-TTg, Annex I) as far as it is known: its 10 criteria, decided by
recorded results; the hand-over from QĐ 318 by date; and what the library says about the sets that end or
are not encoded after 2026-02-14."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from ntp_criteria.families.ntm import CommuneLevel, CriteriaMet, commune_level
from tests.fixtures import FAMILY_END

LAST_318 = dt.date(2026, 2, 14)
FIRST_51 = dt.date(2026, 2, 15)
ON = dt.date(2026, 6, 1)
#: the 10 criteria as the press lists them (thoibaotaichinhvietnam.vn, vietnamplus.vn, vneconomy.vn)
CRITERIA_51 = ("Quy hoạch", "Hạ tầng kinh tế - xã hội", "Phát triển kinh tế nông thôn",
               "Đào tạo nguồn nhân lực nông thôn", "Văn hóa, giáo dục, y tế", "Giảm nghèo và an sinh xã hội",
               "Khoa học công nghệ và chuyển đổi số", "Môi trường và cảnh quan nông thôn",
               "Xây dựng hệ thống chính trị và hành chính công", "Tiếp cận pháp luật và an ninh, quốc phòng")


def commune(records: dict[str, bool], on: dt.date = ON) -> ntp.Commune:
    return ntp.Commune(name="Xã A", reference_date=on, observations=records)


ALL_MET = {str(k): True for k in range(1, 11)}


# -- hand-over -------------------------------------------------------------------------------------------------------

def test_ntm_commune_hands_over_from_318_to_51_with_no_gap_or_overlap() -> None:
    day, seen = dt.date(2022, 3, 8), []
    while day <= dt.date(2030, 12, 31):
        number = ntp.ruleset("ntm.commune", day).instrument.number  # raises on a gap; the loader refuses overlaps
        if not seen or seen[-1][0] != number:
            seen.append((number, day))
        day += dt.timedelta(days=1)
    assert seen == [("318/QĐ-TTg", dt.date(2022, 3, 8)), ("51/2025/QĐ-TTg", FIRST_51)]
    assert ntp.ruleset("ntm.commune", LAST_318).valid_to == LAST_318


def test_after_2030_no_commune_set_is_in_force_and_the_error_names_family_and_date() -> None:
    with pytest.raises(ntp.NoRulesetInForce, match=r"'ntm.commune'.*2031-01-01.*51/2025/QĐ-TTg.*2030-12-31"):
        ntp.ruleset("ntm.commune", dt.date(2031, 1, 1))


# -- the 10 criteria ---------------------------------------------------------------------------------------------------

def test_the_2026_set_has_the_10_criteria_the_press_lists_and_invents_no_indicator() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    assert tuple(c.name_vi for c in rs.criteria) == CRITERIA_51
    assert [c.code for c in rs.criteria] == [str(k) for k in range(1, 11)]
    assert all(not c.indicators and "not found" in c.note for c in rs.criteria)
    assert not rs.dimensions  # no threshold by commune group is known, so nothing depends on the group


def test_all_ten_recorded_met_is_ntm_and_the_level_stops_there() -> None:
    a = ntp.assess(commune(ALL_MET), ntp.ruleset("ntm.commune", ON), strict=True)
    assert a.outcome is CriteriaMet.MET and a.unverified == ()
    report = commune_level(commune(ALL_MET))
    assert report.level is CommuneLevel.NTM and report.next_level is None and report.to_do == ()
    assert [x.ruleset.instrument.number for x in report.assessments] == ["51/2025/QĐ-TTg"]
    assert "no advanced level on 2026-06-01" in report.reasons[0] and "modern" in report.reasons[0]


def test_one_criterion_not_met_fails_only_that_criterion() -> None:
    a = ntp.assess(commune({**ALL_MET, "7": False}), ntp.ruleset("ntm.commune", ON))
    assert a.outcome is CriteriaMet.NOT_MET
    assert [c.code for c in a.criteria if c.status is not ntp.ResultStatus.MET] == ["7"]


def test_a_criterion_not_recorded_is_missing_not_failed() -> None:
    records = {k: v for k, v in ALL_MET.items() if k != "10"}
    a = ntp.assess(commune(records), ntp.ruleset("ntm.commune", ON))
    assert a.outcome is None
    assert [(c.code, c.status) for c in a.criteria if c.status is not ntp.ResultStatus.MET] == [
        ("10", ntp.ResultStatus.MISSING)]
    report = commune_level(commune(records))
    assert report.level is None and report.next_level is CommuneLevel.NTM and report.to_do == (("10", "missing", None),)


@given(st.dictionaries(st.sampled_from(sorted(ALL_MET)), st.booleans()), st.sampled_from(sorted(ALL_MET)))
def test_recording_a_criterion_met_never_lowers_the_level(records: dict[str, bool], code: str) -> None:
    rank = {None: -1, CommuneLevel.NONE: 0, CommuneLevel.NTM: 1}
    before = commune_level(commune(records)).level
    after = commune_level(commune({**records, code: True})).level
    assert rank[after] >= rank[before] or (before is CommuneLevel.NONE and after is None)


# -- sets that end or are not encoded ----------------------------------------------------------------------------------

@pytest.mark.parametrize("family", ["ntm.commune.advanced", "ntm.commune.model"])
def test_no_advanced_or_model_set_from_2026_02_15_and_the_error_says_why(family: str) -> None:
    assert ntp.ruleset(family, LAST_318).instrument.number in ("318/QĐ-TTg", "319/QĐ-TTg")
    with pytest.raises(ntp.NoRulesetInForce, match=r"no advanced or model commune set.*'modern'"):
        ntp.ruleset(family, FIRST_51)


def test_the_ict_detail_ends_with_criterion_8() -> None:
    with pytest.raises(ntp.NoRulesetInForce, match=r"no stand-alone information-and-communications criterion"):
        ntp.ruleset("ntm.commune.ict", FIRST_51)


def province(on: dt.date = ON, **facts: object) -> ntp.Province:
    other = facts.pop("other", None)
    return ntp.Province(name="Tỉnh A", reference_date=on, facts=facts,
                        observations={} if other is None else {"other": other})


def test_the_province_set_hands_over_from_321_to_51_annex_iii() -> None:
    assert ntp.ruleset("ntm.province", LAST_318).instrument.number == "321/QĐ-TTg"
    assert ntp.ruleset("ntm.province", FIRST_51).cite.startswith("51/2025/QĐ-TTg, Phụ lục III")


@pytest.mark.parametrize(("ntm_pct", "modern_pct", "other", "expected"), [
    (100, 10, True, CriteriaMet.MET),  # (1) 100 % of communes NTM, (2) at least 10 % modern: exactly at both
    (Decimal("99.9"), 10, True, CriteriaMet.NOT_MET),
    (100, Decimal("9.9"), True, CriteriaMet.NOT_MET),
    (100, 10, False, CriteriaMet.NOT_MET),
    (100, 10, None, None),  # the conditions after (1)-(2) not recorded: undecided, never met on two of them
    (Decimal("99.9"), 10, None, CriteriaMet.NOT_MET),  # one condition failed decides it all the same
])
def test_a_province_completes_the_2026_task_on_conditions_1_and_2_and_the_rest_recorded(
        ntm_pct: object, modern_pct: object, other: bool | None, expected: CriteriaMet | None) -> None:
    a = ntp.assess(province(communes_ntm_pct=ntm_pct, communes_modern_pct=modern_pct, other=other),
                   ntp.ruleset("ntm.province", ON))
    assert a.outcome is expected


def test_the_2026_province_share_of_ntm_communes_comes_from_the_communes_assessments() -> None:
    rs = ntp.ruleset("ntm.commune", ON)
    met = ntp.assess(commune(ALL_MET), rs)
    not_met = ntp.assess(commune({**ALL_MET, "7": False}), rs)
    p = ntp.with_commune_shares(province(communes_modern_pct=10, other=True), [met, met, met, not_met])
    assert p.fact("communes_ntm_pct") == 75
    assert p.fact("communes_advanced_pct") is None  # a 2026 commune's advanced standing is not decided
    assert ntp.assess(p, ntp.ruleset("ntm.province", ON)).outcome is CriteriaMet.NOT_MET
    everyone = ntp.with_commune_shares(province(communes_modern_pct=10, other=True), [met] * 4)
    assert ntp.assess(everyone, ntp.ruleset("ntm.province", ON)).outcome is CriteriaMet.MET


@pytest.mark.parametrize(("family", "on", "expected"), [
    ("ntm.commune.modern", FIRST_51, "51/2025/QĐ-TTg, Phụ lục II applies from 2026-02-15 and is not encoded"),
    ("ntm.commune.modern", LAST_318, "51/2025/QĐ-TTg, Phụ lục II applies only from 2026-02-15"),
    ("poverty.district", dt.date(2025, 6, 30), "(tiêu chí xác định huyện nghèo) applies from 2022-01-28"),
    ("poverty.district", dt.date(2025, 7, 1), "applied from 2022-01-28 to 2025-06-30 and is not encoded"),
])
def test_a_family_the_law_defines_but_nothing_encodes_says_so_on_every_date(family: str, on: dt.date,
                                                                          expected: str) -> None:
    with pytest.raises(ntp.NoRulesetInForce) as exc:
        ntp.ruleset(family, on)
    assert "no ruleset of this family is encoded" in str(exc.value)
    assert expected in str(exc.value)
    assert ntp.rulesets(family) == ()


def test_an_unknown_family_is_still_an_unknown_family() -> None:
    with pytest.raises(ntp.UnknownFamily):
        ntp.ruleset("ntm.commune.modem", FIRST_51)


NOT_ENCODED = FAMILY_END.replace("[[family_ends]]", "[[not_encoded]]").replace(
    'reason = "gone"', 'instrument = "2/T"\nreason = "text not found"')


def test_a_successor_not_encoded_is_data_and_the_loader_checks_it() -> None:
    cat = load_catalogue({"t.toml": NOT_ENCODED})
    with pytest.raises(ntp.NoRulesetInForce, match=r"2/T applies from 2025-07-01 and is not encoded: text not found"):
        cat.in_force("ntm.district", dt.date(2026, 1, 1))
    with pytest.raises(ntp.RuleDataError, match=r"the successor is encoded: delete this entry"):
        load_catalogue({"t.toml": NOT_ENCODED.replace("valid_to = 2025-06-30", "valid_to = 2025-12-31")})
    with pytest.raises(ntp.RuleDataError, match=r"given an end twice"):
        load_catalogue({"t.toml": NOT_ENCODED + FAMILY_END[FAMILY_END.index("[[family_ends]]"):]})
    with pytest.raises(ntp.RuleDataError, match=r"until.*2025-01-01 is before on = 2025-07-01"):
        load_catalogue({"t.toml": NOT_ENCODED.replace('instrument = "2/T"', 'instrument = "2/T"\nuntil = 2025-01-01')})


def test_a_family_with_no_ruleset_at_all_may_be_not_encoded_but_not_ended() -> None:
    only_new = NOT_ENCODED.replace('families = ["ntm.district"]', 'families = ["ntm.other"]')
    cat = load_catalogue({"t.toml": only_new})
    with pytest.raises(ntp.NoRulesetInForce, match=r"no ruleset of this family is encoded; 2/T applies from"):
        cat.in_force("ntm.other", dt.date(2026, 1, 1))
    with pytest.raises(ntp.RuleDataError, match=r"no ruleset of family 'ntm.other'"):
        load_catalogue({"t.toml": FAMILY_END.replace('families = ["ntm.district"]', 'families = ["ntm.other"]')})
