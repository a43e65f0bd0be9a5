"""The embedded mode: the very same Celery canvas as the cluster, run eagerly in this process.

On Linux with a local store the header stages' work runs side by side in forked processes while
the eager tasks take their results in order (:mod:`workers.ahead`); ``MAESTRO_EMBEDDED_PARALLEL=0``
keeps all of it in this process.

No broker and no servers: tasks run in place (``task_always_eager``), state goes to a SQLite
file and artifacts to a local folder (or any store given). ``maestro run`` and the tests use
this, so a laptop exercises exactly the code path a cluster runs. The SQLite file is new for each
run, so its tables are made straight from the models: no Alembic, which only a long-lived database
needs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from celery.signals import task_postrun, task_prerun

from maestro.cache import StageCache
from maestro.db import repository
from maestro.db.models import Base
from maestro.db.session import make_engine
from maestro.errors import InputError, MaestroError
from maestro.gdd.decode import decode_gdd
from maestro.llm import LLMConfig
from maestro.manifest import StageManifest
from maestro.pipeline import HEADER_STAGES, job_seed, stage_prefix
from maestro.spec import GameSpec
from maestro.store import Store
from workers import ahead, tasks
from workers.app import app
from workers.context import Context, configure

Progress = Callable[[str, str], None]


class StageError(MaestroError):
    """A stage failed; ``stage`` names it."""

    def __init__(self, stage: str, error: str) -> None:
        super().__init__(f"stage {stage} failed: {error}")
        self.stage = stage


@dataclass(frozen=True)
class Job:
    id: str
    spec: GameSpec
    seed: int
    manifests: dict[str, StageManifest]
    build: StageManifest


def eager(store: Store, database_url: str, llm: LLMConfig | None = None, llm_cache: Store | None = None,
          stage_cache: bool = False) -> Context:
    """Run this process's tasks in place against ``store`` and the database at ``database_url``.

    Eager tasks hand their results over in memory: no result backend to import or reach.
    ``stage_cache`` keeps the stage cache (:mod:`maestro.cache`) in ``store``.
    """
    ctx = configure(store, database_url, llm, llm_cache)
    ctx.cache = StageCache(store) if stage_cache else None
    app.conf.update(task_always_eager=True, task_eager_propagates=True, task_store_eager_result=False,
                    result_backend="cache+memory://")
    return ctx


def run_job(gdd: str | bytes, store: Store, job_id: str = "local", seed: int | None = None,
            progress: Progress = lambda stage, status: None, database: Path | None = None,
            title: str | None = None, llm: LLMConfig | None = None, llm_cache: Store | None = None,
            stage_cache: bool = False, task_id: str | None = None) -> Job:
    """Submit ``gdd`` (the document's text, or a file's bytes) and run the whole canvas here.

    Bad input raises :class:`~maestro.errors.InputError`; a failed stage a :class:`StageError`.
    ``job_id`` is informational: jobs get fresh ids, as in the cluster. ``title`` (the file's name)
    titles a GDD whose text names none, as a submitted title does in the cluster. ``llm`` is the
    model parse may ask (none by default), ``llm_cache`` where its answers are kept between runs.
    ``stage_cache`` reuses the files of an earlier job in ``store`` that asked a stage for the same
    thing (:mod:`maestro.cache`); it is off by default, since ``maestro run`` uses a new store each time.
    ``task_id`` is the submit task's id: the job's id is made from it
    (:func:`workers.tasks.submission_job_id`), so a caller can name the job before it runs.
    """
    text = decode_gdd(gdd) if isinstance(gdd, bytes) else gdd
    with tempfile.TemporaryDirectory(prefix="maestro-state-") as scratch:
        url = f"sqlite:///{database or Path(scratch) / 'state.db'}"
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        ctx = eager(store, url, llm, llm_cache, stage_cache)
        # The header stages side by side on a machine with cores to spare (a cache hit needs no fork).
        if ahead.available(store) and not stage_cache:
            ctx.ahead = ahead.StagesAhead(HEADER_STAGES, lambda stage: tasks.STAGE_RUNS[stage], stage_prefix)

        def started(task: Any = None, **_: Any) -> None:
            if task.name != "maestro.submit":  # submit holds the whole run: report the stages inside it
                progress(task.name.removeprefix("maestro."), "started")

        def finished(task: Any = None, state: str | None = None, **_: Any) -> None:
            if state == "SUCCESS" and task.name != "maestro.submit":
                progress(task.name.removeprefix("maestro."), "done")

        task_prerun.connect(started, weak=False)
        task_postrun.connect(finished, weak=False)
        try:
            reply = tasks.submit.apply(
                kwargs={"gdd": text, "seed": seed, "source": "embedded", "title": title}, task_id=task_id).get(
                disable_sync_subtasks=False)
        except InputError:
            raise
        except Exception as error:
            failed = _failure(ctx)
            if failed is None:
                raise
            raise StageError(*failed) from error
        finally:
            task_prerun.disconnect(started)
            task_postrun.disconnect(finished)
            if ctx.ahead is not None:
                ctx.ahead.close()
                ctx.ahead = None
        if reply.get("status") == "failed":
            raise InputError(str(reply.get("error")))
        with ctx.session() as session:
            job = repository.get_job(session, reply["job_id"])
            outputs = repository.stage_outputs(session, job.id)
            spec = GameSpec.model_validate(job.spec)
            return Job(job.id, spec, job_seed(job.seed, spec.seed),
                       {name: StageManifest.model_validate(outputs[name]) for name in HEADER_STAGES},
                       StageManifest.model_validate(outputs["build"]))


def _failure(ctx: Any) -> tuple[str, str] | None:
    """The stage and reason of the job that just failed, from the database."""
    with ctx.session() as session:
        jobs = repository.list_jobs(session, "failed", limit=1)
        if not jobs or not jobs[0].error:
            return None
        stage, _, reason = jobs[0].error.partition(": ")
        return stage, reason
