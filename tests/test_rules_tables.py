"""Rules files written like the law: default sources, threshold tables, and the published JSON Schema.

A table expands to exactly the thresholds written one by one; a default source is inherited by every value
without its own (the nearest wins); a number with no source anywhere, a short row or an undeclared row is a
load error naming the file and the path. The schema is generated from the loader's classes, published in the
docs, and every packaged file validates against it.
"""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from ntp_criteria.catalogue.rules_schema import as_json, rules_schema

ROOT = Path(__file__).resolve().parent.parent
RULES = resources.files("ntp_criteria") / "rules"

HEAD = """
schema = 1
[instrument]
id = "t-1"
number = "1/2024/QĐ-TTg"
kind = "decision"
issuer = "t"
signed = 2024-01-01
title_vi = "t"
title_en = "t"
source = { cite = "header", status = "verified" }
FILE_DEFAULTS
[[rulesets]]
family = "ntm.commune"
subject = "commune"
title_vi = "t"
title_en = "t"
cite = "Annex I"
valid_from = 2024-01-01
valid_to = 2025-12-31
validity = { cite = "Art. 1", status = "verified" }
outcome = "ntm.all-criteria"
dimensions = { region = ["north", "south"], year = [2024, 2025] }

[[rulesets.criteria]]
code = "10"
name_vi = "Thu nhập"
name_en = "Income"

[[rulesets.criteria.indicators]]
code = "10.1"
name_vi = "Thu nhập"
name_en = "Income"
measure = "fact:income_per_capita_million_vnd"
"""

LEVELS = {("north", 2024): "40", ("north", 2025): "42.5", ("south", 2024): "50", ("south", 2025): "53"}


def _long_form(cite: str = "Annex I, 10.1, {R}, {y}") -> str:
    return "".join(f"""
[[rulesets.criteria.indicators.thresholds]]
region = "{r}"
year = {y}
op = ">="
value = "{v}"
unit = "million VND"
source = {{ cite = "{cite.format(R=r.upper(), y=y)}", status = "unverified", note = "recollected" }}
""" for (r, y), v in LEVELS.items())


TABLE = """
[[rulesets.criteria.indicators.tables]]
op = ">="
unit = "million VND"
rows = "region"
columns = "year"
header = [2024, 2025]
source = { cite = "Annex I, 10.1, {REGION}, {year}", status = "unverified", note = "recollected" }
values.north = ["40", "42.5"]
values.south = ["50", "53"]
"""


def _file(body: str, file_defaults: str = "") -> str:
    return HEAD.replace("FILE_DEFAULTS", file_defaults) + body


def _income(text: str) -> ntp.Indicator:
    (rs,) = load_catalogue({"t.toml": text}).rulesets
    return rs.indicator("10.1")


def _refused(text: str) -> ntp.RuleDataError:
    with pytest.raises(ntp.RuleDataError) as exc:
        load_catalogue({"t.toml": text})
    assert exc.value.file == "t.toml"
    assert str(exc.value).startswith("t.toml: ")
    return exc.value


def _has(error: ntp.RuleDataError, path: str, message: str) -> bool:
    return any(p.path == path and message in p.message for p in error.problems)


TABLE_PATH = "$.rulesets[0].criteria[0].indicators[0].tables[0]"


# --- tables ---------------------------------------------------------------------------------------------------------

def test_a_table_loads_to_the_same_thresholds_in_the_same_order_as_the_long_form() -> None:
    long_form = _income(_file(_long_form()))
    table = _income(_file(TABLE))
    assert table.thresholds == long_form.thresholds
    assert table == long_form
    cell = table.threshold_for({"region": "north", "year": 2025})
    assert cell is not None and str(cell.provenance) == "Annex I, 10.1, NORTH, 2025 [unverified]"


def test_a_table_without_columns_has_one_value_per_row_and_fixed_scope_keys_apply_to_every_cell() -> None:
    one_year = TABLE.replace('columns = "year"\nheader = [2024, 2025]\n', "year = 2024\n").replace(
        'values.north = ["40", "42.5"]\nvalues.south = ["50", "53"]', 'values.north = "40"\nvalues.south = 50')
    entries = _long_form().split("[[rulesets.criteria.indicators.thresholds]]")
    year_2025 = "".join("[[rulesets.criteria.indicators.thresholds]]" + entries[k] for k in (2, 4))
    indicator = _income(_file(year_2025 + one_year))
    by_scope = {(t.scope.get("region"), t.scope.get("year")): t.value for t in indicator.thresholds}
    assert by_scope == {("north", 2025): Decimal("42.5"), ("south", 2025): Decimal("53"),
                        ("north", 2024): Decimal("40"), ("south", 2024): Decimal("50")}
    assert list(by_scope)[-2:] == [("north", 2024), ("south", 2024)]  # the table's cells come after


