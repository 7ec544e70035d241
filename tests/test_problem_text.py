"""Every input problem the library writes has a Vietnamese wording (issue #18): ``ntp-criteria --lang vi`` shows a
bad row's errors in Vietnamese, and ``tr_error`` leaves a message of no known shape whole, in English.

The scan walks every module of the package with ``ast``, takes each ``Problem(path, message)`` whose message is a
literal, an f-string or a concatenation, and words a sample of it (each field a sample value); a shape whose fields
are restricted (a class name, a word of :data:`~ntp_criteria.io._problem_text.VOCABULARY`, a ``(did you mean …?)``)
counts when a template has that very shape, and each template is checked on examples of itself.
"""

from __future__ import annotations

import ast
import itertools
import re
import string
from pathlib import Path

import pytest

from ntp_criteria.core._validate import check_number, check_text, unknown_code
from ntp_criteria.io import _error_text, _problem_text
from ntp_criteria.io._cli_text import tr_error
from ntp_criteria.io._error_text import problem_text
from ntp_criteria.io._problem_text import TEMPLATES, VOCABULARY, ErrorTemplate, word_problem
from ntp_criteria.io.cli import main

from .test_cli_vietnamese import _shapes  # a message's shapes, as the pack-load scan reads them

PACKAGE = Path(__file__).resolve().parent.parent / "ntp_criteria"
_SAMPLE = "'x'"


def _is_problem(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call) or len(node.args) < 2:
        return False
    name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(
        node.func, ast.Attribute) else None
    return name == "Problem"


def problem_shapes(sources: dict[str, str]) -> dict[str, str]:
    """Each shape of ``Problem`` message in ``sources`` (name → Python text), with where it is first written."""
    found: dict[str, str] = {}
    for name, text in sources.items():
        for node in ast.walk(ast.parse(text)):
            if _is_problem(node):
                assert isinstance(node, ast.Call)
                for shape in _shapes(node.args[1]):
                    found.setdefault(shape, f"{name}:{node.lineno}")
    return found


def _worded(message: str) -> bool:
    return tr_error(message, "vi") != message or problem_text(message, "vi") != message


_TEMPLATE_SHAPES = {t.shape() for t in TEMPLATES + _error_text.TEMPLATES}


def unworded(found: dict[str, str]) -> list[str]:
    """The shapes of ``found`` with no Vietnamese: a sample of it is not worded, and no template has its shape."""
    return [f"{where}: {shape!r}" for shape, where in found.items()
            if shape != "{}" and not _worded(shape.replace("{}", _SAMPLE)) and shape not in _TEMPLATE_SHAPES]


def _package_sources() -> dict[str, str]:
    return {str(f.relative_to(PACKAGE)): f.read_text(encoding="utf-8") for f in sorted(PACKAGE.rglob("*.py"))}


# --- the scan -------------------------------------------------------------------------------------------------------


def test_every_problem_the_library_writes_has_a_vietnamese_wording() -> None:
    found = problem_shapes(_package_sources())
    assert len(found) > 250  # the scan sees the package (292 distinct shapes when it was written)
    for shape in ("expected a number ≥ {}, got {}", "row {} is not on the {} scorecard", "given twice",
                  "{} is after the reference date {}", "unknown province code {}", "expected a Catalogue, got {}",
                  "codes both deprived and not deprived: {}", "no such pack file or folder"):
        assert shape in found, shape
    missing = unworded(found)
    assert missing == [], "add a template to ntp_criteria/io/_problem_text.py for:\n" + "\n".join(missing)


def test_the_scan_finds_a_new_untranslated_message() -> None:
    source = ("def f(p, x, n):\n"
              "    p.append(Problem('$', f'no such {x} anywhere'))\n"
              "    p.append(Problem('$', f'expected a number ≥ {n}, got {x}'))\n"
              "    p.append(errors.Problem('$', 'the moon ' + 'is full'))\n"
              "    p.append(Problem('$', 'given twice' if n else f'{x} fell off'))\n"
              "    p.append(Problem('$', str(x)))\n"
              "    p.append(Problem('$', f'expected a {x}, got {n}'))\n")  # a template's shape (a class name)
    assert sorted(unworded(problem_shapes({"new.py": source}))) == [
        "new.py:2: 'no such {} anywhere'", "new.py:4: 'the moon is full'", "new.py:5: '{} fell off'"]


# --- the templates --------------------------------------------------------------------------------------------------

