"""Find inputs that carry the player through a stretch of a platformer level, under the real rules.

A best-first search over *macro actions* (a few steps of input masks) from the player's exact
state. States that look alike (same few pixels, speeds, ground contact, jumps left, enemies left,
where the chasers, chargers (and what they are doing), shots and bolts are, the swing, and time
bucket when something moves) are expanded once. The search is weighted toward the goal, so an
open stretch costs a handful of expansions and only a tricky jump or a fight explores.

Chasers, chargers and turret shots move with the player's history, so nothing here predicts
them: every candidate is stepped through :func:`maestro.rules.platformer.step`. Where enemies are
near, the swing is one more macro action (ACTION pressed for a step, then held off so the next
swing can start), so going through an enemy is as valid a plan as jumping over it; a boss that
blocks the goal must be defeated before the stretch counts as passed.

In a ``ranged`` game ACTION fires a bolt that lands many steps later, so a shot is offered only
where it pays: each shot macro is first tried on a copy of the state, followed (standing) until
the bolt lands, and offered when that copy shows it striking an enemy or boss. A bolt already in
flight, a cooldown still running, or no foe ahead at the player's height skips the try, so the
search stays cheap away from fights.

Climbs are searched a ledge at a time (the generator's waypoints). Where the goal is above, a
full jump (and in a wall_slide game a wall jump) is one action, and standing under the ledge
counts as far from it, so a hop up costs a few expansions; where nothing moves nearby a long run
is one action, so open ground is cheap too.
"""

import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, JUMP, LEFT, NONE, RIGHT
from maestro.rules.platformer import CHASER, SCRIPTED, Body, Progress, World, actor_box, step

#: A macro action: runs of (mask, steps), played in order.
Macro = tuple[tuple[int, int], ...]

#: Four steps is fine enough to cut a jump short at six heights.
ACTIONS: tuple[Macro, ...] = (
    ((RIGHT, 4),), ((RIGHT | JUMP, 4),), ((NONE, 4),), ((JUMP, 4),), ((LEFT, 4),), ((LEFT | JUMP, 4),),
)
#: Full jumps as one action, offered when the goal is above the player: a climb's hop up to a
#: ledge is then one expansion, not a search through every way of leaving the ground.
LEAPS: tuple[Macro, ...] = (((RIGHT | JUMP, 18),), ((JUMP, 18),), ((LEFT | JUMP, 18),))
#: Wall jumps (a game with wall_slide, the goal above): jump off one wall and hold toward the
#: other, letting go of JUMP at the end so the next hop's press counts.
WALL_HOPS: tuple[Macro, ...] = (((RIGHT | JUMP, 14), (RIGHT, 1)), ((LEFT | JUMP, 14), (LEFT, 1)))
#: A long run, offered where nothing moves nearby: open ground costs a few expansions, not one
#: per four steps.
RUN: Macro = ((RIGHT, 16),)
#: The long wait lets the search let a saw or an enemy go by without exploring every pause.
WAIT: Macro = ((NONE, 16),)
#: Swings: standing, and walking or jumping forward.
SWINGS: tuple[Macro, ...] = (
    ((ACTION, 1), (NONE, 3)), ((RIGHT | ACTION, 1), (RIGHT, 3)), ((RIGHT | JUMP | ACTION, 1), (RIGHT | JUMP, 3)),
)
#: Shots in a ranged game (the step that fires): turning either way, or hopping to reach a flier;
#: each is offered only when a try shows its bolt striking (:func:`_shots`).
SHOTS: tuple[int, ...] = (RIGHT | ACTION, LEFT | ACTION, RIGHT | JUMP | ACTION)
#: Steps a tried bolt is followed (standing) before it counts as a miss.
BOLT_LOOK = 48
#: Farthest (pixels, centre to centre) a foe may stand from the player for a shot to be tried.
SHOT_RANGE = 160
#: How much more the heuristic weighs than steps already spent (greedy, not optimal).
GREED = 3
#: Steps the heuristic charges per hit point a boss that must fall still has.
PER_HIT = 40


@dataclass
class Found:
    masks: list[int]
    body: Body
    progress: Progress
    expansions: int


