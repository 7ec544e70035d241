"""Three-valued logic that remembers which results decided it.

A verdict is True, False or unknown (None: data missing, or undecided in strict mode). Combining
verdicts follows Kleene's rules, so known facts still decide an outcome when they suffice ("income above
the line" decides "not poor" whatever the deprivations), and ``because`` keeps the codes of the results
the decision actually rests on, which is how an assessment knows which legal numbers it relied on.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["Verdict", "all_of", "any_of", "at_least"]


@attrs.frozen
class Verdict:
    """True, False or unknown (None), with the codes of the results the value rests on."""

    value: bool | None
    because: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        """Whether the verdict is True or False rather than unknown."""
        return self.value is not None

    def negate(self) -> Verdict:
        """Kleene NOT: True and False swap, unknown stays unknown; the reasons are kept."""
        return Verdict(None if self.value is None else not self.value, self.because)


_NO_CODES: frozenset[str] = frozenset()


def _merge(verdicts: Iterable[Verdict]) -> frozenset[str]:
    return _NO_CODES.union(*[v.because for v in verdicts])  # one set built, not one per verdict


def all_of(*verdicts: Verdict) -> Verdict:
    """Kleene AND: one known False decides (and is the only reason); else unknown if any is unknown."""
    for v in verdicts:
        if v.value is False:
            return v
    unknown = [v for v in verdicts if v.value is None]
    if unknown:
        return Verdict(None, _merge(unknown))
    return Verdict(True, _merge(verdicts))


def any_of(*verdicts: Verdict) -> Verdict:
    """Kleene OR: one known True decides; else unknown if any is unknown."""
    for v in verdicts:
        if v.value is True:
            return v
    unknown = [v for v in verdicts if v.value is None]
    if unknown:
        return Verdict(None, _merge(unknown))
    return Verdict(False, _merge(verdicts))


def at_least(needed: int, verdicts: Iterable[Verdict], *, extra: frozenset[str] = frozenset()) -> Verdict:
    """At least ``needed`` of ``verdicts`` are True; ``extra`` names the cut-off's own source."""
    vs = tuple(verdicts)
    true = [v for v in vs if v.value is True]
    unknown = [v for v in vs if v.value is None]
    if len(true) >= needed:
        return Verdict(True, _merge(true) | extra)
    if len(true) + len(unknown) < needed:
        # every known False matters: any of them turning True could change the answer
        return Verdict(False, _merge(v for v in vs if v.value is False) | extra)
    return Verdict(None, _merge(unknown) | extra)
