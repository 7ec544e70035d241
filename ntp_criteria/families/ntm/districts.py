"""District-level and province-level NTM rules of 2021-2025: shares of units computed from their parts, and levels.

A district's NTM criteria depend on its communes (QĐ 320/QĐ-TTg: every commune NTM; for the advanced district, a
share of advanced communes), and a province's on its district-level units (QĐ 321/QĐ-TTg). Those shares are
``fact:`` measures in the rules data; :func:`with_commune_shares` and :func:`with_district_shares` compute them
from the parts' levels or assessments, or they can be recorded directly as facts.

A share is computed only when every part decides it: a commune whose NTM status is undecided makes the NTM share
unknown (an error: a guess would decide the district), and a commune known to be NTM but not whether it is
advanced leaves the advanced share unrecorded (the advanced set then says the fact is missing).

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> huyen = ntp.District(name="Huyện A", reference_date=dt.date(2024, 6, 1))
>>> huyen = ntp.with_commune_shares(huyen, [ntp.CommuneLevel.NTM] * 11 + [ntp.CommuneLevel.NONE])
>>> huyen.fact("communes_ntm"), huyen.fact("communes_total"), round(huyen.fact("communes_ntm_pct"), 2)
(11, 12, Decimal('91.67'))

```
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import attrs

from ...catalogue import Catalogue, assess, ruleset
from ...core._validate import DIGITS, shown
from ...core.errors import InputError, Problem
from ...core.exact import percentage
from ...core.places import District, Facts, Province
from ...core.results import Assessment
from ...engine import reads_flags
from .commune import CommuneLevel, CriteriaMet, LevelReport, gaps

__all__ = ["DistrictLevel", "DistrictLevelReport", "basic_family", "district_level", "with_commune_shares",
           "with_district_shares"]

#: whether a part (a commune or a district) is at each level: True, False, or None (undecided)
class _NotCounted(enum.Enum):
    """A part outside a level's count: QĐ 321 counts advanced districts among the huyện, not the towns."""

    NOT_COUNTED = "not counted"


NOT_COUNTED = _NotCounted.NOT_COUNTED
#: a part's standing at each level: met, not met, undecided (None), or not counted at that level (NOT_COUNTED)
Standing = tuple[bool | _NotCounted | None, ...]

_COMMUNE_LEVELS: dict[CommuneLevel, Standing] = {
    CommuneLevel.NONE: (False, False, False),
    CommuneLevel.NTM: (True, False, False),
    CommuneLevel.ADVANCED: (True, True, False),
    CommuneLevel.MODEL: (True, True, True),
}


class DistrictLevel(enum.Enum):
    """How far a district-level unit has got: none, NTM (for a town: the NTM task completed), advanced NTM."""

    NONE = "none"
    NTM = "ntm"
    ADVANCED = "advanced"

    def label(self, lang: str = "en") -> str:
        """The level's name in Vietnamese (``"vi"``) or English."""
        vi = {"none": "Chưa đạt chuẩn", "ntm": "Đạt chuẩn nông thôn mới",
              "advanced": "Đạt chuẩn nông thôn mới nâng cao"}
        en = {"none": "Not NTM", "ntm": "NTM", "advanced": "Advanced NTM"}
        return (vi if lang == "vi" else en)[self.value]


_DISTRICT_LEVELS: dict[DistrictLevel, Standing] = {
    DistrictLevel.NONE: (False, False),
    DistrictLevel.NTM: (True, False),
    DistrictLevel.ADVANCED: (True, True),
}


@attrs.frozen
class DistrictLevelReport:
    """The level a district-level unit reached, the assessments behind it, and what stands before the next level."""

    level: DistrictLevel | None
    assessments: tuple[Assessment, ...]
    next_level: DistrictLevel | None
    #: criteria and indicators of the next level's set that are not met (code, status, shortfall)
    to_do: tuple[tuple[str, str, object], ...]
    reasons: tuple[str, ...] = ()


def _by_outcome(a: Assessment, *, met: Standing, not_met: Standing) -> Standing:
    if a.outcome is CriteriaMet.MET:
        return met
    if a.outcome is CriteriaMet.NOT_MET:
        return not_met
    return (None,) * len(met)


def _rank_standing(rank: int, width: int, open_above: bool) -> Standing:
    """At every level up to ``rank``; above it not, or undecided when the next level was left open."""
    return tuple(True if i < rank else (None if open_above else False) for i in range(width))


