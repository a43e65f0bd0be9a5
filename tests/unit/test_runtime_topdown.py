"""The runtime's top-down module (maestro/runtime/genres/topdown.js) against the Python rules model.

Each case writes a level file, replays a script through ``node tests/js/topdown_trace.js`` and
through :mod:`maestro.rules.topdown`, and compares the player's sub-pixel position and every
body's position and hp after every step, the step count, the score, the kills and whether the
level was completed or failed.

The runtime ends an attempt on the first hit (the engine owns lives), as the strict replay does.
The Python side therefore steps a world whose ``lives`` is 1: the first hit is then the last, and
the player is left where the hit happened instead of being sent back to the start, which is what
the runtime shows. Its outcome is also checked against :func:`maestro.rules.topdown.replay`.
"""

import dataclasses
import itertools
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from maestro.labyrinth.topdown import generate
from maestro.level import TILE, Entity, LevelFile, Motion, Point, Solution
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, DOWN, JUMP, LEFT, NONE, RIGHT, UP, Script, expand
from maestro.rules.topdown import TUNING, State, World, body_at, replay, step
from maestro.rules.topdown import shots as topdown_shots
from maestro.spec import Genre
from tests.unit.test_labyrinth_topdown import OGRE, make_plan

ROOT = Path(__file__).resolve().parents[2]
TRACE = ROOT / "tests" / "js" / "topdown_trace.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.usefixtures("node")

#: (difficulty, seed, boss, hints): every difficulty, bosses, room and enemy hints.
PLANS: list[tuple[int, int, bool, dict[str, int]]] = [
    (1, 701, False, {}),
    (2, 3, False, {}),
    (3, 8, False, {}),
    (4, 5, False, {"rooms": 2}),
    (5, 40, False, {"rooms": 11}),
    (5, 21, False, {"rooms": 8, "enemies": 10}),
    (6, 1, True, {}),
    (6, 31, False, {}),
    (7, 256, False, {}),
    (8, 99, True, {"enemies": 7}),
    (9, 4242, True, {"rooms": 6}),
    (10, 12, False, {}),
    (10, 77, True, {"enemies": 12}),
    (10, 710, True, {}),
]


def plan_level(difficulty: int, seed: int, boss: bool, hints: dict[str, int]) -> LevelFile:
    return generate(make_plan(difficulty, seed=seed, boss=OGRE if boss else None, **hints))


def run_js(tmp_path: Path, level: LevelFile, inputs: Script | None = None) -> dict[str, Any]:
    """``topdown_trace.js``'s verdict: positions and bodies after each step, done, failed, steps, score."""
    level_file = tmp_path / f"level-{level.index}-{level.seed}.json"
    level_file.write_bytes(level.to_json())
    command = [str(NODE), str(TRACE), str(level_file)]
    if inputs is not None:
        inputs_file = tmp_path / "inputs.json"
        inputs_file.write_text(json.dumps(inputs))
        command.append(str(inputs_file))
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run_python(level: LevelFile, inputs: Script | None = None) -> dict[str, Any]:
    """The same verdict from the rules model, stopping where ``topdown_trace.js`` stops."""
    world = World.from_level(level)
    world = dataclasses.replace(world, tuning=dataclasses.replace(world.tuning, lives=1))
    state = State.start(world)
    positions: list[list[int]] = []
    bodies: list[list[list[int]]] = []
    shots: list[list[list[int]]] = []
    failed = ""
    for mask in expand(level.solution.inputs if inputs is None else inputs):
        step(world, state, mask)
        positions.append([state.x, state.y])
        bodies.append([[*body_at(world, state, i), state.hp[i]] for i in range(len(world.bodies))])
        shots.append([list(shot) for shot in topdown_shots(world, state)] + [["bolt", *bolt] for bolt in state.bolts])
        if state.hit >= 0:
            failed = "touched " + world.bodies[state.hit].name
            break
        if state.complete:
            break
    outcome = replay(level, inputs)
    assert outcome.steps == state.t and outcome.score == state.score
    assert outcome.completed == state.complete
    if failed:
        assert outcome.reason.startswith(failed + " (")
    return {
        "positions": positions,
        "bodies": bodies,
        "shots": shots,
        "kills": state.kills,
        "done": state.complete,
        "failed": failed,
        "steps": state.t,
        "score": state.score,
        "doors": state.doors_opened,
        "keys": state.keys_taken,
        "items": state.items_taken,
    }


