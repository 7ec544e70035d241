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
from ..core.forms import ReviewForm, row_group
from ..core.model import Provenance
from ..core.results import Assessment, Observed, ResultStatus
from ..core.text import format_number
from ..engine import Missing
from ..families.review import POINTS_B, SCORE_A, ScorecardLine, scorecard

__all__ = ["explain_review", "points_b"]

_T = {
    "vi": {
        "card": "Phiếu B1 - chấm điểm theo Mẫu số 3.3, cột {heading}",
        "not_asked": "không hỏi: điểm chưa biết (tối đa {most})",
        "none": "không có dòng nào",
        "a": "Điểm A: {score} {op} {line} điểm ({area}) {mark} — {cite}",
        "a_open": "Điểm A: từ {low} đến {high}: chưa đủ để so với {line} điểm ({area}) — {cite}",
        "b2": "Phiếu B2 - các chỉ số thiếu hụt (10 điểm mỗi chỉ số, Mẫu số 3.2)",
        "b": "Điểm B: {score} điểm ({count} chỉ số thiếu hụt) {op} 30 điểm {mark}",
        "b_open": "Điểm B: từ {low} đến {high} điểm: chưa đủ để so với 30 điểm",
        "result": "Kết quả: {label}",
        "undecided": "Kết quả: chưa xác định ({why})",
        "missing": "thiếu dữ liệu",
        "rural": "nông thôn", "urban": "thành thị", "points": "điểm",
        "between": "{values} (hai mẫu của Thông tư in khác nhau)",
    },
    "en": {
        "card": "Phiếu B1 - scored on Mẫu số 3.3, column {heading}",
        "not_asked": "not asked: points unknown (at most {most})",
        "none": "no row applies",
        "a": "Points A: {score} {op} {line} ({area}) {mark} — {cite}",
        "a_open": "Points A: between {low} and {high}: not enough to compare with {line} ({area}) — {cite}",
        "b2": "Phiếu B2 - deprivations (10 points each, Mẫu số 3.2)",
        "b": "Points B: {score} ({count} deprivations) {op} 30 {mark}",
        "b_open": "Points B: between {low} and {high}: not enough to compare with 30",
        "result": "Result: {label}",
        "undecided": "Result: undecided ({why})",
        "missing": "missing",
        "rural": "rural", "urban": "urban", "points": "points",
        "between": "{values} (two forms of the circular print it differently)",
    },
}


def points_b(assessment: Assessment) -> Observed:
    """điểm B of a review assessment: 10 points for each deprivation of Phiếu B2, or its bounds when some are
    not known."""
    b = [r for r in assessment.indicators if r.criterion == POINTS_B]
    met = sum(1 for r in b if r.status is ResultStatus.MET)
    open_ = sum(1 for r in b if not r.status.decided)
    return Observed(Decimal(10 * met), Decimal(10 * (met + open_)), "điểm")


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
    card = scorecard(form, a.ruleset)
    area = t[form.area.value]
    if isinstance(card, Missing):
        lines.append(f"  {t['card'].format(heading='?')}: {t['missing']} ({card.reason})")
    else:
        heading = _heading(card.lines[0].provenance[0].cite) if card.lines else card.column
        lines.append("  " + t["card"].format(heading=heading))
        for item in dict.fromkeys(line.item for line in card.lines):
            rows = [line for line in card.lines if line.item == item]
            lines.append(f"    {item}. {card.item_name(item, lang)}")
            if rows[0].marked is None:
                most = _most(rows)
                lines.append("       " + t["not_asked"].format(most=format_number(most)))
                continue
            marked = [line for line in rows if line.marked]
            if not marked:
                lines.append(f"       {t['none']}: 0")
            lines.extend(f"       [X] {line.row} {line.label_vi}: {_points(line.points, t)} {t['points']}"
                         f" ({'; '.join(_source(p) for p in line.provenance)})" for line in marked)
    score = a.result(SCORE_A)
    if isinstance(score.observed, Observed) and score.threshold is not None:
        line_value, cite = format_number(score.threshold.value), score.threshold.provenance.cite
        if score.status.decided:
            met = score.status is ResultStatus.MET
            lines.append("  " + t["a"].format(score=score.observed, op="≤" if met else ">", line=line_value,
                                              area=area, mark="✔" if met else "✘", cite=cite))
        else:
            lines.append("  " + t["a_open"].format(low=format_number(score.observed.low),
                                                   high=format_number(score.observed.high), line=line_value,
                                                   area=area, cite=cite))
    elif score.reason:
        lines.append(f"  A: {t['missing']} ({score.reason})")
    lines.append("  " + t["b2"])
    for r in a.indicators:
        if r.criterion != POINTS_B:
            continue
        mark = "[X]" if r.status is ResultStatus.MET else ("[ ]" if r.status.decided else "[?]")
        name = r.name_vi if lang == "vi" else r.name_en
        pts = "10" if r.status is ResultStatus.MET else ("0" if r.status.decided else t["missing"])
        lines.append(f"    {mark} {r.code} {name}: {pts}")
    b = points_b(a)
    if b.exact:
        count = int(b.low) // 10
        met = b.low >= 30
        lines.append("  " + t["b"].format(score=format_number(b.low), count=count, op="≥" if met else "<",
                                          mark="✔" if met else "✘"))
    else:
        lines.append("  " + t["b_open"].format(low=format_number(b.low), high=format_number(b.high)))
    return "\n".join(lines)


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


def _most(rows: list[ScorecardLine]) -> Decimal:
    groups: dict[str, Decimal] = {}
    for line in rows:
        groups[row_group(line.row)] = max(groups.get(row_group(line.row), Decimal(0)), *line.points)
    return sum(groups.values(), Decimal(0))
