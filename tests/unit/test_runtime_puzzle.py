"""The puzzle runtime (maestro/runtime/genres/puzzle.js) against the Python rules model.

Every generated level's solution, seeded random scripts (blocked moves, several keys at once,
moves cut short) and a few hand-made boards are replayed in Node through tests/js/trace.js and in
Python through maestro.rules.puzzle; the player's sub-pixel position must agree on every step.
The runtime-only undo is checked through tests/js/undo_check.js against the model's state after
each completed move.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from maestro.labyrinth import puzzle
from maestro.level import Entity, LevelFile, Point, Solution
from maestro.plan import LevelPlan
from maestro.rules import puzzle as rules
from maestro.rules.inputs import DOWN, LEFT, RIGHT, UP, Script, expand
from maestro.spec import Genre

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
pytestmark = pytest.mark.usefixtures("node")

#: (difficulty, seed, crate hint): every difficulty, plus crate hints from none to clamped.
LEVELS = [(d, 40 + d, None) for d in range(1, 11)] + [(1, 7, 3), (2, 8, 0), (4, 9, 6), (7, 10, 99), (10, 11, 2)]


def plan(difficulty: int, seed: int, crates: int | None) -> LevelPlan:
    return LevelPlan(genre=Genre.PUZZLE, index=min(difficulty, 5), count=5, name=f"Storeroom {seed}",
                     difficulty=difficulty, seed=seed, crates=crates)


def generated(difficulty: int, seed: int, crates: int | None) -> LevelFile:
    return LevelFile.model_validate_json(puzzle.generate(plan(difficulty, seed, crates)).to_json())


def hand(rows: list[str], player: tuple[int, int], crates: list[tuple[int, int]], script: Script,
         **changed: int | list[int]) -> LevelFile:
    return LevelFile(
        genre=Genre.PUZZLE, index=1, name="Hand", difficulty=1, seed=0,
        rules={**rules.TUNING.to_rules(), **changed}, width=max(len(r) for r in rows), height=len(rows), rows=rows,
        player=Point(x=player[0] * 16, y=player[1] * 16),
        entities=[Entity(id=f"crate-{n}", kind="crate", name="Crate", x=c * 16, y=r * 16, w=16, h=16)
                  for n, (c, r) in enumerate(crates, start=1)],
        solution=Solution(inputs=script, steps=sum(n for _, n in script)), par=1,
    )


def python_trace(level: LevelFile, script: Script) -> dict[str, Any]:
    """What trace.js prints, from the Python model: positions after each step, stopping when done."""
    board, state = rules.load(level)
    positions = []
    for mask in expand(script):
        rules.step(board, state, mask)
        positions.append([state.player.x, state.player.y])
        if state.completed:
            break
    return {"positions": positions, "done": state.completed, "failed": "", "steps": state.step, "score": 0,
            "blocked": state.blocked}


#: Runs a harness as a plain function body with require/__dirname/process. trace.js declares a top-level
#: ``const module``, which clashes with CommonJS's own ``module``; Node 20 then retries the file as an
#: ES module, where ``require`` is missing. Used only when the plain run fails that way.
WRAPPER = ("const fs = require('fs'), path = require('path'), file = process.argv[1];"
           "new Function('require', '__dirname', '__filename', 'process', fs.readFileSync(file, 'utf8'))"
           "(require, path.dirname(file), file, process);")


def node(harness: str, *args: str) -> subprocess.CompletedProcess[str]:
    assert NODE is not None
    script = str(ROOT / "tests" / "js" / harness)
    run = subprocess.run([NODE, script, *args], capture_output=True, text=True, timeout=60, check=False)
    if run.returncode != 0 and "ES module scope" in run.stderr:
        run = subprocess.run([NODE, "-e", WRAPPER, script, *args], capture_output=True, text=True, timeout=60,
                             check=False)
    return run


def node_trace(tmp_path: Path, level: LevelFile, script: Script | None = None) -> dict[str, Any]:
    level_file = tmp_path / "level.json"
    level_file.write_bytes(level.to_json())
    args = [str(level_file)]
    if script is not None:
        inputs_file = tmp_path / "inputs.json"
        inputs_file.write_text(json.dumps(script))
        args.append(str(inputs_file))
    run = node("trace.js", "puzzle", *args)
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def assert_same(js: dict[str, Any], py: dict[str, Any]) -> None:
    assert len(js["positions"]) == len(py["positions"])
    for number, (a, b) in enumerate(zip(js["positions"], py["positions"], strict=True), start=1):
        assert a == b, f"step {number}: js {a} != python {b}"
    assert js["done"] == py["done"]
    assert js["failed"] == ""
    assert js["steps"] == py["steps"]
    assert js["score"] == 0


def random_script(rng: random.Random, steps: int) -> Script:
    """Held keys of random length: single directions, chords, nothing; runs not aligned to moves."""
    choices = [UP, DOWN, LEFT, RIGHT, UP | RIGHT, DOWN | LEFT, LEFT | RIGHT, UP | DOWN | LEFT, 0]
    script: Script = []
    while sum(n for _, n in script) < steps:
        script.append([rng.choice(choices), rng.randint(1, 20)])
    return script


# solutions --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("difficulty", "seed", "crates"), LEVELS)
def test_solution_replays_identically_in_node(tmp_path: Path, difficulty: int, seed: int, crates: int | None) -> None:
    level = generated(difficulty, seed, crates)
    py = python_trace(level, level.solution.inputs)
    assert py["done"] and py["steps"] == level.solution.steps
    assert_same(node_trace(tmp_path, level), py)


# other scripts ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("difficulty", "seed", "crates"), LEVELS[::3])
def test_random_scripts_agree_step_for_step(tmp_path: Path, difficulty: int, seed: int, crates: int | None) -> None:
    level = generated(difficulty, seed, crates)
    rng = random.Random(seed * 1009 + difficulty)
    blocked = 0
    for _ in range(4):
        script = random_script(rng, 400)
        py = python_trace(level, script)
        blocked += py["blocked"]
        assert_same(node_trace(tmp_path, level, script), py)
    assert blocked > 0, "the random scripts should run into walls or stuck crates"


def test_a_cut_short_solution_stops_in_the_same_place(tmp_path: Path) -> None:
    level = generated(6, 3, None)
    script = [list(run) for run in level.solution.inputs]
    script[-1][1] -= 3
    py = python_trace(level, script)
    assert not py["done"]
    assert_same(node_trace(tmp_path, level, script), py)


CORRIDOR = ["#######", "#....+#", "#######"]

Board = tuple[list[str], tuple[int, int], list[tuple[int, int]], Script, dict[str, int | list[int]]]

HAND: dict[str, Board] = {
    "crate into crate": (["########", "#....++#", "########"], (1, 1), [(2, 1), (3, 1)], [[RIGHT, 20], [LEFT, 9]], {}),
    "crate into wall": (["#######", "#+....#", "#######"], (3, 1), [(5, 1)], [[RIGHT, 30], [LEFT, 3], [RIGHT, 8]], {}),
    "walk into wall": (CORRIDOR, (1, 1), [(3, 1)], [[UP, 5], [DOWN, 5], [LEFT, 4], [RIGHT, 24]], {}),
    "fast rules": (CORRIDOR, (1, 1), [(2, 1)], [[RIGHT, 11], [0, 2], [RIGHT, 4]], {"move_steps": 4, "speed": 1024}),
    "priority from the file": (["#####", "#...#", "#...#", "#.+.#", "#####"], (2, 2), [(3, 1)],
                               [[UP | RIGHT, 8], [DOWN | LEFT, 8], [UP | DOWN | LEFT | RIGHT, 16], [LEFT | UP, 24]],
                               {"priority": [RIGHT, LEFT, DOWN, UP]}),
    "ragged rows": (["#####", "#...+..", "#.", "####"], (1, 1), [(2, 1)], [[DOWN, 8], [RIGHT, 8], [UP, 8], [RIGHT, 16]],
                    {}),
}


@pytest.mark.parametrize("name", sorted(HAND))
def test_hand_made_boards_agree(tmp_path: Path, name: str) -> None:
    rows, player, crates, script, changed = HAND[name]
    level = hand(rows, player, crates, script, **changed)
    py = python_trace(level, script)
    assert_same(node_trace(tmp_path, level, script), py)


BROKEN = ["speed", "priority", "missing", "no crates", "in a wall", "few targets", "off grid"]


@pytest.mark.parametrize("broken", BROKEN)
def test_unplayable_levels_are_refused_with_the_python_reason(tmp_path: Path, broken: str) -> None:
    level = hand(CORRIDOR, (1, 1), [(3, 1)], [[RIGHT, 8]])
    if broken == "speed":
        level.rules["speed"] = 100
    elif broken == "priority":
        level.rules["priority"] = [UP, UP, LEFT, RIGHT]
    elif broken == "missing":
        del level.rules["move_steps"]
    elif broken == "no crates":
        level.entities = []
    elif broken == "in a wall":
        level.entities[0].y = 0
    elif broken == "few targets":
        level.entities.append(level.entities[0].model_copy(update={"id": "crate-2", "x": 64}))
    else:
        level.entities[0].x = 50
    reason = rules.replay(level).reason
    assert reason
    level_file = tmp_path / "level.json"
    level_file.write_bytes(level.to_json())
    run = node("trace.js", "puzzle", str(level_file))
    assert run.returncode != 0
    assert f"Error: {reason}" in run.stderr


# undo (runtime only) ----------------------------------------------------------------------------

def python_states(level: LevelFile, script: Script) -> tuple[list[dict[str, Any]], rules.State]:
    """The model's state at the start and after each completed move of ``script``."""
    board, state = rules.load(level)
    unit = board.tuning.tile * 256

    def shot() -> dict[str, Any]:
        return {
            "player": [state.player.col, state.player.row, state.player.col * unit, state.player.row * unit],
            "crates": [[c.col, c.row, c.col * unit, c.row * unit] for c in state.crates],
            "moves": state.moves, "pushes": state.pushes, "history": "".join(state.history), "direction": 0,
        }

    states = [shot()]
    for mask in expand(script):
        rules.step(board, state, mask)
        if state.direction == 0 and state.moves == len(states):
            states.append(shot())
        if state.completed:
            break
    return states, state


