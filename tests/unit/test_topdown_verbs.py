"""The top-down verbs a player relies on: the sword swing, hounds that hunt, and proofs that fight.

Rules-model tests on small hand-drawn maps (the runtime is held to the same rules step by step in
``test_runtime_topdown.py``), and generator tests on what every level from the second on must
have: a hunter that catches a player who stands still, and a shipped solution that still wins.
"""

import dataclasses

from maestro.labyrinth.topdown import generate
from maestro.level import TILE, LevelFile
from maestro.plan import Foe
from maestro.rules.inputs import ACTION, DOWN, LEFT, NONE, RIGHT, expand
from maestro.rules.topdown import State, World, body_at, replay, step
from maestro.spec import Behaviour, Mechanic
from tests.unit.test_labyrinth_topdown import OGRE, hand_made, make_plan, thing

CORRIDOR = ["##########", "#........#", "##########"]


def hound(cell: tuple[int, int], speed: int = 256, sight: int = 20, wake: int = 10_000, hp: int = 1):  # type: ignore[no-untyped-def]
    entity = thing("enemy", cell, name="Hound", ident=f"hound-{cell[0]}", size=12, points=50)
    return entity.model_copy(update={"behaviour": "chase", "hp": hp,
                                     "params": {"speed": speed, "sight": sight, "wake": wake}})


def run(level: LevelFile, masks: list[int]) -> tuple[World, State]:
    world = World.from_level(level)
    state = State.start(world)
    for mask in masks:
        step(world, state, mask)
        if state.hit >= 0 or state.complete:
            break
    return world, state


def gap(world: World, state: State, index: int) -> int:
    x, _ = body_at(world, state, index)
    return abs(x - state.x)


def test_a_hound_closes_in_on_a_player_who_stands_still() -> None:
    level = hand_made(CORRIDOR, (1, 1), [hound((8, 1))])
    world, state = run(level, [NONE] * 10)
    before = gap(world, state, 0)
    world, state = run(level, [NONE] * 40)
    assert gap(world, state, 0) < before
    world, state = run(level, [NONE] * 400)
    assert state.hit == 0, "the hound never reached the player"


def test_a_sleeping_hound_waits_for_its_sight_or_its_wake_time() -> None:
    far = hand_made(CORRIDOR, (1, 1), [hound((8, 1), sight=3, wake=120)])
    world, state = run(far, [NONE] * 119)
    assert body_at(world, state, 0) == (world.bodies[0].x, world.bodies[0].y) and not state.awake[0]
    world, state = run(far, [NONE] * 125)
    assert state.awake[0] and body_at(world, state, 0)[0] < world.bodies[0].x
    near = hand_made(CORRIDOR, (4, 1), [hound((8, 1), sight=4, wake=10_000)])
    world, state = run(near, [NONE])
    assert state.awake[0]


def test_a_closed_door_keeps_a_hound_out_until_it_is_opened() -> None:
    rows = ["##########", "#....D...#", "##########"]
    level = hand_made(rows, (1, 1), [hound((8, 1), wake=0)])
    world, state = run(level, [NONE] * 600)
    assert state.hit < 0 and body_at(world, state, 0) == (world.bodies[0].x, world.bodies[0].y)


def test_a_swing_defeats_the_hound_in_front_and_scores_it() -> None:
    level = hand_made(CORRIDOR, (1, 1), [hound((8, 1), speed=128)])
    world = World.from_level(level)
    state = State.start(world)
    swung = False
    for _ in range(600):
        x, _ = body_at(world, state, 0)
        close = x - (state.x + world.tuning.player_w) < world.tuning.attack_reach - 256
        step(world, state, RIGHT | ACTION if close and not swung else NONE)
        swung = swung or close
        assert state.hit < 0
        if state.hp[0] <= 0:
            break
    assert state.kills == 1 and state.score == 50
    for _ in range(300):  # defeated: it no longer moves or hurts
        step(world, state, RIGHT)
    assert state.hit < 0 and state.lives_lost == 0


def test_a_swing_facing_away_misses_and_holding_the_key_does_not_swing_again() -> None:
    level = hand_made(CORRIDOR, (3, 1), [hound((4, 1), speed=0, hp=2)])
    _, facing_away = run(level, [LEFT, NONE, ACTION])
    assert facing_away.hp[0] == 2 and facing_away.swing > 0
    _, held = run(level, [RIGHT] + [RIGHT | ACTION] * 60)
    assert held.hp[0] == 1, "holding ACTION swung more than once"
    _, tapped = run(level, [RIGHT, RIGHT | ACTION] + [NONE] * 25 + [ACTION])
    assert tapped.hp[0] == 0 and tapped.kills == 1


def test_a_second_press_within_the_cooldown_does_nothing() -> None:
    level = hand_made(CORRIDOR, (3, 1), [hound((4, 1), speed=0, hp=3)])
    world, state = run(level, [RIGHT, ACTION, NONE, ACTION, NONE, ACTION])
    assert state.hp[0] == 2 and state.cooldown > 0
    assert world.tuning.attack_cooldown > 5


def test_hazards_cannot_be_struck() -> None:
    spikes = thing("hazard", (5, 1), name="Spikes", size=12)
    level = hand_made(CORRIDOR, (3, 1), [spikes])
    _, state = run(level, [RIGHT, ACTION])
    assert state.hp[0] == 1 and state.kills == 0


