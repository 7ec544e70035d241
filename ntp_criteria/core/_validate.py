"""One validation layer for every value a caller hands the library, whatever the entry point.

A frozen value is checked against its own type hints when it is built (``check_fields``): a yes/no must be
``True`` or ``False`` (never ``"no"``, which Python would count as true), a count a whole number, an amount an
int or a finite Decimal within :data:`LIMIT` (never a float), a date a date, an enum member one of its members
or its documented string value (``"unemployed"``), a collection a list, tuple or set of such values (never a
string, which would become its letters, nor a mapping, whose values would be dropped). Every problem is
reported at once, each with its ``$``-rooted path, as one :class:`~ntp_criteria.InputError`. An unknown code is
reported with the known ones nearest to it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import reprlib
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Union, get_args, get_origin

import attrs

from .errors import InputError, Problem

__all__ = [
    "LIMIT",
    "NUMBER_TEXT",
    "check_day",
    "check_fields",
    "check_number",
    "check_text",
    "enum_converter",
    "enum_set_converter",
    "frozen_set",
    "frozen_tuple",
    "nearest",
    "number_from_text",
    "raise_problems",
    "repeated_at",
    "shown",
    "unknown_code",
]

#: no amount, count, rate or area a subject records comes near this: larger values are refused as input
#: errors (they are typos or attacks, and 10**5000 cannot even be printed)
LIMIT = 10**15
#: significant digits a Decimal may carry (the library computes with 40: see :mod:`ntp_criteria.core.exact`)
DIGITS = 34
#: a number written as text: digits 0-9, an optional sign, point and exponent. ``Decimal()`` also reads "1_000",
#: other scripts' digits ("١٢٣") and "Infinity": a typo or a foreign digit set would become a number silently
NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def number_from_text(text: str) -> Decimal | None:
    """The number ``text`` writes (spaces around it allowed) by :data:`NUMBER_TEXT`, exactly; None for any other
    text, for the caller to refuse with its own path and words."""
    text = text.strip()
    return Decimal(text) if NUMBER_TEXT.fullmatch(text) else None


def nearest(code: object, known: Iterable[str]) -> str:
    """``" (did you mean 'water'?)"`` for the known codes closest to ``code``, or ``""`` when none is close (or
    ``code`` is not text)."""
    if not isinstance(code, str):
        return ""
    close = difflib.get_close_matches(code, sorted(set(known)), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def unknown_code(path: str, code: object, known: Iterable[str], what: str = "code") -> Problem:
    """The problem for a code nobody knows, naming the nearest known ones."""
    return Problem(path, f"unknown {what} {shown(code)}{nearest(code, known)}")


def check_text(value: object, path: str, what: str = "text") -> list[Problem]:
    """The problem with a value that must be text (an argument: a code, a name, a label)."""
    if isinstance(value, str):
        return []
    return [Problem(path, f"expected {what}, got {shown(value)}")]


def check_day(value: object, path: str) -> list[Problem]:
    """The problem with a value that must be a date (a ``datetime.date``, never a datetime)."""
    return list(_check_date(value, path))


def check_number(value: object, path: str, *, whole: bool = False, minimum: int | None = None,
                 maximum: int | None = None) -> list[Problem]:
    """Problems with a number given as input: the right type (never bool or float), finite, not absurdly large
    or precise, and within ``minimum`` and ``maximum`` when given."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or (whole and not isinstance(value, int)):
        kind = "a whole number" if whole else "an int or a Decimal (never a float)"
        return [Problem(path, f"expected {kind}, got {shown(value)}")]
    if isinstance(value, Decimal):
        if not value.is_finite():
            return [Problem(path, f"expected a finite number, got {value}")]
        if value.adjusted() >= 15 or len(value.as_tuple().digits) > DIGITS:
            return [Problem(path, f"expected a number below {LIMIT:,} with at most {DIGITS} digits, got {value:.3e}")]
    elif not -LIMIT < value < LIMIT:
        return [Problem(path, f"expected a number below {LIMIT:,} in size, got one with {_int_digits(value)} digits")]
    if minimum is not None and value < minimum:
        return [Problem(path, f"expected a number ≥ {minimum}, got {value}")]
    if maximum is not None and value > maximum:
        return [Problem(path, f"expected a number ≤ {maximum}, got {value}")]
    return []


def _int_digits(value: int) -> int:
    return len(str(abs(value))) if abs(value) < 10**4000 else value.bit_length() * 3 // 10


