"""How hard a generated level is, measured from the level file alone.

A designer reading ``report.md`` and the level benchmark wants one number per level that rises
through a game, plus the figures it is made of. Each genre's measure counts what a player has to
deal with, from the file and its shipped proof, never from the generator's intentions:

- platformer: hurting things (spike tiles, enemies, moving hazards) per 1000 px of route, the
  vertical span the solution stands on, and the proof's length in seconds;
- top-down: enemies (hunters and turrets counted twice), doors, and the proof's length;
- puzzle: the pushes of the shipped solution, crates, and whether pushing each crate to its
  nearest free target with no look-ahead (:func:`greedy_solves`) would do (a level that falls to
  that needs no planning);
- shooter: enemies, the share of them that fire, and enemies per 10 s;
- runner: obstacles (crates, bars, gaps, enemies) per 1000 px and the speed at the end.

:func:`measure` returns those figures and ``score``, a weighted sum on a 0-100-ish scale that is
comparable between levels of one genre (not across genres). The two figures that take a replay
or a search, the platformer's span and the puzzle's greedy verdict, are read from the level's
``stats`` (``span``, ``greedy``) when its generator recorded them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from maestro.level import LevelFile
from maestro.rules.inputs import expand
from maestro.spec import Genre

STEPS_PER_SECOND = 60


@dataclass(frozen=True)
class Difficulty:
    """One level's difficulty: the score and the figures it is made of."""

    score: float
    figures: dict[str, float] = field(default_factory=dict)

    def counts(self) -> str:
        """The figures, ``name value, ...``."""
        return ", ".join(f"{key} {_short(value)}" for key, value in self.figures.items())

    def summary(self) -> str:
        return f"{self.score:.1f} ({self.counts()})"


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def measure(level: LevelFile) -> Difficulty:
    """The difficulty of ``level`` (see the module docstring for what each genre counts)."""
    return _MEASURES[level.genre](level)


def _seconds(level: LevelFile) -> float:
    return level.solution.steps / STEPS_PER_SECOND


def _platformer(level: LevelFile) -> Difficulty:
    route = max(1, level.width * level.tile_size)
    spikes = sum(row.count("^") for row in level.rows)
    threats = spikes + sum(1 for e in level.entities if e.kind in ("enemy", "boss", "hazard"))
    density = 1000 * threats / route
    span = level.stats["span"] if "span" in level.stats else standing_span(level)
    seconds = _seconds(level)
    score = 6 * density + 4 * span + seconds / 2
    return Difficulty(round(score, 1), {"threats/1000px": round(density, 2), "span tiles": span,
                                        "seconds": round(seconds, 1)})


def standing_span(level: LevelFile) -> int:
    """Tiles between the highest and lowest ground the shipped solution stands on."""
    return proof_span(level)[1]


