"""The national target programmes as data: programmes, projects, sub-projects, contents, targets, links.

A programme is organised as the law organises it: numbered projects (dự án) with sub-projects (tiểu dự
án), or component contents (nội dung thành phần). Every unit has its number as in the law, names in
Vietnamese and English, lead agencies (a dated relation: ministries merged in 2025), its legal basis,
its period, budget figures where the law states them, and targets that can be tracked. Every figure
carries its :class:`~ntp_criteria.Provenance`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

import attrs

from ._validate import check_text, raise_problems, shown, unknown_code
from .errors import Problem, UnknownCode
from .model import Comparator, Provenance
from .text import fold

__all__ = [
    "BudgetLine",
    "Content",
    "LeadAgency",
    "Link",
    "Programme",
    "Project",
    "Qualifier",
    "SubProject",
    "Target",
    "TargetKind",
    "Unit",
    "match_units",
]


class Qualifier(enum.Enum):
    """How the law words a figure: "ít nhất" (at least), "khoảng" (about), or exactly."""

    AT_LEAST = "at_least"
    ABOUT = "about"
    EXACTLY = "exactly"


@attrs.frozen
class BudgetLine:
    """One budget figure in billion VND; ``line`` says which (central, local, credit, mobilised, total …)."""

    line: str
    amount: Decimal
    qualifier: Qualifier
    provenance: Provenance
    note: str = ""


@attrs.frozen
class LeadAgency:
    """The agency leading a unit over a period (``None`` end: still leading, as far as known)."""

    agency: str
    provenance: Provenance
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def on(self, day: dt.date) -> bool:
        """Whether the agency leads the unit on that day (an unknown end of the period is taken as open)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class TargetKind(enum.Enum):
    """The shape of a target."""

    #: the metric reaches ``value`` (``op``) by the target year
    LEVEL = "level"
    #: the metric changes by ``value`` (to ``value_high``) points a year, on average over the period
    CHANGE_PER_YEAR = "change_per_year"
    #: the metric in the target year is ``value`` times (``op``) its level in ``base_year``
    RATIO_TO_BASE = "ratio_to_base"


@attrs.frozen
class Target:
    """A programme target, stated as a rule over an aggregate metric."""

    id: str
    text_vi: str
    text_en: str
    kind: TargetKind
    metric: str
    op: Comparator
    value: Decimal
    unit: str
    by: int
    provenance: Provenance
    value_high: Decimal | None = None
    base_year: int | None = None
    #: for a metric computed from assessments: the family and the outcomes that count
    family: str | None = None
    outcomes: tuple[str, ...] = ()


@attrs.frozen
class Unit:
    """What every programme unit has."""

    key: str
    number: str
    name_vi: str
    name_en: str
    provenance: Provenance
    leads: tuple[LeadAgency, ...] = ()
    legal_basis: tuple[str, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    targets: tuple[Target, ...] = ()
    guided_by: tuple[str, ...] = ()

    def lead(self, on: dt.date) -> tuple[str, ...]:
        """The agencies leading the unit on a date."""
        return tuple(lead.agency for lead in self.leads if lead.on(on))


@attrs.frozen
class SubProject(Unit):
    """A sub-project (tiểu dự án)."""


@attrs.frozen
class Project(Unit):
    """A project (dự án), with its sub-projects."""

    sub_projects: tuple[SubProject, ...] = ()


@attrs.frozen
class Content(Unit):
    """A component content (nội dung thành phần), where a programme is organised by contents."""


@attrs.frozen
class Programme(Unit):
    """A national target programme (or one phase of it) and its structure."""

    id: str = ""
    period_from: int = 0
    period_to: int = 0
    projects: tuple[Project, ...] = ()
    contents: tuple[Content, ...] = ()

    def units(self) -> Iterator[Unit]:
        """The programme, then every project, sub-project and content, in the law's order."""
        yield self
        for p in self.projects:
            yield p
            yield from p.sub_projects
        yield from self.contents

    def in_force(self, on: dt.date) -> bool:
        """Whether the date falls in the programme's period (giai đoạn), compared by year."""
        return self.period_from <= on.year <= self.period_to

    def find(self, query: str) -> Unit:
        """The one unit of this programme matching a number or a name (accent-insensitive);
        :class:`~ntp_criteria.UnknownCode` (a ``LookupError``) when none or several do."""
        found = match_units(self.units(), query)
        if len(found) != 1:
            names = ", ".join(u.key for u in found) or "none"
            raise UnknownCode(f"{self.id}.find()", [Problem("$.query", (
                f"{len(found)} units of {self.id} match {shown(query)}: {names}"))])
        return found[0]

    def unit(self, key: str) -> Unit:
        """A unit by its key (``"gnbv-2021/6"``) or its key within the programme (``"6"``)."""
        raise_problems(check_text(key, "$.key", "a unit key (text)"), f"{self.id}.unit()")
        for u in self.units():
            if key in (u.key, u.key.removeprefix(f"{self.id}/")):
                return u
        raise UnknownCode(f"{self.id}.unit()", [unknown_code("$.key", key, (u.key for u in self.units()),
                                                             f"unit of {self.id}")])

    def all_targets(self) -> Iterator[tuple[Unit, Target]]:
        """Every target of the programme with the unit (programme, project, sub-project, content) that sets it."""
        for unit in self.units():
            for t in unit.targets:
                yield unit, t


@attrs.frozen
class Link:
    """What a programme unit moves: indicators of a ruleset family, with the source of the link."""

    programme: str
    unit: str
    family: str
    codes: tuple[str, ...]
    relation_vi: str
    relation_en: str
    provenance: Provenance


def match_units(units: Iterable[Unit], query: str) -> tuple[Unit, ...]:
    """The units matching ``query``, accent-insensitive, best kind of match first: the number ("6", "6.1"), the
    key ("P10.2", "6.information"), the whole name (vi or en), then a part of the name."""
    raise_problems(check_text(query, "$.query", "text to look for"), "find_units()")
    q = fold(query.strip())
    pool = list(units)
    tests: tuple[Callable[[Unit], bool], ...] = (
        lambda u: bool(u.number) and fold(u.number) == q,
        lambda u: fold(u.key.rsplit("/", 1)[-1]) == q,
        lambda u: q in (fold(u.name_vi), fold(u.name_en)),
        lambda u: q in fold(u.name_vi) or q in fold(u.name_en),
    )
    for test in tests:
        found = tuple(u for u in pool if test(u))
        if found:
            return found
    return ()
