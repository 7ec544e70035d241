"""Explanations a commune officer can read, in Vietnamese or English.

Every line names the value observed, the number it was compared against, and where that number comes
from; results that rest on unverified numbers say so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from decimal import Decimal
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, is_, itemgetter
from typing import TypeVar, cast

from ..core._validate import shown as _shown
from ..core.errors import InputError, Problem
from ..core.exact import exact_arithmetic
from ..core.model import CitedValue, Ruleset, Scope, Status, Threshold
from ..core.results import (
    Assessment,
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

_T = TypeVar("_T")

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


def _on_show(c: CriterionResult, results: Sequence[IndicatorResult], conditions: Sequence[str]
             ) -> tuple[Sequence[IndicatorResult], Sequence[str]]:
    """The indicators a criterion's text shows, with their conditions: for a criterion recorded as a whole, those
    with a value (its indicators with no value add nothing)."""
    if not _recorded_whole(c):
        return results, conditions
    pairs = [(r, k) for r, k in zip(results, conditions, strict=True) if r.status is not ResultStatus.MISSING]
    return [r for r, _ in pairs], [k for _, k in pairs]


def _block_text(c: CriterionResult, results: Sequence[IndicatorResult], conditions: Sequence[str], lang: str) -> str:
    """A criterion's line and its indicators' lines."""
    results, conditions = _on_show(c, results, conditions)
    lines = [_criterion_line(c, lang, _deprived(c, results, lang))]
    lines.extend(_indicator_line(r, lang, condition) for r, condition in zip(results, conditions, strict=True))
    return "\n".join(lines)


def _deprived(c: CriterionResult, results: Sequence[IndicatorResult], lang: str) -> list[str]:
    """The indicators met, named on a count criterion's line."""
    if c.count_threshold is None:
        return []
    return [(r.name_vi if lang == "vi" else r.name_en).lower() for r in results if r.status is ResultStatus.MET]


# What an explanation keeps of the parts of the assessments built by the engine's plan (see part_sources), per
# language (0: vi, 1: en): by their sources (which compare by identity: see _learn), a shared part's text or the
# _Step that says where the results of a part built for one subject are; and the line of each result shared between
# assessments, by the result's identity (results compare by value, and equal results may be written differently:
# 85.0 is not 85). Every result whose identity is a key is kept in _KEPT, so that the identity is not reused while
# it is one (a lock keeps the tables and _KEPT together). All are started afresh past a bound (many short-lived
# what-if rulesets).
_KNOWN: tuple[dict[PartSource, str | _Step], dict[PartSource, str | _Step]] = ({}, {})
_LINES: tuple[dict[int, str], dict[int, str]] = ({}, {})
_KEPT: dict[int, object] = {}
_KNOWN_LIMIT = 1 << 15
_KEPT_LIMIT = 1 << 17
_LOCK = threading.Lock()


class _Step:
    """Where the results of a part built for one subject are in its assessment: its criterion's place (``at``, also
    the source's place), its first and end indicator's; with its indicators' conditions (vi, en) and the results
    shared between assessments (see AssessmentPart.lines)."""

    __slots__ = ("at", "conditions", "end", "first", "shared")

    def __init__(self, at: int, first: int, end: int, conditions: tuple[Sequence[str], Sequence[str]],
                 shared: MutableMapping[int, list[object]]) -> None:
        self.at, self.first, self.end, self.conditions, self.shared = at, first, end, conditions, shared


def _keep(result: object, table: dict[int, str], line: str) -> None:
    """``table[id(result)] = line``, ``result`` kept so that its identity is not reused while it is a key."""
    with _LOCK:
        if len(_KEPT) >= _KEPT_LIMIT:
            for known in (*_LINES, _KEPT):
                known.clear()
        _KEPT[id(result)] = result
        table[id(result)] = line


def _learn(source: PartSource, tables: Sequence[dict[PartSource, str | _Step]], known: str | _Step) -> None:
    """``table[source] = known`` in each of ``tables``, when ``source`` compares by identity (as the engine's do: a
    source that compares by value is never kept, its assessments are explained one part at a time)."""
    cls = type(source)
    if cls.__hash__ is not object.__hash__ or cls.__eq__ is not object.__eq__:
        return
    with _LOCK:
        if len(_KNOWN[0]) + len(_KNOWN[1]) >= _KNOWN_LIMIT:
            for table in _KNOWN:
                table.clear()
        for table in tables:
            table[source] = known


