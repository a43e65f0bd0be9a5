"""`maestro fetch` trusts neither the job row nor the store: every refusal is one line and writes nothing.

The cluster here is as small as it gets and still real: a SQLite job database and a local-folder
store, both planted with what an attacker who can write to them would put there. The command
runs as the installed console script, in cluster mode (the broker URL is set but never used).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from maestro.db import repository
from maestro.db.models import Base
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.manifest import StageManifest
from maestro.store import LocalStore
from maestro_app.fetch import FetchError, fetch_build, plan, read_manifest

MAESTRO = Path(sys.executable).with_name("maestro")
INDEX = b"<!doctype html><title>game</title>"


def _entry(key: str, data: bytes) -> dict[str, Any]:
    return {"key": key, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "content_type": "text/html"}


class Cluster:
    """A job database and a store in ``root``, one job in them, and the console script pointed at both."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = LocalStore(root / "store")
        self.job = str(uuid.uuid4())
        self.database = f"sqlite:///{root / 'jobs.db'}"
        engine = make_engine(self.database)
        Base.metadata.create_all(engine)
        self.sessions = session_factory(engine)
        with session_scope(self.sessions) as session:
            repository.create_job(session, title="planted", gdd_sha256="0" * 64, seed=1, source="cli",
                                  job_id=self.job)

    def key(self, name: str) -> str:
        return f"jobs/{self.job}/build/{name}"

    def put(self, name: str, data: bytes) -> dict[str, Any]:
        """Store ``data`` as the build file ``name``; its honest manifest entry."""
        self.store.put(self.key(name), data, "text/html")
        return _entry(self.key(name), data)

    def finish(self, outputs: Any) -> None:
        """Mark the job succeeded with ``outputs`` as its build manifest, whatever shape it has."""
        with session_scope(self.sessions) as session:
            repository.stage_succeeded(session, self.job, "build", outputs)
            repository.mark_job(session, self.job, "succeeded")

    def fetch(self, out: Path) -> subprocess.CompletedProcess[str]:
        env = {name: value for name, value in os.environ.items() if not name.startswith("MAESTRO_")}
        env.update(MAESTRO_BROKER_URL="redis://127.0.0.1:1/0", MAESTRO_DATABASE_URL=self.database,
                   MAESTRO_STORE_URL=(self.root / "store").as_uri())
        return subprocess.run([str(MAESTRO), "fetch", self.job, "-o", str(out)], capture_output=True, text=True,
                              timeout=120, env=env, cwd=self.root)


@pytest.fixture
def cluster(tmp_path: Path) -> Cluster:
    return Cluster(tmp_path)


def _manifest(*files: dict[str, Any]) -> dict[str, Any]:
    return {"stage": "build", "files": list(files), "meta": {}}


