"""Score the parser against hand-labelled GDDs, field by field.

    python scripts/gdd_accuracy.py examples/gdd tests/data/examples_expected.json
    python scripts/gdd_accuracy.py tests/data/wild tests/data/wild/expected.json
    python scripts/gdd_accuracy.py ../shared/gdd-corpus ../shared/gdd-corpus/labels.json

A labels file with an ``_about`` entry is the real-GDD corpus's format (acceptable spellings, []
for "names none"); it is scored on title, genre, player, enemies, levels and lives, and every
name that is a heading, a sentence or holds markup is listed.

Prints each disagreement and a per-field tally. A development aid; the tests assert the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from maestro.gdd import read_gdd
from tests.expectations import CORPUS_FIELDS, FIELDS, compare, corpus_score, load, names_that_are_not_names


def corpus(folder: str, labels: dict[str, dict[str, object]]) -> None:
    hits = dict.fromkeys(CORPUS_FIELDS, 0)
    bad: list[str] = []
    for name, label in labels.items():
        spec = read_gdd(Path(folder) / name)
        for field, (right, want, got) in corpus_score(spec, label).items():
            hits[field] += right
            if not right:
                print(f"{name:36} {field:8} want {want!r}\n{'':45} got  {got!r}")
        bad += [f"{name}: {found}" for found in names_that_are_not_names(spec)]
    total = len(labels) * len(CORPUS_FIELDS)
    print(" ".join(f"{field}={hits[field]}/{len(labels)}" for field in CORPUS_FIELDS),
          f"all={sum(hits.values())}/{total} ({100 * sum(hits.values()) / total:.0f} %)")
    print(f"names that are not names: {len(bad)}", *bad, sep="\n  ")


def main(folder: str, expected_file: str) -> None:
    expectations = load(Path(expected_file))
    if "_about" in expectations:
        corpus(folder, {name: label for name, label in expectations.items() if not name.startswith("_")})
        return
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
