"""Batch output people can read (issue 18): values as values, codes in the law's order, failed criteria with their
exact gaps, ``--full`` without the whole ruleset, districts and provinces, and the command in Vietnamese."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import hypothesis.strategies as st
import jsonschema
import pytest
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.core.text import code_key
from ntp_criteria.io import _cli_text
from ntp_criteria.io import json as ntp_json
from ntp_criteria.io.batch import SUMMARY_FIELDS, render_assessments, summary
from ntp_criteria.io.cli import _parser, main
from ntp_criteria.io.records import failed_criteria, full_record
from ntp_criteria.io.schema import results_schema

HOUSEHOLDS = ("id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived,not_deprived\n"
              "A,rural,2027-05-01,9000000,1,,\n"
              "B,rural,2024-05-01,,,water;latrine,\n"
              "C,mars,2024-05-01,1,0,,\n")
COMMUNES = ("name,reference_date,region,obs:2.1,obs:11.1,fact:income_per_capita_million_vnd\n"
            "Xã X,2023-06-01,tn,true,true,40.5\n")


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, *args: str, name: str = "in.csv"
         ) -> tuple[int, str, str]:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    code = main(["assess", str(src), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- codes in the law's order -----------------------------------------------------------------------------------

def test_codes_sort_in_the_laws_order() -> None:
    codes = ["11.1", "2.2", "17.10", "17.9", "2", "income.line", "10", "adult_education"]
    assert sorted(codes, key=code_key) == ["2", "2.2", "10", "11.1", "17.9", "17.10", "adult_education",
                                           "income.line"]


@given(st.lists(st.lists(st.integers(0, 120), min_size=1, max_size=3), min_size=2, max_size=8))
def test_dotted_codes_sort_as_their_numbers(numbers: list[list[int]]) -> None:
    codes = [".".join(map(str, n)) for n in numbers]
    assert [tuple(int(x) for x in c.split(".")) for c in sorted(codes, key=code_key)] == sorted(map(tuple, numbers))


def test_reasons_and_failures_follow_the_laws_order() -> None:
    commune = ntp.Commune(name="X", reference_date=dt.date(2023, 6, 1), region="tn")
    reasons = ntp.assess(commune).reasons
    assert [r.split(":")[0] for r in reasons] == sorted((r.split(":")[0] for r in reasons), key=code_key)
    assert reasons[0].startswith("1.") and any(r.startswith("11.") for r in reasons)


def test_a_missing_threshold_is_named_by_its_scope_not_a_python_dict() -> None:
    on = dt.date(2024, 1, 1)
    rs = ntp.ruleset("poverty.household", on)

    def without_urban(i: ntp.Indicator) -> ntp.Indicator:
        kept = tuple(t for t in i.thresholds if t.scope.items != (("area", "urban"),))
        return attrs.evolve(i, thresholds=kept) if i.code == "income.line" else i

    cut = attrs.evolve(rs, criteria=tuple(attrs.evolve(c, indicators=tuple(map(without_urban, c.indicators)))
                                          for c in rs.criteria))
    a = ntp.assess(ntp.Household(area="urban", reference_date=on, monthly_income_per_capita=1, deprivation_count=0),
                   cut)
    assert a.result("income.line").reason == "no threshold for area=urban, year=2024"


# --- values as values -------------------------------------------------------------------------------------------

def test_json_records_keep_lists_as_lists_and_values_as_values(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, capsys, HOUSEHOLDS, "--output-format", "json")
    assert code == 1  # row 3 is bad
    results = json.loads(out)
    jsonschema.validate(results, results_schema())
    a, b, c = results["data"]
    assert a["candidates"] == ["middle_income", "other"] and a["decided"] is False
    assert a["poverty_status"] == "neither_poor_nor_near_poor" and a["outcome"] is None
    assert b["poverty_status"] == "undecided" and isinstance(b["reasons"], list) and len(b["reasons"]) > 5
    assert b["unverified"] == sorted(b["unverified"], key=code_key)
    assert c["error"] == [{"path": "$[2].area", "message": "expected one of 'rural', 'urban', got 'mars'"}]
    for record in results["data"]:
        for value in record.values():
            assert not (isinstance(value, str) and (";" in value or " | " in value or "{'" in value))


def test_csv_stays_flat_but_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(tmp_path, capsys, HOUSEHOLDS)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(SUMMARY_FIELDS)
    assert rows[0]["candidates"] == "middle_income; other" and rows[0]["decided"] == "false"
    assert rows[0]["poverty_status"] == "neither_poor_nor_near_poor"
    assert rows[2]["error"] == "$[2].area: expected one of 'rural', 'urban', got 'mars'"


def test_a_failing_commune_says_which_criteria_fail_and_by_how_much(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(tmp_path, capsys, COMMUNES, "--kind", "commune", "--output-format", "json")
    assert code == 0
    (record,) = json.loads(out)["data"]
    assert record["outcome"] == "not_met"
    (income,) = [f for f in record["failed"] if f["criterion"] == "10"]
    (gap,) = income["indicators"]
    threshold = Decimal(gap["threshold"]["value"])
    assert gap["code"] == "10.1" and gap["observed"] == "40.5" and gap["threshold"]["op"] == ">="
    assert Decimal(gap["shortfall"]) == threshold - Decimal("40.5")  # exact, in the threshold's unit
    assert "318/QĐ-TTg" in gap["threshold"]["source"]
    assert [f["criterion"] for f in record["failed"]] == sorted((f["criterion"] for f in record["failed"]),
                                                                key=code_key)
    _, text, _ = _run(tmp_path, capsys, COMMUNES, "--kind", "commune")
    (row,) = csv.DictReader(io.StringIO(text))
    assert f"10.1 40.5 (>= {threshold}): short by {threshold - Decimal('40.5')}" in row["failed"]
    _, text, _ = _run(tmp_path, capsys, COMMUNES, "--kind", "commune", "--lang", "vi")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["failed"].startswith("tiêu chí 10 [10.1 40.5") and "thiếu" in row["failed"]


def test_a_household_lists_no_failed_criteria() -> None:
    a = ntp.assess(ntp.Household(area="rural", reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=10**8,
                                 deprivation_count=0))
    assert failed_criteria(a) == [] and summary(a)["failed"] == []


def test_full_refers_to_the_ruleset_instead_of_embedding_it(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(tmp_path, capsys, COMMUNES, "--kind", "commune", "--output-format", "json", "--full")
    results = json.loads(out)
    jsonschema.validate(results, results_schema())
    (record,) = results["data"]
    assert record["ruleset"]["family"] == "ntm.commune" and record["ruleset"]["instrument"] == "318/QĐ-TTg"
    assert {"criteria", "indicators", "because"} <= set(record) and "title_en" not in json.dumps(record["ruleset"])
    a = ntp.assess(ntp.Commune(name="Xã X", reference_date=dt.date(2023, 6, 1), region="tn"))
    embedded = len(ntp_json.dumps(a))
    assert len(json.dumps(full_record(a), ensure_ascii=False)) < embedded / 2  # the ruleset is most of a payload


def test_version_one_payloads_are_still_read() -> None:
    hh = ntp.Household(area="rural", reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=1)
    payload = ntp_json.to_payload(hh)
    assert payload["schema_version"] == 2
    assert ntp_json.from_payload({**payload, "schema_version": 1}) == hh


# --- districts and provinces ------------------------------------------------------------------------------------

def test_districts_and_provinces_are_assessed_like_communes(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    districts = ("name,reference_date,region,flags,fact:communes_ntm_pct\n"
                 "Huyện A,2024-06-01,tn,,100\nThị xã B,2024-06-01,tn,town,90\nHuyện C,2026-06-01,tn,,100\n")
    code, out, err = _run(tmp_path, capsys, districts, "--kind", "district", "--output-format", "json")
    a, b, _ = json.loads(out)["data"]
    assert code == 1 and "row 3: $[2].reference_date: no district-level units exist" in err
    assert (a["family"], b["family"]) == ("ntm.district", "ntm.town")  # a town's own set, by its flag
    assert b["outcome"] == "not_met" and b["failed"][0]["indicators"][0]["shortfall"] == "10"
    provinces = "name,reference_date,region,fact:districts_ntm_pct\nTỉnh A,2024-06-01,tn,100\n"
    code, out, _ = _run(tmp_path, capsys, provinces, "--kind", "province", "--output-format", "json")
    (p,) = json.loads(out)["data"]
    assert code == 0 and p["family"] == "ntm.province" and p["candidates"] == ["met", "not_met"]
    district = ntp.District(name="H", reference_date=dt.date(2024, 1, 1), flags={"town"})
    assert ntp_json.loads(ntp_json.dumps(district)) == district
    rendered = json.loads(render_assessments([ntp.assess(district, ntp.ruleset("ntm.town", district.reference_date))],
                                             "json"))
    assert rendered["data"][0]["family"] == "ntm.town"


# --- the command in Vietnamese ----------------------------------------------------------------------------------

def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out += _parsers(sub)
    return out


def test_every_help_text_has_a_vietnamese_wording() -> None:
    untranslated: list[str] = []
    for parser in _parsers(_parser("en")):
        texts: list[Any] = [parser.description]
        for action in parser._actions:
            texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts += [choice.help for choice in action._choices_actions]
        untranslated += [t for t in texts if t and t not in _cli_text.VI and t != _cli_text.LANG_HELP]
    assert untranslated == []


def test_help_messages_and_errors_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "vi", "assess", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: ntp-criteria assess") and "tùy chọn:" in out and "định dạng kết quả" in out
    with pytest.raises(SystemExit) as exit_:
        main(["assess", "--lang=vi"])
    assert exit_.value.code == 2 and "ntp-criteria assess: lỗi: thiếu tham số bắt buộc: file" in capsys.readouterr().err
    code, _, err = _run(tmp_path, capsys, HOUSEHOLDS, "--lang", "vi")
    assert code == 1 and "ntp-criteria: dòng 3: $[2].area: cần một trong các giá trị 'rural', 'urban'" in err
    assert main(["show", "poverty.household", "--on", "2099-01-01", "--lang", "vi"]) == 2
    assert "không có bộ tiêu chí 'poverty.household' vào ngày 2099-01-01" in capsys.readouterr().err
    monkeypatch.setenv(_cli_text.LANG_VARIABLE, "vi")
    assert main(["rulesets", "poverty.household"]) == 0
    assert "số chưa kiểm chứng" in capsys.readouterr().out
    assert main(["show", "poverty.household", "--on", "2024-01-01"]) == 0
    assert "căn cứ hiệu lực" in capsys.readouterr().out
    assert main(["rulesets", "poverty.household", "--lang", "en"]) == 0  # the option wins over the environment
    assert "unverified numbers" in capsys.readouterr().out


def test_an_unknown_language_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["rulesets", "--lang", "fr"])
    assert exit_.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err


def test_csv_cells_follow_the_record_fields() -> None:
    from ntp_criteria.io.records import RECORD_FIELDS, csv_cells

    plain = {name: f"<{name}>" for name in RECORD_FIELDS if name not in (
        "candidates", "decided", "failed", "reasons", "unverified", "unused", "error")}
    lists = {"candidates": ["<candidates>"], "reasons": ["<reasons>"], "unverified": ["<unverified>"],
             "unused": [{"path": "$", "message": "<unused>"}], "error": [{"path": "$", "message": "<error>"}],
             "failed": [{"criterion": "<failed>", "indicators": []}], "decided": True}
    cells = csv_cells({**plain, **lists})
    assert [str(c) for c in cells] == [
        "true" if n == "decided" else "criterion <failed>" if n == "failed" else
        f"$: <{n}>" if n in ("unused", "error") else f"<{n}>" for n in RECORD_FIELDS]


def test_diff_and_pack_check_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "poverty.household", "--from", "2024-01-01", "--to", "2027-06-01", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "waste: mới thêm" in out and "income.line[area=rural]: thay đổi: <= 1500000 → <= 2200000" in out
    empty = tmp_path / "empty.toml"
    empty.write_text('schema = 1\n[pack]\nname = "x"\n[[fills]]\nfamily = "ntm.commune"\ninstrument = "qd-318-2022"\n'
                     'indicator = "2.2"\n', encoding="utf-8")
    assert main(["--lang", "vi", "pack", "check", str(empty)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("nạp được: 1 tệp gói quy định") and "các gói không thay đổi gì" in out


def test_the_schema_command_prints_the_batch_output_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "BatchResults"]) == 0
    assert json.loads(capsys.readouterr().out) == results_schema()
    assert main(["schema", "District"]) == 0
    assert json.loads(capsys.readouterr().out)["$defs"]["District"]["required"] == ["name", "reference_date"]
