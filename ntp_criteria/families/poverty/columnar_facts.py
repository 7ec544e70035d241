"""The household assessment from raw facts, columnar: every deprivation indicator, the class, what it rests on,
and the rates, computed over whole arrays at once (needs the ``columnar`` extra: numpy).

The per-record engine (:func:`~ntp_criteria.assess`) is the reference: this module computes the same
results for every household, with vectorised expressions instead of one object per household, and is
checked equal to the engine by property tests over generated households (missing facts, boundaries, every
ruleset in force 2016-2030). Each measure of :mod:`~ntp_criteria.families.poverty.measures` has its
columnar twin here, reading the same parameters from the rules data; nothing is restated.

Facts come as arrays (:class:`HouseholdColumns`, one entry per household; :class:`MemberColumns`, one entry
per member with the index of its household). A yes/no fact is an ``int8`` array: ``1`` yes, ``0`` no,
``-1`` not recorded. A kind (education, water source …) is an ``int8`` code, the position of the value in
its enum (:func:`kind_codes`), ``-1`` when not recorded. Missing is never failing: a household whose facts
do not decide an indicator gets MISSING for it, as in the engine.

:func:`columnar_support` says whether a ruleset can be assessed this way (its outcome rule and every measure
have a columnar form, its thresholds vary by area only) and, when not, why: the caller then uses the engine.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ...core.errors import InputError, Problem
from ...core.model import CitedValue, Criterion, Indicator, Rollup, Ruleset, Status, Threshold
from ...core.results import Assessment, not_attested
from ...core.subjects import (
    Area,
    Device,
    EducationLevel,
    Employment,
    Household,
    LatrineType,
    WasteHandling,
    WaterSource,
)
from ...engine import count_needed
from ...engine.reference import rests_on
from ._shape import shape_problem
from .columnar import _limit, _numpy
from .rates import AlkireFoster, PovertyRates, intensity_sum, poverty_rates
from .rules import DEPRIVATION, LINE, MIDDLE_CEILING, NEAR_POVERTY_LINE, POVERTY_LINE, HouseholdClass

__all__ = [
    "MET",
    "MISSING",
    "NOT_MET",
    "UNDECIDED",
    "ColumnarAssessment",
    "HouseholdColumns",
    "MemberColumns",
    "RateSums",
    "assess_columns",
    "class_names",
    "columnar_support",
    "columns_of",
    "kind_codes",
    "subset",
]

#: an indicator's status in the arrays this module returns: met (as :class:`~ntp_criteria.ResultStatus`)
MET = 1
#: not met
NOT_MET = 0
#: missing: the facts given do not decide it
MISSING = -1
#: undecided in strict mode: it rests on a number below the required status
UNDECIDED = -2

_CLASSES = tuple(HouseholdClass)


def kind_codes(kind: type[enum.Enum]) -> dict[str, int]:
    """The ``int8`` code of each value of an enum of facts (``{"piped": 0, …}``), as the arrays hold them."""
    return {member.value: i for i, member in enumerate(kind)}


@attrs.frozen(eq=False)
class HouseholdColumns:
    """The household-level facts of ``n`` households, one array entry per household.

    ``income`` is in whole đồng (``income_known`` says where it was recorded); ``floor_area_m2`` likewise, in
    1/``floor_area_scale`` m². ``devices`` is a bit mask over :class:`~ntp_criteria.Device` in enum order (bit
    ``i`` = the ``i``-th device), ``devices_known`` where the list was recorded. ``deprivation_count`` is a count
    recorded on the form, ``-1`` where none was.
    """

    urban: Any
    income: Any
    income_known: Any
    floor_area_m2: Any
    floor_area_known: Any
    durable_walls: Any
    durable_frame: Any
    durable_roof: Any
    water_source: Any
    latrine: Any
    waste: Any
    devices: Any
    devices_known: Any
    hears_loudspeaker: Any
    deprivation_count: Any
    #: floor areas are given in 1/``floor_area_scale`` m² (10: tenths of a square metre)
    floor_area_scale: int = 1

    @property
    def n(self) -> int:
        """The number of households."""
        return int(self.urban.shape[0])


@attrs.frozen(eq=False)
class MemberColumns:
    """The member-level facts, one array entry per member; ``household`` is the index of the member's household
    in :class:`HouseholdColumns` (members of a household need not be adjacent)."""

    household: Any
    age: Any
    health_insured: Any
    in_school: Any
    education: Any
    employment: Any
    dependant: Any
    malnourished: Any
    ill_without_treatment: Any
    uses_internet: Any
    uses_phone: Any

    @classmethod
    def none(cls) -> MemberColumns:
        """No members at all (every member-based indicator is then MISSING, as in the engine)."""
        np = _numpy()
        e8 = np.zeros(0, np.int8)
        return cls(np.zeros(0, np.intp), np.zeros(0, np.int16), e8, e8, e8, e8, e8, e8, e8, e8, e8)


# --- the measures, columnar --------------------------------------------------------------------------------------

#: a measure's columnar twin: (status array, whether each result cites the indicator's numbers)
_Measured = Any


@attrs.frozen(eq=False)
class _Facts:
    hh: HouseholdColumns
    members: MemberColumns
    size: Any  # members per household

    @property
    def n(self) -> int:
        return self.hh.n


def _status(np: Any, yes: Any, unknown: Any) -> Any:
    """MET where ``yes``, else MISSING where ``unknown``, else NOT_MET."""
    out = np.where(unknown, np.int8(MISSING), np.int8(NOT_MET))
    out[yes] = MET
    return out


def _per_household(np: Any, f: _Facts, member_mask: Any) -> Any:
    """Whether any member of each household is in ``member_mask`` (a scatter, not a sort)."""
    out = np.zeros(f.n, dtype=bool)
    out[f.members.household[member_mask]] = True
    return out


def _any_member(np: Any, f: _Facts, yes: Any, unknown: Any) -> _Measured:
    """Three-valued "at least one member …": a known yes decides; otherwise any unknown (or no members) leaves it
    open (``_any_member`` of the measures)."""
    any_yes = _per_household(np, f, yes)
    any_unknown = _per_household(np, f, unknown & ~yes) | (f.size == 0)
    return _status(np, any_yes, any_unknown)


def _none_of_members(np: Any, f: _Facts, fact: Any) -> Any:
    """True (deprived) when no member has the fact, MISSING when some are unrecorded, NOT_MET when one has it."""
    some = _per_household(np, f, fact == 1)
    unknown = _per_household(np, f, fact == -1) | (f.size == 0)
    out = np.where(unknown, np.int8(MISSING), np.int8(MET))
    out[some] = NOT_MET
    return out


def _age(ind: Indicator, name: str) -> int:
    return int(ind.parameter(name).number())


def _has(ind: Indicator, name: str) -> bool:
    return any(p.name == name for p in ind.parameters)


def _codes(kind: type[enum.Enum], values: Iterable[str]) -> list[int]:
    codes = kind_codes(kind)
    return [codes[v] for v in values if v in codes]


def _member_of(np: Any, column: Any, kind: type[enum.Enum], values: Iterable[str]) -> Any:
    """Where a kind column holds one of ``values`` (by their codes), as a boolean array."""
    table = np.zeros(len(kind) + 1, dtype=bool)  # the last slot is -1, not recorded
    table[_codes(kind, values)] = True
    return table[column]


def _employment(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    m = f.members
    deprived = _member_of(np, m.employment, Employment, ("unemployed", "wage_without_contract"))
    return _any_member(np, f, deprived, m.employment == -1)


def _malnourished(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    m, young = f.members, f.members.age < _age(ind, "age_under")
    return _any_member(np, f, young & (m.malnourished == 1), young & (m.malnourished == -1))


def _uninsured(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    m, old = f.members, f.members.age >= _age(ind, "age_from")
    return _any_member(np, f, old & (m.health_insured == 0), old & (m.health_insured == -1))


def _health_access(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    m = f.members
    return _any_member(np, f, m.ill_without_treatment == 1, m.ill_without_treatment == -1)


_LOWER = ("lower_secondary", "upper_secondary", "vocational", "tertiary")
_UPPER = ("upper_secondary", "vocational", "tertiary")


def _adult_education(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    m = f.members
    lo, hi = _age(ind, "age_from"), _age(ind, "age_to")
    in_range = (m.age >= lo) & (m.age <= hi) & (m.in_school != 1)
    if _has(ind, "upper_secondary_from_age"):
        upper = m.age >= _age(ind, "upper_secondary_from_age")
        has_credential = np.where(upper, _member_of(np, m.education, EducationLevel, _UPPER),
                                  _member_of(np, m.education, EducationLevel, _LOWER))
    else:
        has_credential = _member_of(np, m.education, EducationLevel, _LOWER)
    open_ = in_range & ~has_credential
    unknown = open_ & ((m.education == -1) | (m.in_school == -1))
    return _any_member(np, f, open_ & ~unknown, unknown)


def _child_schooling(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    m = f.members
    in_range = (m.age >= _age(ind, "age_from")) & (m.age <= _age(ind, "age_to"))
    return _any_member(np, f, in_range & (m.in_school == 0), in_range & (m.in_school == -1))


def _no_internet(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    return _none_of_members(np, f, f.members.uses_internet)


def _no_phone_or_internet(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    phone = _none_of_members(np, f, f.members.uses_phone)
    net = _none_of_members(np, f, f.members.uses_internet)
    out = np.where(phone == MISSING, np.int8(MISSING), net)
    out[(phone == NOT_MET) | (net == NOT_MET)] = NOT_MET
    return out


def _not_in(np: Any, column: Any, kind: type[enum.Enum], accepted: Iterable[str]) -> _Measured:
    ok = _member_of(np, column, kind, accepted)
    return np.where(column == -1, np.int8(MISSING), np.where(ok, np.int8(NOT_MET), np.int8(MET)))


def _water(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    return _not_in(np, f.hh.water_source, WaterSource, ind.parameter("clean_sources").kinds())


def _latrine(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    return _not_in(np, f.hh.latrine, LatrineType, ind.parameter("hygienic_types").kinds())


def _waste(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    return _not_in(np, f.hh.waste, WasteHandling, ind.parameter("treated").kinds())


def _device_mask(ind: Indicator) -> int:
    return sum(1 << code for code in _codes(Device, ind.parameter("devices").kinds()))


def _no_device(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    owns = (f.hh.devices & np.uint8(_device_mask(ind))) != 0
    return np.where(f.hh.devices_known, np.where(owns, np.int8(NOT_MET), np.int8(MET)), np.int8(MISSING))


def _no_device_or_loudspeaker(np: Any, f: _Facts, ind: Indicator) -> _Measured:
    owns_none = _no_device(np, f, ind)
    hears = f.hh.hears_loudspeaker
    out = np.where((owns_none == MISSING) | (hears == -1), np.int8(MISSING), np.int8(MET))
    out[(owns_none == NOT_MET) | (hears == 1)] = NOT_MET
    return out


# measures compared against a threshold: (low, high, denominator) of the observed value, per household; the
# value lies in [low / denominator, high / denominator]; None where it is not known at all
_Interval = tuple[Any, Any, Any, Any]


def _dependant_share(np: Any, f: _Facts, ind: Indicator) -> _Interval:
    m = f.members
    known = np.bincount(m.household, weights=(m.dependant == 1), minlength=f.n).astype(np.int64)
    unknown = np.bincount(m.household, weights=(m.dependant == -1), minlength=f.n).astype(np.int64)
    n = f.size.astype(np.int64)
    return 100 * known, 100 * (known + unknown), np.maximum(n, 1), n > 0


def _structures(np: Any, f: _Facts, ind: Indicator) -> _Interval:
    parts = (f.hh.durable_walls, f.hh.durable_frame, f.hh.durable_roof)
    bad = sum((p == 0).astype(np.int64) for p in parts)
    unknown = sum((p == -1).astype(np.int64) for p in parts)
    return bad, bad + unknown, np.ones(f.n, np.int64), np.ones(f.n, dtype=bool)


def _floor_area(np: Any, f: _Facts, ind: Indicator) -> _Interval:
    area = f.hh.floor_area_m2.astype(np.int64)
    n = f.size.astype(np.int64)
    return area, area, np.maximum(n, 1) * f.hh.floor_area_scale, f.hh.floor_area_known & (n > 0)


_FLAG_MEASURES: dict[str, Callable[[Any, _Facts, Indicator], _Measured]] = {
    "household.employment": _employment,
    "household.malnourished_child": _malnourished,
    "household.uninsured_member": _uninsured,
    "household.health_access": _health_access,
    "household.adult_education": _adult_education,
    "household.child_schooling": _child_schooling,
    "household.no_internet_user": _no_internet,
    "household.no_phone_or_internet_user": _no_phone_or_internet,
    "household.unclean_water": _water,
    "household.unhygienic_latrine": _latrine,
    "household.untreated_waste": _waste,
    "household.no_information_device": _no_device,
    "household.no_information_asset_or_loudspeaker": _no_device_or_loudspeaker,
}
_VALUE_MEASURES: dict[str, Callable[[Any, _Facts, Indicator], _Interval]] = {
    "household.dependant_share": _dependant_share,
    "household.non_durable_structures": _structures,
    "household.floor_area_per_person": _floor_area,
}
_INCOME = "household.monthly_income_per_capita"
_OUTCOMES = ("poverty.single-income-line", "poverty.two-income-lines")


def columnar_support(ruleset: Ruleset) -> str | None:
    """None when ``ruleset`` can be assessed by this module, else why not (for the caller to say so)."""
    if ruleset.outcome not in _OUTCOMES:
        return f"no columnar form of the outcome rule {ruleset.outcome!r}"
    why = shape_problem(ruleset)
    if why is not None:
        return why
    for c in ruleset.criteria:
        for i in c.indicators:
            if i.measure == _INCOME:
                if c.code == DEPRIVATION or any(t.op.value != "<=" or t.value != int(t.value) for t in i.thresholds):
                    return f"indicator {i.code}: only whole-đồng income limits ('<=') have a columnar form"
            elif c.code != DEPRIVATION:
                return f"indicator {i.code} outside the deprivation criterion"
            elif i.measure in _VALUE_MEASURES:
                if len(i.thresholds) != 1 or i.thresholds[0].scope.dimensions():
                    return f"indicator {i.code}: one threshold for the whole country expected"
            elif i.measure not in _FLAG_MEASURES or i.thresholds:
                return f"no columnar form of the measure {i.measure!r}"
    return None


def _compare(np: Any, low: Any, high: Any, den: Any, known: Any, t: Threshold) -> Any:
    """``compare`` of the engine, exact in integers: ``low/den <op> value`` with value = p / q."""
    p, q = t.value.as_integer_ratio()
    def holds(x: Any) -> Any:
        left, right = x * q, den * p
        return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right,
                "==": left == right}[t.op.value]
    at_low, at_high = holds(low), holds(high)
    exact = low == high
    decided = exact | ((at_low == at_high) if t.op.value != "==" else False)
    out = np.where(decided, np.where(at_low, np.int8(MET), np.int8(NOT_MET)), np.int8(MISSING))
    out[~known] = MISSING
    return out


# --- the outcome rules, columnar (three-valued verdicts with the codes they rest on, as bit masks) ---------------

@attrs.frozen(eq=False)
class _V:
    value: Any  # int8: 1 True, 0 False, -1 unknown
    because: Any  # uint64 bit mask of result codes


def _all_of(np: Any, *vs: _V) -> _V:
    """Kleene AND as :func:`ntp_criteria.core.verdict.all_of`: the first False is the only reason."""
    n = vs[0].value.shape[0]
    found = np.zeros(n, dtype=bool)
    first_false = np.zeros(n, dtype=np.uint64)
    unknown = np.zeros(n, dtype=bool)
    unknown_because = np.zeros(n, dtype=np.uint64)
    every = np.zeros(n, dtype=np.uint64)
    for v in vs:
        new = (v.value == 0) & ~found
        first_false[new] = v.because[new]
        found |= new
        u = v.value == -1
        unknown |= u
        unknown_because |= np.where(u, v.because, np.uint64(0))
        every |= v.because
    value = np.where(found, np.int8(0), np.where(unknown, np.int8(-1), np.int8(1)))
    return _V(value, np.where(found, first_false, np.where(unknown, unknown_because, every)))


def _negate(np: Any, v: _V) -> _V:
    return _V(np.where(v.value == -1, np.int8(-1), np.int8(1) - v.value), v.because)


def _any_of(np: Any, *vs: _V) -> _V:
    """Kleene OR, by De Morgan on :func:`_all_of` (the same reasons: the first True, else the unknown ones)."""
    return _negate(np, _all_of(np, *(_negate(np, v) for v in vs)))


@attrs.frozen(eq=False)
class ColumnarAssessment:
    """The assessments of ``n`` households as arrays, in the engine's terms.

    ``outcome`` holds the index of the class in :class:`~ntp_criteria.HouseholdClass` order (``-1``
    undecided); ``candidates`` a bit mask of the classes still possible (bit ``i`` = the ``i``-th class);
    ``statuses`` each indicator's status (:data:`MET`, :data:`NOT_MET`, :data:`MISSING`, :data:`UNDECIDED`)
    by code; :meth:`unverified_paths` the paths of the numbers the outcome rests on that are not attested well
    enough, joined with ``;`` as the batch outputs write them.
    """

    ruleset: Ruleset
    outcome: Any
    candidates: Any
    statuses: Mapping[str, Any]
    deprivation_codes: tuple[str, ...]
    deprivation_needed: int
    _unverified_of: Callable[[], Any] = attrs.field(repr=False)

    def unverified_paths(self) -> Any:
        """The ``unverified`` column as an object array of ``;``-joined paths."""
        texts, where = self._unverified_of()
        return texts[where]

    def unverified_codes(self) -> tuple[list[str], Any]:
        """The ``unverified`` column as its few distinct texts and each household's index into them."""
        texts, where = self._unverified_of()
        return list(texts.tolist()), where


