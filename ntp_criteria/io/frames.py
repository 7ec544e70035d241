"""DataFrames in, DataFrames out, for pandas and polars through one code path (narwhals; ``frames`` extra).

Three entry points:

* :func:`assess_frame` — every household assessed as :func:`~ntp_criteria.assess` does: the class, whether it is
  decided, the poverty status, the classes still possible, the instrument, and the unverified numbers it rests
  on, added as columns. Households come with the columns of the CSV format (:data:`HOUSEHOLD_COLUMNS`: income,
  a recorded deprivation count, dwelling facts, devices) and, optionally, a second frame of members
  (:data:`MEMBER_COLUMNS`, one row per member, ``household_id`` naming the household's ``id``).
* :func:`poverty_rates_frame` — the weighted rates and Alkire-Foster measures of such a frame, with no object
  per household.
* :func:`classify_frame` — the class alone from area, income and a deprivation count.

Where every ruleset in force on the frame's dates has a columnar form
(:func:`~ntp_criteria.families.poverty.columnar_facts.columnar_support`), the assessment runs over whole
columns (the 12 deprivations from member and dwelling columns included), checked equal to the per-record
engine by property tests; otherwise, and for values only the engine can judge (a fraction of a đồng, an
unknown water-source name …), it runs household by household, with a :class:`PerRecordFallback` warning that
says why. Either way the answer and the errors are the engine's.

Columns the library does not read (a province, a survey weight) pass through untouched; one whose name is
close to a column it reads (``monthy_income_per_capita``) is refused as a likely typo. A missing value (None,
NaN, null) is a fact not recorded. Money must be whole đồng: a float column is accepted only where every value
is a whole number (pandas stores an int column with gaps as float); anything else is refused, never rounded.

Dates follow one rule in every function here: a date, a timestamp at midnight without a time zone, or text
as :func:`~ntp_criteria.core.dates.parse_day` reads it (ISO ``2024-11-15`` or day first ``15/11/2024``).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..catalogue import assess, ruleset
from ..core._validate import nearest, shown
from ..core.dates import DATE_FORMS, parse_day
from ..core.errors import InputError, Problem
from ..core.model import Ruleset, Status
from ..core.results import Assessment
from ..core.subjects import Device, EducationLevel, Employment, Household, LatrineType, WasteHandling, WaterSource
from ..engine.reference import strict_level
from ..families.poverty.rates import PovertyRates
from ..families.poverty.rules import FAMILY, HouseholdClass
from . import json as ntp_json
from .batch import CSV_COLUMNS, LIST_COLUMNS

__all__ = [
    "DWELLING_COLUMNS",
    "HOUSEHOLD_COLUMNS",
    "MEMBER_COLUMNS",
    "PerRecordFallback",
    "assess_frame",
    "classify_frame",
    "frame_day",
    "poverty_rates_frame",
    "rate_sums_frame",
]

#: the dwelling's facts, as household columns (named as the fields of :class:`~ntp_criteria.Dwelling`)
DWELLING_COLUMNS = ("floor_area_m2", "durable_walls", "durable_frame", "durable_roof", "water_source", "latrine",
                    "waste")
#: every household column the library reads: the CSV format's, the dwelling's, devices (codes separated by
#: ``;`` or a list) and whether the household hears the loudspeakers
HOUSEHOLD_COLUMNS = (*CSV_COLUMNS, *DWELLING_COLUMNS, "devices", "hears_loudspeaker")
#: the columns of a members frame: the household's ``id``, then the fields of :class:`~ntp_criteria.Member`
MEMBER_COLUMNS = ("household_id", "age", "health_insured", "in_school", "education", "employment", "dependant",
                  "malnourished", "ill_without_treatment", "uses_internet", "uses_phone", "date_of_birth")
_BOOL_MEMBER = ("health_insured", "in_school", "dependant", "malnourished", "ill_without_treatment",
                "uses_internet", "uses_phone")
_KIND_COLUMNS: dict[str, type[enum.Enum]] = {
    "water_source": WaterSource, "latrine": LatrineType, "waste": WasteHandling, "education": EducationLevel,
    "employment": Employment}


class PerRecordFallback(UserWarning):
    """:func:`assess_frame` or :func:`poverty_rates_frame` assessed the frame household by household (the message
    says why): same answers, slower."""


def _narwhals() -> Any:
    try:
        import narwhals.stable.v1 as nw
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrame support needs narwhals: pip install 'ntp-criteria[frames]'") from exc
    return nw


def _numpy() -> Any:
    import numpy as np  # a dependency of the frames extra

    return np


def _frame(nw: Any, df: Any, what: str = "$") -> Any:
    """``df`` as a narwhals frame; anything but an eager DataFrame narwhals knows (pandas, polars …) is refused."""
    try:
        return nw.from_native(df, eager_only=True)
    except TypeError:
        raise InputError("frame", [Problem(what, f"expected a pandas or polars DataFrame, got {shown(df)}")]) from None


def _check_columns(names: Sequence[str], known: Sequence[str], required: Sequence[str], where: str) -> None:
    """Required columns present, none twice, and no column that looks like a misspelt known one (any other column
    passes through)."""
    names = list(names)
    missing = [c for c in required if c not in names]
    twice = sorted({c for c in names if names.count(c) > 1})
    typos = [(c, hint) for c in names if c not in known and (hint := nearest(c, known))]
    if missing or twice or typos:
        raise InputError("frame", [Problem(f"{where}.columns.{c}", "required column missing") for c in missing]
                         + [Problem(f"{where}.columns.{c}", "column given twice (which value counts?)") for c in twice]
                         + [Problem(f"{where}.columns.{c}", f"not a column the library reads{hint}; rename it to "
                                                            "pass it through") for c, hint in typos])


# --- dates: one rule -----------------------------------------------------------------------------------------

def frame_day(value: Any, where: str) -> dt.date:
    """A date cell as a date, by the one rule of every frame function: a date, a timestamp at midnight without a
    time zone, or text as :func:`~ntp_criteria.core.dates.parse_day` reads it; anything else is an
    :class:`~ntp_criteria.InputError` at ``where``."""
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0) or value.tzinfo is not None:
            raise InputError("frame", [Problem(where, f"expected a date, got a time of day {shown(value)}")])
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_day(value)
        except ValueError as exc:
            raise InputError("frame", [Problem(where, str(exc))]) from None
    raise InputError("frame", [Problem(where, f"expected a date ({DATE_FORMS}), got {shown(value)}")])


def _rulesets_by_row(nw: Any, np: Any, frame: Any, family: str) -> tuple[list[Ruleset], Any]:
    """The rulesets in force on the frame's dates, and each row's index into them (dates are few: each distinct
    value is read once, by :func:`frame_day`, with the path of its first row)."""
    column = frame["reference_date"]
    if column.is_null().any():
        first = int(np.flatnonzero(column.is_null().to_numpy())[0])
        raise InputError("frame", [Problem(f"$[{first}].reference_date", "required but missing")])
    distinct = column.unique().to_list()
    found: list[Ruleset] = []
    index: list[int] = []
    for value in distinct:
        try:
            rs = ruleset(family, frame_day(value, "$.reference_date"))
        except InputError as exc:
            first = int(np.flatnonzero((column == value).to_numpy())[0]) if not isinstance(value, float) else 0
            raise InputError("frame", [Problem(f"$[{first}].reference_date", p.message) for p in exc.problems]
                             ) from None
        k = next((i for i, r in enumerate(found) if r is rs), None)
        if k is None:
            found.append(rs)
            k = len(found) - 1
        index.append(k)
    if len(found) == 1:
        return found, np.zeros(len(frame), dtype=np.int16)
    rows = column.replace_strict(distinct, index, return_dtype=nw.Int16).to_numpy()
    return found, rows.astype(np.int16)


# --- columns to arrays ---------------------------------------------------------------------------------------

class _Unsupported(Exception):
    """A value the columnar path cannot vouch for: the engine reads the frame instead (and judges the value)."""


def _tri(np: Any, series: Any) -> Any:
    """A yes/no column as int8 (1 yes, 0 no, -1 not recorded); anything but booleans and gaps is unsupported."""
    nw = _narwhals()
    if series.dtype == nw.Boolean:  # converted by the frame library itself, gaps included
        return series.cast(nw.Int8).fill_null(-1).to_numpy().astype(np.int8, copy=False)
    nulls = series.is_null().to_numpy().astype(bool)
    values = series.to_numpy()
    if values.dtype == bool:
        out = values.astype(np.int8)
    elif nulls.all():
        out = np.zeros(len(values), dtype=np.int8)
    elif values.dtype == object:
        kinds = set(map(type, values[~nulls].tolist()))
        if not kinds <= {bool, np.bool_}:
            raise _Unsupported(f"column {series.name!r} holds values other than true/false")
        out = np.where(nulls, False, values).astype(bool).astype(np.int8)
    else:
        raise _Unsupported(f"column {series.name!r} is not a true/false column ({values.dtype})")
    out[nulls] = -1
    return out


def _coded(np: Any, series: Any, code_of: Callable[[Any], int | None], what: str) -> Any:
    """A column of few distinct values (kinds, device lists) as codes: each distinct value coded once by
    ``code_of`` (None: unsupported), then spread over the rows; gaps are -1."""
    nulls = series.is_null().to_numpy().astype(bool)
    if nulls.all():
        return np.full(len(nulls), -1, dtype=np.int64)
    values = series.filter(~series.is_null())
    try:
        distinct = values.unique().to_list()
    except TypeError:  # unhashable cells (lists in a pandas column)
        raise _Unsupported(f"column {series.name!r}: {what} the columnar path cannot read") from None
    codes = []
    for value in distinct:
        code = code_of(value)
        if code is None:
            raise _Unsupported(f"column {series.name!r}: {shown(value)} is not {what}")
        codes.append(code)
    nw = _narwhals()
    if len(values) == len(nulls):  # no gaps: one pass
        return series.replace_strict(distinct, codes, return_dtype=nw.Int16).to_numpy().astype(np.int64)
    out = np.full(len(nulls), -1, dtype=np.int64)
    out[~nulls] = values.replace_strict(distinct, codes, return_dtype=nw.Int16).to_numpy()
    return out


def _kinds(np: Any, series: Any, kind: type[enum.Enum]) -> Any:
    """A column of kinds (education, water source …) as int8 codes in the enum's order, -1 for a gap. On polars
    the frame library checks and codes the text itself (a cast to an enum type); elsewhere each distinct value is
    coded once."""
    native = series.to_native()
    if type(native).__module__.startswith("polars"):
        import polars as pl

        if native.dtype == pl.String:
            return _polars_codes(pl, native, [m.value for m in kind], series.name)
        try:
            codes = native.cast(pl.Enum([m.value for m in kind]), strict=True).to_physical()
        except (pl.exceptions.PolarsError, TypeError, ValueError):  # an unknown kind: the engine names it
            raise _Unsupported(f"column {series.name!r} holds a value that is not a known kind") from None
        return codes.cast(pl.Int8).fill_null(-1).to_numpy()
    return _coded(np, series, _kind_code(kind), "a known kind").astype(np.int8)


def _polars_codes(pl: Any, native: Any, names: list[str], name: str) -> Any:
    """A polars text column as int8 codes, each cell's place in ``names`` (-1 for a gap): one pass of exact
    comparisons, quicker than a cast to an enum type (which hashes every cell); a cell that is none of them is
    unsupported."""
    codes = pl.select(pl.coalesce(
        [pl.when(native == value).then(pl.lit(code, pl.Int8)) for code, value in enumerate(names)]
        + [pl.when(native.is_null()).then(pl.lit(-1, pl.Int8))])).to_series()
    if codes.null_count():
        raise _Unsupported(f"column {name!r} holds a value that is not a known kind")
    return codes.to_numpy()


def _kind_code(kind: type[enum.Enum]) -> Callable[[Any], int | None]:
    table = {member.value: i for i, member in enumerate(kind)}
    return lambda value: table.get(value) if isinstance(value, str) else None


def _devices_code(value: Any) -> int | None:
    table = {d.value: i for i, d in enumerate(Device)}
    if isinstance(value, str):
        names = [c.strip() for c in value.split(";") if c.strip()]
    elif isinstance(value, list | tuple):
        names = list(value)
    else:
        return None
    if not all(isinstance(n, str) and n in table for n in names):
        return None
    return sum(1 << table[n] for n in set(names))


def _whole(np: Any, series: Any, name: str, *, maximum: int) -> tuple[Any, Any]:
    """A column of whole numbers ≥ 0 (an int column, or a float one whose every value is whole) and where it is
    recorded."""
    values = series.to_numpy()
    if values.dtype.kind in "iu" and values.size and series.null_count() == 0:  # the usual column: no gap to mask
        out = values.astype(np.int64) if values.dtype != np.uint64 or values.max() <= maximum else None
        if out is None or (out.size and (out.min() < 0 or out.max() > maximum)):
            raise _Unsupported(f"column {name!r} holds numbers {'too large' if out is None else 'out of range'}")
        return out, np.ones(len(out), dtype=bool)
    nulls = series.is_null().to_numpy().astype(bool)
    if nulls.all():
        return np.zeros(len(values), dtype=np.int64), ~nulls
    if values.dtype.kind in "iu":
        out = values.astype(np.int64) if values.dtype != np.uint64 or values.max() <= maximum else None
    elif values.dtype.kind == "f":
        finite = values[~nulls]
        if not (np.isfinite(finite).all() and (finite == np.floor(finite)).all() and np.abs(finite).max() < 2**53):
            raise _Unsupported(f"column {name!r} holds fractions (whole numbers only)")
        out = np.where(nulls, 0, values).astype(np.int64)
    else:
        raise _Unsupported(f"column {name!r} is not a column of whole numbers ({values.dtype})")
    if out is None:
        raise _Unsupported(f"column {name!r} holds numbers too large")
    known = out[~nulls]
    if known.size and (known.min() < 0 or known.max() > maximum):
        raise _Unsupported(f"column {name!r} holds numbers out of range")
    return np.where(nulls, 0, out), ~nulls


def _list_flags_given(nw: Any, frame: Any) -> str | None:
    """Why surveyor flags in ``deprived`` / ``not_deprived`` keep the frame off the columnar path (None: empty)."""
    for column in LIST_COLUMNS:
        if column not in frame.columns:
            continue
        series = frame[column]
        given = series.filter(~series.is_null())
        if len(given) and any(_codes_in(v) for v in given.unique().to_list() if not _empty_cell(v)):
            return f"surveyor flags in {column!r} are read household by household"
    return None


def _empty_cell(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _codes_in(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip(" ;"))
    return True


def _household_columns(nw: Any, np: Any, frame: Any) -> Any:
    from ..families.poverty.columnar_facts import HouseholdColumns

    n = len(frame)
    cols = frame.columns
    area = frame["area"]
    if area.is_null().any() or not area.is_in(["rural", "urban"]).all():
        raise _Unsupported("area other than 'rural' / 'urban'")
    urban = (area == "urban").to_numpy().astype(bool)
    from ..core._validate import LIMIT

    def whole(name: str, maximum: int) -> tuple[Any, Any]:
        if name not in cols:
            return np.zeros(n, np.int64), np.zeros(n, bool)
        return _whole(np, frame[name], name, maximum=maximum)

    def tri(name: str) -> Any:
        return _tri(np, frame[name]) if name in cols else np.full(n, -1, np.int8)

    def kind(name: str) -> Any:
        return _kinds(np, frame[name], _KIND_COLUMNS[name]) if name in cols else np.full(n, -1, np.int8)

    income, income_known = whole("monthly_income_per_capita", LIMIT - 1)
    floor, floor_known = whole("floor_area_m2", LIMIT - 1)
    count, count_known = whole("deprivation_count", 1000)
    devices = (_coded(np, frame["devices"], _devices_code, "a list of known devices") if "devices" in cols
               else np.full(n, -1, np.int64))
    return HouseholdColumns(
        urban=urban, income=income, income_known=income_known, floor_area_m2=floor, floor_area_known=floor_known,
        durable_walls=tri("durable_walls"), durable_frame=tri("durable_frame"), durable_roof=tri("durable_roof"),
        water_source=kind("water_source"), latrine=kind("latrine"), waste=kind("waste"),
        devices=np.where(devices < 0, 0, devices).astype(np.uint8), devices_known=devices >= 0,
        hears_loudspeaker=tri("hears_loudspeaker"), deprivation_count=np.where(count_known, count, -1))


def _member_columns(nw: Any, np: Any, frame: Any, members: Any) -> Any:
    from ..families.poverty.columnar_facts import MemberColumns

    if "id" not in frame.columns or frame["id"].is_null().any():
        raise _Unsupported("members need every household's id, once")
    ids, keys = frame["id"].to_numpy(), members["household_id"].to_numpy()
    # whole-number ids in order, as files usually are, are each given once: no search for a repeated one
    ordered = ids.dtype.kind in "iu" and (len(ids) < 2 or bool((ids[1:] > ids[:-1]).all()))
    if not ordered and not frame["id"].is_unique().all():
        raise _Unsupported("members need every household's id, once")
    joined = members
    if ids.dtype.kind in "iu" and keys.dtype.kind in "iu":  # whole-number ids: matched by a sort, not a join
        if len(ids) and ordered and keys.dtype == ids.dtype and int(ids[-1]) - int(ids[0]) == len(ids) - 1:
            # ids numbered one by one, as files often are: a member's household is its id's distance from the first
            household = np.clip(keys - ids[0], 0, len(ids) - 1)  # a wrong match is refused just below
        elif ordered:  # no sort
            household = np.minimum(np.searchsorted(ids, keys), len(ids) - 1)
        else:
            order = np.argsort(ids, kind="stable")
            household = order[np.minimum(np.searchsorted(ids, keys, sorter=order), len(ids) - 1)]
        if not (ids[household] == keys).all():
            raise _Unsupported("a member names no household of the frame")
    else:
        index = frame.select("id").with_row_index("__household_row")
        try:
            joined = members.rename({"household_id": "__key"}).join(index, left_on="__key", right_on="id",
                                                                      how="left")
        except Exception as exc:  # noqa: BLE001 - the key types differ: the engine names the problem
            raise _Unsupported(f"household_id cannot be matched to id ({type(exc).__name__})") from None
        rows = joined["__household_row"]
        if rows.is_null().any():
            raise _Unsupported("a member names no household of the frame")
        household = rows.to_numpy()
    n = len(joined)
    if "date_of_birth" in joined.columns and not joined["date_of_birth"].is_null().all():
        raise _Unsupported("ages from dates of birth are counted household by household")
    if "age" not in joined.columns:
        raise _Unsupported("no age column")
    age, known = _whole(np, joined["age"], "age", maximum=130)
    if not known.all():
        raise _Unsupported("an age is missing")

    def tri(name: str) -> Any:
        return _tri(np, joined[name]) if name in joined.columns else np.full(n, -1, np.int8)

    def kind(name: str) -> Any:
        return _kinds(np, joined[name], _KIND_COLUMNS[name]) if name in joined.columns else np.full(n, -1, np.int8)

    return MemberColumns(household=household.astype(np.intp), age=age.astype(np.int16),
                         education=kind("education"), employment=kind("employment"),
                         **{name: tri(name) for name in _BOOL_MEMBER})


# --- the per-record path --------------------------------------------------------------------------------------

def _clean(column: str, value: Any, where: str) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column in ("reference_date", "date_of_birth"):
        return frame_day(value, where).isoformat()
    if column == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a numbered household (the frame's own id column is returned as it was)
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.date):
        raise InputError("frame", [Problem(where, f"expected a value, got a date {shown(value)}")])
    if isinstance(value, float):
        if not value.is_integer():
            raise InputError("frame", [Problem(where, f"expected whole đồng or a whole count, got {shown(value)}")])
        return int(value)
    if column in (*LIST_COLUMNS, "devices"):
        if isinstance(value, str):
            return [c.strip() for c in value.split(";") if c.strip()]
        if hasattr(value, "tolist"):  # a numpy array (a list cell, as pyarrow gives it)
            value = value.tolist()
        if isinstance(value, list | tuple):
            return list(value)  # each code is checked by the household, with its path
        raise InputError("frame", [Problem(where, f"expected codes separated by ';', or a list of them, "
                                                  f"got {shown(value)}")])
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _households(rows: list[dict[str, Any]], members: dict[Any, list[dict[str, Any]]] | None) -> Iterator[Household]:
    problems: list[Problem] = []
    out: list[Household] = []
    for i, row in enumerate(rows):
        try:
            data = {k: v for k, v in ((c, _clean(c, row[c], f"$[{i}].{c}")) for c in row) if v is not None}
            dwelling = {c: data.pop(c) for c in DWELLING_COLUMNS if c in data}
            if dwelling:
                data["dwelling"] = dwelling
            for column in LIST_COLUMNS:
                data.setdefault(column, [])
            if members is not None:
                data["members"] = [{k: _clean(k, v, f"$[{i}].members[{j}].{k}") for k, v in m.items()
                                    if not _empty_cell(v)} for j, m in enumerate(members.get(row.get("id"), []))]
            out.append(ntp_json.structure(data, Household))
        except InputError as exc:
            problems += [Problem(f"$[{i}]" + p.path[1:] if not p.path.startswith(f"$[{i}]") else p.path, p.message)
                         for p in exc.problems]
    if problems:
        raise InputError("frame", problems)
    return iter(out)


def _members_by_household(nw: Any, frame: Any, members: Any) -> dict[Any, list[dict[str, Any]]]:
    ids = set(frame["id"].to_list()) if "id" in frame.columns else set()
    out: dict[Any, list[dict[str, Any]]] = {}
    problems = []
    for j, row in enumerate(members.select([c for c in members.columns if c in MEMBER_COLUMNS]).rows(named=True)):
        key = row.pop("household_id")
        if key not in ids:
            problems.append(Problem(f"$.members[{j}].household_id",
                                    f"no household with id {shown(key)} in the frame"))
        out.setdefault(key, []).append(row)
    if problems:
        raise InputError("frame", problems)
    return out


def _per_record(nw: Any, frame: Any, members: Any, strict: bool | Status) -> list[Assessment]:
    read = frame.select([c for c in frame.columns if c in HOUSEHOLD_COLUMNS])
    grouped = _members_by_household(nw, frame, members) if members is not None else None
    return [assess(hh, strict=strict) for hh in _households(read.rows(named=True), grouped)]


# --- assess_frame --------------------------------------------------------------------------------------------

@attrs.frozen
class _Columnar:
    """The columnar assessments of a frame, by ruleset: each ruleset's rows and their assessment."""

    rulesets: list[Ruleset]
    parts: list[tuple[Any, Any]]  # (row indices, ColumnarAssessment)


