"""Worker log lines an operator can rely on: one JSON object each, naming the job, and no secret in them.

Each line is parsed back as JSON (what a log shipper does), and each secret is looked for in the
raw output, so a secret escaped or quoted differently would still be caught.
"""

from __future__ import annotations

import io
import json
import logging
import time
import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider

from maestro import logs
from maestro.safe_text import MASK
from maestro.settings import Settings
from workers import logs as worker_logs
from workers.tasks import submission_job_id

JOB = "0b7e1c52-3f0a-4c1e-9a58-2d7f1e0c9b44"
TASK = "5d0c3b9e-7a51-4c47-b0f5-1f6f2a9d3e10"
FORGED = 'x\n{"level":"ERROR"}'


class Capture:
    """A logger whose lines (formatted as a worker would) land in a string."""

    def __init__(self, fmt: logs.LogFormat) -> None:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(logs.formatter(fmt))
        self.logger = logging.getLogger(f"test_logs.{uuid.uuid4().hex}")
        self.logger.propagate = False
        self.logger.setLevel(logging.DEBUG)
        self.logger.addHandler(self.handler)

    def emit(self, msg: str, *args: object) -> None:
        """Log through this capture's handler alone (pytest's own handlers refuse a record that cannot format)."""
        self.handler.handle(self.logger.makeRecord(self.logger.name, logging.ERROR, __file__, 1, msg, args, None))

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.text.splitlines()]

    def last(self) -> dict[str, Any]:
        return self.lines()[-1]


@pytest.fixture
def json_log() -> Capture:
    return Capture("json")


@pytest.fixture
def text_log() -> Capture:
    return Capture("text")


# --- the ids on every line ---------------------------------------------------------------------


def test_every_line_is_json_with_the_bound_ids(json_log: Capture) -> None:
    with logs.bound(job_id=JOB, stage="codex", task_id=TASK):
        json_log.logger.info("stage %s started", "codex")
    line = json_log.last()
    assert line["message"] == "stage codex started"
    assert (line["job_id"], line["stage"], line["task_id"]) == (JOB, "codex", TASK)
    assert (line["level"], line["logger"]) == ("INFO", json_log.logger.name)
    assert isinstance(line["process"], int)
    assert line["ts"].endswith("Z") and len(line["ts"]) == len("2025-01-31T12:00:00.123Z")
    assert "exc" not in line


def test_ids_are_null_when_nothing_is_bound(json_log: Capture) -> None:
    json_log.logger.warning("outside any task")
    line = json_log.last()
    assert (line["job_id"], line["stage"], line["task_id"]) == (None, None, None)
    assert (line["trace_id"], line["span_id"]) == (None, None)


def test_nested_bound_restores_the_outer_ids(json_log: Capture) -> None:
    with logs.bound(job_id=JOB, stage="submit"):
        with logs.bound(stage="parse", task_id=TASK):
            json_log.logger.info("inner")
        json_log.logger.info("outer")
    json_log.logger.info("after")
    inner, outer, after = json_log.lines()
    assert (inner["job_id"], inner["stage"], inner["task_id"]) == (JOB, "parse", TASK)
    assert (outer["job_id"], outer["stage"], outer["task_id"]) == (JOB, "submit", None)
    assert (after["job_id"], after["stage"]) == (None, None)


def test_bind_and_reset_work_across_separate_calls() -> None:
    first = logs.bind(job_id=JOB, stage="build", task_id=TASK)
    second = logs.bind(stage="codex")
    assert logs.current() == (JOB, "codex", TASK)
    logs.reset(second)
    assert logs.current() == (JOB, "build", TASK)
    logs.reset(first)
    assert logs.current() == (None, None, None)
    logs.reset(first)  # twice (a postrun without its prerun) does no harm
    assert logs.current() == (None, None, None)


def test_bind_refuses_a_field_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="job"):
        logs.bind(jobid=JOB)


def test_ids_given_with_extra_win_over_the_bound_ones(json_log: Capture) -> None:
    with logs.bound(job_id=JOB, stage="codex", task_id=TASK):
        json_log.logger.info("about another job", extra={"job_id": "other-job", "stage": "sonata"})
    line = json_log.last()
    assert (line["job_id"], line["stage"], line["task_id"]) == ("other-job", "sonata", TASK)


