"""Rates and Alkire-Foster measures, checked against the published 2022 national figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.core.exact import CONTEXT

ON = dt.date(2022, 12, 1)
CODES = ("employment", "dependants", "nutrition", "health_insurance", "adult_education", "child_schooling",
         "housing_quality", "floor_area", "water", "latrine", "telecom", "information_devices")


def _hh(income: int, deprived: tuple[str, ...]) -> ntp.Household:
    return ntp.Household(area=ntp.Area.RURAL, reference_date=ON, monthly_income_per_capita=income,
                         deprived=frozenset(deprived), not_deprived=frozenset(CODES) - set(deprived))


def population_2022() -> Iterator[ntp.Household]:
    """10,000 households with the shares of QĐ 71/QĐ-LĐTBXH (2022 review): 4.03 % poor, 3.49 % near-poor."""
    for i in range(10_000):
        if i < 403:
            yield _hh(1_200_000, CODES[:3])  # poor: ≤ line, 3 deprivations
        elif i < 403 + 349:
            yield _hh(1_400_000, CODES[:1])  # near-poor: ≤ line, 1 deprivation
        else:
            yield _hh(2_000_000 + i, ())


def test_the_2022_national_rates_rebuild_exactly() -> None:
    r = ntp.poverty_rates(population_2022())  # a generator: streamed, never held in memory
    assert (r.households, r.poor, r.near_poor) == (10_000, 403, 349)
    assert r.poor_pct == Decimal("4.03")
    assert r.near_poor_pct == Decimal("3.49")
    assert r.multidimensional_pct == Decimal("7.52")
    assert r.exact


def test_alkire_foster_on_a_hand_computed_population() -> None:
    people = [
        _hh(1_000_000, CODES[:3]),   # 3/12 deprived: counts (k = 3)
        _hh(1_000_000, CODES[:6]),   # 6/12
        _hh(1_000_000, CODES[:2]),   # 2/12: below k, censored away
        _hh(9_000_000, ()),
    ]
    af = ntp.poverty_rates(people).alkire_foster
    assert af is not None and (af.k, af.d) == (3, 12)
    assert af.headcount == Decimal("0.5")                      # H = 2/4
    assert af.intensity == (Decimal(3) / 12 + Decimal(6) / 12) / 2  # A = 0.375
    assert af.m0 == Decimal("0.1875")                           # M0 = H × A
    assert af.m0 == af.headcount * af.intensity                 # type: ignore[operator]
    censored = af.censored_headcount()
    assert censored["employment"] == Decimal("0.5")             # both k-deprived households
    assert censored["child_schooling"] == Decimal("0.25")       # only the 6/12 household
    assert "water" not in censored


def test_weights_scale_the_rates() -> None:
    people = [_hh(1_000_000, CODES[:3]), _hh(9_000_000, ())]
    r = ntp.poverty_rates(people, weights=[Decimal("1.5"), Decimal("3")])
    assert r.poor_pct == CONTEXT.divide(Decimal(100), Decimal(3))  # 1.5 / 4.5, to the library's 40 digits
    with pytest.raises(ValueError, match="fewer weights"):
        ntp.poverty_rates(people, weights=[1])
    with pytest.raises(ValueError, match="more weights"):
        ntp.poverty_rates(people, weights=[1, 2, 3])


def test_undecided_households_are_counted_and_bound_the_rate() -> None:
    people = [_hh(1_000_000, CODES[:3]),
              ntp.Household(area=ntp.Area.RURAL, reference_date=ON, deprivation_count=4)]  # no income
    r = ntp.poverty_rates(people)
    assert not r.exact and r.undecided == 1 and r.possibly_poor == 1
    assert r.poor_pct_range() == (Decimal(50), Decimal(100))
    assert r.alkire_foster is not None and r.alkire_foster.excluded == 1


def test_mixing_standards_in_one_alkire_foster_population_is_refused() -> None:
    old = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2018, 1, 1), monthly_income_per_capita=1,
                        deprivation_count=3)
    with pytest.raises(ValueError, match="3 of 12 vs 3 of 10"):
        ntp.poverty_rates([_hh(1_000_000, CODES[:3]), old])
