"""The annual household review's forms as a subject: Phiếu B1 (the scorecard of household characteristics)
and Phiếu B2 (the deprivation indicators), Thông tư 07/2021/TT-BLĐTBXH as amended by Thông tư 02/2022.

A commune's review board does not measure income: it marks the rows of the household's scorecard (Mẫu số
3.4-3.10, "TRẢ LỜI (đánh dấu X)") and sums their points into *điểm A*, and it counts the deprivations of Phiếu
B2 (10 points each) into *điểm B*. :class:`ReviewForm` holds exactly that record:

* ``b1``: for each item (mục) of the scorecard that was asked, the rows marked X (``{"1": ["1.3"], "12":
  ["12.2", "12.7"], "3": []}``: item 3 asked, no row applies). An item left out was not asked: its points are
  MISSING, never 0, and điểm A is then known only within bounds.
* the facts Phiếu B2 reads (the members' table and the dwelling, as :class:`~ntp_criteria.Household` records
  them), or the B2 answers themselves (``b2_deprived`` / ``b2_not_deprived``: indicator codes ``"1.1"`` …
  ``"6.2"``) as the officer marked them.

The points and the lines they are compared with are legal numbers in the rules data (``rules/tt-07-2021.toml``),
never in this module.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, cast

import attrs

from ._convert import CONVERTER, structure
from ._validate import (
    check_fields,
    enum_converter,
    enum_set_converter,
    frozen_set,
    frozen_tuple,
    raise_problems,
    shown,
)
from .errors import InputError, Problem
from .model import ScopeValue
from .subjects import Area, Device, Dwelling, Household, Member, Recorded, _area

__all__ = [
    "EXCLUSIVE_ROWS",
    "FARM_INCOME_SOURCES",
    "SINGLE_CHOICE_ITEMS",
    "FarmIncomeLine",
    "FarmIncomeSurvey",
    "QuickIdentification",
    "ReviewForm",
    "ReviewRegion",
    "ScorecardAnswers",
    "row_group",
    "structure_answers",
    "unstructure_answers",
]

#: the scorecard's items whose rows are bands of one quantity or one choice ("loại … dùng thường xuyên nhất",
#: "bằng cấp cao nhất", the region): at most one row is marked, and an item not asked adds at most its largest row
SINGLE_CHOICE_ITEMS = frozenset({"1", "2", "3", "4", "6", "8", "9", "10", "11", "15"})
#: rows of the other items that are bands of one count or area (1, 2 or 3+ motorbikes; 1 or 2+ television sets
#: or air conditioners; the garden, perennial, water and forest areas; 1, 2 or 3+ buffaloes, cows or horses): at
#: most one row of a group is marked
EXCLUSIVE_ROWS = (
    frozenset({"12.2", "12.3", "12.4"}), frozenset({"12.7", "12.8"}), frozenset({"12.12", "12.13"}),
    frozenset({"13.1", "13.2"}), frozenset({"13.4", "13.5"}), frozenset({"13.6", "13.7"}), frozenset({"13.8", "13.9"}),
    frozenset({"14.1", "14.2", "14.3"}),
)


def row_group(row: str) -> str:
    """The group of answers a row belongs to, of which at most one row is marked: its item for an item of one
    choice, its band group (``"12.2"`` for the motorbike rows), or the row itself."""
    item = row.split(".", 1)[0]
    if item in SINGLE_CHOICE_ITEMS:
        return item
    for group in EXCLUSIVE_ROWS:
        if row in group:
            return min(group, key=lambda r: int(r.split(".")[1]))
    return row

_ITEM = re.compile(r"[1-9][0-9]?")
_ROW = re.compile(r"([1-9][0-9]?)\.([1-9][0-9]?)")


class ReviewRegion(enum.Enum):
    """The regions of Mẫu số 3.3: a rural household is scored on its region's scorecard (Mẫu số 3.5-3.10); an
    urban one on the urban scorecard (Mẫu số 3.4), whose item 15 ("Vùng") scores the region, where the five
    centrally run cities are a region of their own."""

    DBSH = "dbsh"  # Đồng bằng sông Hồng
    TDMNPB = "tdmnpb"  # Trung du và miền núi phía Bắc
    BTB_DHMT = "btb-dhmt"  # Bắc Trung Bộ và duyên hải miền Trung
    TN = "tn"  # Tây Nguyên
    DNB = "dnb"  # Đông Nam Bộ
    DBSCL = "dbscl"  # Đồng bằng sông Cửu Long
    #: Các thành phố trực thuộc Trung ương (Hà Nội, Hải Phòng, Đà Nẵng, Hồ Chí Minh, Cần Thơ): item 15 only
    CENTRAL_CITY = "central-city"


def _answers_problems(mapping: Mapping[Any, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for item, rows in mapping.items():
        where = f"$.{item}"
        if not isinstance(item, str) or not _ITEM.fullmatch(item):
            problems.append(Problem(f"$[{shown(item)}]", f"expected an item number such as '1' or '12', got "
                                                         f"{shown(item)}"))
            continue
        if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
            problems.append(Problem(where, f"expected a list of the rows marked X (such as ['{item}.1']), got "
                                           f"{shown(rows)}"))
            continue
        seen: set[str] = set()
        for k, row in enumerate(rows):
            m = _ROW.fullmatch(row) if isinstance(row, str) else None
            if m is None:
                problems.append(Problem(f"{where}[{k}]", f"expected a row code such as '{item}.1', got {shown(row)}"))
            elif m.group(1) != item:
                problems.append(Problem(f"{where}[{k}]", f"row {row!r} is not a row of item {item}"))
            elif row in seen:
                problems.append(Problem(f"{where}[{k}]", f"row {row!r} marked twice"))
            else:
                seen.add(row)
    return problems


#: the sets of rows and of items forms have given, each kept once: a million forms repeat a few hundred of them
_SETS: dict[frozenset[str], frozenset[str]] = {}
_MOST_SETS = 1 << 14  # a bound: beyond it the sets kept are dropped and kept afresh


def _shared(rows: frozenset[str]) -> frozenset[str]:
    """An equal set given before, or this one, kept (immutable, so one object serves every form)."""
    if len(_SETS) >= _MOST_SETS:
        _SETS.clear()
    return _SETS.setdefault(rows, rows)


@attrs.frozen
class ScorecardAnswers:
    """The rows marked X on a Phiếu B1 scorecard, by item: a frozen mapping of item numbers (``"1"`` … ``"15"``)
    to the row codes marked (``"1.3"``). An item present with no row was asked and none applies (0 points);
    an item absent was not asked."""

    items: tuple[tuple[str, frozenset[str]], ...] = ()
    # item → rows, built once: a form is scored item by item
    _by_item: dict[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False, hash=False, factory=dict)
    # every row marked, built once: a scorer reads it as a whole, with set operations
    _marked: frozenset[str] = attrs.field(init=False, eq=False, repr=False, hash=False, default=frozenset())
    _asked: frozenset[str] = attrs.field(init=False, eq=False, repr=False, hash=False, default=frozenset())
    _asked_bits: int = attrs.field(init=False, eq=False, repr=False, hash=False, default=0)

    def __attrs_post_init__(self) -> None:
        # built directly (not through of()): the same checks, so no unchecked answers reach a form
        if not isinstance(self.items, tuple) or not all(isinstance(p, tuple) and len(p) == 2 for p in self.items):
            raise InputError("ScorecardAnswers", [Problem("$.items", f"expected (item, rows) pairs, got "
                                                                     f"{shown(self.items)}")])
        problems = _answers_problems(dict(self.items))
        if len({item for item, _ in self.items}) != len(self.items):
            problems.append(Problem("$.items", "an item given twice"))
        problems += [Problem(f"$.{item}", f"expected a frozenset of rows, got {shown(rows)}")
                     for item, rows in self.items if not isinstance(rows, frozenset)]
        raise_problems(problems, "ScorecardAnswers")
        object.__setattr__(self, "_by_item", dict(self.items))
        object.__setattr__(self, "_marked", frozenset().union(*(rows for _, rows in self.items)))
        object.__setattr__(self, "_asked", _shared(frozenset(self._by_item)))
        object.__setattr__(self, "_asked_bits", sum(1 << int(item) for item in self._by_item))

    def rows(self, item: str) -> frozenset[str] | None:
        """The rows marked for ``item``, or None when it was not asked."""
        return self._by_item.get(item)

    @classmethod
    def of(cls, mapping: Mapping[str, Iterable[str]]) -> ScorecardAnswers:
        """Answers from a mapping of item numbers to the rows marked; every problem (an item that is not a number,
        a row of another item, a row marked twice) is an InputError naming it."""
        if not isinstance(mapping, Mapping):
            raise InputError("ScorecardAnswers", [Problem("$", f"expected a mapping of item numbers to the rows "
                                                               f"marked, got {shown(mapping)}")])
        raise_problems(_answers_problems(mapping), "ScorecardAnswers")
        return cls(tuple(sorted(((k, _shared(frozenset(v))) for k, v in mapping.items()), key=lambda kv: int(kv[0]))))

    def asked(self, item: str) -> bool:
        """Whether the item was asked (it is in the answers, with or without a row marked)."""
        return item in self._by_item

    def asked_items(self) -> frozenset[str]:
        """The items asked (with or without a row marked)."""
        return self._asked

    def asked_bits(self) -> int:
        """The items asked as the bits of a number (bit *n* for item *n*): whether every item of a scorecard was
        asked is then one operation, for a scorer that reads a million forms."""
        return self._asked_bits

    def marked(self) -> frozenset[str]:
        """Every row marked X."""
        return self._marked

    def __iter__(self) -> Iterator[tuple[str, frozenset[str]]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def structure_answers(value: object, _: type) -> ScorecardAnswers:
    """Scorecard answers from JSON: an object of item numbers to lists of row codes."""
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object of item numbers to lists of rows, got {shown(value)}")
    return ScorecardAnswers.of(value)


def unstructure_answers(answers: ScorecardAnswers) -> dict[str, list[str]]:
    """Scorecard answers as JSON: rows in their item's order."""
    return {item: sorted(rows, key=lambda r: int(r.split(".")[1])) for item, rows in answers}


