"""The ground floor: the law and the world as values, importing nothing else of the package.

The law (instruments, rulesets, criteria, indicators, thresholds, provenance), the subjects assessed
(households and administrative units), results and the three-valued verdict, the programme model, the
errors, and small text helpers. Everything here is a frozen value or a pure function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _lazy

if TYPE_CHECKING:
    from .errors import (
        ConflictingRules,
        CriteriaError,
        InputError,
        NoRulesetInForce,
        Problem,
        RuleDataError,
        UndecidedError,
        UnknownCode,
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
        ScopeRule,
        Status,
        Threshold,
    )
    from .places import Commune, District, Facts, Province, Region, Village
    from .programme import (
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
        Unit,
    )
    from .results import Assessment, CriterionResult, IndicatorResult, Observed, Outcome, ResultStatus
    from .subjects import (
        Area,
        Device,
        Dwelling,
        EducationLevel,
        Employment,
        Household,
        LatrineType,
        Member,
        Subject,
        WasteHandling,
        WaterSource,
    )

__all__ = [
    "Area",
    "Assessment",
    "BudgetLine",
    "CitedValue",
    "Commune",
    "Comparator",
    "ConflictingRules",
    "Content",
    "CriteriaError",
    "Criterion",
    "CriterionResult",
    "Device",
    "Dimension",
    "District",
    "Dwelling",
    "EducationLevel",
    "Employment",
    "Facts",
    "Household",
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
    "Observed",
    "Outcome",
    "Parameter",
    "Problem",
    "Programme",
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
    "ScopeRule",
    "Status",
    "SubProject",
    "Subject",
    "Target",
    "TargetKind",
    "Threshold",
    "UndecidedError",
    "Unit",
    "UnknownCode",
    "UnknownFamily",
    "Village",
    "WasteHandling",
    "WaterSource",
]

# where each name is imported from when first asked for (the same as the imports above, as a test checks)
_SOURCES = {
    ".errors": ("ConflictingRules", "CriteriaError", "InputError", "NoRulesetInForce", "Problem", "RuleDataError",
                "UndecidedError", "UnknownCode", "UnknownFamily"),
    ".model": ("CitedValue", "Comparator", "Criterion", "Dimension", "Indicator", "InstrumentKind", "LegalInstrument",
               "Parameter", "Provenance", "Rollup", "Ruleset", "Scope", "ScopeRule", "Status", "Threshold"),
    ".places": ("Commune", "District", "Facts", "Province", "Region", "Village"),
    ".programme": ("BudgetLine", "Content", "LeadAgency", "Link", "Programme", "Project", "Qualifier", "SubProject",
                   "Target", "TargetKind", "Unit"),
    ".results": ("Assessment", "CriterionResult", "IndicatorResult", "Observed", "Outcome", "ResultStatus"),
    ".subjects": ("Area", "Device", "Dwelling", "EducationLevel", "Employment", "Household", "LatrineType", "Member",
                  "Subject", "WasteHandling", "WaterSource"),
}
if not TYPE_CHECKING:  # a type checker reads the imports above
    __getattr__, __dir__ = _lazy.lazy_exports(__name__, globals(), _SOURCES)
