"""Text the library accepts can be written back: a lone surrogate (which JSON can spell as "\\ud800") is refused
where it enters, with its path, instead of breaking the output that later repeats it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import ntp_criteria as ntp
from ntp_criteria.core.dates import parse_day


def test_a_lone_surrogate_is_refused_with_its_path() -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.id: expected text, got .*not valid Unicode"):
        ntp.Household(area="rural", reference_date=dt.date(2024, 1, 1), id="\ud800")
    with pytest.raises(ntp.InputError, match=r"\$\.deprived"):
        ntp.Household(area="rural", reference_date=dt.date(2024, 1, 1), deprived={"wa\udcfeter"})


def test_the_batch_command_reports_the_row_instead_of_a_traceback(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"area": "rural", "reference_date": "2024-11-15", "id": "\\ud800"}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ntp_criteria", "assess", str(rows), "--format", "jsonl"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert json.loads(done.stdout)["data"][0]["error"][0]["path"] == "$[0].id"


# --- numbers and dates are written with the digits 0-9 ----------------------------------------------------------
# Decimal() reads "1_000" and "١٢٣" (Arabic-Indic digits), int() and \d read other scripts' digits: a typo or a
# foreign digit set would become an amount or a day silently


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "１２３", "Infinity", "-nan", "0x10", "1,5", ""])
def test_an_amount_in_text_is_read_only_from_the_digits_0_to_9(text: str) -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.monthly_income_per_capita: expected a"):
        ntp.Household.from_dict({"area": "rural", "reference_date": "2024-06-01", "monthly_income_per_capita": text})


@pytest.mark.parametrize(("text", "value"), [("1500000", 1_500_000), (" 12.50 ", "12.50"), ("1e5", "1E+5"),
                                             ("+7", 7), (".5", "0.5")])
def test_an_amount_in_text_written_with_0_to_9_is_read_exactly(text: str, value: object) -> None:
    hh = ntp.Household.from_dict({"area": "rural", "reference_date": "2024-06-01", "monthly_income_per_capita": text})
    assert hh.monthly_income_per_capita == ntp.Household(area="rural", reference_date=dt.date(2024, 6, 1),
                                                         monthly_income_per_capita=Decimal(str(value))
                                                         ).monthly_income_per_capita


@pytest.mark.parametrize("text", ["١٥/١١/٢٠٢٤", "٢٠٢٤-١١-١٥", "ngày ١٥ tháng ١١ năm ٢٠٢٤"])
def test_a_day_is_read_only_from_the_digits_0_to_9(text: str) -> None:
    with pytest.raises(ValueError, match="day"):
        parse_day(text)


@pytest.mark.parametrize(("income", "count"), [("1_000", "2"), ("١٢٣", "2"), ("100000", "٣")])
def test_the_batch_command_refuses_other_digits_in_a_csv_cell_with_its_row_and_column(tmp_path: Path, income: str,
                                                                                     count: str) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("area,reference_date,monthly_income_per_capita,deprivation_count\n"
                    f"rural,15/11/2024,{income},{count}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ntp_criteria", "assess", str(rows), "--output-format", "json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    column = "monthly_income_per_capita" if income != "100000" else "deprivation_count"
    assert json.loads(done.stdout)["data"][0]["error"][0]["path"] == f"$[0].{column}"


# --- a subject, member or dwelling is an object of fields: anything else says so, not Python's words -------------


@pytest.mark.parametrize(("data", "path", "kind"), [
    ([1], "$", "Household"), ("x", "$", "Household"), (5, "$", "Household"),
    ({"area": "rural", "reference_date": "2024-06-01", "members": [[1]]}, "$.members[0]", "Member"),
    ({"area": "rural", "reference_date": "2024-06-01", "dwelling": 5}, "$.dwelling", "Dwelling"),
])
def test_what_is_not_an_object_of_fields_is_refused_as_such(data: object, path: str, kind: str) -> None:
    with pytest.raises(ntp.InputError) as refused:
        ntp.Household.from_dict(data)
    assert [(p.path, p.message.split(", got")[0]) for p in refused.value.problems] == [
        (path, f"expected an object of {kind} fields")]


def test_a_json_lines_row_that_is_not_an_object_is_refused_with_its_row(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('[1]\n"x"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ntp_criteria", "assess", str(rows)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1 and "has no attribute" not in done.stderr
    assert "row 1: $[0]: expected an object of Household fields, got [1]" in done.stderr


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "NaN", "Infinity", "x"])
def test_a_units_fact_in_text_is_read_only_from_the_digits_0_to_9(text: str) -> None:
    from ntp_criteria.core._convert import structure

    with pytest.raises(ntp.InputError, match=r"\$\.facts\.poverty_rate: expected a number in a string"):
        structure({"name": "Xã A", "reference_date": "2024-06-01", "facts": {"poverty_rate": text}}, ntp.Commune)


# --- a value listed twice where a set is expected is named, not dropped ----------------------------------------


@pytest.mark.parametrize("given", [["water", "water"], ["water", "latrine", "water"]])
def test_a_code_listed_twice_is_refused_with_its_place(given: list[str]) -> None:
    with pytest.raises(ntp.InputError) as refused:
        ntp.Household.from_dict({"area": "rural", "reference_date": "2024-06-01", "deprived": given})
    assert [(p.path, p.message) for p in refused.value.problems] == [
        (f"$.deprived[{len(given) - 1}]", "'water' listed twice")]
    with pytest.raises(ntp.InputError, match=r"\$\.deprived\[1\]: 'water' listed twice"):
        ntp.Household(area="rural", reference_date=dt.date(2024, 6, 1), deprived=["water", "water"])


def test_a_batch_rows_problems_are_rooted_at_the_row_whether_found_reading_or_assessing_it(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("area,reference_date,monthly_income_per_capita,deprived\n"
                    "rural,15/11/2024,100000,water;water\nrural,15/11/2024,100000,watr\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ntp_criteria", "assess", str(rows)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [  # the first found reading the row, the second assessing it
        "ntp-criteria: row 1: $[0].deprived[1]: 'water' listed twice",
        "ntp-criteria: row 2: $[1].deprived['watr']: unknown indicator code 'watr' (did you mean 'water'?)"]
