"""Build-time pages for the documentation site (mkdocs-gen-files): the legislation explorer, one page per
ruleset generated from the rules data (never hand-copied), the API reference, and the changelog."""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

import ntp_criteria as ntp
from ntp_criteria.io.explain import format_number
from ntp_criteria.io.golden import format_text as golden_format
from ntp_criteria.io.status import COVERAGE_LEGEND, Gap, NumberCounts, coverage, gaps, number_counts

ROOT = Path(__file__).resolve().parent.parent


def _slug(rs: ntp.Ruleset) -> str:
    return f"{rs.family}-{rs.valid_from.isoformat()}".replace(".", "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _badge(status: str, text: str | None = None) -> str:
    """A verification status in colour (docs/css/extra.css)."""
    return f'<span class="ntp-status ntp-status--{status}">{text or status}</span>'


def _statuses(n: NumberCounts) -> str:
    """The numbers present by status as badges, or "no numbers" (never "0 unverified" for a set with none)."""
    if not n.present:
        return _badge("none", "no numbers")
    parts = [("verified", n.verified), ("secondary", n.secondary), ("unverified", n.unverified)]
    return " ".join(_badge(status, f"{count} {status}") for status, count in parts if count)


def _value(value: object) -> str:
    return ", ".join(value) if isinstance(value, tuple) else format_number(value, "en")  # type: ignore[arg-type]


def ruleset_page(rs: ntp.Ruleset) -> str:
    amended = f" as amended by {', '.join(i.number for i in rs.amended_by)}" if rs.amended_by else ""
    lines = [
        "---", "hide:", "  - navigation", "---", "",  # not in the nav: the wide tables take the sidebar's width
        f"# {rs.title_en}",
        "",
        f"*{rs.title_vi}* — `{rs.family}`, **{rs.instrument.number}**{amended}, in force {rs.period}.",
        "",
        f"In force by: {_cell(str(rs.validity))}. Outcome rule: `{rs.outcome}`.",
        "",
        _computed(rs),
        "",
        _numbers_sentence(number_counts(rs)),
        "",
    ]
    missing = {g.indicator.code: g for g in gaps(rs)}
    for c in rs.criteria:
        lines += [f"## {c.code} — {c.name_en}", "", f"*{c.name_vi}*; roll-up: `{c.rollup.value}`.", ""]
        if c.note:
            lines += [f"**Not yet in the data:** {_cell(c.note)}", ""]
        if not c.indicators:
            lines += ["No indicator of this criterion is in the data: a recorded result decides it.", ""]
            continue
        if c.count_threshold is not None:
            t = c.count_threshold
            lines += [f"Met when the number of indicators met is {t.op.value} {t.value} — {_cell(str(t.provenance))}.",
                      ""]
        lines += ["| indicator | condition | number | scope | value | status | source |",
                  "|---|---|---|---|---|---|---|"]
        for i in c.indicators:
            rows = [("threshold", str(t.scope), f"{t.op.value} {format_number(t.value, 'en')} {t.unit}", t.provenance)
                    for t in i.thresholds]
            rows += [(f"parameter `{p.name}`", "all", f"{_value(p.value)} {p.unit}", p.provenance)
                     for p in i.parameters]
            if i.definition is not None:
                rows.append(("definition", "all", "—", i.definition))
            gap = missing.get(i.code)
            if gap is not None:
                lines.append(f"| `{i.code}` {_cell(i.name_en)} | {_cell(i.condition_en)} | **no threshold** | "
                             f"{_scopes(gap)} | — | — | decided by a recorded result there |")
            for what, scope, value, prov in rows:
                source = _cell(prov.cite) + (f" ([link]({prov.url}))" if prov.url else "")
                if prov.note:
                    source += f" — *{_cell(prov.note)}*"
                lines.append(f"| `{i.code}` {_cell(i.name_en)} | {_cell(i.condition_en)} | {what} | {scope} | "
                             f"{_cell(value)} | {_badge(prov.status.value)} | {source} |")
        lines.append("")
    return "\n".join(lines)


def _computed(rs: ntp.Ruleset) -> str:
    """How much of the set is computed, in a sentence."""
    c = coverage(rs)
    text = (f"**Computed:** {c.computed} of {c.indicators} indicators have a threshold for every scope (or a measure "
            f"that decides the test itself); {c.partly} have thresholds for some scopes only and {c.recorded} none, so "
            f"a recorded result decides them; {c.whole} of {len(rs.criteria)} criteria have no indicator in the data. "
            f"{c.numbers} numbers")
    text += f", {c.from_packs} of them from rules packs." if c.from_packs else "."
    if c.missing:
        text += (f" `ntp-criteria template {rs.family} --on {rs.valid_from.isoformat()}` writes a rules pack "
                 "skeleton for what is missing ([Completing a criteria set](../../completing-a-set.md)).")
    return text


def _numbers_sentence(n: NumberCounts) -> str:
    """The set's numbers by status, and what is missing, in a sentence."""
    if not n.present:
        text = f"**Numbers:** {_badge('none', 'no numbers')} in the data"
    else:
        text = f"**Numbers:** {n.present} in the data: {_statuses(n)}"
    if n.missing:
        text += (f"; {n.missing} indicator{'' if n.missing == 1 else 's'} lack a number for some scope "
                 f"({n.missing_thresholds} threshold{'' if n.missing_thresholds == 1 else 's'} missing), so a "
                 "recorded result decides there")
    if n.whole:
        text += f"; {n.whole} criteri{'on' if n.whole == 1 else 'a'} with no indicator, recorded whole"
    return text + "."


def _scopes(gap: Gap) -> str:
    scopes = gap.scopes
    shown = ", ".join(f"[{s}]" for s in scopes[:3])
    more = f" and {len(scopes) - 3} more" if len(scopes) > 3 else ""
    return _cell(f"{shown}{more}")


def index_page(rulesets: tuple[ntp.Ruleset, ...]) -> str:
    lines = ["---", "hide:", "  - toc", "---", "", "# Legislation explorer", "",  # the table needs the width
             "Every ruleset in the data, generated from the rules files at build time: each criterion, "
             "indicator, threshold by scope, its citation and its verification status, and how much of the set is "
             "computed.", "", COVERAGE_LEGEND, "",
             "| family | in force | instrument | indicators | computed | numbers present | by status | missing "
             "(indicators) | criteria recorded whole | from packs |", "|---|---|---|---|---|---|---|---|---|---|"]
    for rs in rulesets:
        c, n = coverage(rs), number_counts(rs)
        lines.append(f"| `{rs.family}` | [{rs.period}]({_slug(rs)}.md) | {rs.instrument.number} | {c.indicators} | "
                     f"{c.computed} | {n.present} | {_statuses(n)} | {n.missing} | {n.whole} | {c.from_packs} |")
    return "\n".join(lines) + "\n"


rulesets = ntp.rulesets()
with mkdocs_gen_files.open("reference/rulesets/index.md", "w") as f:
    f.write(index_page(rulesets))
for rs in rulesets:
    with mkdocs_gen_files.open(f"reference/rulesets/{_slug(rs)}.md", "w") as f:
        f.write(ruleset_page(rs))

API = ["ntp_criteria", "ntp_criteria.core", "ntp_criteria.engine", "ntp_criteria.catalogue",
       "ntp_criteria.families.poverty", "ntp_criteria.families.ntm", "ntp_criteria.families.areas",
       "ntp_criteria.families.programmes", "ntp_criteria.io.json", "ntp_criteria.io.schema", "ntp_criteria.io.batch",
       "ntp_criteria.io.frames", "ntp_criteria.families.poverty.columnar", "ntp_criteria.families.poverty.fast",
       "ntp_criteria.catalogue.whatif",
       "ntp_criteria.catalogue.diff", "ntp_criteria.catalogue.rules_schema", "ntp_criteria.testing.strategies"]
with mkdocs_gen_files.open("reference/api.md", "w") as f:
    f.write("# API reference\n\nGenerated from the docstrings.\n\n")
    for module in API:
        f.write(f"## `{module}`\n\n::: {module}\n    options:\n      show_root_heading: false\n\n")

with mkdocs_gen_files.open("golden-files.md", "w") as f:  # the format page ships in the package; shown here
    f.write(golden_format())

with mkdocs_gen_files.open("changelog.md", "w") as f:
    f.write((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
