"""A distributed run in miniature: Dask DataFrame over a partitioned Parquet dataset, every partition through the
columnar path, the exact sums of the partitions equal to one process's (docs/examples/dask_classify.py; the
10 M-household run with worker processes is benchmarks/bench_dask.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("pyarrow")

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "dask_classify.py"


def test_a_dask_dataframe_run_equals_one_process(tmp_path: Path) -> None:
    module = runpy.run_path(str(EXAMPLE))
    module["write_dataset"](tmp_path, 4_000, 4)
    with dask.config.set(scheduler="synchronous"):
        distributed = module["assess_dataset"](tmp_path)
    single = module["assess_in_one_process"](tmp_path)
    assert distributed == single
    assert distributed.rates() == single.rates()
    assert distributed.households == 4_000 and distributed.poor > 0
