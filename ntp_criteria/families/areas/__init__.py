"""Areas the programmes target, as outcome rules and measures the rules data name: ethnic-minority and
mountainous communes and villages (QĐ 33/2020, NĐ 272/2025), mountainous villages, communes and provinces
(NĐ 272/2025, Điều 5), and extremely difficult coastal and island communes (QĐ 36/2021)."""

from __future__ import annotations

from . import measures
from .coastal import CoastalCommune
from .ethnic import CommuneArea, VillageArea
from .mountain import Mountainous

__all__ = ["CoastalCommune", "CommuneArea", "Mountainous", "VillageArea", "measures"]
