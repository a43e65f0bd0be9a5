"""The pipeline's Celery tasks: short adapters that load inputs, call ``maestro``, record state.

A job is ``parse | chord(group(codex, canvas, sonata, labyrinth), build)`` (:func:`pipeline`).
Only small JSON crosses the broker: the spec from parse, the stage manifests to build. Each task
records its stage row (attempts, worker, times, outputs or error) and, when it fails for good,
fails the job with the stage named and tells whoever asked to be told. Transient errors (the
store, the database, the broker) are retried with backoff; a task redelivered after its worker
died writes the same keys with the same bytes, so it does no harm.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from importlib import import_module
from typing import Any

from celery import chain, chord, group
from celery.canvas import Signature
from celery.exceptions import Ignore
from celery.signals import task_revoked

from maestro.errors import InputError
from maestro.gdd import accept_text
from maestro.manifest import StageManifest
from maestro.pipeline import HEADER_STAGES, STAGES, gdd_key, job_seed, spec_key, stage_prefix
from maestro.spec import GameSpec
from maestro.store import Store
from workers.app import app
from workers.context import TRANSIENT, context

StageRunner = Callable[[GameSpec, int, Store, str], StageManifest]


def _lazy_stage(stage: str) -> StageRunner:
    """``maestro.stages.<stage>.run``, imported by the first task that runs it.

    A worker then loads only the stages of its own queue (the parse worker never loads NumPy or
    Pillow), and in the embedded mode a stage's reported time includes loading its code.
    """

    def run(spec: GameSpec, seed: int, store: Store, prefix: str) -> StageManifest:
        manifest: StageManifest = import_module(f"maestro.stages.{stage}").run(spec, seed, store, prefix)
        return manifest

    return run


#: What each header stage runs: ``(spec, seed, store, prefix) -> manifest``.
STAGE_RUNS: dict[str, StageRunner] = {stage: _lazy_stage(stage) for stage in HEADER_STAGES}
MAX_RETRIES = 5


def pipeline(job_id: str, stages: tuple[str, ...] = HEADER_STAGES, with_parse: bool = True) -> Signature:
    """The job's canvas, top to bottom: parse, the four stages in parallel, then build."""
    header = group(app.signature(f"maestro.{stage}", kwargs={"job_id": job_id}) for stage in stages)
    joined = chord(header, app.signature("maestro.build", kwargs={"job_id": job_id}))
    if not with_parse:
        return joined
    return chain(app.signature("maestro.parse", args=(job_id,)), joined)


@app.task(name="maestro.submit", bind=True, max_retries=MAX_RETRIES)
def submit(self: Any, gdd: str, title: str | None = None, submission_id: str | None = None,
           seed: int | None = None, notify: dict[str, str] | None = None, source: str = "celery") -> dict[str, Any]:
    """Create the job (one per ``submission_id``), store the GDD's text, start the pipeline.

    ``gdd`` is the document's text (JSON carries no bytes): checked and normalised by the same
    :func:`~maestro.gdd.accept_text` as every other way in, and stored as UTF-8. ``seed`` None
    means the spec's own seed; 0 is a seed like any other.
    """
    ctx = context()
    try:
        text: str | None = accept_text(gdd) if isinstance(gdd, str) else None
        problem = None if text is not None else f"gdd must be the document's text, not {type(gdd).__name__}"
    except InputError as error:
        text, problem = None, str(error)
    data = text.encode("utf-8") if text is not None else repr(gdd).encode("utf-8", errors="replace")
    with ctx.session() as session:
        job, created = ctx.repo.create_job(session, title=title or "untitled", gdd_sha256=hashlib.sha256(data)
                                           .hexdigest(), seed=seed, source=source,
                                           submission_id=submission_id, notify=notify)
        job_id, status = job.id, job.status
    if not created:
        return {"job_id": job_id, "status": status, "duplicate": True}
    if problem is not None:
        _fail_job(job_id, "submit", problem)
        return {"job_id": job_id, "status": "failed", "error": problem}
    try:
        ctx.store.put(gdd_key(job_id), data, "text/plain; charset=utf-8")
    except TRANSIENT as error:
        raise self.retry(exc=error, countdown=_backoff(self)) from error
    pipeline(job_id).apply_async()
    return {"job_id": job_id, "status": "queued"}


