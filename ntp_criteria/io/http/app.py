"""The ASGI application of the HTTP service (Starlette): the library's payloads over HTTP, nothing else.

Starlette is a toolkit, not a model layer: a handler reads the body with the library's own strict JSON reader and
cattrs converter (:mod:`ntp_criteria.io.json`), assesses as the CLI's batches do
(:class:`~ntp_criteria.io.batch.BatchAssessor`, :func:`~ntp_criteria.io.batch.read_subjects`) and writes the
same versioned payloads. Every request is answered from the immutable catalogue given at start; no endpoint writes
anything. Errors are RFC 9457 problem documents (:mod:`ntp_criteria.io.http.problems`).

```pycon
>>> from ntp_criteria.io.http import create_app
>>> app = create_app(max_body=65_536)
>>> sorted(r.path for r in app.routes)[:4]
['/assess', '/assess/batch', '/health', '/instruments']

```
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import hmac
import importlib.metadata
import json as _stdlib_json
import logging
import re
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import IO, Any, TextIO, cast

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ...catalogue import Catalogue, default_catalogue, rulesets
from ...core._validate import shown
from ...core.errors import CriteriaError, InputError, NoRulesetInForce, Problem
from ...core.model import Status
from ...core.subjects import Subject
from ..batch import KINDS, BatchAssessor, read_subjects
from ..json import SCHEMA_VERSION, TYPES, from_payload, strict_json, structure, to_payload
from ..records import error_record, full_record, record
from ..schema import json_schema, payload_schema
from ._lines import BodyLines
from .openapi import BATCH_MEDIA_TYPE, PROBLEM_MEDIA_TYPE, openapi_document
from .problems import BodyTooLarge, UnsupportedMediaType, problem, problem_of

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

#: the largest body (and batch line) the service reads by default: 1 MiB
DEFAULT_MAX_BODY = 1_048_576
#: a batch's results are held in memory up to this size, then in a temporary file deleted with the response
_SPOOL_IN_MEMORY = 4 * 1_048_576
#: after a refusal, this much more of the body is read and dropped, so that a client still sending gets the answer
_DRAIN = 64 * 1_048_576
#: a body up to this size is assessed on the event loop; a larger one in a worker thread, so others are not held up
_INLINE = 16_384
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_JSON_TYPES = ("application/json",)
_BATCH_TYPES = (BATCH_MEDIA_TYPE, "application/ndjson", "application/jsonl", "application/x-jsonlines",
                "application/json")
_SUBJECT_TYPES = {cls.__name__: cls for cls in KINDS.values()}
_log = logging.getLogger("ntp_criteria.http")


# --- query parameters ------------------------------------------------------------------------------------------

def _day(text: str) -> dt.date:
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(text)}")


def _choice(*options: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(f"expected one of {', '.join(options)}, got {shown(text)}")
        return text

    return parse


def _flag(text: str) -> bool:
    return _choice("true", "false")(text) == "true"


_STRICT: dict[str, bool | Status] = {"false": False, "true": True, "verified": Status.VERIFIED}


def _strict(text: str) -> bool | Status:
    return _STRICT[_choice(*_STRICT)(text)]


def _name(text: str) -> str:
    if not text.strip() or text != text.strip():
        raise ValueError(f"expected a family name, got {shown(text)}")
    return text


_ASSESS_QUERY: dict[str, Callable[[str], Any]] = {
    "kind": _choice(*KINDS), "family": _name, "strict": _strict, "strict_inputs": _flag, "explain": _flag,
    "lang": _choice("vi", "en"), "full": _flag}


def _query(request: Request, accepted: Mapping[str, Callable[[str], Any]]) -> dict[str, Any]:
    """The query's parameters, each parsed; an unknown, repeated or bad one is an InputError (nothing is dropped)."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    counts = collections.Counter(key for key, _ in request.query_params.multi_items())
    for key, value in request.query_params.items():  # each key once
        path = f"$.{key}"
        if key not in accepted:
            known = f"accepted: {', '.join(accepted)}" if accepted else "this endpoint takes no parameters"
            problems.append(Problem(path, f"unknown parameter ({known})"))
        elif counts[key] > 1:
            problems.append(Problem(path, f"given {counts[key]} times (which value counts?)"))
        else:
            try:
                out[key] = accepted[key](value)
            except ValueError as exc:
                problems.append(Problem(path, str(exc)))
    if problems:
        raise InputError("query", problems)
    return out


