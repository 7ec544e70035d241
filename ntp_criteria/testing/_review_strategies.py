"""Hypothesis strategies for the annual review's forms (re-exported by :mod:`ntp_criteria.testing.strategies`).

The rows come from the rules data in force (the scorecard's rows and bands), so a drawn form is one the
commune's review board could have filled: one row at most of an item of one choice or of a band, item 15 on
urban forms only, and now and then an item not asked or a B2 answer not known (``missing=True``).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ..catalogue import ruleset
from ..core.forms import (
    FARM_INCOME_SOURCES,
    FarmIncomeLine,
    FarmIncomeSurvey,
    QuickIdentification,
    ReviewForm,
    ReviewRegion,
    row_group,
)

__all__ = ["farm_income_surveys", "quick_identifications", "review_dates", "review_forms"]

_B2 = ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2")


def review_dates() -> st.SearchStrategy[dt.date]:
    """Dates on which the review's rulesets are in force (the reviews of 2022-2025)."""
    return st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31))


def _rows(on: dt.date) -> tuple[str, ...]:
    ind = ruleset("poverty.review", on).indicator("A.score")
    rows = {p.name.split("/")[1] for p in ind.parameters if "/" in p.name}
    return tuple(sorted(rows, key=lambda r: tuple(int(k) for k in r.split("."))))


@st.composite
def review_forms(draw: st.DrawFn, *, on: st.SearchStrategy[dt.date] | None = None,
                 missing: bool = True) -> ReviewForm:
    """Review forms with the scorecard's rows marked and Phiếu B2 marked, as a review board fills them."""
    day = draw(on if on is not None else review_dates())
    area = draw(st.sampled_from(["rural", "urban"]))
    regions = [r for r in ReviewRegion if r is not ReviewRegion.CENTRAL_CITY or area == "urban"]
    region = draw(st.sampled_from(regions))
    b1: dict[str, list[str]] = {}
    rows = _rows(day)
    for item in map(str, range(1, 16 if area == "urban" else 15)):
        if missing and draw(st.integers(0, 9)) == 0:
            continue  # an item not asked, now and then
        chosen = draw(st.lists(st.sampled_from([r for r in rows if r.split(".")[0] == item]), unique=True))
        b1[item] = list({row_group(r): r for r in chosen}.values())
    deprived = draw(st.sets(st.sampled_from(_B2)))
    unknown = draw(st.sets(st.sampled_from(_B2))) - deprived if missing else set()
    return ReviewForm(area=area, reference_date=day, region=region, b1=b1, b2_deprived=deprived,
                      b2_not_deprived=set(_B2) - deprived - unknown)


@st.composite
def quick_identifications(draw: st.DrawFn, *, on: st.SearchStrategy[dt.date] | None = None,
                          missing: bool = True) -> QuickIdentification:
    """Phiếu A rows: cột 0 and columns 1-9 answered, some not asked when ``missing``."""
    columns = [str(k) for k in range(1, 10)]
    marked = draw(st.sets(st.sampled_from(columns)))
    unasked = draw(st.sets(st.sampled_from(columns))) - marked if missing else set()
    excluded = draw(st.booleans() | st.none()) if missing else draw(st.booleans())
    return QuickIdentification(reference_date=draw(on if on is not None else review_dates()), excluded=excluded,
                               marked=marked, not_marked=set(columns) - marked - unasked)


@st.composite
def farm_income_surveys(draw: st.DrawFn, *, on: st.SearchStrategy[dt.date] | None = None) -> FarmIncomeSurvey:
    """Phụ lục VIII surveys: some of the nine income rows, in thousand đồng, and the household's members."""
    sources = draw(st.sets(st.sampled_from(sorted(FARM_INCOME_SOURCES))))
    lines = [FarmIncomeLine(s, draw(st.integers(0, 500_000)), draw(st.integers(0, 200_000))) for s in sorted(sources)]
    return FarmIncomeSurvey(area=draw(st.sampled_from(["rural", "urban"])),
                            reference_date=draw(on if on is not None else review_dates()),
                            members=draw(st.integers(1, 12)), lines=tuple(lines))
