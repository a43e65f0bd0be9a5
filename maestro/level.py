"""The level file: what the labyrinth stage writes and the runtime, the canvas and the checker read.

One JSON document per level, the same envelope for every genre. It carries the rules constants
and the solution, so the file alone is enough to replay the proof. ``level.schema.json`` beside
this module is generated from these models (``python -m maestro.level``) and ships with
the package, so consumers in other languages can validate a file without Python.
"""

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from maestro.spec import Genre

LEVEL_FORMAT = "maestro.level/1"
SCHEMA_PATH = Path(__file__).with_name("level.schema.json")

#: Tile pixels, every genre.
TILE = 16

#: The characters of ``rows`` and the tile each stands for. Side views read ``.`` as air;
#: top-down views read it as floor.
LEGEND: dict[str, str] = {
    " ": "void",
    ".": "empty",
    "#": "solid",
    "=": "platform",
    "^": "spikes",
    "G": "goal",
    "D": "door",
    "X": "exit",
    "+": "target",
}

EntityKind = Literal["enemy", "boss", "item", "key", "crate", "hazard", "obstacle"]
RuleValue = int | bool | list[int]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Point(_Model):
    x: int
    y: int


class Motion(_Model):
    """A path an entity follows on its own, as a pure function of the step number.

    ``pingpong`` walks the points forward then back; ``loop`` returns from the last to the first.
    ``period`` is the steps of one whole cycle; ``offset`` shifts where in the cycle step 0 is.
    """

    path: list[Point] = Field(min_length=2)
    period: int = Field(ge=2)
    mode: Literal["pingpong", "loop"] = "pingpong"
    offset: int = Field(default=0, ge=0)


class Entity(_Model):
    """Anything placed in a level besides tiles. Positions are the top-left corner, in pixels."""

    id: str
    kind: EntityKind
    name: str
    behaviour: str | None = None
    x: int
    y: int
    w: int = Field(ge=1)
    h: int = Field(ge=1)
    motion: Motion | None = None
    hp: int = Field(default=1, ge=1)
    points: int = Field(default=0, ge=0)
    params: dict[str, int] = Field(default_factory=dict)


class Spawn(_Model):
    """One shooter enemy of a wave: when it enters (steps after the wave starts), where, and how it moves."""

    name: str
    pattern: Literal["straight", "zigzag", "sine", "swoop", "hover", "boss"]
    delay: int = Field(ge=0)
    x: int
    y: int
    w: int = Field(ge=1)
    h: int = Field(ge=1)
    hp: int = Field(ge=1)
    points: int = Field(ge=0)
    boss: bool = False
    params: dict[str, int] = Field(default_factory=dict)


class Wave(_Model):
    at: int = Field(ge=0, description="Step the wave starts at.")
    formation: str
    spawns: list[Spawn] = Field(min_length=1)


class Solution(_Model):
    """The proof: inputs that finish the level under the rules in ``rules``."""

    inputs: list[list[int]] = Field(description="Runs of [input mask, steps].")
    steps: int = Field(ge=1)
    moves: str | None = Field(
        default=None, description="Grid moves (U/D/L/R, '.' a wait, '*' a swing), for grid genres."
    )


class LevelFile(_Model):
    format: Literal["maestro.level/1"] = "maestro.level/1"
    genre: Genre
    index: int = Field(ge=1)
    name: str = Field(min_length=1)
    difficulty: int = Field(ge=1, le=10)
    theme: str | None = None
    seed: int = Field(ge=0, le=0xFFFFFFFF)
    rules: dict[str, RuleValue]
    tile_size: int = TILE
    width: int = Field(ge=1, description="Map width in tiles.")
    height: int = Field(ge=1, description="Map height in tiles.")
    rows: list[str] = Field(min_length=1, description="The tile map, one string per row; see legend.")
    legend: dict[str, str] = Field(default_factory=lambda: dict(LEGEND))
    player: Point
    entities: list[Entity] = Field(default_factory=list)
    waves: list[Wave] = Field(default_factory=list)
    solution: Solution
    par: int = Field(ge=1, description="Moves (puzzle) or steps (others) of the shipped solution.")
    stats: dict[str, int] = Field(default_factory=dict)

    def to_json(self) -> bytes:
        """Canonical bytes: sorted keys, no spaces to spare, so equal levels are equal files."""
        return (json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":")) + "\n").encode()


def level_json_schema() -> dict[str, object]:
    schema = LevelFile.model_json_schema()
    schema["$id"] = "https://maestro.local/schemas/level-1.json"
    schema["title"] = "Maestro level file"
    return schema


def load_schema() -> dict[str, object]:
    """The schema as shipped with the package."""
    loaded: dict[str, object] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


if __name__ == "__main__":
    SCHEMA_PATH.write_text(json.dumps(level_json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
