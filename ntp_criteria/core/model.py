"""The law as data: instruments, rulesets, criteria, indicators, thresholds and their provenance.

These types know nothing about any particular law. They follow the structure of Vietnamese criteria
sets: a legal instrument issues a *ruleset* for one family of subjects and one validity period; a ruleset
has numbered *criteria*; a criterion has *indicators*; an indicator is decided against a *threshold*
chosen by scope (area, region, commune group, year). Every legal number carries its :class:`Provenance`.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._validate import check_number, check_text, raise_problems, shown, unknown_code
from .errors import ConflictingRules, InputError, Problem, UnknownCode

__all__ = [
    "SCENARIO_PREFIX",
    "CitedValue",
    "Comparator",
    "Criterion",
    "Dimension",
    "Indicator",
    "InstrumentKind",
    "LegalInstrument",
    "Parameter",
    "Provenance",
    "Rollup",
    "Ruleset",
    "Scope",
    "ScopeRule",
    "Status",
    "Threshold",
    "comparator_of",
    "scenario_number",
    "scenario_provenance",
]

ScopeValue = str | int
def _frozen(value: Iterable[Any]) -> tuple[Any, ...]:
    """A collection given to a frozen value, as a tuple: a list handed in could be changed afterwards."""
    return value if isinstance(value, tuple) else tuple(value)


class Status(enum.Enum):
    """How far a legal number has been checked (see the project reference's labels)."""

    #: read in the legal text itself (or an official translation quoting it)
    VERIFIED = "verified"
    #: official press, a provincial portal or a legal-database summary
    SECONDARY = "secondary"
    #: recollection or inference; must be checked before it is relied on
    UNVERIFIED = "unverified"

    @property
    def rank(self) -> int:
        """2 for verified, 1 for secondary, 0 for unverified: higher is better attested."""
        return {"verified": 2, "secondary": 1, "unverified": 0}[self.value]

    def at_least(self, other: Status) -> bool:
        """True when this status is as well attested as ``other`` or better."""
        return self.rank >= other.rank


@attrs.frozen
class Provenance:
    """Where a legal number or fact comes from, and how far it has been checked."""

    cite: str
    status: Status
    url: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = []
        if not isinstance(self.cite, str) or not self.cite.strip():
            # a number with no citation would otherwise load as "verified"
            problems.append(Problem("$.cite", f"expected the citation (non-blank text), got {shown(self.cite)}"))
        if not isinstance(self.status, Status):
            problems.append(Problem("$.status", f"expected 'verified', 'secondary' or 'unverified', got "
                                                f"{shown(self.status)}"))
        for name in ("url", "note"):
            value = getattr(self, name)
            if value is not None:
                problems += check_text(value, f"$.{name}", "text or None")
        if problems:
            raise InputError("Provenance", problems)

    def __str__(self) -> str:
        return f"{self.cite} [{self.status.value}]"


class InstrumentKind(enum.Enum):
    """The kind of a Vietnamese legal instrument (văn bản)."""

    LAW = "law"  # luật
    RESOLUTION = "resolution"  # nghị quyết
    DECREE = "decree"  # nghị định
    DECISION = "decision"  # quyết định
    CIRCULAR = "circular"  # thông tư
    OFFICIAL_LETTER = "official_letter"  # công văn
    GUIDANCE = "guidance"  # hướng dẫn


@attrs.frozen
class LegalInstrument:
    """A legal instrument, with its number exactly as written (e.g. ``"07/2021/NĐ-CP"``)."""

    id: str
    number: str
    kind: InstrumentKind
    issuer: str
    signed: dt.date
    #: ``None`` when the date it enters into force has not been found
    effective: dt.date | None
    title_vi: str
    title_en: str
    provenance: Provenance
    amends: tuple[str, ...] = attrs.field(default=(), converter=_frozen)
    supersedes: tuple[str, ...] = attrs.field(default=(), converter=_frozen)
    url: str | None = None


class Comparator(enum.Enum):
    """A comparison as the law words it: ``"<="`` is "từ … trở xuống", ``">="`` is "từ … trở lên"."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "=="

    def holds(self, observed: Decimal | int, value: Decimal) -> bool:
        """Whether ``observed <op> value``; exact, since both are int or Decimal."""
        return _OPERATORS[self](observed, value)

    def gap(self, observed: Decimal | int, value: Decimal) -> Decimal:
        """How far ``observed`` is from satisfying the comparison (0 when it does)."""
        if self.holds(observed, value):
            return Decimal(0)
        return abs(Decimal(observed) - value)


_OPERATORS: dict[Comparator, Callable[[Decimal | int, Decimal], bool]] = {
    Comparator.LT: operator.lt,
    Comparator.LE: operator.le,
    Comparator.GT: operator.gt,
    Comparator.GE: operator.ge,
    Comparator.EQ: operator.eq,
}


@attrs.frozen
class Scope:
    """The part of the subject space a threshold applies to, e.g. ``area=rural, year=2024``.

    A dimension not named applies to every value of it.
    """

    items: tuple[tuple[str, ScopeValue], ...] = attrs.field(default=(), converter=_frozen)

    @classmethod
    def of(cls, mapping: Mapping[str, ScopeValue]) -> Scope:
        """The scope naming these dimensions and values (in a canonical order, so equal scopes compare equal)."""
        return cls(tuple(sorted(mapping.items())))

    def get(self, dimension: str) -> ScopeValue | None:
        """The value this scope requires of ``dimension``, or None when it applies to every value."""
        for name, value in self.items:
            if name == dimension:
                return value
        return None

    def dimensions(self) -> frozenset[str]:
        """The names of the dimensions this scope restricts."""
        return frozenset(name for name, _ in self.items)

    def matches(self, values: Mapping[str, ScopeValue]) -> bool:
        """True when every dimension this scope names has the same value in ``values``."""
        return all(values.get(name) == value for name, value in self.items)

    def __iter__(self) -> Iterator[tuple[str, ScopeValue]]:
        return iter(self.items)

    def __str__(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.items) or "all"


@attrs.frozen
class Threshold:
    """One legal number an indicator is compared against, for one scope."""

    op: Comparator
    value: Decimal
    unit: str
    provenance: Provenance
    scope: Scope = Scope()

    def holds(self, observed: Decimal | int) -> bool:
        """Whether the observed value meets this legal number (đạt), compared exactly."""
        return self.op.holds(observed, self.value)


@attrs.frozen
class Parameter:
    """A legal number used inside a measure (an age limit, a list of accepted kinds), with its source."""

    name: str
    value: Decimal | tuple[str, ...]
    unit: str
    provenance: Provenance

    def number(self) -> Decimal:
        """The parameter's value when it is a number (an age, an area); a TypeError when it is a list."""
        if isinstance(self.value, tuple):
            raise TypeError(f"parameter {self.name!r} is a list, not a number")
        return self.value

    def kinds(self) -> tuple[str, ...]:
        """The parameter's value when it is a list of accepted kinds; a TypeError when it is a number."""
        if not isinstance(self.value, tuple):
            raise TypeError(f"parameter {self.name!r} is a number, not a list")
        return self.value


@attrs.frozen
class Dimension:
    """A dimension thresholds may vary by (``area``, ``region``, ``year`` …) and its declared values."""

    name: str
    values: tuple[ScopeValue, ...] = attrs.field(converter=_frozen)


@attrs.frozen
class Indicator:
    """An indicator (chỉ tiêu / chỉ số), coded as numbered in the law or by a stable slug.

    ``measure`` names the function that computes the observed value from the subject's facts; when it
    is ``None`` the value is taken from the subject's observations under ``code``. A measure that
    decides the condition itself (a yes/no test over the facts, using ``parameters``) needs no
    threshold. ``condition_*`` says
    in words what MET means for this indicator (for poverty indicators: "deprived").
    """

    code: str
    name_vi: str
    name_en: str
    thresholds: tuple[Threshold, ...] = attrs.field(converter=_frozen)
    measure: str | None = None
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_frozen)
    condition_vi: str = ""
    condition_en: str = ""
    #: the source of the indicator's wording, which the measure applies to the facts
    definition: Provenance | None = None
    #: where the law has this test at all (e.g. only in the Mekong Delta); empty = everywhere
    applies_to: tuple[Dimension, ...] = attrs.field(default=(), converter=_frozen)

    def applies(self, values: Mapping[str, ScopeValue]) -> bool | None:
        """Whether the law has this test for a subject with these scope values (None: value unknown)."""
        for d in self.applies_to:
            if d.name not in values:
                return None
            if values[d.name] not in d.values:
                return False
        return True

    def threshold_for(self, values: Mapping[str, ScopeValue]) -> Threshold | None:
        """The one threshold whose scope matches; None if none does; an error if two do."""
        found = [t for t in self.thresholds if t.scope.matches(values)]
        if len(found) > 1:
            scopes = "; ".join(str(t.scope) for t in found)
            raise ConflictingRules(f"indicator {self.code!r}: {len(found)} thresholds apply ({scopes})")
        return found[0] if found else None

    def parameter(self, name: str) -> Parameter:
        """The indicator's parameter called ``name``; :class:`~ntp_criteria.UnknownCode` (a KeyError) naming the
        nearest parameters when it has none."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise UnknownCode(f"indicator {self.code}", [unknown_code(
            "$.name", name, (p.name for p in self.parameters), "parameter")])


class Rollup(enum.Enum):
    """How a criterion's indicators decide the criterion."""

    ALL = "all"  # every indicator met (đạt khi tất cả chỉ tiêu đạt)
    ANY = "any"
    COUNT = "count"  # the number of indicators met compared with the criterion's count threshold
    #: the criterion groups the article's tests; the outcome rule combines them (e.g. "A, or B and one of B1-B4")
    RULE = "rule"


