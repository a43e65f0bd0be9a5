"""Every example game in headless Chromium: it loads clean, draws, moves, is finished by the bot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import require
from tests.e2e.conftest import build_game
from tests.expectations import CORPUS, EXAMPLES, WILD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
GDDS = sorted(EXAMPLES.glob("*.*"))
#: Long, messy GDDs in the style real designers write, never tuned for: the bot must finish them too.
UNSEEN = sorted(p for p in WILD.glob("*.*") if p.suffix in (".md", ".txt"))
#: Real GDDs from public repositories (../shared/gdd-corpus): every level of each must be finished too.
REAL = sorted(p for p in CORPUS.glob("*.*") if p.suffix in (".md", ".txt"))
MOVE_KEYS = {"platformer": ["ArrowRight"], "topdown": ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"],
             "puzzle": ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"], "shooter": ["ArrowLeft", "ArrowRight"],
             "runner": ["Space"]}


class Page:
    """A game page with the errors it reported."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: self.errors.append(str(e)))  # type: ignore[attr-defined]

    def js(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)  # type: ignore[attr-defined]

    def state(self) -> dict:  # type: ignore[type-arg]
        return self.js("() => window.maestro.state()")  # type: ignore[return-value]


@pytest.fixture
def open_game(browser: object) -> Iterator[Callable[..., Page]]:
    contexts: list[object] = []

    def open_(index: Path, **options: object) -> Page:
        context = browser.new_context(**options)  # type: ignore[attr-defined]
        contexts.append(context)
        page = Page(context.new_page())
        page.page.goto(index.as_uri())  # type: ignore[attr-defined]
        page.js("() => window.maestro.ready")
        return page

    yield open_
    for context in contexts:
        context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_title_screen_draws_with_no_errors(gdd: Path, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(gdd))
    page.page.wait_for_timeout(300)
    state = page.state()
    assert state["scene"] == "title" and state["levels"] >= 1
    colours = page.js("""() => {
        const c = document.querySelector('canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);
        return seen.size;
    }""")
    assert colours > 3, "the title screen is blank"
    assert page.errors == []


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_a_key_press_moves_the_player(gdd: Path, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(gdd))
    genre = page.js("() => Maestro.game.genre")
    page.js("() => window.maestro.start(1)")
    moved = False
    for key in MOVE_KEYS[str(genre)]:
        before = page.state()["player"]
        page.page.keyboard.down(key)
        page.page.wait_for_timeout(350)
        page.page.keyboard.up(key)
        page.page.wait_for_timeout(100)
        after = page.state()["player"]
        if after != before:
            moved = True
            break
    assert moved, "no key moved the player"
    assert page.errors == []


@pytest.mark.parametrize("gdd", GDDS + UNSEEN + REAL, ids=lambda p: p.name)
def test_the_bot_finishes_every_level_in_order_and_wins(gdd: Path, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(gdd))
    levels = page.state()["levels"]
    for level in range(1, levels + 1):
        state = page.js("(n) => window.maestro.solve(n)", level)
        expected = "won" if level == levels else "level_complete"
        assert state["scene"] == expected, f"level {level}: {state}"  # type: ignore[index]
    assert page.errors == []


def test_the_real_gdds_are_there_for_the_bot() -> None:
    require(len(REAL) >= 20, f"the real-GDD corpus is not at {CORPUS} (../shared beside the repository)")


@pytest.mark.parametrize("name", ["rooftop_run.txt", "neon_vanguard.md"])
def test_an_idle_player_in_a_dangerous_level_is_eventually_lost(name: str, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / name))
    page.js("() => window.maestro.start(window.maestro.state().levels)")
    for _ in range(60):
        state = page.js("() => { window.maestro.step(600, []); return window.maestro.state(); }")
        if state["scene"] == "lost":  # type: ignore[index]
            break
    assert state["scene"] == "lost", state  # type: ignore[index]
    assert page.errors == []


