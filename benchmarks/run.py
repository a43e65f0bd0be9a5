"""Wall time of ``maestro run`` on every example GDD, as a user runs it (a new process each time).

Run: ``.venv/bin/python benchmarks/run.py [--repeat N]``. Prints a Markdown table (median of N
runs) with the size of the index.html each run writes.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "gdd"
MAESTRO = Path(sys.executable).parent / "maestro"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| `maestro run` on | median s | index.html MB |")
    print("| --- | ---: | ---: |")
    for path in sorted(EXAMPLES.glob("*.*")):
        runs = []
        with tempfile.TemporaryDirectory() as out:
            for _ in range(args.repeat):
                start = time.perf_counter()
                subprocess.run([str(MAESTRO), "run", str(path), "-o", out], check=True, capture_output=True)
                runs.append(time.perf_counter() - start)
            size = (Path(out) / "index.html").stat().st_size / 1e6
        print(f"| {path.name} | {statistics.median(runs):.2f} | {size:.1f} |")


if __name__ == "__main__":
    main()
