"""Shooter rules: a vertical scrolling shoot 'em up at 60 steps per second in sub-pixels.

The runtime's shooter module is a port of this file; keep the two in step.

Units
    Positions and speeds are sub-pixels (``SUB`` = 256 to a pixel) and sub-pixels per step; box
    sizes (``*_w``, ``*_h``) and level-file positions are pixels (multiply by ``SUB`` on load);
    times are steps. The playfield is ``field_w`` x ``field_h`` pixels, (0, 0) at the top left,
    y growing downward. A box is its top-left corner plus size; two boxes touch when they overlap
    by at least one sub-pixel (:func:`maestro.rules.geometry.overlaps`). All division is floor
    division (JS: ``Math.floor(a / b)``); ``a % n`` below is always taken with a non-negative
    result (JS: ``((a % n) + n) % n``).

Tables (shipped in ``rules``)
    ``sine``: ``len(sine)`` (64) samples of ``round(256 * sin(2 pi i / len))``. An angle is an
    integer in 1/``turn`` (4096) of a full turn; ``sin_at(u)``: ``u = u % turn``, ``span = turn //
    len(sine)``, ``i = u // span``, ``f = u % span``, ``a = sine[i]``, ``b = sine[(i + 1) %
    len]``, result ``a + ((b - a) * f) // span``; ``cos_at(u) = sin_at(u + turn // 4)``.
    ``dir_x`` / ``dir_y``: 16 unit vectors scaled by 256, index 0 straight down, index 4 right,
    8 up, 12 left (``dir_x[i] = round(256 sin(2 pi i / 16))``, ``dir_y[i] = round(256 cos(...))``).

Waves
    Every spawn of every wave enters on step ``wave.at + spawn.delay``; spawns due on the same step
    enter in wave order, then spawn order (a stable sort of all spawns by that step). An enemy's
    position is a pure function of ``t`` = steps since it entered (``t = 0`` on its first step)
    and of its ``params`` (sub-pixels, sub-pixels per step, steps; a missing key reads 0, but
    ``period``, ``arc``, ``fire_every`` and ``spread`` read as at least 1); ``x0, y0`` = spawn
    x, y times ``SUB``; ``w, h`` likewise. The params: ``vx vy amp amp_y radius bullet_speed``
    (sub-pixels or sub-pixels per step), ``period dive arc hold fire_delay fire_every`` (steps),
    ``phase`` (1/``turn`` of a turn), ``dir`` (+1 right, -1 left), ``fire fire_alt`` (kind: 0
    none, 1 straight down, 2 aimed, 3 spread), ``spread`` (bullets in a spread, odd), ``drop``
    (the power-up it leaves when shot down or bombed: 0 none, 1 spread, 2 rapid, 3 shield).

    - ``straight``: ``x = x0 + vx t``, ``y = y0 + vy t``.
    - ``zigzag``: ``m = t % (2 period)``, ``tri = m if m < period else 2 period - m``;
      ``x = x0 + vx tri``, ``y = y0 + vy t``.
    - ``sine``: ``x = x0 + amp * sin_at(t * turn // period + phase) // 256``, ``y = y0 + vy t``.
    - ``swoop``: dives, turns a half circle, climbs back out. ``t < dive``: ``(x0, y0 + vy t)``;
      ``t < dive + arc``: ``a = (t - dive) * (turn // 2) // arc``, ``x = x0 + dir * (radius -
      radius * cos_at(a) // 256)``, ``y = y0 + vy dive + radius * sin_at(a) // 256``; after:
      ``x = x0 + dir * 2 radius``, ``y = y0 + vy dive - vy (t - dive - arc)``.
    - ``hover``: ``t < hold``: ``(x0, y0 + vy t)``; after, with ``u = (t - hold) * turn // period +
      phase``: ``x = x0 + amp * sin_at(u) // 256``, ``y = y0 + vy hold``, for ``hover_linger``
      steps; then it leaves: ``x`` stays where ``u`` left it (``t - hold = hover_linger``) and ``y =
      y0 + vy hold - leave_speed * (t - hold - hover_linger)``, up and out of the top, so a wave
      the player does not shoot down is over and the level still ends.
    - ``boss``: as ``hover`` while holding (plus ``y += amp_y * sin_at(2 u) // 256``), and it never
      leaves: it must be shot down.

    Boss phases: a boss (``spawn.boss``) is in phase 1 while ``3 hp > 2 max_hp`` (``max_hp`` =
    ``spawn.hp``), phase 2 while ``3 hp > max_hp``, else phase 3 (recomputed whenever it loses hp).
    Each phase has its own fire: ``fire fire_alt fire_every bullet_speed spread`` in phase 1; in
    phase ``n`` (2, 3) the params ``fire_n fire_alt_n fire_every_n bullet_speed_n spread_n`` where
    present, each missing one reading as the previous phase's value (``fire_every`` and ``spread``
    again at least 1). Any other enemy always fires as phase 1.

    Firing, with the enemy's current phase values, for ``fire`` > 0: on steps where ``t >=
    fire_delay`` and ``(t - fire_delay) % fire_every == 0``, if the enemy's centre ``(x + w/2, y +
    h/2)`` (``//``) is inside the playfield. ``volley = (t - fire_delay) // fire_every``; the kind
    is ``fire_alt`` when that is non-zero and ``volley`` is odd, else ``fire``. Kind 1: direction 0
    (down). Kind 2 (aimed): the index ``i`` with the largest ``dx * dir_x[i] + dy * dir_y[i]``
    (first wins ties), where ``(dx, dy)`` = player centre ``(x + player_w * SUB // 2, y + player_h *
    SUB // 2)`` - enemy centre. Kind 3 (spread): indices ``(j + 16) % 16`` for ``j`` from
    ``-(spread // 2)`` to ``spread // 2``, in that order. Each bullet is centred on the enemy centre
    (top-left = centre - size // 2) with velocity ``(dir_x[i] * bullet_speed // 256, dir_y[i] *
    bullet_speed // 256)``; a bullet is not created while ``enemy_bullet_cap`` are alive.

The player's extras
    - Power-up (``power``: 0 none, 1 spread, 2 rapid, 3 shield; one at a time, the newest replaces
      the one held; kept until the level ends or a hurt clears it). Spread: each trigger fires
      three shots, centre (``vx = 0``), left (``-spread_vx``), right (``+spread_vx``), in that
      order. Rapid: the gun's cooldown is ``rapid_fire_every`` instead of ``fire_every``. Shield:
      the next hurt is absorbed instead (see step 8).
    - Drops: an enemy with ``drop`` > 0 that is destroyed by a shot or a bomb (not by ramming)
      leaves a pickup of that kind, a ``pickup_w`` x ``pickup_h`` box centred on the enemy's centre
      (top-left = centre - size * SUB // 2), appended to the pickup list.
    - Bombs: ``bombs`` per level. A bomb goes off on a step whose mask holds SECONDARY when the
      previous step's did not (step 0: the previous mask is 0) and ``bombs > 0``.
    - Score multiplier: ``multiplier`` starts at 1 and ``streak`` at 0. Destroying an enemy (shot
      or bomb) scores ``points * multiplier``, then ``streak += 1`` and ``multiplier = min(
      multiplier_max, 1 + streak // multiplier_every)``. A hurt sets ``streak = 0``, ``multiplier =
      1``; an absorbed one changes neither.

One step, in this order (``step`` counts from 0)
    1. Move the player: ``hx = right - left``, ``hy = down - up`` (each 0 or 1 from the mask);
       ``x += hx * player_speed``, ``y += hy * player_speed``, each clamped to the playfield.
    2. Fire: if ``cooldown > 0`` it drops by 1; then, with ACTION held and ``cooldown == 0``, a shot
       (three with spread) appears at ``(x + (player_w - bullet_w) * SUB // 2, y - bullet_h *
       SUB)`` and ``cooldown = fire_every`` (``rapid_fire_every`` with rapid).
    3. Bomb, if one goes off: ``bombs -= 1``; every enemy bullet is removed; every enemy that has
       ``entered`` (so is on the playfield) loses ``bomb_damage`` hp, in list order, and one at 0 hp
       or less is destroyed (scored, its drop left); ``invuln = max(invuln, bomb_invuln)``.
    4. Spawn the enemies due on ``step`` (appended to the enemy list).
    5. Enemies, in list order: take the position for ``t = step - entered_step``. An enemy whose
       box overlaps the playfield is marked ``entered``; one that has entered and no longer
       overlaps it, or has not entered by ``t >= enter_timeout``, escapes (removed, no penalty).
       Survivors fire (see above); new bullets are appended to the enemy-bullet list.
    6. Enemy bullets, in list order: ``x += vx``, ``y += vy``; removed once they no longer overlap
       the playfield.
    7. Player shots, in list order: ``x += vx``, ``y -= bullet_speed``; removed once ``y + bullet_h *
       SUB <= 0`` or the shot no longer overlaps the playfield sideways (``x + bullet_w * SUB <= 0``
       or ``x >= field_w * SUB``); otherwise the first enemy in list order it overlaps loses
       ``bullet_damage`` hp and the shot is removed; an enemy at 0 hp or less is destroyed
       (removed, scored with the multiplier, its drop left).
    8. Pickups, in list order: ``y += pickup_speed``; removed once ``y >= field_h * SUB``; one whose
       box touches the ship's box (the whole ship, not the hitbox) is taken: removed, ``power =
       kind``.
    9. Harm: if ``invuln > 0`` it drops by 1 and nothing hurts. Otherwise the player's hitbox (the
       ship box shrunk by ``player_hit_inset`` px on every side) is tested against enemy bullets
       in list order (the first touching one is removed and hurts), then, if none, against enemy
       bodies in list order (the first touching one hurts; a non-boss is destroyed without
       points when ``contact_destroys_enemy``). With the shield held the hurt is absorbed: ``power
       = 0``, ``invuln = invuln`` (the constant). Otherwise a hurt costs a life, sets ``invuln``,
       clears ``power`` and resets the multiplier.
   10. ``step += 1``. The level fails when lives reach 0; it is complete when every spawn has
       entered and no enemy is left (destroyed or escaped; a boss never leaves, so it must be shot
       down). Pickups still falling do not hold the level open.
"""

