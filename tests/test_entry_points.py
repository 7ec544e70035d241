"""Every public entry point, driven with values of the wrong kind (issue #13, "Trust at the boundary").

Each test puts hypothesis values into one argument (or field) of an otherwise valid call: a mix of wrong types
(``st.from_type(object)``, None, bools, floats with NaN and infinities, ``Decimal('NaN')``, ``Decimal('1E+1000000')``,
``10**5000``, bytes, lists, dicts, sets, datetimes, the library's own objects in the wrong place), NFD-normalised text
and look-alikes of the right codes (a Cyrillic ``а``, a trailing space, one letter changed), and right values. The
contract:

* the call succeeds or raises the library's :class:`~ntp_criteria.CriteriaError`; nothing else escapes (a ``TypeError``
  from Python for a wrong *number* of arguments is a programming error, not input, and is not tried here);
* a value of the wrong kind is refused, never used: each argument has a ``valid`` test (what the documentation
  promises to take), and a call that succeeds with a value failing it is a failure;
* what a call does accept is what it uses: the field holds the value given (or its documented conversion), an input
  a ruleset does not read is reported in ``Assessment.unused``, a fast path agrees with the engine.

A bug found here is a test marked ``xfail(strict=True)`` with its reproducers (run before the property, so the mark
holds deterministically): remove the mark when the bug is fixed. One bug cuts across every entry point (repr() of an
int of 4300+ digits in a problem message): it has its own test and the :data:`REPR_LIMIT_BUG` switch. Keep the whole
file under about a minute in CI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import io
import ipaddress
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import ntp_criteria as ntp
from ntp_criteria.catalogue import whatif
from ntp_criteria.catalogue.overlays import apply_overlay
from ntp_criteria.io import batch
from ntp_criteria.io import json as nj
from ntp_criteria.io.batch import KINDS, parse_subjects
from ntp_criteria.io.cli import main

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
from ntp_criteria.families.poverty.columnar import CODES, UNDECIDED, classify_arrays, count_deprivations  # noqa: E402
from ntp_criteria.io.frames import assess_frame, classify_frame  # noqa: E402

ON = dt.date(2024, 11, 15)
CATALOGUE = ntp.default_catalogue()
RS = ntp.ruleset("poverty.household", ON)
HH = ntp.Household(area=ntp.Area.RURAL, reference_date=ON, monthly_income_per_capita=1_000_000, deprivation_count=4,
                   id="h1")
HH2 = ntp.Household(area=ntp.Area.URBAN, reference_date=ON, monthly_income_per_capita=2_500_000, deprivation_count=0)
COMMUNE = ntp.Commune(name="Xã A", reference_date=ON, region=ntp.Region.TN, facts={"poverty_rate": 12})
DISTRICT = ntp.District(name="Huyện A", reference_date=ON, region=ntp.Region.TN)
PROVINCE = ntp.Province(name="Tỉnh A", reference_date=ON, region=ntp.Region.TN)
COMMUNE_NTM = ntp.assess(COMMUNE, ntp.ruleset("ntm.commune", ON))
SUBJECTS = (ntp.Household, ntp.Commune, ntp.Village, ntp.District, ntp.Province)

FAMILIES = sorted(CATALOGUE.families() | CATALOGUE.unencoded_families())
FACT_NAMES = sorted(CATALOGUE.facts_read_anywhere())
HOUSEHOLD_CODES = sorted(CATALOGUE.codes_of_subject("household"))
UNIT_CODES = sorted(CATALOGUE.codes_of_family("ethnic.commune") | CATALOGUE.codes_of_family("ntm.commune"))
#: every flag some rule reads: the scope exceptions of the rules data, and the district kinds district_level reads
FLAGS = sorted({f for rs in CATALOGUE.rulesets for rule in rs.scope_rules for f in rule.when_any_flag}
               | {"town", "no_communes"})
PROVINCES = ["Lạng Sơn", "Cần Thơ", "TP. Hồ Chí Minh", "Đắk Lắk", "Thành phố Hà Nội"]
INSTRUMENT_KEYS = sorted({k for i in CATALOGUE.instruments for k in (i.id, i.number)})
PROGRAMME_IDS = sorted(p.id for p in CATALOGUE.programmes)
UNIT_KEYS = sorted({link.unit for link in CATALOGUE.links})
#: every programme unit's key: links_from() of a unit that moves nothing encoded is () (a known key, not a typo)
PROGRAMME_UNIT_KEYS = sorted({u.key for p in CATALOGUE.programmes for u in p.units()})

# --- the values -----------------------------------------------------------------------------------------------------

_HOMOGLYPHS = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "y": "у"})
_MUTATIONS: list[Callable[[str], str]] = [
    lambda w: w.translate(_HOMOGLYPHS), lambda w: w + " ", lambda w: " " + w, str.upper, str.title,
    lambda w: unicodedata.normalize("NFD", w), lambda w: w + "\u200b", lambda w: "\ufeff" + w,
    lambda w: w.replace("_", "-").replace(".", ","), lambda w: w[:-1],
    lambda w: w[:-1] + chr(ord(w[-1]) + 1) if w else "x",
]


def lookalikes(words: Iterable[str]) -> st.SearchStrategy[str]:
    """``words`` as a person or a spreadsheet might mistype them (and, where a mutation changes nothing, themselves)."""
    return st.builds(lambda w, m: m(w), st.sampled_from(sorted(words)), st.sampled_from(_MUTATIONS))


def pick(items: Sequence[Any]) -> st.SearchStrategy[Any]:
    """One of ``items``, by index: hypothesis shows the strategy without the repr of each (large) object."""
    chosen = list(items)

    def item(i: int) -> Any:
        return chosen[i]

    return st.integers(0, len(chosen) - 1).map(item)


ODD_NUMBERS = st.sampled_from([
    Decimal("NaN"), Decimal("-NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+1000000"),
    Decimal("-1E+1000000"), Decimal("1E-1000000"), float("nan"), float("inf"), float("-inf"), 10**15, 2**63, -1, 0.0,
    -0.0, 1e308, Fraction(1, 3), complex(1, 1),
]) | st.sampled_from([5000, -5000]).map(lambda e: 10**abs(e) * (1 if e > 0 else -1))  # an int repr() cannot print
NUMBERS = st.one_of(ODD_NUMBERS, st.integers(), st.floats(), st.decimals(), st.fractions())
SCALARS = st.one_of(
    st.none(), st.booleans(), st.binary(max_size=6), st.text(max_size=8), st.datetimes(), st.dates(), st.times(),
    st.timedeltas(), st.builds(object), st.just(...), st.sampled_from(["", " ", "true", "false", "no", "1", "null"]),
)
CONTAINERS = st.recursive(
    SCALARS | ODD_NUMBERS,
    lambda inner: (st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
                   | st.frozensets(st.integers() | st.text(max_size=3), max_size=3) | st.tuples(inner, inner)
                   | st.sets(st.integers(), max_size=2)),
    max_leaves=6,
)
LIBRARY_VALUES = pick([
    ntp.Area.RURAL, ntp.Region.TN, ntp.Status.VERIFIED, ntp.Comparator.LE, ntp.HouseholdClass.POOR,
    ntp.CommuneLevel.NTM, ntp.Device.PHONE, RS, CATALOGUE, HH, COMMUNE, DISTRICT, COMMUNE_NTM, ntp.Member(age=30),
    ntp.Dwelling(), ntp.Facts.of({"poverty_rate": 1}), ntp.Provenance("x", ntp.Status.VERIFIED),
])


def _not_huge(value: object) -> bool:
    """Leave out what holds millions of items or more (``from_type(object)`` makes a ``range(0, 149098711)`` or an
    ``IPv6Network('fc00::/7')`` of 2**121 addresses): the columnar path iterates or materialises whatever it is given
    before checking it, so such a value costs gigabytes, or never ends, before it is refused (reported, not tested)."""
    if isinstance(value, ipaddress.IPv4Network | ipaddress.IPv6Network):
        return False
    try:
        return len(value) <= 10_000  # type: ignore[arg-type]
    except (TypeError, OverflowError):  # no length, or one too large for an int
        return not isinstance(value, range)


#: values of any kind: what the issue calls ``st.from_type(object)``-style mixes
WRONG = st.one_of(ODD_NUMBERS, NUMBERS, SCALARS, CONTAINERS, LIBRARY_VALUES, st.from_type(object).filter(_not_huge))


def shown(value: object) -> str:
    """``value`` for a failure message: short, and never failing itself (``repr(10**5000)`` raises)."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any repr may fail
        text = f"<{type(value).__name__} that cannot be shown>"
    return text if len(text) <= 160 else text[:157] + "…"


