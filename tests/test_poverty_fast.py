"""The fast per-record scorer (:mod:`ntp_criteria.families.poverty.fast`) agrees with the engine (the reference),
household by household: the class, the classes still possible, the designations, each deprivation indicator's
status and the count, under every poverty ruleset in force 2016-2030, with missing facts and boundary values; what
it does not score itself it hands to the engine; its explanation, built on demand, is the engine's."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import assume, given, settings

import ntp_criteria as ntp
from ntp_criteria.core.model import Ruleset
from ntp_criteria.core.results import Assessment
from ntp_criteria.families.poverty.fast import HouseholdScore, HouseholdScorer, fast_support
from ntp_criteria.testing import strategies as nst

# one date in each period a poverty ruleset is in force, 2016-2030 (a strategy below draws any day too)
PERIODS = [dt.date(2016, 1, 1), dt.date(2020, 12, 31), dt.date(2021, 6, 1), dt.date(2022, 1, 1),
           dt.date(2024, 6, 1), dt.date(2025, 2, 24), dt.date(2025, 6, 1), dt.date(2026, 6, 1),
           dt.date(2027, 1, 1), dt.date(2030, 12, 31)]
_SCORERS: dict[int, tuple[Ruleset, HouseholdScorer]] = {}
_FACTS = ("age", "health_insured", "in_school", "education", "employment", "dependant", "malnourished",
          "ill_without_treatment", "uses_internet", "uses_phone")
_DWELLING = ("durable_walls", "durable_frame", "durable_roof", "water_source", "latrine", "waste")


def scorer_of(rs: Ruleset) -> HouseholdScorer:
    """One scorer per ruleset for the whole session (building one asks the engine a few dozen questions)."""
    hit = _SCORERS.get(id(rs))
    if hit is None or hit[0] is not rs:
        hit = _SCORERS[id(rs)] = (rs, HouseholdScorer(rs))
    return hit[1]


def _income_lines(on: dt.date) -> list[int]:
    rs = ntp.ruleset("poverty.household", on=on)
    return sorted({int(t.value) for _, i in rs.indicators() if i.code.startswith("income.") for t in i.thresholds})


@st.composite
def households(draw: st.DrawFn, on: dt.date) -> ntp.Household:
    """Households with raw facts, some unrecorded, often at a boundary: an income on a line of the standard or one
    đồng either side, ages on the rules' age limits, 8 m² per member or a little either side (also in tenths of a
    m²), dependants at exactly half the members."""
    hh = draw(nst.households(on=st.just(on)))
    changes: dict[str, Any] = {}
    if draw(st.booleans()):
        changes["monthly_income_per_capita"] = draw(
            st.sampled_from(_income_lines(on)).flatmap(lambda v: st.sampled_from([v - 1, v, v + 1]))
            | st.just(Decimal("0.5")) | st.none())
    if draw(st.booleans()):
        ages = st.sampled_from([2, 3, 4, 5, 6, 14, 15, 16, 17, 18, 29, 30, 31, 59, 60]) | st.integers(0, 100)
        members = draw(st.lists(nst.members().flatmap(lambda m: ages.map(
            lambda a: ntp.Member(**{**{f: getattr(m, f) for f in _FACTS}, "age": a}))), max_size=6))
        if members and draw(st.booleans()):  # half of them dependants, the rest not (50 %, on the line)
            half = len(members) // 2
            members = [attrs.evolve(m, dependant=i < half) for i, m in enumerate(members)]
        n = len(members)
        area = draw(st.sampled_from([8 * n - 1, 8 * n, 8 * n + 1, Decimal(8 * n) - Decimal("0.1"),
                                     Decimal(f"{8 * n}.0"), None]))
        changes["members"] = tuple(members)
        changes["dwelling"] = ntp.Dwelling(**{f: getattr(hh.dwelling, f) for f in _DWELLING},
                                           floor_area_m2=max(area, 0) if area is not None else None)
    return attrs.evolve(hh, **changes) if changes else hh


def _agrees(score: HouseholdScore, a: Assessment) -> None:
    assert score.outcome == a.outcome, (score, a)
    assert score.candidates == a.candidates
    assert score.designations == a.designations
    assert score.status is a.partial_outcome
    statuses = score.statuses()
    assert list(statuses) == [i.code for i in score.ruleset.criterion("deprivation").indicators]
    for code, status in statuses.items():
        assert a.result(code).status is status, (code, a.result(code), score)
    assert score.deprivation_count == a.criterion("deprivation").met
    assert score.deprived == tuple(c for c, s in statuses.items() if s is ntp.ResultStatus.MET)
    assert score.missing == tuple(c for c, s in statuses.items() if s is ntp.ResultStatus.MISSING)


def _check(hhs: list[ntp.Household]) -> None:
    scorer = scorer_of(ntp.ruleset("poverty.household", on=hhs[0].reference_date))
    assert scorer.unsupported is None
    for h in hhs:
        score = scorer.score(h)
        assert score.engine_assessment is None  # raw facts only: scored without the engine
        _agrees(score, ntp.assess(h))


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(PERIODS).flatmap(lambda on: st.lists(households(on), min_size=1, max_size=20)))
def test_the_scorer_agrees_with_the_engine_household_by_household(hhs: list[ntp.Household]) -> None:
    _check(hhs)


@settings(max_examples=40, deadline=None)
@given(nst.dates_in_force().flatmap(lambda on: st.lists(households(on), min_size=1, max_size=8)))
def test_on_any_day_in_force(hhs: list[ntp.Household]) -> None:
    _check(hhs)


@settings(max_examples=40, deadline=None)
@given(nst.flagged_households())
def test_recorded_flags_and_counts_go_to_the_engine(h: ntp.Household) -> None:
    # surveyor_flags may leave every code unmarked: a household recording nothing is the scorer's own
    assume(h.deprived or h.not_deprived or h.deprivation_count is not None)
    scorer = scorer_of(ntp.ruleset("poverty.household", on=h.reference_date))
    score = scorer.score(h)
    a = ntp.assess(h)
    assert score.engine_assessment == a
    assert score.assessment() is score.engine_assessment
    _agrees(score, a)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(PERIODS).flatmap(households), st.sampled_from(["vi", "en"]))
def test_the_explanation_built_on_demand_is_the_engines(h: ntp.Household, lang: str) -> None:
    score = scorer_of(ntp.ruleset("poverty.household", on=h.reference_date)).score(h)
    assert score.assessment() == ntp.assess(h)
    assert score.explain(lang) == ntp.assess(h).explain(lang)


@pytest.mark.parametrize("year", range(2016, 2031))
def test_every_ruleset_in_force_2016_2030_is_scored_without_the_engine(year: int) -> None:
    rs = ntp.ruleset("poverty.household", on=dt.date(year, 6, 1))
    assert fast_support(rs) is None
    assert HouseholdScorer.in_force(dt.date(year, 6, 1)).ruleset is rs


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(PERIODS).flatmap(lambda on: st.lists(households(on), min_size=1, max_size=8)),
       st.sampled_from(["<=", "<"]), st.integers(0, 4_000_000) | st.none(),
       st.sampled_from([Decimal(6), Decimal("9.5")]))
def test_the_numbers_are_read_from_the_ruleset(hhs: list[ntp.Household], op: str, line: int | None,
                                               area: Decimal) -> None:
    """A what-if ruleset with another income limit (and comparison) and another floor-area threshold is scored as the
    engine assesses it: every number comes from the ruleset given, none from the scorer's code. The limit is often a
    household's own income (``line`` None), where ``<`` and ``<=`` differ."""
    rs = ntp.ruleset("poverty.household", on=hhs[0].reference_date)
    if line is None:
        line = int(next((h.monthly_income_per_capita for h in hhs if h.monthly_income_per_capita is not None), 0))
        hhs = [attrs.evolve(h, area=ntp.Area.RURAL) for h in hhs]
    code = "income.line" if rs.has_indicator("income.line") else "income.poverty_line"
    what_if = rs.with_threshold(code, line, scope={"area": "rural"}, op=op).with_threshold("floor_area", area)
    scorer = HouseholdScorer(what_if)
    assert scorer.unsupported is None
    for h in hhs:
        score = scorer.score(h)
        assert score.engine_assessment is None
        _agrees(score, ntp.assess(h, what_if))


