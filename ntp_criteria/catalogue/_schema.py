"""The schema of a rules data file (one per legal instrument): the raw classes a file is structured into, and
:func:`parse`.

A file holds the instrument, the rulesets it issues, the earlier rulesets it keeps in force for another
period (``extensions``), what it adds to an earlier ruleset from a date (``amendments``), the families that
end or whose successor is not encoded, and the programmes and their links. :func:`parse` structures parsed
TOML into these classes strictly: unknown keys and wrong types (a float where a legal number belongs, a table
cell that is neither a number nor ``NO_VALUE``) are load errors naming the file and the path.

The raw values still hold the file's shorthands (``defaults.source``, ``tables``): :mod:`._build` turns them
into model values, and :mod:`._checks` holds the consistency checks on what it builds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ..core import _convert
from ..core.errors import InputError, Problem, RuleDataError
from ..core.model import Comparator, InstrumentKind, Provenance, Rollup, Scope
from ._programme_schema import RawLink, RawProgramme

SCHEMA_VERSION = 1
SCOPE_DIMENSIONS = ("area", "region", "mekong_delta", "commune_group", "year")
#: the scope dimensions whose values are whole numbers (a table's row keys are strings in TOML)
WHOLE_NUMBER_DIMENSIONS = frozenset({"commune_group", "year"})
#: a table cell: a number (a decimal in a string, or a whole number), or this mark where the law has none
NO_VALUE = "-"

#: a table cell as written
Cell = str | int
#: a table row as written: one cell per column, or a single cell when the table has no columns
Row = tuple[Cell, ...] | Cell


@attrs.frozen
class RawDefaults:
    """What everything below inherits unless it says otherwise; the nearest enclosing ``defaults`` wins."""

    source: Provenance


@attrs.frozen
class RawInstrument:
    """The ``[instrument]`` table: the legal instrument the file encodes."""

    id: str
    number: str
    kind: InstrumentKind
    issuer: str
    signed: dt.date
    title_vi: str
    title_en: str
    source: Provenance
    effective: dt.date | None = None
    amends: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    url: str | None = None


def _scope_of(raw: object) -> Scope:
    """The scope a threshold-like entry names with its scope keys (area, region, …, year)."""
    return Scope.of({d: v for d in SCOPE_DIMENSIONS if (v := getattr(raw, d)) is not None})


@attrs.frozen
class RawThreshold:
    """A threshold with its own source, as a provincial overlay writes it."""

    op: Comparator
    value: Decimal
    unit: str
    source: Provenance
    area: str | None = None
    region: str | None = None
    mekong_delta: str | None = None
    commune_group: int | None = None
    year: int | None = None

    def scope(self) -> Scope:
        return _scope_of(self)


@attrs.frozen
class RawInheritingThreshold:
    """A threshold in a rules file: a legal number for one scope; without a ``source`` of its own it takes
    the nearest enclosing ``defaults.source``."""

    op: Comparator
    value: Decimal
    unit: str
    source: Provenance | None = None
    area: str | None = None
    region: str | None = None
    mekong_delta: str | None = None
    commune_group: int | None = None
    year: int | None = None

    def scope(self) -> Scope:
        return _scope_of(self)


@attrs.frozen
class RawParameter:
    """A legal number or list an indicator's measure uses (an age, an area, the accepted kinds of water)."""

    name: str
    unit: str
    source: Provenance | None = None
    value: Decimal | None = None
    kinds: tuple[str, ...] | None = None


@attrs.frozen
class RawTableSource:
    """The source of some rows, columns or cells of a table, in place of the table's own ``source``: the
    scope keys it gives say which cells."""

    source: Provenance
    area: str | None = None
    region: str | None = None
    mekong_delta: str | None = None
    commune_group: int | None = None
    year: int | None = None

    def scope(self) -> Scope:
        return _scope_of(self)


@attrs.frozen
class RawTable:
    """An indicator's thresholds laid out as the law's table: one row per value of the ``rows`` dimension
    and, with ``columns``, one cell per value in ``header``. Scope keys on the table apply to every cell."""

    op: Comparator
    unit: str
    rows: str
    values: dict[str, Row]
    columns: str | None = None
    header: tuple[Cell, ...] = ()
    source: Provenance | None = None
    sources: tuple[RawTableSource, ...] = ()
    #: text for a source's ``{placeholders}`` that differs cell by cell, laid out like ``values``
    placeholders: dict[str, dict[str, Row]] = attrs.Factory(dict)
    area: str | None = None
    region: str | None = None
    mekong_delta: str | None = None
    commune_group: int | None = None
    year: int | None = None

    def scope(self) -> Scope:
        return _scope_of(self)


@attrs.frozen
class RawParameterRow:
    """A row of a parameter table: the words the law prints for it and one cell per column."""

    label: str
    values: tuple[Cell, ...]


