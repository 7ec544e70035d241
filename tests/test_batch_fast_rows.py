"""The batch command's quick path for household CSV rows gives, byte for byte, what the engine gives row by row.

``BatchAssessor.summaries`` reads a household CSV row from its cells and reuses the record of an earlier row with
the same cells but id and income (the income on the same side of every line), without building a ``Household``.
Each test runs the command twice on the same file: as it is, and with the quick path and every remembered record
taken away (each row read by ``read_subjects`` and assessed by the engine on its own, as the command did before),
and compares standard output, standard error and the exit code, for every output format and option that changes
what is written. The rows mix good ones, missing cells and bad cells of every column.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO
from unittest import mock

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.io.batch import CSV_COLUMNS, BatchAssessor, Row, read_subjects, summary
from ntp_criteria.io.cli import main
from ntp_criteria.testing import strategies as nst

CODES = sorted(ntp.default_catalogue().codes_of_subject("household") - {"deprivation"})
#: the options that change what is written (JSON or CSV out, Vietnamese, strict numbers, unused inputs refused,
#: a family whose rules read no household)
OPTIONS = [(), ("--output-format", "json"), ("--lang", "vi"), ("--output-format", "json", "--lang", "vi"),
           ("--strict",), ("--strict-inputs",), ("--output-format", "json", "--full"), ("--family", "ntm.commune")]
BAD_INCOMES = ["-5", "abc", "1500000.5", "1e3", "1E+1000000", "NaN", "²", "٣", "1_000", "12345678901234567890",
               "999999999999999", "1000000000000000", "007", " 1200000 ", "0.0", "+5"]
BAD_DATES = ["2024-13-01", "31/02/2024", "2010-01-01", "2099-01-01", "yesterday", "05/01/2024 "]
BAD_COUNTS = ["-1", "x", "²", "3.0", " 3 ", "99"]


def _engine_rows(self: BatchAssessor, stream: TextIO, fmt: str, kind: str = "household") -> Iterator[Row]:
    """The rows as ``read_subjects`` reads them, none assessed: the command assesses each one itself."""
    return read_subjects(stream, fmt, kind, family=self.family)


def _engine_summary(self: BatchAssessor, subject: Any, row: int | None = None) -> dict[str, Any]:
    """The engine's record of one subject, nothing remembered from another row."""
    return summary(self.assess(subject), row)


