"""The engine's reasons in Vietnamese (io/_reason_text.py), and ``--lang vi`` on assess, status, template and test.

Two checks keep the catalogue of reason templates complete: a scan of the engine's and the families' source for
every reason they can write (the literals and f-strings given to ``Missing``, ``NotApplicable``, ``reason=``,
``note`` and ``why``, and the outcome rules' ``why_unknown`` and ``decide``), and assessments of subjects drawn
across the families with the package's own hypothesis strategies, strict and not, whose every reason must word.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ntp_criteria as ntp
from ntp_criteria.io._output_text import golden_failure_text
from ntp_criteria.io._reason_text import FACT_WORDS, TEMPLATES, reason_text, reasons_text, translate_reason
from ntp_criteria.io.cli import main
from ntp_criteria.io.records import worded_record
from ntp_criteria.io.status import status_table
from ntp_criteria.io.template import pack_template
from ntp_criteria.testing import strategies as nst
from ntp_criteria.testing._review_strategies import farm_income_surveys, quick_identifications, review_forms

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "ntp_criteria" / "engine").glob("*.py"),
                  *(ROOT / "ntp_criteria" / "families").rglob("*.py")])

# --- the translator -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("fact 'roads_pct' not recorded", "chưa ghi nhận dữ kiện 'roads_pct'"),
    ("facts 'a' and 'b' not recorded", "chưa ghi nhận dữ kiện 'a' và 'b'"),
    ("no value recorded for '2.1'", "chưa ghi nhận giá trị của '2.1'"),
    ("no value for region", "chưa có giá trị của region"),
    ("no threshold for region=tn, year=2022", "dữ liệu chưa có mức quy định cho region=tn, year=2022"),
    ("no threshold for all", "dữ liệu chưa có mức quy định cho mọi trường hợp"),
    ("the law has this test only for area ['rural']", "văn bản chỉ quy định chỉ tiêu này cho area ['rural']"),
    ("facts missing: the value is only known to lie in 0–3, on both sides of the threshold",
     "chỉ biết giá trị nằm trong khoảng 0–3, ở cả hai phía của mức quy định"),
    ("10: 1 of 2 indicators unknown (10.1)", "10: 1/2 chỉ số chưa rõ kết quả (10.1)"),
    ("17: no result recorded (the set's indicators for it are not in the data)",
     "17: chưa ghi nhận kết quả (dữ liệu chưa có các chỉ tiêu của tiêu chí này)"),
    ("water: water source not recorded", "water: chưa ghi nhận nguồn nước sinh hoạt"),
    ("employment not recorded for members [0, 2]", "chưa ghi nhận việc làm của các thành viên [0, 2]"),
    ("conflict: kv_ii and kv_iii both apply under 861/QĐ-TTg and no precedence rule is encoded; the competent "
     "authority decides", "xung đột: kv_ii và kv_iii đều thỏa mãn theo 861/QĐ-TTg mà chưa có quy tắc ưu tiên nào "
     "được mã hóa; cơ quan có thẩm quyền quyết định"),
    # strict mode: only paths and citations, shown as cited
    ("2.1[all] (318/QĐ-TTg, Phụ lục I [unverified]); 2.1.definition (x [secondary])",
     "2.1[all] (318/QĐ-TTg, Phụ lục I [unverified]); 2.1.definition (x [secondary])"),
])
def test_each_shape_of_reason_is_worded_in_vietnamese(english: str, vietnamese: str) -> None:
    assert reason_text(english, "vi") == vietnamese
    assert reason_text(english, "en") == english  # English is the stored text, shown as it is


def test_a_reason_of_no_known_shape_is_shown_in_english_whole_never_half_worded() -> None:
    for odd in ("a reason nobody wrote yet", "flux capacitor not recorded",  # a fact with no Vietnamese name
                "2.1: flux capacitor not recorded", "", "x" * 10_000):
        assert translate_reason(odd) is None and reason_text(odd, "vi") == odd
    assert reason_text(None, "vi") is None and reasons_text(["members not recorded"], "vi") == [
        "chưa ghi nhận thành viên của hộ"]


def test_every_template_words_its_own_example_and_names_only_known_kinds() -> None:
    for t in TEMPLATES:
        example = re.sub(r"\{(\w+)\}", lambda m: {"fact": "employment", "plural": "s", "reason": "members not recorded",
                                                   "n": "1", "total": "2"}.get(m[1], "X"), t.en)
        assert t.word(example) is not None, t.en
        assert not re.search(r"\b(not recorded|the law|no value|threshold|indicators unknown)\b", t.vi), t.vi


# --- every reason the code can write has a template -----------------------------------------------------------------

def _shapes(node: ast.expr) -> Iterator[str]:
    """The shapes (literal text, ``{}`` for each value formatted in) a string expression can take."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value.replace("{", "{{").replace("}", "}}")
    elif isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                out = [o + str(part.value).replace("{", "{{").replace("}", "}}") for o in out]
            else:
                out = [o + "{}" for o in out]
        yield from out
    elif isinstance(node, ast.IfExp):
        yield from _shapes(node.body)
        yield from _shapes(node.orelse)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        for left in _shapes(node.left):
            for right in _shapes(node.right):
                yield left + right


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _reason_expressions(tree: ast.Module) -> Iterator[ast.expr]:
    for fn in [*(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)), tree]:
        outcome = isinstance(fn, ast.FunctionDef) and fn.name in ("why_unknown", "decide")
        for node in ast.walk(fn):
            if isinstance(node, ast.Call):
                if _name(node.func) in ("Missing", "NotApplicable") and node.args:
                    yield node.args[0]
                yield from (k.value for k in node.keywords if k.arg in ("reason", "reasons"))
                if outcome and _name(node.func) == "append":
                    yield from node.args
                if outcome and _name(node.func) == "Decision":
                    yield from (e for a in node.args if isinstance(a, ast.Tuple) for e in a.elts)
            elif isinstance(node, ast.Assign) and any(_name(t) in ("why", "note") for t in node.targets):
                yield node.value


