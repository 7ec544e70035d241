"""The words of the ``status``, ``template`` and ``test`` outputs in Vietnamese (``ntp-criteria --lang vi``).

As in :mod:`ntp_criteria.io._cli_text`, the English text is the key and :func:`word` returns it unchanged when no
wording is known, so an English output never changes. What these outputs show from the rules data (the names of
criteria and indicators, citations, notes, scopes and codes) is data, shown as it is written; only the words
around it are worded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._cli_text import tr_error
from ._reason_text import translate_reason

__all__ = ["HOW_TO_COMPLETE", "VI", "golden_failure_text", "word", "worded_parts"]

VI: dict[str, str] = {
    # ntp-criteria status (io/status.py)
    "## How much of each set is computed": "## Mức độ tính toán được của từng bộ tiêu chí",
    "## Every number": "## Mọi con số",
    "## Known to apply, not encoded": "## Đã biết là áp dụng, chưa được mã hóa",
    "## Programme figures": "## Số liệu của chương trình",
    "family": "nhóm",
    "period": "giai đoạn",
    "instrument": "văn bản",
    "indicators": "chỉ tiêu",
    "computed": "tính được",
    "partly": "tính được một phần",
    "recorded": "theo kết quả ghi nhận",
    "criteria recorded whole": "tiêu chí ghi nhận nguyên tiêu chí",
    "numbers": "con số",
    "from packs": "từ gói quy định",
    "verified": "verified (đã kiểm chứng)",
    "secondary": "secondary (nguồn thứ cấp)",
    "unverified": "unverified (chưa kiểm chứng)",
    "missing": "còn thiếu",
    "number": "con số",
    "value": "giá trị",
    "status": "tình trạng",
    "source": "nguồn",
    "families": "các nhóm",
    "from": "từ",
    "to": "đến",
    "why not encoded": "lý do chưa mã hóa",
    "programme unit": "đơn vị của chương trình",
    "figure": "số liệu",
    "budget: {line} ({qualifier})": "kinh phí: {line} ({qualifier})",
    "target {id} ({by})": "mục tiêu {id} ({by})",
    "lead {agency}": "cơ quan chủ trì {agency}",
    "name": "tên",
    # the legend of the coverage table (status.COVERAGE_LEGEND)
    "legend":
        "*tính được*: có mức quy định cho mọi phạm vi bộ tiêu chí khai báo (hoặc một phép đo tự quyết định chỉ "
        "tiêu); *tính được một phần*: chỉ có mức quy định cho một số phạm vi; *theo kết quả ghi nhận*: không có mức "
        "quy định, nên chỉ kết quả được ghi nhận quyết định chỉ tiêu (gồm cả các chỉ tiêu văn bản diễn đạt là điều "
        "kiện có/không: dữ liệu không phân biệt được chúng với một con số còn thiếu); *tiêu chí ghi nhận nguyên tiêu "
        "chí*: tiêu chí không có chỉ tiêu trong dữ liệu. *con số*: mức quy định, ngưỡng số chỉ tiêu đạt và tham số; "
        "*từ gói quy định*: những con số do gói quy định cung cấp; *verified*, *secondary*, *unverified*: các con "
        "số hiện có theo tình trạng (đã đọc trong văn bản, theo nguồn chính thống thứ cấp, chưa kiểm chứng; — khi "
        "bộ tiêu chí không có con số nào); *còn thiếu*: các chỉ tiêu thiếu con số ở một số phạm vi (tính được một "
        "phần và theo kết quả ghi nhận), nơi kết quả ghi nhận quyết định. `ntp-criteria template FAMILY --on DATE` "
        "viết khung gói quy định cho những gì đang theo kết quả ghi nhận.",
    # ntp-criteria template (io/template.py)
    "# Rules pack skeleton: the numbers ntp_criteria lacks for {family} ({instrument}),":
        "# Khung gói quy định: các con số ntp_criteria còn thiếu của {family} ({instrument}),",
    "#   {cite}; in force {period}; {scope}.": "#   {cite}; hiệu lực {period}; {scope}.",
    "region {regions}": "vùng {regions}",
    "every scope the set declares": "mọi phạm vi bộ tiêu chí khai báo",
    "#   Written by: {command}": "#   Tạo bằng lệnh: {command}",
    "# {entries} entries for {indicators} indicators with no threshold, and {criteria} criteria with no indicator, "
    "each decided today only by a recorded result.":
        "# {entries} mục cho {indicators} chỉ tiêu chưa có mức quy định, và {criteria} tiêu chí chưa có chỉ tiêu; "
        "hiện nay mỗi chỉ tiêu, tiêu chí này chỉ được quyết định theo kết quả ghi nhận.",
    "# {blocked} more numbers a pack cannot fill yet are listed as comments marked NOT FILLABLE.":
        "# {blocked} con số khác mà gói chưa điền được được ghi thành chú thích có dấu CHƯA ĐIỀN ĐƯỢC.",
    "# The package has every number of this set for the scopes asked: there is nothing to fill.":
        "# Thư viện đã có mọi con số của bộ tiêu chí này cho các phạm vi được hỏi: không có gì cần điền.",
    '# note = "where the numbers were read: the Công báo issue, the province\'s decision, …"':
        '# note = "nơi đọc được các con số: số Công báo, quyết định của tỉnh, …"',
    "# note: {note}": "# ghi chú: {note}",
    "# the package has every number of this criterion": "# thư viện đã có mọi con số của tiêu chí này",
    " for the regions asked": " cho các vùng được hỏi",
    "# the package words it as a yes/no condition ({condition}): delete its entries unless the annex gives a number":
        "# thư viện ghi chỉ tiêu này là điều kiện có/không ({condition}): xóa các mục của nó, trừ khi phụ lục cho "
        "một con số",
    "# the package has: {has}": "# thư viện đã có: {has}",
    "every scope": "mọi phạm vi",
    "# NOT FILLABLE BY A PACK YET for {shown}: a pack fills every period of the set together, and {reasons}. Its "
    "result stays recorded there.":
        "# CHƯA ĐIỀN ĐƯỢC BẰNG GÓI cho {shown}: một gói điền cùng lúc mọi giai đoạn của bộ tiêu chí, và {reasons}. "
        "Ở đó kết quả vẫn theo giá trị ghi nhận.",
    "the set's period {period} has no indicator {code}{since}":
        "giai đoạn {period} của bộ tiêu chí không có chỉ tiêu {code}{since}",
    " ({code} comes in on {date} with {numbers})": " ({code} có từ ngày {date} theo {numbers})",
    "the set's period {period} has [{scope}] {op} {value} {unit}":
        "giai đoạn {period} của bộ tiêu chí đã có [{scope}] {op} {value} {unit}",
    "# op and unit: not known to the package; write them as the annex gives them":
        "# op và unit: thư viện chưa biết; ghi theo phụ lục",
    " (amended by {numbers})": " (được sửa đổi bởi {numbers})",
    "# NOT FILLABLE BY A PACK YET: the set's period {period}{amended} has no criterion {code}, and a pack adds to "
    "every period of the set together.":
        "# CHƯA ĐIỀN ĐƯỢC BẰNG GÓI: giai đoạn {period}{amended} của bộ tiêu chí không có tiêu chí {code}, mà một gói "
        "bổ sung cùng lúc vào mọi giai đoạn của bộ tiêu chí.",
    "# A pack adds to every period of the set together: in the period {period}{amended} this criterion has the "
    "indicators {codes}; an indicator added here is added there too, and cannot reuse their codes.":
        "# Một gói bổ sung cùng lúc vào mọi giai đoạn của bộ tiêu chí: trong giai đoạn {period}{amended} tiêu chí "
        "này có các chỉ tiêu {codes}; chỉ tiêu thêm ở đây cũng được thêm vào đó, và không được dùng lại các mã đó.",
    " The set varies by {dims}: give a threshold a `{dim} = …` key (one entry per value) where the annex's number "
    "does.":
        " Bộ tiêu chí thay đổi theo {dims}: ghi khóa `{dim} = …` cho mức quy định (một mục cho mỗi giá trị) khi con "
        "số của phụ lục thay đổi theo đó.",
    "# The package has no indicator for this criterion: only a recorded result decides it. To compute it, add\n"
    "# each indicator the annex lists: copy the block below once per indicator, uncomment it and fill it in with\n"
    "# the annex's code, names and condition (an indicator with no measure is read from the values recorded\n"
    "# under its code).{varies}":
        "# Thư viện chưa có chỉ tiêu nào của tiêu chí này: chỉ kết quả ghi nhận quyết định tiêu chí. Để tính được,\n"
        "# thêm từng chỉ tiêu phụ lục liệt kê: chép khối dưới đây một lần cho mỗi chỉ tiêu, bỏ dấu chú thích và\n"
        "# điền mã, tên và điều kiện theo phụ lục (chỉ tiêu không có phép đo được đọc từ giá trị ghi nhận theo mã\n"
        "# của nó).{varies}",
    # ntp-criteria test (io/golden.py)
    "ok": "đúng",
    "FAIL": "SAI",
    "(file)": "(tệp)",
    "{passed} passed, {failed} failed": "{passed} ca đúng, {failed} ca sai",
}

#: the "How to complete it" block of a pack skeleton, in Vietnamese (template.HOW_TO_COMPLETE is the English)
HOW_TO_COMPLETE: tuple[str, ...] = (
    "# Cách hoàn thiện:",
    "# * Mỗi mục [[fills.thresholds]] dưới đây là một con số thư viện chưa có. Hãy đọc nó trong phụ lục chính",
    "#   thức; bỏ dấu chú thích ở dòng `# value =` và ghi con số (số nguyên, hoặc số thập phân trong chuỗi:",
    "#   \"16.5\"; không bao giờ dùng số thực float). Nơi `# op =` và `# unit =` là chú thích thì thư viện cũng",
    "#   chưa biết: bỏ dấu chú thích và ghi toán tử (\"<\", \"<=\", \">\", \">=\" hoặc \"==\": giá trị quan sát",
    "#   `op` con số thì đạt chỉ tiêu) và đơn vị theo phụ lục.",
    "# * Mục chưa có giá trị phải được hoàn thiện hoặc xóa (từ dòng [[fills.thresholds]] đến dòng trống sau",
    "#   nó): TOML không có giá trị rỗng, và trình nạp từ chối mục không có giá trị",
    "#   ($.fills[k].thresholds[j].value: required but missing). Hãy xóa các mục bạn không có con số, và các",
    "#   mục của chỉ tiêu mà phụ lục diễn đạt là điều kiện có/không (không có con số: kết quả vẫn theo giá trị",
    "#   ghi nhận). Một [[fills]] không còn mục nào thì không thay đổi gì.",
    "# * Nơi phụ lục cho một con số chung cho mọi năm (hoặc mọi vùng), giữ một mục, xóa dòng `year` (hoặc",
    "#   `region`) của nó và các mục khác của chỉ tiêu đó.",
    "# * Hoàn thiện mọi `source`: trích dẫn chính xác nhất phụ lục cho phép (trang, dòng của bảng), và thêm",
    "#   `url = \"…\"` và `note = \"…\"` (nơi bạn đọc được). Giữ `status = \"unverified\"` cho đến khi con số",
    "#   được đối chiếu với chính văn bản pháp luật (khi đó \"verified\"; \"secondary\" nếu theo bản tóm tắt",
    "#   chính thức). Đánh giá strict=True không bao giờ kết luận dựa trên số chưa kiểm chứng.",
    "# * Kiểm tra gói bằng `ntp-criteria pack check PATH`; dùng gói với `--rules PATH` cho assess, show,",
    "#   status và rulesets, hoặc `ntp.catalogue(packs=[PATH])` trong Python.",
)


def word(text: str, lang: str, **values: object) -> str:
    """``text`` in ``lang`` (the English is the key; an unknown text stays in English), ``values`` filled in."""
    worded = VI.get(text, text) if lang == "vi" else text
    return worded.format(**values) if values else worded


#: the shapes of a golden case's failure (io/golden.py), in Vietnamese: the first that matches is used
_FAILURES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.DOTALL), r) for p, r in (
    (r"^the library refuses the case: (?P<x>.*)$", "thư viện từ chối ca này: {x}"),
    (r"^cannot read it: (?P<x>.*)$", "không đọc được tệp: {x}"),
    (r"^not valid TOML: (?P<x>.*)$", "không phải TOML hợp lệ: {x}"),
    (r"^expected (?P<x>.*?), got (?P<y>.*?) under (?P<w>.*?): (?P<r>.*)$", "cần {x}, nhận được {y} theo {w}: {r}"),
    (r"^expected (?P<x>.*?), got (?P<y>.*?) under (?P<w>.*)$", "cần {x}, nhận được {y} theo {w}"),
    (r"^expected the classes still possible to be (?P<x>.*), got (?P<y>.*)$",
     "cần các loại hộ còn có thể là {x}, nhận được {y}"),
    (r"^expected the rows marked to score (?P<x>.*), got (?P<y>.*)$",
     "cần các dòng được đánh dấu có điểm {x}, nhận được {y}"),
    (r"^expected a gap of (?P<x>.*), got (?P<y>.*)$", "cần khoảng cách {x}, nhận được {y}"),
    (r"^expected (?P<x>.*?), got (?P<y>.*)$", "cần {x}, nhận được {y}"),
    (r"^unknown keys (?P<x>.*?); a (?P<y>\w+) case has (?P<z>.*)$", "khóa không xác định {x}; ca {y} có các khóa {z}"),
    (r"^a case is a \[\[case\]\] table, got (?P<x>.*)$", "mỗi ca là một bảng [[case]], nhận được {x}"),
    (r"^every case cites the article it checks: add cite = (?P<x>.*)$",
     "mỗi ca phải trích dẫn điều khoản mà nó kiểm tra: thêm cite = {x}"),
    (r"^a case has one subject, got (?P<x>.*)$", "mỗi ca có một đối tượng, nhận được {x}"),
    (r"^a case needs one of (?P<x>.*), or target = …$", "mỗi ca cần một trong {x}, hoặc target = …"),
    (r"^a case needs one of (?P<x>.*)$", "mỗi ca cần một trong {x}"),
))


def golden_failure_text(message: str, lang: str) -> str:
    """Why a golden case failed, in ``lang``: its common shapes worded in Vietnamese (the engine's reasons in it
    too, by :func:`~ntp_criteria.io._reason_text.reason_text`), anything else as it is."""
    if lang != "vi":
        return message
    for pattern, replacement in _FAILURES:
        m = pattern.match(message)
        if m is None:
            continue
        parts = m.groupdict()
        if "r" in parts:
            parts["r"] = _reasons(parts["r"])
        if "x" in parts and replacement.startswith(("thư viện từ chối", "không đọc được tệp")):
            parts["x"] = tr_error(parts["x"], lang)
        return replacement.format(**parts)
    return message


def _reasons(joined: str) -> str:
    """Reasons joined by ``"; "`` (as a golden failure lists them), each worded by :func:`worded_parts`."""
    return worded_parts(joined, translate_reason)


def worded_parts(joined: str, translate: Callable[[str], str | None]) -> str:
    """Messages joined by ``"; "``, each worded by ``translate`` (None: no wording); a message may hold ``"; "``
    itself, so the shortest run of parts that words as one message is taken, and a part that words as none is
    kept."""
    parts, out, i = joined.split("; "), [], 0
    while i < len(parts):
        for j in range(i + 1, len(parts) + 1):
            worded = translate("; ".join(parts[i:j]))
            if worded is not None:
                out.append(worded)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return "; ".join(out)