import math
from dataclasses import dataclass, field
from typing import Final

from maestro.level import LevelFile, Spawn
from maestro.rules.geometry import SUB, overlaps
from maestro.rules.inputs import ACTION, DOWN, LEFT, RIGHT, SECONDARY, UP, Script, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

SINE_SAMPLES: Final = 64
DIRECTIONS: Final = 16
SCALE: Final = 256

#: Power-up kinds (``power``, a spawn's ``drop``, a pickup's kind).
SPREAD: Final = 1
RAPID: Final = 2
SHIELD: Final = 3
#: Power-up kind -> the name ``status`` and the HUD use ("" for none).
POWER_NAMES: Final = ("", "spread", "rapid", "shield")
#: Boss phases (1-based in the docstring, 0-based here).
PHASES: Final = 3
#: The per-phase fire params, in the order a phase's fire tuple holds them.
_PHASE_KEYS: Final = ("fire", "fire_alt", "fire_every", "bullet_speed", "spread")


def _sine_table() -> tuple[int, ...]:
    return tuple(round(SCALE * math.sin(2 * math.pi * i / SINE_SAMPLES)) for i in range(SINE_SAMPLES))


def _direction_table() -> tuple[tuple[int, ...], tuple[int, ...]]:
    angles = [2 * math.pi * i / DIRECTIONS for i in range(DIRECTIONS)]
    return tuple(round(SCALE * math.sin(a)) for a in angles), tuple(round(SCALE * math.cos(a)) for a in angles)


