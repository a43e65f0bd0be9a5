"""The greedy puzzle player (maestro.labyrinth.difficulty.greedy_solves) on rooms drawn by hand.

The puzzle generator leans on it to tell a level that needs planning from one that does not, so
it must solve what pushing each crate home in turn solves, and fail where that order blocks.
"""

from __future__ import annotations

from maestro.labyrinth.difficulty import greedy_solves
from maestro.labyrinth.puzzle_solver import Grid, solve
from maestro.level import Entity, LevelFile, Point, Solution
from maestro.rules.puzzle import TUNING
from maestro.spec import Genre


def board(rows: list[str], player: tuple[int, int], crates: list[tuple[int, int]]) -> LevelFile:
    """A puzzle level file from a drawing; the solution is a placeholder (greedy ignores it)."""
    return LevelFile(
        genre=Genre.PUZZLE, index=1, name="Hand", difficulty=1, seed=0, rules=TUNING.to_rules(),
        width=max(len(row) for row in rows), height=len(rows), rows=rows,
        player=Point(x=player[0] * 16, y=player[1] * 16),
        entities=[Entity(id=f"crate-{n}", kind="crate", name="Crate", x=c * 16, y=r * 16, w=16, h=16)
                  for n, (c, r) in enumerate(crates, start=1)],
        solution=Solution(inputs=[[0, 1]], steps=1, moves="R"), par=1,
    )


def solvable(level: LevelFile) -> bool:
    grid = Grid.from_rows(level.rows)
    player = grid.cell(level.player.x // 16, level.player.y // 16)
    crates = [grid.cell(e.x // 16, e.y // 16) for e in level.entities]
    return solve(grid, player, crates, 10_000).solved


#: Two crates in an open room; the two targets sit in a dead-end corridor (row 4, cols 7-8).
CORRIDOR = [
    "#######   ",
    "#.....#   ",
    "#.....#   ",
    "#.....####",
    "#......++#",
    "##########",
]


def test_greedy_solves_a_room_where_each_crate_can_go_straight_home() -> None:
    open_room = ["#######", "#.....#", "#.+.+.#", "#.....#", "#.....#", "#######"]
    level = board(open_room, (1, 1), [(2, 3), (4, 3)])
    assert solvable(level)
    assert greedy_solves(level)


def test_greedy_fails_when_the_nearest_target_blocks_the_way_to_the_other() -> None:
    # The first crate goes to the nearest target, the corridor's mouth (7, 4), and walls off the
    # far one; pushing it all the way to (8, 4) first solves the room.
    level = board(CORRIDOR, (1, 1), [(2, 2), (4, 2)])
    assert solvable(level)
    assert not greedy_solves(level)


def test_greedy_also_solves_the_corridor_when_one_crate_is_already_at_the_far_end() -> None:
    level = board(CORRIDOR, (1, 1), [(4, 2), (8, 4)])
    assert greedy_solves(level)

