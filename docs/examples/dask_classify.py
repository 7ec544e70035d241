"""National-scale classification on a distributed engine: Dask with a local cluster.

Each partition is classified with the library's columnar path (pure numpy on the workers); the rules
data is read once per worker process. Swap LocalCluster for a real cluster's address to scale out.

    pip install 'dask[distributed,dataframe]' && python docs/examples/dask_classify.py [--n 2000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np
import pandas as pd


def classify_partition(part: pd.DataFrame) -> pd.Series:
    import ntp_criteria as ntp
    from ntp_criteria.families.poverty.columnar import classify_arrays, decode

    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 6, 1))
    codes = classify_arrays(rs, part["urban"].to_numpy(), part["income"].to_numpy(), part["count"].to_numpy())
    return pd.Series([c.value if (c := decode(int(x))) else None for x in codes], index=part.index)


def main() -> None:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2_000_000)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    pdf = pd.DataFrame({"urban": rng.random(args.n) < 0.35,
                        "income": rng.integers(0, 4_000_000, args.n, dtype=np.int64),
                        "count": rng.binomial(12, 0.2, args.n).astype(np.int8)})
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        ddf = dd.from_pandas(pdf, npartitions=8)
        t0 = time.perf_counter()
        outcome = ddf.map_partitions(classify_partition, meta=("outcome", "object"))
        counts = outcome.value_counts().compute()
        seconds = time.perf_counter() - t0
    print(counts.sort_index().to_string())
    print(f"{args.n:,} households classified on a 2-worker local cluster in {seconds:.2f} s")


if __name__ == "__main__":
    main()
