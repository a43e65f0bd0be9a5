"""`maestro doctor` with nothing reachable: every service named with the reason, no secret shown."""

from __future__ import annotations

import os
import subprocess
import sys
import time


def test_doctor_names_each_unreachable_service_fast_and_hides_secrets() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    env.update(MAESTRO_BROKER_URL="redis://:brokerpw@127.0.0.1:1/0",
               MAESTRO_DATABASE_URL="postgresql://maestro:dbpassword@127.0.0.1:1/maestro",
               MAESTRO_STORE_URL="s3://key:storesecret@127.0.0.1:1/bucket?secure=false",
               MAESTRO_FLOWER_URL="http://127.0.0.1:1", MAESTRO_FLOWER_USER="op", MAESTRO_FLOWER_PASSWORD="flowerpw")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "doctor"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for service in ("broker", "database", "store", "flower"):
        assert any(service in line and "FAIL" in line for line in lines), result.stdout
    for secret in ("brokerpw", "dbpassword", "storesecret", "flowerpw"):
        assert secret not in result.stdout + result.stderr
    assert time.monotonic() - started < 60


def test_cluster_commands_without_settings_say_what_to_set() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAESTRO_")}
    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "status", "abc"], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 2
    assert "MAESTRO_BROKER_URL" in result.stderr and "maestro run" in result.stderr
