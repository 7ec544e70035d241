"""Measures over a unit's facts for the area classifications of NĐ 272/2025/NĐ-CP, named in the rules data.

Two kinds, each applying one test's words to the facts; the legal numbers come from the indicator's
thresholds and parameters, never from this code:

* **Điều 5, mountainous units**: "ít nhất 2/3 diện tích tự nhiên …", "từ 2/3 số thôn (số xã) trở lên". Two
  thirds is not a decimal, so these measures give the share in **thirds** (3 × part / whole), compared with a
  threshold of 2: exact, with no rounding of 2/3;
* **Điều 8 khoản 2, a commune's development level**: the two criteria whose words join two tests in one
  criterion (commune roads: too few paved *or* too many badly degraded; boarding places: below one level for
  an ethnic boarding school, another for a semi-boarding school), so that each still counts as one of the 12.

A value that is not a whole decimal fraction is rounded **down** at the 10th decimal, which never moves it
across an "at least" threshold written with 10 decimals or fewer.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ...core.errors import InputError, Problem
from ...core.model import Indicator
from ...core.places import Commune, District, Province, Village
from ...core.results import Observed
from ...core.subjects import Subject
from ...engine import MeasureValue, Missing, measure

__all__ = [  # public for reading and testing; the engine reaches each measure by the name the rules data give it
    "boarding_places",
    "commune_roads",
    "high_area_thirds",
    "mountainous_communes_thirds",
    "mountainous_villages_thirds",
    "steep_area_thirds",
]

_PLACES = 10


def _number(subject: Subject, name: str) -> int | Decimal | None:
    """The number recorded as the fact ``name`` (None when it is not recorded); a yes/no is refused."""
    value = _fact(subject, name)
    if isinstance(value, bool):
        raise InputError(type(subject).__name__, [Problem(f"$.facts[{name!r}]", f"expected a number, got {value!r}")])
    return value


def _fact(subject: Subject, name: str) -> bool | int | Decimal | None:
    """The fact ``name`` of an administrative unit (None when it is not recorded, or the subject has no facts)."""
    if not isinstance(subject, Village | Commune | District | Province):
        raise TypeError(f"an area measure needs a village, commune or province, got {type(subject).__name__}")
    return subject.fact(name)


def _floored(value: Fraction) -> Decimal:
    """``value`` as a Decimal: exact when it has at most 10 decimals, else rounded down at the 10th."""
    scaled = value * 10**_PLACES
    if scaled.denominator == 1:
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(math.floor(scaled)).scaleb(-_PLACES)


def _thirds(subject: Subject, part: str, whole: str) -> MeasureValue:
    """The fact ``part`` as thirds of the fact ``whole`` (3 × part / whole), or what is missing."""
    a, b = _number(subject, part), _number(subject, whole)
    missing = [n for n, x in ((part, a), (whole, b)) if x is None]
    if missing:
        return Missing(f"fact{'s' if len(missing) > 1 else ''} {' and '.join(map(repr, missing))} not recorded")
    assert a is not None and b is not None
    problems = []
    if b <= 0:
        problems.append(Problem(f"$.facts[{whole!r}]", f"expected a number above 0, got {b}"))
    if not 0 <= a <= b:
        problems.append(Problem(f"$.facts[{part!r}]", f"expected a number from 0 to {whole} ({b}), got {a}"))
    if problems:
        raise InputError(type(subject).__name__, problems)
    return Observed.exactly(_floored(3 * Fraction(a) / Fraction(b)), "thirds")


@measure("mountain.high_area_thirds", facts=("high_area_ha", "natural_area_ha"))
def high_area_thirds(subject: Subject, ind: Indicator) -> MeasureValue:
    """NĐ 272/2025, Điều 5: the natural area lying at the altitude of the parameter ``altitude_from`` or more
    above sea level (fact ``high_area_ha``), in thirds of the unit's natural area (fact ``natural_area_ha``).

    The facts are measured at the parameter's altitude (200 m as the decree is quoted); the measure only divides.
    """
    return _thirds(subject, "high_area_ha", "natural_area_ha")


@measure("mountain.steep_area_thirds", facts=("steep_area_ha", "natural_area_ha"))
def steep_area_thirds(subject: Subject, ind: Indicator) -> MeasureValue:
    """NĐ 272/2025, Điều 5 (villages): the natural area with a terrain slope of the parameter ``slope_from`` or
    more (fact ``steep_area_ha``), in thirds of the village's natural area (fact ``natural_area_ha``)."""
    return _thirds(subject, "steep_area_ha", "natural_area_ha")


