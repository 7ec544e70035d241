"""Helpers for test suites that use ntp_criteria (needs the ``testing`` extra: hypothesis)."""