def _lines_of(c: CriterionResult, results: Sequence[IndicatorResult], conditions: Sequence[str], lang: str,
              shared: MutableMapping[int, list[object]]) -> list[str]:
    """A criterion's line and its indicators' lines (as _block_text gives them); the line of a result in ``shared``
    (shared between assessments) is rendered once per language and kept."""
    idx = lang == "en"
    whole = _recorded_whole(c)
    results, conditions = _on_show(c, results, conditions)
    table = _LINES[idx]
    line = table.get(id(c))
    if line is None:
        line = _criterion_line(c, lang, _deprived(c, results, lang))
        known = shared.get(id(c))
        # a shared criterion result was built from its indicators' statuses, so the indicators its line names are
        # the same wherever it is shared; one recorded as a whole is not kept in the table, so that its part is put
        # together here, without its indicators with no value (see _planned_body)
        if known is not None:
            known[1 + idx] = line
            if not whole:
                _keep(c, table, line)
    lines = [line]
    for r, condition in zip(results, conditions, strict=True):
        line = table.get(id(r))
        if line is None:
            line = _indicator_line(r, lang, condition)
            known = shared.get(id(r))
            if known is not None:
                known[1 + idx] = line
                _keep(r, table, line)
        lines.append(line)
    return lines


@exact_arithmetic
def _known_part(a: Assessment, n: int, source: PartSource, lang: str) -> str | _Step:
    """What _planned_body reads of ``source``, the source of the part at place ``n`` of ``a``, worked out and kept
    (see _learn): a shared part's text, rendered once per language; for a part built for one subject, where its results
    are (the source's place, the indicators of the criteria before it)."""
    idx = lang == "en"
    part = source.part_of(a)
    if part.shared:
        text = part.text.get(lang)
        if text is None:
            text = cast(dict[str, str], part.text)[lang] = "\n".join(
                _lines_of(part.criterion, part.results, part.conditions[idx], lang, part.lines))
        _learn(source, (_KNOWN[idx],), text)
        return text
    first = sum(len(c.indicators) for c in a.ruleset.criteria[:n])
    step = _Step(n, first, first + len(part.results), part.conditions, part.lines)
    _learn(source, _KNOWN, step)
    return step


def _fresh_text(a: Assessment, step: _Step, lang: str) -> str:
    """The text of the part of ``a`` built for its subject where ``step`` says, its lines kept (see _lines_of); under
    the library's decimal context (see _fresh_texts)."""
    return "\n".join(_lines_of(a.criteria[step.at], a.indicators[step.first:step.end],
                               step.conditions[lang == "en"], lang, step.shared))


@exact_arithmetic
def _fresh_texts(a: Assessment, texts: Sequence[object], places: Iterable[int], lang: str) -> dict[int, str]:
    """The texts of the parts of ``a`` built for its subject at ``places`` (``texts`` holding their _Step), by place:
    one switch to the library's decimal context for all of them."""
    return {n: _fresh_text(a, cast(_Step, texts[n]), lang) for n in places}


class _Layout:
    """How the criteria's text of an assessment is put together, for a ruleset whose criteria have ``counts``
    indicators each, when the parts built for one subject are at the places ``fresh``: ``criteria`` and
    ``indicators`` take those parts' results from the assessment's (the ruleset has ``size`` indicators), in the order
    their lines are shown, and ``parts`` says the place of the part each of those results is in; ``order`` takes,
    from the parts' texts (a _Step for those parts) followed by the lines of those criteria and then of those
    indicators, what the text shows, in order."""

    __slots__ = ("criteria", "indicators", "order", "parts", "size")

    def __init__(self, counts: tuple[int, ...], fresh: list[int]) -> None:
        ends = list(accumulate(counts))
        firsts = [0, *ends[:-1]]
        self.size = ends[-1] if ends else 0
        self.criteria = _getter(fresh)
        self.indicators = _getter([k for n in fresh for k in range(firsts[n], ends[n])])
        self.parts = (*fresh, *(n for n in fresh for _ in range(firsts[n], ends[n])))
        shown: list[int] = []
        parts = len(counts)
        criterion, indicator = parts, parts + len(fresh)  # where the lines of the next part's results are
        for n, count in enumerate(counts):
            if n not in fresh:
                shown.append(n)
                continue
            shown.extend((criterion, *range(indicator, indicator + count)))
            criterion += 1
            indicator += count
        self.order = _getter(shown)


