"""The programme catalogue: structure, look-ups, links both ways, and targets tracked against results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import load_catalogue
from tests.fixtures import GOOD

PROVENANCE = ntp.Provenance("test", ntp.Status.SECONDARY)


def test_programmes_by_date() -> None:
    assert [p.id for p in ntp.programmes(on=dt.date(2023, 1, 1))] == ["dtts-2021", "gnbv-2021", "ntm-2021"]
    assert [p.id for p in ntp.programmes(on=dt.date(2027, 1, 1))] == ["mtqg-2026"]
    with pytest.raises(LookupError, match="known: dtts-2021"):
        ntp.programme("gnbv-2020")


def test_structure_follows_the_law() -> None:
    gnbv = ntp.programme("gnbv-2021")
    assert [p.number for p in gnbv.projects] == ["1", "2", "3", "4", "5", "6", "7"]
    six = gnbv.unit("6")
    assert isinstance(six, ntp.Project)
    assert [(s.number, s.name_en) for s in six.sub_projects] == [
        ("6.1", "Information poverty reduction"), ("6.2", "Communication on multidimensional poverty reduction")]
    dtts = ntp.programme("dtts-2021")
    assert len(dtts.projects) == 10
    assert [s.key for s in dtts.unit("P10").sub_projects] == ["dtts-2021/P10.1", "dtts-2021/P10.2",  # type: ignore[attr-defined]
                                                              "dtts-2021/P10.3"]
    assert ntp.programme("mtqg-2026").projects == ()  # the QĐ 417 annex is not yet found: nothing invented


def test_find_by_number_or_name_in_either_language_without_accents() -> None:
    assert ntp.programme("gnbv-2021").find("6.1").name_vi == "Giảm nghèo về thông tin"
    assert ntp.programme("gnbv-2021").find("giam ngheo ve thong tin").key == "gnbv-2021/6.1"
    assert ntp.programme("gnbv-2021").find("GIẢM NGHÈO VỀ THÔNG TIN").key == "gnbv-2021/6.1"
    assert ntp.programme("gnbv-2021").find("information poverty reduction").key == "gnbv-2021/6.1"
    assert [u.key for u in ntp.find_units("p10.2")] == ["dtts-2021/P10.2"]
    assert {u.key for u in ntp.find_units("6")} == {"gnbv-2021/6", "dtts-2021/P6"}
    assert {u.key for u in ntp.find_units("dinh duong")} >= {"gnbv-2021/3.2", "dtts-2021/P7"}
    with pytest.raises(LookupError, match="match"):
        ntp.programme("gnbv-2021").find("du an")


def test_lead_agencies_are_dated() -> None:
    info = ntp.programme("gnbv-2021").unit("6.1")
    assert info.lead(dt.date(2023, 1, 1)) == ("MIC",)
    assert info.lead(dt.date(2025, 6, 1)) == ("MOST",)
    assert ntp.programme("dtts-2021").lead(dt.date(2024, 1, 1)) == ("CEMA",)
    assert ntp.programme("dtts-2021").lead(dt.date(2025, 6, 1)) == ("MERA",)


def test_links_both_ways() -> None:
    out = ntp.links_from("gnbv-2021/6.1")
    assert {(link.family, c) for link in out for c in link.codes} >= {
        ("poverty.household", "telecom"), ("poverty.household", "information_devices"), ("ntm.commune", "8.3")}
    back = ntp.links_to("poverty.household", "information_devices")
    assert [link.unit for link in back] == ["gnbv-2021/6.1"]
    assert all(link.provenance.cite for link in back)
    assert {link.unit for link in ntp.links_to("ntm.commune", "8.1")} == {"gnbv-2021/6.1", "ntm-2021/content.2"}


def test_every_figure_is_cited_and_the_budget_keeps_its_qualifiers() -> None:
    for p in ntp.programmes():
        for unit in p.units():
            assert unit.provenance.cite
            for b in unit.budget:
                assert b.provenance.cite and isinstance(b.qualifier, ntp.Qualifier)
            for t in unit.targets:
                assert t.provenance.cite and t.text_vi and t.text_en
    lines = {b.line: b for b in ntp.programme("gnbv-2021").budget}
    assert (lines["total"].amount, lines["total"].qualifier) == (Decimal(75000), ntp.Qualifier.AT_LEAST)
    merged = {b.line: b.amount for b in ntp.programme("mtqg-2026").budget}
    assert merged["central"] + merged["local"] + merged["policy credit"] == merged["state budget"]


def _target(programme: str, target_id: str) -> ntp.Target:
    for _, t in ntp.programme(programme).all_targets():
        if t.id == target_id:
            return t
    raise KeyError(target_id)


def _obs(year: int, value: str) -> ntp.Observation:
    return ntp.Observation(year, Decimal(value), PROVENANCE)


def test_level_targets_project_the_pace_before_the_target_year() -> None:
    target = _target("ntm-2021", "communes-ntm")
    assert ntp.progress(target, [_obs(2022, "60"), _obs(2024, "76")]).status is ntp.ProgressStatus.ON_TRACK
    assert ntp.progress(target, [_obs(2022, "60"), _obs(2024, "66")]).status is ntp.ProgressStatus.OFF_TRACK
    assert ntp.progress(target, [_obs(2023, "70")]).status is ntp.ProgressStatus.MISSING
    assert ntp.progress(target, []).status is ntp.ProgressStatus.MISSING


def test_ratio_targets() -> None:
    target = _target("ntm-2021", "rural-income")
    done = ntp.progress(target, [_obs(2020, "41.8"), _obs(2025, "63.0")])
    assert done.status is ntp.ProgressStatus.ACHIEVED and done.observed == Decimal("63.0") / Decimal("41.8")
    short = ntp.progress(target, [_obs(2020, "40"), _obs(2025, "59")])
    assert short.status is ntp.ProgressStatus.NOT_ACHIEVED and short.gap == Decimal("0.025")
    assert ntp.progress(target, [_obs(2022, "50")]).status is ntp.ProgressStatus.MISSING


def test_change_targets_need_two_years_and_refuse_duplicates() -> None:
    target = _target("gnbv-2021", "poor-rate")
    assert ntp.progress(target, [_obs(2022, "4.03")]).status is ntp.ProgressStatus.MISSING
    with pytest.raises(ntp.InputError, match="two observations for one year"):
        ntp.progress(target, [_obs(2022, "4.03"), _obs(2022, "4.1")])


def test_a_metric_observed_from_assessments() -> None:
    target = _target("gnbv-2021", "poor-rate")
    on = dt.date(2023, 12, 1)
    people = [ntp.Household(area=ntp.Area.RURAL, reference_date=on, monthly_income_per_capita=inc,
                            deprivation_count=n) for inc, n in [(1_000_000, 3), (1_000_000, 1), (5_000_000, 0),
                                                                (5_000_000, 0)]]
    obs = ntp.observe(target, (ntp.assess(h) for h in people), 2023, PROVENANCE)
    assert obs.value == Decimal(25)
    undecided = ntp.Household(area=ntp.Area.RURAL, reference_date=on, deprivation_count=4)
    with pytest.raises(ntp.InputError, match="undecided"):
        ntp.observe(target, [ntp.assess(undecided)], 2023, PROVENANCE)
    with pytest.raises(ntp.InputError, match="not computed from assessments"):
        ntp.observe(_target("ntm-2021", "provinces-complete"), [], 2025, PROVENANCE)


PROGRAMME = GOOD + """
[[programmes]]
id = "p"
name_vi = "p"
name_en = "p"
period_from = 2021
period_to = 2025
source = { cite = "Art. 1", status = "verified" }
leads = [{ agency = "MOLISA", source = { cite = "Art. 1", status = "verified" } }]

