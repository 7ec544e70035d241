"""Importing the package is cheap and changes nothing: the facades re-export lazily (PEP 562) exactly what their
imports under ``if TYPE_CHECKING:`` name, and the families' registrations run on the first use of the rules
(ntp_criteria.core._lazy)."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import ntp_criteria as ntp

LAZY_PACKAGES = ["ntp_criteria", "ntp_criteria.core", "ntp_criteria.catalogue", "ntp_criteria.io"]


def _type_checking_imports(package: str) -> dict[str, str]:
    """Each name the package imports under ``if TYPE_CHECKING:``, with the absolute module it comes from (for
    ``from . import x``, the submodule ``package.x`` itself, named ``"package.x"``)."""
    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            continue
        for imp in node.body:
            assert isinstance(imp, ast.ImportFrom), ast.dump(imp)
            base = importlib.util.resolve_name("." * imp.level + (imp.module or ""), package)
            for alias in imp.names:
                found[alias.asname or alias.name] = base if imp.module is not None else f"{base}.{alias.name}"
    return found


def _expected(package: str, name: str, source: str) -> object:
    if source == f"{package}.{name}":
        return importlib.import_module(source)  # ``from . import name``: the submodule itself
    return getattr(importlib.import_module(source), name)


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_name_is_what_its_module_defines(package: str) -> None:
    module = importlib.import_module(package)
    imported = _type_checking_imports(package)
    assert set(module.__all__) - {"__version__"} <= set(imported), "a name of __all__ a type checker cannot see"
    for name, source in imported.items():
        assert getattr(module, name) is _expected(package, name, source), f"{package}.{name}"


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_the_lazy_table_is_the_imports(package: str) -> None:
    """The table ``__getattr__`` reads and the imports a type checker reads name the same things."""
    module = importlib.import_module(package)
    table = {name: importlib.util.resolve_name(source, package)
             for source, names in getattr(module, "_SOURCES", {}).items() for name in names}
    imported = _type_checking_imports(package)
    submodules = {name for name, source in imported.items() if source == f"{package}.{name}"}
    assert table == {name: source for name, source in imported.items() if name not in submodules}
    assert all(hasattr(module, name) for name in submodules)


def test_dir_and_star_import_show_the_whole_api() -> None:
    assert set(ntp.__all__) <= set(dir(ntp))
    namespace: dict[str, object] = {}
    exec("from ntp_criteria import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(ntp.__all__)


def test_importing_the_package_imports_neither_the_engine_nor_cattrs() -> None:
    out = _run("""
        import sys
        import ntp_criteria
        print(" ".join(sorted(m for m in sys.modules if m.startswith(("ntp_criteria", "attr", "cattr")))))
    """).split()
    assert out == ["ntp_criteria", "ntp_criteria.catalogue", "ntp_criteria.core", "ntp_criteria.core._lazy"]


def test_the_rules_register_on_first_use_whatever_is_imported_first() -> None:
    """A catalogue loaded, and an assessment explained, through the floors' own modules, never the facade."""
    out = _run("""
        import datetime as dt
        from ntp_criteria.catalogue import default_catalogue
        from ntp_criteria.core.subjects import Household
        from ntp_criteria.engine import evaluate
        rs = default_catalogue().in_force("poverty.household", dt.date(2024, 1, 1))
        hh = Household(area="rural", monthly_income_per_capita=1_000_000, deprivation_count=4,
                       reference_date=dt.date(2024, 1, 1))
        print(evaluate(hh, rs).explain("en").splitlines()[0])
    """)
    assert out.startswith("Poor household")


def test_ntp_catalogue_stays_the_function_whatever_is_imported() -> None:
    out = _run("""
        import ntp_criteria as ntp
        import ntp_criteria.catalogue.whatif
        from ntp_criteria.catalogue import default_catalogue
        from ntp_criteria.io.packs import catalogue
        print(ntp.catalogue is catalogue, ntp.catalogue().rulesets == default_catalogue().rulesets)
    """)
    assert out.split() == ["True", "True"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'rulset'"):
        ntp.rulset  # noqa: B018 - the lookup is what is checked
    assert not hasattr(ntp.io, "nothing")
