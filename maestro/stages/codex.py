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
from maestro.labyrinth import shooter as shooter_levels
from maestro.labyrinth.genres import GENRES
from maestro.manifest import StageManifest
from maestro.rules import topdown as topdown_rules
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
#: Keys for an action the GDD gave none, used only where no other action has them (they never take
#: a key from another action, as DEFAULT_KEYS' usual keys do).
FALLBACK_KEYS: dict[Action, list[str]] = {Action.SECONDARY: ["KeyC", "KeyB", "ShiftLeft"]}
TEXTS: dict[str, dict[str, str]] = {
    "en": {"press_start": "Press any key to start", "paused": "Paused", "level_complete": "Level complete!",
           "win": "You win!", "lose": "Game over", "restart": "Press R to play again", "best": "Best",
           "new_best": "New best!", "moves": "Moves", "par": "Par"},
    "ko": {"press_start": "아무 키나 눌러 시작", "paused": "일시 정지", "level_complete": "레벨 완료!",
           "win": "승리!", "lose": "게임 오버", "restart": "R 키로 다시 시작", "best": "최고 점수",
           "new_best": "새 최고 기록!", "moves": "이동", "par": "목표"},
}
#: Every button a genre can show on a touch screen, in layout order; :func:`touch_buttons` keeps
#: those the game's rules read (see :func:`_unused`). Pause is always added by the runtime, mute
#: only when the game has audio.
TOUCH: dict[Genre, list[str]] = {
    Genre.PLATFORMER: ["left", "right", "jump", "action", "secondary"],
    Genre.TOPDOWN: ["left", "right", "up", "down", "action"],
    Genre.PUZZLE: ["left", "right", "up", "down", "undo", "restart"],
    Genre.SHOOTER: ["left", "right", "up", "down", "action", "secondary"],
    Genre.RUNNER: ["jump", "down"],
}
#: The input bits each genre's rules (``maestro/rules/<genre>.py`` and ``genres/<genre>.js``) read
#: at all; what else a game's rules leave out is decided per game in :func:`_unused`. UP jumps in
#: the platformer and the runner (``JUMP | UP``); UNDO is the puzzle's (its own undo).
READ: dict[Genre, set[Action]] = {
    Genre.PLATFORMER: {Action.LEFT, Action.RIGHT, Action.UP, Action.JUMP, Action.ACTION, Action.SECONDARY},
    Genre.TOPDOWN: {Action.LEFT, Action.RIGHT, Action.UP, Action.DOWN, Action.ACTION},
    Genre.PUZZLE: {Action.LEFT, Action.RIGHT, Action.UP, Action.DOWN, Action.UNDO},
    Genre.SHOOTER: {Action.LEFT, Action.RIGHT, Action.UP, Action.DOWN, Action.ACTION, Action.SECONDARY},
    Genre.RUNNER: {Action.UP, Action.DOWN, Action.JUMP},
}
#: Read by the engine in every game: pause and restart always, mute when the game has audio.
ENGINE: frozenset[Action] = frozenset({Action.PAUSE, Action.RESTART, Action.MUTE})
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

    Only actions the game reads get keys (:func:`_unused`): no jump key in a puzzle, no mute key
    in a game without audio.

    A GDD that says "arrow keys to move and jump" names the same keys for several actions. A key
    claimed twice goes to the action it usually means (ArrowDown is down), else to the first
    action that claimed it. An action left with no key takes the first of its :data:`FALLBACK_KEYS`
    nobody else has (the shooter's bomb and the dash on C, or B where the GDD gave C to another).
    """
    unused = _unused(spec)
    wanted = {action: list(codes) for action, codes in DEFAULT_KEYS.items() if action not in unused}
    for action, codes in spec.controls.items():
        if codes and action not in unused:
            wanted[action] = list(codes)
    owner: dict[str, Action] = {}
    for action, codes in wanted.items():
        for code in codes:
            usual = code in DEFAULT_KEYS.get(action, [])
            if code not in owner or (usual and code not in DEFAULT_KEYS.get(owner[code], [])):
                owner[code] = action
    keys: dict[str, list[str]] = {}
    for action, codes in wanted.items():
        mine = [code for code in codes if owner[code] == action]
        mine = mine or [c for c in DEFAULT_KEYS.get(action, []) if owner.get(c, action) == action]
        if mine:
            keys[action.value] = mine
    for action, codes in FALLBACK_KEYS.items():
        if action not in unused and action.value not in keys:
            free = [code for code in codes if code not in owner]
            if free:
                keys[action.value] = free[:1]
    return keys


def has_audio(spec: GameSpec) -> bool:
    """Whether the game has music or sound effects at all (a GDD may ask for no audio)."""
    return spec.audio.music or spec.audio.sound


def _unused(spec: GameSpec) -> set[Action]:
    """Actions the game's rules never read: no key and no touch button for them.

    Per genre, from what ``maestro/rules/<genre>.py`` (and its port ``genres/<genre>.js``) reads
    (:data:`READ`), then per game:

    - platformer: LEFT, RIGHT, JUMP (UP jumps too), ACTION and SECONDARY; never DOWN or UNDO.
      ACTION is the sword swing, or with ``ranged`` (a GDD that names shooting and no melee) the
      bolt: the rules have no switch to turn it off, and the level generator's solver swings at
      any foe in reach even where the GDD names no attack (every level proof of Frost Peak uses
      ACTION), so every platformer keeps its action button. SECONDARY is the dash, read only with
      ``tuning.dash``, which the generator sets from the DASH ability: without it, no secondary.
    - top-down: the four directions, and ACTION while the rules' ``attack`` is on (the generator
      keeps ``maestro.rules.topdown.TUNING.attack``, on for every game today); no JUMP.
    - puzzle: the four directions and UNDO; no JUMP, ACTION or SECONDARY.
    - shooter: the four directions, ACTION (fire) and SECONDARY (a bomb) while the generator gives
      the levels bombs (``BOMBS`` / ``BOMBS_HARD`` in ``maestro/labyrinth/shooter.py``); no JUMP.
    - runner: JUMP (UP jumps too) and DOWN (duck) only; it runs by itself, so no LEFT or RIGHT.
    - every genre: PAUSE and RESTART (the engine's); MUTE only when the game has music or sound
      effects (``spec.audio``): a GDD that asks for no audio gets no mute key or button.
    """
    unused = set(Action) - READ[spec.genre] - ENGINE
    if spec.genre == Genre.PLATFORMER and Mechanic.DASH not in set(spec.mechanics) | set(spec.player.abilities):
        unused.add(Action.SECONDARY)
    if spec.genre == Genre.TOPDOWN and not topdown_rules.TUNING.attack:
        unused.add(Action.ACTION)
    if spec.genre == Genre.SHOOTER and max(shooter_levels.BOMBS, shooter_levels.BOMBS_HARD) <= 0:
        unused.add(Action.SECONDARY)
    if not has_audio(spec):
        unused.add(Action.MUTE)
    return unused


def touch_buttons(spec: GameSpec) -> list[str]:
    """The genre's on-screen buttons that do something in this game (see :func:`_unused`).

    The runtime adds pause, and mute when the game config's ``audio`` has music or sound.
    """
    unused = {action.value for action in _unused(spec)}
    return [button for button in TOUCH[spec.genre] if button not in unused]


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
        "  /**",
        "   * Whether the game has music and sound effects (the GDD may ask for none). With neither,",
        "   * the game shows no mute button and has no mute key.",
        "   */",
        f"  audio: {js_value({'music': spec.audio.music, 'sound': spec.audio.sound})},",
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
