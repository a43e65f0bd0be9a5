"""The five genres, each as one typed entry: its level generator, its rules, its runtime module.

Everything that depends on the genre looks it up here instead of importing a module by name:
the labyrinth stage (generator, replay), the proof checker (replay), the codex stage (tuning) and
the build (the JavaScript module that ports the rules).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from maestro.labyrinth import platformer, puzzle, runner, shooter, topdown
from maestro.level import LevelFile
from maestro.plan import LevelPlan
from maestro.rules import platformer as platformer_rules
from maestro.rules import puzzle as puzzle_rules
from maestro.rules import runner as runner_rules
from maestro.rules import shooter as shooter_rules
from maestro.rules import topdown as topdown_rules
from maestro.rules.inputs import Script
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning
from maestro.spec import Genre

Generate = Callable[[LevelPlan], LevelFile]
Replay = Callable[[LevelFile, Script | None], Outcome]


@dataclass(frozen=True)
class GenreKit:
    """What Maestro needs to make, prove and play levels of one genre."""

    genre: Genre
    #: A verified level for a plan (``maestro/labyrinth/<genre>.py``).
    generate: Generate
    #: Replays a script (default: the file's own solution) under the file's rules constants.
    replay: Replay
    #: The rules constants, as they are written into every level file.
    tuning: RulesTuning
    #: The runtime's port of the rules, relative to ``maestro/runtime/``.
    runtime_module: str


def _kit(genre: Genre, generate: Generate, replay: Replay, tuning: RulesTuning) -> GenreKit:
    return GenreKit(genre, generate, replay, tuning, f"genres/{genre.value}.js")


GENRES: Mapping[Genre, GenreKit] = MappingProxyType({
    Genre.PLATFORMER: _kit(Genre.PLATFORMER, platformer.generate, platformer_rules.replay, platformer_rules.TUNING),
    Genre.TOPDOWN: _kit(Genre.TOPDOWN, topdown.generate, topdown_rules.replay, topdown_rules.TUNING),
    Genre.PUZZLE: _kit(Genre.PUZZLE, puzzle.generate, puzzle_rules.replay, puzzle_rules.TUNING),
    Genre.SHOOTER: _kit(Genre.SHOOTER, shooter.generate, shooter_rules.replay, shooter_rules.TUNING),
    Genre.RUNNER: _kit(Genre.RUNNER, runner.generate, runner_rules.replay, runner_rules.TUNING),
})
