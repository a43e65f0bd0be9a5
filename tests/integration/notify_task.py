"""A stand-in for another service's task that Maestro notifies: it records what it heard in Redis."""

from __future__ import annotations

import json

import redis

from workers.app import app


@app.task(name="tests.notified")
def notified(job_id: str, status: str, build: str | None) -> None:
    redis.Redis.from_url("redis://127.0.0.1:6379/11").rpush(
        f"notified:{job_id}", json.dumps({"status": status, "build": build}))
