"""Log lines an operator can search and ship: one JSON object each, naming the job, stage and task.

A cluster runs seven kinds of worker, each logging for many jobs; a line is only useful if it says
which job, which stage and which Celery task it is about, and if the trace it belongs to can be
found. So every line carries ``job_id``, ``stage`` and ``task_id`` (bound in context variables by
whoever runs the task: ``workers.logs`` does it from Celery's signals) and, inside an OpenTelemetry
span, ``trace_id`` and ``span_id``.

Lines also leave the cluster (a log shipper, a ticket, a chat), so none may hold a secret: every
message and traceback passes through :func:`redact`, which hides the secret values registered with
:func:`add_secrets` (the settings' passwords and keys: :func:`secrets_from_settings`) and anything
shaped like a credential (a URL's password, an ``Authorization`` header, ``api_key=...``).

A message may quote untrusted text (a GDD's title, an error from a server), so it can never forge
a line: JSON escapes its newlines, and the characters a terminal acts on are escaped in both formats.

Standard library only (no Celery), and cheap: a line costs a few microseconds.
"""

from __future__ import annotations

import json
import logging
import re
import reprlib
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Final, Literal, NamedTuple
from urllib.parse import unquote, urlsplit

from maestro.safe_text import MASK, mask_url, terminal, terminal_json

if TYPE_CHECKING:
    from pydantic import SecretStr

    from maestro.settings import Settings

__all__ = [
    "MIN_SECRET_LENGTH",
    "Binding",
    "JsonFormatter",
    "LogContext",
    "LogFormat",
    "TextFormatter",
    "add_secrets",
    "bind",
    "bound",
    "configure",
    "current",
    "formatter",
    "redact",
    "reset",
    "secrets_from_settings",
]

LogFormat = Literal["json", "text"]

# --- what the lines are about -------------------------------------------------------------------

_JOB_ID: ContextVar[str | None] = ContextVar("maestro_job_id", default=None)
_STAGE: ContextVar[str | None] = ContextVar("maestro_stage", default=None)
_TASK_ID: ContextVar[str | None] = ContextVar("maestro_task_id", default=None)
_FIELDS: Final = {"job_id": _JOB_ID, "stage": _STAGE, "task_id": _TASK_ID}


class LogContext(NamedTuple):
    """What the lines logged here and now are about (None: not bound)."""

    job_id: str | None
    stage: str | None
    task_id: str | None


@dataclass(frozen=True, slots=True)
class Binding:
    """What :func:`bind` changed, for :func:`reset` to put back."""

    tokens: tuple[tuple[ContextVar[str | None], Token[str | None]], ...]


def current() -> LogContext:
    """The job, stage and task bound in this context."""
    return LogContext(_JOB_ID.get(), _STAGE.get(), _TASK_ID.get())


def bind(**fields: str | None) -> Binding:
    """Bind ``job_id``, ``stage`` and/or ``task_id`` until :func:`reset`; fields not named keep their value.

    For code whose start and end are separate calls (Celery's ``task_prerun`` and ``task_postrun``);
    everywhere else :func:`bound` is simpler. ``None`` unbinds a field.
    """
    unknown = sorted(set(fields) - set(_FIELDS))
    if unknown:
        raise TypeError(f"bind() got unknown fields {unknown}: use {', '.join(_FIELDS)}")
    return Binding(tuple((_FIELDS[name], _FIELDS[name].set(value)) for name, value in fields.items()))


def reset(binding: Binding) -> None:
    """Put back what ``binding`` changed. Never raises: it runs in signal handlers and ``finally`` blocks.

    A token used in another context (a task that ended in a different thread than it started) or
    twice cannot reset its variable; the variable is then set to the value it held before instead.
    """
    for variable, token in reversed(binding.tokens):
        try:
            variable.reset(token)
        except (ValueError, RuntimeError):
            old = token.old_value
            variable.set(None if old is Token.MISSING else old)


@contextmanager
def bound(**fields: str | None) -> Iterator[LogContext]:
    """Bind ``job_id``, ``stage`` and/or ``task_id`` for the ``with`` block, then restore what was bound."""
    binding = bind(**fields)
    try:
        yield current()
    finally:
        reset(binding)


# --- secrets ------------------------------------------------------------------------------------

#: Registered secrets shorter than this are not searched for: every line is searched, and hiding
#: each "abc" in every message would hide nothing and garble the rest.
MIN_SECRET_LENGTH: Final = 4

_secrets: tuple[str, ...] = ()

# A URL runs to the next whitespace: its userinfo may hold '@', '/', '?' and quotes, and
# mask_url knows how far it runs. Anything after the URL in the same word only gets masked too.
_URL: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
_AUTHORIZATION: Final = re.compile(
    r"""\b(authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest|negotiate|token)\s+)?([^\s"',;]+)""",
    re.IGNORECASE)