def assert_same(js: dict[str, Any], py: dict[str, Any]) -> None:
    for index, (a, b) in enumerate(zip(js["positions"], py["positions"], strict=False)):
        assert a == b, f"step {index + 1}: runtime at {a}, rules model at {b}"
    assert len(js["positions"]) == len(py["positions"])
    for index, (a, b) in enumerate(zip(js["bodies"], py["bodies"], strict=True)):
        assert a == b, f"step {index + 1}: runtime bodies (x, y, hp) {a}, rules model {b}"
    for index, (a, b) in enumerate(zip(js["shots"], py["shots"], strict=True)):
        assert a == b, f"step {index + 1}: runtime shots (x, y, size, turret) and bolts {a}, rules model {b}"
    for key in ("done", "failed", "steps", "score", "kills"):
        assert js[key] == py[key], key


def random_script(rng: random.Random, steps: int) -> Script:
    """Runs of random masks: single directions mostly, some chords and buttons the genre ignores."""
    masks = [UP, DOWN, LEFT, RIGHT, NONE, UP | RIGHT, DOWN | LEFT, LEFT | RIGHT, UP | DOWN, LEFT | JUMP, ACTION]
    script: Script = []
    while sum(n for _, n in script) < steps:
        script.append([rng.choice(masks), rng.randint(1, 40)])
    return script


def detour(rng: random.Random, solution: Script) -> Script:
    """The solution with random waits and extra held buttons: the same route at other times."""
    script: Script = []
    for mask, steps in solution:
        if rng.random() < 0.3:
            script.append([NONE, rng.randint(1, 60)])
        extra = rng.choice([0, 0, 0, JUMP, ACTION, LEFT | RIGHT if mask in (UP, DOWN) else 0])
        script.append([mask | extra, steps])
    return script


# --- the shipped solutions ------------------------------------------------------------------------


@pytest.mark.parametrize(("difficulty", "seed", "boss", "hints"), PLANS)
def test_solution_replays_identically(
    tmp_path: Path, difficulty: int, seed: int, boss: bool, hints: dict[str, int]
) -> None:
    level = plan_level(difficulty, seed, boss, hints)
    js, py = run_js(tmp_path, level), run_python(level)
    assert_same(js, py)
    assert js["done"] and js["steps"] == level.solution.steps


# --- scripts that bump into walls, doors and enemies ------------------------------------------------


@pytest.mark.parametrize(("difficulty", "seed", "boss", "hints"), PLANS[::2])
def test_random_scripts_agree(tmp_path: Path, difficulty: int, seed: int, boss: bool, hints: dict[str, int]) -> None:
    level = plan_level(difficulty, seed, boss, hints)
    rng = random.Random(seed * 31 + difficulty)
    for _ in range(3):
        script = random_script(rng, 900)
        assert_same(run_js(tmp_path, level, script), run_python(level, script))


def test_detours_from_the_solution_meet_enemies_and_open_doors(tmp_path: Path) -> None:
    """Late or chorded replays of real routes: keys, doors, items and hits all happen somewhere."""
    seen = {"hit": 0, "done": 0, "doors": 0, "items": 0}
    for difficulty, seed, boss, hints in PLANS:
        level = plan_level(difficulty, seed, boss, hints)
        rng = random.Random(seed)
        for _ in range(3):
            script = detour(rng, level.solution.inputs)
            py = run_python(level, script)
            assert_same(run_js(tmp_path, level, script), py)
            seen["hit"] += py["failed"] != ""
            seen["done"] += py["done"]
            seen["doors"] += py["doors"]
            seen["items"] += py["items"]
    assert all(seen.values()), seen


