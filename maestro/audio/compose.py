"""Write a loop: chords, bass, melody and drums in the spec's key, tempo, mood and style.

A loop is two sections of 4/4 bars, A then B, one chord per bar. A plays the mood's progression
and B the same chords turned a bar on (so B starts away from home and still comes back to the
tonic), with a melody of its own a little higher and busier: a player hears a tune and an answer,
not one phrase fifty times. Each section's melody builds a two-bar motif from chord tones on
strong beats and steps of the scale between them, then varies it; the bass walks the chord roots
in the style's pattern; every beat carries a kick or a snare, so the pulse (and the tempo a
listener hears) is always there, and each section ends on a fill.
"""

from dataclasses import dataclass, field

from maestro.audio.synth import Instrument
from maestro.audio.theory import Key, progression
from maestro.rng import Rng
from maestro.spec import Mood, MusicStyle


@dataclass(frozen=True)
class Note:
    beat: float
    length: float
    pitch: int
    voice: str
    velocity: float = 1.0


@dataclass
class Score:
    beats: int
    notes: list[Note] = field(default_factory=list)
    hits: list[tuple[float, str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Style:
    lead: Instrument
    bass: Instrument
    chords: Instrument
    chord_pattern: str
    bass_pattern: str
    drum_pattern: str
    rhythms: tuple[tuple[float, ...], ...]
    rest: tuple[int, int]


BUSY = ((1, 1, 1, 1), (0.5, 0.5, 1, 1, 1), (1, 0.5, 0.5, 2), (1.5, 0.5, 1, 1), (0.5, 0.5, 0.5, 0.5, 1, 1))
CALM = ((2, 2), (1, 1, 2), (3, 1), (2, 1, 1), (4,))
STYLES: dict[MusicStyle, Style] = {
    MusicStyle.CHIPTUNE: Style(
        Instrument("square", duty=0.25, gain=0.26, decay=0.05, sustain=0.7),
        Instrument("triangle", gain=0.42, release=0.03),
        Instrument("square", duty=0.5, gain=0.09, decay=0.04, sustain=0.5, release=0.02),
        "arpeggio", "octaves", "backbeat", BUSY, (1, 8)),
    MusicStyle.LOFI: Style(
        Instrument("triangle", attack=0.02, smooth=9, gain=0.6, release=0.2),
        Instrument("sine", attack=0.01, gain=0.5, release=0.1),
        Instrument("triangle", attack=0.08, smooth=15, gain=0.1, sustain=0.8, release=0.3),
        "pad", "roots", "lazy", CALM + BUSY[:2], (1, 5)),
    MusicStyle.SYNTHWAVE: Style(
        Instrument("saw", attack=0.01, smooth=5, gain=0.55, release=0.12),
        Instrument("square", duty=0.5, smooth=7, gain=0.3, decay=0.05, sustain=0.5),
        Instrument("saw", attack=0.15, smooth=11, gain=0.08, sustain=0.9, release=0.4),
        "pad", "pulse", "four", BUSY, (1, 10)),
    MusicStyle.AMBIENT: Style(
        Instrument("sine", attack=0.15, gain=0.34, sustain=0.9, release=0.6),
        Instrument("sine", attack=0.1, gain=0.4, sustain=0.9, release=0.5),
        Instrument("triangle", attack=0.5, smooth=13, gain=0.12, sustain=1.0, release=1.0),
        "pad", "drone", "soft", CALM, (1, 4)),
    MusicStyle.ORCHESTRAL: Style(
        Instrument("saw", attack=0.06, smooth=13, gain=0.5, sustain=0.85, release=0.25),
        Instrument("saw", attack=0.03, smooth=17, gain=0.35, sustain=0.8, release=0.2),
        Instrument("saw", attack=0.3, smooth=19, gain=0.1, sustain=1.0, release=0.6),
        "pad", "halves", "march", CALM + BUSY[:3], (1, 8)),
    MusicStyle.ROCK: Style(
        Instrument("saw", drive=0.6, smooth=3, gain=0.38, sustain=0.8),
        Instrument("triangle", drive=0.5, gain=0.4, sustain=0.8, release=0.04),
        Instrument("saw", drive=0.8, smooth=7, gain=0.07, sustain=0.8, release=0.05),
        "power", "eighths", "backbeat", BUSY, (1, 10)),
    MusicStyle.JAZZ: Style(
        Instrument("triangle", attack=0.01, smooth=5, gain=0.68, decay=0.2, sustain=0.4, release=0.15),
        Instrument("sine", attack=0.01, gain=0.5, decay=0.2, sustain=0.5, release=0.08),
        Instrument("sine", attack=0.02, gain=0.08, decay=0.3, sustain=0.5, release=0.2),
        "comp", "walking", "swing", BUSY[:3] + CALM[:2], (1, 6)),
    MusicStyle.ELECTRONIC: Style(
        Instrument("square", duty=0.3, smooth=3, gain=0.27, decay=0.06, sustain=0.6),
        Instrument("saw", smooth=9, gain=0.32, decay=0.05, sustain=0.6),
        Instrument("saw", smooth=5, gain=0.08, decay=0.05, sustain=0.3, release=0.03),
        "stabs", "offbeat", "four", BUSY, (1, 8)),
}
SLOW_MOODS = frozenset({Mood.CALM, Mood.MELANCHOLIC, Mood.MYSTERIOUS})


def compose(key: Key, mood: Mood, style: MusicStyle, bars: int, rng: Rng, intensity: int = 1,
            boss: bool = False, bpm: int = 120, look: Style | None = None) -> Score:
    """A loop of ``bars`` bars (A then B when there are 8 or more). ``intensity`` 0-2 thickens drums
    and melody; ``boss`` darkens and drives; ``look`` replaces the style's instruments (a GDD's own)."""
    look = look or STYLES[style]
    home = progression(Mood.TENSE if boss and mood not in (Mood.DARK, Mood.EPIC) else mood, key.mode)
    sections = 2 if bars >= 8 else 1
    length = bars // sections
    score = Score(beats=bars * 4)
    for section in range(sections):
        chords = home if section == 0 else home[1:] + home[:1]
        first = section * length
        for bar in range(length):
            degree = chords[bar % len(chords)]
            at = first + bar
            _chord(score, key, degree, at, look.chord_pattern)
            # A pedal on the tonic under every bar: it anchors the key, so the loop is heard in the
            # declared key and not in its relative major or minor, which shares all its notes.
            score.notes.append(Note(at * 4, 4.0, key.degree(0, 3), "pedal"))
            bass = look.bass_pattern
            if bpm >= 180 and bass in ("roots", "drone", "halves", "walking"):
                bass = "quarters"
            _bass(score, key, degree, chords[(bar + 1) % len(chords)], at, bass)
            drums = look.drum_pattern
            if bpm >= 180:  # beats this close need the plainest pulse, or a listener hears half the tempo
                drums = "four"
            elif bpm >= 160 and drums in ("soft", "lazy"):
                drums = "backbeat"
            _drums(score, at, bar == length - 1, drums, intensity + section, boss)
        _melody(score, key, chords, first, length, look, mood, rng.fork("section", section),
                min(2, intensity + section), lift=2 * section)
    return score


def _chord(score: Score, key: Key, degree: int, bar: int, pattern: str) -> None:
    start = bar * 4
    triad = key.triad(degree, 4)
    if pattern == "arpeggio":
        for i in range(16):
            score.notes.append(Note(start + i / 4, 0.25, triad[i % 3] + (12 if i % 6 > 2 else 0), "chords", 0.8))
    elif pattern == "power":
        for i in range(8):
            for pitch in (key.degree(degree, 4), key.degree(degree + 4, 4)):
                score.notes.append(Note(start + i / 2, 0.45, pitch, "chords"))
    elif pattern == "stabs":
        for beat in (0.5, 1.5, 2.5, 3.5):
            for pitch in triad:
                score.notes.append(Note(start + beat, 0.25, pitch, "chords"))
    elif pattern == "comp":
        for beat, length in ((0, 1.5), (2.5, 1.0)):
            for pitch in (*triad, key.degree(degree + 6, 4)):
                score.notes.append(Note(start + beat, length, pitch, "chords"))
    else:
        for pitch in triad:
            score.notes.append(Note(start, 4.0, pitch, "chords"))


def _bass(score: Score, key: Key, degree: int, following: int, bar: int, pattern: str) -> None:
    start = bar * 4
    root = key.degree(degree, 2)
    fifth = key.degree(degree + 4, 2)
    steps: list[tuple[float, float, int]]
    if pattern == "octaves":
        steps = [(i / 2, 0.45, root + (12 if i % 2 else 0)) for i in range(8)]
    elif pattern in ("pulse", "eighths"):
        steps = [(i / 2, 0.45, fifth if pattern == "eighths" and i in (3, 7) else root) for i in range(8)]
    elif pattern == "quarters":
        steps = [(i, 0.9, root) for i in range(4)]
    elif pattern == "offbeat":
        steps = [(i + 0.5, 0.4, root) for i in range(4)]
    elif pattern == "walking":
        walk = (root, key.degree(degree + 2, 2), fifth, key.degree(following, 2) - 1)
        steps = [(i, 0.9, pitch) for i, pitch in enumerate(walk)]
    elif pattern == "halves":
        steps = [(0, 1.9, root), (2, 1.9, fifth)]
    elif pattern == "drone":
        steps = [(0, 4.0, root)]
    else:
        steps = [(0, 1.5, root), (2, 1.5, root), (3.5, 0.5, fifth)]
    for beat, length, pitch in steps:
        if pattern == "walking" and pitch % 12 not in key.pitch_classes:
            pitch += 1
        score.notes.append(Note(start + beat, length, pitch, "bass"))


def _drums(score: Score, bar: int, last: bool, pattern: str, intensity: int, boss: bool) -> None:
    start = bar * 4
    soft = pattern in ("soft", "lazy")
    for beat in range(4):
        # The same kick on every beat keeps the pulse plain; the snare gives the backbeat its accent.
        score.hits.append((start + beat, "kick", 1.0))
        if beat in (1, 3) and pattern != "soft":
            score.hits.append((start + beat, "snare", 0.6 if soft else 0.9))
    if pattern == "march" and bar % 2 == 1:
        score.hits.append((start + 3.5, "snare", 0.5))
    per_beat = 4 if boss or intensity >= 2 else 2 if intensity >= 1 or pattern not in ("soft",) else 1
    for i in range(4 * per_beat):
        offset = i / per_beat
        if pattern == "swing" and per_beat >= 2 and i % 2:
            offset += 1 / 6
        if offset % 1:
            score.hits.append((start + offset, "hat", 0.35 if i % 2 else 0.25))
        else:
            score.hits.append((start + offset, "hat", 0.2))
    if last and intensity >= 1:
        score.hits += [(start + 3.5, "snare", 0.5), (start + 3.75, "snare", 0.6)]


def _melody(score: Score, key: Key, chords: tuple[int, ...], first: int, bars: int, look: Style, mood: Mood,
            rng: Rng, intensity: int, lift: int = 0) -> None:
    """The lead over ``bars`` bars from bar ``first``: a motif, repeated and varied, ``lift`` degrees up.

    The lead plays on every bar's downbeat (a rest never falls on a strong beat), so every style,
    the calmest included, has a tune a listener can follow over the chords.
    """
    rhythms = look.rhythms[:3] if mood in SLOW_MOODS else look.rhythms
    motif: list[tuple[float, float, int]] = []
    for bar in range(2):
        rhythm = rng.choice(rhythms[: 2 + intensity * 2] if intensity < 2 else rhythms)
        beat = 0.0
        for length in rhythm:
            motif.append((bar * 4 + beat, length, 0))
            beat += length
    position = 7 + lift
    for phrase in range(0, bars, 2):
        varied = phrase // 2 % 2 == 1
        for beat, length, _ in motif:
            bar = phrase + int(beat // 4)
            if bar >= bars:
                break
            chord = chords[bar % len(chords)]
            strong = beat % 2 == 0
            if strong:
                tones = [chord + step + lift for step in (0, 2, 4, 7, 9)]
                position = min(tones, key=lambda d: (abs(d - position), d))
            else:
                position += rng.choice((-2, -1, 1, 1, 2)) if not varied else rng.choice((-1, 1, 2, -2, 3))
            position = max(2, min(12 + lift, position))
            if rng.chance(*look.rest) and not strong:
                continue
            last = phrase + 2 >= bars and beat + length >= 8
            pitch = key.degree(7 if last else position, 4)
            score.notes.append(Note((first + phrase) * 4 + beat, length * 0.9, pitch, "lead",
                                    0.9 if strong else 0.75))
