"""Writing files to disk from names we did not choose: inside the folder asked for, whole or not at all.

A build's file names come from a store and a job row, which a hostile or broken cluster may fill
with ``../../.bashrc`` or ``/etc/cron.d/x``. Every name is checked with :func:`inside` before
anything is created, every file is written to a temporary name and renamed into place
(:func:`write_file`), and a build folder is replaced as a whole (:func:`replace_folder`): a reader
sees the old game or the new one, never a mix of both or half of either.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from maestro.errors import MaestroError
from maestro.pipeline import BUILD_FORMAT

#: Mode of every file written: readable by all, as a web build's files must be.
FILE_MODE = 0o644
#: Mode of a folder :func:`replace_folder` makes (``mkdtemp`` would leave it private, 0700).
FOLDER_MODE = 0o755


class FolderError(MaestroError):
    """A file name that would land outside its folder, or a folder that is not ours to replace."""


def inside(base: Path, name: str) -> Path:
    """Where ``name`` (a relative ``a/b/c`` path) lands under ``base``, checked before anything exists.

    Refuses absolute names, ``.`` and ``..`` parts, empty parts, backslashes and NUL, and any
    name whose resolved path leaves ``base`` through a symbolic link already inside it.
    """
    parts = name.split("/")
    if (not name or name.startswith("/") or "\\" in name or "\x00" in name
            or any(part in ("", ".", "..") for part in parts)):
        raise FolderError(f"refused file name {name!r}: not a plain relative path")
    root = base.resolve()
    path = root.joinpath(*parts).resolve()
    if path == root or not path.is_relative_to(root):
        raise FolderError(f"refused file name {name!r}: it resolves to {path}, outside {root}")
    return path


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, then one rename.

    A reader (or a crash) sees the old file or the new one, never a partial write; an existing
    symbolic link at ``path`` is replaced by the file, not followed.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def is_build_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a Maestro build (its ``manifest.json`` says so)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == BUILD_FORMAT


def why_not_replaceable(target: Path) -> str | None:
    """Why :func:`replace_folder` would refuse ``target``, or None when it may replace it.

    Only a missing folder, an empty one or an earlier Maestro build may be replaced: ``-o ~`` by
    mistake must not delete a home folder.
    """
    if not target.exists():
        return None
    if not target.is_dir():
        return "it is a file"
    try:
        if next(target.iterdir(), None) is None or is_build_folder(target):
            return None
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    return "it holds other files and no Maestro build; give a new or empty folder (a build replaces it whole)"


def replace_folder(files: Mapping[str, bytes], target: Path) -> Path:
    """Make ``target`` hold exactly ``files`` (by relative path), replacing what it held, atomically.

    The files are written into a new sibling folder, which then takes ``target``'s place: the old
    folder is renamed away, the new one renamed in, the old one deleted. No stale file of an
    earlier build survives, and no reader sees a half-written folder. Returns the folder's
    resolved path. Raises :class:`FolderError` for a bad name or a folder that is not a build.
    """
    target = target.resolve()
    reason = why_not_replaceable(target)
    if reason is not None:
        raise FolderError(f"will not replace {target}: {reason}")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    try:
        os.chmod(staging, FOLDER_MODE)
        for name, data in sorted(files.items()):
            path = inside(staging, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, data)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap_in(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; an old ``target`` is kept until ``new`` is in place."""
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    os.rename(target, old)  # onto the empty folder just made: a name nobody else holds
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
