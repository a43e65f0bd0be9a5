"""Traces of a job: OpenTelemetry spans, sent to a collector only when one is configured.

An operator who wants to see where a job's time went points the standard variable
``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) at an OTLP/HTTP
collector (Jaeger, Tempo, the OpenTelemetry Collector); every process that calls :func:`setup`
then sends its spans there. With neither set nothing is set up and nothing is imported: the
OpenTelemetry SDK costs a fifth of a second to load, and ``maestro run`` must not pay for tracing
nobody asked for. ``OTEL_SDK_DISABLED=true`` turns it off whatever the endpoint.

The Celery side (a span per task run, the trace carried from task to task) is
:mod:`workers.tracing`; this module holds what the domain code may use: :func:`span` and
:func:`current_ids`, both free when tracing is off.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from maestro.safe_text import mask_url, terminal

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import SpanProcessor, TracerProvider

log = logging.getLogger(__name__)

TRACES_ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT"
DISABLED_ENV = "OTEL_SDK_DISABLED"
#: Where the OTLP/HTTP spec puts traces under a base endpoint.
TRACES_PATH = "/v1/traces"
#: Seconds one export (retries included) may take: a slow collector must not hold up a worker.
EXPORT_TIMEOUT_SECONDS = 2.0
#: Seconds :func:`shutdown` waits for the last spans to be sent before the process goes on exiting.
SHUTDOWN_SECONDS = 2.0

#: The values a span attribute may hold.
Attribute = str | bool | int | float

_on = False  # spans are being made in this process
_closed = False  # shut down: stays off in this process
_provider: TracerProvider | None = None  # the provider this module installed, if it did
_OFF: AbstractContextManager[None] = nullcontext()


def endpoint() -> str | None:
    """The OTLP/HTTP URL spans go to, from the standard environment; None when tracing is off.

    ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` is used as it is; ``OTEL_EXPORTER_OTLP_ENDPOINT`` is a
    base to which ``/v1/traces`` is appended, as the OpenTelemetry specification says. Only an
    http(s) URL with a host is accepted: anything else turns tracing off with a one-line warning
    that shows the URL without its credentials (an endpoint may carry a token).
    """
    if os.environ.get(DISABLED_ENV, "").strip().lower() == "true":
        return None
    traces = os.environ.get(TRACES_ENDPOINT_ENV, "").strip()
    base = os.environ.get(ENDPOINT_ENV, "").strip()
    if traces:
        name, url = TRACES_ENDPOINT_ENV, traces
    elif base:
        name, url = ENDPOINT_ENV, base.rstrip("/") + TRACES_PATH
    else:
        return None
    if _is_http_url(url):
        return url
    log.warning("tracing off: %s is not an http(s) URL: %s", name, terminal(mask_url(url)))
    return None


def _is_http_url(url: str) -> bool:
    if any(char.isspace() or not char.isprintable() for char in url):
        return False
    try:  # a port that is not a number, or an unclosed IPv6 bracket, raises
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


def setup(service_name: str) -> bool:
    """Send this process's spans to the configured endpoint, named ``service_name``; whether tracing is on.

    Call it once the process is what it will stay: a Celery prefork worker calls it in the child
    (``worker_process_init``), since the exporter's thread does not survive a fork. Should a
    process with tracing on fork anyway, each process still gets its own exporter and thread (see
    :func:`_per_process`). Calling it again does nothing; after :func:`shutdown` it stays off.
    With no endpoint it imports nothing and returns False. A tracer provider someone else set up
    first (``opentelemetry-instrument``, say) is left in place and used.
    """
    global _on, _provider
    if _on or _closed:
        return _on
    url = endpoint()
    if url is None:
        return False
    try:
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import SERVICE_NAME, Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as missing:
        log.warning("tracing off: an OTLP endpoint is set but %s is not installed (pip install "
                    "opentelemetry-sdk opentelemetry-exporter-otlp-proto-http)", missing.name or missing)
        return False
    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        log.info("tracing: using the tracer provider already set up in this process")
        _on = True
        return True

    def processor() -> SpanProcessor:
        return BatchSpanProcessor(OTLPSpanExporter(endpoint=url, timeout=EXPORT_TIMEOUT_SECONDS))

    # The SDK's own exit hook would wait up to 30 s for a collector that does not answer.
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service_name}), shutdown_on_exit=False)
    provider.add_span_processor(_per_process(processor))
    trace.set_tracer_provider(provider)
    atexit.register(shutdown)
    _provider, _on = provider, True
    log.info("tracing on: %s sends spans to %s", service_name, terminal(mask_url(url)))
    return True


def _per_process(make: Callable[[], SpanProcessor]) -> SpanProcessor:
    """A span processor that makes its real one (``make()``) in each process, when a span first ends.

    A batch processor made before a fork would leave the child its exporter's HTTP connections,
    shared with the parent, and a queue whose thread died with the fork; this one forgets it in
    the child and makes another there, so whichever process set tracing up, each sends its own.
    """
    from opentelemetry.sdk.trace import ReadableSpan
    from opentelemetry.sdk.trace import SpanProcessor as Base

    class PerProcess(Base):
        def __init__(self) -> None:
            self._lock = threading.Lock()
            self._processor: SpanProcessor | None = None
            self._closed = False
            os.register_at_fork(after_in_child=self._forked)

        def _forked(self) -> None:
            self._lock = threading.Lock()
            self._processor = None

        def _current(self) -> SpanProcessor | None:
            if self._processor is None and not self._closed:
                with self._lock:
                    if self._processor is None and not self._closed:
                        self._processor = make()
            return self._processor

        def on_end(self, span: ReadableSpan) -> None:
            processor = self._current()
            if processor is not None:
                processor.on_end(span)

        def shutdown(self) -> None:
            self._closed = True
            if self._processor is not None:
                self._processor.shutdown()

        def force_flush(self, timeout_millis: int = 30000) -> bool:
            return self._processor.force_flush(timeout_millis) if self._processor is not None else True

    return PerProcess()


def shutdown() -> None:
    """Send the spans still waiting and stop tracing in this process, within :data:`SHUTDOWN_SECONDS`.

    For a worker process's exit (and, registered by :func:`setup`, the interpreter's): spans not
    sent by then are dropped rather than holding the exit up. Nothing to do when tracing is off.
    """
    global _on, _closed, _provider
    provider = _provider
    _on, _closed, _provider = False, True, None
    if provider is None:
        return
    stopping = threading.Thread(target=provider.shutdown, name="maestro-tracing-shutdown", daemon=True)
    stopping.start()
    stopping.join(SHUTDOWN_SECONDS)
    if stopping.is_alive():
        log.warning("tracing: the collector took over %.0f s; spans not yet sent are dropped", SHUTDOWN_SECONDS)


def span(name: str, **attributes: Attribute) -> AbstractContextManager[None]:
    """A span named ``name`` around the ``with`` block, a child of the current one; nothing when tracing is off.

    For the parts of a stage worth seeing on their own in a job's trace. An exception leaving
    the block is recorded on the span and marks it failed, then goes on as usual.
    """
    if not _on:
        return _OFF
    return _span(name, attributes)


@contextmanager
def _span(name: str, attributes: Mapping[str, Attribute]) -> Iterator[None]:
    from opentelemetry import trace

    with trace.get_tracer(__name__).start_as_current_span(name, attributes=attributes):
        yield


def current_ids() -> tuple[str | None, str | None]:
    """The current trace id and span id in hex, as a collector shows them; (None, None) when there is no span.

    For log lines and error reports, so a failure can be found in its job's trace.
    """
    if not _on:
        return None, None
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None, None
    return trace.format_trace_id(context.trace_id), trace.format_span_id(context.span_id)
