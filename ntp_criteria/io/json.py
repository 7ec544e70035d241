"""JSON interchange: every public type to and from JSON-compatible data, losslessly.

The preconfigured converter (as :mod:`cattrs.preconf.json` is for cattrs) writes dates as ISO strings,
Decimals as strings (ints stay ints), enums by value, and reads them back strictly: a bad payload raises
one :class:`~ntp_criteria.InputError` listing every problem with its path. Payloads made with
:func:`dumps` / :func:`to_payload` carry a schema version and the type they hold.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from ntp_criteria.io import json as ntp_json
>>> hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=1)
>>> ntp_json.loads(ntp_json.dumps(hh)) == hh
True

```
"""

from __future__ import annotations

import json as _stdlib_json
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

from ..catalogue import _programme_schema  # noqa: F401 - registers the programme hooks on the shared converter
from ..catalogue._checks import check_rules_named, check_ruleset
from ..core import _convert
from ..core._lazy import run_first_use
from ..core._validate import shown
from ..core.errors import InputError, Problem
from ..core.forms import (
    FarmIncomeSurvey,
    QuickIdentification,
    ReviewForm,
    ScorecardAnswers,
    structure_answers,
    unstructure_answers,
)
from ..core.model import CitedValue, Indicator, LegalInstrument, Parameter, Provenance, Ruleset, Scope, Threshold
from ..core.places import Commune, District, Facts, Province, Village, structure_facts, unstructure_facts
from ..core.programme import BudgetLine, LeadAgency, Programme, Target
from ..core.results import Assessment, CriterionResult, IndicatorResult, Observed
from ..core.subjects import Household
from ..core.text import code_key
from ..engine import outcome_type

__all__ = ["READS_VERSIONS", "SCHEMA_VERSION", "TYPES", "converter", "dumps", "from_payload", "loads", "strict_json",
           "structure", "to_payload", "unstructure"]

#: the version of the payload format; bumped on any change of shape. Version 2 added the ``BatchResults``
#: envelope of batch output (:mod:`ntp_criteria.io.records`); the types of version 1 kept their shape, so
#: version 1 payloads are still read
SCHEMA_VERSION = 2
#: the versions :func:`from_payload` reads
READS_VERSIONS = (1, 2)

T = TypeVar("T")

#: the types a payload may hold, by the name written in it
TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    Household, Commune, Village, District, Province, ReviewForm, QuickIdentification, FarmIncomeSurvey, Assessment,
    Ruleset, LegalInstrument, Programme)}

#: the preconfigured strict cattrs converter: dates, Decimals and enums as in a payload, read back strictly
converter = _convert.make_converter()
_base = _convert.CONVERTER  # programme hooks (renamed 'source' fields) live there


def _unstructure_decimal_or_int(value: Decimal | int) -> str | int:
    return value if isinstance(value, int) else str(value)


def _structure_scope(value: object, _: type) -> Scope:
    if not isinstance(value, dict):
        raise TypeError(f"expected a mapping of dimension to value, got {shown(value)}")
    for k, v in value.items():
        if not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, str | int):
            raise TypeError(f"expected dimension names with string or whole-number values, got {shown(k)}: {shown(v)}")
    return Scope.of(value)


def _unstructure_param_value(value: Decimal | tuple[str, ...]) -> object:
    return list(value) if isinstance(value, tuple) else str(value)


def _structure_param_value(value: object, _: type) -> Decimal | tuple[str, ...]:
    if isinstance(value, list):
        return converter.structure(value, tuple[str, ...])
    return converter.structure(value, Decimal)


def _unstructure_cited(value: CitedValue) -> dict[str, object]:
    v = value.value
    tagged = {"kinds": list(v)} if isinstance(v, tuple) else {"text": v} if isinstance(v, str) else {"number": str(v)}
    return {"path": value.path, "value": tagged, "provenance": converter.unstructure(value.provenance)}


def _structure_cited(value: object, _: type) -> CitedValue:
    if not isinstance(value, dict) or not isinstance(value.get("value"), dict) or len(value["value"]) != 1:
        raise TypeError(f"expected {{path, value: {{number|kinds|text: …}}, provenance}}, got {shown(value)}")
    (tag, raw), = value["value"].items()
    parsed: Decimal | tuple[str, ...] | str
    if tag == "number":
        parsed = converter.structure(raw, Decimal)
    elif tag == "kinds":
        parsed = converter.structure(raw, tuple[str, ...])
    elif tag == "text":
        parsed = converter.structure(raw, str)
    else:
        raise ValueError(f"unknown value tag {shown(tag)}")
    return CitedValue(converter.structure(value.get("path"), str), parsed,
                      converter.structure(value.get("provenance"), Provenance))


def _structure_observed_or_bool(value: object, _: type) -> Observed | bool | None:
    if value is None or isinstance(value, bool):
        return value
    return converter.structure(value, Observed)


#: the fields an assessment's payload holds (not what the engine keeps with it for its explanation)
_ASSESSMENT_FIELDS = tuple(f for f in attrs.fields(Assessment) if f.init)


