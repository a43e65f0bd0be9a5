"""`maestro doctor` with nothing reachable: every service named with the reason, no secret shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def test_doctor_names_each_unreachable_service_fast_and_hides_secrets() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    env.update(MAESTRO_BROKER_URL="redis://:brokerpw@127.0.0.1:1/0",
               MAESTRO_DATABASE_URL="postgresql://maestro:dbpassword@127.0.0.1:1/maestro",
               MAESTRO_STORE_URL="s3://key:storesecret@127.0.0.1:1/bucket?secure=false",
               MAESTRO_FLOWER_URL="http://127.0.0.1:1", MAESTRO_FLOWER_USER="op", MAESTRO_FLOWER_PASSWORD="flowerpw",
               MAESTRO_LLM_BASE_URL="http://llmuser:llmpw@127.0.0.1:1/v1", MAESTRO_LLM_MODEL="m",
               MAESTRO_LLM_API_KEY="sk-llmkey")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "doctor"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for service in ("broker", "database", "store", "flower", "model"):
        assert any(service in line and "FAIL" in line for line in lines), result.stdout
    for secret in ("brokerpw", "dbpassword", "storesecret", "flowerpw", "llmpw", "sk-llmkey"):
        assert secret not in result.stdout + result.stderr
    assert time.monotonic() - started < 60


def test_cluster_commands_without_settings_say_what_to_set() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "status", "abc"], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 2
    assert "MAESTRO_BROKER_URL" in result.stderr and "maestro run" in result.stderr


def _doctor(**settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    env.update({f"MAESTRO_{name.upper()}": value for name, value in settings.items()})
    return subprocess.run([sys.executable, "-m", "maestro_app.cli", "doctor"], capture_output=True, text=True,
                          timeout=120, env=env)


def test_doctor_with_ports_that_are_no_numbers_names_each_service_without_a_traceback() -> None:
    result = _doctor(broker_url="redis://:brokerpw@127.0.0.1:nope/0",
                     database_url="postgresql://maestro:dbpassword@127.0.0.1:nope/maestro",
                     store_url="s3://key:storesecret@127.0.0.1:nope/bucket",
                     flower_url="http://op:flowerpw@127.0.0.1:nope")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    for service in ("broker", "database", "store", "flower"):
        assert any(service in line and "FAIL" in line for line in result.stdout.splitlines()), result.stdout
    for secret in ("brokerpw", "dbpassword", "storesecret", "flowerpw"):
        assert secret not in result.stdout


def test_doctor_hides_secrets_a_url_parser_would_misread() -> None:
    result = _doctor(broker_url="redis://:brokersecret127.0.0.1:6379/0",
                     database_url="postgresql://maestro:db?secret#x@127.0.0.1:1/maestro",
                     store_url="s3://key:store?secret@127.0.0.1:1/bucket",
                     flower_url="http://op:flower/secret@127.0.0.1:1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for secret in ("brokersecret", "secret#x", "store?secret", "flower/secret", "?secret"):
        assert secret not in result.stdout + result.stderr, secret
    assert "percent-encode" in result.stdout  # the store's URL says how to fix it


def test_doctor_json_is_one_object_naming_each_failed_check_without_secrets() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    env.update(MAESTRO_BROKER_URL="redis://:brokerpw@127.0.0.1:1/0",
               MAESTRO_DATABASE_URL="postgresql://maestro:dbpassword@127.0.0.1:1/maestro",
               MAESTRO_STORE_URL="s3://key:storesecret@127.0.0.1:1/bucket?secure=false",
               MAESTRO_FLOWER_URL="http://127.0.0.1:1")
    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "doctor", "--json", "--jobs"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False and "jobs" not in document, "jobs are not read while the services are down"
    assert [(check["name"], check["ok"]) for check in document["checks"]] == [
        ("broker", False), ("database", False), ("store", False), ("flower", False)]
    assert all(check["detail"] for check in document["checks"])
    for secret in ("brokerpw", "dbpassword", "storesecret"):
        assert secret not in result.stdout + result.stderr
