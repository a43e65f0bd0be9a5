"""Sound effects: safe to play (no clicks, no clipping, no DC), short, deterministic, and audibly distinct."""

from dataclasses import replace

import numpy as np
import numpy.typing as npt
import pytest

from maestro.audio.sfx import (
    LONG_KINDS,
    SAMPLE_RATE,
    SFX_KINDS,
    Params,
    _decaying_sum,
    _hash_noise,
    make,
    params_for,
    render,
    sfx_for,
)
from maestro.rng import Rng
from maestro.spec import Mechanic, MusicStyle

F64 = npt.NDArray[np.float64]
SEED = 7
REQUIRED = (
    "jump", "double_jump", "land", "collect", "powerup", "hurt", "attack", "shoot", "explosion", "key",
    "door", "push", "undo", "stomp", "dash", "select", "pause", "win", "lose", "step",
)

# "Sounds different": cosine similarity of magnitude spectrograms on a 1/6-octave axis (roughly
# how the ear groups frequencies), zero-padded to the same length so duration and timing count
# too. Two renderings that differ only in the noise realisation (which nobody can hear) score at
# least ~0.83; a sound against itself two semitones up scores ~0.7. Effects of one game must stay
# below DISTINCT, and the calibration test below keeps the measure honest about the upper end.
DISTINCT = 0.8


def _game(style: MusicStyle, seed: int = SEED) -> dict[str, F64]:
    return {kind: make(kind, style, seed).astype(np.float64) for kind in SFX_KINDS}


def _frames(x: F64, frame: int = 512, hop: int = 128) -> F64:
    x = np.pad(x, (0, max(0, frame - len(x))))
    count = 1 + (len(x) - frame) // hop
    index = np.arange(frame)[None, :] + hop * np.arange(count)[:, None]
    spectrum: F64 = np.abs(np.fft.rfft(x[index] * np.hanning(frame), axis=1))
    return spectrum


def _band_spectrogram(x: F64, frames: int) -> F64:
    power = _frames(x) ** 2
    power = np.pad(power, ((0, frames - power.shape[0]), (0, 0)))
    freqs = np.fft.rfftfreq(512, 1 / SAMPLE_RATE)
    edges = 60 * 2 ** (np.arange(0, np.log2(10000 / 60) * 6 + 1) / 6)
    bands = np.zeros((frames, len(edges) + 1))
    np.add.at(bands.T, np.digitize(freqs, edges), power.T)
    magnitude: F64 = np.sqrt(bands[:, 1 : len(edges)])
    return magnitude


def similarity(a: F64, b: F64) -> float:
    frames = max(len(_frames(a)), len(_frames(b)))
    va, vb = _band_spectrogram(a, frames).ravel(), _band_spectrogram(b, frames).ravel()
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


def peak_frequency(x: F64) -> float:
    size = max(16384, len(x))
    magnitude = np.abs(np.fft.rfft(x * np.hanning(len(x)), size))
    freqs = np.fft.rfftfreq(size, 1 / SAMPLE_RATE)
    magnitude[freqs < 50] = 0
    return float(freqs[np.argmax(magnitude)])


def pitch_change(x: F64) -> float:
    """Ratio of the dominant frequency in the last third to the first third."""
    third = len(x) // 3
    return peak_frequency(x[-third:]) / peak_frequency(x[:third])


