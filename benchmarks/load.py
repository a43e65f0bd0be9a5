"""The cluster under load, run by hand: ``.venv/bin/python benchmarks/load.py [--jobs N]
[--half-load-jobs M] [--resubmits K] [--json out.json]``.

It brings up its own cluster as benchmarks/pipeline.py does (the Procfile under honcho, a fresh
PostgreSQL database, moto's S3 server), warms every worker up with one job, then measures, on
examples/gdd/rooftop_run.txt with a distinct seed per job so that no two jobs share a stage:

1. Single job, 3 jobs one at a time. From each job's stage rows (a stage's seconds are its
   ``finished_at - started_at``): critical path = parse + the slowest of the four header stages +
   build; work = the sum of all its stage seconds; latency = the job's ``finished_at -
   created_at``. Medians of the three. CPU per job = the busy CPU seconds of the whole machine
   (/proc/stat) over the three, divided by three: a job's whole cost on this machine, the S3
   server, PostgreSQL, Redis and Celery included (the queue workers' own share, from
   /proc/<pid>/stat, is shown beside it). Ideal throughput = cores / CPU per job (jobs/s), cores =
   ``os.cpu_count()``: every core busy all the time.
2. Saturation: N jobs sent at once, by name (``maestro.submit``, as a service does), from a
   separate process. Throughput = N / (last ``finished_at`` - first ``created_at``), and as a
   percentage of the ideal.
3. Half load: M jobs sent from that process one every 2 / throughput seconds (50 % of the
   measured maximum). p50 and p95 of their latencies (linear interpolation between ranks), and
   p95 / the single-job median critical path (target: at most 1.5).
4. Memory: each queue worker's peak RSS over phases 2 and 3 (VmRSS of the worker's main process
   and its pool children, sampled every 0.2 s), beside its RSS just before them.
5. Resubmission: K times, one at a time, the GDD and seed of a job of phase 1 under a fresh
   submission id; wall time from just before sending to the job's row reading ``succeeded``
   (polled every 5 ms). Median and max.

Jobs are found by their submission id in the database; the submit replies are not stored
(``ignore_result``). ``--json`` also writes every job: its stage seconds, each stage's start and end
after the job's creation (where the queue hops are) and, for sent jobs, send -> created. Redis
database 12 (``--redis-db``) must be empty, so that no other cluster on the same Redis consumes
these queues; it is emptied again at the end. Prints Markdown.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import multiprocessing
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import redis
from celery import Celery
from pipeline import BIN, GDD, ROOT, free_port

SUBMIT = "maestro.submit"
FINAL = ("succeeded", "failed", "cancelled")
SINGLE_JOBS = 3
RSS_PERIOD = 0.2
RESUBMIT_POLL = 0.005
ADMIN_DSN = "host=127.0.0.1 user=postgres dbname=test"


class LoadError(Exception):
    """The benchmark cannot go on: a job failed, the cluster stopped, or a wait ran out."""


# --- what is measured ---------------------------------------------------------------------------


@dataclass(frozen=True)
class JobRun:
    """One finished job as its rows tell it: times in the database, stage seconds from its stage rows."""

    submission_id: str
    job_id: str
    seed: int
    created: datetime
    finished: datetime
    stages: dict[str, float]
    #: Each stage's start and end, in seconds after the job was created: where the gaps between stages are.
    timeline: dict[str, tuple[float, float]]
    sent: float | None = None  # when the sender sent it (time.time()), if it was timed

    @property
    def latency(self) -> float:
        return (self.finished - self.created).total_seconds()

    @property
    def critical(self) -> float:
        header = [seconds for stage, seconds in self.stages.items() if stage not in ("parse", "build")]
        return self.stages["parse"] + max(header) + self.stages["build"]

    @property
    def work(self) -> float:
        return sum(self.stages.values())

    def as_dict(self) -> dict[str, Any]:
        submit_wait = None if self.sent is None else self.created.timestamp() - self.sent
        return {"submission_id": self.submission_id, "job_id": self.job_id, "seed": self.seed,
                "created_at": self.created.isoformat(), "finished_at": self.finished.isoformat(),
                "stages": self.stages, "timeline": self.timeline, "latency": self.latency,
                "critical_path": self.critical, "work": self.work, "sent_to_created": submit_wait}


@dataclass
class Figures:
    """Every figure of the table, with the jobs behind them (all seconds unless named otherwise)."""

    cores: int
    cpu: str
    load_average_before: tuple[float, float, float]
    base_seed: int
    single: list[JobRun] = field(default_factory=list)
    saturation: list[JobRun] = field(default_factory=list)
    half_load: list[JobRun] = field(default_factory=list)
    half_load_interval: float = 0.0
    rss_idle: dict[str, int] = field(default_factory=dict)  # kB, per worker
    rss_peak: dict[str, int] = field(default_factory=dict)
    resubmits: list[float] = field(default_factory=list)
    cpu_per_job: float = 0.0  # CPU seconds of every worker process, per job of phase 1
    machine_cpu_per_job: float = 0.0  # busy CPU seconds of the whole machine, per job of phase 1
    resubmitted: list[JobRun] = field(default_factory=list)  # the same jobs as their rows tell them

    @property
    def critical(self) -> float:
        return statistics.median(job.critical for job in self.single)

    @property
    def single_latency(self) -> float:
        return statistics.median(job.latency for job in self.single)

    @property
    def work(self) -> float:
        return statistics.median(job.work for job in self.single)

    @property
    def ideal(self) -> float:
        """Jobs per second if every core were busy all the time, at a lone job's CPU cost per job."""
        return self.cores / self.machine_cpu_per_job

    @property
    def throughput(self) -> float:
        first = min(job.created for job in self.saturation)
        last = max(job.finished for job in self.saturation)
        return len(self.saturation) / (last - first).total_seconds()

    def half_load_latency(self, q: float) -> float:
        return percentile([job.latency for job in self.half_load], q)

    def as_dict(self) -> dict[str, Any]:
        figures = {"critical_path": self.critical, "single_latency": self.single_latency, "work": self.work,
                   "cpu_per_job": self.cpu_per_job, "machine_cpu_per_job": self.machine_cpu_per_job,
                   "ideal_jobs_per_s": self.ideal, "throughput_jobs_per_s": self.throughput,
                   "throughput_of_ideal": self.throughput / self.ideal, "half_load_p50": self.half_load_latency(50),
                   "half_load_p95": self.half_load_latency(95),
                   "p95_over_critical_path": self.half_load_latency(95) / self.critical,
                   "resubmit_median_ms": statistics.median(self.resubmits) * 1000,
                   "resubmit_max_ms": max(self.resubmits) * 1000}
        jobs = {"single": self.single, "saturation": self.saturation, "half_load": self.half_load,
                "resubmission": self.resubmitted}
        return {"machine": {"cores": self.cores, "cpu": self.cpu, "load_average_before": self.load_average_before},
                "gdd": GDD.name, "base_seed": self.base_seed, "figures": figures,
                "half_load_interval": self.half_load_interval, "rss_idle_kb": self.rss_idle,
                "rss_peak_kb": self.rss_peak, "resubmit_seconds": self.resubmits,
                "jobs": {phase: [job.as_dict() for job in runs] for phase, runs in jobs.items()}}


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile by linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def machine() -> tuple[int, str]:
    """The core count and the CPU's model name."""
    model = "unknown CPU"
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return os.cpu_count() or 1, model


