"""Puzzle levels (Sokoban-style pushing) built by reverse play and proven by a push solver.

A room is a walled rectangle sized by difficulty, sometimes with a corner cut away and always
with a few inner wall blocks that keep the floor connected. Targets go on floor cells with room
to pull a crate off them; the crates start on the targets (the solved state) and random *pulls*,
the exact reverse of pushes, scramble them, so every candidate is solvable by construction. The
solver (:mod:`maestro.labyrinth.puzzle_solver`) then finds the fewest-push solution, which decides
whether the candidate is hard enough: more crates and more pushes as difficulty rises. The chosen
level is replayed through :mod:`maestro.rules.puzzle` before it is returned.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from maestro.labyrinth.puzzle_solver import LETTERS, Grid, Push, moves_for, reach, solve
from maestro.level import TILE, Entity, LevelFile, Point, Solution
from maestro.plan import LevelPlan
from maestro.rng import Rng
from maestro.rules.inputs import DIRECTION_LETTERS, Script, append
from maestro.rules.puzzle import TUNING, replay

MAX_CRATES = 6
#: Candidates tried per parameter set before settling for the best one found.
ATTEMPTS = 8
#: Candidates hard enough to qualify that are compared before keeping the best.
CHOICES = 3
#: Nodes the solver may expand for one candidate, at most...
SOLVER_NODES = 2000
#: ...and fewer with many crates: the lower bound at each node costs about ``crates * 2**crates``.
SOLVER_WORK = 128_000


@dataclass(frozen=True)
class Params:
    """How big and how scrambled a candidate is, and what counts as too easy."""

    crates: int
    width: int
    height: int
    pulls: int
    min_pushes: int


@dataclass(frozen=True)
class Candidate:
    rows: tuple[str, ...]
    player: tuple[int, int]
    crates: tuple[tuple[int, int], ...]
    moves: str
    pushes: int
    nodes: int


def crate_count(plan: LevelPlan) -> int:
    """Crates a level holds: the plan's hint (clamped) wins over the difficulty's default."""
    if plan.crates is not None:
        return max(1, min(MAX_CRATES, plan.crates))
    return min(MAX_CRATES, 1 + plan.difficulty // 3)


def params_for(difficulty: int, crates: int) -> Params:
    """Room size, scramble length and push threshold for a difficulty and crate count."""
    width = 5 + (difficulty - 1) * 5 // 9
    height = 5 + (difficulty - 1) * 4 // 9
    while width * height < 8 * crates + 12:
        if width <= height:
            width += 1
        else:
            height += 1
    return Params(crates, width, height, 6 + 3 * difficulty + 4 * crates, 2 + difficulty)


def generate(plan: LevelPlan) -> LevelFile:
    """A verified pushing level for ``plan``; never fails (falls back to easier parameters)."""
    rng = Rng(plan.seed)
    wanted = crate_count(plan)
    attempts = 0
    for params in _ladder(plan.difficulty, wanted):
        best: Candidate | None = None
        qualified = 0
        for attempt in range(ATTEMPTS):
            attempts += 1
            candidate = _candidate(rng.fork("candidate", params.crates, params.pulls, attempt), params)
            if candidate is None:
                continue
            if best is None or _better(candidate, best):
                best = candidate
            qualified += candidate.pushes >= params.min_pushes
            if qualified >= CHOICES:
                break
        if best is not None:
            level = _level(plan, best, wanted, attempts)
            if replay(level).completed:
                return level
    return _level(plan, _fallback(), wanted, attempts)


def _ladder(difficulty: int, crates: int) -> Iterator[Params]:
    """The requested parameters, then ever easier ones: fewer crates, then shorter scrambles."""
    for count in range(crates, 0, -1):
        yield params_for(difficulty, count)
    easy = params_for(1, 1)
    yield Params(1, easy.width, easy.height, 4, 1)


def _better(a: Candidate, b: Candidate) -> bool:
    """More pushes first; then the one the solver had to search harder for."""
    return (a.pushes, a.nodes, len(a.moves)) > (b.pushes, b.nodes, len(b.moves))


def _candidate(rng: Rng, params: Params) -> Candidate | None:
    """One scrambled room and its fewest-push solution, or None when it fails to qualify."""
    floor = _room(rng.fork("room"), params.width, params.height)
    targets = _targets(rng.fork("targets"), floor, params.crates)
    if targets is None:
        return None
    rows = _draw(floor, targets, params.width + 2, params.height + 2)
    grid = Grid.from_rows(rows)
    crates, player = _scramble(rng.fork("scramble"), grid, [grid.cell(c, r) for c, r in targets], params.pulls)
    result = solve(grid, player, crates, min(SOLVER_NODES, SOLVER_WORK // (params.crates << params.crates)))
    if not result.solved or not result.pushes:
        return None
    moves = moves_for(grid, player, crates, result.pushes)
    return Candidate(
        rows=tuple(rows),
        player=_coords(grid, player),
        crates=tuple(_coords(grid, crate) for crate in sorted(crates)),
        moves=moves,
        pushes=len(result.pushes),
        nodes=result.nodes,
    )


def _coords(grid: Grid, cell: int) -> tuple[int, int]:
    return cell % grid.width, cell // grid.width


Cell = tuple[int, int]


def _room(rng: Rng, width: int, height: int) -> set[Cell]:
    """Floor cells (map coordinates, inside a one-cell wall ring) of a connected room."""
    floor = {(col, row) for col in range(1, width + 1) for row in range(1, height + 1)}
    if width >= 6 and height >= 6 and rng.chance(1, 2):
        notch_w, notch_h = rng.between(2, width // 3), rng.between(2, height // 3)
        left, top = rng.chance(1, 2), rng.chance(1, 2)
        cols = range(1, notch_w + 1) if left else range(width - notch_w + 1, width + 1)
        rows = range(1, notch_h + 1) if top else range(height - notch_h + 1, height + 1)
        floor -= {(col, row) for col in cols for row in rows}
    wanted = rng.between(1, max(1, len(floor) // 12))
    placed = 0
    for _ in range(wanted * 4):
        if placed == wanted:
            break
        placed += _add_block(rng, floor)
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


def _scramble(rng: Rng, grid: Grid, crates: list[int], pulls: int) -> tuple[list[int], int]:
    """Random pulls from the solved state; returns the crate cells and a player start cell."""
    free = [cell for cell, open_ in enumerate(grid.walkable) if open_ and cell not in crates]
    player = rng.choice(free)
    for _ in range(pulls):
        options = _pulls(grid, crates, player)
        if not options:
            break
        index, offset = _pick(rng, grid, crates, options)
        crates[index] += offset
        player = crates[index] + offset
    return crates, rng.choice(reach(grid, player, set(crates)))


def _pulls(grid: Grid, crates: list[int], player: int) -> list[tuple[int, int]]:
    """Every (crate index, offset) pull: player beside the crate steps away, dragging it along."""
    placed = set(crates)
    region = set(reach(grid, player, placed))
    options: list[tuple[int, int]] = []
    for index, crate in enumerate(crates):
        for offset in grid.offsets:
            stand, back = crate + offset, crate + 2 * offset
            if stand in region and grid.walkable[back] and back not in placed:
                options.append((index, offset))
    return options


def _pick(rng: Rng, grid: Grid, crates: list[int], options: list[tuple[int, int]]) -> tuple[int, int]:
    """A pull, favouring ones that take a crate further from the targets."""
    weights = [3 if grid.distance[crates[i] + offset] > grid.distance[crates[i]] else 1 for i, offset in options]
    roll = rng.below(sum(weights))
    for option, weight in zip(options, weights, strict=True):
        if roll < weight:
            return option
        roll -= weight
    return options[-1]


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
