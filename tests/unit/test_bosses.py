"""Bosses the GDD asks for are built: named in prose, or asked for without a name (a stand-in, said so)."""

from __future__ import annotations

from maestro.gdd import parse_gdd
from maestro.spec import FidelityStatus, Origin


def boss_levels(gdd: str) -> dict[int, str]:
    return {level.index: level.hints.boss for level in parse_gdd(gdd).levels if level.hints.boss}


def test_a_boss_named_in_prose_holds_the_last_level() -> None:
    gdd = ("# Bone Crypt\n\nA top-down dungeon crawler in 3 levels. Skeleton soldiers patrol the halls. "
           "The last level is a boss fight against the Skeleton King.\n")
    spec = parse_gdd(gdd)
    assert [enemy.name for enemy in spec.bosses] == ["Skeleton King"]
    assert boss_levels(gdd) == {3: "Skeleton King"}
    assert any(item.fact == "boss Skeleton King" and item.status == FidelityStatus.USED for item in spec.fidelity)


def test_a_name_set_off_as_the_final_boss_is_the_boss_and_a_verb_is_not() -> None:
    spec = parse_gdd("# Neon Siege\n\nA shoot 'em up. The Core Mind is the final boss: a brain that fires rings.\n")
    assert [enemy.name for enemy in spec.bosses] == ["Core Mind"]
    spec = parse_gdd("# Jungle\n\nA top-down adventure. Face the final boss and collect the key to finish.\n")
    assert "Face" not in [enemy.name for enemy in spec.enemies]


def test_a_boss_asked_for_without_a_name_gets_a_stand_in_with_a_warning() -> None:
    spec = parse_gdd("# Cave\n\nA platformer. Bats fly through the caves. Level 5 ends in a boss fight.\n")
    assert [enemy.name for enemy in spec.bosses] == ["Guardian"]
    assert spec.provenance["boss"].origin == Origin.DEFAULT and spec.provenance["boss"].line == 3
    assert any(warning.startswith("boss: the GDD asks for a boss") for warning in spec.warnings)
    report = {item.fact: item for item in spec.fidelity}
    assert report["a boss (unnamed)"].status == FidelityStatus.APPROXIMATED
    assert "Guardian" in report["a boss (unnamed)"].detail


def test_a_level_called_a_boss_room_holds_the_stand_in_in_the_gdds_language() -> None:
    gdd = "# 던전\n\n장르: 탑다운\n\n## 레벨\n1. 입구\n2. 보스 방\n3. 지하 감옥\n"
    assert boss_levels(gdd) == {2: "간수장"}


def test_no_boss_when_the_gdd_says_there_is_none_or_the_genre_has_no_enemies() -> None:
    assert parse_gdd("# Cave\n\nA platformer. Bats fly. There is no boss fight.\n").bosses == []
    assert parse_gdd("# Boxes\n\nA sokoban puzzle: push crates. The last level is a boss level.\n").bosses == []


def test_a_one_letter_slip_in_the_boss_sentence_takes_the_spelling_the_gdd_uses_most() -> None:
    gdd = ("# Jungle\n\nA top-down adventure.\n\n## Enemies\n- Spider: crawls\n\nThe final creature is "
           "WaredenBear, the final boss.\n\nWardenBear guards the escape. WardenBear is slow.\n")
    assert [enemy.name for enemy in parse_gdd(gdd).bosses] == ["WardenBear"]
