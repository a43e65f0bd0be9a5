"""The runtime's platformer module (maestro/runtime/genres/platformer.js) against the Python rules model.

Each case writes a generated level file, replays a script through an inline Node harness (the
runtime files loaded as ``tests/js/runtime.js`` loads them) and through
:mod:`maestro.rules.platformer`, and compares after every step the player's sub-pixel position
and the rest of the state the rules keep (speeds, swing and cooldown, grace, kills, which actors
are gone and the hit points they lost, where the chasers stand, the shots in flight), then the
step count, the score, the failure reason and whether the level was completed. Scripts are the
shipped solutions plus seeded non-solutions (random masks, a run-right-and-jump player, a jump
tapper, a fighter that swings as it goes, solutions with their tail replaced) so that falling,
spikes, enemy touches, dashes (SECONDARY), wall jumps, double jumps, swings that strike and kill,
chasers walking, turret shots, chargers winding up, charging, resting and falling, bolts (the
ranged attack) flying, stopping at walls and striking, and multi-hit bosses are compared too; a
coverage test makes sure the cross-checked scripts really reach each of those rules.

A hand-built level (every actor kind, loop motion, void cells, chasers, chargers and a turret
with and without ground, a boss that cannot die guarding the goal) with plain, all-ability,
ranged and odd constants is swept with many short random scripts through one inline Node process, and two
dropped-player levels pin the stomp margin's exact boundary.

The module's contract besides the rules (drawing, camera, sound effects that must not change the
simulation, refusing a file without its constants) is checked through a small inline Node harness.
"""

import functools
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from maestro.labyrinth.platformer import generate
from maestro.level import Entity, LevelFile, Motion, Point, Solution
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rules import platformer as platformer_rules
from maestro.rules.geometry import SUB, overlaps
from maestro.rules.inputs import ACTION, JUMP, LEFT, NONE, RIGHT, SECONDARY, UP, Script, expand
from maestro.rules.platformer import (
    CALM,
    CHARGING,
    RESTING,
    WINDUP,
    Progress,
    Tuning,
    World,
    actor_box,
    charge_of,
    replay,
    step,
)
from maestro.spec import Behaviour, Genre, ItemKind, Mechanic

ROOT = Path(__file__).resolve().parents[2]
TRACE = ROOT / "tests" / "js" / "trace.js"
RUNTIME = ROOT / "maestro" / "runtime"
NODE = shutil.which("node")

pytestmark = pytest.mark.usefixtures("node")

FOES = (Foe("Beetle", Behaviour.PATROL), Foe("Bat", Behaviour.FLY), Foe("Frog", Behaviour.HOP))
MORE_FOES = (Foe("Turret", Behaviour.TURRET), Foe("Hound", Behaviour.CHASE), Foe("Wasp", Behaviour.ZIGZAG))
PICKUPS = (Pickup("Gem", ItemKind.COLLECTIBLE, 5), Pickup("Star", ItemKind.COLLECTIBLE, 25))
HOUNDS = (Foe("Hound", Behaviour.CHASE), Foe("Cannon", Behaviour.TURRET))
KING = Foe("Rot King", Behaviour.PATROL)
DOUBLE, WALL, DASH, SHOOT = Mechanic.DOUBLE_JUMP, Mechanic.WALL_SLIDE, Mechanic.DASH, Mechanic.SHOOT
BOARS = (Foe("Boar", Behaviour.CHARGE), Foe("Beetle", Behaviour.PATROL), Foe("Bull", Behaviour.CHARGE))

#: (difficulty, seed, abilities, boss, extra plan fields): every difficulty, each ability, bosses.
CASES: list[tuple[int, int, frozenset[Mechanic], Foe | None, dict[str, Any]]] = [
    (1, 11, frozenset(), None, {}),
    (1, 12, frozenset(), KING, {"enemies": 0}),
    (2, 22, frozenset({DOUBLE}), None, {}),
    (3, 33, frozenset({WALL}), None, {}),
    (4, 44, frozenset({DASH}), None, {"foes": MORE_FOES}),
    (5, 55, frozenset(), None, {}),
    (5, 56, frozenset({DOUBLE}), KING, {}),
    (6, 66, frozenset({DOUBLE, WALL, DASH}), None, {}),
    (7, 77, frozenset({WALL}), KING, {"foes": MORE_FOES}),
    (8, 88, frozenset(), KING, {}),
    (8, 89, frozenset({WALL, DASH}), None, {"enemies": 12}),
    (9, 99, frozenset({DASH}), KING, {}),
    (10, 100, frozenset({DOUBLE, WALL, DASH}), KING, {}),
    (10, 101, frozenset(), None, {"foes": FOES + MORE_FOES}),
    (3, 31, frozenset({DASH}), KING, {"foes": HOUNDS}),
    (6, 61, frozenset(), None, {"foes": HOUNDS, "enemies": 8}),
    (9, 91, frozenset({DOUBLE}), KING, {"foes": HOUNDS}),
    (4, 41, frozenset(), None, {"foes": BOARS, "enemies": 6}),
    (8, 81, frozenset({DASH}), KING, {"foes": BOARS + HOUNDS}),
    (3, 32, frozenset({SHOOT}), KING, {}),
    (6, 62, frozenset({SHOOT, DOUBLE}), None, {"foes": BOARS + HOUNDS, "enemies": 8}),
    (9, 92, frozenset({SHOOT, WALL}), KING, {"foes": FOES + MORE_FOES + BOARS}),
]
IDS = [f"d{d}-s{seed}{'-boss' if boss else ''}{''.join('-' + a.value for a in sorted(abilities))}"
       for d, seed, abilities, boss, _ in CASES]

#: Non-solution scripts cross-checked per level.
SCRIPT_KINDS = ("random", "runner", "hopper", "fighter", "detour")


