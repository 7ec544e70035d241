"""Criterion 8 (information and communications) decided condition by condition (QĐ 1127/QĐ-BTTTT) and fed
into the commune's QĐ 318 assessment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.families.ntm import CriteriaMet, with_ict

ON = dt.date(2024, 6, 1)
#: every condition exactly at its level
POSTAL_OK = {"postal_premises_and_equipment": True, "postal_name_sign": True,
             "postal_hours_and_services_posted": True, "postal_hours_per_working_day": 4,
             "postal_letters_up_to_kg": 2, "postal_parcels_up_to_kg": 5,
             "villages_with_phone_and_internet_pct": 100}
RECORDED = {"ntm.commune.ict:8.3.1": True, "ntm.commune.ict:8.4.1": True}
MET, NOT_MET, MISSING = ntp.ResultStatus.MET, ntp.ResultStatus.NOT_MET, ntp.ResultStatus.MISSING


def _commune(facts: dict[str, object], observations: dict[str, object] | None = None) -> ntp.Commune:
    return ntp.Commune(name="X", reference_date=ON, region=ntp.Region.TN, facts=facts,  # type: ignore[arg-type]
                       observations=RECORDED if observations is None else observations)  # type: ignore[arg-type]


def _ict(facts: dict[str, object], **kw: object) -> ntp.Assessment:
    return ntp.assess(_commune(facts), ntp.ruleset("ntm.commune.ict", ON), **kw)  # type: ignore[arg-type]


def test_the_postal_point_has_the_six_conditions_of_the_appendix() -> None:
    rs = ntp.ruleset("ntm.commune.ict", ON)
    postal = next(c for c in rs.criteria if c.code == "8.1")
    assert [i.code for i in postal.indicators] == [f"8.1.{k}" for k in range(1, 7)]
    assert rs.instrument.title_vi.startswith("Quyết định công bố các chỉ tiêu")


def test_every_condition_at_its_level_meets_criterion_8() -> None:
    assert _ict(POSTAL_OK).outcome is CriteriaMet.MET
    a = ntp.assess(with_ict(_commune(POSTAL_OK)), ntp.ruleset("ntm.commune", ON))
    assert [a.result(f"8.{k}").status for k in range(1, 5)] == [MET] * 4
    assert a.criterion("8").status is MET


@pytest.mark.parametrize(("fact", "code", "below"), [
    ("postal_hours_per_working_day", "8.1.4", Decimal("3.99")),
    ("postal_letters_up_to_kg", "8.1.5", Decimal("1.99")),
    ("postal_parcels_up_to_kg", "8.1.6", Decimal("4.99")),
    ("villages_with_phone_and_internet_pct", "8.2.1", Decimal("99.9")),
])
def test_a_level_is_met_exactly_at_it_and_not_just_below(fact: str, code: str, below: Decimal) -> None:
    assert _ict(POSTAL_OK).result(code).status is MET
    short = _ict({**POSTAL_OK, fact: below})
    assert short.result(code).status is NOT_MET
    assert short.outcome is CriteriaMet.NOT_MET


@pytest.mark.parametrize(("fact", "code"), [("postal_premises_and_equipment", "8.1.1"),
                                            ("postal_name_sign", "8.1.2"),
                                            ("postal_hours_and_services_posted", "8.1.3")])
def test_a_missing_facility_fails_the_postal_point(fact: str, code: str) -> None:
    a = _ict({**POSTAL_OK, fact: False})
    assert a.result(code).status is NOT_MET and a.criterion("8.1").status is NOT_MET
    assert a.criterion("8.2").status is MET


def test_short_opening_hours_fail_8_1_with_the_shortfall_and_the_source() -> None:
    facts = {**POSTAL_OK, "postal_hours_per_working_day": 3}
    ict = _ict(facts)
    assert ict.result("8.1.4").status is NOT_MET
    assert ict.result("8.1.4").shortfall == 1
    assert "1127/QĐ-BTTTT" in ict.explain("en")
    a = ntp.assess(with_ict(_commune(facts)), ntp.ruleset("ntm.commune", ON))
    assert a.result("8.1").status is NOT_MET and a.result("8.2").status is MET


@pytest.mark.parametrize("fact", sorted(POSTAL_OK))
def test_a_missing_condition_leaves_its_indicator_missing_not_failed(fact: str) -> None:
    facts = {k: v for k, v in POSTAL_OK.items() if k != fact}
    code = "8.2" if fact.startswith("villages") else "8.1"
    a = ntp.assess(with_ict(_commune(facts)), ntp.ruleset("ntm.commune", ON))
    assert a.result(code).status is MISSING
    assert a.result("8.3").status is MET
    assert _ict(facts).outcome is None


def test_8_3_and_8_4_are_decided_by_their_recorded_results_only() -> None:
    a = ntp.assess(with_ict(_commune(POSTAL_OK, {})), ntp.ruleset("ntm.commune", ON))
    assert [a.result(f"8.{k}").status for k in range(1, 5)] == [MET, MET, MISSING, MISSING]
    no_radio = ntp.assess(_commune(POSTAL_OK, {**RECORDED, "ntm.commune.ict:8.3.1": False}),
                          ntp.ruleset("ntm.commune.ict", ON))
    assert no_radio.outcome is CriteriaMet.NOT_MET


def test_strict_mode_does_not_record_what_rests_on_the_unverified_8_2_level() -> None:
    a = ntp.assess(with_ict(_commune(POSTAL_OK), strict=True), ntp.ruleset("ntm.commune", ON))
    assert a.result("8.1").status is MET  # secondary numbers
    assert a.result("8.2").status is MISSING  # 100 % of villages is unverified
    assert _ict(POSTAL_OK, strict=True).outcome is None


def test_a_recorded_result_that_contradicts_the_conditions_is_an_input_error() -> None:
    facts = {**POSTAL_OK, "postal_letters_up_to_kg": Decimal("1.5")}
    with pytest.raises(ntp.InputError) as e:
        with_ict(_commune(facts, {**RECORDED, "8.1": True}))
    assert e.value.problems[0].path == "$.observations['8.1']"


def test_the_conditions_are_in_force_from_22_june_2022_to_the_end_of_qd_318() -> None:
    assert ntp.ruleset("ntm.commune.ict", dt.date(2022, 6, 22)).instrument.number == "1127/QĐ-BTTTT"
    assert ntp.ruleset("ntm.commune.ict", dt.date(2026, 2, 14)).instrument.number == "1127/QĐ-BTTTT"
    with pytest.raises(ntp.NoRulesetInForce):
        ntp.ruleset("ntm.commune.ict", dt.date(2022, 6, 21))


def test_what_is_not_found_is_said_and_recorded_not_guessed() -> None:
    """8.2-8.4 past the one proposed 8.2 condition, and the advanced set's criterion 8 (1127 Phụ lục II), were
    not read: the data says so and decides them by recorded results, never by a guessed number."""
    rs = ntp.ruleset("ntm.commune.ict", ON)
    by_code = {c.code: c for c in rs.criteria}
    assert "not found" in by_code["8.2"].note and "proposal" in by_code["8.2"].note
    for code in ("8.3", "8.4"):
        (only,) = by_code[code].indicators
        assert only.measure is None and not only.thresholds and "not found" in by_code[code].note
    # QĐ 924/QĐ-TTg's target names "criterion 8.4 of Criterion No. 8" for IT in management: the code is the law's
    assert "924/QĐ-TTg" in by_code["8.4"].note
    advanced = next(c for c in ntp.ruleset("ntm.commune.advanced", ON).criteria if c.code == "8")
    assert not advanced.indicators and "Phụ lục II" in advanced.note


@pytest.mark.parametrize(("recorded", "status"), [(True, MET), (False, NOT_MET)])
def test_the_radio_and_it_results_pass_through_to_the_commune_unchanged(recorded: bool,
                                                                       status: ntp.ResultStatus) -> None:
    obs = {"ntm.commune.ict:8.3.1": recorded, "ntm.commune.ict:8.4.1": recorded}
    a = ntp.assess(with_ict(_commune(POSTAL_OK, obs)), ntp.ruleset("ntm.commune", ON))
    assert (a.result("8.3").status, a.result("8.4").status) == (status, status)
    assert a.result("8.1").status is MET and a.result("8.2").status is MET
