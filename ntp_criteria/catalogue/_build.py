"""Model values built from a rules file's raw ones: instruments, rulesets, criteria, indicators, thresholds.

Two shorthands keep a file close to the law's own layout (docs/rules-data.md); they are resolved here:

- ``defaults.source`` (on the file, a ruleset, a criterion, an amendment or an indicator) is the source of
  every threshold, parameter and definition below it that gives none of its own; the nearest one wins
  (:class:`Inherited`).
- ``tables`` lay an indicator's thresholds out as the law's table (rows × columns, e.g. region × year); they
  expand to exactly the thresholds written one by one, row by row (:func:`table_thresholds`).

An inherited source may hold ``{placeholders}`` filled for each value (``{code}``, ``{region}``, ``{YEAR}``
…), so one line can cite every cell of a table by its row and column. A number that ends up with no source
at all, an unknown measure or outcome rule, and a table that does not fit the ruleset's declared dimensions
are problems naming the path; the builders collect them and the loader raises them with the file's name.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal

import attrs

from ..core import _convert
from ..core.errors import Problem
from ..core.model import (
    Criterion,
    Dimension,
    Indicator,
    LegalInstrument,
    Parameter,
    Provenance,
    Ruleset,
    Scope,
    ScopeRule,
    ScopeValue,
    Threshold,
)
from ..engine import is_known_measure
from ._checks import outcome_problems
from ._schema import (
    NO_VALUE,
    SCOPE_DIMENSIONS,
    WHOLE_NUMBER_DIMENSIONS,
    Cell,
    RawCriterion,
    RawDefaults,
    RawIndicator,
    RawInheritingThreshold,
    RawInstrument,
    RawParameter,
    RawParameterTable,
    RawRuleset,
    RawTable,
    RawThreshold,
    Row,
)


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
    for k, ptable in enumerate(raw.parameter_tables):
        params.extend(table_parameters(ptable, f"{path}.parameter_tables[{k}]", raw.code, inherited, problems))
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
        return int(written) if written.isascii() and written.isdecimal() else None
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


def table_parameters(table: RawParameterTable, path: str, code: str, inherited: Inherited,
                     problems: list[Problem]) -> list[Parameter | None]:
    """The parameters a parameter table lays out, row by row and, within a row, in the order of its header: the
    cell of row ``r`` and column ``c`` is the parameter ``c/r``; a ``NO_VALUE`` cell is none."""
    out: list[Parameter | None] = []
    if len(set(table.header)) != len(table.header):
        problems.append(Problem(f"{path}.header", "a column is named twice"))
        return out
    if table.headings and len(table.headings) != len(table.header):
        problems.append(Problem(f"{path}.headings", f"{len(table.headings)} headings for {len(table.header)} columns"))
        return out
    headings = table.headings or table.header
    if table.source is not None:
        inherited = attrs.evolve(inherited, source=table.source, origin=f"{path}.source")
    for row, entry in table.rows.items():
        where = f"{path}.rows.{row}"
        if len(entry.values) != len(table.header):
            problems.append(Problem(f"{where}.values", (
                f"{len(entry.values)} cells for {len(table.header)} columns ({', '.join(table.header)}); write "
                f"{NO_VALUE!r} for a cell the law leaves empty")))
            continue
        for j, (column, cell) in enumerate(zip(table.header, entry.values, strict=True)):
            if cell == NO_VALUE:
                continue
            try:
                number = _convert.CONVERTER.structure(cell, Decimal)
            except (TypeError, ValueError) as exc:
                problems.append(Problem(f"{where}.values[{j}]", f"{exc} (or {NO_VALUE!r} for no value)"))
                continue
            fields = {"code": code, "row": row, "label": entry.label, "column": column, "COLUMN": column.upper(),
                      "heading": headings[j]}
            source = _source_of(None, inherited, fields, f"{where}.values[{j}]", problems)
            if source is not None:
                out.append(Parameter(f"{column}/{row}", number, table.unit, source))
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
    codes = {c.code for c in criteria} | {i.code for c in criteria for i in c.indicators}
    problems += outcome_problems(raw.outcome, codes, f"{path}.outcome")
    rs = Ruleset(
        family=raw.family, subject=raw.subject, instrument=instrument, valid_from=raw.valid_from,
        valid_to=raw.valid_to, validity=raw.validity, title_vi=raw.title_vi, title_en=raw.title_en,
        cite=raw.cite, outcome=raw.outcome,
        dimensions=tuple(Dimension(k, tuple(v)) for k, v in raw.dimensions.items()),
        criteria=tuple(criteria),
        scope_rules=tuple(ScopeRule(r.dimension, r.value, r.when_any_flag, r.source) for r in raw.scope_rules),
    )
    return rs, list(dict.fromkeys(problems))  # a broken default is reported once, not for every value
