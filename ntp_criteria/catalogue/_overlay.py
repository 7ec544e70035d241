"""Provincial overlays applied to a ruleset: each provincial threshold checked against the national one.

Shared by :func:`ntp_criteria.catalogue.overlays.apply_overlay` (one overlay file on one ruleset) and the rules
packs that carry ``[[overlay]]`` tables (applied to a catalogue when it loads).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from ..core.errors import CriteriaError, Problem, RuleDataError
from ..core.model import Comparator, LegalInstrument, Ruleset, Threshold
from ._build import threshold_of
from ._schema import RawOverlay, RawOverlayFile, RawOverlayThreshold

__all__ = ["LooserThanNational", "RawOverlay", "RawOverlayFile", "RawOverlayThreshold", "overlaid"]


class LooserThanNational(CriteriaError):
    """An overlay threshold that loosens the national one (provinces may only be stricter)."""


def _stricter_or_equal(op: Comparator, national: Decimal, provincial: Decimal) -> bool:
    if op in (Comparator.GE, Comparator.GT):
        return provincial >= national
    if op in (Comparator.LE, Comparator.LT):
        return provincial <= national
    return provincial == national


def overlaid(ruleset: Ruleset, overlays: Iterable[RawOverlay], instrument: LegalInstrument, file: str,
             base: Ruleset, *, skip_other_families: bool) -> Ruleset:
    """``ruleset`` with the thresholds of ``overlays`` for its family, each checked against ``base`` (the
    national ruleset): the same comparison and unit, never looser. An overlay of another family is an error,
    or skipped with ``skip_other_families`` (a pack's overlays of several families)."""
    problems: list[Problem] = []
    for k, overlay in enumerate(overlays):
        if overlay.family != ruleset.family:
            if skip_other_families:
                continue
            problems.append(Problem(f"$.overlay[{k}].family", f"overlays {overlay.family!r}, not {ruleset.family!r}"))
            continue
        for j, item in enumerate(overlay.thresholds):
            path = f"$.overlay[{k}].thresholds[{j}]"
            new = threshold_of(item.threshold)
            if not ruleset.has_indicator(item.indicator):
                problems.append(Problem(f"{path}.indicator", f"no indicator {item.indicator!r} in {ruleset.cite}"))
                continue
            old = next((t for t in ruleset.indicator(item.indicator).thresholds if t.scope == new.scope), None)
            law = (next((t for t in base.indicator(item.indicator).thresholds if t.scope == new.scope), None)
                   if base.has_indicator(item.indicator) else None)
            if old is None or law is None:
                problems.append(Problem(path, f"no national threshold of {item.indicator!r} with scope {new.scope}"))
                continue
            if new.op is not law.op:
                problems.append(Problem(f"{path}.threshold.op", f"{new.op.value} where the national rule has "
                                                                f"{law.op.value}"))
                continue
            if new.unit != law.unit:
                problems.append(Problem(f"{path}.threshold.unit", f"{new.unit!r} where the national rule has "
                                                                  f"{law.unit!r}"))
                continue
            if not _stricter_or_equal(law.op, law.value, new.value):
                raise LooserThanNational(
                    f"{file} ({instrument.number}): {item.indicator} [{new.scope}] {new.op.value} {new.value} "
                    f"loosens the national {law.op.value} {law.value} ({law.provenance.cite}); "
                    "a province may only be stricter")
            ruleset = _replace(ruleset, item.indicator, old, new)
    if problems:
        raise RuleDataError(file, problems)
    return ruleset


def _replace(ruleset: Ruleset, code: str, old: Threshold, new: Threshold) -> Ruleset:
    criteria = tuple(
        attrs.evolve(c, indicators=tuple(
            attrs.evolve(i, thresholds=tuple(new if t is old else t for t in i.thresholds)) if i.code == code else i
            for i in c.indicators))
        for c in ruleset.criteria)
    return attrs.evolve(ruleset, criteria=criteria)
