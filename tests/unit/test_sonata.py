"""The soundtrack as a listener checks it: the spec's tempo and key, seamless loops, nothing clipped.

The files are MP3 (what the page embeds); they are decoded here with libsndfile's MP3 decoder
(``soundfile``), a different decoder from the browser's, which is the point: a loop's span must
join seamlessly whatever priming delay the decoder leaves in.
"""

from __future__ import annotations

import io
import itertools
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import soundfile

from maestro.audio import analysis
from maestro.audio.compose import Score, compose
from maestro.audio.mp3 import loop_mp3
from maestro.audio.render import TARGET_RMS, render
from maestro.audio.synth import SAMPLE_RATE
from maestro.audio.theory import Key
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


def decoded(data: bytes) -> np.ndarray:
    samples, rate = soundfile.read(io.BytesIO(data), dtype="float64")
    assert rate == SAMPLE_RATE
    return np.asarray(samples)


def stored_file(store: LocalStore, manifest: StageManifest, name: str) -> np.ndarray:
    return decoded(store.get(manifest.file(name).key))


def loop_span(store: LocalStore, manifest: StageManifest, name: str) -> np.ndarray:
    """The samples of a stored loop between its ``loops`` span in audio.json: what a browser loops."""
    audio = json.loads(store.get(manifest.file("audio.json").key))
    start, end = audio["loops"][name]
    return stored_file(store, manifest, name)[round(start * SAMPLE_RATE):round(end * SAMPLE_RATE)]


