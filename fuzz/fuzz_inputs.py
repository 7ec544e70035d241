"""Coverage-guided fuzzing (atheris) of every place outside input enters the library.

Targets (what each asserts is in fuzz/README.md):

* ``json``        the payload loader: loads, and what loads writes back
* ``rules``       the rules-data loader
* ``batch``       the CLI's JSON/CSV input, each subject then assessed
* ``json_assess`` a payload loaded and, when it is a subject, assessed, explained and written back; an assessment
                  explained; a ruleset used to assess subjects of its kind
* ``household``   bytes decoded into Household/Member/Dwelling fields (right and wrong types, non-finite and huge
                  numbers, look-alike codes) and assessed; the fast classifier must agree with the engine
* ``unit``        commune/village/district/province facts and observations (non-finite numbers, look-alike names
                  and codes, NFD province names) assessed against ethnic.commune and ntm.commune, and the levels

An input may be refused only with the library's own typed errors (InputError, RuleDataError, NoRulesetInForce where
a date has no standard in force); any other exception, or a broken invariant (an input neither used nor reported as
unused, a wrong type accepted, the fast classifier disagreeing with the engine) is a bug and stops the run with the
input that caused it.

    python fuzz/fuzz_inputs.py json_assess -atheris_runs=1000000 fuzz/corpus/json_assess

Not part of the test suite (it is long); tests/test_fuzz_short.py and tests/test_entry_points.py run hypothesis
versions of the same checks. ``python fuzz/fuzz_inputs.py TARGET --plain N [SEED_DIR]`` runs a target on N inputs
from a plain mutation loop instead of atheris (no coverage feedback), for machines where atheris does not install.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

try:
    import atheris
except ImportError:  # the --plain driver needs no atheris
    atheris = None


def _instrumented() -> Any:
    """Coverage instrumentation of the library's own modules (its dependencies run at full speed)."""
    if atheris is None or "--plain" in sys.argv:
        return contextlib.nullcontext()
    return atheris.instrument_imports(include=["ntp_criteria"])


with _instrumented():
    import ntp_criteria as ntp
    from ntp_criteria.catalogue import load_catalogue
    from ntp_criteria.io import json as nj
    from ntp_criteria.io.batch import parse_subjects

# --- shared pools ------------------------------------------------------------------------------------------------

CATALOGUE = ntp.default_catalogue()
ON = dt.date(2024, 11, 15)
#: the refusals a caller may get from an assessment: bad input, or a date with no standard in force
REFUSED = (ntp.InputError, ntp.NoRulesetInForce)
SUBJECTS = (ntp.Household, ntp.Commune, ntp.Village, ntp.District, ntp.Province)

_HOMOGLYPHS = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "y": "у"})


def lookalikes(word: str) -> list[str]:
    """Strings a person or a spreadsheet might produce for ``word`` that are not ``word``."""
    out = [word.translate(_HOMOGLYPHS), word + " ", " " + word, word.upper(), word.title(), word + "\u200b",
           unicodedata.normalize("NFD", word), word.replace("_", "-"), word.replace(".", ","), word[:-1],
           word + word[-1:], "\ufeff" + word]
    if word:
        out.append(word[:-1] + chr(ord(word[-1]) + 1))
    return [w for w in dict.fromkeys(out) if w != word]


@functools.cache
def _with_lookalikes(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for w in words for v in (w, *lookalikes(w)))


