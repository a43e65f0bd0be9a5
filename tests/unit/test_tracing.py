"""Tracing: off and free with no endpoint; with one, a job is one trace with a labelled span per stage.

Processes that turn tracing on run in a subprocess: the tracer provider is global to a process
and cannot be taken back, so it must not leak into the other tests.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from maestro import tracing
from tests.otlp_collector import collector

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("parse", "codex", "canvas", "sonata", "labyrinth", "build")


def _env(**extra: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("OTEL_")}
    return {**env, **extra}


def _python(code: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=_env(**env),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def no_otel_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("OTEL_"):
            monkeypatch.delenv(name)
    return monkeypatch


def test_without_an_endpoint_tracing_is_off_and_imports_nothing_of_opentelemetry() -> None:
    out = _python("""
        import sys
        import maestro.tracing as t
        from workers.tracing import instrument
        print(t.setup("x"), instrument("x"))
        with t.span("nothing", size=1):
            print(t.current_ids())
        t.shutdown()
        print(sorted(name for name in sys.modules if name.startswith("opentelemetry")))
    """)
    assert out.splitlines() == ["False False", "(None, None)", "[]"]


def test_span_and_current_ids_are_no_ops_when_tracing_is_off(no_otel_env: pytest.MonkeyPatch) -> None:
    assert tracing.setup("x") is False
    with tracing.span("nothing", size=1, ok=True):
        assert tracing.current_ids() == (None, None)
    with pytest.raises(ValueError), tracing.span("failing"):
        raise ValueError("goes on through")


@pytest.mark.parametrize(("env", "expected"), [
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, "http://collector:4318/v1/traces"),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector:4318/"}, "https://collector:4318/v1/traces"),
    ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://tempo/otlp/traces"}, "http://tempo/otlp/traces"),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://base:4318",
      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://traces:4318/v1/traces"}, "http://traces:4318/v1/traces"),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true"}, None),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "  "}, None),
    ({}, None),
])
def test_endpoint_follows_the_standard_variables(no_otel_env: pytest.MonkeyPatch, env: dict[str, str],
                                                 expected: str | None) -> None:
    for name, value in env.items():
        no_otel_env.setenv(name, value)
    assert tracing.endpoint() == expected


@pytest.mark.parametrize("url", ["ftp://otel:hunter2@collector/v1", "collector:4318", "http://",
                                 "http://collector:port", "http://[::1", "http://col lector:4318",
                                 "file:///etc/passwd?token=hunter2"])
def test_an_endpoint_that_is_not_an_http_url_turns_tracing_off_with_a_warning(
        no_otel_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, url: str) -> None:
    no_otel_env.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", url)
    with caplog.at_level(logging.WARNING, logger="maestro.tracing"):
        assert tracing.setup("x") is False
    [record] = caplog.records
    message = record.getMessage()
    assert "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" in message and "tracing off" in message
    assert "hunter2" not in message and "\n" not in message
    assert tracing.current_ids() == (None, None)


def test_a_job_is_one_trace_with_a_span_per_stage_labelled_with_job_and_stage(tmp_path: Path) -> None:
    with collector() as spans_at:
        out = _python(f"""
            from celery import Celery
            import maestro.tracing
            from maestro.store import LocalStore
            from workers.embedded import run_job
            from workers.tracing import instrument

            assert instrument("test")
            job = run_job(open("examples/gdd/rooftop_run.txt").read(), LocalStore({str(tmp_path)!r}))
            print(job.id)

            probes = Celery("probes", set_as_current=False)

            @probes.task(name="maestro.probe")
            def probe(**kwargs):
                with maestro.tracing.span("probe.inside", size=3):
                    return maestro.tracing.current_ids()

            print(*probe.apply(kwargs={{"job_id": "../../etc/passwd"}}).get())
            maestro.tracing.shutdown()
        """, OTEL_EXPORTER_OTLP_ENDPOINT=spans_at.endpoint, OTEL_EXPORTER_OTLP_COMPRESSION="gzip")
        job_id, probe_ids = out.splitlines()
        spans = spans_at.wait_for(lambda spans: {"run/maestro.build", "probe.inside"} <= {s["name"] for s in spans})

    named = {span["name"]: span for span in spans}
    submit = named["run/maestro.submit"]
    assert submit["parent_span_id"] is None
    for stage in ("submit", *STAGES):
        span = named[f"run/maestro.{stage}"]
        assert span["attributes"]["maestro.stage"] == stage
        assert span["attributes"]["maestro.job_id"] == job_id
        assert span["trace_id"] == submit["trace_id"]
        assert span["service"] == "test"
        if stage != "submit":  # eager tasks run inside submit's, each in turn
            assert span["parent_span_id"] == submit["span_id"]

    probe, inside = named["run/maestro.probe"], named["probe.inside"]
    assert probe["attributes"]["maestro.stage"] == "probe"
    assert "maestro.job_id" not in probe["attributes"]  # not a job id: not recorded
    assert inside["parent_span_id"] == probe["span_id"] and inside["attributes"] == {"size": 3}
    assert probe_ids == f"{inside['trace_id']} {inside['span_id']}"


def test_a_forked_process_sends_its_own_spans_and_not_its_parents_again() -> None:
    with collector() as spans_at:
        _python("""
            import os
            import maestro.tracing as t

            assert t.setup("forking")
            with t.span("before the fork"):
                pass
            pid = os.fork()
            if pid == 0:
                with t.span("in the child", pid=os.getpid()):
                    pass
                t.shutdown()
                os._exit(0)
            assert os.waitpid(pid, 0)[1] == 0
            with t.span("in the parent"):
                pass
            t.shutdown()
        """, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=f"{spans_at.endpoint}/v1/traces")
        spans = spans_at.wait_for(lambda spans: len(spans) >= 3)

    assert sorted(span["name"] for span in spans) == ["before the fork", "in the child", "in the parent"]
    assert {span["service"] for span in spans} == {"forking"}
