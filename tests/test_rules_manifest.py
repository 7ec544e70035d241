"""The rules manifest (``ntp_criteria/rules/manifest.json``) is the rules files' own, and loading only the files
one family needs gives that family exactly the rulesets, and the answers, of the whole catalogue.

Run as a script to write the manifest again after a rules file changed: ``python3 tests/test_rules_manifest.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import ntp_criteria as ntp
from ntp_criteria.catalogue import _default, _manifest
from ntp_criteria.catalogue._load import _parsed, load_catalogue
from ntp_criteria.core.errors import CriteriaError

MANIFEST = Path(ntp.__file__).parent / "rules" / "manifest.json"


def _current() -> str:
    """The manifest of the rules files as they are (which must load as a whole catalogue first)."""
    texts = _default.package_texts()
    load_catalogue(texts)  # a manifest is never made from rules that do not load
    return json.dumps(_manifest.manifest_of(_parsed(texts), texts), indent=1, ensure_ascii=False) + "\n"


def test_the_manifest_is_made_from_the_rules_files() -> None:
    assert MANIFEST.read_text(encoding="utf-8") == _current(), "run: python3 tests/test_rules_manifest.py"


def test_a_stale_manifest_is_not_used() -> None:
    texts = _default.package_texts()
    text = MANIFEST.read_text(encoding="utf-8")
    assert _manifest.read_manifest(text, texts) is not None
    edited = {**texts, "qd-59-2015.toml": texts["qd-59-2015.toml"] + "\n# edited\n"}
    assert _manifest.read_manifest(text, edited) is None
    assert _manifest.read_manifest(text, {**texts, "new.toml": ""}) is None


def _families() -> list[str]:
    """Every family some rules file touches, as the manifest lists them (read without loading the rules)."""
    if not MANIFEST.exists():  # written by running this module as a script
        return []
    files = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return sorted({f for entry in files.values() for key in _manifest.FILE_KEYS for f in entry[key]})


def _days(family: str) -> list[dt.date]:
    """Every date where the answer for ``family`` may change, a day either side, and far before and after."""
    cat = ntp.default_catalogue()
    edges = {dt.date(1990, 1, 1), dt.date(2100, 1, 1)}
    for rs in cat.rulesets:
        edges |= {rs.valid_from} | ({rs.valid_to} if rs.valid_to is not None else set())
    for end in (*cat.ends, *cat.not_encoded):
        edges.add(end.on)
        edges |= {getattr(end, "until", None)} - {None}  # type: ignore[arg-type]
    days = {d + dt.timedelta(days=k) for d in edges for k in (-1, 0, 1)}
    return sorted(days)


def _answer(catalogue: ntp.Catalogue, family: str, on: dt.date) -> object:
    try:
        return catalogue.in_force(family, on)
    except (LookupError, CriteriaError) as exc:
        return (type(exc), str(exc))


@pytest.mark.parametrize("family", _families())
def test_a_familys_own_files_answer_as_the_whole_catalogue(family: str) -> None:
    """With the manifest of the files as they are (the one on disk is checked equal to it above)."""
    texts = _default.package_texts()
    files = json.loads(_current())["files"]
    names = _manifest.files_for(family, files)
    if names is None:  # only when a file touching it holds programmes: the whole catalogue answers
        assert any(entry["programmes"] and family in {f for key in _manifest.FILE_KEYS for f in entry[key]}
                   for entry in files.values()), family
        assert _default._family_catalogue(family) is None
        return
    own = load_catalogue({name: text for name, text in texts.items() if name in names})
    whole = ntp.default_catalogue()
    assert len(own.instruments) < len(whole.instruments)
    assert own.family(family) == whole.family(family)
    for day in _days(family):
        assert _answer(own, family, day) == _answer(whole, family, day), (family, day)


def test_the_first_ruleset_call_loads_only_the_files_it_needs() -> None:
    code = """
        import datetime as dt
        from ntp_criteria.catalogue import _default
        import ntp_criteria as ntp
        loaded = []
        load = _default.load_catalogue
        _default.load_catalogue = lambda texts, **kw: loaded.append(sorted(texts)) or load(texts, **kw)
        rs = ntp.ruleset("poverty.household", dt.date(2026, 1, 1))
        print(rs.instrument.number, *loaded[0])
        ntp.default_catalogue()
        print(len(loaded[1]), ntp.ruleset("poverty.household", dt.date(2026, 1, 1)) == rs)
    """
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    first, then = done.stdout.splitlines()
    number = ntp.default_catalogue().in_force("poverty.household", dt.date(2026, 1, 1)).instrument.number
    assert first.split() == [number, "nd-07-2021.toml", "nd-30-2025.toml", "nd-351-2025.toml", "qd-59-2015.toml"]
    assert then.split() == [str(len(_default.package_texts())), "True"]


def test_an_unknown_family_or_a_wrong_value_gets_the_whole_catalogues_error() -> None:
    with pytest.raises(ntp.UnknownFamily):
        ntp.ruleset("poverty.househol", dt.date(2024, 1, 1))
    with pytest.raises(ntp.InputError):
        ntp.ruleset(["poverty.household"], dt.date(2024, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ntp.InputError):
        ntp.ruleset("poverty.household", "2024-01-01")  # type: ignore[arg-type]


if __name__ == "__main__":
    MANIFEST.write_text(_current(), encoding="utf-8")
    print(f"wrote {MANIFEST}")
