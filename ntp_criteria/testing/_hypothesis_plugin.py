"""Registers the library's strategies with hypothesis' ``from_type`` (via the hypothesis entry point).

Hypothesis calls :func:`_hypothesis_setup_hook` on start-up when this package is installed, so
``st.from_type(ntp_criteria.Household)`` generates valid households.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    import hypothesis.strategies as st

    from .. import subjects
    from . import strategies

    st.register_type_strategy(subjects.Household, strategies.households())
    st.register_type_strategy(subjects.Member, strategies.members())
    st.register_type_strategy(subjects.Dwelling, strategies.dwellings())
