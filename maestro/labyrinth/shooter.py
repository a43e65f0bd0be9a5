"""Shooter levels: wave scripts for a vertical shoot 'em up, each proven by a pilot that clears them.

A level is a timeline of waves (:class:`maestro.level.Wave`): each wave is one of the
plan's foes in a formation, moving in the pattern its behaviour suggests; the last wave is the
boss when the plan has one, otherwise a line of turrets that hold station until shot down (so a
level can't be finished without shooting). Difficulty raises the number of enemies, their hit
points, speed, fire rate and bullet speed, and brings aimed fire from difficulty 4 and spreads
from 7. Enemies shoot back from level 1: about half of them (turrets more often, every wave at least
one), soon after they come on screen; the share, rate and bullet speed rise with difficulty.

Power-ups are flagged in the spawns: every other normal wave (the first, third, ...; never the
last, whose end ends the level) has its first enemy carry a ``drop``, the kinds cycling spread,
shield, rapid (shifted by the level index so levels open with different ones); it falls where that
enemy is shot down. The player has ``BOMBS`` bombs (fewer from difficulty 6). The boss fights in
three phases (the rules switch at 2/3 and 1/3 of its hp): aimed shots alternating with small
spreads, then spreads (alternating with aimed shots from difficulty 4, straight ones below), then
wider, faster spreads. The proof is the input log of :mod:`maestro.labyrinth.shooter_bot` (which
bombs when cornered, in a crowd or at the boss's last phase, and steers for pickups), verified by
replay; when the pilot fails, the level is rebuilt from another fork of the rng, then eased.
"""

from dataclasses import dataclass, replace

from maestro.labyrinth.shooter_bot import play
from maestro.level import TILE, LevelFile, Point, Solution, Spawn, Wave
from maestro.plan import Foe, LevelPlan
from maestro.rng import Rng
from maestro.rules.geometry import SUB
from maestro.rules.inputs import compress
from maestro.rules.shooter import RAPID, SHIELD, SPREAD, TUNING, replay
from maestro.spec import Behaviour, Genre

MAX_WAVES = 12
MAX_ENEMIES = 60
MAX_PER_WAVE = 8
#: (attempt, ease) pairs tried in order before the fallback level.
ATTEMPTS = ((0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 3))
#: Steps the pilot may take after the last spawn before a candidate counts as unsolved.
OVERTIME = 2400
#: Last wave start, steps: keeps a level within ~40 s.
LATEST_WAVE = 1500

PATTERN: dict[Behaviour, str] = {
    Behaviour.ZIGZAG: "zigzag",
    Behaviour.SWOOP: "swoop",
    Behaviour.FLY: "sine",
    Behaviour.TURRET: "hover",
    Behaviour.CHASE: "swoop",
    Behaviour.CHARGE: "swoop",
    Behaviour.HOP: "zigzag",
    Behaviour.PATROL: "straight",
    Behaviour.WANDER: "sine",
}
FORMATIONS: dict[str, tuple[str, ...]] = {
    "straight": ("line", "v", "stagger"),
    "zigzag": ("column", "stagger"),
    "sine": ("column", "v", "arc"),
    "swoop": ("stagger", "column"),
    "hover": ("line", "arc"),
}
_DEFAULT_FOE = Foe("Drone", Behaviour.ZIGZAG)

FIELD_W, FIELD_H = TUNING.field_w, TUNING.field_h
ENEMY_W, ENEMY_H = 16, 16
TURRET_W, TURRET_H = 20, 16
BOSS_W, BOSS_H = 48, 32
#: Kinds of the drops, in the order waves carry them.
DROPS = (SPREAD, SHIELD, RAPID)
#: Bombs per level below difficulty 6, and from 6 on.
BOMBS, BOMBS_HARD = 3, 2


@dataclass(frozen=True)
class Layout:
    """How many waves and enemies a level gets, and what the plan asked for."""

    waves: int
    waves_requested: int
    sizes: tuple[int, ...]
    enemies_requested: int
    boss: Foe | None


@dataclass(frozen=True)
class Slot:
    """Where one enemy of a formation enters: centre x (px), top y (px) and delay (steps)."""

    lane: int
    y: int
    delay: int


