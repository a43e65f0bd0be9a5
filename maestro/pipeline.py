"""The shape of a job, written once: its stages, where their files live, and the seed it runs with.

Every part of Maestro that names a stage, a store key or a build path reads it from here: the
Celery canvas (``workers/``), the job database (``maestro.db``), the build stage, ``maestro run``
and ``maestro fetch``. Changing the layout means changing this module, and nothing else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from maestro.spec import GameSpec

#: The four stages that run in parallel between parse and build, each on its own queue.
HEADER_STAGES: Final = ("codex", "canvas", "sonata", "labyrinth")
#: Every stage of a job, in the order the job runs them.
STAGES: Final = ("parse", *HEADER_STAGES, "build")

#: Where each header stage's files go inside the build folder.
BUILD_FOLDERS: Final = {"codex": "src", "canvas": "assets", "sonata": "audio", "labyrinth": "levels"}


def job_prefix(job_id: str) -> str:
    """Every key of one job starts with this."""
    return f"jobs/{job_id}"


def gdd_key(job_id: str) -> str:
    """The GDD as decoded at the edge: normalised UTF-8 text, the one every stage reads."""
    return f"{job_prefix(job_id)}/gdd.txt"


def spec_key(job_id: str) -> str:
    """The parsed spec, JSON."""
    return f"{job_prefix(job_id)}/spec.json"


def stage_prefix(job_id: str, stage: str) -> str:
    """The folder a stage writes its files under (the build stage writes the build folder there)."""
    return f"{job_prefix(job_id)}/{stage}"


def build_path(job_id: str, key: str) -> str:
    """A build file's path inside the build folder, from its store key (``index.html``, ``src/game.js``)."""
    prefix = stage_prefix(job_id, "build") + "/"
    path = key.removeprefix(prefix)
    if not key.startswith(prefix) or any(part in ("", ".", "..") for part in path.split("/")) or "\\" in path:
        raise ValueError(f"{key!r} is not a file of job {job_id}'s build")
    return path


def build_name(spec: GameSpec) -> str:
    """The build's name (its zip, and ``maestro run``'s default folder): the title in ASCII, or the genre."""
    words = re.sub(r"[^a-z0-9]+", "-", spec.title.lower()).strip("-")
    return words[:48].strip("-") or f"maestro-{spec.genre.value}"


def job_seed(requested: int | None, spec_seed: int) -> int:
    """The seed a job runs with: the one asked for (0 included), else the spec's (a hash of the GDD)."""
    return spec_seed if requested is None else requested