def _bits(codes: Iterable[str]) -> dict[str, int]:
    return {code: i for i, code in enumerate(codes)}


def assess_columns(ruleset: Ruleset, households: HouseholdColumns, members: MemberColumns | None = None, *,
                   strict: Status | None = None) -> ColumnarAssessment:
    """Every household of ``households`` (with ``members``) assessed against ``ruleset``, as the engine would.

    ``strict`` is the status strict mode requires (None: not strict), as :func:`~ntp_criteria.assess` takes it.
    The ruleset must pass :func:`columnar_support`; a recorded deprivation count that disagrees with the facts
    raises ``ValueError`` (the caller lets the engine report it with its path).
    """
    np = _numpy()
    why = columnar_support(ruleset)
    if why is not None:
        raise ValueError(why)
    members = members if members is not None else MemberColumns.none()
    facts = _Facts(households, members, np.bincount(members.household, minlength=households.n))
    urban = households.urban.astype(bool)
    bit = _bits([i.code for _, i in ruleset.indicators()] + [c.code for c in ruleset.criteria])
    if len(bit) > 62:
        raise ValueError("more than 62 results")
    statuses, cited = _indicator_statuses(np, ruleset, facts, urban, strict)

    def verdict(code: str) -> _V:
        s = statuses[code]
        value = np.where(s == MET, np.int8(1), np.where(s == NOT_MET, np.int8(0), np.int8(-1)))
        return _V(value, np.full(households.n, np.uint64(1 << bit[code]), dtype=np.uint64))

    deprived, dep_codes, needed = _deprivation(np, ruleset, households, statuses, bit, strict)
    if ruleset.outcome == "poverty.single-income-line":
        at_or_below = verdict(LINE)
        options = [_all_of(np, at_or_below, deprived), _all_of(np, at_or_below, _negate(np, deprived))]
        above = _negate(np, at_or_below)
    else:
        pl, nl = verdict(POVERTY_LINE), verdict(NEAR_POVERTY_LINE)
        options = [_any_of(np, pl, _all_of(np, nl, deprived)),
                   _all_of(np, _negate(np, pl), nl, _negate(np, deprived))]
        above = _negate(np, nl)
    if ruleset.has_indicator(MIDDLE_CEILING):
        mid = verdict(MIDDLE_CEILING)
        options += [_all_of(np, above, mid), _all_of(np, above, _negate(np, mid))]
    else:  # the band is not in the data: above the line both classes stay open (``_middle`` of the rules)
        open_ = _V(np.where(above.value == 0, np.int8(0), np.int8(-1)), above.because)
        options += [open_, open_]
    outcome, candidates, decision_because = _decide(np, options)

    def unverified_of() -> Any:
        return _unverified(np, ruleset, urban, decision_because, cited, bit, strict)

    return ColumnarAssessment(ruleset, outcome, candidates, statuses, dep_codes, needed, unverified_of)


