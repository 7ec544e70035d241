"""New-rural development (NTM): the outcome rules of the criteria sets, the 2026-2030 commune groups, and the
levels of communes, districts, towns and provinces computed from their assessments and their parts.

The criteria themselves (QĐ 318, 319, 320, 211, 321, 1127; QĐ 51/2025 with Thông tư 52/2026/TT-BTC) are rules
data in ``rules/*.toml``; :mod:`~ntp_criteria.families.ntm.measures` holds the formulas of Thông tư 52/2026 the
data name (income growth, a cooperative's profit and members).
"""

from __future__ import annotations

from . import measures
from .commune import (
    CommuneGroup,
    CommuneLevel,
    CriteriaMet,
    LevelReport,
    commune_level,
    ethnic_region_fact,
    gaps,
    with_ethnic_region,
    with_ict,
    with_poverty_rate,
)
from .districts import (
    DistrictLevel,
    DistrictLevelReport,
    basic_family,
    district_level,
    with_commune_shares,
    with_district_shares,
)

__all__ = [
    "CommuneGroup",
    "CommuneLevel",
    "CriteriaMet",
    "DistrictLevel",
    "DistrictLevelReport",
    "LevelReport",
    "basic_family",
    "commune_level",
    "district_level",
    "ethnic_region_fact",
    "gaps",
    "measures",
    "with_commune_shares",
    "with_district_shares",
    "with_ethnic_region",
    "with_ict",
    "with_poverty_rate",
]