@attrs.frozen
class Criterion:
    """A criterion (tiêu chí), coded as numbered in the law (``"1"`` … ``"19"``) or by a stable slug."""

    code: str
    name_vi: str
    name_en: str
    indicators: tuple[Indicator, ...] = attrs.field(converter=_frozen)
    rollup: Rollup = Rollup.ALL
    #: with ``Rollup.COUNT``: the legal cut-off on the number of indicators met
    count_threshold: Threshold | None = None
    #: what the data does not hold yet (e.g. indicators not found: the criterion is decided by its recorded result)
    note: str = ""


@attrs.frozen
class CitedValue:
    """A legal number, list or rule wording, with where it sits in the ruleset and its provenance."""

    path: str
    value: Decimal | tuple[str, ...] | str
    provenance: Provenance


@attrs.frozen
class ScopeRule:
    """A cited exception to where a subject is assessed: with any of ``when_any_flag``, the subject is
    assessed as if ``dimension`` were ``value`` (e.g. extremely difficult communes on the northern
    midlands-and-mountains thresholds, QĐ 318/QĐ-TTg Art. 1)."""

    dimension: str
    value: ScopeValue
    when_any_flag: tuple[str, ...] = attrs.field(converter=_frozen)
    provenance: Provenance

    def applies(self, flags: frozenset[str]) -> bool:
        """Whether a subject with these flags falls under the exception."""
        return any(f in flags for f in self.when_any_flag)


