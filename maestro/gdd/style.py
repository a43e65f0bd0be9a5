"""How the game looks and sounds: art style, palette, music tempo, key, mood and style."""

from __future__ import annotations

import colorsys
import re

from maestro.gdd.document import Document
from maestro.gdd.evidence import Found, default, inferred, stated
from maestro.gdd.lexicon import (
    ART_STYLE_REGEXES,
    COLOUR_MODIFIERS,
    COLOUR_WORD,
    COLOURS,
    KEY_ROOT,
    KO_KEY_ROOT,
    KO_ROOT_NAMES,
    MAJOR,
    MINOR,
    MOOD_REGEXES,
    MUSIC_STYLE_REGEXES,
    Kind,
    earliest,
)
from maestro.gdd.text import fold, plain
from maestro.spec import ArtStyle, Genre, Mood, MusicStyle

# Base palettes, darkest first: background shades, then mid tones, then accents.
PALETTES: dict[ArtStyle, tuple[str, ...]] = {
    ArtStyle.PIXEL: ("#1a1c2c", "#333c57", "#566c86", "#94b0c2", "#38b764", "#a7f070",
                     "#ffcd75", "#ef7d57", "#b13e53", "#f4f4f4"),
    ArtStyle.PASTEL: ("#5b5f7a", "#8d8fb0", "#b8c0e8", "#f6d6e8", "#ffd9b0", "#fff3b0",
                      "#c8f0d0", "#a8d8f0", "#f4a8c0", "#fffaf4"),
    ArtStyle.NEON: ("#0b0221", "#1c0b3a", "#3a1070", "#ff2a6d", "#ff8ae2", "#05d9e8",
                    "#01ffc3", "#fffc58", "#d1f7ff", "#ffffff"),
    ArtStyle.DARK_FANTASY: ("#0e0b12", "#1f1a24", "#3a2f3f", "#5b4a52", "#7a1e2a", "#a8452c",
                            "#c8963c", "#6a7a5a", "#9aa0a8", "#e8dcc0"),
    ArtStyle.GAMEBOY: ("#0f380f", "#306230", "#8bac0f", "#9bbc0f"),
    ArtStyle.CARTOON: ("#2b2d42", "#3d5a80", "#48cae4", "#90e0ef", "#06d6a0", "#ffd166",
                       "#f78c6b", "#ef476f", "#8d5a97", "#fdfcdc"),
    ArtStyle.FLAT: ("#264653", "#2a6f7f", "#2a9d8f", "#8ab17d", "#e9c46a", "#f4a261",
                    "#e76f51", "#d8e2dc", "#6d6875", "#ffffff"),
}
GENRE_ART: dict[Genre, ArtStyle] = {
    Genre.PLATFORMER: ArtStyle.PIXEL, Genre.TOPDOWN: ArtStyle.PIXEL, Genre.SHOOTER: ArtStyle.NEON,
    Genre.PUZZLE: ArtStyle.FLAT, Genre.RUNNER: ArtStyle.CARTOON,
}
ART_MUSIC: dict[ArtStyle, MusicStyle] = {
    ArtStyle.PIXEL: MusicStyle.CHIPTUNE, ArtStyle.GAMEBOY: MusicStyle.CHIPTUNE,
    ArtStyle.NEON: MusicStyle.SYNTHWAVE, ArtStyle.DARK_FANTASY: MusicStyle.AMBIENT,
    ArtStyle.PASTEL: MusicStyle.LOFI, ArtStyle.CARTOON: MusicStyle.CHIPTUNE,
    ArtStyle.FLAT: MusicStyle.ELECTRONIC,
}
GENRE_TEMPO: dict[Genre, int] = {
    Genre.PLATFORMER: 120, Genre.TOPDOWN: 100, Genre.SHOOTER: 150, Genre.PUZZLE: 90, Genre.RUNNER: 140,
}
MOOD_TEMPO: dict[Mood, int] = {
    Mood.CALM: 80, Mood.MELANCHOLIC: 76, Mood.MYSTERIOUS: 90, Mood.DARK: 92, Mood.TENSE: 150,
    Mood.EPIC: 130, Mood.PLAYFUL: 118, Mood.CHEERFUL: 124,
}
STYLE_TEMPO: dict[MusicStyle, int] = {
    MusicStyle.LOFI: 80, MusicStyle.AMBIENT: 72, MusicStyle.SYNTHWAVE: 110,
}
MINOR_MOODS = {Mood.DARK, Mood.TENSE, Mood.MELANCHOLIC, Mood.MYSTERIOUS}
GENRE_MOOD: dict[Genre, Mood] = {
    Genre.PLATFORMER: Mood.CHEERFUL, Genre.TOPDOWN: Mood.MYSTERIOUS, Genre.SHOOTER: Mood.TENSE,
    Genre.PUZZLE: Mood.CALM, Genre.RUNNER: Mood.PLAYFUL,
}
_FLATS = {"Db": "C#", "Eb": "D#", "Gb": "F#", "Ab": "G#", "Bb": "A#"}


def _texts(doc: Document, *kinds: Kind) -> list[tuple[str, int]]:
    """(text, line) of the pairs and sections of these kinds, most specific first."""
    found = [(pair.value, pair.line) for pair, _ in doc.pairs(*kinds)]
    for section in doc.sections_of(*kinds):
        found.extend((plain(line.text), line.number) for line in section.lines())
    return found


