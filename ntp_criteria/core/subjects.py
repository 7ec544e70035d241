"""The subjects rules are assessed against: raw facts, never pre-judged results.

Every fact is optional (``None`` = not recorded) so that a missing fact shows up as MISSING in an
assessment instead of silently counting as a failure. Objects are frozen and validated on construction:
bad values raise :class:`~ntp_criteria.InputError` naming the field path.

A subject tells the engine three things (the :class:`Subject` protocol): its kind, the scope values
thresholds vary by (``area``, ``region``, ``year`` …), and values recorded directly against an indicator
or criterion code (a surveyor's flag, an observed rate). Villages, communes, districts and provinces
follow the same protocol.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Protocol, cast

import attrs

from ._convert import structure
from ._validate import (
    check_day,
    check_fields,
    enum_converter,
    enum_set_converter,
    frozen_set,
    frozen_tuple,
    raise_problems,
)
from .dates import age_on
from .errors import Problem
from .model import ScopeValue

__all__ = [
    "Area",
    "Device",
    "Dwelling",
    "EducationLevel",
    "Employment",
    "Household",
    "LatrineType",
    "Member",
    "Subject",
    "WasteHandling",
    "WaterSource",
]

Recorded = bool | int | Decimal


class Subject(Protocol):
    """What the engine needs from anything it assesses."""

    kind: ClassVar[str]
    default_family: ClassVar[str]

    @property
    def id(self) -> str | None:
        """The subject's identifier in reports (a household id, a unit's GSO code or name), if it has one."""

    @property
    def reference_date(self) -> dt.date:
        """The date the facts describe, and so the date the ruleset in force is chosen for."""

    def scope_values(self) -> Mapping[str, ScopeValue]:
        """The subject's value in each scope dimension it knows (area, region, year …), to choose thresholds by."""

    def recorded(self, code: str, family: str = "") -> Recorded | None:
        """A result recorded directly against an indicator or criterion code of ``family``, or None."""

    def fact(self, name: str) -> Recorded | None:
        """A named raw fact a measure reads (``fact:<name>`` in the rules data), or None when not given."""


class Area(enum.Enum):
    """Where the household lives, as the poverty standard distinguishes it."""

    RURAL = "rural"  # nông thôn
    URBAN = "urban"  # thành thị (NĐ 07/2021) / đô thị (NĐ 351/2025)


class Employment(enum.Enum):
    """A member's labour situation, as the review form records it."""

    WAGE_WITH_CONTRACT = "wage_with_contract"
    #: works for a wage with no labour contract (no regular, stable job)
    WAGE_WITHOUT_CONTRACT = "wage_without_contract"
    SELF_EMPLOYED = "self_employed"
    #: of working age, able and willing to work, and without a job
    UNEMPLOYED = "unemployed"
    #: studying, retired, unable to work, or not of working age
    NOT_IN_LABOUR_FORCE = "not_in_labour_force"


class EducationLevel(enum.Enum):
    """Highest level completed."""

    NONE = "none"
    PRIMARY = "primary"  # tiểu học
    LOWER_SECONDARY = "lower_secondary"  # trung học cơ sở (THCS)
    UPPER_SECONDARY = "upper_secondary"  # trung học phổ thông (THPT)
    #: sơ cấp, trung cấp or cao đẳng vocational credential
    VOCATIONAL = "vocational"
    TERTIARY = "tertiary"


class WaterSource(enum.Enum):
    """Main domestic water source."""

    PIPED = "piped"
    DRILLED_WELL = "drilled_well"
    PROTECTED_DUG_WELL = "protected_dug_well"
    UNPROTECTED_DUG_WELL = "unprotected_dug_well"
    PROTECTED_SPRING = "protected_spring"  # includes protected nước khe, mó
    UNPROTECTED_SPRING = "unprotected_spring"
    RAINWATER = "rainwater"
    BOTTLED = "bottled"  # bottled or jar water
    PURCHASED = "purchased"  # nước mua: water bought (Phiếu B1 mục VIII; TT 07/2021 Phụ lục IV mục I.6)
    SURFACE = "surface"  # river, lake, pond, canal
    OTHER = "other"


class LatrineType(enum.Enum):
    """Latrine the household uses."""

    SEPTIC = "septic"  # tự hoại
    SEMI_SEPTIC = "semi_septic"  # bán tự hoại
    POUR_FLUSH = "pour_flush"  # dội nước
    VENTILATED_PIT = "ventilated_pit"  # chìm có ống thông hơi
    DOUBLE_VAULT = "double_vault"  # hai ngăn
    BIOGAS = "biogas"
    SIMPLE_PIT = "simple_pit"  # hố xí đơn giản
    OVER_WATER = "over_water"  # cầu tõm, trên ao cá
    NONE = "none"


