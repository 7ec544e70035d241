"""The README example and the module doctests run."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import ntp_criteria

ROOT = Path(__file__).resolve().parent.parent


def test_readme_example_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    exec(compile(code, "README.md", "exec"), {"print": lambda *a, **k: None})


def test_package_doctests() -> None:
    result = doctest.testmod(ntp_criteria)
    assert result.failed == 0 and result.attempted > 0
