"""A push-optimal Sokoban solver, used to prove puzzle levels and to measure how hard they are.

The search works on pushes, not steps: a node is the crate cells plus the region the player can
walk to (named by its smallest cell), and an edge is one push. A* with the sum of each crate's
push distance to its nearest target (admissible and consistent) finds a solution with the fewest
pushes; walks between pushes are then filled in by breadth-first search, giving the full move
list in LURD notation (lower case walks, upper case pushes). Two simple deadlocks prune the
search: a crate on a *dead square* (one from which no push sequence reaches any target, which
includes every non-target corner) and a 2x2 block of walls and crates holding a crate off target.

Cells are indices ``row * width + col``; the map must be enclosed by walls (no walkable cell on
its edge), which every generated room is.
"""

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from maestro.level import LEGEND

#: Letters of the four directions, in the order the solver tries them.
LETTERS = "udlr"


@dataclass(frozen=True)
class Grid:
    """The fixed part of a pushing level, with the precomputed push distances."""

    width: int
    height: int
    walkable: bytes
    is_target: bytes
    targets: tuple[int, ...]
    offsets: tuple[int, int, int, int]
    """Cell offset of up, down, left, right."""
    distance: tuple[int, ...]
    """Fewest pushes taking a lone crate from each cell to a target; -1 on dead squares."""
    to_target: tuple[tuple[int, ...], ...]
    """Per cell, the fewest pushes taking a lone crate to each target in turn (-1: never)."""
    neighbours: tuple[tuple[int, ...], ...]
    """Per cell, its walkable neighbours (up, down, left, right): floods are the hot loop."""

    @classmethod
    def from_rows(cls, rows: Sequence[str]) -> "Grid":
        width, height = max(len(row) for row in rows), len(rows)
        cells = "".join(row.ljust(width) for row in rows)
        walkable = bytes(1 if LEGEND.get(char) in ("empty", "target") else 0 for char in cells)
        for index, open_ in enumerate(walkable):
            col, row = index % width, index // width
            if open_ and (col in (0, width - 1) or row in (0, height - 1)):
                raise ValueError(f"walkable cell on the map edge at col {col}, row {row}")
        is_target = bytes(1 if LEGEND.get(char) == "target" else 0 for char in cells)
        targets = tuple(index for index, flag in enumerate(is_target) if flag)
        offsets = (-width, width, -1, 1)
        distance = _push_distances(walkable, targets, offsets)
        each = [_push_distances(walkable, (target,), offsets) for target in targets]
        to_target = tuple(tuple(column[cell] for column in each) for cell in range(len(walkable)))
        neighbours = tuple(
            tuple(cell + offset for offset in offsets if walkable[cell + offset]) if walkable[cell] else ()
            for cell in range(len(walkable))
        )
        return cls(width, height, walkable, is_target, targets, offsets, distance, to_target, neighbours)

    def cell(self, col: int, row: int) -> int:
        return row * self.width + col

    def dead(self, cell: int) -> bool:
        """Whether a crate on ``cell`` can never reach any target."""
        return self.distance[cell] < 0


def _push_distances(walkable: bytes, targets: Iterable[int], offsets: Sequence[int]) -> tuple[int, ...]:
    """Pull a lone crate back from every target: each cell's distance is the pushes it needs."""
    distance = [-1] * len(walkable)
    frontier = list(targets)
    for cell in frontier:
        distance[cell] = 0
    for cell in frontier:
        for offset in offsets:
            before, player = cell - offset, cell - 2 * offset
            if walkable[before] and walkable[player] and distance[before] < 0:
                distance[before] = distance[cell] + 1
                frontier.append(before)
    return tuple(distance)


def deadlocked(grid: Grid, crates: Iterable[int]) -> bool:
    """Whether some crate can provably never reach a target (dead square or frozen 2x2 block)."""
    placed = set(crates)
    return any(grid.dead(crate) or _frozen_square(grid, placed, crate) for crate in placed)


def _frozen_square(grid: Grid, crates: set[int], moved: int) -> bool:
    """A 2x2 square of walls and crates around ``moved`` with a crate off target never moves again."""
    width, walkable, is_target = grid.width, grid.walkable, grid.is_target
    for corner in (moved, moved - 1, moved - width, moved - width - 1):
        square = (corner, corner + 1, corner + width, corner + width + 1)
        if any(walkable[cell] and cell not in crates for cell in square):
            continue
        if any(cell in crates and not is_target[cell] for cell in square):
            return True
    return False


def reach(grid: Grid, start: int, crates: set[int]) -> list[int]:
    """Cells the player can walk to from ``start`` without pushing, ``start`` first."""
    seen = bytearray(grid.walkable)
    for crate in crates:
        seen[crate] = 0
    seen[start] = 0
    order = [start]
    neighbours = grid.neighbours
    for cell in order:
        for near in neighbours[cell]:
            if seen[near]:
                seen[near] = 0
                order.append(near)
    return order


