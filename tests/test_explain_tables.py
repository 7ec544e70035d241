"""Explanations of assessments built by the engine's plan, put together from what ``io.explain`` keeps (issue #17).

An assessment built by the plan carries the sources of its parts; its explanation is put together from the texts of
its shared parts, the lines of the results shared between assessments and a layout of where the parts built for one
subject are, each kept by identity and rendered once. ``attrs.evolve`` drops the sources, so the same assessment
rendered from its results alone is the reference: every explanation, first or again, in either language, after the
tables are started afresh or when a source may not be kept, equals it byte for byte.
"""

from __future__ import annotations

import datetime as dt
import decimal
import random
import threading
from decimal import Decimal
from typing import Any

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import ntp_criteria as ntp
from ntp_criteria.core.results import Assessment, AssessmentPart, part_sources, with_parts
from ntp_criteria.io import explain as explaining
from ntp_criteria.testing import strategies as nst

ON = dt.date(2024, 6, 1)
RULESET = ntp.ruleset("ntm.commune", ON)
FACT = "fact:"
LANGS = ("vi", "en")


def _reference(a: Assessment, lang: str) -> str:
    """The text of ``a`` rendered from its results alone (``attrs.evolve`` leaves the parts' sources out)."""
    plain = attrs.evolve(a)
    assert part_sources(plain) is None
    return plain.explain(lang)


def _value(rng: random.Random, ind: ntp.Indicator) -> Any:
    if not ind.thresholds:
        return rng.random() < 0.9
    t = max(ind.thresholds, key=lambda t: t.value)
    # one decimal place around the threshold, now and then written with more places (four: an explanation writes
    # two, or as many as it takes to stay on the value's side of the threshold) or as a whole number
    value = (t.value * Decimal(rng.uniform(0.8, 1.2))).quantize(Decimal("0.1"))
    return rng.choice([value, value, Decimal(f"{value:.2f}"), int(value), t.value - Decimal("0.0033")])


def _commune(rng: random.Random, k: int) -> ntp.Commune:
    """A commune recording each criterion as a whole, or indicator by indicator (some left out: missing), or a
    criterion as a whole and some of its indicators' values too (a part built for this subject whose criterion is
    recorded as a whole: its indicators with no value are left out of its text)."""
    obs: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    for c in RULESET.criteria:
        kind = rng.random()
        if kind < 0.2 or not c.indicators:
            obs[c.code] = rng.random() < 0.85
            continue
        for ind in c.indicators:
            if rng.random() < 0.1 or (ind.measure is not None and not ind.measure.startswith(FACT)):
                continue  # not recorded: missing
            value = _value(rng, ind)
            if ind.measure is not None:
                facts[ind.measure.removeprefix(FACT)] = value
            else:
                obs[ind.code] = value
    flags = {"particularly_difficult"} if rng.random() < 0.2 else set()
    return ntp.Commune(name=f"x{k}", reference_date=ON, region=rng.choice(list(ntp.Region)), flags=flags,
                       observations=obs, facts=facts)


def _assessed(communes: list[ntp.Commune], rs: ntp.Ruleset, strict: bool | ntp.Status = False) -> list[Assessment]:
    out = []
    for c in communes:
        try:
            out.append(ntp.assess(c, rs, strict=strict))
        except ntp.InputError:
            continue  # a criterion recorded as met whose indicators say otherwise: refused, as it should be
    return out


def test_communes_explained_first_and_again_equal_the_reference() -> None:
    rng = random.Random(17)
    communes = [_commune(rng, k) for k in range(300)]
    for strict in (False, True):
        rs = attrs.evolve(RULESET)  # a fresh copy: every part, line and layout is new to the tables
        ours = _assessed(communes, rs, strict)
        assert len(ours) > 200
        assert all(part_sources(a) is not None for a in ours)
        references = {lang: [_reference(a, lang) for a in ours] for lang in LANGS}
        for lang in (*LANGS, *LANGS):  # the first time, then from what is kept
            assert [a.explain(lang) for a in ours] == references[lang]


@pytest.mark.parametrize("context", [
    decimal.Context(prec=2), decimal.Context(prec=3, rounding=decimal.ROUND_UP),
    decimal.Context(traps=[decimal.Inexact, decimal.Rounded]),
])
def test_the_callers_decimal_context_changes_no_text(context: decimal.Context) -> None:
    """Lines rendered for the first time (the numbers written under the library's context, whatever the caller's),
    then put together from what is kept, under a caller's context that rounds to 2 digits or traps on rounding."""
    rng = random.Random(3)
    ours = _assessed([_commune(rng, k) for k in range(60)], attrs.evolve(RULESET))
    references = [[_reference(a, lang) for lang in LANGS] for a in ours]
    with decimal.localcontext(context):
        for _ in range(2):
            assert [[a.explain(lang) for lang in LANGS] for a in ours] == references
            assert [[attrs.evolve(a).explain(lang) for lang in LANGS] for a in ours] == references


