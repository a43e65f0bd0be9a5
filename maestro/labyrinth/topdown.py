"""Top-down dungeon levels: rooms joined by corridors, locked doors on the way out, keys before them.

Layout
    Rooms sit in the slots of a coarse grid (``SLOT_W`` x ``SLOT_H`` tiles a slot), grown from the
    start room one neighbouring slot at a time, mostly from the newest room so the tree has a long
    trunk. Every room covers its slot's middle row and column, so rooms in neighbouring slots
    always share a row (or column) and a straight one-tile corridor joins them without ever
    running beside another corridor. The exit room is the room deepest in the tree; with a boss
    it is the boss room, large enough to walk around the boss, and the exit is its corner
    farthest from the way in.

Keys before doors
    Locked doors go only on corridors of the path from the start room to the exit room; the key
    for the i-th door lies in a room reachable with the doors before it open (a side room when
    there is one). Extra corridors (loops, at higher difficulty) only join rooms between the same
    two doors. So one closed door at a time is within reach and no order of play wastes a key.

Proof
    :func:`maestro.labyrinth.topdown_solver.solve` plays the level under the rules; the result is
    replayed from the level file before it is returned. A candidate the solver cannot finish is
    thrown away for a new one from another fork of the seed; after a few, enemies slow down, and
    in the last resort only the boss is left, standing still in the middle of its room.
"""

from dataclasses import dataclass, field, replace
from math import isqrt

from maestro.labyrinth.topdown_solver import Proof, solve
from maestro.level import TILE, Entity, EntityKind, LevelFile, Motion, Point, Solution
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rng import Rng
from maestro.rules.geometry import SUB
from maestro.rules.topdown import TUNING, Tuning, replay
from maestro.spec import Behaviour, Genre, ItemKind

Cell = tuple[int, int]

SLOT_W = 11
SLOT_H = 9
MIN_ROOM = 3
BOSS_ROOM_W = 7
BOSS_ROOM_H = 5
MIN_ROOMS = 2
MAX_ROOMS = 16
MAX_ENEMIES_PER_ROOM = 3
MAX_ENEMIES = 30
MAX_ITEMS = 24
#: Speeds are in sixteenths of a pixel per step: ``BASE_SPEED + SPEED_PER_LEVEL * difficulty``.
BASE_SPEED = 8
SPEED_PER_LEVEL = 2
MAX_SPEED = 36
EASED_SPEED = 6
#: Easing of each attempt in turn: 0 as planned, 1 slow enemies, 2 only a standing boss.
SCHEDULE = (0, 0, 0, 1, 1, 2)

#: Chasers: speed in sub-pixels per step (the player walks 512), sight in moves, wake in steps.
CHASE_BASE = 160
CHASE_PER_LEVEL = 24
CHASE_MAX = 320
CHASE_EASED = 128
CHASE_SIGHT = 4
CHASE_SIGHT_MAX = 8
CHASE_WAKE = 720
CHASE_WAKE_PER_LEVEL = 48
CHASE_WAKE_MIN = 240
#: Chargers: charge speed (kept under a quarter tile a step, so a charge never skips a wall),
#: wind-up and rest in steps.
CHARGE_BASE = 640
CHARGE_PER_LEVEL = 32
CHARGE_MAX = 960
CHARGE_EASED = 512
CHARGE_WINDUP = 30
CHARGE_WINDUP_MIN = 18
CHARGE_REST = 45
HUNTERS = (Behaviour.CHASE, Behaviour.CHARGE)
#: Moves between the start and a chaser's den, where the room allows.
HUNTER_ROOM = 4
#: Turrets: steps between shots by difficulty band (each divides the 240-step cycle), shot speed
#: in sub-pixels per step, the two axes a turret fires along (dirs masks) and the difficulty from
#: which it fires all four ways.
TURRET_EVERY = (120, 80, 60)
TURRET_EASED_EVERY = 240
TURRET_SPEED = 256
TURRET_SPEED_PER_LEVEL = 32
TURRET_MAX_SPEED = 576
TURRET_AXES = (3, 12)
TURRET_ALL_WAYS = 6
ENEMY_POINTS = 50
#: The treasure room's hoard: how many pickups, and how many times their usual points each.
TREASURE_ITEMS = 3
TREASURE_WORTH = 3
BOSS_POINTS = 500
BOSS_HP = 3

