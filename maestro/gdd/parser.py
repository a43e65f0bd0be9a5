"""GDD -> GameSpec: runs every extractor, fills the gaps, clamps, and explains itself.

The rule this module keeps: every value in the spec has a provenance entry, and every value
the designer did not state in so many words produces a warning they can read and act on.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from maestro.errors import NoGameError
from maestro.gdd import cast, identity, levels, numbers, play, setting, silence, sound, style
from maestro.gdd.document import Document, parse_document
from maestro.gdd.evidence import Found, default, inferred
from maestro.gdd.fidelity import fidelity_report, model_features
from maestro.gdd.lexicon import GAME_WORDS, Kind
from maestro.gdd.text import plain
from maestro.spec import (
    MAX_LEVELS,
    MAX_LIVES,
    MAX_SEED,
    MAX_SESSION_MINUTES,
    MAX_TEMPO,
    MIN_LEVELS,
    MIN_LIVES,
    MIN_SESSION_MINUTES,
    MIN_TEMPO,
    Art,
    Audio,
    Enemy,
    GameSpec,
    Genre,
    Level,
    LevelHints,
    Origin,
    Platform,
    Player,
    Provenance,
    ScoreRules,
)

if TYPE_CHECKING:
    from maestro.gdd.assist import ModelHints

DEFAULT_LIVES = 3

# How much of a GDD is read. The longest design documents we have (examples/, tests/data/wild/,
# the shared corpus) are under 15 KB and 500 lines, a ninth and a twentieth of these limits. A
# file may be up to 1 MiB, but reading it all costs ~25 µs a line and a few µs a character
# (every extractor reads every line), and no accepted file may hold a worker for more than a
# second or so. Past these limits the rest of the file is not read, and a warning says so.
READ_CHARS = 128 * 1024
READ_LINES = 10_000


class _Record:
    """Collects provenance and warnings while the spec is assembled."""

    def __init__(self) -> None:
        self.provenance: dict[str, Provenance] = {}
        self.warnings: list[str] = []

    def note(self, field: str, found: Found[object], label: str | None = None) -> None:
        self.provenance[field] = found.provenance()
        if found.origin == Origin.STATED:
            return
        label = label or field
        if found.origin == Origin.DEFAULT:
            self.warnings.append(f"{label}: {found.detail}")
        elif found.origin == Origin.MODEL:
            self.warnings.append(f"{label} {_value_text(found.value)}: {found.detail}")
        else:
            self.warnings.append(f"{label} {_value_text(found.value)} inferred: {found.detail}")

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _value_text(value: object) -> str:
    text = getattr(value, "value", value)
    return repr(text)


def parse_text(text: str, name: str | None = None, hints: ModelHints | None = None) -> GameSpec:
    """Turn a GDD's text into a complete `GameSpec` (see `maestro.gdd.parse_gdd`).

    ``name`` is what the document is called outside its text (its file name, a submitted title):
    the game's title when the text names none, never a section heading. ``hints`` is the model's
    reading (`maestro.gdd.assist`): each of its values is used only where the rules could only
    default, with provenance ``model``.
    """
    whole = text
    text, unread = read_part(text)
    doc = parse_document(text)
    _require_game(doc)
    record = _Record()
    if unread:
        record.warn(unread)
    for note in hints.notes if hints else ():
        record.warn(note)

    title = identity.find_title(doc)
    if title.origin == Origin.DEFAULT and hints and hints.title:
        title = hints.title
    named = identity.title_from_name(name) if title.origin == Origin.DEFAULT and name else None
    if named:
        title = default(named, f"the GDD names no title; named after {name!r}")
    record.note("title", title)
    summary = identity.find_summary(doc)
    record.provenance["summary"] = summary.provenance()
    language = identity.find_language(text)

    genre = identity.find_genre(doc, title.value)
    if genre.origin == Origin.DEFAULT and hints and hints.genre:
        genre = hints.genre
    record.note("genre", genre)
    kind = genre.value

    player_name, player_text = cast.find_player(doc)
    if player_name.origin == Origin.DEFAULT and hints and hints.player:
        player_name, player_text = hints.player, ""
    record.note("player.name", player_name, "player")
    mechanics, mechanics_found = play.find_mechanics(doc, kind)
    record.provenance["mechanics"] = mechanics_found.provenance()
    if mechanics_found.origin == Origin.DEFAULT:
        record.warn(f"mechanics: {mechanics_found.detail} ({', '.join(m.value for m in mechanics)})")

    enemies, enemies_found = cast.find_enemies(doc, kind, player_name.value)
    if hints:
        enemies, enemies_found = _model_enemies(enemies, enemies_found, hints, kind, player_name.value, record)
    if not enemies:
        enemies = cast.default_enemies(kind)
        if enemies:
            names = ", ".join(enemy.name for enemy in enemies)
            enemies_found = default(len(enemies), f"the GDD names no enemies; using {names}")
            record.warn(f"enemies: {enemies_found.detail}")
    record.provenance["enemies"] = enemies_found.provenance()
    if not any(enemy.boss for enemy in enemies):
        asked = cast.unnamed_boss(doc, kind, language == "ko")
        if asked:
            boss, line = asked
            enemies = [*enemies, boss]
            record.provenance["boss"] = Provenance(origin=Origin.DEFAULT, line=line,
                                                   detail=f"the GDD asks for a boss (line {line}) but names none")
            record.warn(f"boss: the GDD asks for a boss (line {line}) but names none; it is called {boss.name!r}")
    items = cast.find_items(doc)
    if not items:
        items = cast.default_items(kind)
        record.provenance["items"] = default(len(items), "no items named").provenance()
    else:
        record.provenance["items"] = Provenance(origin=Origin.STATED, detail=f"{len(items)} items")

    entries = levels.level_entries(doc)
    count = levels.level_count(doc, entries)
    if not entries and hints and hints.levels:
        entries = [levels.LevelEntry(name, description, line) for name, description, line in hints.levels]
        record.provenance["levels.names"] = hints.found(len(entries), entries[0].line, " as level names").provenance()
        record.warn(f"level names {', '.join(repr(entry.name) for entry in entries[:4])}"
                    f"{' …' if len(entries) > 4 else ''}: read by the model {hints.model!r}; the GDD names them")
        if count.origin == Origin.DEFAULT and len(entries) >= 2:
            count = hints.found(len(entries), entries[0].line, " as the levels the GDD names")
    level_list = _levels(count, entries, enemies, record)

    lives = _lives(numbers.find_lives(doc), kind, record)
    controls, controls_found = play.find_controls(doc, kind)
    record.note("controls", controls_found)
    targets, input_mode, platform_found = play.find_platform(doc)
    record.provenance["platform"] = platform_found.provenance()

    art_style = style.find_art_style(doc, kind)
    record.note("art.style", art_style, "art style")
    colours = style.find_colours(doc)
    palette = style.palette_for(art_style.value, colours)
    if not colours and hints and len(hints.palette) >= 2:
        palette = list(hints.palette)
        record.provenance["art.palette"] = hints.found(len(palette), None, " from the art direction").provenance()
        record.warn(f"palette {', '.join(palette)}: written by the model {hints.model!r} (the GDD names no colours)")

    mood = style.find_mood(doc, kind)
    record.note("audio.mood", mood, "music mood")
    music_style = style.find_music_style(doc, art_style.value)
    record.note("audio.style", music_style, "music style")
    tempo = numbers.find_tempo(doc) or sound.find_tempo_word(doc) or style.tempo_default(kind, mood, music_style)
    tempo = _clamped(tempo, MIN_TEMPO, MAX_TEMPO, "tempo", "BPM", record)
    record.note("audio.tempo_bpm", tempo, "tempo")
    mode, root = style.find_mode(doc, mood.value)
    record.note("audio.mode", mode, "music key")

    music_on, sound_on = silence.find_silence(doc)
    record.provenance["audio.music"] = music_on.provenance()
    record.provenance["audio.sound"] = sound_on.provenance()

    win = play.find_condition(doc, Kind.WIN, kind)
    lose = play.find_condition(doc, Kind.LOSE, kind)
    record.note("win_condition", win, "win condition")
    record.note("lose_condition", lose, "lose condition")

    session = numbers.find_session_minutes(doc) or default(
        max(5, 3 * len(level_list)), f"no session length; about {max(5, 3 * len(level_list))} minutes")
    session = _clamped(session, MIN_SESSION_MINUTES, MAX_SESSION_MINUTES, "session length",
                       "minutes", record)
    record.provenance["session_minutes"] = session.provenance()

    seed = numbers.find_seed(doc) or default(_seed_of(whole), "hash of the GDD text")
    seed = Found(seed.value % (MAX_SEED + 1), seed.origin, seed.detail, seed.line)
    record.provenance["seed"] = seed.provenance()

    place, read_from = setting.find_setting(doc, title.value, summary.value)
    if place is not None:
        record.provenance["setting"] = inferred(place, read_from).provenance()

    spec = GameSpec(
        title=title.value,
        summary=summary.value,
        tagline=_tagline(hints, record),
        setting=place,
        language=language,
        genre=kind,
        platform=Platform(targets=targets, input=input_mode),
        controls=controls,
        art=Art(style=art_style.value, palette=palette, colour_words=[w for w, _ in colours]),
        player=Player(name=player_name.value, description=_short(player_text),
                      abilities=[m for m in mechanics if m.value not in ("collect", "key_door", "undo")]),
        enemies=enemies,
        items=items,
        mechanics=mechanics,
        levels=level_list,
        lives=lives,
        win_condition=win.value,
        lose_condition=lose.value,
        score=ScoreRules.model_validate(play.find_score(doc)),
        audio=Audio(tempo_bpm=tempo.value, mode="minor" if mode.value == "minor" else "major",
                    root=root or _default_root(seed.value, mode.value), mood=mood.value,
                    style=music_style.value, music=music_on.value, sound=sound_on.value,
                    instruments=sound.find_instruments(doc), effects=sound.find_effect_words(doc)),
        session_minutes=session.value,
        seed=seed.value,
        warnings=record.warnings,
        provenance=record.provenance,
    )
    spec.fidelity = fidelity_report(spec, doc, count)
    if hints and hints.features:
        spec.fidelity += model_features(spec, hints.features, hints.model)
    return spec


def _model_enemies(enemies: list[Enemy], found: Found[int], hints: ModelHints, genre: Genre, player: str,
                   record: _Record) -> tuple[list[Enemy], Found[int]]:
    """The rules' enemies with the model's descriptions where they had none; the model's own if the rules found none."""
    if enemies:
        described = moved = 0
        for enemy in enemies:
            words, moves = hints.description_of(enemy.name), hints.moves_of(enemy.name)
            if moves and cast.behaviour_evidence(enemy.name, enemy.description) is None:
                enemy.behaviour, moved = moves, moved + 1  # the rules could only give the genre's default
            if not enemy.description and words:
                enemy.description, described = words, described + 1
        if described:
            found_words = hints.found(described, None, " as enemy descriptions")
            record.provenance["enemies.descriptions"] = found_words.provenance()
        if moved:
            record.provenance["enemies.behaviours"] = hints.found(moved, None, " as how enemies move").provenance()
            record.warn(f"enemies: how {moved} of them move{'s' if moved == 1 else ''} was read by the model "
                        f"{hints.model!r} (the GDD does not say)")
        return enemies, found
    named = [hinted for hinted in hints.enemies if hinted.name.casefold() != player.casefold()]
    if not named:
        return enemies, found
    enemies = [Enemy(name=hinted.name, behaviour=hinted.behaviour or cast.behaviour_of(hinted.name, hinted.description,
                                                                                      genre),
                     boss=hinted.boss, description=hinted.description) for hinted in named]
    found = hints.found(len(enemies), named[0].line, " as the enemies")
    record.warn(f"enemies {', '.join(repr(enemy.name) for enemy in enemies[:5])}: {found.detail}")
    return enemies, found


