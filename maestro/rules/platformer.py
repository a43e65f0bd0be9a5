"""Platformer rules: run, jump, land, stomp, swing or shoot, at 60 steps per second in sub-pixels.

The runtime's platformer module is a port of this file; keep the two in step.

World
    Tiles are ``TILE`` pixels. ``#`` is solid, ``=`` a one-way platform (solid only to a body
    falling onto it from above), ``^`` spikes (the lower half of the tile hurts), ``G`` the goal.
    Columns left of 0 and right of the map are solid walls; rows above the map are air; a body
    whose top passes below the map has fallen out.

Actors
    Items, hazards, enemies and bosses. Most follow their scripted ``motion``
    (:func:`maestro.rules.geometry.motion_at`). Three enemy behaviours depend on the player
    instead, when the enemy has no motion: a ``chase`` enemy walks toward the player, a ``turret``
    enemy stands and fires shots, and a ``charge`` enemy stands, winds up and rushes in a straight
    line. They act only while the player is over their *ground*: the span from their entity's
    ``params["left"]`` to ``params["right"]`` (pixels; the whole level when the entity names none).
    A generated level gives each the stretch it was laid on, so a foe never acts before the player
    reaches the part of the level the proof was built for, and a chaser or charger never leaves it.
    Enemies and bosses lose a hit point per stomp, per swing that reaches them and per bolt that
    strikes them; at ``hp`` hit points lost they are defeated, score their points and count as a
    kill.

Chargers
    A charger is *calm*, *winding up*, *charging* or *resting* (``Progress.charges``), and each
    step in 7 does one of these:

    - calm: when it sees the player (as a chaser does: the player's centre over its ground, the
      centres differing and within ``sight`` horizontally, the bottoms within ``sight_band``), it
      starts winding up with a count of ``charge_windup``, toward the side the player is on (the
      runtime draws the tell); it stands meanwhile;
    - winding up: the count falls by one; at 0 it is charging, having run 0;
    - charging: it moves ``charge_speed``, or what is left of ``charge_length`` pixels if less,
      toward its side, cut short at the end of its ground. If its box there would hold a solid
      tile or have neither a solid tile nor a platform under its leading bottom corner, or the
      end of its ground leaves it no room, it does not move. When it did not move, moved less
      than it meant to, or has now run ``charge_length``, it rests with a count of ``charge_rest``;
    - resting: the count falls by one; at 0 it is calm (and may wind up again next step).

Ranged attack
    A game whose GDD names a ranged attack has ``ranged`` on: ACTION then fires a *bolt* instead
    of swinging (same cooldown). A bolt is a ``bolt_size`` square, vertically centred on the
    player, just outside the player's facing side, flying ``bolt_speed`` a step that way. A bolt
    whose box holds a solid tile (or leaves the map sideways) is gone; otherwise it strikes the
    first enemy or boss not defeated, in actor order, that its box overlaps (one hit point, as a
    swing) and is gone.

One step, in this order
    1. ``pressed`` = JUMP (or UP) held now and not held last step; the same edge is taken for
       ACTION (the swing or bolt) and SECONDARY (the dash). The attack timers count down:
       ``swing`` (steps of the swing still active) and ``cooldown`` (steps until the next swing
       or bolt) each fall by one when above 0.
    2. Horizontal speed: holding LEFT xor RIGHT accelerates by ``run_accel`` (``air_accel`` in the
       air) up to ``run_speed``; with neither, speed falls toward 0 by ``friction``
       (``air_friction`` in the air). Dash, when the game has it: SECONDARY pressed on the ground
       sets speed to ``dash_speed`` in the facing direction. Attack: ACTION pressed with
       ``cooldown`` 0 sets ``cooldown = attack_cooldown`` and, without ``ranged``, ``swing =
       attack_active`` and forgets which actors the last swing struck; with ``ranged`` it marks
       a bolt to be fired in 7.
    3. Jump, if ``pressed``: from the ground or within ``coyote`` steps of leaving it, ``vy =
       -jump_velocity``; else from a wall being pushed against (``wall_slide`` games), a wall
       jump; else, with ``double_jump``, one extra jump per airtime at ``double_jump_velocity``.
    4. Variable height: JUMP released while ``vy < -jump_cut`` sets ``vy = -jump_cut``.
    5. Gravity: ``vy += gravity``, capped at ``max_fall`` (``wall_slide_max`` while sliding).
    6. Move x by vx and push out of solid tiles; then move y by vy and push out of solid tiles
       and of platforms being landed on. Landing sets ``on_ground``.
    7. The step counter advances and the grace falls by one; scripted actors take their positions
       for it. Then, in actor order, each chaser not defeated moves ``min(chase_speed, distance)``
       toward the player when the player's centre is over the chaser's ground and within
       ``sight`` pixels of the chaser's centre (horizontally, the centres differing) and the two
       bottoms are within ``sight_band`` pixels, unless its box there would leave its ground,
       hold a solid tile, or have neither a solid tile nor a platform under its leading bottom
       corner (it never walks into walls or off its floor). Then, in actor order, each charger
       not defeated takes its step (see Chargers). Then every shot moves ``shot_speed`` along its
       direction and is gone once its leading edge is in a solid tile (or off the map)
       or it leaves its turret's ground. Then each turret not defeated fires when ``(step + 37 *
       its actor index) % turret_period == 0`` and the player's centre is over its ground, within
       ``sight`` of its centre (horizontally) and the bottoms within ``sight_band``: a
       ``shot_size`` square, vertically centred on the turret, just outside its side facing the
       player (the right side when the centres are level). Then every bolt in flight, in the
       order fired, moves ``bolt_speed`` along its direction, and a bolt marked in 2 joins them
       last, placed by the player's new position; then each, in that order, is gone if its box
       holds a solid tile, else strikes the first foe it overlaps (see Ranged attack).
    8. Falling out and spikes end the level. The swing, while ``swing > 0``: its box is
       ``attack_reach`` pixels wide, as tall as the player, beside the player on the facing
       side; every shot in it is gone; every enemy or boss in it not yet struck by this swing is
       struck (loses a hit point); a struck actor that survives recoils the player (``vx =
       -facing * attack_recoil``) and makes touches harmless for ``attack_grace`` steps (the
       grace never shortens). Then actors in order: an enemy touched while falling whose top the
       player's feet were above last step is stomped (loses a hit point; the player bounces at
       ``stomp_bounce`` and touches are harmless for ``stomp_grace`` steps); any other touch of
       an enemy, boss or hazard is a hit unless the grace is running. Items touched are
       collected. Then a shot touching the player is a hit unless the grace is running.
    9. Touching the goal completes the level, once no boss is left: a boss blocks the goal.

The proof replays with no hits allowed: a hit ends the replay as failed. (The runtime takes a
life and restarts the level instead.)
"""

