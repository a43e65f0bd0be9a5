"""The parser's rules, one behaviour a designer relies on per test (English and Korean)."""

from __future__ import annotations

import pytest

from maestro import parse_gdd
from maestro.spec import ArtStyle, Behaviour, Genre, Mechanic, Origin


def test_zelda_reference_implies_a_topdown_game_with_keys_and_doors() -> None:
    spec = parse_gdd("# Gloom Keep\nExplore a haunted keep, like Zelda dungeons. The player finds keys.")
    assert spec.genre == Genre.TOPDOWN
    assert spec.provenance["genre"].origin == Origin.INFERRED
    assert any("genre" in w and "zelda" in w.lower() for w in spec.warnings)
    assert Mechanic.KEY_DOOR in spec.mechanics


@pytest.mark.parametrize(("text", "genre"), [
    ("A Sokoban game about a tidy robot.", Genre.PUZZLE),
    ("A fast shoot 'em up in space with a boss.", Genre.SHOOTER),
    ("An endless runner through a city at night.", Genre.RUNNER),
    ("Jump across the platforms of a 2D platformer.", Genre.PLATFORMER),
    ("장르: 탑다운 던전 탐험", Genre.TOPDOWN),
    ("소코반 방식의 상자 밀기 퍼즐 게임", Genre.PUZZLE),
    ("종스크롤 비행 슈팅 게임", Genre.SHOOTER),
    ("쿠키런 같은 무한 달리기 게임", Genre.RUNNER),
    ("횡스크롤 플랫포머 게임", Genre.PLATFORMER),
])
def test_genre_is_read_from_english_and_korean_words(text: str, genre: Genre) -> None:
    assert parse_gdd(text).genre == genre


def test_game_boy_art_gets_the_four_green_palette() -> None:
    spec = parse_gdd("Genre: platformer\nArt: Game Boy style, four shades of green")
    assert spec.art.style == ArtStyle.GAMEBOY
    assert spec.art.palette == ["#0f380f", "#306230", "#8bac0f", "#9bbc0f"]


def test_colour_words_lead_the_palette() -> None:
    spec = parse_gdd("Genre: platformer\nArt style: pixel art, earthy greens and warm oranges")
    assert spec.art.colour_words[:2] == ["earthy green", "warm orange"]
    assert len(spec.art.palette) >= 4


@pytest.mark.parametrize(("text", "tempo", "mode"), [
    ("A platformer. Music: 80 BPM lo-fi in a minor key.", 80, "minor"),
    ("A shooter.\nTempo: 150\nSynthwave, C major.", 150, "major"),
    ("플랫포머 게임\n- 템포: 140\n- 가장조의 밝은 음악", 140, "major"),
    ("슈팅 게임. BPM 160, 마단조.", 160, "minor"),
])
def test_tempo_and_mode_are_read(text: str, tempo: int, mode: str) -> None:
    spec = parse_gdd(text)
    assert (spec.audio.tempo_bpm, spec.audio.mode) == (tempo, mode)
    assert spec.provenance["audio.tempo_bpm"].origin == Origin.STATED


@pytest.mark.parametrize(("text", "lives"), [
    ("A platformer. The hero has three lives.", 3),
    ("Genre: shooter\nLives: 5", 5),
    ("플랫포머 게임. 체력 3", 3),
    ("러너 게임\n- 목숨: 2개", 2),
    ("퍼즐 게임. 목숨 세 개로 시작한다.", 3),
])
def test_lives_are_read_in_words_digits_and_korean(text: str, lives: int) -> None:
    spec = parse_gdd(text)
    assert spec.lives == lives
    assert spec.provenance["lives"].origin == Origin.STATED


def test_an_enemys_hit_points_are_not_the_players_lives() -> None:
    spec = parse_gdd("# Crab Coast\nGenre: platformer\n\n## Enemies\n### Giant Crab\n- HP: 7\n- patrols the beach")
    assert spec.provenance["lives"].origin == Origin.DEFAULT
    assert [enemy.name for enemy in spec.enemies] == ["Giant Crab"]


