"""The gateway's JSON shapes: what each route takes and answers, as the OpenAPI document shows them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from maestro.pipeline import STAGES

JobStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]
FINISHED = frozenset({"succeeded", "failed", "cancelled"})


class Config(BaseModel):
    mode: Literal["embedded", "cluster"]
    token_required: bool
    max_gdd_bytes: int


class SubmitJob(BaseModel):
    """A GDD to turn into a game, as JSON (a file upload is ``multipart/form-data`` with ``file``)."""

    model_config = ConfigDict(extra="forbid")

    gdd: str = Field(description="The GDD's text (Markdown or plain text), up to 1 MiB as UTF-8.")
    title: str | None = Field(default=None, max_length=200, description="Titles a GDD whose text names none.")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1, description="Default: a hash of the GDD.")
    submission_id: str | None = Field(default=None, min_length=1, max_length=200,
                                      description="Your id for it: the same id twice makes one job.")


class Links(BaseModel):
    self: str
    events: str
    spec: str
    build: str
    play: str


class Submitted(BaseModel):
    job_id: str
    status: JobStatus
    duplicate: bool
    links: Links


class Stage(BaseModel):
    stage: str
    status: str
    attempts: int
    started_at: str | None
    finished_at: str | None
    duration_seconds: float | None
    worker: str | None
    error: str | None


class Progress(BaseModel):
    done: int
    total: int


class JobOut(BaseModel):
    id: str
    title: str
    status: JobStatus
    error: str | None
    created_at: str | None
    started_at: str | None
    finished_at: str | None
    seed: int | None
    stages: list[Stage]
    progress: Progress


class JobPage(BaseModel):
    jobs: list[JobOut]
    limit: int
    offset: int
    next: str | None = Field(description="The next page's URL, or null on the last page.")


class SpecOut(BaseModel):
    spec: dict[str, Any] = Field(description="The GameSpec (see `maestro schema`).")
    warnings: list[str]
    fidelity: list[dict[str, Any]]


class BuildLink(BaseModel):
    url: str


class Cancelled(BaseModel):
    job_id: str
    status: Literal["cancelled"]
    revoked: int


class Retried(BaseModel):
    job_id: str
    status: Literal["queued"]
    stages: list[str]


class Health(BaseModel):
    status: Literal["ok"]


class CheckOut(BaseModel):
    name: str
    ok: bool
    detail: str


class Ready(BaseModel):
    ready: bool
    checks: list[CheckOut]


def job_out(job: dict[str, Any]) -> dict[str, Any]:
    """A job row's ``as_dict()`` in the gateway's shape: only what a caller reads, plus its progress."""
    stages = [{name: stage.get(name) for name in Stage.model_fields} for stage in job.get("stages", [])]
    return {
        **{name: job.get(name) for name in ("id", "title", "status", "error", "created_at", "started_at",
                                            "finished_at", "seed")},
        "stages": stages,
        "progress": {"done": sum(stage["status"] == "succeeded" for stage in stages), "total": len(STAGES)},
    }
