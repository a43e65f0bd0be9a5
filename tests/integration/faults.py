"""Faults the integration tests switch on from outside, loaded into the workers with --include.

A Redis flag ``fault:fail:<stage>`` makes that stage raise (once, the flag is consumed);
``fault:transient:<stage>`` makes it raise an error Maestro retries (once); ``fault:slow:<stage>``
makes it sleep first, so a test can kill the worker mid-stage. A stage with a flag set misses the
stage cache, so the fault happens even for a GDD built before. The real stage runs otherwise:
nothing of Maestro is replaced, only wrapped.
"""

from __future__ import annotations

import os
import time
from typing import Any

import redis

from maestro.store import StoreUnavailableError
from workers import tasks

#: Where the flags live: Redis database 11, or the one a test module's workers are told (so modules
#: running side by side never take each other's faults).
FLAGS = redis.Redis.from_url(os.environ.get("MAESTRO_TEST_FLAGS", "redis://127.0.0.1:6379/11"))


def _wrap(stage: str, real: Any) -> Any:
    def run(*args: Any, **kwargs: Any) -> Any:
        if FLAGS.delete(f"fault:fail:{stage}"):
            raise RuntimeError(f"injected failure in {stage}")
        if FLAGS.delete(f"fault:transient:{stage}"):
            raise StoreUnavailableError(f"injected store outage in {stage}")
        if FLAGS.delete(f"fault:slow:{stage}"):
            time.sleep(8)
        return real(*args, **kwargs)

    return run


for _stage, _real in list(tasks.STAGE_RUNS.items()):
    tasks.STAGE_RUNS[_stage] = _wrap(_stage, _real)


_real_lookup = tasks._cached_manifest


def _lookup(ctx: Any, stage: str, key: str) -> Any:
    if FLAGS.exists(f"fault:fail:{stage}", f"fault:transient:{stage}", f"fault:slow:{stage}"):
        return None
    return _real_lookup(ctx, stage, key)


tasks._cached_manifest = _lookup