@pytest.mark.parametrize("name", ["moss_knight.md", "starlight_runner_ko.md", "warehouse_shift.md"])
def test_a_phone_shows_touch_controls(name: str, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / name), viewport={"width": 390, "height": 844}, has_touch=True,
                     is_mobile=True, device_scale_factor=2)
    page.js("() => window.maestro.start(1)")
    assert page.page.locator("#maestro-touch").is_visible()  # type: ignore[attr-defined]
    assert page.page.locator("#maestro-touch [data-action]").count() >= 2  # type: ignore[attr-defined]
    assert page.errors == []


HOSTILE = """# <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">

A platformer. The hero is <b onmouseover="window.__xss=3">Kit</b>.

## Enemies
- <script>window.__xss = 4</script> Beetle: patrols
- Bat"><img src=y onerror=window.__xss=5>: flies

## Levels
1. </script><script>window.__xss = 6</script>
2. Second
"""


def test_markup_in_the_gdd_is_shown_as_text_and_never_runs(open_game, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    index = build_game(HOSTILE.encode(), tmp_path)
    page = open_game(index)
    dialogs: list[str] = []
    page.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.js("() => window.maestro.start(1)")
    page.page.wait_for_timeout(300)
    assert page.js("() => window.__xss") is None
    assert dialogs == []
    assert "<script>" in page.page.title()  # type: ignore[attr-defined]
    assert page.page.locator("img").count() == 0 and page.page.locator("b").count() == 0  # type: ignore[attr-defined]
    assert page.errors == []


def test_the_high_score_is_kept_per_game_across_a_reload(game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / "moss_knight.md"))
    assert page.state()["best"] == 0
    levels = page.state()["levels"]
    for level in range(1, levels + 1):
        state = page.js("(n) => window.maestro.solve(n)", level)
    assert state["scene"] == "won" and state["score"] > 0  # type: ignore[index]
    assert state["newBest"] is True and state["best"] == state["score"]  # type: ignore[index]
    page.page.reload()  # type: ignore[attr-defined]
    page.js("() => window.maestro.ready")
    assert page.state()["best"] == state["score"]  # type: ignore[index]
    other = open_game(game_for(EXAMPLES / "rooftop_run.txt"))
    assert other.state()["best"] == 0, "each game keeps its own high score"
    assert page.errors == [] and other.errors == []


def test_a_puzzle_counts_moves_against_par_and_rates_the_level(game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / "crate_keeper.txt"))
    page.js("() => window.maestro.start(1)")
    start = page.state()
    assert start["moves"] == 0 and start["par"] >= 1
    moved = None
    for key in ("ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"):
        page.page.keyboard.press(key)  # type: ignore[attr-defined]
        page.page.wait_for_timeout(250)  # type: ignore[attr-defined]
        moved = page.state()
        if moved["moves"]:
            break
    assert moved is not None and moved["moves"] == 1
    state = page.js("() => window.maestro.solve(1)")
    assert state["scene"] in ("level_complete", "won") and state["stars"] == 3  # type: ignore[index]
    assert state["moves"] <= state["par"] and state["score"] == 300  # type: ignore[index]
    assert page.errors == []


@pytest.mark.parametrize("name", ["moss_knight.md", "neon_vanguard.md", "lanterns_of_gloomwood.md"])
def test_a_boss_level_shows_its_boss_and_the_shipped_solution_ends_it(name: str, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / name))
    last = page.state()["levels"]
    start = page.js("(n) => window.maestro.start(n)", last)
    assert start["boss"] is None or start["boss"]["hp"] == start["boss"]["max"] >= 1  # type: ignore[index]
    state = page.js("(n) => window.maestro.solve(n)", last)
    assert state["scene"] == "won", state  # type: ignore[index]
    boss = state["boss"]  # type: ignore[index]
    assert boss is not None and boss["name"] and boss["max"] >= 1 and boss["hp"] == 0, boss
    assert page.errors == []


@pytest.mark.parametrize("name", ["neon_vanguard.md", "comet_barrage.md"])
def test_an_idle_player_on_shooter_level_1_sees_it_end(name: str, game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / name))
    page.js("() => window.maestro.start(1)")
    for _ in range(20):  # 20 x 10 s of game time
        state = page.js("() => { window.maestro.step(600, []); return window.maestro.state(); }")
        if state["scene"] != "playing":  # type: ignore[index]
            break
    assert state["scene"] in ("level_complete", "lost"), state  # type: ignore[index]
    assert page.errors == []


