"""What ``assess`` remembers to check a unit quickly (issue #17) never changes what it answers.

* ``Facts.names_within`` remembers the last set a unit's names were all found in, by identity: it answers as
  ``issuperset`` does, whatever sets are asked in whatever order.
* A commune assessed against several rulesets, or against the rulesets of two catalogues, in turn, gets each
  one's own ``unused`` list (or error), as a commune never assessed before does.
* ``check_subject`` remembers the last ruleset, class and date that passed: a subject of another kind, on another
  date, or an instance that shadows ``recorded`` is refused as before.
* The library's decimal context is per thread and set for every assessment, whatever the caller's context (2
  digits, rounding up, a trap on inexact results), which is given back untouched.
"""

from __future__ import annotations

import datetime as dt
import decimal
import threading
from decimal import Decimal
from typing import Any

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given

import ntp_criteria as ntp
from ntp_criteria.catalogue._default import package_regions, package_texts
from ntp_criteria.core.exact import CONTEXT, _library_context
from ntp_criteria.core.places import Facts
from ntp_criteria.engine import evaluate
from ntp_criteria.engine.reference import _decided_by_class, check_subject

ON = dt.date(2024, 6, 1)
COMMUNE = ntp.ruleset("ntm.commune", ON)
ADVANCED = ntp.ruleset("ntm.commune.advanced", ON)
# a catalogue of QĐ 318 alone: it knows no ethnic.commune family
SMALL = ntp.load_catalogue({"qd-318-2022.toml": package_texts()["qd-318-2022.toml"]}, regions=package_regions())


def _commune(**fields: Any) -> ntp.Commune:
    """A commune built afresh (its Facts remember nothing yet)."""
    return ntp.Commune(**{"name": "Xã A", "reference_date": ON, "region": "btb", **fields})


# --- Facts.names_within -----------------------------------------------------------------------------------------

NAMES = st.sampled_from(["1.1", "1.2", "2", "17.1", "poverty_rate", "x"])


@given(names=st.frozensets(NAMES), asked=st.lists(st.tuples(st.frozensets(NAMES), st.booleans()), max_size=12))
def test_names_within_answers_as_issuperset_whatever_is_asked_before(
        names: frozenset[str], asked: list[tuple[frozenset[str], bool]]) -> None:
    facts = Facts.of(dict.fromkeys(names, True))
    seen: list[frozenset[str]] = []
    for known, again in asked:
        # ask a set seen before (the same object) or a new one equal or not to earlier ones
        target = seen[-1] if again and seen else frozenset(known)
        seen.append(target)
        assert facts.names_within(target) is target.issuperset(facts.names())
    assert facts == Facts.of(dict.fromkeys(names, True))  # what it remembers is no part of its value


def test_what_names_within_remembers_is_not_part_of_the_value() -> None:
    facts = Facts.of({"1.1": True})
    other = Facts.of({"1.1": True})
    assert facts.names_within(frozenset({"1.1", "2"}))
    assert facts == other and hash(facts) == hash(other) and repr(facts) == repr(other)
    assert Facts().names_within(frozenset())
    changing = {"1.1"}  # a set that may change is asked afresh each time
    assert facts.names_within(changing)  # type: ignore[arg-type]
    changing.clear()
    assert not facts.names_within(changing)  # type: ignore[arg-type]


# --- each ruleset and catalogue its own unused list -------------------------------------------------------------

def _own_codes() -> dict[str, Any]:
    """Values under bare codes every one of which ntm.commune reads, a fact it reads and advanced does not."""
    return {"observations": {c.code: True for c in COMMUNE.criteria[:5]},
            "facts": {"multidimensional_poverty_rate": Decimal("3.5")}}


def test_a_commune_gets_each_rulesets_own_unused_list_in_turn() -> None:
    fresh = {rs.family: ntp.assess(_commune(**_own_codes()), rs).unused for rs in (COMMUNE, ADVANCED)}
    assert fresh["ntm.commune"] == ()
    assert any(p.path == "$.facts['multidimensional_poverty_rate']" for p in fresh["ntm.commune.advanced"])
    assert any(p.path.startswith("$.observations[") for p in fresh["ntm.commune.advanced"])
    commune = _commune(**_own_codes())
    for rs in (COMMUNE, ADVANCED, COMMUNE, ADVANCED, ADVANCED, COMMUNE):
        assert ntp.assess(commune, rs).unused == fresh[rs.family]
    with pytest.raises(ntp.InputError, match="not used"):
        ntp.assess(commune, ADVANCED, strict_inputs=True)
    assert ntp.assess(commune, COMMUNE, strict_inputs=True).unused == ()


def test_a_commune_gets_each_rulesets_own_unused_list_within_its_own_family() -> None:
    # a what-if ruleset of the same family without indicator 1.2: the same names, checked against two code sets
    first = COMMUNE.criteria[0]
    trimmed = attrs.evolve(COMMUNE, criteria=(attrs.evolve(first, indicators=first.indicators[:-1]),
                                              *COMMUNE.criteria[1:]))
    code = first.indicators[-1].code
    commune = _commune(observations={code: True, COMMUNE.criteria[1].code: True})
    for _ in range(2):
        assert ntp.assess(commune, COMMUNE).unused == ()
        (problem,) = ntp.assess(commune, trimmed).unused
        assert problem.path == f"$.observations[{code!r}]" and "another period's code" in problem.message


