"""Ethnic-minority and mountainous (DTTS&MN) area classification: communes KV I / II / III and extremely
difficult villages, as outcome rules named by the rules data (QĐ 33/2020/QĐ-TTg for 2021-2025, NĐ 272/2025/NĐ-CP
from 2025-12-01).

The article structure is kept. QĐ 33/2020: Art. 2 (in the area), Art. 3 (KV III: branch A or branch B with one
of B1-B4, and not NTM-recognised), Art. 4 (KV I: poverty under 10 % or NTM-recognised), Art. 5 (KV II: the
rest), Art. 6 (extremely difficult village). NĐ 272/2025: the area by ethnic-minority people, Art. 7 (extremely
difficult village: 2 of 3 criteria), Art. 8 (khoản 2: the 12 criteria of a commune's development level, counted;
khoản 3: KV I / II / III from that count and the share of extremely difficult villages). The numbers and the
Mekong Delta variants are in ``rules/qd-33-2020.toml`` and ``rules/nd-272-2025.toml``; the measures that join two
tests in one criterion of khoản 2 are in :mod:`~ntp_criteria.families.areas.measures`, and the mountainous tests
of Art. 5 in :mod:`~ntp_criteria.families.areas.mountain`.
"""

from __future__ import annotations

import enum

from ...core import verdict as v
from ...core.errors import InputError, Problem
from ...core.results import CriterionResult, IndicatorResult, ResultStatus
from ...engine import Decision, OutcomeInputs, count_needed, decide, outcome_rule

__all__ = ["KV_CRITERIA", "CommuneArea", "VillageArea", "commune_area", "commune_area_2025", "village_area",
           "village_area_2025"]

#: the criterion holding the 12 criteria of NĐ 272/2025 Điều 8 khoản 2 (a count), whose number sets the KV class
KV_CRITERIA = "8.2"


class CommuneArea(enum.Enum):
    """A commune's class in the DTTS&MN area."""

    NOT_IN_AREA = "not_in_area"
    KV_I = "kv1"  # xã khu vực I (bước đầu phát triển)
    KV_II = "kv2"  # xã khu vực II (còn khó khăn)
    KV_III = "kv3"  # xã khu vực III (đặc biệt khó khăn)

    def label(self, lang: str = "en") -> str:
        """The class's name in Vietnamese (``"vi"``) or English."""
        return _COMMUNE_LABELS[self][0 if lang == "vi" else 1]


_COMMUNE_LABELS = {
    CommuneArea.NOT_IN_AREA: ("Không thuộc vùng đồng bào DTTS&MN", "Not in the ethnic-minority and mountainous area"),
    CommuneArea.KV_I: ("Xã khu vực I", "Region I commune"),
    CommuneArea.KV_II: ("Xã khu vực II", "Region II commune"),
    CommuneArea.KV_III: ("Xã khu vực III (đặc biệt khó khăn)", "Region III commune (extremely difficult)"),
}


class VillageArea(enum.Enum):
    """A village's class in the DTTS&MN area."""

    NOT_IN_AREA = "not_in_area"
    EXTREMELY_DIFFICULT = "extremely_difficult"  # thôn đặc biệt khó khăn
    OTHER = "other"

    def label(self, lang: str = "en") -> str:
        """The class's name in Vietnamese (``"vi"``) or English."""
        return _VILLAGE_LABELS[self][0 if lang == "vi" else 1]


_VILLAGE_LABELS = {
    VillageArea.NOT_IN_AREA: ("Không thuộc vùng đồng bào DTTS&MN", "Not in the ethnic-minority and mountainous area"),
    VillageArea.EXTREMELY_DIFFICULT: ("Thôn đặc biệt khó khăn", "Extremely difficult village"),
    VillageArea.OTHER: ("Thôn không thuộc diện đặc biệt khó khăn", "Not an extremely difficult village"),
}


