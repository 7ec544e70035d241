"""Importing the package costs (almost) nothing: its facades re-export names lazily (PEP 562), and the work every
use of the rules needs first (registering the families' measures and outcome rules, and the explanation
renderer) is deferred to that first use.

Standard library only, so that importing it imports nothing else of the package. A facade keeps its imports
under ``if TYPE_CHECKING:`` for type checkers and readers, and gives the same names to :func:`lazy_exports`;
``tests/test_lazy_imports.py`` checks the two agree, and that every name resolves to the object its module
defines.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_exports", "on_first_use", "run_first_use"]


def lazy_exports(package: str, namespace: dict[str, Any], sources: Mapping[str, Iterable[str]],
                 submodules: Iterable[str] = ()) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for the package ``package`` (whose globals are ``namespace``):
    each name of ``sources`` (relative module → the names it exports) is imported from its module when first
    asked for, and each of ``submodules`` (relative module paths) is the module itself; the value is then kept
    in ``namespace``, so that Python finds it there from then on without asking again."""
    where = {name: module for module, names in sources.items() for name in names}
    modules = {path.rsplit(".", 1)[-1]: path for path in submodules}

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook of PEP 562
        if name in modules:
            value: Any = importlib.import_module(modules[name], package)
        elif name in where:
            value = getattr(importlib.import_module(where[name], package), name)
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module hook of PEP 562
        return sorted({*namespace, *where, *modules})

    return __getattr__, __dir__


_FIRST_USE: list[Callable[[], object]] = []
_UNFINISHED = [0]  # deferred work not yet finished: taken off the list but still running counts too
_LOCK = threading.RLock()


def on_first_use(work: Callable[[], object]) -> None:
    """Defer ``work`` (an import that registers something) until :func:`run_first_use` is next called."""
    with _LOCK:
        _FIRST_USE.append(work)
        _UNFINISHED[0] += 1


def run_first_use() -> None:
    """Run the deferred work, once: the catalogue's loader calls this before it checks the names rules data use,
    and an assessment before it looks for its renderer. Another thread waits until the work is done; the thread
    doing it does not run it again from inside (its own imports)."""
    if not _UNFINISHED[0]:  # the common case, without the lock
        return
    with _LOCK:
        while _FIRST_USE:
            _FIRST_USE.pop(0)()
            _UNFINISHED[0] -= 1
