"""Celery's logging in Maestro's formats, each line naming the job, stage and task it is about.

Celery keeps configuring its own handlers (``--logfile``, the task logger, stdout redirected);
``after_setup_logger`` and ``after_setup_task_logger`` let us swap only their formatters for
:mod:`maestro.logs`' (JSON by default, ``MAESTRO_LOG_FORMAT=text`` for a person at a terminal)
and register the settings' secrets for redaction. ``task_prerun`` binds the task's job, stage and
id; ``task_postrun`` puts back what was bound before (an eager task runs inside another).

Task arguments come from anyone who can reach the broker, so a job or task id is logged only
when it looks like one; anything else is logged as null.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from celery.signals import after_setup_logger, after_setup_task_logger, task_postrun, task_prerun

from maestro import logs

log = logging.getLogger(__name__)

#: The formats ``MAESTRO_LOG_FORMAT`` may name; the first is the default.
FORMATS: tuple[logs.LogFormat, ...] = ("json", "text")
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_bindings: dict[str | None, logs.Binding] = {}
_warned = False


def log_format() -> logs.LogFormat:
    """``MAESTRO_LOG_FORMAT``, or ``json`` when it is unset or names no format (warned once, in json)."""
    wanted = _wanted()
    return next((known for known in FORMATS if known == wanted), FORMATS[0])


def _wanted() -> str:
    return os.environ.get("MAESTRO_LOG_FORMAT", FORMATS[0]).strip().lower()


@after_setup_logger.connect
@after_setup_task_logger.connect
def use_maestro_format(logger: logging.Logger | None = None, **_: Any) -> None:
    """Give every handler Celery set up on ``logger`` our formatter, and hide the settings' secrets."""
    global _warned
    if logger is None:
        return
    chosen = log_format()
    for handler in logger.handlers:
        handler.setFormatter(logs.formatter(chosen))
    register_secrets()
    if _wanted() not in FORMATS and not _warned:
        _warned = True
        log.warning("MAESTRO_LOG_FORMAT=%r is not a log format (%s): logging %s",
                    os.environ.get("MAESTRO_LOG_FORMAT", "")[:40], " or ".join(FORMATS), chosen)


def register_secrets() -> None:
    """Hide the secrets of ``maestro.settings.settings()`` in every line (again: a no-op)."""
    from maestro.settings import settings

    try:
        logs.add_secrets(*logs.secrets_from_settings(settings()))
    except Exception as error:  # invalid settings fail the tasks with the reason; logging must go on
        log.warning("cannot read the settings' secrets to hide them: %s", type(error).__name__)


@task_prerun.connect
def bind_task(task_id: str | None = None, task: Any = None, args: Sequence[Any] | None = None,
              kwargs: Mapping[str, Any] | None = None, **_: Any) -> None:
    """Bind the job, stage and task id of the task about to run, for every line it logs."""
    name = getattr(task, "name", None)
    name = name if isinstance(name, str) else ""
    if task_id is None:
        task_id = getattr(getattr(task, "request", None), "id", None)
    stage = name.removeprefix("maestro.") if name.startswith("maestro.") else None
    _bindings[task_id] = logs.bind(job_id=job_id_of(name, task_id, args or (), kwargs or {}),
                                   stage=safe_id(stage), task_id=safe_id(task_id))


@task_postrun.connect
def unbind_task(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    """Put back what was bound before the task ran."""
    if task_id is None:
        task_id = getattr(getattr(task, "request", None), "id", None)
    binding = _bindings.pop(task_id, None)
    if binding is not None:
        logs.reset(binding)


def job_id_of(name: str, task_id: str | None, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str | None:
    """The job a task call is about, if it names a well-formed one.

    ``job_id`` by name, else by position (parse's first argument; a stage's or the build's second,
    after what the chain hands it); for ``maestro.submit``, the job it makes from its task id.
    """
    if name == "maestro.submit":
        from workers.tasks import submission_job_id

        checked = safe_id(task_id)
        return submission_job_id(checked) if checked else None
    if isinstance(kwargs, Mapping) and "job_id" in kwargs:
        return safe_id(kwargs["job_id"])
    position = _job_id_positions().get(name)
    if position is not None and isinstance(args, Sequence) and len(args) > position:
        return safe_id(args[position])
    return None


def safe_id(value: object) -> str | None:
    """``value`` if it is a short token of letters, digits, ``.``, ``_`` and ``-`` (a UUID is), else None."""
    return value if isinstance(value, str) and _SAFE_ID.fullmatch(value) else None


@cache
def _job_id_positions() -> dict[str, int]:
    """Where each task takes ``job_id`` positionally, from the argument models the tasks check with."""
    from maestro.pipeline import HEADER_STAGES
    from maestro.submission import BuildArgs, ParseArgs, StageArgs, TaskArguments

    models: dict[str, type[TaskArguments]] = {"parse": ParseArgs, "build": BuildArgs}
    models.update(dict.fromkeys(HEADER_STAGES, StageArgs))
    return {f"maestro.{stage}": model.POSITIONAL.index("job_id") for stage, model in models.items()}
