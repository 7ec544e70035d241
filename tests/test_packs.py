"""Rules packs (issue #16): the law an office holds, supplied from outside the package, computed by it.

The values in these packs are made up for the tests and marked ``unverified``.
"""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path

import pytest

import ntp_criteria as ntp

ON = dt.date(2022, 6, 1)
UNVERIFIED = '{ cite = "318/QĐ-TTg, Phụ lục I, chỉ tiêu 2.2 (made up for a test)", status = "unverified" }'


def _fill(value: int = 70, *, region: str = "tn", extra: str = "") -> str:
    return textwrap.dedent(f"""
        schema = 1
        [pack]
        name = "test-pack"
        [[fills]]
        family = "ntm.commune"
        instrument = "qd-318-2022"
        indicator = "2.2"
        [[fills.thresholds]]
        region = "{region}"
        op = ">="
        value = {value}
        unit = "%"
        source = {UNVERIFIED}
        {extra}
    """)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _commune(value: object, region: ntp.Region = ntp.Region.TN) -> ntp.Commune:
    return ntp.Commune(name="X", reference_date=ON, region=region, observations={"2.2": value})


def test_a_filled_level_is_computed_instead_of_recorded(tmp_path: Path) -> None:
    cat = ntp.catalogue([_write(tmp_path, "pack.toml", _fill())])
    rs = ntp.ruleset("ntm.commune", ON, catalogue=cat)
    at, below = ntp.assess(_commune(70), catalogue=cat), ntp.assess(_commune(69), catalogue=cat)
    assert at.result("2.2").status is ntp.ResultStatus.MET
    assert below.result("2.2").status is ntp.ResultStatus.NOT_MET
    assert "(pack: test-pack)" in at.explain("en")
    strict = ntp.assess(_commune(70), rs, catalogue=cat, strict=True)
    assert strict.result("2.2").status is ntp.ResultStatus.UNDECIDED
    # the package's own catalogue is untouched, and another region still needs a recorded result
    assert ntp.assess(_commune(70)).result("2.2").status is ntp.ResultStatus.MISSING
    other = ntp.assess(_commune(True, ntp.Region.DBSH), catalogue=cat)
    assert other.result("2.2").status is ntp.ResultStatus.MET and other.result("2.2").basis == "recorded"
    (supplied,) = cat.supplied
    assert (supplied.code, str(supplied.scope), supplied.replaced) == ("2.2", "region=tn", None)


def test_a_pack_never_replaces_a_package_number_silently(tmp_path: Path) -> None:
    text = _fill().replace('indicator = "2.2"', 'indicator = "2.1"').replace('region = "tn"\n', "")
    with pytest.raises(ntp.RuleDataError, match="replaces a number only with replaces"):
        ntp.catalogue([_write(tmp_path, "pack.toml", text)])
    replacing = text.replace("value = 70", "value = 100\nreplaces = { value = 100, why = \"the annex read\" }")
    cat = ntp.catalogue([_write(tmp_path, "pack.toml", replacing)])
    (supplied,) = cat.supplied
    assert supplied.replaced is not None and supplied.why == "the annex read"
    cite = ntp.ruleset("ntm.commune", ON, catalogue=cat).indicator("2.1").thresholds[0].provenance.cite
    assert "(pack: test-pack; replaces >= 100 of 318/QĐ-TTg" in cite and cite.endswith(": the annex read)")
    wrong = text.replace("value = 70", "value = 100\nreplaces = { value = 99, why = \"?\" }")
    with pytest.raises(ntp.RuleDataError, match=r"replaces\.value: names 99"):
        ntp.catalogue([_write(tmp_path, "pack.toml", wrong)])


def test_two_packs_that_fill_one_number_conflict(tmp_path: Path) -> None:
    a, b = _write(tmp_path, "a.toml", _fill(70)), _write(tmp_path, "b.toml", _fill(75))
    with pytest.raises(ntp.RuleDataError, match=r"filled by .*a\.toml too"):
        ntp.catalogue([a, b])


@pytest.mark.parametrize(("text", "match"), [
    (_fill(region="atlantis"), r"\.region: 'atlantis' is not among the declared values"),
    (_fill().replace('indicator = "2.2"', 'indicator = "2.22"'), r"has no indicator '2\.22' \(did you mean"),
    (_fill().replace('instrument = "qd-318-2022"', 'instrument = "qd-318-2023"'), "is issued by qd-318-2022"),
    (_fill().replace('status = "unverified"', 'status = "verifed"'), r"\.status"),
])
def test_a_pack_that_names_what_the_package_lacks_is_refused_with_its_path(tmp_path: Path, text: str,
                                                                          match: str) -> None:
    with pytest.raises(ntp.RuleDataError, match=match):
        ntp.catalogue([_write(tmp_path, "pack.toml", text)])