def _unstructure_assessment(a: Assessment) -> dict[str, object]:
    out = {f.name: converter.unstructure(getattr(a, f.name)) for f in _ASSESSMENT_FIELDS}
    out["outcome"] = None if a.outcome is None else a.outcome.value
    out["candidates"] = [c.value for c in a.candidates]
    out["because"] = sorted(a.because, key=code_key)
    return out


def _structure_assessment(value: object, _: type) -> Assessment:
    """Outcomes are read with the enum of the ruleset's outcome rule, so the ruleset is read first."""
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {shown(value)}")
    problems: list[Problem] = []
    known = {f.name for f in _ASSESSMENT_FIELDS}
    problems += [Problem(f"$.{k}", "unknown key") for k in sorted(set(value) - known)]
    fields: dict[str, Any] = {}
    for f in _ASSESSMENT_FIELDS:
        if f.name not in value:
            if f.default is attrs.NOTHING:
                problems.append(Problem(f"$.{f.name}", "required but missing"))
            continue
        raw = value[f.name]
        try:
            if f.name in ("outcome", "candidates"):
                continue
            fields[f.name] = converter.structure(raw, f.type)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - gathered with paths below
            problems += _convert.problems_of(exc, f"$.{f.name}")
    ruleset = fields.get("ruleset")
    if isinstance(ruleset, Ruleset):
        kind = outcome_type(ruleset.outcome)
        for name in ("outcome", "candidates"):
            raw = value.get(name)
            items = [raw] if name == "outcome" else raw if isinstance(raw, list) else None
            if items is None:
                problems.append(Problem(f"$.{name}", f"expected a list, got {shown(raw)}"))
                continue
            parsed: list[Any] = []
            for i, item in enumerate(items):
                if item is None and name == "outcome":
                    parsed.append(None)
                    continue
                try:
                    parsed.append(kind(item))
                except ValueError:
                    where = f"$.{name}" if name == "outcome" else f"$.{name}[{i}]"
                    problems.append(Problem(where, f"expected one of {[m.value for m in kind]}, got {shown(item)}"))
            fields[name] = parsed[0] if name == "outcome" and parsed else tuple(parsed)
    if isinstance(ruleset, Ruleset):
        problems += _results_problems(ruleset, fields)
    if problems:
        raise InputError("Assessment", problems)
    return Assessment(**fields)


def _results_problems(ruleset: Ruleset, fields: dict[str, Any]) -> list[Problem]:
    """Each result of an assessment's payload names a criterion or indicator of its ruleset (an explanation looks
    them up there)."""
    criteria = {c.code for c in ruleset.criteria}
    indicators = {i.code: c.code for c, i in ruleset.indicators()}
    problems = [Problem(f"$.criteria[{k}].code", f"{ruleset.family} ({ruleset.instrument.number}) has no criterion "
                                                 f"{shown(r.code)}")
                for k, r in enumerate(fields.get("criteria", ())) if r.code not in criteria]
    problems += [Problem(f"$.indicators[{k}].code", f"{ruleset.family} ({ruleset.instrument.number}) has no "
                                                    f"indicator {shown(r.code)} in criterion {shown(r.criterion)}")
                 for k, r in enumerate(fields.get("indicators", ())) if indicators.get(r.code) != r.criterion]
    return problems


def _ruleset_hook(base: Any) -> Any:
    def structure_ruleset(value: object, cls: type) -> Ruleset:
        """A ruleset read from a payload is checked as the loader checks a rules file's: its structure, and the
        measures and outcome rule it names (an unknown one would fail only when a subject is assessed)."""
        rs = base(value, cls)
        run_first_use()  # the families register the measures and outcome rules it may name
        problems = check_ruleset(rs, "$") + check_rules_named(rs, "$")
        if problems:
            raise InputError("Ruleset", problems)
        return rs  # type: ignore[no-any-return]

    return structure_ruleset


def _configure() -> None:
    c = converter
    c.register_unstructure_hook(Decimal | int, _unstructure_decimal_or_int)
    c.register_unstructure_hook(int | Decimal, _unstructure_decimal_or_int)
    c.register_unstructure_hook(Scope, lambda s: dict(s.items))
    c.register_structure_hook(Scope, _structure_scope)
    c.register_unstructure_hook(Decimal | tuple[str, ...], _unstructure_param_value)
    c.register_structure_hook(Decimal | tuple[str, ...], _structure_param_value)
    c.register_unstructure_hook(CitedValue, _unstructure_cited)
    c.register_structure_hook(CitedValue, _structure_cited)
    c.register_structure_hook(Observed | bool, _structure_observed_or_bool)
    c.register_structure_hook(Facts, structure_facts)
    c.register_unstructure_hook(Facts, unstructure_facts)
    c.register_structure_hook(ScorecardAnswers, structure_answers)
    c.register_unstructure_hook(ScorecardAnswers, unstructure_answers)
    c.register_unstructure_hook(Assessment, _unstructure_assessment)
    c.register_structure_hook(Assessment, _structure_assessment)
    # programme types whose data names provenance 'source' are read the same way as in rules files
    for renamed in (BudgetLine, LeadAgency, Target):
        c.register_structure_hook(renamed, _base.get_structure_hook(renamed))
        c.register_unstructure_hook(renamed, _renamed_unstructure(renamed))
    c.register_structure_hook(Ruleset, _ruleset_hook(c.get_structure_hook(Ruleset)))
    for cls in (Threshold, Parameter, Indicator, IndicatorResult, CriterionResult):
        c.get_structure_hook(cls)  # build eagerly: a broken hook fails at import, not mid-request


