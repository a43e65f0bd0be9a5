"""Just enough music theory to write in a key: notes, scales, chords and progressions by mood.

Pitches are MIDI numbers (60 = middle C). A key is a tonic pitch class and a mode; chords are
built on scale degrees, so everything a part plays stays inside the declared key.
"""

from dataclasses import dataclass

from maestro.spec import Mood

NOTE_NAMES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
MAJOR = (0, 2, 4, 5, 7, 9, 11)
NATURAL_MINOR = (0, 2, 3, 5, 7, 8, 10)

#: Chord progressions (scale degrees, 0-based) by mood, one chord per bar. Each comes back to
#: the tonic chord within the loop (most on every other bar), so the key a listener hears is the
#: declared one and not its relative major or minor, which shares all its notes.
PROGRESSIONS: dict[Mood, dict[str, tuple[int, ...]]] = {
    Mood.CHEERFUL: {"major": (0, 3, 0, 4), "minor": (0, 5, 0, 4)},
    Mood.PLAYFUL: {"major": (0, 3, 4, 0), "minor": (0, 3, 0, 4)},
    Mood.CALM: {"major": (0, 5, 0, 3), "minor": (0, 5, 0, 3)},
    Mood.TENSE: {"major": (0, 1, 0, 4), "minor": (0, 5, 0, 6)},
    Mood.DARK: {"major": (0, 3, 0, 4), "minor": (0, 3, 0, 4)},
    Mood.EPIC: {"major": (0, 4, 5, 0), "minor": (0, 5, 6, 0)},
    Mood.MYSTERIOUS: {"major": (0, 1, 0, 3), "minor": (0, 1, 0, 5)},
    Mood.MELANCHOLIC: {"major": (0, 5, 3, 0), "minor": (0, 3, 5, 0)},
}


@dataclass(frozen=True)
class Key:
    tonic: int
    mode: str

    @classmethod
    def parse(cls, root: str, mode: str) -> "Key":
        """``Key.parse("F#", "minor")``: flats and sharps both understood."""
        pitch = NOTE_NAMES[root[0].upper()]
        if root[1:] == "#":
            pitch += 1
        elif root[1:] == "b":
            pitch -= 1
        return cls(pitch % 12, mode)

    @property
    def scale(self) -> tuple[int, ...]:
        return MAJOR if self.mode == "major" else NATURAL_MINOR

    @property
    def pitch_classes(self) -> frozenset[int]:
        return frozenset((self.tonic + step) % 12 for step in self.scale)

    def degree(self, degree: int, octave: int = 4) -> int:
        """MIDI pitch of a scale degree (any integer; wraps into higher or lower octaves)."""
        octaves, step = divmod(degree, 7)
        return 12 * (octave + 1 + octaves) + self.tonic + self.scale[step]

    def triad(self, root_degree: int, octave: int = 3) -> tuple[int, int, int]:
        return (self.degree(root_degree, octave), self.degree(root_degree + 2, octave),
                self.degree(root_degree + 4, octave))


def frequency(pitch: float) -> float:
    """Equal temperament, A4 = 440 Hz."""
    return 440.0 * 2 ** ((pitch - 69) / 12)


def progression(mood: Mood, mode: str) -> tuple[int, ...]:
    return PROGRESSIONS[mood][mode]