DEFAULT_FOE = Foe("Guard", Behaviour.PATROL)
DEFAULT_PICKUP = Pickup("Coin", ItemKind.COLLECTIBLE, 10)
LINE = (Behaviour.PATROL, Behaviour.HOP)
DIAGONAL = (Behaviour.FLY, Behaviour.SWOOP)


@dataclass
class _Room:
    index: int
    slot: Cell
    x0: int = 0
    y0: int = 0
    w: int = 0
    h: int = 0
    region: int = 0
    on_path: bool = False
    entrances: list[Cell] = field(default_factory=list)

    @property
    def x1(self) -> int:
        return self.x0 + self.w

    @property
    def y1(self) -> int:
        return self.y0 + self.h

    def cells(self) -> list[Cell]:
        return [(col, row) for row in range(self.y0, self.y1) for col in range(self.x0, self.x1)]

    def inner(self) -> list[Cell]:
        """Cells off the room's edge: blocking one never cuts the room in two."""
        return [(col, row) for col, row in self.cells() if self.x0 < col < self.x1 - 1 and self.y0 < row < self.y1 - 1]


@dataclass
class _Corridor:
    cells: list[Cell]
    door: Cell | None = None
    #: The rooms it joins (lower slot first) and whether it runs left-right.
    ends: tuple[int, int] = (0, 0)
    across: bool = True


@dataclass
class _Layout:
    rooms: list[_Room]
    corridors: list[_Corridor]
    doors: list[Cell]
    exit_room: int
    start: Cell = (0, 0)
    exit: Cell = (0, 0)
    loops: int = 0
    #: Rooms given a purpose once keys are placed: the treasure room (-1: none) and key rooms.
    treasure: int = -1
    key_rooms: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Goals:
    """What one attempt aims at, after hints, difficulty and easing."""

    difficulty: int
    rooms: int
    doors: int
    loops: int
    enemies: int
    items: int
    ease: int


