"""Fixtures for integration tests: real servers started as subprocesses, shared per session."""

import getpass
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis
from sqlalchemy.engine import URL

from maestro.db.migrate import upgrade
from tests.conftest import require, require_module, stop_process

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cluster_env(broker: str, database_url: str, s3_endpoint: str, bucket_prefix: str) -> dict[str, str]:
    """A worker's environment on ``broker`` (a Redis database of its own, emptied) and a new bucket.

    Each test module that runs workers takes its own Redis database, so modules can run side by
    side on pytest-xdist workers without taking each other's messages.
    """
    try:
        redis.Redis.from_url(broker).flushdb()
    except redis.exceptions.ConnectionError:
        require(False, "Redis is not running on 127.0.0.1:6379: start it with scripts/services.sh")
    bucket = f"{bucket_prefix}-{uuid.uuid4().hex[:8]}"
    metrics = Path(tempfile.mkdtemp(prefix="maestro-metrics-"))  # this cluster's counts only
    return dict(os.environ, MAESTRO_BROKER_URL=broker, MAESTRO_RESULT_BACKEND=broker, MAESTRO_DATABASE_URL=database_url,
                MAESTRO_METRICS_DIR=str(metrics),
                MAESTRO_STORE_URL=f"s3://test:secret-key@{s3_endpoint.removeprefix('http://')}/{bucket}?secure=false",
                PYTHONPATH=ROOT)


@contextmanager
def running_workers(env: dict[str, str], queues: Iterable[str], logs: Path) -> Iterator[None]:
    """One worker process per queue (``maestro.<queue>``; ``notify-test`` as is), with ``env``, while inside.

    Each worker loads the test faults (``tests.integration.faults``), the notify-test worker the test
    task it runs; their logs go to ``logs``.
    """
    workers = []
    for queue in queues:
        log = open(logs / f"{queue}.log", "wb")  # noqa: SIM115 - closed with the process below
        extra = "tests.integration.notify_task" if queue == "notify-test" else "tests.integration.faults"
        workers.append((subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers", "worker", "-Q", f"maestro.{queue}" if queue !=
             "notify-test" else "notify-test", "-c", "1", "-n", f"{queue}@%h", "--without-gossip", "--without-mingle",
             "-l", "INFO", "--include", extra],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT), log))
    wait_for_workers(env["MAESTRO_BROKER_URL"], [f"{queue}@{socket.gethostname()}" for queue in queues])
    try:
        yield
    finally:
        for process, _ in workers:
            process.send_signal(signal.SIGTERM)
        for process, log in workers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def wait_for_workers(broker: str, names: list[str], within: float = 60) -> None:
    """Until every named worker answers a ping (they are consuming their queues), or ``within`` seconds."""
    from celery import Celery

    app = Celery(broker=broker)
    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            answered = {name for reply in app.control.ping(destination=names, timeout=0.5) for name in reply}
            if answered >= set(names):
                return
            time.sleep(0.2)
    finally:
        app.close()


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it; a tiny race is acceptable in tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_http(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                response.read()
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer, even an error status, means it is up
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer {url} in time")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """``host:port`` of a moto S3-compatible server running for the whole test session.

    moto speaks the S3 REST API over real HTTP, so the real ``minio`` client (signing, presigned URLs,
    error codes) is exercised without Docker or a MinIO binary. Any access/secret key is accepted.
    Tests should use their own bucket names: the server's state is shared across the session.
    """
    require_module("moto.server", "moto[server] is not installed (dev extra)")
    port = free_port()
    endpoint = f"127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                wait_for_http(f"http://{endpoint}/", process, time.monotonic() + 60)
            except RuntimeError as exc:
                log.seek(0)
                output = log.read().decode(errors="replace")[-4000:]
                pytest.fail(f"moto server failed to start: {exc}\n{output}")
            yield endpoint
        finally:
            stop_process(process, 10)


#: The PostgreSQL server the integration tests use; override with MAESTRO_TEST_POSTGRES_URL (an
#: admin URL: a role allowed to CREATE DATABASE, and a database to connect to for doing it).
POSTGRES_HOST, POSTGRES_PORT = "127.0.0.1", 5432


def _postgres_admin() -> psycopg.Connection[tuple[object, ...]]:
    """An autocommit connection able to create databases.

    Tries MAESTRO_TEST_POSTGRES_URL, else the roles ``postgres`` and the current user (trust
    auth, as a developer's or CI's local server has) on the databases ``test`` and ``postgres``.
    """
    override = os.environ.get("MAESTRO_TEST_POSTGRES_URL")
    if override:
        candidates = [override.replace("postgresql+psycopg://", "postgresql://")]
    else:
        users = dict.fromkeys(["postgres", getpass.getuser()])
        candidates = [
            f"postgresql://{user}@{POSTGRES_HOST}:{POSTGRES_PORT}/{dbname}"
            for user in users
            for dbname in ("test", "postgres")
        ]
    failures = []
    for conninfo in candidates:
        try:
            connection = psycopg.connect(conninfo, autocommit=True, connect_timeout=3)
        except psycopg.OperationalError as error:
            failures.append(f"{conninfo.rsplit('@', 1)[-1]}: {str(error).strip().splitlines()[0]}")
            continue
        return connection
    message = (
        "PostgreSQL is not reachable for the integration tests (" + "; ".join(failures) + "). Start it with "
        "`bash scripts/services.sh` (or `pg_ctlcluster <version> main start`), allowing trust auth on "
        f"{POSTGRES_HOST}:{POSTGRES_PORT} for the role postgres, or set MAESTRO_TEST_POSTGRES_URL."
    )
    require(False, message)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL database, migrated to head, for the whole test session.

    The database (``maestro_test_<random>``) is created on the local server and dropped at the
    end, even if connections to it are still open. Tests share it: each should use its own
    submission ids and job ids, or clean up the tables it reads wholesale.
    """
    admin = _postgres_admin()
    name = f"maestro_test_{uuid.uuid4().hex[:12]}"
    info = admin.info
    socket_dir = info.host.startswith("/")
    url = URL.create(
        "postgresql+psycopg",
        username=info.user,
        password=info.password or None,
        host=None if socket_dir else info.host,
        port=None if socket_dir else info.port,
        database=name,
        query={"host": info.host} if socket_dir else {},
    ).render_as_string(hide_password=False)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            upgrade(url)
            yield url
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
