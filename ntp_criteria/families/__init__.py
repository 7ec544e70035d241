"""The families floor: the law's own structure in code, one package per family of rules.

Each family holds the outcome rules and measures its rules data name, and the functions built on its
assessments: :mod:`~ntp_criteria.families.poverty` (households), :mod:`~ntp_criteria.families.ntm` (new-rural
communes, districts and provinces), :mod:`~ntp_criteria.families.areas` (ethnic-minority and coastal areas) and
:mod:`~ntp_criteria.families.programmes` (programmes and targets) and :mod:`~ntp_criteria.families.review` (the
annual household review by points). Importing this package registers every
measure and outcome rule the package's rules data name.
"""

from __future__ import annotations

from . import areas, ntm, poverty, programmes, review

__all__ = ["areas", "ntm", "poverty", "programmes", "review"]
