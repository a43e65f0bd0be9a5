"""The task boundary with real services: malformed calls by name become failed jobs, never crashes.

A worker consuming every queue runs on its own Redis database (14) and bucket, so these tests
can run beside test_pipeline.py's cluster (database 11) without either taking the other's tasks.
Calls are sent as another service sends them: a plain Celery client, by task name, JSON only.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from celery import Celery

from maestro.db import repository
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.submission import SEED_MAX
from tests.conftest import stop_process
from tests.expectations import EXAMPLES
from tests.integration.conftest import cluster_env

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent
BROKER = "redis://127.0.0.1:6379/14"
#: Where tests.integration.notify_task records what it heard, whatever the broker.
HEARD = "redis://127.0.0.1:6379/11"
QUEUES = ",".join([*(f"maestro.{name}" for name in ("submit", "parse", "codex", "canvas", "sonata", "labyrinth",
                                                     "build")), "notify-test"])
GOOD_GDD = (EXAMPLES / "warehouse_shift.md").read_text(encoding="utf-8")
#: A Redis key that is a string, not a list: a queue of that name cannot take a message.
TAKEN_QUEUE = "boundary-taken-queue"


@pytest.fixture(scope="module")
def worker(database_url: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment of a small cluster: one worker process consuming every queue."""
    env = cluster_env(BROKER, database_url, s3_endpoint, "maestro-boundary")
    log_path = tmp_path_factory.mktemp("boundary") / "worker.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers", "worker", "-Q", QUEUES, "-c", "4", "-n", "boundary@%h",
             "--without-gossip", "--without-mingle", "-l", "INFO", "--include", "tests.integration.notify_task"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield env
        finally:
            stop_process(process)
    redis.Redis.from_url(BROKER).flushdb()


@pytest.fixture(scope="module")
def client(worker: dict[str, str]) -> Iterator[Celery]:
    """Another service's Celery app: knows the broker and the task names, none of Maestro's code."""
    app = Celery("another-service", broker=BROKER, backend=BROKER)
    app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])
    yield app
    app.close()


def send(client: Celery, name: str, *args: Any, wait: bool = True, **kwargs: Any) -> Any:
    """Send the task ``name`` to its queue and, if ``wait``, return its reply."""
    result = client.send_task(name, args=args, kwargs=kwargs, queue=name)
    if not wait:
        return result.id
    try:
        return result.get(timeout=90)
    finally:
        result.forget()


def job(env: dict[str, str], job_id: str) -> dict[str, Any]:
    with session_scope(session_factory(make_engine(env["MAESTRO_DATABASE_URL"]))) as session:
        data: dict[str, Any] = repository.get_job(session, job_id).as_dict()
        return data


