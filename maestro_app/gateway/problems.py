"""RFC 9457 problem details: the one shape every error of the gateway takes.

A problem's ``detail`` is one line of plain text made from our own messages (never a traceback, a
URL with its password, or the raw bytes of a request): :func:`one_line` makes sure of it.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from maestro.logs import redact
from maestro.safe_text import terminal

PROBLEM_TYPE = "application/problem+json"
#: Longest ``detail`` a problem carries: a sentence a person reads, not a dump.
DETAIL_MAX = 500


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(default="about:blank", description="about:blank, or https://maestro.invalid/problems/<slug>.")
    title: str
    status: int
    detail: str
    instance: str = Field(description="The request's path.")
    request_id: str
    job_id: str | None = Field(default=None, description="The job the problem is about, when one was recorded.")


class GatewayError(Exception):
    """An error the gateway answers with a problem: ``status``, a ``slug`` naming its type, one line."""

    def __init__(self, status: int, slug: str, detail: str, *, job_id: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.job_id = job_id
        self.headers = headers or {}


class NotFoundError(GatewayError):
    def __init__(self, detail: str) -> None:
        super().__init__(404, "not-found", detail)


class ConflictError(GatewayError):
    def __init__(self, detail: str, job_id: str | None = None) -> None:
        super().__init__(409, "conflict", detail, job_id=job_id)


TITLES = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
          406: "Not Acceptable", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
          422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable"}


def one_line(text: str) -> str:
    """``text`` as a problem's detail: secrets redacted, controls made visible, one bounded line."""
    shown = terminal(redact(str(text)).strip())
    return shown if len(shown) <= DETAIL_MAX else shown[:DETAIL_MAX - 1] + "…"


def problem(status: int, detail: str, *, instance: str, request_id: str, slug: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """The problem response: the body, its media type, and the request id header."""
    body: dict[str, Any] = {
        "type": f"https://maestro.invalid/problems/{slug}" if slug else "about:blank",
        "title": TITLES.get(status, "Error"), "status": status, "detail": one_line(detail),
        "instance": instance, "request_id": request_id,
    }
    body.update({name: value for name, value in extra.items() if value is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE,
                        headers={**(headers or {}), "X-Request-ID": request_id})


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entry of each problem a route may answer with."""
    return {status: {"model": Problem, "description": TITLES.get(status, "Error"),
                     "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for status in statuses}
