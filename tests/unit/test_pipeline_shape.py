"""The shape of a job, written once in maestro.pipeline and read by everything that names it."""

from __future__ import annotations

import pytest

import celeryconfig
from maestro.db.models import STAGE_NAMES
from maestro.pipeline import HEADER_STAGES, STAGES, build_path, job_seed
from workers import tasks


def test_a_requested_seed_wins_even_when_it_is_zero() -> None:
    assert job_seed(0, 1234) == 0
    assert job_seed(7, 1234) == 7
    assert job_seed(None, 1234) == 1234


def test_the_queues_the_database_and_the_tasks_name_the_same_stages() -> None:
    assert ("parse", *HEADER_STAGES, "build") == STAGES
    assert STAGE_NAMES == STAGES
    assert tuple(f"maestro.{stage}" for stage in ("submit", *STAGES)) == celeryconfig.QUEUES
    assert tuple(tasks.STAGE_RUNS) == HEADER_STAGES
    assert {f"maestro.{stage}" for stage in STAGES} <= set(tasks.app.tasks)


def test_a_build_file_maps_to_its_place_in_the_build_folder() -> None:
    assert build_path("j1", "jobs/j1/build/index.html") == "index.html"
    assert build_path("j1", "jobs/j1/build/src/game.js") == "src/game.js"


@pytest.mark.parametrize("key", ["jobs/j1/build/../../etc/passwd", "jobs/j1/build//abs", "jobs/j2/build/index.html",
                                 "jobs/j1/build/a/./b", "jobs/j1/build/..\\x", "jobs/j1/codex/game.js"])
def test_a_key_outside_the_build_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="is not a file of job j1's build"):
        build_path("j1", key)
