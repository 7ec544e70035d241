"""The schema of programme data inside an instrument's data file, and its conversion to the model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from cattrs.gen import make_dict_structure_fn, override

from ..core._convert import CONVERTER
from ..core.errors import Problem
from ..core.model import Comparator, Provenance
from ..core.programme import BudgetLine, Content, LeadAgency, Link, Programme, Project, SubProject, Target, TargetKind


def _renamed(cls: type) -> None:
    """Structure ``cls`` straight from the data, where its ``provenance`` is written ``source``."""
    hook: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, CONVERTER, _cattrs_forbid_extra_keys=True,
                                  _cattrs_detailed_validation=True, provenance=override(rename="source"))
    CONVERTER.register_structure_hook(cls, hook)


for _cls in (LeadAgency, BudgetLine, Target):
    _renamed(_cls)


@attrs.frozen
class RawUnit:
    key: str
    name_vi: str
    name_en: str
    source: Provenance
    number: str = ""
    leads: tuple[LeadAgency, ...] = ()
    legal_basis: tuple[str, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    targets: tuple[Target, ...] = ()
    guided_by: tuple[str, ...] = ()
    sub_projects: tuple[RawUnit, ...] = ()


@attrs.frozen
class RawProgramme:
    id: str
    name_vi: str
    name_en: str
    period_from: int
    period_to: int
    source: Provenance
    leads: tuple[LeadAgency, ...] = ()
    legal_basis: tuple[str, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    targets: tuple[Target, ...] = ()
    guided_by: tuple[str, ...] = ()
    projects: tuple[RawUnit, ...] = ()
    contents: tuple[RawUnit, ...] = ()


@attrs.frozen
class RawLink:
    programme: str
    unit: str
    family: str
    codes: tuple[str, ...]
    relation_vi: str
    relation_en: str
    source: Provenance


_UnitArgs = tuple[str, str, str, str, Provenance, tuple[LeadAgency, ...], tuple[str, ...], tuple[BudgetLine, ...],
                  tuple[Target, ...], tuple[str, ...]]


def _common(r: RawUnit | RawProgramme, key: str, number: str) -> _UnitArgs:
    """The fields every unit has, in the order :class:`~ntp_criteria.core.programme.Unit` declares them."""
    return (key, number, r.name_vi, r.name_en, r.source, r.leads, r.legal_basis, r.budget, r.targets, r.guided_by)


def programme_of(raw: RawProgramme, path: str, problems: list[Problem]) -> Programme:
    if raw.period_to < raw.period_from:
        problems.append(Problem(f"{path}.period_to", f"{raw.period_to} is before period_from {raw.period_from}"))
    projects = []
    for k, p in enumerate(raw.projects):
        subs = tuple(SubProject(*_common(s, f"{raw.id}/{s.key}", s.number)) for s in p.sub_projects)
        if any(s.sub_projects for s in p.sub_projects):
            problems.append(Problem(f"{path}.projects[{k}]", "sub-projects have no sub-projects of their own"))
        projects.append(Project(*_common(p, f"{raw.id}/{p.key}", p.number), sub_projects=subs))
    contents = tuple(Content(*_common(c, f"{raw.id}/{c.key}", c.number)) for c in raw.contents)
    prog = Programme(*_common(raw, raw.id, ""), id=raw.id, period_from=raw.period_from,
                     period_to=raw.period_to, projects=tuple(projects), contents=contents)
    seen: set[str] = set()
    for unit in prog.units():
        if unit.key in seen:
            problems.append(Problem(path, f"unit key {unit.key!r} used twice"))
        seen.add(unit.key)
        for t in unit.targets:
            if t.kind is TargetKind.RATIO_TO_BASE and t.base_year is None:
                problems.append(Problem(f"{path}[{unit.key}].targets[{t.id}]", "a ratio target needs base_year"))
            falling = t.op in (Comparator.LE, Comparator.LT)
            if t.value_high is not None and (t.value_high > t.value if falling else t.value_high < t.value):
                # the band runs from value (the floor that meets the target) further in the op's direction
                problems.append(Problem(f"{path}[{unit.key}].targets[{t.id}]",
                                        f"value_high {t.value_high} lies on the wrong side of value {t.value}"))
    return prog


def link_of(raw: RawLink) -> Link:
    return Link(raw.programme, raw.unit, raw.family, raw.codes, raw.relation_vi, raw.relation_en, raw.source)
