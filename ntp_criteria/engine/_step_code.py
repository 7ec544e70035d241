"""Straight-line code for one criterion of a compiled plan: what :meth:`_Plan._stepwise` and :meth:`_Plan._part` do for
a subject that records values for the criterion's codes, written out indicator by indicator.

Private to the engine. A commune recording every indicator reaches a criterion's step with values that seldom repeat
together (rates with a decimal place), so the step runs once per commune and criterion; written as a loop over the
indicators, most of its time went on the loop itself (zip, dispatch on each indicator's kind, tuples built by
unpacking). Here the loop is unrolled once per *shape* of criterion (the kind of each indicator), compiled once per
shape and bound to each step's own tables as closure constants, the way attrs writes a class's ``__init__``.

The code does exactly what the loop does, in the same order, and hands every case it does not settle to the same
functions (an indicator step's ``run`` / ``unrecorded``, the plan's ``_part``), so its results are the loop's;
the property tests that compare the engine with the reference engine (tests/test_plan.py, test_commune_fast_paths.py)
run through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["step_code"]

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
