"""Look up the national target programmes and what they move.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> [p.id for p in ntp.programmes(on=dt.date(2023, 1, 1))]
['dtts-2021', 'gnbv-2021', 'ntm-2021']
>>> ntp.programme("gnbv-2021").find("giam ngheo ve thong tin").name_en
'Information poverty reduction'

```
"""

from __future__ import annotations

import datetime as dt

import attrs

from ...catalogue import default_catalogue as catalogue
from ...core._validate import check_day, check_text, raise_problems, unknown_code
from ...core.errors import UnknownCode
from ...core.programme import Link, Programme, Unit, match_units

__all__ = ["find_units", "links_from", "links_to", "programme", "programmes"]


def programmes(on: dt.date | None = None) -> tuple[Programme, ...]:
    """Every programme in the data, or those running in the year of ``on``; sorted by id."""
    if on is not None:
        raise_problems(check_day(on, "$.on"), "programmes()")
    items = catalogue().programmes
    return tuple(sorted((p for p in items if on is None or p.in_force(on)), key=lambda p: p.id))


def programme(programme_id: str) -> Programme:
    """A programme by its id (``"gnbv-2021"``, ``"ntm-2021"``, ``"dtts-2021"``, ``"mtqg-2026"``);
    :class:`~ntp_criteria.UnknownCode` (a ``LookupError``) naming the nearest ids for an id nobody knows."""
    return _programme(programme_id, "$.programme_id", "programme()")


def _programme(programme_id: object, path: str, call: str) -> Programme:
    raise_problems(check_text(programme_id, path, "a programme id (text)"), call)
    for p in catalogue().programmes:
        if p.id == programme_id:
            return p
    known = sorted(p.id for p in catalogue().programmes)
    problem = unknown_code(path, programme_id, known, "programme")
    raise UnknownCode(call, [attrs.evolve(problem, message=f"{problem.message}; known: {', '.join(known)}")])


def find_units(query: str, programme_id: str | None = None) -> tuple[Unit, ...]:
    """Units matching ``query``, accent-insensitive, best kind of match first: the number ("6", "6.1"),
    the key ("P10.2", "6.information"), the whole name (vi or en), then a part of the name. ``programme_id``
    limits the search to one programme (an id nobody knows is :class:`~ntp_criteria.UnknownCode`)."""
    raise_problems(check_text(query, "$.query", "text to look for"), "find_units()")
    pool = programmes() if programme_id is None else (_programme(programme_id, "$.programme_id", "find_units()"),)
    return match_units((u for p in pool for u in p.units()), query)


def links_from(unit_key: str) -> tuple[Link, ...]:
    """What a programme unit moves: the criteria and indicators it serves (none for a unit that moves nothing
    encoded); a key that is no programme unit's is :class:`~ntp_criteria.UnknownCode`."""
    raise_problems(check_text(unit_key, "$.unit_key", "a unit key (text)"), "links_from()")
    keys = {u.key for p in catalogue().programmes for u in p.units()}
    if unit_key not in keys:
        raise UnknownCode("links_from()", [unknown_code("$.unit_key", unit_key, keys, "programme unit")])
    return tuple(link for link in catalogue().links if link.unit == unit_key)


def links_to(family: str, code: str) -> tuple[Link, ...]:
    """The programme units that move an indicator or criterion of a ruleset family; a family or code nobody knows
    is :class:`~ntp_criteria.UnknownCode`, naming the nearest known ones."""
    raise_problems(check_text(family, "$.family", "a ruleset family (text)")
                   + check_text(code, "$.code", "an indicator or criterion code (text)"), "links_to()")
    cat = catalogue()
    families = cat.families() | cat.unencoded_families()
    if family not in families:
        raise UnknownCode("links_to()", [unknown_code("$.family", family, families, "ruleset family")])
    codes = cat.codes_of_family(family)
    if code not in codes:
        raise UnknownCode("links_to()", [unknown_code("$.code", code, codes, f"{family} code")])
    return tuple(link for link in cat.links if link.family == family and code in link.codes)
