"""Hypothesis strategies for property-based tests of code that uses ntp_criteria.

```pycon
>>> from hypothesis import given
>>> from ntp_criteria.testing import strategies as nst
>>> @given(nst.households())
... def test_every_household_gets_an_assessment(hh): ...

Values are generated around the legal numbers of the rules data (exactly at, one unit below and one
above each threshold), so boundaries are exercised on every run.

```

Every subject strategy draws its reference date from the dates on which its kind's default family has a
ruleset in force, so ``ntp.assess(subject)`` finds one (``st.from_type(ntp.Commune)`` included). To test a rule
at its edge, :func:`at_threshold` draws a subject exactly at, just below and just above a named threshold of
any ruleset, with the result the law gives there:

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from hypothesis import given
>>> from ntp_criteria.testing import strategies as nst
>>> rs = ntp.ruleset("poverty.household", dt.date(2024, 1, 1))
>>> @given(nst.at_threshold(rs, "income.line"))
... def test_the_income_line_is_inclusive(case):
...     result = ntp.assess(case.subject, rs).result("income.line")
...     assert (result.status is ntp.ResultStatus.MET) is case.met
>>> test_the_income_line_is_inclusive()

```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

import hypothesis.strategies as st

from ..catalogue import assess, rulesets
from ..catalogue import ruleset as ruleset_on
from ..catalogue.whatif import with_count_threshold, with_threshold
from ..core.errors import InputError
from ..core.model import Criterion, Indicator, Rollup, Ruleset, Threshold
from ..core.places import Commune, District, Facts, Province, Region, Village
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
from ..engine import FACT_PREFIX

__all__ = [
    "ETHNIC_COMMUNE_FACTS",
    "AtThreshold",
    "at_threshold",
    "boundary_values",
    "communes",
    "dates_in_force",
    "districts",
    "dwellings",
    "facts",
    "facts_read",
    "flagged_households",
    "households",
    "incomes",
    "members",
    "ntm_observations",
    "observed_units",
    "poverty_rulesets",
    "provinces",
    "surveyor_flags",
    "threshold_points",
    "villages",
    "whatif_rulesets",
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


#: the facts ``communes()`` records besides those its family's rulesets read (the area classifications')
ETHNIC_COMMUNE_FACTS = ("em_household_share", "poverty_rate", "poor_em_households", "ntm_recognised",
                        "em_share_of_poor", "em_illiterate_15_60_share", "untrained_worker_share", "road_km",
                        "road_unpaved_share")


def facts_read(family: str) -> tuple[str, ...]:
    """The names of the recorded facts (``fact:<name>`` measures) that some ruleset of ``family`` reads."""
    return tuple(sorted({ind.measure.removeprefix(FACT_PREFIX) for rs in rulesets(family)
                         for _, ind in rs.indicators()
                         if ind.measure is not None and ind.measure.startswith(FACT_PREFIX)}))


def _typed_facts(family: str, extra: tuple[str, ...] = (), missing: bool = True) -> st.SearchStrategy[Facts]:
    """Facts ``family``'s rulesets read, each of the type its test compares: a number at or next to one of its
    thresholds (or any percentage or count) where it has thresholds, yes or no where it has none; ``extra``
    names as :func:`facts` draws them."""
    numbers: dict[str, set[Decimal]] = {}
    for rs in rulesets(family):
        for _, ind in rs.indicators():
            if ind.measure is not None and ind.measure.startswith(FACT_PREFIX):
                near = numbers.setdefault(ind.measure.removeprefix(FACT_PREFIX), set())
                near.update(v for th in ind.thresholds for v in _near(th) if v >= 0)
    generic = (st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
               | st.integers(min_value=0, max_value=500) | st.booleans())
    each: dict[str, st.SearchStrategy[bool | int | Decimal]] = {n: generic for n in extra if n not in numbers}
    for name, near in numbers.items():
        any_number = (st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
                      | st.integers(min_value=0, max_value=500))
        each[name] = st.sampled_from(sorted(near)) | any_number if near else st.booleans()
    chosen = st.fixed_dictionaries({}, optional=each) if missing else st.fixed_dictionaries(each)
    return chosen.map(Facts.of)


def _unit_dates(on: st.SearchStrategy[dt.date] | None, family: str) -> st.SearchStrategy[dt.date]:
    return on if on is not None else dates_in_force(family)


def communes(*, on: st.SearchStrategy[dt.date] | None = None, family: str = Commune.default_family,
             fact_names: tuple[str, ...] | None = None) -> st.SearchStrategy[Commune]:
    """Communes in a region (or none) with any of the named facts recorded (by default those ``family``'s
    rulesets read, each of the type its test compares, and the area classifications' ``ETHNIC_COMMUNE_FACTS``),
    on a date on which ``family`` (by default the one ``ntp.assess(commune)`` uses) has a ruleset in force."""
    known = facts(fact_names) if fact_names is not None else _typed_facts(family, ETHNIC_COMMUNE_FACTS)
    return st.builds(Commune, name=st.text(min_size=1, max_size=12), reference_date=_unit_dates(on, family),
                     region=st.none() | st.sampled_from(Region), facts=known,
                     code=st.none() | st.sampled_from(_commune_codes()))


def _commune_codes() -> list[str]:
    # official codes are checked on the unit's date: the codes of 2025-07-01 on, which are also well-formed before
    # (where a code the list of 30 June 2025 lacks may be an older commune's, and is accepted)
    from ..catalogue.units import REORGANISED, UnitLevel, unit_codes

    return sorted(c for c, u in unit_codes().table(REORGANISED).items() if u.level is UnitLevel.COMMUNE)


def districts(*, on: st.SearchStrategy[dt.date] | None = None, family: str = District.default_family,
              fact_names: tuple[str, ...] | None = None) -> st.SearchStrategy[District]:
    """District-level units (huyện, thị xã; abolished on 2025-07-01) with any of the facts ``family``'s rulesets
    read recorded (or the named ones), on a date on which ``family`` has a ruleset in force."""
    known = facts(fact_names) if fact_names is not None else _typed_facts(family)
    return st.builds(District, name=st.text(min_size=1, max_size=12), reference_date=_unit_dates(on, family),
                     region=st.none() | st.sampled_from(Region), facts=known)


def provinces(*, on: st.SearchStrategy[dt.date] | None = None, family: str = Province.default_family,
              fact_names: tuple[str, ...] | None = None) -> st.SearchStrategy[Province]:
    """Provinces with any of the facts ``family``'s rulesets read recorded (or the named ones), on a date on
    which ``family`` has a ruleset in force."""
    known = facts(fact_names) if fact_names is not None else _typed_facts(family)
    return st.builds(Province, name=st.text(min_size=1, max_size=12), reference_date=_unit_dates(on, family),
                     region=st.none() | st.sampled_from(Region), facts=known)


def villages(*, on: st.SearchStrategy[dt.date] | None = None) -> st.SearchStrategy[Village]:
    """Villages (thôn) in a region (or none) with any of the facts the village-area rules read recorded."""
    names = ("em_household_share", "poverty_rate", "poor_em_households", "em_share_of_poor", "no_road_or_very_hard",
             "no_grid", "off_grid_share")
    return st.builds(Village, name=st.text(min_size=1, max_size=12),
                     reference_date=on if on is not None else dates_in_force(Village.default_family),
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


# --- surveyor flags, recorded results, thresholds and what-if rulesets ---------------------------------------


def _deprivation_codes(rs: Ruleset) -> tuple[str, ...]:
    return tuple(i.code for c in rs.criteria if c.code == "deprivation" for i in c.indicators)


def surveyor_flags(ruleset: Ruleset) -> st.SearchStrategy[dict[str, Any]]:
    """What a surveyor records on a poverty review form instead of the raw facts, for ``ruleset``: either
    ``deprived`` / ``not_deprived`` (each deprivation indicator's code in one, the other, or neither) or only the
    ``deprivation_count``; keyword arguments for :class:`~ntp_criteria.Household`."""
    codes = _deprivation_codes(ruleset)
    if not codes:
        raise ValueError(f"{ruleset.family} ({ruleset.instrument.number}) has no deprivation indicator to flag")
    marks = st.tuples(*(st.sampled_from(("deprived", "not_deprived", None)) for _ in codes)).map(
        lambda chosen: {key: frozenset(c for c, m in zip(codes, chosen, strict=True) if m == key)
                        for key in ("deprived", "not_deprived")})
    count = st.integers(min_value=0, max_value=len(codes)).map(lambda n: {"deprivation_count": n})
    return marks | count


def flagged_households(*, on: st.SearchStrategy[dt.date] | None = None, missing: bool = True
                       ) -> st.SearchStrategy[Household]:
    """Households as a review form records them with surveyor flags (:func:`surveyor_flags`) and an income,
    no raw facts (which the flags would have to agree with), on a date some poverty ruleset is in force."""

    @st.composite
    def build(draw: st.DrawFn) -> Household:
        day = draw(on if on is not None else dates_in_force())
        flags = draw(surveyor_flags(ruleset_on(FAMILY, day)))
        income = draw(st.none() | incomes() if missing else incomes())
        return Household(area=draw(st.sampled_from(Area)), reference_date=day, monthly_income_per_capita=income,
                         **flags)

    return build()


def _recordable(c: Criterion) -> bool:
    """A criterion with no indicator in the data, recorded whole as met or not (as appraisal reports do)."""
    return not c.indicators and c.rollup in (Rollup.ALL, Rollup.ANY)


def _near(t: Threshold, step: Decimal | None = None) -> list[Decimal]:
    s = step if step is not None else _step(t.value)
    return [t.value - s, t.value, t.value + s]


def _step(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(1) if not isinstance(exponent, int) or exponent >= 0 else Decimal(1).scaleb(exponent)


def ntm_observations(ruleset: Ruleset) -> st.SearchStrategy[dict[str, bool | Decimal]]:
    """Recorded results for a unit under ``ruleset`` (NTM sets, area classifications), as an appraisal report
    gives them, keyed ``"<family>:<code>"``: each indicator recorded as met or not, or (when it has thresholds)
    as a value at or next to one of them, or not recorded; each criterion with no indicator in the data recorded
    as met or not, or not. Criteria with indicators are not recorded whole (the two would have to agree)."""
    each: dict[str, st.SearchStrategy[bool | Decimal]] = {}
    for _, ind in ruleset.indicators():
        near = sorted({v for t in ind.thresholds for v in _near(t) if v >= 0})
        each[f"{ruleset.family}:{ind.code}"] = st.booleans() | st.sampled_from(near) if near else st.booleans()
    for c in ruleset.criteria:
        if _recordable(c):
            each[f"{ruleset.family}:{c.code}"] = st.booleans()
    return st.fixed_dictionaries({}, optional=each)


_UNITS: dict[str, type[Commune | Village | District | Province]] = {
    "commune": Commune, "village": Village, "district": District, "province": Province}


def _in_force(rs: Ruleset) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=rs.valid_from, max_value=rs.valid_to or dt.date(2099, 12, 31))


def observed_units(ruleset: Ruleset) -> st.SearchStrategy[Commune | Village | District | Province]:
    """Units of ``ruleset``'s subject kind (a commune for ``ntm.commune``, a district for ``ntm.district``), on a
    date in its period, in a region (or none), with recorded results only (:func:`ntm_observations`); assess
    them with the ruleset: ``ntp.assess(unit, ruleset)``. Records are drawn one by one, so some combinations
    contradict each other where a rule checks them against each other (272/2025/NĐ-CP's counts of criteria
    met): the library refuses those with an InputError, and they are left out here."""
    cls = _UNITS.get(ruleset.subject)
    if cls is None:
        raise ValueError(f"{ruleset.family} is assessed for {ruleset.subject}s, not an administrative unit")

    def accepted(unit: Any) -> bool:
        try:
            assess(unit, ruleset)
        except InputError:
            return False
        return True

    units: st.SearchStrategy[Commune | Village | District | Province] = st.builds(
        cls, name=st.text(min_size=1, max_size=12), reference_date=_in_force(ruleset),
        region=st.none() | st.sampled_from(Region), observations=ntm_observations(ruleset))
    return units.filter(accepted)


class AtThreshold(NamedTuple):
    """A subject placed exactly at, just below or just above a threshold, and what the law gives there."""

    #: the subject (a household or a unit) whose value for the indicator (or count for the criterion) is ``value``
    subject: Household | Commune | Village | District | Province
    #: the threshold the subject is measured against (the one whose scope the subject is in)
    threshold: Threshold
    #: the subject's value: the threshold's value, one step below it, or one step above it
    value: Decimal
    #: ``"below"``, ``"at"`` or ``"above"``
    position: str
    #: whether ``value <op> threshold`` holds: the indicator (or the criterion's count) is met
    met: bool


def _unit_scope(region: Region, day: dt.date) -> dict[str, str | int]:
    """What a unit in ``region`` on ``day`` is assessed by (as the units' ``scope_values`` give it)."""
    return {"year": day.year, "region": region.value, "mekong_delta": "yes" if region is Region.DBSCL else "no"}


def _placed(indicator: Indicator | None, t: Threshold, scope: dict[str, str | int]) -> bool:
    """Whether a subject with these scope values is measured against ``t`` (the test applies to it)."""
    if indicator is None:
        return t.scope.matches(scope)
    return indicator.applies(scope) is True and indicator.threshold_for(scope) == t


def _scope_date(rs: Ruleset, t: Threshold) -> st.SearchStrategy[dt.date]:
    start, end = rs.valid_from, rs.valid_to or dt.date(2099, 12, 31)
    year = t.scope.get("year")
    if isinstance(year, int):
        start, end = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    return st.dates(min_value=start, max_value=end)


def _income(value: Decimal | int) -> dict[str, Any]:
    return {"monthly_income_per_capita": value}


def _floor_area(value: Decimal | int) -> dict[str, Any]:
    # one member: the floor area per person is the dwelling's floor area
    return {"members": (Member(age=40),), "dwelling": Dwelling(floor_area_m2=value)}


_HOUSEHOLD_MEASURES: dict[str, Callable[[Decimal | int], dict[str, Any]]] = {
    "household.monthly_income_per_capita": _income, "household.floor_area_per_person": _floor_area}


def _target(ruleset: Ruleset, code: str) -> tuple[Criterion | None, Indicator | None]:
    for c, ind in ruleset.indicators():
        if ind.code == code:
            return c, ind
    criterion = next((c for c in ruleset.criteria if c.code == code), None)
    if criterion is None or criterion.count_threshold is None:
        known = sorted({i.code for _, i in ruleset.indicators() if i.thresholds}
                       | {c.code for c in ruleset.criteria if c.count_threshold is not None})
        raise ValueError(f"{ruleset.family} ({ruleset.instrument.number}) has no threshold named {code!r}; "
                         f"thresholds: {', '.join(known) or 'none'}")
    return criterion, None


def at_threshold(ruleset: Ruleset, code: str, *, step: Decimal | int | None = None
                 ) -> st.SearchStrategy[AtThreshold]:
    """A subject of ``ruleset``'s kind exactly at, one ``step`` below or one above a threshold of indicator
    ``code`` (or the count cut-off of criterion ``code``), in the threshold's scope (its region, year, area) and
    on a date in the ruleset's period, with nothing else recorded; assess it with the ruleset
    (``ntp.assess(case.subject, ruleset)``). Each of the indicator's thresholds is drawn from.

    The step is by default 1 for a whole-number threshold and the last digit's place otherwise (0.1 for 2.5).
    A unit's value is recorded as the fact the indicator reads (``fact:`` measures) or as its recorded result;
    a household's as its income, floor area (one member) or deprivation count. A threshold the library cannot
    place a subject at (a household measure over several facts, such as the dependants' share) is a
    ValueError, as is a code with no threshold."""
    criterion, indicator = _target(ruleset, code)
    thresholds = indicator.thresholds if indicator is not None else (criterion.count_threshold,)  # type: ignore[union-attr]
    if not thresholds:
        raise ValueError(f"{ruleset.family} ({ruleset.instrument.number}): indicator {code!r} has no threshold "
                         "(a recorded result decides it)")
    given = Decimal(step) if step is not None else None
    household = ruleset.subject == "household"
    if household and indicator is not None and indicator.measure not in _HOUSEHOLD_MEASURES:
        raise ValueError(f"cannot place a household at a threshold of {code!r} (measure {indicator.measure}): "
                         f"only {', '.join(sorted(_HOUSEHOLD_MEASURES))} and the deprivation count")
    cls = _UNITS.get(ruleset.subject)
    if not household and cls is None:
        raise ValueError(f"{ruleset.family} is assessed for {ruleset.subject}s: no strategy places one at a threshold")

    @st.composite
    def build(draw: st.DrawFn) -> AtThreshold:
        t: Threshold = draw(st.sampled_from(thresholds))
        below, at, above = _near(t, given)
        position, value = draw(st.sampled_from([("below", below), ("at", at), ("above", above)]).filter(
            lambda pv: pv[1] >= 0))
        day = draw(_scope_date(ruleset, t))
        if not household:
            # a region whose scope (region, Mekong Delta or not, year) has this threshold, where the test applies
            regions = [r for r in draw(st.permutations(list(Region))) if _placed(indicator, t, _unit_scope(r, day))]
            if not regions:
                raise ValueError(f"{ruleset.family}: no region is in the scope of {code!r}'s threshold [{t.scope}]")
        number: Decimal | int = int(value) if value == value.to_integral_value() else value
        subject: Household | Commune | Village | District | Province
        if household:
            if indicator is None:
                fields: dict[str, Any] = {"deprivation_count": int(number)}
            else:
                fields = _HOUSEHOLD_MEASURES[indicator.measure or ""](number)
            area = t.scope.get("area")
            subject = Household(area=Area(area) if area is not None else draw(st.sampled_from(Area)),
                                reference_date=day, **fields)
        else:
            assert cls is not None
            measure = indicator.measure if indicator is not None else None
            recorded: dict[str, bool | int | Decimal] = {}
            known: dict[str, bool | int | Decimal] = {}
            if measure is not None and measure.startswith(FACT_PREFIX):
                known[measure.removeprefix(FACT_PREFIX)] = number
            else:
                recorded[f"{ruleset.family}:{code}"] = int(number) if indicator is None else number
            subject = cls(name="at-threshold", reference_date=day, region=regions[0], facts=known,
                          observations=recorded)
        return AtThreshold(subject, t, value, position, t.op.holds(value, t.value))

    return build()


def whatif_rulesets(family: str | None = None) -> st.SearchStrategy[Ruleset]:
    """What-if scenarios of the rulesets in the data (of ``family``, or of every family with thresholds): one
    threshold (for one of its scopes) or one criterion's count cut-off moved to another value between half and
    one and a half times the law's, in the law's precision. Every changed number is ``unverified`` and notes it
    is a scenario (:mod:`ntp_criteria.catalogue.whatif`)."""
    sets = [rs for rs in (rulesets(family) if family else rulesets())
            if any(i.thresholds for _, i in rs.indicators()) or any(c.count_threshold for c in rs.criteria)]
    if not sets:
        raise ValueError(f"no ruleset of {family!r} has a threshold to change")

    def change(rs: Ruleset) -> st.SearchStrategy[Ruleset]:
        moves: list[tuple[str, Threshold, bool]] = [
            (i.code, t, False) for _, i in rs.indicators() for t in i.thresholds]
        moves += [(c.code, c.count_threshold, True) for c in rs.criteria if c.count_threshold is not None]

        @st.composite
        def moved(draw: st.DrawFn) -> Ruleset:
            code, t, count = draw(st.sampled_from(moves))
            if count:
                low, high = max(0, int(t.value) // 2), max(1, int(t.value * 3 / 2))
                return with_count_threshold(rs, code, draw(st.integers(min_value=low, max_value=high)),
                                            label="hypothesis")
            step = _step(t.value)
            low, high = int(t.value / 2 / step), max(1, int(t.value * 3 / 2 / step))
            value = draw(st.integers(min_value=low, max_value=high)) * step
            return with_threshold(rs, code, value, scope=dict(t.scope.items), label="hypothesis")

        return moved()

    return st.sampled_from(sets).flatmap(change)
