"""The compiled plan (``engine.assess``) gives exactly what the step-by-step reference gives.

``assess`` compiles a ruleset per scope and shares the results that do not depend on a subject's values;
``assess_reference`` computes everything afresh. For any subject and strict level, both return equal
assessments with the same text (``repr``, so ``85.0`` is never ``85``), the same explanations, and the same
error when the input is refused. Each subject is assessed twice, so the second run reads what the first
remembered.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import ntp_criteria as ntp
from ntp_criteria.catalogue import default_catalogue
from ntp_criteria.catalogue._assess import check_inputs
from ntp_criteria.core.places import Commune, Region, Village
from ntp_criteria.engine import assess_reference
from ntp_criteria.testing import strategies as nst

STRICT = st.sampled_from([False, True, ntp.Status.VERIFIED])


def _families(subject: str) -> list[ntp.Ruleset]:
    cat = default_catalogue()
    return [rs for f in cat.families() for rs in ntp.rulesets(f) if rs.subject == subject]


def _values(rs: ntp.Ruleset) -> st.SearchStrategy[object]:
    """Values around the set's thresholds, in more than one spelling (80, 80.0, 80.00), and odd ones."""
    numbers = sorted({t.value for _, i in rs.indicators() for t in i.thresholds}
                     | {c.count_threshold.value for c in rs.criteria if c.count_threshold is not None})
    near = st.sampled_from(numbers or [Decimal(1)]).flatmap(lambda t: st.sampled_from([
        t, t - 1, t + 1, t - Decimal("0.1"), Decimal(f"{t:.1f}"), Decimal(f"{t:.2f}"), int(t)]))
    return (st.booleans() | near | st.integers(min_value=0, max_value=200)
            | st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def _unit(draw: st.DrawFn, kind: str) -> tuple[ntp.Ruleset, Commune | Village]:
    rs = draw(st.sampled_from(_families(kind)))
    return rs, draw(_unit_for(rs, kind))


# provinces with a region derived from them (one in the Mekong Delta), one spelled otherwise, and an unknown one
PROVINCES = st.sampled_from(["Lạng Sơn", "Cần Thơ", "TP. Hà Nội", "tinh lang son", "Nowhere"])


@st.composite
def _unit_for(draw: st.DrawFn, rs: ntp.Ruleset, kind: str) -> Commune | Village:
    codes = [c.code for c in rs.criteria] + [i.code for _, i in rs.indicators()]
    facts = sorted({i.measure.removeprefix("fact:") for _, i in rs.indicators()
                    if i.measure is not None and i.measure.startswith("fact:")})
    values = _values(rs)
    names = st.sampled_from(codes).flatmap(
        lambda c: st.sampled_from([c, f"{rs.family}:{c}", f"other.family:{c}"]))
    obs = draw(st.dictionaries(names, values, max_size=len(codes) + 4))
    fact_values = draw(st.dictionaries(st.sampled_from(facts or ["none"]), values, max_size=len(facts)))
    flags = draw(st.frozensets(st.sampled_from(sorted({f for r in rs.scope_rules for f in r.when_any_flag}
                                                      | {"other"}))))
    end = rs.valid_to or dt.date(2030, 12, 31)
    on = draw(st.dates(min_value=rs.valid_from, max_value=end))
    cls = Commune if kind == "commune" else Village
    return cls(name="x", reference_date=on, region=draw(st.none() | st.sampled_from(Region)),
               province=draw(st.none() | PROVINCES), flags=flags, observations=obs, facts=fact_values)


def _outcome(fn: object, *args: object, **kw: object) -> tuple[str, object]:
    try:
        a = fn(*args, **kw)  # type: ignore[operator]
    except Exception as e:  # noqa: BLE001 - the same error, whatever it is
        return "error", (type(e), str(e))
    return "ok", a


def _reference(subject: ntp.Household | Commune | Village, rs: ntp.Ruleset | None, strict: object
               ) -> ntp.Assessment:
    """What ``ntp.assess`` means: the ruleset in force and the scope derived from the package's catalogue, then
    the engine's reference semantics."""
    cat = default_catalogue()
    rs = rs or cat.in_force(subject.default_family, subject.reference_date)
    unused = check_inputs(subject, rs, cat)  # type: ignore[arg-type]
    return assess_reference(subject, rs, strict=strict, derived=cat.derived_scope(subject),  # type: ignore[arg-type]
                            unused=unused)


def _same(subject: object, rs: ntp.Ruleset | None, strict: object) -> None:
    kind, ref = _outcome(_reference, subject, rs, strict=strict)
    for _ in range(2):
        got_kind, got = _outcome(ntp.assess, subject, rs, strict=strict)
        assert got_kind == kind
        if kind == "error":
            assert got == ref
            continue
        assert repr(got) == repr(ref)
        assert got == ref
        for lang in ("vi", "en"):
            assert got.explain(lang) == ref.explain(lang)  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_unit("commune"), STRICT)
def test_communes_plan_equals_reference(unit: tuple[ntp.Ruleset, Commune], strict: object) -> None:
    rs, commune = unit
    _same(commune, rs, strict)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_unit("village"), STRICT)
def test_villages_plan_equals_reference(unit: tuple[ntp.Ruleset, Village], strict: object) -> None:
    rs, village = unit
    _same(village, rs, strict)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nst.households(), STRICT)