@attrs.frozen
class RawParameterTable:
    """Numbers a measure uses laid out as the law's table (a scorecard's points by region, say): each row, keyed
    by its code, gives its printed words and one cell per ``header`` column; each cell is the parameter named
    ``{column}/{row}``. Its source may use the placeholders ``{row}``, ``{label}``, ``{column}``,
    ``{COLUMN}`` and ``{heading}``."""

    unit: str
    header: tuple[str, ...]
    rows: dict[str, RawParameterRow]
    source: Provenance | None = None
    #: the columns' headings as the law prints them, for the placeholder ``{heading}``
    headings: tuple[str, ...] = ()


@attrs.frozen
class RawIndicator:
    """An indicator (chỉ tiêu): what is measured, its thresholds by scope, and the source of its wording."""

    code: str
    name_vi: str
    name_en: str
    measure: str | None = None
    condition_vi: str = ""
    condition_en: str = ""
    definition: Provenance | None = None
    defaults: RawDefaults | None = None
    parameters: tuple[RawParameter, ...] = ()
    thresholds: tuple[RawInheritingThreshold, ...] = ()
    tables: tuple[RawTable, ...] = ()
    parameter_tables: tuple[RawParameterTable, ...] = ()
    applies_to: dict[str, list[str | int]] = attrs.Factory(dict)


@attrs.frozen
class RawCriterion:
    """A criterion (tiêu chí): its indicators and how their results roll up."""

    code: str
    name_vi: str
    name_en: str
    defaults: RawDefaults | None = None
    indicators: tuple[RawIndicator, ...] = ()
    rollup: Rollup = Rollup.ALL
    count_threshold: RawInheritingThreshold | None = None
    note: str = ""


@attrs.frozen
class RawScopeRule:
    """An exception that assesses some subjects on another dimension value (e.g. on the TDMNPB levels)."""

    dimension: str
    value: str | int
    when_any_flag: tuple[str, ...]
    source: Provenance


@attrs.frozen
class RawRuleset:
    """A ruleset the instrument issues: one family of subjects, one validity period, its criteria."""

    family: str
    subject: str
    title_vi: str
    title_en: str
    cite: str
    valid_from: dt.date
    validity: Provenance
    outcome: str
    criteria: tuple[RawCriterion, ...]
    valid_to: dt.date | None = None
    defaults: RawDefaults | None = None
    dimensions: dict[str, list[str | int]] = attrs.Factory(dict)
    scope_rules: tuple[RawScopeRule, ...] = ()


@attrs.frozen
class RawExtension:
    """A later instrument keeps an earlier instrument's ruleset in force for another period."""

    family: str
    instrument: str
    valid_from: dt.date
    validity: Provenance
    valid_to: dt.date | None = None


@attrs.frozen
class RawAddition:
    """An indicator an amendment adds to a criterion of the earlier ruleset."""

    criterion: str
    indicator: RawIndicator


@attrs.frozen
class RawAmendment:
    """This instrument adds indicators to an earlier instrument's ruleset from a date."""

    family: str
    instrument: str
    in_force_from: dt.date
    source: Provenance
    defaults: RawDefaults | None = None
    add: tuple[RawAddition, ...] = ()
    add_criteria: tuple[RawCriterion, ...] = ()


@attrs.frozen
class FamilyEnd:
    """Families that end for good on a date (the kind of unit they assess no longer exists), and why.

    ``ruleset(family, on)`` on or after ``on`` then says ``reason`` instead of "the latest ruleset was in
    force until …", and the loader refuses any ruleset of those families in force on or after ``on``.
    """

    families: tuple[str, ...]
    on: dt.date
    reason: str
    source: Provenance


@attrs.frozen
class NotEncoded:
    """A known successor of families that this library does not encode (its text was not found), and why.

    ``ruleset(family, on)`` on or after ``on`` then names ``instrument`` and says ``reason`` instead of "the
    latest ruleset was in force until …"; the loader refuses the entry once a ruleset of the family is in
    force on or after ``on`` (the successor is encoded after all: delete the entry). A family with no
    ruleset at all is thereby known to the law but not encoded: ``ruleset()`` says so on every date
    (``until``, the instrument's last day where known, only sharpens the message), not "unknown family".
    """

    families: tuple[str, ...]
    on: dt.date
    instrument: str
    reason: str
    source: Provenance
    until: dt.date | None = None


@attrs.frozen
class RawOverlayThreshold:
    """One ``[[overlay.thresholds]]`` entry as written: the indicator and its provincial threshold."""

    indicator: str
    threshold: RawThreshold


@attrs.frozen
class RawOverlay:
    """One ``[[overlay]]`` table as written: the family it overlays and the thresholds it changes."""

    family: str
    thresholds: tuple[RawOverlayThreshold, ...]


@attrs.frozen
class RawOverlayFile:
    """An overlay file as written: its schema version, the provincial instrument and its overlays."""

    schema: int
    instrument: RawInstrument
    overlay: tuple[RawOverlay, ...]


@attrs.frozen
class RawReplacement:
    """What a pack's number replaces in the package's data: the value it had, and why it changes."""

    value: Decimal
    why: str


@attrs.frozen
class RawFillThreshold(RawInheritingThreshold):
    """A threshold a pack supplies for an indicator; ``replaces`` when the package already has one for the scope
    (a pack never replaces a number silently)."""

    replaces: RawReplacement | None = None