def _commune_standing(item: CommuneLevel | LevelReport | Assessment) -> Standing:
    if isinstance(item, CommuneLevel):
        return _COMMUNE_LEVELS[item]
    if isinstance(item, LevelReport):
        if item.level is None:
            return (None, None, None)
        rank = list(_COMMUNE_LEVELS).index(item.level)
        return _rank_standing(rank, 3, bool(item.reasons) and item.next_level is not None)
    if isinstance(item, Assessment):
        family = item.ruleset.family
        if family == "ntm.commune":
            return _by_outcome(item, met=(True, None, None), not_met=(False, False, False))
        if family == "ntm.commune.advanced":  # assessed only once NTM is met
            return _by_outcome(item, met=(True, True, None), not_met=(None, False, False))
        if family == "ntm.commune.model":
            return _by_outcome(item, met=(True, True, True), not_met=(None, None, False))
        raise _NotAPart(f"expected an ntm.commune, ntm.commune.advanced or ntm.commune.model assessment, "
                        f"got {family}")
    raise _NotAPart(f"expected a CommuneLevel, a LevelReport or an Assessment, got {shown(item)}")


def _district_standing(item: DistrictLevel | DistrictLevelReport | Assessment) -> Standing:
    basic = item.assessments[0] if isinstance(item, DistrictLevelReport) and item.assessments else item
    if isinstance(basic, Assessment) and basic.ruleset.family == "ntm.town":  # completes the task; never advanced
        return (_standing_by_level(item)[0], NOT_COUNTED)
    return _standing_by_level(item)


def _standing_by_level(item: DistrictLevel | DistrictLevelReport | Assessment) -> Standing:
    """A district-level unit's standing (NTM, advanced) from its level, report or assessment alone."""
    if isinstance(item, DistrictLevel):
        return _DISTRICT_LEVELS[item]
    if isinstance(item, DistrictLevelReport):
        if item.level is None:
            return (None, None)
        rank = list(_DISTRICT_LEVELS).index(item.level)
        return _rank_standing(rank, 2, bool(item.reasons) and item.next_level is not None)
    if isinstance(item, Assessment):
        family = item.ruleset.family
        if family in ("ntm.district", "ntm.town", "ntm.district.special"):
            return _by_outcome(item, met=(True, None), not_met=(False, False))
        if family == "ntm.district.advanced":
            return _by_outcome(item, met=(True, True), not_met=(None, False))
        raise _NotAPart(f"expected an NTM district, town or province-level assessment, got {family}")
    raise _NotAPart(f"expected a DistrictLevel, a DistrictLevelReport or an Assessment, got {shown(item)}")


S = TypeVar("S")
U = TypeVar("U", District, Province)


_MOST_PROBLEMS = 20


class _NotAPart(Exception):
    """A part of the wrong kind, reported as an InputError with its path."""


def _with_shares(unit: U, parts: Iterable[S], standing: Callable[[S], Standing], prefix: str,
                 levels: tuple[str, ...], what: str, call: str, arg: str) -> U:
    if isinstance(parts, str | bytes | bytearray | memoryview | Mapping) or not isinstance(parts, Iterable):
        # a mapping would give its keys, a text its letters
        raise InputError(call, [Problem(f"$.{arg}", f"expected a list of {what}, got {shown(parts)}")])
    total = 0
    counts = [0] * len(levels)
    unknown = [0] * len(levels)
    bases = [0] * len(levels)
    problems: list[Problem] = []
    for k, part in enumerate(parts):
        total += 1
        try:
            standings = standing(part)
        except _NotAPart as exc:
            problems.append(Problem(f"$.{arg}[{k}]", str(exc)))
            if len(problems) == _MOST_PROBLEMS:  # enough to act on (the parts may be many, or never end)
                break
            continue
        for i, at in enumerate(standings):
            if at is NOT_COUNTED:
                continue
            bases[i] += 1
            if at is None:
                unknown[i] += 1
            elif at:
                counts[i] += 1
    if problems:
        raise InputError(call, problems)
    if total == 0:
        raise InputError(call, [Problem(f"$.{arg}", f"{unit.name}: no {what} given: a share of none would be a "
                                                    "guess")])
    if unknown[0]:
        raise InputError(call, [Problem(f"$.{arg}", f"{unknown[0]} of {total} {what} of {unit.name} are undecided: "
                                                    f"the {levels[0]} share would be a guess")])
    facts = dict(unit.facts)
    facts[f"{prefix}_total"] = total
    for name, n, missing, base in zip(levels, counts, unknown, bases, strict=True):
        if missing or not base:  # left unrecorded (undecided parts, or none counted): the rule needing it says so
            facts.pop(f"{prefix}_{name}", None)
            facts.pop(f"{prefix}_{name}_pct", None)
            continue
        facts[f"{prefix}_{name}"] = n
        # under the library's context, not the caller's; to a fact's 34 digits, which cannot carry a share across a
        # threshold: a share equal to one divides exactly, and any other lies at least 100 / base (≥ 1e-13) away
        share = percentage(n, base, digits=DIGITS)
        assert share is not None  # base > 0: a share of none was skipped above
        facts[f"{prefix}_{name}_pct"] = share
    return attrs.evolve(unit, facts=Facts.of(facts))