# --- what each argument takes (the documented contract) --------------------------------------------------------------

def is_bool(v: object) -> bool:
    return v is True or v is False


def is_whole(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_amount(v: object) -> bool:
    """An int or a finite Decimal (never a bool or a float)."""
    return is_whole(v) or (isinstance(v, Decimal) and v.is_finite())


def is_text(v: object) -> bool:
    return isinstance(v, str)


def is_day(v: object) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def optional(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or test(v)


def member_of(cls: type[enum.Enum]) -> Callable[[Any], bool]:
    values = {m.value for m in cls}
    return lambda v: isinstance(v, cls) or (isinstance(v, str) and not isinstance(v, enum.Enum) and v in values)


def collection_of(test: Callable[[Any], bool], kinds: tuple[type, ...] = (list, tuple, set, frozenset)
                  ) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, kinds) and all(test(x) for x in v)


def iterable_of(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """Any iterable (a one-shot iterator included) of such values, text and mappings apart."""
    return lambda v: (isinstance(v, Iterable) and not isinstance(v, str | bytes | bytearray | Mapping)
                      and all(test(x) for x in v))


def is_facts(v: object) -> bool:
    return isinstance(v, ntp.Facts) or (isinstance(v, Mapping) and all(
        isinstance(k, str) and bool(k.strip()) and (is_bool(x) or is_amount(x)) for k, x in v.items()))


def instance(*classes: type) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, classes)


def one_of(*values: object) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and v in values


def to_member(cls: type[enum.Enum]) -> Callable[[Any], Any]:
    return lambda v: cls(v) if isinstance(v, str) else v


@dataclass
class Arg:
    """One argument of an entry point: the values it takes, right ones to try, words whose look-alikes to try, and
    what the callee holds after taking a value (``convert``), when the result is an object with that field."""

    valid: Callable[[Any], bool]
    good: st.SearchStrategy[Any] = field(default_factory=st.nothing)
    words: Sequence[str] = ()
    convert: Callable[[Any], Any] | None = None
    #: keep the value out of the call when this says so (a value the harness cannot pass, e.g. an unhashable key)
    skip: Callable[[Any], bool] = lambda v: False

    def values(self) -> st.SearchStrategy[Any]:
        parts = [WRONG, self.good]
        if self.words:
            parts += [lookalikes(self.words), st.sampled_from(list(self.words))]
        return st.one_of(*parts)


@dataclass
class Case:
    """A public entry point: ``call(**arguments)`` with ``base()`` valid arguments, one of which is replaced."""

    name: str
    call: Callable[..., Any]
    base: Callable[[], dict[str, Any]]
    args: dict[str, Arg]
    examples: int = 30
    #: checks on a result obtained with ``value`` in ``arg`` (what was accepted is what is used)
    after: Callable[[str, Any, Any], None] | None = None
    #: bugs: arg -> (what escapes and where, reproducers)
    known: dict[str, tuple[str, list[Any]]] = field(default_factory=dict)
    #: the result is an object holding each argument under its name (a constructor): check what it holds
    holds: bool = False


#: A known bug, across entry points: the library puts repr() of the value it refuses in its problem message, and repr()
#: of an int of more than 4300 digits (alone, or inside a list, a dict or a set) raises ValueError, which escapes.
#: While True, the properties let that one error through and test_a_value_whose_repr_fails_is_refused_with_a_library_
#: error below is expected to fail; set it to False when the bug is fixed.
REPR_LIMIT_BUG = False


def _is_repr_limit(exc: BaseException) -> bool:
    return isinstance(exc, ValueError) and "Exceeds the limit (4300 digits)" in str(exc)


def check(case: Case, arg: str, value: Any) -> None:
    spec = case.args[arg]
    if spec.skip(value):
        return
    kwargs = {**case.base(), arg: value}
    try:
        result = case.call(**kwargs)
    except ntp.CriteriaError as exc:
        assert str(exc)  # the message itself can be written
        return
    except Exception as exc:
        if REPR_LIMIT_BUG and _is_repr_limit(exc):
            return
        raise AssertionError(f"{case.name}({arg}={shown(value)}) let {type(exc).__name__} escape: "
                             f"{shown(str(exc))}") from exc
    assert spec.valid(value), (f"{case.name}({arg}={shown(value)}) accepted a value of the wrong kind "
                               f"and returned {shown(result)}")
    if case.holds and spec.convert is not None:
        held, expected = getattr(result, arg), spec.convert(value)
        assert held == expected and type(held) is type(expected), (
            f"{case.name}({arg}={shown(value)}) holds {shown(held)}, not {shown(expected)}")
    if case.after is not None:
        case.after(arg, value, result)


# --- what an accepted input must lead to ---------------------------------------------------------------------------

def assess_and_check_unused(subject: Any, ruleset: ntp.Ruleset | None = None) -> ntp.Assessment | None:
    """Assess ``subject``; every input the ruleset does not read is in ``unused`` (never dropped silently)."""
    try:
        a = ntp.assess(subject, ruleset)
    except ntp.CriteriaError:
        return None
    unused = {p.path for p in a.unused}
    reads = CATALOGUE.codes_read(a.ruleset)
    if isinstance(subject, ntp.Household):
        for name in ("deprived", "not_deprived"):
            for code in getattr(subject, name):
                assert code in reads or f"$.{name}[{code!r}]" in unused, (
                    f"{name} code {code!r} neither read by {a.ruleset.family} nor reported unused")
        assert subject.deprivation_count is None or "deprivation" in reads or "$.deprivation_count" in unused
    else:
        facts = CATALOGUE.facts_read(a.ruleset)
        for name in subject.facts.names():
            assert name in facts or f"$.facts[{name!r}]" in unused, (
                f"fact {name!r} neither read by {a.ruleset.family} nor reported unused")
        for name in subject.observations.names():
            family, sep, code = name.rpartition(":")
            used = (family == a.ruleset.family and code in reads) if sep else (
                subject.default_family == a.ruleset.family and name in reads)
            assert used or f"$.observations[{name!r}]" in unused, (
                f"observation {name!r} neither read by {a.ruleset.family} nor reported unused")
        for flag in subject.flags:
            assert flag in FLAGS or f"$.flags[{flag!r}]" in unused, (
                f"flag {flag!r} is read by no rule and was neither refused nor reported unused")
    for lang in ("en", "vi"):
        assert a.explain(lang)
    return a


def subject_after(arg: str, value: Any, subject: Any) -> None:
    assess_and_check_unused(subject)


# --- the entry points ------------------------------------------------------------------------------------------------

_YES_NO = st.sampled_from([True, False, None])
_BOOL_ARG = Arg(optional(is_bool), _YES_NO, ("true", "false"), convert=lambda v: v)


def _enum_arg(cls: type[enum.Enum], *, nullable: bool = True) -> Arg:
    test = member_of(cls)
    return Arg(optional(test) if nullable else test, st.sampled_from([*cls, *(m.value for m in cls)]),
               [m.value for m in cls], convert=to_member(cls))


def _codes_arg(words: Sequence[str]) -> Arg:
    return Arg(collection_of(is_text), st.lists(st.sampled_from(list(words)) | lookalikes(words), max_size=3),
               words, convert=frozenset)


def _facts_arg(words: Sequence[str]) -> Arg:
    values = st.one_of(st.booleans(), st.integers(-5, 200), st.decimals(allow_nan=False, allow_infinity=False,
                                                                        places=2), ODD_NUMBERS)
    return Arg(is_facts, st.dictionaries(st.sampled_from(list(words)) | lookalikes(words) | st.text(max_size=4),
                                         values, max_size=3),
               convert=lambda v: v if isinstance(v, ntp.Facts) else ntp.Facts.of(v))


def _same(v: Any) -> Any:
    return v


_MEMBER_ARGS = {
    "age": Arg(is_whole, st.integers(-5, 140), convert=_same),
    **{name: _BOOL_ARG for name in ("health_insured", "in_school", "dependant", "malnourished",
                                    "ill_without_treatment", "uses_internet", "uses_phone")},
    "education": _enum_arg(ntp.EducationLevel), "employment": _enum_arg(ntp.Employment),
}
_AREA = st.one_of(st.integers(-5, 10**6), st.decimals(allow_nan=False, allow_infinity=False, places=3))
_DWELLING_ARGS = {
    "floor_area_m2": Arg(optional(is_amount), _AREA, convert=_same),
    "durable_walls": _BOOL_ARG, "durable_frame": _BOOL_ARG, "durable_roof": _BOOL_ARG,
    "water_source": _enum_arg(ntp.WaterSource), "latrine": _enum_arg(ntp.LatrineType),
    "waste": _enum_arg(ntp.WasteHandling),
}
_HOUSEHOLD_ARGS = {
    "area": _enum_arg(ntp.Area, nullable=False),
    "reference_date": Arg(is_day, st.dates(dt.date(2015, 1, 1), dt.date(2032, 1, 1)), convert=_same),
    "monthly_income_per_capita": Arg(optional(is_amount), st.integers(-5, 10**7) | st.decimals(
        allow_nan=False, allow_infinity=False), convert=_same),
    "members": Arg(collection_of(instance(ntp.Member), (list, tuple)), st.lists(st.from_type(ntp.Member), max_size=3),
                   convert=tuple),
    "dwelling": Arg(instance(ntp.Dwelling), st.from_type(ntp.Dwelling), convert=_same),
    "devices": Arg(optional(collection_of(member_of(ntp.Device))),
                   st.lists(st.sampled_from([*ntp.Device, *(d.value for d in ntp.Device)]), max_size=3),
                   [d.value for d in ntp.Device],
                   convert=lambda v: None if v is None else frozenset(to_member(ntp.Device)(x) for x in v)),
    "hears_loudspeaker": _BOOL_ARG,
    "deprived": _codes_arg(HOUSEHOLD_CODES), "not_deprived": _codes_arg(HOUSEHOLD_CODES),
    "deprivation_count": Arg(optional(is_whole), st.integers(-2, 20), convert=_same),
    "id": Arg(optional(is_text), st.text(max_size=4), convert=_same),
}
_UNIT_ARGS = {
    "name": Arg(is_text, st.text(max_size=6), PROVINCES, convert=_same),
    "reference_date": Arg(is_day, st.dates(dt.date(2015, 1, 1), dt.date(2032, 1, 1)), convert=_same),
    "code": Arg(optional(is_text), st.text(max_size=5), convert=_same),
    "province": Arg(optional(is_text), st.sampled_from(PROVINCES) | st.text(max_size=5), PROVINCES, convert=_same),
    "region": _enum_arg(ntp.Region),
    "flags": _codes_arg(FLAGS),
    "facts": _facts_arg(FACT_NAMES),
    "observations": _facts_arg([*UNIT_CODES[:20], *(f"ethnic.commune:{c}" for c in UNIT_CODES[:5])]),
    "valid_from": Arg(optional(is_day), st.dates(dt.date(2015, 1, 1), dt.date(2032, 1, 1)), convert=_same),
    "valid_to": Arg(optional(is_day), st.dates(dt.date(2015, 1, 1), dt.date(2032, 1, 1)), convert=_same),
}

_UNHASHABLE_CODES = [["water"]], [{"water": True}], [{"a"}], [Decimal("sNaN")]
_FLAG_TYPO = (["particularly_dificult"], ["particularly_difficult "], ["atk_poor_distrіct"])
_DATE_COMPARED = ("District.__attrs_post_init__ compares reference_date with 2025-07-01 before checking its type: "
                  "TypeError")
_UNHASHABLE = "a set converter (core/_validate.py frozen_set / enum_set_converter) builds a frozenset first: TypeError"
_UNKNOWN_FLAG = ("a flag no rule reads (a typo of 'particularly_difficult') is neither refused nor reported in "
                 "Assessment.unused, even with strict_inputs=True (catalogue/_assess.py checks no flags)")

CONSTRUCTORS = [
    Case("Member", ntp.Member, lambda: {"age": 30}, _MEMBER_ARGS, examples=40, holds=True),
    Case("Dwelling", ntp.Dwelling, dict, _DWELLING_ARGS, examples=40, holds=True),
    Case("Household", ntp.Household, lambda: {"area": "rural", "reference_date": ON, "monthly_income_per_capita": 1},
         _HOUSEHOLD_ARGS, examples=30, after=subject_after, holds=True),
    *(Case(cls.__name__, cls, lambda: {"name": "A", "reference_date": ON}, _UNIT_ARGS, examples=20,
           after=subject_after, holds=True)
      for cls in (ntp.Commune, ntp.Village, ntp.District, ntp.Province)),
    Case("Facts.of", ntp.Facts.of, lambda: {"mapping": {"poverty_rate": 1}},
         {"mapping": _facts_arg(FACT_NAMES)}, examples=60),
    Case("Facts", ntp.Facts, lambda: {"items": (("poverty_rate", 1),)},
         {"items": Arg(lambda v: isinstance(v, list | tuple) and all(
             isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) and p[0].strip()
             and (is_bool(p[1]) or is_amount(p[1])) for p in v) and len({p[0] for p in v}) == len(v),
             st.lists(st.tuples(st.sampled_from(FACT_NAMES[:5]), st.integers(0, 5)), max_size=3))}),
    Case("Provenance", ntp.Provenance, lambda: {"cite": "Điều 1", "status": ntp.Status.VERIFIED}, {
        "cite": Arg(lambda v: isinstance(v, str) and bool(v.strip()), st.text(max_size=5)),
        "status": Arg(instance(ntp.Status), st.sampled_from(list(ntp.Status)), [s.value for s in ntp.Status]),
        "url": Arg(optional(is_text), st.text(max_size=5)),
        "note": Arg(optional(is_text), st.text(max_size=5)),
    }, examples=40),
]