def _everything_under(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def _refused_in_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("maestro: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_build_is_fetched_verified_and_readable(cluster: Cluster, tmp_path: Path) -> None:
    cluster.finish(_manifest(cluster.put("index.html", INDEX), cluster.put("src/game.js", b"var game = 1;\n")))
    result = cluster.fetch(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == (tmp_path / "out" / "index.html").resolve()
    assert (tmp_path / "out" / "index.html").read_bytes() == INDEX
    assert (tmp_path / "out" / "src" / "game.js").read_bytes() == b"var game = 1;\n"
    assert not [path for path in (tmp_path / "out").rglob(".partial-*")]


def _traversal(cluster: Cluster) -> dict[str, Any]:
    return _entry(f"jobs/{cluster.job}/build/../../../../escaped/x.html", INDEX)


def _absolute(cluster: Cluster) -> dict[str, Any]:
    return _entry(str(cluster.root / "escaped" / "x.html"), INDEX)


def _inner_absolute(cluster: Cluster) -> dict[str, Any]:
    return _entry(f"jobs/{cluster.job}/build/{cluster.root}/escaped/x.html", INDEX)


def _another_job(cluster: Cluster) -> dict[str, Any]:
    # A build's manifest may name another job's build folder (a stage-cache hit), never its other files.
    other = f"jobs/{uuid.uuid4()}/codex/index.html"
    cluster.store.put(other, INDEX, "text/html")
    return _entry(other, INDEX)


def _other_stage(cluster: Cluster) -> dict[str, Any]:
    cluster.store.put(f"jobs/{cluster.job}/gdd.txt", INDEX, "text/plain")
    return _entry(f"jobs/{cluster.job}/gdd.txt", INDEX)


def _symlink_to_a_file_outside(cluster: Cluster) -> dict[str, Any]:
    secret = cluster.root / "secret.txt"
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    link = cluster.store.root.joinpath(*cluster.key("passwd.html").split("/"))
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    return _entry(cluster.key("passwd.html"), secret.read_bytes())  # the attacker knows the hash too


def _symlinked_folder(cluster: Cluster) -> dict[str, Any]:
    outside = cluster.root / "elsewhere"
    outside.mkdir()
    (outside / "game.js").write_bytes(b"stolen")
    link = cluster.store.root.joinpath(*cluster.key("src").split("/"))
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    return _entry(cluster.key("src/game.js"), b"stolen")


def _wrong_sha256(cluster: Cluster) -> dict[str, Any]:
    return {**cluster.put("index.html", INDEX), "sha256": hashlib.sha256(b"what the build wrote").hexdigest()}


def _wrong_size(cluster: Cluster) -> dict[str, Any]:
    return {**cluster.put("index.html", INDEX), "bytes": len(INDEX) + 1}


PLANTED = {
    "a key with ..": (_traversal, "not a file of a job's build folder"),
    "an absolute key": (_absolute, "not a file of a job's build folder"),
    "an absolute path inside the job's prefix": (_inner_absolute, "not a file of a job's build folder"),
    "another job's key outside its build": (_another_job, "not a file of a job's build folder"),
    "a key of another stage": (_other_stage, "not a file of a job's build folder"),
    "a symbolic link to a file outside the store": (_symlink_to_a_file_outside, "symbolic link"),
    "a symbolic link to a folder outside the store": (_symlinked_folder, "symbolic link"),
    "a wrong sha256": (_wrong_sha256, "sha256"),
    "a wrong size": (_wrong_size, "bytes"),
}


@pytest.mark.parametrize("planted", sorted(PLANTED))
def test_a_planted_manifest_or_object_is_refused_in_one_line_and_nothing_is_written(
        cluster: Cluster, tmp_path: Path, planted: str) -> None:
    make, reason = PLANTED[planted]
    honest = cluster.put("levels/level-01.json", b"{}")
    cluster.finish(_manifest(honest, make(cluster)))
    before = _everything_under(tmp_path)
    result = cluster.fetch(tmp_path / "out")
    assert result.returncode == 1
    assert reason in _refused_in_one_line(result)
    assert _everything_under(tmp_path) - before <= {tmp_path / "out"} and not (tmp_path / "out").exists()
    assert not (tmp_path / "escaped").exists()


@pytest.mark.parametrize("outputs", [
    {"stage": "build", "files": "index.html"},
    {"stage": "build", "files": [{"key": 7}]},
    {"stage": "build", "files": [{"key": "jobs/x/build/a", "sha256": "nope", "bytes": -1, "content_type": "x"}]},
    {"files": []},
    {"stage": "codex", "files": []},
], ids=["files-not-a-list", "key-not-a-string", "bad-hash-and-size", "no-stage", "another-stage"])
def test_a_wrong_shaped_manifest_is_one_line(cluster: Cluster, tmp_path: Path, outputs: dict[str, Any]) -> None:
    cluster.finish(outputs)
    result = cluster.fetch(tmp_path / "out")
    assert result.returncode == 1
    assert "manifest" in _refused_in_one_line(result)
    assert not (tmp_path / "out").exists()


def test_a_symbolic_link_in_the_output_folder_cannot_lead_the_build_out(cluster: Cluster, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "src").symlink_to(outside, target_is_directory=True)
    manifest = StageManifest.model_validate(_manifest(cluster.put("src/game.js", b"x")))
    with pytest.raises(FetchError, match="outside"):
        plan(cluster.job, manifest, out)
    assert list(outside.iterdir()) == []


def test_a_file_and_a_folder_of_the_same_name_are_refused_before_writing(cluster: Cluster, tmp_path: Path) -> None:
    outputs = _manifest(cluster.put("src", b"a file"), _entry(cluster.key("src/game.js"), b"x"))
    with pytest.raises(FetchError, match="both a file and the folder"):
        fetch_build(cluster.store, cluster.job, outputs, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_manifest_error_names_the_field() -> None:
    with pytest.raises(FetchError, match=r"files\.0\.sha256"):
        read_manifest(_manifest({"key": "k", "sha256": "x", "bytes": 1, "content_type": "t"}))
