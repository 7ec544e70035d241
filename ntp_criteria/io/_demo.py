"""Demo households: a few realistic cases, each showing one part of the rules."""

from __future__ import annotations

import datetime as dt

from ..core.subjects import Area, Device, Dwelling, Employment, Household, LatrineType, Member, WaterSource


def households() -> tuple[Household, ...]:
    farm_family = (
        Member(age=42, employment=Employment.WAGE_WITHOUT_CONTRACT, health_insured=False, uses_internet=False,
               dependant=False),
        Member(age=39, employment=Employment.SELF_EMPLOYED, health_insured=True, uses_internet=False,
               dependant=False),
        Member(age=10, in_school=True, health_insured=True, malnourished=False, dependant=True, uses_internet=False),
        Member(age=7, in_school=True, health_insured=True, malnourished=False, dependant=True, uses_internet=False),
    )
    return (
        Household(
            id="HN-2024-001", area=Area.RURAL, reference_date=dt.date(2024, 11, 15),
            monthly_income_per_capita=1_450_000, members=farm_family,
            dwelling=Dwelling(floor_area_m2=36, durable_walls=True, durable_frame=True, durable_roof=False,
                              water_source=WaterSource.UNPROTECTED_DUG_WELL, latrine=LatrineType.SIMPLE_PIT),
            devices=frozenset({Device.PHONE}),
        ),
        # the review form's flags: the surveyor recorded 2 deprivations
        Household(
            id="HN-2024-002", area=Area.URBAN, reference_date=dt.date(2024, 11, 15),
            monthly_income_per_capita=2_000_000, deprived=frozenset({"health_insurance", "floor_area"}),
            not_deprived=frozenset({"employment", "dependants", "nutrition", "adult_education", "child_schooling",
                                    "housing_quality", "water", "latrine", "telecom", "information_devices"}),
        ),
        # just above the rural line: income alone decides, whatever the deprivations
        Household(
            id="HN-2025-003", area=Area.RURAL, reference_date=dt.date(2025, 10, 1),
            monthly_income_per_capita=2_100_000, deprivation_count=4,
        ),
        # 2021: QĐ 59/2015 still applies; at or under the poverty line the household is poor on income alone
        Household(
            id="HN-2021-004", area=Area.RURAL, reference_date=dt.date(2021, 10, 1),
            monthly_income_per_capita=700_000, deprivation_count=0,
        ),
        # 2027: NĐ 351/2025; its middle-living-standard band is not yet in the data, so the class is left open
        Household(
            id="HN-2027-005", area=Area.URBAN, reference_date=dt.date(2027, 10, 1),
            monthly_income_per_capita=3_000_000, deprivation_count=1,
        ),
    )
