"""Helpers for test suites that use ntp_criteria (needs the ``testing`` extra: hypothesis)."""

__all__: list[str] = []  # import ntp_criteria.testing.strategies or .golden; each needs hypothesis or pytest
