"""Runner levels: the rules model, the generator's promises, and that every level is proven."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maestro.labyrinth import runner as runner_generator
from maestro.labyrinth.difficulty import runner_obstacles
from maestro.labyrinth.runner import GROUND_ROW, GY, generate
from maestro.labyrinth.runner_solver import Clock, Target, airtime, clear, full_hold
from maestro.level import TILE, Entity, LevelFile, Point, Solution, load_schema
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rules.geometry import SUB
from maestro.rules.inputs import DOWN, JUMP, NONE, UP, Script, compress, expand
from maestro.rules.runner import TUNING, State, Tuning, World, advance, replay
from maestro.spec import Behaviour, Genre, ItemKind

FOES = (Foe("Beetle", Behaviour.PATROL), Foe("Bat", Behaviour.SWOOP), Foe("Wasp", Behaviour.FLY))


def plan(difficulty: int = 5, seed: int = 7, index: int = 1, count: int = 3, **hints: object) -> LevelPlan:
    return LevelPlan(genre=Genre.RUNNER, index=index, count=count, name=f"Run {index}", difficulty=difficulty,
                     seed=seed, foes=FOES, pickups=(Pickup("Gem", ItemKind.COLLECTIBLE, 5),), **hints)  # type: ignore[arg-type]


def roundtrip(level: LevelFile) -> LevelFile:
    return LevelFile.model_validate_json(level.to_json())


def strip(columns: str, entities: tuple[Entity, ...] = (), tuning: Tuning = TUNING) -> LevelFile:
    """A hand-made course, one character per column: ``_`` ground, ``-`` gap, ``^`` one tile higher, ``G`` goal."""
    tops = {"_": GROUND_ROW, "G": GROUND_ROW, "^": GROUND_ROW - 1, "-": 12}
    rows = []
    for r in range(12):
        row = ""
        for char in columns:
            top = tops[char]
            row += "#" if r >= top else ("G" if char == "G" else ".")
        rows.append(row)
    return LevelFile(genre=Genre.RUNNER, index=1, name="strip", difficulty=1, seed=0, rules=tuning.to_rules(),
                     width=len(columns), height=12, rows=rows, player=Point(x=32, y=GY - 24),
                     entities=list(entities), solution=Solution(inputs=[[NONE, 1]], steps=1), par=1)


def bar(x: int, w: int = 32) -> Entity:
    return Entity(id="obstacle-1", kind="obstacle", name="Bar", x=x, y=0, w=w, h=GY - 18)


def step_of(level: LevelFile, x_px: int) -> int:
    """First step after which the runner's left edge is at ``x_px`` or beyond (inputs never change it)."""
    world = World(level)
    state = world.start()
    while state.x < x_px * SUB:
        advance(world, state, iter(()), until_step=state.step + 1)
    return state.step - 1


def heights(level: LevelFile, script: Script, steps: int) -> list[int]:
    world = World(level)
    state = world.start()
    masks = expand(script)
    feet = []
    for _ in range(steps):
        advance(world, state, masks, until_step=state.step + 1)
        feet.append(state.feet)
    return feet


def without(script: Script, bit: int) -> Script:
    return compress(mask & ~bit for mask in expand(script))


# --- the rules model -------------------------------------------------------------------------------------------


def test_the_run_speed_rises_over_a_long_level() -> None:
    level = generate(plan(difficulty=10))
    outcome = replay(roundtrip(level))
    assert outcome.completed
    assert outcome.stats["speed_end"] > outcome.stats["speed_start"]
    tuning = Tuning.from_rules(level.rules)
    assert tuning.speed_at(level.solution.steps) > tuning.speed_at(0)
    assert tuning.speed_at(10**6) == tuning.run_speed_max


def test_a_tapped_jump_is_lower_than_a_held_one() -> None:
    level = strip("_" * 80 + "G___")
    held = min(heights(level, [[NONE, 5], [JUMP, 20]], 60))
    tapped = min(heights(level, [[NONE, 5], [JUMP, 2]], 60))
    ground = GY * SUB
    assert ground - held > 2 * (ground - tapped) > 0


def test_up_jumps_like_jump_but_holding_does_not_jump_again() -> None:
    level = strip("_" * 80 + "G___")
    assert heights(level, [[NONE, 5], [UP, 20]], 60) == heights(level, [[NONE, 5], [JUMP, 20]], 60)
    held_long = heights(level, [[NONE, 5], [JUMP, 80]], 80)
    assert held_long[-1] == GY * SUB  # landed and stayed down: no repeat while the key stays held


