"""The runtime engine (engine.js, input.js, audio.js, draw.js) in headless Chromium.

Pages are built with ``tests/js/make_page.py`` around a stand-in genre module
(``tests/js/fake_genre.js``: a box that walks right to finish, fails on DOWN) and the real canvas
and sonata output for Moss Knight, then driven through ``window.maestro`` and the keyboard, with
any console error, page error or dialog failing the test.
"""

import base64
import importlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from maestro.rules import inputs
from maestro.rules.tuning import RulesTuning
from tests.js.make_page import make_page, script_json

ROOT = Path(__file__).resolve().parents[2]
FAKE = ROOT / "tests" / "js" / "fake_genre.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
ROWS = ["." * 40] * 11 + ["#" * 40] * 4

pytestmark = pytest.mark.browser


def test_script_json_keeps_markup_and_line_separators_as_data() -> None:
    value = {"title": "</script><script>alert(1)</script> & <!-- \u2028\u2029 이끼"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def level(index: int, **rules: Any) -> dict[str, Any]:
    return {"index": index, "name": f"레벨 {index}", "difficulty": 1, "rows": ROWS, "width": 40, "height": 15,
            "tile_size": 16, "player": {"x": 10, "y": 160}, "rules": {"goal_x": 100, **rules},
            "solution": {"inputs": [[0, 5], [2, 95]], "steps": 100}}


def game(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "</script><script>alert(1)</script> 이끼 기사", "genre": "fake",
        "controls": {"left": ["ArrowLeft"], "right": ["ArrowRight"], "down": ["ArrowDown"],
                     "jump": ["Space", "ArrowUp"], "pause": ["Escape", "KeyP"], "restart": ["KeyR"],
                     "mute": ["KeyM"], "undo": ["KeyZ"]},
        "lives": 2, "levels": [{"index": i, "name": f"L{i}", "difficulty": 1} for i in (1, 2, 3)],
        "texts": {"win": "승리!", "lose": "패배", "press_start": "아무 키나", "paused": "일시 정지",
                  "level_complete": "클리어!"},
        "touch": {"buttons": ["left", "right", "jump", "pause", "mute"], "swipe": True},
    }
    data.update(extra)
    return data


@pytest.fixture(scope="module")
def assets() -> dict[str, Any]:
    from maestro.art.atlas import png
    from maestro.gdd import read_gdd
    from maestro.stages import canvas, sonata

    spec = read_gdd(ROOT / "examples" / "gdd" / "moss_knight.md")
    art = canvas.build_art(spec, spec.seed)
    images = {"atlas.png": "data:image/png;base64," + base64.b64encode(png(art.atlas)).decode()}
    for layer in art.layers:
        images[f"bg-{layer.name}.png"] = "data:image/png;base64," + base64.b64encode(png(layer.image)).decode()
    sound = sonata.build_audio(spec, spec.seed)
    wanted = [t for t in sound.tracks if t.name in ("music-level-1", "jingle-win", "sfx-select", "sfx-collect")]
    encoded = sonata.encode(sonata.Soundtrack(wanted, sound.audio_map))
    files = {name + ".mp3": base64.b64encode(e.data).decode() for name, e in encoded.items()}
    audio = {"map": dict(sound.audio_map, loops=sonata.loop_spans(encoded)), "files": files}
    return {"atlas": art.frame_map, "images": images, "audio": audio}


class Page:
    """A game page plus every console error, page error and dialog it produced."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("dialog", self.dialog)
        self.page.goto(path.as_uri())
        self.page.evaluate("maestro.ready")

    def dialog(self, dialog: Any) -> None:
        self.problems.append("dialog " + dialog.message)
        dialog.dismiss()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def state(self) -> dict[str, Any]:
        result: dict[str, Any] = self.js("maestro.state()")
        return result

    def close(self) -> None:
        self.context.close()
        assert self.problems == []


@pytest.fixture
def open_page(browser: Any, assets: dict[str, Any], tmp_path: Path) -> Iterator[Any]:
    pages: list[Page] = []

    def opener(levels: list[dict[str, Any]] | None = None, with_assets: bool = True, **context: Any) -> Page:
        data = assets if with_assets else {"atlas": {}, "images": {}, "audio": {}}
        info = context.pop("game", None) or game()
        out = tmp_path / f"page{len(pages)}"
        path = make_page(info, levels or [level(1), level(2), level(3)], data["atlas"], data["images"],
                         data["audio"], out, extra_scripts=[FAKE])
        page = Page(browser, path, **({"viewport": {"width": 1000, "height": 700}} | context))
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def test_boots_on_the_title_with_the_title_as_data_and_a_canvas_that_fills_the_window(open_page: Any) -> None:
    page = open_page()
    assert page.state() == {"scene": "title", "level": 0, "levels": 3, "score": 0, "lives": 2, "step": 0,
                            "player": {"x": 0, "y": 0}, "muted": False, "best": 0, "newBest": False,
                            "moves": None, "par": None, "stars": 0, "boss": None, "enemies": None,
                            "kills": None, "hp": None, "bombs": None, "power": None, "multiplier": None,
                            "bullets": None, "nearest": None}
    assert page.page.title() == "</script><script>alert(1)</script> 이끼 기사"
    size = page.js("(() => { const c = document.getElementById('maestro-canvas');"
                   " return [c.width, c.height, c.clientWidth, c.clientHeight, c.offsetLeft, c.offsetTop]; })()")
    # the backing store is the view at a whole device factor; on screen it fills the window's height
    assert size == [960, 720, 933, 700, 33, 0]
    assert page.js("document.getElementById('maestro-touch')") is None


def test_solve_completes_a_level_banks_its_score_and_step_moves_on(open_page: Any) -> None:
    page = open_page()
    assert page.js("maestro.solution(1).steps") == 100
    done = page.js("maestro.solve(1)")
    assert done["scene"] == "level_complete" and done["level"] == 1 and done["step"] == 96
    assert done["score"] == 10 and done["player"] == {"x": 101, "y": 160}
    after = page.js("maestro.step(10, ['right'])")
    assert after["scene"] == "playing" and after["level"] == 2 and after["step"] == 10
    assert after["player"]["x"] == 20 and after["score"] == 10


def test_state_shows_what_the_genre_reports_as_numbers_and_text_and_nothing_else(open_page: Any) -> None:
    page = open_page()
    start = page.js("maestro.start(1)")
    assert (start["enemies"], start["kills"], start["power"], start["bombs"]) == (3, 0, "7", None)
    walked = page.js("maestro.step(70, ['right'])")
    assert (walked["enemies"], walked["kills"]) == (1, 2)
    assert "secret" not in walked


def test_the_frame_loop_does_not_step_while_the_test_api_drives(open_page: Any) -> None:
    page = open_page()
    page.js("maestro.start(2)")
    page.page.wait_for_timeout(300)
    state = page.state()
    assert state["scene"] == "playing" and state["level"] == 2 and state["step"] == 0


def test_solving_the_last_level_wins_the_game(open_page: Any) -> None:
    page = open_page()
    for index in (1, 2, 3):
        state = page.js(f"maestro.solve({index})")
    assert state["scene"] == "won" and state["score"] == 30


def test_a_failure_costs_a_life_and_restarts_the_level_until_none_are_left(open_page: Any) -> None:
    page = open_page()
    page.js("maestro.start(1)")
    page.js("maestro.step(30, ['right'])")
    first = page.js("maestro.step(5, ['down'])")
    assert first["scene"] == "playing" and first["lives"] == 1 and first["step"] == 0
    assert first["player"] == {"x": 10, "y": 160}
    last = page.js("maestro.step(5, 8)")
    assert last["scene"] == "lost" and last["lives"] == 0
    assert page.js("maestro.step(5, ['right'])")["scene"] == "lost"


def test_a_sim_that_counts_its_own_lives_loses_the_game_on_failure(open_page: Any) -> None:
    page = open_page([level(1, own_lives=1)])
    assert page.js("maestro.start(1)")["lives"] == 1
    state = page.js("maestro.step(3, ['down'])")
    assert state["scene"] == "lost" and state["lives"] == 0


def test_keyboard_starts_moves_pauses_restarts_and_mutes(open_page: Any) -> None:
    page = open_page()
    keys = page.page.keyboard
    keys.press("Enter")
    page.page.wait_for_timeout(100)
    assert page.state()["scene"] == "playing"
    keys.down("ArrowRight")
    page.page.wait_for_timeout(400)
    keys.up("ArrowRight")
    moved = page.state()
    assert moved["player"]["x"] > 20
    keys.press("Escape")
    page.page.wait_for_timeout(50)
    paused = page.state()
    page.page.wait_for_timeout(250)
    assert paused["scene"] == "paused" and page.state()["step"] == paused["step"]
    keys.press("Escape")
    keys.press("KeyR")
    page.page.wait_for_timeout(50)
    restarted = page.state()
    assert restarted["scene"] == "playing" and restarted["player"]["x"] == 10 and restarted["lives"] == 2
    keys.press("KeyM")
    page.page.wait_for_timeout(50)
    assert page.state()["muted"] is True
    assert page.js("Maestro.audio.running") is True


def test_a_held_key_that_started_the_game_does_not_act_until_pressed_again(open_page: Any) -> None:
    page = open_page()
    keys = page.page.keyboard
    keys.down("ArrowRight")
    page.page.wait_for_timeout(300)
    assert page.state()["player"]["x"] == 10
    keys.up("ArrowRight")
    keys.down("ArrowRight")
    page.page.wait_for_timeout(300)
    keys.up("ArrowRight")
    assert page.state()["player"]["x"] > 10


def test_the_level_complete_banner_moves_on_by_itself_in_play(open_page: Any) -> None:
    page = open_page()
    page.js("maestro.solve(1)")
    page.page.keyboard.press("KeyM")    # a real key hands the game back to the frame loop
    page.page.wait_for_timeout(2000)
    state = page.state()
    assert state["scene"] == "playing" and state["level"] == 2


def test_generic_undo_takes_back_the_last_move_of_a_sim_that_counts_moves(open_page: Any) -> None:
    page = open_page()
    page.js("maestro.start(1)")
    page.js("maestro.step(20, ['right'])")   # 16 px is one move; 4 more are under way
    page.page.keyboard.press("KeyZ")
    page.page.wait_for_timeout(100)
    assert page.state()["player"]["x"] == 26
    page.page.keyboard.press("KeyZ")
    page.page.wait_for_timeout(100)
    assert page.state()["player"]["x"] == 10


def test_a_game_without_images_or_audio_draws_boxes_and_stays_quiet(open_page: Any) -> None:
    page = open_page(with_assets=False)
    page.page.keyboard.press("Enter")
    page.page.wait_for_timeout(200)
    assert page.state()["scene"] == "playing"
    assert page.js("maestro.solve(1)")["scene"] == "level_complete"


def test_touch_devices_get_buttons_that_play(open_page: Any) -> None:
    page = open_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                     device_scale_factor=2)
    assert page.page.locator("#maestro-touch").is_visible()
    actions = page.js("[...document.querySelectorAll('#maestro-touch .maestro-touch')]"
                      ".map(b => b.getAttribute('data-action'))")
    assert sorted(actions) == ["jump", "left", "mute", "pause", "right"]
    page.page.tap("#maestro-canvas")
    page.page.wait_for_timeout(100)
    assert page.state()["scene"] == "playing"
    box = page.page.locator("[data-action=right]").bounding_box()
    client = page.context.new_cdp_session(page.page)
    point = {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}
    client.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    page.page.wait_for_timeout(300)
    client.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    assert page.state()["player"]["x"] > 20
    page.page.tap("[data-action=pause]")
    page.page.wait_for_timeout(100)
    assert page.state()["scene"] == "paused"
    width = page.js("document.getElementById('maestro-canvas').clientWidth")
    assert width == 390  # the whole width of the phone


def test_music_starts_after_the_first_key_and_follows_the_scenes(open_page: Any) -> None:
    page = open_page()
    assert page.js("Maestro.audio.running") is False
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("Maestro.audio.playing === 'music-level-1.mp3'")
    for index in (1, 2, 3):
        page.js(f"maestro.solve({index})")
    page.page.wait_for_function("Maestro.audio.playing === 'jingle-win.mp3'")
    assert page.state()["scene"] == "won"



#: In the page: decode the level loop as the runtime does, play it looped over its span in an
#: OfflineAudioContext starting half a second before the seam, and return what came out next to
#: what the decoded file holds on both sides of the seam.
SEAM_JS = """async () => {
  const audio = window.MAESTRO_DATA.audio, name = 'music-level-1.mp3';
  const [start, end] = audio.map.loops[name];
  const raw = atob(audio.files[name]);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const rate = audio.map.sample_rate, n = rate;
  const ctx = new OfflineAudioContext(1, n, rate);
  const buffer = await ctx.decodeAudioData(bytes.buffer);
  const source = ctx.createBufferSource();
  source.buffer = buffer; source.loop = true; source.loopStart = start; source.loopEnd = end;
  source.connect(ctx.destination);
  source.start(0, end - 0.5);
  const played = (await ctx.startRendering()).getChannelData(0);
  const data = buffer.getChannelData(0);
  const e = Math.round(end * rate), s = Math.round(start * rate), half = n / 2;
  const expected = [...data.slice(e - half, e), ...data.slice(s, s + half)];
  return {played: Array.from(played), expected: expected, rate: buffer.sampleRate,
          duration: buffer.duration, end: end};
}"""


def test_the_browser_decodes_the_mp3_and_loops_it_without_a_click(open_page: Any) -> None:
    import numpy as np

    page = open_page()
    result = page.js(SEAM_JS)
    assert result["rate"] == 22050 and result["duration"] >= result["end"]
    played, expected = np.array(result["played"]), np.array(result["expected"])
    assert np.sqrt(np.mean(played**2)) > 0.02, "the loop is silent"
    # What plays across the seam is the file's span end followed by its start...
    assert np.max(np.abs(played - expected)) < 0.02
    # ...and no step at the join stands out from the music's own steps.
    steps = np.abs(np.diff(played))
    seam = steps[len(steps) // 2 - 3:len(steps) // 2 + 3].max()
    assert seam <= np.percentile(steps, 99.5), "a click where the loop joins"

# --- what the genre modules share: the rules reader and the input bits (rules.js) ----------------------------

GENRE_NAMES = ("platformer", "topdown", "puzzle", "shooter", "runner")
#: Wrong values for each kind of constant: a bool where an int is wanted, an int where a bool is
#: wanted, and other JSON a level file could carry (the message quotes it as Python's repr does).
WRONG: dict[str, list[Any]] = {
    "int": [True, False, None, "12", "it's", 1.5, 0.00001, [1], {"a": 1}],
    "bool": [1, 0, None, "true", [True]],
    "ints": [7, True, None, [1, True], [1.5], "1,2", {"a": [1]}],
}


def kind(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    return "int" if isinstance(value, int) else "ints"


def rule_cases(tuning: type[RulesTuning]) -> list[tuple[dict[str, Any], str]]:
    """Level-file rules each missing or mistyping one constant, with ``from_rules``'s message."""
    good = tuning().to_rules()
    cases: list[tuple[dict[str, Any], str]] = []
    for item in fields(tuning):
        broken = [{k: v for k, v in good.items() if k != item.name}]
        broken += [good | {item.name: value} for value in WRONG[kind(good[item.name])]]
        for rules in broken:
            with pytest.raises(ValueError) as caught:
                tuning.from_rules(rules)
            cases.append((rules, str(caught.value)))
    return cases


def test_every_genre_module_refuses_rules_that_lack_a_constant_or_mistype_one_as_python_does(open_page: Any) -> None:
    page = open_page(with_assets=False)
    for genre in GENRE_NAMES:
        tuning = importlib.import_module(f"maestro.rules.{genre}").Tuning
        cases = rule_cases(tuning)
        got = page.page.evaluate("""([genre, level, cases]) => cases.map(([rules]) => {
            try { Maestro.genres[genre].load(Object.assign({}, level, {rules})); return null; }
            catch (e) { return e.message; }
        })""", [genre, level(1), cases])
        assert got == [message for _, message in cases], genre
    # the shared reader itself, with a genre's kind of table
    spec = {"lives": "int", "dash": "bool", "priority": "ints"}
    good = {"lives": 3, "dash": False, "priority": [4, 8, 1, 2], "other": "ignored"}
    read = page.page.evaluate("([rules, spec]) => Maestro.readRules(rules, spec)", [good, spec])
    assert read == {"lives": 3, "dash": False, "priority": [4, 8, 1, 2]}


def test_one_input_bit_table_serves_the_genre_modules_and_the_keyboard(open_page: Any) -> None:
    page = open_page(with_assets=False)
    assert page.js("Maestro.BITS") == inputs.BITS
    runtime = ROOT / "maestro" / "runtime"
    for module in sorted((runtime / "genres").glob("*.js")):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"\b(LEFT|RIGHT|UP|DOWN|JUMP|ACTION)\s*=\s*\d", source), module.name
        assert "Maestro.BITS" in source and "Maestro.readRules(" in source, module.name
    assert "Maestro.BITS =" not in (runtime / "input.js").read_text(encoding="utf-8")