def _tagline(hints: ModelHints | None, record: _Record) -> str:
    """The title screen's line under the title: the model's, when one answered (the rules write none)."""
    if not hints or not hints.tagline:
        return ""
    found = hints.found(hints.tagline, None, " as the tagline")
    record.note("tagline", found)
    return hints.tagline


def read_part(text: str) -> tuple[str, str | None]:
    """The part of the text the parser reads (see READ_CHARS), and a warning if it is not all of it."""
    end = min(len(text), READ_CHARS)
    if text.count("\n", 0, end) >= READ_LINES:
        end = -1
        for _ in range(READ_LINES):
            end = text.find("\n", end + 1)
    if end >= len(text):
        return text, None
    if not text[end:].strip():
        return text[:end], None
    lines = text.count("\n", 0, end) + 1
    return text[:end], (f"GDD is long: only its first {end:,} characters ({lines:,} lines) were read; "
                        f"the parser reads at most {READ_CHARS:,} characters and {READ_LINES:,} lines")


def _require_game(doc: Document) -> None:
    hits = {match.group(0).lower() for match in GAME_WORDS.finditer(doc.text[:200_000])}
    scores, _ = identity.score_genres(doc.text[:200_000])
    if scores or len(hits) >= 2:
        return
    raise NoGameError(
        "GDD does not describe a game: found no genre, player, levels, enemies or other game "
        "terms. Describe the game (e.g. 'Genre: platformer', the player, the levels)"
    )