def undo_check(tmp_path: Path, level: LevelFile, script: Script) -> dict[str, Any]:
    level_file, inputs_file = tmp_path / "level.json", tmp_path / "inputs.json"
    level_file.write_bytes(level.to_json())
    inputs_file.write_text(json.dumps(script))
    run = node("undo_check.js", str(level_file), str(inputs_file))
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def without_clock(state: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in state.items() if key not in ("step", "done")}


@pytest.mark.parametrize("cut", [0, 3, 13])
def test_undo_takes_back_one_move_at_a_time(tmp_path: Path, cut: int) -> None:
    """cut=0 stops on a move boundary; 3 and 13 stop in the middle of a move, which undo cancels."""
    level = generated(8, 5, None)
    steps = level.solution.steps - 3 * rules.TUNING.move_steps - cut
    script: Script = [[mask, 1] for mask in list(expand(level.solution.inputs))[:steps]]
    states, final = python_states(level, script)
    assert final.moves >= 5 and not final.completed
    result = undo_check(tmp_path, level, script)
    mid_move = final.direction != 0
    assert mid_move == (cut != 0)
    assert result["before"]["direction"] == final.direction
    assert result["before"]["player"][2:] == [final.player.x, final.player.y]
    assert [without_clock(s) for s in result["undos"]] == states[::-1][0 if mid_move else 1:]
    assert all(s["step"] == steps for s in result["undos"]), "undo does not turn back the clock"
    assert result["sounds"].count("undo") == len(result["undos"])
    assert {"push", "step"} <= set(result["sounds"])
    assert result["again"] == {"done": True, "steps": level.solution.steps, "moves": level.par,
                               "history": level.solution.moves}
    assert result["undoWhenDone"] is False


