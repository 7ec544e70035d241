"""Communes and villages as subjects; the QĐ 33/2020 and QĐ 36/2021 classifications beyond the golden cases."""

from __future__ import annotations

import datetime as dt

import attrs
import hypothesis.strategies as st
import jsonschema
import pytest
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.core.places import Commune, Facts, Region, Village
from ntp_criteria.families.areas.ethnic import CommuneArea, VillageArea
from ntp_criteria.io import json as nj
from ntp_criteria.io.schema import payload_schema
from ntp_criteria.testing import strategies as nst

ON = dt.date(2023, 1, 1)
VALIDATOR = jsonschema.Draft202012Validator(payload_schema())
COMMUNES = ntp.ruleset("ethnic.commune", ON)
VILLAGES = ntp.ruleset("ethnic.village", ON)


def test_facts_are_exact_and_refuse_floats() -> None:
    assert Facts.of({"b": 1, "a": True}).items == (("a", True), ("b", 1))
    with pytest.raises(ntp.InputError, match=r"\$\.rate"):
        Facts.of({"rate": 1.5})  # type: ignore[dict-item]
    with pytest.raises(ntp.InputError, match=r"\$\.facts\.rate: expected true/false"):
        nj.structure({"name": "x", "reference_date": "2023-01-01", "facts": {"rate": 1.5}}, Commune)


def test_a_unit_knows_its_own_validity() -> None:
    merged = dict(name="Xã mới", valid_from=dt.date(2025, 7, 1))
    Commune(reference_date=dt.date(2025, 7, 1), **merged)  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError, match="did not exist on 2024-01-01"):
        Commune(reference_date=dt.date(2024, 1, 1), **merged)  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError, match="valid_to"):
        Commune(name="x", reference_date=ON, valid_from=ON, valid_to=dt.date(2022, 1, 1))


def test_scope_follows_the_region() -> None:
    assert Commune(name="x", reference_date=ON, region=Region.DBSCL).scope_values()["mekong_delta"] == "yes"
    assert Commune(name="x", reference_date=ON, region=Region.TN).scope_values()["mekong_delta"] == "no"
    assert "mekong_delta" not in Commune(name="x", reference_date=ON).scope_values()


def test_a_delta_only_test_is_not_applicable_elsewhere_and_no_branch_of_an_or() -> None:
    c = Commune(name="x", reference_date=ON, region=Region.TDMNPB,
                facts={"em_household_share": 50, "poverty_rate": 19, "ntm_recognised": False, "em_share_of_poor": 10,
                       "em_illiterate_15_60_share": 0, "untrained_worker_share": 0, "road_km": 0,
                       "road_unpaved_share": 0})
    a = ntp.assess(c, COMMUNES)
    assert a.result("3.a.poor_em_households").status is ntp.ResultStatus.NOT_APPLICABLE
    assert a.outcome is CommuneArea.KV_II  # decided: the absent delta test does not leave branch a open


def test_observations_recorded_against_the_law_numbering_decide_too() -> None:
    c = Commune(name="x", reference_date=ON, region=Region.TN, facts={"em_household_share": 50},
                observations={"ethnic.commune:3.ntm": True, "3.ntm": False})  # the bare key is for ntm.commune
    a = ntp.assess(c, COMMUNES)
    assert a.outcome is CommuneArea.KV_I and a.result("3.ntm").basis == "recorded"
    assert [p.path for p in a.unused] == ["$.observations['3.ntm']"]  # reported, not silently dropped


def test_a_household_ruleset_refuses_a_commune() -> None:
    with pytest.raises(ntp.InputError, match="assesses a household, not a commune"):
        ntp.assess(Commune(name="x", reference_date=ON), ntp.ruleset("poverty.household", ON))


def _in_force(rs: ntp.Ruleset) -> st.SearchStrategy[dt.date]:
    """Dates the ruleset is in force on (an explicit ruleset is refused outside its period)."""
    return st.dates(min_value=rs.valid_from, max_value=rs.valid_to or dt.date(2030, 12, 31))


@given(nst.communes(on=_in_force(COMMUNES)))
def test_commune_classification_is_consistent(c: Commune) -> None:
    a = ntp.assess(c, COMMUNES)
    assert a.candidates
    if a.outcome is not None:
        assert a.candidates == (a.outcome,)
    facts = dict(c.facts)
    share = facts.get("em_household_share")
    if isinstance(share, bool) is False and share is not None and share < 15:
        assert a.outcome is CommuneArea.NOT_IN_AREA
    if facts.get("ntm_recognised") is True and a.outcome is not None:
        assert a.outcome in (CommuneArea.KV_I, CommuneArea.NOT_IN_AREA)
    assert nj.loads(nj.dumps(c)) == c
    assert nj.loads(nj.dumps(a)) == a
    VALIDATOR.validate(nj.to_payload(c))
    VALIDATOR.validate(nj.to_payload(a))


