"""Golden cases as data files that policy staff can write: check one case, with a readable verdict.

Two kinds of case, told apart by their keys (see tests/golden/*/README.md for the format):

* a **subject** case: ``on``, one of ``[case.household]`` / ``[case.commune]`` / ``[case.village]`` /
  ``[case.district]`` / ``[case.province]`` (the subject's data; units also name the ``family`` to assess),
  ``expect`` (an outcome value or ``undecided``), ``cite``; optional ``strict``, ``candidates``,
  ``low_income_worker``, and for a district ``communes`` (its communes' levels: ``"none"``, ``"ntm"``,
  ``"advanced"``, ``"model"``) or for a province ``districts`` (``"none"``, ``"ntm"``, ``"advanced"``), from
  which the shares its criteria read are computed;
* a **target** case: ``programme``, ``target``, ``observations`` (year, value, cite), ``expect`` (a
  progress status), optional ``gap``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..catalogue import assess, ruleset
from ..core.model import Provenance, Status
from ..core.places import Commune, District, Province, Village
from ..core.subjects import Household
from ..families.ntm import CommuneLevel, DistrictLevel, with_commune_shares, with_district_shares
from ..families.programmes import Observation, ProgressStatus, programme, progress
from ..io import json as ntp_json

__all__ = ["GoldenCaseError", "check_case"]

_SUBJECTS = ("household", "commune", "village", "district", "province")
_SUBJECT_KEYS = {"name", "on", "cite", "expect", "strict", "candidates", "low_income_worker", "family"}
_PARTS = {"district": "communes", "province": "districts"}
_TARGET_KEYS = {"name", "programme", "target", "expect", "gap", "observations"}


class GoldenCaseError(AssertionError):
    """A golden case that failed, or that is written wrongly; the message says which and why."""


def _fail(message: str) -> None:
    raise GoldenCaseError(message)


def check_case(case: dict[str, Any]) -> None:
    """Run one case; raises :class:`GoldenCaseError` with a readable message when it does not hold."""
    kinds = [k for k in _SUBJECTS if k in case]
    if len(kinds) == 1:
        _check_subject(case, kinds[0])
    elif "target" in case:
        _check_target(case)
    else:
        _fail("a case needs one of [case.household], [case.commune], [case.village], [case.district], "
              "[case.province], or target = …")


def _subject(kind: str, data: dict[str, Any], on: dt.date) -> Any:
    cls = {"household": Household, "commune": Commune, "village": Village, "district": District,
           "province": Province}[kind]
    return ntp_json.structure({**data, "reference_date": on.isoformat()}, cls)


def _with_parts(subject: Any, levels: list[str]) -> Any:
    """A district with its communes' shares, or a province with its districts', from the levels listed."""
    try:
        if subject.kind == "district":
            return with_commune_shares(subject, [CommuneLevel(x) for x in levels])
        return with_district_shares(subject, [DistrictLevel(x) for x in levels])
    except ValueError as exc:
        raise GoldenCaseError(f"the parts listed are not levels: {exc}") from None


def _check_subject(case: dict[str, Any], kind: str) -> None:
    allowed = _SUBJECT_KEYS | {kind} | ({_PARTS[kind]} if kind in _PARTS else set())
    unknown = sorted(set(case) - allowed)
    if unknown:
        _fail(f"unknown keys {unknown}; a {kind} case has {sorted(allowed)}")
    if not str(case.get("cite", "")).strip():
        _fail("every case cites the article it checks: add cite = \"…\"")
    on = case.get("on")
    if not isinstance(on, dt.date):
        raise GoldenCaseError(f"on must be a date (2024-01-01), got {on!r}")
    subject = _subject(kind, case[kind], on)
    if _PARTS.get(kind) in case:
        subject = _with_parts(subject, case[_PARTS[kind]])
    rs = ruleset(case["family"], on) if "family" in case else None
    a = assess(subject, rs, strict=bool(case.get("strict", False)))
    got = a.outcome.value if a.outcome is not None else "undecided"
    where = f"{a.ruleset.instrument.number} ({a.ruleset.cite})"
    if got != case["expect"]:
        reasons = "; ".join(a.reasons)
        _fail(f"expected {case['expect']}, got {got} under {where}" + (f": {reasons}" if reasons else ""))
    if got == "undecided" and "candidates" in case:
        possible = sorted(c.value for c in a.candidates)
        if possible != sorted(case["candidates"]):
            _fail(f"expected the classes still possible to be {sorted(case['candidates'])}, got {possible}")
    if "low_income_worker" in case and a.designation("low_income_worker") is not case["low_income_worker"]:
        _fail(f"expected low_income_worker = {case['low_income_worker']}, got {a.designation('low_income_worker')}")


def _check_target(case: dict[str, Any]) -> None:
    unknown = sorted(set(case) - _TARGET_KEYS)
    if unknown:
        _fail(f"unknown keys {unknown}; a target case has {sorted(_TARGET_KEYS)}")
    p = programme(case["programme"])
    target = next((t for _, t in p.all_targets() if t.id == case["target"]), None)
    if target is None:
        _fail(f"{p.id} has no target {case['target']!r}")
    assert target is not None
    observations = [Observation(o["year"], Decimal(str(o["value"])), Provenance(o["cite"], Status.SECONDARY))
                    for o in case["observations"]]
    result = progress(target, observations)
    if result.status is not ProgressStatus(case["expect"]):
        _fail(f"expected {case['expect']}, got {result.status.value}: {result.explanation}")
    if "gap" in case and result.gap != Decimal(str(case["gap"])):
        _fail(f"expected a gap of {case['gap']}, got {result.gap}")