from dataclasses import dataclass
from typing import Final

from maestro.level import Entity, LevelFile
from maestro.rules.geometry import SUB, Actor, overlaps
from maestro.rules.inputs import ACTION, JUMP, LEFT, RIGHT, SECONDARY, UP, Script, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

SOLID: Final = ord("#")
PLATFORM: Final = ord("=")
SPIKES: Final = ord("^")
GOAL: Final = ord("G")
AIR: Final = ord(".")
#: What an actor does besides its scripted motion (``World.roles``).
SCRIPTED: Final = 0
CHASER: Final = 1
TURRET: Final = 2
CHARGER: Final = 3
#: A charger's states (``Progress.charges``).
CALM: Final = 0
WINDUP: Final = 1
CHARGING: Final = 2
RESTING: Final = 3
#: The ground of a chaser, turret or charger whose entity names none: the whole level.
EVERYWHERE: Final = (-(1 << 40), 1 << 40)
#: Spreads turrets' volleys over the period by actor index.
TURRET_PHASE: Final = 37


@dataclass(frozen=True)
class Tuning(RulesTuning):
    """Every platformer constant. Speeds in sub-pixels per step; times in steps; sizes in pixels."""

    tile: int = 16
    player_w: int = 12
    player_h: int = 14
    gravity: int = 72
    max_fall: int = 1536
    run_speed: int = 448
    run_accel: int = 64
    air_accel: int = 40
    friction: int = 64
    air_friction: int = 16
    jump_velocity: int = 1280
    jump_cut: int = 384
    coyote: int = 5
    double_jump: bool = False
    double_jump_velocity: int = 1152
    wall_slide: bool = False
    wall_slide_max: int = 384
    dash: bool = False
    dash_speed: int = 1024
    stomp_bounce: int = 896
    stomp_margin: int = 6
    stomp_grace: int = 20
    attack_reach: int = 18
    attack_active: int = 8
    attack_cooldown: int = 22
    attack_recoil: int = 512
    attack_grace: int = 12
    chase_speed: int = 192
    sight: int = 112
    sight_band: int = 24
    turret_period: int = 96
    shot_speed: int = 320
    shot_size: int = 6
    charge_speed: int = 896
    charge_windup: int = 30
    charge_rest: int = 45
    charge_length: int = 160
    ranged: bool = False
    bolt_speed: int = 1024
    bolt_size: int = 6

    def check(self) -> None:
        if self.turret_period < 1:
            raise ValueError("rules.turret_period must be at least 1")


