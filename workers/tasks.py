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
import sys
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from importlib import import_module
from typing import Any, NoReturn, TypeVar

from celery import chain, chord, group
from celery.canvas import Signature
from celery.exceptions import Ignore
from celery.signals import task_revoked

from maestro.cache import build_key, job_key, parse_key, stage_key
from maestro.db.repository import JobNotFoundError
from maestro.db.session import DatabaseUnavailableError
from maestro.errors import ArgumentError, InputError, MaestroError
from maestro.gdd import accept_text, decode_gdd
from maestro.manifest import StageManifest
from maestro.pipeline import HEADER_STAGES, STAGES, gdd_key, job_seed, llm_prefix, spec_key, stage_prefix
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
Result = TypeVar("Result")


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


def canvas(job_id: str, ids: Mapping[str, str]) -> Signature:
    """The job's canvas for the stages in ``ids``, each task carrying the id its row records.

    All six: ``parse | chord(group(codex, canvas, sonata, labyrinth), build)``. Some header
    stages and the build (a retry): the chord alone, which reads the succeeded stages' outputs
    from the database. The build alone: ``build([])``. One header stage alone (the sweeper
    sending a lost task again): that task; the sweeper starts the build once all four succeeded.
    """

    def signature(stage: str, **options: Any) -> Signature:
        return app.signature(f"maestro.{stage}", **options).set(task_id=ids[stage])

    header = [signature(stage, kwargs={"job_id": job_id}) for stage in HEADER_STAGES if stage in ids]
    if "build" not in ids:
        return group(header) if len(header) != 1 else header[0]
    build_args = {"kwargs": {"job_id": job_id}} if header else {"args": ([],), "kwargs": {"job_id": job_id}}
    build_signature = signature("build", **build_args)
    joined = chord(group(header), build_signature) if header else build_signature
    if "parse" not in ids:
        return joined
    return chain(signature("parse", args=(job_id,)), joined)


def launch(job_id: str, stages: Sequence[str], rescue: bool = False) -> dict[str, str]:
    """Record a fresh task for each of ``stages`` in its row, then send them; the ids by stage.

    Rows first: a worker never runs a task its row does not name (an older one is superseded
    and stops), `cancel_job` can revoke tasks still waiting in a queue, and a send that fails
    leaves rows the sweeper finds with no live task and sends again. Running parse again runs
    everything after it again too. ``rescue`` counts the send as the sweeper's.
    """
    ids = record_launch(job_id, stages, rescue)
    send(job_id, ids)
    return ids


def record_launch(job_id: str, stages: Sequence[str], rescue: bool, session: Any = None) -> dict[str, str]:
    names = STAGES if "parse" in stages else tuple(stage for stage in STAGES if stage in stages)
    ids = {stage: str(uuid.uuid4()) for stage in names}

    def record(session: Any) -> None:
        for stage, task_id in ids.items():
            context().repo.stage_queued(session, job_id, stage, task_id, rescue=rescue)

    if session is not None:
        record(session)
    else:
        _db(record)
    return ids


def send(job_id: str, ids: Mapping[str, str]) -> None:
    """Send the recorded tasks (broker errors propagate: the caller retries, or the sweeper will)."""
    canvas(job_id, ids).apply_async()
    _stop_listening(ids.values())


def _stop_listening(task_ids: Iterable[str]) -> None:
    """Unsubscribe this process from the results of tasks it sent but never reads (retry, the sweeper).

    A process that sends a task listens for its result on the Redis backend until the result
    object is collected; collected at interpreter exit, that prints a traceback instead. Job
    state is read from the database, never from these results. (Celery keeps no public way to
    drop a pending result, hence the guarded use of the backend's table of them.)
    """
    backend = app.backend
    tables = getattr(backend, "_pending_results", None) or ()
    consumer = getattr(backend, "result_consumer", None)
    for task_id in task_ids:
        for table in tables:
            with suppress(Exception):
                for result in list((table.pop(task_id, None) or {}).values()):
                    result.backend = None
        if consumer is not None:
            with suppress(Exception):
                consumer.cancel_for(task_id)


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
        parse_row = job.stage("parse")
        status, launched = job.status, parse_row is not None and parse_row.status != "queued"
    if job.id != job_id:
        return {"job_id": job.id, "status": status, "duplicate": True}
    if not created and (status != "queued" or launched):  # this very submission, already under way
        return {"job_id": job_id, "status": status}
    try:
        ctx.store.put(gdd_key(job_id), data, "text/plain; charset=utf-8")
    except StoreError as error:
        if isinstance(error, TRANSIENT):
            raise
        return _fail_submission(job_id, f"cannot store the GDD: {reason_of(error)}")
    launch(job_id, STAGES)  # again on a retry or redelivery: a task sent twice runs once (superseded)
    _count_submission(call.source)  # reached once per job: a resumed attempt that launched returned above
    return {"job_id": job_id, "status": "queued"}