def _source_shapes(sources: dict[str, str]) -> dict[str, str]:
    """The shapes of reason each source (by name) can write, with where."""
    found: dict[str, str] = {}
    for name, text in sources.items():
        for expr in _reason_expressions(ast.parse(text)):
            for shape in _shapes(expr):
                found.setdefault(shape.replace("{{", "{").replace("}}", "}") if "{}" not in shape else shape,
                                 f"{name}:{expr.lineno}")
    return found


def _without_template(found: dict[str, str]) -> list[str]:
    templates = {t.shape() for t in TEMPLATES}
    return [f"{where}: {shape!r}" for shape, where in found.items()
            if (shape not in templates if "{}" in shape else translate_reason(shape) is None)]


def test_every_reason_the_engine_and_the_families_can_write_has_a_vietnamese_template() -> None:
    found = _source_shapes({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in SOURCES})
    assert len(found) >= 20 and "no value recorded for {}" in found and "members not recorded" in found
    missing = _without_template(found)
    assert missing == [], "add a template to ntp_criteria/io/_reason_text.py for:\n" + "\n".join(missing)


def test_the_scan_finds_a_new_reason_without_a_template() -> None:
    source = (
        "def measure(s, ind):\n"
        "    if s.x is None:\n"
        "        return Missing(f'gauge {ind.code} not read')\n"
        "    why = 'no threshold for ' + str(s)\n"
        "    return NotApplicable('the moon is full' if s.y else 'members not recorded')\n"
        "def decide(x, options, note=None):\n"
        "    out = []\n"
        "    out.append(f'{x}: something new')\n"
        "    return result(reason=f'no value recorded for {x!r}')\n")
    assert sorted(_without_template(_source_shapes({"new.py": source}))) == [
        "new.py:3: 'gauge {} not read'", "new.py:5: 'the moon is full'", "new.py:8: '{}: something new'"]


