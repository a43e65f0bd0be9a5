"""Real headless Chromium for the end-to-end tests, and the example games built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.gdd import read_gdd_bytes
from maestro.store import LocalStore
from tests.conftest import CHROMIUM, FLAGS
from workers.embedded import run_job

__all__ = ["CHROMIUM", "FLAGS", "build_game"]


def build_game(gdd: bytes, folder: Path) -> Path:
    """Run the whole pipeline on ``gdd`` and write the build folder; the path of its index.html."""
    store = LocalStore(folder / "store")
    job = run_job(gdd, store, "e2e")
    for stored in job.build.files:
        path = folder / "game" / stored.key.removeprefix(f"jobs/{job.id}/build/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(store.get(stored.key))
    return folder / "game" / "index.html"


@pytest.fixture(scope="session")
def games(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Lazily built example games, by GDD file name."""
    return {}


@pytest.fixture
def game_for(games: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def build(gdd: Path) -> Path:
        key = str(gdd.resolve())
        if key not in games:
            games[key] = build_game(read_gdd_bytes(gdd), tmp_path_factory.mktemp(gdd.stem))
        return games[key]

    return build
