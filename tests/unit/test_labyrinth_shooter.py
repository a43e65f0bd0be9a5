"""Shooter levels: proven by their shipped inputs, deterministic, dangerous, and the rules behave like a shmup."""

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maestro.labyrinth import shooter
from maestro.labyrinth.shooter import generate
from maestro.level import LevelFile, Point, Solution, Spawn, Wave, load_schema
from maestro.plan import Foe, LevelPlan
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, LEFT, NONE, UP, compress, expand
from maestro.rules.shooter import TUNING, State, Tuning, aim, replay, step
from maestro.spec import Behaviour, Genre

FOES = (
    Foe("Beetle", Behaviour.PATROL),
    Foe("Wasp", Behaviour.ZIGZAG),
    Foe("Hawk", Behaviour.SWOOP),
    Foe("Moth", Behaviour.FLY),
    Foe("Cannon", Behaviour.TURRET),
)
KING = Foe("King Crab", Behaviour.PATROL)


def plan(difficulty: int = 3, seed: int = 1, index: int = 1, **extra: object) -> LevelPlan:
    fields: dict[str, object] = {
        "genre": Genre.SHOOTER, "index": index, "count": 3, "name": f"Level {index}",
        "difficulty": difficulty, "seed": seed, "foes": FOES,
    }
    fields.update(extra)
    return LevelPlan(**fields)  # type: ignore[arg-type]


def from_file(level: LevelFile) -> LevelFile:
    return LevelFile.model_validate_json(level.to_json())


def hand_level(*spawns: Spawn, lives: int = 3) -> LevelFile:
    """A one-wave level built by hand, to test the rules in isolation."""
    return LevelFile(
        genre=Genre.SHOOTER, index=1, name="hand", difficulty=1, seed=0,
        rules=Tuning(lives=lives).to_rules(), width=15, height=20, rows=["." * 15] * 20,
        player=Point(x=114, y=284), waves=[Wave(at=0, formation="line", spawns=list(spawns))],
        solution=Solution(inputs=[[0, 1]], steps=1), par=1,
    )


def straight(x: int, vy: int = SUB, hp: int = 1, **params: int) -> Spawn:
    return Spawn(name="Beetle", pattern="straight", delay=0, x=x, y=-16, w=16, h=16, hp=hp, points=100,
                 params={"vy": vy, **params})


