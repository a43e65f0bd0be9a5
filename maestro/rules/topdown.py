"""Top-down dungeon rules: walk four ways, pick up keys, open locked doors, dodge, reach the exit.

The runtime's top-down module is a port of this file; keep the two in step. Every constant comes
from the level file's ``rules`` (see :class:`Tuning`), all in sub-pixels (``SUB`` = 256 to a
pixel) or steps (60 to a second).

World
    Tiles are ``tile`` sub-pixels square (16 px). ``.`` is floor, ``X`` the exit (also floor),
    ``D`` a locked door (solid until opened), ``#`` a wall and `` `` void; walls, void, closed
    doors, any other character and everything outside the map are solid. The player is a
    ``player_w`` x ``player_h`` box whose top-left starts at ``level.player`` (pixels).
    Entities (pixels in the file, sub-pixels in the rules) are boxes: ``key`` and ``item`` are
    picked up; ``enemy``, ``boss`` and ``hazard`` hurt; other kinds are scenery. A hurting entity
    with a ``motion`` is at :func:`maestro.rules.geometry.motion_at` ``(motion, t)`` after ``t``
    steps (its file ``x, y`` is then just its path's first point, which the rules ignore);
    without one it stays at ``x, y``. Pickups never move.

Chasers
    An ``enemy`` or ``boss`` whose ``behaviour`` is ``chase`` has no scripted motion: it hunts.
    Its ``params`` give ``speed`` (sub-pixels per step), ``sight`` (tiles) and ``wake`` (steps).
    It sleeps at its file position until the player's centre tile is within ``sight`` moves of
    its own centre tile (a breadth-first count of moves through standable tiles of the current
    map: walls and closed doors block it), or until ``t >= wake`` wherever the player is; then it
    stays awake. An awake chaser with no goal picks the first of its four neighbour tiles (up,
    down, left, right) whose move count to the player's tile is lower than its own tile's; it
    then walks axis-aligned toward that tile's centred position (``tile_index * tile + (tile -
    w) // 2``) by at most ``speed`` a step and drops the goal on arrival. A chaser with no way
    to the player stands still. Chasers only ever stand on or move between standable tiles.

    A ``charge`` enemy or boss is a chaser that also charges: its ``params`` add ``dash`` (charge
    speed), ``windup`` and ``rest`` (steps). While hunting, at a tile's centred position (no
    goal), if the player's centre tile shares its row or column, is at most ``sight`` tiles away
    and every tile from its own to the player's is standable, it winds up: it stands for
    ``windup`` steps facing that way, then charges, moving ``dash`` a step along the line. A move
    that would make its box overlap a tile that is not standable (or leave the map) puts it back
    at the centred position of the tile holding its box's centre, and it rests for ``rest`` steps
    before it hunts again. ``phase`` is 0 hunting, 1 winding up, 2 charging, 3 resting.

Turrets
    An ``enemy`` or ``boss`` whose ``behaviour`` is ``turret`` and has no motion stands and
    shoots. Its ``params`` give ``every`` (steps, at least 1), ``offset``, ``speed`` (sub-pixels
    per step, at least 1) and ``dirs`` (a mask: 1 up, 2 down, 4 left, 8 right). It fires on every
    step ``t >= 1`` with ``(t + offset) % every == 0`` while it is not defeated: one shot each way
    in ``dirs``. A shot is a ``shot_size`` square centred on the turret's centre (top-left =
    centre - ``shot_size // 2``) at age 0, moving ``speed`` a step; its *range* in a direction is
    the largest age at which the shot's box still overlaps only standable tiles of the level
    file's own map (closed doors stop shots even once opened, so shots depend on time alone).
    At step ``t`` a shot fired at step ``f`` (``age = t - f``) exists while ``age <= range``.

Attack
    When ``attack`` is on, ACTION pressed (held now, not held last step) while ``cooldown`` is 0
    starts a swing of ``attack_steps`` steps and sets ``cooldown`` to ``attack_cooldown``. While
    a swing lasts, its box sits in front of the player in the facing direction (the last
    direction held; down at the start): ``attack_reach`` deep and the player's side plus
    ``attack_pad`` on each end (facing right: ``x + player_w, y - pad, reach, player_h + 2 pad``;
    left: ``x - reach, ...``; down: ``x - pad, y + player_h, player_w + 2 pad, reach``; up:
    ``..., y - reach, ...``). Every live ``enemy`` or ``boss`` whose box (at its position for this
    step) overlaps the swing box, and that this swing has not struck yet, loses one hit point;
    at 0 it is defeated: it no longer hurts, ``points`` are scored and ``kills`` counts it.
    Hazards cannot be struck.

    A game whose GDD names a ranged attack has ``ranged`` on: a press then fires a bolt instead
    of swinging (same cooldown). A bolt is a ``bolt_size`` square centred on the player's centre,
    flying ``bolt_speed`` a step in the facing direction. Each step every bolt, in the order
    fired, moves; a bolt whose box then overlaps a solid tile of the current map (closed doors
    too) or leaves it is gone; otherwise the first live ``enemy`` or ``boss`` in list order
    its box overlaps loses one hit point (defeated at 0, as by a swing) and the bolt is gone.

One step (``t`` counts the steps done so far, starting at 0)
    1. Direction: the first direction held in ``input_priority`` order (up, down, left, right by
       default). Nothing held: stand still. Only one axis moves per step. A direction held
       becomes the facing, even against a wall.
    2. Move the box ``speed`` sub-pixels that way. Let B be the moved box:
       a. every tile B overlaps, top row first and left to right within a row, that is a closed
          door opens (becomes floor) if the player holds a key, using up one key;
       b. if B still overlaps a solid tile, B is put flush against the tile edge it ran into
          (moving right: ``x = leading_column * tile - player_w``; left: ``x = (column + 1) * tile``;
          likewise vertically);
       c. corner assist: if that left the box where it was, and the box's centre tile (the tile
          holding ``x + player_w // 2, y + player_h // 2``) has a non-solid neighbour in the
          direction held, and the box is off that tile's centred position on the other axis by
          at most ``corner_assist``, the box slides ``min(speed, distance)`` toward the centred
          position (``tile_index * tile + (tile - player_w) // 2``) on that other axis instead.
    3. ``t += 1``.
    3a. Chasers, in list order, wake and move (chargers wind up, charge and rest; see Chasers).
    3b. Attack: ``cooldown`` drops by one if above 0; a press may start a swing or fire a bolt
       (see Attack); a swing in progress strikes, then its remaining steps drop by one; bolts
       fly. ACTION held is remembered for the next step's press.
    4. Entities, in list order (defeated ones skipped; a chaser at its current position): an
       untaken key the box overlaps is taken (one more key held); an
       untaken item is taken and its ``points`` added to the score; the first enemy, boss or
       hazard (at its position for ``t``) the box overlaps is the step's hit, unless the player
       is invulnerable. Then, if nothing hit, turret shots: turrets in list order, directions
       up, down, left, right, youngest shot first; the first shot the box overlaps is the hit (of
       its turret). Boxes touch when they overlap by at least one sub-pixel.
    5. If ``invulnerable > 0`` it counts down by one.
    6. A hit costs a life: after ``lives`` of them the game is over; otherwise the player goes
       back to the start position, keeping keys, opened doors and score, and is invulnerable for
       ``hit_invulnerable`` steps.
    7. If the centre of the box (``x + player_w // 2, y + player_h // 2``) lies in an exit tile,
       the level is complete.

The proof replays with no hits allowed (``strict``): the first hit ends the replay as failed and
says whom the player touched and when. ``cycle`` is not read by the steps: every motion period
in a generated level divides it, which keeps the solver's (cell, time) search finite.
"""

