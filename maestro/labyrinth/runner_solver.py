"""The runner's solver: clears a course obstacle by obstacle by playing the real rules model.

Because the run speed depends only on the step number, the steps at which the player reaches and
leaves an obstacle are known in advance; only the vertical choices remain. For each obstacle the
solver tries macro actions (do nothing; duck for a stretch; jump at one of several lead times with
one of several hold lengths), each simulated by :func:`maestro.rules.runner.advance` from the
state before the obstacle until the player stands on the ground past it, and keeps the first that
survives. Between obstacles the player just runs, and once landed and idle every candidate leaves
the same physical state, so going obstacle by obstacle loses nothing.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from maestro.rules.geometry import SUB
from maestro.rules.inputs import DOWN, JUMP, NONE
from maestro.rules.runner import COMPLETE, RUNNING, State, Tuning, World, advance

#: Most candidate actions simulated for one obstacle.
NODE_BUDGET = 90
#: Lead times tried around the ideal one, each way.
SPREAD = 14
#: Duck this many steps before the player reaches the obstacle.
DUCK_LEADS = (2, 5, 9, 14)


@dataclass(frozen=True)
class Target:
    """A stretch of the course to get past, in pixels.

    ``hot0..hot1`` is the part to be over (or under) while passing, for timing the candidates;
    the player is past once its left edge is at ``x1`` or beyond with its feet on the ground.
    ``prefer`` orders the candidates: ``jump``, ``duck`` or ``none`` first.
    """

    hot0: int
    hot1: int
    x1: int
    prefer: str


@dataclass
class Cleared:
    masks: list[int]
    state: State
    nodes: int


class Clock:
    """Where the runner is at each step: a table of x (sub-pixels) after each step, grown on demand."""

    def __init__(self, tuning: Tuning, start_x: int) -> None:
        self.tuning = tuning
        self.after: list[int] = []
        self.x = start_x

    def _grow(self, steps: int) -> None:
        while len(self.after) < steps:
            self.x += self.tuning.speed_at(len(self.after))
            self.after.append(self.x)

    def x_after(self, step: int) -> int:
        """x after playing steps ``0..step``."""
        self._grow(step + 1)
        return self.after[step]

    def arrival(self, x: int) -> int:
        """First step after which the runner's x is at least ``x`` (sub-pixels)."""
        low, high = 0, max(1, len(self.after))
        while self.x_after(high - 1) < x:
            high *= 2
        while low < high:
            mid = (low + high) // 2
            if self.x_after(mid) >= x:
                high = mid
            else:
                low = mid + 1
        return low


@cache
def airtime(tuning: Tuning, hold: int) -> int:
    """Steps a jump held ``hold`` steps spends off flat ground, press step included."""
    vy, feet, steps = -tuning.jump_speed, 0, 0
    while True:
        if steps >= hold and vy < -tuning.jump_cut:
            vy = -tuning.jump_cut
        vy = min(vy + tuning.gravity, tuning.max_fall)
        feet += vy
        steps += 1
        if feet >= 0 or steps > 10_000:
            return steps


def full_hold(tuning: Tuning) -> int:
    """Hold steps after which releasing no longer changes the jump."""
    return max(1, (tuning.jump_speed - tuning.jump_cut) // max(1, tuning.gravity) + 1)


def _candidates(world: World, clock: Clock, target: Target, earliest: int) -> list[tuple[int, int, int]]:
    """(kind mask, first step, steps held), best guesses first; mask NONE means just run."""
    tuning = world.tuning
    enter = clock.arrival(target.hot0 * SUB - tuning.player_w + 1)
    leave = clock.arrival(target.hot1 * SUB)
    span = leave - enter
    full = full_hold(tuning)
    holds = (full, full * 2 // 3, full // 2, full // 3, 2)
    jumps: list[tuple[int, int, int, int]] = []
    for rank, hold in enumerate(holds):
        ideal = enter - max(0, (airtime(tuning, hold) - span) // 2)
        for delta in range(SPREAD + 1):
            for press in (ideal - delta, ideal + delta) if delta else (ideal,):
                if press >= earliest:
                    jumps.append((delta, rank, press, hold))
    jumps.sort()
    jump_moves = [(JUMP, press, hold) for _, _, press, hold in jumps]
    # A duck starts a few steps ahead of the bar, or at once when the player is already close (the
    # second bar of a pair a tile after the first: stay down through both).
    starts = dict.fromkeys(max(earliest, enter - lead) for lead in DUCK_LEADS)
    duck_moves = [(DOWN, first, leave + 2 - first) for first in starts if first <= enter]
    nothing = [(NONE, earliest, 0)]
    if target.prefer == "duck":
        return duck_moves + nothing + jump_moves
    if target.prefer == "jump":
        return jump_moves + nothing + duck_moves
    return nothing + duck_moves + jump_moves


def _script(start: int, move: tuple[int, int, int]) -> list[int]:
    mask, first, steps = move
    return [NONE] * (first - start) + [mask] * steps


def clear(world: World, clock: Clock, state: State, target: Target) -> Cleared | None:
    """Inputs that take ``state`` past ``target`` alive and landed, or None within the budget."""
    tuning = world.tuning
    enter = clock.arrival(target.hot0 * SUB - tuning.player_w + 1)
    earliest = max(state.step, enter - airtime(tuning, full_hold(tuning)) - SPREAD - 2)
    before = state.copy()
    advance(world, before, _idle(), until_step=earliest)
    if before.status != RUNNING:
        return None
    lead_in = [NONE] * (before.step - state.step)
    limit = clock.arrival(target.x1 * SUB) + airtime(tuning, full_hold(tuning)) + 60
    for nodes, move in enumerate(_candidates(world, clock, target, before.step)[:NODE_BUDGET], start=1):
        masks = _script(before.step, move)
        trial = before.copy()
        advance(world, trial, iter(masks), stop_x=target.x1 * SUB, until_step=limit)
        if trial.status == COMPLETE or (trial.status == RUNNING and trial.x >= target.x1 * SUB and trial.air == 0):
            masks += [NONE] * (trial.step - before.step - len(masks))
            return Cleared(lead_in + masks[: trial.step - before.step], trial, nodes)
    return None


def finish(world: World, state: State) -> State:
    """Run on with no input until the run ends."""
    end = state.copy()
    advance(world, end, _idle())
    return end


def _idle() -> Iterator[int]:
    return iter(())