@app.task(name="maestro.parse", bind=True, max_retries=MAX_RETRIES)
def parse(self: Any, job_id: str) -> dict[str, Any]:
    """GDD -> spec; the spec (small JSON) is what the four stages receive."""

    def work() -> dict[str, Any]:
        from maestro.gdd import parse_gdd

        ctx = context()
        spec = parse_gdd(ctx.store.get(gdd_key(job_id)))
        with ctx.session() as session:
            job = ctx.repo.get_job(session, job_id)
            seed = job_seed(job.seed, spec.seed)
            ctx.repo.set_job_spec(session, job_id, spec.model_dump(mode="json"), list(spec.warnings), spec.title)
            ctx.repo.mark_job(session, job_id, "running")
        ctx.store.put(spec_key(job_id), spec.model_dump_json(indent=1).encode(), "application/json")
        _remember(job_id, spec, seed)
        return {"spec": spec.model_dump(mode="json"), "seed": seed}

    return _run(self, job_id, "parse", work)


def _stage_task(stage: str) -> Any:
    def body(self: Any, parsed: dict[str, Any] | None = None, job_id: str = "") -> dict[str, Any]:
        def work() -> dict[str, Any]:
            ctx = context()
            spec, seed = _spec_and_seed(job_id, parsed)
            manifest = STAGE_RUNS[stage](spec, seed, ctx.store, stage_prefix(job_id, stage))
            return manifest.model_dump(mode="json")

        return _run(self, job_id, stage, work)

    body.__name__ = stage
    body.__doc__ = f"The {stage} stage of one job."
    return app.task(name=f"maestro.{stage}", bind=True, max_retries=MAX_RETRIES)(body)


codex_task = _stage_task("codex")
canvas_task = _stage_task("canvas")
sonata_task = _stage_task("sonata")
labyrinth_task = _stage_task("labyrinth")


@app.task(name="maestro.build", bind=True, max_retries=MAX_RETRIES)
def build(self: Any, results: list[dict[str, Any]], job_id: str) -> dict[str, Any]:
    """Join the four manifests (from the chord, or stored ones on a retry) into the web build."""

    def work() -> dict[str, Any]:
        ctx = context()
        with ctx.session() as session:
            stored = ctx.repo.stage_outputs(session, job_id)
        manifests = {name: StageManifest.model_validate(stored[name]) for name in HEADER_STAGES if name in stored}
        for result in results or []:
            manifest = StageManifest.model_validate(result)
            manifests[manifest.stage] = manifest
        from maestro.stages import build as build_stage

        spec, seed = _spec_and_seed(job_id, None)
        built = build_stage.run(spec, seed, manifests, ctx.store, stage_prefix(job_id, "build"))
        with ctx.session() as session:
            ctx.repo.mark_job(session, job_id, "succeeded", build_key=str(built.meta["zip"]))
        _notify(job_id)
        return built.model_dump(mode="json")

    return _run(self, job_id, "build", work)


def retry_job(job_id: str) -> list[str]:
    """Run again only what failed; stages that succeeded keep their stored outputs. The stages re-run."""
    ctx = context()
    with ctx.session() as session:
        failed = ctx.repo.failed_stages(session, job_id)
        ctx.repo.reopen_job(session, job_id)
    if not failed:
        return []
    if "parse" in failed:
        pipeline(job_id).apply_async()
    elif failed == ["build"]:
        app.signature("maestro.build", args=([],), kwargs={"job_id": job_id}).apply_async()
    else:
        pipeline(job_id, tuple(stage for stage in HEADER_STAGES if stage in failed), with_parse=False).apply_async()
    return failed


def cancel_job(job_id: str) -> list[str]:
    """Revoke the job's queued and running tasks and mark it cancelled; the revoked task ids."""
    ctx = context()
    with ctx.session() as session:
        job = ctx.repo.get_job(session, job_id)
        ids = [run.task_id for run in job.stages if run.task_id and not run.finished]
        ctx.repo.cancel_job(session, job.id, "cancelled by request")
    for task_id in ids:
        app.control.revoke(task_id, terminate=True)
    return ids


