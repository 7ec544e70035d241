"""The exported strategies for units, surveyor flags, recorded results, thresholds and what-if rulesets (issue #18)."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.core.model import SCENARIO_PREFIX
from ntp_criteria.testing import strategies as nst
from ntp_criteria.testing.strategies import AtThreshold


def test_strategies_given_a_date_strategy_run_under_warnings_as_errors(pytester: pytest.Pytester) -> None:
    """``on or …`` called ``bool()`` on a strategy: hypothesis warns, and ``-W error`` made that a collection error."""
    pytester.makepyfile(test_on="""
        import datetime as dt
        import hypothesis.strategies as st
        from hypothesis import given, settings
        import ntp_criteria as ntp
        from ntp_criteria.testing import strategies as nst

        ON = st.just(dt.date(2024, 6, 1))
        BEFORE = st.just(dt.date(2024, 6, 1))

        @settings(max_examples=5)
        @given(nst.communes(on=ON), nst.villages(on=ON), nst.households(on=ON), nst.districts(on=BEFORE),
               nst.provinces(on=ON), nst.flagged_households(on=ON))
        def test_on(c, v, h, d, p, f):
            assert {c.reference_date, v.reference_date, h.reference_date, d.reference_date, p.reference_date,
                    f.reference_date} == {dt.date(2024, 6, 1)}

        @settings(max_examples=5)
        @given(st.from_type(ntp.Commune))
        def test_from_type(c):
            ntp.assess(c)
    """)
    result = pytester.runpytest("-W", "error", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


@settings(max_examples=60)
@given(st.one_of(st.from_type(ntp.Commune), st.from_type(ntp.Village), st.from_type(ntp.District),
                 st.from_type(ntp.Province), st.from_type(ntp.Household)))
def test_from_type_draws_dates_on_which_the_default_family_is_in_force(subject: object) -> None:
    a = ntp.assess(subject)  # type: ignore[arg-type]  # NoRulesetInForce would fail the test
    assert a.ruleset.family == type(subject).default_family  # type: ignore[attr-defined]


@settings(max_examples=40)
@given(nst.districts(), nst.provinces())
def test_districts_and_provinces_are_assessed_by_their_default_families(d: ntp.District, p: ntp.Province) -> None:
    assert d.reference_date < dt.date(2025, 7, 1)  # district-level units were abolished then
    assert ntp.assess(d).ruleset.family == "ntm.district"
    assert ntp.assess(p).ruleset.family == "ntm.province"


@given(nst.flagged_households())
def test_flagged_households_are_decided_by_their_flags(hh: ntp.Household) -> None:
    a = ntp.assess(hh)
    for code in hh.deprived:
        assert a.result(code).status is ntp.ResultStatus.MET and a.result(code).basis == "recorded"
    for code in hh.not_deprived:
        assert a.result(code).status is ntp.ResultStatus.NOT_MET
    assert not (hh.deprived or hh.not_deprived) or hh.deprivation_count is None


UNITS = ("commune", "village", "district", "province")
UNIT_SETS = [rs for rs in ntp.rulesets() if rs.subject in UNITS and any(True for _ in rs.indicators())]


@settings(max_examples=150)
@given(st.sampled_from(UNIT_SETS).flatmap(lambda rs: st.tuples(st.just(rs), nst.observed_units(rs))))
def test_observed_units_are_decided_by_what_is_recorded(pair: tuple[ntp.Ruleset, ntp.Commune]) -> None:
    rs, unit = pair
    a = ntp.assess(unit, rs)
    for key, value in unit.observations:
        family, code = key.split(":", 1)
        assert family == rs.family
        if isinstance(value, bool) and rs.has_indicator(code):
            applies = rs.indicator(code).applies(dict(a.scope.items))
            expected = (ntp.ResultStatus.MISSING if applies is None  # where the law has the test is unknown
                        else ntp.ResultStatus.NOT_APPLICABLE if applies is False
                        else ntp.ResultStatus.MET if value else ntp.ResultStatus.NOT_MET)
            assert a.result(code).status is expected
        elif isinstance(value, bool):
            assert a.criterion(code).status is (ntp.ResultStatus.MET if value else ntp.ResultStatus.NOT_MET)


def _named_thresholds() -> list[tuple[ntp.Ruleset, str]]:
    out = []
    for rs in ntp.rulesets():
        out += [(rs, i.code) for _, i in rs.indicators() if i.thresholds]
        out += [(rs, c.code) for c in rs.criteria if c.count_threshold is not None]
    return out


def _placeable(rs: ntp.Ruleset, code: str) -> bool:
    try:
        nst.at_threshold(rs, code)
    except ValueError:
        return False
    return True


NAMED = _named_thresholds()
PLACEABLE = [(rs, code) for rs, code in NAMED if _placeable(rs, code)]


def test_every_unit_threshold_and_the_household_income_lines_can_be_placed() -> None:
    refused = {(rs.family, rs.subject, code) for rs, code in NAMED if (rs, code) not in PLACEABLE}
    assert all(subject not in UNITS for _, subject, _ in refused), refused
    placed = {code for rs, code in PLACEABLE if rs.family == "poverty.household"}
    assert {"income.line", "income.poverty_line", "income.near_poverty_line", "floor_area", "deprivation"} <= placed
    assert len(PLACEABLE) > 100


@settings(max_examples=400)
@given(st.sampled_from(PLACEABLE).flatmap(lambda p: st.tuples(st.just(p), nst.at_threshold(*p))))
def test_a_subject_at_a_threshold_gets_what_the_comparison_gives(pair: tuple[tuple[ntp.Ruleset, str],
                                                                             AtThreshold]) -> None:
    (rs, code), case = pair
    assert case.position in ("below", "at", "above")
    assert (case.value == case.threshold.value) is (case.position == "at")
    a = ntp.assess(case.subject, rs)
    result = a.result(code) if rs.has_indicator(code) else a.criterion(code)
    assert result.status is (ntp.ResultStatus.MET if case.met else ntp.ResultStatus.NOT_MET), (
        code, case.value, case.threshold.op, case.threshold.value, result)


def test_at_threshold_draws_below_at_and_above() -> None:
    rs = ntp.ruleset("ntm.commune", dt.date(2023, 1, 1))
    seen: set[str] = set()

    @settings(max_examples=60)
    @given(nst.at_threshold(rs, "10.1"))
    def collect(case: AtThreshold) -> None:
        seen.add(case.position)
        assert isinstance(case.subject, ntp.Commune) and case.subject.region is not None
        assert case.threshold.scope.get("region") == case.subject.region.value

    collect()
    assert seen == {"below", "at", "above"}


def test_at_threshold_refuses_what_it_cannot_place() -> None:
    rs = ntp.ruleset("poverty.household", dt.date(2024, 1, 1))
    with pytest.raises(ValueError, match="has no threshold named 'income'"):
        nst.at_threshold(rs, "no-such-code".replace("no-such-code", "income"))
    with pytest.raises(ValueError, match=r"cannot place a household at a threshold of 'dependants'"):
        nst.at_threshold(rs, "dependants")


@settings(max_examples=100)
@given(nst.whatif_rulesets())
def test_whatif_rulesets_change_one_number_marked_as_a_scenario(rs: ntp.Ruleset) -> None:
    scenario = [n for n in rs.numbers() if SCENARIO_PREFIX in n.provenance.cite or
                (n.provenance.note or "").startswith(SCENARIO_PREFIX)]
    assert scenario, [n.provenance for n in rs.numbers()][:3]
    assert all(n.provenance.status is ntp.Status.UNVERIFIED for n in scenario)
    original = ntp.ruleset(rs.family, rs.valid_from)
    assert rs != original and rs.family == original.family


def test_surveyor_flags_refuse_a_set_without_deprivations() -> None:
    with pytest.raises(ValueError, match="no deprivation indicator"):
        nst.surveyor_flags(ntp.ruleset("ntm.commune", dt.date(2023, 1, 1)))
