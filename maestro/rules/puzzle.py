"""Sokoban-style pushing rules: grid moves animated over a fixed number of steps.

The player walks a tile grid and pushes crates onto target pads. Moves are animated so the
runtime and this model agree on every single step, not just on the sequence of moves.

The board (read from the level file alone):

- ``rows``: ``.`` floor and ``+`` target are walkable; every other character (``#`` wall,
  `` `` void outside the room, anything unknown) blocks, and so does everything outside the map.
- crates: the entities of kind ``crate``, in list order, each at the top-left pixel of its cell
  (``x = col * tile``); the player starts at ``level.player``, also a cell's top-left pixel.
- ``rules`` (see :class:`Tuning`): ``tile`` pixels per cell, ``move_steps`` steps per move,
  ``speed`` sub-pixels slid per step (``speed * move_steps == tile * 256``), ``priority`` the
  direction masks in the order they win when several are held (up, down, left, right).

One step, given the input mask ``m`` latched for that step (JS authors: port in this order):

1. ``step += 1``.
2. If the player is idle (no move in progress):
   a. ``dir`` = the first mask of ``priority`` whose bit is set in ``m``; none set -> go to 4.
   b. ``next`` = player cell + ``dir``. Not walkable -> the move is *blocked*: the player stays
      idle this step; go to 4.
   c. If a crate occupies ``next`` (the first such crate in list order): ``beyond`` = ``next`` +
      ``dir``; if ``beyond`` is not walkable or holds a crate, the move is blocked; go to 4.
      Otherwise that crate is the pushed crate.
   d. The move starts: the player's cell becomes ``next`` and the pushed crate's cell becomes
      ``beyond`` at once (cells are claimed on the first step); ``progress = 0``.
3. If a move is in progress (also one started in 2d this very step): ``progress += 1``; the
   player's sub-pixel position (and the pushed crate's) moves by ``dir * speed``. When
   ``progress == move_steps`` the move ends: positions equal ``cell * tile * 256`` exactly,
   ``moves += 1`` (``pushes += 1`` when a crate moved), the player is idle again, and if every
   crate's cell is a target the level is *completed* on this step.
4. Input held while a move is in progress is ignored; holding a direction when a move ends
   starts the next move on the following step, so each move takes exactly ``move_steps`` steps.

A replay fails when the script ends before the level is completed; the reason names the crates
left off their targets (and whether one is stuck in a corner) and the first blocked move.
"""

from dataclasses import dataclass, field

from maestro.level import LEGEND, LevelFile
from maestro.rules.geometry import SUB
from maestro.rules.inputs import DOWN, LEFT, RIGHT, UP, Script, describe, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

#: Cell offset ``(dcol, drow)`` of each direction mask.
VECTORS: dict[int, tuple[int, int]] = {UP: (0, -1), DOWN: (0, 1), LEFT: (-1, 0), RIGHT: (1, 0)}


@dataclass(frozen=True)
class Tuning(RulesTuning):
    """Every constant of the pushing rules; shipped in each level file under ``rules``."""

    tile: int = 16
    """Pixels per grid cell."""
    move_steps: int = 8
    """Steps one move (walk or push) lasts."""
    speed: int = 512
    """Sub-pixels the player (and a pushed crate) slide per step: ``tile * SUB // move_steps``."""
    priority: tuple[int, ...] = (UP, DOWN, LEFT, RIGHT)
    """Direction masks in the order they win when several are held."""

    def check(self) -> None:
        for name in ("tile", "move_steps", "speed"):
            if getattr(self, name) <= 0:
                raise ValueError(f"rules.{name} must be a positive integer, got {getattr(self, name)!r}")
        if sorted(self.priority) != sorted(VECTORS):
            raise ValueError(f"rules.priority must list the four direction masks once each, got {self.priority!r}")
        if self.speed * self.move_steps != self.tile * SUB:
            raise ValueError("rules.speed * rules.move_steps must equal one tile in sub-pixels")

TUNING = Tuning()