@given(nst.villages(on=_in_force(VILLAGES)))
def test_village_classification_is_consistent(v: Village) -> None:
    a = ntp.assess(v, VILLAGES)
    assert a.candidates
    assert a.outcome is None or a.outcome in VillageArea
    assert nj.loads(nj.dumps(v)) == v


@given(st.sampled_from(["kv1", "kv2", "kv3", "not_in_area"]))
def test_labels_in_both_languages(value: str) -> None:
    area = CommuneArea(value)
    assert area.label("vi") and area.label("en") and area.label("vi") != area.label("en")


def test_a_commune_classification_feeds_the_commune_group() -> None:
    from ntp_criteria.families.ntm import CommuneGroup, ethnic_region_fact, with_ethnic_region

    commune = Commune(name="x", reference_date=ON, region=Region.TDMNPB,
                      facts={"em_household_share": 80, "poverty_rate": 25, "ntm_recognised": False,
                             "adjacent_to_urban": False, "agriculture_share": 70, "planned_new_urban": False})
    area = ntp.assess(commune, COMMUNES)
    assert area.outcome is CommuneArea.KV_III and ethnic_region_fact(area) == 3
    later = with_ethnic_region(attrs.evolve(commune, reference_date=dt.date(2026, 3, 1)), area)
    group = ntp.assess(later, ntp.ruleset("ntm.commune-group", dt.date(2026, 3, 1)))
    assert group.outcome is CommuneGroup.GROUP_3
    undecided = ntp.assess(Commune(name="y", reference_date=ON, facts={"em_household_share": 80}), COMMUNES)
    with pytest.raises(ValueError, match="undecided"):
        ethnic_region_fact(undecided)


def test_no_commune_group_before_qd_51_2025_is_in_force() -> None:
    with pytest.raises(ntp.NoRulesetInForce, match="applies from 2026-02-15"):
        ntp.ruleset("ntm.commune-group", dt.date(2026, 2, 14))


def test_a_2024_district_and_a_2026_merged_commune_are_both_expressible() -> None:
    from ntp_criteria.core.places import District

    District(name="Huyện Tủa Chùa", reference_date=dt.date(2024, 12, 31), valid_to=dt.date(2025, 6, 30))
    with pytest.raises(ntp.InputError, match="districts were abolished on 2025-07-01"):
        District(name="Huyện Tủa Chùa", reference_date=dt.date(2025, 7, 1))
    merged = Commune(name="Xã mới", reference_date=dt.date(2026, 1, 1), valid_from=dt.date(2025, 7, 1))
    assert merged.exists_on(dt.date(2025, 7, 1)) and not merged.exists_on(dt.date(2025, 6, 30))


@pytest.mark.parametrize("family", ["ethnic.commune", "ethnic.village"])
def test_qd_33_2020_hands_over_to_nd_272_2025_without_gap(family: str) -> None:
    assert ntp.ruleset(family, dt.date(2025, 11, 30)).instrument.number == "33/2020/QĐ-TTg"
    assert ntp.ruleset(family, dt.date(2025, 12, 1)).instrument.number == "272/2025/NĐ-CP"


COASTAL_GAPS = {"coastal_or_island": True, "poor_near_poor_rate": 15, "health_criteria_unmet": True,
                "school_below_level_2": True, "solid_preschool_classroom_share": 74}


@pytest.mark.parametrize(("ntm", "expected"), [(False, "extremely_difficult"), (True, "other")])
def test_an_ntm_recognised_coastal_commune_is_outside_qd_36_2021(ntm: bool, expected: str) -> None:
    from ntp_criteria.families.areas.coastal import CoastalCommune

    rs = ntp.ruleset("poverty.coastal-commune", ON)
    a = ntp.assess(Commune(name="x", reference_date=ON, facts={**COASTAL_GAPS, "ntm_recognised": ntm}), rs)
    assert a.outcome is CoastalCommune(expected)
    scope = rs.indicator("scope.ntm").definition
    assert scope is not None and scope.status.value == "secondary" and "không bao gồm" in scope.cite


def test_unrecorded_ntm_recognition_leaves_a_qualifying_coastal_commune_open() -> None:
    a = ntp.assess(Commune(name="x", reference_date=ON, facts=COASTAL_GAPS),
                   ntp.ruleset("poverty.coastal-commune", ON))
    assert a.outcome is None and {c.value for c in a.candidates} == {"extremely_difficult", "other"}
