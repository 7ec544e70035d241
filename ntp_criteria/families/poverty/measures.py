"""Measures over a household's raw facts, named in the rules data.

Each measure applies one indicator's wording to the facts; the legal numbers it needs (ages, accepted
kinds of water source …) come from the indicator's parameters in the data, never from this code. A
measure returns an exact value, a yes/no ("deprived"), the interval the value must lie in when some
facts are missing, or :class:`~ntp_criteria.engine.Missing` naming the facts needed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from decimal import Decimal

from ...core.forms import ReviewForm
from ...core.model import Indicator
from ...core.results import Observed
from ...core.subjects import (
    Device,
    Dwelling,
    EducationLevel,
    Employment,
    Household,
    LatrineType,
    Member,
    Subject,
    WasteHandling,
    WaterSource,
)
from ...engine import MeasureValue, Missing
from ...engine.registry import BoundMeasure, bound_measure

__all__ = [  # public for reading and testing; the engine reaches each measure by the name the rules data give it
    "adult_education",
    "child_schooling",
    "dependant_share",
    "employment",
    "floor_area_per_person",
    "health_access",
    "income_per_capita",
    "malnourished_child",
    "no_information_asset_or_loudspeaker",
    "no_information_device",
    "no_internet_user",
    "no_phone_or_internet_user",
    "non_durable_structures",
    "unclean_water",
    "unhygienic_latrine",
    "uninsured_member",
    "untreated_waste",
]


def _household(subject: Subject) -> Household:
    if isinstance(subject, ReviewForm):  # Phiếu B2 applies the same indicators to the form's members and dwelling
        return subject.household
    if not isinstance(subject, Household):
        raise TypeError(f"a household measure needs a Household, got {type(subject).__name__}")
    return subject


def _members(subject: Subject) -> tuple[Member, ...]:
    """The members of the household a measure reads (a Household itself is checked first: the common case)."""
    return (subject if subject.__class__ is Household else _household(subject)).members


def _dwelling(subject: Subject) -> Dwelling:
    return (subject if subject.__class__ is Household else _household(subject)).dwelling


# Each measure is bound to its indicator once (``bound_measure``): the parameters are read, the accepted kinds
# made a set, then the returned function runs for every household. The registered measure binds on every call,
# so the reference semantics and the compiled plan run this same code. The loops below stop at the first member
# that decides; the members whose facts are missing are listed only when no member decides.

_NO_MEMBERS = Missing("members not recorded")


def _missing_for(members: tuple[Member, ...], unknown: Callable[[Member], bool], facts: str) -> Missing:
    """Missing, naming the members (by position) whose facts leave the test open."""
    return Missing(f"{facts} not recorded for members {[i for i, m in enumerate(members) if unknown(m)]}")


def _age(ind: Indicator, name: str) -> int:
    return int(ind.parameter(name).number())


@bound_measure("household.monthly_income_per_capita")
def income_per_capita(ind: Indicator) -> BoundMeasure:
    """The household's monthly income per capita (thu nhập bình quân đầu người/tháng), in VND."""
    missing = Missing("monthly income per capita not recorded")

    def measure(subject: Subject) -> MeasureValue:
        income = (subject if subject.__class__ is Household else _household(subject)).monthly_income_per_capita
        if income is None:
            return missing
        return Observed(income, income, "VND/person/month")

    return measure


_UNEMPLOYED, _NO_CONTRACT = Employment.UNEMPLOYED, Employment.WAGE_WITHOUT_CONTRACT


@bound_measure("household.employment")
def employment(ind: Indicator) -> BoundMeasure:
    """At least one member unemployed, or working for a wage without a labour contract."""

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        unknown = False
        for m in members:
            e = m.employment
            if e is _UNEMPLOYED or e is _NO_CONTRACT:
                return True
            if e is None:
                unknown = True
        return _missing_for(members, lambda m: m.employment is None, "employment") if unknown else False

    return measure


@bound_measure("household.dependant_share")
def dependant_share(ind: Indicator) -> BoundMeasure:
    """Dependants as a percentage of members (an interval when some members' status is unknown)."""
    # the same few shares recur (2 of 5 members …): each is computed once per binding, and is then one object,
    # which the plan recognises without reading its digits
    shares: dict[tuple[int, int, int], Observed] = {}

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        known = unknown = 0
        for m in members:
            d = m.dependant
            if d is True:
                known += 1
            elif d is None:
                unknown += 1
        n = len(members)
        found = shares.get((known, unknown, n))
        if found is None:
            found = Observed(Decimal(100 * known) / n, Decimal(100 * (known + unknown)) / n, "%")
            if len(shares) < 4096:
                shares[known, unknown, n] = found
        return found

    return measure


