"""``ntp-criteria --lang vi`` beyond the reasons (issue #18): ``pack check``'s lines, rules packs' load errors, the
golden-file format, the levels' reasons, and the command's other messages; English output unchanged.

Three completeness checks keep the Vietnamese from falling behind: every literal text ``cli.py`` hands to ``tr`` has
a Vietnamese wording, every ``Problem`` message the modules that load a rules pack can raise has a template in
``io/_error_text.py``, and the Vietnamese golden-file format has the English one's structure and keys.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
import tomllib
from pathlib import Path

import pytest

import ntp_criteria as ntp
from ntp_criteria.core.errors import InputError, Problem, RuleDataError
from ntp_criteria.io import _cli_text, golden
from ntp_criteria.io._error_text import (
    LOADING_MODULES,
    TEMPLATES,
    input_error_lines,
    load_error_lines,
    problem_text,
    translate_problem,
)
from ntp_criteria.io._reason_text import reason_text, translate_reason
from ntp_criteria.io.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ntp_criteria"

_MADE_UP = 'source = { cite = "318/QĐ-TTg, Phụ lục I (made up for a test)", status = "unverified" }'
#: a pack filling 2.2 for region tn and replacing 2.1 by the same number (as tests/test_cli_packs.py's), written with
#: inline tables
FILL = "\n".join([
    'schema = 1', '[pack]', 'name = "test-annex"',
    '[[fills]]', 'family = "ntm.commune"', 'instrument = "qd-318-2022"', 'indicator = "2.2"',
    f'thresholds = [{{ region = "tn", op = ">=", value = 80, unit = "%", {_MADE_UP} }}]',
    '[[fills]]', 'family = "ntm.commune"', 'instrument = "qd-318-2022"', 'indicator = "2.1"',
    f'thresholds = [{{ op = ">=", value = 100, unit = "%", {_MADE_UP}, '
    'replaces = { value = 100, why = "read in the annex (a test)" } }]', ""])
#: a pack adding an indicator to criterion 5 of the 2026-2030 commune set
ADDITION = "\n".join([
    'schema = 1', '[pack]', 'name = "tinh-x"',
    '[[additions]]', 'family = "ntm.commune"', 'instrument = "qd-51-2025"', 'criterion = "5"',
    'indicator = { code = "5.x1", name_vi = "Tỷ lệ (thử)", name_en = "A share (a test)", thresholds = [{ op = ">=", '
    'value = 80, unit = "%", source = { cite = "QĐ x/2026/QĐ-UBND (made up for a test)", status = "unverified" } }] }',
    ""])
#: English words of pack check and of load errors that must not reach a Vietnamese reader
_ENGLISH = re.compile(r"\b(in all|filled|replaced|added|threshold|indicators \(|computed|partly|recorded|problems?|"
                      r"was |why:|from /|pack '|line \d|indicator \d|required but missing|not completed|filled by|"
                      r"two packs|no such|the package)\b")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    for name, text in (("annex.toml", FILL), ("tinh-x.toml", ADDITION)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- pack check -----------------------------------------------------------------------------------------------------


def test_pack_check_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["--lang", "vi", "pack", "check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "annex.toml — gói 'test-annex'" in out
    assert "  đã điền 2.2 [region=tn]: >= 80 % — 318/QĐ-TTg, Phụ lục I (made up for a test)" in out
    assert "  đã thay 2.1 [all]: >= 100 % — " in out and "; trước đây là >= 100 % — " in out
    assert "; lý do: read in the annex (a test)  (từ " in out  # the pack's own words are data
    assert "  đã thêm 5.x1 vào tiêu chí 5: Tỷ lệ (thử) — 1 mức quy định" in out  # the Vietnamese name
    assert re.search(r"  chỉ tiêu \(57 → 57\): tính được 9 → 9, tính được một phần 0 → 1, theo kết quả ghi nhận "
                     r"48 → 47; tiêu chí ghi nhận nguyên tiêu chí 0 → 0", out)
    changed = sum(1 for rs in ntp.rulesets("ntm.commune") if rs.instrument.id in ("qd-318-2022", "qd-51-2025"))
    assert (f"tổng cộng: đã điền 1 con số, thay 1 con số, thêm 1 chỉ tiêu; {changed} bộ tiêu chí thay đổi, 0 bộ "
            "tiêu chí mới, 0 bộ tiêu chí được chia lại hoặc thay thế") in out
    # what is left in English is rules data: citations, the pack's note of what it replaces
    shown = "\n".join(ln.split(" — ")[0] for ln in out.splitlines())
    assert _ENGLISH.findall(shown) == []


def test_pack_check_in_english_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["pack", "check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "annex.toml — pack 'test-annex'" in out
    assert "  added 5.x1 to criterion 5: A share (a test) — 1 threshold  (from " in out
    assert re.search(r"\n  indicators \(57 → 57\): computed 9 → 9, partly 0 → 1, recorded 48 → 47; criteria recorded "
                     r"whole 0 → 0\n", out)
    changed = sum(1 for rs in ntp.rulesets("ntm.commune") if rs.instrument.id in ("qd-318-2022", "qd-51-2025"))
    assert (f"\nin all: 1 number filled, 1 replaced, 1 indicator added; {changed} rulesets changed, 0 added, 0 "
            "re-cut or replaced\n") in out


def _tr_keys(tree: ast.AST) -> dict[str, int]:
    """The literal texts handed to ``tr`` (either arm of a conditional too), with their lines."""
    found: dict[str, int] = {}

    def literals(node: ast.expr) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return literals(node.body) + literals(node.orelse)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return [a + b for a in literals(node.left) for b in literals(node.right)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "chr" and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int):
            return [chr(node.args[0].value)]
        return []

    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
             n.func.id == "tr" and n.args]
    for call in calls:
        for text in literals(call.args[0]):
            found.setdefault(text, call.lineno)
    # a text chosen ahead of the call: ``added = ("…" if one else "…")`` then ``tr(added, …)``
    names = {c.args[0].id for c in calls if isinstance(c.args[0], ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in names for t in node.targets):
            for text in literals(node.value):
                found.setdefault(text, node.lineno)
    return found


def test_every_text_the_command_words_has_vietnamese() -> None:
    found = _tr_keys(ast.parse((PACKAGE / "io" / "cli.py").read_text(encoding="utf-8")))
    assert {"in all: {numbers}; {rulesets}", "{count} numbers filled", "filled {code} [{scope}]: {number}",
            "pack {name}", "--port: expected 0-65535, got {port}"} <= set(found)
    missing = [f"cli.py:{line}: {text!r}" for text, line in found.items() if text not in _cli_text.VI]
    assert missing == [], "add to _cli_text.VI:\n" + "\n".join(missing)


def test_the_scan_of_the_command_finds_a_new_text() -> None:
    tree = ast.parse("def f(n, lang):\n"
                     "    print(tr('a new line {n}' if n else 'in all: {numbers}; {rulesets}', lang))\n"
                     "    word = ('one thing' if n == 1 else 'many things')\n    other = 'x' if n else ''\n"
                     "    print(tr(word, lang), other)\n")
    found = _tr_keys(tree)
    assert [t for t in found if t not in _cli_text.VI] == ["a new line {n}", "one thing", "many things"]


# --- rules packs' load errors ---------------------------------------------------------------------------------------


def _shapes(node: ast.expr) -> list[str]:
    """The shapes of a message expression: literals as they are, each f-string field as ``{}``, "{}" when the
    whole message is computed (another error's text, passed through)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)]  # type: ignore[misc]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _shapes(node.left) for b in _shapes(node.right)]
    if isinstance(node, ast.IfExp):
        return _shapes(node.body) + _shapes(node.orelse)
    return ["{}"]


def _problem_shapes(sources: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, text in sources.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem" and \
                    len(node.args) >= 2:
                for shape in _shapes(node.args[1]):
                    found.setdefault(shape, f"{name}:{node.lineno}")
    return found


def _without_template(found: dict[str, str]) -> list[str]:
    shapes = {t.shape() for t in TEMPLATES}
    return [f"{where}: {shape!r}" for shape, where in found.items()
            if shape != "{}" and (shape not in shapes if "{}" in shape else translate_problem(shape) is None)]


def test_every_problem_a_pack_load_can_raise_has_a_vietnamese_template() -> None:
    found = _problem_shapes({m: (PACKAGE / m).read_text(encoding="utf-8") for m in LOADING_MODULES})
    assert len(found) > 60 and "no such pack file or folder" in found
    assert "{} [{}] is filled by {} too: two packs supply the same number, and the law has one" in found
    missing = _without_template(found)
    assert missing == [], "add a template to ntp_criteria/io/_error_text.py for:\n" + "\n".join(missing)


def test_the_scan_of_the_loading_modules_finds_a_new_problem() -> None:
    source = ("def f(p, x):\n"
              "    p.append(Problem('$', f'no such {x} anywhere'))\n"
              "    p.append(Problem('$', 'no such pack file or folder'))\n"
              "    p.append(Problem('$', 'the moon ' + 'is full'))\n"
              "    p.append(Problem('$', str(x)))\n")
    assert sorted(_without_template(_problem_shapes({"new.py": source}))) == [
        "new.py:2: 'no such {} anywhere'", "new.py:4: 'the moon is full'"]


def test_every_template_words_an_example_of_itself_with_no_english_left() -> None:
    english = re.compile(r"\b(the package|expected|required|unknown|is not|has no|no such|not among|overlaps|write|"
                         r"give|names|twice|declared|cannot)\b")
    for t in TEMPLATES:
        for near in ("", " (did you mean 'a' or 'b'?)") if "{near}" in t.en else ("",):
            example = "".join(literal + ("" if name is None else near if name == "near" else "'X'")
                              for literal, name, _, _ in string.Formatter().parse(t.en))
            worded = t.word(example)
            assert worded is not None, t.en
            assert not english.search(worded.replace("'X'", "")), (t.en, worded)
            assert not near or "(có phải là 'a' hoặc 'b'?)" in worded, t.en


def test_problems_are_worded_and_nested_ones_in_turn() -> None:
    assert problem_text("ntm.commune (318/QĐ-TTg) has no indicator '2.x' (did you mean '2.1'?)", "vi") == (
        "ntm.commune (318/QĐ-TTg) không có chỉ tiêu '2.x' (có phải là '2.1'?)")
    assert problem_text("ntm.commune (318/QĐ-TTg) has no indicator '9.9'", "vi") == (
        "ntm.commune (318/QĐ-TTg) không có chỉ tiêu '9.9'")
    assert problem_text("expected a decimal number, got 'x' (or '—' for no value)", "vi") == (
        "cần một số thập phân, nhận được 'x' (hoặc '—' khi không có giá trị)")
    assert problem_text("required but missing", "vi") == "bắt buộc nhưng bị thiếu"  # the validator's, by tr_error
    assert problem_text("a shape nobody wrote yet", "vi") == "a shape nobody wrote yet"  # whole, never half worded
    assert problem_text("no such pack file or folder", "en") == "no such pack file or folder"


def test_load_errors_in_vietnamese_and_english_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "vi", "pack", "check", str(tmp_path / "nowhere.toml")]) == 2
    assert capsys.readouterr().err == (f"ntp-criteria: RuleDataError: {tmp_path / 'nowhere.toml'}: $: không có tệp "
                                       "hoặc thư mục gói quy định này\n")
    assert main(["pack", "check", str(tmp_path / "nowhere.toml")]) == 2
    assert capsys.readouterr().err == f"ntp-criteria: RuleDataError: {tmp_path / 'nowhere.toml'}: $: no such pack " \
                                      "file or folder\n"
    (tmp_path / "a.toml").write_text(FILL, encoding="utf-8")
    (tmp_path / "b.toml").write_text(FILL.replace("test-annex", "other"), encoding="utf-8")
    args = ["pack", "check", str(tmp_path / "a.toml"), str(tmp_path / "b.toml")]
    assert main(["--lang", "vi", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ntp-criteria: RuleDataError: {tmp_path / 'b.toml'}: 1 vấn đề\n  chỉ tiêu 2.2 "
                          "[region=tn] ($.fills[0].thresholds[0]): 2.2 [region=tn] cũng được ")
    assert "điền: hai gói cung cấp cùng một con số, mà văn bản chỉ có một" in err
    assert main(args) == 2
    english = capsys.readouterr().err
    assert "b.toml: 1 problem\n  indicator 2.2 [region=tn] ($.fills[0].thresholds[0]): 2.2 [region=tn] is filled " \
           "by " in english


def test_an_unfilled_template_refused_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pack.toml"
    assert main(["template", "ntm.commune", "--on", "2022-06-01", "--region", "tn", "--out", str(path)]) == 0
    capsys.readouterr()
    assert main(["--lang", "vi", "pack", "check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("ntp-criteria: RuleDataError: ") and err[0].endswith(" vấn đề")
    first = path.read_text(encoding="utf-8").splitlines().index("[[fills.thresholds]]") + 1
    assert err[1] == (f"  dòng {first}, chỉ tiêu 1.1 [region=tn, year=2022] ($.fills[0].thresholds[0]): thiếu op, "
                      "value, unit (bắt buộc)")
    assert re.fullmatch(r"  \d+ mục chưa hoàn thiện: bỏ dấu chú thích ở `# value =` .* hoặc xóa mục đó", err[-1])
    assert _ENGLISH.findall("\n".join(err)) == []


def test_load_errors_as_the_library_raises_them_stay_english() -> None:
    exc = RuleDataError("x.toml", [Problem("$.fills[0].indicator", "ntm.commune (318/QĐ-TTg) has no indicator '9'"),
                                   Problem("$.schema", "schema 2 is not 1")])
    assert load_error_lines(exc, None, "en") == [f"RuleDataError: {exc}"]
    assert str(exc).endswith("$.schema: schema 2 is not 1")
    assert load_error_lines(exc, None, "vi") == [
        "RuleDataError: x.toml: 2 vấn đề", "  $.fills[0].indicator: ntm.commune (318/QĐ-TTg) không có chỉ tiêu '9'",
        "  $.schema: schema 2 không phải 1"]
    refused = InputError("template", [Problem("$.region", "'zz' is not among the declared region values ['tn']")])
    assert input_error_lines(refused, "en") == [f"InputError: {refused}"]
    assert input_error_lines(refused, "vi") == [
        "InputError: 1 vấn đề trong template", "  $.region: 'zz' không thuộc các giá trị region được khai báo ['tn']"]


# --- the golden-file format -----------------------------------------------------------------------------------------


def _structure(text: str) -> tuple[list[int], list[int], int, list[str]]:
    """Heading levels, rows of each table, code blocks, and the TOML keys of the tables' first column."""
    lines = text.splitlines()
    headings = [len(ln) - len(ln.lstrip("#")) for ln in lines if ln.startswith("#") and not ln.startswith("#!")
                and " " in ln[:7] and ln.lstrip("#").startswith(" ")]
    tables, rows = [], 0
    for ln in [*lines, ""]:
        if ln.startswith("|"):
            rows += 1
        elif rows:
            tables.append(rows)
            rows = 0
    keys = [k for ln in lines if ln.startswith("| `") for k in re.findall(r"`([^`]+)`", ln.split("|")[1])]
    return headings, tables, text.count("```") // 2, keys


def test_show_format_in_vietnamese_mirrors_the_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "vi", "test", "--show-format"]) == 0
    vi = capsys.readouterr().out
    assert main(["test", "--show-format"]) == 0
    en = capsys.readouterr().out
    assert en == golden.format_text() and en.startswith("# Golden files")
    assert vi == golden.format_text("vi") and vi.startswith("# Tệp ca kiểm thử chuẩn")
    # the code blocks differ only in words: a TOML example, failure lines
    en_code, vi_code = re.findall(r"```(\w+)", en), re.findall(r"```(\w+)", vi)
    assert en_code == vi_code == ["toml", "text"]
    assert _structure(vi) == _structure(en)
    assert "`ntp-criteria schema Household`" in vi and "`observations = { \"MÃ\" = true, … }`" in vi
    for english in ("A golden file", "What a failure says", "required", "the subject's data", "FAIL ", "passed,"):
        assert english not in vi.replace("N passed, N failed", ""), english
    example = re.search(r"```toml\n(.*?)```", vi, re.DOTALL)
    assert example is not None
    case = tomllib.loads(example[1])["case"][0]
    assert case["expect"] == "poor" and case["household"]["area"] == "rural"  # the keys and values stay as they are


# --- the levels' reasons --------------------------------------------------------------------------------------------


def test_the_levels_reasons_are_worded_in_vietnamese() -> None:
    commune = ntp.Commune(name="X", reference_date=dt.date(2026, 3, 1), region=ntp.Region.TN,
                          observations={str(i): True for i in range(1, 20)})
    report = ntp.ntm.commune_level(commune)
    (reason,) = report.reasons
    assert reason.startswith("no advanced level on 2026-03-01: ")  # as the family writes it
    assert reason_text(reason, "vi").startswith("không có mức nông thôn mới nâng cao vào ngày 2026-03-01: ")
    assert reason_text(reason, "en") == reason
    assert translate_reason("no advanced set is encoded for the town set") == (
        "chưa mã hóa bộ tiêu chí nâng cao cho the town set")


# --- the sweep: the command's other messages ------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "vi", "en"), [
    (["show", "ntm.comune", "--on", "2024-01-01"],
     "UnknownFamily: nhóm bộ tiêu chí không xác định 'ntm.comune' (có phải là 'ntm.commune' hoặc ",
     "UnknownFamily: unknown ruleset family 'ntm.comune' (did you mean 'ntm.commune' or "),
    (["show", "poverty.household", "--on", "2099-01-01"],
     "vào ngày 2099-01-01: bộ tiêu chí mới nhất được mã hóa, 351/2025/NĐ-CP, có hiệu lực đến ngày 2030-12-31",
     "on 2099-01-01: the latest encoded ruleset, 351/2025/NĐ-CP, was in force until 2030-12-31"),
    (["show", "poverty.household", "--on", "2010-01-01"],
     "bộ tiêu chí sớm nhất được mã hóa, 59/2015/QĐ-TTg, áp dụng từ ngày 2016-01-01",
     "the earliest encoded ruleset, 59/2015/QĐ-TTg, applies from 2016-01-01"),
    (["show", "ntm.commune.modern", "--on", "2026-03-01"],
     "chưa mã hóa bộ tiêu chí nào của nhóm này; 51/2025/QĐ-TTg, Phụ lục II áp dụng từ ngày 2026-02-15 và chưa được "
     "mã hóa: ", "no ruleset of this family is encoded; 51/2025/QĐ-TTg, Phụ lục II applies from 2026-02-15"),
    (["show", "poverty.household", "--on", "15/13/2024"],
     "tham số --on: không có tháng 13 trong '15/13/2024': ngày được đọc theo thứ tự ngày trước (DD/MM/YYYY)",
     "argument --on: no month 13 in '15/13/2024': dates are read day first"),
    (["show", "poverty.household", "--on", "31/02/2024"], "không có ngày '31/02/2024' (ngày 31 của tháng 2)",
     "no such day: '31/02/2024' (day 31 of month 2)"),
    (["template", "ntm.commune", "--on", "2022-06-01", "--region", "zz"],
     "InputError: 1 vấn đề trong template\n  $.region: 'zz' không thuộc các giá trị region được khai báo [",
     "InputError: 1 problem in template\n  $.region: 'zz' is not among the declared region values ["),
    (["assess", "/nowhere/x.csv"], "không đọc được '/nowhere/x.csv': không có tệp hoặc thư mục này",
     "cannot read '/nowhere/x.csv': No such file or directory"),
    (["serve", "--port", "99999"], "--port: cần một số từ 0 đến 65535, nhận được 99999",
     "--port: expected 0-65535, got 99999"),
    (["serve", "--port", "x"], "tham số --port: giá trị int không hợp lệ: 'x'", "argument --port: invalid int value"),
])
def test_the_commands_errors_in_vietnamese_and_english(args: list[str], vi: str, en: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    def run(*line: str) -> str:
        try:
            code = main(list(line))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        assert code == 2
        return capsys.readouterr().err

    assert vi in run("--lang", "vi", *args)
    assert en in run(*args)


def test_batch_rows_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tmp_path / "in.jsonl"
    rows.write_text('{"area": "rural", "reference_date": "2024-01-01", "monthly_income_per_capita": 1.5}\n'
                    '{"id": "F", "area": "rural", "reference_date": "2024-10-15", "b1": {"x": ["1.9"]}}\n',
                    encoding="utf-8")
    assert main(["--lang", "vi", "assess", str(rows)]) == 1
    err = capsys.readouterr().err
    assert "cần một số thập phân dạng chuỗi hoặc số nguyên (không bao giờ dùng số thực float), nhận được 1.5" in err
    forms = tmp_path / "forms.jsonl"
    forms.write_text('{"id": "F", "area": "rural", "reference_date": "2024-10-15", "b1": {"1": ["1.9"]}}\n'
                     '{"id": "G", "area": "rural", "reference_date": "2024-10-15", "b1": {"x": ["1.1"]}}\n',
                     encoding="utf-8")
    assert main(["--lang", "vi", "assess", str(forms), "--kind", "review_form"]) == 1
    err = capsys.readouterr().err
    assert "dòng của bảng chấm điểm không xác định '1.9' (có phải là " in err and "' hoặc '" in err
    assert "cần số thứ tự của một mục, như '1' hoặc '12', nhận được 'x'" in err
    districts = tmp_path / "d.csv"
    districts.write_text("name,reference_date,region\nHuyện C,2026-06-01,tn\n", encoding="utf-8")
    assert main(["--lang", "vi", "assess", str(districts), "--kind", "district"]) == 1
    assert "không còn đơn vị hành chính cấp huyện vào ngày 2026-06-01" in capsys.readouterr().err
    assert main(["assess", str(districts), "--kind", "district"]) == 1
    assert "no district-level units exist on 2026-06-01: districts were abolished" in capsys.readouterr().err


def test_golden_files_that_cannot_be_read_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.golden.toml").write_text('[[case]]\nname = "x"\non = 2024-01-01\ncite = "c"\nexpect = "poor"\n',
                                            encoding="utf-8")
    missing = str(tmp_path / "gone")
    assert main(["--lang", "vi", "test", missing, str(tmp_path / "x.golden.toml")]) == 1
    out = capsys.readouterr().out
    assert f"SAI {missing}: '(tệp)': không đọc được tệp: không có tệp hoặc thư mục này" in out
    assert "mỗi ca cần một trong [case.household], [case.commune], [case.village], [case.district], " \
           "[case.province], hoặc target = …" in out
    assert main(["test", missing, str(tmp_path / "x.golden.toml")]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {missing}: '(file)': cannot read it: No such file or directory" in out
    assert "[case.province], or target = …" in out
