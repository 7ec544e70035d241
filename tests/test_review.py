"""The annual review by points (Thông tư 07/2021/TT-BLĐTBXH as amended by Thông tư 02/2022/TT-BLĐTBXH, read in
VBHN 1315/VBHN-BLĐTBXH): the scorecard as rules data, the golden cases written from the per-region scorecards,
Phiếu A, Phiếu B2 from the members' facts, the dates the circular governs, and the properties of the points."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.core.forms import QuickIdentification, ReviewForm, ScorecardAnswers, row_group
from ntp_criteria.core.model import Status
from ntp_criteria.core.results import Observed, ResultStatus
from ntp_criteria.core.subjects import Dwelling, Member
from ntp_criteria.families.review import ReviewClass, ScreeningResult
from ntp_criteria.families.review._rows import ROW_WORDS
from ntp_criteria.io.review import explain_review, points_b

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "ntp_criteria" / "rules" / "tt-07-2021.toml"
SCORECARDS = ROOT / "tests" / "data" / "review_scorecards.toml"
ON = dt.date(2024, 10, 15)
B2 = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")
COLUMNS = ("dbsh", "tdmnpb", "btb-dhmt", "tn", "dnb", "dbscl", "urban")


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def _review() -> ntp.Ruleset:
    return ntp.ruleset("poverty.review", ON)


def _points(column: str) -> dict[str, tuple[Decimal, ...]]:
    out: dict[str, tuple[Decimal, ...]] = {}
    for p in _review().indicator("A.score").parameters:
        name = p.name.split("/")
        if name[0] == column:
            assert isinstance(p.value, Decimal)
            out[name[1]] = (*out.get(name[1], ()), p.value)
    return out


# --- the data --------------------------------------------------------------------------------------------------


def test_every_scorecard_cell_is_verified_and_cited_to_its_row_and_column() -> None:
    params = [p for p in _review().indicator("A.score").parameters]
    assert len(params) == 470  # 66 rows × 7 columns, item 15 in the urban column only (7), one cell on two forms
    for p in params:
        assert p.provenance.status is Status.VERIFIED
        assert "VBHN 1315/VBHN-BLĐTBXH" in p.provenance.cite
        assert p.unit == "điểm"
    cell = next(p for p in params if p.name == "dbsh/1.1")
    assert cell.value == 105
    assert cell.provenance.cite == ("VBHN 1315/VBHN-BLĐTBXH, Phụ lục III, Mẫu số 3.3, dòng 1.1 'Hộ có 1 người', cột "
                                    "Nông thôn đồng bằng sông Hồng")


def test_the_rules_file_prints_the_row_words_the_scorecard_uses() -> None:
    rows = _toml(RULES)["rulesets"][0]["criteria"][0]["indicators"][0]["parameter_tables"][0]["rows"]
    assert {code: row["label"] for code, row in rows.items()} == ROW_WORDS


def test_each_regional_scorecard_agrees_with_the_table_of_mau_3_3_but_one_cell_which_has_both_readings() -> None:
    cards = _toml(SCORECARDS)["scorecard"]
    compared = 0
    for card in cards:
        points = _points(card["column"])
        for item in card["items"]:
            for row in item["rows"]:
                values = points[row["code"]]
                assert Decimal(row["points"]) in values, (card["form"], row["code"])
                if (card["form"], row["code"]) == ("3.8", "12.4"):
                    assert sorted(values) == [Decimal(30), Decimal(40)]  # Mẫu số 3.3 prints 30, Mẫu số 3.8 prints 40
                else:
                    assert values == (Decimal(row["points"]),), (card["form"], row["code"])
                compared += 1
    assert compared == 468  # 73 + 6 × 66 − 1: Mẫu số 3.6 does not print row 12.7 (0 points in 3.3)


def test_every_cell_is_a_multiple_of_5_so_one_point_either_side_of_a_line_cannot_be_scored() -> None:
    for column in COLUMNS:
        assert all(v % 5 == 0 and v >= 0 for values in _points(column).values() for v in values)


# --- golden cases: tests/golden/review/tt-07-2021.golden.toml, run by the pytest plugin (and `ntp-criteria test`) --


def _form(**kw: Any) -> ReviewForm:
    base: dict[str, Any] = {"area": "rural", "reference_date": ON, "region": "dbsh"}
    return ReviewForm(**{**base, **kw})


ALL_ASKED = {str(k): [] for k in range(1, 15)}


def test_an_item_not_asked_leaves_the_points_open_and_the_class_undecided_unless_the_known_rows_decide() -> None:
    open_form = _form(b1={**ALL_ASKED, "1": ["1.4"], "12": []} | {"12": []}, b2_deprived=B2[:3],
                      b2_not_deprived=B2[3:])
    del_item = dict(open_form.b1.items)
    del del_item["13"]
    a = ntp.assess(attrs.evolve(open_form, b1=del_item))
    score = a.result("A.score")
    assert score.status is ResultStatus.MET  # 60 + at most 70 from item 13 (dbsh: 5 + 10 + 10 + 15 + 30) ≤ 140
    assert isinstance(score.observed, Observed) and not score.observed.exact
    assert score.observed == Observed(Decimal(60), Decimal(130), "điểm")
    rich = dict(del_item, **{"1": ["1.1"], "12": ["12.1", "12.4"]})  # 105 + 55 + 35 > 140 whatever 13 adds
    assert ntp.assess(attrs.evolve(open_form, b1=rich)).outcome is ReviewClass.NOT_POOR
    straddle = dict(del_item, **{"1": ["1.1"]})  # 105, + up to 70 from item 13
    b = ntp.assess(attrs.evolve(open_form, b1=straddle))
    assert b.outcome is None and set(b.candidates) == {ReviewClass.POOR, ReviewClass.NOT_POOR}


def test_the_two_readings_of_tay_nguyen_row_12_4_decide_only_where_they_agree() -> None:
    base = {**ALL_ASKED, "1": ["1.4"], "2": ["2.2"], "5": ["5.3"], "10": ["10.2"]}  # TN: 50 + 5 + 15 + 10 = 80
    form = _form(region="tn", b1={**base, "12": ["12.4"]}, b2_deprived=B2[:3], b2_not_deprived=B2[3:])
    assert ntp.assess(form).outcome is ReviewClass.POOR  # 110 or 120: both within 140
    at_edge = attrs.evolve(form, b1={**base, "12": ["12.4"], "13": ["13.8"]})  # TN 13.8 = 0: still 110-120
    assert ntp.assess(at_edge).outcome is ReviewClass.POOR
    straddle = attrs.evolve(form, b1={**base, "12": ["12.4", "12.5"]})  # + 35 (tàu thuyền, TN): 145 or 155
    assert ntp.assess(straddle).outcome is ReviewClass.NOT_POOR
    split = attrs.evolve(form, b1={**base, "12": ["12.4"], "14": ["14.3"]})  # + 30 (3 trâu bò, TN): 140 or 150
    result = ntp.assess(split)
    assert result.outcome is None
    assert result.result("A.score").observed == Observed(Decimal(140), Decimal(150), "điểm")


def test_a_rural_household_needs_the_region_that_chooses_its_scorecard() -> None:
    a = ntp.assess(_form(region=None, b1=ALL_ASKED, b2_deprived=B2[:3], b2_not_deprived=B2[3:]))
    assert a.outcome is None
    assert "region not recorded" in (a.result("A.score").reason or "")


@pytest.mark.parametrize(("b1", "path"), [
    ({"1": ["1.1", "1.2"]}, "$.b1.1"),
    ({"1": ["1.9"]}, "$.b1.1['1.9']"),
    ({"15": ["15.1"]}, "$.b1.15['15.1']"),  # item 15 is on the urban scorecard only
    ({"2": ["1.1"]}, "$.b1.2[0]"),
    ({"12": ["12.2", "12.3"]}, "$.b1.12"),  # 1 and 2 motorbikes
    ({"x": ["1.1"]}, "$.b1['x']"),
    ({"1": "1.1"}, "$.b1.1"),
])
def test_a_row_the_scorecard_does_not_have_is_an_input_error_naming_it(b1: dict[str, Any], path: str) -> None:
    with pytest.raises(ntp.InputError) as exc:
        ntp.assess(_form(b1=b1))
    assert any(p.path == path for p in exc.value.problems), exc.value


def test_an_unknown_b2_code_is_an_input_error_naming_the_nearest() -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.b2_deprived\['1\.3'\]"):
        ntp.assess(_form(b2_deprived={"1.3"}))


# --- Phiếu B2 from the members' facts -------------------------------------------------------------------------

ADULT = Member(age=35, health_insured=True, in_school=False, education="upper_secondary", employment="self_employed",
               dependant=False, malnourished=False, uses_internet=True)
GOOD_HOME = Dwelling(floor_area_m2=60, durable_walls=True, durable_frame=True, durable_roof=True,
                     water_source="piped", latrine="septic")
NONE_DEPRIVED = {"members": (ADULT, ADULT), "dwelling": GOOD_HOME, "devices": {"television"}}
ONE_DEPRIVED: dict[str, dict[str, Any]] = {
    "1.1": {"members": (attrs.evolve(ADULT, employment="unemployed"), ADULT)},
    "1.2": {"members": (ADULT, attrs.evolve(ADULT, age=70, dependant=True), attrs.evolve(ADULT, age=8, dependant=True,
                                                                                        in_school=True))},
    "2.1": {"members": (ADULT, ADULT, attrs.evolve(ADULT, age=4, malnourished=True, in_school=True))},
    "2.2": {"members": (ADULT, attrs.evolve(ADULT, age=6, health_insured=False, in_school=True))},
    "3.1": {"members": (ADULT, attrs.evolve(ADULT, age=29, education="primary"))},
    "3.2": {"members": (ADULT, ADULT, attrs.evolve(ADULT, age=15, in_school=False))},
    "4.1": {"dwelling": attrs.evolve(GOOD_HOME, durable_walls=False, durable_roof=False)},
    "4.2": {"dwelling": attrs.evolve(GOOD_HOME, floor_area_m2=15)},
    "5.1": {"dwelling": attrs.evolve(GOOD_HOME, water_source="rainwater")},
    "5.2": {"dwelling": attrs.evolve(GOOD_HOME, latrine="simple_pit")},
    "6.1": {"members": (attrs.evolve(ADULT, uses_internet=False), attrs.evolve(ADULT, uses_internet=False))},
    "6.2": {"devices": set()},
}


@pytest.mark.parametrize("code", B2)
def test_each_b2_indicator_from_the_members_and_dwelling(code: str) -> None:
    a = ntp.assess(_form(b1=ALL_ASKED, **{**NONE_DEPRIVED, **ONE_DEPRIVED[code]}))
    met = [r.code for r in a.indicators if r.criterion == "B" and r.status is ResultStatus.MET]
    assert met == [code]
    assert points_b(a) == Observed.exactly(Decimal(10), "điểm")


def test_none_deprived_scores_zero_points_b() -> None:
    a = ntp.assess(_form(b1=ALL_ASKED, **NONE_DEPRIVED))
    assert points_b(a) == Observed.exactly(Decimal(0), "điểm")
    assert a.outcome is ReviewClass.NEAR_POOR  # 0 points A (nothing marked) ≤ 140 and điểm B < 30


def test_a_30_year_old_is_outside_3_1_the_form_says_under_30() -> None:
    members = (ADULT, attrs.evolve(ADULT, age=30, education="primary"))
    a = ntp.assess(_form(b1=ALL_ASKED, **{**NONE_DEPRIVED, "members": members}))
    assert a.result("3.1").status is ResultStatus.NOT_MET


# --- Phiếu A ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("excluded", "marked", "not_marked", "expect"), [
    (False, "123", "456789", ScreeningResult.REVIEW),  # 3 criteria: on the list for Phiếu B
    (False, "1234", "56789", ScreeningResult.NOT_REVIEWED),  # 4 criteria: the review stops
    (True, "", "123456789", ScreeningResult.NOT_REVIEWED),  # cột 0
    (False, "1", "23456", None),  # 3 columns not asked could reach 4
    (False, "1", "234567", ScreeningResult.REVIEW),  # at most 3 even if the last two are yes
])
def test_phieu_a(excluded: bool, marked: str, not_marked: str, expect: ScreeningResult | None) -> None:
    a = ntp.assess(QuickIdentification(reference_date=ON, excluded=excluded, marked=set(marked),
                                       not_marked=set(not_marked)))
    assert a.outcome is expect
    assert a.ruleset.criteria[1].count_threshold is not None
    assert a.ruleset.criteria[1].count_threshold.provenance.status is Status.VERIFIED


def test_a_phieu_a_column_outside_1_to_9_is_refused() -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.marked\['10'\]"):
        QuickIdentification(reference_date=ON, marked={"10"})


# --- validity --------------------------------------------------------------------------------------------------


def test_the_circular_governs_the_reviews_of_2022_to_2025_and_says_so_for_2026() -> None:
    assert ntp.ruleset("poverty.review", dt.date(2022, 1, 1)).valid_from == dt.date(2022, 1, 1)
    assert ntp.ruleset("poverty.review", dt.date(2025, 12, 31)).instrument.number == "07/2021/TT-BLĐTBXH"
    with pytest.raises(ntp.NoRulesetInForce, match="no text read says which forms and scorecards"):
        ntp.ruleset("poverty.review", dt.date(2026, 1, 1))
    with pytest.raises(ntp.NoRulesetInForce):
        ntp.ruleset("poverty.review", dt.date(2021, 12, 31))
    with pytest.raises(ntp.NoRulesetInForce, match="not encoded"):
        ntp.ruleset("poverty.review.screening", dt.date(2026, 3, 1))


def test_strict_mode_decides_the_points_on_verified_numbers_alone() -> None:
    a = ntp.assess(_form(b1={**ALL_ASKED, "1": ["1.4"]}, b2_deprived=B2[:3], b2_not_deprived=B2[3:]),
                   strict=Status.VERIFIED)
    assert a.outcome is ReviewClass.POOR


# --- the explanation -------------------------------------------------------------------------------------------


def test_the_explanation_reads_like_the_filled_scorecard() -> None:
    form = _form(b1={**ALL_ASKED, "1": ["1.4"], "12": ["12.2"]}, b2_deprived=B2[:3], b2_not_deprived=B2[3:])
    vi = explain_review(form)
    assert vi.splitlines()[0].startswith("Kết quả: Hộ nghèo")
    assert "cột Nông thôn đồng bằng sông Hồng" in vi
    assert "[X] 1.4 Hộ có 4 người: 60 điểm (Mẫu số 3.3)" in vi
    assert "[X] 12.2 1 xe máy, xe có động cơ: 15 điểm (Mẫu số 3.3)" in vi
    assert "Điểm A: 75 ≤ 140 điểm (nông thôn) ✔" in vi
    assert "Điểm B: 30 điểm (3 chỉ số thiếu hụt đã biết) ≥ 30 điểm ✔" in vi
    en = explain_review(form, "en")
    assert "Points A: 75 ≤ 140 (rural) ✔" in en and "Result: Poor household" in en


# --- properties ------------------------------------------------------------------------------------------------

_ROWS = sorted(ROW_WORDS, key=lambda r: tuple(int(k) for k in r.split(".")))


@st.composite
def forms(draw: st.DrawFn) -> ReviewForm:
    area = draw(st.sampled_from(["rural", "urban"]))
    region = draw(st.sampled_from(["dbsh", "tdmnpb", "btb-dhmt", "tn", "dnb", "dbscl", "central-city", None]))
    b1: dict[str, list[str]] = {}
    for item in map(str, range(1, 16 if area == "urban" else 15)):
        rows = [r for r in _ROWS if r.split(".")[0] == item]
        if not draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
            continue  # an item not asked, now and then
        chosen = draw(st.lists(st.sampled_from(rows), unique=True))
        b1[item] = list({row_group(r): r for r in chosen}.values())  # one row of each group of answers
    deprived = draw(st.sets(st.sampled_from(B2)))
    unknown = draw(st.sets(st.sampled_from(B2))) - deprived if draw(st.booleans()) else set()
    return ReviewForm(area=area, reference_date=ON, region=region, b1=b1, b2_deprived=deprived,
                      b2_not_deprived=set(B2) - deprived - unknown)


def _rank(a: ntp.Assessment) -> set[int]:
    order = {ReviewClass.POOR: 0, ReviewClass.NEAR_POOR: 1, ReviewClass.NOT_POOR: 2}
    return {order[c] for c in a.candidates}  # type: ignore[index]


@settings(max_examples=150, deadline=None)
@given(forms(), st.data())
def test_marking_one_more_row_never_lowers_points_a_nor_makes_the_household_poorer(form: ReviewForm,
                                                                                  data: st.DataObject) -> None:
    answers = dict(form.b1.items)
    taken = {row_group(r) for rows in answers.values() for r in rows}
    extra = [r for r in _ROWS if r.split(".")[0] in answers and row_group(r) not in taken
             and (form.area.value == "urban" or not r.startswith("15."))]
    if not extra:
        return
    row = data.draw(st.sampled_from(extra))
    item = row.split(".")[0]
    richer = attrs.evolve(form, b1={**answers, item: [*answers[item], row]})
    before, after = ntp.assess(form), ntp.assess(richer)
    a0, a1 = before.result("A.score").observed, after.result("A.score").observed
    if isinstance(a0, Observed) and isinstance(a1, Observed):
        assert a1.low >= a0.low and a1.high >= a0.high
    assert min(_rank(after)) >= min(_rank(before)) and max(_rank(after)) >= max(_rank(before))


@settings(max_examples=150, deadline=None)
@given(forms(), st.sampled_from(B2))
def test_one_more_deprivation_never_lowers_points_b_nor_makes_the_household_less_poor(form: ReviewForm,
                                                                                      code: str) -> None:
    worse = attrs.evolve(form, b2_deprived=form.b2_deprived | {code}, b2_not_deprived=form.b2_not_deprived - {code})
    before, after = ntp.assess(form), ntp.assess(worse)
    b0, b1 = points_b(before), points_b(after)
    assert b1.low >= b0.low and b1.high >= b0.high
    assert min(_rank(after)) <= min(_rank(before)) and max(_rank(after)) <= max(_rank(before))


def test_scorecard_answers_are_frozen_and_ordered_like_the_form() -> None:
    answers = ScorecardAnswers.of({"12": ["12.2"], "2": ["2.1"], "1": []})
    assert [item for item, _ in answers] == ["1", "2", "12"]
    assert answers.asked("1") and not answers.asked("3")
    assert hash(answers) == hash(ScorecardAnswers.of({"1": [], "2": ["2.1"], "12": ["12.2"]}))


# --- the columnar path agrees with the per-record engine -------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(forms(), min_size=1, max_size=20))
def test_the_columnar_path_gives_every_form_the_engines_points_and_class(batch: list[ReviewForm]) -> None:
    from ntp_criteria.families.review.columnar import CODES, UNDECIDED, arrays_of, score_columns

    ruleset = _review()
    out = score_columns(ruleset, **arrays_of(batch, ruleset))
    for i, form in enumerate(batch):
        a = ntp.assess(form)
        expect = CODES[a.outcome] if a.outcome is not None else UNDECIDED  # type: ignore[index]
        assert out.classes[i] == expect, a.explain("en")
        score = a.result("A.score").observed
        if isinstance(score, Observed):
            assert (out.points_a_low[i], out.points_a_high[i]) == (score.low, score.high)
        else:  # a rural form without a scorecard: no bound
            assert (out.points_a_low[i], out.points_a_high[i]) == (0, -1)
        b = points_b(a)
        assert (out.points_b_low[i], out.points_b_high[i]) == (b.low, b.high)


def test_the_columnar_path_refuses_arrays_of_the_wrong_shape() -> None:
    import numpy as np

    from ntp_criteria.families.review.columnar import arrays_of, score_columns

    arrays = arrays_of([_form(b1=ALL_ASKED)], _review())
    with pytest.raises(ntp.InputError, match=r"\$\.marked"):
        score_columns(_review(), **{**arrays, "marked": arrays["marked"][:, :3]})
    with pytest.raises(ntp.InputError, match=r"\$\.column"):
        score_columns(_review(), **{**arrays, "column": np.array([9], np.int8)})


# --- Phụ lục VIII: farm households with a middle living standard ------------------------------------------------


def _survey(area: str, total_thousand: int, members: int | None = 4) -> Any:
    from ntp_criteria.core.forms import FarmIncomeSurvey

    return FarmIncomeSurvey.from_dict({"area": area, "reference_date": "2024-05-01", "members": members, "lines": [
        {"source": "1", "revenue": total_thousand + 20_000, "cost": 20_000}]})


@pytest.mark.parametrize(("area", "monthly", "expect"), [
    ("rural", 1_500_000, "not_middle_living_standard"),  # 'trên 1.500.000': the line itself is not in the band
    ("rural", 1_500_250, "middle_living_standard"),
    ("rural", 2_250_000, "middle_living_standard"),  # 'đến 2.250.000'
    ("rural", 2_250_250, "not_middle_living_standard"),
    ("urban", 2_000_000, "not_middle_living_standard"),
    ("urban", 3_000_000, "middle_living_standard"),
    ("urban", 3_000_250, "not_middle_living_standard"),
])
def test_phu_luc_viii_middle_living_standard_at_the_band_edges(area: str, monthly: int, expect: str) -> None:
    total_thousand = monthly * 4 * 12 // 1000  # 4 members, 12 months, thousand đồng
    a = ntp.assess(_survey(area, total_thousand))
    assert a.outcome is not None and a.outcome.value == expect
    assert a.result("middle.above_line").observed == Observed.exactly(Decimal(monthly), "VND/person/month")


def test_phu_luc_viii_subtracts_costs_row_by_row_and_needs_the_members() -> None:
    from ntp_criteria.core.forms import FarmIncomeSurvey

    s = FarmIncomeSurvey.from_dict({"area": "rural", "reference_date": "2023-11-01", "members": 3, "lines": [
        {"source": "1", "revenue": 50_000, "cost": 15_000}, {"source": "2", "revenue": 30_000, "cost": 10_000},
        {"source": "8", "revenue": 12_000, "cost": 0}]})
    # (50 + 30 + 12 − 15 − 10) million đồng = 67,000 thousand; / 3 / 12 = 1,861,111.1… đồng
    observed = ntp.assess(s).result("middle.ceiling").observed
    assert isinstance(observed, Observed) and observed.low * 36 == 67_000_000
    assert ntp.assess(_survey("rural", 80_000, members=None)).outcome is None
    with pytest.raises(ntp.InputError, match=r"\$\.lines\[1\]\.source"):
        FarmIncomeSurvey.from_dict({"area": "rural", "reference_date": "2023-11-01", "members": 3, "lines": [
            {"source": "1", "revenue": 1, "cost": 0}, {"source": "1", "revenue": 1, "cost": 0}]})
    with pytest.raises(ntp.InputError, match="source"):
        FarmIncomeSurvey.from_dict({"area": "rural", "reference_date": "2023-11-01", "lines": [
            {"source": "10", "revenue": 1, "cost": 0}]})


# --- the review and the decree agree on the deprivations -------------------------------------------------------

#: Phiếu B2's indicators and the codes of the same conditions in NĐ 07/2021's rules data
DECREE_CODES = {"1.1": "employment", "1.2": "dependants", "2.1": "nutrition", "2.2": "health_insurance",
                "3.1": "adult_education", "3.2": "child_schooling", "4.1": "housing_quality", "4.2": "floor_area",
                "5.1": "water", "5.2": "latrine", "6.1": "telecom", "6.2": "information_devices"}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_review_and_the_household_assessment_from_raw_facts_agree_on_every_deprivation(data: st.DataObject) -> None:
    from ntp_criteria.testing.strategies import households

    on = data.draw(st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31)))
    hh = data.draw(households(on=st.just(on)))
    form = ReviewForm(area=hh.area, reference_date=hh.reference_date, region="dbsh", b1=ALL_ASKED,
                      members=hh.members, dwelling=hh.dwelling, devices=hh.devices)
    decree, review = ntp.assess(hh), ntp.assess(form)
    assert decree.ruleset.instrument.number == "07/2021/NĐ-CP"
    for code, decree_code in DECREE_CODES.items():
        assert review.result(code).status is decree.result(decree_code).status, (code, decree_code)


# --- the exported strategies draw forms the rules accept -------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_exported_strategies_draw_forms_that_assess_without_error(data: st.DataObject) -> None:
    from ntp_criteria.testing._review_strategies import farm_income_surveys, quick_identifications, review_forms

    form = data.draw(review_forms())
    assert ntp.assess(form).ruleset.family == "poverty.review"
    assert ntp.assess(data.draw(quick_identifications())).ruleset.family == "poverty.review.screening"
    complete = data.draw(review_forms(missing=False))
    two_readings = complete.region is not None and complete.region.value == "tn" and "12.4" in complete.b1.marked()
    assert ntp.assess(complete).decided or two_readings  # all asked and known decides, but for the cell read twice
    survey = data.draw(farm_income_surveys())
    assert ntp.assess(survey).decided


# --- review forms as payloads and through the batch command line -----------------------------------------------


def test_a_review_form_round_trips_as_a_payload_and_its_schema_validates_it() -> None:
    import jsonschema

    from ntp_criteria.io import json as ntp_json
    from ntp_criteria.io.schema import payload_schema

    form = _form(b1={**ALL_ASKED, "1": ["1.4"], "12": ["12.2", "12.7"]}, b2_deprived={"1.1"}, id="HH-9")
    payload = ntp_json.to_payload(form)
    assert payload["data"]["b1"]["12"] == ["12.2", "12.7"]
    jsonschema.validate(payload, payload_schema())
    assert ntp_json.from_payload(payload, ReviewForm) == form


def test_review_forms_stream_through_the_batch_command(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    rows = tmp_path / "forms.jsonl"
    rows.write_text("\n".join(json.dumps(r) for r in (
        {"id": "HH-1", "area": "rural", "reference_date": "2024-10-15", "region": "dbsh",
         "b1": {**ALL_ASKED, "1": ["1.4"]}, "b2_deprived": list(B2[:3]), "b2_not_deprived": list(B2[3:])},
        {"id": "HH-2", "area": "urban", "reference_date": "2024-10-15", "b1": {"1": ["1.9"]}},
    )) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ntp_criteria", "assess", str(rows), "--kind", "review_form",
                           "--format", "jsonl"], capture_output=True, text=True, check=False)
    assert done.returncode == 1  # a bad row
    records = json.loads(done.stdout)["data"]
    assert records[0]["outcome"] == "poor" and records[0]["family"] == "poverty.review"
    assert records[1]["error"][0]["path"] == "$[1].b1.1['1.9']"  # rooted at the row, as a read error is
    assert "row 2" in done.stderr


# --- the fast per-record scorer agrees with the engine ---------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(forms())
def test_the_fast_scorer_gives_every_form_the_engines_points_and_class(form: ReviewForm) -> None:
    from ntp_criteria.families.review.fast import ReviewScorer

    scorer = ReviewScorer(ntp.ruleset("poverty.review", form.reference_date))
    got = scorer.score(form)
    assert got is not None  # B2 is marked on these forms
    a = ntp.assess(form)
    assert got.outcome is a.outcome
    score = a.result("A.score").observed
    assert got.points_a == ((score.low, score.high) if isinstance(score, Observed) else None)
    b = points_b(a)
    assert got.points_b == (b.low, b.high)


def test_the_fast_scorer_leaves_a_form_with_facts_to_the_engine() -> None:
    from ntp_criteria.families.review.fast import ReviewScorer

    form = _form(b1=ALL_ASKED, **NONE_DEPRIVED)
    assert ReviewScorer(_review()).score(form) is None


def test_the_nutrition_table_is_in_the_rules_cell_by_cell_and_read_by_no_measure() -> None:
    table = _toml(ROOT / "tests" / "data" / "review-2022-2025.toml")["nutrition"]
    params = {p.name: p for p in _review().indicator("2.1").parameters if "/" in p.name}
    expected = {f"{column}/m{row['age_months']}": Decimal(row[key])
                for row in table for column, key in (("weight-boy", "weight_boy"), ("weight-girl", "weight_girl"),
                                                     ("height-boy", "height_boy"), ("height-girl", "height_girl"))
                if row[key] != "-"}
    assert {name: p.value for name, p in params.items()} == expected
    assert len(expected) == 154 and all(p.provenance.status is Status.VERIFIED for p in params.values())
    assert params["height-girl/m192"].provenance.cite.endswith("dòng '16 tuổi', cột Chiều cao (cm), bé gái")


@pytest.mark.parametrize("b1", [{"1": ["1.9"]}, {"15": ["15.1"]}, {"12": ["12.2", "12.3"]}, {"1": ["1.1", "1.2"]}])
def test_the_fast_scorer_refuses_what_the_engine_refuses(b1: dict[str, list[str]]) -> None:
    from ntp_criteria.families.review.fast import ReviewScorer

    form = _form(b1=b1, b2_deprived=B2[:3], b2_not_deprived=B2[3:])
    with pytest.raises(ntp.InputError) as engine:
        ntp.assess(form)
    with pytest.raises(ntp.InputError) as fast:
        ReviewScorer(_review()).score(form)
    assert [p.path for p in fast.value.problems] == [p.path for p in engine.value.problems]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["rural", "urban"]),
       st.sampled_from(["dbsh", "tdmnpb", "btb-dhmt", "tn", "dnb", "dbscl", "central-city", None]),
       st.lists(st.sampled_from(_ROWS), unique=True, max_size=30), st.sets(st.sampled_from(B2)))
def test_the_fast_scorer_scores_or_refuses_any_marks_as_the_engine_does(area: str, region: str | None,
                                                                         marked: list[str],
                                                                         deprived: set[str]) -> None:
    # any rows at all: two of one answer, item 15 on a rural form, rows off the household's scorecard
    from ntp_criteria.families.review.fast import ReviewScorer

    b1: dict[str, list[str]] = {}
    for row in marked:
        b1.setdefault(row.split(".")[0], []).append(row)
    form = ReviewForm(area=area, reference_date=ON, region=region, b1=b1, b2_deprived=deprived,
                      b2_not_deprived=set(B2) - deprived)
    try:
        a = ntp.assess(form)
    except ntp.InputError as engine:
        with pytest.raises(ntp.InputError) as fast:
            ReviewScorer(_review()).score(form)
        assert [p.path for p in fast.value.problems] == [p.path for p in engine.problems]
        return
    got = ReviewScorer(_review()).score(form)
    assert got is not None and got.outcome is a.outcome
    score = a.result("A.score").observed
    assert got.points_a == ((score.low, score.high) if isinstance(score, Observed) else None)


@pytest.mark.parametrize("items", [(("x", frozenset()),), (("1", frozenset({"2.1"})),),
                                   (("1", frozenset()), ("1", frozenset())), "abc", (("1", ["1.1"]),)])
def test_scorecard_answers_built_directly_are_checked_as_of_checks_them(items: Any) -> None:
    with pytest.raises(ntp.InputError):
        ScorecardAnswers(items)


@pytest.mark.parametrize("subject", [None, 5, "form", ntp.Household(area="rural", reference_date=ON)])
def test_the_fast_scorer_refuses_what_is_not_a_form_as_assess_does(subject: Any) -> None:
    from ntp_criteria.families.review.fast import ReviewScorer

    with pytest.raises(ntp.InputError):
        ReviewScorer(_review()).score(subject)


def test_the_fast_scorer_is_built_only_from_a_review_ruleset() -> None:
    from ntp_criteria.families.review.fast import ReviewScorer

    with pytest.raises(TypeError, match="expected a Ruleset"):
        ReviewScorer(None)  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError, match=r"\$\.ruleset: expected a poverty.review ruleset"):
        ReviewScorer(ntp.ruleset("poverty.household", ON))
