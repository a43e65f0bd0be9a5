"""Score the parser against hand-labelled GDDs: `python scripts/gdd_accuracy.py DIR EXPECTED.json`.

Prints one line per mismatch and a per-field accuracy table. A development aid, also used by
the tests (tests/unit/test_examples.py) through `compare`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from maestro.gdd import read_gdd
from maestro.gdd.text import fold, singular_name
from maestro.spec import GameSpec, Origin

FIELDS = ("title", "genre", "levels", "lives", "tempo", "player", "enemies", "language")


def norm(name: str) -> str:
    return fold(singular_name(name.strip()))


def actual(spec: GameSpec, field: str) -> object:
    origin = {key: value.origin for key, value in spec.provenance.items()}
    return {
        "title": spec.title,
        "genre": spec.genre.value,
        "levels": len(spec.levels) if origin.get("levels") == Origin.STATED else None,
        "lives": spec.lives if origin.get("lives") == Origin.STATED else None,
        "tempo": spec.audio.tempo_bpm if origin.get("audio.tempo_bpm") == Origin.STATED else None,
        "player": spec.player.name if origin.get("player.name") != Origin.DEFAULT else None,
        "enemies": sorted(norm(e.name) for e in spec.enemies)
        if origin.get("enemies") != Origin.DEFAULT else [],
        "language": spec.language,
    }[field]


def expected_value(expected: dict[str, object], field: str) -> object:
    value = expected[field]
    if field == "enemies":
        return sorted(norm(str(name)) for name in value)  # type: ignore[union-attr]
    return value


def compare(spec: GameSpec, expected: dict[str, object]) -> dict[str, tuple[object, object]]:
    """{field: (expected, actual)} for every field that differs."""
    misses = {}
    for field in FIELDS:
        want, got = expected_value(expected, field), actual(spec, field)
        if want != got:
            misses[field] = (want, got)
    return misses


def main(folder: str, expected_file: str) -> None:
    expectations = json.loads(Path(expected_file).read_text(encoding="utf-8"))
    hits = dict.fromkeys(FIELDS, 0)
    for name, expected in expectations.items():
        spec = read_gdd(Path(folder) / name)
        misses = compare(spec, expected)
        for field in FIELDS:
            if field not in misses:
                hits[field] += 1
        for field, (want, got) in misses.items():
            print(f"{name:40} {field:9} want {want!r}\n{'':50} got  {got!r}")
    total = len(expectations)
    print(" ".join(f"{field}={hits[field]}/{total}" for field in FIELDS))


if __name__ == "__main__":
    main(*sys.argv[1:3])
