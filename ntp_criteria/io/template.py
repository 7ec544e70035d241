"""Pack skeletons: the numbers the package lacks for a ruleset, laid out as a rules pack to fill from the annex.

``ntp-criteria template FAMILY --on DATE [--region REGION ...]`` writes :func:`pack_template`'s text: one
``[[fills]]`` per indicator with no threshold for some scope the set declares (:func:`~ntp_criteria.io.status.gaps`),
one ``[[fills.thresholds]]`` entry per scope, grouped by criterion as the annex is laid out; a commented
``[[additions]]`` skeleton for a criterion with no indicators. Every value line is a comment (TOML has no empty
value): an entry is completed or deleted before the pack loads. Nothing in it is a number the package invented:
the scope keys, the operator and unit where the package knows them, and a citation to complete, marked
``unverified``.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from ntp_criteria.io.template import pack_template
>>> text = pack_template(ntp.ruleset("ntm.commune", dt.date(2022, 6, 1)), regions=["tn"])
>>> entry = text[text.index('indicator = "2.2"'):]
>>> print(entry[entry.index("[[fills.thresholds]]"):].split("\\n\\n")[0])
[[fills.thresholds]]
region = "tn"
year = 2022
# op =
# value =
# unit =
source = { cite = "318/QĐ-TTg, Phụ lục I, chỉ tiêu 2.2, vùng TN, năm 2022", status = "unverified" }

```
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence

from ..core._validate import nearest
from ..core.errors import InputError, Problem, RuleDataError
from ..core.model import Criterion, Indicator, Ruleset, Scope, ScopeValue
from ._output_text import HOW_TO_COMPLETE, word
from .status import Gap, gaps

__all__ = ["VALUE_LINE", "describe_load_error", "pack_template"]

#: the line of an entry where its number goes, commented out until it is filled
VALUE_LINE = "# value ="

#: conditions the package words as a plain yes/no (no number in them)
_YES_NO = frozenset({"đạt", "có", "không"})
_DIMENSIONS = ("area", "region", "mekong_delta", "commune_group", "year")


def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _v(value: ScopeValue) -> str:
    return str(value) if isinstance(value, int) else _q(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _where(dimension: str, value: ScopeValue) -> str:
    """How a citation names a scope value: ``vùng TN``, ``năm 2022``; other dimensions as written."""
    if dimension == "region":
        return f"vùng {str(value).upper()}"
    if dimension == "year":
        return f"năm {value}"
    return f"{dimension} {value}"


def _cite(ruleset: Ruleset, code: str, scope: Scope | None = None, dims: Sequence[str] = ()) -> str:
    base = ruleset.cite if ruleset.cite.startswith(ruleset.instrument.number) else (
        f"{ruleset.instrument.number}, {ruleset.cite}")
    parts = [base, f"chỉ tiêu {code}"]
    if scope is not None:
        parts += [_where(d, v) for d in dims if (v := scope.get(d)) is not None]
    return ", ".join(parts)


def _known(indicator: Indicator) -> tuple[str | None, str | None]:
    """The operator and unit every threshold of the indicator shares, or None where none or several are known."""
    ops = {t.op.value for t in indicator.thresholds}
    units = {t.unit for t in indicator.thresholds}
    return (next(iter(ops)) if len(ops) == 1 else None, next(iter(units)) if len(units) == 1 else None)


def _header(ruleset: Ruleset, regions: Sequence[str], found: Sequence[Gap], whole: Sequence[Criterion],
            command: str, blocked: int, lang: str = "en") -> list[str]:
    entries = sum(len(g.scopes) for g in found) - blocked
    scope = (word("region {regions}", lang, regions=", ".join(regions)) if regions
             else word("every scope the set declares", lang))
    lines = [
        word("# Rules pack skeleton: the numbers ntp_criteria lacks for {family} ({instrument}),", lang,
             family=ruleset.family, instrument=ruleset.instrument.number),
        f"#   {_one_line(ruleset.title_vi)}",
        f"#   {_one_line(ruleset.title_en)}",
        word("#   {cite}; in force {period}; {scope}.", lang, cite=ruleset.cite, period=ruleset.period, scope=scope),
    ]
    if command:
        lines.append(word("#   Written by: {command}", lang, command=command))
    lines += [
        word("# {entries} entries for {indicators} indicators with no threshold, and {criteria} criteria with no "
             "indicator, each decided today only by a recorded result.", lang, entries=entries,
             indicators=len(found), criteria=len(whole)),
        *([word("# {blocked} more numbers a pack cannot fill yet are listed as comments marked NOT FILLABLE.", lang,
                blocked=blocked)] if blocked else []),
        *([word("# The package has every number of this set for the scopes asked: there is nothing to fill.", lang)]
          if not found and not whole else []),
        "#",
        *(_HOW_TO_COMPLETE if lang != "vi" else HOW_TO_COMPLETE),
        "",
        "schema = 1",
        "",
        "[pack]",
        f"name = {_q('-'.join([ruleset.family.replace('.', '-'), ruleset.instrument.id, *regions]))}",
        word("# note = \"where the numbers were read: the Công báo issue, the province's decision, …\"", lang),
    ]
    return lines


#: the "How to complete it" block of a pack skeleton's header
_HOW_TO_COMPLETE = (
    "# How to complete it:",
    "# * Every [[fills.thresholds]] entry below is one number the package does not have. Read it in the",
    "#   official annex; uncomment its `# value =` line and write the number (a whole number, or a decimal in",
    "#   a string: \"16.5\"; never a float). Where `# op =` and `# unit =` are comments the package does not know",
    "#   them either: uncomment them and write the operator (\"<\", \"<=\", \">\", \">=\" or \"==\": the observed",
    "#   value `op` the number meets the indicator) and the unit the annex gives.",
    "# * An entry without a value must be completed or deleted (from its [[fills.thresholds]] line to the",
    "#   blank line after it): TOML has no empty value, and the loader refuses an entry with no value",
    "#   ($.fills[k].thresholds[j].value: required but missing). Delete the entries whose number you do not",
    "#   have, and those of an indicator the annex words as a yes/no condition (it has no number: its",
    "#   result stays recorded). A [[fills]] left with no entry changes nothing.",
    "# * Where the annex gives one number for every year (or region), keep one entry, delete its `year`",
    "#   (or `region`) line and the other entries of that indicator.",
    "# * Complete every `source`: the cite as precise as the annex allows (page, table row), and add",
    "#   `url = \"…\"` and `note = \"…\"` (where you read it). Leave `status = \"unverified\"` until the number",
    "#   has been checked against the law itself (then \"verified\"; \"secondary\" for an official summary).",
    "#   strict=True assessments never decide on an unverified number.",
    "# * Check the pack with `ntp-criteria pack check PATH`; use it with `--rules PATH` on assess, show,",
    "#   status and rulesets, or `ntp.catalogue(packs=[PATH])` in Python.",
)


def _overlaps(a: Scope, b: Scope) -> bool:
    """Whether some subject is in both scopes (they agree on every dimension both name)."""
    bv = dict(b.items)
    return all(bv.get(name, value) == value for name, value in a.items)


def _why_not(code: str, scope: Scope, periods: Sequence[Ruleset], lang: str = "en") -> str | None:
    """Why a pack cannot fill ``code`` in ``scope``: a pack fills every period of the set together (the periods
    an amendment splits it into), and the loader refuses a period without the indicator, or with a number for an
    overlapping scope; None when every period takes it."""
    for rs in periods:
        if not rs.has_indicator(code):
            having = next((p for p in periods if p.has_indicator(code)), None)
            since = (word(" ({code} comes in on {date} with {numbers})", lang, code=code, date=having.valid_from,
                          numbers=", ".join(i.number for i in having.amended_by))
                     if having is not None and having.amended_by else "")
            return word("the set's period {period} has no indicator {code}{since}", lang, period=rs.period, code=code,
                        since=since)
        for t in rs.indicator(code).thresholds:
            if _overlaps(t.scope, scope):
                return word("the set's period {period} has [{scope}] {op} {value} {unit}", lang, period=rs.period,
                            scope=t.scope, op=t.op.value, value=t.value, unit=t.unit)
    return None


def _blocked(gap: Gap, periods: Sequence[Ruleset], lang: str = "en") -> dict[Scope, str]:
    """The scopes of ``gap`` a pack cannot fill, with why."""
    out: dict[Scope, str] = {}
    for scope in gap.scopes:
        why = _why_not(gap.indicator.code, scope, periods, lang)
        if why is not None:
            out[scope] = why
    return out


def _fill(ruleset: Ruleset, gap: Gap, blocked: dict[Scope, str], lang: str = "en") -> list[str]:
    i = gap.indicator
    op, unit = _known(i)
    fillable = [s for s in gap.scopes if s not in blocked]
    head = [
        "[[fills]]",
        f"family = {_q(ruleset.family)}",
        f"instrument = {_q(ruleset.instrument.id)}",
        f"indicator = {_q(i.code)}",
    ]
    lines = [
        "",
        *(head if fillable else (f"# {line}" for line in head)),
        f"# {_one_line(i.name_vi)}",
        f"# {_one_line(i.name_en)}",
    ]
    if i.condition_vi:
        lines.append(f"# điều kiện: {_one_line(i.condition_vi)}")
    if i.condition_en:
        lines.append(f"# condition: {_one_line(i.condition_en)}")
    if i.condition_vi.strip().lower() in _YES_NO:
        lines.append(word("# the package words it as a yes/no condition ({condition}): delete its entries unless the "
                          "annex gives a number", lang, condition=repr(i.condition_vi.strip())))
    if gap.partly:
        has = "; ".join(f"[{t.scope}] {t.op.value} {t.value} {t.unit}" for t in i.thresholds)
        lines.append(word("# the package has: {has}", lang, has=has))
    if blocked:
        shown = "; ".join(f"[{scope}]" for scope in blocked) if fillable else word("every scope", lang)
        reasons = "; ".join(dict.fromkeys(blocked.values()))
        lines.append(word("# NOT FILLABLE BY A PACK YET for {shown}: a pack fills every period of the set together, "
                          "and {reasons}. Its result stays recorded there.", lang, shown=shown, reasons=reasons))
    if fillable and (op is None or unit is None):
        lines.append(word("# op and unit: not known to the package; write them as the annex gives them", lang))
    for scope in fillable:
        lines += ["", "[[fills.thresholds]]"]
        lines += [f"{d} = {_v(v)}" for d in gap.dimensions if (v := scope.get(d)) is not None]
        lines.append(f"op = {_q(op)}" if op is not None else "# op =")
        lines.append(VALUE_LINE)
        lines.append(f"unit = {_q(unit)}" if unit is not None else "# unit =")
        lines.append(f"source = {{ cite = {_q(_cite(ruleset, i.code, scope, gap.dimensions))}, "
                     "status = \"unverified\" }")
    return lines


def _elsewhere(criterion: Criterion, periods: Sequence[Ruleset], lang: str = "en") -> list[str]:
    """What the set's other periods hold for a criterion a pack would add indicators to (a pack adds to every
    period together)."""
    lines = []
    for rs in periods:
        found = next((c for c in rs.criteria if c.code == criterion.code), None)
        amended = (word(" (amended by {numbers})", lang, numbers=", ".join(i.number for i in rs.amended_by))
                   if rs.amended_by else "")
        if found is None:
            lines.append(word("# NOT FILLABLE BY A PACK YET: the set's period {period}{amended} has no criterion "
                              "{code}, and a pack adds to every period of the set together.", lang, period=rs.period,
                              amended=amended, code=criterion.code))
        elif found.indicators:
            codes = ", ".join(i.code for i in found.indicators)
            lines.append(word("# A pack adds to every period of the set together: in the period {period}{amended} "
                              "this criterion has the indicators {codes}; an indicator added here is added there "
                              "too, and cannot reuse their codes.", lang, period=rs.period, amended=amended,
                              codes=codes))
    return lines


def _addition(ruleset: Ruleset, criterion: Criterion, periods: Sequence[Ruleset], lang: str = "en") -> list[str]:
    code = f"{criterion.code}.1"
    dims = ", ".join(d.name for d in ruleset.dimensions)
    varies = (word(" The set varies by {dims}: give a threshold a `{dim} = …` key (one entry per value) where the "
                   "annex's number does.", lang, dims=dims, dim=ruleset.dimensions[0].name) if dims else "")
    return [
        "",
        *word("# The package has no indicator for this criterion: only a recorded result decides it. To compute it, "
              "add\n# each indicator the annex lists: copy the block below once per indicator, uncomment it and fill "
              "it in with\n# the annex's code, names and condition (an indicator with no measure is read from the "
              "values recorded\n# under its code).{varies}", lang, varies=varies).split("\n"),
        *_elsewhere(criterion, periods, lang),
        "# [[additions]]",
        f"# family = {_q(ruleset.family)}",
        f"# instrument = {_q(ruleset.instrument.id)}",
        f"# criterion = {_q(criterion.code)}",
        "# [additions.indicator]",
        f"# code = {_q(code)}",
        "# name_vi =",
        "# name_en =",
        "# condition_vi =",
        "# condition_en =",
        f"# definition = {{ cite = {_q(_cite(ruleset, code))}, status = \"unverified\" }}",
        "# [[additions.indicator.thresholds]]",
        "# op =",
        "# value =",
        "# unit =",
        f"# source = {{ cite = {_q(_cite(ruleset, code))}, status = \"unverified\" }}",
    ]


def pack_template(ruleset: Ruleset, *, periods: Sequence[Ruleset] = (), regions: Sequence[str] = (),
                  command: str = "", lang: str = "en") -> str:
    """A rules pack skeleton (TOML) with an entry for every number ``ruleset`` lacks, restricted to ``regions``
    when given; ``command`` is named in its header. ``periods`` are every period of the same set (its family and
    instrument) in the catalogue, which a pack fills together (default: ``ruleset`` alone); a number one of them
    would refuse is written as a comment saying why. An :class:`~ntp_criteria.InputError` when the set does not
    vary by region, or does not declare a region given. ``lang="vi"`` words its comments in Vietnamese (the keys,
    the rules data's names and the citations are the same in either language)."""
    declared = {d.name: d.values for d in ruleset.dimensions}
    if regions:
        if "region" not in declared:
            raise InputError("template", [Problem("$.region", (
                f"{ruleset.family} ({ruleset.instrument.number}) does not vary by region"
                + (f": its dimensions are {', '.join(declared)}" if declared else "")))])
        problems = [Problem("$.region", f"{r!r} is not among the declared region values "
                                         f"{list(declared['region'])}{nearest(r, map(str, declared['region']))}")
                    for r in regions if r not in declared["region"]]
        if problems:
            raise InputError("template", problems)
    found = gaps(ruleset, {"region": regions} if regions else None)
    whole = [c for c in ruleset.criteria if not c.indicators]
    periods = tuple(periods) or (ruleset,)
    blocked = {g.indicator.code: _blocked(g, periods, lang) for g in found}
    lines = _header(ruleset, regions, found, whole, command, sum(len(b) for b in blocked.values()), lang)
    by_criterion: dict[str, list[Gap]] = {}
    for g in found:
        by_criterion.setdefault(g.criterion.code, []).append(g)
    for c in ruleset.criteria:
        lines += ["", "", f"# ── Tiêu chí {c.code}: {_one_line(c.name_vi)} — {_one_line(c.name_en)} ──"]
        if c.note:
            lines.append(word("# note: {note}", lang, note=_one_line(c.note)))
        if not c.indicators:
            lines += _addition(ruleset, c, periods, lang)
        elif c.code not in by_criterion:
            lines.append(word("# the package has every number of this criterion", lang)
                         + (word(" for the regions asked", lang) if regions else ""))
        for g in by_criterion.get(c.code, ()):
            lines += _fill(ruleset, g, blocked[g.indicator.code], lang)
    return "\n".join(lines) + "\n"


_FILL_PATH = re.compile(r"^\$\.fills\[(\d+)\]\.thresholds\[(\d+)\](?:\.(\w+))?", re.ASCII)


def describe_load_error(exc: RuleDataError, text: str) -> list[str] | None:
    """The problems of a pack's load error, one line each, with those of a ``[[fills.thresholds]]`` entry grouped
    by entry (its line, indicator and scope), and what to do about entries left incomplete; None when no problem
    is in such an entry (or ``text``, the pack's text, is not TOML)."""
    try:
        fills = tomllib.loads(text).get("fills")
    except tomllib.TOMLDecodeError:
        return None
    if not isinstance(fills, list):
        return None
    entries: dict[tuple[int, int], list[tuple[str | None, str]]] = {}
    order: list[tuple[int, int] | Problem] = []
    for p in exc.problems:
        m = _FILL_PATH.match(p.path)
        if m is None:
            order.append(p)
            continue
        key = (int(m[1]), int(m[2]))
        if key not in entries:
            entries[key] = []
            order.append(key)
        entries[key].append((m[3], p.message))
    if not entries:
        return None
    lines: list[str] = []
    incomplete = 0
    for item in order:
        if isinstance(item, Problem):
            lines.append(f"{item.path}: {item.message}")
            continue
        k, j = item
        lines.append(f"{_entry_name(fills, text, k, j)}: " + _entry_problems(entries[item]))
        incomplete += any(f in _REQUIRED and m == _MISSING for f, m in entries[item])
    if incomplete:
        lines.append(f"{incomplete} {'entry is' if incomplete == 1 else 'entries are'} not completed: uncomment "
                     "`# value =` (and `# op =`, `# unit =` where they are comments) and write them from the annex, "
                     "or delete the entry")
    return lines


_REQUIRED = ("value", "op", "unit")
_MISSING = "required but missing"


def _entry_problems(problems: list[tuple[str | None, str]]) -> str:
    missing = [f for f, m in problems if f is not None and m == _MISSING]
    others = [f"{f}: {m}" if f else m for f, m in problems if f is None or m != _MISSING]
    return "; ".join(([f"{', '.join(missing)} required but missing"] if missing else []) + others)


def _entry_name(fills: list[object], text: str, k: int, j: int) -> str:
    """``line 57, indicator 2.2 [region=tn, year=2022] ($.fills[3].thresholds[0])``, as much as is known."""
    path = f"$.fills[{k}].thresholds[{j}]"
    try:
        fill = fills[k]
        entry = fill["thresholds"][j]  # type: ignore[index]
        code = str(fill["indicator"])  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return path
    scope = ", ".join(f"{d}={entry[d]}" for d in _DIMENSIONS if isinstance(entry, dict) and d in entry) or "all"
    line = _entry_line(text, k, j)
    return f"{f'line {line}, ' if line is not None else ''}indicator {code} [{scope}] ({path})"


def _entry_line(text: str, k: int, j: int) -> int | None:
    """The line of the ``j``-th ``[[fills.thresholds]]`` header of the ``k``-th ``[[fills]]``, when both are written
    as headers."""
    fill, entry = -1, -1
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("[[fills]]"):
            fill, entry = fill + 1, -1
        elif line.startswith("[[fills.thresholds]]") and fill == k:
            entry += 1
            if entry == j:
                return n
    return None
