"""The HTTP gateway over real HTTP: ``maestro serve`` in the embedded mode, one server for the module."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import stop_process

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent
GDD = (ROOT / "examples" / "gdd" / "crate_keeper.txt").read_text(encoding="utf-8")
TOKEN = "gateway-test-token-5f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>"


@contextmanager
def gateway_server(data: Path) -> Iterator[str]:
    """``maestro serve`` on a free port in the embedded mode (no cluster settings), until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAESTRO_")}
    env.update(MAESTRO_API_TOKEN=TOKEN, MAESTRO_CACHE_DIR=str(data / "cache"), PYTHONPATH=str(ROOT))
    log = open(data / "serve.log", "wb")  # noqa: SIM115 - closed with the process below
    process = subprocess.Popen([sys.executable, "-m", "maestro_app.cli", "serve", "--port", str(port),
                                "--data", str(data / "serve")], env=env, cwd=data, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"maestro serve did not start: {(data / 'serve.log').read_text()[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        stop_process(process, timeout=10)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with gateway_server(tmp_path_factory.mktemp("gateway")) as base:
        yield base


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def _events(http: httpx.Client, job_id: str) -> list[tuple[str, dict[str, Any]]]:
    """Every event of the job's stream, until it ends."""
    events: list[tuple[str, dict[str, Any]]] = []
    with http.stream("GET", f"/api/jobs/{job_id}/events", timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((name, json.loads(line.removeprefix("data: "))))
    return events


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["request_id"] == response.headers["x-request-id"]
    assert "\n" not in body["detail"] and "Traceback" not in body["detail"]
    return body


@pytest.fixture(scope="module")
def finished(http: httpx.Client) -> dict[str, Any]:
    """A job submitted as JSON and watched to its end through its event stream."""
    response = http.post("/api/jobs", json={"gdd": GDD, "seed": 7}, headers=AUTH)
    assert response.status_code == 202, response.text
    body = response.json()
    assert response.headers["location"] == f"/api/jobs/{body['job_id']}" == body["links"]["self"]
    assert body["status"] == "queued" and body["duplicate"] is False
    events = _events(http, body["job_id"])
    assert events[0][0] == "job" and events[-1][0] == "end"
    return events[-1][1]


def test_a_json_submission_streams_its_events_until_it_succeeded_with_six_stages(finished: dict[str, Any]) -> None:
    assert finished["status"] == "succeeded" and finished["title"] == "Crate Keeper" and finished["seed"] == 7
    assert [stage["stage"] for stage in finished["stages"]] == ["parse", "codex", "canvas", "sonata", "labyrinth",
                                                                "build"]
    assert all(stage["status"] == "succeeded" for stage in finished["stages"])
    assert finished["progress"] == {"done": 6, "total": 6}


def test_a_file_upload_is_a_job_too_titled_by_its_name_until_parsed(http: httpx.Client) -> None:
    response = http.post("/api/jobs", files={"file": ("my_keeper.txt", GDD.encode(), "text/plain")},
                         data={"seed": "3"}, headers=AUTH)
    assert response.status_code == 202, response.text
    job = http.get(response.headers["location"]).json()
    assert job["seed"] == 3 and job["title"] in ("my_keeper", "Crate Keeper")
    assert _events(http, job["id"])[-1][1]["status"] == "succeeded"


def test_status_and_the_list_page_newest_first_with_a_status_filter(http: httpx.Client,
                                                                   finished: dict[str, Any]) -> None:
    job = http.get(f"/api/jobs/{finished['id']}").json()
    assert job == finished
    first = http.get("/api/jobs", params={"limit": 1}).json()
    assert len(first["jobs"]) == 1 and first["limit"] == 1 and first["offset"] == 0
    assert first["next"] == "/api/jobs?limit=1&offset=1"
    second = http.get(first["next"]).json()
    assert second["jobs"][0]["id"] != first["jobs"][0]["id"]
    assert first["jobs"][0]["created_at"] >= second["jobs"][0]["created_at"]
    succeeded = http.get("/api/jobs", params={"status": "succeeded", "limit": 100}).json()
    assert finished["id"] in [row["id"] for row in succeeded["jobs"]]
    assert all(row["status"] == "succeeded" for row in succeeded["jobs"]) and succeeded["next"] is None


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"offset": -1},
                                   {"status": "done"}])
def test_a_bad_page_or_filter_is_a_422_problem(http: httpx.Client, query: dict[str, Any]) -> None:
    _problem(http.get("/api/jobs", params=query), 422)


