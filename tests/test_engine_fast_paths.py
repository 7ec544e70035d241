"""The fast paths of issue #17 give exactly what the reference gives.

* Each household measure is bound to its indicator once (``bound_measure``): for every indicator of every
  poverty ruleset and any household, the bound measure, the registered measure and the measure as it was
  written before (``tests/_measures_before.py``, kept verbatim) return equal values of the same types.
* A plan assesses a household that records nothing from a template of the assessment once its indicators'
  outcomes were seen, and decides an outcome rule that decides from statuses once per combination of statuses:
  many households in a row against one fresh ruleset (so templates and decisions are made, then reused), each
  assessed twice, equal the reference assessment, with the same text and explanations.
* Communes in a row against one fresh ruleset, past the point where a plan stops remembering decisions.
* The "every criterion met" rule reads criteria only up to the first one not met, and decides as ``all_of``.
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
from ntp_criteria.core import verdict as v
from ntp_criteria.engine import assess_reference
from ntp_criteria.engine.registry import bind_measure, measure_fn
from ntp_criteria.families.ntm.commune import CriteriaMet, all_criteria
from ntp_criteria.testing import strategies as nst

from . import _measures_before as before

POVERTY = ntp.rulesets("poverty.household")
MEASURED = [(rs, ind) for rs in POVERTY for _, ind in rs.indicators() if ind.measure is not None
            and ind.measure.startswith("household.")]
BEFORE = {
    "household.monthly_income_per_capita": before.income_per_capita,
    "household.employment": before.employment,
    "household.dependant_share": before.dependant_share,
    "household.malnourished_child": before.malnourished_child,
    "household.uninsured_member": before.uninsured_member,
    "household.health_access": before.health_access,
    "household.adult_education": before.adult_education,
    "household.child_schooling": before.child_schooling,
    "household.non_durable_structures": before.non_durable_structures,
    "household.floor_area_per_person": before.floor_area_per_person,
    "household.unclean_water": before.unclean_water,
    "household.unhygienic_latrine": before.unhygienic_latrine,
    "household.no_internet_user": before.no_internet_user,
    "household.no_phone_or_internet_user": before.no_phone_or_internet_user,
    "household.no_information_device": before.no_information_device,
    "household.no_information_asset_or_loudspeaker": before.no_information_asset_or_loudspeaker,
    "household.untreated_waste": before.untreated_waste,
}


def _same_value(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert a == b
    assert repr(a) == repr(b)  # Decimal("5.0") is not Decimal("5") in an explanation


def test_every_household_measure_has_its_oracle() -> None:
    assert {ind.measure for _, ind in MEASURED} <= set(BEFORE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nst.households(max_members=6), st.data())
def test_bound_measures_equal_the_measures_as_written_before(hh: ntp.Household, data: st.DataObject) -> None:
    _, ind = data.draw(st.sampled_from(MEASURED))
    assert ind.measure is not None
    expected = BEFORE[ind.measure](hh, ind)
    bound = bind_measure(ind.measure, ind)
    _same_value(bound(hh), expected)
    _same_value(bound(hh), expected)  # a binding that remembers values gives them back unchanged
    _same_value(measure_fn(ind.measure)(hh, ind), expected)


def test_a_binding_remembers_only_what_is_exact() -> None:
    """A floor area of 20 and of Decimal("20.0") shared by 4: equal keys, different quotients (5 and 5.0)."""
    ind = next(i for _, i in POVERTY[-1].indicators() if i.measure == "household.floor_area_per_person")
    bound = bind_measure("household.floor_area_per_person", ind)
    on = POVERTY[-1].valid_from
    members = tuple(ntp.Member(age=30) for _ in range(4))
    whole = ntp.Household(area="rural", reference_date=on, members=members, dwelling=ntp.Dwelling(floor_area_m2=20))
    tenths = attrs.evolve(whole, dwelling=ntp.Dwelling(floor_area_m2=Decimal("20.0")))
    assert repr(bound(whole)) != repr(bound(tenths))
    _same_value(bound(tenths), before.floor_area_per_person(tenths, ind))
    _same_value(bound(whole), before.floor_area_per_person(whole, ind))


def _reference(subject: object, rs: ntp.Ruleset, strict: object) -> ntp.Assessment:
    cat = default_catalogue()
    return assess_reference(subject, rs, strict=strict, derived=cat.derived_scope(subject),  # type: ignore[arg-type]
                            unused=check_inputs(subject, rs, cat))  # type: ignore[arg-type]


def _same_as_reference(subject: object, rs: ntp.Ruleset, strict: object) -> None:
    ref = _reference(subject, rs, strict)
    for _ in range(2):
        got = ntp.assess(subject, rs, strict=strict)  # type: ignore[arg-type]
        assert repr(got) == repr(ref)
        assert got == ref
        for lang in ("vi", "en"):
            assert got.explain(lang) == ref.explain(lang)


STRICT = st.sampled_from([False, True, ntp.Status.VERIFIED])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_households_in_a_row_equal_the_reference(data: st.DataObject) -> None:
    """Households of one date against a fresh copy of its ruleset: few members and facts from a small range, so
    that outcomes repeat and templates and decisions are reused within the example."""
    base = data.draw(st.sampled_from(POVERTY))
    rs = attrs.evolve(base)
    on = data.draw(nst.dates_in_force())
    if not rs.in_force(on):
        on = rs.valid_from
    strict = data.draw(STRICT)
    households = data.draw(st.lists(nst.households(on=st.just(on), max_members=3), min_size=5, max_size=30))
    for hh in households:
        _same_as_reference(hh, rs, strict)


def test_many_households_equal_the_reference() -> None:
    """A few thousand households, as a batch has them: every template, decision and remembered value reused."""
    import random

    rng = random.Random(17)
    on = dt.date(2024, 6, 1)
    rs = attrs.evolve(ntp.ruleset("poverty.household", on))
    kinds = list(ntp.EducationLevel), list(ntp.Employment), list(ntp.WaterSource), list(ntp.LatrineType)

    def maybe(x: object) -> object:
        return None if rng.random() < 0.05 else x

    for k in range(2500):
        members = tuple(ntp.Member(age=rng.randint(0, 80), health_insured=maybe(rng.random() < 0.9),
                                   in_school=maybe(rng.random() < 0.8), education=maybe(rng.choice(kinds[0])),
                                   employment=maybe(rng.choice(kinds[1])), dependant=maybe(rng.random() < 0.3),
                                   malnourished=maybe(False), uses_internet=maybe(rng.random() < 0.7))
                        for _ in range(rng.randint(1, 5)))
        hh = ntp.Household(area=rng.choice(["rural", "urban"]), reference_date=on, id=f"h{k}",
                           monthly_income_per_capita=maybe(rng.randrange(0, 3_000_000, 50_000)), members=members,
                           dwelling=ntp.Dwelling(floor_area_m2=maybe(rng.randint(5, 60)),
                                                 durable_walls=maybe(rng.random() < 0.9), durable_frame=True,
                                                 durable_roof=maybe(rng.random() < 0.9),
                                                 water_source=maybe(rng.choice(kinds[2])),
                                                 latrine=maybe(rng.choice(kinds[3]))),
                           devices=maybe(frozenset({ntp.Device.PHONE})))
        a, ref = ntp.assess(hh, rs), _reference(hh, rs, False)
        assert a == ref
        if k % 10 == 0:
            assert repr(a) == repr(ref)
            assert a.explain() == ref.explain()


def test_communes_past_the_point_where_decisions_are_no_longer_remembered() -> None:
    """Communes recording every indicator seldom repeat their statuses: a plan stops remembering decisions after
    a few hundred; before and after, each assessment is the reference one."""
    import random

    rng = random.Random(318)
    on = dt.date(2024, 6, 1)
    rs = attrs.evolve(ntp.ruleset("ntm.commune", on))
    codes = [i.code for _, i in rs.indicators()] + [c.code for c in rs.criteria]
    for k in range(700):
        obs = {c: rng.choice([True, False, True, 85, Decimal("79.5"), Decimal("90.0")]) for c in codes
               if rng.random() < 0.3}
        commune = ntp.Commune(name=f"x{k}", reference_date=on, region=ntp.Region.DBSH, observations=obs)
        kind, got = _outcome(ntp.assess, commune, rs)
        ref_kind, ref = _outcome(_reference, commune, rs, False)
        assert (kind, repr(got)) == (ref_kind, repr(ref))
        if kind == "ok" and k % 7 == 0:
            assert got.explain() == ref.explain()  # type: ignore[union-attr]


def _outcome(fn: object, *args: object) -> tuple[str, object]:
    try:
        return "ok", fn(*args)  # type: ignore[operator]
    except Exception as e:  # noqa: BLE001 - the same error, whatever it is
        return "error", (type(e), str(e))


VERDICTS = st.builds(v.Verdict, st.sampled_from([True, False, None]),
                     st.frozensets(st.sampled_from(["a", "b", "c"]), max_size=2))


@settings(max_examples=200, deadline=None)
@given(st.lists(VERDICTS, min_size=1, max_size=19))
def test_every_criterion_met_decides_as_all_of(verdicts: list[v.Verdict]) -> None:
    rs = attrs.evolve(ntp.ruleset("ntm.commune", dt.date(2024, 6, 1)))
    criteria = rs.criteria[:len(verdicts)]
    rs = attrs.evolve(rs, criteria=criteria)
    by_code = dict(zip([c.code for c in criteria], verdicts, strict=True))
    x = ntp.engine.OutcomeInputs(rs, ntp.Commune(name="x", reference_date=dt.date(2024, 6, 1)),  # type: ignore[attr-defined]
                                 dt.date(2024, 6, 1), by_code, {})
    every = v.all_of(*verdicts)
    expected = ntp.engine.decide(x, {CriteriaMet.MET: every, CriteriaMet.NOT_MET: every.negate()})  # type: ignore[attr-defined]
    assert all_criteria(x) == expected


@pytest.mark.parametrize("family", ["poverty.household", "ntm.commune"])
def test_the_rules_the_plan_decides_once_are_declared(family: str) -> None:
    from ntp_criteria.engine import outcome_rule_named

    assert all(outcome_rule_named(rs.outcome).by_status for rs in ntp.rulesets(family))