@dataclass
class _Thing:
    """An entity in layout cells, before it is turned into pixels."""

    kind: EntityKind
    name: str
    cell: Cell
    span: int
    size: int
    behaviour: str | None = None
    path: list[Cell] | None = None
    mode: str = "pingpong"
    period: int = 0
    offset: int = 0
    points: int = 0
    hp: int = 1
    params: dict[str, int] = field(default_factory=dict)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _goals(plan: LevelPlan, ease: int) -> _Goals:
    difficulty = _clamp(plan.difficulty, 1, 10)
    rooms = plan.rooms if plan.rooms is not None else 3 + difficulty // 2
    enemies = plan.enemies if plan.enemies is not None else (difficulty + 2) // 2
    return _Goals(
        difficulty=difficulty,
        rooms=_clamp(rooms, MIN_ROOMS, MAX_ROOMS),
        doors=1 + difficulty // 3,
        loops=max(0, (difficulty - 3) // 2),
        enemies=0 if ease >= 2 else _clamp(enemies, 0, MAX_ENEMIES),
        items=min(MAX_ITEMS, 2 + difficulty // 2),
        ease=ease,
    )


# --- layout -----------------------------------------------------------------------------------


def _grid(rooms: int) -> Cell:
    across = isqrt(rooms - 1) + 2
    return across, max(2, -(-rooms // across) + 1)


def _grow(rng: Rng, count: int, across: int, down: int) -> tuple[list[Cell], list[int]]:
    """Slots for ``count`` rooms and each room's parent in the spanning tree (-1 for the start)."""
    slots = [(rng.below(across), rng.below(down))]
    parent = [-1]
    taken = {slots[0]}
    while len(slots) < count:
        order = list(range(len(slots)))
        rng.shuffle(order)
        if rng.chance(2, 3):
            order.insert(0, len(slots) - 1)
        for k in order:
            free = _free_neighbours(slots[k], taken, across, down)
            if free:
                slot = rng.choice(free)
                slots.append(slot)
                parent.append(k)
                taken.add(slot)
                break
    return slots, parent


def _free_neighbours(slot: Cell, taken: set[Cell], across: int, down: int) -> list[Cell]:
    """The grid slots beside ``slot`` (up, right, down, left) that are inside the grid and not taken."""
    col, row = slot
    return [(col + dx, row + dy) for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0))
            if 0 <= col + dx < across and 0 <= row + dy < down and (col + dx, row + dy) not in taken]


def _size(rng: Rng, room: _Room, big: bool) -> None:
    sx, sy = room.slot[0] * SLOT_W, room.slot[1] * SLOT_H
    cx, cy = sx + SLOT_W // 2, sy + SLOT_H // 2
    room.w = rng.between(BOSS_ROOM_W if big else MIN_ROOM, SLOT_W - 2)
    room.h = rng.between(BOSS_ROOM_H if big else MIN_ROOM, SLOT_H - 2)
    room.x0 = rng.between(max(sx + 1, cx - room.w + 1), min(cx, sx + SLOT_W - 1 - room.w))
    room.y0 = rng.between(max(sy + 1, cy - room.h + 1), min(cy, sy + SLOT_H - 1 - room.h))


def _corridor(rng: Rng, a: _Room, b: _Room, locked: bool) -> _Corridor:
    """A straight corridor between rooms in neighbouring slots, with a door in its middle if ``locked``."""
    if a.slot[1] == b.slot[1]:
        left, right = (a, b) if a.slot[0] < b.slot[0] else (b, a)
        row = rng.between(max(left.y0, right.y0), min(left.y1, right.y1) - 1)
        cells = [(col, row) for col in range(left.x1, right.x0)]
        left.entrances.append((left.x1 - 1, row))
        right.entrances.append((right.x0, row))
    else:
        top, bottom = (a, b) if a.slot[1] < b.slot[1] else (b, a)
        col = rng.between(max(top.x0, bottom.x0), min(top.x1, bottom.x1) - 1)
        cells = [(col, row) for row in range(top.y1, bottom.y0)]
        top.entrances.append((col, top.y1 - 1))
        bottom.entrances.append((col, bottom.y0))
        left, right = top, bottom
    return _Corridor(cells, cells[len(cells) // 2] if locked else None, (left.index, right.index),
                     a.slot[1] == b.slot[1])


def _loops(rng: Rng, rooms: list[_Room], parent: list[int], wanted: int) -> list[tuple[int, int]]:
    """Extra room pairs to join: neighbours not yet joined, between the same doors."""
    index = {room.slot: room.index for room in rooms}
    pairs: list[tuple[int, int]] = []
    for room in rooms:
        for dx, dy in ((1, 0), (0, 1)):
            other = index.get((room.slot[0] + dx, room.slot[1] + dy))
            if other is None or parent[other] == room.index or parent[room.index] == other:
                continue
            if rooms[other].region == room.region:
                pairs.append((room.index, other))
    rng.shuffle(pairs)
    return pairs[:wanted]


def _layout(rng: Rng, goals: _Goals, boss: bool, treasure: bool = False) -> _Layout:
    across, down = _grid(goals.rooms)
    slots, parent = _grow(rng, goals.rooms, across, down)
    depth = [0] * len(slots)
    for k in range(1, len(slots)):
        depth[k] = depth[parent[k]] + 1
    exit_room = max(range(len(slots)), key=lambda k: (depth[k], k))
    path = [exit_room]
    while path[-1] != 0:
        path.append(parent[path[-1]])
    path.reverse()
    hoard = _side_slot(rng, slots, parent, path[:-1], across, down) if treasure else -1
    rooms = [_Room(index, slot) for index, slot in enumerate(slots)]
    edges = list(range(len(path) - 1))
    rng.shuffle(edges)
    locked = sorted(edges[: min(goals.doors, len(edges))])
    gated = [path[i + 1] for i in locked]
    for k in range(1, len(rooms)):
        rooms[k].region = rooms[parent[k]].region + (1 if k in gated else 0)
    for k in path:
        rooms[k].on_path = True
    for room in rooms:
        _size(rng, room, boss and room.index == exit_room)
    corridors: dict[int, _Corridor] = {}
    for k in range(1, len(rooms)):
        corridors[k] = _corridor(rng, rooms[parent[k]], rooms[k], k in gated)
    extra = [_corridor(rng, rooms[a], rooms[b], False) for a, b in _loops(rng, rooms, parent, goals.loops)]
    doors = [door for k in gated if (door := corridors[k].door) is not None]
    layout = _Layout(rooms, [*corridors.values(), *extra], doors, exit_room, loops=len(extra), treasure=hoard)
    layout.start = rng.choice(rooms[0].cells())
    layout.exit = _far_corner(rooms[exit_room])
    return layout


def _side_slot(rng: Rng, slots: list[Cell], parent: list[int], hosts: list[int], across: int, down: int) -> int:
    """Grow one more room, a dead end off a room on the way to the exit (never the exit room):
    the treasure room. Its index, or -1 when no such room has a free neighbouring slot."""
    taken = set(slots)
    options = [(host, slot) for host in hosts for slot in _free_neighbours(slots[host], taken, across, down)]
    if not options:
        return -1
    host, slot = rng.choice(options)
    slots.append(slot)
    parent.append(host)
    return len(slots) - 1


def _far_corner(room: _Room) -> Cell:
    corners = [(room.x0, room.y0), (room.x1 - 1, room.y0), (room.x0, room.y1 - 1), (room.x1 - 1, room.y1 - 1)]

    def away(cell: Cell) -> int:
        return min(abs(cell[0] - col) + abs(cell[1] - row) for col, row in room.entrances)

    return max(corners, key=away)


# --- contents ---------------------------------------------------------------------------------


def _free(rng: Rng, rooms: list[_Room], used: set[Cell]) -> Cell | None:
    """A random unused cell in one of ``rooms`` (tried in random order)."""
    order = list(rooms)
    rng.shuffle(order)
    for room in order:
        cells = [cell for cell in room.cells() if cell not in used]
        if cells:
            return rng.choice(cells)
    return None


def _keys(rng: Rng, layout: _Layout, used: set[Cell], tuning: Tuning) -> list[_Thing]:
    keys: list[_Thing] = []
    size = tuning.pickup_size // SUB
    for region in range(len(layout.doors)):
        rooms = [room for room in layout.rooms if room.region == region and room.index != layout.treasure]
        side = [room for room in rooms if not room.on_path]
        first = [rng.choice(side)] if side and rng.chance(2, 3) else []
        cell = _free(rng, first, used) or _free(rng, rooms, used)
        if cell is None:
            raise RuntimeError(f"no room for the key of door {region + 1}")
        used.add(cell)
        keys.append(_Thing("key", "Key", cell, 1, size))
        layout.key_rooms.append(_room_of(layout, cell))
    return keys


def _room_of(layout: _Layout, cell: Cell) -> int:
    """Index of the room holding ``cell`` (-1 in a corridor)."""
    col, row = cell
    for room in layout.rooms:
        if room.x0 <= col < room.x1 and room.y0 <= row < room.y1:
            return room.index
    return -1


def _treasure_room(rng: Rng, layout: _Layout) -> int:
    """A side room off the way to the exit that holds no key, a dead end where there is one:
    the detour a player takes for the hoard, past its guard; -1 when the map has none."""
    side = [room for room in layout.rooms if not room.on_path and room.index != 0
            and room.index not in layout.key_rooms]
    ends = [room for room in side if len(room.entrances) == 1]
    pool = ends or side
    return rng.choice(pool).index if pool else -1


def _period(cycle: int, segments: int, longest: int, speed: int) -> int:
    """The shortest period dividing ``cycle`` that keeps the longest segment under ``speed``."""
    for period in range(segments, cycle + 1, segments):
        if cycle % period == 0 and segments * longest * TILE * 16 <= period * speed:
            return period
    return cycle


def _box(rng: Rng, room: _Room, span: int) -> tuple[int, int, int, int]:
    """A random sub-rectangle (left, top, right, bottom cells) for a body ``span`` tiles wide."""
    w, h = room.w - span + 1, room.h - span + 1
    left = room.x0 + rng.below(max(1, (w - 1) // 2))
    right = room.x0 + w - 1 - rng.below(max(1, (w - 1) // 2))
    top = room.y0 + rng.below(max(1, (h - 1) // 2))
    bottom = room.y0 + h - 1 - rng.below(max(1, (h - 1) // 2))
    return left, top, max(right, left + 1), max(bottom, top + 1)


def _route(rng: Rng, room: _Room, behaviour: Behaviour, span: int) -> tuple[list[Cell], str]:
    """Path cells and mode for a body of ``behaviour`` moving in ``room``."""
    left, top, right, bottom = _box(rng, room, span)
    if behaviour in LINE or behaviour == Behaviour.TURRET:
        if room.w >= room.h if room.w != room.h else rng.chance(1, 2):
            row = rng.between(top, bottom)
            path = [(left, row), (right, row)]
        else:
            col = rng.between(left, right)
            path = [(col, top), (col, bottom)]
        mode = "pingpong"
    elif behaviour in DIAGONAL:
        path = [(left, top), (right, bottom)] if rng.chance(1, 2) else [(left, bottom), (right, top)]
        mode = "pingpong"
    else:
        path = [(left, top), (right, top), (right, bottom), (left, bottom)]
        mode = "loop"
    if rng.chance(1, 2):
        path.reverse()
    return path, mode


def _set_motion(rng: Rng, thing: _Thing, speed: int, cycle: int) -> None:
    path = thing.path or []
    pairs = list(zip(path, path[1:] + path[:1], strict=True))[: len(path) if thing.mode == "loop" else 1]
    longest = max(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in pairs)
    segments = len(path) if thing.mode == "loop" else 2 * (len(path) - 1)
    thing.period = _period(cycle, segments, longest, speed)
    thing.offset = rng.below(thing.period)


def _speed(goals: _Goals, behaviour: Behaviour) -> int:
    if goals.ease >= 1:
        return EASED_SPEED
    speed = BASE_SPEED + SPEED_PER_LEVEL * goals.difficulty
    return min(MAX_SPEED, speed * 3 // 2 if behaviour == Behaviour.CHASE else speed)


def _gun_params(rng: Rng, goals: _Goals) -> dict[str, int]:
    """How a turret fires: more often, faster and more ways as the difficulty rises."""
    every = TURRET_EASED_EVERY if goals.ease >= 1 else TURRET_EVERY[min(len(TURRET_EVERY) - 1, goals.difficulty // 4)]
    ways = TURRET_AXES[rng.below(2)] if goals.difficulty < TURRET_ALL_WAYS else 15
    speed = min(TURRET_MAX_SPEED, TURRET_SPEED + TURRET_SPEED_PER_LEVEL * goals.difficulty)
    return {"every": every, "offset": rng.below(every), "speed": speed, "dirs": ways}


def _turret_cell(rng: Rng, room: _Room, used: set[Cell], guarded: set[Cell]) -> Cell | None:
    cells = [cell for cell in room.inner() if cell not in used and cell not in guarded]
    return rng.choice(cells) if cells else None


def _hunts(plan: LevelPlan, goals: _Goals, count: int) -> tuple[list[bool], int]:
    """Which of ``count`` enemies chase: those whose foe chases, and from level 2 on at least one
    (a hunter keeps a player from waiting out the patrols), unless the attempt is fully eased.
    Also the index of the first hunter (it hunts near the start, see _hunting_ground), or -1."""
    chasing = [bool(plan.foes) and plan.foe(n).behaviour in HUNTERS for n in range(count)]
    if goals.ease >= 2:
        return [False] * count, -1
    if count and plan.index >= 2 and not any(chasing):
        chasing[-1] = True
    return chasing, chasing.index(True) if any(chasing) else -1


def _hunting_ground(layout: _Layout, rooms: list[_Room]) -> _Room:
    """A room the player can be reached from without a door: an idle player is then hunted down."""
    near = [room for room in rooms if room.region == 0]
    return near[0] if near else layout.rooms[0]


def _hunter(rng: Rng, thing: _Thing, room: _Room, used: set[Cell], goals: _Goals, start: Cell) -> bool:
    """Make ``thing`` a chaser asleep on a free inner cell of ``room``, a few moves from the
    start at least (it must not wake on the player's first step); False if none is free."""
    free = [cell for cell in room.inner() or room.cells() if cell not in used]
    cells = [cell for cell in free if abs(cell[0] - start[0]) + abs(cell[1] - start[1]) >= HUNTER_ROOM] or free
    if not cells:
        return False
    thing.cell = rng.choice(cells)
    used.add(thing.cell)
    charges = thing.behaviour == Behaviour.CHARGE.value
    thing.behaviour = Behaviour.CHARGE.value if charges else Behaviour.CHASE.value
    slow = goals.ease >= 1
    thing.params = {
        "speed": CHASE_EASED if slow else min(CHASE_MAX, CHASE_BASE + CHASE_PER_LEVEL * goals.difficulty),
        "sight": min(CHASE_SIGHT_MAX, CHASE_SIGHT + goals.difficulty // 3),
        "wake": max(CHASE_WAKE_MIN, CHASE_WAKE - CHASE_WAKE_PER_LEVEL * goals.difficulty),
    }
    if charges:
        thing.params.update(
            dash=CHARGE_EASED if slow else min(CHARGE_MAX, CHARGE_BASE + CHARGE_PER_LEVEL * goals.difficulty),
            windup=max(CHARGE_WINDUP_MIN, CHARGE_WINDUP - goals.difficulty),
            rest=CHARGE_REST,
        )
    return True


def _enemies(
    rng: Rng, plan: LevelPlan, goals: _Goals, layout: _Layout, used: set[Cell], tuning: Tuning
) -> list[_Thing]:
    rooms = [room for room in layout.rooms if room.index != 0]
    fighting = [room for room in rooms if not (plan.boss and room.index == layout.exit_room)]
    rooms = fighting or rooms
    rng.shuffle(rooms)
    # Rooms with a purpose are guarded first: the treasure room, then the rooms holding keys.
    guard_first = [layout.treasure, *layout.key_rooms]
    rooms.sort(key=lambda room: guard_first.index(room.index) if room.index in guard_first else len(guard_first))
    count = min(goals.enemies, MAX_ENEMIES_PER_ROOM * len(rooms))
    trap_laid = False
    guarded: set[Cell] = set()
    things: list[_Thing] = []
    size = tuning.enemy_size // SUB
    hunts, added = _hunts(plan, goals, count)
    for n in range(count):
        foe = plan.foe(n) if plan.foes else DEFAULT_FOE
        room = _hunting_ground(layout, rooms) if n == added else rooms[n % len(rooms)]
        thing = _Thing("enemy", foe.name, (room.x0, room.y0), 1, size, behaviour=foe.behaviour.value,
                       points=ENEMY_POINTS)
        if hunts[n] and _hunter(rng, thing, room, used, goals, layout.start):
            things.append(thing)
            continue
        trap = None
        cell = None
        if foe.behaviour == Behaviour.TURRET:
            trap = None if trap_laid else _trap(rng, layout, used | guarded)
            trap_laid = trap_laid or trap is not None
            cell = trap[0] if trap else _turret_cell(rng, room, used, guarded)
        if cell is not None:
            thing.cell = cell
            thing.params = _gun_params(rng, goals)
            if trap:
                thing.params.update(dirs=trap[1], trap=1)
            used.add(cell)
            guarded.update((cell[0] + dx, cell[1] + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        else:
            thing.path, thing.mode = _route(rng, room, foe.behaviour, 1)
            _set_motion(rng, thing, _speed(goals, foe.behaviour), tuning.cycle)
        things.append(thing)
    return things


def _trap(rng: Rng, layout: _Layout, taken: set[Cell]) -> tuple[Cell, int] | None:
    """A trap corridor: a cell for a turret in line with a corridor on the way to the exit, at the
    far wall of a room it opens into, and the one direction (dirs bit) that fires into it. The
    player has to time the run through; None when no such corridor has a free cell for it."""
    options: list[tuple[Cell, int]] = []
    for corridor in layout.corridors:
        first, second = (layout.rooms[k] for k in corridor.ends)
        # Shots stop at a door (even once opened), so a locked corridor needs two tiles on each side of it.
        if len(corridor.cells) < (4 if corridor.door is not None else 2) or not (first.on_path and second.on_path):
            continue
        line = corridor.cells[0][1] if corridor.across else corridor.cells[0][0]
        if corridor.across:  # first is the left room: fire right from its left wall, or left from second's right wall
            ends = [((first.x0, line), 8, first), ((second.x1 - 1, line), 4, second)]
        else:  # first is the top room
            ends = [((line, first.y0), 2, first), ((line, second.y1 - 1), 1, second)]
        for cell, dirs, room in ends:
            deep = room.w if corridor.across else room.h
            if deep >= 3 and cell not in taken and cell not in room.entrances and cell != layout.exit:
                options.append((cell, dirs))
    return rng.choice(options) if options else None


def _boss(rng: Rng, foe: Foe, goals: _Goals, layout: _Layout, used: set[Cell], tuning: Tuning) -> _Thing:
    room = layout.rooms[layout.exit_room]
    size = tuning.boss_size // SUB
    thing = _Thing("boss", foe.name, (room.x0, room.y0), 2, size, behaviour=foe.behaviour.value,
                   points=BOSS_POINTS, hp=BOSS_HP)
    if goals.ease >= 2:
        # Standing in the middle of its room: a boss told to chase would hunt here, and an eased
        # attempt wants a boss the walk can go round.
        thing.behaviour = Behaviour.PATROL.value if foe.behaviour == Behaviour.CHASE else thing.behaviour
        thing.cell = (room.x0 + (room.w - 2) // 2, room.y0 + (room.h - 2) // 2)
        used.update((thing.cell[0] + dx, thing.cell[1] + dy) for dx in (0, 1) for dy in (0, 1))
        return thing
    thing.path, thing.mode = _route(rng, room, foe.behaviour, 2)
    _set_motion(rng, thing, _speed(goals, foe.behaviour), tuning.cycle)
    return thing


def _hoard(rng: Rng, plan: LevelPlan, layout: _Layout, used: set[Cell], tuning: Tuning) -> list[_Thing]:
    """The treasure room's hoard: the GDD's most valuable collectible, a few of it, worth more here."""
    if layout.treasure < 0:
        return []
    pickups = [p for p in plan.pickups if p.kind == ItemKind.COLLECTIBLE] or list(plan.pickups) or [DEFAULT_PICKUP]
    best = max(pickups, key=lambda p: p.points)
    room = layout.rooms[layout.treasure]
    cells = [cell for cell in room.cells() if cell not in used]
    rng.shuffle(cells)
    hoard = []
    for cell in cells[:TREASURE_ITEMS]:
        used.add(cell)
        hoard.append(_Thing("item", best.name, cell, 1, tuning.pickup_size // SUB,
                            points=max(1, best.points) * TREASURE_WORTH))
    return hoard


def _items(rng: Rng, plan: LevelPlan, goals: _Goals, layout: _Layout, used: set[Cell], tuning: Tuning) -> list[_Thing]:
    things: list[_Thing] = _hoard(rng, plan, layout, used, tuning)
    size = tuning.pickup_size // SUB
    for n in range(goals.items):
        pickup = plan.pickup(n) if plan.pickups else DEFAULT_PICKUP
        cell = _free(rng, layout.rooms, used)
        if cell is None:
            break
        used.add(cell)
        things.append(_Thing("item", pickup.name, cell, 1, size, points=pickup.points))
    return things


# --- drawing ----------------------------------------------------------------------------------


def _draw(layout: _Layout) -> tuple[list[str], Cell]:
    """The tile rows and the layout cell that became (0, 0)."""
    floor: dict[Cell, str] = {}
    for room in layout.rooms:
        floor.update(dict.fromkeys(room.cells(), "."))
    for corridor in layout.corridors:
        floor.update(dict.fromkeys(corridor.cells, "."))
        if corridor.door is not None:
            floor[corridor.door] = "D"
    floor[layout.exit] = "X"
    left = min(col for col, _ in floor) - 1
    top = min(row for _, row in floor) - 1
    width = max(col for col, _ in floor) + 2 - left
    height = max(row for _, row in floor) + 2 - top
    grid = [[" "] * width for _ in range(height)]
    for (col, row), char in floor.items():
        grid[row - top][col - left] = char
    for col, row in floor:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if grid[row - top + dy][col - left + dx] == " ":
                    grid[row - top + dy][col - left + dx] = "#"
    return ["".join(line) for line in grid], (left, top)


def _pixels(cell: Cell, origin: Cell, thing: _Thing) -> Point:
    inset = (thing.span * TILE - thing.size) // 2
    return Point(x=(cell[0] - origin[0]) * TILE + inset, y=(cell[1] - origin[1]) * TILE + inset)


def _entity(thing: _Thing, ident: str, origin: Cell) -> Entity:
    motion = None
    at = _pixels(thing.cell, origin, thing)
    if thing.path is not None:
        motion = Motion(
            path=[_pixels(cell, origin, thing) for cell in thing.path],
            period=thing.period,
            mode="loop" if thing.mode == "loop" else "pingpong",
            offset=thing.offset,
        )
        at = motion.path[0]
    return Entity(
        id=ident,
        kind=thing.kind,
        name=thing.name,
        behaviour=thing.behaviour,
        x=at.x,
        y=at.y,
        w=thing.size,
        h=thing.size,
        motion=motion,
        points=thing.points,
        hp=thing.hp,
        params=thing.params,
    )


def _entities(groups: list[list[_Thing]], origin: Cell) -> list[Entity]:
    entities: list[Entity] = []
    for things in groups:
        for number, thing in enumerate(things, start=1):
            entities.append(_entity(thing, f"{thing.kind}-{number}", origin))
    return entities


# --- generation -------------------------------------------------------------------------------


def _candidate(plan: LevelPlan, rng: Rng, goals: _Goals, tuning: Tuning) -> tuple[LevelFile, dict[str, int]]:
    # From level 2 on a treasure room is grown off the way, unless the GDD fixed the room count.
    treasure = plan.index >= 2 and plan.rooms is None and goals.ease < 2
    layout = _layout(rng.fork("layout"), goals, plan.boss is not None, treasure)
    used = {layout.start, layout.exit}
    keys = _keys(rng.fork("keys"), layout, used, tuning)
    if layout.treasure < 0:
        layout.treasure = _treasure_room(rng.fork("treasure"), layout)
    foe = plan.boss
    boss = [_boss(rng.fork("boss"), foe, goals, layout, used, tuning)] if foe is not None else []
    enemies = _enemies(rng.fork("enemies"), plan, goals, layout, used, tuning)
    items = _items(rng.fork("items"), plan, goals, layout, used, tuning)
    rows, origin = _draw(layout)
    player = Point(
        x=(layout.start[0] - origin[0]) * TILE + (TILE - tuning.player_w // SUB) // 2,
        y=(layout.start[1] - origin[1]) * TILE + (TILE - tuning.player_h // SUB) // 2,
    )
    level = LevelFile(
        genre=Genre.TOPDOWN,
        index=plan.index,
        name=plan.name or f"Level {plan.index}",
        difficulty=goals.difficulty,
        theme=plan.theme,
        seed=plan.seed,
        rules=tuning.to_rules(),
        width=len(rows[0]),
        height=len(rows),
        rows=rows,
        player=player,
        entities=_entities([keys, items, enemies, boss], origin),
        solution=Solution(inputs=[[0, 1]], steps=1),
        par=1,
    )
    stats = {
        "rooms": len(layout.rooms),
        "doors": len(layout.doors),
        "keys": len(keys),
        "loops": layout.loops,
        "enemies": len(enemies),
        "turrets": sum(1 for thing in enemies if thing.path is None and thing.behaviour != Behaviour.CHASE.value),
        "chasers": sum(1 for thing in enemies if thing.behaviour == Behaviour.CHASE.value and thing.path is None),
        "items": len(items),
        "boss": len(boss),
        "boss_room": layout.exit_room if boss else -1,
        "treasure_room": layout.treasure,
        "trap_corridors": sum(1 for thing in enemies if thing.params.get("trap")),
    }
    return level, stats


def _prove(level: LevelFile, stats: dict[str, int]) -> LevelFile | None:
    proof: Proof | None = solve(level)
    if proof is None:
        return None
    proven = level.model_copy(
        update={
            "solution": Solution(inputs=proof.inputs, steps=proof.steps, moves=proof.moves),
            "par": proof.steps,
            "stats": {**stats, "solver_expansions": proof.expansions},
        }
    )
    outcome = replay(proven)
    return proven if outcome.completed and outcome.steps == proof.steps else None


def generate(plan: LevelPlan) -> LevelFile:
    """A verified top-down level for ``plan``; same plan, same bytes."""
    rng = Rng(plan.seed)
    # A GDD that names a ranged attack (shooting, spells, arrows) gets bolts instead of a swing.
    tuning = replace(TUNING, lives=max(1, plan.lives), ranged=plan.ranged)
    asked = _goals(plan, 0)
    for attempt, ease in enumerate(SCHEDULE):
        goals = _goals(plan, ease)
        level, stats = _candidate(plan, rng.fork("attempt", attempt), goals, tuning)
        stats.update(
            rooms_requested=plan.rooms if plan.rooms is not None else asked.rooms,
            enemies_requested=plan.enemies if plan.enemies is not None else asked.enemies,
            attempt=attempt,
            eased=ease,
        )
        proven = _prove(level, stats)
        if proven is not None:
            return proven
    raise RuntimeError(f"top-down level {plan.index} (seed {plan.seed}) could not be proven even eased")
