"""The command line: ``ntp-criteria`` or ``python -m ntp_criteria``. The only module that prints."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import io
import json as _stdlib_json
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from ..catalogue import Catalogue, assess, default_catalogue, ruleset, rulesets
from ..catalogue.diff import diff_rulesets
from ..core.dates import parse_day
from ..core.errors import CriteriaError, InputError, RuleDataError
from ..core.model import Ruleset, Status
from ..core.text import format_number
from . import _demo, golden
from ._cli_text import lang_of, parser_class, tr, tr_change, tr_error
from ._error_text import input_error_lines, load_error_lines
from .batch import FORMATS, KINDS, RESULTS_TYPE, BatchAssessor, ResultWriter, read_subjects
from .json import TYPES
from .packs import catalogue, pack_texts
from .schema import json_schema, payload_schema, results_schema
from .status import by_status, coverage, status_table
from .template import describe_load_error, pack_template

__all__ = ["main", "status_table"]


def _date(text: str) -> dt.date:
    # ISO, or day first as Vietnamese officials write it (15/11/2024); never month first
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _catalogue(args: argparse.Namespace) -> Catalogue | None:
    """The catalogue with the rules packs of ``--rules``, or None (the package's own) without any."""
    paths = getattr(args, "rules", None)
    return catalogue(paths) if paths else None


def _rules_option(p: argparse.ArgumentParser, what: str = "use the package's rules with these packs") -> None:
    p.add_argument("--rules", action="append", metavar="PATH",
                   help=f"a rules pack file or folder (repeatable): {what}")


def _error_lines(exc: CriteriaError, lang: str) -> list[str]:
    """The lines of an error for standard error: a pack's load error with each incomplete entry's line,
    indicator and scope, read from the pack's file; any other error as it says (in ``lang``)."""
    if isinstance(exc, InputError) and lang == "vi":
        return input_error_lines(exc, lang)
    if not isinstance(exc, RuleDataError):
        return [tr_error(f"{type(exc).__name__}: {exc}", lang)]
    try:
        described = describe_load_error(exc, Path(exc.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        described = None
    return load_error_lines(exc, described, lang)


def _demo_cmd(args: argparse.Namespace) -> int:
    for hh in _demo.households():
        a = assess(hh, strict=args.strict)
        print(a.explain(args.lang))
        print()
    return 0


def _rulesets_cmd(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    for rs in rulesets(args.family, catalogue=cat) if args.family else rulesets(catalogue=cat):
        numbers = ", ".join(i.number for i in rs.amended_by)
        amended = f" ({tr('amended by {numbers}', args.lang, numbers=numbers)})" if rs.amended_by else ""
        weak = tr("{count} unverified numbers", args.lang, count=len(rs.unverified()))
        packed = coverage(rs).from_packs if cat is not None else 0
        supplied = f", {tr('{count} from packs', args.lang, count=packed)}" if packed else ""
        print(f"{rs.family:<22} {rs.period:<25} {rs.instrument.number}{amended}  [{weak}{supplied}]")
    return 0


def _show_cmd(args: argparse.Namespace) -> int:
    rs = ruleset(args.family, args.on, catalogue=_catalogue(args))
    lang = args.lang
    print(f"{rs.title_vi if lang == 'vi' else rs.title_en} — {rs.cite} — {rs.period}")
    print(f"  {tr('in force by', lang)}: {rs.validity}")
    for c in rs.criteria:
        print(f"  [{c.code}] {c.name_vi if lang == 'vi' else c.name_en}")
        if c.note:
            print(f"      {tr('note', lang)}: {c.note}")
        if c.count_threshold is not None:
            t = c.count_threshold
            print(f"      {tr('count', lang)} {t.op.value} {format_number(t.value, lang)} {t.unit} — {t.provenance}")
        for i in c.indicators:
            print(f"    {i.code}: {i.name_vi if lang == 'vi' else i.name_en}")
            if i.definition is not None:
                print(f"      {tr('definition', lang)} — {i.definition}")
            for t in i.thresholds:
                scope = f" [{t.scope}]" if t.scope.items else ""
                print(f"      {t.op.value} {format_number(t.value, lang)} {t.unit}{scope} — {t.provenance}")
            for p in i.parameters:
                shown = ", ".join(p.value) if isinstance(p.value, tuple) else format_number(p.value, lang)
                print(f"      {p.name} = {shown} {p.unit} — {p.provenance}")
    return 0


def _status_cmd(args: argparse.Namespace) -> int:
    print(status_table(args.family, catalogue=_catalogue(args), lang=args.lang))
    return 0


def _template_cmd(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    rs = ruleset(args.family, args.on, catalogue=cat)
    periods = [p for p in rulesets(args.family, catalogue=cat) if p.instrument.id == rs.instrument.id]
    regions: list[str] = args.region or []
    command = " ".join(["ntp-criteria template", args.family, "--on", args.on.isoformat(),
                        *(f"--region {r}" for r in regions), *(f"--rules {r}" for r in args.rules or ())])
    text = pack_template(rs, periods=periods, regions=regions, command=command, lang=args.lang)
    entries = text.count("\n[[fills.thresholds]]")
    if not args.out:
        sys.stdout.write(text)
        return 0
    path = Path(args.out)
    try:
        if path.exists() and not args.force:
            return _fail(tr("{path} exists (a pack being filled, perhaps): choose another --out, or add --force",
                            args.lang, path=path))
        path.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        return _fail(tr("cannot write {path}: {why}", args.lang, path=path, why=_why(exc, args.lang)))
    print(tr("wrote {path}: {entries} entries to fill for {family} ({instrument}, {period})", args.lang, path=path,
             entries=entries, family=rs.family, instrument=rs.instrument.number, period=rs.period), file=sys.stderr)
    return 0


def _statuses(counts: dict[Status, int], after: dict[Status, int] | None = None) -> str:
    if after is None:
        return ", ".join(f"{s.value} {counts[s]}" for s in Status)
    return ", ".join(f"{s.value} {counts[s]} → {after[s]}" for s in Status)


def _key(rs: Ruleset) -> tuple[str, dt.date, dt.date | None, str]:
    return rs.family, rs.valid_from, rs.valid_to, rs.instrument.id


def _pack_names(paths: Sequence[str], lang: str) -> list[str]:
    """One line per pack file: its path, and the name and note of its ``[pack]``."""
    lines = []
    for file, text in pack_texts(paths).items():
        try:
            pack = tomllib.loads(text).get("pack")
        except tomllib.TOMLDecodeError:  # pragma: no cover - the catalogue refused it already
            pack = None
        named = pack.get("name") if isinstance(pack, dict) else None
        name = f" — {tr('pack {name}', lang, name=repr(named))}" if named else ""
        note = f": {pack['note']}" if isinstance(pack, dict) and pack.get("note") else ""
        lines.append(f"  {file}{name}{note}")
    return lines


def _supplied_lines(cat: Catalogue, package: Ruleset, packed: Ruleset, lang: str) -> list[str]:
    several = len(cat.packs) > 1
    lines = []
    for s in cat.supplied:
        if (s.family, s.instrument) != (packed.family, packed.instrument.id):
            continue
        origin = f"  ({tr('from {file}', lang, file=s.file)})" if several else ""
        if not package.has_indicator(s.code):
            criterion = next(c.code for c, i in packed.indicators() if i.code == s.code)
            i = packed.indicator(s.code)
            count = len(i.thresholds)
            added = ("added {code} to criterion {criterion}: {name} — {count} threshold" if count == 1 else
                     "added {code} to criterion {criterion}: {name} — {count} thresholds")
            name = i.name_vi if lang == "vi" else i.name_en
            lines.append("  " + tr(added, lang, code=s.code, criterion=criterion, count=count, name=name) + origin)
            continue
        t = next(t for t in packed.indicator(s.code).thresholds if t.scope == s.scope)
        number = f"{t.op.value} {format_number(t.value, lang)} {t.unit} — {t.provenance}"
        if s.replaced is None:
            lines.append("  " + tr("filled {code} [{scope}]: {number}", lang, code=s.code, scope=s.scope,
                                   number=number) + origin)
        else:
            r = s.replaced
            was = f"{r.op.value} {format_number(r.value, lang)} {r.unit} — {r.provenance}"
            lines.append("  " + tr("replaced {code} [{scope}]: {number}; was {was}; why: {why}", lang, code=s.code,
                                   scope=s.scope, number=number, was=was, why=s.why) + origin)
    return lines


def _coverage_line(before: Ruleset, after: Ruleset, lang: str) -> str:
    a, b = coverage(before), coverage(after)
    return "  " + tr("indicators ({a.indicators} → {b.indicators}): computed {a.computed} → {b.computed}, partly "
                     "{a.partly} → {b.partly}, recorded {a.recorded} → {b.recorded}; criteria recorded whole "
                     "{a.whole} → {b.whole}", lang, a=a, b=b)


def _in_all(filled: int, replaced: int, indicators: int, changed: int, added: int, gone: int, lang: str) -> str:
    """The last line of ``pack check``: how many numbers and rulesets the packs change."""
    numbers = ", ".join([
        tr("{count} number filled" if filled == 1 else "{count} numbers filled", lang, count=filled),
        tr("{count} replaced", lang, count=replaced),
        tr("{count} indicator added" if indicators == 1 else "{count} indicators added", lang, count=indicators)])
    rulesets_ = ", ".join([
        tr("{count} ruleset changed" if changed == 1 else "{count} rulesets changed", lang, count=changed),
        tr("{count} added", lang, count=added), tr("{count} re-cut or replaced", lang, count=gone)])
    return tr("in all: {numbers}; {rulesets}", lang, numbers=numbers, rulesets=rulesets_)


def _pack_check_cmd(args: argparse.Namespace) -> int:
    cat = catalogue(args.paths)
    base = default_catalogue()
    lang = args.lang
    print(tr("loads: {count} pack file" if len(cat.packs) == 1 else "loads: {count} pack files", lang,
             count=len(cat.packs)))
    for line in _pack_names(args.paths, lang):
        print(line)
    package = {_key(rs): rs for rs in base.rulesets}
    packed = {_key(rs): rs for rs in cat.rulesets}
    changed = [(package[k], rs) for k, rs in packed.items() if k in package and package[k] != rs]
    added = [rs for k, rs in packed.items() if k not in package]
    gone = [rs for k, rs in package.items() if k not in packed]
    for old, new in changed:
        print()
        print(f"{new.family}, {new.period} ({new.instrument.number})")
        for line in _supplied_lines(cat, old, new, lang):
            print(line)
        print(f"  {tr('against the package:', lang)}")
        for change in diff_rulesets(old, new):
            print(f"    {change.path}: {tr_change(change.what, lang)}")
        print(f"  {tr('numbers by status:', lang)} {_statuses(by_status(old), by_status(new))}")
        print(_coverage_line(old, new, lang))
    for rs in added:
        print()
        print(f"{rs.family}, {rs.period} ({rs.instrument.number}): {tr('a ruleset the package does not have', lang)}")
        print(f"  {tr('numbers by status:', lang)} {_statuses(by_status(rs))}")
    for rs in gone:
        print()
        print(f"{rs.family}, {rs.period} ({rs.instrument.number}): "
              f"{tr('the package' + chr(39) + 's ruleset, re-cut or replaced by the packs', lang)}")
    print()
    if not (changed or added or gone):
        print(tr("the packs change nothing in the package's rulesets", lang))
        return EXIT_OK
    # an indicator added to a set is added to each of its periods: counted once
    supplied = list({(s.family, s.instrument, s.code, s.scope, s.file): s for s in cat.supplied}.values())
    indicators = sum(1 for s in supplied if not any(
        rs.has_indicator(s.code) for rs in base.rulesets if (rs.family, rs.instrument.id) == (s.family, s.instrument)))
    replaced = sum(1 for s in supplied if s.replaced is not None)
    filled = len(supplied) - indicators - replaced
    before, after = dict.fromkeys(Status, 0), dict.fromkeys(Status, 0)
    for rs in base.rulesets:
        for s, n in by_status(rs).items():
            before[s] += n
    for rs in cat.rulesets:
        for s, n in by_status(rs).items():
            after[s] += n
    print(_in_all(filled, replaced, indicators, len(changed), len(added), len(gone), lang))
    print(f"{tr('numbers by status:', lang)} {_statuses(before, after)}")
    if after[Status.UNVERIFIED] > before[Status.UNVERIFIED]:
        print(tr("strict=True (assess --strict) leaves undecided what rests on an unverified number", lang))
    return EXIT_OK


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


def _why(exc: Exception, lang: str) -> str:
    """Why a file cannot be opened: the system's reason (in ``lang`` where it is a common one)."""
    return tr_error(str(getattr(exc, "strerror", None) or exc), lang)


def _fail(message: str) -> int:
    print(f"ntp-criteria: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _assess_cmd(args: argparse.Namespace) -> int:
    cat = _catalogue(args)  # a pack that does not load is the whole command's error, before any output
    path = args.file
    lowered = path.lower()
    fmt = args.format or ("csv" if lowered.endswith(".csv") else "jsonl" if lowered.endswith((".jsonl", ".ndjson"))
                          else "json")
    out_fmt = args.output_format or ("csv" if args.out and args.out.lower().endswith(".csv")
                                     else "json" if fmt == "jsonl" else fmt)
    try:
        source = _open_input(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        return _fail(tr("cannot read {path}: {why}", args.lang, path=repr(path), why=_why(exc, args.lang)))
    try:
        out: TextIO = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        source.close()
        return _fail(tr("cannot write {path}: {why}", args.lang, path=repr(args.out), why=_why(exc, args.lang)))
    bad = 0
    try:
        writer = ResultWriter(out, out_fmt, full=args.full, lang=args.lang)
        batch = BatchAssessor(family=args.family, strict=args.strict, strict_inputs=args.strict_inputs,
                              catalogue=cat)
        rows = (read_subjects(source, fmt, args.kind, family=args.family) if args.full
                else batch.summaries(source, fmt, args.kind))
        for done, row in enumerate(rows, 1):
            try:
                if row.error is not None:
                    raise row.error
                if row.record is not None:
                    writer.write_summary(row.record)
                elif args.full:
                    writer.write(batch.assess(row.subject), row.number)
                else:
                    writer.write_summary(batch.summary(row.subject, row.number))
            except CriteriaError as exc:
                bad += 1
                if isinstance(exc, InputError) and row.error is None:  # raised assessing the row: paths from its place
                    exc = InputError(exc.what, [attrs.evolve(p, path=row.where + p.path[1:]) for p in exc.problems])
                lines = ([f"{p.path}: {tr_error(p.message, args.lang)}" for p in exc.problems]
                         if isinstance(exc, InputError) else [tr_error(f"{type(exc).__name__}: {exc}", args.lang)])
                for line in lines:
                    print(f"ntp-criteria: {tr('row', args.lang)} {row.number}: {line}", file=sys.stderr)
                writer.write_error(row.number, exc if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}")
            _progress(done)
        writer.close()
    except UnicodeDecodeError as exc:
        return _fail(tr("{path} is not UTF-8 text (byte {at} of a chunk: {why})", args.lang, path=path,
                        at=exc.start, why=exc.reason))
    except InputError as exc:
        return _fail(f"{path}: {exc}" if args.lang != "vi" else "\n  ".join(
            [f"{path}: {exc.what}", *(f"{p.path}: {tr_error(p.message, 'vi')}" for p in exc.problems)]))
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
        print(f"  {c.path}: {tr_change(c.what, args.lang)}")
    if not changes:
        print(f"  {tr('no differences', args.lang)}")
    return 0


def _schema_cmd(args: argparse.Namespace) -> int:
    schema = (payload_schema() if args.type is None else results_schema() if args.type == RESULTS_TYPE
              else json_schema(TYPES[args.type]))
    print(_stdlib_json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def _pack_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``template`` and ``pack check``: writing and checking rules packs."""
    p = sub.add_parser("template", help="a rules pack skeleton with an entry for every number the package lacks for "
                                        "the ruleset in force on a date, to fill from the official annex")
    p.add_argument("family")
    p.add_argument("--on", type=_date, required=True)
    p.add_argument("--region", action="append", metavar="REGION",
                   help="only this region's entries (repeatable; a value the ruleset declares, e.g. tn)")
    p.add_argument("--out", metavar="PATH", help="write the skeleton here instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite --out when it exists")
    _rules_option(p, "with these packs loaded: only what they leave missing")
    p.set_defaults(run=_template_cmd)
    p = sub.add_parser("pack", help="rules packs: check what they change")
    pack = p.add_subparsers(dest="pack_command", required=True)
    p = pack.add_parser("check", help="load rules packs (files or folders) and print what they change against the "
                                      "package; exit 0: they load, 2: they do not (the error on standard error)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(run=_pack_check_cmd)


def _serve_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``serve``: the HTTP service (the ``serve`` extra; docs/http.md)."""
    p = sub.add_parser("serve", help="serve the rules and assessments over HTTP, as JSON (needs the 'serve' extra; "
                                     "see docs/http.md); runs until interrupted")
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine "
                                                       "only; put a reverse proxy in front for others)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token-file", metavar="PATH", help="require 'Authorization: Bearer <token>' with the token on "
                                                       "this file's first line (every path but /health)")
    p.add_argument("--max-body", type=int, default=1_048_576, metavar="BYTES",
                   help="the largest request body, and batch line, read; larger ones get 413 (default: 1 MiB)")
    p.add_argument("--cors-origin", action="append", metavar="ORIGIN", default=[],
                   help="a web origin allowed to call the service from a browser (repeatable; none by default)")
    p.add_argument("--root-path", default="", metavar="PREFIX", help="the path prefix a reverse proxy serves it under")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="IPS",
                   help="the proxies whose X-Forwarded-* headers are trusted (default: 127.0.0.1)")
    p.add_argument("--log-level", choices=("critical", "error", "warning", "info", "debug"), default="info")
    _rules_option(p)
    p.set_defaults(run=_serve_cmd)


def _serve_cmd(args: argparse.Namespace) -> int:
    import importlib.util

    missing = [name for name in ("starlette", "uvicorn") if importlib.util.find_spec(name) is None]
    if missing:
        return _fail(tr("serve needs the 'serve' extra ({missing} not installed): pip install 'ntp-criteria[serve]'",
                        args.lang, missing=" and ".join(missing)))
    if not 0 <= args.port <= 65_535:
        return _fail(tr("--port: expected 0-65535, got {port}", args.lang, port=args.port))
    from .http import serve

    return serve(_catalogue(args), host=args.host, port=args.port, token_file=args.token_file,
                 max_body=args.max_body, cors_origins=tuple(args.cors_origin), root_path=args.root_path,
                 forwarded_allow_ips=args.forwarded_allow_ips, log_level=args.log_level)


def _version() -> str:
    """The installed distribution's version (pyproject reads it from ``ntp_criteria.__version__``)."""
    try:
        return importlib.metadata.version("ntp-criteria")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _test_cmd(args: argparse.Namespace) -> int:
    """``ntp-criteria test FILES...``: golden files without pytest; exit 0 all hold, 1 some fail, 2 none found."""
    if args.show_format:
        sys.stdout.write(golden.format_text(args.lang))
        return EXIT_OK
    if not args.paths:
        return _fail(tr("test: name golden files or folders (or --show-format for the file format)", args.lang))
    results = golden.run_files(args.paths)
    if not results:
        return _fail(tr("test: no *{suffix} file in {paths}", args.lang, suffix=golden.SUFFIX,
                        paths=" ".join(args.paths)))
    for r in results:
        if args.verbose or not r.passed:
            print(r.text(args.lang))
    print(golden.summary_line(results, args.lang))
    return EXIT_OK if all(r.passed for r in results) else EXIT_BAD_ROWS


def _parser(lang: str = "en") -> argparse.ArgumentParser:
    parser = parser_class(lang)(prog="ntp-criteria", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("demo", help="assess a few example households and explain the results")
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    p.add_argument("--strict", action="store_true", help="do not decide on unverified numbers")
    p.set_defaults(run=_demo_cmd)
    p = sub.add_parser("rulesets", help="list the rulesets with their instrument and validity")
    p.add_argument("family", nargs="?")
    _rules_option(p)
    p.set_defaults(run=_rulesets_cmd)
    p = sub.add_parser("show", help="the criteria table of the ruleset in force on a date")
    p.add_argument("family")
    p.add_argument("--on", type=_date, required=True)
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    _rules_option(p)
    p.set_defaults(run=_show_cmd)
    p = sub.add_parser("assess", help="assess households or units from a JSON, JSON Lines or CSV file ('-' for "
                                      "standard input), row by row; exit 0: all assessed, 1: some rows bad, 2: "
                                      "unusable input")
    p.add_argument("file")
    p.add_argument("--format", choices=FORMATS, help="input format (default: from the file name; jsonl streams)")
    p.add_argument("--output-format", choices=("json", "csv"), help="output format (default: as the input)")
    p.add_argument("--out", help="write the results here instead of standard output")
    p.add_argument("--full", action="store_true", help="JSON: each record with the results behind it (every "
                   "criterion and indicator); the ruleset is referred to by family, instrument and period")
    p.add_argument("--strict", action="store_true", help="do not decide on unverified numbers")
    p.add_argument("--kind", choices=tuple(KINDS), default="household", help="the kind of subject in each row")
    p.add_argument("--family", help="the ruleset family (default: the subject kind's own, e.g. poverty.household); "
                                    "bare obs:<code> CSV columns are recorded for it")
    p.add_argument("--strict-inputs", action="store_true",
                   help="a row with inputs its ruleset does not use is an error, not a note in the output")
    _rules_option(p)
    p.set_defaults(run=_assess_cmd)
    p = sub.add_parser("diff", help="what changed in a family between two dates")
    p.add_argument("family")
    p.add_argument("--from", dest="from_", type=_date, required=True)
    p.add_argument("--to", type=_date, required=True)
    p.set_defaults(run=_diff_cmd)
    p = sub.add_parser("schema", help="JSON Schema of the payloads (or of one type's data)")
    p.add_argument("type", nargs="?", choices=sorted([*TYPES, RESULTS_TYPE]))
    p.set_defaults(run=_schema_cmd)
    p = sub.add_parser("status", help="Markdown: how much of each ruleset is computed, and every number with its "
                                      "status and source")
    p.add_argument("family", nargs="?")
    _rules_option(p)
    p.set_defaults(run=_status_cmd)
    _pack_commands(sub)
    _serve_command(sub)
    p = sub.add_parser("test", help="run golden files (*.golden.toml, or folders of them) without pytest: one line "
                                    "per failing case, then 'N passed, N failed'; exit 0: all hold, 1: some fail")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("-v", "--verbose", action="store_true", help="a line for every case, not only the failing ones")
    p.add_argument("--show-format", action="store_true", help="print the golden-file format and exit")
    p.set_defaults(run=_test_cmd)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ntp-criteria`` with these arguments (the process's own by default); the exit status."""
    lang, rest = lang_of(sys.argv[1:] if argv is None else argv)
    args = _parser(lang).parse_args(rest)
    args.lang = lang
    try:
        return int(args.run(args))
    except BrokenPipeError:  # output piped into `head` and closed: not an error for a shell user
        sys.stderr.close()
        return 0
    except CriteriaError as exc:
        first, *more = _error_lines(exc, lang)
        print(f"ntp-criteria: {first}", file=sys.stderr)
        for line in more:
            print(line, file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:  # the output closed or full mid-run
        print(f"ntp-criteria: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
