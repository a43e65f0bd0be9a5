"""The pipeline's Celery tasks: short adapters that check inputs, call ``maestro``, record state.

A job is ``parse | chord(group(codex, canvas, sonata, labyrinth), build)`` (:func:`pipeline`).
Only small JSON crosses the broker: the spec from parse, the stage manifests to build.

Every task is callable by name by anyone who can reach the broker, so each one takes
``*args, **kwargs`` and checks them with its model from :mod:`maestro.submission` before using
any of them: a bad argument (a wrong type, a seed out of range, an unknown keyword) is refused
with a one-line reason and a failed job, never a raw exception with no job, nor a bad value in
the database.

Each task records its stage row (attempts, worker, times, outputs or error). Errors are classed:
transient ones (:data:`~workers.context.TRANSIENT`: the store, the database or the broker did not
answer) are retried with backoff; any other fails the stage and the job at once, in one
transaction, so the job's status and its stage rows always agree. Whoever asked to be told is
told afterwards, at most once per ending and within a bounded time; a notification that cannot
be sent is recorded on the job and changes nothing else. A task redelivered after its worker died
writes the same keys with the same bytes, so it does no harm.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from importlib import import_module
from typing import Any, TypeVar

from celery import chain, chord, group
from celery.canvas import Signature
from celery.exceptions import Ignore
from celery.signals import task_revoked

from maestro.db.repository import JobNotFoundError
from maestro.errors import ArgumentError, InputError, MaestroError
from maestro.gdd import accept_text, decode_gdd
from maestro.manifest import StageManifest
from maestro.pipeline import HEADER_STAGES, STAGES, gdd_key, job_seed, spec_key, stage_prefix
from maestro.spec import GameSpec
from maestro.store import Store, StoreError
from maestro.submission import (
    BuildArgs,
    ParseArgs,
    ParsedSpec,
    StageArgs,
    SubmitArgs,
    TaskArguments,
    content_sha256,
    salvage,
)
from workers.app import app
from workers.context import TRANSIENT, context

log = logging.getLogger(__name__)

StageRunner = Callable[[GameSpec, int, Store, str], StageManifest]
Arguments = TypeVar("Arguments", bound=TaskArguments)


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
#: Seconds a notification may wait for the broker, per attempt: telling the submitter must never
#: hold a finished job's worker for long.
NOTIFY_TIMEOUT_SECONDS = 5.0
#: One quick second attempt at a notification, then it is recorded as not sent.
NOTIFY_RETRY_POLICY: dict[str, float] = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.5,
                                         "interval_max": 1.0}
#: Where a notification goes when the submitter named no queue: Celery's own default queue, which
#: the submitter's workers consume unless configured otherwise (not Maestro's default queue).
DEFAULT_NOTIFY_QUEUE = "celery"
#: Longest reason recorded for a failure: its first line is what a person reads.
REASON_MAX = 1000
#: Namespace of the job ids made from submit task ids: a retried or redelivered ``maestro.submit``
#: (same task id) finds the job its first attempt created instead of making a second one.
_SUBMISSIONS = uuid.UUID("6d616573-7472-6f2e-7375-626d69743031")


def pipeline(job_id: str, stages: tuple[str, ...] = HEADER_STAGES, with_parse: bool = True) -> Signature:
    """The job's canvas, top to bottom: parse, the four stages in parallel, then build."""
    header = group(app.signature(f"maestro.{stage}", kwargs={"job_id": job_id}) for stage in stages)
    joined = chord(header, app.signature("maestro.build", kwargs={"job_id": job_id}))
    if not with_parse:
        return joined
    return chain(app.signature("maestro.parse", args=(job_id,)), joined)


# --- submit -------------------------------------------------------------------------------------