def _getter(places: list[int]) -> Callable[[Sequence[_T]], tuple[_T, ...]]:
    """The items of a sequence at ``places``, as a tuple (itemgetter gives a lone item for a single place)."""
    if len(places) == 1:
        place = places[0]
        return lambda items: (items[place],)
    if not places:
        return lambda items: ()
    return itemgetter(*places)


# the layouts by the shape of the ruleset (how many indicators each criterion has: the what-if copies of a ruleset
# share it) and the kind of what is kept of each part (str for a shared part's text, _Step for a part built for one
# subject)
_LAYOUTS: dict[tuple[object, ...], _Layout] = {}
# the shape of each ruleset (see _LAYOUTS) by its identity, the ruleset kept with it
_SHAPES: dict[int, tuple[Ruleset, tuple[int, ...]]] = {}


def _shape(rs: Ruleset) -> tuple[int, ...]:
    """How many indicators each criterion of ``rs`` has (one tuple per ruleset, kept)."""
    known = _SHAPES.get(id(rs))
    if known is None or known[0] is not rs:
        if len(_SHAPES) > 256:
            _SHAPES.clear()
        known = _SHAPES[id(rs)] = (rs, tuple(len(c.indicators) for c in rs.criteria))
    return known[1]


def _planned_body(a: Assessment, sources: tuple[PartSource, ...], lang: str) -> Sequence[str]:
    """The criteria's texts of an assessment built by the engine's plan, in order.

    Put together in a few calls that each go over many items: the texts of its shared parts and the _Step of each
    part built for this subject, by their sources; then the lines of those parts' results (shared between
    assessments, rendered once each), placed by the _Layout for where those parts are. What is not kept yet (a source
    or a result seen for the first time) is worked out and kept on the way; a result built for this subject alone,
    or a criterion recorded as a whole (whose line is not kept: its indicators with no value are left out), has its
    part put together on its own (_fresh_text)."""
    idx = lang == "en"
    texts: list[str | _Step | None] = list(map(_KNOWN[idx].get, sources))
    if None in texts:
        for n, known in enumerate(texts):
            if known is None:
                texts[n] = _known_part(a, n, sources[n], lang)
    counts = _shape(a.ruleset)
    if len(texts) == len(counts):
        key = (counts, *map(type, texts))
        layout = _LAYOUTS.get(key)
        if layout is None:
            if len(_LAYOUTS) >= 4096:
                _LAYOUTS.clear()
            layout = _LAYOUTS[key] = _Layout(counts, [n for n, known in enumerate(texts) if known.__class__ is _Step])
        if len(a.indicators) == layout.size:
            line = _LINES[idx].get
            # (the results are taken from the assessment's own tuples, never joined first: that would touch each one)
            shown = [*map(line, map(id, layout.criteria(a.criteria))),
                     *map(line, map(id, layout.indicators(a.indicators)))]
            if None not in shown:
                texts += shown
                return layout.order(texts)  # type: ignore[arg-type]
            # a line not kept yet: the parts it is in are put together on their own, which renders and keeps the
            # lines of their shared results (a result seen for the first time, most often); the lines read again
            rendered = _fresh_texts(a, texts, set(compress(layout.parts, map(is_, shown, repeat(None)))), lang)
            shown = [*map(line, map(id, layout.criteria(a.criteria))),
                     *map(line, map(id, layout.indicators(a.indicators)))]
            if None not in shown:
                texts += shown
                return layout.order(texts)  # type: ignore[arg-type]
            # results built for this subject alone (a household's income): their lines are never kept, and the
            # parts they are in were just put together
            for n, text in rendered.items():
                texts[n] = text
    steps = [n for n, known in enumerate(texts) if known.__class__ is _Step]
    if steps:
        for n, text in _fresh_texts(a, texts, steps, lang).items():
            texts[n] = text
    return texts  # type: ignore[return-value]


