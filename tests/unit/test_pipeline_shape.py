"""The shape of a job, written once in maestro.pipeline and read by everything that names it."""

from __future__ import annotations

import re

import pytest

import celeryconfig
from maestro.db.models import STAGE_NAMES
from maestro.pipeline import HEADER_STAGES, NAME_LENGTH, STAGES, build_path, folder_name, job_seed, romanize_hangul
from workers import tasks


def test_a_requested_seed_wins_even_when_it_is_zero() -> None:
    assert job_seed(0, 1234) == 0
    assert job_seed(7, 1234) == 7
    assert job_seed(None, 1234) == 1234


def test_the_queues_the_database_and_the_tasks_name_the_same_stages() -> None:
    assert ("parse", *HEADER_STAGES, "build") == STAGES
    assert STAGE_NAMES == STAGES
    assert tuple(f"maestro.{stage}" for stage in ("submit", *STAGES, "sweep")) == celeryconfig.QUEUES
    assert tuple(tasks.STAGE_RUNS) == HEADER_STAGES
    assert {f"maestro.{stage}" for stage in STAGES} <= set(tasks.app.tasks)


def test_a_build_file_maps_to_its_place_in_the_build_folder() -> None:
    assert build_path("jobs/j1/build/index.html") == "index.html"
    assert build_path("jobs/j1/build/src/game.js") == "src/game.js"


def test_a_cached_build_maps_from_the_job_that_first_made_it() -> None:
    assert build_path("jobs/0b7e1c52-3f0a-4c1e-9a58-2d7f1e0c9b44/build/src/game.js") == "src/game.js"


@pytest.mark.parametrize("key", ["jobs/j1/build/../../etc/passwd", "jobs/j1/build//abs", "jobs/../build/index.html",
                                 "jobs/j1/build/a/./b", "jobs/j1/build/..\\x", "jobs/j1/codex/game.js",
                                 "cache/build/index.html", "jobs/j1/build"])
def test_a_key_outside_the_build_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="is not a file of a job's build folder"):
        build_path(key)


@pytest.mark.parametrize(("title", "name"), [("Moss Knight", "moss-knight"), ("Hollow Depths!", "hollow-depths"),
                                             ("Tofu: Jump 2", "tofu-jump-2")])
def test_an_ascii_title_keeps_its_plain_slug(title: str, name: str) -> None:
    assert folder_name(title, "maestro-puzzle") == name


@pytest.mark.parametrize(("syllables", "spelled"), [("이끼", "ikki"), ("기사", "gisa"), ("점프", "jeompeu"),
                                                     ("별빛", "byeolbit"), ("고양이", "goyangi"), ("닭", "dak"),
                                                     ("한글", "hangeul"), ("쌀", "ssal"), ("뷁", "bwek")])
def test_hangul_is_spelled_in_revised_romanization(syllables: str, spelled: str) -> None:
    assert "".join(romanize_hangul(char) for char in syllables) == spelled


def test_a_korean_title_reads_in_latin_letters_and_keeps_a_hash() -> None:
    name = folder_name("이끼 기사", "maestro-platformer")
    assert name.startswith("ikki-gisa-") and len(name) == len("ikki-gisa-") + 8


@pytest.mark.parametrize("titles", [
    ("🚀", "🛸", "🚀🚀"),
    ("이끼 기사", "이끼  기사", "이끼 기사!"),
    ("Café", "Cafe\u0301", "Cafè"),
    ("Moss Knight", "Moss\x1bKnight"),
    ("x" * 60, "x" * 61),
    ("!!!", "???"),
])
def test_distinct_titles_never_share_a_build_folder(titles: tuple[str, ...]) -> None:
    names = [folder_name(title, "maestro-runner") for title in titles]
    assert len(set(names)) == len(names), names
    for name in names:
        assert name and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
        assert len(name) <= NAME_LENGTH + 9


def test_a_title_with_nothing_ascii_falls_back_to_the_genre_and_a_hash() -> None:
    assert re.fullmatch(r"maestro-shooter-[0-9a-f]{8}", folder_name("🚀🛸", "maestro-shooter"))
    assert folder_name("🚀🛸", "maestro-shooter") == folder_name("🚀🛸", "maestro-shooter")


def test_a_name_windows_reserves_gets_a_hash() -> None:
    assert folder_name("Con", "maestro-puzzle").startswith("con-")
