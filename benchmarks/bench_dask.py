"""Benchmark: a distributed run. Every household of a partitioned Parquet dataset (10 M synthetic households with
their members by default, written to a temporary folder) assessed from raw facts with Dask DataFrame through
the columnar path (``map_partitions``; docs/examples/dask_classify.py is the code measured), on one process,
then on a local cluster of 1 and of 2 worker processes. Prints the time per million households and checks that
each cluster's rate sums equal the single process's exactly. Workers are warmed up (library imported, rules
loaded) before the timed run; the warm-up is printed apart. Asserts nothing about time.

    python benchmarks/bench_dask.py [--n 10000000] [--partitions 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import runpy
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

EXAMPLE = runpy.run_path(str(Path(__file__).resolve().parent.parent / "docs" / "examples" / "dask_classify.py"))


def _warm() -> str:
    import datetime as dt

    import ntp_criteria as ntp
    from ntp_criteria.io import frames  # noqa: F401 - imported once per worker, outside the timing

    return ntp.ruleset("poverty.household", on=dt.date(2024, 6, 1)).instrument.number


def on_cluster(root: Path, workers: int, repeat: int) -> tuple[list[float], float, Any]:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        t0 = time.perf_counter()
        client.run(_warm)
        warm = time.perf_counter() - t0
        times, sums = [], None
        for _ in range(repeat):
            t0 = time.perf_counter()
            sums = EXAMPLE["assess_dataset"](root, client)
            times.append(time.perf_counter() - t0)
    return times, warm, sums


def report(name: str, n: int, times: list[float]) -> None:
    med = statistics.median(times)
    print(f"{name:<34} {n:>12,} households  min {min(times):7.1f} s  median {med:7.1f} s  "
          f"{med * 1e6 / n:6.2f} s per million  ({len(times)} runs)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--partitions", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write (or reuse) the dataset here instead of a temporary folder")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="ntp-dask-"))
    try:
        if not (root / "households").exists():
            t0 = time.perf_counter()
            EXAMPLE["write_dataset"](root, args.n, args.partitions)
            print(f"dataset written in {time.perf_counter() - t0:.0f} s (not timed below): {root}")
        files = sorted((root / "households").glob("*.parquet"))
        size = sum(f.stat().st_size for f in root.rglob("*.parquet")) / 2**20
        print(f"{args.n:,} households in {len(files)} partitions, {size:,.0f} MiB of Parquet\n")

        _warm()
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            single = EXAMPLE["assess_in_one_process"](root)
            times.append(time.perf_counter() - t0)
        report("one process, no Dask", args.n, times)
        for workers in (1, 2):
            times, warm, sums = on_cluster(root, workers, args.repeat)
            report(f"Dask local cluster, {workers} worker{'s' if workers > 1 else ''}", args.n, times)
            print(f"    workers warmed up in {warm:.1f} s; rate sums equal to the single process: {sums == single}")
        rates = single.rates()
        print(f"\npoor {rates.poor_pct:.3f} %, near-poor {rates.near_poor_pct:.3f} %, undecided {rates.undecided:,}, "
              f"M0 {rates.alkire_foster.m0:.5f}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
