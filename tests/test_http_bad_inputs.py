"""The library's catalogue of bad inputs, replayed through the HTTP service: each gets an answer or a problem
document with the field path of every problem, never a 500 and never a traceback.

The inputs are the fuzzers' own (``fuzz/corpus``: the payloads, subjects and batches the 1 M-input runs kept, and
the pools of wrong values of ``fuzz/fuzz_inputs.py`` that tests/test_entry_points.py also draws from: look-alike
codes, non-finite and huge numbers, wrong types, odd dates), each value put in each field of a household or a
commune, plus what only HTTP can send: bodies that are not UTF-8, not JSON, nested too deeply, too large, of the
wrong media type, and bad query parameters on every endpoint.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from ._http import shared_server

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
#: what a request may get: an answer, or a refusal the client can act on
ANSWERS = {200, 404, 409, 413, 415, 422}
KINDS = ("household", "commune", "village")


def _fuzz_pools() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_inputs_for_http", ROOT / "fuzz" / "fuzz_inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    argv, sys.argv = sys.argv, ["fuzz_inputs.py", "--plain"]  # no coverage instrumentation
    try:
        spec.loader.exec_module(module)
    finally:
        sys.argv = argv
    return module


FUZZ = _fuzz_pools()


def _json(value: Any) -> Any:
    """``value`` as JSON data, or ``...`` when JSON cannot hold it (bytes, sets, objects)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**4000:
        return ...  # written by hand below: Python will not print it
    if isinstance(value, list | tuple):
        items = [_json(v) for v in value]
        return ... if any(v is ... for v in items) else items
    if isinstance(value, dict):
        items = {str(k): _json(v) for k, v in value.items()}
        return ... if any(v is ... for v in items.values()) else items
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return ...


def _wrong_values() -> list[Any]:
    pool = [*FUZZ.WRONG, *FUZZ.ODD_NUMBERS, *FUZZ.ODD_DATES]
    return [v for v in (_json(v) for v in pool) if v is not ...]


HOUSEHOLD = {"area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": 1_000_000,
             "deprivation_count": 4}
COMMUNE = {"name": "Xã A", "reference_date": "2024-11-15", "region": "tn", "facts": {"poverty_rate": 12}}


def _households() -> Iterator[dict[str, Any]]:
    wrong = _wrong_values()
    for field in (*HOUSEHOLD, "members", "dwelling", "devices", "hears_loudspeaker", "deprived", "not_deprived", "id"):
        for value in wrong:
            yield {**HOUSEHOLD, field: value}
    yield {k: v for k, v in HOUSEHOLD.items() if k != "area"}
    for code in FUZZ.HOUSEHOLD_CODES[:6]:
        yield {**HOUSEHOLD, "deprived": FUZZ.lookalikes(code)}
    for word in ("rural", "urban"):
        for look in FUZZ.lookalikes(word):
            yield {**HOUSEHOLD, "area": look}
    for day in FUZZ.DATES:
        yield {**HOUSEHOLD, "reference_date": day.isoformat()}
    for name, (_, odd) in FUZZ._MEMBER_FIELDS.items():
        for value in (_json(v) for v in odd):
            if value is not ...:
                yield {**HOUSEHOLD, "members": [{"age": 30, name: value}]}
    for name, (_, odd) in FUZZ._DWELLING_FIELDS.items():
        for value in (_json(v) for v in odd):
            if value is not ...:
                yield {**HOUSEHOLD, "dwelling": {name: value}}


def _communes() -> Iterator[dict[str, Any]]:
    for value in _wrong_values():
        for field in ("name", "reference_date", "region", "province", "flags", "facts", "observations"):
            yield {**COMMUNE, field: value}
        yield {**COMMUNE, "facts": {"poverty_rate": value}}
    for fact in FUZZ.FACT_NAMES[:8]:
        for look in FUZZ.lookalikes(fact)[:4]:
            yield {**COMMUNE, "facts": {look: 1}}
    for code in FUZZ.UNIT_CODES[:8]:
        yield {**COMMUNE, "observations": {code: True}, "facts": {}}
        for look in FUZZ.lookalikes(code)[:3]:
            yield {**COMMUNE, "observations": {look: True}}
    for province in FUZZ.PROVINCES:
        yield {k: v for k, v in {**COMMUNE, "province": province}.items() if k != "region"}
    for flag in FUZZ.FLAGS[:6]:
        yield {**COMMUNE, "flags": [flag, *FUZZ.lookalikes(flag)[:2]]}


