"""The pipeline's figures, run by hand: ``.venv/bin/python benchmarks/pipeline.py [--jobs N]``.

1. The embedded ``maestro run`` wall time on a standard 3-level GDD (examples/gdd/rooftop_run.txt).
2. A cluster job's wall time against its critical path (parse + the slowest of the four stages +
   build, from the stage rows): what the queues and the broker add.
3. N jobs submitted at once: their total wall time against the ideal for this machine's cores
   (all the stages' seconds divided by the core count).

It brings up its own cluster with the Procfile under honcho: Redis (database 13) and PostgreSQL
on 127.0.0.1 as scripts/services.sh starts them, and moto's S3 server from PyPI. Prints Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GDD = ROOT / "examples" / "gdd" / "rooftop_run.txt"
REDIS = "redis://127.0.0.1:6379/13"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def embedded(repeat: int) -> float:
    runs = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([str(BIN / "maestro"), "run", str(GDD), "-o", out], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def submit(env: dict[str, str]) -> str:
    done = subprocess.run([str(BIN / "maestro"), "submit", str(GDD), "--id", str(uuid.uuid4())], env=env, check=True,
                          capture_output=True, text=True, cwd=ROOT)
    return done.stdout.split()[0]


def finished(env: dict[str, str], job_id: str) -> dict[str, object]:
    while True:
        done = subprocess.run([str(BIN / "maestro"), "status", job_id, "--json"], env=env, capture_output=True,
                              text=True, cwd=ROOT)
        job = json.loads(done.stdout)
        if job["status"] in ("succeeded", "failed", "cancelled"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.3)


def seconds(job: dict[str, object]) -> tuple[float, float, float]:
    """Wall time, critical path, and the sum of every stage's time, for one finished job."""
    from datetime import datetime

    stages = {s["stage"]: s for s in job["stages"]}  # type: ignore[attr-defined]
    wall = (datetime.fromisoformat(str(job["finished_at"])) - datetime.fromisoformat(str(job["created_at"])))
    header = max(stages[name]["duration_seconds"] for name in ("codex", "canvas", "sonata", "labyrinth"))
    critical = stages["parse"]["duration_seconds"] + header + stages["build"]["duration_seconds"]
    work = sum(s["duration_seconds"] for s in stages.values())
    return wall.total_seconds(), critical, work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"| embedded `maestro run` ({GDD.name}, 3 levels), median of {args.repeat} | {embedded(args.repeat):.2f} s |")

    name = f"maestro_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    database = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    s3_port, flower_port = free_port(), free_port()
    moto = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    settings = {"MAESTRO_BROKER_URL": REDIS, "MAESTRO_RESULT_BACKEND": REDIS, "MAESTRO_DATABASE_URL": database,
                "MAESTRO_STORE_URL": f"s3://bench:bench@127.0.0.1:{s3_port}/maestro-bench?secure=false",
                "MAESTRO_FLOWER_PORT": str(flower_port), "MAESTRO_FLOWER_USER": "bench",
                "MAESTRO_FLOWER_PASSWORD": "bench"}
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}, **settings,
           "PATH": f"{BIN}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    subprocess.run([str(BIN / "maestro"), "db", "upgrade"], env=env, check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as folder:
        env_file = Path(folder) / ".env"
        env_file.write_text("".join(f"{k}={v}\n" for k, v in settings.items()), encoding="utf-8")
        honcho = subprocess.Popen([str(BIN / "honcho"), "-e", str(env_file), "-f", str(ROOT / "Procfile"), "-d",
                                   str(ROOT), "start"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            time.sleep(10)
            finished(env, submit(env))  # warm up: every worker has imported its stage
            wall, critical, _ = seconds(finished(env, submit(env)))
            print(f"| one cluster job: wall / critical path (parse + slowest stage + build) "
                  f"| {wall:.2f} s / {critical:.2f} s |")
            start = time.perf_counter()
            with ThreadPoolExecutor(args.jobs) as pool:
                ids = list(pool.map(lambda _: submit(env), range(args.jobs)))
                jobs = list(pool.map(lambda job_id: finished(env, job_id), ids))
            total = time.perf_counter() - start
            work = sum(seconds(job)[2] for job in jobs)
            cores = os.cpu_count() or 1
            print(f"| {args.jobs} jobs at once: wall / ideal for {cores} cores (all stage seconds / cores) "
                  f"| {total:.2f} s / {work / cores:.2f} s ({args.jobs / total * 60:.1f} jobs/min) |")
        finally:
            os.killpg(honcho.pid, signal.SIGTERM)
            honcho.wait(timeout=30)
            moto.terminate()
            with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