def test_a_missing_cell_is_a_load_error_naming_file_and_path() -> None:
    error = _refused(_file(TABLE.replace('values.south = ["50", "53"]', 'values.south = ["50"]')))
    assert _has(error, f"{TABLE_PATH}.values.south", "1 cells for 2 columns (year: 2024, 2025)")


def test_a_row_value_not_in_the_declared_dimension_is_a_load_error_naming_file_and_path() -> None:
    error = _refused(_file(TABLE.replace("values.south", "values.sout")))
    assert _has(error, f"{TABLE_PATH}.values.sout", "'sout' is not among the declared region values")


def test_a_header_value_not_declared_is_a_load_error() -> None:
    error = _refused(_file(TABLE.replace("header = [2024, 2025]", "header = [2024, 2026]")))
    assert _has(error, f"{TABLE_PATH}.header[1]", "2026 is not among the declared year values")


def test_a_cell_must_be_a_number_never_a_float() -> None:
    error = _refused(_file(TABLE.replace('["50", "53"]', '["50", 53.5]')))
    assert _has(error, f"{TABLE_PATH}.values.south[1]", "never a float")
    error = _refused(_file(TABLE.replace('["50", "53"]', '["50", "n/a"]')))
    assert _has(error, f"{TABLE_PATH}.values.south[1]", "expected a decimal number")


def test_an_empty_cell_is_written_as_a_dash_and_given_in_long_form_next_to_the_table() -> None:
    split = _long_form().split("[[rulesets.criteria.indicators.thresholds]]")
    south_2025 = "[[rulesets.criteria.indicators.thresholds]]" + split[4]
    indicator = _income(_file(south_2025 + TABLE.replace('["50", "53"]', '["50", "-"]')))
    cell = indicator.threshold_for({"region": "south", "year": 2025})
    assert cell is not None and cell.value == 53 and cell.provenance.cite == "Annex I, 10.1, SOUTH, 2025"
    # with neither, the scope is left uncovered
    error = _refused(_file(TABLE.replace('["50", "53"]', '["50", "-"]')))
    assert any("no threshold for region='south', year=2025" in p.message for p in error.problems)


def test_a_column_or_a_cell_may_have_its_own_source() -> None:
    sources = """
[[rulesets.criteria.indicators.tables.sources]]
year = 2025
source = { cite = "Annex I, 10.1, {REGION}, 2025 (carried over)", status = "secondary" }

[[rulesets.criteria.indicators.tables.sources]]
region = "north"
year = 2024
source = { cite = "Gazette p. 3", status = "verified", url = "https://example.org" }
"""
    indicator = _income(_file(TABLE + sources))
    cites = {(t.scope.get("region"), t.scope.get("year")): str(t.provenance) for t in indicator.thresholds}
    assert cites == {("north", 2024): "Gazette p. 3 [verified]",
                     ("north", 2025): "Annex I, 10.1, NORTH, 2025 (carried over) [secondary]",
                     ("south", 2024): "Annex I, 10.1, SOUTH, 2024 [unverified]",
                     ("south", 2025): "Annex I, 10.1, SOUTH, 2025 (carried over) [secondary]"}
    overlapping = sources.replace('region = "north"\nyear = 2024', 'region = "north"\nyear = 2025')
    assert _has(_refused(_file(TABLE + overlapping)), f"{TABLE_PATH}.values.north[1]", "given by")
    unused = sources.replace('region = "north"', 'region = "east"')
    assert _has(_refused(_file(TABLE + unused)), f"{TABLE_PATH}.sources[1]", "matches no cell")