# --- hand-made maps and odd constants ---------------------------------------------------------------


def hand_made(rows: list[str], start: tuple[int, int], entities: list[Entity], **rules: object) -> LevelFile:
    return LevelFile(
        genre=Genre.TOPDOWN,
        index=1,
        name="Test",
        difficulty=1,
        seed=0,
        rules={**TUNING.to_rules(), **rules},
        width=max(len(row) for row in rows),
        height=len(rows),
        rows=rows,
        player=Point(x=start[0] * TILE + 2, y=start[1] * TILE + 2),
        entities=entities,
        solution=Solution(inputs=[[NONE, 1]], steps=1),
        par=1,
    )


def box(kind: str, cell: tuple[int, int], name: str, size: int = 10, points: int = 0, **extra: Any) -> Entity:
    inset = (TILE - size) // 2
    return Entity(
        id=f"{kind}-{cell[0]}-{cell[1]}",
        kind=kind,
        name=name,
        x=cell[0] * TILE + inset,
        y=cell[1] * TILE + inset,
        w=size,
        h=size,
        points=points,
        **extra,
    )


DUNGEON = [
    "##########",
    "#....#...#",
    "#.##.D.#.#",
    "#..#...#X#",
    "##.###.#.#",
    "#......D.#",
    "#####.####",
    "    #.#   ",
    "    ###",  # short row: padded with void, as the rules model does
]


def dungeon(**rules: object) -> LevelFile:
    bat = Motion(path=[Point(x=18, y=82), Point(x=98, y=82)], period=96, mode="pingpong", offset=7)
    wisp = Motion(path=[Point(x=98, y=18), Point(x=130, y=18), Point(x=130, y=50)], period=60, mode="loop")
    entities = [
        box("item", (1, 1), "Gem", points=50),
        box("key", (4, 1), "Key"),
        box("key", (2, 3), "Key"),
        box("enemy", (1, 5), "Bat", size=12, motion=bat),
        box("hazard", (6, 1), "Wisp", size=12, motion=wisp),
        box("crate", (3, 1), "Crate"),
        box("item", (5, 7), "Coin", points=7),
        box("boss", (6, 4), "Ogre", size=14),
    ]
    return hand_made(DUNGEON, (1, 1), entities, **rules)


@pytest.mark.parametrize(
    "rules",
    [
        {},
        {"speed": 333, "corner_assist": 3 * SUB},
        {"player_w": 10 * SUB, "player_h": 14 * SUB, "speed": 3 * SUB, "corner_assist": 8 * SUB},
        {"input_priority": [RIGHT, LEFT, DOWN, UP]},
        {"input_priority": [JUMP, LEFT, UP]},
    ],
)
def test_hand_made_dungeon_with_other_constants_agrees(tmp_path: Path, rules: dict[str, object]) -> None:
    level = dungeon(**rules)
    rng = random.Random(len(json.dumps(rules)))
    for _ in range(12):
        script = random_script(rng, 700)
        assert_same(run_js(tmp_path, level, script), run_python(level, script))


def test_corner_assist_and_a_door_agree(tmp_path: Path) -> None:
    """Pushing right 4 px below a corridor mouth slides the player up into it, then a key opens the door."""
    level = hand_made(["#######", "#..D.X#", "#.#####", "#######"], (1, 1), [box("key", (2, 1), "Key")])
    level = level.model_copy(update={"player": Point(x=TILE + 2, y=TILE + 6)})
    script: Script = [[RIGHT, 60]]
    py = run_python(level, script)
    assert py["done"] and py["doors"] == 1
    moves = zip(py["positions"], py["positions"][1:], strict=False)
    assert any(a[0] == b[0] and b[1] < a[1] for a, b in moves), "no corner assist"
    assert_same(run_js(tmp_path, level, script), py)


PILLARS = [
    "#############",
    "#...........#",
    "#.#.#.#.#.#.#",
    "#...........#",
    "#.#.##.##.#.#",
    "#.....#.....#",
    "#.#.#.#.#.#.#",
    "#...........#",
    "#############",
]


