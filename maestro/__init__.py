"""Maestro turns a game design document into a playable web game prototype.

The public surface: `parse_gdd` / `read_gdd` (GDD -> `GameSpec`), the spec models, and the
error types. Everything else may change freely. Names are imported when first used, so that
``import maestro.<anything>`` stays cheap (the command line starts in a fraction of a second).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: The one version number; ``pyproject.toml`` reads it from here.
__version__ = "0.1.0"

_PUBLIC = {
    "BinaryGDDError": "maestro.errors",
    "EmptyGDDError": "maestro.errors",
    "GDDEncodingError": "maestro.errors",
    "GDDError": "maestro.errors",
    "GDDTooLargeError": "maestro.errors",
    "InputError": "maestro.errors",
    "MaestroError": "maestro.errors",
    "NoGameError": "maestro.errors",
    "MAX_GDD_BYTES": "maestro.gdd",
    "parse_gdd": "maestro.gdd",
    "read_gdd": "maestro.gdd",
    "GameSpec": "maestro.spec",
    "Genre": "maestro.spec",
}

if TYPE_CHECKING:
    from maestro.errors import (
        BinaryGDDError,
        EmptyGDDError,
        GDDEncodingError,
        GDDError,
        GDDTooLargeError,
        InputError,
        MaestroError,
        NoGameError,
    )
    from maestro.gdd import MAX_GDD_BYTES, parse_gdd, read_gdd
    from maestro.spec import GameSpec, Genre


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'maestro' has no attribute {name!r}")


__all__ = [
    "MAX_GDD_BYTES",
    "BinaryGDDError",
    "EmptyGDDError",
    "GDDEncodingError",
    "GDDError",
    "GDDTooLargeError",
    "GameSpec",
    "Genre",
    "InputError",
    "MaestroError",
    "NoGameError",
    "__version__",
    "parse_gdd",
    "read_gdd",
]