def _indicator_statuses(np: Any, ruleset: Ruleset, facts: _Facts, urban: Any, strict: Status | None
                        ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each indicator's status, and where its result cites the indicator's numbers: when its value is known (also
    an interval straddling the threshold, left MISSING); a fact not recorded cites nothing."""
    statuses: dict[str, Any] = {}
    cited: dict[str, Any] = {}
    for _, ind in ruleset.indicators():
        if ind.measure == _INCOME:
            status = _income(np, facts.hh, urban, ind)
            has = status != MISSING
        elif ind.measure in _FLAG_MEASURES:
            status = _FLAG_MEASURES[ind.measure](np, facts, ind)
            has = status != MISSING
        else:
            low, high, den, known = _VALUE_MEASURES[ind.measure or ""](np, facts, ind)
            status, has = _compare(np, low, high, den, known, ind.thresholds[0]), known
        if strict is not None:  # a decided result resting on a number below the strict level is UNDECIDED
            decided = (status == MET) | (status == NOT_MET)
            for is_urban in (False, True):
                t = ind.threshold_for({"area": "urban" if is_urban else "rural"}) if ind.thresholds else None
                if any(not n.provenance.status.at_least(strict) for n in rests_on(ind, t, True)):
                    status[decided & (urban == is_urban)] = UNDECIDED
        statuses[ind.code], cited[ind.code] = status, has
    return statuses, cited


def _deprivation(np: Any, ruleset: Ruleset, households: HouseholdColumns, statuses: Mapping[str, Any],
                 bit: Mapping[str, int], strict: Status | None) -> tuple[_V, tuple[str, ...], int]:
    """The deprivation criterion's verdict (``at_least`` over its indicators, or a recorded count), its indicator
    codes and the count needed."""
    n = households.n
    dep = ruleset.criterion(DEPRIVATION)
    cut = dep.count_threshold
    assert cut is not None
    needed = count_needed(cut)
    dep_codes = tuple(i.code for i in dep.indicators)
    met = np.zeros(n, np.int16)
    unknown = np.zeros(n, np.int16)
    because_true, because_false, because_unknown = (np.zeros(n, np.uint64) for _ in range(3))
    for code in dep_codes:
        s, b = statuses[code], np.uint64(1 << bit[code])
        met += s == MET
        unknown += s < 0
        because_true |= np.where(s == MET, b, np.uint64(0))
        because_false |= np.where(s == NOT_MET, b, np.uint64(0))
        because_unknown |= np.where(s < 0, b, np.uint64(0))
    dep_bit = np.uint64(1 << bit[DEPRIVATION])
    value = np.where(met >= needed, np.int8(1), np.where(met + unknown < needed, np.int8(0), np.int8(-1)))
    because = np.where(value == 1, because_true, np.where(value == 0, because_false, because_unknown)) | dep_bit
    recorded = households.deprivation_count.astype(np.int16)
    has_count = recorded >= 0
    if has_count.any():
        if (has_count & ((recorded < met) | (recorded > met + unknown))).any():
            raise ValueError("a recorded deprivation count disagrees with the indicators")
        counted = np.array([cut.holds(int(k)) for k in range(len(dep_codes) + 1)] + [False], dtype=bool)
        value = np.where(has_count, counted[recorded].astype(np.int8), value)
        because = np.where(has_count, dep_bit, because)
    if strict is not None and not cut.provenance.status.at_least(strict):
        known = value >= 0  # a known verdict resting on a weak cut-off is unknown, and rests on the criterion
        value = np.where(known, np.int8(-1), value)
        because = np.where(known, dep_bit, because)
    return _V(value, because), dep_codes, needed


def _income(np: Any, hh: HouseholdColumns, urban: Any, ind: Indicator) -> Any:
    """An income limit (``<=``, whole đồng) by area, compared in the column's own integer type (never a full-size
    array of limits: one comparison per area)."""
    out = np.full(hh.n, np.int8(MISSING))
    for is_urban in (False, True):
        t = ind.threshold_for({"area": "urban" if is_urban else "rural"})
        if t is None:
            continue
        rows = (urban == is_urban) & hh.income_known
        out[rows] = np.where(hh.income[rows] <= _limit(np, hh.income.dtype, int(t.value)), np.int8(MET),
                             np.int8(NOT_MET))
    return out


def _decide(np: Any, options: list[_V]) -> tuple[Any, Any, Any]:
    """:func:`ntp_criteria.engine.decide` over arrays: the outcome, the candidates mask and the reasons' codes."""
    n = options[0].value.shape[0]
    n_decided = sum((o.value == 1).astype(np.int8) for o in options)
    candidates = np.zeros(n, dtype=np.uint8)
    decided_mask = np.zeros(n, dtype=np.uint8)
    union = np.zeros(n, dtype=np.uint64)
    outcome = np.full(n, np.int8(-1))
    single_because = np.zeros(n, dtype=np.uint64)
    for i, o in enumerate(options):
        possible = o.value != 0
        candidates |= np.where(possible, np.uint8(1 << i), np.uint8(0))
        decided_mask |= np.where(o.value == 1, np.uint8(1 << i), np.uint8(0))
        union |= np.where(possible, o.because, np.uint64(0))
        chosen = o.value == 1
        outcome[chosen] = i
        single_because[chosen] = o.because[chosen]
    n_candidates = sum(((candidates >> i) & 1).astype(np.int8) for i in range(len(options)))
    single = (n_decided == 1) & (n_candidates == 1)
    outcome[~single] = -1
    candidates = np.where(n_decided > 1, decided_mask, candidates)
    return outcome, candidates, np.where(single, single_because, union)


