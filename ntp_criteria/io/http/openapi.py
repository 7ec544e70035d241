"""The OpenAPI 3.1 document of the HTTP service, generated from the library's JSON Schema.

Every payload schema (households, units, assessments, rulesets, instruments, programmes) is the one
:func:`ntp_criteria.io.schema.payload_schema` derives from the attrs classes the converter reads, moved from
``$defs`` to ``components/schemas``; so is a batch's record (:func:`ntp_criteria.io.schema.results_schema`).
Nothing about them is written by hand here, so the service's contract cannot drift from the library's. The
service's own envelopes (a problem document, the answer to one assessment) are described next to the code that
writes them. This module needs no web framework.

```pycon
>>> from ntp_criteria.io.http.openapi import openapi_document
>>> doc = openapi_document()
>>> doc["openapi"], sorted(doc["paths"])[:3]
('3.1.0', ['/assess', '/assess/batch', '/health'])
>>> doc["components"]["schemas"]["HouseholdPayload"]["properties"]["data"]
{'$ref': '#/components/schemas/Household'}

```
"""

from __future__ import annotations

import copy
from typing import Any

from ..batch import KINDS
from ..json import SCHEMA_VERSION
from ..schema import payload_schema, results_schema

__all__ = ["BATCH_MEDIA_TYPE", "PROBLEM_MEDIA_TYPE", "openapi_document"]

#: the media type of a problem document (RFC 9457)
PROBLEM_MEDIA_TYPE = "application/problem+json"
#: the media type of a batch, in and out: one JSON object a line
BATCH_MEDIA_TYPE = "application/x-ndjson"

_REF = "#/components/schemas/"
_SUBJECTS = sorted(cls.__name__ for cls in KINDS.values())


def _moved(node: Any) -> Any:
    """A JSON Schema with its ``#/$defs/`` references pointed at ``components/schemas``."""
    if isinstance(node, dict):
        return {k: (_REF + v.removeprefix("#/$defs/") if k == "$ref" and isinstance(v, str) else _moved(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_moved(v) for v in node]
    return node


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _service_schemas() -> dict[str, Any]:
    problem_item = {"type": "object", "properties": {
        "in": {"enum": ["body", "query", "path", "header"], "description": "where the value came from"},
        "path": {"type": "string", "description": "the field's $-rooted path, as the library's errors give it"},
        "message": {"type": "string"}}, "required": ["in", "path", "message"]}
    return {
        "FieldProblem": problem_item,
        "ProblemDetails": {
            "type": "object", "title": "ProblemDetails",
            "description": "An error as RFC 9457 problem details, with the field path of every problem",
            "properties": {
                "type": {"type": "string", "format": "uri-reference"}, "title": {"type": "string"},
                "status": {"type": "integer"}, "detail": {"type": "string"},
                "instance": {"type": "string", "format": "uri-reference"},
                "errors": {"type": "array", "items": _ref("FieldProblem")},
                "family": {"type": "string"}, "on": {"type": "string", "format": "date"},
                "reason": {"type": "string", "description": "why no ruleset is in force (409)"},
                "known": {"type": "array", "items": {"type": "string"}, "description": "the known families (404)"}},
            "required": ["type", "title", "status", "detail"]},
        "AssessResult": {
            "type": "object", "title": "AssessResult",
            "description": "One subject's assessment: its record (as a batch writes it), its full payload (unless "
                           "full=false) and, with explain=true, the explanation a commune officer reads",
            "properties": {"record": _ref("Record"), "assessment": _ref("AssessmentPayload"),
                           "explanation": {"type": "string"}},
            "required": ["record"], "additionalProperties": False},
        "Health": {"type": "object", "properties": {
            "status": {"const": "ok"}, "version": {"type": "string"}, "schema_version": {"type": "integer"},
            "rulesets": {"type": "integer"}, "packs": {"type": "array", "items": {"type": "string"}}},
            "required": ["status", "version", "schema_version", "rulesets", "packs"]},
    }


def _param(name: str, where: str, schema: dict[str, Any], description: str, *, required: bool = False
           ) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "schema": schema, "description": description}


_ON = _param("on", "query", {"type": "string", "format": "date"}, "a date (YYYY-MM-DD)")
_BOOL = {"type": "string", "enum": ["true", "false"]}
_ASSESS_PARAMS = [
    _param("kind", "query", {"enum": list(KINDS)}, "the kind of a bare subject object (default household; a "
           "payload names its own type)"),
    _param("family", "query", {"type": "string"}, "assess by this family's ruleset (default: the subject kind's "
           "own, e.g. poverty.household)"),
    _param("strict", "query", {"enum": ["false", "true", "verified"]}, "true: do not decide on unverified numbers; "
           "verified: decide only on numbers read in the legal text"),
    _param("strict_inputs", "query", _BOOL, "true: an input the ruleset does not use is an error"),
    _param("explain", "query", _BOOL, "true: add the explanation"),
    _param("lang", "query", {"enum": ["vi", "en"]}, "the explanation's language (default vi)"),
]


def _problems(*statuses: int) -> dict[str, Any]:
    why = {401: "no or a wrong bearer token", 404: "unknown family (or path)", 409: "no ruleset in force on the "
           "date, with the library's reason", 413: "the body (or a batch line) is larger than the service accepts",
           415: "the body's media type is not JSON (or, for a batch, NDJSON)", 422: "bad input: every problem with "
           "its field path"}
    return {str(s): {"description": why[s], "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref("ProblemDetails")}}}
            for s in statuses}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {"schema": schema}}}}