@pytest.mark.parametrize("job_id", ["0b7e1c52-3f0a-4c1e-9a58-2d7f1e0c9b44", "not-a-job", "0" * 36, "%27%20OR%201=1"])
def test_an_unknown_or_malformed_job_id_is_a_404_problem(http: httpx.Client, job_id: str) -> None:
    _problem(http.get(f"/api/jobs/{job_id}"), 404)


def test_the_spec_with_its_warnings_and_fidelity(http: httpx.Client, finished: dict[str, Any]) -> None:
    body = http.get(f"/api/jobs/{finished['id']}/spec").json()
    assert body["spec"]["title"] == "Crate Keeper" and body["spec"]["genre"] == "puzzle"
    assert body["warnings"] and all(isinstance(warning, str) for warning in body["warnings"])
    assert body["fidelity"] == body["spec"]["fidelity"] and body["fidelity"]


def test_the_build_is_a_zip_holding_the_game(http: httpx.Client, finished: dict[str, Any]) -> None:
    response = http.get(f"/api/jobs/{finished['id']}/build")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith("attachment;")
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert any(name.endswith("index.html") for name in names)
    _problem(http.get(f"/api/jobs/{finished['id']}/build", params={"link": "true"}), 409)  # no S3 here


def test_a_resubmitted_gdd_is_served_from_the_cache_and_plays_and_downloads_the_same(
        http: httpx.Client, finished: dict[str, Any]) -> None:
    response = http.post("/api/jobs", json={"gdd": GDD, "seed": 7}, headers=AUTH)
    assert response.status_code == 202, response.text
    again = _events(http, response.json()["job_id"])[-1][1]
    assert again["status"] == "succeeded" and again["id"] != finished["id"]
    for path in ("index.html", "levels/level-01.json"):
        first, second = (http.get(f"/api/jobs/{job['id']}/play/{path}") for job in (finished, again))
        assert second.status_code == 200 and second.content == first.content, path
    assert http.get(f"/api/jobs/{again['id']}/build").content == http.get(f"/api/jobs/{finished['id']}/build").content


