"""Criterion 8 (information and communications) decided condition by condition (QĐ 1127/QĐ-BTTTT) and fed
into the commune's QĐ 318 assessment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.ntm import CriteriaMet, with_ict

ON = dt.date(2024, 6, 1)
POSTAL_OK = {"postal_point_with_premises_and_sign": True, "postal_hours_and_services_posted": True,
             "postal_hours_per_working_day": 4, "postal_letters_up_to_kg": 2, "postal_parcels_up_to_kg": 5,
             "villages_with_phone_and_internet_pct": 100}
RECORDED = {"ntm.commune.ict:8.3.1": True, "ntm.commune.ict:8.4.1": True}


def _commune(facts: dict[str, object], observations: dict[str, object] | None = None) -> ntp.Commune:
    return ntp.Commune(name="X", reference_date=ON, region=ntp.Region.TN, facts=facts,  # type: ignore[arg-type]
                       observations=RECORDED if observations is None else observations)  # type: ignore[arg-type]


def test_every_condition_at_its_level_meets_criterion_8() -> None:
    ict = ntp.assess(_commune(POSTAL_OK), ntp.ruleset("ntm.commune.ict", ON))
    assert ict.outcome is CriteriaMet.MET
    commune = with_ict(_commune(POSTAL_OK))
    a = ntp.assess(commune, ntp.ruleset("ntm.commune", ON))
    assert [a.result(f"8.{k}").status for k in range(1, 5)] == [ntp.ResultStatus.MET] * 4
    assert a.criterion("8").status is ntp.ResultStatus.MET


def test_short_opening_hours_fail_8_1_with_the_shortfall_and_the_source() -> None:
    facts = {**POSTAL_OK, "postal_hours_per_working_day": 3}
    ict = ntp.assess(_commune(facts), ntp.ruleset("ntm.commune.ict", ON))
    assert ict.result("8.1.3").status is ntp.ResultStatus.NOT_MET
    assert ict.result("8.1.3").shortfall == 1
    assert "1127/QĐ-BTTTT" in ict.explain("en")
    a = ntp.assess(with_ict(_commune(facts)), ntp.ruleset("ntm.commune", ON))
    assert a.result("8.1").status is ntp.ResultStatus.NOT_MET and a.result("8.2").status is ntp.ResultStatus.MET


def test_a_missing_condition_leaves_the_indicator_missing_not_failed() -> None:
    facts = {k: v for k, v in POSTAL_OK.items() if k != "postal_parcels_up_to_kg"}
    a = ntp.assess(with_ict(_commune(facts)), ntp.ruleset("ntm.commune", ON))
    assert a.result("8.1").status is ntp.ResultStatus.MISSING
    assert a.result("8.3").status is ntp.ResultStatus.MET


def test_strict_mode_does_not_record_what_rests_on_the_unverified_8_2_level() -> None:
    a = ntp.assess(with_ict(_commune(POSTAL_OK), strict=True), ntp.ruleset("ntm.commune", ON))
    assert a.result("8.1").status is ntp.ResultStatus.MET  # secondary numbers
    assert a.result("8.2").status is ntp.ResultStatus.MISSING  # 100 % of villages is unverified


def test_a_recorded_result_that_contradicts_the_conditions_is_an_input_error() -> None:
    facts = {**POSTAL_OK, "postal_letters_up_to_kg": Decimal("1.5")}
    with pytest.raises(ntp.InputError) as e:
        with_ict(_commune(facts, {**RECORDED, "8.1": True}))
    assert e.value.problems[0].path == "$.observations['8.1']"
