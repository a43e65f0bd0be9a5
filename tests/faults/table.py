"""The fault suite's table: each fault test adds a row, the run prints them all at the end.

Under pytest-xdist the tests run in worker processes while the summary prints in the controller,
which never imports this folder's conftest; so the hooks live in ``tests/conftest.py`` and the
rows travel through a file in pytest's cache folder, emptied when a run starts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

COLUMNS = ("fault", "jobs", "succeeded", "failed", "cancelled", "stuck", "lost", "duplicates", "recovery")
HEADINGS = ("fault", "jobs", "succeeded", "failed with reason", "cancelled", "stuck", "lost", "duplicates",
            "recovery (s)")
_rows: Path | None = None


def start(config: pytest.Config) -> None:
    """Find the rows file in this process; the controller (or a run without xdist) empties it."""
    global _rows
    if config.cache is None:
        return
    _rows = config.cache.mkdir("maestro-faults") / "rows.jsonl"
    if not hasattr(config, "workerinput"):
        _rows.unlink(missing_ok=True)


def record_row(**row: Any) -> None:
    """Add one fault's outcome (before the test's assertions, so a failing row shows too)."""
    if _rows is not None:
        with _rows.open("a", encoding="utf-8") as rows:
            rows.write(json.dumps(row) + "\n")


def table() -> str:
    """The rows recorded in this run as a Markdown table, or "" if none."""
    if _rows is None or not _rows.exists():
        return ""
    rows = [json.loads(line) for line in _rows.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        return ""
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(str(row.get(column, "")) for column in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)