def _any_indicator(x: OutcomeInputs, *codes: str) -> v.Verdict:
    """At least one of the named tests; a test the law does not have here (NOT_APPLICABLE) is no branch."""
    return v.any_of(*(x.verdict(c) for c in codes
                      if c in x.results and x.results[c].status is not ResultStatus.NOT_APPLICABLE))


@outcome_rule("ethnic.commune-area-2020", CommuneArea, reads=(
    "2.1", "3.ntm", "3.b4.length", "3.b4.unpaved", "3.b.rate", "3.b1", "3.b2", "3.b3", "4.rate"))
def commune_area(x: OutcomeInputs) -> Decision:
    """QĐ 33/2020 Art. 2-5."""
    in_area = x.verdict("2.1")
    not_ntm = x.verdict("3.ntm").negate()
    branch_a = _any_indicator(x, "3.a.rate", "3.a.poor_em_households")
    road = v.all_of(x.verdict("3.b4.length"), x.verdict("3.b4.unpaved"))
    branch_b = v.all_of(x.verdict("3.b.rate"), v.any_of(x.verdict("3.b1"), x.verdict("3.b2"), x.verdict("3.b3"), road))
    kv3 = v.all_of(in_area, not_ntm, v.any_of(branch_a, branch_b))
    kv1 = v.all_of(in_area, v.any_of(x.verdict("4.rate"), x.verdict("3.ntm")))
    kv2 = v.all_of(in_area, kv3.negate(), kv1.negate())
    return decide(x, {CommuneArea.NOT_IN_AREA: in_area.negate(), CommuneArea.KV_I: kv1,
                       CommuneArea.KV_II: kv2, CommuneArea.KV_III: kv3})


@outcome_rule("ethnic.village-area-2020", VillageArea, reads=(
    "2.2", "6.b3.no_grid", "6.b3.off_grid_share", "6.b.rate", "6.b1", "6.b2"))
def village_area(x: OutcomeInputs) -> Decision:
    """QĐ 33/2020 Art. 2 and 6."""
    in_area = x.verdict("2.2")
    branch_a = _any_indicator(x, "6.a.rate", "6.a.poor_em_households")
    grid = v.any_of(x.verdict("6.b3.no_grid"), x.verdict("6.b3.off_grid_share"))
    branch_b = v.all_of(x.verdict("6.b.rate"), v.any_of(x.verdict("6.b1"), x.verdict("6.b2"), grid))
    difficult = v.all_of(in_area, v.any_of(branch_a, branch_b))
    return decide(x, {VillageArea.NOT_IN_AREA: in_area.negate(), VillageArea.EXTREMELY_DIFFICULT: difficult,
                       VillageArea.OTHER: v.all_of(in_area, difficult.negate())})


@outcome_rule("ethnic.village-area-2025", VillageArea, reads=("area.em_people_share", "7"))
def village_area_2025(x: OutcomeInputs) -> Decision:
    """NĐ 272/2025: in the area (≥ 15 % ethnic-minority people) and at least 2 of the 3 criteria of Art. 7."""
    in_area = x.verdict("area.em_people_share")
    difficult = v.all_of(in_area, x.verdict("7"))
    return decide(x, {VillageArea.NOT_IN_AREA: in_area.negate(), VillageArea.EXTREMELY_DIFFICULT: difficult,
                      VillageArea.OTHER: v.all_of(in_area, difficult.negate())})


@outcome_rule("ethnic.commune-area-2025", CommuneArea, reads=(
    "area.em_people_share", "area.em_people", KV_CRITERIA, "kv.criteria_3", "kv.criteria_6", "kv.difficult_villages"))