def _fact_words_in_source() -> dict[str, str]:
    """The literal words handed to a function whose parameter ends up in a ``Missing`` f-string (``_not_in(...,
    "water source")``), found by following parameters from function to function in each module."""
    found: dict[str, str] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        fns = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        params = {name: [a.arg for a in f.args.args] for name, f in fns.items()}
        sinks: set[tuple[str, int]] = set()
        for name, f in fns.items():
            for call in (n for n in ast.walk(f) if isinstance(n, ast.Call) and _name(n.func) == "Missing"):
                for v in (v for a in call.args if isinstance(a, ast.JoinedStr) for v in a.values):
                    if isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name) and \
                            v.value.id in params[name]:
                        sinks.add((name, params[name].index(v.value.id)))
        while True:  # a parameter passed on to a sink is a sink
            more = {(name, params[name].index(arg.id)) for name, f in fns.items() for call in ast.walk(f)
                    if isinstance(call, ast.Call) for i, arg in enumerate(getattr(call, "args", []))
                    if (_name(call.func), i) in sinks and isinstance(arg, ast.Name) and arg.id in params[name]}
            if more <= sinks:
                break
            sinks |= more
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            for i, arg in enumerate(call.args):
                if (_name(call.func), i) in sinks and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[arg.value] = f"{path.relative_to(ROOT)}:{arg.lineno}"
    return found


def test_every_household_fact_a_measure_names_has_a_vietnamese_name() -> None:
    found = _fact_words_in_source()
    assert {"employment", "water source", "internet use"} <= set(found)
    assert [f"{where}: {w!r}" for w, where in found.items() if w not in FACT_WORDS] == []


def _reasons(a: ntp.Assessment) -> list[str]:
    return [*(r.reason for r in a.indicators if r.reason), *a.reasons]


def _subjects() -> st.SearchStrategy[Any]:
    return st.one_of(
        nst.households(), nst.flagged_households(), nst.communes(), nst.villages(), nst.districts(),
        nst.provinces(), *(nst.communes(family=f) for f in ("ethnic.commune", "mountain.commune",
                                                           "poverty.coastal-commune", "ntm.commune.advanced")),
        review_forms(), quick_identifications(), farm_income_surveys())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_subjects(), st.booleans())
def test_every_reason_of_subjects_drawn_across_the_families_is_worded(subject: Any, strict: bool) -> None:
    try:
        a = ntp.assess(subject, strict=strict)
    except ntp.CriteriaError:
        return  # a subject the library refuses has no reasons
    untranslated = [r for r in _reasons(a) if translate_reason(r) is None]
    assert untranslated == []
    vi = a.explain("vi")
    assert [r for r in _reasons(a) if reason_text(r, "vi") != r and r in vi] == []


def test_empty_subjects_of_every_ruleset_give_worded_reasons_and_an_explanation_with_no_english_reason() -> None:
    seen: set[str] = set()
    for rs in ntp.rulesets():
        on = rs.valid_from
        kind: ntp.Household | ntp.District | ntp.Province | ntp.Village | ntp.Commune | None = {
            "poverty.household": ntp.Household(area=ntp.Area.RURAL, reference_date=on)}.get(rs.family)
        if kind is None and rs.family.startswith(("ntm.district", "ntm.town")):
            kind = ntp.District(name="H", reference_date=on)
        elif kind is None and rs.family in ("ntm.province", "mountain.province"):
            kind = ntp.Province(name="T", reference_date=on)
        elif kind is None and rs.family.endswith(".village"):
            kind = ntp.Village(name="T", reference_date=on)
        elif kind is None and not rs.family.startswith("poverty.review"):
            kind = ntp.Commune(name="X", reference_date=on)
        if kind is None:
            continue
        for strict in (False, True):
            a = ntp.assess(kind, rs, strict=strict)
            reasons = _reasons(a)
            seen.update(reasons)
            assert [r for r in reasons if translate_reason(r) is None] == [], rs
            vi = a.explain("vi")
            assert [r for r in reasons if reason_text(r, "vi") != r and r in vi] == [], rs
            assert a.explain("en") == ntp.assess(kind, rs, strict=strict).explain("en")
    assert len(seen) > 30


