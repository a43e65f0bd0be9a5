"""Top-down dungeon levels: rules, generator promises (keys before doors, boss room, hints) and proofs."""

import json
from collections import deque
from collections.abc import Iterable

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maestro.labyrinth.topdown import MAX_ROOMS, generate
from maestro.labyrinth.topdown_solver import key_order, soft_lock
from maestro.level import TILE, Entity, LevelFile, Point, Solution, load_schema
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rules.geometry import SUB
from maestro.rules.inputs import DOWN, NONE, RIGHT, UP, expand
from maestro.rules.topdown import TUNING, State, Tuning, World, replay, step
from maestro.spec import Behaviour, Genre, ItemKind

Cell = tuple[int, int]

FOES = (
    Foe("Beetle", Behaviour.PATROL),
    Foe("Bat", Behaviour.FLY),
    Foe("Wisp", Behaviour.WANDER),
    Foe("Hound", Behaviour.CHASE),
    Foe("Eye", Behaviour.TURRET),
)
PICKUPS = (Pickup("Gem", ItemKind.COLLECTIBLE, 50), Pickup("Potion", ItemKind.HEALTH, 5))
OGRE = Foe("Ogre", Behaviour.CHASE)


def make_plan(difficulty: int = 5, seed: int = 1234, index: int = 1, count: int = 3, **hints: object) -> LevelPlan:
    return LevelPlan(
        genre=Genre.TOPDOWN,
        index=index,
        count=count,
        name=f"Crypt {index}",
        difficulty=difficulty,
        seed=seed,
        foes=FOES,
        pickups=PICKUPS,
        lives=3,
        **hints,  # type: ignore[arg-type]
    )


def round_trip(level: LevelFile) -> LevelFile:
    return LevelFile.model_validate_json(level.to_json())


def hand_made(rows: list[str], start: Cell, entities: Iterable[Entity] = ()) -> LevelFile:
    """A small level drawn by hand, for testing the rules on their own."""
    return LevelFile(
        genre=Genre.TOPDOWN,
        index=1,
        name="Test",
        difficulty=1,
        seed=0,
        rules=TUNING.to_rules(),
        width=len(rows[0]),
        height=len(rows),
        rows=rows,
        player=Point(x=start[0] * TILE + 2, y=start[1] * TILE + 2),
        entities=list(entities),
        solution=Solution(inputs=[[NONE, 1]], steps=1),
        par=1,
    )


def thing(kind: str, cell: Cell, name: str = "Thing", ident: str = "", size: int = 10, points: int = 0) -> Entity:
    inset = (TILE - size) // 2
    return Entity(
        id=ident or f"{kind}-1",
        kind=kind,  # type: ignore[arg-type]
        name=name,
        x=cell[0] * TILE + inset,
        y=cell[1] * TILE + inset,
        w=size,
        h=size,
        points=points,
    )


def cells_of(level: LevelFile, char: str) -> list[Cell]:
    return [(col, row) for row, text in enumerate(level.rows) for col, c in enumerate(text) if c == char]


def entity_cell(entity: Entity) -> Cell:
    return (entity.x + entity.w // 2) // TILE, (entity.y + entity.h // 2) // TILE


def start_cell(level: LevelFile) -> Cell:
    return (level.player.x + 6) // TILE, (level.player.y + 6) // TILE


def flood(level: LevelFile, start: Cell, passable: set[str], walls: frozenset[Cell] = frozenset()) -> set[Cell]:
    seen = {start}
    queue = deque([start])
    while queue:
        col, row = queue.popleft()
        for nxt in ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1)):
            c, r = nxt
            if nxt in seen or nxt in walls or not (0 <= r < level.height and 0 <= c < level.width):
                continue
            if level.rows[r][c] in passable:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def rooms_of(level: LevelFile) -> list[set[Cell]]:
    """Rooms as the map shows them: floor cells that are not one-tile corridor cells, grouped."""

    def floor(col: int, row: int) -> bool:
        return 0 <= row < level.height and 0 <= col < level.width and level.rows[row][col] in ".XD"

    def corridor(col: int, row: int) -> bool:
        across = not floor(col - 1, row) and not floor(col + 1, row)
        along = not floor(col, row - 1) and not floor(col, row + 1)
        return across or along

    cells = {(c, r) for r in range(level.height) for c in range(level.width) if floor(c, r) and not corridor(c, r)}
    rooms: list[set[Cell]] = []
    while cells:
        first = min(cells)
        room = {first}
        queue = deque([first])
        while queue:
            col, row = queue.popleft()
            for nxt in ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1)):
                if nxt in cells and nxt not in room:
                    room.add(nxt)
                    queue.append(nxt)
        rooms.append(room)
        cells -= room
    return rooms