WALKABLE = frozenset(char for char, name in LEGEND.items() if name in ("empty", "target"))


class LevelError(ValueError):
    """A level file the pushing rules cannot start from."""


@dataclass(frozen=True)
class Board:
    """The fixed part of a level: which cells can be entered and which are targets."""

    width: int
    height: int
    walkable: tuple[bool, ...]
    target: tuple[bool, ...]
    tuning: Tuning

    @classmethod
    def from_rows(cls, rows: list[str], tuning: Tuning) -> "Board":
        width = max(len(row) for row in rows)
        cells = [row.ljust(width) for row in rows]
        walkable = tuple(char in WALKABLE for row in cells for char in row)
        target = tuple(LEGEND.get(char) == "target" for row in cells for char in row)
        return cls(width, len(cells), walkable, target, tuning)

    def can_enter(self, col: int, row: int) -> bool:
        return 0 <= col < self.width and 0 <= row < self.height and self.walkable[row * self.width + col]

    def is_target(self, col: int, row: int) -> bool:
        return 0 <= col < self.width and 0 <= row < self.height and self.target[row * self.width + col]


@dataclass
class Body:
    """Something on the grid: its claimed cell and its sub-pixel top-left position."""

    id: str
    col: int
    row: int
    x: int
    y: int


@dataclass
class State:
    """Everything that changes while a level is played."""

    player: Body
    crates: list[Body]
    step: int = 0
    direction: int = 0
    """Mask of the move in progress; 0 when idle."""
    progress: int = 0
    pushed: int = -1
    """Index in ``crates`` of the crate the move in progress pushes; -1 for none."""
    moves: int = 0
    pushes: int = 0
    blocked: int = 0
    completed: bool = False
    first_block: str = ""
    history: list[str] = field(default_factory=list)
    """Letters of the finished moves, LURD notation (upper case for pushes)."""


def load(level: LevelFile) -> tuple[Board, State]:
    """Board and start state from the level file alone; ``LevelError`` says what is wrong."""
    try:
        tuning = Tuning.from_rules(level.rules)
    except ValueError as error:
        raise LevelError(str(error)) from error
    board = Board.from_rows(level.rows, tuning)
    player = _place(board, "the player", level.player.x, level.player.y)
    crates = [_place(board, entity.id, entity.x, entity.y) for entity in level.entities if entity.kind == "crate"]
    if not crates:
        raise LevelError("the level has no crates to push")
    taken = {(player.col, player.row): player.id}
    for crate in crates:
        other = taken.get((crate.col, crate.row))
        if other is not None:
            raise LevelError(f"{crate.id} shares col {crate.col}, row {crate.row} with {other}")
        taken[(crate.col, crate.row)] = crate.id
    targets = sum(board.target)
    if targets < len(crates):
        raise LevelError(f"{len(crates)} crates but only {targets} targets: the level cannot be completed")
    return board, State(player, crates)


def _place(board: Board, name: str, x: int, y: int) -> Body:
    tile = board.tuning.tile
    if x % tile or y % tile:
        raise LevelError(f"{name} at x={x}, y={y} px is not on the {tile} px grid")
    col, row = x // tile, y // tile
    if not board.can_enter(col, row):
        raise LevelError(f"{name} starts inside a wall at col {col}, row {row}")
    return Body(name, col, row, x * SUB, y * SUB)


def crate_at(state: State, col: int, row: int) -> int:
    """Index of the first crate (list order) claiming a cell, or -1."""
    for index, crate in enumerate(state.crates):
        if crate.col == col and crate.row == row:
            return index
    return -1


def step(board: Board, state: State, mask: int) -> None:
    """Advance one step with ``mask`` held (see the module docstring for the exact order)."""
    state.step += 1
    if state.direction == 0:
        _try_start(board, state, mask)
    if state.direction != 0:
        _advance(board, state)


