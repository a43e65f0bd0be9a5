"""What the generated levels are like, per genre and level index, over every GDD we have.

Run: ``.venv/bin/python benchmarks/levels.py [--seed N] [--corpus DIR]``. Builds every level of
every example (``examples/gdd``), every GDD in ``tests/data/wild`` and in ``../shared/gdd-corpus``
at one seed, and prints Markdown tables:

- levels whose layout (tiles, things and their paths, waves; names and seeds left out) is the
  same as a level of a different GDD;
- platformer: the vertical span (tiles) the shipped solution stands on, median per level index;
- puzzle: pushes, and how many levels a greedy player (each crate to its nearest free target, no
  look-ahead) solves;
- top-down: enemies and hunters (chase/charge) per level, levels with a treasure room and a trap corridor;
- shooter: enemies, the share that fire, waves, and enemies entering per 10 s in each half;
- runner: obstacles per 1000 px, in the first and second half of the course, and their kinds;
- the difficulty score (:mod:`maestro.labyrinth.difficulty`) per level index, and in how many
  games it rises from the first level to the last;
- generation time per level (median and worst).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maestro.gdd import read_gdd  # noqa: E402
from maestro.labyrinth import generate_level  # noqa: E402
from maestro.labyrinth.difficulty import greedy_solves, measure, runner_obstacles, standing_span  # noqa: E402
from maestro.level import LevelFile  # noqa: E402
from maestro.plan import plan_levels  # noqa: E402
from maestro.spec import Genre  # noqa: E402

SOURCES = (ROOT / "examples" / "gdd", ROOT / "tests" / "data" / "wild")


def gdds(corpus: Path) -> list[Path]:
    found = [path for folder in (*SOURCES, corpus) if folder.is_dir()
             for path in sorted(folder.iterdir()) if path.suffix in (".md", ".txt")]
    return found


def layout(level: LevelFile) -> str:
    """A hash of what a player sees and meets, without names, ids, seeds or the proof."""
    data = level.model_dump(mode="json")
    for key in ("name", "seed", "index", "solution", "par", "stats", "theme", "difficulty"):
        data.pop(key, None)

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("name", "id")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return hashlib.sha256(json.dumps(strip(data), sort_keys=True).encode()).hexdigest()


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "gdd-corpus")
    args = parser.parse_args()

    by_layout: dict[str, set[str]] = defaultdict(set)
    rows: list[tuple[str, Genre, LevelFile, float]] = []
    for path in gdds(args.corpus):
        spec = read_gdd(path)
        for plan in plan_levels(spec, args.seed):
            start = time.perf_counter()
            level = generate_level(plan)
            rows.append((path.name, spec.genre, level, time.perf_counter() - start))
            by_layout[layout(level)].add(path.name)
    games = {name for name, *_ in rows}
    shared = [(name, level) for name, _, level, _ in rows if len(by_layout[layout(level)]) > 1]
    print(f"{len(rows)} levels of {len(games)} GDDs at seed {args.seed}; "
          f"{len(shared)} share their layout with a level of another GDD\n")

    per: dict[Genre, dict[int, list[LevelFile]]] = defaultdict(lambda: defaultdict(list))
    for _, genre, level, _ in rows:
        per[genre][level.index].append(level)

    print("| genre | level | levels | measure | difficulty (median) |")
    print("| --- | ---: | ---: | --- | ---: |")
    for genre in Genre:
        for index in sorted(per[genre]):
            levels = per[genre][index]
            print(f"| {genre.value} | {index} | {len(levels)} | {_figures(genre, levels)} | "
                  f"{median([measure(level).score for level in levels])} |")

    rising: dict[Genre, list[bool]] = defaultdict(list)
    games_levels: dict[str, list[LevelFile]] = defaultdict(list)
    for name, _, level, _ in rows:
        games_levels[name].append(level)
    for levels in games_levels.values():
        if len(levels) > 1:
            rising[levels[0].genre].append(measure(levels[-1]).score > measure(levels[0]).score)
    print("\n| genre | games whose difficulty rises from the first level to the last |")
    print("| --- | ---: |")
    for genre, flags in rising.items():
        print(f"| {genre.value} | {sum(flags)} / {len(flags)} |")

    times = [seconds for *_, seconds in rows]
    print(f"\ngeneration: median {statistics.median(times):.3f} s, worst {max(times):.3f} s per level")


def _figures(genre: Genre, levels: list[LevelFile]) -> str:
    if genre == Genre.PLATFORMER:
        return f"span stood on: median {median([float(standing_span(level)) for level in levels])} tiles"
    if genre == Genre.PUZZLE:
        pushes = [float(sum(1 for m in (level.solution.moves or "") if m.isupper())) for level in levels]
        greedy = sum(greedy_solves(level) for level in levels)
        return f"pushes: median {median(pushes)}; greedy solves {greedy}/{len(levels)}"
    if genre == Genre.TOPDOWN:
        enemies = [float(sum(1 for e in lv.entities if e.kind in ("enemy", "boss"))) for lv in levels]
        hunters = sum(any(e.behaviour in ("chase", "charge") and e.motion is None for e in lv.entities)
                      for lv in levels)
        treasure = sum(lv.stats.get("treasure_room", -1) >= 0 for lv in levels)
        traps = sum(lv.stats.get("trap_corridors", 0) > 0 for lv in levels)
        return (f"enemies: median {median(enemies)}; levels with a hunter {hunters}/{len(levels)}, "
                f"a treasure room {treasure}/{len(levels)}, a trap corridor {traps}/{len(levels)}")
    if genre == Genre.SHOOTER:
        spawns = [[s for w in lv.waves for s in w.spawns] for lv in levels]
        firing = [sum(1 for s in group if s.params.get("fire", 0) > 0) / max(1, len(group)) for group in spawns]
        waves = [float(len(lv.waves)) for lv in levels]
        halves = [_shooter_halves(lv) for lv in levels]
        return (f"enemies: median {median([float(len(g)) for g in spawns])}; firing share "
                f"{statistics.median(firing):.2f}; waves {median(waves)}; enemies/10 s: first half "
                f"{median([a for a, _ in halves])}, second half {median([b for _, b in halves])}")
    first, second, kinds = [], [], set()
    for level in levels:
        obstacles = runner_obstacles(level)
        half = level.width * level.tile_size / 2
        first.append(1000 * sum(1 for x, _ in obstacles if x < half) / half)
        second.append(1000 * sum(1 for x, _ in obstacles if x >= half) / half)
        kinds |= {kind for _, kind in obstacles}
    return (f"obstacles/1000px: first half {median(first)}, second half {median(second)}; "
            f"kinds {', '.join(sorted(kinds))}")


def _shooter_halves(level: LevelFile) -> tuple[float, float]:
    """Enemies entering per 10 s in the first and the second half of the time the waves span (bosses left out)."""
    entries = sorted(wave.at + spawn.delay for wave in level.waves for spawn in wave.spawns if not spawn.boss)
    if not entries:
        return 0.0, 0.0
    half = max(1, entries[-1] + 1) / 2
    first = sum(1 for step in entries if step < half)
    per_ten_s = 600 / half
    return first * per_ten_s, (len(entries) - first) * per_ten_s


if __name__ == "__main__":
    main()
