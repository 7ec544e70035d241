"""A pytest plugin (registered through the ``pytest11`` entry point) that collects golden-case files.

Every ``*.golden.toml`` file under the test paths becomes one test per ``[[case]]``, so policy staff can
add cases without writing Python (the format: ``ntp-criteria test --show-format``). A failing case reports one line:
the expected and the actual result and the instrument that decided it, or what is wrong with how the case is
written; never pytest's traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..core.errors import CriteriaError
from ..io.golden import SUFFIX, GoldenCaseError, check_case, load_cases


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect ``*.golden.toml`` files (a pytest hook)."""
    if file_path.name.endswith(SUFFIX):
        return GoldenFile.from_parent(parent, path=file_path)
    return None


class GoldenFile(pytest.File):
    """A golden file: one test per ``[[case]]``."""

    def collect(self) -> Iterator[pytest.Item]:
        """The file's cases; a file that is not TOML or has no case is one collection error, in one line."""
        try:
            cases = load_cases(self.path)
        except GoldenCaseError as exc:
            raise self.CollectError(f"{self.path.name}: {exc}") from None
        for i, case in enumerate(cases):
            name = case.get("name") if isinstance(case, dict) else None
            yield GoldenItem.from_parent(self, name=str(name if name is not None else f"case {i + 1}"), case=case)


class GoldenItem(pytest.Item):
    """One golden case."""

    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Check the case (:func:`ntp_criteria.io.golden.check_case`)."""
        check_case(self.case)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """One line for a case that does not hold or any library error; pytest's report for a bug elsewhere."""
        exc = excinfo.value
        if isinstance(exc, GoldenCaseError):
            return f"golden case {self.name!r} in {self.path.name}: {exc}"
        if isinstance(exc, CriteriaError):
            return f"golden case {self.name!r} in {self.path.name}: {type(exc).__name__}: {' '.join(str(exc).split())}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the case is: its file, and its name."""
        return self.path, 0, f"golden: {self.name}"
