"""A GDD that describes its sound is heard: instruments, tempo words and effect words, English and Korean."""

from __future__ import annotations

import numpy as np
import pytest

from maestro.audio import analysis, sfx
from maestro.audio.instruments import VOICES, style_with
from maestro.audio.synth import SAMPLE_RATE, note
from maestro.gdd import parse_gdd
from maestro.spec import GameSpec, MusicStyle
from maestro.stages import sonata

BASE = "# Ember\nA platformer: jump over gaps and collect coins.\n## Levels\n1. One\n2. Two\n3. Three\n"


def spec_with(audio: str, body: str = "") -> GameSpec:
    return parse_gdd(BASE + body + "## Audio\n" + audio + "\n")


@pytest.mark.parametrize(("audio", "instruments", "bpm"), [
    ("Slow harp and cello.", ["harp", "cello"], 72),
    ("Music: upbeat chiptune with electric guitar riffs.", ["electric_guitar"], 156),
    ("Calm piano and strings, 90 BPM.", ["piano", "strings"], 90),
    ("A flute melody over an organ.", ["flute", "organ"], None),
    ("느린 피아노 음악.", ["piano"], 72),
    ("빠른 템포의 신디사이저와 베이스 기타.", ["synth", "bass"], 156),
    ("가야금과 대금 연주.", ["harp", "flute"], None),
])
def test_instruments_and_tempo_words_are_read(audio: str, instruments: list[str], bpm: int | None) -> None:
    spec = spec_with(audio)
    assert spec.audio.instruments == instruments
    if bpm is not None:
        assert spec.audio.tempo_bpm == bpm


def test_words_outside_the_sound_lines_change_nothing() -> None:
    spec = spec_with("Chiptune music.", "## Story\nThe church bells ring as the slow knight walks to the harp.\n")
    assert spec.audio.instruments == []
    assert spec.audio.tempo_bpm == spec_with("Chiptune music.").audio.tempo_bpm
    # "a soft coin chime" is an effect's word, not an instrument of the band
    assert spec_with("A soft coin chime when collecting.").audio.instruments == []


@pytest.mark.parametrize(("audio", "effects"), [
    ("A crackly fire jump, soft coin chime when collecting.", {"jump": ["crackly"], "collect": ["soft", "metallic"]}),
    ("Jump: crackly, fiery whoosh. Music: calm piano.", {"jump": ["crackly", "whoosh"]}),
    ("Deep, booming explosions and a short squeaky jump.", {"explosion": ["deep", "loud"], "jump": ["short", "high"]}),
    ("점프 소리는 통통 튀는 소리, 폭발은 묵직한 소리.", {"jump": ["bouncy"], "explosion": ["loud"]}),
])
def test_effect_words_go_to_the_effect_they_describe(audio: str, effects: dict[str, list[str]]) -> None:
    assert spec_with(audio).audio.effects == effects


def test_slow_harp_and_cello_is_a_plucked_tune_over_a_bowed_bass_at_a_slow_tempo() -> None:
    spec = spec_with("Slow harp and cello.")
    soundtrack = sonata.build_audio(spec, 1)
    assert soundtrack.audio_map["instruments"] == {"harp": "lead", "cello": "bass"}
    assert soundtrack.audio_map["tempo_bpm"] == 72
    measured = soundtrack.audio_map["measured"].values()
    assert all(abs(m["tempo_bpm"] - 72) / 72 < 0.02 and m["key_fits"] for m in measured)
    look, _ = style_with(spec.audio.style, spec.audio.instruments)
    assert look.lead == VOICES["harp"].instrument and look.bass == VOICES["cello"].instrument
    quarter = SAMPLE_RATE // 4
    harp = note(look.lead, 67, 1.0)
    assert analysis.rms(harp[-quarter:]) < 0.3 * analysis.rms(harp[:quarter]), "a harp note dies away"
    cello = note(look.bass, 43, 1.0)
    assert analysis.rms(cello[:SAMPLE_RATE // 25]) < 0.5 * analysis.rms(cello[quarter:2 * quarter]), "a cello bows in"


def _brightness(samples: np.ndarray) -> float:
    """How much of the sound is in its top end: the RMS of its sample-to-sample change against its RMS."""
    sounding = analysis.sounding(np.asarray(samples, dtype=np.float64))
    return analysis.rms(np.diff(sounding)) / analysis.rms(sounding)


def test_effect_words_are_heard_and_keep_effects_under_the_music() -> None:
    plain = sfx.make("jump", MusicStyle.CHIPTUNE, 7)
    assert _brightness(sfx.make("jump", MusicStyle.CHIPTUNE, 7, ["crackly"])) > 1.5 * _brightness(plain)
    assert _brightness(sfx.make("jump", MusicStyle.CHIPTUNE, 7, ["deep"])) < 0.8 * _brightness(plain)
    described = sonata.build_audio(spec_with("Chiptune. A soft coin chime when collecting."), 1).audio_map
    undescribed = sonata.build_audio(spec_with("Chiptune."), 1).audio_map
    assert described["loudness"]["sfx-collect.mp3"] < undescribed["loudness"]["sfx-collect.mp3"] - 2
    assert described["sfx_words"] == {"collect": ["soft", "metallic"]}
    music = described["loudness"]["music-level-1.mp3"]
    assert all(db < music for name, db in described["loudness"].items() if name.startswith("sfx-"))


def test_two_games_never_share_a_jump_even_at_the_same_seed() -> None:
    first = {t.name: t.samples for t in sonata.build_audio(spec_with("Chiptune."), 1).tracks}
    other = parse_gdd(BASE.replace("Ember", "Moss Hop") + "## Audio\nChiptune.\n")
    second = {t.name: t.samples for t in sonata.build_audio(other, 1).tracks}
    assert len(first["sfx-jump"]) != len(second["sfx-jump"]) or not np.allclose(first["sfx-jump"], second["sfx-jump"])