@app.task(name="maestro.submit", bind=True, max_retries=MAX_RETRIES)
def submit(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Create the job (one per ``submission_id``), store the GDD's text, start the pipeline.

    The arguments are :class:`~maestro.submission.SubmitArgs`; they arrive as ``*args, **kwargs``
    so that an unknown keyword reaches the check and is refused by name, instead of Celery raising
    ``TypeError`` before any job exists. ``gdd`` (text or bytes) then passes the same checks as a
    file (:mod:`maestro.gdd`). Anything refused still makes a job, failed with the reason, and the
    reply says so: ``{"job_id", "status": "failed", "error"}``.
    """
    job_id = _submission_job_id(self)
    try:
        return _submit(job_id, args, kwargs)
    except TRANSIENT as error:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=_backoff(self)) from error
        return _give_up(job_id, error)


def _submit(job_id: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """Check, record, store, launch. A second attempt (a retry, a redelivery) resumes the first one's job.

    Transient errors propagate for `submit` to retry; everything else ends in a reply.
    """
    try:
        call = SubmitArgs.from_call(args, kwargs)
        text = gdd_text(call.gdd)
    except InputError as refusal:
        return _refused(job_id, args, kwargs, str(refusal))
    data = text.encode("utf-8")
    ctx = context()
    with ctx.session() as session:
        job, created = ctx.repo.create_job(
            session, job_id=job_id, title=call.title or "untitled", gdd_sha256=hashlib.sha256(data).hexdigest(),
            seed=call.seed, source=call.source, submission_id=call.submission_id,
            notify=call.notify.model_dump() if call.notify else None)
        status, launched = job.status, bool(job.stages)
    if job.id != job_id:
        return {"job_id": job.id, "status": status, "duplicate": True}
    if not created and (status != "queued" or launched):  # this very submission, already under way
        return {"job_id": job_id, "status": status}
    try:
        ctx.store.put(gdd_key(job_id), data, "text/plain; charset=utf-8")
    except StoreError as error:
        if isinstance(error, TRANSIENT):
            raise
        return _fail_submission(job_id, f"cannot store the GDD: {_reason(error)}")
    pipeline(job_id).apply_async()
    return {"job_id": job_id, "status": "queued"}


def gdd_text(gdd: str | bytes) -> str:
    """The GDD's text by the checks a file passes (both check the size before any copy)."""
    return decode_gdd(gdd) if isinstance(gdd, bytes) else accept_text(gdd)


def _refused(job_id: str, args: Sequence[Any], kwargs: Mapping[str, Any], reason: str) -> dict[str, Any]:
    """Record a refused submission as a failed job holding only the arguments that were valid.

    Its ``submission_id`` is kept when valid, so the same refused message sent again finds this
    job; when it is not, the job has none (nothing to deduplicate on). The title falls back to
    "untitled", the hash is of whatever text or bytes came as the GDD.
    """
    kept = salvage(args, kwargs)
    document = args[0] if args else kwargs.get("gdd")
    ctx = context()
    with ctx.session() as session:
        job, _ = ctx.repo.create_job(
            session, job_id=job_id, title=kept.title or "untitled", gdd_sha256=content_sha256(document),
            seed=kept.seed, source=kept.source, submission_id=kept.submission_id,
            notify=kept.notify.model_dump() if kept.notify else None)
        status = job.status
    if job.id != job_id:
        return {"job_id": job.id, "status": status, "duplicate": True}
    return _fail_submission(job_id, reason) if status == "queued" else {"job_id": job_id, "status": status}


def _fail_submission(job_id: str, reason: str) -> dict[str, Any]:
    _fail_job(job_id, "submit", reason)
    return {"job_id": job_id, "status": "failed", "error": reason}


def _give_up(job_id: str, error: BaseException) -> dict[str, Any]:
    """Out of retries: fail the job if the first attempts made one; else let Celery record the error."""
    try:
        return _fail_submission(job_id, f"gave up after {MAX_RETRIES} retries: {_reason(error)}")
    except _CANNOT_RECORD:
        raise error from None


#: Why a failure may not be recordable: the job was never made, or the database is down too.
_CANNOT_RECORD: tuple[type[BaseException], ...] = (JobNotFoundError, *TRANSIENT)


def _submission_job_id(task: Any) -> str:
    """The id of the job this submit call makes: derived from the task's id, so retries share it."""
    task_id = task.request.id
    return str(uuid.uuid5(_SUBMISSIONS, str(task_id))) if task_id else str(uuid.uuid4())


# --- parse, the four stages, build --------------------------------------------------------------


@app.task(name="maestro.parse", bind=True, max_retries=MAX_RETRIES)
def parse(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """GDD -> spec; the spec (small JSON) is what the four stages receive. Arguments: `ParseArgs`."""
    job_id = _arguments(ParseArgs, "parse", args, kwargs).job_id

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
    def body(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        call = _arguments(StageArgs, stage, args, kwargs)

        def work() -> dict[str, Any]:
            ctx = context()
            spec, seed = _spec_and_seed(call.job_id, call.parsed)
            manifest = STAGE_RUNS[stage](spec, seed, ctx.store, stage_prefix(call.job_id, stage))
            return manifest.model_dump(mode="json")

        return _run(self, call.job_id, stage, work)

    body.__name__ = stage
    body.__doc__ = f"The {stage} stage of one job. Arguments: `StageArgs` (parse's output, the job id)."
    return app.task(name=f"maestro.{stage}", bind=True, max_retries=MAX_RETRIES)(body)


codex_task = _stage_task("codex")
canvas_task = _stage_task("canvas")
sonata_task = _stage_task("sonata")
labyrinth_task = _stage_task("labyrinth")


@app.task(name="maestro.build", bind=True, max_retries=MAX_RETRIES)
def build(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Join the four manifests (from the chord, or stored ones on a retry) into the web build.

    Arguments: `BuildArgs`. The job is marked succeeded in the same transaction as the build's
    stage row (see :func:`_record_success`), then the submitter is told.
    """
    call = _arguments(BuildArgs, "build", args, kwargs)
    job_id = call.job_id

    def work() -> dict[str, Any]:
        ctx = context()
        with ctx.session() as session:
            stored = ctx.repo.stage_outputs(session, job_id)
        manifests = {name: StageManifest.model_validate(stored[name]) for name in HEADER_STAGES if name in stored}
        manifests.update({manifest.stage: manifest for manifest in call.results})
        from maestro.stages import build as build_stage

        spec, seed = _spec_and_seed(job_id, None)
        built = build_stage.run(spec, seed, manifests, ctx.store, stage_prefix(job_id, "build"))
        return built.model_dump(mode="json")

    result = _run(self, job_id, "build", work)
    _notify(job_id)
    return result


def _arguments(model: type[Arguments], stage: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Arguments:
    """The stage task's checked arguments; refused ones fail the stage and the job, if there is one.

    Only the pipeline itself sends these tasks, so a refusal means a forged or corrupted message:
    with a usable job id, the job (if still under way) fails with the reason; without one there is
    no job to record it on, and the task fails with the reason, unretried.
    """
    try:
        return model.from_call(args, kwargs)
    except ArgumentError as refusal:
        job_id = _job_id_of(model, args, kwargs)
        if job_id is not None:
            _refuse_stage(job_id, stage, refusal)
        raise


def _refuse_stage(job_id: str, stage: str, refusal: ArgumentError) -> None:
    ctx = context()
    try:
        with ctx.session() as session:
            ended = ctx.repo.get_job(session, job_id).finished
    except JobNotFoundError:
        return
    if not ended:
        _fail_stage(job_id, stage, refusal)


def _job_id_of(model: type[TaskArguments], args: Sequence[Any], kwargs: Mapping[str, Any]) -> str | None:
    """The call's job id, if it gave a well-formed one (positionally or by name)."""
    given = dict(zip(model.POSITIONAL, args, strict=False)) | dict(kwargs)
    try:
        return ParseArgs.from_call(kwargs={"job_id": given.get("job_id")}).job_id
    except ArgumentError:
        return None


def retry_job(job_id: str) -> list[str]:
    """Run again what did not succeed; stages that succeeded keep their stored outputs.

    Returns the stages that run again, in pipeline order: a failed or cancelled stage, and any
    stage that never ran because the job ended first (a build after a failed header stage). A job
    with nothing left to run stays as it is rather than waiting forever in the queue; one refused
    at submit has nothing to run again (its arguments were refused: submit it anew).
    """
    ctx = context()
    with ctx.session() as session:
        job = ctx.repo.get_job(session, job_id)
        if not job.stages and (job.error or "").startswith("submit:"):
            raise InputError(f"job {job.id} was refused at submit ({job.error}); submit the GDD again")
        redo = ctx.repo.stages_to_redo(session, job.id)
        if redo or not job.finished:
            ctx.repo.reopen_job(session, job.id)  # refuses a job that has not failed or been cancelled
        job_id = job.id
    if not redo:
        return []
    if "parse" in redo:
        pipeline(job_id).apply_async()
        return list(STAGES)
    if redo == ["build"]:
        app.signature("maestro.build", args=([],), kwargs={"job_id": job_id}).apply_async()
        return redo
    header = tuple(stage for stage in HEADER_STAGES if stage in redo)
    pipeline(job_id, header, with_parse=False).apply_async()
    return [*header, "build"]


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


def _spec_and_seed(job_id: str, parsed: ParsedSpec | None) -> tuple[GameSpec, int]:
    """The job's typed spec and seed: from this process's memory, the chord's message, or the database."""
    if job_id in _SPECS:
        return _SPECS[job_id]
    if parsed is not None:
        spec, seed = GameSpec.model_validate(parsed.spec), parsed.seed
    else:
        ctx = context()
        with ctx.session() as session:
            job = ctx.repo.get_job(session, job_id)
            spec = GameSpec.model_validate(job.spec)
            seed = job_seed(job.seed, spec.seed)
    _remember(job_id, spec, seed)
    return spec, seed


# --- recording a stage's run --------------------------------------------------------------------


def _run(task: Any, job_id: str, stage: str, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Record the stage around ``work``: started, then succeeded, retrying or failed.

    A job that has already ended (failed elsewhere, cancelled, or done) has nothing left for this
    task: it stops at once, and its stage row, if unfinished, shows as cancelled, not running.
    """
    ctx = context()
    attempt = task.request.retries + 1
    with ctx.session() as session:
        ended = _ended(session, job_id, stage)
        if not ended:
            ctx.repo.stage_started(session, job_id, stage, task.request.id or "", task.request.hostname or "",
                                   attempt)
    if ended:
        raise Ignore()
    try:
        result = work()
    except TRANSIENT as error:
        if task.request.retries < task.max_retries:
            with ctx.session() as session:
                ctx.repo.stage_failed(session, job_id, stage, _reason(error), retrying=True)
            raise task.retry(exc=error, countdown=_backoff(task)) from error
        _fail_stage(job_id, stage, error, f"gave up after {task.max_retries} retries: ")
        raise
    except Exception as error:
        _fail_stage(job_id, stage, error)
        raise
    with ctx.session() as session:
        _record_success(session, job_id, stage, result)
    return result


def _ended(session: Any, job_id: str, stage: str) -> bool:
    """True if the job has ended; an unfinished row of ``stage`` on a failed or cancelled job is cancelled."""
    ctx = context()
    job = ctx.repo.get_job(session, job_id)
    if not job.finished:
        return False
    row = job.stage(stage)
    if job.status != "succeeded" and row is not None and not row.finished:
        ctx.repo.stage_cancelled(session, job_id, stage)
    return True


def _record_success(session: Any, job_id: str, stage: str, result: dict[str, Any]) -> None:
    """The stage's outputs; for the build, the job's success too, in the same transaction.

    The job row is locked before the stage row, in the order `cancel_job` takes them.
    """
    ctx = context()
    if stage == "build":
        ctx.repo.mark_job(session, job_id, "succeeded", build_key=str(result["meta"]["zip"]))
    ctx.repo.stage_succeeded(session, job_id, stage, result if stage != "parse" else {"seed": result["seed"]})


def _fail_stage(job_id: str, stage: str, error: BaseException, prefix: str = "") -> None:
    """The stage and its job failed, in one transaction, then the submitter is told."""
    reason = prefix + _reason(error)
    ctx = context()
    with ctx.session() as session:
        ctx.repo.mark_job(session, job_id, "failed", error=f"{stage}: {reason}")
        ctx.repo.stage_failed(session, job_id, stage, reason, retrying=False)
    _notify(job_id)


def _fail_job(job_id: str, stage: str, reason: str) -> None:
    ctx = context()
    with ctx.session() as session:
        ctx.repo.mark_job(session, job_id, "failed", error=f"{stage}: {reason}")
    _notify(job_id)


# --- telling the submitter ----------------------------------------------------------------------


def _notify(job_id: str) -> None:
    """Send ``{job_id, status, build}`` to the task the submitter named, if it named one. Best effort.

    The job's status and stage rows describe the work, which is done (or failed) whether or not
    the message about it gets through. So a notification that cannot be sent (the broker refuses
    the queue, or cannot be reached in `NOTIFY_TIMEOUT_SECONDS`) is logged and recorded on the
    job as ``notify_error``, and nothing else changes: no retry of the stage, no failed job.
    """
    ctx = context()
    try:
        with ctx.session() as session:
            job = ctx.repo.get_job(session, job_id)
            notify, status, build_key = job.notify, job.status, job.build_key
        if not notify or not notify.get("task"):
            return
        _send_notification(notify, {"job_id": job_id, "status": status, "build": build_key})
        problem = None
    except Exception as error:
        problem = f"could not notify {str((notify or {}).get('task'))[:200]}: {_reason(error)}"
        log.warning("job %s: %s", job_id, problem)
    try:
        with ctx.session() as session:
            ctx.repo.set_notify_error(session, job_id, problem)
    except Exception as error:
        log.warning("job %s: could not record the notification's outcome: %s", job_id, _reason(error))


def _send_notification(notify: Mapping[str, Any], message: dict[str, Any]) -> None:
    """Publish the notification on a connection of its own, with short timeouts and one retry."""
    timeouts = {"socket_timeout": NOTIFY_TIMEOUT_SECONDS, "socket_connect_timeout": NOTIFY_TIMEOUT_SECONDS}
    with app.connection_for_write(connect_timeout=NOTIFY_TIMEOUT_SECONDS, transport_options=timeouts) as connection:
        app.send_task(str(notify["task"]), kwargs=message, queue=notify.get("queue") or DEFAULT_NOTIFY_QUEUE,
                      connection=connection, retry=True, retry_policy=NOTIFY_RETRY_POLICY, add_to_parent=False,
                      ignore_result=True)


def _reason(error: BaseException) -> str:
    """One bounded line a person can act on: a Maestro error's own message, else the type and first line."""
    text = str(error) if isinstance(error, MaestroError) else f"{type(error).__name__}: {error}"
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(error).__name__)
    return first if len(first) <= REASON_MAX else first[: REASON_MAX - 1] + "…"


def _backoff(task: Any) -> int:
    return int(min(60, 2 ** task.request.retries))


@task_revoked.connect
def _revoked(request: Any = None, terminated: bool = False, **_: Any) -> None:
    """A revoked stage task (``maestro cancel``) shows as cancelled in its row, as the job does."""
    name = getattr(getattr(request, "task", None), "name", "") or ""
    stage = name.removeprefix("maestro.")
    if stage not in STAGES:
        return
    models: dict[str, type[TaskArguments]] = {"parse": ParseArgs, "build": BuildArgs}
    model = models.get(stage, StageArgs)
    job_id = _job_id_of(model, getattr(request, "args", None) or (), getattr(request, "kwargs", None) or {})
    if job_id is None:
        return
    ctx = context()
    with ctx.session() as session:
        ctx.repo.stage_cancelled(session, job_id, stage)
