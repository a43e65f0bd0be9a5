"""Platformer rules: run, jump, land, stomp, at 60 steps per second in sub-pixels.

The runtime's platformer module is a port of this file; keep the two in step.

World
    Tiles are ``TILE`` pixels. ``#`` is solid, ``=`` a one-way platform (solid only to a body
    falling onto it from above), ``^`` spikes (the lower half of the tile hurts), ``G`` the goal.
    Columns left of 0 and right of the map are solid walls; rows above the map are air; a body
    whose top passes below the map has fallen out.

One step, in this order
    1. ``pressed`` = JUMP (or UP) held now and not held last step.
    2. Horizontal speed: holding LEFT xor RIGHT accelerates by ``run_accel`` (``air_accel`` in the
       air) up to ``run_speed``; with neither, speed falls toward 0 by ``friction``
       (``air_friction`` in the air). Dash, when the game has it: ACTION pressed on the ground
       sets speed to ``dash_speed`` in the facing direction.
    3. Jump, if ``pressed``: from the ground or within ``coyote`` steps of leaving it, ``vy =
       -jump_velocity``; else from a wall being pushed against (``wall_slide`` games), a wall
       jump; else, with ``double_jump``, one extra jump per airtime at ``double_jump_velocity``.
    4. Variable height: JUMP released while ``vy < -jump_cut`` sets ``vy = -jump_cut``.
    5. Gravity: ``vy += gravity``, capped at ``max_fall`` (``wall_slide_max`` while sliding).
    6. Move x by vx and push out of solid tiles; then move y by vy and push out of solid tiles
       and of platforms being landed on. Landing sets ``on_ground``.
    7. The step counter advances; enemies and moving hazards take their positions for it
       (:func:`maestro.rules.geometry.motion_at`).
    8. Spikes, falling out, moving hazards and enemies: an enemy touched while falling whose top
       the player's feet were above last step is stomped (loses a hit point; the player bounces
       at ``stomp_bounce`` and touches are harmless for ``stomp_grace`` steps); any other touch
       is a hit. Items touched are collected.
    9. Touching the goal completes the level.

The proof replays with no hits allowed: a hit ends the replay as failed. (The runtime takes a
life and restarts the level instead.)
"""

from dataclasses import dataclass
from typing import Final

from maestro.level import LevelFile
from maestro.rules.geometry import SUB, Actor, overlaps
from maestro.rules.inputs import ACTION, JUMP, LEFT, RIGHT, UP, Script, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

SOLID: Final = ord("#")
PLATFORM: Final = ord("=")
SPIKES: Final = ord("^")
GOAL: Final = ord("G")
AIR: Final = ord(".")


@dataclass(frozen=True)
class Tuning(RulesTuning):
    """Every platformer constant. Speeds in sub-pixels per step; times in steps."""

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



TUNING = Tuning()


@dataclass
class Body:
    """The player's dynamic state: everything a step reads and writes besides the world."""

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

    def copy(self) -> "Body":
        return Body(self.x, self.y, self.vx, self.vy, self.on_ground, self.coyote, self.air_jumps,
                    self.jump_held, self.action_held, self.facing, self.wall)


class World:
    """A level's static parts (tiles, actors, tuning), read from a level file or built in place."""

    def __init__(self, columns: list[bytearray], height: int, tuning: Tuning, actors: list[Actor]) -> None:
        self.columns = columns
        self.height = height
        self.tuning = tuning
        self.actors = actors
        self.ts = tuning.tile * SUB
        self.pw = tuning.player_w * SUB
        self.ph = tuning.player_h * SUB
        self.reaches = [(actor.span[0], actor.span[2]) for actor in actors]

    def add_actor(self, actor: Actor) -> None:
        self.actors.append(actor)
        self.reaches.append((actor.span[0], actor.span[2]))

    def drop_actors(self, keep: int) -> None:
        del self.actors[keep:]
        del self.reaches[keep:]

    @classmethod
    def from_level(cls, level: LevelFile) -> "World":
        columns = [
            bytearray("".join(row[col] for row in level.rows).replace(" ", "."), "ascii") for col in range(level.width)
        ]
        actors = [Actor.of(entity) for entity in level.entities]
        return cls(columns, level.height, Tuning.from_rules(level.rules), actors)

    def tile(self, col: int, row: int) -> int:
        if col < 0 or col >= len(self.columns):
            return SOLID
        if row < 0 or row >= self.height:
            return AIR
        return self.columns[col][row]

    def spawn(self, x_px: int, y_px: int) -> Body:
        return Body(x_px * SUB, y_px * SUB, on_ground=True, coyote=self.tuning.coyote)


@dataclass
class Progress:
    """What changes besides the body.

    ``gone`` has bit i set once actor i is collected or defeated; ``hits`` keeps stomps taken by
    actors with more than one hit point, three bits per actor index. Both are plain integers so a
    solver can hash the whole state.
    """

    step: int = 0
    gone: int = 0
    hits: int = 0
    grace: int = 0
    score: int = 0
    done: bool = False
    failed: str = ""

    def copy(self) -> "Progress":
        return Progress(self.step, self.gone, self.hits, self.grace, self.score, self.done, self.failed)

    def hits_on(self, index: int) -> int:
        return (self.hits >> (3 * index)) & 7

    def set_hits(self, index: int, taken: int) -> None:
        shift = 3 * index
        self.hits = (self.hits & ~(7 << shift)) | (min(taken, 7) << shift)


def step(world: World, body: Body, progress: Progress, mask: int) -> None:
    """Advance one step in place. Sets ``progress.done`` or ``progress.failed`` when the level ends."""
    t = world.tuning
    jump_now = bool(mask & (JUMP | UP))
    pressed = jump_now and not body.jump_held
    body.jump_held = jump_now
    action_now = bool(mask & ACTION)
    dash_pressed = action_now and not body.action_held
    body.action_held = action_now

    direction = (1 if mask & RIGHT else 0) - (1 if mask & LEFT else 0)
    _run(t, body, direction)
    if t.dash and dash_pressed and body.on_ground:
        body.vx = t.dash_speed * body.facing

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
    reaches = world.reaches
    for index, actor in enumerate(world.actors):
        bit = 1 << index
        left, right = reaches[index]
        if x >= right or x + pw <= left or progress.gone & bit:
            continue
        ax, ay, aw, ah = actor.box_at(progress.step)
        if not overlaps(x, y, pw, ph, ax, ay, aw, ah):
            continue
        if actor.kind == "item":
            progress.gone |= bit
            progress.score += actor.points
        elif actor.kind in ("enemy", "boss") and _stomps(world, body, ay):
            body.vy = -world.tuning.stomp_bounce
            progress.grace = world.tuning.stomp_grace
            taken = progress.hits_on(index) + 1
            if taken >= actor.hp:
                progress.gone |= bit
                progress.score += actor.points
            else:
                progress.set_hits(index, taken)
        elif progress.grace == 0:
            progress.failed = f"touched {actor.name} at x={x // SUB} px (step {progress.step})"
            return
    if goal:
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
