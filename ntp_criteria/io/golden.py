"""Golden cases as data files that policy staff can write: check a case, run files, with one readable line per
failure.

The file format is documented in ``golden-files.md``, which ships beside this module (``ntp-criteria test
--show-format`` prints it; the documentation site shows it). Two kinds of case, told apart by their keys:

* a **subject** case: ``on``, one of ``[case.household]`` / ``[case.commune]`` / ``[case.village]`` /
  ``[case.district]`` / ``[case.province]``, ``expect``, ``cite``; optional ``family``, ``strict``,
  ``candidates``, ``low_income_worker``, and a district's ``communes`` or a province's ``districts``;
* a **target** case: ``programme``, ``target``, ``observations`` (year, value, cite), ``expect``, optional
  ``gap``.

:func:`run_files` runs files (or folders of them) without pytest; the pytest plugin
(:mod:`ntp_criteria.testing.pytest_plugin`) runs the same checks as tests.

```pycon
>>> from ntp_criteria.io.golden import check_case, GoldenCaseError
>>> import datetime as dt
>>> check_case({"on": dt.date(2024, 1, 1), "cite": "07/2021/NĐ-CP, Điều 3", "expect": "poor",
...             "household": {"area": "rural", "monthly_income_per_capita": 1500000, "deprivation_count": 3}})
>>> try:
...     check_case({"on": dt.date(2024, 1, 1), "cite": "x", "expect": "poor", "household": {"area": "town"}})
... except GoldenCaseError as exc:
...     print(exc)
the library refuses the case: $.area: expected one of 'rural', 'urban', got 'town'

```
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs

from ..catalogue import assess, ruleset
from ..core.errors import CriteriaError, InputError
from ..core.forms import FarmIncomeSurvey, QuickIdentification, ReviewForm
from ..core.model import Provenance, Status
from ..core.places import Commune, District, Province, Village
from ..core.results import Observed
from ..core.subjects import Household
from ..engine import Missing
from ..families.ntm import CommuneLevel, DistrictLevel, with_commune_shares, with_district_shares
from ..families.programmes import Observation, ProgressStatus, programme, progress
from ..families.review import SCORE_A, scorecard
from . import json as ntp_json
from ._output_text import golden_failure_text, word
from .review import points_b

__all__ = ["SUFFIX", "CaseResult", "GoldenCaseError", "check_case", "format_text", "golden_files", "load_cases",
           "run_files", "summary_line"]

#: the end of a golden file's name
SUFFIX = ".golden.toml"

_SUBJECTS = ("household", "commune", "village", "district", "province", "form", "quick_identification",
             "farm_income_survey")
#: what a review form's case may check besides its class: điểm A ("135", or "130-140" where it is known only
#: within bounds), điểm B, and the points of each row marked
_FORM_KEYS = {"points_a", "points_b", "scored"}
_SUBJECT_KEYS = {"name", "on", "cite", "expect", "strict", "candidates", "low_income_worker", "family"}
_PARTS = {"district": "communes", "province": "districts"}
_TARGET_KEYS = {"name", "programme", "target", "expect", "gap", "observations"}


class GoldenCaseError(AssertionError):
    """A golden case that failed, or that is written wrongly; the message (one line) says which and why."""


def format_text(lang: str = "en") -> str:
    """The golden-file format, as the Markdown page that ships with the package: ``golden-files.md``, or its
    Vietnamese version ``golden-files.vi.md`` for ``lang="vi"``."""
    name = "golden-files.vi.md" if lang == "vi" else "golden-files.md"
    return files(__package__ or "ntp_criteria.io").joinpath(name).read_text(encoding="utf-8")


def _fail(message: str) -> None:
    raise GoldenCaseError(message)


def _one_line(exc: CriteriaError) -> str:
    """A library error in one line: an input error's problems joined, anything else as it says."""
    if isinstance(exc, InputError):
        return "; ".join(str(p) for p in exc.problems)
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def check_case(case: dict[str, Any]) -> None:
    """Run one case; raises :class:`GoldenCaseError` with a one-line message when it does not hold, or when it
    is written wrongly (unknown keys, a missing citation, data the library refuses)."""
    if not isinstance(case, dict):
        _fail(f"a case is a [[case]] table, got {type(case).__name__}")
    kinds = [k for k in _SUBJECTS if k in case]
    try:
        if len(kinds) == 1:
            _check_subject(case, kinds[0])
        elif len(kinds) > 1:
            _fail(f"a case has one subject, got {', '.join(f'[case.{k}]' for k in kinds)}")
        elif "target" in case:
            _check_target(case)
        else:
            _fail("a case needs one of [case.household], [case.commune], [case.village], [case.district], "
                  "[case.province], or target = …")
    except CriteriaError as exc:
        raise GoldenCaseError(f"the library refuses the case: {_one_line(exc)}") from None


