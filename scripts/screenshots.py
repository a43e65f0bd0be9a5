"""Screenshots of one example game per genre, for the README: ``python scripts/screenshots.py``.

Builds each game with the embedded pipeline, opens it in headless Chromium (Debian's, at
/usr/bin/chromium), starts level 1, plays its shipped solution for a few seconds so there is
something happening, and saves ``docs/screenshot-<genre>.png``.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, FLAGS, build_game  # noqa: E402

GAMES = {"platformer": "moss_knight.md", "topdown": "hollow_depths.md", "puzzle": "warehouse_shift.md",
         "shooter": "neon_vanguard.md", "runner": "starlight_runner_ko.md"}


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for genre, name in GAMES.items():
            index = build_game((ROOT / "examples" / "gdd" / name).read_bytes(), Path(scratch) / genre)
            page = browser.new_page(viewport={"width": 960, "height": 720})
            page.goto(index.as_uri())
            page.evaluate("() => window.maestro.ready")
            page.evaluate("""() => {
                const m = window.maestro; m.start(1);
                const inputs = m.solution(1).inputs; let budget = 150;
                for (const [mask, steps] of inputs) { const n = Math.min(steps, budget); m.step(n, mask);
                    budget -= n; if (budget <= 0) break; }
            }""")
            page.wait_for_timeout(200)
            page.screenshot(path=str(ROOT / "docs" / f"screenshot-{genre}.png"))
            page.close()
            print(f"docs/screenshot-{genre}.png")
        browser.close()


if __name__ == "__main__":
    main()