def proof_span(level: LevelFile) -> tuple[bool, int]:
    """The shipped solution replayed: whether it completes the level without a hit, and the
    tiles between the highest and lowest ground it stands on (one replay serves the proof and
    the measure)."""
    from maestro.rules import platformer as rules

    world = rules.World.from_level(level)
    body = world.spawn(level.player.x, level.player.y)
    progress = rules.Progress()
    feet: list[int] = []
    for mask in expand(level.solution.inputs):
        rules.step(world, body, progress, mask)
        if body.on_ground:
            feet.append(body.y)
        if progress.done or progress.failed:
            break
    completed = progress.done and not progress.failed
    if not feet:
        return completed, 0
    tile = level.tile_size * 256
    return completed, (max(feet) - min(feet) + tile // 2) // tile


def _topdown(level: LevelFile) -> Difficulty:
    enemies = [e for e in level.entities if e.kind in ("enemy", "boss")]
    hunters = sum(1 for e in enemies if e.behaviour in ("chase", "charge") and e.motion is None)
    turrets = sum(1 for e in enemies if e.behaviour == "turret" and e.motion is None)
    doors = sum(row.count("D") for row in level.rows)
    seconds = _seconds(level)
    score = 3 * len(enemies) + 3 * hunters + 2 * turrets + 2 * doors + seconds / 2
    return Difficulty(round(score, 1), {"enemies": len(enemies), "hunters": hunters, "turrets": turrets,
                                        "doors": doors, "seconds": round(seconds, 1)})


def _puzzle(level: LevelFile) -> Difficulty:
    moves = level.solution.moves or ""
    pushes = sum(1 for move in moves if move.isupper())
    crates = sum(1 for e in level.entities if e.kind == "crate")
    greedy = bool(level.stats["greedy"]) if "greedy" in level.stats else greedy_solves(level)
    score = pushes + 3 * crates + (0 if greedy else 15)
    return Difficulty(float(score), {"pushes": pushes, "crates": crates, "greedy solves": float(greedy)})


def _shooter(level: LevelFile) -> Difficulty:
    spawns = [spawn for wave in level.waves for spawn in wave.spawns]
    firing = sum(1 for spawn in spawns if spawn.params.get("fire", 0) > 0)
    share = firing / len(spawns) if spawns else 0.0
    last = max((wave.at + max(s.delay for s in wave.spawns) for wave in level.waves), default=0)
    per_10s = 10 * STEPS_PER_SECOND * len(spawns) / max(STEPS_PER_SECOND, last)
    score = len(spawns) + 20 * share + 4 * per_10s
    return Difficulty(round(score, 1), {"enemies": len(spawns), "firing share": round(share, 2),
                                        "waves": len(level.waves), "enemies/10s": round(per_10s, 2)})


def runner_obstacles(level: LevelFile) -> list[tuple[int, str]]:
    """(x in px, kind) of every obstacle along the course: crates, bars, enemies, gaps and steps up."""
    found = [(e.x, e.name if e.kind == "obstacle" else f"enemy:{e.behaviour}") for e in level.entities
             if e.kind in ("obstacle", "enemy", "hazard")]
    tops = [_ground_top(level, col) for col in range(level.width)]
    for col in range(1, len(tops)):
        before, now = tops[col - 1], tops[col]
        if now is None and before is not None:
            found.append((col * level.tile_size, "gap"))
        elif now is not None and before is not None and now < before:
            found.append((col * level.tile_size, "step"))
    return sorted(found)


def _ground_top(level: LevelFile, col: int) -> int | None:
    """Row of the top of the ground in column ``col`` (solid down to the bottom), None over a gap."""
    top = None
    for row in range(level.height - 1, -1, -1):
        if level.rows[row][col] != "#":
            break
        top = row
    return top


def _runner(level: LevelFile) -> Difficulty:
    """Obstacles a second along the proof (how often the player must act), enemies a second on top
    (they move, so their timing must be read), and the speed at the end."""
    obstacles = runner_obstacles(level)
    length = max(1, level.width * level.tile_size)
    seconds = max(1.0, level.solution.steps / 60)
    rate = len(obstacles) / seconds
    enemies = sum(1 for _, kind in obstacles if kind.startswith("enemy:")) / seconds
    end_speed = level.stats.get("speed_end", 0) / 256
    score = 40 * rate + 30 * enemies + 2 * end_speed
    return Difficulty(round(score, 1), {
        "obstacles/1000px": round(1000 * len(obstacles) / length, 2), "obstacles/s": round(rate, 2),
        "enemies/s": round(enemies, 2), "kinds": len({k for _, k in obstacles}),
        "end speed px/step": round(end_speed, 2),
    })


_MEASURES = {Genre.PLATFORMER: _platformer, Genre.TOPDOWN: _topdown, Genre.PUZZLE: _puzzle,
             Genre.SHOOTER: _shooter, Genre.RUNNER: _runner}


# --- the greedy puzzle player ------------------------------------------------------------------

Cell = tuple[int, int]
_STEPS: tuple[Cell, ...] = ((0, -1), (0, 1), (-1, 0), (1, 0))
#: Pushes the greedy player may make before it counts as lost (it never loops, but a cap is cheap).
GREEDY_LIMIT = 2000


def greedy_solves(level: LevelFile) -> bool:
    """Whether pushing crates one at a time, each along its shortest push path to the nearest free
    target, with no look-ahead (the first crate in list order that has one), finishes ``level``."""
    tile = level.tile_size
    walls = {(c, r) for r, row in enumerate(level.rows) for c, ch in enumerate(row) if ch not in ".+"}
    width = max((len(row) for row in level.rows), default=0)
    walls |= {(c, r) for r, row in enumerate(level.rows) for c in range(len(row), width)}
    height = len(level.rows)  # a ring of wall around the map keeps every search inside it
    walls |= {(c, r) for c in range(-1, width + 1) for r in (-1, height)}
    walls |= {(c, r) for r in range(-1, height + 1) for c in (-1, width)}
    targets = {(c, r) for r, row in enumerate(level.rows) for c, ch in enumerate(row) if ch == "+"}
    crates = [(e.x // tile, e.y // tile) for e in level.entities if e.kind == "crate"]
    player = (level.player.x // tile, level.player.y // tile)
    pushes = 0
    while any(crate not in targets for crate in crates):
        moved = False
        for index, crate in enumerate(crates):
            if crate in targets:
                continue
            path = _push_path(walls, targets, crates, index, player)
            if path is None:
                continue
            for cell, behind in path:
                crates[index] = cell
                player = behind
            pushes += len(path)
            moved = True
            break
        if not moved or pushes > GREEDY_LIMIT:
            return False
    return True


def _reach(walls: set[Cell], blocked: set[Cell], start: Cell) -> set[Cell]:
    seen = {start}
    queue = deque([start])
    while queue:
        col, row = queue.popleft()
        for dc, dr in _STEPS:
            nxt = (col + dc, row + dr)
            if nxt not in seen and nxt not in walls and nxt not in blocked:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _push_path(walls: set[Cell], targets: set[Cell], crates: list[Cell], index: int,
               player: Cell) -> list[tuple[Cell, Cell]] | None:
    """Fewest pushes of crate ``index`` (others fixed) onto a free target: [(crate cell, player cell)]."""
    others = {crate for i, crate in enumerate(crates) if i != index}
    free = targets - others
    start = crates[index]
    first = (start, player)
    parent: dict[tuple[Cell, Cell], tuple[Cell, Cell] | None] = {first: None}
    queue = deque([first])
    while queue:
        crate, standing = queue.popleft()
        if crate in free:
            path: list[tuple[Cell, Cell]] = []
            at: tuple[Cell, Cell] | None = (crate, standing)
            while at is not None and at != first:
                path.append(at)
                at = parent[at]
            return path[::-1]
        reach = _reach(walls, others | {crate}, standing)
        for dc, dr in _STEPS:
            behind = (crate[0] - dc, crate[1] - dr)
            ahead = (crate[0] + dc, crate[1] + dr)
            if behind in reach and ahead not in walls and ahead not in others:
                state = (ahead, crate)
                if state not in parent:
                    parent[state] = (crate, standing)
                    queue.append(state)
    return None
