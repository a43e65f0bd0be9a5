"""The HTTP gateway: a JSON API (and the web page) in front of the same submission path as the CLI.

``create_app()`` builds it; ``maestro serve`` runs it with uvicorn. Every request gets a request id
(``X-Request-ID``), a body limit, and one log line; every error is a problem
(:mod:`maestro_app.gateway.problems`). Writes need the bearer token of ``MAESTRO_API_TOKEN`` (or,
with none set, a loopback client). Everything a request carries is data: job ids must have the
database's UUID shape, pages are bounded, and a build is served only by the keys its manifest names.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from maestro.db import repository
from maestro.db.models import Job
from maestro.db.session import DatabaseUnavailableError
from maestro.errors import GDDError, InputError, MaestroError
from maestro.gdd.decode import MAX_GDD_BYTES, accept_text, decode_gdd, gdd_size, too_large
from maestro.logs import add_secrets
from maestro.manifest import StoredFile
from maestro.pipeline import build_path, folder_name
from maestro.store import StoreUnavailableError
from maestro.submission import TITLE_MAX, Submitter
from maestro_app.client import ClusterError
from maestro_app.gateway import models
from maestro_app.gateway.backends import Backend, make_backend
from maestro_app.gateway.problems import (
    PROBLEM_TYPE,
    ConflictError,
    GatewayError,
    NotFoundError,
    Problem,
    problem,
    responses,
)

log = logging.getLogger("maestro.gateway")

#: Largest request body, in bytes: a 1 MiB GDD and the form around it, with room to spare.
MAX_BODY_BYTES = 2 * 1024 * 1024
#: How often an event stream reads the job, how often it pings, and how long it may last.
POLL_SECONDS = 0.25
PING_SECONDS = 15.0
STREAM_SECONDS = 15 * 60
#: The page's iframe runs the game in a sandbox: scripts, pointer lock, nothing else (no same origin).
PLAY_HEADERS = {"Content-Security-Policy": "sandbox allow-scripts allow-pointer-lock",
                "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"}
PAGE_CSP = ("default-src 'self'; img-src 'self' data: blob:; media-src 'self' data: blob:; "
            "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'")
STATIC = FilePath(__file__).parent / "static"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})

JobId = Annotated[str, Path(pattern=UUID_PATTERN, description="A job id: a lowercase UUID.")]
bearer = HTTPBearer(auto_error=False, description="MAESTRO_API_TOKEN; writes only.")


# --- the middleware: request id, body limit, request log --------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


class Gateway:
    """Pure ASGI (streams pass through untouched): request id, body limit, one log line per request."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        given = headers.get("x-request-id", "")
        request_id = given if _SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        seen = 0

        async def receive_bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"the request body is over the limit of {self.max_body:,} bytes")
            return message

        async def send_tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                raw = list(message.get("headers", []))
                names = {key.lower() for key, _ in raw}
                if b"x-request-id" not in names:
                    raw.append((b"x-request-id", request_id.encode()))
                if b"x-content-type-options" not in names:
                    raw.append((b"x-content-type-options", b"nosniff"))
                message["headers"] = raw
            await send(message)

        try:
            length = headers.get("content-length", "0")
            if not length.isdigit() or int(length) > self.max_body:
                response = problem(413 if length.isdigit() else 400,
                                   f"the request body is over the limit of {self.max_body:,} bytes"
                                   if length.isdigit() else "the Content-Length header is not a number",
                                   instance=scope["path"], request_id=request_id, slug="too-large")
                await response(scope, receive, send_tagged)
                return
            await self.app(scope, receive_bounded, send_tagged)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            path = scope["path"][:200]
            log.info("%s %s %s %.1f ms request_id=%s", scope["method"], path, status, elapsed, request_id,
                     extra={"request_id": request_id, "method": scope["method"], "path": path, "status": status,
                            "duration_ms": round(elapsed, 1)})


# --- the app --------------------------------------------------------------------------------------