def with_lookalikes(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``words`` and their look-alikes (built once per list of words)."""
    return _with_lookalikes(tuple(words))


NON_FINITE = [Decimal("NaN"), Decimal("-NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"),
              Decimal("1E+1000000"), Decimal("-1E+1000000"), Decimal("1E-1000000"), float("nan"), float("inf"),
              float("-inf"), 10**5000, -(10**5000), 10**15, 10**15 - 1, 2**63, "NaN", "Infinity", "1E+1000000"]
#: plausible numbers (counts, rates, amounts), then numbers no caller should get through
NUMBERS = [0, 1, 3, 5, 12, 50, 85, 100, 130, 1_500_000, 2_000_000, 2_250_001, Decimal("0.5"), Decimal("99.99"),
           Decimal("-0"), Decimal("1500000.000000000000000000000000001")]
ODD_NUMBERS = [-1, 131, 1.5, 0.0, True, False, *NON_FINITE]
WRONG = [None, True, False, "", " ", "true", "no", "1", b"1", [], [1], {}, {"a": 1}, set(), (), 1.0,
         dt.datetime(2024, 1, 1, 12, 0), dt.date(2024, 1, 1), dt.time(), object(), ntp.Region.TN, ntp.Area.RURAL]
DATES = [ON, dt.date(2015, 12, 31), dt.date(2016, 1, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 1),
         dt.date(2022, 3, 8), dt.date(2025, 2, 24), dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2025, 12, 1),
         dt.date(2026, 2, 15), dt.date(2027, 1, 1), dt.date(2031, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31)]
ODD_DATES = [dt.datetime(2024, 11, 15), dt.datetime(2024, 11, 15, 12, 30), "2024-11-15", None, 2024]
HOUSEHOLD_CODES = sorted(CATALOGUE.codes_of_subject("household"))
FACT_NAMES = sorted(CATALOGUE.facts_read_anywhere())
UNIT_CODES = sorted(CATALOGUE.codes_of_family("ethnic.commune") | CATALOGUE.codes_of_family("ntm.commune")
                    | CATALOGUE.codes_of_family("ethnic.village"))
FAMILIES = sorted(CATALOGUE.families() | CATALOGUE.unencoded_families())
FLAGS = sorted({f for rs in CATALOGUE.rulesets for rule in rs.scope_rules for f in rule.when_any_flag}
               | {"town", "no_communes"})
PROVINCES = ["Lạng Sơn", "Cần Thơ", "TP. Hồ Chí Minh", "Đắk Lắk", "Hà Giang", "Thành phố Hà Nội", "Atlantis"]
PROVINCES += [unicodedata.normalize("NFD", p) for p in PROVINCES] + [p.upper() for p in PROVINCES]


class Reader:
    """Typed values out of the fuzzer's bytes (atheris' FuzzedDataProvider, or a plain stand-in)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.i = 0

    def byte(self) -> int:
        if self.i >= len(self.data):
            return 0
        self.i += 1
        return self.data[self.i - 1]

    def below(self, n: int) -> int:
        return (self.byte() << 8 | self.byte()) % n if n > 1 else 0

    def pick(self, items: list[Any] | tuple[Any, ...]) -> Any:
        return items[self.below(len(items))]

    def chance(self, per_256: int) -> bool:
        return self.byte() < per_256

    def text(self, limit: int = 12) -> str:
        n = self.below(limit + 1)
        raw = bytes(self.byte() for _ in range(n))
        return raw.decode("utf-8", errors="replace")

    def number(self, odd: int = 24) -> Any:
        """A plausible number; with ``odd`` in 256 a non-finite, huge, negative, float or bool one."""
        if self.chance(odd):
            return self.pick(ODD_NUMBERS)
        kind = self.below(3)
        if kind == 0:
            return self.pick(NUMBERS)
        if kind == 1:
            return int.from_bytes(bytes(self.byte() for _ in range(self.below(5))), "little", signed=True)
        return Decimal(self.below(10**6)) / Decimal(10 ** self.below(8))

    def value(self, pool: list[Any] | tuple[Any, ...], odd: list[Any] | tuple[Any, ...] = (), bad: int = 12) -> Any:
        """A value of ``pool``; with ``bad`` in 256 one of ``odd`` or of :data:`WRONG`, an odd number or text."""
        if not self.chance(bad):
            return self.pick(pool)
        kind = self.below(4)
        if kind == 0 and odd:
            return self.pick(odd)
        if kind == 1:
            return self.pick(ODD_NUMBERS)
        if kind == 2:
            return self.text()
        return self.pick(WRONG)

    def word(self, words: list[str] | tuple[str, ...], odd: int = 12) -> Any:
        """One of ``words``; with ``odd`` in 256 a look-alike of one, and sometimes a wrong type."""
        return self.value(words, with_lookalikes(words), bad=odd)

    def codes(self, words: list[str]) -> Any:
        if self.chance(10):
            return self.pick(WRONG)
        return [self.word(words, odd=30) if self.chance(220) else self.text() for _ in range(self.below(4))]


def shown(value: object) -> str:
    try:
        return repr(value)[:300]
    except Exception:  # noqa: BLE001 - a repr that cannot be printed (10**5000)
        return f"<{type(value).__name__}>"


def _str(value: object) -> str:
    return value if isinstance(value, str) else shown(value)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# --- invariants shared by the assessing targets ----------------------------------------------------------------

