"""Benchmark: the batch command streaming a large CSV in and results out, for households and for communes
(issue #17's targets: 1 M rows in under 60 s, resident memory under 300 MB whatever the input size).

    python benchmarks/bench_batch.py [--sizes 100000,1000000,5000000] [--kind household] [--repeat 1]
                                     [--peer-rows 50000]
    python benchmarks/bench_batch.py --kind commune --sizes 100000,1000000

For each size, a CSV of that many synthetic rows is written to a temporary folder first (outside the timed
region), then ``python -m ntp_criteria assess FILE --out results.csv`` runs on it as a separate process, and the
benchmark prints that process's wall-clock time (min and median of ``--repeat`` runs), its rows per second, its
CPU time (user + system, the least of the runs: what the run cost, less disturbed than wall-clock time by other
work on a shared machine) and its own peak resident memory (``os.wait4``: the child alone, interpreter, rules and
buffers included). It checks the output has a result row per input row. It asserts nothing about time.

The peers, measured in the same run on the first ``--peer-rows`` rows of the same input (household kind), each a
child process writing the same CSV results: ``objects``, the command as it was before household rows were read
from their cells (``read_subjects`` builds a ``Household`` per row, ``BatchAssessor.summary`` reuses the record
of an equal outcome key), and ``engine``, every row assessed on its own (``ntp.assess``, nothing remembered). The
command's figure for the same rows and the ratios of CPU time per row follow, each net of the process's start
(the interpreter and the rules: the command on a file of no rows, measured in the same run).

* ``household``: income around the lines, a deprivation count or a list of flags, about 1 in 1,000 rows bad
  (reported on stderr and written with its error).
* ``commune``: the NTM commune set in force (QĐ 318 as encoded, on 2024-06-01), each criterion recorded as a
  whole or indicator by indicator (``obs:<code>`` and ``fact:<name>`` columns, as ``bench_communes.py``'s full
  shape), a region, about 1 in 10 particularly difficult; every row is different, so nothing is shared between
  rows. A flat peak resident memory from 100 k to 1 M communes is what streaming means.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _measure import run_child

FLAGS = ("employment", "health_insurance", "water", "latrine", "telecom", "floor_area")
ON = dt.date(2024, 6, 1)


def write_households(path: Path, n: int, seed: int = 1) -> None:
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


def write_communes(path: Path, n: int, seed: int = 318) -> None:
    """``n`` communes as CSV rows for ``assess --kind commune`` (the columns the rules data name)."""
    import ntp_criteria as ntp

    rs = ntp.ruleset("ntm.commune", ON)
    rnd = random.Random(seed)
    regions = [r.value for r in ntp.Region]
    plan: list[tuple[str, list[tuple[str, Decimal | None]]]] = []  # criterion, then (column, top threshold)
    columns: list[str] = []
    for c in rs.criteria:
        parts = []
        for ind in c.indicators:
            decidable = not (ind.measure is not None and (not ind.measure.startswith("fact:") or not ind.thresholds))
            if not decidable:
                parts = []
                break
            column = ind.measure if ind.measure is not None else f"obs:{ind.code}"
            top = max((t.value for t in ind.thresholds), default=None)
            parts.append((column, top))
        plan.append((c.code, parts))
        columns += [f"obs:{c.code}", *(col for col, _ in parts if col not in columns)]
    columns = list(dict.fromkeys(columns))
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["name", "reference_date", "region", "flags", *columns])
        for i in range(n):
            cells: dict[str, str] = {}
            for code, parts in plan:
                if not parts or rnd.random() < 0.25:
                    cells[f"obs:{code}"] = "true" if rnd.random() < 0.9 else "false"
                    continue
                for column, top in parts:
                    if top is None:
                        cells[column] = "true" if rnd.random() < 0.95 else "false"
                    else:
                        cells[column] = str((top * Decimal(rnd.uniform(0.85, 1.2))).quantize(Decimal("0.1")))
            flags = "particularly_difficult" if rnd.random() < 0.1 else ""
            out.writerow([f"X{i}", ON.isoformat(), rnd.choice(regions), flags, *(cells.get(c, "") for c in columns)])


def peer_child(mode: str, src: str, out: str) -> None:
    """A peer's loop over a household CSV (``objects`` or ``engine``, see the module's docstring)."""
    from ntp_criteria.core.errors import CriteriaError
    from ntp_criteria.io.batch import BatchAssessor, ResultWriter, read_subjects, summary

    batch = BatchAssessor()
    with open(src, encoding="utf-8-sig", newline="") as f, open(out, "w", encoding="utf-8", newline="") as o:
        writer = ResultWriter(o, "csv")
        for row in read_subjects(f, "csv", "household"):
            if row.error is not None:
                writer.write_error(row.number, row.error)
                continue
            try:
                rec = (batch.summary(row.subject, row.number) if mode == "objects"
                       else summary(batch.assess(row.subject), row.number))
            except CriteriaError as exc:
                writer.write_error(row.number, f"{type(exc).__name__}: {exc}")
                continue
            writer.write_summary(rec)
        writer.close()


def peers(n: int, repeat: int) -> None:
    """The command and its peers on the same ``n`` household rows: CPU seconds and the ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out, empty = Path(tmp) / "households.csv", Path(tmp) / "results.csv", Path(tmp) / "none.csv"
        write_households(src, n)
        write_households(empty, 0)
        start = min(run_child([sys.executable, "-m", "ntp_criteria", "assess", str(empty), "--out", str(out)]
                              ).cpu_seconds for _ in range(repeat))
        print(f"\npeers on the same {n:,} household rows (CPU s, least of {repeat} run(s); net of the {start:.2f} s "
              "a process takes to start and load the rules)")
        commands = {
            "assess command (cells)": [sys.executable, "-m", "ntp_criteria", "assess", str(src), "--out", str(out)],
            "objects (before)": [sys.executable, __file__, "--peer", "objects", str(src), str(out)],
            "engine, row by row": [sys.executable, __file__, "--peer", "engine", str(src), str(out)],
        }
        cpu: dict[str, float] = {}
        outputs: dict[str, bytes] = {}
        for name, argv in commands.items():
            runs = [run_child(argv) for _ in range(repeat)]
            cpu[name] = max(min(r.cpu_seconds for r in runs) - start, 1e-9)
            outputs[name] = out.read_bytes()
            print(f"  {name:<24} {cpu[name]:>7.2f} s  {n / cpu[name]:>10,.0f} rows/CPU s  "
                  f"peak RSS {max(r.peak_rss_mib for r in runs):>5.0f} MiB")
        first = next(iter(cpu))
        for name in list(cpu)[1:]:
            print(f"  {name} / {first}: {cpu[name] / cpu[first]:.1f}x the CPU time")
        print(f"  the three outputs are byte for byte the same: {len(set(outputs.values())) == 1}")


