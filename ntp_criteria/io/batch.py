"""Batches of subjects as text: JSON or CSV in, JSON or CSV results out (pure: text in, text out).

JSON input is a payload, a list of payloads, a subject object, or a list of them. Household CSV has one
household per row with the columns of :data:`CSV_COLUMNS` (codes in ``deprived`` / ``not_deprived``
separated by ``;``). Commune and village CSV has :data:`UNIT_COLUMNS` plus any ``fact:<name>`` and
``obs:<code>`` columns (``true`` / ``false``, whole numbers, or decimals). An empty cell is a fact not
recorded. Every problem is reported with its row and column (``$[3].area``), never as a traceback.
"""

from __future__ import annotations

import csv
import io
import json as _stdlib_json
from collections.abc import Iterable, Sequence
from typing import Any

from ..core.errors import InputError, Problem
from ..core.places import Commune, Village
from ..core.results import Assessment
from ..core.subjects import Household
from . import json as ntp_json

__all__ = [
    "CSV_COLUMNS",
    "KINDS",
    "UNIT_COLUMNS",
    "check_household_columns",
    "parse_households",
    "parse_subjects",
    "render_assessments",
    "summary",
]

#: the subject kinds a batch may hold
KINDS: dict[str, type] = {"household": Household, "commune": Commune, "village": Village}
#: the columns of a commune or village CSV, besides its ``fact:<name>`` and ``obs:<code>`` columns
UNIT_COLUMNS = ("name", "code", "province", "region", "reference_date", "flags", "valid_from", "valid_to")

#: the columns of a household CSV: income, and the deprivations as a count or as lists of indicator codes
CSV_COLUMNS = ("id", "area", "reference_date", "monthly_income_per_capita", "deprivation_count", "deprived",
               "not_deprived")
SUMMARY_FIELDS = ("id", "family", "instrument", "on", "outcome", "candidates", "decided", "reasons", "unverified")
_INT_COLUMNS = {"deprivation_count"}
#: household columns holding lists of indicator codes
LIST_COLUMNS = ("deprived", "not_deprived")


def check_household_columns(names: Iterable[str], what: str = "households") -> None:
    """Every column is a household column, and the required ones are there (shared by CSV and DataFrames)."""
    names = list(names)
    unknown = [c for c in names if c not in CSV_COLUMNS]
    missing = [c for c in ("area", "reference_date") if c not in names]
    if unknown or missing:
        raise InputError(what, [Problem(f"$.columns.{c}", "unknown column") for c in unknown]
                         + [Problem(f"$.columns.{c}", "required column missing") for c in missing])


def _prefixed(exc: InputError, prefix: str) -> list[Problem]:
    return [Problem(prefix + p.path[1:], p.message) for p in exc.problems]


def _from_json(text: str, cls: type = Household) -> list[Any]:
    try:
        data = _stdlib_json.loads(text)
    except ValueError as exc:
        raise InputError("households", [Problem("$", f"not valid JSON: {exc}")]) from None
    items = data if isinstance(data, list) else [data]
    out: list[Any] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        where = f"$[{i}]" if isinstance(data, list) else "$"
        try:
            if isinstance(item, dict) and "schema_version" in item:
                out.append(ntp_json.from_payload(item, cls))
            else:
                out.append(ntp_json.structure(item, cls))
        except InputError as exc:
            problems += _prefixed(exc, where)
    if problems:
        raise InputError("households", problems)
    return out


def _cell(column: str, value: str) -> Any:
    value = value.strip()
    if value == "":
        return None
    if column in _INT_COLUMNS:
        try:
            return int(value)
        except ValueError:
            return value  # the converter reports it with the path
    if column in LIST_COLUMNS:
        return [code.strip() for code in value.split(";") if code.strip()]
    if column == "monthly_income_per_capita":
        return value  # read as a decimal string: exact, never through float
    return value


def _from_csv(text: str) -> list[Household]:
    try:
        return _read_csv(text)
    except csv.Error as exc:  # malformed CSV (stray quotes, NUL bytes, bare carriage returns)
        raise InputError("households", [Problem("$", f"not valid CSV: {exc}")]) from None


