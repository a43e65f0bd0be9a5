"""The sonata stage: the game's music and sound effects, from the spec's audio direction.

Output under ``<prefix>/`` (MP3, mono, 22.05 kHz: see :mod:`maestro.audio.mp3` for why):
one loop per group of levels (``music-level-N.mp3``: early and late levels, more intense as they
go; the first is also the title's theme), ``music-boss.mp3`` when the game has a boss, ``jingle-win.mp3``
and ``jingle-lose.mp3``, ``sfx-<kind>.mp3`` for every effect the mechanics need, and
``audio.json``, the map the runtime reads (which loop plays on which level, where each loop's
seamless span starts and ends, the effects, every file's loudness) with the figures measured on
the rendered audio: tempo, key fit, loop seam, peak and loudness. ``wav=True`` (``maestro audio``)
also stores every track as 16-bit WAV, to listen to or edit.

A loop is an A and a B section, 16 bars or at least 30 seconds (:func:`loop_bars`). Music sits at
one loudness and each effect below it by its own margin (:data:`EFFECT_DB`): a landing tick
under the music, an explosion just under it. A GDD that asks for no music gets no loops and no
jingles, one that asks for no sound effects no effects, and one that asks for no audio neither
(``audio.json`` says so in ``music`` and ``sound``).
"""

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from maestro.audio import analysis, sfx
from maestro.audio.compose import Note, Score, compose
from maestro.audio.instruments import style_with
from maestro.audio.mp3 import EFFECT_KBPS, Encoded, loop_mp3, mp3
from maestro.audio.render import PEAK, level, render, samples_per_beat
from maestro.audio.synth import SAMPLE_RATE, Samples
from maestro.audio.theory import Key
from maestro.audio.wav import wav_bytes
from maestro.manifest import StageManifest
from maestro.plan import game_print, plan_levels
from maestro.rng import Rng, derive_seed
from maestro.spec import GameSpec
from maestro.store import Store

STAGE = "sonata"
VERSION = 3
WAV = "audio/wav"
MP3 = "audio/mpeg"
JSON = "application/json"
#: Level loops: one for the early levels, one for the late ones (the boss has its own).
MAX_GROUPS = 2
#: A loop lasts at least this long, or 16 bars (two 8-bar sections) at a fast tempo.
MIN_LOOP_SECONDS = 30.0
LOOP_BARS = 16
#: Each effect's loudness (RMS, dB) against the music's: under it, by how much the moment matters.
#: Frequent small sounds (steps, landings, shots) sit far under; rare big ones (an explosion, a
#: level won) just under. Not listed: -8 dB.
EFFECT_DB: dict[str, float] = {
    "step": -16.0, "land": -14.0, "shoot": -12.0, "select": -11.0, "pause": -11.0, "undo": -11.0, "push": -11.0,
    "jump": -9.0, "double_jump": -9.0, "dash": -9.0, "attack": -8.0, "collect": -7.0, "key": -6.0, "door": -7.0,
    "stomp": -6.0, "hurt": -5.0, "powerup": -5.0, "explosion": -4.0, "win": -3.0, "lose": -3.0,
}
TEMPO_EXCERPT = 12
#: Jingles take the music's place for a moment, a little under it.
JINGLE_DB = -1.0
#: Jingles keep the key but not a slow tempo: a win or a loss should be said in about three seconds.
JINGLE_MIN_BPM = 110


@dataclass(frozen=True)
class Track:
    name: str
    samples: Samples
    loop: bool
    #: RMS loudness against the music's, dB (0 for music).
    gain_db: float = 0.0


@dataclass(frozen=True)
class Soundtrack:
    tracks: list[Track]
    audio_map: dict[str, Any]


def loop_bars(bpm: int) -> int:
    """Bars in a loop: 16, or fewer (a multiple of 4, at least 8) when that already lasts 30 s."""
    bar_seconds = 4 * samples_per_beat(bpm) / SAMPLE_RATE
    return next((bars for bars in (8, 12) if bars * bar_seconds >= MIN_LOOP_SECONDS), LOOP_BARS)


