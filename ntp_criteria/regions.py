"""Which of the 7 socio-economic regions of the 2021-2025 criteria a (pre-July-2025) province is in.

The grouping is data (``data/regions-2021-2025.toml``) with its own source and status: QĐ 318/QĐ-TTg names
the regions but does not list their provinces, so the mapping is marked ``unverified`` and an assessment
whose region was derived from it says so (the region then rests on the mapping, and strict mode refuses
it). A unit's own ``region`` always wins.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from importlib import resources

import attrs

from ._convert import CONVERTER
from .errors import Problem, RuleDataError
from .model import Provenance, ScopeRule
from .places import Region
from .programmes import fold

__all__ = ["ProvinceRegions", "derived_region_rules", "province_regions", "region_of_province"]


@attrs.frozen
class ProvinceRegions:
    """The province → region table, its source, and the last day it describes (the 2025 mergers)."""

    regions: dict[str, Region]
    provenance: Provenance
    valid_to: dt.date

    def region_of(self, province: str, on: dt.date) -> Region | None:
        """The region of ``province`` (accents and case ignored; "TP." / "Thành phố" / "Tỉnh" dropped) on
        ``on``, or None after the mergers or for an unknown name."""
        if on > self.valid_to:
            return None
        return self.regions.get(_key(province))


def _key(name: str) -> str:
    k = fold(name).replace("-", " ").replace(".", " ")
    for prefix in ("thanh pho ", "tp ", "tinh "):
        k = k.strip()
        if k.startswith(prefix):
            k = k[len(prefix):]
    return " ".join(k.split())


def _parse(text: str, file: str) -> ProvinceRegions:
    raw = tomllib.loads(text)
    problems: list[Problem] = []
    provenance = CONVERTER.structure(raw["source"], Provenance)
    table: dict[str, Region] = {}
    for region_value, names in raw["regions"].items():
        try:
            region = Region(region_value)
        except ValueError:
            problems.append(Problem(f"$.regions.{region_value}", "not one of the 7 regions"))
            continue
        for name in names:
            if _key(name) in table:
                problems.append(Problem(f"$.regions.{region_value}", f"{name!r} listed twice"))
            table[_key(name)] = region
    if len(table) != 63:
        problems.append(Problem("$.regions", f"expected the 63 pre-2025 provinces, got {len(table)}"))
    if problems:
        raise RuleDataError(file, problems)
    return ProvinceRegions(table, provenance, raw["valid_to"])


@functools.cache
def province_regions() -> ProvinceRegions:
    """The packaged table (loaded once)."""
    file = "regions-2021-2025.toml"
    text = (resources.files("ntp_criteria") / "data" / file).read_text(encoding="utf-8")
    return _parse(text, file)


def region_of_province(province: str, on: dt.date) -> Region | None:
    """The 2021-2025 region of a pre-July-2025 province, e.g. ``region_of_province("Lạng Sơn", …)``."""
    return province_regions().region_of(province, on)


def derived_region_rules(province: str, on: dt.date) -> tuple[ScopeRule, ...]:
    """The derivation as cited scope entries (the region, and whether it is the Mekong Delta), so that
    results resting on it carry its status; empty when no region is derived."""
    return _rules_for(province) if on <= province_regions().valid_to else ()


@functools.lru_cache(maxsize=256)
def _rules_for(province: str) -> tuple[ScopeRule, ...]:
    # asked once per assessment of a unit given only its province: built once per spelling
    table = province_regions()
    region = table.regions.get(_key(province))
    if region is None:
        return ()
    delta = "yes" if region is Region.DBSCL else "no"
    return (ScopeRule("region", region.value, (), table.provenance),
            ScopeRule("mekong_delta", delta, (), table.provenance))
