"""Benchmark: classify synthetic households, and the same with OpenFisca in the same run.

Prints households per second and peak memory for (a) the per-record path from income + 12 flags, (b) the
per-record path from raw facts through the full engine (every indicator, explanation-ready), (c) the
columnar path (numpy), and OpenFisca (simulation building included), with the ratios. Asserts nothing about
time: run it with benchmarks/run.sh, which installs OpenFisca in a separate virtual environment.

    python benchmarks/bench_poverty.py [--n 1000000] [--raw-n 100000] [--no-openfisca]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

import ntp_criteria as ntp
from ntp_criteria.families.poverty.columnar import CODES, classify_arrays, count_deprivations

ON = dt.date(2024, 6, 1)


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def peak_mib(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def report(name: str, n: int, seconds: float, mib: float | None) -> None:
    mem = f"{mib:8.1f} MiB peak" if mib is not None else " " * 17
    print(f"{name:<44} {n:>9,} households {seconds:8.3f} s {n / seconds:>13,.0f} /s  {mem}")


def raw_households(rng: np.random.Generator, n: int) -> list[ntp.Household]:
    water = list(ntp.WaterSource)
    latrine = list(ntp.LatrineType)
    out = []
    for i in range(n):
        size = int(rng.integers(1, 7))
        members = tuple(
            ntp.Member(age=int(rng.integers(0, 80)), health_insured=bool(rng.random() < 0.9),
                       in_school=bool(rng.random() < 0.8), education=ntp.EducationLevel.UPPER_SECONDARY,
                       employment=ntp.Employment.SELF_EMPLOYED, dependant=bool(rng.random() < 0.3),
                       malnourished=bool(rng.random() < 0.05), uses_internet=bool(rng.random() < 0.7))
            for _ in range(size))
        out.append(ntp.Household(
            area=ntp.Area.URBAN if rng.random() < 0.35 else ntp.Area.RURAL, reference_date=ON,
            monthly_income_per_capita=int(rng.integers(0, 4_000_000)), members=members,
            dwelling=ntp.Dwelling(floor_area_m2=int(rng.integers(5, 120)), durable_walls=bool(rng.random() < 0.9),
                                  durable_frame=True, durable_roof=bool(rng.random() < 0.85),
                                  water_source=water[int(rng.integers(0, len(water)))],
                                  latrine=latrine[int(rng.integers(0, len(latrine)))]),
            devices=frozenset({ntp.Device.PHONE}) if rng.random() < 0.95 else frozenset(), id=str(i)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--raw-n", type=int, default=100_000)
    ap.add_argument("--no-openfisca", action="store_true")
    args = ap.parse_args()
    n = args.n
    rng = np.random.default_rng(20241)
    urban = rng.random(n) < 0.35
    income = rng.integers(0, 4_000_000, n, dtype=np.int64)
    # one boolean column per deprivation indicator, as a DataFrame or the review database holds them
    columns = [rng.random(n) < 0.2 for _ in range(12)]
    rs = ntp.ruleset("poverty.household", on=ON)
    print(f"ruleset: {rs.family} {rs.instrument.number} ({rs.period}); {n:,} synthetic households\n")

    # (a) per record, income + 12 flags
    areas = ["urban" if u else "rural" for u in urban.tolist()]
    incomes = income.tolist()
    flag_rows = list(zip(*(c.tolist() for c in columns), strict=True))
    clf = ntp.poverty.classifier(rs)

    def per_record() -> list[Any]:
        return [clf(a, i, sum(f)) for a, i, f in zip(areas, incomes, flag_rows, strict=True)]

    t_a, res_a = timed(per_record)
    report("(a) per record, income + 12 flags", n, t_a, peak_mib(per_record))

    # (c) columnar
    def columnar() -> Any:
        return classify_arrays(rs, urban, income, count_deprivations(columns))

    t_c, res_c = timed(columnar, repeat=5)
    report("(c) columnar (numpy, 12 flag columns)", n, t_c, peak_mib(columnar))
    agree = all(CODES[x] == int(y) for x, y in zip(res_a[:100_000], res_c[:100_000], strict=True))
    print(f"    (a) and (c) agree on the first 100,000: {agree}")

    # (b) raw facts through the full engine
    hhs = raw_households(rng, args.raw_n)
    t_b, res_b = timed(lambda: [ntp.assess(h) for h in hhs], repeat=1)
    report("(b) per record, raw facts, full assessment", args.raw_n, t_b,
           peak_mib(lambda: [ntp.assess(h) for h in hhs[: min(20_000, args.raw_n)]]))
    print(f"    {sum(r.outcome is ntp.HouseholdClass.POOR for r in res_b):,} poor of {args.raw_n:,}")

    if args.no_openfisca:
        return
    try:
        import openfisca_peer
    except ImportError:
        print("\nOpenFisca is not installed here: run benchmarks/run.sh for the comparison")
        return
    tbs = openfisca_peer.tax_benefit_system()
    t_of, res_of = timed(lambda: openfisca_peer.classify(tbs, urban, income, columns))
    report("OpenFisca (simulation building included)", n, t_of,
           peak_mib(lambda: openfisca_peer.classify(tbs, urban, income, columns)))
    names = res_of.decode_to_str()
    same = all(str(names[i]) == list(CODES)[int(res_c[i])].value for i in range(0, n, max(1, n // 100_000)))
    print(f"    OpenFisca agrees with (c) on a 100,000 sample: {same}")
    print(f"\nratio (c) columnar / OpenFisca:       {t_of / t_c:6.1f}x faster")
    print(f"ratio (a) per record / OpenFisca:     {t_of / t_a:6.2f}x")


if __name__ == "__main__":
    main()