def _read_csv(text: str) -> list[Household]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    check_household_columns(header)
    out: list[Household] = []
    problems: list[Problem] = []
    for i, row in enumerate(reader):
        if None in row:  # more cells than the header has columns
            problems.append(Problem(f"$[{i}]", "more cells than columns"))
            continue
        data = {k: v for k, v in ((c, _cell(c, row[c] or "")) for c in header) if v is not None}
        for column in LIST_COLUMNS:
            data.setdefault(column, [])
        try:
            out.append(ntp_json.structure(data, Household))
        except InputError as exc:
            problems += _prefixed(exc, f"$[{i}]")
    if problems:
        raise InputError("households", problems)
    return out


def parse_households(text: str, fmt: str) -> list[Household]:
    """Households from JSON (``fmt="json"``) or CSV (``fmt="csv"``) text."""
    if fmt == "json":
        return _from_json(text)
    if fmt == "csv":
        return _from_csv(text)
    raise ValueError(f"format must be 'json' or 'csv', got {fmt!r}")


def parse_subjects(text: str, fmt: str, kind: str = "household") -> list[Any]:
    """Subjects of one kind (:data:`KINDS`) from JSON or CSV text."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, got {kind!r}")
    if kind == "household":
        return parse_households(text, fmt)
    if fmt == "json":
        return _from_json(text, KINDS[kind])
    if fmt == "csv":
        try:
            return _units_from_csv(text, KINDS[kind])
        except csv.Error as exc:
            raise InputError(kind, [Problem("$", f"not valid CSV: {exc}")]) from None
    raise ValueError(f"format must be 'json' or 'csv', got {fmt!r}")


def _unit_value(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(value)
    except ValueError:
        return value  # a decimal string; the converter refuses anything else with the path


def _units_from_csv(text: str, cls: type) -> list[Any]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in UNIT_COLUMNS and not c.startswith(("fact:", "obs:"))]
    missing = [c for c in ("name", "reference_date") if c not in header]
    if unknown or missing:
        raise InputError(cls.__name__, [Problem(f"$.columns.{c}", "unknown column") for c in unknown]
                         + [Problem(f"$.columns.{c}", "required column missing") for c in missing])
    out: list[Any] = []
    problems: list[Problem] = []
    for i, row in enumerate(reader):
        if None in row:
            problems.append(Problem(f"$[{i}]", "more cells than columns"))
            continue
        data: dict[str, Any] = {"facts": {}, "observations": {}}
        for column, raw in row.items():
            cell = (raw or "").strip()
            if not cell:
                continue
            if column.startswith("fact:"):
                data["facts"][column.removeprefix("fact:")] = _unit_value(cell)
            elif column.startswith("obs:"):
                data["observations"][column.removeprefix("obs:")] = _unit_value(cell)
            elif column == "flags":
                data["flags"] = [f.strip() for f in cell.split(";") if f.strip()]
            else:
                data[column] = cell
        try:
            out.append(ntp_json.structure(data, cls))
        except InputError as exc:
            problems += _prefixed(exc, f"$[{i}]")
    if problems:
        raise InputError(cls.__name__, problems)
    return out


def summary(a: Assessment) -> dict[str, Any]:
    """One flat record per assessment, for tables and JSON lines."""
    return {
        "id": a.subject_id,
        "family": a.ruleset.family,
        "instrument": a.ruleset.instrument.number,
        "on": a.on.isoformat(),
        "outcome": a.outcome.value if a.outcome is not None else None,
        "candidates": ";".join(c.value for c in a.candidates),
        "decided": a.decided,
        "reasons": " | ".join(a.reasons),
        "unverified": ";".join(n.path for n in a.unverified),
    }


def render_assessments(assessments: Iterable[Assessment], fmt: str, *, full: bool = False) -> str:
    """Results as JSON (summaries, or full assessment payloads with ``full``) or CSV (summaries)."""
    items: Sequence[Assessment] = list(assessments)
    if fmt == "json":
        data = [ntp_json.to_payload(a) for a in items] if full else [summary(a) for a in items]
        return _stdlib_json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
        writer.writeheader()
        for a in items:
            writer.writerow(summary(a))
        return buffer.getvalue()
    raise ValueError(f"format must be 'json' or 'csv', got {fmt!r}")
