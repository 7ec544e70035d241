"""Benchmark: what importing the package costs, and the first look-up of a ruleset, each in fresh processes.

    python benchmarks/bench_import.py [--runs 10]

Each line is the median (and min) wall-clock time of ``--runs`` fresh ``python -c …`` processes (one of each line
per round, so that a busy spell of a shared machine hits every line alike): ``python -c pass`` (the interpreter
alone), ``import ntp_criteria``, the first ``ntp.ruleset("poverty.household", …)`` (which loads only that family's
rules files), and the first ``ntp.default_catalogue()`` (every rules file, every check). The import target (issue
#17) is under 100 ms; the line ``import ntp_criteria`` prints the whole process and, beside it, the import's own
share (the process less ``python -c pass``), in wall-clock and in CPU time. Then ``python -X importtime`` says what
the import itself loads. It asserts nothing about time."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CASES = {
    "python -c pass": "pass",
    "import ntp_criteria": "import ntp_criteria",
    "first ntp.ruleset() (one family's files)":
        "import datetime as dt, ntp_criteria as ntp; ntp.ruleset('poverty.household', dt.date(2024, 1, 1))",
    "first ntp.default_catalogue() (every file)": "import ntp_criteria as ntp; ntp.default_catalogue()",
}


def fresh_run(code: str) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one fresh ``python -c code``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"python -c {code!r} failed")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10, help="fresh processes per line")
    args = ap.parse_args()
    fresh_run("import ntp_criteria as ntp; ntp.default_catalogue()")  # bytecode written once, not timed
    # round robin, one process of each case per round, so that a busy spell of the machine hits every line alike
    wall: dict[str, list[float]] = {name: [] for name in CASES}
    cpu: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):
        for name, code in CASES.items():
            w, c = fresh_run(code)
            wall[name].append(w)
            cpu[name].append(c)
    bare_wall, bare_cpu = statistics.median(wall["python -c pass"]), statistics.median(cpu["python -c pass"])
    print(f"{'':<44} {'wall: median':>12} {'min':>8} {'over pass':>10}   {'cpu: median':>11} {'over pass':>10}")
    for name, code in CASES.items():
        mw, mc = statistics.median(wall[name]), statistics.median(cpu[name])
        over_w = f"{1000 * (mw - bare_wall):+8.1f}ms" if code != "pass" else ""
        over_c = f"{1000 * (mc - bare_cpu):+8.1f}ms" if code != "pass" else ""
        print(f"{name:<44} {1000 * mw:10.1f}ms {1000 * min(wall[name]):6.1f}ms {over_w:>10}   {1000 * mc:9.1f}ms "
              f"{over_c:>10}")
    print(f"({args.runs} fresh processes per line; cpu: the process's user + system time, less disturbed by "
          "other work on the machine than wall-clock time)")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import ntp_criteria"], capture_output=True,
                         text=True, check=True).stderr.splitlines()
    ours = [line for line in out if "ntp_criteria" in line]
    print("python -X importtime -c 'import ntp_criteria' (self µs | cumulative µs | module):")
    for line in ours:
        print("   ", line.removeprefix("import time:").strip())


if __name__ == "__main__":
    main()
