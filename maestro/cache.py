"""The stage cache: a stage whose inputs were seen before reuses the files it made then.

Every stage is deterministic: the same code, the same part of the spec and the same seed give the
same bytes. So each stage's manifest is kept under a key hashed from exactly those three things
(:func:`stage_key`), and a job whose stage finds its key skips the work and names the files the
first job stored. Resubmitting a GDD with the same seed then costs a few lookups instead of a build.

- The code's part is :func:`code_version`, a hash of every source file of the ``maestro`` package:
  any change to the code starts a fresh cache, so a stale result can never come back after an
  upgrade (per-stage version numbers would rely on someone remembering to bump them).
- The spec's part is the top-level fields the stage reads (:data:`STAGE_READS`); a test swaps
  every other field between GDDs and checks that each stage's files stay byte-identical.
- The build's key holds the whole spec, the seed and the four stages' file hashes.
- Parse is cached by the GDD's bytes and the submitted title, when no model is asked (a model's
  answers have their own cache, by prompt, in :mod:`maestro.llm`).
- A job whose build succeeded also keeps all five manifests together under the whole spec and the
  seed (:func:`job_key`), so a resubmission finds in one read that nothing is left to run.

Entries are small JSON objects in the store under ``cache/``. A hit names the files where the
first job stored them (under that job's prefix): nothing is copied, so a hit costs one read per
stage. An entry is written only once its job recorded the stage's success, so it always names
files a record names too (never orphans that ``maestro doctor --remove-orphans`` may delete).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from maestro.manifest import StageManifest
from maestro.pipeline import stage_path
from maestro.spec import GameSpec
from maestro.store import ObjectMissingError, Store

#: Where the entries live in the store.
PREFIX: Final = "cache"
#: The top-level spec fields each header stage reads, directly or through what it calls.
STAGE_READS: Final[Mapping[str, tuple[str, ...]]] = {
    "codex": ("title", "summary", "tagline", "setting", "language", "genre", "platform", "controls", "player",
              "enemies", "items", "mechanics", "levels", "lives", "win_condition", "lose_condition", "score",
              "audio"),
    "canvas": ("title", "setting", "genre", "art", "player", "enemies", "items", "mechanics", "levels", "lives"),
    "sonata": ("title", "setting", "genre", "audio", "player", "enemies", "items", "mechanics", "levels", "lives"),
    "labyrinth": ("title", "setting", "genre", "player", "enemies", "items", "mechanics", "levels", "lives"),
}
#: The stages a job entry holds: all but parse, whose spec it is keyed by.
JOB_STAGES: Final = ("codex", "canvas", "sonata", "labyrinth", "build")
#: Largest entry read back: a manifest of a few hundred files is tens of kilobytes.
ENTRY_MAX_BYTES: Final = 4 * 1024 * 1024


@cache
def code_version() -> str:
    """A hash of the ``maestro`` package's source (Python, JavaScript, JSON): the code's part of every key."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".js", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _key(kind: str, parts: Mapping[str, Any]) -> str:
    payload = json.dumps({"kind": kind, "code": code_version(), **parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def parse_key(gdd_sha256: str, title: str | None) -> str:
    """The parse stage's key: the GDD's bytes (by their SHA-256, which the job records) and its submitted title."""
    return _key("parse", {"gdd": gdd_sha256, "title": title})


def stage_key(stage: str, spec: GameSpec, seed: int) -> str:
    """A header stage's key: the fields of the spec it reads (:data:`STAGE_READS`) and the seed."""
    part = spec.model_dump(mode="json", include=set(STAGE_READS[stage]))
    return _key(stage, {"spec": part, "seed": seed})


def build_key(spec: GameSpec, seed: int, manifests: Mapping[str, StageManifest]) -> str:
    """The build's key: the whole spec, the seed, and what the four stages stored (by content, not by key)."""
    stored = {stage: sorted((stage_path(stored.key, stage), stored.sha256) for stored in manifest.files)
              for stage, manifest in manifests.items()}
    return _key("build", {"spec": spec.model_dump(mode="json"), "seed": seed, "stored": stored})


def job_key(spec: GameSpec, seed: int) -> str:
    """The key of a whole job's manifests: every stage is a function of the code, the spec and the seed."""
    return _key("job", {"spec": spec.model_dump(mode="json"), "seed": seed})


class StageCache:
    """Entries in ``store`` under ``cache/<stage>/``; :meth:`manifest` and :meth:`spec` return None on a miss."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def entry_key(stage: str, key: str) -> str:
        return f"{PREFIX}/{stage}/{key[:2]}/{key}.json"

    def _read(self, stage: str, key: str) -> dict[str, Any] | None:
        try:
            data = self.store.get(self.entry_key(stage, key))
        except ObjectMissingError:
            return None
        if len(data) > ENTRY_MAX_BYTES:
            return None
        try:
            entry = json.loads(data)
        except ValueError:
            return None
        return entry if isinstance(entry, dict) else None

    def manifest(self, stage: str, key: str) -> StageManifest | None:
        """The manifest a stage stored under ``key``, or None (no entry, or one that no longer reads)."""
        entry = self._read(stage, key)
        if entry is None:
            return None
        try:
            manifest = StageManifest.model_validate(entry.get("manifest"))
        except ValidationError:
            return None
        return manifest if manifest.stage == stage else None

    def spec(self, key: str) -> GameSpec | None:
        """The spec parse made for ``key``, or None."""
        entry = self._read("parse", key)
        if entry is None:
            return None
        try:
            return GameSpec.model_validate(entry.get("spec"))
        except ValidationError:
            return None

    def job(self, key: str) -> dict[str, StageManifest] | None:
        """Every stage's manifest after parse, kept together when a job's build succeeded; or None.

        One read answers whether a resubmitted job can be finished at once (no stage left to run).
        """
        entry = self._read("job", key)
        if entry is None or not isinstance(entry.get("manifests"), dict):
            return None
        try:
            found = {stage: StageManifest.model_validate(entry["manifests"][stage]) for stage in JOB_STAGES}
        except (KeyError, ValidationError):
            return None
        return found if all(manifest.stage == stage for stage, manifest in found.items()) else None

    def keep_job(self, key: str, manifests: Mapping[str, StageManifest], job_id: str) -> None:
        self._write("job", key, {"manifests": {stage: manifests[stage].model_dump(mode="json")
                                               for stage in JOB_STAGES}, "job": job_id})

    def keep_manifest(self, stage: str, key: str, manifest: StageManifest, job_id: str) -> None:
        self._write(stage, key, {"manifest": manifest.model_dump(mode="json"), "job": job_id})

    def keep_spec(self, key: str, spec: GameSpec, job_id: str) -> None:
        self._write("parse", key, {"spec": spec.model_dump(mode="json"), "job": job_id})

    def _write(self, stage: str, key: str, entry: dict[str, Any]) -> None:
        self.store.put(self.entry_key(stage, key), json.dumps(entry, separators=(",", ":")).encode(),
                       "application/json")
