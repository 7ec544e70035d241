"""Poverty under two standards: the same synthetic population classified under NĐ 07/2021 (the 2026
review) and NĐ 351/2025 (from 2027), by area; prints the rates and saves a bar chart.

    python docs/examples/two_standards.py [--out docs/img/two-standards.png] [--n 200000]
"""

from __future__ import annotations

import argparse
import datetime as dt

import numpy as np

import ntp_criteria as ntp
from ntp_criteria.families.poverty.columnar import CODES, classify_arrays

POOR, NEAR = CODES[ntp.HouseholdClass.POOR], CODES[ntp.HouseholdClass.NEAR_POOR]


def population(n: int, seed: int = 2026) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Synthetic, not survey data: lognormal incomes, a few deprivations, a third urban."""
    rng = np.random.default_rng(seed)
    urban = rng.random(n) < 0.35
    income = np.round(rng.lognormal(mean=np.where(urban, 15.4, 15.0), sigma=0.55)).astype(np.int64)
    count = rng.binomial(12, np.clip(0.5 - income / 9_000_000, 0.02, 0.5)).astype(np.int8)
    return urban, income, count


def rates(on: dt.date, urban: np.ndarray, income: np.ndarray, count: np.ndarray) -> dict[str, float]:
    rs = ntp.ruleset("poverty.household", on=on)
    codes = classify_arrays(rs, urban, income, count)
    out = {}
    for name, mask in (("rural", ~urban), ("urban", urban), ("all", np.ones_like(urban))):
        c = codes[mask]
        out[name] = 100 * float(np.isin(c, [POOR, NEAR]).mean())
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="docs/img/two-standards.png")
    ap.add_argument("--n", type=int, default=200_000)
    args = ap.parse_args()
    urban, income, count = population(args.n)
    old = rates(dt.date(2026, 6, 1), urban, income, count)
    new = rates(dt.date(2027, 6, 1), urban, income, count)
    for area in old:
        print(f"{area:>5}: poor + near-poor {old[area]:5.2f} % (NĐ 07/2021) → {new[area]:5.2f} % (NĐ 351/2025)")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    x = np.arange(len(old))
    ax.bar(x - 0.2, list(old.values()), 0.4, label="NĐ 07/2021 (1.5 / 2.0 M)")
    ax.bar(x + 0.2, list(new.values()), 0.4, label="NĐ 351/2025 (2.2 / 2.8 M)")
    ax.set_xticks(x, list(old))
    ax.set_ylabel("poor + near-poor households, %")
    ax.set_title("Synthetic population under two standards")
    ax.set_ylim(0, max(*old.values(), *new.values()) * 1.3)
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