def test_play_serves_the_builds_files_sandboxed_and_nothing_else(http: httpx.Client,
                                                                 finished: dict[str, Any]) -> None:
    base = f"/api/jobs/{finished['id']}/play"
    page = http.get(f"{base}/index.html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == "sandbox allow-scripts allow-pointer-lock"
    assert page.headers["x-content-type-options"] == "nosniff"
    for attempt in ("../gdd.txt", "%2e%2e/gdd.txt", "..%2fspec.json", "%2e%2e%2f%2e%2e%2fstate.db",
                    "/etc/passwd", "src/../../gdd.txt", "manifest.json%00.html"):
        raw = f"{http.base_url}{base}/{attempt}"
        with httpx.Client(timeout=10) as plain:  # sent as written: no client-side normalisation
            response = plain.send(httpx.Request("GET", httpx.URL(raw)))
        _problem(response, 404)


def test_cancel_and_retry_say_409_on_a_succeeded_job(http: httpx.Client, finished: dict[str, Any]) -> None:
    _problem(http.post(f"/api/jobs/{finished['id']}/cancel", headers=AUTH), 409)
    body = _problem(http.post(f"/api/jobs/{finished['id']}/retry", headers=AUTH), 409)
    assert body["job_id"] == finished["id"]


def test_a_job_cancelled_while_queued_ends_cancelled_and_a_retry_runs_it(http: httpx.Client) -> None:
    ahead = http.post("/api/jobs", json={"gdd": GDD, "seed": 11}, headers=AUTH).json()
    queued = http.post("/api/jobs", json={"gdd": GDD, "seed": 12}, headers=AUTH).json()
    cancelled = http.post(f"/api/jobs/{queued['job_id']}/cancel", headers=AUTH)
    assert cancelled.status_code == 202, cancelled.text
    assert cancelled.json() == {"job_id": queued["job_id"], "status": "cancelled", "revoked": 0}
    assert _events(http, queued["job_id"])[-1][1]["status"] == "cancelled"
    _problem(http.post(f"/api/jobs/{queued['job_id']}/cancel", headers=AUTH), 409)
    assert _events(http, ahead["job_id"])[-1][1]["status"] == "succeeded"
    retried = http.post(f"/api/jobs/{queued['job_id']}/retry", headers=AUTH)
    assert retried.status_code == 202, retried.text
    assert retried.json()["status"] == "queued" and "parse" in retried.json()["stages"]
    assert _events(http, queued["job_id"])[-1][1]["status"] == "succeeded"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": f"Bearer {TOKEN}x"}])
def test_a_write_without_the_right_token_is_a_401_problem(http: httpx.Client, headers: dict[str, str]) -> None:
    for path in ("/api/jobs", f"/api/jobs/{uuid.uuid4()}/cancel", f"/api/jobs/{uuid.uuid4()}/retry"):
        response = http.post(path, json={"gdd": GDD}, headers=headers)
        _problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
        assert TOKEN not in response.text


def test_an_oversize_body_is_a_413_problem_whether_announced_or_not(http: httpx.Client) -> None:
    big = json.dumps({"gdd": "a" * (3 * 1024 * 1024)}).encode()
    _problem(http.post("/api/jobs", content=big, headers={**AUTH, "content-type": "application/json"}), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for start in range(0, len(big), 1 << 16):
            yield big[start:start + 1 << 16]

    _problem(http.post("/api/jobs", content=chunks(), headers={**AUTH, "content-type": "application/json"}), 413)


def test_a_gdd_over_one_mib_is_refused_as_422(http: httpx.Client) -> None:
    body = _problem(http.post("/api/jobs", json={"gdd": "a" * (1024 * 1024 + 10)}, headers=AUTH), 422)
    assert "too large" in body["detail"]


@pytest.mark.parametrize("data", [b"%PDF-1.7\n\x00\x01binary", b"PK\x03\x04docx", b"GDD\x00\x00\x01\x02 binary",
                                  b"caf\xe9 au lait\n"])
def test_a_binary_or_non_utf8_gdd_is_a_422_problem(http: httpx.Client, data: bytes) -> None:
    response = http.post("/api/jobs", files={"file": ("gdd.pdf", data, "application/pdf")}, headers=AUTH)
    body = _problem(response, 422)
    assert body["type"].endswith("/refused-gdd")


def test_markup_in_a_gdd_comes_back_as_the_same_text_in_json(http: httpx.Client) -> None:
    text = GDD.replace("CRATE KEEPER", f"{MARKUP} CRATE KEEPER", 1) + f"\n{MARKUP}\n"
    ahead = http.post("/api/jobs", json={"gdd": GDD, "seed": 21}, headers=AUTH).json()  # keeps the next one queued
    response = http.post("/api/jobs", json={"gdd": text, "title": MARKUP}, headers=AUTH)
    assert response.status_code == 202 and response.headers["content-type"] == "application/json"
    job_id = response.json()["job_id"]
    queued = http.get(f"/api/jobs/{job_id}")
    assert queued.headers["content-type"] == "application/json" and "&lt;" not in queued.text
    assert queued.json()["title"] == MARKUP or queued.json()["status"] != "queued"
    listed = http.get("/api/jobs", params={"limit": 5}).json()["jobs"]
    assert any(row["id"] == job_id and row["title"] in (MARKUP, "Crate Keeper") for row in listed)
    assert _events(http, ahead["job_id"])[-1][1]["status"] == "succeeded"
    assert _events(http, job_id)[-1][1]["status"] == "succeeded"
    spec = http.get(f"/api/jobs/{job_id}/spec")
    assert spec.headers["content-type"] == "application/json" and "&lt;" not in spec.text


def test_the_request_id_is_echoed_when_safe_and_made_when_not(http: httpx.Client) -> None:
    assert http.get("/healthz", headers={"X-Request-ID": "abc.DEF-123_x"}).headers["x-request-id"] == "abc.DEF-123_x"
    made = http.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["x-request-id"]
    assert made != "<script>" and len(made) == 32
    assert http.get("/api/jobs/nope", headers={"X-Request-ID": "r-1"}).json()["request_id"] == "r-1"


def test_health_readiness_config_and_the_openapi_document(http: httpx.Client) -> None:
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    assert {check["name"] for check in ready.json()["checks"]} >= {"database", "store"}
    assert http.get("/api/config").json() == {"mode": "embedded", "token_required": True, "max_gdd_bytes": 1048576}
    document = http.get("/openapi.json").json()
    assert {"/api/jobs", "/api/jobs/{job_id}", "/api/jobs/{job_id}/events", "/api/jobs/{job_id}/play/{path}",
            "/readyz"} <= set(document["paths"])
    assert "Problem" in document["components"]["schemas"]