#: bodies only HTTP can send
RAW_BODIES = [
    b"", b" ", b"null", b"1", b'"household"', b"[]", b"{}", b"\xff\xfe{\x00}\x00", b"\xef\xbb\xbf{}",
    "{}".encode("utf-16"), b'{"area": "rural", "area": "urban", "reference_date": "2024-11-15"}',
    b'{"area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": NaN}',
    b'{"area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": Infinity}',
    b'{"area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": 1' + b"0" * 5000 + b"}",
    b'{"area": "rural", "reference_date": "2024-11-15", "deprivation_count": -1' + b"0" * 5000 + b"}",
    b'{"area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": 1e400}',
    b'{"area": "rural", "reference_date": "2024-11-15", "id": "\\ud800"}',
    b'{"area": "rural\x00", "reference_date": "2024-11-15"}',
    b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    b'{"schema_version": 99, "type": "Household", "data": {}}',
    b'{"schema_version": true, "type": "Household", "data": {}}',
    b'{"schema_version": 1, "type": "Assessment", "data": {}}',
    b'{"schema_version": 1, "type": "Nope", "data": {}}',
    b'{"schema_version": 1, "type": "Household", "data": {}, "extra": 1}',
    b'{"schema_version": 1, "type": ["Household"], "data": {}}',
]


def _check(response: httpx.Response, what: str) -> None:
    assert response.status_code in ANSWERS, f"{what}: {response.status_code} {response.text[:500]}"
    assert "Traceback" not in response.text and 'File "' not in response.text, what
    if response.status_code == 200:
        return
    assert response.headers["content-type"] == "application/problem+json", what
    doc = response.json()
    assert doc["status"] == response.status_code and doc["title"] and doc["detail"], what
    if response.status_code == 422:
        assert doc["errors"] and all(e["path"].startswith("$") and e["message"] for e in doc["errors"]), what


def _check_batch(response: httpx.Response, what: str) -> None:
    _check(response, what)
    if response.status_code != 200:
        return
    for n, text in enumerate(response.text.splitlines(), 1):
        line = json.loads(text)
        assert line["row"] == n, what
        if line["error"] is not None:
            assert line["error"] and all(p["path"].startswith(f"$[{n - 1}]") and p["message"]
                                         for p in line["error"]), (what, line)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=shared_server(), timeout=120) as c:
        yield c


def _corpus(tmp: Path) -> Path:
    """The fuzzers' corpora where a fuzz run left them (git-ignored); else the seeds they start from, written to
    ``tmp`` by fuzz/seed_corpus.py (a clean checkout, as in CI)."""
    if all((CORPUS / d).is_dir() for d in ("json", "json_assess", "batch", "household", "unit")):
        return CORPUS
    spec = importlib.util.spec_from_file_location("seed_corpus", ROOT / "fuzz" / "seed_corpus.py")
    assert spec is not None and spec.loader is not None
    seeds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seeds)
    seeds.ROOT = tmp  # type: ignore[attr-defined]
    seeds.main()  # type: ignore[attr-defined]
    return tmp


