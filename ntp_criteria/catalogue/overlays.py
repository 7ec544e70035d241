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
from decimal import Decimal

import attrs

from ..core._convert import structure
from ..core.errors import CriteriaError, InputError, Problem, RuleDataError
from ..core.model import Comparator, Ruleset, Threshold
from . import _schema as rd
from ._build import instrument_of, threshold_of

__all__ = ["LooserThanNational", "RawOverlay", "RawOverlayFile", "RawOverlayThreshold", "apply_overlay"]


class LooserThanNational(CriteriaError):
    """An overlay threshold that loosens the national one (provinces may only be stricter)."""


@attrs.frozen
class RawOverlayThreshold:
    """One ``[[overlay.thresholds]]`` entry as written: the indicator and its provincial threshold."""

    indicator: str
    threshold: rd.RawThreshold


@attrs.frozen
class RawOverlay:
    """One ``[[overlay]]`` table as written: the family it overlays and the thresholds it changes."""

    family: str
    thresholds: tuple[RawOverlayThreshold, ...]


@attrs.frozen
class RawOverlayFile:
    """An overlay file as written: its schema version, the provincial instrument and its overlays."""

    schema: int
    instrument: rd.RawInstrument
    overlay: tuple[RawOverlay, ...]


def _stricter_or_equal(op: Comparator, national: Decimal, provincial: Decimal) -> bool:
    if op in (Comparator.GE, Comparator.GT):
        return provincial >= national
    if op in (Comparator.LE, Comparator.LT):
        return provincial <= national
    return provincial == national


def apply_overlay(ruleset: Ruleset, text: str, file: str = "overlay.toml") -> Ruleset:
    """``ruleset`` with the overlay's stricter thresholds; the overlay's instrument joins ``amended_by``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(file, [Problem("$", f"not valid TOML: {exc}")]) from None
    try:
        raw = structure(data, RawOverlayFile, file)
    except InputError as exc:
        raise RuleDataError(file, exc.problems) from None
    instrument = instrument_of(raw.instrument)
    problems: list[Problem] = []
    for k, overlay in enumerate(raw.overlay):
        if overlay.family != ruleset.family:
            problems.append(Problem(f"$.overlay[{k}].family", f"overlays {overlay.family!r}, not {ruleset.family!r}"))
            continue
        for j, item in enumerate(overlay.thresholds):
            path = f"$.overlay[{k}].thresholds[{j}]"
            new = threshold_of(item.threshold)
            if not ruleset.has_indicator(item.indicator):
                problems.append(Problem(f"{path}.indicator", f"no indicator {item.indicator!r} in {ruleset.cite}"))
                continue
            old = next((t for t in ruleset.indicator(item.indicator).thresholds if t.scope == new.scope), None)
            if old is None:
                problems.append(Problem(path, f"no national threshold of {item.indicator!r} with scope {new.scope}"))
                continue
            if new.op is not old.op:
                problems.append(Problem(f"{path}.threshold.op", f"{new.op.value} where the national rule has "
                                                                f"{old.op.value}"))
                continue
            if not _stricter_or_equal(old.op, old.value, new.value):
                raise LooserThanNational(
                    f"{file} ({instrument.number}): {item.indicator} [{new.scope}] {new.op.value} {new.value} "
                    f"loosens the national {old.op.value} {old.value} ({old.provenance.cite}); "
                    "a province may only be stricter")
            ruleset = _replace(ruleset, item.indicator, old, new)
    if problems:
        raise RuleDataError(file, problems)
    return attrs.evolve(ruleset, amended_by=(*ruleset.amended_by, instrument))


def _replace(ruleset: Ruleset, code: str, old: Threshold, new: Threshold) -> Ruleset:
    criteria = tuple(
        attrs.evolve(c, indicators=tuple(
            attrs.evolve(i, thresholds=tuple(new if t is old else t for t in i.thresholds)) if i.code == code else i
            for i in c.indicators))
        for c in ruleset.criteria)
    return attrs.evolve(ruleset, criteria=criteria)
