"""The embedded mode's header stages side by side: forked processes work ahead of the eager tasks.

The embedded mode runs the Celery canvas eagerly, one task after another in one process, so on a
laptop with two or more cores the four header stages (codex, canvas, sonata, labyrinth) kept all
but one core idle. When the first of a job's header stages starts, :class:`StagesAhead` forks a
process for each of the others, which computes that stage's output into the same local store and
sends back its manifest; when the eager task for that stage runs, it takes the manifest instead of
computing it. The tasks, their order, their state rows and their files are what they were without
it: only where the work happens moved. Anything unusual (no ``fork`` on this platform, a child
that fails, dies or does not answer in time) falls back to computing in place, so a stage's error
is raised where it always was, with its own type and traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from maestro.manifest import StageManifest
from maestro.spec import GameSpec
from maestro.store import LocalStore, Store

StageRunner = Callable[[GameSpec, int, Store, str], StageManifest]
#: How long a task waits for its stage's process before computing the stage in place.
WAIT_SECONDS = 300.0


def available(store: Store) -> bool:
    """Whether stages can work ahead here: Linux's ``fork`` (cheap, and safe for this single-threaded
    work), a local store (a forked process must not share an S3 client's sockets), and not turned off
    with ``MAESTRO_EMBEDDED_PARALLEL=0``."""
    return (sys.platform.startswith("linux") and isinstance(store, LocalStore)
            and os.environ.get("MAESTRO_EMBEDDED_PARALLEL", "1") != "0" and (os.cpu_count() or 1) > 1)


@dataclass
class StagesAhead:
    """Runs a job's header stages ahead in forked processes; :meth:`run` is what a stage task calls."""

    stages: Sequence[str]
    #: The stage's function by name, looked up when a stage runs (so a test's replacement is used).
    runner: Callable[[str], StageRunner]
    #: The store prefix of a job's stage: ``prefix(job_id, stage)``.
    prefix: Callable[[str, str], str]
    _pending: dict[tuple[str, str], tuple[BaseProcess, Connection]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    def run(self, job_id: str, stage: str, spec: GameSpec, seed: int, store: Store) -> StageManifest:
        """``stage``'s manifest for the job: from the process that worked ahead, or computed here."""
        if job_id not in self._started:
            self._started.add(job_id)
            self._fork(job_id, [other for other in self.stages if other != stage], spec, seed, store)
        pending = self._pending.pop((job_id, stage), None)
        if pending is not None:
            manifest = _collect(*pending)
            if manifest is not None:
                return manifest
        return self.runner(stage)(spec, seed, store, self.prefix(job_id, stage))

    def close(self) -> None:
        """Stop any process still working (a job cancelled or failed before its stages ran)."""
        for process, connection in self._pending.values():
            connection.close()
            if process.is_alive():
                process.terminate()
            process.join(timeout=5)
        self._pending.clear()

    def _fork(self, job_id: str, stages: list[str], spec: GameSpec, seed: int, store: Store) -> None:
        context = multiprocessing.get_context("fork")
        for stage in stages:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_work, daemon=True, name=f"maestro-{stage}",
                                      args=(send, self.runner(stage), spec, seed, store, self.prefix(job_id, stage)))
            try:
                process.start()
            except OSError:
                receive.close()
                send.close()
                return  # no more processes to be had: the rest run in place
            send.close()
            self._pending[(job_id, stage)] = (process, receive)


def _work(send: Connection, run: StageRunner, spec: GameSpec, seed: int, store: Store, prefix: str) -> None:
    """In the forked process: compute the stage and send its manifest (or nothing, on any failure)."""
    try:
        payload = pickle.dumps(run(spec, seed, store, prefix))
    except BaseException:  # the task computes the stage again in place, and raises there
        payload = b""
    try:
        send.send_bytes(payload)
    finally:
        send.close()


def _collect(process: BaseProcess, receive: Connection) -> StageManifest | None:
    """The manifest a forked process sent, or None when it failed, died or took too long."""
    try:
        if not receive.poll(WAIT_SECONDS):
            return None
        payload = receive.recv_bytes()
        result: Any = pickle.loads(payload) if payload else None
        return result if isinstance(result, StageManifest) else None
    except (EOFError, OSError, pickle.UnpicklingError):
        return None
    finally:
        receive.close()
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
