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

from ...catalogue import default_catalogue as catalogue
from ...core.programme import Link, Programme, Unit, match_units

__all__ = ["find_units", "links_from", "links_to", "programme", "programmes"]


def programmes(on: dt.date | None = None) -> tuple[Programme, ...]:
    """Every programme in the data, or those running in the year of ``on``; sorted by id."""
    items = catalogue().programmes
    return tuple(sorted((p for p in items if on is None or p.in_force(on)), key=lambda p: p.id))


def programme(programme_id: str) -> Programme:
    """A programme by its id (``"gnbv-2021"``, ``"ntm-2021"``, ``"dtts-2021"``, ``"mtqg-2026"``)."""
    for p in catalogue().programmes:
        if p.id == programme_id:
            return p
    known = ", ".join(sorted(p.id for p in catalogue().programmes))
    raise LookupError(f"no programme {programme_id!r}; known: {known}")


def find_units(query: str, programme_id: str | None = None) -> tuple[Unit, ...]:
    """Units matching ``query``, accent-insensitive, best kind of match first: the number ("6", "6.1"),
    the key ("P10.2", "6.information"), the whole name (vi or en), then a part of the name."""
    return match_units((u for p in programmes() if programme_id in (None, p.id) for u in p.units()), query)


def links_from(unit_key: str) -> tuple[Link, ...]:
    """What a programme unit moves: the criteria and indicators it serves."""
    return tuple(link for link in catalogue().links if link.unit == unit_key)


def links_to(family: str, code: str) -> tuple[Link, ...]:
    """The programme units that move an indicator or criterion of a ruleset family."""
    return tuple(link for link in catalogue().links if link.family == family and code in link.codes)
