"""What replaying a script through a genre's rules model ended in."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outcome:
    """The end of a replay.

    ``completed`` is the only thing a proof needs; ``reason`` says why not, in words a person
    reading a failed check can act on ("fell into the gap at x=412", "touched Beetle at step 310").
    """

    completed: bool
    steps: int
    reason: str = ""
    score: int = 0
    lives_lost: int = 0
    stats: dict[str, int] = field(default_factory=dict)