def test_celerys_task_id_on_a_record_is_used_when_none_is_bound(json_log: Capture) -> None:
    json_log.logger.info("from Celery's task logger", extra={"task_id": TASK, "task_name": "maestro.codex"})
    json_log.logger.info("no task", extra={"task_id": "???"})  # Celery's placeholder is no id
    with_task, placeholder = json_log.lines()
    assert with_task["task_id"] == TASK
    assert placeholder["task_id"] is None


# --- one record, one line ----------------------------------------------------------------------


def test_a_newline_in_a_message_cannot_forge_a_line(json_log: Capture) -> None:
    json_log.logger.info("title: %s", FORGED + "\u2028" + '\r{"level":"CRITICAL"}')
    assert len(json_log.text.splitlines()) == 1
    assert "\u2028" not in json_log.text
    line = json_log.last()
    assert line["level"] == "INFO"
    assert line["message"] == "title: " + FORGED + "\u2028" + '\r{"level":"CRITICAL"}'


def test_a_record_that_cannot_be_formatted_still_yields_a_line(json_log: Capture) -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no")

    json_log.emit("two %s %s", "arguments expected")
    json_log.emit("unprintable %s", Unprintable())
    wrong_count, unprintable = json_log.lines()
    assert "two %s %s" in wrong_count["message"] and "TypeError" in wrong_count["message"]
    assert "unprintable" in unprintable["message"] and "RuntimeError" in unprintable["message"]


def test_an_exception_is_included_and_redacted(json_log: Capture) -> None:
    try:
        raise ConnectionError("cannot reach postgresql+psycopg://maestro:pg-pass-9876@db:5432/maestro")
    except ConnectionError:
        json_log.logger.exception("database down")
    line = json_log.last()
    assert "ConnectionError" in line["exc"] and "Traceback" in line["exc"]
    assert "postgresql+psycopg://maestro:***@db:5432/maestro" in line["exc"]
    assert "pg-pass-9876" not in json_log.text
    assert len(json_log.text.splitlines()) == 1


# --- no secret in any line ---------------------------------------------------------------------


@pytest.mark.parametrize(("message", "secret"), [
    ("connect to postgresql+psycopg://maestro:Pg-S3cret@db:5432/maestro failed", "Pg-S3cret"),
    ("broker redis://:redis-pass-1@broker:6379/0 unreachable", "redis-pass-1"),
    ("s3://AKIAEXAMPLE:wJalr/K7MDENG@minio:9000/maestro refused", "wJalr/K7MDENG"),
    ("GET /v1/models Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGciOiJIUzI1NiJ9"),
    ("headers {'Authorization': 'Basic dXNlcjpwYXNzd29yZA=='}", "dXNlcjpwYXNzd29yZA=="),
    ("retrying with bearer sk-live-abcdefgh12345", "sk-live-abcdefgh12345"),
    ("calling https://api.example/v1?api_key=sk-9f8e7d6c&x=1", "sk-9f8e7d6c"),
    ("model config api_key=sk-proj-ABCDEF123456 model=gpt", "sk-proj-ABCDEF123456"),
    ("env MAESTRO_LLM_API_KEY=sk-env-5555", "sk-env-5555"),
    ('payload {"api_key": "sk-json-7777", "model": "m"}', "sk-json-7777"),
    ("flower PASSWORD=Fl0wer-pw token=tok-abc-123", "Fl0wer-pw"),
    ("flower PASSWORD=Fl0wer-pw token=tok-abc-123", "tok-abc-123"),
    ("{'client_secret': 'cs with spaces'}", "cs with spaces"),
])
def test_credentials_shaped_secrets_never_reach_a_line(json_log: Capture, message: str, secret: str) -> None:
    json_log.logger.warning(message)
    assert secret not in json_log.text
    assert MASK in json_log.last()["message"]


def test_a_registered_secret_is_hidden_wherever_it_appears(json_log: Capture) -> None:
    logs.add_secrets("plain-registered-value-42", "", None, "abc")
    json_log.logger.warning("the server said: plain-registered-value-42 is wrong (abc)")
    assert "plain-registered-value-42" not in json_log.text
    assert json_log.last()["message"] == "the server said: *** is wrong (abc)"  # short values are not hidden


def test_counts_and_game_words_stay_readable(json_log: Capture) -> None:
    message = "prompt_tokens=812 token_budget=24000 a secret room behind the key door"
    json_log.logger.info(message)
    assert json_log.last()["message"] == message


