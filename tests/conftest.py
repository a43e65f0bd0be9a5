"""Fixtures shared by every test folder: one headless Chromium for the whole session, Node.js.

Playwright's sync API allows one running instance per process, so every browser test (the
engine's in tests/unit, the games' in tests/e2e) shares this one. A tool a test needs that is
missing skips the test on a developer's machine, with how to get it, and fails it under CI
(``CI`` set), where ``scripts/test`` installs everything.
"""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

IN_CI = bool(os.environ.get("CI"))
NODE = shutil.which("node")
CHROMIUM = os.environ.get("MAESTRO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]


def stop_process(process: subprocess.Popen[bytes], timeout: float = 30.0, how: int = signal.SIGTERM) -> None:
    """Ask a server process to stop (``how``), and kill it if it has not within ``timeout`` seconds."""
    process.send_signal(how)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def require(found: object, message: str) -> None:
    """Skip (a developer's machine) or fail (CI) when a tool the test needs is missing."""
    if not found:
        if IN_CI:
            pytest.fail(f"{message} (CI must have every tool: scripts/test installs them)")
        pytest.skip(message)


def require_module(name: str, message: str) -> Any:
    """Import ``name``, or skip/fail as :func:`require` does."""
    try:
        return importlib.import_module(name)
    except ImportError:
        require(False, message)


@pytest.fixture(scope="session")
def node() -> str:
    """The path of Node.js, for the Python/JavaScript cross-checks."""
    require(NODE, "Node.js is not installed: run scripts/test (it installs Debian's nodejs) or install it")
    assert NODE is not None
    return NODE


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: run scripts/browser.sh (as root) to install "
                                     "Debian's chromium")
    sync_api = require_module("playwright.sync_api", "install the dev extra: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def pytest_configure(config: pytest.Config) -> None:
    """The fault suite's marker, and its table's rows file (see tests/faults/table.py)."""
    from tests.faults import table

    config.addinivalue_line("markers", "faults: fault-injection tests on a private cluster (tests/faults)")
    table.start(config)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the fault suite's table when fault tests ran (the README carries it)."""
    from tests.faults import table

    shown = table.table()
    if shown:
        terminalreporter.write_sep("=", "fault suite (tests/faults)")
        terminalreporter.write_line(shown)
