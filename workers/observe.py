"""What a worker process records for ``maestro metrics``: task times, retries, job endings, bytes stored.

Celery's signals give every task's start, end and retries without touching the tasks; job endings
come from the database layer once committed (:data:`maestro.db.repository.JOB_ENDED`), so a job is
counted once however it ended (its build, a failed stage, a cancel, the sweeper). Imported by the
worker (``workers.app`` includes it) and by the processes that cancel jobs; never by the embedded
mode, which has no one to serve metrics to.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from celery.signals import task_postrun, task_prerun, task_retry

from maestro import logs, metrics
from maestro.db import repository
from maestro.manifest import StoredFile
from maestro.pipeline import STAGES
from maestro.store import Store

#: The task names whose times are recorded, and the stage label each gets.
_STAGE_OF = {f"maestro.{name}": name for name in ("submit", *STAGES, "sweep")}
#: Celery's end states, as the ``outcome`` label (succeeded, failed, retried, skipped).
_OUTCOMES = {"SUCCESS": "succeeded", "FAILURE": "failed", "RETRY": "retried", "IGNORED": "skipped",
             "REJECTED": "failed"}
#: When each running task started (by task id), for its duration.
_started: dict[str, float] = {}


def _queue(task: Any, stage: str) -> str:
    """The queue the task came from, as a bounded label: one of ours, else the stage's own."""
    from celeryconfig import QUEUES

    info = getattr(task.request, "delivery_info", None) or {}
    queue = info.get("routing_key") if isinstance(info, dict) else None
    return queue if queue in QUEUES else f"maestro.{stage}"


@task_prerun.connect(weak=False)
def _started_task(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    if task is not None and task.name in _STAGE_OF and task_id:
        _started[task_id] = time.perf_counter()


@task_postrun.connect(weak=False)
def _ended_task(task_id: str | None = None, task: Any = None, state: str | None = None, **_: Any) -> None:
    began = _started.pop(task_id or "", None)
    if began is None or task is None:
        return
    stage = _STAGE_OF[task.name]
    outcome = _OUTCOMES.get(state or "", "failed")
    metrics.STAGE_DURATION.labels(stage, _queue(task, stage), outcome).observe(time.perf_counter() - began)


@task_retry.connect(weak=False)
def _retried(sender: Any = None, **_: Any) -> None:
    if sender is not None and sender.name in _STAGE_OF:
        stage = _STAGE_OF[sender.name]
        metrics.TASK_RETRIES.labels(stage, _queue(sender, stage)).inc()


def _job_ended(status: str, created: datetime | None, finished: datetime) -> None:
    if status not in metrics.ENDINGS:
        return
    metrics.JOBS_FINISHED.labels(status).inc()
    if status == "succeeded" and created is not None:
        metrics.JOB_DURATION.observe(max(0.0, (_aware(finished) - _aware(created)).total_seconds()))


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC times, PostgreSQL aware ones."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


if _job_ended not in repository.JOB_ENDED:
    repository.JOB_ENDED.append(_job_ended)


def submitted(source: str) -> None:
    """A job was accepted and its pipeline started."""
    metrics.JOBS_SUBMITTED.labels(source).inc()


class MeteredStore:
    """A store counting the bytes written through it, by the stage at work (``maestro_store_bytes_written_total``)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def put(self, key: str, data: bytes, content_type: str) -> StoredFile:
        stored = self._store.put(key, data, content_type)
        metrics.STORE_BYTES.labels(logs.current().stage or "other").inc(len(data))
        return stored

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def __repr__(self) -> str:
        return repr(self._store)
