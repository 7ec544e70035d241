"""Hypothesis strategies for property-based tests of code that uses ntp_criteria.

```pycon
>>> from hypothesis import given
>>> from ntp_criteria.testing import strategies as nst
>>> @given(nst.households())
... def test_every_household_gets_an_assessment(hh): ...

Values are generated around the legal numbers of the rules data (exactly at, one unit below and one
above each threshold), so boundaries are exercised on every run.

```
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import hypothesis.strategies as st

from ..catalogue import rulesets
from ..core.model import Ruleset
from ..core.places import Commune, Facts, Region, Village
from ..core.subjects import (
    Area,
    Device,
    Dwelling,
    EducationLevel,
    Employment,
    Household,
    LatrineType,
    Member,
    WasteHandling,
    WaterSource,
)

__all__ = [
    "boundary_values",
    "communes",
    "dates_in_force",
    "dwellings",
    "facts",
    "households",
    "incomes",
    "members",
    "poverty_rulesets",
    "threshold_points",
    "villages",
]

FAMILY = "poverty.household"


def _maybe(strategy: st.SearchStrategy[object], missing: bool) -> st.SearchStrategy[object]:
    return st.none() | strategy if missing else strategy


def poverty_rulesets() -> st.SearchStrategy[Ruleset]:
    """Any household poverty ruleset in the rules data."""
    return st.sampled_from(rulesets(FAMILY))


def dates_in_force(family: str = FAMILY) -> st.SearchStrategy[dt.date]:
    """Dates on which some ruleset of ``family`` is in force; ValueError for a family known but not encoded
    (no such date exists)."""
    spans = [(rs.valid_from, rs.valid_to or dt.date(2099, 12, 31)) for rs in rulesets(family)]
    if not spans:
        raise ValueError(f"no ruleset of {family!r} is encoded, so no date has one in force")
    return st.sampled_from(spans).flatmap(lambda span: st.dates(min_value=span[0], max_value=span[1]))


def boundary_values(value: Decimal, step: Decimal = Decimal(1)) -> st.SearchStrategy[Decimal]:
    """``value``, one ``step`` below and one above it."""
    return st.sampled_from([value - step, value, value + step])


def threshold_points(ruleset: Ruleset) -> st.SearchStrategy[tuple[str, Decimal, Decimal]]:
    """(indicator code, threshold value, a value exactly at, one unit below or one unit above it) for every
    threshold of ``ruleset``; the unit is 1 for whole-number thresholds and the last digit's place otherwise.
    Raises ValueError for a ruleset with no threshold (e.g. one decided by recorded results only)."""
    points = []
    for _, ind in ruleset.indicators():
        for t in ind.thresholds:
            exponent = t.value.as_tuple().exponent
            step = Decimal(1) if not isinstance(exponent, int) or exponent >= 0 else Decimal(1).scaleb(exponent)
            points.append((ind.code, t.value, step))
    if not points:
        raise ValueError(f"{ruleset.family} ({ruleset.instrument.number}) has no threshold to sample around")
    return st.sampled_from(points).flatmap(
        lambda p: st.sampled_from([p[1] - p[2], p[1], p[1] + p[2]]).map(lambda v: (p[0], p[1], v)))


def incomes() -> st.SearchStrategy[int]:
    """Monthly incomes per capita: every income limit in the rules data ±1 đồng, and anything else."""
    limits = sorted({
        int(t.value)
        for rs in rulesets(FAMILY)
        for _, ind in rs.indicators() if ind.code.startswith("income.")
        for t in ind.thresholds
    })
    near = st.sampled_from(limits).flatmap(lambda v: st.sampled_from([v - 1, v, v + 1]))
    return near | st.integers(min_value=0, max_value=10_000_000)


def members(missing: bool = True) -> st.SearchStrategy[Member]:
    """Household members; with ``missing``, any fact may be unrecorded."""
    return st.builds(
        Member,
        age=st.integers(min_value=0, max_value=100),
        health_insured=_maybe(st.booleans(), missing),
        in_school=_maybe(st.booleans(), missing),
        education=_maybe(st.sampled_from(EducationLevel), missing),
        employment=_maybe(st.sampled_from(Employment), missing),
        dependant=_maybe(st.booleans(), missing),
        malnourished=_maybe(st.booleans(), missing),
        ill_without_treatment=_maybe(st.booleans(), missing),
        uses_internet=_maybe(st.booleans(), missing),
        uses_phone=_maybe(st.booleans(), missing),
    )


def dwellings(missing: bool = True) -> st.SearchStrategy[Dwelling]:
    """Dwellings (nhà ở) with floor area, structures, water, latrine and waste, any of them unrecorded."""
    area = st.integers(min_value=0, max_value=300) | st.decimals(
        min_value=0, max_value=300, places=1, allow_nan=False, allow_infinity=False)
    return st.builds(
        Dwelling,
        floor_area_m2=_maybe(area, missing),
        durable_walls=_maybe(st.booleans(), missing),
        durable_frame=_maybe(st.booleans(), missing),
        durable_roof=_maybe(st.booleans(), missing),
        water_source=_maybe(st.sampled_from(WaterSource), missing),
        latrine=_maybe(st.sampled_from(LatrineType), missing),
        waste=_maybe(st.sampled_from(WasteHandling), missing),
    )


def facts(names: tuple[str, ...], missing: bool = True) -> st.SearchStrategy[Facts]:
    """Recorded facts: percentages with one decimal, counts, and yes/no values, any of them unrecorded."""
    value = (st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
             | st.integers(min_value=0, max_value=500) | st.booleans())
    each = {n: value for n in names}
    chosen = st.fixed_dictionaries({}, optional=each) if missing else st.fixed_dictionaries(each)
    return chosen.map(Facts.of)


def communes(*, on: st.SearchStrategy[dt.date] | None = None,
             fact_names: tuple[str, ...] = ("em_household_share", "poverty_rate", "poor_em_households",
                                            "ntm_recognised", "em_share_of_poor", "em_illiterate_15_60_share",
                                            "untrained_worker_share", "road_km", "road_unpaved_share")
             ) -> st.SearchStrategy[Commune]:
    """Communes in a region (or none) with any of the named facts recorded."""
    return st.builds(Commune, name=st.text(min_size=1, max_size=12),
                     reference_date=on if on is not None else dates_in_force("ethnic.commune"),
                     region=st.none() | st.sampled_from(Region), facts=facts(fact_names),
                     code=st.none() | st.from_regex(r"\A[0-9]{5}\Z"))


def villages(*, on: st.SearchStrategy[dt.date] | None = None) -> st.SearchStrategy[Village]:
    """Villages (thôn) in a region (or none) with any of the facts the village-area rules read recorded."""
    names = ("em_household_share", "poverty_rate", "poor_em_households", "em_share_of_poor", "no_road_or_very_hard",
             "no_grid", "off_grid_share")
    return st.builds(Village, name=st.text(min_size=1, max_size=12),
                     reference_date=on if on is not None else dates_in_force("ethnic.village"),
                     region=st.none() | st.sampled_from(Region), facts=facts(names))


def households(
    *, on: st.SearchStrategy[dt.date] | None = None, missing: bool = True, max_members: int = 8
) -> st.SearchStrategy[Household]:
    """Households with raw facts (no surveyor flags), on a date some poverty ruleset is in force."""
    return st.builds(
        Household,
        area=st.sampled_from(Area),
        reference_date=on if on is not None else dates_in_force(),
        monthly_income_per_capita=_maybe(incomes(), missing),
        members=st.lists(members(missing), min_size=0 if missing else 1, max_size=max_members).map(tuple),
        dwelling=dwellings(missing),
        devices=_maybe(st.frozensets(st.sampled_from(Device)), missing),
        hears_loudspeaker=_maybe(st.booleans(), missing),
    )
