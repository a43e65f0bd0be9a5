"""Celery settings: one queue per pipeline stage, JSON only, reliable for long CPU tasks.

Loaded by `workers.app` with `config_from_object`. The broker and result backend come from the
environment (MAESTRO_BROKER_URL / MAESTRO_RESULT_BACKEND); tasks and routes are named after the
stages so each kind of worker can consume exactly its own queue (`celery -A workers worker -Q
maestro.codex`).
"""

from __future__ import annotations

import os

from kombu import Queue  # type: ignore[attr-defined,unused-ignore]

from maestro.pipeline import STAGES
from maestro.settings import settings

#: One queue per stage, plus the one ``maestro.submit`` arrives on and the sweeper's.
QUEUES = tuple(f"maestro.{stage}" for stage in ("submit", *STAGES, "sweep"))

broker_url = os.environ.get("MAESTRO_BROKER_URL", "redis://127.0.0.1:6379/0")
result_backend = os.environ.get("MAESTRO_RESULT_BACKEND", broker_url)

task_queues = tuple(Queue(name, routing_key=name) for name in QUEUES)
task_default_queue = "maestro.submit"
task_routes = {name: {"queue": name, "routing_key": name} for name in QUEUES}

# Only JSON crosses the broker: specs and manifests, never file contents.
task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]

# A stage may run for minutes on one core: acknowledge after the work, hand a task lost with
# its worker to another one, and take one task at a time.
task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
task_time_limit = settings().task_time_limit
task_soft_time_limit = task_time_limit * 4 // 5
broker_transport_options = {"visibility_timeout": 2 * task_time_limit}
result_backend_transport_options = {"visibility_timeout": 2 * task_time_limit}
broker_connection_retry_on_startup = True

# Ride out a broker restart of a few seconds where Celery itself talks to the broker: sending a
# task (a chain's next step, a chord's callback, a retry) and storing a result. What still gets
# lost (a chord join that hit a dropped connection) the sweeper finds and moves on.
task_publish_retry_policy = {"max_retries": 8, "interval_start": 0.5, "interval_step": 1.0, "interval_max": 4.0}
result_backend_always_retry = True
result_backend_max_retries = 8
result_backend_base_sleep_between_retries_ms = 500
result_backend_max_sleep_between_retries_ms = 4000

# The sweeper (maestro.recovery): Celery beat sends one pass every MAESTRO_SWEEP_SECONDS; a pass
# not started by the next one is dropped rather than piled up behind a stopped worker.
beat_schedule = {
    "maestro-sweep": {"task": "maestro.sweep", "schedule": settings().sweep_seconds,
                      "options": {"queue": "maestro.sweep", "expires": settings().sweep_seconds}},
}

# Flower needs these to show tasks as they are sent and started.
worker_send_task_events = True
task_send_sent_event = True
task_track_started = True

result_expires = 7 * 24 * 3600
timezone = "UTC"
enable_utc = True