def test_coyote_time_allows_a_late_jump_off_an_edge_but_not_a_later_one() -> None:
    level = strip("_" * 20 + "---" + "_" * 40 + "G___")
    leave = step_of(level, 20 * TILE)
    coyote = TUNING.coyote
    late = replay(level, [[NONE, leave + coyote], [JUMP, 12]])
    too_late = replay(level, [[NONE, leave + coyote + 1], [JUMP, 12]])
    assert late.completed, late.reason
    assert not too_late.completed
    assert "gap" in too_late.reason or "wall" in too_late.reason


def test_running_into_a_raised_step_is_a_wall() -> None:
    level = strip("_" * 20 + "^" * 10 + "_" * 20 + "G___")
    outcome = replay(level, [])
    assert not outcome.completed
    assert outcome.reason.startswith(f"hit a wall at x={20 * TILE} px")


def test_jumping_onto_a_raised_step_clears_it() -> None:
    level = strip("_" * 20 + "^" * 10 + "_" * 20 + "G___")
    arrive = step_of(level, 20 * TILE - 12)
    assert any(replay(level, [[NONE, arrive - lead], [JUMP, 12]]).completed for lead in range(1, 30))


def test_falling_into_a_gap_says_where() -> None:
    outcome = replay(strip("_" * 20 + "-" * 8 + "_" * 20 + "G___"), [])
    assert not outcome.completed
    assert outcome.reason.startswith(f"fell into the gap at x={20 * TILE} px")


def test_ducking_passes_under_a_bar_and_standing_does_not() -> None:
    level = strip("_" * 40 + "G___", (bar(20 * TILE),))
    enter = step_of(level, 20 * TILE - 12)
    leave = step_of(level, 22 * TILE)
    assert replay(level, [[NONE, enter - 3], [DOWN, leave - enter + 5]]).completed
    standing = replay(level, [])
    assert not standing.completed
    assert standing.reason.startswith("touched Bar")


def test_no_jump_clears_a_duck_bar() -> None:
    level = strip("_" * 40 + "G___", (bar(20 * TILE),))
    enter = step_of(level, 20 * TILE - 12)
    for press in range(max(0, enter - 40), enter + 2):
        for hold in (2, 6, 12):
            assert not replay(level, [[NONE, press], [JUMP, hold]]).completed


def test_the_solver_stays_down_through_two_bars_a_tile_apart() -> None:
    level = strip("_" * 40 + "G___", (bar(20 * TILE), bar(23 * TILE, TILE)))
    world = World(level)
    clock, state = Clock(world.tuning, world.start_x), world.start()
    first = clear(world, clock, state, Target(20 * TILE, 22 * TILE, 22 * TILE, "duck"))
    assert first is not None
    second = clear(world, clock, first.state, Target(23 * TILE, 24 * TILE, 24 * TILE, "duck"))
    assert second is not None
    assert replay(level, compress(first.masks + second.masks)).completed


def test_courses_hold_more_obstacles_in_their_second_half() -> None:
    denser = 0
    for difficulty in (1, 4, 7, 10):
        for seed in range(4):
            level = generate(plan(difficulty=difficulty, seed=seed))
            half = level.width * TILE // 2
            xs = [x for x, _ in runner_obstacles(level)]
            denser += sum(1 for x in xs if x >= half) > sum(1 for x in xs if x < half)
    assert denser >= 13, f"only {denser} of 16 courses are denser in their second half"


def test_a_step_up_and_a_gap_count_as_obstacles() -> None:
    level = strip("_" * 10 + "^^^^" + "_" * 6 + "---" + "_" * 10 + "G___")
    assert runner_obstacles(level) == [(10 * TILE, "step"), (20 * TILE, "gap")]


def test_touching_an_enemy_names_it_and_the_step() -> None:
    crab = Entity(id="enemy-1", kind="enemy", name="Crab", x=20 * TILE, y=GY - 16, w=16, h=16)
    outcome = replay(strip("_" * 40 + "G___", (crab,)), [])
    assert not outcome.completed
    assert outcome.reason.startswith("touched Crab at step ")
    assert outcome.lives_lost == 1


def test_items_on_the_run_line_are_collected_once_for_their_points() -> None:
    gems = tuple(Entity(id=f"item-{k}", kind="item", name="Gem", x=(10 + 3 * k) * TILE, y=GY - 20, w=12, h=12,
                        points=7) for k in range(3))
    outcome = replay(strip("_" * 30 + "G___", gems), [])
    assert outcome.completed
    assert outcome.score == 21
    assert outcome.stats["items"] == 3