TUNING = Tuning()


@dataclass
class Body:
    """The player's dynamic state: everything a step reads and writes besides the world.

    ``swing`` counts the active steps left of the swing, ``cooldown`` the steps until the next
    one, ``struck`` has bit i set once this swing has struck actor i.
    """

    x: int
    y: int
    vx: int = 0
    vy: int = 0
    on_ground: bool = False
    coyote: int = 0
    air_jumps: int = 0
    jump_held: bool = False
    action_held: bool = False
    facing: int = 1
    wall: int = 0
    secondary_held: bool = False
    swing: int = 0
    cooldown: int = 0
    struck: int = 0

    def copy(self) -> "Body":
        return Body(self.x, self.y, self.vx, self.vy, self.on_ground, self.coyote, self.air_jumps,
                    self.jump_held, self.action_held, self.facing, self.wall, self.secondary_held,
                    self.swing, self.cooldown, self.struck)


class World:
    """A level's static parts (tiles, actors, tuning), read from a level file or built in place.

    ``roles`` says, per actor, whether it is scripted, a chaser, a turret or a charger;
    ``grounds`` the span (sub-pixels) such a foe guards, from its entity's ``params`` ``left`` and
    ``right`` (pixels; without them, the whole level); ``chasers`` and ``chargers`` list their
    actor indices in order (their positions live in ``Progress.mobs`` and ``Progress.charges``).
    """

    def __init__(self, columns: list[bytearray], height: int, tuning: Tuning, actors: list[Actor],
                 entities: list[Entity] | None = None) -> None:
        self.columns = columns
        self.height = height
        self.tuning = tuning
        self.actors: list[Actor] = []
        self.reaches: list[tuple[int, int]] = []
        self.roles: list[int] = []
        self.grounds: list[tuple[int, int]] = []
        self.chasers: list[int] = []
        self.turrets: list[int] = []
        self.chargers: list[int] = []
        self.bosses = 0
        self.ts = tuning.tile * SUB
        self.pw = tuning.player_w * SUB
        self.ph = tuning.player_h * SUB
        for index, actor in enumerate(actors):
            self.add_actor(actor, entities[index] if entities is not None else None)

    def add_actor(self, actor: Actor, entity: Entity | None = None) -> None:
        """Add ``actor``; its ``entity`` (same index in the level) gives a behaviour and ground."""
        index = len(self.actors)
        role = role_of(actor, entity.behaviour if entity is not None else None)
        ground = EVERYWHERE
        if entity is not None and "left" in entity.params and "right" in entity.params:
            ground = (entity.params["left"] * SUB, entity.params["right"] * SUB)
        self.actors.append(actor)
        self.roles.append(role)
        self.grounds.append(ground)
        self.reaches.append(ground if role in (CHASER, CHARGER) else (actor.span[0], actor.span[2]))
        if role == CHASER:
            self.chasers.append(index)
        elif role == TURRET:
            self.turrets.append(index)
        elif role == CHARGER:
            self.chargers.append(index)
        if actor.kind == "boss":
            self.bosses |= 1 << index

    def drop_actors(self, keep: int) -> None:
        del self.actors[keep:]
        del self.reaches[keep:]
        del self.roles[keep:]
        del self.grounds[keep:]
        self.chasers = [index for index in self.chasers if index < keep]
        self.turrets = [index for index in self.turrets if index < keep]
        self.chargers = [index for index in self.chargers if index < keep]
        self.bosses &= (1 << keep) - 1

    @classmethod
    def from_level(cls, level: LevelFile) -> "World":
        columns = [
            bytearray("".join(row[col] for row in level.rows).replace(" ", "."), "ascii") for col in range(level.width)
        ]
        actors = [Actor.of(entity) for entity in level.entities]
        return cls(columns, level.height, Tuning.from_rules(level.rules), actors, list(level.entities))

    def tile(self, col: int, row: int) -> int:
        if col < 0 or col >= len(self.columns):
            return SOLID
        if row < 0 or row >= self.height:
            return AIR
        return self.columns[col][row]

    def spawn(self, x_px: int, y_px: int) -> Body:
        return Body(x_px * SUB, y_px * SUB, on_ground=True, coyote=self.tuning.coyote)


