"""A tiny OTLP/HTTP trace collector for tests: the spans a process exports, as plain dicts.

Real enough to test against: the exporter posts the protobuf it would post to Jaeger or the
OpenTelemetry Collector, gzip-compressed or not, and gets the empty success reply they give.
Each span is kept as ``{"name", "trace_id", "span_id", "parent_span_id", "attributes", "service"}``,
ids in hex as a collector's UI shows them (``parent_span_id`` is None for a root span).

    with collector() as spans_at:
        run_something(env={"OTEL_EXPORTER_OTLP_ENDPOINT": spans_at.endpoint})
        spans_at.wait_for(lambda spans: any(s["name"] == "run/maestro.build" for s in spans))
"""

from __future__ import annotations

import gzip
import io
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

Span = dict[str, Any]
#: Largest request accepted, compressed or not: a test's spans fit many times over.
MAX_BYTES = 16 * 1024 * 1024


class Collector:
    """The spans received so far; ``endpoint`` is the base URL to export to."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._spans: list[Span] = []
        self._changed = threading.Condition()

    def spans(self) -> list[Span]:
        with self._changed:
            return list(self._spans)

    def wait_for(self, predicate: Callable[[list[Span]], bool], timeout: float = 10.0) -> list[Span]:
        """The spans once ``predicate(spans)`` holds; AssertionError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(list(self._spans)):
                left = deadline - time.monotonic()
                if left <= 0:
                    names = sorted({span["name"] for span in self._spans})
                    raise AssertionError(f"spans not received within {timeout} s; got {names}")
                self._changed.wait(left)
            return list(self._spans)

    def add(self, request: ExportTraceServiceRequest) -> None:
        received = []
        for resource_spans in request.resource_spans:
            resource = {kv.key: _value(kv.value) for kv in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    received.append({
                        "name": span.name,
                        "trace_id": span.trace_id.hex(),
                        "span_id": span.span_id.hex(),
                        "parent_span_id": span.parent_span_id.hex() or None,
                        "attributes": {kv.key: _value(kv.value) for kv in span.attributes},
                        "service": resource.get("service.name"),
                    })
        with self._changed:
            self._spans.extend(received)
            self._changed.notify_all()


def _value(value: AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [_value(item) for item in value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: _value(kv.value) for kv in value.kvlist_value.values}
    return getattr(value, kind)


def _handler(sink: Collector) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.path != "/v1/traces":
                return self._reply(404, b"")
            if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/x-protobuf":
                return self._reply(415, b"")
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MAX_BYTES:
                return self._reply(413, b"")
            body = self.rfile.read(length)
            try:
                if self.headers.get("Content-Encoding", "").lower() == "gzip":
                    body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_BYTES + 1)
                    if len(body) > MAX_BYTES:
                        return self._reply(413, b"")
                request = ExportTraceServiceRequest.FromString(body)
            except Exception:  # a malformed request: the exporter's problem, not the test's
                return self._reply(400, b"")
            sink.add(request)
            return self._reply(200, ExportTraceServiceResponse().SerializeToString())

        def _reply(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # quiet: pytest shows failures
            pass

    return Handler


@contextmanager
def collector() -> Iterator[Collector]:
    """A collector listening on a free port of 127.0.0.1 for the ``with`` block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    host, port = server.server_address[:2]
    sink = Collector(f"http://{host}:{port}")
    server.RequestHandlerClass = _handler(sink)
    thread = threading.Thread(target=server.serve_forever, name="otlp-collector", daemon=True)
    thread.start()
    try:
        yield sink
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
