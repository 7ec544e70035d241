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


def test_dask_example_partitions_sum_to_the_whole(tmp_path: Path) -> None:
    """The example's partition function, run without Dask over its small dataset: the partitions' exact sums add
    up to the rates of the whole dataset read as one frame (and the Dask run is tests/test_dask.py)."""
    from ntp_criteria.io.frames import poverty_rates_frame

    module = runpy.run_path(str(EXAMPLES / "dask_classify.py"))
    module["write_dataset"](tmp_path, 3_000, 3)
    sums = module["assess_in_one_process"](tmp_path)
    households = pd.concat([pd.read_parquet(p) for p in sorted((tmp_path / "households").glob("*.parquet"))])
    members = pd.concat([pd.read_parquet(p) for p in sorted((tmp_path / "members").glob("*.parquet"))])
    assert sums.rates() == poverty_rates_frame(households, members=members, method="columnar")
    assert sums.households == 3_000
