"""GameSpec: the one contract every stage reads.

The parser writes a `GameSpec`; codex, canvas, sonata, labyrinth and build only ever read one.
Everything here is plain data (pydantic v2) that round-trips through JSON, because the spec
travels through the broker to the four stages. Every value a stage may rely on is present:
what the GDD did not say is filled with a default, and `provenance` records for each field
whether it was stated in the text, inferred from it, or defaulted, so nobody mistakes a guess
for the designer's word. `warnings` says the same in sentences a designer can read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

MIN_LEVELS, MAX_LEVELS = 1, 20
MIN_LIVES, MAX_LIVES = 1, 9
MIN_TEMPO, MAX_TEMPO = 40, 240
MIN_DIFFICULTY, MAX_DIFFICULTY = 1, 10
MIN_SESSION_MINUTES, MAX_SESSION_MINUTES = 1, 180
MAX_SEED = 2**32 - 1


class Genre(StrEnum):
    """The five kinds of game Maestro can build."""

    PLATFORMER = "platformer"
    TOPDOWN = "topdown"
    SHOOTER = "shooter"
    PUZZLE = "puzzle"
    RUNNER = "runner"


class InputMode(StrEnum):
    KEYBOARD = "keyboard"
    TOUCH = "touch"
    BOTH = "both"


class Action(StrEnum):
    """The input vocabulary shared by the parser, the level solver and the runtime."""

    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    JUMP = "jump"
    ACTION = "action"
    SECONDARY = "secondary"
    PAUSE = "pause"
    UNDO = "undo"
    RESTART = "restart"
    MUTE = "mute"


class Mechanic(StrEnum):
    JUMP = "jump"
    DOUBLE_JUMP = "double_jump"
    WALL_SLIDE = "wall_slide"
    DASH = "dash"
    ATTACK = "attack"
    SHOOT = "shoot"
    BOMB = "bomb"
    POWERUP = "powerup"
    KEY_DOOR = "key_door"
    PUSH = "push"
    UNDO = "undo"
    DUCK = "duck"
    STOMP = "stomp"
    COLLECT = "collect"


class Behaviour(StrEnum):
    """How an enemy moves; stages implement exactly these."""

    PATROL = "patrol"
    CHASE = "chase"
    CHARGE = "charge"
    FLY = "fly"
    ZIGZAG = "zigzag"
    TURRET = "turret"
    SWOOP = "swoop"
    HOP = "hop"
    WANDER = "wander"


class ItemKind(StrEnum):
    COLLECTIBLE = "collectible"
    POWERUP = "powerup"
    HEALTH = "health"
    KEY = "key"


class ArtStyle(StrEnum):
    PIXEL = "pixel"
    PASTEL = "pastel"
    NEON = "neon"
    DARK_FANTASY = "dark_fantasy"
    GAMEBOY = "gameboy"
    CARTOON = "cartoon"
    FLAT = "flat"


class MusicStyle(StrEnum):
    CHIPTUNE = "chiptune"
    LOFI = "lofi"
    SYNTHWAVE = "synthwave"
    AMBIENT = "ambient"
    ORCHESTRAL = "orchestral"
    ROCK = "rock"
    JAZZ = "jazz"
    ELECTRONIC = "electronic"


class Mood(StrEnum):
    CHEERFUL = "cheerful"
    CALM = "calm"
    TENSE = "tense"
    DARK = "dark"
    EPIC = "epic"
    MYSTERIOUS = "mysterious"
    MELANCHOLIC = "melancholic"
    PLAYFUL = "playful"


class Origin(StrEnum):
    """Where a spec value came from."""

    STATED = "stated"
    INFERRED = "inferred"
    DEFAULT = "default"
    #: Read by the model (see `maestro.gdd.assist`) where the rules could only default: a name it
    #: proposes is used only if the GDD's text holds it.
    MODEL = "model"


HexColour = Annotated[str, Field(pattern=r"^#[0-9a-f]{6}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Provenance(_Model):
    origin: Origin
    detail: str = Field(description="The text it came from, or why it was inferred or defaulted.")
    line: int | None = Field(default=None, description="1-based line of the GDD it came from.")


class Platform(_Model):
    targets: list[str] = Field(default_factory=lambda: ["web"])
    input: InputMode = InputMode.BOTH


class Art(_Model):
    style: ArtStyle
    palette: list[HexColour] = Field(min_length=2)
    colour_words: list[str] = Field(default_factory=list, description="Colour words the GDD used.")


class Player(_Model):
    name: str = Field(min_length=1)
    description: str = ""
    abilities: list[Mechanic] = Field(default_factory=list)


class Enemy(_Model):
    name: str = Field(min_length=1)
    behaviour: Behaviour
    boss: bool = False
    description: str = ""


class Item(_Model):
    name: str = Field(min_length=1)
    kind: ItemKind = ItemKind.COLLECTIBLE
    points: int = Field(default=10, ge=0)
    description: str = ""


class LevelHints(_Model):
    """What the GDD said about one level's content; stages treat these as targets."""

    enemies: int | None = Field(default=None, ge=0)
    rooms: int | None = Field(default=None, ge=0)
    crates: int | None = Field(default=None, ge=0)
    waves: int | None = Field(default=None, ge=0)
    boss: str | None = None
    theme: str | None = None


