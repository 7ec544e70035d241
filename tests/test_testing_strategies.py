"""The exported strategies generate valid subjects and are registered with hypothesis' from_type."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
import pytest
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.testing import strategies as nst


@given(st.from_type(ntp.Household))
def test_from_type_builds_households(hh: ntp.Household) -> None:
    assert isinstance(hh, ntp.Household)
    ntp.assess(hh)  # in force on its date, never raises for generated input


@given(nst.households(missing=False))
def test_complete_households_decide_every_deprivation_indicator(hh: ntp.Household) -> None:
    a = ntp.assess(hh)
    assert all(r.status.decided for r in a.indicators if r.criterion == "deprivation")
    assert a.decided or a.ruleset.instrument.number == "351/2025/NĐ-CP"


def test_incomes_include_each_limit_and_its_neighbours() -> None:
    seen: set[int] = set()

    @given(nst.incomes())
    def collect(x: int) -> None:
        seen.add(x)

    collect()
    assert seen & {1_499_999, 1_500_000, 1_500_001, 699_999, 700_000, 700_001, 2_800_000}


WITH_THRESHOLDS = [rs for rs in ntp.rulesets() if any(ind.thresholds for _, ind in rs.indicators())]


@given(st.sampled_from(WITH_THRESHOLDS).flatmap(lambda rs: st.tuples(st.just(rs), nst.threshold_points(rs))))
def test_threshold_points_sit_at_or_next_to_a_threshold(pair: tuple[ntp.Ruleset, tuple[str, object, object]]) -> None:
    rs, (code, value, point) = pair
    assert rs.has_indicator(code)
    assert abs(point - value) <= 1  # type: ignore[operator]


def test_threshold_points_refuse_a_ruleset_without_thresholds() -> None:
    with pytest.raises(ValueError, match=r"ntm.commune \(51/2025/QĐ-TTg\) has no threshold"):
        nst.threshold_points(ntp.ruleset("ntm.commune", dt.date(2026, 6, 1)))


def test_a_running_count_only_on_a_terminal(monkeypatch: object, capsys: object) -> None:
    """The batch streams, so there is no total: a person at a terminal sees the count of rows done."""
    import io
    import sys

    from ntp_criteria.io.cli import _progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)  # type: ignore[attr-defined]
    for i in range(1, 20_001):
        _progress(i)
    assert tty.getvalue() == "\r10,000 rows\r20,000 rows"
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)  # type: ignore[attr-defined]
    _progress(20_000)
    assert plain.getvalue() == ""


def test_dates_in_force_refuse_a_family_known_but_not_encoded() -> None:
    with pytest.raises(ValueError, match=r"no ruleset of 'poverty.district' is encoded"):
        nst.dates_in_force("poverty.district")
