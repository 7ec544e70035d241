"""Golden files report one line per failure, under pytest and under ``ntp-criteria test`` (issue #18)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ntp_criteria.io import golden
from ntp_criteria.io.cli import main

GOLDEN = Path(__file__).parent / "golden"

#: cases written wrongly in every way the library refuses: each must fail with one line saying why
BAD = """
[[case]]
name = "a misspelt area"
on = 2024-01-01
cite = "07/2021/NĐ-CP, Điều 3"
expect = "poor"
[case.household]
area = "countryside"

[[case]]
name = "an unknown family"
on = 2024-01-01
cite = "x"
expect = "met"
family = "ntm.comune"
[case.commune]
name = "A"

[[case]]
name = "no rules in force"
on = 1990-01-01
cite = "x"
expect = "poor"
[case.household]
area = "rural"

[[case]]
name = "no expectation"
on = 2024-01-01
cite = "x"
[case.household]
area = "rural"

[[case]]
name = "a date that is text"
on = "2024-01-01"
cite = "x"
expect = "poor"
[case.household]
area = "rural"

[[case]]
name = "a float observation"
programme = "ntm-2021"
target = "communes-ntm"
expect = "achieved"
observations = [{ year = 2025, value = 79.3, cite = "x" }]

[[case]]
name = "an unknown programme"
programme = "ntm-2099"
target = "communes-ntm"
expect = "achieved"
observations = [{ year = 2025, value = "79.3", cite = "x" }]

[[case]]
name = "a household that is text"
on = 2024-01-01
cite = "x"
expect = "poor"
household = "poor family"
"""

WHY = {
    "a misspelt area": "the library refuses the case: $.area: expected one of 'rural', 'urban', got 'countryside'",
    "an unknown family": "UnknownFamily: unknown ruleset family 'ntm.comune' (did you mean 'ntm.commune'",
    "no rules in force": "NoRulesetInForce: no 'poverty.household' ruleset on 1990-01-01",
    "no expectation": "no expect = ",
    "a date that is text": "on must be a date (on = 2024-01-01), got '2024-01-01'",
    "a float observation": "observation 1's value must be a number written as a string",
    "an unknown programme": "the library refuses the case: ",
    "a household that is text": "[case.household] must be a table of the Household's fields",
}

GOOD = """
[[case]]
name = "at the line with 3 deprivations is poor"
on = 2024-01-01
cite = "07/2021/NĐ-CP, Điều 3.1.a"
expect = "poor"
[case.household]
area = "rural"
monthly_income_per_capita = 1500000
deprivation_count = 3

[[case]]
name = "a wrong expectation"
on = 2024-01-01
cite = "07/2021/NĐ-CP, Điều 3.1.b"
expect = "poor"
[case.household]
area = "rural"
monthly_income_per_capita = 1500000
deprivation_count = 2
"""


def test_bad_input_fails_in_one_line_per_case_under_pytest(pytester: pytest.Pytester) -> None:
    pytester.makefile(".golden.toml", bad=BAD)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=len(WHY))
    out = result.stdout.str()
    failures = out.split("= FAILURES =")[1].split("short test summary")[0]
    assert "Traceback" not in failures and "site-packages" not in failures and ".py:" not in failures
    # each failure: a "___ golden: NAME ___" header and exactly one line of report
    sections = re.split(r"\n_+ golden: .+ _+\n", failures)[1:]
    assert len(sections) == len(WHY)
    for section in sections:
        assert len(section.strip("=\n ").splitlines()) == 1, section
    for name, why in WHY.items():
        assert f"golden case {name!r} in bad.golden.toml: " in out
        assert why in out, why


def test_a_file_that_is_not_toml_is_one_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".golden.toml", broken="[[case]\nname = 'x'")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*broken.golden.toml: not valid TOML: *"])
    assert "Traceback" not in result.stdout.str()


def test_the_command_runs_files_without_pytest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.golden.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.golden.toml").write_text(BAD, encoding="utf-8")
    assert main(["test", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"1 passed, {len(WHY) + 1} failed"
    assert len(lines) == len(WHY) + 2  # one line per failure and the summary, nothing else
    assert lines[0].startswith(f"FAIL {tmp_path / 'good.golden.toml'}: 'a wrong expectation': expected poor, got "
                               "near_poor under 07/2021/NĐ-CP")
    for name, why in WHY.items():
        assert any(f"'{name}': " in line and why in line for line in lines), name


#: the folders of subject and target cases (tests/golden/review holds review-form cases, run by tests/test_review.py)
KINDS = ["poverty", "ntm", "ethnic", "poverty-areas", "targets"]


def test_the_command_passes_on_the_package_golden_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", *(str(GOLDEN / k) for k in KINDS)]) == 0
    out = capsys.readouterr().out.strip()
    count = sum(len(golden.load_cases(p)) for k in KINDS for p in (GOLDEN / k).rglob("*.golden.toml"))
    assert out == f"{count} passed, 0 failed"
    assert count > 150


def test_the_command_lists_every_case_with_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.golden.toml").write_text(GOOD, encoding="utf-8")
    assert main(["test", "-v", str(tmp_path / "good.golden.toml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"ok {tmp_path / 'good.golden.toml'}: 'at the line with 3 deprivations is poor'"
    assert out[-1] == "1 passed, 1 failed"


def test_the_command_with_nothing_to_run_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path)]) == 2
    assert "no *.golden.toml file in" in capsys.readouterr().err
    assert main(["test"]) == 2
    assert "name golden files or folders" in capsys.readouterr().err


def test_a_missing_file_is_a_failure_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path / "nope.golden.toml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"FAIL {tmp_path / 'nope.golden.toml'}: '(file)': cannot read it: No such file or directory",
                   "0 passed, 1 failed"]


def test_the_format_ships_with_the_package_and_documents_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "--show-format"]) == 0
    text = capsys.readouterr().out
    assert text == golden.format_text() and text.startswith("# Golden files")
    keys = (golden._SUBJECT_KEYS | golden._TARGET_KEYS | set(golden._PARTS.values())
            | {f"[case.{k}]" for k in golden._SUBJECTS})
    for key in keys:
        assert f"`{key}`" in text, key


def test_the_testing_module_keeps_its_names() -> None:
    from ntp_criteria.testing import golden as testing_golden

    assert testing_golden.check_case is golden.check_case
    assert testing_golden.GoldenCaseError is golden.GoldenCaseError