# --- proofs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("difficulty", [1, 5, 10])
def test_shipped_solution_completes_when_replayed_from_the_file_alone(difficulty: int) -> None:
    level = round_trip(generate(make_plan(difficulty, seed=700 + difficulty, boss=OGRE if difficulty == 10 else None)))
    outcome = replay(level)
    assert outcome.completed, outcome.reason
    assert outcome.steps == level.solution.steps == level.par
    assert outcome.lives_lost == 0
    assert outcome.stats["doors"] == level.stats["doors"]


def test_generation_is_deterministic() -> None:
    plan = make_plan(8, seed=99, boss=OGRE, enemies=7)
    assert generate(plan).to_json() == generate(plan).to_json()


def test_different_seeds_give_different_levels() -> None:
    assert generate(make_plan(seed=1)).rows != generate(make_plan(seed=2)).rows


def test_solution_moves_spell_the_inputs() -> None:
    level = generate(make_plan(6, seed=31))
    letters = {"U": UP, "D": DOWN, "L": 1, "R": RIGHT, ".": NONE}
    spelled = [letters[letter] for letter in level.solution.moves or "" for _ in range(TUNING.tile_steps)]
    assert spelled[: level.solution.steps] == list(expand(level.solution.inputs))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 0xFFFFFFFF), difficulty=st.integers(1, 10), boss=st.booleans())
def test_every_generated_level_is_solvable_and_schema_valid(seed: int, difficulty: int, boss: bool) -> None:
    level = generate(make_plan(difficulty, seed=seed, boss=OGRE if boss else None))
    jsonschema.validate(json.loads(level.to_json()), load_schema())
    outcome = replay(round_trip(level))
    assert outcome.completed, outcome.reason


# --- mutations that break a level are caught ------------------------------------------------------


def wall_off(level: LevelFile, cell: Cell) -> LevelFile:
    rows = [list(text) for text in level.rows]
    col, row = cell
    for c, r in ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1)):
        rows[r][c] = "#"
    return level.model_copy(update={"rows": ["".join(text) for text in rows]})


@pytest.mark.parametrize("seed", [3, 17, 256])
def test_walling_off_a_key_is_detected_by_replay_and_key_order(seed: int) -> None:
    level = generate(make_plan(7, seed=seed))
    assert key_order(level) is not None
    start = start_cell(level)
    keys = [entity_cell(entity) for entity in level.entities if entity.kind == "key"]
    key = next(cell for cell in keys if abs(cell[0] - start[0]) + abs(cell[1] - start[1]) > 1)
    broken = wall_off(level, key)
    outcome = replay(broken)
    assert not outcome.completed
    assert outcome.stats["doors"] < level.stats["doors"]
    assert key_order(broken) is None


def test_moving_a_key_into_solid_rock_is_detected() -> None:
    level = generate(make_plan(5, seed=40))
    first_key = next(i for i, entity in enumerate(level.entities) if entity.kind == "key")
    entities = list(level.entities)
    entities[first_key] = entities[first_key].model_copy(update={"x": 3, "y": 3})
    assert level.rows[0][0] in "# "
    broken = level.model_copy(update={"entities": entities})
    assert key_order(broken) is None
    assert not replay(broken).completed


def test_removing_a_key_leaves_a_door_that_cannot_be_opened() -> None:
    level = generate(make_plan(4, seed=5))
    first_key = next(i for i, entity in enumerate(level.entities) if entity.kind == "key")
    broken = level.model_copy(update={"entities": level.entities[:first_key] + level.entities[first_key + 1 :]})
    assert key_order(broken) is None
    outcome = replay(broken)
    assert not outcome.completed
    assert f"/{level.stats['doors']} doors opened" in outcome.reason


