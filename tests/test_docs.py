"""The README example, the docs' doctests, and the generated status table run and are current."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import ntp_criteria
from ntp_criteria.cli import status_table

ROOT = Path(__file__).resolve().parent.parent


def test_readme_example_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    exec(compile(code, "README.md", "exec"), {"print": lambda *a, **k: None})


def test_package_doctests() -> None:
    result = doctest.testmod(ntp_criteria)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_docs_doctests(page: str) -> None:
    result = doctest.testfile(str(ROOT / "docs" / page), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_status_table_in_docs_is_generated_from_the_data() -> None:
    page = (ROOT / "docs" / "rules-status.md").read_text(encoding="utf-8")
    assert status_table() in page, "regenerate: ntp-criteria status >> docs/rules-status.md (see its header)"
