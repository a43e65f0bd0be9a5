"""The codex stage: the game's own JavaScript, written from the spec for a developer to keep working on.

It writes ``game.js``: readable, commented code that sets ``Maestro.game``, which the runtime reads
when the page starts: the title and screen texts (in the GDD's language), the controls, the lives
and levels, the touch layout, the cast with what each one does, the score rules and the genre's
tuning. Every string from the GDD goes through :func:`js_string`, so a title like ``</script>``
stays text wherever the file is inlined.
"""

import json
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from maestro.cast import level_cast
from maestro.labyrinth.genres import GENRES
from maestro.manifest import StageManifest
from maestro.spec import Action, GameSpec, Genre, Mechanic
from maestro.store import Store
from maestro.web import script_safe

STAGE = "codex"
VERSION = 1
JS = "text/javascript"

DEFAULT_KEYS: dict[Action, list[str]] = {
    Action.LEFT: ["ArrowLeft", "KeyA"], Action.RIGHT: ["ArrowRight", "KeyD"], Action.UP: ["ArrowUp", "KeyW"],
    Action.DOWN: ["ArrowDown", "KeyS"], Action.JUMP: ["Space"], Action.ACTION: ["KeyX", "Enter"],
    Action.PAUSE: ["KeyP", "Escape"], Action.RESTART: ["KeyR"], Action.MUTE: ["KeyM"], Action.UNDO: ["KeyZ"],
}
TEXTS: dict[str, dict[str, str]] = {
    "en": {"press_start": "Press any key to start", "paused": "Paused", "level_complete": "Level complete!",
           "win": "You win!", "lose": "Game over", "restart": "Press R to play again", "best": "Best",
           "new_best": "New best!", "moves": "Moves", "par": "Par"},
    "ko": {"press_start": "아무 키나 눌러 시작", "paused": "일시 정지", "level_complete": "레벨 완료!",
           "win": "승리!", "lose": "게임 오버", "restart": "R 키로 다시 시작", "best": "최고 점수",
           "new_best": "새 최고 기록!", "moves": "이동", "par": "목표"},
}
TOUCH: dict[Genre, list[str]] = {
    Genre.PLATFORMER: ["left", "right", "jump", "action"],
    Genre.TOPDOWN: ["left", "right", "up", "down", "action"],
    Genre.PUZZLE: ["left", "right", "up", "down", "undo", "restart"],
    Genre.SHOOTER: ["left", "right", "up", "down", "action"],
    Genre.RUNNER: ["jump", "down"],
}
BEHAVIOURS: dict[str, str] = {
    "patrol": "walks back and forth along its ground", "chase": "hunts the player once it sees them",
    "charge": "charges at the player in a straight line",
    "fly": "flies on a fixed path", "zigzag": "zigzags", "turret": "holds its post and fires at the player",
    "swoop": "swoops down at the player", "hop": "hops in place", "wander": "wanders a loop around its room",
}


def js_string(text: str) -> str:
    """A JavaScript string literal that is safe inside an HTML ``<script>`` too."""
    return script_safe(json.dumps(text, ensure_ascii=False))


