"""Dates as Vietnamese officials write them, and ages as the review forms count them.

A date in a file or on the command line is either ISO 8601 (``2024-11-15``) or **day first**, as every
Vietnamese form writes it: ``15/11/2024``, ``15-11-2024``, ``15.11.2024`` or ``ngày 15 tháng 11 năm 2024``.
``03/04/2024`` is therefore 3 April 2024, never 4 March. Anything else is refused rather than guessed: a
two-digit year, a month-first date (``11/15/2024``: there is no month 15, and the month is never swapped with
the day), a partial date (``11/2024``), an impossible one (``31/02/2024``) or a time of day.

Ages are whole years completed on the reference date (:func:`age_on`), counted with ``dateutil``'s
``relativedelta`` as a person counts birthdays: 15 the day before the 16th birthday, 16 on it; one born on
29 February completes a year on 28 February of a common year. A member "under 16" on the review's day has
``age_on(...) < 16``; one "from 6" has ``age_on(...) >= 6``.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as _parser
from dateutil.relativedelta import relativedelta

__all__ = ["DATE_FORMS", "age_on", "parse_day"]

#: the forms :func:`parse_day` accepts, as shown in its error messages
DATE_FORMS = "YYYY-MM-DD or day first DD/MM/YYYY (15/11/2024)"

# re.ASCII: 0-9 only (\d also matches other scripts' digits, which int() would read as a day silently)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)
_WORDS = re.compile(r"(?:ngày\s*)?([0-9]{1,2})\s*tháng\s*([0-9]{1,2})\s*(?:năm|,)\s*([0-9]{4})", re.IGNORECASE)


def parse_day(text: str) -> dt.date:
    """The date ``text`` names: ISO ``2024-11-15``, or day first ``15/11/2024`` (``-`` or ``.`` also separate;
    ``ngày 15 tháng 11 năm 2024`` too). Raises ``ValueError`` saying why for anything else; the callers add the
    field's path."""
    if not isinstance(text, str):
        raise TypeError(f"expected a date as text ({DATE_FORMS}), got {type(text).__name__}")
    value = text.strip()
    if _ISO.fullmatch(value):
        try:
            return _parser.isoparse(value).date()
        except ValueError:
            raise ValueError(f"no such day: {value!r} (year-month-day)") from None
    words = _WORDS.fullmatch(value)
    match = _DAY_FIRST.fullmatch(value)
    if words:
        day, month, year = words.groups()
    elif match:
        day, _, month, year = match.groups()
    else:
        raise ValueError(f"expected a date as {DATE_FORMS}, got {value[:40]!r}")
    if not 1 <= int(month) <= 12:
        raise ValueError(f"no month {int(month)} in {value!r}: dates are read day first (DD/MM/YYYY), and day and "
                         "month are never swapped")
    try:
        # dateutil checks the calendar (31/02, 29/02 outside a leap year); dayfirst reads 03/04 as 3 April
        parsed = _parser.parse(f"{day}/{month}/{year}", dayfirst=True, yearfirst=False).date()
    except (ValueError, OverflowError):
        raise ValueError(f"no such day: {value!r} (day {int(day)} of month {int(month)})") from None
    if (parsed.day, parsed.month, parsed.year) != (int(day), int(month), int(year)):  # never a silent swap
        raise ValueError(f"{value!r} is not a day-first date")
    return parsed


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years completed from ``born`` to ``on`` (``relativedelta``): 15 the day before the 16th birthday, 16
    on it. Raises ``ValueError`` when ``on`` is before ``born``."""
    if on < born:
        raise ValueError(f"born on {born}, after {on}")
    return relativedelta(on, born).years
