"""The same household classification written as an OpenFisca model (the benchmark's peer).

NĐ 07/2021 numbers, hand-copied here on purpose: the peer must not read ntp_criteria's data. Money is int
(OpenFisca's default float32 would blur the đồng boundaries). Timed: building the simulation, setting the
inputs and calculating the class, as one OpenFisca user would.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Household = build_entity(key="household", plural="households", label="Household", is_person=True)


class HouseholdClass(Enum):
    poor = "poor"
    near_poor = "near_poor"
    middle_income = "middle_income"
    other = "other"


class urban(Variable):  # noqa: N801 - OpenFisca names variables in snake case
    value_type = bool
    entity = Household
    definition_period = DateUnit.YEAR


class income(Variable):  # noqa: N801
    value_type = int
    entity = Household
    definition_period = DateUnit.YEAR


FLAGS = [f"deprived_{i}" for i in range(12)]
FLAG_VARIABLES = [type(name, (Variable,), {"value_type": bool, "entity": Household,
                                           "definition_period": DateUnit.YEAR}) for name in FLAGS]


class deprivation_count(Variable):  # noqa: N801
    value_type = int
    entity = Household
    definition_period = DateUnit.YEAR

    def formula(household: Any, period: Any) -> Any:  # noqa: N805 - OpenFisca's signature
        return sum(household(name, period) for name in FLAGS)


class household_class(Variable):  # noqa: N801
    value_type = Enum
    possible_values = HouseholdClass
    default_value = HouseholdClass.other
    entity = Household
    definition_period = DateUnit.YEAR

    def formula(household: Any, period: Any, parameters: Any) -> Any:  # noqa: N805 - OpenFisca's signature
        p = parameters(period).poverty
        is_urban = household("urban", period)
        inc = household("income", period)
        line = np.where(is_urban, p.line.urban, p.line.rural)
        ceiling = np.where(is_urban, p.middle_ceiling.urban, p.middle_ceiling.rural)
        deprived = household("deprivation_count", period) >= p.deprivation_cut
        return np.select(
            [(inc <= line) & deprived, inc <= line, inc <= ceiling],
            [HouseholdClass.poor, HouseholdClass.near_poor, HouseholdClass.middle_income],
            HouseholdClass.other,
        )


def _values(v: int) -> dict[str, Any]:
    return {"values": {"2022-01-01": {"value": v}}}


def tax_benefit_system() -> TaxBenefitSystem:
    tbs = TaxBenefitSystem([Household])
    tbs.parameters = ParameterNode("", data={"poverty": {
        "line": {"rural": _values(1_500_000), "urban": _values(2_000_000)},
        "middle_ceiling": {"rural": _values(2_250_000), "urban": _values(3_000_000)},
        "deprivation_cut": _values(3),
    }})
    for var in (urban, income, *FLAG_VARIABLES, deprivation_count, household_class):
        tbs.add_variable(var)
    return tbs


def classify(tbs: TaxBenefitSystem, is_urban: Any, inc: Any, flag_columns: Any) -> Any:
    sim = SimulationBuilder().build_default_simulation(tbs, len(inc))
    sim.set_input("urban", "2024", is_urban)
    sim.set_input("income", "2024", inc)
    for name, column in zip(FLAGS, flag_columns, strict=True):
        sim.set_input(name, "2024", column)
    return sim.calculate("household_class", "2024")


# --- the same rule from raw facts: the 12 deprivations of NĐ 07/2021 from member and dwelling variables --------
# A second model, so that the ratio compares like with like with ntp_criteria's columnar assessment from raw
# facts. Its numbers and lists are hand-copied from rules/nd-07-2021.toml as it reads today (the benchmark checks
# every class agrees, so a change in the data shows up there). OpenFisca has no "not recorded": the comparison
# runs on data without gaps (ntp_criteria's MISSING handling is extra work it does and OpenFisca does not).

Person = build_entity(key="person", plural="persons", label="Person", is_person=True)
RawHousehold = build_entity(key="household", plural="households", label="Household",
                            roles=[{"key": "member", "plural": "members"}])

EDUCATION = ("none", "primary", "lower_secondary", "upper_secondary", "vocational", "tertiary")
EMPLOYMENT = ("wage_with_contract", "wage_without_contract", "self_employed", "unemployed", "not_in_labour_force")
WATER = ("piped", "drilled_well", "protected_dug_well", "unprotected_dug_well", "protected_spring",
         "unprotected_spring", "rainwater", "bottled", "purchased", "surface", "other")
LATRINE = ("septic", "semi_septic", "pour_flush", "ventilated_pit", "double_vault", "biogas", "simple_pit",
           "over_water", "none")
DEVICES = ("television", "radio", "computer", "phone", "smartphone", "tablet")


def _var(name: str, value_type: type, entity: Any, formula: Any = None) -> type:
    body: dict[str, Any] = {"value_type": value_type, "entity": entity, "definition_period": DateUnit.YEAR}
    if formula is not None:
        body["formula"] = formula
    return type(name, (Variable,), body)


def _codes(names: tuple[str, ...], chosen: tuple[str, ...]) -> list[int]:
    return [names.index(c) for c in chosen]


def _member_any(test: Any) -> Any:
    def formula(household: Any, period: Any, parameters: Any) -> Any:
        return household.any(test(household.members, period, parameters(period).poverty))
    return formula


def _employment(p: Any, period: Any, _: Any) -> Any:
    return np.isin(p("employment", period), _codes(EMPLOYMENT, ("unemployed", "wage_without_contract")))


def _nutrition(p: Any, period: Any, par: Any) -> Any:
    return (p("age", period) < par.nutrition_age_under) & p("malnourished", period)


def _insurance(p: Any, period: Any, par: Any) -> Any:
    return (p("age", period) >= par.insurance_age_from) & ~p("health_insured", period)


def _adult_education(p: Any, period: Any, par: Any) -> Any:
    age, edu = p("age", period), p("education", period)
    lower = np.isin(edu, _codes(EDUCATION, ("lower_secondary", "upper_secondary", "vocational", "tertiary")))
    upper = np.isin(edu, _codes(EDUCATION, ("upper_secondary", "vocational", "tertiary")))
    credential = np.where(age >= par.adult_upper_from, upper, lower)
    in_range = (age >= par.adult_age_from) & (age <= par.adult_age_to)
    return in_range & ~p("in_school", period) & ~credential


def _schooling(p: Any, period: Any, par: Any) -> Any:
    age = p("age", period)
    return (age >= par.school_age_from) & (age <= par.school_age_to) & ~p("in_school", period)


def _dependants(household: Any, period: Any) -> Any:
    return household.sum(household.members("dependant", period)) * 2 > household.nb_persons()


def _housing(household: Any, period: Any) -> Any:
    bad = sum((~household(f, period)).astype(int) for f in ("durable_walls", "durable_frame", "durable_roof"))
    return bad >= 2


def _floor(household: Any, period: Any) -> Any:
    return household("floor_area", period) < 8 * household.nb_persons()


def _water(household: Any, period: Any) -> Any:
    clean = ("piped", "drilled_well", "protected_dug_well", "protected_spring", "purchased", "bottled")
    return ~np.isin(household("water_source", period), _codes(WATER, clean))


def _latrine(household: Any, period: Any) -> Any:
    hygienic = ("septic", "semi_septic", "pour_flush", "ventilated_pit", "double_vault")
    return ~np.isin(household("latrine", period), _codes(LATRINE, hygienic))


def _telecom(household: Any, period: Any) -> Any:
    return ~household.any(household.members("uses_internet", period))


def _devices(household: Any, period: Any) -> Any:
    return household("devices", period) == 0  # a bit mask of the listed devices owned


RAW_DEPRIVATIONS = {
    "d_employment": _member_any(_employment), "d_dependants": _dependants, "d_nutrition": _member_any(_nutrition),
    "d_health_insurance": _member_any(_insurance), "d_adult_education": _member_any(_adult_education),
    "d_child_schooling": _member_any(_schooling), "d_housing_quality": _housing, "d_floor_area": _floor,
    "d_water": _water, "d_latrine": _latrine, "d_telecom": _telecom, "d_information_devices": _devices,
}


def _raw_count(household: Any, period: Any) -> Any:
    return sum(household(name, period).astype(int) for name in RAW_DEPRIVATIONS)


def _raw_class(household: Any, period: Any, parameters: Any) -> Any:
    p = parameters(period).poverty
    is_urban = household("urban", period)
    inc = household("income", period)
    line = np.where(is_urban, p.line.urban, p.line.rural)
    ceiling = np.where(is_urban, p.middle_ceiling.urban, p.middle_ceiling.rural)
    deprived = household("raw_deprivation_count", period) >= p.deprivation_cut
    return np.select([(inc <= line) & deprived, inc <= line, inc <= ceiling],
                     [HouseholdClass.poor, HouseholdClass.near_poor, HouseholdClass.middle_income],
                     HouseholdClass.other)


def raw_tax_benefit_system() -> TaxBenefitSystem:
    """NĐ 07/2021's class from raw facts: persons in households, 12 deprivation formulas, the class."""
    tbs = TaxBenefitSystem([Person, RawHousehold])
    numbers = {"line": {"rural": 1_500_000, "urban": 2_000_000}, "middle_ceiling": {"rural": 2_250_000,
               "urban": 3_000_000}, "deprivation_cut": 3, "nutrition_age_under": 16, "insurance_age_from": 6,
               "adult_age_from": 16, "adult_upper_from": 18, "adult_age_to": 29, "school_age_from": 3,
               "school_age_to": 15}
    tbs.parameters = ParameterNode("", data={"poverty": {
        k: ({a: _values(x) for a, x in v.items()} if isinstance(v, dict) else _values(v)) for k, v in numbers.items()}})
    person_vars = [_var(n, t, Person) for n, t in (
        ("age", int), ("health_insured", bool), ("in_school", bool), ("education", int), ("employment", int),
        ("dependant", bool), ("malnourished", bool), ("uses_internet", bool))]
    household_vars = [_var(n, t, RawHousehold) for n, t in (
        ("urban", bool), ("income", int), ("floor_area", int), ("durable_walls", bool), ("durable_frame", bool),
        ("durable_roof", bool), ("water_source", int), ("latrine", int), ("devices", int))]
    formulas = [_var(name, bool, RawHousehold, f) for name, f in RAW_DEPRIVATIONS.items()]
    count = _var("raw_deprivation_count", int, RawHousehold, _raw_count)
    klass = type("raw_household_class", (Variable,), {
        "value_type": Enum, "possible_values": HouseholdClass, "default_value": HouseholdClass.other,
        "entity": RawHousehold, "definition_period": DateUnit.YEAR, "formula": _raw_class})
    for var in (*person_vars, *household_vars, *formulas, count, klass):
        tbs.add_variable(var)
    return tbs


def classify_raw(tbs: TaxBenefitSystem, households: dict[str, Any], members: dict[str, Any]) -> Any:
    """Build the simulation (persons joined to households), set the raw facts, calculate the class."""
    n, m = len(households["urban"]), len(members["age"])
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", np.arange(m))
    group = builder.declare_entity("household", np.arange(n))
    builder.join_with_persons(group, members["household"], np.full(m, "member", dtype=object))
    sim = builder.build(tbs)
    for name, values in households.items():
        sim.set_input(name, "2024", values)
    for name, values in members.items():
        if name != "household":
            sim.set_input(name, "2024", values)
    return sim.calculate("raw_household_class", "2024")