def wait_for(env: dict[str, str], job_id: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        data = job(env, job_id)
        if data["status"] in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
            return data
        time.sleep(0.5)


def new_job(env: dict[str, str]) -> str:
    """A queued job made straight in the database, as submit would, but with no GDD stored."""
    with session_scope(session_factory(make_engine(env["MAESTRO_DATABASE_URL"]))) as session:
        made, _ = repository.create_job(session, title="Forged", gdd_sha256="0" * 64, seed=None, source="celery")
        return made.id


# The reproducers of issue 13: (case, positional args, keyword args, what the reason must say).
MALFORMED: list[tuple[str, list[Any], dict[str, Any], str]] = [
    ("gdd 2*10**9", [], {"gdd": 2 * 10**9}, "gdd must be the document's text (a string) or its bytes, not an integer"),
    ("gdd 10**10", [], {"gdd": 10**10}, "gdd must be the document's text (a string) or its bytes, not an integer"),
    ("gdd None", [], {"gdd": None}, "gdd must be the document's text (a string) or its bytes, not null"),
    ("gdd float", [], {"gdd": 3.5}, "not a float"),
    ("gdd list", [], {"gdd": ["# Moon"]}, "not a list"),
    ("gdd dict", [], {"gdd": {"text": "# Moon"}}, "not an object"),
    ("no gdd", [], {"title": "Moon"}, "gdd is required"),
    ("notify string", [], {"gdd": GOOD_GDD, "notify": "tests.notified"}, "notify must be {"),
    ("notify maestro", [], {"gdd": GOOD_GDD, "notify": {"task": "maestro.build"}}, "notify.task must be one of your"),
    ("unknown keyword", [], {"gdd": GOOD_GDD, "colour": "blue"}, "unknown argument colour"),
    ("seed 2**70", [], {"gdd": GOOD_GDD, "seed": 2**70}, f"seed must be a whole number from 0 to {SEED_MAX}"),
    ("seed abc", [], {"gdd": GOOD_GDD, "seed": "abc"}, "seed must be a whole number from 0"),
    ("seed true", [], {"gdd": GOOD_GDD, "seed": True}, "not a boolean"),
    ("submission_id 10k", [], {"gdd": GOOD_GDD, "submission_id": "s" * 10_000}, "submission_id must be 1 to 200"),
    ("submission_id NUL", [], {"gdd": GOOD_GDD, "submission_id": "order\x00-1"}, "submission_id must be printable"),
    ("title newline", [], {"gdd": GOOD_GDD, "title": "Moon\nJump"}, "title must be one line"),
    ("source", [], {"gdd": GOOD_GDD, "source": "hacker"}, "source must be one of cli, celery, embedded"),
    ("too many positional", [GOOD_GDD] * 7, {}, "at most 6 positional"),
]


@pytest.fixture(scope="module")
def refusals(client: Celery) -> dict[str, dict[str, Any]]:
    """Each malformed call's reply, sent all at once (the worker answers them side by side)."""
    pending = {case: client.send_task("maestro.submit", args=args, kwargs=kwargs, queue="maestro.submit")
               for case, args, kwargs, _ in MALFORMED}
    replies = {case: result.get(timeout=120) for case, result in pending.items()}
    for result in pending.values():
        result.forget()
    return replies


@pytest.mark.parametrize(("case", "why"), [(case, why) for case, _, _, why in MALFORMED])
def test_a_malformed_submission_is_a_failed_job_with_the_reason(worker: dict[str, str],
                                                                refusals: dict[str, dict[str, Any]], case: str,
                                                                why: str) -> None:
    reply = refusals[case]
    assert reply["status"] == "failed" and why in reply["error"], reply
    assert reply["error"].isprintable() and len(reply["error"]) < 400
    assert "s" * 300 not in reply["error"] and "\x00" not in reply["error"]
    stored = job(worker, reply["job_id"])
    assert (stored["status"], stored["error"]) == ("failed", f"submit: {reply['error']}")
    assert stored["stages"] == [], "nothing ran"
    assert stored["seed"] is None or 0 <= stored["seed"] <= SEED_MAX
    assert stored["submission_id"] is None, "no valid submission_id was given"
    assert stored["title"] == "untitled" or stored["title"] == "Moon"


def test_a_refused_submission_keeps_its_valid_fields_and_is_found_again_by_its_submission_id(
        worker: dict[str, str], client: Celery) -> None:
    submission = f"refused-{uuid.uuid4()}"
    first = send(client, "maestro.submit", gdd=GOOD_GDD, seed="abc", title="Warehouse", submission_id=submission,
                 notify={"task": "tests.notified", "queue": "notify-test"})
    assert first["status"] == "failed" and "seed must be" in first["error"]
    stored = job(worker, first["job_id"])
    assert (stored["submission_id"], stored["title"], stored["seed"]) == (submission, "Warehouse", None)
    heard = redis.Redis.from_url(HEARD).blpop([f"notified:{first['job_id']}"], timeout=30)
    assert heard is not None, "the submitter asked to be told, and its notify target was valid"
    again = send(client, "maestro.submit", gdd=GOOD_GDD, seed="abc", submission_id=submission)
    assert (again["job_id"], again["duplicate"]) == (first["job_id"], True)


def test_an_undeliverable_notification_leaves_the_job_and_its_build_succeeded(worker: dict[str, str],
                                                                              client: Celery) -> None:
    redis.Redis.from_url(BROKER).set(TAKEN_QUEUE, "a string where a queue would be")
    reply = send(client, "maestro.submit", gdd=GOOD_GDD, notify={"task": "tests.notified", "queue": TAKEN_QUEUE})
    assert reply["status"] == "queued"
    stored = wait_for(worker, reply["job_id"])
    assert stored["status"] == "succeeded", stored
    stages = {stage["stage"]: stage for stage in stored["stages"]}
    assert all(stage["status"] == "succeeded" for stage in stages.values()), stages
    assert stages["build"]["attempts"] == 1 and stages["build"]["error"] is None, "the build was not retried"
    deadline = time.monotonic() + 30  # the notification is sent just after the job is marked succeeded
    while stored["notify_error"] is None and time.monotonic() < deadline:
        time.sleep(0.2)
        stored = job(worker, reply["job_id"])
    reason = stored["notify_error"]
    assert reason is not None and reason.startswith("could not notify tests.notified:") and "WRONGTYPE" in reason
    assert stored["status"] == "succeeded" and stored["error"] is None


def test_a_missing_stored_object_fails_the_stage_at_once_with_the_reason(worker: dict[str, str],
                                                                        client: Celery) -> None:
    job_id = new_job(worker)  # no GDD in the store: parse cannot find it, now or later
    send(client, "maestro.parse", job_id, wait=False)
    stored = wait_for(worker, job_id, timeout=60)
    assert stored["status"] == "failed", stored
    assert stored["error"].startswith(f"parse: store has no object 'jobs/{job_id}/gdd.txt'"), stored["error"]
    parse = next(stage for stage in stored["stages"] if stage["stage"] == "parse")
    assert (parse["status"], parse["attempts"]) == ("failed", 1), "a missing object is not retried"


def test_a_forged_stage_call_fails_its_job_by_name(worker: dict[str, str], client: Celery) -> None:
    job_id = new_job(worker)
    send(client, "maestro.codex", {"spec": {}, "seed": "7"}, wait=False, job_id=job_id)
    stored = wait_for(worker, job_id, timeout=60)
    assert stored["status"] == "failed"
    assert stored["error"] == (f"codex: invalid argument: parsed.seed must be a whole number from 0 to {SEED_MAX}, "
                               "not text")
    codex = next(stage for stage in stored["stages"] if stage["stage"] == "codex")
    assert (codex["status"], codex["attempts"]) == ("failed", 0)


def test_a_forged_build_cannot_read_another_jobs_files(worker: dict[str, str], client: Celery) -> None:
    job_id, other = new_job(worker), new_job(worker)
    forged = {"stage": "codex", "files": [{"key": f"jobs/{other}/codex/game.js", "sha256": "0" * 64, "bytes": 1,
                                           "content_type": "text/javascript"}]}
    send(client, "maestro.build", [forged], wait=False, job_id=job_id)
    stored = wait_for(worker, job_id, timeout=60)
    assert stored["status"] == "failed"
    assert stored["error"] == (f"build: invalid argument: results[0] is not the manifest job {job_id}'s codex "
                               "stage recorded")
    assert job(worker, other)["status"] == "queued", "the other job is untouched"


def test_a_submission_by_position_is_accepted(worker: dict[str, str], client: Celery) -> None:
    reply = send(client, "maestro.submit", GOOD_GDD, "By position", f"positional-{uuid.uuid4()}", 0)
    assert reply["status"] == "queued"
    stored = wait_for(worker, reply["job_id"])
    assert (stored["status"], stored["seed"], stored["notify_error"]) == ("succeeded", 0, None)
