"""The 63 pre-2025 provinces by the 7 regions of the 2021-2025 criteria: derived when a unit gives no region,
never after the 2025 mergers, always overridden by a given region, and cited as unverified."""

from __future__ import annotations

import datetime as dt

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import province_regions, region_of_province
from ntp_criteria.catalogue.regions import parse_regions as _parse
from ntp_criteria.core.errors import RuleDataError
from ntp_criteria.families.ntm import CriteriaMet

ON = dt.date(2024, 6, 1)


@pytest.mark.parametrize(("name", "region"), [
    ("Lạng Sơn", ntp.Region.TDMNPB), ("Tỉnh Quảng Ninh", ntp.Region.DBSH), ("thua thien hue", ntp.Region.BTB),
    ("Bình Thuận", ntp.Region.DHNTB), ("Lâm Đồng", ntp.Region.TN), ("TP. Hồ Chí Minh", ntp.Region.DNB),
    ("Thành phố Cần Thơ", ntp.Region.DBSCL), ("Bà Rịa-Vũng Tàu", ntp.Region.DNB)])
def test_provinces_map_to_their_region_whatever_the_spelling(name: str, region: ntp.Region) -> None:
    assert region_of_province(name, ON) is region


def test_the_table_has_the_63_provinces_and_is_unverified() -> None:
    table = province_regions()
    assert len(table.regions) == 63
    assert table.provenance.status is ntp.Status.UNVERIFIED
    assert region_of_province("Atlantis", ON) is None
    assert region_of_province("Lạng Sơn", dt.date(2025, 7, 1)) is None  # 34 provinces after the mergers


def test_a_bad_table_is_a_load_error_naming_the_path() -> None:
    text = ('schema = 1\nvalid_to = 2025-06-30\nsource = { cite = "x", status = "unverified" }\n'
            '[regions]\nnorth = ["A"]\n')
    with pytest.raises(RuleDataError) as e:
        _parse(text, "bad.toml")
    assert "$.regions.north" in str(e.value)


def test_a_commune_with_only_a_province_is_assessed_in_its_region_and_the_assessment_says_it_rests_on_it() -> None:
    met = {str(c): True for c in range(1, 20) if c != 10}
    derived = ntp.Commune(name="X", reference_date=ON, province="Lạng Sơn", observations=met,
                          facts={"income_per_capita_million_vnd": 45})
    a = ntp.assess(derived)
    assert a.scope.get("region") == "tdmnpb" and a.outcome is CriteriaMet.MET
    assert "scope.region" in {n.path for n in a.result("10.1").rests_on}
    given = ntp.assess(ntp.Commune(name="X", reference_date=ON, province="Lạng Sơn", region=ntp.Region.DNB,
                                   observations=met, facts={"income_per_capita_million_vnd": 45}))
    assert given.scope.get("region") == "dnb" and given.outcome is CriteriaMet.NOT_MET
    assert "scope.region" not in {n.path for n in given.result("10.1").rests_on}
