"""Areas targeted by the poverty programme: extremely difficult coastal lowland, coastal and island
communes (QĐ 36/2021/QĐ-TTg, Art. 4), as an outcome rule named by the rules data.

A commune is extremely difficult when it meets both criteria of Art. 4: (1) it lies on the coast or is an
islet, lagoon, peninsula or island commune with poor + near-poor households at 15 % or more, or it suffers
saline intrusion for 3 months or more a year with 12 % or more; and (2) it lacks (or fails) 3 or more of
9 infrastructure items. Only items a) to đ) of the 9 have been read; e) to i) are in the data as tests
whose wording is not yet found, to be recorded by their code. A commune already recognised as meeting NTM
is not covered by the decision (its scope), so it is never extremely difficult under it.
"""

from __future__ import annotations

import enum

from ...core import verdict as v
from ...engine import Decision, OutcomeInputs, decide, outcome_rule

__all__ = ["CoastalCommune", "coastal_commune"]


class CoastalCommune(enum.Enum):
    """Whether a coastal lowland, coastal or island commune is extremely difficult (QĐ 36/2021, Art. 4)."""

    EXTREMELY_DIFFICULT = "extremely_difficult"
    OTHER = "other"

    def label(self, lang: str = "en") -> str:
        """The class's name in Vietnamese (``"vi"``) or English."""
        if self is CoastalCommune.EXTREMELY_DIFFICULT:
            return ("Xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo" if lang == "vi"
                    else "Extremely difficult coastal or island commune")
        return "Không thuộc diện" if lang == "vi" else "Not extremely difficult"


@outcome_rule("poverty.coastal-commune-2021", CoastalCommune, reads=(
    "scope.ntm", "1.coastal_or_island", "1.rate_coastal", "1.saline_months", "1.rate_saline", "2"))
def coastal_commune(x: OutcomeInputs) -> Decision:
    """QĐ 36/2021: covered (not NTM-recognised), Art. 4 criterion 1 (location and poverty) and criterion 2
    (3 of 9 gaps)."""
    covered = x.verdict("scope.ntm").negate()
    coastal = v.all_of(x.verdict("1.coastal_or_island"), x.verdict("1.rate_coastal"))
    saline = v.all_of(x.verdict("1.saline_months"), x.verdict("1.rate_saline"))
    difficult = v.all_of(covered, v.any_of(coastal, saline), x.verdict("2"))
    return decide(x, {CoastalCommune.EXTREMELY_DIFFICULT: difficult, CoastalCommune.OTHER: difficult.negate()})
