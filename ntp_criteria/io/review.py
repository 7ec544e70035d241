"""The annual review's forms as a reader sees them: the filled Phiếu B1 scorecard row by row with each row's
points, điểm A against the line, Phiếu B2's deprivations at 10 points each, điểm B, and the class.

Every line names the number it uses and where it comes from (the scorecard's cell, Mẫu số 3.3; the line, Điều 1
khoản 1). Rendering only: the points and the class come from :func:`~ntp_criteria.assess` and
:func:`~ntp_criteria.families.review.scorecard`.
"""

from __future__ import annotations

from decimal import Decimal

from ..catalogue import Catalogue, assess, default_catalogue
from ..core.errors import InputError, Problem
from ..core.forms import ReviewForm
from ..core.model import Provenance
from ..core.results import Assessment, Observed, ResultStatus
from ..core.text import format_number
from ..engine import Missing
from ..families.review import POINTS_B, SCORE_A, scorecard

__all__ = ["explain_review", "points_b"]

_T = {
    "vi": {
        "card": "Phiếu B1 - chấm điểm theo Mẫu số 3.3, cột {heading}",
        "not_asked": "không hỏi: điểm chưa biết (tối đa {most})",
        "none": "không có dòng nào",
        "a": "Điểm A: {score} {op} {line} điểm ({area}) {mark} — {cite}",
        "a_open": "Điểm A: từ {low} đến {high}: chưa đủ để so với {line} điểm ({area}) — {cite}",
        "b2": "Phiếu B2 - các chỉ số thiếu hụt (Mẫu số 3.2)",
        "b": "Điểm B: {score} điểm ({count} chỉ số thiếu hụt đã biết) {op} {line} điểm {mark}",
        "b_open": "Điểm B: từ {low} đến {high} điểm: chưa đủ để so với {line} điểm",
        "result": "Kết quả: {label}",
        "undecided": "Kết quả: chưa xác định ({why})",
        "missing": "thiếu dữ liệu",
        "rural": "nông thôn", "urban": "thành thị", "points": "điểm", "range": "từ {low} đến {high}",
        "between": "{values} (hai mẫu của Thông tư in khác nhau)",
    },
    "en": {
        "card": "Phiếu B1 - scored on Mẫu số 3.3, column {heading}",
        "not_asked": "not asked: points unknown (at most {most})",
        "none": "no row applies",
        "a": "Points A: {score} {op} {line} ({area}) {mark} — {cite}",
        "a_open": "Points A: between {low} and {high}: not enough to compare with {line} ({area}) — {cite}",
        "b2": "Phiếu B2 - deprivations (Mẫu số 3.2)",
        "b": "Points B: {score} ({count} deprivations known) {op} {line} {mark}",
        "b_open": "Points B: between {low} and {high}: not enough to compare with {line}",
        "result": "Result: {label}",
        "undecided": "Result: undecided ({why})",
        "missing": "missing",
        "rural": "rural", "urban": "urban", "points": "points", "range": "between {low} and {high}",
        "between": "{values} (two forms of the circular print it differently)",
    },
}


def points_b(assessment: Assessment) -> Observed:
    """điểm B of a review assessment: the points of each deprivation of Phiếu B2 (10 each, the indicators'
    ``points`` parameter), or its bounds when some are not known."""
    low = high = Decimal(0)
    for r in assessment.indicators:
        if r.criterion != POINTS_B:
            continue
        points = assessment.ruleset.indicator(r.code).parameter("points").number()
        if r.status is ResultStatus.MET:
            low += points
            high += points
        elif not r.status.decided:
            high += points
    return Observed(low, high, "điểm")


def explain_review(form: ReviewForm, lang: str = "vi", *, catalogue: Catalogue | None = None) -> str:
    """The filled scorecard of ``form`` and its classification, in Vietnamese (``"vi"``) or English (``"en"``)."""
    if not isinstance(form, ReviewForm):
        raise InputError("explain_review()", [Problem("$.form", f"expected a ReviewForm, got {type(form).__name__}")])
    if lang not in _T:
        raise InputError("explain_review()", [Problem("$.lang", f"expected 'vi' or 'en', got {lang!r}")])
    t = _T[lang]
    cat = catalogue if catalogue is not None else default_catalogue()
    a = assess(form, catalogue=cat)
    lines = [f"{_outcome(a, t, lang)} — {a.ruleset.title_vi if lang == 'vi' else a.ruleset.title_en}, "
             f"{a.ruleset.instrument.number}, {a.on.isoformat()}"]
    lines += _card_lines(form, a, t, lang)
    lines += _a_lines(form, a, t)
    lines += _b_lines(a, t, lang)
    return "\n".join(lines)


