"""The OpenAPI document is valid (openapi-spec-validator), and a client derived from it alone round-trips an
assessment against the real server.

The client knows nothing of the library: it reads the document, finds each operation by its ``operationId``,
checks the parameters and the request body against the document's schemas before sending, and checks every answer
(status, media type, body) against the response the document declares for it (jsonschema, draft 2020-12). What
it gets back is then read with the library, which must find the same assessment it makes in process: if the
document described anything but what the service does, a call here would fail.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from openapi_spec_validator import validate

import ntp_criteria as ntp
from ntp_criteria.io import json as nj
from ntp_criteria.io.http import openapi_document

from ._http import shared_server


class DerivedClient:
    """A client made from an OpenAPI document at run time: ``call(operation_id, body, **params)``."""

    def __init__(self, http: httpx.Client, document: dict[str, Any]) -> None:
        self.http, self.components = http, document["components"]
        self.operations = {op["operationId"]: (method.upper(), path, op)
                           for path, item in document["paths"].items() for method, op in item.items()}

    def _check(self, value: Any, schema: dict[str, Any]) -> None:
        jsonschema.Draft202012Validator({**schema, "components": self.components}).validate(value)

    def call(self, operation_id: str, body: Any = None, **params: str) -> tuple[int, Any]:
        method, path, op = self.operations[operation_id]
        declared = {p["name"]: p for p in op.get("parameters", [])}
        assert set(params) <= set(declared), f"{operation_id} takes {sorted(declared)}"
        query = {}
        for name, p in declared.items():
            if name not in params:
                assert not p["required"], f"{operation_id} needs {name}"
                continue
            self._check(params[name], p["schema"])
            if p["in"] == "path":
                path = path.replace("{" + name + "}", params[name])
            else:
                query[name] = params[name]
        if body is not None:
            self._check(body, op["requestBody"]["content"]["application/json"]["schema"])
        response = self.http.request(method, path, params=query, json=body)
        answer = op["responses"].get(str(response.status_code))
        assert answer is not None, f"{operation_id}: {response.status_code} is not in the document"
        media = response.headers["content-type"].split(";")[0]
        assert media in answer["content"], f"{operation_id}: {media} is not in the document"
        data = response.json()
        self._check(data, answer["content"][media]["schema"])
        return response.status_code, data


@pytest.fixture(scope="module")
def client() -> Iterator[DerivedClient]:
    with httpx.Client(base_url=shared_server(), timeout=60) as http:
        yield DerivedClient(http, http.get("/openapi.json").json())


def test_the_openapi_document_is_valid() -> None:
    validate(openapi_document(secured=True, root_path="/ntp"))  # the plain one is validated as served, below


def test_the_document_served_is_the_generated_one(client: DerivedClient) -> None:
    status, served = client.call("openapi")
    assert status == 200 and served == json.loads(json.dumps(openapi_document()))
    validate(served)


def test_every_payload_schema_comes_from_the_library() -> None:
    from ntp_criteria.io.schema import payload_schema

    schemas = openapi_document()["components"]["schemas"]
    library = payload_schema()
    for name in library["$defs"]:
        text = json.dumps(library["$defs"][name]).replace("#/$defs/", "#/components/schemas/")
        assert schemas[name] == json.loads(text), name


def test_a_derived_client_round_trips_an_assessment(client: DerivedClient) -> None:
    household = nj.structure({"id": "hh-7", "area": "urban", "reference_date": "2025-03-01",
                              "monthly_income_per_capita": 1_900_000,
                              "deprived": ["water", "latrine", "health_insurance"]}, ntp.Household)
    status, answer = client.call("assess", nj.to_payload(household), explain="true", lang="vi")
    assert status == 200
    expected = ntp.assess(household)
    assert nj.from_payload(answer["assessment"], ntp.Assessment) == expected
    assert answer["explanation"] == expected.explain("vi")
    assert answer["record"]["outcome"] == expected.outcome.value  # type: ignore[union-attr]
    # the bare subject object the document allows too
    status, bare = client.call("assess", nj.unstructure(household), full="false")
    assert bare["record"] == answer["record"]


def test_the_other_operations_answer_as_documented(client: DerivedClient) -> None:
    assert client.call("health")[0] == 200
    status, rulesets = client.call("listRulesets", family="poverty.household")
    assert [nj.from_payload(p) for p in rulesets] == list(ntp.rulesets("poverty.household"))
    status, rs = client.call("rulesetInForce", family="ntm.commune", on="2024-11-15")
    assert nj.from_payload(rs) == ntp.ruleset("ntm.commune", dt.date(2024, 11, 15))
    assert client.call("listInstruments")[0] == 200
    assert client.call("listProgrammes", on="2024-11-15")[0] == 200
    assert client.call("jsonSchema", type="Household")[0] == 200
    # errors are documented too: each is a ProblemDetails
    assert client.call("rulesetInForce", family="nope", on="2024-11-15")[0] == 404
    assert client.call("rulesetInForce", family="poverty.household", on="2015-06-01")[0] == 409
    status, problem = client.call("assess", {"area": "rural", "reference_date": "2024-11-15", "deprived": ["wifi"]})
    assert status == 422 and problem["errors"][0]["path"].startswith("$.deprived")  # valid JSON, unknown code
