"""``python -m maestro_app.flower``: Flower behind basic auth, its password kept off the command line.

``celery flower --basic-auth=user:password`` shows the password to every local user in the
process list (``ps``, ``/proc/<pid>/cmdline``). This starts the same Flower with the credentials
handed over in its environment (``FLOWER_BASIC_AUTH``, which Flower reads), readable only by the
process's own user. They come from ``MAESTRO_FLOWER_USER`` and ``MAESTRO_FLOWER_PASSWORD`` or
``MAESTRO_FLOWER_PASSWORD_FILE`` (a file holding the password, as container secrets are mounted).
Flower shows every task's arguments, GDDs included, so it does not start without them.
Arguments are passed on to ``celery flower`` (``--port=5555``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Longest password file read: a password, not a document.
PASSWORD_FILE_MAX = 4096


def credentials(environ: dict[str, str]) -> str:
    """``user:password`` for Flower, or a `SystemExit` saying what to set."""
    user = environ.get("MAESTRO_FLOWER_USER", "").strip()
    password = environ.get("MAESTRO_FLOWER_PASSWORD", "")
    path = environ.get("MAESTRO_FLOWER_PASSWORD_FILE", "").strip()
    if path and not password:
        try:
            with Path(path).open("rb") as file:
                password = file.read(PASSWORD_FILE_MAX + 1).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            problem = type(error).__name__
            raise SystemExit(f"maestro flower: cannot read MAESTRO_FLOWER_PASSWORD_FILE: {problem}") from None
        if len(password) > PASSWORD_FILE_MAX:
            raise SystemExit("maestro flower: MAESTRO_FLOWER_PASSWORD_FILE holds more than a password")
    if not user or not password or ":" in user or "," in user + password:
        raise SystemExit("maestro flower: set MAESTRO_FLOWER_USER and MAESTRO_FLOWER_PASSWORD (or "
                         "MAESTRO_FLOWER_PASSWORD_FILE); the user may not hold ':' or ',', nor the password ','")
    return f"{user}:{password}"


def main(argv: list[str] | None = None) -> None:
    os.environ["FLOWER_BASIC_AUTH"] = credentials(dict(os.environ))
    if any(arg.startswith("--basic-auth") or arg.startswith("--basic_auth") for arg in argv or sys.argv[1:]):
        raise SystemExit("maestro flower: give the credentials in the environment, not as --basic-auth")
    from celery.bin.celery import main as celery_main

    sys.argv = ["celery", "-A", "workers", "flower", *(sys.argv[1:] if argv is None else argv)]
    celery_main()


if __name__ == "__main__":
    main()
