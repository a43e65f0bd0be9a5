"""`maestro run` wall time of an earlier revision against the working tree, interleaved.

Run: ``.venv/bin/python benchmarks/compare_run.py REV [--repeat N] [GDD ...]`` (default: the
3-level examples). REV is checked out into a temporary git worktree and both trees run with this
virtualenv's packages, alternating run by run, so both see the same machine load; prints the
median of N runs of each, a new process each time.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREE_LEVELS = ["rooftop_run.txt", "neon_vanguard.md", "comet_barrage.md"]


def run(tree: Path, gdd: str, out: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from maestro_app.cli import main; main()", "run",
                    str(tree / "examples" / "gdd" / gdd), "-o", out],
                   check=True, capture_output=True, env=env, cwd=tree)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rev")
    parser.add_argument("gdds", nargs="*", default=THREE_LEVELS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        before = Path(scratch) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(before), args.rev], check=True)
        try:
            print(f"| `maestro run` on | {args.rev[:10]} median s | now median s |")
            print("| --- | ---: | ---: |")
            for gdd in args.gdds:
                times: dict[Path, list[float]] = {before: [], ROOT: []}
                with tempfile.TemporaryDirectory() as out:
                    for _ in range(args.repeat):
                        for tree, runs in times.items():
                            runs.append(run(tree, gdd, out))
                print(f"| {gdd} | {statistics.median(times[before]):.2f} | {statistics.median(times[ROOT]):.2f} |")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=False)


if __name__ == "__main__":
    main()
