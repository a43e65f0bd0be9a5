"""Oscillators, envelopes, a soft low-pass and three drums, vectorised with NumPy.

Everything is a pure function of its arguments (noise included: it comes from an integer hash
of the sample index and a seed), so the same song renders to the same samples on any machine.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any

import numpy as np
import numpy.typing as npt

from maestro.audio.theory import frequency

Samples = npt.NDArray[np.float64]
SAMPLE_RATE = 22050


@dataclass(frozen=True)
class Instrument:
    """A voice: waveform, envelope (seconds), brightness and level."""

    wave: str
    attack: float = 0.005
    decay: float = 0.08
    sustain: float = 0.6
    release: float = 0.06
    duty: float = 0.5
    smooth: int = 1
    gain: float = 0.3
    drive: float = 0.0


def noise(n: int, seed: int) -> Samples:
    """White noise in [-1, 1) from a 32-bit integer hash of (index, seed)."""
    x = (np.arange(n, dtype=np.uint64) + np.uint64(seed & 0xFFFFFFFF) * np.uint64(0x9E3779B9)) & np.uint64(0xFFFFFFFF)
    x = ((x ^ (x >> np.uint64(16))) * np.uint64(0x45D9F3B)) & np.uint64(0xFFFFFFFF)
    x = ((x ^ (x >> np.uint64(16))) * np.uint64(0x45D9F3B)) & np.uint64(0xFFFFFFFF)
    x = x ^ (x >> np.uint64(16))
    return x.astype(np.float64) / 2**31 - 1.0


def oscillator(wave: str, hz: float, n: int, duty: float = 0.5, seed: int = 0) -> Samples:
    if wave == "noise":
        return noise(n, seed)
    phase: Samples = (np.arange(n, dtype=np.float64) * (hz / SAMPLE_RATE)) % 1.0
    out: Samples
    if wave == "square":
        out = np.where(phase < duty, 1.0, -1.0)
    elif wave == "saw":
        out = 2.0 * phase - 1.0
    elif wave == "triangle":
        out = 1.0 - 4.0 * np.abs(phase - 0.5)
    else:
        out = np.sin(2 * np.pi * phase)
    return out


def envelope(n_on: int, instrument: Instrument) -> Samples:
    """Attack, decay to sustain while held (``n_on`` samples), then release to exactly zero."""
    sr = SAMPLE_RATE
    attack = max(1, int(instrument.attack * sr))
    decay = max(1, int(instrument.decay * sr))
    release = max(1, int(instrument.release * sr))
    held = np.ones(n_on)
    t = np.arange(n_on)
    held = np.where(t < attack, t / attack,
                    np.where(t < attack + decay,
                             1 - (1 - instrument.sustain) * (t - attack) / decay, instrument.sustain))
    last = held[-1] if n_on else 0.0
    tail = last * (1 - np.arange(1, release + 1) / release)
    return np.concatenate([held, tail])


def smooth(samples: Samples, width: int) -> Samples:
    """A gentle low-pass: the average over ``width`` samples (cut-off near SAMPLE_RATE / width)."""
    if width <= 1:
        return samples
    kernel = np.hanning(width + 2)[1:-1]
    return np.convolve(samples, kernel / kernel.sum(), mode="same")


def note(instrument: Instrument, pitch: float, seconds: float, velocity: float = 1.0, seed: int = 0) -> Samples:
    """One note, attack to the end of its release (read-only: the same note is rendered once)."""
    # A loop plays the same notes bar after bar: render each once. Only noise depends on the seed.
    return _note(instrument, pitch, seconds, velocity, seed if instrument.wave == "noise" else 0)


def _frozen(make: Callable[..., Samples]) -> Callable[..., Samples]:
    """Cache a sound maker and hand out read-only arrays, so no caller can change a cached sound."""
    @lru_cache(maxsize=4096)
    @wraps(make)
    def cached(*args: Any) -> Samples:
        out = make(*args)
        out.flags.writeable = False
        return out
    return cached


@_frozen
def _note(instrument: Instrument, pitch: float, seconds: float, velocity: float, seed: int) -> Samples:
    n_on = max(1, int(seconds * SAMPLE_RATE))
    shape = envelope(n_on, instrument)
    wave = oscillator(instrument.wave, frequency(pitch), len(shape), instrument.duty, seed)
    if instrument.drive:
        wave = np.tanh(wave * (1 + instrument.drive)) / np.tanh(1 + instrument.drive)
    out: Samples = smooth(wave, instrument.smooth) * shape * (instrument.gain * velocity)
    return out


@_frozen
def kick(velocity: float = 1.0) -> Samples:
    n = int(0.28 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    hz = 45 + 110 * np.exp(-t / 0.035)
    phase = np.cumsum(hz) / SAMPLE_RATE
    body: Samples = np.sin(2 * np.pi * phase) * np.exp(-t / 0.09)
    body[: int(0.002 * SAMPLE_RATE)] *= np.linspace(0, 1, int(0.002 * SAMPLE_RATE))
    return body * 0.9 * velocity


@_frozen
def snare(velocity: float = 1.0, seed: int = 7) -> Samples:
    n = int(0.2 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    # Noise only: a tuned body would add a pitch of its own, outside the key half the time.
    rattle = np.diff(noise(n + 1, seed)) * 0.5 * np.exp(-t / 0.06)
    body = noise(n, seed + 1) * np.exp(-t / 0.025)
    return (rattle * 0.55 + body * 0.3) * velocity


@_frozen
def hat(velocity: float = 1.0, seed: int = 11, length: float = 0.045) -> Samples:
    n = int(length * 2 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    hiss = np.diff(np.diff(noise(n + 2, seed))) * 0.25
    return hiss * np.exp(-t / (length / 2.5)) * 0.5 * velocity
