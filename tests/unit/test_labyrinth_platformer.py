"""Platformer levels: proven by their shipped inputs, deterministic, and the rules behave like a platformer."""

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maestro.labyrinth.platformer import generate
from maestro.level import LevelFile, load_schema
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rules.geometry import SUB
from maestro.rules.inputs import JUMP, NONE, RIGHT
from maestro.rules.platformer import Actor, Progress, Tuning, World, replay, step
from maestro.spec import Behaviour, Genre, ItemKind, Mechanic

FOES = (Foe("Beetle", Behaviour.PATROL), Foe("Bat", Behaviour.FLY), Foe("Frog", Behaviour.HOP))


def plan(difficulty: int = 3, seed: int = 1, index: int = 1, **extra: object) -> LevelPlan:
    fields: dict[str, object] = {
        "genre": Genre.PLATFORMER, "index": index, "count": 3, "name": f"Level {index}",
        "difficulty": difficulty, "seed": seed, "foes": FOES,
        "pickups": (Pickup("Gem", ItemKind.COLLECTIBLE, 5),),
    }
    fields.update(extra)
    return LevelPlan(**fields)  # type: ignore[arg-type]


def from_file(level: LevelFile) -> LevelFile:
    return LevelFile.model_validate_json(level.to_json())


@pytest.mark.parametrize("difficulty", [1, 5, 10])
def test_shipped_solution_finishes_the_level_from_the_file_alone(difficulty: int) -> None:
    level = from_file(generate(plan(difficulty, seed=difficulty * 11)))
    outcome = replay(level)
    assert outcome.completed, outcome.reason
    assert outcome.steps == level.solution.steps == level.par


def test_same_plan_gives_identical_bytes() -> None:
    assert generate(plan(6, seed=77)).to_json() == generate(plan(6, seed=77)).to_json()


def test_different_seeds_give_different_levels() -> None:
    assert generate(plan(6, seed=1)).rows != generate(plan(6, seed=2)).rows


def test_levels_grow_longer_and_busier_with_difficulty() -> None:
    easy, hard = generate(plan(1, seed=3)), generate(plan(10, seed=3))
    assert hard.width > easy.width
    assert hard.stats["enemies"] > easy.stats["enemies"]


def _level_with(tile: str) -> LevelFile:
    for seed in range(50):
        level = generate(plan(7, seed=seed))
        if any(tile in row for row in level.rows):
            return level
    raise AssertionError(f"no level with {tile!r} in 50 seeds")


def test_removing_the_only_platforms_across_a_pit_is_detected() -> None:
    level = _level_with("=")
    broken = level.model_copy(update={"rows": [row.replace("=", ".") for row in level.rows]})
    outcome = replay(broken)
    assert not outcome.completed
    assert "fell" in outcome.reason or "spikes" in outcome.reason


def test_filling_the_path_with_spikes_is_detected() -> None:
    level = generate(plan(2, seed=4))
    surface = next(r for r, row in enumerate(level.rows) if row[20] == "#")
    rows = list(level.rows)
    rows[surface - 1] = rows[surface - 1][:12] + "^" * 30 + rows[surface - 1][42:]
    outcome = replay(level.model_copy(update={"rows": rows}))
    assert not outcome.completed
    assert "spikes" in outcome.reason


def test_a_wall_before_the_goal_is_detected() -> None:
    level = generate(plan(2, seed=8))
    goal_col = level.rows[-5].index("G") if "G" in level.rows[-5] else max(row.find("G") for row in level.rows)
    rows = [row[: goal_col - 2] + "#" + row[goal_col - 1:] for row in level.rows]
    assert not replay(level.model_copy(update={"rows": rows})).completed


def test_enemy_hint_sets_the_enemy_count() -> None:
    assert generate(plan(5, seed=9, enemies=4)).stats["enemies"] == 4
    assert generate(plan(5, seed=9, enemies=0)).stats["enemies"] == 0


def test_every_named_enemy_appears() -> None:
    names = {e.name for e in generate(plan(8, seed=12)).entities if e.kind == "enemy"}
    assert names == {foe.name for foe in FOES}


def test_a_boss_waits_before_the_goal_on_a_boss_level() -> None:
    level = generate(plan(9, seed=5, boss=Foe("Rot King", Behaviour.PATROL)))
    bosses = [e for e in level.entities if e.kind == "boss"]
    assert [b.name for b in bosses] == ["Rot King"]
    goal_col = max(row.rfind("G") for row in level.rows)
    assert bosses[0].x < goal_col * level.tile_size
    assert bosses[0].hp >= 2


def test_double_jump_ability_is_written_into_the_rules() -> None:
    level = generate(plan(8, seed=2, abilities=frozenset({Mechanic.DOUBLE_JUMP})))
    assert level.rules["double_jump"] is True
    assert replay(level).completed


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.integers(1, 10))
@pytest.mark.slow
def test_any_seed_gives_a_solvable_schema_valid_level(seed: int, difficulty: int) -> None:
    level = generate(plan(difficulty, seed=seed))
    jsonschema.validate(json.loads(level.to_json()), load_schema())
    outcome = replay(from_file(level))
    assert outcome.completed, outcome.reason


# --- the rules themselves -------------------------------------------------------------------------

def flat_world(width: int = 30, actors: list[Actor] | None = None, tuning: Tuning | None = None) -> World:
    columns = [bytearray(b"." * 11 + b"#" * 4) for _ in range(width)]
    return World(columns, 15, tuning or Tuning(), actors or [])


def apex(hold: int) -> int:
    world = flat_world()
    body, progress = world.spawn(32, 11 * 16 - 14), Progress()
    highest = body.y
    for n in range(60):
        step(world, body, progress, JUMP if n < hold else NONE)
        highest = min(highest, body.y)
    return highest


def test_holding_jump_longer_jumps_higher() -> None:
    assert apex(30) < apex(8) < apex(2)


def test_jump_is_taken_only_on_a_new_press() -> None:
    world = flat_world()
    body, progress = world.spawn(32, 11 * 16 - 14), Progress()
    for _ in range(120):
        step(world, body, progress, JUMP)
    assert body.on_ground


def test_coyote_time_allows_a_jump_just_after_leaving_a_ledge() -> None:
    columns = [bytearray(b"." * 11 + b"#" * 4) for _ in range(6)] + [bytearray(b"." * 15) for _ in range(10)]
    world = World(columns, 15, Tuning(), [])
    body, progress = world.spawn(64, 11 * 16 - 14), Progress()
    while body.on_ground:
        step(world, body, progress, RIGHT)
    step(world, body, progress, RIGHT)
    step(world, body, progress, RIGHT | JUMP)
    assert body.vy < 0


def test_falling_onto_an_enemy_stomps_it_and_walking_into_it_is_a_hit() -> None:
    enemy = Actor("enemy-1", "enemy", "Beetle", 96 * SUB, (11 * 16 - 12) * SUB, 14 * SUB, 12 * SUB, None, points=100)
    world = flat_world(actors=[enemy])
    body, progress = world.spawn(32, 11 * 16 - 14), Progress()
    for _ in range(200):
        step(world, body, progress, RIGHT)
        if progress.failed:
            break
    assert "Beetle" in progress.failed

    body, progress = world.spawn(96, 11 * 16 - 80), Progress()
    body.on_ground = False
    for _ in range(60):
        step(world, body, progress, NONE)
    assert progress.gone == 1 and progress.score == 100 and not progress.failed