@pytest.mark.parametrize(
    ("rules", "short"),
    [
        ({}, False),
        ({"speed": 333, "corner_assist": 5 * SUB}, False),
        ({"player_w": 10 * SUB, "player_h": 14 * SUB, "speed": 3 * SUB, "corner_assist": 8 * SUB}, False),
        ({"player_w": 14 * SUB, "player_h": 9 * SUB, "speed": 100, "corner_assist": 7 * SUB}, False),
        # A box almost a tile wide stays blocked until it is nearly centred: the last slide is short.
        ({"player_w": 15 * SUB + 100, "player_h": 16 * SUB - 30, "speed": 333, "corner_assist": 6 * SUB}, True),
    ],
)
def test_corner_assist_among_pillars_agrees(tmp_path: Path, rules: dict[str, object], short: bool) -> None:
    """Short random runs among one-tile gaps: the player keeps pushing into corridor mouths off-line."""
    level = hand_made(PILLARS, (1, 1), [], **rules).model_copy(update={"player": Point(x=TILE, y=TILE)})
    rng = random.Random(sum(map(ord, json.dumps(rules))))
    masks = [UP, DOWN, LEFT, RIGHT, UP | LEFT, DOWN | RIGHT]
    slides = shorts = 0
    for _ in range(6):
        script: Script = [[rng.choice(masks), rng.randint(1, 9)] for _ in range(150)]
        py = run_python(level, script)
        assert_same(run_js(tmp_path, level, script), py)
        before = [[level.player.x * SUB, level.player.y * SUB], *py["positions"]]
        for mask, (ax, ay), (bx, by) in zip(expand(script), before, py["positions"], strict=False):
            vertical = bool(mask & (UP | DOWN))  # up and down come first in the default priority
            if (bx != ax) if vertical else (by != ay):
                slides += 1
                short = abs(bx - ax) + abs(by - ay) < level.rules["speed"]
                shorts += short
    assert slides > 0, "corner assist was never exercised"
    if short:
        assert shorts > 0, "corner assist never slid less than a full step"


def test_the_first_enemy_in_the_list_is_the_hit_and_later_pickups_still_count(tmp_path: Path) -> None:
    entities = [
        box("item", (3, 1), "Gem", points=50),
        box("enemy", (3, 1), "Beetle", size=12),
        box("boss", (3, 1), "Ogre", size=12),
        box("item", (3, 1), "Coin", points=7),
        box("key", (3, 1), "Key"),
    ]
    level = hand_made(["#######", "#....X#", "#######"], (1, 1), entities)
    py = run_python(level, [[RIGHT, 60]])
    assert py["failed"] == "touched Beetle" and py["score"] == 57 and py["keys"] == 1
    assert_same(run_js(tmp_path, level, [[RIGHT, 60]]), py)


# --- drawing and sound ---------------------------------------------------------------------------