def test_a_criterion_recorded_as_a_whole_in_a_part_built_for_one_subject() -> None:
    """Criterion 3 recorded as met, with a value for 3.1 (a result shared by value, so the part is built for this
    commune) and none for 3.2: its text leaves 3.2 out, the first time and from what is kept, even once the line of
    3.2 with no value is kept (from a commune that does not record criterion 3 as a whole)."""
    rs = attrs.evolve(RULESET)
    communes = [ntp.Commune(name=f"x{k}", reference_date=ON, region=ntp.Region.DBSH,
                            observations={"3": True, "3.1": Decimal(f"8{k}.5")}) for k in range(3)]
    missing = ntp.Commune(name="y", reference_date=ON, region=ntp.Region.DBSH, observations={"3.1": Decimal("81.5")})
    ours = _assessed(communes * 2, rs)
    assert len(ours) == 6
    for lang in LANGS:
        assert "'3.2'" in ntp.assess(missing, rs).explain(lang)  # the line of 3.2 with no value, rendered and kept
        for a in ours:
            text = a.explain(lang)
            assert text == _reference(a, lang)
            assert a.result("3.2").status is ntp.ResultStatus.MISSING
            assert "'3.2'" not in text


def test_what_if_copies_share_layouts_and_keep_their_own_lines() -> None:
    """Two what-if copies of a ruleset (one with another threshold) explained in turn: the layout of their parts is
    shared (the same shape), the lines are each copy's own."""
    rng = random.Random(2)
    communes = [_commune(rng, k) for k in range(120)]
    copies = [attrs.evolve(RULESET), RULESET.with_threshold("3.1", 90)]
    for _ in range(2):
        for rs in copies:
            for a in _assessed(communes, rs):
                for lang in LANGS:
                    assert a.explain(lang) == _reference(a, lang)


def test_tables_started_afresh_past_their_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """With tiny bounds the tables are cleared again and again while assessments are explained: each explanation is
    still the reference one."""
    monkeypatch.setattr(explaining, "_KEPT_LIMIT", 7)
    monkeypatch.setattr(explaining, "_KNOWN_LIMIT", 5)
    rng = random.Random(5)
    ours = _assessed([_commune(rng, k) for k in range(80)], attrs.evolve(RULESET))
    for lang in (*LANGS, *LANGS):
        for a in ours:
            assert a.explain(lang) == _reference(a, lang)
    assert len(explaining._KEPT) <= 7
    assert sum(map(len, explaining._KNOWN)) <= 6


class _ByValue:
    """A part source that compares by value (the engine's compare by identity): never kept by the tables."""

    def __init__(self, source: Any) -> None:
        self.source = source

    def part_of(self, a: Assessment) -> AssessmentPart:
        return self.source.part_of(a)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByValue)

    def __hash__(self) -> int:
        return 0


def test_a_source_comparing_by_value_is_never_kept() -> None:
    rng = random.Random(9)
    ours = _assessed([_commune(rng, k) for k in range(20)], attrs.evolve(RULESET))
    for a in ours:
        sources = part_sources(a)
        assert sources is not None
        wrapped = with_parts(attrs.evolve(a), tuple(_ByValue(s) for s in sources))
        for lang in LANGS:
            assert wrapped.explain(lang) == _reference(a, lang) == a.explain(lang)
    assert not any(isinstance(s, _ByValue) for table in explaining._KNOWN for s in table)


def test_threads_explaining_one_batch_get_the_reference_texts() -> None:
    rng = random.Random(11)
    ours = _assessed([_commune(rng, k) for k in range(150)], attrs.evolve(RULESET))
    references = [[_reference(a, lang) for lang in LANGS] for a in ours]
    got: list[list[list[str]]] = []

    def run(order: list[int]) -> None:
        texts: list[list[str]] = [[]] * len(ours)
        for k in order:
            texts[k] = [ours[k].explain(lang) for lang in LANGS]
        got.append(texts)

    orders = [list(range(len(ours))), list(range(len(ours)))[::-1], random.Random(1).sample(range(len(ours)),
                                                                                              len(ours))]
    threads = [threading.Thread(target=run, args=(order,)) for order in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [references] * 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_units_and_households_explained_from_their_parts_equal_the_reference(data: st.DataObject) -> None:
    """Households from raw facts, and units of every administrative kind with recorded results, strict or not,
    explained twice in both languages: the reference text each time."""
    levels: list[bool | ntp.Status] = [False, True, ntp.Status.VERIFIED]
    strict = data.draw(st.sampled_from(levels))
    if data.draw(st.booleans()):
        subjects: list[Any] = data.draw(st.lists(nst.households(), min_size=1, max_size=6))
        ours = [ntp.assess(h, strict=strict) for h in subjects]
    else:
        family = data.draw(st.sampled_from(["ntm.commune", "ntm.district", "ntm.province"]))
        rs = data.draw(st.sampled_from(ntp.rulesets(family)))
        units = data.draw(st.lists(nst.observed_units(rs), min_size=1, max_size=6))
        ours = [ntp.assess(u, rs, strict=strict) for u in units]
    for _ in range(2):
        for a in ours:
            for lang in LANGS:
                assert a.explain(lang) == _reference(a, lang)
