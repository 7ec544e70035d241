"""New-rural development (NTM): the outcome rules of the criteria sets, the 2026-2030 commune groups, and the
levels of communes, districts, towns and provinces computed from their assessments and their parts.

The criteria themselves (QĐ 318, 319, 320, 211, 321, 1127; QĐ 51/2025) are rules data in ``rules/*.toml``.
"""

from __future__ import annotations

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
    "commune_level",
    "district_level",
    "ethnic_region_fact",
    "gaps",
    "with_commune_shares",
    "with_district_shares",
    "with_ethnic_region",
    "with_ict",
    "with_poverty_rate",
]
