"""Completing a criteria set (issue #16): ``ntp-criteria template`` writes a pack skeleton for the numbers the
package lacks, ``pack check`` says what a pack changes, ``--rules`` uses packs, and the status table counts how
much of each set is computed.

Every value written into a pack here is made up for the test and marked ``unverified``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
import tomllib
from pathlib import Path

import pytest

import ntp_criteria as ntp
from ntp_criteria.io.cli import main
from ntp_criteria.io.status import coverage, gaps, status_table
from ntp_criteria.io.template import VALUE_LINE, pack_template

ON = dt.date(2022, 6, 1)
PACK = "ntm-commune-qd-318-2022-tn"


def _template(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    path = tmp_path / "pack.toml"
    assert main(["template", "ntm.commune", "--on", "2022-06-01", "--out", str(path), *args]) == 0
    assert "entries to fill" in capsys.readouterr().err
    return path


def _filled(text: str, values: dict[str, int] | None = None, *, keep: set[str] | None = None) -> str:
    """The template with the value (and the operator and unit, where they are comments) of every entry written,
    ``values[code]`` or a made-up 50; the entries of indicators not in ``keep`` (when given) deleted."""
    blocks, code = [], ""
    for block in text.split("\n\n"):
        found = re.search(r'^indicator = "([^"]+)"$', block, re.M)
        if block.startswith("[[fills]]") and found:
            code = found[1]
        if not block.startswith("[[fills.thresholds]]"):
            blocks.append(block)
        elif keep is None or code in keep:
            assert VALUE_LINE in block and 'status = "unverified"' in block
            value = (values or {}).get(code, 50)
            blocks.append(block.replace(VALUE_LINE, f"value = {value}")
                          .replace("# op =", 'op = ">="').replace("# unit =", 'unit = "%"'))
    return "\n\n".join(blocks)


def _commune(observations: dict[str, object], region: ntp.Region = ntp.Region.TN) -> ntp.Commune:
    return ntp.Commune(name="X", reference_date=ON, region=region, observations=observations)


def test_a_template_filled_from_the_annex_makes_the_region_computed(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's own test: a template for one region, filled, loaded; its indicators are then computed from the
    values a commune records, instead of needing recorded results."""
    path = _template(tmp_path, capsys, "--region", "tn")
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)  # valid TOML as written, every value line a comment
    package = ntp.ruleset("ntm.commune", ON)
    missing = [g for g in gaps(package) if any(s.get("region") == "tn" for s in g.scopes)]
    assert [f["indicator"] for f in data["fills"]] == [g.indicator.code for g in missing]
    entries = [t for f in data["fills"] for t in f["thresholds"]]
    assert len(entries) == text.splitlines().count(VALUE_LINE) == 5 * len(missing)
    assert all(t["region"] == "tn" and "value" not in t and t["source"]["status"] == "unverified" for t in entries)
    assert {t["year"] for t in entries} == {2022, 2023, 2024, 2025, 2026}
    assert entries[0]["source"]["cite"].startswith("318/QĐ-TTg, Phụ lục I, chỉ tiêu ")

    path.write_text(_filled(text, {"2.2": 80, "14.2": 90}), encoding="utf-8")
    cat = ntp.catalogue(packs=[path])
    rs = ntp.ruleset("ntm.commune", ON, catalogue=cat)
    assert not gaps(rs, {"region": ["tn"]}), "every number of the region is now in the data"

    before = ntp.assess(_commune({"2.2": 85, "14.2": 85}))
    assert before.result("2.2").status is ntp.ResultStatus.MISSING  # a number, and no threshold to compare it with
    after = ntp.assess(_commune({"2.2": 85, "14.2": 85}), catalogue=cat)
    assert after.result("2.2").status is ntp.ResultStatus.MET
    assert after.result("14.2").status is ntp.ResultStatus.NOT_MET and after.result("14.2").shortfall == 5
    threshold = after.result("2.2").threshold
    assert threshold is not None and f"(pack: {PACK})" in threshold.provenance.cite
    explained = after.explain("en")
    assert f"318/QĐ-TTg, Phụ lục I, chỉ tiêu 2.2, vùng TN, năm 2022 (pack: {PACK}) [unverified]" in explained
    strict = ntp.assess(_commune({"2.2": 85}), rs, catalogue=cat, strict=True)
    assert strict.result("2.2").status is ntp.ResultStatus.UNDECIDED
    # another region is untouched: its numbers are still not in the data
    other = ntp.assess(_commune({"2.2": 85}, ntp.Region.DBSH), catalogue=cat)
    assert other.result("2.2").status is ntp.ResultStatus.MISSING


