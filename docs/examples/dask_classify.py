"""National-scale assessment on a distributed engine: Dask DataFrame over a partitioned Parquet dataset.

Each partition of households (with the members of those households, in the partition's own members file) is
assessed by the library's columnar path on a worker: the 12 deprivations from raw member and dwelling facts,
the class, and the exact sums behind the rates (no Python per row). The sums of the partitions are added on
the client and divided once, so the rates equal those of a single process over the whole dataset.

    pip install 'ntp-criteria[distributed]'
    python docs/examples/dask_classify.py [--n 200000] [--partitions 4] [--workers 2]
    python docs/examples/dask_classify.py --scheduler tcp://scheduler.example:8786 --data /shared/households

On a multi-machine cluster only the scheduler address changes (``--scheduler``); the dataset must sit where
every worker can read it (a shared file system or object storage, e.g. ``s3://…`` with s3fs installed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ON = dt.date(2024, 6, 1)


def write_dataset(root: Path, n: int, partitions: int, seed: int = 7) -> None:
    """Synthetic households and members, one Parquet file pair per partition (``households/part-00000.parquet``
    and ``members/part-00000.parquet`` hold the same households). Not survey data."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    (root / "households").mkdir(parents=True, exist_ok=True)
    (root / "members").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    water = np.array(["piped", "drilled_well", "unprotected_dug_well", "surface", "rainwater"])
    latrine = np.array(["septic", "semi_septic", "simple_pit", "none"])
    devices = np.array(["", "phone", "smartphone;television", "television", "radio"])
    start = 0
    for part in range(partitions):
        k = n // partitions + (1 if part < n % partitions else 0)
        ids = np.arange(start, start + k, dtype=np.int64)
        size = rng.integers(1, 8, k)
        m = int(size.sum())

        def yes_no(count: int, p: float) -> Any:
            return pa.array(rng.random(count) < p, mask=rng.random(count) < 0.02)

        pq.write_table(pa.table({
            "id": ids, "area": np.where(rng.random(k) < 0.35, "urban", "rural"),
            "reference_date": pa.array(np.full(k, np.datetime64(ON, "D"))),
            "monthly_income_per_capita": rng.lognormal(np.log(2_600_000), 0.55, k).astype(np.int64),
            "floor_area_m2": rng.integers(6, 120, k) * (size // 2 + 1),
            "durable_walls": yes_no(k, 0.9), "durable_frame": yes_no(k, 0.95), "durable_roof": yes_no(k, 0.85),
            "water_source": water[rng.integers(0, len(water), k)], "latrine": latrine[rng.integers(0, len(latrine), k)],
            "devices": devices[rng.integers(0, len(devices), k)], "hears_loudspeaker": yes_no(k, 0.8),
            "province": np.array(["Hà Giang", "Điện Biên", "Nghệ An", "Đồng Tháp"])[rng.integers(0, 4, k)],
        }), root / "households" / f"part-{part:05d}.parquet")
        pq.write_table(pa.table({
            "household_id": np.repeat(ids, size), "age": rng.integers(0, 91, m).astype(np.int16),
            "health_insured": yes_no(m, 0.9), "in_school": yes_no(m, 0.6),
            "education": np.array(["primary", "lower_secondary", "upper_secondary", "vocational"])[
                rng.integers(0, 4, m)],
            "employment": np.array(["self_employed", "wage_with_contract", "wage_without_contract",
                                    "not_in_labour_force", "unemployed"])[rng.integers(0, 5, m)],
            "dependant": yes_no(m, 0.3), "malnourished": yes_no(m, 0.05), "uses_internet": yes_no(m, 0.7),
        }), root / "members" / f"part-{part:05d}.parquet")
        start += k


def assess_partition(households: pd.DataFrame, members_dir: str, partition_info: dict[str, Any] | None = None
                     ) -> pd.Series:
    """One partition's exact rate sums (a one-item Series holding a RateSums): the columnar path, no Python per
    row. Dask passes ``partition_info``; the partition's members are in the members file of the same number."""
    from ntp_criteria.io.frames import rate_sums_frame

    number = 0 if partition_info is None else partition_info["number"]
    members = pd.read_parquet(Path(members_dir) / f"part-{number:05d}.parquet", dtype_backend="pyarrow")
    sums = rate_sums_frame(households, members=members, method="columnar")
    return pd.Series([sums], index=[number])


def assess_dataset(root: Path, client: Any | None = None) -> Any:
    """The rates of every household of the dataset: Dask DataFrame, one task per partition, sums added on the
    client (exactly: whole numbers) and divided once."""
    import dask.dataframe as dd

    from ntp_criteria.families.poverty.columnar_facts import RateSums

    households = dd.read_parquet(str(root / "households"), split_row_groups=False, dtype_backend="pyarrow")
    parts = households.map_partitions(assess_partition, str(root / "members"), meta=(None, object))
    total = RateSums.empty()
    for sums in parts.compute().tolist():
        total = total + sums
    return total


def assess_in_one_process(root: Path) -> Any:
    """The same sums, partition files read one after the other in this process (the check)."""
    from ntp_criteria.families.poverty.columnar_facts import RateSums

    total = RateSums.empty()
    for number, path in enumerate(sorted((root / "households").glob("part-*.parquet"))):
        households = pd.read_parquet(path, dtype_backend="pyarrow")
        total = total + assess_partition(households, str(root / "members"), {"number": number}).iloc[0]
    return total


def main() -> None:
    from dask.distributed import Client, LocalCluster

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", help="a running cluster's scheduler address (tcp://host:8786)")
    ap.add_argument("--data", type=Path, help="an existing dataset (households/ and members/ folders)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.data or Path(tmp)
        if args.data is None:
            write_dataset(root, args.n, args.partitions)
        if args.scheduler:
            client = Client(args.scheduler)  # the only change for a multi-machine cluster
        else:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        with client:
            t0 = time.perf_counter()
            sums = assess_dataset(root, client)
            seconds = time.perf_counter() - t0
        rates = sums.rates()
        print(f"{rates.households:,} households: poor {rates.poor_pct:.2f} %, near-poor {rates.near_poor_pct:.2f} %, "
              f"undecided {rates.undecided:,}; Alkire-Foster M0 {rates.alkire_foster.m0:.4f}")
        print(f"assessed from raw facts on {args.scheduler or f'a {args.workers}-worker local cluster'} in "
              f"{seconds:.2f} s; equal to one process: {sums == assess_in_one_process(root)}")


if __name__ == "__main__":
    main()
