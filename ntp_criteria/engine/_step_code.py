"""Straight-line code for a compiled plan: what :meth:`_Plan.run` does for a subject's recorded values, written out
criterion by criterion (:func:`plan_code`), and what :meth:`_Plan._stepwise` and :meth:`_Plan._part` do for one
criterion, written out indicator by indicator (:func:`step_code`).

Private to the engine. A commune recording every indicator reaches a criterion's step with values that seldom repeat
together (rates with a decimal place), so the step runs once per commune and criterion; written as a loop over the
indicators, most of its time went on the loop itself (zip, dispatch on each indicator's kind, tuples built by
unpacking). Here the loop is unrolled once per *shape* of criterion (the kind of each indicator), compiled once per
shape and bound to each step's own tables as closure constants, the way attrs writes a class's ``__init__``.

The plan's code reads each code and fact a criterion reads once, and finds the criterion's shared block by those
values when each is yes, no or nothing (a tuple of True, False and None is never equal to one holding a number, so
the values themselves are the key); it replaces a pass over the subject's values that summed a signature per
criterion, then a look-up per criterion.

The code does exactly what the loop does, in the same order, and hands every case it does not settle to the same
functions (an indicator step's ``run`` / ``unrecorded``, the plan's ``_part``), so its results are the loop's;
the property tests that compare the engine with the reference engine (tests/test_plan.py, test_commune_fast_paths.py)
run through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["plan_code", "step_code"]

# the kinds of indicator step the code tells apart
PLAIN = "plain"  # a value recorded for its code is all it reads (no measure): yes, no, a number
FACT = "fact"  # its ``fact:`` measure reads one named fact when no value is recorded for its code
OTHER = "other"  # anything else (a measure, a test decided by the scope, a threshold clash): the step decides

_FACTORIES: dict[tuple[str, ...], Callable[..., Callable[..., Any]]] = {}


def _indicator_source(j: int, kind: str) -> list[str]:
    """The lines that set ``o{j}``, the outcome of indicator ``j`` from its value ``x{j}``."""
    x, o = f"x{j}", f"o{j}"
    if kind == PLAIN:
        return [
            f"    if {x} is True: {o} = T{j}",
            f"    elif {x} is False: {o} = F{j}",
            f"    elif {x} is None: {o} = N{j}",
            f"    elif {x}.__class__ is Decimal:",
            f"        t = str({x}); {o} = BT{j}(t)",
            f"        if {o} is None: {o} = S{j}.run(subject, {x}); S{j}.keep_text(t, {o})",
            f"    else: {o} = S{j}.run(subject, {x})",
        ]
    if kind == FACT:
        return [
            f"    if {x} is None:",
            f"        h = fact(NAME{j})",
            "        if h.__class__ is Decimal:",
            f"            t = str(h); {o} = BT{j}(t)",
            f"            if {o} is None: {o} = U{j}(subject); S{j}.keep_text(t, {o})",
            f"        else: {o} = U{j}(subject)",
            f"    else: {o} = S{j}.run(subject, {x})",
        ]
    return [f"    {o} = U{j}(subject) if {x} is None else S{j}.run(subject, {x})"]


def _factory(shape: tuple[str, ...]) -> Callable[..., Callable[..., Any]]:
    """The function that binds a step of ``shape`` to its tables and returns its code (compiled once per shape)."""
    found = _FACTORIES.get(shape)
    if found is not None:
        return found
    k = len(shape)
    names = [f"{p}{j}" for j in range(k) for p in ("T", "F", "N", "BT", "S", "U", "NAME")]
    outs = ", ".join(f"o{j}" for j in range(k))
    body = [f"    w, {', '.join(f'x{j}' for j in range(k))} = values"]
    if FACT in shape:
        body.append("    fact = facts.get")
    for j, kind in enumerate(shape):
        body += _indicator_source(j, kind)
    body += [
        # what was recorded for the criterion itself, as _stepwise tags it
        "    if w is None: tag = 0",
        "    elif w is True: tag = 1",
        "    elif w is False: tag = 2",
        "    elif w.__class__ is int: tag = ('count', w)",
        "    else: return PART(subject, STEP, [" + outs + "], None)",
        # _part: a shared block when every outcome is shared; else, when some outcome was built by value (not a
        # block's key), the criterion's result by the statuses, remembered; anything else is _part's to do
        "    if " + " or ".join(f"o{j}[3] is None" for j in range(k)) + ":",
        "        found = RESULTS((tag, " + ", ".join(f"o{j}[2]" for j in range(k)) + "))",
        "        if found is not None:",
        "            return FRESH(STEP, (" + ", ".join(f"o{j}[0]" for j in range(k)) + ",), found[0], ("
        + ", ".join(f"o{j}[1]" for j in range(k)) + ", found[1]), True)",
        "    else:",
        "        block = BLOCKS((tag, " + ", ".join(f"o{j}[3]" for j in range(k)) + "))",
        "        if block is not None: return block",
        "    return PART(subject, STEP, [" + outs + "], tag)",
    ]
    source = "\n".join([
        f"def factory({', '.join(names)}, RESULTS, BLOCKS, PART, STEP, FRESH, Decimal):",
        "  def unrolled(subject, values, facts):",
        *("  " + line for line in body),
        "  return unrolled",
    ])
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<ntp_criteria step code {'-'.join(shape)}>", "exec"), namespace)
    factory: Callable[..., Callable[..., Any]] = namespace["factory"]
    _FACTORIES[shape] = factory
    return factory


def step_code(step: Any, indicators: Sequence[Any], part: Callable[..., Any], fresh: type) -> Callable[..., Any] | None:
    """The straight-line code of ``step`` (a _CriterionStep of the plan whose ``_part`` is ``part``; ``fresh`` the
    class of parts built for one subject), or None for a criterion without indicators (nothing to unroll)."""
    if not indicators:
        return None
    shape = tuple(PLAIN if s.plain else FACT if s.fact is not None else OTHER for s in indicators)
    args: list[object] = []
    for s in indicators:
        plain = s.plain
        args += [s.rec_true if plain else None, s.rec_false if plain else None, s.no_value if plain else None,
                 s.by_text.get, s, s.unrecorded, s.fact]
    return _factory(shape)(*args, step.results.get, step.blocks.get, part, step, fresh, Decimal)


_PlanShape = tuple[tuple[tuple[str, ...], tuple[str, ...], bool, bool], ...]
_PLAN_FACTORIES: dict[_PlanShape, Callable[..., Callable[..., Any]]] = {}


def _plan_factory(shape: _PlanShape) -> Callable[..., Callable[..., Any]]:
    """The function that binds a plan of ``shape`` (per criterion: its codes, the facts it reads, whether its part
    follows from those values alone, whether it has step code) to its tables and returns its code, compiled once per
    shape."""
    found = _PLAN_FACTORIES.get(shape)
    if found is not None:
        return found
    body = ["    fresh = False"]
    for n, (codes, facts, by_value, unrolled) in enumerate(shape):
        names = [f"a{n}_{k}" for k in range(len(codes))]
        body += [f"    {name} = get({code!r})" for name, code in zip(names, codes, strict=True)]
        values = f"[{', '.join(names)}]"
        # the criterion's part from its values, by its step code when the subject's named facts are a dict
        stepwise = (f"UNROLLED{n}(subject, {values}, facts) if facts is not None else "
                    f"STEPWISE(subject, STEP{n}, {values}, facts)" if unrolled
                    else f"STEPWISE(subject, STEP{n}, {values}, facts)")
        if by_value:
            read = names + [f"f{n}_{k}" for k in range(len(facts))]
            body += [f"    f{n}_{k} = fact({name!r})" for k, name in enumerate(facts)]
            key = f"({', '.join(read)},)"
            body += [
                # yes, no or nothing for every value read: the part is the block kept for those values, if any
                "    if " + " and ".join(f"({x} is None or {x} is True or {x} is False)" for x in read) + ":",
                f"        p{n} = BLOCK{n}({key})",
                f"        if p{n} is None:",
                f"            p{n} = NEW(subject, STEP{n}, {values}, facts, {key})",
                f"            if p{n}.__class__ is FRESH: fresh = True",
                "    else:",
                f"        p{n} = {stepwise}",
                f"        if p{n}.__class__ is FRESH: fresh = True",
            ]
        else:
            body += [f"    p{n} = {stepwise}",
                     f"    if p{n}.__class__ is FRESH: fresh = True"]
    body.append(f"    return [{', '.join(f'p{n}' for n in range(len(shape)))}], fresh")
    args = [f"{p}{n}" for n in range(len(shape)) for p in ("STEP", "BLOCK", "UNROLLED")]
    source = "\n".join([
        f"def factory({', '.join(args)}, NEW, STEPWISE, FRESH):",
        "  def unrolled(subject, get, fact, facts):",
        *("  " + line for line in body),
        "  return unrolled",
    ])
    namespace: dict[str, Any] = {}
    exec(compile(source, "<ntp_criteria plan code>", "exec"), namespace)
    factory: Callable[..., Callable[..., Any]] = namespace["factory"]
    if len(_PLAN_FACTORIES) > 256:  # many hand-made rulesets: start afresh rather than grow
        _PLAN_FACTORIES.clear()
    _PLAN_FACTORIES[shape] = factory
    return factory


def plan_code(steps: Sequence[Any], new_block: Callable[..., Any], stepwise: Callable[..., Any],
              fresh: type) -> Callable[..., tuple[list[Any], bool]]:
    """The straight-line code of a plan's criteria (``steps``, its _CriterionSteps in order) for one subject: each
    criterion's values read once by ``get(code)`` and ``fact(name)``, its part the block kept for those values when
    each is yes, no or nothing (``step.by_values``), else built by ``new_block`` (which keeps a new block) or
    ``stepwise``. Returns the parts and whether one of them was built for this subject alone (of class ``fresh``)."""
    shape = tuple((tuple(s.codes), tuple(s.facts), bool(s.by_value), s.unrolled is not None) for s in steps)
    args: list[object] = []
    for s in steps:
        args += [s, s.by_values.get, s.unrolled]
    return _plan_factory(shape)(*args, new_block, stepwise, fresh)
