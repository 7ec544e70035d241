"""Registers the library's strategies with hypothesis' ``from_type`` (via the hypothesis entry point).

Hypothesis calls :func:`_hypothesis_setup_hook` when it is first imported, which may be in the middle of
importing :mod:`ntp_criteria.testing.strategies` itself; the strategies are therefore resolved lazily,
when ``st.from_type(ntp_criteria.Household)`` is first drawn from.
"""

from __future__ import annotations

from typing import Any


def _lazy(name: str) -> Any:
    def resolve(_: type) -> Any:
        from . import strategies

        return getattr(strategies, name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    import hypothesis.strategies as st

    from ..core import places, subjects

    st.register_type_strategy(subjects.Household, _lazy("households"))
    st.register_type_strategy(subjects.Member, _lazy("members"))
    st.register_type_strategy(subjects.Dwelling, _lazy("dwellings"))
    st.register_type_strategy(places.Commune, _lazy("communes"))
    st.register_type_strategy(places.Village, _lazy("villages"))
    st.register_type_strategy(places.District, _lazy("districts"))
    st.register_type_strategy(places.Province, _lazy("provinces"))
