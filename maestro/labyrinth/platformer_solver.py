"""Find inputs that carry the player through a stretch of a platformer level, under the real rules.

A best-first search over *macro actions* (an input mask held for a few steps) from the player's
exact state. States that look alike (same few pixels, speeds, ground contact, jumps left, enemies
left, and time bucket when something moves) are expanded once. The search is weighted toward the
goal, so an open stretch costs a handful of expansions and only a tricky jump explores.
"""

import heapq
from dataclasses import dataclass

from maestro.rules.inputs import JUMP, LEFT, NONE, RIGHT
from maestro.rules.platformer import Body, Progress, World, step

#: Macro actions as (mask, steps). Four steps is fine enough to cut a jump short at six heights;
#: the long wait lets the search let a saw or an enemy go by without exploring every pause.
ACTIONS: tuple[tuple[int, int], ...] = (
    (RIGHT, 4), (RIGHT | JUMP, 4), (NONE, 4), (JUMP, 4), (LEFT, 4), (LEFT | JUMP, 4),
)
WAIT = (NONE, 16)
#: How much more the heuristic weighs than steps already spent (greedy, not optimal).
GREED = 3


@dataclass
class Found:
    masks: list[int]
    body: Body
    progress: Progress
    expansions: int


def solve_stretch(world: World, body: Body, progress: Progress, goal_x: int | None, budget: int,
                  goal_y: int | None = None) -> Found | None:
    """Inputs from this state until the player stands at or past ``goal_x`` (sub-pixels).

    With ``goal_x`` None the goal is the level's goal tile. ``goal_y``, the height the player
    stands at when there, lets the search see that falling below it (into a pit) is far from it,
    while running along lower ground toward a step is not. Returns
    None when the budget of expansions runs out first: the stretch is too hard or impossible.
    """
    speed = max(1, world.tuning.run_speed)
    climb = max(1, world.tuning.run_speed // 2)
    target = goal_x if goal_x is not None else len(world.columns) * world.ts
    moving = any(
        actor.motion is not None and right > body.x and left < target + world.ts
        for actor, (left, right) in zip(world.actors, world.reaches, strict=True)
    )
    actions = (*ACTIONS, WAIT) if moving else ACTIONS

    def reached(b: Body, p: Progress) -> bool:
        if goal_x is None:
            return p.done
        return p.done or (b.on_ground and b.x >= goal_x)

    def key(b: Body, p: Progress) -> tuple[int, ...]:
        return (b.x >> 10, b.y >> 10, b.vx >> 7, b.vy >> 8, b.on_ground, b.air_jumps, b.jump_held,
                b.coyote > 0, p.gone, p.hits, p.grace > 0, (p.step >> 4) if moving else 0)

    parents: list[tuple[int, tuple[int, int]]] = [(-1, (NONE, 0))]
    heap: list[tuple[int, int, int, Body, Progress]] = [(0, 0, 0, body.copy(), progress.copy())]
    seen = {key(body, progress)}
    expansions = 0
    while heap and expansions < budget:
        _, node, spent, current, current_progress = heapq.heappop(heap)
        expansions += 1
        for action in actions:
            nb, npr = current.copy(), current_progress.copy()
            mask, steps = action
            for _ in range(steps):
                step(world, nb, npr, mask)
                if npr.failed or npr.done:
                    break
            if npr.failed:
                continue
            parents.append((node, action))
            child = len(parents) - 1
            if reached(nb, npr):
                return Found(_masks(parents, child), nb, npr, expansions)
            k = key(nb, npr)
            if k in seen:
                continue
            seen.add(k)
            remaining = max(0, target - nb.x) // speed
            if goal_y is not None and not nb.on_ground and nb.y > goal_y:
                remaining += (nb.y - goal_y) // climb
            cost = spent + steps
            heapq.heappush(heap, (cost + GREED * remaining, child, cost, nb, npr))
    return None


def _masks(parents: list[tuple[int, tuple[int, int]]], node: int) -> list[int]:
    actions: list[tuple[int, int]] = []
    while node > 0:
        node, action = parents[node]
        actions.append(action)
    actions.reverse()
    return [mask for mask, steps in actions for _ in range(steps)]
