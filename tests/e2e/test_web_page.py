"""The gateway's web page in headless Chromium, against a real ``maestro serve`` in embedded mode.

A GDD pasted into the page becomes a game played inside a sandboxed iframe, a GDD full of markup
is shown as text and never runs, a chosen file is sent (and a refusal or a failed parse says why),
and the form fits a phone.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import stop_process
from tests.expectations import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: How long a small GDD may take from submit to a playable game on a loaded 2-core machine.
JOB_SECONDS = 90

HOSTILE = """# <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Tag Game

A platformer. The hero is <b>bold</b> Kit, who jumps over <svg onload="window.__pwned=3">spikes</svg>.

## Enemies
- Beetle: patrols

## Levels
1. <script>window.__pwned=4</script> First Steps
2. Second
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of ``maestro serve`` in embedded mode, open to writes from loopback (no token)."""
    folder = tmp_path_factory.mktemp("serve")
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAESTRO_")}
    port = free_port()
    with open(folder / "serve.log", "wb") as log:
        # Run from the temporary folder, so that no .env beside the repository turns cluster mode on.
        process = subprocess.Popen([sys.executable, "-m", "maestro_app.cli", "serve", "--port", str(port),
                                    "--data", str(folder / "data")], cwd=folder, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"maestro serve did not answer /healthz:\n{(folder / 'serve.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.1)
        yield base
    finally:
        stop_process(process, timeout=20)


class Page:
    """The web page in a browser context, with the errors it (or its game) reported."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def submit(self, gdd: str) -> str:
        """Paste ``gdd``, submit it and return the new job's id (from the page's ``#job=`` hash)."""
        self.page.fill("#gdd", gdd)
        self.page.click("#submit")
        self.page.wait_for_function("() => location.hash.startsWith('#job=')")
        return str(self.page.evaluate("() => location.hash.slice(5)"))


@pytest.fixture
def open_page(browser: Any, server: str) -> Iterator[Callable[..., Page]]:
    contexts: list[Any] = []

    def open_(**options: Any) -> Page:
        context = browser.new_context(**options)
        contexts.append(context)
        page = Page(context.new_page())
        page.page.goto(f"{server}/")
        return page

    yield open_
    for context in contexts:
        context.close()


def test_a_pasted_gdd_becomes_a_game_played_in_a_sandboxed_frame(open_page: Callable[..., Page], server: str) -> None:
    web = open_page(viewport={"width": 1280, "height": 800})
    page = web.page
    job = web.submit((EXAMPLES / "crate_keeper.txt").read_text(encoding="utf-8"))
    page.wait_for_selector("#play:not([hidden]), #job-error:not([hidden])", timeout=JOB_SECONDS * 1000)
    stages = page.eval_on_selector_all("#stages li", "items => items.map(i => [i.dataset.stage, i.dataset.status])")
    assert stages == [[name, "succeeded"] for name in ("parse", "codex", "canvas", "sonata", "labyrinth", "build")], \
        page.text_content("#job")

    page.wait_for_selector("#spec:not([hidden])")
    assert "Crate Keeper" in page.text_content("#summary")
    assert "puzzle" in page.text_content("#summary")
    assert page.locator("#warnings").count() == 1 and page.locator("#fidelity li").count() >= 1
    assert page.get_attribute("#download", "href") == f"/api/jobs/{job}/build"
    zipped = page.request.get(f"{server}/api/jobs/{job}/build")
    assert zipped.ok and zipped.body()[:2] == b"PK"

    iframe = page.locator("#frame-box iframe")
    sandbox = (iframe.get_attribute("sandbox") or "").split()
    assert "allow-scripts" in sandbox and "allow-same-origin" not in sandbox
    frame = iframe.element_handle().content_frame()
    frame.wait_for_function("() => window.maestro !== undefined")
    frame.evaluate("() => window.maestro.ready")
    blocked = frame.evaluate("() => { try { return window.parent.document.title } catch (e) { return 'blocked' } }")
    assert blocked == "blocked", "the game can reach into the page"
    state = frame.evaluate("(n) => window.maestro.solve(n)", 1)
    assert state["scene"] == "level_complete", state

    page.click("#focus-game")
    assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"
    page.wait_for_selector(f'#recent a[href="#job={job}"]')
    page.reload()
    page.wait_for_selector("#play:not([hidden]) iframe")
    assert page.text_content("#job-id") == job
    assert web.errors == []


def test_markup_in_the_gdd_is_shown_as_text_and_never_runs(open_page: Callable[..., Page]) -> None:
    web = open_page()
    page = web.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    web.submit(HOSTILE)
    page.wait_for_selector("#spec:not([hidden])", timeout=JOB_SECONDS * 1000)
    summary = page.text_content("#summary") or ""
    assert "<img src=x" in summary and "Tag Game" in summary
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#job img, #job script, #job svg, #job b, #recent img, #recent script").count() == 0
    assert dialogs == []
    assert web.errors == []


def test_the_form_fits_a_phone_with_controls_big_enough_to_touch(open_page: Callable[..., Page]) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True).page
    page.wait_for_selector("#recent li")
    for control in ("#gdd", "#file", "#title", "#submit"):
        box = page.locator(control).bounding_box()
        assert page.locator(control).is_visible() and box is not None, control
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, (control, box)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"


def test_a_chosen_file_is_sent_and_a_refusal_or_a_failure_says_why(open_page: Callable[..., Page],
                                                                   tmp_path: Path) -> None:
    web = open_page()
    page = web.page
    binary = tmp_path / "level.txt"
    binary.write_bytes(b"\x00\x01binary\xff")
    page.set_input_files("#file", str(binary))
    assert "level.txt" in page.text_content("#file-chosen")
    page.click("#submit")
    page.wait_for_selector("#error:not(:empty)")
    assert "not text" in page.text_content("#error")
    web.errors.clear()  # the browser logs the refused request's 422

    shopping = tmp_path / "shopping.txt"
    shopping.write_text("A shopping list\n\neggs\nmilk\nbread\n", encoding="utf-8")
    page.set_input_files("#file", str(shopping))
    page.click("#submit")
    page.wait_for_selector("#job-error:not([hidden])", timeout=JOB_SECONDS * 1000)
    assert "does not describe a game" in page.text_content("#job-error")
    assert page.get_attribute('#stages li[data-stage="parse"]', "data-status") == "failed"
    assert page.locator("#play").is_hidden() and page.text_content("#error") == ""
    assert web.errors == []