DRAW_SCRIPT = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const [runtime, levelPath] = process.argv.slice(1);
const context = { console, Math, JSON, Object, Array, Number, String, Boolean, Error, Map, Set };
context.window = context;
vm.createContext(context);
for (const file of ["rules.js", "motion.js", path.join("genres", "topdown.js"), "rng.js"]) {
  vm.runInContext(fs.readFileSync(path.join(runtime, file), "utf8"), context, { filename: file });
}
const sounds = [];
context.Maestro.audio = { sfx: (name) => sounds.push(name) };
const genre = context.Maestro.genres.topdown;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const sim = genre.load(level);
const frames = [];
const draw = () => {
  const calls = [];
  const gfx = { w: genre.view.w, h: genre.view.h, tick: sim.step, colours: {},
    camera: (x, y) => calls.push(["camera", x, y]),
    backgrounds: () => calls.push(["backgrounds"]),
    tiles: (map, opts) => calls.push(["tiles", map.rows.slice(), opts]),
    tile: (name, col, row) => calls.push(["tile", name, col, row]),
    sprite: (key, anim, x, y, w, h) => calls.push(["sprite", key, anim, x, y, w, h]),
    rect: () => calls.push(["rect"]) };
  genre.draw(sim, gfx);
  frames.push({ step: sim.step, player: genre.player(sim), calls });
};
draw();
for (const [mask, steps] of level.solution.inputs) {
  for (let i = 0; i < steps && !sim.done; i++) {
    genre.step(sim, mask);
    if (sim.step % 37 === 0) draw();
  }
}
draw();
process.stdout.write(JSON.stringify({ frames, sounds, done: sim.done }));
"""


def test_draw_shows_the_world_as_the_rules_see_it(tmp_path: Path) -> None:
    level = plan_level(10, 710, True, {})
    level_file = tmp_path / "level.json"
    level_file.write_bytes(level.to_json())
    runtime = ROOT / "maestro" / "runtime"
    command = [str(NODE), "-e", DRAW_SCRIPT, str(runtime), str(level_file)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["done"]
    assert result["sounds"].count("key") == level.stats["keys"]
    assert result["sounds"].count("door") == level.stats["doors"]
    assert result["sounds"].count("collect") == replay(level).stats["items"]
    assert result["sounds"].count("attack") == (level.solution.moves or "").count("*")
    assert result["sounds"].count("explosion") == replay(level).stats["kills"]
    map_w, map_h = level.width * TILE, level.height * TILE
    for frame in result["frames"]:
        calls = frame["calls"]
        kind, cx, cy = calls[0]
        assert kind == "camera"
        assert 0 <= cx <= max(0, map_w - 320) and 0 <= cy <= max(0, map_h - 240)
        assert calls[1][0] == "tiles" and calls[1][2] == {"side": False}
        player = [call for call in calls if call[0] == "sprite" and call[1] == "player"]
        assert len(player) == 1 and player[0][2] in ("up", "down", "left", "right")
        assert player[0][3:7] == [frame["player"]["x"], frame["player"]["y"], 12, 12]
        sprites = [call for call in calls if call[0] == "sprite"]
        assert sprites[-1] == player[0]  # the player on top of the world; only a swing's strokes after it
        assert all(call[0] == "rect" for call in calls[calls.index(player[0]) + 1:])
        for call in sprites:
            if call[1].startswith(("enemy:", "boss:")):
                name = call[1].split(":", 1)[1]
                chaser = any(e.name == name and e.behaviour in ("chase", "charge") and e.motion is None
                             for e in level.entities)
                assert call[2] == "move" or (chaser and call[2] == "idle")
    first, last = result["frames"][0]["calls"], result["frames"][-1]["calls"]
    assert "".join(first[1][1]).count("D") == level.stats["doors"]
    assert "".join(last[1][1]).count("D") == 0  # the solution opens every door: drawn as floor
    _, cx, cy = first[0]
    on_screen = [
        ["sprite", "key:Key", "idle", key.x, key.y, key.w, key.h]
        for key in level.entities
        if key.kind == "key" and key.x < cx + 320 and cx < key.x + key.w and key.y < cy + 240 and cy < key.y + key.h
    ]
    assert on_screen and [call for call in first if call[:2] == ["sprite", "key:Key"]] == on_screen
    assert not [call for call in last if call[0] == "sprite" and call[1] == "key:Key"]
    assert "".join(last[1][1]).count("X") == 1  # the exit is drawn with the tiles
    assert result["frames"][0]["player"] == {"x": level.player.x, "y": level.player.y}


# --- the attack and chasers -------------------------------------------------------------------------

ARENA = [
    "############",
    "#..........#",
    "#.####.###.#",
    "#.#......#.#",
    "#.#.#.##.D.#",
    "#...#..#...#",
    "#####..###X#",
    "############",
]


def arena(**rules: object) -> LevelFile:
    """Hounds that hunt at several speeds, sights and wake times, a patrol, a hazard and a boss."""
    patrol = Motion(path=[Point(x=50, y=18), Point(x=146, y=18)], period=120, mode="pingpong")
    entities = [
        box("key", (3, 3), "Key"),
        box("enemy", (10, 1), "Hound", size=12, points=50, behaviour="chase",
            params={"speed": 200, "sight": 5, "wake": 300}),
        box("enemy", (6, 5), "Jackal", size=12, points=30, hp=2, behaviour="chase",
            params={"speed": 120, "sight": 3, "wake": 90}),
        box("enemy", (3, 1), "Beetle", size=12, points=20, hp=2, motion=patrol),
        box("hazard", (1, 4), "Spikes", size=12),
        box("boss", (7, 3), "Ogre", size=12, points=500, hp=3, behaviour="chase",
            params={"speed": 128, "sight": 2, "wake": 5000}),
    ]
    return hand_made(ARENA, (1, 1), entities, **rules)


def fighting_script(rng: random.Random, steps: int) -> Script:
    """Random walks with swings (taps of ACTION, held ACTION, swings on the move), or a player who
    stands guard near the start swinging now and then in a random direction while the hounds come."""
    script: Script = []
    if rng.random() < 0.5:
        script.append([rng.choice([RIGHT, DOWN, NONE]), rng.randint(0, 12)])
        while sum(n for _, n in script) < steps:
            script.append([NONE, rng.randint(1, 25)])
            script.append([rng.choice([UP, DOWN, LEFT, RIGHT, NONE]) | ACTION, 1])
        return script
    masks = [UP, DOWN, LEFT, RIGHT, NONE, ACTION, UP | ACTION, LEFT | ACTION, RIGHT | ACTION, DOWN | ACTION]
    while sum(n for _, n in script) < steps:
        mask = rng.choice(masks)
        script.append([mask, 1 if mask & ACTION and rng.random() < 0.7 else rng.randint(1, 30)])
    return script


@pytest.mark.parametrize(
    "rules",
    [{}, {"attack_reach": 9 * SUB, "attack_cooldown": 3, "attack_steps": 2}, {"attack": False},
     {"speed": 333, "attack_pad": 0, "attack_steps": 30, "attack_cooldown": 31},
     {"ranged": True}, {"ranged": True, "attack_cooldown": 5, "bolt_speed": 700, "bolt_size": 2 * SUB}],
)
def test_chasers_and_swings_agree(tmp_path: Path, rules: dict[str, object]) -> None:
    """Random fights in a hand-made arena: every body's position and hp agree step by step."""
    level = arena(**rules)
    rng = random.Random(len(json.dumps(rules)) * 7)
    seen = {"kills": 0, "hit by a hound": 0, "hounds moved": 0, "struck, not killed": 0}
    for _ in range(16):
        script = fighting_script(rng, 900)
        py = run_python(level, script)
        assert_same(run_js(tmp_path, level, script), py)
        seen["kills"] += py["kills"]
        seen["hit by a hound"] += py["failed"] in ("touched Hound", "touched Jackal")
        seen["hounds moved"] += any(b[1][:2] != py["bodies"][0][1][:2] for b in py["bodies"])
        full = [entity.hp for entity in level.entities]
        seen["struck, not killed"] += any(
            0 < hp < most for bodies in py["bodies"] for (_, _, hp), most in zip(bodies, full, strict=True)
        )
    if rules.get("attack") is False:
        assert seen["kills"] == seen["struck, not killed"] == 0
        for never in ("kills", "struck, not killed"):
            seen.pop(never)
    assert all(seen.values()), seen


