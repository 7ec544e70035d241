"""The household measures as they were written before they were bound to their indicators once (issue #17),
kept verbatim as the oracle the bound measures are checked against (tests/test_engine_fast_paths.py). Not
registered: only the tests call them."""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from ntp_criteria.core.forms import ReviewForm
from ntp_criteria.core.model import Indicator
from ntp_criteria.core.results import Observed
from ntp_criteria.core.subjects import EducationLevel, Employment, Household, Member, Subject
from ntp_criteria.engine import MeasureValue, Missing


def _household(subject: Subject) -> Household:
    if isinstance(subject, ReviewForm):  # as the measures module reads a review form since
        return subject.household
    if not isinstance(subject, Household):
        raise TypeError(f"a household measure needs a Household, got {type(subject).__name__}")
    return subject


def _any_member(hh: Household, test: Callable[[Member], bool | None], facts: str) -> MeasureValue:
    """Three-valued "at least one member …": a known yes decides; otherwise any unknown leaves it open."""
    if not hh.members:
        return Missing("members not recorded")
    results = [test(m) for m in hh.members]
    if any(r is True for r in results):
        return True
    unknown = [i for i, r in enumerate(results) if r is None]
    if unknown:
        return Missing(f"{facts} not recorded for members {unknown}")
    return False


def _age(ind: Indicator, name: str) -> int:
    return int(ind.parameter(name).number())


# measure "household.monthly_income_per_capita")
def income_per_capita(subject: Subject, ind: Indicator) -> MeasureValue:
    """The household's monthly income per capita (thu nhập bình quân đầu người/tháng), in VND."""
    income = _household(subject).monthly_income_per_capita
    if income is None:
        return Missing("monthly income per capita not recorded")
    return Observed.exactly(income, "VND/person/month")


# measure "household.employment")
def employment(subject: Subject, ind: Indicator) -> MeasureValue:
    """At least one member unemployed, or working for a wage without a labour contract."""
    deprived = {Employment.UNEMPLOYED, Employment.WAGE_WITHOUT_CONTRACT}
    return _any_member(
        _household(subject),
        lambda m: None if m.employment is None else m.employment in deprived,
        "employment",
    )


# measure "household.dependant_share")
def dependant_share(subject: Subject, ind: Indicator) -> MeasureValue:
    """Dependants as a percentage of members (an interval when some members' status is unknown)."""
    hh = _household(subject)
    if not hh.members:
        return Missing("members not recorded")
    n = len(hh.members)
    known = sum(1 for m in hh.members if m.dependant is True)
    unknown = sum(1 for m in hh.members if m.dependant is None)
    return Observed(Decimal(100 * known) / n, Decimal(100 * (known + unknown)) / n, "%")


# measure "household.malnourished_child")
def malnourished_child(subject: Subject, ind: Indicator) -> MeasureValue:
    """At least one child under ``age_under`` stunted or underweight."""
    limit = _age(ind, "age_under")
    return _any_member(
        _household(subject),
        lambda m: False if m.age >= limit else m.malnourished,
        "nutrition",
    )


# measure "household.uninsured_member")
def uninsured_member(subject: Subject, ind: Indicator) -> MeasureValue:
    """At least one member aged ``age_from`` or more without current health insurance."""
    limit = _age(ind, "age_from")
    return _any_member(
        _household(subject),
        lambda m: False if m.age < limit else (
            None if m.health_insured is None else not m.health_insured),
        "health insurance",
    )


# measure "household.health_access")
def health_access(subject: Subject, ind: Indicator) -> MeasureValue:
    """At least one member ill or injured who did not seek treatment."""
    return _any_member(_household(subject), lambda m: m.ill_without_treatment,
                       "illness and treatment")


_LOWER = {EducationLevel.LOWER_SECONDARY, EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL,
          EducationLevel.TERTIARY}
_UPPER = {EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL, EducationLevel.TERTIARY}


# measure "household.adult_education")
def adult_education(subject: Subject, ind: Indicator) -> MeasureValue:
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
        if edu is not None and edu in needed:
            return False
        if edu is None or m.in_school is None:
            return None
        return True

    return _any_member(_household(subject), deprived, "schooling or education level")


# measure "household.child_schooling")
def child_schooling(subject: Subject, ind: Indicator) -> MeasureValue:
    """A child aged ``age_from``–``age_to`` not attending school."""
    lo, hi = _age(ind, "age_from"), _age(ind, "age_to")
    return _any_member(
        _household(subject),
        lambda m: False if not lo <= m.age <= hi else (
            None if m.in_school is None else not m.in_school),
        "school attendance",
    )