def test_undo_after_blocked_and_chorded_moves(tmp_path: Path) -> None:
    level = generated(3, 21, 2)
    script = random_script(random.Random(5), 300)
    states, final = python_states(level, script)
    if final.completed:
        pytest.skip("the random script happened to solve the level")
    result = undo_check(tmp_path, level, script)
    skip = 0 if final.direction != 0 else 1
    assert [without_clock(s) for s in result["undos"]] == states[::-1][skip:]
    assert result["again"]["done"] is True


def test_undo_is_not_part_of_the_replay_harness() -> None:
    assert "undo" not in (ROOT / "tests" / "js" / "trace.js").read_text()
    assert "undo" not in rules.__dict__


# drawing ----------------------------------------------------------------------------------------

DRAW = """
const fs = require("fs"), path = require("path"), vm = require("vm");
const [root, levelPath, steps, mask] = process.argv.slice(1);
const context = { console, Math, JSON, Object, Array, Number, String, Boolean, Error, Map, Set };
context.window = context;
vm.createContext(context);
for (const file of ["rules.js", "motion.js", "genres/puzzle.js", "rng.js"]) {
  vm.runInContext(fs.readFileSync(path.join(root, "maestro", "runtime", file), "utf8"), context);
}
const puzzle = context.Maestro.genres.puzzle;
const sim = puzzle.load(JSON.parse(fs.readFileSync(levelPath, "utf8")));
for (let i = 0; i < Number(steps); i++) puzzle.step(sim, Number(mask));
const calls = [];
const record = (name) => (...args) => calls.push([name, ...args.filter((a) => typeof a !== "object" || !a.rows)]);
const gfx = { w: puzzle.view.w, h: puzzle.view.h, tick: 0, colours: { accent: "#ff0" } };
for (const name of ["camera", "backgrounds", "tiles", "tile", "sprite", "rect"]) gfx[name] = record(name);
puzzle.draw(sim, gfx);
process.stdout.write(JSON.stringify({ calls, player: puzzle.player(sim), view: puzzle.view }));
"""


