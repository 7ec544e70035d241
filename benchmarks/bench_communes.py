"""Benchmark: score synthetic communes against the NTM commune set (QĐ 318 as encoded), with full
explanations, and the same checks written for the `rule-engine` package, in the same run.

    pip install rule-engine && python benchmarks/bench_communes.py [--n 10000]

Prints communes per second and the ratio; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from typing import Any

import ntp_criteria as ntp

ON = dt.date(2024, 6, 1)
RECORDED = [str(i) for i in (1, 2, 4, 5, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19)]


def communes(n: int) -> list[ntp.Commune]:
    rng = random.Random(318)
    regions = list(ntp.Region)
    out = []
    for i in range(n):
        obs: dict[str, Any] = {c: rng.random() < 0.9 for c in RECORDED}
        obs.update({"3.1": rng.randint(60, 100), "3.2": True, "6.1": True, "6.2": rng.random() < 0.9, "6.3": 100,
                    "8.1": True, "8.2": True, "8.3": rng.random() < 0.9, "8.4": True, "15.1": True, "15.2": True,
                    "15.3": rng.randint(10, 30), "15.4": True})
        flags = {"particularly_difficult"} if rng.random() < 0.1 else set()
        out.append(ntp.Commune(name=f"X{i}", reference_date=ON, region=rng.choice(regions), flags=flags,
                               observations=obs))
    return out


def rule_engine_peer(rs: ntp.Ruleset) -> Any:
    """The same checks as rule-engine rules: one rule per criterion, the region exception, the thresholds."""
    import rule_engine

    stunting = {t.scope.get("region"): float(t.value) for t in rs.indicator("15.3").thresholds}
    rules = {c: rule_engine.Rule(f"o['{c}'] == true") for c in RECORDED}
    rules["3"] = rule_engine.Rule("o['3.1'] >= 80 and o['3.2'] == true")
    rules["6"] = rule_engine.Rule("o['6.1'] and o['6.2'] and o['6.3'] >= 100")
    rules["8"] = rule_engine.Rule("o['8.1'] and o['8.2'] and o['8.3'] and o['8.4']")
    rules["15"] = rule_engine.Rule("o['15.1'] and o['15.2'] and o['15.4'] and o['15.3'] <= limit")

    def score(c: ntp.Commune) -> tuple[bool, list[str]]:
        region = "tdmnpb" if "particularly_difficult" in c.flags else c.region.value  # type: ignore[union-attr]
        ctx = {"o": dict(c.observations), "limit": stunting[region]}
        failed = [code for code, rule in rules.items() if not rule.matches(ctx)]
        return not failed, failed  # the peer's "explanation": which criteria failed

    return score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    rs = ntp.ruleset("ntm.commune", ON)
    cs = communes(args.n)

    t0 = time.perf_counter()
    ours = [ntp.assess(c, rs) for c in cs]
    t_assess = time.perf_counter() - t0
    t0 = time.perf_counter()
    texts = [a.explain("vi") for a in ours]
    t_explain = time.perf_counter() - t0
    ours_total = t_assess + t_explain
    print(f"ntp_criteria: {args.n:,} communes, assess {t_assess:.3f} s + explain {t_explain:.3f} s = "
          f"{ours_total:.3f} s ({args.n / ours_total:,.0f}/s); ~8,000 communes: {8000 * ours_total / args.n:.2f} s")
    assert len(texts) == args.n

    try:
        peer = rule_engine_peer(rs)
    except ImportError:
        print("rule-engine is not installed: pip install rule-engine for the comparison")
        return
    t0 = time.perf_counter()
    theirs = [peer(c) for c in cs]
    t_peer = time.perf_counter() - t0
    agree = sum((a.outcome is ntp.ntm.CriteriaMet.MET) == met for a, (met, _) in zip(ours, theirs, strict=True))
    print(f"rule-engine:  {args.n:,} communes in {t_peer:.3f} s ({args.n / t_peer:,.0f}/s); "
          f"agree on {agree:,} of {args.n:,}")
    print(f"ratio: ntp_criteria (with explanations) is {t_peer / ours_total:.1f}x rule-engine")


if __name__ == "__main__":
    main()
