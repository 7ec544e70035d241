"""The review's report forms (Phụ lục VII, Mẫu số 7.1, 7.4-7.7, 7.11) and the information summary, from a stream of
review assessments: exact counts and rates, the frames, and the workbook read back cell by cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import ntp_criteria as ntp
from ntp_criteria.core.forms import ReviewForm
from ntp_criteria.core.subjects import Member
from ntp_criteria.io.review_reports import ReviewRecord, ReviewReport, information_summary, record_of

ON = dt.date(2024, 10, 15)
B2 = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")
ASKED = {str(k): [] for k in range(1, 15)}
CHILD = Member(age=8, health_insured=True, in_school=True, malnourished=False)


def _form(area: str, b1: dict[str, list[str]], deprived: set[str], members: tuple[Member, ...] = ()) -> ReviewForm:
    items = dict(ASKED, **b1) if area == "rural" else dict(ASKED, **{"15": ["15.1"]}, **b1)
    return ReviewForm(area=area, reference_date=ON, region="dbsh", b1=items, b2_deprived=deprived,
                      b2_not_deprived=set(B2) - deprived, members=members)


def _records() -> list[ReviewRecord]:
    poor = _form("rural", {"1": ["1.4"]}, {"1.1", "2.1", "2.2", "3.2", "6.1"},
                 (Member(age=40), Member(age=38), attrs.evolve(CHILD, malnourished=True),
                  attrs.evolve(CHILD, age=7, health_insured=False, in_school=False)))
    near = _form("rural", {"1": ["1.4"]}, {"6.1", "6.2"}, (Member(age=40), Member(age=30), CHILD))
    not_poor = _form("rural", {"1": ["1.1"], "12": ["12.1"]}, {"6.1"}, (Member(age=70),))
    urban_poor = _form("urban", {"1": ["1.4"]}, {"1.1", "4.2", "6.2"}, (Member(age=30),) * 4)
    out = []
    for form, unit, village in ((poor, "Xã A", "Thôn 1"), (near, "Xã A", "Thôn 2"), (not_poor, "Xã B", "Thôn 1"),
                                (urban_poor, "Phường C", "Tổ 3")):
        out.append(record_of(form, ntp.assess(form), unit, village=village))
    return out


def test_form_7_1_counts_households_persons_and_rates_by_area_and_unit() -> None:
    rows = ReviewReport.of(_records()).form("7.1")
    by_unit = {r["don_vi"]: r for r in rows}
    assert [r["don_vi"] for r in rows] == ["Phường C", "I. Khu vực thành thị", "Xã A", "Xã B", "II. Khu vực nông thôn",
                                           "Tổng cộng (I + II)"]
    assert by_unit["Xã A"] | {} == {"khu_vuc": "II", "don_vi": "Xã A", "so_ho": 2, "nhan_khau": 7, "ho_ngheo": 1,
                                    "ty_le_ho_ngheo": Decimal(50), "ho_can_ngheo": 1,
                                    "ty_le_ho_can_ngheo": Decimal(50), "chua_xac_dinh": 0}
    total = by_unit["Tổng cộng (I + II)"]
    assert (total["so_ho"], total["nhan_khau"], total["ho_ngheo"], total["ho_can_ngheo"]) == (4, 12, 2, 1)
    assert total["ty_le_ho_ngheo"] == Decimal(50) and total["ty_le_ho_can_ngheo"] == Decimal(25)


def test_forms_7_4_to_7_7_count_and_rate_each_deprivation_of_the_poor_and_near_poor() -> None:
    report = ReviewReport.of(_records())
    total = report.form("7.4")[-1]
    assert total["tong_so_ho"] == 2
    assert {code: total[code] for code in B2 if total[code]} == {"1.1": 2, "2.1": 1, "2.2": 1, "3.2": 1, "4.2": 1,
                                                                 "6.1": 1, "6.2": 1}
    rates = report.form("7.5")[-1]
    assert rates["1.1"] == Decimal(100) and rates["6.1"] == Decimal(50)
    near = report.form("7.6")[-1]
    assert near["tong_so_ho"] == 1 and near["6.1"] == 1 and near["6.2"] == 1 and near["1.1"] == 0
    assert report.form("7.7")[-1]["6.2"] == Decimal(100)
    one_third = ReviewReport.of([attrs.evolve(r, unit="X") for r in _records()[:1]] * 3 + [
        attrs.evolve(_records()[0], unit="X", deprived=frozenset())]).form("7.5")
    x = next(r for r in one_third if r["don_vi"] == "X")
    assert x["1.1"] == Decimal(75)  # 3 of 4 poor households
    assert one_third[0]["don_vi"] == "I. Khu vực thành thị" and one_third[0]["1.1"] is None  # no urban poor: no rate


def test_form_7_11_counts_children_of_poor_and_near_poor_households() -> None:
    total = ReviewReport.of(_records()).form("7.11")[-1]
    poor = (total["tre_em_ngheo"], total["dinh_duong_ngheo"], total["bhyt_ngheo"], total["di_hoc_ngheo"])
    assert poor == (2, 1, 1, 1)
    assert (total["tre_em_can_ngheo"], total["dinh_duong_can_ngheo"]) == (1, 0)


def test_the_information_summary_by_commune_and_village_names_the_sub_project() -> None:
    communes = {s.unit: s for s in information_summary(_records())}
    a = communes["Xã A"]
    assert (a.households, a.no_internet, a.no_device, a.both, a.poor_or_near_poor) == (2, 2, 1, 1, 2)
    assert a.no_internet_rate == Decimal(100) and a.no_device_rate == Decimal(50)
    assert a.programme_units == ("gnbv-2021/6.1",)
    villages = [s.unit for s in information_summary(_records(), by="village")]
    assert villages == ["Phường C / Tổ 3", "Xã A / Thôn 1", "Xã A / Thôn 2", "Xã B / Thôn 1"]
    with pytest.raises(ntp.InputError, match=r"\$\.by"):
        information_summary(_records(), by="district")


def test_the_forms_as_dataframes() -> None:
    pytest.importorskip("polars")
    frame = ReviewReport.of(_records()).frame("7.1")
    assert frame.shape == (6, 9)
    assert frame["ty_le_ho_ngheo"].to_list()[-1] == "50"


def test_the_workbook_is_laid_out_like_the_forms(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "bao-cao.xlsx"
    ReviewReport.of(_records()).write_xlsx(path, province="Tỉnh X", year=2024)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Mau 7.1", "Mau 7.4", "Mau 7.5", "Mau 7.6", "Mau 7.7", "Mau 7.11"]
    sheet = book["Mau 7.1"]
    assert sheet["A1"].value == "Mẫu số 7.1. TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO"
    assert sheet["D2"].value == "Năm rà soát: 2024"
    assert [c.value for c in sheet[3]][:4] == ["TT", "Khu vực/Địa bàn", "Tổng số hộ dân cư (số hộ)", "Nhân khẩu"]
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[1:7] == ["Tổng cộng (I + II)", 4, 12, 2, 50.0, 1]
    assert sheet.cell(sheet.max_row, 6).number_format == "0.00"


def test_unknown_form_and_wrong_inputs_are_input_errors() -> None:
    with pytest.raises(ntp.InputError, match=r"\$\.number"):
        ReviewReport().form("7.2")
    with pytest.raises(ntp.InputError):
        ReviewReport().add("not a record")  # type: ignore[arg-type]
