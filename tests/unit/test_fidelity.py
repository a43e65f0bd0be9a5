"""The fidelity report: each fact of a GDD and what the game does with it (used, approximated, not supported)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from maestro.gdd import parse_gdd, read_gdd
from maestro.spec import FidelityStatus, GameSpec
from maestro.store import LocalStore
from workers.embedded import run_job

SHOOTER = """# Neon Siege

Genre: shoot 'em up. The player flies the ship Kestrel.

## Enemies
- Drone: flies in waves
- Core Mind (boss): fires rings of bullets

## Levels
Levels: 100

Lives: 3. There is a grappling hook to swing from asteroids, and a shop between levels.
There is no crafting.
"""


def report(spec: GameSpec) -> dict[str, tuple[FidelityStatus, str]]:
    return {item.fact: (item.status, item.detail) for item in spec.fidelity}


def test_each_fact_says_what_the_game_does_with_it() -> None:
    facts = report(parse_gdd(SHOOTER))
    assert facts["title Neon Siege"][0] == FidelityStatus.USED
    assert facts["enemy Drone"][0] == FidelityStatus.USED
    assert facts["boss Core Mind"] == (FidelityStatus.USED, "level 20")
    assert facts["100 levels"] == (FidelityStatus.APPROXIMATED, "approximated as 20 levels (the most a game has)")
    assert facts["3 lives"][0] == FidelityStatus.USED
    assert facts["grappling hook"][0] == FidelityStatus.NOT_SUPPORTED
    assert facts["shop"][0] == FidelityStatus.NOT_SUPPORTED
    assert "crafting" not in facts  # "There is no crafting": said, and negated


def test_a_mechanic_the_genre_does_not_play_is_reported_and_not_silently_dropped() -> None:
    facts = report(parse_gdd("# Box Yard\n\nGenre: puzzle. Push the crates onto the pads. "
                             "The Warden (boss) chases you. You can double jump.\n"))
    assert facts["boss Warden"] == (FidelityStatus.NOT_SUPPORTED, "a puzzle here has no enemies")
    assert facts["push"][0] == FidelityStatus.USED
    assert facts["double jump"][0] == FidelityStatus.NOT_SUPPORTED


def test_a_gdd_without_a_title_is_named_after_its_file_never_a_heading(tmp_path: Path) -> None:
    gdd = tmp_path / "cave_hopper_gdd_v2.md"
    gdd.write_text("# Overview\n\nGenre: platformer. Jump over the gaps.\n\n# Enemies\n- Bat\n", encoding="utf-8")
    spec = read_gdd(gdd)
    assert spec.title == "Cave Hopper" and spec.provenance["title"].origin == "default"
    assert report(spec)["title"] == (FidelityStatus.APPROXIMATED,
                                     "the GDD names none; the game is called 'Cave Hopper'")
    assert parse_gdd(gdd.read_text(encoding="utf-8")).title == "Untitled Game"


def test_the_report_is_in_the_spec_json_validate_and_the_builds_report_md(tmp_path: Path) -> None:
    gdd = tmp_path / "neon.md"
    gdd.write_text(SHOOTER, encoding="utf-8")
    as_json = subprocess.run([sys.executable, "-m", "maestro_app.cli", "validate", str(gdd), "--json"],
                             capture_output=True, text=True, timeout=60, check=True)
    fidelity = json.loads(as_json.stdout)["fidelity"]
    assert {"fact": "grappling hook", "status": "not supported"}.items() <= next(
        item for item in fidelity if item["fact"] == "grappling hook").items()
    shown = subprocess.run([sys.executable, "-m", "maestro_app.cli", "validate", str(gdd)],
                           capture_output=True, text=True, timeout=60, check=True).stdout
    assert "What the game does with the GDD" in shown and "✗ not supported" in shown and "boss Core Mind" in shown
    job = run_job(SHOOTER.replace("Levels: 100", "Levels: 2"), LocalStore(tmp_path / "store"))
    report_md = (tmp_path / "store" / next(f.key for f in job.build.files if f.key.endswith("/report.md"))).read_text(
        encoding="utf-8")
    assert "| grappling hook | not supported |" in report_md and "| boss Core Mind | used | level 2 |" in report_md


def test_a_high_score_is_used_and_an_online_leaderboard_is_not() -> None:
    spec = parse_gdd("# Hop\n\nA platformer. Beat your high score. An online leaderboard ranks players.\n")
    facts = {item.fact: item for item in spec.fidelity}
    assert facts["high score"].status == FidelityStatus.USED and "browser" in facts["high score"].detail
    assert facts["leaderboard"].status == FidelityStatus.NOT_SUPPORTED


def test_the_shooters_bombs_power_ups_shield_and_multiplier_are_used_and_a_platformer_shield_is_not() -> None:
    shooter = parse_gdd(SHOOTER + "\nPress X to drop a bomb. Enemies drop power-ups; a shield absorbs one hit.\n"
                        "Chain kills for a score multiplier.\n")
    facts = report(shooter)
    assert facts["bomb"][0] == FidelityStatus.USED
    assert facts["powerup"][0] == FidelityStatus.USED
    assert facts["shield"][0] == FidelityStatus.USED and "absorbs" in facts["shield"][1]
    assert facts["combos"][0] == FidelityStatus.USED and "x4" in facts["combos"][1]
    platformer = parse_gdd("# Moss Run\n\nA platformer. Jump, attack with a sword, and raise a shield.\n")
    facts = report(platformer)
    assert facts["shield"][0] == FidelityStatus.NOT_SUPPORTED


def test_a_hero_who_only_shoots_gets_bolts_and_one_with_a_sword_keeps_it() -> None:
    gunner = report(parse_gdd("# Zap Maze\n\nA top-down dungeon crawler. Shoot the slimes with your blaster.\n"))
    assert gunner["shoot"][0] == FidelityStatus.USED
    both = report(parse_gdd("# Zap Maze\n\nA top-down dungeon crawler. Swing your sword; shoot with your blaster.\n"))
    assert both["shoot"][0] == FidelityStatus.APPROXIMATED and "swings" in both["shoot"][1]
    assert both["attack"][0] == FidelityStatus.USED


def test_a_name_with_no_drawing_is_reported_with_the_closest_archetype_it_is_drawn_as() -> None:
    facts = report(parse_gdd("# Odd Cave\n\nGenre: platformer.\n\n## Enemies\n- Glorbnax: patrols the ledges\n"
                             "- Cave Bat: swoops down\n- Zorvak: a giant slime that oozes\n\n## Items\n"
                             "- Carrot: 10 points\n- Shiny Thing: 5 points\n"))
    assert facts['"Glorbnax" (enemy)'] == (
        FidelityStatus.APPROXIMATED,
        "no drawing for that name; drawn as the closest archetype, a beetle (from how it moves)")
    assert facts['"Shiny Thing" (item)'][1].endswith("a coin (the default pickup)")
    assert not any(fact.startswith(('"Cave Bat"', '"Zorvak"', '"Carrot"')) for fact in facts)  # drawn as named
