"""Runner rules: an auto-scrolling side view where the player can only jump and duck.

The runner moves right on its own at a speed that is a pure function of the step number, so
where the player is at step ``n`` never depends on the inputs; the inputs only decide the
vertical motion (jump, variable jump height, duck). Every constant is read from the level file's
``rules`` (the fields of :class:`Tuning`), in sub-pixels (``SUB`` = 256 per pixel) and steps.

Geometry. Tiles are ``TILE`` (16) pixels; only ``#`` is solid, every other character (``.``,
``G``, anything else) is air for collisions; rows above, below or beside the map are air. The
player's box is ``player_w`` wide; its feet (bottom edge, exclusive) are the reference height and
its top is ``feet - h`` with ``h = duck_h`` while ducking, ``player_h`` otherwise. Boxes touch only
when they overlap by at least one sub-pixel (:func:`maestro.rules.geometry.overlaps`).

Start. ``x = player.x * SUB``, ``feet = player.y * SUB + player_h`` (``player`` is the top-left of
the standing box in pixels), ``vy = 0``, not ducking, jump not held. ``air`` (steps since the
player last stood on ground) is 0 when a solid tile lies directly under the feet (the box moved
down by one sub-pixel would touch a solid tile) and ``coyote + 1`` otherwise.

One step ``n`` (0-based) with input mask ``m``, in this exact order:

0. Read the mask of step ``n`` (the step is counted as played from here on).
1. Jump input. ``held = m & (JUMP | UP) != 0``; a *press* is ``held`` while the previous step's
   ``held`` was false (false before step 0).
2. Jump. On a press with ``air <= coyote``: ``vy = -jump_speed``, ``air = coyote + 1`` (no second
   jump until landing), ducking stops.
3. Variable height. If not ``held`` and ``vy < -jump_cut``: ``vy = -jump_cut``.
4. Duck. If ``m & DOWN`` and ``air == 0``: ducking. Otherwise, if ducking, stand up unless the
   standing box (current ``x`` and ``feet``) would overlap a solid tile. ``h`` follows the result.
5. Run. ``vx = min(run_speed_max, run_speed_start + run_accel * (n // speedup_every))``;
   ``x += vx``. If the box now overlaps a solid tile the run fails: "hit a wall".
6. Fall. ``vy = min(vy + gravity, max_fall)``; ``feet += vy``. If the box now overlaps solid
   tiles: moving down (``vy >= 0``) puts ``feet`` on the top of the highest overlapped solid row,
   ``vy = 0``, ``air = 0``; moving up puts the top at the bottom of the lowest overlapped solid row,
   ``vy = 0``. Unless the player landed, ``air += 1`` if ``air <= coyote``.
7. Out of the map. If the box top is at or below the map's bottom edge the run fails:
   "fell into the gap".
8. Entities, in list order, at their step-``n`` position (``motion_at(motion, n)`` when the entity
   has a ``motion``, its ``x, y`` otherwise): an ``item`` the box overlaps is collected once (score
   += ``points``); an overlapped ``obstacle``, ``enemy`` or ``boss`` fails the run: "touched <name>".
   (The reference checks only entities whose swept x-range can meet the player; the result is the
   same as checking all of them in list order.)
9. Goal. If ``x + player_w > goal_x``, the left edge (sub-pixels) of the leftmost column holding a
   ``G`` tile in any row, the run is complete (a map without ``G`` never completes).

Before each step, a run that has already played ``max_steps`` steps fails ("still running").
``Outcome.steps`` counts the steps played, the one that ended the run included.

When the input script runs out the runner keeps going with no input (mask 0), so every replay
ends in a completion or a failure.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace

from maestro.level import TILE, LevelFile
from maestro.rules.geometry import SUB, Actor, motion_at
from maestro.rules.inputs import DOWN, JUMP, UP, Script, expand
from maestro.rules.outcome import Outcome
from maestro.rules.tuning import RulesTuning

#: Sub-pixels per tile.
TS = TILE * SUB

RUNNING, COMPLETE, FAILED = 0, 1, 2


@dataclass(frozen=True)
class Tuning(RulesTuning):
    """Every constant of the runner rules: lengths in sub-pixels, speeds per step, times in steps."""

    player_w: int = 12 * SUB
    player_h: int = 24 * SUB
    duck_h: int = 12 * SUB
    gravity: int = 80
    max_fall: int = 8 * SUB
    jump_speed: int = 1408
    jump_cut: int = 2 * SUB
    coyote: int = 5
    run_speed_start: int = 2 * SUB
    run_speed_max: int = 4 * SUB
    run_accel: int = 16
    speedup_every: int = 120
    max_steps: int = 20_000

    def check(self) -> None:
        if self.speedup_every < 1 or self.player_w < 1 or self.duck_h < 1 or self.player_h < self.duck_h:
            raise ValueError("rules: speedup_every, player_w and duck_h must be positive, duck_h <= player_h")

    def speed_at(self, step: int) -> int:
        """Run speed (sub-pixels per step) during step ``step``."""
        return min(self.run_speed_max, self.run_speed_start + self.run_accel * (step // self.speedup_every))


TUNING = Tuning()


@dataclass(slots=True)
class State:
    """Everything that changes during a run."""

    step: int = 0
    x: int = 0
    feet: int = 0
    vy: int = 0
    air: int = 0
    ducking: bool = False
    held: bool = False
    vx: int = 0
    score: int = 0
    items: int = 0
    collected: int = 0
    status: int = RUNNING
    reason: str = ""

    def copy(self) -> "State":
        return replace(self)


class World:
    """A level file compiled for fast stepping: solid rows per column, entities, the goal line."""

    def __init__(self, level: LevelFile) -> None:
        self.tuning = Tuning.from_rules(level.rules)
        if level.player.x < 0:
            raise ValueError("the player must start at x >= 0")
        self.height = level.height
        self.width = level.width
        self.cols = [0] * self.width
        goal_col = -1
        for r, row in enumerate(level.rows[: self.height]):
            for c in _indices(row[: self.width], "#"):
                self.cols[c] |= 1 << r
            g = row.find("G", 0, self.width)
            if g >= 0 and (goal_col < 0 or g < goal_col):
                goal_col = g
        self.goal_x: int | None = goal_col * TS if goal_col >= 0 else None
        self.start_x = level.player.x * SUB
        self.start_feet = level.player.y * SUB + self.tuning.player_h
        self.bodies: list[Actor] = []
        self.buckets: list[list[int]] = [[] for _ in range(self.width)]
        for index, entity in enumerate(level.entities):
            body = Actor.of(entity)
            self.bodies.append(body)
            low, high = body.span[0], body.span[2]
            first = max(0, (low - self.tuning.player_w) // TS)
            for c in range(first, min(self.width - 1, (high - 1) // TS) + 1):
                self.buckets[c].append(index)

    def column(self, c: int) -> int:
        """Solid-row bits of column ``c`` (bit r set: row r is solid); air outside the map."""
        return self.cols[c] if 0 <= c < self.width else 0

    def solid(self, x: int, top: int, bottom: int) -> int:
        """Solid rows a player box at ``x`` spanning ``[top, bottom)`` overlaps, as row bits."""
        bits = _row_bits(top, bottom, self.height)
        if not bits:
            return 0
        return (self.column(x // TS) | self.column((x + self.tuning.player_w - 1) // TS)) & bits

    def start(self) -> State:
        """The state before step 0."""
        t = self.tuning
        grounded = self.solid(self.start_x, self.start_feet - t.player_h + 1, self.start_feet + 1) != 0
        return State(x=self.start_x, feet=self.start_feet, air=0 if grounded else t.coyote + 1, vx=t.run_speed_start)

    def gap_start(self, x: int) -> int:
        """Left edge (pixels) of the run of empty columns under ``x``."""
        c = (x + self.tuning.player_w // 2) // TS
        while c > 0 and self.column(c - 1) == 0:
            c -= 1
        return c * TILE

    def outcome(self, state: State) -> Outcome:
        stats = {"items": state.items, "distance_px": state.x // SUB, "speed_start": self.tuning.speed_at(0),
                 "speed_end": state.vx}
        return Outcome(completed=state.status == COMPLETE, steps=state.step, reason=state.reason, score=state.score,
                       lives_lost=1 if state.status == FAILED else 0, stats=stats)


def _indices(text: str, char: str) -> Iterator[int]:
    at = text.find(char)
    while at >= 0:
        yield at
        at = text.find(char, at + 1)


def _row_bits(top: int, bottom: int, height: int) -> int:
    """Bits of the map rows ``[top, bottom)`` (sub-pixels) overlaps."""
    r0 = max(0, top // TS)
    r1 = min(height - 1, (bottom - 1) // TS)
    return (1 << (r1 + 1)) - (1 << r0) if r1 >= r0 else 0



def _lowest_row(bits: int) -> int:
    """Index of the topmost (smallest) row in ``bits``."""
    return (bits & -bits).bit_length() - 1


def advance(world: World, s: State, masks: Iterator[int], stop_x: int | None = None,
            until_step: int | None = None) -> None:
    """Play steps on ``s`` until the run ends, or (for the solver) until ``until_step`` is reached or
    the player stands on the ground with ``x >= stop_x``. Exhausted ``masks`` read as no input."""
    t = world.tuning
    pw, ph, dh, coyote = t.player_w, t.player_h, t.duck_h, t.coyote
    gravity, max_fall, jump_speed, jump_cut = t.gravity, t.max_fall, t.jump_speed, t.jump_cut
    v0, vmax, accel, every = t.run_speed_start, t.run_speed_max, t.run_accel, t.speedup_every
    cols, ncols, height, bodies, buckets = world.cols, world.width, world.height, world.bodies, world.buckets
    bottom_edge = height * TS
    goal = world.goal_x
    x, feet, vy, air, ducking, held, n = s.x, s.feet, s.vy, s.air, s.ducking, s.held, s.step
    score, items, collected, vx = s.score, s.items, s.collected, s.vx
    status, reason = RUNNING, ""
    while True:
        if until_step is not None and n >= until_step:
            break
        if n >= t.max_steps:
            status, reason = FAILED, f"still running after {n} steps"
            break
        mask = next(masks, 0)
        step, n = n, n + 1
        jump_held = (mask & (JUMP | UP)) != 0
        if jump_held and not held and air <= coyote:
            vy, air, ducking = -jump_speed, coyote + 1, False
        held = jump_held
        if not jump_held and vy < -jump_cut:
            vy = -jump_cut
        if mask & DOWN and air == 0:
            ducking = True
        elif ducking:
            ducking = world.solid(x, feet - ph, feet) != 0
        h = dh if ducking else ph
        vx = min(vmax, v0 + accel * (step // every))
        x += vx
        c0, c1 = x // TS, (x + pw - 1) // TS
        left = cols[c0] if 0 <= c0 < ncols else 0
        right = cols[c1] if 0 <= c1 < ncols else 0
        bits = _row_bits(feet - h, feet, height)
        if (left | right) & bits:
            wall = c1 if right & bits else c0
            status, reason = FAILED, f"hit a wall at x={wall * TILE} px (step {step})"
            break
        vy = min(vy + gravity, max_fall)
        feet += vy
        hits = (left | right) & _row_bits(feet - h, feet, height)
        if hits:
            if vy >= 0:
                feet, air = _lowest_row(hits) * TS, 0
            else:
                feet = (hits.bit_length()) * TS + h
                if air <= coyote:
                    air += 1
            vy = 0
        elif air <= coyote:
            air += 1
        top = feet - h
        if top >= bottom_edge:
            status, reason = FAILED, f"fell into the gap at x={world.gap_start(x)} px (step {step})"
            break
        if 0 <= c0 < ncols:
            for index in buckets[c0]:
                body = bodies[index]
                if body.kind == "item" and collected >> index & 1:
                    continue
                if body.motion is None:
                    ex, ey = body.x, body.y
                else:
                    ex, ey = motion_at(body.motion, step)
                if ex < x + pw and x < ex + body.w and ey < feet and top < ey + body.h:
                    if body.kind == "item":
                        collected |= 1 << index
                        score += body.points
                        items += 1
                    else:
                        status, reason = FAILED, f"touched {body.name} at step {step} (x={ex // SUB} px)"
                        break
            if status:
                break
        if goal is not None and x + pw > goal:
            status = COMPLETE
            break
        if stop_x is not None and x >= stop_x and air == 0:
            break
    s.x, s.feet, s.vy, s.air, s.ducking, s.held, s.step = x, feet, vy, air, ducking, held, n
    s.score, s.items, s.collected, s.vx, s.status, s.reason = score, items, collected, vx, status, reason


def replay(level: LevelFile, inputs: Script | None = None) -> Outcome:
    """Play ``inputs`` (default: the level's shipped solution) from the level file alone."""
    try:
        world = World(level)
    except ValueError as error:
        return Outcome(completed=False, steps=0, reason=f"unplayable level: {error}")
    state = world.start()
    advance(world, state, expand(level.solution.inputs if inputs is None else inputs))
    return world.outcome(state)