# A bearer token outside a header: real ones are long, so "the bearer of" stays readable.
_BEARER: Final = re.compile(r"\b(bearer)\s+[A-Za-z0-9\-._~+/]{8,}=*", re.IGNORECASE)
# "api_key=...", "MAESTRO_LLM_API_KEY: ...", '"password": "..."', "client_secret=...": a name ending in
# a secret word (not "tokens" or "token_budget", which are counts), then '=' or ':', then the value,
# quoted (to its closing quote) or bare (to a space, a separator or a closing bracket).
_KEY_VALUE: Final = re.compile(
    r"""\b([\w-]*?(?:api[_-]?key|secret[_-]?key|secret|token|passw(?:or)?d|pwd|credentials?))\b"""
    r"""(["']?(?:\s*=|:)\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&"'})\]]+)""",
    re.IGNORECASE)
_KEY_WORDS: Final = ("key", "token", "passw", "pwd", "secret", "credential", "authorization", "bearer")


def add_secrets(*values: str | None) -> None:
    """Hide each of ``values`` wherever it appears in a log line from now on (empty and short ones ignored)."""
    global _secrets
    found = {value for value in values if value and len(value) >= MIN_SECRET_LENGTH}
    # Longest first, so a secret that holds another is hidden whole.
    _secrets = tuple(sorted(found.union(_secrets), key=len, reverse=True))


def redact(text: str) -> str:
    """``text`` with the registered secrets and anything shaped like a credential replaced by ``***``.

    Errs on the side of hiding: ``password: too short`` loses its next word. Cheap when there is
    nothing to hide: each pattern runs only if a substring it needs is in the text.
    """
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    if "://" in text:
        text = _URL.sub(lambda match: mask_url(match.group(0)), text)
    lowered = text.lower()
    if not any(word in lowered for word in _KEY_WORDS):
        return text
    if "authorization" in lowered:
        text = _AUTHORIZATION.sub(_mask_authorization, text)
    if "bearer" in lowered:
        text = _BEARER.sub(lambda match: f"{match.group(1)} {MASK}", text)
    return _KEY_VALUE.sub(_mask_value, text)


def _mask_authorization(match: re.Match[str]) -> str:
    name, scheme, _ = match.groups()
    return f"{name}{scheme} {MASK}" if scheme else f"{name}{MASK}"


def _mask_value(match: re.Match[str]) -> str:
    name, separator, value = match.groups()
    quote = value[0] if value[0] in "\"'" else ""
    return f"{name}{separator}{quote}{MASK}{quote}"


def secrets_from_settings(settings: Settings) -> list[str]:
    """The secret values in ``settings``, for :func:`add_secrets`: passwords in URLs, keys, Flower's password.

    The broker and result backend URLs are plain strings in the settings but may hold a Redis
    password, so theirs count too. A URL's password is taken raw and percent-decoded, since a
    library may quote either.
    """
    found: list[str] = []
    urls: list[str | None] = [settings.broker_url, settings.result_backend,
                              _reveal(settings.database_url), _reveal(settings.store_url)]
    for url in urls:
        if url:
            found.extend(_url_passwords(url))
    for secret in (settings.store_secret_key, settings.flower_password, settings.llm_api_key):
        value = _reveal(secret)
        if value:
            found.append(value)
    return [value for value in dict.fromkeys(found) if len(value) >= MIN_SECRET_LENGTH]