def test_english_explanations_keep_the_engines_reasons_as_they_are() -> None:
    hh = ntp.Household(area=ntp.Area.RURAL, reference_date=dt.date(2024, 1, 1), monthly_income_per_capita=1_000_000)
    a = ntp.assess(hh)
    en, vi = a.explain("en"), a.explain("vi")
    assert "missing (water source not recorded)" in en and "because: deprivation: 12 of 12 indicators" in en
    assert "chưa ghi nhận nguồn nước sinh hoạt" in vi and "vì: deprivation: 12/12 chỉ số chưa rõ kết quả" in vi
    assert "not recorded" not in vi and "indicators unknown" not in vi
    assert a.result("water").reason == "water source not recorded"  # the stored value stays English


# --- the command line in Vietnamese ---------------------------------------------------------------------------------

HOUSEHOLDS = ("id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived,not_deprived\n"
              "A,rural,2024-01-01,1000000,,,\nB,rural,2027-06-01,5000000,0,,\n")
COMMUNES = "name,reference_date,region,fact:poverty_rate\nXã X,2023-06-01,tn,\n"
_ENGLISH = re.compile(r"not recorded|indicators unknown|no value|the law has|no threshold|middle-living|facts missing")


def _assess(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *args: str) -> str:
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    main(["--lang", "vi", "assess", str(src), *args])
    return capsys.readouterr().out


def test_assess_in_vietnamese_words_the_reasons_of_json_and_csv_output(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_assess(tmp_path, capsys, HOUSEHOLDS, "--output-format", "json"))["data"]
    assert "water: chưa ghi nhận nguồn nước sinh hoạt" in data[0]["reasons"]
    assert data[1]["reasons"][0].startswith("351/2025/NĐ-CP: dữ liệu quy định chưa có chuẩn hộ có mức sống trung bình")
    full = json.loads(_assess(tmp_path, capsys, HOUSEHOLDS, "--output-format", "json", "--full"))["data"]
    assert {i["reason"] for i in full[0]["indicators"] if i["code"] == "water"} == {
        "chưa ghi nhận nguồn nước sinh hoạt"}
    csv = _assess(tmp_path, capsys, HOUSEHOLDS)
    assert "chưa ghi nhận nguồn nước sinh hoạt" in csv
    communes = _assess(tmp_path, capsys, COMMUNES, "--kind", "commune", "--output-format", "json")
    shown = [*(r for rec in full for r in rec["reasons"]), *(i["reason"] for rec in full for i in rec["indicators"]
                                                           if i["reason"])]
    assert len(shown) > 20  # the full payload's rules-data names (name_en) are data, in English by design
    for out in (json.dumps(data, ensure_ascii=False), json.dumps(shown, ensure_ascii=False), csv, communes):
        assert not _ENGLISH.search(out), out


def test_the_english_batch_output_keeps_its_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text(HOUSEHOLDS, encoding="utf-8")
    main(["assess", str(src), "--output-format", "json"])
    data = json.loads(capsys.readouterr().out)["data"]
    assert "water: water source not recorded" in data[0]["reasons"]
    record = data[0]
    assert worded_record(record, "en") is record and worded_record(record, "vi")["reasons"] != record["reasons"]
    assert record["reasons"][0].endswith("not recorded")  # a worded copy leaves the shared record as it was


def test_demo_in_vietnamese_has_no_english_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "vi", "demo"]) == 0
    assert not _ENGLISH.search(capsys.readouterr().out)


