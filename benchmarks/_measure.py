"""How the benchmarks measure, in one place, so that every figure they print means the same thing.

* Time: the measured call is run ``repeat`` times; ``min`` and ``median`` of the wall-clock seconds are reported
  (min: the cost without interference; median: what a run typically takes on a shared machine). Its inputs are
  built before, outside the timed region, and its output is dropped before the next run starts.
* Memory of the measured phase: one more run under ``tracemalloc`` (which slows it down, so it is never a timed
  run): the peak of the memory Python allocated *during* that call, its inputs not counted.
* Memory of the whole process: the peak resident set (``getrusage``'s ``ru_maxrss``) of the process so far,
  inputs, outputs and interpreter included; for a child process, its own peak (``os.wait4``).
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import IO, Any

import attrs

KIB_PER_MIB = 1024


def process_peak_rss_mib() -> float:
    """This process's peak resident memory so far, in MiB (``ru_maxrss`` is in KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else KIB_PER_MIB)


@attrs.frozen
class Timing:
    """The seconds of each run of a measured call, and what its last run returned."""

    seconds: tuple[float, ...]
    result: Any = attrs.field(eq=False, repr=False)

    @property
    def best(self) -> float:
        """The fastest run."""
        return min(self.seconds)

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.seconds)

    def text(self, n: int | None = None, unit: str = "") -> str:
        """``min … s, median … s of k runs`` and, for ``n`` items, the rate at the min and at the median."""
        rate = f" ({n / self.best:,.0f} {unit}/s at min, {n / self.median:,.0f} at median)" if n else ""
        return f"min {self.best:.3f} s, median {self.median:.3f} s of {len(self.seconds)} runs{rate}"


def timed(fn: Callable[[], Any], repeat: int = 5, *, keep: bool = True) -> Timing:
    """Run ``fn`` ``repeat`` times, each from a collected heap; the last run's result is kept when ``keep``."""
    seconds: list[float] = []
    result: Any = None
    for _ in range(repeat):
        result = None  # the previous run's output is dropped before the next run
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - t0)
    return Timing(tuple(seconds), result if keep else None)


def phase_peak_mib(fn: Callable[[], Any]) -> float:
    """The peak memory Python allocates while ``fn`` runs (tracemalloc), its inputs not counted, in MiB."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


@attrs.frozen
class ChildRun:
    """A child process's exit status, wall-clock seconds, CPU seconds (user + system: what it cost, less
    disturbed than wall-clock time by other work on a shared machine) and its own peak resident memory."""

    returncode: int
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float


def run_child(argv: Sequence[str], *, stdout: IO[Any] | int | None = subprocess.DEVNULL,
              stderr: IO[Any] | int | None = subprocess.DEVNULL) -> ChildRun:
    """Run ``argv`` and measure that process alone (``os.wait4`` gives its own resource usage)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(proc.returncode, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / KIB_PER_MIB)
