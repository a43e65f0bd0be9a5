"""Proof checking: replay a level's shipped solution under its genre's rules, from the file alone."""

from collections.abc import Callable
from importlib import import_module

from maestro.labyrinth.model import LevelFile
from maestro.rules.inputs import Script
from maestro.rules.outcome import Outcome

Replay = Callable[[LevelFile, Script | None], Outcome]


def replayer(genre: str) -> Replay:
    """The ``replay`` function of ``maestro.rules.<genre>``."""
    module = import_module(f"maestro.rules.{genre}")
    replay: Replay = module.replay
    return replay


def verify(level: LevelFile, inputs: Script | None = None) -> Outcome:
    """Replay ``inputs`` (default: the shipped solution) and report how it ended."""
    return replayer(level.genre.value)(level, inputs)
