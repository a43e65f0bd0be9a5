"""Proofs for top-down levels: an order to unlock the doors in, then timed walks between targets.

:func:`key_order` answers the structural question (can keys and doors be taken in some order that
reaches the exit?) with a search over which doors are open, taking every key in reach before
opening a door; moving enemies are ignored, standing ones block the cells they cover.
:func:`solve` walks that order target by target (keys, doors, the exit), each leg an A* search
over (cell, time within the enemies' common cycle) where a move or a wait lasts one tile's worth
of steps and is checked step by step against every enemy's scripted position. Each leg is played
through the real rules as it is found, so the proof is the rules' own account of the walk.

Chasers move after the player, so no timetable holds them: the timed search leaves them out, and
the walk checks between grid moves whether a live chaser is within :data:`THREAT` moves. If one
is, the player stands and fights: each step it tries (on a copy of the state) turning each way
with a swing (or a bolt, followed until it lands), takes that step once the copy shows the
chaser struck, otherwise waits; then it steps back onto its tile's centre and the leg is planned again from there.

Before the exit, a boss is dueled where a cell beside its beat is safe at every time of the
cycle: the walk goes there and swings each time a tried swing strikes the boss, until it falls.
If no such cell works, the walk goes round the boss as before.
"""

import heapq
from collections import deque
from dataclasses import dataclass
from math import lcm

from maestro.level import LevelFile
from maestro.rules.geometry import Actor, overlaps
from maestro.rules.inputs import ACTION, DOWN, LEFT, NONE, RIGHT, UP, Script, append
from maestro.rules.topdown import DOOR, EXIT, HURTS, OPEN_TILES, Gun, State, World, body_at, in_line, step

Cell = tuple[int, int]
#: (kind: "key", "door" or "exit"; body index of a key, else -1; cell)
Target = tuple[str, int, Cell]

#: Grid actions: (dx, dy, input mask, letter). The last is a wait.
ACTIONS: tuple[tuple[int, int, int, str], ...] = (
    (0, -1, UP, "U"),
    (0, 1, DOWN, "D"),
    (-1, 0, LEFT, "L"),
    (1, 0, RIGHT, "R"),
    (0, 0, NONE, "."),
)
WAIT = 4

#: Search states one leg may expand before the leg counts as unsolvable.
LEG_BUDGET = 25_000
#: A live chaser this many moves (or fewer) from the player is fought before the walk goes on.
THREAT = 3
#: Steps a fight may last, beyond the longest wake time, before the level counts as unprovable.
FIGHT_STEPS = 900
#: Steps a tried bolt is followed for before it counts as a miss.
BOLT_LOOK = 40
#: Cells beside its beat tried for a duel with the boss, and the steps a duel may last there.
DUEL_CELLS = 4
DUEL_STEPS = 1500


@dataclass(frozen=True)
class Proof:
    """A solver's answer: the inputs, how long they last, and the grid moves they spell."""

    inputs: Script
    steps: int
    moves: str
    expansions: int


def door_id(cell: Cell) -> str:
    return f"door@{cell[0]},{cell[1]}"


