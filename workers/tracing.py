"""Celery's side of tracing: one trace per job, one span per task run, labelled with its job and stage.

:func:`instrument` turns on :mod:`maestro.tracing` and OpenTelemetry's Celery instrumentation,
which opens a span (``run/maestro.codex``) around every task run and carries the trace in the
headers of every task sent, so a job's submit, parse, four stages and build make one trace. Each
Maestro task's span gets ``maestro.job_id`` and ``maestro.stage``, to find a job's trace by its id.

Worker processes are instrumented from ``worker_process_init`` (connected here): with the prefork
pool the exporter's thread must start in the child, after the fork, as the instrumentation's
documentation asks. A process that only sends tasks (the command line) calls :func:`instrument`
itself. With no endpoint configured all of this costs a look at two environment variables.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from celery.signals import task_prerun, worker_process_init, worker_process_shutdown

from maestro import tracing
from workers.logs import job_id_of

log = logging.getLogger(__name__)

_QUEUE = re.compile(r"maestro\.[a-z]{1,32}")
_instrumented = False


def instrument(service_name: str) -> bool:
    """Trace this process's tasks, sent and run, as ``service_name``; whether tracing is on.

    Does nothing (and imports nothing) when no endpoint is configured; calling it again does nothing.
    Without the Celery instrumentation installed, only the spans of :func:`maestro.tracing.span` are sent.
    """
    global _instrumented
    if not tracing.setup(service_name):
        return False
    if not _instrumented:
        try:
            from opentelemetry.instrumentation.celery import CeleryInstrumentor
        except ImportError:
            log.warning("tracing: no spans for Celery tasks: pip install opentelemetry-instrumentation-celery")
            return True
        instrumentor = CeleryInstrumentor()
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument()
        # Connected after the instrumentation's own handler, so the task's span is current in it.
        task_prerun.connect(_label, weak=False, dispatch_uid="maestro.tracing.label")
        _instrumented = True
    return True


def _label(task: Any = None, args: Sequence[Any] | None = None, kwargs: Mapping[str, Any] | None = None,
           **_: Any) -> None:
    """Put the job id and the stage on the span of a Maestro task about to run."""
    name = getattr(task, "name", None)
    if not isinstance(name, str) or not name.startswith("maestro."):
        return
    from opentelemetry import trace

    span = trace.get_current_span()
    if not span.is_recording() or getattr(span, "name", None) != f"run/{name}":
        return  # not this task's span: label nothing rather than the wrong one
    span.set_attribute("maestro.stage", name.removeprefix("maestro."))
    job_id = job_id_of(name, getattr(task.request, "id", None), args or (), kwargs or {})
    if job_id is not None:
        span.set_attribute("maestro.job_id", job_id)


def _worker_service() -> str:
    """``maestro-worker-codex`` for a worker of the codex queue (``-Q maestro.codex``); ``maestro-worker``
    for one of every queue, or one whose queues cannot be told."""
    from workers.app import app

    queues = app.amqp.queues
    consumed = sorted(name.removeprefix("maestro.") for name in queues.consume_from if _QUEUE.fullmatch(name))
    if not consumed or len(consumed) >= len(queues):
        return "maestro-worker"
    return "maestro-worker-" + "+".join(consumed)


@worker_process_init.connect(weak=False)
def _start_worker_process(**_: Any) -> None:
    if tracing.endpoint() is not None:  # the queues are looked up only for a name that will be used
        instrument(_worker_service())


@worker_process_shutdown.connect(weak=False)
def _stop_worker_process(**_: Any) -> None:
    tracing.shutdown()
