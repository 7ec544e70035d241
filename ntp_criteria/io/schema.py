"""JSON Schema (draft 2020-12) for the payloads of :mod:`ntp_criteria.io.json`, generated from the types.

A non-Python system can validate what it sends (a household) and what it receives (an assessment)
against these schemas; they are derived from the same attrs classes the converter reads, so they cannot
drift from it.

```pycon
>>> import ntp_criteria as ntp
>>> from ntp_criteria.io.schema import json_schema
>>> json_schema(ntp.Household)["$defs"]["Household"]["required"]
['area', 'reference_date']

```
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from ..core.model import CitedValue, Scope
from ..core.places import Facts
from ..core.programme import BudgetLine, LeadAgency, Target
from ..core.results import Assessment
from .json import SCHEMA_VERSION, TYPES

__all__ = ["json_schema", "payload_schema"]

_DECIMAL = {"type": "string", "pattern": r"^-?(\d+)(\.\d+)?([eE][-+]?\d+)?$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _special(cls: Any) -> dict[str, Any] | None:
    if cls is Facts:
        return {"type": "object", "additionalProperties": {"anyOf": [{"type": ["boolean", "integer"]}, _DECIMAL]}}
    if cls is Scope:
        return {"type": "object", "additionalProperties": {"type": ["string", "integer"]}}
    if cls is CitedValue:
        value = {"oneOf": [
            {"type": "object", "properties": {"number": _DECIMAL}, "required": ["number"],
             "additionalProperties": False},
            {"type": "object", "properties": {"kinds": {"type": "array", "items": {"type": "string"}}},
             "required": ["kinds"], "additionalProperties": False},
            {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"],
             "additionalProperties": False},
        ]}
        return {"type": "object", "properties": {"path": {"type": "string"}, "value": value,
                                                 "provenance": {"$ref": "#/$defs/Provenance"}},
                "required": ["path", "value", "provenance"], "additionalProperties": False}
    return None


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, t: Any) -> dict[str, Any]:
        origin, args = get_origin(t), get_args(t)
        if t is NoneType or t is None:
            return {"type": "null"}
        if origin in (Union, UnionType):
            return {"anyOf": [self.of(a) for a in args]}
        if origin in (tuple, list, frozenset, set):
            if origin is tuple and args and args[-1] is not Ellipsis:
                return {"type": "array", "prefixItems": [self.of(a) for a in args], "minItems": len(args),
                        "maxItems": len(args)}
            return {"type": "array", "items": self.of(args[0]) if args else {},
                    **({"uniqueItems": True} if origin in (frozenset, set) else {})}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is str:
            return {"type": "string"}
        if t is Decimal:
            return dict(_DECIMAL)
        if t is dt.date:
            return dict(_DATE)
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        if t is Any or t is object:
            return {}
        raise TypeError(f"no JSON Schema for {t!r}")

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursive types refer to themselves
            self.defs[name] = _special(cls) or self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        overrides = _ASSESSMENT_FIELDS if cls is Assessment else {}
        for f in attrs.fields(cls):
            if not f.init:  # kept by the engine, never in a payload
                continue
            props[f.name] = overrides.get(f.name) or self.of(hints[f.name])
            if f.default is attrs.NOTHING:
                required.append(f.name)
        if "source" in _renamed(cls):
            props["source"] = props.pop("provenance")
            required = ["source" if r == "provenance" else r for r in required]
        return {"type": "object", "title": cls.__name__, "description": (cls.__doc__ or "").strip().split("\n")[0],
                "properties": props, "required": required, "additionalProperties": False}


# outcomes are written by value (their enum depends on the ruleset's outcome rule)
_ASSESSMENT_FIELDS: dict[str, dict[str, Any]] = {
    "outcome": {"type": ["string", "null"]},
    "candidates": {"type": "array", "items": {"type": "string"}},
    "because": {"type": "array", "items": {"type": "string"}},
}


def _renamed(cls: type) -> set[str]:
    return {"source"} if cls in (BudgetLine, LeadAgency, Target) else set()


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of one type's data (as :func:`ntp_criteria.io.json.unstructure` writes it)."""
    b = _Builder()
    root = b.ref(cls)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **root, "$defs": b.defs}


def payload_schema() -> dict[str, Any]:
    """The JSON Schema of a payload (``{schema_version, type, data}``) holding any public type."""
    b = _Builder()
    variants = [{"type": "object", "properties": {
        "schema_version": {"const": SCHEMA_VERSION}, "type": {"const": name}, "data": b.ref(cls)},
        "required": ["schema_version", "type", "data"], "additionalProperties": False}
        for name, cls in sorted(TYPES.items())]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "oneOf": variants, "$defs": b.defs}
