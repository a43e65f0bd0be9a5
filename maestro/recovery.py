"""What to do about jobs that stopped moving: the sweeper's decisions, free of Celery and of I/O.

Celery moves a job along by messages: parse's message carries the chord, the chord's counter in
the result backend sends the build. A message can be lost on the way (a broker restarted with
nothing on disk, a chord join that hit a dropped connection, a worker killed with the task it
held), and then nothing would ever move the job again. Every task is recorded in its stage row
*before* it is sent, so the rows say what should be happening; the sweeper compares that with
what the broker and the workers actually hold and decides, per stage:

- a stage that is **due** (parse always; a header stage once parse succeeded; the build once
  all four header stages succeeded) and whose task is nowhere for longer than ``lost_after`` is
  **sent again** (up to ``max_rescues`` times, then the stage and the job fail with the reason);
- a stage ``running`` (or ``retrying``) for longer than the task time limit can hold no live
  task, whatever the broker says: it is sent again too;
- a stage that ended badly in a job that did not end (a stale cancel, a failure recorded without
  its job) is made consistent: a cancelled row is sent again, a failed one fails the job.

Nothing here reads a clock or a broker: the caller passes ``now`` and the task ids it found
alive, so every rule is tested with plain data (see ``tests/unit/test_recovery.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from maestro.pipeline import HEADER_STAGES

#: How many times the sweeper sends one stage again before it gives up on it.
MAX_RESCUES = 3


class StageRow(Protocol):
    """What the sweeper reads of a stage row (`maestro.db.models.StageRun` has it)."""

    stage: str
    status: str
    task_id: str | None
    rescues: int
    worker: str | None
    error: str | None

    @property
    def started_at(self) -> datetime | None: ...

    @property
    def finished_at(self) -> datetime | None: ...

    @property
    def updated_at(self) -> datetime | None: ...


class JobRow(Protocol):
    """What the sweeper reads of a job row (`maestro.db.models.Job` has it)."""

    id: str
    status: str

    @property
    def created_at(self) -> datetime: ...

    @property
    def stages(self) -> Sequence[StageRow]: ...


@dataclass(frozen=True)
class Limits:
    """The sweeper's patience, in seconds."""

    #: How long a due task may be nowhere before it counts as lost.
    lost_after: float
    #: The task time limit: no attempt runs longer (its worker kills it).
    time_limit: float
    max_rescues: int = MAX_RESCUES


@dataclass(frozen=True)
class Action:
    """One thing to do about one stage of one job.

    ``resend``: record a new task for the stage and send it (the stage alone, or for parse the
    job's whole remaining pipeline). ``fail``: mark the stage and the job failed with ``reason``.
    ``expected_task`` is the task id the decision was made on: the action is skipped if the row
    names another one by then (someone else moved it on meanwhile).
    """

    job_id: str
    stage: str
    kind: Literal["resend", "fail"]
    reason: str
    expected_task: str | None


def due_stages(job: JobRow) -> list[str]:
    """The stages of ``job`` whose inputs are ready: parse, the header once parse succeeded, build last."""
    done = {row.stage for row in job.stages if row.status == "succeeded"}
    if "parse" not in done:
        return ["parse"]
    header = [stage for stage in HEADER_STAGES if stage not in done]
    if header:
        return header
    return [] if "build" in done else ["build"]


def decide(jobs: Iterable[JobRow], live: frozenset[str] | None, now: datetime, limits: Limits) -> list[Action]:
    """The actions that move ``jobs`` (queued or running ones) on.

    ``live`` holds the ids of the tasks that exist somewhere (waiting in a queue, held or run by a
    worker); None means the broker could not be read, and then only the time limit is trusted.
    """
    actions: list[Action] = []
    for job in jobs:
        if job.status not in ("queued", "running"):
            continue
        rows = {row.stage: row for row in job.stages}
        became_due = _due_since(job, rows)
        for stage in due_stages(job):
            row = rows.get(stage)
            action = _judge(job.id, stage, row, max(filter(None, (became_due, _changed(row)))), live, now, limits)
            if action is not None:
                actions.append(action)
    return actions


def _judge(job_id: str, stage: str, row: StageRow | None, since: datetime, live: frozenset[str] | None,
           now: datetime, limits: Limits) -> Action | None:
    waited = (now - since).total_seconds()
    task = row.task_id if row is not None else None
    if row is not None and row.status == "failed":
        return Action(job_id, stage, "fail", row.error or "failed", task)
    if row is not None and row.status == "cancelled":
        reason = "its task was cancelled but the job was not"
    elif row is not None and row.status in ("running", "retrying") and (
            busy := _busy_for(row, now)) > limits.time_limit + limits.lost_after:
        reason = f"{row.status} for {busy:.0f} s, past the {limits.time_limit:.0f} s time limit"
    elif live is not None and (task is None or task not in live) and waited > limits.lost_after:
        where = f" (last on worker {row.worker})" if row is not None and row.worker and row.status != "queued" else ""
        reason = f"its task was in no queue and held by no worker for {waited:.0f} s{where}"
    else:
        return None
    rescues = row.rescues if row is not None else 0
    if rescues >= limits.max_rescues:
        return Action(job_id, stage, "fail", f"lost its task {rescues + 1} times: {reason}", task)
    return Action(job_id, stage, "resend", reason, task)


def _busy_for(row: StageRow, now: datetime) -> float:
    """Seconds since a running attempt started (a retrying one: since its last change)."""
    since = row.started_at if row.status == "running" else _changed(row)
    return (now - since).total_seconds() if since is not None else 0.0


def _changed(row: StageRow | None) -> datetime | None:
    """When the row last changed (rows written before that was recorded: their latest timestamp)."""
    if row is None:
        return None
    return row.updated_at or max(filter(None, (row.finished_at, row.started_at)), default=None)


def _due_since(job: JobRow, rows: dict[str, StageRow]) -> datetime:
    """When the job's current stages became due: the latest finish of what they wait for."""
    due = due_stages(job)
    if due == ["parse"]:
        return job.created_at
    waits_for = HEADER_STAGES if due == ["build"] else ("parse",)
    return max(filter(None, (_changed(rows.get(stage)) for stage in waits_for)), default=job.created_at)
