"""How much of each ruleset is computed, and every legal number with its status: ``ntp-criteria status``.

An indicator is *computed* where the package has a threshold for the scope a subject is assessed in (or a
measure that decides the test itself); where it has none, only a recorded result decides it. :func:`gaps` lists
those places (what ``ntp-criteria template`` writes a pack skeleton for), :func:`coverage` counts them per
ruleset, and :func:`status_table` renders both with every number, its status and its source, as Markdown
(``docs/rules-status.md`` is its output; a test keeps it current).

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from ntp_criteria.io.status import coverage, gaps
>>> rs = ntp.ruleset("ntm.commune", dt.date(2022, 6, 1))
>>> c = coverage(rs)
>>> c.computed + c.partly + c.recorded == c.indicators
True
>>> gap = next(g for g in gaps(rs, only={"region": ["tn"]}) if g.indicator.code == "2.2")
>>> [str(s) for s in gap.scopes][:2]
['region=tn, year=2022', 'region=tn, year=2023']

```
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..catalogue import Catalogue, default_catalogue
from ..core.model import CitedValue, Criterion, Indicator, Ruleset, Scope, ScopeValue, Status
from ..core.text import format_number
from ..engine import FACT_PREFIX
from ._output_text import word

__all__ = ["COVERAGE_LEGEND", "PACK_MARK", "Coverage", "Gap", "NumberCounts", "by_status", "coverage",
           "decides_itself", "gaps", "number_counts", "status_table"]

#: what the citation of every number a rules pack supplies contains (the pack's name follows)
PACK_MARK = "(pack: "


def decides_itself(indicator: Indicator) -> bool:
    """Whether the indicator needs no threshold: a registered measure (not a recorded ``fact:``) with none is a
    yes/no test over the facts, with its legal numbers as parameters (the poverty deprivation tests)."""
    return (indicator.measure is not None and not indicator.measure.startswith(FACT_PREFIX)
            and not indicator.thresholds)


@attrs.frozen
class Gap:
    """An indicator with no threshold for some scopes its set declares: there, only a recorded result decides
    it. A pack fills it with one threshold per scope in ``scopes``."""

    criterion: Criterion
    indicator: Indicator
    #: the dimensions the missing thresholds are chosen by, in the set's order: those the indicator's thresholds
    #: vary by, or, when it has none, every dimension the set declares
    dimensions: tuple[str, ...]
    #: the scopes with no threshold, in the set's order of dimension values
    scopes: tuple[Scope, ...]
    #: whether the indicator has thresholds for other scopes (it is computed there)
    partly: bool


def gaps(ruleset: Ruleset, only: Mapping[str, Iterable[ScopeValue]] | None = None) -> tuple[Gap, ...]:
    """Every indicator of ``ruleset`` (in the law's order) with no threshold for some scope it declares, where the
    indicator applies; ``only`` keeps the scopes with these values (``{"region": ["tn"]}``)."""
    declared = {d.name: d.values for d in ruleset.dimensions}
    keep = {name: frozenset(values) for name, values in (only or {}).items()}
    out: list[Gap] = []
    for criterion, indicator in ruleset.indicators():
        if decides_itself(indicator):
            continue
        used: set[str] = set()
        for t in indicator.thresholds:
            used |= t.scope.dimensions()
        dims = tuple(d for d in declared if d in used) if indicator.thresholds else tuple(declared)
        axes = [[v for v in declared[d] if d not in keep or v in keep[d]] for d in dims]
        missing: list[Scope] = []
        for combo in itertools.product(*axes):
            values = dict(zip(dims, combo, strict=True))
            if indicator.applies(values) is not False and indicator.threshold_for(values) is None:
                missing.append(Scope.of(values))
        if missing:
            out.append(Gap(criterion, indicator, dims, tuple(missing), bool(indicator.thresholds)))
    return tuple(out)


@attrs.frozen
class Coverage:
    """How much of a ruleset is computed: its indicators by how they are decided, its criteria with no indicator,
    and its numbers (thresholds, counts and parameters) with those a rules pack supplied."""

    ruleset: Ruleset
    #: every indicator of the set
    indicators: int
    #: indicators with a threshold for every scope the set declares where they apply, or a measure that decides
    #: the test itself
    computed: int
    #: indicators with thresholds for some scopes only: a recorded result decides them in the others
    partly: int
    #: indicators with no threshold at all: only a recorded result decides them
    recorded: int
    #: criteria with no indicator in the data: only a recorded result decides them
    whole: int
    #: the set's numbers: thresholds, count cut-offs and parameters
    numbers: int
    #: of those, the numbers a rules pack supplied (their citation names the pack)
    from_packs: int

    @property
    def missing(self) -> int:
        """What only a recorded result decides: indicators with no threshold for some scope, and criteria with no
        indicator."""
        return self.partly + self.recorded + self.whole


def coverage(ruleset: Ruleset) -> Coverage:
    """How much of ``ruleset`` is computed (see :class:`Coverage`)."""
    open_ = {g.indicator.code: g.partly for g in gaps(ruleset)}
    numbers = _numbers(ruleset)
    total = sum(1 for _ in ruleset.indicators())
    return Coverage(
        ruleset=ruleset, indicators=total, computed=total - len(open_),
        partly=sum(1 for partly in open_.values() if partly), recorded=sum(1 for p in open_.values() if not p),
        whole=sum(1 for c in ruleset.criteria if not c.indicators),
        numbers=len(numbers), from_packs=sum(1 for n in numbers if PACK_MARK in n.provenance.cite))


@attrs.frozen
class NumberCounts:
    """A ruleset's legal numbers: those present by status, and those missing, where a recorded result decides.

    A set with no number has no status to count: :meth:`statuses` says so rather than "0 unverified".
    """

    #: the numbers in the data (thresholds, count cut-offs and parameters, as :class:`Coverage` counts them)
    present: int
    verified: int
    secondary: int
    unverified: int
    #: indicators with no number for some scope the set declares (partly and recorded, in :class:`Coverage`'s
    #: words): there a recorded result decides them
    missing: int
    #: the thresholds those indicators lack, one per indicator and scope (what ``ntp-criteria template`` asks for)
    missing_thresholds: int
    #: criteria with no indicator in the data: a recorded result decides each whole
    whole: int

    def statuses(self) -> str:
        """``"3 verified, 5 secondary, 4 unverified"`` (statuses with none left out), or ``"no numbers"``."""
        if not self.present:
            return "no numbers"
        counts = (("verified", self.verified), ("secondary", self.secondary), ("unverified", self.unverified))
        return ", ".join(f"{n} {name}" for name, n in counts if n)


def number_counts(ruleset: Ruleset) -> NumberCounts:
    """The numbers of ``ruleset`` present by status, and missing (see :class:`NumberCounts`).

    ```pycon
    >>> import datetime as dt
    >>> import ntp_criteria as ntp
    >>> from ntp_criteria.io.status import number_counts
    >>> number_counts(ntp.ruleset("ntm.commune", dt.date(2026, 3, 1))).statuses()
    'no numbers'

    ```
    """
    counts, open_ = by_status(ruleset), gaps(ruleset)
    return NumberCounts(present=sum(counts.values()), verified=counts[Status.VERIFIED],
                        secondary=counts[Status.SECONDARY], unverified=counts[Status.UNVERIFIED],
                        missing=len(open_), missing_thresholds=sum(len(g.scopes) for g in open_),
                        whole=sum(1 for c in ruleset.criteria if not c.indicators))


def _table_row(cells: Sequence[str]) -> str:
    """One Markdown table row, with any "|" inside a cell escaped."""
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


COVERAGE_LEGEND = (
    "*computed*: a threshold for every scope the set declares (or a measure that decides the test itself); "
    "*partly*: thresholds for some scopes only; *recorded*: no threshold, so only a recorded result decides the "
    "indicator (this counts the indicators the law words as a yes/no condition too: the data cannot tell them "
    "from a missing number); *criteria recorded whole*: criteria with no indicator in the data. *numbers*: "
    "thresholds, count cut-offs and parameters; *from packs*: those a rules pack supplied; *verified*, "
    "*secondary*, *unverified*: the numbers present by status (— where the set has none); *missing*: indicators "
    "with no number for some scope (partly and recorded), where a recorded result decides. "
    "`ntp-criteria template FAMILY --on DATE` writes a pack skeleton for what is recorded.")
"""The legend of the coverage table."""


def _heads(names: Sequence[str], lang: str) -> list[str]:
    """A Markdown table's header row and rule, the column names in ``lang``."""
    return [_table_row([word(n, lang) for n in names]), "|" + "---|" * len(names)]


def status_table(family: str | None = None, *, catalogue: Catalogue | None = None, lang: str = "en") -> str:
    """Markdown: how much of each ruleset is computed, then every legal number of every ruleset with its status
    and source (generated, never hand-copied), in ``catalogue`` (default the package's). ``lang="vi"`` words the
    headings, the legend and the column names in Vietnamese; what comes from the rules data (names, citations,
    statuses, notes) is shown as it is written."""
    cat = catalogue if catalogue is not None else default_catalogue()
    sets = cat.family(family) if family else cat.rulesets
    legend = COVERAGE_LEGEND if lang != "vi" else word("legend", lang)
    lines = [word("## How much of each set is computed", lang), "", legend, "",
             *_heads(("family", "period", "instrument", "indicators", "computed", "partly", "recorded",
                      "criteria recorded whole", "numbers", "from packs", "verified", "secondary", "unverified",
                      "missing"), lang)]
    for rs in sets:
        c, counted = coverage(rs), number_counts(rs)
        statuses = [str(x) if counted.present else "—"
                    for x in (counted.verified, counted.secondary, counted.unverified)]
        lines.append(_table_row([rs.family, rs.period, rs.instrument.number, *(str(x) for x in (
            c.indicators, c.computed, c.partly, c.recorded, c.whole, c.numbers, c.from_packs)), *statuses,
            str(counted.missing)]))
    lines += ["", word("## Every number", lang), "",
              *_heads(("family", "period", "instrument", "number", "value", "status", "source"), lang)]
    seen: set[tuple[str, str, str]] = set()
    for rs in sets:
        for n in rs.numbers():
            key = (rs.family, n.path, n.provenance.cite)
            if key in seen:  # the same number restated by a later period of the same set
                continue
            seen.add(key)
            value = ", ".join(n.value) if isinstance(n.value, tuple) else (
                n.value if isinstance(n.value, str) else format_number(n.value, "en"))
            source = n.provenance.cite + (f" — {n.provenance.url}" if n.provenance.url else "")
            cells = [rs.family, rs.period, rs.instrument.number, f"`{n.path}`", value, n.provenance.status.value,
                     source]
            lines.append(_table_row(cells))
    pending = [e for e in cat.not_encoded if family is None or family in e.families]
    if pending:
        lines += ["", word("## Known to apply, not encoded", lang), "",
                  *_heads(("families", "from", "to", "instrument", "why not encoded", "status", "source"), lang)]
        for e in pending:
            cells = [", ".join(e.families), e.on.isoformat(), e.until.isoformat() if e.until else "", e.instrument,
                     e.reason, e.source.status.value, e.source.cite + (f" — {e.source.url}" if e.source.url else "")]
            lines.append(_table_row(cells))
    if family is None:
        lines += ["", word("## Programme figures", lang), "",
                  *_heads(("programme unit", "figure", "value", "status", "source"), lang)]
        for p in sorted(cat.programmes, key=lambda p: p.id):
            for unit in p.units():
                figures = [(word("budget: {line} ({qualifier})", lang, line=b.line, qualifier=b.qualifier.value),
                            format_number(b.amount, "en"), b.provenance) for b in unit.budget]
                figures += [(word("target {id} ({by})", lang, id=t.id, by=t.by),
                             f"{t.op.value} {format_number(t.value, 'en')} {t.unit}", t.provenance)
                            for t in unit.targets]
                figures += [(word("lead {agency}", lang, agency=lead.agency), lead.agency, lead.provenance)
                            for lead in unit.leads]
                figures.append((word("name", lang), unit.name_vi, unit.provenance))
                for what, value, prov in figures:
                    cells = [unit.key, what, value, prov.status.value,
                             prov.cite + (f" — {prov.url}" if prov.url else "")]
                    lines.append(_table_row(cells))
    return "\n".join(lines)


def by_status(ruleset: Ruleset) -> dict[Status, int]:
    """How many numbers of ``ruleset`` (thresholds, count cut-offs and parameters, as :class:`Coverage` counts
    them) have each status."""
    counts = dict.fromkeys(Status, 0)
    for n in _numbers(ruleset):
        counts[n.provenance.status] += 1
    return counts


def _numbers(ruleset: Ruleset) -> list[CitedValue]:
    """The set's numbers: what :meth:`~ntp_criteria.Ruleset.numbers` lists but the sources of the wordings."""
    return [n for n in ruleset.numbers() if not n.path.endswith(".definition")]
