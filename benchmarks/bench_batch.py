"""Benchmark: the batch command on a large household CSV, streamed row by row (issue #13's target: 1 M rows in
well under a minute and under 300 MB resident).

    python benchmarks/bench_batch.py [--n 1000000]

Writes a CSV of ``--n`` synthetic households (income around the lines, a deprivation count or a list of flags,
about 1 in 1,000 rows bad) to a temporary folder, runs ``python -m ntp_criteria assess`` on it as a separate
process, and prints the wall-clock time, the rows per second and the peak resident memory of that process
(``getrusage`` of the child). It asserts nothing about time.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLAGS = ("employment", "health_insurance", "water", "latrine", "telecom", "floor_area")


def write_csv(path: Path, n: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived,not_deprived\n")
        for i in range(n):
            area = "rural" if rnd.random() < 0.7 else "urban"
            income = rnd.randrange(500_000, 4_000_000, 10_000)
            if i % 1000 == 999:
                f.write(f"H{i},countryside,2024-05-01,{income},1,,\n")  # a bad row, reported and marked
            elif rnd.random() < 0.5:
                f.write(f"H{i},{area},2024-05-01,{income},{rnd.randrange(0, 7)},,\n")
            else:
                deprived = ";".join(rnd.sample(FLAGS, rnd.randrange(0, 5)))
                f.write(f"H{i},{area},2024-05-01,{income},,{deprived},\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "households.csv", Path(tmp) / "results.csv"
        write_csv(src, args.n)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "ntp_criteria", "assess", str(src), "--out", str(out)],
                              capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
        rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        bad = done.stderr.count("\n")
        print(f"{args.n:,} households in {src.stat().st_size / 2**20:.0f} MiB of CSV: exit {done.returncode}, "
              f"{rows:,} result rows ({bad:,} bad-row lines on stderr)")
        print(f"wall {wall:.1f} s ({args.n / wall:,.0f} rows/s), peak resident {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
