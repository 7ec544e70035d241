"""Explanations a commune officer can read, in Vietnamese or English.

Every line names the value observed, the number it was compared against, and where that number comes
from; results that rest on unverified numbers say so.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from decimal import Decimal
from itertools import chain
from typing import cast

from ..core._validate import shown as _shown
from ..core.errors import InputError, Problem
from ..core.exact import exact_arithmetic
from ..core.model import CitedValue, Ruleset, Scope, Status, Threshold
from ..core.results import (
    Assessment,
    AssessmentPart,
    CriterionResult,
    IndicatorResult,
    Observed,
    PartSource,
    ResultStatus,
    not_attested,
    numbers_relied_on,
    part_sources,
    register_renderer,
)
from ..core.text import format_compared, format_number
from ._reason_text import reason_text

__all__ = ["explain", "format_number"]

_MARK = {
    ResultStatus.MET: "✔",
    ResultStatus.NOT_MET: "✘",
    ResultStatus.NOT_APPLICABLE: "–",
    ResultStatus.MISSING: "?",
    ResultStatus.UNDECIDED: "⚠",
}

_OPS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "="}
# a line states the true relation: when the condition is not met, the negated operator
_NEGATED = {"<": "≥", "<=": ">", ">": "≤", ">=": "<", "==": "≠"}

_WORDS: dict[str, tuple[str, str]] = {
    "on": ("ngày", "on"),
    "undecided": ("Chưa xác định được", "Undecided"),
    "possible": ("có thể là", "possible"),
    "because": ("vì", "because"),
    "missing": ("thiếu dữ liệu", "missing"),
    "na": ("không áp dụng", "not applicable"),
    "strict": ("chế độ nghiêm ngặt: chưa quyết định vì dựa trên", "strict mode: not decided, rests on"),
    "recorded": ("theo phiếu khảo sát", "as recorded"),
    "count": ("đạt/thiếu hụt", "met"),
    "of": ("trên", "of"),
    "unverified": ("Kết quả dựa trên số liệu chưa được kiểm chứng với văn bản pháp luật:",
                   "The outcome rests on numbers not yet checked against the legal text:"),
    "designation": ("Xác định thêm", "Also"),
    "unused": ("Dữ liệu đã nhập nhưng bộ tiêu chí này không dùng đến:", "Inputs given that this ruleset does not use:"),
    "assessed_as": ("Đánh giá theo mức của", "Assessed on the thresholds of"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "unknown": ("chưa rõ", "unknown"),
    "low_income_worker": ("người lao động có thu nhập thấp (thành viên của hộ)",
                          "low-income workers (the household's members)"),
}

_SCOPE_VALUES: dict[str, tuple[str, str]] = {
    "rural": ("khu vực nông thôn", "rural area"),
    "urban": ("khu vực thành thị", "urban area"),
}

_UNITS_VI = {
    "VND/person/month": "đồng/người/tháng",
    "m²/person": "m²/người",
    "indicators": "chỉ số",
    "structures of 3": "kết cấu (trên 3)",
    "structures": "kết cấu",
}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "vi" else 1]


def _unit(unit: str, lang: str) -> str:
    return _UNITS_VI.get(unit, unit) if lang == "vi" else unit


_SCOPE_PAIRS: dict[tuple[str, str], tuple[str, str]] = {
    ("region", "tdmnpb"): ("vùng Trung du và miền núi phía Bắc", "the northern midlands and mountains"),
    ("region", "dbsh"): ("vùng Đồng bằng sông Hồng", "the Red River Delta"),
    ("region", "btb"): ("vùng Bắc Trung Bộ", "the North Central Coast"),
    ("region", "dhntb"): ("vùng Duyên hải Nam Trung Bộ", "the South Central Coast"),
    ("region", "tn"): ("vùng Tây Nguyên", "the Central Highlands"),
    ("region", "dnb"): ("vùng Đông Nam Bộ", "the South East"),
    ("region", "dbscl"): ("vùng Đồng bằng sông Cửu Long", "the Mekong Delta"),
    ("mekong_delta", "yes"): ("vùng Đồng bằng sông Cửu Long", "Mekong Delta"),
    ("mekong_delta", "no"): ("ngoài vùng Đồng bằng sông Cửu Long", "outside the Mekong Delta"),
}


def _scope(scope: Scope, lang: str) -> str:
    parts = []
    for name, value in scope:
        words = _SCOPE_PAIRS.get((name, str(value))) or _SCOPE_VALUES.get(str(value))
        parts.append(words[0 if lang == "vi" else 1] if words else f"{name} {value}")
    return ", ".join(parts)


def _observed(obs: Observed | bool | None, lang: str) -> str:
    if obs is None:
        return ""
    if isinstance(obs, bool):
        return _w("yes" if obs else "no", lang)
    if obs.exact:
        return format_number(obs.low, lang)
    return f"{format_number(obs.low, lang)}–{format_number(obs.high, lang)}"


def _observed_against(obs: Observed, against: Decimal, lang: str) -> str:
    """The observed value (or interval), each end written so that it reads on its true side of the threshold."""
    if obs.exact:
        return format_compared(obs.low, against, lang)
    return f"{format_compared(obs.low, against, lang)}–{format_compared(obs.high, against, lang)}"


# what a line says about a threshold depends only on the threshold, the language and whether it was met
_AGAINST: dict[tuple[int, str, bool], tuple[Threshold, str]] = {}


def _against(t: Threshold, lang: str, not_met: bool) -> str:
    """``≥ 80 % — <source>``: the threshold a value was compared against (the negated operator when not met)."""
    key = (id(t), lang, not_met)
    hit = _AGAINST.get(key)
    if hit is not None and hit[0] is t:
        return hit[1]
    if len(_AGAINST) > 10_000:
        _AGAINST.clear()
    where = f" ({_scope(t.scope, lang)})" if t.scope.items else ""
    op = (_NEGATED if not_met else _OPS)[t.op.value]
    text = f"{op} {format_number(t.value, lang)} {_unit(t.unit, lang)}{where} — {t.provenance}"
    _AGAINST[key] = (t, text)
    return text


def _indicator_line(r: IndicatorResult, lang: str, condition: str) -> str:
    name = r.name_vi if lang == "vi" else r.name_en
    head = f"    {_MARK[r.status]} {name}"
    t = r.threshold
    if r.status is ResultStatus.MISSING:
        return f"{head}: {_w('missing', lang)} ({reason_text(r.reason, lang)})"
    if r.status is ResultStatus.NOT_APPLICABLE:
        return f"{head}: {_w('na', lang)} ({reason_text(r.reason, lang)})"
    if r.basis == "recorded" and isinstance(r.observed, bool):
        return f"{head}: {condition} — {_w('recorded', lang)}"
    if t is not None and isinstance(r.observed, Observed):
        against = _against(t, lang, r.status is ResultStatus.NOT_MET)
        text = f"{head}: {_observed_against(r.observed, t.value, lang)} {against}"
    else:
        text = f"{head}: {condition}"
    if r.status is ResultStatus.UNDECIDED:
        text += f"\n        {_w('strict', lang)} {reason_text(r.reason, lang)}"
    return text


def _recorded_whole(c: CriterionResult) -> bool:
    """Recorded as đạt / không đạt (not as a count of indicators met)."""
    return c.basis == "recorded" and c.recorded_count is None


def _criterion_line(c: CriterionResult, lang: str, deprived: list[str]) -> str:
    name = c.name_vi if lang == "vi" else c.name_en
    cut = c.count_threshold
    if _recorded_whole(c) and c.status.decided:  # recorded as a whole (đạt / không đạt): that decides it
        return f"  {_MARK[c.status]} {name}: {_w('recorded', lang)}"
    if c.total == 0:  # no indicators in the data and no recorded result
        return f"  {_MARK[c.status]} {name}: {_w('missing', lang)}"
    if cut is None:
        return f"  {_MARK[c.status]} {name}:"  # all / any / rule: the indicator lines say why
    n = c.recorded_count if c.recorded_count is not None else c.met
    op = (_NEGATED if c.status is ResultStatus.NOT_MET else _OPS)[cut.op.value]
    text = (f"  {_MARK[c.status]} {name}: {n}/{c.total} {_unit('indicators', lang)} {op} "
            f"{format_number(cut.value, lang)} — {cut.provenance}")
    if c.recorded_count is not None:
        text += f" ({_w('recorded', lang)})"
    elif deprived:
        text += f"\n      {', '.join(deprived)}"
    return text


def _block_text(c: CriterionResult, results: Sequence[IndicatorResult], conditions: Sequence[str], lang: str,
                shared: MutableMapping[int, list[object]] | None = None) -> str:
    """A criterion's line and its indicators' lines; ``shared`` holds the lines of results shared between
    assessments (by identity: [result, vi, en]), filled in as they are rendered."""
    if _recorded_whole(c):  # a criterion recorded as a whole: its indicators with no value add nothing
        pairs = [(r, k) for r, k in zip(results, conditions, strict=True) if r.status is not ResultStatus.MISSING]
        results, conditions = [r for r, _ in pairs], [k for _, k in pairs]
    if shared is None:
        lines = [_criterion_line(c, lang, _deprived(c, results, lang))]
        lines.extend(_indicator_line(r, lang, condition) for r, condition in zip(results, conditions, strict=True))
        return "\n".join(lines)
    idx = 2 if lang == "en" else 1
    # a shared criterion result was built from its indicators' statuses, so the indicators its line names
    # are the same wherever it is shared
    found = [shared.get(id(c)), *map(shared.get, map(id, results))]
    if None not in found:  # every result shared: their lines, rendered once each
        shown = [k[idx] for k in found]  # type: ignore[index]
        if None not in shown:
            return "\n".join(cast(list[str], shown))
    known = shared.get(id(c))
    if known is None:
        lines = [_criterion_line(c, lang, _deprived(c, results, lang))]
    else:
        line = known[idx]
        if line is None:
            line = known[idx] = _criterion_line(c, lang, _deprived(c, results, lang))
        lines = [line]  # type: ignore[list-item]
    for r, condition in zip(results, conditions, strict=True):
        known = shared.get(id(r))
        if known is None:
            lines.append(_indicator_line(r, lang, condition))
        else:
            line = known[idx]
            if line is None:
                line = known[idx] = _indicator_line(r, lang, condition)
            lines.append(line)  # type: ignore[arg-type]
    return "\n".join(lines)


def _deprived(c: CriterionResult, results: Sequence[IndicatorResult], lang: str) -> list[str]:
    """The indicators met, named on a count criterion's line."""
    if c.count_threshold is None:
        return []
    return [(r.name_vi if lang == "vi" else r.name_en).lower() for r in results if r.status is ResultStatus.MET]