def test_the_fuzz_corpora_through_the_api(client: httpx.Client, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    files = sorted(p for d in ("json", "json_assess", "batch", "household", "unit") for p in (corpus / d).iterdir())
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        what = f"{path.parent.name}/{path.name}"
        if path.parent.name == "json":
            _check(client.post("/assess", content=data), what)
        elif path.parent.name == "json_assess" and data:
            kind = (None, *KINDS)[data[0] % 4]
            _check(client.post("/assess", content=data[1:], params={"kind": kind} if kind else {}), what)
        elif path.parent.name == "batch" and data:
            kind = KINDS[(data[0] // 2) % 3]
            text = data[1:]
            try:  # a JSON list of subjects becomes one line each; anything else is sent as it is
                items = json.loads(text)
                lines = b"\n".join(json.dumps(i).encode() for i in (items if isinstance(items, list) else [items]))
            except (ValueError, RecursionError):
                lines = text
            _check_batch(client.post("/assess/batch", content=lines, params={"kind": kind}), what)
        else:
            _check(client.post("/assess", content=data), what)
            _check_batch(client.post("/assess/batch", content=data), what)


def test_every_wrong_value_in_every_field(client: httpx.Client) -> None:
    households = list(dict.fromkeys(json.dumps(h) for h in _households()))
    communes = list(dict.fromkeys(json.dumps(c, ensure_ascii=False) for c in _communes()))
    assert len(households) > 300 and len(communes) > 100
    refused = 0
    for text in households:
        response = client.post("/assess", content=text.encode(), params={"full": "false"})
        _check(response, text)
        refused += response.status_code != 200
    for text in communes:
        _check(client.post("/assess", content=text.encode(), params={
            "kind": "commune", "family": "ethnic.commune", "full": "false", "explain": "true", "lang": "en"}), text)
    assert refused > len(households) // 2  # most of them are wrong, and said to be
    # the same inputs as one batch each: every bad row is its own record, with its row's path
    _check_batch(client.post("/assess/batch", content="\n".join(households).encode(), params={"strict": "true"}),
                 "households")
    _check_batch(client.post("/assess/batch", content="\n".join(communes).encode(), params={"kind": "commune"}),
                 "communes")


def test_what_only_http_can_send(client: httpx.Client) -> None:
    for body in RAW_BODIES:
        for kind in KINDS:
            _check(client.post("/assess", content=body, params={"kind": kind}), repr(body[:80]))
        _check_batch(client.post("/assess/batch", content=body), repr(body[:80]))
        _check_batch(client.post("/assess/batch", content=body + b"\n" + body), repr(body[:80]))
    for media in ("text/plain", "application/xml", "application/json; charset=utf-16", "multipart/form-data", ";",
                  "application/json; charset"):
        _check(client.post("/assess", content=b"{}", headers={"content-type": media}), media)
        _check(client.post("/assess/batch", content=b"{}", headers={"content-type": media}), media)
    _check(client.post("/assess", content=b"{" + b" " * 1_100_000 + b"}"), "too large")


def test_odd_query_parameters_on_every_endpoint(client: httpx.Client) -> None:
    values = ["", " ", "yes", "2024-02-30", "2024-11-15T00:00", "0001-01-01", "x" * 5000, "\x00", "\u200b",
              *FUZZ.lookalikes("poverty.household")[:3]]
    names = ["on", "family", "kind", "strict", "strict_inputs", "explain", "lang", "full", "type", "unknown"]
    for value in values:
        params = dict.fromkeys(names, value)  # every parameter at once: each one's problem is listed
        what = f"{value[:40]!r}"
        for path in ("/rulesets", "/rulesets/poverty.household", "/instruments", "/programmes", "/schema", "/health",
                     "/openapi.json"):
            response = client.get(path, params=params)
            _check(response, f"GET {path}?{what}")
            assert response.status_code == 422 and "$.unknown" in {e["path"] for e in response.json()["errors"]}
        _check(client.post("/assess", json=HOUSEHOLD, params=params), f"POST /assess?{what}")
        _check_batch(client.post("/assess/batch", content=json.dumps(HOUSEHOLD).encode(), params=params),
                     f"POST /assess/batch?{what}")
        for name in ("on", "family"):
            _check(client.get("/rulesets", params={name: value}), f"GET /rulesets?{name}={what}")
            _check(client.post("/assess", json=HOUSEHOLD, params={name: value}), f"POST /assess?{name}={what}")
    for family in [*FUZZ.FAMILIES, *FUZZ.lookalikes("ntm.commune"), "%2e%2e", "..", "a/b"]:
        _check(client.get(f"/rulesets/{family}", params={"on": "2024-11-15"}), family)
