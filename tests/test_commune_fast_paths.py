"""The commune fast paths of issue #17 give exactly what the reference gives.

* A plan reads a Decimal recorded for an indicator, or held in the named fact its ``fact:`` measure reads, by the
  Decimal's text (the key its results are shared by): communes in a row against one fresh ruleset, with the same
  numbers written differently (``85``, ``85.0``, ``85.00``, ``-0``, a whole number, a yes/no), each equal the
  reference assessment, with the same explanation in both languages.
* A plan finds the decision of an outcome rule that decides from statuses alone by replaying what the rule read for
  an earlier subject (``_Decisions``): the communes of a row, strict or not, decide as the rule decides for each
  of them, and the tree of what was read stays within its bound.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import attrs
import hypothesis.strategies as st
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.core.results import parts_of
from ntp_criteria.engine import _plan, assess_reference
from ntp_criteria.engine.registry import OutcomeInputs, run_outcome_rule

ON = dt.date(2024, 6, 1)
RULESET = ntp.ruleset("ntm.commune", ON)
FACT = "fact:"

# numbers around the thresholds, each written several ways (the text is what an explanation shows)
TEXTS = ("85", "85.0", "85.00", "79.5", "100", "100.0", "0", "-0", "0.0", "50", "50.00", "26.5", "26.50", "70",
         "118.8", "99.95", "1E+2")


def _value(rng: random.Random) -> Any:
    kind = rng.random()
    if kind < 0.6:
        return Decimal(rng.choice(TEXTS))
    if kind < 0.75:
        return rng.choice([85, 100, 0, 70])
    return rng.random() < 0.7


def _commune(rng: random.Random, k: int) -> ntp.Commune:
    obs: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    for c in RULESET.criteria:
        if rng.random() < 0.2:
            obs[c.code] = rng.random() < 0.8
            continue
        for ind in c.indicators:
            if rng.random() < 0.1:
                continue  # not recorded: missing
            if ind.measure is not None and ind.measure.startswith(FACT):
                facts[ind.measure.removeprefix(FACT)] = _value(rng)
            elif ind.measure is None:
                obs[ind.code] = _value(rng) if ind.thresholds else rng.random() < 0.9
    flags = {"particularly_difficult"} if rng.random() < 0.2 else set()
    return ntp.Commune(name=f"x{k}", reference_date=ON, region=rng.choice(list(ntp.Region)), flags=flags,
                       observations=obs, facts=facts)


def _outcome(fn: Any, *args: object, **kw: object) -> tuple[str, Any]:
    try:
        return "ok", fn(*args, **kw)
    except Exception as e:  # noqa: BLE001 - the same error, whatever it is
        return "error", (type(e), str(e))


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([False, True, ntp.Status.VERIFIED]))
def test_communes_in_a_row_equal_the_reference(seed: int, strict: bool | ntp.Status) -> None:
    rng = random.Random(seed)
    rs = attrs.evolve(RULESET)  # a fresh ruleset: every shared result and decision is made within the example
    for k in range(50):
        commune = _commune(rng, k)
        kind, got = _outcome(ntp.engine.evaluate, commune, rs, strict=strict)
        ref_kind, ref = _outcome(assess_reference, commune, rs, strict=strict)
        assert (kind, repr(got)) == (ref_kind, repr(ref))
        if kind == "ok":
            assert got == ref
            assert parts_of(got) is not None  # explained from the plan's parts
            for lang in ("vi", "en"):
                assert got.explain(lang) == ref.explain(lang)


def test_a_decimal_is_read_by_its_text() -> None:
    """``85``, ``85.0`` and ``85.00`` are equal numbers written differently: each commune gets its own result, and
    its explanation shows the number as it was written."""
    rs = attrs.evolve(RULESET)
    fact_ind = next(i for _, i in rs.indicators() if i.measure is not None and i.measure.startswith(FACT)
                    and i.thresholds)
    rec_ind = next(i for _, i in rs.indicators() if i.measure is None and i.thresholds)
    fact = fact_ind.measure.removeprefix(FACT)  # type: ignore[union-attr]
    seen = []
    for text in ("85", "85.0", "85.00", "85.0", "85", "1E+2", "100", 85):
        value = Decimal(text) if isinstance(text, str) else text
        commune = ntp.Commune(name="x", reference_date=ON, region=ntp.Region.DBSH,
                              observations={rec_ind.code: value}, facts={fact: value})
        got = ntp.assess(commune, rs)
        assert got == assess_reference(commune, rs)
        assert got.explain("en") == assess_reference(commune, rs).explain("en")
        for code in (rec_ind.code, fact_ind.code):
            observed = got.result(code).observed
            assert isinstance(observed, ntp.Observed)
            assert type(observed.low) is type(value)
            assert str(observed.low) == str(value)
        seen.append(got.result(rec_ind.code))
    assert seen[1] is seen[3] and seen[0] is seen[4]  # the same text: the result is shared
    assert seen[0] is not seen[1] and seen[1] is not seen[2]  # another text: another result


def _decisions(rs: ntp.Ruleset) -> list[_plan._Decisions]:
    return [p.decisions for p in _plan._plans_of(rs).by_scope.values() if p.decisions is not None]


def test_a_remembered_decision_is_the_rules_own() -> None:
    """Every decision found by replaying what the rule read equals the rule's own decision for that subject."""
    rng = random.Random(51)
    rs = attrs.evolve(RULESET)
    found = 0
    original = _plan._Decisions.find

    def check(self: _plan._Decisions, parts: list[_plan._Fresh]) -> Any:
        nonlocal found
        decision = original(self, parts)
        if decision.__class__ is not int:  # found (else where the search stopped)
            found += 1
            plan = next(p for p in _plan._plans_of(rs).by_scope.values() if p.decisions is self)
            again = run_outcome_rule(OutcomeInputs(rs, commune, ON, _plan._ByCode(plan.where, parts, "vs"),
                                                   _plan._ByCode(plan.where, parts, "rc")))
            assert decision == again
        return decision

    _plan._Decisions.find = check  # type: ignore[method-assign]
    try:
        for k in range(400):
            commune = _commune(rng, k)
            kind, got = _outcome(ntp.assess, commune, rs)
            ref_kind, ref = _outcome(assess_reference, commune, rs)
            assert (kind, repr(got)) == (ref_kind, repr(ref))
    finally:
        _plan._Decisions.find = original  # type: ignore[method-assign]
    assert found > 100  # most decisions were found, not decided again
    assert all(d.nodes <= _plan._DECISION_NODES for d in _decisions(rs))