def js_value(value: Any, indent: int = 2) -> str:
    """A JSON-shaped value as JavaScript source, strings escaped with :func:`js_string`."""
    pad = " " * indent
    if isinstance(value, str):
        return js_string(value)
    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return "[" + ", ".join(js_value(v) for v in value) + "]"
        return "[\n" + ",\n".join(pad + "  " + js_value(v, indent + 2) for v in value) + "\n" + pad + "]"
    items = [f"{pad}  {json.dumps(str(k))}: {js_value(v, indent + 2)}" for k, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def controls_of(spec: GameSpec) -> dict[str, list[str]]:
    """The GDD's keys where it gave them, the usual ones elsewhere; every key does one thing.

    A GDD that says "arrow keys to move and jump" names the same keys for several actions. A key
    claimed twice goes to the action it usually means (ArrowDown is down), else to the first
    action that claimed it.
    """
    wanted = {action: list(codes) for action, codes in DEFAULT_KEYS.items()}
    for action, codes in spec.controls.items():
        if codes:
            wanted[action] = list(codes)
    owner: dict[str, Action] = {}
    for action, codes in wanted.items():
        for code in codes:
            usual = code in DEFAULT_KEYS.get(action, [])
            if code not in owner or (usual and code not in DEFAULT_KEYS.get(owner[code], [])):
                owner[code] = action
    keys: dict[str, list[str]] = {}
    for action, codes in wanted.items():
        if action in _unused(spec):
            continue
        mine = [code for code in codes if owner[code] == action]
        keys[action.value] = mine or [c for c in DEFAULT_KEYS.get(action, []) if owner.get(c, action) == action]
    return keys


def _unused(spec: GameSpec) -> set[Action]:
    """Actions the game's rules never read: no key and no touch button for them.

    The platformer's secondary action is its dash; a platformer without the dash ability would
    show a key and a touch button that do nothing.
    """
    if spec.genre == Genre.PLATFORMER and Mechanic.DASH not in set(spec.mechanics) | set(spec.player.abilities):
        return {Action.SECONDARY}
    return set()


def touch_buttons(spec: GameSpec) -> list[str]:
    """The genre's on-screen buttons, plus the secondary one where the platformer has its dash."""
    buttons = list(TOUCH[spec.genre])
    if spec.genre == Genre.PLATFORMER and Action.SECONDARY not in _unused(spec):
        buttons.append(Action.SECONDARY.value)
    return buttons


def tuning_of(spec: GameSpec) -> dict[str, Any]:
    """The genre's rule constants, with the abilities the GDD gave the player."""
    tuning: Any = GENRES[spec.genre].tuning
    if spec.genre == Genre.PLATFORMER:
        abilities = set(spec.mechanics) | set(spec.player.abilities)
        tuning = type(tuning)(double_jump=Mechanic.DOUBLE_JUMP in abilities,
                              wall_slide=Mechanic.WALL_SLIDE in abilities, dash=Mechanic.DASH in abilities)
    if not is_dataclass(tuning) or isinstance(tuning, type):
        return {}
    values = asdict(tuning)
    return {f.name: list(values[f.name]) if isinstance(values[f.name], tuple) else values[f.name]
            for f in fields(tuning) if not isinstance(values[f.name], tuple) or len(values[f.name]) <= 16}


def game_js(spec: GameSpec, seed: int) -> str:
    texts = TEXTS["ko" if spec.language == "ko" else "en"]
    cast = [
        {"key": member.key, "kind": member.kind, "name": member.name,
         **({"behaviour": member.behaviour, "does": BEHAVIOURS.get(member.behaviour, "")} if member.behaviour else {})}
        for member in level_cast(spec, seed)
    ]
    swipe = spec.genre in (Genre.PUZZLE, Genre.RUNNER) and spec.platform.input.value in ("touch", "both")
    parts = [
        f"/*\n  game.js — {_comment(spec.title)}: this game's own code, written by Maestro's codex stage.\n"
        f"    Maestro.game   everything the runtime needs to know about this {spec.genre.value}: title and\n"
        "                   texts, controls, lives, levels, touch layout, cast, score rules and tuning.\n"
        "  The runtime (engine.js and genres/*.js) reads Maestro.game when the page starts. Edit freely:\n"
        "  change a key, a text, a life count, and reload the page.\n*/",
        '"use strict";',
        "Maestro.game = {",
        "  /** Drawn on the title screen by the game, as text (never as HTML), in any language. */",
        f"  title: {js_string(spec.title)},",
        f"  summary: {js_string(spec.summary)},",
        "  /** Drawn under the title on the title screen, when there is one. */",
        f"  tagline: {js_string(spec.tagline)},",
        f"  /** One of platformer, topdown, puzzle, shooter, runner: picks Maestro.genres.{spec.genre.value}. */",
        f"  genre: {js_string(spec.genre.value)},",
        f"  language: {js_string(spec.language)},",
        "  /** Keyboard: action -> KeyboardEvent.code values. From the GDD where it named keys. */",
        f"  controls: {js_value(controls_of(spec))},",
        "  /** On-screen buttons on touch devices; swipes move too where the GDD asks for them. */",
        f"  touch: {js_value({'buttons': touch_buttons(spec), 'swipe': swipe})},",
        f"  /** Lives at the start. A hit costs one and restarts the level. */\n  lives: {spec.lives},",
        "  /** The levels in order; their maps, rules and proofs are the level files. */",
        "  levels: " + js_value([{"index": level.index, "name": level.name, "difficulty": level.difficulty}
                                 for level in spec.levels]) + ",",
        "  /** Screen texts, in the GDD's language. */",
        f"  texts: {js_value(texts)},",
        f"  /** What winning and losing mean, as the GDD puts it (shown in the build report). */\n"
        f"  winCondition: {js_string(spec.win_condition)},\n  loseCondition: {js_string(spec.lose_condition)},",
        "  /** Who appears in the levels: sprite keys (kind:name) and what each one does. */",
        f"  cast: {js_value(cast)},",
        "  /** Points: per enemy, per level, and whether time left adds a bonus. */",
        f"  score: {js_value(spec.score.model_dump())},",
        "  /**",
        "   * The genre's rule constants (sub-pixels and steps at 60 steps/s). Each level file carries",
        "   * its own copy under `rules`, and that copy is what the simulation uses: change both.",
        "   */",
        f"  tuning: {js_value(tuning_of(spec))},",
        "};",
        "",
    ]
    return "\n".join(parts)


def _comment(text: str) -> str:
    """GDD text fit for a comment: it cannot close the comment, and no markup survives in the file."""
    return text.replace("*/", "* /").replace("\n", " ").replace("<", "‹").replace(">", "›")


def run(spec: GameSpec, seed: int, store: Store, prefix: str) -> StageManifest:
    source = game_js(spec, seed)
    stored = store.put(f"{prefix}/game.js", source.encode(), JS)
    return StageManifest(stage=STAGE, files=[stored], meta={"version": VERSION, "genre": spec.genre.value,
                                                            "lines": source.count("\n")})
