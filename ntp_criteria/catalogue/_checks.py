"""The consistency checks the loader runs on built rulesets, each problem naming its path.

:func:`check_ruleset` holds for every ruleset, whatever its law: its dates in order, its dimensions and scope
rules declared, each code used once, a count threshold just where the roll-up counts, and the thresholds of
each indicator covering every declared scope exactly once. Across files, :func:`check_family_periods` keeps
the rulesets of one family from being in force on the same day, and :func:`check_family_ends` keeps any in
force once its family has ended (or its unencoded successor has taken over).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from ..core.errors import Problem
from ..core.model import Rollup, Ruleset, ScopeValue, Threshold
from ..engine import is_known_measure, known_outcome_rules, outcome_rule_named
from ._schema import SCOPE_DIMENSIONS, FamilyEnd, NotEncoded


def check_ruleset(rs: Ruleset, path: str) -> list[Problem]:
    """Structure checks that hold for every ruleset, whatever its law."""
    problems: list[Problem] = []
    if rs.valid_to is not None and rs.valid_to < rs.valid_from:
        problems.append(Problem(f"{path}.valid_to", f"{rs.valid_to} is before valid_from {rs.valid_from}"))
    declared = {d.name: d.values for d in rs.dimensions}
    for k, rule in enumerate(rs.scope_rules):
        if rule.dimension not in declared or rule.value not in declared[rule.dimension]:
            problems.append(Problem(f"{path}.scope_rules[{k}]",
                                    f"{rule.dimension}={rule.value!r} is not a declared dimension value"))
    for name in declared:
        if name not in SCOPE_DIMENSIONS:
            problems.append(Problem(f"{path}.dimensions.{name}", f"unknown dimension; known: {SCOPE_DIMENSIONS}"))
    if "year" in declared and rs.valid_to is not None:
        in_force = set(range(rs.valid_from.year, rs.valid_to.year + 1))
        gap = sorted(in_force - set(declared["year"]))
        if gap:
            problems.append(Problem(f"{path}.dimensions.year", f"years in force but not declared: {gap}"))

    codes: set[str] = set()
    for ci, c in enumerate(rs.criteria):
        cpath = f"{path}.criteria[{ci}]"
        for code, where in [(c.code, cpath), *((i.code, f"{cpath}.indicators[{k}]") for k, i in
                                               enumerate(c.indicators))]:
            if code in codes:
                problems.append(Problem(f"{where}.code", f"code {code!r} used twice"))
            codes.add(code)
        if (c.rollup is Rollup.COUNT) != (c.count_threshold is not None):
            problems.append(Problem(f"{cpath}.count_threshold",
                                    "a 'count' roll-up needs a count_threshold, and only it may have one"))
        for ii, ind in enumerate(c.indicators):
            ipath = f"{cpath}.indicators[{ii}]"
            needed = dict(declared)
            for d in ind.applies_to:  # the coverage a test needs is only where the law has it
                unknown = [x for x in d.values if d.name not in declared or x not in declared[d.name]]
                if unknown:
                    problems.append(Problem(f"{ipath}.applies_to.{d.name}", f"values not declared: {unknown}"))
                needed[d.name] = d.values
            problems.extend(_coverage(ind.thresholds, needed, f"{ipath}.thresholds"))
    return problems


def outcome_problems(outcome: str, codes: Iterable[str], path: str) -> list[Problem]:
    """The outcome rule a ruleset names is registered, and the ruleset defines every code it reads."""
    if outcome not in known_outcome_rules():
        return [Problem(path, f"unknown outcome rule {outcome!r}")]
    defined = set(codes)
    lacking = [code for code in outcome_rule_named(outcome).reads if code not in defined]
    if lacking:
        return [Problem(path, (
            f"the outcome rule {outcome!r} reads {', '.join(map(repr, lacking))}, which this ruleset does not define "
            "(a criterion or indicator code renamed or missing?)"))]
    return []


def check_rules_named(rs: Ruleset, path: str) -> list[Problem]:
    """What the loader checks of a rules file's names, for a ruleset built elsewhere (read from a JSON payload):
    each measure and the outcome rule registered, and every code the outcome rule reads defined."""
    problems = [Problem(f"{path}.criteria[{ci}].indicators[{ii}].measure", f"unknown measure {ind.measure!r}")
                for ci, c in enumerate(rs.criteria) for ii, ind in enumerate(c.indicators)
                if ind.measure is not None and not is_known_measure(ind.measure)]
    codes = [c.code for c in rs.criteria] + [i.code for c in rs.criteria for i in c.indicators]
    return problems + outcome_problems(rs.outcome, codes, f"{path}.outcome")


def _coverage(
    thresholds: Iterable[Threshold], declared: dict[str, tuple[ScopeValue, ...]], path: str
) -> list[Problem]:
    """Each combination of the dimensions the thresholds use is matched by exactly one threshold."""
    ts = list(thresholds)
    if not ts:
        return []
    problems: list[Problem] = []
    used = sorted(set().union(*(t.scope.dimensions() for t in ts)))
    for k, t in enumerate(ts):
        for name, value in t.scope:
            if name not in declared:
                problems.append(Problem(f"{path}[{k}].{name}", "dimension not declared by the ruleset"))
            elif value not in declared[name]:
                problems.append(Problem(f"{path}[{k}].{name}",
                                        f"{value!r} is not among the declared values {list(declared[name])}"))
    if problems:
        return problems
    for combo in itertools.product(*(declared[d] for d in used)):
        point = dict(zip(used, combo, strict=True))
        n = sum(1 for t in ts if t.scope.matches(point))
        where = ", ".join(f"{k}={v!r}" for k, v in point.items())
        if n == 0:
            problems.append(Problem(path, f"no threshold for {where} (declared {', '.join(used)})"))
        elif n > 1:
            problems.append(Problem(path, f"{n} thresholds apply to {where}; the law allows one"))
    return problems


def check_family_periods(rulesets: Iterable[tuple[Ruleset, str]]) -> list[tuple[str, Problem]]:
    """Validity periods of one family never overlap; returns (file, problem) pairs."""
    out: list[tuple[str, Problem]] = []
    by_family: dict[str, list[tuple[Ruleset, str]]] = {}
    for rs, file in rulesets:
        by_family.setdefault(rs.family, []).append((rs, file))
    for family, items in by_family.items():
        items.sort(key=lambda x: x[0].valid_from)
        for (a, fa), (b, fb) in itertools.pairwise(items):
            if a.valid_to is None or a.valid_to >= b.valid_from:
                out.append((fb, Problem("$", (
                    f"{family}: {b.instrument.number} from {b.valid_from} overlaps "
                    f"{a.instrument.number} ({a.period}, {fa}); two rulesets in force on one day is an error"))))
    return out


def check_family_ends(ends: Iterable[tuple[FamilyEnd | NotEncoded, str, str]], rulesets: Iterable[Ruleset]
                      ) -> list[tuple[str, Problem]]:
    """Each family ends (or stops being encoded) at most once, names a known family, and has no ruleset in
    force on or after that date; ``ends`` holds (entry, file, path) triples. Returns (file, problem) pairs."""
    by_family: dict[str, list[Ruleset]] = {}
    for rs in rulesets:
        by_family.setdefault(rs.family, []).append(rs)
    out: list[tuple[str, Problem]] = []
    seen: set[str] = set()
    for end, file, path in ends:
        what = ("the successor is encoded: delete this entry" if isinstance(end, NotEncoded)
                else "the family's end")
        if isinstance(end, NotEncoded) and end.until is not None and end.until < end.on:
            out.append((file, Problem(f"{path}.until", f"{end.until.isoformat()} is before on = {end.on.isoformat()}")))
        for family in end.families:
            if family in seen:
                out.append((file, Problem(f"{path}.families", f"{family!r} is given an end twice")))
            seen.add(family)
            if family not in by_family and not isinstance(end, NotEncoded):
                out.append((file, Problem(f"{path}.families", f"no ruleset of family {family!r}")))
            late = [rs for rs in by_family.get(family, []) if rs.valid_to is None or rs.valid_to >= end.on]
            out.extend((file, Problem(f"{path}.on", (
                f"{family}: {rs.instrument.number} ({rs.period}) is in force on or after "
                f"{end.on.isoformat()}, {what}"))) for rs in late)
    return out