PHONES = {"portrait": {"width": 390, "height": 844}, "landscape": {"width": 844, "height": 390}}


def _phone(open_game, index: Path, orientation: str) -> Page:  # type: ignore[no-untyped-def]
    return open_game(index, viewport=PHONES[orientation], has_touch=True, is_mobile=True,  # type: ignore[no-any-return]
                     device_scale_factor=2)


@pytest.mark.parametrize("orientation", sorted(PHONES))
@pytest.mark.parametrize("name", ["moss_knight.md", "warehouse_shift.md", "neon_vanguard.md"])
def test_a_phone_is_filled_by_the_game_and_its_hud_reads(name: str, orientation: str, game_for,  # type: ignore[no-untyped-def]
                                                          open_game) -> None:
    page = _phone(open_game, game_for(EXAMPLES / name), orientation)
    page.js("() => window.maestro.start(1)")
    page.page.wait_for_timeout(200)  # type: ignore[attr-defined]
    viewport = PHONES[orientation]
    box = page.page.locator("#maestro-canvas").bounding_box()  # type: ignore[attr-defined]
    shorter = min(viewport.values())
    spans = box["width"] if viewport["width"] < viewport["height"] else box["height"]
    assert spans >= 0.9 * shorter, (box, viewport)
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"] + 0.5 and box["y"] + box["height"] <= viewport["height"] + 0.5
    font = float(page.js("() => document.getElementById('maestro-canvas').dataset.hudFont"))  # type: ignore[arg-type]
    assert font >= 14, f"HUD text {font} CSS px"
    assert page.js("() => Maestro.engine.hud.fontPx") == pytest.approx(font, abs=0.05)
    buttons = page.js("""() => [...document.querySelectorAll('#maestro-touch [data-action]')]
        .map(b => { const r = b.getBoundingClientRect();
                    return {a: b.dataset.action, top: r.top, bottom: r.bottom}; })""")
    if orientation == "portrait":  # the thumbs' buttons sit under the game, the engine's above it
        for button in buttons:  # type: ignore[attr-defined]
            assert button["top"] >= box["y"] + box["height"] or button["bottom"] <= box["y"], (button, box)
    assert page.errors == []


def test_the_desktop_shows_the_game_at_a_whole_scale_filling_the_window(game_for, open_game) -> None:  # type: ignore[no-untyped-def]
    page = open_game(game_for(EXAMPLES / "moss_knight.md"), viewport={"width": 960, "height": 720})
    box = page.page.locator("#maestro-canvas").bounding_box()  # type: ignore[attr-defined]
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 960, 720)
    assert page.js("() => [Maestro.draw.canvas.width, Maestro.draw.canvas.height]") == [960, 720]
    assert float(page.js("() => Maestro.draw.canvas.dataset.hudFont")) >= 14  # type: ignore[arg-type]
    assert page.page.locator("#maestro-touch").count() == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "shown", "hidden"), [
    ("moss_knight.md", {"left", "right", "jump", "action"}, {"secondary", "up", "down", "undo"}),  # no dash
    ("tofu_jump_mixed.md", {"jump", "action", "secondary"}, {"up", "down", "undo"}),  # the dash
    ("lanterns_of_gloomwood.md", {"up", "down", "action"}, {"jump", "secondary", "undo"}),
    ("neon_vanguard.md", {"up", "down", "action", "secondary"}, {"jump", "undo"}),  # fire and bombs
    ("rooftop_run.txt", {"jump", "down"}, {"left", "right", "action", "secondary"}),  # no attack
    ("warehouse_shift.md", {"up", "down", "undo", "restart"}, {"jump", "action", "secondary"}),  # no attack
])
def test_a_phone_shows_only_the_buttons_the_game_uses(name: str, shown: set[str], hidden: set[str], game_for,  # type: ignore[no-untyped-def]
                                                      open_game) -> None:
    page = _phone(open_game, game_for(EXAMPLES / name), "portrait")
    actions = set(page.js("() => [...document.querySelectorAll('#maestro-touch [data-action]')]"  # type: ignore[arg-type]
                          ".map(b => b.dataset.action)"))
    assert shown | {"pause"} <= actions and not hidden & actions, actions
    keys = page.js("() => Object.keys(Maestro.game.controls)")
    assert not (hidden - {"up"}) & set(keys), keys  # type: ignore[arg-type]  # (UP jumps in a platformer)
    assert page.errors == []