@pytest.mark.parametrize(("text", "count"), [
    ("A platformer with Eight levels.", 8),
    ("Genre: puzzle\nLevels: 12", 12),
    ("탑다운 던전 게임. 던전은 총 5층.", 5),
    ("러너 게임, 8개의 스테이지", 8),
    ("Genre: platformer\n\n## Levels\n1. Meadow\n2. Cave\n3. Castle\n4. Sky", 4),
    ("Genre: platformer\n\n### Level 1: Meadow\ntext\n### Level 2: Cave\ntext", 2),
])
def test_level_count_is_read_however_it_is_written(text: str, count: int) -> None:
    spec = parse_gdd(text)
    assert len(spec.levels) == count
    assert spec.provenance["levels"].origin == Origin.STATED


def test_listed_level_names_are_kept_in_order() -> None:
    spec = parse_gdd("Genre: platformer\n\n## Levels\n1. Meadow — easy\n2. Cave\n3. Castle — the boss")
    assert [level.name for level in spec.levels] == ["Meadow", "Cave", "Castle"]


def test_more_levels_stated_than_described_get_generated_names_and_a_warning() -> None:
    spec = parse_gdd("Genre: platformer\nLevels: 4\n\n## Levels\n1. Meadow\n2. Cave")
    assert [level.name for level in spec.levels] == ["Meadow", "Cave", "Level 3", "Level 4"]
    assert any("4 levels stated but 2 described" in warning for warning in spec.warnings)


def test_a_hedged_level_count_is_an_inference_not_a_statement() -> None:
    spec = parse_gdd("Genre: runner\nLevels: TBD, maybe 5?")
    assert len(spec.levels) == 5
    assert spec.provenance["levels"].origin == Origin.INFERRED


def test_numbers_in_production_talk_are_ignored() -> None:
    text = ("# Sky Jumper\nGenre: platformer\n\n## Team\n- 3 people, 12 weeks\n\n## Schedule\n"
            "- Milestone 1: 4 levels done\n- 60 fps on mobile\n")
    spec = parse_gdd(text)
    assert spec.provenance["levels"].origin == Origin.DEFAULT
    assert spec.provenance["lives"].origin == Origin.DEFAULT


def test_struck_out_text_is_ignored() -> None:
    spec = parse_gdd("Genre: platformer\nLives: ~~3~~ 4\n\n## Enemies\n- ~~Slime~~\n- Bat - swoops")
    assert spec.lives == 4
    assert [enemy.name for enemy in spec.enemies] == ["Bat"]


@pytest.mark.parametrize(("text", "player"), [
    ("A platformer. You play as Mira, a courier.", "Mira"),
    ("Genre: topdown\nProtagonist: Kai (a robot)", "Kai"),
    ("Genre: platformer\n\n## Characters\n### Pip (the player)\nA fox.", "Pip"),
    ("탑다운 게임\n- 주인공: 하루 (17세)", "하루"),
    ("Genre: topdown\nThe hero is a young lamplighter named Wren.", "Wren"),
])
def test_player_name_is_found(text: str, player: str) -> None:
    assert parse_gdd(text).player.name == player


def test_enemies_get_behaviours_from_their_descriptions_and_names() -> None:
    text = ("Genre: platformer\n\n## Enemies\n- Goblin – patrols platforms\n- Cave Bat - hangs, then dives\n"
            "- Spitter: fires seeds\n- Wolf\n- Rot King (boss) - chases you")
    enemies = {enemy.name: enemy for enemy in parse_gdd(text).enemies}
    assert {name: e.behaviour for name, e in enemies.items()} == {
        "Goblin": Behaviour.PATROL, "Cave Bat": Behaviour.SWOOP, "Spitter": Behaviour.TURRET,
        "Wolf": Behaviour.CHASE, "Rot King": Behaviour.CHASE,
    }
    assert [name for name, e in enemies.items() if e.boss] == ["Rot King"]


def test_chargers_are_told_from_chasers_in_both_languages() -> None:
    text = ("Genre: topdown\n\n## Enemies\n- Tusk – charges when it sees you\n- Ram Knight - rushes down corridors\n"
            "- Boar\n- Hound - follows your scent\n- Mage - fires a charged shot\n- 황소 - 플레이어에게 돌진한다")
    behaviours = {enemy.name: enemy.behaviour for enemy in parse_gdd(text).enemies}
    assert behaviours == {
        "Tusk": Behaviour.CHARGE, "Ram Knight": Behaviour.CHARGE, "Boar": Behaviour.CHARGE,
        "Hound": Behaviour.CHASE, "Mage": Behaviour.TURRET, "황소": Behaviour.CHARGE,
    }


