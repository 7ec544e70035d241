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

from ..core.forms import ScorecardAnswers
from ..core.model import CitedValue, Scope, ScopeRule
from ..core.places import Facts
from ..core.programme import BudgetLine, LeadAgency, Target
from ..core.results import Assessment, CriterionResult, IndicatorResult
from .json import SCHEMA_VERSION, TYPES
from .records import FULL_FIELDS, RECORD_FIELDS

__all__ = ["json_schema", "payload_schema", "results_schema"]

_DECIMAL = {"type": "string", "pattern": r"^-?(\d+)(\.\d+)?([eE][-+]?\d+)?$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _special(cls: Any) -> dict[str, Any] | None:
    if cls is Facts:
        return {"type": "object", "additionalProperties": {"anyOf": [{"type": ["boolean", "integer"]}, _DECIMAL]}}
    if cls is ScorecardAnswers:  # item number → the rows marked X
        return {"type": "object", "propertyNames": {"pattern": r"^[1-9][0-9]?$"},
                "additionalProperties": {"type": "array", "items": {"type": "string",
                                                                    "pattern": r"^[1-9][0-9]?\.[1-9][0-9]?$"}}}
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


_NUMBER = {"anyOf": [{"type": "integer"}, _DECIMAL]}
_PROBLEMS = {"type": "array", "items": {"type": "object", "properties": {
    "path": {"type": "string"}, "message": {"type": "string"}}, "required": ["path", "message"],
    "additionalProperties": False}}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_GAP = {"type": "object", "title": "IndicatorGap", "properties": {
    "code": {"type": "string"},
    "status": {"enum": ["not_met", "missing", "undecided"]},
    "observed": {"anyOf": [{"type": ["boolean", "null", "integer"]}, _DECIMAL, {
        "type": "object", "properties": {"low": _NUMBER, "high": _NUMBER}, "required": ["low", "high"],
        "additionalProperties": False}]},
    "threshold": {"type": "object", "properties": {
        "op": {"enum": ["<", "<=", ">", ">=", "=="]}, "value": _NUMBER, "unit": {"type": "string"},
        "source": {"type": "string"}}, "required": ["op", "value", "unit", "source"], "additionalProperties": False},
    "shortfall": _NUMBER,
    "reason": {"type": "string"}},
    "required": ["code", "status", "observed"], "additionalProperties": False}
_FAILED = {"type": "array", "items": {"type": "object", "title": "FailedCriterion", "properties": {
    "criterion": {"type": "string"}, "name_en": {"type": "string"}, "name_vi": {"type": "string"},
    "met": {"type": "integer"}, "known": {"type": "integer"}, "total": {"type": "integer"},
    "needed": {"type": "object", "properties": {"op": {"type": "string"}, "value": _NUMBER},
               "required": ["op", "value"], "additionalProperties": False},
    "indicators": {"type": "array", "items": _GAP}},
    "required": ["criterion", "name_en", "name_vi", "met", "known", "total", "indicators"],
    "additionalProperties": False}}


def results_schema() -> dict[str, Any]:
    """The JSON Schema of a batch's JSON output (``ntp-criteria assess``, :class:`~ntp_criteria.io.batch.
    ResultWriter`): ``{schema_version, type: "BatchResults", data: [records]}``, each record as
    :func:`ntp_criteria.io.records.record` writes it, with the fields of :func:`~ntp_criteria.io.records.full_record`
    when ``--full`` was asked for."""
    b = _Builder()
    props: dict[str, Any] = {
        "row": {"type": ["integer", "null"]},
        "id": {"type": ["string", "null"]},
        "family": {"type": ["string", "null"]},
        "instrument": {"type": ["string", "null"]},
        "on": {"anyOf": [_DATE, {"type": "null"}]},
        "outcome": {"type": ["string", "null"]},
        "poverty_status": {"enum": ["poor", "near_poor", "neither_poor_nor_near_poor", "undecided", None]},
        "candidates": _STRINGS,
        "decided": {"type": "boolean"},
        "failed": _FAILED,
        "reasons": _STRINGS,
        "unverified": _STRINGS,
        "unused": _PROBLEMS,
        "error": {"anyOf": [_PROBLEMS, {"type": "null"}]},
        "ruleset": {"type": "object", "properties": {
            "family": {"type": "string"}, "instrument": {"type": "string"}, "instrument_id": {"type": "string"},
            "valid_from": _DATE, "valid_to": {"anyOf": [_DATE, {"type": "null"}]}},
            "required": ["family", "instrument", "instrument_id", "valid_from", "valid_to"],
            "additionalProperties": False},
        "scope": {"type": "object", "additionalProperties": {"type": ["string", "integer"]}},
        "exceptions": {"type": "array", "items": b.of(ScopeRule)},
        "designations": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "value": {"type": ["boolean", "null"]}}, "required": ["name", "value"],
            "additionalProperties": False}},
        "strict": {"type": ["string", "null"]},
        "because": _STRINGS,
        "criteria": {"type": "array", "items": b.of(CriterionResult)},
        "indicators": {"type": "array", "items": b.of(IndicatorResult)},
    }
    assert tuple(props) == RECORD_FIELDS + FULL_FIELDS
    record = {"type": "object", "title": "Record", "properties": props, "required": list(RECORD_FIELDS),
              "additionalProperties": False}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {
        "schema_version": {"const": SCHEMA_VERSION}, "type": {"const": "BatchResults"},
        "data": {"type": "array", "items": record}},
        "required": ["schema_version", "type", "data"], "additionalProperties": False, "$defs": b.defs}
