"""The games' movement and collision rules, in integer arithmetic at 60 steps per second.

This package is the reference the JavaScript runtime reproduces bit for bit, so it follows a few
conventions that keep the two sides equal:

- Positions and velocities are integers in *sub-pixels*: ``SUB`` (256) sub-pixels to a pixel.
  Level files give positions in whole pixels; the rules multiply by ``SUB`` on load.
- Only ``+ - *``, comparisons, and floor division (``//`` here, ``Math.floor(a / b)`` in JS) are
  used, on values well inside 32 bits. No floats, no trigonometry at run time (tables of integers
  travel in the level file where a genre needs them).
- One step reads one input mask (:mod:`maestro.rules.inputs`): the runtime latches the keyboard
  and touch state once per step and never reads events mid-step.
- Every constant a genre uses lives in the ``Tuning`` dataclass at the top of its module
  (``maestro/rules/<genre>.py``, built on :class:`maestro.rules.tuning.RulesTuning`) and is
  written into each level file under ``rules``; replays read the file's copy, so a level file
  alone is enough to replay its solution. Each module's docstring gives its step order.
"""

from maestro.rules.inputs import ACTION, DOWN, JUMP, LEFT, NONE, RIGHT, UP, Script, compress, expand
from maestro.rules.outcome import Outcome

__all__ = ["ACTION", "DOWN", "JUMP", "LEFT", "NONE", "RIGHT", "UP", "Outcome", "Script", "compress", "expand"]
