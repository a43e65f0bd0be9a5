"""Submit a GDD to a Maestro cluster from any Python program, by task name.

The same thing works with nothing but ``celery`` installed::

    from celery import Celery
    app = Celery(broker="redis://broker:6379/0", backend="redis://broker:6379/0")
    result = app.send_task("maestro.submit", queue="maestro.submit",
                           kwargs={"gdd": text, "submission_id": "order-1234",
                                   "notify": {"task": "myservice.game_ready", "queue": "myservice"}})
    job_id = result.get(timeout=30)["job_id"]

``notify`` names a task Maestro sends ``{job_id, status, build}`` to when the job ends. The
same ``submission_id`` twice makes one job. This module wraps exactly that, and fails fast: a
broker or result backend that cannot be reached is a :class:`ClusterError` within seconds, not
minutes of Celery's reconnect loop.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from celery import Celery
from celery.exceptions import TimeoutError as ReplyTimeout
from kombu import Connection
from kombu.exceptions import OperationalError

from maestro.errors import MaestroError
from maestro.safe_text import mask_url, scrub, terminal

SUBMIT = "maestro.submit"
#: Seconds the broker and the result backend get to accept a connection.
CONNECT_TIMEOUT = 3.0
#: Publishing retries once, quickly: the broker was reachable a moment before.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


class ClusterError(MaestroError):
    """The broker or the result backend cannot be reached, or no worker answered in time."""


@dataclass
class Submitted:
    job_id: str
    status: str
    duplicate: bool = False
    error: str | None = None


class Client:
    def __init__(self, broker_url: str, result_backend: str | None = None, *,
                 connect_timeout: float = CONNECT_TIMEOUT) -> None:
        self.broker_url = broker_url
        self.result_backend = result_backend or broker_url
        self.connect_timeout = connect_timeout
        self.app = Celery("maestro-client", broker=broker_url, backend=self.result_backend)
        self.app.conf.update(
            task_serializer="json", result_serializer="json", accept_content=["json"],
            broker_connection_timeout=connect_timeout, broker_connection_max_retries=1,
            redis_socket_connect_timeout=connect_timeout, redis_retry_on_timeout=False,
            result_backend_transport_options={"retry_policy": PUBLISH_RETRY},
        )

    def check_broker(self) -> None:
        """Connect to the broker once, or raise :class:`ClusterError` naming it (password hidden)."""
        try:
            with Connection(self.broker_url, connect_timeout=self.connect_timeout) as connection:
                connection.ensure_connection(max_retries=1, timeout=self.connect_timeout)
        except (OperationalError, OSError, ValueError) as error:
            raise self._unreachable("broker", self.broker_url, error) from None

    def submit(self, gdd: str, *, title: str | None = None, submission_id: str | None = None,
               seed: int | None = None, notify: dict[str, str] | None = None, timeout: float = 60.0,
               source: str = "cli") -> Submitted:
        """Send ``maestro.submit`` and wait for the job id (the job itself runs on).

        Raises :class:`ClusterError` when the broker or the result backend cannot be reached, or
        when no worker answers within ``timeout`` seconds.
        """
        self.check_broker()
        kwargs: dict[str, Any] = {"gdd": gdd, "title": title, "submission_id": submission_id, "seed": seed,
                                  "notify": notify, "source": source}
        try:
            result = self.app.send_task(SUBMIT, kwargs=kwargs, queue=SUBMIT, retry=True, retry_policy=PUBLISH_RETRY)
        except (OperationalError, OSError) as error:
            raise self._unreachable("broker", self.broker_url, error) from None
        try:
            reply = result.get(timeout=timeout)
        except ReplyTimeout:
            raise ClusterError(f"no worker answered {SUBMIT} within {timeout:g} s: is one running "
                               f"(honcho start) and consuming the {SUBMIT} queue?") from None
        except (OperationalError, OSError, RuntimeError) as error:
            # Celery reports a result backend it could not reconnect to as a RuntimeError.
            raise self._unreachable("result backend", self.result_backend, error) from None
        finally:
            self._drop(result)
        return Submitted(reply["job_id"], reply["status"], bool(reply.get("duplicate")), reply.get("error"))

    def _drop(self, result: Any) -> None:
        """Drop the result and its pub/sub subscription now, whatever state the backend is in.

        An open subscription makes redis-py print "Exception ignored" when the interpreter exits;
        a backend that just failed may fail again here, which must not hide the first error.
        """
        with contextlib.suppress(Exception):
            result.forget()
        consumer = getattr(self.app.backend, "result_consumer", None)
        if consumer is not None:
            with contextlib.suppress(Exception):
                consumer.stop()

    @staticmethod
    def _unreachable(what: str, url: str, error: BaseException) -> ClusterError:
        """A one-line error naming the service (its URL masked) and the first line of the reason."""
        text = str(error).strip()
        reason = terminal(scrub(text.splitlines()[0] if text else type(error).__name__, url))
        return ClusterError(f"cannot reach the {what} at {mask_url(url)}: {reason}")