def _subject(kind: str, data: object, on: dt.date) -> Any:
    cls = {"household": Household, "commune": Commune, "village": Village, "district": District,
           "province": Province, "form": ReviewForm, "quick_identification": QuickIdentification,
           "farm_income_survey": FarmIncomeSurvey}[kind]
    if not isinstance(data, dict):
        _fail(f"[case.{kind}] must be a table of the {cls.__name__}'s fields, got {data!r}")
    assert isinstance(data, dict)
    return ntp_json.structure({**data, "reference_date": on.isoformat()}, cls)


def _with_parts(subject: Any, levels: object) -> Any:
    """A district with its communes' shares, or a province with its districts', from the levels listed."""
    try:
        if not isinstance(levels, list):
            raise ValueError(f"expected a list of levels, got {levels!r}")
        if subject.kind == "district":
            return with_commune_shares(subject, [CommuneLevel(x) for x in levels])
        return with_district_shares(subject, [DistrictLevel(x) for x in levels])
    except ValueError as exc:
        raise GoldenCaseError(f"the parts listed are not levels: {exc}") from None


def _check_subject(case: dict[str, Any], kind: str) -> None:
    allowed = (_SUBJECT_KEYS | {kind} | ({_PARTS[kind]} if kind in _PARTS else set())
               | (_FORM_KEYS if kind == "form" else set()))
    unknown = sorted(set(case) - allowed)
    if unknown:
        _fail(f"unknown keys {unknown}; a {kind} case has {sorted(allowed)}")
    if not str(case.get("cite", "")).strip():
        _fail("every case cites the article it checks: add cite = \"…\"")
    if "expect" not in case:
        _fail("no expect = \"…\": the outcome the law gives (or \"undecided\")")
    on = case.get("on")
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        _fail(f"on must be a date (on = 2024-01-01), got {on!r}")
    assert isinstance(on, dt.date)
    subject = _subject(kind, case[kind], on)
    if _PARTS.get(kind) in case:
        subject = _with_parts(subject, case[_PARTS[kind]])
    family = case.get("family")
    if family is not None and not isinstance(family, str):
        _fail(f"family must be a family's name (\"ntm.commune\"), got {family!r}")
    rs = ruleset(family, on) if family is not None else None
    a = assess(subject, rs, strict=case.get("strict", False) is True)
    got = a.outcome.value if a.outcome is not None else "undecided"
    where = f"{a.ruleset.instrument.number} ({a.ruleset.cite})"
    if got != case["expect"]:
        reasons = "; ".join(a.reasons)
        _fail(f"expected {case['expect']}, got {got} under {where}" + (f": {reasons}" if reasons else ""))
    if got == "undecided" and "candidates" in case:
        possible = sorted(c.value for c in a.candidates)
        wanted = case["candidates"]
        if not isinstance(wanted, list) or possible != sorted(str(c) for c in wanted):
            _fail(f"expected the classes still possible to be {wanted!r}, got {possible}")
    if "low_income_worker" in case and a.designation("low_income_worker") is not case["low_income_worker"]:
        _fail(f"expected low_income_worker = {case['low_income_worker']}, got {a.designation('low_income_worker')}")
    if kind == "form":
        _check_points(case, subject, a)