_DIR_X, _DIR_Y = _direction_table()


@dataclass(frozen=True)
class Tuning(RulesTuning):
    """Every shooter constant: sizes in pixels, positions and speeds in sub-pixels (per step), times in steps."""

    field_w: int = 240
    field_h: int = 320
    player_w: int = 12
    player_h: int = 12
    player_hit_inset: int = 3
    player_speed: int = 640
    fire_every: int = 5
    bullet_w: int = 2
    bullet_h: int = 6
    bullet_speed: int = 2048
    bullet_damage: int = 1
    enemy_bullet_w: int = 4
    enemy_bullet_h: int = 4
    enemy_bullet_cap: int = 40
    enter_timeout: int = 600
    hover_linger: int = 600
    leave_speed: int = 384
    invuln: int = 90
    lives: int = 3
    contact_destroys_enemy: bool = True
    bombs: int = 3
    bomb_damage: int = 6
    bomb_invuln: int = 60
    pickup_w: int = 10
    pickup_h: int = 10
    pickup_speed: int = 160
    spread_vx: int = 384
    rapid_fire_every: int = 3
    multiplier_every: int = 5
    multiplier_max: int = 4
    turn: int = 4096
    sine: tuple[int, ...] = field(default_factory=_sine_table)
    dir_x: tuple[int, ...] = _DIR_X
    dir_y: tuple[int, ...] = _DIR_Y

    def check(self) -> None:
        """The multiplier rule divides by ``multiplier_every``."""
        if self.multiplier_every < 1 or self.multiplier_max < 1:
            raise ValueError("rules.multiplier_every and rules.multiplier_max must be at least 1")


