"""Households assessed from raw facts one at a time without the general engine, the explanation built on demand.

:class:`HouseholdScorer` reads a ``poverty.household`` ruleset once: each deprivation indicator's parameters (ages,
accepted kinds of water source, latrine, waste handling and device) and thresholds into plain look-up values,
and the outcome rule into a table of decisions that the engine itself fills in when the scorer is built (the class
and the classes still possible for each side of every income threshold of each area, and each verdict of the
deprivation count: nothing of the outcome rule is restated here). :meth:`HouseholdScorer.score` then reads a
:class:`~ntp_criteria.Household`'s members, dwelling and devices in one pass and gives a :class:`HouseholdScore`:
the class as :func:`~ntp_criteria.assess` decides it (None where it leaves it open, e.g. income not recorded),
the classes still possible, each deprivation indicator's status (met, not met, missing) and the count, in a few
µs. The full :class:`~ntp_criteria.Assessment`, with every result cited and the explanation, is built by the
engine when asked (:meth:`HouseholdScore.assessment`, :meth:`HouseholdScore.explain`).

The engine stays the reference: property tests check the scorer against :func:`~ntp_criteria.assess` household by
household, for every ruleset in force 2016-2030, with missing facts and boundary values. What the scorer does not
read exactly as the engine does goes to the engine, which builds the score from its assessment: a household with
the surveyor's flags or a recorded deprivation count (the engine checks them against the facts), a reference
date outside the ruleset's period (the engine refuses it), or a ruleset whose shape the scorer does not know
(:func:`fast_support` says why). Shares (floor area per person, the dependants' share) are divided as the measures
divide them, under the library's decimal context, and compared by the engine's own ``compare``, once per distinct
value. A scorer may be shared between threads: it only ever adds entries to its look-up tables.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from ntp_criteria.families.poverty.fast import HouseholdScorer
>>> scorer = HouseholdScorer(ntp.ruleset("poverty.household", on=dt.date(2024, 6, 1)))
>>> hh = ntp.Household(area="rural", reference_date=dt.date(2024, 6, 1), monthly_income_per_capita=1_200_000,
...                    members=(ntp.Member(age=40, health_insured=False, employment="unemployed"),),
...                    dwelling=ntp.Dwelling(water_source="surface"))
>>> s = scorer.score(hh)
>>> s.deprived, s.deprivation_count, s.outcome
(('employment', 'health_insurance', 'water'), 3, <HouseholdClass.POOR: 'poor'>)
>>> s.assessment() == ntp.assess(hh)
True

```
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

from ...catalogue import Catalogue, assess
from ...catalogue import ruleset as _ruleset
from ...core.exact import exact_arithmetic
from ...core.model import Indicator, Ruleset, Threshold
from ...core.results import Assessment, Observed, Outcome, ResultStatus
from ...core.subjects import Area, Device, Dwelling, EducationLevel, Employment, Household
from ...engine import count_needed
from ...engine.reference import compare
from ...engine.registry import outcome_rule_named
from ._shape import shape_problem
from .rules import DEPRIVATION, FAMILY, HouseholdClass, PovertyStatus, poverty_status_of

__all__ = ["HouseholdScore", "HouseholdScorer", "fast_support"]

_INCOME = "household.monthly_income_per_capita"
# the measures the scorer reads in its one pass (each the twin of the measure of that name in ``measures``)
_MEMBER_MEASURES = frozenset({
    "household.employment", "household.malnourished_child", "household.uninsured_member", "household.health_access",
    "household.adult_education", "household.child_schooling", "household.no_internet_user",
    "household.no_phone_or_internet_user", "household.dependant_share", "household.floor_area_per_person"})
_DWELLING_MEASURES = frozenset({
    "household.unclean_water", "household.unhygienic_latrine", "household.untreated_waste",
    "household.non_durable_structures", "household.no_information_device",
    "household.no_information_asset_or_loudspeaker"})
_MEASURES = _MEMBER_MEASURES | _DWELLING_MEASURES
# compared against one threshold (the others are yes/no)
_VALUE_MEASURES = frozenset({"household.dependant_share", "household.non_durable_structures",
                             "household.floor_area_per_person"})

# the credential a member of an age must hold (``adult_education`` of the measures: lower secondary, or from
# ``upper_secondary_from_age`` upper secondary or a vocational credential), by identity: enum members are
# singletons, and hashing one runs Python code
_LOWER = frozenset(map(id, (EducationLevel.LOWER_SECONDARY, EducationLevel.UPPER_SECONDARY,
                            EducationLevel.VOCATIONAL, EducationLevel.TERTIARY)))
_UPPER = frozenset(map(id, (EducationLevel.UPPER_SECONDARY, EducationLevel.VOCATIONAL, EducationLevel.TERTIARY)))
_UNEMPLOYED, _NO_CONTRACT = Employment.UNEMPLOYED, Employment.WAGE_WITHOUT_CONTRACT
#: the most entries a scorer remembers of the statuses of shares (dependants, floor area per person)
_REMEMBERED = 1 << 16
_NEVER = dt.date.max


def fast_support(ruleset: Ruleset) -> str | None:
    """None when :class:`HouseholdScorer` scores households of ``ruleset`` itself, else why the engine must."""
    if ruleset.family != FAMILY:
        return f"a {ruleset.family} ruleset, not {FAMILY}"
    if not outcome_rule_named(ruleset.outcome).by_status:
        return f"the outcome rule {ruleset.outcome!r} reads more than the results' statuses"
    why = shape_problem(ruleset)
    if why is not None:
        return why
    seen: set[str] = set()
    for c in ruleset.criteria:
        for i in c.indicators:
            if i.measure == _INCOME:
                if c.code == DEPRIVATION:
                    return f"indicator {i.code}: income among the deprivations"
            elif c.code != DEPRIVATION:
                return f"indicator {i.code} outside the deprivation criterion"
            elif i.measure not in _MEASURES:
                return f"no fast form of the measure {i.measure!r}"
            elif i.measure in seen:
                return f"the measure {i.measure!r} named twice"
            elif i.measure in _VALUE_MEASURES:
                if len(i.thresholds) != 1 or i.thresholds[0].scope.dimensions():
                    return f"indicator {i.code}: one threshold for the whole country expected"
            elif i.thresholds:
                return f"indicator {i.code}: a yes/no measure with a threshold"
            if i.measure is not None:
                seen.add(i.measure)
    return None


class _Score(NamedTuple):
    household: Household
    #: (the class or None, the classes still possible, the designations), shared by every score of a kind
    decision: tuple[Outcome | None, tuple[Outcome, ...], tuple[tuple[str, bool | None], ...]]
    #: bit ``i`` set: the ``i``-th deprivation indicator (law's order) is met
    met_bits: int
    #: bit ``i`` set: the ``i``-th deprivation indicator is missing (or undecided)
    missing_bits: int
    scorer: HouseholdScorer
    #: the engine's assessment, when the engine scored the household
    engine_assessment: Assessment | None


class HouseholdScore(_Score):
    """One household's class, the classes still possible and its deprivations, as :func:`~ntp_criteria.assess`
    decides them; :meth:`assessment` and :meth:`explain` build the rest with the engine when asked.

    Immutable and small (a tuple of its household, the decision it shares with every household decided alike,
    two bit masks, its scorer, and the engine's assessment when the engine scored it)."""

    __slots__ = ()

    @property
    def ruleset(self) -> Ruleset:
        """The ruleset the household was scored against."""
        return self.scorer.ruleset

    @property
    def outcome(self) -> Outcome | None:
        """The household's class (:class:`~ntp_criteria.HouseholdClass`), or None where the facts leave it open."""
        return self.decision[0]

    @property
    def candidates(self) -> tuple[Outcome, ...]:
        """The classes still possible, in the order :attr:`~ntp_criteria.Assessment.candidates` gives them."""
        return self.decision[1]

    @property
    def designations(self) -> tuple[tuple[str, bool | None], ...]:
        """Further designations the ruleset makes (the low-income worker), as the assessment gives them."""
        return self.decision[2]

    @property
    def status(self) -> PovertyStatus:
        """Poor, near-poor, neither, or undecided (what :attr:`~ntp_criteria.Assessment.partial_outcome` says)."""
        return poverty_status_of(c for c in self.candidates if isinstance(c, HouseholdClass))

    @property
    def deprivation_count(self) -> int:
        """How many deprivation indicators are met."""
        return self.met_bits.bit_count()

    @property
    def deprived(self) -> tuple[str, ...]:
        """The codes of the deprivation indicators met, in the law's order."""
        return tuple(c for i, c in enumerate(self.scorer.codes) if self.met_bits >> i & 1)

    @property
    def missing(self) -> tuple[str, ...]:
        """The codes of the deprivation indicators the facts given leave open, in the law's order."""
        return tuple(c for i, c in enumerate(self.scorer.codes) if self.missing_bits >> i & 1)

    def statuses(self) -> dict[str, ResultStatus]:
        """Each deprivation indicator's status by code, in the law's order (what the assessment's results say)."""
        if self.engine_assessment is not None:
            return {code: self.engine_assessment.result(code).status for code in self.scorer.codes}
        met, missing = self.met_bits, self.missing_bits
        return {code: (ResultStatus.MET if met >> i & 1 else ResultStatus.MISSING if missing >> i & 1
                       else ResultStatus.NOT_MET) for i, code in enumerate(self.scorer.codes)}

    def assessment(self) -> Assessment:
        """The full assessment, with every result and the numbers it rests on: built by the engine now (or the one it
        built when it scored the household), equal to ``ntp.assess(household, ruleset)``."""
        if self.engine_assessment is not None:
            return self.engine_assessment
        return assess(self.household, self.scorer.ruleset, catalogue=self.scorer.catalogue)

    def explain(self, lang: str = "vi") -> str:
        """The assessment's explanation in Vietnamese (``"vi"``) or English (``"en"``), built by the engine now."""
        return self.assessment().explain(lang)


_Decision = tuple[Outcome | None, tuple[Outcome, ...], tuple[tuple[str, bool | None], ...]]


class HouseholdScorer:
    """A ``poverty.household`` ruleset as plain look-up values; :meth:`score` assesses one household from its raw
    facts as :func:`~ntp_criteria.assess` does, without building the assessment.

    Built once per ruleset (a few ms: the engine decides each kind of household once here). Any
    ``poverty.household`` ruleset is accepted; one :func:`fast_support` refuses is scored by the engine throughout
    (:attr:`unsupported` says why). ``catalogue`` is the catalogue :meth:`HouseholdScore.assessment` assesses in
    (the package's own by default). Not strict: a strict assessment is :func:`~ntp_criteria.assess`'s."""

    def __init__(self, ruleset: Ruleset, catalogue: Catalogue | None = None) -> None:
        if not isinstance(ruleset, Ruleset):
            raise TypeError(f"expected a Ruleset, got {type(ruleset).__name__}")
        self.ruleset = ruleset
        self.catalogue = catalogue
        #: why the engine scores every household of this ruleset (None: the scorer does)
        self.unsupported = fast_support(ruleset)
        #: the deprivation indicators' codes, in the law's order (bit ``i`` of a score's masks is the ``i``-th)
        self.codes: tuple[str, ...] = next((tuple(i.code for i in c.indicators) for c in ruleset.criteria
                                            if c.code == DEPRIVATION), ())
        self._score: Callable[[Household], HouseholdScore | None] = lambda household: None
        if self.unsupported is None:
            try:
                self._compile()
            except _Unsupported as why:
                self.unsupported = str(why)

    @classmethod
    def in_force(cls, on: dt.date, catalogue: Catalogue | None = None) -> HouseholdScorer:
        """The scorer of the ``poverty.household`` ruleset in force on ``on`` (in ``catalogue`` or the package's)."""
        return cls(_ruleset(FAMILY, on, catalogue=catalogue), catalogue)

    def score(self, household: Household) -> HouseholdScore:
        """``household``'s class, classes still possible and deprivations under the scorer's ruleset, as
        ``ntp.assess(household, ruleset)`` gives them; what it cannot score itself it gives the engine (which raises
        the :class:`~ntp_criteria.InputError` the engine raises, e.g. for a date outside the ruleset's period)."""
        found = self._score(household)
        if found is not None:
            return found
        return self.of_assessment(household, assess(household, self.ruleset, catalogue=self.catalogue))

    def of_assessment(self, household: Household, assessment: Assessment) -> HouseholdScore:
        """The score the engine's ``assessment`` of ``household`` gives (it keeps the assessment)."""
        met = missing = 0
        for i, code in enumerate(self.codes):
            status = assessment.result(code).status
            if status is ResultStatus.MET:
                met |= 1 << i
            elif status is ResultStatus.MISSING or status is ResultStatus.UNDECIDED:
                missing |= 1 << i
        decision = (assessment.outcome, assessment.candidates, assessment.designations)
        return HouseholdScore(household, decision, met, missing, self, assessment)

    # --- building the scorer -------------------------------------------------------------------------------------

    @exact_arithmetic
    def _compile(self) -> None:
        rs = self.ruleset
        dep = rs.criterion(DEPRIVATION)
        cut = dep.count_threshold
        assert cut is not None  # fast_support checked it
        self._needed = count_needed(cut)
        lines = {area: sorted({_plain(t.value) for _, i in rs.indicators() if i.measure == _INCOME
                               for t in i.thresholds if t.scope.matches({"area": area})})
                 for area in ("rural", "urban")}
        self._decisions = {area: self._decide_each(area, lines[area]) for area in lines}
        self._score = _compile_score(self, dep.indicators, lines)

    def _decide_each(self, area: str, lines: list[Decimal | int]) -> list[list[_Decision]]:
        """What the engine decides for a household of ``area`` on each side of every income threshold (and income not
        recorded, last), for each verdict of the deprivation count (not met, unknown, met): ``[side][verdict]``."""
        incomes: list[Decimal | int | None] = []
        for k, line in enumerate(lines):
            if k:
                below: Decimal | int | None = (Decimal(lines[k - 1]) + Decimal(line)) / 2
            else:  # no income is below 0 (the household refuses it): that side is empty, decided as not recorded
                below = line - 1 if line >= 1 else Decimal(line) / 2 if line > 0 else None
            incomes += [below, line]
        incomes += [(lines[-1] + 1) if lines else 0, None]
        # a verdict no count gives (none unknown with a cut-off of 0, say) is never looked up: it gets a stand-in
        most = len(self.codes)
        options = ((False, self._needed > 0), (None, 1 <= self._needed <= most), (True, self._needed <= most))
        stand_in = next((v for v, possible in options if possible), True)
        verdicts = [v if possible else stand_in for v, possible in options]
        return [[self._decide_one(area, income, verdict) for verdict in verdicts] for income in incomes]

    def _decide_one(self, area: str, income: Decimal | int | None, verdict: bool | None) -> _Decision:
        """The engine's decision for a household of ``area`` with ``income`` whose deprivation count gives
        ``verdict``, from the surveyor's flags alone (checked: the count must give that verdict)."""
        codes, needed = self.codes, self._needed
        if verdict is True:
            deprived, not_deprived = codes[:needed], codes[needed:]
        elif verdict is False:
            deprived, not_deprived = (), codes
        else:  # one fewer than needed met, and one indicator open
            deprived, not_deprived = codes[:needed - 1], codes[needed:]
        on = self.ruleset.valid_from
        hh = Household(area=area, reference_date=on, monthly_income_per_capita=income, deprived=frozenset(deprived),
                       not_deprived=frozenset(not_deprived))
        a = assess(hh, self.ruleset, catalogue=self.catalogue)
        want = {True: ResultStatus.MET, False: ResultStatus.NOT_MET, None: ResultStatus.MISSING}[verdict]
        if a.criterion(DEPRIVATION).status is not want:  # an indicator decided without facts: the engine scores
            raise _Unsupported(f"the deprivation count of flags {sorted(deprived)} is not {want.value}")
        return (a.outcome, a.candidates, a.designations)


class _Unsupported(Exception):
    """A ruleset the scorer finds it cannot score as the engine does, while building itself (the engine then does)."""


def _plain(value: Decimal) -> Decimal | int:
    """A whole-đồng limit as int: int-to-int comparison is exact and cheaper than int-to-Decimal."""
    return int(value) if value == value.to_integral_value() else value


@exact_arithmetic
def _share_status(low: Decimal | int, high: Decimal | int, n: int, threshold: Threshold) -> int:
    """1 met, 0 not met, -1 missing: the engine's ``compare`` of the share ``low / n`` to ``high / n`` (divided as
    the measures divide it, under the library's decimal context) with ``threshold``."""
    return _status_of(Observed(Decimal(low) / n, Decimal(high) / n), threshold)


def _status_of(observed: Observed, threshold: Threshold) -> int:
    """1 met, 0 not met, -1 missing: the engine's ``compare`` of a value (or interval) with a threshold."""
    found = compare(observed, threshold)
    return 1 if found is ResultStatus.MET else 0 if found is ResultStatus.NOT_MET else -1


def _remembered(compute: Callable[..., int]) -> Callable[..., int]:
    """``compute`` remembered by its arguments (up to :data:`_REMEMBERED` entries; past that computed each time)."""
    seen: dict[tuple[object, ...], int] = {}

    def status(*key: object) -> int:
        found = seen.get(key)
        if found is None:
            found = compute(*key)
            if len(seen) < _REMEMBERED:
                seen[key] = found
        return found

    return status


def _compile_score(scorer: HouseholdScorer, indicators: Iterable[Indicator],  # noqa: PLR0915 - one pass, on purpose
                   lines: dict[str, list[Decimal | int]]) -> Callable[[Household], HouseholdScore | None]:
    """The function scoring one household under ``scorer``'s ruleset, or None for one the engine must score.

    Every fact is read once, in one pass over the members and one over the dwelling; the statuses go straight into
    two bit masks (met, missing). A measure the ruleset does not name has bit 0 and changes nothing."""
    bits: dict[str, int] = {}
    params: dict[str, Indicator] = {}
    for k, ind in enumerate(indicators):
        name = ind.measure or ""
        bits[name] = 1 << k
        params[name] = ind

    def bit(name: str) -> int:
        return bits.get(name, 0)

    def number(name: str, parameter: str, default: int) -> int:
        ind = params.get(name)
        return default if ind is None else int(ind.parameter(parameter).number())

    def kinds(name: str, parameter: str) -> frozenset[str]:
        ind = params.get(name)
        return frozenset() if ind is None else frozenset(ind.parameter(parameter).kinds())

    b_emp, b_mal, b_uni, b_hea = (bit("household.employment"), bit("household.malnourished_child"),
                                  bit("household.uninsured_member"), bit("household.health_access"))
    b_edu, b_sch = bit("household.adult_education"), bit("household.child_schooling")
    b_net, b_phone = bit("household.no_internet_user"), bit("household.no_phone_or_internet_user")
    b_dep, b_area = bit("household.dependant_share"), bit("household.floor_area_per_person")
    b_water, b_latrine, b_waste = (bit("household.unclean_water"), bit("household.unhygienic_latrine"),
                                   bit("household.untreated_waste"))
    b_walls, b_device = bit("household.non_durable_structures"), bit("household.no_information_device")
    b_speaker = bit("household.no_information_asset_or_loudspeaker")
    any_member = b_emp | b_mal | b_uni | b_hea | b_edu | b_sch
    every_member = any_member | b_net | b_phone | b_dep | b_area  # all MISSING for a household without members
    mal_under = number("household.malnourished_child", "age_under", 0)
    uni_from = number("household.uninsured_member", "age_from", 1 << 30)
    edu_from, edu_to = (number("household.adult_education", "age_from", 1),
                        number("household.adult_education", "age_to", 0))
    edu_ind = params.get("household.adult_education")
    upper_from = (number("household.adult_education", "upper_secondary_from_age", 0) if edu_ind is not None and any(
        p.name == "upper_secondary_from_age" for p in edu_ind.parameters)
                  else 1 << 30)
    sch_from, sch_to = (number("household.child_schooling", "age_from", 1),
                        number("household.child_schooling", "age_to", 0))
    clean, hygienic = (kinds("household.unclean_water", "clean_sources"),
                       kinds("household.unhygienic_latrine", "hygienic_types"))
    treated = kinds("household.untreated_waste", "treated")
    devices = frozenset(Device(v) for v in kinds("household.no_information_device", "devices"))
    speaker_devices = frozenset(Device(v) for v in kinds("household.no_information_asset_or_loudspeaker", "devices"))

    # values compared against a threshold: the engine's own comparison, once per distinct value
    dep_status = area_status = None
    if b_dep:
        t_dep = params["household.dependant_share"].thresholds[0]
        dep_status = _remembered(lambda known, unknown, n: _share_status(100 * known, 100 * (known + unknown), n,
                                                                         t_dep))
    structures: list[list[int]] = []
    if b_walls:
        t_walls = params["household.non_durable_structures"].thresholds[0]
        structures = [[_status_of(Observed(bad, bad + unknown), t_walls) for unknown in range(4 - bad)]
                      for bad in range(4)]
    if b_area:
        t_area = params["household.floor_area_per_person"].thresholds[0]
        area_status = _remembered(lambda area, n: _share_status(area, area, n, t_area))

    start, end = scorer.ruleset.valid_from, scorer.ruleset.valid_to or _NEVER
    rural_lines, urban_lines = lines["rural"], lines["urban"]
    rural, urban = scorer._decisions["rural"], scorer._decisions["urban"]
    needed = scorer._needed
    household_class, new, urban_area = Household, tuple.__new__, Area.URBAN

    def score(h: Household) -> HouseholdScore | None:  # noqa: PLR0915 - one pass over the facts, on purpose
        if h.__class__ is not household_class or h.deprived or h.not_deprived or h.deprivation_count is not None:
            return None  # the engine checks recorded flags and counts against the facts
        on = h.reference_date
        if not start <= on <= end:
            return None  # the engine refuses it, naming the ruleset's period
        members = h.members
        met = missing = 0
        if not members:
            missing = every_member
        else:
            unknown = 0
            dependants = dependants_unknown = 0
            net_yes = net_unknown = phone_yes = phone_unknown = False
            for m in members:
                age = m.age
                e = m.employment
                if e is None:
                    unknown |= b_emp
                elif e is _UNEMPLOYED or e is _NO_CONTRACT:
                    met |= b_emp
                if age < mal_under:
                    x = m.malnourished
                    if x is True:
                        met |= b_mal
                    elif x is None:
                        unknown |= b_mal
                if age >= uni_from:
                    x = m.health_insured
                    if x is False:
                        met |= b_uni
                    elif x is None:
                        unknown |= b_uni
                x = m.ill_without_treatment
                if x is True:
                    met |= b_hea
                elif x is None:
                    unknown |= b_hea
                school = m.in_school
                if edu_from <= age <= edu_to and school is not True:
                    edu = m.education
                    if edu is None or id(edu) not in (_UPPER if age >= upper_from else _LOWER):
                        if edu is None or school is None:
                            unknown |= b_edu
                        else:
                            met |= b_edu
                if sch_from <= age <= sch_to:
                    if school is False:
                        met |= b_sch
                    elif school is None:
                        unknown |= b_sch
                x = m.dependant
                if x is True:
                    dependants += 1
                elif x is None:
                    dependants_unknown += 1
                x = m.uses_internet
                if x is True:
                    net_yes = True
                elif x is None:
                    net_unknown = True
                x = m.uses_phone
                if x is True:
                    phone_yes = True
                elif x is None:
                    phone_unknown = True
            missing = unknown & ~met
            # no member uses the internet (a phone): met when every member is known not to
            if net_yes:
                pass
            elif net_unknown:
                missing |= b_net
            else:
                met |= b_net
            if net_yes or phone_yes:
                pass
            elif phone_unknown or net_unknown:
                missing |= b_phone
            else:
                met |= b_phone
            n = len(members)
            if dep_status is not None:
                s = dep_status(dependants, dependants_unknown, n)
                if s > 0:
                    met |= b_dep
                elif s < 0:
                    missing |= b_dep
            if area_status is not None:
                area = h.dwelling.floor_area_m2
                if area is None:
                    missing |= b_area
                else:
                    s = area_status(area, n)
                    if s > 0:
                        met |= b_area
                    elif s < 0:
                        missing |= b_area
        d: Dwelling = h.dwelling
        water, latrine, waste = d.water_source, d.latrine, d.waste
        if water is None:
            missing |= b_water
        elif water._value_ not in clean:
            met |= b_water
        if latrine is None:
            missing |= b_latrine
        elif latrine._value_ not in hygienic:
            met |= b_latrine
        if waste is None:
            missing |= b_waste
        elif waste._value_ not in treated:
            met |= b_waste
        if b_walls:
            walls, frame, roof = d.durable_walls, d.durable_frame, d.durable_roof
            s = structures[(walls is False) + (frame is False) + (roof is False)][
                (walls is None) + (frame is None) + (roof is None)]
            if s > 0:
                met |= b_walls
            elif s < 0:
                missing |= b_walls
        owned = h.devices
        if owned is None:
            missing |= b_device
            hears = h.hears_loudspeaker
            if hears is not True:
                missing |= b_speaker
        else:
            if owned.isdisjoint(devices):
                met |= b_device
            if owned.isdisjoint(speaker_devices):
                hears = h.hears_loudspeaker
                if hears is False:
                    met |= b_speaker
                elif hears is None:
                    missing |= b_speaker
        count = met.bit_count()
        verdict = 2 if count >= needed else 0 if count + missing.bit_count() < needed else 1
        income = h.monthly_income_per_capita
        if h.area is urban_area:
            table, cut = urban, urban_lines
        else:
            table, cut = rural, rural_lines
        if income is None:
            side = -1
        else:
            k = bisect.bisect_left(cut, income)
            side = 2 * k + 1 if k < len(cut) and cut[k] == income else 2 * k
        return new(HouseholdScore, (h, table[side][verdict], met, missing, scorer, None))

    return score
