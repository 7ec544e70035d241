"""The command line: ``ntp-criteria`` or ``python -m ntp_criteria``. The only module that prints."""

from __future__ import annotations

import argparse
import datetime as dt
import json as _stdlib_json
import sys
from collections.abc import Sequence

from ..catalogue import assess, default_catalogue, ruleset, rulesets
from ..catalogue.diff import diff_rulesets
from ..core.errors import CriteriaError
from ..core.text import format_number
from ..families.programmes import programmes
from . import _demo
from .batch import parse_subjects, render_assessments
from .json import TYPES
from .schema import json_schema, payload_schema

__all__ = ["main", "status_table"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _demo_cmd(args: argparse.Namespace) -> int:
    for hh in _demo.households():
        a = assess(hh, strict=args.strict)
        print(a.explain(args.lang))
        print()
    return 0


def _rulesets_cmd(args: argparse.Namespace) -> int:
    for rs in rulesets(args.family) if args.family else rulesets():
        amended = f" (amended by {', '.join(i.number for i in rs.amended_by)})" if rs.amended_by else ""
        weak = len(rs.unverified())
        print(f"{rs.family:<22} {rs.period:<25} {rs.instrument.number}{amended}  [{weak} unverified numbers]")
    return 0


def _show_cmd(args: argparse.Namespace) -> int:
    rs = ruleset(args.family, args.on)
    lang = args.lang
    print(f"{rs.title_vi if lang == 'vi' else rs.title_en} — {rs.cite} — {rs.period}")
    print(f"  in force by: {rs.validity}")
    for c in rs.criteria:
        print(f"  [{c.code}] {c.name_vi if lang == 'vi' else c.name_en}")
        if c.note:
            print(f"      note: {c.note}")
        if c.count_threshold is not None:
            t = c.count_threshold
            print(f"      count {t.op.value} {format_number(t.value, lang)} {t.unit} — {t.provenance}")
        for i in c.indicators:
            print(f"    {i.code}: {i.name_vi if lang == 'vi' else i.name_en}")
            if i.definition is not None:
                print(f"      definition — {i.definition}")
            for t in i.thresholds:
                scope = f" [{t.scope}]" if t.scope.items else ""
                print(f"      {t.op.value} {format_number(t.value, lang)} {t.unit}{scope} — {t.provenance}")
            for p in i.parameters:
                shown = ", ".join(p.value) if isinstance(p.value, tuple) else format_number(p.value, lang)
                print(f"      {p.name} = {shown} {p.unit} — {p.provenance}")
    return 0


def _table_row(cells: Sequence[str]) -> str:
    """One Markdown table row, with any "|" inside a cell escaped."""
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def status_table(family: str | None = None) -> str:
    """Markdown: every legal number of every ruleset with its status and source (generated, never hand-copied)."""
    lines = ["| family | period | instrument | number | value | status | source |",
             "|---|---|---|---|---|---|---|"]
    seen: set[tuple[str, str, str]] = set()
    for rs in rulesets(family) if family else rulesets():
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
    pending = [e for e in default_catalogue().not_encoded if family is None or family in e.families]
    if pending:
        lines += ["", "## Known to apply, not encoded", "",
                  "| families | from | to | instrument | why not encoded | status | source |",
                  "|---|---|---|---|---|---|---|"]
        for e in pending:
            cells = [", ".join(e.families), e.on.isoformat(), e.until.isoformat() if e.until else "", e.instrument,
                     e.reason, e.source.status.value, e.source.cite + (f" — {e.source.url}" if e.source.url else "")]
            lines.append(_table_row(cells))
    if family is None:
        lines += ["", "## Programme figures", "", "| programme unit | figure | value | status | source |",
                  "|---|---|---|---|---|"]
        for p in programmes():
            for unit in p.units():
                figures = [(f"budget: {b.line} ({b.qualifier.value})", format_number(b.amount, "en"), b.provenance)
                           for b in unit.budget]
                figures += [(f"target {t.id} ({t.by})", f"{t.op.value} {format_number(t.value, 'en')} {t.unit}",
                             t.provenance) for t in unit.targets]
                figures += [(f"lead {lead.agency}", lead.agency, lead.provenance) for lead in unit.leads]
                figures.append(("name", unit.name_vi, unit.provenance))
                for what, value, prov in figures:
                    cells = [unit.key, what, value, prov.status.value,
                             prov.cite + (f" — {prov.url}" if prov.url else "")]
                    lines.append(_table_row(cells))
    return "\n".join(lines)


def _status_cmd(args: argparse.Namespace) -> int:
    print(status_table(args.family))
    return 0


def _progress(done: int, total: int) -> None:
    """A progress bar on standard error, only for a person at a terminal and a long input."""
    if total >= 1000 and sys.stderr.isatty() and (done % max(1, total // 100) == 0 or done == total):
        filled = 30 * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _assess_cmd(args: argparse.Namespace) -> int:
    path = args.file
    fmt = args.format or ("csv" if path.lower().endswith(".csv") else "json")
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()  # noqa: SIM115
    except OSError as exc:
        print(f"ntp-criteria: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    subjects = parse_subjects(text, fmt, args.kind)
    results = []
    for i, subject in enumerate(subjects, 1):
        rs = ruleset(args.family, subject.reference_date) if args.family else None
        results.append(assess(subject, rs, strict=args.strict))
        _progress(i, len(subjects))
    out_fmt = args.output_format or ("csv" if args.out and args.out.lower().endswith(".csv") else fmt)
    rendered = render_assessments(results, out_fmt, full=args.full)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(rendered)
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    return 0


def _diff_cmd(args: argparse.Namespace) -> int:
    old, new = ruleset(args.family, args.from_), ruleset(args.family, args.to)
    print(f"{args.family}: {old.instrument.number} ({old.period}) → {new.instrument.number} ({new.period})")
    changes = diff_rulesets(old, new)
    for c in changes:
        print(f"  {c.path}: {c.what}")
    if not changes:
        print("  no differences")
    return 0


def _schema_cmd(args: argparse.Namespace) -> int:
    schema = payload_schema() if args.type is None else json_schema(TYPES[args.type])
    print(_stdlib_json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ntp-criteria`` with these arguments (the process's own by default); the exit status."""
    parser = argparse.ArgumentParser(prog="ntp-criteria", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="assess a few example households and explain the results")
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    p.add_argument("--strict", action="store_true", help="do not decide on unverified numbers")
    p.set_defaults(run=_demo_cmd)
    p = sub.add_parser("rulesets", help="list the rulesets with their instrument and validity")
    p.add_argument("family", nargs="?")
    p.set_defaults(run=_rulesets_cmd)
    p = sub.add_parser("show", help="the criteria table of the ruleset in force on a date")
    p.add_argument("family")
    p.add_argument("--on", type=_date, required=True)
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    p.set_defaults(run=_show_cmd)
    p = sub.add_parser("assess", help="assess households from a JSON or CSV file ('-' for standard input)")
    p.add_argument("file")
    p.add_argument("--format", choices=("json", "csv"), help="input format (default: from the file name)")
    p.add_argument("--output-format", choices=("json", "csv"), help="output format (default: as the input)")
    p.add_argument("--out", help="write the results here instead of standard output")
    p.add_argument("--full", action="store_true", help="JSON: full assessment payloads, not summaries")
    p.add_argument("--strict", action="store_true", help="do not decide on unverified numbers")
    p.add_argument("--kind", choices=("household", "commune", "village"), default="household")
    p.add_argument("--family", help="the ruleset family (default: the subject kind's own, e.g. poverty.household)")
    p.set_defaults(run=_assess_cmd)
    p = sub.add_parser("diff", help="what changed in a family between two dates")
    p.add_argument("family")
    p.add_argument("--from", dest="from_", type=_date, required=True)
    p.add_argument("--to", type=_date, required=True)
    p.set_defaults(run=_diff_cmd)
    p = sub.add_parser("schema", help="JSON Schema of the payloads (or of one type's data)")
    p.add_argument("type", nargs="?", choices=sorted(TYPES))
    p.set_defaults(run=_schema_cmd)
    p = sub.add_parser("status", help="a Markdown table of every number with its status and source")
    p.add_argument("family", nargs="?")
    p.set_defaults(run=_status_cmd)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # output piped into `head` and closed: not an error for a shell user
        sys.stderr.close()
        return 0
    except CriteriaError as exc:
        print(f"ntp-criteria: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