PADDOCK = [
    "################",
    "#..............#",
    "#.####.####.##.#",
    "#..............#",
    "################",
]


@pytest.mark.parametrize("rules", [{}, {"ranged": True}, {"speed": 333, "attack_cooldown": 8}])
def test_chargers_agree(tmp_path: Path, rules: dict[str, object]) -> None:
    """Boars that wind up, charge down a clear line, stop at the wall and rest, then hunt again."""
    entities = [
        box("enemy", (14, 1), "Boar", size=12, points=60, hp=2, behaviour="charge",
            params={"speed": 150, "sight": 12, "wake": 0, "dash": 900, "windup": 14, "rest": 40}),
        box("enemy", (14, 3), "Bull", size=12, points=60, behaviour="charge",
            params={"speed": 200, "sight": 6, "wake": 300, "dash": 1100, "windup": 9, "rest": 25}),
    ]
    level = hand_made(PADDOCK, (1, 1), entities, **rules)
    rng = random.Random(len(json.dumps(rules)) * 3)
    seen = {"charged": 0, "stopped and rested": 0, "hit by a charge": 0, "struck a charger": 0}
    for run in range(14):
        if run % 2:
            script = fighting_script(rng, 700)
        else:  # face the boar's lane and swing every few steps as it comes
            every = rng.randint(2, 12)
            script = [[RIGHT, 1], *([[NONE, every], [RIGHT | ACTION, 1]] * (700 // every))]
        py = run_python(level, script)
        assert_same(run_js(tmp_path, level, script), py)
        boar = [bodies[0] for bodies in py["bodies"]]
        moves = [abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in itertools.pairwise(boar)]
        seen["charged"] += 900 in moves
        seen["stopped and rested"] += any(m and 0 < m < 900 and moves[i - 1] == 900 for i, m in enumerate(moves))
        seen["hit by a charge"] += py["failed"] in ("touched Boar", "touched Bull")
        seen["struck a charger"] += any(bodies[0][2] < 2 or bodies[1][2] < 1 for bodies in py["bodies"])
    assert all(seen.values()), seen


GALLERY = [
    "##########",
    "#........#",
    "#.######.#",
    "#........#",
    "##########",
]


@pytest.mark.parametrize("rules", [{}, {"shot_size": 3 * SUB}, {"shot_size": 15 * SUB, "attack_steps": 1},
                                   {"ranged": True}, {"ranged": True, "bolt_speed": 333, "bolt_size": 13 * SUB}])
def test_turret_shots_agree(tmp_path: Path, rules: dict[str, object]) -> None:
    """Shots fly their lanes to the walls, hit whoever walks in, and stop once their turret falls."""
    entities = [
        box("enemy", (5, 1), "Eye", size=12, points=40, behaviour="turret",
            params={"every": 40, "offset": 3, "speed": 256, "dirs": 12}),
        box("enemy", (8, 3), "Gargoyle", size=12, points=40, behaviour="turret",
            params={"every": 25, "offset": 0, "speed": 400, "dirs": 1}),
    ]
    level = hand_made(GALLERY, (1, 3), entities, **rules)
    rng = random.Random(len(json.dumps(rules)))
    seen = {"shot": 0, "fell with shots in flight": 0, "walked into a turret": 0}
    for _ in range(12):
        script: Script = [[RIGHT, rng.randint(36, 56)], [RIGHT | ACTION, 1], [NONE, rng.randint(1, 30)]]
        script += fighting_script(rng, 500)
        py = run_python(level, script)
        assert_same(run_js(tmp_path, level, script), py)
        seen["shot"] += py["failed"] != "" and py["positions"][-1][1] < 2 * TILE * SUB
        seen["walked into a turret"] += py["failed"] == "touched Gargoyle" and py["positions"][-1][1] > 2 * TILE * SUB
        seen["fell with shots in flight"] += any(
            bodies[1][2] <= 0 and any(shot[3] == 1 for shot in shots)
            for bodies, shots in zip(py["bodies"], py["shots"], strict=True)
        )
    assert all(seen.values()), seen


@pytest.mark.parametrize(("difficulty", "seed"), [(3, 5), (6, 6), (8, 6), (10, 5)])
def test_generated_levels_with_hunters_agree(tmp_path: Path, difficulty: int, seed: int) -> None:
    """Shipped solutions that fight, and idle or late players caught by the hunters."""
    level = generate(make_plan(difficulty, seed=seed, index=2))
    assert any(e.behaviour == "chase" and e.motion is None for e in level.entities)
    js, py = run_js(tmp_path, level), run_python(level)
    assert_same(js, py)
    assert js["done"]
    idle: Script = [[NONE, 1500]]
    py = run_python(level, idle)
    assert_same(run_js(tmp_path, level, idle), py)
    assert py["failed"].startswith("touched ")
