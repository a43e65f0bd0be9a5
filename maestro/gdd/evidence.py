"""`Found`: a value the parser settled on, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from maestro.spec import Origin, Provenance

T = TypeVar("T", covariant=True)
V = TypeVar("V")


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    origin: Origin
    detail: str
    line: int | None = None

    def provenance(self) -> Provenance:
        return Provenance(origin=self.origin, detail=self.detail, line=self.line)


def stated(value: V, detail: str, line: int | None = None) -> Found[V]:
    return Found(value, Origin.STATED, quote(detail), line)


def inferred(value: V, detail: str, line: int | None = None) -> Found[V]:
    return Found(value, Origin.INFERRED, detail, line)


def default(value: V, detail: str) -> Found[V]:
    return Found(value, Origin.DEFAULT, detail, None)


def quote(text: str, limit: int = 80) -> str:
    """A GDD excerpt short enough for a warning or a provenance note."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
