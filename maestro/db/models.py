"""The two tables that hold Maestro's state: one row per job, one row per stage of a job.

Everything else (the GDD, the artifacts) lives in the store; these rows hold only what a person
or a worker asks about a job: where it stands, why it failed, which store keys it produced.

The schema has to work on PostgreSQL (the cluster mode) and SQLite (the embedded mode), so the
JSON columns are JSONB on PostgreSQL and JSON elsewhere, timestamps are UTC and come back
timezone-aware on both, and statuses are short strings checked by a CHECK constraint (cheaper
to change in a migration than a native enum type, and the same on both databases).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine

from maestro.pipeline import STAGES
from maestro.submission import SUBMISSION_ID_MAX, TITLE_MAX


class JobStatus(StrEnum):
    """Where a job stands. ``succeeded``, ``failed`` and ``cancelled`` are final."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in FINISHED_JOB_STATUSES


FINISHED_JOB_STATUSES = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED})


class StageStatus(StrEnum):
    """Where one stage of a job stands; ``retrying`` means a failed attempt with another coming."""

    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in FINISHED_STAGE_STATUSES


FINISHED_STAGE_STATUSES = frozenset({StageStatus.SUCCEEDED, StageStatus.FAILED, StageStatus.CANCELLED})

#: The pipeline's stages in the order they run; stage rows are listed in this order.
STAGE_NAMES: tuple[str, ...] = STAGES


def _in(column: str, values: Any) -> str:
    return f"{column} IN ({', '.join(repr(str(value)) for value in values)})"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    PostgreSQL's ``timestamptz`` does this by itself; SQLite has no time zones and hands back
    naive values, which would then compare wrongly against ``datetime.now(UTC)``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: Maestro stores only timezone-aware times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: JSONB on PostgreSQL (indexable, compact), plain JSON text on SQLite.
JSONType: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC, as every timestamp column expects."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base whose metadata names every constraint, so migrations can refer to them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSONType,
        list[str]: JSONType,
    }


class Job(Base):
    """One submitted GDD and its way through the pipeline."""

    __tablename__ = "jobs"
    __table_args__ = (CheckConstraint(_in("status", JobStatus), name="status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The caller's idempotency key: submitting twice with the same one yields the same job.
    submission_id: Mapped[str | None] = mapped_column(String(SUBMISSION_ID_MAX), unique=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED.value, index=True)
    gdd_sha256: Mapped[str] = mapped_column(String(64))
    spec: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    warnings: Mapped[list[str]] = mapped_column(JSONType, default=list)
    #: The seed the caller asked for; None runs the job with its spec's seed (see maestro.pipeline.job_seed).
    seed: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    #: Store key of the build's ``index.html`` (or its zip) once the job succeeded.
    build_key: Mapped[str | None] = mapped_column(String(500))
    #: Who submitted it: ``cli``, ``celery`` (another service, by task name) or ``embedded``.
    source: Mapped[str] = mapped_column(String(32))
    #: ``{"task": ..., "queue": ...}`` to call with the result when the job ends, or None.
    notify: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    #: Why the last notification could not be sent, or None (sent, or none asked for). A failed
    #: notification is the submitter's loss, not the job's: the job keeps its status.
    notify_error: Mapped[str | None] = mapped_column(Text)

    stages: Mapped[list[StageRun]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="StageRun.id", lazy="selectin"
    )

    @property
    def finished(self) -> bool:
        return JobStatus(self.status).finished

    def stage(self, name: str) -> StageRun | None:
        """This job's row for stage ``name``, or None if the stage was never queued."""
        return next((run for run in self.stages if run.stage == name), None)

    def as_dict(self) -> dict[str, Any]:
        """The job as plain JSON-ready data (for ``--json`` output and notifications)."""
        return {
            "id": self.id,
            "submission_id": self.submission_id,
            "title": self.title,
            "status": self.status,
            "gdd_sha256": self.gdd_sha256,
            "seed": self.seed,
            "warnings": list(self.warnings or []),
            "created_at": _iso(self.created_at),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "error": self.error,
            "build_key": self.build_key,
            "source": self.source,
            "notify_error": self.notify_error,
            "stages": [run.as_dict() for run in sorted(self.stages, key=_stage_order)],
        }

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.status} {self.title!r}>"


class StageRun(Base):
    """One stage of one job: its latest attempt's state and, once done, its manifest."""

    __tablename__ = "stage_runs"
    __table_args__ = (
        UniqueConstraint("job_id", "stage", name="uq_stage_runs_job_id_stage"),
        CheckConstraint(_in("status", StageStatus), name="status"),
        CheckConstraint(_in("stage", STAGE_NAMES), name="stage"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(16))
    #: The Celery task id of the latest attempt.
    task_id: Mapped[str | None] = mapped_column(String(155))
    status: Mapped[str] = mapped_column(String(16), default=StageStatus.QUEUED.value)
    #: How many times the stage started (retries and redeliveries after a lost worker count).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Hostname of the worker that ran the latest attempt.
    worker: Mapped[str | None] = mapped_column(String(255))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    duration_seconds: Mapped[float | None] = mapped_column(Float)
    #: The error of the latest failed attempt; cleared when the stage succeeds.
    error: Mapped[str | None] = mapped_column(Text)
    #: The stage's manifest (``{stage, files, meta}``) once it succeeded.
    outputs: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    #: When the row last changed state: how the sweeper tells a task waiting from a task lost.
    updated_at: Mapped[datetime | None]
    #: How many times the sweeper sent this stage again after its task was lost.
    rescues: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    job: Mapped[Job] = relationship(back_populates="stages")

    @property
    def finished(self) -> bool:
        return StageStatus(self.status).finished

    def as_dict(self) -> dict[str, Any]:
        """The stage row as plain JSON-ready data (the manifest is left out: it can be large)."""
        return {
            "stage": self.stage,
            "status": self.status,
            "task_id": self.task_id,
            "attempts": self.attempts,
            "worker": self.worker,
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "duration_seconds": self.duration_seconds,
            "error": self.error,
            "updated_at": _iso(self.updated_at),
            "rescues": self.rescues,
        }

    def __repr__(self) -> str:
        return f"<StageRun {self.job_id}/{self.stage} {self.status} attempts={self.attempts}>"


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _stage_order(run: StageRun) -> int:
    return STAGE_NAMES.index(run.stage) if run.stage in STAGE_NAMES else len(STAGE_NAMES)