[[programmes.projects]]
key = "1"
number = "1"
name_vi = "Dự án"
name_en = "Project"
source = { cite = "Art. 2", status = "verified" }

[[links]]
programme = "p"
unit = "p/1"
family = "poverty.household"
codes = ["water"]
relation_vi = "r"
relation_en = "r"
source = { cite = "Art. 3", status = "secondary" }
"""


def test_a_good_programme_file_loads() -> None:
    cat = load_catalogue({"p.toml": PROGRAMME})
    assert [p.id for p in cat.programmes] == ["p"] and len(cat.links) == 1


@pytest.mark.parametrize(("change", "message"), [
    (('agency = "MOLISA"', 'agency = "Ministry X"'), "unknown agency 'Ministry X'"),
    (('unit = "p/1"', 'unit = "p/9"'), "no programme unit 'p/9'"),
    (('codes = ["water"]', 'codes = ["wifi"]'), "not in any 'poverty.household' ruleset: ['wifi']"),
    (('period_to = 2025', 'period_to = 2020'), "before period_from"),
])
def test_bad_programme_data_is_refused(change: tuple[str, str], message: str) -> None:
    old, new = change
    with pytest.raises(ntp.RuleDataError) as exc:
        load_catalogue({"p.toml": PROGRAMME.replace(old, new, 1)})
    assert any(message in p.message for p in exc.value.problems), exc.value.problems
