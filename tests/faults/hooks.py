"""Faults switched on from outside a worker, loaded into every worker with ``--include tests.faults.hooks``.

The fault tests restart Redis, PostgreSQL and the store under the workers, so the switches cannot
live in any of them: a flag is a plain file in the folder named by ``MAESTRO_FAULT_FLAGS``, which
the test process creates and removes (:meth:`tests.faults.cluster.FaultCluster.flag`).

Nothing of Maestro is replaced, only wrapped: the four header stages (``workers.tasks.STAGE_RUNS``),
the GDD parser (``maestro.gdd.parse_gdd``) and the build (``maestro.stages.build.run``). The tasks
look these up at call time, so the wrappers run inside the real tasks, with the real retries and
state recording around them. Before calling the real function a wrapper obeys these flags:

* ``slow-<stage>`` or ``slow-<stage>-<job_id>``: sleep the seconds written in the file (a float;
  5 when empty or unreadable), so a test can kill a worker or a service mid-stage.
* ``raise-once-<stage>``: raise on the first call of the stage for each job (the marker file
  ``raised-<stage>-<job_id>`` records that it did): ``ConnectionError`` (which Maestro retries)
  when the flag holds ``transient``, else ``RuntimeError`` (which fails the job).

A flag that cannot be read counts as absent: a fault switch must never be a fault of its own.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import celery

import maestro.gdd
import maestro.stages.build
from workers import tasks

log = logging.getLogger(__name__)

#: Environment variable naming the flags folder; unset means no fault is ever injected.
FLAGS_ENV = "MAESTRO_FAULT_FLAGS"
#: Seconds a ``slow-*`` flag sleeps when it does not say how long.
DEFAULT_SLOW_SECONDS = 5.0
#: Attribute set on a wrapper, so loading this module twice never wraps a wrapper.
WRAPPED = "__fault_wrapped__"

Function = TypeVar("Function", bound=Callable[..., Any])


def flags_dir() -> Path | None:
    """The flags folder, read on every call so a test may point a running worker nowhere by deleting it."""
    folder = os.environ.get(FLAGS_ENV)
    return Path(folder) if folder else None


def read_flag(name: str) -> str | None:
    """The content of flag ``name`` (stripped), or None if it does not exist or cannot be read."""
    folder = flags_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def current_job_id() -> str:
    """The job id of the task this process is running: ``job_id`` by keyword, else the first argument.

    Parse gets its job id positionally, the stages and the build by keyword (their first argument is
    the previous step's result). Outside a task (an embedded run, a unit test) it is ``"none"``.
    """
    request = getattr(celery.current_task, "request", None)
    if request is None:
        return "none"
    kwargs = getattr(request, "kwargs", None) or {}
    args = getattr(request, "args", None) or ()
    job_id = kwargs.get("job_id") if isinstance(kwargs, dict) else None
    if job_id is None and args:
        job_id = args[0]
    return job_id if isinstance(job_id, str) and job_id else "none"


def _slow_seconds(text: str) -> float:
    try:
        seconds = float(text) if text else DEFAULT_SLOW_SECONDS
    except ValueError:
        return DEFAULT_SLOW_SECONDS
    return max(0.0, seconds)


def _first_call(stage: str, job_id: str) -> bool:
    """True once per (stage, job): the marker file is created atomically, so a redelivery sees it."""
    folder = flags_dir()
    if folder is None:
        return False
    try:
        descriptor = os.open(folder / f"raised-{stage}-{job_id}", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except OSError:
        return False
    os.close(descriptor)
    return True


def before(stage: str) -> None:
    """Obey the flags for ``stage``: sleep and/or raise, as the module docstring describes."""
    job_id = current_job_id()
    slow = read_flag(f"slow-{stage}-{job_id}")
    if slow is None:
        slow = read_flag(f"slow-{stage}")
    if slow is not None:
        seconds = _slow_seconds(slow)
        log.warning("fault: %s of job %s sleeps %.1f s", stage, job_id, seconds)
        time.sleep(seconds)
    kind = read_flag(f"raise-once-{stage}")
    if kind is not None and _first_call(stage, job_id):
        log.warning("fault: %s of job %s raises (%s)", stage, job_id, kind or "permanent")
        if kind == "transient":
            raise ConnectionError(f"injected transient failure in {stage}")
        raise RuntimeError(f"injected failure in {stage}")


def wrap(stage: str, real: Function) -> Function:
    """``real`` with the faults of ``stage`` in front of it; ``real`` itself if it is wrapped already."""
    if getattr(real, WRAPPED, False):
        return real

    @functools.wraps(real)
    def run(*args: Any, **kwargs: Any) -> Any:
        before(stage)
        return real(*args, **kwargs)

    setattr(run, WRAPPED, True)
    return run  # type: ignore[return-value]


def install() -> None:
    """Wrap the stages, the parser and the build in this process (idempotent)."""
    for stage, real in list(tasks.STAGE_RUNS.items()):
        tasks.STAGE_RUNS[stage] = wrap(stage, real)
    maestro.gdd.parse_gdd = wrap("parse", maestro.gdd.parse_gdd)
    maestro.stages.build.run = wrap("build", maestro.stages.build.run)


install()
log.info("fault hooks installed; flags in %s", flags_dir())