def test_households_plan_equals_reference(household: ntp.Household, strict: object) -> None:
    _same(household, None, strict)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nst.households(), st.frozensets(st.sampled_from(["E1", "E2", "H1", "H2", "L1", "L2", "I1", "I2", "W1",
                                                          "W2", "S1", "S2", "income", "x"])), STRICT)
def test_households_with_flags_plan_equals_reference(household: ntp.Household, flags: frozenset[str],
                                                     strict: object) -> None:
    codes = sorted(flags)
    deprived, not_deprived = frozenset(codes[::2]), frozenset(codes[1::2])
    _same(attrs.evolve(household, deprived=deprived, not_deprived=not_deprived), None, strict)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_plans_of_one_ruleset_share_what_they_may(data: st.DataObject) -> None:
    """Communes in many scopes assessed one after another against one fresh copy of a ruleset: its plans
    share results by value and criterion results, a unit's plan is remembered by its region, province,
    date and flags, and blocks are looked up by signature whether the values are read in one pass or code
    by code (values recorded under "<family>:<code>"); each assessment is still the reference one."""
    rs = attrs.evolve(data.draw(st.sampled_from(_families("commune"))))
    for unit in data.draw(st.lists(_unit_for(rs, "commune"), min_size=2, max_size=12)):
        _same(unit, rs, data.draw(STRICT))


def test_a_what_if_copy_is_its_own_plan() -> None:
    rs = ntp.ruleset("ntm.commune", dt.date(2024, 6, 1))
    commune = Commune(name="x", reference_date=dt.date(2024, 6, 1), region=Region.DBSH,
                      observations={"3.1": 85, "3.2": True})
    assert ntp.assess(commune, rs).criterion("3").status is ntp.ResultStatus.MET
    stricter = rs.with_threshold("3.1", 90)
    assert ntp.assess(commune, stricter).criterion("3").status is ntp.ResultStatus.NOT_MET
    assert ntp.assess(commune, stricter) == assess_reference(commune, stricter)


@pytest.mark.parametrize("value", [True, 1, Decimal(1), Decimal("1.0")])
def test_a_flag_is_not_a_number(value: object) -> None:
    """True == 1 == Decimal(1) in Python: the plan remembers results by value, and must keep them apart."""
    rs = ntp.ruleset("ntm.commune", dt.date(2024, 6, 1))
    for v in (True, 1, Decimal(1), Decimal("1.0"), value):
        commune = Commune(name="x", reference_date=dt.date(2024, 6, 1), region=Region.DBSH,
                          observations={"3.1": v, "3.2": True})
        a, ref = ntp.assess(commune, rs), assess_reference(commune, rs)
        assert repr(a) == repr(ref)
        assert a.explain() == ref.explain()


def test_threads_sharing_a_plan_get_the_reference_results() -> None:
    import random
    from concurrent.futures import ThreadPoolExecutor

    on = dt.date(2024, 6, 1)
    rs = attrs.evolve(ntp.ruleset("ntm.commune", on))  # a fresh copy: its plans are built by the threads
    rng = random.Random(1)
    codes = [i.code for _, i in rs.indicators()] + [c.code for c in rs.criteria]
    communes = [Commune(name=f"x{k}", reference_date=on, region=rng.choice(list(Region)),
                        observations={c: rng.choice([True, False, 85, Decimal("79.5")]) for c in codes
                                      if rng.random() < 0.5})
                for k in range(200)]
    def both(c: Commune) -> tuple[str, object]:
        kind, a = _outcome(ntp.assess, c, rs)
        return kind, (repr(a), a.explain()) if kind == "ok" else a  # type: ignore[attr-defined]

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(both, communes * 3))
    for found, c in zip(got, communes * 3, strict=True):
        kind, ref = _outcome(assess_reference, c, rs)
        assert found == (kind, (repr(ref), ref.explain()) if kind == "ok" else ref)  # type: ignore[attr-defined]


def test_a_commune_recording_values_goes_through_the_unrolled_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The equivalence properties above cover the step code (engine/_step_code.py) only if communes reach it: every
    step with indicators has its code, and assessing a commune with a rate recorded runs it."""
    from ntp_criteria.engine import _plan

    calls: list[str] = []
    original = _plan.step_code

    def counted(step: object, *args: object) -> object:
        code = original(step, *args)  # type: ignore[arg-type]
        if code is None:
            return None

        def run(*values: object) -> object:
            calls.append(step.code)  # type: ignore[attr-defined]
            return code(*values)

        return run

    monkeypatch.setattr(_plan, "step_code", counted)
    rs = attrs.evolve(ntp.ruleset("ntm.commune", dt.date(2024, 6, 1)))  # a copy: its plans are built afresh
    commune = Commune(name="x", reference_date=dt.date(2024, 6, 1), region=Region.DBSH,
                      observations={"2.1": Decimal("99.5"), "2.2": True, "1": True})
    plan = _plan._plan_of(rs, commune, None, ())
    assert all(step.unrolled is not None for step in plan.steps if step.indicators)
    a = ntp.assess(commune, rs)
    assert "2" in calls  # criterion 2, with its rate, by its step code (the others too: no block is kept yet)
    assert a == _reference(commune, rs, False)