# where each code's result is in an assessment of a ruleset (indicators first, then criteria, as relies_on reads
# them), by the ruleset's identity (kept with it); a code may name an indicator and a criterion both
_PLACES: dict[int, tuple[Ruleset, dict[str, tuple[int, ...]], int]] = {}


def _places(rs: Ruleset) -> tuple[dict[str, tuple[int, ...]], int]:
    """Where each code's result is in an assessment of ``rs`` (see _PLACES), and how many indicators it has."""
    known = _PLACES.get(id(rs))
    if known is None or known[0] is not rs:
        if len(_PLACES) > 256:
            _PLACES.clear()
        places: dict[str, tuple[int, ...]] = {}
        codes = [i.code for _, i in rs.indicators()]
        for n, code in enumerate(chain(codes, (c.code for c in rs.criteria))):
            places[code] = (*places.get(code, ()), n)
        known = _PLACES[id(rs)] = (rs, places, len(codes))
    return known[1], known[2]


# Which results an outcome rests on (those with the codes it names, in the order Assessment.relies_on reads them), by
# the ruleset's identity and the codes: functions taking them from the assessment's indicators and from its criteria
# (None when none has those codes), with the ruleset kept
_BECAUSE: dict[tuple[int, frozenset[str]],
               tuple[Ruleset, Callable[[Sequence[IndicatorResult]], tuple[IndicatorResult, ...]] | None,
                     Callable[[Sequence[CriterionResult]], tuple[CriterionResult, ...]] | None]] = {}
# The lines an explanation gives the numbers an outcome rests on that are not attested well enough (see
# Assessment.unverified), by the identities of what its results rest on (kept with the lines) and of the strict level:
# the heading and a line per number, per language
_WEAK: dict[tuple[int, ...], tuple[tuple[tuple[CitedValue, ...], ...], tuple[list[str], list[str]]]] = {}
_RESTS_ON = attrgetter("rests_on")


def _weak_lines(a: Assessment, lang: str) -> list[str]:
    """The lines on the numbers ``a``'s outcome rests on that are not attested well enough (none when all are), for
    an assessment whose results are the whole ruleset's, in its order (as the engine's plan builds them)."""
    because, rs = a.because, a.ruleset
    key = (id(rs), because)
    known = _BECAUSE.get(key)
    if known is None or known[0] is not rs:
        places, first = _places(rs)
        where = sorted(chain.from_iterable(places.get(code, ()) for code in because))
        indicators = [n for n in where if n < first]
        criteria = [n - first for n in where if n >= first]
        if len(_BECAUSE) >= 4096:
            _BECAUSE.clear()
        known = _BECAUSE[key] = (rs, _getter(indicators) if indicators else None,
                                 _getter(criteria) if criteria else None)
    _, of_indicators, of_criteria = known
    # relies_on reads the indicators first, then the criteria
    results: tuple[IndicatorResult | CriterionResult, ...] = (
        () if of_indicators is None else of_indicators(a.indicators))
    if of_criteria is not None:
        results += of_criteria(a.criteria)
    rests = tuple(map(_RESTS_ON, results))
    if not any(rests):
        return []
    weak_key = (*map(id, rests), id(a.strict))
    weak = _WEAK.get(weak_key)
    if weak is None:
        numbers = not_attested(numbers_relied_on(results, because), a.strict)
        if len(_WEAK) >= 4096:
            _WEAK.clear()
        # what the results rest on is kept with its lines, so its identity is not reused meanwhile
        weak = _WEAK[weak_key] = (rests, (_unverified_lines(numbers, "vi"), _unverified_lines(numbers, "en")))
    return weak[1][lang == "en"]


def _unverified_lines(weak: Sequence[CitedValue], lang: str) -> list[str]:
    """The lines on the numbers ``weak`` (none when it is empty)."""
    if not weak:
        return []
    return [f"  {_w('unverified', lang)}", *(f"    - {n.path}: {n.provenance}" for n in weak)]


