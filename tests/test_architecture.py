"""The package's floors hold: imports point down only (core < engine < catalogue < families < io < testing),
and there is no import cycle anywhere, counting imports inside functions (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import grimp
import pytest
from importlinter import cli

import ntp_criteria as ntp
from ntp_criteria.engine import FACT_PREFIX, facts_read_by
from ntp_criteria.engine.registry import measure_fn

ROOT = Path(__file__).resolve().parent.parent


def _cycles(package: str) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), i.e. every import cycle."""
    graph = grimp.build_graph(package, cache_dir=None)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_in_the_package() -> None:
    assert _cycles("ntp_criteria") == []


def test_the_layer_contracts_hold() -> None:
    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


@pytest.fixture
def upward_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A two-floor package whose lower floor imports the upper one inside a function, as code did to dodge
    the old import circle."""
    pkg = tmp_path / "floors_demo"
    for floor in ("core", "io"):
        (pkg / floor).mkdir(parents=True)
        (pkg / floor / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "io" / "render.py").write_text("from ..core import value\n")
    (pkg / "core" / "value.py").write_text(textwrap.dedent("""
        def explain():
            from ..io import render
            return render
    """))
    (tmp_path / "setup.cfg").write_text(textwrap.dedent("""
        [importlinter]
        root_package = floors_demo

        [importlinter:contract:floors]
        name = floors
        type = layers
        containers = floors_demo
        layers =
            io
            core
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    yield pkg
    for name in [m for m in sys.modules if m.startswith("floors_demo")]:
        del sys.modules[name]


def test_the_checks_catch_an_upward_import_inside_a_function(upward_package: Path) -> None:
    assert _cycles("floors_demo") == [["floors_demo.core.value", "floors_demo.io.render"]]
    assert cli.lint_imports(config_filename=str(upward_package.parent / "setup.cfg"), no_cache=True) == 1


def test_test_modules_share_fixtures_through_the_fixtures_module_only() -> None:
    importing = re.compile(r"^\s*(from tests\.test_|import tests\.test_)", flags=re.M)
    offenders = [p.name for p in (ROOT / "tests").glob("test_*.py") if importing.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


@attrs.frozen
class _Recorder(ntp.Commune):
    """A commune that records every fact asked of it, and answers 1."""

    asked: ClassVar[list[str]] = []

    def fact(self, name: str) -> int:
        _Recorder.asked.append(name)
        return 1


def test_every_registered_measure_declares_the_facts_it_reads() -> None:
    """A fact a measure reads but does not declare would be reported as an unused input."""
    unit = _Recorder(name="x", reference_date=dt.date(2024, 1, 1))
    checked = 0
    for rs in ntp.default_catalogue().rulesets:
        if rs.subject in {"household", "review_form", "farm_income_survey", "quick_identification"}:  # typed fields
            continue
        for _, ind in rs.indicators():
            if ind.measure is None or ind.measure.startswith(FACT_PREFIX):
                continue
            _Recorder.asked.clear()
            measure_fn(ind.measure)(unit, ind)
            assert set(_Recorder.asked) <= set(facts_read_by(ind.measure)), ind.measure
            checked += 1
    assert checked >= 9