def _explained(a: ntp.Assessment, *, round_trip: bool = False) -> None:
    """The assessment explains itself in both languages; with ``round_trip``, its payload reads back as written (the
    payload holds the whole ruleset: most of a run's time, so only json_assess asks for it)."""
    for lang in ("en", "vi"):
        text = a.explain(lang)
        check(isinstance(text, str) and bool(text), "an empty explanation")
    if round_trip:
        written = nj.dumps(a)
        check(nj.dumps(nj.loads(written)) == written, "an assessment does not read back as written")


def _unused_reported(subject: Any, a: ntp.Assessment) -> None:
    """Every input the ruleset does not read is in ``unused`` (nothing dropped silently)."""
    unused = {p.path for p in a.unused}
    reads = CATALOGUE.codes_read(a.ruleset)
    if isinstance(subject, ntp.Household):
        for field in ("deprived", "not_deprived"):
            for code in getattr(subject, field):
                check(code in reads or f"$.{field}[{code!r}]" in unused,
                      f"{field} code {code!r} neither read by {a.ruleset.family} nor reported unused")
        check(subject.deprivation_count is None or "deprivation" in reads or "$.deprivation_count" in unused,
              "deprivation_count neither read nor reported unused")
    else:
        facts = CATALOGUE.facts_read(a.ruleset)
        for name in subject.facts.names():
            check(name in facts or f"$.facts[{name!r}]" in unused,
                  f"fact {name!r} neither read by {a.ruleset.family} nor reported unused")
        for name in subject.observations.names():
            qualified = name.rpartition(":")[0] == a.ruleset.family and name.rpartition(":")[2] in reads
            bare = ":" not in name and subject.default_family == a.ruleset.family and name in reads
            check(qualified or bare or f"$.observations[{name!r}]" in unused,
                  f"observation {name!r} neither read by {a.ruleset.family} nor reported unused")


def _assess(subject: Any, ruleset: ntp.Ruleset | None = None, *, round_trip: bool = False,
            refused: tuple[type[Exception], ...] = REFUSED) -> ntp.Assessment | None:
    try:
        a = ntp.assess(subject, ruleset)
    except refused:
        return None
    _unused_reported(subject, a)
    _explained(a, round_trip=round_trip)
    return a


# --- the targets ---------------------------------------------------------------------------------------------------

def fuzz_json(data: bytes) -> None:
    try:
        value = nj.loads(data)
    except ntp.InputError:
        return
    nj.dumps(value)  # whatever loads must write back