def _media_type(request: Request, accepted: tuple[str, ...]) -> None:
    """The body is JSON (``+json`` types too) or one of ``accepted``, in UTF-8; no Content-Type is taken as JSON."""
    header = request.headers.get("content-type")
    if header is None:
        return
    kind, *params = (part.strip().lower() for part in header.split(";"))
    charset = next((p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")), "utf-8")
    json_like = kind.endswith("+json") and "application/json" in accepted
    if (kind in accepted or json_like) and charset in ("utf-8", "utf8"):
        return
    raise UnsupportedMediaType(f"expected a body of type {' or '.join(accepted[:2])} in UTF-8, got {header!r} (with "
                               f"curl: -H 'Content-Type: {accepted[0]}')")


# --- responses ---------------------------------------------------------------------------------------------------

def _dumps(data: Any) -> bytes:
    text = _stdlib_json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode()
    except UnicodeEncodeError:  # a lone surrogate the client sent as "\\ud800": given back as it came, escaped
        return _stdlib_json.dumps(data, separators=(",", ":")).encode()


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def _problem_response(status: int, doc: dict[str, Any], request: Request | None = None,
                      headers: Mapping[str, str] | None = None) -> Response:
    if request is not None:
        doc = {**doc, "instance": request.url.path}
    return Response(_dumps(doc), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


async def _criteria_error(request: Request, exc: Exception) -> Response:
    status, doc = problem_of(cast(CriteriaError, exc))
    return _problem_response(status, doc, request)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = {404: f"no such path: {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
    return _problem_response(exc.status_code, problem(exc.status_code, title, detail.get(exc.status_code,
                                                                                         str(exc.detail))),
                             request, headers=exc.headers)


async def _gone(request: Request, exc: Exception) -> Response:
    """The client closed the connection mid-body: nobody reads an answer, and nothing is wrong with the service."""
    return Response(status_code=400)


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A defect of the service: logged with its traceback on the server, a problem document without it for the
    client."""
    _log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path, exc_info=exc)
    return _problem_response(500, problem(500, "Internal error", "the service failed on this request; the server's "
                                          "log has the details"), request)


# --- the bearer token ----------------------------------------------------------------------------------------------

class _BearerToken:
    """Refuses (401) a request to any path but ``/health`` without ``Authorization: Bearer <token>``."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", "")).removeprefix(str(scope.get("root_path", "")))
        if scope["type"] != "http" or path == "/health":
            await self.app(scope, receive, send)
            return
        scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token):
            await self.app(scope, receive, send)
            return
        doc = problem(401, "Unauthorized", "this service needs 'Authorization: Bearer <token>'", "token",
                      instance=path)
        response = _problem_response(401, doc, headers={"WWW-Authenticate": 'Bearer realm="ntp-criteria"'})
        await response(scope, receive, send)


# --- the service ---------------------------------------------------------------------------------------------------

class _Service:
    """The handlers, over one catalogue."""

    def __init__(self, catalogue: Catalogue, max_body: int, secured: bool, root_path: str) -> None:
        self.catalogue, self.max_body, self.secured, self.root_path = catalogue, max_body, secured, root_path
        self._payloads: dict[int, tuple[Any, bytes]] = {}
        self._documents = functools.lru_cache(maxsize=None)(self._document)

    # GET: the catalogue never changes, so each of its objects' payload is written once and kept, by the object's
    # identity (kept with it, so the identity cannot be reused): memory bounded by the catalogue, whatever the queries
    def _payload(self, obj: Any) -> bytes:
        found = self._payloads.get(id(obj))
        if found is not None and found[0] is obj:
            return found[1]
        if len(self._payloads) > 4096:  # only if a catalogue made its objects anew on each look-up
            self._payloads.clear()
        text = _dumps(to_payload(obj))
        self._payloads[id(obj)] = (obj, text)
        return text

    def _list(self, items: Any) -> bytes:
        return b"[" + b",".join(self._payload(i) for i in items) + b"]"

    def _document(self, name: str, kind: str | None) -> bytes:
        """A schema (of the payloads, or of one type's data) or the OpenAPI document: a handful, each kept."""
        if name == "openapi":
            return _dumps(openapi_document(secured=self.secured, root_path=self.root_path))
        return _dumps(payload_schema() if kind is None else json_schema(TYPES[kind]))

    def _answer(self, path: str, q: dict[str, Any]) -> bytes:
        cat = self.catalogue
        if path == "/rulesets":
            return self._list(rulesets(q.get("family"), on=q.get("on"), catalogue=cat))
        if path == "/ruleset":
            return self._payload(cat.in_force(q["family"], q["on"]))
        if path == "/instruments":
            return self._list(cat.instruments)
        if path == "/programmes":
            on = q.get("on")
            return self._list(sorted((p for p in cat.programmes if on is None or p.in_force(on)), key=lambda p: p.id))
        if path == "/schema":
            return self._documents("schema", q.get("type"))
        return self._documents("openapi", None)

    async def _get(self, path: str, query: dict[str, Any]) -> Response:
        return _json(await run_in_threadpool(self._answer, path, query))

    async def health(self, request: Request) -> Response:
        _query(request, {})
        return _json(_dumps({"status": "ok", "version": importlib.metadata.version("ntp-criteria"),
                             "schema_version": SCHEMA_VERSION, "rulesets": len(self.catalogue.rulesets),
                             "packs": list(self.catalogue.packs)}))

    async def rulesets(self, request: Request) -> Response:
        return await self._get("/rulesets", _query(request, {"family": _name, "on": _day}))

    async def ruleset(self, request: Request) -> Response:
        query = _query(request, {"on": _day})
        family = request.path_params["family"]
        if "on" not in query:
            raise InputError("query", [Problem("$.on", "required: the date the ruleset is to be in force on")])
        self.catalogue.family(family)  # an unknown family is a 404 before anything else
        return await self._get("/ruleset", {**query, "family": family})

    async def instruments(self, request: Request) -> Response:
        return await self._get("/instruments", _query(request, {}))

    async def programmes(self, request: Request) -> Response:
        return await self._get("/programmes", _query(request, {"on": _day}))

    async def schema(self, request: Request) -> Response:
        return await self._get("/schema", _query(request, {"type": _choice(*sorted(TYPES))}))

    async def openapi(self, request: Request) -> Response:
        return await self._get("/openapi.json", _query(request, {}))

    # --- POST /assess ------------------------------------------------------------------------------------------

    def _assessor(self, q: dict[str, Any]) -> BatchAssessor:
        return BatchAssessor(family=q.get("family"), strict=q.get("strict", False),
                             strict_inputs=q.get("strict_inputs", False), catalogue=self.catalogue)

    async def _drain(self, chunks: AsyncIterator[bytes]) -> None:
        """Read and drop what is left of a refused body (up to a bound), so the client reads the refusal."""
        left = _DRAIN
        try:
            async for chunk in chunks:
                left -= len(chunk)
                if left < 0:
                    break
        except ClientDisconnect:
            pass

    async def _body(self, request: Request) -> bytes:
        length = request.headers.get("content-length", "")
        chunks = request.stream()
        if length.isascii() and length.isdigit() and int(length) > self.max_body:
            await self._drain(chunks)
            raise BodyTooLarge(self.max_body)
        parts, size = [], 0
        async for chunk in chunks:
            size += len(chunk)
            if size > self.max_body:
                await self._drain(chunks)
                raise BodyTooLarge(self.max_body)
            parts.append(chunk)
        return b"".join(parts)

    def _subject(self, data: Any, kind: str | None) -> Subject:
        """A subject from a payload (of the type it names) or a bare object (of ``kind``, default household)."""
        if not (isinstance(data, dict) and "schema_version" in data):
            return cast(Subject, structure(data, KINDS[kind or "household"]))
        named = data.get("type")
        cls = _SUBJECT_TYPES.get(named) if isinstance(named, str) else None
        if cls is None:
            raise InputError("payload", [Problem("$.type", f"expected one of {sorted(_SUBJECT_TYPES)} (a subject to "
                                                           f"assess), got {shown(named)}")])
        if kind is not None and cls is not KINDS[kind]:
            raise InputError("query", [Problem("$.kind", f"the body holds a {cls.__name__}, not a {kind}")])
        return cast(Subject, from_payload(data, cls))

    def _assess_one(self, body: bytes, q: dict[str, Any]) -> bytes:
        try:
            text = body.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise InputError("body", [Problem("$", f"not UTF-8 text (byte {exc.start}: {exc.reason})")]) from None
        if text.lstrip().startswith("["):
            raise InputError("body", [Problem("$", "expected one subject (an object); send several to POST "
                                                   "/assess/batch, one a line")])
        subject = self._subject(strict_json(text), q.get("kind"))
        a = self._assessor(q).assess(subject)
        out: dict[str, Any] = {"record": record(a)}
        if q.get("full", True):
            out["assessment"] = to_payload(a)
        if q.get("explain", False):
            out["explanation"] = a.explain(q.get("lang", "vi"))
        return _dumps(out)

    async def assess(self, request: Request) -> Response:
        q = _query(request, _ASSESS_QUERY)
        _media_type(request, _JSON_TYPES)
        body = await self._body(request)
        if len(body) <= _INLINE:  # a few milliseconds of work: a hand-over to a worker thread would cost more
            return _json(self._assess_one(body, q))
        return _json(await run_in_threadpool(self._assess_one, body, q))

    # --- POST /assess/batch ------------------------------------------------------------------------------------

    def _run_batch(self, lines: Iterator[str], out: IO[bytes], q: dict[str, Any]) -> int:
        """Assess the batch's rows as they come (in a worker thread) and write one line each; the rows read."""
        assessor = self._assessor(q)
        full, explain, lang = q.get("full", False), q.get("explain", False), q.get("lang", "vi")
        count = 0
        for row in read_subjects(cast(TextIO, lines), "jsonl", q.get("kind") or "household", family=q.get("family")):
            count = row.number
            line: dict[str, Any]
            try:
                if row.error is not None:
                    out.write(_dumps(_error_line(row.number, row.error, prefixed=True)) + b"\n")
                    continue
                if full or explain:
                    a = assessor.assess(row.subject)
                    line = full_record(a, row.number) if full else record(a, row.number)
                    if explain:
                        line["explanation"] = a.explain(lang)
                else:
                    line = assessor.summary(row.subject, row.number)
            except CriteriaError as exc:
                line = _error_line(row.number, exc)
            out.write(_dumps(line) + b"\n")
        return count

    async def assess_batch(self, request: Request) -> Response:
        q = _query(request, _ASSESS_QUERY)
        _media_type(request, _BATCH_TYPES)
        if q.get("family") is not None:
            self.catalogue.family(q["family"])  # an unknown family is a 404 before the body is read
        chunks = request.stream()
        lines = BodyLines(chunks, self.max_body)
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY, mode="w+b")  # noqa: SIM115 - closed below
        try:
            rows = await anyio.to_thread.run_sync(self._run_batch, lines, spool, q)
        except CriteriaError:
            spool.close()
            await self._drain(chunks)
            raise
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        return StreamingResponse(_spooled(spool), media_type=BATCH_MEDIA_TYPE, headers={"X-Rows": str(rows)})


