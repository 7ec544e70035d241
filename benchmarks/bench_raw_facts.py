"""Benchmark: full household assessments from raw facts, per record, at growing batch sizes.

Each household gives members (age, insurance, schooling, education, employment, dependants, nutrition,
internet and phone use), a dwelling (floor area, structures, water source, latrine, waste) and devices, with
a few facts missing, so every deprivation indicator of the standard in force is computed by its measure
and some are MISSING. ``ntp.assess`` builds the full assessment (every indicator's and criterion's result,
the outcome, what it rests on); its explanation is rendered on demand, and its cost is printed apart.

    python benchmarks/bench_raw_facts.py [--sizes 1000 100000 1000000] [--repeat 3] [--stream] [--on 2024-06-01]

What the figures mean:

* ``--warmup`` households (20,000 by default, drawn apart) are assessed first and dropped, as a long batch has
  compiled its plan and met the common outcomes long before; then every run draws households it has not seen.
* The households are built by a generator, ``--chunk`` at a time, outside the timed region: only
  ``ntp.assess`` is timed. The whole batch's assessments are kept alive until the batch ends (as a caller
  that collects them does), so a cost that grows with the number of live results (the garbage collector
  walking them) shows as a per-household time that grows with the batch. ``--stream`` drops each chunk's
  assessments instead (counting outcomes only), as a streaming batch does.
* For each size: the median and the best over ``--repeat`` runs of households/s and µs per household, by the
  wall clock, and the median by the process's CPU time (``time.process_time``: on a shared, busy machine the
  wall clock also counts the time other processes held the core, the CPU time does not). The median is the
  figure to quote. Every run after the first starts afresh: the previous run's assessments are dropped first.
* ``explain``: µs per assessment for ``Assessment.explain("vi")`` over the first 10,000 of a batch.
* ``rss``: the process's peak resident memory so far (the whole process, inputs and results included).

Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import ntp_criteria as ntp


def households(n: int, on: dt.date, seed: int = 20241) -> Iterator[ntp.Household]:
    """``n`` synthetic households with raw facts, about 1 in 40 facts not recorded."""
    rng = random.Random(seed)
    r = rng.random
    water, latrine, waste = list(ntp.WaterSource), list(ntp.LatrineType), list(ntp.WasteHandling)
    education, employment = list(ntp.EducationLevel), list(ntp.Employment)
    devices = list(ntp.Device)

    def maybe(value: object) -> object:
        return None if r() < 0.025 else value

    for i in range(n):
        members = []
        for _ in range(rng.randint(1, 7)):
            age = rng.randint(0, 85)
            members.append(ntp.Member(
                age=age, health_insured=maybe(r() < 0.9), in_school=maybe(r() < 0.85 if 6 <= age <= 18 else False),
                education=maybe(rng.choice(education)), employment=maybe(rng.choice(employment)),
                dependant=maybe(age < 15 or age > 70), malnourished=maybe(r() < 0.06 if age < 16 else False),
                ill_without_treatment=maybe(r() < 0.03), uses_internet=maybe(r() < 0.7),
                uses_phone=maybe(r() < 0.85)))
        yield ntp.Household(
            area=ntp.Area.URBAN if r() < 0.35 else ntp.Area.RURAL, reference_date=on,
            monthly_income_per_capita=maybe(rng.randrange(0, 6_000_000, 1_000)), members=tuple(members),
            dwelling=ntp.Dwelling(
                floor_area_m2=maybe(rng.randint(5, 160)), durable_walls=maybe(r() < 0.9),
                durable_frame=maybe(r() < 0.95), durable_roof=maybe(r() < 0.85),
                water_source=maybe(rng.choice(water)), latrine=maybe(rng.choice(latrine)),
                waste=maybe(rng.choice(waste))),
            devices=maybe(frozenset(d for d in devices if r() < 0.4)), hears_loudspeaker=maybe(r() < 0.8),
            id=f"H{i}")


def run(n: int, on: dt.date, chunk: int, stream: bool, seed: int, assess: Callable[[ntp.Household], Any] = ntp.assess
        ) -> tuple[float, float, list[Any], Counter[str]]:
    """Assess ``n`` households drawn with ``seed``; the wall-clock and CPU seconds spent in ``assess`` only, the
    assessments kept, the outcomes. ``assess`` is ``ntp.assess`` or another path whose results have an ``outcome``
    (``bench_raw_facts_fast.py``'s scorer)."""
    source = households(n, on, seed)
    kept: list[Any] = []
    outcomes: Counter[str] = Counter()
    seconds = cpu = 0.0
    done = 0
    while done < n:
        batch = [next(source) for _ in range(min(chunk, n - done))]
        t0, c0 = time.perf_counter(), time.process_time()
        out = [assess(h) for h in batch]
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += len(batch)
        del batch
        if stream:
            outcomes.update(a.outcome.value if a.outcome is not None else "undecided" for a in out)
        else:
            kept.extend(out)
        del out
    if not stream:
        outcomes.update(a.outcome.value if a.outcome is not None else "undecided" for a in kept)
    return seconds, cpu, kept, outcomes


def peak_rss_mib() -> float:
    """The process's peak resident memory so far, in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (min and median printed)")
    ap.add_argument("--chunk", type=int, default=10_000, help="households built at a time, outside the timing")
    ap.add_argument("--stream", action="store_true", help="drop each chunk's assessments instead of keeping them")
    ap.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2024, 6, 1))
    ap.add_argument("--warmup", type=int, default=20_000,
                    help="households assessed (and dropped) before measuring, as any long batch has")
    args = ap.parse_args()
    rs = ntp.ruleset("poverty.household", on=args.on)
    print(f"{rs.cite}; raw facts; {'streamed' if args.stream else 'kept'}; python {sys.version.split()[0]}")
    # a long batch has compiled its plan and seen the common outcomes long before: warm up on other households
    run(max(1, args.warmup), args.on, args.chunk, True, 1)
    seed = 100
    for n in args.sizes:
        rates: list[float] = []
        cpu_rates: list[float] = []
        outcomes: Counter[str] = Counter()
        kept: list[ntp.Assessment] = []
        for _ in range(args.repeat):
            del kept
            gc.collect()
            seed += 1  # every run assesses households it has not seen
            seconds, cpu, kept, outcomes = run(n, args.on, args.chunk, args.stream, seed)
            rates.append(n / seconds)
            cpu_rates.append(n / cpu)
        explain = ""
        if kept:
            sample = kept[:10_000]
            t0 = time.perf_counter()
            for a in sample:
                a.explain("vi")
            explain = f"  explain {1e6 * (time.perf_counter() - t0) / len(sample):6.1f} µs"
        kept = []
        med, best, cpu_med = statistics.median(rates), max(rates), statistics.median(cpu_rates)
        print(f"{n:>10,} households: median {med:>9,.0f}/s ({1e6 / med:6.2f} µs each), best {best:>9,.0f}/s "
              f"({1e6 / best:6.2f} µs); CPU median {cpu_med:>9,.0f}/s ({1e6 / cpu_med:6.2f} µs){explain}  "
              f"rss {peak_rss_mib():,.0f} MiB  [{', '.join(f'{k} {v:,}' for k, v in sorted(outcomes.items()))}]",
              flush=True)


if __name__ == "__main__":
    main()
