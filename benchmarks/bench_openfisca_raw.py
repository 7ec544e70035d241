"""Benchmark: the household class from raw facts (members and dwelling), ntp_criteria's columnar assessment
against the same rule written in OpenFisca (benchmarks/openfisca_peer.py: 12 deprivation formulas over person
and household variables), on the same synthetic households without gaps. OpenFisca's time includes building
the simulation (persons joined to households), as its users run it; ntp_criteria's includes every indicator's
status, the class and the classes still possible. Checks that every class agrees. Min and median of several
runs, wall and CPU. Asserts nothing about time; OpenFisca comes from benchmarks/run.sh's separate environment.

    python benchmarks/bench_openfisca_raw.py [--n 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import ntp_criteria as ntp
from ntp_criteria.families.poverty.columnar_facts import HouseholdColumns, MemberColumns, assess_columns, class_names
from ntp_criteria.families.poverty.columnar_facts import kind_codes as ntp_codes

ON = dt.date(2024, 6, 1)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], list[float], Any]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return walls, cpus, out


def line(name: str, n: int, walls: list[float], cpus: list[float]) -> None:
    print(f"{name:<48} {n:>10,} households  wall min {min(walls):6.2f} s med {statistics.median(walls):6.2f} s  "
          f"cpu med {statistics.median(cpus):6.2f} s  {n / statistics.median(cpus):>11,.0f} /s (cpu)")


def data(n: int, peer: Any, seed: int = 11) -> tuple[dict[str, Any], dict[str, Any]]:
    """Households and members without gaps, in the peer's encoding (kinds as its codes, devices as a bit mask)."""
    rng = np.random.default_rng(seed)
    size = rng.integers(1, 8, n)
    m = int(size.sum())
    households = {
        "urban": rng.random(n) < 0.35, "income": rng.lognormal(np.log(2_600_000), 0.55, n).astype(np.int64),
        "floor_area": (rng.integers(6, 120, n) * (size // 2 + 1)).astype(np.int64),
        "durable_walls": rng.random(n) < 0.9, "durable_frame": rng.random(n) < 0.95,
        "durable_roof": rng.random(n) < 0.85, "water_source": rng.integers(0, len(peer.WATER), n),
        "latrine": rng.integers(0, len(peer.LATRINE), n), "devices": rng.integers(0, 64, n) * (rng.random(n) < 0.9),
    }
    members = {
        "household": np.repeat(np.arange(n), size), "age": rng.integers(0, 91, m),
        "health_insured": rng.random(m) < 0.9, "in_school": rng.random(m) < 0.6,
        "education": rng.integers(0, len(peer.EDUCATION), m), "employment": rng.integers(0, len(peer.EMPLOYMENT), m),
        "dependant": rng.random(m) < 0.3, "malnourished": rng.random(m) < 0.05, "uses_internet": rng.random(m) < 0.7,
    }
    return households, members


def as_columns(peer: Any, hh: dict[str, Any], ms: dict[str, Any]) -> tuple[HouseholdColumns, MemberColumns]:
    """The same facts as ntp_criteria's arrays (its codes are looked up by name, never assumed equal)."""
    def recode(values: Any, names: tuple[str, ...], kind: type) -> Any:
        table = ntp_codes(kind)
        return np.array([table[x] for x in names], dtype=np.int8)[values]

    n, m = len(hh["urban"]), len(ms["age"])
    bits = [1 << ntp_codes(ntp.Device)[d] for d in peer.DEVICES]
    devices = sum(((hh["devices"] >> i) & 1) * b for i, b in enumerate(bits)).astype(np.uint8)
    gap = np.full(m, -1, np.int8)
    return (HouseholdColumns(
        urban=hh["urban"], income=hh["income"], income_known=np.ones(n, bool), floor_area_m2=hh["floor_area"],
        floor_area_known=np.ones(n, bool), durable_walls=hh["durable_walls"].astype(np.int8),
        durable_frame=hh["durable_frame"].astype(np.int8), durable_roof=hh["durable_roof"].astype(np.int8),
        water_source=recode(hh["water_source"], peer.WATER, ntp.WaterSource),
        latrine=recode(hh["latrine"], peer.LATRINE, ntp.LatrineType), waste=np.full(n, -1, np.int8),
        devices=devices, devices_known=np.ones(n, bool), hears_loudspeaker=np.full(n, -1, np.int8),
        deprivation_count=np.full(n, -1, np.int16)),
        MemberColumns(household=ms["household"].astype(np.intp), age=ms["age"].astype(np.int16),
                      health_insured=ms["health_insured"].astype(np.int8), in_school=ms["in_school"].astype(np.int8),
                      education=recode(ms["education"], peer.EDUCATION, ntp.EducationLevel),
                      employment=recode(ms["employment"], peer.EMPLOYMENT, ntp.Employment),
                      dependant=ms["dependant"].astype(np.int8), malnourished=ms["malnourished"].astype(np.int8),
                      ill_without_treatment=gap, uses_internet=ms["uses_internet"].astype(np.int8), uses_phone=gap))


def compare(n: int, repeat: int) -> None:
    """The comparison (also called from bench_poverty.py)."""
    import openfisca_peer as peer

    hh, ms = data(n, peer)
    households, members = as_columns(peer, hh, ms)
    rs = ntp.ruleset("poverty.household", on=ON)
    print(f"raw facts, no gaps: {n:,} households, {len(ms['age']):,} members ({rs.instrument.number})")
    walls, cpus, ours = timed(lambda: assess_columns(rs, households, members), repeat)
    line("  ntp_criteria columnar, from raw facts", n, walls, cpus)
    tbs = peer.raw_tax_benefit_system()
    of_walls, of_cpus, theirs = timed(lambda: peer.classify_raw(tbs, hh, ms), repeat)
    line("  OpenFisca, 12 formulas from raw facts", n, of_walls, of_cpus)
    names = class_names()
    mine = np.array([names[k] if k >= 0 else "" for k in range(-1, 4)], dtype=object)[ours.outcome + 1]
    same = bool((mine == theirs.decode_to_str().astype(object)).all())
    print(f"    every class agrees: {same}")
    ratio = statistics.median(of_cpus) / statistics.median(cpus)
    print(f"ratio, raw facts, OpenFisca / ntp_criteria columnar: {ratio:.1f}x (cpu, median); "
          f"{min(of_walls) / min(walls):.1f}x (wall, min)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        import openfisca_peer  # noqa: F401
    except ImportError:
        print("OpenFisca is not installed here: run benchmarks/run.sh for the comparison")
        return
    compare(args.n, args.repeat)


if __name__ == "__main__":
    main()
