"""Batches of subjects as text: JSON, JSON Lines or CSV in, JSON or CSV results out, one row at a time.

JSON input is a payload, a list of payloads, a subject object, or a list of them; JSON Lines (``jsonl``) holds
one of those objects a line and is read line by line. Household CSV has one household per row with the
columns of :data:`CSV_COLUMNS` (codes in ``deprived`` / ``not_deprived`` separated by ``;``). Commune and
village CSV has :data:`UNIT_COLUMNS` plus any ``fact:<name>`` and ``obs:<code>`` columns (``true`` /
``false``, whole numbers, or decimals). An empty cell is a fact not recorded. A UTF-8 byte-order mark (what
Excel writes) is accepted.

:func:`read_subjects` streams: it yields each row's subject, or the row's problems with their paths
(``$[3].area``), so one bad row never stops the others; :class:`ResultWriter` writes each result as it comes.
:meth:`BatchAssessor.summaries` gives each row's summary record as it reads the rows (the ``assess`` command's
loop): a household CSV row is summarised from its cells, with the record of an earlier row that differs only in
its id and its income on the same side of every line, and no :class:`~ntp_criteria.Household` built.
Memory stays flat in the number of rows (JSON arrays apart, which are read whole: use JSON Lines). What makes
the whole input unreadable (unknown or repeated columns, text that is not JSON) raises
:class:`~ntp_criteria.InputError` at once. :func:`parse_subjects` and :func:`render_assessments` are the
same for a whole text at once, for callers that hold it in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json as _stdlib_json
import operator
from collections.abc import Callable, Hashable, Iterable, Iterator
from decimal import Decimal
from typing import Any, TextIO

import attrs

from ..catalogue import Catalogue, assess, default_catalogue
from ..core._validate import number_from_text, shown
from ..core.dates import DATE_FORMS, parse_day
from ..core.errors import CriteriaError, InputError, Problem
from ..core.forms import FarmIncomeSurvey, QuickIdentification, ReviewForm
from ..core.model import Comparator, Ruleset, Status
from ..core.places import Commune, District, Province, Village
from ..core.results import Assessment
from ..core.subjects import Household
from ..families.ntm.districts import basic_family
from ..families.poverty.equivalence import INCOME_MEASURE, outcome_key
from . import json as ntp_json
from .json import SCHEMA_VERSION, strict_json
from .records import RECORD_FIELDS, csv_cells, error_record, full_record, record, worded_record

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "KINDS",
    "LIST_COLUMNS",
    "RESULTS_TYPE",
    "SUMMARY_FIELDS",
    "UNIT_COLUMNS",
    "BatchAssessor",
    "ResultWriter",
    "Row",
    "check_household_columns",
    "parse_households",
    "parse_subjects",
    "read_subjects",
    "render_assessments",
    "strict_json",
    "summary",
]

#: the subject kinds a batch may hold
KINDS: dict[str, type] = {"household": Household, "commune": Commune, "village": Village, "district": District,
                          "province": Province, "review_form": ReviewForm,
                          "quick_identification": QuickIdentification, "farm_income_survey": FarmIncomeSurvey}
#: the kinds whose forms are nested (scorecard rows by item, survey lines): JSON and JSON Lines only
_NESTED = frozenset({"review_form", "quick_identification", "farm_income_survey"})
#: the input formats: ``json`` (read whole), ``jsonl`` (a JSON object a line, streamed) and ``csv`` (streamed)
FORMATS = ("json", "jsonl", "csv")
#: the columns of a commune or village CSV, besides its ``fact:<name>`` and ``obs:<code>`` columns
UNIT_COLUMNS = ("name", "code", "province", "region", "reference_date", "flags", "valid_from", "valid_to")

#: the columns of a household CSV: income, and the deprivations as a count or as lists of indicator codes
CSV_COLUMNS = ("id", "area", "reference_date", "monthly_income_per_capita", "deprivation_count", "deprived",
               "not_deprived")
#: the columns of a result row: the outcome and what it rests on, the inputs not used, and the row's error (see
#: :mod:`ntp_criteria.io.records`)
SUMMARY_FIELDS = RECORD_FIELDS
#: household columns holding lists of indicator codes
LIST_COLUMNS = ("deprived", "not_deprived")
_BOM = "\ufeff"


@attrs.frozen
class Row:
    """One row of a batch: its number (1 for the first subject) and either its subject or its problems; from
    :meth:`BatchAssessor.summaries`, a row assessed has its summary ``record`` instead of its subject."""

    number: int
    subject: Any = None
    error: InputError | None = None
    record: dict[str, Any] | None = None
    #: the row's place in the input (``$[4]``, or ``$`` for a lone JSON object), the root of its problems' paths
    where: str = "$"


def check_household_columns(names: Iterable[str], what: str = "households") -> None:
    """Every column is a household column, named once, and the required ones are there (shared by CSV and
    DataFrames)."""
    names = list(names)
    unknown = [c for c in names if c not in CSV_COLUMNS]
    missing = [c for c in ("area", "reference_date") if c not in names]
    twice = sorted({c for c in names if names.count(c) > 1})
    if unknown or missing or twice:
        raise InputError(what, [Problem(f"$.columns.{c}", "unknown column") for c in unknown]
                         + [Problem(f"$.columns.{c}", "required column missing") for c in missing]
                         + [Problem(f"$.columns.{c}", "column given twice (which value counts?)") for c in twice])


def _prefixed(exc: InputError, prefix: str) -> list[Problem]:
    return [Problem(prefix + p.path[1:], p.message) for p in exc.problems]


# --- JSON ------------------------------------------------------------------------------------------------------

def _subject_of(item: Any, cls: type, where: str) -> Any:
    if isinstance(item, dict) and "schema_version" in item:
        return ntp_json.from_payload(item, cls)
    return ntp_json.structure(item, cls)


def _json_rows(text: str, cls: type) -> Iterator[Row]:
    data = strict_json(text)
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        where = f"$[{i}]" if isinstance(data, list) else "$"
        try:
            yield Row(i + 1, _subject_of(item, cls, where), where=where)
        except InputError as exc:
            yield Row(i + 1, error=InputError(exc.what, _prefixed(exc, where)))


def _jsonl_rows(stream: TextIO, cls: type) -> Iterator[Row]:
    number = 0
    for line in stream:
        text = line.strip().lstrip(_BOM) if number == 0 else line.strip()
        if not text:
            continue
        number += 1
        where = f"$[{number - 1}]"
        try:
            yield Row(number, _subject_of(strict_json(text), cls, where), where=where)
        except InputError as exc:
            yield Row(number, error=InputError(exc.what, _prefixed(exc, where)))


# --- CSV -------------------------------------------------------------------------------------------------------

def _household(cells: dict[str, str]) -> Household:
    """A household from one CSV row's cells (column → text), every problem with its column's path."""
    problems: list[Problem] = []
    fields: dict[str, Any] = {}
    for column, raw in cells.items():
        text = raw.strip()
        if not text:
            continue
        if column in LIST_COLUMNS:
            fields[column] = [code.strip() for code in text.split(";") if code.strip()]
        elif column == "deprivation_count":
            # isascii: int() also reads other scripts' digits; anything else is refused with the path
            fields[column] = int(text) if text.isascii() and text.isdecimal() else text
        elif column == "monthly_income_per_capita":
            if text.isascii() and text.isdecimal() and len(text) < 20:  # digits 0-9 ("²" is a digit int() refuses)
                fields[column] = int(text)
            else:  # never a float, nor "1_000" or other scripts' digits
                number = number_from_text(text)
                if number is None:
                    problems.append(Problem(f"$.{column}", f"expected a decimal number, got {text[:40]!r}"))
                else:
                    fields[column] = number
        elif column == "reference_date":
            day = _day(text)
            if day is None:
                problems.append(Problem(f"$.{column}", f"expected a date as {DATE_FORMS}, got {text[:40]!r}"))
            else:
                fields[column] = day
        else:
            fields[column] = text
    try:
        hh = Household(**fields)
    except InputError as exc:
        raise InputError("Household", problems + [p for p in exc.problems
                                                  if not any(p.path == q.path for q in problems)]) from None
    except TypeError:  # a required column left empty
        missing = [c for c in ("area", "reference_date") if c not in fields and not any(
            p.path == f"$.{c}" for p in problems)]
        raise InputError("Household", problems + [Problem(f"$.{c}", "required but missing") for c in missing]
                         ) from None
    if problems:
        raise InputError("Household", problems)
    return hh


@functools.lru_cache(maxsize=1024)  # a batch holds few distinct days: each is parsed once, not once a row
def _day(text: str) -> dt.date | None:
    """ISO or day-first (15/11/2024, as Vietnamese forms write it; never month first), else None."""
    try:
        return parse_day(text)
    except ValueError:
        return None


def _unit_value(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(value) if len(value) < 20 else value
    except ValueError:
        return value  # a decimal string; the converter refuses anything else with the path


def _unit(cells: dict[str, str], cls: type, family: str | None) -> Any:
    """A commune or village from one CSV row. With ``family`` (not the unit's own), a bare ``obs:<code>`` is
    recorded for that family, which is what a batch assessed against it means."""
    data: dict[str, Any] = {"facts": {}, "observations": {}}
    bad_dates: dict[str, str] = {}
    qualify = family is not None and family != getattr(cls, "default_family", None)
    for column, raw in cells.items():
        cell = raw.strip()
        if not cell:
            continue
        if column.startswith("fact:"):
            data["facts"][column.removeprefix("fact:")] = _unit_value(cell)
        elif column.startswith("obs:"):
            code = column.removeprefix("obs:")
            data["observations"][f"{family}:{code}" if qualify and ":" not in code else code] = _unit_value(cell)
        elif column == "flags":
            data["flags"] = [f.strip() for f in cell.split(";") if f.strip()]
        elif column in _DATE_COLUMNS:
            try:
                data[column] = parse_day(cell)
            except ValueError as exc:  # left as text for the converter to refuse, with the reason given here
                data[column], bad_dates[f"$.{column}"] = cell, str(exc)
        else:
            data[column] = cell
    try:
        return ntp_json.structure(data, cls)
    except InputError as exc:
        if not bad_dates:
            raise
        raise InputError(exc.what, [Problem(p.path, bad_dates.get(p.path, p.message)) for p in exc.problems]
                         ) from None


_DATE_COLUMNS = frozenset({"reference_date", "valid_from", "valid_to"})


def _check_unit_columns(header: list[str], cls: type) -> None:
    unknown = [c for c in header if c not in UNIT_COLUMNS and not c.startswith(("fact:", "obs:"))]
    missing = [c for c in ("name", "reference_date") if c not in header]
    twice = sorted({c for c in header if header.count(c) > 1})
    if unknown or missing or twice:
        raise InputError(cls.__name__, [Problem(f"$.columns.{c}", "unknown column") for c in unknown]
                         + [Problem(f"$.columns.{c}", "required column missing") for c in missing]
                         + [Problem(f"$.columns.{c}", "column given twice (which value counts?)") for c in twice])


def _csv_header(reader: Iterator[list[str]], cls: type) -> list[str]:
    """The checked column names of a CSV batch (its first line)."""
    header = next(reader, [])
    if header and header[0].startswith(_BOM):
        header[0] = header[0].removeprefix(_BOM)
    header = [h.strip() for h in header]
    if cls is Household:
        check_household_columns(header)
    else:
        _check_unit_columns(header, cls)
    return header


def _csv_row(number: int, cells: list[str], header: list[str], cls: type, family: str | None) -> Row:
    """One CSV row (not blank) as its subject, or its problems with their paths."""
    where = f"$[{number - 1}]"
    if len(cells) > len(header):
        return Row(number, error=InputError(cls.__name__, [Problem(where, "more cells than columns")]))
    row = dict(zip(header, cells, strict=False))
    try:
        return Row(number, _household(row) if cls is Household else _unit(row, cls, family), where=where)
    except InputError as exc:
        return Row(number, error=InputError(exc.what, _prefixed(exc, where)))


def _not_csv(exc: csv.Error, reader: Any, cls: type) -> InputError:
    """Malformed CSV (stray quotes, NUL bytes, bare carriage returns): the whole input's error."""
    return InputError(cls.__name__, [Problem(f"$[{reader.line_num}]", f"not valid CSV: {exc}")])


def _csv_rows(stream: TextIO, cls: type, family: str | None) -> Iterator[Row]:
    reader = csv.reader(stream)
    try:
        header = _csv_header(reader, cls)
        for number, cells in enumerate(reader, 1):
            if cells:  # else a blank line
                yield _csv_row(number, cells, header, cls, family)
    except csv.Error as exc:
        raise _not_csv(exc, reader, cls) from None


def read_subjects(stream: TextIO, fmt: str, kind: str = "household", *, family: str | None = None) -> Iterator[Row]:
    """The rows of a batch, one at a time: each a subject of ``kind`` or the row's problems. ``family``, when it is
    not the kind's own, is the family bare ``obs:<code>`` CSV columns are recorded for. Raises
    :class:`~ntp_criteria.InputError` when the input as a whole cannot be read (its columns, its JSON)."""
    if not isinstance(kind, str) or kind not in KINDS:
        raise InputError("batch", [Problem("$.kind", f"expected one of {sorted(KINDS)}, got {shown(kind)}")])
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise InputError("batch", [Problem("$.format", f"expected one of {list(FORMATS)}, got {shown(fmt)}")])
    cls = KINDS[kind]
    if fmt == "csv" and kind in _NESTED:
        raise InputError("batch", [Problem("$.format", f"a {kind} is nested (rows by item, lines): give it as JSON "
                                                       "Lines (--format jsonl) or JSON")])
    if fmt == "csv":
        return _csv_rows(stream, cls, family)
    if fmt == "jsonl":
        return _jsonl_rows(stream, cls)
    return _json_rows(stream.read().lstrip(_BOM), cls)


def parse_subjects(text: str, fmt: str, kind: str = "household") -> list[Any]:
    """Subjects of one kind (:data:`KINDS`) from JSON, JSON Lines or CSV text; one InputError lists every bad
    row's problems."""
    if not isinstance(text, str):
        raise InputError("batch", [Problem("$.text", f"expected the text of a batch (str), got {shown(text)}")])
    subjects: list[Any] = []
    problems: list[Problem] = []
    for row in read_subjects(io.StringIO(text, newline=""), fmt, kind):
        if row.error is not None:
            problems += row.error.problems
        else:
            subjects.append(row.subject)
    if problems:
        raise InputError("households" if kind == "household" else kind, problems)
    return subjects


def parse_households(text: str, fmt: str) -> list[Household]:
    """Households from JSON (``fmt="json"``), JSON Lines (``"jsonl"``) or CSV (``"csv"``) text."""
    return parse_subjects(text, fmt, "household")


# --- results ---------------------------------------------------------------------------------------------------

def summary(a: Assessment, row: int | None = None) -> dict[str, Any]:
    """One record per assessment, values as values (see :func:`ntp_criteria.io.records.record`)."""
    return record(a, row)


#: the type named in the JSON output's envelope: ``{"schema_version", "type": "BatchResults", "data": [records]}``
RESULTS_TYPE = "BatchResults"


class ResultWriter:
    """Writes results as they come: JSON (the records in a versioned envelope, ``{"schema_version", "type":
    "BatchResults", "data": [...]}``, each record with the results behind it with ``full``) or CSV (the records,
    flattened). ``lang="vi"`` words the reasons, the problem messages and CSV's failed criteria in Vietnamese
    (:func:`~ntp_criteria.io.records.worded_record`; the fields and codes stay). A row that could not be assessed
    is written too, with its ``error``."""

    def __init__(self, out: TextIO, fmt: str, *, full: bool = False, lang: str = "en") -> None:
        if not isinstance(fmt, str) or fmt not in ("json", "csv"):
            raise InputError("batch", [Problem("$.output_format", f"expected 'json' or 'csv', got {shown(fmt)}")])
        self.out, self.fmt, self.full, self.lang, self.count = out, fmt, full, lang, 0
        if fmt == "csv":
            self._csv = csv.writer(out, lineterminator="\n")
            self._csv.writerow(SUMMARY_FIELDS)
        else:
            out.write(f'{{"schema_version": {SCHEMA_VERSION}, "type": "{RESULTS_TYPE}", "data": [')

    def write(self, a: Assessment, row: int | None = None) -> None:
        """One assessment."""
        self.write_summary(full_record(a, row) if self.full and self.fmt == "json" else record(a, row))

    def write_summary(self, rec: dict[str, Any]) -> None:
        """One result given as its record (see :func:`summary`)."""
        if self.fmt == "csv":
            self._csv.writerow(csv_cells(rec, self.lang))
        else:
            rec = worded_record(rec, self.lang) if self.lang != "en" else rec
            self.out.write(("\n" if self.count == 0 else ",\n") + _stdlib_json.dumps(rec, ensure_ascii=False))
            self.count += 1

    def write_error(self, row: int, error: InputError | str) -> None:
        """A row that could not be assessed, with its problems."""
        self.write_summary(error_record(row, error))

    def close(self) -> None:
        """Finish the output (the JSON envelope's closing brackets)."""
        if self.fmt == "json":
            self.out.write("\n]}\n" if self.count else "]}\n")


@attrs.frozen
class _Shape:
    """What household CSV rows with the same cells but their id and income share: a number naming them, the
    income lines of their ruleset (each a comparison and its legal number) and their date as written out."""

    token: int
    lines: tuple[tuple[Callable[[Any, Any], bool], Decimal], ...]
    on: str


_UNSEEN: Any = object()
#: each comparison of a legal number as an operator (what Comparator.holds looks up on every call)
_COMPARE: dict[Comparator, Callable[[Any, Any], bool]] = {
    Comparator.LT: operator.lt, Comparator.LE: operator.le, Comparator.GT: operator.gt, Comparator.GE: operator.ge,
    Comparator.EQ: operator.eq}
#: the row shapes a batch remembers (the distinct cells but id and income) before it starts again
_SHAPES = 100_000
#: the longest income read as a plain whole number (below the 10**15 any number must stay under)
_PLAIN_DIGITS = 15


class BatchAssessor:
    """Assesses the subjects of a batch one by one, as :func:`~ntp_criteria.assess` does, and gives each one's
    summary record. A household with no raw facts is assessed once per
    :func:`~ntp_criteria.families.poverty.equivalence.outcome_key` (its area, year, side of each income line,
    flags and count): the others with the same key get the same record with their own row, id and date, which
    is what makes a national list of millions of rows quick. :meth:`summaries` reads and summarises a whole
    batch, household CSV rows straight from their cells."""

    def __init__(self, *, family: str | None = None, strict: bool | Status = False, strict_inputs: bool = False,
                 catalogue: Catalogue | None = None, limit: int = 100_000) -> None:
        self.family, self.strict, self.strict_inputs = family, strict, strict_inputs
        self.catalogue = catalogue if catalogue is not None else default_catalogue()
        self.limit = limit
        self._records: dict[Hashable, dict[str, Any]] = {}
        self._rulesets: dict[tuple[str, dt.date], Ruleset] = {}
        # a number for each household without raw facts but its id and income, seen in a CSV batch (what rows
        # written differently, such as flags in another order, share)
        self._tokens: dict[tuple[Any, ...], int] = {}
        self._given = 0

    def assess(self, subject: Any) -> Assessment:
        """The assessment of ``subject`` (by the batch's family, when given)."""
        return assess(subject, self._ruleset(subject), catalogue=self.catalogue, strict=self.strict,
                      strict_inputs=self.strict_inputs)

    def _ruleset(self, subject: Any) -> Ruleset:
        # a town or a district without communes has its own NTM set, chosen by its flags as district_level does
        family = self.family or (basic_family(subject) if isinstance(subject, District) else subject.default_family)
        key = (family, subject.reference_date)
        found = self._rulesets.get(key)
        if found is None:
            if len(self._rulesets) > 10_000:
                self._rulesets.clear()
            found = self._rulesets[key] = self.catalogue.in_force(family, subject.reference_date)
        return found

    def summary(self, subject: Any, row: int | None = None) -> dict[str, Any]:
        """The summary record of ``subject``'s assessment (see :func:`summary`)."""
        key = outcome_key(subject, self._ruleset(subject)) if isinstance(subject, Household) else None
        if key is not None:
            known = self._records.get(key)
            if known is not None:
                return {**known, "row": row, "id": subject.id, "on": subject.reference_date.isoformat()}
        record = summary(self.assess(subject), row)
        if key is not None and len(self._records) < self.limit:
            self._records[key] = record
        return record

    def summaries(self, stream: TextIO, fmt: str, kind: str = "household") -> Iterator[Row]:
        """The rows of a batch as :func:`read_subjects` reads them (by the batch's family), each one assessed
        with its summary record (:meth:`summary`) in ``record``. A row whose problems keep it from being read
        has its ``error``; a row whose assessment raises keeps its ``subject`` and no record, so the caller's
        own :meth:`summary` of it raises that error where the caller reports errors.

        A household CSV row is summarised from its cells: rows whose cells differ only in their id and income,
        with the income a plain whole number on the same side of every income line of the ruleset, get one
        assessment's record (as :meth:`summary` gives a household without raw facts), so no
        :class:`~ntp_criteria.Household` is built for them; any other row is read and assessed as
        :func:`read_subjects` and :meth:`summary` do, with the same record or the same problems."""
        if fmt == "csv" and kind == "household":
            return self._household_csv(stream)
        return self._summarised(read_subjects(stream, fmt, kind, family=self.family))

    def _summarised(self, rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            yield row if row.error is not None else self._with_summary(row.number, row.subject, row.where)

    def _with_summary(self, number: int, subject: Any, where: str) -> Row:
        try:
            return Row(number, record=self.summary(subject, number), where=where)
        except CriteriaError:  # assessed again by the caller, which reports the error as it reports any
            return Row(number, subject, where=where)

    def _household_csv(self, stream: TextIO) -> Iterator[Row]:
        reader = csv.reader(stream)
        try:
            header = _csv_header(reader, Household)
            yield from self._household_rows(reader, header)
        except csv.Error as exc:
            raise _not_csv(exc, reader, Household) from None

    def _household_rows(self, reader: Iterator[list[str]], header: list[str]) -> Iterator[Row]:
        width = len(header)
        # the cells a household without raw facts depends on, besides its id and its income (area and date at
        # least: both are required columns, so the getter gives a tuple)
        shaped = [c for c in header if c not in ("id", "monthly_income_per_capita")]
        cells_of = operator.itemgetter(*(header.index(c) for c in shaped))
        id_at = header.index("id") if "id" in header else None
        income_at = header.index("monthly_income_per_capita") if "monthly_income_per_capita" in header else None
        shapes: dict[tuple[str, ...], _Shape | None] = {}
        records: dict[tuple[int, tuple[bool, ...] | None], dict[str, Any]] = {}
        for number, cells in enumerate(reader, 1):
            if not cells:  # a blank line
                continue
            shape = None
            if len(cells) == width:
                key = cells_of(cells)
                shape = shapes.get(key, _UNSEEN)
                if shape is _UNSEEN:
                    if len(shapes) >= _SHAPES:
                        shapes.clear()
                    shape = shapes[key] = self._shape(dict(zip(shaped, key, strict=True)))
            if shape is not None:
                text = cells[income_at].strip() if income_at is not None else ""
                if not text:
                    sides: tuple[bool, ...] | None = None
                elif len(text) <= _PLAIN_DIGITS and text.isascii() and text.isdigit():
                    income = int(text)
                    sides = tuple([holds(income, value) for holds, value in shape.lines])
                else:  # a Decimal, a sign, a bad cell: read as read_subjects reads it
                    shape = None
            if shape is not None:
                known = records.get((shape.token, sides))
                if known is not None:
                    yield Row(number, record={**known, "row": number,
                                              "id": cells[id_at].strip() or None if id_at is not None else None,
                                              "on": shape.on})
                    continue
            row = _csv_row(number, cells, header, Household, None)
            if row.error is None:
                row = self._with_summary(number, row.subject, row.where)
                if shape is not None and row.record is not None and len(records) < self.limit:
                    records[shape.token, sides] = row.record
            yield row

    def _shape(self, cells: dict[str, str]) -> _Shape | None:
        """What rows with these cells (all but id and income) share, or None when they are read one by one (a
        bad cell, no ruleset in force: each row gets its own error)."""
        try:
            hh = _household(cells)
            ruleset = self._ruleset(hh)
        except CriteriaError:
            return None
        scope = hh.scope_values()
        lines = tuple((_COMPARE[t.op], t.value) for _, i in ruleset.indicators() if i.measure == INCOME_MEASURE
                      for t in i.thresholds if t.scope.matches(scope))
        same = (id(ruleset), hh.area, hh.reference_date, hh.deprivation_count, hh.deprived, hh.not_deprived)
        if len(self._tokens) >= _SHAPES:
            self._tokens.clear()  # tokens stay distinct: each is the count of tokens ever given
        token = self._tokens.get(same)
        if token is None:
            self._given += 1
            token = self._tokens[same] = self._given
        return _Shape(token, lines, hh.reference_date.isoformat())


def render_assessments(assessments: Iterable[Assessment], fmt: str, *, full: bool = False) -> str:
    """Results as JSON (summaries, or full assessment payloads with ``full``) or CSV (summaries), as one text."""
    buffer = io.StringIO()
    writer = ResultWriter(buffer, fmt, full=full)
    for n, a in enumerate(assessments, 1):
        writer.write(a, n)
    writer.close()
    return buffer.getvalue()
