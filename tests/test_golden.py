"""Golden cases written from the legal text (tests/golden/**/*.toml), readable by policy staff."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

import ntp_criteria as ntp

GOLDEN = Path(__file__).parent / "golden"


def _cases() -> list[Any]:
    out = []
    for path in sorted((GOLDEN / "poverty").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            out.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return out


CASES = _cases()


def test_there_are_golden_cases_for_every_poverty_instrument() -> None:
    files = {p.stem for p in (GOLDEN / "poverty").glob("*.toml")}
    instruments = {rs.instrument.id for rs in ntp.rulesets("poverty.household")}
    assert instruments <= files


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case: dict[str, Any]) -> None:
    assert case["cite"].strip(), "every case cites the article it checks"
    on: dt.date = case["on"]
    hh = ntp.Household.from_dict({**case["household"], "reference_date": on.isoformat()})
    a = ntp.assess(hh, strict=case.get("strict", False))
    if case["expect"] == "undecided":
        assert a.outcome is None
        assert a.reasons
        assert sorted(c.value for c in a.candidates) == sorted(case["candidates"])
    else:
        assert a.outcome is ntp.HouseholdClass(case["expect"])
        assert a.candidates == (a.outcome,)
    if "low_income_worker" in case:
        assert a.designation("low_income_worker") is case["low_income_worker"]
