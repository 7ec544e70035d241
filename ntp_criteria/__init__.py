"""ntp_criteria: Vietnam's national target programme rules as data, and an engine that scores against them.

>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> ntp.ruleset("poverty.household", on=dt.date(2023, 6, 1)).instrument.number
'07/2021/NĐ-CP'
"""

from __future__ import annotations

from . import poverty
from .aggregates import PovertyRates, poverty_rates
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
from .poverty import HouseholdClass
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

__version__ = "0.1.0"

__all__ = [
    "Area",
    "Assessment",
    "CitedValue",
    "Comparator",
    "ConflictingRules",
    "CriteriaError",
    "Criterion",
    "CriterionResult",
    "Device",
    "Dimension",
    "Dwelling",
    "EducationLevel",
    "Employment",
    "Household",
    "HouseholdClass",
    "Indicator",
    "IndicatorResult",
    "InputError",
    "InstrumentKind",
    "LatrineType",
    "LegalInstrument",
    "Member",
    "NoRulesetInForce",
    "Observed",
    "Parameter",
    "PovertyRates",
    "Problem",
    "Provenance",
    "ResultStatus",
    "Rollup",
    "RuleDataError",
    "Ruleset",
    "Scope",
    "Status",
    "Threshold",
    "UndecidedError",
    "UnknownFamily",
    "WasteHandling",
    "WaterSource",
    "__version__",
    "assess",
    "instrument",
    "instruments",
    "poverty",
    "poverty_rates",
    "ruleset",
    "rulesets",
]
