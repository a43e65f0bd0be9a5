"""``maestro fetch``: a finished job's build, copied from the store into a folder, trusting nothing.

The job row's build manifest and the store's objects may have been written by anyone who can
reach the database or the bucket. So, in this order, before a byte reaches the disk:

1. the manifest must have the shape the build stage writes (:class:`StageManifest`);
2. every key must be a file of *this* job's build (``jobs/<job>/build/...``), and must land inside
   the output folder: no ``..``, no absolute path, no symbolic link already in the folder that
   leads out of it;
3. every object is read (from a local store without following a symbolic link anywhere below its
   root) and must match the manifest's size and sha256.

Only then is anything written, each file atomically (:func:`maestro.folders.write_file`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from maestro.errors import MaestroError
from maestro.folders import FolderError, inside, write_file
from maestro.manifest import StageManifest
from maestro.pipeline import build_path
from maestro.store import InvalidKeyError, ObjectMissingError, Store, StoreError


class FetchError(MaestroError):
    """The job's build cannot be fetched as it is: the manifest or an object is not what Maestro wrote."""


@dataclass(frozen=True)
class Planned:
    """One file to fetch: its store key, where it goes, and what its bytes must hash to."""

    key: str
    path: Path
    sha256: str
    size: int


def read_manifest(outputs: Any) -> StageManifest:
    """The build stage's manifest from a job row, or a one-line :class:`FetchError` saying what is wrong."""
    try:
        manifest = StageManifest.model_validate(outputs)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the manifest"
        more = f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else ""
        raise FetchError(f"the job's build manifest is not one Maestro wrote: {where}: {first['msg']}{more}") from None
    if manifest.stage != "build":
        raise FetchError(f"the job's build manifest is the {manifest.stage!r} stage's, not the build's")
    return manifest


def plan(job_id: str, manifest: StageManifest, out: Path) -> list[Planned]:
    """Where each file of the build goes under ``out``; refuses any that is not the job's or lands outside.

    Nothing is created: this runs before the first download.
    """
    planned: dict[Path, Planned] = {}
    for stored in manifest.files:
        try:
            name = build_path(stored.key)
            path = inside(out, name)
        except (ValueError, FolderError) as error:
            raise FetchError(f"refused: {error}") from None
        if path in planned:
            raise FetchError(f"refused: two files of the manifest land on {name!r}")
        planned[path] = Planned(stored.key, path, stored.sha256, stored.bytes)
    for path in planned:
        clash = next((parent for parent in path.parents if parent in planned), None)
        if clash is not None:
            raise FetchError(f"refused: {planned[clash].key!r} would be both a file and the folder of "
                             f"{planned[path].key!r}")
    return list(planned.values())


def download(store: Store, item: Planned) -> bytes:
    """The object's bytes, once they match the manifest's size and sha256."""
    try:
        data = store.get(item.key)  # a local store refuses symbolic links and non-files itself
    except StoreError as error:
        raise FetchError(str(error) if isinstance(error, ObjectMissingError | InvalidKeyError)
                         else f"cannot read {item.key!r}: {error}") from None
    if len(data) != item.size:
        raise FetchError(f"refused {item.key!r}: the store holds {len(data)} bytes, the manifest says {item.size}")
    digest = hashlib.sha256(data).hexdigest()
    if digest != item.sha256:
        raise FetchError(f"refused {item.key!r}: its sha256 is {digest}, the manifest says {item.sha256}")
    return data


def fetch_build(store: Store, job_id: str, outputs: Any, out: Path) -> Path:
    """Check, download and verify the whole build, then write it into ``out``; the ``index.html`` path.

    A refusal at any step leaves ``out`` exactly as it was: nothing is written until every object
    has passed.
    """
    items = plan(job_id, read_manifest(outputs), out)
    blobs = [(item.path, download(store, item)) for item in items]
    for path, data in blobs:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, data)
    return out.resolve() / "index.html"
