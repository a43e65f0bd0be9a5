"""codex, build and `maestro run`: the game's own code, the build folder, the zip, the exit codes."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from maestro.folders import FolderError, replace_folder
from maestro.gdd import parse_gdd, read_gdd, read_gdd_bytes
from maestro.manifest import StoredFile
from maestro.safe_text import markdown_text
from maestro.stages.codex import controls_of, game_js
from maestro.store import LocalStore
from tests.expectations import EXAMPLES
from workers.embedded import StageError, run_job

GDDS = sorted(EXAMPLES.glob("*.*"))
HOSTILE = "# </script><script>alert(1)</script>\n\nA platformer about <b>Kit</b>.\n\n## Levels\n1. One\n2. Two\n"


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_generated_game_code_passes_node_check(gdd: Path, tmp_path: Path, node: str) -> None:
    spec = read_gdd(gdd)
    source = tmp_path / "game.js"
    source.write_text("var Maestro = {};\n" + game_js(spec, spec.seed), encoding="utf-8")
    result = subprocess.run([node, "--check", str(source)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_game_code_keeps_gdd_text_as_data(tmp_path: Path, node: str) -> None:
    spec = parse_gdd(HOSTILE)
    source = game_js(spec, spec.seed)
    assert "</script" not in source.lower() and "<b>" not in source
    script = tmp_path / "read.js"
    script.write_text("var Maestro = {};\n" + source + "\nprocess.stdout.write(Maestro.game.title);\n",
                      encoding="utf-8")
    shown = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60).stdout
    assert shown == spec.title and "<script>" in shown


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_every_key_does_one_thing(gdd: Path) -> None:
    spec = read_gdd(gdd)
    controls = controls_of(spec)
    codes = [code for codes in controls.values() for code in codes]
    assert len(codes) == len(set(codes))
    needed = ["pause", "restart", *(["mute"] if spec.audio.music or spec.audio.sound else [])]
    needed += ["jump", "down"] if spec.genre.value == "runner" else ["left", "right"]  # a runner runs by itself
    for action in needed:
        assert controls[action], f"no key for {action}"
    assert all(controls.values())


def _build(gdd: bytes, root: Path, job: str = "j") -> tuple[LocalStore, dict[str, StoredFile]]:
    store = LocalStore(root)
    built = run_job(gdd, store, job, seed=7)
    return store, {stored.key.removeprefix(f"jobs/{built.id}/build/"): stored for stored in built.build.files}


def test_same_gdd_and_seed_give_a_byte_identical_zip(tmp_path: Path) -> None:
    gdd = read_gdd_bytes(EXAMPLES / "tofu_jump_mixed.md")
    _, first = _build(gdd, tmp_path / "a")
    _, second = _build(gdd, tmp_path / "b")
    zips = [name for name in first if name.endswith(".zip")]
    assert len(zips) == 1
    assert first[zips[0]].sha256 == second[zips[0]].sha256


def test_build_folder_holds_the_page_sources_assets_manifest_and_report(tmp_path: Path) -> None:
    store, files = _build(read_gdd_bytes(EXAMPLES / "hollow_depths.md"), tmp_path)
    for name in ("index.html", "src/game.js", "src/engine.js", "src/genres/topdown.js", "assets/atlas.png",
                 "audio/audio.json", "levels/level-01.json", "manifest.json", "report.md"):
        assert name in files, name
    manifest = json.loads(store.get(files["manifest.json"].key))
    for name, entry in manifest["files"].items():
        assert hashlib.sha256(store.get(files[name].key)).hexdigest() == entry["sha256"], name
    assert manifest["seed"] == 7 and manifest["genre"] == "topdown"
    report = store.get(files["report.md"].key).decode()
    spec = read_gdd(EXAMPLES / "hollow_depths.md")
    assert all(markdown_text(warning) in report for warning in spec.warnings[:3])
    assert "par" in report and "```" in report
    curve = [line for line in report.splitlines() if re.match(r"\| \d+ \| \d+ \| [\d.]+ \| enemies", line)]
    levels = len(json.loads(store.get(files["levels/levels.json"].key))["levels"])
    assert len(curve) == levels, "report.md lacks a measured difficulty per level"
    archive = zipfile.ZipFile(io.BytesIO(store.get(files[next(n for n in files if n.endswith(".zip"))].key)))
    assert {name.split("/", 1)[1] for name in archive.namelist()} == {*manifest["files"], "manifest.json"}


def test_the_page_fetches_nothing_and_carries_gdd_text_only_as_data(tmp_path: Path) -> None:
    store, files = _build(HOSTILE.encode(), tmp_path)
    page = store.get(files["index.html"].key).decode()
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    assert page.lower().count("<script>") == page.lower().count("</script>")
    assert "<script>alert(1)" not in page and "<b>Kit" not in page
    assert "&lt;/script&gt;" in page  # the <title>, escaped


class BrokenStore(LocalStore):
    """A disk that fills up when the codex stage writes."""

    def put(self, key: str, data: bytes, content_type: str) -> StoredFile:
        if "/codex/" in key:
            raise OSError("disk full")
        return super().put(key, data, content_type)


def test_a_failing_stage_is_named(tmp_path: Path) -> None:
    with pytest.raises(StageError, match=r"stage codex failed: .*disk full") as raised:
        run_job(read_gdd_bytes(EXAMPLES / "moss_knight.md"), BrokenStore(tmp_path), "x")
    assert raised.value.stage == "codex"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "maestro_app.cli", "run", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_run_prints_the_index_path_and_shows_each_stage(tmp_path: Path) -> None:
    result = _run(str(EXAMPLES / "rooftop_run.txt"), "-o", str(tmp_path / "game"))
    assert result.returncode == 0, result.stderr
    index = Path(result.stdout.strip())
    assert index == (tmp_path / "game" / "index.html").resolve() and index.is_file()
    for stage in ("parse", "codex", "canvas", "sonata", "labyrinth", "build"):
        assert stage in result.stderr


def test_run_refuses_bad_input_with_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "gdd.md"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = _run(str(bad), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("maestro: error:")
    assert not (tmp_path / "out").exists()


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _a_build(title: str) -> dict[str, bytes]:
    return {"index.html": title.encode(), "manifest.json": json.dumps({"format": "maestro.build/1"}).encode()}


def test_replacing_a_build_leaves_exactly_the_new_files(tmp_path: Path) -> None:
    target = tmp_path / "game"
    replace_folder({**_a_build("one"), "levels/level-09.json": b"{}", "old.zip": b"zip"}, target)
    replace_folder({**_a_build("two"), "levels/level-01.json": b"[]"}, target)
    assert _tree(target) == {**_a_build("two"), "levels/level-01.json": b"[]"}
    assert [path.name for path in tmp_path.iterdir()] == ["game"]


def test_a_build_that_fails_half_way_leaves_the_old_one_whole(tmp_path: Path) -> None:
    target = tmp_path / "game"
    replace_folder(_a_build("old"), target)
    with pytest.raises(OSError):
        replace_folder({**_a_build("new"), "src": b"a file", "src/game.js": b"and a folder"}, target)
    assert _tree(target) == _a_build("old")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["game"]


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/escape", "a/../../escape", "a//b", "a\\b", ""])
def test_a_file_name_that_leaves_the_folder_is_refused_and_the_old_build_kept(tmp_path: Path, name: str) -> None:
    target = tmp_path / "game"
    replace_folder(_a_build("old"), target)
    with pytest.raises(FolderError):
        replace_folder({**_a_build("new"), name: b"x"}, target)
    assert _tree(target) == _a_build("old")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["game"]


def test_a_folder_that_is_not_a_build_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(FolderError, match="no Maestro build"):
        replace_folder(_a_build("new"), tmp_path / "mine")
    assert _tree(tmp_path / "mine") == {"notes.txt": b"keep me"}


def test_the_report_keeps_gdd_html_as_text(tmp_path: Path) -> None:
    store, files = _build(HOSTILE.encode(), tmp_path)
    report = store.get(files["report.md"].key).decode()
    assert "<script" not in report.lower() and "<b>" not in report
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in report
