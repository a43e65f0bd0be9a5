"""Where artifacts live: one small interface, so stages never care whether it is a folder or S3.

Stages call :meth:`Store.put` with bytes and get back a :class:`StoredFile` (key, sha256, size,
content type) for their manifest. Writes are atomic: a reader sees the whole object or nothing,
so a worker killed mid-write leaves no half-written artifact.
"""

import hashlib
import os
import tempfile
from pathlib import Path, PurePosixPath
from typing import Protocol

from maestro.errors import MaestroError
from maestro.manifest import StoredFile


class StoreError(MaestroError):
    """The store refused or could not answer (missing key, bad key, unreachable server)."""


class Store(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> StoredFile: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...


def check_key(key: str) -> str:
    """Refuse keys that could escape the store's root or collide with its temporary files."""
    path = PurePosixPath(key)
    if not key or path.is_absolute() or any(part in ("", ".", "..") for part in key.split("/")):
        raise StoreError(f"invalid store key {key!r}: use relative a/b/c keys without '.' or '..'")
    return key


def describe(key: str, data: bytes, content_type: str) -> StoredFile:
    return StoredFile(key=key, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), content_type=content_type)


class LocalStore:
    """A folder on disk; the embedded mode's store and the one tests use."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key).split("/"))

    def put(self, key: str, data: bytes, content_type: str) -> StoredFile:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return describe(key, data, content_type)

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"store has no object {key!r} (looked in {path})") from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()