def _assessment_after(arg: str, value: Any, a: ntp.Assessment) -> None:
    if arg == "ruleset":
        assert value is None or a.ruleset is value
    if arg == "subject":
        assess_and_check_unused(value, None)


_RULESETS = pick([RS, ntp.ruleset("poverty.household", dt.date(2020, 1, 1)),
                             ntp.ruleset("ethnic.commune", ON), ntp.ruleset("ntm.commune", ON)])
_SUBJECT = st.one_of(st.from_type(ntp.Household), st.from_type(ntp.Commune), st.from_type(ntp.Village))
_STRICT = Arg(lambda v: is_bool(v) or isinstance(v, ntp.Status), st.sampled_from([True, False, *ntp.Status]),
              ["verified", "secondary", "true"])

ASSESS = [
    Case("assess", ntp.assess, lambda: {"subject": HH}, {
        "subject": Arg(instance(*SUBJECTS), _SUBJECT),
        "ruleset": Arg(optional(instance(ntp.Ruleset)), _RULESETS),
        "strict": _STRICT,
        "strict_inputs": Arg(is_bool, st.booleans()),
        "catalogue": Arg(optional(instance(ntp.Catalogue)), pick([CATALOGUE])),
    }, examples=40, after=_assessment_after),
    Case("Assessment.explain", lambda lang: ntp.assess(HH).explain(lang), lambda: {"lang": "en"},
         {"lang": Arg(one_of("vi", "en"), st.sampled_from(["vi", "en"]), ["vi", "en"])}),
]


