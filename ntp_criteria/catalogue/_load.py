"""Build a :class:`~ntp_criteria.catalogue.Catalogue` from rules file texts, checking everything (no I/O).

A file holds one legal instrument and what it issues; the loader reads every file, then puts together the
rulesets, the periods other instruments extend, the amendments, the family ends, the programmes and their
links, and refuses anything inconsistent with an error naming the file and the path inside it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping

import attrs

from ..core._lazy import run_first_use
from ..core.agencies import AGENCIES
from ..core.errors import Problem, RuleDataError
from ..core.model import LegalInstrument, Ruleset
from ..core.programme import Link, Programme
from . import _schema as rd
from ._build import Inherited, criterion_of, indicator_of, instrument_of, ruleset_of
from ._catalogue import Catalogue
from ._checks import check_family_ends, check_family_periods, check_ruleset
from ._packs import apply_pack_overlays, apply_packs
from ._programme_schema import link_of, programme_of
from .regions import ProvinceRegions

__all__ = ["load_catalogue"]


def _parsed(texts: Mapping[str, str]) -> dict[str, rd.RawFile]:
    raws: dict[str, rd.RawFile] = {}
    for name, text in texts.items():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RuleDataError(name, [Problem("$", f"not valid TOML: {exc}")]) from None
        raws[name] = rd.parse(name, data)
    return raws


def _rules_and_packs(texts: Mapping[str, str], packs: Mapping[str, str]
                     ) -> tuple[dict[str, rd.RawFile], dict[str, rd.RawFile]]:
    """Every file parsed (the rules and the packs), and the packs apart; what only a pack may hold is refused
    in the rules."""
    raws = _parsed(texts)
    pack_raws = _parsed(packs)
    clash = sorted(set(raws) & set(pack_raws))
    if clash:
        raise RuleDataError(clash[0], [Problem("$", "a pack file has the name of a rules file: rename it")])
    for name, raw in raws.items():
        if raw.fills or raw.additions or raw.overlay:
            raise RuleDataError(name, [Problem("$", "fills, additions and overlays belong in rules packs, not in "
                                                    "the package's rules")])
    raws.update(pack_raws)
    return raws, pack_raws


def load_catalogue(texts: Mapping[str, str], *, regions: ProvinceRegions | None = None,
                   packs: Mapping[str, str] | None = None) -> Catalogue:
    """Build and check a catalogue from rules file texts keyed by file name (no I/O), with the region table
    units' regions are derived from (none: a unit is assessed only on the region it gives), and the texts of
    rules packs (also keyed by file name), whose fills and additions apply to the rulesets of the others."""
    run_first_use()  # the families register the measures and outcome rules the rules name, before they are checked
    raws, pack_raws = _rules_and_packs(texts, packs or {})

    instruments: dict[str, tuple[LegalInstrument, str]] = {}
    for name, raw in raws.items():
        if raw.instrument is None:
            continue
        inst = instrument_of(raw.instrument)
        if inst.id in instruments:
            raise RuleDataError(name, [Problem("$.instrument.id", f"{inst.id!r} also in {instruments[inst.id][1]}")])
        instruments[inst.id] = (inst, name)

    built: list[tuple[Ruleset, str]] = []
    for name, raw in raws.items():
        if raw.instrument is None:
            continue
        inst = instruments[raw.instrument.id][0]
        in_file = Inherited().within(raw.defaults, "$")
        for k, rr in enumerate(raw.rulesets):
            rs, problems = ruleset_of(rr, inst, f"$.rulesets[{k}]", in_file)
            if problems:
                raise RuleDataError(name, problems)
            built.append((rs, name))

    for name, raw in raws.items():
        for k, ext in enumerate(raw.extensions):
            base = _one(built, ext.family, ext.instrument, name, f"$.extensions[{k}]")
            built.append((attrs.evolve(base[0], valid_from=ext.valid_from, valid_to=ext.valid_to,
                                       validity=ext.validity), name))

    for name, raw in raws.items():
        if raw.instrument is None:
            continue
        by = instruments[raw.instrument.id][0]
        for k, am in enumerate(raw.amendments):
            if not any(rs.family == am.family and rs.instrument.id == am.instrument for rs, _ in built):
                raise RuleDataError(name, [Problem(f"$.amendments[{k}]",
                                                   f"no {am.family!r} ruleset of {am.instrument!r} to amend")])
            in_amendment = Inherited().within(raw.defaults, "$").within(am.defaults, f"$.amendments[{k}]")
            built = list(_amend(built, am, by, name, f"$.amendments[{k}]", in_amendment))

    for rs, name in built:
        problems = check_ruleset(rs, f"$[{rs.family} {rs.period}]")
        if problems:
            raise RuleDataError(name, problems)
    # a pack's fills may leave scopes to recorded results (the coverage check above is the package's); each is
    # checked as it applies: declared scopes, no overlap, no silent replacement, no two packs on one number
    built, supplied = apply_packs(built, pack_raws)
    built = apply_pack_overlays(built, pack_raws, {k: v for k, (v, _) in instruments.items()})
    clashes = check_family_periods(built)
    if clashes:
        raise RuleDataError(clashes[0][0], [p for _, p in clashes])
    ends = [(e, name, f"$.family_ends[{k}]") for name, raw in raws.items() for k, e in enumerate(raw.family_ends)]
    pending = [(e, name, f"$.not_encoded[{k}]") for name, raw in raws.items() for k, e in enumerate(raw.not_encoded)]
    late = check_family_ends([*ends, *pending], (rs for rs, _ in built))
    if late:
        raise RuleDataError(late[0][0], [p for _, p in late])

    built.sort(key=lambda x: (x[0].family, x[0].valid_from))
    rulesets = tuple(rs for rs, _ in built)
    programmes, links = _programmes_and_links(raws, rulesets, set(instruments))
    return Catalogue(tuple(i for i, _ in instruments.values()), rulesets, programmes, links,
                     tuple(e for e, _, _ in ends), tuple(e for e, _, _ in pending), regions,
                     packs=tuple(pack_raws), supplied=supplied)


def _programmes_and_links(raws: Mapping[str, rd.RawFile], rulesets: tuple[Ruleset, ...], instrument_ids: set[str]
                          ) -> tuple[tuple[Programme, ...], tuple[Link, ...]]:
    programmes: dict[str, Programme] = {}
    for name, raw in raws.items():
        problems: list[Problem] = []
        for k, rp in enumerate(raw.programmes):
            prog = programme_of(rp, f"$.programmes[{k}]", problems)
            if prog.id in programmes:
                problems.append(Problem(f"$.programmes[{k}].id", f"programme {prog.id!r} defined twice"))
            for unit in prog.units():
                problems.extend(Problem(f"$.programmes[{k}][{unit.key}].leads", f"unknown agency {lead.agency!r}")
                                for lead in unit.leads if lead.agency not in AGENCIES)
                for ref in (*unit.legal_basis, *unit.guided_by):
                    if ref not in instrument_ids:
                        problems.append(Problem(f"$.programmes[{k}][{unit.key}]", f"unknown instrument {ref!r}"))
            programmes[prog.id] = prog
        if problems:
            raise RuleDataError(name, problems)
    codes: dict[str, set[str]] = {}
    for rs in rulesets:
        codes.setdefault(rs.family, set()).update(
            [c.code for c in rs.criteria] + [i.code for _, i in rs.indicators()])
    links: list[Link] = []
    for name, raw in raws.items():
        problems = []
        for k, rl in enumerate(raw.links):
            link = link_of(rl)
            owner = programmes.get(link.programme)
            if owner is None or link.unit not in {u.key for u in owner.units()}:
                problems.append(Problem(f"$.links[{k}]", f"no programme unit {link.unit!r} in {link.programme!r}"))
            unknown = sorted(set(link.codes) - codes[link.family]) if link.family in codes else []
            if unknown:
                problems.append(Problem(f"$.links[{k}].codes", f"not in any {link.family!r} ruleset: {unknown}"))
            links.append(link)
        if problems:
            raise RuleDataError(name, problems)
    return tuple(programmes.values()), tuple(links)


def _one(built: list[tuple[Ruleset, str]], family: str, instrument_id: str, file: str, path: str
         ) -> tuple[Ruleset, str]:
    found = [(rs, f) for rs, f in built if rs.family == family and rs.instrument.id == instrument_id
             and not rs.amended_by]
    if len(found) != 1:
        raise RuleDataError(file, [Problem(path, f"expected one {family!r} ruleset of {instrument_id!r}, "
                                                 f"found {len(found)}")])
    return found[0]


def _amend(built: Iterable[tuple[Ruleset, str]], am: rd.RawAmendment, by: LegalInstrument, file: str, path: str,
           inherited: Inherited) -> Iterable[tuple[Ruleset, str]]:
    """Split every affected ruleset at the amendment date; the later part carries the additions, whose values
    inherit the amending file's and the amendment's default source."""
    for original, f in built:
        rs = original
        if rs.family != am.family or rs.instrument.id != am.instrument or (
                rs.valid_to is not None and rs.valid_to < am.in_force_from):
            yield rs, f
            continue
        if rs.valid_from < am.in_force_from:
            yield attrs.evolve(rs, valid_to=am.in_force_from - dt.timedelta(days=1)), f
            rs = attrs.evolve(rs, valid_from=am.in_force_from)
        problems: list[Problem] = []
        within = attrs.evolve(inherited, declared={d.name: d.values for d in rs.dimensions})
        criteria = list(rs.criteria)
        for k, add in enumerate(am.add):
            idx = next((i for i, c in enumerate(criteria) if c.code == add.criterion), None)
            if idx is None:
                problems.append(Problem(f"{path}.add[{k}].criterion", f"no criterion {add.criterion!r}"))
                continue
            ind = indicator_of(add.indicator, f"{path}.add[{k}].indicator", problems, within)
            criteria[idx] = attrs.evolve(criteria[idx], indicators=(*criteria[idx].indicators, ind))
        criteria.extend(criterion_of(rc, f"{path}.add_criteria[{k}]", problems, within)
                        for k, rc in enumerate(am.add_criteria))
        if problems:
            raise RuleDataError(file, problems)
        yield attrs.evolve(rs, criteria=tuple(criteria), amended_by=(*rs.amended_by, by)), file
