"""``maestro metrics``: one Prometheus endpoint per worker host.

It serves what this host's worker processes recorded (prometheus-client's multiprocess files,
:mod:`maestro.metrics`) and, read at each scrape, what no process holds: how many messages wait in
each queue, which workers consume each queue, and the jobs in the database by status. Every
exporter of a cluster reports the same cluster-wide figures, so the alert rules take their max.

A source that cannot be read (the broker is down, no worker answers) leaves its figures out of that
scrape and says so in ``maestro_collector_up{source}``: a missing figure is not a zero. The
workers' answer is kept a few seconds, since asking them is a broadcast with a timeout (no answer
is not kept).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

# First: it chooses the multiprocess folder, which must happen before prometheus_client is imported
# (so prometheus_client is imported inside the functions below, never at the top of this module).
from maestro import metrics

log = logging.getLogger(__name__)

#: Seconds the workers get to answer which queues they consume.
INSPECT_TIMEOUT = 1.0
#: Seconds an answer from the workers is reused for.
WORKERS_TTL = 10.0
#: The statuses a job can have, all reported (0 included) so a rule can rely on each series.
JOB_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")


class ClusterCollector:
    """Reads queue depths, workers per queue and jobs by status at each scrape."""

    def __init__(self, app: Any, session_factory: Any | None) -> None:
        self.app = app
        self.session_factory = session_factory
        self._workers: tuple[float, dict[str, int] | None] = (0.0, None)

    def describe(self) -> list[Any]:
        return []  # the figures are read at scrape time; nothing to check at registration

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        from celeryconfig import QUEUES

        up = GaugeMetricFamily("maestro_collector_up", metrics.CLUSTER_METRICS["maestro_collector_up"][2],
                               labels=["source"])
        depths = self._depths(QUEUES)
        up.add_metric(["broker"], 1.0 if depths is not None else 0.0)
        if depths is not None:
            family = GaugeMetricFamily("maestro_queue_depth", metrics.CLUSTER_METRICS["maestro_queue_depth"][2],
                                       labels=["queue"])
            for queue, depth in depths.items():
                family.add_metric([queue], depth)
            yield family
        workers = self._consumers(QUEUES)
        up.add_metric(["workers"], 1.0 if workers is not None else 0.0)
        if workers is not None:
            family = GaugeMetricFamily("maestro_queue_workers", metrics.CLUSTER_METRICS["maestro_queue_workers"][2],
                                       labels=["queue"])
            for queue, count in workers.items():
                family.add_metric([queue], count)
            yield family
        jobs = self._jobs()
        up.add_metric(["database"], 1.0 if jobs is not None else 0.0)
        if jobs is not None:
            counts, oldest = jobs
            family = GaugeMetricFamily("maestro_jobs", metrics.CLUSTER_METRICS["maestro_jobs"][2], labels=["status"])
            for status in JOB_STATUSES:
                family.add_metric([status], counts.get(status, 0))
            yield family
            yield GaugeMetricFamily("maestro_jobs_unfinished_oldest_age_seconds",
                                    metrics.CLUSTER_METRICS["maestro_jobs_unfinished_oldest_age_seconds"][2],
                                    value=oldest)
        yield up

    def _depths(self, queues: tuple[str, ...]) -> dict[str, float] | None:
        """Messages waiting in each queue (every priority level of it), or None if the broker cannot be read."""
        from workers.sweeper import queue_lists, queues_readable

        try:
            with self.app.connection_for_read() as connection:
                channel = connection.default_channel
                if not queues_readable(channel):  # not Redis: its queues cannot be counted here
                    return None
                client = channel.client
                return {queue: float(sum(client.llen(name) for name in queue_lists(channel, queue)))
                        for queue in queues}
        except Exception as error:  # a broker that does not answer is this scrape's news, not a crash
            log.warning("metrics: cannot read the queues: %s", type(error).__name__)
            return None

    def _consumers(self, queues: tuple[str, ...]) -> dict[str, float] | None:
        """How many workers that answered consume each queue (0 included), or None if none answered."""
        asked, known = self._workers
        if time.monotonic() - asked < WORKERS_TTL:
            return dict(known) if known is not None else None
        counts: dict[str, int] | None
        try:
            replies = self.app.control.inspect(timeout=INSPECT_TIMEOUT).active_queues() or {}
        except Exception as error:
            log.warning("metrics: cannot ask the workers: %s", type(error).__name__)
            replies = {}
        if replies:
            counts = dict.fromkeys(queues, 0)
            for consumed in replies.values():
                for queue in consumed or ():
                    name = queue.get("name") if isinstance(queue, dict) else None
                    if name in counts:
                        counts[name] += 1
        else:
            counts = None  # not kept: the next scrape asks again, so a worker that starts is seen at once
        self._workers = (time.monotonic() if counts is not None else 0.0, counts)
        return {queue: float(count) for queue, count in counts.items()} if counts is not None else None

    def _jobs(self) -> tuple[dict[str, int], float] | None:
        """Jobs by status and the age of the oldest unfinished one, or None if the database cannot be read."""
        if self.session_factory is None:
            return None
        from sqlalchemy import func, select

        from maestro.db.models import Job, utcnow
        from maestro.db.session import session_scope

        try:
            with session_scope(self.session_factory) as session:
                counts = {status: int(count) for status, count in
                          session.execute(select(Job.status, func.count()).group_by(Job.status))}
                oldest = session.scalar(select(func.min(Job.created_at)).where(
                    Job.status.in_(("queued", "running"))))
        except Exception as error:
            log.warning("metrics: cannot read the jobs: %s", type(error).__name__)
            return None
        if oldest is None:
            return counts, 0.0
        now = utcnow()
        if oldest.tzinfo is None:
            now = now.replace(tzinfo=None)
        return counts, max(0.0, (now - oldest).total_seconds())


def registry(cluster: bool = True) -> Any:
    """This host's workers' metrics and (``cluster``) the cluster-wide figures, in one registry."""
    import os

    from prometheus_client import CollectorRegistry
    from prometheus_client.multiprocess import MultiProcessCollector

    from maestro.db.session import make_engine, session_factory
    from maestro.settings import settings
    from workers.app import app

    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        raise RuntimeError("maestro metrics serves a cluster's workers: set MAESTRO_BROKER_URL, "
                           "MAESTRO_DATABASE_URL and MAESTRO_STORE_URL as the workers have them")
    chosen = CollectorRegistry()
    MultiProcessCollector(chosen, path=folder)
    if cluster:
        config = settings()
        factory = (session_factory(make_engine(config.database_url.get_secret_value()))
                   if config.database_url is not None else None)
        chosen.register(ClusterCollector(app, factory))
    return chosen


def serve(port: int, address: str = "0.0.0.0", cluster: bool = True) -> Any:
    """Serve ``/metrics`` on ``address:port`` from a background thread; returns the server."""
    from prometheus_client import start_http_server

    server, _ = start_http_server(port, addr=address, registry=registry(cluster))
    return server