def test_every_level_from_the_second_has_a_hunter_that_catches_an_idle_player() -> None:
    for difficulty, seed in ((2, 3), (4, 9), (7, 2), (10, 4)):
        for foes in ((), (OGRE,)):
            plan = make_plan(difficulty, seed=seed, index=2)
            if foes:
                plan = dataclasses.replace(plan, foes=foes)
            level = generate(plan)
            hunters = [e for e in level.entities if e.behaviour == Behaviour.CHASE.value and e.motion is None]
            assert hunters, (difficulty, seed, foes)
            wake = min(hunter.params["wake"] for hunter in hunters)
            outcome = replay(level, [[NONE, wake + 60 * 20]], strict=False)
            assert outcome.lives_lost >= 1, (difficulty, seed)
            assert replay(level).completed


def test_shipped_solutions_fight_hunters_and_stay_proven() -> None:
    swings = 0
    for seed in range(1, 9):
        level = generate(make_plan(6 + seed % 4, seed=seed, index=2))
        outcome = replay(level)
        assert outcome.completed and outcome.steps == level.solution.steps
        swings += (level.solution.moves or "").count("*")
        assert outcome.stats["kills"] <= (level.solution.moves or "").count("*")
    assert swings > 0


def test_the_first_level_has_no_hunter_unless_the_gdd_asks_for_one() -> None:
    level = generate(make_plan(2, seed=3, index=1))
    assert not [e for e in level.entities if e.behaviour == "chase" and e.motion is None]
    assert [mask for mask, _ in level.solution.inputs if mask & ACTION] == []


def test_the_shipped_solution_duels_the_boss_down_where_a_cell_beside_its_beat_is_safe() -> None:
    fallen = 0
    for seed in range(1, 11):
        level = generate(make_plan(2 + seed % 8, seed=seed, boss=OGRE, index=3))
        world = World.from_level(level)
        boss = next(i for i, body in enumerate(world.bodies) if body.kind == "boss")
        state = State.start(world)
        for mask in expand(level.solution.inputs):
            step(world, state, mask)
        assert state.complete and state.hit < 0
        fallen += state.hp[boss] <= 0
        if state.hp[boss] <= 0:
            assert state.score >= level.entities[boss].points
    assert fallen >= 8, f"the boss fell in only {fallen} of 10 levels"


def test_a_ranged_game_fires_bolts_that_stop_at_walls_and_fell_what_they_meet() -> None:
    ranged = {"ranged": True}
    level = hand_made(CORRIDOR, (1, 1), [hound((8, 1), speed=0)])
    level = level.model_copy(update={"rules": {**level.rules, **ranged}})
    _, state = run(level, [RIGHT, ACTION] + [NONE] * 40)
    assert state.kills == 1 and state.bolts == [] and state.swing == 0
    walled = hand_made(["#####", "#...#", "#####"], (1, 1))
    walled = walled.model_copy(update={"rules": {**walled.rules, **ranged}})
    _, state = run(walled, [RIGHT, ACTION])
    assert len(state.bolts) == 1
    _, state = run(walled, [RIGHT, ACTION] + [NONE] * 20)
    assert state.bolts == [], "the bolt flew through the wall"


def test_a_gdd_that_shoots_gets_a_ranged_top_down_game_whose_proof_fires() -> None:
    fired = 0
    for seed in range(1, 7):
        plan = dataclasses.replace(make_plan(4 + seed, seed=seed, index=2), abilities=frozenset({Mechanic.SHOOT}))
        level = generate(plan)
        assert level.rules["ranged"] is True
        assert replay(level).completed
        fired += (level.solution.moves or "").count("*")
    assert fired > 0
    assert generate(make_plan(5, seed=1, index=2)).rules["ranged"] is False


def boar(cell: tuple[int, int], **params: int):  # type: ignore[no-untyped-def]
    entity = hound(cell, speed=100, sight=12, wake=0)
    return entity.model_copy(update={"name": "Boar", "behaviour": "charge", "params": {
        **entity.params, "dash": 800, "windup": 10, "rest": 30, **params}})


def test_a_boar_in_line_winds_up_then_charges_faster_than_the_player_walks() -> None:
    level = hand_made(CORRIDOR, (1, 1), [boar((8, 1))])
    world, state = run(level, [NONE] * 5)
    assert state.phase[0] == 1 and body_at(world, state, 0) == (world.bodies[0].x, world.bodies[0].y)
    world, state = run(level, [NONE] * 13)
    assert state.phase[0] == 2
    start = world.bodies[0].x
    world, state = run(level, [NONE] * 16)
    assert start - body_at(world, state, 0)[0] >= 5 * 800 > 5 * world.tuning.speed
    _, state = run(level, [NONE] * 200)
    assert state.hit == 0


def test_a_charge_that_misses_stops_at_the_wall_and_rests() -> None:
    rows = ["##########", "#........#", "#.########", "#.#", "###"]
    level = hand_made(rows, (1, 1), [boar((8, 1), rest=50)])
    world = World.from_level(level)
    state = State.start(world)
    for _ in range(12):
        step(world, state, NONE)
    for _ in range(30):  # step out of the lane as it charges
        step(world, state, DOWN)
    phases = []
    for _ in range(40):
        step(world, state, NONE)
        phases.append(state.phase[0])
    assert 3 in phases and state.hit < 0
    x, y = body_at(world, state, 0)
    assert x % 256 == y % 256 == 0 and (x // 256 - 2) % TILE == (y // 256 - 2) % TILE == 0, \
        "a stopped charge is not back on its tile's centre"


def test_charging_foes_from_the_gdd_charge_and_levels_stay_proven() -> None:
    foes = (Foe("Boar", Behaviour.CHARGE), Foe("Beetle", Behaviour.PATROL))
    for seed in range(1, 6):
        level = generate(dataclasses.replace(make_plan(3 + seed, seed=seed, index=2), foes=foes))
        boars = [e for e in level.entities if e.behaviour == "charge" and e.motion is None]
        assert boars and all(e.params["dash"] < TILE * 256 // 4 for e in boars)
        assert replay(level).completed