def fuzz_rules(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        load_catalogue({"fuzz.toml": text})
    except ntp.RuleDataError:
        return


def fuzz_batch(data: bytes) -> None:
    if not data:
        return
    fmt = "csv" if data[0] % 2 else "json"
    kind = ("household", "commune", "village")[(data[0] // 2) % 3]
    text = data[1:].decode("utf-8", errors="replace")
    try:
        subjects = parse_subjects(text, fmt, kind)
    except ntp.InputError:
        return
    for subject in subjects:
        family = {"household": None, "commune": "ethnic.commune", "village": "ethnic.village"}[kind]
        try:
            rs = ntp.ruleset(family, subject.reference_date) if family else None
        except ntp.NoRulesetInForce:
            continue
        _assess(subject, rs)


def fuzz_json_assess(data: bytes) -> None:
    """A payload (or a bare subject object, with the first byte choosing its type) loaded; a subject assessed by its
    own family and, for a commune, by ethnic.commune; an assessment explained; a ruleset used on demo subjects."""
    if not data:
        return
    cls = (None, ntp.Household, ntp.Commune, ntp.Village)[data[0] % 4]
    text = data[1:]
    try:
        value = nj.loads(text) if cls is None else nj.structure(_json(text), cls)
    except ntp.InputError:
        return
    written = nj.dumps(value)
    check(nj.dumps(nj.loads(written)) == written, f"{type(value).__name__} does not read back as written")
    if isinstance(value, SUBJECTS):
        _assess(value, round_trip=True)
        if isinstance(value, ntp.Commune):
            with contextlib.suppress(ntp.NoRulesetInForce):
                _assess(value, ntp.ruleset("ethnic.commune", value.reference_date), round_trip=True)
    elif isinstance(value, ntp.Assessment):
        for lang in ("en", "vi"):
            value.explain(lang)
    elif isinstance(value, ntp.Ruleset):
        # a ruleset from outside may contradict itself (two thresholds for one scope): any library error is a refusal
        for subject in _demo_subjects(value):
            _assess(subject, value, refused=(ntp.CriteriaError,))


def _json(text: bytes) -> Any:
    import json

    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise ntp.InputError("fuzz", [ntp.Problem("$", "not JSON")]) from None


def _demo_subjects(rs: ntp.Ruleset) -> list[Any]:
    on = rs.valid_from
    if rs.subject == "household":
        from ntp_criteria.io import _demo

        return [attrs_evolve(hh, reference_date=on) for hh in _demo.households()]
    cls = {"commune": ntp.Commune, "village": ntp.Village, "district": ntp.District, "province": ntp.Province}.get(
        rs.subject)
    if cls is None:
        return []
    with contextlib.suppress(ntp.InputError):
        return [cls(name="A", reference_date=on, region="tn", facts={"poverty_rate": 12}, observations={"1": True})]
    return []


def attrs_evolve(obj: Any, **changes: Any) -> Any:
    import attrs

    return attrs.evolve(obj, **changes)


_YES_NO = [True, False, None]


def _enum(cls: Any) -> list[Any]:
    return [*cls, *(m.value for m in cls)]


#: each field's good values, then its odd ones (look-alikes of the documented values, non-finite numbers …)
_MEMBER_FIELDS: dict[str, tuple[list[Any], list[Any]]] = {
    "age": ([0, 5, 15, 16, 17, 18, 30, 60, 61, 75, 130], [131, -1, 30.0, Decimal(30), "30", True]),
    "health_insured": (_YES_NO, ["no", 0, 1]), "in_school": (_YES_NO, ["yes", 1]),
    "education": (_enum(ntp.EducationLevel), [v for e in ntp.EducationLevel for v in lookalikes(e.value)]),
    "employment": (_enum(ntp.Employment), [v for e in ntp.Employment for v in lookalikes(e.value)]),
    "dependant": (_YES_NO, [0]), "malnourished": (_YES_NO, ["false"]), "ill_without_treatment": (_YES_NO, []),
    "uses_internet": (_YES_NO, []), "uses_phone": (_YES_NO, []),
}
_DWELLING_FIELDS: dict[str, tuple[list[Any], list[Any]]] = {
    "floor_area_m2": ([0, 8, 30, 100, Decimal("7.99"), Decimal("23.99"), Decimal("24")], NON_FINITE),
    "durable_walls": (_YES_NO, ["no"]), "durable_frame": (_YES_NO, []), "durable_roof": (_YES_NO, []),
    "water_source": (_enum(ntp.WaterSource), [v for e in ntp.WaterSource for v in lookalikes(e.value)]),
    "latrine": (_enum(ntp.LatrineType), [v for e in ntp.LatrineType for v in lookalikes(e.value)]),
    "waste": (_enum(ntp.WasteHandling), [v for e in ntp.WasteHandling for v in lookalikes(e.value)]),
}


def _record(r: Reader, fields: dict[str, tuple[list[Any], list[Any]]], required: tuple[str, ...] = ()
            ) -> dict[str, Any]:
    return {name: r.value(good, odd, bad=8) for name, (good, odd) in fields.items()
            if name in required or r.chance(120)}


def fuzz_household(data: bytes) -> None:
    r = Reader(data)
    simple = r.chance(100)  # only what the fast classifier reads
    kwargs: dict[str, Any] = {
        "area": r.value([*ntp.Area, "rural", "urban"], [*lookalikes("rural"), *lookalikes("urban")]),
        "reference_date": r.value(DATES, ODD_DATES),
    }
    if r.chance(230):
        kwargs["monthly_income_per_capita"] = r.number()
    if r.chance(160):
        kwargs["deprivation_count"] = r.value([0, 1, 2, 3, 4, 6, 10], [-1, 2.0, Decimal(3), "3", 10**5000])
    if not simple:
        if r.chance(160):
            members: list[Any] = []
            for _ in range(r.below(5)):
                with contextlib.suppress(ntp.InputError):
                    members.append(ntp.Member(**_record(r, _MEMBER_FIELDS, ("age",))) if r.chance(250)
                                   else r.pick(WRONG))
            kwargs["members"] = members if r.chance(240) else r.pick([tuple(members), {"members": members}, None])
        if r.chance(160):
            with contextlib.suppress(ntp.InputError):
                kwargs["dwelling"] = ntp.Dwelling(**_record(r, _DWELLING_FIELDS)) if r.chance(250) else r.pick(WRONG)
        if r.chance(100):
            kwargs["devices"] = r.codes([d.value for d in ntp.Device])
        if r.chance(60):
            kwargs["hears_loudspeaker"] = r.value(_YES_NO, ["no", 1])
        if r.chance(120):
            kwargs["deprived"] = r.codes(HOUSEHOLD_CODES)
        if r.chance(80):
            kwargs["not_deprived"] = r.codes(HOUSEHOLD_CODES)
    if r.chance(40):
        kwargs["id"] = r.value(["h1", ""], [1])
    strict = r.value([False, False, True, ntp.Status.VERIFIED, ntp.Status.SECONDARY], ["yes", 1, 0, None, "verified"])
    try:
        hh = ntp.Household(**kwargs)
    except ntp.InputError:
        return
    check(hh.area in ntp.Area and isinstance(hh.reference_date, dt.date), f"a wrong type accepted: {shown(hh)}")
    try:
        a = ntp.assess(hh, strict=strict)
    except REFUSED:
        return
    check(strict is True or strict is False or isinstance(strict, ntp.Status),
          f"assess accepted strict={shown(strict)}")
    _unused_reported(hh, a)
    _explained(a)
    if simple and strict is False and hh.monthly_income_per_capita is not None and hh.deprivation_count is not None:
        fast = ntp.poverty.classifier(a.ruleset)
        got = fast(hh.area, hh.monthly_income_per_capita, hh.deprivation_count)
        check(got == a.outcome, f"the fast classifier says {got}, the engine {a.outcome}, for {shown(hh)}")


def _key(value: Any) -> Any:
    """``value`` as a mapping key: itself when it can be one (a wrong type included), else its repr."""
    try:
        hash(value)
    except TypeError:
        return shown(value)
    return value


_UNIT_KINDS = (ntp.Commune, ntp.Commune, ntp.Village, ntp.District, ntp.Province)
_OBSERVED = [True, False, 0, 1, 2, 19, 50, 85, 100, Decimal("85.5")]


def fuzz_unit(data: bytes) -> None:
    r = Reader(data)
    cls = r.pick(_UNIT_KINDS)
    kwargs: dict[str, Any] = {"name": r.value(["Xã A", "A"], ["", " "]), "reference_date": r.value(DATES, ODD_DATES)}
    if r.chance(140):
        kwargs["region"] = r.word([x.value for x in ntp.Region], odd=20) if r.chance(200) else r.pick([*ntp.Region])
    if r.chance(120):
        kwargs["province"] = r.value(PROVINCES)
    if r.chance(60):
        kwargs["code"] = r.value(["01234", "1"], [1234])
    if r.chance(60):
        kwargs["flags"] = r.codes(FLAGS)
    if r.chance(220):
        facts = {_key(r.word(FACT_NAMES, odd=24) if r.chance(230) else r.text()): r.number(odd=40)
                 for _ in range(r.below(7))}
        kwargs["facts"] = facts if r.chance(250) else r.pick(WRONG)
    if r.chance(180):
        observations = {}
        for _ in range(r.below(7)):
            code = r.word(UNIT_CODES, odd=16) if r.chance(240) else r.text()
            if r.chance(60):
                code = f"{_str(r.word(FAMILIES, odd=24))}:{_str(code)}"
            observations[_key(code)] = r.value(_OBSERVED, ODD_NUMBERS, bad=10)
        kwargs["observations"] = observations if r.chance(250) else r.pick(WRONG)
    if r.chance(30):
        kwargs["valid_from"] = r.value(DATES, ODD_DATES)
    if r.chance(30):
        kwargs["valid_to"] = r.value(DATES, ODD_DATES)
    try:
        unit = cls(**kwargs)
    except ntp.InputError:
        return
    check(isinstance(unit.reference_date, dt.date) and not isinstance(unit.reference_date, dt.datetime),
          f"a wrong date accepted: {shown(unit)}")
    check(all(isinstance(v, bool | int | Decimal) and (not isinstance(v, Decimal) or v.is_finite())
              for _, v in (*unit.facts, *unit.observations)), f"a non-finite or wrong value accepted: {shown(unit)}")
    _assess(unit)
    on = unit.reference_date
    if isinstance(unit, ntp.Commune):
        for family in ("ethnic.commune", "ntm.commune"):
            with contextlib.suppress(ntp.NoRulesetInForce):
                _assess(unit, ntp.ruleset(family, on))
        with contextlib.suppress(*REFUSED):
            ntp.commune_level(unit)
    elif isinstance(unit, ntp.District):
        with contextlib.suppress(*REFUSED):
            ntp.district_level(unit)


# --- known bugs ------------------------------------------------------------------------------------------------------

#: Bugs these targets found that are not fixed yet, each tracked as an ``xfail(strict=True)`` test in
#: tests/test_entry_points.py: (exception type, a fragment of its message, the library file raising it), e.g.
#: ``(KeyError, "", "ntp_criteria/io/explain.py")``. They are let through (and reported once each, with the input) so
#: that a run goes on to find the next one; ``FUZZ_STRICT=1`` stops on them too. Remove an entry when its test's mark
#: is removed. Empty: the bugs found so far (listed in fuzz/README.md) are fixed.
KNOWN_BUGS: list[tuple[type[BaseException], str, str]] = []
STRICT = os.environ.get("FUZZ_STRICT") == "1"


def _known(exc: BaseException) -> bool:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = frames[-1].filename.replace(os.sep, "/") if frames else ""
    return "/ntp_criteria/" in where and any(isinstance(exc, kind) and fragment in str(exc) and where.endswith(file)
               for kind, fragment, file in KNOWN_BUGS)


_SEEN: set[str] = set()


def guarded(target: Callable[[bytes], None]) -> Callable[[bytes], None]:
    """``target``, with the known bugs let through unless FUZZ_STRICT=1 (each reported once, with its input)."""
    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception as exc:
            if STRICT or not _known(exc):
                raise
            kind = f"{type(exc).__name__}: {exc}"[:200]
            if kind not in _SEEN:
                _SEEN.add(kind)
                sys.stderr.write(f"\n== known bug let through: {kind}\n   input: {data[:300]!r}\n")

    return run


TARGETS: dict[str, Callable[[bytes], None]] = {name: guarded(f) for name, f in {
    "json": fuzz_json, "rules": fuzz_rules, "batch": fuzz_batch, "json_assess": fuzz_json_assess,
    "household": fuzz_household, "unit": fuzz_unit,
}.items()}


# --- a plain driver, for where atheris is not available -------------------------------------------------------------

def plain(target: Callable[[bytes], None], runs: int, seeds: list[bytes], seed: int = 0) -> None:
    """Run ``target`` on ``runs`` inputs: the seeds, then random mutations of them (bit flips, byte insertions and
    deletions, splices, interesting bytes); no coverage feedback. Stops with the input at the first failure."""
    import random
    import time

    rng = random.Random(seed)
    pool = list(seeds) or [b""]
    interesting = [b"NaN", b"Infinity", b"1E+1000000", b"\xef\xbb\xbf", b"\x00", b'"', b",", b"\n", b"-1", b"[",
                   b"{", b"}", b"]", b":", b"9" * 40, "а".encode(), "\u0301".encode()]
    start = time.monotonic()
    for n in range(runs):
        if n < len(seeds):
            data = seeds[n]
        else:
            data = bytearray(rng.choice(pool))
            for _ in range(rng.randint(1, 4)):
                op = rng.randrange(5)
                i = rng.randrange(len(data) + 1)
                if op == 0 and data:
                    data[min(i, len(data) - 1)] ^= 1 << rng.randrange(8)
                elif op == 1:
                    data[i:i] = bytes([rng.randrange(256)])
                elif op == 2 and data:
                    del data[i:i + rng.randint(1, 8)]
                elif op == 3:
                    data[i:i] = rng.choice(interesting)
                else:
                    other = rng.choice(pool)
                    j = rng.randrange(len(other) + 1)
                    data = data[:i] + bytearray(other[j:])
            data = bytes(data)
        try:
            target(data)
        except Exception:
            sys.stderr.write(f"\n== crash after {n + 1} inputs; input: {data!r}\n")
            raise
        if n and n % 100_000 == 0:
            sys.stderr.write(f"#{n} inputs, {time.monotonic() - start:.0f} s\n")
            if len(pool) < 10_000:
                pool.append(data)
    sys.stderr.write(f"Done {runs} inputs in {time.monotonic() - start:.0f} s\n")


if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    if "--plain" in sys.argv:
        i = sys.argv.index("--plain")
        runs = int(sys.argv[i + 1])
        folder = sys.argv[i + 2] if len(sys.argv) > i + 2 else None
        seeds = [(Path(folder) / f).read_bytes() for f in sorted(os.listdir(folder))] if folder else []
        plain(target, runs, seeds)
    else:
        atheris.Setup(sys.argv, target)
        atheris.Fuzz()