TUNING = Tuning()

#: Params that read 1 rather than 0 when missing (they divide).
_ONE_DEFAULTS: Final = ("period", "arc", "fire_every", "spread")

#: One phase's fire: (fire, fire_alt, fire_every, bullet_speed, spread).
Fire = tuple[int, int, int, int, int]


def sin_at(u: int, sine: tuple[int, ...], turn: int) -> int:
    """Sine of angle ``u`` (1/``turn`` of a turn), scaled by 256, linearly interpolated in the table."""
    samples = len(sine)
    span = turn // samples
    u %= turn
    i = u // span
    a = sine[i]
    return a + ((sine[(i + 1) % samples] - a) * (u % span)) // span


def phase_fires(params: dict[str, int]) -> tuple[Fire, ...]:
    """The fire of each boss phase: phase 1 from the plain params, later ones from ``<key>_<n>`` or the phase before."""
    first = [params.get(key, 0) for key in _PHASE_KEYS]
    first[2], first[4] = max(1, params.get("fire_every", 1)), max(1, params.get("spread", 1))
    fires: list[Fire] = [(first[0], first[1], first[2], first[3], first[4])]
    for n in range(2, PHASES + 1):
        values = [params.get(f"{key}_{n}", before) for key, before in zip(_PHASE_KEYS, fires[-1], strict=True)]
        fires.append((values[0], values[1], max(1, values[2]), values[3], max(1, values[4])))
    return tuple(fires)


def phase_of(hp: int, max_hp: int) -> int:
    """A boss's phase (0-based) for ``hp`` left of ``max_hp``: thirds, the last one at 1/3 and below."""
    if 3 * hp > 2 * max_hp:
        return 0
    return 1 if 3 * hp > max_hp else 2


