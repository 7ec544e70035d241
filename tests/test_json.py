"""JSON interchange: lossless round trips, versioned payloads, pathed errors, and the JSON Schema."""

from __future__ import annotations

import json

import hypothesis.strategies as st
import jsonschema
import pytest
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.io import json as nj
from ntp_criteria.io.schema import json_schema, payload_schema
from ntp_criteria.testing import strategies as nst

VALIDATOR = jsonschema.Draft202012Validator(payload_schema())


def _round_trip(obj: object) -> None:
    text = nj.dumps(obj)
    assert nj.loads(text, type(obj)) == obj
    assert nj.dumps(nj.loads(text)) == text  # deterministic text: sets are written sorted
    VALIDATOR.validate(json.loads(text))


@given(nst.households())
def test_households_round_trip(hh: ntp.Household) -> None:
    _round_trip(hh)


@given(nst.households())
def test_assessments_round_trip(hh: ntp.Household) -> None:
    _round_trip(ntp.assess(hh))
    _round_trip(ntp.assess(hh, strict=True))


@given(st.sampled_from(ntp.rulesets()))
def test_rulesets_round_trip(rs: ntp.Ruleset) -> None:
    _round_trip(rs)
    _round_trip(rs.instrument)


@given(st.sampled_from(ntp.programmes()))
def test_programmes_round_trip(p: ntp.Programme) -> None:
    _round_trip(p)


def test_dates_decimals_and_enums_are_written_plainly() -> None:
    rs = ntp.ruleset("poverty.household", on=ntp.instrument("nd-07-2021").signed.replace(year=2024))
    data = nj.unstructure(rs)
    assert data["valid_from"] == "2022-01-01"
    line = data["criteria"][0]["indicators"][0]["thresholds"][0]
    assert (line["value"], line["op"], line["scope"]) == ("1500000", "<=", {"area": "rural"})
    assert line["provenance"]["status"] == "verified"


def test_a_bad_payload_lists_every_problem_with_its_path() -> None:
    bad = {"schema_version": 1, "type": "Household", "data": {
        "area": "village", "reference_date": "2024-02-30", "monthly_income_per_capita": 1.5,
        "members": [{"age": 30}, {"age": 3, "colour": "red"}, {"age": -1}]}}
    with pytest.raises(ntp.InputError) as exc:
        nj.from_payload(bad)
    assert sorted(p.path for p in exc.value.problems) == [
        "$.data.area", "$.data.members[1].colour", "$.data.members[2].age", "$.data.monthly_income_per_capita",
        "$.data.reference_date"]


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON"),
    ('{"schema_version": 3, "type": "Household", "data": {}}', "reads versions 1, 2"),
    ('{"schema_version": true, "type": "Household", "data": {}}', "reads versions 1, 2"),
    ('{"schema_version": 2, "type": "Hamlet", "data": {}}', "expected one of"),
    ('{"schema_version": 2, "type": "BatchResults", "data": []}', "expected one of"),
    ('{"schema_version": 1, "type": "Household"}', "expected {schema_version, type, data}"),
    ('[]', "expected {schema_version, type, data}"),
])
def test_malformed_payloads(text: str, message: str) -> None:
    with pytest.raises(ntp.InputError, match=message):
        nj.loads(text)


def test_payload_type_must_match_the_one_asked_for() -> None:
    text = nj.dumps(ntp.ruleset("poverty.household", on=ntp.instrument("qd-59-2015").effective))  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError, match=r"\$\.type: expected Household, got 'Ruleset'"):
        nj.loads(text, ntp.Household)


def test_schemas_are_valid_and_reject_bad_input() -> None:
    for cls in (ntp.Household, ntp.Assessment):
        jsonschema.Draft202012Validator.check_schema(json_schema(cls))
    household = jsonschema.Draft202012Validator(json_schema(ntp.Household))
    assert household.is_valid({"area": "rural", "reference_date": "2024-01-01"})
    assert not household.is_valid({"area": "rural"})
    assert not household.is_valid({"area": "rural", "reference_date": "2024-01-01", "monthly_income_per_capita": 1.5})
    assert not household.is_valid({"area": "rural", "reference_date": "2024-01-01", "extra": 1})
