"""The pipeline's Prometheus metrics: one catalogue, named and labelled by Prometheus conventions.

Worker processes record into these; ``maestro metrics`` (one per worker host, in the Procfile)
serves them. Celery's prefork pool runs each task in a child process, so in the cluster mode the
metrics use prometheus-client's multiprocess mode: every process writes its values to files in one
folder per host and cluster (:func:`multiprocess_dir`), and the exporter adds them up. The folder
is chosen when this module is imported (:func:`_choose_folder`), before any metric is made. The
embedded mode keeps them in memory.

Cluster-wide figures that no single process holds (queue depths, workers per queue, jobs by status)
are read when scraped, by the exporter's collector (``workers.exporter``), not recorded here.

Label values are bounded sets: stage and queue names from :mod:`maestro.pipeline`, outcomes and
statuses below. Never a job id, a title or an error text: each distinct value is a time series.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Final

from maestro.settings import settings

#: Seconds a stage task may take, bucketed from a cached hit (tens of ms) to a long build.
DURATION_BUCKETS: Final = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
#: Seconds a job takes from submission to its end.
JOB_BUCKETS: Final = (0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 900.0)
#: How a job ended (the ``status`` label of ``maestro_jobs_finished_total``).
ENDINGS: Final = ("succeeded", "failed", "cancelled")

_ENV: Final = "PROMETHEUS_MULTIPROC_DIR"


def multiprocess_dir(broker_url: str | None, configured: str | None = None) -> Path:
    """The folder this host's processes of one cluster share their metric files in.

    ``MAESTRO_METRICS_DIR`` when set; else one folder per user and broker under the temporary
    folder, so the workers and the exporter a Procfile starts agree without being told, and two
    clusters on one host (two brokers) never add up each other's counts.
    """
    if configured:
        return Path(configured)
    digest = hashlib.sha256((broker_url or "").encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"maestro-metrics-{os.getuid()}-{digest}"


def enable_multiprocess(folder: Path) -> Path:
    """Record into ``folder`` (made if missing) from now on; must run before prometheus_client is imported.

    An already set ``PROMETHEUS_MULTIPROC_DIR`` wins: an operator's own choice is kept.
    """
    chosen = Path(os.environ.setdefault(_ENV, str(folder)))
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def _choose_folder() -> None:
    """In the cluster mode, record to this host's folder (unless the operator chose one already)."""
    config = settings()
    if config.mode == "cluster" or os.environ.get(_ENV):
        enable_multiprocess(multiprocess_dir(config.broker_url, config.metrics_dir))


_choose_folder()
# prometheus_client picks its value class (in memory, or files in the folder) when first imported:
# pick again in case something imported it first (the celery command loads Flower's plugin, which
# does). Its own tests switch the class the same way; metrics made from here on use the new one.
from prometheus_client import Counter, Gauge, Histogram, values  # noqa: E402

if os.environ.get(_ENV) and values.ValueClass is values.MutexValue:
    values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]

JOBS_SUBMITTED: Final = Counter(
    "maestro_jobs_submitted_total", "Jobs accepted and started, by where they came from.", ["source"])
JOBS_FINISHED: Final = Counter(
    "maestro_jobs_finished_total", "Jobs that ended, by how: succeeded, failed or cancelled.", ["status"])
JOB_DURATION: Final = Histogram(
    "maestro_job_duration_seconds", "Seconds from a job's submission to its successful build.",
    buckets=JOB_BUCKETS)
STAGE_DURATION: Final = Histogram(
    "maestro_stage_duration_seconds", "Seconds one stage task attempt took, by stage, queue and outcome.",
    ["stage", "queue", "outcome"], buckets=DURATION_BUCKETS)
TASK_RETRIES: Final = Counter(
    "maestro_task_retries_total", "Stage task attempts retried after a transient error (store, database, broker).",
    ["stage", "queue"])
STORE_BYTES: Final = Counter(
    "maestro_store_bytes_written_total", "Bytes written to the artifact store, by the stage that wrote them.",
    ["stage"])
CACHE_LOOKUPS: Final = Counter(
    "maestro_stage_cache_lookups_total", "Stage cache lookups, by stage and result (hit or miss).",
    ["stage", "result"])
SWEEPS: Final = Counter("maestro_sweeper_passes_total", "Passes of the sweeper.")
SWEEP_ACTIONS: Final = Counter(
    "maestro_sweeper_actions_total", "Stages the sweeper moved on: resent (a lost task sent again) or failed.",
    ["action"])
SWEEP_STUCK: Final = Gauge(
    "maestro_sweeper_stuck_stages", "Stages the last sweeper pass found stuck (lost or over their time limit).",
    multiprocess_mode="mostrecent")
SWEEP_LAST: Final = Gauge(
    "maestro_sweeper_last_pass_timestamp_seconds", "When the sweeper last finished a pass (Unix time).",
    multiprocess_mode="mostrecent")
ORPHAN_FILES: Final = Gauge(
    "maestro_orphan_files", "Stored files of ended jobs that no record names, at the sweeper's last count.",
    multiprocess_mode="mostrecent")

#: What the exporter's collector reads from the cluster at each scrape (``workers.exporter``): the
#: names and label sets, here beside the recorded metrics so the alert rules can be checked against
#: one catalogue.
CLUSTER_METRICS: Final = {
    "maestro_queue_depth": ("gauge", ("queue",), "Messages waiting in each queue."),
    "maestro_queue_workers": ("gauge", ("queue",), "Workers that answered and consume each queue."),
    "maestro_jobs": ("gauge", ("status",), "Jobs in the database, by status."),
    "maestro_jobs_unfinished_oldest_age_seconds": (
        "gauge", (), "Age of the oldest job not yet ended (0 when none)."),
    "maestro_collector_up": ("gauge", ("source",),
                             "1 if the exporter could read this source (broker, database, workers) at this scrape."),
}