def test_the_settings_secrets_are_found_raw_and_decoded() -> None:
    settings = Settings(_env_file=None, broker_url="redis://:br0ker-pw@broker:6379/0",
                        database_url="postgresql+psycopg://maestro:db%40pass@db/maestro",
                        store_url="s3://AKIA:st0re-secret@minio:9000/b", store_secret_key="separate-key",
                        flower_password="flower-pw", llm_api_key="sk-llm-1")
    found = logs.secrets_from_settings(settings)
    assert set(found) == {"br0ker-pw", "db%40pass", "db@pass", "st0re-secret", "separate-key", "flower-pw",
                          "sk-llm-1"}
    assert logs.secrets_from_settings(Settings(_env_file=None)) == []


# --- the text format ---------------------------------------------------------------------------


def test_text_lines_name_the_job_and_are_redacted(text_log: Capture) -> None:
    with logs.bound(job_id=JOB, stage="labyrinth", task_id=TASK):
        text_log.logger.warning("store s3://K:txt-secret-1@minio/b slow; api_key=sk-txt-2")
    line = text_log.text
    assert f"job={JOB} stage=labyrinth task={TASK}: " in line
    assert "txt-secret-1" not in line and "sk-txt-2" not in line and MASK in line


def test_text_lines_without_a_job_and_with_terminal_controls(text_log: Capture) -> None:
    text_log.logger.info("title \x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07")
    line = text_log.text
    assert "job=" not in line
    assert "\x1b" not in line and "\\x1b" in line


# --- traces ------------------------------------------------------------------------------------


def test_trace_ids_inside_an_opentelemetry_span(json_log: Capture) -> None:
    tracer = TracerProvider().get_tracer("test_logs")
    with tracer.start_as_current_span("codex") as span:
        json_log.logger.info("inside")
        context = span.get_span_context()
    json_log.logger.info("outside")
    inside, outside = json_log.lines()
    assert inside["trace_id"] == format(context.trace_id, "032x")
    assert len(inside["trace_id"]) == 32 and int(inside["trace_id"], 16)
    assert inside["span_id"] == format(context.span_id, "016x")
    assert (outside["trace_id"], outside["span_id"]) == (None, None)


# --- configure, and the cost of a line -----------------------------------------------------------


@pytest.fixture
def root_restored() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


def test_configure_twice_leaves_one_handler(root_restored: logging.Logger) -> None:
    before = len(root_restored.handlers)
    logs.configure("text", stream=io.StringIO())
    stream = io.StringIO()
    handler = logs.configure("json", level="debug", stream=stream)
    assert len(root_restored.handlers) == before + 1 and handler in root_restored.handlers
    assert root_restored.level == logging.DEBUG
    logging.getLogger("test_logs.configured").debug("password=root-pw")
    assert json.loads(stream.getvalue())["message"] == "password=***"


def test_a_line_costs_microseconds(json_log: Capture) -> None:
    formatter = logs.JsonFormatter()
    record = logging.LogRecord("maestro.x", logging.INFO, __file__, 1, "job %s: %s wrote key=jobs/%s",
                               (JOB, "codex", "x.json"), None)
    with logs.bound(job_id=JOB, stage="codex", task_id=TASK):
        start = time.perf_counter()
        for _ in range(1000):
            formatter.format(record)
        elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{elapsed * 1000:.1f} µs a line"  # a few µs; generous for a shared machine


# --- the Celery adapter ------------------------------------------------------------------------


def fake_task(name: str, task_id: str) -> Any:
    return SimpleNamespace(name=name, request=SimpleNamespace(id=task_id))


def run_task(name: str, task_id: str = TASK, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None,
             ) -> logs.LogContext:
    """What is bound while a task runs, through the handlers Celery's signals call."""
    task = fake_task(name, task_id)
    worker_logs.bind_task(sender=task, task_id=task_id, task=task, args=args, kwargs=kwargs or {})
    try:
        return logs.current()
    finally:
        worker_logs.unbind_task(sender=task, task_id=task_id, task=task, args=args, kwargs=kwargs or {},
                                retval=None, state="SUCCESS")


def test_a_stage_task_binds_its_job_stage_and_id() -> None:
    assert run_task("maestro.codex", kwargs={"job_id": JOB}) == (JOB, "codex", TASK)
    assert run_task("maestro.build", args=([], JOB)) == (JOB, "build", TASK)
    assert logs.current() == (None, None, None)


