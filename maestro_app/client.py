"""Submit a GDD to a Maestro cluster from any Python program, by task name.

The same thing works with nothing but ``celery`` installed::

    from celery import Celery
    app = Celery(broker="redis://broker:6379/0", backend="redis://broker:6379/0")
    result = app.send_task("maestro.submit", queue="maestro.submit",
                           kwargs={"gdd": text, "submission_id": "order-1234",
                                   "notify": {"task": "myservice.game_ready", "queue": "myservice"}})
    job_id = result.get(timeout=30)["job_id"]

``notify`` names a task Maestro sends ``{job_id, status, build}`` to when the job ends. The
same ``submission_id`` twice makes one job. This module wraps exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from celery import Celery

SUBMIT = "maestro.submit"


@dataclass
class Submitted:
    job_id: str
    status: str
    duplicate: bool = False
    error: str | None = None


class Client:
    def __init__(self, broker_url: str, result_backend: str | None = None) -> None:
        self.app = Celery("maestro-client", broker=broker_url, backend=result_backend or broker_url)
        self.app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])

    def submit(self, gdd: str, *, title: str | None = None, submission_id: str | None = None,
               seed: int | None = None, notify: dict[str, str] | None = None, timeout: float = 60.0) -> Submitted:
        """Send ``maestro.submit`` and wait for the job id (the job itself runs on)."""
        kwargs: dict[str, Any] = {"gdd": gdd, "title": title, "submission_id": submission_id, "seed": seed,
                                  "notify": notify, "source": "cli"}
        result = self.app.send_task(SUBMIT, kwargs=kwargs, queue=SUBMIT)
        try:
            reply = result.get(timeout=timeout)
        finally:
            # Drop the result and its pub/sub subscription now: an open one makes redis-py print
            # "Exception ignored" when the interpreter exits.
            result.forget()
            consumer = getattr(self.app.backend, "result_consumer", None)
            if consumer is not None:
                consumer.stop()
        return Submitted(reply["job_id"], reply["status"], bool(reply.get("duplicate")), reply.get("error"))
