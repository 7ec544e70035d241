"""The catalogue floor: rules data as values. The rules-file schema, loading and checking, the package's own
catalogue (built lazily), overlays, what-if scenarios and diffs, and :func:`assess`, which finds the ruleset
in force in a catalogue and calls the engine.

It imports :mod:`ntp_criteria.core` and :mod:`ntp_criteria.engine`, never the families or the adapters.
"""

from __future__ import annotations

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
