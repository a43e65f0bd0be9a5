"""The runtime's runner module (maestro/runtime/genres/runner.js) against the Python rules model.

Each case writes a level file, replays a script through ``node tests/js/trace.js runner`` and
through :mod:`maestro.rules.runner` one step at a time, and compares after every step the player's
position as the Python state holds it — ``[x, feet]`` in sub-pixels (``feet`` is the bottom edge;
``trace(sim)`` reports the same pair) — then whether the run completed, the failure reason (word
for word), the steps played and the score. Both sides stop at the first completion or failure, or
when the script runs out, as ``trace.js`` does.

A second, deeper check (runner state after every step: speeds, air time, ducking, held jump,
items) drives the module through a small inline Node script loaded the same way ``trace.js`` loads
it.
"""

import itertools
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from maestro.labyrinth.runner import GROUND_ROW, GY, generate
from maestro.level import TILE, Entity, LevelFile, Motion, Point, Solution
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, DOWN, JUMP, LEFT, NONE, RIGHT, UP, Script, compress, expand, length
from maestro.rules.runner import COMPLETE, RUNNING, TUNING, World, advance, replay
from maestro.spec import Behaviour, Genre, ItemKind

ROOT = Path(__file__).resolve().parents[2]
TRACE = ROOT / "tests" / "js" / "trace.js"
RUNTIME = ROOT / "maestro" / "runtime"
NODE = shutil.which("node")

pytestmark = pytest.mark.usefixtures("node")

FOES = (Foe("Beetle", Behaviour.PATROL), Foe("Bat", Behaviour.SWOOP), Foe("Wasp", Behaviour.FLY),
        Foe("Frog", Behaviour.HOP), Foe("Moth", Behaviour.ZIGZAG))

#: (difficulty, seed, boss, hints): every difficulty, bosses, enemy and crate hints.
PLANS: list[tuple[int, int, Behaviour | None, dict[str, int]]] = [
    (1, 7, None, {}),
    (2, 11, None, {"crates": 4}),
    (3, 5, None, {"crates": 3}),
    (4, 21, Behaviour.SWOOP, {}),
    (5, 99, None, {"enemies": 5}),
    (6, 3, None, {"enemies": 9}),
    (7, 42, Behaviour.HOP, {}),
    (8, 8, Behaviour.SWOOP, {"enemies": 7}),
    (9, 3, None, {}),
    (10, 21, None, {}),
    (10, 77, Behaviour.SWOOP, {"enemies": 12, "crates": 2}),
    (5, 1234, None, {"enemies": 99}),
    (9, 555, None, {"enemies": 0, "crates": 0}),
    (6, 2024, Behaviour.SWOOP, {"crates": 8}),
]


def plan_level(difficulty: int, seed: int, boss: Behaviour | None, hints: dict[str, int]) -> LevelFile:
    return generate(LevelPlan(genre=Genre.RUNNER, index=1 + difficulty // 4, count=3, name=f"Run {difficulty}",
                              difficulty=difficulty, seed=seed, foes=FOES,
                              pickups=(Pickup("Gem", ItemKind.COLLECTIBLE, 5), Pickup("Star", ItemKind.COLLECTIBLE, 9)),
                              boss=Foe("Storm King", boss) if boss else None, **hints))  # type: ignore[arg-type]


def write(tmp_path: Path, level: LevelFile, inputs: Script | None) -> list[str]:
    level_file = tmp_path / f"level-{level.difficulty}-{level.seed}.json"
    level_file.write_bytes(level.to_json())
    args = [str(level_file)]
    if inputs is not None:
        inputs_file = tmp_path / "inputs.json"
        inputs_file.write_text(json.dumps(inputs))
        args.append(str(inputs_file))
    return args


