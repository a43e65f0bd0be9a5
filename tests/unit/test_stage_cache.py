"""The stage cache: a resubmitted GDD reuses every stage's files, and a key holds all a stage reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maestro import cache
from maestro.cache import STAGE_READS, StageCache, build_key, parse_key, stage_key
from maestro.gdd import parse_gdd
from maestro.pipeline import build_path, stage_prefix
from maestro.spec import GameSpec
from maestro.store import LocalStore
from workers import tasks
from workers.embedded import run_job

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "gdd"


def spec_of(name: str) -> GameSpec:
    return parse_gdd((EXAMPLES / name).read_bytes(), None)


def outputs(stage: str, spec: GameSpec, root: Path) -> list[tuple[str, str]]:
    """What the stage stores for ``spec`` (seed 11), by path in its folder and hash, and its facts."""
    manifest = tasks.STAGE_RUNS[stage](spec, 11, LocalStore(root), stage_prefix("j", stage))
    return [(stored.key, stored.sha256) for stored in manifest.files] + [("meta", json.dumps(manifest.meta))]


@pytest.mark.parametrize("stage", list(STAGE_READS))
def test_a_stage_reads_nothing_of_the_spec_its_key_leaves_out(stage: str, tmp_path: Path) -> None:
    """Every field the key leaves out comes from a very different GDD: the files stay byte-identical."""
    spec = spec_of("rooftop_run.txt")
    other = spec_of("box_garden_ko.md")
    left_out = set(GameSpec.model_fields) - set(STAGE_READS[stage])
    swapped = spec.model_copy(update={name: getattr(other, name) for name in left_out})
    assert swapped != spec
    assert stage_key(stage, swapped, 11) == stage_key(stage, spec, 11)
    assert outputs(stage, swapped, tmp_path / "b") == outputs(stage, spec, tmp_path / "a")


def test_a_key_changes_with_what_the_stage_reads_the_seed_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = spec_of("rooftop_run.txt")
    retitled = spec.model_copy(update={"title": "Another Run"})
    assert stage_key("canvas", retitled, 11) != stage_key("canvas", spec, 11)
    assert stage_key("canvas", spec, 12) != stage_key("canvas", spec, 11)
    assert stage_key("sonata", spec, 11) != stage_key("canvas", spec, 11)
    assert parse_key("a" * 64, None) != parse_key("a" * 64, "Title") != parse_key("b" * 64, "Title")
    before = stage_key("codex", spec, 11)
    monkeypatch.setattr(cache, "code_version", lambda: "a newer maestro")
    assert stage_key("codex", spec, 11) != before


def test_an_entry_that_does_not_read_is_a_miss(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    stage_cache = StageCache(store)
    for junk in (b"{", b"[]", b'{"manifest": {"stage": "codex"}}', b'{"manifest": {"stage": "canvas", "files": []}}'):
        store.put(StageCache.entry_key("codex", "k" * 64), junk, "application/json")
        assert stage_cache.manifest("codex", "k" * 64) is None
    assert stage_cache.manifest("codex", "0" * 64) is None
    assert stage_cache.spec("0" * 64) is None


def test_a_resubmitted_gdd_reuses_every_stage_and_fetches_the_same_build(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    text = (EXAMPLES / "rooftop_run.txt").read_text()
    first = run_job(text, store, seed=5, stage_cache=True)
    again = run_job(text, store, seed=5, stage_cache=True)
    other_seed = run_job(text, store, seed=6, stage_cache=True)
    assert again.id != first.id
    for stage, manifest in again.manifests.items():
        assert manifest == first.manifests[stage], f"{stage} was computed again"
    assert again.build == first.build
    assert {build_path(stored.key): store.get(stored.key) for stored in again.build.files} == {
        build_path(stored.key): store.get(stored.key) for stored in first.build.files}
    # Another seed is another game: nothing of the first job's files is named.
    assert not any(stored.key.startswith(f"jobs/{first.id}/")
                   for manifest in (*other_seed.manifests.values(), other_seed.build) for stored in manifest.files)
    assert build_key(first.spec, 5, first.manifests) != build_key(first.spec, 6, first.manifests)
