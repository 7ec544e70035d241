"""ntp_criteria: Vietnam's national target programme rules as data, and an engine that scores against them.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> ntp.ruleset("poverty.household", on=dt.date(2023, 6, 1)).instrument.number
'07/2021/NĐ-CP'

```
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core import _lazy

if TYPE_CHECKING:
    from .catalogue import (
        Catalogue,
        assess,
        default_catalogue,
        instrument,
        instruments,
        load_catalogue,
        region_of_province,
        ruleset,
        rulesets,
    )
    from .catalogue.units import (
        OfficialUnit,
        Succession,
        UnitLevel,
        official_unit,
        province_of_code,
        region_of_code,
        unit_predecessors,
        unit_successors,
    )
    from .core import (
        Area,
        Assessment,
        BudgetLine,
        CitedValue,
        Commune,
        Comparator,
        ConflictingRules,
        Content,
        CriteriaError,
        Criterion,
        CriterionResult,
        Device,
        Dimension,
        District,
        Dwelling,
        EducationLevel,
        Employment,
        Facts,
        Household,
        Indicator,
        IndicatorResult,
        InputError,
        InstrumentKind,
        LatrineType,
        LeadAgency,
        LegalInstrument,
        Link,
        Member,
        NoRulesetInForce,
        Observed,
        Parameter,
        Problem,
        Programme,
        Project,
        Provenance,
        Province,
        Qualifier,
        Region,
        ResultStatus,
        Rollup,
        RuleDataError,
        Ruleset,
        Scope,
        Status,
        SubProject,
        Target,
        TargetKind,
        Threshold,
        UndecidedError,
        UnknownCode,
        UnknownFamily,
        Village,
        WasteHandling,
        WaterSource,
    )
    from .core.dates import age_on, parse_day
    from .core.forms import FarmIncomeLine, FarmIncomeSurvey, QuickIdentification, ReviewForm, ReviewRegion
    from .families import areas, ntm, poverty
    from .families.areas import CoastalCommune, CommuneArea, Mountainous, VillageArea
    from .families.ntm import (
        CommuneGroup,
        CommuneLevel,
        CriteriaMet,
        DistrictLevel,
        DistrictLevelReport,
        LevelReport,
        commune_level,
        district_level,
        with_commune_shares,
        with_district_shares,
    )
    from .families.poverty import HouseholdClass, PovertyRates, PovertyStatus, poverty_rates
    from .families.programmes import (
        Observation,
        Progress,
        ProgressStatus,
        find_units,
        links_from,
        links_to,
        observe,
        programme,
        programmes,
        progress,
    )
    from .families.review import FarmIncomeResult, ReviewClass, ScreeningResult
    from .io.packs import catalogue  # the package's catalogue, with rules packs (the subpackage stays importable)

__version__ = "0.2.0"  # the one place the version is written (pyproject reads it)

__all__ = [
    "Area",
    "Assessment",
    "BudgetLine",
    "Catalogue",
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
    "CriteriaMet",
    "Criterion",
    "CriterionResult",
    "Device",
    "Dimension",
    "District",
    "DistrictLevel",
    "DistrictLevelReport",
    "Dwelling",
    "EducationLevel",
    "Employment",
    "Facts",
    "FarmIncomeLine",
    "FarmIncomeResult",
    "FarmIncomeSurvey",
    "Household",
    "HouseholdClass",
    "Indicator",
    "IndicatorResult",
    "InputError",
    "InstrumentKind",
    "LatrineType",
    "LeadAgency",
    "LegalInstrument",
    "LevelReport",
    "Link",
    "Member",
    "Mountainous",
    "NoRulesetInForce",
    "Observation",
    "Observed",
    "OfficialUnit",
    "Parameter",
    "PovertyRates",
    "PovertyStatus",
    "Problem",
    "Programme",
    "Progress",
    "ProgressStatus",
    "Project",
    "Provenance",
    "Province",
    "Qualifier",
    "QuickIdentification",
    "Region",
    "ResultStatus",
    "ReviewClass",
    "ReviewForm",
    "ReviewRegion",
    "Rollup",
    "RuleDataError",
    "Ruleset",
    "Scope",
    "ScreeningResult",
    "Status",
    "SubProject",
    "Succession",
    "Target",
    "TargetKind",
    "Threshold",
    "UndecidedError",
    "UnitLevel",
    "UnknownCode",
    "UnknownFamily",
    "Village",
    "VillageArea",
    "WasteHandling",
    "WaterSource",
    "__version__",
    "age_on",
    "areas",
    "assess",
    "catalogue",
    "commune_level",
    "default_catalogue",
    "district_level",
    "find_units",
    "instrument",
    "instruments",
    "links_from",
    "links_to",
    "load_catalogue",
    "ntm",
    "observe",
    "official_unit",
    "parse_day",
    "poverty",
    "poverty_rates",
    "programme",
    "programmes",
    "progress",
    "province_of_code",
    "region_of_code",
    "region_of_province",
    "ruleset",
    "rulesets",
    "unit_predecessors",
    "unit_successors",
    "with_commune_shares",
    "with_district_shares",
]

# Importing the package imports (almost) nothing: each name above is imported from its module when first asked for
# (PEP 562), and the families register their measures and outcome rules, and io.explain the renderer
# Assessment.explain() uses, when the rules are first used (a catalogue loaded, an assessment explained).
_SOURCES = {
    ".catalogue": ("Catalogue", "assess", "default_catalogue", "instrument", "instruments", "load_catalogue",
                   "region_of_province", "ruleset", "rulesets"),
    ".core": ("Area", "Assessment", "BudgetLine", "CitedValue", "Commune", "Comparator", "ConflictingRules",
              "Content", "CriteriaError", "Criterion", "CriterionResult", "Device", "Dimension", "District",
              "Dwelling", "EducationLevel", "Employment", "Facts", "Household", "Indicator", "IndicatorResult",
              "InputError", "InstrumentKind", "LatrineType", "LeadAgency", "LegalInstrument", "Link", "Member",
              "NoRulesetInForce", "Observed", "Parameter", "Problem", "Programme", "Project", "Provenance",
              "Province", "Qualifier", "Region", "ResultStatus", "Rollup", "RuleDataError", "Ruleset", "Scope",
              "Status", "SubProject", "Target", "TargetKind", "Threshold", "UndecidedError", "UnknownCode",
              "UnknownFamily", "Village", "WasteHandling", "WaterSource"),
    ".families": ("areas", "ntm", "poverty"),
    ".families.areas": ("CoastalCommune", "CommuneArea", "Mountainous", "VillageArea"),
    ".families.ntm": ("CommuneGroup", "CommuneLevel", "CriteriaMet", "DistrictLevel", "DistrictLevelReport",
                      "LevelReport", "commune_level", "district_level", "with_commune_shares", "with_district_shares"),
    ".families.poverty": ("HouseholdClass", "PovertyRates", "PovertyStatus", "poverty_rates"),
    ".families.programmes": ("Observation", "Progress", "ProgressStatus", "find_units", "links_from", "links_to",
                             "observe", "programme", "programmes", "progress"),
    ".io.packs": ("catalogue",),
    ".catalogue.units": ("OfficialUnit", "Succession", "UnitLevel", "official_unit", "province_of_code",
                         "region_of_code", "unit_predecessors", "unit_successors"),
    ".core.dates": ("age_on", "parse_day"),
    ".core.forms": ("FarmIncomeLine", "FarmIncomeSurvey", "QuickIdentification", "ReviewForm", "ReviewRegion"),
    ".families.review": ("FarmIncomeResult", "ReviewClass", "ScreeningResult"),
}


def _register_the_rules() -> None:
    from . import families  # noqa: F401 - registers the measures and outcome rules the rules data name
    from .io import explain  # noqa: F401 - registers the renderer Assessment.explain() uses


_lazy.on_first_use(_register_the_rules)
if not TYPE_CHECKING:  # a type checker reads the imports above
    from . import catalogue as _catalogue_floor  # noqa: F401 - now, so that importing it later cannot shadow ntp.catalogue

    del catalogue  # the subpackage's import bound its name here; ``ntp.catalogue`` is the function of io.packs
    __getattr__, __dir__ = _lazy.lazy_exports(__name__, globals(), _SOURCES, (".engine", ".families", ".io"))
