"""Properties of household classification that must hold for every input."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import hypothesis.strategies as st
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.testing import strategies as nst

# poorer first: a "better" household never moves left
ORDER = [ntp.HouseholdClass.POOR, ntp.HouseholdClass.NEAR_POOR, ntp.HouseholdClass.MIDDLE_INCOME,
         ntp.HouseholdClass.OTHER]


def _rank(c: ntp.HouseholdClass) -> int:
    return ORDER.index(c)


def _possible(a: ntp.Assessment) -> tuple[int, int]:
    ranks = [_rank(c) for c in a.candidates]  # type: ignore[arg-type]
    return min(ranks), max(ranks)


dates = nst.dates_in_force()
counts = st.integers(min_value=0, max_value=10)  # every standard has at least 10 indicators
areas = st.sampled_from(ntp.Area)


def _hh(area: ntp.Area, income: int, count: int, on: dt.date) -> ntp.Household:
    return ntp.Household(area=area, reference_date=on, monthly_income_per_capita=income, deprivation_count=count)


@given(areas, nst.incomes(), st.integers(min_value=0, max_value=500_000), counts, dates)
def test_more_income_never_makes_a_household_poorer(area, income, extra, count, on) -> None:
    low = ntp.assess(_hh(area, income, count, on))
    high = ntp.assess(_hh(area, income + extra, count, on))
    # every class still possible for the richer household is at least as good as the poorer one's best
    assert _possible(high)[0] >= _possible(low)[0]
    assert _possible(high)[1] >= _possible(low)[1]


@given(areas, nst.incomes(), counts, st.integers(min_value=0, max_value=12), dates)
def test_more_deprivations_never_make_a_household_less_poor(area, income, count, extra, on) -> None:
    fewer = ntp.assess(_hh(area, income, count, on))
    more = ntp.assess(_hh(area, income, min(count + extra, 10), on))
    assert _possible(more)[0] <= _possible(fewer)[0]
    assert _possible(more)[1] <= _possible(fewer)[1]


@given(nst.households())
def test_assessment_is_deterministic_and_consistent(hh: ntp.Household) -> None:
    a, b = ntp.assess(hh), ntp.assess(hh)
    assert a == b
    assert a.explain("vi") == b.explain("vi")
    assert a.candidates, "at least one class is always possible"
    if a.outcome is not None:
        assert a.candidates == (a.outcome,) and not a.reasons
    else:
        assert len(a.candidates) > 1 and a.reasons
    for r in a.indicators:
        if r.status in (ntp.ResultStatus.MISSING, ntp.ResultStatus.UNDECIDED, ntp.ResultStatus.NOT_APPLICABLE):
            assert r.reason


@given(nst.households())
def test_strict_mode_only_withholds_never_contradicts(hh: ntp.Household) -> None:
    loose, strict = ntp.assess(hh), ntp.assess(hh, strict=True)
    assert set(strict.candidates) >= set(loose.candidates)
    if strict.outcome is not None:
        assert strict.outcome == loose.outcome
    for r in strict.indicators:
        if r.status is ntp.ResultStatus.UNDECIDED:
            assert "unverified" in (r.reason or "")
    for n in strict.relies_on():
        # what a strict decision rests on is attested at least as well as strict mode demands
        if strict.outcome is not None:
            assert n.provenance.status.at_least(ntp.Status.SECONDARY)


@given(nst.households())
def test_missing_facts_never_fail_an_indicator(hh: ntp.Household) -> None:
    """Removing every fact turns results into MISSING, never into NOT_MET."""
    bare = ntp.Household(area=hh.area, reference_date=hh.reference_date)
    for r in ntp.assess(bare).indicators:
        assert r.status is ntp.ResultStatus.MISSING


def _limits() -> list[tuple[ntp.Ruleset, str, ntp.Area]]:
    out = []
    for rs in ntp.rulesets("poverty.household"):
        for _, ind in rs.indicators():
            if ind.code.startswith("income.") and ind.code != "income.low_income_worker":
                for area in ntp.Area:
                    out.append((rs, ind.code, area))
    return out


@given(st.sampled_from(_limits()), counts)
def test_every_income_limit_is_exact_at_and_around_it(limit, count) -> None:
    rs, code, area = limit
    t = rs.indicator(code).threshold_for({"area": area.value})
    assert t is not None and t.op is ntp.Comparator.LE
    line = int(t.value)
    on = rs.valid_from
    at = ntp.assess(_hh(area, line, count, on), rs).result(code)
    below = ntp.assess(_hh(area, line - 1, count, on), rs).result(code)
    above = ntp.assess(_hh(area, line + 1, count, on), rs).result(code)
    assert at.status is ntp.ResultStatus.MET
    assert below.status is ntp.ResultStatus.MET
    assert above.status is ntp.ResultStatus.NOT_MET
    assert above.shortfall == 1 and at.shortfall == 0


@given(st.sampled_from(ntp.rulesets("poverty.household")), areas)
def test_the_deprivation_cut_off_is_exact(rs: ntp.Ruleset, area: ntp.Area) -> None:
    line_code = "income.line" if rs.has_indicator("income.line") else "income.near_poverty_line"
    t = rs.indicator(line_code).threshold_for({"area": area.value})
    assert t is not None
    # one đồng above the poverty line (59/2015) or at the line: only the count separates poor from near-poor
    income = int(t.value)
    if rs.has_indicator("income.poverty_line"):
        pl = rs.indicator("income.poverty_line").threshold_for({"area": area.value})
        assert pl is not None
        income = int(pl.value) + 1
    at, below = (ntp.assess(_hh(area, income, n, rs.valid_from), rs).outcome for n in (3, 2))
    assert (at, below) == (ntp.HouseholdClass.POOR, ntp.HouseholdClass.NEAR_POOR)


def test_instruments_hand_over_without_gap_or_overlap() -> None:
    sets = sorted(ntp.rulesets("poverty.household"), key=lambda r: r.valid_from)
    for a, b in itertools.pairwise(sets):
        assert a.valid_to is not None
        assert b.valid_from == a.valid_to + dt.timedelta(days=1), (a.period, b.period)


@given(areas, nst.incomes(), counts, dates)
def test_fast_classifier_agrees_with_the_engine(area, income, count, on) -> None:
    rs = ntp.ruleset("poverty.household", on=on)
    fast = ntp.poverty.classifier(rs)(area, income, count)
    assert fast == ntp.assess(_hh(area, income, count, on), rs).outcome


@given(nst.households(missing=False))
def test_recorded_flags_equal_to_the_facts_give_the_same_result(hh: ntp.Household) -> None:
    a = ntp.assess(hh)
    flags = {r.code: r.status is ntp.ResultStatus.MET for r in a.indicators if r.criterion == "deprivation"}
    assert all(r.status.decided for r in a.indicators if r.criterion == "deprivation")
    recorded = attrs.evolve(hh, deprived=frozenset(c for c, d in flags.items() if d),
                            not_deprived=frozenset(c for c, d in flags.items() if not d))
    assert ntp.assess(recorded).outcome == a.outcome


@given(st.sampled_from(ntp.rulesets("poverty.household")),
       st.lists(st.tuples(st.booleans(), nst.incomes(), counts), min_size=1, max_size=50))
def test_columnar_path_agrees_with_the_fast_classifier(rs: ntp.Ruleset, rows) -> None:
    import numpy as np

    from ntp_criteria.families.poverty.columnar import classify_arrays, decode

    urban, income, count = (np.array(col) for col in zip(*rows, strict=True))
    got = [decode(int(c)) for c in classify_arrays(rs, urban, income.astype(np.int64), count)]
    fast = ntp.poverty.classifier(rs)
    assert got == [fast(ntp.Area.URBAN if u else ntp.Area.RURAL, int(i), int(c)) for u, i, c in rows]


def test_columnar_refuses_float_income() -> None:
    import numpy as np
    import pytest

    from ntp_criteria.families.poverty.columnar import classify_arrays

    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
    with pytest.raises(ntp.InputError, match="integer array"):
        classify_arrays(rs, np.array([True]), np.array([1.5e6]), np.array([3]))


@given(st.lists(st.lists(st.booleans(), min_size=12, max_size=12), min_size=1, max_size=30))
def test_count_deprivations_from_columns_and_rows(rows: list[list[bool]]) -> None:
    import numpy as np

    from ntp_criteria.families.poverty.columnar import count_deprivations

    expected = [sum(r) for r in rows]
    assert count_deprivations(np.array(rows)).tolist() == expected
    assert count_deprivations([np.array(c) for c in zip(*rows, strict=True)]).tolist() == expected
