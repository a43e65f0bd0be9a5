"""Screenshots of one example game per genre, for the README: ``python scripts/screenshots.py``.

Builds each game with the embedded pipeline, opens it in headless Chromium (Debian's, at
/usr/bin/chromium), starts level 1, plays its shipped solution for a few seconds so there is
something happening, and saves ``docs/screenshot-<genre>.png``; then the boss moments: the last
level of a platformer and a shooter, played by its solution until its boss is on screen and
hit, saved as ``docs/moment-boss-<genre>.png``; then the verb moments (a sword swing, a bomb):
the first level whose solution presses that input, played to just after the press, saved as
``docs/moment-<verb>-<genre>.png``; then settings and players (:data:`SETTINGS`), saved as
``docs/setting-<what>.png``.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, FLAGS, build_game  # noqa: E402

#: Games whose last level has a boss, for the boss moments.
BOSSES = {"platformer": "moss_knight.md", "shooter": "neon_vanguard.md"}
#: Play the last level's solution until its boss is on screen and has taken a hit (or the level ends).
TO_THE_BOSS = """() => {
    const m = window.maestro, last = m.state().levels; m.start(last);
    for (const [mask, steps] of m.solution(last).inputs) {
        for (let i = 0; i < steps; i += 10) {
            m.step(Math.min(10, steps - i), mask);
            const s = m.state();
            if (s.scene !== "playing" || (s.boss && s.boss.hp < s.boss.max && s.boss.hp > 0)) return s;
        }
    }
    return m.state();
}"""
#: Verb moments: (file name, genre, game, input bit the shipped solution presses, steps to show after it).
MOMENTS = (
    ("attack-topdown", "lanterns_of_gloomwood.md", 32, 2),
    ("attack-platformer", "moss_knight.md", 32, 3),
    ("bomb-shooter", "neon_vanguard.md", 64, 8),
)
#: Play the first level whose solution presses `bit` up to `after` steps past its first press.
TO_THE_PRESS = """([bit, after]) => {
    const m = window.maestro, levels = m.state().levels;
    for (let level = 1; level <= levels; level++) {
        const inputs = m.solution(level).inputs;
        if (!inputs.some(([mask]) => mask & bit)) continue;
        m.start(level);
        for (const [mask, steps] of inputs) {
            if (mask & bit) { m.step(Math.min(steps, after), mask); return m.state(); }
            m.step(steps, mask);
        }
    }
    return null;
}"""
#: Settings and players: (file name, game, level) -- the level's theme picks the scenery, the GDD's
#: words the player (a tofu block in the desert, a mouse in a pastel warehouse, a Game Boy mountain...).
SETTINGS = (
    ("setting-desert-tofu", "tofu_jump_mixed.md", 2),
    ("setting-ice-gameboy", "frost_peak.md", 1),
    ("setting-cave-knight", "moss_knight.md", 3),
    ("setting-mouse-pastel", "crate_keeper.txt", 1),
    ("setting-sky-shooter", "sky_interceptor_ko.txt", 1),
    ("setting-neon-desert", "neon_vanguard.md", 2),
)
#: Play level `level`'s shipped solution for `steps` steps (something happening on screen).
PLAY_A_WHILE = """([level, steps]) => {
    const m = window.maestro; m.start(level);
    let budget = steps;
    for (const [mask, n] of m.solution(level).inputs) { const k = Math.min(n, budget); m.step(k, mask);
        budget -= k; if (budget <= 0) break; }
}"""
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
            page.evaluate(PLAY_A_WHILE, [1, 150])
            page.wait_for_timeout(200)
            page.screenshot(path=str(ROOT / "docs" / f"screenshot-{genre}.png"))
            page.close()
            print(f"docs/screenshot-{genre}.png")
        for genre, name in BOSSES.items():
            index = build_game((ROOT / "examples" / "gdd" / name).read_bytes(), Path(scratch) / f"boss-{genre}")
            page = browser.new_page(viewport={"width": 960, "height": 720})
            page.goto(index.as_uri())
            page.evaluate("() => window.maestro.ready")
            page.evaluate(TO_THE_BOSS)
            page.wait_for_timeout(200)
            page.screenshot(path=str(ROOT / "docs" / f"moment-boss-{genre}.png"))
            page.close()
            print(f"docs/moment-boss-{genre}.png")
        for moment, name, bit, after in MOMENTS:
            index = build_game((ROOT / "examples" / "gdd" / name).read_bytes(), Path(scratch) / moment)
            page = browser.new_page(viewport={"width": 960, "height": 720})
            page.goto(index.as_uri())
            page.evaluate("() => window.maestro.ready")
            if page.evaluate(TO_THE_PRESS, [bit, after]) is None:
                print(f"no level of {name} presses input {bit}: no docs/moment-{moment}.png", file=sys.stderr)
                page.close()
                continue
            page.wait_for_timeout(100)
            page.screenshot(path=str(ROOT / "docs" / f"moment-{moment}.png"))
            page.close()
            print(f"docs/moment-{moment}.png")
        for shot, name, level in SETTINGS:
            index = build_game((ROOT / "examples" / "gdd" / name).read_bytes(), Path(scratch) / shot)
            page = browser.new_page(viewport={"width": 640, "height": 480})
            page.goto(index.as_uri())
            page.evaluate("() => window.maestro.ready")
            page.evaluate(PLAY_A_WHILE, [level, 120])
            page.wait_for_timeout(200)
            page.screenshot(path=str(ROOT / "docs" / f"{shot}.png"))
            page.close()
            print(f"docs/{shot}.png")
        browser.close()


if __name__ == "__main__":
    main()