CONVERTER.register_structure_hook(ScorecardAnswers, structure_answers)
CONVERTER.register_unstructure_hook(ScorecardAnswers, unstructure_answers)

_REGION, _DEVICES = enum_converter(ReviewRegion), enum_set_converter(Device)


def _region(value: ReviewRegion | str | None) -> ReviewRegion | None:
    return cast(ReviewRegion | None, _REGION(value))


def _answers(value: ScorecardAnswers | Mapping[str, Iterable[str]]) -> ScorecardAnswers:
    """A mapping as :class:`ScorecardAnswers` when valid; anything else as given, for the form to report."""
    if isinstance(value, Mapping):
        try:
            return ScorecardAnswers.of(value)
        except InputError:
            return cast(ScorecardAnswers, value)
    return value


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return cast(tuple[Member, ...], frozen_tuple(value))


def _devices(value: Iterable[Device | str] | None) -> frozenset[Device] | None:
    return cast(frozenset[Device] | None, _DEVICES(value))


def _codes(value: Iterable[str]) -> frozenset[str]:
    return cast(frozenset[str], frozen_set(value))


@attrs.frozen
class ReviewForm:
    """One household's review forms (Phiếu B1 and B2) as the commune's review board fills them.

    ``area`` is the form's "Khu vực" (thành thị / nông thôn); ``region`` chooses the rural scorecard and
    item 15 of the urban one. ``b1`` holds the scorecard rows marked X by item (:class:`ScorecardAnswers`;
    a mapping is accepted). Phiếu B2 is decided from the members' table and the dwelling (``members``,
    ``dwelling``, ``devices``, as :class:`~ntp_criteria.Household` records them) or from the indicators marked
    on the form (``b2_deprived`` / ``b2_not_deprived``, codes ``"1.1"`` … ``"6.2"``), which win where given.
    """

    kind: ClassVar[str] = "review_form"
    default_family: ClassVar[str] = "poverty.review"

    area: Area = attrs.field(converter=_area)
    reference_date: dt.date
    region: ReviewRegion | None = attrs.field(default=None, converter=_region)
    b1: ScorecardAnswers = attrs.field(default=ScorecardAnswers(), converter=_answers)
    members: tuple[Member, ...] = attrs.field(default=(), converter=_members)
    dwelling: Dwelling = attrs.field(factory=Dwelling)
    devices: frozenset[Device] | None = attrs.field(default=None, converter=_devices)
    b2_deprived: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    b2_not_deprived: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    id: str | None = None
    # the B2 facts as a Household, built once: the deprivation measures read households
    _household: Household | None = attrs.field(init=False, eq=False, repr=False, hash=False, default=None)
    _has_facts: bool = attrs.field(init=False, eq=False, repr=False, hash=False, default=False)

    @property
    def has_facts(self) -> bool:
        """Whether the form gives any fact Phiếu B2 could be computed from (members, dwelling, devices)."""
        return self._has_facts

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self, skip=("b1",))
        if not isinstance(self.b1, ScorecardAnswers):
            if isinstance(self.b1, Mapping):
                problems += [attrs.evolve(p, path="$.b1" + p.path[1:]) for p in _answers_problems(self.b1)]
            else:
                problems.append(Problem("$.b1", f"expected an object of item numbers to the rows marked X, got "
                                                f"{shown(self.b1)}"))
        if not any(p.path.startswith(("$.b2_deprived", "$.b2_not_deprived")) for p in problems):
            both = sorted(self.b2_deprived & self.b2_not_deprived)
            if both:
                problems.append(Problem("$.b2_deprived", f"codes both deprived and not deprived: {', '.join(both)}"))
        raise_problems(problems, "ReviewForm")
        household = Household(area=self.area, reference_date=self.reference_date, members=self.members,
                              dwelling=self.dwelling, devices=self.devices)
        object.__setattr__(self, "_household", household)
        object.__setattr__(self, "_has_facts", bool(self.members) or self.dwelling != Dwelling()
                           or self.devices is not None)

    @classmethod
    def from_dict(cls, data: object) -> ReviewForm:
        """A form from JSON-like data (``b1`` as an object of item numbers to lists of rows); every problem is an
        :class:`~ntp_criteria.InputError` with its path."""
        return structure(data, cls)

    @property
    def household(self) -> Household:
        """The facts Phiếu B2 reads, as a :class:`~ntp_criteria.Household` (no income: the review measures none)."""
        assert self._household is not None
        return self._household

    def scope_values(self) -> Mapping[str, ScopeValue]:
        """The area (which line điểm A is compared with) and the year of the reference date."""
        return {"area": self.area.value, "year": self.reference_date.year}

    def recorded(self, code: str, family: str = "") -> Recorded | None:
        """A Phiếu B2 indicator as the officer marked it (``True`` deprived), or None."""
        if code in self.b2_deprived:
            return True
        if code in self.b2_not_deprived:
            return False
        return None

    def fact(self, name: str) -> Recorded | None:
        """The review records answers, not named facts."""
        return None