class Enemy:
    """One live enemy: its spawn data (sub-pixels) and where it is now."""

    __slots__ = (
        "amp",
        "amp_y",
        "arc",
        "boss",
        "bullet_speed",
        "dir",
        "dive",
        "drop",
        "entered",
        "fire",
        "fire_alt",
        "fire_delay",
        "fire_every",
        "fires",
        "h",
        "hold",
        "hp",
        "max_hp",
        "name",
        "pattern",
        "period",
        "phase",
        "points",
        "radius",
        "spread",
        "stage",
        "start",
        "vx",
        "vy",
        "w",
        "x",
        "x0",
        "y",
        "y0",
    )

    def __init__(self, spawn: Spawn, start: int) -> None:
        p = spawn.params
        ones = {name: max(1, p.get(name, 1)) for name in _ONE_DEFAULTS}
        self.name = spawn.name
        self.pattern = spawn.pattern
        self.boss = spawn.boss
        self.start = start
        self.x0 = self.x = spawn.x * SUB
        self.y0 = self.y = spawn.y * SUB
        self.w = spawn.w * SUB
        self.h = spawn.h * SUB
        self.hp = self.max_hp = spawn.hp
        self.points = spawn.points
        self.entered = False
        self.vx = p.get("vx", 0)
        self.vy = p.get("vy", 0)
        self.period = ones["period"]
        self.amp = p.get("amp", 0)
        self.amp_y = p.get("amp_y", 0)
        self.phase = p.get("phase", 0)
        self.dive = p.get("dive", 0)
        self.radius = p.get("radius", 0)
        self.arc = ones["arc"]
        self.dir = p.get("dir", 0)
        self.hold = p.get("hold", 0)
        self.fire_delay = p.get("fire_delay", 0)
        self.drop = p.get("drop", 0)
        self.fires = phase_fires(p) if spawn.boss else phase_fires(p)[:1]
        self.stage = 0
        self.fire, self.fire_alt, self.fire_every, self.bullet_speed, self.spread = self.fires[0]

    def damage(self, amount: int) -> None:
        """Lose ``amount`` hp; a boss moves to the phase its hp now calls for, and fires as that phase."""
        self.hp -= amount
        if self.boss:
            self.stage = phase_of(self.hp, self.max_hp)
            self.fire, self.fire_alt, self.fire_every, self.bullet_speed, self.spread = self.fires[self.stage]


