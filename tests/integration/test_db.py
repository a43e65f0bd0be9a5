"""Job and stage state on a real PostgreSQL server, and the same functions on a SQLite file."""

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from maestro.db import (
    AmbiguousJobIdError,
    Base,
    DatabaseError,
    DatabaseUnavailableError,
    Job,
    JobNotFoundError,
    StageRun,
    cancel_job,
    create_job,
    current_revision,
    failed_stages,
    find_stage,
    get_job,
    head_revision,
    list_jobs,
    lock_job,
    make_engine,
    mark_job,
    ping,
    reopen_job,
    session_factory,
    session_scope,
    set_job_spec,
    set_notify_error,
    stage_cancelled,
    stage_failed,
    stage_outputs,
    stage_queued,
    stage_started,
    stage_succeeded,
    stages_to_redo,
    unfinished_jobs,
    upgrade,
)
from maestro.db.migrate import make_config
from maestro.errors import ArgumentError, InputError
from maestro.manifest import StageManifest, StoredFile
from maestro.submission import SEED_MAX

pytestmark = pytest.mark.integration

SHA = "0" * 64
Factory = sessionmaker[Session]


@pytest.fixture(params=["postgresql", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Factory]:
    """A session factory on an empty, migrated database: the shared PostgreSQL one or a new SQLite file."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("database_url")
    else:
        url = f"sqlite:///{tmp_path}/state/x.db"
        upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM stage_runs"))
        connection.execute(text("DELETE FROM jobs"))
    yield session_factory(engine)
    engine.dispose()


def new_job(factory: Factory, **overrides: Any) -> Job:
    fields: dict[str, Any] = {"title": "Moon Jump", "gdd_sha256": SHA, "seed": 7, "source": "cli"}
    fields.update(overrides)
    with session_scope(factory) as session:
        job, created = create_job(session, **fields)
        assert created
        return job


def in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released at the same moment; re-raise the first error."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return results


def manifest(stage: str) -> StageManifest:
    key = f"jobs/x/{stage}/out.json"
    return StageManifest(stage=stage, files=[StoredFile(key=key, sha256=SHA, bytes=2, content_type="application/json")])


# --- migrations -------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_migrations_create_the_tables_and_upgrade_is_idempotent(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = request.getfixturevalue("database_url") if backend == "postgresql" else f"sqlite:///{tmp_path}/x.db"
    upgrade(url)
    upgrade(url)
    assert current_revision(url) == head_revision()
    engine = make_engine(url)
    try:
        assert {"jobs", "stage_runs", "alembic_version"} <= set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == [], "the models and the migrations disagree; write a new revision"
    finally:
        engine.dispose()


def test_an_unmigrated_database_has_no_revision(tmp_path: Path) -> None:
    assert current_revision(f"sqlite:///{tmp_path}/empty.db") is None


def test_migration_config_keeps_percent_signs_of_encoded_passwords() -> None:
    url = "postgresql://maestro:p%40ss%25word@db.example/maestro"
    assert make_config(url).get_main_option("sqlalchemy.url") == url


def test_upgrade_is_safe_when_workers_start_at_once(database_url: str) -> None:
    in_threads(4, lambda _: upgrade(database_url))
    assert current_revision(database_url) == head_revision()


# --- jobs -------------------------------------------------------------------------------------


def test_create_job_with_the_same_submission_id_twice_gives_one_job(db: Factory) -> None:
    first = new_job(db, submission_id="client-42", notify={"task": "client.done", "queue": "client"})
    with session_scope(db) as session:
        again, created = create_job(
            session, title="Other", gdd_sha256=SHA, seed=1, source="celery", submission_id="client-42"
        )
    assert not created
    assert again.id == first.id
    assert again.title == "Moon Jump"
    assert again.notify == {"task": "client.done", "queue": "client"}
    assert again.status == "queued"
    assert again.created_at.tzinfo is not None


def test_create_job_with_the_same_submission_id_from_many_threads_at_once_gives_one_job(db: Factory) -> None:
    for round_ in range(3):
        submission = f"race-{round_}-{uuid.uuid4().hex}"

        def submit(_: int, submission: str = submission) -> tuple[str, bool]:
            with session_scope(db) as session:
                job, created = create_job(
                    session, title="Race", gdd_sha256=SHA, seed=1, source="celery", submission_id=submission
                )
                return job.id, created

        results = in_threads(4, submit)
        assert len({job_id for job_id, _ in results}) == 1
        assert sum(created for _, created in results) == 1
        with session_scope(db) as session:
            count = session.scalar(select(func.count()).select_from(Job).where(Job.submission_id == submission))
        assert count == 1


def test_jobs_without_submission_id_are_always_new(db: Factory) -> None:
    assert new_job(db).id != new_job(db).id


def test_notify_must_name_a_task(db: Factory) -> None:
    with session_scope(db) as session, pytest.raises(InputError, match="notify"):
        create_job(session, title="x", gdd_sha256=SHA, seed=1, source="cli", notify={"queue": "q"})


@pytest.mark.parametrize(("field", "value", "why"), [
    ("seed", 2**70, "seed must be a whole number"),
    ("seed", -1, "seed must be a whole number"),
    ("seed", "7", "seed must be a whole number"),
    ("title", "T" * 201, "title must be at most 200 characters"),
    ("title", "Moon\x00Jump", "title must be one line"),
    ("submission_id", "s" * 201, "submission_id must be 1 to 200 characters"),
    ("submission_id", "order\x00-1", "submission_id must be printable"),
    ("source", "hacker", "source must be one of"),
    ("notify", {"task": "maestro.build"}, "notify.task must be one of your own tasks"),
    ("job_id", "local", "job_id must be a job id"),
])
def test_create_job_refuses_values_its_columns_cannot_hold(db: Factory, field: str, value: Any, why: str) -> None:
    with session_scope(db) as session, pytest.raises(ArgumentError, match=why):
        create_job(session, **{"title": "x", "gdd_sha256": SHA, "seed": 1, "source": "cli", field: value})
    with session_scope(db) as session:
        assert list_jobs(session) == []


def test_the_largest_seed_fits_its_column(db: Factory) -> None:
    job = new_job(db, seed=SEED_MAX)
    with session_scope(db) as session:
        assert get_job(session, job.id).seed == SEED_MAX


def test_create_job_with_an_existing_job_id_returns_that_job(db: Factory) -> None:
    job_id = str(uuid.uuid4())
    first = new_job(db, job_id=job_id, title="First")
    with session_scope(db) as session:
        again, created = create_job(session, job_id=job_id, title="Second", gdd_sha256=SHA, seed=None, source="cli")
    assert (again.id, again.title, created) == (first.id, "First", False)


def test_error_texts_are_stored_on_one_bounded_line_without_nul(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        stage_failed(session, job.id, "codex", "bad\x00byte \ud800 " + "x" * 5000, retrying=False)
        mark_job(session, job.id, "failed", error="codex: bad\x00byte")
        set_notify_error(session, job.id, "could not notify: \x00" + "y" * 5000)
    with session_scope(db) as session:
        stored = get_job(session, job.id)
        run = stored.stage("codex")
        assert run is not None and run.error is not None and stored.notify_error is not None
        assert stored.error == "codex: bad\ufffdbyte"
        assert run.error.startswith("bad\ufffdbyte \ufffd x") and len(run.error) <= 2000
        assert "\x00" not in stored.notify_error and len(stored.notify_error) <= 2000


def test_a_notify_error_changes_nothing_but_itself(db: Factory) -> None:
    job = new_job(db, notify={"task": "client.done", "queue": "client"})
    with session_scope(db) as session:
        mark_job(session, job.id, "succeeded", build_key="jobs/x/build/x.zip")
        set_notify_error(session, job.id, "could not notify client.done: broker unreachable")
    with session_scope(db) as session:
        data = get_job(session, job.id).as_dict()
        reason = "could not notify client.done: broker unreachable"
        assert (data["status"], data["notify_error"]) == ("succeeded", reason)
        set_notify_error(session, job.id, None)
    with session_scope(db) as session:
        assert get_job(session, job.id).notify_error is None


def test_stages_to_redo_are_all_that_did_not_succeed_in_pipeline_order(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        assert stages_to_redo(session, job.id) == ["parse", "codex", "canvas", "sonata", "labyrinth", "build"]
        for stage in ("parse", "codex", "canvas", "labyrinth"):
            stage_succeeded(session, job.id, stage, manifest(stage))
        stage_failed(session, job.id, "sonata", "boom", retrying=False)
        assert stages_to_redo(session, job.id) == ["sonata", "build"]
        stage_cancelled(session, job.id, "labyrinth")  # a succeeded stage stays succeeded
        assert stages_to_redo(session, job.id) == ["sonata", "build"]


def test_get_job_accepts_a_unique_prefix_and_rejects_unknown_or_ambiguous_ones(db: Factory) -> None:
    one = new_job(db, job_id="abcd1111-0000-4000-8000-000000000001", title="One")
    new_job(db, job_id="abcd2222-0000-4000-8000-000000000002", title="Two")
    with session_scope(db) as session:
        assert get_job(session, one.id).title == "One"
        assert get_job(session, "abcd1").id == one.id
        assert get_job(session, " ABCD2 ").title == "Two"
        with pytest.raises(AmbiguousJobIdError, match=r"abcd1111.*One.*abcd2222.*Two|abcd2222.*Two.*abcd1111.*One"):
            get_job(session, "abcd")
        with pytest.raises(JobNotFoundError, match="ffff"):
            get_job(session, "ffff")
        for not_a_prefix in ("%", "_", "abcd%", ""):
            with pytest.raises(JobNotFoundError):
                get_job(session, not_a_prefix)


def test_errors_about_job_ids_are_input_errors(db: Factory) -> None:
    with session_scope(db) as session, pytest.raises(InputError):
        get_job(session, "nope")


def test_set_job_spec_stores_spec_warnings_and_title(db: Factory) -> None:
    job = new_job(db, title="")
    with session_scope(db) as session:
        set_job_spec(session, job.id, '{"title": "Moon Jump", "levels": [1, 2]}', ["no tempo; using 120"], "Moon Jump")
    with session_scope(db) as session:
        stored = get_job(session, job.id)
        assert stored.spec == {"title": "Moon Jump", "levels": [1, 2]}
        assert stored.warnings == ["no tempo; using 120"]
        assert stored.title == "Moon Jump"
        set_job_spec(session, job.id, {"title": "Again"}, [], "Again")
    with session_scope(db) as session:
        assert get_job(session, job.id).spec == {"title": "Again"}


def test_a_spec_holding_a_nul_character_is_refused_with_the_reason(db: Factory) -> None:
    job = new_job(db)
    for spec, warnings in (({"levels": [{"name": "Lev\x00el"}]}, []), ({"title": "x"}, ["quoted \x00"])):
        with session_scope(db) as session, pytest.raises(InputError, match="NUL character"):
            set_job_spec(session, job.id, spec, warnings, "x")
    with session_scope(db) as session:
        set_job_spec(session, job.id, {"title": "a\\u0000 is just text"}, [], "Fine")
        assert get_job(session, job.id).spec == {"title": "a\\u0000 is just text"}


def test_mark_job_stamps_times_and_never_moves_a_finished_job_back(db: Factory) -> None:
    job = new_job(db)
    assert job.started_at is None and job.finished_at is None
    with session_scope(db) as session:
        running = mark_job(session, job.id, "running")
        started = running.started_at
        assert started is not None and started.tzinfo is not None and running.finished_at is None
    with session_scope(db) as session:
        assert mark_job(session, job.id, "running").started_at == started
        assert mark_job(session, job.id, "queued").status == "running"
    with session_scope(db) as session:
        done = mark_job(session, job.id, "succeeded", build_key=f"jobs/{job.id}/build/index.html")
        finished = done.finished_at
        assert finished is not None and finished >= started
    with session_scope(db) as session:
        assert mark_job(session, job.id, "running").status == "succeeded"
        assert mark_job(session, job.id, "failed", error="late").status == "succeeded"
    with session_scope(db) as session:
        stored = get_job(session, job.id)
        assert (stored.status, stored.started_at, stored.finished_at) == ("succeeded", started, finished)
        assert stored.error is None
        assert stored.build_key == f"jobs/{job.id}/build/index.html"
        assert stored.finished_at is not None and stored.finished_at.tzinfo == UTC


def test_a_job_failed_before_it_ran_has_no_start_time(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        failed = mark_job(session, job.id, "failed", error="the GDD is empty")
        assert (failed.status, failed.error, failed.started_at) == ("failed", "the GDD is empty", None)
        assert failed.finished_at is not None


def test_mark_job_rejects_an_unknown_status_and_an_unknown_job(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        with pytest.raises(InputError, match="unknown job status 'done'"):
            mark_job(session, job.id, "done")
        with pytest.raises(JobNotFoundError):
            mark_job(session, str(uuid.uuid4()), "running")


def test_reopen_job_requeues_any_job_that_is_not_running_or_succeeded(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        assert reopen_job(session, job.id).status == "queued"
        mark_job(session, job.id, "running")
        with pytest.raises(InputError, match="is running; only a queued, failed or cancelled job"):
            reopen_job(session, job.id)
        mark_job(session, job.id, "failed", error="codex broke")
    with session_scope(db) as session:
        reopened = reopen_job(session, job.id)
        assert (reopened.status, reopened.error, reopened.finished_at) == ("queued", None, None)
        assert mark_job(session, job.id, "running").status == "running"


def test_list_jobs_filters_by_status_newest_first(db: Factory) -> None:
    jobs = [new_job(db, title=f"Game {index}") for index in range(4)]
    with session_scope(db) as session:
        mark_job(session, jobs[1].id, "failed", error="x")
        mark_job(session, jobs[3].id, "failed", error="y")
        mark_job(session, jobs[2].id, "running")
    with session_scope(db) as session:
        assert [job.title for job in list_jobs(session)] == ["Game 3", "Game 2", "Game 1", "Game 0"]
        assert [job.title for job in list_jobs(session, status="failed")] == ["Game 3", "Game 1"]
        assert [job.title for job in list_jobs(session, status="queued")] == ["Game 0"]
        assert [job.title for job in list_jobs(session, limit=2)] == ["Game 3", "Game 2"]
        with pytest.raises(InputError, match="unknown job status"):
            list_jobs(session, status="stuck")


# --- stages -----------------------------------------------------------------------------------


def test_stage_rows_record_attempts_across_retries_durations_and_outputs(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        queued = stage_queued(session, job.id, "codex", task_id="t-1")
        assert (queued.status, queued.attempts, queued.task_id) == ("queued", 0, "t-1")
    with session_scope(db) as session:
        first = stage_started(session, job.id, "codex", task_id="t-1", worker="codex@host-a", attempt=1)
        assert (first.status, first.attempts, first.worker) == ("running", 1, "codex@host-a")
    time.sleep(0.02)
    with session_scope(db) as session:
        retrying = stage_failed(session, job.id, "codex", "timed out", retrying=True)
        assert (retrying.status, retrying.error) == ("retrying", "timed out")
        assert retrying.duration_seconds is not None and retrying.duration_seconds >= 0.02
    with session_scope(db) as session:
        second = stage_started(session, job.id, "codex", task_id="t-1", worker="codex@host-b", attempt=2)
        assert (second.status, second.attempts, second.worker, second.finished_at) == (
            "running",
            2,
            "codex@host-b",
            None,
        )
    time.sleep(0.02)
    with session_scope(db) as session:
        stage_succeeded(session, job.id, "codex", manifest("codex"))
    with session_scope(db) as session:
        run = get_job(session, job.id).stage("codex")
        assert run is not None
        assert (run.status, run.attempts, run.error) == ("succeeded", 2, None)
        assert run.started_at is not None and run.finished_at is not None
        assert run.started_at.tzinfo == UTC and run.finished_at.tzinfo == UTC
        assert run.duration_seconds == pytest.approx((run.finished_at - run.started_at).total_seconds())
        assert run.duration_seconds >= 0.02
        assert run.outputs == manifest("codex").model_dump(mode="json")
        assert StageManifest.model_validate(run.outputs).file("out.json").bytes == 2


def test_a_redelivered_task_counts_as_another_attempt(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        stage_started(session, job.id, "sonata", task_id="t-9", worker="a", attempt=1)
    with session_scope(db) as session:
        run = stage_started(session, job.id, "sonata", task_id="t-9", worker="b", attempt=1)
        assert run.attempts == 2


def test_a_late_queued_record_does_not_undo_a_started_stage(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        stage_started(session, job.id, "parse", task_id="t-1", worker="w")
        assert stage_queued(session, job.id, "parse", task_id="t-1").status == "running"


def test_requeueing_a_stage_for_a_retry_clears_the_previous_run(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        stage_started(session, job.id, "canvas", task_id="t-1")
        stage_failed(session, job.id, "canvas", "boom", retrying=False)
    with session_scope(db) as session:
        run = stage_queued(session, job.id, "canvas", task_id="t-2")
        assert (run.status, run.error, run.finished_at, run.task_id, run.attempts) == ("queued", None, None, "t-2", 1)


def test_failed_stages_lists_only_the_failed_ones(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        for stage in ("build", "codex", "canvas", "sonata", "labyrinth"):
            stage_started(session, job.id, stage, worker="w")
        stage_failed(session, job.id, "build", "no manifests", retrying=False)
        stage_failed(session, job.id, "codex", "bad spec", retrying=False)
        stage_failed(session, job.id, "canvas", "flaky", retrying=True)
        stage_succeeded(session, job.id, "sonata", manifest("sonata"))
        stage_cancelled(session, job.id, "labyrinth")
    with session_scope(db) as session:
        assert failed_stages(session, job.id) == ["codex", "build"]
        assert stage_outputs(session, job.id) == {"sonata": manifest("sonata").model_dump(mode="json")}


def test_a_cancelled_stage_stays_cancelled_when_its_task_starts_late(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        stage_queued(session, job.id, "labyrinth", task_id="t-1")
        stage_queued(session, job.id, "codex", task_id="t-2")
        stage_succeeded(session, job.id, "codex", manifest("codex"))
        cancelled = cancel_job(session, job.id, reason="cancelled by the user")
        assert (cancelled.status, cancelled.error) == ("cancelled", "cancelled by the user")
    with session_scope(db) as session:
        assert stage_started(session, job.id, "labyrinth", task_id="t-1").status == "cancelled"
        assert get_job(session, job.id).stage("codex").status == "succeeded"  # type: ignore[union-attr]


def test_stage_functions_reject_unknown_stages_and_jobs(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        with pytest.raises(InputError, match="unknown stage 'mixer'"):
            stage_started(session, job.id, "mixer")
        with pytest.raises(JobNotFoundError):
            stage_started(session, str(uuid.uuid4()), "codex")


def test_workers_updating_different_stages_of_one_job_at_once_never_conflict(db: Factory) -> None:
    job = new_job(db)
    stages = ["codex", "canvas", "sonata", "labyrinth"]

    def work(index: int) -> None:
        stage = stages[index % 4]
        with session_scope(db) as session:
            if index >= 4:
                mark_job(session, job.id, "running")
            stage_started(session, job.id, stage, task_id=f"t-{index}", worker=f"w{index}")
        with session_scope(db) as session:
            stage_succeeded(session, job.id, stage, manifest(stage))

    in_threads(8, work)
    with session_scope(db) as session:
        stored = get_job(session, job.id)
        assert stored.status == "running"
        assert {run.stage: run.status for run in stored.stages} == dict.fromkeys(stages, "succeeded")
        assert sorted(run.attempts for run in stored.stages) == [2, 2, 2, 2]
        count = session.scalar(select(func.count()).select_from(StageRun).where(StageRun.job_id == job.id))
        assert count == 4


def test_job_as_dict_lists_stages_in_pipeline_order(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        for stage in ("build", "codex", "parse"):
            stage_queued(session, job.id, stage)
    with session_scope(db) as session:
        data = get_job(session, job.id).as_dict()
    assert [stage["stage"] for stage in data["stages"]] == ["parse", "codex", "build"]
    assert data["created_at"].endswith("+00:00")


def test_a_session_scope_rolls_back_when_the_block_raises(db: Factory) -> None:
    job = new_job(db)
    with pytest.raises(RuntimeError), session_scope(db) as session:
        mark_job(session, job.id, "running")
        raise RuntimeError("worker crashed")
    with session_scope(db) as session:
        assert get_job(session, job.id).status == "queued"


# --- connections ------------------------------------------------------------------------------


def test_an_unreachable_database_raises_database_error_fast_without_the_password() -> None:
    url = "postgresql://maestro:hunter2-secret@127.0.0.1:1/maestro_jobs"
    began = time.monotonic()
    engine: Engine = make_engine(url)
    with pytest.raises(DatabaseUnavailableError) as caught, session_scope(session_factory(engine)) as session:
        list_jobs(session)
    message = str(caught.value)
    assert "127.0.0.1:1" in message and "maestro_jobs" in message
    assert "hunter2" not in message
    with pytest.raises(DatabaseError) as again:
        ping(engine)
    with pytest.raises(DatabaseError) as migrating:
        upgrade(url)
    assert all("hunter2" not in str(error.value) for error in (again, migrating))
    assert time.monotonic() - began < 15


def test_a_malformed_database_url_raises_database_error() -> None:
    with pytest.raises(DatabaseError, match="could not be read") as caught:
        make_engine("not a url")
    assert not isinstance(caught.value, DatabaseUnavailableError), "a wrong URL stays wrong: not worth a retry"


def test_a_sqlite_database_in_an_unwritable_place_raises_database_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DatabaseError, match="SQLite database"):
        make_engine(f"sqlite:///{blocker}/sub/x.db")


def test_stage_rows_say_when_they_last_changed_and_count_the_sweepers_rescues(db: Factory) -> None:
    job = new_job(db)
    with session_scope(db) as session:
        queued = stage_queued(session, job.id, "codex", "task-1")
        first = queued.updated_at
        assert first is not None and queued.rescues == 0
        stage_started(session, job.id, "codex", "task-1", "codex@a", 1)
        again = stage_queued(session, job.id, "codex", "task-2", rescue=True)
        assert (again.task_id, again.status, again.rescues, again.attempts) == ("task-2", "queued", 1, 1)
        assert again.updated_at is not None and again.updated_at >= first
    with session_scope(db) as session:
        [unfinished] = [found for found in unfinished_jobs(session) if found.id == job.id]
        assert unfinished.stage("codex") is not None
        assert find_stage(session, job.id, "codex").task_id == "task-2"
        assert find_stage(session, job.id, "build") is None
        assert lock_job(session, job.id).status == "queued"
