"""The command line's words in Vietnamese: help, messages, error lines and the text of its outputs.

``ntp-criteria --lang vi …`` (anywhere on the line, or ``NTP_CRITERIA_LANG=vi`` in the environment) makes the
command speak Vietnamese, as the officers who run it do. The English text is the key (:func:`tr` returns it
unchanged when no translation is known, so a new message is never lost, only left in English, which a test
reports); argparse's own words (usage, options, its errors) are translated by :func:`parser_class`.

The library's messages about a value (``expected 'rural' or 'urban', got 'mars'``) are worded in English where
they are raised; :func:`tr_error` words them in Vietnamese: the common shapes here, every other shape the library
writes by a template of :mod:`ntp_criteria.io._problem_text`; a message of no known shape stays whole, in English.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ._problem_text import word_problem

LANGS = ("vi", "en")
#: the environment variable that sets the default language of the command
LANG_VARIABLE = "NTP_CRITERIA_LANG"

VI: dict[str, str] = {
    # argparse's own words
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện phiên bản của chương trình rồi thoát",
    # the command and its options
    "The command line: ``ntp-criteria`` or ``python -m ntp_criteria``. The only module that prints.":
        "Dòng lệnh ntp-criteria: các bộ tiêu chí của chương trình mục tiêu quốc gia (chuẩn nghèo đa chiều, nông thôn "
        "mới, vùng dân tộc thiểu số) kèm trích dẫn văn bản pháp luật; đánh giá hộ gia đình, xã, huyện, tỉnh.",
    "the language of help, messages and outputs: vi (tiếng Việt) or en (English); default: the environment "
    "variable NTP_CRITERIA_LANG, else en":
        "ngôn ngữ của trợ giúp, thông báo và kết quả: vi (tiếng Việt) hoặc en (tiếng Anh); mặc định: biến môi "
        "trường NTP_CRITERIA_LANG, nếu không có thì en",
    "assess a few example households and explain the results":
        "đánh giá vài hộ gia đình mẫu và giải thích kết quả",
    "do not decide on unverified numbers": "không kết luận dựa trên số liệu chưa được kiểm chứng",
    "list the rulesets with their instrument and validity":
        "liệt kê các bộ tiêu chí cùng văn bản ban hành và thời gian hiệu lực",
    "the criteria table of the ruleset in force on a date":
        "bảng tiêu chí của bộ tiêu chí có hiệu lực vào một ngày",
    "assess households or units from a JSON, JSON Lines or CSV file ('-' for standard input), row by row; exit 0: "
    "all assessed, 1: some rows bad, 2: unusable input":
        "đánh giá hộ gia đình hoặc đơn vị hành chính từ tệp JSON, JSON Lines hoặc CSV ('-' để đọc từ đầu vào "
        "chuẩn), từng dòng một; mã thoát 0: đánh giá hết, 1: có dòng lỗi, 2: không dùng được đầu vào",
    "input format (default: from the file name; jsonl streams)":
        "định dạng đầu vào (mặc định: theo tên tệp; jsonl được đọc từng dòng)",
    "output format (default: as the input)": "định dạng kết quả (mặc định: như đầu vào)",
    "write the results here instead of standard output": "ghi kết quả vào tệp này thay vì đầu ra chuẩn",
    "JSON: full assessment payloads, not summaries":
        "JSON: kết quả đánh giá đầy đủ (từng chỉ tiêu, từng tiêu chí), không chỉ bản tóm tắt",
    "JSON: each record with the results behind it (every criterion and indicator); the ruleset is referred to by "
    "family, instrument and period":
        "JSON: mỗi bản ghi kèm kết quả từng tiêu chí và chỉ tiêu; bộ tiêu chí được dẫn chiếu theo nhóm, văn bản và "
        "giai đoạn",
    "the kind of subject in each row": "loại đối tượng của mỗi dòng",
    "the ruleset family (default: the subject kind's own, e.g. poverty.household); bare obs:<code> CSV columns are "
    "recorded for it":
        "nhóm bộ tiêu chí (mặc định: nhóm của loại đối tượng, ví dụ poverty.household); các cột CSV obs:<mã> "
        "được ghi nhận cho nhóm này",
    "a row with inputs its ruleset does not use is an error, not a note in the output":
        "dòng có dữ liệu mà bộ tiêu chí không dùng bị coi là lỗi, không chỉ ghi chú trong kết quả",
    "what changed in a family between two dates": "những gì đã thay đổi trong một nhóm tiêu chí giữa hai ngày",
    "JSON Schema of the payloads (or of one type's data)":
        "JSON Schema của các gói dữ liệu (hoặc của dữ liệu một kiểu)",
    "Markdown: how much of each ruleset is computed, and every number with its status and source":
        "Markdown: mức độ tính toán được của từng bộ tiêu chí, và mọi con số kèm tình trạng và nguồn",
    "a rules pack skeleton with an entry for every number the package lacks for the ruleset in force on a date, "
    "to fill from the official annex":
        "khung gói quy định với một mục cho mỗi con số thư viện còn thiếu trong bộ tiêu chí có hiệu lực vào một "
        "ngày, để điền theo phụ lục chính thức",
    "only this region's entries (repeatable; a value the ruleset declares, e.g. tn)":
        "chỉ các mục của vùng này (lặp lại được; một giá trị bộ tiêu chí khai báo, ví dụ tn)",
    "write the skeleton here instead of standard output": "ghi khung vào tệp này thay vì đầu ra chuẩn",
    "overwrite --out when it exists": "ghi đè tệp --out nếu đã có",
    "rules packs: check what they change": "gói quy định: kiểm tra những gì chúng thay đổi",
    "load rules packs (files or folders) and print what they change against the package; exit 0: they load, 2: "
    "they do not (the error on standard error)":
        "nạp các gói quy định (tệp hoặc thư mục) và in những gì chúng thay đổi so với thư viện; mã thoát 0: nạp "
        "được, 2: không nạp được (lỗi in ra đầu ra lỗi chuẩn)",
    "a rules pack file or folder (repeatable): use the package's rules with these packs":
        "tệp hoặc thư mục gói quy định (lặp lại được): dùng quy định của thư viện cùng các gói này",
    "a rules pack file or folder (repeatable): with these packs loaded: only what they leave missing":
        "tệp hoặc thư mục gói quy định (lặp lại được): khi đã nạp các gói này, chỉ những gì còn thiếu",
    "run golden files (*.golden.toml, or folders of them) without pytest: one line per failing case, then "
    "'N passed, N failed'; exit 0: all hold, 1: some fail":
        "chạy các tệp ca kiểm thử chuẩn (*.golden.toml, hoặc thư mục chứa chúng) không cần pytest: một dòng cho "
        "mỗi ca sai, rồi 'N ca đúng, N ca sai'; mã thoát 0: tất cả đúng, 1: có ca sai",
    "a line for every case, not only the failing ones": "một dòng cho mỗi ca, không chỉ các ca sai",
    "print the golden-file format and exit": "in định dạng tệp ca kiểm thử chuẩn rồi thoát",
    "serve the rules and assessments over HTTP, as JSON (needs the 'serve' extra; see docs/http.md); runs until "
    "interrupted":
        "cung cấp các bộ tiêu chí và việc đánh giá qua HTTP, dạng JSON (cần gói bổ sung 'serve'; xem docs/http.md); "
        "chạy đến khi bị dừng",
    "the address to listen on (default: 127.0.0.1, this machine only; put a reverse proxy in front for others)":
        "địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này; đặt một reverse proxy phía trước để phục vụ máy khác)",
    "require 'Authorization: Bearer <token>' with the token on this file's first line (every path but /health)":
        "yêu cầu 'Authorization: Bearer <token>' với token ở dòng đầu của tệp này (mọi đường dẫn trừ /health)",
    "the largest request body, and batch line, read; larger ones get 413 (default: 1 MiB)":
        "kích thước lớn nhất của nội dung yêu cầu và của một dòng lô được đọc; lớn hơn nhận mã 413 (mặc định: 1 MiB)",
    "a web origin allowed to call the service from a browser (repeatable; none by default)":
        "một nguồn web (origin) được gọi dịch vụ từ trình duyệt (lặp lại được; mặc định không có)",
    "the path prefix a reverse proxy serves it under": "tiền tố đường dẫn mà reverse proxy dùng để phục vụ dịch vụ",
    "the proxies whose X-Forwarded-* headers are trusted (default: 127.0.0.1)":
        "các proxy được tin cậy tiêu đề X-Forwarded-* (mặc định: 127.0.0.1)",
    # messages and the words of outputs
    "row": "dòng",
    "cannot read {path}: {why}": "không đọc được {path}: {why}",
    "cannot write {path}: {why}": "không ghi được {path}: {why}",
    "{path} is not UTF-8 text (byte {at} of a chunk: {why})": "{path} không phải văn bản UTF-8 (byte {at}: {why})",
    "{path} exists (a pack being filled, perhaps): choose another --out, or add --force":
        "{path} đã tồn tại (có thể là một gói đang điền dở): chọn --out khác, hoặc thêm --force",
    "wrote {path}: {entries} entries to fill for {family} ({instrument}, {period})":
        "đã ghi {path}: {entries} mục cần điền cho {family} ({instrument}, {period})",
    "{count} unverified numbers": "{count} số chưa kiểm chứng",
    "{count} from packs": "{count} từ gói quy định",
    "amended by {numbers}": "được sửa đổi bởi {numbers}",
    "in force by": "căn cứ hiệu lực",
    "note": "ghi chú",
    "count": "số chỉ số",
    "definition": "định nghĩa",
    "no differences": "không có khác biệt",
    "error": "lỗi",
    "{count} problem": "{count} vấn đề",
    "{count} problems": "{count} vấn đề",
    "loads: {count} pack file": "nạp được: {count} tệp gói quy định",
    "loads: {count} pack files": "nạp được: {count} tệp gói quy định",
    "against the package:": "so với thư viện:",
    "numbers by status:": "số liệu theo tình trạng:",
    "a ruleset the package does not have": "bộ tiêu chí thư viện chưa có",
    "the package's ruleset, re-cut or replaced by the packs":
        "bộ tiêu chí của thư viện, được các gói chia lại hoặc thay thế",
    "the packs change nothing in the package's rulesets":
        "các gói không thay đổi gì trong các bộ tiêu chí của thư viện",
    "pack {name}": "gói {name}",
    "from {file}": "từ {file}",
    "added {code} to criterion {criterion}: {name} — {count} threshold":
        "đã thêm {code} vào tiêu chí {criterion}: {name} — {count} mức quy định",
    "added {code} to criterion {criterion}: {name} — {count} thresholds":
        "đã thêm {code} vào tiêu chí {criterion}: {name} — {count} mức quy định",
    "filled {code} [{scope}]: {number}": "đã điền {code} [{scope}]: {number}",
    "replaced {code} [{scope}]: {number}; was {was}; why: {why}":
        "đã thay {code} [{scope}]: {number}; trước đây là {was}; lý do: {why}",
    "indicators ({a.indicators} → {b.indicators}): computed {a.computed} → {b.computed}, partly {a.partly} → "
    "{b.partly}, recorded {a.recorded} → {b.recorded}; criteria recorded whole {a.whole} → {b.whole}":
        "chỉ tiêu ({a.indicators} → {b.indicators}): tính được {a.computed} → {b.computed}, tính được một phần "
        "{a.partly} → {b.partly}, theo kết quả ghi nhận {a.recorded} → {b.recorded}; tiêu chí ghi nhận nguyên tiêu "
        "chí {a.whole} → {b.whole}",
    "{count} number filled": "đã điền {count} con số",
    "{count} numbers filled": "đã điền {count} con số",
    "{count} replaced": "thay {count} con số",
    "{count} indicator added": "thêm {count} chỉ tiêu",
    "{count} indicators added": "thêm {count} chỉ tiêu",
    "{count} ruleset changed": "{count} bộ tiêu chí thay đổi",
    "{count} rulesets changed": "{count} bộ tiêu chí thay đổi",
    "{count} added": "{count} bộ tiêu chí mới",
    "{count} re-cut or replaced": "{count} bộ tiêu chí được chia lại hoặc thay thế",
    "in all: {numbers}; {rulesets}": "tổng cộng: {numbers}; {rulesets}",
    "test: name golden files or folders (or --show-format for the file format)":
        "test: hãy nêu các tệp hoặc thư mục ca kiểm thử chuẩn (hoặc --show-format để xem định dạng tệp)",
    "test: no *{suffix} file in {paths}": "test: không có tệp *{suffix} nào trong {paths}",
    "serve needs the 'serve' extra ({missing} not installed): pip install 'ntp-criteria[serve]'":
        "serve cần gói bổ sung 'serve' (chưa cài {missing}): pip install 'ntp-criteria[serve]'",
    "--port: expected 0-65535, got {port}": "--port: cần một số từ 0 đến 65535, nhận được {port}",
    "strict=True (assess --strict) leaves undecided what rests on an unverified number":
        "strict=True (assess --strict) để ngỏ mọi kết luận dựa trên số liệu chưa kiểm chứng",
}

#: why no ruleset is in force on a date (catalogue/_catalogue.py, ``NoRulesetInForce``); the reason and the
#: source of a family's end are rules data, kept as written
_WHY_NONE: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.DOTALL), r) for p, r in (
    (r"^the latest encoded ruleset, (.*), was in force until (\S+)$",
     r"bộ tiêu chí mới nhất được mã hóa, \1, có hiệu lực đến ngày \2"),
    (r"^the earliest encoded ruleset, (.*), applies from (\S+)$",
     r"bộ tiêu chí sớm nhất được mã hóa, \1, áp dụng từ ngày \2"),
    (r"^a gap in the encoded rules after (.*)$", r"dữ liệu quy định có khoảng trống sau \1"),
    (r"^(.*) applies from (\S+) and is not encoded: (.*); the last encoded ruleset, (.*), was in force until (\S+)$",
     r"\1 áp dụng từ ngày \2 và chưa được mã hóa: \3; bộ tiêu chí cuối cùng được mã hóa, \4, có hiệu lực đến ngày \5"),
    (r"^(.*); the last encoded ruleset, (.*), was in force until (\S+)$",
     r"\1; bộ tiêu chí cuối cùng được mã hóa, \2, có hiệu lực đến ngày \3"),
    (r"^(.*); the last encoded ruleset, (.*), was in force before that$",
     r"\1; bộ tiêu chí cuối cùng được mã hóa, \2, có hiệu lực trước ngày đó"),
    (r"^no ruleset of this family is encoded; (.*?) applies only from (\S+) and is not encoded: (.*)$",
     r"chưa mã hóa bộ tiêu chí nào của nhóm này; \1 chỉ áp dụng từ ngày \2 và chưa được mã hóa: \3"),
    (r"^no ruleset of this family is encoded; (.*?) applied from (\S+) to (\S+) and is not encoded: (.*)$",
     r"chưa mã hóa bộ tiêu chí nào của nhóm này; \1 áp dụng từ ngày \2 đến ngày \3 và chưa được mã hóa: \4"),
    (r"^no ruleset of this family is encoded; (.*?) applies from (\S+) and is not encoded: (.*)$",
     r"chưa mã hóa bộ tiêu chí nào của nhóm này; \1 áp dụng từ ngày \2 và chưa được mã hóa: \3"),
))


def _why_none(why: str) -> str:
    """Why no ruleset is in force, in Vietnamese where its shape is known, else as it is."""
    for pattern, replacement in _WHY_NONE:
        if pattern.match(why):
            return pattern.sub(replacement, why)
    return why


#: the library's and argparse's common message shapes, worded in Vietnamese (the first that matches is used)
_ERRORS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(p), r) for p, r in (
    (r"^the following arguments are required: (.*)$", r"thiếu tham số bắt buộc: \1"),
    (r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$", r"tham số \1: lựa chọn không hợp lệ \2 (chọn "
                                                                       r"trong \3)"),
    (r"^argument (.*?): expected one argument$", r"tham số \1: cần một giá trị"),
    (r"^unrecognized arguments: (.*)$", r"tham số không nhận ra: \1"),
    (r"^invalid (\w+) value: (.*)$", r"giá trị \1 không hợp lệ: \2"),
    # the operating system's reasons (strerror) a file cannot be read or written
    (r"^No such file or directory$", "không có tệp hoặc thư mục này"),
    (r"^Permission denied$", "không có quyền truy cập"),
    (r"^Is a directory$", "đây là một thư mục"),
    (r"^Not a directory$", "không phải thư mục"),
    (r"^No space left on device$", "thiết bị hết chỗ trống"),
    (r"^expected a date as YYYY-MM-DD, got (.*)$", r"cần một ngày dạng YYYY-MM-DD, nhận được \1"),
    (r"^expected a date as YYYY-MM-DD or day first DD/MM/YYYY \((.*?)\), got (.*)$",
     r"cần một ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY (ngày trước, như \1), nhận được \2"),
    (r"^required but missing$", "bắt buộc nhưng bị thiếu"),
    (r"^required column missing$", "thiếu cột bắt buộc"),
    (r"^unknown column$", "cột không xác định"),
    (r"^unknown key$", "khóa không xác định"),
    (r"^column given twice \(which value counts\?\)$", "cột bị lặp (giá trị nào được tính?)"),
    (r"^more cells than columns$", "nhiều ô hơn số cột"),
    (r"^expected one of (.*), got (.*)$", r"cần một trong các giá trị \1, nhận được \2"),
    (r"^expected 'rural' or 'urban', got (.*)$", r"cần 'rural' (nông thôn) hoặc 'urban' (thành thị), nhận được \1"),
    (r"^expected a decimal number, got (.*)$", r"cần một số thập phân, nhận được \1"),
    (r"^expected a decimal number in a string \(digits 0-9, a point\), got (.*)$",
     r"cần một số thập phân viết bằng chữ số 0-9 (dấu chấm thập phân), nhận được \1"),
    (r"^expected a finite number, got (.*)$", r"cần một số hữu hạn, nhận được \1"),
    (r"^expected an object of (\w+) fields, got (.*)$", r"cần một đối tượng gồm các trường của \1, nhận được \2"),
    (r"^expected an ISO date \(YYYY-MM-DD\), got (.*)$", r"cần một ngày dạng YYYY-MM-DD, nhận được \1"),
    (r"^expected a whole number (.*?), got (.*)$", r"cần một số nguyên \1, nhận được \2"),
    (r"^expected true or false, got (.*)$", r"cần true hoặc false, nhận được \1"),
    (r"^expected a whole number, got (.*)$", r"cần một số nguyên, nhận được \1"),
    (r"^expected an item number such as '1' or '12', got (.*)$", r"cần số thứ tự của một mục, như '1' hoặc '12', nhận "
                                                                   r"được \1"),
    (r"^expected a row code such as (.*), got (.*)$", r"cần mã của một dòng, như \1, nhận được \2"),
    (r"^no district-level units exist on (\S+): districts were abolished on (\S+) \(two-tier local government\)$",
     r"không còn đơn vị hành chính cấp huyện vào ngày \1: cấp huyện đã kết thúc hoạt động từ ngày \2 (chính quyền "
     r"địa phương hai cấp)"),
    (r"^expected a number in a string, got (.*)$", r"cần một con số viết dạng chuỗi, nhận được \1"),
    (r"^expected a decimal number as a string or int \(never a float\), got (.*)$",
     r"cần một số thập phân dạng chuỗi hoặc số nguyên (không bao giờ dùng số thực float), nhận được \1"),
    (r"^expected true/false, a whole number or a decimal string (.*?), got (.*)$",
     r"cần true/false, một số nguyên hoặc một số thập phân dạng chuỗi \1, nhận được \2"),
    (r"^expected true/false, a whole number or a Decimal \(never a float\), got (.*)$",
     r"cần true/false, một số nguyên hoặc một Decimal (không bao giờ dùng số thực float), nhận được \1"),
    (r"^expected VND ≥ 0, got (.*)$", r"cần số đồng ≥ 0, nhận được \1"),
    (r"^expected thousand đồng ≥ 0, got (.*)$", r"cần số nghìn đồng ≥ 0, nhận được \1"),
    (r"^expected a number of m² ≥ 0, got (.*)$", r"cần một số m² ≥ 0, nhận được \1"),
    (r"^expected a name \(non-empty text\), got (.*)$", r"cần một tên (văn bản không rỗng), nhận được \1"),
    (r"^expected a string, got (.*)$", r"cần một chuỗi văn bản, nhận được \1"),
    (r"^expected text, got (.*)$", r"cần văn bản, nhận được \1"),
    (r"^expected a list, got (.*)$", r"cần một danh sách, nhận được \1"),
    (r"^expected an object, got (.*)$", r"cần một đối tượng JSON (object), nhận được \1"),
    (r"^expected a mapping of names to values, got (.*)$", r"cần một ánh xạ từ tên đến giá trị, nhận được \1"),
    (r"^expected a (set|list) of values, got the text (.*)$", r"cần một danh sách giá trị, nhận được văn bản \2"),
    (r"^no criterion of this ruleset reads it$", "không tiêu chí nào của bộ này dùng đến"),
    (r"^not valid JSON: (.*)$", r"không phải JSON hợp lệ: \1"),
    (r"^not valid CSV: (.*)$", r"không phải CSV hợp lệ: \1"),
    (r"^key given twice in one object \(which value counts\?\): (.*)$",
     r"khóa bị lặp trong một đối tượng (giá trị nào được tính?): \1"),
    (r"^NoRulesetInForce: no '(.*?)' ruleset on (.*?)(?:: (.*))?$",
     lambda m: f"NoRulesetInForce: không có bộ tiêu chí '{m[1]}' vào ngày {m[2]}" + (
         f": {_why_none(m[3])}" if m[3] is not None else "")),
    (r"^UnknownFamily: unknown ruleset family (.*?) \(did you mean ('[^']*') or ('[^']*')\?\); known families: (.*)$",
     r"UnknownFamily: nhóm bộ tiêu chí không xác định \1 (có phải là \2 hoặc \3?); các nhóm đã biết: \4"),
    (r"^UnknownFamily: unknown ruleset family (.*?) \(did you mean (.*)\?\); known families: (.*)$",
     r"UnknownFamily: nhóm bộ tiêu chí không xác định \1 (có phải là \2?); các nhóm đã biết: \3"),
    (r"^UnknownFamily: unknown ruleset family (.*?); known families: (.*)$",
     r"UnknownFamily: nhóm bộ tiêu chí không xác định \1; các nhóm đã biết: \2"),
    # the dates of the command line (core/dates.py)
    (r"^no such day: (.*) \(year-month-day\)$", r"không có ngày \1 (năm-tháng-ngày)"),
    (r"^no such day: (.*) \(day (\d+) of month (\d+)\)$", r"không có ngày \1 (ngày \2 của tháng \3)"),
    (r"^no month (\d+) in (.*): dates are read day first \(DD/MM/YYYY\), and day and month are never swapped$",
     r"không có tháng \1 trong \2: ngày được đọc theo thứ tự ngày trước (DD/MM/YYYY), ngày và tháng không bao giờ "
     r"bị đổi chỗ"),
    (r"^(.*) is not a day-first date$", r"\1 không phải ngày viết theo thứ tự ngày trước"),
    (r"^born on (.*), after (.*)$", r"ngày sinh \1 sau ngày \2"),
))


#: the words of a change between two rulesets (:func:`ntp_criteria.catalogue.diff.diff_rulesets`)
_CHANGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^removed$", "đã bỏ"),
    (r"^added$", "mới thêm"),
    (r"^removed: (.*)$", r"đã bỏ: \1"),
    (r"^added: (.*)$", r"mới thêm: \1"),
    (r"^changed: (.*)$", r"thay đổi: \1"),
    (r"^rule shape: (.*)$", r"cách xác định kết quả: \1"),
))


def tr_change(what: str, lang: str) -> str:
    """What changed between two rulesets (``removed``, ``changed: a → b`` …) in ``lang``."""
    if lang == "vi":
        for pattern, replacement in _CHANGES:
            if pattern.match(what):
                return pattern.sub(replacement, what)
    return what


_ARGUMENT = re.compile(r"^argument (\S+?): (?!invalid choice|expected one argument)(.*)$")


def tr(text: str, lang: str, **values: object) -> str:
    """``text`` in ``lang`` (the English is the key; an unknown text stays in English), with ``values`` filled
    in (``{path}`` …)."""
    worded = VI.get(text, text) if lang == "vi" else text
    return worded.format(**values) if values else worded


def tr_error(message: str, lang: str) -> str:
    """A problem's message (``expected …, got …``) in ``lang``: the common shapes are worded in Vietnamese, a
    path prefix (``$[2].area: ``) is kept, anything else is left as it is."""
    if lang != "vi":
        return message
    argument = _ARGUMENT.match(message)
    if argument:  # argparse's "argument --on: <what the option's type said>"
        return f"tham số {argument[1]}: {tr_error(argument[2], lang)}"
    path, sep, rest = message.partition(": ") if message.startswith("$") else ("", "", message)
    for pattern, replacement in _ERRORS:
        if pattern.match(rest):
            return path + sep + pattern.sub(replacement, rest)
    worded = word_problem(rest, _nested)
    return message if worded is None else path + sep + worded


def _nested(message: str) -> str:
    return tr_error(message, "vi")


def lang_of(argv: Sequence[str]) -> tuple[str, list[str]]:
    """The language asked for (``--lang vi`` or ``--lang=vi`` anywhere on the line, else the environment
    variable :data:`LANG_VARIABLE`, else English) and the arguments without it. An unknown language is left in
    the arguments, for argparse to refuse with the choices."""
    lang = os.environ.get(LANG_VARIABLE, "en")
    lang = lang if lang in LANGS else "en"
    rest: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        item = items[i]
        if item == "--lang" and i + 1 < len(items) and items[i + 1] in LANGS:
            lang = items[i + 1]
            i += 2
            continue
        if item.startswith("--lang=") and item.removeprefix("--lang=") in LANGS:
            lang = item.removeprefix("--lang=")
            i += 1
            continue
        if item == "--":  # what follows is not an option
            rest += items[i:]
            break
        rest.append(item)
        i += 1
    return lang, rest


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, tr("usage: ", lang) if prefix is None else prefix)

    return Formatter


def parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An ArgumentParser that words its help and errors in ``lang``: help texts and descriptions given in English
    are translated as they are added, argparse's own words too, and every subcommand is made with the same class
    and takes ``--lang`` (read before parsing by :func:`lang_of`; listed so that ``--help`` shows it)."""
    formatter = _formatter(lang)

    class SubParsers(argparse._SubParsersAction):  # type: ignore[type-arg]
        def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
            if "help" in kwargs and kwargs["help"] is not None:
                kwargs["help"] = tr(kwargs["help"], lang)
            kwargs.setdefault("description", kwargs.get("help"))
            return super().add_parser(name, **kwargs)  # type: ignore[no-any-return]

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", formatter)
            kwargs.setdefault("conflict_handler", "resolve")  # a command's own --lang replaces the common one
            if kwargs.get("description"):
                kwargs["description"] = tr(kwargs["description"], lang)
            super().__init__(*args, **kwargs)
            self.register("action", "parsers", SubParsers)
            self._positionals.title = tr("positional arguments", lang)
            self._optionals.title = tr("options", lang)
            for action in self._actions:  # -h, added by argparse before any of ours
                if action.help is not None:
                    action.help = tr(action.help, lang)
            self.add_argument("--lang", choices=LANGS, default=lang, help=LANG_HELP)

        def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
            action = super().add_argument(*args, **kwargs)
            if isinstance(action.help, str):  # given, or argparse's own (--version's)
                action.help = tr(action.help, lang)
            return action

        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: {tr('error', lang)}: {tr_error(message, lang)}\n")

    return Parser


#: the help of ``--lang``
LANG_HELP = ("the language of help, messages and outputs: vi (tiếng Việt) or en (English); default: the environment "
             "variable NTP_CRITERIA_LANG, else en")
