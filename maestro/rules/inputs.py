"""The input vocabulary shared by the rules model, the solvers and the runtime.

An input is a bit mask of the actions held during one step. A solution is a *script*: runs of
``[mask, steps]`` (hold this mask for that many steps), which keeps a two-minute level's proof
down to a few hundred numbers.
"""

from collections.abc import Iterable, Iterator

NONE = 0
LEFT = 1
RIGHT = 2
UP = 4
DOWN = 8
JUMP = 16
ACTION = 32
SECONDARY = 64

#: Bit of each named input, in the order the runtime documents them.
BITS: dict[str, int] = {"left": LEFT, "right": RIGHT, "up": UP, "down": DOWN, "jump": JUMP, "action": ACTION,
                       "secondary": SECONDARY}

#: Runs of ``[mask, steps]``.
Script = list[list[int]]

#: Letters a puzzle or grid solution uses for the four directions.
DIRECTION_LETTERS: dict[str, int] = {"U": UP, "D": DOWN, "L": LEFT, "R": RIGHT}


def expand(script: Script) -> Iterator[int]:
    """Yield the mask of every step of ``script``."""
    for mask, steps in script:
        for _ in range(steps):
            yield mask


def compress(masks: Iterable[int]) -> Script:
    """Run-length encode per-step masks into a script."""
    script: Script = []
    for mask in masks:
        if script and script[-1][0] == mask:
            script[-1][1] += 1
        else:
            script.append([mask, 1])
    return script


def append(script: Script, mask: int, steps: int) -> None:
    """Add ``steps`` steps of ``mask`` to ``script``, merging with the last run when equal."""
    if steps <= 0:
        return
    if script and script[-1][0] == mask:
        script[-1][1] += steps
    else:
        script.append([mask, steps])


def length(script: Script) -> int:
    """Number of steps ``script`` lasts."""
    return sum(steps for _, steps in script)


def describe(mask: int) -> str:
    """``left+jump`` style name of a mask, for previews and error messages."""
    names = [name for name, bit in BITS.items() if mask & bit]
    return "+".join(names) if names else "none"
