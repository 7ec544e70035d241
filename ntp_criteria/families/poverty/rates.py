"""Poverty rates and Alkire-Foster measures over any iterable of households, in one pass and O(1) memory.

Rates follow MOLISA's published definitions: the poor-household rate and the near-poor rate over all
households, and the multidimensional poverty rate as their sum (poor + near-poor). The Alkire-Foster
measures apply to the deprivation part alone, with equal indicator weights and the ruleset's own cut-off
(3 indicators): headcount H, intensity A, adjusted headcount M0 = H × A, and the censored headcount of
each indicator. Weights (e.g. survey weights) are optional; all sums are exact (int or Decimal).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

import attrs

from ...catalogue import assess
from ...core._validate import check_number, shown
from ...core.errors import InputError, Problem
from ...core.exact import exact_arithmetic, percentage
from ...core.results import Assessment, ResultStatus
from ...core.subjects import Household
from ...engine import count_needed
from .rules import DEPRIVATION, HouseholdClass

__all__ = ["AlkireFoster", "PovertyRates", "intensity_sum", "poverty_rates"]

Number = int | Decimal


# a rate is read by the caller, under the caller's decimal context: both run under the library's
_pct = percentage


@exact_arithmetic
def _ratio(part: Number, whole: Number) -> Decimal | None:
    return None if whole == 0 else Decimal(part) / Decimal(whole)


@attrs.frozen
class AlkireFoster:
    """Alkire-Foster measures on the deprivation indicators (equal weights, cut-off k of d).

    Only households whose every deprivation indicator is decided take part (``population``); the others
    are counted in ``excluded``.
    """

    k: int
    d: int
    population: Number
    excluded: Number
    #: weighted count of households deprived on k or more indicators
    deprived: Number
    #: weighted sum of deprivation shares (count / d) over those households
    intensity_sum: Decimal
    censored: tuple[tuple[str, Number], ...]

    @property
    def headcount(self) -> Decimal | None:
        """H: the share of households deprived on k or more indicators."""
        return _ratio(self.deprived, self.population)

    @property
    def intensity(self) -> Decimal | None:
        """A: the average deprivation share among those households."""
        return _ratio(self.intensity_sum, self.deprived)

    @property
    def m0(self) -> Decimal | None:
        """M0 = H × A, the adjusted headcount ratio (also the mean censored deprivation share)."""
        return _ratio(self.intensity_sum, self.population)

    def censored_headcount(self) -> dict[str, Decimal | None]:
        """Per indicator: the share of households both deprived on k+ and deprived on that indicator."""
        return {code: _ratio(n, self.population) for code, n in self.censored}


@attrs.frozen
class PovertyRates:
    """Counts and rates of one population; rates are percentages (``4.03`` means 4.03 %)."""

    households: Number
    poor: Number
    near_poor: Number
    #: households whose class the facts did not decide (counted in ``households``)
    undecided: Number
    #: of those, how many could still be poor / near-poor
    possibly_poor: Number
    possibly_near_poor: Number
    alkire_foster: AlkireFoster | None

    @property
    def poor_pct(self) -> Decimal | None:
        """Poor households (hộ nghèo) as a percentage of all households (None for no households)."""
        return _pct(self.poor, self.households)

    @property
    def near_poor_pct(self) -> Decimal | None:
        """Near-poor households (hộ cận nghèo) as a percentage of all households (None for no households)."""
        return _pct(self.near_poor, self.households)

    @property
    def multidimensional_pct(self) -> Decimal | None:
        """Poor + near-poor households as a share of all households (MOLISA's published rate)."""
        return _pct(self.poor + self.near_poor, self.households)

    @property
    def exact(self) -> bool:
        """True when the rates are exact, not lower bounds: no household left undecided could still be poor or
        near-poor. A household above NĐ 351/2025's line has no decided class (the middle band is not in the data)
        but is certainly neither poor nor near-poor (its :class:`~ntp_criteria.PovertyStatus`), so it leaves the
        rates exact."""
        return self.possibly_poor == 0 and self.possibly_near_poor == 0

    def poor_pct_range(self) -> tuple[Decimal | None, Decimal | None]:
        """The poverty rate's lower and upper bounds: the households decided poor, then those that could still be."""
        return self.poor_pct, _pct(self.poor + self.possibly_poor, self.households)


@exact_arithmetic
def intensity_sum(count_sum: Number, d: int) -> Decimal:
    """The sum of deprivation shares (count / d) from the weighted sum of counts: one division, so the sum is the
    same whatever order, or however many parts, the households were added in."""
    return Decimal(count_sum) / d


def _assessments(items: Iterable[Assessment | Household]) -> Iterator[Assessment]:
    for i, item in enumerate(items):
        if isinstance(item, Household):
            yield assess(item)
        elif isinstance(item, Assessment) and any(c.code == DEPRIVATION for c in item.ruleset.criteria):
            yield item
        else:
            what = (f"an assessment of {item.ruleset.family}" if isinstance(item, Assessment) else shown(item))
            raise InputError("poverty_rates()", [Problem(f"$.items[{i}]", (
                f"expected a Household or its poverty assessment, got {what}"))])


def _collection(value: object, path: str, what: str) -> None:
    """A stream of values given as input: any iterable but a text (its letters) or a mapping (its keys)."""
    if isinstance(value, str | bytes | bytearray | memoryview | Mapping) or not isinstance(value, Iterable):
        raise InputError("poverty_rates()", [Problem(path, f"expected a list of {what}, got {shown(value)}")])


@attrs.define
class _Tally:
    """Running sums for one pass (O(1) memory: at most one counter per indicator)."""

    total: Number = 0
    poor: Number = 0
    near: Number = 0
    undecided: Number = 0
    maybe_poor: Number = 0
    maybe_near: Number = 0
    af_population: Number = 0
    af_excluded: Number = 0
    af_deprived: Number = 0
    #: the weighted sum of deprivation counts (divided by d once, at the end: exact, and equal however summed)
    af_count_sum: Number = 0
    censored: dict[str, Number] = attrs.Factory(dict)
    k: int = 0
    d: int = 0

    def add(self, a: Assessment, w: Number) -> None:
        self.total += w
        if a.outcome is HouseholdClass.POOR:
            self.poor += w
        elif a.outcome is HouseholdClass.NEAR_POOR:
            self.near += w
        elif a.outcome is None:
            self.undecided += w
            self.maybe_poor += w if HouseholdClass.POOR in a.candidates else 0
            self.maybe_near += w if HouseholdClass.NEAR_POOR in a.candidates else 0
        self._add_deprivations(a, w)

    def _add_deprivations(self, a: Assessment, w: Number) -> None:
        crit = a.ruleset.criterion(DEPRIVATION)
        cut = crit.count_threshold
        assert cut is not None
        shape = (count_needed(cut), len(crit.indicators))
        if self.d and shape != (self.k, self.d):
            # H, A and M0 over indicator sets of different sizes would be meaningless
            raise InputError("poverty_rates()", [Problem("$.items", (
                f"households assessed under different deprivation sets ({self.k} of {self.d} vs {shape[0]} of "
                f"{shape[1]}): compute the rates per standard"))])
        self.k, self.d = shape
        results = [r for r in a.indicators if r.criterion == DEPRIVATION]
        if not all(r.status.decided for r in results):
            self.af_excluded += w
            return
        self.af_population += w
        deprived = [r.code for r in results if r.status is ResultStatus.MET]
        if len(deprived) >= self.k:
            self.af_deprived += w
            self.af_count_sum += w * len(deprived)
            for code in deprived:
                self.censored[code] = self.censored.get(code, 0) + w

    def rates(self) -> PovertyRates:
        af = None
        if self.d:
            af = AlkireFoster(self.k, self.d, self.af_population, self.af_excluded, self.af_deprived,
                              intensity_sum(self.af_count_sum, self.d), tuple(sorted(self.censored.items())))
        return PovertyRates(self.total, self.poor, self.near, self.undecided, self.maybe_poor, self.maybe_near, af)


def poverty_rates(items: Iterable[Assessment | Household], weights: Iterable[Number] | None = None) -> PovertyRates:
    """Rates over households (or their assessments), streamed in one pass.

    ``weights``, when given, pairs one weight with each item (a list, a tuple or an iterator of the same length,
    checked): each an int or a finite Decimal ≥ 0 (never a float or a bool). Anything else is an
    :class:`~ntp_criteria.InputError` naming it.
    """
    _collection(items, "$.items", "households or assessments")
    if weights is not None and not isinstance(weights, list | tuple | Iterator):
        # paired with the items in order: a set has none, and a text or a mapping would give letters or keys
        raise InputError("poverty_rates()", [Problem("$.weights", (
            f"expected a list (or a one-shot iterator) of weights, one per household, got {shown(weights)}"))])
    tally = _Tally()
    ws: Iterator[Number] | None = iter(weights) if weights is not None else None
    n = 0
    for n, a in enumerate(_assessments(items), 1):
        w: Number = 1
        if ws is not None:
            try:
                w = next(ws)
            except StopIteration:
                raise InputError("poverty_rates()", [Problem("$.weights", (
                    f"fewer weights than households ({n - 1} for {n} or more)"))]) from None
            problems = check_number(w, f"$.weights[{n - 1}]", minimum=0)
            if problems:
                raise InputError("poverty_rates()", problems)
        tally.add(a, w)
    if ws is not None and next(ws, _END) is not _END:
        raise InputError("poverty_rates()", [Problem("$.weights", f"more weights than households ({n})")])
    return tally.rates()


_END = object()
