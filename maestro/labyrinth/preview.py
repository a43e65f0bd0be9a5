"""A text picture of a level, so a person can look at what the generator made without a browser.

Tiles keep their level-file characters (``#`` solid, ``=`` platform, ``^`` spikes, ``G`` goal,
``D`` door, ``X`` exit, ``+`` target); entities are drawn on top with one letter each (``@``
player, ``e`` enemy, ``B`` boss, ``o`` item, ``k`` key, ``$`` crate, ``*`` hazard, ``|``
obstacle). Long maps are cut into bands so they fit a terminal.
"""

from maestro.level import LevelFile

MARKS: dict[str, str] = {"enemy": "e", "boss": "B", "item": "o", "key": "k", "crate": "$", "hazard": "*",
                         "obstacle": "|"}


def render(level: LevelFile, band: int = 100) -> str:
    """The level as text: a header, the map in bands of ``band`` columns, then the waves if any."""
    grid = [list(row.replace(" ", " ")) for row in level.rows]
    for entity in level.entities:
        _mark(grid, level, entity.x, entity.y, entity.w, entity.h, MARKS[entity.kind])
    _mark(grid, level, level.player.x, level.player.y, 1, 1, "@")

    stats = ", ".join(f"{name} {value}" for name, value in sorted(level.stats.items()))
    lines = [
        f"{level.genre.value} level {level.index}: {level.name}  (difficulty {level.difficulty}, "
        f"{level.width}x{level.height} tiles, par {level.par})",
    ]
    if level.theme:
        lines.append(f"theme: {level.theme}")
    if stats:
        lines.append(f"stats: {stats}")
    if level.solution.moves:
        lines.append(f"solution: {level.solution.moves}")
    else:
        lines.append(f"solution: {level.solution.steps} steps ({level.solution.steps / 60:.1f} s)")
    for start in range(0, level.width, band):
        if level.width > band:
            lines.append(f"-- columns {start}..{min(level.width, start + band) - 1}")
        lines.extend("".join(row[start:start + band]).rstrip() for row in grid)
    for number, wave in enumerate(level.waves, start=1):
        names = sorted({spawn.name for spawn in wave.spawns})
        lines.append(
            f"wave {number} at {wave.at / 60:.1f} s: {len(wave.spawns)} x {', '.join(names)} ({wave.formation})"
        )
    return "\n".join(lines) + "\n"


def _mark(grid: list[list[str]], level: LevelFile, x: int, y: int, w: int, h: int, letter: str) -> None:
    """Put ``letter`` on the tile under the centre of a box, when that tile is on the map."""
    col = (x + w // 2) // level.tile_size
    row = (y + h // 2) // level.tile_size
    if 0 <= row < len(grid) and 0 <= col < len(grid[row]):
        grid[row][col] = letter