def _lookup_after(arg: str, value: Any, result: Any) -> None:
    if isinstance(result, ntp.Ruleset):
        assert arg != "family" or result.family == value
        assert arg != "on" or result.in_force(value)
    if isinstance(result, ntp.LegalInstrument):
        assert value in (result.id, result.number)


def _rulesets_after(arg: str, value: Any, result: Any) -> None:
    for rs in result:
        assert arg != "family" or value is None or rs.family == value
        assert arg != "on" or value is None or rs.in_force(value)


LOOKUPS = [
    Case("ruleset", ntp.ruleset, lambda: {"family": "poverty.household", "on": ON}, {
        "family": Arg(is_text, st.sampled_from(FAMILIES), FAMILIES),
        "on": Arg(is_day, st.dates()),
    }, after=_lookup_after),
    Case("rulesets", ntp.rulesets, dict, {
        "family": Arg(optional(is_text), st.sampled_from(FAMILIES), FAMILIES),
        "on": Arg(optional(is_day), st.dates()),
    }, after=_rulesets_after),
    Case("instrument", ntp.instrument, lambda: {"key": "nd-07-2021"},
         {"key": Arg(is_text, st.sampled_from(INSTRUMENT_KEYS), INSTRUMENT_KEYS)}, after=_lookup_after),
    Case("region_of_province", ntp.region_of_province, lambda: {"province": "Lạng Sơn", "on": ON}, {
        "province": Arg(is_text, st.sampled_from(PROVINCES), PROVINCES),
        "on": Arg(is_day, st.dates()),
    }, after=lambda arg, value, result: None if result is None or isinstance(result, ntp.Region) else pytest.fail(
        f"region_of_province gave {result!r}")),
    Case("programme", ntp.programme, lambda: {"programme_id": "gnbv-2021"},
         {"programme_id": Arg(is_text, st.sampled_from(PROGRAMME_IDS), PROGRAMME_IDS)},
         after=lambda arg, value, result: None if result.id == value else pytest.fail(f"programme({value!r})")),
    Case("programmes", ntp.programmes, dict, {"on": Arg(optional(is_day), st.dates())}),
    Case("find_units", ntp.find_units, lambda: {"query": "6"}, {
        "query": Arg(is_text, st.sampled_from(["6", "P10.2", "giam ngheo ve thong tin", "information"])),
        "programme_id": Arg(lambda v: v is None or (isinstance(v, str) and v in PROGRAMME_IDS),
                            st.sampled_from(PROGRAMME_IDS), PROGRAMME_IDS),
    }),
    Case("links_to", ntp.links_to, lambda: {"family": "ntm.commune", "code": "1"}, {
        "family": Arg(lambda v: isinstance(v, str) and v in FAMILIES, st.sampled_from(FAMILIES), FAMILIES),
        "code": Arg(is_text, st.sampled_from(UNIT_CODES), UNIT_CODES),
    }),
    Case("links_from", ntp.links_from, lambda: {"unit_key": UNIT_KEYS[0]},
         {"unit_key": Arg(lambda v: isinstance(v, str) and v in PROGRAMME_UNIT_KEYS, st.sampled_from(UNIT_KEYS),
                          UNIT_KEYS)}),
]


def _classified_after(arg: str, value: Any, result: Any) -> None:
    assert isinstance(result, ntp.HouseholdClass)


def _fast_after(arg: str, value: Any, result: Any) -> None:
    """The fast classifier agrees with the engine on what it accepts (and accepts nothing the engine refuses)."""
    kwargs = {"area": "rural", "monthly_income_per_capita": 1_000_000, "deprivation_count": 4, arg: value}
    try:
        expected = ntp.poverty.classify(area=kwargs["area"], monthly_income_per_capita=kwargs[
            "monthly_income_per_capita"], deprivations=kwargs["deprivation_count"], on=ON)
    except ntp.UndecidedError:
        expected = None
    assert result == expected


FAST = ntp.poverty.classifier(on=ON)
POVERTY = [
    Case("poverty.classify", ntp.poverty.classify, lambda: {
        "area": "rural", "monthly_income_per_capita": 1_000_000, "deprivations": 4, "on": ON}, {
        "area": _enum_arg(ntp.Area, nullable=False),
        "monthly_income_per_capita": Arg(is_amount, st.integers(-5, 10**7)),
        "deprivations": Arg(lambda v: is_whole(v) or collection_of(is_text)(v),
                            st.integers(-1, 20) | st.lists(st.sampled_from(HOUSEHOLD_CODES), max_size=4),
                            HOUSEHOLD_CODES),
        "on": Arg(is_day, st.dates(dt.date(2015, 1, 1), dt.date(2032, 1, 1))),
        "strict": _STRICT,
    }, examples=30, after=_classified_after),
    Case("poverty.classifier", ntp.poverty.classifier, lambda: {"on": ON}, {
        "ruleset": Arg(optional(instance(ntp.Ruleset)), pick([RS, ntp.ruleset("ethnic.commune", ON)])),
        "on": Arg(is_day, st.dates(dt.date(2015, 1, 1), dt.date(2032, 1, 1)), skip=lambda v: v is None),
        "strict": Arg(is_bool, st.booleans()),
    }),
    Case("Classifier.__call__", FAST, lambda: {"area": "rural", "monthly_income_per_capita": 1_000_000,
                                               "deprivation_count": 4}, {
        "area": _enum_arg(ntp.Area, nullable=False),
        "monthly_income_per_capita": Arg(is_amount, st.integers(-5, 10**7)),
        "deprivation_count": Arg(is_whole, st.integers(-2, 20)),
    }, examples=60, after=_fast_after),
]


def _rates_after(arg: str, value: Any, rates: Any) -> None:
    if arg == "weights" and value is not None:
        assert rates.households == sum(value)