def run_js(tmp_path: Path, level: LevelFile, inputs: Script | None = None) -> dict[str, Any]:
    """``trace.js``'s verdict: positions after each step, done, failed, steps, score."""
    command = [str(NODE), str(TRACE), "runner", *write(tmp_path, level, inputs)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run_python(level: LevelFile, inputs: Script | None = None, deep: bool = False) -> dict[str, Any]:
    """The same verdict from the rules model, one step at a time, stopping where ``trace.js`` stops."""
    script = level.solution.inputs if inputs is None else inputs
    world = World(level)
    state = world.start()
    masks = expand(script)
    positions: list[list[int]] = []
    for _ in range(length(script)):
        advance(world, state, masks, until_step=state.step + 1)
        if deep:
            positions.append([state.x, state.feet, state.vy, state.air, int(state.ducking), int(state.held),
                              state.vx, state.score, state.items])
        else:
            positions.append([state.x, state.feet])
        if state.status != RUNNING:
            break
    if state.status != RUNNING or inputs is None:
        # A finished run is exactly what the one-shot replay reports.
        outcome = replay(level, script)
        assert (outcome.completed, outcome.steps, outcome.score, outcome.reason) == (
            state.status == COMPLETE, state.step, state.score, state.reason)
    return {"positions": positions, "done": state.status == COMPLETE, "failed": state.reason, "steps": state.step,
            "score": state.score}


DEEP = """
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [runtime, levelPath, inputsPath] = process.argv.slice(1);
const context = { console, Math, JSON, Object, Array, Number, String, Boolean, Error, Map, Set };
context.window = context;
vm.createContext(context);
for (const file of ["rules.js", "motion.js", path.join("genres", "runner.js"), "rng.js"]) {
  vm.runInContext(fs.readFileSync(path.join(runtime, file), "utf8"), context, { filename: file });
}
const runner = context.Maestro.genres.runner;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const inputs = inputsPath ? JSON.parse(fs.readFileSync(inputsPath, "utf8")) : level.solution.inputs;
const sim = runner.load(level);
const rows = [];
outer: for (const [mask, steps] of inputs) {
  for (let i = 0; i < steps; i++) {
    runner.step(sim, mask);
    rows.push([sim.x, sim.feet, sim.vy, sim.air, sim.ducking ? 1 : 0, sim.held ? 1 : 0, sim.vx, sim.score,
               sim.items]);
    if (sim.done || sim.failed) break outer;
  }
}
const p = runner.player(sim);
process.stdout.write(JSON.stringify({ positions: rows, done: !!sim.done, failed: sim.failed || "", steps: sim.step,
  score: sim.score, player: [p.x, p.y] }));
"""


def run_js_deep(tmp_path: Path, level: LevelFile, inputs: Script | None = None) -> dict[str, Any]:
    """The module's whole state after every step (x, feet, vy, air, ducking, held, vx, score, items)."""
    command = [str(NODE), "-e", DEEP, str(RUNTIME), *write(tmp_path, level, inputs)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def assert_same(js: dict[str, Any], py: dict[str, Any]) -> None:
    for index, (a, b) in enumerate(zip(js["positions"], py["positions"], strict=False)):
        assert a == b, f"step {index + 1}: runtime {a}, rules model {b}"
    assert len(js["positions"]) == len(py["positions"])
    for key in ("done", "failed", "steps", "score"):
        assert js[key] == py[key], key


def random_script(rng: random.Random, steps: int) -> Script:
    """Runs of random masks: jumps of every length, ducks, chords and buttons the runner ignores."""
    masks = [NONE, NONE, JUMP, UP, DOWN, JUMP | DOWN, UP | DOWN, LEFT, RIGHT, ACTION, JUMP | UP]
    script: Script = []
    while length(script) < steps:
        script.append([rng.choice(masks), rng.choice([1, 2, 3, rng.randint(1, 12), rng.randint(1, 60)])])
    return script


def shifted(rng: random.Random, solution: Script) -> Script:
    """The solution with its runs stretched or shrunk a little: nearly right, often fatally late."""
    script: Script = []
    for mask, steps in solution:
        script.append([mask, max(1, steps + rng.randint(-3, 3))])
    return script


def one_slip(rng: random.Random, solution: Script) -> Script:
    """The solution with one run mistimed (or one held jump cut to a tap): right up to one feature."""
    k = rng.randrange(len(solution))
    script = [list(run) for run in solution]
    mask, steps = script[k]
    if mask & JUMP and steps > 2 and rng.random() < 0.5:
        script[k:k + 1] = [[mask, 2], [NONE, steps - 2]]
    else:
        script[k][1] = max(1, steps + rng.choice([-6, -4, -2, 2, 4, 6]))
    return script


# --- the shipped solutions --------------------------------------------------------------------------


@pytest.mark.parametrize(("difficulty", "seed", "boss", "hints"), PLANS)
def test_solution_replays_identically(tmp_path: Path, difficulty: int, seed: int, boss: Behaviour | None,
                                      hints: dict[str, int]) -> None:
    level = plan_level(difficulty, seed, boss, hints)
    js, py = run_js(tmp_path, level), run_python(level)
    assert_same(js, py)
    assert js["done"] and js["failed"] == "" and js["steps"] == level.solution.steps == level.par
    assert js["score"] == level.stats["score"]


def test_the_plans_cover_bosses_enemies_crates_bars_and_items() -> None:
    kinds: dict[str, int] = {}
    names: set[str] = set()
    for plan in PLANS:
        for entity in plan_level(*plan).entities:
            kinds[entity.kind] = kinds.get(entity.kind, 0) + 1
            names.add(entity.name)
    assert {"boss", "enemy", "obstacle", "item"} <= set(kinds)
    assert {"Bar", "Crate", "Storm King", "Gem", "Star"} <= names


# --- scripts that crash, fall and collect -------------------------------------------------------------


@pytest.mark.parametrize(("difficulty", "seed", "boss", "hints"), PLANS[::3])
def test_idle_and_random_scripts_agree_on_the_failing_step(tmp_path: Path, difficulty: int, seed: int,
                                                           boss: Behaviour | None, hints: dict[str, int]) -> None:
    level = plan_level(difficulty, seed, boss, hints)
    idle: Script = [[NONE, level.par + 200]]
    py = run_python(level, idle)
    assert py["failed"], "an idle runner should not finish a generated course"
    assert_same(run_js(tmp_path, level, idle), py)
    rng = random.Random(seed * 31 + difficulty)
    for _ in range(4):
        script = random_script(rng, level.par + 100)
        assert_same(run_js(tmp_path, level, script), run_python(level, script))


def test_near_miss_solutions_agree(tmp_path: Path) -> None:
    """Slightly mistimed replays of real solutions: walls, enemies, bars and finishes all occur."""
    reasons: dict[str, int] = {}
    for difficulty, seed, boss, hints in PLANS[::2]:
        level = plan_level(difficulty, seed, boss, hints)
        rng = random.Random(seed)
        for attempt in range(8):
            script = (shifted if attempt < 2 else one_slip)(rng, level.solution.inputs)
            py = run_python(level, script)
            assert_same(run_js(tmp_path, level, script), py)
            tally(reasons, py)
        without_duck = compress(mask & ~DOWN for mask in expand(level.solution.inputs))
        py = run_python(level, without_duck)
        assert_same(run_js(tmp_path, level, without_duck), py)
        tally(reasons, py)
    assert {"hit", "touched", "done"} <= set(reasons), reasons


def test_stopping_before_the_first_gap_falls_in_on_the_same_step(tmp_path: Path) -> None:
    """Play the solution up to just before the first clear gap, then let go: both sides fail at the same step."""
    falls = 0
    for plan in PLANS:
        level = plan_level(*plan)
        ground = level.rows[GROUND_ROW]
        # The first gap with nothing just before it (a bar or crate there would be met first).
        gaps = [col for col in range(1, len(ground)) if ground[col] == "." and ground[col - 1] != "."
                and not any(e.kind == "obstacle" and e.x < col * TILE and e.x + e.w > col * TILE - 4 * TILE
                            for e in level.entities)]
        if not gaps:
            continue
        world = World(level)
        edge = (gaps[0] * TILE - 24) * SUB
        n, x = 0, world.start_x
        while x + world.tuning.player_w < edge:
            x += world.tuning.speed_at(n)
            n += 1
        script = compress([*list(expand(level.solution.inputs))[:n], *[NONE] * 600])
        py = run_python(level, script)
        assert_same(run_js(tmp_path, level, script), py)
        # A fast runner may skim a narrow gap and meet what comes after it instead.
        assert py["failed"].startswith(("fell into the gap at x=", "hit a wall at x=", "touched ")), py["failed"]
        falls += py["failed"].startswith("fell into the gap at x=")
    assert falls >= 1  # narrow gaps end at their far wall (or are skimmed) before the runner drops out


def tally(reasons: dict[str, int], py: dict[str, Any]) -> None:
    word = py["failed"].split(" ")[0] if py["failed"] else ("done" if py["done"] else "ran out")
    reasons[word] = reasons.get(word, 0) + 1


@pytest.mark.parametrize(("difficulty", "seed", "boss", "hints"), [PLANS[3], PLANS[7], PLANS[10]])
def test_the_whole_state_agrees_step_by_step(tmp_path: Path, difficulty: int, seed: int, boss: Behaviour | None,
                                             hints: dict[str, int]) -> None:
    level = plan_level(difficulty, seed, boss, hints)
    rng = random.Random(difficulty)
    for script in (None, shifted(rng, level.solution.inputs), random_script(rng, 1500)):
        assert_same(run_js_deep(tmp_path, level, script), run_python(level, script, deep=True))


def test_a_run_past_max_steps_fails_on_both_sides(tmp_path: Path) -> None:
    level = plan_level(*PLANS[0])
    level = level.model_copy(update={"rules": {**level.rules, "max_steps": 150}})
    py = run_python(level)
    assert py["failed"] == "still running after 150 steps" and py["steps"] == 150
    assert_same(run_js(tmp_path, level), py)


# --- a hand-made course: ceilings, a duck tunnel, a fall start, loop motions ----------------------------

#: Ground at rows 10-11; a low ceiling over columns 14-19 (head bumps), a tunnel of row 8 over
#: columns 28-35 (only a ducking runner fits; standing up inside is refused), a gap, a step up,
#: a floating block, the goal.
COURSE = [
    "..........................................................G...",
    "..........................................................G...",
    "..........................................................G...",
    "..........................................................G...",
    "..........................................................G...",
    "..............................................#...........G...",
    "..............................................#...........G...",
    "..............######......................................G...",
    "............................########..........#...........G...",
    "..................................................####....G...",
    "########################################....##############G###",
    "########################################....##############G###",
]


def course(entities: list[Entity], start: tuple[int, int] = (32, 40), **rules: int) -> LevelFile:
    return LevelFile(genre=Genre.RUNNER, index=1, name="Course", difficulty=1, seed=0,
                     rules={**TUNING.to_rules(), **rules}, width=len(COURSE[0]), height=len(COURSE),
                     rows=COURSE, player=Point(x=start[0], y=start[1]), entities=entities,
                     solution=Solution(inputs=[[NONE, 1]], steps=1), par=1)


def course_entities() -> list[Entity]:
    wisp = Motion(path=[Point(x=120, y=GY - 60), Point(x=180, y=GY - 20), Point(x=150, y=GY - 90)], period=90,
                  mode="loop", offset=4)
    gem = Motion(path=[Point(x=80, y=GY - 40), Point(x=80, y=GY - 12)], period=50, mode="pingpong")
    bob = Motion(path=[Point(x=400, y=GY - 14), Point(x=440, y=GY - 40), Point(x=400, y=GY - 60)], period=77,
                 mode="pingpong", offset=11)
    return [
        Entity(id="item-1", kind="item", name="Gem", x=80, y=GY - 40, w=10, h=10, points=3, motion=gem),
        Entity(id="item-2", kind="item", name="Gem", x=100, y=GY - 30, w=10, h=10, points=4),
        Entity(id="hazard-1", kind="hazard", name="Wisp", x=120, y=GY - 60, w=10, h=10, motion=wisp),
        Entity(id="enemy-1", kind="enemy", name="Bob", x=400, y=GY - 14, w=12, h=12, motion=bob),
        Entity(id="item-3", kind="item", name="Star", x=250, y=GY - 70, w=12, h=12, points=11),
        Entity(id="obstacle-1", kind="obstacle", name="Bar", x=560, y=0, w=16, h=GY - 18),
        Entity(id="crate-1", kind="crate", name="Box", x=800, y=GY - 12, w=16, h=12),
        Entity(id="item-4", kind="item", name="Gem", x=1200, y=GY - 20, w=12, h=12, points=5),
    ]


@pytest.mark.parametrize(
    ("start", "rules"),
    [
        ((32, 40), {}),
        ((32, 20), {"gravity": 50, "coyote": 0}),
        ((24, GY - 24), {"run_speed_start": 300, "run_speed_max": 700, "run_accel": 40, "speedup_every": 30}),
        ((32, GY - 24), {"player_w": 24 * SUB, "player_h": 30 * SUB, "duck_h": 10 * SUB, "jump_speed": 1800}),
        ((40, GY - 24), {"max_fall": 3 * SUB, "jump_cut": 0, "coyote": 12}),
        ((32, GY - 24), {"jump_cut": 447}),  # 1408 - 12 * 80 - 1: a release can land exactly on the cut
    ],
)
def test_a_hand_made_course_with_other_constants_agrees(tmp_path: Path, start: tuple[int, int],
                                                         rules: dict[str, int]) -> None:
    level = course(course_entities(), start, **rules)
    rng = random.Random(json.dumps(rules))
    for _ in range(25):
        script = random_script(rng, 500)
        assert_same(run_js_deep(tmp_path, level, script), run_python(level, script, deep=True))
        assert_same(run_js(tmp_path, level, script), run_python(level, script))


def test_a_head_bump_and_a_ducked_tunnel_happen_and_agree(tmp_path: Path) -> None:
    """Jump under the ceiling (hits it going up), duck into the tunnel and let go inside (stays down)."""
    level = course([], (32, GY - 24))
    world = World(level)
    tuning = world.tuning

    def steps_to(px: int) -> int:
        n, x = 0, world.start_x
        while x + tuning.player_w <= px * SUB:
            x += tuning.speed_at(n)
            n += 1
        return n

    ceiling, tunnel = steps_to(14 * TILE), steps_to(28 * TILE)
    script: Script = [[NONE, ceiling + 2], [JUMP, 20], [NONE, tunnel - ceiling - 30], [DOWN, 12], [NONE, 60]]
    py = run_python(level, script, deep=True)
    rows = py["positions"]
    bumped = any(a[2] < 0 and b[2] == 0 and b[1] < GY * SUB for a, b in itertools.pairwise(rows))
    stayed_ducked = any(row[4] == 1 for row in rows[tunnel + 5:tunnel + 30])
    assert bumped, "no head bump under the ceiling"
    assert stayed_ducked, "the runner stood up inside the tunnel"
    assert_same(run_js_deep(tmp_path, level, script), py)
    assert_same(run_js(tmp_path, level, script), run_python(level, script))


def test_a_map_without_a_goal_only_ends_in_failure(tmp_path: Path) -> None:
    """Running off the right edge falls out of the map; the rules check no entity once the left edge is
    past the map, so a ghost waiting out there is never touched."""
    rows = ["." * len(row) if "." in row[:40] else "#" * len(row) for row in COURSE]
    ghost = Entity(id="enemy-1", kind="enemy", name="Ghost", x=len(COURSE[0]) * TILE + 20, y=GY - 40, w=48, h=60)
    level = course([ghost]).model_copy(update={"rows": rows})
    for script in ([[NONE, 3000]], [[JUMP, 1], [NONE, 2999]]):
        py = run_python(level, script)
        assert not py["done"] and py["failed"].startswith("fell into the gap at x=")
        assert_same(run_js(tmp_path, level, script), py)


def test_leaving_the_map_exactly_at_its_bottom_edge_names_the_gap_start(tmp_path: Path) -> None:
    """A 1 px gravity fall from top 182 px reaches the bottom edge (192 px) exactly at step 3; the gap
    start walks left from the box's middle column and stops at the block hanging in column 3."""
    rows = ["...#" + "." * 16] + ["." * 20] * 11
    rules = {**TUNING.to_rules(), "gravity": SUB, "run_speed_start": 2 * SUB, "run_accel": 0}
    level = course([]).model_copy(update={"rows": rows, "width": 20, "player": Point(x=51, y=182), "rules": rules})
    py = run_python(level, [[NONE, 20]])
    assert py["failed"] == "fell into the gap at x=64 px (step 3)"
    assert_same(run_js(tmp_path, level, [[NONE, 20]]), py)


def test_a_wider_player_than_a_tile_agrees(tmp_path: Path) -> None:
    """The rules check the box's two edge columns; the port must do exactly the same."""
    level = course(course_entities(), (32, GY - 40), player_w=40 * SUB, player_h=40 * SUB, duck_h=20 * SUB)
    rng = random.Random(5)
    for _ in range(20):
        script = random_script(rng, 600)
        assert_same(run_js_deep(tmp_path, level, script), run_python(level, script, deep=True))


def test_the_runner_module_draws_and_reports_through_its_contract(tmp_path: Path) -> None:
    """load/step/draw against a recording gfx: camera clamped, sprites and anims as documented."""
    level = plan_level(*PLANS[7])
    script = r"""
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [runtime, levelPath] = process.argv.slice(1);
const context = { console, Math, JSON, Object, Array, Number, String, Boolean, Error, Map, Set };
context.window = context;
vm.createContext(context);
for (const file of ["rules.js", "motion.js", path.join("genres", "runner.js"), "rng.js"]) {
  vm.runInContext(fs.readFileSync(path.join(runtime, file), "utf8"), context, { filename: file });
}
const sounds = [];
context.Maestro.audio = { sfx: (name) => sounds.push(name) };
const runner = context.Maestro.genres.runner;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const sim = runner.load(level);
const frames = [];
const record = () => {
  const calls = [];
  const gfx = { w: runner.view.w, h: runner.view.h, tick: 0, colours: {},
    camera: (x, y) => calls.push(["camera", x, y]), backgrounds: (x, y) => calls.push(["backgrounds", x, y]),
    tiles: (lv, opts) => calls.push(["tiles", lv === level, !!(opts && opts.side)]),
    sprite: (key, anim, x, y, w, h) => calls.push(["sprite", key, anim, x, y, w, h]),
    rect: () => calls.push(["rect"]), tile: () => calls.push(["tile"]) };
  runner.draw(sim, gfx);
  frames.push({ step: sim.step, player: runner.player(sim), ducking: sim.ducking, air: sim.air, calls });
};
record();
for (const [mask, steps] of level.solution.inputs) {
  for (let i = 0; i < steps; i++) {
    runner.step(sim, mask);
    if (sim.step % 7 === 0 || sim.done) record();
  }
}
process.stdout.write(JSON.stringify({ view: runner.view, done: sim.done, sounds, frames }));
"""
    args = write(tmp_path, level, None)
    done = subprocess.run([str(NODE), "-e", script, str(RUNTIME), *args], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["view"] == {"w": 320, "h": 240} and out["done"]
    assert "jump" in out["sounds"] and ("collect" in out["sounds"]) == (level.stats["items_collected"] > 0)
    map_w = level.width * TILE
    anims: set[str] = set()
    keys: set[str] = set()
    for frame in out["frames"]:
        calls = frame["calls"]
        assert [call[0] for call in calls[:3]] == ["camera", "backgrounds", "tiles"]
        assert calls[2] == ["tiles", True, True]
        _, cx, cy = calls[0]
        assert calls[1] == ["backgrounds", cx, cy]
        assert 0 <= cx <= map_w - 320
        assert cy == level.height * TILE - 240  # the course is shorter than the screen: ground at its bottom
        player = calls[-1]
        assert player[:2] == ["sprite", "player"]
        assert player[3:5] == [frame["player"]["x"], frame["player"]["y"]]
        expected = "duck" if frame["ducking"] else ("jump" if frame["air"] > 0 else "run")
        assert player[2] == expected
        anims.add(player[2])
        if 0 < cx < map_w - 320:
            assert 60 <= frame["player"]["x"] - cx <= 100  # about a quarter from the left
        for call in calls[3:-1]:
            if call[0] == "sprite":
                keys.add(call[1].split(":")[0])
                kind = call[1].split(":")[0]
                assert call[2] == ("move" if kind in ("enemy", "boss") else "idle")
                if call[1] == "obstacle:Bar":
                    assert call[4] == cy  # hangs from the top of the screen
    assert {"run", "jump", "duck"} <= anims
    assert {"obstacle", "item", "enemy"} <= keys


def test_a_level_without_a_rule_constant_does_not_load(tmp_path: Path) -> None:
    level = plan_level(*PLANS[0])
    rules = dict(level.rules)
    del rules["gravity"]
    broken = level.model_copy(update={"rules": rules})
    command = [str(NODE), str(TRACE), "runner", *write(tmp_path, broken, None)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert "rules.gravity is missing" in done.stderr
    assert "gravity" in replay(broken).reason