class Level(_Model):
    index: int = Field(ge=1)
    name: str = Field(min_length=1)
    difficulty: int = Field(ge=MIN_DIFFICULTY, le=MAX_DIFFICULTY)
    description: str = ""
    hints: LevelHints = Field(default_factory=LevelHints)


class Audio(_Model):
    tempo_bpm: int = Field(ge=MIN_TEMPO, le=MAX_TEMPO)
    mode: Literal["major", "minor"]
    root: str = Field(pattern=r"^[A-G](#|b)?$", description="Tonic of the key, e.g. 'A' or 'F#'.")
    mood: Mood
    style: MusicStyle
    music: bool = Field(default=True, description="False when the GDD asks for no music (or no audio at all).")
    sound: bool = Field(default=True, description="False when the GDD asks for no sound effects (or no audio at all).")
    instruments: list[Annotated[str, Field(pattern=r"^[a-z_]{1,24}$")]] = Field(
        default_factory=list, max_length=4,
        description="Instruments the GDD names for its music, in its order (piano, harp, cello, strings...).")
    effects: dict[Annotated[str, Field(pattern=r"^[a-z_]{1,24}$")],
                  list[Annotated[str, Field(pattern=r"^[a-z_]{1,24}$")]]] = Field(
        default_factory=dict, max_length=24,
        description="Effect kind -> the GDD's words for it (jump -> crackly, soft...).")


class ScoreRules(_Model):
    per_enemy: int = Field(default=100, ge=0)
    per_level: int = Field(default=1000, ge=0)
    time_bonus: bool = False


class FidelityStatus(StrEnum):
    """What the game does with one fact of the GDD."""

    USED = "used"
    APPROXIMATED = "approximated"
    NOT_SUPPORTED = "not supported"


class Fidelity(_Model):
    """One fact the GDD states and what the game does with it: the designer's at-a-glance check."""

    fact: str = Field(description="The fact as the GDD gives it, e.g. 'boss Core Mind', '5 waves', 'grappling hook'.")
    status: FidelityStatus
    detail: str = Field(default="", description="What the game does: 'level 3', 'approximated as 20 levels'.")


class GameSpec(_Model):
    """A game, as the GDD describes it, complete enough for every stage to build from."""

    spec_version: Literal[1] = 1
    title: str = Field(min_length=1)
    summary: str = ""
    tagline: str = Field(default="", max_length=120, description="A line under the title on the title screen.")
    setting: str | None = Field(
        default=None, max_length=20,
        description="Where the game is set (desert, city, forest, cave, crypt, castle, ice, lava, water, sky, "
                    "space, factory, swamp, garden), for every level that names no theme of its own.")
    language: Literal["en", "ko", "mixed"] = "en"
    genre: Genre
    platform: Platform = Field(default_factory=Platform)
    controls: dict[Action, list[str]]
    art: Art
    player: Player
    enemies: list[Enemy] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    mechanics: list[Mechanic] = Field(default_factory=list)
    levels: list[Level] = Field(min_length=MIN_LEVELS, max_length=MAX_LEVELS)
    lives: int = Field(ge=MIN_LIVES, le=MAX_LIVES)
    win_condition: str
    lose_condition: str
    score: ScoreRules = Field(default_factory=ScoreRules)
    audio: Audio
    session_minutes: int = Field(ge=MIN_SESSION_MINUTES, le=MAX_SESSION_MINUTES)
    seed: int = Field(ge=0, le=MAX_SEED)
    warnings: list[str] = Field(default_factory=list)
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    fidelity: list[Fidelity] = Field(default_factory=list,
                                     description="Each fact of the GDD and whether the game uses it.")

    @property
    def bosses(self) -> list[Enemy]:
        return [enemy for enemy in self.enemies if enemy.boss]


def game_spec_json_schema() -> dict[str, object]:
    """The JSON Schema of `GameSpec`, as `maestro schema` prints it."""
    return GameSpec.model_json_schema()
