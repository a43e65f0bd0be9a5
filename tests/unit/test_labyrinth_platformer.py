"""Platformer levels: proven by their shipped inputs, deterministic, and the rules behave like a platformer."""

import itertools
import json
from itertools import pairwise

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maestro.labyrinth.difficulty import standing_span
from maestro.labyrinth.platformer import HEIGHT, TOP, generate
from maestro.level import Entity, LevelFile, load_schema
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, JUMP, NONE, RIGHT, SECONDARY, UP, expand
from maestro.rules.platformer import (
    CALM,
    CHARGING,
    RESTING,
    WINDUP,
    Actor,
    Progress,
    Tuning,
    World,
    actor_box,
    replay,
    step,
)
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


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.integers(1, 10))
@pytest.mark.slow
def test_any_seed_gives_a_solvable_schema_valid_level(seed: int, difficulty: int) -> None:
    level = generate(plan(difficulty, seed=seed))
    jsonschema.validate(json.loads(level.to_json()), load_schema())
    outcome = replay(from_file(level))
    assert outcome.completed, outcome.reason


# --- levels that use the height ------------------------------------------------------------------

def _stood_on(level: LevelFile) -> tuple[list[int], int]:
    """Rows of the ground the shipped solution stands on (in order, repeats dropped) and its wall jumps."""
    world = World.from_level(level)
    body, progress = world.spawn(level.player.x, level.player.y), Progress()
    rows: list[int] = []
    wall_jumps = 0
    for mask in expand(level.solution.inputs):
        held, wall, grounded = body.jump_held, body.wall, body.on_ground or body.coyote > 0
        step(world, body, progress, mask)
        if mask & (JUMP | UP) and not held and wall and not grounded:
            wall_jumps += 1
        row = (body.y + world.ph) // world.ts
        if body.on_ground and (not rows or rows[-1] != row):
            rows.append(row)
        if progress.done:
            break
    return rows, wall_jumps


