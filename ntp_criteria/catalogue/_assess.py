"""Assess a subject by the law in force: find the ruleset in a catalogue, derive the scope, check the inputs
against what the catalogue knows, call the engine.

An input the caller gives is never dropped silently. A code nobody knows (a deprivation flag ``"watr"``, an
observation ``"20"`` on a 19-criterion set, a family prefix ``"ethnic.comune:"``) is an
:class:`~ntp_criteria.InputError` naming the nearest known codes. A valid input the assessed ruleset does not
read (a flag of another standard, a fact no criterion reads, a value recorded for another family) is listed
in :attr:`~ntp_criteria.Assessment.unused`, which the explanation names; ``strict_inputs=True`` makes it an
error.
"""

from __future__ import annotations

import datetime as dt

from ..core._validate import nearest, raise_problems, shown, unknown_code
from ..core.errors import InputError, Problem
from ..core.forms import ReviewForm, row_group
from ..core.model import Ruleset, Status
from ..core.places import _Unit
from ..core.results import Assessment
from ..core.subjects import Household, Subject
from ..engine import evaluate
from ._catalogue import Catalogue, _reads
from ._default import default_catalogue
from .units import code_problems, is_official

__all__ = ["assess", "check_inputs"]


def assess(subject: Subject, ruleset: Ruleset | None = None, *, catalogue: Catalogue | None = None,
           strict: bool | Status = False, strict_inputs: bool = False) -> Assessment:
    """Assess ``subject`` against ``ruleset`` (default: the one of its kind's family in force on its reference
    date, in ``catalogue`` or the package's own).

    ``strict=True`` refuses to decide on numbers marked ``unverified``; ``strict=Status.VERIFIED`` demands law
    read in the text itself. What depends on a weaker number is UNDECIDED, with the reason. A unit that gives
    its province but no region is assessed in the region the catalogue's table derives, which its results cite.
    Inputs the ruleset does not read are listed in the assessment's ``unused``; with ``strict_inputs=True``
    they are an :class:`~ntp_criteria.InputError` instead. A unit's ``code`` (or ``province``) written in digits
    is an official GSO code and is checked against the code tables on the reference date
    (:mod:`ntp_criteria.catalogue.units`); a code of another level, a malformed one, or one no unit has on that
    date is an :class:`~ntp_criteria.InputError` naming ``$.code``.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    if not isinstance(cat, Catalogue):
        raise InputError("assess()", [Problem("$.catalogue", f"expected a Catalogue, got {shown(cat)}")])
    if not isinstance(strict_inputs, bool):
        raise InputError("assess()", [Problem("$.strict_inputs",
                                              f"expected true or false, got {shown(strict_inputs)}")])
    if ruleset is None:
        family = getattr(type(subject), "default_family", None)
        if not isinstance(family, str) or not isinstance(getattr(subject, "reference_date", None), dt.date):
            raise InputError("assess()", [Problem("$.subject", f"expected a household or a unit, got "
                                                              f"{shown(subject)}")])
        ruleset = _in_force(cat, family, subject.reference_date)
    if isinstance(subject, _Unit):
        code, province = subject.code, subject.province
        # most units give neither code nor province in digits: the tables are read only for those that do
        if (code is not None or province is not None) and (is_official(code) or is_official(province)):
            kind = getattr(type(subject), "kind", "")
            raise_problems(list(code_problems(kind, code, province, subject.reference_date)), type(subject).__name__)
        unused = _unit_inputs(subject, ruleset, cat) if isinstance(ruleset, Ruleset) else ()
    else:
        unused = check_inputs(subject, ruleset, cat) if isinstance(ruleset, Ruleset) else ()
    if strict_inputs and unused:
        raise InputError(type(subject).__name__, [Problem(p.path, f"not used: {p.message}") for p in unused])
    # a unit's own region is never overridden by a derived one (Catalogue.derived_scope): no look-up for it
    derived = () if isinstance(subject, _Unit) and subject.region is not None else cat.derived_scope(subject)
    if strict is False and not derived and not unused:
        return evaluate(subject, ruleset)  # the defaults: no keywords to pack and unpack through the decimal wrapper
    return evaluate(subject, ruleset, strict=strict, derived=derived, unused=unused)


# The ruleset in force by catalogue (by identity, the catalogue kept with it), family and date: a catalogue never
# changes, and a batch assesses many subjects on one date. Started afresh past a bound (many dates, catalogues).
_IN_FORCE: dict[tuple[int, str, type, dt.date], tuple[Catalogue, Ruleset]] = {}


def _in_force(cat: Catalogue, family: str, on: dt.date) -> Ruleset:
    """``cat.in_force(family, on)``, remembered (an error is raised each time, never remembered)."""
    key = (id(cat), family, type(on), on)
    hit = _IN_FORCE.get(key)
    if hit is not None and hit[0] is cat:
        return hit[1]
    found = cat.in_force(family, on)
    if len(_IN_FORCE) >= 4096:
        _IN_FORCE.clear()
    _IN_FORCE[key] = (cat, found)
    return found


def check_inputs(subject: Subject, ruleset: Ruleset, catalogue: Catalogue) -> tuple[Problem, ...]:
    """The inputs of ``subject`` that ``ruleset`` does not read, each with its path and why; raises
    :class:`~ntp_criteria.InputError` for a code no ruleset of the catalogue knows."""
    if isinstance(subject, Household):
        return _household_inputs(subject, ruleset, catalogue)
    if isinstance(subject, _Unit):
        return _unit_inputs(subject, ruleset, catalogue)
    if isinstance(subject, ReviewForm):
        return _form_inputs(subject, ruleset, catalogue)
    return ()


def _form_inputs(form: ReviewForm, ruleset: Ruleset, catalogue: Catalogue) -> tuple[Problem, ...]:
    """A review form's scorecard rows must be rows of its scorecard (a row of another scorecard is an error: it
    would score points the law does not give), one row at most of an item of one choice or of a band; its B2
    codes must be indicators of the set."""
    rows, by_column = _scorecard_rows(ruleset)
    reads = catalogue.codes_read(ruleset)
    column = "urban" if form.area.value == "urban" else (form.region.value if form.region else None)
    # a rural form without a scorecard (no region, or a centrally run city) is checked against every row
    here = by_column.get(column, rows) if column is not None else rows
    marked = form.b1.marked()
    if (marked <= here and reads.issuperset(form.b2_deprived) and reads.issuperset(form.b2_not_deprived)
            and len({row_group(r) for r in marked}) == len(marked)):
        return ()  # the common case: every row on the form's scorecard, one row a group, known B2 codes
    errors: list[Problem] = []
    if form.b1 and not rows:
        return tuple(Problem(f"$.b1.{item}", f"{ruleset.instrument.number} has no scorecard") for item, _ in form.b1)
    for item, item_rows in form.b1:
        for row in sorted(item_rows):
            path = f"$.b1.{item}[{row!r}]"
            if row not in rows:
                errors.append(unknown_code(path, row, rows, "scorecard row"))
            elif row not in here:
                errors.append(Problem(path, f"row {row} is not on the {column} scorecard"))
        by_group: dict[str, list[str]] = {}
        for row in item_rows:
            by_group.setdefault(row_group(row), []).append(row)
        for group, rows_marked in sorted(by_group.items()):
            if len(rows_marked) > 1:
                marks = ", ".join(sorted(rows_marked))
                what = f"item {item} takes one row" if group == item else "these rows are bands of one answer"
                errors.append(Problem(f"$.b1.{item}", f"{what}; marked: {marks}"))
    for field, codes in (("b2_deprived", form.b2_deprived), ("b2_not_deprived", form.b2_not_deprived)):
        errors.extend(unknown_code(f"$.{field}[{code!r}]", code, reads, "indicator code")
                      for code in sorted(codes - reads))
    if errors:
        raise InputError("ReviewForm", errors)
    return ()


_ROWS: dict[int, tuple[Ruleset, frozenset[str], dict[str | None, frozenset[str]]]] = {}


def _scorecard_rows(ruleset: Ruleset) -> tuple[frozenset[str], dict[str | None, frozenset[str]]]:
    """The scorecard rows of a review set, and those of each column (read once per ruleset)."""
    hit = _ROWS.get(id(ruleset))
    if hit is not None and hit[0] is ruleset:
        return hit[1], hit[2]
    by_column: dict[str | None, set[str]] = {}
    for _, ind in ruleset.indicators():
        if ind.measure == "review.score_a":
            for p in ind.parameters:
                column, _, row = p.name.partition("/")
                if row:
                    by_column.setdefault(column, set()).add(row.partition("/")[0])
    rows = frozenset(r for column_rows in by_column.values() for r in column_rows)
    frozen = {column: frozenset(column_rows) for column, column_rows in by_column.items()}
    _ROWS[id(ruleset)] = (ruleset, rows, frozen)
    return rows, frozen

def _household_inputs(hh: Household, ruleset: Ruleset, catalogue: Catalogue) -> tuple[Problem, ...]:
    if not hh.deprived and not hh.not_deprived and hh.deprivation_count is None:
        return ()
    reads = catalogue.codes_read(ruleset)
    if reads.issuperset(hh.deprived) and reads.issuperset(hh.not_deprived) and (
            hh.deprivation_count is None or "deprivation" in reads):
        return ()
    unused: list[Problem] = []
    errors: list[Problem] = []
    for field, codes in (("deprived", hh.deprived), ("not_deprived", hh.not_deprived)):
        for code in sorted(codes - reads):
            path = f"$.{field}[{code!r}]"
            if code in catalogue.codes_of_subject(ruleset.subject):
                unused.append(Problem(path, f"{ruleset.instrument.number} has no indicator {code!r} (another "
                                            "standard's code)"))
            else:
                errors.append(unknown_code(path, code, reads, "indicator code"))
    if hh.deprivation_count is not None and "deprivation" not in reads:
        unused.append(Problem("$.deprivation_count", f"{ruleset.instrument.number} has no deprivation count"))
    if errors:
        raise InputError("Household", errors)
    return tuple(unused)


def _unit_inputs(unit: _Unit, ruleset: Ruleset, catalogue: Catalogue) -> tuple[Problem, ...]:
    _, reads, facts_read = _reads(ruleset)  # catalogue.codes_read and facts_read, in one look-up
    # the common case: every value recorded under a code of this ruleset (its own family), every fact read, and
    # every flag read by some rule (each unit's names checked once per set: Facts.names_within remembers)
    if (unit.default_family == ruleset.family and unit.observations.names_within(reads)
            and unit.facts.names_within(facts_read)
            and (not unit.flags or catalogue.flags_read_anywhere().issuperset(unit.flags))):
        return ()
    unused: list[Problem] = []
    errors: list[Problem] = []
    families = catalogue.families() | catalogue.unencoded_families()
    for name, _ in unit.observations:
        path = f"$.observations[{name!r}]"
        family, sep, code = name.rpartition(":")
        if not sep:
            family = unit.default_family
        elif family not in families:
            errors.append(unknown_code(path, family, families, "ruleset family"))
            continue
        if family == ruleset.family and code in reads:
            continue
        known = catalogue.codes_of_family(family)
        if family == ruleset.family:
            if code in known:
                unused.append(Problem(path, f"{ruleset.instrument.number} has no {code!r} (another period's code)"))
            else:
                errors.append(unknown_code(path, code, reads, f"{family} code"))
        elif not sep and code in reads:
            unused.append(Problem(path, f"{ruleset.family} is assessed, and a bare code counts for the unit's own "
                                        f"family {family}: write '{ruleset.family}:{code}' for this one"))
        elif code in known:
            unused.append(Problem(path, f"{ruleset.family} is assessed; this value is for {family}"))
        else:
            errors.append(unknown_code(path, code, known | (reads if not sep else frozenset()), f"{family} code"))
    for name, _ in unit.facts:
        if name not in facts_read:
            anywhere = name in catalogue.facts_read_anywhere()
            why = ("no criterion of this ruleset reads it" if anywhere else
                   "no ruleset reads a fact of this name" + nearest(name, catalogue.facts_read_anywhere()))
            unused.append(Problem(f"$.facts[{name!r}]", why))
    if unit.flags:
        flags = catalogue.flags_read_anywhere()
        for name in sorted(unit.flags - flags):
            unused.append(Problem(f"$.flags[{name!r}]", "no rule reads a flag of this name" + nearest(name, flags)))
    if errors:
        raise InputError(type(unit).__name__, errors)
    return tuple(unused)
