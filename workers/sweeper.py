"""The sweeper: finds jobs that stopped moving and moves them on (``maestro.sweep``, sent by Celery beat).

:mod:`maestro.recovery` decides; this module gathers what it decides on and carries it out. The
rows come from the database; which tasks are alive comes from the broker (the ids waiting in each
queue) and from the workers (the ids each one runs, holds or has scheduled for a retry, by
``inspect``). A task in neither place, whose stage is due, is lost: the stage is sent again under
a new task id recorded in its row first, so the old task, should it turn up, is superseded.

Only the Redis broker can be read queue by queue; with another broker the sweeper trusts the
time limit alone. The sweep reads the broker only when the database shows a candidate, so an
idle or healthy cluster costs one query per pass.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from maestro.recovery import Action, Limits, decide
from maestro.settings import settings
from workers import tasks
from workers.app import app
from workers.context import TRANSIENT, context

log = logging.getLogger(__name__)

#: Most messages read from one queue (or the unacked set) per pass: a backlog longer than this
#: counts as alive beyond it (its tasks are not judged lost; see `live_task_ids`).
SCAN_MAX = 20_000
#: Seconds the sweeper waits for workers to say which tasks they hold.
INSPECT_TIMEOUT = 1.5
#: Most unfinished jobs looked at per pass (oldest first).
JOBS_PER_PASS = 500


@dataclass
class SweepReport:
    """What one pass found and did, for logs, ``maestro doctor --jobs`` and metrics."""

    looked_at: int = 0
    resent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    broker_read: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"looked_at": self.looked_at, "resent": self.resent, "failed": self.failed,
                "skipped": self.skipped, "broker_read": self.broker_read}


def limits() -> Limits:
    config = settings()
    return Limits(lost_after=config.lost_after_seconds, time_limit=float(config.task_time_limit))


@app.task(name="maestro.sweep", ignore_result=True)
def sweep() -> dict[str, Any]:
    """One pass of the sweeper; Celery beat sends it every ``MAESTRO_SWEEP_SECONDS``."""
    report = sweep_once()
    if report.resent or report.failed:
        log.warning("sweeper: %s", report.as_dict())
    _export(report)
    return report.as_dict()


#: Seconds between two counts of orphaned files (a listing of the store per ended job: not every pass).
ORPHAN_COUNT_SECONDS = 600.0
#: Ended jobs (newest first) whose files each count looks at.
ORPHAN_JOBS = 200
_orphans_counted = -ORPHAN_COUNT_SECONDS


def _export(report: SweepReport) -> None:
    """What the pass found, for ``maestro metrics``: stuck stages, what was moved on, and now and then orphans."""
    global _orphans_counted
    from maestro import metrics

    metrics.SWEEPS.inc()
    metrics.SWEEP_STUCK.set(report.looked_at)
    metrics.SWEEP_ACTIONS.labels("resent").inc(len(report.resent))
    metrics.SWEEP_ACTIONS.labels("failed").inc(len(report.failed))
    if time.monotonic() - _orphans_counted >= ORPHAN_COUNT_SECONDS:
        try:
            metrics.ORPHAN_FILES.set(count_orphans(ORPHAN_JOBS))
            _orphans_counted = time.monotonic()
        except Exception as error:  # the store or database is down: count on a later pass
            log.warning("sweeper: cannot count orphaned files: %s", tasks.reason_of(error))
    metrics.SWEEP_LAST.set(time.time())


def count_orphans(limit: int) -> int:
    """How many files of the newest ``limit`` ended jobs no record names."""
    return sum(len(keys) for keys in find_orphans(limit).values())


def find_orphans(limit: int) -> dict[str, list[str]]:
    """Files of the newest ``limit`` ended jobs that no record names, by job (``maestro doctor --jobs``)."""
    from maestro.orphans import orphaned
    from maestro.pipeline import job_prefix

    ctx = context()
    with ctx.session() as session:
        jobs = ctx.repo.finished_jobs(session, limit)
    found: dict[str, list[str]] = {}
    for job in jobs:  # the store is listed outside the transaction
        keys = orphaned(job, ctx.store.keys(job_prefix(job.id)))
        if keys:
            found[job.id] = keys
    return found


def find_stuck(now: datetime | None = None) -> tuple[list[Action], bool]:
    """The actions a pass would take now, and whether the broker could be read (for reports)."""
    now = now or datetime.now(UTC)
    patience = limits()
    with context().session() as session:
        jobs = context().repo.unfinished_jobs(session, JOBS_PER_PASS)
        candidates = decide(jobs, frozenset(), now, patience)  # what would be lost if nothing were alive
        if not candidates:
            return [], False
        live = live_task_ids({action.expected_task for action in candidates if action.expected_task})
        return decide(jobs, live, now, patience), live is not None


def sweep_once(now: datetime | None = None) -> SweepReport:
    """Look at every unfinished job once and move on those whose task was lost."""
    report = SweepReport()
    try:
        actions, report.broker_read = find_stuck(now)
    except TRANSIENT as error:
        log.warning("sweeper: skipped a pass: %s", error)
        return report
    report.looked_at = len(actions)
    for action in actions:
        name = f"{action.job_id}/{action.stage}"
        try:
            done = _carry_out(action)
        except TRANSIENT as error:
            log.warning("sweeper: %s: %s", name, error)
            done = False
        (report.resent if done and action.kind == "resend" else report.failed if done else report.skipped).append(name)
        if done:
            log.warning("sweeper: %s %s: %s", action.kind, name, action.reason)
    return report


def _carry_out(action: Action) -> bool:
    """Do ``action`` if the row still names the task it was decided on; False if someone moved first."""
    repo = context().repo
    ids: dict[str, str] = {}
    with context().session() as session:
        job = repo.lock_job(session, action.job_id)
        row = repo.find_stage(session, action.job_id, action.stage)
        if job.finished or (row.task_id if row is not None else None) != action.expected_task:
            return False
        if action.kind == "fail":
            repo.fail_stage(session, action.job_id, action.stage, action.reason)
        else:
            ids = tasks.record_launch(action.job_id, [action.stage], rescue=True, session=session)
    if action.kind == "fail":
        tasks.notify(action.job_id)
    else:
        tasks.send(action.job_id, ids)
    return True


def live_task_ids(candidates: set[str]) -> frozenset[str] | None:
    """Which of ``candidates`` (task ids) exist: waiting in a queue, or held by a worker. None if unknowable.

    Held means running, reserved or scheduled (an ETA retry) by a worker that answered. A task
    delivered but held by no answering worker belongs to a worker that died (the broker gives it
    back only after the visibility timeout): it is not alive. If no worker answers at all, the
    delivered tasks count as alive, since nothing can be told about them.
    """
    try:
        with app.connection_for_read() as connection:
            channel = connection.default_channel
            if not queues_readable(channel):
                return None
            client = channel.client
            waiting = _ids(_queued_payloads(client, channel))
            delivered = _ids(_unacked_payloads(client, channel))
        held = _held_by_workers(candidates - waiting)
    except Exception as error:  # the broker or the workers did not answer: judge by time only
        log.warning("sweeper: cannot see the broker: %s", tasks.reason_of(error))
        return None
    return frozenset(waiting | (held if held is not None else delivered))


def queues_readable(channel: Any) -> bool:
    """Whether the broker's queues can be read list by list: Redis only."""
    return hasattr(channel, "_q_for_pri")


