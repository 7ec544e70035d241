"""Benchmark: the fast per-record path from raw facts (``HouseholdScorer.score``) beside ``ntp.assess``, same run.

The households are those of ``bench_raw_facts.py`` (members, dwelling, water, latrine, devices, about 1 in 40 facts
not recorded), drawn afresh for every run. ``HouseholdScorer`` is compiled once from the ruleset in force
(:mod:`ntp_criteria.families.poverty.fast`); it gives each household's class, the classes still possible, each
deprivation's status and the count, and builds the full assessment and its explanation with the engine only when
asked. ``ntp.assess`` (the peer) builds the full assessment of every household.

    python benchmarks/bench_raw_facts_fast.py [--sizes 1000 100000 1000000] [--repeat 3] [--on 2024-06-01]
                                              [--peer-sizes ...] [--stream]

What the figures mean:

* Both paths run through ``bench_raw_facts.run``: inputs built outside the timed region, ``--chunk`` households at
  a time, each chunk timed right after it is built (as a streaming caller reads a chunk and assesses it); only
  ``score`` or ``ntp.assess`` is timed. The peer's assessments do not refer to their households, which are dropped
  chunk by chunk; the fast path's scores keep theirs alive (a score builds its assessment from it on demand).
* Results are kept until the run ends (a caller collecting them), so a cost that grows with the number of live
  objects (the garbage collector walking them) shows as a per-household time growing with the batch; ``--stream``
  drops each chunk's results instead.
* Per size and path: households/s at the median and at the best of ``--repeat`` runs by the wall clock, and the
  median by the process's CPU time (on a shared machine the wall clock also counts time other processes held the
  core); ``ratio``: the fast path's median over the peer's (wall and CPU). Every run starts from a collected heap
  with the previous run's results dropped, after ``--warmup`` households of each path (drawn apart, dropped).
* ``explain``: µs per household to build the assessment and its explanation on demand (``score.explain("vi")``,
  over the first 2,000 scores of a batch), and the peer's ``Assessment.explain("vi")`` over its own assessments.
* ``rss``: the process's peak resident memory so far (inputs and results included; the fast path keeps every
  household of the run alive, the peer does not). ``measured phase``: the peak memory Python allocates while the
  results of ``--phase-memory`` households built beforehand are computed and kept (tracemalloc, an untimed run).

Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import time
from collections import Counter

from _measure import phase_peak_mib, process_peak_rss_mib
from bench_raw_facts import households, run

import ntp_criteria as ntp
from ntp_criteria.families.poverty.fast import HouseholdScore, HouseholdScorer


def _explain_us(items: list[HouseholdScore] | list[ntp.Assessment]) -> str:
    sample = items[:2_000]
    if not sample:
        return "     -"
    t0 = time.perf_counter()
    for item in sample:
        item.explain("vi")
    return f"{1e6 * (time.perf_counter() - t0) / len(sample):6.1f}"


def _line(name: str, n: int, rates: list[float], cpu_rates: list[float], explain: str, outcomes: Counter[str]
          ) -> str:
    med, best, cpu_med = statistics.median(rates), max(rates), statistics.median(cpu_rates)
    return (f"{n:>10,} {name:<11} median {med:>9,.0f}/s ({1e6 / med:6.2f} µs), best {best:>9,.0f}/s "
            f"({1e6 / best:6.2f} µs); CPU median {cpu_med:>9,.0f}/s ({1e6 / cpu_med:6.2f} µs); explain {explain} µs; "
            f"rss {process_peak_rss_mib():,.0f} MiB  [{', '.join(f'{k} {v:,}' for k, v in sorted(outcomes.items()))}]")


def _phase_memory(scorer: HouseholdScorer, n: int, on: dt.date, peer: bool) -> None:
    """The memory the results of ``n`` households take while they are computed and kept (the households built before,
    not counted), for the fast path and the peer."""
    batch = list(households(n, on, seed=7))
    paths = [("fast", scorer.score)] + ([("ntp.assess", ntp.assess)] if peer else [])
    figures = []
    for name, assess in paths:
        mib = phase_peak_mib(lambda assess=assess: [assess(h) for h in batch])
        figures.append(f"{name} {mib:,.1f} MiB ({mib * 2**20 / n:,.0f} B a household)")
    print(f"measured phase, {n:,} households built before (tracemalloc peak): {'; '.join(figures)}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    ap.add_argument("--peer-sizes", type=int, nargs="*", default=None,
                    help="sizes at which ntp.assess is measured too (default: every size)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size and path (min and median printed)")
    ap.add_argument("--chunk", type=int, default=10_000, help="households built at a time")
    ap.add_argument("--stream", action="store_true", help="drop each chunk's results instead of keeping them")
    ap.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2024, 6, 1))
    ap.add_argument("--warmup", type=int, default=20_000, help="households of each path measured and dropped first")
    ap.add_argument("--phase-memory", type=int, default=20_000,
                    help="households whose results' memory is measured (tracemalloc, untimed; 0: skip)")
    args = ap.parse_args()
    peer_sizes = set(args.sizes if args.peer_sizes is None else args.peer_sizes)
    rs = ntp.ruleset("poverty.household", on=args.on)
    t0 = time.perf_counter()
    scorer = HouseholdScorer(rs)
    built = time.perf_counter() - t0
    print(f"{rs.cite}; raw facts; {'streamed' if args.stream else 'kept'}; python {sys.version.split()[0]}; "
          f"scorer built in {1e3 * built:.1f} ms ({'fast' if scorer.unsupported is None else scorer.unsupported})")
    run(max(1, args.warmup), args.on, args.chunk, True, 1, scorer.score)
    if peer_sizes:
        run(max(1, args.warmup), args.on, args.chunk, True, 1)
    if args.phase_memory > 0:
        _phase_memory(scorer, args.phase_memory, args.on, bool(peer_sizes))
    seed = 100
    for n in args.sizes:
        medians: dict[str, tuple[float, float]] = {}
        for name in ("fast", "ntp.assess"):
            if name == "ntp.assess" and n not in peer_sizes:
                continue
            rates: list[float] = []
            cpu_rates: list[float] = []
            outcomes: Counter[str] = Counter()
            kept: list[HouseholdScore] | list[ntp.Assessment] = []
            for k in range(args.repeat):
                del kept
                gc.collect()
                run_seed = seed + k  # every run draws households it has not seen; both paths draw the same ones
                assess = scorer.score if name == "fast" else ntp.assess
                seconds, cpu, kept, outcomes = run(n, args.on, args.chunk, args.stream, run_seed, assess)
                rates.append(n / seconds)
                cpu_rates.append(n / cpu)
            print(_line(name, n, rates, cpu_rates, _explain_us(kept), outcomes), flush=True)
            kept = []
            medians[name] = (statistics.median(rates), statistics.median(cpu_rates))
        seed += args.repeat
        if len(medians) == 2:
            (fast, fast_cpu), (peer, peer_cpu) = medians["fast"], medians["ntp.assess"]
            print(f"{n:>10,} ratio       fast / ntp.assess: {fast / peer:.1f}× by the wall clock, "
                  f"{fast_cpu / peer_cpu:.1f}× by CPU time (medians)", flush=True)


if __name__ == "__main__":
    main()