PROVINCIAL = textwrap.dedent("""
    schema = 1
    [pack]
    name = "tinh-x-2026"
    [[additions]]
    family = "ntm.commune"
    instrument = "qd-51-2025"
    criterion = "5"
    [additions.indicator]
    code = "5.x1"
    name_vi = "Tỷ lệ (thử nghiệm)"
    name_en = "A share (a test)"
    [[additions.indicator.thresholds]]
    op = ">="
    value = 80
    unit = "%"
    source = { cite = "QĐ x/2026/QĐ-UBND tỉnh X (made up for a test)", status = "unverified" }
""")


def test_a_provincial_pack_adds_indicators_to_a_criterion_recorded_as_a_whole(tmp_path: Path) -> None:
    cat = ntp.catalogue([_write(tmp_path, "tinh-x.toml", PROVINCIAL)])
    on = dt.date(2026, 6, 1)
    commune = ntp.Commune(name="X", reference_date=on, observations={"5.x1": 85})
    a = ntp.assess(commune, catalogue=cat)
    assert a.criterion("5").status is ntp.ResultStatus.MET and a.criterion("5").basis == "indicators"
    assert ntp.assess(ntp.Commune(name="X", reference_date=on, observations={"5.x1": 79}),
                      catalogue=cat).criterion("5").status is ntp.ResultStatus.NOT_MET
    assert "(pack: tinh-x-2026)" in a.explain("en")


def test_an_installed_pack_is_discovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package declaring the entry point group ``ntp_criteria.rules`` (its metadata as pip installs it)."""
    pkg = tmp_path / "demo_rules"
    (pkg / "rules").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from importlib import resources\nRULES = resources.files(__name__) / 'rules'\n")
    (pkg / "rules" / "fill.toml").write_text(_fill(72), encoding="utf-8")
    info = tmp_path / "demo_rules-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-rules\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[ntp_criteria.rules]\ndemo = demo_rules:RULES\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        cat = ntp.catalogue(installed=True)
        (supplied,) = cat.supplied
        assert supplied.file == "demo:fill.toml"
        assert ntp.assess(_commune(72), catalogue=cat).result("2.2").status is ntp.ResultStatus.MET
    finally:
        sys.modules.pop("demo_rules", None)


def test_the_catalogue_subpackage_stays_importable_beside_the_function() -> None:
    from ntp_criteria.catalogue import Catalogue, load_catalogue
    from ntp_criteria.catalogue.whatif import with_parameter

    assert callable(ntp.catalogue) and Catalogue is ntp.Catalogue and callable(load_catalogue)
    assert callable(with_parameter)


def test_the_level_and_class_functions_take_the_catalogue(tmp_path: Path) -> None:
    cat = ntp.catalogue([_write(tmp_path, "pack.toml", _fill())])
    report = ntp.commune_level(_commune(70), catalogue=cat)
    assert report.assessments[0].result("2.2").status is ntp.ResultStatus.MET
    assert ntp.poverty.classify(area="rural", monthly_income_per_capita=1, deprivations=3, on=ON,
                                catalogue=cat) is ntp.HouseholdClass.POOR


def _overlay_pack(value: int) -> str:
    return textwrap.dedent(f"""
        schema = 1
        [pack]
        name = "cantho-overlay"
        [instrument]
        id = "qd-3429-2022-cantho-test"
        number = "3429/QĐ-UBND (test)"
        kind = "decision"
        issuer = "UBND thành phố Cần Thơ (test)"
        signed = 2023-01-01
        title_vi = "t"
        title_en = "t"
        source = {{ cite = "header (test)", status = "verified" }}
        [[overlay]]
        family = "poverty.household"
        [[overlay.thresholds]]
        indicator = "income.line"
        [overlay.thresholds.threshold]
        area = "rural"
        op = "<="
        value = {value}
        unit = "VND/person/month"
        source = {{ cite = "Điều 1 (test)", status = "verified" }}
    """)


def test_a_provincial_overlay_is_one_kind_of_pack(tmp_path: Path) -> None:
    from ntp_criteria.catalogue.overlays import LooserThanNational

    cat = ntp.catalogue([_write(tmp_path, "overlay.toml", _overlay_pack(1_400_000))])
    before = ntp.ruleset("poverty.household", dt.date(2022, 6, 1), catalogue=cat)
    after = ntp.ruleset("poverty.household", dt.date(2023, 6, 1), catalogue=cat)
    assert before.indicator("income.line").threshold_for({"area": "rural"}).value == 1_500_000  # type: ignore[union-attr]
    assert after.indicator("income.line").threshold_for({"area": "rural"}).value == 1_400_000  # type: ignore[union-attr]
    assert [i.number for i in after.amended_by][-1] == "3429/QĐ-UBND (test)"
    with pytest.raises(LooserThanNational):
        ntp.catalogue([_write(tmp_path, "overlay.toml", _overlay_pack(1_600_000))])