def walk(grid: Grid, start: int, goal: int, crates: set[int]) -> str:
    """Shortest walk (lower-case letters) from ``start`` to ``goal`` around the crates."""
    came: dict[int, tuple[int, str]] = {start: (start, "")}
    frontier = [start]
    for cell in frontier:
        if cell == goal:
            break
        for letter, offset in zip(LETTERS, grid.offsets, strict=True):
            near = cell + offset
            if grid.walkable[near] and near not in came and near not in crates:
                came[near] = (cell, letter)
                frontier.append(near)
    if goal not in came:
        raise ValueError(f"cell {goal} cannot be walked to from {start}")
    letters: list[str] = []
    cell = goal
    while cell != start:
        cell, letter = came[cell]
        letters.append(letter)
    return "".join(reversed(letters))


@dataclass(frozen=True)
class Push:
    crate: int
    """Cell of the crate before the push."""
    direction: int
    """Index into ``LETTERS`` / ``Grid.offsets``."""


@dataclass(frozen=True)
class Result:
    """What a search found: the pushes (empty when unsolved) and the nodes it expanded."""

    solved: bool
    pushes: tuple[Push, ...]
    nodes: int


State = tuple[tuple[int, ...], int]


def solve(grid: Grid, player: int, crates: Iterable[int], budget: int) -> Result:
    """Fewest-push solution, giving up (``solved=False``) after expanding ``budget`` nodes."""
    start = tuple(sorted(crates))
    first = estimate(grid, start)
    if first < 0 or len(start) != len(grid.targets) or deadlocked(grid, start):
        return Result(False, (), 0)
    heap: list[tuple[int, int, int, tuple[int, ...], int, State | None, Push | None]] = []
    heapq.heappush(heap, (first, 0, 0, start, player, None, None))
    closed: dict[State, tuple[State | None, Push | None]] = {}
    regions: dict[tuple[int, ...], dict[int, int]] = {}
    guesses: dict[tuple[int, ...], int] = {}
    counter = nodes = 0
    while heap:
        _, minus_g, _, boxes, at, parent, push = heapq.heappop(heap)
        known = regions.setdefault(boxes, {})
        if at in known:  # a region already expanded (or queued from) with these crates
            continue
        placed = set(boxes)
        region = reach(grid, at, placed)
        key = (boxes, min(region))
        known.update(dict.fromkeys(region, key[1]))
        if key in closed:
            continue
        closed[key] = (parent, push)
        if all(grid.is_target[box] for box in boxes):
            return Result(True, _pushes_to(closed, key), nodes)
        nodes += 1
        if nodes > budget:
            break
        for child, stand, move in _children(grid, boxes, placed, region):
            guess = guesses.get(child)
            if guess is None:
                guess = guesses[child] = estimate(grid, child)
            if guess >= 0:
                counter += 1
                heapq.heappush(heap, (guess - minus_g + 1, minus_g - 1, counter, child, stand, key, move))
    return Result(False, (), nodes)


def estimate(grid: Grid, boxes: Sequence[int]) -> int:
    """Fewest pushes if crates did not get in each other's way, each to its own target; -1: impossible.

    A minimum-cost matching of crates to targets over lone-crate push distances (a dynamic
    programme over the set of targets taken, fine for a handful of crates). Admissible and
    consistent, so A* with it finds the fewest pushes.
    """
    best: dict[int, int] = {0: 0}
    for box in boxes:
        row = grid.to_target[box]
        after: dict[int, int] = {}
        for taken, cost in best.items():
            for target, pushes in enumerate(row):
                if pushes >= 0 and not taken >> target & 1:
                    key, total = taken | 1 << target, cost + pushes
                    if total < after.get(key, total + 1):
                        after[key] = total
        best = after
    return min(best.values()) if best else -1


def _children(
    grid: Grid, boxes: tuple[int, ...], placed: set[int], region: list[int]
) -> list[tuple[tuple[int, ...], int, Push]]:
    """Every push the player can make from its region that does not end in a deadlock."""
    inside = set(region)
    found: list[tuple[tuple[int, ...], int, Push]] = []
    for index, box in enumerate(boxes):
        for direction, offset in enumerate(grid.offsets):
            to = box + offset
            if box - offset not in inside or not grid.walkable[to] or to in placed or grid.dead(to):
                continue
            placed.discard(box)
            placed.add(to)
            frozen = _frozen_square(grid, placed, to)
            placed.discard(to)
            placed.add(box)
            if not frozen:
                child = tuple(sorted((*boxes[:index], to, *boxes[index + 1 :])))
                found.append((child, box, Push(box, direction)))
    return found


def _pushes_to(closed: dict[State, tuple[State | None, Push | None]], key: State) -> tuple[Push, ...]:
    pushes: list[Push] = []
    parent, push = closed[key]
    while parent is not None and push is not None:
        pushes.append(push)
        parent, push = closed[parent]
    return tuple(reversed(pushes))


def moves_for(grid: Grid, player: int, crates: Iterable[int], pushes: Iterable[Push]) -> str:
    """The full move list (LURD) playing ``pushes`` from the start, walking between them."""
    placed = set(crates)
    letters: list[str] = []
    for push in pushes:
        offset = grid.offsets[push.direction]
        letters.append(walk(grid, player, push.crate - offset, placed))
        letters.append(LETTERS[push.direction].upper())
        placed.discard(push.crate)
        placed.add(push.crate + offset)
        player = push.crate
    return "".join(letters)
