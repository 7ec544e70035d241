"""Ethnic-minority and mountainous (DTTS&MN) area classification: communes KV I / II / III and extremely
difficult villages, as outcome rules named by the rules data (QĐ 33/2020/QĐ-TTg for 2021-2025).

The article structure is kept: Art. 2 (in the area), Art. 3 (KV III: branch A or branch B with one of
B1-B4, and not NTM-recognised), Art. 4 (KV I: poverty under 10 % or NTM-recognised), Art. 5 (KV II: the
rest), Art. 6 (extremely difficult village). The numbers and the Mekong Delta variants are in
``rules/qd-33-2020.toml``.
"""

from __future__ import annotations

import enum

from ...core import verdict as v
from ...core.results import ResultStatus
from ...engine import Decision, OutcomeInputs, decide, outcome_rule

__all__ = ["CommuneArea", "VillageArea", "commune_area", "commune_area_2025", "village_area", "village_area_2025"]


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
    "area.em_people_share", "area.em_people", "kv.criteria_3", "kv.criteria_6", "kv.difficult_villages"))
def commune_area_2025(x: OutcomeInputs) -> Decision:
    """NĐ 272/2025: in the area (≥ 15 % or ≥ 4,500 ethnic-minority people); KV III with 6+ of the 12 criteria,
    or 3+ and more than half its villages extremely difficult; KV II with 3-5; KV I with fewer than 3."""
    in_area = v.any_of(x.verdict("area.em_people_share"), x.verdict("area.em_people"))
    three = x.verdict("kv.criteria_3")
    kv3 = v.all_of(in_area, v.any_of(x.verdict("kv.criteria_6"), v.all_of(three, x.verdict("kv.difficult_villages"))))
    kv2 = v.all_of(in_area, three, kv3.negate())
    kv1 = v.all_of(in_area, three.negate())
    return decide(x, {CommuneArea.NOT_IN_AREA: in_area.negate(), CommuneArea.KV_I: kv1, CommuneArea.KV_II: kv2,
                      CommuneArea.KV_III: kv3})
