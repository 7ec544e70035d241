"""The adapters floor: everything that turns values into text and text into values, around a pure core.

Explanations (:mod:`~ntp_criteria.io.explain`), JSON (:mod:`~ntp_criteria.io.json`) and its JSON Schema
(:mod:`~ntp_criteria.io.schema`), CSV and JSON batches (:mod:`~ntp_criteria.io.batch`), DataFrames
(:mod:`~ntp_criteria.io.frames`, the ``frames`` extra), report tables (:mod:`~ntp_criteria.io.summaries`) and
the command line (:mod:`~ntp_criteria.io.cli`, the only module that prints).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import _lazy

if TYPE_CHECKING:
    from . import batch, explain, json, schema, summaries

__all__ = ["batch", "explain", "json", "schema", "summaries"]

if not TYPE_CHECKING:  # a type checker reads the imports above; the modules are imported when first asked for
    __getattr__, __dir__ = _lazy.lazy_exports(__name__, globals(), {},
                                        (".batch", ".explain", ".json", ".schema", ".summaries"))
