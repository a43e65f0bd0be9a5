"""Shooter levels: proven by their shipped inputs, deterministic, dangerous, and the rules behave like a shmup.

Bombs, power-ups (spread, rapid, shield), the score multiplier and boss phases are tested on hand-built
levels; generated ones must have enemies firing from level 1, bosses that go through all their phases
in the shipped solution, and idle runs that end.
"""

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maestro.labyrinth import shooter
from maestro.labyrinth.shooter import generate
from maestro.level import LevelFile, Point, Solution, Spawn, Wave, load_schema
from maestro.plan import Foe, LevelPlan
from maestro.rules import shooter as shooter_rules
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, LEFT, NONE, RIGHT, SECONDARY, UP, compress, expand
from maestro.rules.shooter import RAPID, SHIELD, SPREAD, TUNING, State, Tuning, aim, phase_of, replay, step
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


def test_enemies_hint_is_spread_over_the_waves_the_bigger_shares_late() -> None:
    level = generate(plan(3, seed=2, waves=4, enemies=10))
    assert [len(wave.spawns) for wave in level.waves] == [2, 2, 3, 3]
    assert level.stats["enemies_requested"] == level.stats["enemies_placed"] == 10


def test_waves_grow_and_come_sooner_through_a_level() -> None:
    for seed in range(1, 6):
        level = generate(plan(5, seed=seed))
        regular = level.waves[:-1]  # the last wave holds the turrets that leave on their own
        sizes = [len(wave.spawns) for wave in regular]
        assert sizes[-1] > sizes[0], sizes
        gaps = [b.at - a.at for a, b in zip(level.waves, level.waves[1:], strict=False)]
        assert gaps[-1] < gaps[0], gaps


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
@settings(max_examples=60, deadline=None)
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


# ---- bombs, power-ups, the multiplier, boss phases, enemies that shoot from level 1 ----------------------------------

def turret(x: int = 112, y: int = 40, hp: int = 3, **params: int) -> Spawn:
    """An enemy that holds station at (x, y) until shot down (a boss-pattern spawn that is not a boss)."""
    return Spawn(name="Cannon", pattern="boss", delay=0, x=x, y=y, w=16, h=16, hp=hp, points=100,
                 params={"vy": 0, "hold": 1_000_000, **params})


def run(level: LevelFile, masks: list[int]) -> State:
    s = State(from_file(level))
    for mask in masks:
        step(s, mask)
    return s


def test_a_bomb_clears_enemy_bullets_hits_every_enemy_on_the_playfield_and_goes_off_once_per_press() -> None:
    gunner = turret(x=40, hp=10, fire=3, spread=5, fire_every=8, bullet_speed=SUB)
    weak = turret(x=180, hp=TUNING.bomb_damage)
    s = run(hand_level(gunner, weak), [NONE] * 41)  # the gunner fires on multiples of 8: not on the bomb step
    assert len(s.bullets) > 0 and s.bombs == TUNING.bombs
    step(s, SECONDARY)
    assert s.bullets == [] and s.bombs == TUNING.bombs - 1 and s.bombs_used == 1
    assert [e.hp for e in s.enemies] == [10 - TUNING.bomb_damage] and s.kills == 1 and s.score == 100
    assert s.invuln >= TUNING.bomb_invuln - 1
    for _ in range(30):
        step(s, SECONDARY)  # held: no second bomb
    assert s.bombs == TUNING.bombs - 1
    for mask in (NONE, SECONDARY, NONE, SECONDARY, NONE, SECONDARY):
        step(s, mask)
    assert s.bombs == 0 and s.bombs_used == TUNING.bombs and s.enemies == []


def test_a_shot_down_enemy_drops_its_power_up_which_the_ship_takes_by_touching_it() -> None:
    carrier = turret(x=108, y=100, hp=1, drop=SPREAD)
    s = run(hand_level(carrier), [ACTION] * 30)
    assert s.enemies == [] and len(s.pickups) == 1 and s.pickups[0][2] == SPREAD
    for _ in range(400):
        step(s, NONE)
        if s.power:
            break
    assert s.power == SPREAD and s.pickups == [] and s.pickups_taken == 1


def test_spread_fires_three_ways_rapid_fires_faster_and_the_shield_takes_one_hit() -> None:
    level = hand_level(turret(x=8, y=100, hp=1_000))
    s = State(level)
    s.power = SPREAD
    step(s, ACTION)
    assert sorted(shot[2] for shot in s.shots) == [-TUNING.spread_vx, 0, TUNING.spread_vx]
    s.power = RAPID
    s.cooldown = 0
    step(s, ACTION)
    assert s.cooldown == TUNING.rapid_fire_every < TUNING.fire_every
    gunner = turret(x=112, fire=1, fire_every=10, bullet_speed=4 * SUB)
    s = State(hand_level(gunner))
    s.power = SHIELD
    while s.power == SHIELD and s.step < 200:
        step(s, NONE)
    assert s.shields_used == 1 and s.lives == TUNING.lives and s.power == 0 and s.invuln > 0
    while s.lives == TUNING.lives and s.step < 400:
        step(s, NONE)
    assert s.lives == TUNING.lives - 1