def _prepare(df: Any, members: Any, strict: bool | Status, method: str
             ) -> tuple[Any, Any, Any, _Columnar | str]:
    """The frames as narwhals frames, checked, and their columnar assessment, or why there is none."""
    nw, np = _narwhals(), _numpy()
    frame = _frame(nw, df)
    _check_columns(frame.columns, HOUSEHOLD_COLUMNS, ("area", "reference_date"), "$")
    member_frame = None
    if members is not None:
        member_frame = _frame(nw, members, "$.members")
        _check_columns(member_frame.columns, MEMBER_COLUMNS, ("household_id",), "$.members")
    if method not in ("auto", "columnar", "per-record"):
        raise InputError("assess_frame()", [Problem("$.method", "expected 'auto', 'columnar' or 'per-record', got "
                                                                f"{shown(method)}")])
    require = strict_level(strict)
    if method == "per-record":
        return nw, frame, member_frame, "per-record asked for"
    rulesets, which = _rulesets_by_row(nw, np, frame, FAMILY)
    try:
        from ..families.poverty.columnar_facts import (
            MemberColumns,
            assess_columns,
            columnar_support,
            subset,
        )

        for rs in rulesets:
            why = columnar_support(rs)
            if why is not None:
                raise _Unsupported(f"{rs.instrument.number}: {why}")
        flags = _list_flags_given(nw, frame)
        if flags:
            raise _Unsupported(flags)
        try:
            hh = _household_columns(nw, np, frame)
            ms = _member_columns(nw, np, frame, member_frame) if member_frame is not None else MemberColumns.none()
        except ArithmeticError:  # a Decimal NaN in a text column: pandas' own null check raises on it
            raise _Unsupported("a column holds a value the columnar path cannot compare") from None
        parts = []
        for k, rs in enumerate(rulesets):
            if len(rulesets) == 1:
                rows, part_hh, part_ms = None, hh, ms
            else:
                rows = np.flatnonzero(which == k)
                part_hh, part_ms = subset(hh, ms, rows)
            try:
                parts.append((rows, assess_columns(rs, part_hh, part_ms, strict=require)))
            except ValueError as exc:
                raise _Unsupported(str(exc)) from None
        return nw, frame, member_frame, _Columnar(rulesets, parts)
    except _Unsupported as exc:
        if method == "columnar":
            raise InputError("assess_frame()", [Problem("$", f"no columnar path: {exc}")]) from None
        return nw, frame, member_frame, str(exc)


