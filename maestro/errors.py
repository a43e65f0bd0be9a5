"""Maestro's own exceptions: a small hierarchy whose messages a user can act on.

Callers catch `MaestroError` for anything Maestro raises on purpose; the CLI prints its message
on one line and exits 2 for `InputError` (the user's input is wrong), 1 for the rest.
"""

from __future__ import annotations


class MaestroError(Exception):
    """Base class of every error Maestro raises on purpose."""


class InputError(MaestroError):
    """The input given to Maestro is unusable; the message says why and what to do."""


class GDDError(InputError):
    """A game design document that cannot be read as one."""


class EmptyGDDError(GDDError):
    """The GDD holds no text."""


class GDDTooLargeError(GDDError):
    """The GDD is over the size limit."""


class GDDEncodingError(GDDError):
    """The GDD's bytes are not UTF-8 text."""


class BinaryGDDError(GDDError):
    """The GDD is a binary file (an image, a PDF, a Word document ...), not text."""


class NoGameError(GDDError):
    """The text does not describe a game."""


class ArgumentError(InputError):
    """A task or command was given an argument it cannot use; the message names the argument.

    Raised at the boundary (:mod:`maestro.submission`) before the value is used anywhere, so a
    bad value is refused with a reason instead of failing later, deeper, as a raw exception.
    """