def test_status_in_vietnamese_and_the_english_table_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "vi", "status", "ntm.province"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Mức độ tính toán được của từng bộ tiêu chí") and "## Mọi con số" in out
    assert "| nhóm | giai đoạn | văn bản | chỉ tiêu | tính được |" in out and "*tính được*:" in out
    assert "How much" not in out and "| family |" not in out
    assert main(["status", "ntm.province"]) == 0
    assert capsys.readouterr().out == status_table("ntm.province") + "\n"
    assert status_table().startswith("## How much of each set is computed")
    assert "## Số liệu của chương trình" in status_table(lang="vi") and "kinh phí: " in status_table(lang="vi")


def test_template_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "vi", "template", "ntm.commune", "--on", "2022-06-01", "--region", "tn"]) == 0
    vi = capsys.readouterr().out
    assert vi.startswith("# Khung gói quy định: các con số ntp_criteria còn thiếu của ntm.commune (318/QĐ-TTg),")
    assert "# Cách hoàn thiện:" in vi and "# op và unit: thư viện chưa biết" in vi
    assert "How to complete" not in vi and "the package" not in vi
    assert main(["template", "ntm.commune", "--on", "2022-06-01", "--region", "tn"]) == 0
    en = capsys.readouterr().out
    assert "# How to complete it:" in en
    # the same entries: only comments differ
    assert [ln for ln in vi.splitlines() if not ln.startswith("#")] == [
        ln for ln in en.splitlines() if not ln.startswith("#")]
    english = re.compile(r"the package|NOT FILLABLE|A pack adds|The set varies|the set's period|comes in on|amended "
                         r"by|How to complete|Written by|entries for|no threshold")
    seen = set()
    for rs in ntp.rulesets():
        periods = [p for p in ntp.rulesets(rs.family) if p.instrument.id == rs.instrument.id]
        en = pack_template(rs, periods=periods, command="x")
        seen |= set(english.findall(en))
        vi = pack_template(rs, periods=periods, command="x", lang="vi")
        assert english.findall(vi) == [], (rs.family, rs.period, english.findall(vi))
    assert {"NOT FILLABLE", "A pack adds", "The set varies", "the set's period"} <= seen  # the test reaches them


def test_golden_files_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.golden.toml").write_text(
        '[[case]]\nname = "nghèo"\ncite = "NĐ 07/2021, Điều 3"\non = 2024-01-01\nexpect = "poor"\n'
        '[case.household]\narea = "rural"\nmonthly_income_per_capita = 1000000\ndeprivation_count = 4\n\n'
        '[[case]]\nname = "thiếu dữ liệu"\ncite = "NĐ 07/2021, Điều 3"\non = 2024-01-01\nexpect = "poor"\n'
        '[case.household]\narea = "rural"\nmonthly_income_per_capita = 1000000\n', encoding="utf-8")
    assert main(["--lang", "vi", "test", "-v", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("đúng ") and out[1].startswith("SAI ") and out[-1] == "1 ca đúng, 1 ca sai"
    assert "cần poor, nhận được undecided theo 07/2021/NĐ-CP" in out[1]
    assert "chưa ghi nhận nguồn nước sinh hoạt" in out[1]
    assert not _ENGLISH.search("\n".join(out))
    assert main(["test", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("FAIL ") and "expected poor, got undecided" in out[0] and out[-1] == "1 passed, 1 failed"


def test_golden_failures_keep_an_unknown_shape_whole() -> None:
    assert golden_failure_text("something else went wrong", "vi") == "something else went wrong"
    joined = ("expected poor, got undecided under X: conflict: a and b both apply under Y and no precedence rule is "
              "encoded; the competent authority decides; water: water source not recorded; odd reason")
    assert golden_failure_text(joined, "vi") == (
        "cần poor, nhận được undecided theo X: xung đột: a và b đều thỏa mãn theo Y mà chưa có quy tắc ưu tiên nào "
        "được mã hóa; cơ quan có thẩm quyền quyết định; water: chưa ghi nhận nguồn nước sinh hoạt; odd reason")
    assert golden_failure_text(joined, "en") == joined
