"""The review's report forms (Phụ lục VII of Thông tư 07/2021/TT-BLĐTBXH) built from a stream of review
assessments, and the information dimension of Phiếu B2 by village and commune.

Each reviewed household becomes one small :class:`ReviewRecord` (where it lives, its members, its class, the B2
indicators it is deprived on, its children's deprivations) as it streams past; :class:`ReviewReport` only adds
counts, so a province's millions of forms pass in constant memory. The forms come out as rows of exact counts and
rates (``Decimal`` percentages under the library's decimal context, never floats), laid out as the circular lays
them out:

* Mẫu số 7.1: households, persons, poor and near-poor households and their rates, by area (I urban, II rural)
  and unit, with the total (I + II);
* Mẫu số 7.4 / 7.6: the number of poor / near-poor households deprived on each of the 12 indicators, by unit;
* Mẫu số 7.5 / 7.7: the same as a share of the unit's poor / near-poor households;
* Mẫu số 7.11: children (under 16) of poor and near-poor households deprived on nutrition, health insurance and
  school attendance, by unit.

:meth:`ReviewReport.frame` gives any of them as a DataFrame (narwhals, the ``frames`` extra) and
:meth:`ReviewReport.write_xlsx` writes them as a workbook laid out like the forms (openpyxl, the ``xlsx`` extra).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs

from ..core.errors import InputError, Problem
from ..core.exact import percentage
from ..core.forms import ReviewForm
from ..core.results import Assessment, ResultStatus
from ..core.subjects import Member
from ..families.review import POINTS_B, ReviewClass

__all__ = ["B2_ORDER", "FORMS", "InformationSummary", "ReviewRecord", "ReviewReport", "information_summary",
           "record_of"]

#: Phiếu B2's indicators in the order of the forms' columns 1-12
B2_ORDER = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")
#: the forms this module builds, with their titles as printed
FORMS = {
    "7.1": "TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO",
    "7.4": "PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO",
    "7.5": "PHÂN TÍCH TỶ LỆ CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO",
    "7.6": "PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ CẬN NGHÈO",
    "7.7": "PHÂN TÍCH TỶ LỆ CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ CẬN NGHÈO",
    "7.11": "TỔNG HỢP CHỈ SỐ THIẾU HỤT CỦA TRẺ EM THUỘC HỘ NGHÈO, HỘ CẬN NGHÈO",
}
_AREAS = (("urban", "I", "Khu vực thành thị"), ("rural", "II", "Khu vực nông thôn"))


@attrs.frozen
class ReviewRecord:
    """One reviewed household as the report forms count it: its area and unit (the rows of the forms: a
    district, a commune, a village …), its members, its class (None when undecided), the B2 indicators it is
    deprived on, and its children's deprivations (nutrition, health insurance, school attendance) as
    ``(children, malnourished, uninsured, out_of_school)``."""

    area: str
    unit: str
    persons: int | None
    outcome: ReviewClass | None
    deprived: frozenset[str]
    children: tuple[int, int, int, int] = (0, 0, 0, 0)
    village: str | None = None


def _ages(a: Assessment, code: str, name: str) -> int:
    return int(a.ruleset.indicator(code).parameter(name).number())


def _children(form: ReviewForm, a: Assessment) -> tuple[int, int, int, int]:
    """Mẫu số 7.11's counts for one household, with the ages of the B2 indicators it counts by (2.1 under 16;
    2.2 from 6; 3.2 from 3 to 15)."""
    under = _ages(a, "2.1", "age_under")
    insured_from = _ages(a, "2.2", "age_from")
    school_from, school_to = _ages(a, "3.2", "age_from"), _ages(a, "3.2", "age_to")
    kids: list[Member] = [m for m in form.members if m.age < under]
    return (len(kids), sum(1 for m in kids if m.malnourished is True),
            sum(1 for m in kids if m.age >= insured_from and m.health_insured is False),
            sum(1 for m in kids if school_from <= m.age <= school_to and m.in_school is False))


def record_of(form: ReviewForm, assessment: Assessment, unit: str, *, village: str | None = None) -> ReviewRecord:
    """The record the report forms count for ``form`` and its assessment, in the row ``unit`` (a district's or a
    commune's name or code) and, for the information summary, its ``village``."""
    if not isinstance(form, ReviewForm) or not isinstance(assessment, Assessment):
        raise InputError("record_of()", [Problem("$", "expected a ReviewForm and its Assessment")])
    if not isinstance(unit, str) or not unit:
        raise InputError("record_of()", [Problem("$.unit", f"expected the unit's name or code, got {unit!r}")])
    outcome = assessment.outcome if isinstance(assessment.outcome, ReviewClass) else None
    deprived = frozenset(r.code for r in assessment.indicators
                         if r.criterion == POINTS_B and r.status is ResultStatus.MET)
    return ReviewRecord(form.area.value, unit, len(form.members) or None, outcome, deprived,
                        _children(form, assessment), village)


@attrs.define
class _Counts:
    households: int = 0
    persons: int = 0
    persons_unknown: int = 0
    poor: int = 0
    near_poor: int = 0
    undecided: int = 0
    poor_deprived: list[int] = attrs.Factory(lambda: [0] * len(B2_ORDER))
    near_deprived: list[int] = attrs.Factory(lambda: [0] * len(B2_ORDER))
    poor_children: list[int] = attrs.Factory(lambda: [0, 0, 0, 0])
    near_children: list[int] = attrs.Factory(lambda: [0, 0, 0, 0])

    def add(self, r: ReviewRecord) -> None:
        self.households += 1
        if r.persons is None:
            self.persons_unknown += 1
        else:
            self.persons += r.persons
        if r.outcome is None:
            self.undecided += 1
            return
        if r.outcome is ReviewClass.NOT_POOR:
            return
        poor = r.outcome is ReviewClass.POOR
        if poor:
            self.poor += 1
        else:
            self.near_poor += 1
        deprived, children = (self.poor_deprived, self.poor_children) if poor else (self.near_deprived,
                                                                                     self.near_children)
        for k, code in enumerate(B2_ORDER):
            if code in r.deprived:
                deprived[k] += 1
        for k, value in enumerate(r.children):
            children[k] += value

    def merge(self, other: _Counts) -> None:
        for name in ("households", "persons", "persons_unknown", "poor", "near_poor", "undecided"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("poor_deprived", "near_deprived", "poor_children", "near_children"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for k, value in enumerate(theirs):
                mine[k] += value


_rate = percentage  # exact to the library's 40 digits, whatever the caller's context


class ReviewReport:
    """Counts of review records by area and unit, from which the forms of Phụ lục VII are read."""

    def __init__(self) -> None:
        self._by: dict[tuple[str, str], _Counts] = {}

    def add(self, record: ReviewRecord) -> None:
        """Count one household."""
        if not isinstance(record, ReviewRecord):
            raise InputError("ReviewReport.add()", [Problem("$", f"expected a ReviewRecord, got "
                                                                 f"{type(record).__name__}")])
        key = (record.area, record.unit)
        counts = self._by.get(key)
        if counts is None:
            counts = self._by[key] = _Counts()
        counts.add(record)

    @classmethod
    def of(cls, records: Iterable[ReviewRecord]) -> ReviewReport:
        """A report of every record of a stream (read once, in constant memory per unit)."""
        report = cls()
        for r in records:
            report.add(r)
        return report

    def _rows(self) -> Iterator[tuple[str, str, str, _Counts]]:
        """(section, area label, unit, counts) per unit, the area's subtotal and the total, in the forms' order."""
        total = _Counts()
        for area, number, label in _AREAS:
            units = sorted(unit for a, unit in self._by if a == area)
            subtotal = _Counts()
            for unit in units:
                counts = self._by[(area, unit)]
                subtotal.merge(counts)
                yield number, label, unit, counts
            yield number, label, f"{number}. {label}", subtotal
            total.merge(subtotal)
        yield "", "", "Tổng cộng (I + II)", total

    def form(self, number: str) -> list[dict[str, Any]]:
        """The rows of Mẫu số ``number`` (``"7.1"``, ``"7.4"`` … ``"7.11"``) as dicts of column → value."""
        if number not in FORMS:
            raise InputError("ReviewReport.form()", [Problem("$.number", f"expected one of {sorted(FORMS)}, got "
                                                                         f"{number!r}")])
        return [self._row(number, section, unit, c) for section, _, unit, c in self._rows()]

    @staticmethod
    def _row(number: str, section: str, unit: str, c: _Counts) -> dict[str, Any]:
        row: dict[str, Any] = {"khu_vuc": section, "don_vi": unit}
        if number == "7.1":
            row.update({"so_ho": c.households, "nhan_khau": c.persons if not c.persons_unknown else None,
                        "ho_ngheo": c.poor, "ty_le_ho_ngheo": _rate(c.poor, c.households),
                        "ho_can_ngheo": c.near_poor, "ty_le_ho_can_ngheo": _rate(c.near_poor, c.households),
                        "chua_xac_dinh": c.undecided})
        elif number in {"7.4", "7.5", "7.6", "7.7"}:
            poor = number in {"7.4", "7.5"}
            whole = c.poor if poor else c.near_poor
            counts = c.poor_deprived if poor else c.near_deprived
            row["tong_so_ho"] = whole
            for code, n in zip(B2_ORDER, counts, strict=True):
                row[code] = n if number in {"7.4", "7.6"} else _rate(n, whole)
        else:
            for prefix, values in (("ngheo", c.poor_children), ("can_ngheo", c.near_children)):
                row.update({f"tre_em_{prefix}": values[0], f"dinh_duong_{prefix}": values[1],
                            f"bhyt_{prefix}": values[2], f"di_hoc_{prefix}": values[3]})
        return row

    def frame(self, number: str, backend: Literal["polars", "pandas"] = "polars") -> Any:
        """Mẫu số ``number`` as a DataFrame (``"polars"`` or ``"pandas"``, through narwhals): rates stay exact
        Decimals (as text where the backend has no decimal type)."""
        import narwhals as nw

        rows = self.form(number)
        columns = {key: [r[key] if not isinstance(r[key], Decimal) else str(r[key]) for r in rows]
                   for key in rows[0]}
        return nw.from_dict(columns, backend=backend).to_native()

    def write_xlsx(self, path: str | Path, *, province: str = "", year: int | None = None) -> None:
        """Every form as a sheet of an .xlsx workbook laid out like Phụ lục VII: the form's number and title, the
        province and review year, the column headings and the rows (rates as percentages with two decimals
        shown, the exact value kept in the cell)."""
        try:
            from openpyxl import Workbook  # type: ignore[import-untyped]
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("writing .xlsx needs openpyxl: pip install 'ntp-criteria[xlsx]'") from exc
        book = Workbook()
        book.remove(book.active)
        for number, title in FORMS.items():
            sheet = book.create_sheet(f"Mau {number}")
            sheet.append([f"Mẫu số {number}. {title}"])
            sheet.append([f"Tỉnh, thành phố: {province}", "", "", f"Năm rà soát: {year or ''}"])
            rows = self.form(number)
            sheet.append([_HEADINGS.get(key, key) for key in rows[0]])
            for row in rows:
                sheet.append([float(v) if isinstance(v, Decimal) else v for v in row.values()])
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, float):
                        cell.number_format = "0.00"
        book.save(str(path))


_HEADINGS = {
    "khu_vuc": "TT", "don_vi": "Khu vực/Địa bàn", "so_ho": "Tổng số hộ dân cư (số hộ)", "nhan_khau": "Nhân khẩu",
    "ho_ngheo": "Tổng số hộ nghèo (số hộ)", "ty_le_ho_ngheo": "Tỷ lệ hộ nghèo (%)",
    "ho_can_ngheo": "Tổng số hộ cận nghèo (số hộ)", "ty_le_ho_can_ngheo": "Tỷ lệ hộ cận nghèo (%)",
    "chua_xac_dinh": "Chưa xác định", "tong_so_ho": "Tổng số hộ",
    "tre_em_ngheo": "Tổng số trẻ em (hộ nghèo)", "dinh_duong_ngheo": "Dinh dưỡng", "bhyt_ngheo": "Bảo hiểm y tế",
    "di_hoc_ngheo": "Tình trạng đi học", "tre_em_can_ngheo": "Tổng số trẻ em (hộ cận nghèo)",
    "dinh_duong_can_ngheo": "Dinh dưỡng", "bhyt_can_ngheo": "Bảo hiểm y tế", "di_hoc_can_ngheo": "Tình trạng đi học",
}


@attrs.frozen
class InformationSummary:
    """The information dimension (Phiếu B2, 6.1 and 6.2) in one commune or village: households, those deprived on
    6.1 (no member uses the internet), on 6.2 (no means of access to information), on both, and the rates, for
    all households and for the poor and near-poor; with the programme units that work on it."""

    unit: str
    households: int
    no_internet: int
    no_device: int
    both: int
    poor_or_near_poor: int
    poor_or_near_poor_no_internet: int
    poor_or_near_poor_no_device: int
    programme_units: tuple[str, ...]

    @property
    def no_internet_rate(self) -> Decimal | None:
        """6.1 as a percentage of households."""
        return _rate(self.no_internet, self.households)

    @property
    def no_device_rate(self) -> Decimal | None:
        """6.2 as a percentage of households."""
        return _rate(self.no_device, self.households)


def information_summary(records: Iterable[ReviewRecord], *, by: str = "unit") -> list[InformationSummary]:
    """The information dimension by commune (``by="unit"``, the records' unit) or by village (``by="village"``),
    linked to the programme units the catalogue says work on indicators 6.1 and 6.2 (the information poverty
    reduction sub-project)."""
    if by not in {"unit", "village"}:
        raise InputError("information_summary()", [Problem("$.by", f"expected 'unit' or 'village', got {by!r}")])
    from ..families.programmes.lookup import links_to

    units = tuple(sorted({link.unit for code in ("6.1", "6.2") for link in links_to("poverty.review", code)}))
    acc: dict[str, list[int]] = {}
    for r in records:
        key = (r.unit if by == "unit" else f"{r.unit} / {r.village or '?'}")
        c = acc.setdefault(key, [0] * 7)
        a, b = "6.1" in r.deprived, "6.2" in r.deprived
        target = r.outcome in {ReviewClass.POOR, ReviewClass.NEAR_POOR}
        for k, flag in enumerate((True, a, b, a and b, target, target and a, target and b)):
            c[k] += flag
    return [InformationSummary(key, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], units)
            for key, counts in sorted(acc.items())]