# How to read the part each source gives (see part_sources): a part shared between assessments (its text kept
# with it) is itself; a part built for one subject has its results in the assessment's own (criterion, first and end
# indicator: the source always stands at the same place), with its conditions and the lines of shared results. By
# the source's identity, the source kept with it; started afresh past a bound.
_Entry = AssessmentPart | tuple[int, int, int, tuple[Sequence[str], Sequence[str]], MutableMapping[int, list[object]]]
_ENTRIES: dict[int, tuple[PartSource, _Entry]] = {}


def _entry(a: Assessment, n: int, source: PartSource) -> _Entry:
    """How to read the part ``source`` gives at place ``n`` of ``a`` (see _ENTRIES), worked out once per source."""
    part = source.part_of(a)
    entry: _Entry = part
    if not part.shared:
        first = sum(len(c.indicators) for c in a.ruleset.criteria[:n])
        entry = (n, first, first + len(part.results), part.conditions, part.lines)
    if len(_ENTRIES) >= 16384:
        _ENTRIES.clear()
    _ENTRIES[id(source)] = (source, entry)
    return entry


def _planned_parts(a: Assessment, sources: tuple[PartSource, ...], lang: str
                   ) -> tuple[list[str], tuple[CitedValue, ...]]:
    """The criteria's texts of an assessment built by the engine's plan, and the unverified numbers its outcome
    rests on. A shared part's text is rendered once per language and kept with it; a part built for this subject
    is put together from the lines of its shared results (its results are the assessment's own, at the place its
    source stands). The numbers come from the results the outcome rests on, in the order
    :meth:`Assessment.relies_on` reads them."""
    weak = not_attested(numbers_relied_on(_because_results(a), a.because), a.strict)
    body = _BODIES.get((id(sources), lang))
    if body is not None and body[0] is sources:
        return [body[1]], weak
    idx = lang == "en"
    texts: list[str] = []
    append = texts.append
    indicators, criteria = a.indicators, a.criteria
    shared = True
    for at, source in enumerate(sources):
        known = _ENTRIES.get(id(source))
        p = known[1] if known is not None and known[0] is source else _entry(a, at, source)
        if p.__class__ is tuple:
            n, first, end, conditions, lines = p
            append(_block_text(criteria[n], indicators[first:end], conditions[idx], lang, lines))
            shared = False
            continue
        part = cast(AssessmentPart, p)
        text = part.text.get(lang)
        if text is None:
            text = cast(dict[str, str], part.text)[lang] = _block_text(
                part.criterion, part.results, part.conditions[idx], lang, part.lines)
        append(text)
    if shared:  # every part shared: the text of every assessment with these parts, in this language
        if len(_BODIES) >= 16384:
            _BODIES.clear()
        _BODIES[id(sources), lang] = (sources, "\n".join(texts))
    return texts, weak


