"""The distributed pipeline with real services: Redis, PostgreSQL, an S3 server and one worker per queue."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from maestro.db import repository
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.store import store_from_url
from tests.expectations import EXAMPLES
from tests.inputs import ENCODED_FILES
from tests.integration.conftest import cluster_env, running_workers

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent
QUEUES = ("submit", "parse", "codex", "canvas", "sonata", "labyrinth", "build", "notify-test")
REDIS = "redis://127.0.0.1:6379/11"


@pytest.fixture(scope="module")
def cluster(database_url: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment of a cluster, and one worker process per queue listening on it."""
    env = cluster_env(REDIS, database_url, s3_endpoint, "maestro")
    with running_workers(env, QUEUES, tmp_path_factory.mktemp("workers")):
        yield env


def _send(env: dict[str, str], **kwargs: Any) -> dict[str, Any]:
    """Submit as another service would: plain celery, by task name, in a separate process."""
    script = (
        "import json, sys\nfrom celery import Celery\n"
        f"app = Celery(broker={REDIS!r}, backend={REDIS!r})\n"
        "kwargs = json.loads(sys.stdin.read())\n"
        "print(json.dumps(app.send_task('maestro.submit', kwargs=kwargs, queue='maestro.submit').get(timeout=60)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(kwargs), capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _wait(env: dict[str, str], job_id: str, timeout: float = 120) -> dict[str, Any]:
    factory = session_factory(make_engine(env["MAESTRO_DATABASE_URL"]))
    deadline = time.monotonic() + timeout
    while True:
        with session_scope(factory) as session:
            job = repository.get_job(session, job_id).as_dict()
        if job["status"] in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
            return job
        time.sleep(0.5)


def test_a_job_runs_end_to_end_across_worker_processes_with_stages_in_parallel(cluster: dict[str, str]) -> None:
    gdd = (EXAMPLES / "moss_knight.md").read_text(encoding="utf-8")
    reply = _send(cluster, gdd=gdd, submission_id=f"e2e-{uuid.uuid4()}")
    job = _wait(cluster, reply["job_id"])
    assert job["status"] == "succeeded", job
    stages = {stage["stage"]: stage for stage in job["stages"]}
    assert set(stages) == {"parse", "codex", "canvas", "sonata", "labyrinth", "build"}
    assert all(stage["status"] == "succeeded" and stage["attempts"] == 1 for stage in stages.values())
    workers = {stage["worker"].split("@")[0] for stage in stages.values()}
    assert workers == {"parse", "codex", "canvas", "sonata", "labyrinth", "build"}, "each stage on its own queue"
    long_ones = [stages[name] for name in ("canvas", "sonata", "labyrinth")]
    latest_start = max(stage["started_at"] for stage in long_ones)
    earliest_end = min(stage["finished_at"] for stage in long_ones)
    assert latest_start < earliest_end, "canvas, sonata and labyrinth ran at the same time"
    store = store_from_url(cluster["MAESTRO_STORE_URL"])
    archive = store.get(job["build_key"])
    assert archive[:2] == b"PK"


def test_the_same_submission_id_twice_makes_one_job(cluster: dict[str, str]) -> None:
    gdd = (EXAMPLES / "warehouse_shift.md").read_text(encoding="utf-8")
    submission = f"twice-{uuid.uuid4()}"
    first = _send(cluster, gdd=gdd, submission_id=submission)
    second = _send(cluster, gdd=gdd, submission_id=submission)
    assert first["job_id"] == second["job_id"] and second["duplicate"] is True
    assert _wait(cluster, first["job_id"])["status"] == "succeeded"


def test_a_binary_gdd_is_refused_at_submit_with_a_failed_job_and_the_caller_is_told(cluster: dict[str, str]) -> None:
    reply = _send(cluster, gdd="%PDF-1.7 \x00\x01\x02 binary", notify={"task": "tests.notified",
                                                                      "queue": "notify-test"})
    assert reply["status"] == "failed" and "PDF" in reply["error"]
    job = _wait(cluster, reply["job_id"], timeout=10)
    assert job["status"] == "failed" and "PDF" in job["error"]
    heard = redis.Redis.from_url(REDIS).blpop([f"notified:{reply['job_id']}"], timeout=30)
    assert heard is not None and json.loads(heard[1])["status"] == "failed"


def test_a_finished_job_notifies_the_task_its_submitter_named(cluster: dict[str, str]) -> None:
    gdd = (EXAMPLES / "rooftop_run.txt").read_text(encoding="utf-8")
    reply = _send(cluster, gdd=gdd, notify={"task": "tests.notified", "queue": "notify-test"})
    heard = redis.Redis.from_url(REDIS).blpop([f"notified:{reply['job_id']}"], timeout=120)
    assert heard is not None
    message = json.loads(heard[1])
    assert message["status"] == "succeeded" and message["build"].endswith(".zip")
    assert _job(cluster, reply["job_id"])["notify_error"] is None, "the notification was sent"


def test_the_cli_shows_status_and_fetches_the_build(cluster: dict[str, str], tmp_path: Path) -> None:
    gdd = tmp_path / "game.md"
    gdd.write_text((EXAMPLES / "hollow_depths.md").read_text(encoding="utf-8"), encoding="utf-8")
    submitted = _cli(cluster, "submit", str(gdd), "--wait")
    assert submitted.returncode == 0, submitted.stderr
    job_id = submitted.stdout.split()[0]
    status = _cli(cluster, "status", job_id[:8], "--json")
    assert json.loads(status.stdout)["status"] == "succeeded"
    fetched = _cli(cluster, "fetch", job_id, "-o", str(tmp_path / "game"))
    assert fetched.returncode == 0, fetched.stderr
    assert (tmp_path / "game" / "index.html").is_file() and (tmp_path / "game" / "manifest.json").is_file()
    listed = _cli(cluster, "list", "--status", "succeeded")
    assert listed.returncode == 0 and job_id[:8] in listed.stdout


def test_an_oversize_gdd_is_refused_at_submit_with_the_reason(cluster: dict[str, str], tmp_path: Path) -> None:
    reply = _send(cluster, gdd="# Huge\n\nA platformer.\n" + "x" * (1024 * 1024 + 10))
    assert reply["status"] == "failed" and "MiB" in reply["error"]
    assert _wait(cluster, reply["job_id"], timeout=10)["status"] == "failed"
    big = tmp_path / "big.md"
    big.write_text("# Huge\n" + "y" * (1024 * 1024 + 10), encoding="utf-8")
    refused = _cli(cluster, "submit", str(big))
    assert refused.returncode == 2 and refused.stderr.startswith("maestro: error:")


def _job(env: dict[str, str], job_id: str) -> dict[str, Any]:
    with session_scope(session_factory(make_engine(env["MAESTRO_DATABASE_URL"]))) as session:
        return repository.get_job(session, job_id).as_dict()


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The real console script in a subprocess; it must exit without a stray traceback."""
    done = subprocess.run([str(Path(sys.executable).parent / "maestro"), *args], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    return done


def test_a_failed_stage_fails_the_job_by_name_and_retry_redoes_only_that_stage(cluster: dict[str, str]) -> None:
    flags = redis.Redis.from_url(REDIS)
    flags.set("fault:fail:sonata", 1)
    reply = _send(cluster, gdd=(EXAMPLES / "frost_peak.md").read_text(encoding="utf-8"),
                  notify={"task": "tests.notified", "queue": "notify-test"})
    job = _wait(cluster, reply["job_id"])
    assert job["status"] == "failed" and job["error"].startswith("sonata:") and "injected failure" in job["error"]
    heard = flags.blpop([f"notified:{reply['job_id']}"], timeout=30)
    assert heard is not None and json.loads(heard[1])["status"] == "failed"
    deadline = time.monotonic() + 60  # the stages already running when sonata failed finish their work
    while any(stage["status"] in ("queued", "running") for stage in job["stages"]) and time.monotonic() < deadline:
        time.sleep(0.5)
        job = _job(cluster, reply["job_id"])
    before = {stage["stage"]: stage for stage in job["stages"]}
    assert before["sonata"]["status"] == "failed"

    retried = _cli(cluster, "retry", reply["job_id"])
    assert retried.returncode == 0 and "sonata" in retried.stdout, retried.stderr
    job = _wait(cluster, reply["job_id"])
    assert job["status"] == "succeeded", job
    after = {stage["stage"]: stage for stage in job["stages"]}
    assert before["parse"]["status"] == "succeeded"
    for name in ("parse", "codex", "canvas", "labyrinth"):
        if before[name]["status"] == "succeeded":
            assert after[name]["attempts"] == before[name]["attempts"] == 1, f"{name} was redone"
            assert after[name]["finished_at"] == before[name]["finished_at"]
        else:  # still queued when sonata failed the job (a fast failure): the retry runs it, once
            assert after[name]["attempts"] == 1 and after[name]["status"] == "succeeded", (name, before[name])
    assert after["sonata"]["attempts"] == 2 and after["sonata"]["status"] == "succeeded"


def test_a_worker_killed_mid_stage_costs_a_retry_not_the_job(cluster: dict[str, str]) -> None:
    flags = redis.Redis.from_url(REDIS)
    flags.set("fault:slow:labyrinth", 1)
    reply = _send(cluster, gdd=(EXAMPLES / "tofu_jump_mixed.md").read_text(encoding="utf-8"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        stage = next((s for s in _job(cluster, reply["job_id"])["stages"] if s["stage"] == "labyrinth"), None)
        if stage and stage["status"] == "running":
            break
        time.sleep(0.1)
    children = subprocess.run(["pgrep", "-f", "labyrinth@"], capture_output=True, text=True).stdout.split()
    workers = [int(pid) for pid in children if _on_this_broker(int(pid))]
    kids = [int(pid) for parent in workers for pid in
            subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout.split()]
    assert kids, "the labyrinth worker's pool process was not found"
    for pid in kids:
        os.kill(pid, signal.SIGKILL)
    job = _wait(cluster, reply["job_id"], timeout=180)
    assert job["status"] == "succeeded", job
    labyrinth = next(s for s in job["stages"] if s["stage"] == "labyrinth")
    assert labyrinth["attempts"] == 2
    store = store_from_url(cluster["MAESTRO_STORE_URL"])
    with session_scope(session_factory(make_engine(cluster["MAESTRO_DATABASE_URL"]))) as session:
        files = repository.stage_outputs(session, reply["job_id"])["labyrinth"]["files"]
    keys = [f["key"] for f in files]
    assert len(keys) == len(set(keys))
    for stored in files:
        data = store.get(stored["key"])
        assert len(data) == stored["bytes"], "a stored level is half-written"


def _on_this_broker(pid: int) -> bool:
    """Whether the process is a worker of this module's cluster: other tests run labyrinth workers too."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"MAESTRO_BROKER_URL={REDIS}".encode() in environ


def test_cancel_revokes_the_job_and_marks_it_cancelled(cluster: dict[str, str]) -> None:
    flags = redis.Redis.from_url(REDIS)
    flags.set("fault:slow:canvas", 1)
    reply = _send(cluster, gdd=(EXAMPLES / "lanterns_of_gloomwood.md").read_text(encoding="utf-8"))
    time.sleep(3)
    cancelled = _cli(cluster, "cancel", reply["job_id"])
    assert cancelled.returncode == 0, cancelled.stderr
    job = _wait(cluster, reply["job_id"], timeout=30)
    assert job["status"] == "cancelled"
    # Past the end of the slowed canvas (8 s from its start, about 3 s before the cancel), had the
    # revoke not stopped it: whatever ends late must leave the job cancelled.
    time.sleep(6.5)
    assert _job(cluster, reply["job_id"])["status"] == "cancelled", "a cancelled job came back"


@pytest.mark.parametrize("name", sorted(ENCODED_FILES))
def test_submit_accepts_and_refuses_exactly_the_files_run_does(cluster: dict[str, str], tmp_path: Path,
                                                               name: str) -> None:
    data, refusal = ENCODED_FILES[name]
    gdd = tmp_path / "gdd.md"
    gdd.write_bytes(data)
    embedded = {key: value for key, value in cluster.items() if not key.startswith("MAESTRO_")}
    ran = _cli(embedded, "run", str(gdd), "-o", str(tmp_path / "game"))
    submitted = _cli(cluster, "submit", str(gdd), "--wait")
    assert (submitted.returncode, ran.returncode) == ((2, 2) if refusal else (0, 0)), (submitted.stderr, ran.stderr)
    if refusal:
        assert submitted.stderr == ran.stderr and refusal in ran.stderr
        return
    built = json.loads((tmp_path / "game" / "manifest.json").read_text(encoding="utf-8"))
    job = _job(cluster, submitted.stdout.split()[0])
    assert job["title"] == built["title"] == "별빛 상자", "the cluster read the same text, not a garbled copy"
    assert job["seed"] is None, "no --seed: the job runs with its spec's own seed"


def test_another_service_gets_the_same_refusal_as_the_command_line(cluster: dict[str, str], tmp_path: Path) -> None:
    for text in ("  \n\n", "# Big\n" + "z" * (1024 * 1024)):
        gdd = tmp_path / "gdd.md"
        gdd.write_text(text, encoding="utf-8")
        refused = _cli(cluster, "submit", str(gdd))
        reply = _send(cluster, gdd=text)
        assert reply["status"] == "failed"
        assert refused.stderr == f"maestro: error: {reply['error']}\n"


def test_seed_0_is_honoured_by_the_cluster(cluster: dict[str, str]) -> None:
    gdd = (EXAMPLES / "warehouse_shift.md").read_text(encoding="utf-8")
    jobs = [_wait(cluster, _send(cluster, gdd=gdd, seed=seed)["job_id"]) for seed in (0, 1)]
    assert [job["status"] for job in jobs] == ["succeeded", "succeeded"]
    assert [job["seed"] for job in jobs] == [0, 1]
    store = store_from_url(cluster["MAESTRO_STORE_URL"])
    levels = [store.get(f"jobs/{job['id']}/labyrinth/level-01.json") for job in jobs]
    assert levels[0] != levels[1]
