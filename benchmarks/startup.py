"""Start-up cost of the command line, as a user meets it: a new process each time.

Run: ``.venv/bin/python benchmarks/startup.py [--repeat N] [GDD]``. Measures the wall time of
``maestro --help`` and of ``maestro run GDD`` (default: examples/gdd/rooftop_run.txt), and how
much of the run is spent outside the six stages (the sum of the stage times ``run`` prints is
subtracted from its wall time): interpreter, imports, job bookkeeping, writing the build out.
Prints a Markdown table of medians.
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "gdd" / "rooftop_run.txt"
MAESTRO = Path(sys.executable).parent / "maestro"
STAGE_LINE = re.compile(r"✓ (\w+)\s+([\d.]+) s")


def timed(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([str(MAESTRO), *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("gdd", nargs="?", type=Path, default=EXAMPLE)
    args = parser.parse_args()
    helps = [timed("--help")[0] for _ in range(args.repeat)]
    walls, stages = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.repeat):
            wall, stderr = timed("run", str(args.gdd), "-o", out)
            walls.append(wall)
            stages.append(sum(float(seconds) for _, seconds in STAGE_LINE.findall(stderr)))
    beyond = [wall - inside for wall, inside in zip(walls, stages, strict=True)]
    print(f"| measure ({args.gdd.name}, median of {args.repeat}, new process each) | s |")
    print("| --- | ---: |")
    print(f"| `maestro --help` | {statistics.median(helps):.2f} |")
    print(f"| `maestro run`: wall | {statistics.median(walls):.2f} |")
    print(f"| `maestro run`: the six stages' own time | {statistics.median(stages):.2f} |")
    print(f"| `maestro run`: beyond the stages | {statistics.median(beyond):.2f} |")


if __name__ == "__main__":
    main()