# the criteria's text of the assessments whose parts are all shared, by the identity of their tuple of sources (kept
# with it) and the language
_BODIES: dict[tuple[int, str], tuple[tuple[PartSource, ...], str]] = {}


# where each code's result is in an assessment of a ruleset (indicators first, then criteria, as relies_on reads
# them), by the ruleset's identity (kept with it); a code may name an indicator and a criterion both
_PLACES: dict[int, tuple[Ruleset, dict[str, tuple[int, ...]], int]] = {}


def _because_results(a: Assessment) -> Sequence[IndicatorResult | CriterionResult] | chain[
        IndicatorResult | CriterionResult]:
    """The results whose codes the outcome rests on, in the order :meth:`Assessment.relies_on` reads them (the others
    cite nothing it relies on): looked up by code when they are a few (an outcome not met names one criterion or
    indicator), else every result."""
    because = a.because
    if len(because) > 8:
        return chain(a.indicators, a.criteria)
    rs = a.ruleset
    known = _PLACES.get(id(rs))
    if known is None or known[0] is not rs:
        if len(_PLACES) > 256:
            _PLACES.clear()
        places: dict[str, tuple[int, ...]] = {}
        codes = [i.code for _, i in rs.indicators()]
        for n, code in enumerate(chain(codes, (c.code for c in rs.criteria))):
            places[code] = (*places.get(code, ()), n)
        known = _PLACES[id(rs)] = (rs, places, len(codes))
    _, places, first = known
    where = sorted(chain.from_iterable(places.get(code, ()) for code in because))
    indicators, criteria = a.indicators, a.criteria
    return [indicators[n] if n < first else criteria[n - first] for n in where]


