"""Where the gateway's jobs go: a Maestro cluster, or this very process (the embedded mode).

Both backends answer the same questions the same way (:class:`Backend`): submit a GDD, read a job
and its build, cancel, retry, and say whether what they need answers. Jobs are always read from
the job database with this module's own session factory, never through :mod:`workers.context`,
which the embedded mode's runs replace as they go.

Submitting is the same path as every other way in: the cluster backend sends ``maestro.submit``
through :class:`maestro_app.client.Client`; the embedded backend hands the GDD to
:func:`workers.embedded.run_job` on its one worker thread, which sends the same task eagerly. The
embedded backend records the job as queued first (with the id its submit task will make), so the
caller gets the id at once and can watch, cancel or list the job before it starts.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from maestro.db import repository
from maestro.db.models import Base, Job
from maestro.db.session import make_engine, ping, session_factory, session_scope
from maestro.errors import InputError, MaestroError
from maestro.pipeline import STAGES
from maestro.settings import Settings
from maestro.store import LocalStore, Store

log = logging.getLogger(__name__)

T = TypeVar("T")
Check = tuple[str, bool, str]
Mode = Literal["embedded", "cluster"]

#: Seconds the cluster's submit task gets to answer with the job id.
SUBMIT_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Accepted:
    """A submission's answer: the job, where it stands, and whether it was already there."""

    job_id: str
    status: str
    duplicate: bool = False
    error: str | None = None


class Backend(Protocol):
    mode: Mode
    store: Store

    def submit(self, text: str, title: str | None, seed: int | None, submission_id: str | None) -> Accepted: ...
    def read(self, work: Callable[[Session], T]) -> T: ...
    def cancel(self, job_id: str) -> int: ...
    def retry(self, job_id: str) -> list[str]: ...
    def checks(self) -> list[Check]: ...
    def close(self) -> None: ...


class _Reader:
    """Reads (and the embedded mode's few writes) on the job database, with a session factory of our own."""

    def __init__(self, database_url: str) -> None:
        self.engine = make_engine(database_url)
        self.factory: sessionmaker[Session] = session_factory(self.engine)

    def read(self, work: Callable[[Session], T]) -> T:
        with session_scope(self.factory) as session:
            return work(session)


def _job(session: Session, job_id: str) -> Job:
    """The job with exactly this id (never a prefix: the gateway takes whole ids only)."""
    found = session.get(Job, job_id)
    if found is None:
        raise repository.JobNotFoundError(f"no job {job_id}")
    return found


# --- the cluster --------------------------------------------------------------------------------


class ClusterBackend(_Reader):
    """A Maestro cluster: submits through the broker, reads PostgreSQL and the cluster's store."""

    mode: Mode = "cluster"

    def __init__(self, config: Settings) -> None:
        from maestro_app.client import Client

        assert config.database_url is not None and config.broker_url is not None
        super().__init__(config.database_url.get_secret_value())
        self.config = config
        self.store = config.make_store()
        self.client = Client(config.broker_url, config.result_backend)

    def submit(self, text: str, title: str | None, seed: int | None, submission_id: str | None) -> Accepted:
        sent = self.client.submit(text, title=title, seed=seed, submission_id=submission_id, source="api",
                                  timeout=SUBMIT_TIMEOUT_SECONDS)
        return Accepted(sent.job_id, sent.status, sent.duplicate, sent.error)

    def cancel(self, job_id: str) -> int:
        from workers.tasks import cancel_job

        self.read(lambda session: _job(session, job_id))
        return len(cancel_job(job_id))

    def retry(self, job_id: str) -> list[str]:
        from workers.tasks import retry_job

        self.read(lambda session: _job(session, job_id))
        return retry_job(job_id)

    def checks(self) -> list[Check]:
        from maestro_app.doctor import checks

        return [check for check in checks(self.config) if check[0] in ("broker", "database", "store")]

    def close(self) -> None:
        self.engine.dispose()


# --- the embedded mode --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    """One job for the worker thread: a new submission (``text`` set) or a retry of its stages."""

    job_id: str
    task_id: str | None = None
    text: str | None = None
    title: str | None = None
    seed: int | None = None