def test_placeholders_give_text_that_differs_cell_by_cell() -> None:
    derived = TABLE.replace('"Annex I, 10.1, {REGION}, {year}"', '"Annex II, 10.1, {REGION}, {year} (110% of {base})"')
    derived += 'placeholders.base.north = [36, 38]\nplaceholders.base.south = ["45", "48"]\n'
    cites = [t.provenance.cite for t in _income(_file(derived)).thresholds]
    assert cites == ["Annex II, 10.1, NORTH, 2024 (110% of 36)", "Annex II, 10.1, NORTH, 2025 (110% of 38)",
                     "Annex II, 10.1, SOUTH, 2024 (110% of 45)", "Annex II, 10.1, SOUTH, 2025 (110% of 48)"]
    missing = derived.replace('placeholders.base.south = ["45", "48"]\n', "")
    assert _has(_refused(_file(missing)), f"{TABLE_PATH}.values.south[0]", "placeholder {base}")


# --- default sources ------------------------------------------------------------------------------------------------

BARE = """
[[rulesets.criteria.indicators.thresholds]]
op = ">="
value = 40
unit = "million VND"
"""
OWN = BARE + 'source = { cite = "own", status = "verified" }\n'


def _default(cite: str) -> str:
    return f'defaults.source = {{ cite = "{cite}", status = "secondary", note = "a default" }}\n'


def test_a_value_without_a_source_inherits_the_nearest_default_and_its_own_source_wins() -> None:
    file_default = '[defaults]\nsource = { cite = "file {code}", status = "unverified" }\n'
    inherited = _income(_file(BARE, file_default))
    assert str(inherited.thresholds[0].provenance) == "file 10.1 [unverified]"
    assert str(inherited.definition) == "file 10.1 [unverified]"  # a definition inherits too

    at_indicator = _file(BARE, file_default).replace(
        'measure = "fact:income_per_capita_million_vnd"\n',
        'measure = "fact:income_per_capita_million_vnd"\n' + _default("indicator {code}"))
    assert _income(at_indicator).thresholds[0].provenance.cite == "indicator 10.1"

    at_criterion = _file(BARE, file_default).replace('name_en = "Income"\n', 'name_en = "Income"\n'
                                                     + _default("criterion"), 1)
    assert _income(at_criterion).thresholds[0].provenance.note == "a default"
    assert _income(at_criterion).thresholds[0].provenance.cite == "criterion"

    assert str(_income(_file(OWN, file_default)).thresholds[0].provenance) == "own [verified]"


def test_a_ruleset_default_fills_scope_placeholders_for_each_threshold() -> None:
    ruleset_default = _file(_long_form().replace(
        'source = { cite = "Annex I, 10.1, NORTH, 2024", status = "unverified", note = "recollected" }\n', ""
    )).replace("year = [2024, 2025] }\n", 'year = [2024, 2025] }\n' + _default("Annex I, 10.1, {REGION}, {year}"), 1)
    with_definition = ruleset_default.replace('measure = "fact', 'definition = { cite = "10.1", status = "verified" }\n'
                                              'measure = "fact')
    cites = [t.provenance.cite for t in _income(with_definition).thresholds]
    assert cites == ["Annex I, 10.1, NORTH, 2024", "Annex I, 10.1, NORTH, 2025", "Annex I, 10.1, SOUTH, 2024",
                     "Annex I, 10.1, SOUTH, 2025"]
    # the definition would inherit the default too, and a definition has no region to cite
    assert _has(_refused(ruleset_default), "$.rulesets[0].criteria[0].indicators[0].definition",
                "has the placeholder {REGION}, which has no value here (placeholders here: {code})")


def test_a_number_with_no_source_anywhere_is_a_load_error_naming_its_path() -> None:
    error = _refused(_file(BARE))
    assert _has(error, "$.rulesets[0].criteria[0].indicators[0].thresholds[0].source", "required")
    no_table_source = TABLE.replace(
        'source = { cite = "Annex I, 10.1, {REGION}, {year}", status = "unverified", note = "recollected" }\n', "")
    assert _has(_refused(_file(no_table_source)), f"{TABLE_PATH}.values.north[0]", "required")


def test_a_placeholder_with_no_value_is_a_load_error() -> None:
    error = _refused(_file(BARE, '[defaults]\nsource = { cite = "Annex I, {region}", status = "unverified" }\n'))
    assert _has(error, "$.rulesets[0].criteria[0].indicators[0].thresholds[0].source",
                "the source it inherits ($.defaults.source) has the placeholder {region}")


