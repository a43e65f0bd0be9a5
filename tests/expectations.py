"""Hand-labelled GDD facts and how a parsed spec is compared with them.

`tests/data/examples_expected.json` labels `examples/gdd/`; `tests/data/wild/expected.json`
labels messy, real-world style GDDs written independently of the parser. A value of null
means "the GDD does not state it": the spec must then not claim it as stated.
"""

from __future__ import annotations

import json
from pathlib import Path

from maestro.gdd.text import fold, singular_name
from maestro.spec import GameSpec, Origin

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "gdd"
WILD = ROOT / "tests" / "data" / "wild"
FIELDS = ("title", "genre", "levels", "lives", "tempo", "player", "enemies", "language")


def load(expected_file: Path) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(expected_file.read_text(encoding="utf-8"))
    return data


def _norm(name: str) -> str:
    return fold(singular_name(name.strip()))


def actual(spec: GameSpec, field: str) -> object:
    origin = {key: value.origin for key, value in spec.provenance.items()}
    values = {
        "title": spec.title,
        "genre": spec.genre.value,
        "levels": len(spec.levels) if origin.get("levels") == Origin.STATED else None,
        "lives": spec.lives if origin.get("lives") == Origin.STATED else None,
        "tempo": spec.audio.tempo_bpm if origin.get("audio.tempo_bpm") == Origin.STATED else None,
        "player": spec.player.name if origin.get("player.name") != Origin.DEFAULT else None,
        "enemies": sorted(_norm(e.name) for e in spec.enemies)
        if origin.get("enemies") != Origin.DEFAULT else [],
        "language": spec.language,
    }
    return values[field]


def wanted(expected: dict[str, object], field: str) -> object:
    value = expected[field]
    if field == "enemies":
        assert isinstance(value, list)
        return sorted(_norm(str(name)) for name in value)
    return value


def compare(spec: GameSpec, expected: dict[str, object]) -> dict[str, tuple[object, object]]:
    """{field: (wanted, actual)} for every field where the spec disagrees with the label."""
    return {
        field: (wanted(expected, field), actual(spec, field))
        for field in FIELDS
        if wanted(expected, field) != actual(spec, field)
    }