def role_of(actor: Actor, behaviour: str | None) -> int:
    """Chasers, turrets and chargers are enemies without a scripted motion; everything else follows its motion."""
    if actor.kind != "enemy" or actor.motion is not None:
        return SCRIPTED
    if behaviour == "chase":
        return CHASER
    if behaviour == "turret":
        return TURRET
    if behaviour == "charge":
        return CHARGER
    return SCRIPTED


#: A shot in flight: left x, top y (sub-pixels), direction (-1 or 1), the firing actor's index.
Shot = tuple[int, int, int, int]
#: A charger: x (sub-pixels), state (CALM, WINDUP, CHARGING, RESTING), steps left of the wind-up
#: or rest, direction (-1 or 1; 0 before its first wind-up), sub-pixels run in this charge.
Charge = tuple[int, int, int, int, int]
#: One of the player's bolts in flight: left x, top y (sub-pixels), direction (-1 or 1).
Bolt = tuple[int, int, int]


@dataclass
class Progress:
    """What changes besides the body.

    ``gone`` has bit i set once actor i is collected or defeated; ``hits`` keeps hit points lost
    by actors with more than one, three bits per actor index. ``mobs`` holds the chasers' x, in
    ``World.chasers`` order (a chaser past its end stands at its file position); ``charges`` the
    chargers' states in ``World.chargers`` order (one past its end is calm at its file position);
    ``shots`` the turrets' shots in flight, oldest first; ``bolts`` the player's. All plain
    integers and tuples, so a solver can hash the state.
    """

    step: int = 0
    gone: int = 0
    hits: int = 0
    grace: int = 0
    score: int = 0
    done: bool = False
    failed: str = ""
    kills: int = 0
    mobs: tuple[int, ...] = ()
    shots: tuple[Shot, ...] = ()
    charges: tuple[Charge, ...] = ()
    bolts: tuple[Bolt, ...] = ()

    def copy(self) -> "Progress":
        return Progress(self.step, self.gone, self.hits, self.grace, self.score, self.done, self.failed,
                        self.kills, self.mobs, self.shots, self.charges, self.bolts)

    def hits_on(self, index: int) -> int:
        return (self.hits >> (3 * index)) & 7

    def set_hits(self, index: int, taken: int) -> None:
        shift = 3 * index
        self.hits = (self.hits & ~(7 << shift)) | (min(taken, 7) << shift)


def actor_box(world: World, progress: Progress, index: int) -> tuple[int, int, int, int]:
    """Actor ``index``'s box this step: a chaser or charger where it moved to, any other where its motion puts it."""
    actor = world.actors[index]
    role = world.roles[index]
    if role == CHASER:
        order = world.chasers.index(index)
        x = progress.mobs[order] if order < len(progress.mobs) else actor.x
        return x, actor.y, actor.w, actor.h
    if role == CHARGER:
        return charge_of(world, progress, world.chargers.index(index))[0], actor.y, actor.w, actor.h
    return actor.box_at(progress.step)


def charge_of(world: World, progress: Progress, order: int) -> Charge:
    """The state of the ``order``-th charger: calm at its file position until it first acts."""
    if order < len(progress.charges):
        return progress.charges[order]
    return world.actors[world.chargers[order]].x, CALM, 0, 0, 0