#: how the citation of a number changed by a what-if scenario begins
SCENARIO_PREFIX = "what-if: "


def scenario_provenance(label: str, original: Provenance) -> Provenance:
    """The provenance of a number changed by a what-if scenario: ``unverified``, naming the scenario and what it
    replaced, so that strict mode never decides on it."""
    return Provenance(cite=f"{SCENARIO_PREFIX}{label}", status=Status.UNVERIFIED,
                      note=f"scenario, not law (was: {original})")


def comparator_of(value: object, path: str, problems: list[Problem]) -> Comparator | None:
    """``value`` as a :class:`Comparator`: a member, or its documented value (``"<="``); anything else is added to
    ``problems`` with ``path`` (and None returned)."""
    if isinstance(value, Comparator):
        return value
    if isinstance(value, str):
        for member in Comparator:
            if member.value == value:
                return member
    allowed = ", ".join(repr(c.value) for c in Comparator)
    problems.append(Problem(path, f"expected one of {allowed} (a Comparator or its value), got {shown(value)}"))
    return None


def _scope_problems(scope: object, path: str) -> list[Problem]:
    """Problems with a scope given as input: a mapping of dimension names to text or whole numbers."""
    if not isinstance(scope, Mapping):
        return [Problem(path, f"expected a mapping of dimension names to values, got {shown(scope)}")]
    problems = []
    for k, v in scope.items():
        if not isinstance(k, str):
            problems.append(Problem(path, f"expected dimension names (text), got {shown(k)}"))
        elif isinstance(v, bool) or not isinstance(v, str | int):
            problems.append(Problem(f"{path}.{k}", f"expected text or a whole number, got {shown(v)}"))
    return problems


