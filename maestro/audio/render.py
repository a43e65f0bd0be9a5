"""From a score to samples: a loop that joins without a click, at a loudness every file shares.

The loop is an exact whole number of samples per beat (the tempo is as close to the spec's as a
sample allows). Notes ringing past the end are folded back onto the start, so the rendered loop
is one period of a periodic signal: the last sample leads into the first as any other two do.
Every piece of music is centred (no DC offset) and scaled to the same RMS, with its peak kept
under ``PEAK`` so nothing clips; the sonata stage sets each effect's level under it.
"""

import numpy as np

from maestro.audio.compose import STYLES, Score, Style
from maestro.audio.synth import SAMPLE_RATE, Instrument, Samples, hat, kick, note, snare
from maestro.spec import MusicStyle

TARGET_RMS = 0.12
PEAK = 0.89
#: The tonic pedal: a pure sine, so it anchors the key without harmonics of its own.
PEDAL = Instrument("sine", attack=0.2, sustain=1.0, release=0.3, gain=0.2)


def samples_per_beat(bpm: int) -> int:
    return round(SAMPLE_RATE * 60 / bpm)


def render(score: Score, bpm: int, style: MusicStyle, loop: bool = True, normalise: bool = True,
           look: Style | None = None) -> Samples:
    """The score as mono samples; ``loop`` folds tails onto the start, otherwise they ring out.

    ``normalise=False`` leaves the level as the instruments play it (to compare parts of a mix);
    ``look`` plays the score on a GDD's own instruments instead of the style's.
    """
    spb = samples_per_beat(bpm)
    length = score.beats * spb
    look = look or STYLES[style]
    voices = {"lead": look.lead, "bass": look.bass, "chords": look.chords, "pedal": PEDAL}
    pieces: list[tuple[int, Samples]] = []
    for number, n in enumerate(score.notes):
        sound = note(voices[n.voice], n.pitch, n.length * spb / SAMPLE_RATE, n.velocity, seed=number)
        pieces.append((round(n.beat * spb), sound))
    drums = {"kick": kick, "snare": snare, "hat": hat}
    for beat, name, velocity in score.hits:
        pieces.append((round(beat * spb), drums[name](velocity)))
    tail = max((start + len(sound) for start, sound in pieces), default=length)
    mix = np.zeros(max(length, tail))
    for start, sound in pieces:
        mix[start:start + len(sound)] += sound
    if loop:
        folded = mix[:length].copy()
        overflow = mix[length:]
        while len(overflow):
            chunk = overflow[:length]
            folded[:len(chunk)] += chunk
            overflow = overflow[length:]
        mix = folded
    return level(mix, fade=not loop) if normalise else mix


def level(samples: Samples, fade: bool = False) -> Samples:
    """Centre, scale to ``TARGET_RMS``, keep the peak under ``PEAK``; ``fade`` zeroes both ends."""
    out: Samples = samples - samples.mean()
    rms = float(np.sqrt(np.mean(out**2)))
    if rms > 0:
        out = out * (TARGET_RMS / rms)
    peak = float(np.abs(out).max(initial=0.0))
    if peak > PEAK:
        out = out * (PEAK / peak)
    if fade:
        ramp = min(len(out) // 4, int(0.01 * SAMPLE_RATE))
        out[:ramp] *= np.linspace(0, 1, ramp)
        out[len(out) - ramp:] *= np.linspace(1, 0, ramp)
        # Fading moved the mean; take it out along a window that is zero at both ends, so the
        # ends stay silent and the file stays centred.
        window = np.hanning(len(out)) if len(out) > 2 else np.ones(len(out))
        out -= out.mean() * window / window.mean()
    return out