def test_a_template_with_only_the_entries_filled_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _template(tmp_path, capsys, "--region", "tn")
    path.write_text(_filled(path.read_text(encoding="utf-8"), {"2.2": 80}, keep={"2.2"}), encoding="utf-8")
    cat = ntp.catalogue(packs=[path])
    assert {(s.code, s.scope.get("year")) for s in cat.supplied} == {("2.2", y) for y in range(2022, 2027)}
    a = ntp.assess(_commune({"2.2": 79, "2.3": 85}), catalogue=cat)
    assert a.result("2.2").status is ntp.ResultStatus.NOT_MET
    assert a.result("2.3").status is ntp.ResultStatus.MISSING


def test_an_entry_left_blank_is_named_by_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _template(tmp_path, capsys, "--region", "tn")
    text = path.read_text(encoding="utf-8")
    with pytest.raises(ntp.RuleDataError, match=r"\$\.fills\[0\]\.thresholds\[0\]\.value: required but missing"):
        ntp.catalogue(packs=[path])
    assert main(["pack", "check", str(path)]) == 2
    err = capsys.readouterr().err
    first = text.splitlines().index("[[fills.thresholds]]") + 1
    assert f"line {first}, indicator 1.1 [region=tn, year=2022] ($.fills[0].thresholds[0]): op, value, unit " \
           "required but missing" in err
    entries = sum(len(g.scopes) for g in gaps(ntp.ruleset("ntm.commune", ON), {"region": ["tn"]}))
    assert f"{entries} entries are not completed" in err and "Traceback" not in err


def test_an_entry_whose_number_the_package_knows_the_unit_of(tmp_path: Path) -> None:
    """``op`` and ``unit`` are written where the package knows them (the indicator's other thresholds)."""
    pack = tmp_path / "tn.toml"
    pack.write_text(_filled(pack_template(ntp.ruleset("ntm.commune", ON), regions=["tn"]), keep={"2.2"}),
                    encoding="utf-8")
    rs = ntp.ruleset("ntm.commune", ON, catalogue=ntp.catalogue(packs=[pack]))
    text = pack_template(rs, regions=["dbsh"])
    entry = text[text.index('indicator = "2.2"'):].split("\n\n")
    assert "# the package has: [region=tn, year=2022] >= 50 %" in entry[0]
    assert 'op = ">="' in entry[1] and 'unit = "%"' in entry[1] and VALUE_LINE in entry[1]
    assert 'region = "dbsh"' in entry[1] and 'region = "tn"' not in text


def test_a_set_whose_criteria_have_no_indicators_gets_additions_to_uncomment(tmp_path: Path) -> None:
    on = dt.date(2026, 6, 1)
    rs = ntp.ruleset("ntm.commune", on)
    text = pack_template(rs)
    assert text.count("# [[additions]]") == len(rs.criteria) and "[[fills" not in text.split("schema = 1")[1]
    block = text[text.index('# criterion = "5"') - 80:]
    block = block[block.index("# [[additions]]"):block.index("\n\n")]
    filled = "\n".join(line.removeprefix("# ") for line in block.splitlines())
    filled = (filled.replace("name_vi =", 'name_vi = "Tỷ lệ (thử)"').replace("name_en =", 'name_en = "A share"')
              .replace("condition_vi =", 'condition_vi = "từ 80%"').replace("condition_en =", 'condition_en = "80 %"')
              .replace("op =", 'op = ">="').replace("value =", "value = 80").replace("unit =", 'unit = "%"'))
    pack = tmp_path / "tinh.toml"
    pack.write_text(text.split("\n\n\n")[0] + "\n\n" + filled + "\n", encoding="utf-8")
    cat = ntp.catalogue(packs=[pack])
    met = ntp.assess(ntp.Commune(name="X", reference_date=on, observations={"5.1": 85}), catalogue=cat)
    assert met.criterion("5").status is ntp.ResultStatus.MET and met.criterion("5").basis == "indicators"
    after = coverage(ntp.ruleset("ntm.commune", on, catalogue=cat))
    assert (after.whole, after.computed, after.from_packs) == (coverage(rs).whole - 1, 1, 1)


