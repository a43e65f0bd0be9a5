"""The small set of reads and writes the Celery tasks and the CLI make on job state.

Each function takes an open `Session` and leaves committing to the caller (`session_scope`), so
a task can record several facts in one transaction. They are written for concurrency: the four
stage workers of one job update their own stage rows at the same moment, so a stage row is made
to exist with ``INSERT ... ON CONFLICT DO NOTHING`` and then locked on its own (``SELECT ... FOR
UPDATE``), never the job row; job updates lock only the job row, and with ``FOR NO KEY UPDATE``
so they do not wait for, or block, stage rows being inserted. A job's status only moves forward
(queued, running, then a final one): a late or redelivered message cannot revive a job that has
ended. Only `reopen_job` (the retry command) moves a failed or cancelled job back to queued.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from maestro.db.models import FINISHED_JOB_STATUSES, STAGE_NAMES, Job, JobStatus, StageRun, StageStatus, utcnow
from maestro.db.session import after_commit
from maestro.errors import ArgumentError, InputError
from maestro.manifest import StageManifest
from maestro.submission import TITLE_MAX, JobId, Submitter

log = logging.getLogger(__name__)

#: Longest error text a row keeps: the reason's first line is what a person reads; a driver's
#: error can quote a whole statement and its parameters.
ERROR_MAX = 2000
_NOT_STORABLE = re.compile("[\x00\ud800-\udfff]")  # PostgreSQL text holds no NUL, UTF-8 no lone surrogate
_JOB_ID = TypeAdapter(JobId)

_ID_PREFIX = re.compile(r"[0-9a-f-]+")
_JOB_ORDER = {JobStatus.QUEUED: 0, JobStatus.RUNNING: 1}


class JobNotFoundError(InputError):
    """No job has the id (or id prefix) given."""


class AmbiguousJobIdError(InputError):
    """More than one job starts with the id prefix given."""


def new_job_id() -> str:
    """A fresh job id: a random UUID, whose first few characters are enough to name it later."""
    return str(uuid.uuid4())


def create_job(
    session: Session,
    *,
    title: str,
    gdd_sha256: str,
    seed: int | None,
    source: str,
    submission_id: str | None = None,
    notify: Mapping[str, Any] | None = None,
    job_id: str | None = None,
) -> tuple[Job, bool]:
    """Create a queued job, or find the one already made for ``submission_id`` (or ``job_id``).

    Returns ``(job, created)``. A caller that retries a submission (a client whose request timed
    out, a redelivered ``maestro.submit`` message) passes the same ``submission_id`` and gets the
    first job back with ``created`` False; a task retrying itself passes the same ``job_id``. Two
    submissions racing with one id both insert; the unique constraint lets one win and the other
    re-reads the winner's row.

    Every value is checked against the rules of :mod:`maestro.submission` first, so a column never
    receives what it cannot hold; a bad one raises `~maestro.errors.ArgumentError`.
    """
    notify_data = _check_row(title, submission_id, seed, notify, source)
    if job_id is not None:
        job_id = _check_job_id(job_id)
        found = session.get(Job, job_id)
        if found is not None:
            return found, False
    if submission_id is not None:
        existing = _by_submission(session, submission_id)
        if existing is not None:
            return existing, False
    job = Job(
        id=job_id or new_job_id(),
        submission_id=submission_id,
        title=title,
        status=JobStatus.QUEUED.value,
        gdd_sha256=gdd_sha256,
        seed=seed,
        source=source,
        notify=notify_data,
        warnings=[],
        created_at=utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:
        existing = _by_submission(session, submission_id) if submission_id is not None else None
        existing = existing or (session.get(Job, job.id) if job_id is not None else None)
        if existing is None:
            raise
        return existing, False
    return job, True


def get_job(session: Session, job_id_or_prefix: str) -> Job:
    """The job with this id, or the only job whose id starts with it (like a short git hash).

    Raises `JobNotFoundError` when none matches and `AmbiguousJobIdError` (listing a few
    candidates) when several do.
    """
    key = job_id_or_prefix.strip()
    if not key:
        raise JobNotFoundError("no job id given")
    job = session.get(Job, key)
    if job is not None:
        return job
    prefix = key.lower()
    if _ID_PREFIX.fullmatch(prefix):
        matches = session.scalars(
            select(Job).where(Job.id.startswith(prefix, autoescape=True)).order_by(Job.created_at.desc()).limit(6)
        ).all()
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = ", ".join(f"{job.id} ({job.title or 'untitled'})" for job in matches[:5])
            more = " and more" if len(matches) > 5 else ""
            raise AmbiguousJobIdError(f"job id {key!r} matches several jobs: {shown}{more}; give more characters")
    raise JobNotFoundError(f"no job {key!r}; `maestro list` shows the jobs there are")


def list_jobs(session: Session, status: str | None = None, limit: int = 50, offset: int = 0) -> list[Job]:
    """The newest ``limit`` jobs after the first ``offset``, optionally only those with ``status``."""
    query = select(Job).order_by(Job.created_at.desc(), Job.id).limit(limit).offset(offset)
    if status is not None:
        query = query.where(Job.status == _job_status(status).value)
    return list(session.scalars(query).all())


def set_job_spec(
    session: Session, job_id: str, spec_json: Mapping[str, Any] | str, warnings: Sequence[str], title: str
) -> Job:
    """Store the parsed `GameSpec` (as JSON data or text), the parser's warnings and the title.

    PostgreSQL's JSONB cannot hold a NUL character; a spec quoting one from its GDD is refused
    with that reason (an `InputError`) rather than failing as a driver error.
    """
    spec = json.loads(spec_json) if isinstance(spec_json, str) else dict(spec_json)
    notes = [str(warning) for warning in warnings]
    if _holds_nul([spec, notes]):
        raise InputError("the GDD holds a NUL character (a binary byte), which the job database cannot store; "
                         "remove it and submit again")
    job = _job_for_update(session, job_id)
    job.spec, job.warnings, job.title = spec, notes, storable(title, TITLE_MAX)
    return job


def mark_job(session: Session, job_id: str, status: str, error: str | None = None, build_key: str | None = None) -> Job:
    """Move the job to ``status``, stamping ``started_at`` / ``finished_at``.

    The status only moves forward: queued, then running, then succeeded, failed or cancelled.
    A move backwards (a redelivered task marking a finished job running, a late failure after a
    cancel) is ignored and logged, so the first final word on a job stands.
    """
    target = _job_status(status)
    job = _job_for_update(session, job_id)
    current = JobStatus(job.status)
    if current.finished or (not target.finished and _JOB_ORDER[target] < _JOB_ORDER[current]):
        if target != current:
            log.info("job %s is %s already; not marking it %s", job.id, current.value, target.value)
        return job
    now = utcnow()
    job.status = target.value
    if target is JobStatus.RUNNING and job.started_at is None:
        job.started_at = now
    if target.finished:
        job.finished_at = now
        created, ended = job.created_at, target.value
        after_commit(session, lambda: _announce_end(ended, created, now))
    if error is not None:
        job.error = storable(error, ERROR_MAX)
    if build_key is not None:
        job.build_key = build_key
    return job


#: Called with ``(status, created_at, finished_at)`` each time a job ends, once the change is committed
#: (the workers count endings in their metrics): exactly once per ending, whichever process ended it.
JOB_ENDED: list[Callable[[str, datetime | None, datetime], None]] = []


def _announce_end(status: str, created: datetime | None, finished: datetime) -> None:
    for listener in JOB_ENDED:
        try:
            listener(status, created, finished)
        except Exception:  # a listener (metrics) must never undo or hide what was recorded
            log.exception("a job-ended listener failed")


#: The statuses `reopen_job` takes back to queued: every one but running and succeeded.
REOPENABLE = frozenset({JobStatus.QUEUED, JobStatus.FAILED, JobStatus.CANCELLED})


def reopen_job(session: Session, job_id: str) -> Job:
    """Put a queued, failed or cancelled job (back) in the queue (``maestro retry``), clearing its error.

    Its stage rows are left as they are: the retry re-queues the stages it runs again with
    `stage_queued`, and succeeded stages keep their outputs for the build. A running job is
    refused (its tasks are at work: cancel it first), and so is a succeeded one.
    """
    job = _job_for_update(session, job_id)
    if job.status not in REOPENABLE:
        raise InputError(f"job {job.id} is {job.status}; only a queued, failed or cancelled job can be retried")
    job.status = JobStatus.QUEUED.value
    job.finished_at = None
    job.error = None
    return job


def cancel_job(session: Session, job_id: str, reason: str | None = None) -> Job:
    """Mark the job cancelled and each of its stages that has not finished cancelled too."""
    job = mark_job(session, job_id, JobStatus.CANCELLED, error=reason)
    for run in list(job.stages):
        if not run.finished:
            stage_cancelled(session, job_id, run.stage)
    return job


def stage_queued(
    session: Session, job_id: str, stage: str, task_id: str | None = None, rescue: bool = False
) -> StageRun:
    """Record that a task for ``stage`` is being sent (a new run: clears a previous run's result).

    Tasks are recorded before they are sent, so a worker never starts a task its row does not
    name, and cancelling a job can revoke even the tasks still waiting in a queue. A worker may
    still start the task before this transaction commits; when the row already shows this very
    ``task_id`` past the queue, the late record is ignored. ``rescue`` counts a send by the
    sweeper after the previous task was lost. Attempts are kept: they count every start.
    """
    run = _stage_for_update(session, job_id, stage)
    if task_id is not None and run.task_id == task_id and run.status != StageStatus.QUEUED:
        return run
    run.status = StageStatus.QUEUED.value
    run.task_id = task_id if task_id is not None else run.task_id
    run.started_at = run.finished_at = run.duration_seconds = None
    run.error = None
    run.outputs = None
    if rescue:
        run.rescues += 1
    _touch(run)
    return run


def stage_started(
    session: Session,
    job_id: str,
    stage: str,
    task_id: str | None = None,
    worker: str | None = None,
    attempt: int | None = None,
) -> StageRun:
    """Record that an attempt at ``stage`` began; every call counts one more attempt.

    ``attempt`` (Celery's ``request.retries + 1``) is a floor, not the count: a task redelivered
    after its worker was killed starts again with the same retry number, and that run counts too.
    A stage already cancelled stays cancelled, so the task can read ``run.status`` and stop.
    """
    run = _stage_for_update(session, job_id, stage)
    if run.status == StageStatus.CANCELLED:
        return run
    run.attempts = max(run.attempts + 1, attempt or 0)
    run.status = StageStatus.RUNNING.value
    run.started_at = _touch(run)
    run.finished_at = run.duration_seconds = None
    if task_id is not None:
        run.task_id = task_id
    if worker is not None:
        run.worker = worker
    return run


def stage_succeeded(session: Session, job_id: str, stage: str, outputs: Mapping[str, Any] | StageManifest) -> StageRun:
    """Record that ``stage`` finished and store its manifest (the files it wrote, a few facts)."""
    run = _stage_for_update(session, job_id, stage)
    run.status = StageStatus.SUCCEEDED.value
    run.outputs = outputs.model_dump(mode="json") if isinstance(outputs, StageManifest) else dict(outputs)
    run.error = None
    _finish(run)
    return run


def stage_failed(session: Session, job_id: str, stage: str, error: str, retrying: bool) -> StageRun:
    """Record a failed attempt: ``retrying`` when Celery will try again, else the stage failed."""
    run = _stage_for_update(session, job_id, stage)
    run.status = (StageStatus.RETRYING if retrying else StageStatus.FAILED).value
    run.error = storable(error, ERROR_MAX)
    _finish(run)
    return run


def stage_cancelled(session: Session, job_id: str, stage: str) -> StageRun:
    """Mark ``stage`` cancelled unless it already succeeded or failed (those are facts)."""
    run = _stage_for_update(session, job_id, stage)
    if run.status not in (StageStatus.SUCCEEDED, StageStatus.FAILED, StageStatus.CANCELLED):
        run.status = StageStatus.CANCELLED.value
        _finish(run)
    return run


def failed_stages(session: Session, job_id: str) -> list[str]:
    """The stages of the job that failed for good (not those still retrying), in pipeline order."""
    names = session.scalars(
        select(StageRun.stage).where(StageRun.job_id == job_id, StageRun.status == StageStatus.FAILED.value)
    ).all()
    return sorted(names, key=STAGE_NAMES.index)


def stages_to_redo(session: Session, job_id: str) -> list[str]:
    """The stages of the job that have not succeeded, in pipeline order: what a retry runs again.

    That is more than the failed ones: a stage cancelled, or never started because the job ended
    first (the build, after a header stage failed), has not produced its outputs either.
    """
    done = set(
        session.scalars(
            select(StageRun.stage).where(StageRun.job_id == job_id, StageRun.status == StageStatus.SUCCEEDED.value)
        ).all()
    )
    return [stage for stage in STAGE_NAMES if stage not in done]


def stage_outputs(session: Session, job_id: str) -> dict[str, dict[str, Any]]:
    """The manifests of the job's succeeded stages, by stage name (what a retried build reads)."""
    rows = session.execute(
        select(StageRun.stage, StageRun.outputs).where(
            StageRun.job_id == job_id, StageRun.status == StageStatus.SUCCEEDED.value
        )
    ).all()
    return {stage: outputs for stage, outputs in rows if outputs is not None}


def _by_submission(session: Session, submission_id: str) -> Job | None:
    return session.scalars(select(Job).where(Job.submission_id == submission_id)).one_or_none()


def set_notify_error(session: Session, job_id: str, error: str | None) -> Job:
    """Record why the job's notification could not be sent (None: it was sent).

    Only this column changes: a notification that failed leaves the job's status and its stage
    rows as they are, since the work they describe was done (or failed) all the same.
    """
    job = _job_for_update(session, job_id)
    job.notify_error = None if error is None else storable(error, ERROR_MAX)
    return job


def storable(text: str, limit: int) -> str:
    """``text`` as a text column can hold it: no NUL or lone surrogate, at most ``limit`` characters."""
    cleaned = _NOT_STORABLE.sub("\N{REPLACEMENT CHARACTER}", text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _holds_nul(value: Any) -> bool:
    """True if a NUL character hides anywhere in JSON data (a string, or a key)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


def _check_row(
    title: str, submission_id: str | None, seed: int | None, notify: Mapping[str, Any] | None, source: str
) -> dict[str, Any] | None:
    """The job row's caller-given values checked by the submission rules; the notify target as stored."""
    given = {"title": title, "submission_id": submission_id, "seed": seed, "notify": notify, "source": source}
    checked = Submitter.from_call(kwargs=given)
    return None if checked.notify is None else checked.notify.model_dump()


def _check_job_id(job_id: str) -> str:
    try:
        return str(_JOB_ID.validate_python(job_id))
    except ValidationError:
        raise ArgumentError("invalid argument: job_id must be a job id (a lowercase UUID)") from None


def _job_status(status: str) -> JobStatus:
    try:
        return JobStatus(status)
    except ValueError:
        choices = ", ".join(member.value for member in JobStatus)
        raise InputError(f"unknown job status {status!r}; one of: {choices}") from None


def lock_job(session: Session, job_id: str) -> Job:
    """The job row, fresh from the database and locked until the transaction ends.

    Whoever moves a job on (a task starting or finishing, cancel, retry, the sweeper) takes this
    lock first, so their decisions about one job happen one after another.
    """
    return _job_for_update(session, job_id)


def find_stage(session: Session, job_id: str, stage: str) -> StageRun | None:
    """The job's row for ``stage`` as the database holds it now, or None."""
    query = (select(StageRun).where(StageRun.job_id == job_id, StageRun.stage == stage)
             .execution_options(populate_existing=True))
    return session.scalars(query).one_or_none()


def _job_for_update(session: Session, job_id: str) -> Job:
    """The job row, locked against other writers of the job row (not of its stage rows)."""
    query = (
        select(Job).where(Job.id == job_id).with_for_update(key_share=True).execution_options(populate_existing=True)
    )
    job = session.scalars(query).one_or_none()
    if job is None:
        raise JobNotFoundError(f"no job {job_id!r}")
    return job


def _stage_for_update(session: Session, job_id: str, stage: str) -> StageRun:
    """The (job, stage) row, created queued if missing, and locked for this transaction.

    The insert-or-nothing makes creation race-free without locking the job: two workers (or a
    worker and the sender) creating one row both succeed, one of them inserting it. Maestro runs
    on PostgreSQL and SQLite, which both speak ``ON CONFLICT DO NOTHING``.
    """
    if stage not in STAGE_NAMES:
        raise InputError(f"unknown stage {stage!r}; one of: {', '.join(STAGE_NAMES)}")
    if session.scalar(select(Job.id).where(Job.id == job_id)) is None:
        raise JobNotFoundError(f"no job {job_id!r}")
    values = {"job_id": job_id, "stage": stage, "status": StageStatus.QUEUED.value, "attempts": 0}
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(StageRun).values(values).on_conflict_do_nothing(index_elements=["job_id", "stage"]))
    return session.scalars(
        select(StageRun)
        .where(StageRun.job_id == job_id, StageRun.stage == stage)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _finish(run: StageRun) -> None:
    run.finished_at = _touch(run)
    run.duration_seconds = (run.finished_at - run.started_at).total_seconds() if run.started_at is not None else None


def _touch(run: StageRun) -> datetime:
    """Stamp the row's last change (what the sweeper measures a wait by); the time stamped."""
    run.updated_at = utcnow()
    return run.updated_at


def fail_stage(session: Session, job_id: str, stage: str, reason: str) -> Job:
    """``stage`` failed for good and so did its job (``"<stage>: <reason>"``); stages still queued are cancelled.

    One operation for every way a stage fails (its task, the sweeper), so the job, the stage and
    the stages that will now never run always agree. The job row is locked first.
    """
    job = mark_job(session, job_id, "failed", error=f"{stage}: {reason}")
    stage_failed(session, job_id, stage, reason, retrying=False)
    cancel_waiting_stages(session, job_id)
    return job


def cancel_waiting_stages(session: Session, job_id: str) -> list[StageRun]:
    """Mark cancelled the job's stages still queued (a job that failed will not run them).

    Their tasks, if any still come, find the job ended and stop; the build of a failed chord
    never comes at all, and would otherwise show ``queued`` forever.
    """
    waiting = [run for run in unfinished_stage_rows(session, job_id) if run.status == StageStatus.QUEUED]
    for run in waiting:
        run.status = StageStatus.CANCELLED.value
        _finish(run)
    return waiting


def unfinished_stage_rows(session: Session, job_id: str) -> list[StageRun]:
    """The job's stage rows not over yet (queued, running, retrying), as the database holds them now."""
    query = (select(StageRun).where(StageRun.job_id == job_id, StageRun.status.in_(
        [StageStatus.QUEUED.value, StageStatus.RUNNING.value, StageStatus.RETRYING.value]))
        .execution_options(populate_existing=True))
    return list(session.scalars(query).all())


def unfinished_jobs(session: Session, limit: int = 500) -> list[Job]:
    """Jobs still queued or running, oldest first, with their stage rows: what the sweeper looks at."""
    query = (select(Job).where(Job.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]))
             .order_by(Job.created_at, Job.id).limit(limit))
    return list(session.scalars(query).all())


def finished_jobs(session: Session, limit: int = 500) -> list[Job]:
    """The newest ``limit`` jobs that ended, with their stage rows (orphaned files are looked for in these)."""
    query = (select(Job).where(Job.status.in_([status.value for status in FINISHED_JOB_STATUSES]))
             .order_by(Job.created_at.desc(), Job.id).limit(limit))
    return list(session.scalars(query).all())