def solve_stretch(world: World, body: Body, progress: Progress, goal_x: int | None, budget: int,
                  goal_y: int | None = None, clear: int = 0, climb: bool = False, steep: bool = False) -> Found | None:
    """Inputs from this state until the player stands at or past ``goal_x`` (sub-pixels).

    With ``goal_x`` None the goal is the level's goal tile. ``goal_y``, the height the player
    stands at when there, must be reached too (standing at it or higher); it shapes the estimate
    (:func:`_height_cost`). ``climb`` and ``steep`` mark a waypoint up a climb and the foot of a
    shaft. ``clear`` has bit i set for each actor that must be defeated first (a boss guarding
    the goal). Returns None when the budget of expansions runs out first: the stretch is too
    hard or impossible.
    """
    speed = max(1, world.tuning.run_speed)
    target = goal_x if goal_x is not None else len(world.columns) * world.ts
    near = [index for index in range(len(world.actors)) if _near(world, progress, index, body.x, target)]
    moving = any(world.actors[i].motion is not None or world.roles[i] != SCRIPTED for i in near)
    foes = any(world.actors[i].kind in ("enemy", "boss") for i in near)
    ranged = world.tuning.ranged
    rising = goal_y is not None and body.y > goal_y + world.ts // 2
    actions = _actions(world, moving, foes, rising)
    shooting = foes and ranged
    hp = {index: world.actors[index].hp for index in range(len(world.actors)) if clear >> index & 1}

    def reached(b: Body, p: Progress) -> bool:
        if p.gone & clear != clear:
            return False
        if goal_x is None:
            return p.done
        return p.done or (b.on_ground and b.x >= goal_x and (goal_y is None or b.y <= goal_y))

    def key(b: Body, p: Progress) -> tuple[object, ...]:
        return (b.x >> 10, b.y >> 10, b.vx >> 7, b.vy >> 8, b.on_ground, b.air_jumps, b.jump_held,
                b.coyote > 0, p.gone, p.hits, p.grace > 0, (p.step >> 4) if moving else 0,
                b.swing > 0, b.cooldown >> 3, tuple(x >> 10 for x in p.mobs),
                tuple((x >> 10, d) for x, _, d, _ in p.shots),
                tuple((x >> 10, state, count >> 3) for x, state, count, _, _ in p.charges),
                tuple((x >> 11, d) for x, _, d in p.bolts))

    def left_to_hit(p: Progress) -> int:
        return sum(0 if p.gone >> i & 1 else total - p.hits_on(i) for i, total in hp.items())

    parents: list[tuple[int, Macro]] = [(-1, ())]
    heap: list[tuple[int, int, int, Body, Progress]] = [(0, 0, 0, body.copy(), progress.copy())]
    seen = {key(body, progress)}
    expansions = 0
    while heap and expansions < budget:
        _, node, spent, current, current_progress = heapq.heappop(heap)
        expansions += 1
        shots = _shots(world, current, current_progress, near) if shooting else []
        for action, nb, npr, steps in _children(world, current, current_progress, actions, shots):
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
            remaining = max(0, target - nb.x) // speed + PER_HIT * left_to_hit(npr)
            if goal_y is not None:
                remaining += _height_cost(world, nb, goal_y, climb and (steep or nb.x >= target))
            cost = spent + steps
            heapq.heappush(heap, (cost + GREED * remaining, child, cost, nb, npr))
    return None


def _actions(world: World, moving: bool, foes: bool, rising: bool) -> tuple[Macro, ...]:
    """The macro actions worth trying here: full jumps (and wall jumps) when the goal is above,
    a long wait where something moves nearby, else a long run, and swings near foes."""
    leaps = (LEAPS + (WALL_HOPS if world.tuning.wall_slide else ())) if rising else ()
    swings = SWINGS if foes and not world.tuning.ranged else ()
    return ACTIONS + leaps + ((WAIT,) if moving else (RUN,)) + swings


def _height_cost(world: World, body: Body, goal_y: int, under: bool) -> int:
    """Steps the estimate adds for the player's height against the goal's.

    Below it in the air (falling into a pit) is far; below it on the ground only when ``under``
    (beneath a ledge to climb to, or anywhere in a shaft), so running along lower ground toward
    a step is not. Above it in the air, lower is nearer: a long drop is searched downward, not
    through every way of hanging in the air."""
    t = world.tuning
    if body.y > goal_y and (under or not body.on_ground):
        return (body.y - goal_y) // max(1, t.run_speed // 2)
    if body.y < goal_y and not body.on_ground:
        return (goal_y - body.y) // max(1, t.max_fall)
    return 0


