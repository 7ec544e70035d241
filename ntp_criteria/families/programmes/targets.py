"""Track programme targets: ``progress(target, observations)`` → achieved, not achieved or on track.

Observations are yearly values of the target's metric, each with its source; for a metric computed from
assessments (a share of communes meeting NTM, a poverty rate of households) they can be given as a batch
of assessments instead. Every progress report carries the target's citation and the status of every
number it used, so a report built on press figures says so.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from ...core._validate import check_fields, check_number, raise_problems, shown
from ...core.errors import InputError, Problem
from ...core.model import Comparator, Provenance, Status
from ...core.programme import Target, TargetKind
from ...core.results import Assessment

__all__ = ["Observation", "Progress", "ProgressStatus", "observe", "progress"]


@attrs.frozen
class Observation:
    """A value of a metric in a year, with its source."""

    year: int
    value: Decimal
    provenance: Provenance

    def __attrs_post_init__(self) -> None:
        problems = check_fields(self, skip=("value",))  # a computed share may carry every digit of the context
        v = self.value
        if isinstance(v, bool) or not isinstance(v, int | Decimal) or (isinstance(v, Decimal) and not v.is_finite()):
            problems.append(Problem("$.value", f"expected a finite int or Decimal (never a float), got {shown(v)}"))
        raise_problems(problems, "Observation")


class ProgressStatus(enum.Enum):
    """Where a target stands."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    #: the target year is not reached yet and the observed pace meets the target
    ON_TRACK = "on_track"
    #: the target year is not reached yet and the observed pace falls short
    OFF_TRACK = "off_track"
    #: not enough observations to judge (e.g. a change target with one year observed)
    MISSING = "missing"


@attrs.frozen
class Progress:
    """How far a target is met, with the gap, the citation and the status of each number used."""

    target: Target
    status: ProgressStatus
    #: the value compared with the target (a level, an average yearly change or a ratio)
    observed: Decimal | None
    #: how far the observed value is from the target (0 when met; positive = still to go)
    gap: Decimal | None
    explanation: str
    used: tuple[Observation, ...]

    @property
    def citation(self) -> str:
        """Where the target is set in law (the instrument and article)."""
        return self.target.provenance.cite

    @property
    def weakest_status(self) -> Status:
        """The least attested number the report rests on (target or observation)."""
        statuses = [self.target.provenance.status, *(o.provenance.status for o in self.used)]
        return min(statuses, key=lambda s: s.rank)


def observe(target: Target, assessments: Iterable[Assessment], year: int, provenance: Provenance) -> Observation:
    """The target's metric computed from a batch of assessments: the share (%) whose outcome counts."""
    _check_target(target, "observe()")
    problems = check_number(year, "$.year", whole=True)
    if not isinstance(provenance, Provenance):
        problems.append(Problem("$.provenance", f"expected a Provenance, got {shown(provenance)}"))
    if problems:
        raise InputError("observe()", problems)
    _check_stream(assessments, "$.assessments", "assessments", "observe()")
    if target.family is None or not target.outcomes:
        raise InputError("observe()", [Problem("$.target", f"target {target.id!r} is not computed from assessments")])
    total = counted = 0
    undecided = 0
    for k, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise InputError("observe()", [Problem(f"$.assessments[{k}]", f"expected an Assessment, got {shown(a)}")])
        if a.ruleset.family != target.family:
            raise InputError("observe()", [Problem("$.assessments", (
                f"an assessment of {a.ruleset.family!r}; target {target.id!r} counts {target.family!r}"))])
        total += 1
        if a.outcome is None:
            undecided += 1
        elif a.outcome.value in target.outcomes:
            counted += 1
    if undecided:
        raise InputError("observe()", [Problem("$.assessments", (
            f"{undecided} of {total} assessments are undecided: the share would be a guess"))])
    if total == 0:
        raise InputError("observe()", [Problem("$.assessments", "no assessments")])
    return Observation(year, Decimal(100 * counted) / total, provenance)


def _check_target(target: object, call: str) -> None:
    if not isinstance(target, Target):
        raise InputError(call, [Problem("$.target", f"expected a Target, got {shown(target)}")])


def _check_stream(value: object, path: str, what: str, call: str) -> None:
    """Values given as a stream: any iterable but a text (its letters) or a mapping (its keys)."""
    if isinstance(value, str | bytes | bytearray | memoryview | Mapping) or not isinstance(value, Iterable):
        raise InputError(call, [Problem(path, f"expected a list of {what}, got {shown(value)}")])


def _meets(op: Comparator, observed: Decimal, value: Decimal) -> tuple[bool, Decimal]:
    met = op.holds(observed, value)
    return met, Decimal(0) if met else abs(value - observed)