@attrs.frozen
class QuickIdentification:
    """One household's row of Phiếu A (nhận dạng nhanh, Phụ lục II): whether it meets one of the five conditions
    that exclude it from the review (cột 0), and the answers to columns 1-9 (``marked``: answered CÓ, mã 1;
    ``not_marked``: KHÔNG, mã 0; a column in neither was not asked)."""

    kind: ClassVar[str] = "quick_identification"
    default_family: ClassVar[str] = "poverty.review.screening"

    reference_date: dt.date
    #: cột 0: the household meets one of the conditions of Phiếu A's note (villa, business with 3+ workers …)
    excluded: bool | None = None
    marked: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    not_marked: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    id: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self)
        if not problems:
            for field in ("marked", "not_marked"):
                problems += [Problem(f"$.{field}[{c!r}]", f"expected a column of Phiếu A from '1' to '9', got {c!r}")
                             for c in sorted(getattr(self, field)) if c not in _COLUMNS]
            both = sorted(self.marked & self.not_marked)
            if both:
                problems.append(Problem("$.marked", f"columns both marked and not marked: {', '.join(both)}"))
        raise_problems(problems, "QuickIdentification")

    @classmethod
    def from_dict(cls, data: object) -> QuickIdentification:
        """A Phiếu A row from JSON-like data; every problem is an :class:`~ntp_criteria.InputError` with its path."""
        return structure(data, cls)

    def scope_values(self) -> Mapping[str, ScopeValue]:
        """Phiếu A's rule is the same everywhere: only the year."""
        return {"year": self.reference_date.year}

    def recorded(self, code: str, family: str = "") -> Recorded | None:
        """Cột 0 (``"0"``) and columns ``"1"`` … ``"9"`` as answered, or None when not asked."""
        if code == "0":
            return self.excluded
        if code in self.marked:
            return True
        if code in self.not_marked:
            return False
        return None

    def fact(self, name: str) -> Recorded | None:
        """Phiếu A records answers, not named facts."""
        return None


