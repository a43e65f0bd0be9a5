"""Levels for the five genres, each proven completable under the rules in :mod:`maestro.rules`.

``generate_level(plan)`` makes one level from a :class:`~maestro.plan.LevelPlan`;
``verify(level)`` replays its proof. The labyrinth stage (:mod:`maestro.stages.labyrinth`) plans
a spec's levels, generates them and stores them. :mod:`maestro.labyrinth.genres` is the registry
of what each genre brings (generator, rules, runtime module).
"""

from maestro.level import LevelFile
from maestro.plan import LevelPlan
from maestro.rules.inputs import Script
from maestro.rules.outcome import Outcome


def generate_level(plan: LevelPlan) -> LevelFile:
    """A verified level for ``plan``, by its genre's generator."""
    from maestro.labyrinth.genres import GENRES

    return GENRES[plan.genre].generate(plan)


def verify(level: LevelFile, inputs: Script | None = None) -> Outcome:
    """Replay ``inputs`` (default: the shipped solution) under the level's own rules; how it ended."""
    from maestro.labyrinth.genres import GENRES

    return GENRES[level.genre].replay(level, inputs)


__all__ = ["generate_level", "verify"]
