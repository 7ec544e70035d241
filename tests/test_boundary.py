"""Trust at the boundary (issue #13): each input that used to be dropped, coerced or crash, as a user would hit it.

Every case here was reproduced on the code before the fix; each now gets the library's own error with the field
path, or is reported as unused, or is decided exactly as under the default context.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import province_regions
from ntp_criteria.core.exact import CONTEXT

ON = dt.date(2024, 11, 15)


def _paths(exc: pytest.ExceptionInfo[ntp.InputError]) -> list[str]:
    return [p.path for p in exc.value.problems]


# --- wrong types decide nothing ------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("health_insured", "no"), ("in_school", 1), ("uses_internet", "false"), ("dependant", 0),
])
def test_a_yes_no_given_as_anything_but_a_bool_is_refused(field: str, value: object) -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.Member(age=30, **{field: value})
    assert _paths(caught) == [f"$.{field}"]
    assert "expected true or false" in str(caught.value)


def test_an_enum_by_its_documented_value_is_the_member_and_anything_else_is_refused() -> None:
    assert ntp.Member(age=30, employment="unemployed").employment is ntp.Employment.UNEMPLOYED  # type: ignore[arg-type]
    assert ntp.Dwelling(water_source="piped").water_source is ntp.WaterSource.PIPED  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError) as caught:
        ntp.Dwelling(water_source="tap")  # type: ignore[arg-type]
    assert _paths(caught) == ["$.water_source"]
    assert "'piped'" in str(caught.value)
    with pytest.raises(ntp.InputError):
        ntp.Member(age=30, employment="jobless")  # type: ignore[arg-type]


def test_durable_walls_no_is_not_durable_walls() -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.Dwelling(durable_walls="no")  # type: ignore[arg-type]
    assert _paths(caught) == ["$.durable_walls"]


def test_deprivation_flags_given_as_a_mapping_are_refused() -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.Household(area=ntp.Area.RURAL, reference_date=ON, deprived={"water": False})  # type: ignore[arg-type]
    assert _paths(caught) == ["$.deprived"]


def test_units_are_validated() -> None:
    assert ntp.Commune(name="A", reference_date=ON, region="tn").region is ntp.Region.TN  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError) as caught:
        ntp.Commune(name=5, reference_date="2024-01-01", region="tay nguyen")  # type: ignore[arg-type]
    assert sorted(_paths(caught)) == ["$.name", "$.reference_date", "$.region"]


# --- non-finite and huge numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize("income", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN"),
                                    Decimal("1E+1000000"), 10**5000, -1, 1.5],
                         ids=["nan", "inf", "-inf", "snan", "1e1000000", "10**5000", "negative", "float"])
def test_an_income_that_is_not_a_plausible_amount_is_refused(income: object) -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.Household(area=ntp.Area.RURAL, reference_date=ON, monthly_income_per_capita=income)  # type: ignore[arg-type]
    assert _paths(caught) == ["$.monthly_income_per_capita"]
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+1000000"), 10**5000, 0.5],
                         ids=["nan", "inf", "1e1000000", "10**5000", "float"])
def test_a_fact_that_is_not_a_plausible_number_is_refused(value: object) -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.Commune(name="A", reference_date=ON, facts={"poverty_rate": value})  # type: ignore[dict-item]
    assert _paths(caught) == ["$.facts.poverty_rate"]


# --- the caller's decimal context changes nothing ------------------------------------------------------------

def _crowded() -> ntp.Household:
    members = [ntp.Member(age=30) for _ in range(3)]
    return ntp.Household(area=ntp.Area.RURAL, reference_date=ON, members=members,
                         dwelling=ntp.Dwelling(floor_area_m2=Decimal("23.99")))


@pytest.mark.parametrize("context", [
    decimal.Context(prec=2), decimal.Context(prec=3, rounding=decimal.ROUND_UP),
    decimal.Context(traps=[decimal.Inexact, decimal.Rounded]),
])
def test_results_do_not_depend_on_the_callers_decimal_context(context: decimal.Context) -> None:
    expected = ntp.assess(_crowded())
    with decimal.localcontext(context):
        got = ntp.assess(_crowded())
        text = got.explain("en")
    assert got == expected
    assert got.result("floor_area").status is ntp.ResultStatus.MET  # 7.996… m² per person, under 8
    assert text == expected.explain("en")


@pytest.mark.parametrize("context", [
    decimal.Context(prec=2), decimal.Context(prec=3, rounding=decimal.ROUND_UP),
    decimal.Context(traps=[decimal.Inexact, decimal.Rounded]),
])
def test_rates_read_under_the_callers_decimal_context_are_the_librarys(context: decimal.Context) -> None:
    # the rates are properties the caller reads, in the caller's context: 1 poor household in 3 is 33.33… % to 40
    # digits whatever that context says
    codes = ("employment", "dependants", "nutrition", "health_insurance", "adult_education", "child_schooling",
             "housing_quality", "floor_area", "water", "latrine", "telecom", "information_devices")
    households = [ntp.Household(area="rural", reference_date=ON, monthly_income_per_capita=income,
                                deprived=frozenset(codes[:n]), not_deprived=frozenset(codes[n:]))
                  for income, n in ((100_000, 3), (5_000_000, 0), (6_000_000, 5))]
    expected = ntp.poverty_rates(households)
    with decimal.localcontext(context):
        got = ntp.poverty_rates(households)
        poor, multidimensional = got.poor_pct, got.multidimensional_pct
        af = got.alkire_foster
        shares = (af.headcount, af.intensity, af.m0, af.censored_headcount()) if af is not None else None
    assert poor == expected.poor_pct == CONTEXT.divide(Decimal(100), Decimal(3))  # 40 digits
    assert multidimensional == expected.multidimensional_pct
    af = expected.alkire_foster
    assert af is not None and shares == (af.headcount, af.intensity, af.m0, af.censored_headcount())


def test_an_explanation_never_rounds_a_value_onto_the_wrong_side_of_its_threshold() -> None:
    line = next(x for x in ntp.assess(_crowded()).explain("en").splitlines() if "Floor area" in x)
    assert "8.00" not in line
    assert "7.99" in line


# --- shared state is out of reach ----------------------------------------------------------------------------

def test_the_region_table_cannot_be_changed_from_outside() -> None:
    with pytest.raises(TypeError):
        province_regions().regions["lang son"] = ntp.Region.DBSCL  # type: ignore[index]


def test_lists_given_to_frozen_model_objects_are_frozen() -> None:
    rs = ntp.ruleset("poverty.household", ON)
    prov = ntp.Provenance("x", ntp.Status.VERIFIED)
    t = ntp.Threshold(ntp.Comparator.LE, Decimal(1), "VND", prov)
    indicator = ntp.Indicator("x", "x", "x", [t])  # type: ignore[arg-type]
    assert isinstance(indicator.thresholds, tuple)
    assert isinstance(rs.criteria, tuple)


# --- public calls raise the library's errors -----------------------------------------------------------------

@pytest.mark.parametrize("on", ["2024-01-01", None, dt.datetime(2024, 1, 1, 12, 0)])
def test_ruleset_refuses_anything_but_a_date(on: object) -> None:
    with pytest.raises(ntp.InputError):
        ntp.ruleset("poverty.household", on)  # type: ignore[arg-type]


def test_classify_refuses_a_float_count() -> None:
    with pytest.raises(ntp.InputError):
        ntp.poverty.classify(area="rural", monthly_income_per_capita=1, deprivations=3.0,  # type: ignore[arg-type]
                             on=ON)


@pytest.mark.parametrize(("subject", "strict"), [(None, False), ("household", False), (_crowded(), "yes")])
def test_assess_refuses_what_is_not_a_subject_or_a_strict_level(subject: object, strict: object) -> None:
    with pytest.raises(ntp.InputError):
        ntp.assess(subject, strict=strict)  # type: ignore[arg-type]


def test_an_unknown_what_if_code_and_an_unknown_instrument_are_library_errors() -> None:
    rs = ntp.ruleset("poverty.household", ON)
    with pytest.raises(ntp.InputError) as caught:
        rs.with_threshold("income.lines", 1)
    assert "did you mean 'income.line'" in str(caught.value)
    with pytest.raises(ntp.CriteriaError):
        ntp.instrument("x")


def test_an_explicit_ruleset_not_in_force_on_the_subjects_date_is_refused() -> None:
    old = ntp.ruleset("poverty.household", dt.date(2020, 1, 1))
    with pytest.raises(ntp.InputError) as caught:
        ntp.assess(_crowded(), old)
    assert "not in force on 2024-11-15" in str(caught.value)


# --- typos are errors, valid inputs a ruleset does not read are reported -------------------------------------

def test_an_unknown_deprivation_flag_is_an_error_naming_the_nearest_code() -> None:
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=ON, deprived={"watr", "latrines"})
    with pytest.raises(ntp.InputError) as caught:
        ntp.assess(hh)
    assert sorted(_paths(caught)) == ["$.deprived['latrines']", "$.deprived['watr']"]
    assert "did you mean 'water'" in str(caught.value)
    assert "did you mean 'latrine'" in str(caught.value)


def test_a_flag_of_another_standard_is_reported_as_unused() -> None:
    rs = ntp.ruleset("poverty.household", ON)
    cat = ntp.default_catalogue()
    other = sorted(cat.codes_of_subject("household") - cat.codes_read(rs))[0]
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=ON, monthly_income_per_capita=1, deprived={other})
    a = ntp.assess(hh)
    assert [p.path for p in a.unused] == [f"$.deprived[{other!r}]"]
    assert f"$.deprived[{other!r}]" in a.explain("en")
    with pytest.raises(ntp.InputError, match="not used"):
        ntp.assess(hh, strict_inputs=True)


def test_a_misspelt_fact_is_reported_with_the_name_it_was_meant_to_be() -> None:
    commune = ntp.Commune(name="A", reference_date=ON, facts={"povrty_rate": 5})
    a = ntp.assess(commune, ntp.ruleset("ethnic.commune", ON))
    (problem,) = a.unused
    assert problem.path == "$.facts['povrty_rate']"
    assert "did you mean 'poverty_rate'" in problem.message
    with pytest.raises(ntp.InputError):
        ntp.assess(commune, ntp.ruleset("ethnic.commune", ON), strict_inputs=True)


def test_an_observation_no_ruleset_of_the_family_has_is_an_error() -> None:
    with pytest.raises(ntp.InputError) as caught:
        ntp.assess(ntp.Commune(name="A", reference_date=ON, region=ntp.Region.TN, observations={"20": True}))
    assert _paths(caught) == ["$.observations['20']"]


def test_a_misspelt_family_prefix_is_an_error() -> None:
    commune = ntp.Commune(name="A", reference_date=ON, observations={"ethnic.comune:2.1": True})
    with pytest.raises(ntp.InputError) as caught:
        ntp.assess(commune, ntp.ruleset("ethnic.commune", ON))
    assert "did you mean 'ethnic.commune'" in str(caught.value)


def test_bare_observations_for_another_family_are_reported_not_dropped() -> None:
    commune = ntp.Commune(name="A", reference_date=ON, region=ntp.Region.TN, observations={"2.1": True, "1": True})
    a = ntp.assess(commune, ntp.ruleset("ethnic.commune", ON))
    assert [p.path for p in a.unused] == ["$.observations['1']", "$.observations['2.1']"]
    assert "this value is for ntm.commune" in a.unused[0].message
    assert "write 'ethnic.commune:2.1'" in a.unused[1].message


# --- fast paths validate what they are given -----------------------------------------------------------------

@pytest.mark.parametrize(("area", "income", "count"), [
    ("rural", Decimal("NaN"), 0), ("rural", -1, 0), ("rural", 1.5, 0), ("rural", 1, 2.0), ("rural", 1, -1),
    ("countryside", 1, 0), ("rural", 10**5000, 0),
], ids=["nan", "negative", "float", "float-count", "negative-count", "area", "huge"])
def test_the_fast_classifier_refuses_what_the_engine_refuses(area: str, income: object, count: object) -> None:
    fast = ntp.poverty.classifier(on=ON)
    with pytest.raises(ntp.InputError):
        fast(area, income, count)  # type: ignore[arg-type]


def test_the_columnar_path_refuses_area_names_for_the_urban_flag() -> None:
    np = pytest.importorskip("numpy")
    from ntp_criteria.families.poverty.columnar import classify_arrays, count_deprivations

    rs = ntp.ruleset("poverty.household", ON)
    with pytest.raises(ntp.InputError, match="boolean"):
        classify_arrays(rs, ["rural"], np.array([1]), np.array([0]))
    with pytest.raises(ntp.InputError):
        classify_arrays(rs, np.array([False]), np.array([-5]), np.array([0]))
    counts = count_deprivations([np.ones(3, dtype=bool)] * 200)
    assert counts.tolist() == [200, 200, 200]
    assert count_deprivations(np.ones((2, 200), dtype=bool)).tolist() == [200, 200]


@pytest.mark.parametrize(("column", "value"), [
    ("deprivation_count", -1), ("deprivation_count", 1.5), ("reference_date", "2024-01-01garbage"),
    ("reference_date", dt.datetime(2024, 1, 1, 9, 30)),
])
def test_classify_frame_refuses_bad_counts_and_dates(column: str, value: object) -> None:
    pd = pytest.importorskip("pandas")
    from ntp_criteria.io.frames import classify_frame

    row = {"area": "rural", "monthly_income_per_capita": 1_000_000, "deprivation_count": 0,
           "reference_date": "2024-01-01"}
    row[column] = value
    with pytest.raises(ntp.InputError):
        classify_frame(pd.DataFrame([row]))


# --- overlays and what-ifs compose against the law ------------------------------------------------------------

def _overlay(value: int, *, schema: int = 1, unit: str = "VND/person/month", signed: str = "2023-01-01") -> str:
    return f'''
schema = {schema}
[instrument]
id = "qd-1-2023-test"
number = "1/2023/QĐ-UBND"
kind = "decision"
issuer = "UBND tỉnh (test)"
signed = {signed}
title_vi = "t"
title_en = "t"
source = {{ cite = "header", status = "verified" }}
[[overlay]]
family = "poverty.household"
[[overlay.thresholds]]
indicator = "income.line"
[overlay.thresholds.threshold]
area = "rural"
op = "<="
value = {value}
unit = "{unit}"
source = {{ cite = "Điều 1", status = "verified" }}
'''


def test_an_overlay_after_a_what_if_is_checked_against_the_national_number() -> None:
    from ntp_criteria.catalogue.overlays import LooserThanNational, apply_overlay

    national = ntp.ruleset("poverty.household", ON)
    scenario = national.with_threshold("income.line", 1_800_000, scope={"area": "rural"})  # looser: a scenario
    with pytest.raises(LooserThanNational, match="loosens the national <= 1500000"):
        apply_overlay(scenario, _overlay(1_700_000))  # stricter than the scenario, looser than the law
    overlaid = apply_overlay(scenario, _overlay(1_400_000))
    t = overlaid.indicator("income.line").threshold_for({"area": "rural"})
    assert t is not None and (t.value, t.provenance.status) == (1_400_000, ntp.Status.VERIFIED)


@pytest.mark.parametrize(("text", "match"), [
    (_overlay(1_400_000, schema=99), r"\$\.schema"),
    (_overlay(1_400_000, unit="VND/household/month"), r"\.threshold\.unit"),
    (_overlay(1_400_000, signed="2027-06-01"), "after poverty.household"),
])
def test_an_overlay_with_another_schema_unit_or_period_is_refused(text: str, match: str) -> None:
    from ntp_criteria.catalogue.overlays import apply_overlay

    with pytest.raises(ntp.RuleDataError, match=match):
        apply_overlay(ntp.ruleset("poverty.household", ON), text)


def test_an_overlay_applies_from_its_own_date() -> None:
    from ntp_criteria.catalogue.overlays import apply_overlay

    overlaid = apply_overlay(ntp.ruleset("poverty.household", ON), _overlay(1_400_000, signed="2024-06-01"))
    assert overlaid.valid_from == dt.date(2024, 6, 1)
    before = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 5, 31), monthly_income_per_capita=1)
    with pytest.raises(ntp.InputError, match="not in force on 2024-05-31"):
        ntp.assess(before, overlaid)


@pytest.mark.parametrize("cite", ["", "   "])
def test_a_blank_citation_is_refused(cite: str) -> None:
    with pytest.raises(ntp.InputError, match="citation"):
        ntp.Provenance(cite, ntp.Status.VERIFIED)
    from ntp_criteria.catalogue.overlays import apply_overlay

    with pytest.raises(ntp.RuleDataError, match="citation"):
        apply_overlay(ntp.ruleset("poverty.household", ON),
                      _overlay(1_400_000).replace('cite = "Điều 1"', f'cite = "{cite}"'))


def test_a_number_recorded_for_a_criterion_decided_as_a_whole_is_refused() -> None:
    commune = ntp.Commune(name="A", reference_date=ON, region=ntp.Region.TN, observations={"3": 85})
    with pytest.raises(ntp.InputError, match=r"\$\.recorded\['3'\]: criterion 3 is met or not met"):
        ntp.assess(commune)


def test_a_misspelt_flag_in_a_csv_batch_is_reported_with_its_row() -> None:
    from ntp_criteria.io.batch import parse_households

    (hh,) = parse_households("area,reference_date,deprived\nrural,2024-05-01,water;latrines\n", "csv")
    with pytest.raises(ntp.InputError, match="did you mean 'latrine'"):
        ntp.assess(hh)


@pytest.mark.parametrize("value", ["NaN", Decimal("Infinity"), "1E+1000000", 1.5, None])
def test_a_what_if_value_must_be_a_plausible_number(value: object) -> None:
    rs = ntp.ruleset("poverty.household", ON)
    with pytest.raises(ntp.InputError):
        rs.with_threshold("income.line", value)  # type: ignore[arg-type]
