"""What the workers count: a job's ending exactly once, bytes stored by stage, the sweeper's findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import REGISTRY

import workers.observe  # noqa: F401 - registers the job-ended listener, as a worker does
from maestro import logs
from maestro.db import repository
from maestro.db.models import Base
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.store import LocalStore
from workers import sweeper
from workers.observe import MeteredStore


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def factory(tmp_path: Path) -> object:
    engine = make_engine(f"sqlite:///{tmp_path / 'state.db'}")
    Base.metadata.create_all(engine)
    return session_factory(engine)


def new_job(factory: object) -> str:
    with session_scope(factory) as session:  # type: ignore[arg-type]
        job, _ = repository.create_job(session, title="t", gdd_sha256="0" * 64, seed=1, source="cli")
        return str(job.id)


def test_a_job_ending_is_counted_once_and_only_once_it_is_committed(factory: object) -> None:
    before = sample("maestro_jobs_finished_total", status="failed")
    job_id = new_job(factory)
    with pytest.raises(RuntimeError), session_scope(factory) as session:  # type: ignore[arg-type]
        repository.mark_job(session, job_id, "failed", error="x")
        raise RuntimeError("rolled back")
    assert sample("maestro_jobs_finished_total", status="failed") == before
    for _ in range(2):  # the first final word stands: a second failure is no second ending
        with session_scope(factory) as session:  # type: ignore[arg-type]
            repository.mark_job(session, job_id, "failed", error="x")
    assert sample("maestro_jobs_finished_total", status="failed") == before + 1


def test_a_succeeded_job_records_its_duration(factory: object) -> None:
    before = sample("maestro_job_duration_seconds_count")
    job_id = new_job(factory)
    with session_scope(factory) as session:  # type: ignore[arg-type]
        repository.mark_job(session, job_id, "succeeded", build_key="jobs/x/build/x.zip")
    assert sample("maestro_job_duration_seconds_count") == before + 1


def test_bytes_stored_are_counted_by_the_stage_at_work(tmp_path: Path) -> None:
    store = MeteredStore(LocalStore(tmp_path))
    before = sample("maestro_store_bytes_written_total", stage="canvas")
    with logs.bound(stage="canvas"):
        store.put("jobs/j/canvas/atlas.png", b"x" * 1000, "image/png")
    assert sample("maestro_store_bytes_written_total", stage="canvas") == before + 1000
    assert store.get("jobs/j/canvas/atlas.png") == b"x" * 1000, "everything else passes through"


def test_a_sweep_exports_what_it_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweeper, "count_orphans", lambda limit: 7)
    monkeypatch.setattr(sweeper, "_orphans_counted", -sweeper.ORPHAN_COUNT_SECONDS)
    passes, resent = sample("maestro_sweeper_passes_total"), sample("maestro_sweeper_actions_total", action="resent")
    report = sweeper.SweepReport(looked_at=3, resent=["a/codex", "b/build"], failed=["c/sonata"])
    sweeper._export(report)
    assert sample("maestro_sweeper_passes_total") == passes + 1
    assert sample("maestro_sweeper_actions_total", action="resent") == resent + 2
    assert sample("maestro_sweeper_stuck_stages") == 3
    assert sample("maestro_orphan_files") == 7
    assert sample("maestro_sweeper_last_pass_timestamp_seconds") > 0