def _levels(count: Found[int], entries: list[levels.LevelEntry], enemies: list[Enemy],
            record: _Record) -> list[Level]:
    count = _clamped(count, MIN_LEVELS, MAX_LEVELS, "level count", "levels", record)
    record.note("levels", count, "level count")
    n = count.value
    if entries and len(entries) != n and count.origin != Origin.DEFAULT:
        if len(entries) < n:
            record.warn(f"levels: {n} levels stated but {len(entries)} described; "
                        f"levels {len(entries) + 1}-{n} get generated names")
        else:
            record.warn(f"levels: {n} levels stated but {len(entries)} listed; "
                        f"using the first {n}")
    ramp = levels.ramp(n)
    bosses = [enemy.name for enemy in enemies if enemy.boss]
    named_in = any(b.lower() in e.description.lower() for b in bosses for e in entries)
    # a level the GDD calls a boss level ("보스 방", "Boss Arena") holds the boss no level names
    boss_level = next((i for i, e in enumerate(entries[:n]) if cast.BOSS_MENTION.search(e.name + " " + e.description)
                       or re.search(r"\bboss\b|보스", e.name, re.IGNORECASE)), None)
    result = []
    for index in range(n):
        entry = entries[index] if index < len(entries) else None
        name = entry.name if entry else f"Level {index + 1}"
        description = plain(entry.description)[:300] if entry else ""
        difficulty = (levels.difficulty_of(entry) if entry else None) or ramp[index]
        hints = levels.hints_of(entry) if entry else {}
        boss = next((b for b in bosses if entry and b.lower() in entry.description.lower()), None)
        if boss is None and bosses and not named_in and index == (n - 1 if boss_level is None else boss_level):
            boss = bosses[-1]
        result.append(Level(
            index=index + 1, name=name, difficulty=difficulty, description=description,
            hints=LevelHints(boss=boss, theme=setting.theme_of(name + " " + description), **hints),
        ))
    return result


