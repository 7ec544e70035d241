"""Households with equal outcome keys get equal results: what lets a batch assess each key once."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
from hypothesis import given, settings

import ntp_criteria as ntp
from ntp_criteria.families.poverty.equivalence import outcome_key
from ntp_criteria.io.batch import BatchAssessor, summary
from ntp_criteria.testing import strategies as nst

CODES = sorted(ntp.default_catalogue().codes_of_subject("household") - {"deprivation"})


@st.composite
def bare_pairs(draw: st.DrawFn) -> tuple[ntp.Household, ntp.Household]:
    """Two households without raw facts on one date and in one area, each with its own income (near the lines)
    and, half the time, the same flags or count."""
    on = draw(nst.dates_in_force())
    rs = ntp.ruleset("poverty.household", on)
    codes = [c for c in CODES if rs.has_indicator(c)]
    area = draw(st.sampled_from(["rural", "urban"]))

    def one() -> ntp.Household:
        deprived = draw(st.frozensets(st.sampled_from(codes), max_size=5))
        rest = draw(st.frozensets(st.sampled_from(sorted(set(codes) - deprived)), max_size=4)) if codes else frozenset()
        count = draw(st.none() | st.integers(min_value=0, max_value=len(codes)))
        return ntp.Household(area=area, reference_date=on, monthly_income_per_capita=draw(st.none() | nst.incomes()),
                             deprived=deprived, not_deprived=rest, deprivation_count=count)

    first = one()
    second = one() if draw(st.booleans()) else ntp.Household(
        area=area, reference_date=on, monthly_income_per_capita=draw(nst.incomes()), deprived=first.deprived,
        not_deprived=first.not_deprived, deprivation_count=first.deprivation_count)
    return first, second


def _comparable(record: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in record.items() if k not in ("row", "id", "on")}


def _result(hh: ntp.Household, strict: bool = False) -> tuple[str, object]:
    """The summary (without what identifies the row), or the problems when the flags contradict the count."""
    try:
        return "ok", _comparable(summary(ntp.assess(hh, strict=strict)))
    except ntp.InputError as exc:
        return "error", [str(p) for p in exc.problems]


@settings(max_examples=300, deadline=None)
@given(bare_pairs(), st.booleans())
def test_equal_keys_give_equal_summaries(pair: tuple[ntp.Household, ntp.Household], strict: bool) -> None:
    a, b = pair
    rs = ntp.ruleset("poverty.household", a.reference_date)
    if outcome_key(a, rs) != outcome_key(b, rs):
        return
    assert _result(a, strict) == _result(b, strict)


@settings(max_examples=100, deadline=None)
@given(bare_pairs())
def test_the_batch_gives_what_assess_gives(pair: tuple[ntp.Household, ntp.Household]) -> None:
    batch = BatchAssessor()
    for n, hh in enumerate(pair, 1):
        kind, expected = _result(hh)
        if kind == "error":
            continue
        got = batch.summary(hh, n)
        assert _comparable(got) == expected and (got["row"], got["id"], got["on"]) == (
            n, hh.id, hh.reference_date.isoformat())


def test_a_household_with_raw_facts_has_no_key() -> None:
    on = dt.date(2024, 5, 1)
    rs = ntp.ruleset("poverty.household", on)
    hh = ntp.Household(area="rural", reference_date=on, members=[ntp.Member(age=30)])
    assert outcome_key(hh, rs) is None
    assert outcome_key(ntp.Household(area="rural", reference_date=on, monthly_income_per_capita=1), rs) is not None