def step(world: World, body: Body, progress: Progress, mask: int) -> None:
    """Advance one step in place. Sets ``progress.done`` or ``progress.failed`` when the level ends."""
    t = world.tuning
    jump_now = bool(mask & (JUMP | UP))
    pressed = jump_now and not body.jump_held
    body.jump_held = jump_now
    action_now = bool(mask & ACTION)
    swing_pressed = action_now and not body.action_held
    body.action_held = action_now
    secondary_now = bool(mask & SECONDARY)
    dash_pressed = secondary_now and not body.secondary_held
    body.secondary_held = secondary_now
    if body.swing > 0:
        body.swing -= 1
    if body.cooldown > 0:
        body.cooldown -= 1

    direction = (1 if mask & RIGHT else 0) - (1 if mask & LEFT else 0)
    _run(t, body, direction)
    if t.dash and dash_pressed and body.on_ground:
        body.vx = t.dash_speed * body.facing
    fire = False
    if swing_pressed and body.cooldown == 0:
        body.cooldown = t.attack_cooldown
        if t.ranged:
            fire = True
        else:
            body.swing = t.attack_active
            body.struck = 0

    if pressed:
        _jump(t, body, direction)
    if not jump_now and body.vy < -t.jump_cut:
        body.vy = -t.jump_cut

    body.vy += t.gravity
    limit = t.wall_slide_max if (t.wall_slide and body.wall != 0 and body.wall == direction) else t.max_fall
    if body.vy > limit:
        body.vy = limit

    _move_x(world, body, direction)
    _move_y(world, body)
    progress.step += 1
    if progress.grace > 0:
        progress.grace -= 1
    if world.chasers:
        _chase(world, body, progress)
    if world.chargers:
        _charge(world, body, progress)
    if progress.shots:
        _fly(world, progress)
    if world.turrets:
        _fire(world, body, progress)
    if fire or progress.bolts:
        _bolts(world, body, progress, fire)
    _touch(world, body, progress)


def _run(t: Tuning, body: Body, direction: int) -> None:
    if direction != 0:
        body.facing = direction
        accel = t.run_accel if body.on_ground else t.air_accel
        if direction * body.vx < t.run_speed:
            body.vx += direction * accel
            if direction * body.vx > t.run_speed:
                body.vx = direction * t.run_speed
        elif body.on_ground:
            body.vx -= direction * min(t.friction, direction * body.vx - t.run_speed)
        return
    slow = t.friction if body.on_ground else t.air_friction
    if body.vx > 0:
        body.vx = max(0, body.vx - slow)
    elif body.vx < 0:
        body.vx = min(0, body.vx + slow)


def _jump(t: Tuning, body: Body, direction: int) -> None:
    if body.on_ground or body.coyote > 0:
        body.vy = -t.jump_velocity
        body.on_ground = False
        body.coyote = 0
    elif t.wall_slide and body.wall != 0:
        body.vy = -t.jump_velocity
        body.vx = -body.wall * t.run_speed
        body.facing = -body.wall
    elif t.double_jump and body.air_jumps > 0:
        body.vy = -t.double_jump_velocity
        body.air_jumps -= 1