def _children(world: World, body: Body, progress: Progress, actions: tuple[Macro, ...],
              shots: list[tuple[Macro, Body, Progress]]) -> Iterator[tuple[Macro, Body, Progress, int]]:
    """Each action played from this state (on copies), then the shots already played out by their tries."""
    for action in actions:
        nb, npr = body.copy(), progress.copy()
        yield action, nb, npr, _play(world, nb, npr, action)
    for action, nb, npr in shots:
        yield action, nb, npr, sum(steps for _, steps in action)


def _shots(world: World, body: Body, progress: Progress, near: list[int]) -> list[tuple[Macro, Body, Progress]]:
    """Shots that pay from this state: each tried on a copy, followed standing until its bolt lands.

    A shot whose bolt strikes a foe with the player unhurt is returned as the macro of the whole
    try (the shot, then the standing steps until the strike) with the state it ends in, so the
    search sees the hit at once instead of many steps later."""
    if progress.bolts or body.cooldown > 1:
        return []
    sides = _in_line(world, body, progress, near)
    found: list[tuple[Macro, Body, Progress]] = []
    for mask in SHOTS:
        if not sides & (LEFT if mask & LEFT else RIGHT):
            continue
        trial, trial_progress = body.copy(), progress.copy()
        step(world, trial, trial_progress, mask)
        waited = 0
        while not _struck(progress, trial_progress) and trial_progress.bolts and waited < BOLT_LOOK:
            if trial_progress.failed or trial_progress.done:
                break
            step(world, trial, trial_progress, NONE)
            waited += 1
        if _struck(progress, trial_progress) and not trial_progress.failed:
            macro: Macro = ((mask, 1), (NONE, waited)) if waited else ((mask, 1),)
            found.append((macro, trial, trial_progress))
    return found


def _struck(before: Progress, after: Progress) -> bool:
    """Whether a foe was defeated or lost a hit point between the two states."""
    return after.kills != before.kills or after.hits != before.hits


def _in_line(world: World, body: Body, progress: Progress, near: list[int]) -> int:
    """The sides (LEFT, RIGHT bits) where a foe near this stretch is within a bolt's reach: close, about level."""
    reach, band = SHOT_RANGE * SUB, world.ph + world.tuning.bolt_size * SUB
    cx, cy = body.x + world.pw // 2, body.y + world.ph // 2
    sides = 0
    for index in near:
        if world.actors[index].kind not in ("enemy", "boss") or progress.gone >> index & 1:
            continue
        x, y, w, h = actor_box(world, progress, index)
        dx = x + w // 2 - cx
        if abs(dx) <= reach and abs(y + h // 2 - cy) <= band:
            sides |= RIGHT if dx >= 0 else LEFT
    return sides


def _near(world: World, progress: Progress, index: int, start: int, target: int) -> bool:
    """Whether actor ``index`` is alive and can be met between ``start`` and ``target`` (a chaser: where it is now)."""
    if progress.gone >> index & 1:
        return False
    if world.roles[index] == CHASER:
        x, _, w, _ = actor_box(world, progress, index)
        left, right = x - world.tuning.sight * SUB, x + w + world.tuning.sight * SUB
    else:
        left, right = world.reaches[index]
    return right > start - world.ts * 8 and left < target + world.ts


def _play(world: World, body: Body, progress: Progress, action: Macro) -> int:
    """Step ``action`` through the rules, stopping at the level's end; the steps it lasts."""
    total = 0
    for mask, steps in action:
        for _ in range(steps):
            step(world, body, progress, mask)
            if progress.failed or progress.done:
                return total + steps
        total += steps
    return total


def _masks(parents: list[tuple[int, Macro]], node: int) -> list[int]:
    actions: list[Macro] = []
    while node > 0:
        node, action = parents[node]
        actions.append(action)
    actions.reverse()
    return [mask for action in actions for mask, steps in action for _ in range(steps)]