def _unverified(np: Any, ruleset: Ruleset, urban: Any, because: Any, cited: Mapping[str, Any],
                bit: Mapping[str, int], strict: Status | None) -> Any:
    """The ``;``-joined paths of the weak numbers each outcome rests on (``Assessment.unverified``), computed once
    per distinct set of results (there are few) and spread over the rows."""
    has = np.zeros(urban.shape[0], dtype=np.uint64)
    for code, mask in cited.items():
        has |= np.where(mask, np.uint64(1 << bit[code]), np.uint64(0))
    for c in ruleset.criteria:
        if c.rollup is Rollup.COUNT:
            has |= np.uint64(1 << bit[c.code])
    key = (because & has) | (urban.astype(np.uint64) << np.uint64(63))
    keys, where = np.unique(key, return_inverse=True)
    numbered = {area: _numbers_by_result(ruleset, area, strict) for area in ("rural", "urban")}
    texts = np.array([_weak_paths(numbered["urban" if k >> 63 else "rural"], int(k), bit)
                      for k in keys.tolist()], dtype=object)
    return texts, where.reshape(-1)


_Numbered = list[tuple[str, tuple[tuple[tuple[str, str], str, bool], ...]]]


def _numbers_by_result(ruleset: Ruleset, area: str, strict: Status | None) -> _Numbered:
    """The numbers each result would rest on in ``area``, indicators then criteria (``Assessment.relies_on``'s
    order), each with its key, its path and whether it is attested too weakly (judged once here)."""
    out: list[tuple[str, tuple[CitedValue, ...]]] = []
    for _, ind in ruleset.indicators():
        t = ind.threshold_for({"area": area}) if ind.thresholds else None
        out.append((ind.code, rests_on(ind, t, True)))
    out.extend((c.code, _criterion_numbers(c)) for c in ruleset.criteria)
    return [(code, tuple(((n.path, n.provenance.cite), n.path, bool(not_attested((n,), strict))) for n in numbers))
            for code, numbers in out]


