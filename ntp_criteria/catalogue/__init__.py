"""The catalogue floor: rules data as values. The rules-file schema, loading and checking, the package's own
catalogue (built lazily), overlays, what-if scenarios and diffs, and :func:`assess`, which finds the ruleset
in force in a catalogue and calls the engine.

It imports :mod:`ntp_criteria.core` and :mod:`ntp_criteria.engine`, never the families or the adapters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import _lazy

if TYPE_CHECKING:
    from ._assess import assess
    from ._catalogue import Catalogue
    from ._default import (
        default_catalogue,
        instrument,
        instruments,
        province_regions,
        region_of_province,
        ruleset,
        rulesets,
    )
    from ._load import load_catalogue
    from ._schema import FamilyEnd, NotEncoded
    from .regions import ProvinceRegions

__all__ = [
    "Catalogue",
    "FamilyEnd",
    "NotEncoded",
    "ProvinceRegions",
    "assess",
    "default_catalogue",
    "instrument",
    "instruments",
    "load_catalogue",
    "province_regions",
    "region_of_province",
    "ruleset",
    "rulesets",
]

# where each name is imported from when first asked for (the same as the imports above, as a test checks)
_SOURCES = {
    "._assess": ("assess",),
    "._catalogue": ("Catalogue",),
    "._default": ("default_catalogue", "instrument", "instruments", "province_regions", "region_of_province",
                  "ruleset", "rulesets"),
    "._load": ("load_catalogue",),
    "._schema": ("FamilyEnd", "NotEncoded"),
    ".regions": ("ProvinceRegions",),
}
if not TYPE_CHECKING:  # a type checker reads the imports above
    __getattr__, __dir__ = _lazy.lazy_exports(__name__, globals(), _SOURCES)
