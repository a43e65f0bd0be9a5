"""The arguments of every pipeline task, checked at the boundary before anything uses them.

Other services send ``maestro.submit`` by name with JSON they built themselves, and whoever can
reach the broker can send any task anything: every argument is untrusted. So each task takes
``*args, **kwargs`` and hands them to one model here, which

* refuses a wrong type by looking at the type, before any conversion: ``gdd=10**10`` is refused
  as an integer, never turned into ten gigabytes by ``bytes()`` or printed by ``repr()``;
* keeps every value inside what its database column holds (``jobs.seed`` is a signed 64-bit
  integer, ``jobs.submission_id`` 200 characters, and PostgreSQL text never holds NUL);
* refuses an unknown keyword by name, instead of Celery raising ``TypeError`` with no job recorded;
* says why in one line that names the argument and never echoes its value, which may be huge or
  hold control characters that garble a log line or a terminal.

Plain Python and pydantic, no Celery: the command line checks a ``--seed`` with the very rule a
worker applies (:func:`check_seed`), and the database models take their column sizes from here.
The GDD's *content* (size limit, UTF-8, not binary, not empty) is checked next, by
:mod:`maestro.gdd`, which every way in shares; this module only makes sure it is text or bytes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any, ClassVar, Final, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainValidator, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from maestro.errors import ArgumentError
from maestro.manifest import StageManifest
from maestro.pipeline import HEADER_STAGES, stage_path

#: A seed's range: what the ``jobs.seed`` column (a signed 64-bit BIGINT) can hold, from 0.
SEED_MIN: Final = 0
SEED_MAX: Final = 2**63 - 1
#: Longest ``submission_id``, in characters: the size of the ``jobs.submission_id`` column.
SUBMISSION_ID_MAX: Final = 200
#: Longest title, in characters: the size of the ``jobs.title`` column.
TITLE_MAX: Final = 200
#: Longest task or queue name a submitter may ask to be notified on.
NAME_MAX: Final = 200
#: Who may submit: the command line, another service by task name, ``maestro run``.
SOURCES: Final = ("cli", "celery", "embedded", "api")
#: Task and queue name prefixes that belong to Maestro and Celery, never a notify target: a
#: notification sent to one of them would arrive as a stray, malformed call of a pipeline task.
RESERVED_PREFIXES: Final = ("maestro.", "celery.")

_JOB_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]*")
_SAFE_LOC = re.compile(r"[A-Za-z0-9_]{1,40}")
#: Characters a one-line text may not hold: controls (NUL, tab, newline ...), lone surrogates
#: (not storable as UTF-8) and the Unicode line and paragraph separators.
_NOT_ONE_LINE = frozenset({"Cc", "Cs", "Zl", "Zp"})
#: How many problems one refusal lists; a message with ten thousand unknown keywords says "and N more".
_PROBLEMS_SHOWN = 3
_CHUNK = 1 << 16
_SEED_RULE = f"must be a whole number from {SEED_MIN} to {SEED_MAX}"


def _kind(value: object) -> str:
    """What ``value`` is, in JSON's words: a refusal names the kind, never the value itself."""
    kinds = {type(None): "null", bool: "a boolean", int: "an integer", float: "a float", str: "text",
             bytes: "bytes", list: "a list", tuple: "a list", dict: "an object"}
    return kinds.get(type(value)) or f"a {_shown(type(value).__name__)}"


def _shown(text: str, limit: int = 40) -> str:
    """``text`` fit to quote in a one-line message: at most ``limit`` characters, controls escaped."""
    clipped = text[:limit]
    if clipped.isprintable() and len(text) <= limit:
        return clipped
    return repr(clipped)[1:-1] + ("…" if len(text) > limit else "")


def _refuse(error_type: str, message: str, **context: str) -> PydanticCustomError:
    """A refusal pydantic reports at the argument's place; ``context`` fills ``{names}`` in ``message``."""
    return PydanticCustomError(error_type, message, context)


def _one_line(value: str) -> bool:
    """True if ``value`` holds no control character, lone surrogate or line break."""
    return not any(unicodedata.category(char) in _NOT_ONE_LINE for char in value)


# --- one validator per kind of value ----------------------------------------------------------