def commune_area_2025(x: OutcomeInputs) -> Decision:
    """NĐ 272/2025, Điều 8 khoản 3: a commune in the area (≥ 15 % or ≥ 4,500 ethnic-minority people) is KV III
    with 6 or more of the 12 criteria of khoản 2, or with 3 or more and at least half its villages extremely
    difficult (Điều 7); KV II with 3 to 5; KV I with fewer than 3.

    The number of criteria met comes from the 12 criteria themselves (criterion ``8.2``, a count with the cut-off
    of 3) or from a recorded count (the fact ``kv_criteria_met``, read by ``kv.criteria_3`` and ``kv.criteria_6``;
    or a count recorded for ``8.2``); when both are given they must agree. A commune with 3 to 5 criteria and half
    its villages extremely difficult fits the words of KV II and of KV III: it is KV III, since otherwise the
    second KV III case would never apply (every commune it describes has 3 to 5 criteria or 6 and more).
    """
    in_area = v.any_of(x.verdict("area.em_people_share"), x.verdict("area.em_people"))
    three = _agreeing(x, "kv.criteria_3", x.verdict(KV_CRITERIA))
    six = _agreeing(x, "kv.criteria_6", _at_least_from_criteria(x, "kv.criteria_6"))
    if six.value is True and three.value is False:
        raise InputError(type(x.subject).__name__, [Problem(
            _path(x, "kv.criteria_6"), "the recorded counts disagree: 6 or more criteria, yet fewer than 3")])
    kv3 = v.all_of(in_area, v.any_of(six, v.all_of(three, x.verdict("kv.difficult_villages"))))
    kv2 = v.all_of(in_area, three, kv3.negate())
    kv1 = v.all_of(in_area, three.negate())
    return decide(x, {CommuneArea.NOT_IN_AREA: in_area.negate(), CommuneArea.KV_I: kv1, CommuneArea.KV_II: kv2,
                      CommuneArea.KV_III: kv3})


def _at_least_from_criteria(x: OutcomeInputs, cut_code: str) -> v.Verdict:
    """Whether the commune meets at least as many of the 12 criteria of khoản 2 as the threshold of ``cut_code``
    asks, counted from criterion ``8.2`` (its recorded count, or its indicators' results)."""
    count = x.results[KV_CRITERIA]
    (cut,) = x.ruleset.indicator(cut_code).thresholds
    name = frozenset((KV_CRITERIA,))
    if count.status is ResultStatus.UNDECIDED:  # strict mode refused the count's cut-off (Điều 8 khoản 3 too)
        return v.Verdict(None, name)
    if isinstance(count, CriterionResult) and count.recorded_count is not None:
        return v.Verdict(cut.holds(count.recorded_count), name)
    tests = [x.verdict(i.code) for i in x.ruleset.criterion(KV_CRITERIA).indicators
             if x.results[i.code].status is not ResultStatus.NOT_APPLICABLE]
    return v.at_least(count_needed(cut), tests, extra=name)


def _agreeing(x: OutcomeInputs, recorded_code: str, from_criteria: v.Verdict) -> v.Verdict:
    """The verdict of a recorded count (``recorded_code``) when there is one, else the one counted from the 12
    criteria; both known and different is an input error, never resolved by choosing one."""
    recorded = x.verdict(recorded_code)
    if not recorded.known:
        return from_criteria if from_criteria.known else v.Verdict(None, recorded.because | from_criteria.because)
    if from_criteria.known and from_criteria.value != recorded.value:
        result, count = x.results[recorded_code], x.results[KV_CRITERIA]
        assert isinstance(result, IndicatorResult) and isinstance(count, CriterionResult)
        path = _path(x, recorded_code)
        given = (f"{'met' if recorded.value else 'not met'}" if isinstance(result.observed, bool)
                 else f"{result.observed} criteria ({'met' if recorded.value else 'not met'} for {recorded_code})")
        raise InputError(type(x.subject).__name__, [Problem(path, (
            f"recorded as {given} but the criteria of 272/2025/NĐ-CP Điều 8 khoản 2 given say otherwise "
            f"({count.met} met, {count.total - count.known} unknown)"))])
    return recorded


def _path(x: OutcomeInputs, recorded_code: str) -> str:
    """Where a recorded count was given: the fact its indicator reads, or the value recorded for its code."""
    result = x.results[recorded_code]
    return "$.facts['kv_criteria_met']" if result.basis == "facts" else f"$.recorded[{recorded_code!r}]"
