"""The `maestro` console script as a new user meets it: refusals before any work, honest exit codes.

Every test runs the installed console script in a new process, as a user's shell would.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.expectations import EXAMPLES
from tests.inputs import ENCODED_FILES

MAESTRO = Path(sys.executable).with_name("maestro")
EMBEDDED = {name: value for name, value in os.environ.items() if not name.startswith("MAESTRO_")}


def maestro(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert MAESTRO.exists(), f"the console script is not installed at {MAESTRO}: pip install -e ."
    return subprocess.run([str(MAESTRO), *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=EMBEDDED)


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("maestro: error: ") and "Traceback" not in result.stderr
    return result.stderr


def test_help_lists_the_commands() -> None:
    result = maestro("--help")
    assert result.returncode == 0
    for command in ("run", "submit", "validate", "levels", "art", "audio", "doctor"):
        assert command in result.stdout


def test_run_into_an_existing_file_exits_2_before_any_work(tmp_path: Path) -> None:
    existing = tmp_path / "game.html"
    existing.write_text("mine")
    result = maestro("run", str(EXAMPLES / "warehouse_shift.md"), "-o", str(existing))
    assert result.returncode == 2
    assert "is a file" in _one_error_line(result)
    assert existing.read_text() == "mine"


def test_run_under_a_file_exits_2_before_any_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = maestro("run", str(EXAMPLES / "warehouse_shift.md"), "-o", str(blocker / "game"))
    assert result.returncode == 2
    assert "which is a file" in _one_error_line(result)


def test_run_that_cannot_write_its_build_exits_1_with_the_reason(tmp_path: Path) -> None:
    result = maestro("run", str(EXAMPLES / "warehouse_shift.md"), "-o", "/proc/maestro-cannot-write-here")
    assert result.returncode == 1
    assert "cannot write the build" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("level", ["99", "0", "-1"])
def test_levels_outside_the_gdd_exit_2_with_the_valid_range(level: str) -> None:
    result = maestro("levels", str(EXAMPLES / "warehouse_shift.md"), "-l", level)
    assert result.returncode == 2
    assert "(1-12)" in _one_error_line(result)
    assert result.stdout == ""


def test_run_prints_warnings_as_text_not_markup(tmp_path: Path) -> None:
    gdd = tmp_path / "gdd.md"
    gdd.write_text("# [bold]Boxes[/bold]\nA puzzle game: push the crates [red]onto[/] the marks.\n")
    result = maestro("run", str(gdd), "-o", str(tmp_path / "game"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("!")]
    assert warnings, result.stderr
    assert not any("[yellow]" in line or "[/]" in line for line in warnings)


def test_seed_0_is_a_seed_and_differs_from_seed_1(tmp_path: Path) -> None:
    builds = {}
    for seed in ("0", "1"):
        result = maestro("run", str(EXAMPLES / "warehouse_shift.md"), "-o", str(tmp_path / seed), "--seed", seed)
        assert result.returncode == 0, result.stderr
        manifest = json.loads((tmp_path / seed / "manifest.json").read_text())
        assert manifest["seed"] == int(seed)
        builds[seed] = (tmp_path / seed / "levels" / "level-01.json").read_bytes()
    assert builds["0"] != builds["1"]


def _modes(folder: Path) -> set[str]:
    return {oct(stat.S_IMODE(path.stat().st_mode)) for path in folder.rglob("*") if path.is_file()}


def test_files_written_by_every_command_are_readable_by_all(tmp_path: Path) -> None:
    gdd = str(EXAMPLES / "warehouse_shift.md")
    assert maestro("levels", gdd, "-l", "1", "-o", str(tmp_path / "levels")).returncode == 0
    assert maestro("art", gdd, "-o", str(tmp_path / "art")).returncode == 0
    assert maestro("run", gdd, "-o", str(tmp_path / "build")).returncode == 0
    for folder in ("levels", "art", "build"):
        assert _modes(tmp_path / folder) == {"0o644"}, folder


@pytest.mark.parametrize("name", sorted(ENCODED_FILES))
def test_validate_and_run_accept_and_refuse_the_same_files(tmp_path: Path, name: str) -> None:
    data, refusal = ENCODED_FILES[name]
    gdd = tmp_path / "gdd.md"
    gdd.write_bytes(data)
    validated = maestro("validate", str(gdd), "--json")
    ran = maestro("run", str(gdd), "-o", str(tmp_path / "game")) if refusal else None
    if refusal is None:
        assert validated.returncode == 0, validated.stderr
        return
    assert ran is not None
    assert (validated.returncode, ran.returncode) == (2, 2)
    assert refusal in _one_error_line(validated)
    assert _one_error_line(ran) == validated.stderr


@pytest.mark.parametrize("command", ["run", "levels", "art", "audio", "submit"])
@pytest.mark.parametrize("seed", ["-1", str(2**63), str(2**70)])
def test_a_seed_outside_0_to_2_63_is_a_usage_error_before_any_work(tmp_path: Path, command: str, seed: str) -> None:
    result = maestro(command, str(EXAMPLES / "warehouse_shift.md"), "--seed", seed, "-o", str(tmp_path / "out"),
                     cwd=tmp_path) if command != "submit" else maestro(command, str(EXAMPLES / "warehouse_shift.md"),
                                                                      "--seed", seed, cwd=tmp_path)
    assert result.returncode == 2
    assert "out of range" in _one_error_line(result) and str(2**63 - 1) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_largest_seed_builds(tmp_path: Path) -> None:
    result = maestro("run", str(EXAMPLES / "warehouse_shift.md"), "--seed", str(2**63 - 1), "-o", str(tmp_path / "g"))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "g" / "manifest.json").read_text())["seed"] == 2**63 - 1


def test_a_second_run_replaces_the_first_build_and_leaves_no_stale_file(tmp_path: Path) -> None:
    out = tmp_path / "game"
    assert maestro("run", str(EXAMPLES / "warehouse_shift.md"), "-o", str(out)).returncode == 0
    (out / "levels" / "level-99.json").write_text("{}")
    first_zip = {path.name for path in out.glob("*.zip")}
    result = maestro("run", str(EXAMPLES / "moss_knight.md"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "levels" / "level-99.json").exists()
    assert not {path.name for path in out.glob("*.zip")} & first_zip
    assert json.loads((out / "manifest.json").read_text())["title"] == "Moss Knight"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["game"]  # no staging folder left behind


def test_run_refuses_to_replace_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work")
    result = maestro("run", str(EXAMPLES / "warehouse_shift.md"), "-o", str(mine))
    assert result.returncode == 2
    assert "no Maestro build" in _one_error_line(result)
    assert [path.name for path in mine.iterdir()] == ["thesis.txt"]


def test_titles_without_ascii_letters_build_into_their_own_folders(tmp_path: Path) -> None:
    folders = set()
    for title in ("별빛 상자", "달빛 상자", "🚀🚀", "🛸🛸"):
        gdd = tmp_path / "gdd.md"
        gdd.write_text(f"# {title}\n장르: 퍼즐\nA puzzle game: push the crates onto the marks. 3 levels.\n",
                       encoding="utf-8")
        result = maestro("run", str(gdd), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        folders.add(Path(result.stdout.strip()).parent.name)
    assert len(folders) == 4
    assert any(name.startswith("byeolbit-sangja-") for name in folders)


def _cluster_env(**urls: str) -> dict[str, str]:
    env = dict(EMBEDDED)
    env.update(MAESTRO_BROKER_URL="redis://127.0.0.1:1/0", MAESTRO_DATABASE_URL="postgresql://m:dbpw@127.0.0.1:1/m",
               MAESTRO_STORE_URL="file:///tmp/maestro-unused-store")
    env.update({f"MAESTRO_{name.upper()}_URL": url for name, url in urls.items()})
    return env


def _cluster(*args: str, **urls: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(MAESTRO), *args], capture_output=True, text=True, timeout=120, env=_cluster_env(**urls))


@pytest.mark.parametrize("args", [("list",), ("status", "abc"), ("fetch", "abc", "-o", "/tmp/maestro-unused-out")])
def test_commands_reading_a_database_that_is_down_say_so_in_one_line(args: tuple[str, ...]) -> None:
    result = _cluster(*args)
    assert result.returncode == 1
    assert "127.0.0.1:1" in _one_error_line(result) and "dbpw" not in result.stderr


@pytest.mark.parametrize("args", [("list",), ("status", "abc"), ("db", "upgrade")])
def test_a_database_url_with_a_port_that_is_no_number_is_one_line(args: tuple[str, ...]) -> None:
    result = _cluster(*args, database="postgresql://m:dbpw@127.0.0.1:nope/m")
    assert result.returncode == 2
    assert "MAESTRO_DATABASE_URL" in _one_error_line(result) and "dbpw" not in result.stderr


def test_submit_to_a_broker_that_is_down_fails_fast_in_one_line(tmp_path: Path) -> None:
    started = time.monotonic()
    result = _cluster("submit", str(EXAMPLES / "warehouse_shift.md"), broker="redis://:brokerpw@127.0.0.1:1/0")
    assert result.returncode == 1
    assert "cannot reach the broker at redis://:***@127.0.0.1:1/0" in _one_error_line(result)
    assert "brokerpw" not in result.stderr
    assert time.monotonic() - started < 20