def with_commune_shares(unit: U, communes: Iterable[CommuneLevel | LevelReport | Assessment]) -> U:
    """``unit`` (a district, or a province: QĐ 321 and QĐ 51/2025 Phụ lục III count the province's communes) with
    the facts its criteria read, from its communes' levels (``CommuneLevel``, a
    :func:`~ntp_criteria.families.ntm.commune_level` report, or an ``ntm.commune`` / ``ntm.commune.model`` assessment):
    ``communes_total``, and for ``ntm``, ``advanced`` and ``model`` the count ``communes_<level>`` and the share
    ``communes_<level>_pct`` (in %). The 2026-2030 "modern" share (``communes_modern_pct``) is not among them:
    the modern-commune framework is not encoded, so it is given as a fact.

    Raises :class:`~ntp_criteria.InputError` (a ValueError) when no communes are given, a part is of another
    kind, or any commune's NTM status is undecided; a share above NTM that some commune leaves undecided is not
    recorded.
    """
    if not isinstance(unit, District | Province):
        raise InputError("with_commune_shares()", [Problem("$.unit", f"expected a District or a Province, got "
                                                                     f"{shown(unit)}")])
    return _with_shares(unit, communes, _commune_standing, "communes", ("ntm", "advanced", "model"), "communes",
                        "with_commune_shares()", "communes")


def with_district_shares(province: Province,
                         districts: Iterable[DistrictLevel | DistrictLevelReport | Assessment]) -> Province:
    """``province`` with ``districts_total``, ``districts_ntm`` / ``districts_ntm_pct`` (district-level units NTM
    or having completed the task) and ``districts_advanced`` / ``districts_advanced_pct``, from the units'
    levels (``DistrictLevel``, a :func:`district_level` report, or their assessments). The advanced share is
    over the huyện alone (QĐ 321): a town or provincial city, known from its report or its ``ntm.town``
    assessment, is left out of it; a bare ``DistrictLevel`` counts as a huyện. Errors as
    :func:`with_commune_shares`."""
    if not isinstance(province, Province):
        raise InputError("with_district_shares()", [Problem("$.province", f"expected a Province, got "
                                                                          f"{shown(province)}")])
    return _with_shares(province, districts, _district_standing, "districts", ("ntm", "advanced"),
                        "district-level units", "with_district_shares()", "districts")


#: the flags district_level reads to choose the basic set (so they are never reported as unused inputs)
reads_flags("town", "no_communes")


def basic_family(district: District) -> str:
    """The family of the set that decides whether ``district`` is NTM: ``ntm.district``, or ``ntm.town`` for a town
    or provincial city (flag ``"town"``), or ``ntm.district.special`` for a district with no communes (flag
    ``"no_communes"``); an :class:`~ntp_criteria.InputError` when it is flagged both."""
    if {"town", "no_communes"} <= district.flags:
        raise InputError("District", [Problem("$.flags", f"{district.name}: flagged both 'town' and 'no_communes'; "
                                                         "one set applies")])
    if "no_communes" in district.flags:
        return "ntm.district.special"
    if "town" in district.flags:
        return "ntm.town"
    return "ntm.district"


def district_level(district: District, *, strict: bool = False, catalogue: Catalogue | None = None
                   ) -> DistrictLevelReport:
    """The 2021-2025 level of ``district`` on its reference date.

    NTM is assessed with ``ntm.district`` (QĐ 320), or ``ntm.town`` for a town or provincial city (flag
    ``"town"``: the NTM task completed), or ``ntm.district.special`` for a district with no communes (flag
    ``"no_communes"``, QĐ 211/2024). A district meeting NTM is then assessed with ``ntm.district.advanced``,
    which also asks for the recognition itself (fact ``ntm_recognised``); observations for it are recorded
    as ``"ntm.district.advanced:<code>"``. No advanced set is encoded for towns and special districts.
    """
    if not isinstance(district, District):
        raise InputError("district_level()", [Problem("$.district", f"expected a District, got {shown(district)}")])
    on = district.reference_date
    basic = assess(district, ruleset(basic_family(district), on, catalogue=catalogue), catalogue=catalogue,
                   strict=strict)
    if basic.outcome is None:
        return DistrictLevelReport(None, (basic,), DistrictLevel.NTM, gaps(basic), basic.reasons)
    if basic.outcome is CriteriaMet.NOT_MET:
        return DistrictLevelReport(DistrictLevel.NONE, (basic,), DistrictLevel.NTM, gaps(basic))
    if basic.ruleset.family != "ntm.district":
        return DistrictLevelReport(DistrictLevel.NTM, (basic,), None, (), (
            f"no advanced set is encoded for {basic.ruleset.title_en.lower()}",))
    advanced = assess(district, ruleset("ntm.district.advanced", on, catalogue=catalogue), catalogue=catalogue,
                      strict=strict)
    if advanced.outcome is CriteriaMet.MET:
        return DistrictLevelReport(DistrictLevel.ADVANCED, (basic, advanced), None, ())
    return DistrictLevelReport(DistrictLevel.NTM, (basic, advanced), DistrictLevel.ADVANCED, gaps(advanced),
                               advanced.reasons)