def _spooled(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := spool.read(65_536):
            yield chunk
    finally:
        spool.close()


def _error_line(row: int, exc: CriteriaError, *, prefixed: bool = False) -> dict[str, Any]:
    """The record of a row that could not be assessed: every problem with its path in the batch (``$[0]`` is the
    first row); a date with no ruleset in force is a problem of the row's ``reference_date``."""
    where = f"$[{row - 1}]"
    if isinstance(exc, InputError):
        problems = list(exc.problems) if prefixed else [Problem(where + p.path[1:], p.message) for p in exc.problems]
    elif isinstance(exc, NoRulesetInForce):
        problems = [Problem(f"{where}.reference_date", str(exc))]
    else:
        problems = [Problem(where, f"{type(exc).__name__}: {exc}")]
    return error_record(row, InputError("batch", problems))


def create_app(catalogue: Catalogue | None = None, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               cors_origins: tuple[str, ...] = (), root_path: str = "") -> Starlette:
    """The service over ``catalogue`` (default: the package's own). ``token``: every path but ``/health`` needs
    ``Authorization: Bearer <token>``; ``max_body``: the largest body, and batch line, read (bytes);
    ``cors_origins``: the web origins allowed to call it from a browser (none by default); ``root_path``: the prefix
    a reverse proxy serves it under (for the OpenAPI document's server URL)."""
    if isinstance(max_body, bool) or not isinstance(max_body, int) or max_body < 1:
        raise InputError("create_app()", [Problem("$.max_body", f"expected a whole number of bytes ≥ 1, got "
                                                                f"{shown(max_body)}")])
    service = _Service(catalogue if catalogue is not None else default_catalogue(), max_body, token is not None,
                       root_path)
    routes = [
        Route("/health", service.health, methods=["GET"]),
        Route("/rulesets", service.rulesets, methods=["GET"]),
        Route("/rulesets/{family}", service.ruleset, methods=["GET"]),
        Route("/instruments", service.instruments, methods=["GET"]),
        Route("/programmes", service.programmes, methods=["GET"]),
        Route("/assess", service.assess, methods=["POST"]),
        Route("/assess/batch", service.assess_batch, methods=["POST"]),
        Route("/schema", service.schema, methods=["GET"]),
        Route("/openapi.json", service.openapi, methods=["GET"]),
    ]
    middleware = []
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type"]))
    if token is not None:
        middleware.append(Middleware(_BearerToken, token=token))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={
        CriteriaError: _criteria_error, HTTPException: _http_error, ClientDisconnect: _gone, Exception: _unexpected})
