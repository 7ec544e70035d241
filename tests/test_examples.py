"""The documentation's example scripts run."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pandas as pd
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def test_two_standards_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plot.png"
    monkeypatch.setattr(sys, "argv", ["two_standards.py", "--out", str(out), "--n", "5000"])
    runpy.run_path(str(EXAMPLES / "two_standards.py"), run_name="__main__")
    assert out.stat().st_size > 1000
    assert "(NĐ 351/2025)" in capsys.readouterr().out


def test_dask_partition_function_without_dask() -> None:
    module = runpy.run_path(str(EXAMPLES / "dask_classify.py"))
    part = pd.DataFrame({"urban": [False, True], "income": [1_500_000, 3_100_000], "count": [3, 0]})
    assert list(module["classify_partition"](part)) == ["poor", "other"]
