"""A pytest plugin (registered through the ``pytest11`` entry point) that collects golden-case files.

Every ``*.golden.toml`` file under the test paths becomes one test per ``[[case]]``, so policy staff can
add cases without writing Python. A failing case reports the expected and the actual result and the
instrument that decided it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .golden import GoldenCaseError, check_case

SUFFIX = ".golden.toml"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name.endswith(SUFFIX):
        return GoldenFile.from_parent(parent, path=file_path)
    return None


class GoldenFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise self.CollectError(f"{self.path.name}: not valid TOML: {exc}") from None
        cases = data.get("case")
        if not isinstance(cases, list) or not cases:
            raise self.CollectError(f"{self.path.name}: no [[case]] tables")
        for i, case in enumerate(cases):
            yield GoldenItem.from_parent(self, name=str(case.get("name", f"case {i + 1}")), case=case)


class GoldenItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        check_case(self.case)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, GoldenCaseError):
            return f"golden case {self.name!r} in {self.path.name}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"golden: {self.name}"
