"""Files a job's stages stored that no record names are found, only once the job has ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from maestro.orphans import orphaned


@dataclass
class Stage:
    stage: str
    status: str
    outputs: dict[str, Any] | None = None


@dataclass
class Job:
    id: str = "j1"
    status: str = "cancelled"
    stages: list[Stage] = field(default_factory=list)


def manifest(*keys: str) -> dict[str, Any]:
    return {"stage": "x", "files": [{"key": key, "sha256": "0" * 64, "bytes": 1, "content_type": "x"} for key in keys]}


STORED = ["jobs/j1/gdd.txt", "jobs/j1/spec.json", "jobs/j1/codex/game.js", "jobs/j1/canvas/player.png",
          "jobs/j1/build/index.html"]


def test_files_of_stages_that_never_recorded_success_are_orphans_of_an_ended_job() -> None:
    job = Job(stages=[Stage("codex", "succeeded", manifest("jobs/j1/codex/game.js")), Stage("canvas", "cancelled"),
                      Stage("build", "cancelled")])
    assert orphaned(job, STORED) == ["jobs/j1/build/index.html", "jobs/j1/canvas/player.png"]


def test_a_job_still_under_way_has_no_orphans_its_stages_may_be_writing() -> None:
    for status in ("queued", "running"):
        assert orphaned(Job(status=status, stages=[Stage("canvas", "running")]), STORED) == []


def test_a_failed_stages_manifest_does_not_vouch_for_its_files() -> None:
    job = Job(status="failed", stages=[Stage("codex", "failed", manifest("jobs/j1/codex/game.js"))])
    assert "jobs/j1/codex/game.js" in orphaned(job, STORED)
