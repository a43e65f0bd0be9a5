"""Time a pipeline stage on the example GDDs: a 3-level spec per genre, then every example in full.

Run: ``.venv/bin/python benchmarks/stages.py STAGE [--repeat N]`` with STAGE one of labyrinth,
canvas, sonata. Prints a Markdown table (median wall time of N runs in one process, after one warm-up
run) for the README's benchmark tables. The whole stage is timed, writing its files to a local
store in a temporary folder.
"""

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from maestro.gdd import read_gdd
from maestro.manifest import StageManifest
from maestro.spec import GameSpec
from maestro.stages import canvas, labyrinth, sonata
from maestro.store import LocalStore, Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "gdd"
ONE_PER_GENRE = ["moss_knight.md", "hollow_depths.md", "warehouse_shift.md", "neon_vanguard.md", "rooftop_run.txt"]
Stage = Callable[[GameSpec, int, Store, str], StageManifest]
STAGES: dict[str, Stage] = {"labyrinth": labyrinth.run, "canvas": canvas.run, "sonata": sonata.run}


def timed(run: Stage, spec: GameSpec, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        store = LocalStore(folder)
        run(spec, spec.seed, store, "warm-up")
        runs = []
        for n in range(repeat):
            start = time.perf_counter()
            run(spec, spec.seed, store, f"run-{n}")
            runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    build = STAGES[args.stage]

    print(f"| {args.stage}: spec | genre | levels | median s |")
    print("| --- | --- | ---: | ---: |")
    for name in ONE_PER_GENRE:
        spec = read_gdd(EXAMPLES / name)
        three = spec.model_copy(update={"levels": spec.levels[:3]})
        print(f"| {name} (first 3 levels) | {spec.genre.value} | 3 | {timed(build, three, args.repeat):.3f} |")
    for path in sorted(EXAMPLES.glob("*.*")):
        spec = read_gdd(path)
        print(f"| {path.name} | {spec.genre.value} | {len(spec.levels)} | {timed(build, spec, args.repeat):.3f} |")


if __name__ == "__main__":
    main()
