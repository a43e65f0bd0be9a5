"""Files a job's stages stored that no record names: what `maestro doctor --jobs` lists and removes.

A stage writes its files, then records its manifest. If the recording never happens (the job was
cancelled or failed meanwhile, the database was down until the task gave up), the files stay in
the store named by nothing. A rerun of the stage writes the same keys with the same bytes (the
stages are deterministic for a spec and seed), so it adopts them; a job that is never run again
leaves them behind, and only then are they orphans.

Only jobs that ended are judged: an unfinished job's stages may be writing right now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from maestro.pipeline import gdd_key, llm_prefix, spec_key


class _Stage(Protocol):
    status: str
    outputs: dict[str, Any] | None


class _Job(Protocol):
    id: str
    status: str

    @property
    def stages(self) -> Sequence[_Stage]: ...


def recorded_keys(job_id: str, manifests: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every key a job's records name: its GDD and spec, and each file of each succeeded stage's manifest."""
    keys = {gdd_key(job_id), spec_key(job_id)}
    for manifest in manifests:
        for stored in manifest.get("files") or []:
            if isinstance(stored, Mapping) and isinstance(stored.get("key"), str):
                keys.add(stored["key"])
    return keys


def orphaned(job: _Job, stored: Iterable[str]) -> list[str]:
    """The keys under ``job``'s folder that no record of it names; none while the job is unfinished."""
    if job.status not in ("succeeded", "failed", "cancelled"):
        return []
    manifests = [stage.outputs for stage in job.stages if stage.status == "succeeded" and stage.outputs]
    known = recorded_keys(job.id, manifests)
    # the model's prompts and answers are named by their index, which parse's record names
    audited = llm_prefix(job.id) + "/" if any(manifest.get("llm") for manifest in manifests) else None
    return sorted(key for key in stored if key not in known and not (audited and key.startswith(audited)))