def _weak_paths(results: _Numbered, key: int, bit: Mapping[str, int]) -> str:
    seen: dict[tuple[str, str], tuple[str, bool]] = {}
    for code, numbers in results:
        if key >> bit[code] & 1:
            for k, path, weak in numbers:
                seen.setdefault(k, (path, weak))
    return ";".join(path for path, weak in seen.values() if weak)


def _criterion_numbers(c: Criterion) -> tuple[CitedValue, ...]:
    if c.rollup is not Rollup.COUNT or c.count_threshold is None:
        return ()
    return (CitedValue(f"{c.code}.count", c.count_threshold.value, c.count_threshold.provenance),)


def class_names() -> tuple[str, ...]:
    """The class values in code order (the index :attr:`ColumnarAssessment.outcome` holds)."""
    return tuple(c.value for c in _CLASSES)


def columns_of(households: Iterable[Household]) -> tuple[HouseholdColumns, MemberColumns]:
    """The facts of ``households`` (objects) as columns: for tests and small data (a DataFrame is read by
    :func:`ntp_criteria.io.frames.assess_frame` without building objects). A household with surveyor flags, or
    an income or floor area that is not in whole units (floor areas in tenths of m² apart), raises ValueError."""
    np = _numpy()
    hhs = list(households)
    tri = {None: -1, False: 0, True: 1}

    def kind(value: enum.Enum | None, kind: type[enum.Enum]) -> int:
        return -1 if value is None else kind_codes(kind)[value.value]

    for h in hhs:
        if h.deprived or h.not_deprived:
            raise ValueError("surveyor flags have no columnar form")
        for value in (h.monthly_income_per_capita, h.dwelling.floor_area_m2):
            if value is not None and not (isinstance(value, int) or (value * 10) == int(value * 10)):
                raise ValueError(f"{value} is not in whole units")
        if h.monthly_income_per_capita is not None and h.monthly_income_per_capita != int(h.monthly_income_per_capita):
            raise ValueError("incomes in whole đồng only")
    device_bit = kind_codes(Device)
    hh = HouseholdColumns(
        urban=np.array([h.area is Area.URBAN for h in hhs], dtype=bool),
        income=np.array([int(h.monthly_income_per_capita or 0) for h in hhs], dtype=np.int64),
        income_known=np.array([h.monthly_income_per_capita is not None for h in hhs], dtype=bool),
        floor_area_m2=np.array([int((h.dwelling.floor_area_m2 or 0) * 10) for h in hhs], dtype=np.int64),
        floor_area_known=np.array([h.dwelling.floor_area_m2 is not None for h in hhs], dtype=bool),
        durable_walls=np.array([tri[h.dwelling.durable_walls] for h in hhs], dtype=np.int8),
        durable_frame=np.array([tri[h.dwelling.durable_frame] for h in hhs], dtype=np.int8),
        durable_roof=np.array([tri[h.dwelling.durable_roof] for h in hhs], dtype=np.int8),
        water_source=np.array([kind(h.dwelling.water_source, WaterSource) for h in hhs], dtype=np.int8),
        latrine=np.array([kind(h.dwelling.latrine, LatrineType) for h in hhs], dtype=np.int8),
        waste=np.array([kind(h.dwelling.waste, WasteHandling) for h in hhs], dtype=np.int8),
        devices=np.array([sum(1 << device_bit[d.value] for d in h.devices or ()) for h in hhs], dtype=np.uint8),
        devices_known=np.array([h.devices is not None for h in hhs], dtype=bool),
        hears_loudspeaker=np.array([tri[h.hears_loudspeaker] for h in hhs], dtype=np.int8),
        deprivation_count=np.array([-1 if h.deprivation_count is None else h.deprivation_count for h in hhs],
                                   dtype=np.int64),
        floor_area_scale=10,
    )
    ms = [(i, m) for i, h in enumerate(hhs) for m in h.members]
    members = MemberColumns(
        household=np.array([i for i, _ in ms], dtype=np.intp),
        age=np.array([m.age for _, m in ms], dtype=np.int16),
        health_insured=np.array([tri[m.health_insured] for _, m in ms], dtype=np.int8),
        in_school=np.array([tri[m.in_school] for _, m in ms], dtype=np.int8),
        education=np.array([kind(m.education, EducationLevel) for _, m in ms], dtype=np.int8),
        employment=np.array([kind(m.employment, Employment) for _, m in ms], dtype=np.int8),
        dependant=np.array([tri[m.dependant] for _, m in ms], dtype=np.int8),
        malnourished=np.array([tri[m.malnourished] for _, m in ms], dtype=np.int8),
        ill_without_treatment=np.array([tri[m.ill_without_treatment] for _, m in ms], dtype=np.int8),
        uses_internet=np.array([tri[m.uses_internet] for _, m in ms], dtype=np.int8),
        uses_phone=np.array([tri[m.uses_phone] for _, m in ms], dtype=np.int8),
    )
    return hh, members


