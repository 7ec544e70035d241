"""The public API is a contract other systems code against."""

from __future__ import annotations

import datetime as dt

import pytest

import ntp_criteria as ntp

EXPECTED_ALL = {
    "Area", "Assessment", "CitedValue", "Comparator", "ConflictingRules", "CriteriaError", "Criterion",
    "CriterionResult", "Device", "Dimension", "Dwelling", "EducationLevel", "Employment", "Household",
    "HouseholdClass", "Indicator", "IndicatorResult", "InputError", "InstrumentKind", "LatrineType",
    "LegalInstrument", "Member", "NoRulesetInForce", "Observed", "Parameter", "PovertyRates", "PovertyStatus",
    "Problem", "Provenance", "ResultStatus", "Rollup", "RuleDataError", "Ruleset", "Scope", "Status", "Threshold",
    "UndecidedError", "UnknownFamily", "WasteHandling", "WaterSource", "__version__", "assess",
    "instrument", "instruments", "poverty", "poverty_rates", "ruleset", "rulesets",
    # programme catalogue (issue 5)
    "BudgetLine", "Content", "LeadAgency", "Link", "Observation", "Programme", "Progress", "ProgressStatus",
    "Project", "Qualifier", "SubProject", "Target", "TargetKind", "find_units", "links_from", "links_to",
    "observe", "programme", "programmes", "progress",
    # the annual review's forms and classes (issue 14)
    "ReviewForm", "ReviewRegion", "QuickIdentification", "FarmIncomeSurvey", "FarmIncomeLine", "ReviewClass",
    "ScreeningResult", "FarmIncomeResult",
    # places and area classifications (issue 4)
    "CoastalCommune", "Commune", "CommuneArea", "CommuneGroup", "District", "Facts", "Province", "Region",
    "Village", "VillageArea",
    # districts and provinces (issue 3)
    "CommuneLevel", "DistrictLevel", "district_level", "with_commune_shares", "with_district_shares",
    # the layout of issue 12: the catalogue, the level functions side by side, the types a result carries
    "Catalogue", "default_catalogue", "load_catalogue", "region_of_province", "commune_level", "CriteriaMet",
    "LevelReport", "DistrictLevelReport", "areas", "ntm",
    # trust at the boundary (issue 13)
    "UnknownCode",
    # mountainous villages, communes and provinces (issue 15)
    "Mountainous",
    # rules packs (issue 16)
    "catalogue",
    # official unit codes, day-first dates, ages from a date of birth (issue 18)
    "OfficialUnit", "Succession", "UnitLevel", "official_unit", "province_of_code", "region_of_code",
    "unit_predecessors", "unit_successors", "age_on", "parse_day",
}


def test_public_names_are_exactly_the_contract() -> None:
    assert set(ntp.__all__) == EXPECTED_ALL
    for name in ntp.__all__:
        assert getattr(ntp, name) is not None


