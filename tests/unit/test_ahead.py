"""The embedded mode's header stages side by side: the same files as one by one, and errors where they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.gdd import read_gdd_bytes
from maestro.store import LocalStore
from tests.expectations import EXAMPLES
from workers import ahead, tasks
from workers.embedded import StageError, run_job

GDD = EXAMPLES / "rooftop_run.txt"


def files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)).split("/", 2)[-1]: path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_side_by_side_stores_the_same_files_as_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ahead.available(LocalStore(tmp_path))
    together = run_job(read_gdd_bytes(GDD), LocalStore(tmp_path / "a"), seed=4)
    monkeypatch.setenv("MAESTRO_EMBEDDED_PARALLEL", "0")
    assert not ahead.available(LocalStore(tmp_path))
    alone = run_job(read_gdd_bytes(GDD), LocalStore(tmp_path / "b"), seed=4)
    assert {s: [f.sha256 for f in m.files] for s, m in together.manifests.items()} == \
        {s: [f.sha256 for f in m.files] for s, m in alone.manifests.items()}
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_a_stage_that_fails_ahead_fails_in_its_own_task_with_its_own_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> object:
        raise ValueError("sonata exploded")

    monkeypatch.setitem(tasks.STAGE_RUNS, "sonata", broken)
    with pytest.raises(StageError) as failure:
        run_job(read_gdd_bytes(GDD), LocalStore(tmp_path), seed=4)
    assert failure.value.stage == "sonata" and "sonata exploded" in str(failure.value)
