"""The runtime's shooter module (maestro/runtime/genres/shooter.js) replays exactly as maestro.rules.shooter.

Generated levels (difficulties 1..10, bosses, wave, enemy and lives hints, the fallback level) are
written to files and replayed in Node under their shipped solution and under scripts that get the
ship hit and killed (idle, unarmed, random, bombing). After every step the ship's sub-pixel position
(``tests/js/trace.js``) and the live enemies, enemy bullets, score, lives, shots, invulnerability,
cooldown, bombs, power-up, multiplier, streak, pickups and a digest of every entity (boss phases
included; ``tests/js/shooter_trace.js``) must equal the Python model's, and so must ``status(sim)``
at the end.
"""

import functools
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from maestro.labyrinth import shooter as labyrinth_shooter
from maestro.level import LevelFile, Point, Solution, Spawn, Wave
from maestro.plan import Foe, LevelPlan
from maestro.rules import shooter as shooter_rules
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, DOWN, LEFT, NONE, RIGHT, SECONDARY, UP, Script, compress, expand
from maestro.rules.shooter import POWER_NAMES, RAPID, SHIELD, SPREAD, State, Tuning, replay, step
from maestro.spec import Behaviour, Genre

ROOT = Path(__file__).resolve().parents[2]
TRACE = ROOT / "tests" / "js" / "trace.js"
SHOOTER_TRACE = ROOT / "tests" / "js" / "shooter_trace.js"
MODULE = ROOT / "maestro" / "runtime" / "genres" / "shooter.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.usefixtures("node")

FOES = (
    Foe("Beetle", Behaviour.PATROL),
    Foe("Wasp", Behaviour.ZIGZAG),
    Foe("Hawk", Behaviour.SWOOP),
    Foe("Moth", Behaviour.FLY),
    Foe("Cannon", Behaviour.TURRET),
)
KING = Foe("King Crab", Behaviour.PATROL)

#: Level name -> LevelPlan fields beyond the defaults of :func:`_plan`.
LEVELS: dict[str, dict[str, Any]] = {
    **{f"d{d}": {"difficulty": d, "seed": 7 * d, "index": d, "boss": KING if d % 2 == 0 else None}
       for d in range(1, 11)},
    "d3-six-waves": {"difficulty": 3, "seed": 2, "waves": 6},
    "d3-twelve-waves-boss": {"difficulty": 3, "seed": 2, "waves": 99, "boss": KING},
    "d3-boss-only": {"difficulty": 3, "seed": 2, "waves": 0, "boss": KING},
    "d4-ten-enemies": {"difficulty": 4, "seed": 5, "waves": 4, "enemies": 10},
    "d9-one-life-boss": {"difficulty": 9, "seed": 91, "lives": 1, "boss": KING},
    "d7-five-lives": {"difficulty": 7, "seed": 13, "lives": 5, "boss": KING},
    "d10-seed-big": {"difficulty": 10, "seed": 0xDEADBEEF, "index": 10, "boss": KING},
    "fallback": {"difficulty": 10, "seed": 3, "boss": KING, "lives": 1},
}
SCRIPTS = ("solution", "idle", "unarmed", "random-1", "random-2", "bomber")
#: Hand-built levels (no shipped solution) that reach what generated levels rarely do.
HAND_SCRIPTS = ("idle", "fire", "random-1", "random-2", "random-3", "bomber")


def _spawn(name: str, pattern: str, x: int, y: int, delay: int = 0, w: int = 16, h: int = 16, hp: int = 2,
           boss: bool = False, **params: int) -> Spawn:
    return Spawn(name=name, pattern=pattern, delay=delay, x=x, y=y, w=w, h=h, hp=hp, points=10 * hp, boss=boss,
                 params=params)


def _hand(name: str, tuning: Tuning, waves: list[Wave]) -> LevelFile:
    return LevelFile(genre=Genre.SHOOTER, index=1, name=name, difficulty=5, seed=len(name), rules=tuning.to_rules(),
                     width=15, height=20, rows=["." * 15] * 20, player=Point(x=114, y=284), waves=waves,
                     solution=Solution(inputs=[[NONE, 1]], steps=1), par=1)