def test_a_commune_gets_each_catalogues_own_answer_in_turn() -> None:
    commune = _commune(observations={"ethnic.commune:2.1": True, **_own_codes()["observations"]})
    small_rs = SMALL.in_force("ntm.commune", ON)
    assert small_rs is not COMMUNE and small_rs == COMMUNE
    for _ in range(2):
        (problem,) = ntp.assess(commune, COMMUNE).unused
        assert problem.message == "ntm.commune is assessed; this value is for ethnic.commune"
        with pytest.raises(ntp.InputError, match=r"unknown ruleset family 'ethnic\.commune'"):
            ntp.assess(commune, small_rs, catalogue=SMALL)
        with pytest.raises(ntp.InputError, match=r"unknown ruleset family 'ethnic\.commune'"):
            ntp.assess(commune, catalogue=SMALL)
    # values all read by both: the same answer from either catalogue, each time
    own = _commune(**_own_codes())
    for _ in range(2):
        assert ntp.assess(own, COMMUNE).unused == ntp.assess(own, small_rs, catalogue=SMALL).unused == ()


def test_a_flag_and_a_code_are_still_checked_after_a_commune_passed() -> None:
    assert ntp.assess(_commune(**_own_codes()), COMMUNE).unused == ()
    (flag,) = ntp.assess(_commune(flags={"particularly_dificult"}), COMMUNE).unused
    assert flag.path == "$.flags['particularly_dificult']" and "particularly_difficult" in flag.message
    with pytest.raises(ntp.InputError, match=r"\$\.code"):
        ntp.assess(_commune(code="01"), COMMUNE)  # a province's code given as a commune's
    with pytest.raises(ntp.InputError, match=r"\$\.province"):
        ntp.assess(_commune(province="999"), COMMUNE)


def test_a_region_given_is_kept_and_a_province_still_gives_one() -> None:
    given_region = ntp.assess(_commune(), COMMUNE)
    derived = ntp.assess(_commune(region=None, province="Nghệ An"), COMMUNE)
    assert given_region.scope == derived.scope  # Nghệ An is in Bắc Trung Bộ
    assert derived.exceptions and not given_region.exceptions  # the derived region is cited


# --- check_subject ----------------------------------------------------------------------------------------------

class _Shadowing(ntp.Commune):
    """A plain subclass: its instances have a __dict__, so one may shadow ``recorded``."""


def test_check_subject_refuses_as_before_after_a_subject_passed() -> None:
    check_subject(_commune(), COMMUNE)
    check_subject(_commune(), COMMUNE)
    with pytest.raises(ntp.InputError, match="is not in force on 2021-06-01"):
        check_subject(_commune(reference_date=dt.date(2021, 6, 1)), COMMUNE)
    village = ntp.Village(name="Thôn B", reference_date=ON, region="btb")
    with pytest.raises(ntp.InputError, match="assesses a commune, not a village"):
        check_subject(village, COMMUNE)
    with pytest.raises(ntp.InputError, match=r"\$\.ruleset"):
        check_subject(_commune(), "ntm.commune")  # type: ignore[arg-type]
    odd = _Shadowing(name="Xã C", reference_date=ON, region="btb")
    assert not _decided_by_class(_Shadowing) and _decided_by_class(ntp.Commune)
    check_subject(odd, COMMUNE)
    object.__setattr__(odd, "recorded", None)
    with pytest.raises(ntp.InputError, match="expected a household or a unit"):
        check_subject(odd, COMMUNE)
    with pytest.raises(ntp.InputError, match="expected a household or a unit"):
        evaluate(odd, COMMUNE)


# --- the decimal context ----------------------------------------------------------------------------------------

def _many_digits() -> ntp.Commune:
    """A commune with a value of many digits for each indicator with a threshold: its shortfalls are worked out
    under the library's 40 digits."""
    observations: dict[str, Any] = {}
    for _, ind in COMMUNE.indicators():
        if ind.thresholds and ind.measure is None:
            observations[ind.code] = max(t.value for t in ind.thresholds) - Decimal("0.123456789123")
    return _commune(observations=observations)


@pytest.mark.parametrize("context", [
    decimal.Context(prec=2), decimal.Context(prec=3, rounding=decimal.ROUND_UP),
    decimal.Context(traps=[decimal.Inexact, decimal.Rounded]),
])
def test_a_communes_assessment_does_not_depend_on_the_callers_context(context: decimal.Context) -> None:
    expected = ntp.assess(_many_digits(), attrs.evolve(COMMUNE))
    shortfalls = [r.shortfall for r in expected.indicators if r.shortfall is not None]
    assert any(isinstance(s, Decimal) and len(s.as_tuple().digits) > 3 for s in shortfalls)
    communes = [_many_digits(), _many_digits()]  # built outside the caller's context: the values are exact
    fresh = attrs.evolve(COMMUNE)  # a ruleset nothing was worked out for: its plan remembers no result yet
    with decimal.localcontext(context) as theirs:
        for commune in communes:  # the second time with everything remembered
            assert ntp.assess(commune, fresh) == expected
            assert decimal.getcontext() is theirs
        assert not any(theirs.flags.values())  # nothing computed in the caller's context


def test_each_thread_has_its_own_copy_of_the_librarys_context() -> None:
    commune = _many_digits()
    expected = ntp.assess(commune, attrs.evolve(COMMUNE))
    found: dict[str, Any] = {}

    def other() -> None:
        with decimal.localcontext(decimal.Context(prec=2)):
            found["assessment"] = ntp.assess(commune, attrs.evolve(COMMUNE))
        found["context"] = _library_context()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    ours = _library_context()
    assert found["assessment"] == expected
    assert found["context"] is not ours
    for ctx in (ours, found["context"]):
        assert (ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax) == (CONTEXT.prec, CONTEXT.rounding, CONTEXT.Emin,
                                                                CONTEXT.Emax)
        assert all(ctx.traps[t] == CONTEXT.traps[t] for t in CONTEXT.traps)