def create_app(data: FilePath | None = None, backend: Backend | None = None) -> FastAPI:
    """The gateway: the cluster's when the settings name one, else the embedded mode in ``data``."""
    token = os.environ.get("MAESTRO_API_TOKEN") or None
    add_secrets(token)
    chosen = backend or make_backend(data)
    app = FastAPI(title="Maestro", version=_version(),
                  description="Turn a game design document into a playable web game.",
                  responses=responses(422, 500))
    app.state.backend = chosen
    app.state.token = token
    app.router.add_event_handler("shutdown", chosen.close)
    _handlers(app)
    _routes(app)
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.add_middleware(Gateway)
    return app


def _version() -> str:
    from maestro import __version__

    return str(__version__)


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or uuid.uuid4().hex)


def _problem(request: Request, status: int, detail: str, slug: str | None = None, **extra: Any) -> JSONResponse:
    return problem(status, detail, instance=request.url.path[:200], request_id=_request_id(request), slug=slug,
                   **extra)


def _handlers(app: FastAPI) -> None:
    async def gateway_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, GatewayError)
        return _problem(request, error.status, error.detail, error.slug, job_id=error.job_id,
                        headers=error.headers)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        detail = error.detail if isinstance(error.detail, str) else TITLE_BY_STATUS.get(error.status_code, "error")
        if error.status_code == 404 and detail == "Not Found":
            detail = "no such resource"
        return _problem(request, error.status_code, detail, headers=dict(error.headers or {}))

    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = list(error.errors())
        if any(item.get("loc", ("",))[0] == "path" for item in problems):
            return _problem(request, 404, "no such job: a job id is a lowercase UUID", "not-found")
        first = problems[0] if problems else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "the request"
        return _problem(request, 422, f"{where}: {first.get('msg', 'invalid')}", "invalid-request")

    async def maestro_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, MaestroError)
        if isinstance(error, repository.JobNotFoundError):
            return _problem(request, 404, str(error), "not-found")
        if isinstance(error, InputError):
            return _problem(request, 422, str(error), "refused")
        if isinstance(error, DatabaseUnavailableError | StoreUnavailableError | ClusterError):
            return _problem(request, 503, str(error), "unavailable")
        log.warning("request %s failed: %s: %s", _request_id(request), type(error).__name__, error)
        return _problem(request, 500, str(error), "failed")

    async def unexpected(request: Request, error: Exception) -> Response:
        log.error("request %s failed", _request_id(request), exc_info=error)
        return _problem(request, 500, f"internal error; the server's log names it with request id "
                                      f"{_request_id(request)}")

    app.add_exception_handler(GatewayError, gateway_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(MaestroError, maestro_error)
    app.add_exception_handler(Exception, unexpected)


TITLE_BY_STATUS = {405: "method not allowed", 406: "not acceptable", 413: "the request body is too large"}


def _backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


def writer(request: Request,
           credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None) -> None:
    """Let a write through with the right bearer token, or (no token set) from this machine only."""
    token: str | None = request.app.state.token
    if token is None:
        if request.client is not None and request.client.host in _LOOPBACK:
            return
        raise GatewayError(401, "unauthorized", "writes are accepted only from this machine while "
                           "MAESTRO_API_TOKEN is not set", headers={"WWW-Authenticate": "Bearer"})
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8")):
        raise GatewayError(401, "unauthorized", "a write needs the header Authorization: Bearer <MAESTRO_API_TOKEN>"
                           if not given else "the bearer token is not the right one",
                           headers={"WWW-Authenticate": "Bearer"})


def _links(job_id: str) -> models.Links:
    base = f"/api/jobs/{job_id}"
    return models.Links(self=base, events=f"{base}/events", spec=f"{base}/spec", build=f"{base}/build",
                        play=f"{base}/play/index.html")


def _job_dict(backend: Backend, job_id: str) -> dict[str, Any]:
    return backend.read(lambda session: models.job_out(_get(session, job_id).as_dict()))


def _get(session: Session, job_id: str) -> Job:
    found = session.get(Job, job_id)
    if found is None:
        raise NotFoundError(f"no job {job_id}")
    return found


SUBMIT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/SubmitJob"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary", "description": "The GDD file."},
                           "title": {"type": "string", "maxLength": TITLE_MAX},
                           "seed": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}}}},
    },
}


