"""Measures over a commune's facts for the 2026-2030 NTM contents that Thông tư 52/2026/TT-BTC computes, named in
the rules data (``rules/tt-52-2026.toml``).

Each applies one formula or condition of the circular to the facts; the legal numbers (9.5 %, 5 %, 10 members)
come from the indicator's thresholds and parameters, never from this code. A quotient that is not a whole decimal
fraction is rounded **down** at the 10th decimal, which never moves it across an "at least" threshold written
with 10 decimals or fewer.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ...core.errors import InputError, Problem
from ...core.model import Indicator
from ...core.places import Commune
from ...core.results import Observed
from ...core.subjects import Subject
from ...engine import MeasureValue, Missing, measure

__all__ = [  # public for reading and testing; the engine reaches each measure by the name the rules data give it
    "cooperative_lowest_profit",
    "cooperative_member_growth",
    "income_growth_pct",
]

_PLACES = 10


def _numbers(subject: Subject, *names: str) -> list[int | Decimal] | Missing:
    """The numbers recorded as the facts ``names``, or which of them are missing; a yes/no is refused."""
    if not isinstance(subject, Commune):
        raise TypeError(f"a commune measure needs a Commune, got {type(subject).__name__}")
    values = [subject.fact(n) for n in names]
    wrong = [Problem(f"$.facts[{n!r}]", f"expected a number, got {v!r}")
             for n, v in zip(names, values, strict=True) if isinstance(v, bool)]
    if wrong:
        raise InputError(type(subject).__name__, wrong)
    missing = [n for n, v in zip(names, values, strict=True) if v is None]
    if missing:
        return Missing(f"fact{'s' if len(missing) > 1 else ''} {' and '.join(map(repr, missing))} not recorded")
    return [v for v in values if v is not None]


def _floored(value: Fraction) -> Decimal:
    """``value`` as a Decimal: exact when it has at most 10 decimals, else rounded down at the 10th."""
    scaled = value * 10**_PLACES
    if scaled.denominator == 1:
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(math.floor(scaled)).scaleb(-_PLACES)


@measure("commune.income_growth_pct",
         facts=("income_per_capita_million_vnd", "income_per_capita_million_vnd_previous_year"))
def income_growth_pct(subject: Subject, ind: Indicator) -> MeasureValue:
    """Thông tư 52/2026/TT-BTC, Điều 4 khoản 1 (indicator 3.1 of QĐ 51/2025/QĐ-TTg, Phụ lục I): the growth of the
    commune's income per person, in %.

    "Tốc độ tăng thu nhập bình quân đầu người (%) = TNBQn / TNBQn−1 × 100 − 100", where "TNBQn: Thu nhập bình quân
    đầu người của xã năm được đề nghị xét công nhận đạt chuẩn nông thôn mới" (the fact
    ``income_per_capita_million_vnd``) and "TNBQn-1: Thu nhập bình quân đầu người của xã năm trước năm được đề nghị
    xét công nhận" (the fact ``income_per_capita_million_vnd_previous_year``), both in the same unit. Income per
    person is "tổng thu nhập của toàn bộ các hộ dân cư của xã chia cho tổng số nhân khẩu của xã trong năm báo cáo"
    (Điều 3 khoản 2), from the commune's income survey (Điều 4 khoản 1 điểm c).
    """
    got = _numbers(subject, "income_per_capita_million_vnd", "income_per_capita_million_vnd_previous_year")
    if isinstance(got, Missing):
        return got
    now, before = got
    problems = [Problem(f"$.facts[{n!r}]", f"expected an income above 0, got {x}")
                for n, x in (("income_per_capita_million_vnd", now),
                             ("income_per_capita_million_vnd_previous_year", before)) if x <= 0]
    if problems:
        raise InputError(type(subject).__name__, problems)
    return Observed.exactly(_floored(Fraction(now) / Fraction(before) * 100 - 100), "%")


@measure("cooperative.lowest_profit",
         facts=("cooperative_profit_2_years_before", "cooperative_profit_1_year_before"))
def cooperative_lowest_profit(subject: Subject, ind: Indicator) -> MeasureValue:
    """Thông tư 52/2026/TT-BTC, Điều 5 khoản 1 điểm b (indicator 3.6): "Kinh doanh có lãi theo báo cáo tài chính của
    hợp tác xã trong 02 năm liên tiếp liền kề trước năm được đề nghị xét công nhận đạt chuẩn nông thôn mới".

    The smaller of the cooperative's profits in the two years before the year of the request (facts
    ``cooperative_profit_2_years_before`` and ``cooperative_profit_1_year_before``, VND, from its financial
    statements; a loss is negative): profitable in both years exactly when it is above 0.
    """
    got = _numbers(subject, "cooperative_profit_2_years_before", "cooperative_profit_1_year_before")
    if isinstance(got, Missing):
        return got
    return Observed.exactly(min(got), "VND")


@measure("cooperative.member_growth", facts=(
    "cooperative_members_3_years_before", "cooperative_members_2_years_before", "cooperative_members_1_year_before"))
def cooperative_member_growth(subject: Subject, ind: Indicator) -> MeasureValue:
    """Thông tư 52/2026/TT-BTC, Điều 5 khoản 1 điểm d (indicator 3.6): "số lượng thành viên trong 02 năm liên tiếp
    liền kề trước năm được đề nghị xét công nhận đạt chuẩn nông thôn mới tăng tối thiểu 5%/năm (hoặc 10 thành
    viên/năm)".

    From the cooperative's members at the end of the third, second and first year before the year of the request
    (facts ``cooperative_members_3_years_before``, ``cooperative_members_2_years_before``,
    ``cooperative_members_1_year_before``): met when in **each** of the two years the members grew by at least the
    parameter ``growth_pct_per_year`` (% of the year before) or by at least ``growth_members_per_year`` members.
    Reading each year on its own, with the members' alternative per year, is this library's reading of "/năm".
    """
    got = _numbers(subject, "cooperative_members_3_years_before", "cooperative_members_2_years_before",
                   "cooperative_members_1_year_before")
    if isinstance(got, Missing):
        return got
    negative = [Problem(f"$.facts[{n!r}]", f"expected a number of members, got {x}") for n, x in zip(
        ("cooperative_members_3_years_before", "cooperative_members_2_years_before",
         "cooperative_members_1_year_before"), got, strict=True) if x < 0]
    if negative:
        raise InputError(type(subject).__name__, negative)
    pct = ind.parameter("growth_pct_per_year").number()
    members = ind.parameter("growth_members_per_year").number()
    for before, after in ((got[0], got[1]), (got[1], got[2])):
        added = after - before
        if not (added >= members or (before > 0 and Fraction(added) * 100 >= Fraction(pct) * Fraction(before))):
            return False
    return True
