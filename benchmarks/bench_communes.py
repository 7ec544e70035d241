"""Benchmark: score synthetic communes against the NTM commune set (QĐ 318 as encoded), with full explanations, and
the same checks written for the `rule-engine` package, in the same run.

    pip install rule-engine && python benchmarks/bench_communes.py [--n 8000] [--repeat 5] [--shape full] [--no-peer]

The communes are derived from the rules data, so they follow it as it grows. ``--shape full`` (the default): each
criterion is recorded either as a whole (đạt / không đạt, as appraisal reports give it; about 1 in 4, and always
when an indicator cannot be decided from values) or indicator by indicator: a yes/no for an indicator without a
threshold, a rate with one decimal place around the threshold (``Decimal``, so nearly every commune has values no
other commune has) for one with a threshold. ``--shape criteria`` records every criterion as a whole (the lower
bound of the work per commune). ``--n`` sets the number of communes (the issue asks for 10,000; the country has
about 8,000).

"Explanation" is the full Vietnamese text of ``Assessment.explain("vi")`` for every commune: the outcome, a line
per criterion and per indicator with the value observed, the threshold compared against (scope and source) or the
reason it is missing, and the unverified numbers the outcome rests on.

What the figures mean (how they are measured: ``benchmarks/_measure.py``):

* ``ntp_criteria``: wall-clock seconds to assess the ``--n`` communes and to explain every assessment, min and
  median of ``--repeat`` runs. The communes are built before anything is timed. Each run assesses against a
  fresh copy of the ruleset, so it pays for compiling the ruleset and for every result it remembers (nothing is
  carried over from an earlier run), with Python's garbage collector on; a run's assessments and texts are
  dropped before the next starts.
* ``~8,000 communes``: that total scaled to 8,000 communes (the target: under 0.5 s).
* ``CPU time``: the process's CPU seconds for each run (``time.process_time``), min and median: on a shared
  machine, closer to what the run costs than its wall-clock time.
* ``measured phase peak``: the memory allocated during one more run (tracemalloc), inputs not counted;
  ``process peak resident memory``: the whole process (``getrusage``), inputs and kept results included.
* ``bare Python floor``: what no pure-Python engine can go below: the same communes read value by value, one line
  of text remembered per distinct value and joined into one text per commune, with no rule compared, decided or
  cited (min and median of ``--repeat`` runs), and our time as a multiple of it.
* ``rule-engine``: the peer's time for the same communes, min and median of ``--repeat`` runs.
* ``ratio``: the peer's time divided by ours with explanations, at min and at median (the target: at least
  5x), and the number of communes on which both give the same outcome (all of them, or one side is wrong).

The rule-engine peer is written as its users write it: one rule per criterion, compiled once before anything is
timed (one set per region, with and without the exception for particularly difficult communes, the thresholds
written into the rule text as the legal table gives them), matched against a flat record with one symbol per value
(``o_17_1``, ``f_<fact>``; null where nothing is recorded, as a table's row holds it; built before timing, as our
``Commune`` values are). Each rule is the recorded result of the criterion, or every indicator (a yes/no, or the
value against the threshold). Its "explanation" is the list of criteria not met. The benchmark prints figures and
ratios; it asserts nothing about time."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from _measure import phase_peak_mib, process_peak_rss_mib, timed

import ntp_criteria as ntp

ON = dt.date(2024, 6, 1)
FACT = "fact:"


def _decidable(ind: ntp.Indicator) -> bool:
    """Whether values alone decide the indicator (a yes/no, or a value and a threshold)."""
    if ind.measure is not None and not ind.measure.startswith(FACT):
        return False
    return not (ind.measure is not None and not ind.thresholds)


def communes(n: int, rs: ntp.Ruleset, shape: str = "full") -> list[ntp.Commune]:
    rng = random.Random(318)
    regions = list(ntp.Region)
    out = []
    for i in range(n):
        obs: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        for c in rs.criteria:
            whole = (shape == "criteria" or not c.indicators or rng.random() < 0.25
                     or not all(_decidable(ind) for ind in c.indicators))
            if whole:
                obs[c.code] = rng.random() < 0.9
                continue
            for ind in c.indicators:
                if not ind.thresholds:
                    obs[ind.code] = rng.random() < 0.95
                    continue
                t = max(ind.thresholds, key=lambda t: t.value)
                value = (t.value * Decimal(rng.uniform(0.85, 1.2))).quantize(Decimal("0.1"))
                if ind.measure is not None:
                    facts[ind.measure.removeprefix(FACT)] = value
                else:
                    obs[ind.code] = value
        flags = {"particularly_difficult"} if rng.random() < 0.1 else set()
        out.append(ntp.Commune(name=f"X{i}", reference_date=ON, region=rng.choice(regions), flags=flags,
                               observations=obs, facts=facts))
    return out


_RULE_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "=="}
DIFFICULT = "particularly_difficult"


def symbol(name: str, prefix: str) -> str:
    """A rule-engine symbol for a code or a fact name (``17.1`` → ``o_17_1``)."""
    return prefix + "".join(ch if ch.isalnum() else "_" for ch in name)


def peer_symbols(rs: ntp.Ruleset) -> list[str]:
    """Every symbol the peer's rules read: a criterion's or an indicator's code, or a fact's name."""
    names = [symbol(c.code, "o_") for c in rs.criteria]
    for _, ind in rs.indicators():
        fact = ind.measure is not None and ind.measure.startswith(FACT)
        names.append(symbol(ind.measure.removeprefix(FACT), "f_") if fact else symbol(ind.code, "o_"))  # type: ignore[union-attr]
    return list(dict.fromkeys(names))


def peer_values(c: ntp.Commune, symbols: list[str]) -> dict[str, Any]:
    """A commune as rule-engine users hold one: a flat record (a table's row), one symbol per value, null where
    nothing is recorded."""
    values: dict[str, Any] = dict.fromkeys(symbols)
    values.update((symbol(code, "o_"), value) for code, value in c.observations)
    values.update((symbol(name, "f_"), value) for name, value in c.facts)
    return values


def peer_key(c: ntp.Commune) -> tuple[object, bool]:
    """What picks a commune's thresholds: its region, and whether it is particularly difficult."""
    return c.region, DIFFICULT in c.flags


def rule_engine_peer(rs: ntp.Ruleset) -> Callable[[tuple[object, bool], dict[str, Any]], tuple[bool, list[str]]]:
    """The same checks written the way rule-engine's users write them: one rule per criterion, compiled once (for
    each region, with and without the exception for particularly difficult communes, the thresholds written into
    the rule as the legal table gives them), evaluated against a flat record with one symbol per value."""
    import rule_engine

    def check(ind: ntp.Indicator, scope: Any) -> str:
        if not _decidable(ind):
            return "false"  # not decidable from values: never met here (the benchmark records such criteria)
        value = symbol(ind.code, "o_") if ind.measure is None else symbol(ind.measure.removeprefix(FACT), "f_")
        if not ind.thresholds:
            return f"{value} == true"
        t = ind.threshold_for(scope)
        if t is None:
            return "false"
        return f"({value} != null and {value} {_RULE_OPS[t.op.value]} {t.value})"

    compiled: dict[tuple[object, bool], dict[str, Any]] = {}
    for region in ntp.Region:
        for difficult in (False, True):
            probe = ntp.Commune(name="probe", reference_date=ON, region=region,
                                flags={DIFFICULT} if difficult else set())
            scope, _ = rs.scope_for(probe.scope_values(), probe.flags)  # the region exception, as the data has it
            rules = {}
            for c in rs.criteria:
                whole = symbol(c.code, "o_")
                text = f"{whole} == true"
                if c.indicators:
                    text += f" or ({whole} == null and {' and '.join(check(i, scope) for i in c.indicators)})"
                rules[c.code] = rule_engine.Rule(text)
            compiled[region, difficult] = rules

    def score(key: tuple[object, bool], values: dict[str, Any]) -> tuple[bool, list[str]]:
        failed = [code for code, rule in compiled[key].items() if not rule.matches(values)]
        return not failed, failed  # the peer's "explanation": which criteria are not met

    return score


def bare_floor(rs: ntp.Ruleset, cs: list[ntp.Commune]) -> Callable[[], list[str]]:
    """A lower bound for any pure-Python engine: no rules at all, only the reading and writing every assessment
    with an explanation needs. For each commune, each criterion and indicator code (and fact) is read from the
    commune's values and stands for one line of text, remembered by code and value (a line is written once per
    distinct value, as any explanation must); the lines are joined into one text per commune. Nothing is compared,
    decided or cited."""
    reads: list[tuple[str, bool]] = []  # (code or fact name, whether it is a fact), in the order of the text
    for c in rs.criteria:
        reads.append((c.code, False))
        for ind in c.indicators:
            fact = ind.measure is not None and ind.measure.startswith(FACT)
            reads.append((ind.measure.removeprefix(FACT), True) if fact else (ind.code, False))  # type: ignore[union-attr]

    def run() -> list[str]:
        lines: dict[tuple[str, object], str] = {}
        texts = []
        for c in cs:
            observations, facts = c.observations, c.facts
            out = []
            for name, fact in reads:
                x = facts.get(name) if fact else observations.get(name)
                key = (name, str(x) if x.__class__ is Decimal else x)
                line = lines.get(key)
                if line is None:
                    line = lines[key] = f"  {name}: {x}"
                out.append(line)
            texts.append("\n".join(out))
        return texts

    return run


def ours_once(rs: ntp.Ruleset, cs: list[ntp.Commune]) -> tuple[float, float, list[ntp.Assessment], list[str], float]:
    """Assess and explain every commune against a fresh copy of ``rs``: nothing is remembered from an earlier
    run (the engine compiles and remembers per ruleset object), so each run includes that warm-up. Returns the
    wall-clock seconds of each phase, the assessments, the texts and the CPU seconds of the whole run."""
    fresh = attrs.evolve(rs)
    c0 = time.process_time()
    t0 = time.perf_counter()
    ours = [ntp.assess(c, fresh) for c in cs]
    t1 = time.perf_counter()
    texts = [a.explain("vi") for a in ours]
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, ours, texts, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8_000, help="communes to score (10000 for the issue's figure)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each side; min and median are reported")
    ap.add_argument("--shape", choices=("full", "criteria"), default="full",
                    help="full: criteria or indicators recorded; criteria: every criterion recorded as a whole")
    ap.add_argument("--no-peer", action="store_true", help="leave rule-engine out")
    args = ap.parse_args()
    rs = ntp.ruleset("ntm.commune", ON)
    cs = communes(args.n, rs, args.shape)  # the inputs, built before anything is timed or measured
    n_ind = sum(len(c.indicators) for c in rs.criteria)
    print(f"{rs.cite}: {len(rs.criteria)} criteria, {n_ind} indicators; shape {args.shape!r}: "
          f"{sum(len(c.observations) + len(c.facts) for c in cs) / len(cs):.1f} values per commune")

    runs = []
    cpu = []
    for _ in range(args.repeat):
        gc.collect()
        t_assess, t_explain, ours, texts, t_cpu = ours_once(rs, cs)
        runs.append((t_assess, t_explain))
        cpu.append(t_cpu)
        if len(runs) < args.repeat:
            del ours, texts  # a run's assessments and texts are dropped before the next run starts
    totals = [a + e for a, e in runs]
    best_assess, best_explain = min(runs, key=sum)
    ours_min, ours_median = min(totals), statistics.median(totals)
    ours_mib = phase_peak_mib(lambda: ours_once(rs, cs))
    print(f"ntp_criteria: {args.n:,} communes assessed and explained: min {ours_min:.3f} s (assess "
          f"{best_assess:.3f} s + explain {best_explain:.3f} s), median {ours_median:.3f} s of {args.repeat} runs; "
          f"{args.n / ours_min:,.0f}/s at min; {sum(map(len, texts)) / len(texts):,.0f} characters of explanation "
          f"each; ~8,000 communes: {8000 * ours_min / args.n:.2f} s (median {8000 * ours_median / args.n:.2f} s)")
    print(f"  CPU time: min {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s (what a run cost, less disturbed "
          f"than wall-clock time by other work on a shared machine); measured phase peak {ours_mib:,.1f} MiB "
          f"(tracemalloc, one more run)")
    undecided = sum(a.outcome is None for a in ours)
    if undecided:
        print(f"  {undecided:,} outcomes undecided")

    floor = timed(bare_floor(rs, cs), args.repeat)
    print(f"bare Python floor (no rules: read every value, one remembered line per value, one text per commune): "
          f"{args.n:,} communes, {floor.text(args.n, 'communes')}; ntp_criteria is {ours_min / floor.best:.1f}x "
          f"the floor at min")

    if not args.no_peer:
        try:
            peer = rule_engine_peer(rs)  # compiled once, before anything is timed
        except ImportError:
            print("rule-engine is not installed: pip install rule-engine for the comparison")
            peer = None
        if peer is not None:
            symbols = peer_symbols(rs)
            records = [(peer_key(c), peer_values(c, symbols)) for c in cs]  # the peer's inputs, built before timing

            def run_peer() -> list[tuple[bool, list[str]]]:
                return [peer(key, values) for key, values in records]

            theirs_t = timed(run_peer, args.repeat)
            theirs = theirs_t.result
            peer_mib = phase_peak_mib(run_peer)
            agree = sum((a.outcome is ntp.ntm.CriteriaMet.MET) == met
                        for a, (met, _) in zip(ours, theirs, strict=True))
            print(f"rule-engine (one symbol per value, rules compiled once): {args.n:,} communes, "
                  f"{theirs_t.text(args.n, 'communes')}; measured phase peak {peer_mib:,.1f} MiB")
            print(f"  same outcome on {agree:,} of {args.n:,} communes"
                  + ("" if agree == args.n else "  <- THE PEER AND ntp_criteria DISAGREE"))
            print(f"ratio: ntp_criteria (with explanations) is {theirs_t.best / ours_min:.2f}x rule-engine at min, "
                  f"{theirs_t.median / ours_median:.2f}x at median (target: at least 5x)")
    print(f"process peak resident memory {process_peak_rss_mib():,.0f} MiB (inputs and kept results included)")


if __name__ == "__main__":
    main()
