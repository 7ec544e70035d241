"""Errors as RFC 9457 problem documents: the library's typed errors, each with the field path of every problem.

| error | status |
|---|---|
| :class:`~ntp_criteria.InputError` (bad input, an unknown code) | 422 |
| :class:`~ntp_criteria.UnknownFamily` | 404 (with the known families) |
| :class:`~ntp_criteria.NoRulesetInForce` | 409 (with the library's reason) |
| :class:`BodyTooLarge` | 413 |

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from ntp_criteria.io.http.problems import problem_of
>>> status, doc = problem_of(ntp.NoRulesetInForce("poverty.household", dt.date(2015, 6, 1), "too early"))
>>> status, doc["title"], doc["reason"]
(409, 'No ruleset in force', 'too early')

```
"""

from __future__ import annotations

from typing import Any

from ...core.errors import (
    ConflictingRules,
    CriteriaError,
    InputError,
    NoRulesetInForce,
    Problem,
    RuleDataError,
    UnknownFamily,
)

__all__ = ["BodyTooLarge", "UnsupportedMediaType", "field_problems", "problem", "problem_of"]

_TYPE = "urn:ntp-criteria:problem:"


class BodyTooLarge(CriteriaError):
    """A request body (or one line of a batch) is larger than the service accepts."""

    def __init__(self, limit: int, line: int | None = None) -> None:
        self.limit, self.line = limit, line
        where = f"line {line} of the batch is" if line is not None else "the body is"
        super().__init__(f"{where} longer than {limit:,} bytes (the service's --max-body)")


class UnsupportedMediaType(CriteriaError):
    """The body's media type is not one the endpoint reads."""


def problem(status: int, title: str, detail: str, kind: str = "", **members: Any) -> dict[str, Any]:
    """A problem document: ``type`` names the kind of problem (``about:blank`` when the status says it all)."""
    return {"type": _TYPE + kind if kind else "about:blank", "title": title, "status": status, "detail": detail,
            **members}


def field_problems(problems: tuple[Problem, ...] | list[Problem], where: str = "body") -> list[dict[str, str]]:
    """The library's problems as a problem document's ``errors``: where the value came from, its path, what."""
    return [{"in": where, "path": p.path, "message": p.message} for p in problems]


def problem_of(exc: CriteriaError) -> tuple[int, dict[str, Any]]:
    """The HTTP status and problem document of one of the library's errors. An :class:`InputError` whose ``what``
    is ``"query"``, ``"path"`` or ``"header"`` came from there; any other from the body."""
    if isinstance(exc, InputError):
        where = exc.what if exc.what in ("query", "path", "header") else "body"
        count = len(exc.problems)
        return 422, problem(422, "Bad input", f"{count} problem{'' if count == 1 else 's'} in {exc.what}",
                            "input", errors=field_problems(exc.problems, where))
    if isinstance(exc, UnknownFamily):
        return 404, problem(404, "Unknown family", str(exc), "unknown-family", family=exc.family,
                            known=list(exc.known))
    if isinstance(exc, NoRulesetInForce):
        return 409, problem(409, "No ruleset in force", str(exc), "no-ruleset-in-force", family=exc.family,
                            on=exc.on.isoformat(), reason=exc.why)
    if isinstance(exc, BodyTooLarge):
        return 413, problem(413, "Body too large", str(exc), "body-too-large", limit=exc.limit)
    if isinstance(exc, UnsupportedMediaType):
        return 415, problem(415, "Unsupported media type", str(exc), "media-type")
    if isinstance(exc, ConflictingRules):  # the loader refuses overlaps: a guard, never "first wins"
        return 409, problem(409, "Conflicting rules", str(exc), "conflicting-rules")
    if isinstance(exc, RuleDataError):
        return 422, problem(422, "Bad rules data", f"{exc.file}: {len(exc.problems)} problems", "rule-data",
                            errors=field_problems(exc.problems))
    return 422, problem(422, type(exc).__name__, str(exc), "criteria-error")
