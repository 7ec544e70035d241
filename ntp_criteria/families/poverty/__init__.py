"""Household poverty under the multidimensional poverty standards (2016-2030): the outcome rules and measures
the rules data name, classification one household at a time or in bulk, and poverty rates.

The standards differ in *shape*, not only in numbers, and each shape is a named outcome rule that the rules
data selects (see :mod:`ntp_criteria.families.poverty.rules`); the numbers live in ``rules/*.toml``.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> ntp.poverty.classify(area="rural", monthly_income_per_capita=1_500_000, deprivations=3,
...                      on=dt.date(2024, 1, 1))
<HouseholdClass.POOR: 'poor'>

```
"""

from __future__ import annotations

from . import measures as _measures  # noqa: F401 - registers the household measures the rules data name
from .classify import Classifier, PossibleClasses, classifier, classify, poverty_status
from .rates import AlkireFoster, PovertyRates, poverty_rates
from .rules import DEPRIVATION, FAMILY, HouseholdClass, PovertyStatus, deprivation_codes

__all__ = [
    "DEPRIVATION",
    "FAMILY",
    "AlkireFoster",
    "Classifier",
    "HouseholdClass",
    "PossibleClasses",
    "PovertyRates",
    "PovertyStatus",
    "classifier",
    "classify",
    "deprivation_codes",
    "poverty_rates",
    "poverty_status",
]