def progress(target: Target, observations: Iterable[Observation] | Mapping[int, Observation]) -> Progress:
    """Judge ``target`` against yearly observations of its metric."""
    _check_target(target, "progress()")
    if not isinstance(observations, Mapping):
        _check_stream(observations, "$.observations", "observations", "progress()")
    pairs = (((shown(k), o) for k, o in observations.items()) if isinstance(observations, Mapping)
             else enumerate(observations))
    obs = []
    for k, o in pairs:  # checked as they come: the first wrong one stops a stream that may be long
        if not isinstance(o, Observation):
            raise InputError("progress()", [Problem(f"$.observations[{k}]", f"expected an Observation, got "
                                                                            f"{shown(o)}")])
        obs.append(o)
    by_year = {o.year: o for o in obs}
    if len(by_year) != len(obs):
        raise InputError("progress()", [Problem("$.observations", "two observations for one year")])
    years = sorted(by_year)
    if not years:
        return Progress(target, ProgressStatus.MISSING, None, None, "no observations", ())
    if target.kind is TargetKind.LEVEL:
        return _level(target, by_year, years)
    if target.kind is TargetKind.CHANGE_PER_YEAR:
        return _change(target, by_year, years)
    return _ratio(target, by_year, years)


def _level(target: Target, by_year: dict[int, Observation], years: list[int]) -> Progress:
    final = by_year.get(target.by)
    if final is not None:
        met, gap = _meets(target.op, final.value, target.value)
        status = ProgressStatus.ACHIEVED if met else ProgressStatus.NOT_ACHIEVED
        return Progress(target, status, final.value, gap, f"{final.value} in {target.by} {target.op.value} "
                        f"{target.value} {target.unit}: {'met' if met else 'not met'}", (final,))
    latest = by_year[years[-1]]
    if years[-1] > target.by:
        return Progress(target, ProgressStatus.MISSING, None, None, f"no observation for {target.by}", ())
    met, gap = _meets(target.op, latest.value, target.value)
    if met:
        return Progress(target, ProgressStatus.ON_TRACK, latest.value, gap,
                        f"already {latest.value} in {latest.year}", (latest,))
    if len(years) < 2:
        return Progress(target, ProgressStatus.MISSING, latest.value, gap, "one year observed: no pace to project",
                        (latest,))
    first = by_year[years[0]]
    pace = (latest.value - first.value) / (latest.year - first.year)
    projected = latest.value + pace * (target.by - latest.year)
    ok, _ = _meets(target.op, projected, target.value)
    status = ProgressStatus.ON_TRACK if ok else ProgressStatus.OFF_TRACK
    return Progress(target, status, latest.value, gap,
                    f"{pace:+} {target.unit}/year since {first.year} projects {projected} in {target.by}",
                    (first, latest))


def _change(target: Target, by_year: dict[int, Observation], years: list[int]) -> Progress:
    if len(years) < 2:
        return Progress(target, ProgressStatus.MISSING, None, None, "a change needs two years observed",
                        tuple(by_year.values()))
    first, latest = by_year[years[0]], by_year[years[-1]]
    pace = (latest.value - first.value) / (latest.year - first.year)
    # value is the pace the law asks for (e.g. -1 for "falls at least 1 point a year"); op compares the pace
    met, gap = _meets(target.op, pace, target.value)
    finished = latest.year >= target.by
    status = (ProgressStatus.ACHIEVED if met else ProgressStatus.NOT_ACHIEVED) if finished else (
        ProgressStatus.ON_TRACK if met else ProgressStatus.OFF_TRACK)
    return Progress(target, status, pace, gap, f"average {pace:+} {target.unit}/year over {first.year}-{latest.year}",
                    (first, latest))


def _ratio(target: Target, by_year: dict[int, Observation], years: list[int]) -> Progress:
    assert target.base_year is not None  # checked when the data loads
    base = by_year.get(target.base_year)
    if base is None or base.value == 0:
        return Progress(target, ProgressStatus.MISSING, None, None, f"no base value for {target.base_year}", ())
    latest = by_year[years[-1]]
    ratio = latest.value / base.value
    met, gap = _meets(target.op, ratio, target.value)
    if latest.year >= target.by:
        status = ProgressStatus.ACHIEVED if met else ProgressStatus.NOT_ACHIEVED
        return Progress(target, status, ratio, gap, f"{latest.value} in {latest.year} is {ratio:.3f}x {base.year}",
                        (base, latest))
    if latest.year == base.year:
        return Progress(target, ProgressStatus.MISSING, ratio, gap, "only the base year observed", (base,))
    # straight-line growth from the base year, projected to the target year
    projected = 1 + (ratio - 1) * (target.by - base.year) / (latest.year - base.year)
    ok, _ = _meets(target.op, projected, target.value)
    return Progress(target, ProgressStatus.ON_TRACK if ok else ProgressStatus.OFF_TRACK, ratio, gap,
                    f"{ratio:.3f}x {base.year} in {latest.year}; projected {projected:.3f}x in {target.by}",
                    (base, latest))
