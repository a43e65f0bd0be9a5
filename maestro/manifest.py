"""The small JSON every stage returns: which files it stored, their hashes and a few facts.

Manifests are what travels through the broker (never file contents), and what the build stage
reads to find the four stages' outputs.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class StoredFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(description="Store key, e.g. jobs/<job>/labyrinth/level-01.json.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    content_type: str


class StageManifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: str
    files: list[StoredFile]
    meta: dict[str, Any] = Field(default_factory=dict)

    def file(self, name: str) -> StoredFile:
        """The stored file whose key ends with ``/name`` (or is ``name``)."""
        for stored in self.files:
            if stored.key == name or stored.key.endswith("/" + name):
                return stored
        raise KeyError(f"{self.stage} manifest has no file named {name!r}")