from collections import deque
from dataclasses import dataclass, field

from maestro.level import TILE, Entity, LevelFile
from maestro.rules.geometry import SUB, Actor, overlaps
from maestro.rules.inputs import ACTION, DOWN, LEFT, RIGHT, UP, Script, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

#: Characters the player may stand on; everything else is solid.
OPEN_TILES = frozenset(".X")
DOOR = "D"
EXIT = "X"
FLOOR = "."
PICKUPS = ("key", "item")
HURTS = ("enemy", "boss", "hazard")
#: Kinds a swing can strike.
STRIKABLE = ("enemy", "boss")
CHASE = "chase"
CHARGE = "charge"
TURRET = "turret"


@dataclass(frozen=True)
class Tuning(RulesTuning):
    """Every top-down constant. Lengths in sub-pixels, speeds in sub-pixels per step, times in steps."""

    tile: int = TILE * SUB
    player_w: int = 12 * SUB
    player_h: int = 12 * SUB
    speed: int = 2 * SUB
    corner_assist: int = 6 * SUB
    lives: int = 3
    hit_invulnerable: int = 90
    input_priority: tuple[int, ...] = (UP, DOWN, LEFT, RIGHT)
    cycle: int = 240
    enemy_size: int = 12 * SUB
    boss_size: int = 24 * SUB
    pickup_size: int = 10 * SUB
    attack: bool = True
    attack_reach: int = 14 * SUB
    attack_pad: int = 2 * SUB
    attack_steps: int = 8
    attack_cooldown: int = 20
    shot_size: int = 6 * SUB
    ranged: bool = False
    bolt_speed: int = 4 * SUB
    bolt_size: int = 6 * SUB

    @property
    def tile_steps(self) -> int:
        """Steps to cross one tile."""
        return self.tile // self.speed


