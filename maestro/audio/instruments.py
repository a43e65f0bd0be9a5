"""The instruments a GDD names ("slow harp and cello"), as voices of the synthesiser.

Each is an :class:`~maestro.audio.synth.Instrument` shaped to be recognisable with a waveform
and an envelope: a harp or a guitar is plucked (no sustain, a ringing decay), a cello or strings
bow in slowly, bells strike and ring, an organ holds. Each also says which parts it can play,
best first; :func:`style_with` hands the parts out in the order the GDD names the instruments
(the first that can carry a tune plays the lead) and keeps the style's own voice for any part
left over, so "harp and cello" is a harp tune over a bowed cello bass on the style's chords.
"""

from dataclasses import dataclass, replace

from maestro.audio.compose import STYLES, Style
from maestro.audio.synth import Instrument
from maestro.spec import MusicStyle


@dataclass(frozen=True)
class Voice:
    instrument: Instrument
    #: Parts it can play, best first: "lead", "chords", "bass".
    parts: tuple[str, ...]
    #: The chord pattern it plays when it has the chords (compose._chord), and the bass pattern.
    chord_pattern: str = "pad"
    bass_pattern: str = "roots"


VOICES: dict[str, Voice] = {
    "piano": Voice(Instrument("triangle", attack=0.003, decay=0.35, sustain=0.2, release=0.25, smooth=3, gain=0.5),
                   ("lead", "chords"), "comp"),
    "harp": Voice(Instrument("triangle", attack=0.002, decay=0.5, sustain=0.0, release=0.3, smooth=5, gain=0.55),
                  ("lead", "chords"), "arpeggio"),
    "guitar": Voice(Instrument("saw", attack=0.002, decay=0.3, sustain=0.1, release=0.15, smooth=9, gain=0.4),
                    ("chords", "lead"), "comp"),
    "electric_guitar": Voice(Instrument("saw", drive=0.8, smooth=5, sustain=0.8, release=0.05, gain=0.3),
                             ("chords", "lead"), "power"),
    "cello": Voice(Instrument("saw", attack=0.12, smooth=15, sustain=0.9, release=0.3, gain=0.45),
                   ("bass", "lead", "chords"), "pad", "halves"),
    "strings": Voice(Instrument("saw", attack=0.25, smooth=13, sustain=0.95, release=0.5, gain=0.14),
                     ("chords", "lead"), "pad"),
    "flute": Voice(Instrument("triangle", attack=0.05, smooth=7, sustain=0.85, release=0.12, gain=0.5), ("lead",)),
    "bells": Voice(Instrument("sine", attack=0.001, decay=0.7, sustain=0.0, release=0.5, gain=0.45),
                   ("lead", "chords"), "arpeggio"),
    "organ": Voice(Instrument("square", duty=0.5, smooth=7, attack=0.01, sustain=1.0, release=0.05, gain=0.1),
                   ("chords", "lead"), "pad"),
    "brass": Voice(Instrument("saw", attack=0.04, smooth=5, drive=0.2, sustain=0.8, release=0.1, gain=0.35),
                   ("lead", "chords"), "stabs"),
    "choir": Voice(Instrument("triangle", attack=0.3, smooth=11, sustain=1.0, release=0.6, gain=0.14),
                   ("chords",), "pad"),
    "bass": Voice(Instrument("triangle", drive=0.3, smooth=5, sustain=0.7, release=0.05, gain=0.45),
                  ("bass",), "pad", "eighths"),
    "synth": Voice(Instrument("saw", smooth=3, gain=0.3, decay=0.05, sustain=0.6), ("lead", "chords"), "stabs"),
}


def style_with(style: MusicStyle, instruments: list[str]) -> tuple[Style, dict[str, str]]:
    """The style's arrangement with the GDD's instruments in it, and which instrument plays which part."""
    look = STYLES[style]
    parts: dict[str, str] = {}
    for position, name in enumerate(instruments):
        voice = VOICES.get(name)
        if voice is None:
            continue
        # The first instrument named carries the tune when it can; the rest take their best free part.
        wanted = ("lead", *voice.parts) if position == 0 and "lead" in voice.parts else voice.parts
        part = next((p for p in wanted if p not in parts.values()), None)
        if part is None:
            continue
        parts[name] = part
        if part == "lead":
            look = replace(look, lead=voice.instrument)
        elif part == "chords":
            look = replace(look, chords=voice.instrument, chord_pattern=voice.chord_pattern)
        else:
            look = replace(look, bass=voice.instrument, bass_pattern=voice.bass_pattern)
    return look, parts
