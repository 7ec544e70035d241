"""A short in-suite version of fuzz/fuzz_inputs.py: outside input is refused only with typed errors."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import hypothesis.strategies as st
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from ntp_criteria.io import json as nj
from ntp_criteria.io.batch import parse_households
from ntp_criteria.testing import strategies as nst

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


def _mutate(data: Any, path: list[Any], value: Any) -> Any:
    """``data`` with the value at ``path`` replaced (paths index into nested dicts and lists)."""
    if not path:
        return value
    head, *rest = path
    if isinstance(data, dict) and data:
        key = list(data)[head % len(data)]
        return {**data, key: _mutate(data[key], rest, value)}
    if isinstance(data, list) and data:
        i = head % len(data)
        return [*data[:i], _mutate(data[i], rest, value), *data[i + 1:]]
    return value


@given(JSON_VALUES)
def test_arbitrary_json_payloads(value: Any) -> None:
    with contextlib.suppress(ntp.InputError):
        nj.from_payload(value)


@given(nst.households(), st.lists(st.integers(min_value=0, max_value=50), max_size=4), JSON_VALUES)
def test_mutated_household_payloads(hh: ntp.Household, path: list[int], value: Any) -> None:
    payload = _mutate(nj.to_payload(hh), [2, *path], value)  # index 2 of the payload's keys is "data"
    try:
        back = nj.from_payload(payload)
    except ntp.InputError:
        return
    assert isinstance(back, ntp.Household)
    json.dumps(nj.to_payload(back))


@given(st.text(max_size=300))
def test_arbitrary_rules_text(text: str) -> None:
    with contextlib.suppress(ntp.RuleDataError):
        load_catalogue({"fuzz.toml": text})


@given(st.sampled_from(["csv", "json"]), st.text(max_size=300))
def test_arbitrary_batch_text(fmt: str, text: str) -> None:
    with contextlib.suppress(ntp.InputError):
        parse_households(text, fmt)