def test_an_amendment_adds_a_table_under_its_own_default() -> None:
    amendment = HEAD.replace("FILE_DEFAULTS", "") + OWN + """
[[amendments]]
family = "ntm.commune"
instrument = "t-1"
in_force_from = 2025-01-01
source = { cite = "amending article", status = "verified" }
defaults.source = { cite = "amended 10.2, {REGION}, {year}", status = "secondary" }

[[amendments.add]]
criterion = "10"

[amendments.add.indicator]
code = "10.2"
name_vi = "t"
name_en = "t"
definition = { cite = "10.2", status = "verified" }

[[amendments.add.indicator.tables]]
op = ">="
unit = "%"
rows = "region"
columns = "year"
header = [2024, 2025]
values = { north = [1, 2], south = [3, 4] }
"""
    later = load_catalogue({"t.toml": amendment}).rulesets[-1]
    assert [t.provenance.cite for t in later.indicator("10.2").thresholds][-1] == "amended 10.2, SOUTH, 2025"


# --- the packaged data ----------------------------------------------------------------------------------------------

QD_318_LINES_BEFORE_TABLES = 1453


def test_qd_318_is_at_most_two_thirds_of_its_long_form() -> None:
    lines = (RULES / "qd-318-2022.toml").read_text(encoding="utf-8").count("\n")
    assert lines <= QD_318_LINES_BEFORE_TABLES * 2 // 3


def test_every_placeholder_in_the_package_data_is_filled() -> None:
    for rs in ntp.rulesets():
        for number in rs.numbers():
            assert not re.search(r"[{}]", number.provenance.cite + (number.provenance.note or "")), number.path


def test_qd_318_income_tables_cite_each_cell() -> None:
    annex_i = ntp.rulesets("ntm.commune")[0].indicator("10.1")
    assert len(annex_i.thresholds) == 35
    cell = annex_i.threshold_for({"region": "dnb", "year": 2023})
    assert cell is not None and cell.value == 66 and "Hảo Đước" in (cell.provenance.note or "")
    advanced = ntp.rulesets("ntm.commune.advanced")[0].indicator("10.1")
    cell = advanced.threshold_for({"region": "tdmnpb", "year": 2026})
    assert cell is not None and str(cell.value) == "52.8"
    assert cell.provenance.cite.endswith("vùng TDMNPB, năm 2026 (110% of the Annex I level 48)")
    assert (cell.provenance.note or "").endswith("; 2026 keeps the 2025 level")


# --- the JSON Schema ------------------------------------------------------------------------------------------------

PUBLISHED = ROOT / "docs" / "rules-schema.json"
VALIDATOR = jsonschema.Draft202012Validator(rules_schema(),
                                            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_published_schema_is_the_generated_one() -> None:
    jsonschema.Draft202012Validator.check_schema(rules_schema())
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == rules_schema(), (
        "regenerate docs/rules-schema.json (the command is in docs/rules-data.md)")


@pytest.mark.parametrize("name", sorted(p.name for p in RULES.iterdir() if p.name.endswith(".toml")))
def test_every_packaged_rules_file_validates_against_the_schema(name: str) -> None:
    data = as_json(tomllib.loads((RULES / name).read_text(encoding="utf-8")))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    data: Any = as_json(tomllib.loads(_file(TABLE)))
    assert VALIDATOR.is_valid(data)
    table = data["rulesets"][0]["criteria"][0]["indicators"][0]["tables"][0]
    for key, bad in [("values", {"north": [40.5, 1]}), ("colour", "red"), ("rows", "province")]:
        assert not VALIDATOR.is_valid({**data, "rulesets": [{**data["rulesets"][0], "criteria": [{
            **data["rulesets"][0]["criteria"][0], "indicators": [{
                **data["rulesets"][0]["criteria"][0]["indicators"][0], "tables": [{**table, key: bad}]}]}]}]}), key
    assert not VALIDATOR.is_valid({**data, "schema": 2})


def _keys(schema: dict[str, Any]) -> set[str]:
    return {key for definition in schema["$defs"].values() for key in definition.get("properties", {})}


def test_every_key_of_the_schema_is_documented_with_the_rules_data_format() -> None:
    page = (ROOT / "docs" / "rules-data.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", page))
    assert sorted(_keys(rules_schema()) - documented) == []
    assert len(_keys(rules_schema())) > 80