def test_enemies_named_in_prose_are_found_singular() -> None:
    spec = parse_gdd("A platformer. Enemies include slimes, bats and a giant crab boss.")
    assert {(e.name, e.boss) for e in spec.enemies} == {("Slime", False), ("Bat", False), ("Giant Crab", True)}


@pytest.mark.parametrize("title", ['<script>alert("x")</script>', "Bob's \"Big\" <b>Day</b>", "별빛 & 'Dust'"])
def test_titles_keep_their_text_exactly(title: str) -> None:
    assert parse_gdd(f"Title: {title}\nGenre: platformer").title == title


@pytest.mark.parametrize(("heading", "title"), [
    ("# Starfall — Game Design Document", "Starfall"),
    ("# GDD: Starfall (v0.3)", "Starfall"),
    ("# 별빛 러너 기획서", "별빛 러너"),
    ("# Tofu Jump — 기획서 (GDD)", "Tofu Jump"),
])
def test_document_words_are_cut_from_a_heading_title(heading: str, title: str) -> None:
    assert parse_gdd(f"{heading}\n\nA platformer about stars.").title == title


def test_an_unnamed_game_is_untitled_with_a_warning() -> None:
    spec = parse_gdd("a platformer about a frog who jumps between lily pads and must reach the pond")
    assert spec.title == "Untitled Game"
    assert any(warning.startswith("title") for warning in spec.warnings)


def test_korean_controls_are_bound_to_keys() -> None:
    spec = parse_gdd("플랫포머 게임\n\n## 조작\n- 방향키: 이동\n- 스페이스: 점프\n- X: 공격")
    assert spec.controls["left"] == ["ArrowLeft"]
    assert spec.controls["jump"] == ["Space"]
    assert spec.controls["action"] == ["KeyX"]
    assert spec.provenance["controls"].origin == Origin.STATED


def test_one_korean_arrow_key_is_that_arrow_not_all_four() -> None:
    spec = parse_gdd("러너 게임\n\n## 조작\n- 스페이스 / 위 방향키: 점프\n- 아래 방향키: 숙이기\n")
    assert spec.controls["jump"] == ["ArrowUp", "Space"]
    assert spec.controls["down"] == ["ArrowDown"]


def test_same_gdd_gives_the_same_spec_and_seed() -> None:
    text = "Genre: shooter\nThree lives. Five stages."
    assert parse_gdd(text) == parse_gdd(text)
    assert parse_gdd(text).seed != parse_gdd(text + " ").seed
    assert parse_gdd(text + "\nSeed: 42").seed == 42


def test_language_is_detected() -> None:
    assert parse_gdd("A platformer about a frog.").language == "en"
    assert parse_gdd("개구리가 점프하는 플랫포머 게임이다. 주인공은 연못으로 간다.").language == "ko"
    assert parse_gdd("A platformer about a frog.\n개구리가 점프하는 플랫포머 게임이다.").language == "mixed"


@pytest.mark.parametrize("text", ["## Dungeon Escape\nA topdown game.", "\n\n## Dungeon Escape\nA topdown game."])
def test_the_heading_that_opens_the_document_is_its_title(text: str) -> None:
    assert parse_gdd(text).title == "Dungeon Escape"


def test_a_foe_that_shoots_does_not_make_the_hero_a_shooter() -> None:
    text = ("# Frost\n\nGenre: platformer. Jump and stomp.\n\n## Enemies\n- Icicle Turret: shoots an icicle\n"
            "- Bomber: drops bombs\n| Pepper Turret | 고정 포탑, 2초마다 후추 탄환 발사 |\n")
    mechanics = parse_gdd(text).mechanics
    assert Mechanic.SHOOT not in mechanics and Mechanic.BOMB not in mechanics
    hero = parse_gdd("# Zap\n\nGenre: platformer. You shoot slimes with a blaster.\n\n## Enemies\n- Slime\n")
    assert Mechanic.SHOOT in hero.mechanics