def test_kills_without_a_hurt_raise_the_multiplier_and_a_hurt_resets_it() -> None:
    row = [turret(x=4 + 20 * (i % 11), y=40 + 30 * (i // 11), hp=1) for i in range(22)]
    s = State(hand_level(*row))
    s.x = 0
    for _ in range(2000):
        step(s, ACTION | (RIGHT if s.step // 120 % 2 == 0 else LEFT) if s.step % 8 < 4 else ACTION)
        if not s.enemies:
            break
    assert s.multiplier == TUNING.multiplier_max and s.best_multiplier == TUNING.multiplier_max
    assert s.kills > TUNING.multiplier_every * (TUNING.multiplier_max - 1)
    expected = sum(100 * min(TUNING.multiplier_max, 1 + k // TUNING.multiplier_every) for k in range(s.kills))
    assert s.score == expected > 100 * s.kills
    s.multiplier, s.streak = 3, 10
    shooter_rules._hurt(s, s.tuning, "test")
    assert (s.multiplier, s.streak, s.power) == (1, 0, 0)


def test_a_boss_switches_its_fire_at_two_thirds_and_one_third_of_its_hp() -> None:
    assert [phase_of(hp, 30) for hp in (30, 21, 20, 11, 10, 1, 0)] == [0, 0, 1, 1, 2, 2, 2]
    boss = Spawn(name="Core", pattern="boss", delay=0, x=96, y=40, w=48, h=32, hp=30, points=1000, boss=True,
                 params={"vy": 0, "hold": 10_000, "fire": 2, "fire_every": 20, "bullet_speed": 300,
                         "fire_2": 3, "spread_2": 5, "fire_every_3": 7})
    e = shooter_rules.Enemy(boss, 0)
    assert (e.stage, e.fire, e.fire_every) == (0, 2, 20)
    e.damage(10)
    assert (e.stage, e.fire, e.spread, e.fire_every, e.bullet_speed) == (1, 3, 5, 20, 300)
    e.damage(10)
    assert (e.stage, e.fire, e.spread, e.fire_every) == (2, 3, 5, 7)


@pytest.mark.parametrize("seed", range(6))
def test_level_1_has_enemies_that_fire_and_do_fire_at_an_idle_player(seed: int) -> None:
    level = generate(plan(1, seed=seed))
    spawns = [spawn for wave in level.waves for spawn in wave.spawns]
    firing = [spawn for spawn in spawns if spawn.params.get("fire")]
    assert len(firing) * 3 >= len(spawns), "at least a third of level 1 shoots"
    assert all(spawn.params["fire_delay"] <= 40 and spawn.params["fire_every"] <= 150 for spawn in firing)
    assert replay(level, [[NONE, 3000]]).stats["enemy_shots"] >= 5


def test_enemies_fire_more_and_faster_as_difficulty_rises() -> None:
    def fire(d: int) -> tuple[float, float]:
        spawns = [s for seed in range(4) for w in generate(plan(d, seed=seed)).waves for s in w.spawns]
        firing = [s for s in spawns if s.params.get("fire")]
        return len(firing) / len(spawns), sum(s.params["fire_every"] for s in firing) / len(firing)

    (easy_share, easy_every), (hard_share, hard_every) = fire(1), fire(9)
    assert hard_share > easy_share and hard_every < easy_every


@pytest.mark.parametrize(("difficulty", "seed"), [(1, 3), (4, 8), (9, 2)])
def test_the_shipped_solution_takes_the_boss_through_all_three_phases(difficulty: int, seed: int) -> None:
    level = from_file(generate(plan(difficulty, seed=seed, boss=KING)))
    s = State(level)
    fired_in: set[int] = set()
    for mask in expand(level.solution.inputs):
        before = s.enemy_fired
        step(s, mask)
        bosses = [e for e in s.enemies if e.boss]
        if bosses and s.enemy_fired > before:
            fired_in.add(bosses[0].stage)
    assert s.completed and s.bosses_destroyed == 1
    assert {1, 2} <= fired_in, f"the boss fired in phases {sorted(fired_in)} only"


@pytest.mark.parametrize(("seed", "boss"), [(s, b) for s in range(4) for b in (False, True)])
def test_an_idle_run_of_level_1_ends_won_or_lost_within_bounded_steps(seed: int, boss: bool) -> None:
    level = generate(plan(1, seed=seed, boss=KING if boss else None))
    bound = 6000
    outcome = replay(level, [[NONE, bound]])
    assert outcome.steps < bound
    assert outcome.completed or outcome.lives_lost == level.rules["lives"], outcome.reason


def test_levels_carry_power_ups_and_the_pilot_takes_some() -> None:
    taken = 0
    for seed in range(4):
        level = generate(plan(3, seed=seed, index=seed + 1))
        drops = {s.params["drop"] for w in level.waves for s in w.spawns if s.params.get("drop")}
        assert drops and drops <= {SPREAD, RAPID, SHIELD}
        taken += level.stats["pickups"]
    assert taken >= 4
    assert generate(plan(2, seed=1)).rules["bombs"] > generate(plan(8, seed=1)).rules["bombs"] >= 1
