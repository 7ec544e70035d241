"""The rules data: every number cited, and bad data refused with the file and path named."""

from __future__ import annotations

from importlib import resources

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from tests.fixtures import GOOD


def test_a_good_file_loads() -> None:
    cat = load_catalogue({"good.toml": GOOD})
    (rs,) = cat.rulesets
    assert rs.instrument.number == "1/2024/NĐ-CP"
    assert [n.path for n in rs.unverified()] == ["income.line[area=urban]", "water.clean_sources"]


@pytest.mark.parametrize(("change", "path", "message"), [
    (('value = 1000', 'value = 1000.5'), "$.rulesets[0].criteria[0].indicators[0].thresholds[0].value",
     "never a float"),
    (('unit = "VND"\nsource = { cite = "Art. 1.a", status = "verified" }', 'unit = "VND"'),
     "$.rulesets[0].criteria[0].indicators[0].thresholds[0].source", "required"),
    (('status = "verified" }\n[[rulesets.criteria.indicators.thresholds]]',
      'status = "checked" }\n[[rulesets.criteria.indicators.thresholds]]'),
     "$.rulesets[0].criteria[0].indicators[0].thresholds[0].source.status", "'verified'"),
    (('op = "<="\nvalue = 1000', 'op = "<="\nvalue = 1000\ncolour = "red"'),
     "$.rulesets[0].criteria[0].indicators[0].thresholds[0].colour", "unknown key"),
    (('measure = "household.unclean_water"', 'measure = "household.unknown"'),
     "$.rulesets[0].criteria[1].indicators[0].measure", "unknown measure"),
    (('outcome = "poverty.single-income-line"', 'outcome = "first-wins"'), "$.rulesets[0].outcome",
     "unknown outcome rule"),
])
def test_bad_data_is_refused_with_file_and_path(change: tuple[str, str], path: str, message: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(ntp.RuleDataError) as exc:
        load_catalogue({"bad.toml": GOOD.replace(old, new, 1)})
    assert exc.value.file == "bad.toml"
    assert any(p.path == path and message in p.message for p in exc.value.problems), exc.value.problems
    assert str(exc.value).startswith("bad.toml: ")


def test_a_gap_in_area_coverage_is_a_load_error() -> None:
    gap = GOOD.replace('area = "urban"\nop = "<="', 'area = "rural"\nop = "<="', 1)
    with pytest.raises(ntp.RuleDataError) as exc:
        load_catalogue({"gap.toml": gap})
    messages = {p.message for p in exc.value.problems}
    assert "no threshold for area='urban' (declared area)" in messages
    assert "2 thresholds apply to area='rural'; the law allows one" in messages


def test_a_year_dimension_must_cover_the_years_in_force() -> None:
    bad = GOOD.replace('dimensions = { area = ["rural", "urban"] }',
                       'dimensions = { area = ["rural", "urban"], year = [2023] }').replace(
        "valid_to = 2024-12-31", "valid_to = 2025-12-31")
    with pytest.raises(ntp.RuleDataError, match=r"years in force but not declared: \[2024, 2025\]"):
        load_catalogue({"years.toml": bad})


def test_overlapping_periods_in_one_family_are_a_load_error() -> None:
    other = GOOD.replace('id = "test-1"', 'id = "test-2"').replace("valid_from = 2024-01-01", "valid_from = 2024-06-01")
    with pytest.raises(ntp.RuleDataError, match="overlaps"):
        load_catalogue({"a.toml": GOOD, "b.toml": other})


def test_a_count_rollup_needs_its_cut_off() -> None:
    bad = GOOD.replace('rollup = "count"\n', "")
    with pytest.raises(ntp.RuleDataError, match="count_threshold"):
        load_catalogue({"c.toml": bad})


def test_not_toml_is_a_load_error_naming_the_file() -> None:
    with pytest.raises(ntp.RuleDataError, match=r"broken\.toml: .*not valid TOML"):
        load_catalogue({"broken.toml": "schema = "})


def test_every_number_in_the_package_data_is_cited_with_a_status() -> None:
    for rs in ntp.rulesets():
        assert rs.validity.cite and rs.instrument.provenance.cite
        for n in rs.numbers():
            assert n.provenance.cite.strip(), n.path
            assert isinstance(n.provenance.status, ntp.Status)
            if n.provenance.status is not ntp.Status.VERIFIED:
                # a number below verified says what was (or was not) read
                assert n.provenance.note or n.provenance.url, n.path


def test_one_data_file_per_instrument() -> None:
    files = sorted(e.name for e in (resources.files("ntp_criteria") / "rules").iterdir() if e.name.endswith(".toml"))
    assert files == sorted(f"{i.id}.toml" for i in ntp.instruments())


def test_a_code_an_outcome_rule_reads_renamed_in_the_data_is_a_load_error() -> None:
    """The outcome rule of NĐ 07/2021 reads ``income.line``: renamed in the file, the file does not load (before,
    it loaded and ``assess`` raised a bare KeyError)."""
    text = (resources.files("ntp_criteria") / "rules" / "nd-07-2021.toml").read_text(encoding="utf-8")
    assert text.count('code = "income.line"') == 1
    with pytest.raises(ntp.RuleDataError) as caught:
        load_catalogue({"nd-07-2021.toml": text.replace('code = "income.line"', 'code = "income.threshold"')})
    assert caught.value.file == "nd-07-2021.toml"
    assert [p.path for p in caught.value.problems] == ["$.rulesets[0].outcome"]
    assert "'income.line'" in str(caught.value)
