"""mypy --strict and ruff are part of the test command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_strict() -> None:
    from mypy import api

    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "ntp_criteria")])
    assert status == 0, out + err


def test_ruff() -> None:
    ruff = shutil.which("ruff") or f"{sys.executable} -m ruff"
    done = subprocess.run([*ruff.split(), "check", str(ROOT / "ntp_criteria"), str(ROOT / "tests")],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