def _is_weights(v: object) -> bool:
    return v is None or (isinstance(v, list | tuple) and len(v) == 2 and all(is_amount(w) and w >= 0 for w in v))


_SHARES_UNIT = Arg(instance(ntp.District, ntp.Province), pick([DISTRICT, PROVINCE]))
AGGREGATES = [
    Case("poverty_rates", ntp.poverty_rates, lambda: {"items": [HH, HH2]}, {
        "items": Arg(iterable_of(instance(ntp.Household, ntp.Assessment)),
                     st.lists(st.from_type(ntp.Household), max_size=3)
                     | st.lists(st.one_of(pick([HH, HH2, COMMUNE_NTM]), WRONG), max_size=3)),
        "weights": Arg(_is_weights, st.lists(st.integers(0, 5) | st.decimals(0, 5, places=1) | WRONG,
                                             min_size=2, max_size=2)),
    }, examples=30, after=_rates_after),
    Case("commune_level", ntp.commune_level, lambda: {"commune": COMMUNE}, {
        "commune": Arg(instance(ntp.Commune), st.from_type(ntp.Commune)),
        "strict": _STRICT,
    }, examples=30),
    Case("district_level", ntp.district_level, lambda: {"district": DISTRICT}, {
        "district": Arg(instance(ntp.District), st.builds(
            ntp.District, name=st.just("D"), reference_date=st.dates(dt.date(2022, 3, 8), dt.date(2025, 6, 30)),
            region=st.sampled_from(list(ntp.Region)), flags=st.lists(st.sampled_from(FLAGS), max_size=2))),
        "strict": _STRICT,
    }, examples=30),
    Case("with_commune_shares", ntp.with_commune_shares, lambda: {
        "unit": DISTRICT, "communes": [ntp.CommuneLevel.NTM]}, {
        "unit": _SHARES_UNIT,
        "communes": Arg(lambda v: isinstance(v, list | tuple) and bool(v) and all(
            isinstance(x, ntp.CommuneLevel | ntp.LevelReport)
            or (isinstance(x, ntp.Assessment) and x.ruleset.family.startswith("ntm.commune")) for x in v),
            st.lists(pick([*ntp.CommuneLevel, COMMUNE_NTM]), max_size=3)),
    }),
    Case("with_district_shares", ntp.with_district_shares, lambda: {
        "province": PROVINCE, "districts": [ntp.DistrictLevel.NTM]}, {
        "province": Arg(instance(ntp.Province), pick([PROVINCE])),
        "districts": Arg(lambda v: isinstance(v, list | tuple) and bool(v) and all(
            isinstance(x, ntp.DistrictLevel | ntp.DistrictLevelReport) for x in v),
            st.lists(st.sampled_from(list(ntp.DistrictLevel)), max_size=3)),
    }),
]


def _scenario_ok(v: object) -> bool:
    if is_whole(v):
        return True
    if isinstance(v, Decimal):
        return v.is_finite()
    if isinstance(v, str):
        try:
            return Decimal(v).is_finite()
        except ArithmeticError:
            return False
    return False


def _whatif_after(arg: str, value: Any, rs: ntp.Ruleset) -> None:
    """A scenario ruleset assesses households like any other: nothing but the library's errors."""
    assert isinstance(rs, ntp.Ruleset)
    for hh in (HH, HH2):
        with contextlib.suppress(ntp.CriteriaError):
            ntp.assess(hh, rs)


_SCENARIO_VALUE = Arg(_scenario_ok, st.integers(0, 5_000_000) | st.decimals(0, 10**7, places=0).map(str))
_NUMERIC_PARAMETERS = [(i.code, p.name) for _, i in RS.indicators() for p in i.parameters if not isinstance(p.value,
                                                                                                            tuple)]
WHATIF = [
    Case("Ruleset.with_threshold", RS.with_threshold,
         lambda: {"code": "income.line", "value": 1_800_000, "scope": {"area": "rural"}}, {
             "code": Arg(is_text, st.sampled_from([i.code for _, i in RS.indicators()]),
                         [i.code for _, i in RS.indicators()]),
             "value": _SCENARIO_VALUE,
             "scope": Arg(optional(instance(Mapping)), st.sampled_from([{"area": "rural"}, {"area": "urban"}, {}])),
             "op": Arg(optional(member_of(ntp.Comparator)), st.sampled_from(list(ntp.Comparator)),
                       [c.value for c in ntp.Comparator]),
             "label": Arg(is_text, st.text(max_size=5)),
         }, after=_whatif_after),
    Case("whatif.with_parameter", lambda **kw: whatif.with_parameter(RS, **kw), lambda: {
        "code": _NUMERIC_PARAMETERS[0][0], "name": _NUMERIC_PARAMETERS[0][1], "value": 15}, {
        "code": Arg(is_text, st.sampled_from([c for c, _ in _NUMERIC_PARAMETERS])),
        "name": Arg(is_text, st.sampled_from([n for c, n in _NUMERIC_PARAMETERS if c == _NUMERIC_PARAMETERS[0][0]]),
                    [n for _, n in _NUMERIC_PARAMETERS]),
        "value": Arg(_scenario_ok, st.integers(0, 100)),
        "label": Arg(is_text, st.text(max_size=5)),
    }, after=_whatif_after),
    Case("whatif.with_count_threshold", lambda **kw: whatif.with_count_threshold(RS, **kw), lambda: {
        "criterion": "deprivation", "value": 2}, {
        "criterion": Arg(is_text, st.sampled_from([c.code for c in RS.criteria]), [c.code for c in RS.criteria]),
        "value": Arg(_scenario_ok, st.integers(0, 12)),
        "label": Arg(is_text, st.text(max_size=5)),
    }, after=_whatif_after),
]

OVERLAY = '''
schema = 1
[instrument]
id = "qd-1-2023-test"
number = "1/2023/QĐ-UBND"
kind = "decision"
issuer = "UBND tỉnh (test)"
signed = 2023-01-01
title_vi = "t"
title_en = "t"
source = { cite = "header", status = "verified" }
[[overlay]]
family = "FAMILY"
[[overlay.thresholds]]
indicator = "INDICATOR"
[overlay.thresholds.threshold]
area = "AREA"
op = "OP"
value = VALUE
unit = "VND/person/month"
source = { cite = "Điều 1", status = "verified" }
'''
_TOML_VALUES = ["1400000", "1_400_000", "1.4e6", "nan", "inf", "-inf", "1e1000000", '"1400000"', '"NaN"',
                '"Infinity"', '"1E+1000000"', "-1", "true", "[1]", "{ a = 1 }", "1979-05-27", '""', "9" * 30, "0x10"]


def _overlay_texts() -> st.SearchStrategy[str]:
    parts = {"FAMILY": ["poverty.household"], "INDICATOR": ["income.line"], "AREA": ["rural", "urban"],
             "OP": ["<=", "<", ">=", "=="], "VALUE": _TOML_VALUES}

    def fill(choice: dict[str, str]) -> str:
        text = OVERLAY
        for key, value in choice.items():
            text = text.replace(key, value)
        return text

    return st.fixed_dictionaries({k: st.sampled_from(v) | lookalikes(v) for k, v in parts.items()}).map(fill)


def _overlay_after(arg: str, value: Any, rs: ntp.Ruleset) -> None:
    national = RS.indicator("income.line").thresholds
    for old, new in zip(national, rs.indicator("income.line").thresholds, strict=True):
        assert new.value.is_finite() and new.op is old.op and new.value <= old.value, (
            f"an overlay loosened or broke {old.value} into {new.op} {new.value}")
    _whatif_after(arg, value, rs)