def _fallback(why: str) -> None:
    warnings.warn(f"assessed household by household: {why}", PerRecordFallback, stacklevel=3)


def assess_frame(df: Any, *, members: Any = None, strict: bool | Status = False, method: str = "auto") -> Any:
    """``df`` (pandas or polars) with the assessment of each household added as columns, same library out.

    ``members`` is an optional frame of members (:data:`MEMBER_COLUMNS`), joined on ``household_id`` = ``id``.
    Adds ``outcome``, ``decided``, ``poverty_status``, ``candidates`` and ``unverified`` (codes joined with
    ``;``) and ``instrument``; every other column of ``df`` is kept as it is. ``method="auto"`` takes the
    columnar path where it can and otherwise warns (:class:`PerRecordFallback`); ``"columnar"`` refuses
    instead; ``"per-record"`` always builds one household at a time.
    """
    nw, frame, member_frame, columnar = _prepare(df, members, strict, method)
    backend = nw.get_native_namespace(frame)
    if isinstance(columnar, str):
        if method == "auto":
            _fallback(columnar)
        return _add_columns(nw, frame, backend, _per_record_columns(_per_record(nw, frame, member_frame, strict)))
    return _add_columns(nw, frame, backend, _columnar_columns(len(frame), columnar))


def _per_record_columns(results: list[Assessment]) -> dict[str, Any]:
    return {
        "outcome": [a.outcome.value if a.outcome is not None else None for a in results],
        "decided": [a.decided for a in results],
        "poverty_status": [_partial_value(a.candidates) for a in results],
        "candidates": [";".join(c.value for c in a.candidates) for a in results],
        "instrument": [a.ruleset.instrument.number for a in results],
        "unverified": [";".join(n.path for n in a.unverified) for a in results],
    }


