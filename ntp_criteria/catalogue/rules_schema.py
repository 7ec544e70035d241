"""JSON Schema (draft 2020-12) of a rules file, generated from the classes the loader structures it into.

A rules file is TOML; read as JSON data (its dates as ISO strings: :func:`as_json`) it validates against
:func:`rules_schema`, so an editor or another system can check a file's keys and types without Python. The
schema is derived from the same attrs classes the strict converter reads, so it cannot drift from the loader;
it is published as ``docs/rules-schema.json`` and a test keeps the two equal. What a schema cannot say (a
source inherited from an enclosing default, thresholds covering every scope once, a table's cells matching its
header) the loader still checks, naming the file and the path.

```pycon
>>> from ntp_criteria.catalogue.rules_schema import rules_schema
>>> schema = rules_schema()
>>> schema["$defs"]["Table"]["required"]
['op', 'unit', 'rows', 'values']
>>> schema["$defs"]["Threshold"]["properties"]["value"]["anyOf"][1]
{'type': 'integer'}

```
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Mapping
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from ..core.programme import BudgetLine, LeadAgency, Target
from . import _schema as rd
from ._programme_schema import RawUnit

__all__ = ["as_json", "rules_schema"]

# a legal number: a decimal in a string, or a whole number; never a float (the converter refuses one)
_DECIMAL = {"anyOf": [{"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$"}, {"type": "integer"}]}
# TOML has dates; as JSON data they are ISO strings (see as_json)
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

# the names the schema gives the classes: what the file calls the table, not the loader's class
_NAMES: dict[type, str] = {
    rd.RawInheritingThreshold: "Threshold",
    RawUnit: "ProgrammeUnit",
}

# fields the core classes call ``provenance`` that a rules file writes ``source`` (as _programme_schema reads them)
_WRITTEN_AS: dict[tuple[type, str], str] = {(cls, "provenance"): "source" for cls in (BudgetLine, LeadAgency, Target)}

# fields whose schema is narrower than their type says
_FIELDS: dict[tuple[type, str], dict[str, Any]] = {
    (rd.RawFile, "schema"): {"const": rd.SCHEMA_VERSION},
    (rd.RawTable, "rows"): {"enum": list(rd.SCOPE_DIMENSIONS)},
    (rd.RawTable, "columns"): {"enum": list(rd.SCOPE_DIMENSIONS)},
    (rd.RawRuleset, "dimensions"): {
        "type": "object", "propertyNames": {"enum": list(rd.SCOPE_DIMENSIONS)},
        "additionalProperties": {"type": "array", "items": {"type": ["string", "integer"]}}},
}


def _name(cls: type) -> str:
    return _NAMES.get(cls) or cls.__name__.removeprefix("Raw")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, t: Any) -> dict[str, Any]:
        origin, args = get_origin(t), get_args(t)
        if origin in (Union, UnionType):
            # TOML has no null: an optional key is one left out, so ``X | None`` is written as X
            return _one_of([self.of(a) for a in args if a is not NoneType])
        if origin in (tuple, list, frozenset, set):
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin in (dict, Mapping):
            return {"type": "object", "additionalProperties": self.of(args[1])}
        simple = {bool: "boolean", int: "integer", str: "string"}
        if t in simple:
            return {"type": simple[t]}
        if t is Decimal:
            return dict(_DECIMAL)
        if t is dt.date:
            return dict(_DATE)
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        raise TypeError(f"no JSON Schema for {t!r}")

    def ref(self, cls: type) -> dict[str, Any]:
        name = _name(cls)
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursive types (a unit's sub-units) refer to themselves
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in attrs.fields(cls):
            if not f.init:
                continue
            key = _WRITTEN_AS.get((cls, f.name), f.name)
            props[key] = _FIELDS.get((cls, f.name)) or self.of(hints[f.name])
            if f.default is attrs.NOTHING:
                required.append(key)
        doc = " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
        return {"type": "object", "title": _name(cls), **({"description": doc} if doc else {}),
                "properties": props, "required": required, "additionalProperties": False}


def _one_of(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema for a union, its plain types merged into one list (``str | int``: a string or an integer)."""
    plain = [s["type"] for s in schemas if s.keys() == {"type"} and isinstance(s["type"], str)]
    rest = [s for s in schemas if not (s.keys() == {"type"} and isinstance(s["type"], str))]
    merged = [{"type": plain[0] if len(plain) == 1 else plain}] if plain else []
    return (rest + merged)[0] if len(rest + merged) == 1 else {"anyOf": rest + merged}


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file read as JSON data (:func:`as_json`), with a ``$defs`` entry per table of
    the file (``Ruleset``, ``Criterion``, ``Indicator``, ``Threshold``, ``Table``, ``Defaults`` …)."""
    builder = _Builder()
    root = builder.ref(rd.RawFile)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "ntp_criteria rules file",
            "description": "One TOML file per legal instrument in ntp_criteria/rules/ (docs/rules-data.md).",
            **root, "$defs": builder.defs}


def as_json(data: object) -> object:
    """Parsed TOML as JSON data: dates, times and date-times become ISO strings, everything else is kept."""
    if isinstance(data, dict):
        return {key: as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(item) for item in data]
    if isinstance(data, dt.date | dt.time):
        return data.isoformat()
    return data
