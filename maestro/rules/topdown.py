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

One step (``t`` counts the steps done so far, starting at 0)
    1. Direction: the first direction held in ``input_priority`` order (up, down, left, right by
       default). Nothing held: stand still. Only one axis moves per step.
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
    4. Entities, in list order: an untaken key the box overlaps is taken (one more key held); an
       untaken item is taken and its ``points`` added to the score; the first enemy, boss or
       hazard (at its position for ``t``) the box overlaps is the step's hit, unless the player
       is invulnerable. Boxes touch when they overlap by at least one sub-pixel.
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

from dataclasses import dataclass, field

from maestro.level import TILE, LevelFile
from maestro.rules.geometry import SUB, Actor, overlaps
from maestro.rules.inputs import DOWN, LEFT, RIGHT, UP, Script, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

#: Characters the player may stand on; everything else is solid.
OPEN_TILES = frozenset(".X")
DOOR = "D"
EXIT = "X"
FLOOR = "."
PICKUPS = ("key", "item")
HURTS = ("enemy", "boss", "hazard")


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

    @classmethod
    def from_level(cls, level: LevelFile) -> "World":
        bodies = [Actor.of(entity, moving=entity.kind in HURTS) for entity in level.entities]
        return cls(
            tuning=Tuning.from_rules(level.rules),
            width=level.width,
            height=level.height,
            rows=tuple(row.ljust(level.width)[: level.width] for row in level.rows[: level.height]),
            spawn_x=level.player.x * SUB,
            spawn_y=level.player.y * SUB,
            bodies=tuple(bodies),
        )

    def count(self, kind: str) -> int:
        return sum(1 for body in self.bodies if body.kind == kind)

    def doors(self) -> int:
        return sum(row.count(DOOR) for row in self.rows)


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

    @classmethod
    def start(cls, world: World) -> "State":
        return cls(world.spawn_x, world.spawn_y, [list(row) for row in world.rows], [False] * len(world.bodies))

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
        elif body.kind in HURTS and state.hit < 0 and state.invulnerable == 0:
            left, top, right, bottom = body.span
            if not overlaps(px, py, pw, ph, left, top, right - left, bottom - top):
                continue
            bx, by = body.at(state.t)
            if overlaps(px, py, pw, ph, bx, by, body.w, body.h):
                state.hit = index


def step(world: World, state: State, mask: int) -> None:
    """Advance ``state`` by one step holding ``mask`` (see the module docstring for the order)."""
    tuning = world.tuning
    state.hit = -1
    dx, dy = _direction(tuning, mask)
    if dx or dy:
        _move(world, state, dx, dy)
    state.t += 1
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
