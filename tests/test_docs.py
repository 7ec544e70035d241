"""The README example, the docs' doctests, and the generated status table run and are current."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_docs_doctests(page: str) -> None:
    result = doctest.testfile(str(ROOT / "docs" / page), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_status_table_in_docs_is_generated_from_the_data() -> None:
    page = (ROOT / "docs" / "rules-status.md").read_text(encoding="utf-8")
    assert status_table() in page, "regenerate: ntp-criteria status >> docs/rules-status.md (see its header)"
