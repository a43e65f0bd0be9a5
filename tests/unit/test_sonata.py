"""The soundtrack as a listener checks it: the spec's tempo and key, seamless loops, nothing clipped."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from maestro.audio import analysis
from maestro.audio.compose import compose
from maestro.audio.render import TARGET_RMS, render
from maestro.audio.synth import SAMPLE_RATE
from maestro.audio.theory import Key
from maestro.audio.wav import read_wav
from maestro.gdd import parse_gdd, read_gdd
from maestro.manifest import StageManifest
from maestro.rng import Rng
from maestro.spec import GameSpec, Mood, MusicStyle
from maestro.stages import sonata
from maestro.store import LocalStore
from tests.expectations import EXAMPLES

EXAMPLE_GDDS = sorted(EXAMPLES.glob("*.*"))


@cache
def stored(path: Path, root: Path) -> tuple[GameSpec, StageManifest, LocalStore]:
    spec = read_gdd(path)
    store = LocalStore(root / path.stem)
    return spec, sonata.run(spec, spec.seed, store, "sonata"), store


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sonata")


def wav(store: LocalStore, manifest: StageManifest, name: str) -> np.ndarray:
    samples, rate = read_wav(store.get(manifest.file(name).key))
    assert rate == SAMPLE_RATE
    return samples


@pytest.mark.parametrize("gdd", EXAMPLE_GDDS, ids=lambda p: p.name)
def test_every_loop_has_the_spec_tempo_and_key_and_joins_without_a_click(gdd: Path, root: Path) -> None:
    spec, manifest, store = stored(gdd, root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    key = Key.parse(spec.audio.root, spec.audio.mode)
    loops = [name for name in (audio["title"], *audio["levels"].values(), audio["boss"]) if name]
    for name in sorted(set(loops)):
        samples = wav(store, manifest, name)
        heard = analysis.tempo(samples, SAMPLE_RATE)
        assert abs(heard - spec.audio.tempo_bpm) / spec.audio.tempo_bpm < 0.02, f"{name}: heard {heard:.1f} BPM"
        fit = analysis.key_fit(samples, SAMPLE_RATE, key.tonic, key.mode)
        assert fit.fits, f"{name}: {fit}"
        assert analysis.seam_jump(samples) < 1.5, f"{name}: the loop clicks where it joins"


@pytest.mark.parametrize("gdd", EXAMPLE_GDDS, ids=lambda p: p.name)
def test_nothing_clips_is_off_centre_or_louder_than_the_rest(gdd: Path, root: Path) -> None:
    _, manifest, store = stored(gdd, root)
    music_rms = []
    for entry in manifest.files:
        if not entry.key.endswith(".wav"):
            continue
        samples = wav(store, manifest, entry.key.rsplit("/", 1)[1])
        assert analysis.peak(samples) < 0.99 and not np.any(np.abs(samples) >= 32767 / 32767), entry.key
        assert abs(float(samples.mean())) < 0.005, f"{entry.key} has a DC offset"
        if "/music-" in entry.key:
            music_rms.append(analysis.rms(samples))
    if music_rms:  # warehouse_shift.md asks for no music
        spread_db = 20 * np.log10(max(music_rms) / min(music_rms))
        assert spread_db < 1.5, f"music loops differ in loudness by {spread_db:.1f} dB"


@pytest.mark.parametrize("gdd", EXAMPLE_GDDS[:6], ids=lambda p: p.name)
def test_effects_and_jingles_are_short_and_start_and_end_silent(gdd: Path, root: Path) -> None:
    spec, manifest, store = stored(gdd, root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert {"jump", "collect", "hurt"} & set(audio["sfx"]) or spec.genre.value in ("puzzle", "shooter")
    for name in [*audio["sfx"].values(), *audio["jingles"].values()]:
        samples = wav(store, manifest, name)
        assert len(samples) / SAMPLE_RATE <= 4.5, name
        assert abs(samples[0]) < 2e-3 and abs(samples[-1]) < 2e-3, f"{name} would click"


def test_the_map_sends_each_level_to_a_loop_and_boss_levels_to_the_boss_theme(root: Path) -> None:
    spec, manifest, store = stored(EXAMPLES / "moss_knight.md", root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert list(audio["levels"]) == [str(level.index) for level in spec.levels]
    assert audio["levels"][str(len(spec.levels))] == "music-boss.wav"
    assert audio["levels"]["1"] == "music-level-1.wav"
    names = [audio["levels"][str(i)] for i in range(1, len(spec.levels))]
    assert names == sorted(names), "level groups come in order: early, middle, late"

    spec, manifest, store = stored(EXAMPLES / "crate_keeper.txt", root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert audio["boss"] is None and "music-boss.wav" not in audio["levels"].values()
    assert len(set(audio["levels"].values())) == 3


def test_sizes_are_sane_and_stated(root: Path) -> None:
    _, manifest, store = stored(EXAMPLES / "lanterns_of_gloomwood.md", root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert sum(audio["bytes"].values()) == sum(f.bytes for f in manifest.files if f.key.endswith(".wav"))
    assert manifest.meta["bytes"] < 6_000_000
    assert audio["loop_seconds"] <= 16.5


@pytest.mark.parametrize("name", ["moss_knight.md", "neon_vanguard.md"])
def test_same_spec_and_seed_store_identical_bytes(name: str, tmp_path: Path) -> None:
    spec = read_gdd(EXAMPLES / name)
    first = sonata.run(spec, 5, LocalStore(tmp_path / "a"), "s")
    second = sonata.run(spec, 5, LocalStore(tmp_path / "b"), "s")
    assert [(f.key, f.sha256) for f in first.files] == [(f.key, f.sha256) for f in second.files]
    third = sonata.run(spec, 6, LocalStore(tmp_path / "c"), "s")
    assert first.file("music-title.wav").sha256 != third.file("music-title.wav").sha256


SWEEP = list(itertools.product(
    MusicStyle, [Mood.CHEERFUL, Mood.DARK, Mood.CALM, Mood.EPIC],
    [(40, "Bb", "major"), (80, "A", "minor"), (128, "C", "major"), (150, "F#", "minor"), (240, "E", "minor")],
))


@pytest.mark.slow
@pytest.mark.parametrize(("style", "mood", "tempo_key"), SWEEP, ids=lambda v: getattr(v, "value", str(v)))
def test_any_style_mood_key_and_tempo_is_heard_as_written(style: MusicStyle, mood: Mood,
                                                          tempo_key: tuple[int, str, str]) -> None:
    bpm, root, mode = tempo_key
    key = Key.parse(root, mode)
    for boss in (False, True):
        samples = render(compose(key, mood, style, sonata.loop_bars(bpm), Rng(bpm), 2, boss=boss, bpm=bpm),
                         bpm, style)
        heard = analysis.tempo(samples, SAMPLE_RATE)
        assert abs(heard - bpm) / bpm < 0.02, f"heard {heard:.1f} BPM"
        assert analysis.key_fit(samples, SAMPLE_RATE, key.tonic, key.mode).fits
        assert analysis.seam_jump(samples) < 1.5
        assert analysis.rms(samples) == pytest.approx(TARGET_RMS, rel=0.35)


def test_audio_command_writes_the_wavs_and_says_tempo_and_key(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "audio", str(EXAMPLES / "neon_vanguard.md"),
                             "-o", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sonata" / "music-title.wav").is_file() and (tmp_path / "sonata" / "audio.json").is_file()
    assert "150 BPM" in result.stdout and "C minor" in result.stdout


@pytest.mark.parametrize(("line", "music", "sound"), [
    ("No audio.", False, False),
    ("No music, just punchy sound effects.", False, True),
    ("Music: chiptune. No sound effects.", True, False),
    ("효과음 없음. 잔잔한 피아노 음악.", True, False),
    ("There is no audio yet (TODO).", True, True),
])
def test_a_gdd_that_asks_for_silence_gets_it(line: str, music: bool, sound: bool, tmp_path: Path) -> None:
    spec = parse_gdd(f"# Hop\nA platformer: jump over gaps.\n## Levels\n1. One\n2. Two\n## Audio\n{line}\n")
    assert (spec.audio.music, spec.audio.sound) == (music, sound)
    manifest = sonata.run(spec, spec.seed, LocalStore(tmp_path), "jobs/x/sonata")
    names = {f.key.rsplit("/", 1)[1] for f in manifest.files}
    assert any(name.startswith("music-") for name in names) == music
    assert any(name.startswith("jingle-") for name in names) == music
    assert any(name.startswith("sfx-") for name in names) == sound
    audio = json.loads(LocalStore(tmp_path).get(manifest.file("audio.json").key))
    assert (audio["music"], audio["sound"]) == (music, sound)
    assert audio["levels"] == {} or music
