"""Mountainous villages, communes and provinces (NĐ 272/2025/NĐ-CP, Điều 5), as an outcome rule the rules data
name for the three families ``mountain.village``, ``mountain.commune`` and ``mountain.province``.

Điều 5 has one shape at each level: a unit is mountainous when it meets **at least one of two** tests ("đáp ứng
ít nhất 01 trong 02 tiêu chí"). The tests, with their numbers, are the indicators of criterion ``5`` in
``rules/nd-272-2025.toml`` (roll-up ``any``):

* a village: at least 2/3 of its natural area at 200 m or more above sea level, or at least 2/3 with a terrain
  slope of 15 % or more;
* a commune: at least 2/3 of its natural area at 200 m or more, or at least 2/3 of its villages mountainous;
* a province: at least 2/3 of its natural area at 200 m or more, or at least 2/3 of its communes mountainous.
"""

from __future__ import annotations

import enum

from ...engine import Decision, OutcomeInputs, decide, outcome_rule

__all__ = ["Mountainous", "mountainous"]


class Mountainous(enum.Enum):
    """Whether a village, commune or province is mountainous (thôn, xã, tỉnh miền núi) under NĐ 272/2025."""

    MOUNTAINOUS = "mountainous"
    NOT_MOUNTAINOUS = "not_mountainous"

    def label(self, lang: str = "en") -> str:
        """The class's name in Vietnamese (``"vi"``) or English."""
        if self is Mountainous.MOUNTAINOUS:
            return "Miền núi (Điều 5 Nghị định 272/2025/NĐ-CP)" if lang == "vi" else "Mountainous"
        return "Không phải miền núi" if lang == "vi" else "Not mountainous"


@outcome_rule("areas.mountainous-2025", Mountainous, reads=("5",))
def mountainous(x: OutcomeInputs) -> Decision:
    """NĐ 272/2025, Điều 5: mountainous when the unit meets at least one of the two tests of its level
    (criterion ``5``, rolled up ``any``)."""
    meets = x.verdict("5")
    return decide(x, {Mountainous.MOUNTAINOUS: meets, Mountainous.NOT_MOUNTAINOUS: meets.negate()})