def flatness(x: F64, low: float = 50.0, high: float = 4000.0, frame: int = 1024) -> float:
    """Energy-weighted spectral flatness of short frames in the band where both sounds live: 1 = white noise."""
    values, weights = [], []
    freqs = np.fft.rfftfreq(frame, 1 / SAMPLE_RATE)
    band = (freqs >= low) & (freqs <= high)
    for start in range(0, len(x) - frame + 1, frame // 2):
        power = np.abs(np.fft.rfft(x[start : start + frame] * np.hanning(frame)))[band] ** 2 + 1e-20
        values.append(np.exp(np.mean(np.log(power))) / np.mean(power))
        weights.append(power.sum())
    return float(np.average(values, weights=weights))


def test_every_required_kind_is_offered() -> None:
    assert set(REQUIRED) <= set(SFX_KINDS)
    assert len(set(SFX_KINDS)) == len(SFX_KINDS)


@pytest.mark.parametrize("style", list(MusicStyle))
def test_every_kind_renders_safely_for_every_style(style: MusicStyle) -> None:
    for kind, x in ((kind, make(kind, style, SEED)) for kind in SFX_KINDS):
        assert x.dtype == np.float32 and x.ndim == 1, kind
        assert np.all(np.isfinite(x)), kind
        assert np.max(np.abs(x)) < 0.99, f"{kind} clips"
        assert np.max(np.abs(x)) > 0.1, f"{kind} is nearly silent"
        assert abs(float(x[0])) < 1e-3 and abs(float(x[-1])) < 1e-3, f"{kind} clicks at an end"
        assert abs(float(np.mean(x))) < 0.01, f"{kind} has a DC offset"
        limit = 1.5 if kind in LONG_KINDS else 0.6
        assert len(x) / SAMPLE_RATE <= limit, f"{kind} lasts {len(x) / SAMPLE_RATE:.2f}s"


@pytest.mark.parametrize("seed", [1, 2024])
def test_only_explosion_win_and_lose_are_long(seed: int) -> None:
    assert {"explosion", "win", "lose"} == LONG_KINDS
    for style in MusicStyle:
        for kind in SFX_KINDS:
            assert params_for(kind, style, Rng(seed).fork("sfx", kind)).duration <= (1.5 if kind in LONG_KINDS else 0.6)


@pytest.mark.parametrize("style", list(MusicStyle))
@pytest.mark.parametrize("seed", [SEED, 1234])
def test_effects_of_one_game_sound_different_from_each_other(style: MusicStyle, seed: int) -> None:
    game = _game(style, seed)
    for i, a in enumerate(SFX_KINDS):
        for b in SFX_KINDS[i + 1 :]:
            score = similarity(game[a], game[b])
            assert score < DISTINCT, f"{a} and {b} sound alike ({score:.3f})"


@pytest.mark.parametrize("style", [MusicStyle.CHIPTUNE, MusicStyle.AMBIENT, MusicStyle.ROCK])
def test_similarity_measure_ignores_inaudible_noise_changes(style: MusicStyle) -> None:
    """Calibration: only the noise realisation differs, so the measure must call these the same sound."""
    for kind in ("explosion", "dash", "push", "hurt", "attack", "step"):
        params = params_for(kind, style, Rng(SEED).fork("sfx", kind))
        reseeded = replace(params, noise_seed=params.noise_seed + 1)
        a, b = render(params).astype(np.float64), render(reseeded).astype(np.float64)
        assert not np.array_equal(a, b)
        assert similarity(a, b) > DISTINCT, kind


@pytest.mark.parametrize("style", list(MusicStyle))
def test_same_kind_style_and_seed_give_identical_samples(style: MusicStyle) -> None:
    for kind in SFX_KINDS:
        assert np.array_equal(make(kind, style, 99), make(kind, style, 99)), kind


@pytest.mark.parametrize("style", list(MusicStyle))
def test_different_seeds_give_different_samples(style: MusicStyle) -> None:
    for kind in SFX_KINDS:
        a, b = make(kind, style, 1), make(kind, style, 2)
        assert a.shape != b.shape or not np.array_equal(a, b), kind


def test_a_kind_sounds_the_same_whatever_other_kinds_exist() -> None:
    """Each kind draws from its own fork, so its params depend only on (kind, style, seed)."""
    rng = Rng(5)
    first = params_for("jump", MusicStyle.CHIPTUNE, rng.fork("sfx", "jump"))
    rng.next_u32()  # something else drew from the game's generator
    again = params_for("jump", MusicStyle.CHIPTUNE, Rng(5).fork("sfx", "jump"))
    assert first == again


@pytest.mark.parametrize("style", list(MusicStyle))
@pytest.mark.parametrize("seed", range(5))
def test_jump_and_other_rising_sounds_rise_in_pitch(style: MusicStyle, seed: int) -> None:
    for kind in ("jump", "double_jump", "win"):
        assert pitch_change(make(kind, style, seed).astype(np.float64)) > 2 ** (4 / 12), kind


@pytest.mark.parametrize("style", list(MusicStyle))
@pytest.mark.parametrize("seed", range(5))
def test_lose_and_other_falling_sounds_fall_in_pitch(style: MusicStyle, seed: int) -> None:
    for kind in ("lose", "hurt", "shoot", "stomp"):
        assert pitch_change(make(kind, style, seed).astype(np.float64)) < 2 ** (-4 / 12), kind


@pytest.mark.parametrize("style", list(MusicStyle))
def test_explosion_is_noisier_than_collect(style: MusicStyle) -> None:
    explosion = flatness(make("explosion", style, SEED).astype(np.float64))
    collect = flatness(make("collect", style, SEED).astype(np.float64))
    assert explosion > 3 * collect
    assert explosion > 0.02


def test_styles_change_the_timbre_of_the_same_effect() -> None:
    chip, soft, rock = (
        params_for("collect", style, Rng(SEED).fork("sfx", "collect"))
        for style in (MusicStyle.CHIPTUNE, MusicStyle.AMBIENT, MusicStyle.ROCK)
    )
    assert chip.wave == "square" and chip.lpf_cutoff == 0
    assert soft.wave in ("sine", "triangle") and 0 < soft.lpf_cutoff < 5000 and soft.attack > chip.attack
    assert rock.wave == "saw" and rock.drive > 0
    assert chip.base_freq == soft.base_freq == rock.base_freq  # the variation does not depend on style


def test_platformer_with_jump_stomp_and_collect_gets_its_sounds() -> None:
    kinds = sfx_for([Mechanic.JUMP, Mechanic.STOMP, Mechanic.COLLECT], "platformer")
    assert kinds == ["jump", "land", "collect", "hurt", "attack", "explosion", "stomp", "select", "pause", "win",
                     "lose"]


def test_a_top_down_game_hears_its_sword() -> None:
    """The swing and the defeat of an enemy sound in every top-down game: the sword is always there."""
    assert {"attack", "explosion", "key", "door"} <= set(sfx_for([], "topdown"))


def test_puzzle_with_push_and_undo_gets_its_sounds() -> None:
    kinds = sfx_for([Mechanic.PUSH, Mechanic.UNDO], "puzzle")
    assert kinds == ["collect", "hurt", "push", "undo", "select", "pause", "win", "lose", "step"]


def test_sfx_for_is_ordered_and_free_of_duplicates() -> None:
    kinds = sfx_for(list(Mechanic), "shooter")
    assert kinds == [kind for kind in SFX_KINDS if kind in kinds]
    assert len(kinds) == len(set(kinds))
    assert {"shoot", "explosion", "key", "door", "dash", "powerup"} <= set(kinds)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sound effect"):
        params_for("kazoo", MusicStyle.JAZZ, Rng(1))


def test_filter_recurrence_matches_the_per_sample_loop() -> None:
    """The block-vectorised one-pole solver must equal the textbook recurrence, including across blocks."""
    n = 1000
    x = np.sin(np.arange(n) * 0.37) + 0.5 * np.cos(np.arange(n) * 0.011)
    log_g = -np.linspace(0.001, 4.9, n)
    expected = np.empty(n)
    previous = 0.0
    for i in range(n):
        previous = float(np.exp(log_g[i])) * previous + float(x[i])
        expected[i] = previous
    assert np.allclose(_decaying_sum(x, log_g), expected, rtol=0, atol=1e-10)


def test_noise_is_mulberry32_evaluated_on_indices() -> None:
    rng = Rng(2024)
    expected = np.array([rng.next_u32() for _ in range(50)], dtype=np.float64) / 2147483648.0 - 1.0
    assert np.array_equal(_hash_noise(2024, np.arange(50, dtype=np.uint64)), expected)


def test_render_ends_at_zero_even_for_extreme_params() -> None:
    harsh = Params(wave="saw", base_freq=9000.0, slide=10.0, attack=0.0, sustain=0.0, decay=0.0,
                   hpf_cutoff=5000.0, lpf_cutoff=20000.0, lpf_sweep=-20.0, drive=8.0, noise_mix=1.0)
    x = render(harsh)
    assert x[0] == 0.0 and x[-1] == 0.0 and np.all(np.isfinite(x)) and np.max(np.abs(x)) < 0.99
