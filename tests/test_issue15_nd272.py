"""NĐ 272/2025/NĐ-CP as its quoted articles settle it (issue #15): the 12 criteria of Điều 8 khoản 2 computed from a
commune's facts, the KV I / II / III rule of khoản 3 from their count (or from a recorded count that must agree
with them), and the mountainous village, commune and province of Điều 5. The golden cases
(tests/golden/ethnic/nd-272-2025*.golden.toml) check each threshold at and across; these check the rule's shape."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.families.areas import CommuneArea, Mountainous
from ntp_criteria.families.areas.ethnic import KV_CRITERIA

ON = dt.date(2026, 3, 1)
COMMUNES = ntp.ruleset("ethnic.commune", ON)
CRITERIA = [i.code for i in COMMUNES.criterion(KV_CRITERIA).indicators]
QUOTED = "https://github.com/tnt305/tai_lieu_noi_bo/blob/94c5034af72cc7e5020694d06eceb126a103d48b/src/etl/dataset/05c57d448c636b5f.md"

#: a commune of the area meeting none of the 12 criteria (every fact comfortably on the other side)
NONE_MET: dict[str, bool | int | Decimal] = {
    "em_people_share": 40, "income_pct_of_national": 60, "poverty_rate_times_national": 1,
    "electricity_contract_household_share": 99, "clean_water_standard_household_share": 50,
    "paved_commune_road_share": 90, "degraded_commune_road_share": 10, "commune_health_below_standard": False,
    "schools_facility_level1_share": 70, "ptdtnt_places_share": False, "ptdtbt_places_share": 100,
    "irrigated_farmland_pct": 70, "culture_sports_centre_below_standard": False, "villages_with_internet_share": 100,
    "hygienic_latrine_household_share": 80, "difficult_village_share": 0}
#: for each criterion, a fact that makes the commune meet it
MEETS: dict[str, tuple[str, bool | int | Decimal]] = {
    "8.2.1": ("income_pct_of_national", 40), "8.2.2": ("poverty_rate_times_national", 3),
    "8.2.3": ("electricity_contract_household_share", 90), "8.2.4": ("clean_water_standard_household_share", 20),
    "8.2.5": ("paved_commune_road_share", 70), "8.2.6": ("commune_health_below_standard", True),
    "8.2.7": ("schools_facility_level1_share", 40), "8.2.8": ("ptdtbt_places_share", 50),
    "8.2.9": ("irrigated_farmland_pct", 40), "8.2.10": ("culture_sports_centre_below_standard", True),
    "8.2.11": ("villages_with_internet_share", 90), "8.2.12": ("hygienic_latrine_household_share", 40)}


def commune(facts: dict[str, object], region: ntp.Region | None = ntp.Region.TDMNPB, **kw: object) -> ntp.Commune:
    return ntp.Commune(name="X", reference_date=ON, region=region, facts=facts, **kw)  # type: ignore[arg-type]


def meeting(codes: set[str], **extra: object) -> dict[str, object]:
    return {**NONE_MET, **dict(MEETS[c] for c in codes), **extra}


def expected_class(met: int, villages_pct: Decimal) -> CommuneArea:
    """Điều 8 khoản 3 as a table: under 3 KV I; 6 or more KV III; 3-5 KV III with half the villages extremely
    difficult, else KV II."""
    if met < 3:
        return CommuneArea.KV_I
    if met >= 6 or villages_pct >= 50:
        return CommuneArea.KV_III
    return CommuneArea.KV_II


# -- the data ------------------------------------------------------------------------------------------------------

def test_the_twelve_criteria_are_data_each_quoted_from_article_8_and_secondary() -> None:
    c = COMMUNES.criterion(KV_CRITERIA)
    assert [f"8.2.{k}" for k in range(1, 13)] == CRITERIA and set(MEETS) == set(CRITERIA)
    assert c.rollup is ntp.Rollup.COUNT and c.count_threshold is not None and c.count_threshold.value == 3
    numbers = [n for n in COMMUNES.numbers() if n.path.startswith("8.2")]
    assert numbers and all(n.provenance.status is ntp.Status.SECONDARY for n in numbers)
    assert all("272/2025/NĐ-CP, Điều 8" in n.provenance.cite and n.provenance.url == QUOTED for n in numbers)
    values = {n.path: n.value for n in numbers if "[" in n.path or n.path.count(".") == 3}
    assert values["8.2.1[all]"] == 50 and values["8.2.3[all]"] == 95 and values["8.2.4[all]"] == 30
    assert values["8.2.2[mekong_delta=no]"] == Decimal("2.0") and values["8.2.2[mekong_delta=yes]"] == Decimal("1.5")
    assert values["8.2.5.paved_below"] == 80 and values["8.2.5.degraded_above"] == 50
    assert values["8.2.8.ptdtnt_below"] == 80 and values["8.2.8.ptdtbt_below"] == 60
    assert [values[f"8.2.{k}[all]"] for k in (7, 9, 11, 12)] == [50, 50, 95, 50]


def test_the_khoan_3_cut_offs_come_from_the_quoted_article_and_agree() -> None:
    cut3, = COMMUNES.indicator("kv.criteria_3").thresholds
    cut6, = COMMUNES.indicator("kv.criteria_6").thresholds
    count = COMMUNES.criterion(KV_CRITERIA).count_threshold
    assert count is not None and (count.op, count.value) == (cut3.op, cut3.value)  # one legal number, two uses
    assert cut6.value == 6 and all("Điều 8 khoản 3" in t.provenance.cite for t in (cut3, cut6, count))
    assert count.provenance.status is cut6.provenance.status  # strict mode treats both cut-offs alike
    villages, = COMMUNES.indicator("kv.difficult_villages").thresholds
    assert (villages.op.value, villages.value) == (">=", 50)  # 'từ 50% số thôn trở lên', no longer '> 50'


# -- the KV class from the facts --------------------------------------------------------------------------------

VILLAGE_SHARES = [Decimal(0), Decimal("49.9"), Decimal(50), Decimal(100)]


@given(st.sets(st.sampled_from(sorted(MEETS))), st.sampled_from(VILLAGE_SHARES))
def test_the_class_follows_the_count_of_criteria_met_as_article_8_3_says(codes: set[str], villages: Decimal) -> None:
    a = ntp.assess(commune(meeting(codes, difficult_village_share=villages)), COMMUNES)
    assert a.criterion(KV_CRITERIA).met == len(codes)
    assert a.outcome is expected_class(len(codes), villages)


@given(st.sets(st.sampled_from(sorted(MEETS)), max_size=11), st.sampled_from(sorted(MEETS)))
def test_meeting_one_more_criterion_never_lowers_the_class(codes: set[str], extra: str) -> None:
    rank = {CommuneArea.KV_I: 1, CommuneArea.KV_II: 2, CommuneArea.KV_III: 3}
    before = ntp.assess(commune(meeting(codes)), COMMUNES).outcome
    after = ntp.assess(commune(meeting(codes | {extra})), COMMUNES).outcome
    assert before is not None and after is not None and rank[after] >= rank[before]


def test_unknown_criteria_leave_the_class_open_only_when_they_could_change_it() -> None:
    three = meeting({"8.2.1", "8.2.2", "8.2.3"})
    for name in ("schools_facility_level1_share", "irrigated_farmland_pct"):
        del three[name]
    a = ntp.assess(commune(three), COMMUNES)  # 3 met, 2 unknown: at most 5, under 6 either way
    assert a.outcome is CommuneArea.KV_II
    four = meeting({"8.2.1", "8.2.2", "8.2.3", "8.2.4"})
    for name in ("schools_facility_level1_share", "irrigated_farmland_pct"):
        del four[name]
    b = ntp.assess(commune(four), COMMUNES)  # 4 met, 2 unknown: 6 is possible
    assert b.outcome is None and sorted(c.value for c in b.candidates) == ["kv2", "kv3"]
    assert any("8.2.7" in r for r in b.reasons) and any("kv_criteria_met" in r for r in b.reasons)


def test_the_mekong_delta_level_needs_the_commune_s_region() -> None:
    a = ntp.assess(commune(meeting(set(), poverty_rate_times_national=Decimal("1.5")), region=None), COMMUNES)
    assert a.result("8.2.2").status is ntp.ResultStatus.MISSING and "mekong_delta" in (a.result("8.2.2").reason or "")
    assert a.outcome is CommuneArea.KV_I  # 0 met and 1 unknown: fewer than 3 either way
    delta = ntp.assess(commune(meeting(set(), poverty_rate_times_national=Decimal("1.5")), region=ntp.Region.DBSCL),
                       COMMUNES)
    assert delta.result("8.2.2").status is ntp.ResultStatus.MET


def test_strict_mode_decides_on_the_secondary_quotes_and_not_when_verified_numbers_are_required() -> None:
    c = commune(meeting({"8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.5", "8.2.6"}))
    assert ntp.assess(c, COMMUNES, strict=True).outcome is CommuneArea.KV_III
    assert ntp.assess(c, COMMUNES, strict=ntp.Status.VERIFIED).outcome is None
    recorded = commune({"em_people_share": 40}, observations={f"ethnic.commune:{k}": True for k in CRITERIA[:6]})
    strictest = ntp.assess(recorded, COMMUNES, strict=ntp.Status.VERIFIED)  # recorded yes/no rest on no number,
    assert strictest.outcome is None  # but the cut-offs of khoản 3 are secondary: the class stays open


# -- a recorded count ---------------------------------------------------------------------------------------------

def test_a_recorded_count_alone_still_decides() -> None:
    open_ = ntp.assess(commune({"em_people_share": 40, "kv_criteria_met": 5}), COMMUNES)
    assert open_.outcome is None and sorted(c.value for c in open_.candidates) == ["kv2", "kv3"]  # villages unknown
    five = commune({"em_people_share": 40, "kv_criteria_met": 5, "difficult_village_share": 10})
    assert ntp.assess(five, COMMUNES).outcome is CommuneArea.KV_II
    assert ntp.assess(commune({"em_people_share": 40, "kv_criteria_met": 6}), COMMUNES).outcome is CommuneArea.KV_III
    by_code = commune({"em_people_share": 40}, observations={"ethnic.commune:8.2": 6})
    assert ntp.assess(by_code, COMMUNES).outcome is CommuneArea.KV_III


def test_a_recorded_count_that_the_facts_contradict_is_an_input_error_naming_the_fact() -> None:
    facts = meeting({"8.2.1", "8.2.2", "8.2.3", "8.2.4"}, kv_criteria_met=6)
    with pytest.raises(ntp.InputError,
                       match=r"\$\.facts\['kv_criteria_met'\].*recorded as 6 criteria.*4 met, 0 unknown"):
        ntp.assess(commune(facts), COMMUNES)
    with pytest.raises(ntp.InputError, match=r"kv_criteria_met"):
        ntp.assess(commune(meeting(set(), kv_criteria_met=3)), COMMUNES)
    with pytest.raises(ntp.InputError, match=r"recorded count 6 disagrees with the indicators: 4 met, 0 unknown"):
        ntp.assess(commune(meeting({"8.2.1", "8.2.2", "8.2.3", "8.2.4"}),
                           observations={"ethnic.commune:8.2": 6}), COMMUNES)


def test_a_recorded_count_the_facts_leave_room_for_is_accepted() -> None:
    partial = meeting({"8.2.1", "8.2.2", "8.2.3", "8.2.4"}, kv_criteria_met=6)
    for name in ("schools_facility_level1_share", "irrigated_farmland_pct"):
        del partial[name]  # 4 met, 2 unknown: 6 is possible
    assert ntp.assess(commune(partial), COMMUNES).outcome is CommuneArea.KV_III


# -- the criteria that join two tests ------------------------------------------------------------------------------

@pytest.mark.parametrize(("paved", "degraded", "expected"), [
    (70, None, ntp.ResultStatus.MET),  # one test met is enough
    (None, 60, ntp.ResultStatus.MET),
    (90, None, ntp.ResultStatus.MISSING),  # the other could still make it
    (80, 50, ntp.ResultStatus.NOT_MET),  # exactly at both: 'dưới 80%', 'trên 50%'
])
def test_the_road_criterion_is_one_criterion_of_two_tests(paved: int | None, degraded: int | None,
                                                          expected: ntp.ResultStatus) -> None:
    facts = {k: v for k, v in NONE_MET.items() if not k.endswith("commune_road_share")}
    facts |= {k: v for k, v in (("paved_commune_road_share", paved), ("degraded_commune_road_share", degraded))
              if v is not None}
    assert ntp.assess(commune(facts), COMMUNES).result("8.2.5").status is expected


def test_the_boarding_criterion_reads_each_kind_of_school_and_leaves_a_commune_with_neither_open() -> None:
    def status(**boarding: object) -> ntp.ResultStatus:
        return ntp.assess(commune({**NONE_MET, **boarding}), COMMUNES).result("8.2.8").status

    assert status(ptdtnt_places_share=Decimal("79.9"), ptdtbt_places_share=False) is ntp.ResultStatus.MET
    assert status(ptdtnt_places_share=80, ptdtbt_places_share=60) is ntp.ResultStatus.NOT_MET
    assert status(ptdtnt_places_share=False, ptdtbt_places_share=0) is ntp.ResultStatus.MET  # no boarding house yet
    assert status(ptdtnt_places_share=False, ptdtbt_places_share=False) is ntp.ResultStatus.MISSING
    with pytest.raises(ntp.InputError, match=r"ptdtnt_places_share.*got true"):
        status(ptdtnt_places_share=True, ptdtbt_places_share=False)


# -- Điều 5: mountainous units --------------------------------------------------------------------------------------

@given(st.integers(min_value=1, max_value=10**6), st.data())
def test_two_thirds_is_compared_exactly(whole: int, data: st.DataObject) -> None:
    part = data.draw(st.integers(min_value=0, max_value=whole))
    v = ntp.Village(name="T", reference_date=ON, facts={"natural_area_ha": whole, "high_area_ha": part,
                                                        "steep_area_ha": 0})
    a = ntp.assess(v, ntp.ruleset("mountain.village", ON))
    assert (a.outcome is Mountainous.MOUNTAINOUS) == (Fraction(part, whole) >= Fraction(2, 3))


def test_the_three_levels_have_their_own_second_test() -> None:
    assert [i.code for i in ntp.ruleset("mountain.village", ON).criterion("5").indicators] == ["5.altitude", "5.slope"]
    assert [i.code for i in ntp.ruleset("mountain.commune", ON).criterion("5").indicators] == ["5.altitude",
                                                                                               "5.villages"]
    assert [i.code for i in ntp.ruleset("mountain.province", ON).criterion("5").indicators] == ["5.altitude",
                                                                                                "5.communes"]
    for family in ("mountain.village", "mountain.commune", "mountain.province"):
        rs = ntp.ruleset(family, ON)
        assert rs.valid_from == dt.date(2025, 12, 1) and rs.criterion("5").rollup is ntp.Rollup.ANY
        assert all(n.provenance.status is ntp.Status.SECONDARY and "Điều 5" in n.provenance.cite for n in rs.numbers())
    params = {p.name: p.value for p in ntp.ruleset("mountain.village", ON).indicator("5.slope").parameters}
    assert params == {"slope_from": 15}


def test_a_share_above_the_whole_is_an_input_error() -> None:
    c = ntp.Commune(name="X", reference_date=ON, facts={"village_count": 9, "mountainous_village_count": 10,
                                                        "natural_area_ha": 1, "high_area_ha": 0})
    with pytest.raises(ntp.InputError, match=r"mountainous_village_count.*from 0 to village_count"):
        ntp.assess(c, ntp.ruleset("mountain.commune", ON))


def test_a_mountainous_verdict_explains_itself_in_thirds() -> None:
    v = ntp.Village(name="T", reference_date=ON, facts={"natural_area_ha": 90, "high_area_ha": 70})
    text = ntp.assess(v, ntp.ruleset("mountain.village", ON)).explain("en")
    assert text.startswith("[T] Mountainous — Mountainous villages, 2026-2030")
    assert "≥ 2 thirds of the natural area" in text
