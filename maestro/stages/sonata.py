"""The sonata stage: the game's music and sound effects, from the spec's audio direction.

Output under ``<prefix>/`` (16-bit PCM mono WAV at 22.05 kHz): ``music-title.wav``, one loop
per group of levels (``music-level-N.wav``: early, middle and late levels, more intense as they
go), ``music-boss.wav`` when the game has a boss, ``jingle-win.wav`` and ``jingle-lose.wav``,
``sfx-<kind>.wav`` for every effect the mechanics need, and ``audio.json``, the map the runtime
reads (which loop plays on which level, loop lengths, the effects) with the figures measured
on the rendered audio: tempo, key fit, loop seam, peak and loudness. A GDD that asks for no
music gets no loops and no jingles, one that asks for no sound effects no effects, and one that
asks for no audio neither (``audio.json`` says so in ``music`` and ``sound``).
"""

import json
from dataclasses import dataclass
from typing import Any

from maestro.audio import analysis, sfx
from maestro.audio.compose import Note, Score, compose
from maestro.audio.render import level, render, samples_per_beat
from maestro.audio.synth import SAMPLE_RATE, Samples
from maestro.audio.theory import Key
from maestro.audio.wav import wav_bytes
from maestro.manifest import StageManifest
from maestro.plan import plan_levels
from maestro.rng import Rng, derive_seed
from maestro.spec import GameSpec
from maestro.store import Store

STAGE = "sonata"
VERSION = 2
WAV = "audio/wav"
JSON = "application/json"
MAX_GROUPS = 3
MAX_LOOP_SECONDS = 16.0
#: Jingles keep the key but not a slow tempo: a win or a loss should be said in about three seconds.
JINGLE_MIN_BPM = 110


@dataclass(frozen=True)
class Track:
    name: str
    samples: Samples
    loop: bool


@dataclass(frozen=True)
class Soundtrack:
    tracks: list[Track]
    audio_map: dict[str, Any]


def loop_bars(bpm: int) -> int:
    """Eight bars, or four when eight would run past ``MAX_LOOP_SECONDS`` (keeps files small)."""
    return 8 if 32 * samples_per_beat(bpm) / SAMPLE_RATE <= MAX_LOOP_SECONDS else 4


def build_audio(spec: GameSpec, seed: int) -> Soundtrack:
    audio = spec.audio
    key = Key.parse(audio.root, audio.mode)
    bpm = audio.tempo_bpm
    bars = loop_bars(bpm)
    rng = Rng(derive_seed(seed, STAGE))
    plans = plan_levels(spec, seed)
    boss_levels = [plan.index for plan in plans if plan.boss is not None]
    groups = min(MAX_GROUPS, len(plans))

    tracks: list[Track] = []
    if audio.music:  # a GDD that asks for no music (or no audio) gets none: no loops, no jingles
        tracks.append(Track("music-title", render(compose(key, audio.mood, audio.style, bars, rng.fork("title"), 0,
                                                          bpm=bpm), bpm, audio.style), True))
        for group in range(groups):
            score = compose(key, audio.mood, audio.style, bars, rng.fork("level", group), min(2, group + 1), bpm=bpm)
            tracks.append(Track(f"music-level-{group + 1}", render(score, bpm, audio.style), True))
        if boss_levels:
            score = compose(key, audio.mood, audio.style, bars, rng.fork("boss"), 2, boss=True, bpm=bpm)
            tracks.append(Track("music-boss", render(score, bpm, audio.style), True))
        brisk = max(bpm, JINGLE_MIN_BPM)
        tracks.append(Track("jingle-win", render(_jingle(key, win=True), brisk, audio.style, loop=False), False))
        tracks.append(Track("jingle-lose", render(_jingle(key, win=False), brisk, audio.style, loop=False), False))
    effects = sfx.sfx_for(spec.mechanics, spec.genre.value) if audio.sound else []
    for kind in effects:
        samples = sfx.make(kind, audio.style, derive_seed(seed, STAGE, "sfx")).astype("float64")
        tracks.append(Track(f"sfx-{kind}", level(samples, fade=True), False))

    level_music = {
        str(plan.index): "music-boss.wav" if plan.index in boss_levels
        else f"music-level-{(plan.index - 1) * groups // len(plans) + 1}.wav"
        for plan in plans
    } if audio.music else {}
    audio_map: dict[str, Any] = {
        "format": "maestro.audio/1",
        "sample_rate": SAMPLE_RATE,
        "tempo_bpm": bpm,
        "key": f"{audio.root} {audio.mode}",
        "mood": audio.mood.value,
        "style": audio.style.value,
        "loop_bars": bars,
        "loop_seconds": round(bars * 4 * samples_per_beat(bpm) / SAMPLE_RATE, 3),
        "music": audio.music,
        "sound": audio.sound,
        "title": "music-title.wav" if audio.music else None,
        "levels": level_music,
        "boss": "music-boss.wav" if boss_levels and audio.music else None,
        "jingles": {"win": "jingle-win.wav", "lose": "jingle-lose.wav"} if audio.music else {},
        "sfx": {kind: f"sfx-{kind}.wav" for kind in effects},
        "measured": {track.name: _measure(track, key, bpm) for track in tracks if track.loop},
    }
    return Soundtrack(tracks, audio_map)


