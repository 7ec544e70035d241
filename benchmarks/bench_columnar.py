"""Benchmark: the full household assessment from raw facts, columnar, against the per-record engine.

Prints, for synthetic households with members (benchmarks/synthetic_households.py; built outside every timed
region): (1) ``assess_columns`` from numpy arrays at several sizes, the time per million households and the
28 M extrapolation (the country); (2) ``assess_frame`` and ``poverty_rates_frame`` from polars frames (rows/s);
(3) the per-record engine on a sample of the same households, with the ratio and a check that every class,
candidate set and unverified list agrees. Wall and CPU time, min and median of several runs; polars is held to
one thread (POLARS_MAX_THREADS=1) so "one core" means one core. Asserts nothing about time.

    POLARS_MAX_THREADS=1 python benchmarks/bench_columnar.py [--sizes 1000000 2000000 5000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
import warnings
from collections.abc import Callable
from typing import Any

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import numpy as np
import synthetic_households as synth

import ntp_criteria as ntp
from ntp_criteria.families.poverty.columnar_facts import (
    HouseholdColumns,
    MemberColumns,
    assess_columns,
    class_names,
    kind_codes,
)
from ntp_criteria.io.frames import PerRecordFallback, assess_frame, poverty_rates_frame


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], list[float], Any]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return walls, cpus, out


def line(name: str, n: int, walls: list[float], cpus: list[float]) -> None:
    med_w, med_c = statistics.median(walls), statistics.median(cpus)
    print(f"{name:<44} {n:>10,}  wall min {min(walls):7.2f} s med {med_w:7.2f} s  cpu med {med_c:7.2f} s  "
          f"{n / med_c:>12,.0f} /s (cpu)  {1e6 * med_c / n:6.2f} s per million (cpu)")


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def arrays(hh: dict[str, Any], ms: dict[str, Any]) -> tuple[HouseholdColumns, MemberColumns]:
    """The synthetic columns as the columnar module's arrays (the work a frame adapter does, done here once)."""
    def kind(values: Any, enum: type) -> Any:
        names = np.array(list(kind_codes(enum)))
        order = np.argsort(names)
        at = np.minimum(np.searchsorted(names[order], values), len(names) - 1)
        return np.where(values == "", -1, order[at]).astype(np.int8)

    device_bit = kind_codes(ntp.Device)
    distinct, where = np.unique(hh["devices"], return_inverse=True)
    masks = np.array([sum(1 << device_bit[d] for d in v.split(";") if d) for v in distinct.tolist()], np.uint8)
    n = len(hh["id"])
    households = HouseholdColumns(
        urban=hh["area"] == "urban", income=hh["monthly_income_per_capita"], income_known=np.ones(n, bool),
        floor_area_m2=hh["floor_area_m2"], floor_area_known=np.ones(n, bool), durable_walls=hh["durable_walls"],
        durable_frame=hh["durable_frame"], durable_roof=hh["durable_roof"],
        water_source=kind(hh["water_source"], ntp.WaterSource), latrine=kind(hh["latrine"], ntp.LatrineType),
        waste=kind(hh["waste"], ntp.WasteHandling),
        devices=masks[where.reshape(-1)],
        devices_known=np.ones(n, bool), hears_loudspeaker=hh["hears_loudspeaker"],
        deprivation_count=np.full(n, -1, np.int16))
    members = MemberColumns(
        household=(ms["household_id"] - hh["id"][0]).astype(np.intp), age=ms["age"],
        education=kind(ms["education"], ntp.EducationLevel), employment=kind(ms["employment"], ntp.Employment),
        **{f: ms[f] for f in ("health_insured", "in_school", "dependant", "malnourished", "ill_without_treatment",
                              "uses_internet", "uses_phone")})
    return households, members