OVERLAYS = [
    Case("apply_overlay", apply_overlay, lambda: {"ruleset": RS, "text": OVERLAY.replace("FAMILY", "poverty.household")
                                                  .replace("INDICATOR", "income.line").replace("AREA", "rural")
                                                  .replace("OP", "<=").replace("VALUE", "1400000")}, {
        "ruleset": Arg(instance(ntp.Ruleset), _RULESETS),
        "text": Arg(is_text, _overlay_texts()),
        "file": Arg(is_text, st.text(max_size=5)),
    }, examples=40, after=_overlay_after),
]


# --- text in: JSON payloads, batches ---------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
_PAYLOADS = [nj.dumps(HH), nj.dumps(COMMUNE), nj.dumps(ntp.Village(name="T", reference_date=ON, facts={"a": 1}))]
_LITERALS = ["NaN", "Infinity", "-Infinity", "1e400", "1E+1000000", "9" * 5000, '"NaN"', '"Infinity"', '"1E+1000000"',
             '"wаter"', '"rural "', "[]", "{}", "null", "true", "1.5"]


_SCALAR_VALUE = re.compile(r'(?<=": )("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)')


def _json_texts() -> st.SearchStrategy[str]:
    """Payloads with one value replaced by a JSON literal (non-finite, huge, look-alike), a key given twice, or deep
    nesting; and JSON values of any shape."""
    def replace(text: str, at: int, literal: str) -> str:
        found = list(_SCALAR_VALUE.finditer(text))
        m = found[at % len(found)]
        return text[:m.start()] + literal + text[m.end():]

    twice = st.sampled_from([_PAYLOADS[0].replace('"data": {', '"data": {"area": "urban", ', 1),
                             *(p.replace('"data": {', '"data": {"name": "B", ', 1) for p in _PAYLOADS[1:])])
    deep = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
    return st.one_of(st.builds(replace, st.sampled_from(_PAYLOADS), st.integers(0, 40), st.sampled_from(_LITERALS)),
                     twice, deep, JSON_VALUES.map(json.dumps), st.text(max_size=20))


def _has_repeated_key(text: Any) -> bool:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({k for k, _ in pairs}) != len(pairs):
            raise KeyError("twice")
        return dict(pairs)

    try:
        json.loads(text, object_pairs_hook=hook)
    except KeyError:
        return True
    except (ValueError, TypeError, RecursionError):
        return False
    return False


def _loads_after(arg: str, value: Any, result: Any) -> None:
    assert isinstance(result, tuple(nj.TYPES.values()))
    if arg == "text":
        assert not _has_repeated_key(value), "a key given twice in one object: the last value was silently taken"
        written = nj.dumps(result)
        assert nj.dumps(nj.loads(written)) == written


_CSV_CELLS = ["rural", "urban", "rurаl", "rural ", "2024-11-15", "2024-13-01", "1500000", "NaN", "Infinity",
              "1E+1000000", "-1", "1.5", "9" * 40, "water;latrine", "wаter", "true", "", "\ufeff"]


def _csv_texts() -> st.SearchStrategy[str]:
    households = ["area", "reference_date", "monthly_income_per_capita", "deprivation_count", "deprived"]
    units = ["name", "reference_date", "region", "fact:poverty_rate", "obs:1", "flags"]
    header = st.sampled_from([households, units]).flatmap(
        lambda cols: st.lists(st.sampled_from(cols) | lookalikes(cols), min_size=1, max_size=6))
    return st.builds(lambda bom, cols, rows: bom + ",".join(cols) + "\n" + "\n".join(",".join(r) for r in rows) + "\n",
                     st.sampled_from(["", "\ufeff"]), header,
                     st.lists(st.lists(st.sampled_from(_CSV_CELLS), min_size=1, max_size=6), max_size=3))


def _has_repeated_column(text: Any) -> bool:
    if not isinstance(text, str) or not text.strip():
        return False
    header = text.lstrip("\ufeff").splitlines()[0].split(",")
    return len(set(header)) != len(header)


def _parse_after(arg: str, value: Any, result: Any) -> None:
    assert isinstance(result, list)
    if arg == "text":
        assert not _has_repeated_column(value), "a column given twice: one of its values was silently taken"
        assert not _has_repeated_key(value), "a key given twice in one object: the last value was silently taken"
    for subject in result:
        assert isinstance(subject, SUBJECTS)
        assess_and_check_unused(subject)


_FORMATS: tuple[str, ...] = getattr(batch, "FORMATS", ("json", "csv"))
TEXT_IN = [
    Case("io.json.loads", nj.loads, lambda: {"text": _PAYLOADS[0]}, {
        "text": Arg(instance(str, bytes, bytearray), _json_texts()),
        "cls": Arg(lambda v: v is None or v in nj.TYPES.values(), st.sampled_from([None, *nj.TYPES.values()])),
    }, examples=60, after=_loads_after),
    Case("io.batch.parse_subjects", parse_subjects, lambda: {"text": "area,reference_date\nrural,2024-11-15\n",
                                                             "fmt": "csv"}, {
        "text": Arg(is_text, _csv_texts() | _json_texts()),
        "fmt": Arg(one_of(*_FORMATS), st.sampled_from(_FORMATS), _FORMATS),
        "kind": Arg(one_of(*KINDS), st.sampled_from(sorted(KINDS)), sorted(KINDS)),
    }, examples=50, after=_parse_after),
]


# --- frames and arrays ----------------------------------------------------------------------------------------------

_ROW = {"area": "rural", "monthly_income_per_capita": 1_000_000, "deprivation_count": 4, "reference_date": "2024-11-15"}


