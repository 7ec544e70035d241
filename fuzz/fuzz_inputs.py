"""Coverage-guided fuzzing (atheris) of every place outside input enters the library.

Targets: ``json`` (payload loader), ``rules`` (rules-data loader), ``batch`` (the CLI's JSON/CSV input).
An input may be refused only with the library's own typed errors (InputError, RuleDataError); any other
exception is a bug and stops the run with the input that caused it.

    python fuzz/fuzz_inputs.py json  -atheris_runs=1000000 fuzz/corpus/json
    python fuzz/fuzz_inputs.py rules -atheris_runs=1000000 fuzz/corpus/rules
    python fuzz/fuzz_inputs.py batch -atheris_runs=1000000 fuzz/corpus/batch

Not part of the test suite (it is long); the suite runs a hypothesis version of the same targets.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import ntp_criteria as ntp
    from ntp_criteria.io import json as nj
    from ntp_criteria.io.batch import parse_subjects
    from ntp_criteria.catalogue import load_catalogue


def fuzz_json(data: bytes) -> None:
    try:
        value = nj.loads(data)
    except ntp.InputError:
        return
    nj.dumps(value)  # whatever loads must write back


def fuzz_rules(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        load_catalogue({"fuzz.toml": text})
    except ntp.RuleDataError:
        return


def fuzz_batch(data: bytes) -> None:
    if not data:
        return
    fmt = "csv" if data[0] % 2 else "json"
    kind = ("household", "commune", "village")[(data[0] // 2) % 3]
    text = data[1:].decode("utf-8", errors="replace")
    try:
        subjects = parse_subjects(text, fmt, kind)
    except ntp.InputError:
        return
    for subject in subjects:
        # allowed refusals: contradictory flags, a date with no standard in force
        with contextlib.suppress(ntp.InputError, ntp.NoRulesetInForce):
            family = {"household": None, "commune": "ethnic.commune", "village": "ethnic.village"}[kind]
            ntp.assess(subject, ntp.ruleset(family, subject.reference_date) if family else None)


TARGETS = {"json": fuzz_json, "rules": fuzz_rules, "batch": fuzz_batch}

if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