#: English words that must not be left in a worded message (codes, quoted values, names with '=', '_', '.', '/'
#: or a capital, are taken out first: they are kept as they are on purpose)
_ENGLISH = re.compile(r"\b(expected|got|given|twice|unknown|the|of|and|or|is|are|has|have|not|no|with|for|from|to|"
                      r"in|on|an?|must|would|be|but|say|otherwise|which|counts?|needs?|use|rows?|item|marked|weights?|"
                      r"households?|assessments?|date|number|text|list|set|values?|codes?|units?|match|listed|"
                      r"disagrees?|recorded|met|applies|after|before|assessed|share|guess|undecided|province|"
                      r"district|commune|whole|digits|below|above|least|mapping|pairs?|names?|array|column|path|"
                      r"fast|nested|read|reads|version|versions|body|send|one|line|time|day|criterion|indicators?|"
                      r"ended|exists?|valid|ruleset|family|target|observations?|year|what-if|scenario|flag|region|"
                      r"did|you|mean)\b")
_KEPT = re.compile(r"'[^']*'|\S*[=_./\[\]]\S*|\b[A-Z][\w-]*|\bX\b")


def _examples(t: ErrorTemplate) -> list[str]:
    """Messages of ``t``'s shape: every word of each vocabulary field, a class name, with and without the
    ``(did you mean …?)`` ending, a message for a nested one, 'X' for any other field."""
    parts = list(string.Formatter().parse(t.en))
    choices: list[list[str]] = []
    for _, name, _, _ in parts:
        if name is None:
            choices.append([""])
        elif name in VOCABULARY:
            choices.append(list(VOCABULARY[name]))
        elif name == "near":
            choices.append(["", " (did you mean 'a' or 'b'?)"])
        elif name.startswith("cls"):
            choices.append(["Ruleset"])
        elif name == "error":  # a nested message, worded in turn
            choices.append(["given twice"])
        else:
            choices.append(["'X'"])
    return ["".join(literal + value for (literal, *_), value in zip(parts, combo, strict=True))
            for combo in itertools.product(*choices)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.en[:60])
def test_each_template_words_its_examples_with_no_english_left(template: ErrorTemplate) -> None:
    for example in _examples(template):
        worded = tr_error(example, "vi")
        assert worded != example, (template.en, example)
        left = _ENGLISH.findall(_KEPT.sub("", worded))
        assert left == [], (template.en, example, worded)
        assert "did you mean" not in worded
        assert tr_error(example, "en") == example


def test_a_template_needs_its_vocabulary_and_a_class_name() -> None:
    assert word_problem("expected a set, got 1", str) == "cần một tập hợp, nhận được 1"
    assert word_problem("expected a widget, got 1", str) is None  # not a word of the vocabulary: left whole
    assert word_problem("expected a Ruleset, got 1", str) == "cần một Ruleset, nhận được 1"
    assert tr_error("expected a widget, got 1", "vi") == "expected a widget, got 1"
    assert tr_error("recorded as maybe but its indicators say otherwise", "vi") == (
        "recorded as maybe but its indicators say otherwise")
    assert tr_error("unknown parameter (accepted: on, strict)", "vi") == (
        "tham số không xác định (chấp nhận: on, strict)")
    assert tr_error("not used: expected a number ≥ 0, got -5", "vi") == "không được dùng: cần một số ≥ 0, nhận được -5"
    assert tr_error("not used: the moon is full", "vi") == "không được dùng: the moon is full"  # nested, as it is
    assert _problem_text.ErrorTemplate is _error_text.ErrorTemplate


def test_a_path_prefix_is_kept_and_english_unchanged() -> None:
    message = "$.members[0].date_of_birth: 2030-05-01 is after the reference date 2024-01-01"
    assert tr_error(message, "vi") == "$.members[0].date_of_birth: 2030-05-01 sau ngày tham chiếu 2024-01-01"
    assert tr_error(message, "en") == message
    assert tr_error("a shape nobody wrote yet", "vi") == "a shape nobody wrote yet"


