"""GDD text -> `GameSpec`.

`parse_gdd` takes the text (or the raw bytes of a file) of a game design document in Markdown
or plain text, English or Korean, and returns a complete `GameSpec` with warnings for what it
had to infer or default. Anything that is not a readable GDD raises a `GDDError` subclass with
a message for the designer; nothing else escapes.

The input is untrusted, so parsing takes time linear in it (no regex here backtracks more than
linearly; `maestro.gdd.scan` holds the few matchers written by hand for that), and a file past
`parser.READ_CHARS` characters or `parser.READ_LINES` lines is read up to there, with a warning:
any accepted file (up to 1 MiB) parses in well under 2 s of CPU.

The parser (and its lexicons) is imported on the first parse, so that reading and checking a
file (`read_gdd_text`, `accept_text`) stays cheap for callers that only pass the text on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from maestro.errors import GDDError
from maestro.gdd.decode import MAX_GDD_BYTES, accept_text, decode_gdd, too_large

if TYPE_CHECKING:
    from maestro.spec import GameSpec

__all__ = ["MAX_GDD_BYTES", "accept_text", "decode_gdd", "parse_gdd", "read_gdd", "read_gdd_text"]


def parse_gdd(source: str | bytes, name: str | None = None) -> GameSpec:
    """Parse a GDD given as text or as the bytes of a file; ``name`` titles a GDD that names no title."""
    from maestro.gdd.parser import parse_text

    data = source.encode("utf-8", errors="replace") if isinstance(source, str) else source
    return parse_text(decode_gdd(data), name)


def read_gdd(path: str | Path) -> GameSpec:
    """Read and parse the GDD file at `path`."""
    from maestro.gdd.parser import parse_text

    return parse_text(read_gdd_text(path), Path(path).name)


def read_gdd_text(path: str | Path) -> str:
    """The text of the GDD file at `path`, decoded and checked once, at the edge.

    This is what every command sends on (``run`` and ``submit`` alike), so a file is accepted or
    refused the same way whichever command reads it.
    """
    return decode_gdd(read_gdd_bytes(path))


def read_gdd_bytes(path: str | Path) -> bytes:
    """The bytes of the GDD file at `path` (never more than one past the limit), or a `GDDError`."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_GDD_BYTES + 1)
            if len(data) > MAX_GDD_BYTES:
                raise too_large(max(len(data), os.fstat(file.fileno()).st_size))
            return data
    except IsADirectoryError:
        raise GDDError(f"{path} is a directory, not a GDD file") from None
    except FileNotFoundError:
        raise GDDError(f"{path}: no such file") from None
    except PermissionError:
        raise GDDError(f"{path}: permission denied") from None
    except OSError as error:
        raise GDDError(f"{path}: cannot read ({error.strerror})") from None
