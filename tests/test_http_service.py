"""The HTTP service as a client sees it: a real server process on a loopback port, spoken to over HTTP (httpx).

Every answer is compared with what the library says in process: the payloads read back into the same values, the
records are the CLI's, the errors carry the library's paths and reasons as RFC 9457 problem documents.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import ntp_criteria as ntp
from ntp_criteria.io import cli
from ntp_criteria.io import json as nj
from ntp_criteria.io.records import record

from ._http import running_server, shared_server

ON = dt.date(2024, 11, 15)
HOUSEHOLD = {"id": "h-1", "area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": 1_000_000,
             "deprivation_count": 4}
TOKEN = "s3cret-token-for-the-tests-0123456789"


@pytest.fixture(scope="module")
def url() -> str:
    return shared_server()


@pytest.fixture(scope="module")
def client(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=60) as c:
        yield c


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is a problem document with this status (RFC 9457), never a traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    doc = response.json()
    assert doc["status"] == status and doc["title"] and doc["detail"] and doc["type"]
    assert "Traceback" not in response.text
    return doc  # type: ignore[no-any-return]


def _paths(doc: dict[str, Any]) -> set[str]:
    return {e["path"] for e in doc["errors"]}


# --- reading the rules -----------------------------------------------------------------------------------------

def test_health(client: httpx.Client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["schema_version"] == nj.SCHEMA_VERSION
    assert body["rulesets"] == len(ntp.default_catalogue().rulesets) and body["packs"] == []


def test_ruleset_in_force_is_the_librarys_with_every_number_cited(client: httpx.Client) -> None:
    r = client.get("/rulesets/poverty.household", params={"on": "2024-11-15"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    got = nj.from_payload(r.json(), ntp.Ruleset)
    assert got == ntp.ruleset("poverty.household", ON)
    thresholds = [t for _, i in got.indicators() for t in i.thresholds]
    assert thresholds and all(t.provenance.cite and t.provenance.status for t in thresholds)


def test_rulesets_filtered_by_family_and_date(client: httpx.Client) -> None:
    r = client.get("/rulesets", params={"family": "poverty.household", "on": "2024-11-15"})
    assert [nj.from_payload(p) for p in r.json()] == list(ntp.rulesets("poverty.household", on=ON))
    everything = client.get("/rulesets").json()
    assert len(everything) == len(ntp.rulesets())


def test_instruments_and_programmes(client: httpx.Client) -> None:
    instruments = [nj.from_payload(p) for p in client.get("/instruments").json()]
    assert instruments == list(ntp.default_catalogue().instruments)
    running = [nj.from_payload(p) for p in client.get("/programmes", params={"on": "2024-11-15"}).json()]
    assert running == list(ntp.programmes(ON)) and running
    assert len(client.get("/programmes").json()) == len(ntp.programmes())


def test_schema_is_the_librarys(client: httpx.Client) -> None:
    from ntp_criteria.io.schema import json_schema, payload_schema

    assert client.get("/schema").json() == json.loads(json.dumps(payload_schema()))
    assert client.get("/schema", params={"type": "Household"}).json() == json.loads(
        json.dumps(json_schema(ntp.Household)))


# --- assessing -----------------------------------------------------------------------------------------------

def test_assess_round_trips_to_the_librarys_assessment(client: httpx.Client) -> None:
    r = client.post("/assess", json=HOUSEHOLD, params={"explain": "true", "lang": "vi"})
    assert r.status_code == 200, r.text
    body = r.json()
    expected = ntp.assess(nj.structure(HOUSEHOLD, ntp.Household))
    assert nj.from_payload(body["assessment"], ntp.Assessment) == expected
    assert body["record"] == json.loads(json.dumps(record(expected)))
    assert body["explanation"] == expected.explain("vi")
    assert body["record"]["outcome"] == "poor"


def test_assess_takes_a_payload_and_the_options(client: httpx.Client) -> None:
    hh = nj.structure(HOUSEHOLD, ntp.Household)
    r = client.post("/assess", content=nj.dumps(hh), headers={"content-type": "application/json"},
                    params={"full": "false", "strict": "verified"})
    body = r.json()
    assert set(body) == {"record"}
    assert body["record"] == json.loads(json.dumps(record(ntp.assess(hh, strict=ntp.Status.VERIFIED))))
    assert body["record"]["decided"] is False  # the count of deprivations rests on a number not read in the text
    explained = client.post("/assess", json=HOUSEHOLD, params={"explain": "true", "lang": "en", "full": "false"})
    assert explained.json()["explanation"] == ntp.assess(hh).explain("en")


def test_assess_a_commune_by_another_family(client: httpx.Client) -> None:
    commune = {"name": "Xã A", "reference_date": "2024-11-15", "region": "tn", "facts": {"poverty_rate": 12}}
    r = client.post("/assess", json=commune, params={"kind": "commune", "family": "ethnic.commune", "full": "false"})
    unit = nj.structure(commune, ntp.Commune)
    assert r.json()["record"] == json.loads(json.dumps(record(ntp.assess(unit, ntp.ruleset("ethnic.commune", ON)))))


def test_batch_lines_are_the_records_of_the_cli(client: httpx.Client) -> None:
    from ntp_criteria.io.batch import BatchAssessor, read_subjects

    rows = [HOUSEHOLD, {**HOUSEHOLD, "id": "h-2", "monthly_income_per_capita": 2_000_000}, {"area": "rurl"},
            {**HOUSEHOLD, "reference_date": "2010-01-01"}, nj.to_payload(nj.structure(HOUSEHOLD, ntp.Household))]
    text = "\n".join(json.dumps(r) for r in rows) + "\n\n"
    r = client.post("/assess/batch", content=text.encode(), headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    got = [json.loads(line) for line in r.text.splitlines()]
    import io

    batch = BatchAssessor()
    for line, row in zip(got, read_subjects(io.StringIO(text), "jsonl", "household"), strict=True):
        assert line["row"] == row.number
        if row.error is not None:
            assert line["error"] == [{"path": p.path, "message": p.message} for p in row.error.problems]
        elif row.subject.reference_date.year >= 2016:
            assert line == json.loads(json.dumps(batch.summary(row.subject, row.number)))
    assert [e["path"] for e in got[2]["error"]] == ["$[2].area", "$[2].reference_date"]
    assert got[3]["error"][0]["path"] == "$[3].reference_date" and "2016-01-01" in got[3]["error"][0]["message"]
    full = client.post("/assess/batch", content=text.encode(), params={"full": "true", "explain": "true",
                                                                        "lang": "en"}).text.splitlines()
    first = json.loads(full[0])
    assert first["explanation"] == ntp.assess(nj.structure(HOUSEHOLD, ntp.Household)).explain("en")
    assert first["ruleset"]["family"] == "poverty.household" and first["criteria"]


# --- errors as problem documents ---------------------------------------------------------------------------------

def test_bad_input_names_every_field_path(client: httpx.Client) -> None:
    doc = _problem(client.post("/assess", json={"area": "rurl", "reference_date": "2024-13-01", "x": 1}), 422)
    assert _paths(doc) == {"$.area", "$.reference_date", "$.x"}
    assert {e["in"] for e in doc["errors"]} == {"body"}
    payload = nj.to_payload(nj.structure(HOUSEHOLD, ntp.Household))
    payload["data"]["members"] = [{"age": -3}]
    assert "$.data.members[0].age" in _paths(_problem(client.post("/assess", json=payload), 422))


def test_bad_query_parameters_are_refused_not_dropped(client: httpx.Client) -> None:
    doc = _problem(client.post("/assess", json=HOUSEHOLD, params=[("strict", "yes"), ("lang", "fr"), ("colour", "x"),
                                                                   ("explain", "true"), ("explain", "false")]), 422)
    assert _paths(doc) == {"$.strict", "$.lang", "$.colour", "$.explain"}
    assert {e["in"] for e in doc["errors"]} == {"query"}
    assert _paths(_problem(client.get("/rulesets/poverty.household"), 422)) == {"$.on"}
    assert _paths(_problem(client.get("/rulesets", params={"on": "2024-02-30"}), 422)) == {"$.on"}


def test_unknown_family_is_404_and_no_ruleset_in_force_is_409(client: httpx.Client) -> None:
    doc = _problem(client.get("/rulesets/poverty.houshold", params={"on": "2024-11-15"}), 404)
    assert "poverty.household" in doc["known"] and "did you mean 'poverty.household'" in doc["detail"]
    _problem(client.post("/assess", json=HOUSEHOLD, params={"family": "nope"}), 404)
    _problem(client.post("/assess/batch", content=b"{}\n", params={"family": "nope"}), 404)
    doc = _problem(client.get("/rulesets/poverty.household", params={"on": "2015-06-01"}), 409)
    with pytest.raises(ntp.NoRulesetInForce) as exc:
        ntp.ruleset("poverty.household", dt.date(2015, 6, 1))
    assert doc["reason"] == exc.value.why and doc["on"] == "2015-06-01" and doc["family"] == "poverty.household"
    _problem(client.post("/assess", json={**HOUSEHOLD, "reference_date": "2015-06-01"}), 409)


def test_too_large_bodies_and_lines_are_413(client: httpx.Client) -> None:
    big = b'{"area": "rural", "reference_date": "2024-11-15", "id": "' + b"x" * 2_000_000 + b'"}'
    assert _problem(client.post("/assess", content=big, headers={"content-type": "application/json"}), 413)
    chunks = (big[i:i + 65_536] for i in range(0, len(big), 65_536))  # no Content-Length: counted as it comes
    _problem(client.post("/assess", content=chunks, headers={"content-type": "application/json"}), 413)
    lines = json.dumps(HOUSEHOLD).encode() + b"\n" + big + b"\n"
    assert "line 2" in _problem(client.post("/assess/batch", content=lines), 413)["detail"]


def test_other_refusals(client: httpx.Client) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}  # what curl -d sends unless told
    assert "Content-Type: application/json" in _problem(client.post("/assess", content=b"a=1", headers=form), 415)[
        "detail"]
    _problem(client.post("/assess", content=b"{}", headers={"content-type": "application/json; charset=latin-1"}), 415)
    _problem(client.get("/assess"), 405)
    _problem(client.get("/nowhere"), 404)
    assert _paths(_problem(client.post("/assess", json=[HOUSEHOLD]), 422)) == {"$"}
    assert _paths(_problem(client.post("/assess", json=nj.to_payload(ntp.ruleset("poverty.household", ON))),
                           422)) == {"$.type"}
    assert _paths(_problem(client.post("/assess/batch", content=b'{"area": "rural"}\n\xff\xfe\n'), 422)) == {"$[1]"}


# --- access --------------------------------------------------------------------------------------------------------

def test_bearer_token_and_cors(tmp_path: Path, url: str) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    with running_server("--token-file", str(token_file), "--cors-origin", "https://portal.example.gov.vn") as (
            secured, _), httpx.Client(base_url=secured) as c:
        assert c.get("/health").status_code == 200  # for the proxy's health check
        doc = _problem(c.get("/rulesets"), 401)
        assert doc["title"] == "Unauthorized"
        assert c.get("/rulesets").headers["www-authenticate"].startswith("Bearer")
        _problem(c.post("/assess", json=HOUSEHOLD, headers={"authorization": "Bearer wrong"}), 401)
        ok = c.post("/assess", json=HOUSEHOLD, headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        assert c.get("/openapi.json", headers={"authorization": f"Bearer {TOKEN}"}).json()["security"]
        preflight = c.options("/assess", headers={"origin": "https://portal.example.gov.vn",
                                                  "access-control-request-method": "POST"})
        assert preflight.headers["access-control-allow-origin"] == "https://portal.example.gov.vn"
    # CORS is off by default: no browser origin is allowed
    plain = httpx.get(f"{url}/health", headers={"origin": "https://portal.example.gov.vn"})
    assert "access-control-allow-origin" not in plain.headers


def test_a_token_file_that_cannot_serve_is_refused_at_start(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    short = tmp_path / "short"
    short.write_text("abc\n", encoding="utf-8")
    for path in (short, tmp_path / "missing"):
        assert cli.main(["serve", "--port", str(0), "--token-file", str(path)]) == cli.EXIT_UNUSABLE  # never serves
        err = capsys.readouterr().err
        assert "$.token_file" in err and str(path) in err and "Traceback" not in err


# --- the extra stays out of the core ---------------------------------------------------------------------------

def test_importing_the_library_imports_no_web_framework() -> None:
    code = ("import sys, ntp_criteria, ntp_criteria.io, ntp_criteria.io.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'anyio', 'httpx')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_serve_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    assert cli.main(["serve"]) == cli.EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "pip install 'ntp-criteria[serve]'" in err and "uvicorn" in err