def _partial_value(candidates: Sequence[Any]) -> str | None:
    """The poverty status the classes still possible decide (as :attr:`Assessment.partial_outcome`)."""
    partial_of = getattr(type(candidates[0]), "partial_of", None) if candidates else None
    status = None if partial_of is None else partial_of(tuple(candidates))
    return None if status is None else str(status.value)


def _columnar_columns(n: int, columnar: _Columnar) -> dict[str, Any]:
    """The added columns as (labels, each row's index into them): few distinct texts, spread by the frame library
    itself rather than as one Python string per row."""
    np = _numpy()
    classes = list(HouseholdClass)
    by_mask = [[c for k, c in enumerate(classes) if m >> k & 1] for m in range(1 << len(classes))]
    outcome = np.full(n, -1, dtype=np.int8)
    candidates = np.zeros(n, dtype=np.uint8)
    instrument = np.zeros(n, dtype=np.int16)
    unverified = np.zeros(n, dtype=np.int64)
    unverified_labels: list[str] = []
    for k, (rows, a) in enumerate(columnar.parts):
        where = slice(None) if rows is None else rows
        outcome[where] = a.outcome
        candidates[where] = a.candidates
        instrument[where] = k
        labels, index = a.unverified_codes()
        unverified[where] = index + len(unverified_labels)
        unverified_labels += labels
    return {"outcome": ([c.value for c in classes] + [None], np.where(outcome < 0, len(classes), outcome)),
            "decided": outcome >= 0,
            "poverty_status": ([_partial_value(cs) for cs in by_mask], candidates),
            "candidates": ([";".join(c.value for c in cs) for cs in by_mask], candidates),
            "instrument": ([a.ruleset.instrument.number for _, a in columnar.parts], instrument),
            "unverified": (unverified_labels, unverified)}


