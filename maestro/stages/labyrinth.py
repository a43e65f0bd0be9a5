"""The labyrinth stage: a spec's levels, each proven completable, written to the store.

Output under ``<prefix>/``: ``level-01.json`` … one file per spec level (the level-file schema,
``maestro/level.schema.json``) and ``levels.json``, the index the build and the
runtime read first. Every level is validated against the schema and its proof replayed before
anything is stored, so a stored level is always a playable one.
"""

import functools
import json
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from maestro.errors import MaestroError
from maestro.labyrinth import generate_level, verify
from maestro.level import LevelFile, load_schema
from maestro.manifest import StageManifest
from maestro.plan import plan_levels
from maestro.spec import GameSpec
from maestro.store import Store

STAGE = "labyrinth"
#: Bump when the output for a given spec and seed changes, so cached outputs are not reused.
VERSION = 2
JSON = "application/json"


class LevelGenerationError(MaestroError):
    """A generated level failed its schema or its proof: a bug in a generator, never bad input."""


@functools.cache
def _validator() -> Any:
    """The level schema's validator, its schema checked once (``jsonschema.validate`` checks it
    against the metaschema on every call, which cost more than validating a level)."""
    schema = load_schema()
    kind = jsonschema.validators.validator_for(schema)
    kind.check_schema(schema)
    return kind(schema)


def build_levels(spec: GameSpec, seed: int) -> list[LevelFile]:
    """Every level of ``spec``, in order, schema-valid and proven."""
    levels: list[LevelFile] = []
    for plan in plan_levels(spec, seed):
        level = generate_level(plan)
        error = best_match(_validator().iter_errors(json.loads(level.to_json())))
        if error is not None:
            raise LevelGenerationError(f"level {plan.index} ({plan.name!r}) breaks the level schema: "
                                       f"{error.message}")
        outcome = verify(level)
        if not outcome.completed:
            raise LevelGenerationError(f"level {plan.index} ({plan.name!r}) failed its proof: {outcome.reason}")
        levels.append(level)
    return levels


def index_of(spec: GameSpec, seed: int, levels: list[LevelFile], files: list[str]) -> dict[str, object]:
    return {
        "format": "maestro.levels/1",
        "title": spec.title,
        "genre": spec.genre.value,
        "seed": seed,
        "levels": [
            {"index": level.index, "name": level.name, "difficulty": level.difficulty, "file": name,
             "par": level.par, "steps": level.solution.steps}
            for level, name in zip(levels, files, strict=True)
        ],
    }


def run(spec: GameSpec, seed: int, store: Store, prefix: str) -> StageManifest:
    """Generate, prove and store the levels; return the stage manifest."""
    return write(spec, seed, build_levels(spec, seed), store, prefix)


def write(spec: GameSpec, seed: int, levels: list[LevelFile], store: Store, prefix: str) -> StageManifest:
    """Store built levels and their index under ``prefix``."""
    names = [f"level-{level.index:02d}.json" for level in levels]
    stored = [store.put(f"{prefix}/{name}", level.to_json(), JSON) for level, name in zip(levels, names, strict=True)]
    index = json.dumps(index_of(spec, seed, levels, names), sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    stored.append(store.put(f"{prefix}/levels.json", index.encode(), JSON))
    return StageManifest(
        stage=STAGE,
        files=stored,
        meta={
            "version": VERSION,
            "genre": spec.genre.value,
            "seed": seed,
            "levels": len(levels),
            "pars": [level.par for level in levels],
            "proven": True,
        },
    )
