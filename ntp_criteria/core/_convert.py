"""A strict cattrs converter: nothing is coerced silently, every problem is reported with its path.

Plain cattrs turns ``1.5`` into the int ``1`` and ``"1"`` into ``True``; for legal numbers and official
records that is a defect. Here an int must be an int, a Decimal comes from a string or an int (never a
float), a date from a date or an ISO string, an enum by its value, and unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from ._validate import number_from_text, repeated_at, shown
from .errors import InputError, Problem

T = TypeVar("T")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {shown(value)}")
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {shown(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {shown(value)}")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        number = number_from_text(value)
        if number is not None:
            return number
        if value.strip().lower().lstrip("+-") in {"nan", "snan", "inf", "infinity"}:
            raise ValueError(f"expected a finite number, got {shown(value)}")
        raise ValueError(f"expected a decimal number in a string (digits 0-9, a point), got {shown(value)}")
    raise TypeError(f"expected a decimal number as a string or int (never a float), got {shown(value)}")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {shown(value)}") from None
    raise TypeError(f"expected a date, got {shown(value)}")


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"expected one of {allowed}, got {shown(value)}") from None


def _structure_int_or_decimal(value: object, _: type) -> int | Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _structure_decimal(value, Decimal)


def _structure_str_or_int(value: object, _: type) -> str | int:
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"expected a string or a whole number, got {shown(value)}")


def _is_optional(t: Any) -> bool:
    return get_origin(t) in (Union, UnionType) and type(None) in get_args(t) and len(get_args(t)) > 2


def _optional_factory(t: Any, converter: cattrs.Converter) -> Any:
    """``X | Y | None``: None stays None, anything else is structured as ``X | Y`` (cattrs handles 2-way only)."""
    rest = tuple(a for a in get_args(t) if a is not type(None))
    inner = functools.reduce(operator.or_, rest)

    def structure_optional(value: object, _: type) -> object:
        return None if value is None else converter.structure(value, inner)

    return structure_optional


_COLLECTIONS = (tuple, list, frozenset, set)


def _is_collection(t: Any) -> bool:
    return get_origin(t) in _COLLECTIONS


def _collection_factory(t: Any, converter: cattrs.Converter) -> Any:
    """A collection must come from a list (or set): a string would silently become its letters."""
    origin, args = get_origin(t), get_args(t)
    build = frozenset if origin in (frozenset, set) else tuple
    # tuple[A, B] has one type per position; tuple[A, ...], list[A] and frozenset[A] one for all
    fixed = origin is tuple and bool(args) and args[-1] is not Ellipsis

    def item_type(i: int) -> Any:
        if fixed:
            return args[i]
        return args[0] if args else Any

    def structure_collection(value: object, _: type) -> object:
        if not isinstance(value, list | tuple | set | frozenset):
            raise TypeError(f"expected a list, got {shown(value)}")
        if fixed and len(value) != len(args):
            raise ValueError(f"expected {len(args)} items, got {len(value)}")
        errors: list[Exception] = []
        out = []
        for i, v in enumerate(value):
            item = item_type(i)
            try:
                out.append(converter.structure(v, item))
            except Exception as exc:  # noqa: BLE001 - collected with its index, like cattrs does
                exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ index {i}", i, item)]
                errors.append(exc)
        for i in repeated_at(out) if build is frozenset and not errors else ():  # named, not dropped
            repeat = ValueError(f"{shown(value[i] if isinstance(value, list | tuple) else out[i])} listed twice")
            repeat.__notes__ = [IterableValidationNote(f"@ index {i}", i, item_type(i))]
            errors.append(repeat)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return build(out)

    return structure_collection


def _object_factory(t: type, c: cattrs.Converter) -> Callable[[object, type], Any]:
    """An attrs class from a mapping only: cattrs would call ``.keys()`` on a list or iterate a number, and its
    AttributeError or TypeError would reach the caller as Python's words instead of what was expected."""
    inner: Callable[[Mapping[str, Any], Any], Any] = c.gen_structure_attrs_fromdict(t)

    def structure_object(value: object, cls: type) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object of {t.__name__} fields, got {shown(value)}")
        return inner(value, cls)

    return structure_object


def make_converter() -> cattrs.Converter:
    """A new strict converter (the library's own is :data:`CONVERTER`)."""
    # sets are written as sorted lists, so the same object always gives the same JSON
    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True,
                         unstruct_collection_overrides={AbstractSet: sorted})
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(bool, _structure_bool)
    c.register_structure_hook(Decimal, _structure_decimal)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_structure_hook(Decimal | int, _structure_int_or_decimal)
    c.register_structure_hook(int | Decimal, _structure_int_or_decimal)
    c.register_structure_hook(str | int, _structure_str_or_int)
    c.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum)
    c.register_structure_hook_factory(_is_optional, lambda t: _optional_factory(t, c))
    c.register_structure_hook_factory(_is_collection, lambda t: _collection_factory(t, c))
    c.register_structure_hook_factory(attrs.has, lambda t: _object_factory(t, c))
    c.register_unstructure_hook(Decimal, str)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    return c


CONVERTER = make_converter()


def problems_of(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten a cattrs validation error into problems, each with its ``$``-rooted path."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        out: list[Problem] = []
        for e, note in with_notes:
            out.extend(problems_of(e, f"{path}.{note.name}"))
        for e in without:
            out.extend(problems_of(e, path))
        return out
    if isinstance(exc, IterableValidationError):
        with_idx, without_idx = exc.group_exceptions()
        out = []
        for e, item in with_idx:
            out.extend(problems_of(e, f"{path}[{item.index}]"))
        for e in without_idx:
            out.extend(problems_of(e, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Problem(f"{path}.{k}", "unknown key") for k in sorted(exc.extra_fields)]
    if isinstance(exc, InputError):
        return [Problem(path + p.path[1:], p.message) for p in exc.problems]
    if isinstance(exc, KeyError):
        return [Problem(path, "required but missing")]
    if isinstance(exc, cattrs.BaseValidationError):
        return [Problem(path, str(e)) for e in exc.exceptions]
    message = str(exc) or type(exc).__name__
    return [Problem(path, message)]


def structure(data: Any, cls: type[T], what: str | None = None, converter: cattrs.Converter = CONVERTER) -> T:
    """Structure ``data`` into ``cls`` or raise :class:`InputError` listing every problem with its path."""
    try:
        return converter.structure(data, cls)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure is reported as a typed, pathed error
        raise InputError(what or str(getattr(cls, "__name__", cls)), problems_of(exc)) from None