def _add_columns(nw: Any, frame: Any, backend: Any, added: dict[str, Any]) -> Any:
    series = []
    for name, values in added.items():
        if isinstance(values, tuple):  # (labels, codes): the frame library maps the codes to the labels
            labels, codes = values
            labels = labels or [None]  # an empty frame still gets a text column
            if getattr(backend, "__name__", "") == "polars":  # a gather from the labels: no lookup per row
                series.append(nw.new_series(name, labels, dtype=nw.String, native_namespace=backend)[codes])
                continue
            column = nw.new_series(name, codes.astype("int64"), native_namespace=backend)
            series.append(column.replace_strict(list(range(len(labels))), labels, return_dtype=nw.String))
        elif isinstance(values, list):
            dtype = nw.Boolean if name == "decided" else nw.String
            series.append(nw.new_series(name, values, dtype=dtype, native_namespace=backend))
        else:
            series.append(nw.new_series(name, values, dtype=nw.Boolean, native_namespace=backend))
    return frame.with_columns(series).to_native()


# --- rates -----------------------------------------------------------------------------------------------------

def _weights(np: Any, frame: Any, weight: str | None) -> Any:
    if weight is None:
        return None
    if weight not in frame.columns:
        raise InputError("poverty_rates_frame()", [Problem(f"$.columns.{weight}", "weight column missing")])
    series = frame[weight]
    if series.is_null().any():
        first = int(np.flatnonzero(series.is_null().to_numpy())[0])
        raise InputError("poverty_rates_frame()", [Problem(f"$[{first}].{weight}", "weight missing")])
    values = series.to_numpy()
    if values.dtype.kind in "iu":
        if values.size and values.min() < 0:
            first = int(np.flatnonzero(values < 0)[0])
            raise InputError("poverty_rates_frame()", [Problem(f"$[{first}].{weight}", "expected a weight ≥ 0")])
        return values.astype(np.int64)
    if values.dtype == object and all(isinstance(v, int | Decimal) and not isinstance(v, bool)
                                      for v in values.tolist()):
        return values  # exact Decimal weights, summed as Decimal
    raise InputError("poverty_rates_frame()", [Problem(f"$.columns.{weight}", (
        f"expected whole-number or Decimal weights (never floats: sums must be exact), got {values.dtype}"))])


