"""The platformer verbs in headless Chromium, through window.maestro: the sword, the chasers, the boss, the blaster.

The plans come from the rules model: the test reads a level file out of the built page, finds in
:mod:`maestro.rules.platformer` the moment worth checking (the step a swing kills, a spot where
a chaser has the player in sight), then drives the page there through ``window.maestro.step`` and
checks what ``state()`` reports. So the browser is checked against the proof, not against itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from maestro.level import LevelFile
from maestro.rules.geometry import SUB
from maestro.rules.inputs import NONE, compress, expand
from maestro.rules.platformer import Body, Progress, World, actor_box, step
from tests.e2e.conftest import build_game
from tests.e2e.test_games import open_game  # noqa: F401  (the fixture)
from tests.expectations import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
#: Slimes, cave bats, thorn beetles that chase, and the Rot King guarding the last goal.
GAME = EXAMPLES / "moss_knight.md"
#: A small platformer whose hero fires a blaster (a ranged game) at boars that charge.
BLASTER = b"""# Boar Blaster

A platformer. Pip runs, jumps and fires a blaster at the enemies.

## Enemies
- Boar: charges at Pip when it sees him
- Beetle: patrols back and forth

## Levels
1. Meadow
2. Ridge
"""


def level_file(page: Any, level: int) -> LevelFile:
    """Level ``level`` (1-based) as the page carries it."""
    return LevelFile.model_validate(page.js("(n) => window.MAESTRO_DATA.levels[n - 1]", level))


def play(page: Any, masks: list[int]) -> dict[str, Any]:
    """Hold each run of ``masks`` through window.maestro.step; the state after the last."""
    state: dict[str, Any] = page.state()
    for mask, steps in compress(masks):
        state = page.js("([n, mask]) => window.maestro.step(n, mask)", [steps, mask])
    return state


def swing_kill(level: LevelFile) -> int | None:
    """The first step of the shipped solution at which a swing (not a stomp) defeats an enemy;
    in a ranged game, a bolt."""
    world = World.from_level(level)
    body, progress = world.spawn(level.player.x, level.player.y), Progress()
    for mask in expand(level.solution.inputs):
        kills, grace = progress.kills, progress.grace
        step(world, body, progress, mask)
        stomped = progress.grace == world.tuning.stomp_grace and grace != world.tuning.stomp_grace
        if progress.kills > kills and (body.swing > 0 or world.tuning.ranged) and not stomped:
            return progress.step
        if progress.done or progress.failed:
            return None
    return None


def chaser_in_sight(level: LevelFile) -> tuple[int, str] | None:
    """A step of the solution after which an idle player is caught by a chaser; that chaser's name."""
    world = World.from_level(level)
    t = world.tuning
    body, progress = world.spawn(level.player.x, level.player.y), Progress()
    for mask in expand(level.solution.inputs):
        step(world, body, progress, mask)
        if progress.done or progress.failed:
            return None
        if not body.on_ground or progress.grace or progress.shots:
            continue
        for index in world.chasers:
            x, _, w, _ = actor_box(world, progress, index)
            gap = abs(x + w // 2 - body.x - world.pw // 2)
            left, right = world.grounds[index]
            if progress.gone >> index & 1 or not 48 * SUB < gap <= t.sight * SUB:
                continue
            if left <= body.x + world.pw // 2 < right and _caught_idle(world, body, progress, world.actors[index].name):
                return progress.step, world.actors[index].name
    return None


def _caught_idle(world: World, body: Body, progress: Progress, name: str) -> bool:
    body, progress = body.copy(), progress.copy()
    for _ in range(600):
        step(world, body, progress, NONE)
        if progress.failed:
            return progress.failed.startswith(f"touched {name}")
    return False


def assert_first_kill(page, missing: str) -> None:  # type: ignore[no-untyped-def]
    """Play the first level whose shipped solution defeats an enemy up to that step: kills rise by
    one and enemies fall by one on exactly the step the rules model says, and the score goes up."""
    found = None
    for level in range(1, page.state()["levels"] + 1):
        file = level_file(page, level)
        at = swing_kill(file)
        if at is not None:
            found = level, file, at
            break
    assert found is not None, missing
    level, file, at = found
    masks = list(expand(file.solution.inputs))
    start = page.js("(n) => window.maestro.start(n)", level)
    assert start["kills"] == 0 and start["enemies"] >= 1
    before = play(page, masks[: at - 1])
    after = play(page, masks[at - 1: at])
    assert after["step"] == at and after["scene"] == "playing", after
    assert after["kills"] == before["kills"] + 1 and after["enemies"] == before["enemies"] - 1, (before, after)
    assert after["score"] > before["score"]
    assert page.errors == []


def test_the_bot_kills_an_enemy_with_the_sword(game_for, open_game) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_game(game_for(GAME))
    assert_first_kill(page, "no shipped solution kills an enemy with a swing")


def test_a_chaser_closes_in_on_an_idle_player_and_takes_a_life(game_for, open_game) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_game(game_for(GAME))
    found = None
    for level in range(1, page.state()["levels"] + 1):
        file = level_file(page, level)
        spot = chaser_in_sight(file)
        if spot is not None:
            found = level, file, spot
            break
    assert found is not None, "no level has a chaser that catches an idle player"
    level, file, (at, name) = found
    page.js("(n) => window.maestro.start(n)", level)
    state = play(page, list(expand(file.solution.inputs))[:at])
    lives = state["lives"]
    distances = [state["nearest"]]
    for _ in range(40):  # 40 x 15 steps: the chaser walks 0.75 px a step
        state = page.js("() => window.maestro.step(15, [])")
        if state["lives"] < lives or state["scene"] != "playing":
            break
        distances.append(state["nearest"])
    assert state["lives"] == lives - 1, (name, state)
    assert distances[-1] < distances[0], distances
    assert page.errors == []


def test_the_shipped_solution_defeats_the_boss_that_guards_the_goal(game_for, open_game) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_game(game_for(GAME))
    last = page.state()["levels"]
    start = page.js("(n) => window.maestro.start(n)", last)
    boss = start["boss"]
    assert boss is not None and boss["hp"] == boss["max"] >= 2, boss
    file = level_file(page, last)
    masks = list(expand(file.solution.inputs))
    hp = [boss["hp"]]
    state = start
    for begin in range(0, len(masks) - 1, 60):  # the step before the goal: still playing
        state = play(page, masks[begin: min(begin + 60, len(masks) - 1)])
        hp.append(state["boss"]["hp"])
    assert state["scene"] == "playing" and state["boss"]["hp"] == 0, state
    assert hp == sorted(hp, reverse=True)
    state = play(page, masks[-1:])
    assert state["scene"] == "won" and state["boss"]["hp"] == 0, state
    assert page.errors == []


def test_a_ranged_game_shoots_an_enemy_down_with_a_bolt(open_game, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page = open_game(build_game(BLASTER, tmp_path))
    assert all(level_file(page, level).rules["ranged"] is True for level in range(1, page.state()["levels"] + 1))
    assert_first_kill(page, "no shipped solution of the blaster game shoots an enemy down")