def test_the_tree_of_decisions_stops_at_its_bound(monkeypatch: object) -> None:
    """Past its bound the tree keeps what it has and the rule decides the rest: the same assessments."""
    monkeypatch.setattr(_plan, "_DECISION_NODES", 5)  # type: ignore[attr-defined]
    rng = random.Random(7)
    rs = attrs.evolve(RULESET)
    for k in range(150):
        commune = _commune(rng, k)
        kind, got = _outcome(ntp.assess, commune, rs)
        ref_kind, ref = _outcome(assess_reference, commune, rs)
        assert (kind, repr(got)) == (ref_kind, repr(ref))
    assert all(d.nodes <= 5 for d in _decisions(rs))


def test_communes_recorded_criterion_by_criterion_share_their_results_and_text() -> None:
    """Communes recording every criterion as a whole (đạt / không đạt) repeat the same parts: their results and the
    text of their criteria are built once per combination, and each assessment, each time, is the reference one."""
    rng = random.Random(318)
    rs = attrs.evolve(RULESET)
    communes = [ntp.Commune(name=f"x{k}", reference_date=ON, region=rng.choice([ntp.Region.DBSH, ntp.Region.TN]),
                            observations={c.code: rng.random() < 0.95 for c in RULESET.criteria})
                for k in range(120)]
    for commune in communes + communes[::-1]:
        got, ref = ntp.assess(commune, rs), assess_reference(commune, rs)
        assert got == ref and repr(got) == repr(ref)
        for lang in ("vi", "en"):
            assert got.explain(lang) == ref.explain(lang)
    firsts = [ntp.assess(c, rs) for c in communes[:40]]
    again = [ntp.assess(c, rs) for c in communes[:40]]
    assert all(a.indicators is b.indicators for a, b in zip(firsts, again, strict=True))