class Device(enum.Enum):
    """Information devices a household may own."""

    TELEVISION = "television"
    RADIO = "radio"
    COMPUTER = "computer"
    PHONE = "phone"
    SMARTPHONE = "smartphone"
    TABLET = "tablet"


class WasteHandling(enum.Enum):
    """How the household's solid waste is dealt with."""

    COLLECTED = "collected"  # by a collection service
    TREATED_ON_SITE = "treated_on_site"  # classified and treated as local rules allow
    UNTREATED = "untreated"  # dumped, left in the open


# Converters (named functions, as mypy's attrs plugin wants): an enum member may be given by its documented
# value, a collection as a list or a set; anything else is kept as given for the field check to refuse.
_EDUCATION, _EMPLOYMENT = enum_converter(EducationLevel), enum_converter(Employment)
_WATER, _LATRINE, _WASTE = enum_converter(WaterSource), enum_converter(LatrineType), enum_converter(WasteHandling)
_AREA, _DEVICES = enum_converter(Area), enum_set_converter(Device)


def _education(value: EducationLevel | str | None) -> EducationLevel | None:
    return cast(EducationLevel | None, _EDUCATION(value))


def _employment(value: Employment | str | None) -> Employment | None:
    return cast(Employment | None, _EMPLOYMENT(value))


def _water(value: WaterSource | str | None) -> WaterSource | None:
    return cast(WaterSource | None, _WATER(value))


def _latrine(value: LatrineType | str | None) -> LatrineType | None:
    return cast(LatrineType | None, _LATRINE(value))


def _waste(value: WasteHandling | str | None) -> WasteHandling | None:
    return cast(WasteHandling | None, _WASTE(value))


def _area(value: Area | str) -> Area:
    return cast(Area, _AREA(value))


def _devices(value: Iterable[Device | str] | None) -> frozenset[Device] | None:
    return cast(frozenset[Device] | None, _DEVICES(value))


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return cast(tuple[Member, ...], frozen_tuple(value))


def _codes(value: Iterable[str]) -> frozenset[str]:
    return cast(frozenset[str], frozen_set(value))


@attrs.frozen
class Member:
    """One household member's facts (age in whole years at the reference date)."""

    age: int
    health_insured: bool | None = None
    in_school: bool | None = None
    education: EducationLevel | None = attrs.field(default=None, converter=_education)
    employment: Employment | None = attrs.field(default=None, converter=_employment)
    #: counts as a dependant under the standard in force (child, or elderly/disabled on social allowance)
    dependant: bool | None = None
    #: a child found stunted (height-for-age) or underweight (weight-for-age)
    malnourished: bool | None = None
    #: ill or injured and did not seek treatment (QĐ 59/2015 "access to health services")
    ill_without_treatment: bool | None = None
    uses_internet: bool | None = None
    uses_phone: bool | None = None
    #: when recorded, the household checks ``age`` against it on its reference date (both must agree)
    date_of_birth: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self)
        if not problems and not 0 <= self.age <= 130:
            problems.append(Problem("$.age", f"expected a whole number from 0 to 130, got {self.age!r}"))
        raise_problems(problems, "Member")

    @classmethod
    def born(cls, date_of_birth: dt.date, on: dt.date, **facts: Any) -> Member:
        """A member whose age is counted from ``date_of_birth`` on ``on`` (the review's reference date), in whole
        years completed (``relativedelta``: 15 the day before the 16th birthday), as the forms count "under 16"
        and "from 6". A date of birth after ``on``, or a non-date, is an :class:`~ntp_criteria.InputError`."""
        problems = check_day(date_of_birth, "$.date_of_birth") + check_day(on, "$.on")
        if not problems and date_of_birth > on:
            problems.append(Problem("$.date_of_birth", f"{date_of_birth} is after the reference date {on}"))
        raise_problems(problems, "Member")
        return cls(age_on(date_of_birth, on), date_of_birth=date_of_birth, **facts)


@attrs.frozen
class Dwelling:
    """The dwelling's facts."""

    floor_area_m2: Decimal | int | None = None
    #: whether each of the three main structures is of durable materials
    durable_walls: bool | None = None
    durable_frame: bool | None = None
    durable_roof: bool | None = None
    water_source: WaterSource | None = attrs.field(default=None, converter=_water)
    latrine: LatrineType | None = attrs.field(default=None, converter=_latrine)
    waste: WasteHandling | None = attrs.field(default=None, converter=_waste)

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self)
        a = self.floor_area_m2
        if not problems and a is not None and a < 0:
            problems.append(Problem("$.floor_area_m2", f"expected a number of m² ≥ 0, got {a!r}"))
        raise_problems(problems, "Dwelling")