def find_art_style(doc: Document, genre: Genre) -> Found[ArtStyle]:
    for text, number in _texts(doc, Kind.ART, Kind.PALETTE):
        style = earliest(ART_STYLE_REGEXES, text)
        if style is not None:
            return stated(style, text, number)
    for line, section in doc.game_lines():
        style = earliest(ART_STYLE_REGEXES, line.text)
        if style is not None and Kind.AUDIO not in section.effective_kinds:
            return inferred(style, f"art style {style.value!r} from {plain(line.text)[:60]!r}",
                            line.number)
    style = GENRE_ART[genre]
    return default(style, f"no art direction; {style.value!r} suits a {genre.value}")


def find_colours(doc: Document) -> list[tuple[str, str]]:
    """(colour words as written, hex) from the art direction, in order, without repeats."""
    found: list[tuple[str, str]] = []
    for text, _ in _texts(doc, Kind.ART, Kind.PALETTE):
        for match in COLOUR_WORD.finditer(fold(text)):
            words = " ".join(part for part in (match.group(1), match.group(2)) if part)
            if words not in (word for word, _ in found):
                found.append((words, _colour(match.group(1), match.group(2))))
    return found[:8]


def _colour(modifier: str | None, name: str) -> str:
    base = COLOURS[name]
    if not modifier:
        return base
    shift, saturation = COLOUR_MODIFIERS[modifier]
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    light = min(0.95, max(0.05, light + shift))
    sat = min(1.0, max(0.0, sat * saturation))
    r, g, b = colorsys.hls_to_rgb(hue, light, sat)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (r, g, b))


def palette_for(style: ArtStyle, colours: list[tuple[str, str]]) -> list[str]:
    """The style's base palette with the GDD's own colours first (Game Boy stays four greens)."""
    base = list(PALETTES[style])
    if style == ArtStyle.GAMEBOY:
        return base
    named = [hex_value for _, hex_value in colours]
    return list(dict.fromkeys(named + base))[: max(len(base), len(named))]


def find_mood(doc: Document, genre: Genre) -> Found[Mood]:
    for text, line in _texts(doc, Kind.MOOD, Kind.AUDIO):
        mood = earliest(MOOD_REGEXES, text)
        if mood is not None:
            return stated(mood, text, line)
    for text, line in _texts(doc, Kind.SUMMARY, Kind.STORY, Kind.ART):
        mood = earliest(MOOD_REGEXES, text)
        if mood is not None:
            return inferred(mood, f"mood {mood.value!r} from {text[:60]!r}", line)
    mood = GENRE_MOOD[genre]
    return default(mood, f"no mood given; {mood.value!r} suits a {genre.value}")


def find_music_style(doc: Document, art: ArtStyle) -> Found[MusicStyle]:
    for text, line in _texts(doc, Kind.AUDIO):
        style = earliest(MUSIC_STYLE_REGEXES, text)
        if style is not None:
            return stated(style, text, line)
    style = ART_MUSIC[art]
    return default(style, f"no music style given; {style.value!r} goes with {art.value!r} art")


def find_mode(doc: Document, mood: Mood) -> tuple[Found[str], str | None]:
    """('major' | 'minor', the key's tonic if the GDD named one)."""
    for text, line in _texts(doc, Kind.MUSIC_KEY, Kind.AUDIO) + [
            (plain(line.text), line.number) for line, _ in doc.game_lines()]:
        folded = fold(text)
        root = _root(text)
        if MINOR.search(folded) and not re.search(r"minor (change|tweak|detail|issue|bug)", folded):
            return stated("minor", text, line), root
        if MAJOR.search(folded) and not re.search(r"major (change|update|feature|release|issue|"
                                                  r"milestone|bug|overhaul)", folded):
            return stated("major", text, line), root
    mode = "minor" if mood in MINOR_MOODS else "major"
    return inferred(mode, f"no key given; {mode} fits a {mood.value} mood"), None


def _root(text: str) -> str | None:
    match = KEY_ROOT.search(text) or KEY_ROOT.search(text.lower())
    if match:
        letter = match.group(1).upper()
        accidental = match.group(2) or ""
        if accidental in ("#", "♯", "sharp"):
            return _FLATS.get(letter + "#", letter + "#") if letter not in "EB" else letter
        if accidental in ("b", "♭", "flat"):
            return _FLATS.get(letter + "b", letter)
        return letter
    match = KO_KEY_ROOT.search(text)
    if match:
        letter = KO_ROOT_NAMES[match.group(1)]
        if match.group(2) == "올림" and letter not in "EB":
            return letter + "#"
        if match.group(2) == "내림":
            return _FLATS.get(letter + "b", letter)
        return letter
    return None


def tempo_default(genre: Genre, mood: Found[Mood], style: Found[MusicStyle]) -> Found[int]:
    if style.origin != "default" and style.value in STYLE_TEMPO:
        value = STYLE_TEMPO[style.value]
        return inferred(value, f"tempo not stated; {value} BPM suits {style.value!r} music")
    if mood.origin != "default":
        value = MOOD_TEMPO[mood.value]
        return inferred(value, f"tempo not stated; {value} BPM suits a {mood.value} mood")
    value = GENRE_TEMPO[genre]
    return default(value, f"tempo not stated; {value} BPM suits a {genre.value}")
