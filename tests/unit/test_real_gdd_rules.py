"""What real GDDs do that documents written for Maestro do not: each case is a reported misreading."""

from __future__ import annotations

import pytest

from maestro.gdd import parse_gdd
from maestro.spec import Origin

GAME = "\n\nGenre: platformer. Jump over the gaps and collect coins.\n"


@pytest.mark.parametrize(("opening", "title"), [
    ("# 🎮 Game Design Document — «Space Hunters 2»", "Space Hunters 2"),
    ("# CRATE EXPECTATIONS - design notes", "CRATE EXPECTATIONS"),
    ("This is the Design Doc for the Game Jumpman.", "Jumpman"),
    ("# Final Project\n\n# Sample Proposal - Sonic Game", "Sonic Game"),
    ("# D-Rogue Proposal", "D-Rogue"),
    ("### **게임 이름** : Catch monster if you can", "Catch monster if you can"),
    ("## Design\n### Title - There are Slimes in this Dungeon\n#### Premise", "There are Slimes in this Dungeon"),
    ("<h1>1. Background and Overview</h1>\n\nIn Desert Runner, users are able to jump.", "Desert Runner"),
    ("> - 게임의 소개\n> > - 쿠키런", "쿠키런"),
])
def test_a_title_is_the_games_name_stripped_of_what_decorates_it(opening: str, title: str) -> None:
    assert parse_gdd(opening + GAME).title == title


@pytest.mark.parametrize("opening", ["# Premise", "# Objective", "# Enemies", "# Game Design", "# 2DGP Project",
                                     "# Level goal", "# Final Project", "## Art Design"])
def test_a_section_heading_is_never_a_title(opening: str) -> None:
    spec = parse_gdd(opening + GAME)
    assert spec.provenance["title"].origin == Origin.DEFAULT and spec.title == "Untitled Game"


@pytest.mark.parametrize(("text", "player"), [
    ("The player enters the level and plays as Sonic.", "Sonic"),
    ("The player must take control of S.U.R.G.E in order to reach the core.", "S.U.R.G.E"),
    ("### Yo-chan (player), main tile\nPushes tiles.", "Yo-chan"),
])
def test_the_player_is_named_where_prose_names_it(text: str, player: str) -> None:
    assert parse_gdd("# Hop" + GAME + "\n" + text + "\n").player.name == player


@pytest.mark.parametrize("text", ["- Projectiles: Rocks For Player, Bullets For Enemies",
                                  "If player can gain ability, collect the **crystal** item.",
                                  "When player dies, the level restarts."])
def test_no_fragment_of_a_sentence_becomes_the_player(text: str) -> None:
    assert parse_gdd("# Hop" + GAME + "\n" + text + "\n").provenance["player.name"].origin == Origin.DEFAULT


@pytest.mark.parametrize(("text", "lives"), [
    ("Each user starts with 3 lives.\n\n## Ship\nHP: 4", 3),
    ("- Player has 3-lives, meaning they can revive.", 3),
    ("- Health System: 4 Lives Per Level", 4),
])
def test_lives_are_read_only_from_a_count_of_lives(text: str, lives: int) -> None:
    assert parse_gdd("# Hop" + GAME + "\n" + text + "\n").lives == lives


@pytest.mark.parametrize("text", ["적의 총알에 닿으면 라이프가 1 감소한다.", "If hit, the player will lose 1 life.",
                                  "- 플레이어 캐릭터 이미지, 라이프 이미지"])
def test_a_change_of_lives_is_not_a_count_of_lives(text: str) -> None:
    assert parse_gdd("# Hop" + GAME + "\n" + text + "\n").provenance["lives"].origin == Origin.DEFAULT


@pytest.mark.parametrize(("text", "names"), [
    ("#### Spider & Pinkbat (basic enemies)\n- IdleState\n- ChasingState", {"Spider", "Pinkbat"}),
    ("- Grunt - 100hp, shoots bullets\n- Hose - 75hp, hoses you down", {"Grunt", "Hose"}),
    ("The player must avoid spikes, pits, moving obstacles and other enemies.", {"Spike", "Pit"}),
    ("(3)적은 공중의 적과 지상의 적으로 구분 된다.", {"공중의 적", "지상의 적"}),
])
def test_enemies_are_read_where_real_documents_name_them(text: str, names: set[str]) -> None:
    assert {enemy.name for enemy in parse_gdd("# Hop" + GAME + "\n" + text + "\n").enemies} == names


def test_a_game_that_moves_forward_by_itself_is_a_runner_whatever_it_is_called() -> None:
    spec = parse_gdd("# Dash\n\nGenre: Platformer\n\nThe character automatically moves forward; jump over spikes.\n")
    assert spec.genre == "runner" and "a runner" in spec.provenance["genre"].detail


def test_a_bad_guys_section_lists_enemies_and_districts_are_levels() -> None:
    spec = parse_gdd("# Sky Courier\n\nGenre: platformer. You play as Pim.\n\n## bad guys\n- Hawk: dives at you\n"
                     "- Street Cat: chases you\n\n## Districts\n- Harbor Docks\n- Old Town\n- Clock Tower\n")
    assert [enemy.name for enemy in spec.enemies] == ["Hawk", "Street Cat"]
    assert [level.name for level in spec.levels] == ["Harbor Docks", "Old Town", "Clock Tower"]
