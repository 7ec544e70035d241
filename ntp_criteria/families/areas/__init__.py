"""Areas the programmes target, as outcome rules the rules data name: ethnic-minority and mountainous communes
and villages (QĐ 33/2020, NĐ 272/2025), and extremely difficult coastal and island communes (QĐ 36/2021)."""

from __future__ import annotations

from .coastal import CoastalCommune
from .ethnic import CommuneArea, VillageArea

__all__ = ["CoastalCommune", "CommuneArea", "VillageArea"]