def _literal_arguments(function: str, position: int, keyword: str) -> set[str]:
    """The literal texts the package passes ``function`` as argument ``position`` or ``keyword``."""
    found: set[str] = set()
    for text in _package_sources().values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
                args = node.args[position:position + 1] + [k.value for k in node.keywords if k.arg == keyword]
                found |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_the_vocabulary_has_every_word_the_library_fills_in() -> None:
    check_texts = _literal_arguments("check_text", 2, "what")
    assert "an indicator code (text)" in check_texts
    assert check_texts <= set(VOCABULARY["w_what"]), check_texts - set(VOCABULARY["w_what"])
    unknowns = _literal_arguments("unknown_code", 3, "what") | {"code"}  # "code" is its default
    assert {"indicator code", "ruleset family"} <= unknowns
    assert unknowns <= set(VOCABULARY["w_unknown"]), unknowns - set(VOCABULARY["w_unknown"])
    for things in ("_collection", "_check_stream"):
        streams = _literal_arguments(things, 2, "what")
        assert streams and streams <= set(VOCABULARY["w_things"]), (things, streams)
    shares = _literal_arguments("_with_shares", 5, "what")
    assert shares and shares <= set(VOCABULARY["w_things"]), shares
    # what core/_validate writes with those words, worded whole
    for problem in (check_number(1.5, "$.n", whole=True) + check_number(1.5, "$.n") + check_number(-1, "$.n", minimum=0)
                    + check_text(3, "$.code", "an indicator code (text)")
                    + [unknown_code("$.x", "2.x", ("2.1", "2.2"), "indicator code")]):
        worded = tr_error(problem.message, "vi")
        assert worded != problem.message and not _ENGLISH.findall(_KEPT.sub("", worded)), worded


# --- the command line -----------------------------------------------------------------------------------------------


def test_a_batch_with_bad_rows_in_vietnamese_and_english_unchanged(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    households = tmp_path / "ho.csv"
    households.write_text("id,area,reference_date,monthly_income_per_capita,deprived,not_deprived\n"
                          "A,rural,2024-01-01,-5,,\n"
                          "B,rural,2024-01-01,1000000,water,water\n"
                          "C,rural,2024-01-01,1000000,watr,\n", encoding="utf-8")
    assert main(["--lang", "vi", "assess", str(households)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "ntp-criteria: dòng 1: $[0].monthly_income_per_capita: cần số đồng ≥ 0, nhận được Decimal('-5')",
        "ntp-criteria: dòng 2: $[1].deprived: mã vừa thiếu hụt vừa không thiếu hụt: water",
        "ntp-criteria: dòng 3: $[2].deprived['watr']: mã chỉ tiêu không xác định 'watr' (có phải là 'water'?)"]
    assert main(["assess", str(households)]) == 1
    assert capsys.readouterr().err.splitlines()[1] == (
        "ntp-criteria: row 2: $[1].deprived: codes both deprived and not deprived: water")
    members = tmp_path / "ho.jsonl"
    members.write_text(
        '{"id": "M", "area": "rural", "reference_date": "2024-01-01", "monthly_income_per_capita": "1000000", '
        '"members": [{"age": 1, "date_of_birth": "2030-05-01"}]}\n'
        '{"id": "N", "area": "rural", "reference_date": "2024-01-01", "monthly_income_per_capita": "1000000", '
        '"members": [{"age": 10, "date_of_birth": "2008-11-15"}]}\n', encoding="utf-8")
    assert main(["--lang", "vi", "assess", str(members), "--output-format", "csv"]) == 1
    out, err = capsys.readouterr()
    assert "$[0].members[0].date_of_birth: 2030-05-01 sau ngày tham chiếu 2024-01-01" in out  # the row's error cell
    assert err.splitlines() == [
        "ntp-criteria: dòng 1: $[0].members[0].date_of_birth: 2030-05-01 sau ngày tham chiếu 2024-01-01",
        "ntp-criteria: dòng 2: $[1].members[0].age: 10 không khớp với ngày sinh 2008-11-15, theo đó tuổi vào ngày "
        "2024-01-01 là 15"]
    assert main(["assess", str(members)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "ntp-criteria: row 1: $[0].members[0].date_of_birth: 2030-05-01 is after the reference date 2024-01-01")
    forms = tmp_path / "phieu.jsonl"
    forms.write_text('{"id": "F", "area": "rural", "reference_date": "2024-10-15", "b1": {"1": ["1.1", "1.1"]}}\n'
                     '{"id": "H", "area": "rural", "reference_date": "2024-10-15", "b1": {"1": ["2.1"]}}\n',
                     encoding="utf-8")
    assert main(["--lang", "vi", "assess", str(forms), "--kind", "review_form"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "ntp-criteria: dòng 1: $[0].b1.1[1]: dòng '1.1' được đánh dấu hai lần",
        "ntp-criteria: dòng 2: $[1].b1.1[0]: dòng '2.1' không thuộc mục 1"]