_COLUMNS = frozenset(str(k) for k in range(1, 10))


#: the income sources of Phụ lục VIII, mục II.1 (rows 1-9 of the survey)
FARM_INCOME_SOURCES = frozenset(str(k) for k in range(1, 10))


@attrs.frozen
class FarmIncomeLine:
    """One row of Phụ lục VIII mục II.1: an income source (``"1"`` crops … ``"9"`` other income) with its total
    revenue and total cost over the last 12 months, in thousand đồng as the form counts them. Row 9 leaves out the
    social allowances the state budget pays (the form's note)."""

    source: str
    revenue: int
    cost: int

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self)
        if not problems:
            if self.source not in FARM_INCOME_SOURCES:
                problems.append(Problem("$.source", f"expected a row of Phụ lục VIII mục II.1 from '1' to '9', got "
                                                    f"{self.source!r}"))
            problems += [Problem(f"$.{name}", f"expected thousand đồng ≥ 0, got {getattr(self, name)!r}")
                         for name in ("revenue", "cost") if getattr(self, name) < 0]
        raise_problems(problems, "FarmIncomeLine")


def _lines(value: Iterable[FarmIncomeLine]) -> tuple[FarmIncomeLine, ...]:
    return cast(tuple[FarmIncomeLine, ...], frozen_tuple(value))