@functools.cache
def level_for(case: int) -> LevelFile:
    difficulty, seed, abilities, boss, extra = CASES[case]
    fields: dict[str, Any] = {
        "genre": Genre.PLATFORMER, "index": 1 + case % 3, "count": 3, "name": f"Case {case}",
        "difficulty": difficulty, "seed": seed, "foes": FOES, "pickups": PICKUPS,
        "abilities": abilities, "boss": boss,
    }
    fields.update(extra)
    level = generate(LevelPlan(**fields))
    return LevelFile.model_validate_json(level.to_json())


def script_for(case: int, kind: str) -> Script:
    """A seeded non-solution: random masks, a right-running jumper, a jump tapper, or the solution gone astray."""
    level = level_for(case)
    rng = random.Random(f"{kind}-{case}-{level.seed}")
    script: Script = []
    if kind == "random":
        while sum(steps for _, steps in script) < 600:
            script.append([rng.randrange(128), rng.randint(1, 30)])
    elif kind == "runner":
        while sum(steps for _, steps in script) < 2400:
            mask = RIGHT if rng.random() < 0.85 else LEFT
            if rng.random() < 0.6:
                mask |= rng.choice((JUMP, JUMP, UP))
            if rng.random() < 0.2:
                mask |= rng.choice((ACTION, SECONDARY))
            script.append([mask, rng.randint(1, 24)])
            script.append([rng.choice((RIGHT, NONE, RIGHT | ACTION, RIGHT | SECONDARY)), rng.randint(1, 6)])
    elif kind == "hopper":  # taps jump every few steps while running: wall jumps and double jumps
        while sum(steps for _, steps in script) < 2400:
            direction = RIGHT if rng.random() < 0.8 else LEFT
            script.append([direction | JUMP | (ACTION if rng.random() < 0.1 else 0), rng.randint(2, 8)])
            script.append([direction, rng.randint(1, 6)])
    elif kind == "fighter":  # walks right swinging at whatever comes, now and then standing to let it come
        while sum(steps for _, steps in script) < 2400:
            move = rng.choice((RIGHT, RIGHT, RIGHT, NONE, LEFT))
            script.append([move | ACTION | (JUMP if rng.random() < 0.25 else 0), 1])
            script.append([move | (JUMP if rng.random() < 0.15 else 0), rng.randint(3, 24)])
    else:  # the shipped solution up to a seeded point, then a different player
        masks = list(expand(level.solution.inputs))
        cut = rng.randrange(len(masks) // 4, len(masks) - 1)
        script = [[mask, 1] for mask in masks[:cut]]
        while sum(steps for _, steps in script) < len(masks) + 600:
            script.append([rng.choice((RIGHT, RIGHT | JUMP, NONE, LEFT | JUMP, RIGHT | ACTION, RIGHT | SECONDARY)),
                           rng.randint(1, 20)])
    return script


#: Replays scripts through the runtime's platformer module and prints, per script, the verdict
#: ``python_verdict`` gives: positions and full states after every step, done, failed, steps, score.
FULL = r"""
const fs = require("fs"), path = require("path");
const [tests, levelPath, scriptsPath] = process.argv.slice(1);
const { loadRuntime } = require(path.join(tests, "runtime.js"));
const genre = loadRuntime("platformer").Maestro.genres.platformer;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const scripts = scriptsPath ? JSON.parse(fs.readFileSync(scriptsPath, "utf8")) : [level.solution.inputs];
const verdicts = scripts.map((inputs) => {
  const sim = genre.load(level);
  const positions = [], states = [];
  outer: for (const [mask, steps] of inputs) {
    for (let i = 0; i < steps; i++) {
      genre.step(sim, mask);
      positions.push(genre.trace(sim));
      const b = sim.body;
      states.push([b.vx, b.vy, b.facing, b.swing, b.cooldown, sim.grace, sim.kills, sim.mobs.slice(),
        sim.shots.map((shot) => shot.slice()), sim.gone.map((g) => (g ? 1 : 0)), sim.hits.slice(),
        sim.charges.map((c) => c.slice()), sim.bolts.map((bolt) => bolt.slice())]);
      if (sim.done || sim.failed) break outer;
    }
  }
  return { positions, states, done: !!sim.done, failed: sim.failed || "", steps: sim.step, score: sim.score,
    status: genre.status(sim) };
});
process.stdout.write(JSON.stringify(verdicts));
"""


def run_js_many(tmp_path: Path, level: LevelFile, scripts: list[Script] | None = None) -> list[dict[str, Any]]:
    """The runtime's verdicts for ``scripts`` (the shipped solution by default), from one Node process."""
    level_file = tmp_path / f"level-{level.seed}.json"
    level_file.write_bytes(level.to_json())
    command = [str(NODE), "-e", FULL, str(ROOT / "tests" / "js"), str(level_file)]
    if scripts is not None:
        scripts_file = tmp_path / f"scripts-{level.seed}.json"
        scripts_file.write_text(json.dumps(scripts))
        command.append(str(scripts_file))
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def run_js(tmp_path: Path, level: LevelFile, inputs: Script | None = None) -> dict[str, Any]:
    """The runtime's verdict for one script (the shipped solution by default)."""
    return run_js_many(tmp_path, level, None if inputs is None else [inputs])[0]


@functools.cache
def run_python(case: int, kind: str) -> tuple[dict[str, Any], frozenset[str]]:
    """The verdict for a generated case and one of its scripts (``solution`` or a kind of non-solution)."""
    level = level_for(case)
    return python_verdict(level, level.solution.inputs if kind == "solution" else script_for(case, kind))


def python_verdict(level: LevelFile, inputs: Script) -> tuple[dict[str, Any], frozenset[str]]:
    """The same verdict as ``trace.js`` from the rules model, stopping where it stops, and the rules used."""
    world = World.from_level(level)
    t = world.tuning
    body, progress = world.spawn(level.player.x, level.player.y), Progress()
    positions: list[list[int]] = []
    states: list[list[Any]] = []
    events: set[str] = set()
    for mask in expand(inputs):
        before, was = body.copy(), progress.copy()
        step(world, body, progress, mask)
        positions.append([body.x, body.y])
        states.append(_state(world, body, progress))
        events |= _events(world, before, was, body, progress, mask, t.run_speed, t.wall_slide_max)
        if progress.done or progress.failed:
            break
    for tag in ("fell", "spikes", "touched", "shot"):
        if progress.failed.startswith(tag) or progress.failed.startswith("landed on " + tag):
            events.add("failed:" + tag)
    verdict = {"positions": positions, "states": states, "done": progress.done, "failed": progress.failed,
               "steps": progress.step, "score": progress.score, "status": _status(world, body, progress)}
    return verdict, frozenset(events)


def _status(world: World, body: Any, progress: Progress) -> dict[str, int | None]:
    """``status(sim)`` as the runtime should report it: enemies and bosses left, kills, the nearest one's distance."""
    px, py = body.x + world.pw // 2, body.y + world.ph // 2
    distances = []
    for index, actor in enumerate(world.actors):
        if actor.kind in ("enemy", "boss") and not progress.gone >> index & 1:
            x, y, w, h = actor_box(world, progress, index)
            distances.append(max(abs(x + w // 2 - px), abs(y + h // 2 - py)))
    return {"enemies": len(distances), "kills": progress.kills, "bullets": len(progress.shots),
            "nearest": min(distances) // SUB if distances else None}


def _state(world: World, body: Any, progress: Progress) -> list[Any]:
    """What the harness prints per step besides the position, in the runtime's layout (arrays, not bits)."""
    count = len(world.actors)
    return [body.vx, body.vy, body.facing, body.swing, body.cooldown, progress.grace, progress.kills,
            [actor_box(world, progress, index)[0] for index in world.chasers],
            [list(shot) for shot in progress.shots],
            [progress.gone >> index & 1 for index in range(count)],
            [progress.hits_on(index) for index in range(count)],
            [list(charge_of(world, progress, order)) for order in range(len(world.chargers))],
            [list(bolt) for bolt in progress.bolts]]


def _events(world: World, before: Any, was: Progress, body: Any, progress: Progress, mask: int,
            run_speed: int, slide_max: int) -> set[str]:
    """Which rules one step exercised, read from the state before and after it."""
    t = world.tuning
    events: set[str] = set()
    pressed = bool(mask & (JUMP | UP)) and not before.jump_held
    airborne = not before.on_ground and before.coyote == 0
    if t.dash and mask & SECONDARY and not before.secondary_held and before.on_ground:
        events.add("dash")
    if body.swing == t.attack_active:
        events.add("swing")
    if pressed and airborne and t.wall_slide and before.wall != 0:
        events.add("wall_jump")
    elif pressed and airborne and t.double_jump and before.air_jumps > 0:
        events.add("double_jump")
    if t.wall_slide and body.vy == slide_max and not body.on_ground:
        events.add("wall_slide")
    stomped = progress.grace == t.stomp_grace and was.grace != t.stomp_grace
    if stomped:
        events.add("stomp")
    struck = not stomped and (progress.hits > was.hits or progress.kills > was.kills)
    if progress.hits > was.hits:
        events.add("boss_hit")
        if not stomped:
            events.add("bolt_hit" if t.ranged else "swing_hit")
    if progress.kills > was.kills and not stomped:
        events.add("bolt_kill" if t.ranged else "swing_kill")
    events |= _bolt_events(world, before, was, progress, mask, struck)
    events |= _charge_events(world, was, progress, stomped)
    if body.struck and body.swing > 0 and body.vx == -body.facing * t.attack_recoil:
        events.add("recoil")
    newly = progress.gone & ~was.gone
    for index, actor in enumerate(world.actors):
        if newly >> index & 1:
            events.add(f"gone:{actor.kind}")
    if any(actor_box(world, progress, i)[0] != actor_box(world, was, i)[0] for i in world.chasers):
        events.add("chase")
    size = t.shot_size * SUB
    muzzles = {(world.actors[i].x + world.actors[i].w, i) for i in world.turrets}
    muzzles |= {(world.actors[i].x - size, i) for i in world.turrets}
    if any((x, owner) in muzzles for x, _, _, owner in progress.shots):
        events.add("turret_shot")
    if len(progress.shots) < len(was.shots) and body.swing == 0:
        events.add("shot_stopped")
    if len(progress.shots) < len(was.shots) and body.swing > 0:
        events.add("shot_swung")
    if was.grace > 1 and not progress.failed and _touching_harmful(world, body, progress):
        events.add("grace_saved")
    if progress.done:
        events.add("done")
    if not progress.done and not progress.failed and world.bosses and progress.gone & world.bosses != world.bosses \
            and _on_goal(world, body):
        events.add("boss_gate")
    return events


def _bolt_events(world: World, before: Any, was: Progress, progress: Progress, mask: int, struck: bool) -> set[str]:
    """Bolts fired, flying on, stopped by a solid tile (a step that lost more bolts than it struck foes)."""
    t = world.tuning
    if not t.ranged:
        return set()
    events: set[str] = set()
    fired = bool(mask & ACTION) and not before.action_held and before.cooldown <= 1
    if fired:
        events.add("bolt")
    if any((x + d * t.bolt_speed, y, d) in progress.bolts for x, y, d in was.bolts):
        events.add("bolt_flew")
    if len(was.bolts) + fired - len(progress.bolts) > (1 if struck else 0):
        events.add("bolt_wall")
    if struck:  # no swing in a ranged game: a foe struck and not stomped was struck by a bolt
        events.add("bolt_strike")
    return events


def _charge_events(world: World, was: Progress, progress: Progress, stomped: bool) -> set[str]:
    """A charger's wind-up, charge, where the charge ended, the rest, and how a charger fell."""
    t = world.tuning
    events: set[str] = set()
    for order, index in enumerate(world.chargers):
        a, b = charge_of(world, was, order), charge_of(world, progress, order)
        if a[1] == CALM and b[1] == WINDUP:
            events.add("windup")
        if a[1] == WINDUP and b[1] == CHARGING:
            events.add("charge")
        if b[1] == CHARGING and b[0] != a[0]:
            events.add("charging")
        if a[1] == CHARGING and b[1] == RESTING:
            left, right = world.grounds[index]
            if b[0] in (left, right - world.actors[index].w):
                events.add("charge_ground_end")
            elif b[4] >= t.charge_length * SUB:
                events.add("charge_length")
            else:
                events.add("charge_blocked")
        if a[1] == RESTING and b[1] == CALM:
            events.add("rested")
        if progress.gone >> index & 1 and not was.gone >> index & 1:
            events.add("charger_stomped" if stomped else "charger_shot" if t.ranged else "charger_swung")
        if progress.failed.startswith(f"touched {world.actors[index].name}") and b[1] == CHARGING:
            events.add("failed:charged")
    return events


def _on_goal(world: World, body: Any) -> bool:
    ts = world.ts
    return any(world.tile(col, row) == ord("G")
               for col in range(body.x // ts, (body.x + world.pw - 1) // ts + 1)
               for row in range(body.y // ts, (body.y + world.ph - 1) // ts + 1))


def _touching_harmful(world: World, body: Any, progress: Progress) -> bool:
    for index, actor in enumerate(world.actors):
        if actor.kind != "item" and not progress.gone >> index & 1:
            ax, ay, aw, ah = actor_box(world, progress, index)
            if overlaps(body.x, body.y, world.pw, world.ph, ax, ay, aw, ah):
                return True
    return False


def _assert_same(js: dict[str, Any], py: dict[str, Any]) -> None:
    assert len(js["positions"]) == len(py["positions"])
    for n, (a, b) in enumerate(zip(js["positions"], py["positions"], strict=True)):
        assert a == b, f"positions differ after step {n + 1}: js {a}, python {b}"
    if "states" in js:
        for n, (a, b) in enumerate(zip(js["states"], py["states"], strict=True)):
            assert a == b, f"states differ after step {n + 1}: js {a}, python {b}"
        assert js["status"] == py["status"]
    assert js["done"] == py["done"]
    assert js["failed"] == py["failed"]
    assert js["steps"] == py["steps"]
    assert js["score"] == py["score"]


@pytest.mark.parametrize("case", range(len(CASES)), ids=IDS)
def test_shipped_solution_traces_identically(case: int, tmp_path: Path) -> None:
    level = level_for(case)
    py, _ = run_python(case, "solution")
    assert py["done"] and py["steps"] == level.solution.steps
    outcome = replay(level)
    assert outcome.completed and outcome.score == py["score"]
    _assert_same(run_js(tmp_path, level), py)


@pytest.mark.parametrize("case", range(len(CASES)), ids=IDS)
def test_other_scripts_trace_identically(case: int, tmp_path: Path) -> None:
    level = level_for(case)
    verdicts = run_js_many(tmp_path, level, [script_for(case, kind) for kind in SCRIPT_KINDS])
    for kind, js in zip(SCRIPT_KINDS, verdicts, strict=True):
        py, _ = run_python(case, kind)
        try:
            _assert_same(js, py)
        except AssertionError as error:
            raise AssertionError(f"{kind}: {error}") from error


def test_cross_checked_scripts_reach_every_rule() -> None:
    """The cases above are only worth their time if they exercise each rule the port could get wrong."""
    seen: set[str] = set()
    failures = set()
    for case in range(len(CASES)):
        for kind in ("solution", *SCRIPT_KINDS):
            verdict, events = run_python(case, kind)
            seen |= events
            if verdict["failed"]:
                failures.add(verdict["failed"].split(" at ")[0])
    wanted = {"dash", "wall_jump", "wall_slide", "double_jump", "stomp", "boss_hit", "gone:boss", "gone:enemy",
              "gone:item", "grace_saved", "done", "failed:fell", "failed:spikes", "failed:touched",
              "swing", "swing_hit", "swing_kill", "recoil", "chase", "turret_shot", "shot_stopped",
              "windup", "charge", "charging", "charge_ground_end", "rested", "charger_stomped", "charger_swung",
              "charger_shot", "failed:charged", "bolt", "bolt_flew", "bolt_wall", "bolt_strike", "bolt_hit",
              "bolt_kill"}
    assert wanted <= seen, f"never exercised: {sorted(wanted - seen)}"
    assert any(f.startswith("touched Saw") for f in failures), failures
    assert any(f.startswith("touched Rot King") for f in failures) or "gone:boss" in seen


# --- the rest of the module contract, through an inline harness ---------------------------------------------

HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const [runtime, levelPath, withAudio] = process.argv.slice(1);
const context = { console, Math, JSON, Object, Array, Number, String, Boolean, Error, Map, Set };
context.window = context;
vm.createContext(context);
for (const file of ["rules.js", "motion.js", path.join("genres", "platformer.js"), "rng.js"]) {
  vm.runInContext(fs.readFileSync(path.join(runtime, file), "utf8"), context, { filename: file });
}
const sounds = [];
if (withAudio === "1") context.Maestro.audio = { sfx: (name) => { sounds.push(name); throw new Error("x"); } };
const genre = context.Maestro.genres.platformer;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const sim = genre.load(level);
const calls = [];
let tick = 0;
const gfx = {
  w: genre.view.w, h: genre.view.h,
  get tick() { return tick; },
  camera: (x, y) => calls.push(["camera", x, y]),
  backgrounds: (x, y) => calls.push(["backgrounds", x, y]),
  tiles: (lv, opts) => calls.push(["tiles", lv === level, opts]),
  tile: () => calls.push(["tile"]),
  sprite: (key, anim, x, y, w, h, opts) => calls.push(["sprite", key, anim, x, y, w, h, opts || {}]),
  rect: (x, y, w, h, colour) => calls.push(["rect", x, y, w, h, colour]),
  colours: {},
};
const positions = [], frames = [];
outer: for (const [mask, steps] of level.solution.inputs) {
  for (let i = 0; i < steps; i++) {
    genre.step(sim, mask);
    positions.push(genre.trace(sim));
    const before = JSON.stringify([sim.body, sim.step, sim.score, sim.gone, sim.hits, sim.grace, sim.kills, sim.mobs,
      sim.shots, sim.flash, sim.puffs, sim.charges, sim.bolts]);
    calls.length = 0;
    genre.draw(sim, gfx);
    tick++;
    const after = JSON.stringify([sim.body, sim.step, sim.score, sim.gone, sim.hits, sim.grace, sim.kills, sim.mobs,
      sim.shots, sim.flash, sim.puffs, sim.charges, sim.bolts]);
    const rushing = (state) =>  // chargers not defeated in this state (1 winding up, 2 charging)
      sim.chargers.filter((i) => !sim.gone[i] && sim.charges[sim.actors[i].order][1] === state).length;
    frames.push({ calls: calls.slice(), player: genre.player(sim), trace: genre.trace(sim),
                  unchanged: before === after, grace: sim.grace, swing: sim.body.swing, shots: sim.shots.length,
                  puffs: sim.puffs.length, flashing: sim.flash.map((at) => sim.step - at < 12),
                  bolts: sim.bolts.length, windup: rushing(1), charging: rushing(2),
                  status: genre.status(sim), foes: genre.foes(sim) });
    if (sim.done || sim.failed) break outer;
  }
}
let refused = "";
try { genre.load(Object.assign({}, level, { rules: Object.assign({}, level.rules, { gravity: undefined }) })); }
catch (e) { refused = String(e.message); }
let mistyped = "";
try { genre.load(Object.assign({}, level, { rules: Object.assign({}, level.rules, { dash: 1 }) })); }
catch (e) { mistyped = String(e.message); }
process.stdout.write(JSON.stringify({ view: genre.view, positions, frames, sounds, done: sim.done,
  score: sim.score, gone: sim.gone.filter(Boolean).length, refused, mistyped }));
"""


def run_harness(tmp_path: Path, level: LevelFile, audio: bool) -> dict[str, Any]:
    level_file = tmp_path / "level.json"
    level_file.write_bytes(level.to_json())
    done = subprocess.run([str(NODE), "-e", HARNESS, str(RUNTIME), str(level_file), "1" if audio else "0"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def boss_case(wanted: frozenset[str] = frozenset({"boss_hit", "swing", "stomp"})) -> int:
    """A case whose solution reaches ``wanted``: by default it hits the boss and swings, so a boss
    flashes and arcs show while the harness draws."""
    for case in range(len(CASES)):
        _, events = run_python(case, "solution")
        if wanted <= events:
            return case
    raise AssertionError(f"no shipped solution reaches {sorted(wanted)}")


#: What the drawn solutions must reach: a sword fight with a boss, chargers winding up and
#: charging (their tells drawn), a ranged fight (bolts drawn).
DRAWN = {"sword": frozenset({"boss_hit", "swing", "stomp"}), "chargers": frozenset({"windup", "charging", "swing"}),
         "ranged": frozenset({"bolt", "bolt_strike", "bolt_kill"})}


def test_sound_effects_fire_and_never_change_the_simulation(tmp_path: Path) -> None:
    case = boss_case()
    level = level_for(case)
    silent, loud = run_harness(tmp_path, level, False), run_harness(tmp_path, level, True)
    py, _ = run_python(case, "solution")
    assert silent["positions"] == loud["positions"] == py["positions"]
    assert silent["score"] == loud["score"] == py["score"] and loud["done"]
    assert silent["sounds"] == []
    assert {"jump", "stomp", "collect"} <= set(loud["sounds"])


@pytest.mark.parametrize("fight", DRAWN)
def test_draw_follows_the_player_and_names_every_sprite(fight: str, tmp_path: Path) -> None:
    case = boss_case(DRAWN[fight])
    level = level_for(case)
    result = run_harness(tmp_path, level, False)
    assert result["view"] == {"w": 320, "h": 240}
    width, height = level.width * 16, level.height * 16
    kinds = {f"{e.kind}:{e.name}" for e in level.entities}
    anims: set[str] = set()
    flashed = swung = puffed = shot = told = False
    for frame in result["frames"]:
        assert frame["unchanged"]
        calls = frame["calls"]
        (_, cx, cy), (_, bx, by), (_, same_level, opts) = calls[:3]
        assert [calls[0][0], calls[1][0], calls[2][0]] == ["camera", "backgrounds", "tiles"]
        assert (cx, cy) == (bx, by) and same_level and opts == {"side": True}
        assert 0 <= cx <= max(0, width - 320) and 0 <= cy <= max(0, height - 240)
        px, py = frame["player"]["x"], frame["player"]["y"]
        assert frame["trace"][0] // 256 == px and frame["trace"][1] // 256 == py
        if 160 <= px <= width - 170:  # away from the map's ends the camera centres the player
            assert cx == px + 6 - 160
        sprites = [call for call in calls if call[0] == "sprite"]
        rects = [call for call in calls if call[0] == "rect"]
        assert bool(rects) == bool(frame["swing"] or frame["shots"] or frame["puffs"] or frame["bolts"]
                                   or frame["windup"] or frame["charging"])
        swung |= frame["swing"] > 0 and bool(rects)
        puffed |= frame["puffs"] > 0 and bool(rects)
        shot |= frame["bolts"] > 0 and bool(rects)
        told |= frame["windup"] > 0 and bool(rects)
        if frame["swing"] > 0:  # the arc is drawn over the player
            assert calls[-1][0] == "rect" and calls.index(sprites[-1]) < len(calls) - 1
        assert frame["status"]["enemies"] == len(frame["foes"])
        player = sprites[-1]
        assert player[1:7] == ["player", player[2], px, py, 12, 14]
        anims.add(player[2])
        for sprite in sprites[:-1]:
            key, anim, sprite_opts = sprite[1], sprite[2], sprite[7]
            assert key in kinds
            kind = key.split(":")[0]
            assert anim in ("move", "idle") and (kind in ("enemy", "boss") or anim == "idle")
            if "alpha" in sprite_opts:  # struck, or a charger winding up
                assert kind in ("boss", "enemy") and (any(frame["flashing"]) or frame["windup"])
                flashed = True
    assert {"run", "jump"} <= anims and ("idle" in anims or fight == "ranged")  # a gunner may never stand still
    assert flashed and puffed
    assert swung == ("swing" in DRAWN[fight]) and shot == ("bolt" in DRAWN[fight])
    assert told or "windup" not in DRAWN[fight]
    last_sprites = [call for call in result["frames"][-1]["calls"] if call[0] == "sprite"]
    assert result["gone"] > 0
    assert len(last_sprites) - 1 == len(level.entities) - result["gone"]  # collected and defeated: not drawn


def test_a_level_file_without_its_constants_is_refused(tmp_path: Path) -> None:
    result = run_harness(tmp_path, level_for(0), False)
    assert "rules.gravity" in result["refused"]
    assert "rules.dash" in result["mistyped"]


# --- hand-built levels, many short random scripts, through one Node process ---------------------------------

ODD = Tuning(player_w=10, player_h=13, gravity=61, max_fall=1111, run_speed=500, run_accel=50, air_accel=33,
             friction=70, air_friction=9, jump_velocity=1190, jump_cut=300, coyote=3, double_jump=True,
             double_jump_velocity=1000, wall_slide=True, wall_slide_max=300, dash=True, dash_speed=900,
             stomp_bounce=777, stomp_margin=3, stomp_grace=9, attack_reach=15, attack_active=5, attack_cooldown=17,
             attack_recoil=400, attack_grace=7, chase_speed=150, sight=90, sight_band=20, turret_period=50,
             shot_speed=270, shot_size=5, charge_speed=700, charge_windup=11, charge_rest=23, charge_length=70,
             bolt_speed=777, bolt_size=5)
#: Odd constants with the ranged attack: bolts instead of the swing.
RANGED = Tuning(double_jump=True, dash=True, ranged=True, bolt_speed=600, bolt_size=7, charge_speed=1000,
                charge_windup=17, charge_length=120)


def built_level(tuning: Tuning, spawn_x: int) -> LevelFile:
    """Ground, a pit, spikes, one-way platforms, walls, a ceiling, void cells, and every kind of actor.

    The goal stands behind a boss that cannot die (its nine hit points outlast the seven hits
    counted), so this level is never completed: it checks the gate, not the finish."""
    width, height, surface = 48, 15, 11
    grid = [["."] * width for _ in range(height)]
    for col in range(width):
        if col not in (24, 25, 26):
            for row in range(surface, height):
                grid[row][col] = "#"
    grid[surface - 1][18] = "^"
    for col in range(8, 13):
        grid[8][col] = "="
    for row in range(8, surface):
        grid[row][15] = "#"
    for row in range(5, surface):
        grid[row][34] = "#"
    for col in range(4, 7):
        grid[5][col] = "#"
    for row in range(8, surface):
        grid[row][45] = "G"
    for col in range(0, 6):
        grid[1][col] = " "
    ground = surface * 16

    def entity(n: int, kind: str, name: str, x: int, y: int, w: int, h: int, motion: Motion | None = None,
               hp: int = 1, points: int = 0, behaviour: str | None = None,
               ground: tuple[int, int] | None = None) -> Entity:
        params = {"left": ground[0], "right": ground[1]} if ground else {}
        return Entity(id=f"{kind}-{n}", kind=kind, name=name, x=x, y=y, w=w, h=h, motion=motion, hp=hp,
                      points=points, behaviour=behaviour, params=params)

    def path(*points: tuple[int, int]) -> list[Point]:
        return [Point(x=x, y=y) for x, y in points]

    entities = [
        entity(1, "boss", "Big", 60, ground - 24, 28, 24, Motion(path=path((40, ground - 24), (90, ground - 24)),
                                                                    period=200), hp=5, points=500),
        entity(2, "enemy", "Blob", 100, ground - 12, 14, 12, points=100),
        entity(3, "enemy", "Hopper", 130, ground - 12, 14, 12,
               Motion(path=path((130, ground - 12), (130, ground - 40)), period=40, offset=13), points=100),
        entity(4, "item", "Gem", 150, ground - 40, 10, 10, points=5),
        entity(5, "enemy", "Walker", 200, ground - 12, 14, 12,
               Motion(path=path((200, ground - 12), (260, ground - 12)), period=120, offset=7), points=100),
        entity(6, "hazard", "Saw", 290, ground - 14, 14, 14,
               Motion(path=path((290, ground - 64), (290, ground - 14)), period=50), points=0),
        entity(7, "enemy", "Bird", 300, 120, 14, 10,
               Motion(path=path((300, 120), (340, 100), (320, 140)), period=90, mode="loop", offset=5), points=100),
        entity(8, "boss", "Giant", 440, ground - 24, 28, 24, hp=9, points=900),
        entity(9, "key", "Key", 620, ground - 30, 10, 10),
        entity(10, "item", "Star", 80, ground - 70, 10, 10, points=25),
        entity(11, "obstacle", "Rock", 700, ground - 16, 16, 16),
        entity(12, "enemy", "Hound", 600, ground - 12, 14, 12, points=100, behaviour="chase", ground=(560, 720)),
        entity(13, "enemy", "Cannon", 360, ground - 12, 14, 12, points=100, behaviour="turret", ground=(200, 384)),
        entity(14, "enemy", "Stray", 150, ground - 12, 14, 12, points=100, behaviour="chase"),
        entity(15, "enemy", "Flyer", 520, 60, 14, 12, points=100, behaviour="chase"),
        entity(16, "enemy", "Boar", 236, ground - 12, 14, 12, points=100, behaviour="charge", ground=(200, 384)),
        entity(17, "enemy", "Ram", 660, ground - 14, 16, 14, points=100, behaviour="charge"),
        entity(18, "enemy", "Bull", 90, ground - 12, 14, 12, hp=2, points=150, behaviour="charge", ground=(0, 240)),
    ]
    rules = tuning.to_rules()
    return LevelFile(genre=Genre.PLATFORMER, index=1, name="Built", difficulty=5, seed=7, rules=rules,
                     width=width, height=height, rows=["".join(row) for row in grid],
                     player=Point(x=spawn_x, y=ground - tuning.player_h), entities=entities,
                     solution=Solution(inputs=[[RIGHT, 400]], steps=400), par=400)


#: Player starts (pixels) on the built level: by the boss, the enemies, the turret and the pit, the chaser and the goal.
SPAWNS = (32, 170, 330, 480, 640)


def random_scripts(seed: int, count: int) -> list[Script]:
    rng = random.Random(seed)
    pool = (RIGHT, LEFT, RIGHT | JUMP, LEFT | JUMP, JUMP, NONE, RIGHT | ACTION, LEFT | ACTION, UP, RIGHT | UP, ACTION,
            RIGHT | SECONDARY, LEFT | SECONDARY)
    scripts: list[Script] = []
    for _ in range(count):
        script: Script = []
        while sum(steps for _, steps in script) < 500:
            mask = rng.choice(pool) if rng.random() < 0.9 else rng.randrange(128)
            script.append([mask, rng.randint(1, 15)])
        scripts.append(script)
    return scripts


@pytest.mark.parametrize("tuning", [Tuning(), Tuning(double_jump=True, wall_slide=True, dash=True), ODD, RANGED],
                         ids=["plain", "abilities", "odd-constants", "ranged"])
def test_random_scripts_on_a_built_level_trace_identically(tuning: Tuning, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    edges: list[bool] = []
    stomps = platformer_rules._stomps

    def watched(world: World, body: Any, actor_top: int) -> bool:
        margin = world.tuning.stomp_margin * SUB
        edges.append(body.vy > 0 and body.y + world.ph - body.vy == actor_top + margin)
        return stomps(world, body, actor_top)

    monkeypatch.setattr(platformer_rules, "_stomps", watched)
    seen: set[str] = set()
    for spawn_x in SPAWNS:
        level = LevelFile.model_validate_json(built_level(tuning, spawn_x).to_json())
        scripts = random_scripts(spawn_x + tuning.gravity, 60)
        verdicts = run_js_many(tmp_path, level, scripts)
        for n, (script, js) in enumerate(zip(scripts, verdicts, strict=True)):
            py, events = python_verdict(level, script)
            seen |= events
            try:
                _assert_same(js, py)
            except AssertionError as error:
                raise AssertionError(f"spawn x={spawn_x}, script {n}: {error}") from error
    print(f"stomp tests exactly on the margin: {sum(edges)} of {len(edges)}")
    wanted = {"stomp", "boss_hit", "gone:item", "failed:fell", "failed:spikes", "failed:touched", "boss_gate",
              "chase", "turret_shot", "failed:shot", "windup", "charge", "charging", "rested", "failed:charged"}
    if tuning.ranged:
        wanted |= {"bolt", "bolt_flew", "bolt_wall", "bolt_strike", "bolt_kill", "bolt_hit", "charger_shot"}
    else:
        wanted |= {"swing", "swing_kill", "swing_hit"}
    if tuning.dash:
        wanted |= {"double_jump"}
    if tuning.wall_slide:
        wanted |= {"dash", "wall_slide", "wall_jump"}
    assert wanted <= seen, f"never exercised: {sorted(wanted - seen)}"


def edge_level(enemy_top: int) -> LevelFile:
    """A player dropped beside an enemy that slides under its feet at step 8, when (gravity 64) the feet
    of step 7 are exactly at ``41 px``: an enemy top of 35 px puts them exactly on the stomp margin."""
    rows = ["." * 20] * 11 + ["#" * 20] * 4
    slider = Entity(id="enemy-1", kind="enemy", name="Slider", x=60, y=enemy_top, w=14, h=12, points=100,
                    motion=Motion(path=[Point(x=60, y=enemy_top), Point(x=140, y=enemy_top)], period=160, offset=19))
    return LevelFile(genre=Genre.PLATFORMER, index=1, name="Edge", difficulty=1, seed=1,
                     rules=Tuning(gravity=64).to_rules(), width=20, height=15, rows=rows, player=Point(x=100, y=20),
                     entities=[slider], solution=Solution(inputs=[[NONE, 90]], steps=90), par=90)


@pytest.mark.parametrize(("enemy_top", "stomped"), [(35, True), (34, False)])
def test_the_stomp_margin_boundary_traces_identically(enemy_top: int, stomped: bool, tmp_path: Path) -> None:
    level = edge_level(enemy_top)
    py, events = python_verdict(level, level.solution.inputs)
    assert ("stomp" in events) is stomped and bool(py["failed"]) is not stomped
    _assert_same(run_js(tmp_path, level), py)


# --- chasers, turrets and the swing on small hand-built levels, scripted to reach each case ------------------

def arena(blocks: dict[int, int], entities: list[Entity], spawn_x: int, tuning: Tuning | None = None,
          width: int = 24, ledge: range = range(0)) -> LevelFile:
    """Flat ground at row 11 with ``blocks`` (column -> rows of wall on the ground), a pit at the right end,
    and one-way platforms a tile above the ground in the ``ledge`` columns (a player spawned over them
    stands on them, in a charger's sight while it runs beneath)."""
    grid = [["."] * width for _ in range(15)]
    for col in range(width - 3):
        for row in range(11, 15):
            grid[row][col] = "#"
    for col, tall in blocks.items():
        for row in range(11 - tall, 11):
            grid[row][col] = "#"
    for col in ledge:
        grid[10][col] = "="
    t = tuning or Tuning()
    raised = max(blocks.get(spawn_x // 16, 0), 1 if spawn_x // 16 in ledge else 0)
    return LevelFile(genre=Genre.PLATFORMER, index=1, name="Arena", difficulty=1, seed=3, rules=t.to_rules(),
                     width=width, height=15, rows=["".join(row) for row in grid],
                     player=Point(x=spawn_x, y=176 - t.player_h - 16 * raised),
                     entities=entities, solution=Solution(inputs=[[NONE, 60]], steps=60), par=60)


def guard(name: str, behaviour: str, x: int, ground: tuple[int, int] | None = None, y: int = 164) -> Entity:
    params = {"left": ground[0], "right": ground[1]} if ground else {}
    return Entity(id=f"enemy-{name}", kind="enemy", name=name, behaviour=behaviour, x=x, y=y, w=14, h=12,
                  points=100, params=params)


#: (level, script, events the Python rules must see): each is cross-checked with the runtime too.
SCENES: dict[str, tuple[LevelFile, Script, set[str]]] = {
    # an idle player is shot
    "shot": (arena({}, [guard("Cannon", "turret", 200)], 120), [[NONE, 200]], {"turret_shot", "failed:shot"}),
    # a player on a block: the shots stop at the block's side
    "wall": (arena({6: 1}, [guard("Cannon", "turret", 200)], 96), [[NONE, 300]], {"turret_shot", "shot_stopped"}),
    # a player swinging toward the turret clears its shots
    "swat": (arena({}, [guard("Cannon", "turret", 200)], 140), [[ACTION, 1], [NONE, 1]] * 150,
             {"turret_shot", "shot_swung"}),
    # a chaser walks up to an idle player and touches it
    "chased": (arena({}, [guard("Hound", "chase", 200, (100, 330))], 120), [[NONE, 200]], {"chase", "failed:touched"}),
    # a chaser stops at a wall between it and the player, and at the edge of the pit
    "walled": (arena({8: 1}, [guard("Hound", "chase", 200)], 96), [[NONE, 200]], {"chase"}),
    "ledge": (arena({10: 1, 11: 1, 12: 1}, [guard("Hound", "chase", 170, y=148)], 240), [[NONE, 200]], {"chase"}),
    # a chaser meets a swinging player and falls; a boss takes swings until it falls
    "swung": (arena({}, [guard("Hound", "chase", 200)], 150), [[RIGHT, 1], [ACTION, 1], [NONE, 1]] * 100,
              {"chase", "swing", "swing_kill"}),
    # a charger winds up at an idle player, charges and hits it
    "charged": (arena({}, [guard("Boar", "charge", 200, (100, 330))], 120), [[NONE, 200]],
                {"windup", "charge", "charging", "failed:charged"}),
    # under a player on a ledge: it stops at its ground's end, rests, winds up again and runs back
    "ground_end": (arena({}, [guard("Boar", "charge", 200, (100, 330))], 300, ledge=range(17, 20)), [[NONE, 300]],
                   {"windup", "charging", "charge_ground_end", "rested"}),
    # with no ground named it runs its full length under the ledge, and a wall stops it short
    "length": (arena({}, [guard("Boar", "charge", 420)], 320, width=40, ledge=range(19, 22)), [[NONE, 300]],
               {"charging", "charge_length", "rested"}),
    "blocked": (arena({15: 2}, [guard("Boar", "charge", 280, (100, 330))], 180, ledge=range(10, 13)),
                [[NONE, 200]], {"charging", "charge_blocked"}),
    # a charger runs into a swing, and one is stomped as it rests at its ground's end
    "charger_swung": (arena({}, [guard("Boar", "charge", 200, (100, 330))], 150),
                      [[RIGHT, 1], [NONE, 33], [ACTION, 1], [NONE, 60]], {"charging", "charger_swung"}),
    "charger_stomped": (arena({}, [guard("Boar", "charge", 200, (100, 330))], 300, ledge=range(17, 20)),
                        [[NONE, 70], [RIGHT, 12], [NONE, 60]], {"charge_ground_end", "charger_stomped"}),
    # bolts: one stops at a wall, one at the map's left side, one kills an enemy, three fell a boss
    "bolt_wall": (arena({12: 2}, [], 100, RANGED), [[ACTION, 1], [NONE, 60]], {"bolt", "bolt_flew", "bolt_wall"}),
    "bolt_edge": (arena({}, [], 60, RANGED), [[LEFT | ACTION, 1], [NONE, 60]], {"bolt", "bolt_wall"}),
    "bolt_kill": (arena({}, [guard("Blob", "patrol", 230)], 100, RANGED), [[ACTION, 1], [NONE, 60]],
                  {"bolt", "bolt_strike", "bolt_kill"}),
    "bolt_boss": (arena({}, [Entity(id="boss-1", kind="boss", name="King", x=230, y=152, w=28, h=24, hp=3,
                                    points=500)], 100, RANGED), [[ACTION, 1], [NONE, 40]] * 4,
                  {"bolt_hit", "bolt_kill", "gone:boss"}),
    "charger_shot": (arena({}, [guard("Boar", "charge", 200, (100, 330))], 120, RANGED),
                     [[NONE, 20], [ACTION, 1], [NONE, 60]], {"windup", "bolt", "charger_shot"}),
}


@pytest.mark.parametrize("scene", SCENES)
def test_chasers_turrets_and_swings_trace_identically(scene: str, tmp_path: Path) -> None:
    level, script, wanted = SCENES[scene]
    level = LevelFile.model_validate_json(level.to_json())
    py, events = python_verdict(level, script)
    assert wanted <= events, f"{scene}: never exercised {sorted(wanted - events)}"
    _assert_same(run_js(tmp_path, level, script), py)
