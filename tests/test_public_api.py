"""Every public module declares its ``__all__``, and every public object it exports has a docstring.

A public module is one whose dotted path has no part starting with ``_`` (``ntp_criteria.core.model`` is
public, ``ntp_criteria.engine._plan`` is not), except the pytest plugin. Its public objects are the names in
its ``__all__`` (dunders such as ``__version__`` aside) and, for the classes among them, the methods and
properties the class itself defines: not attrs fields (documented by ``#:`` comments), not enum members,
not dunder methods. A constant or type alias has no ``__doc__`` of its own, so it is documented by a ``#:``
comment on the line(s) above it or a string just below it, as Sphinx and mkdocstrings read them. An object
re-exported by a package is counted once, where it is defined.
"""

from __future__ import annotations

import ast
import enum
import functools
import importlib
import importlib.util
import inspect
import pkgutil
from pathlib import Path
from types import FunctionType, ModuleType

import attrs
import pytest

import ntp_criteria

EXCLUDED = {"ntp_criteria.testing.pytest_plugin"}

PUBLIC_MODULES = sorted(
    {"ntp_criteria"} | {m.name for m in pkgutil.walk_packages(ntp_criteria.__path__, "ntp_criteria.")
                        if not any(part.startswith("_") for part in m.name.split("."))} - EXCLUDED)


def _is_code(obj: object) -> bool:
    """A class or a function (including a decorated one, e.g. an ``lru_cache`` wrapper)."""
    return inspect.isclass(obj) or inspect.isroutine(obj) or isinstance(obj, functools._lru_cache_wrapper)


def _own_doc(obj: object) -> str:
    """The docstring the object itself carries, not one inherited from its class or a base class."""
    doc = vars(obj).get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    return doc.strip() if isinstance(doc, str) else ""


def _tree(module: ModuleType) -> ast.Module:
    return ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))


def _data_documented(module: ModuleType, name: str) -> tuple[str, bool]:
    """Where the constant ``name`` exported by ``module`` is assigned, and whether it is documented there."""
    lines = Path(module.__file__ or "").read_text(encoding="utf-8").splitlines()
    body = _tree(module).body
    for k, node in enumerate(body):
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        elif isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == name for a in node.names):
            source = next(a.name for a in node.names if (a.asname or a.name) == name)
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), module.__package__ or "")
            return _data_documented(importlib.import_module(base), source)
        else:
            continue
        if name in targets:
            comment = node.lineno >= 2 and lines[node.lineno - 2].lstrip().startswith("#:")
            after = body[k + 1] if k + 1 < len(body) else None
            string = (isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                      and isinstance(after.value.value, str))
            return f"{module.__name__}.{name}", bool(comment or string)
    raise AssertionError(f"{module.__name__}.{name} is in __all__ but not assigned or imported there")


def _members(cls: type) -> dict[str, object]:
    """The public methods and properties ``cls`` itself defines (not its attrs fields or enum members)."""
    fields = {f.name for f in attrs.fields(cls)} if attrs.has(cls) else set()
    members = set(cls.__members__) if issubclass(cls, enum.Enum) else set()
    out: dict[str, object] = {}
    for name, attribute in vars(cls).items():
        if name.startswith("_") or name in fields or name in members:
            continue
        value = attribute.__func__ if isinstance(attribute, staticmethod | classmethod) else attribute
        if isinstance(value, FunctionType | property | functools.cached_property) or _is_code(value):
            out[name] = value
    return out


def public_objects() -> dict[str, bool]:
    """Every public object by the dotted path where it is defined, and whether it has a docstring."""
    found: dict[str, bool] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if name.startswith("_") or inspect.ismodule(obj):
                continue
            if not _is_code(obj):
                path, documented = _data_documented(module, name)
                found[path] = documented
                continue
            path = f"{obj.__module__}.{obj.__qualname__}"
            found[path] = bool(_own_doc(obj))
            if inspect.isclass(obj):
                for member, value in _members(obj).items():
                    found[f"{path}.{member}"] = bool(_own_doc(value))
    return found


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_module_declares_its_all(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert (module.__doc__ or "").strip(), f"{module_name} has no module docstring"
    declared = getattr(module, "__all__", None)
    assert declared is not None, f"{module_name} has no __all__"
    assert len(set(declared)) == len(declared), f"{module_name}.__all__ repeats a name"
    assert [n for n in declared if not hasattr(module, n)] == [], f"{module_name}.__all__ names what it lacks"
    defined = {n for n, v in vars(module).items()
               if not n.startswith("_") and _is_code(v) and getattr(v, "__module__", None) == module_name}
    assert sorted(defined - set(declared)) == [], f"{module_name} defines public names its __all__ omits"


def test_the_census_sees_the_whole_api() -> None:
    objects = public_objects()
    assert len(PUBLIC_MODULES) >= 40
    assert len(objects) >= 300
    assert {"ntp_criteria.core.model.Ruleset", "ntp_criteria.core.model.Ruleset.criterion",
            "ntp_criteria.core.subjects.Subject.scope_values", "ntp_criteria.engine.registry.FACT_PREFIX",
            "ntp_criteria.catalogue._catalogue.Catalogue"} <= set(objects)
    # attrs fields and enum members are documented by #: comments, and are not counted here
    assert "ntp_criteria.core.model.Ruleset.family" not in objects
    assert "ntp_criteria.core.model.Status.VERIFIED" not in objects


def test_every_public_object_has_a_docstring() -> None:
    objects = public_objects()
    undocumented = sorted(path for path, documented in objects.items() if not documented)
    assert len(undocumented) == 0, (f"{len(undocumented)} of {len(objects)} public objects have no docstring:\n  "
                                    + "\n  ".join(undocumented))
