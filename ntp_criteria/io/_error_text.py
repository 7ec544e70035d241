"""Rules packs' load errors in Vietnamese, worded when the command line prints them (``ntp-criteria --lang vi``).

The catalogue raises :class:`~ntp_criteria.RuleDataError` with its problems in English, and keeps them so: library
callers and tests read them. :func:`load_error_lines` words them when the command prints one in Vietnamese: each
English shape a loading module can write is a template of :data:`TEMPLATES` (``{name}`` for what the message
fills in, kept as it is: codes, paths, values, file names), a nested message (another error's text inside one) is
worded in turn, and a message of no known shape goes to :func:`~ntp_criteria.io._cli_text.tr_error` (the
validator's common shapes) or is shown whole, in English, never half worded. ``tests/test_cli_vietnamese.py``
scans every ``Problem(...)`` of the loading modules (:data:`LOADING_MODULES`) and fails on one without a template.

```pycon
>>> from ntp_criteria.io._error_text import problem_text
>>> problem_text("no such pack file or folder", "vi")
'không có tệp hoặc thư mục gói quy định này'
>>> problem_text("ntm.commune (318/QĐ-TTg) has no indicator '2.x' (did you mean '2.1' or '2.2'?)", "vi")
"ntm.commune (318/QĐ-TTg) không có chỉ tiêu '2.x' (có phải là '2.1' hoặc '2.2'?)"

```
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.errors import InputError, RuleDataError
from ._cli_text import tr_error
from ._output_text import worded_parts
from ._problem_text import ErrorTemplate

__all__ = ["LOADING_MODULES", "TEMPLATES", "ErrorTemplate", "described_line_text", "input_error_lines",
           "load_error_lines", "problem_text", "translate_problem"]

#: the modules whose ``Problem`` messages a rules pack's load can raise (relative to the package)
LOADING_MODULES = ("catalogue/_packs.py", "catalogue/_load.py", "catalogue/_schema.py", "catalogue/_build.py",
                   "catalogue/_overlay.py", "catalogue/_checks.py", "io/packs.py")


def _nested(message: str) -> str:
    return problem_text(message, "vi")


_T = ErrorTemplate

#: every shape of problem the loading modules write, with its Vietnamese (the first that words it is used; the
#: more particular shapes come first)
TEMPLATES: tuple[ErrorTemplate, ...] = (
    # io/packs.py: finding and reading packs
    _T("no such pack file or folder", "không có tệp hoặc thư mục gói quy định này"),
    _T("a pack folder with no .toml file", "thư mục gói quy định không có tệp .toml nào"),
    _T("not UTF-8 text: {why}", "không phải văn bản UTF-8: {why}"),
    _T("cannot read: {why}", "không đọc được: {why}"),
    _T("cannot load: {why}", "không nạp được: {why}"),
    _T("the entry point's function failed: {why}", "hàm của entry point bị lỗi: {why}"),
    _T("expected a mapping of file names to TOML texts", "cần một ánh xạ từ tên tệp đến nội dung TOML"),
    _T("expected a folder, a file or a mapping of texts, got {got}",
       "cần một thư mục, một tệp hoặc một ánh xạ nội dung, nhận được {got}"),
    # catalogue/_load.py and _schema.py: the files
    _T("not valid TOML: {why}", "không phải TOML hợp lệ: {why}"),
    _T("a pack file has the name of a rules file: rename it",
       "tệp gói quy định trùng tên với một tệp quy định của thư viện: hãy đổi tên"),
    _T("fills, additions and overlays belong in rules packs, not in the package's rules",
       "fills, additions và overlay thuộc về gói quy định, không thuộc quy định của thư viện"),
    _T("schema {schema} is not {version}", "schema {schema} không phải {version}"),
    _T("required: a file that issues, extends, amends or ends rules names its legal instrument",
       "bắt buộc: tệp ban hành, mở rộng, sửa đổi hoặc chấm dứt quy định phải nêu văn bản pháp luật của nó"),
    _T("required: an overlay names the provincial decision", "bắt buộc: overlay phải nêu quyết định của tỉnh"),
    _T("nothing here: give an [instrument] and what it issues, or a pack's [[fills]] or [[additions]]",
       "tệp không có nội dung: ghi [instrument] và những gì văn bản ban hành, hoặc [[fills]] hay [[additions]] "
       "của một gói"),
    _T("expected a number (a decimal in a string, or a whole number; never a float) or {no}, got {got}",
       "cần một con số (số thập phân trong chuỗi, hoặc số nguyên; không bao giờ dùng số thực float) hoặc {no}, "
       "nhận được {got}"),
    _T("{id} also in {file}", "{id} cũng có trong {file}"),
    _T("no {family} ruleset of {instrument} to amend", "không có bộ tiêu chí {family} của {instrument} để sửa đổi"),
    _T("expected one {family} ruleset of {instrument}, found {count}",
       "cần đúng một bộ tiêu chí {family} của {instrument}, tìm thấy {count}"),
    _T("programme {id} defined twice", "chương trình {id} được định nghĩa hai lần"),
    _T("unknown agency {agency}", "cơ quan không xác định {agency}"),
    _T("unknown instrument {id}", "văn bản không xác định {id}"),
    _T("no programme unit {unit} in {programme}", "không có đơn vị {unit} trong chương trình {programme}"),
    _T("not in any {family} ruleset: {codes}", "không có trong bộ tiêu chí {family} nào: {codes}"),
    _T("no criterion {code}", "không có tiêu chí {code}"),
    # catalogue/_packs.py: what a pack fills, replaces and adds
    _T("no {family} ruleset is in force on or after {date}, the date of {instrument}",
       "không có bộ tiêu chí {family} nào có hiệu lực từ ngày {date} (ngày của {instrument}) trở đi"),
    _T("no {family} ruleset of {instrument}: {family2} is issued by {instruments}",
       "không có bộ tiêu chí {family} của {instrument}: {family2} được ban hành bởi {instruments}"),
    _T("no {family} ruleset of {instrument}: unknown family{near}",
       "không có bộ tiêu chí {family} của {instrument}: nhóm tiêu chí không xác định{near}"),
    _T("no {family} ruleset of {instrument}: {known}", "không có bộ tiêu chí {family} của {instrument}: {known}"),
    _T("{family} ({instrument}) has no indicator {code}{near}",
       "{family} ({instrument}) không có chỉ tiêu {code}{near}"),
    _T("{family} ({instrument}) has no criterion {code}{near}",
       "{family} ({instrument}) không có tiêu chí {code}{near}"),
    _T("{family} already has {code}: fill its thresholds with [[fills]]",
       "{family} đã có {code}: hãy điền mức quy định của nó bằng [[fills]]"),
    _T("{code} [{scope}] is filled by {file} too: two packs supply the same number, and the law has one",
       "{code} [{scope}] cũng được {file} điền: hai gói cung cấp cùng một con số, mà văn bản chỉ có một"),
    _T("[{scope}] overlaps the package's [{other}] of {code}: fill the scopes the package uses, or replace its "
       "number",
       "[{scope}] chồng lấn [{other}] của {code} trong thư viện: hãy điền theo các phạm vi thư viện dùng, hoặc "
       "thay con số của thư viện"),
    _T('the package has {code} [{scope}] {op} {value} ({source}); a pack replaces a number only with replaces = '
       '{{ value = {value2}, why = "…" }}',
       'thư viện đã có {code} [{scope}] {op} {value} ({source}); gói chỉ thay một con số khi ghi replaces = '
       '{{ value = {value2}, why = "…" }}'),
    _T("names {value}, but the package has {package} for {code} [{scope}]",
       "ghi {value}, nhưng thư viện có {package} cho {code} [{scope}]"),
    _T("the package has no {code} [{scope}] to replace", "thư viện không có {code} [{scope}] để thay"),
    _T("dimension not declared by the ruleset", "chiều phân loại (dimension) không được bộ tiêu chí khai báo"),
    _T("{value} is not among the declared values {values}", "{value} không thuộc các giá trị được khai báo {values}"),
    # catalogue/_build.py: thresholds, sources, tables
    _T("{error}; write {{{{ or }}}} for a literal brace", "{error}; viết {{{{ hoặc }}}} cho một dấu ngoặc nhọn"),
    _T("the source it inherits ({origin}) has the placeholder {{{name}}}, which has no value here (placeholders "
       "here: {known})",
       "nguồn được kế thừa ({origin}) có chỗ điền {{{name}}}, mà ở đây không có giá trị (các chỗ điền ở đây: "
       "{known})"),
    _T("required: every legal number needs a source, and there is neither one here nor a 'defaults.source' (or a "
       "table's 'source') above it",
       "bắt buộc: mọi con số pháp lý cần có nguồn, mà ở đây không có, cũng không có 'defaults.source' (hay "
       "'source' của bảng) ở trên"),
    _T("a parameter has exactly one of 'value' (a number) or 'kinds' (a list)",
       "một tham số có đúng một trong hai: 'value' (một con số) hoặc 'kinds' (một danh sách)"),
    _T("unknown measure {measure}", "phép đo không xác định {measure}"),
    _T("{value} is not among the declared {dimension} values {values}",
       "{value} không thuộc các giá trị {dimension} được khai báo {values}"),
    _T("{value} is not a {dimension} value ({why})", "{value} không phải giá trị {dimension} ({why})"),
    _T("the ruleset declares no {dimension} dimension", "bộ tiêu chí không khai báo chiều phân loại {dimension}"),
    _T("unknown dimension {dimension}; known: {known}",
       "chiều phân loại không xác định {dimension}; các chiều đã biết: {known}"),
    _T("the table's {key} are {dimension} values: a fixed {dimension2} contradicts",
       "{key} của bảng là các giá trị {dimension}: một {dimension2} cố định là mâu thuẫn"),
    _T("rows and columns need two different dimensions", "hàng và cột cần hai chiều phân loại khác nhau"),
    _T("a table has a header (its column values) just when it has columns",
       "bảng có header (giá trị của các cột) khi và chỉ khi có cột"),
    _T("{value} is a column twice", "{value} là cột hai lần"),
    _T("the table has no columns: give each row one value", "bảng không có cột: mỗi hàng ghi một giá trị"),
    _T("expected a list of {width} cells ({header})", "cần một danh sách {width} ô ({header})"),
    _T("{cells} cells for {width} columns ({header}); write {no} for a cell the law leaves empty",
       "{cells} ô cho {width} cột ({header}); ghi {no} cho ô văn bản để trống"),
    _T("no such row in the table's values", "không có hàng này trong các giá trị của bảng"),
    _T("its source is given by {paths}; give it once", "nguồn của nó được ghi ở {paths}; chỉ ghi một lần"),
    _T("names no row, column or cell: give its scope keys",
       "không chỉ đến hàng, cột hay ô nào: hãy ghi các khóa phạm vi"),
    _T("{error} (or {no} for no value)", "{error} (hoặc {no} khi không có giá trị)"),
    _T("matches no cell of the table", "không khớp ô nào của bảng"),
    _T("a column is named twice", "một cột được đặt tên hai lần"),
    _T("{count} headings for {width} columns", "{count} tiêu đề cho {width} cột"),
    # catalogue/_overlay.py: a province's overlay
    _T("overlays {family}, not {ruleset}", "overlay cho {family}, không phải {ruleset}"),
    _T("no indicator {code} in {cite}", "không có chỉ tiêu {code} trong {cite}"),
    _T("no national threshold of {code} with scope {scope}",
       "không có mức quy định quốc gia của {code} với phạm vi {scope}"),
    _T("{new} where the national rule has {law}", "{new} trong khi quy định quốc gia là {law}"),
    # catalogue/_checks.py: a ruleset as built
    _T("{to} is before valid_from {since}", "{to} trước valid_from {since}"),
    _T("{dimension}={value} is not a declared dimension value",
       "{dimension}={value} không phải giá trị được khai báo của chiều phân loại"),
    _T("unknown dimension; known: {known}", "chiều phân loại không xác định; các chiều đã biết: {known}"),
    _T("years in force but not declared: {years}", "các năm có hiệu lực nhưng không được khai báo: {years}"),
    _T("code {code} used twice", "mã {code} được dùng hai lần"),
    _T("a 'count' roll-up needs a count_threshold, and only it may have one",
       "cách tổng hợp 'count' cần count_threshold, và chỉ nó được có count_threshold"),
    _T("values not declared: {values}", "các giá trị không được khai báo: {values}"),
    _T("unknown outcome rule {rule}", "quy tắc kết luận không xác định {rule}"),
    _T("the outcome rule {rule} reads {codes}, which this ruleset does not define (a criterion or indicator code "
       "renamed or missing?)",
       "quy tắc kết luận {rule} dùng {codes}, mà bộ tiêu chí này không định nghĩa (mã tiêu chí hoặc chỉ tiêu bị "
       "đổi tên hay bị thiếu?)"),
    _T("no threshold for {scope} (declared {declared})",
       "không có mức quy định cho {scope} (đã khai báo {declared})"),
    _T("{count} thresholds apply to {scope}; the law allows one",
       "{count} mức quy định cùng áp dụng cho {scope}; văn bản chỉ cho phép một"),
    _T("{family}: {instrument} from {since} overlaps {other} ({period}, {file}); two rulesets in force on one day "
       "is an error",
       "{family}: {instrument} từ ngày {since} chồng lấn {other} ({period}, {file}); hai bộ tiêu chí cùng có hiệu "
       "lực trong một ngày là lỗi"),
    _T("{until} is before on = {on}", "{until} trước on = {on}"),
    _T("{family} is given an end twice", "{family} được ghi ngày kết thúc hai lần"),
    _T("no ruleset of family {family}", "không có bộ tiêu chí nào của nhóm {family}"),
    _T("{family}: {instrument} ({period}) is in force on or after {on}, {what}",
       "{family}: {instrument} ({period}) có hiệu lực từ ngày {on} trở đi, {what}"),
)

_SEEN: dict[str, str | None] = {}


def translate_problem(message: str) -> str | None:
    """``message`` in Vietnamese by a template of :data:`TEMPLATES`, or None when it has no known shape."""
    if message in _SEEN:
        return _SEEN[message]
    worded = next((w for w in (t.word(message, _nested) for t in TEMPLATES) if w is not None), None)
    if len(_SEEN) > 1_000:
        _SEEN.clear()
    _SEEN[message] = worded
    return worded


def problem_text(message: str, lang: str) -> str:
    """A load problem's message as shown in ``lang``: by a template in Vietnamese, else as
    :func:`~ntp_criteria.io._cli_text.tr_error` words it (the validator's shapes), else as it is."""
    if lang != "vi":
        return message
    worded = translate_problem(message)
    return tr_error(message, lang) if worded is None else worded


_ENTRY = re.compile(r"^(?:line (?P<line>\d+), )?indicator (?P<code>.+?) \[(?P<scope>.*?)\] \((?P<path>\$\.fills\[\d+\]"
                    r"\.thresholds\[\d+\])\): (?P<rest>.*)$", re.DOTALL)
_PATH = re.compile(r"^(?P<path>\$\S*): (?P<rest>.*)$", re.DOTALL)
_MISSING = re.compile(r"^(?P<fields>\w+(?:, \w+)*) required but missing$")
_FIELD = re.compile(r"^(?P<field>\w+): (?P<rest>.*)$", re.DOTALL)
_NOT_COMPLETED = re.compile(r"^(?P<count>\d+) (?:entry is|entries are) not completed: uncomment `# value =` \(and "
                            r"`# op =`, `# unit =` where they are comments\) and write them from the annex, or delete "
                            r"the entry$")


def _entry_problem(part: str) -> str | None:
    missing = _MISSING.match(part)
    if missing:
        return f"thiếu {missing['fields']} (bắt buộc)"
    field = _FIELD.match(part)
    if field:
        worded = translate_problem(field["rest"])
        if worded is not None:
            return f"{field['field']}: {worded}"
        shown = tr_error(field["rest"], "vi")
        return None if shown == field["rest"] else f"{field['field']}: {shown}"
    worded = translate_problem(part)
    if worded is not None:
        return worded
    shown = tr_error(part, "vi")
    return None if shown == part else shown


def _entry_problems(joined: str) -> str:
    """Problems joined by ``"; "`` (as one pack entry lists them), each worded."""
    return worded_parts(joined, _entry_problem)


def described_line_text(line: str) -> str:
    """A line of :func:`ntp_criteria.io.template.describe_load_error` (an entry of a pack and its problems, a
    problem elsewhere in the pack, or what to do about entries left incomplete) in Vietnamese."""
    entry = _ENTRY.match(line)
    if entry:
        where = f"dòng {entry['line']}, " if entry["line"] else ""
        return f"{where}chỉ tiêu {entry['code']} [{entry['scope']}] ({entry['path']}): {_entry_problems(entry['rest'])}"
    done = _NOT_COMPLETED.match(line)
    if done:
        return (f"{done['count']} mục chưa hoàn thiện: bỏ dấu chú thích ở `# value =` (và `# op =`, `# unit =` nếu "
                "chúng là chú thích) rồi ghi theo phụ lục, hoặc xóa mục đó")
    path = _PATH.match(line)
    if path:
        rest = path["rest"]
        worded = _entry_problems(rest) if path["path"].startswith("$.fills[") else problem_text(rest, "vi")
        return f"{path['path']}: {worded}"
    return line


def load_error_lines(exc: RuleDataError, described: Sequence[str] | None, lang: str) -> list[str]:
    """The lines the command prints for a rules pack's load error, in ``lang``: the file and its problems (or,
    ``described``, the lines :func:`~ntp_criteria.io.template.describe_load_error` groups them into), each
    problem's message worded. In English, exactly as the error says."""
    count = len(exc.problems)
    if lang != "vi":
        if described is None:
            return [f"{type(exc).__name__}: {exc}"]
        noun = "problem" if count == 1 else "problems"
        return [f"RuleDataError: {exc.file}: {count} {noun}", *(f"  {d}" for d in described)]
    if described is not None:
        return [f"RuleDataError: {exc.file}: {count} vấn đề", *(f"  {described_line_text(d)}" for d in described)]
    if count == 1:
        p = exc.problems[0]
        return [f"{type(exc).__name__}: {exc.file}: {p.path}: {problem_text(p.message, lang)}"]
    return [f"{type(exc).__name__}: {exc.file}: {count} vấn đề",
            *(f"  {p.path}: {problem_text(p.message, lang)}" for p in exc.problems)]


def input_error_lines(exc: InputError, lang: str) -> list[str]:
    """The lines the command prints for an :class:`~ntp_criteria.InputError` (an option's value it refuses, a
    template's region …) in ``lang``: what was refused, then each problem with its path. In English, exactly as
    the error says."""
    if lang != "vi":
        return [f"{type(exc).__name__}: {exc}"]
    return [f"{type(exc).__name__}: {len(exc.problems)} vấn đề trong {exc.what}",
            *(f"  {p.path}: {problem_text(p.message, lang)}" for p in exc.problems)]