def _check_points(case: dict[str, Any], form: ReviewForm, a: Any) -> None:
    """A review form's điểm A, điểm B and the points of each row marked, where the case gives them."""
    if "points_a" in case:
        low, _, high = str(case["points_a"]).partition("-")
        score = a.result(SCORE_A).observed
        got = (str(score.low), str(score.high)) if isinstance(score, Observed) else None
        if got != (low, high or low):
            _fail(f"expected điểm A {case['points_a']}, got {score}")
    if "points_b" in case and str(points_b(a).low) != str(case["points_b"]):
        _fail(f"expected điểm B {case['points_b']}, got {points_b(a)}")
    if "scored" in case:
        card = scorecard(form, a.ruleset)
        got_rows = {} if isinstance(card, Missing) else {
            line.row: [int(p) for p in line.points] for line in card.lines if line.marked}
        wanted = {row: [points] for row, points in dict(case["scored"]).items()}
        if got_rows != wanted:
            _fail(f"expected the rows marked to score {wanted}, got {got_rows}")


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise GoldenCaseError(f"{what} must be a number written as a string (\"0.7\") or a whole number, "
                              f"got {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise GoldenCaseError(f"{what} must be a number, got {value!r}") from None


def _observations(raw: object) -> list[Observation]:
    if not isinstance(raw, list) or not raw:
        _fail(f"observations must be a list of {{ year = …, value = \"…\", cite = \"…\" }}, got {raw!r}")
    assert isinstance(raw, list)
    out = []
    for i, o in enumerate(raw):
        if not isinstance(o, dict) or set(o) != {"year", "value", "cite"}:
            _fail(f"observation {i + 1} must have exactly year, value and cite, got {o!r}")
        value = _decimal(o["value"], f"observation {i + 1}'s value")
        out.append(Observation(o["year"], value, Provenance(o["cite"], Status.SECONDARY)))
    return out


def _check_target(case: dict[str, Any]) -> None:
    unknown = sorted(set(case) - _TARGET_KEYS)
    if unknown:
        _fail(f"unknown keys {unknown}; a target case has {sorted(_TARGET_KEYS)}")
    absent = sorted({"programme", "target", "observations", "expect"} - set(case))
    if absent:
        _fail(f"a target case needs {absent}")
    p = programme(case["programme"])
    target = next((t for _, t in p.all_targets() if t.id == case["target"]), None)
    if target is None:
        _fail(f"{p.id} has no target {case['target']!r}")
    assert target is not None
    statuses = [s.value for s in ProgressStatus]
    if case["expect"] not in statuses:
        _fail(f"expect must be one of {statuses}, got {case['expect']!r}")
    result = progress(target, _observations(case["observations"]))
    if result.status is not ProgressStatus(case["expect"]):
        _fail(f"expected {case['expect']}, got {result.status.value}: {result.explanation}")
    if "gap" in case and result.gap != _decimal(case["gap"], "gap"):
        _fail(f"expected a gap of {case['gap']}, got {result.gap}")


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The ``[[case]]`` tables of a golden file; :class:`GoldenCaseError` (one line) for a file that cannot be
    read, is not TOML or has no case."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldenCaseError(f"cannot read it: {getattr(exc, 'strerror', None) or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise GoldenCaseError(f"not valid TOML: {exc}") from None
    cases = data.get("case")
    if not isinstance(cases, list) or not cases:
        raise GoldenCaseError("no [[case]] tables")
    return cases


def golden_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and every ``*.golden.toml`` under the folders named (sorted), in the order given."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob(f"*{SUFFIX}")) if p.is_dir() else [p])
    return out


@attrs.frozen
class CaseResult:
    """One case's result: its file, its name, and why it failed (``None`` when it holds)."""

    file: Path
    name: str
    failure: str | None

    @property
    def passed(self) -> bool:
        """Whether the case holds."""
        return self.failure is None

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The case's line as ``ntp-criteria test`` prints it, in ``lang`` (``"en"`` or ``"vi"``)."""
        failure = golden_failure_text(self.failure, lang) if self.failure else ""
        name = word(self.name, lang) if self.name == "(file)" else self.name  # the file's own, not a case's
        return f"{word('ok' if self.passed else 'FAIL', lang)} {self.file}: {name!r}" + (
            f": {failure}" if failure else "")


def _case_name(case: object, i: int) -> str:
    name = case.get("name") if isinstance(case, dict) else None
    return str(name) if name is not None else f"case {i + 1}"


def run_files(paths: Iterable[str | Path]) -> list[CaseResult]:
    """Run every case of the golden files (and folders) named; a file that cannot be read counts as one failed
    case named ``(file)``."""
    results = []
    for path in golden_files(paths):
        try:
            cases = load_cases(path)
        except GoldenCaseError as exc:
            results.append(CaseResult(path, "(file)", str(exc)))
            continue
        for i, case in enumerate(cases):
            try:
                check_case(case)
            except GoldenCaseError as exc:
                results.append(CaseResult(path, _case_name(case, i), str(exc)))
            else:
                results.append(CaseResult(path, _case_name(case, i), None))
    return results


def summary_line(results: Iterable[CaseResult], lang: str = "en") -> str:
    """``N passed, N failed`` (in Vietnamese ``N ca đúng, N ca sai``)."""
    done = list(results)
    failed = sum(1 for r in done if not r.passed)
    return word("{passed} passed, {failed} failed", lang, passed=len(done) - failed, failed=failed)
