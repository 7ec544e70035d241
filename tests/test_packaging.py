"""The wheel and the sdist as a user receives them: licence, one version, metadata, data files (issue #18).

Built with ``python -m build --no-isolation`` (hatchling from the ``test`` extra): offline and about a second.
"""

from __future__ import annotations

import email.parser
import importlib.metadata
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import ntp_criteria as ntp
from ntp_criteria.io.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def _wheel(dist: Path) -> zipfile.ZipFile:
    (wheel,) = dist.glob("*.whl")
    return zipfile.ZipFile(wheel)


def _metadata(dist: Path) -> email.message.Message:
    wheel = _wheel(dist)
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    return email.parser.Parser().parsestr(wheel.read(name).decode("utf-8"))


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert ntp.__version__ == "0.2.0"


def test_the_command_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"ntp-criteria {importlib.metadata.version('ntp-criteria')}"


def test_the_installed_version_is_the_package_version() -> None:
    # the editable install's metadata is written when it is (re)installed: pip install -e . refreshes it
    assert importlib.metadata.version("ntp-criteria") == ntp.__version__


def test_the_wheel_carries_the_licence_the_version_and_the_classifiers(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    assert wheel.name == f"ntp_criteria-{ntp.__version__}-py3-none-any.whl"
    names = _wheel(dist).namelist()
    licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
    assert _wheel(dist).read(licence).decode("utf-8").startswith("MIT License")
    meta = _metadata(dist)
    assert meta["Version"] == ntp.__version__
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    classifiers = meta.get_all("Classifier") or []
    assert {f"Programming Language :: Python :: 3.{m}" for m in (11, 12, 13)} <= set(classifiers)
    runtime = sorted(d for d in meta.get_all("Requires-Dist") or [] if "extra ==" not in d)
    assert runtime == ["attrs>=23.1", "cattrs>=23.2", "python-dateutil>=2.8"]  # everything else is an extra


def test_the_wheel_ships_the_data_the_types_and_the_golden_format(dist: Path) -> None:
    names = set(_wheel(dist).namelist())
    rules = {f"ntp_criteria/rules/{p.name}" for p in (ROOT / "ntp_criteria" / "rules").glob("*.toml")}
    assert rules and rules <= names
    assert {"ntp_criteria/py.typed", "ntp_criteria/io/golden-files.md",
            "ntp_criteria/io/golden-files.vi.md", "ntp_criteria/io/golden.py"} <= names
    assert not any(n.startswith(("tests/", "docs/")) for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = _wheel(dist).read(entry_points).decode("utf-8")
    assert "ntp-criteria = ntp_criteria.io.cli:main" in text
    assert "ntp_criteria = ntp_criteria.testing.pytest_plugin" in text


def test_the_sdist_builds_again_and_carries_the_licence_and_the_tests(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    top = f"ntp_criteria-{ntp.__version__}"
    assert sdist.name == f"{top}.tar.gz"
    with tarfile.open(sdist) as tar:
        names = set(tar.getnames())
    assert {f"{top}/{n}" for n in ("LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "PKG-INFO",
                                   "ntp_criteria/io/golden-files.md", "tests/test_packaging.py")} <= names
    assert any(n.startswith(f"{top}/tests/golden/") for n in names)
