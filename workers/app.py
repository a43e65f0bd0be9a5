"""The one Celery application, configured from `celeryconfig.py`."""

from __future__ import annotations

from celery import Celery

#: What a worker loads at start: the tasks, and what it reports through (metrics, logs, traces).
app = Celery("maestro", include=["workers.observe", "workers.logs", "workers.tracing", "workers.tasks",
                                 "workers.sweeper"])
app.config_from_object("celeryconfig")
