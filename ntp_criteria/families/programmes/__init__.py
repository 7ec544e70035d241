"""The national target programmes: look them up, follow what their units move, and track their targets."""

from __future__ import annotations

from .lookup import find_units, links_from, links_to, programme, programmes
from .targets import Observation, Progress, ProgressStatus, observe, progress

__all__ = [
    "Observation",
    "Progress",
    "ProgressStatus",
    "find_units",
    "links_from",
    "links_to",
    "observe",
    "programme",
    "programmes",
    "progress",
]