def _blocked_column(world: World, col: int, y: int) -> bool:
    if col < 0 or col >= len(world.columns):
        return True
    column, ts = world.columns[col], world.ts
    for row in range(max(0, y // ts), min(world.height - 1, (y + world.ph - 1) // ts) + 1):
        if column[row] == SOLID:
            return True
    return False


def _move_x(world: World, body: Body, direction: int) -> None:
    ts, pw = world.ts, world.pw
    body.x += body.vx
    if body.vx > 0:
        col = (body.x + pw - 1) // ts
        if _blocked_column(world, col, body.y):
            body.x = col * ts - pw
            body.vx = 0
    elif body.vx < 0:
        col = body.x // ts
        if _blocked_column(world, col, body.y):
            body.x = (col + 1) * ts
            body.vx = 0
    body.wall = 0
    if not body.on_ground and direction != 0:
        edge = body.x + pw if direction > 0 else body.x - 1
        if _blocked_column(world, edge // ts, body.y):
            body.wall = direction


def _move_y(world: World, body: Body) -> None:
    t, ts, pw, ph = world.tuning, world.ts, world.pw, world.ph
    previous_bottom = body.y + ph
    body.y += body.vy
    first, last = body.x // ts, (body.x + pw - 1) // ts
    body.on_ground = False
    if body.vy > 0:
        row = (body.y + ph - 1) // ts
        for col in range(first, last + 1):
            tile = world.tile(col, row)
            if tile == SOLID or (tile == PLATFORM and previous_bottom <= row * ts):
                body.y = row * ts - ph
                body.vy = 0
                body.on_ground = True
                break
    elif body.vy < 0:
        row = body.y // ts
        for col in range(first, last + 1):
            if world.tile(col, row) == SOLID:
                body.y = (row + 1) * ts
                body.vy = 0
                break
    if body.on_ground:
        body.coyote = t.coyote
        body.air_jumps = 1 if t.double_jump else 0
    elif body.coyote > 0:
        body.coyote -= 1


def _can_walk(world: World, x: int, y: int, w: int, h: int, rightward: bool) -> bool:
    """A chaser's box at ``x`` holds no solid tile and its leading bottom corner stands on ground."""
    ts = world.ts
    for col in range(x // ts, (x + w - 1) // ts + 1):
        for row in range(y // ts, (y + h - 1) // ts + 1):
            if world.tile(col, row) == SOLID:
                return False
    under = world.tile((x + w - 1 if rightward else x) // ts, (y + h) // ts)
    return under in (SOLID, PLATFORM)


def _chase(world: World, body: Body, progress: Progress) -> None:
    """Chasers in sight of the player walk toward it along their floor (step 7)."""
    t = world.tuning
    sight, band = t.sight * SUB, t.sight_band * SUB
    centre, feet = body.x + world.pw // 2, body.y + world.ph
    mobs: list[int] | None = None
    for order, index in enumerate(world.chasers):
        if progress.gone >> index & 1:
            continue
        actor = world.actors[index]
        x = progress.mobs[order] if order < len(progress.mobs) else actor.x
        dx = centre - (x + actor.w // 2)
        left, right = world.grounds[index]
        if dx == 0 or abs(dx) > sight or abs(feet - (actor.y + actor.h)) > band or not left <= centre < right:
            continue
        move = min(t.chase_speed, abs(dx)) * (1 if dx > 0 else -1)
        if x + move < left or x + move + actor.w > right:
            continue
        if not _can_walk(world, x + move, actor.y, actor.w, actor.h, move > 0):
            continue
        if mobs is None:
            mobs = list(progress.mobs) + [world.actors[i].x for i in world.chasers[len(progress.mobs):]]
        mobs[order] = x + move
    if mobs is not None:
        progress.mobs = tuple(mobs)


def _sees(world: World, body: Body, index: int, x: int) -> int:
    """Direction (-1 or 1) toward a player in sight of foe ``index`` standing at ``x``, else 0.

    In sight: the player's centre over the foe's ground, the centres differing and within
    ``sight`` horizontally, the bottoms within ``sight_band``."""
    t, actor = world.tuning, world.actors[index]
    centre = body.x + world.pw // 2
    dx = centre - (x + actor.w // 2)
    left, right = world.grounds[index]
    if dx == 0 or abs(dx) > t.sight * SUB or abs(body.y + world.ph - actor.y - actor.h) > t.sight_band * SUB:
        return 0
    if not left <= centre < right:
        return 0
    return 1 if dx > 0 else -1


def _charge(world: World, body: Body, progress: Progress) -> None:
    """Chargers wind up at a player in sight, rush along their floor, rest (step 7, see Chargers)."""
    t = world.tuning
    charges = [charge_of(world, progress, order) for order in range(len(world.chargers))]
    for order, index in enumerate(world.chargers):
        if progress.gone >> index & 1:
            continue
        x, state, count, direction, ran = charges[order]
        if state == CALM:
            seen = _sees(world, body, index, x)
            if seen:
                state, count, direction = WINDUP, t.charge_windup, seen
        elif state == WINDUP:
            count -= 1
            if count <= 0:
                state, count, ran = CHARGING, 0, 0
        elif state == CHARGING:
            x, ran, stopped = _rush(world, index, x, direction, ran)
            if stopped:
                state, count = RESTING, t.charge_rest
        else:
            count -= 1
            if count <= 0:
                state, count = CALM, 0
        charges[order] = (x, state, count, direction, ran)
    progress.charges = tuple(charges)


def _rush(world: World, index: int, x: int, direction: int, ran: int) -> tuple[int, int, bool]:
    """One step of a charge: the new x, the distance run, and whether the charge is over."""
    t, actor = world.tuning, world.actors[index]
    left, right = world.grounds[index]
    move = min(t.charge_speed, t.charge_length * SUB - ran)
    to = min(x + move, right - actor.w) if direction > 0 else max(x - move, left)
    if (to - x) * direction <= 0 or not _can_walk(world, to, actor.y, actor.w, actor.h, direction > 0):
        return x, ran, True
    ran += abs(to - x)
    return to, ran, ran >= t.charge_length * SUB or abs(to - x) < move


def _solid_rows(world: World, col: int, y: int, h: int) -> bool:
    """Whether column ``col`` holds a solid tile between ``y`` and ``y + h`` (off the map: a wall)."""
    ts = world.ts
    return any(world.tile(col, row) == SOLID for row in range(y // ts, (y + h - 1) // ts + 1))


def _fly(world: World, progress: Progress) -> None:
    """Shots move; one whose leading edge enters a solid tile is gone (step 7)."""
    t = world.tuning
    size = t.shot_size * SUB
    kept: list[Shot] = []
    for x, y, direction, owner in progress.shots:
        x += direction * t.shot_speed
        lead = x + size - 1 if direction > 0 else x
        left, right = world.grounds[owner]
        if left <= x and x + size <= right and not _solid_rows(world, lead // world.ts, y, size):
            kept.append((x, y, direction, owner))
    progress.shots = tuple(kept)


def _fire(world: World, body: Body, progress: Progress) -> None:
    """Turrets whose volley falls on this step fire at a player in sight (step 7)."""
    t = world.tuning
    sight, band, size = t.sight * SUB, t.sight_band * SUB, t.shot_size * SUB
    centre, feet = body.x + world.pw // 2, body.y + world.ph
    fired: list[Shot] = []
    for index in world.turrets:
        if progress.gone >> index & 1 or (progress.step + TURRET_PHASE * index) % t.turret_period != 0:
            continue
        actor = world.actors[index]
        dx = centre - (actor.x + actor.w // 2)
        left, right = world.grounds[index]
        if abs(dx) > sight or abs(feet - (actor.y + actor.h)) > band or not left <= centre < right:
            continue
        direction = 1 if dx >= 0 else -1
        x = actor.x + actor.w if direction > 0 else actor.x - size
        fired.append((x, actor.y + (actor.h - size) // 2, direction, index))
    if fired:
        progress.shots = progress.shots + tuple(fired)


def _bolts(world: World, body: Body, progress: Progress, fire: bool) -> None:
    """Bolts move, a fired one joins them, and each stops on a solid tile or at the first foe it strikes (step 7)."""
    t = world.tuning
    size = t.bolt_size * SUB
    flying = [(x + direction * t.bolt_speed, y, direction) for x, y, direction in progress.bolts]
    if fire:
        x = body.x + world.pw if body.facing > 0 else body.x - size
        flying.append((x, body.y + (world.ph - size) // 2, body.facing))
    kept: list[Bolt] = []
    for bolt in flying:
        x, y, _ = bolt
        if any(_solid_rows(world, col, y, size) for col in range(x // world.ts, (x + size - 1) // world.ts + 1)):
            continue
        if not _strike(world, progress, x, y, size):
            kept.append(bolt)
    progress.bolts = tuple(kept)


def _strike(world: World, progress: Progress, x: int, y: int, size: int) -> bool:
    """The first enemy or boss not defeated that a bolt's box overlaps loses a hit point; whether one did."""
    for index, actor in enumerate(world.actors):
        if actor.kind not in ("enemy", "boss") or progress.gone >> index & 1:
            continue
        left, right = world.reaches[index]
        if x >= right or x + size <= left:
            continue
        ax, ay, aw, ah = actor_box(world, progress, index)
        if overlaps(x, y, size, size, ax, ay, aw, ah):
            _wound(progress, index, actor)
            return True
    return False


def _wound(progress: Progress, index: int, actor: Actor) -> bool:
    """One hit point off an enemy or boss; True when that defeats it (it scores and counts a kill)."""
    taken = progress.hits_on(index) + 1
    if taken >= actor.hp:
        progress.gone |= 1 << index
        progress.score += actor.points
        progress.kills += 1
        return True
    progress.set_hits(index, taken)
    return False


def swing_box(world: World, body: Body) -> tuple[int, int, int, int]:
    """The swing's box: ``attack_reach`` wide, the player's height, beside the player on the facing side."""
    reach = world.tuning.attack_reach * SUB
    return (body.x + world.pw if body.facing > 0 else body.x - reach), body.y, reach, world.ph


def _swing(world: World, body: Body, progress: Progress) -> None:
    """The active swing clears shots and strikes each enemy and boss in reach once (step 8)."""
    t = world.tuning
    sx, sy, sw, sh = swing_box(world, body)
    if progress.shots:
        size = t.shot_size * SUB
        progress.shots = tuple(s for s in progress.shots if not overlaps(sx, sy, sw, sh, s[0], s[1], size, size))
    for index, actor in enumerate(world.actors):
        bit = 1 << index
        if actor.kind not in ("enemy", "boss") or (progress.gone | body.struck) & bit:
            continue
        left, right = world.reaches[index]
        if sx >= right or sx + sw <= left:
            continue
        ax, ay, aw, ah = actor_box(world, progress, index)
        if not overlaps(sx, sy, sw, sh, ax, ay, aw, ah):
            continue
        body.struck |= bit
        if not _wound(progress, index, actor):
            body.vx = -body.facing * t.attack_recoil
            progress.grace = max(progress.grace, t.attack_grace)


def _touch(world: World, body: Body, progress: Progress) -> None:
    ts, pw, ph = world.ts, world.pw, world.ph
    x, y = body.x, body.y
    if y >= world.height * ts:
        progress.failed = f"fell out of the level at x={x // SUB} px (step {progress.step})"
        return
    first, last = x // ts, (x + pw - 1) // ts
    top, bottom = y // ts, (y + ph - 1) // ts
    half = ts // 2
    goal = False
    for col in range(max(0, first), min(len(world.columns) - 1, last) + 1):
        column = world.columns[col]
        for row in range(max(0, top), min(world.height - 1, bottom) + 1):
            tile = column[row]
            if tile == SPIKES and overlaps(x, y, pw, ph, col * ts, row * ts + half, ts, half):
                progress.failed = f"landed on spikes at x={col * world.tuning.tile} px (step {progress.step})"
                return
            if tile == GOAL:
                goal = True
    if body.swing > 0:
        _swing(world, body, progress)
    reaches = world.reaches
    for index, actor in enumerate(world.actors):
        bit = 1 << index
        left, right = reaches[index]
        if x >= right or x + pw <= left or progress.gone & bit:
            continue
        ax, ay, aw, ah = actor_box(world, progress, index)
        if not overlaps(x, y, pw, ph, ax, ay, aw, ah):
            continue
        if actor.kind == "item":
            progress.gone |= bit
            progress.score += actor.points
        elif actor.kind in ("enemy", "boss") and _stomps(world, body, ay):
            body.vy = -world.tuning.stomp_bounce
            progress.grace = world.tuning.stomp_grace
            _wound(progress, index, actor)
        elif progress.grace == 0:
            progress.failed = f"touched {actor.name} at x={x // SUB} px (step {progress.step})"
            return
    if progress.shots and progress.grace == 0:
        size = world.tuning.shot_size * SUB
        for sx, sy, _, owner in progress.shots:
            if overlaps(x, y, pw, ph, sx, sy, size, size):
                progress.failed = f"shot by {world.actors[owner].name} at x={x // SUB} px (step {progress.step})"
                return
    if goal and progress.gone & world.bosses == world.bosses:
        progress.done = True


def _stomps(world: World, body: Body, actor_top: int) -> bool:
    """Feet were above the actor's top (within a margin) and the body is falling onto it."""
    margin = world.tuning.stomp_margin * SUB
    return body.vy > 0 and body.y + world.ph - body.vy <= actor_top + margin


def replay(level: LevelFile, inputs: Script | None = None) -> Outcome:
    """Play ``inputs`` (the shipped solution by default) from the level file alone."""
    world = World.from_level(level)
    body = world.spawn(level.player.x, level.player.y)
    progress = Progress()
    for mask in expand(level.solution.inputs if inputs is None else inputs):
        step(world, body, progress, mask)
        if progress.failed:
            return Outcome(False, progress.step, progress.failed, progress.score, 1)
        if progress.done:
            return Outcome(True, progress.step, "", progress.score)
    return Outcome(False, progress.step, f"inputs ran out at x={body.x // SUB} px before the goal", progress.score)