def poverty_rates_frame(df: Any, *, members: Any = None, weight: str | None = None,
                        strict: bool | Status = False, method: str = "auto") -> PovertyRates:
    """The rates and Alkire-Foster measures of the households of ``df`` (with ``members``), as
    :func:`~ntp_criteria.poverty_rates` gives them, straight from the columns: no object per household on the
    columnar path. ``weight`` names a column of weights (whole numbers, or exact Decimals)."""
    rates: PovertyRates = rate_sums_frame(df, members=members, weight=weight, strict=strict, method=method).rates()
    return rates


def rate_sums_frame(df: Any, *, members: Any = None, weight: str | None = None, strict: bool | Status = False,
                    method: str = "auto") -> Any:
    """The exact sums behind :func:`poverty_rates_frame`, as a
    :class:`~ntp_criteria.families.poverty.columnar_facts.RateSums`: add the sums of the parts of a population
    (a Dask DataFrame's partitions) with ``+``, then call ``.rates()`` once; the result equals the rates of the
    whole population computed in one process."""
    from ..families.poverty.columnar_facts import RateSums

    nw, frame, member_frame, columnar = _prepare(df, members, strict, method)
    np = _numpy()
    w = _weights(np, frame, weight)
    if isinstance(columnar, str):
        if method == "auto":
            _fallback(columnar)
        return RateSums.of_assessments(_per_record(nw, frame, member_frame, strict),
                                       None if w is None else list(w.tolist()))
    total = RateSums.empty()
    for rows, a in columnar.parts:
        total = total + RateSums.of(a, w if w is None or rows is None else w[rows])
    return total


