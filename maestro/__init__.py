"""Maestro turns a game design document into a playable web game prototype.

The public surface: `parse_gdd` / `read_gdd` (GDD -> `GameSpec`), the spec models, and the
error types. Everything else may change freely.
"""

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

__version__ = "0.1.0"

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
