"""A private Maestro cluster for the fault-injection tests: its own Redis, PostgreSQL, S3 store and workers.

The fault tests stop and restart services under running workers, so they cannot use the machine's
shared PostgreSQL and Redis (other tests, and other people, use those). `FaultCluster` starts
everything on ports of its own, in a temporary folder of its own, and tears it all down again:

* Redis with an append-only file fsynced on every write, so queued messages survive a restart;
* a fresh PostgreSQL cluster (``initdb``), with ``fsync=off`` since losing it on a power cut is fine;
* a moto S3 server behind a TCP proxy in this process: the store goes "down" by closing the proxy,
  never by stopping moto, which keeps its objects in memory only;
* one Celery worker per queue, as the Procfile runs them, each in its own session so that
  `FaultCluster.kill_worker` can kill its whole process group like a machine dying, plus beat;
* the fault switches of `tests.faults.hooks`, loaded into every worker, driven by files.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import celery
import psycopg
import redis
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from maestro.db.session import make_engine, session_factory, session_scope
from tests.conftest import stop_process
from tests.integration.conftest import wait_for_http

ROOT = Path(__file__).resolve().parents[2]
#: The worker processes, as the Procfile names them, and the queues each consumes.
WORKERS: dict[str, tuple[str, ...]] = {
    "submit": ("maestro.submit", "maestro.sweep"),
    **{name: (f"maestro.{name}",) for name in ("parse", "codex", "canvas", "sonata", "labyrinth", "build")},
}
#: The Celery hostname domain of every worker: ``<name>@faults``.
HOST = "faults"
BUCKET = "maestro-faults"
ACCESS_KEY = "test"
SECRET_KEY = "secret-key"
#: Seconds `FaultCluster.stop` gives the workers to finish after SIGTERM before SIGKILL.
STOP_GRACE_SECONDS = 20.0
#: Settings passed to the workers: short enough that a lost task is found within a test's patience.
#: Retries back off from 0.5 s (0.5 ... 8 s, 15.5 s in all): longer than the ten-second store outage
#: its test rides out, half the default's wait in the test that waits for the stages to give up.
TIMINGS = {"MAESTRO_TASK_TIME_LIMIT": "60", "MAESTRO_SWEEP_SECONDS": "2", "MAESTRO_LOST_AFTER_SECONDS": "8",
           "MAESTRO_RETRY_BACKOFF_SECONDS": "0.5"}


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it; a tiny race is acceptable in tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def postgres_bin() -> Path:
    """The ``bin`` folder of the newest PostgreSQL server installed, the way Debian lays them out.

    ``pg_ctl`` and ``initdb`` are not on PATH on Debian (only the client tools are), and several
    versions may be installed side by side: the newest one is taken.
    """
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        raise RuntimeError("no PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb): install it, e.g. "
                           "`apt-get install postgresql` or `bash scripts/services.sh`")

    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"/postgresql/([^/]+)/bin/", path)
        return tuple(int(part) for part in re.findall(r"\d+", match.group(1) if match else ""))

    return Path(max(found, key=version)).parent


def group_pids(pgid: int) -> list[int]:
    """Live processes in process group ``pgid``, its leader first, read from /proc (no psutil here)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            pids.append(int(entry))
    return sorted(pids, key=lambda pid: (pid != pgid, pid))


class TcpProxy:
    """A TCP relay in a thread of this process, which can refuse connections and drop the open ones.

    Stopping the S3 server itself would lose its objects (moto keeps them in memory only), so the
    workers reach it through this proxy: `down` makes the store unreachable exactly as a dead
    machine would look to a client (new connections refused, open ones cut), `up` brings it back
    on the same port.
    """

    def __init__(self, port: int, target: tuple[str, int]) -> None:
        self.port = port
        self.target = target
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._stopping = threading.Event()
        self._pairs: set[_Pair] = set()

    @property
    def is_up(self) -> bool:
        return self._listener is not None

    def up(self) -> None:
        """Listen on `port` again (SO_REUSEADDR: the port's old connections may linger in TIME_WAIT)."""
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                listener.bind(("127.0.0.1", self.port))
                listener.listen(128)
            except OSError:
                listener.close()
                raise
            self._stopping = threading.Event()
            self._listener = listener
            self._acceptor = threading.Thread(target=self._accept, args=(listener, self._stopping),
                                              name=f"proxy-{self.port}", daemon=True)
            self._acceptor.start()

    def down(self) -> None:
        """Close the listener (new connections are refused) and cut every open connection."""
        with self._lock:
            listener, acceptor = self._listener, self._acceptor
            self._listener = self._acceptor = None
            self._stopping.set()
        if acceptor is not None:
            acceptor.join()
        if listener is not None:
            listener.close()
        with self._lock:
            pairs, self._pairs = list(self._pairs), set()
        for pair in pairs:
            pair.close()

    def open_connections(self) -> int:
        """How many client connections are being relayed now."""
        with self._lock:
            return len(self._pairs)

    def _accept(self, listener: socket.socket, stopping: threading.Event) -> None:
        # A short timeout instead of a blocking accept: closing a socket does not wake a thread
        # blocked in accept() on every platform, a flag checked five times a second does.
        listener.settimeout(0.2)
        while not stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.setblocking(True)
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            pair = _Pair(client, upstream, self._forget)
            with self._lock:
                late = stopping.is_set()  # `down` began while this connection was being made
                if not late:
                    self._pairs.add(pair)
            if late:
                pair.close()
                return
            pair.start()

    def _forget(self, pair: _Pair) -> None:
        with self._lock:
            self._pairs.discard(pair)


