"""Faults the integration tests switch on from outside, loaded into the workers with --include.

A Redis flag ``fault:fail:<stage>`` makes that stage raise (once, the flag is consumed);
``fault:slow:<stage>`` makes it sleep first, so a test can kill the worker mid-stage. The real
stage runs otherwise: nothing of Maestro is replaced, only wrapped.
"""

from __future__ import annotations

import time
from typing import Any

import redis

from workers import tasks

FLAGS = redis.Redis.from_url("redis://127.0.0.1:6379/11")


def _wrap(stage: str, real: Any) -> Any:
    def run(*args: Any, **kwargs: Any) -> Any:
        if FLAGS.delete(f"fault:fail:{stage}"):
            raise RuntimeError(f"injected failure in {stage}")
        if FLAGS.delete(f"fault:slow:{stage}"):
            time.sleep(8)
        return real(*args, **kwargs)

    return run


for _stage, _real in list(tasks.STAGE_RUNS.items()):
    tasks.STAGE_RUNS[_stage] = _wrap(_stage, _real)