def test_an_enemy_standing_on_the_route_is_reported_by_name_and_step() -> None:
    level = generate(make_plan(3, seed=8))
    world = World.from_level(level)
    state = State.start(world)
    for mask in list(expand(level.solution.inputs))[:40]:
        step(world, state, mask)
    statue = Entity(id="enemy-99", kind="enemy", name="Statue", x=state.x // SUB, y=state.y // SUB, w=12, h=12)
    broken = level.model_copy(update={"entities": [*level.entities, statue]})
    outcome = replay(broken)
    assert not outcome.completed
    assert "touched Statue (enemy-99) at step" in outcome.reason
    assert outcome.steps <= 40


# --- keys, doors, boss, hints ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_key_is_always_reachable_before_its_door(seed: int) -> None:
    level = generate(make_plan(seed % 10 + 1, seed=seed * 101, rooms=4 + seed % 8))
    doors = cells_of(level, "D")
    keys = [entity_cell(entity) for entity in level.entities if entity.kind == "key"]
    assert len(doors) == len(keys) >= 1
    for door in doors:
        before = flood(level, start_cell(level), {".", "X", "D"}, walls=frozenset({door}))
        doors_before = sum(1 for other in doors if other in before)
        keys_before = sum(1 for key in keys if key in before)
        assert keys_before >= doors_before + 1, f"door {door} has no key in front of it"
    assert key_order(level) is not None


@pytest.mark.parametrize("seed", range(20))
def test_no_order_of_play_can_strand_the_player(seed: int) -> None:
    level = generate(make_plan(seed % 10 + 1, seed=seed * 31 + 7))
    assert soft_lock(level) is None


def test_key_order_lists_each_key_before_the_door_it_opens() -> None:
    level = generate(make_plan(10, seed=12))
    order = key_order(level)
    assert order is not None and order[-1] == "exit"
    held = 0
    for entry in order[:-1]:
        held += 1 if entry.startswith("key-") else -1
        assert held >= 0
    assert sum(1 for entry in order if entry.startswith("door@")) == len(cells_of(level, "D"))


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_boss_room_lies_before_the_exit(seed: int) -> None:
    level = generate(make_plan(6, seed=seed, boss=OGRE))
    bosses = [entity for entity in level.entities if entity.kind == "boss"]
    assert len(bosses) == 1
    boss = bosses[0]
    assert (boss.name, boss.behaviour, boss.w, boss.h) == ("Ogre", "chase", 24, 24)
    assert boss.motion is not None and TUNING.cycle % boss.motion.period == 0
    boss_room = next(room for room in rooms_of(level) if entity_cell(boss) in room)
    assert cells_of(level, "X")[0] in boss_room
    start_room = next(room for room in rooms_of(level) if start_cell(level) in room)
    assert start_room != boss_room
    assert level.stats["boss"] == 1


def test_a_level_without_a_boss_has_none() -> None:
    level = generate(make_plan(6, seed=9))
    assert not [entity for entity in level.entities if entity.kind == "boss"]
    assert level.stats["boss"] == 0


@pytest.mark.parametrize(("hint", "placed"), [(2, 2), (6, 6), (11, 11), (1, 2), (99, MAX_ROOMS)])
def test_rooms_hint_is_honoured_within_limits(hint: int, placed: int) -> None:
    level = generate(make_plan(5, seed=hint, rooms=hint))
    assert level.stats["rooms_requested"] == hint
    assert level.stats["rooms"] == placed
    assert len(rooms_of(level)) == placed


def test_enemy_hint_places_that_many_and_names_every_foe() -> None:
    level = generate(make_plan(5, seed=21, rooms=8, enemies=10))
    enemies = [entity for entity in level.entities if entity.kind == "enemy"]
    assert level.stats["enemies_requested"] == 10
    assert len(enemies) == level.stats["enemies"] == 10
    assert {enemy.name for enemy in enemies} == {foe.name for foe in FOES}
    behaviours = {foe.name: foe.behaviour.value for foe in FOES}
    assert all(enemy.behaviour == behaviours[enemy.name] for enemy in enemies)
    assert [enemy.id for enemy in enemies] == [f"enemy-{n}" for n in range(1, 11)]


def test_a_huge_enemy_hint_is_clamped_and_recorded() -> None:
    level = generate(make_plan(5, seed=4, rooms=3, enemies=99))
    assert level.stats["enemies_requested"] == 99
    assert 0 < level.stats["enemies"] <= 6


def test_enemies_move_on_periods_dividing_one_cycle() -> None:
    level = generate(make_plan(10, seed=77, enemies=12, boss=OGRE))
    for entity in level.entities:
        if entity.kind in ("enemy", "boss") and entity.motion is not None:
            assert TUNING.cycle % entity.motion.period == 0
        if entity.behaviour == "turret":
            assert entity.motion is None or entity.motion.mode == "pingpong"


def test_more_difficulty_means_more_doors_rooms_and_enemies() -> None:
    easy = [generate(make_plan(1, seed=seed)) for seed in range(5)]
    hard = [generate(make_plan(10, seed=seed)) for seed in range(5)]
    for stat in ("doors", "rooms", "enemies"):
        assert sum(level.stats[stat] for level in hard) > sum(level.stats[stat] for level in easy)


def test_pickups_are_named_from_the_plan_and_keys_are_keys() -> None:
    level = generate(make_plan(6, seed=10))
    items = [entity for entity in level.entities if entity.kind == "item"]
    assert items and {item.name for item in items} <= {"Gem", "Potion"}
    assert all(item.points in (50, 5, 3 * 50) for item in items)  # a treasure room's hoard is worth three times
    keys = [entity for entity in level.entities if entity.kind == "key"]
    assert keys and all(key.name == "Key" for key in keys)
    assert len({entity.id for entity in level.entities}) == len(level.entities)


def test_a_plan_without_foes_or_pickups_still_gives_a_proven_level() -> None:
    plan = LevelPlan(genre=Genre.TOPDOWN, index=1, count=1, name="Bare", difficulty=4, seed=5)
    level = generate(plan)
    assert replay(level).completed


def test_lives_travel_in_the_rules() -> None:
    level = generate(make_plan(2, seed=3))
    assert Tuning.from_rules(level.rules).lives == 3
    assert level.rules["speed"] * TUNING.tile_steps == level.rules["tile"]


# --- the rules on hand-made maps ------------------------------------------------------------------

CORRIDOR = ["#######", "#..D.X#", "#######"]


def test_a_locked_door_stops_a_player_without_a_key() -> None:
    outcome = replay(hand_made(CORRIDOR, (1, 1)), [[RIGHT, 80]])
    assert not outcome.completed
    assert "0/1 doors opened" in outcome.reason


def test_a_key_opens_the_door_and_is_used_up() -> None:
    level = hand_made(CORRIDOR, (1, 1), [thing("key", (2, 1), "Key")])
    outcome = replay(level, [[RIGHT, 80]])
    assert outcome.completed, outcome.reason
    assert outcome.stats["keys"] == 1 and outcome.stats["doors"] == 1
    centre_to_exit = 5 * TILE - (1 * TILE + 2 + 6)
    assert outcome.steps == centre_to_exit // 2


def test_items_add_their_points() -> None:
    level = hand_made(["######", "#...X#", "######"], (1, 1), [thing("item", (2, 1), "Gem", points=50)])
    outcome = replay(level, [[RIGHT, 80]])
    assert outcome.completed and outcome.score == 50


def test_up_wins_over_right_when_both_are_held() -> None:
    world = World.from_level(hand_made(["#####", "#...#", "#...#", "#####"], (1, 2)))
    state = State.start(world)
    for _ in range(TUNING.tile_steps):
        step(world, state, UP | RIGHT)
    assert (state.x, state.y) == (world.spawn_x, world.spawn_y - TILE * SUB)


def test_corner_assist_slides_a_slightly_off_line_player_into_a_corridor() -> None:
    level = hand_made(["#####", "#...#", "##.##", "##.##", "#####"], (2, 1))
    world = World.from_level(level)
    state = State.start(world)
    state.x += 4 * SUB
    for _ in range(40):
        step(world, state, DOWN)
    assert state.cell(world.tuning) == (2, 3)


def test_strict_replay_fails_on_the_first_touch_naming_the_enemy() -> None:
    level = hand_made(["#########", "#......X#", "#########"], (1, 1), [thing("enemy", (4, 1), "Statue", size=12)])
    outcome = replay(level, [[RIGHT, 200]])
    assert not outcome.completed
    assert outcome.reason.startswith("touched Statue (enemy-1) at step ")
    assert outcome.lives_lost == 1


def test_lenient_replay_takes_a_life_respawns_and_lets_the_player_through() -> None:
    level = hand_made(["#########", "#......X#", "#########"], (1, 1), [thing("enemy", (4, 1), "Statue", size=12)])
    outcome = replay(level, [[RIGHT, 200]], strict=False)
    assert outcome.completed, outcome.reason
    assert outcome.lives_lost == 1


def test_losing_every_life_ends_the_game() -> None:
    level = hand_made(["#########", "#......X#", "#########"], (1, 1), [thing("enemy", (2, 1), "Statue", size=12)])
    level.rules["hit_invulnerable"] = 1
    outcome = replay(level, [[RIGHT, 400]], strict=False)
    assert not outcome.completed
    assert outcome.reason.startswith("lost all 3 lives: touched Statue")
    assert outcome.lives_lost == 3


# --- rooms with a purpose ------------------------------------------------------------------------


def _tile(x: int, y: int, size: int) -> Cell:
    return (x + size // 2) // TILE, (y + size // 2) // TILE


def _walked(level: LevelFile) -> set[Cell]:
    """Tiles the player's centre passes over along the shipped solution."""
    world = World.from_level(level)
    state = State.start(world)
    seen = set()
    for mask in expand(level.solution.inputs):
        step(world, state, mask)
        seen.add(_tile(state.x // SUB, state.y // SUB, world.tuning.player_w // SUB))
    return seen


@pytest.mark.parametrize("seed", range(1, 7))
def test_from_level_two_a_guarded_treasure_room_lies_off_the_way(seed: int) -> None:
    level = generate(make_plan(difficulty=4, seed=seed, index=2))
    hoard = [e for e in level.entities if e.kind == "item" and e.points == 3 * 50]
    assert len(hoard) >= 2, "no hoard of the GDD's best collectible"
    cells = {_tile(e.x, e.y, e.w) for e in hoard}
    cols, rows = [c for c, _ in cells], [r for _, r in cells]
    assert max(cols) - min(cols) < 9 and max(rows) - min(rows) < 7, "the hoard is spread over several rooms"
    assert not cells & _walked(level), "the way to the exit runs through the treasure"
    guards = [e for e in level.entities if e.kind == "enemy"]
    posts = [_tile(p.x, p.y, e.w) for e in guards for p in (e.motion.path if e.motion else [Point(x=e.x, y=e.y)])]
    near = [post for post in posts if min(abs(post[0] - c) + abs(post[1] - r) for c, r in cells) <= 3]
    assert near or len(guards) < 2, "the treasure room has no guard"


def test_a_turret_in_the_cast_fires_down_a_corridor_the_player_must_run() -> None:
    traps = 0
    for seed in range(1, 9):
        level = generate(make_plan(difficulty=5, seed=seed, index=3, enemies=5))
        lone = [e for e in level.entities if e.behaviour == "turret" and e.params.get("dirs") in (1, 2, 4, 8)]
        assert len(lone) <= 1
        traps += len(lone)
        for trap in lone:
            col, row = _tile(trap.x, trap.y, trap.w)
            dx, dy = {1: (0, -1), 2: (0, 1), 4: (-1, 0), 8: (1, 0)}[trap.params["dirs"]]
            lane = []
            while level.rows[row + dy][col + dx] != "#":
                col, row = col + dx, row + dy
                lane.append((col, row))
            # A corridor tile: walls on both sides across the line of fire.
            corridor = [(c, r) for c, r in lane
                        if level.rows[r + dx][c + dy] == "#" and level.rows[r - dx][c - dy] == "#"]
            assert len(corridor) >= 2, f"seed {seed}: the turret's line of fire {lane} covers no corridor"
            assert set(corridor) & _walked(level), f"seed {seed}: the way to the exit avoids the trap corridor"
    assert traps >= 5, f"only {traps} of 8 levels have a trap corridor"
