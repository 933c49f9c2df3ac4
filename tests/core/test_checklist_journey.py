"""The phase checklist shows what applies to the user's journey, and phase 1 speaks without
shame (its guidance is shown in the urge pause, at the worst moment)."""

from __future__ import annotations

import pytest

from exback_tui.core import phase_text
from exback_tui.core.phases import checklist
from exback_tui.core.values import Journey


def keys(journey: Journey | None) -> list[str]:
    """The phase 1 checklist's keys for this journey."""
    return [item.key for item in checklist(1, None, journey)]


def test_no_logistics_item_without_children_or_a_shared_home() -> None:
    """Issue 14: "Kept any needed contact to kids or home matters" showed with neither."""
    assert "logistics-only" not in keys(Journey(children=False, living_together=False))
    assert "no-calls-texts" in keys(Journey())


@pytest.mark.parametrize("journey", [Journey(children=True), Journey(living_together=True), None])
def test_the_logistics_item_stays_where_it_applies(journey: Journey | None) -> None:
    """Children together or a shared home keep the item; with no journey, every item shows."""
    assert "logistics-only" in keys(journey)


def test_phase_1_guidance_speaks_without_shame() -> None:
    """Issue 14: "you don't want to look weak and miserable" reached the urge pause."""
    words = " ".join(phase_text.PHASES[0].guidance).casefold()
    assert "weak and miserable" not in words and "look weak" not in words
    assert "human, not weak" in words
