"""New-rural (NTM) rules that are not criteria tables: the commune groups of 2026-2030.

QĐ 51/2025/QĐ-TTg replaced the 7 regions of 2021-2025 with three commune groups that decide which column
of thresholds a commune is assessed on:

* group 1: adjacent to an existing urban area **and** oriented to become urban; **or** agriculture under
  10 % of the economy; **or** planned as a new urban area;
* group 3: a region II or III commune of the ethnic-minority and mountainous area, as classified;
* group 2: neither.

No precedence between groups 1 and 3 was found in the text, so a commune meeting both is reported as a
conflict (undecided, with the reason), never silently put in one of them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from ...catalogue import Catalogue, assess, ruleset
from ...catalogue._default import catalogue_or_default
from ...core import verdict as v
from ...core._validate import shown
from ...core.errors import InputError, Problem
from ...core.places import Commune, Facts
from ...core.results import Assessment
from ...core.subjects import Household
from ...engine import Decision, OutcomeInputs, decide, outcome_rule
from ..areas.ethnic import CommuneArea
from ..poverty.rates import poverty_rates

__all__ = ["CommuneGroup", "CommuneLevel", "CriteriaMet", "LevelReport", "all_criteria", "commune_group",
           "commune_level", "ethnic_region_fact", "gaps", "with_ethnic_region", "with_ict", "with_poverty_rate"]


class CommuneGroup(enum.Enum):
    """The commune group of the 2026-2030 NTM criteria."""

    GROUP_1 = "1"
    GROUP_2 = "2"
    GROUP_3 = "3"

    def label(self, lang: str = "en") -> str:
        """The group's name in Vietnamese (``"vi"``) or English."""
        return f"Xã nhóm {self.value}" if lang == "vi" else f"Commune group {self.value}"


@outcome_rule("ntm.commune-group-2026", CommuneGroup, reads=(
    "g1.adjacent_to_urban", "g1.oriented_to_urbanise", "g1.agriculture_share", "g1.planned_new_urban",
    "g3.ethnic_region"))
def commune_group(x: OutcomeInputs) -> Decision:
    """QĐ 51/2025, the commune-group definitions."""
    fringe = v.all_of(x.verdict("g1.adjacent_to_urban"), x.verdict("g1.oriented_to_urbanise"))
    group1 = v.any_of(fringe, x.verdict("g1.agriculture_share"), x.verdict("g1.planned_new_urban"))
    group3 = x.verdict("g3.ethnic_region")
    group2 = v.all_of(group1.negate(), group3.negate())
    return decide(x, {CommuneGroup.GROUP_1: group1, CommuneGroup.GROUP_2: group2, CommuneGroup.GROUP_3: group3})


_REGION_NUMBER = {CommuneArea.NOT_IN_AREA: 0, CommuneArea.KV_I: 1, CommuneArea.KV_II: 2, CommuneArea.KV_III: 3}


def ethnic_region_fact(assessment: Assessment) -> int:
    """The ``ethnic_region`` fact (0 = not in the area, else the KV number) from an ``ethnic.commune``
    assessment; raises :class:`~ntp_criteria.InputError` (a ValueError) when that assessment is of another family
    or undecided (a guess would pick the group)."""
    if not isinstance(assessment, Assessment) or assessment.ruleset.family != "ethnic.commune":
        got = (f"an assessment of {assessment.ruleset.family}" if isinstance(assessment, Assessment)
               else shown(assessment))
        raise InputError("ethnic_region_fact()", [Problem("$.assessment", (
            f"expected an ethnic.commune assessment, got {got}"))])
    if not isinstance(assessment.outcome, CommuneArea):
        raise InputError("ethnic_region_fact()", [Problem("$.assessment", (
            "the commune's ethnic-area class is undecided: " + "; ".join(assessment.reasons)))])
    return _REGION_NUMBER[assessment.outcome]


def with_ethnic_region(commune: Commune, assessment: Assessment) -> Commune:
    """``commune`` with its ethnic-area class recorded as the fact the commune-group rule reads."""
    _check_commune(commune, "with_ethnic_region()")
    facts = dict(commune.facts)
    facts["ethnic_region"] = ethnic_region_fact(assessment)
    return attrs.evolve(commune, facts=Facts.of(facts))


class CriteriaMet(enum.Enum):
    """Whether a unit meets every criterion of a set (NTM, advanced NTM …)."""

    MET = "met"
    NOT_MET = "not_met"

    def label(self, lang: str = "en") -> str:
        """"Meets the standard" or not, in Vietnamese (``"vi"``) or English."""
        if self is CriteriaMet.MET:
            return "Đạt chuẩn" if lang == "vi" else "Meets the standard"
        return "Chưa đạt chuẩn" if lang == "vi" else "Does not meet the standard"


@outcome_rule("ntm.all-criteria", CriteriaMet, by_status=True)
def all_criteria(x: OutcomeInputs) -> Decision:
    """A unit meets the standard when it meets every criterion of the set (the NTM recognition rule)."""
    seen = []
    for c in x.ruleset.criteria:  # the first criterion not met decides (as v.all_of): the rest is not read
        verdict = x.verdict(c.code)
        if verdict.value is False:
            every = verdict
            break
        seen.append(verdict)
    else:
        every = v.all_of(*seen)
    return decide(x, {CriteriaMet.MET: every, CriteriaMet.NOT_MET: every.negate()})


class CommuneLevel(enum.Enum):
    """How far a commune has got: none, NTM, advanced NTM, model NTM (the last two: 2021-2025 sets only)."""

    NONE = "none"
    NTM = "ntm"
    ADVANCED = "advanced"
    MODEL = "model"


