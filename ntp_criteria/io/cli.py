"""The command line: ``ntp-criteria`` or ``python -m ntp_criteria``. The only module that prints."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json as _stdlib_json
import sys
from collections.abc import Sequence
from typing import TextIO

from ..catalogue import assess, default_catalogue, ruleset, rulesets
from ..catalogue.diff import diff_rulesets
from ..core.errors import CriteriaError, InputError
from ..core.text import format_number
from ..families.programmes import programmes
from . import _demo
from .batch import FORMATS, BatchAssessor, ResultWriter, read_subjects
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


def _progress(done: int) -> None:
    """A running count on standard error, only for a person at a terminal."""
    if done % 10_000 == 0 and sys.stderr.isatty():
        sys.stderr.write(f"\r{done:,} rows")
        sys.stderr.flush()


#: exit codes of ``ntp-criteria assess``: every row assessed; some rows could not be (each reported on standard
#: error with its row number and field path, and marked in the output); the command or its input as a whole
#: could not be used (a bad option, an unreadable file, input that is not UTF-8, unknown columns)
EXIT_OK, EXIT_BAD_ROWS, EXIT_UNUSABLE = 0, 1, 2


def _open_input(path: str) -> TextIO:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="strict", newline="")
    return open(path, encoding="utf-8-sig", errors="strict", newline="")


def _fail(message: str) -> int:
    print(f"ntp-criteria: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _assess_cmd(args: argparse.Namespace) -> int:
    path = args.file
    lowered = path.lower()
    fmt = args.format or ("csv" if lowered.endswith(".csv") else "jsonl" if lowered.endswith((".jsonl", ".ndjson"))
                          else "json")
    out_fmt = args.output_format or ("csv" if args.out and args.out.lower().endswith(".csv")
                                     else "json" if fmt == "jsonl" else fmt)
    try:
        source = _open_input(path)
    except OSError as exc:
        return _fail(f"cannot read {path}: {exc.strerror}")
    try:
        out: TextIO = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
    except OSError as exc:
        source.close()
        return _fail(f"cannot write {args.out}: {exc.strerror}")
    bad = 0
    try:
        writer = ResultWriter(out, out_fmt, full=args.full)
        batch = BatchAssessor(family=args.family, strict=args.strict, strict_inputs=args.strict_inputs)
        for done, row in enumerate(read_subjects(source, fmt, args.kind, family=args.family), 1):
            try:
                if row.error is not None:
                    raise row.error
                if args.full:
                    writer.write(batch.assess(row.subject), row.number)
                else:
                    writer.write_summary(batch.summary(row.subject, row.number))
            except CriteriaError as exc:
                bad += 1
                lines = ([f"{p.path}: {p.message}" for p in exc.problems] if isinstance(exc, InputError)
                         else [f"{type(exc).__name__}: {exc}"])
                for line in lines:
                    print(f"ntp-criteria: row {row.number}: {line}", file=sys.stderr)
                writer.write_error(row.number, exc if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}")
            _progress(done)
        writer.close()
    except UnicodeDecodeError as exc:
        return _fail(f"{path} is not UTF-8 text (byte {exc.start} of a chunk: {exc.reason})")
    except InputError as exc:
        return _fail(f"{path}: {exc}")
    finally:
        source.close()
        if out is not sys.stdout:
            out.close()
    return EXIT_BAD_ROWS if bad else EXIT_OK


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
    p = sub.add_parser("assess", help="assess households or units from a JSON, JSON Lines or CSV file ('-' for "
                                      "standard input), row by row; exit 0: all assessed, 1: some rows bad, 2: "
                                      "unusable input")
    p.add_argument("file")
    p.add_argument("--format", choices=FORMATS, help="input format (default: from the file name; jsonl streams)")
    p.add_argument("--output-format", choices=("json", "csv"), help="output format (default: as the input)")
    p.add_argument("--out", help="write the results here instead of standard output")
    p.add_argument("--full", action="store_true", help="JSON: full assessment payloads, not summaries")
    p.add_argument("--strict", action="store_true", help="do not decide on unverified numbers")
    p.add_argument("--kind", choices=("household", "commune", "village"), default="household")
    p.add_argument("--family", help="the ruleset family (default: the subject kind's own, e.g. poverty.household); "
                                    "bare obs:<code> CSV columns are recorded for it")
    p.add_argument("--strict-inputs", action="store_true",
                   help="a row with inputs its ruleset does not use is an error, not a note in the output")
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
        return EXIT_UNUSABLE
    except OSError as exc:  # the output closed or full mid-run
        print(f"ntp-criteria: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