def _routes(app: FastAPI) -> None:
    job_errors = responses(404)

    @app.get("/", response_class=HTMLResponse, include_in_schema=True, summary="The web page",
             responses={200: {"content": {"text/html": {}}}, **responses(404)})
    def page() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            raise NotFoundError("the web page is not installed")
        return FileResponse(index, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})

    @app.get("/api/config", response_model=models.Config)
    def config(request: Request) -> models.Config:
        return models.Config(mode=_backend(request).mode, token_required=request.app.state.token is not None,
                             max_gdd_bytes=MAX_GDD_BYTES)

    @app.post("/api/jobs", status_code=202, response_model=models.Submitted, openapi_extra={"requestBody": SUBMIT_BODY},
              dependencies=[Depends(writer)], responses=responses(401, 409, 413, 415, 422, 503))
    async def submit(request: Request, response: Response) -> models.Submitted:
        """Submit a GDD: as JSON, or as a file (multipart/form-data)."""
        text, title, seed, submission_id = await _submission(request)
        backend = _backend(request)
        if backend.mode == "embedded":
            text = _checked(accept_text, text)  # refused now: the caller hears at once, no job is made
        accepted = await run_in_threadpool(backend.submit, text, title, seed, submission_id)
        if accepted.error:
            raise GatewayError(422, "refused-gdd", accepted.error, job_id=accepted.job_id)
        response.headers["Location"] = f"/api/jobs/{accepted.job_id}"
        status = accepted.status if accepted.status in models.FINISHED | {"queued", "running"} else "queued"
        return models.Submitted(job_id=accepted.job_id, status=status,
                                duplicate=accepted.duplicate, links=_links(accepted.job_id))

    @app.get("/api/jobs", response_model=models.JobPage)
    def list_jobs(request: Request, status: Annotated[models.JobStatus | None, Query()] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20,
                  offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> models.JobPage:
        """The jobs, newest first, a page at a time."""
        rows = _backend(request).read(lambda session: [
            models.job_out(job.as_dict()) for job in repository.list_jobs(session, status, limit + 1, offset)])
        more = len(rows) > limit
        query = f"limit={limit}&offset={offset + limit}" + (f"&status={status}" if status else "")
        return models.JobPage.model_validate({"jobs": rows[:limit], "limit": limit, "offset": offset,
                                              "next": f"/api/jobs?{query}" if more else None})

    @app.get("/api/jobs/{job_id}", response_model=models.JobOut, responses=job_errors)
    def job(request: Request, job_id: JobId) -> dict[str, Any]:
        return _job_dict(_backend(request), job_id)

    @app.get("/api/jobs/{job_id}/events", response_class=StreamingResponse, responses={
        200: {"description": "Server-sent events: `job` at once and on each change, then `end`.",
              "content": {"text/event-stream": {"schema": {"type": "string"}}}}, **job_errors})
    async def events(request: Request, job_id: JobId) -> StreamingResponse:
        backend = _backend(request)
        first = await run_in_threadpool(_job_dict, backend, job_id)
        return StreamingResponse(_stream(request, backend, job_id, first), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @app.get("/api/jobs/{job_id}/spec", response_model=models.SpecOut, responses=responses(404, 409))
    def spec(request: Request, job_id: JobId) -> dict[str, Any]:
        def read(session: Session) -> dict[str, Any]:
            found = _get(session, job_id)
            if found.spec is None:
                raise ConflictError(f"job {found.id} is {found.status}: its GDD is not parsed (yet)", found.id)
            return {"spec": found.spec, "warnings": list(found.warnings or []),
                    "fidelity": list(found.spec.get("fidelity") or [])}
        return _backend(request).read(read)

    @app.get("/api/jobs/{job_id}/build", responses={
        200: {"description": "The build's zip, or with ?link=true a link to it.",
              "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}},
                          "application/json": {"schema": {"$ref": "#/components/schemas/BuildLink"}}}},
        **responses(404, 409, 503)}, response_model=None)
    def build(request: Request, job_id: JobId, link: bool = False) -> Response:
        backend = _backend(request)
        title, files = _build_files(backend, job_id)
        zipped = next((stored for name, stored in files.items() if "/" not in name and name.endswith(".zip")), None)
        if link:
            from maestro.s3store import S3Store

            if zipped is None or not isinstance(backend.store, S3Store):
                raise ConflictError("no link to give: the build is served from this server (GET it without "
                                    "?link=true)", job_id)
            return JSONResponse(models.BuildLink(url=backend.store.url(zipped.key, 3600)).model_dump())
        name = folder_name(title or "game", "maestro-game")
        if zipped is not None:
            data = _verified(backend, zipped)
        else:  # a build stored without its zip: zipped here as the build stage zips
            from maestro.stages.build import zipped as zip_build

            data = zip_build({path: _verified(backend, stored) for path, stored in files.items()}, name)
        return StreamingResponse(_chunks(data), media_type="application/zip",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.zip"',
                                          "Content-Length": str(len(data))})

    @app.get("/api/jobs/{job_id}/play/{path:path}", responses={
        200: {"description": "A file of the build.", "content": {"*/*": {"schema": {"type": "string",
                                                                                     "format": "binary"}}}},
        **responses(404, 409)}, response_model=None)
    def play(request: Request, job_id: JobId, path: str) -> Response:
        backend = _backend(request)
        _, files = _build_files(backend, job_id)
        stored = files.get(path or "index.html")
        if stored is None:
            raise NotFoundError("no such file in the build")
        return Response(_verified(backend, stored), media_type=stored.content_type, headers=PLAY_HEADERS)

    @app.post("/api/jobs/{job_id}/cancel", status_code=202, response_model=models.Cancelled,
              dependencies=[Depends(writer)], responses=responses(401, 404, 409, 503))
    def cancel(request: Request, job_id: JobId) -> models.Cancelled:
        backend = _backend(request)
        _job_dict(backend, job_id)
        try:
            revoked = backend.cancel(job_id)
        except InputError as error:
            if isinstance(error, repository.JobNotFoundError):
                raise
            raise ConflictError(str(error), job_id) from None
        return models.Cancelled(job_id=job_id, status="cancelled", revoked=revoked)

    @app.post("/api/jobs/{job_id}/retry", status_code=202, response_model=models.Retried,
              dependencies=[Depends(writer)], responses=responses(401, 404, 409, 503))
    def retry(request: Request, job_id: JobId) -> models.Retried:
        backend = _backend(request)
        _job_dict(backend, job_id)
        try:
            stages = backend.retry(job_id)
        except InputError as error:
            if isinstance(error, repository.JobNotFoundError):
                raise
            raise ConflictError(str(error), job_id) from None
        return models.Retried(job_id=job_id, status="queued", stages=stages)

    @app.get("/healthz", response_model=models.Health)
    def healthz() -> models.Health:
        return models.Health(status="ok")

    @app.get("/readyz", response_model=models.Ready, responses={503: {"model": models.Ready,
                                                                      "description": "Not ready"}})
    def readyz(request: Request) -> JSONResponse:
        checks = _backend(request).checks()
        ready = all(ok for _, ok, _ in checks)
        body = models.Ready(ready=ready, checks=[models.CheckOut(name=name, ok=ok, detail=detail)
                                                 for name, ok, detail in checks])
        return JSONResponse(body.model_dump(), status_code=200 if ready else 503)

    app.openapi_schema = None
    original = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, with the models only the hand-written parts name (JSON body, problems)."""
        if app.openapi_schema is None:
            document = original()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas["SubmitJob"] = models.SubmitJob.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas["BuildLink"] = models.BuildLink.model_json_schema()
            schemas["Problem"] = Problem.model_json_schema()
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# --- the pieces of the routes -----------------------------------------------------------------------


async def _submission(request: Request) -> tuple[str, str | None, int | None, str | None]:
    """The GDD's text, title, seed and submission id from a JSON or multipart body, checked."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = models.SubmitJob.model_validate_json(await request.body())
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the body"
            raise GatewayError(422, "invalid-request", f"{where}: {first['msg']}") from None
        if gdd_size(body.gdd) > MAX_GDD_BYTES:
            raise GatewayError(422, "refused-gdd", str(too_large(gdd_size(body.gdd))))
        text, title, seed, submission_id = body.gdd, body.title, body.seed, body.submission_id
    elif kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=8)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise GatewayError(422, "invalid-request", "file: the GDD file is missing (a form field named file)")
        data = await upload.read(MAX_GDD_BYTES + 1)
        if len(data) > MAX_GDD_BYTES:
            raise GatewayError(422, "refused-gdd", str(too_large(len(data))))
        text = _checked(decode_gdd, data)
        title = _field(form.get("title")) or _file_title(upload.filename)
        seed = _seed(_field(form.get("seed")))
        submission_id = None
    else:
        raise GatewayError(415, "unsupported-media-type", "send the GDD as application/json or multipart/form-data")
    try:
        Submitter.from_call(kwargs={"title": title, "seed": seed, "submission_id": submission_id, "source": "api"})
    except InputError as error:
        raise GatewayError(422, "invalid-request", str(error)) from None
    return text, title, seed, submission_id


