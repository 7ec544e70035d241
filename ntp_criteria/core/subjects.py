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
from typing import ClassVar, Protocol

import attrs

from ._convert import structure
from .errors import InputError, Problem
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


def _problems_of(checks: list[tuple[bool, str, str]], what: str) -> None:
    problems = [Problem(path, msg) for bad, path, msg in checks if bad]
    if problems:
        raise InputError(what, problems)


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


@attrs.frozen
class Member:
    """One household member's facts (age in whole years at the reference date)."""

    age: int
    health_insured: bool | None = None
    in_school: bool | None = None
    education: EducationLevel | None = None
    employment: Employment | None = None
    #: counts as a dependant under the standard in force (child, or elderly/disabled on social allowance)
    dependant: bool | None = None
    #: a child found stunted (height-for-age) or underweight (weight-for-age)
    malnourished: bool | None = None
    #: ill or injured and did not seek treatment (QĐ 59/2015 "access to health services")
    ill_without_treatment: bool | None = None
    uses_internet: bool | None = None
    uses_phone: bool | None = None

    def __attrs_post_init__(self) -> None:
        bad_age = not isinstance(self.age, int) or isinstance(self.age, bool) or not 0 <= self.age <= 130
        _problems_of([(bad_age, "$.age", f"expected a whole number from 0 to 130, got {self.age!r}")], "Member")


@attrs.frozen
class Dwelling:
    """The dwelling's facts."""

    floor_area_m2: Decimal | int | None = None
    #: whether each of the three main structures is of durable materials
    durable_walls: bool | None = None
    durable_frame: bool | None = None
    durable_roof: bool | None = None
    water_source: WaterSource | None = None
    latrine: LatrineType | None = None
    waste: WasteHandling | None = None

    def __attrs_post_init__(self) -> None:
        a = self.floor_area_m2
        bad = a is not None and (not _is_number(a) or a < 0)
        _problems_of([(bad, "$.floor_area_m2", f"expected a number of m² ≥ 0 (int or Decimal), got {a!r}")],
                     "Dwelling")


def _frozen_codes(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):  # a lone code would silently become a set of letters
        raise InputError("Household", [Problem("$", f"expected a collection of indicator codes, got {value!r}")])
    return frozenset(value)


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(value)


@attrs.frozen
class Household:
    """A household as the annual poverty review records it.

    Deprivation indicators are computed from the raw facts, or taken from the surveyor's flags:
    ``deprived`` and ``not_deprived`` hold indicator codes as recorded on the review form, and
    ``deprivation_count`` the total number of deprived indicators when only that was recorded.
    """

    kind: ClassVar[str] = "household"
    default_family: ClassVar[str] = "poverty.household"

    area: Area
    reference_date: dt.date
    monthly_income_per_capita: Decimal | int | None = None
    members: tuple[Member, ...] = attrs.field(default=(), converter=_members)
    dwelling: Dwelling = Dwelling()
    devices: frozenset[Device] | None = None
    hears_loudspeaker: bool | None = None
    deprived: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_codes)
    not_deprived: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_codes)
    deprivation_count: int | None = None
    id: str | None = None

    def __attrs_post_init__(self) -> None:
        inc = self.monthly_income_per_capita
        cnt = self.deprivation_count
        both = sorted(self.deprived & self.not_deprived)
        _problems_of(
            [
                (not isinstance(self.area, Area), "$.area", f"expected 'rural' or 'urban', got {self.area!r}"),
                (
                    not isinstance(self.reference_date, dt.date) or isinstance(self.reference_date, dt.datetime),
                    "$.reference_date",
                    f"expected a date, got {self.reference_date!r}",
                ),
                (
                    inc is not None and (not _is_number(inc) or inc < 0),
                    "$.monthly_income_per_capita",
                    f"expected VND ≥ 0 as int or Decimal (never float), got {inc!r}",
                ),
                (
                    cnt is not None and (not isinstance(cnt, int) or isinstance(cnt, bool) or cnt < 0),
                    "$.deprivation_count",
                    f"expected a whole number ≥ 0, got {cnt!r}",
                ),
                (bool(both), "$.deprived", f"codes both deprived and not deprived: {', '.join(both)}"),
            ]
            + [
                (not isinstance(m, Member), f"$.members[{i}]", f"expected a Member, got {type(m).__name__}")
                for i, m in enumerate(self.members)
            ],
            "Household",
        )

    @classmethod
    def from_dict(cls, data: object) -> Household:
        """Build a household from JSON-like data (ISO dates, enums by value, money as int or string).

        Raises :class:`~ntp_criteria.InputError` listing every problem with its path
        (``$.members[2].age: …``); nothing is coerced silently.
        """
        return structure(data, cls)

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
