"""Hand-labelled GDD facts and how a parsed spec is compared with them.

`tests/data/examples_expected.json` labels `examples/gdd/`; `tests/data/wild/expected.json`
labels messy, real-world style GDDs written independently of the parser. A value of null
means "the GDD does not state it": the spec must then not claim it as stated.
"""

from __future__ import annotations

import json
from pathlib import Path

from maestro.gdd.text import fold, singular_name
from maestro.spec import MAX_LEVELS, GameSpec, Origin

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "gdd"
WILD = ROOT / "tests" / "data" / "wild"
#: The real-GDD development set, in ../shared beside the repository (CI has it there).
CORPUS = ROOT.parent / "shared" / "gdd-corpus"
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
        "enemies": sorted(_norm(name) for name in named_enemies(spec)),
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


# --- the real-GDD corpus (../shared/gdd-corpus/labels.json) ---------------------------------------

#: The fields the corpus labels and the issue's accuracy target counts.
def named_enemies(spec: GameSpec) -> list[str]:
    """The enemies the parser read from the text: not the stand-ins for a GDD that names none (or
    a boss it asks for without a name), which are defaults, not readings."""
    origin = {key: value.origin for key, value in spec.provenance.items()}
    if origin.get("enemies") == Origin.DEFAULT:
        return [e.name for e in spec.enemies if e.boss and origin.get("boss") != Origin.DEFAULT]
    return [e.name for e in spec.enemies if not (e.boss and origin.get("boss") == Origin.DEFAULT)]


CORPUS_FIELDS = ("title", "genre", "player", "enemies", "levels", "lives")
#: Words a section heading is made of: a name that is one of these (or only these) is a heading.
HEADING_WORDS = frozenset({
    "premise", "objective", "objectives", "enemies", "enemy", "art", "design", "game", "document", "overview",
    "story", "gameplay", "mechanics", "controls", "levels", "level", "player", "players", "characters", "character",
    "npc", "npcs", "non-playable", "color", "colour", "lifetime", "goal", "goals", "summary", "introduction",
    "features", "setting", "audio", "music", "sound", "sounds", "ui", "hud", "notes", "todo", "description",
    "bosses", "boss", "items", "weapons", "scoring", "score", "win", "lose",
})
_MARKUP = set("#*_`[]<>|=")


def _same(a: str, b: str) -> bool:
    """Two spellings of one name: equal once folded and singular, or one holding the other whole."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def bad_name(name: str) -> str | None:
    """Why ``name`` cannot be a name (markup, a heading word, a sentence), or None."""
    if any(char in _MARKUP for char in name):
        return "markup"
    words = fold(name).split()
    if words and all(word in HEADING_WORDS for word in words):
        return "heading"
    if len(words) > 6 or (name.rstrip().endswith((".", ":")) and len(words) > 2):
        return "sentence"
    return None


def corpus_score(spec: GameSpec, label: dict[str, object]) -> dict[str, tuple[bool, object, object]]:
    """{field: (right, wanted, got)} for the corpus fields (see labels.json's ``_about``)."""
    origin = {key: value.origin for key, value in spec.provenance.items()}
    scores: dict[str, tuple[bool, object, object]] = {}
    titles = [str(t) for t in label["title"]]  # type: ignore[attr-defined]
    title_stated = origin.get("title") != Origin.DEFAULT
    scores["title"] = (any(_same(spec.title, t) and fold(spec.title) and
                           len(fold(spec.title)) >= len(fold(t)) // 2 for t in titles) if titles
                       else not title_stated, titles, spec.title if title_stated else None)
    genre = str(label["genre"]).replace("-", "")
    scores["genre"] = (spec.genre.value.replace("-", "") == genre, genre, spec.genre.value)
    players = [str(p) for p in label["player"]]  # type: ignore[attr-defined]
    player = spec.player.name if origin.get("player.name") != Origin.DEFAULT else None
    scores["player"] = ((player is not None and any(_same(player, p) for p in players)) if players
                        else player is None, players, player)
    wanted_enemies = [str(e) for e in label["enemies"]]  # type: ignore[attr-defined]
    got = named_enemies(spec)
    precise = all(any(_same(g, w) for w in wanted_enemies) for g in got)
    found = sum(any(_same(g, w) for g in got) for w in wanted_enemies)
    recall = found / len(wanted_enemies) if wanted_enemies else 1.0
    scores["enemies"] = (precise and recall >= 0.5 and (bool(got) or not wanted_enemies), wanted_enemies, got)
    for field, key in (("levels", "levels"), ("lives", "lives")):
        want = label[field]
        stated = origin.get(key) == Origin.STATED
        value = len(spec.levels) if field == "levels" else spec.lives
        got_value = value if stated else None
        if field == "levels" and isinstance(want, int):
            want = min(want, MAX_LEVELS)  # more than the game makes: stated, and clamped with a warning
        scores[field] = (got_value == want, want, got_value)
    return scores


def names_that_are_not_names(spec: GameSpec) -> list[str]:
    """Every title, player or enemy name of ``spec`` that is a heading, a sentence or holds markup."""
    names = [spec.title, spec.player.name, *(enemy.name for enemy in spec.enemies)]
    return [f"{name!r} ({why})" for name in names if (why := bad_name(name)) is not None]
