"""codex: the keys and touch buttons a game gets are those its rules read, and its audio switches."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.gdd import parse_gdd, read_gdd
from maestro.spec import Action, GameSpec, Genre, Mechanic
from maestro.stages.codex import READ, TOUCH, _unused, controls_of, game_js, touch_buttons
from tests.expectations import EXAMPLES

GDDS = sorted(EXAMPLES.glob("*.*"))


def gdd(genre: str, extra: str = "", audio: str = "") -> str:
    return (f"# Test Game\n\nA {genre}. The hero is Kit. {extra}\n\n" + (f"## Audio\n{audio}\n\n" if audio else "")
            + "## Enemies\n- Beetle: patrols\n\n## Levels\n1. One\n2. Two\n")


def spec_of(genre: str, extra: str = "", audio: str = "") -> GameSpec:
    spec = parse_gdd(gdd(genre, extra, audio))
    assert spec.genre.value == genre.replace("top-down", "topdown").split()[0].replace("-", ""), spec.genre
    return spec


@pytest.mark.parametrize("gdd_path", GDDS, ids=lambda p: p.name)
def test_every_touch_button_is_one_the_genre_reads_and_has_a_key(gdd_path: Path) -> None:
    spec = read_gdd(gdd_path)
    buttons = touch_buttons(spec)
    controls = controls_of(spec)
    assert buttons and len(buttons) == len(set(buttons))
    for button in buttons:
        assert button in TOUCH[spec.genre]
        assert Action(button) in READ[spec.genre] or button == "restart"
        assert button in controls, f"{button} has a button but no key"
    assert set(controls) <= {a.value for a in set(Action) - _unused(spec)}


def test_a_platformer_always_swings_but_dashes_only_with_the_dash() -> None:
    plain = spec_of("platformer")
    assert touch_buttons(plain) == ["left", "right", "jump", "action"]
    assert "secondary" not in controls_of(plain) and "down" not in controls_of(plain)
    dashing = plain.model_copy(update={"mechanics": [*plain.mechanics, Mechanic.DASH]})
    assert touch_buttons(dashing) == ["left", "right", "jump", "action", "secondary"]
    assert "KeyC" in controls_of(dashing)["secondary"]


def test_the_shooter_gets_its_bomb_and_no_jump() -> None:
    spec = spec_of("shooter", "Space fires.")
    assert touch_buttons(spec) == ["left", "right", "up", "down", "action", "secondary"]
    controls = controls_of(spec)
    assert "jump" not in controls and "undo" not in controls
    assert controls["secondary"]


def test_a_runner_has_only_jump_and_duck() -> None:
    spec = spec_of("runner")
    assert touch_buttons(spec) == ["jump", "down"]
    assert set(controls_of(spec)) == {"up", "down", "jump", "pause", "restart", "mute"}


def test_a_puzzle_has_directions_undo_and_restart_but_no_attack() -> None:
    spec = read_gdd(EXAMPLES / "crate_keeper.txt")
    assert spec.genre == Genre.PUZZLE
    assert touch_buttons(spec) == ["left", "right", "up", "down", "undo", "restart"]
    assert not {"jump", "action", "secondary"} & set(controls_of(spec))


def test_a_topdown_hero_attacks() -> None:
    spec = read_gdd(EXAMPLES / "lanterns_of_gloomwood.md")
    assert touch_buttons(spec) == ["left", "right", "up", "down", "action"]
    assert not {"jump", "secondary", "undo"} & set(controls_of(spec))


def test_a_key_the_gdd_gave_an_action_is_not_taken_by_a_fallback() -> None:
    spec = spec_of("shooter")
    spec = spec.model_copy(update={"controls": {Action.ACTION: ["KeyC"]}})
    controls = controls_of(spec)
    assert controls["action"] == ["KeyC"] and controls["secondary"] == ["KeyB"]


def test_a_game_without_audio_has_no_mute_key_and_says_so_in_its_config() -> None:
    quiet = spec_of("platformer", audio="No audio.")
    assert (quiet.audio.music, quiet.audio.sound) == (False, False)
    assert "mute" not in controls_of(quiet) and "mute" not in touch_buttons(quiet)
    assert '"music": false' in game_js(quiet, quiet.seed) and '"sound": false' in game_js(quiet, quiet.seed)
    loud = spec_of("platformer")
    assert controls_of(loud)["mute"] == ["KeyM"]
    assert '"music": true' in game_js(loud, loud.seed)
    only_effects = loud.model_copy(update={"audio": loud.audio.model_copy(update={"music": False})})
    assert controls_of(only_effects)["mute"] == ["KeyM"]
