"""The library's input errors in Vietnamese: a template for every shape of ``Problem`` message it writes.

The library raises :class:`~ntp_criteria.InputError` with its problems in English, and keeps them so (callers and
tests read them); the command line (``--lang vi``) words each through :func:`~ntp_criteria.io._cli_text.tr_error`,
which tries its own common shapes, then :data:`TEMPLATES`. A template's ``{name}`` is what the message fills in,
kept as it is (codes, paths, values, names), except: ``{near}`` the optional ``(did you mean …?)`` ending,
``{error}`` a nested message worded in turn, ``{cls…}`` a Python class name, and ``{w_…}`` a field named in
:data:`VOCABULARY`, which matches only the English words listed there and is replaced by their Vietnamese (so that
a message with an English word nobody listed is left whole, in English, never half worded).
``tests/test_problem_text.py`` scans every ``Problem(...)`` of the package and fails on a shape with no Vietnamese.

```pycon
>>> from ntp_criteria.io._problem_text import word_problem
>>> word_problem("expected a number ≥ 0, got -5", lambda m: m)
'cần một số ≥ 0, nhận được -5'
>>> word_problem("the moon is full", lambda m: m) is None
True

```
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import attrs

__all__ = ["TEMPLATES", "VOCABULARY", "ErrorTemplate", "word_problem"]

#: `` (did you mean 'a' or 'b'?)``, as :func:`ntp_criteria.core._validate.nearest` ends a message (or nothing)
_NEAR = r"(?: \(did you mean .+\?\))?"


def near_text(value: str) -> str:
    """The ``(did you mean 'a' or 'b'?)`` ending in Vietnamese (the codes kept), or nothing."""
    if not value:
        return ""
    return " (có phải là " + value.removeprefix(" (did you mean ").removesuffix("?)").replace("' or '", "' hoặc '") \
        + "?)"


#: the English words a message may fill in, by field name, with their Vietnamese
VOCABULARY: dict[str, dict[str, str]] = {
    # core/_validate.check_text's and check_number's ``what``
    "w_what": {
        "text": "văn bản", "text or None": "văn bản hoặc None", "a whole number": "một số nguyên",
        "an int or a Decimal (never a float)": "một số nguyên (int) hoặc Decimal (không bao giờ dùng số thực float)",
        "a province name (text)": "tên một tỉnh (văn bản)",
        "the overlay's TOML text (str)": "nội dung TOML của overlay (str)", "a file name (text)": "tên tệp (văn bản)",
        "an instrument id or number (text)": "mã hoặc số hiệu văn bản (văn bản)",
        "an indicator code (text)": "mã chỉ tiêu (văn bản)", "a parameter name (text)": "tên tham số (văn bản)",
        "a criterion code (text)": "mã tiêu chí (văn bản)",
        "an indicator or criterion code (text)": "mã chỉ tiêu hoặc tiêu chí (văn bản)",
        "a programme id (text)": "mã chương trình (văn bản)", "a ruleset family (text)": "nhóm bộ tiêu chí (văn bản)",
        "a unit key (text)": "khóa đơn vị (văn bản)", "text to look for": "văn bản cần tìm"},
    # core/_validate.unknown_code's ``what``
    "w_unknown": {
        "code": "mã", "indicator code": "mã chỉ tiêu", "instrument": "văn bản", "programme unit": "đơn vị của "
        "chương trình", "programme": "chương trình", "ruleset family": "nhóm bộ tiêu chí",
        "scorecard row": "dòng của bảng chấm điểm", "parameter": "tham số", "criterion": "tiêu chí",
        "indicator": "chỉ tiêu"},
    # a collection's kind (core/_validate._check_collection)
    "w_collection": {"set": "tập hợp", "list": "danh sách"},
    # what a stream holds (families: rates, shares, targets)
    "w_things": {"households or assessments": "hộ hoặc kết quả đánh giá", "communes": "xã", "districts": "huyện",
               "district-level units": "đơn vị cấp huyện",
               "assessments": "kết quả đánh giá", "observations": "số liệu quan sát"},
    # an administrative level (catalogue/units.py)
    "w_level": {"province": "tỉnh", "district": "huyện", "commune": "xã"},
    # a recorded verdict
    "w_verdict": {"met": "đạt", "not met": "không đạt"},
    # what a criterion expects (engine/reference.py)
    "w_expects": {"a whole count of the indicators met": "một số đếm nguyên các chỉ tiêu đạt",
                "decided by its tests, not recorded": "được xác định theo các điều kiện của nó, không ghi nhận sẵn",
                "met or not met (true or false)": "đạt hoặc không đạt (true hoặc false)"},
    # why rows of an item are marked once (catalogue/_assess.py)
    "w_marks": {"these rows are bands of one answer": "các dòng này là các mức của cùng một câu trả lời"},
}

_VOCAB_ORDER = {name: sorted(words, key=len, reverse=True) for name, words in VOCABULARY.items()}


@attrs.frozen
class ErrorTemplate:
    """One shape of English problem message (``{name}`` for what it fills in, ``{{`` for a brace, as
    :meth:`str.format` writes them) and its Vietnamese. ``{near}`` is the optional ``(did you mean …?)`` ending,
    ``{error}`` a nested message worded in turn, ``{cls…}`` a class name, ``{w_…}`` (a name of
    :data:`VOCABULARY`) one of its English words (replaced by the Vietnamese); any other name is kept as it is."""

    en: str
    vi: str
    pattern: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        regex = ""
        for literal, name, _, _ in string.Formatter().parse(self.en):
            regex += re.escape(literal)
            if name is not None:
                kind = (_NEAR if name == "near" else ".+" if name == "error" else r"[A-Z]\w*" if name.startswith("cls")
                        else "|".join(map(re.escape, _VOCAB_ORDER[name])) if name in VOCABULARY else ".+?")
                regex += f"(?P<{name}>{kind})"
        object.__setattr__(self, "pattern", re.compile(f"^{regex}$", re.DOTALL))

    def shape(self) -> str:
        """The English with every field as ``{}`` and braces as written (what a scan of the raising f-string
        gives)."""
        return "".join(literal + ("{}" if name is not None else "")
                       for literal, name, _, _ in string.Formatter().parse(self.en))

    def example(self, value: str = "'X'") -> str:
        """A message of this shape: ``value`` for each field kept as it is, a word of the vocabulary, a class
        name, no ``(did you mean …?)``."""
        return "".join(literal + ("" if name is None or name == "near" else "Ruleset" if name.startswith("cls")
                                  else _VOCAB_ORDER[name][0] if name in VOCABULARY else value)
                       for literal, name, _, _ in string.Formatter().parse(self.en))

    def word(self, message: str, nested: Callable[[str], str] | None = None) -> str | None:
        """``message`` in Vietnamese when it has this shape, else None; a nested ``{error}`` is worded by
        ``nested`` (kept as it is without one)."""
        m = self.pattern.match(message)
        if m is None:
            return None
        values = m.groupdict()
        for name, value in values.items():
            if name == "near":
                values[name] = near_text(value)
            elif name == "error" and nested is not None:
                values[name] = nested(value)
            elif name in VOCABULARY:
                values[name] = VOCABULARY[name][value]
        return self.vi.format(**values)


_T = ErrorTemplate

#: every shape of input problem the library writes outside the rules packs' loading (whose templates are in
#: io/_error_text.py) and beyond tr_error's own shapes, with its Vietnamese; the first that words a message is used,
#: so the more particular shapes come first
TEMPLATES: tuple[ErrorTemplate, ...] = (
    # core/_validate.py: the shapes of every value
    _T("unknown parameter ({error})", "tham số không xác định ({error})"),
    _T("unknown {w_unknown} {code}{near}", "{w_unknown} không xác định {code}{near}"),
    _T("expected a poverty.review ruleset (one with điểm A), got {family}",
       "cần một bộ quy định poverty.review (có điểm A), nhận được {family}"),
    _T("expected a number ≥ {minimum}, got {value}", "cần một số ≥ {minimum}, nhận được {value}"),
    _T("expected a number ≤ {maximum}, got {value}", "cần một số ≤ {maximum}, nhận được {value}"),
    _T("expected a number below {limit} with at most {digits} digits, got {value}",
       "cần một số nhỏ hơn {limit} với tối đa {digits} chữ số, nhận được {value}"),
    _T("expected a number below {limit} in size, got one with {digits} digits",
       "cần một số có độ lớn nhỏ hơn {limit}, nhận được một số có {digits} chữ số"),
    _T("expected a date (datetime.date, no time of day), got {got}",
       "cần một ngày (datetime.date, không kèm giờ), nhận được {got}"),
    _T("expected a date (datetime.date), got {got}", "cần một ngày (datetime.date), nhận được {got}"),
    _T("expected a set of values, got {got} (an element cannot be in a set)",
       "cần một tập hợp giá trị, nhận được {got} (có phần tử không thể nằm trong một tập hợp)"),
    _T("expected a {w_collection} of values, got the text {got}",
       "cần một {w_collection} giá trị, nhận được văn bản {got}"),
    _T("expected a {w_collection} of values, got a mapping {got} (its values would be dropped)",
       "cần một {w_collection} giá trị, nhận được một ánh xạ {got} (các giá trị của nó sẽ bị bỏ mất)"),
    _T("expected a {w_collection}, got {got}", "cần một {w_collection}, nhận được {got}"),
    _T("expected {w_what}, got {got}", "cần {w_what}, nhận được {got}"),
    _T("expected {cls}, got {got}", "cần {cls}, nhận được {got}"),
    # class names (a library caller's): the name is Python's
    _T("expected a {cls} or None, got {got}", "cần một {cls} hoặc None, nhận được {got}"),
    _T("expected a {cls} or a {cls2}, got {got}", "cần một {cls} hoặc một {cls2}, nhận được {got}"),
    _T("expected a {cls} and its {cls2}", "cần một {cls} cùng {cls2} của nó"),
    _T("expected a {cls}, got {got}", "cần một {cls}, nhận được {got}"),
    _T("expected an {cls}, got {got}", "cần một {cls}, nhận được {got}"),
    _T("expected True, False or a Status, got {got}", "cần True, False hoặc một Status, nhận được {got}"),
    _T("expected a Household or its poverty assessment, got {got}",
       "cần một Household (hộ) hoặc kết quả đánh giá nghèo của hộ, nhận được {got}"),
    _T("expected a household or a unit, got {got}", "cần một hộ hoặc một đơn vị hành chính, nhận được {got}"),
    _T("expected a family name, got {got}", "cần tên một nhóm bộ tiêu chí, nhận được {got}"),
    _T("expected a ruleset or a date (on=...)", "cần một bộ tiêu chí hoặc một ngày (on=...)"),
    _T("expected a {family} assessment, got {got}", "cần một kết quả đánh giá {family}, nhận được {got}"),
    _T("expected an ethnic.commune assessment, got {got}", "cần một kết quả đánh giá ethnic.commune, nhận được {got}"),
    _T("expected a list of {w_things}, got {got}", "cần một danh sách {w_things}, nhận được {got}"),
    _T("expected a list (or a one-shot iterator) of weights, one per household, got {got}",
       "cần một danh sách (hoặc một iterator dùng một lần) trọng số, mỗi hộ một trọng số, nhận được {got}"),
    _T("expected a finite int or Decimal (never a float), got {got}",
       "cần một số nguyên (int) hoặc Decimal hữu hạn (không bao giờ dùng số thực float), nhận được {got}"),
    _T("expected an int, Decimal or decimal string, got {got}",
       "cần một số nguyên (int), Decimal hoặc số thập phân dạng chuỗi, nhận được {got}"),
    _T("expected text or a whole number, got {got}", "cần văn bản hoặc một số nguyên, nhận được {got}"),
    _T("not a number: {got}", "không phải một con số: {got}"),
    _T("expected a number, got {got}", "cần một con số, nhận được {got}"),
    _T("expected a number above 0, got {got}", "cần một số lớn hơn 0, nhận được {got}"),
    _T("expected a number from 0 to {whole} ({of}), got {got}", "cần một số từ 0 đến {whole} ({of}), nhận được {got}"),
    _T("expected an income above 0, got {got}", "cần một mức thu nhập lớn hơn 0, nhận được {got}"),
    _T("expected a number of members, got {got}", "cần số thành viên, nhận được {got}"),
    _T("expected whole đồng or a whole count, got {got}", "cần số đồng nguyên hoặc một số đếm nguyên, nhận được {got}"),
    _T("expected a value, got a date {got}", "cần một giá trị, nhận được một ngày {got}"),
    _T("expected a date, got a time of day {got}", "cần một ngày, nhận được một thời điểm trong ngày {got}"),
    _T("expected a date as {forms}, got {got}", "cần một ngày dạng {forms}, nhận được {got}"),
    _T("expected a date ({forms}), got {got}", "cần một ngày ({forms}), nhận được {got}"),
    _T("expected 'verified', 'secondary' or 'unverified', got {got}",
       "cần 'verified' (đã kiểm chứng), 'secondary' (nguồn thứ cấp) hoặc 'unverified' (chưa kiểm chứng), nhận được "
       "{got}"),
    _T("expected 'vi' or 'en', got {got}", "cần 'vi' (tiếng Việt) hoặc 'en' (tiếng Anh), nhận được {got}"),
    _T("expected 'json' or 'csv', got {got}", "cần 'json' hoặc 'csv', nhận được {got}"),
    _T("expected 'auto', 'columnar' or 'per-record', got {got}",
       "cần 'auto', 'columnar' hoặc 'per-record', nhận được {got}"),
    _T("expected 'unit' or 'village', got {got}", "cần 'unit' (đơn vị) hoặc 'village' (thôn), nhận được {got}"),
    _T("expected None or one of {types}, got {got}", "cần None hoặc một trong {types}, nhận được {got}"),
    _T("expected the citation (non-blank text), got {got}", "cần trích dẫn (văn bản không rỗng), nhận được {got}"),
    _T("expected a mapping of dimension names to values, got {got}",
       "cần một ánh xạ từ tên chiều phân loại đến giá trị, nhận được {got}"),
    _T("expected dimension names (text), got {got}", "cần tên chiều phân loại (văn bản), nhận được {got}"),
    _T("expected (name, value) pairs, got {got}", "cần các cặp (tên, giá trị), nhận được {got}"),
    _T("expected a (name, value) pair, got {got}", "cần một cặp (tên, giá trị), nhận được {got}"),
    _T("expected the unit's name or code, got {got}", "cần tên hoặc mã của đơn vị, nhận được {got}"),
    _T("expected the 63 pre-2025 provinces, got {got}", "cần 63 tỉnh trước năm 2025, nhận được {got}"),
    _T("expected an official code: digits as text with the leading zeros, 2 for a province, 3 for a district, 5 "
       "for a commune, got {got}",
       "cần một mã chính thức: các chữ số dạng văn bản kèm số 0 ở đầu, 2 chữ số cho tỉnh, 3 cho huyện, 5 cho xã, "
       "nhận được {got}"),
    _T("expected a {w_level}'s official code: {digits} digits as text, with the leading zeros (e.g. {example}), got "
       "{got}",
       "cần mã chính thức của một {w_level}: {digits} chữ số dạng văn bản, kèm số 0 ở đầu (ví dụ {example}), nhận "
       "được {got}"),
    # households, members, forms
    _T("{born} is after the reference date {on}", "{born} sau ngày tham chiếu {on}"),
    _T("{age} disagrees with date_of_birth {born}, which gives {age_on} on {on}",
       "{age} không khớp với ngày sinh {born}, theo đó tuổi vào ngày {on} là {age_on}"),
    _T("codes both deprived and not deprived: {codes}", "mã vừa thiếu hụt vừa không thiếu hụt: {codes}"),
    _T("columns both marked and not marked: {columns}", "cột vừa được đánh dấu vừa không: {columns}"),
    _T("expected a frozenset of rows, got {got}", "cần một frozenset các dòng, nhận được {got}"),
    _T("expected a list of the rows marked X (such as [{row}]), got {got}",
       "cần danh sách các dòng được đánh dấu X (như [{row}]), nhận được {got}"),
    _T("an item given twice", "một mục bị ghi hai lần"),
    _T("expected (item, rows) pairs, got {got}", "cần các cặp (mục, các dòng), nhận được {got}"),
    _T("expected a mapping of item numbers to the rows marked, got {got}",
       "cần một ánh xạ từ số thứ tự mục đến các dòng được đánh dấu, nhận được {got}"),
    _T("expected an object of item numbers to the rows marked X, got {got}",
       "cần một đối tượng từ số thứ tự mục đến các dòng được đánh dấu X, nhận được {got}"),
    _T("expected a column of Phiếu A from '1' to '9', got {got}",
       "cần một cột của Phiếu A từ '1' đến '9', nhận được {got}"),
    _T("expected a row of Phụ lục VIII mục II.1 from '1' to '9', got {got}",
       "cần một dòng của Phụ lục VIII mục II.1 từ '1' đến '9', nhận được {got}"),
    _T("row {row} is not a row of item {item}", "dòng {row} không thuộc mục {item}"),
    _T("row {row} is not on the {column} scorecard", "dòng {row} không có trong bảng chấm điểm {column}"),
    _T("row {row} marked twice", "dòng {row} được đánh dấu hai lần"),
    _T("row {row} given twice", "dòng {row} bị ghi hai lần"),
    _T("item {item} takes one row; marked: {rows}", "mục {item} chỉ nhận một dòng; đã đánh dấu: {rows}"),
    _T("{w_marks}; marked: {rows}", "{w_marks}; đã đánh dấu: {rows}"),
    _T("given twice", "bị ghi hai lần"),
    # rulesets and what is assessed
    _T("{instrument} has no deprivation count", "{instrument} không có số chỉ số thiếu hụt"),
    _T("{instrument} has no scorecard", "{instrument} không có bảng chấm điểm"),
    _T("{instrument} has no indicator {code} (another standard's code)",
       "{instrument} không có chỉ tiêu {code} (mã của một chuẩn khác)"),
    _T("{instrument} has no {code} (another period's code)", "{instrument} không có {code} (mã của giai đoạn khác)"),
    _T("{family} is assessed, and a bare code counts for the unit's own family {own}: write '{code}' for this one",
       "đang đánh giá {family}, và một mã không kèm nhóm được tính cho nhóm của chính đơn vị là {own}: hãy viết "
       "'{code}' cho giá trị này"),
    _T("{family} is assessed; this value is for {other}", "đang đánh giá {family}; giá trị này dành cho {other}"),
    _T("{family} assesses a {subject}, not a {kind}", "{family} đánh giá {subject}, không phải {kind}"),
    _T("{family} ({instrument}, {period}) is not in force on {on}",
       "{family} ({instrument}, {period}) không có hiệu lực vào ngày {on}"),
    _T("not used: {error}", "không được dùng: {error}"),
    _T("no rule reads a flag of this name{near}", "không quy định nào dùng cờ có tên này{near}"),
    _T("no ruleset reads a fact of this name{near}", "không bộ tiêu chí nào dùng số liệu có tên này{near}"),
    _T("the commune's ethnic-area class is undecided: {reasons}",
       "chưa xác định được xã thuộc khu vực nào của vùng đồng bào dân tộc thiểu số và miền núi: {reasons}"),
    _T("{family} ({instrument}) does not vary by region: its dimensions are {dimensions}",
       "{family} ({instrument}) không phân theo vùng: các chiều phân loại của nó là {dimensions}"),
    _T("{family} ({instrument}) does not vary by region", "{family} ({instrument}) không phân theo vùng"),
    _T("no threshold of {code} matches {scope}", "không có mức quy định nào của {code} khớp với {scope}"),
    _T("{criterion} has no count cut-off", "{criterion} không có ngưỡng số đếm"),
    _T("{code}.{name} is a list of kinds: expected a tuple of texts, got {got}",
       "{code}.{name} là danh sách các loại: cần một tuple văn bản, nhận được {got}"),
    _T("{code}.{name} is a number: expected an int, Decimal or decimal string, got {got}",
       "{code}.{name} là một con số: cần số nguyên (int), Decimal hoặc số thập phân dạng chuỗi, nhận được {got}"),
    _T("criterion {code} is {w_expects}; got {got}", "tiêu chí {code} là {w_expects}; nhận được {got}"),
    _T("recorded as {w_verdict} but the facts given say otherwise",
       "ghi nhận là {w_verdict} nhưng các số liệu đã cho cho thấy khác"),
    _T("recorded as {w_verdict} but its indicators say otherwise",
       "ghi nhận là {w_verdict} nhưng các chỉ tiêu cho thấy khác"),
    _T("recorded as {w_verdict} but its conditions ({instrument}) say otherwise",
       "ghi nhận là {w_verdict} nhưng các điều kiện ({instrument}) cho thấy khác"),
    _T("recorded as {w_verdict} but the criteria of 272/2025/NĐ-CP Điều 8 khoản 2 given say otherwise ({met} met, "
       "{unknown} unknown)",
       "ghi nhận là {w_verdict} nhưng các tiêu chí đã cho của 272/2025/NĐ-CP Điều 8 khoản 2 cho thấy khác ({met} đạt, "
       "{unknown} chưa rõ)"),
    _T("recorded as {count} criteria ({w_verdict} for {code}) but the criteria of 272/2025/NĐ-CP Điều 8 khoản 2 given "
       "say otherwise ({met} met, {unknown} unknown)",
       "ghi nhận là {count} tiêu chí ({w_verdict} đối với {code}) nhưng các tiêu chí đã cho của 272/2025/NĐ-CP Điều 8 "
       "khoản 2 cho thấy khác ({met} đạt, {unknown} chưa rõ)"),
    _T("recorded count {recorded} disagrees with the indicators: {met} met, {unknown} unknown",
       "số đếm ghi nhận {recorded} không khớp với các chỉ tiêu: {met} đạt, {unknown} chưa rõ"),
    _T("the recorded counts disagree: 6 or more criteria, yet fewer than 3",
       "các số đếm ghi nhận mâu thuẫn nhau: từ 6 tiêu chí trở lên, nhưng lại ít hơn 3"),
    _T("expected the share of boarders housed (%), or false when the commune has no school of this kind; got true",
       "cần tỷ lệ học sinh bán trú được bố trí chỗ ở (%), hoặc false khi xã không có trường loại này; nhận được true"),
    # places and administrative units
    _T("{name} did not exist on {on} (valid {start} – {end})", "{name} chưa có hoặc không còn vào ngày {on} (hiệu lực "
       "{start} – {end})"),
    _T("no district exists on {on}: districts ended on {ended}",
       "không còn đơn vị cấp huyện vào ngày {on}: cấp huyện đã kết thúc từ ngày {ended}"),
    _T("unknown province code {code}", "mã tỉnh không xác định {code}"),
    _T("province {province} is not the province of {code} ({name}), which is {actual}",
       "{province} không phải tỉnh của {code} ({name}); tỉnh của đơn vị này là {actual}"),
    _T("bad or repeated {w_level} code {code} (province {province})",
       "mã {w_level} sai hoặc bị lặp {code} (tỉnh {province})"),
    _T("not one of the 7 regions", "không thuộc 7 vùng"),
    _T("{name} listed twice", "{name} bị liệt kê hai lần"),
    _T("{count} units of {programme} match {query}: {names}",
       "{count} đơn vị của {programme} khớp với {query}: {names}"),
    _T("{name}: flagged both 'town' and 'no_communes'; one set applies",
       "{name}: vừa đánh dấu 'town' vừa đánh dấu 'no_communes'; chỉ một bộ được áp dụng"),
    _T("{name}: no {w_things} given: a share of none would be a guess",
       "{name}: không có {w_things} nào: tỷ lệ trên tổng bằng không sẽ chỉ là phỏng đoán"),
    _T("{unknown} of {total} {w_things} of {name} are undecided: the {share} share would be a guess",
       "{unknown} trong {total} {w_things} của {name} chưa xác định: tỷ lệ {share} sẽ là phỏng đoán"),
    _T("of {households} households, {poor} could still be poor and {near_poor} near-poor (their class is undecided): "
       "the rate would be a guess",
       "trong {households} hộ, {poor} hộ vẫn có thể là hộ nghèo và {near_poor} hộ cận nghèo (chưa xác định được "
       "phân loại): tỷ lệ sẽ là phỏng đoán"),
    # rates and weights
    _T("{weights} weights for {households} households", "{weights} trọng số cho {households} hộ"),
    _T("more weights than households ({count})", "nhiều trọng số hơn số hộ ({count})"),
    _T("fewer weights than households ({weights} for {households} or more)",
       "ít trọng số hơn số hộ ({weights} cho {households} hộ trở lên)"),
    _T("households assessed under different deprivation sets ({k} of {d} vs {k2} of {d2}): compute the rates per "
       "standard",
       "các hộ được đánh giá theo các bộ chỉ số thiếu hụt khác nhau ({k} trên {d} so với {k2} trên {d2}): hãy tính "
       "tỷ lệ theo từng chuẩn"),
    _T("expected whole-number or Decimal weights (never floats: sums must be exact), got {got}",
       "cần trọng số là số nguyên hoặc Decimal (không bao giờ dùng số thực float: tổng phải chính xác), nhận được "
       "{got}"),
    _T("expected a weight ≥ 0", "cần trọng số ≥ 0"),
    _T("weight column missing", "thiếu cột trọng số"),
    _T("weight missing", "thiếu trọng số"),
    # programmes and targets
    _T("{until} is before period_from {since}", "{until} trước period_from {since}"),
    _T("sub-projects have no sub-projects of their own", "tiểu dự án không có tiểu dự án con"),
    _T("unit key {key} used twice", "khóa đơn vị {key} được dùng hai lần"),
    _T("a ratio target needs base_year", "mục tiêu dạng tỷ số cần base_year"),
    _T("value_high {high} lies on the wrong side of value {value}",
       "value_high {high} nằm sai phía so với 'value' {value}"),
    _T("target {target} is not computed from assessments", "mục tiêu {target} không được tính từ kết quả đánh giá"),
    _T("{undecided} of {total} assessments are undecided: the share would be a guess",
       "{undecided} trong {total} kết quả đánh giá chưa xác định: tỷ lệ sẽ là phỏng đoán"),
    _T("no assessments", "không có kết quả đánh giá nào"),
    _T("an assessment of {family}; target {target} counts {counted}",
       "kết quả đánh giá của {family}; mục tiêu {target} đếm {counted}"),
    _T("two observations for one year", "hai số liệu quan sát cho cùng một năm"),
    # what-if rules and overlays
    _T("{instrument} applies from {since}, after {family} ({national}) ended on {ended}",
       "{instrument} áp dụng từ ngày {since}, sau khi {family} ({national}) hết hiệu lực vào ngày {ended}"),
    _T("{family} holds what-if numbers and is not the package's own: pass national= to check the overlay against the "
       "law, not the scenario",
       "{family} chứa số liệu giả định, không phải bộ tiêu chí của thư viện: hãy truyền national= để đối chiếu overlay "
       "với văn bản pháp luật, không phải với kịch bản"),
    _T("national= must be the national {family} ruleset, with no scenario number",
       "national= phải là bộ tiêu chí {family} cấp quốc gia, không có số liệu giả định"),
    # the columnar paths
    _T("expected a 2-D boolean array or a list of 1-D boolean columns, got {got}",
       "cần một mảng boolean 2 chiều hoặc một danh sách các cột boolean 1 chiều, nhận được {got}"),
    _T("expected an array, got {got} ({why})", "cần một mảng, nhận được {got} ({why})"),
    _T("expected an array, got {got}", "cần một mảng, nhận được {got}"),
    _T("expected a {dtype} array of shape {shape}, got {got}",
       "cần một mảng {dtype} có kích thước {shape}, nhận được {got}"),
    _T("expected a count threshold '>= n' on điểm B", "cần một ngưỡng số đếm '>= n' cho điểm B"),
    _T("expected whole-point lines 'A ≤ n', got {op} {value}",
       "cần các mức điểm nguyên 'A ≤ n', nhận được {op} {value}"),
    _T("expected codes -1 to {last}", "cần các mã từ -1 đến {last}"),
    _T("no columnar path: {error}", "không có cách tính theo cột: {error}"),
    _T("the fast path needs every value; use assess_frame for gaps",
       "cách tính nhanh cần đủ mọi giá trị; hãy dùng assess_frame khi có ô trống"),
    _T("the fast path needs an integer column", "cách tính nhanh cần một cột số nguyên"),
    _T("the fast path needs whole counts ≥ 0 (an integer column), got dtype {dtype}",
       "cách tính nhanh cần các số đếm nguyên ≥ 0 (một cột số nguyên), nhận được dtype {dtype}"),
    _T("expected incomes ≥ 0 (VND)", "cần thu nhập ≥ 0 (đồng)"),
    _T("a value that cannot be compared (a Decimal NaN?)", "một giá trị không so sánh được (Decimal NaN?)"),
    # frames, batches, JSON, HTTP
    _T("expected a pandas or polars DataFrame, got {got}", "cần một DataFrame pandas hoặc polars, nhận được {got}"),
    _T("not a column the library reads{near}; rename it to pass it through",
       "không phải cột thư viện đọc{near}; hãy đổi tên để chuyển nó qua nguyên vẹn"),
    _T("expected codes separated by ';', or a list of them, got {got}",
       "cần các mã cách nhau bởi ';', hoặc một danh sách mã, nhận được {got}"),
    _T("no household with id {key} in the frame", "không có hộ nào có id {key} trong bảng dữ liệu"),
    _T("a {kind} is nested (rows by item, lines): give it as JSON Lines (--format jsonl) or JSON",
       "{kind} có cấu trúc lồng nhau (các dòng theo mục, các mức): hãy cung cấp dạng JSON Lines (--format jsonl) "
       "hoặc JSON"),
    _T("expected the text of a batch (str), got {got}", "cần nội dung của một lô (str), nhận được {got}"),
    _T("expected JSON text (str or bytes), got {got}", "cần văn bản JSON (str hoặc bytes), nhận được {got}"),
    _T("expected {{schema_version, type, data}}", "cần {{schema_version, type, data}}"),
    _T("this library reads versions {versions}, got {got}",
       "thư viện này đọc các phiên bản {versions}, nhận được {got}"),
    _T("nested too deeply to read", "lồng nhau quá sâu, không đọc được"),
    _T("not UTF-8 text (byte {at} of the line: {why})", "không phải văn bản UTF-8 (byte {at} của dòng: {why})"),
    _T("not UTF-8 text (byte {at}: {why})", "không phải văn bản UTF-8 (byte {at}: {why})"),
    _T("accepted: {names}", "chấp nhận: {names}"),
    _T("this endpoint takes no parameters", "điểm truy cập này không nhận tham số nào"),
    _T("given {count} times (which value counts?)", "bị ghi {count} lần (giá trị nào được tính?)"),
    _T("required: the date the ruleset is to be in force on", "bắt buộc: ngày mà bộ tiêu chí phải có hiệu lực"),
    _T("the body holds a {cls}, not a {kind}", "nội dung yêu cầu chứa một {cls}, không phải {kind}"),
    _T("expected one subject (an object); send several to POST /assess/batch, one a line",
       "cần một đối tượng đánh giá (một object); gửi nhiều đối tượng tới POST /assess/batch, mỗi dòng một"),
    _T("{path} must hold a token of at least 16 printable characters without spaces, on its first line",
       "{path} phải chứa một token ít nhất 16 ký tự hiển thị được, không có dấu cách, ở dòng đầu tiên"),
    _T("cannot read {path}: {why}", "không đọc được {path}: {why}"),
    # the general shapes last: a particular one above words its message better
    _T("unknown unit of {programme} {key}{near}", "đơn vị của {programme} không xác định {key}{near}"),
    _T("unknown {family} code {code}{near}", "mã {family} không xác định {code}{near}"),
    _T("{cls}: {error}", "{cls}: {error}"),
)

def word_problem(message: str, nested: Callable[[str], str]) -> str | None:
    """``message`` in Vietnamese by a template of :data:`TEMPLATES` (a nested message worded by ``nested``), or
    None when it has no known shape."""
    return next((w for w in (t.word(message, nested) for t in TEMPLATES) if w is not None), None)
