"""Puzzle levels (Sokoban-style pushing): tight rooms scrambled by reverse play, chosen for how
much planning they need, proven by a push solver.

A room is a small walled rectangle cut down by wall blocks and pillars to about five open cells
per crate (tight rooms are where crates get in each other's way), its floor kept connected.
Targets go on floor cells with room to pull a crate off them. Reverse play starts from the
solved state (crates on the targets, the player anywhere) and explores *pulls*, the exact reverse
of pushes, breadth first: a state first met after k pulls needs exactly k pushes, so the deepest
states are the room's longest puzzles, and every one is solvable by construction.

Depth alone is not planning: a random room usually lets each crate be pushed straight home. So
the deepest states of several rooms are put to the greedy player
(:func:`maestro.labyrinth.difficulty.greedy_solves`: each crate in turn along its shortest push
path to the nearest free target, no look-ahead). From the third level on (or from difficulty 5)
a state the greedy player fails beats any it solves; only when no room yields one is the
hardest of the others taken (the level never fails). The best few starts are then solved by
:mod:`maestro.labyrinth.puzzle_solver` (fewest pushes; its move count is the par) and the one
needing most planning wins: more pushes, more crate interactions (the solution leaving a crate
for another and coming back: a crate that must step aside, or targets filled in order) and more
solver work per push.

The search is bounded by counts (rooms, reverse-play states, solver nodes), never by the clock,
so the same plan gives the same level on any machine; the counts are sized so the worst level
takes a few tenths of a second. The chosen level is replayed through :mod:`maestro.rules.puzzle`
before it is returned.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from maestro.labyrinth.difficulty import greedy_solves
from maestro.labyrinth.puzzle_solver import LETTERS, Grid, Push, moves_for, reach, solve
from maestro.level import TILE, Entity, LevelFile, Point, Solution
from maestro.plan import LevelPlan
from maestro.rng import Rng
from maestro.rules.inputs import DIRECTION_LETTERS, Script, append
from maestro.rules.puzzle import TUNING, replay

MAX_CRATES = 6
#: From this level on a level must need planning (the first ones may teach the pushing)...
PLANNING_LEVEL = 3
#: ...and from this difficulty on whatever its place in the game.
PLANNING_DIFFICULTY = 5
#: Rooms tried per parameter set, at most; fixed counts (never the clock) bound the search, so
#: the same plan gives the same level on any machine.
ROOMS = 16
#: Candidates that need planning and push enough, after which the search stops early.
ENOUGH = 3
#: Reverse-play states one room may explore...
ROOM_STATES = 2500
#: ...and all the rooms of one parameter set together.
LEVEL_STATES = 12_000
#: States of a room's deepest layers that are solved and compared.
PICKS = 3
#: Best starts the solver solves before the hardest of them is taken...
FINALISTS = 3
#: ...within this many solver nodes in all.
FINAL_NODES = 2000
#: Nodes the solver may expand for one candidate, at most...
SOLVER_NODES = 800
#: ...and fewer with many crates: the lower bound at each node costs about ``crates * 2**crates``.
SOLVER_WORK = 128_000


@dataclass(frozen=True)
class Params:
    """How big a candidate room is, and what counts as too easy."""

    crates: int
    width: int
    height: int
    floor: int
    """Open cells the room is walled down to (at most)."""
    min_pushes: int
    """Pushes a start needs to count towards stopping the search early."""
    planning: bool
    """Whether a level the greedy player solves counts as too easy."""


@dataclass(frozen=True)
class Candidate:
    """A solved start: what the level file is made from."""

    rows: tuple[str, ...]
    player: tuple[int, int]
    crates: tuple[tuple[int, int], ...]
    moves: str
    pushes: int
    nodes: int
    interactions: int = 0
    """Times the solution goes back to a crate it left for another one."""
    beats_greedy: bool = False
    """Whether the greedy player is known to fail it (only checked when planning is asked for)."""


@dataclass(frozen=True)
class Start:
    """A scrambled room before it is solved: what reverse play and the greedy player say of it."""

    rows: tuple[str, ...]
    crates: tuple[int, ...]
    """Crate cells, sorted (the level lists its crates in this order)."""
    player: int
    depth: int
    """Fewest pushes that solve it (its reverse-play layer)."""
    beats_greedy: bool

    def rank(self) -> tuple[int, int]:
        """Which starts go to the solver first: the ones the greedy player fails, deepest first."""
        return int(self.beats_greedy), self.depth


def crate_count(plan: LevelPlan) -> int:
    """Crates a level holds: the plan's hint (clamped) wins over the difficulty's default; a level
    that must need planning gets at least two (a lone crate only ever needs its shortest path)."""
    if plan.crates is not None:
        return max(1, min(MAX_CRATES, plan.crates))
    least = 2 if needs_planning(plan) else 1
    return max(least, min(MAX_CRATES, 1 + plan.difficulty // 3))


def needs_planning(plan: LevelPlan) -> bool:
    """Whether the greedy player should fail the level (when any candidate manages that)."""
    return plan.index >= PLANNING_LEVEL or plan.difficulty >= PLANNING_DIFFICULTY


def params_for(difficulty: int, crates: int, planning: bool = False) -> Params:
    """Room size, open cells and push threshold for a difficulty and crate count.

    About five open cells per crate (plus ten to walk in): tight enough that crates get in each
    other's way, roomy enough that reverse play can scatter them, and few enough cells that the
    reverse play of a room with four crates reaches deep before its state budget runs out. The
    bounding box is a third larger than the floor so wall blocks and pillars cut it into an
    irregular shape.
    """
    floor = 10 + 5 * crates + difficulty // 2
    width = 4 + difficulty // 4
    height = 4 + difficulty // 5
    while width * height < floor * 4 // 3:
        if width <= height:
            width += 1
        else:
            height += 1
    return Params(crates, width, height, floor, 4 + 2 * difficulty, planning)


def generate(plan: LevelPlan) -> LevelFile:
    """A verified pushing level for ``plan``; never fails (falls back to easier parameters)."""
    rng = Rng(plan.seed)
    wanted = crate_count(plan)
    planning = needs_planning(plan)
    attempts = 0
    for params in _ladder(plan.difficulty, wanted, planning):
        starts, rooms = _search(rng.fork("search", params.crates), params, plan)
        attempts += rooms
        best = _finalist(starts, params)
        if best is not None:
            level = _level(plan, best, wanted, attempts)
            if replay(level).completed:
                return level
    return _level(plan, _fallback(), wanted, attempts)


def _ladder(difficulty: int, crates: int, planning: bool) -> Iterator[Params]:
    """The requested parameters, then ever easier ones: fewer crates, then a gentle room."""
    for count in range(crates, 0, -1):
        yield params_for(difficulty, count, planning and count > 1)
    yield params_for(1, 1)


def _search(rng: Rng, params: Params, plan: LevelPlan) -> tuple[list[Start], int]:
    """Scrambled starts from up to ``ROOMS`` rooms (the deepest states of each), best first, and
    the rooms tried; stops early once ``ENOUGH`` of them are hard enough."""
    starts: list[Start] = []
    states = good = rooms = 0
    while rooms < ROOMS and states < LEVEL_STATES and good < ENOUGH:
        found, used = _room_starts(rng.fork("room", rooms), params, plan, min(ROOM_STATES, LEVEL_STATES - states))
        rooms += 1
        states += used
        starts.extend(found)
        good += any(start.depth >= params.min_pushes and (start.beats_greedy or not params.planning)
                    for start in found)
    starts.sort(key=Start.rank, reverse=True)
    return starts, rooms


def _room_starts(rng: Rng, params: Params, plan: LevelPlan, budget: int) -> tuple[list[Start], int]:
    """A new room's deepest reverse-play states, judged against the greedy player when planning
    is asked for, and the states explored."""
    floor = _room(rng.fork("room"), params.width, params.height, params.floor)
    targets = _targets(rng.fork("targets"), floor, params.crates)
    if targets is None:
        return [], 0
    rows = tuple(_draw(floor, targets, params.width + 2, params.height + 2))
    grid = Grid.from_rows(rows)
    layers, used = _reverse_play(grid, budget)
    pick = rng.fork("player")
    starts: list[Start] = []
    for depth, crates, region in _deepest(layers):
        player = pick.choice(region)
        fails = params.planning and not greedy_solves(_board(plan, grid, rows, player, crates))
        starts.append(Start(rows, crates, player, depth, fails))
    return starts, used


def _finalist(starts: list[Start], params: Params) -> Candidate | None:
    """Of the best starts, the first ``FINALISTS`` the solver solves, the one needing most planning.

    The solver's work is what bounds this, so it stops after ``FINAL_NODES`` nodes in all; a room
    whose start the solver gives up on is passed over.
    """
    solved: list[Candidate] = []
    too_hard: set[tuple[str, ...]] = set()
    nodes = 0
    for start in starts:
        if len(solved) >= FINALISTS or nodes >= FINAL_NODES:
            break
        if start.rows in too_hard:  # its room's other deep states are as hard to solve
            continue
        grid = Grid.from_rows(start.rows)
        budget = min(SOLVER_NODES, SOLVER_WORK // (params.crates << params.crates), FINAL_NODES - nodes)
        result = solve(grid, start.player, start.crates, budget)
        nodes += result.nodes
        if not result.solved:
            too_hard.add(start.rows)
        elif result.pushes:
            solved.append(Candidate(
                rows=start.rows,
                player=_coords(grid, start.player),
                crates=tuple(_coords(grid, crate) for crate in start.crates),
                moves=moves_for(grid, start.player, start.crates, result.pushes),
                pushes=len(result.pushes),
                nodes=result.nodes,
                interactions=_interactions(grid, start.crates, result.pushes),
                beats_greedy=start.beats_greedy,
            ))
    return max(solved, key=_score, default=None)


def _score(candidate: Candidate) -> tuple[int, int, int]:
    """How much planning a candidate needs, to compare candidates (higher is harder).

    Beating the greedy player comes first; then pushes, crate interactions and solver nodes per
    push weighed together; the move count breaks ties.
    """
    search = min(8, candidate.nodes // max(1, candidate.pushes))
    planning = candidate.pushes + 3 * candidate.interactions + search
    return int(candidate.beats_greedy), planning, len(candidate.moves)


def _board(plan: LevelPlan, grid: Grid, rows: tuple[str, ...], player: int, crates: tuple[int, ...]) -> LevelFile:
    """A level file of a start for the greedy player to try (its solution a placeholder)."""
    board = Candidate(rows, _coords(grid, player), tuple(_coords(grid, crate) for crate in crates), "u", 0, 0)
    return _level(plan, board, len(crates), 0)


def _interactions(grid: Grid, crates: tuple[int, ...], pushes: tuple[Push, ...]) -> int:
    """Times the pushes return to a crate after moving another (0: each crate pushed home in one go)."""
    where = list(crates)
    order: list[int] = []
    for push in pushes:
        index = where.index(push.crate)
        where[index] = push.crate + grid.offsets[push.direction]
        if not order or order[-1] != index:
            order.append(index)
    return len(order) - len(set(order))


Layer = list[tuple[tuple[int, ...], list[int]]]


def _reverse_play(grid: Grid, budget: int) -> tuple[list[Layer], int]:
    """Breadth-first *pulls* from the solved state (player anywhere): layer k holds the states
    whose fewest-push solution is exactly k pushes long. Stops after ``budget`` states; returns
    the layers (each state: sorted crate cells and the cells the player can reach) and the count.
    """
    goal = grid.targets
    placed = set(goal)
    seen: dict[tuple[int, ...], set[int]] = {goal: set()}
    layer: Layer = []
    for cell, open_ in enumerate(grid.walkable):
        if open_ and cell not in placed and cell not in seen[goal]:
            region = reach(grid, cell, placed)
            seen[goal].update(region)
            layer.append((goal, region))
    layers, states = [layer], len(layer)
    while layer and states < budget:
        layer = _pulled(grid, layer, seen, budget - states)
        states += len(layer)
        if layer:
            layers.append(layer)
    return layers, states


def _pulled(grid: Grid, layer: Layer, seen: dict[tuple[int, ...], set[int]], budget: int) -> Layer:
    """The next layer: every unseen state one pull away from a state of ``layer``."""
    walkable = grid.walkable
    found: Layer = []
    for crates, region in layer:
        inside = set(region)
        placed = set(crates)
        for index, crate in enumerate(crates):
            for offset in grid.offsets:
                stand, back = crate + offset, crate + 2 * offset
                if stand not in inside or not walkable[back] or back in placed:
                    continue
                child = tuple(sorted((*crates[:index], stand, *crates[index + 1 :])))
                known = seen.setdefault(child, set())
                if back in known:
                    continue
                region_after = reach(grid, back, set(child))
                known.update(region_after)
                found.append((child, region_after))
                if len(found) >= budget:
                    return found
    return found


def _deepest(layers: list[Layer]) -> list[tuple[int, tuple[int, ...], list[int]]]:
    """Up to ``PICKS`` states (with their depth) from the deepest layers, spread across each."""
    picks: list[tuple[int, tuple[int, ...], list[int]]] = []
    for depth in range(len(layers) - 1, 0, -1):
        layer = layers[depth]
        step = max(1, len(layer) // PICKS)
        picks.extend((depth, crates, region) for crates, region in layer[::step][: PICKS - len(picks)])
        if len(picks) >= PICKS:
            break
    return picks


def _coords(grid: Grid, cell: int) -> tuple[int, int]:
    return cell % grid.width, cell // grid.width


Cell = tuple[int, int]


def _room(rng: Rng, width: int, height: int, cells: int) -> set[Cell]:
    """Floor cells (map coordinates, inside a one-cell wall ring) of a connected room of at most
    about ``cells`` open cells: a rectangle, maybe notched, walled down by blocks and pillars."""
    floor = {(col, row) for col in range(1, width + 1) for row in range(1, height + 1)}
    if width >= 6 and height >= 6 and rng.chance(1, 2):
        notch_w, notch_h = rng.between(2, width // 3), rng.between(2, height // 3)
        left, top = rng.chance(1, 2), rng.chance(1, 2)
        cols = range(1, notch_w + 1) if left else range(width - notch_w + 1, width + 1)
        rows = range(1, notch_h + 1) if top else range(height - notch_h + 1, height + 1)
        floor -= {(col, row) for col in cols for row in rows}
    for _ in range(len(floor) * 3):
        if len(floor) <= cells:
            break
        _add_block(rng, floor)
    return floor


def _add_block(rng: Rng, floor: set[Cell]) -> bool:
    """Wall up one or two cells if the floor stays connected; whether it did."""
    col, row = rng.choice(sorted(floor))
    shape = rng.below(3)
    block = {(col, row)} | ({(col + 1, row)} if shape == 1 else {(col, row + 1)} if shape == 2 else set())
    rest = floor - block
    if not block <= floor or len(rest) < 10 or not _connected(rest):
        return False
    floor -= block
    return True


def _connected(floor: set[Cell]) -> bool:
    start = min(floor)
    seen = {start}
    frontier = [start]
    for col, row in frontier:
        for near in ((col, row - 1), (col, row + 1), (col - 1, row), (col + 1, row)):
            if near in floor and near not in seen:
                seen.add(near)
                frontier.append(near)
    return len(seen) == len(floor)


def _targets(rng: Rng, floor: set[Cell], count: int) -> list[Cell] | None:
    """Target cells a crate can be pulled off (two floor cells in a line beside it)."""
    pullable = [
        (col, row)
        for col, row in sorted(floor)
        if any((col + dc, row + dr) in floor and (col + 2 * dc, row + 2 * dr) in floor
               for dc, dr in ((0, -1), (0, 1), (-1, 0), (1, 0)))
    ]
    if len(pullable) < count + 2:
        return None
    rng.shuffle(pullable)
    return sorted(pullable[:count])


def _draw(floor: set[Cell], targets: list[Cell], width: int, height: int) -> list[str]:
    """Map rows: floor and targets, walls wherever a floor cell is next to (or diagonal), void beyond."""
    goal = set(targets)

    def char(col: int, row: int) -> str:
        if (col, row) in floor:
            return "+" if (col, row) in goal else "."
        near = any((col + dc, row + dr) in floor for dc in (-1, 0, 1) for dr in (-1, 0, 1))
        return "#" if near else " "

    return ["".join(char(col, row) for col in range(width)) for row in range(height)]


def _fallback() -> Candidate:
    """A fixed one-crate room, for the (never expected) case no candidate verifies."""
    rows = ("#######", "#.....#", "#.....#", "#..+..#", "#######")
    grid = Grid.from_rows(rows)
    player, crate = grid.cell(1, 1), grid.cell(3, 2)
    pushes = (Push(crate, LETTERS.index("d")),)
    return Candidate(rows, (1, 1), ((3, 2),), moves_for(grid, player, [crate], pushes), 1, 0)


def _level(plan: LevelPlan, found: Candidate, wanted: int, attempts: int) -> LevelFile:
    script: Script = []
    for letter in found.moves:
        append(script, DIRECTION_LETTERS[letter.upper()], TUNING.move_steps)
    stats = {
        "crates": len(found.crates),
        "pushes": found.pushes,
        "moves": len(found.moves),
        "solver_nodes": found.nodes,
        "attempts": attempts,
    }
    if found.beats_greedy:
        stats["greedy"] = 0  # known: the report need not play the greedy player again
    if plan.crates is not None:
        stats["crates_requested"] = plan.crates
    return LevelFile(
        genre=plan.genre,
        index=plan.index,
        name=plan.name,
        difficulty=plan.difficulty,
        theme=plan.theme,
        seed=plan.seed,
        rules=TUNING.to_rules(),
        width=len(found.rows[0]),
        height=len(found.rows),
        rows=list(found.rows),
        player=Point(x=found.player[0] * TILE, y=found.player[1] * TILE),
        entities=[
            Entity(id=f"crate-{n}", kind="crate", name="Crate", x=col * TILE, y=row * TILE, w=TILE, h=TILE)
            for n, (col, row) in enumerate(found.crates, start=1)
        ],
        solution=Solution(inputs=script, steps=len(found.moves) * TUNING.move_steps, moves=found.moves),
        par=len(found.moves),
        stats=stats,
    )
