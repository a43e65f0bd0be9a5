"""The shooter's verbs in headless Chromium, driven through ``window.maestro``: bombs, power-ups, the boss, idling.

A built example shooter is played through the same input path as the keyboard (``step(n, actions)``);
what the tests read comes from ``state()``, whose ``bombs``, ``power``, ``multiplier`` and ``bullets``
are the shooter module's ``status(sim)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.expectations import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
#: An example shooter whose last level has a boss.
SHOOTER = EXAMPLES / "neon_vanguard.md"
#: Steps an idle run of level 1 may take before it must have ended (the rules test bounds it at 6000).
IDLE_BOUND = 9000


class Page:
    """A game page and the errors it reported."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def js(self, script: str, arg: object = None) -> Any:
        return self.page.evaluate(script, arg)

    def state(self) -> dict[str, Any]:
        result: dict[str, Any] = self.js("() => window.maestro.state()")
        return result


@pytest.fixture
def shooter(browser: Any, game_for: Callable[[Path], Path]) -> Iterator[Page]:
    """The example shooter, built once per session, open on its title screen."""
    context = browser.new_context()
    page = Page(context.new_page())
    page.page.goto(game_for(SHOOTER).as_uri())
    page.js("() => window.maestro.ready")
    assert page.js("() => Maestro.game.genre") == "shooter"
    yield page
    context.close()


def test_the_status_shows_bombs_power_multiplier_and_bullets(shooter: Page) -> None:
    state = shooter.js("() => window.maestro.start(1)")
    assert state["scene"] == "playing"
    assert state["bombs"] >= 2 and state["power"] == "" and state["multiplier"] == 1
    assert state["bullets"] == 0 and state["kills"] == 0 and state["enemies"] == 0
    shooter.page.wait_for_timeout(300)  # a few real frames: the HUD strip draws without errors
    assert shooter.errors == []


def test_a_bomb_clears_the_enemy_bullets_and_is_used_up(shooter: Page) -> None:
    shooter.js("() => window.maestro.start(1)")
    cleared = 0
    for _ in range(400):
        state = shooter.js("() => window.maestro.step(5, [])")
        assert state["scene"] == "playing", state
        if state["bullets"] == 0:
            continue
        before = state
        after = shooter.js("() => window.maestro.step(1, ['secondary'])")
        assert after["bombs"] == before["bombs"] - 1, (before, after)
        assert after["bullets"] < before["bullets"], (before, after)
        cleared += after["bullets"] == 0  # 0 unless an enemy fired again in that very step
        held = shooter.js("() => window.maestro.step(20, ['secondary'])")
        assert held["bombs"] == after["bombs"], "holding the key sets off one bomb, not more"
        if cleared or after["bombs"] == 0:
            break
    assert cleared, "no bomb left the playfield clear of enemy bullets"
    assert shooter.errors == []


def test_the_boss_of_the_last_level_is_shot_down_by_the_shipped_solution(shooter: Page) -> None:
    last = shooter.state()["levels"]
    start = shooter.js("(n) => window.maestro.start(n)", last)
    assert start["boss"] is None or start["boss"]["hp"] == start["boss"]["max"]
    state = shooter.js("(n) => window.maestro.solve(n)", last)
    assert state["scene"] == "won", state
    assert state["boss"] is not None and state["boss"]["max"] >= 1 and state["boss"]["hp"] == 0, state["boss"]
    assert shooter.errors == []


def test_an_idle_player_in_level_1_sees_it_end_won_or_lost(shooter: Page) -> None:
    shooter.js("() => window.maestro.start(1)")
    state = shooter.state()
    for _ in range(IDLE_BOUND // 300):
        state = shooter.js("() => window.maestro.step(300, [])")
        if state["scene"] != "playing":
            break
    assert state["scene"] in ("level_complete", "won", "lost"), state
    assert shooter.errors == []


#: Replay each level's shipped solution in chunks until state().power is set; the first level and power seen.
FIND_A_POWER_UP = """() => {
    const m = window.maestro, levels = m.state().levels;
    for (let level = 1; level <= levels; level++) {
        m.start(level);
        for (const [mask, steps] of m.solution(level).inputs) {
            for (let i = 0; i < steps; i += 5) {
                const s = m.step(Math.min(5, steps - i), mask);
                if (s.power) return {level: level, power: s.power, scene: s.scene};
                if (s.scene !== "playing") break;
            }
        }
    }
    return null;
}"""


def test_the_shipped_solution_picks_up_a_power_up(shooter: Page) -> None:
    found = shooter.js(FIND_A_POWER_UP)
    assert found is not None, "no shipped solution took a power-up"
    assert found["power"] in ("spread", "rapid", "shield"), found
    assert shooter.errors == []