def position(e: Enemy, t: int, tu: Tuning) -> tuple[int, int]:
    """Top-left (sub-pixels) of ``e`` at ``t`` steps after it entered: the patterns of the module docstring."""
    pattern = e.pattern
    if pattern == "straight":
        return e.x0 + e.vx * t, e.y0 + e.vy * t
    if pattern == "zigzag":
        m = t % (2 * e.period)
        tri = m if m < e.period else 2 * e.period - m
        return e.x0 + e.vx * tri, e.y0 + e.vy * t
    if pattern == "sine":
        return e.x0 + e.amp * sin_at(t * tu.turn // e.period + e.phase, tu.sine, tu.turn) // SCALE, e.y0 + e.vy * t
    if pattern == "swoop":
        return _swoop(e, t, tu)
    if t < e.hold:
        return e.x0, e.y0 + e.vy * t
    if pattern == "hover" and t > e.hold + tu.hover_linger:
        u = tu.hover_linger * tu.turn // e.period + e.phase
        return (e.x0 + e.amp * sin_at(u, tu.sine, tu.turn) // SCALE,
                e.y0 + e.vy * e.hold - tu.leave_speed * (t - e.hold - tu.hover_linger))
    u = (t - e.hold) * tu.turn // e.period + e.phase
    x = e.x0 + e.amp * sin_at(u, tu.sine, tu.turn) // SCALE
    y = e.y0 + e.vy * e.hold
    if pattern == "boss":
        y += e.amp_y * sin_at(2 * u, tu.sine, tu.turn) // SCALE
    return x, y


def _swoop(e: Enemy, t: int, tu: Tuning) -> tuple[int, int]:
    if t < e.dive:
        return e.x0, e.y0 + e.vy * t
    bottom = e.y0 + e.vy * e.dive
    if t < e.dive + e.arc:
        a = (t - e.dive) * (tu.turn // 2) // e.arc
        cos = sin_at(a + tu.turn // 4, tu.sine, tu.turn)
        x = e.x0 + e.dir * (e.radius - e.radius * cos // SCALE)
        return x, bottom + e.radius * sin_at(a, tu.sine, tu.turn) // SCALE
    return e.x0 + e.dir * 2 * e.radius, bottom - e.vy * (t - e.dive - e.arc)


class Bullet:
    """An enemy bullet; ``source`` names who fired it, for failure messages."""

    __slots__ = ("source", "vx", "vy", "x", "y")

    def __init__(self, x: int, y: int, vx: int, vy: int, source: str) -> None:
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.source = source


class State:
    """Everything a step reads and writes: the player, the entity lists, the wave clock, the tally."""

    def __init__(self, level: LevelFile) -> None:
        tu = Tuning.from_rules(level.rules)
        self.tuning = tu
        timed = [(wave.at + spawn.delay, spawn) for wave in level.waves for spawn in wave.spawns]
        timed.sort(key=lambda pair: pair[0])
        self.schedule: list[tuple[int, Spawn]] = timed
        self.next_spawn = 0
        self.step = 0
        self.x = level.player.x * SUB
        self.y = level.player.y * SUB
        self.cooldown = 0
        self.invuln = 0
        self.lives = tu.lives
        self.lives_lost = 0
        self.score = 0
        #: Player shots: [x, y, vx].
        self.shots: list[list[int]] = []
        self.enemies: list[Enemy] = []
        self.bullets: list[Bullet] = []
        #: Falling power-ups: [x, y, kind].
        self.pickups: list[list[int]] = []
        self.bombs = tu.bombs
        self.power = 0
        self.multiplier = 1
        self.streak = 0
        self.previous_mask = 0
        #: The step the last bomb went off (-1: none yet); the runtime draws its flash from it.
        self.bomb_step = -1
        self.fired = 0
        self.enemy_fired = 0
        self.kills = 0
        self.escaped = 0
        self.bosses_destroyed = 0
        self.bombs_used = 0
        self.pickups_taken = 0
        self.shields_used = 0
        self.best_multiplier = 1
        self.last_hit = ""

    @property
    def completed(self) -> bool:
        return self.lives > 0 and self.next_spawn == len(self.schedule) and not self.enemies

    @property
    def failed(self) -> bool:
        return self.lives <= 0

    def stats(self) -> dict[str, int]:
        return {
            "kills": self.kills,
            "escaped": self.escaped,
            "spawned": self.next_spawn,
            "shots": self.fired,
            "enemy_shots": self.enemy_fired,
            "bosses_destroyed": self.bosses_destroyed,
            "lives_left": self.lives,
            "bombs_used": self.bombs_used,
            "pickups": self.pickups_taken,
            "shields_used": self.shields_used,
            "best_multiplier": self.best_multiplier,
        }


def step(s: State, mask: int) -> None:
    """Advance ``s`` by one step under input ``mask`` (the order of the module docstring)."""
    tu = s.tuning
    _move_player(s, tu, mask)
    if mask & SECONDARY and not s.previous_mask & SECONDARY and s.bombs > 0:
        _bomb(s, tu)
    s.previous_mask = mask
    _spawn(s)
    _move_enemies(s, tu)
    fw, fh = tu.field_w * SUB, tu.field_h * SUB
    ebw, ebh = tu.enemy_bullet_w * SUB, tu.enemy_bullet_h * SUB
    kept: list[Bullet] = []
    for b in s.bullets:
        b.x += b.vx
        b.y += b.vy
        if overlaps(b.x, b.y, ebw, ebh, 0, 0, fw, fh):
            kept.append(b)
    s.bullets = kept
    _move_shots(s, tu)
    _move_pickups(s, tu)
    _harm(s, tu)
    s.step += 1


def _move_player(s: State, tu: Tuning, mask: int) -> None:
    speed = tu.player_speed
    hx = (1 if mask & RIGHT else 0) - (1 if mask & LEFT else 0)
    hy = (1 if mask & DOWN else 0) - (1 if mask & UP else 0)
    s.x = min(max(s.x + hx * speed, 0), (tu.field_w - tu.player_w) * SUB)
    s.y = min(max(s.y + hy * speed, 0), (tu.field_h - tu.player_h) * SUB)
    if s.cooldown > 0:
        s.cooldown -= 1
    if mask & ACTION and s.cooldown == 0:
        x, y = s.x + (tu.player_w - tu.bullet_w) * SUB // 2, s.y - tu.bullet_h * SUB
        s.shots.append([x, y, 0])
        if s.power == SPREAD:
            s.shots.append([x, y, -tu.spread_vx])
            s.shots.append([x, y, tu.spread_vx])
        s.cooldown = tu.rapid_fire_every if s.power == RAPID else tu.fire_every
        s.fired += 1


def _bomb(s: State, tu: Tuning) -> None:
    """Clear every enemy bullet, hit every enemy on the playfield, grant a short invulnerability."""
    s.bombs -= 1
    s.bombs_used += 1
    s.bomb_step = s.step
    s.bullets = []
    for e in list(s.enemies):
        if e.entered:
            e.damage(tu.bomb_damage)
            if e.hp <= 0:
                _destroy(s, tu, e)
    s.invuln = max(s.invuln, tu.bomb_invuln)


def _spawn(s: State) -> None:
    schedule = s.schedule
    while s.next_spawn < len(schedule) and schedule[s.next_spawn][0] <= s.step:
        s.enemies.append(Enemy(schedule[s.next_spawn][1], s.step))
        s.next_spawn += 1


def _move_enemies(s: State, tu: Tuning) -> None:
    fw, fh = tu.field_w * SUB, tu.field_h * SUB
    kept: list[Enemy] = []
    for e in s.enemies:
        t = s.step - e.start
        x, y = position(e, t, tu)
        e.x, e.y = x, y
        if overlaps(x, y, e.w, e.h, 0, 0, fw, fh):
            e.entered = True
        elif e.entered or t >= tu.enter_timeout:
            s.escaped += 1
            continue
        kept.append(e)
        if e.fire and t >= e.fire_delay and (t - e.fire_delay) % e.fire_every == 0:
            _fire(s, tu, e, (t - e.fire_delay) // e.fire_every)
    s.enemies = kept


def _fire(s: State, tu: Tuning, e: Enemy, volley: int) -> None:
    cx, cy = e.x + e.w // 2, e.y + e.h // 2
    if not (0 <= cx < tu.field_w * SUB and 0 <= cy < tu.field_h * SUB):
        return
    kind = e.fire_alt if e.fire_alt and volley % 2 == 1 else e.fire
    if kind == 2:
        dx = s.x + tu.player_w * SUB // 2 - cx
        dy = s.y + tu.player_h * SUB // 2 - cy
        directions = [aim(dx, dy, tu)]
    elif kind == 3:
        half = e.spread // 2
        directions = [(j + DIRECTIONS) % DIRECTIONS for j in range(-half, half + 1)]
    else:
        directions = [0]
    bx, by = cx - tu.enemy_bullet_w * SUB // 2, cy - tu.enemy_bullet_h * SUB // 2
    speed = e.bullet_speed
    for i in directions:
        if len(s.bullets) >= tu.enemy_bullet_cap:
            return
        s.bullets.append(Bullet(bx, by, tu.dir_x[i] * speed // SCALE, tu.dir_y[i] * speed // SCALE, e.name))
        s.enemy_fired += 1


def aim(dx: int, dy: int, tu: Tuning) -> int:
    """Index of the direction closest to ``(dx, dy)``: the largest dot product, first on ties."""
    best, best_dot = 0, dx * tu.dir_x[0] + dy * tu.dir_y[0]
    for i in range(1, len(tu.dir_x)):
        dot = dx * tu.dir_x[i] + dy * tu.dir_y[i]
        if dot > best_dot:
            best, best_dot = i, dot
    return best


def _move_shots(s: State, tu: Tuning) -> None:
    speed, bw, bh, fw = tu.bullet_speed, tu.bullet_w * SUB, tu.bullet_h * SUB, tu.field_w * SUB
    kept: list[list[int]] = []
    for shot in s.shots:
        shot[0] += shot[2]
        shot[1] -= speed
        x, y = shot[0], shot[1]
        if y + bh <= 0 or x + bw <= 0 or x >= fw:
            continue
        for e in s.enemies:
            if x < e.x + e.w and e.x < x + bw and y < e.y + e.h and e.y < y + bh:
                e.damage(tu.bullet_damage)
                if e.hp <= 0:
                    _destroy(s, tu, e)
                break
        else:
            kept.append(shot)
    s.shots = kept


def _destroy(s: State, tu: Tuning, e: Enemy) -> None:
    """An enemy shot down or bombed: removed, scored with the multiplier, its drop left behind."""
    s.enemies.remove(e)
    s.score += e.points * s.multiplier
    s.kills += 1
    s.streak += 1
    s.multiplier = min(tu.multiplier_max, 1 + s.streak // tu.multiplier_every)
    s.best_multiplier = max(s.best_multiplier, s.multiplier)
    if e.boss:
        s.bosses_destroyed += 1
    if e.drop:
        s.pickups.append([e.x + e.w // 2 - tu.pickup_w * SUB // 2, e.y + e.h // 2 - tu.pickup_h * SUB // 2, e.drop])


def _move_pickups(s: State, tu: Tuning) -> None:
    fh, pw, ph = tu.field_h * SUB, tu.pickup_w * SUB, tu.pickup_h * SUB
    kept: list[list[int]] = []
    for pickup in s.pickups:
        pickup[1] += tu.pickup_speed
        if pickup[1] >= fh:
            continue
        if overlaps(s.x, s.y, tu.player_w * SUB, tu.player_h * SUB, pickup[0], pickup[1], pw, ph):
            s.power = pickup[2]
            s.pickups_taken += 1
            continue
        kept.append(pickup)
    s.pickups = kept


def _harm(s: State, tu: Tuning) -> None:
    if s.invuln > 0:
        s.invuln -= 1
        return
    inset = tu.player_hit_inset * SUB
    hx, hy = s.x + inset, s.y + inset
    hw, hh = tu.player_w * SUB - 2 * inset, tu.player_h * SUB - 2 * inset
    bw, bh = tu.enemy_bullet_w * SUB, tu.enemy_bullet_h * SUB
    for i, b in enumerate(s.bullets):
        if overlaps(hx, hy, hw, hh, b.x, b.y, bw, bh):
            del s.bullets[i]
            _hurt(s, tu, f"hit by a {b.source} bullet")
            return
    for e in s.enemies:
        if overlaps(hx, hy, hw, hh, e.x, e.y, e.w, e.h):
            if tu.contact_destroys_enemy and not e.boss:
                s.enemies.remove(e)
            _hurt(s, tu, f"rammed by {e.name}")
            return


def _hurt(s: State, tu: Tuning, what: str) -> None:
    """A hit: the shield takes it if held; otherwise a life, the power-up and the multiplier go."""
    s.invuln = tu.invuln
    if s.power == SHIELD:
        s.power = 0
        s.shields_used += 1
        return
    s.lives -= 1
    s.lives_lost += 1
    s.power = 0
    s.streak = 0
    s.multiplier = 1
    s.last_hit = f"{what} at step {s.step} (x={s.x // SUB} px, y={s.y // SUB} px)"


def replay(level: LevelFile, inputs: Script | None = None) -> Outcome:
    """Play ``inputs`` (default: the level's solution) from the level file alone."""
    script = level.solution.inputs if inputs is None else inputs
    s = State(level)
    for mask in expand(script):
        step(s, mask)
        if s.failed or s.completed:
            break
    return Outcome(
        completed=s.completed,
        steps=s.step,
        reason=_reason(s),
        score=s.score,
        lives_lost=s.lives_lost,
        stats=s.stats(),
    )


def _reason(s: State) -> str:
    if s.completed:
        return ""
    if s.failed:
        return f"lost the last life: {s.last_hit}"
    waiting = len(s.schedule) - s.next_spawn
    if waiting:
        return f"inputs ran out at step {s.step} with {waiting} enemies still to come and {len(s.enemies)} alive"
    alive = "; ".join(f"{e.name} at x={e.x // SUB} y={e.y // SUB} px with {e.hp} hp" for e in s.enemies[:3])
    more = f" and {len(s.enemies) - 3} more" if len(s.enemies) > 3 else ""
    return f"inputs ran out at step {s.step} with {len(s.enemies)} enemies alive ({alive}{more})"