NO_AUDIO = """# Quiet Cave

A platformer. The hero is Pip, a mole who jumps over beetles.

## Audio
No audio.

## Enemies
- Beetle: patrols

## Levels
1. Tunnel
2. Burrow
"""


def test_a_game_whose_gdd_asks_for_no_audio_has_no_mute_control(open_game, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    index = build_game(NO_AUDIO.encode(), tmp_path)
    page = _phone(open_game, index, "portrait")
    assert page.js("() => Maestro.game.audio") == {"music": False, "sound": False}
    assert page.js("() => Object.keys(window.MAESTRO_DATA.audio.files).length") == 0
    assert page.page.locator("#maestro-touch [data-action=pause]").count() == 1  # type: ignore[attr-defined]
    assert page.page.locator("#maestro-touch [data-action=mute]").count() == 0  # type: ignore[attr-defined]
    assert "mute" not in page.js("() => Maestro.game.controls")  # type: ignore[operator]
    page.page.tap("#maestro-canvas")  # type: ignore[attr-defined]
    page.page.wait_for_timeout(150)  # type: ignore[attr-defined]
    assert page.state()["scene"] == "playing"
    page.page.keyboard.press("KeyM")  # type: ignore[attr-defined]
    page.page.wait_for_timeout(150)  # type: ignore[attr-defined]
    assert page.state()["muted"] is False
    for level in (1, 2):
        state = page.js("(n) => window.maestro.solve(n)", level)
    assert state["scene"] == "won" and state["muted"] is False  # type: ignore[index]
    desk = open_game(index)
    desk.page.keyboard.press("KeyM")  # type: ignore[attr-defined]
    desk.page.wait_for_timeout(150)  # type: ignore[attr-defined]
    assert desk.state()["muted"] is False and desk.state()["scene"] == "playing"
    assert page.errors == [] and desk.errors == []


EMOJI_TITLE = """# Bunny Hop 🐰 토끼

A platformer. The hero is Bun, a rabbit who jumps over foxes.

## Enemies
- Fox: patrols

## Levels
1. Meadow 🌼
2. 숲 속
"""


def test_a_title_with_an_emoji_and_korean_draws_their_glyphs(open_game, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_game(build_game(EMOJI_TITLE.encode(), tmp_path))
    page.page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.state()["scene"] == "title" and page.js("() => Maestro.game.title") == "Bunny Hop 🐰 토끼"
    glyphs = page.js("""() => {
        const c = document.createElement('canvas'); c.width = 64; c.height = 64;
        const g = c.getContext('2d', {willReadFrequently: true});
        const draw = (ch) => { g.fillStyle = '#fff'; g.fillRect(0, 0, 64, 64); g.fillStyle = '#000';
            g.font = '40px ' + Maestro.draw.fontFamily; g.textBaseline = 'middle'; g.fillText(ch, 4, 32);
            return g.getImageData(0, 0, 64, 64).data; };
        const coloured = (d) => { let n = 0; for (let i = 0; i < d.length; i += 4) {
            if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++; } return n; };
        const same = (a, b) => a.every((v, i) => v === b[i]);
        return {emoji: coloured(draw('\\u{1F430}')), hangul: !same(draw('\\uD1A0'), draw('\\uB07C')),
                tofu: same(draw('\\uD1A0'), draw('\\uFFFF'))};
    }""")
    assert glyphs["emoji"] > 50, f"the rabbit emoji drew no colour: no emoji font ({glyphs}); run scripts/browser.sh"  # type: ignore[index]
    assert glyphs["hangul"] and not glyphs["tofu"], f"Hangul drew as boxes ({glyphs}); run scripts/browser.sh"  # type: ignore[index]
    page.js("() => window.maestro.start(2)")
    page.page.wait_for_timeout(200)  # type: ignore[attr-defined]
    assert page.errors == []