# the end of an explanation's first line, by the ruleset's identity (kept with it), the language and the date
_DATED: dict[tuple[int, bool, object], tuple[Ruleset, str]] = {}


def _heading_end(a: Assessment, lang: str) -> str:
    """`` — <ruleset's title> (<citation>), on <date>``: the end of an explanation's first line."""
    key = (id(a.ruleset), lang == "en", a.on)
    known = _DATED.get(key)
    if known is None or known[0] is not a.ruleset:
        rs = a.ruleset
        title = rs.title_vi if lang == "vi" else rs.title_en
        if len(_DATED) >= 4096:
            _DATED.clear()
        known = _DATED[key] = (rs, f" — {title} ({rs.cite}), {_w('on', lang)} {a.on.isoformat()}")
    return known[1]


@exact_arithmetic
def _criteria_texts(a: Assessment, lang: str) -> list[str]:
    """The criteria's texts of an assessment, rendered from its results (one built otherwise than by the engine's
    plan: read back from JSON, changed with ``attrs.evolve``)."""
    indicators = {i.code: i for _, i in a.ruleset.indicators()}
    by_criterion: dict[str, list[IndicatorResult]] = {}
    for r in a.indicators:
        by_criterion.setdefault(r.criterion, []).append(r)
    texts = []
    for c in a.criteria:
        results = by_criterion.get(c.code, [])
        conditions = [indicators[r.code].condition_vi if lang == "vi" else indicators[r.code].condition_en
                      for r in results]
        texts.append(_block_text(c, results, conditions, lang))
    return texts


def explain(a: Assessment, lang: str = "vi") -> str:
    """Render an assessment as text; ``lang`` is ``"vi"`` or ``"en"``.

    What renders a number (a result's or a criterion's line) runs under the library's decimal context
    (:func:`~ntp_criteria.core.exact.exact_arithmetic`), whatever the caller's; the rest of the text is put together
    from words, labels and lines already rendered."""
    if not isinstance(lang, str) or lang not in ("vi", "en"):
        raise InputError("explain()", [Problem("$.lang", f"expected 'vi' or 'en', got {_shown(lang)}")])
    who = f"[{a.subject_id}] " if a.subject_id else ""
    if a.outcome is not None:
        head = a.outcome.label(lang)
    else:
        options = ", ".join(c.label(lang) for c in a.candidates)
        head = f"{_w('undecided', lang)} ({_w('possible', lang)}: {options})"
        partial = a.partial_outcome  # what the known rules decide all the same (neither poor nor near-poor …)
        if partial is not None and partial.value != "undecided":
            head = f"{partial.label(lang)}. {head}"
    lines = [who + head + _heading_end(a, lang)]
    for rule in a.exceptions:
        where = _SCOPE_PAIRS.get((rule.dimension, str(rule.value)), (f"{rule.dimension} {rule.value}",) * 2)
        lines.append(f"  {_w('assessed_as', lang)} {where[0 if lang == 'vi' else 1]} — {rule.provenance}")
    sources = part_sources(a)
    if sources is not None:
        lines += _planned_body(a, sources, lang)
        weak = _weak_lines(a, lang)
    else:
        lines += _criteria_texts(a, lang)
        weak = _unverified_lines(a.unverified, lang)
    for reason in a.reasons:
        lines.append(f"  {_w('because', lang)}: {reason_text(reason, lang)}")
    for name, value in a.designations:
        label = _WORDS.get(name, (name, name))
        shown = _w("unknown", lang) if value is None else _w("yes" if value else "no", lang)
        lines.append(f"  {_w('designation', lang)}: {label[0 if lang == 'vi' else 1]}: {shown}")
    if weak:
        lines += weak
    if a.unused:
        lines.append(f"  {_w('unused', lang)}")
        lines.extend(f"    - {p.path}: {p.message}" for p in a.unused)
    if a.strict is not None and a.strict is not Status.SECONDARY:
        lines.append(f"  strict={a.strict.value}")
    return "\n".join(lines)


register_renderer(explain)
