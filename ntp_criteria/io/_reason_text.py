"""The engine's reasons in Vietnamese, worded when they are shown.

The engine writes the reason of a MISSING, NOT_APPLICABLE or UNDECIDED result, and the reasons of an open outcome,
in English, and keeps them so (the stored value, the JSON payload's). :func:`reason_text` words them in Vietnamese
when an explanation, a batch output or the command line is asked for in Vietnamese: each English shape the code
can produce is a template of this catalogue (:data:`TEMPLATES`), its parameters kept (codes, fact names, citations,
numbers) or worded in turn (a nested reason, the name of a household fact). A reason of no known shape is shown as
it is, in English, never half translated; ``tests/test_reason_text.py`` scans the engine and the families for
every reason they can write and fails on one without a template here.

```pycon
>>> from ntp_criteria.io._reason_text import reason_text
>>> reason_text("2.1: no value recorded for '2.1'", "vi")
"2.1: chưa ghi nhận giá trị của '2.1'"
>>> reason_text("employment not recorded for members [0, 2]", "vi")
'chưa ghi nhận việc làm của các thành viên [0, 2]'
>>> reason_text("a reason of a shape not yet worded", "vi")
'a reason of a shape not yet worded'

```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import overload

import attrs

__all__ = ["FACT_WORDS", "LEVEL_WORDS", "TEMPLATES", "Template", "reason_text", "reasons_text", "translate_reason"]

#: the household facts a poverty measure names when it cannot decide, in the words of NĐ 07/2021's dimensions
FACT_WORDS: Mapping[str, str] = {
    "members": "thành viên của hộ",
    "monthly income per capita": "thu nhập bình quân đầu người/tháng",
    "employment": "việc làm",
    "nutrition": "dinh dưỡng",
    "health insurance": "bảo hiểm y tế",
    "illness and treatment": "ốm đau và khám chữa bệnh",
    "schooling or education level": "tình trạng đi học hoặc trình độ giáo dục",
    "school attendance": "tình trạng đi học",
    "dwelling floor area": "diện tích nhà ở",
    "water source": "nguồn nước sinh hoạt",
    "latrine": "nhà tiêu",
    "internet use": "sử dụng internet",
    "phone use": "sử dụng điện thoại",
    "information devices": "phương tiện phục vụ tiếp cận thông tin",
    "loudspeaker reach": "hệ thống loa truyền thanh đến được nơi ở",
    "waste handling": "thu gom, xử lý rác thải",
}


def _keep(value: str) -> str | None:
    return value


def _fact(value: str) -> str | None:
    return FACT_WORDS.get(value)


def _names(value: str) -> str | None:
    """``'a' and 'b'``: fact names as the rules data spell them, joined in Vietnamese."""
    return value.replace(" and ", " và ")


def _scope(value: str) -> str | None:
    """A scope as :class:`~ntp_criteria.Scope` writes it (``region=tn, year=2022``); ``all`` for none."""
    return "mọi trường hợp" if value == "all" else value


def _nested(value: str) -> str | None:
    return translate_reason(value)


#: the levels a commune or district reaches (ntm.CommuneLevel, ntm.DistrictLevel), as the programme names them
LEVEL_WORDS: Mapping[str, str] = {"ntm": "nông thôn mới", "advanced": "nông thôn mới nâng cao",
                                  "model": "nông thôn mới kiểu mẫu"}


def _level(value: str) -> str | None:
    return LEVEL_WORDS.get(value, value)


#: how a parameter is worded: the value as it is, a household fact's name, fact names, a scope or a reason
_KINDS: dict[str, tuple[str, Callable[[str], str | None]]] = {
    "keep": (r".+?", _keep),
    "code": (r"[^\s:]+", _keep),
    "number": (r"\d+", _keep),
    "fact": (r".+?", _fact),
    "names": (r".+?", _names),
    "scope": (r".+?", _scope),
    "reason": (r".+", _nested),
    "plural": (r"s?", _keep),
    "level": (r"\w+", _level),
}


@attrs.frozen
class Template:
    """One shape of English reason (``{name}`` for each parameter), the Vietnamese wording of it, and how each
    parameter is worded (a kind of :data:`_KINDS`; ``keep`` when not named)."""

    en: str
    vi: str
    kinds: Mapping[str, str] = attrs.field(factory=dict)
    pattern: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        parts = re.split(r"\{(\w+)\}", self.en)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_KINDS[self.kinds.get(p, 'keep')][0]})"
                        for i, p in enumerate(parts))
        object.__setattr__(self, "pattern", re.compile(f"^{regex}$", re.DOTALL))

    def shape(self) -> str:
        """The English with every parameter as ``{}`` (what a scan of an f-string in the source gives)."""
        return re.sub(r"\{\w+\}", "{}", self.en)

    def word(self, reason: str) -> str | None:
        """``reason`` in Vietnamese when it has this shape and every parameter is worded, else None."""
        m = self.pattern.match(reason)
        if m is None:
            return None
        values: dict[str, str] = {}
        for name, value in m.groupdict().items():
            worded = _KINDS[self.kinds.get(name, "keep")][1](value)
            if worded is None:
                return None
            values[name] = worded
        return self.vi.format(**values)


#: every shape of reason the engine and the families write, with its Vietnamese (the first that words it is used)
TEMPLATES: tuple[Template, ...] = (
    # the engine (engine/reference.py, engine/_plan.py, engine/registry.py)
    Template("fact {name} not recorded", "chưa ghi nhận dữ kiện {name}"),
    Template("fact{plural} {names} not recorded", "chưa ghi nhận dữ kiện {names}",
             {"plural": "plural", "names": "names"}),
    Template("no value recorded for {code}", "chưa ghi nhận giá trị của {code}"),
    Template("no value for {names}", "chưa có giá trị của {names}"),
    Template("no threshold for {scope}", "dữ liệu chưa có mức quy định cho {scope}", {"scope": "scope"}),
    Template("the law has this test only for {where}", "văn bản chỉ quy định chỉ tiêu này cho {where}"),
    Template("facts missing: the value is only known to lie in {interval}, on both sides of the threshold",
             "chỉ biết giá trị nằm trong khoảng {interval}, ở cả hai phía của mức quy định"),
    Template("{code}: {n} of {total} indicators unknown ({codes})",
             "{code}: {n}/{total} chỉ số chưa rõ kết quả ({codes})",
             {"code": "code", "n": "number", "total": "number"}),
    Template("{code}: no result recorded (the set's indicators for it are not in the data)",
             "{code}: chưa ghi nhận kết quả (dữ liệu chưa có các chỉ tiêu của tiêu chí này)", {"code": "code"}),
    Template("conflict: {outcomes} both apply under {instrument} and no precedence rule is encoded; the competent "
             "authority decides",
             "xung đột: {outcomes} đều thỏa mãn theo {instrument} mà chưa có quy tắc ưu tiên nào được mã hóa; cơ quan "
             "có thẩm quyền quyết định", {"outcomes": "names"}),
    Template("{code}: {reason}", "{code}: {reason}", {"code": "code", "reason": "reason"}),
    # the poverty family (families/poverty)
    Template("{fact} not recorded for members {members}", "chưa ghi nhận {fact} của các thành viên {members}",
             {"fact": "fact"}),
    Template("{fact} not recorded", "chưa ghi nhận {fact}", {"fact": "fact"}),
    Template("{instrument}: the middle-living-standard band is not in the rules data (not yet found in the legal "
             "text), so above the line the class is left open",
             "{instrument}: dữ liệu quy định chưa có chuẩn hộ có mức sống trung bình (chưa tìm thấy trong văn bản pháp "
             "luật), nên hộ có thu nhập trên chuẩn chưa phân loại được"),
    # the review family (families/review)
    Template("số nhân khẩu (members) not recorded", "chưa ghi nhận số nhân khẩu"),
    Template("region not recorded: it chooses the rural scorecard (Mẫu số 3.5-3.10)",
             "chưa ghi nhận vùng: vùng quyết định bảng chấm điểm khu vực nông thôn (Mẫu số 3.5-3.10)"),
    Template("Mẫu số 3.3 has no rural scorecard for the centrally run cities: give the region whose scorecard the "
             "province uses",
             "Mẫu số 3.3 không có bảng chấm điểm khu vực nông thôn cho thành phố trực thuộc trung ương: ghi vùng có "
             "bảng chấm điểm mà địa phương áp dụng"),
    # the levels of a commune or a district (families/ntm: commune_level, district_level); what follows the
    # colon, and the set's title, are rules data, shown as written
    Template("no {level} level on {on}: {why}", "không có mức {level} vào ngày {on}: {why}", {"level": "level"}),
    Template("no advanced set is encoded for {title}", "chưa mã hóa bộ tiêu chí nâng cao cho {title}"),
    # the areas family (families/areas)
    Template("the commune has neither an ethnic boarding nor a semi-boarding school: the quoted text does not say "
             "whether 'chưa có nhà ở nội trú' then counts; record the criterion",
             "xã không có trường phổ thông dân tộc nội trú hay bán trú: đoạn văn bản được trích không nói khi đó "
             "'chưa có nhà ở nội trú' có được tính hay không; hãy ghi nhận kết quả của tiêu chí"),
)

# strict mode: the numbers a result rests on, each ``path (cite [status])``: paths and citations, no words to word
_CITED = re.compile(r"^[^\s;()]+ \(.+ \[(verified|secondary|unverified)\]\)(; [^\s;()]+ \(.+ "
                    r"\[(verified|secondary|unverified)\]\))*$", re.DOTALL)

_SEEN: dict[str, str | None] = {}


def translate_reason(reason: str) -> str | None:
    """``reason`` in Vietnamese, or None when it has no known shape (or names a fact with no Vietnamese name)."""
    if reason in _SEEN:
        return _SEEN[reason]
    worded: str | None = None
    for template in TEMPLATES:
        worded = template.word(reason)
        if worded is not None:
            break
    else:
        if _CITED.match(reason):
            worded = reason
    if len(_SEEN) > 10_000:
        _SEEN.clear()
    _SEEN[reason] = worded
    return worded


@overload
def reason_text(reason: str, lang: str) -> str: ...
@overload
def reason_text(reason: None, lang: str) -> None: ...
def reason_text(reason: str | None, lang: str) -> str | None:
    """A reason as shown in ``lang``: in Vietnamese for ``"vi"`` where its shape is known, else as the engine
    wrote it (English), never an error (None, a result with no reason, stays None)."""
    if lang != "vi" or not isinstance(reason, str):
        return reason
    worded = translate_reason(reason)
    return reason if worded is None else worded


def reasons_text(reasons: Iterable[str], lang: str) -> list[str]:
    """Each of ``reasons`` as :func:`reason_text` shows it."""
    return [reason_text(r, lang) for r in reasons]