def _jingle(key: Key, win: bool) -> Score:
    """Six beats: a rising arpeggio to the tonic (win) or a falling line to a low tonic (lose)."""
    score = Score(beats=6)
    line = (0, 2, 4, 7) if win else (4, 3, 1, 0)
    for i, degree in enumerate(line):
        score.notes.append(Note(i * 0.5, 0.45, key.degree(degree, 4), "lead"))
    final = key.triad(0, 4) if win else key.triad(0, 3)
    for pitch in final:
        score.notes.append(Note(2.0, 3.0, pitch, "chords"))
    score.notes.append(Note(2.0, 3.0, key.degree(0, 2), "bass"))
    score.hits += [(0.0, "kick", 0.8), (2.0, "kick", 1.0), (2.0, "snare", 0.6 if win else 0.3)]
    return score


def _measure(track: Track, key: Key, bpm: int) -> dict[str, Any]:
    fit = analysis.key_fit(track.samples, SAMPLE_RATE, key.tonic, key.mode)
    heard = analysis.tempo(track.samples, SAMPLE_RATE)
    return {
        "tempo_bpm": round(heard, 2),
        "tempo_error": round(abs(heard - bpm) / bpm, 4),
        "in_key": round(fit.inside, 3),
        "key_fits": fit.fits,
        "seam": round(analysis.seam_jump(track.samples), 3),
        "peak": round(analysis.peak(track.samples), 3),
        "rms": round(analysis.rms(track.samples), 4),
    }


def run(spec: GameSpec, seed: int, store: Store, prefix: str) -> StageManifest:
    """Render, measure and store the soundtrack; return the stage manifest."""
    soundtrack = build_audio(spec, seed)
    stored = [store.put(f"{prefix}/{track.name}.wav", wav_bytes(track.samples), WAV) for track in soundtrack.tracks]
    audio_map = dict(soundtrack.audio_map, bytes={f.key.rsplit("/", 1)[1]: f.bytes for f in stored})
    stored.append(store.put(f"{prefix}/audio.json",
                            (json.dumps(audio_map, sort_keys=True, indent=1) + "\n").encode(), JSON))
    music = [t for t in soundtrack.tracks if t.name.startswith("music-")]
    return StageManifest(
        stage=STAGE,
        files=stored,
        meta={
            "version": VERSION,
            "tempo_bpm": spec.audio.tempo_bpm,
            "key": soundtrack.audio_map["key"],
            "loops": len(music),
            "sfx": len(soundtrack.audio_map["sfx"]),
            "music_seconds": round(sum(len(t.samples) for t in music) / SAMPLE_RATE, 1),
            "bytes": sum(f.bytes for f in stored),
        },
    )
