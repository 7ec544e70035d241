"""The batch command streams, reports each bad row with its number and path, and never prints a traceback.

Exit codes: 0 every row assessed, 1 some rows could not be (reported on standard error, marked in the
output), 2 the command or its input as a whole cannot be used.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ntp_criteria.io.cli import main

GOOD_ROW = "A,rural,2024-05-01,1500000,3,,"
HEADER = "id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived,not_deprived"


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, *args: str,
         name: str = "in.csv") -> tuple[int, str, str]:
    src = tmp_path / name
    if isinstance(content, bytes):
        src.write_bytes(content)
    else:
        src.write_text(content, encoding="utf-8")
    code = main(["assess", str(src), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_one_bad_row_is_reported_and_the_others_are_assessed(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = "\n".join([HEADER, GOOD_ROW, "B,rural,2024-05-01,1E+1000000,0,,", "C,mars,2024-05-01,1,0,,",
                      GOOD_ROW.replace("A,", "D,"), ""])
    code, out, err = _run(tmp_path, capsys, text)
    assert code == 1
    assert "row 2: $[1].monthly_income_per_capita" in err and "row 3: $[2].area" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["row"], r["outcome"], bool(r["error"])) for r in rows] == [
        ("1", "poor", False), ("2", "", True), ("3", "", True), ("4", "poor", False)]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, capsys, ("\ufeff" + HEADER + "\n" + GOOD_ROW + "\n").encode("utf-8"))
    assert code == 0 and "poor" in out


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"id,area\n\xff\xfe,rural\n", "in.csv", "not UTF-8"),
    ("[" * 100_000 + "]" * 100_000, "in.json", "nested too deeply"),
    (HEADER.replace("deprived,", "monthly_income_per_capita,deprived,") + "\n", "in.csv", "column given twice"),
    ('[{"area": "rural", "area": "urban", "reference_date": "2024-01-01"}]', "in.json", "key given twice"),
    ('[{"area": "rural", "reference_date": "2024-01-01", "monthly_income_per_capita": NaN}]', "in.json",
     "NaN is not a number"),
])
def test_input_that_cannot_be_read_as_a_whole_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      content: str | bytes, name: str, message: str) -> None:
    code, _, err = _run(tmp_path, capsys, content, name=name)
    assert code == 2 and message in err


def test_an_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(tmp_path, capsys, HEADER + "\n" + GOOD_ROW + "\n", "--out", str(tmp_path / "no" / "x.csv"))
    assert code == 2 and "cannot write" in err


def test_json_lines_stream_and_a_repeated_key_is_a_bad_row(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['{"area": "rural", "reference_date": "2024-01-01", "monthly_income_per_capita": 1, '
             '"deprivation_count": 3}',
             '{"area": "rural", "area": "urban", "reference_date": "2024-01-01"}']
    code, out, err = _run(tmp_path, capsys, "\n".join(lines) + "\n", name="in.jsonl")
    assert code == 1 and "row 2:" in err and "key given twice" in err
    records = json.loads(out)["data"]
    assert [r["outcome"] for r in records] == ["poor", None]


def test_a_nan_fact_is_a_bad_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "name,reference_date,region,fact:poverty_rate\nX,2023-06-01,tn,NaN\nY,2023-06-01,tn,12\n"
    code, _, err = _run(tmp_path, capsys, text, "--kind", "commune", "--family", "ethnic.commune")
    assert code == 1 and "row 1: $[0].facts.poverty_rate" in err


def test_bare_observations_count_for_the_family_the_batch_assesses(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = "name,reference_date,region,obs:2.1\nX,2023-06-01,tn,false\n"
    code, out, _ = _run(tmp_path, capsys, text, "--kind", "commune", "--family", "ethnic.commune")
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["outcome"] == "not_in_area"


def test_strict_inputs_make_an_unused_input_a_bad_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "name,reference_date,region,fact:povrty_rate\nX,2023-06-01,tn,5\n"
    code, out, _ = _run(tmp_path, capsys, text, "--kind", "commune", "--family", "ethnic.commune")
    assert code == 0 and "$.facts['povrty_rate']" in out
    code, _, err = _run(tmp_path, capsys, text, "--kind", "commune", "--family", "ethnic.commune",
                        "--strict-inputs")
    assert code == 1 and "did you mean 'poverty_rate'" in err