def _renamed_unstructure(cls: type) -> Any:
    def hook(value: Any) -> dict[str, object]:
        out = {f.name: converter.unstructure(getattr(value, f.name)) for f in attrs.fields(cls)}
        out["source"] = out.pop("provenance")
        return out

    return hook


_configure()


def unstructure(obj: Any) -> Any:
    """JSON-compatible data (dicts, lists, str, int, bool, None) for any public object."""
    return converter.unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    """Read ``data`` as ``cls``; raises :class:`~ntp_criteria.InputError` listing every problem with its path."""
    return _convert.structure(data, cls, converter=converter)


def to_payload(obj: Any) -> dict[str, Any]:
    """``{"schema_version", "type", "data"}`` for a public object."""
    name = type(obj).__name__
    if name not in TYPES:
        raise TypeError(f"no payload type for {name}; known: {sorted(TYPES)}")
    return {"schema_version": SCHEMA_VERSION, "type": name, "data": unstructure(obj)}


def from_payload(payload: Any, cls: type[T] | None = None) -> T:
    """Read a payload made by :func:`to_payload`, checking its version and type (``cls``, when given, one of
    :data:`TYPES`)."""
    if cls is not None and cls not in TYPES.values():
        raise InputError("payload", [Problem("$.cls", f"expected None or one of {sorted(TYPES)}, got {shown(cls)}")])
    if not isinstance(payload, dict) or set(payload) != {"schema_version", "type", "data"}:
        raise InputError("payload", [Problem("$", "expected {schema_version, type, data}")])
    version = payload["schema_version"]
    if isinstance(version, bool) or version not in READS_VERSIONS:
        raise InputError("payload", [Problem("$.schema_version", (
            f"this library reads versions {', '.join(map(str, READS_VERSIONS))}, got {shown(version)}"))])
    kind = TYPES.get(payload["type"]) if isinstance(payload["type"], str) else None
    if kind is None or (cls is not None and kind is not cls):
        expected = cls.__name__ if cls is not None else f"one of {sorted(TYPES)}"
        raise InputError("payload", [Problem("$.type", f"expected {expected}, got {shown(payload['type'])}")])
    try:
        return cast(T, structure(payload["data"], kind))
    except InputError as exc:
        raise InputError(exc.what, [Problem("$.data" + p.path[1:], p.message) for p in exc.problems]) from None


def dumps(obj: Any, **kwargs: Any) -> str:
    """A JSON text of the object's payload (``kwargs`` go to :func:`json.dumps`)."""
    return _stdlib_json.dumps(to_payload(obj), ensure_ascii=False, **kwargs)


def loads(text: str | bytes, cls: type[T] | None = None) -> T:
    """Read a JSON payload; JSON that :func:`strict_json` refuses is an :class:`~ntp_criteria.InputError` too."""
    if cls is not None and cls not in TYPES.values():  # before the text is read
        raise InputError("payload", [Problem("$.cls", f"expected None or one of {sorted(TYPES)}, got {shown(cls)}")])
    return from_payload(strict_json(text), cls)


# --- reading JSON text strictly ---------------------------------------------------------------------------------

def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        twice = sorted({k for k, _ in pairs if sum(1 for j, _ in pairs if j == k) > 1})
        raise _JSONProblem(f"key given twice in one object (which value counts?): {', '.join(map(shown, twice))}")
    return out


def _no_constant(name: str) -> Any:
    raise _JSONProblem(f"{name} is not a number")


class _JSONProblem(ValueError):
    """Raised inside the JSON decoder; reported as an InputError at the payload's root."""


def strict_json(text: str | bytes) -> Any:
    """JSON text as data, refusing what :func:`json.loads` lets through: a key given twice in one object (the
    last would win), ``NaN`` and ``Infinity``, numbers too long to read, and nesting too deep to read; and a
    text that is not ``str``, ``bytes`` or ``bytearray``."""
    if not isinstance(text, str | bytes | bytearray):
        raise InputError("JSON", [Problem("$", f"expected JSON text (str or bytes), got {shown(text)}")])
    try:
        return _stdlib_json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant)
    except RecursionError:
        raise InputError("JSON", [Problem("$", "nested too deeply to read")]) from None
    except (ValueError, UnicodeDecodeError) as exc:  # includes JSONDecodeError and Python's int-size limit
        raise InputError("JSON", [Problem("$", f"not valid JSON: {exc}")]) from None