@attrs.frozen
class RawFill:
    """Numbers a pack supplies for an indicator of a ruleset the package has (``family`` as issued by the
    instrument ``instrument``): thresholds for scopes the package decides by a recorded result, or replacements
    of its numbers, written one by one or as a table."""

    family: str
    instrument: str
    indicator: str
    thresholds: tuple[RawFillThreshold, ...] = ()
    tables: tuple[RawTable, ...] = ()
    defaults: RawDefaults | None = None


@attrs.frozen
class RawPackAddition:
    """An indicator a pack adds to a criterion of a ruleset the package has (e.g. to a criterion the package
    records as a whole, when the annex that lists its indicators is at hand)."""

    family: str
    instrument: str
    criterion: str
    indicator: RawIndicator


@attrs.frozen
class RawPack:
    """A rules pack's own name (shown beside every number it supplies) and what it is."""

    name: str
    note: str = ""


@attrs.frozen
class RawFile:
    """A rules file: one legal instrument and what it issues, extends, amends, ends and leaves unencoded; in a
    rules pack, also the numbers and indicators it supplies for the package's rulesets."""

    schema: int
    instrument: RawInstrument | None = None
    pack: RawPack | None = None
    fills: tuple[RawFill, ...] = ()
    additions: tuple[RawPackAddition, ...] = ()
    #: a pack's provincial overlays (its ``[instrument]`` is the provincial decision)
    overlay: tuple[RawOverlay, ...] = ()
    defaults: RawDefaults | None = None
    rulesets: tuple[RawRuleset, ...] = ()
    extensions: tuple[RawExtension, ...] = ()
    amendments: tuple[RawAmendment, ...] = ()
    family_ends: tuple[FamilyEnd, ...] = ()
    not_encoded: tuple[NotEncoded, ...] = ()
    programmes: tuple[RawProgramme, ...] = ()
    links: tuple[RawLink, ...] = ()


def _structure_cell(value: object, path: str, problems: list[Problem]) -> Cell | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        problems.append(Problem(path, (
            f"expected a number (a decimal in a string, or a whole number; never a float) or {NO_VALUE!r}, "
            f"got {value!r}")))
        return None
    return value


def _structure_rows(value: object, _: type) -> dict[str, Row]:
    """A table's rows (``values`` or a placeholder grid), each a list of cells or one cell; problems are pathed
    ``.row[k]`` like the table's other problems."""
    if not isinstance(value, dict):
        raise TypeError(f"expected a table of rows, got {value!r}")
    problems: list[Problem] = []
    rows: dict[str, Row] = {}
    for key, row in value.items():
        if isinstance(row, list | tuple):
            cells = [_structure_cell(cell, f"$.{key}[{k}]", problems) for k, cell in enumerate(row)]
            rows[key] = tuple(c for c in cells if c is not None)
        elif (cell := _structure_cell(row, f"$.{key}", problems)) is not None:
            rows[key] = cell
    if problems:
        raise InputError("a table", problems)
    return rows


def _structure_grids(value: object, _: type) -> dict[str, dict[str, Row]]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a table of grids, got {value!r}")
    problems: list[Problem] = []
    grids: dict[str, dict[str, Row]] = {}
    for name, rows in value.items():
        try:
            grids[name] = _structure_rows(rows, dict)
        except InputError as exc:
            problems.extend(Problem(f"$.{name}{p.path[1:]}", p.message) for p in exc.problems)
        except TypeError as exc:
            problems.append(Problem(f"$.{name}", str(exc)))
    if problems:
        raise InputError("a table", problems)
    return grids


_convert.CONVERTER.register_structure_hook_func(lambda t: t == dict[str, Row], _structure_rows)
_convert.CONVERTER.register_structure_hook_func(lambda t: t == dict[str, dict[str, Row]], _structure_grids)


def parse(file: str, data: object) -> RawFile:
    """Structure parsed TOML into the raw schema; errors name the file and each path."""
    try:
        raw = _convert.structure(data, RawFile, file)
    except InputError as exc:
        raise RuleDataError(file, exc.problems) from None
    if raw.schema != SCHEMA_VERSION:
        raise RuleDataError(file, [Problem("$.schema", f"schema {raw.schema} is not {SCHEMA_VERSION}")])
    issues = (raw.rulesets or raw.extensions or raw.amendments or raw.family_ends or raw.not_encoded
              or raw.programmes or raw.links)
    if raw.instrument is None and issues:
        raise RuleDataError(file, [Problem("$.instrument", "required: a file that issues, extends, amends or ends "
                                                           "rules names its legal instrument")])
    if raw.instrument is None and raw.overlay:
        raise RuleDataError(file, [Problem("$.instrument", "required: an overlay names the provincial decision")])
    if raw.instrument is None and not (raw.fills or raw.additions):
        raise RuleDataError(file, [Problem("$", "nothing here: give an [instrument] and what it issues, or a "
                                                "pack's [[fills]] or [[additions]]")])
    return raw