# --- classify_frame --------------------------------------------------------------------------------------------

def _comparable(series: Any) -> bool:
    """Whether the backend can check ``series`` for gaps (it cannot with a Decimal NaN among objects)."""
    try:
        series.is_null().any()
    except ArithmeticError:
        return False
    return True


def classify_frame(df: Any, *, family: str = FAMILY) -> Any:
    """The class alone: ``area``, ``monthly_income_per_capita`` (whole đồng), ``deprivation_count`` and
    ``reference_date`` → an ``outcome`` column (null where the rules leave the class open). Other columns pass
    through; dates follow the rule of :func:`frame_day`."""
    np = _numpy()
    from ..families.poverty.columnar import classify_arrays

    nw = _narwhals()
    frame = _frame(nw, df)
    needed = ["area", "monthly_income_per_capita", "deprivation_count", "reference_date"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InputError("frame", [Problem(f"$.columns.{c}", "required column missing") for c in missing])
    try:
        gaps = frame.select(nw.col(needed).is_null().any()).row(0)
    except ArithmeticError:  # a Decimal NaN in an object column: pandas' own null check raises on it
        raise InputError("frame", [Problem(f"$.{c}", "a value that cannot be compared (a Decimal NaN?)")
                                   for c in needed if not _comparable(frame[c])]) from None
    if gaps != (False,) * len(needed):
        raise InputError("frame", [Problem("$", "the fast path needs every value; use assess_frame for gaps")])
    area = frame["area"]
    if not area.is_in(["rural", "urban"]).all():
        bad = sorted({shown(a) for a in area.filter(~area.is_in(["rural", "urban"])).head(1000).to_list()})[:10]
        raise InputError("frame", [Problem("$.area", f"expected 'rural' or 'urban', got {', '.join(bad)}")])
    income = frame["monthly_income_per_capita"].to_numpy()
    if not np.issubdtype(income.dtype, np.integer):
        raise InputError("frame", [Problem("$.monthly_income_per_capita", "the fast path needs an integer column")])
    count = frame["deprivation_count"].to_numpy()
    if not np.issubdtype(count.dtype, np.integer) or (count < 0).any():
        raise InputError("frame", [Problem("$.deprivation_count", "the fast path needs whole counts ≥ 0 "
                                                                 f"(an integer column), got dtype {count.dtype}")])
    if (income < 0).any():
        raise InputError("frame", [Problem("$.monthly_income_per_capita", "expected incomes ≥ 0 (VND)")])
    urban = (area == "urban").to_numpy().astype(bool)
    rulesets, which = _rulesets_by_row(nw, np, frame, family)
    codes = np.full(len(income), -1, dtype=np.int8)
    for k, rs in enumerate(rulesets):
        if len(rulesets) == 1:
            codes = classify_arrays(rs, urban, income, count)
        else:
            rows = which == k
            codes[rows] = classify_arrays(rs, urban[rows], income[rows], count[rows])
    labels = [c.value for c in HouseholdClass] + [None]
    return _add_columns(nw, frame, nw.get_native_namespace(frame),
                        {"outcome": (labels, np.where(codes < 0, len(labels) - 1, codes))})
