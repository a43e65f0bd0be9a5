"""The fault suite's marker and its table: each fault test adds a row, the run prints them all at the end.

Under pytest-xdist the tests run in worker processes while the summary prints in the controller,
so rows travel through a file in pytest's cache folder, emptied when a run starts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

_ROWS: Path | None = None
COLUMNS = ("fault", "jobs", "succeeded", "failed", "cancelled", "stuck", "lost", "duplicates", "recovery")
HEADINGS = ("fault", "jobs", "succeeded", "failed with reason", "cancelled", "stuck", "lost", "duplicates",
            "recovery (s)")


def pytest_configure(config: pytest.Config) -> None:
    """``--strict-markers`` is on: a marker must be declared before a module can use it."""
    global _ROWS
    config.addinivalue_line("markers", "faults: fault-injection tests on a private cluster (tests/faults)")
    if config.cache is not None:
        _ROWS = config.cache.mkdir("maestro-faults") / "rows.jsonl"
        if not hasattr(config, "workerinput"):  # the controller (or a run without xdist) starts afresh
            _ROWS.unlink(missing_ok=True)


def record_row(**row: Any) -> None:
    """Add one fault's outcome to the table (before the test's assertions, so a failing row shows too)."""
    if _ROWS is not None:
        with _ROWS.open("a", encoding="utf-8") as rows:
            rows.write(json.dumps(row) + "\n")


def table() -> str:
    """The rows recorded so far as a Markdown table, or "" if none."""
    if _ROWS is None or not _ROWS.exists():
        return ""
    rows = [json.loads(line) for line in _ROWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        return ""
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(str(row.get(column, "")) for column in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    shown = table()
    if shown:
        terminalreporter.write_sep("=", "fault suite (tests/faults)")
        terminalreporter.write_line(shown)