@pytest.mark.parametrize(("args", "message"), [
    (["ntm.commune", "--on", "2026-06-01", "--region", "tn"], "does not vary by region"),
    (["ntm.commune", "--on", "2022-06-01", "--region", "tnn"], "(did you mean 'tn'?)"),
    (["ntm.commune", "--on", "2015-06-01"], "NoRulesetInForce"),
])
def test_template_errors_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", *args]) == 2
    assert message in capsys.readouterr().err


def test_template_never_overwrites_a_pack_being_filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _template(tmp_path, capsys)
    path.write_text("# half filled\n", encoding="utf-8")
    assert main(["template", "ntm.commune", "--on", "2022-06-01", "--out", str(path)]) == 2
    assert "exists" in capsys.readouterr().err and path.read_text(encoding="utf-8") == "# half filled\n"
    assert main(["template", "ntm.commune", "--on", "2022-06-01", "--out", str(path), "--force"]) == 0
    assert "[pack]" in path.read_text(encoding="utf-8")


SOURCE = '{ cite = "318/QĐ-TTg, Phụ lục I (made up for a test)", status = "unverified" }'
FILL = textwrap.dedent(f"""
    schema = 1
    [pack]
    name = "test-annex"
    [[fills]]
    family = "ntm.commune"
    instrument = "qd-318-2022"
    indicator = "2.2"
    [[fills.thresholds]]
    region = "tn"
    op = ">="
    value = 80
    unit = "%"
    source = {SOURCE}
    [[fills]]
    family = "ntm.commune"
    instrument = "qd-318-2022"
    indicator = "2.1"
    [[fills.thresholds]]
    op = ">="
    value = 100
    unit = "%"
    source = {SOURCE}
    replaces = {{ value = 100, why = "read in the annex (a test)" }}
""")
ADDITION = textwrap.dedent("""
    schema = 1
    [pack]
    name = "tinh-x"
    [[additions]]
    family = "ntm.commune"
    instrument = "qd-51-2025"
    criterion = "5"
    [additions.indicator]
    code = "5.x1"
    name_vi = "Tỷ lệ (thử)"
    name_en = "A share (a test)"
    [[additions.indicator.thresholds]]
    op = ">="
    value = 80
    unit = "%"
    source = { cite = "QĐ x/2026/QĐ-UBND (made up for a test)", status = "unverified" }
""")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "annex.toml").write_text(FILL, encoding="utf-8")
    (folder / "tinh-x.toml").write_text(ADDITION, encoding="utf-8")
    return folder


def test_pack_check_prints_what_packs_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["pack", "check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "loads: 2 pack files" in out and "annex.toml — pack 'test-annex'" in out
    assert "ntm.commune, 2022-03-08 – 2026-02-14 (318/QĐ-TTg)" in out
    assert ("filled 2.2 [region=tn]: >= 80 % — 318/QĐ-TTg, Phụ lục I (made up for a test) (pack: test-annex) "
            "[unverified]") in out
    assert "replaced 2.1 [all]: >= 100 %" in out and "; was >= 100 % — " in out
    assert "why: read in the annex (a test)" in out
    assert "added 5.x1 to criterion 5: A share (a test) — 1 threshold" in out
    assert "against the package:\n    2.1[all]: " not in out  # the same value: no difference in the diff
    assert "    2.2[region=tn]: added: >= 80" in out and "    5.x1: added" in out
    assert re.search(r"numbers by status: verified \d+ → \d+, secondary \d+ → \d+, unverified \d+ → \d+", out)
    changed = sum(1 for rs in ntp.rulesets("ntm.commune") if rs.instrument.id in ("qd-318-2022", "qd-51-2025"))
    assert f"in all: 1 number filled, 1 replaced, 1 indicator added; {changed} rulesets changed" in out
    assert "strict=True" in out


def test_pack_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "check", str(tmp_path / "nowhere.toml")]) == 2
    assert "no such pack file or folder" in capsys.readouterr().err
    (tmp_path / "a.toml").write_text(FILL, encoding="utf-8")
    (tmp_path / "b.toml").write_text(FILL.replace("test-annex", "other"), encoding="utf-8")
    assert main(["pack", "check", str(tmp_path / "a.toml"), str(tmp_path / "b.toml")]) == 2
    err = capsys.readouterr().err
    assert "filled by" in err and "a.toml too" in err and "Traceback" not in err
    (tmp_path / "empty.toml").write_text('schema = 1\n[pack]\nname = "x"\n[[fills]]\nfamily = "ntm.commune"\n'
                                         'instrument = "qd-318-2022"\nindicator = "2.2"\n', encoding="utf-8")
    assert main(["pack", "check", str(tmp_path / "empty.toml")]) == 0
    assert "the packs change nothing" in capsys.readouterr().out


