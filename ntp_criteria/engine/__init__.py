"""The rules engine: evaluate a subject against a ruleset it is given; it never looks a ruleset up.

* :mod:`~ntp_criteria.engine.registry`: the extension points (measures, outcome rules) chosen by the rules data;
* :mod:`~ntp_criteria.engine.reference`: the reference semantics, step by step, with nothing remembered;
* :func:`evaluate`: the same assessment from a compiled plan (private), checked equal to the reference.

It imports only :mod:`ntp_criteria.core`; :func:`ntp_criteria.assess` finds the ruleset in force and derives
the scope, then calls :func:`evaluate`.
"""

from __future__ import annotations

from ._plan import evaluate
from .reference import assess_reference, count_needed
from .registry import (
    FACT_PREFIX,
    Decision,
    MeasureFn,
    MeasureValue,
    Missing,
    NotApplicable,
    OutcomeFn,
    OutcomeInputs,
    OutcomeRule,
    bound_measure,
    decide,
    facts_read_by,
    flags_read_by_code,
    is_known_measure,
    known_outcome_rules,
    measure,
    outcome_rule,
    outcome_rule_named,
    outcome_type,
    reads_flags,
)

__all__ = [
    "FACT_PREFIX",
    "Decision",
    "MeasureFn",
    "MeasureValue",
    "Missing",
    "NotApplicable",
    "OutcomeFn",
    "OutcomeInputs",
    "OutcomeRule",
    "assess_reference",
    "bound_measure",
    "count_needed",
    "decide",
    "evaluate",
    "facts_read_by",
    "flags_read_by_code",
    "is_known_measure",
    "known_outcome_rules",
    "measure",
    "outcome_rule",
    "outcome_rule_named",
    "outcome_type",
    "reads_flags",
]
