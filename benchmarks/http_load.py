"""The HTTP gateway under load, run by hand: ``.venv/bin/python benchmarks/http_load.py [--clients N]
[--pairs K] [--json out.json]``.

It brings up its own cluster as benchmarks/load.py does (the Procfile under honcho, so the gateway
is the Procfile's ``web`` process, a fresh PostgreSQL database, moto's S3 server), warms it up, then:

1. Gateway overhead on a job's wall time: K pairs, interleaved, of the same kind of job sent two
   ways: by name to ``maestro.submit`` (as another service does) and as ``POST /api/jobs``. Wall
   time = from just before sending to the job's recorded ``finished_at`` (both watched the same
   way, a light query on PostgreSQL every 20 ms, so polling loads neither way). Each pair is run twice: with
   new seeds (a full job, whose own spread is tens of ms) and as resubmissions of a built GDD and
   seed (every stage a cache hit: a job of about 80 ms, where a few ms show). Overhead = the
   median of the HTTP walls minus the median of the direct walls.
2. Latency under load: N clients at once, from a separate process, each submitting one job over
   HTTP (new seeds) and polling its status every 100 ms until it ends: p50/p95 of the
   ``POST /api/jobs`` and ``GET /api/jobs/{id}`` requests.

Prints Markdown (and writes every measure with ``--json``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import FINAL, GDD, Cluster, Jobs, LoadError, client, cluster, machine, percentile, send, step

POLL = 0.02
CLIENT_POLL = 0.1


def http(method: str, url: str, body: dict[str, Any] | None = None, timeout: float = 60) -> tuple[float, Any]:
    """One request: (seconds it took, the JSON answer)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.loads(response.read())
    return time.perf_counter() - start, answer


def finished_wall(jobs: Jobs, submission_id: str, sent: float, timeout: float) -> float:
    """Seconds from ``sent`` (Unix time) to the job's recorded end, once it succeeded.

    The end is the job row's ``finished_at``, not when a poll saw it, and the poll is a light query
    every 20 ms on the database: how often a client looks must not weigh on either way.
    """
    while (status := jobs.status(submission_id)) != "succeeded":
        if status in FINAL or time.time() - sent > timeout:
            raise LoadError(f"job {submission_id} {status}")
        time.sleep(POLL)
    row = jobs.connection.execute("SELECT extract(epoch FROM finished_at) FROM jobs WHERE submission_id = %s",
                                  (submission_id,)).fetchone()
    assert row is not None
    return float(row[0]) - sent


def direct_wall(bench: Cluster, jobs: Jobs, gdd: str, seed: int, timeout: float) -> float:
    app = client(bench.broker)
    try:
        submission_id = f"direct-{uuid.uuid4()}"
        sent = time.time()
        send(app, gdd, submission_id, seed)
        return finished_wall(jobs, submission_id, sent, timeout)
    finally:
        app.close()


def http_wall(bench: Cluster, jobs: Jobs, gdd: str, seed: int, timeout: float) -> float:
    submission_id = f"http-{uuid.uuid4()}"
    sent = time.time()
    http("POST", f"{bench.web}/api/jobs", {"gdd": gdd, "seed": seed, "submission_id": submission_id})
    return finished_wall(jobs, submission_id, sent, timeout)


def client_main(web: str, gdd: str, seeds: Sequence[int], out: multiprocessing.Queue[Any]) -> None:
    """N clients at once (threads of this separate process): submit, then poll until the job ends."""
    submits: list[float] = []
    polls: list[float] = []
    lock = threading.Lock()

    def one(seed: int) -> None:
        took, answer = http("POST", f"{web}/api/jobs", {"gdd": gdd, "seed": seed})
        mine = []
        while True:
            seconds, job = http("GET", f"{web}/api/jobs/{answer['job_id']}")
            mine.append(seconds)
            if job["status"] in FINAL:
                break
            time.sleep(CLIENT_POLL)
        with lock:
            submits.append(took)
            polls.extend(mine)

    try:
        with ThreadPoolExecutor(max_workers=len(seeds)) as pool:
            list(pool.map(one, seeds))
        out.put({"submits": submits, "polls": polls})
    except Exception as error:  # the parent reports it
        out.put({"error": f"{type(error).__name__}: {error}"})


def wait_ready(web: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            http("GET", f"{web}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise LoadError(f"the gateway at {web} did not answer /healthz")


def measure(bench: Cluster, args: argparse.Namespace) -> dict[str, Any]:
    gdd = GDD.read_text(encoding="utf-8")
    seeds = iter(range(args.base_seed, args.base_seed + 10_000))
    jobs = Jobs(bench)
    try:
        wait_ready(bench.web)
        step("warm-up: a job each way")
        built = next(seeds)
        http_wall(bench, jobs, gdd, built, args.timeout)
        direct_wall(bench, jobs, gdd, next(seeds), args.timeout)
        walls: dict[str, dict[str, list[float]]] = {"full": {"direct": [], "http": []},
                                                    "cached": {"direct": [], "http": []}}
        def wall(way: str, seed: int) -> float:
            if way == "direct":
                return direct_wall(bench, jobs, gdd, seed, args.timeout)
            return http_wall(bench, jobs, gdd, seed, args.timeout)

        step(f"1. gateway overhead: {args.pairs} interleaved pairs, full jobs and cache hits")
        for index in range(args.pairs):
            for way in ("direct", "http") if index % 2 == 0 else ("http", "direct"):
                walls["full"][way].append(wall(way, next(seeds)))
                walls["cached"][way].append(wall(way, built))
        step(f"2. {args.clients} clients at once, each submitting a job and polling its status")
        out: multiprocessing.Queue[Any] = multiprocessing.get_context("spawn").Queue()
        process = multiprocessing.get_context("spawn").Process(
            target=client_main, args=(bench.web, gdd, [next(seeds) for _ in range(args.clients)], out))
        process.start()
        result = out.get(timeout=args.timeout)
        process.join(timeout=30)
        if "error" in result:
            raise LoadError(f"the clients failed: {result['error']}")
    finally:
        jobs.close()
    return {"walls": walls, "submits": result["submits"], "polls": result["polls"]}


def report(found: dict[str, Any], clients: int, pairs: int) -> str:
    cores, cpu = machine()
    lines = [f"Machine: {cores} cores, {cpu}. GDD: {GDD.name}.", "", "| figure | value |", "|---|---|"]
    for kind, label in (("full", "a full job (new seed)"), ("cached", "a resubmission (every stage a cache hit)")):
        direct, over_http = (statistics.median(found["walls"][kind][way]) for way in ("direct", "http"))
        lines.append(f"| {label}, median of {pairs}: by name / over HTTP / the gateway's share "
                     f"| {direct * 1000:.0f} ms / {over_http * 1000:.0f} ms / {(over_http - direct) * 1000:+.0f} ms |")
    for name, key in (("POST /api/jobs", "submits"), ("GET /api/jobs/{id}", "polls")):
        values = found[key]
        lines.append(f"| {clients} clients at once: {name}, p50 / p95 of {len(values)} "
                     f"| {percentile(values, 50) * 1000:.0f} ms / {percentile(values, 95) * 1000:.0f} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.base_seed = random.randrange(1, 2**48)
    with cluster(args.redis_db) as bench:
        found = measure(bench, args)
    print(report(found, args.clients, args.pairs))
    if args.json:
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
