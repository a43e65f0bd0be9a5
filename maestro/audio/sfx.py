"""Sound effects in the spirit of sfxr: a small parameter set per effect, rendered with NumPy.

A game needs a couple of dozen short, characterful sounds that belong together. sfxr showed that
one oscillator with a pitch contour, an amplitude envelope and two simple filters covers them, and
that a named preset plus a little seeded randomness gives every game its own set. This module is
that idea in vectorised NumPy:

* :class:`Params` is the knob set (waveform, pitch slide, vibrato, arpeggio, duty, envelope,
  filters, repeat, drive, volume); :func:`render` turns it into float32 samples.
* :func:`params_for` picks the preset for a kind of effect, varies it with the game's
  :class:`~maestro.rng.Rng` and recolours it for the game's :class:`MusicStyle`, so the
  effects sit with the music.
* :func:`sfx_for` says which effects a game's mechanics and genre call for.

The output is floats, not part of the bit-exact rules the runtime replays, but it is still a pure
function of its inputs: noise comes from mulberry32 evaluated on sample indices (the same
generator as :class:`Rng`), never from a global random source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from maestro.audio.synth import SAMPLE_RATE
from maestro.rng import Rng
from maestro.spec import Mechanic, MusicStyle

Samples = npt.NDArray[np.float32]
_F64 = npt.NDArray[np.float64]
Wave = Literal["square", "saw", "sine", "triangle", "noise"]

PEAK = 0.7
"""Peak level of a rendered effect at ``volume=1``: headroom for the mixer and the music."""

SHORT_LIMIT = 0.6
LONG_LIMIT = 1.5
LONG_KINDS = frozenset({"explosion", "win", "lose"})
"""The only effects allowed past :data:`SHORT_LIMIT` seconds: they close a moment, not a frame."""

SFX_KINDS: tuple[str, ...] = (
    "jump", "double_jump", "land", "collect", "powerup", "hurt", "attack", "shoot", "explosion",
    "key", "door", "push", "undo", "stomp", "dash", "select", "pause", "win", "lose", "step",
)

_ALWAYS = ("select", "pause", "hurt", "collect", "win", "lose")
_BY_MECHANIC: dict[Mechanic, tuple[str, ...]] = {
    Mechanic.JUMP: ("jump", "land"),
    Mechanic.DOUBLE_JUMP: ("double_jump",),
    Mechanic.STOMP: ("stomp",),
    Mechanic.DASH: ("dash",),
    Mechanic.ATTACK: ("attack",),
    Mechanic.SHOOT: ("shoot", "explosion"),
    Mechanic.BOMB: ("explosion",),
    Mechanic.POWERUP: ("powerup",),
    Mechanic.KEY_DOOR: ("key", "door"),
    Mechanic.PUSH: ("push", "step"),
    Mechanic.UNDO: ("undo",),
}
_BY_GENRE: dict[str, tuple[str, ...]] = {
    "platformer": ("jump", "land", "attack", "explosion"),
    "shooter": ("shoot", "explosion"),
    "puzzle": ("push", "step", "undo"),
    "topdown": ("key", "door", "step", "attack", "explosion"),
    "runner": ("jump", "land"),
}


def sfx_for(mechanics: Iterable[Mechanic], genre: str) -> list[str]:
    """The effects a game needs, in :data:`SFX_KINDS` order so the asset list is stable.

    Menus, damage, pickups and the end screens exist in every game; the rest follows what the
    player can do (mechanics) and what the genre implies even when the GDD does not say it.
    """
    wanted = set(_ALWAYS)
    for mechanic in mechanics:
        wanted.update(_BY_MECHANIC.get(Mechanic(mechanic), ()))
    wanted.update(_BY_GENRE.get(str(genre), ()))
    return [kind for kind in SFX_KINDS if kind in wanted]


@dataclass(frozen=True)
class Params:
    """One effect's knobs. Times are seconds, frequencies hertz, pitch moves in octaves.

    Pitch at time ``t`` (``t`` restarts every ``repeat`` seconds when ``repeat > 0``)::

        base_freq * 2 ** (slide * t + slide_accel * t**2 / 2) * (product of arpeggio steps reached)
                  * (1 + vibrato_depth * sin(2 pi vibrato_speed t))

    The slide is multiplicative (octaves per second) because pitch is heard logarithmically: the
    same slide sounds the same at any base frequency. ``arpeggio`` is ``(time, multiplier)``
    steps, each one multiplying the pitch from its time on (sfxr has one step; a tuple lets a
    jingle hold a whole chord). ``freq_min`` is where a falling slide bottoms out.

    The envelope is attack (linear rise from exactly 0), sustain (level ``1 + punch`` falling
    to 1, so ``punch`` is a level, not a time) and decay (quadratic fall to exactly 0); the whole
    note plays ``retrigger`` times back to back. For ``noise`` the value is re-drawn 16 times per
    cycle, so ``base_freq`` sets its colour (low rumbles, high hisses); ``noise_mix`` blends white
    noise into a tonal wave. ``lpf_cutoff`` (0 = off) is a two-pole low-pass whose cutoff moves
    ``lpf_sweep`` octaves per second; ``hpf_cutoff`` is a one-pole high-pass. ``drive`` > 0
    saturates with ``tanh``; ``volume`` scales the normalised peak (:data:`PEAK`).
    """

    wave: Wave = "square"
    base_freq: float = 440.0
    freq_min: float = 30.0
    slide: float = 0.0
    slide_accel: float = 0.0
    vibrato_depth: float = 0.0
    vibrato_speed: float = 0.0
    arpeggio: tuple[tuple[float, float], ...] = ()
    duty: float = 0.5
    duty_sweep: float = 0.0
    attack: float = 0.002
    sustain: float = 0.05
    punch: float = 0.0
    decay: float = 0.1
    retrigger: int = 1
    lpf_cutoff: float = 0.0
    lpf_sweep: float = 0.0
    hpf_cutoff: float = 0.0
    repeat: float = 0.0
    noise_mix: float = 0.0
    noise_seed: int = 0
    drive: float = 0.0
    volume: float = 1.0

    @property
    def note_length(self) -> float:
        return self.attack + self.sustain + self.decay

    @property
    def duration(self) -> float:
        return self.note_length * max(1, self.retrigger)


# ---------------------------------------------------------------------------------------------
# Rendering


_MIN_ATTACK = 0.001
_MIN_DECAY = 0.005
_DC_CUTOFF = 20.0
_BLOCK = 128


def render(params: Params, sample_rate: int = SAMPLE_RATE) -> Samples:
    """Float32 mono samples in [-1, 1]: starts and ends at exactly 0, mean 0, peak ``PEAK * volume``.

    Chain: oscillator -> low-pass -> high-pass (always at least 20 Hz, against DC) -> envelope ->
    drive -> exact DC removal -> peak normalisation. The envelope comes after the filters so the
    ends are exactly 0 whatever the filters do, and the DC removal subtracts a multiple of the
    envelope, which keeps them there.
    """
    p = _sane(params)
    sr = float(sample_rate)
    n = math.ceil(p.duration * sr) + 1
    t = np.arange(n, dtype=np.float64) / sr

    freq = _frequency(p, t, sr)
    phase = np.cumsum(freq / sr)
    x = _oscillator(p, phase, t)
    if p.noise_mix > 0:
        white = _hash_noise((p.noise_seed + 0x9E3779B9) & 0xFFFFFFFF, np.arange(n, dtype=np.uint64))
        x = (1.0 - p.noise_mix) * x + p.noise_mix * white

    if p.lpf_cutoff > 0:
        cutoff = np.clip(p.lpf_cutoff * np.exp2(p.lpf_sweep * t), 40.0, 0.45 * sr)
        x = _lowpass(_lowpass(x, cutoff, sr), cutoff, sr)
    hp = max(p.hpf_cutoff, _DC_CUTOFF)
    x = x - _lowpass(x, np.full(n, min(hp, 0.45 * sr)), sr)

    env = _envelope(p, t)
    y = x * env
    if p.drive > 0:
        y = np.tanh(p.drive * y / max(float(np.max(np.abs(y))), 1e-12)) / math.tanh(p.drive)
    y = y - env * (float(np.sum(y)) / float(np.sum(env)))

    peak = float(np.max(np.abs(y)))
    if peak > 0:
        y = y * (PEAK * p.volume / peak)
    y[0] = 0.0
    y[-1] = 0.0
    return y.astype(np.float32)


def _sane(p: Params) -> Params:
    """Clamp the knobs that would otherwise click, clip or blow up."""
    return replace(
        p,
        base_freq=max(p.base_freq, 1.0),
        freq_min=max(p.freq_min, 1.0),
        attack=max(p.attack, _MIN_ATTACK),
        sustain=max(p.sustain, 0.0),
        decay=max(p.decay, _MIN_DECAY),
        retrigger=max(1, p.retrigger),
        noise_mix=min(max(p.noise_mix, 0.0), 1.0),
        volume=min(max(p.volume, 0.0), 1.0),
        duty=min(max(p.duty, 0.02), 0.98),
    )


def _frequency(p: Params, t: _F64, sr: float) -> _F64:
    """Per-sample frequency; integrating it (a cumsum) gives a click-free phase through slides."""
    local = np.mod(t, p.repeat) if p.repeat > 0 else t
    octaves = p.slide * local + 0.5 * p.slide_accel * local * local
    freq = p.base_freq * np.exp2(octaves)
    for at, multiplier in p.arpeggio:
        freq = np.where(local >= at, freq * multiplier, freq)
    if p.vibrato_depth > 0 and p.vibrato_speed > 0:
        freq = freq * (1.0 + p.vibrato_depth * np.sin(2 * np.pi * p.vibrato_speed * t))
    result: _F64 = np.clip(freq, p.freq_min, 0.45 * sr)
    return result


def _oscillator(p: Params, phase: _F64, t: _F64) -> _F64:
    frac = phase - np.floor(phase)
    if p.wave == "square":
        duty = np.clip(p.duty + p.duty_sweep * t, 0.05, 0.95)
        return np.where(frac < duty, 1.0, -1.0)
    if p.wave == "saw":
        return 1.0 - 2.0 * frac
    if p.wave == "sine":
        return np.sin(2 * np.pi * phase)
    if p.wave == "triangle":
        return 1.0 - 4.0 * np.abs(frac - 0.5)
    if p.wave == "noise":
        return _hash_noise(p.noise_seed, np.floor(phase * 16).astype(np.uint64))
    raise ValueError(f"unknown wave {p.wave!r}: use square, saw, sine, triangle or noise")


def _hash_noise(seed: int, index: npt.NDArray[np.uint64]) -> _F64:
    """mulberry32's ``index``-th draw (0-based) for ``seed``, as floats in [-1, 1), for all indices at once.

    mulberry32 is a hash of ``seed + (i + 1) * 0x6D2B79F5``, so it can be evaluated on a whole
    array: the same numbers :class:`Rng` would give, without a Python loop.
    """
    mask = np.uint64(0xFFFFFFFF)
    state = (np.uint64(seed & 0xFFFFFFFF) + (index + np.uint64(1)) * np.uint64(0x6D2B79F5)) & mask
    t = ((state ^ (state >> np.uint64(15))) * (state | np.uint64(1))) & mask
    t ^= (t + (((t ^ (t >> np.uint64(7))) * (t | np.uint64(61))) & mask)) & mask
    out = (t ^ (t >> np.uint64(14))) & mask
    result: _F64 = out.astype(np.float64) / 2147483648.0 - 1.0
    return result


def _lowpass(x: _F64, cutoff: _F64, sr: float) -> _F64:
    """One-pole low-pass ``y[n] = g[n] y[n-1] + (1 - g[n]) x[n]`` with a per-sample cutoff."""
    log_g = np.maximum(-2 * np.pi * cutoff / sr, -5.0)
    return _decaying_sum((1.0 - np.exp(log_g)) * x, log_g)


def _decaying_sum(x: _F64, log_g: _F64) -> _F64:
    """Solve ``y[n] = exp(log_g[n]) * y[n-1] + x[n]`` (``y[-1] = 0``) without a per-sample loop.

    Within a block, ``y[n] = G[n] * cumsum(x / G)[n]`` where ``G`` is the running product of the
    gains. ``1 / G`` grows fast, so blocks are short enough (128 samples, ``log_g >= -5``) that it
    stays below ``e**640``; float64 then keeps an absolute error near ``1e-16 * max|x|``, because
    the largest terms in each sum are the most recent ones. Only the carry from one block to the
    next is a Python loop, one step per 128 samples.
    """
    n = len(x)
    blocks = -(-n // _BLOCK)
    pad = blocks * _BLOCK - n
    xs = np.pad(x, (0, pad)).reshape(blocks, _BLOCK)
    ls = np.pad(log_g, (0, pad)).reshape(blocks, _BLOCK)
    cum = np.cumsum(ls, axis=1)
    local = np.exp(cum) * np.cumsum(xs * np.exp(-cum), axis=1)
    gain = np.exp(cum)
    carry = np.empty(blocks)
    previous = 0.0
    for b in range(blocks):
        carry[b] = previous
        previous = float(local[b, -1]) + float(gain[b, -1]) * previous
    y = local + gain * carry[:, None]
    result: _F64 = y.reshape(-1)[:n]
    return result


def _envelope(p: Params, t: _F64) -> _F64:
    """Attack, punchy sustain, quadratic decay; repeated ``retrigger`` times. Exactly 0 at both ends."""
    length = p.note_length
    note = np.minimum(np.floor(t / length), p.retrigger - 1)
    u = t - note * length
    rise = u / p.attack
    held = 1.0 + p.punch * (1.0 - (u - p.attack) / p.sustain) if p.sustain > 0 else np.ones_like(u)
    fall = np.clip(1.0 - (u - p.attack - p.sustain) / p.decay, 0.0, 1.0) ** 2
    env = np.where(u < p.attack, rise, np.where(u < p.attack + p.sustain, held, fall))
    env[0] = 0.0
    env[-1] = 0.0
    result: _F64 = env
    return result


# ---------------------------------------------------------------------------------------------
# Presets


_PRESETS: dict[str, dict[str, Any]] = {
    # Rising square blip, easing off as it rises (accel < 0), like the jump arc itself.
    "jump": {"wave": "square", "base_freq": 300.0, "slide": 5.0, "slide_accel": -5.0,
             "attack": 0.004, "sustain": 0.06, "decay": 0.14, "punch": 0.2, "duty": 0.5},
    # Higher, with a fifth kicked in mid-air and a flutter: a second push, not a second jump.
    "double_jump": {"wave": "square", "base_freq": 440.0, "slide": 3.0, "arpeggio": ((0.05, 1.5),),
                    "vibrato_depth": 0.06, "vibrato_speed": 28.0,
                    "attack": 0.004, "sustain": 0.07, "decay": 0.13, "duty": 0.25},
    # Very short low thump: falling low tone with some grit, dull.
    "land": {"wave": "square", "base_freq": 140.0, "slide": -5.0, "freq_min": 40.0, "noise_mix": 0.3,
             "attack": 0.002, "sustain": 0.012, "decay": 0.06, "punch": 0.6, "lpf_cutoff": 1400.0},
    # Bright two-step arpeggio up: the classic coin.
    "collect": {"wave": "square", "base_freq": 1000.0, "arpeggio": ((0.055, 1.335),),
                "attack": 0.002, "sustain": 0.07, "decay": 0.17, "punch": 0.45, "duty": 0.5},
    # Rising arpeggio that restarts every 80 ms: "bwip-bwip-bwip" climbing each time.
    "powerup": {"wave": "square", "base_freq": 380.0, "slide": 4.0, "repeat": 0.08,
                "arpeggio": ((0.04, 1.5),), "attack": 0.003, "sustain": 0.3, "decay": 0.18, "duty": 0.5},
    # Falling saw with noise: harsh and downward, unmistakably bad.
    "hurt": {"wave": "saw", "base_freq": 520.0, "slide": -4.0, "noise_mix": 0.45,
             "attack": 0.002, "sustain": 0.05, "decay": 0.17, "punch": 0.5},
    # Sword swish: a fast falling saw drowned in hiss, high-passed so it is all edge.
    "attack": {"wave": "saw", "base_freq": 900.0, "slide": -6.0, "noise_mix": 0.65, "hpf_cutoff": 900.0,
               "attack": 0.012, "sustain": 0.02, "decay": 0.08},
    # Fast falling square/saw "pew", duty opening as it falls.
    "shoot": {"wave": "square", "base_freq": 1300.0, "slide": -8.0, "duty_sweep": 1.5, "duty": 0.25,
              "attack": 0.001, "sustain": 0.02, "decay": 0.12, "punch": 0.3},
    # Rumbling noise, pitch and low-pass both sinking, long tail.
    "explosion": {"wave": "noise", "base_freq": 260.0, "slide": -1.0, "lpf_cutoff": 4000.0, "lpf_sweep": -2.0,
                  "attack": 0.002, "sustain": 0.08, "decay": 0.85, "punch": 0.6},
    # Bright two-tone chime: a thin note then its octave, left to ring.
    "key": {"wave": "square", "base_freq": 1500.0, "arpeggio": ((0.07, 2.0),), "duty": 0.125,
            "vibrato_depth": 0.01, "vibrato_speed": 7.0,
            "attack": 0.002, "sustain": 0.1, "decay": 0.3, "punch": 0.3},
    # Low creak and thunk: a slowly sinking saw wobbling like a hinge.
    "door": {"wave": "saw", "base_freq": 95.0, "slide": -1.0, "vibrato_depth": 0.18, "vibrato_speed": 13.0,
             "noise_mix": 0.2, "lpf_cutoff": 1600.0, "attack": 0.01, "sustain": 0.15, "decay": 0.18},
    # Short low scrape: dark noise whose grain wobbles.
    "push": {"wave": "noise", "base_freq": 220.0, "vibrato_depth": 0.4, "vibrato_speed": 30.0,
             "lpf_cutoff": 1500.0, "attack": 0.01, "sustain": 0.08, "decay": 0.06, "volume": 0.8},
    # Reversed blip: swells in, falls, and stops short, as if played backwards.
    "undo": {"wave": "square", "base_freq": 950.0, "slide": -5.0, "duty": 0.5,
             "attack": 0.08, "sustain": 0.01, "decay": 0.025},
    # Squishy falling square: drop that slows down, duty squeezing, a little wobble.
    "stomp": {"wave": "square", "base_freq": 330.0, "slide": -7.0, "slide_accel": 20.0, "duty": 0.5,
              "duty_sweep": -2.5, "vibrato_depth": 0.1, "vibrato_speed": 40.0, "noise_mix": 0.15,
              "attack": 0.002, "sustain": 0.03, "decay": 0.12, "punch": 0.8},
    # Noise whoosh: eases in, its filter opening as it passes.
    "dash": {"wave": "noise", "base_freq": 900.0, "slide": 1.0, "lpf_cutoff": 900.0, "lpf_sweep": 4.0,
             "hpf_cutoff": 600.0, "attack": 0.06, "sustain": 0.06, "decay": 0.16},
    # Short high blip for menus: the most neutral sound in the set.
    "select": {"wave": "square", "base_freq": 1760.0, "duty": 0.5,
               "attack": 0.002, "sustain": 0.03, "decay": 0.05, "volume": 0.8},
    # Two short blips, the second lower: "hold on".
    "pause": {"wave": "square", "base_freq": 1050.0, "duty": 0.5, "retrigger": 2,
              "attack": 0.002, "sustain": 0.035, "decay": 0.035, "volume": 0.8},
    # Major arpeggio up (root, third, fifth, octave) ending on a held, slightly vibrating note.
    "win": {"wave": "square", "base_freq": 523.25, "arpeggio": ((0.1, 1.26), (0.2, 1.19), (0.3, 1.335)),
            "vibrato_depth": 0.015, "vibrato_speed": 6.0,
            "attack": 0.003, "sustain": 0.45, "decay": 0.4, "punch": 0.2},
    # Descending minor triad with a sagging slide: the "wah-wah" of defeat.
    "lose": {"wave": "square", "base_freq": 392.0, "slide": -0.6, "arpeggio": ((0.18, 0.794), (0.36, 0.841)),
             "vibrato_depth": 0.03, "vibrato_speed": 5.0,
             "attack": 0.005, "sustain": 0.55, "decay": 0.4, "punch": 0.1},
    # Tiny click: a few milliseconds of high-passed noise, quiet, for every grid move.
    "step": {"wave": "noise", "base_freq": 900.0, "hpf_cutoff": 1500.0,
             "attack": 0.001, "sustain": 0.006, "decay": 0.022, "volume": 0.6},
}


@dataclass(frozen=True)
class _Style:
    """How a music style recolours tonal presets (noise presets keep their noise)."""

    tone: Wave | None  # replaces square/saw; None keeps the preset's wave
    min_attack: float = 0.0  # softer onsets, capped at a quarter of the note
    lpf: float = 0.0  # cutoff ceiling (0 = none)
    lpf_sweep: float = 0.0  # added filter movement for tonal sounds
    drive: float = 0.0
    vibrato: float = 0.0  # added vibrato depth at 5 Hz where the preset has none


_STYLES: dict[MusicStyle, _Style] = {
    MusicStyle.CHIPTUNE: _Style(tone="square"),
    MusicStyle.LOFI: _Style(tone="triangle", min_attack=0.008, lpf=2200.0),
    MusicStyle.AMBIENT: _Style(tone="sine", min_attack=0.02, lpf=2600.0, vibrato=0.01),
    MusicStyle.JAZZ: _Style(tone="triangle", min_attack=0.01, lpf=3400.0, vibrato=0.012),
    MusicStyle.ORCHESTRAL: _Style(tone="sine", min_attack=0.015, lpf=4200.0, vibrato=0.008),
    MusicStyle.SYNTHWAVE: _Style(tone="saw", lpf=1800.0, lpf_sweep=2.5),
    MusicStyle.ELECTRONIC: _Style(tone="square", lpf=6000.0, lpf_sweep=-3.0),
    MusicStyle.ROCK: _Style(tone="saw", min_attack=0.003, lpf=5000.0, drive=2.5),
}


def shape(p: Params, words: Iterable[str]) -> Params:
    """``p`` as the GDD describes it: "crackly" adds noise and grit, "deep" drops an octave, "bouncy"
    springs up, "metallic" rings, "watery" bubbles, "short" snaps, "long" rings on...

    The words are maestro.gdd.sound.EFFECT_WORDS's names. Applied after the style, so "crackly" is
    crackly in any style; the kind's length limit is applied after it.
    """
    for word in words:
        if word == "crackly":
            p = replace(p, noise_mix=max(p.noise_mix, 0.45), drive=max(p.drive, 0.4), lpf_cutoff=0.0)
        elif word == "soft":
            p = replace(p, attack=max(p.attack, 0.012), lpf_cutoff=min(p.lpf_cutoff or 2500.0, 2500.0),
                        punch=0.0, drive=0.0)
        elif word == "loud":
            p = replace(p, punch=max(p.punch, 0.6), drive=max(p.drive, 0.2))
        elif word == "deep":
            p = replace(p, base_freq=max(40.0, p.base_freq * 0.5), freq_min=max(20.0, p.freq_min * 0.5))
        elif word == "high":
            p = replace(p, base_freq=min(4000.0, p.base_freq * 1.6))
        elif word == "bouncy":
            p = replace(p, slide=max(p.slide, 2.0), vibrato_depth=max(p.vibrato_depth, 0.08), vibrato_speed=14.0)
        elif word == "metallic" and p.wave != "noise":
            p = replace(p, wave="square", duty=0.125, decay=p.decay * 1.8, hpf_cutoff=max(p.hpf_cutoff, 400.0))
        elif word == "watery" and p.wave != "noise":
            p = replace(p, wave="sine", vibrato_depth=0.25, vibrato_speed=18.0, slide=p.slide + 1.0)
        elif word == "retro" and p.wave != "noise":
            p = replace(p, wave="square", lpf_cutoff=0.0)
        elif word == "short":
            p = replace(p, sustain=p.sustain * 0.5, decay=p.decay * 0.55)
        elif word == "long":
            p = replace(p, decay=p.decay * 1.8)
        elif word == "whoosh":
            p = replace(p, noise_mix=max(p.noise_mix, 0.7), lpf_cutoff=p.lpf_cutoff or 3000.0, lpf_sweep=1.5)
        elif word == "magical" and p.wave != "noise":
            step = p.note_length / 3
            p = replace(p, arpeggio=((step, 1.26), (2 * step, 1.19)), vibrato_depth=max(p.vibrato_depth, 0.04),
                        vibrato_speed=9.0)
    return p


def params_for(kind: str, style: MusicStyle, rng: Rng, words: Iterable[str] = ()) -> Params:
    """The preset for ``kind``, varied by ``rng`` and recoloured for ``style``.

    The random draws come first and in a fixed order that does not depend on the style, so one
    game's effects keep their pitches and lengths if only its music style changes. Variation is
    small (up to 3 semitones, about 12% in length, 15% in slide) so a jump still sounds like a
    jump, just this game's jump.
    """
    if kind not in _PRESETS:
        raise ValueError(f"unknown sound effect {kind!r}: expected one of {', '.join(SFX_KINDS)}")
    semitones = rng.between(-3, 3)
    detune = rng.between(-20, 20) / 1000
    stretch = 1 + rng.between(-12, 12) / 100
    slide_scale = 1 + rng.between(-15, 15) / 100
    vibrato_scale = 1 + rng.between(-20, 20) / 100
    duty_pick = rng.below(3)
    noise_seed = rng.next_u32()

    p = Params(**_PRESETS[kind])
    p = replace(
        p,
        base_freq=p.base_freq * 2 ** (semitones / 12) * (1 + detune),
        slide=p.slide * slide_scale,
        slide_accel=p.slide_accel * slide_scale,
        vibrato_speed=p.vibrato_speed * vibrato_scale,
        sustain=p.sustain * stretch,
        decay=p.decay * stretch,
        noise_seed=noise_seed,
    )
    p = shape(_restyle(p, _STYLES[style], duty_pick), words)
    if p.retrigger > 1:  # pause: the second blip a fourth or a fifth lower
        p = replace(p, arpeggio=((p.note_length, (0.75, 0.667, 0.75)[duty_pick]),))
    limit = LONG_LIMIT if kind in LONG_KINDS else SHORT_LIMIT
    if p.duration > limit * 0.98:
        scale = limit * 0.98 / p.duration
        p = replace(p, attack=p.attack * scale, sustain=p.sustain * scale, decay=p.decay * scale,
                    arpeggio=tuple((at * scale, m) for at, m in p.arpeggio))
    return p


def _restyle(p: Params, style: _Style, duty_pick: int) -> Params:
    tonal = p.wave != "noise"
    changes: dict[str, Any] = {}
    if tonal and style.tone is not None:
        # A sine under ~200 Hz all but vanishes on laptop and phone speakers; the triangle's odd
        # harmonics keep a low thump or creak audible while staying soft.
        changes["wave"] = "triangle" if style.tone == "sine" and p.base_freq < 200 else style.tone
    if (style.tone or p.wave) == "square" and tonal and p.duty == 0.5 and duty_pick == 2:
        changes["duty"] = 0.25  # a third of the games get the thinner, nasal square
    if style.min_attack > 0:
        changes["attack"] = max(p.attack, min(style.min_attack, 0.25 * p.note_length))
    if style.lpf > 0:
        changes["lpf_cutoff"] = min(p.lpf_cutoff, style.lpf) if p.lpf_cutoff > 0 else style.lpf
    if tonal and style.lpf_sweep != 0 and p.lpf_sweep == 0:
        changes["lpf_sweep"] = style.lpf_sweep
    if style.drive > 0:
        changes["drive"] = style.drive
    if tonal and style.vibrato > 0 and p.vibrato_depth == 0:
        changes["vibrato_depth"] = style.vibrato
        changes["vibrato_speed"] = 5.0
    return replace(p, **changes)


def make(kind: str, style: MusicStyle, seed: int, words: Iterable[str] = ()) -> Samples:
    """The samples for one effect of one game: its own fork of the seed, so kinds are independent;
    ``words`` are the GDD's for it (:func:`shape`)."""
    return render(params_for(kind, style, Rng(seed).fork("sfx", kind), words))