# measure "household.non_durable_structures")
def non_durable_structures(subject: Subject, ind: Indicator) -> MeasureValue:
    """How many of the three main structures (walls, frame, roof) are of non-durable materials."""
    d = _household(subject).dwelling
    parts = (d.durable_walls, d.durable_frame, d.durable_roof)
    known_bad = sum(1 for p in parts if p is False)
    unknown = sum(1 for p in parts if p is None)
    return Observed(known_bad, known_bad + unknown, "structures")


# measure "household.floor_area_per_person")
def floor_area_per_person(subject: Subject, ind: Indicator) -> MeasureValue:
    """The dwelling's floor area divided by the number of members, in m² per person."""
    hh = _household(subject)
    if hh.dwelling.floor_area_m2 is None:
        return Missing("dwelling floor area not recorded")
    if not hh.members:
        return Missing("members not recorded")
    return Observed.exactly(Decimal(hh.dwelling.floor_area_m2) / len(hh.members), "m²/person")


def _has(ind: Indicator, name: str) -> bool:
    return any(p.name == name for p in ind.parameters)


def _not_in(value: object, kinds: Iterable[str], what: str) -> MeasureValue:
    if value is None:
        return Missing(f"{what} not recorded")
    return getattr(value, "value", value) not in set(kinds)


# measure "household.unclean_water")
def unclean_water(subject: Subject, ind: Indicator) -> MeasureValue:
    """The main domestic water source is not one of the ``clean_sources`` kinds."""
    return _not_in(_household(subject).dwelling.water_source, ind.parameter("clean_sources").kinds(),
                   "water source")


# measure "household.unhygienic_latrine")
def unhygienic_latrine(subject: Subject, ind: Indicator) -> MeasureValue:
    """The latrine used is not one of the ``hygienic_types``."""
    return _not_in(_household(subject).dwelling.latrine, ind.parameter("hygienic_types").kinds(), "latrine")


# measure "household.no_internet_user")
def no_internet_user(subject: Subject, ind: Indicator) -> MeasureValue:
    """No member uses internet services."""
    return _none_of_members(_household(subject), "uses_internet", "internet use")


# measure "household.no_phone_or_internet_user")
def no_phone_or_internet_user(subject: Subject, ind: Indicator) -> MeasureValue:
    """No member uses a phone subscription or the internet."""
    hh = _household(subject)
    phone = _none_of_members(hh, "uses_phone", "phone use")
    net = _none_of_members(hh, "uses_internet", "internet use")
    if phone is False or net is False:
        return False
    if isinstance(phone, Missing):
        return phone
    return net


def _none_of_members(hh: Household, fact: str, what: str) -> MeasureValue:
    if not hh.members:
        return Missing("members not recorded")
    values = [getattr(m, fact) for m in hh.members]
    if any(v is True for v in values):
        return False
    if any(v is None for v in values):
        return Missing(f"{what} not recorded for members {[i for i, v in enumerate(values) if v is None]}")
    return True


# measure "household.no_information_device")
def no_information_device(subject: Subject, ind: Indicator) -> MeasureValue:
    """The household owns none of the ``devices`` kinds."""
    hh = _household(subject)
    if hh.devices is None:
        return Missing("information devices not recorded")
    owned = {d.value for d in hh.devices}
    return not owned & set(ind.parameter("devices").kinds())


# measure "household.no_information_asset_or_loudspeaker")
def no_information_asset_or_loudspeaker(subject: Subject, ind: Indicator) -> MeasureValue:
    """Owns none of the ``devices`` kinds and cannot hear the commune/village loudspeakers."""
    owns_none = no_information_device(subject, ind)
    hears = _household(subject).hears_loudspeaker
    if owns_none is False or hears is True:
        return False
    if isinstance(owns_none, Missing):
        return owns_none
    return Missing("loudspeaker reach not recorded") if hears is None else True


# measure "household.untreated_waste")
def untreated_waste(subject: Subject, ind: Indicator) -> MeasureValue:
    """Household waste is neither collected nor treated."""
    waste = _household(subject).dwelling.waste
    if waste is None:
        return Missing("waste handling not recorded")
    return waste.value not in set(ind.parameter("treated").kinds())
