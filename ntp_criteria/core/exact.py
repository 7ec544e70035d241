"""The library's own decimal context: results never depend on the caller's.

Python's ``decimal`` arithmetic reads a thread-local context that any caller may change (``prec=2``, the
``Inexact`` trap); a floor area of 23.99 m² shared by 3 people would then be deprived under one caller's
settings and not under another's. Every entry point that computes with legal numbers runs under
:data:`CONTEXT` instead (:func:`exact_arithmetic`).

```pycon
>>> import decimal
>>> from decimal import Decimal
>>> from ntp_criteria.core.exact import CONTEXT, exact_arithmetic
>>> @exact_arithmetic
... def per_person(area: Decimal, people: int) -> Decimal:
...     return area / people
>>> with decimal.localcontext(prec=2):
...     per_person(Decimal("23.99"), 3) < 8
True

```
"""

from __future__ import annotations

import decimal
import functools
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import ParamSpec, TypeVar

__all__ = ["CONTEXT", "exact_arithmetic", "percentage"]

#: 40 significant digits (well past any legal number or amount), half-even rounding, and a trap on every
#: operation that could only come from a bad value (not on rounding: 23.99 / 3 rounds, exactly the same way
#: for every caller)
CONTEXT = decimal.Context(
    prec=40,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

P = ParamSpec("P")
R = TypeVar("R")


class _PerThread(threading.local):
    """This thread's copy of :data:`CONTEXT` (a context is per thread; the copy is made on a thread's first use,
    and the library never changes it: its measures only compute under it)."""

    def __init__(self) -> None:
        self.context = CONTEXT.copy()


_THREAD = _PerThread()


def _library_context() -> decimal.Context:
    """This thread's copy of :data:`CONTEXT`."""
    return _THREAD.context


def exact_arithmetic(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` under :data:`CONTEXT`, whatever decimal context the caller set, and give the caller's back."""
    # read from the closure, not the module: the wrapper runs once per assessment
    getcontext, setcontext, per_thread = decimal.getcontext, decimal.setcontext, _THREAD

    @functools.wraps(fn)
    def under_library_context(*args: P.args, **kwargs: P.kwargs) -> R:
        theirs = getcontext()
        ours = per_thread.context
        if theirs is ours:  # already inside the library (an assessment explaining itself, classify assessing)
            return fn(*args, **kwargs)
        setcontext(ours)
        try:
            return fn(*args, **kwargs)
        finally:
            setcontext(theirs)

    return under_library_context


@exact_arithmetic
def percentage(part: int | Decimal, whole: int | Decimal, *, digits: int | None = None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (``4.03`` is 4.03 %) under :data:`CONTEXT`, whatever context the caller
    set; None for a whole of 0 (no rate of nothing). With ``digits``, rounded half-even to that many significant
    digits (a share kept as a subject's fact carries at most 34)."""
    if whole == 0:
        return None
    share = Decimal(part) * 100 / Decimal(whole)
    return share if digits is None else decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_EVEN).plus(share)