def _try_start(board: Board, state: State, mask: int) -> None:
    direction = next((bit for bit in board.tuning.priority if mask & bit), 0)
    if direction == 0:
        return
    dcol, drow = VECTORS[direction]
    player = state.player
    col, row = player.col + dcol, player.row + drow
    if not board.can_enter(col, row):
        _block(state, direction, f"wall at col {col}, row {row}")
        return
    pushed = crate_at(state, col, row)
    if pushed >= 0:
        crate = state.crates[pushed]
        beyond_col, beyond_row = col + dcol, row + drow
        if not board.can_enter(beyond_col, beyond_row):
            _block(state, direction, f"{crate.id} would hit the wall at col {beyond_col}, row {beyond_row}")
            return
        other = crate_at(state, beyond_col, beyond_row)
        if other >= 0:
            _block(state, direction, f"{crate.id} would hit {state.crates[other].id}")
            return
        crate.col, crate.row = beyond_col, beyond_row
    player.col, player.row = col, row
    state.direction, state.progress, state.pushed = direction, 0, pushed


def _block(state: State, direction: int, what: str) -> None:
    state.blocked += 1
    if not state.first_block:
        state.first_block = f"step {state.step}: moving {describe(direction)} was blocked ({what})"


def _advance(board: Board, state: State) -> None:
    dcol, drow = VECTORS[state.direction]
    speed = board.tuning.speed
    bodies = [state.player] if state.pushed < 0 else [state.player, state.crates[state.pushed]]
    state.progress += 1
    for body in bodies:
        body.x += dcol * speed
        body.y += drow * speed
    if state.progress < board.tuning.move_steps:
        return
    unit = board.tuning.tile * SUB
    for body in bodies:
        body.x, body.y = body.col * unit, body.row * unit
    letter = LETTERS[state.direction]
    state.history.append(letter if state.pushed < 0 else letter.upper())
    state.moves += 1
    state.pushes += 1 if state.pushed >= 0 else 0
    state.direction, state.progress, state.pushed = 0, 0, -1
    state.completed = all(board.is_target(crate.col, crate.row) for crate in state.crates)


LETTERS: dict[int, str] = {UP: "u", DOWN: "d", LEFT: "l", RIGHT: "r"}


def replay(level: LevelFile, inputs: Script | None = None) -> Outcome:
    """Play ``inputs`` (default: the shipped solution) from the level file alone."""
    script = level.solution.inputs if inputs is None else inputs
    try:
        board, state = load(level)
    except LevelError as error:
        return Outcome(completed=False, steps=0, reason=str(error))
    for mask in expand(script):
        step(board, state, mask)
        if state.completed:
            return Outcome(completed=True, steps=state.step, stats=_stats(board, state))
    return Outcome(completed=False, steps=state.step, reason=_why_not(board, state), stats=_stats(board, state))


def _stats(board: Board, state: State) -> dict[str, int]:
    on_targets = sum(1 for crate in state.crates if board.is_target(crate.col, crate.row))
    return {
        "moves": state.moves,
        "pushes": state.pushes,
        "blocked": state.blocked,
        "crates": len(state.crates),
        "crates_on_targets": on_targets,
    }


def _why_not(board: Board, state: State) -> str:
    off = [crate for crate in state.crates if not board.is_target(crate.col, crate.row)]
    parts = [f"the script ended after {state.step} steps with {len(state.crates) - len(off)} of "
             f"{len(state.crates)} crates on targets"]
    if state.direction:
        parts.append("in the middle of a move")
    for crate in off:
        where = f"{crate.id} at col {crate.col}, row {crate.row}"
        parts.append(f"{where} is stuck in a corner" if _cornered(board, crate) else f"{where} is off target")
    if state.first_block:
        parts.append(f"first blocked move at {state.first_block}")
    return "; ".join(parts)


def _cornered(board: Board, crate: Body) -> bool:
    """A crate walled on one side both across and along can never move again."""
    across = not board.can_enter(crate.col - 1, crate.row) or not board.can_enter(crate.col + 1, crate.row)
    along = not board.can_enter(crate.col, crate.row - 1) or not board.can_enter(crate.col, crate.row + 1)
    return across and along
