"""Rules packs from outside the package: files, folders and installed packages, read into a catalogue.

``catalogue()`` is the package's own catalogue; ``catalogue(packs=[path, ...])`` adds rules packs (TOML files in
the rules format, or folders of them), and ``installed=True`` adds every installed package that declares the
entry point group ``ntp_criteria.rules``. Loading a pack changes no global state: the result is a new immutable
:class:`~ntp_criteria.Catalogue`, to pass as ``catalogue=`` to :func:`~ntp_criteria.assess` and the look-ups.

An entry point of the group names an object that is a folder or file (a path or an
:mod:`importlib.resources` traversable), a mapping of file names to texts, or a function returning one of those:

    [project.entry-points."ntp_criteria.rules"]
    cantho = "cantho_rules:RULES"        # RULES = importlib.resources.files(__package__) / "rules"
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue, default_catalogue, load_catalogue
from ..catalogue._default import package_regions, package_texts
from ..core.errors import Problem, RuleDataError

__all__ = ["ENTRY_POINT_GROUP", "catalogue", "installed_pack_texts", "pack_texts"]

#: the entry point group an installed rules pack declares
ENTRY_POINT_GROUP = "ntp_criteria.rules"


def catalogue(packs: Iterable[str | os.PathLike[str]] = (), *, installed: bool = False) -> Catalogue:
    """The package's catalogue, with the rules packs at ``packs`` (files or folders) and, with ``installed``, the
    packs installed packages declare; a pack that does not load is a :class:`~ntp_criteria.RuleDataError` naming
    its file and the path inside it."""
    texts = pack_texts(packs)
    if installed:
        texts.update(installed_pack_texts())
    if not texts:
        return default_catalogue()
    return load_catalogue(package_texts(), regions=package_regions(), packs=texts)


def pack_texts(packs: Iterable[str | os.PathLike[str]]) -> dict[str, str]:
    """The texts of the packs at these paths, by file path (a folder gives its ``*.toml`` files, sorted)."""
    if isinstance(packs, str | os.PathLike):
        packs = [packs]
    out: dict[str, str] = {}
    for item in packs:
        path = Path(item)
        if path.is_dir():
            files = sorted(path.glob("*.toml"))
            if not files:
                raise RuleDataError(str(path), [Problem("$", "a pack folder with no .toml file")])
        elif path.is_file():
            files = [path]
        else:
            raise RuleDataError(str(path), [Problem("$", "no such pack file or folder")])
        for file in files:
            out[str(file)] = _read(file, str(file))
    return out


def _read(entry: Path | Traversable, name: str) -> str:
    try:
        return entry.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleDataError(name, [Problem("$", f"not UTF-8 text: {exc.reason}")]) from None
    except OSError as exc:
        raise RuleDataError(name, [Problem("$", f"cannot read: {exc.strerror or exc}")]) from None


def installed_pack_texts() -> dict[str, str]:
    """The texts of every installed pack (entry point group :data:`ENTRY_POINT_GROUP`), by ``<entry>:<file>``."""
    out: dict[str, str] = {}
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            target: Any = ep.load()
        except Exception as exc:  # noqa: BLE001 - an installed package's import error, reported as its load error
            raise RuleDataError(f"{ep.name} ({ep.value})", [Problem("$", f"cannot load: {exc}")]) from None
        if callable(target) and not isinstance(target, Traversable | Path):
            target = _call(target, ep.name)
        for name, text in _texts_of(target, ep.name).items():
            out[f"{ep.name}:{name}"] = text
    return out


def _call(fn: Callable[[], object], name: str) -> object:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - reported as the pack's load error
        raise RuleDataError(name, [Problem("$", f"the entry point's function failed: {exc}")]) from None


def _texts_of(target: object, name: str) -> dict[str, str]:
    if isinstance(target, Mapping):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in target.items()):
            raise RuleDataError(name, [Problem("$", "expected a mapping of file names to TOML texts")])
        return dict(target)
    if isinstance(target, str | os.PathLike):
        target = Path(target)
    if isinstance(target, Path | Traversable):
        if target.is_dir():
            return {e.name: _read(e, f"{name}:{e.name}") for e in sorted(target.iterdir(), key=lambda e: e.name)
                    if e.name.endswith(".toml")}
        return {target.name: _read(target, f"{name}:{target.name}")}
    raise RuleDataError(name, [Problem("$", f"expected a folder, a file or a mapping of texts, got {target!r}")])