@attrs.frozen
class LevelReport:
    """The level a commune reached, the assessments behind it, and what stands before the next level."""

    level: CommuneLevel | None
    assessments: tuple[Assessment, ...]
    next_level: CommuneLevel | None
    #: criteria and indicators of the next level's set that are not met (code, status, shortfall)
    to_do: tuple[tuple[str, str, object], ...]
    reasons: tuple[str, ...] = ()


def gaps(a: Assessment) -> tuple[tuple[str, str, object], ...]:
    """The criteria of ``a`` not met (or not decided), each followed by its indicators not met, missing or
    undecided: (code, status, shortfall)."""
    out: list[tuple[str, str, object]] = []
    for c in a.criteria:
        if c.status.decided and c.status.value == "met":
            continue
        if c.status.value == "not_applicable":
            continue
        out.append((c.code, c.status.value, None))
        out.extend((r.code, r.status.value, r.shortfall) for r in a.indicators
                   if r.criterion == c.code and r.status.value in ("not_met", "missing", "undecided"))
    return tuple(out)


def _check_commune(commune: object, call: str) -> None:
    if not isinstance(commune, Commune):
        raise InputError(call, [Problem("$.commune", f"expected a Commune, got {shown(commune)}")])


def commune_level(commune: Commune, *, strict: bool = False, catalogue: Catalogue | None = None) -> LevelReport:
    """The level of ``commune`` on its reference date.

    NTM is assessed with ``ntm.commune`` (QĐ 318 Annex I to 2026-02-14, QĐ 51/2025 Annex I from
    2026-02-15), then the advanced level with ``ntm.commune.advanced`` (QĐ 318 Annex II), then the model
    level with ``ntm.commune.model`` (QĐ 319, which itself asks for the advanced *recognition*, the recorded
    fact ``advanced_recognised``). Each level is tried only when the one below is met; what stands before
    the next level is listed. The 2026-2030 framework has no advanced or model set: from 2026-02-15 NTM is
    the highest level assessed, and the report's reasons say why (the rules data's family end).
    """
    _check_commune(commune, "commune_level()")
    on = commune.reference_date
    reached = CommuneLevel.NONE
    steps = ((CommuneLevel.NTM, "ntm.commune"), (CommuneLevel.ADVANCED, "ntm.commune.advanced"),
             (CommuneLevel.MODEL, "ntm.commune.model"))
    done: list[Assessment] = []
    for level, family in steps:
        end = catalogue_or_default(catalogue, "commune_level()").end_of(family)
        if end is not None and on >= end.on and done:
            return LevelReport(reached, tuple(done), None, (), (f"no {level.value} level on {on}: {end.reason}",))
        a = assess(commune, ruleset(family, on, catalogue=catalogue), catalogue=catalogue, strict=strict)
        done.append(a)
        if a.outcome is CriteriaMet.MET:
            reached = level
            continue
        # an undecided NTM assessment leaves the level itself unknown; above NTM the level below stands
        known = None if a.outcome is None and reached is CommuneLevel.NONE else reached
        return LevelReport(known, tuple(done), level, gaps(a), a.reasons)
    return LevelReport(reached, tuple(done), None, ())


def with_poverty_rate(commune: Commune, households: Iterable[Assessment | Household]) -> Commune:
    """``commune`` with the fact ``multidimensional_poverty_rate`` (poor + near-poor households, %) computed
    from its households' assessments; raises :class:`~ntp_criteria.InputError` (a ValueError) when any household
    could still be poor or near-poor (one whose class is open but which is neither, above NĐ 351/2025's line,
    counts as neither)."""
    _check_commune(commune, "with_poverty_rate()")
    rates = poverty_rates(households)
    if not rates.exact or rates.multidimensional_pct is None:
        raise InputError("with_poverty_rate()", [Problem("$.households", (
            f"of {rates.households} households, {rates.possibly_poor} could still be poor and "
            f"{rates.possibly_near_poor} near-poor (their class is undecided): the rate would be a guess"))])
    facts = dict(commune.facts)
    facts["multidimensional_poverty_rate"] = rates.multidimensional_pct
    return attrs.evolve(commune, facts=Facts.of(facts))


def with_ict(commune: Commune, *, strict: bool = False, catalogue: Catalogue | None = None) -> Commune:
    """``commune`` with indicators 8.1-8.4 of ``ntm.commune`` recorded from their conditions.

    The conditions are those of QĐ 1127/QĐ-BTTTT (family ``ntm.commune.ict``: opening hours, weights,
    village coverage …), assessed on the commune's facts; an indicator whose conditions are not all known
    (or, in strict mode, rest on weaker numbers) is left unrecorded, so it stays MISSING or UNDECIDED. A
    value already recorded for 8.x must agree. Assess ``ntm.commune.ict`` directly for the explanation.
    """
    _check_commune(commune, "with_ict()")
    ict = assess(commune, ruleset("ntm.commune.ict", commune.reference_date, catalogue=catalogue),
                 catalogue=catalogue, strict=strict)
    observations = dict(commune.observations)
    problems = []
    for c in ict.criteria:
        if not c.status.decided or c.status.value == "not_applicable":
            continue
        met = c.status.value == "met"
        already = commune.recorded(c.code)
        if isinstance(already, bool) and already != met:
            problems.append(Problem(f"$.observations[{c.code!r}]", (
                f"recorded as {'met' if already else 'not met'} but its conditions "
                f"({ict.ruleset.instrument.number}) say otherwise")))
        observations[c.code] = met
    if problems:
        raise InputError("Commune", problems)
    return attrs.evolve(commune, observations=Facts.of(observations))