TUNING = Tuning()


@dataclass(frozen=True)
class World:
    """A level's fixed parts, read from its file."""

    tuning: Tuning
    width: int
    height: int
    rows: tuple[str, ...]
    spawn_x: int
    spawn_y: int
    bodies: tuple[Actor, ...]
    #: Per body: ``(speed, sight, wake)`` for a chaser, else None.
    chasers: tuple[tuple[int, int, int] | None, ...] = ()
    #: Per body: a turret's :class:`Gun`, else None.
    guns: tuple["Gun | None", ...] = ()
    #: Per body: a charger's ``(dash, windup, rest)``, else None.
    rushes: tuple[tuple[int, int, int] | None, ...] = ()

    @classmethod
    def from_level(cls, level: LevelFile) -> "World":
        bodies = [Actor.of(entity, moving=entity.kind in HURTS) for entity in level.entities]
        chasers = tuple(_chaser(entity) for entity in level.entities)
        tuning = Tuning.from_rules(level.rules)
        rows = tuple(row.ljust(level.width)[: level.width] for row in level.rows[: level.height])
        guns = tuple(_gun(entity, tuning, rows) for entity in level.entities)
        return cls(
            tuning=tuning,
            width=level.width,
            height=level.height,
            rows=rows,
            spawn_x=level.player.x * SUB,
            spawn_y=level.player.y * SUB,
            bodies=tuple(bodies),
            chasers=chasers,
            guns=guns,
            rushes=tuple(_rush(entity) for entity in level.entities),
        )

    def count(self, kind: str) -> int:
        return sum(1 for body in self.bodies if body.kind == kind)

    def doors(self) -> int:
        return sum(row.count(DOOR) for row in self.rows)


#: Shot directions in ``dirs`` bit order: up, down, left, right.
SHOT_DIRECTIONS: tuple[tuple[int, int], ...] = ((0, -1), (0, 1), (-1, 0), (1, 0))


@dataclass(frozen=True)
class Gun:
    """A turret's fire: when it shoots, how fast, and how far each of its shots flies."""

    every: int
    offset: int
    speed: int
    x: int
    y: int
    size: int
    #: (dx, dy, range in steps) per direction fired, in SHOT_DIRECTIONS order.
    lanes: tuple[tuple[int, int, int], ...]

    def shots(self, t: int) -> list[tuple[int, int, int]]:
        """(x, y, fired step) of the shots in flight at step ``t``, turret alive throughout."""
        out: list[tuple[int, int, int]] = []
        for dx, dy, reach in self.lanes:
            age = (t + self.offset) % self.every
            while age <= reach and t - age >= 1:
                out.append((self.x + dx * self.speed * age, self.y + dy * self.speed * age, t - age))
                age += self.every
        return out