@attrs.frozen
class FarmIncomeSurvey:
    """Phụ lục VIII: the survey of a farm, forestry, fishery or salt-making household's income over the last 12
    months (``lines``: the rows of mục II.1 the household has income or costs in; a row left out had none), and
    its number of members (số nhân khẩu), to tell whether it has a middle living standard."""

    kind: ClassVar[str] = "farm_income_survey"
    default_family: ClassVar[str] = "poverty.review.farm-income"

    area: Area = attrs.field(converter=_area)
    reference_date: dt.date
    members: int | None = None
    lines: tuple[FarmIncomeLine, ...] = attrs.field(default=(), converter=_lines)
    id: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self)
        if not problems:
            if self.members is not None and self.members < 1:
                problems.append(Problem("$.members", f"expected a whole number ≥ 1, got {self.members!r}"))
            seen: set[str] = set()
            for k, line in enumerate(self.lines):
                if line.source in seen:
                    problems.append(Problem(f"$.lines[{k}].source", f"row {line.source} given twice"))
                seen.add(line.source)
        raise_problems(problems, "FarmIncomeSurvey")

    @classmethod
    def from_dict(cls, data: object) -> FarmIncomeSurvey:
        """A survey from JSON-like data; every problem is an :class:`~ntp_criteria.InputError` with its path."""
        return structure(data, cls)

    def scope_values(self) -> Mapping[str, ScopeValue]:
        """The area (which band applies) and the year."""
        return {"area": self.area.value, "year": self.reference_date.year}

    def recorded(self, code: str, family: str = "") -> Recorded | None:
        """The survey records amounts, not results."""
        return None

    def fact(self, name: str) -> Recorded | None:
        """The survey records amounts, not named facts."""
        return None
