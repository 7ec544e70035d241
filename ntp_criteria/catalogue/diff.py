"""What changed: between two rulesets (two instruments, or a what-if), and between two assessments.

```pycon
>>> import datetime as dt
>>> import ntp_criteria as ntp
>>> from ntp_criteria.catalogue.diff import diff_rulesets
>>> old = ntp.ruleset("poverty.household", on=dt.date(2024, 1, 1))
>>> new = ntp.ruleset("poverty.household", on=dt.date(2027, 1, 1))
>>> [c.what for c in diff_rulesets(old, new) if c.path == "income.line[area=rural]"]
['changed: <= 1500000 → <= 2200000']

```
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..core.model import Ruleset
from ..core.results import Assessment, ResultStatus
from ..core.text import code_key

__all__ = ["AssessmentChange", "RulesetChange", "diff_assessments", "diff_rulesets"]


@attrs.frozen
class RulesetChange:
    """One difference between two rulesets, at a path such as ``income.line[area=rural]``."""

    path: str
    what: str


def _numbers(rs: Ruleset) -> dict[tuple[str, str], str]:
    """Every number keyed by (owning code, where in it)."""
    out: dict[tuple[str, str], str] = {}
    for c in rs.criteria:
        if c.count_threshold is not None:
            out[(c.code, ".count")] = f"{c.count_threshold.op.value} {c.count_threshold.value}"
        for i in c.indicators:
            for t in i.thresholds:
                out[(i.code, f"[{t.scope}]")] = f"{t.op.value} {t.value}"
            for p in i.parameters:
                shown = ", ".join(p.value) if isinstance(p.value, tuple) else str(p.value)
                out[(i.code, f".{p.name}")] = shown
    return out


def diff_rulesets(old: Ruleset, new: Ruleset) -> tuple[RulesetChange, ...]:
    """Criteria and indicators added or removed, numbers changed, and a changed rule shape."""
    changes: list[RulesetChange] = []
    if old.outcome != new.outcome:
        changes.append(RulesetChange("outcome", f"rule shape: {old.outcome} → {new.outcome}"))
    old_codes = {i.code for _, i in old.indicators()} | {c.code for c in old.criteria}
    new_codes = {i.code for _, i in new.indicators()} | {c.code for c in new.criteria}
    changes += [RulesetChange(code, "removed") for code in sorted(old_codes - new_codes, key=code_key)]
    changes += [RulesetChange(code, "added") for code in sorted(new_codes - old_codes, key=code_key)]
    a, b = _numbers(old), _numbers(new)
    # numbers of an indicator added or removed as a whole are covered by that line
    for key in sorted(set(a) | set(b), key=lambda k: (code_key(k[0]), k[1])):
        code, where = key
        path = code + where
        if key in a and key in b and a[key] != b[key]:
            changes.append(RulesetChange(path, f"changed: {a[key]} → {b[key]}"))
        elif key in a and key not in b and code in new_codes:
            changes.append(RulesetChange(path, f"removed: {a[key]}"))
        elif key in b and key not in a and code in old_codes:
            changes.append(RulesetChange(path, f"added: {b[key]}"))
    return tuple(changes)


@attrs.frozen
class AssessmentChange:
    """A subject whose outcome or results differ between two assessments, and which results moved."""

    subject_id: str | None
    before: str | None
    after: str | None
    #: (code, status before, status after) of every indicator or criterion whose status changed
    moved: tuple[tuple[str, ResultStatus | None, ResultStatus | None], ...]

    @property
    def outcome_changed(self) -> bool:
        """Whether the outcome itself changed, not only some results."""
        return self.before != self.after


def _statuses(a: Assessment) -> dict[str, ResultStatus]:
    out = {r.code: r.status for r in a.indicators}
    out.update((c.code, c.status) for c in a.criteria)
    return out


def diff_assessments(before: Iterable[Assessment], after: Iterable[Assessment]) -> tuple[AssessmentChange, ...]:
    """Pair assessments of the same subjects (by id, else by position) and list those that changed."""
    old, new = list(before), list(after)
    if len(old) != len(new):
        raise ValueError(f"{len(old)} assessments before, {len(new)} after: pair the same subjects")
    ids = [a.subject_id for a in old]
    if all(ids) and len(set(ids)) == len(ids):
        by_id = {a.subject_id: a for a in new}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise ValueError(f"subjects missing after: {missing[:5]}")
        pairs = [(a, by_id[a.subject_id]) for a in old]
    else:
        pairs = list(zip(old, new, strict=True))
    out: list[AssessmentChange] = []
    for a, b in pairs:
        sa, sb = _statuses(a), _statuses(b)
        moved = tuple((code, sa.get(code), sb.get(code)) for code in sorted(set(sa) | set(sb))
                      if sa.get(code) is not sb.get(code))
        oa = a.outcome.value if a.outcome is not None else None
        ob = b.outcome.value if b.outcome is not None else None
        if moved or oa != ob:
            out.append(AssessmentChange(a.subject_id, oa, ob, moved))
    return tuple(out)