def objects(hh: dict[str, Any], ms: dict[str, Any], count: int) -> list[ntp.Household]:
    """The first ``count`` synthetic households as objects, for the per-record engine."""
    tri = {-1: None, 0: False, 1: True}
    members: dict[int, list[ntp.Member]] = {}
    first = int(hh["id"][0])
    for j in range(int(np.searchsorted(ms["household_id"], first + count))):
        members.setdefault(int(ms["household_id"][j]) - first, []).append(ntp.Member(
            age=int(ms["age"][j]), education=ms["education"][j] or None, employment=ms["employment"][j] or None,
            **{f: tri[int(ms[f][j])] for f in ("health_insured", "in_school", "dependant", "malnourished",
                                                "ill_without_treatment", "uses_internet", "uses_phone")}))
    return [ntp.Household(
        area=hh["area"][i], reference_date=synth.ON, monthly_income_per_capita=int(hh["monthly_income_per_capita"][i]),
        members=tuple(members.get(i, ())), devices=[d for d in hh["devices"][i].split(";") if d],
        hears_loudspeaker=tri[int(hh["hears_loudspeaker"][i])],
        dwelling=ntp.Dwelling(floor_area_m2=int(hh["floor_area_m2"][i]),
                              durable_walls=tri[int(hh["durable_walls"][i])],
                              durable_frame=tri[int(hh["durable_frame"][i])],
                              durable_roof=tri[int(hh["durable_roof"][i])],
                              water_source=hh["water_source"][i] or None, latrine=hh["latrine"][i] or None,
                              waste=hh["waste"][i] or None))
        for i in range(count)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 2_000_000, 5_000_000])
    ap.add_argument("--frame-sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--per-record", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rs = ntp.ruleset("poverty.household", on=synth.ON)
    print(f"ruleset {rs.instrument.number} ({rs.period}); polars threads: {os.environ['POLARS_MAX_THREADS']}\n")

    print("(1) assess_columns: raw facts as arrays -> every indicator, the class, the unverified numbers")
    per_million = []
    for n in args.sizes:
        hh, ms = synth.columns(n, seed=n)
        households, members = arrays(hh, ms)
        del hh, ms
        walls, cpus, _ = timed(lambda h=households, m=members: assess_columns(rs, h, m).unverified_codes(),
                               args.repeat)
        line(f"  {len(members.age):,} members", n, walls, cpus)
        per_million.append(1e6 * statistics.median(cpus) / n)
        del households, members
    print(f"  -> 28 M households (the country) at the largest size's rate: {28 * per_million[-1]:.0f} s cpu "
          f"(at the smallest: {28 * per_million[0]:.0f} s); peak RSS so far {rss_mib():,.0f} MiB\n")

    print("(2) from polars frames (households + members), with the conversion")
    for n in args.frame_sizes:
        hh, ms = synth.columns(n, seed=1)
        df, members_df = synth.polars_frames(hh, ms)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerRecordFallback)
            walls, cpus, _ = timed(lambda d=df, m=members_df: assess_frame(d, members=m), args.repeat)
            line("  assess_frame", n, walls, cpus)
            walls, cpus, rates = timed(lambda d=df, m=members_df: poverty_rates_frame(d, members=m), args.repeat)
            line("  poverty_rates_frame", n, walls, cpus)
        print(f"    poor {rates.poor_pct:.2f} %, near-poor {rates.near_poor_pct:.2f} %, undecided {rates.undecided:,}; "
              f"M0 {rates.alkire_foster.m0:.4f}")
    print()

    print("(3) the per-record engine on the first households of the same data (objects built outside the timing)")
    n = args.per_record
    hh, ms = synth.columns(max(n, 1000), seed=2)
    sample = objects(hh, ms, n)
    walls, cpus, results = timed(lambda: [ntp.assess(h) for h in sample], 1)
    line("  ntp.assess, one household at a time", n, walls, cpus)
    households, members = arrays({k: v[:n] for k, v in hh.items()},
                                 {k: v[ms["household_id"] < n] for k, v in ms.items()})
    columnar = assess_columns(rs, households, members)
    names = class_names()
    unverified = columnar.unverified_paths()
    same = all((None if columnar.outcome[i] < 0 else names[columnar.outcome[i]])
               == (None if a.outcome is None else a.outcome.value)
               and unverified[i] == ";".join(x.path for x in a.unverified) for i, a in enumerate(results))
    print(f"    the columnar path agrees with the engine on all {n:,}: {same}")
    print(f"    ratio, columnar (largest size) / per record, cpu per household: "
          f"{statistics.median(cpus) / n / (per_million[-1] / 1e6):,.0f}x faster")
    print(f"\npeak RSS of the process {rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
