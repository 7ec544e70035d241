"""The errors the library raises; all derive from :class:`CriteriaError`.

Each error says what a person must act on: the family and date when no rule is in force, the file and
the path inside it when rule data is bad, the field path when input is bad.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

import attrs

__all__ = [
    "ConflictingRules",
    "CriteriaError",
    "InputError",
    "NoRulesetInForce",
    "Problem",
    "RuleDataError",
    "UndecidedError",
    "UnknownCode",
    "UnknownFamily",
]


class CriteriaError(Exception):
    """Base class of every error raised by ntp_criteria."""


@attrs.frozen
class Problem:
    """One problem found in input or rule data: where (a ``$``-rooted path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _problem_lines(problems: Iterable[Problem]) -> str:
    return "\n".join(f"  {p}" for p in problems)


class InputError(CriteriaError, ValueError):
    """Bad input: lists every problem found, each with the path of the field."""

    def __init__(self, what: str, problems: Iterable[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in {what}\n{_problem_lines(self.problems)}")


class UnknownCode(InputError, KeyError):
    """A code, key or name that nothing is known under (an indicator, a criterion, an instrument, a programme):
    an :class:`InputError` naming the nearest known ones, and a ``KeyError`` / ``LookupError`` for code that
    catches those."""

    __str__ = BaseException.__str__  # the message itself, not KeyError's quoted repr of it


class RuleDataError(CriteriaError, ValueError):
    """A rules data file is malformed: names the file and the path of each problem."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            super().__init__(f"{file}: {self.problems[0]}")
        else:
            super().__init__(f"{file}: {len(self.problems)} problems\n{_problem_lines(self.problems)}")


class UnknownFamily(CriteriaError, LookupError):
    """No ruleset of that family is known at all (a typo, or a family not yet encoded)."""

    def __init__(self, family: str, known: Iterable[str]) -> None:
        self.family = family
        self.known = tuple(sorted(known))
        close = difflib.get_close_matches(str(family), self.known, n=2, cutoff=0.6)
        hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
        super().__init__(f"unknown ruleset family {family!r}{hint}; known families: {', '.join(self.known)}")


class NoRulesetInForce(CriteriaError, LookupError):
    """The family exists, but no ruleset of it is in force on the date asked."""

    def __init__(self, family: str, on: dt.date, why: str) -> None:
        self.family = family
        self.on = on
        self.why = why
        super().__init__(f"no {family!r} ruleset on {on.isoformat()}: {why}")


class ConflictingRules(CriteriaError):
    """Two rules both apply where the law allows one (never resolved by 'first wins')."""


class UndecidedError(CriteriaError):
    """The facts given do not decide the outcome (data missing, or strict mode met an unverified number)."""

    def __init__(self, message: str, reasons: Iterable[str]) -> None:
        self.reasons = tuple(reasons)
        lines = "\n".join(f"  {r}" for r in self.reasons)
        super().__init__(f"{message}\n{lines}" if lines else message)