def _lives(found: Found[int] | None, genre: Genre, record: _Record) -> int:
    if found is None:
        value = DEFAULT_LIVES
        record.note("lives", default(value, f"lives not stated; {value}"))
        return value
    if found.value == numbers.NO_LIVES:
        note = inferred(1, f"the GDD says there are no lives ({found.detail}): one try, "
                           "restart on failure", found.line)
        record.note("lives", note)
        return 1
    if found.value == numbers.UNLIMITED_LIVES:
        record.note("lives", inferred(MAX_LIVES, f"unlimited lives ({found.detail}) capped at "
                                                 f"{MAX_LIVES}", found.line))
        return MAX_LIVES
    clamped = _clamped(found, MIN_LIVES, MAX_LIVES, "lives", "lives", record)
    record.note("lives", clamped)
    return clamped.value


def _clamped(found: Found[int], low: int, high: int, label: str, unit: str,
             record: _Record) -> Found[int]:
    if low <= found.value <= high:
        return found
    value = max(low, min(high, found.value))
    record.warn(f"{label}: {found.value} {unit} is out of range {low}-{high}; clamped to {value}")
    return Found(value, found.origin, f"{found.detail} (clamped from {found.value})", found.line)


def _seed_of(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


_ROOTS_MAJOR = ("C", "G", "D", "F", "A", "E")
_ROOTS_MINOR = ("A", "E", "D", "C", "G", "F#")


def _default_root(seed: int, mode: str) -> str:
    roots = _ROOTS_MINOR if mode == "minor" else _ROOTS_MAJOR
    return roots[seed % len(roots)]


def _short(text: str) -> str:
    text = " ".join(plain(text).split())
    return text if len(text) <= 200 else text[:199] + "…"
