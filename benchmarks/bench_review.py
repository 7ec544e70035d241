"""Benchmark: score the annual review's forms (Phiếu B1 scorecard + Phiếu B2) per record and on columns.

Prints forms per second (min and median of ``--repeat`` runs) for (a) the per-record engine (``ntp.assess`` on a
``ReviewForm``, every result cited and explanation-ready) and the per-record scorer without explanations
(``ReviewScorer.score``, over ``--scored`` forms built 20,000 at a time outside the timed region; each chunk scored
``--repeat`` times, the chunks' least times summed; wall-clock and CPU time; target: 200,000 forms/s), with the
existing household classification from income and 12 flags in the same run
for the ratio; (b) the columnar path (``score_columns``) on ``--n`` forms;
(c) a bare numpy pass over the same columns (the points gathered and summed, the lines compared: no checks, no
missing answers, no second reading of a cell), and the ratio of (b) to (c). Every input is built before anything
is timed. Asserts nothing about time.

    python benchmarks/bench_review.py [--n 1000000] [--records 20000] [--scored 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
from typing import Any

import numpy as np
from _measure import Timing, phase_peak_mib, process_peak_rss_mib, timed

import ntp_criteria as ntp
from ntp_criteria.core.forms import ReviewForm, row_group
from ntp_criteria.families.review.columnar import (
    B2_CODES,
    CODES,
    COLUMNS,
    UNDECIDED,
    arrays_of,
    rows,
    score_columns,
)
from ntp_criteria.families.review.fast import ReviewScorer

ON = dt.date(2024, 10, 1)
CHUNK = 20_000


def report(name: str, n: int, timing: Timing) -> None:
    print(f"{name:<52} {n:>9,} forms  min {timing.best:8.3f} s  median {timing.median:8.3f} s "
          f"{n / timing.best:>13,.0f} /s at min  process peak RSS {process_peak_rss_mib():,.0f} MiB")


def synthetic_columns(rng: np.random.Generator, n: int, order: tuple[str, ...]) -> dict[str, Any]:
    """Forms as arrays: one row of each group of answers marked with some probability, every item asked, B2
    known."""
    urban = rng.random(n) < 0.3
    column = rng.integers(0, len(COLUMNS) - 1, n).astype(np.int8)
    marked = np.zeros((n, len(order)), np.bool_)
    groups: dict[str, list[int]] = {}
    for k, row in enumerate(order):
        groups.setdefault(row_group(row), []).append(k)
    for members in groups.values():
        pick = rng.integers(0, len(members) + 1, n)  # len(members): none of the group
        for j, k in enumerate(members):
            marked[:, k] = pick == j
    urban_only = np.array([row.startswith("15.") for row in order])
    marked[~urban] &= ~urban_only
    asked = np.ones((n, 15), np.bool_)
    asked[~urban, 14] = False
    b2 = (rng.random((n, len(B2_CODES))) < 0.2).astype(np.int8)
    return {"urban": urban, "column": column, "marked": marked, "asked": asked, "b2": b2}


def forms_from(arrays: dict[str, Any], order: tuple[str, ...], count: int) -> list[ReviewForm]:
    out = []
    for i in range(count):
        urban = bool(arrays["urban"][i])
        b1: dict[str, list[str]] = {str(k + 1): [] for k in range(15) if arrays["asked"][i, k]}
        for k in np.flatnonzero(arrays["marked"][i]):
            b1[order[k].split(".")[0]].append(order[k])
        deprived = {c for c, v in zip(B2_CODES, arrays["b2"][i], strict=True) if v == 1}
        out.append(ReviewForm(area="urban" if urban else "rural", reference_date=ON,
                              region=COLUMNS[int(arrays["column"][i])], b1=b1, b2_deprived=deprived,
                              b2_not_deprived=set(B2_CODES) - deprived))
    return out


def per_record_scorer(scorer: ReviewScorer, rng: np.random.Generator, order: tuple[str, ...], n: int,
                      repeat: int) -> tuple[float, float, float]:
    """Score ``n`` forms one at a time, built ``CHUNK`` at a time outside the timed region (a million forms do not
    fit in memory at once as objects): each chunk is scored ``repeat`` times; the chunks' least wall-clock times
    are summed (the min), as are their least CPU times and their median wall-clock times."""
    wall = cpu = median = 0.0
    for start in range(0, n, CHUNK):
        forms = forms_from(synthetic_columns(rng, min(CHUNK, n - start), order), order, min(CHUNK, n - start))
        walls, cpus = [], []
        for _ in range(repeat):
            gc.collect()
            w, c = time.perf_counter(), time.process_time()
            scores = [scorer.score(f) for f in forms]
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
            del scores
        wall, cpu, median = wall + min(walls), cpu + min(cpus), median + statistics.median(walls)
        if start == 0:
            phase = phase_peak_mib(lambda: [scorer.score(f) for f in forms])  # noqa: B023 (called right here)
            print(f"  measured phase peak (tracemalloc, one chunk of {len(forms):,} forms scored and kept, the forms "
                  f"not counted): {phase:,.1f} MiB")
    return wall, cpu, median


def bare_numpy(arrays: dict[str, Any], points: Any) -> Any:
    """The least work the same answer needs: gather each form's column of points, sum the marked ones, count
    deprivations, compare with the lines."""
    col = np.where(arrays["urban"], len(COLUMNS) - 1, arrays["column"])
    a = np.einsum("nr,nr->n", arrays["marked"].astype(np.int32), points[col])
    b = (arrays["b2"] == 1).sum(axis=1)
    line = np.where(arrays["urban"], 175, 140)
    within = a <= line
    return np.where(within, np.where(b >= 3, 0, 1), 2)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--records", type=int, default=20_000, help="forms through ntp.assess")
    ap.add_argument("--scored", type=int, default=1_000_000, help="forms through ReviewScorer.score")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    ruleset = ntp.ruleset("poverty.review", ON)
    order = rows(ruleset)
    rng = np.random.default_rng(7)
    arrays = synthetic_columns(rng, args.n, order)
    forms = forms_from(arrays, order, args.records)
    households = [ntp.Household(area="rural", reference_date=ON, monthly_income_per_capita=int(x),
                                deprivation_count=int(c))
                  for x, c in zip(rng.integers(0, 4_000_000, args.records), rng.integers(0, 12, args.records),
                                  strict=True)]
    ntp.assess(forms[0])
    ntp.assess(households[0])
    per_form = timed(lambda: [ntp.assess(f) for f in forms[:20_000]], args.repeat, keep=False)
    report("per record: review form (B1 scorecard + B2)", min(len(forms), 20_000), per_form)
    per_household = timed(lambda: [ntp.assess(h) for h in households[:20_000]], args.repeat, keep=False)
    report("per record: household from income + count (NĐ 07)", min(len(households), 20_000), per_household)
    print(f"  review form / household classification time per record: {per_form.best / per_household.best:.2f}x")
    scorer = ReviewScorer(ruleset)
    assert all(scorer.score(f).outcome is ntp.assess(f).outcome for f in forms[:2000])  # type: ignore[union-attr]
    wall, cpu, median = per_record_scorer(scorer, rng, order, args.scored, args.repeat)
    print(f"{'per record, no explanation: ReviewScorer.score':<52} {args.scored:>9,} forms  min {wall:8.3f} s  "
          f"median {median:8.3f} s {args.scored / wall:>13,.0f} /s at min ({args.scored / cpu:,.0f} /s by CPU time) "
          f"process peak RSS {process_peak_rss_mib():,.0f} MiB")
    print(f"  target: 200,000 forms/s per record; ReviewScorer / household classification (forms/s over "
          f"households/s): {(args.scored / wall) / (min(len(households), 20_000) / per_household.best):.1f}x")
    sample = forms[:2000]
    expected = np.array([CODES[a.outcome] if a.outcome is not None else UNDECIDED  # type: ignore[index]
                         for a in map(ntp.assess, sample)], np.int8)
    assert np.array_equal(score_columns(ruleset, **arrays_of(sample, ruleset)).classes, expected)
    columnar = timed(lambda: score_columns(ruleset, **arrays), args.repeat, keep=False)
    report("columnar: score_columns (numpy)", args.n, columnar)
    points = score_columns.__globals__["_tables"](ruleset).low
    bare = timed(lambda: bare_numpy(arrays, points), args.repeat, keep=False)
    report("bare numpy pass over the same columns", args.n, bare)
    print(f"  columnar / bare numpy: {columnar.best / bare.best:.2f}x (target ≤ 3x)")
    print(f"  columnar / per record (forms/s): {(args.n / columnar.best) / (len(forms) / per_form.best):,.0f}x")


if __name__ == "__main__":
    main()