def _gun(entity: Entity, tuning: Tuning, rows: tuple[str, ...]) -> Gun | None:
    if entity.kind not in STRIKABLE or entity.behaviour != TURRET or entity.motion is not None:
        return None
    params = entity.params
    size = tuning.shot_size
    x = (entity.x * SUB + entity.w * SUB // 2) - size // 2
    y = (entity.y * SUB + entity.h * SUB // 2) - size // 2
    every, speed = max(1, params.get("every", 0)), max(1, params.get("speed", 0))
    lanes = []
    for bit, (dx, dy) in enumerate(SHOT_DIRECTIONS):
        if params.get("dirs", 0) & (1 << bit):
            lanes.append((dx, dy, _reach(rows, tuning.tile, x, y, size, dx * speed, dy * speed)))
    return Gun(every, params.get("offset", 0), speed, x, y, size, tuple(lanes))


def _reach(rows: tuple[str, ...], tile: int, x: int, y: int, size: int, vx: int, vy: int) -> int:
    """The last age at which a shot's box overlaps only standable tiles of ``rows``."""
    height, width = len(rows), len(rows[0]) if rows else 0

    def free(age: int) -> bool:
        left, top = x + vx * age, y + vy * age
        for row in _span(top, size, tile):
            for col in _span(left, size, tile):
                if not (0 <= row < height and 0 <= col < width) or rows[row][col] not in OPEN_TILES:
                    return False
        return True

    age = 0
    while free(age + 1):
        age += 1
    return age


def _chaser(entity: Entity) -> tuple[int, int, int] | None:
    if entity.kind not in STRIKABLE or entity.behaviour not in (CHASE, CHARGE) or entity.motion is not None:
        return None
    params = entity.params
    return max(0, params.get("speed", 0)), max(0, params.get("sight", 0)), max(0, params.get("wake", 0))


def _rush(entity: Entity) -> tuple[int, int, int] | None:
    """A charger's ``(dash, windup, rest)``, else None."""
    if _chaser(entity) is None or entity.behaviour != CHARGE:
        return None
    params = entity.params
    return max(1, params.get("dash", 0)), max(1, params.get("windup", 0)), max(1, params.get("rest", 0))


@dataclass
class State:
    """Everything a step reads and writes besides the world."""

    x: int
    y: int
    tiles: list[list[str]]
    taken: list[bool]
    t: int = 0
    keys: int = 0
    score: int = 0
    lives_lost: int = 0
    invulnerable: int = 0
    keys_taken: int = 0
    doors_opened: int = 0
    items_taken: int = 0
    hit: int = -1
    complete: bool = False
    over: bool = False
    opened: list[tuple[int, int]] = field(default_factory=list)
    facing: tuple[int, int] = (0, 1)
    held: bool = False
    swing: int = 0
    cooldown: int = 0
    struck: set[int] = field(default_factory=set)
    hp: list[int] = field(default_factory=list)
    kills: int = 0
    #: Per body: current top-left (chasers move; others keep their file position here).
    where: list[tuple[int, int]] = field(default_factory=list)
    awake: list[bool] = field(default_factory=list)
    goal: list[tuple[int, int] | None] = field(default_factory=list)
    #: Move counts to the player's tile, keyed by (player tile, doors opened); see _field.
    flow: tuple[tuple[int, int, int], list[int]] | None = None
    #: Per body: the step it was defeated on (shots fired from then on never were), else -1.
    fell: list[int] = field(default_factory=list)
    #: The player's bolts in flight, in the order fired: (x, y, dx, dy).
    bolts: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: Per body (chargers): phase (0 hunting, 1 winding up, 2 charging, 3 resting), steps left
    #: in it, and the way it charges.
    phase: list[int] = field(default_factory=list)
    timer: list[int] = field(default_factory=list)
    heading: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def start(cls, world: World) -> "State":
        count = len(world.bodies)
        return cls(
            world.spawn_x, world.spawn_y, [list(row) for row in world.rows], [False] * count,
            hp=[body.hp for body in world.bodies], where=[(body.x, body.y) for body in world.bodies],
            awake=[False] * count, goal=[None] * count, fell=[-1] * count,
            phase=[0] * count, timer=[0] * count, heading=[(0, 0)] * count,
        )

    def clone(self) -> "State":
        """An independent copy (the solver tries a step on it before taking it)."""
        return State(
            self.x, self.y, [list(row) for row in self.tiles], list(self.taken), self.t, self.keys, self.score,
            self.lives_lost, self.invulnerable, self.keys_taken, self.doors_opened, self.items_taken, self.hit,
            self.complete, self.over, list(self.opened), self.facing, self.held, self.swing, self.cooldown,
            set(self.struck), list(self.hp), self.kills, list(self.where), list(self.awake), list(self.goal),
            self.flow, list(self.fell), list(self.bolts), list(self.phase), list(self.timer), list(self.heading),
        )

    def alive(self, index: int) -> bool:
        return self.hp[index] > 0

    def cell(self, tuning: Tuning) -> tuple[int, int]:
        """Tile holding the centre of the player's box."""
        return (self.x + tuning.player_w // 2) // tuning.tile, (self.y + tuning.player_h // 2) // tuning.tile


def _tile(world: World, tiles: list[list[str]], col: int, row: int) -> str:
    if 0 <= row < world.height and 0 <= col < world.width:
        return tiles[row][col]
    return "#"


def _span(low: int, size: int, tile: int) -> range:
    """Tile indices a box edge range ``[low, low + size)`` overlaps."""
    return range(low // tile, (low + size - 1) // tile + 1)


def _open_doors(world: World, state: State, x: int, y: int) -> None:
    tuning = world.tuning
    for row in _span(y, tuning.player_h, tuning.tile):
        for col in _span(x, tuning.player_w, tuning.tile):
            if state.keys > 0 and _tile(world, state.tiles, col, row) == DOOR:
                state.tiles[row][col] = FLOOR
                state.keys -= 1
                state.doors_opened += 1
                state.opened.append((col, row))


def _blocked(world: World, state: State, x: int, y: int) -> list[tuple[int, int]]:
    tuning = world.tuning
    return [
        (col, row)
        for row in _span(y, tuning.player_h, tuning.tile)
        for col in _span(x, tuning.player_w, tuning.tile)
        if _tile(world, state.tiles, col, row) not in OPEN_TILES
    ]


_DELTAS: dict[int, tuple[int, int]] = {UP: (0, -1), DOWN: (0, 1), LEFT: (-1, 0), RIGHT: (1, 0)}


def _direction(tuning: Tuning, mask: int) -> tuple[int, int]:
    for bit in tuning.input_priority:
        if mask & bit:
            return _DELTAS.get(bit, (0, 0))
    return 0, 0


def _move(world: World, state: State, dx: int, dy: int) -> None:
    tuning = world.tuning
    tile = tuning.tile
    x, y = state.x + dx * tuning.speed, state.y + dy * tuning.speed
    _open_doors(world, state, x, y)
    walls = _blocked(world, state, x, y)
    if walls:
        if dx > 0:
            x = min(col for col, _ in walls) * tile - tuning.player_w
        elif dx < 0:
            x = (max(col for col, _ in walls) + 1) * tile
        elif dy > 0:
            y = min(row for _, row in walls) * tile - tuning.player_h
        else:
            y = (max(row for _, row in walls) + 1) * tile
    if x == state.x and y == state.y:
        _assist(world, state, dx, dy)
        return
    state.x, state.y = x, y


def _assist(world: World, state: State, dx: int, dy: int) -> None:
    """Slide a player pushing into a corridor mouth slightly off-line toward that corridor."""
    tuning = world.tuning
    tile = tuning.tile
    col, row = state.cell(tuning)
    if _tile(world, state.tiles, col + dx, row + dy) not in OPEN_TILES:
        return
    if dx != 0:
        target = row * tile + (tile - tuning.player_h) // 2
        off = target - state.y
    else:
        target = col * tile + (tile - tuning.player_w) // 2
        off = target - state.x
    if off == 0 or abs(off) > tuning.corner_assist:
        return
    slide = min(tuning.speed, abs(off)) * (1 if off > 0 else -1)
    if dx != 0:
        state.y += slide
    else:
        state.x += slide


def _touch(world: World, state: State) -> None:
    tuning = world.tuning
    px, py, pw, ph = state.x, state.y, tuning.player_w, tuning.player_h
    for index, body in enumerate(world.bodies):
        if body.kind in PICKUPS:
            if state.taken[index] or not overlaps(px, py, pw, ph, body.x, body.y, body.w, body.h):
                continue
            state.taken[index] = True
            if body.kind == "key":
                state.keys += 1
                state.keys_taken += 1
            else:
                state.score += body.points
                state.items_taken += 1
        elif body.kind in HURTS and state.hit < 0 and state.invulnerable == 0 and state.hp[index] > 0:
            if world.chasers[index] is not None:
                bx, by = state.where[index]
            else:
                left, top, right, bottom = body.span
                if not overlaps(px, py, pw, ph, left, top, right - left, bottom - top):
                    continue
                bx, by = body.at(state.t)
            if overlaps(px, py, pw, ph, bx, by, body.w, body.h):
                state.hit = index
    if state.hit < 0 and state.invulnerable == 0:
        _shot(world, state)


def shots(world: World, state: State) -> list[tuple[int, int, int, int]]:
    """(x, y, size, turret index) of every shot in flight after ``state.t`` steps."""
    out: list[tuple[int, int, int, int]] = []
    for index, gun in enumerate(world.guns):
        if gun is None:
            continue
        fell = state.fell[index]
        out.extend((x, y, gun.size, index) for x, y, fired in gun.shots(state.t) if fell < 0 or fired < fell)
    return out


def _shot(world: World, state: State) -> None:
    """The first turret shot the player's box overlaps is the step's hit (of its turret)."""
    tuning = world.tuning
    for x, y, size, index in shots(world, state):
        if overlaps(state.x, state.y, tuning.player_w, tuning.player_h, x, y, size, size):
            state.hit = index
            return


def body_at(world: World, state: State, index: int) -> tuple[int, int]:
    """Top-left (sub-pixels) of body ``index`` after ``state.t`` steps."""
    if world.chasers[index] is not None:
        return state.where[index]
    return world.bodies[index].at(state.t)


def _field(world: World, state: State) -> list[int]:
    """Moves from every tile to the player's tile through standable tiles (-1: no way)."""
    col, row = state.cell(world.tuning)
    key = (col, row, state.doors_opened)
    if state.flow is not None and state.flow[0] == key:
        return state.flow[1]
    width, height = world.width, world.height
    dist = [-1] * (width * height)
    if 0 <= col < width and 0 <= row < height:
        dist[row * width + col] = 0
        queue = deque([(col, row)])
        while queue:
            c, r = queue.popleft()
            here = dist[r * width + c]
            for dc, dr in _NEIGHBOURS:
                nc, nr = c + dc, r + dr
                if 0 <= nc < width and 0 <= nr < height and dist[nr * width + nc] < 0 \
                        and state.tiles[nr][nc] in OPEN_TILES:
                    dist[nr * width + nc] = here + 1
                    queue.append((nc, nr))
    state.flow = (key, dist)
    return dist


_NEIGHBOURS: tuple[tuple[int, int], ...] = ((0, -1), (0, 1), (-1, 0), (1, 0))


def _chase(world: World, state: State) -> None:
    """Wake and move every live chaser, in list order (see Chasers in the module docstring)."""
    tile = world.tuning.tile
    for index, chaser in enumerate(world.chasers):
        if chaser is None or state.hp[index] <= 0:
            continue
        speed, sight, wake = chaser
        body = world.bodies[index]
        x, y = state.where[index]
        col, row = (x + body.w // 2) // tile, (y + body.h // 2) // tile
        dist = _field(world, state)
        own = dist[row * world.width + col] if 0 <= col < world.width and 0 <= row < world.height else -1
        if not state.awake[index]:
            if state.t >= wake or 0 <= own <= sight:
                state.awake[index] = True
            else:
                continue
        rush = world.rushes[index]
        if rush is not None and _rushing(world, state, index, rush, col, row):
            continue
        goal = state.goal[index]
        if goal is None:
            if own <= 0:
                continue
            for dc, dr in _NEIGHBOURS:
                nc, nr = col + dc, row + dr
                if 0 <= nc < world.width and 0 <= nr < world.height and 0 <= dist[nr * world.width + nc] < own:
                    goal = (nc, nr)
                    break
            if goal is None:
                continue
        gx, gy = goal[0] * tile + (tile - body.w) // 2, goal[1] * tile + (tile - body.h) // 2
        x += max(-speed, min(speed, gx - x))
        y += max(-speed, min(speed, gy - y))
        state.where[index] = (x, y)
        state.goal[index] = None if (x, y) == (gx, gy) else goal


def in_line(world: World, state: State, col: int, row: int, sight: int) -> tuple[int, int] | None:
    """The way from tile ``(col, row)`` to the player's tile when they share a row or column at
    most ``sight`` tiles apart over standable tiles only, else None."""
    pcol, prow = state.cell(world.tuning)
    if (pcol != col and prow != row) or (pcol, prow) == (col, row) or abs(pcol - col) + abs(prow - row) > sight:
        return None
    dx, dy = (pcol > col) - (pcol < col), (prow > row) - (prow < row)
    c, r = col, row
    while (c, r) != (pcol, prow):
        c, r = c + dx, r + dy
        if _tile(world, state.tiles, c, r) not in OPEN_TILES:
            return None
    return dx, dy


def _rushing(world: World, state: State, index: int, rush: tuple[int, int, int], col: int, row: int) -> bool:
    """Wind up, charge or rest (see Chasers); False while the charger hunts like a chaser."""
    dash, windup, rest = rush
    phase = state.phase[index]
    if phase == 0:
        way = in_line(world, state, col, row, world.chasers[index][1]) if state.goal[index] is None else None  # type: ignore[index]
        if way is None:
            return False
        state.phase[index], state.timer[index], state.heading[index] = 1, windup, way
        return True
    if phase in (1, 3):
        state.timer[index] -= 1
        if state.timer[index] <= 0:
            state.phase[index] = 2 if phase == 1 else 0
        return True
    body, tile = world.bodies[index], world.tuning.tile
    dx, dy = state.heading[index]
    x, y = state.where[index]
    x, y = x + dx * dash, y + dy * dash
    if any(_tile(world, state.tiles, c, r) not in OPEN_TILES
           for r in _span(y, body.h, tile) for c in _span(x, body.w, tile)):
        col, row = (x + body.w // 2) // tile, (y + body.h // 2) // tile
        x, y = col * tile + (tile - body.w) // 2, row * tile + (tile - body.h) // 2
        state.phase[index], state.timer[index] = 3, rest
    state.where[index] = (x, y)
    return True


def swing_box(world: World, state: State) -> tuple[int, int, int, int]:
    """The box a swing covers now, in front of the player (see Attack in the module docstring)."""
    tuning = world.tuning
    reach, pad, pw, ph = tuning.attack_reach, tuning.attack_pad, tuning.player_w, tuning.player_h
    dx, dy = state.facing
    if dx > 0:
        return state.x + pw, state.y - pad, reach, ph + 2 * pad
    if dx < 0:
        return state.x - reach, state.y - pad, reach, ph + 2 * pad
    if dy < 0:
        return state.x - pad, state.y - reach, pw + 2 * pad, reach
    return state.x - pad, state.y + ph, pw + 2 * pad, reach


def _attack(world: World, state: State, mask: int) -> None:
    tuning = world.tuning
    held = bool(mask & ACTION)
    pressed = held and not state.held
    state.held = held
    if not tuning.attack:
        return
    if state.cooldown > 0:
        state.cooldown -= 1
    if pressed and state.cooldown == 0:
        state.cooldown = tuning.attack_cooldown
        if tuning.ranged:
            size = tuning.bolt_size
            x = state.x + tuning.player_w // 2 - size // 2
            y = state.y + tuning.player_h // 2 - size // 2
            state.bolts.append((x, y, *state.facing))
        else:
            state.swing = tuning.attack_steps
            state.struck = set()
    _fly(world, state)
    if state.swing <= 0:
        return
    sx, sy, sw, sh = swing_box(world, state)
    for index, body in enumerate(world.bodies):
        if body.kind not in STRIKABLE or state.hp[index] <= 0 or index in state.struck:
            continue
        bx, by = body_at(world, state, index)
        if overlaps(sx, sy, sw, sh, bx, by, body.w, body.h):
            state.struck.add(index)
            _wound(world, state, index)
    state.swing -= 1


def _wound(world: World, state: State, index: int) -> None:
    """Body ``index`` loses a hit point; at 0 it is defeated and scores."""
    state.hp[index] -= 1
    if state.hp[index] <= 0:
        state.score += world.bodies[index].points
        state.kills += 1
        state.fell[index] = state.t


def _fly(world: World, state: State) -> None:
    """Every bolt, in the order fired, moves; walls and the first body it meets stop it."""
    if not state.bolts:
        return
    tuning = world.tuning
    size, speed = tuning.bolt_size, tuning.bolt_speed
    flying: list[tuple[int, int, int, int]] = []
    for x, y, dx, dy in state.bolts:
        x, y = x + dx * speed, y + dy * speed
        if any(_tile(world, state.tiles, col, row) not in OPEN_TILES
               for row in _span(y, size, tuning.tile) for col in _span(x, size, tuning.tile)):
            continue
        for index, body in enumerate(world.bodies):
            if body.kind in STRIKABLE and state.hp[index] > 0:
                bx, by = body_at(world, state, index)
                if overlaps(x, y, size, size, bx, by, body.w, body.h):
                    _wound(world, state, index)
                    break
        else:
            flying.append((x, y, dx, dy))
    state.bolts = flying


def step(world: World, state: State, mask: int) -> None:
    """Advance ``state`` by one step holding ``mask`` (see the module docstring for the order)."""
    tuning = world.tuning
    state.hit = -1
    dx, dy = _direction(tuning, mask)
    if dx or dy:
        state.facing = (dx, dy)
        _move(world, state, dx, dy)
    state.t += 1
    _chase(world, state)
    _attack(world, state, mask)
    _touch(world, state)
    if state.invulnerable > 0:
        state.invulnerable -= 1
    if state.hit >= 0:
        state.lives_lost += 1
        if state.lives_lost >= tuning.lives:
            state.over = True
            return
        state.x, state.y = world.spawn_x, world.spawn_y
        state.invulnerable = tuning.hit_invulnerable
    col, row = state.cell(tuning)
    if _tile(world, state.tiles, col, row) == EXIT:
        state.complete = True


def _stats(state: State) -> dict[str, int]:
    return {
        "keys": state.keys_taken,
        "doors": state.doors_opened,
        "items": state.items_taken,
        "hits": state.lives_lost,
        "kills": state.kills,
    }


def _outcome(state: State, completed: bool, reason: str = "") -> Outcome:
    return Outcome(
        completed=completed,
        steps=state.t,
        reason=reason,
        score=state.score,
        lives_lost=state.lives_lost,
        stats=_stats(state),
    )


def _stuck(world: World, state: State) -> str:
    col, row = state.cell(world.tuning)
    return (
        f"inputs ran out after {state.t} steps at tile ({col}, {row}) without reaching the exit "
        f"({state.keys_taken}/{world.count('key')} keys taken, "
        f"{state.doors_opened}/{world.doors()} doors opened)"
    )


def replay(level: LevelFile, inputs: Script | None = None, *, strict: bool = True) -> Outcome:
    """Play ``inputs`` (default: the shipped solution) from the level file alone.

    ``strict`` (the proof) fails on the first hit; otherwise hits cost lives as in the game.
    """
    world = World.from_level(level)
    state = State.start(world)
    for mask in expand(level.solution.inputs if inputs is None else inputs):
        step(world, state, mask)
        if state.hit >= 0:
            body = world.bodies[state.hit]
            touched = f"touched {body.name} ({body.id}) at step {state.t}"
            if strict:
                return _outcome(state, False, touched)
            if state.over:
                return _outcome(state, False, f"lost all {world.tuning.lives} lives: {touched}")
        if state.complete:
            return _outcome(state, True)
    return _outcome(state, False, _stuck(world, state))
