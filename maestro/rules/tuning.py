"""The base of every genre's ``Tuning``: constants that travel inside each level file.

A genre declares its constants as a frozen dataclass deriving from :class:`RulesTuning`, with
integers, booleans and tuples of integers (tables) only. ``to_rules`` writes them into
``LevelFile.rules``; ``from_rules`` reads them back and refuses a file that lacks one or carries
the wrong type, because a replay must run on the file's constants, never on this code's defaults.
"""

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any, Self

RuleValue = int | bool | list[int]


@dataclass(frozen=True)
class RulesTuning:
    def to_rules(self) -> dict[str, RuleValue]:
        """Every constant by name, tables as lists."""
        rules: dict[str, RuleValue] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            rules[item.name] = list(value) if isinstance(value, tuple) else value
        return rules

    @classmethod
    def from_rules(cls, rules: Mapping[str, RuleValue]) -> Self:
        """The constants a level file carries; ``ValueError`` names the one missing or mistyped."""
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name not in rules:
                raise ValueError(f"rules.{item.name} is missing from the level file")
            default = item.default if item.default is not MISSING else item.default_factory()  # type: ignore[operator]
            values[item.name] = _typed(item.name, rules[item.name], default)
        tuning = cls(**values)
        tuning.check()
        return tuning

    def check(self) -> None:
        """Raise ``ValueError`` when constants contradict each other; genres override it."""


def _typed(name: str, value: RuleValue, like: object) -> object:
    if isinstance(like, bool):
        if isinstance(value, bool):
            return value
        raise ValueError(f"rules.{name} must be true or false, got {value!r}")
    if isinstance(like, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ValueError(f"rules.{name} must be an integer, got {value!r}")
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    raise ValueError(f"rules.{name} must be a list of integers, got {value!r}")
