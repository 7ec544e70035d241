"""Golden cases as data files that policy staff can write (the pytest plugin's checks).

The checks live in :mod:`ntp_criteria.io.golden`, below the command line, so that ``ntp-criteria test FILES...``
runs golden files without pytest; this module keeps the names test suites import. The file format:
``ntp-criteria test --show-format``, or the documentation site's "Golden files" page.
"""

from __future__ import annotations

from ..io.golden import GoldenCaseError, check_case

__all__ = ["GoldenCaseError", "check_case"]
