"""Golden cases are data files (tests/golden/**/*.golden.toml) run by the library's pytest plugin."""

from __future__ import annotations

from pathlib import Path

import pytest

import ntp_criteria as ntp

GOLDEN = Path(__file__).parent / "golden"


def test_there_are_golden_cases_for_every_poverty_instrument() -> None:
    files = {p.name.removesuffix(".golden.toml") for p in (GOLDEN / "poverty").glob("*.golden.toml")}
    assert {rs.instrument.id for rs in ntp.rulesets("poverty.household")} <= files


def test_the_plugin_runs_cases_and_reports_a_failure_readably(pytester: pytest.Pytester) -> None:
    pytester.makefile(".golden.toml", cases="""
[[case]]
name = "at the line with 3 deprivations is poor"
on = 2024-01-01
cite = "07/2021/NĐ-CP, Điều 3.2.a"
expect = "poor"
[case.household]
area = "rural"
monthly_income_per_capita = 1500000
deprivation_count = 3

[[case]]
name = "a wrong expectation"
on = 2024-01-01
cite = "07/2021/NĐ-CP, Điều 3.2.b"
expect = "poor"
[case.household]
area = "rural"
monthly_income_per_capita = 1500000
deprivation_count = 2

[[case]]
name = "a misspelt key"
on = 2024-01-01
cite = "x"
expekt = "poor"
household = { area = "rural" }
""")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines([
        "*golden case 'a wrong expectation' in cases.golden.toml: expected poor, got near_poor under 07/2021/NĐ-CP*",
        "*unknown keys *expekt*",
    ])