def test_a_ruleset_the_scorer_cannot_read_goes_to_the_engine() -> None:
    on = dt.date(2024, 6, 1)
    rs = ntp.ruleset("poverty.household", on=on)
    dep = rs.criterion("deprivation")
    odd = attrs.evolve(dep.indicators[0], measure="household.monthly_income_per_capita")
    changed = attrs.evolve(rs, criteria=tuple(
        attrs.evolve(c, indicators=(odd, *c.indicators[1:])) if c.code == "deprivation" else c for c in rs.criteria))
    assert fast_support(changed) == "indicator employment: income among the deprivations"
    assert fast_support(ntp.ruleset("ntm.commune", on=on)) is not None
    scorer = HouseholdScorer(changed)
    h = ntp.Household(area="urban", reference_date=on, monthly_income_per_capita=1_000_000,
                      members=(ntp.Member(age=30, employment="unemployed"),))
    score = scorer.score(h)
    assert score.engine_assessment == ntp.assess(h, changed)
    _agrees(score, ntp.assess(h, changed))


def test_a_date_outside_the_period_is_refused_as_the_engine_refuses_it() -> None:
    scorer = scorer_of(ntp.ruleset("poverty.household", on=dt.date(2024, 6, 1)))
    h = ntp.Household(area="rural", reference_date=dt.date(2027, 6, 1), monthly_income_per_capita=1_000_000)
    with pytest.raises(ntp.InputError, match="not in force on 2027-06-01"):
        scorer.score(h)


def test_no_members_and_no_income_leave_the_class_open() -> None:
    on = dt.date(2024, 6, 1)
    h = ntp.Household(area="rural", reference_date=on)
    score = scorer_of(ntp.ruleset("poverty.household", on=on)).score(h)
    assert score.outcome is None and score.status is ntp.PovertyStatus.UNDECIDED
    assert score.deprived == () and "employment" in score.missing
    _agrees(score, ntp.assess(h))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(PERIODS).flatmap(lambda on: st.lists(households(on), min_size=1, max_size=8)))
def test_the_callers_decimal_context_changes_nothing(hhs: list[ntp.Household]) -> None:
    """Shares (8 m² per member, half the members dependants) are divided under the library's context, whatever the
    caller's: a scorer built and used under two significant digits scores as the engine assesses."""
    rs = ntp.ruleset("poverty.household", on=hhs[0].reference_date)
    with decimal.localcontext(prec=2):
        scorer = HouseholdScorer(rs)
        scores = [scorer.score(h) for h in hhs]
    for h, score in zip(hhs, scores, strict=True):
        _agrees(score, ntp.assess(h))
