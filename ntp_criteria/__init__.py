"""ntp_criteria: Vietnam's national target programme rules as data, and an engine that scores against them.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> ntp.ruleset("poverty.household", on=dt.date(2023, 6, 1)).instrument.number
'07/2021/NĐ-CP'

```
"""

from __future__ import annotations

from . import poverty
from .aggregates import PovertyRates, poverty_rates
from .districts import DistrictLevel, district_level, with_commune_shares, with_district_shares
from .engine import assess
from .errors import (
    ConflictingRules,
    CriteriaError,
    InputError,
    NoRulesetInForce,
    Problem,
    RuleDataError,
    UndecidedError,
    UnknownFamily,
)
from .ethnic import CommuneArea, VillageArea
from .model import (
    CitedValue,
    Comparator,
    Criterion,
    Dimension,
    Indicator,
    InstrumentKind,
    LegalInstrument,
    Parameter,
    Provenance,
    Rollup,
    Ruleset,
    Scope,
    Status,
    Threshold,
)
from .ntm import CommuneGroup, CommuneLevel
from .places import Commune, District, Facts, Province, Region, Village
from .poverty import HouseholdClass
from .poverty_areas import CoastalCommune
from .programme_model import (
    BudgetLine,
    Content,
    LeadAgency,
    Link,
    Programme,
    Project,
    Qualifier,
    SubProject,
    Target,
    TargetKind,
)
from .programmes import find_units, links_from, links_to, programme, programmes
from .registry import instrument, instruments, ruleset, rulesets
from .results import Assessment, CriterionResult, IndicatorResult, Observed, ResultStatus
from .subjects import (
    Area,
    Device,
    Dwelling,
    EducationLevel,
    Employment,
    Household,
    LatrineType,
    Member,
    WasteHandling,
    WaterSource,
)
from .targets import Observation, Progress, ProgressStatus, observe, progress

__version__ = "0.1.0"

__all__ = [
    "Area",
    "Assessment",
    "BudgetLine",
    "CitedValue",
    "CoastalCommune",
    "Commune",
    "CommuneArea",
    "CommuneGroup",
    "CommuneLevel",
    "Comparator",
    "ConflictingRules",
    "Content",
    "CriteriaError",
    "Criterion",
    "CriterionResult",
    "Device",
    "Dimension",
    "District",
    "DistrictLevel",
    "Dwelling",
    "EducationLevel",
    "Employment",
    "Facts",
    "Household",
    "HouseholdClass",
    "Indicator",
    "IndicatorResult",
    "InputError",
    "InstrumentKind",
    "LatrineType",
    "LeadAgency",
    "LegalInstrument",
    "Link",
    "Member",
    "NoRulesetInForce",
    "Observation",
    "Observed",
    "Parameter",
    "PovertyRates",
    "Problem",
    "Programme",
    "Progress",
    "ProgressStatus",
    "Project",
    "Provenance",
    "Province",
    "Qualifier",
    "Region",
    "ResultStatus",
    "Rollup",
    "RuleDataError",
    "Ruleset",
    "Scope",
    "Status",
    "SubProject",
    "Target",
    "TargetKind",
    "Threshold",
    "UndecidedError",
    "UnknownFamily",
    "Village",
    "VillageArea",
    "WasteHandling",
    "WaterSource",
    "__version__",
    "assess",
    "district_level",
    "find_units",
    "instrument",
    "instruments",
    "links_from",
    "links_to",
    "observe",
    "poverty",
    "poverty_rates",
    "programme",
    "programmes",
    "progress",
    "ruleset",
    "rulesets",
    "with_commune_shares",
    "with_district_shares",
]