def _paths(secured: bool) -> dict[str, Any]:
    auth = (401,) if secured else ()
    return {
        "/health": {"get": {"operationId": "health", "summary": "Whether the service is up, and what it serves",
                            "security": [], "responses": _json(_ref("Health"), "up")}},
        "/rulesets": {"get": {
            "operationId": "listRulesets", "summary": "The rulesets (optionally of one family, in force on a date), "
            "each with every number, its citation and its status",
            "parameters": [_param("family", "query", {"type": "string"}, "only this family"), _ON],
            "responses": {**_json({"type": "array", "items": _ref("RulesetPayload")}, "the rulesets"),
                          **_problems(*auth, 404, 422)}}},
        "/rulesets/{family}": {"get": {
            "operationId": "rulesetInForce", "summary": "The ruleset of a family in force on a date",
            "parameters": [_param("family", "path", {"type": "string"}, "e.g. poverty.household", required=True),
                           {**_ON, "required": True}],
            "responses": {**_json(_ref("RulesetPayload"), "the ruleset in force"), **_problems(*auth, 404, 409, 422)}}},
        "/instruments": {"get": {
            "operationId": "listInstruments", "summary": "Every legal instrument the rules cite",
            "responses": {**_json({"type": "array", "items": _ref("LegalInstrumentPayload")}, "the instruments"),
                          **_problems(*auth, 422)}}},
        "/programmes": {"get": {
            "operationId": "listProgrammes", "summary": "The national target programmes (those running in the year "
            "of a date)", "parameters": [_ON],
            "responses": {**_json({"type": "array", "items": _ref("ProgrammePayload")}, "the programmes"),
                          **_problems(*auth, 422)}}},
        "/assess": {"post": {
            "operationId": "assess", "summary": "Assess one household or unit by the law in force on its date",
            "parameters": [*_ASSESS_PARAMS, _param("full", "query", _BOOL, "false: the record only, not the full "
                                                   "assessment payload (default true)")],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [
                *(_ref(f"{n}Payload") for n in _SUBJECTS), *(_ref(n) for n in _SUBJECTS)]}}}},
            "responses": {**_json(_ref("AssessResult"), "the assessment"), **_problems(*auth, 404, 409, 413, 415,
                                                                                        422)}}},
        "/assess/batch": {"post": {
            "operationId": "assessBatch", "summary": "Assess a batch: one subject (payload or bare object) a line "
            "in, one BatchLine a line out, in order; memory stays flat in the number of lines",
            "parameters": [*_ASSESS_PARAMS, _param("full", "query", _BOOL, "true: each record with the results "
                                                   "behind it (default false)")],
            "requestBody": {"required": True, "content": {BATCH_MEDIA_TYPE: {"schema": {
                "type": "string", "description": "lines, each a subject as POST /assess takes it"}}}},
            "responses": {"200": {"description": "one BatchLine (components/schemas/BatchLine) a line, in the order of "
                                                 "the rows; a row that could not be assessed has its problems, each "
                                                 "with its path ($[0] is the first row), in 'error'",
                                  "content": {BATCH_MEDIA_TYPE: {"schema": {"type": "string"}}}},
                          **_problems(*auth, 404, 413, 415, 422)}}},
        "/schema": {"get": {
            "operationId": "jsonSchema", "summary": "The JSON Schema of the payloads (or of one type's data)",
            "parameters": [_param("type", "query", {"enum": sorted(_payload_names())}, "one type's data")],
            "responses": {**_json({"type": "object"}, "a JSON Schema (draft 2020-12)"), **_problems(*auth, 422)}}},
        "/openapi.json": {"get": {
            "operationId": "openapi", "summary": "This document",
            "responses": {**_json({"type": "object"}, "the OpenAPI document"), **_problems(*auth)}}},
    }


def _payload_names() -> list[str]:
    return [v["properties"]["type"]["const"] for v in payload_schema()["oneOf"]]


def openapi_document(*, secured: bool = False, root_path: str = "") -> dict[str, Any]:
    """The service's OpenAPI 3.1 document; ``secured``: every path but ``/health`` needs the bearer token;
    ``root_path``: the prefix a reverse proxy serves the service under."""
    schema = payload_schema()
    schemas: dict[str, Any] = {name: _moved(s) for name, s in schema["$defs"].items()}
    for variant in schema["oneOf"]:
        schemas[f"{variant['properties']['type']['const']}Payload"] = _moved(copy.deepcopy(variant))
    clash = set(schemas) & set(_service_schemas())
    if clash:  # pragma: no cover - a new library type named like a service envelope
        raise ValueError(f"schema names used twice: {sorted(clash)}")
    schemas.update(_service_schemas())
    results = results_schema()
    for name, s in results["$defs"].items():
        schemas.setdefault(name, _moved(s))
    record = _moved(results["properties"]["data"]["items"])
    schemas["Record"] = record
    # a batch line is a record (error rows included: their problems are in "error"), with its explanation when asked
    schemas["BatchLine"] = {**record, "title": "BatchLine", "properties": {
        **record["properties"], "explanation": {"type": "string", "description": "with explain=true"}}}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "ntp_criteria", "version": str(SCHEMA_VERSION),
                 "description": "Vietnam's national target programme rules as cited data, and assessments by them. "
                                "Payloads are those of ntp_criteria.io.json (schema version "
                                f"{SCHEMA_VERSION}); errors are RFC 9457 problem documents."},
        "servers": [{"url": root_path or "/"}],
        "paths": _paths(secured),
        "components": {"schemas": schemas},
    }
    if secured:
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        doc["security"] = [{"bearer": []}]
    return doc
