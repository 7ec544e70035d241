"""The schema of a rules data file (one per legal instrument) and its checks.

A file holds the instrument, the rulesets it issues, the earlier rulesets it keeps in force for another
period (``extensions``) and what it adds to an earlier ruleset from a date (``amendments``). Every check
here is a load error naming the file and the path: unknown keys, wrong types, a number without a source,
thresholds that leave a scope uncovered or cover it twice, unknown measures or outcome rules.

Two shorthands keep a file close to the law's own layout (docs/rules-data.md):

- ``defaults.source`` (on the file, a ruleset, a criterion, an amendment or an indicator) is the source of
  every threshold, parameter and definition below it that gives none of its own; the nearest one wins.
- ``tables`` lay an indicator's thresholds out as the law's table (rows × columns, e.g. region × year); they
  expand to exactly the thresholds written one by one, row by row.

An inherited source may hold ``{placeholders}`` filled for each value (``{code}``, ``{region}``, ``{YEAR}``
…), so one line can cite every cell of a table by its row and column. A number that ends up with no source
at all is still a load error.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from ..core import _convert
from ..core.errors import InputError, Problem, RuleDataError
from ..core.model import (
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
    ScopeValue,
    Threshold,
)
from ..engine import is_known_measure, known_outcome_rules, outcome_rule_named
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
class RawFile:
    """A rules file: one legal instrument and what it issues, extends, amends, ends and leaves unencoded."""

    schema: int
    instrument: RawInstrument
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
    return raw


def instrument_of(raw: RawInstrument) -> LegalInstrument:
    return LegalInstrument(
        id=raw.id, number=raw.number, kind=raw.kind, issuer=raw.issuer, signed=raw.signed,
        effective=raw.effective, title_vi=raw.title_vi, title_en=raw.title_en, provenance=raw.source,
        amends=raw.amends, supersedes=raw.supersedes, url=raw.url,
    )


@attrs.frozen
class Inherited:
    """What a value takes from the tables around it: the nearest default source (and the path where it is
    stated, for messages) and the dimension values its ruleset declares (a table's rows must be among them)."""

    source: Provenance | None = None
    origin: str = ""
    declared: Mapping[str, tuple[ScopeValue, ...]] = attrs.field(factory=dict)

    def within(self, defaults: RawDefaults | None, path: str) -> Inherited:
        """What the values inside a table at ``path`` with these ``defaults`` inherit: its default, if any."""
        if defaults is None:
            return self
        return attrs.evolve(self, source=defaults.source, origin=f"{path}.defaults.source")


_PLACEHOLDER_PARSER = string.Formatter()


def _filled(template: Provenance, fields: Mapping[str, str], origin: str, path: str,
            problems: list[Problem]) -> Provenance | None:
    """An inherited source with its ``{placeholders}`` filled for the value at ``path``."""
    texts: dict[str, str] = {}
    for key in ("cite", "note"):
        text: str | None = getattr(template, key)
        if text is None or ("{" not in text and "}" not in text):
            continue
        try:
            parts = list(_PLACEHOLDER_PARSER.parse(text))
        except ValueError as exc:
            problems.append(Problem(f"{origin}.{key}", f"{exc}; write {{{{ or }}}} for a literal brace"))
            return None
        out: list[str] = []
        for literal, name, spec, conversion in parts:
            out.append(literal)
            if name is None:
                continue
            if spec or conversion or name not in fields:
                written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                known = ", ".join(f"{{{f}}}" for f in fields)
                problems.append(Problem(path, (
                    f"the source it inherits ({origin}) has the placeholder {{{written}}}, which has no value here "
                    f"(placeholders here: {known})")))
                return None
            out.append(fields[name])
        texts[key] = "".join(out)
    if not texts:
        return template
    return attrs.evolve(template, cite=texts.get("cite", template.cite), note=texts.get("note", template.note))


def _source_of(own: Provenance | None, inherited: Inherited, fields: Mapping[str, str], path: str,
               problems: list[Problem]) -> Provenance | None:
    """A value's own source, else the inherited one filled in for it; None (and a problem) when it has neither."""
    if own is not None:
        return own
    if inherited.source is None:
        problems.append(Problem(path, (
            "required: every legal number needs a source, and there is neither one here nor a 'defaults.source' "
            "(or a table's 'source') above it")))
        return None
    return _filled(inherited.source, fields, inherited.origin, path, problems)


def _fields(code: str, scope: Scope | None = None) -> dict[str, str]:
    """The placeholders a value fills: the code of its indicator, and each scope value as written and in
    capitals (the rules cite regions as TDMNPB, DBSH …)."""
    fields = {"code": code}
    for name, value in scope or ():
        fields[name] = str(value)
        fields[name.upper()] = str(value).upper()
    return fields


def _parameter(raw: RawParameter, path: str, code: str, inherited: Inherited,
               problems: list[Problem]) -> Parameter | None:
    source = _source_of(raw.source, inherited, _fields(code), f"{path}.source", problems)
    if (raw.value is None) == (raw.kinds is None):
        problems.append(Problem(path, "a parameter has exactly one of 'value' (a number) or 'kinds' (a list)"))
        return None
    if source is None:
        return None
    value: Decimal | tuple[str, ...] = raw.value if raw.value is not None else tuple(raw.kinds or ())
    return Parameter(raw.name, value, raw.unit, source)


def _threshold(raw: RawInheritingThreshold, path: str, code: str, inherited: Inherited,
               problems: list[Problem]) -> Threshold | None:
    scope = raw.scope()
    source = _source_of(raw.source, inherited, _fields(code, scope), f"{path}.source", problems)
    if source is None:
        return None
    return Threshold(op=raw.op, value=raw.value, unit=raw.unit, provenance=source, scope=scope)


def indicator_of(raw: RawIndicator, path: str, problems: list[Problem],
                 inherited: Inherited | None = None) -> Indicator:
    """The indicator, its thresholds (written one by one, then each table's, row by row) and parameters, each
    with its own source or the one it inherits."""
    inherited = (inherited or Inherited()).within(raw.defaults, path)
    if raw.measure is not None and not is_known_measure(raw.measure):
        problems.append(Problem(f"{path}.measure", f"unknown measure {raw.measure!r}"))
    params = [_parameter(p, f"{path}.parameters[{k}]", raw.code, inherited, problems)
              for k, p in enumerate(raw.parameters)]
    thresholds = [_threshold(t, f"{path}.thresholds[{k}]", raw.code, inherited, problems)
                  for k, t in enumerate(raw.thresholds)]
    for k, table in enumerate(raw.tables):
        thresholds.extend(table_thresholds(table, f"{path}.tables[{k}]", raw.code, inherited, problems))
    definition = raw.definition
    if definition is None and inherited.source is not None:
        definition = _filled(inherited.source, _fields(raw.code), inherited.origin, f"{path}.definition", problems)
    return Indicator(
        code=raw.code, name_vi=raw.name_vi, name_en=raw.name_en,
        thresholds=tuple(t for t in thresholds if t is not None),
        measure=raw.measure, parameters=tuple(p for p in params if p is not None),
        condition_vi=raw.condition_vi, condition_en=raw.condition_en, definition=definition,
        applies_to=tuple(Dimension(k, tuple(v)) for k, v in raw.applies_to.items()),
    )


def _dimension_value(dimension: str, written: str | int) -> ScopeValue | None:
    """A row key or header value as the dimension holds it (a year is a whole number, a region a string)."""
    if dimension in WHOLE_NUMBER_DIMENSIONS:
        if isinstance(written, int):
            return written
        return int(written) if written.isdecimal() else None
    return written if isinstance(written, str) else None


def _declared(dimension: str, written: str | int, inherited: Inherited, path: str,
              problems: list[Problem]) -> ScopeValue | None:
    """``written`` as a value the ruleset declares for ``dimension``; None (and a problem at ``path``) if not."""
    value = _dimension_value(dimension, written)
    if value is None:
        kind = "a whole number" if dimension in WHOLE_NUMBER_DIMENSIONS else "a string"
        problems.append(Problem(path, f"{written!r} is not a {dimension} value ({kind})"))
    elif dimension not in inherited.declared:
        problems.append(Problem(path, f"the ruleset declares no {dimension!r} dimension"))
    elif value not in inherited.declared[dimension]:
        problems.append(Problem(path, f"{value!r} is not among the declared {dimension} values "
                                      f"{list(inherited.declared[dimension])}"))
    else:
        return value
    return None


@attrs.frozen
class _Layout:
    """A table's checked frame: the column values in header order (none without columns), and the cells of
    each row and of each placeholder's grid, by row key as written."""

    columns: tuple[ScopeValue, ...] | None
    values: dict[str, tuple[Cell, ...]]
    placeholders: dict[str, dict[str, tuple[Cell, ...]]]


def _layout(table: RawTable, path: str, inherited: Inherited, problems: list[Problem]) -> _Layout | None:
    """The table's frame, or None (and problems) when its dimensions, header or row shapes are wrong."""
    before = len(problems)
    for key, dim in (("rows", table.rows), ("columns", table.columns)):
        if dim is not None and dim not in SCOPE_DIMENSIONS:
            problems.append(Problem(f"{path}.{key}", f"unknown dimension {dim!r}; known: {list(SCOPE_DIMENSIONS)}"))
        elif dim is not None and table.scope().get(dim) is not None:
            problems.append(Problem(f"{path}.{dim}", f"the table's {key} are {dim} values: a fixed {dim} contradicts"))
    if table.columns is not None and table.columns == table.rows:
        problems.append(Problem(f"{path}.columns", "rows and columns need two different dimensions"))
    if (table.columns is None) != (not table.header):
        problems.append(Problem(f"{path}.header", "a table has a header (its column values) just when it has columns"))
    for name, fixed in table.scope():
        _declared(name, fixed, inherited, f"{path}.{name}", problems)
    columns: list[ScopeValue] = []
    for j, written in enumerate(table.header if table.columns is not None else ()):
        column = _declared(table.columns or "", written, inherited, f"{path}.header[{j}]", problems)
        if column is not None and column in columns:
            problems.append(Problem(f"{path}.header[{j}]", f"{column!r} is a column twice"))
        if column is not None:
            columns.append(column)
    if len(problems) > before:
        return None
    header = f"{table.columns}: {', '.join(map(str, table.header))}"
    width = len(columns) if table.columns is not None else None

    def grid(rows: Mapping[str, Row], where: str) -> dict[str, tuple[Cell, ...]]:
        out: dict[str, tuple[Cell, ...]] = {}
        for key, row in rows.items():
            if width is None and isinstance(row, tuple):
                problems.append(Problem(f"{where}.{key}", "the table has no columns: give each row one value"))
            elif width is not None and not isinstance(row, tuple):
                problems.append(Problem(f"{where}.{key}", f"expected a list of {width} cells ({header})"))
            elif isinstance(row, tuple) and len(row) != width:
                problems.append(Problem(f"{where}.{key}", (
                    f"{len(row)} cells for {width} columns ({header}); write {NO_VALUE!r} for a cell the law leaves "
                    "empty")))
            else:
                out[key] = row if isinstance(row, tuple) else (row,)
        return out

    placeholders = {name: grid(rows, f"{path}.placeholders.{name}") for name, rows in table.placeholders.items()}
    problems.extend(Problem(f"{path}.placeholders.{name}.{key}", "no such row in the table's values")
                    for name, rows in table.placeholders.items() for key in rows if key not in table.values)
    layout = _Layout(tuple(columns) if table.columns is not None else None, grid(table.values, f"{path}.values"),
                     placeholders)
    return layout if len(problems) == before else None


def _cell_source(table: RawTable, point: Mapping[str, ScopeValue], fields: Mapping[str, str], path: str, where: str,
                 inherited: Inherited, used: set[int], problems: list[Problem]) -> Provenance | None:
    """A cell's source: the one ``sources`` entry naming it, else the table's ``source``, else the inherited one;
    placeholders filled for the cell."""
    naming = [k for k, entry in enumerate(table.sources) if entry.scope().items and entry.scope().matches(point)]
    if len(naming) > 1:
        problems.append(Problem(where, "its source is given by " + " and ".join(f"{path}.sources[{k}]" for k in naming)
                                       + "; give it once"))
        return None
    if naming:
        used.add(naming[0])
        return _filled(table.sources[naming[0]].source, fields, f"{path}.sources[{naming[0]}].source", where, problems)
    if table.source is not None:
        inherited = attrs.evolve(inherited, source=table.source, origin=f"{path}.source")
    return _source_of(None, inherited, fields, where, problems)


def table_thresholds(table: RawTable, path: str, code: str, inherited: Inherited,
                     problems: list[Problem]) -> list[Threshold]:
    """The thresholds a table lays out, row by row and, within a row, in the order of its header: the same
    thresholds, in the same order, as writing each cell as a ``[[thresholds]]`` entry."""
    layout = _layout(table, path, inherited, problems)
    if layout is None:
        return []
    problems.extend(Problem(f"{path}.sources[{k}]", "names no row, column or cell: give its scope keys")
                    for k, entry in enumerate(table.sources) if not entry.scope().items)
    used: set[int] = set()
    out: list[Threshold] = []
    for key, cells in layout.values.items():
        row_value = _declared(table.rows, key, inherited, f"{path}.values.{key}", problems)
        if row_value is None:
            continue
        for j, cell in enumerate(cells):
            where = f"{path}.values.{key}" + (f"[{j}]" if layout.columns is not None else "")
            if cell == NO_VALUE:
                continue
            try:
                number = _convert.CONVERTER.structure(cell, Decimal)
            except (TypeError, ValueError) as exc:
                problems.append(Problem(where, f"{exc} (or {NO_VALUE!r} for no value)"))
                continue
            point: dict[str, ScopeValue] = {**dict(table.scope().items), table.rows: row_value}
            if table.columns is not None and layout.columns is not None:
                point[table.columns] = layout.columns[j]
            fields = _fields(code, Scope.of(point))
            fields.update({name: str(rows[key][j]) for name, rows in layout.placeholders.items() if key in rows})
            source = _cell_source(table, point, fields, path, where, inherited, used, problems)
            if source is not None:
                out.append(Threshold(op=table.op, value=number, unit=table.unit, provenance=source,
                                     scope=Scope.of(point)))
    problems.extend(Problem(f"{path}.sources[{k}]", "matches no cell of the table")
                    for k, entry in enumerate(table.sources) if entry.scope().items and k not in used)
    return out


def threshold_of(raw: RawThreshold) -> Threshold:
    """A threshold with its own source (an overlay's)."""
    return Threshold(op=raw.op, value=raw.value, unit=raw.unit, provenance=raw.source, scope=raw.scope())


def criterion_of(rc: RawCriterion, cpath: str, problems: list[Problem], inherited: Inherited | None = None
                 ) -> Criterion:
    """The criterion and its indicators; its count cut-off, like any number, may inherit its source."""
    inherited = (inherited or Inherited()).within(rc.defaults, cpath)
    inds = tuple(indicator_of(ri, f"{cpath}.indicators[{ii}]", problems, inherited)
                 for ii, ri in enumerate(rc.indicators))
    cut = None
    if rc.count_threshold is not None:
        cut = _threshold(rc.count_threshold, f"{cpath}.count_threshold", rc.code, inherited, problems)
    return Criterion(rc.code, rc.name_vi, rc.name_en, inds, rc.rollup, cut, rc.note)


def ruleset_of(raw: RawRuleset, instrument: LegalInstrument, path: str, inherited: Inherited | None = None
               ) -> tuple[Ruleset, list[Problem]]:
    """The ruleset and the problems found building it; ``inherited`` holds the file's ``defaults``."""
    problems: list[Problem] = []
    inherited = attrs.evolve((inherited or Inherited()).within(raw.defaults, path),
                             declared={k: tuple(v) for k, v in raw.dimensions.items()})
    criteria = [criterion_of(rc, f"{path}.criteria[{ci}]", problems, inherited) for ci, rc in enumerate(raw.criteria)]
    if raw.outcome not in known_outcome_rules():
        problems.append(Problem(f"{path}.outcome", f"unknown outcome rule {raw.outcome!r}"))
    else:
        codes = {c.code for c in criteria} | {i.code for c in criteria for i in c.indicators}
        lacking = [code for code in outcome_rule_named(raw.outcome).reads if code not in codes]
        if lacking:
            problems.append(Problem(f"{path}.outcome", (
                f"the outcome rule {raw.outcome!r} reads {', '.join(map(repr, lacking))}, which this ruleset does "
                "not define (a criterion or indicator code renamed or missing?)")))
    rs = Ruleset(
        family=raw.family, subject=raw.subject, instrument=instrument, valid_from=raw.valid_from,
        valid_to=raw.valid_to, validity=raw.validity, title_vi=raw.title_vi, title_en=raw.title_en,
        cite=raw.cite, outcome=raw.outcome,
        dimensions=tuple(Dimension(k, tuple(v)) for k, v in raw.dimensions.items()),
        criteria=tuple(criteria),
        scope_rules=tuple(ScopeRule(r.dimension, r.value, r.when_any_flag, r.source) for r in raw.scope_rules),
    )
    return rs, list(dict.fromkeys(problems))  # a broken default is reported once, not for every value


def check_ruleset(rs: Ruleset, path: str) -> list[Problem]:
    """Structure checks that hold for every ruleset, whatever its law."""
    problems: list[Problem] = []
    if rs.valid_to is not None and rs.valid_to < rs.valid_from:
        problems.append(Problem(f"{path}.valid_to", f"{rs.valid_to} is before valid_from {rs.valid_from}"))
    declared = {d.name: d.values for d in rs.dimensions}
    for k, rule in enumerate(rs.scope_rules):
        if rule.dimension not in declared or rule.value not in declared[rule.dimension]:
            problems.append(Problem(f"{path}.scope_rules[{k}]",
                                    f"{rule.dimension}={rule.value!r} is not a declared dimension value"))
    for name in declared:
        if name not in SCOPE_DIMENSIONS:
            problems.append(Problem(f"{path}.dimensions.{name}", f"unknown dimension; known: {SCOPE_DIMENSIONS}"))
    if "year" in declared and rs.valid_to is not None:
        in_force = set(range(rs.valid_from.year, rs.valid_to.year + 1))
        gap = sorted(in_force - set(declared["year"]))
        if gap:
            problems.append(Problem(f"{path}.dimensions.year", f"years in force but not declared: {gap}"))

    codes: set[str] = set()
    for ci, c in enumerate(rs.criteria):
        cpath = f"{path}.criteria[{ci}]"
        for code, where in [(c.code, cpath), *((i.code, f"{cpath}.indicators[{k}]") for k, i in
                                               enumerate(c.indicators))]:
            if code in codes:
                problems.append(Problem(f"{where}.code", f"code {code!r} used twice"))
            codes.add(code)
        if (c.rollup is Rollup.COUNT) != (c.count_threshold is not None):
            problems.append(Problem(f"{cpath}.count_threshold",
                                    "a 'count' roll-up needs a count_threshold, and only it may have one"))
        for ii, ind in enumerate(c.indicators):
            ipath = f"{cpath}.indicators[{ii}]"
            needed = dict(declared)
            for d in ind.applies_to:  # the coverage a test needs is only where the law has it
                unknown = [x for x in d.values if d.name not in declared or x not in declared[d.name]]
                if unknown:
                    problems.append(Problem(f"{ipath}.applies_to.{d.name}", f"values not declared: {unknown}"))
                needed[d.name] = d.values
            problems.extend(_coverage(ind.thresholds, needed, f"{ipath}.thresholds"))
    return problems


def _coverage(
    thresholds: Iterable[Threshold], declared: dict[str, tuple[ScopeValue, ...]], path: str
) -> list[Problem]:
    """Each combination of the dimensions the thresholds use is matched by exactly one threshold."""
    ts = list(thresholds)
    if not ts:
        return []
    problems: list[Problem] = []
    used = sorted(set().union(*(t.scope.dimensions() for t in ts)))
    for k, t in enumerate(ts):
        for name, value in t.scope:
            if name not in declared:
                problems.append(Problem(f"{path}[{k}].{name}", "dimension not declared by the ruleset"))
            elif value not in declared[name]:
                problems.append(Problem(f"{path}[{k}].{name}",
                                        f"{value!r} is not among the declared values {list(declared[name])}"))
    if problems:
        return problems
    for combo in itertools.product(*(declared[d] for d in used)):
        point = dict(zip(used, combo, strict=True))
        n = sum(1 for t in ts if t.scope.matches(point))
        where = ", ".join(f"{k}={v!r}" for k, v in point.items())
        if n == 0:
            problems.append(Problem(path, f"no threshold for {where} (declared {', '.join(used)})"))
        elif n > 1:
            problems.append(Problem(path, f"{n} thresholds apply to {where}; the law allows one"))
    return problems


def check_family_periods(rulesets: Iterable[tuple[Ruleset, str]]) -> list[tuple[str, Problem]]:
    """Validity periods of one family never overlap; returns (file, problem) pairs."""
    out: list[tuple[str, Problem]] = []
    by_family: dict[str, list[tuple[Ruleset, str]]] = {}
    for rs, file in rulesets:
        by_family.setdefault(rs.family, []).append((rs, file))
    for family, items in by_family.items():
        items.sort(key=lambda x: x[0].valid_from)
        for (a, fa), (b, fb) in itertools.pairwise(items):
            if a.valid_to is None or a.valid_to >= b.valid_from:
                out.append((fb, Problem("$", (
                    f"{family}: {b.instrument.number} from {b.valid_from} overlaps "
                    f"{a.instrument.number} ({a.period}, {fa}); two rulesets in force on one day is an error"))))
    return out


def check_family_ends(ends: Iterable[tuple[FamilyEnd | NotEncoded, str, str]], rulesets: Iterable[Ruleset]
                      ) -> list[tuple[str, Problem]]:
    """Each family ends (or stops being encoded) at most once, names a known family, and has no ruleset in
    force on or after that date; ``ends`` holds (entry, file, path) triples. Returns (file, problem) pairs."""
    by_family: dict[str, list[Ruleset]] = {}
    for rs in rulesets:
        by_family.setdefault(rs.family, []).append(rs)
    out: list[tuple[str, Problem]] = []
    seen: set[str] = set()
    for end, file, path in ends:
        what = ("the successor is encoded: delete this entry" if isinstance(end, NotEncoded)
                else "the family's end")
        if isinstance(end, NotEncoded) and end.until is not None and end.until < end.on:
            out.append((file, Problem(f"{path}.until", f"{end.until.isoformat()} is before on = {end.on.isoformat()}")))
        for family in end.families:
            if family in seen:
                out.append((file, Problem(f"{path}.families", f"{family!r} is given an end twice")))
            seen.add(family)
            if family not in by_family and not isinstance(end, NotEncoded):
                out.append((file, Problem(f"{path}.families", f"no ruleset of family {family!r}")))
            late = [rs for rs in by_family.get(family, []) if rs.valid_to is None or rs.valid_to >= end.on]
            out.extend((file, Problem(f"{path}.on", (
                f"{family}: {rs.instrument.number} ({rs.period}) is in force on or after "
                f"{end.on.isoformat()}, {what}"))) for rs in late)
    return out