class _Pair:
    """One relayed connection: a thread per direction, half-closes passed on, both sockets closed at the end."""

    def __init__(self, client: socket.socket, upstream: socket.socket, done: Callable[[_Pair], None]) -> None:
        self.client, self.upstream = client, upstream
        self._done = done
        self._lock = threading.Lock()
        self._open_directions = 2
        self._closed = False

    def start(self) -> None:
        for source, sink in ((self.client, self.upstream), (self.upstream, self.client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
        except OSError:
            self.close()  # one side broke: so does the other, as a real connection would
            return
        with self._lock:
            self._open_directions -= 1
            finished = self._open_directions == 0
        if finished:
            self.close()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pump blocked in recv() on it
            sock.close()
        self._done(self)


class FaultCluster:
    """Redis, PostgreSQL, an S3 store and one Celery worker per queue, all private, with faults on demand.

    Usage::

        with FaultCluster() as cluster:
            job_id = cluster.submit(gdd)
            cluster.redis_restart(2)
            ...

    Every service gets a port found free when the cluster is made, so `env` (the workers'
    environment, also right for ``python -m maestro_app.cli`` against this cluster) is known before
    `start`. Everything lives in one temporary folder, removed by `stop` unless ``keep`` is set.
    """

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self.root = Path(tempfile.mkdtemp(prefix="maestro-faults-"))
        self.root.chmod(0o755)  # PostgreSQL runs as another user when we are root: it must reach its folder
        self.log_dir = self.root / "logs"
        self.flags_dir = self.root / "flags"
        self.redis_dir = self.root / "redis"
        self.pg_root = self.root / "postgres"
        self.pg_data = self.pg_root / "data"
        self.pg_socket_dir = self.pg_root / "socket"
        self.pg_log = self.pg_root / "postgres.log"
        for folder in (self.log_dir, self.flags_dir, self.redis_dir, self.pg_root):
            folder.mkdir(mode=0o755)
        ports: set[int] = set()
        while len(ports) < 4:
            ports.add(free_port())
        self.redis_port, self.pg_port, self.moto_port, self.proxy_port = sorted(ports)
        self.broker_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.backend_url = f"redis://127.0.0.1:{self.redis_port}/1"
        self.database_url = f"postgresql://postgres@127.0.0.1:{self.pg_port}/maestro"
        self.store_url = f"s3://127.0.0.1:{self.proxy_port}/{BUCKET}?secure=false"
        self.proxy = TcpProxy(self.proxy_port, ("127.0.0.1", self.moto_port))
        self.env = self._worker_env()
        self._processes: dict[str, subprocess.Popen[bytes]] = {}
        self._commands: dict[str, list[str]] = {
            name: [sys.executable, "-m", "celery", "-A", "workers", "worker", "--loglevel=INFO", "--concurrency=1",
                   f"--hostname={name}@{HOST}", "-Q", ",".join(queues), "--include", "tests.faults.hooks"]
            for name, queues in WORKERS.items()
        }
        self._commands["beat"] = [sys.executable, "-m", "celery", "-A", "workers", "beat", "--loglevel=INFO",
                                  "-s", str(self.root / "beat-schedule")]
        self._pg_bin: Path | None = None
        self._app: celery.Celery | None = None
        self._engine: Engine | None = None
        self._started = False
        self._stopped = False
        atexit.register(self.stop)  # a test process that dies of an exception still leaves no servers behind

    # --- the whole cluster ------------------------------------------------------------------------

    def __enter__(self) -> FaultCluster:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    def start(self, timeout: float = 120.0) -> FaultCluster:
        """Start every service and worker and wait until each worker answers a ping.

        Redis and moto boot while ``initdb`` runs, the slowest step. If anything fails, the
        cluster is stopped and the error carries the tail of every log.
        """
        if self._started:
            return self
        if self._stopped:
            raise RuntimeError("this FaultCluster was stopped; make a new one")
        self._started = True
        try:
            self._start_redis()
            self._start_moto()
            self._start_postgres()
            self._wait_redis(60)
            self._wait_moto(60)
            self.proxy.up()
            for name in self._commands:
                self.start_worker(name)
            self.wait_ready(timeout)
        except Exception as error:
            message = f"the fault cluster did not start: {error}\n{self.all_logs()}"
            self.stop()
            raise RuntimeError(message) from error
        return self

    def stop(self) -> None:
        """Stop workers (SIGTERM, SIGKILL after `STOP_GRACE_SECONDS`), PostgreSQL, Redis, moto, the proxy.

        Safe to call twice, and on a cluster that only partly started.
        """
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(Exception):
            self._stop_workers()
        if self._app is not None:
            with contextlib.suppress(Exception):
                self._app.close()
        if self._engine is not None:
            with contextlib.suppress(Exception):
                self._engine.dispose()
        with contextlib.suppress(Exception):
            self._stop_postgres()
        for name in ("redis", "moto"):
            with contextlib.suppress(Exception):
                self._terminate(name, 10)
        with contextlib.suppress(Exception):
            self.proxy.down()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)
        atexit.unregister(self.stop)

    def _stop_workers(self) -> None:
        names = [name for name in self._commands if self._alive(name)]
        for name in names:
            with contextlib.suppress(ProcessLookupError):
                self._processes[name].send_signal(signal.SIGTERM)  # the main process stops its own pool
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name in names:
            process = self._processes[name]
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            self._kill_group(process)

    # --- processes --------------------------------------------------------------------------------

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        """Start ``command`` in a session of its own, its output appended to ``logs/<name>.log``."""
        with open(self.log_dir / f"{name}.log", "ab") as log:
            log.write(f"\n--- {time.strftime('%H:%M:%S')} starting {name}: {' '.join(command)}\n".encode())
            log.flush()
            self._processes[name] = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def _alive(self, name: str) -> bool:
        process = self._processes.get(name)
        return process is not None and process.poll() is None

    def _terminate(self, name: str, grace: float) -> None:
        process = self._processes.get(name)
        if process is None or process.poll() is not None:
            return
        stop_process(process, grace)

    @staticmethod
    def _kill_group(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
        """SIGKILL every process in ``process``'s group and wait until none is left."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + timeout
        while group_pids(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)  # children of a dead leader are reparented, then reaped by init

    def logs(self, name: str, tail_bytes: int = 4000) -> str:
        """The last ``tail_bytes`` of a log: a worker's name, ``beat``, ``redis``, ``moto`` or ``postgres``."""
        path = self.pg_log if name == "postgres" else self.log_dir / f"{name}.log"
        try:
            with open(path, "rb") as log:
                log.seek(0, os.SEEK_END)
                log.seek(max(0, log.tell() - tail_bytes))
                return log.read().decode(errors="replace")
        except OSError as error:
            return f"(no log for {name}: {error.strerror})"

    def all_logs(self, tail_bytes: int = 3000) -> str:
        """The tail of every log, each under a header: what a failure message needs."""
        names = [*self._commands, "redis", "moto", "postgres"]
        return "\n".join(f"===== {name} =====\n{self.logs(name, tail_bytes)}" for name in names)

    # --- Redis ------------------------------------------------------------------------------------

    def _start_redis(self) -> None:
        require_tool("redis-server")
        self._spawn("redis", ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                              "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                              "--dir", str(self.redis_dir)])

    def _wait_redis(self, timeout: float) -> None:
        client = redis.Redis(host="127.0.0.1", port=self.redis_port, socket_timeout=1, socket_connect_timeout=1)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if not self._alive("redis"):
                    raise RuntimeError(f"redis-server exited:\n{self.logs('redis')}")
                try:
                    if client.ping():
                        return
                except redis.exceptions.RedisError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Redis did not answer PING on port {self.redis_port} in {timeout:.0f} s")
                time.sleep(0.05)
        finally:
            client.close()

    def redis_restart(self, down_seconds: float) -> None:
        """Stop Redis (SIGTERM: it syncs its append-only file), stay down ``down_seconds``, start it again."""
        stop_process(self._processes["redis"])
        time.sleep(down_seconds)
        self._start_redis()
        self._wait_redis(60)

    # --- PostgreSQL -------------------------------------------------------------------------------

    @staticmethod
    def _as_postgres(command: list[str]) -> list[str]:
        """PostgreSQL refuses to run as root: then its commands run as the ``postgres`` user."""
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def _pg_run(self, *args: str, timeout: float = 120) -> None:
        if self._pg_bin is None:
            self._pg_bin = postgres_bin()
        command = self._as_postgres([str(self._pg_bin / args[0]), *args[1:]])
        done = subprocess.run(command, cwd=self.pg_root, capture_output=True, timeout=timeout,
                              start_new_session=True, check=False)
        if done.returncode != 0:
            output = (done.stdout + done.stderr).decode(errors="replace")
            raise RuntimeError(f"{' '.join(command)} failed with exit code {done.returncode}:\n{output}\n"
                               f"server log:\n{self.logs('postgres')}")

    def _start_postgres(self) -> None:
        """A fresh cluster (initdb), started, with the database ``maestro`` migrated to head."""
        self.pg_data.mkdir(mode=0o700)
        self.pg_socket_dir.mkdir(mode=0o755)
        self.pg_log.touch()
        if os.geteuid() == 0:
            for path in (self.pg_root, self.pg_data, self.pg_socket_dir, self.pg_log):
                shutil.chown(path, "postgres", "postgres")
        self._pg_run("initdb", "-D", str(self.pg_data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                     "--locale=C")
        self._pg_start()
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.pg_port}/postgres", autocommit=True,
                             connect_timeout=5) as admin:
            admin.execute("CREATE DATABASE maestro")
        from maestro.db import upgrade

        upgrade(self.database_url)

    def _pg_start(self) -> None:
        options = (f"-p {self.pg_port} -k {self.pg_socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off")
        self._pg_run("pg_ctl", "-D", str(self.pg_data), "-l", str(self.pg_log), "-o", options, "-w", "start")

    def _stop_postgres(self) -> None:
        if not (self.pg_data / "postmaster.pid").exists():
            return
        try:
            self._pg_run("pg_ctl", "-D", str(self.pg_data), "-m", "fast", "-w", "stop", timeout=30)
        except (RuntimeError, subprocess.TimeoutExpired):
            self._pg_run("pg_ctl", "-D", str(self.pg_data), "-m", "immediate", "-w", "stop", timeout=30)

    def postgres_restart(self, down_seconds: float) -> None:
        """``pg_ctl stop -m fast`` (open connections are cut), stay down ``down_seconds``, start again."""
        self._pg_run("pg_ctl", "-D", str(self.pg_data), "-m", "fast", "-w", "stop", timeout=60)
        time.sleep(down_seconds)
        self._pg_start()

    # --- the S3 store -----------------------------------------------------------------------------

    def _start_moto(self) -> None:
        self._spawn("moto", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.moto_port)])

    def _wait_moto(self, timeout: float) -> None:
        try:
            wait_for_http(f"http://127.0.0.1:{self.moto_port}/", self._processes["moto"], time.monotonic() + timeout)
        except RuntimeError as error:
            raise RuntimeError(f"the moto server: {error}\n{self.logs('moto')}") from None

    def store_down(self) -> None:
        """Make the store unreachable: connections to it are refused, open ones are cut. moto keeps its data."""
        self.proxy.down()

    def store_up(self) -> None:
        """Make the store reachable again, on the same port."""
        self.proxy.up()

    # --- workers ----------------------------------------------------------------------------------

    def _worker_env(self) -> dict[str, str]:
        """This environment without any MAESTRO_* setting, pointed at this cluster's services."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("MAESTRO_")}
        env["PATH"] = os.pathsep.join(filter(None, [str(Path(sys.executable).parent), env.get("PATH")]))
        env["PYTHONPATH"] = str(ROOT)
        env["PYTHONUNBUFFERED"] = "1"
        env.update(MAESTRO_BROKER_URL=self.broker_url, MAESTRO_RESULT_BACKEND=self.backend_url,
                   MAESTRO_DATABASE_URL=self.database_url, MAESTRO_STORE_URL=self.store_url,
                   MAESTRO_STORE_ACCESS_KEY=ACCESS_KEY, MAESTRO_STORE_SECRET_KEY=SECRET_KEY,
                   MAESTRO_FAULT_FLAGS=str(self.flags_dir), MAESTRO_STAGE_CACHE="false",
                   MAESTRO_METRICS_DIR=str(self.flags_dir.parent / "metrics"), **TIMINGS)
        return env

    def start_worker(self, name: str) -> None:
        """Start worker ``name`` (or ``beat``); it must not be running. Does not wait: see `wait_ready`."""
        if name not in self._commands:
            raise KeyError(f"no worker {name!r}: one of {', '.join(self._commands)}")
        if self._alive(name):
            raise RuntimeError(f"worker {name} is already running (pid {self._processes[name].pid})")
        self._spawn(name, self._commands[name], self.env)

    def kill_worker(self, name: str) -> None:
        """SIGKILL worker ``name``'s whole process group (main process and pool child), like a machine dying.

        Returns once none of its processes is left, so a test can rely on the kill having happened.
        """
        process = self._processes.get(name)
        if process is None:
            raise KeyError(f"worker {name!r} was never started")
        self._kill_group(process)

    def worker_pids(self, name: str) -> list[int]:
        """The live pids of worker ``name``'s process group, its main process first; [] when it is dead."""
        process = self._processes.get(name)
        if process is None:
            return []
        process.poll()  # reap a dead leader, so it does not count as a live zombie
        return group_pids(process.pid)

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until every worker answers a Celery ping (beat does not take pings)."""
        expected = {f"{name}@{HOST}" for name in WORKERS}
        answered: set[str] = set()
        problem = ""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = [name for name in self._commands if not self._alive(name)]
            if dead:
                logs = "\n".join(f"===== {name} =====\n{self.logs(name)}" for name in dead)
                raise RuntimeError(f"worker(s) {', '.join(dead)} exited:\n{logs}")
            try:
                replies = self.app().control.ping(timeout=1) or []
            except Exception as error:  # the broker is still coming back: ask again
                problem = f" (last ping failed: {type(error).__name__}: {error})"
                time.sleep(0.5)
                continue
            answered |= {host for reply in replies for host in reply}
            if expected <= answered:
                return
        missing = ", ".join(sorted(expected - answered))
        raise TimeoutError(f"worker(s) {missing} did not answer a ping in {timeout:.0f} s{problem}")

    # --- helpers for tests ------------------------------------------------------------------------

    def app(self) -> celery.Celery:
        """A Celery client on this cluster's broker and result backend (JSON), for ``send_task`` and control."""
        if self._app is None:
            app = celery.Celery("maestro-faults-client", broker=self.broker_url, backend=self.backend_url,
                                set_as_current=False)
            app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                            result_accept_content=["json"], broker_connection_retry_on_startup=True)
            self._app = app
        return self._app

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A SQLAlchemy session on the cluster's database, committed when the block ends."""
        if self._engine is None:
            self._engine = make_engine(self.database_url)
        with session_scope(session_factory(self._engine)) as session:
            yield session

    def submit(self, gdd_text: str, title: str | None = None, timeout: float = 60.0, task_id: str | None = None) -> str:
        """Send ``maestro.submit`` by name, as another service would, and return the new job's id.

        ``task_id`` fixes the submit task's id, and so the job's (`workers.tasks.submission_job_id`):
        a test can set a flag for a job before the job exists.
        """
        kwargs: dict[str, Any] = {"gdd": gdd_text, "submission_id": str(uuid.uuid4())}
        if title is not None:
            kwargs["title"] = title
        result = self.app().send_task("maestro.submit", kwargs=kwargs, queue="maestro.submit", task_id=task_id)
        reply = result.get(timeout=timeout)
        job_id: str = reply["job_id"]
        return job_id

    def flag(self, name: str, content: str = "") -> None:
        """Switch fault ``name`` on (see `tests.faults.hooks`); written whole, then renamed into place."""
        staging = self.flags_dir / f".{name}.{uuid.uuid4().hex}"
        staging.write_text(content, encoding="utf-8")
        staging.replace(self.flags_dir / name)

    def unflag(self, name: str) -> None:
        """Switch fault ``name`` off (no error if it was not on)."""
        (self.flags_dir / name).unlink(missing_ok=True)

    def clear_flags(self) -> None:
        """Switch every fault off and forget which ones already fired (the ``raised-*`` markers)."""
        for path in self.flags_dir.iterdir():
            path.unlink(missing_ok=True)


def require_tool(name: str) -> str:
    """The path of command ``name``, or a clear error saying it is missing."""
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (or not on PATH): run `bash scripts/services.sh` as root")
    return path