def _static_blocks(world: World) -> set[Cell]:
    """Cells a centred player would overlap a standing hurtful body in."""
    tuning = world.tuning
    tile = tuning.tile
    ox, oy = (tile - tuning.player_w) // 2, (tile - tuning.player_h) // 2
    blocked: set[Cell] = set()
    for index, body in enumerate(world.bodies):
        if body.kind not in HURTS or body.motion is not None or world.chasers[index] is not None:
            continue
        for row in range(body.y // tile - 1, (body.y + body.h) // tile + 2):
            for col in range(body.x // tile - 1, (body.x + body.w) // tile + 2):
                px, py = col * tile + ox, row * tile + oy
                if overlaps(px, py, tuning.player_w, tuning.player_h, body.x, body.y, body.w, body.h):
                    blocked.add((col, row))
    return blocked


class _Locks:
    """The level as keys, doors and reachable regions, for the structural searches."""

    def __init__(self, world: World) -> None:
        self.world = world
        tile = world.tuning.tile
        self.blocked = _static_blocks(world)
        self.doors: list[Cell] = [
            (col, row) for row, text in enumerate(world.rows) for col, char in enumerate(text) if char == DOOR
        ]
        self.keys: list[tuple[str, Cell]] = [(b.id, b.cell(tile)) for b in world.bodies if b.kind == "key"]
        self.start: Cell = State.start(world).cell(world.tuning)

    def region(self, opened: tuple[bool, ...]) -> set[Cell]:
        """Cells reachable from the start with the doors in ``opened`` open."""
        world = self.world
        open_doors = {door for door, is_open in zip(self.doors, opened, strict=True) if is_open}
        seen = {self.start}
        queue = deque([self.start])
        while queue:
            col, row = queue.popleft()
            for dx, dy, _, _ in ACTIONS[:WAIT]:
                nxt = (col + dx, row + dy)
                if nxt in seen or nxt in self.blocked or not (0 <= nxt[0] < world.width and 0 <= nxt[1] < world.height):
                    continue
                char = world.rows[nxt[1]][nxt[0]]
                if char in OPEN_TILES or nxt in open_doors:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    def held(self, region: set[Cell], opened: tuple[bool, ...]) -> int:
        return sum(1 for _, cell in self.keys if cell in region) - sum(opened)

    def exit_in(self, region: set[Cell]) -> bool:
        return any(self.world.rows[row][col] == EXIT for col, row in region)

    def openable(self, region: set[Cell], opened: tuple[bool, ...]) -> list[int]:
        """Closed doors next to ``region`` the player holds a key for."""
        if self.held(region, opened) <= 0:
            return []
        return [
            index
            for index, (col, row) in enumerate(self.doors)
            if not opened[index] and any((col + dx, row + dy) in region for dx, dy, _, _ in ACTIONS[:WAIT])
        ]

    def search(self, *, dead_end: bool) -> list[tuple[bool, ...]] | None:
        """States from all-closed to the first one reaching the exit (or, with ``dead_end``, stuck)."""
        first = tuple(False for _ in self.doors)
        parent: dict[tuple[bool, ...], tuple[bool, ...] | None] = {first: None}
        queue = deque([first])
        while queue:
            opened = queue.popleft()
            region = self.region(opened)
            reached = self.exit_in(region)
            children = [] if reached else self.openable(region, opened)
            if (reached and not dead_end) or (dead_end and not reached and not children):
                chain: list[tuple[bool, ...]] = []
                at: tuple[bool, ...] | None = opened
                while at is not None:
                    chain.append(at)
                    at = parent[at]
                return chain[::-1]
            for index in children:
                child = tuple(is_open or i == index for i, is_open in enumerate(opened))
                if child not in parent:
                    parent[child] = opened
                    queue.append(child)
        return None

    def spell(self, chain: list[tuple[bool, ...]], *, finish: bool) -> list[str]:
        """Keys taken and doors opened along ``chain``, in order."""
        order: list[str] = []
        taken: set[str] = set()
        for position, opened in enumerate(chain):
            region = self.region(opened)
            if position > 0:
                newly = [i for i, is_open in enumerate(opened) if is_open and not chain[position - 1][i]]
                order.extend(door_id(self.doors[i]) for i in newly)
            if finish and position == len(chain) - 1:
                break
            for ident, cell in self.keys:
                if cell in region and ident not in taken:
                    taken.add(ident)
                    order.append(ident)
        if finish:
            order.append("exit")
        return order


def key_order(level: LevelFile) -> list[str] | None:
    """An order of key ids, ``door@col,row`` openings and finally ``"exit"``; None if none exists."""
    locks = _Locks(World.from_level(level))
    chain = locks.search(dead_end=False)
    return None if chain is None else locks.spell(chain, finish=True)


def soft_lock(level: LevelFile) -> list[str] | None:
    """A way of taking keys and opening doors that strands the player short of the exit, if any."""
    locks = _Locks(World.from_level(level))
    chain = locks.search(dead_end=True)
    return None if chain is None else locks.spell(chain, finish=False)


class _Planner:
    """Timed grid search against the level's scripted enemies."""

    def __init__(self, world: World) -> None:
        tuning = world.tuning
        self.world = world
        self.width, self.height = world.width, world.height
        self.tile, self.speed, self.steps = tuning.tile, tuning.speed, tuning.tile_steps
        self.ox, self.oy = (tuning.tile - tuning.player_w) // 2, (tuning.tile - tuning.player_h) // 2
        self.hazards: list[Actor] = [
            body for index, body in enumerate(world.bodies) if body.kind in HURTS and world.chasers[index] is None
        ]
        periods = [body.motion.period for body in self.hazards if body.motion is not None]
        self.guns: list[Gun] = [gun for gun in world.guns if gun is not None]
        self.cycle = lcm(self.steps, *periods, *(gun.every for gun in self.guns))
        # Shots are looked up this far into the game, where every turret has fired for a while.
        longest = max((lane[2] for gun in self.guns for lane in gun.lanes), default=0)
        self.late = self.cycle * (2 + longest // self.cycle)
        self.slots = self.cycle // self.steps
        self.tables = [self._table(body) for body in self.hazards]
        self.near = self._near()
        self.shot_near = self._shot_near()
        self.memo: dict[int, bool] = {}
        self.expansions = 0

    def _table(self, body: Actor) -> list[tuple[int, int]]:
        if body.motion is None:
            return [(body.x, body.y)]
        return [body.at(t) for t in range(self.cycle)]

    def _near(self) -> list[list[int]]:
        """Per cell, the hazards that can reach the 3x3 cells around it."""
        near: list[list[int]] = [[] for _ in range(self.width * self.height)]
        tile = self.tile
        for index, body in enumerate(self.hazards):
            left, top, right, bottom = body.span
            for row in range(max(0, top // tile - 1), min(self.height, (bottom - 1) // tile + 2)):
                for col in range(max(0, left // tile - 1), min(self.width, (right - 1) // tile + 2)):
                    near[row * self.width + col].append(index)
        return near

    def _shot_near(self) -> list[list[int]]:
        """Per cell, the guns whose shots can pass through the 3x3 cells around it."""
        near: list[list[int]] = [[] for _ in range(self.width * self.height)]
        tile = self.tile
        for index, gun in enumerate(self.guns):
            cells: set[int] = set()
            for dx, dy, reach in gun.lanes:
                ages = [*range(0, reach, max(1, tile // (2 * gun.speed))), reach]
                for age in ages:
                    x, y = gun.x + dx * gun.speed * age, gun.y + dy * gun.speed * age
                    rows = range(max(0, y // tile - 1), min(self.height, (y + gun.size - 1) // tile + 2))
                    cols = range(max(0, x // tile - 1), min(self.width, (x + gun.size - 1) // tile + 2))
                    cells.update(row * self.width + col for row in rows for col in cols)
            for cell in cells:
                near[cell].append(index)
        return near

    def safe(self, cell: int, action: int, slot: int) -> bool:
        """Whether moving (or waiting) from ``cell`` starting at time ``slot`` touches no hazard.

        Turrets are taken as firing forever (a defeated one only makes the walk safer)."""
        hazards = self.near[cell]
        guns = self.shot_near[cell]
        if not hazards and not guns:
            return True
        key = (cell * len(ACTIONS) + action) * self.slots + slot
        known = self.memo.get(key)
        if known is not None:
            return known
        tuning = self.world.tuning
        pw, ph = tuning.player_w, tuning.player_h
        row, col = divmod(cell, self.width)
        x0, y0 = col * self.tile + self.ox, row * self.tile + self.oy
        dx, dy = ACTIONS[action][0] * self.speed, ACTIONS[action][1] * self.speed
        base = slot * self.steps
        result = True
        for k in range(1, self.steps + 1):
            px, py = x0 + dx * k, y0 + dy * k
            t = (base + k) % self.cycle
            for index in hazards:
                body, table = self.hazards[index], self.tables[index]
                ex, ey = table[t % len(table)]
                if overlaps(px, py, pw, ph, ex, ey, body.w, body.h):
                    result = False
                    break
            for index in guns if result else ():
                gun = self.guns[index]
                if any(overlaps(px, py, pw, ph, sx, sy, gun.size, gun.size) for sx, sy, _ in gun.shots(t + self.late)):
                    result = False
                    break
            if not result:
                break
        self.memo[key] = result
        return result

    def distances(self, passable: list[bool], goal: int) -> list[int]:
        """Moves from every cell to ``goal``, enemies ignored (-1: unreachable)."""
        dist = [-1] * len(passable)
        dist[goal] = 0
        queue = deque([goal])
        while queue:
            cell = queue.popleft()
            row, col = divmod(cell, self.width)
            for dx, dy, _, _ in ACTIONS[:WAIT]:
                ncol, nrow = col + dx, row + dy
                if 0 <= ncol < self.width and 0 <= nrow < self.height:
                    nxt = nrow * self.width + ncol
                    if passable[nxt] and dist[nxt] < 0:
                        dist[nxt] = dist[cell] + 1
                        queue.append(nxt)
        return dist

    def leg(self, passable: list[bool], start: int, t0: int, goal: int, budget: int) -> list[int] | None:
        """Fewest moves-and-waits from ``start`` at step ``t0`` to ``goal`` without a touch."""
        dist = self.distances(passable, goal)
        if dist[start] < 0:
            return None
        slots = self.slots
        first = start * slots + (t0 // self.steps) % slots
        best = {first: 0}
        came: dict[int, tuple[int, int]] = {}
        heap = [(dist[start], 0, first)]
        expanded = 0
        while heap:
            _, negative, key = heapq.heappop(heap)
            g = -negative
            if best[key] != g:
                continue
            cell, slot = divmod(key, slots)
            if cell == goal:
                return self._actions(came, key, first)
            expanded += 1
            self.expansions += 1
            if expanded > budget:
                return None
            row, col = divmod(cell, self.width)
            nslot = (slot + 1) % slots
            for action, (dx, dy, _, _) in enumerate(ACTIONS):
                ncol, nrow = col + dx, row + dy
                if not (0 <= ncol < self.width and 0 <= nrow < self.height):
                    continue
                ncell = nrow * self.width + ncol
                if not passable[ncell] or dist[ncell] < 0 or not self.safe(cell, action, slot):
                    continue
                nkey = ncell * slots + nslot
                if best.get(nkey, g + 2) <= g + 1:
                    continue
                best[nkey] = g + 1
                came[nkey] = (key, action)
                heapq.heappush(heap, (g + 1 + dist[ncell], -(g + 1), nkey))
        return None

    @staticmethod
    def _actions(came: dict[int, tuple[int, int]], key: int, first: int) -> list[int]:
        actions: list[int] = []
        while key != first:
            key, action = came[key]
            actions.append(action)
        return actions[::-1]


@dataclass
class _Walk:
    """The proof being built: the rules state after every input so far."""

    world: World
    state: State
    inputs: Script
    moves: list[str]

    def play(self, actions: list[int]) -> bool | None:
        """Feed ``actions`` through the rules; False on a touch the plan did not foresee, None
        when a fight with a chaser interrupted the leg (plan it again from here)."""
        steps = self.world.tuning.tile_steps
        for action in actions:
            fought = self.defend()
            if fought is not None:
                return None if fought else False
            mask = ACTIONS[action][2]
            self.moves.append(ACTIONS[action][3])
            for _ in range(steps):
                if not self.advance(mask):
                    return False
                if self.state.complete:
                    return True
        return True

    def copy(self) -> "_Walk":
        return _Walk(self.world, self.state.clone(), [list(run) for run in self.inputs], list(self.moves))

    def strike(self, target: int) -> int:
        """A turn-and-attack mask that, tried on a copy of the state, strikes ``target`` with the
        player unhurt; else 0. A bolt is followed until it lands (only when none is in flight and
        ``target`` lies in line, so a fight's tries stay cheap)."""
        world, state = self.world, self.state
        ranged = world.tuning.ranged
        if ranged and (state.bolts or state.cooldown > 1):
            return 0
        for turn in (UP, DOWN, LEFT, RIGHT):
            if ranged and not self.in_line(target, turn):
                continue
            trial = state.clone()
            step(world, trial, turn | ACTION)
            for _ in range(BOLT_LOOK if ranged else 0):
                if trial.hit >= 0 or trial.hp[target] < state.hp[target] or not trial.bolts:
                    break
                step(world, trial, NONE)
            if trial.hit < 0 and trial.hp[target] < state.hp[target]:
                return turn | ACTION
        return 0

    def in_line(self, target: int, turn: int) -> bool:
        """Whether ``target``'s centre lies ahead of the player in direction ``turn``, within a
        tile's half-width of the player's centre line."""
        world, state = self.world, self.state
        tuning, body = world.tuning, world.bodies[target]
        x, y = body_at(world, state, target)
        dx = x + body.w // 2 - (state.x + tuning.player_w // 2)
        dy = y + body.h // 2 - (state.y + tuning.player_h // 2)
        half = tuning.tile // 2
        return {UP: dy < 0 and abs(dx) < half, DOWN: dy > 0 and abs(dx) < half,
                LEFT: dx < 0 and abs(dy) < half, RIGHT: dx > 0 and abs(dy) < half}[turn]

    def advance(self, mask: int) -> bool:
        """One step of the rules holding ``mask``, recorded; False on a hit."""
        step(self.world, self.state, mask)
        append(self.inputs, mask, 1)
        return self.state.hit < 0

    def threat(self) -> int:
        """The nearest live chaser within :data:`THREAT` moves of the player, or -1."""
        world, state = self.world, self.state
        if not any(chaser is not None and state.hp[i] > 0 for i, chaser in enumerate(world.chasers)):
            return -1
        col, row = state.cell(world.tuning)
        dist = _moves_from(world, state, (col, row))
        best, nearest = THREAT + 1, -1
        tile = world.tuning.tile
        for index, chaser in enumerate(world.chasers):
            if chaser is None or state.hp[index] <= 0:
                continue
            body = world.bodies[index]
            x, y = state.where[index]
            cell = ((x + body.w // 2) // tile, (y + body.h // 2) // tile)
            moves = dist.get(cell, THREAT + 1)
            if world.rushes[index] is not None and (
                state.phase[index] in (1, 2) or in_line(world, state, cell[0], cell[1], chaser[1]) is not None
            ):
                moves = min(moves, THREAT)  # a charge crosses the room faster than a grid move's check
            if moves < best:
                best, nearest = moves, index
        return nearest

    def defend(self) -> bool | None:
        """Fight the chasers close by: None if none was near, True once beaten, False on a hit.

        A swing is taken only when trying it shows it striking the nearest chaser; in between the
        player waits for the chaser to come into reach."""
        if self.threat() < 0:
            return None
        world = self.world
        limit = self.state.t + FIGHT_STEPS + max((c[2] for c in world.chasers if c is not None), default=0)
        home = (self.state.x, self.state.y)
        while self.state.t < limit:
            target = self.threat()
            if target < 0:
                return self.settle(home)
            mask = self.strike(target)
            if mask:
                self.moves.append("*")
            if not self.advance(mask):
                return False
        return False

    def settle(self, home: tuple[int, int]) -> bool:
        """Step back to where the fight began (a swing's turn may have moved the player a step)."""
        for _ in range(4):
            x, y = self.state.x, self.state.y
            if (x, y) == home:
                return True
            mask = (RIGHT if home[0] > x else LEFT) if x != home[0] else (DOWN if home[1] > y else UP)
            if not self.advance(mask):
                return False
        return (self.state.x, self.state.y) == home


def _beside(planner: "_Planner", world: World, boss: int) -> list[int]:
    """Cells next to the boss's beat (never touched by it or any scripted enemy, whatever the
    time) from which a swing can reach it as it passes, nearest the beat's middle first."""
    tile = world.tuning.tile
    left, top, right, bottom = world.bodies[boss].span
    cells: list[tuple[int, int]] = []
    for row in range(top // tile - 1, (bottom - 1) // tile + 2):
        for col in range(left // tile - 1, (right - 1) // tile + 2):
            inside_x = left // tile <= col <= (right - 1) // tile
            inside_y = top // tile <= row <= (bottom - 1) // tile
            if inside_x != inside_y and 0 <= col < world.width and 0 <= row < world.height:
                cells.append((col, row))
    middle = ((left + right) // 2 // tile, (top + bottom) // 2 // tile)
    cells.sort(key=lambda cell: abs(cell[0] - middle[0]) + abs(cell[1] - middle[1]))
    return [
        row * world.width + col
        for col, row in cells
        if world.rows[row][col] in OPEN_TILES
        and all(planner.safe(row * world.width + col, WAIT, slot) for slot in range(planner.slots))
    ]


def _duel(planner: "_Planner", walk: "_Walk", boss: int, budget: int) -> "_Walk | None":
    """The walk gone on to a cell beside the boss's beat and standing there, swinging whenever a
    swing tried on a copy of the state strikes the boss, until it falls; None if no cell works."""
    world = walk.world
    for goal in _beside(planner, world, boss)[:DUEL_CELLS]:
        trial = walk.copy()
        state = trial.state
        col, row = state.cell(world.tuning)
        passable = [char in OPEN_TILES for text in state.tiles for char in text]
        actions = planner.leg(passable, row * world.width + col, state.t, goal, budget)
        if actions is None or trial.play(actions) is not True or trial.state.complete:
            continue
        home = (trial.state.x, trial.state.y)
        limit = trial.state.t + DUEL_STEPS
        while trial.state.hp[boss] > 0 and trial.state.t < limit:
            swing = trial.strike(boss)
            if not trial.advance(swing if swing else NONE):
                break
            if swing:
                trial.moves.append("*")
                if not trial.settle(home):
                    break
        if trial.state.hp[boss] <= 0 and trial.state.hit < 0 and (trial.state.x, trial.state.y) == home:
            return trial
    return None


def _moves_from(world: World, state: State, start: Cell) -> dict[Cell, int]:
    """Moves from ``start`` to the cells within :data:`THREAT` of it through standable tiles."""
    dist = {start: 0}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if dist[cell] >= THREAT:
            continue
        for dx, dy, _, _ in ACTIONS[:WAIT]:
            nxt = (cell[0] + dx, cell[1] + dy)
            if nxt in dist or not (0 <= nxt[0] < world.width and 0 <= nxt[1] < world.height):
                continue
            if state.tiles[nxt[1]][nxt[0]] in OPEN_TILES:
                dist[nxt] = dist[cell] + 1
                queue.append(nxt)
    return dist


def _targets(world: World, order: list[str]) -> list[Target]:
    """(kind, body index or -1, cell) for each entry of a key order."""
    tile = world.tuning.tile
    index = {body.id: i for i, body in enumerate(world.bodies)}
    exits = [(col, row) for row, text in enumerate(world.rows) for col, char in enumerate(text) if char == EXIT]
    targets: list[Target] = []
    for entry in order:
        if entry == "exit":
            targets.append(("exit", -1, exits[0]))
        elif entry.startswith("door@"):
            col, row = entry.removeprefix("door@").split(",")
            targets.append(("door", -1, (int(col), int(row))))
        else:
            targets.append(("key", index[entry], world.bodies[index[entry]].cell(tile)))
    return targets


def _nearest_key_first(planner: _Planner, passable: list[bool], here: int, targets: list[Target]) -> None:
    """Among the run of keys at the head of ``targets``, move the closest one to the front."""
    run = 0
    while run < len(targets) and targets[run][0] == "key":
        run += 1
    if run < 2:
        return
    dist = planner.distances(passable, here)

    def away(target: Target) -> int:
        col, row = target[2]
        value = dist[row * planner.width + col]
        return value if value >= 0 else len(dist)

    best = min(range(run), key=lambda i: away(targets[i]))
    targets.insert(0, targets.pop(best))


def _done(walk: _Walk, kind: str, body: int, cell: Cell) -> bool:
    state = walk.state
    if kind == "key":
        return state.taken[body]
    if kind == "door":
        return state.tiles[cell[1]][cell[0]] != DOOR
    return state.complete


def solve(level: LevelFile, budget: int = LEG_BUDGET) -> Proof | None:
    """Inputs that finish ``level`` under its rules without a hit, or None within ``budget`` per leg."""
    world = World.from_level(level)
    order = key_order(level)
    if order is None:
        return None
    planner = _Planner(world)
    walk = _Walk(world, State.start(world), [], [])
    targets = _targets(world, order)
    boss = next((i for i, body in enumerate(world.bodies) if body.kind == "boss"), -1) if world.tuning.attack else -1
    while targets and not walk.state.complete:
        state = walk.state
        col, row = state.cell(world.tuning)
        here = row * world.width + col
        passable = [char in OPEN_TILES for text in state.tiles for char in text]
        _nearest_key_first(planner, passable, here, targets)
        kind, body, cell = targets.pop(0)
        if _done(walk, kind, body, cell):
            continue
        if kind == "exit" and boss >= 0 and walk.state.hp[boss] > 0:
            dueled = _duel(planner, walk, boss, budget)
            if dueled is not None:
                walk = dueled
                targets.insert(0, (kind, body, cell))
                continue
            boss = -1  # no cell beside its beat works: the walk goes round it
        goal = cell[1] * world.width + cell[0]
        passable[goal] = True
        fought = walk.defend()
        if fought is False:
            return None
        if fought:
            targets.insert(0, (kind, body, cell))
            continue
        actions = planner.leg(passable, here, walk.state.t, goal, budget)
        if actions is None:
            return None
        played = walk.play(actions)
        if played is False:
            return None
        if played is None:
            targets.insert(0, (kind, body, cell))
            continue
        if not walk.state.complete and not _done(walk, kind, body, cell):
            return None
    if not walk.state.complete:
        return None
    return Proof(walk.inputs, walk.state.t, "".join(walk.moves), planner.expansions)
