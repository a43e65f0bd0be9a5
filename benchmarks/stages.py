"""Time the labyrinth stage: a 3-level spec per genre, and every example GDD's full level set.

Run: ``.venv/bin/python benchmarks/labyrinth.py [--repeat N]``. Prints a Markdown table (median
wall time of N runs, in one process, after one warm-up run) for the README's benchmark table.
"""

import argparse
import statistics
import time
from pathlib import Path

from maestro.gdd import read_gdd
from maestro.spec import GameSpec
from maestro.stages.labyrinth import build_levels

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "gdd"
ONE_PER_GENRE = ["moss_knight.md", "hollow_depths.md", "warehouse_shift.md", "neon_vanguard.md", "rooftop_run.txt"]


def timed(spec: GameSpec, repeat: int) -> float:
    build_levels(spec, spec.seed)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        build_levels(spec, spec.seed)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print("| spec | genre | levels | median s |")
    print("| --- | --- | ---: | ---: |")
    for name in ONE_PER_GENRE:
        spec = read_gdd(EXAMPLES / name)
        three = spec.model_copy(update={"levels": spec.levels[:3]})
        print(f"| {name} (first 3 levels) | {spec.genre.value} | 3 | {timed(three, args.repeat):.3f} |")
    for path in sorted(EXAMPLES.glob("*.*")):
        spec = read_gdd(path)
        print(f"| {path.name} | {spec.genre.value} | {len(spec.levels)} | {timed(spec, args.repeat):.3f} |")


if __name__ == "__main__":
    main()
