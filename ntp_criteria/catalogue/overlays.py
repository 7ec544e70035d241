"""Provincial overlays: a province's stricter criteria set loaded on top of the national ruleset.

A province may raise national levels (e.g. Cần Thơ's QĐ 3429/QĐ-UBND of 2022 for its communes), never
lower them. An overlay file names its own instrument and, for each threshold it changes, the indicator
and the national threshold's scope; a value looser than the national one is refused with an error
naming the overlay, the indicator and both values.

    schema = 1
    [instrument]                # the provincial decision, as in any rules file
    ...
    [[overlay]]
    family = "ntm.commune"
    [[overlay.thresholds]]
    indicator = "2.2"
    threshold = { region = "dbscl", op = ">=", value = 90, unit = "%", source = { cite = "…", status = "…" } }
"""

from __future__ import annotations

import tomllib

import attrs

from ..core._convert import structure
from ..core._validate import check_text, raise_problems, shown
from ..core.errors import InputError, Problem, RuleDataError
from ..core.model import SCENARIO_PREFIX, Ruleset
from . import _schema as rd
from ._build import instrument_of
from ._default import default_catalogue
from ._overlay import LooserThanNational, RawOverlay, RawOverlayFile, RawOverlayThreshold, overlaid

__all__ = ["LooserThanNational", "RawOverlay", "RawOverlayFile", "RawOverlayThreshold", "apply_overlay"]


def apply_overlay(ruleset: Ruleset, text: str, file: str = "overlay.toml", *, national: Ruleset | None = None
                  ) -> Ruleset:
    """``ruleset`` with the overlay's stricter thresholds, in force from the overlay's own date; the overlay's
    instrument joins ``amended_by``.

    Each provincial threshold is compared with the **national** one, never with an intermediate ruleset (a
    what-if, an earlier overlay): ``national`` is that ruleset, by default the package's ruleset of the same
    family and instrument, or ``ruleset`` itself when it holds no scenario number. A provincial threshold must
    have the national one's comparison and unit, and the file its schema version."""
    problems = []
    if not isinstance(ruleset, Ruleset):
        problems.append(Problem("$.ruleset", f"expected a Ruleset, got {shown(ruleset)}"))
    if national is not None and not isinstance(national, Ruleset):
        problems.append(Problem("$.national", f"expected a Ruleset or None, got {shown(national)}"))
    problems += check_text(text, "$.text", "the overlay's TOML text (str)")
    problems += check_text(file, "$.file", "a file name (text)")
    raise_problems(problems, "apply_overlay()")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(file, [Problem("$", f"not valid TOML: {exc}")]) from None
    try:
        raw = structure(data, RawOverlayFile, file)
    except InputError as exc:
        raise RuleDataError(file, exc.problems) from None
    if raw.schema != rd.SCHEMA_VERSION:
        raise RuleDataError(file, [Problem("$.schema", f"schema {raw.schema} is not {rd.SCHEMA_VERSION}")])
    instrument = instrument_of(raw.instrument)
    base = _national(ruleset, national, file)
    applies_from = max(ruleset.valid_from, instrument.effective or instrument.signed)
    if ruleset.valid_to is not None and applies_from > ruleset.valid_to:
        raise RuleDataError(file, [Problem("$.instrument", (
            f"{instrument.number} applies from {applies_from.isoformat()}, after {ruleset.family} "
            f"({ruleset.instrument.number}) ended on {ruleset.valid_to.isoformat()}"))])
    ruleset = overlaid(ruleset, raw.overlay, instrument, file, base, skip_other_families=False)
    return attrs.evolve(ruleset, amended_by=(*ruleset.amended_by, instrument), valid_from=applies_from)


def _is_scenario(ruleset: Ruleset) -> bool:
    return any(n.provenance.cite.startswith(SCENARIO_PREFIX) for n in ruleset.numbers())


def _national(ruleset: Ruleset, national: Ruleset | None, file: str) -> Ruleset:
    """The national ruleset an overlay of ``ruleset`` is checked against (see :func:`apply_overlay`)."""
    if national is not None:
        if national.family != ruleset.family or _is_scenario(national):
            raise RuleDataError(file, [Problem("$", f"national= must be the national {ruleset.family} ruleset, "
                                                    "with no scenario number")])
        return national
    for rs in default_catalogue().rulesets:
        if (rs.family == ruleset.family and rs.instrument.id == ruleset.instrument.id
                and rs.in_force(ruleset.valid_from)):
            return rs
    if _is_scenario(ruleset):
        raise RuleDataError(file, [Problem("$", (
            f"{ruleset.family} holds what-if numbers and is not the package's own: pass national= to check "
            "the overlay against the law, not the scenario"))])
    return ruleset
