"""Text the library accepts can be written back: a lone surrogate (which JSON can spell as "\\ud800") is refused
where it enters, with its path, instead of breaking the output that later repeats it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ntp_criteria as ntp


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
