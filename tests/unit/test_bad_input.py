"""Bad input gets the parser's own error with a message a designer can act on — never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from maestro import (
    MAX_GDD_BYTES,
    BinaryGDDError,
    EmptyGDDError,
    GDDEncodingError,
    GDDError,
    GDDTooLargeError,
    NoGameError,
    parse_gdd,
)

BAD_INPUTS: list[tuple[str, bytes, type[GDDError], str]] = [
    ("empty", b"", EmptyGDDError, "empty"),
    ("blank", b"  \n\t\n  ", EmptyGDDError, "empty"),
    ("latin1", "Genre: platformer\nTitle: Café Crème".encode("latin-1"), GDDEncodingError,
     "not UTF-8: byte 0xe9 at offset 28 (line 2)"),
    ("korean_cp949", "장르: 플랫포머\n제목: 별빛".encode("cp949"), GDDEncodingError, "EUC-KR/CP949"),
    ("too_large", b"Genre: platformer\n" + b"a" * MAX_GDD_BYTES, GDDTooLargeError, "too large"),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(64), BinaryGDDError, "PNG image"),
    ("docx", b"PK\x03\x04" + bytes(64), BinaryGDDError, ".docx"),
    ("pdf", b"%PDF-1.7\n" + bytes(64), BinaryGDDError, "PDF"),
    ("nul_bytes", b"Genre\x00 platformer\x00\x00", BinaryGDDError, "NUL"),
    ("no_game", b"Shopping list:\n- milk\n- eggs\n- bread\n", NoGameError, "does not describe a game"),
]


@pytest.mark.parametrize(("data", "error", "message"), [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_raises_the_parsers_error_with_the_reason(data: bytes, error: type[GDDError],
                                                            message: str) -> None:
    with pytest.raises(error, match=None) as raised:
        parse_gdd(data)
    assert message in str(raised.value)


def test_utf8_with_bom_and_utf16_with_bom_are_read() -> None:
    text = "Title: Frog Leap\nGenre: platformer"
    assert parse_gdd(b"\xef\xbb\xbf" + text.encode()).title == "Frog Leap"
    assert parse_gdd(text.encode("utf-16")).title == "Frog Leap"


def test_windows_newlines_are_read() -> None:
    assert parse_gdd(b"Title: Frog Leap\r\nGenre: puzzle\r\n").genre == "puzzle"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "maestro_app.cli", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize(("data", "message"), [(case[1], case[3]) for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_cli_rejects_bad_input_with_exit_2_and_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "gdd.md"
    path.write_bytes(data)
    result = _cli("validate", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_names_a_missing_file(tmp_path: Path) -> None:
    result = _cli("validate", str(tmp_path / "nope.md"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr
