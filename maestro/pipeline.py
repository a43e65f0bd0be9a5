"""One job, start to finish, in this process: parse, the four stages, build.

This is the embedded mode's path (``maestro run``): no broker, no database, a store of the
caller's choosing. Every stage failure is re-raised as :class:`StageError` naming the stage,
so the user reads which part of the work went wrong and why.
"""

from collections.abc import Callable
from dataclasses import dataclass

from maestro.errors import MaestroError
from maestro.gdd import parse_gdd
from maestro.manifest import StageManifest
from maestro.spec import GameSpec
from maestro.stages import build, canvas, codex, labyrinth, sonata
from maestro.store import Store

#: The four stages the parse feeds, in the order the embedded mode runs them.
STAGES: dict[str, Callable[[GameSpec, int, Store, str], StageManifest]] = {
    "codex": codex.run, "canvas": canvas.run, "sonata": sonata.run, "labyrinth": labyrinth.run,
}


class StageError(MaestroError):
    """A stage failed; ``stage`` names it."""

    def __init__(self, stage: str, error: BaseException) -> None:
        super().__init__(f"stage {stage} failed: {error}")
        self.stage = stage


@dataclass(frozen=True)
class Job:
    spec: GameSpec
    seed: int
    manifests: dict[str, StageManifest]
    build: StageManifest


Progress = Callable[[str, str], None]


def run_job(gdd: bytes, store: Store, job_id: str, seed: int | None = None,
            progress: Progress = lambda stage, status: None) -> Job:
    """Parse ``gdd`` and run every stage into ``store`` under ``jobs/<job_id>/``.

    ``progress(stage, status)`` hears "started" and "done" for each stage. Bad input raises an
    :class:`~maestro.errors.InputError` from the parse; any other failure a :class:`StageError`.
    """
    progress("parse", "started")
    spec = parse_gdd(gdd)
    chosen = spec.seed if seed is None else seed
    progress("parse", "done")
    manifests: dict[str, StageManifest] = {}
    for name, stage in STAGES.items():
        progress(name, "started")
        try:
            manifests[name] = stage(spec, chosen, store, f"jobs/{job_id}/{name}")
        except Exception as error:
            raise StageError(name, error) from error
        progress(name, "done")
    progress("build", "started")
    try:
        built = build.run(spec, chosen, manifests, store, f"jobs/{job_id}/build")
    except Exception as error:
        raise StageError("build", error) from error
    progress("build", "done")
    return Job(spec, chosen, manifests, built)