def draw_calls(tmp_path: Path, level: LevelFile, steps: int, mask: int) -> dict[str, Any]:
    assert NODE is not None
    level_file = tmp_path / "level.json"
    level_file.write_bytes(level.to_json())
    run = subprocess.run([NODE, "-e", DRAW, str(ROOT), str(level_file), str(steps), str(mask)],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def test_draw_centres_the_room_and_draws_every_crate(tmp_path: Path) -> None:
    level = generated(10, 50, None)
    result = draw_calls(tmp_path, level, 4, RIGHT)
    assert result["view"] == {"w": 320, "h": 240}
    calls = result["calls"]
    assert calls[0] == ["camera", (level.width * 16 - 320) // 2, (level.height * 16 - 240) // 2]
    assert calls[0][1] < 0 and calls[0][2] < 0
    assert ["tiles", {"side": False}] in calls
    crates = [c for c in calls if c[0] == "sprite" and c[1] == "crate:Crate"]
    assert len(crates) == len([e for e in level.entities if e.kind == "crate"])
    # Where the rules have the crates after the same steps: the first move may be a push (tight
    # rooms often start with the player against a crate), so a crate can be half-way along.
    board, state = rules.load(level)
    for _ in range(4):
        rules.step(board, state, RIGHT)
    assert [c[3:5] for c in crates] == [[crate.x // 256, crate.y // 256] for crate in state.crates]
    targets = [c for c in calls if c[0] == "tile" and c[1] == "target"]
    assert len(targets) == sum(row.count("+") for row in level.rows)
    player = calls[-1]
    assert player[:2] == ["sprite", "player"] and player[3:5] == [result["player"]["x"], result["player"]["y"]]


def test_draw_faces_the_way_the_player_moves_and_marks_crates_on_targets(tmp_path: Path) -> None:
    level = hand(CORRIDOR, (3, 1), [(4, 1)], [[RIGHT, 8]])
    moving = draw_calls(tmp_path, level, 3, RIGHT)["calls"]
    assert moving[-1][:3] == ["sprite", "player", "right"] and moving[-1][3] == 3 * 16 + 3 * 2
    assert moving[-1][-1] == {}, "the walk animation plays while moving"
    done = draw_calls(tmp_path, level, 8, RIGHT)["calls"]
    crate = next(c for c in done if c[0] == "sprite" and c[1] == "crate:Crate")
    assert crate[3:5] == [5 * 16, 16] and crate[-1]["alpha"] < 1
    assert any(c[0] == "rect" for c in done)
    assert done[-1][-1] == {"frame": 0}, "an idle player stands still"
    up = draw_calls(tmp_path, level, 1, UP)["calls"]
    assert up[-1][2] == "up", "a blocked move still turns the player"