def _command(path: Path, options: tuple[str, ...], *, engine: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        if engine:
            stack.enter_context(mock.patch.object(BatchAssessor, "summaries", _engine_rows))
            stack.enter_context(mock.patch.object(BatchAssessor, "summary", _engine_summary))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        code = main(["assess", str(path), "--format", "csv", *options])
    return code, out.getvalue(), err.getvalue()


def _same_as_the_engine(text: str, options: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "households.csv"
        path.write_text(text, encoding="utf-8", newline="")
        quick = _command(path, options, engine=False)
        engine = _command(path, options, engine=True)
    assert quick[0] == engine[0]
    assert quick[2] == engine[2]  # every bad row reported with its row number and column path
    assert quick[1] == engine[1]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _flags(rnd: random.Random) -> str:
    codes = rnd.sample([*CODES, "no_such_code"], rnd.randrange(0, 4))
    return rnd.choice([";", "; ", " ;"]).join(codes)


def _mixed_rows(seed: int, count: int) -> list[list[str]]:
    """Rows from a few shapes (area, date, flags, count) and many incomes, with one bad or missing cell here and
    there: most rows repeat an earlier row's shape, as a national list does."""
    rnd = random.Random(seed)
    dates = ["2024-05-01", "01/05/2024", "2021-06-01", "2016-03-01", "2025-12-31", "2026-02-01", "2030-06-30"]
    shapes = [[rnd.choice(["rural", "urban"]), rnd.choice(dates),
               rnd.choice(["", "", "0", "2", "3", "6"]), _flags(rnd) if rnd.random() < 0.5 else "",
               _flags(rnd) if rnd.random() < 0.2 else ""] for _ in range(12)]
    rows = []
    for i in range(count):
        area, day, count_, deprived, not_deprived = rnd.choice(shapes)
        income = str(rnd.choice([rnd.randrange(0, 5_000_000), 1_500_000, 1_500_001, 2_000_000, 1_000_000]))
        ident = rnd.choice([f"H{i}", "", f'a,"b{i}', f" x{i} "])
        which = rnd.random()
        if which < 0.05:
            income = rnd.choice([*BAD_INCOMES, ""])
        elif which < 0.08:
            area = rnd.choice(["countryside", "", " urban", "Rural"])
        elif which < 0.11:
            day = rnd.choice([*BAD_DATES, ""])
        elif which < 0.14:
            count_ = rnd.choice(BAD_COUNTS)
        row = [ident, area, day, income, count_, deprived, not_deprived]
        if which > 0.995:
            row = row[:4]  # fewer cells than columns: the rest not recorded
        elif which > 0.99:
            row = [*row, "one too many"]
        rows.append(row)
    return rows


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: " ".join(o) or "csv")
def test_a_mixed_batch_gives_what_the_engine_gives(options: tuple[str, ...]) -> None:
    _same_as_the_engine(_csv(list(CSV_COLUMNS), _mixed_rows(17, 1500)), options)


def test_columns_in_another_order_and_some_absent() -> None:
    header = ["deprived", "reference_date", "id", "area", "monthly_income_per_capita"]
    rows = [[r[k] for k in (5, 2, 0, 1, 3) if k < len(r)] for r in _mixed_rows(3, 600)]
    _same_as_the_engine(_csv(header, rows) + "\n\n", ())
    _same_as_the_engine(_csv(["area", "reference_date", "deprivation_count"],
                             [[r[k] for k in (1, 2, 4) if k < len(r)] for r in _mixed_rows(4, 300)]),
                        ("--output-format", "json"))


@st.composite
def household_rows(draw: st.DrawFn) -> list[list[str]]:
    """A few rows, often sharing their area, date, flags and count, with incomes near the lines or anything."""
    day = draw(nst.dates_in_force())
    shown_day = st.sampled_from([day.isoformat(), day.strftime("%d/%m/%Y")]) | st.sampled_from([*BAD_DATES, ""])
    area = st.sampled_from(["rural", "urban"]) | st.sampled_from(["", "countryside", " rural"])
    income = nst.incomes().map(str) | st.sampled_from(["", *BAD_INCOMES]) | st.decimals(
        min_value=0, max_value=10_000_000, places=2).map(str)
    count = st.sampled_from(["", "0", "1", "3", "5", "12"]) | st.sampled_from(BAD_COUNTS)
    flags = st.lists(st.sampled_from([*CODES, "no_such_code"]), max_size=4, unique=True).map(";".join)
    shapes = draw(st.lists(st.tuples(area, shown_day, count, flags, flags), min_size=1, max_size=3))
    rows = []
    for i in range(draw(st.integers(min_value=1, max_value=12))):
        a, d, c, deprived, not_deprived = draw(st.sampled_from(shapes))
        rows.append([draw(st.sampled_from([f"H{i}", "", "a,b"])), a, d, draw(income), c, deprived, not_deprived])
    return rows


@settings(max_examples=40, deadline=None)
@given(household_rows(), st.sampled_from(OPTIONS))
def test_generated_rows_give_what_the_engine_gives(rows: list[list[str]], options: tuple[str, ...]) -> None:
    _same_as_the_engine(_csv(list(CSV_COLUMNS), rows), options)


def test_a_digit_int_cannot_read_is_a_bad_cell_not_a_traceback() -> None:
    text = _csv(list(CSV_COLUMNS), [["A", "rural", "2024-05-01", "²", "", "", ""],
                                    ["B", "rural", "2024-05-01", "1", "²", "", ""]])
    code, out, err = _command_on(text)
    assert code == 1 and "Traceback" not in err
    assert "row 1: $[0].monthly_income_per_capita: expected a decimal number, got '²'" in err
    assert "row 2: $[1].deprivation_count" in err and out.count("\n") == 3


def _command_on(text: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "households.csv"
        path.write_text(text, encoding="utf-8", newline="")
        return _command(path, (), engine=False)
