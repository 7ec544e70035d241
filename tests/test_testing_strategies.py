"""The exported strategies generate valid subjects and are registered with hypothesis' from_type."""

from __future__ import annotations

import hypothesis.strategies as st
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