def _with_ages(data: object) -> object:
    """JSON-like household data in which a member given a ``date_of_birth`` but no ``age`` gets the age that date
    gives on the household's ``reference_date`` (both ISO dates); anything else is left for the checks to report."""
    if not isinstance(data, Mapping) or not isinstance(data.get("members"), list):
        return data
    try:
        on = dt.date.fromisoformat(data["reference_date"])
    except (KeyError, TypeError, ValueError):
        return data
    return {**data, "members": [_with_age(m, on) for m in data["members"]]}


def _with_age(member: object, on: dt.date) -> object:
    if not isinstance(member, Mapping) or "age" in member or not isinstance(member.get("date_of_birth"), str):
        return member
    try:
        born = dt.date.fromisoformat(member["date_of_birth"])
    except ValueError:
        return member
    return {**member, "age": age_on(born, on)} if born <= on else member


def _age_problems(members: tuple[Member, ...], on: dt.date) -> list[Problem]:
    """Each member's recorded age against the age its date of birth gives on the reference date."""
    problems = []
    for i, m in enumerate(members):
        born = m.date_of_birth
        if born is None:
            continue
        if born > on:
            problems.append(Problem(f"$.members[{i}].date_of_birth", f"{born} is after the reference date {on}"))
        elif m.age != age_on(born, on):
            problems.append(Problem(f"$.members[{i}].age", (
                f"{m.age} disagrees with date_of_birth {born}, which gives {age_on(born, on)} on {on}")))
    return problems


@attrs.frozen
class Household:
    """A household as the annual poverty review records it.

    Deprivation indicators are computed from the raw facts, or taken from the surveyor's flags:
    ``deprived`` and ``not_deprived`` hold indicator codes as recorded on the review form, and
    ``deprivation_count`` the total number of deprived indicators when only that was recorded.
    Enum fields take their members or their documented values (``"rural"``); anything else, a yes/no that
    is not ``True``/``False``, a float, a non-finite or absurd number, is an :class:`~ntp_criteria.InputError`.
    """

    kind: ClassVar[str] = "household"
    default_family: ClassVar[str] = "poverty.household"

    area: Area = attrs.field(converter=_area)
    reference_date: dt.date
    monthly_income_per_capita: Decimal | int | None = None
    members: tuple[Member, ...] = attrs.field(default=(), converter=_members)
    dwelling: Dwelling = Dwelling()
    devices: frozenset[Device] | None = attrs.field(default=None, converter=_devices)
    hears_loudspeaker: bool | None = None
    deprived: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    not_deprived: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    deprivation_count: int | None = None
    id: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self)
        inc, cnt = self.monthly_income_per_capita, self.deprivation_count
        if not any(p.path == "$.monthly_income_per_capita" for p in problems) and inc is not None and inc < 0:
            problems.append(Problem("$.monthly_income_per_capita", f"expected VND ≥ 0, got {inc!r}"))
        if not any(p.path == "$.deprivation_count" for p in problems) and cnt is not None and cnt < 0:
            problems.append(Problem("$.deprivation_count", f"expected a whole number ≥ 0, got {cnt!r}"))
        if not any(p.path.startswith(("$.members", "$.reference_date")) for p in problems):
            problems += _age_problems(self.members, self.reference_date)
        if not any(p.path.startswith(("$.deprived", "$.not_deprived")) for p in problems):
            both = sorted(self.deprived & self.not_deprived)
            if both:
                problems.append(Problem("$.deprived", f"codes both deprived and not deprived: {', '.join(both)}"))
        raise_problems(problems, "Household")

    @classmethod
    def from_dict(cls, data: object) -> Household:
        """Build a household from JSON-like data (ISO dates, enums by value, money as int or string).

        Raises :class:`~ntp_criteria.InputError` listing every problem with its path
        (``$.members[2].age: …``); nothing is coerced silently.
        """
        return structure(_with_ages(data), cls)

    def scope_values(self) -> Mapping[str, ScopeValue]:
        """The area (rural or urban) and the year of the reference date: what poverty thresholds vary by."""
        return {"area": self.area.value, "year": self.reference_date.year}

    def recorded(self, code: str, family: str = "") -> Recorded | None:
        """The surveyor's flag (or the recorded deprivation count) for a code; the family plays no part."""
        if code in self.deprived:
            return True
        if code in self.not_deprived:
            return False
        if code == "deprivation" and self.deprivation_count is not None:
            return self.deprivation_count
        return None

    def fact(self, name: str) -> Recorded | None:
        """Households carry typed fields, not named facts."""
        return None