def _reveal(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None


def _url_passwords(url: str) -> list[str]:
    try:
        password = urlsplit(url).password
    except ValueError:  # an unparseable URL (a bad IPv6 literal): its URL-shaped mentions are masked anyway
        return []
    return [password, unquote(password)] if password else []


# --- the formats --------------------------------------------------------------------------------

_repr = reprlib.Repr()
_repr.maxstring = _repr.maxother = 200


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``ts level logger message job_id stage task_id trace_id span_id process``.

    ``exc`` (the traceback) and ``stack`` appear when the record has them. Ids passed with
    ``extra={"job_id": ...}`` win over the bound ones. Never raises: a record that cannot be
    formatted still yields a line saying so.
    """

    def format(self, record: logging.LogRecord) -> str:
        try:
            entry = _entry(record)
            job_id, stage, task_id = _ids(record)
            trace_id, span_id = _trace_ids()
            line: dict[str, object] = {
                "ts": entry.ts, "level": record.levelname, "logger": record.name, "message": entry.message,
                "job_id": job_id, "stage": stage, "task_id": task_id,
                "trace_id": trace_id, "span_id": span_id, "process": record.process,
            }
            if entry.exc:
                line["exc"] = entry.exc
            if entry.stack:
                line["stack"] = entry.stack
            return terminal_json(json.dumps(line, ensure_ascii=False, default=str))
        except Exception as error:  # a logging call must never fail, whatever its record holds
            return json.dumps({"ts": _timestamp(time.time(), 0), "level": "ERROR", "logger": __name__,
                               "message": f"a log record could not be formatted: {type(error).__name__}"})


class TextFormatter(logging.Formatter):
    """``ts LEVEL logger job=... stage=... task=...: message``, for a person at a terminal; redacted too.

    Only the bound ids are shown. Newlines stay (a traceback reads as one), but every other
    control character shows as its escape, so no message can drive the terminal.
    """

    def format(self, record: logging.LogRecord) -> str:
        try:
            entry = _entry(record)
            ids = " ".join(f"{label}={terminal(value)}"
                           for label, value in zip(("job", "stage", "task"), _ids(record), strict=True) if value)
            head = f"{entry.ts} {record.levelname} {record.name}" + (f" {ids}" if ids else "")
            text = f"{head}: {terminal(entry.message, keep_newlines=True)}"
            for extra in (entry.exc, entry.stack):
                if extra:
                    text += "\n" + terminal(extra, keep_newlines=True)
            return text
        except Exception as error:  # a logging call must never fail, whatever its record holds
            return f"{_timestamp(time.time(), 0)} ERROR {__name__}: a log record could not be formatted: " \
                   f"{type(error).__name__}"


def formatter(fmt: LogFormat) -> logging.Formatter:
    """A new formatter for ``fmt``: ``json`` (:class:`JsonFormatter`) or ``text`` (:class:`TextFormatter`)."""
    if fmt == "json":
        return JsonFormatter()
    if fmt == "text":
        return TextFormatter()
    raise ValueError(f"unknown log format {fmt!r}: use json or text")


_installed: logging.Handler | None = None


def configure(fmt: LogFormat, level: str = "INFO", stream: IO[str] | None = None) -> logging.Handler:
    """Send the root logger's lines to ``stream`` (standard error by default) in ``fmt``, from ``level`` up.

    Replaces the handler an earlier call installed (calling it twice leaves one), and leaves
    every other handler alone. Returns the handler installed.
    """
    global _installed
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(formatter(fmt))
    root = logging.getLogger()
    if _installed is not None:
        root.removeHandler(_installed)
    root.addHandler(handler)
    root.setLevel(level.upper())
    _installed = handler
    return handler


# --- the pieces of a line -----------------------------------------------------------------------


class _Entry(NamedTuple):
    ts: str
    message: str
    exc: str | None
    stack: str | None


_PLAIN = logging.Formatter()


def _entry(record: logging.LogRecord) -> _Entry:
    """The record's time, and its message, traceback and stack redacted."""
    exc = record.exc_text
    if record.exc_info and not exc:
        exc = _PLAIN.formatException(record.exc_info)
    return _Entry(_timestamp(record.created, record.msecs), redact(_message(record)),
                  redact(exc) if exc else None, redact(record.stack_info) if record.stack_info else None)


def _message(record: logging.LogRecord) -> str:
    """``msg % args``, or what there is of it when that fails (a wrong argument count, a raising ``__str__``)."""
    try:
        return record.getMessage()
    except Exception as error:
        return f"{_repr.repr(record.msg)} (arguments {_repr.repr(record.args)} did not format: " \
               f"{type(error).__name__})"


def _timestamp(created: float, msecs: float) -> str:
    """ISO 8601 in UTC with milliseconds: ``2025-01-31T12:00:00.123Z``."""
    return f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(created))}.{int(msecs):03d}Z"


def _ids(record: logging.LogRecord) -> tuple[str | None, str | None, str | None]:
    """Job, stage and task of the record: its own attributes (``extra=``, Celery's) over the bound ones.

    Celery's task formatter fills a missing ``task_id`` with ``???``: that is no id.
    """
    own = record.__dict__
    return (_own(own.get("job_id")) or _JOB_ID.get(), _own(own.get("stage")) or _STAGE.get(),
            _own(own.get("task_id")) or _TASK_ID.get())


def _own(value: object) -> str | None:
    return value if isinstance(value, str) and value and value != "???" else None


def _trace_ids() -> tuple[str | None, str | None]:
    """The current OpenTelemetry span's trace and span ids in hex, or (None, None).

    Only looked up once some code has imported ``opentelemetry.trace``: without it no span can be
    current, and the import itself is never paid by a process that does not trace.
    """
    trace = sys.modules.get("opentelemetry.trace")
    if trace is None:
        return None, None
    try:
        context = trace.get_current_span().get_span_context()
        if not context.is_valid:
            return None, None
        return format(context.trace_id, "032x"), format(context.span_id, "016x")
    except Exception:  # a broken or partial tracing setup must not cost the line
        return None, None
