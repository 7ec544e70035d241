"""Benchmark: classify synthetic households, and the same with OpenFisca in the same run.

Prints households per second (min and median of ``--repeat`` runs) and memory for (a) the per-record path from
income + 12 flags, (b) the per-record path from raw facts through the full engine (every indicator,
explanation-ready), (c) the columnar path (numpy), and OpenFisca (simulation building included), with the
ratios. Every input is built before anything is timed or measured; "phase peak" is the memory allocated while
the path runs (tracemalloc, one more run on the same input, which is not counted), "process peak RSS" the
whole process so far (inputs and kept results included); see ``benchmarks/_measure.py``. Asserts nothing about
time: run it with benchmarks/run.sh, which installs OpenFisca in a separate virtual environment.

    python benchmarks/bench_poverty.py [--n 1000000] [--raw-n 100000] [--no-openfisca]
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

import numpy as np
from _measure import Timing, phase_peak_mib, process_peak_rss_mib, timed

import ntp_criteria as ntp
from ntp_criteria.families.poverty.columnar import CODES, classify_arrays, count_deprivations

ON = dt.date(2024, 6, 1)


def report(name: str, n: int, timing: Timing, mib: float | None) -> None:
    mem = f"{mib:8.1f} MiB phase peak" if mib is not None else " " * 23
    print(f"{name:<44} {n:>9,} households  min {timing.best:8.3f} s  median {timing.median:8.3f} s "
          f"{n / timing.best:>13,.0f} /s at min  {mem}  process peak RSS {process_peak_rss_mib():,.0f} MiB")


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
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each path (min and median are printed)")
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

    t_a = timed(per_record, args.repeat)
    res_a = t_a.result
    report("(a) per record, income + 12 flags", n, t_a, phase_peak_mib(per_record))

    # (c) columnar
    def columnar() -> Any:
        return classify_arrays(rs, urban, income, count_deprivations(columns))

    t_c = timed(columnar, args.repeat)
    res_c = t_c.result
    report("(c) columnar (numpy, 12 flag columns)", n, t_c, phase_peak_mib(columnar))
    agree = all(CODES[x] == int(y) for x, y in zip(res_a[:100_000], res_c[:100_000], strict=True))
    print(f"    (a) and (c) agree on the first 100,000: {agree}")

    # (b) raw facts through the full engine
    hhs = raw_households(rng, args.raw_n)
    t_b = timed(lambda: [ntp.assess(h) for h in hhs], min(3, args.repeat))
    res_b = t_b.result
    report("(b) per record, raw facts, full assessment", args.raw_n, t_b,
           phase_peak_mib(lambda: [ntp.assess(h) for h in hhs]))
    print(f"    {sum(r.outcome is ntp.HouseholdClass.POOR for r in res_b):,} poor of {args.raw_n:,}")

    if args.no_openfisca:
        return
    try:
        import openfisca_peer
    except ImportError:
        print("\nOpenFisca is not installed here: run benchmarks/run.sh for the comparison")
        return
    tbs = openfisca_peer.tax_benefit_system()
    t_of = timed(lambda: openfisca_peer.classify(tbs, urban, income, columns), args.repeat)
    res_of = t_of.result
    report("OpenFisca (simulation building included)", n, t_of,
           phase_peak_mib(lambda: openfisca_peer.classify(tbs, urban, income, columns)))
    names = res_of.decode_to_str()
    same = all(str(names[i]) == list(CODES)[int(res_c[i])].value for i in range(0, n, max(1, n // 100_000)))
    print(f"    OpenFisca agrees with (c) on a 100,000 sample: {same}")
    print(f"\nratio (c) columnar / OpenFisca:       {t_of.best / t_c.best:6.1f}x faster at min, "
          f"{t_of.median / t_c.median:.1f}x at median")
    print(f"ratio (a) per record / OpenFisca:     {t_of.best / t_a.best:6.2f}x at min, "
          f"{t_of.median / t_a.median:.2f}x at median")

    # like with like: the 12 deprivations from raw member and dwelling facts, in OpenFisca and in the columnar path
    import bench_openfisca_raw

    print()
    bench_openfisca_raw.compare(min(n, 1_000_000), min(3, args.repeat))


if __name__ == "__main__":
    main()