def scenario_number(value: int | Decimal | str, where: str) -> Decimal:
    """A what-if value as an exact Decimal; floats and non-numbers are refused with the path ``where``."""
    if isinstance(value, bool | float) or not isinstance(value, int | Decimal | str):
        raise InputError("what-if", [Problem(where, f"expected an int, Decimal or decimal string, got "
                                                    f"{shown(value)}")])
    problems = check_number(value, where) if isinstance(value, int) else []  # 10**5000 is not even read
    if problems:
        raise InputError("what-if", problems)
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except (ArithmeticError, ValueError):
        raise InputError("what-if", [Problem(where, f"not a number: {shown(value)}")]) from None
    problems = check_number(number, where)  # finite, and not absurdly large or precise
    if problems:
        raise InputError("what-if", problems)
    return number


@attrs.frozen
class Ruleset:
    """One legal criteria set for one family of subjects and one validity period (both ends inclusive)."""

    family: str
    subject: str
    instrument: LegalInstrument
    valid_from: dt.date
    valid_to: dt.date | None
    #: what puts this set in force for this period (may be a later instrument, e.g. a transition clause)
    validity: Provenance
    title_vi: str
    title_en: str
    cite: str
    #: the named rule shape that decides the outcome (selected by the instrument's data)
    outcome: str
    dimensions: tuple[Dimension, ...] = attrs.field(converter=_frozen)
    criteria: tuple[Criterion, ...] = attrs.field(converter=_frozen)
    amended_by: tuple[LegalInstrument, ...] = attrs.field(default=(), converter=_frozen)
    scope_rules: tuple[ScopeRule, ...] = attrs.field(default=(), converter=_frozen)

    def scope_for(self, values: Mapping[str, ScopeValue], flags: frozenset[str]
                  ) -> tuple[dict[str, ScopeValue], tuple[ScopeRule, ...]]:
        """The scope a subject is assessed in, after the exceptions that apply to it, and those exceptions."""
        out = dict(values)
        applied = tuple(r for r in self.scope_rules if r.applies(flags))
        for rule in applied:
            out[rule.dimension] = rule.value
        return out, applied

    def in_force(self, on: dt.date) -> bool:
        """Whether the set is in force (còn hiệu lực) on that date, both ends of its period included."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def criterion(self, code: str) -> Criterion:
        """The criterion (tiêu chí) numbered ``code``; :class:`~ntp_criteria.UnknownCode` (a KeyError) when there is
        none."""
        for c in self.criteria:
            if c.code == code:
                return c
        raise UnknownCode(f"{self.family} ({self.instrument.number})", [unknown_code(
            "$.criterion", code, (c.code for c in self.criteria), "criterion")])

    def indicators(self) -> Iterator[tuple[Criterion, Indicator]]:
        """Every indicator of the set with the criterion it belongs to, in the law's order."""
        for c in self.criteria:
            for i in c.indicators:
                yield c, i

    def indicator(self, code: str) -> Indicator:
        """The indicator (chỉ tiêu) coded ``code``, whichever criterion holds it; :class:`~ntp_criteria.UnknownCode` (a
        KeyError) when there is none."""
        for _, i in self.indicators():
            if i.code == code:
                return i
        raise UnknownCode(f"{self.family} ({self.instrument.number})", [unknown_code(
            "$.indicator", code, (i.code for _, i in self.indicators()), "indicator")])

    def has_indicator(self, code: str) -> bool:
        """Whether the set has an indicator coded ``code``."""
        return any(i.code == code for _, i in self.indicators())

    def numbers(self) -> Iterator[CitedValue]:
        """Every legal number of the set with its path and provenance."""
        for c in self.criteria:
            if c.count_threshold is not None:
                t = c.count_threshold
                yield CitedValue(f"{c.code}.count", t.value, t.provenance)
            for i in c.indicators:
                if i.definition is not None:
                    yield CitedValue(f"{i.code}.definition", i.condition_en or i.name_en, i.definition)
                for t in i.thresholds:
                    yield CitedValue(f"{i.code}[{t.scope}]", t.value, t.provenance)
                for p in i.parameters:
                    yield CitedValue(f"{i.code}.{p.name}", p.value, p.provenance)

    def unverified(self, require: Status = Status.SECONDARY) -> tuple[CitedValue, ...]:
        """The numbers of this set whose status is below ``require``."""
        return tuple(n for n in self.numbers() if not n.provenance.status.at_least(require))

    def with_threshold(self, code: str, value: int | Decimal | str, *,
                       scope: Mapping[str, ScopeValue] | None = None, op: Comparator | None = None,
                       label: str = "") -> Ruleset:
        """A what-if copy with indicator ``code``'s threshold(s) changed (those matching ``scope``); each number
        changed is marked ``unverified`` as a scenario (see :mod:`ntp_criteria.catalogue.whatif`). ``op`` is a
        :class:`Comparator` or its value (``"<="``); ``scope`` a mapping of dimension names to values."""
        problems = check_text(code, "$.code", "an indicator code (text)") + check_text(label, "$.label", "text")
        comparator = comparator_of(op, "$.op", problems) if op is not None else None
        if scope is not None:
            problems += _scope_problems(scope, "$.scope")
        raise_problems(problems, "what-if")
        new_value = scenario_number(value, "$.value")
        indicator = self.indicator(code)
        hit = False
        thresholds = []
        for t in indicator.thresholds:
            if scope is None or all(t.scope.get(k) == v for k, v in scope.items()):
                hit = True
                name = label or f"{code}[{t.scope}] = {new_value}"
                thresholds.append(attrs.evolve(t, value=new_value, op=comparator or t.op,
                                               provenance=scenario_provenance(name, t.provenance)))
            else:
                thresholds.append(t)
        if not hit:
            raise InputError("what-if", [Problem("$.scope", f"no threshold of {code!r} matches "
                                                            f"{shown(dict(scope or {}))}")])
        return self.with_indicator(attrs.evolve(indicator, thresholds=tuple(thresholds)))

    def with_indicator(self, indicator: Indicator) -> Ruleset:
        """A copy with the indicator of the same code replaced by ``indicator``."""
        criteria = tuple(
            attrs.evolve(c, indicators=tuple(indicator if i.code == indicator.code else i for i in c.indicators))
            for c in self.criteria)
        return attrs.evolve(self, criteria=criteria)

    @property
    def period(self) -> str:
        """The validity period as text, e.g. ``"2022-01-01 – 2025-12-31"`` (``…`` when it has no end)."""
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.valid_from.isoformat()} – {end}"