def _checked(check: Callable[[Any], str], value: Any) -> str:
    try:
        return check(value)
    except GDDError as error:
        raise GatewayError(422, "refused-gdd", str(error)) from None


def _field(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise GatewayError(422, "invalid-request", "title and seed are text fields, not files")
    return value.strip() or None


def _seed(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        raise GatewayError(422, "invalid-request", "seed: must be a whole number from 0 to 9223372036854775807")
    return int(value)


def _file_title(filename: str | None) -> str | None:
    """The uploaded file's name without its extension, as ``maestro submit`` titles a job, if usable."""
    stem = FilePath((filename or "").replace("\\", "/")).stem[:TITLE_MAX]
    return stem if stem.isprintable() and stem.strip() else None


def _build_files(backend: Backend, job_id: str) -> tuple[str, dict[str, StoredFile]]:
    """The job's title and its build's files by path, from a manifest checked as ``maestro fetch`` checks it."""
    from maestro_app.fetch import read_manifest

    def read(session: Session) -> tuple[str, str, Any]:
        found = _get(session, job_id)
        run = found.stage("build")
        return found.title, found.status, run.outputs if run is not None else None

    title, status, outputs = backend.read(read)
    if status != "succeeded" or not outputs:
        raise ConflictError(f"job {job_id} is {status}: it has no build", job_id)
    files: dict[str, StoredFile] = {}
    for stored in read_manifest(outputs).files:
        try:
            name = build_path(stored.key)  # this job's build folder, or the first job's on a stage-cache hit
        except ValueError:
            continue  # a key outside a build folder is never served
        files[name] = stored
    return title, files


def _verified(backend: Backend, stored: StoredFile) -> bytes:
    """The object's bytes once they match the manifest (``maestro fetch``'s check)."""
    from maestro_app.fetch import Planned, download

    return download(backend.store, Planned(stored.key, FilePath(stored.key), stored.sha256, stored.bytes))


async def _chunks(data: bytes, size: int = 1 << 16) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


async def _stream(request: Request, backend: Backend, job_id: str, first: dict[str, Any]) -> AsyncIterator[str]:
    """The job's events: ``job`` now and on each change, ``: ping`` now and then, ``end`` when it ends."""
    deadline = time.monotonic() + STREAM_SECONDS
    next_ping = time.monotonic() + PING_SECONDS
    current, sent = first, ""
    while True:
        text = json.dumps(current, ensure_ascii=False)
        if text != sent:
            yield f"event: job\ndata: {text}\n\n"
            sent = text
        if current["status"] in models.FINISHED:
            yield f"event: end\ndata: {text}\n\n"
            return
        if time.monotonic() >= deadline or await request.is_disconnected():
            return
        await asyncio.sleep(POLL_SECONDS)
        if time.monotonic() >= next_ping:
            yield ": ping\n\n"
            next_ping += PING_SECONDS
        current = await run_in_threadpool(_job_dict, backend, job_id)


__all__ = ["PROBLEM_TYPE", "create_app"]
