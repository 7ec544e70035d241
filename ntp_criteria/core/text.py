"""Small text helpers shared by every floor: accent folding for look-ups, and numbers written as people read them.

```pycon
>>> from ntp_criteria.core.text import fold, format_number
>>> fold("Giảm nghèo về thông tin")
'giam ngheo ve thong tin'
>>> format_number(1450000), format_number(1450000, "en")
('1.450.000', '1,450,000')

```
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

__all__ = ["code_key", "fold", "format_compared", "format_number"]

_RUNS = re.compile(r"(\d+)")


def fold(text: str) -> str:
    """Lower case without accents (đ → d), so 'Giảm nghèo' matches 'giam ngheo'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """The sort key that puts codes in the law's order: runs of digits compare as numbers, so criterion 2.2 comes
    before 11.1 and indicator 17.9 before 17.10 (a plain string sort gives the opposite); a code with no digits
    compares as text, after the numbered ones. ``sorted(codes, key=code_key)`` is how every list of codes is
    ordered."""
    return tuple((0, int(run)) if i % 2 else (1, run) for i, run in enumerate(_RUNS.split(code)) if run or i == 0)


def format_number(value: Decimal | int, lang: str = "vi") -> str:
    """``1450000`` → ``1.450.000`` (vi) or ``1,450,000`` (en); decimals keep their exact digits."""
    if value.__class__ is int:  # the common case, and what the Decimal below would give for it
        text = f"{value:,}"
        return text.replace(",", ".") if lang == "vi" else text
    d = Decimal(value)
    exponent = d.as_tuple().exponent
    if d == d.to_integral_value():
        text = f"{int(d):,}"
    else:
        if isinstance(exponent, int) and exponent < -2:  # shown to 2 places; the value itself stays exact
            d = d.quantize(Decimal("0.01"))
        text = f"{d:,f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_compared(value: Decimal | int, against: Decimal | int, lang: str = "vi") -> str:
    """``value`` as :func:`format_number` writes it, but with as many more places as it takes for the written
    value to stand on the same side of ``against`` as the value itself: 7.9967 against 8 is ``7.997``, never
    ``8.00`` (which would read "8.00 < 8", a false statement)."""
    text = format_number(value, lang)
    if value.__class__ is int or value == against:
        return text
    d = Decimal(value)
    exponent = d.as_tuple().exponent
    places = 2
    while isinstance(exponent, int) and -exponent > places:
        shown = d.quantize(Decimal(1).scaleb(-places))
        if (shown > against) == (d > against) and (shown < against) == (d < against):
            return _grouped(shown, lang)
        places += 1
    return _grouped(d, lang)


def _grouped(d: Decimal, lang: str) -> str:
    text = f"{d:,f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
