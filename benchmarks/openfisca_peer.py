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
