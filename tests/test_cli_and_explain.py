"""The command line and the explanations a commune officer reads."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import ntp_criteria as ntp
from ntp_criteria.io.cli import main
from ntp_criteria.io.explain import format_number


def test_demo_prints_explained_results(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "Hộ nghèo" in out and "1.450.000 ≤ 1.500.000" in out and "07/2021/NĐ-CP" in out
    assert "Chưa xác định được" in out  # the 2027 household above the line
    assert main(["demo"]) == 0
    assert "Poor household" in capsys.readouterr().out


def test_rulesets_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rulesets"]) == 0
    out = capsys.readouterr().out
    assert "59/2015/QĐ-TTg" in out and "(amended by 30/2025/NĐ-CP)" in out
    assert main(["show", "poverty.household", "--on", "2024-01-01"]) == 0
    out = capsys.readouterr().out
    assert "<= 1,500,000 VND/person/month [area=rural]" in out and "[verified]" in out


def test_cli_errors_exit_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "poverty.household", "--on", "2015-01-01"]) == 2
    assert "NoRulesetInForce" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["show", "poverty.household", "--on", "yesterday"])
    assert exc.value.code == 2


def test_python_dash_m_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "ntp_criteria", "rulesets"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and "poverty.household" in done.stdout


@pytest.mark.parametrize(("value", "vi", "en"), [
    (1_450_000, "1.450.000", "1,450,000"),
    (__import__("decimal").Decimal("7.5"), "7,5", "7.5"),
    (__import__("decimal").Decimal("33.333333"), "33,33", "33.33"),
])
def test_number_format(value: object, vi: str, en: str) -> None:
    assert format_number(value, "vi") == vi  # type: ignore[arg-type]
    assert format_number(value, "en") == en  # type: ignore[arg-type]


def test_explanation_names_numbers_sources_and_missing_facts() -> None:
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1),
                       monthly_income_per_capita=1_450_000, deprived={"water", "latrine", "telecom", "employment"})
    vi = ntp.assess(hh).explain("vi")
    assert vi.splitlines()[0].startswith("Hộ nghèo — Chuẩn nghèo đa chiều giai đoạn 2022 - 2025")
    assert "1.450.000 ≤ 1.500.000 đồng/người/tháng (khu vực nông thôn)" in vi
    assert "4/12 chỉ số ≥ 3" in vi
    assert "thiếu dữ liệu" in vi  # the unrecorded indicators are shown as missing
    en = ntp.assess(hh).explain("en")
    assert "Poor household" in en and "as recorded" in en
    with pytest.raises(ValueError, match="lang"):
        ntp.assess(hh).explain("fr")


def test_a_line_states_the_true_relation() -> None:
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=1_600_000,
                       deprivation_count=2)
    vi = ntp.assess(hh).explain("vi")
    assert "✘ Thu nhập bình quân đầu người/tháng: 1.600.000 > 1.500.000" in vi
    assert "2/12 chỉ số < 3" in vi
