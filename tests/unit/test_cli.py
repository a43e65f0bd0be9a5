"""`maestro validate` and `maestro schema` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from maestro.spec import GameSpec
from tests.expectations import EXAMPLES


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "maestro_app.cli", *args], capture_output=True, text=True,
                          timeout=60)


def test_validate_json_prints_only_the_spec() -> None:
    result = _cli("validate", str(EXAMPLES / "moss_knight.md"), "--json")
    assert result.returncode == 0, result.stderr
    spec = GameSpec.model_validate_json(result.stdout)
    assert (spec.title, spec.genre, len(spec.levels)) == ("Moss Knight", "platformer", 5)


def test_validate_shows_a_readable_summary_with_warnings() -> None:
    result = _cli("validate", str(EXAMPLES / "frost_peak.md"))
    assert result.returncode == 0, result.stderr
    assert "Frost Peak" in result.stdout and "Nils" in result.stdout
    assert "warnings" in result.stdout and "tempo" in result.stdout


def test_schema_prints_the_game_spec_json_schema() -> None:
    result = _cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "GameSpec"
    assert {"title", "genre", "levels", "lives", "audio", "warnings", "provenance"} <= set(schema["properties"])
