"""The labyrinth stage as the pipeline uses it: every GDD's levels, proven, stored, reproducible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from maestro.gdd import read_gdd
from maestro.labyrinth import verify
from maestro.level import LevelFile, level_json_schema, load_schema
from maestro.stages import labyrinth
from maestro.store import LocalStore
from tests.expectations import EXAMPLES, WILD

GDDS = sorted(EXAMPLES.glob("*.*")) + sorted(p for p in WILD.glob("*.*") if p.suffix in (".md", ".txt"))
ONE_PER_GENRE = ["moss_knight.md", "hollow_depths.md", "warehouse_shift.md", "neon_vanguard.md", "rooftop_run.txt"]


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_every_gdd_yields_its_levels_each_proven_from_the_stored_file(gdd: Path, tmp_path: Path) -> None:
    spec = read_gdd(gdd)
    store = LocalStore(tmp_path)
    manifest = labyrinth.run(spec, spec.seed, store, "jobs/test/labyrinth")

    index = json.loads(store.get(manifest.file("levels.json").key))
    assert [entry["index"] for entry in index["levels"]] == list(range(1, len(spec.levels) + 1))
    assert [entry["name"] for entry in index["levels"]] == [level.name for level in spec.levels]
    difficulties = [entry["difficulty"] for entry in index["levels"]]
    assert difficulties == sorted(difficulties)

    schema = load_schema()
    for entry in index["levels"]:
        data = store.get(manifest.file(entry["file"]).key)
        jsonschema.validate(json.loads(data), schema)
        level = LevelFile.model_validate_json(data)
        assert level.genre == spec.genre
        outcome = verify(level)
        assert outcome.completed, f"{gdd.name} level {level.index}: {outcome.reason}"


@pytest.mark.parametrize("name", ONE_PER_GENRE)
def test_same_spec_and_seed_store_byte_identical_files(name: str, tmp_path: Path) -> None:
    spec = read_gdd(EXAMPLES / name)
    first = labyrinth.run(spec, 1234, LocalStore(tmp_path / "a"), "levels")
    second = labyrinth.run(spec, 1234, LocalStore(tmp_path / "b"), "levels")
    assert [f.sha256 for f in first.files] == [f.sha256 for f in second.files]
    assert first == second


def test_another_seed_gives_other_levels(tmp_path: Path) -> None:
    spec = read_gdd(EXAMPLES / "moss_knight.md")
    first = labyrinth.run(spec, 1, LocalStore(tmp_path), "a")
    second = labyrinth.run(spec, 2, LocalStore(tmp_path), "b")
    assert first.files[0].sha256 != second.files[0].sha256


def test_manifest_lists_every_file_with_its_hash_and_size(tmp_path: Path) -> None:
    spec = read_gdd(EXAMPLES / "warehouse_shift.md")
    manifest = labyrinth.run(spec, spec.seed, LocalStore(tmp_path), "jobs/j1/labyrinth")
    assert manifest.stage == "labyrinth"
    assert len(manifest.files) == len(spec.levels) + 1
    for stored in manifest.files:
        assert stored.key.startswith("jobs/j1/labyrinth/")
        assert (tmp_path / stored.key).stat().st_size == stored.bytes
        assert stored.content_type == "application/json"
    assert manifest.meta["proven"] is True and manifest.meta["levels"] == len(spec.levels)


def test_shipped_schema_matches_the_level_models() -> None:
    assert load_schema() == json.loads(json.dumps(level_json_schema()))


def test_levels_command_prints_a_preview_and_writes_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "maestro_app.cli", "levels", str(EXAMPLES / "warehouse_shift.md"), "-l", "2",
         "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "puzzle level 2" in result.stdout and "@" in result.stdout
    assert "puzzle level 1" not in result.stdout
    assert (tmp_path / "labyrinth" / "level-02.json").is_file()


def test_levels_command_rejects_a_binary_file_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "gdd.md"
    bad.write_bytes(b"%PDF-1.7\x00\x01")
    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "levels", str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "maestro: error:" in result.stderr