def _gdd(value: object) -> str | bytes:
    """The document as given, if it is text or bytes; anything else is refused by its type alone."""
    if isinstance(value, str | bytes):
        return value
    raise _refuse("gdd_type", "must be the document's text (a string) or its bytes, not {kind}", kind=_kind(value))


def _seed(value: object) -> int:
    """A seed the database and every stage can use; ``True``, ``"7"`` and ``7.0`` are not seeds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse("seed_type", _SEED_RULE + ", not {kind}", kind=_kind(value))
    if not SEED_MIN <= value <= SEED_MAX:
        raise _refuse("seed_range", _SEED_RULE + "; this one is out of range")
    return int(value)


def _submission_id(value: object) -> str:
    """An idempotency key: kept exactly as given, so it must fit its column and print on one line."""
    if not isinstance(value, str):
        raise _refuse("submission_id_type", "must be text, not {kind}", kind=_kind(value))
    if not 1 <= len(value) <= SUBMISSION_ID_MAX:
        raise _refuse("submission_id_length", f"must be 1 to {SUBMISSION_ID_MAX} characters, not {{length}}",
                      length=f"{len(value):,}")
    if not value.isprintable():
        raise _refuse("submission_id_printable", "must be printable characters (no control characters, tabs or "
                      "line breaks)")
    return value


def _title(value: object) -> str | None:
    """A title for lists and status lines, or None ("untitled"); parse replaces it with the GDD's."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _refuse("title_type", "must be text or null, not {kind}", kind=_kind(value))
    if len(value) > TITLE_MAX:
        raise _refuse("title_length", f"must be at most {TITLE_MAX} characters, not {{length}}",
                      length=f"{len(value):,}")
    if not _one_line(value):
        raise _refuse("title_printable", "must be one line of text (no control characters or line breaks)")
    return value.strip() or None


def _name(value: object, what: str, optional: bool) -> str | None:
    """A Celery task or queue name that belongs to the submitter, not to Maestro or Celery."""
    if optional and value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _refuse(f"{what}_type", "must be a name (text), not {kind}", kind=_kind(value))
    if not 1 <= len(value) <= NAME_MAX or not _NAME.fullmatch(value):
        raise _refuse(f"{what}_name", f"must be a {what} name like myservice.game_ready: 1 to {NAME_MAX} letters, "
                      "digits and _ . : -")
    if value.lower().startswith(RESERVED_PREFIXES):
        raise _refuse(f"{what}_reserved", f"must be one of your own {what}s; maestro.* and celery.* are taken")
    return value


def _source(value: object) -> str:
    """Who submitted, from the fixed set the job list filters and counts by."""
    if not (isinstance(value, str) and value in SOURCES):
        raise _refuse("source", f"must be one of {', '.join(SOURCES)}")
    return value


def _job_id(value: object) -> str:
    """A job id as `maestro.db` makes them; anything else would only reach the database to miss."""
    if not (isinstance(value, str) and _JOB_ID.fullmatch(value)):
        raise _refuse("job_id", "must be a job id: a lowercase UUID like 0b7e1c52-3f0a-4c1e-9a58-2d7f1e0c9b44")
    return value


def _notify_shape(value: object) -> object:
    """Only an object (or null) can be a notify target; say so before pydantic's own wording."""
    if value is None or isinstance(value, dict | NotifyTarget):
        return value
    raise _refuse("notify_type", 'must be {"task": "<task name>", "queue": "<queue name>"} or null, not {kind}',
                  kind=_kind(value))


def _manifest_list(value: object) -> object:
    """None (a retried build's "no results") as an empty list; a list's length checked before its items."""
    if value is None:
        return []
    if isinstance(value, list) and len(value) > len(HEADER_STAGES):
        raise _refuse("results_length", f"must hold at most {len(HEADER_STAGES)} manifests, not {{count}}",
                      count=f"{len(value):,}")
    return value


GDD = Annotated[str | bytes, PlainValidator(_gdd)]
Seed = Annotated[int, PlainValidator(_seed)]
OptionalSeed = Annotated[int | None, PlainValidator(lambda value: None if value is None else _seed(value))]
SubmissionId = Annotated[str | None, PlainValidator(lambda value: None if value is None else _submission_id(value))]
Title = Annotated[str | None, PlainValidator(_title)]
Source = Annotated[str, PlainValidator(_source)]
JobId = Annotated[str, PlainValidator(_job_id)]
TaskName = Annotated[str, PlainValidator(lambda value: _name(value, "task", optional=False))]
QueueName = Annotated[str | None, PlainValidator(lambda value: _name(value, "queue", optional=True))]


