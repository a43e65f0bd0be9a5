"""Score the parser against hand-labelled GDDs, field by field.

    python scripts/gdd_accuracy.py examples/gdd tests/data/examples_expected.json
    python scripts/gdd_accuracy.py tests/data/wild tests/data/wild/expected.json

Prints each disagreement and a per-field tally. A development aid; the tests assert the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from maestro.gdd import read_gdd
from tests.expectations import FIELDS, compare, load


def main(folder: str, expected_file: str) -> None:
    expectations = load(Path(expected_file))
    hits = dict.fromkeys(FIELDS, 0)
    for name, expected in expectations.items():
        misses = compare(read_gdd(Path(folder) / name), expected)
        for field in FIELDS:
            hits[field] += field not in misses
        for field, (want, got) in misses.items():
            print(f"{name:40} {field:9} want {want!r}\n{'':50} got  {got!r}")
    print(" ".join(f"{field}={hits[field]}/{len(expectations)}" for field in FIELDS))


if __name__ == "__main__":
    main(*sys.argv[1:3])
