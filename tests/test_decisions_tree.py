"""The tree of decisions of a plan (``_plan._Decisions``, issue #17) remembers what it should, and only that.

* Every decision the rule made for a batch is found again when the batch is assessed a second time (each miss
  adds its whole path, going on from where the search stopped), and equals the rule's own.
* A value read for one subject only matches itself: the tree keeps it alive, so no later value takes its identity.
* With verdicts built for one subject only (the plan's store of verdicts full), communes in a row decide as the
  reference decides.
* Equal decisions reached by different paths are kept as one object.
"""

from __future__ import annotations

import random
import weakref
from typing import Any

import attrs

import ntp_criteria as ntp
from ntp_criteria.engine import _plan, assess_reference
from ntp_criteria.engine.registry import Decision

from .test_commune_fast_paths import RULESET, _commune, _decisions, _outcome


def test_a_batch_assessed_again_finds_every_decision_it_made(monkeypatch: Any) -> None:
    """A miss remembers the rule's decision under the whole path it read: the same communes again are all found."""
    rng = random.Random(17)
    rs = attrs.evolve(RULESET)
    communes = [_commune(rng, k) for k in range(300)]
    misses = 0
    original = _plan._Decisions.find

    def counting(self: _plan._Decisions, parts: list[_plan._Fresh]) -> Any:
        nonlocal misses
        found = original(self, parts)
        misses += found.__class__ is int  # a miss: where the search stopped
        return found

    monkeypatch.setattr(_plan._Decisions, "find", counting)
    first = [ntp.assess(c, rs) for c in communes]
    assert misses > 20  # the batch reaches situations the tree had not seen
    trees = _decisions(rs)
    assert not any(d.full for d in trees)
    # each miss added one leaf (a decision), or found that an equal one is kept
    assert sum(1 for d in trees for p in d.places if p.__class__ is not tuple) == misses
    misses = 0
    again = [ntp.assess(c, rs) for c in communes]
    assert misses == 0
    assert again == first
    for commune, got in zip(communes[:60], again, strict=False):
        ref = assess_reference(commune, rs)
        assert got == ref and repr(got) == repr(ref)


def test_values_built_for_one_subject_match_only_themselves(monkeypatch: Any) -> None:
    """With no criterion verdict shared between subjects (the plan's store of verdicts full), many values the rule
    reads are the subject's own, freed with its assessment: communes in a row still decide as the reference does."""
    monkeypatch.setattr(_plan, "_CRITERIA_LIMIT", 0)
    rng = random.Random(5)
    rs = attrs.evolve(RULESET)
    for k in range(400):
        commune = _commune(rng, k)
        ref_kind, ref = _outcome(assess_reference, commune, rs)
        expected = (ref_kind, repr(ref))
        del ref
        # nothing of the assessment is kept (only its text), so what it alone held is freed before the next
        got = _outcome(lambda c: repr(ntp.assess(c, rs)), commune)
        assert got == expected
    assert all(d.nodes <= _plan._DECISION_NODES for d in _decisions(rs))


class _Value:
    """A verdict built for one subject only (weakly referable, so a test sees whether it is still alive)."""

    __slots__ = ("__weakref__",)


@attrs.frozen
class _Part:
    """What the tree reads of a part: its verdicts and results."""

    vs: tuple[object, ...]
    rc: tuple[object, ...] = ()


def _parts(value: object) -> list[Any]:
    """Parts whose first verdict is ``value``."""
    return [_Part((value,))]


def test_a_value_read_for_one_subject_matches_only_itself() -> None:
    """The tree keeps each value it remembers a path by: a later value built the same way (under CPython, most often
    in the memory just freed) never finds that path's decision."""
    tree = _plan._Decisions()
    decisions = [Decision(None, (), frozenset({f"c{k}"})) for k in range(50)]
    alive = []
    for decision in decisions:
        value = _Value()
        parts = _parts(value)
        stopped = tree.find(parts)
        assert isinstance(stopped, int)
        assert tree.add([(0, 0, 0, value)], decision, stopped) is decision
        assert tree.find(parts) is decision
        alive.append(weakref.ref(value))
        del value, parts
    assert all(ref() is not None for ref in alive)
    for _ in range(200):
        assert isinstance(tree.find(_parts(_Value())), int)
    assert tree.nodes == 50


def test_equal_decisions_are_kept_once() -> None:
    """Paths that lead to equal decisions share one decision object (the first one remembered)."""
    tree = _plan._Decisions()
    first, second = Decision(None, (), frozenset({"c1"})), Decision(None, (), frozenset({"c1"}))
    a, b = _Value(), _Value()
    stopped = tree.find(_parts(a))
    assert stopped == -1  # the tree is empty
    assert tree.add([(0, 0, 0, a)], first, stopped) is first
    stopped = tree.find(_parts(b))
    assert stopped == 0  # the search stopped at the root
    assert tree.add([(0, 0, 0, b)], second, stopped) is first
    assert tree.find(_parts(b)) is first