def queue_lists(channel: Any, queue: str) -> list[str]:
    """The Redis lists holding ``queue``'s waiting messages, one per priority level.

    kombu names them privately (``_q_for_pri``); this is the one place that relies on it.
    """
    return [channel._q_for_pri(queue, priority) for priority in channel.priority_steps]


def _queued_payloads(client: Any, channel: Any) -> Iterable[Any]:
    from celeryconfig import QUEUES

    for queue in QUEUES:
        for name in queue_lists(channel, queue):
            yield from client.lrange(name, 0, SCAN_MAX - 1)


def _unacked_payloads(client: Any, channel: Any) -> Iterable[Any]:
    for _, value in client.hscan_iter(channel.unacked_key, count=500):
        try:
            yield json.loads(value)[0]
        except (ValueError, TypeError, IndexError, KeyError):
            continue


def _ids(payloads: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for payload in payloads:
        try:
            message = json.loads(payload) if isinstance(payload, bytes | str) else payload
            task_id = message["headers"]["id"]
        except (ValueError, TypeError, KeyError):
            continue
        if isinstance(task_id, str):
            found.add(task_id)
    return found


def _held_by_workers(task_ids: set[str]) -> set[str] | None:
    """Which of ``task_ids`` a worker that answers runs, holds or has scheduled; None if none answered.

    One broadcast (``query_task``) asks every worker about exactly these ids.
    """
    replies = app.control.inspect(timeout=INSPECT_TIMEOUT).query_task(*sorted(task_ids)) if task_ids else None
    if task_ids and not replies:
        return None
    held: set[str] = set()
    for known in (replies or {}).values():
        for task_id, (state, _) in (known or {}).items():
            if state in ("active", "reserved", "scheduled"):
                held.add(task_id)
    return held
