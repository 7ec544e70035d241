"""What-if scenarios: a new frozen ruleset with changed numbers, never a change to the law's data.

Every number a scenario changes is marked ``unverified`` with a note that it is a scenario, so an
assessment under it lists the scenario numbers it rests on and strict mode refuses them.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> rs = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
>>> higher = rs.with_threshold("income.line", 1_800_000, scope={"area": "rural"})
>>> higher.indicator("income.line").threshold_for({"area": "rural"}).value
Decimal('1800000')
>>> rs.indicator("income.line").threshold_for({"area": "rural"}).value   # the original is untouched
Decimal('1500000')

```
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from ..core._validate import check_text, raise_problems, shown
from ..core.errors import InputError, Problem
from ..core.model import Comparator, Ruleset, ScopeValue, scenario_number, scenario_provenance

__all__ = ["scenario_provenance", "with_count_threshold", "with_parameter", "with_threshold"]


def with_threshold(ruleset: Ruleset, code: str, value: int | Decimal | str, *,
                   scope: Mapping[str, ScopeValue] | None = None, op: Comparator | None = None,
                   label: str = "") -> Ruleset:
    """A copy of ``ruleset`` with indicator ``code``'s threshold(s) changed (those matching ``scope``)."""
    _check_ruleset(ruleset)
    return ruleset.with_threshold(code, value, scope=scope, op=op, label=label)


def with_parameter(ruleset: Ruleset, code: str, name: str, value: int | Decimal | str | tuple[str, ...],
                   label: str = "") -> Ruleset:
    """A copy of ``ruleset`` with a measure parameter of indicator ``code`` changed: a number for a numeric
    parameter (an int, a Decimal or a decimal string), a tuple of texts for a list of accepted kinds."""
    _check_ruleset(ruleset)
    raise_problems(check_text(code, "$.code", "an indicator code (text)")
                   + check_text(name, "$.name", "a parameter name (text)") + check_text(label, "$.label", "text"),
                   "what-if")
    indicator = ruleset.indicator(code)
    old = indicator.parameter(name)
    new: Decimal | tuple[str, ...]
    if isinstance(old.value, tuple):
        if not isinstance(value, tuple) or not all(isinstance(k, str) for k in value):
            raise InputError("what-if", [Problem("$.value", f"{code}.{name} is a list of kinds: expected a tuple of "
                                                            f"texts, got {shown(value)}")])
        new = value
    elif isinstance(value, tuple):
        raise InputError("what-if", [Problem("$.value", f"{code}.{name} is a number: expected an int, Decimal or "
                                                        f"decimal string, got {shown(value)}")])
    else:
        new = scenario_number(value, "$.value")
    prov = scenario_provenance(label or f"{code}.{name} = {value}", old.provenance)
    params = tuple(attrs.evolve(p, value=new, provenance=prov) if p.name == name else p for p in indicator.parameters)
    return ruleset.with_indicator(attrs.evolve(indicator, parameters=params))


def with_count_threshold(ruleset: Ruleset, criterion: str, value: int, label: str = "") -> Ruleset:
    """A copy of ``ruleset`` with the count cut-off of a criterion changed (e.g. 3 deprivations → 2)."""
    _check_ruleset(ruleset)
    raise_problems(check_text(criterion, "$.criterion", "a criterion code (text)")
                   + check_text(label, "$.label", "text"), "what-if")
    c = ruleset.criterion(criterion)
    if c.count_threshold is None:
        raise InputError("what-if", [Problem("$.criterion", f"{criterion!r} has no count cut-off")])
    number = scenario_number(value, "$.value")
    prov = scenario_provenance(label or f"{criterion}.count = {value}", c.count_threshold.provenance)
    cut = attrs.evolve(c.count_threshold, value=number, provenance=prov)
    criteria = tuple(attrs.evolve(x, count_threshold=cut) if x.code == criterion else x for x in ruleset.criteria)
    return attrs.evolve(ruleset, criteria=criteria)


def _check_ruleset(ruleset: object) -> None:
    if not isinstance(ruleset, Ruleset):
        raise InputError("what-if", [Problem("$.ruleset", f"expected a Ruleset, got {shown(ruleset)}")])