# --- the models -----------------------------------------------------------------------------


class NotifyTarget(BaseModel):
    """The task (and queue) a submitter wants called with ``{job_id, status, build}`` when the job ends.

    Without a queue the message goes to Celery's default queue, ``celery``, where the submitter's
    workers listen unless configured otherwise.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    task: TaskName
    queue: QueueName = None


Notify = Annotated[NotifyTarget | None, BeforeValidator(_notify_shape)]


class TaskArguments(BaseModel):
    """One task's arguments: unknown keywords refused, positional ones taken in ``POSITIONAL`` order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    #: The order positional arguments fill the fields in (Celery passes a chain's result first).
    POSITIONAL: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_call(cls, args: Sequence[object] = (), kwargs: Mapping[str, object] | None = None) -> Self:
        """The arguments of one call, or an `ArgumentError` naming what is wrong with them."""
        try:
            return cls.model_validate(_by_name(cls.POSITIONAL, args, kwargs or {}))
        except ValidationError as error:
            raise ArgumentError(refusal(error, cls.POSITIONAL)) from None


class Submitter(TaskArguments):
    """What a submission says about itself; all of it is recorded on the job, even when refused."""

    POSITIONAL: ClassVar[tuple[str, ...]] = ("title", "submission_id", "seed", "notify", "source")

    title: Title = None
    submission_id: SubmissionId = None
    seed: OptionalSeed = None
    notify: Notify = None
    source: Source = "celery"


class SubmitArgs(Submitter):
    """``maestro.submit``: the GDD and, optionally, who sends it and how to run it.

    ``gdd`` is the document's text, or a file's bytes (kombu's JSON carries bytes too). ``seed``
    None runs the job with the spec's own seed. ``submission_id`` makes a submission idempotent.
    """

    POSITIONAL: ClassVar[tuple[str, ...]] = ("gdd", *Submitter.POSITIONAL)

    gdd: GDD


class ParseArgs(TaskArguments):
    """``maestro.parse``: which job's stored GDD to parse."""

    POSITIONAL: ClassVar[tuple[str, ...]] = ("job_id",)

    job_id: JobId


class ParsedSpec(BaseModel):
    """What parse hands the four stages through the chord: the spec's JSON and the job's seed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    spec: dict[str, Any]
    seed: Seed
    #: Where the model's prompts and answers for this job are indexed (store key and SHA-256), when
    #: a model was asked; the stages never read it, the job's record keeps it for audit.
    llm: dict[str, str] | None = None


class StageArgs(TaskArguments):
    """``maestro.codex`` / ``canvas`` / ``sonata`` / ``labyrinth``: parse's output (or None: read the job's)."""

    POSITIONAL: ClassVar[tuple[str, ...]] = ("parsed", "job_id")

    parsed: ParsedSpec | None = None
    job_id: JobId


class BuildArgs(TaskArguments):
    """``maestro.build``: the header stages' manifests from the chord (none on a retried build)."""

    POSITIONAL: ClassVar[tuple[str, ...]] = ("results", "job_id")

    results: Annotated[list[StageManifest], BeforeValidator(_manifest_list)] = []
    job_id: JobId

    @model_validator(mode="after")
    def _own_files_only(self) -> Self:
        """Each manifest is one header stage's, naming only files in that stage's folder of a job.

        The build reads every file a manifest names: a forged manifest must not make it read (and
        ship) keys outside the stages' folders. The folder is usually this very job's; a hit of the
        stage cache (:mod:`maestro.cache`) names the folder of the job that first made the files.
        """
        seen: set[str] = set()
        for index, manifest in enumerate(self.results):
            if manifest.stage not in HEADER_STAGES or manifest.stage in seen:
                raise _refuse("results_stage", f"results[{index}] must be the manifest of a header stage "
                              f"({', '.join(HEADER_STAGES)}), each at most once")
            seen.add(manifest.stage)
            if not all(_inside(stored.key, manifest.stage) for stored in manifest.files):
                raise _refuse("results_files", f"results[{index}] names files outside the {manifest.stage} "
                              "folder of a job")
        return self


