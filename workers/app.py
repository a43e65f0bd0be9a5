"""The one Celery application, configured from `celeryconfig.py`."""

from __future__ import annotations

from celery import Celery

app = Celery("maestro", include=["workers.tasks", "workers.sweeper"])
app.config_from_object("celeryconfig")