# --- the cluster --------------------------------------------------------------------------------


@dataclass
class Cluster:
    """A running cluster: its honcho (the parent of every worker), broker and database."""

    honcho: subprocess.Popen[bytes]
    broker: str
    database: str  # a libpq connection string
    web: str = ""  # the Procfile's gateway, http://127.0.0.1:<port>

    def check(self) -> None:
        if self.honcho.poll() is not None:
            raise LoadError(f"the cluster stopped (honcho exited {self.honcho.returncode})")


@contextmanager
def cluster(redis_db: int) -> Iterator[Cluster]:
    """pipeline.py's bring-up on its own Redis database, with the beat schedule and caches in a temp folder.

    Everything started is stopped on the way out, whatever the reason (an error, Ctrl-C, SIGTERM).
    """
    broker = f"redis://127.0.0.1:6379/{redis_db}"
    keys = redis.Redis(host="127.0.0.1", port=6379, db=redis_db)
    if keys.dbsize():
        raise LoadError(f"Redis database {redis_db} is not empty: another cluster may be using it; "
                        f"pick a free one with --redis-db, or empty it (redis-cli -n {redis_db} flushdb)")
    name = f"maestro_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    s3_port, flower_port, metrics_port, web_port = free_port(), free_port(), free_port(), free_port()
    moto = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with tempfile.TemporaryDirectory(prefix="maestro-load-") as folder:
            settings = {"MAESTRO_BROKER_URL": broker, "MAESTRO_RESULT_BACKEND": broker,
                        "MAESTRO_DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}",
                        "MAESTRO_STORE_URL": f"s3://bench:bench@127.0.0.1:{s3_port}/maestro-bench?secure=false",
                        "MAESTRO_FLOWER_PORT": str(flower_port), "MAESTRO_FLOWER_USER": "bench",
                        "MAESTRO_FLOWER_PASSWORD": "bench", "MAESTRO_CACHE_DIR": f"{folder}/cache",
                        "MAESTRO_BEAT_SCHEDULE": f"{folder}/beat-schedule", "MAESTRO_METRICS_PORT": str(metrics_port),
                        "MAESTRO_METRICS_DIR": f"{folder}/metrics", "MAESTRO_WEB_PORT": str(web_port)}
            env = {**{k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}, **settings,
                   "PATH": f"{BIN}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
            subprocess.run([str(BIN / "maestro"), "db", "upgrade"], env=env, check=True, capture_output=True)
            env_file = Path(folder) / ".env"
            env_file.write_text("".join(f"{k}={v}\n" for k, v in settings.items()), encoding="utf-8")
            log = Path(folder) / "honcho.log"
            with log.open("wb") as output:
                honcho = subprocess.Popen([str(BIN / "honcho"), "-e", str(env_file), "-f", str(ROOT / "Procfile"),
                                           "-d", str(ROOT), "start"], env=env, stdout=output,
                                          stderr=subprocess.STDOUT, start_new_session=True)
            try:
                yield Cluster(honcho, broker, f"host=127.0.0.1 user=postgres dbname={name}",
                              f"http://127.0.0.1:{web_port}")
            except LoadError:
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
                print("\n".join(["cluster log, last lines:", *tail]), file=sys.stderr)
                raise
            finally:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the teardown short
                stop_group(honcho)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        moto.terminate()
        try:
            moto.wait(timeout=10)
        except subprocess.TimeoutExpired:
            moto.kill()
            moto.wait()
        with psycopg.connect(ADMIN_DSN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        keys.flushdb()
        signal.signal(signal.SIGINT, signal.default_int_handler)


def stop_group(honcho: subprocess.Popen[bytes], grace: float = 30.0) -> None:
    """Stop honcho and every process it started, whatever state they are in.

    Honcho starts each Procfile process in a session (and process group) of its own and, on
    SIGTERM, sends SIGTERM to each of those groups, then SIGKILL after 5 s. If honcho itself does
    not end within ``grace`` seconds it is killed, and so is each group it had started.
    """
    table = processes()
    groups = {table[pid][1] for pid in descendants(honcho.pid, table)} - {honcho.pid}
    with suppress(ProcessLookupError):
        os.killpg(honcho.pid, signal.SIGTERM)
    try:
        honcho.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(honcho.pid, signal.SIGKILL)
        honcho.wait(timeout=grace)
    for group in groups:
        with suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def processes() -> dict[int, tuple[int, int]]:
    """Every process now: its parent and its process group, by pid."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with suppress(OSError, IndexError, ValueError):  # gone meanwhile
                fields = Path(entry.path, "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
                table[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return table


def descendants(root: int, table: dict[int, tuple[int, int]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def client(broker: str) -> Celery:
    """A Celery app as another service would have one: just the broker, JSON, tasks sent by name."""
    app = Celery("maestro-load", broker=broker, backend=broker)
    app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])
    return app


def send(app: Celery, gdd: str, submission_id: str, seed: int) -> None:
    app.send_task(SUBMIT, kwargs={"gdd": gdd, "seed": seed, "submission_id": submission_id}, queue=SUBMIT,
                  ignore_result=True)


# --- the database: where jobs are seen ----------------------------------------------------------


class Jobs:
    """The benchmark's reads of the job database, on one autocommit connection (each read sees now)."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.connection = psycopg.connect(cluster.database, autocommit=True)

    def close(self) -> None:
        self.connection.close()

    def status(self, submission_id: str) -> str | None:
        row = self.connection.execute("SELECT status FROM jobs WHERE submission_id = %s", (submission_id,)).fetchone()
        return None if row is None else str(row[0])

    def wait(self, seeds: dict[str, int], timeout: float, sent: dict[str, float] | None = None) -> list[JobRun]:
        """The jobs of these submission ids once all have ended, in the order given; a failed one is an error."""
        deadline = time.monotonic() + timeout
        wanted = list(seeds)
        while True:
            rows = self.connection.execute(
                "SELECT submission_id, id, status, error FROM jobs WHERE submission_id = ANY(%s)", (wanted,)).fetchall()
            for submission_id, job_id, status, error in rows:
                if status in ("failed", "cancelled"):
                    raise LoadError(f"job {job_id} ({submission_id}) {status}: {error}")
            if len(rows) == len(wanted) and all(row[2] in FINAL for row in rows):
                break
            self.cluster.check()
            if time.monotonic() > deadline:
                done = sum(row[2] in FINAL for row in rows)
                raise LoadError(f"only {done} of {len(wanted)} jobs ended within {timeout:g} s")
            time.sleep(0.1)
        return [self.run(submission_id, seeds[submission_id], (sent or {}).get(submission_id))
                for submission_id in wanted]

    def run(self, submission_id: str, seed: int, sent: float | None) -> JobRun:
        row = self.connection.execute(
            "SELECT id, created_at, finished_at FROM jobs WHERE submission_id = %s", (submission_id,)).fetchone()
        if row is None:
            raise LoadError(f"no job has the submission id {submission_id}")
        job_id, created, finished = row
        stages = self.connection.execute(
            "SELECT stage, started_at, finished_at FROM stage_runs WHERE job_id = %s", (job_id,)).fetchall()
        seconds = {stage: (end - start).total_seconds() for stage, start, end in stages}
        timeline = {stage: ((start - created).total_seconds(), (end - created).total_seconds())
                    for stage, start, end in stages}
        return JobRun(submission_id, str(job_id), seed, created, finished, seconds, timeline, sent)


# --- the separate sending process ---------------------------------------------------------------


def sender_main(broker: str, gdd: str, requests: multiprocessing.Queue[Any],
                replies: multiprocessing.Queue[Any]) -> None:
    """The sending process: each request is ``(jobs, interval)``, answered with when each job was sent."""
    app = client(broker)
    while (request := requests.get()) is not None:
        replies.put(send_all(app, gdd, *request))


def send_all(app: Celery, gdd: str, jobs: Sequence[tuple[str, int]], interval: float) -> list[float]:
    """Send ``(submission_id, seed)`` pairs: all at once if ``interval`` is 0, else the i-th at
    ``i * interval`` seconds; each on a thread, so that a slow send never delays the next one."""
    sent = [0.0] * len(jobs)

    def one(index: int, submission_id: str, seed: int) -> None:
        sent[index] = time.time()
        send(app, gdd, submission_id, seed)

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=min(len(jobs), 16)) as pool:
        futures = []
        for index, (submission_id, seed) in enumerate(jobs):
            time.sleep(max(0.0, start + index * interval - time.monotonic()))
            futures.append(pool.submit(one, index, submission_id, seed))
        for future in futures:
            future.result()
    return sent


class Sender:
    """A child process (spawned: nothing of this one's state) that sends ``maestro.submit`` by name."""

    def __init__(self, broker: str, gdd: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.requests: multiprocessing.Queue[Any] = context.Queue()
        self.replies: multiprocessing.Queue[Any] = context.Queue()
        self.process = context.Process(target=sender_main, args=(broker, gdd, self.requests, self.replies),
                                       daemon=True)
        self.process.start()

    def send(self, jobs: Sequence[tuple[str, int]], interval: float) -> dict[str, float]:
        """Send ``(submission_id, seed)`` pairs; when each was sent (``time.time()``), by submission id."""
        self.requests.put((list(jobs), interval))
        while True:
            try:
                sent: list[float] = self.replies.get(timeout=1.0)
                return {submission_id: at for (submission_id, _), at in zip(jobs, sent, strict=True)}
            except queue.Empty:
                if not self.process.is_alive():
                    raise LoadError(f"the sending process died (exit code {self.process.exitcode})") from None

    def close(self) -> None:
        if self.process.is_alive():
            self.requests.put(None)
            self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=10)


# --- memory -------------------------------------------------------------------------------------


def worker_rss(honcho: int) -> dict[str, int]:
    """VmRSS (kB) of each queue worker under honcho, summed over its main process and pool children.

    A worker's processes are those whose argv holds ``--hostname=<name>@...`` (pool children are
    forked, so they carry their main process's argv); the shells honcho starts them with hold the
    whole command as one argument and are left out, as are beat and Flower.
    """
    totals: dict[str, int] = {}
    for pid in descendants(honcho, processes()):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            hostname = next((arg for arg in argv if arg.startswith(b"--hostname=")), None)
            if hostname is None:
                continue
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        except OSError:
            continue  # gone meanwhile
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        name = hostname.removeprefix(b"--hostname=").split(b"@")[0].decode()
        totals[name] = totals.get(name, 0) + rss
    return totals


def worker_cpu(honcho: int) -> float:
    """CPU seconds (user + system) the queue workers' processes have used so far, all of them together."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in descendants(honcho, processes()):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if not any(arg.startswith(b"--hostname=") for arg in argv):
                continue
            fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat
    return total / ticks


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine so far (every core; /proc/stat's first line, idle and iowait left out)."""
    fields = [int(value) for value in Path("/proc/stat").read_text(encoding="utf-8").split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class RssSampler(threading.Thread):
    """Samples :func:`worker_rss` every 0.2 s and keeps each worker's peak."""

    def __init__(self, honcho: int) -> None:
        super().__init__(daemon=True)
        self.honcho = honcho
        self.peak: dict[str, int] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            for name, rss in worker_rss(self.honcho).items():
                self.peak[name] = max(rss, self.peak.get(name, 0))
            self.stopped.wait(RSS_PERIOD)

    def stop(self) -> dict[str, int]:
        self.stopped.set()
        self.join()
        return self.peak


# --- the phases ---------------------------------------------------------------------------------


def measure(bench: Cluster, args: argparse.Namespace, figures: Figures) -> None:
    gdd = GDD.read_text(encoding="utf-8")
    run = uuid.uuid4().hex[:8]
    seeds = itertools.count(figures.base_seed)

    def batch(phase: str, count: int) -> dict[str, int]:
        return {f"load-{run}-{phase}-{index}": next(seeds) for index in range(count)}

    app = client(bench.broker)
    jobs = Jobs(bench)
    sender = Sender(bench.broker, gdd)
    try:
        step("warm-up: one job, so that every worker has loaded its stage")
        warmup = batch("warmup", 1)
        for submission_id, seed in warmup.items():
            send(app, gdd, submission_id, seed)
        jobs.wait(warmup, args.timeout)

        step(f"1. single job: {SINGLE_JOBS} jobs one at a time")
        cpu_before, machine_before = worker_cpu(bench.honcho.pid), machine_cpu()
        for submission_id, seed in batch("single", SINGLE_JOBS).items():
            sent = time.time()
            send(app, gdd, submission_id, seed)
            figures.single += jobs.wait({submission_id: seed}, args.timeout, {submission_id: sent})
        figures.cpu_per_job = (worker_cpu(bench.honcho.pid) - cpu_before) / SINGLE_JOBS
        figures.machine_cpu_per_job = (machine_cpu() - machine_before) / SINGLE_JOBS

        figures.rss_idle = worker_rss(bench.honcho.pid)
        sampler = RssSampler(bench.honcho.pid)
        sampler.start()
        try:
            step(f"2. saturation: {args.jobs} jobs at once")
            wanted = batch("saturation", args.jobs)
            sent_at = sender.send(list(wanted.items()), 0.0)
            figures.saturation = jobs.wait(wanted, args.timeout, sent_at)

            figures.half_load_interval = 2 / figures.throughput
            step(f"3. half load: {args.half_load_jobs} jobs, one every {figures.half_load_interval:.2f} s")
            wanted = batch("half", args.half_load_jobs)
            sent_at = sender.send(list(wanted.items()), figures.half_load_interval)
            figures.half_load = jobs.wait(wanted, args.timeout, sent_at)
        finally:
            figures.rss_peak = sampler.stop()

        original = figures.single[0]
        step(f"5. resubmission: job {original.job_id}'s GDD and seed, {args.resubmits} times")
        for submission_id in batch("resubmit", args.resubmits):
            sent = time.time()
            figures.resubmits.append(resubmit(app, jobs, gdd, submission_id, original.seed, args.timeout))
            figures.resubmitted.append(jobs.run(submission_id, original.seed, sent))
    finally:
        sender.close()
        jobs.close()
        app.close()


def resubmit(app: Celery, jobs: Jobs, gdd: str, submission_id: str, seed: int, timeout: float) -> float:
    """Seconds from just before sending to the job's row reading ``succeeded``."""
    start = time.perf_counter()
    send(app, gdd, submission_id, seed)
    while (status := jobs.status(submission_id)) != "succeeded":
        if status in FINAL:
            raise LoadError(f"resubmitted job {submission_id} {status}")
        if time.perf_counter() - start > timeout:
            raise LoadError(f"resubmitted job {submission_id} did not end within {timeout:g} s")
        time.sleep(RESUBMIT_POLL)
    return time.perf_counter() - start


def step(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


# --- the report ---------------------------------------------------------------------------------


def report(figures: Figures) -> str:
    ideal, throughput = figures.ideal, figures.throughput
    p50, p95 = figures.half_load_latency(50), figures.half_load_latency(95)
    n, m, k = len(figures.saturation), len(figures.half_load), len(figures.resubmits)
    load = ", ".join(f"{value:.2f}" for value in figures.load_average_before)
    lines = [
        f"Machine: {figures.cores} cores, {figures.cpu} (load average before: {load}). "
        f"GDD: {GDD.name}, seeds from {figures.base_seed}.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| single job, critical path (parse + slowest header stage + build), median of {SINGLE_JOBS} "
        f"| {figures.critical:.2f} s |",
        f"| single job, latency (created -> finished), median of {SINGLE_JOBS} | {figures.single_latency:.2f} s |",
        f"| single job, sum of stage seconds, median of {SINGLE_JOBS} | {figures.work:.2f} s |",
        f"| single job, CPU seconds: the whole machine / the queue workers alone, mean of {SINGLE_JOBS} "
        f"| {figures.machine_cpu_per_job:.2f} s / {figures.cpu_per_job:.2f} s |",
        f"| ideal throughput: {figures.cores} cores / the machine's CPU seconds per job | {ideal * 60:.1f} jobs/min |",
        f"| saturation: {n} jobs at once, N / (last finished - first created) "
        f"| {throughput * 60:.1f} jobs/min ({throughput / ideal:.0%} of ideal) |",
        f"| half load: {m} jobs, one every {figures.half_load_interval:.2f} s, latency p50 / p95 "
        f"| {p50:.2f} s / {p95:.2f} s |",
        f"| half load: p95 / single-job critical path (target <= 1.5) | {p95 / figures.critical:.2f}x |",
        f"| resubmission (same GDD and seed, fresh id), {k} times: median / max "
        f"| {statistics.median(figures.resubmits) * 1000:.0f} ms / {max(figures.resubmits) * 1000:.0f} ms |",
        "",
        "| worker | RSS before the load | peak RSS during phases 2-3 |",
        "|---|---|---|",
    ]
    for name in sorted(figures.rss_peak, key=lambda name: -figures.rss_peak[name]):
        idle = figures.rss_idle.get(name, 0)
        lines.append(f"| {name} | {idle / 1024:.0f} MB | {figures.rss_peak[name] / 1024:.0f} MB |")
    return "\n".join(lines)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=positive, default=12, help="jobs sent at once (saturation)")
    parser.add_argument("--half-load-jobs", type=positive, default=12, help="jobs sent at 50%% load")
    parser.add_argument("--resubmits", type=positive, default=5, help="resubmissions of a finished job")
    parser.add_argument("--json", type=Path, help="also write every figure and job here")
    parser.add_argument("--redis-db", type=int, default=12, help="an empty Redis database for the broker")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds any one wait may take")
    args = parser.parse_args()

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)  # so that the teardown runs
    cores, cpu = machine()
    figures = Figures(cores, cpu, os.getloadavg(), random.SystemRandom().randrange(1, 2**48))
    try:
        with cluster(args.redis_db) as bench:
            measure(bench, args, figures)
    except LoadError as error:
        sys.exit(f"load.py: error: {error}")
    print(report(figures))
    if args.json is not None:
        args.json.write_text(json.dumps(figures.as_dict(), indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
