"""Levels for the five genres, each proven completable under the rules in :mod:`maestro.rules`.

``generate_level(plan)`` makes one level from a :class:`~maestro.labyrinth.plan.LevelPlan`;
``verify(level)`` replays its proof. The labyrinth stage (:mod:`maestro.stages.labyrinth`) plans
a spec's levels, generates them and stores them.
"""

from collections.abc import Callable
from importlib import import_module

from maestro.labyrinth.check import verify
from maestro.labyrinth.model import LevelFile, load_schema
from maestro.labyrinth.plan import LevelPlan, plan_levels


def generate_level(plan: LevelPlan) -> LevelFile:
    """A verified level for ``plan``, by the generator of ``maestro.labyrinth.<genre>``."""
    module = import_module(f"maestro.labyrinth.{plan.genre.value}")
    generate: Callable[[LevelPlan], LevelFile] = module.generate
    return generate(plan)


__all__ = ["LevelFile", "LevelPlan", "generate_level", "load_schema", "plan_levels", "verify"]