def main() -> None:
    if sys.argv[1:2] == ["--peer"]:
        peer_child(*sys.argv[2:5])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000,5000000", help="row counts, comma-separated")
    ap.add_argument("--kind", choices=("household", "commune"), default="household")
    ap.add_argument("--repeat", type=int, default=1, help="runs of the command per size (min and median)")
    ap.add_argument("--peer-rows", type=int, default=50_000, help="household rows for the peers (0: none)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    write = write_households if args.kind == "household" else write_communes
    print(f"{'rows':>10} {'CSV MiB':>8} {'exit':>4} {'min s':>8} {'median s':>8} {'rows/s (min)':>13} "
          f"{'CPU s':>8} {'rows/CPU s':>11} {'peak RSS MiB':>12}   ({args.kind}, {args.repeat} run(s) per size)")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            src, out = Path(tmp) / f"{args.kind}s.csv", Path(tmp) / "results.csv"
            t0 = time.perf_counter()
            write(src, n)  # the input, written before anything is timed
            made = time.perf_counter() - t0
            runs = []
            for _ in range(args.repeat):
                with (Path(tmp) / "stderr.txt").open("w") as err:
                    runs.append(run_child([sys.executable, "-m", "ntp_criteria", "assess", str(src), "--kind",
                                           args.kind, "--out", str(out)], stderr=err))
            rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
            seconds = [r.seconds for r in runs]
            best = min(seconds)
            note = "" if rows == n else f"  <- {rows:,} result rows for {n:,} input rows"
            cpu = min(r.cpu_seconds for r in runs)
            print(f"{n:>10,} {src.stat().st_size / 2**20:>8.0f} {runs[-1].returncode:>4} {best:>8.1f} "
                  f"{statistics.median(seconds):>8.1f} {n / best:>13,.0f} {cpu:>8.1f} {n / cpu:>11,.0f} "
                  f"{max(r.peak_rss_mib for r in runs):>12.0f}   (input written in {made:.0f} s){note}")
    if args.kind == "household" and args.peer_rows:
        peers(args.peer_rows, args.repeat)


if __name__ == "__main__":
    main()