def subset(households: HouseholdColumns, members: MemberColumns, rows: Any) -> tuple[HouseholdColumns, MemberColumns]:
    """The households at ``rows`` (sorted indices) and their members, renumbered (for a frame whose dates fall
    under several rulesets)."""
    np = _numpy()
    picked = attrs.evolve(households, **{f.name: getattr(households, f.name)[rows]
                                         for f in attrs.fields(HouseholdColumns) if f.name != "floor_area_scale"})
    new_index = np.full(households.n, -1, dtype=np.intp)
    new_index[rows] = np.arange(len(rows), dtype=np.intp)
    keep = new_index[members.household] >= 0
    fields = {f.name: getattr(members, f.name)[keep] for f in attrs.fields(MemberColumns)}
    fields["household"] = new_index[members.household[keep]]
    return picked, MemberColumns(**fields)


Number = int | Decimal


def _wsum(np: Any, weights: Any, mask: Any) -> Number:
    if weights is None:
        return int(np.count_nonzero(mask))
    if weights.dtype == object:
        return sum(weights[mask].tolist(), 0)  # type: ignore[no-any-return]
    return int(weights[mask].sum())


@attrs.frozen
class RateSums:
    """The sums behind :class:`~ntp_criteria.PovertyRates`, from columnar assessments: exact (int or Decimal),
    and added with ``+`` across parts of a population (a DataFrame's partitions on a cluster) before
    :meth:`rates` divides once."""

    rows: int
    households: Number
    poor: Number
    near_poor: Number
    undecided: Number
    possibly_poor: Number
    possibly_near_poor: Number
    k: int
    d: int
    af_population: Number
    af_excluded: Number
    af_deprived: Number
    #: the weighted sum of deprivation counts over households deprived on k or more (divided by d at the end)
    af_count_sum: Number
    censored: tuple[tuple[str, Number], ...]

    @classmethod
    def of(cls, assessment: ColumnarAssessment, weights: Any = None) -> RateSums:
        """The sums of one columnar assessment; ``weights`` an int64 array (or an object array of int and
        Decimal), one per household, or None for a weight of 1 each."""
        np = _numpy()
        a = assessment
        poor, near = _CLASSES.index(HouseholdClass.POOR), _CLASSES.index(HouseholdClass.NEAR_POOR)
        undecided = a.outcome < 0
        n = int(a.outcome.shape[0])
        statuses = [a.statuses[c] for c in a.deprivation_codes]
        decided = np.ones(n, dtype=bool)
        count = np.zeros(n, dtype=np.int64)
        for s in statuses:
            decided &= (s == MET) | (s == NOT_MET)
            count += s == MET
        deprived = decided & (count >= a.deprivation_needed)
        if weights is None:
            count_sum: Number = int(count[deprived].sum())
        elif weights.dtype == object:
            count_sum = sum((w * int(c) for w, c in zip(weights[deprived].tolist(), count[deprived].tolist(),
                                                        strict=True)), 0)
        else:
            count_sum = int((weights[deprived].astype(np.int64) * count[deprived]).sum())
        censored = tuple((code, _wsum(np, weights, deprived & (s == MET)))
                         for code, s in sorted(zip(a.deprivation_codes, statuses, strict=True)))
        return cls(
            rows=n, households=_wsum(np, weights, np.ones(n, dtype=bool)), poor=_wsum(np, weights, a.outcome == poor),
            near_poor=_wsum(np, weights, a.outcome == near), undecided=_wsum(np, weights, undecided),
            possibly_poor=_wsum(np, weights, undecided & ((a.candidates >> poor) & 1).astype(bool)),
            possibly_near_poor=_wsum(np, weights, undecided & ((a.candidates >> near) & 1).astype(bool)),
            k=a.deprivation_needed, d=len(a.deprivation_codes), af_population=_wsum(np, weights, decided),
            af_excluded=_wsum(np, weights, ~decided), af_deprived=_wsum(np, weights, deprived),
            af_count_sum=count_sum, censored=tuple((c, w) for c, w in censored if np.any(deprived & (
                a.statuses[c] == MET))))

    @classmethod
    def empty(cls) -> RateSums:
        """The sums of no household (the start of a sum over parts)."""
        return cls(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ())

    @classmethod
    def of_assessments(cls, assessments: Iterable[Assessment], weights: Iterable[Number] | None = None) -> RateSums:
        """The sums of per-record assessments (what :func:`~ntp_criteria.poverty_rates` adds up), for parts of a
        population the columnar path does not take."""
        found = list(assessments)
        ws = [1] * len(found) if weights is None else list(weights)
        if len(ws) != len(found):
            raise InputError("poverty_rates()", [Problem("$.weights", (
                f"{len(ws)} weights for {len(found)} households"))])
        total = cls.empty()
        for a, w in zip(found, ws, strict=True):
            total = total + cls._of_one(a, w)
        return total

    @classmethod
    def _of_one(cls, a: Assessment, w: Number) -> RateSums:
        rates = poverty_rates([a], [w])
        af = rates.alkire_foster
        assert af is not None
        count_sum = sum(w for _, w in af.censored)  # a deprived household's count is its censored indicators
        return cls(1, rates.households, rates.poor, rates.near_poor, rates.undecided, rates.possibly_poor,
                   rates.possibly_near_poor, af.k, af.d, af.population, af.excluded, af.deprived, count_sum,
                   af.censored)

    def __add__(self, other: RateSums) -> RateSums:
        if not isinstance(other, RateSums):
            return NotImplemented
        if self.rows and other.rows and (self.k, self.d) != (other.k, other.d):
            raise InputError("poverty_rates()", [Problem("$.items", (
                f"households assessed under different deprivation sets ({self.k} of {self.d} vs {other.k} of "
                f"{other.d}): compute the rates per standard"))])
        shape = (self.k, self.d) if self.rows else (other.k, other.d)
        censored: dict[str, Number] = dict(self.censored)
        for code, w in other.censored:
            censored[code] = censored.get(code, 0) + w
        return RateSums(
            self.rows + other.rows, self.households + other.households, self.poor + other.poor,
            self.near_poor + other.near_poor, self.undecided + other.undecided,
            self.possibly_poor + other.possibly_poor, self.possibly_near_poor + other.possibly_near_poor, *shape,
            self.af_population + other.af_population, self.af_excluded + other.af_excluded,
            self.af_deprived + other.af_deprived, self.af_count_sum + other.af_count_sum,
            tuple(sorted(censored.items())))

    def rates(self) -> PovertyRates:
        """The rates, as :func:`~ntp_criteria.poverty_rates` computes them over the same households."""
        af = None
        if self.rows:
            af = AlkireFoster(self.k, self.d, self.af_population, self.af_excluded, self.af_deprived,
                              intensity_sum(self.af_count_sum, self.d), self.censored)
        return PovertyRates(self.households, self.poor, self.near_poor, self.undecided, self.possibly_poor,
                            self.possibly_near_poor, af)