@pytest.mark.parametrize("gdd", EXAMPLE_GDDS, ids=lambda p: p.name)
def test_every_loop_has_the_spec_tempo_and_key_and_joins_without_a_click(gdd: Path, root: Path) -> None:
    spec, manifest, store = stored(gdd, root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    key = Key.parse(spec.audio.root, spec.audio.mode)
    loops = [name for name in (audio["title"], *audio["levels"].values(), audio["boss"]) if name]
    for name in sorted(set(loops)):
        samples = loop_span(store, manifest, name)
        assert len(samples) / SAMPLE_RATE >= 29.9 or audio["loop_bars"] >= 16, f"{name} is a short loop"
        heard = analysis.tempo(samples[:12 * SAMPLE_RATE], SAMPLE_RATE)
        assert abs(heard - spec.audio.tempo_bpm) / spec.audio.tempo_bpm < 0.02, f"{name}: heard {heard:.1f} BPM"
        fit = analysis.key_fit(samples, SAMPLE_RATE, key.tonic, key.mode)
        assert fit.fits, f"{name}: {fit}"
        assert analysis.seam_jump(samples) < 1.5, f"{name}: the decoded loop clicks where it joins"


@pytest.mark.parametrize("gdd", EXAMPLE_GDDS, ids=lambda p: p.name)
def test_nothing_clips_and_effects_sit_under_the_music(gdd: Path, root: Path) -> None:
    spec, manifest, store = stored(gdd, root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    music_rms, effect_rms = [], {}
    for entry in manifest.files:
        if not entry.key.endswith(".mp3"):
            continue
        name = entry.key.rsplit("/", 1)[1]
        samples = stored_file(store, manifest, name)
        assert analysis.peak(samples) < 0.99, f"{name} clips"
        assert abs(float(samples.mean())) < 0.005, f"{name} has a DC offset"
        heard = loop_span(store, manifest, name) if name.startswith("music-") else analysis.sounding(samples)
        if name.startswith("music-"):
            music_rms.append(analysis.rms(heard))
        elif name.startswith("sfx-"):
            effect_rms[name] = analysis.rms(heard)
        stated = audio["loudness"][name]
        heard_db = 20 * np.log10(analysis.rms(heard))
        if name.startswith("music-"):
            assert stated == pytest.approx(heard_db, abs=1.0), f"{name}: not as loud as audio.json says"
        else:  # MP3 drops some of a quiet, hissy effect's top end: never louder than stated, a little softer
            assert stated - 4.0 < heard_db < stated + 1.0, f"{name}: {heard_db:.1f} dB, stated {stated}"
    if music_rms:  # warehouse_shift.md asks for no music
        spread_db = 20 * np.log10(max(music_rms) / min(music_rms))
        assert spread_db < 1.5, f"music loops differ in loudness by {spread_db:.1f} dB"
        for name, rms in effect_rms.items():
            assert rms < min(music_rms), f"{name} is as loud as the music"
            assert audio["mix_db"][name] < 0
    assert effect_rms or not spec.audio.sound


@pytest.mark.parametrize("gdd", EXAMPLE_GDDS[:6], ids=lambda p: p.name)
def test_effects_and_jingles_are_short_and_start_and_end_silent(gdd: Path, root: Path) -> None:
    spec, manifest, store = stored(gdd, root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert {"jump", "collect", "hurt"} & set(audio["sfx"]) or spec.genre.value in ("puzzle", "shooter")
    tracks = {f"{track.name}.mp3": track.samples for track in sonata.build_audio(spec, spec.seed).tracks}
    for name in [*audio["sfx"].values(), *audio["jingles"].values()]:
        samples = tracks[name]
        assert len(samples) / SAMPLE_RATE <= 4.5, name
        assert abs(samples[0]) < 2e-3 and abs(samples[-1]) < 2e-3, f"{name} would click"
        heard = stored_file(store, manifest, name)
        assert abs(heard[0]) < 2e-3 and abs(heard[-1]) < 2e-3, f"{name} would click once decoded"


def test_the_map_sends_each_level_to_a_loop_and_boss_levels_to_the_boss_theme(root: Path) -> None:
    spec, manifest, store = stored(EXAMPLES / "moss_knight.md", root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert list(audio["levels"]) == [str(level.index) for level in spec.levels]
    assert audio["levels"][str(len(spec.levels))] == "music-boss.mp3"
    assert audio["levels"]["1"] == "music-level-1.mp3" == audio["title"]
    names = [audio["levels"][str(i)] for i in range(1, len(spec.levels))]
    assert names == sorted(names), "level groups come in order: early, middle, late"

    spec, manifest, store = stored(EXAMPLES / "crate_keeper.txt", root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert audio["boss"] is None and "music-boss.mp3" not in audio["levels"].values()
    assert len(set(audio["levels"].values())) == 2


def test_sizes_are_stated_and_small_enough_for_the_page(root: Path) -> None:
    _, manifest, store = stored(EXAMPLES / "lanterns_of_gloomwood.md", root)
    audio = json.loads(store.get(manifest.file("audio.json").key))
    assert sum(audio["bytes"].values()) == sum(f.bytes for f in manifest.files if f.key.endswith(".mp3"))
    assert not any(f.key.endswith(".wav") for f in manifest.files), "the game carries MP3 only"
    # 3 loops of about 38 s at 32 kbit/s, jingles and effects: under 600 KB, about 4 KB a second of music.
    assert manifest.meta["bytes"] < 600_000
    assert audio["loop_seconds"] >= 30


@pytest.mark.parametrize("name", ["moss_knight.md", "neon_vanguard.md"])
def test_same_spec_and_seed_store_identical_bytes(name: str, tmp_path: Path) -> None:
    spec = read_gdd(EXAMPLES / name)
    first = sonata.run(spec, 5, LocalStore(tmp_path / "a"), "s")
    second = sonata.run(spec, 5, LocalStore(tmp_path / "b"), "s")
    assert [(f.key, f.sha256) for f in first.files] == [(f.key, f.sha256) for f in second.files]
    third = sonata.run(spec, 6, LocalStore(tmp_path / "c"), "s")
    assert first.file("music-level-1.mp3").sha256 != third.file("music-level-1.mp3").sha256


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
        heard = analysis.tempo(samples[:sonata.TEMPO_EXCERPT * SAMPLE_RATE], SAMPLE_RATE)
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
    for name in ("music-level-1.wav", "music-level-1.mp3", "sfx-shoot.wav", "audio.json"):
        assert (tmp_path / "sonata" / name).is_file(), name
    samples, rate = soundfile.read(tmp_path / "sonata" / "music-level-1.wav")
    assert rate == SAMPLE_RATE and len(samples) / rate >= 24
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


def test_a_decoded_loop_is_the_rendered_loop_and_joins_without_a_click() -> None:
    """The MP3 span, decoded, lines up with the rendered loop and its seam is as smooth as its inside."""
    key = Key.parse("D", "minor")
    samples = render(compose(key, Mood.TENSE, MusicStyle.CHIPTUNE, 8, Rng(4), 2, bpm=150), 150, MusicStyle.CHIPTUNE)
    encoded = loop_mp3(samples)
    heard = decoded(encoded.data)
    span = heard[round(encoded.loop_start * SAMPLE_RATE):round(encoded.loop_end * SAMPLE_RATE)]
    assert len(span) == len(samples)
    # Whatever delay the decoder kept, the span is the loop turned by that many samples, not another signal.
    lag = int(np.argmax([float(np.dot(np.roll(samples, d), span)) for d in range(0, 2048)]))
    residual = analysis.rms(np.roll(samples, lag) - span) / analysis.rms(samples)
    assert residual < 0.35, f"decoded span differs from the loop by {residual:.0%}"
    jumps = np.abs(np.diff(span))
    seam = abs(float(span[0] - span[-1]))
    assert seam <= np.percentile(jumps, 99.9), "a click where the decoded loop joins"
    assert analysis.seam_jump(span) < 1.5


@pytest.mark.parametrize("style", list(MusicStyle), ids=lambda s: s.value)
def test_every_style_has_an_a_and_a_b_section_and_a_lead_you_can_follow(style: MusicStyle) -> None:
    key = Key.parse("G", "major")
    bars = sonata.loop_bars(128)
    score = compose(key, Mood.CHEERFUL, style, bars, Rng(11), 1, bpm=128)
    assert bars == 16 and score.beats == 64
    lead = [n for n in score.notes if n.voice == "lead"]
    half = score.beats / 2
    a = [(n.beat, n.pitch) for n in lead if n.beat < half]
    b = [(n.beat - half, n.pitch) for n in lead if n.beat >= half]
    assert a and b and a != b, "section B repeats section A"
    chords_a = [n.pitch for n in score.notes if n.voice == "chords" and n.beat < 16]
    chords_b = [n.pitch for n in score.notes if n.voice == "chords" and half <= n.beat < half + 16]
    assert chords_a != chords_b, "B plays A's chords in A's order"
    downbeats = {int(n.beat // 4) for n in lead if n.beat % 4 == 0}
    assert downbeats == set(range(bars)), "the lead drops out for whole bars"
    raw = {"lead": Score(score.beats, lead), "rest": Score(score.beats, [n for n in score.notes
                                                                        if n.voice != "lead"], score.hits)}
    rms = {part: analysis.rms(render(s, 128, style, normalise=False)) for part, s in raw.items()}
    assert rms["lead"] / rms["rest"] > 0.4, f"the lead is {20 * np.log10(rms['lead'] / rms['rest']):.1f} dB under"