@pytest.mark.parametrize("difficulty", [1, 5, 10])
def test_shipped_solution_clears_the_level_from_the_file_alone(difficulty: int) -> None:
    level = from_file(generate(plan(difficulty, seed=difficulty * 11, index=difficulty // 4 + 1)))
    outcome = replay(level)
    assert outcome.completed, outcome.reason
    assert outcome.steps == level.solution.steps == level.par
    assert outcome.lives_lost < level.rules["lives"]  # type: ignore[operator]
    assert outcome.lives_lost == level.stats["lives_lost"]


def test_same_plan_gives_identical_bytes() -> None:
    assert generate(plan(7, seed=77)).to_json() == generate(plan(7, seed=77)).to_json()


def test_different_seeds_give_different_wave_scripts() -> None:
    assert generate(plan(6, seed=1)).waves != generate(plan(6, seed=2)).waves


@pytest.mark.parametrize("seed", range(8))
def test_every_wave_shoots_back_from_level_1(seed: int) -> None:
    level = generate(plan(1, seed=seed))
    assert all(any(spawn.params.get("fire") for spawn in wave.spawns) for wave in level.waves)
    assert replay(level).completed


def test_making_the_last_wave_unkillable_is_detected() -> None:
    level = generate(plan(4, seed=5))
    for spawn in level.waves[-1].spawns:
        spawn.hp = 1_000_000
    outcome = replay(level)
    assert not outcome.completed
    assert "inputs ran out" in outcome.reason and "enemies alive" in outcome.reason


def test_removing_every_action_bit_makes_replay_fail() -> None:
    level = generate(plan(5, seed=9))
    unarmed = compress(mask & ~ACTION for mask in expand(level.solution.inputs))
    outcome = replay(level, unarmed)
    assert not outcome.completed
    assert outcome.stats["kills"] == 0


@pytest.mark.parametrize("difficulty", [5, 7, 10])
def test_an_idle_player_in_a_hard_level_loses_lives_and_never_finishes(difficulty: int) -> None:
    level = generate(plan(difficulty, seed=difficulty))
    outcome = replay(level, [[NONE, level.solution.steps + 600]])
    assert not outcome.completed
    assert outcome.lives_lost >= 1
    if outcome.lives_lost == level.rules["lives"]:
        assert outcome.reason.startswith("lost the last life")


def test_a_boss_plan_ends_in_a_boss_wave_that_must_be_destroyed() -> None:
    level = generate(plan(8, seed=4, boss=KING))
    last = level.waves[-1]
    assert [spawn.boss for spawn in last.spawns] == [True]
    assert last.spawns[0].name == "King Crab" and last.spawns[0].pattern == "boss"
    assert replay(level).stats["bosses_destroyed"] == 1
    assert level.stats["boss"] == 1
    last.spawns[0].hp = 1_000_000
    assert not replay(level).completed


def test_boss_hit_points_rise_with_difficulty() -> None:
    easy = generate(plan(2, seed=4, boss=KING)).waves[-1].spawns[0]
    hard = generate(plan(9, seed=4, boss=KING)).waves[-1].spawns[0]
    assert hard.hp > easy.hp


def test_wave_hint_is_honoured() -> None:
    level = generate(plan(3, seed=2, waves=6))
    assert len(level.waves) == 6
    assert level.stats["waves_requested"] == level.stats["waves_placed"] == 6


@pytest.mark.parametrize(("hint", "placed"), [(99, 12), (0, 1)])
def test_wave_hint_is_clamped_and_recorded(hint: int, placed: int) -> None:
    level = generate(plan(3, seed=2, waves=hint, boss=KING))
    assert len(level.waves) == placed
    assert level.stats["waves_requested"] == hint and level.stats["waves_placed"] == placed
    assert level.waves[-1].spawns[0].boss
    assert replay(level).completed


def test_enemies_hint_is_spread_over_the_waves() -> None:
    level = generate(plan(3, seed=2, waves=4, enemies=10))
    assert [len(wave.spawns) for wave in level.waves] == [3, 3, 2, 2]
    assert level.stats["enemies_requested"] == level.stats["enemies_placed"] == 10


def test_default_levels_grow_busier_with_difficulty() -> None:
    easy, hard = generate(plan(1, seed=3)), generate(plan(10, seed=3))
    assert len(hard.waves) > len(easy.waves)
    assert hard.stats["enemies_placed"] > easy.stats["enemies_placed"]
    aimed = [s for w in hard.waves for s in w.spawns if s.params.get("fire") == 2]
    assert aimed and not [s for w in easy.waves for s in w.spawns if s.params.get("fire", 0) >= 2]


def test_every_named_foe_appears_with_the_pattern_its_behaviour_suggests() -> None:
    level = generate(plan(6, seed=8, waves=6))
    names = {spawn.name for wave in level.waves for spawn in wave.spawns}
    assert names == {foe.name for foe in FOES}
    patterns = {wave.spawns[0].name: wave.spawns[0].pattern for wave in level.waves[:-1]}
    assert patterns == {"Beetle": "straight", "Wasp": "zigzag", "Hawk": "swoop", "Moth": "sine", "Cannon": "hover"}


def test_the_level_is_a_blank_portrait_playfield_with_the_ship_bottom_centre() -> None:
    level = generate(plan(2, seed=1, lives=5))
    assert (level.width, level.height) == (15, 20)
    assert level.rows == ["." * 15] * 20
    assert level.player == Point(x=114, y=284)
    assert level.rules["lives"] == 5
    assert len(level.rules["sine"]) == 64 and len(level.rules["dir_x"]) == 16  # type: ignore[arg-type]


def test_the_generator_falls_back_to_an_easy_verified_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shooter, "ATTEMPTS", ())
    level = generate(plan(10, seed=3, boss=KING, lives=1))
    assert level.stats["ease"] == 9
    assert level.waves[-1].spawns[0].boss
    assert replay(from_file(level)).completed


def test_aimed_fire_picks_the_direction_with_the_largest_dot_product() -> None:
    assert aim(0, 100, TUNING) == 0
    assert aim(100, 0, TUNING) == 4
    assert aim(-100, 0, TUNING) == 12
    assert aim(100, 100, TUNING) == 2
    assert aim(-30, 100, TUNING) == 15


def test_enemies_leaving_the_playfield_escape_without_penalty() -> None:
    level = hand_level(straight(x=8, vy=4 * SUB))
    outcome = replay(level, [[NONE, 200]])
    assert outcome.completed and outcome.lives_lost == 0
    assert outcome.stats["escaped"] == 1 and outcome.score == 0


def test_shooting_an_enemy_scores_its_points() -> None:
    level = hand_level(straight(x=112, vy=0, hp=3, fire=0).model_copy(update={"pattern": "hover", "y": 40}))
    outcome = replay(level, [[ACTION, 120]])
    assert outcome.completed and outcome.score == 100 and outcome.stats["shots"] >= 3


def test_a_hover_enemy_left_alone_leaves_after_lingering_so_the_level_ends_and_a_boss_does_not() -> None:
    hover = straight(x=112, vy=0, hp=3, fire=0).model_copy(update={"pattern": "hover", "y": 40})
    outcome = replay(hand_level(hover), [[NONE, TUNING.hover_linger + 400]])
    assert outcome.completed and outcome.stats["escaped"] == 1 and outcome.score == 0
    assert TUNING.hover_linger < outcome.steps < TUNING.hover_linger + 400
    boss = hover.model_copy(update={"pattern": "boss", "name": "Core"})
    outcome = replay(hand_level(boss), [[NONE, TUNING.hover_linger + 2000]])
    assert not outcome.completed, "a boss must be shot down"


def test_an_enemy_bullet_costs_a_life_then_grants_invulnerability() -> None:
    turret = straight(x=112, vy=0, fire=1, fire_every=10, bullet_speed=4 * SUB)
    level = hand_level(turret.model_copy(update={"pattern": "hover", "y": 40}), lives=2)
    outcome = replay(level, [[NONE, 60 + TUNING.invuln]])
    assert not outcome.completed and outcome.lives_lost == 1
    outcome = replay(level, [[NONE, 200 + 2 * TUNING.invuln]])
    assert outcome.lives_lost == 2 and "hit by a Beetle bullet" in outcome.reason


def test_the_ship_stays_on_the_playfield() -> None:
    s = State(hand_level(straight(x=8)))
    for _ in range(300):
        step(s, LEFT | UP)
    assert (s.x, s.y) == (0, 0)


def test_tuning_round_trips_through_the_rules_dict() -> None:
    assert Tuning.from_rules(TUNING.to_rules()) == TUNING
    assert all(isinstance(value, int | bool | list) for value in TUNING.to_rules().values())


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=0xFFFFFFFF),
    difficulty=st.integers(min_value=1, max_value=10),
    index=st.integers(min_value=1, max_value=20),
    boss=st.booleans(),
    waves=st.none() | st.integers(min_value=0, max_value=99),
    lives=st.integers(min_value=1, max_value=9),
)
def test_every_generated_level_is_solvable_and_schema_valid(
    seed: int, difficulty: int, index: int, boss: bool, waves: int | None, lives: int
) -> None:
    level = generate(plan(difficulty, seed=seed, index=index, count=20, boss=KING if boss else None,
                          waves=waves, lives=lives))
    jsonschema.validate(json.loads(level.to_json()), load_schema())
    outcome = replay(from_file(level))
    assert outcome.completed, outcome.reason
    assert outcome.lives_lost < lives
