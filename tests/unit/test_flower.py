"""Flower's password reaches it through its environment or a file, never the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro_app.flower import credentials, main


def test_the_credentials_come_from_the_environment_or_a_password_file(tmp_path: Path) -> None:
    assert credentials({"MAESTRO_FLOWER_USER": "ops", "MAESTRO_FLOWER_PASSWORD": "s3cret"}) == "ops:s3cret"
    secret = tmp_path / "flower-password"
    secret.write_text("from-a-file\n", encoding="utf-8")
    assert credentials({"MAESTRO_FLOWER_USER": "ops", "MAESTRO_FLOWER_PASSWORD_FILE": str(secret)}) == "ops:from-a-file"


@pytest.mark.parametrize("environ", [{}, {"MAESTRO_FLOWER_USER": "ops"}, {"MAESTRO_FLOWER_PASSWORD": "pw-9f3"},
                                     {"MAESTRO_FLOWER_USER": "o:ps", "MAESTRO_FLOWER_PASSWORD": "pw-9f3"},
                                     {"MAESTRO_FLOWER_USER": "ops", "MAESTRO_FLOWER_PASSWORD_FILE": "/nonexistent"}])
def test_flower_does_not_start_without_usable_credentials_and_never_echoes_them(environ: dict[str, str]) -> None:
    with pytest.raises(SystemExit) as refused:
        credentials(environ)
    assert "MAESTRO_FLOWER" in str(refused.value) and "pw-9f3" not in str(refused.value)


def test_credentials_on_the_command_line_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAESTRO_FLOWER_USER", "ops")
    monkeypatch.setenv("MAESTRO_FLOWER_PASSWORD", "s3cret")
    with pytest.raises(SystemExit, match="not as --basic-auth"):
        main(["--basic-auth=ops:s3cret"])


def test_the_procfile_keeps_the_password_off_the_command_line() -> None:
    procfile = (Path(__file__).resolve().parents[2] / "Procfile").read_text(encoding="utf-8")
    flower = next(line for line in procfile.splitlines() if line.startswith("flower:"))
    assert "PASSWORD" not in flower and "basic-auth" not in flower and "maestro_app.flower" in flower