def _count_submission(source: str) -> None:
    """Count the job in the worker's metrics (the embedded mode serves none, so loads none)."""
    if "workers.observe" in sys.modules:
        sys.modules["workers.observe"].submitted(source)


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
        return _fail_submission(job_id, f"gave up after {MAX_RETRIES} retries: {reason_of(error)}")
    except _CANNOT_RECORD:
        raise error from None


#: Why a failure may not be recordable: the job was never made, or the database is down too.
_CANNOT_RECORD: tuple[type[BaseException], ...] = (JobNotFoundError, *TRANSIENT)


def _submission_job_id(task: Any) -> str:
    """The id of the job this submit call makes: derived from the task's id, so retries share it."""
    task_id = task.request.id
    return submission_job_id(str(task_id)) if task_id else str(uuid.uuid4())


def submission_job_id(task_id: str) -> str:
    """The job id a ``maestro.submit`` task with this id makes (a sender can know it before sending)."""
    return str(uuid.uuid5(_SUBMISSIONS, task_id))


# --- parse, the four stages, build --------------------------------------------------------------


@app.task(name="maestro.parse", bind=True, max_retries=MAX_RETRIES)
def parse(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """GDD -> spec; the spec (small JSON) is what the four stages receive. Arguments: `ParseArgs`."""
    job_id = _arguments(ParseArgs, "parse", args, kwargs).job_id

    def work() -> dict[str, Any]:
        from maestro.gdd import parse_gdd

        ctx = context()
        with ctx.session() as session:  # what the submitter called the GDD titles one whose text names none
            submitted = ctx.repo.get_job(session, job_id)
            name, digest = (submitted.title if submitted.title != "untitled" else None), submitted.gdd_sha256
        # A model's reading is not cached here (its answers are, by prompt): the rules' reading is.
        cached = ctx.cache is not None and ctx.llm is None and not ctx.llm_problem
        key = parse_key(digest, name) if cached else ""
        spec = _cached_spec(ctx, key) if cached else None
        made["hit"] = spec is not None
        data = ctx.store.get(gdd_key(job_id)) if spec is None or ctx.llm is not None else b""
        if spec is None:
            spec = parse_gdd(data, name)
            if cached:
                made.update(key=key, spec=spec)
        transcript = None
        if ctx.llm_problem:
            spec.warnings.append(f"model: not asked: {ctx.llm_problem}")
        elif ctx.llm is not None:
            spec, transcript = _with_model(ctx, job_id, spec, data, name)
        with ctx.session() as session:
            job = ctx.repo.get_job(session, job_id)
            seed = job_seed(job.seed, spec.seed)
            ctx.repo.set_job_spec(session, job_id, spec.model_dump(mode="json"), list(spec.warnings), spec.title)
        ctx.store.put(spec_key(job_id), spec.model_dump_json(indent=1).encode(), "application/json")
        _remember(job_id, spec, seed)
        return {"spec": spec.model_dump(mode="json"), "seed": seed,
                **({"llm": {"key": transcript.key, "sha256": transcript.sha256}} if transcript else {})}

    made: dict[str, Any] = {}

    def after() -> None:
        _keep(job_id, "parse", made)
        # Only a GDD parsed before can be a job built before. An eager chain (the embedded mode)
        # cannot be stopped: there each stage takes its own hit.
        if made.get("hit") and not self.request.is_eager and _served_from_cache(job_id, self.request.hostname):
            self.request.chain = None  # nothing left to run: the chord after parse is never sent

    return _run(self, job_id, "parse", work, after=after)


def _with_model(ctx: Any, job_id: str, spec: GameSpec, data: bytes, name: str | None) -> tuple[GameSpec, Any]:
    """The model's reading merged into ``spec``, and the stored index of the job's prompts and answers.

    Answers are cached in the store by (model, prompt hash), so a retried parse (the store was down
    while the transcript was written, say) asks the model nothing twice.
    """
    from maestro.gdd.assist import with_model
    from maestro.gdd.decode import decode_gdd
    from maestro.llm import Assistant, PromptCache

    assistant = Assistant.for_config(ctx.llm, PromptCache(ctx.llm_cache or ctx.store))
    spec = with_model(spec, decode_gdd(data), name, assistant)
    return spec, assistant.save(ctx.store, llm_prefix(job_id))


def _stage_task(stage: str) -> Any:
    def body(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        call = _arguments(StageArgs, stage, args, kwargs)

        made: dict[str, Any] = {}

        def work() -> dict[str, Any]:
            ctx = context()
            spec, seed = _spec_and_seed(call.job_id, call.parsed)
            if ctx.cache is not None:
                key = stage_key(stage, spec, seed)
                hit = _cached_manifest(ctx, stage, key)
                if hit is not None:
                    return hit.model_dump(mode="json")
                made["key"] = key
            if ctx.ahead is not None:  # embedded: the other header stages may be computing side by side
                manifest = ctx.ahead.run(call.job_id, stage, spec, seed, ctx.store)
            else:
                manifest = STAGE_RUNS[stage](spec, seed, ctx.store, stage_prefix(call.job_id, stage))
            if "key" in made:
                made["manifest"] = manifest
            return manifest.model_dump(mode="json")

        def after() -> None:
            _keep(call.job_id, stage, made)
            _build_if_rescued(call.job_id, stage)

        return _run(self, call.job_id, stage, work, after=after)

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
    _refuse_unrecorded(call)
    made: dict[str, Any] = {}

    def work() -> dict[str, Any]:
        ctx = context()
        with ctx.session() as session:
            stored = ctx.repo.stage_outputs(session, job_id)
        _check_results(call, stored)
        manifests = {name: StageManifest.model_validate(stored[name]) for name in HEADER_STAGES if name in stored}
        spec, seed = _spec_and_seed(job_id, None)
        if ctx.cache is not None:
            key = build_key(spec, seed, manifests)
            hit = _cached_manifest(ctx, "build", key)
            if hit is not None:
                return hit.model_dump(mode="json")
            made["key"] = key
        from maestro.stages import build as build_stage

        built = build_stage.run(spec, seed, manifests, ctx.store, stage_prefix(job_id, "build"))
        if "key" in made:
            made["manifest"] = built
        return built.model_dump(mode="json")

    def after() -> None:
        _keep(job_id, "build", made)
        _keep_job(job_id)
        notify(job_id)

    return _run(self, job_id, "build", work, after=after)


def _refuse_unrecorded(call: BuildArgs) -> None:
    """Refuse a forged build before it starts, as its arguments' own checks do (see `_check_results`).

    A database that does not answer defers the check to the build's work, which makes it again.
    """
    if not call.results:
        return
    try:
        with context().session() as session:
            stored = context().repo.stage_outputs(session, call.job_id)
    except _CANNOT_RECORD:  # no such job (the build's start says so), or the database is down
        return
    try:
        _check_results(call, stored)
    except ArgumentError as refusal:
        _refuse_stage(call.job_id, "build", refusal)
        raise


def _check_results(call: BuildArgs, stored: Mapping[str, Any]) -> None:
    """Refuse a build whose chord results are not the manifests this job's stage rows recorded.

    The rows are what the build reads; the results only say which stages the chord waited for.
    A result that differs from its row (or names a stage with no recorded outputs) is a forged or
    corrupted message: it must not make the build read files the job's own stages did not name,
    such as another job's (a stage-cache hit names the first job's files, and is recorded so).
    """
    for index, manifest in enumerate(call.results):
        if stored.get(manifest.stage) != manifest.model_dump(mode="json"):
            raise ArgumentError(f"invalid argument: results[{index}] is not the manifest job {call.job_id}'s "
                                f"{manifest.stage} stage recorded")


# --- the stage cache ----------------------------------------------------------------------------


def _cached_manifest(ctx: Any, stage: str, key: str) -> StageManifest | None:
    """The stage's cached manifest for ``key`` (a hit, counted), or None (a miss, counted)."""
    from maestro import metrics

    hit = ctx.cache.manifest(stage, key)
    metrics.CACHE_LOOKUPS.labels(stage, "hit" if hit is not None else "miss").inc()
    return hit


def _cached_spec(ctx: Any, key: str) -> GameSpec | None:
    from maestro import metrics

    spec: GameSpec | None = ctx.cache.spec(key)
    metrics.CACHE_LOOKUPS.labels("parse", "hit" if spec is not None else "miss").inc()
    return spec


def _served_from_cache(job_id: str, worker: str | None) -> bool:
    """Finish the job from the stage cache when every stage after parse hits; True if it did.

    A resubmitted GDD then costs parse and one transaction instead of five more tasks and their
    queue hops: the four stages' and the build's rows record the cached manifests (served by this
    worker, one attempt each) and the job succeeds, all at once, unless it was cancelled meanwhile.
    Any miss leaves the job to its chord, where each stage still takes its own hit.
    """
    ctx = context()
    if ctx.cache is None or ctx.ahead is not None:
        return False
    spec, seed = _spec_and_seed(job_id, None)
    hits = ctx.cache.job(job_key(spec, seed))
    if hits is None:
        return False
    built = hits["build"]

    def record(session: Any) -> bool:
        job = ctx.repo.lock_job(session, job_id)
        rows = {stage: ctx.repo.find_stage(session, job_id, stage) for stage in hits}
        if job.finished or any(row is None or row.status != "queued" for row in rows.values()):
            return False
        for stage, manifest in hits.items():
            ctx.repo.stage_started(session, job_id, stage, rows[stage].task_id, worker or "", 1)
            ctx.repo.stage_succeeded(session, job_id, stage, manifest)
        ctx.repo.mark_job(session, job_id, "succeeded", build_key=str(built.meta["zip"]))
        return True

    try:
        served = _db(record)
    except TRANSIENT as error:  # the chord runs the stages instead, each taking its own hit
        log.warning("job %s: cannot record the cached stages: %s", job_id, reason_of(error))
        return False
    if served:
        from maestro import metrics

        for stage in hits:
            metrics.CACHE_LOOKUPS.labels(stage, "hit").inc()
        log.info("job %s: every stage served from the stage cache", job_id)
        notify(job_id)
    return served


def _keep_job(job_id: str) -> None:
    """Keep the succeeded job's five manifests together, for `_served_from_cache` (best effort)."""
    ctx = context()
    if ctx.cache is None:
        return
    try:
        with ctx.session() as session:
            stored = ctx.repo.stage_outputs(session, job_id)
        spec, seed = _spec_and_seed(job_id, None)
        manifests = {stage: StageManifest.model_validate(stored[stage]) for stage in (*HEADER_STAGES, "build")}
        ctx.cache.keep_job(job_key(spec, seed), manifests, job_id)
    except _UNKEPT as error:
        log.warning("job %s: cannot keep the job in the stage cache: %s", job_id, reason_of(error))


#: What may keep a job out of the cache: the store refusing the entry, the database not answering.
_UNKEPT: tuple[type[BaseException], ...] = (StoreError, *TRANSIENT)


def _keep(job_id: str, stage: str, made: Mapping[str, Any]) -> None:
    """Keep what a stage made in the cache, once its success is recorded (so its files are named).

    Best effort: a store that does not take the entry costs the next job a recomputation, never
    this job anything.
    """
    cache = context().cache
    if cache is None or "key" not in made:
        return
    try:
        if stage == "parse":
            cache.keep_spec(made["key"], made["spec"], job_id)
        else:
            cache.keep_manifest(stage, made["key"], made["manifest"], job_id)
    except StoreError as error:
        log.warning("job %s: cannot keep %s in the stage cache: %s", job_id, stage, reason_of(error))


def _build_if_rescued(job_id: str, stage: str) -> None:
    """Start the build at once when a header stage the sweeper sent again completes the four.

    A stage sent alone is outside the job's chord, so no join will send the build; rather than
    wait for the sweeper to notice, the stage that completes the header sends it. Stages of the
    chord (and every stage of the embedded mode) are never rescued, so they never do this.
    """

    def record(session: Any) -> dict[str, str]:
        repo = context().repo
        job = repo.lock_job(session, job_id)
        row, build_row = repo.find_stage(session, job_id, stage), repo.find_stage(session, job_id, "build")
        ready = set(HEADER_STAGES) <= set(repo.stage_outputs(session, job_id))
        if job.finished or row is None or not row.rescues or not ready or (
                build_row is not None and build_row.status != "queued"):
            return {}
        return record_launch(job_id, ["build"], rescue=False, session=session)

    try:
        ids = _db(record)
        if ids:
            send(job_id, ids)
    except TRANSIENT as error:  # the sweeper will send the build instead
        log.warning("job %s: cannot start the build after %s: %s", job_id, stage, reason_of(error))


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
    """Resume a job that is not running or succeeded: run again every stage that did not succeed.

    Returns the stages sent again, in pipeline order: whatever failed, was cancelled, was still
    retrying or queued when the job ended, or lost its task, and always the build after them
    (a job whose stages all succeeded but that did not end well gets its build again). Stages that
    succeeded keep their stored outputs. Tasks of the job that may still sit in a queue are
    revoked first, and the new ones are recorded before they are sent: an old task that runs
    anyway finds itself superseded and stops. A running job is refused with what it is doing; a
    job refused at submit has nothing to run again (submit the GDD anew).
    """
    ctx = context()
    with ctx.session() as session:
        job = ctx.repo.get_job(session, job_id)
        if not job.stages and (job.error or "").startswith("submit:"):
            raise InputError(f"job {job.id} was refused at submit ({job.error}); submit the GDD again")
        if job.status == "running":
            raise InputError(f"job {job.id} is running ({_activity(job)}); wait for it to end, or cancel it "
                             "first. A task lost with its worker is sent again by the sweeper.")
        if job.status == "succeeded":
            raise InputError(f"job {job.id} succeeded; there is nothing to retry")
        stale = [row.task_id for row in job.stages if row.task_id and not row.finished]
        redo = ctx.repo.stages_to_redo(session, job.id) or ["build"]
        ctx.repo.reopen_job(session, job.id)
        ids = record_launch(job.id, redo, rescue=False, session=session)
        job_id = job.id
    _revoke(stale, terminate=False)
    send(job_id, ids)
    return list(ids)


def _activity(job: Any) -> str:
    running = [f"{row.stage} on {row.worker or 'a worker'}" for row in job.stages if row.status == "running"]
    waiting = [row.stage for row in job.stages if row.status in ("queued", "retrying")]
    parts = ([f"running {', '.join(running)}"] if running else []) + ([f"waiting: {', '.join(waiting)}"]
                                                                       if waiting else [])
    return "; ".join(parts) or "between stages"


def cancel_job(job_id: str) -> list[str]:
    """Mark the job cancelled, then revoke every task of it not finished (queued, retrying or running).

    Every task is recorded before it is sent, so this reaches the build and the stages still
    waiting in a queue too. The job is marked first: a task a worker starts before the revoke
    reaches it (or on a worker started later, which never heard of the revoke) finds the job
    cancelled and stops without touching it. A job that already ended is refused. Returns the
    revoked task ids.
    """
    import workers.observe  # noqa: F401 - counts the cancel in this host's metrics

    ctx = context()
    with ctx.session() as session:
        job = ctx.repo.lock_job(session, ctx.repo.get_job(session, job_id).id)
        if job.finished:
            raise InputError(f"job {job.id} already {job.status}; there is nothing to cancel")
        ids = [run.task_id for run in ctx.repo.unfinished_stage_rows(session, job.id) if run.task_id]
        ctx.repo.cancel_job(session, job.id, "cancelled by request")
    _revoke(ids, terminate=True)
    return ids


def _revoke(task_ids: Sequence[str], terminate: bool) -> None:
    if task_ids:
        app.control.revoke(list(task_ids), terminate=terminate)


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


def _run(task: Any, job_id: str, stage: str, work: Callable[[], dict[str, Any]],
         after: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """Record the stage around ``work``: started, then succeeded, retrying or failed.

    Transient errors anywhere (starting, working, recording the outcome) are retried, first in
    place for the database (`_db`), then as a Celery retry with backoff; out of retries, the
    stage and the job fail with the reason. If even that cannot be recorded, the row stays as it
    was and the sweeper finds a due stage with no live task. A task with nothing to do stops at
    once (`Ignore`): its job ended, a newer task took its place, or (the build) a header stage
    has not succeeded; a task whose stage is already recorded as succeeded (a redelivery) returns
    the recorded manifest without working again. ``after`` runs once the success is recorded.
    """
    request = task.request
    try:
        verdict, stored = _db(lambda session: _start(session, job_id, stage, request))
    except TRANSIENT as error:
        _retry_or_give_up(task, job_id, stage, error)
    if verdict == "done":
        return stored
    if verdict != "run":
        log.info("job %s: %s task %s stops: %s", job_id, stage, request.id, verdict)
        raise Ignore()
    try:
        result = work()
    except TRANSIENT as error:
        _retry_or_give_up(task, job_id, stage, error)
    except Exception as error:
        _fail_stage(job_id, stage, error)
        raise
    try:
        recorded = _db(lambda session: _record_success(session, job_id, stage, result))
    except TRANSIENT as error:
        _retry_or_give_up(task, job_id, stage, error)
    if not recorded:
        log.info("job %s ended while %s ran; its outputs are not recorded", job_id, stage)
        raise Ignore()
    after()
    return result


def _start(session: Any, job_id: str, stage: str, request: Any) -> tuple[str, dict[str, Any]]:
    """Decide whether this task runs, and if so record its start. ``(verdict, stored outputs)``.

    The job row is locked first (as cancel and the sweeper lock it), so a cancel either commits
    before this and is seen, or waits for it and then cancels the row this marks running.
    """
    ctx = context()
    job = ctx.repo.mark_job(session, job_id, "running")  # locks the job row; a job that ended stays so
    row = ctx.repo.find_stage(session, job_id, stage)
    if job.finished:
        if job.status != "succeeded" and row is not None and not row.finished:
            ctx.repo.stage_cancelled(session, job_id, stage)
        return f"job {job.status}", {}
    if row is not None and row.task_id and request.id and row.task_id != request.id:
        return f"superseded by task {row.task_id}", {}
    if row is not None and row.status == "succeeded" and row.outputs is not None and stage != "parse":
        return "done", dict(row.outputs)
    if stage == "build":
        missing = [name for name in HEADER_STAGES if name not in ctx.repo.stage_outputs(session, job_id)]
        if missing:
            return f"premature: {', '.join(missing)} not succeeded", {}
    run = ctx.repo.stage_started(session, job_id, stage, request.id or "", request.hostname or "",
                                 request.retries + 1)
    if run.status == "cancelled":
        return "stage cancelled", {}
    return "run", {}


def _retry_or_give_up(task: Any, job_id: str, stage: str, error: BaseException) -> NoReturn:
    """A transient error: a Celery retry with backoff, or (out of retries) the stage and job fail."""
    if task.request.retries < task.max_retries:
        try:
            _db(lambda session: context().repo.stage_failed(session, job_id, stage, reason_of(error), retrying=True),
                pauses=())
        except TRANSIENT as unrecorded:  # the database is what failed: the retry matters more
            log.warning("job %s: cannot record %s as retrying: %s", job_id, stage, reason_of(unrecorded))
        raise task.retry(exc=error, countdown=_backoff(task)) from error
    _fail_stage(job_id, stage, error, f"gave up after {task.max_retries} retries: ")
    raise error


#: Pauses between tries of a database write that found the database unavailable: about 15 s in
#: all, so a database restart is ridden out in place, before a Celery retry is spent.
DB_PAUSES: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)


def _db(write: Callable[[Any], Result], pauses: Sequence[float] = DB_PAUSES) -> Result:
    """``write(session)`` in one transaction, tried again while the database is unavailable."""
    for pause in (*pauses, None):
        try:
            with context().session() as session:
                return write(session)
        except DatabaseUnavailableError as error:
            if pause is None:
                raise
            log.warning("database unavailable (%s); trying again in %.1f s", reason_of(error), pause)
            time.sleep(pause)
    raise AssertionError("unreachable")


def _record_success(session: Any, job_id: str, stage: str, result: dict[str, Any]) -> bool:
    """The stage's outputs and, for the build, the job's success, in one transaction. False if the job ended.

    The job row is locked before the stage row, in the order `cancel_job` takes them. A job that
    failed meanwhile (another stage failed) keeps its status and records this header stage's
    success, which a retry then reuses. A cancelled job keeps its status and this stage shows
    cancelled: its files are left for a rerun to adopt (same keys, same bytes) or for `maestro
    doctor --jobs` to list and remove.
    """
    ctx = context()
    job = ctx.repo.lock_job(session, job_id)
    if job.status == "failed" and stage in HEADER_STAGES:
        ctx.repo.stage_succeeded(session, job_id, stage, result)  # a fact a retry builds on instead of redoing
        return True
    if job.finished:
        row = ctx.repo.find_stage(session, job_id, stage)
        if job.status != "succeeded" and row is not None and not row.finished:
            ctx.repo.stage_cancelled(session, job_id, stage)
        return False
    if stage == "build":
        ctx.repo.mark_job(session, job_id, "succeeded", build_key=str(result["meta"]["zip"]))
    parsed = {key: result[key] for key in ("seed", "llm") if key in result}
    ctx.repo.stage_succeeded(session, job_id, stage, result if stage != "parse" else parsed)
    return True


def _fail_stage(job_id: str, stage: str, error: BaseException, prefix: str = "") -> None:
    """The stage and its job failed, in one transaction, then the submitter is told."""
    reason = prefix + reason_of(error)
    _db(lambda session: context().repo.fail_stage(session, job_id, stage, reason))
    notify(job_id)


def _fail_job(job_id: str, stage: str, reason: str) -> None:
    _db(lambda session: context().repo.mark_job(session, job_id, "failed", error=f"{stage}: {reason}"))
    notify(job_id)


# --- telling the submitter ----------------------------------------------------------------------


def notify(job_id: str) -> None:
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
        problem = f"could not notify {str((notify or {}).get('task'))[:200]}: {reason_of(error)}"
        log.warning("job %s: %s", job_id, problem)
    try:
        with ctx.session() as session:
            ctx.repo.set_notify_error(session, job_id, problem)
    except Exception as error:
        log.warning("job %s: could not record the notification's outcome: %s", job_id, reason_of(error))


def _send_notification(notify: Mapping[str, Any], message: dict[str, Any]) -> None:
    """Publish the notification on a connection of its own, with short timeouts and one retry."""
    timeouts = {"socket_timeout": NOTIFY_TIMEOUT_SECONDS, "socket_connect_timeout": NOTIFY_TIMEOUT_SECONDS}
    with app.connection_for_write(connect_timeout=NOTIFY_TIMEOUT_SECONDS, transport_options=timeouts) as connection:
        app.send_task(str(notify["task"]), kwargs=message, queue=notify.get("queue") or DEFAULT_NOTIFY_QUEUE,
                      connection=connection, retry=True, retry_policy=NOTIFY_RETRY_POLICY, add_to_parent=False,
                      ignore_result=True)


def reason_of(error: BaseException) -> str:
    """One bounded line a person can act on: a Maestro error's own message, else the type and first line."""
    text = str(error) if isinstance(error, MaestroError) else f"{type(error).__name__}: {error}"
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(error).__name__)
    return first if len(first) <= REASON_MAX else first[: REASON_MAX - 1] + "…"


def _backoff(task: Any) -> float:
    """Seconds before retry n+1: ``MAESTRO_RETRY_BACKOFF_SECONDS`` (1 s) doubled per retry, at most 60 s."""
    from maestro.settings import settings

    return float(min(60.0, settings().retry_backoff_seconds * 2 ** task.request.retries))


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