@bound_measure("household.malnourished_child")
def malnourished_child(ind: Indicator) -> BoundMeasure:
    """At least one child under ``age_under`` stunted or underweight."""
    limit = _age(ind, "age_under")

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        unknown = False
        for m in members:
            if m.age < limit:
                found = m.malnourished
                if found is True:
                    return True
                if found is None:
                    unknown = True
        return (_missing_for(members, lambda m: m.age < limit and m.malnourished is None, "nutrition") if unknown
                else False)

    return measure


@bound_measure("household.uninsured_member")
def uninsured_member(ind: Indicator) -> BoundMeasure:
    """At least one member aged ``age_from`` or more without current health insurance."""
    limit = _age(ind, "age_from")

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        unknown = False
        for m in members:
            if m.age >= limit:
                insured = m.health_insured
                if insured is False:
                    return True
                if insured is None:
                    unknown = True
        return (_missing_for(members, lambda m: m.age >= limit and m.health_insured is None, "health insurance")
                if unknown else False)

    return measure


@bound_measure("household.health_access")
def health_access(ind: Indicator) -> BoundMeasure:
    """At least one member ill or injured who did not seek treatment."""

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        unknown = False
        for m in members:
            found = m.ill_without_treatment
            if found is True:
                return True
            if found is None:
                unknown = True
        return (_missing_for(members, lambda m: m.ill_without_treatment is None, "illness and treatment")
                if unknown else False)

    return measure


# by identity (enum members are singletons; hashing one runs Python code)
_LOWER = frozenset(map(id, (EducationLevel.LOWER_SECONDARY, EducationLevel.UPPER_SECONDARY,
                            EducationLevel.VOCATIONAL, EducationLevel.TERTIARY)))
_UPPER = frozenset(map(id, (EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL, EducationLevel.TERTIARY)))


@bound_measure("household.adult_education")
def adult_education(ind: Indicator) -> BoundMeasure:
    """A member aged ``age_from``–``age_to`` not studying and without the credential for their age.

    Below ``upper_secondary_from_age`` (when the rule has it) the credential is lower secondary; from
    it, upper secondary or a vocational credential.
    """
    lo, hi = _age(ind, "age_from"), _age(ind, "age_to")
    upper_from = _age(ind, "upper_secondary_from_age") if _has(ind, "upper_secondary_from_age") else None

    def deprived(m: Member) -> bool | None:
        age: int = m.age
        if not lo <= age <= hi or m.in_school is True:
            return False
        needed = _UPPER if upper_from is not None and age >= upper_from else _LOWER
        edu = m.education
        if edu is not None and id(edu) in needed:
            return False
        if edu is None or m.in_school is None:
            return None
        return True

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        unknown = False
        for m in members:
            found = deprived(m)
            if found is True:
                return True
            if found is None:
                unknown = True
        return (_missing_for(members, lambda m: deprived(m) is None, "schooling or education level") if unknown
                else False)

    return measure


@bound_measure("household.child_schooling")
def child_schooling(ind: Indicator) -> BoundMeasure:
    """A child aged ``age_from``–``age_to`` not attending school."""
    lo, hi = _age(ind, "age_from"), _age(ind, "age_to")

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        if not members:
            return _NO_MEMBERS
        unknown = False
        for m in members:
            if lo <= m.age <= hi:
                attends = m.in_school
                if attends is False:
                    return True
                if attends is None:
                    unknown = True
        return (_missing_for(members, lambda m: lo <= m.age <= hi and m.in_school is None, "school attendance")
                if unknown else False)

    return measure


@bound_measure("household.non_durable_structures")
def non_durable_structures(ind: Indicator) -> BoundMeasure:
    """How many of the three main structures (walls, frame, roof) are of non-durable materials."""
    counts = {(bad, unknown): Observed(bad, bad + unknown, "structures")
              for bad in range(4) for unknown in range(4 - bad)}

    def measure(subject: Subject) -> MeasureValue:
        d = _dwelling(subject)
        parts = (d.durable_walls, d.durable_frame, d.durable_roof)
        return counts[sum(1 for p in parts if p is False), sum(1 for p in parts if p is None)]

    return measure


@bound_measure("household.floor_area_per_person")
def floor_area_per_person(ind: Indicator) -> BoundMeasure:
    """The dwelling's floor area divided by the number of members, in m² per person."""
    no_area = Missing("dwelling floor area not recorded")
    # a whole number of m² shared by a few people recurs: computed once per binding (a Decimal area is not
    # remembered, since Decimal("20.0") and Decimal("20") are equal keys with different quotients)
    shares: dict[tuple[int, int], Observed] = {}

    def measure(subject: Subject) -> MeasureValue:
        hh = subject if subject.__class__ is Household else _household(subject)
        area = hh.dwelling.floor_area_m2
        if area is None:
            return no_area
        members = hh.members
        if not members:
            return _NO_MEMBERS
        n = len(members)
        if area.__class__ is int:
            found = shares.get((area, n))
            if found is None:
                share = Decimal(area) / n
                found = Observed(share, share, "m²/person")
                if len(shares) < 4096:
                    shares[area, n] = found
            return found
        share = Decimal(area) / n
        return Observed(share, share, "m²/person")

    return measure