def build_audio(spec: GameSpec, seed: int) -> Soundtrack:
    audio = spec.audio
    key = Key.parse(audio.root, audio.mode)
    bpm = audio.tempo_bpm
    bars = loop_bars(bpm)
    rng = Rng(derive_seed(seed, STAGE))
    plans = plan_levels(spec, seed)
    boss_levels = [plan.index for plan in plans if plan.boss is not None]
    groups = min(MAX_GROUPS, len(plans))
    look, parts = style_with(audio.style, audio.instruments)

    level_music = {
        str(plan.index): "music-boss" if plan.index in boss_levels
        else f"music-level-{(plan.index - 1) * groups // len(plans) + 1}"
        for plan in plans
    } if audio.music else {}
    tracks: list[Track] = []
    if audio.music:  # a GDD that asks for no music (or no audio) gets none: no loops, no jingles
        # Only the loops some level plays; the title plays the first level's, the game's main theme.
        for group in range(groups):
            if f"music-level-{group + 1}" in level_music.values() or group == 0:
                score = compose(key, audio.mood, audio.style, bars, rng.fork("level", group), min(2, group + 1),
                                bpm=bpm, look=look)
                tracks.append(Track(f"music-level-{group + 1}", render(score, bpm, audio.style, look=look), True))
        if boss_levels:
            score = compose(key, audio.mood, audio.style, bars, rng.fork("boss"), 2, boss=True, bpm=bpm, look=look)
            tracks.append(Track("music-boss", render(score, bpm, audio.style, look=look), True))
        brisk = max(bpm, JINGLE_MIN_BPM)
        for name, win in (("jingle-win", True), ("jingle-lose", False)):
            samples = render(_jingle(key, win=win), brisk, audio.style, loop=False, look=look)
            tracks.append(Track(name, _scaled(samples, JINGLE_DB), False, JINGLE_DB))
    effects = sfx.sfx_for(spec.mechanics, spec.genre.value) if audio.sound else []
    # The game's own print in the seed: two games never share a jump sound, even at the same seed.
    effect_seed = derive_seed(seed, STAGE, "sfx", game_print(spec))
    for kind in effects:
        words = audio.effects.get(kind, [])
        samples = level(sfx.make(kind, audio.style, effect_seed, words).astype("float64"), fade=True)
        # "soft" sits further under the music, "loud" nearer to it, never above it.
        gain = min(-2.0, EFFECT_DB.get(kind, -8.0) - 4.0 * ("soft" in words) + 3.0 * ("loud" in words))
        tracks.append(Track(f"sfx-{kind}", _scaled(samples, gain), False, gain))

    audio_map: dict[str, Any] = {
        "format": "maestro.audio/1",
        "sample_rate": SAMPLE_RATE,
        "tempo_bpm": bpm,
        "key": f"{audio.root} {audio.mode}",
        "mood": audio.mood.value,
        "style": audio.style.value,
        "instruments": parts if audio.music else {},
        "loop_bars": bars,
        "loop_seconds": round(bars * 4 * samples_per_beat(bpm) / SAMPLE_RATE, 3),
        "music": audio.music,
        "sound": audio.sound,
        "title": "music-level-1.mp3" if audio.music else None,
        "levels": {index: f"{name}.mp3" for index, name in level_music.items()},
        "boss": "music-boss.mp3" if boss_levels and audio.music else None,
        "jingles": {"win": "jingle-win.mp3", "lose": "jingle-lose.mp3"} if audio.music else {},
        "sfx": {kind: f"sfx-{kind}.mp3" for kind in effects},
        "sfx_words": {kind: audio.effects[kind] for kind in effects if audio.effects.get(kind)},
        # The mix: every file's RMS loudness in dBFS as heard (a loop over its span, an effect from its
        # first to its last sound), and each one-shot's margin under the music.
        "loudness": {f"{track.name}.mp3": _dbfs(analysis.rms(analysis.sounding(track.samples))) for track in tracks},
        "mix_db": {f"{track.name}.mp3": track.gain_db for track in tracks if not track.loop},
        "measured": {track.name: _measure(track, key, bpm) for track in tracks if track.loop},
    }
    return Soundtrack(tracks, audio_map)


def _scaled(samples: Samples, gain_db: float) -> Samples:
    """``samples`` (levelled to the music's RMS) ``gain_db`` quieter or louder, their peak kept in range."""
    out: Samples = samples * 10 ** (gain_db / 20)
    peak = float(np.abs(out).max(initial=0.0))
    return out * (PEAK / peak) if peak > PEAK else out


def _dbfs(rms: float) -> float:
    return round(20 * math.log10(max(rms, 1e-9)), 1)


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
    # The tempo from the first 12 seconds: enough beats at any tempo, and a third of the cost.
    heard = analysis.tempo(track.samples[:TEMPO_EXCERPT * SAMPLE_RATE], SAMPLE_RATE)
    return {
        "tempo_bpm": round(heard, 2),
        "tempo_error": round(abs(heard - bpm) / bpm, 4),
        "in_key": round(fit.inside, 3),
        "key_fits": fit.fits,
        "seam": round(analysis.seam_jump(track.samples), 3),
        "peak": round(analysis.peak(track.samples), 3),
        "rms": round(analysis.rms(track.samples), 4),
    }


def encode(soundtrack: Soundtrack) -> dict[str, Encoded]:
    """Every track as MP3 by name: loops with their seamless span, one-shots as they are."""
    return {track.name: loop_mp3(track.samples) if track.loop else Encoded(mp3(track.samples, EFFECT_KBPS))
            for track in soundtrack.tracks}


def loop_spans(encoded: dict[str, Encoded]) -> dict[str, list[float]]:
    """audio.json "loops": the seamless span of each loop in its decoded file, in seconds."""
    return {f"{name}.mp3": [round(e.loop_start, 6), round(e.loop_end, 6)] for name, e in encoded.items()
            if e.loop_start is not None and e.loop_end is not None}


def run(spec: GameSpec, seed: int, store: Store, prefix: str, wav: bool = False) -> StageManifest:
    """Render, measure, encode and store the soundtrack (and its WAVs with ``wav``); return the manifest."""
    soundtrack = build_audio(spec, seed)
    encoded = encode(soundtrack)
    stored = [store.put(f"{prefix}/{name}.mp3", mp3_file.data, MP3) for name, mp3_file in encoded.items()]
    if wav:
        stored += [store.put(f"{prefix}/{track.name}.wav", wav_bytes(track.samples), WAV)
                   for track in soundtrack.tracks]
    audio_map = dict(
        soundtrack.audio_map,
        bytes={f.key.rsplit("/", 1)[1]: f.bytes for f in stored if f.key.endswith(".mp3")},
        loops=loop_spans(encoded),
    )
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
