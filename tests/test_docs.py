"""The README example, the docs' doctests, and the generated status table run and are current."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import ntp_criteria
from ntp_criteria.io.cli import status_table

ROOT = Path(__file__).resolve().parent.parent


def test_readme_example_runs_with_the_outputs_it_shows() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(">>> ") >= 10, "the README's example is a pycon session whose outputs are checked"
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert result.failed == 0 and result.attempted >= 10


MODULES = sorted(m.name for m in pkgutil.walk_packages(ntp_criteria.__path__, "ntp_criteria.")
                 if not m.name.endswith(("pytest_plugin", "__main__")))


@pytest.mark.parametrize("name", ["ntp_criteria", *MODULES])
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_doctests_exist() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(n)).attempted for n in ["ntp_criteria", *MODULES])
    assert attempted >= 20


def test_documentation_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"})
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {p.name for p in (tmp_path / "site" / "reference" / "rulesets").iterdir()}
    assert {"poverty-household-2022-01-01", "poverty-household-2027-01-01"} <= pages
    explorer = (tmp_path / "site" / "reference" / "rulesets" / "poverty-household-2022-01-01" / "index.html")
    assert "1,500,000 VND/person/month" in explorer.read_text(encoding="utf-8")
    _check_the_site(tmp_path / "site")


def _check_the_site(site: Path) -> None:
    """The theme, the coloured statuses, the explorer's counts, and the pages other files generate (issue #18)."""
    assert (site / "assets" / "stylesheets").is_dir(), "the Material theme"
    assert (site / "css" / "extra.css").is_file() and (site / "js" / "status.js").is_file()
    index = (site / "reference" / "rulesets" / "index.html").read_text(encoding="utf-8")
    assert 'class="ntp-status ntp-status--verified"' in index and "ntp-status--unverified" in index
    assert "no numbers" in index, "a set with no numbers says so"
    assert not re.search(r">0 (verified|secondary|unverified)<", index), "never '0 unverified' for a set"
    empty = (site / "reference" / "rulesets" / "ntm-commune-2026-02-15" / "index.html").read_text(encoding="utf-8")
    assert "no numbers</span> in the data" in empty and "10 criteria with no indicator, recorded whole" in empty
    golden = (site / "golden-files" / "index.html").read_text(encoding="utf-8")
    assert "ntp-criteria test" in golden and "<code>expect</code>" in golden
    assert "Bắt đầu" in (site / "bat-dau" / "index.html").read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    for _, path, *_ in screenshots.PAGES + screenshots.TALL:  # docs/screenshots.py photographs pages that exist
        assert (site / path / "index.html").is_file(), path


def _nav_pages(items: list[object]) -> list[str]:
    out: list[str] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += _nav_pages(value) if isinstance(value, list) else [str(value)]
    return out


def test_the_home_page_links_every_page_of_the_navigation() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    pages = [p for p in _nav_pages(config["nav"]) if p != "index.md"]
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    unlinked = [p for p in pages if f"]({p})" not in home]
    assert not unlinked, f"docs/index.md links every page of the nav: add a line for {unlinked}"
    assert len(config["nav"]) <= 7, "the tabs fit a screen: a page goes under a section"


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_docs_doctests(page: str) -> None:
    result = doctest.testfile(str(ROOT / "docs" / page), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_status_table_in_docs_is_generated_from_the_data() -> None:
    page = (ROOT / "docs" / "rules-status.md").read_text(encoding="utf-8")
    assert status_table() in page, "regenerate: ntp-criteria status >> docs/rules-status.md (see its header)"
