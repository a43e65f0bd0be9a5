"""The top-down verbs in headless Chromium, through window.maestro: the sword and the hunters."""

from __future__ import annotations

import pytest

from tests.e2e.test_games import open_game  # noqa: F401  (the fixture)
from tests.expectations import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
GAME = EXAMPLES / "lanterns_of_gloomwood.md"


def swinging_level(page) -> int:  # type: ignore[no-untyped-def]
    """The first level whose shipped solution swings the sword (ACTION = 32)."""
    levels = page.state()["levels"]
    for level in range(1, levels + 1):
        inputs = page.js("(n) => window.maestro.solution(n).inputs", level)
        if any(mask & 32 for mask, _ in inputs):  # type: ignore[union-attr]
            return int(level)
    raise AssertionError("no level's solution swings the sword")


def test_the_bot_defeats_a_hunter_with_the_sword(game_for, open_game) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_game(game_for(GAME))
    level = swinging_level(page)
    before = page.js("(n) => window.maestro.start(n)", level)
    assert before["kills"] == 0 and before["enemies"] >= 1  # type: ignore[index]
    state = page.js("(n) => window.maestro.solve(n)", level)
    assert state["scene"] in ("level_complete", "won"), state  # type: ignore[index]
    assert state["kills"] >= 1 and state["enemies"] < before["enemies"], state  # type: ignore[index]
    assert state["score"] > before["score"]  # type: ignore[index]
    assert page.errors == []


def test_a_hunter_closes_in_on_an_idle_player_and_takes_a_life(game_for, open_game) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_game(game_for(GAME))
    assert page.state()["levels"] >= 2
    start = page.js("() => window.maestro.start(2)")
    lives = start["lives"]  # type: ignore[index]
    distances = [start["nearest"]]  # type: ignore[index]
    state = start
    for _ in range(120):  # at most 120 x 0.25 s of game time: the hunter wakes within 12 s
        state = page.js("() => window.maestro.step(15, [])")
        if state["lives"] < lives or state["scene"] != "playing":  # type: ignore[index]
            break
        distances.append(state["nearest"])  # type: ignore[index]
    assert state["lives"] == lives - 1, state  # type: ignore[index]
    assert state["step"] <= 60 * 30  # type: ignore[index]
    assert min(distances) < distances[0], "nothing ever came closer"
    assert page.errors == []