def test_a_level_missing_a_rule_constant_cannot_be_replayed() -> None:
    level = generate(plan(difficulty=1))
    rules = dict(level.rules)
    del rules["gravity"]
    outcome = replay(level.model_copy(update={"rules": rules}))
    assert not outcome.completed
    assert "gravity" in outcome.reason


def test_the_rules_come_from_the_level_file_not_the_module() -> None:
    floaty = replace(TUNING, gravity=40)
    level = strip("_" * 80 + "G___", tuning=floaty)
    assert min(heights(level, [[NONE, 5], [JUMP, 20]], 60)) < min(heights(strip("_" * 80 + "G___"),
                                                                         [[NONE, 5], [JUMP, 20]], 60))


def test_idle_state_copy_is_independent() -> None:
    state = State(x=5)
    other = state.copy()
    other.x = 9
    assert state.x == 5


# --- the generator ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", [1, 5, 10])
def test_the_shipped_solution_completes_from_the_level_file_alone(difficulty: int) -> None:
    level = roundtrip(generate(plan(difficulty=difficulty, index=1 + difficulty // 5)))
    outcome = replay(level)
    assert outcome.completed, outcome.reason
    assert outcome.steps == level.solution.steps == level.par


def test_generation_is_deterministic() -> None:
    assert generate(plan(difficulty=6, seed=99)).to_json() == generate(plan(difficulty=6, seed=99)).to_json()
    assert generate(plan(difficulty=6, seed=99)).to_json() != generate(plan(difficulty=6, seed=100)).to_json()


def _first_gap(level: LevelFile) -> int:
    return level.rows[GROUND_ROW].index(".")


def test_widening_a_gap_beyond_the_jump_distance_is_detected() -> None:
    level = roundtrip(generate(plan(difficulty=3, seed=11)))
    start = _first_gap(level)
    tuning = Tuning.from_rules(level.rules)
    arrive = step_of(level, start * TILE)
    reach = airtime(tuning, full_hold(tuning)) * tuning.speed_at(arrive + 40) // SUB + tuning.player_w // SUB
    wide_end = start + reach // TILE + 3
    rows = [row[:start] + "." * (wide_end - start) + row[wide_end:] for row in level.rows]
    widened = level.model_copy(update={"rows": rows})
    outcome = replay(widened)
    assert not outcome.completed
    assert "gap" in outcome.reason or "wall" in outcome.reason
    for press in range(arrive - 30, arrive + TUNING.coyote + 1):
        assert not replay(widened, [[NONE, press], [JUMP, 30]]).completed


def test_growing_a_crate_too_tall_to_jump_is_detected() -> None:
    level = roundtrip(generate(plan(difficulty=4, seed=5, crates=3)))
    crate = next(entity for entity in level.entities if entity.name == "Crate")
    entities = [entity.model_copy(update={"y": GY - 80, "h": 80}) if entity is crate else entity
                for entity in level.entities]
    outcome = replay(level.model_copy(update={"entities": entities}))
    assert not outcome.completed
    assert outcome.reason.startswith("touched Crate")


def test_a_level_with_a_bar_fails_without_its_duck_inputs() -> None:
    level = roundtrip(generate(plan(difficulty=9, seed=3)))
    assert any(entity.name == "Bar" for entity in level.entities)
    outcome = replay(level, without(level.solution.inputs, DOWN))
    assert not outcome.completed
    assert outcome.reason.startswith("touched ")


@pytest.mark.parametrize("difficulty", [1, 5, 10])
def test_an_idle_player_fails_every_level_with_an_obstacle(difficulty: int) -> None:
    for seed in range(6):
        level = generate(plan(difficulty=difficulty, seed=seed))
        if any(entity.kind == "obstacle" for entity in level.entities):
            assert not replay(level, []).completed


def test_courses_last_thirty_to_sixty_seconds_growing_with_difficulty() -> None:
    steps = [generate(plan(difficulty=d, seed=21)).solution.steps for d in (1, 5, 10)]
    assert steps == sorted(steps)
    assert steps[0] >= 25 * 60
    assert steps[-1] <= 66 * 60


def test_harder_levels_have_wider_gaps_and_more_bars_and_enemies() -> None:
    def summary(difficulty: int) -> tuple[int, int, int]:
        widest = bars = enemies = 0
        for seed in range(8):
            level = generate(plan(difficulty=difficulty, seed=seed))
            run = 0
            for char in level.rows[GROUND_ROW]:
                run = run + 1 if char == "." else 0
                widest = max(widest, run)
            bars += level.stats["bars"]
            enemies += level.stats["enemies_placed"]
        return widest, bars, enemies

    easy, hard = summary(1), summary(10)
    assert hard[0] > easy[0]
    assert hard[1] > easy[1]
    assert hard[2] > easy[2]


def test_the_enemy_hint_wins_and_is_clamped() -> None:
    five = generate(plan(difficulty=2, enemies=5))
    assert five.stats["enemies_requested"] == 5
    assert five.stats["enemies_placed"] == sum(1 for entity in five.entities if entity.kind == "enemy") == 5
    none = generate(plan(difficulty=9, enemies=0))
    assert not [entity for entity in none.entities if entity.kind == "enemy"]
    many = generate(plan(difficulty=5, enemies=99))
    assert many.stats["enemies_requested"] == 99
    assert 10 <= many.stats["enemies_placed"] <= 40
    assert replay(many).completed


def test_the_crate_hint_wins() -> None:
    level = generate(plan(difficulty=3, crates=4))
    assert level.stats["crates_requested"] == 4
    assert sum(1 for entity in level.entities if entity.name == "Crate") == level.stats["crates_placed"] == 4


def test_every_named_enemy_appears() -> None:
    level = generate(plan(difficulty=6, enemies=9))
    names = {entity.name for entity in level.entities if entity.kind == "enemy"}
    assert names == {foe.name for foe in FOES}
    bat = next(entity for entity in level.entities if entity.name == "Bat")
    assert bat.motion is not None and bat.behaviour == "swoop"


def test_the_boss_swoops_before_the_finish() -> None:
    level = generate(plan(difficulty=8, boss=Foe("Storm King", Behaviour.SWOOP)))
    bosses = [entity for entity in level.entities if entity.kind == "boss"]
    assert [boss.name for boss in bosses] == ["Storm King"]
    goal = level.rows[0].index("G") * TILE
    others = [entity.x for entity in level.entities if entity.kind in ("enemy", "obstacle")]
    assert max(others) < bosses[0].x < goal
    assert replay(level).completed


def test_pickups_and_ids_follow_the_plan() -> None:
    level = generate(plan(difficulty=5))
    items = [entity for entity in level.entities if entity.kind == "item"]
    assert items and {item.name for item in items} == {"Gem"} and all(item.points == 5 for item in items)
    ids = [entity.id for entity in level.entities]
    assert len(ids) == len(set(ids))
    assert all(0 <= entity.x < level.width * TILE and 0 <= entity.y < level.height * TILE for entity in level.entities)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), difficulty=st.integers(1, 10), index=st.integers(1, 20),
       enemies=st.one_of(st.none(), st.integers(0, 99)), crates=st.one_of(st.none(), st.integers(0, 99)),
       boss=st.booleans())
def test_every_generated_level_is_solvable_and_schema_valid(seed: int, difficulty: int, index: int,
                                                             enemies: int | None, crates: int | None,
                                                             boss: bool) -> None:
    level = generate(plan(difficulty=difficulty, seed=seed, index=index, count=20, enemies=enemies, crates=crates,
                          boss=Foe("Boss", Behaviour.HOP) if boss else None))
    jsonschema.validate(json.loads(level.to_json()), load_schema())
    outcome = replay(roundtrip(level))
    assert outcome.completed, outcome.reason


def test_features_the_solver_cannot_clear_are_eased_away_and_the_level_still_verifies(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_generator, "clear", lambda *args: None)
    level = generate(plan(difficulty=7, boss=Foe("Boss", Behaviour.SWOOP)))
    assert level.stats["repairs"] > 0
    assert not [entity for entity in level.entities if entity.kind in ("obstacle", "enemy", "boss")]
    assert replay(roundtrip(level)).completed


def test_when_every_attempt_fails_a_plain_course_keeps_the_boss_out_of_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_generator, "_build", lambda *args: None)
    level = generate(plan(difficulty=10, boss=Foe("Boss", Behaviour.SWOOP)))
    assert level.stats["fallback"] == 1
    assert [entity.name for entity in level.entities if entity.kind == "boss"] == ["Boss"]
    assert replay(roundtrip(level)).completed