@measure("mountain.mountainous_villages_thirds", facts=("mountainous_village_count", "village_count"))
def mountainous_villages_thirds(subject: Subject, ind: Indicator) -> MeasureValue:
    """NĐ 272/2025, Điều 5 (communes): the commune's mountainous villages (fact ``mountainous_village_count``)
    in thirds of its villages (fact ``village_count``)."""
    return _thirds(subject, "mountainous_village_count", "village_count")


@measure("mountain.mountainous_communes_thirds", facts=("mountainous_commune_count", "commune_count"))
def mountainous_communes_thirds(subject: Subject, ind: Indicator) -> MeasureValue:
    """NĐ 272/2025, Điều 5 (provinces): the province's mountainous communes (fact ``mountainous_commune_count``)
    in thirds of its communes (fact ``commune_count``)."""
    return _thirds(subject, "mountainous_commune_count", "commune_count")


def _either(tests: list[bool | None], missing: list[str]) -> MeasureValue:
    """Kleene OR of the tests: one True decides; all False is False; else what is missing."""
    if any(t is True for t in tests):
        return True
    if missing:
        return Missing(f"fact{'s' if len(missing) > 1 else ''} {' and '.join(map(repr, missing))} not recorded")
    return False


@measure("ethnic.commune_roads", facts=("paved_commune_road_share", "degraded_commune_road_share"))
def commune_roads(subject: Subject, ind: Indicator) -> MeasureValue:
    """NĐ 272/2025, Điều 8 khoản 2 (commune roads), one criterion of two tests joined by "hoặc":

    "Có dưới 80% đường xã được nhựa hóa hoặc bê tông hóa đảm bảo ô tô đi lại thuận tiện quanh năm …, hoặc đã
    được nhựa hóa, bê tông hóa nhưng xuống cấp nghiêm trọng … với tỷ lệ trên 50%".

    Met when the share of commune roads paved to the standard (fact ``paved_commune_road_share``, %) is below the
    parameter ``paved_below``, or the share badly degraded (fact ``degraded_commune_road_share``, %) is above
    the parameter ``degraded_above``. Of what the degraded share is taken (all commune roads, or the paved
    ones) the quoted text does not say: the fact is the share the appraisal reports.
    """
    paved = _number(subject, "paved_commune_road_share")
    degraded = _number(subject, "degraded_commune_road_share")
    tests = [None if paved is None else paved < ind.parameter("paved_below").number(),
             None if degraded is None else degraded > ind.parameter("degraded_above").number()]
    missing = [n for n, x in (("paved_commune_road_share", paved), ("degraded_commune_road_share", degraded))
               if x is None]
    return _either(tests, missing)


_BOARDING = (("ptdtnt_places_share", "ptdtnt_below"), ("ptdtbt_places_share", "ptdtbt_below"))


@measure("ethnic.boarding_places", facts=("ptdtnt_places_share", "ptdtbt_places_share"))
def boarding_places(subject: Subject, ind: Indicator) -> MeasureValue:
    """NĐ 272/2025, Điều 8 khoản 2 (boarding places), one criterion for two kinds of school:

    "Chưa có hoặc đã có nhà ở nội trú cho học sinh nhưng chưa đáp ứng đủ chỗ ở của học sinh (đối với Trường phổ
    thông dân tộc nội trú đáp ứng dưới 80%, Trường phổ thông dân tộc bán trú đáp ứng dưới 60%)".

    For each kind the commune has, record the share of its boarders housed (``ptdtnt_places_share`` for an
    ethnic boarding school, ``ptdtbt_places_share`` for a semi-boarding school; 0 when it has no boarding
    house), or ``false`` when the commune has no school of that kind. Met when a recorded share is below the
    kind's parameter (``ptdtnt_below``, ``ptdtbt_below``); not met when every kind is recorded and none is below.
    A commune with neither kind of school is left missing: whether "chưa có nhà ở nội trú" then counts is not
    settled by the quoted text; record the criterion itself.
    """
    tests: list[bool | None] = []
    missing: list[str] = []
    schools = 0
    for fact, level in _BOARDING:
        value = _fact(subject, fact)
        if value is None:
            missing.append(fact)
            tests.append(None)
        elif value is False:
            tests.append(False)
        elif value is True:
            raise InputError(type(subject).__name__, [Problem(
                f"$.facts[{fact!r}]", "expected the share of boarders housed (%), or false when the commune "
                                      "has no school of this kind; got true")])
        else:
            schools += 1
            tests.append(value < ind.parameter(level).number())
    if not missing and schools == 0:
        return Missing("the commune has neither an ethnic boarding nor a semi-boarding school: the quoted text "
                       "does not say whether 'chưa có nhà ở nội trú' then counts; record the criterion")
    return _either(tests, missing)