def _inside(key: str, stage: str) -> bool:
    """True if ``key`` is a plain path in a job's ``stage`` folder (no empty, ``.`` or ``..`` part to climb out by)."""
    try:
        stage_path(key, stage)
    except ValueError:
        return False
    return True


# --- helpers the tasks and the command line call ----------------------------------------------


def check_seed(value: object) -> int:
    """``value`` as a seed, or an `ArgumentError` saying which seeds there are (``--seed`` calls this)."""
    try:
        return _seed(value)
    except PydanticCustomError as error:
        raise ArgumentError(f"seed {error.message()}") from None


def salvage(args: Sequence[object], kwargs: Mapping[str, object]) -> Submitter:
    """What can still be recorded of a refused submission: each argument that is valid on its own.

    A refused submission still becomes a failed job, and that job keeps what the submitter got
    right: its ``submission_id`` (so sending the same refused message again finds the same job),
    its title, seed and source, and its ``notify`` (so the submitter hears of the refusal). An
    invalid argument is left out; the job row never holds one.
    """
    given = dict(zip(SubmitArgs.POSITIONAL, args, strict=False))
    clashes = given.keys() & kwargs.keys()
    given.update(kwargs)
    kept: dict[str, object] = {}
    for name in Submitter.model_fields:
        if name in given and name not in clashes:
            try:
                Submitter.model_validate({name: given[name]})
            except ValidationError:
                continue
            kept[name] = given[name]
    return Submitter.model_validate(kept)


def content_sha256(gdd: object) -> str:
    """The sha256 of what was submitted as the GDD (of nothing, if it was neither text nor bytes).

    Recorded on a refused job, so a submitter can match the refusal with the document they sent.
    """
    digest = hashlib.sha256()
    if isinstance(gdd, bytes):
        digest.update(gdd)
    elif isinstance(gdd, str):
        for chunk in _utf8_chunks(gdd):
            digest.update(chunk)
    return digest.hexdigest()


def refusal(error: ValidationError, accepted: tuple[str, ...] = ()) -> str:
    """One line naming each bad argument and why, never its value: ``invalid argument: seed must be ...``.

    ``accepted`` (the argument names there are) is listed when an unknown one was given.
    """
    details = error.errors(include_url=False, include_input=False, include_context=False)
    problems = [_problem(detail) for detail in details]
    shown = "; ".join(problems[:_PROBLEMS_SHOWN])
    more = f"; and {len(problems) - _PROBLEMS_SHOWN:,} more" if len(problems) > _PROBLEMS_SHOWN else ""
    unknown = any(detail["type"] == "extra_forbidden" and len(detail["loc"]) == 1 for detail in details)
    known = f" (the arguments are {', '.join(accepted)})" if unknown and accepted else ""
    return f"invalid argument{'s' if len(problems) > 1 else ''}: {shown}{more}{known}"


def _problem(detail: ErrorDetails) -> str:
    path = ".".join(str(part) if _SAFE_LOC.fullmatch(str(part)) else f"'{_shown(str(part))}'" for part in detail["loc"])
    kind, message = detail["type"], detail["msg"]
    if kind == "missing":
        return f"{path} is required"
    if kind == "extra_forbidden":
        return f"unknown argument {path}" if len(detail["loc"]) == 1 else f"{path} is not allowed"
    if not path:
        return message
    return f"{path} {message}" if message.startswith("must ") else f"{path}: {message}"


def _by_name(positional: tuple[str, ...], args: Sequence[object], kwargs: Mapping[str, object]) -> dict[str, object]:
    """Positional arguments given their names, merged with the keyword ones."""
    if len(args) > len(positional):
        raise ArgumentError(f"invalid arguments: at most {len(positional)} positional "
                            f"({', '.join(positional) or 'none'}), not {len(args):,}")
    named = dict(zip(positional, args, strict=False))
    twice = sorted(named.keys() & kwargs.keys())
    if twice:
        raise ArgumentError(f"invalid argument: {twice[0]} is given both by position and by name")
    return {**named, **kwargs}


def _utf8_chunks(text: str) -> Iterator[bytes]:
    """``text`` as UTF-8 in bounded pieces (lone surrogates kept, to be refused by the GDD check)."""
    for start in range(0, len(text), _CHUNK):
        yield text[start:start + _CHUNK].encode("utf-8", "surrogatepass")
