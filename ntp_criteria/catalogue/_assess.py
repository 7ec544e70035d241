"""Assess a subject by the law in force: find the ruleset in a catalogue, derive the scope, call the engine."""

from __future__ import annotations

import datetime as dt

from ..core._validate import shown
from ..core.errors import InputError, Problem
from ..core.model import Ruleset, Status
from ..core.results import Assessment
from ..core.subjects import Subject
from ..engine import evaluate
from ._catalogue import Catalogue
from ._default import default_catalogue

__all__ = ["assess"]


def assess(subject: Subject, ruleset: Ruleset | None = None, *, catalogue: Catalogue | None = None,
           strict: bool | Status = False) -> Assessment:
    """Assess ``subject`` against ``ruleset`` (default: the one of its kind's family in force on its reference
    date, in ``catalogue`` or the package's own).

    ``strict=True`` refuses to decide on numbers marked ``unverified``; ``strict=Status.VERIFIED`` demands law
    read in the text itself. What depends on a weaker number is UNDECIDED, with the reason. A unit that gives
    its province but no region is assessed in the region the catalogue's table derives, which its results cite.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    if not isinstance(cat, Catalogue):
        raise InputError("assess()", [Problem("$.catalogue", f"expected a Catalogue, got {shown(cat)}")])
    if ruleset is None:
        family = getattr(type(subject), "default_family", None)
        if not isinstance(family, str) or not isinstance(getattr(subject, "reference_date", None), dt.date):
            raise InputError("assess()", [Problem("$.subject", f"expected a household or a unit, got "
                                                              f"{shown(subject)}")])
        ruleset = cat.in_force(family, subject.reference_date)
    return evaluate(subject, ruleset, strict=strict, derived=cat.derived_scope(subject))
