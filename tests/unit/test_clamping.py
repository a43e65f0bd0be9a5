"""Out-of-range numbers are clamped into what the game can build, with a warning."""

from __future__ import annotations

import pytest

from maestro import parse_gdd


@pytest.mark.parametrize(("text", "attribute", "value", "warned"), [
    ("Genre: platformer\nLevels: 50", "levels", 20, "level count: 50 levels"),
    ("Genre: platformer\nLives: 12", "lives", 9, "lives: 12 lives"),
    ("Genre: platformer\nTempo: 300 BPM", "tempo", 240, "tempo: 300 BPM"),
    ("Genre: platformer\nMusic at 20 BPM", "tempo", 40, "tempo: 20 BPM"),
])
def test_out_of_range_values_are_clamped_with_a_warning(text: str, attribute: str, value: int, warned: str) -> None:
    spec = parse_gdd(text)
    actual = {"levels": len(spec.levels), "lives": spec.lives, "tempo": spec.audio.tempo_bpm}[attribute]
    assert actual == value
    assert any(warning.startswith(warned) and "clamped" in warning for warning in spec.warnings)


def test_unlimited_lives_are_capped_at_nine() -> None:
    spec = parse_gdd("Genre: platformer\nLives: unlimited")
    assert spec.lives == 9
    assert any("unlimited" in warning for warning in spec.warnings)


def test_no_lives_means_one_try() -> None:
    spec = parse_gdd("Genre: runner\nNo lives system: one hit ends the run.")
    assert spec.lives == 1
    assert any("no lives" in warning for warning in spec.warnings)