@exact_arithmetic
def explain(a: Assessment, lang: str = "vi") -> str:
    """Render an assessment as text; ``lang`` is ``"vi"`` or ``"en"``."""
    if not isinstance(lang, str) or lang not in ("vi", "en"):
        raise InputError("explain()", [Problem("$.lang", f"expected 'vi' or 'en', got {_shown(lang)}")])
    rs = a.ruleset
    title = rs.title_vi if lang == "vi" else rs.title_en
    who = f"[{a.subject_id}] " if a.subject_id else ""
    if a.outcome is not None:
        head = a.outcome.label(lang)
    else:
        options = ", ".join(c.label(lang) for c in a.candidates)
        head = f"{_w('undecided', lang)} ({_w('possible', lang)}: {options})"
        partial = a.partial_outcome  # what the known rules decide all the same (neither poor nor near-poor …)
        if partial is not None and partial.value != "undecided":
            head = f"{partial.label(lang)}. {head}"
    lines = [f"{who}{head} — {title} ({rs.cite}), {_w('on', lang)} {a.on.isoformat()}"]
    for rule in a.exceptions:
        where = _SCOPE_PAIRS.get((rule.dimension, str(rule.value)), (f"{rule.dimension} {rule.value}",) * 2)
        lines.append(f"  {_w('assessed_as', lang)} {where[0 if lang == 'vi' else 1]} — {rule.provenance}")
    sources = part_sources(a)
    if sources is not None:
        texts, weak = _planned_parts(a, sources, lang)
        lines.extend(texts)
    else:
        indicators = {i.code: i for _, i in rs.indicators()}
        by_criterion: dict[str, list[IndicatorResult]] = {}
        for r in a.indicators:
            by_criterion.setdefault(r.criterion, []).append(r)
        for c in a.criteria:
            results = by_criterion.get(c.code, [])
            conditions = [indicators[r.code].condition_vi if lang == "vi" else indicators[r.code].condition_en
                          for r in results]
            lines.append(_block_text(c, results, conditions, lang))
        weak = a.unverified
    for reason in a.reasons:
        lines.append(f"  {_w('because', lang)}: {reason_text(reason, lang)}")
    for name, value in a.designations:
        label = _WORDS.get(name, (name, name))
        shown = _w("unknown", lang) if value is None else _w("yes" if value else "no", lang)
        lines.append(f"  {_w('designation', lang)}: {label[0 if lang == 'vi' else 1]}: {shown}")
    if weak:
        lines.append(f"  {_w('unverified', lang)}")
        for n in weak:
            lines.append(f"    - {n.path}: {n.provenance}")
    if a.unused:
        lines.append(f"  {_w('unused', lang)}")
        lines.extend(f"    - {p.path}: {p.message}" for p in a.unused)
    if a.strict is not None and a.strict is not Status.SECONDARY:
        lines.append(f"  strict={a.strict.value}")
    return "\n".join(lines)


register_renderer(explain)