def generate(plan: LevelPlan) -> LevelFile:
    """A verified shooter level for ``plan``."""
    rng = Rng(plan.seed)
    layout = _layout(plan, rng.fork("layout"))
    for attempt, ease in ATTEMPTS:
        effective = max(1, plan.difficulty - 3 * ease)
        waves = _waves(plan, layout, effective, rng.fork("attempt", attempt))
        level = _solved(plan, waves, {"attempts": attempt + 1, "ease": ease, "effective_difficulty": effective}, layout)
        if level is not None:
            return level
    level = _solved(plan, _fallback_waves(plan, layout), {"attempts": len(ATTEMPTS) + 1, "ease": 9}, layout)
    if level is None:  # pragma: no cover - one slow silent turret cannot beat the pilot
        raise RuntimeError(f"shooter level {plan.index}: even the fallback level was not solved")
    return level


def _layout(plan: LevelPlan, rng: Rng) -> Layout:
    """Wave count (hint wins, clamped) and normal enemies per wave (the enemies hint spread evenly)."""
    requested = plan.waves if plan.waves is not None else 3 + plan.difficulty // 2
    waves = min(max(requested, 1), MAX_WAVES)
    normal = waves - (1 if plan.boss is not None else 0)
    if plan.enemies is None:
        # Waves grow through the level: the last regular wave brings two more than the first.
        sizes = tuple(min(MAX_PER_WAVE, 2 + plan.difficulty // 3 + rng.below(2) + 2 * i // max(1, normal - 2))
                      for i in range(normal))
        if normal:
            sizes = (*sizes[:-1], 2 + plan.difficulty // 4)
    else:
        total = min(max(plan.enemies, normal), MAX_ENEMIES, MAX_PER_WAVE * normal)
        # The count the GDD asks for, the bigger shares late in the level.
        sizes = tuple(total // normal + (1 if i >= normal - total % normal else 0)
                      for i in range(normal)) if normal else ()
    return Layout(waves, requested, sizes, plan.enemies if plan.enemies is not None else sum(sizes), plan.boss)


def _waves(plan: LevelPlan, layout: Layout, d: int, rng: Rng) -> list[Wave]:
    gap = min(max(180, 450 - 27 * d), LATEST_WAVE // max(1, layout.waves - 1))
    waves: list[Wave] = []
    at = 30
    for i, size in enumerate(layout.sizes):
        foe = plan.foe(i) if plan.foes else _DEFAULT_FOE
        last = i == len(layout.sizes) - 1 and layout.boss is None
        pattern = "hover" if last else PATTERN[foe.behaviour]
        wave = _wave(at, foe.name, pattern, size, d, rng.fork("wave", i))
        # Waves follow each other sooner as the level goes on (down to 70 % of the first gap).
        at += gap - gap * 3 * i // (10 * max(1, len(layout.sizes) - 1))
        carries = i % 2 == 0 and not last and (i < len(layout.sizes) - 1 or layout.boss is not None)
        waves.append(_with_drop(wave, DROPS[(i // 2 + plan.index - 1) % len(DROPS)]) if carries else wave)
    if layout.boss is not None:
        waves.append(_boss_wave(at, layout.boss.name, d))
    return waves


def _wave(at: int, name: str, pattern: str, size: int, d: int, rng: Rng) -> Wave:
    formation = rng.choice(FORMATIONS[pattern])
    slots = _formation(formation, size, ENEMY_H if pattern != "hover" else TURRET_H, rng)
    spawns = [_spawn(name, pattern, slot, j, d, rng) for j, slot in enumerate(slots)]
    if not any(spawn.params.get("fire") for spawn in spawns):  # every wave shoots back, level 1 too
        middle = spawns[len(spawns) // 2]
        spawns[len(spawns) // 2] = middle.model_copy(update={"params": {**middle.params, **_shot(1, d, rng)}})
    return Wave(at=at, formation=formation, spawns=spawns)


def _with_drop(wave: Wave, kind: int) -> Wave:
    """``wave`` with its first enemy carrying a power-up of ``kind``."""
    first = wave.spawns[0]
    spawns = [first.model_copy(update={"params": {**first.params, "drop": kind}}), *wave.spawns[1:]]
    return wave.model_copy(update={"spawns": spawns})


def _formation(formation: str, size: int, h: int, rng: Rng) -> list[Slot]:
    """Entry slots of ``size`` enemies: evenly spread lanes for line/v/arc, one or two lanes over time otherwise."""
    if formation in ("column", "stagger"):
        spacing = rng.between(18, 30)
        lanes = (rng.between(40, 200),) if formation == "column" else (rng.between(32, 100), rng.between(140, 208))
        return [Slot(lanes[j % len(lanes)], -h, j * spacing) for j in range(size)]
    margin = rng.between(20, 40)
    usable = FIELD_W - 2 * margin
    slots: list[Slot] = []
    for j in range(size):
        lane = margin + usable * (2 * j + 1) // (2 * size)
        off_centre = abs(2 * j - (size - 1))
        lift = {"line": 0, "v": 6 * off_centre, "arc": 6 * (size - 1 - off_centre)}[formation]
        slots.append(Slot(lane, -h - lift, 0))
    return slots


def _spawn(name: str, pattern: str, slot: Slot, j: int, d: int, rng: Rng) -> Spawn:
    """One enemy: its pattern's motion params, its fire, hit points and points for difficulty ``d``."""
    vy = 160 + 24 * d + rng.below(33)
    hover = pattern == "hover"
    w = TURRET_W if hover else ENEMY_W
    x, params = _motion(pattern, slot, j, vy, w, rng)
    params.update(_fire(hover, d, rng))
    hp = 2 + d // 3 if hover else 1 + (d >= 4) + (d >= 8)
    points = (150 if hover else 100) * hp
    return Spawn(name=name, pattern=pattern, delay=slot.delay, x=x, y=slot.y, w=w, h=TURRET_H if hover else ENEMY_H,
                 hp=hp, points=points, params=params)


def _motion(pattern: str, slot: Slot, j: int, vy: int, w: int, rng: Rng) -> tuple[int, dict[str, int]]:
    """Spawn x (px) and motion params (sub-pixels, steps) that keep the enemy on the playfield."""
    left = slot.lane - w // 2
    if pattern == "zigzag":
        width, period = rng.between(32, 64), rng.between(40, 70)
        return _clamp(left - width // 2, 0, FIELD_W - w - width), {
            "vx": width * SUB // period, "vy": vy * 3 // 4, "period": period}
    if pattern == "sine":
        amp = rng.between(24, 48)
        return _clamp(left, amp, FIELD_W - w - amp), {
            "vy": vy * 3 // 4, "amp": amp * SUB, "period": rng.between(100, 160), "phase": (j * 512) % 4096}
    if pattern == "swoop":
        return _swoop(slot, vy, w, rng)
    if pattern == "hover":
        amp, rest = rng.between(8, 24), rng.between(36, 90)
        return _clamp(left, amp, FIELD_W - w - amp), {
            "vy": SUB, "hold": rest - slot.y, "amp": amp * SUB, "period": rng.between(120, 200),
            "phase": (j * 1024) % 4096}
    return _clamp(left, 0, FIELD_W - w), {"vx": 0, "vy": vy}


def _swoop(slot: Slot, vy: int, w: int, rng: Rng) -> tuple[int, dict[str, int]]:
    """A dive to a turning depth that stays clear of the ship's row, a half circle toward the centre, a climb out."""
    radius = rng.between(20, 32)
    turn_y = min(rng.between(90, 200), 250 - radius - ENEMY_H)
    speed = vy * 2
    direction = 1 if slot.lane < FIELD_W // 2 else -1
    low, high = (0, FIELD_W - w - 2 * radius) if direction > 0 else (2 * radius, FIELD_W - w)
    return _clamp(slot.lane - w // 2, low, high), {
        "vy": speed, "dive": (turn_y - slot.y) * SUB // speed, "radius": radius * SUB, "arc": rng.between(50, 70),
        "dir": direction}


def _fire(hover: bool, d: int, rng: Rng) -> dict[str, int]:
    """Whether and how an enemy shoots: about half at d 1, then more, faster, aimed (d >= 4), spread (turrets, d 7+)."""
    if not rng.chance(min(95, (62 if hover else 42) + 6 * d), 100):
        return {}
    kind = 1
    if d >= 7 and hover and rng.chance(2, 5):
        kind = 3
    elif d >= 4 and rng.chance(40 + 5 * d, 100):
        kind = 2
    return _shot(kind, d, rng)


def _shot(kind: int, d: int, rng: Rng) -> dict[str, int]:
    """Fire params of ``kind`` (1 down, 2 aimed, 3 spread) for difficulty ``d``: faster and more often as d rises."""
    return {"fire": kind, "fire_every": max(45, 125 - 9 * d) + rng.below(20), "fire_delay": rng.between(8, 36),
            "bullet_speed": 320 + 40 * d, "spread": 3}


def _boss_wave(at: int, name: str, d: int) -> Wave:
    """The boss: enters and sways across the top for good, in three phases of fire (see the module docstring).

    Fire intervals are odd so volleys drift against the 300-step sway: an idle ship is found and the level ends.
    """
    hold = 40 + BOSS_H
    every, spread = max(30, 64 - 3 * d) | 1, 5 if d >= 6 else 3
    params = {"vy": SUB, "hold": hold, "amp": 64 * SUB, "amp_y": 10 * SUB, "period": 300, "fire_delay": hold // 2,
              "fire": 2, "fire_alt": 3, "fire_every": max(24, 44 - 2 * d) | 1, "bullet_speed": 320 + 32 * d,
              "spread": spread, "fire_2": 3, "fire_alt_2": 2 if d >= 4 else 1, "fire_every_2": every,
              "fire_3": 3, "spread_3": spread + 2, "fire_every_3": every * 3 // 4, "bullet_speed_3": 384 + 32 * d}
    boss = Spawn(name=name, pattern="boss", delay=0, x=(FIELD_W - BOSS_W) // 2, y=-BOSS_H, w=BOSS_W, h=BOSS_H,
                 hp=50 + 10 * d, points=1000 + 200 * d, boss=True, params=params)
    return Wave(at=at, formation="boss", spawns=[boss])


def _fallback_waves(plan: LevelPlan, layout: Layout) -> list[Wave]:
    """The easiest level the plan allows: one silent turret per normal wave slot used, a silent boss."""
    foe = plan.foe(0) if plan.foes else _DEFAULT_FOE
    rng = Rng(plan.seed).fork("fallback")
    waves: list[Wave] = []
    if layout.sizes:
        spawn = _spawn(foe.name, "hover", Slot(FIELD_W // 2, -TURRET_H, 0), 0, 1, rng)
        waves.append(Wave(at=30, formation="line", spawns=[_silenced(spawn, hp=1)]))
    if layout.boss is not None:
        boss = _boss_wave(60, layout.boss.name, 1).spawns[0]
        waves.append(Wave(at=60, formation="boss", spawns=[_silenced(boss, hp=10)]))
    return waves


def _silenced(spawn: Spawn, hp: int) -> Spawn:
    """``spawn`` silenced (no fire) with ``hp`` hit points."""
    params = {key: value for key, value in spawn.params.items() if not key.startswith(("fire", "spread", "bullet"))}
    return spawn.model_copy(update={"hp": hp, "params": params})


def _solved(plan: LevelPlan, waves: list[Wave], extra: dict[str, int], layout: Layout) -> LevelFile | None:
    """The level with the pilot's run as its solution, if the pilot clears it and replay agrees."""
    tuning = replace(TUNING, lives=plan.lives, bombs=BOMBS if plan.difficulty < 6 else BOMBS_HARD)
    last_spawn = max(wave.at + spawn.delay for wave in waves for spawn in wave.spawns)
    level = LevelFile(
        genre=Genre.SHOOTER,
        index=plan.index,
        name=plan.name,
        difficulty=plan.difficulty,
        theme=plan.theme,
        seed=plan.seed,
        rules=tuning.to_rules(),
        width=FIELD_W // TILE,
        height=FIELD_H // TILE,
        rows=["." * (FIELD_W // TILE)] * (FIELD_H // TILE),
        player=Point(x=(FIELD_W - tuning.player_w) // 2, y=FIELD_H - tuning.player_h - 24),
        waves=waves,
        solution=Solution(inputs=[[0, 1]], steps=1),
        par=1,
    )
    masks = play(level, last_spawn + OVERTIME)
    if masks is None:
        return None
    level.solution = Solution(inputs=compress(masks), steps=len(masks))
    outcome = replay(level)
    if not outcome.completed or outcome.lives_lost >= plan.lives:
        return None
    level.par = len(masks)
    level.stats = {
        **extra,
        "waves_requested": layout.waves_requested,
        "waves_placed": len(waves),
        "enemies_requested": layout.enemies_requested,
        "enemies_placed": sum(len(wave.spawns) for wave in waves if wave.formation != "boss"),
        "boss": 1 if layout.boss is not None else 0,
        "lives_lost": outcome.lives_lost,
        "score": outcome.score,
        "kills": outcome.stats["kills"],
        "escaped": outcome.stats["escaped"],
        "bombs_used": outcome.stats["bombs_used"],
        "pickups": outcome.stats["pickups"],
    }
    return level


def _clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), max(low, high))