#: Specs already validated in this process, by job: the four stages and the build of one job (all
#: of them, in the embedded mode) share one typed spec instead of re-validating its JSON each.
_SPECS: OrderedDict[str, tuple[GameSpec, int]] = OrderedDict()
_SPECS_KEPT = 32


def _remember(job_id: str, spec: GameSpec, seed: int) -> None:
    _SPECS[job_id] = (spec, seed)
    _SPECS.move_to_end(job_id)
    while len(_SPECS) > _SPECS_KEPT:
        _SPECS.popitem(last=False)


def _spec_and_seed(job_id: str, parsed: dict[str, Any] | None) -> tuple[GameSpec, int]:
    """The job's typed spec and seed: from this process's memory, the chord's message, or the database."""
    if job_id in _SPECS:
        return _SPECS[job_id]
    if parsed is not None and "spec" in parsed:
        spec, seed = GameSpec.model_validate(parsed["spec"]), int(parsed["seed"])
    else:
        ctx = context()
        with ctx.session() as session:
            job = ctx.repo.get_job(session, job_id)
            spec = GameSpec.model_validate(job.spec)
            seed = job_seed(job.seed, spec.seed)
    _remember(job_id, spec, seed)
    return spec, seed


def _run(task: Any, job_id: str, stage: str, work: Any) -> Any:
    """Record the stage around ``work``: started, then succeeded, retrying or failed."""
    ctx = context()
    attempt = task.request.retries + 1
    with ctx.session() as session:
        job = ctx.repo.get_job(session, job_id)
        if job.status in ("cancelled", "failed"):  # cancelled, or failed elsewhere: nothing left to do here
            raise Ignore()
        ctx.repo.stage_started(session, job_id, stage, task.request.id or "", task.request.hostname or "", attempt)
    try:
        result = work()
    except TRANSIENT as error:
        if task.request.retries < task.max_retries:
            with ctx.session() as session:
                ctx.repo.stage_failed(session, job_id, stage, _reason(error), retrying=True)
            raise task.retry(exc=error, countdown=_backoff(task)) from error
        _fail_stage(job_id, stage, error)
        raise
    except Exception as error:
        _fail_stage(job_id, stage, error)
        raise
    with ctx.session() as session:
        ctx.repo.stage_succeeded(session, job_id, stage, result if stage != "parse" else {"seed": result["seed"]})
    return result


def _fail_stage(job_id: str, stage: str, error: BaseException) -> None:
    ctx = context()
    with ctx.session() as session:
        ctx.repo.stage_failed(session, job_id, stage, _reason(error), retrying=False)
    _fail_job(job_id, stage, _reason(error))


def _fail_job(job_id: str, stage: str, reason: str) -> None:
    ctx = context()
    with ctx.session() as session:
        ctx.repo.mark_job(session, job_id, "failed", error=f"{stage}: {reason}")
    _notify(job_id)


def _notify(job_id: str) -> None:
    """Send ``{job_id, status, build}`` to the task the submitter named, if it named one."""
    ctx = context()
    with ctx.session() as session:
        job = ctx.repo.get_job(session, job_id)
        notify, status, build_key = job.notify, job.status, job.build_key
    if notify and notify.get("task"):
        app.send_task(notify["task"], kwargs={"job_id": job_id, "status": status, "build": build_key},
                      queue=notify.get("queue") or None)


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if not isinstance(error, InputError) else str(error)


def _backoff(task: Any) -> int:
    return int(min(60, 2 ** task.request.retries))


@task_revoked.connect
def _revoked(request: Any = None, terminated: bool = False, **_: Any) -> None:
    """A revoked stage task (``maestro cancel``) shows as cancelled in its row, as the job does."""
    name = getattr(getattr(request, "task", None), "name", "") or ""
    job_id = (getattr(request, "kwargs", None) or {}).get("job_id")
    stage = name.removeprefix("maestro.")
    if not job_id or stage not in STAGES:
        return
    ctx = context()
    with ctx.session() as session:
        ctx.repo.stage_cancelled(session, job_id, stage)