def test_every_public_object_is_documented() -> None:
    undocumented = [n for n in ntp.__all__ if not n.startswith("_") and callable(getattr(ntp, n))
                    and not (getattr(ntp, n).__doc__ or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize(("on", "number"), [
    (dt.date(2016, 1, 1), "59/2015/QĐ-TTg"),
    (dt.date(2021, 12, 31), "59/2015/QĐ-TTg"),
    (dt.date(2022, 1, 1), "07/2021/NĐ-CP"),
    (dt.date(2023, 6, 1), "07/2021/NĐ-CP"),
    (dt.date(2026, 12, 31), "07/2021/NĐ-CP"),
    (dt.date(2027, 1, 1), "351/2025/NĐ-CP"),
    (dt.date(2030, 12, 31), "351/2025/NĐ-CP"),
])
def test_ruleset_in_force(on: dt.date, number: str) -> None:
    assert ntp.ruleset("poverty.household", on=on).instrument.number == number


def test_amendment_from_its_date() -> None:
    before = ntp.ruleset("poverty.household", on=dt.date(2025, 2, 23))
    after = ntp.ruleset("poverty.household", on=dt.date(2025, 2, 24))
    assert before.amended_by == ()
    assert [i.number for i in after.amended_by] == ["30/2025/NĐ-CP"]
    assert after.has_indicator("income.low_income_worker")
    assert not before.has_indicator("income.low_income_worker")


def test_no_ruleset_in_force_names_family_and_date() -> None:
    with pytest.raises(ntp.NoRulesetInForce) as exc:
        ntp.ruleset("poverty.household", on=dt.date(2015, 6, 1))
    assert isinstance(exc.value, LookupError)
    assert isinstance(exc.value, ntp.CriteriaError)
    message = str(exc.value)
    assert "poverty.household" in message and "2015-06-01" in message and "2016-01-01" in message
    with pytest.raises(ntp.NoRulesetInForce, match=r"2031-01-01.*until 2030-12-31"):
        ntp.ruleset("poverty.household", on=dt.date(2031, 1, 1))


def test_unknown_family_is_distinct_and_lists_the_known() -> None:
    with pytest.raises(ntp.UnknownFamily, match=r"poverty\.household"):
        ntp.ruleset("poverty.houshold", on=dt.date(2024, 1, 1))


def test_rulesets_lists_every_set_and_filters() -> None:
    all_sets = ntp.rulesets()
    assert {rs.family for rs in all_sets} == {"poverty.household", "ethnic.commune", "ethnic.village",
                                              "ntm.commune", "ntm.commune-group", "ntm.commune.model",
                                              "ntm.commune.advanced", "ntm.commune.ict",
                                              "poverty.coastal-commune", "ntm.district", "ntm.district.advanced",
                                              "ntm.district.special", "ntm.town", "ntm.province",
                                              "mountain.village", "mountain.commune", "mountain.province",
                                              "poverty.review", "poverty.review.screening",
                                              "poverty.review.farm-income"}
    assert len(ntp.rulesets("poverty.household", on=dt.date(2024, 1, 1))) == 1
    assert ntp.instrument("07/2021/NĐ-CP").id == "nd-07-2021"
    assert ntp.instrument("nd-351-2025").signed == dt.date(2025, 12, 30)


def test_classify_contract() -> None:
    got = ntp.poverty.classify(area="rural", monthly_income_per_capita=1_500_000, deprivations=3,
                               on=dt.date(2024, 1, 1))
    assert got is ntp.HouseholdClass.POOR
    assert [c.value for c in ntp.HouseholdClass] == ["poor", "near_poor", "middle_income", "other"]
    by_codes = ntp.poverty.classify(area=ntp.Area.URBAN, monthly_income_per_capita=2_000_000,
                                    deprivations=["water", "latrine"], on=dt.date(2024, 1, 1))
    assert by_codes is ntp.HouseholdClass.NEAR_POOR


def test_classify_rejects_unknown_codes_and_areas() -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.deprivations.*wifi"):
        ntp.poverty.classify(area="rural", monthly_income_per_capita=1, deprivations=["wifi"],
                             on=dt.date(2024, 1, 1))
    with pytest.raises(ntp.InputError, match=r"\$\.area"):
        ntp.poverty.classify(area="mountain", monthly_income_per_capita=1, deprivations=0, on=dt.date(2024, 1, 1))


def test_classify_raises_when_the_rules_leave_the_class_open() -> None:
    with pytest.raises(ntp.UndecidedError, match="middle-living-standard band"):
        ntp.poverty.classify(area="urban", monthly_income_per_capita=5_000_000, deprivations=0,
                             on=dt.date(2028, 1, 1))


def test_domain_objects_are_frozen() -> None:
    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
    with pytest.raises(AttributeError):
        rs.family = "x"  # type: ignore[misc]
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1))
    with pytest.raises(AttributeError):
        hh.area = ntp.Area.URBAN  # type: ignore[misc]