def test_rules_on_show_rulesets_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["show", "ntm.commune", "--on", "2022-06-01", "--rules", str(folder)]) == 0
    assert ">= 80 % [region=tn] — 318/QĐ-TTg, Phụ lục I (made up for a test) (pack: test-annex) [unverified]" \
           in capsys.readouterr().out
    assert main(["show", "ntm.commune", "--on", "2022-06-01"]) == 0
    assert "(pack: " not in capsys.readouterr().out
    assert main(["rulesets", "ntm.commune", "--rules", str(folder / "annex.toml")]) == 0
    assert "2 from packs]" in capsys.readouterr().out
    assert main(["status", "ntm.commune", "--rules", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "(pack: test-annex)" in out
    cat = ntp.catalogue(packs=[folder])
    c = coverage(ntp.ruleset("ntm.commune", ON, catalogue=cat))
    row = (f"| ntm.commune | 2022-03-08 – 2026-02-14 | 318/QĐ-TTg | {c.indicators} | {c.computed} | 1 | "
           f"{c.recorded} | 0 | {c.numbers} | 2 |")
    assert row in out
    assert main(["show", "ntm.commune", "--on", "2022-06-01", "--rules", str(tmp_path / "nowhere")]) == 2
    assert "RuleDataError" in capsys.readouterr().err


def test_rules_on_assess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    rows = tmp_path / "communes.csv"
    rows.write_text("name,reference_date,region,obs:2.2\nX,2022-06-01,tn,85\nY,2022-06-01,tn,70\n", encoding="utf-8")
    args = ["assess", str(rows), "--kind", "commune", "--output-format", "json", "--full"]

    def result(extra: list[str]) -> list[str]:
        assert main([*args, *extra]) == 0
        out = json.loads(capsys.readouterr().out)
        return [next(r["status"] for r in row["indicators"] if r["code"] == "2.2") for row in out["data"]]

    assert result([]) == ["missing", "missing"]
    assert result(["--rules", str(folder)]) == ["met", "not_met"]
    assert result(["--rules", str(folder), "--strict"]) == ["undecided", "undecided"]


def test_coverage_counts_how_much_of_each_set_is_computed() -> None:
    for rs in ntp.rulesets():
        c = coverage(rs)
        assert c.computed + c.partly + c.recorded == c.indicators == sum(1 for _ in rs.indicators())
        assert c.whole == sum(1 for k in rs.criteria if not k.indicators) and c.from_packs == 0
        assert c.missing == c.partly + c.recorded + c.whole
        assert (c.recorded + c.partly == 0) == (not gaps(rs))
    household = coverage(ntp.ruleset("poverty.household", dt.date(2024, 1, 1)))
    assert household.missing == 0  # every deprivation is a measure that decides itself
    qd51 = coverage(ntp.ruleset("ntm.commune", dt.date(2026, 6, 1)))
    assert qd51.indicators == 0 and qd51.whole == len(qd51.ruleset.criteria)  # known by name only
    table = status_table()
    assert table.startswith("## How much of each set is computed")
    n = household.indicators
    assert f"| poverty.household | 2022-01-01 – 2025-02-23 | 07/2021/NĐ-CP | {n} | {n} | 0 | 0 | 0 |" in table


def test_every_template_filled_makes_its_set_computed(tmp_path: Path) -> None:
    """A template covers exactly what is missing, for every set: filled, it loads, and what stays recorded is
    only what it marks as a pack cannot fill yet (and the criteria with no indicator)."""
    for rs in ntp.rulesets():
        periods = [p for p in ntp.rulesets(rs.family) if p.instrument.id == rs.instrument.id]
        text = pack_template(rs, periods=periods)
        entries = text.count("\n[[fills.thresholds]]")
        if not entries:
            continue
        pack = tmp_path / f"{rs.family}-{rs.valid_from}.toml"
        pack.write_text(_filled(text), encoding="utf-8")
        packed = ntp.catalogue(packs=[pack]).in_force(rs.family, rs.valid_from)
        left = {(g.indicator.code, s) for g in gaps(packed) for s in g.scopes}
        assert left <= {(g.indicator.code, s) for g in gaps(rs) for s in g.scopes}
        marked = set(re.findall(r'^# indicator = "([^"]+)"$', text, re.M))
        assert {code for code, _ in left} <= marked, rs.family
        assert coverage(packed).from_packs == entries, rs.family