def _day(value: Any) -> Any:
    """A date cell as the frames document taking it: a date, a timestamp at midnight, or YYYY-MM-DD."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    return value


@dataclass(frozen=True)
class Cell:
    """A frame of one row with ``value`` in ``column`` (the row as given kept, to check the result against)."""

    column: str
    value: Any

    def frame(self) -> Any:
        return pd.DataFrame([{**_ROW, self.column: self.value}])

    def can_frame(self) -> bool:
        try:
            self.frame()
        except Exception:  # noqa: BLE001 - pandas cannot hold it: nothing to hand the library
            return False
        return True

    def __repr__(self) -> str:
        return f"Cell({self.column!r}, {shown(self.value)})"


_CELLS = st.builds(Cell, st.sampled_from([*_ROW, "deprived"]), WRONG | st.sampled_from(_CSV_CELLS)).filter(
    Cell.can_frame)


def _frame_after(arg: str, value: Any, out: Any) -> None:
    """A row the fast path classifies is classified as the scalar classifier does (on the values given)."""
    if arg != "df" or not isinstance(value, Cell) or value.column == "deprived":
        return
    row = {**_ROW, value.column: value.value}
    try:
        fast = ntp.poverty.classifier(on=_day(row["reference_date"]))
        expected = fast(row["area"], row["monthly_income_per_capita"], row["deprivation_count"])
    except ntp.CriteriaError as exc:
        pytest.fail(f"classify_frame accepted {value!r}, which the scalar classifier refuses: {exc}")
    got = out["outcome"].iloc[0]
    assert got == (expected.value if expected is not None else None) or (expected is None and pd.isna(got))


class FrameArg(Arg):
    def values(self) -> st.SearchStrategy[Any]:
        return st.one_of(WRONG, _CELLS)


_FRAME_OK = instance(Cell)
FRAMES = [
    Case("io.frames.classify_frame", lambda df, family="poverty.household": classify_frame(
        df.frame() if isinstance(df, Cell) else df, family=family), lambda: {"df": Cell("area", "rural")}, {
        "df": FrameArg(_FRAME_OK),
        "family": Arg(is_text, st.sampled_from(FAMILIES), FAMILIES),
    }, examples=40, after=_frame_after),
    Case("io.frames.assess_frame", lambda df, strict=False: assess_frame(
        df.frame() if isinstance(df, Cell) else df, strict=strict), lambda: {"df": Cell("area", "rural")}, {
        "df": FrameArg(_FRAME_OK),
        "strict": _STRICT,
    }, examples=30),
]

_ARRAYS = st.one_of(
    WRONG,
    st.sampled_from([np.array([1_000_000]), np.array([200], dtype=np.uint8), np.array([5], dtype=np.int16),
                     np.array([1.5e6]), np.array([True]), np.array(["rural"]), np.array([None], dtype=object),
                     np.array(5), np.array([[1, 2]]), np.array([], dtype=np.int64), np.array([2**63], dtype=np.uint64),
                     np.array(["2024-01-01"], dtype="datetime64[D]"), [1_000_000], [[1], [1, 2]], (1,)]),
)


def _arrays_after(arg: str, value: Any, codes: Any) -> None:
    """Each household the arrays classify is classified as the scalar classifier does."""
    args = {"urban": np.array([False]), "income": np.array([1_000_000]), "deprivation_count": np.array([4]),
            arg: value}
    fast = ntp.poverty.classifier(RS)
    for i, code in enumerate(np.asarray(codes).tolist()):
        urban, income, count = (np.asarray(args[k]).reshape(-1)[i].item() for k in ("urban", "income",
                                                                                    "deprivation_count"))
        try:
            expected = fast("urban" if urban else "rural", income, count)
        except ntp.CriteriaError as exc:
            pytest.fail(f"classify_arrays({arg}={shown(value)}) classified what the scalar classifier refuses: {exc}")
        assert code == (UNDECIDED if expected is None else CODES[expected])


def _counts_after(arg: str, value: Any, counts: Any) -> None:
    if isinstance(value, np.ndarray) and value.ndim == 2:  # one row per household
        rows = value.tolist()
    else:  # one column per indicator
        rows = list(zip(*[np.asarray(c).tolist() for c in value], strict=True))
    assert counts.tolist() == [sum(r) for r in rows]


def _bool_columns(v: object) -> bool:
    try:
        a = np.asarray(v)
    except Exception:  # noqa: BLE001 - not an array at all
        return False
    return a.dtype == bool and a.ndim == 2 and a.shape[0] > 0


ARRAYS = [
    Case("columnar.classify_arrays", classify_arrays, lambda: {
        "ruleset": RS, "urban": np.array([False]), "income": np.array([1_000_000]),
        "deprivation_count": np.array([4])}, {
        "ruleset": Arg(instance(ntp.Ruleset), pick([RS])),
        "urban": Arg(lambda v: isinstance(v, np.ndarray) and v.dtype == bool and v.shape == (1,), _ARRAYS),
        "income": Arg(lambda v: True, _ARRAYS),
        "deprivation_count": Arg(lambda v: True, _ARRAYS),
    }, examples=40, after=_arrays_after),
    Case("columnar.count_deprivations", count_deprivations, lambda: {"columns": [np.array([True, False])]}, {
        "columns": Arg(_bool_columns, st.lists(st.lists(st.booleans(), min_size=2, max_size=2).map(
            np.array), min_size=1, max_size=3) | _ARRAYS),
    }, examples=40, after=_counts_after),
]

TARGET = next(t for p in CATALOGUE.programmes for _, t in p.all_targets() if t.family == "poverty.household")
_OBS = ntp.Observation(2022, Decimal(5), ntp.Provenance("x", ntp.Status.VERIFIED))
PROGRAMMES = [
    Case("observe", ntp.observe, lambda: {"target": TARGET, "assessments": [ntp.assess(HH)], "year": 2023,
                                          "provenance": ntp.Provenance("x", ntp.Status.VERIFIED)}, {
        "assessments": Arg(lambda v: isinstance(v, list | tuple) and all(isinstance(a, ntp.Assessment) for a in v),
                           st.lists(pick([ntp.assess(HH), ntp.assess(HH2), COMMUNE_NTM]), max_size=3)),
        "year": Arg(is_whole, st.integers(2015, 2035)),
        "provenance": Arg(instance(ntp.Provenance), pick([ntp.Provenance("x", ntp.Status.SECONDARY)])),
    }),
    Case("progress", ntp.progress, lambda: {"target": TARGET, "observations": [_OBS]}, {
        "observations": Arg(lambda v: (isinstance(v, Mapping)
                                       and all(isinstance(o, ntp.Observation) for o in v.values()))
                            or iterable_of(instance(ntp.Observation))(v),
                            st.lists(st.just(_OBS), max_size=2)),
    }),
]

CASES = [*CONSTRUCTORS, *ASSESS, *LOOKUPS, *POVERTY, *AGGREGATES, *WHATIF, *OVERLAYS, *TEXT_IN, *FRAMES, *ARRAYS,
         *PROGRAMMES]
_BY_NAME = {c.name: c for c in CASES}


def _params() -> list[Any]:
    out = []
    for case in CASES:
        for arg in case.args:
            marks = []
            if arg in case.known:
                marks.append(pytest.mark.xfail(strict=True, reason=case.known[arg][0]))
            out.append(pytest.param(case.name, arg, id=f"{case.name}.{arg}", marks=marks))
    return out


@pytest.mark.parametrize(("name", "arg"), _params())
def test_an_entry_point_refuses_a_wrong_value_with_a_library_error_and_uses_only_what_it_accepts(
        name: str, arg: str) -> None:
    case = _BY_NAME[name]
    for value in case.known.get(arg, (None, []))[1]:  # the known reproducers first: a marked bug fails every time
        check(case, arg, value)

    @settings(max_examples=case.examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case.args[arg].values())
    def prop(value: Any) -> None:
        check(case, arg, value)

    prop()




_HUGE = 10**5000
_REPR_LIMIT_CALLS: dict[str, Callable[[], Any]] = {
    "Member(in_school=[10**5000])": lambda: ntp.Member(age=30, in_school=[_HUGE]),
    "Household(deprived=[10**5000])": lambda: ntp.Household(area="rural", reference_date=ON, deprived=[_HUGE]),
    "Commune(reference_date=[10**5000])": lambda: ntp.Commune(name="A", reference_date=[_HUGE]),
    "Facts.of({10**5000: 1})": lambda: ntp.Facts.of({_HUGE: 1}),
    "Provenance(10**5000, ...)": lambda: ntp.Provenance(_HUGE, ntp.Status.VERIFIED),
    "instrument(10**5000)": lambda: ntp.instrument(_HUGE),
    "poverty.classify(area=10**5000)": lambda: ntp.poverty.classify(
        area=_HUGE, monthly_income_per_capita=1, deprivations=0, on=ON),
}


@pytest.mark.xfail(REPR_LIMIT_BUG, strict=True, reason=(
    "the problem message holds repr() of the value refused, and repr() of an int of 4300+ digits raises ValueError "
    "(core/_validate.py shown() guards a bare int only; core/places.py _value_problems, core/model.py Provenance, "
    "catalogue/_catalogue.py instrument(), families/poverty/classify.py _area format it unguarded)"))
@pytest.mark.parametrize("call", list(_REPR_LIMIT_CALLS.values()), ids=list(_REPR_LIMIT_CALLS))
def test_a_value_whose_repr_fails_is_refused_with_a_library_error(call: Callable[[], Any]) -> None:
    with pytest.raises(ntp.CriteriaError):
        call()


# --- the command line ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


def run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """``main(argv)`` in this process: (exit status, standard output, standard error). SystemExit (argparse) is an
    exit status; any other exception escapes to the test."""
    out, err = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    old = sys.stdin
    sys.stdin = stream
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def check_cli(argv: list[str], stdin: bytes = b"") -> None:
    try:
        code, _, err = run_cli(argv, stdin)
    except Exception as exc:
        raise AssertionError(f"main({shown(argv)}) let {type(exc).__name__} escape: {shown(str(exc))}") from exc
    assert code in (0, 1, 2), f"main({shown(argv)}) exited {code}"
    assert "Traceback" not in err
    if code:
        assert err.strip(), f"main({shown(argv)}) exited {code} with nothing on standard error"


_DATE_ARGS = ["2024-11-15", "20241115", "2024-13-01", "2024-02-30", "0001-01-01", "9999-12-31", "2024-W01-1",
              " 2024-11-15", "2024-11-15T00:00", "", "２０２４-11-15"]
_DATE = st.sampled_from(_DATE_ARGS) | st.dates().map(str) | st.text(max_size=10)
_FAMILY = st.sampled_from(FAMILIES) | lookalikes(FAMILIES) | st.text(max_size=10)
_ARGVS = st.one_of(
    st.tuples(st.just("show"), _FAMILY, st.just("--on"), _DATE,
              st.sampled_from([[], ["--lang", "vi"], ["--lang", "fr"]])).map(lambda t: [*t[:4], *t[4]]),
    st.tuples(st.just("diff"), _FAMILY, st.just("--from"), _DATE, st.just("--to"), _DATE).map(list),
    st.tuples(st.sampled_from(["rulesets", "status"]), _FAMILY).map(list),
    st.tuples(st.just("schema"), st.sampled_from(sorted(nj.TYPES)) | lookalikes(sorted(nj.TYPES))).map(list),
    st.lists(st.sampled_from(["demo", "show", "assess", "--lang", "vi", "--on", "--strict", "-", "--format", "csv",
                              "--kind", "commune", "--help"]) | st.text(max_size=6), max_size=5),
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(_ARGVS)
def test_the_command_line_exits_1_or_2_with_a_message_for_odd_arguments(argv: list[str]) -> None:
    check_cli(argv)


_INPUTS = st.one_of(
    _csv_texts().map(str.encode), _json_texts().map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),
    st.sampled_from([b"area,reference_date\nr\xe9ral,2024-11-15\n", b"\xff\xfe[]", b"[" * 50_000,
                     b"\xef\xbb\xbfarea,reference_date\nrural,2024-11-15\n"]),
)
_OPTIONS = st.lists(st.sampled_from([["--format", "csv"], ["--format", "json"], ["--kind", "commune"],
                                     ["--kind", "village"], ["--family", "ethnic.commune"], ["--family", "ntm.comune"],
                                     ["--strict"], ["--full"], ["--output-format", "csv"]]), max_size=3)
_counter = iter(range(10**9))


_CLI_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


def test_the_command_line_assesses_any_file_or_exits_with_a_message(scratch: Path) -> None:
    for reproducer in (b"area,reference_date\nr\xe9ral,2024-11-15\n", b"[" * 100_000, b"\xef\xbb\xbf" + b"[]"):
        path = scratch / f"in-{next(_counter)}.csv"
        path.write_bytes(reproducer)
        check_cli(["assess", str(path)])

    @_CLI_SETTINGS
    @given(content=_INPUTS, options=_OPTIONS)
    def prop(content: bytes, options: list[list[str]]) -> None:
        flat = [x for option in options for x in option]
        path = scratch / f"in-{next(_counter)}"
        path.write_bytes(content)
        check_cli(["assess", str(path), *flat])
        check_cli(["assess", "-", *flat], stdin=content)

    prop()


def test_the_command_line_exits_with_a_message_when_a_path_cannot_be_used(scratch: Path) -> None:
    source = scratch / "in.csv"
    source.write_text("area,reference_date\nrural,2024-11-15\n", encoding="utf-8")
    for argv in (["assess", "in\x00.csv"], ["assess", str(source), "--out", str(scratch / "x\x00.json")],
                 ["assess", str(source), "--out", str(scratch)],
                 ["assess", str(source), "--out", str(scratch / "missing" / "x.json")]):
        check_cli(argv)

    @_CLI_SETTINGS
    @given(out=st.sampled_from(["DIR", "DIR/missing/x.json", "DIR/x.csv", "DIR/x\x00.json", ""])
           | st.text(max_size=6).map(lambda t: "DIR/" + t),
           given_source=st.sampled_from(["DIR/in.csv", "DIR/nothing.csv", "DIR", "\x00", "", "-"]))
    def prop(out: str, given_source: str) -> None:
        place = str(scratch)
        check_cli(["assess", given_source.replace("DIR", place), "--out", out.replace("DIR", place)])

    prop()


# --- payloads from outside (found by fuzz/fuzz_inputs.py json_assess) -------------------------------------------------

def _with_indicator_renamed(data: dict[str, Any], old: str, new: str) -> None:
    for criterion in data["criteria"]:
        for indicator in criterion["indicators"]:
            if indicator["code"] == old:
                indicator["code"] = new


def _assessment_payload_disagreeing_with_its_ruleset() -> str:
    hh = ntp.Household(area=ntp.Area.URBAN, reference_date=ON, monthly_income_per_capita=2_000_000,
                       deprived={"health_insurance", "floor_area"}, not_deprived={"water", "latrine", "telecom"})
    payload = nj.to_payload(ntp.assess(hh))
    _with_indicator_renamed(payload["data"]["ruleset"], "water", "watr")  # the results still name 'water'
    return json.dumps(payload, ensure_ascii=False)


def test_an_assessment_payload_whose_results_and_ruleset_disagree_is_refused_or_explained() -> None:
    try:
        a = nj.loads(_assessment_payload_disagreeing_with_its_ruleset())
    except ntp.CriteriaError:
        return
    for lang in ("en", "vi"):
        assert a.explain(lang)


def _unregistered_measure(data: dict[str, Any]) -> None:
    data["criteria"][0]["indicators"][0]["measure"] = "nope"


def _unregistered_outcome(data: dict[str, Any]) -> None:
    data["outcome"] = "nope"


def _code_the_outcome_reads_renamed(data: dict[str, Any]) -> None:
    _with_indicator_renamed(data, "3.b4.unpaved", "3.b4.unpavd")


@pytest.mark.parametrize("change", [_unregistered_measure, _unregistered_outcome, _code_the_outcome_reads_renamed],
                         ids=["measure", "outcome", "code-read"])
def test_a_ruleset_payload_the_loader_would_refuse_is_refused_or_assesses(change: Callable[[dict[str, Any]], None]
                                                                         ) -> None:
    payload = nj.to_payload(ntp.ruleset("ethnic.commune", ON))
    change(payload["data"])
    try:
        rs = nj.loads(json.dumps(payload, ensure_ascii=False))
    except ntp.CriteriaError:
        return
    with contextlib.suppress(ntp.CriteriaError):
        ntp.assess(COMMUNE, rs)
