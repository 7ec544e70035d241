"""The package's own catalogue, built lazily from its rules files, and the look-ups that use it.

This is the one place where the package reads its data files, and the one module-level value the library keeps:
the default catalogue, built on first use and never changed. Until it is needed, :func:`ruleset` answers from the
files of the one family asked for (found from ``rules/manifest.json``: :mod:`._manifest`), each such catalogue also
built once.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

from ..core._validate import check_day, check_text, raise_problems, shown
from ..core.errors import InputError, Problem, RuleDataError
from ..core.model import LegalInstrument, Ruleset
from ..core.places import Region
from ._catalogue import Catalogue
from ._load import load_catalogue
from ._manifest import files_for, read_manifest
from .regions import ProvinceRegions, parse_regions

__all__ = ["catalogue_or_default", "default_catalogue", "instrument", "instruments", "package_regions",
           "package_texts", "province_regions", "region_of_province", "ruleset", "rulesets"]


def package_texts() -> dict[str, str]:
    """The texts of the package's own rules files, by file name."""
    folder = resources.files("ntp_criteria") / "rules"
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


def package_regions() -> ProvinceRegions:
    """The package's province → region table."""
    file = "regions-2021-2025.toml"
    return parse_regions((resources.files("ntp_criteria") / "data" / file).read_text(encoding="utf-8"), file)


@functools.cache
def default_catalogue() -> Catalogue:
    """The package's own catalogue (its rules files and region table), loaded and checked once, on first use.

    The measures and outcome rules the rules name are registered by :mod:`ntp_criteria.families`, which the
    package's ``__init__`` defers to the first use of the rules: the loader runs it before it checks them."""
    return load_catalogue(package_texts(), regions=package_regions())


def catalogue_or_default(catalogue: object, call: str) -> Catalogue:
    """``catalogue``, or the package's own when it is None; anything but a Catalogue is an InputError."""
    if catalogue is None:
        return default_catalogue()
    if not isinstance(catalogue, Catalogue):
        raise InputError(call, [Problem("$.catalogue", f"expected a Catalogue, got {shown(catalogue)}")])
    return catalogue


def ruleset(family: str, on: dt.date, *, catalogue: Catalogue | None = None) -> Ruleset:
    """The ruleset of ``family`` in force on ``on`` (in ``catalogue``, default the package's).

    Raises :class:`~ntp_criteria.NoRulesetInForce` (a ``LookupError``) naming the family and the date
    when none is, and :class:`~ntp_criteria.UnknownFamily` for a family that is not known at all.
    Until the package's whole catalogue is needed, only the rules files of ``family`` are loaded.
    """
    if catalogue is None and isinstance(family, str) and default_catalogue.cache_info().currsize == 0:
        own = _family_catalogue(family)
        if own is not None:
            return own.in_force(family, on)
    return catalogue_or_default(catalogue, "ruleset()").in_force(family, on)


@functools.lru_cache(maxsize=64)
def _family_catalogue(family: str) -> Catalogue | None:
    """The catalogue of the package's rules files that ``family`` needs (see :mod:`._manifest`), to answer for
    that family only; None when they cannot be told: the whole catalogue answers, and says what is wrong."""
    texts = package_texts()
    try:
        manifest = (resources.files("ntp_criteria") / "rules" / "manifest.json").read_text(encoding="utf-8")
    except OSError:
        return None
    files = read_manifest(manifest, texts)
    names = files_for(family, files) if files is not None else None
    if names is None:
        return None
    try:
        return load_catalogue({name: text for name, text in texts.items() if name in names})
    except RuleDataError:
        return None


def rulesets(family: str | None = None, *, on: dt.date | None = None, catalogue: Catalogue | None = None
             ) -> tuple[Ruleset, ...]:
    """Every known ruleset (in ``catalogue``, default the package's), optionally of one family and/or in force on
    one date."""
    cat = catalogue_or_default(catalogue, "rulesets()")
    items = cat.family(family) if family is not None else cat.rulesets
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        raise InputError("rulesets()", [Problem("$.on", f"expected a date (datetime.date), got {shown(on)}")])
    return tuple(rs for rs in items if on is None or rs.in_force(on))


def instruments(*, catalogue: Catalogue | None = None) -> tuple[LegalInstrument, ...]:
    """Every legal instrument in the rules data (of ``catalogue``, default the package's)."""
    return catalogue_or_default(catalogue, "instruments()").instruments


def instrument(key: str, *, catalogue: Catalogue | None = None) -> LegalInstrument:
    """An instrument by its id (``"nd-07-2021"``) or its number as written (``"07/2021/NĐ-CP"``)."""
    return catalogue_or_default(catalogue, "instrument()").instrument(key)


def region_of_province(province: str, on: dt.date) -> Region | None:
    """The 2021-2025 region of a pre-July-2025 province, e.g. ``region_of_province("Lạng Sơn", …)``, from the
    package's region table (``unverified``: see :mod:`ntp_criteria.catalogue.regions`); None for a name the table
    does not hold, or a date after the 2025 mergers."""
    raise_problems(check_text(province, "$.province", "a province name (text)") + check_day(on, "$.on"),
                   "region_of_province()")
    return province_regions().region_of(province, on)


def province_regions() -> ProvinceRegions:
    """The package's province → region table."""
    table = default_catalogue().regions
    assert table is not None  # the package's catalogue always has one
    return table