def _hand_levels() -> dict[str, LevelFile]:
    """A bullet storm against a small cap, and every pattern with negative and missing params."""
    storm = [
        Wave(at=0, formation="line", spawns=[
            _spawn("Cannon", "hover", 20 + 60 * i, -16, delay=5 * i, hp=40, vy=SUB, hold=60, amp=10 * SUB,
                   period=90, phase=-700 * i, fire=3, fire_alt=2, spread=7, fire_every=3, fire_delay=i,
                   bullet_speed=300 + 50 * i, drop=i + 1)
            for i in range(3)]),
        Wave(at=40, formation="boss", spawns=[
            _spawn("King Crab", "boss", 96, -32, w=48, h=32, hp=60, boss=True, vy=SUB, hold=72, amp=64 * SUB,
                   amp_y=-10 * SUB, period=300, fire=3, fire_alt=1, fire_every=7, fire_delay=72, bullet_speed=-400,
                   spread=4, fire_2=2, fire_alt_2=0, fire_every_2=5, spread_3=7, fire_every_3=0, bullet_speed_3=700,
                   fire_alt_3=3, drop=SHIELD)]),
    ]
    odd = [
        Wave(at=10, formation="mixed", spawns=[
            _spawn("Wasp", "zigzag", 200, -16, vx=-3 * SUB, vy=SUB, drop=SPREAD),
            _spawn("Wasp", "zigzag", 20, -16, delay=3, vx=2 * SUB, vy=2 * SUB, period=17, drop=RAPID),
            _spawn("Moth", "sine", 100, -16, delay=3, amp=-40 * SUB, phase=-3000, vy=SUB, period=77),
            _spawn("Moth", "sine", 60, -16, vy=3 * SUB // 2, amp=30 * SUB, fire=2, fire_every=11, bullet_speed=600),
            _spawn("Hawk", "swoop", 180, -16, delay=20, vy=2 * SUB, dive=60, radius=30 * SUB, arc=55, dir=-1,
                   fire=1, fire_every=9, bullet_speed=500),
            _spawn("Hawk", "swoop", 30, -16, delay=20, vy=2 * SUB, dive=70, radius=25 * SUB, dir=1),
            _spawn("Ghost", "straight", 100, -400, hp=1),
            _spawn("Beetle", "straight", 108, -16, delay=50, hp=30, vy=2 * SUB, drop=SHIELD),
            _spawn("Beetle", "straight", -16, 150, delay=60, vx=SUB, vy=0, fire=2, fire_every=13, bullet_speed=700),
        ]),
        Wave(at=0, formation="line", spawns=[
            _spawn("Turret", "hover", 100, -16, delay=13, w=20, hp=8, vy=SUB, hold=260, amp=-20 * SUB, period=1,
                   fire=2, fire_alt=3, spread=5, fire_every=20, bullet_speed=450),
            _spawn("King Crab", "boss", 96, -32, delay=200, w=48, h=32, hp=25, boss=True, vy=SUB, hold=300,
                   amp=64 * SUB, amp_y=10 * SUB, period=240, phase=512, fire_2=1, fire_every_2=25, bullet_speed_2=500,
                   fire_3=3, spread_3=3, fire_every_3=12),
        ]),
    ]
    return {
        "hand-storm": _hand("hand-storm", Tuning(enemy_bullet_cap=12, lives=4, invuln=30), storm),
        "hand-odd": _hand("hand-odd", Tuning(contact_destroys_enemy=False, player_hit_inset=0, invuln=20, lives=6,
                                             enter_timeout=120, fire_every=3, bullet_damage=2, bombs=5, bomb_damage=3,
                                             bomb_invuln=5, pickup_speed=64, spread_vx=-700, rapid_fire_every=1,
                                             multiplier_every=2, multiplier_max=9), odd),
    }


HAND = _hand_levels()


def _plan(name: str) -> LevelPlan:
    fields: dict[str, Any] = {"genre": Genre.SHOOTER, "index": 1, "count": 10, "name": name, "foes": FOES}
    fields.update(LEVELS[name])
    return LevelPlan(**fields)


@functools.cache
def _level(name: str) -> LevelFile:
    if name in HAND:
        return LevelFile.model_validate_json(HAND[name].to_json())
    if name == "fallback":
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(labyrinth_shooter, "ATTEMPTS", ())
            level = labyrinth_shooter.generate(_plan(name))
    else:
        level = labyrinth_shooter.generate(_plan(name))
    return LevelFile.model_validate_json(level.to_json())


def _random_script(level: LevelFile, seed: int) -> Script:
    """Runs of random masks, mostly firing, now and then a bomb, lasting past the solution so all lives can go."""
    rng = random.Random(seed)
    moves = [NONE, LEFT, RIGHT, UP, DOWN, LEFT | UP, RIGHT | UP, LEFT | DOWN, RIGHT | DOWN, LEFT | RIGHT]
    masks: list[int] = []
    while len(masks) < max(level.solution.steps, 600) + 900:
        mask = rng.choice(moves) | (ACTION if rng.random() < 0.7 else 0) | (SECONDARY if rng.random() < 0.04 else 0)
        masks += [mask] * rng.randint(1, 45)
    return compress(masks)


def _bomber_script(level: LevelFile) -> Script:
    """Firing and sweeping, pressing SECONDARY for 2 steps every 150 and holding it for 40 every 500 (one bomb)."""
    base = expand(level.solution.inputs) if level.solution.steps > 1 else iter(())
    masks: list[int] = []
    for i in range(max(level.solution.steps, 600) + 900):
        mask = next(base, ACTION | (LEFT if (i // 70) % 2 else RIGHT))
        if i % 150 in (75, 76) or i % 500 < 40:
            mask |= SECONDARY
        masks.append(mask)
    return compress(masks)


def _script(level: LevelFile, kind: str) -> Script:
    if kind == "solution":
        return level.solution.inputs
    if kind == "idle":
        return [[NONE, level.solution.steps + 900]]
    if kind == "fire":
        return compress([ACTION | (LEFT if (i // 90) % 2 else RIGHT) for i in range(2400)])
    if kind == "bomber":
        return _bomber_script(level)
    if kind == "unarmed":
        return compress(mask & ~ACTION for mask in expand([*level.solution.inputs, [NONE, 900]]))
    return _random_script(level, int(kind.split("-")[1]) * 1000 + level.seed % 1000)


def _digest(s: State) -> int:
    """The same order-sensitive checksum as tests/js/shooter_trace.js."""
    total = 0
    for i, e in enumerate(s.enemies):
        total += (i + 1) * (3 * e.x + 5 * e.y + 7 * e.hp + 47 * e.stage)
    for i, b in enumerate(s.bullets):
        total += (i + 1) * (11 * b.x + 13 * b.y + 17 * b.vx + 19 * b.vy)
    for i, shot in enumerate(s.shots):
        total += (i + 1) * (23 * shot[0] + 29 * shot[1] + 43 * shot[2])
    for i, pickup in enumerate(s.pickups):
        total += (i + 1) * (31 * pickup[0] + 37 * pickup[1] + 41 * pickup[2])
    return total


def _python_run(level: LevelFile, script: Script) -> tuple[State, list[list[int]]]:
    """Replay ``script`` in the Python model, one row per step, stopping at failure or completion."""
    s = State(level)
    rows: list[list[int]] = []
    for mask in expand(script):
        step(s, mask)
        rows.append([s.x, s.y, len(s.enemies), len(s.bullets), s.score, s.lives, len(s.shots), s.invuln,
                     s.cooldown, s.bombs, s.power, s.multiplier, s.streak, len(s.pickups), _digest(s)])
        if s.failed or s.completed:
            break
    return s, rows


def _status(s: State) -> dict[str, Any]:
    """What the module's status(sim) must report for ``s``."""
    return {"enemies": sum(1 for e in s.enemies if e.entered), "kills": s.kills, "bombs": s.bombs,
            "power": POWER_NAMES[s.power], "multiplier": s.multiplier, "bullets": len(s.bullets)}


def _node(harness: Path, *args: Path | str) -> dict[str, Any]:
    assert NODE is not None
    done = subprocess.run([NODE, str(harness), *map(str, args)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _first_difference(ours: list[list[int]], theirs: list[list[int]]) -> str:
    for i, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return f"step {i}: python {a} != js {b}"
    return f"python ran {len(ours)} steps, js {len(theirs)}"


def test_the_module_passes_node_check() -> None:
    assert NODE is not None
    for path in (MODULE, SHOOTER_TRACE):
        done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


CASES = [(name, kind) for name in LEVELS for kind in SCRIPTS] + [(name, kind) for name in HAND for kind in HAND_SCRIPTS]


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_js_replays_exactly_as_python(name: str, kind: str, tmp_path: Path) -> None:
    level = _level(name)
    script = _script(level, kind)
    level_path = tmp_path / "level.json"
    level_path.write_bytes(level.to_json())
    inputs_path = tmp_path / "inputs.json"
    inputs_path.write_text(json.dumps(script))
    s, rows = _python_run(level, script)

    traced = _node(TRACE, "shooter", level_path, inputs_path)
    assert traced["positions"] == [row[:2] for row in rows], _first_difference([r[:2] for r in rows],
                                                                                traced["positions"])
    assert traced["steps"] == s.step and traced["score"] == s.score
    assert traced["done"] == s.completed

    full = _node(SHOOTER_TRACE, level_path, inputs_path)
    assert full["rows"] == rows, _first_difference(rows, full["rows"])
    assert full["done"] == s.completed and full["steps"] == s.step and full["lives"] == s.lives
    assert full["stats"] == s.stats()
    assert full["status"] == _status(s)
    if s.failed:
        assert full["failed"] == replay(level, script).reason == f"lost the last life: {s.last_hit}"
    else:
        assert full["failed"] == ""
    if kind == "solution":
        assert s.completed and s.step == level.solution.steps


def test_the_default_script_of_the_harness_is_the_solution(tmp_path: Path) -> None:
    level = _level("d8")
    level_path = tmp_path / "level.json"
    level_path.write_bytes(level.to_json())
    full = _node(SHOOTER_TRACE, level_path)
    assert full["done"] and full["steps"] == level.solution.steps
    assert full["rows"] == _python_run(level, level.solution.inputs)[1]


def test_the_scripts_exercise_hits_deaths_kills_escapes_bosses_and_the_bullet_cap() -> None:
    """The cross-check above only means something if its runs reach every rule; check they do."""
    failed = hurt_and_survived = bosses = escaped = kills = 0
    cap_reached = aimed = spread = rammed = False
    for name in [*LEVELS, *HAND]:
        level = _level(name)
        cap = level.rules["enemy_bullet_cap"]
        for kind in SCRIPTS if name in LEVELS else HAND_SCRIPTS:
            s, rows = _python_run(level, _script(level, kind))
            failed += s.failed
            hurt_and_survived += s.lives_lost > 0 and not s.failed
            bosses += s.bosses_destroyed
            escaped += s.escaped
            kills += s.kills
            cap_reached = cap_reached or any(row[3] == cap for row in rows)
            rammed = rammed or s.last_hit.startswith("rammed")
        fires = {spawn.params.get(key, 0) for wave in level.waves for spawn in wave.spawns
                 for key in ("fire", "fire_alt")}
        aimed, spread = aimed or 2 in fires, spread or 3 in fires
    assert failed >= 5 and hurt_and_survived >= 5
    assert bosses >= 5 and escaped >= 5 and kills >= 100
    assert aimed and spread
    assert cap_reached and rammed


def test_loading_a_level_without_a_constant_fails_loudly(tmp_path: Path) -> None:
    data = json.loads(_level("d1").to_json())
    del data["rules"]["dir_y"]
    level_path = tmp_path / "level.json"
    level_path.write_text(json.dumps(data))
    assert NODE is not None
    done = subprocess.run([NODE, str(SHOOTER_TRACE), str(level_path)], capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "rules.dir_y is missing" in done.stderr


def test_the_scripts_exercise_bombs_pickups_powers_the_multiplier_and_boss_phases(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The new rules are cross-checked only as far as the scripts above reach them: check they reach each one."""
    bombs: list[tuple[int, int, bool]] = []  # (bullets cleared, kills made, a boss was hit)
    volleys: set[tuple[bool, int]] = set()  # (boss, phase) of every volley fired
    real_bomb, real_fire = shooter_rules._bomb, shooter_rules._fire

    def bomb(s: State, tu: Tuning) -> None:
        cleared, kills = len(s.bullets), s.kills
        boss_hp = [e.hp for e in s.enemies if e.boss and e.entered]
        real_bomb(s, tu)
        bombs.append((cleared, s.kills - kills, bool(boss_hp)))

    def fire(s: State, tu: Tuning, e: shooter_rules.Enemy, volley: int) -> None:
        volleys.add((e.boss, e.stage))
        real_fire(s, tu, e, volley)

    monkeypatch.setattr(shooter_rules, "_bomb", bomb)
    monkeypatch.setattr(shooter_rules, "_fire", fire)
    taken: set[int] = set()
    spread_shots = rapid_cooldowns = shields = held_bombs = 0
    top_multiplier = resets = multiplied_kills = 0
    for name in [*LEVELS, *HAND]:
        level = _level(name)
        for kind in SCRIPTS if name in LEVELS else HAND_SCRIPTS:
            s = State(level)
            for mask in expand(_script(level, kind)):
                before = (s.pickups_taken, s.multiplier, s.lives, s.score, s.kills, s.bombs)
                step(s, mask)
                if s.pickups_taken > before[0]:
                    taken.add(s.power)
                spread_shots += any(shot[2] for shot in s.shots)
                rapid_cooldowns += s.power == RAPID and s.cooldown == s.tuning.rapid_fire_every
                held_bombs += bool(mask & SECONDARY and s.previous_mask & SECONDARY and s.bombs == before[5] > 0)
                top_multiplier += s.multiplier == s.tuning.multiplier_max
                resets += before[1] > 1 and s.lives < before[2] and s.multiplier == 1
                multiplied_kills += s.kills > before[4] and before[1] > 1 and s.score > before[3]
                if s.failed or s.completed:
                    break
            shields += s.shields_used
    assert len(bombs) >= 20 and held_bombs >= 20, "bombs go off on a press, not while held"
    assert sum(cleared > 0 for cleared, _, _ in bombs) >= 5, "a bomb clears enemy bullets"
    assert sum(kills for _, kills, _ in bombs) >= 5 and any(boss for _, _, boss in bombs)
    assert taken == {SPREAD, RAPID, SHIELD}
    assert spread_shots >= 10 and rapid_cooldowns >= 10 and shields >= 2
    assert top_multiplier >= 10 and resets >= 2 and multiplied_kills >= 10
    assert {(True, 0), (True, 1), (True, 2)} <= volleys, "a boss fires in each of its three phases"
