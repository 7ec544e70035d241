"""Official unit codes (before and after 1 July 2025) and dates as Vietnamese officials write them.

The code tables are checked against what the law and the GSO's lists say of them (63 → 34 provinces, 3,321
communes, every old unit taken over inside its province's successor), round-tripped by property, and used by
``assess``: a code in digits is checked on the unit's date and gives its province and region. Dates are read ISO
or day first, never month first, and ages are counted from a date of birth on the review's day.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.catalogue.units import REORGANISED, UnitLevel, is_official, level_of, unit_codes
from ntp_criteria.core.dates import age_on, parse_day

TABLE = unit_codes()
BEFORE = dt.date(2024, 6, 1)
AFTER = dt.date(2026, 3, 1)


def _codes(level: UnitLevel, on: dt.date) -> list[str]:
    return sorted(c for c, u in TABLE.table(on).items() if u.level is level)


OLD_COMMUNES, NEW_COMMUNES = _codes(UnitLevel.COMMUNE, BEFORE), _codes(UnitLevel.COMMUNE, AFTER)
OLD_PROVINCES, NEW_PROVINCES = _codes(UnitLevel.PROVINCE, BEFORE), _codes(UnitLevel.PROVINCE, AFTER)


# --- the tables ------------------------------------------------------------------------------------------------------

def test_the_tables_count_what_the_reorganisation_made() -> None:
    # NQ 202/2025/QH15: 63 provinces before, 34 from 2025-07-01; the GSO's list of the new communes: 3,321
    assert (len(OLD_PROVINCES), len(NEW_PROVINCES)) == (63, 34)
    assert len(NEW_COMMUNES) == 3321
    assert len(OLD_COMMUNES) == 10035
    assert len(_codes(UnitLevel.DISTRICT, BEFORE)) == 696
    assert _codes(UnitLevel.DISTRICT, AFTER) == []


def test_every_old_province_went_into_exactly_one_new_one() -> None:
    taken = sorted(old.code for new in NEW_PROVINCES for old in ntp.unit_predecessors(new))
    assert taken == OLD_PROVINCES
    # a few the law names: Hà Giang (02) and Tuyên Quang (08) are the new Tuyên Quang (08); Bắc Giang's code 24 is
    # the new Bắc Ninh's
    assert [p.code for p in ntp.unit_predecessors("08")] == ["02", "08"]
    assert [s.unit.name for s in ntp.unit_successors("24")] == ["Tỉnh Bắc Ninh"]
    assert ntp.official_unit("24", on=BEFORE).name == "Tỉnh Bắc Giang"
    assert ntp.official_unit("24", on=AFTER).name == "Tỉnh Bắc Ninh"


def test_every_old_commune_is_taken_over_inside_its_provinces_successor() -> None:
    for code in OLD_COMMUNES:
        old = TABLE.before[code]
        successions = TABLE.successions(code)
        assert successions, f"{code} {old.name} has no successor"
        provinces = {s.unit.code for s in TABLE.successions(old.province_code)}
        assert {s.unit.province_code for s in successions} <= provinces, code
        # a divided commune lists every part, and none is called whole
        assert len(successions) == 1 or not any(s.whole for s in successions), code


def test_a_divided_commune_lists_every_part() -> None:
    # Phường Cống Vị (00007, Ba Đình) was divided between the new Phường Ngọc Hà and Phường Giảng Võ
    parts = ntp.unit_successors("00007")
    assert [(s.unit.code, s.whole) for s in parts] == [("00008", False), ("00025", False)]


def test_the_tables_cite_their_sources_and_none_claims_to_be_read_in_the_law() -> None:
    raw = tomllib.loads((resources.files("ntp_criteria") / "data" / "units.toml").read_text(encoding="utf-8"))
    statuses = {name: t["source"]["status"] for name, t in raw["tables"].items()}
    assert set(statuses) == {"provinces-before", "provinces-after", "districts-before", "communes-before",
                             "communes-after", "commune-successors"}
    assert "verified" not in statuses.values()
    assert statuses["commune-successors"] == "unverified"
    for name, table in raw["tables"].items():
        assert table["source"]["cite"].strip() and table["source"].get("url"), name
    unit = ntp.official_unit("00082", on=AFTER)
    assert unit.source.status is ntp.Status.SECONDARY and "1027/CTK-CSCL" in unit.source.cite


@given(st.sampled_from(OLD_COMMUNES + OLD_PROVINCES + _codes(UnitLevel.DISTRICT, BEFORE)))
def test_every_valid_old_code_round_trips(code: str) -> None:
    unit = ntp.official_unit(code, on=BEFORE)
    assert unit.code == code and unit.level is level_of(code)
    assert ntp.province_of_code(code, on=BEFORE).code == unit.province_code
    assert ntp.region_of_code(code, on=BEFORE) is not None  # every old province is in one of the 7 regions


@given(st.sampled_from(NEW_COMMUNES + NEW_PROVINCES))
def test_every_valid_new_code_round_trips(code: str) -> None:
    unit = ntp.official_unit(code, on=AFTER)
    assert unit.code == code and unit.level is level_of(code) and unit.exists_on(REORGANISED)
    assert ntp.province_of_code(code, on=AFTER).level is UnitLevel.PROVINCE
    assert ntp.region_of_code(code, on=AFTER) is None  # the 34 provinces do not map to one region each


@given(st.text(max_size=7))
def test_a_code_that_is_not_digits_of_a_level_is_refused_with_its_path(text: str) -> None:
    if level_of(text) is not None:
        return
    with pytest.raises(ntp.InputError) as caught:
        ntp.official_unit(text, on=AFTER)
    assert caught.value.problems[0].path == "$.code"


def test_an_unknown_code_says_what_it_was_or_became() -> None:
    with pytest.raises(ntp.UnknownCode) as caught:
        ntp.official_unit("00073", on=AFTER)
    message = str(caught.value)
    assert "$.code" in message and "until 2025-06-30 it was Phường Cửa Nam" in message and "00082" in message
    with pytest.raises(KeyError):  # UnknownCode is a KeyError too
        ntp.official_unit("99999", on=AFTER)
    with pytest.raises(ntp.InputError, match=r"\$\.code"):
        ntp.official_unit(1234, on=AFTER)  # type: ignore[arg-type]


# --- codes in assessments ----------------------------------------------------------------------------------------

def test_a_commune_code_gives_the_province_and_the_region() -> None:
    by_code = ntp.assess(ntp.Commune(name="Yên Thành", code="01234", reference_date=BEFORE))
    by_name = ntp.assess(ntp.Commune(name="Yên Thành", province="Hà Giang", reference_date=BEFORE))
    by_province_code = ntp.assess(ntp.Commune(name="Yên Thành", province="02", reference_date=BEFORE))
    assert by_code.outcome == by_name.outcome == by_province_code.outcome
    assert "Trung du và miền núi phía Bắc" in by_code.explain("vi")
    assert by_code.explain("en").split("\n")[1] == by_name.explain("en").split("\n")[1]


def test_thua_thien_hue_keeps_its_region_under_its_new_name() -> None:
    assert ntp.region_of_code("46", on=BEFORE) is ntp.Region.BTB


@pytest.mark.parametrize(("fields", "path", "words"), [
    ({"code": "1234"}, "$.code", "5 digits"),
    ({"code": "99999", "reference_date": AFTER}, "$.code", "no commune has the official code"),
    ({"code": "01", "reference_date": AFTER}, "$.code", "5 digits"),
    ({"code": "01234", "province": "04"}, "$.province", "not the province of '01234'"),
    ({"province": "03"}, "$.province", "no province has the official code '03'"),
])
def test_a_bad_code_is_an_input_error_naming_the_field(fields: dict[str, object], path: str, words: str) -> None:
    commune = ntp.Commune(**{"name": "X", "reference_date": BEFORE, **fields})  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError) as caught:
        ntp.assess(commune)
    assert [(p.path, words in p.message) for p in caught.value.problems] == [(path, True)]


def test_codes_in_other_characters_and_village_codes_are_the_callers_own() -> None:
    assert not is_official("HN-0001")
    ntp.assess(ntp.Commune(name="X", code="HN-0001", reference_date=AFTER))
    ntp.assess(ntp.Village(name="Thôn 1", code="7", reference_date=BEFORE))


def test_before_the_reorganisation_an_older_communes_code_is_not_refused() -> None:
    # the list of 30 June 2025 lacks communes merged away earlier: a well-formed code cannot be refused then
    assert TABLE.find("99999", BEFORE) is None
    ntp.assess(ntp.Commune(name="X", code="99999", reference_date=BEFORE))


# --- dates -------------------------------------------------------------------------------------------------------

DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@given(DAYS)
def test_iso_and_day_first_dates_round_trip(day: dt.date) -> None:
    assert parse_day(day.isoformat()) == day
    for sep in "/-.":
        assert parse_day(f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}") == day
        assert parse_day(f"{day.day}{sep}{day.month}{sep}{day.year}") == day
    assert parse_day(f"ngày {day.day} tháng {day.month} năm {day.year}") == day


@given(DAYS)
def test_day_first_parsing_never_swaps_day_and_month(day: dt.date) -> None:
    month_first = f"{day.month:02d}/{day.day:02d}/{day.year}"
    if day.day > 12:
        with pytest.raises(ValueError, match="never swapped"):
            parse_day(month_first)
    else:  # read day first: the first number is the day, whatever it would mean month first
        assert (parse_day(month_first).day, parse_day(month_first).month) == (day.month, day.day)


def test_three_april_is_day_first() -> None:
    assert parse_day("03/04/2024") == dt.date(2024, 4, 3)


@pytest.mark.parametrize("text", ["31/02/2024", "29/02/2023", "2024-02-30", "00/01/2024", "11/2024", "2024",
                                  "15/11/24", "2024/11/15", "15/11/2024 10:00", "15/11-2024", "", "mười lăm"])
def test_impossible_partial_and_ambiguous_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)


@given(st.dates(dt.date(1920, 3, 1), dt.date(2020, 12, 31)), st.integers(0, 100))
def test_age_counts_whole_years_to_the_birthday(born: dt.date, years: int) -> None:
    birthday = born + relativedelta(years=years)
    assert age_on(born, birthday) == years
    if years:
        assert age_on(born, birthday - dt.timedelta(days=1)) == years - 1


def test_members_age_from_a_date_of_birth_on_the_reviews_day() -> None:
    on = dt.date(2024, 11, 15)
    assert ntp.Member.born(dt.date(2008, 11, 16), on).age == 15  # still "under 16" the day before
    assert ntp.Member.born(dt.date(2008, 11, 15), on).age == 16
    with pytest.raises(ntp.InputError, match=r"\$\.date_of_birth"):
        ntp.Member.born(dt.date(2025, 1, 1), on)
    hh = ntp.Household.from_dict({"area": "rural", "reference_date": "2024-11-15",
                                  "members": [{"date_of_birth": "2018-11-16"}, {"age": 40}]})
    assert [m.age for m in hh.members] == [5, 40]


def test_an_age_that_disagrees_with_the_date_of_birth_is_an_error() -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.Household(area="rural", reference_date=dt.date(2024, 11, 15),
                      members=[ntp.Member(30), ntp.Member(10, date_of_birth=dt.date(2008, 11, 15))])
    assert [p.path for p in caught.value.problems] == ["$.members[1].age"]
    assert "gives 16 on 2024-11-15" in caught.value.problems[0].message


def test_the_school_age_rule_counts_from_the_date_of_birth() -> None:
    # NĐ 07/2021: a child "from 3 to under 16" not in school; one who turns 16 on the review's day is no longer
    # counted, one who turns 16 the next day still is
    on = dt.date(2024, 11, 15)
    rs = ntp.ruleset("poverty.household", on)
    school = next(i for _, i in rs.indicators() if i.measure == "household.child_schooling")
    sixteen = int(school.parameter("age_to").number()) + 1
    assert sixteen == 16

    def child(born: dt.date) -> ntp.ResultStatus:
        hh = ntp.Household(area="rural", reference_date=on, monthly_income_per_capita=10_000_000,
                           members=[ntp.Member(35), ntp.Member.born(born, on, in_school=False)])
        return ntp.assess(hh, rs).result(school.code).status

    turns_16_today = on - relativedelta(years=sixteen)
    assert child(turns_16_today) is ntp.ResultStatus.NOT_MET
    assert child(turns_16_today + dt.timedelta(days=1)) is ntp.ResultStatus.MET


def test_csv_and_the_command_line_take_day_first_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ntp_criteria.io.batch import parse_subjects
    from ntp_criteria.io.cli import main

    communes = parse_subjects("name,code,reference_date\nXã A,01234,15/11/2024\n", "csv", "commune")
    assert communes[0].reference_date == dt.date(2024, 11, 15)
    with pytest.raises(ntp.InputError, match="day first"):
        parse_subjects("id,area,reference_date\nh1,rural,11/15/2024\n", "csv", "household")
    with pytest.raises(ntp.InputError) as caught:
        parse_subjects("name,reference_date,valid_from\nXã A,11/15/2024,x\n", "csv", "commune")
    assert [p.path for p in caught.value.problems] == ["$[0].reference_date", "$[0].valid_from"]
    assert "never swapped" in caught.value.problems[0].message
    households = parse_subjects("id,area,reference_date\nh1,rural,03/04/2024\n", "csv", "household")
    assert households[0].reference_date == dt.date(2024, 4, 3)
    assert main(["show", "poverty.household", "--on", "15/11/2024"]) == 0
    day_first = capsys.readouterr().out
    assert main(["show", "poverty.household", "--on", "2024-11-15"]) == 0
    assert capsys.readouterr().out == day_first


def test_a_malformed_code_table_names_the_file_and_the_row() -> None:
    from ntp_criteria.catalogue.units import parse_unit_codes

    folder = resources.files("ntp_criteria") / "data"
    raw = tomllib.loads((folder / "units.toml").read_text(encoding="utf-8"))
    texts = {"units.toml": (folder / "units.toml").read_text(encoding="utf-8")}
    files = [t["file"] for t in raw["tables"].values() if "file" in t]
    texts |= {name: (folder / name).read_text(encoding="utf-8") for name in files}
    texts["units-communes-2025-07.csv"] += "1234,Xã Lạ,01\n"
    with pytest.raises(ntp.RuleDataError, match=r"units-communes-2025-07\.csv:3323.*'1234'"):
        parse_unit_codes(texts)
