"""The records a batch writes: one per subject, values as values, for JSON; the same flattened for CSV.

A record keeps lists as lists (the classes still possible, the reasons, the numbers not attested, the inputs not
used, a row's problems) and every code in the law's order (:func:`~ntp_criteria.core.text.code_key`: 2.2 before
11.1). A unit assessed against a set whose outcome is "meets every criterion" (the NTM sets) says which criteria it
fails and, for each indicator not met, the observed value, the threshold and the exact gap between them. A
household's record carries its :class:`~ntp_criteria.PovertyStatus` beside its class, decided where the class
itself is open.

:func:`full_record` adds the results behind the outcome and refers to the ruleset by family, instrument and
period rather than embedding it (the whole ruleset is what :func:`ntp_criteria.io.json.dumps` writes, losslessly,
for one assessment). :func:`csv_cells` flattens a record into readable cells. The JSON Schema of a record is
:func:`ntp_criteria.io.schema.results_schema`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..core.errors import InputError, Problem
from ..core.results import Assessment, IndicatorResult, Observed
from ..core.text import code_key, format_number
from ..engine import outcome_type
from ..families.ntm import CriteriaMet
from ..families.poverty import PovertyStatus
from . import json as ntp_json
from ._cli_text import tr_error
from ._reason_text import reason_text, reasons_text

__all__ = ["FULL_FIELDS", "RECORD_FIELDS", "csv_cells", "error_record", "failed_criteria", "full_record", "record",
           "worded_record"]

#: the fields of a record, in order (also the columns of CSV output)
RECORD_FIELDS = ("row", "id", "family", "instrument", "on", "outcome", "poverty_status", "candidates", "decided",
                 "failed", "reasons", "unverified", "unused", "error")
#: the fields :func:`full_record` adds
FULL_FIELDS = ("ruleset", "scope", "exceptions", "designations", "strict", "because", "criteria", "indicators")

_MEETS_EVERY_CRITERION: dict[str, bool] = {}


def _meets_every_criterion(rule: str) -> bool:
    """Whether an outcome rule decides "meets the standard" from every criterion (where a criterion not met is a
    failure to report, unlike a poverty line not met)."""
    known = _MEETS_EVERY_CRITERION.get(rule)
    if known is None:
        known = _MEETS_EVERY_CRITERION[rule] = outcome_type(rule) is CriteriaMet
    return known


def _number(value: Decimal | int) -> str | int:
    """An exact number as JSON keeps it: an int stays an int, a Decimal is written as its exact string."""
    return value if isinstance(value, int) else str(value)


def _observed(value: Observed | bool | None) -> object:
    if value is None or isinstance(value, bool):
        return value
    if value.exact:
        return _number(value.low)
    return {"low": _number(value.low), "high": _number(value.high)}


def _indicator_gap(r: IndicatorResult) -> dict[str, object]:
    out: dict[str, object] = {"code": r.code, "status": r.status.value, "observed": _observed(r.observed)}
    t = r.threshold
    if t is not None:
        out["threshold"] = {"op": t.op.value, "value": _number(t.value), "unit": t.unit,
                            "source": t.provenance.cite}
    if r.shortfall is not None:
        out["shortfall"] = _number(r.shortfall)
    if r.reason:
        out["reason"] = r.reason
    return out


# code_key once per code (a national list sorts the same few codes for every row)
_code_order = functools.lru_cache(maxsize=4096)(code_key)


def failed_criteria(a: Assessment) -> list[dict[str, object]]:
    """The criteria ``a`` does not meet, in the law's order, each with its indicators not met, missing or
    undecided: the observed value, the threshold with its source, and the exact gap (``shortfall``, in the
    threshold's unit). Empty for a set whose outcome is not "meets every criterion" (a poverty line not met is no
    failure)."""
    if not _meets_every_criterion(a.ruleset.outcome):
        return []
    out: list[dict[str, object]] = []
    ordered: list[IndicatorResult] | None = None  # the indicators in the law's order, sorted once per record
    for c in sorted(a.criteria, key=lambda c: _code_order(c.code)):
        if c.status.value != "not_met":
            continue
        entry: dict[str, object] = {"criterion": c.code, "name_en": c.name_en, "name_vi": c.name_vi,
                                    "met": c.met, "known": c.known, "total": c.total}
        if c.count_threshold is not None:
            entry["needed"] = {"op": c.count_threshold.op.value, "value": _number(c.count_threshold.value)}
        if ordered is None:
            ordered = sorted(a.indicators, key=lambda r: _code_order(r.code))
        entry["indicators"] = [_indicator_gap(r) for r in ordered
                               if r.criterion == c.code and r.status.value in ("not_met", "missing", "undecided")]
        out.append(entry)
    return out


def _problems(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [{"path": p.path, "message": p.message} for p in problems]


def record(a: Assessment, row: int | None = None) -> dict[str, Any]:
    """One record per assessment (the fields of :data:`RECORD_FIELDS`), for JSON."""
    status = a.partial_outcome
    return {
        "row": row,
        "id": a.subject_id,
        "family": a.ruleset.family,
        "instrument": a.ruleset.instrument.number,
        "on": a.on.isoformat(),
        "outcome": a.outcome.value if a.outcome is not None else None,
        "poverty_status": status.value if isinstance(status, PovertyStatus) else None,
        "candidates": [c.value for c in a.candidates],
        "decided": a.decided,
        "failed": failed_criteria(a),
        "reasons": list(a.reasons),
        "unverified": sorted((n.path for n in a.unverified), key=code_key),
        "unused": _problems(a.unused),
        "error": None,
    }


def full_record(a: Assessment, row: int | None = None) -> dict[str, Any]:
    """:func:`record` with the results behind it (the fields of :data:`FULL_FIELDS`); the ruleset referred to by
    family, instrument and period, never embedded."""
    rs = a.ruleset
    c = ntp_json.converter
    return {
        **record(a, row),
        "ruleset": {"family": rs.family, "instrument": rs.instrument.number, "instrument_id": rs.instrument.id,
                    "valid_from": rs.valid_from.isoformat(),
                    "valid_to": rs.valid_to.isoformat() if rs.valid_to is not None else None},
        "scope": dict(a.scope.items),
        "exceptions": c.unstructure(a.exceptions),
        "designations": [{"name": name, "value": value} for name, value in a.designations],
        "strict": a.strict.value if a.strict is not None else None,
        "because": sorted(a.because, key=code_key),
        "criteria": c.unstructure(a.criteria),
        "indicators": c.unstructure(a.indicators),
    }


def error_record(row: int, error: InputError | str) -> dict[str, Any]:
    """The record of a row that could not be assessed: its problems (each with its path), nothing else."""
    problems = error.problems if isinstance(error, InputError) else [Problem("$", error)]
    return {**dict.fromkeys(RECORD_FIELDS), "row": row, "candidates": [], "decided": False, "failed": [],
            "reasons": [], "unverified": [], "unused": [], "error": _problems(problems)}


def _failed_text(failed: list[dict[str, Any]], lang: str) -> str:
    parts = []
    for entry in failed:
        gaps = []
        for g in entry["indicators"]:
            t = g.get("threshold")
            if (g["status"] == "not_met" and t is not None and "shortfall" in g
                    and not isinstance(g["observed"], bool | dict)):
                shown = format_number(Decimal(g["shortfall"]), lang)
                word = "thiếu" if lang == "vi" else "short by"
                gaps.append(f"{g['code']} {g['observed']} ({t['op']} {t['value']}): {word} {shown} {t['unit']}"
                            .rstrip())
            else:
                gaps.append(f"{g['code']} {g['status']}")
        word = "tiêu chí" if lang == "vi" else "criterion"
        parts.append(f"{word} {entry['criterion']}" + (f" [{', '.join(gaps)}]" if gaps else ""))
    return "; ".join(parts)


def _problems_text(problems: list[dict[str, str]] | None, lang: str) -> str:
    return " | ".join(f"{p['path']}: {tr_error(p['message'], lang)}" for p in problems) if problems else ""


def csv_cells(rec: dict[str, Any], lang: str = "en") -> list[object]:
    """A record's cells in the order of :data:`RECORD_FIELDS`, flat but readable: lists of codes joined by
    ``"; "``, reasons and problems by ``" | "``, booleans as ``true`` / ``false`` (what CSV input reads), the
    failed criteria as text ("criterion 2 [2.1 95 (>= 100): short by 5 %]"), None as an empty cell. With
    ``lang="vi"`` the failed criteria, the reasons and the common problem messages are worded in Vietnamese."""
    # written out field by field: this runs once per row of a national list
    g = rec.get
    return [
        _cell(g("row")), _cell(g("id")), _cell(g("family")), _cell(g("instrument")), _cell(g("on")),
        _cell(g("outcome")), _cell(g("poverty_status")), "; ".join(g("candidates") or ()),
        "true" if g("decided") else "false", _failed_text(g("failed") or [], lang),
        " | ".join(g("reasons") or () if lang != "vi" else reasons_text(g("reasons") or (), lang)),
        "; ".join(g("unverified") or ()),
        _problems_text(g("unused"), lang), _problems_text(g("error"), lang),
    ]


def _worded_problems(problems: list[dict[str, str]] | None) -> list[dict[str, str]] | None:
    return None if problems is None else [{**p, "message": tr_error(p["message"], "vi")} for p in problems]


def _worded_results(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "reason": reason_text(r["reason"], "vi")} if r.get("reason") else r for r in results]


def worded_record(rec: dict[str, Any], lang: str) -> dict[str, Any]:
    """A record (:func:`record`, :func:`full_record` or :func:`error_record`) as written in ``lang``: with
    ``"vi"``, a copy whose reasons (the outcome's, and each indicator's) and common problem messages are worded in
    Vietnamese; the fields, codes and values are the same, so it has the same JSON Schema. ``rec`` itself is never
    changed (a batch shares one record between the rows of the same outcome)."""
    if lang != "vi":
        return rec
    out = {**rec, "reasons": reasons_text(rec.get("reasons") or (), lang)}
    for field in ("unused", "error"):
        if rec.get(field):
            out[field] = _worded_problems(rec[field])
    if rec.get("failed"):
        out["failed"] = [{**entry, "indicators": _worded_results(entry["indicators"])} for entry in rec["failed"]]
    if rec.get("indicators"):
        out["indicators"] = _worded_results(rec["indicators"])
    return out


def _cell(value: object) -> object:
    return "" if value is None else value