def test_parse_takes_its_job_from_its_first_argument() -> None:
    assert run_task("maestro.parse", args=(JOB,)) == (JOB, "parse", TASK)


def test_submit_binds_the_job_its_task_id_makes() -> None:
    assert run_task("maestro.submit", kwargs={"gdd": "# A game"}) == (submission_job_id(TASK), "submit", TASK)


def test_the_sweeper_is_about_no_job() -> None:
    assert run_task("maestro.sweep") == (None, "sweep", TASK)


@pytest.mark.parametrize("job_id", [FORGED, "a" * 65, "", 42, None, {"id": JOB}, "../../etc"])
def test_a_job_id_that_is_not_one_is_logged_as_null(json_log: Capture, job_id: object) -> None:
    task = fake_task("maestro.parse", TASK)
    worker_logs.bind_task(sender=task, task_id=TASK, task=task, args=(job_id,), kwargs={})
    try:
        json_log.logger.info("parsing")
    finally:
        worker_logs.unbind_task(sender=task, task_id=TASK, task=task)
    assert len(json_log.text.splitlines()) == 1
    line = json_log.last()
    assert line["job_id"] is None and (line["stage"], line["task_id"]) == ("parse", TASK)


def test_a_forged_task_id_is_logged_as_null() -> None:
    assert run_task("maestro.codex", task_id=FORGED, kwargs={"job_id": JOB}) == (JOB, "codex", None)
    assert run_task("maestro.submit", task_id=FORGED) == (None, "submit", None)


def test_an_eager_task_inside_another_gives_back_the_outer_ids() -> None:
    outer = fake_task("maestro.submit", TASK)
    worker_logs.bind_task(task_id=TASK, task=outer, args=(), kwargs={})
    try:
        assert run_task("maestro.parse", task_id="inner-task", args=(JOB,)) == (JOB, "parse", "inner-task")
        assert logs.current() == (submission_job_id(TASK), "submit", TASK)
    finally:
        worker_logs.unbind_task(task_id=TASK, task=outer)
    assert logs.current() == (None, None, None)


@pytest.mark.parametrize(("setting", "formatter"), [
    (None, logs.JsonFormatter), ("json", logs.JsonFormatter), ("TEXT", logs.TextFormatter)])
def test_celerys_handlers_get_the_chosen_format(monkeypatch: pytest.MonkeyPatch, setting: str | None,
                                                formatter: type[logging.Formatter]) -> None:
    if setting is None:
        monkeypatch.delenv("MAESTRO_LOG_FORMAT", raising=False)
    else:
        monkeypatch.setenv("MAESTRO_LOG_FORMAT", setting)
    logger = logging.getLogger(f"test_logs.celery.{uuid.uuid4().hex}")
    logger.addHandler(logging.StreamHandler(io.StringIO()))
    logger.addHandler(logging.NullHandler())
    worker_logs.use_maestro_format(sender=None, logger=logger, loglevel=logging.INFO, logfile=None,
                                   format="%(message)s", colorize=False)
    assert all(isinstance(handler.formatter, formatter) for handler in logger.handlers)


def test_an_unknown_format_logs_json_and_says_so_once(monkeypatch: pytest.MonkeyPatch, json_log: Capture) -> None:
    monkeypatch.setenv("MAESTRO_LOG_FORMAT", "xml")
    monkeypatch.setattr(worker_logs, "_warned", False)
    monkeypatch.setattr(worker_logs, "log", json_log.logger)
    logger = logging.getLogger(f"test_logs.celery.{uuid.uuid4().hex}")
    logger.addHandler(logging.StreamHandler(io.StringIO()))
    for _ in range(2):
        worker_logs.use_maestro_format(sender=None, logger=logger)
    assert isinstance(logger.handlers[0].formatter, logs.JsonFormatter)
    (warning,) = json_log.lines()
    assert warning["level"] == "WARNING" and "'xml'" in warning["message"]


def test_the_workers_hide_the_settings_secrets(monkeypatch: pytest.MonkeyPatch, json_log: Capture) -> None:
    from maestro.settings import settings

    monkeypatch.setenv("MAESTRO_LLM_API_KEY", "registered-from-settings-31337")
    settings.cache_clear()
    try:
        worker_logs.register_secrets()
    finally:
        settings.cache_clear()
    json_log.logger.error("the model refused registered-from-settings-31337")
    assert "registered-from-settings-31337" not in json_log.text
    assert json_log.last()["message"] == "the model refused ***"
