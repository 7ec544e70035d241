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

import unicodedata
from decimal import Decimal

__all__ = ["fold", "format_number"]


def fold(text: str) -> str:
    """Lower case without accents (đ → d), so 'Giảm nghèo' matches 'giam ngheo'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


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