class EmbeddedBackend(_Reader):
    """Jobs run in this process, one at a time on one thread, state in ``<data>/state.db``.

    :func:`workers.embedded.run_job` configures a process-wide context as it runs, so only this
    thread ever runs a job; the gateway's requests read the SQLite file through their own engine.
    """

    mode: Mode = "embedded"

    def __init__(self, data: Path, config: Settings | None = None) -> None:
        self.data = data
        self.database = data / "state.db"
        super().__init__(f"sqlite:///{self.database}")
        Base.metadata.create_all(self.engine)
        self.folder = data / "store"
        self.store: Store = LocalStore(self.folder)
        self.config = config or Settings()
        #: GDDs of jobs cancelled before they started, kept so that a retry can start them.
        self._parked: dict[str, _Run] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[_Run | None] = queue.Queue()
        self._end_interrupted()
        self._thread = threading.Thread(target=self._work, name="maestro-jobs", daemon=True)
        self._thread.start()

    def _end_interrupted(self) -> None:
        """Fail the jobs an earlier server left unfinished: nothing will ever run them now."""
        def fail(session: Session) -> None:
            for job in repository.unfinished_jobs(session):
                repository.mark_job(session, job.id, "failed", error="interrupted: the server stopped before the "
                                                                     "job ended; retry it or submit it again")
        self.read(fail)

    def submit(self, text: str, title: str | None, seed: int | None, submission_id: str | None) -> Accepted:
        from workers.tasks import submission_job_id

        task_id = str(uuid.uuid4())
        job_id = submission_job_id(task_id)
        data = text.encode("utf-8")

        def record(session: Session) -> tuple[str, str, bool]:
            import hashlib

            job, created = repository.create_job(
                session, job_id=job_id, title=title or "untitled", gdd_sha256=hashlib.sha256(data).hexdigest(),
                seed=seed, source="api", submission_id=submission_id)
            return job.id, job.status, created

        found, status, created = self.read(record)
        if not created or found != job_id:
            return Accepted(found, status, duplicate=True)
        self._queue.put(_Run(job_id, task_id, text, title, seed))
        return Accepted(job_id, status)

    def cancel(self, job_id: str) -> int:
        def cancel(session: Session) -> None:
            job = repository.lock_job(session, _job(session, job_id).id)
            if job.finished:
                raise InputError(f"job {job.id} already {job.status}; there is nothing to cancel")
            repository.cancel_job(session, job.id, "cancelled by request")

        with self._lock:
            self.read(cancel)
        return 0  # no Celery task to revoke: the running job's next task finds it cancelled and stops

    def retry(self, job_id: str) -> list[str]:
        """Check and reopen the job now (the caller hears at once), then run it again on the thread."""
        def reopen(session: Session) -> list[str]:
            job = _job(session, job_id)
            if not job.stages and (job.error or "").startswith("submit:"):
                raise InputError(f"job {job.id} was refused at submit; submit the GDD again")
            if job.status in ("running", "succeeded", "queued"):
                raise InputError(f"job {job.id} is {job.status}; there is nothing to retry")
            if not job.stages and job.id not in self._parked:
                raise InputError(f"job {job.id} never started and its GDD is gone; submit the GDD again")
            redo = repository.stages_to_redo(session, job.id) or ["build"]
            repository.reopen_job(session, job.id)
            return list(STAGES) if "parse" in redo else redo

        with self._lock:
            stages = self.read(reopen)
            parked = self._parked.pop(job_id, None)
        self._queue.put(parked or _Run(job_id))
        return stages

    def checks(self) -> list[Check]:
        results: list[Check] = []
        try:
            ping(self.engine)
            results.append(("database", True, f"the SQLite database {self.database}"))
        except MaestroError as error:
            results.append(("database", False, str(error)))
        try:
            self.store.exists("readyz/probe")
            results.append(("store", True, f"the folder {self.folder}"))
        except MaestroError as error:
            results.append(("store", False, str(error)))
        alive = self._thread.is_alive()
        results.append(("jobs", alive, "the job thread is running" if alive else "the job thread stopped"))
        return results

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)
        self.engine.dispose()

    # --- the worker thread ----------------------------------------------------------------------

    def _work(self) -> None:
        while (run := self._queue.get()) is not None:
            if self._status(run.job_id) == "queued":
                try:
                    self._run(run)
                except Exception as error:  # the job's end is recorded below; the thread must go on
                    log.warning("job %s ended with %s: %s", run.job_id, type(error).__name__, str(error)[:200])
                self._end_if_left(run.job_id)
            with self._lock:  # cancelled before it started: keep its GDD for a retry
                if run.text is not None and self._status(run.job_id) == "cancelled" \
                        and not self._has_stages(run.job_id):
                    self._parked[run.job_id] = run

    def _status(self, job_id: str) -> str:
        return self.read(lambda session: _job(session, job_id).status)

    def _has_stages(self, job_id: str) -> bool:
        return bool(self.read(lambda session: _job(session, job_id).stages))

    def _run(self, run: _Run) -> None:
        from workers.embedded import run_job

        if run.text is not None:
            run_job(run.text, self.store, run.job_id, run.seed, database=self.database, title=run.title,
                    llm=self._model(), stage_cache=self.config.stage_cache, task_id=run.task_id)
            return
        # A retry: the same code as `maestro retry`, run eagerly here against this folder and file.
        from workers.embedded import eager
        from workers.tasks import retry_job

        eager(self.store, f"sqlite:///{self.database}", self._model(), stage_cache=self.config.stage_cache)
        retry_job(run.job_id)

    def _model(self) -> Any:
        from maestro.llm import LLMConfig, LLMConfigError

        try:
            return LLMConfig.from_settings(self.config)
        except LLMConfigError:
            return None

    def _end_if_left(self, job_id: str) -> None:
        """A job its run left unfinished (a crash past the tasks' own recording) fails with the reason."""
        def end(session: Session) -> None:
            job = _job(session, job_id)
            if not job.finished:
                repository.mark_job(session, job.id, "failed", error="the job stopped unexpectedly; retry it")
        try:
            self.read(end)
        except MaestroError as error:
            log.warning("cannot record the end of job %s: %s", job_id, error)


def make_backend(data: Path | None, config: Settings | None = None) -> Backend:
    """The cluster when the settings name one (broker, database and store), else the embedded mode in ``data``."""
    config = config or Settings()
    if config.mode == "cluster":
        return ClusterBackend(config)
    return EmbeddedBackend(data or config.cache_path / "serve", config)


__all__: Sequence[str] = ("Accepted", "Backend", "ClusterBackend", "EmbeddedBackend", "make_backend")
