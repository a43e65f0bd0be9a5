"""What an operator sees of a real cluster: the metrics endpoint, the workers' log lines, the traces,
and a resubmitted GDD served from the stage cache."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families

from maestro.db import repository
from maestro.db.session import make_engine, session_factory, session_scope
from tests.conftest import IN_CI
from tests.expectations import EXAMPLES
from tests.integration.conftest import cluster_env, free_port, running_workers, wait_for_http
from tests.otlp_collector import Collector, collector

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent
QUEUES = ("submit", "parse", "codex", "canvas", "sonata", "labyrinth", "build")
STAGES = ("parse", "codex", "canvas", "sonata", "labyrinth", "build")
REDIS = "redis://127.0.0.1:6379/10"
FLAGS = "redis://127.0.0.1:6379/9"
GDD = EXAMPLES / "crate_keeper.txt"


class Cluster:
    def __init__(self, env: dict[str, str], logs: Path, spans: Collector, metrics_url: str) -> None:
        self.env, self.logs, self.spans, self.metrics_url = env, logs, spans, metrics_url
        self.factory = session_factory(make_engine(env["MAESTRO_DATABASE_URL"]))

    def submit(self, seed: int) -> str:
        """Send ``maestro.submit`` by name, as another service would, and wait for the job to end."""
        script = ("import json, sys\nfrom celery import Celery\n"
                  f"app = Celery(broker={REDIS!r}, backend={REDIS!r})\n"
                  "print(json.dumps(app.send_task('maestro.submit', kwargs=json.loads(sys.stdin.read()), "
                  "queue='maestro.submit').get(timeout=60)))\n")
        sent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=self.env,
                              input=json.dumps({"gdd": GDD.read_text(), "seed": seed,
                                                "submission_id": str(uuid.uuid4())}))
        assert sent.returncode == 0, sent.stderr
        job_id: str = json.loads(sent.stdout)["job_id"]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.job(job_id)["status"] in ("succeeded", "failed", "cancelled"):
                return job_id
            time.sleep(0.2)
        raise AssertionError(f"job {job_id} did not end: {self.job(job_id)}")

    def job(self, job_id: str) -> dict[str, Any]:
        with session_scope(self.factory) as session:
            return repository.get_job(session, job_id).as_dict()

    def scrape(self) -> tuple[str, dict[tuple[str, frozenset[tuple[str, str]]], float]]:
        with urllib.request.urlopen(self.metrics_url, timeout=10) as response:
            text = response.read().decode()
        samples = {(sample.name, frozenset(sample.labels.items())): sample.value
                   for family in text_string_to_metric_families(text) for sample in family.samples}
        return text, samples


@pytest.fixture(scope="module")
def cluster(database_url: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """One worker per queue and ``maestro metrics``, logging JSON and exporting spans to a test collector."""
    logs = tmp_path_factory.mktemp("observed")
    with collector() as spans:
        env = cluster_env(REDIS, database_url, s3_endpoint, "observed")
        redis.Redis.from_url(FLAGS).flushdb()
        env.update(MAESTRO_TEST_FLAGS=FLAGS, MAESTRO_RETRY_BACKOFF_SECONDS="0.05", MAESTRO_LOG_FORMAT="json",
                   OTEL_EXPORTER_OTLP_ENDPOINT=spans.endpoint, OTEL_BSP_SCHEDULE_DELAY="200")
        port = free_port()
        with running_workers(env, QUEUES, logs), open(logs / "metrics.log", "wb") as output:
            exporter = subprocess.Popen([sys.executable, "-m", "maestro_app.cli", "metrics", "--port", str(port),
                                         "--address", "127.0.0.1"], cwd=ROOT, env=env, stdout=output,
                                        stderr=subprocess.STDOUT)
            try:
                url = f"http://127.0.0.1:{port}/metrics"
                wait_for_http(url, exporter, time.monotonic() + 60)
                yield Cluster(env, logs, spans, url)
            finally:
                exporter.send_signal(signal.SIGTERM)
                exporter.wait(timeout=20)


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_the_metrics_endpoint_shows_a_jobs_stages_retries_and_queue_depths(cluster: Cluster) -> None:
    redis.Redis.from_url(FLAGS).set("fault:transient:canvas", "1")
    job_id = cluster.submit(seed=101)
    assert cluster.job(job_id)["status"] == "succeeded"
    # A task no worker consumes (nothing here serves the sweeper's queue) waits: a depth of one.
    redis_app = subprocess.run([sys.executable, "-c", "from celery import Celery\n"
                                f"Celery(broker={REDIS!r}).send_task('maestro.sweep', queue='maestro.sweep')"],
                               env=cluster.env, capture_output=True, text=True, timeout=60)
    assert redis_app.returncode == 0, redis_app.stderr
    text, samples = cluster.scrape()
    for stage in STAGES:
        assert value(samples, "maestro_stage_duration_seconds_count", stage=stage, queue=f"maestro.{stage}",
                     outcome="succeeded") >= 1, stage
    assert value(samples, "maestro_task_retries_total", stage="canvas", queue="maestro.canvas") >= 1
    assert value(samples, "maestro_stage_duration_seconds_count", stage="canvas", queue="maestro.canvas",
                 outcome="retried") >= 1
    assert value(samples, "maestro_queue_depth", queue="maestro.sweep") == 1
    assert value(samples, "maestro_queue_depth", queue="maestro.codex") == 0
    assert value(samples, "maestro_queue_workers", queue="maestro.codex") == 1
    assert ("maestro_queue_workers", frozenset({("queue", "maestro.sweep")})) in samples
    assert value(samples, "maestro_queue_workers", queue="maestro.sweep") == 0
    assert value(samples, "maestro_jobs", status="succeeded") >= 1
    assert value(samples, "maestro_jobs_submitted_total", source="celery") >= 1
    assert value(samples, "maestro_jobs_finished_total", status="succeeded") >= 1
    assert value(samples, "maestro_job_duration_seconds_count") >= 1
    assert value(samples, "maestro_store_bytes_written_total", stage="sonata") > 10_000
    assert all(value(samples, "maestro_collector_up", source=source) == 1
               for source in ("broker", "workers", "database"))
    promtool = shutil.which("promtool") or shutil.which("promtool", path=str(ROOT / ".venv" / "bin"))
    if promtool:  # the naming lint Prometheus' own tool applies (installed by scripts/promtool.sh)
        lint = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
        assert lint.returncode == 0 and not lint.stdout.strip(), lint.stdout + lint.stderr
    else:
        assert not IN_CI, "promtool is missing: scripts/test installs it with scripts/promtool.sh"


def test_a_resubmitted_gdd_hits_the_stage_cache_for_every_stage(cluster: Cluster) -> None:
    first = cluster.submit(seed=202)
    _, before = cluster.scrape()
    again = cluster.submit(seed=202)
    _, after = cluster.scrape()
    for stage in STAGES:
        hits = (value(after, "maestro_stage_cache_lookups_total", stage=stage, result="hit")
                - value(before, "maestro_stage_cache_lookups_total", stage=stage, result="hit"))
        assert hits == 1, stage
    jobs = cluster.job(first), cluster.job(again)
    assert [job["status"] for job in jobs] == ["succeeded", "succeeded"]
    with session_scope(cluster.factory) as session:
        outputs = [repository.stage_outputs(session, job_id) for job_id in (first, again)]
    assert set(outputs[0]) == set(STAGES)
    assert outputs[1] == outputs[0], "the same files, named where the first job stored them"
    served_by = {stage["stage"]: stage["worker"].split("@")[0] for stage in jobs[1]["stages"]}
    assert set(served_by.values()) == {"parse"}, "parse served the whole job: no stage task was sent"


def test_a_jobs_log_lines_are_json_with_its_ids_and_no_secret(cluster: Cluster) -> None:
    job_id = cluster.submit(seed=303)
    deadline = time.monotonic() + 10
    while True:
        lines = [json.loads(line) for queue in QUEUES
                 for line in (cluster.logs / f"{queue}.log").read_text().splitlines() if line.startswith("{")]
        mine = [line for line in lines if line.get("job_id") == job_id]
        if {line["stage"] for line in mine} >= set(STAGES) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert {line["stage"] for line in mine} >= set(STAGES), "every stage logged about the job"
    assert all(line["task_id"] and line["level"] and line["ts"] for line in mine)
    traced = {line["trace_id"] for line in mine if line["stage"] in STAGES}
    assert len(traced) == 1 and None not in traced, "every stage's lines carry the job's one trace id"
    every = "".join((cluster.logs / f"{queue}.log").read_text() for queue in QUEUES)
    assert "secret-key" not in every, "the store's secret never reaches a log"


def test_a_jobs_tasks_are_spans_of_one_trace(cluster: Cluster) -> None:
    job_id = cluster.submit(seed=404)

    def runs(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [span for span in spans if span["attributes"].get("maestro.job_id") == job_id
                and span["name"].startswith("run/")]

    spans = runs(cluster.spans.wait_for(lambda spans: len(runs(spans)) >= len(STAGES) + 1, timeout=20))
    assert {span["attributes"]["maestro.stage"] for span in spans} >= {"submit", *STAGES}
    assert len({span["trace_id"] for span in spans}) == 1, "one trace per job"