def shown(value: object) -> str:
    """The value as a message shows it: short, never a string of thousands of characters, and never failing
    (``repr`` of an int of 4300+ digits raises, alone or inside a list, and so may a broken ``__repr__``)."""
    if isinstance(value, int) and not isinstance(value, bool) and not -LIMIT < value < LIMIT:
        return f"a whole number with {_int_digits(value)} digits"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any repr may fail; the message must still be written
        text = _SAFE_REPR.repr(value)
    return text if len(text) <= 80 else f"{text[:77]}…"


class _SafeRepr(reprlib.Repr):
    """``repr`` for what the builtin cannot print: ints too long for it are described, and an object whose own
    ``__repr__`` fails is named by its type (reprlib's own fallback)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxstring, self.maxother = 3, 80, 80

    def repr_int(self, x: int, level: int) -> str:
        return shown(x) if not -LIMIT < x < LIMIT else repr(x)


_SAFE_REPR = _SafeRepr()


def enum_converter(cls: type[enum.Enum]) -> Callable[[object], object]:
    """A converter taking a member of ``cls`` or its documented string value (``"unemployed"``) to the member;
    anything else is kept as given, for the field check to refuse with its path and the allowed values."""
    by_value = {m.value: m for m in cls}

    def to_member(value: object) -> object:
        if isinstance(value, str) and not isinstance(value, enum.Enum):
            return by_value.get(value, value)
        return value

    return to_member


def frozen_set(value: object) -> object:
    """A list, tuple or set as a frozenset; anything else (a lone string, a mapping) as given, for the field
    check to refuse: a string would become its letters and a mapping would lose its values."""
    if isinstance(value, list | tuple | set):
        try:
            found = frozenset(value)
        except TypeError:  # an element that cannot be in a set (a list, a dict): the field check names it
            return value
        # a list naming a value twice is kept as given: the field check names the repeat instead of dropping it
        return found if len(found) == len(value) else value
    return value


def enum_set_converter(cls: type[enum.Enum]) -> Callable[[object], object]:
    """:func:`frozen_set`, with each element given by its documented string value taken to the member."""
    member = enum_converter(cls)

    def to_members(value: object) -> object:
        if isinstance(value, list | tuple | set | frozenset):
            try:
                found = frozenset(member(v) for v in value)
            except TypeError:  # an element that cannot be in a set: the field check names it
                return value
            return found if len(found) == len(value) else value  # a repeat: named by the field check
        return value

    return to_members


def frozen_tuple(value: object) -> object:
    """A list or tuple as a tuple (so a frozen value holds nothing mutable); anything else as given, for the
    field check to refuse."""
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _enum_message(cls: type[enum.Enum], value: object) -> str:
    allowed = ", ".join(repr(m.value) for m in cls)
    return f"expected one of {allowed}, got {shown(value)}"


Check = Callable[[object, str], list[Problem]]
_NONE: list[Problem] = []


def check_value(value: object, hint: Any, path: str) -> list[Problem]:
    """Problems with ``value`` as a value of the type ``hint`` (the field types of the subjects and units)."""
    return checker(hint)(value, path)


_CHECKERS: dict[Any, Check] = {}


def checker(hint: Any) -> Check:
    """The check for values of the type ``hint``, built once per type (values are checked many times)."""
    found = _CHECKERS.get(hint)
    if found is None:
        found = _CHECKERS[hint] = _build(hint)
    return found


def _no_problem(value: object, path: str) -> list[Problem]:
    return _NONE


def _build(hint: Any) -> Check:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return _build_union(args)
    if hint is bool:
        return _check_bool
    if hint is int:
        return lambda v, p: check_number(v, p, whole=True)
    if hint is Decimal:
        return check_number
    if hint is str:
        return _check_str
    if hint is dt.date:
        return _check_date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda v, p: _NONE if isinstance(v, hint) else [Problem(p, _enum_message(hint, v))]
    if origin in (frozenset, tuple):
        item = checker(args[0]) if args else _no_problem
        return lambda v, p: _check_collection(v, origin, item, p)
    if isinstance(hint, type):
        return lambda v, p: _NONE if isinstance(v, hint) else [Problem(p, f"expected a {hint.__name__}, got "
                                                                          f"{shown(v)}")]
    return _no_problem


def _build_union(args: tuple[Any, ...]) -> Check:
    rest = [a for a in args if a is not type(None)]
    nullable = len(rest) < len(args)
    inner: Check
    if set(rest) <= {int, Decimal}:
        whole = rest == [int]

        def inner(v: object, p: str) -> list[Problem]:
            return check_number(v, p, whole=whole)
    elif len(rest) == 1:
        inner = checker(rest[0])
    else:
        alternatives = [checker(a) for a in rest]

        def inner(v: object, p: str) -> list[Problem]:
            found = [c(v, p) for c in alternatives]
            return _NONE if any(not f for f in found) else found[0]

    if not nullable:
        return inner
    return lambda v, p: _NONE if v is None else inner(v, p)


def _check_str(value: object, path: str) -> list[Problem]:
    if not isinstance(value, str):
        return [Problem(path, f"expected text, got {shown(value)}")]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") from JSON: no file, CSV or reply could carry it
        return [Problem(path, f"expected text, got {shown(value)}, which is not valid Unicode")]
    return _NONE


def _check_bool(value: object, path: str) -> list[Problem]:
    if value is True or value is False:
        return _NONE
    return [Problem(path, f"expected true or false, got {shown(value)}")]


def _check_date(value: object, path: str) -> list[Problem]:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _NONE
    return [Problem(path, f"expected a date (datetime.date, no time of day), got {shown(value)}")]


def repeated_at(values: Sequence[object]) -> list[int]:
    """Where a list gives a value it gave before (where a set is expected: which counts, and was the second meant
    to be another?); none when an element cannot be in a set, which the caller names as such."""
    seen: set[object] = set()
    at = []
    for i, element in enumerate(values):
        try:
            if element in seen:
                at.append(i)
            seen.add(element)
        except TypeError:
            return []
    return at


def _check_collection(value: object, origin: type, item: Check, path: str) -> list[Problem]:
    kind = "set" if origin is frozenset else "list"
    if origin is frozenset and isinstance(value, list | tuple):
        repeats = repeated_at(value)
        if repeats:
            return [Problem(f"{path}[{i}]", f"{shown(value[i])} listed twice") for i in repeats]
    if origin is frozenset and isinstance(value, list | tuple | set):
        # what the converter could not make a set of: an element that cannot be in one
        found = [p for i, element in enumerate(value) for p in item(element, f"{path}[{i}]")]
        return found or [Problem(path, f"expected a set of values, got {shown(value)} (an element cannot be in "
                                       "a set)")]
    if not isinstance(value, origin):
        if isinstance(value, str | bytes):
            return [Problem(path, f"expected a {kind} of values, got the text {shown(value)}")]
        if isinstance(value, Mapping):
            return [Problem(path, f"expected a {kind} of values, got a mapping {shown(value)} (its values would "
                                  "be dropped)")]
        return [Problem(path, f"expected a {kind}, got {shown(value)}")]
    if not value:
        return _NONE
    problems: list[Problem] = []
    if isinstance(value, frozenset):
        for element in sorted(value, key=shown):
            problems += item(element, f"{path}[{shown(element)}]")
    else:
        for i, element in enumerate(value):  # type: ignore[arg-type]
            problems += item(element, f"{path}[{i}]")
    return problems


_FIELDS: dict[type, tuple[tuple[str, str, Check, object], ...]] = {}
_NO_DEFAULT = object()


def _fields(cls: type) -> tuple[tuple[str, str, Check, object], ...]:
    """(name, path, check, default) for each attrs field of ``cls`` (class variables apart), built once per
    class; the default is the value the class itself gives (valid by construction), or a marker."""
    found = _FIELDS.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    found = _FIELDS[cls] = tuple(
        (f.name, f"$.{f.name}", checker(hints[f.name]),
         f.default if f.default is not attrs.NOTHING and not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
         else _NO_DEFAULT)
        for f in attrs.fields(cls) if get_origin(hints[f.name]) is not ClassVar)
    return found


def check_fields(instance: object, *, skip: Iterable[str] = ()) -> list[Problem]:
    """Problems with every field of an attrs ``instance`` against its declared type, each with its path."""
    problems: list[Problem] = []
    for name, path, check, default in _fields(type(instance)):
        value = getattr(instance, name)
        if value is default or name in skip:  # the class's own default (None, (), a shared empty value)
            continue
        found = check(value, path)
        if found:
            problems += found
    return problems


def raise_problems(problems: list[Problem], what: str) -> None:
    """Raise one :class:`~ntp_criteria.InputError` listing ``problems``, if there are any."""
    if problems:
        raise InputError(what, problems)
