"""Per-job and per-stage state: PostgreSQL in the cluster mode, a SQLite file in the embedded mode.

Open a database with `make_engine` and `session_factory`, bring its schema up to date with
`upgrade`, and record or read state with the repository functions inside `session_scope`::

    engine = make_engine(url)
    upgrade(url)
    with session_scope(session_factory(engine)) as session:
        job, created = create_job(session, title="Moon Jump", gdd_sha256=digest, seed=7, source="cli")
"""

from typing import Any

from maestro.db.models import (
    FINISHED_JOB_STATUSES,
    FINISHED_STAGE_STATUSES,
    STAGE_NAMES,
    Base,
    Job,
    JobStatus,
    StageRun,
    StageStatus,
)
from maestro.db.repository import (
    AmbiguousJobIdError,
    JobNotFoundError,
    cancel_job,
    cancel_waiting_stages,
    create_job,
    fail_stage,
    failed_stages,
    find_stage,
    finished_jobs,
    get_job,
    list_jobs,
    lock_job,
    mark_job,
    new_job_id,
    reopen_job,
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
)
from maestro.db.session import (
    DatabaseError,
    DatabaseUnavailableError,
    describe,
    make_engine,
    ping,
    session_factory,
    session_scope,
)

__all__ = [
    "FINISHED_JOB_STATUSES",
    "FINISHED_STAGE_STATUSES",
    "STAGE_NAMES",
    "AmbiguousJobIdError",
    "Base",
    "DatabaseError",
    "DatabaseUnavailableError",
    "Job",
    "JobNotFoundError",
    "JobStatus",
    "StageRun",
    "StageStatus",
    "cancel_job",
    "cancel_waiting_stages",
    "create_job",
    "current_revision",
    "describe",
    "fail_stage",
    "failed_stages",
    "find_stage",
    "finished_jobs",
    "get_job",
    "head_revision",
    "list_jobs",
    "lock_job",
    "make_engine",
    "mark_job",
    "new_job_id",
    "ping",
    "reopen_job",
    "session_factory",
    "session_scope",
    "set_job_spec",
    "set_notify_error",
    "stage_cancelled",
    "stage_failed",
    "stage_outputs",
    "stage_queued",
    "stage_started",
    "stage_succeeded",
    "stages_to_redo",
    "unfinished_jobs",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    """The migration functions, imported on first use: Alembic takes longer to import than a whole
    embedded run spends on its database, and only ``maestro db upgrade`` and workers need it."""
    if name in ("current_revision", "head_revision", "upgrade"):
        from maestro.db import migrate

        return getattr(migrate, name)
    raise AttributeError(f"module 'maestro.db' has no attribute {name!r}")