def _card_lines(form: ReviewForm, a: Assessment, t: dict[str, str], lang: str) -> list[str]:
    card = scorecard(form, a.ruleset)
    if isinstance(card, Missing):
        return [f"  {t['card'].format(heading='?')}: {t['missing']} ({card.reason})"]
    heading = _heading(card.lines[0].provenance[0].cite) if card.lines else card.column
    lines = ["  " + t["card"].format(heading=heading)]
    for item in dict.fromkeys(line.item for line in card.lines):
        rows = [line for line in card.lines if line.item == item]
        lines.append(f"    {item}. {card.item_name(item, lang)}")
        if rows[0].marked is None:
            lines.append("       " + t["not_asked"].format(most=format_number(card.most[item])))
            continue
        marked = [line for line in rows if line.marked]
        if not marked:
            lines.append(f"       {t['none']}: 0")
        lines.extend(f"       [X] {line.row} {line.label_vi}: {_points(line.points, t)} {t['points']}"
                     f" ({'; '.join(_source(p) for p in line.provenance)})" for line in marked)
    return lines


def _a_lines(form: ReviewForm, a: Assessment, t: dict[str, str]) -> list[str]:
    score = a.result(SCORE_A)
    area = t[form.area.value]
    if not isinstance(score.observed, Observed) or score.threshold is None:
        return [f"  A: {t['missing']} ({score.reason})"] if score.reason else []
    line_value, cite = format_number(score.threshold.value), score.threshold.provenance.cite
    if score.status.decided:
        met = score.status is ResultStatus.MET
        return ["  " + t["a"].format(score=score.observed, op="≤" if met else ">", line=line_value, area=area,
                                     mark="✔" if met else "✘", cite=cite)]
    return ["  " + t["a_open"].format(low=format_number(score.observed.low), high=format_number(score.observed.high),
                                      line=line_value, area=area, cite=cite)]


def _b_lines(a: Assessment, t: dict[str, str], lang: str) -> list[str]:
    lines = ["  " + t["b2"]]
    b_results = [r for r in a.indicators if r.criterion == POINTS_B]
    for r in b_results:
        mark = "[X]" if r.status is ResultStatus.MET else ("[ ]" if r.status.decided else "[?]")
        name = r.name_vi if lang == "vi" else r.name_en
        points = format_number(a.ruleset.indicator(r.code).parameter("points").number())
        pts = points if r.status is ResultStatus.MET else ("0" if r.status.decided else t["missing"])
        lines.append(f"    {mark} {r.code} {name}: {pts}")
    b = points_b(a)
    criterion_b = a.criterion(POINTS_B)
    count = sum(1 for r in b_results if r.status is ResultStatus.MET)
    score_b = format_number(b.low) if b.exact else t["range"].format(low=format_number(b.low),
                                                                   high=format_number(b.high))
    cut = criterion_b.count_threshold
    line_b = format_number((cut.value if cut else Decimal(0))
                           * a.ruleset.indicator(b_results[0].code).parameter("points").number())
    if criterion_b.status.decided:
        met = criterion_b.status is ResultStatus.MET
        lines.append("  " + t["b"].format(score=score_b, count=count, op="≥" if met else "<", line=line_b,
                                          mark="✔" if met else "✘"))
    else:
        lines.append("  " + t["b_open"].format(low=format_number(b.low), high=format_number(b.high), line=line_b))
    return lines


def _outcome(a: Assessment, t: dict[str, str], lang: str) -> str:
    if a.outcome is not None:
        return t["result"].format(label=a.outcome.label(lang))
    return t["undecided"].format(why="; ".join(a.reasons) or t["missing"])


def _heading(cite: str) -> str:
    """The column heading the cell's citation names ("… cột Nông thôn đồng bằng sông Hồng")."""
    return cite.rpartition("cột ")[2] or cite


def _points(values: tuple[Decimal, ...], t: dict[str, str]) -> str:
    if len(set(values)) == 1:
        return format_number(values[0])
    return t["between"].format(values=" / ".join(format_number(v) for v in values))


def _source(p: Provenance) -> str:
    """The short citation of a cell: the form that prints it ("Mẫu số 3.3"); the full one is in the ruleset."""
    cite = p.cite.partition("Phụ lục III, ")[2] or p.cite
    return cite.partition(",")[0].partition(" (")[0]