def _has(ind: Indicator, name: str) -> bool:
    return any(p.name == name for p in ind.parameters)


def _not_in(kind: type[enum.Enum], kinds: Iterable[str], what: str) -> Callable[[object], MeasureValue]:
    """The test "a recorded value not among ``kinds``" (Missing when not recorded), for values of the enum ``kind``
    (read by ``_value_``: an enum's ``value`` property runs Python code) or given otherwise."""
    accepted = frozenset(kinds)
    missing = Missing(f"{what} not recorded")

    def test(value: object) -> MeasureValue:
        if value is None:
            return missing
        if value.__class__ is kind:
            return value._value_ not in accepted
        return getattr(value, "value", value) not in accepted

    return test


@bound_measure("household.unclean_water")
def unclean_water(ind: Indicator) -> BoundMeasure:
    """The main domestic water source is not one of the ``clean_sources`` kinds."""
    test = _not_in(WaterSource, ind.parameter("clean_sources").kinds(), "water source")
    return lambda subject: test(_dwelling(subject).water_source)


@bound_measure("household.unhygienic_latrine")
def unhygienic_latrine(ind: Indicator) -> BoundMeasure:
    """The latrine used is not one of the ``hygienic_types``."""
    test = _not_in(LatrineType, ind.parameter("hygienic_types").kinds(), "latrine")
    return lambda subject: test(_dwelling(subject).latrine)


@bound_measure("household.no_internet_user")
def no_internet_user(ind: Indicator) -> BoundMeasure:
    """No member uses internet services."""
    return lambda subject: _none_of_members(_members(subject), "uses_internet", "internet use")


@bound_measure("household.no_phone_or_internet_user")
def no_phone_or_internet_user(ind: Indicator) -> BoundMeasure:
    """No member uses a phone subscription or the internet."""

    def measure(subject: Subject) -> MeasureValue:
        members = (subject if subject.__class__ is Household else _household(subject)).members
        phone = _none_of_members(members, "uses_phone", "phone use")
        net = _none_of_members(members, "uses_internet", "internet use")
        if phone is False or net is False:
            return False
        if isinstance(phone, Missing):
            return phone
        return net

    return measure


def _none_of_members(members: tuple[Member, ...], fact: str, what: str) -> MeasureValue:
    if not members:
        return _NO_MEMBERS
    unknown = False
    for m in members:
        value = getattr(m, fact)
        if value is True:
            return False
        if value is None:
            unknown = True
    if unknown:
        return _missing_for(members, lambda m: getattr(m, fact) is None, what)
    return True


def _owns_none(ind: Indicator) -> BoundMeasure:
    """Whether the household owns none of the indicator's ``devices`` kinds."""
    kinds = frozenset(ind.parameter("devices").kinds())
    missing = Missing("information devices not recorded")

    def measure(subject: Subject) -> MeasureValue:
        devices = (subject if subject.__class__ is Household else _household(subject)).devices
        if devices is None:
            return missing
        for d in devices:  # noqa: SIM110 - a loop: all() over a generator costs a frame per household
            if (d._value_ if d.__class__ is Device else d.value) in kinds:
                return False
        return True

    return measure


@bound_measure("household.no_information_device")
def no_information_device(ind: Indicator) -> BoundMeasure:
    """The household owns none of the ``devices`` kinds."""
    return _owns_none(ind)


@bound_measure("household.no_information_asset_or_loudspeaker")
def no_information_asset_or_loudspeaker(ind: Indicator) -> BoundMeasure:
    """Owns none of the ``devices`` kinds and cannot hear the commune/village loudspeakers."""
    owns_none = _owns_none(ind)
    unheard = Missing("loudspeaker reach not recorded")

    def measure(subject: Subject) -> MeasureValue:
        none = owns_none(subject)
        hears = (subject if subject.__class__ is Household else _household(subject)).hears_loudspeaker
        if none is False or hears is True:
            return False
        if isinstance(none, Missing):
            return none
        return unheard if hears is None else True

    return measure


@bound_measure("household.untreated_waste")
def untreated_waste(ind: Indicator) -> BoundMeasure:
    """Household waste is neither collected nor treated."""
    treated = frozenset(ind.parameter("treated").kinds())
    missing = Missing("waste handling not recorded")

    def measure(subject: Subject) -> MeasureValue:
        waste = _dwelling(subject).waste
        if waste is None:
            return missing
        return (waste._value_ if waste.__class__ is WasteHandling else waste.value) not in treated

    return measure
