"""Batch input/output, the assess/diff/schema commands, what-if rulesets and diffs of assessments."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue.diff import diff_assessments, diff_rulesets
from ntp_criteria.catalogue.whatif import with_count_threshold, with_parameter
from ntp_criteria.io.batch import parse_households, render_assessments
from ntp_criteria.io.cli import main

CSV = """id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived
A,rural,2024-05-01,1500000,3,
B,urban,2024-05-01,2000001,,water;latrine
"""


def test_csv_in_csv_out() -> None:
    households = parse_households(CSV, "csv")
    assert [h.id for h in households] == ["A", "B"]
    assert households[1].deprived == frozenset({"water", "latrine"})
    assert households[0].monthly_income_per_capita == Decimal(1_500_000)
    out = render_assessments([ntp.assess(h) for h in households], "csv")
    lines = out.splitlines()
    assert lines[0].startswith("row,id,family,instrument,on,outcome")
    assert lines[1].split(",")[5] == "poor" and lines[2].split(",")[5] == "middle_income"


def test_bad_rows_are_reported_with_row_and_column() -> None:
    bad = CSV + "C,countryside,2024-05-01,1.5.0,x,\n"
    with pytest.raises(ntp.InputError) as exc:
        parse_households(bad, "csv")
    assert sorted(p.path for p in exc.value.problems) == [
        "$[2].area", "$[2].deprivation_count", "$[2].monthly_income_per_capita"]
    with pytest.raises(ntp.InputError, match=r"\$\.columns\.colour: unknown column"):
        parse_households("area,reference_date,colour\nrural,2024-01-01,red\n", "csv")
    with pytest.raises(ntp.InputError, match=r"\$\.columns\.reference_date: required column missing"):
        parse_households("area\nrural\n", "csv")


def test_json_accepts_payloads_objects_and_lists() -> None:
    from ntp_criteria.io import json as nj

    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), id="X")
    as_payload = nj.dumps(hh)
    assert parse_households(as_payload, "json") == [hh]
    assert parse_households(json.dumps([nj.unstructure(hh)] * 2), "json") == [hh, hh]
    with pytest.raises(ntp.InputError, match=r"\$\[1\]\.area"):
        parse_households(json.dumps([nj.unstructure(hh), {"area": "x", "reference_date": "2024-01-01"}]), "json")


def test_assess_command_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text(CSV, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["assess", str(src), "--out", str(out), "--output-format", "json"]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert (results["schema_version"], results["type"]) == (2, "BatchResults")
    assert [(r["id"], r["outcome"]) for r in results["data"]] == [("A", "poor"), ("B", "middle_income")]
    assert main(["assess", str(src), "--format", "csv", "--output-format", "json", "--full"]) == 0
    full = json.loads(capsys.readouterr().out)["data"][0]
    ref = full["ruleset"]  # referred to, never embedded
    assert (ref["family"], ref["instrument"], ref["instrument_id"]) == ("poverty.household", "07/2021/NĐ-CP",
                                                                        "nd-07-2021")
    assert ref["valid_from"] <= full["on"] <= ref["valid_to"] and "criteria" not in ref
    assert [c["code"] for c in full["criteria"]][:1] == ["income"] and full["outcome"] == "poor"
    bad = tmp_path / "bad.csv"
    bad.write_text("area,reference_date\nmars,2024-01-01\n", encoding="utf-8")
    assert main(["assess", str(bad)]) == 1  # the row is bad, the input is readable
    assert "$[0].area" in capsys.readouterr().err
    assert main(["assess", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_diff_and_schema_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "poverty.household", "--from", "2024-01-01", "--to", "2027-06-01"]) == 0
    out = capsys.readouterr().out
    assert "income.line[area=rural]: changed: <= 1500000 → <= 2200000" in out and "waste: added" in out
    assert main(["schema", "Household"]) == 0
    assert json.loads(capsys.readouterr().out)["$ref"] == "#/$defs/Household"


def test_diff_between_the_two_standards() -> None:
    old = ntp.ruleset("poverty.household", on=dt.date(2021, 6, 1))
    new = ntp.ruleset("poverty.household", on=dt.date(2022, 6, 1))
    changes = {c.path: c.what for c in diff_rulesets(old, new)}
    assert changes["outcome"] == "rule shape: poverty.two-income-lines → poverty.single-income-line"
    assert changes["income.poverty_line"] == "removed" and changes["income.line"] == "added"
    assert diff_rulesets(old, old) == ()


def test_what_if_changes_only_the_copy_and_marks_it_as_a_scenario() -> None:
    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
    higher = rs.with_threshold("income.line", 1_800_000, scope={"area": "rural"})
    t = higher.indicator("income.line").threshold_for({"area": "rural"})
    assert t is not None and t.value == 1_800_000 and t.provenance.status is ntp.Status.UNVERIFIED
    assert "what-if" in t.provenance.cite
    assert rs.indicator("income.line").threshold_for({"area": "rural"}).value == 1_500_000  # type: ignore[union-attr]
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=1_700_000,
                       deprivation_count=3, id="H")
    before, after = ntp.assess(hh, rs), ntp.assess(hh, higher)
    assert (before.outcome, after.outcome) == (ntp.HouseholdClass.MIDDLE_INCOME, ntp.HouseholdClass.POOR)
    assert any("what-if" in n.provenance.cite for n in after.unverified)
    assert ntp.assess(hh, higher, strict=True).outcome is None  # a scenario is never law
    (change,) = diff_assessments([before], [after])
    assert (change.subject_id, change.before, change.after, change.outcome_changed) == ("H", "middle_income",
                                                                                         "poor", True)
    assert ("income.line", ntp.ResultStatus.NOT_MET, ntp.ResultStatus.MET) in change.moved
    with pytest.raises(ntp.InputError, match="no threshold"):
        rs.with_threshold("income.line", 1, scope={"area": "moon"})
    with pytest.raises(ntp.InputError, match=r"got 1\.5"):
        rs.with_threshold("income.line", 1.5)  # type: ignore[arg-type]


def test_what_if_parameters_and_cut_offs() -> None:
    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
    two = with_count_threshold(rs, "deprivation", 2)
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=1,
                       deprivation_count=2)
    assert (ntp.assess(hh, rs).outcome, ntp.assess(hh, two).outcome) == (ntp.HouseholdClass.NEAR_POOR,
                                                                          ntp.HouseholdClass.POOR)
    older = with_parameter(rs, "health_insurance", "age_from", 16)
    assert older.indicator("health_insurance").parameter("age_from").value == 16
    assert diff_rulesets(rs, older)[0].path == "health_insurance.age_from"


def test_diff_assessments_pairs_by_id_and_checks_lengths() -> None:
    rs = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
    a = [ntp.assess(ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), id=i,
                                  monthly_income_per_capita=1, deprivation_count=n), rs)
         for i, n in [("x", 1), ("y", 4)]]
    assert diff_assessments(a, list(reversed(a))) == ()
    with pytest.raises(ValueError, match="pair the same subjects"):
        diff_assessments(a, a[:1])


@pytest.mark.parametrize("text", ["area,reference_date\nru\rral,2024-01-01\n", "area,reference_date\n\x00,x\n",
                                  'area,reference_date\n"rural,2024-01-01\n'])
def test_malformed_csv_is_an_input_error(text: str) -> None:
    # found by the fuzzer: the csv module's own errors must not escape
    with pytest.raises(ntp.InputError):
        parse_households(text, "csv")


COMMUNES_CSV = """name,code,region,reference_date,flags,fact:em_household_share,fact:poverty_rate,fact:ntm_recognised
Xã A,01234,tdmnpb,2023-06-01,,40,20,false
Xã B,,dbscl,2023-06-01,particularly_difficult,12.5,30,false
"""


def test_communes_from_csv_and_the_assess_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ntp_criteria.io.batch import parse_subjects

    communes = parse_subjects(COMMUNES_CSV, "csv", "commune")
    assert [c.id for c in communes] == ["01234", "Xã B"]
    assert communes[1].flags == frozenset({"particularly_difficult"})
    assert communes[1].facts.get("em_household_share") == Decimal("12.5")
    src = tmp_path / "communes.csv"
    src.write_text(COMMUNES_CSV, encoding="utf-8")
    assert main(["assess", str(src), "--kind", "commune", "--family", "ethnic.commune"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[1].split(",")[5] == "kv3" and rows[2].split(",")[5] == "not_in_area"
    with pytest.raises(ntp.InputError, match=r"\$\.columns\.colour"):
        parse_subjects("name,reference_date,colour\nx,2023-01-01,red\n", "csv", "commune")
    with pytest.raises(ntp.InputError, match=r"\$\[0\]\.facts\.rate"):
        parse_subjects("name,reference_date,fact:rate\nx,2023-01-01,1.2.3\n", "csv", "village")