def test_from_the_second_level_on_the_route_climbs_and_drops_at_least_five_tiles() -> None:
    """Levels used to be flat strips (a span of 2-3 tiles stood on); from level 2 on the shipped
    solution now stands on ground at least five tiles apart in most levels, each level proven."""
    spans = []
    for difficulty in range(2, 11):
        for seed in range(4):
            level = generate(plan(difficulty, seed=100 * difficulty + seed, index=2 + seed % 2))
            assert replay(from_file(level)).completed
            spans.append(standing_span(level))
    spans.sort()
    assert spans[len(spans) // 2] >= 5, spans
    assert sum(span >= 5 for span in spans) * 4 >= len(spans) * 3, spans


def test_the_route_goes_up_and_comes_back_down() -> None:
    """The ground rises and falls across a level: each solution climbs five tiles above where it
    started (never above ``TOP``), and some come a good way back down after their highest point."""
    drops = []
    for seed in range(4):
        level = generate(plan(6, seed=seed, index=3))
        rows, _ = _stood_on(level)
        highest = min(rows)
        assert rows[0] - highest >= 5 and highest >= TOP, rows
        drops.append(max(rows[rows.index(highest):]) - highest)
    assert max(drops) >= 3, drops


def test_harder_levels_are_taller_and_the_first_stays_gentle() -> None:
    first = generate(plan(1, seed=7, index=1))
    assert first.height == HEIGHT and standing_span(first) <= 4
    heights = [generate(plan(difficulty, seed=7, index=2)).height for difficulty in (2, 5, 9)]
    assert heights == sorted(heights) and heights[0] > HEIGHT and heights[-1] > heights[0]


def test_climbs_use_one_way_platforms_and_wall_jump_shafts() -> None:
    """Somewhere over a few seeds: the solution stands on a one-way platform, and in a wall_slide
    game it climbs a shaft by wall jumps (the shaft has no ledge to stand on)."""
    on_platform = wall_jumps = 0
    for seed in range(4):
        level = generate(plan(8, seed=seed, index=2, abilities=frozenset({Mechanic.WALL_SLIDE})))
        assert replay(from_file(level)).completed
        wall_jumps += _stood_on(level)[1]
        world = World.from_level(level)
        body, progress = world.spawn(level.player.x, level.player.y), Progress()
        for mask in expand(level.solution.inputs):
            step(world, body, progress, mask)
            col, row = (body.x + world.pw // 2) // world.ts, (body.y + world.ph) // world.ts
            on_platform += body.on_ground and world.tile(col, row) == ord("=")
    assert on_platform > 0 and wall_jumps >= 2


def test_tall_levels_are_deterministic() -> None:
    wall = frozenset({Mechanic.WALL_SLIDE, Mechanic.DOUBLE_JUMP})
    assert generate(plan(9, seed=5, index=4, abilities=wall)).to_json() == \
        generate(plan(9, seed=5, index=4, abilities=wall)).to_json()


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


# --- swings, chasers and turrets --------------------------------------------------------------------------

CHASERS = (Foe("Hound", Behaviour.CHASE), Foe("Cannon", Behaviour.TURRET), Foe("Beetle", Behaviour.PATROL))


def guard(behaviour: str, x: int, y: int = 11 * 16 - 12, ground: tuple[int, int] | None = None) -> Entity:
    params = {"left": ground[0], "right": ground[1]} if ground else {}
    return Entity(id="enemy-1", kind="enemy", name="Hound", behaviour=behaviour, x=x, y=y, w=14, h=12, points=100,
                  params=params)


def guarded_world(entity: Entity, columns: list[bytearray] | None = None) -> World:
    columns = columns or [bytearray(b"." * 11 + b"#" * 4) for _ in range(30)]
    return World(columns, 15, Tuning(), [Actor.of(entity)], [entity])


@pytest.mark.parametrize(("difficulty", "seed"), [(2, 5), (5, 6), (8, 7), (10, 8)])
def test_levels_with_chasers_and_turrets_stay_proven(difficulty: int, seed: int) -> None:
    level = from_file(generate(plan(difficulty, seed=seed, foes=CHASERS, boss=Foe("Rot King", Behaviour.CHASE))))
    behaviours = {e.behaviour for e in level.entities if e.kind == "enemy"}
    assert {"chase", "turret"} <= behaviours
    for entity in level.entities:
        if entity.behaviour in ("chase", "turret") and entity.kind == "enemy":
            assert entity.motion is None and entity.params["left"] <= entity.x < entity.params["right"]
    outcome = replay(level)
    assert outcome.completed, outcome.reason


def test_shipped_solutions_fight_chasers_and_defeat_the_boss() -> None:
    """Chasers are met with the sword often, and the boss guarding the goal always falls."""
    killed = chasers = 0
    for seed in range(4):
        hounds = (Foe("Hound", Behaviour.CHASE),)
        level = generate(plan(6, seed=seed, foes=hounds, boss=Foe("Rot King", Behaviour.PATROL)))
        world = World.from_level(level)
        body, progress = world.spawn(level.player.x, level.player.y), Progress()
        for mask in expand(level.solution.inputs):
            step(world, body, progress, mask)
        assert progress.done
        boss = next(i for i, e in enumerate(level.entities) if e.kind == "boss")
        assert progress.gone >> boss & 1
        chasers += len(world.chasers)
        killed += sum(progress.gone >> i & 1 for i in world.chasers)
    assert chasers > 0 and killed * 2 >= chasers


def test_a_chaser_closes_distance_on_an_idle_player() -> None:
    world = guarded_world(guard("chase", 200))
    body, progress = world.spawn(100, 11 * 16 - 14), Progress()
    gaps = []
    for _ in range(120):
        step(world, body, progress, NONE)
        if progress.failed:
            break
        gaps.append(actor_box(world, progress, 0)[0] - body.x)
    assert gaps[0] > gaps[-1] + 40 * SUB
    assert all(later <= earlier for earlier, later in pairwise(gaps))
    assert "Hound" in progress.failed


def test_a_chaser_out_of_sight_or_off_its_ground_stays_put() -> None:
    far = guarded_world(guard("chase", 400))
    body, progress = far.spawn(100, 11 * 16 - 14), Progress()
    for _ in range(60):
        step(far, body, progress, NONE)
    assert actor_box(far, progress, 0)[0] == 400 * SUB
    fenced = guarded_world(guard("chase", 200, ground=(180, 300)))
    body, progress = fenced.spawn(100, 11 * 16 - 14), Progress()
    for _ in range(60):
        step(fenced, body, progress, NONE)
    assert actor_box(fenced, progress, 0)[0] == 200 * SUB


def test_a_chaser_never_walks_off_its_floor_or_through_a_wall() -> None:
    columns = [bytearray(b"." * 11 + b"#" * 4) for _ in range(30)]
    for col in (10, 11, 12):
        columns[col][10] = ord("#")  # a block one tile high: the chaser stands on it
    world = guarded_world(guard("chase", 170, y=10 * 16 - 12), columns)
    body, progress = world.spawn(240, 11 * 16 - 14), Progress()
    for _ in range(200):
        step(world, body, progress, NONE)
    x = actor_box(world, progress, 0)[0]
    edge = 13 * 16 * SUB - 14 * SUB  # the chaser's right side at the block's edge
    assert edge - world.tuning.chase_speed < x <= edge
    walled = [bytearray(b"." * 11 + b"#" * 4) for _ in range(30)]
    walled[8][10] = ord("#")
    world = guarded_world(guard("chase", 200), walled)
    body, progress = world.spawn(96, 11 * 16 - 14), Progress()
    for _ in range(200):
        step(world, body, progress, NONE)
    x = actor_box(world, progress, 0)[0]
    assert 9 * 16 * SUB <= x < 9 * 16 * SUB + world.tuning.chase_speed and not progress.failed


def test_a_swing_kills_an_enemy_in_reach_once_per_swing() -> None:
    boss = Entity(id="boss-1", kind="boss", name="King", x=120, y=11 * 16 - 24, w=28, h=24, hp=3, points=500)
    world = World([bytearray(b"." * 11 + b"#" * 4) for _ in range(30)], 15, Tuning(), [Actor.of(boss)], [boss])
    body, progress = world.spawn(100, 11 * 16 - 14), Progress()
    step(world, body, progress, ACTION)
    assert progress.hits_on(0) == 1 and body.vx < 0 and progress.grace > 0
    for _ in range(world.tuning.attack_active):
        step(world, body, progress, ACTION)  # held: the same swing, no second hit
    assert progress.hits_on(0) == 1


def test_a_turret_fires_shots_that_hurt() -> None:
    world = guarded_world(guard("turret", 200))
    body, progress = world.spawn(120, 11 * 16 - 14), Progress()
    fired = False
    for _ in range(world.tuning.turret_period + 200):
        step(world, body, progress, NONE)
        fired = fired or bool(progress.shots)
        if progress.failed:
            break
    assert fired and progress.failed.startswith("shot by Hound")


def test_dash_is_on_secondary_and_the_goal_waits_for_the_boss() -> None:
    world = flat_world(tuning=Tuning(dash=True))
    body, progress = world.spawn(32, 11 * 16 - 14), Progress()
    step(world, body, progress, ACTION)
    assert abs(body.vx) < world.tuning.dash_speed
    step(world, body, progress, SECONDARY)
    assert body.vx == world.tuning.dash_speed
    columns = [bytearray(b"." * 11 + b"#" * 4) for _ in range(12)]
    columns[5][10] = ord("G")
    boss = Entity(id="boss-1", kind="boss", name="King", x=150, y=11 * 16 - 24, w=28, h=24, hp=2)
    world = World(columns, 15, Tuning(), [Actor.of(boss)], [boss])
    body, progress = world.spawn(32, 11 * 16 - 14), Progress()
    for _ in range(60):
        step(world, body, progress, RIGHT if body.x < 80 * SUB else NONE)
    assert not progress.done and not progress.failed


# --- chargers and the ranged attack ---------------------------------------------------------------------

BOARS = (Foe("Boar", Behaviour.CHARGE), Foe("Beetle", Behaviour.PATROL), Foe("Hound", Behaviour.CHASE))
SHOOTING = frozenset({Mechanic.SHOOT})


@pytest.mark.parametrize(("difficulty", "seed", "abilities"), [
    (2, 15, frozenset()), (5, 16, frozenset()), (8, 17, frozenset({Mechanic.DASH})), (10, 18, frozenset()),
    (3, 25, SHOOTING), (6, 26, SHOOTING | {Mechanic.DOUBLE_JUMP}), (9, 27, SHOOTING), (10, 28, SHOOTING),
])
def test_levels_with_chargers_and_ranged_games_stay_proven(difficulty: int, seed: int,
                                                           abilities: frozenset[Mechanic]) -> None:
    level = from_file(generate(plan(difficulty, seed=seed, foes=BOARS, abilities=abilities,
                                    boss=Foe("Rot King", Behaviour.CHARGE))))
    assert level.rules["ranged"] is (Mechanic.SHOOT in abilities)
    chargers = [e for e in level.entities if e.kind == "enemy" and e.behaviour == "charge"]
    assert chargers
    for entity in chargers:
        assert entity.motion is None and entity.params["left"] <= entity.x < entity.params["right"]
    outcome = replay(level)
    assert outcome.completed, outcome.reason


def test_a_game_without_shoot_is_not_ranged() -> None:
    level = generate(plan(4, seed=3, abilities=frozenset({Mechanic.DASH, Mechanic.ATTACK})))
    assert level.rules["ranged"] is False
    world = World.from_level(level)
    body, progress = world.spawn(level.player.x, level.player.y), Progress()
    step(world, body, progress, ACTION)
    assert body.swing == world.tuning.attack_active and progress.bolts == ()


def test_a_charger_winds_up_charges_an_idle_player_in_sight_and_hits_it() -> None:
    world = guarded_world(guard("charge", 200, ground=(60, 400)))
    t = world.tuning
    assert t.charge_speed > t.run_speed  # it outruns the player
    body, progress = world.spawn(120, 11 * 16 - 14), Progress()
    xs = []
    for _ in range(200):
        step(world, body, progress, NONE)
        xs.append(actor_box(world, progress, 0)[0])
        if progress.failed:
            break
    assert "Hound" in progress.failed
    windup = xs[:t.charge_windup]
    assert windup == [200 * SUB] * t.charge_windup  # the tell: it stands while it winds up
    moves = [a - b for a, b in pairwise(xs[t.charge_windup:])]
    assert moves and all(move == t.charge_speed for move in moves)


def test_a_charger_stops_at_its_ground_rests_and_charges_again_never_leaving_it() -> None:
    """A player on a one-way ledge above the floor: the charger runs beneath it to its ground's
    end, rests, then winds up and runs back, staying on its ground throughout."""
    columns = [bytearray(b"." * 11 + b"#" * 4) for _ in range(30)]
    for col in (17, 18, 19):
        columns[col][10] = ord("=")
    world = guarded_world(guard("charge", 200, ground=(100, 330)), columns)
    body, progress = world.spawn(300, 10 * 16 - 14), Progress()
    xs, states = [], []
    for _ in range(400):
        step(world, body, progress, NONE)
        xs.append(actor_box(world, progress, 0)[0])
        states.append(progress.charges[0][1])
    assert not progress.failed
    assert min(xs) >= 100 * SUB and max(xs) == (330 - 14) * SUB
    t = world.tuning
    runs = [(state, len(list(steps))) for state, steps in itertools.groupby(states)]
    assert [state for state, _ in runs] == [WINDUP, CHARGING, RESTING, CALM, WINDUP, CHARGING, RESTING, CALM]
    assert runs[0][1] == runs[4][1] == t.charge_windup and runs[2][1] == runs[6][1] == t.charge_rest
    # out: to its ground's end (short of its full length); back: its full length, then out of sight
    assert xs[sum(n for _, n in runs[:2])] == (330 - 14) * SUB  # the step it stops, and rests
    assert xs[-1] == (330 - 14) * SUB - t.charge_length * SUB


def test_a_bolt_flies_until_a_wall_or_the_first_foe() -> None:
    columns = [bytearray(b"." * 11 + b"#" * 4) for _ in range(30)]
    columns[20][10] = ord("#")
    tuning = Tuning(ranged=True)
    near = guard("patrol", 150)
    far = Entity(id="enemy-2", kind="enemy", name="Far", x=200, y=11 * 16 - 12, w=14, h=12, points=100)
    world = World(columns, 15, tuning, [Actor.of(near), Actor.of(far)], [near, far])
    body, progress = world.spawn(100, 11 * 16 - 14), Progress()
    step(world, body, progress, ACTION)
    assert body.swing == 0 and len(progress.bolts) == 1
    x0 = progress.bolts[0][0]
    step(world, body, progress, NONE)
    assert progress.bolts[0][0] == x0 + tuning.bolt_speed
    for _ in range(30):
        step(world, body, progress, NONE)
    assert progress.gone == 0b01 and progress.kills == 1 and not progress.bolts  # the first foe only
    for _ in range(tuning.attack_cooldown):
        step(world, body, progress, ACTION if _ % 2 else NONE)
    for _ in range(80):
        step(world, body, progress, NONE)
    assert progress.gone == 0b11 and not progress.bolts
    step(world, body, progress, ACTION)
    for _ in range(120):
        step(world, body, progress, NONE)
        assert all(x + tuning.bolt_size * SUB <= 20 * 16 * SUB for x, _, _ in progress.bolts)  # the wall stops it
    assert not progress.bolts


def test_ranged_solutions_defeat_enemies_with_bolts() -> None:
    """Somewhere over a handful of seeds the shipped solution of a ranged game shoots an enemy down."""
    shot_down = 0
    for seed in range(4):
        level = generate(plan(6, seed=seed, foes=BOARS, abilities=SHOOTING))
        world = World.from_level(level)
        body, progress = world.spawn(level.player.x, level.player.y), Progress()
        for mask in expand(level.solution.inputs):
            kills, grace = progress.kills, progress.grace
            step(world, body, progress, mask)
            stomped = progress.grace == world.tuning.stomp_grace and grace != world.tuning.stomp_grace
            if progress.kills > kills and not stomped:
                assert body.swing == 0
                shot_down += 1
        assert progress.done
    assert shot_down > 0
