"""Operating a cluster: `honcho start` with the Procfile runs jobs, and Flower shows them behind basic auth."""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families

from maestro.db import repository
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.metrics import multiprocess_dir
from tests.expectations import EXAMPLES
from tests.integration.conftest import free_port, wait_for_http, wait_for_workers

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent
REDIS = "redis://127.0.0.1:6379/12"


@pytest.fixture(scope="module")
def honcho(database_url: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`honcho start` on the repository's Procfile, with a .env like config/cluster.env.example."""
    redis.Redis.from_url(REDIS).flushdb()
    folder = tmp_path_factory.mktemp("honcho")
    port, metrics_port, web_port = free_port(), free_port(), free_port()
    shutil.rmtree(multiprocess_dir(REDIS), ignore_errors=True)  # the default folder: this run's counts only
    settings = {
        "MAESTRO_BROKER_URL": REDIS, "MAESTRO_RESULT_BACKEND": REDIS, "MAESTRO_DATABASE_URL": database_url,
        "MAESTRO_STORE_URL": f"s3://{s3_endpoint.removeprefix('http://')}/maestro-honcho?secure=false",
        "MAESTRO_STORE_ACCESS_KEY": "test", "MAESTRO_STORE_SECRET_KEY": "secret-key",
        "MAESTRO_FLOWER_URL": f"http://127.0.0.1:{port}", "MAESTRO_FLOWER_PORT": str(port),
        "MAESTRO_FLOWER_USER": "operator", "MAESTRO_FLOWER_PASSWORD": "s3cret-flower",
        "MAESTRO_METRICS_PORT": str(metrics_port), "MAESTRO_WEB_PORT": str(web_port),
    }
    env_file = folder / ".env"
    env_file.write_text("".join(f"{key}={value}\n" for key, value in settings.items()), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    env["PYTHONPATH"] = str(ROOT)
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    log = open(folder / "honcho.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen([str(Path(sys.executable).parent / "honcho"), "-e", str(env_file), "-f",
                                str(ROOT / "Procfile"), "-d", str(ROOT), "start"], env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:  # every worker consuming and the gateway answering, rather than a fixed wait
        wait_for_workers(REDIS, [f"{name}@{socket.gethostname()}" for name in
                                  ("submit", "parse", "codex", "canvas", "sonata", "labyrinth", "build")])
        wait_for_http(f"http://127.0.0.1:{web_port}/healthz", process, time.monotonic() + 60)
    except Exception:
        os.killpg(process.pid, signal.SIGTERM)
        raise
    yield {**env, **settings}
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


def _flower(env: dict[str, str], path: str, auth: bool) -> Any:
    request = urllib.request.Request(env["MAESTRO_FLOWER_URL"] + path)
    if auth:
        token = base64.b64encode(f"{env['MAESTRO_FLOWER_USER']}:{env['MAESTRO_FLOWER_PASSWORD']}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_honcho_start_runs_a_job_to_completion_and_flower_lists_its_tasks(honcho: dict[str, str]) -> None:
    script = ("import json, sys\nfrom celery import Celery\n"
              f"app = Celery(broker={REDIS!r}, backend={REDIS!r})\n"
              "print(json.dumps(app.send_task('maestro.submit', kwargs=json.loads(sys.stdin.read()), "
              "queue='maestro.submit').get(timeout=60)))\n")
    kwargs = {"gdd": (EXAMPLES / "comet_barrage.md").read_text(encoding="utf-8"), "submission_id": str(uuid.uuid4())}
    sent = subprocess.run([sys.executable, "-c", script], input=json.dumps(kwargs), capture_output=True, text=True,
                          timeout=120)
    assert sent.returncode == 0, sent.stderr
    job_id = json.loads(sent.stdout)["job_id"]
    factory = session_factory(make_engine(honcho["MAESTRO_DATABASE_URL"]))
    deadline = time.monotonic() + 180
    while True:
        with session_scope(factory) as session:
            job = repository.get_job(session, job_id).as_dict()
        if job["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert job["status"] == "succeeded", job

    deadline = time.monotonic() + 30
    while True:
        tasks = _flower(honcho, "/api/tasks?limit=200", auth=True)
        names = {task["name"] for task in tasks.values() if job_id in json.dumps(task)}
        if {"maestro.parse", "maestro.build"} <= names or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert {"maestro.parse", "maestro.codex", "maestro.canvas", "maestro.sonata", "maestro.labyrinth",
            "maestro.build"} <= names

    with pytest.raises(urllib.error.HTTPError) as refused:
        _flower(honcho, "/api/tasks", auth=False)
    assert refused.value.code == 401

    # The Procfile's exporter serves what the workers it was started with recorded, with no folder set.
    with urllib.request.urlopen(f"http://127.0.0.1:{honcho['MAESTRO_METRICS_PORT']}/metrics", timeout=30) as response:
        samples = {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
                   for family in text_string_to_metric_families(response.read().decode()) for sample in family.samples}
    for stage in ("parse", "codex", "canvas", "sonata", "labyrinth", "build"):
        assert samples.get(("maestro_stage_duration_seconds_count", (("outcome", "succeeded"),
                                                                     ("queue", f"maestro.{stage}"), ("stage", stage))))
    assert samples[("maestro_jobs_finished_total", (("status", "succeeded"),))] >= 1

    doctor = subprocess.run([sys.executable, "-m", "maestro_app.cli", "doctor"], capture_output=True, text=True,
                            timeout=60, env=honcho, cwd=ROOT)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "secret-key" not in doctor.stdout and "s3cret-flower" not in doctor.stdout


def test_honcho_start_serves_the_page_and_a_gdd_posted_to_it_becomes_a_playable_build(honcho: dict[str, str]) -> None:
    """A designer's way in: the Procfile's gateway takes a GDD over HTTP and serves the game it became."""
    web = f"http://127.0.0.1:{honcho['MAESTRO_WEB_PORT']}"
    with urllib.request.urlopen(web + "/", timeout=30) as response:
        assert "text/html" in response.headers["Content-Type"]
    body = json.dumps({"gdd": (EXAMPLES / "crate_keeper.txt").read_text(encoding="utf-8")}).encode()
    request = urllib.request.Request(web + "/api/jobs", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 202
        job_id = json.loads(response.read())["job_id"]
    deadline = time.monotonic() + 180
    while True:
        with urllib.request.urlopen(f"{web}/api/jobs/{job_id}", timeout=30) as response:
            job = json.loads(response.read())
        if job["status"] in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert job["status"] == "succeeded", job
    with urllib.request.urlopen(f"{web}/api/jobs/{job_id}/play/index.html", timeout=30) as response:
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert b"window.maestro" in response.read(), "the game itself, self-contained"
    # The rest of the API against the real services: events, spec, the stored zip, readiness, refusals.
    with urllib.request.urlopen(f"{web}/api/jobs/{job_id}/events", timeout=30) as response:
        assert response.read().decode().rstrip().split("\n")[-2] == "event: end"
    with urllib.request.urlopen(f"{web}/api/jobs/{job_id}/spec", timeout=30) as response:
        assert json.loads(response.read())["spec"]["title"] == "Crate Keeper"
    with urllib.request.urlopen(f"{web}/api/jobs/{job_id}/build", timeout=30) as response:
        assert any(name.endswith("index.html") for name in zipfile.ZipFile(io.BytesIO(response.read())).namelist())
    with urllib.request.urlopen(f"{web}/api/jobs/{job_id}/build?link=true", timeout=30) as response:
        assert json.loads(response.read())["url"].startswith("http://127.0.0.1")  # a presigned S3 link
    with urllib.request.urlopen(f"{web}/readyz", timeout=30) as response:
        assert {check["name"] for check in json.loads(response.read())["checks"]} >= {"broker", "database", "store"}
    refused = urllib.request.Request(f"{web}/api/jobs/{job_id}/cancel", data=b"", method="POST")
    with pytest.raises(urllib.error.HTTPError) as conflict:
        urllib.request.urlopen(refused, timeout=30)
    assert conflict.value.code == 409 and conflict.value.headers["Content-Type"] == "application/problem+json"
