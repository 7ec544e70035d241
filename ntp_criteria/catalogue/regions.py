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
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ..core._convert import CONVERTER
from ..core.errors import Problem, RuleDataError
from ..core.model import Provenance, ScopeRule
from ..core.places import Region
from ..core.text import fold

__all__ = ["ProvinceRegions", "parse_regions"]


def _read_only(table: Mapping[str, Region]) -> Mapping[str, Region]:
    return MappingProxyType(dict(table))


@attrs.frozen(eq=False)  # compared by identity: one table per catalogue
class ProvinceRegions:
    """The province → region table, its source, and the last day it describes (the 2025 mergers)."""

    #: region by folded province name (read-only)
    regions: Mapping[str, Region] = attrs.field(converter=_read_only)
    provenance: Provenance
    valid_to: dt.date

    def region_of(self, province: str, on: dt.date) -> Region | None:
        """The region of ``province`` (accents and case ignored; "TP." / "Thành phố" / "Tỉnh" dropped) on
        ``on``, or None after the mergers or for an unknown name."""
        if on > self.valid_to:
            return None
        return self.regions.get(_key(province))

    def rules_for(self, province: str, on: dt.date) -> tuple[ScopeRule, ...]:
        """The region of ``province`` as cited scope entries (the region, and whether it is the Mekong Delta),
        so that results resting on it carry the table's status; empty when no region is derived."""
        region = self.region_of(province, on)
        if region is None:
            return ()
        return _rules(region, self.provenance)


@functools.lru_cache(maxsize=64)
def _rules(region: Region, provenance: Provenance) -> tuple[ScopeRule, ...]:
    # asked once per assessment of a unit given only its province: the same objects each time
    delta = "yes" if region is Region.DBSCL else "no"
    return (ScopeRule("region", region.value, (), provenance), ScopeRule("mekong_delta", delta, (), provenance))


@functools.lru_cache(maxsize=1024)
def _key(name: str) -> str:
    k = fold(name).replace("-", " ").replace(".", " ")
    for prefix in ("thanh pho ", "tp ", "tinh "):
        k = k.strip()
        if k.startswith(prefix):
            k = k[len(prefix):]
    return " ".join(k.split())


def parse_regions(text: str, file: str) -> ProvinceRegions:
    """The table from its TOML text (``data/regions-2021-2025.toml``); errors name the file and the path."""
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
