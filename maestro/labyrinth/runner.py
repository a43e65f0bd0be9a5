"""Runner levels: a straight course of obstacles ending at a finish line, each proven clearable.

The course is a sequence of *features* on flat ground (a gap, a crate, a duck bar, a raised
platform, an enemy, and a boss before the finish), spaced by the time a player needs to land
and react at the speed the runner will have reached there. The solver then clears the features
in order under the real rules; a feature it cannot clear is made easier (narrower gap, lower
crate, another enemy timing, ...) or removed, so the result is always a verified level.
"""

from dataclasses import dataclass, replace

from maestro.labyrinth.runner_solver import Clock, Target, airtime, clear, finish, full_hold
from maestro.level import TILE, Entity, LevelFile, Motion, Point, Solution
from maestro.plan import Foe, LevelPlan, Pickup
from maestro.rng import Rng
from maestro.rules.geometry import SUB
from maestro.rules.inputs import DOWN, JUMP, NONE, compress
from maestro.rules.runner import COMPLETE, TUNING, State, Tuning, World, replay
from maestro.spec import Behaviour, Genre, ItemKind

HEIGHT = 12
#: Top row of the base ground (two rows thick at the bottom).
GROUND_ROW = HEIGHT - 2
#: Pixel height of the base ground's top.
GY = GROUND_ROW * TILE
START_X = 2 * TILE
#: Steps of plain running before the first feature.
RUNWAY_STEPS = 120
MAX_ENEMIES = 40
ATTEMPTS = 3
#: Repairs a single feature may get before it is removed outright.
MAX_REPAIRS = 8
#: Reaction steps between features: the least ever, how much of it the end of a course takes
#: away (percent), and the landing left before a set piece's second feature.
MIN_REACT = 8
REACT_SHRINK = 70
TIGHT_REACT = 6
#: Chance (percent) that a feature is followed at once by the next, as a set piece: a base, per
#: difficulty step, and added by the end of the course. Only after features that end on the ground.
SET_PIECE_BASE = 6
SET_PIECE_PER_LEVEL = 2
SET_PIECE_RISE = 80
SET_PIECE_KINDS = ("crate", "gap", "bar")
#: Height (px) of the second crate of a pair.
PAIRED_CRATE = 12
#: From this far into a course (percent) at difficulty 1, the room after something low is a hop's,
#: not a jump's; each difficulty step brings it this much earlier.
HOP_FROM = 40
HOP_FROM_PER_LEVEL = 5

#: How each behaviour flies or walks in a runner course.
STYLE: dict[Behaviour, str] = {
    Behaviour.SWOOP: "swoop",
    Behaviour.FLY: "hover",
    Behaviour.ZIGZAG: "zigzag",
    Behaviour.PATROL: "walker",
    Behaviour.CHASE: "walker",
    Behaviour.CHARGE: "walker",
    Behaviour.WANDER: "walker",
    Behaviour.HOP: "hopper",
    Behaviour.TURRET: "turret",
}
DEFAULT_FOE = Foe("Bird", Behaviour.SWOOP)
DEFAULT_PICKUP = Pickup("Coin", ItemKind.COLLECTIBLE, 10)


@dataclass
class Feature:
    """One thing on the course; ``x..x + w`` (pixels) is the ground it covers or the enemy's sweep."""

    kind: str
    x: int
    w: int
    h: int = 0
    style: str = ""
    foe: Foe | None = None
    period: int = 0
    offset: int = 0
    repairs: int = 0
    removed: bool = False

    @property
    def end(self) -> int:
        return self.x + self.w

    def target(self) -> Target:
        """What the solver must get past, and which move to try first."""
        if self.kind == "platform":
            return Target(self.x, self.x + TILE, self.end, "jump")
        prefer = {"bar": "duck", "enemy": _enemy_prefer(self.style), "boss": "none"}.get(self.kind, "jump")
        return Target(self.x, self.end, self.end, prefer)


def _enemy_prefer(style: str) -> str:
    if style == "head":
        return "duck"
    return "none" if style in ("swoop", "hopper", "zigzag") else "jump"


@dataclass
class Course:
    """A laid-out course: features, pickups and where the finish line is."""

    plan: LevelPlan
    tuning: Tuning
    features: list[Feature]
    items: list[tuple[int, Pickup]]
    goal_col: int
    requested_enemies: int
    requested_crates: int

    def render(self) -> LevelFile:
        """The level file for the course as it stands (solution still empty)."""
        width = self.goal_col + 4
        tops: list[int | None] = [GROUND_ROW] * width
        for feature in self.live():
            first, last = feature.x // TILE, feature.end // TILE
            if feature.kind == "gap":
                tops[first:last] = [None] * (last - first)
            elif feature.kind == "platform":
                tops[first:last] = [GROUND_ROW - feature.h // TILE] * (last - first)
        columns = [_column(top, c == self.goal_col) for c, top in enumerate(tops)]
        rows = ["".join(column[r] for column in columns) for r in range(HEIGHT)]
        return LevelFile(
            genre=Genre.RUNNER, index=max(1, self.plan.index), name=self.plan.name or "Run",
            difficulty=_clamp_difficulty(self.plan.difficulty),
            theme=self.plan.theme, seed=self.plan.seed, rules=self.tuning.to_rules(), width=width, height=HEIGHT,
            rows=rows, player=Point(x=START_X, y=GY - self.tuning.player_h // SUB), entities=self._entities(),
            solution=Solution(inputs=[[NONE, 1]], steps=1), par=1,
        )

    def live(self) -> list[Feature]:
        return [feature for feature in self.features if not feature.removed]

    def _entities(self) -> list[Entity]:
        placed: list[tuple[int, int, Entity]] = []
        for order, feature in enumerate(self.live()):
            entity = _entity(feature, self.plan.obstacles)
            if entity is not None:
                placed.append((entity.x, order, entity))
        for order, (x, pickup) in enumerate(self.items):
            item = Entity(id="", kind="item", name=pickup.name, x=x, y=GY - 20, w=12, h=12, points=pickup.points)
            placed.append((x, len(self.features) + order, item))
        placed.sort(key=lambda entry: (entry[0], entry[1]))
        counts: dict[str, int] = {}
        entities = []
        for _, _, entity in placed:
            counts[entity.kind] = counts.get(entity.kind, 0) + 1
            entities.append(entity.model_copy(update={"id": f"{entity.kind}-{counts[entity.kind]}"}))
        return entities


def _column(top: int | None, goal: bool) -> str:
    air = "G" if goal else "."
    if top is None:
        return "." * HEIGHT
    return air * top + "#" * (HEIGHT - top)


def _entity(feature: Feature, obstacles: tuple[str, str]) -> Entity | None:
    """The entity a feature puts on the course, if any; ``obstacles`` names the ground obstacle and the bar."""
    ground, overhead = obstacles
    if feature.kind == "crate":
        return Entity(id="", kind="obstacle", name=ground, x=feature.x, y=GY - feature.h, w=feature.w, h=feature.h)
    if feature.kind == "bar":
        return Entity(id="", kind="obstacle", name=overhead, x=feature.x, y=0, w=feature.w, h=GY - 18)
    if feature.kind not in ("enemy", "boss") or feature.foe is None:
        return None
    w, h, motion = _enemy_shape(feature)
    start = motion.path[0] if motion else Point(x=feature.x, y=_static_y(feature.style, h))
    return Entity(id="", kind="boss" if feature.kind == "boss" else "enemy", name=feature.foe.name,
                  behaviour=feature.foe.behaviour.value, x=start.x, y=start.y, w=w, h=h, motion=motion)


def _static_y(style: str, h: int) -> int:
    """Height of a still enemy: head height (duck or jump), out of reach, or on the ground."""
    return {"head": GY - 28, "low": GY - 14, "high": GY - 100}.get(style, GY - h)


def _enemy_shape(feature: Feature) -> tuple[int, int, Motion | None]:
    """Width, height and motion of an enemy or the boss for its style."""
    x, style = feature.x, feature.style
    if feature.kind == "boss":
        if style == "high":
            return 32, 24, None
        return 32, 24, _motion([(x, GY - 100), (x, GY - 30)], feature)
    if style == "swoop":
        return 16, 12, _motion([(x, GY - 70), (x, GY - 14)], feature)
    if style == "zigzag":
        return 16, 12, _motion([(x, GY - 14), (x + 24, GY - 44), (x + 48, GY - 14)], feature)
    if style == "walker":
        return 16, 16, _motion([(x, GY - 16), (x + feature.w - 16, GY - 16)], feature)
    if style == "hopper":
        return 16, 16, _motion([(x, GY - 16), (x, GY - 40)], feature)
    return 16, 12 if style in ("head", "low") else 16, None


def _motion(points: list[tuple[int, int]], feature: Feature) -> Motion:
    return Motion(path=[Point(x=px, y=py) for px, py in points], period=feature.period, mode="pingpong",
                  offset=feature.offset)


def ease(feature: Feature) -> None:
    """Make a feature the solver could not clear easier, or remove it when nothing is left to ease."""
    feature.repairs += 1
    kind = feature.kind
    if feature.repairs > MAX_REPAIRS + (4 if kind == "boss" else 0):
        feature.removed = True
    elif kind == "gap" and feature.w > 2 * TILE:
        feature.w -= TILE
    elif kind == "crate" and feature.h > 12:
        feature.h = max(12, feature.h - 8)
    elif kind in ("crate", "bar") and feature.w > TILE:
        feature.w -= TILE
    elif kind == "platform" and feature.h > TILE:
        feature.h = TILE
    elif kind in ("enemy", "boss") and feature.period and feature.repairs <= 5:
        feature.offset = (feature.offset + feature.period // 5 + 3) % feature.period
    elif kind == "boss":
        feature.style, feature.period = "high", 0
    elif kind == "enemy" and feature.style != "low":
        feature.style, feature.period, feature.w = "low", 0, 16
    else:
        feature.removed = True


def _clamp_difficulty(difficulty: int) -> int:
    return min(10, max(1, difficulty))


def tuning_for(difficulty: int) -> Tuning:
    """Run speeds rise with difficulty (2 -> 2.5 px/step at the start) and by a quarter over a course.

    Speed is one lever of difficulty, but the room a jump needs grows with it: a steep speed ramp
    spreads the obstacles out as the player gets faster, so a course would thin out toward its end
    and a late level would be sparser than the first. The ramp is kept to a quarter and paced to
    the course's length, and the rest of the difficulty comes from what is on the course.
    """
    step = difficulty - 1
    start = 2 * SUB + step * SUB // 36
    bumps = max(1, start // 4 // TUNING.run_accel)
    return replace(TUNING, run_speed_start=start, run_speed_max=start + bumps * TUNING.run_accel,
                   speedup_every=max(60, course_steps(difficulty) // bumps))


def course_steps(difficulty: int) -> int:
    """Planned length of a course in steps: 30 s at difficulty 1 up to 60 s at 10."""
    return 1800 + (difficulty - 1) * 200


def _tile_up(px: int) -> int:
    return -(-px // TILE) * TILE


class _Layout:
    """Places features one after another at spacings that follow the speed."""

    def __init__(self, plan: LevelPlan, difficulty: int, rng: Rng) -> None:
        self.plan, self.d, self.rng = plan, difficulty, rng
        self.tuning = tuning_for(difficulty)
        self.clock = Clock(self.tuning, START_X * SUB)
        self.jump_steps = airtime(self.tuning, full_hold(self.tuning))
        # After something low (a duck bar, a short crate) a hop will do, so the next thing may come sooner.
        self.hop_steps = airtime(self.tuning, max(2, full_hold(self.tuning) // 2))
        self.react = 70 - (difficulty - 1) * 5
        self.hop_from = max(0, HOP_FROM - HOP_FROM_PER_LEVEL * (difficulty - 1))
        self.target = course_steps(difficulty)

    def speed(self, px: int) -> int:
        return self.tuning.speed_at(self.clock.arrival(px * SUB))

    def progress(self, px: int) -> int:
        """How far through the course ``px`` is, in percent of the course's planned time."""
        return min(100, 100 * self.clock.arrival(px * SUB) // self.target)

    def spacing(self, px: int, tight: bool = False, low: bool = False) -> int:
        """Room after a feature ending at ``px``: a full jump to land plus reaction time, at the
        local speed. The reaction time shrinks toward the end of the course (the player has the
        rhythm by then), so obstacles come closer together even as the speed rises; a ``tight``
        follow-up (a set piece: two features read as one) leaves only a short landing."""
        shrunk = self.react * (100 - REACT_SHRINK * self.progress(px) // 100) // 100
        react = TIGHT_REACT if tight else max(MIN_REACT, shrunk)
        return _tile_up(self.speed(px) * ((self.hop_steps if low else self.jump_steps) + react) // SUB)

    def tight(self, px: int) -> bool:
        """Whether the next feature follows as a set piece: likelier later in the course and the game."""
        chance = SET_PIECE_BASE + SET_PIECE_PER_LEVEL * self.d + SET_PIECE_RISE * self.progress(px) // 100
        return self.rng.below(100) < chance

    def slots(self, start: int) -> int:
        """Features fitting a course of the difficulty's length (30 s at 1 up to 60 s at 10)."""
        cursor, count = start, 0
        while not self.done(cursor):
            count += 1
            cursor += 3 * TILE + self.spacing(cursor + 3 * TILE)
        return max(1, count)

    def deck(self, slots: int) -> tuple[list[str], int, int]:
        """Feature kinds in course order, with the enemy and crate counts requested."""
        d, plan, rng = self.d, self.plan, self.rng
        enemies_wanted = plan.enemies if plan.enemies is not None else slots * (8 + 4 * d) // 100
        enemies = max(0, min(enemies_wanted, slots, MAX_ENEMIES))
        kinds = ["enemy"] * enemies
        crates_wanted = 0
        if plan.crates is not None:
            crates_wanted = plan.crates
            kinds += ["crate"] * max(0, min(plan.crates, slots - enemies))
        while len(kinds) < slots:
            kinds.append(self.draw())
        # Random order, but a raised platform (a long, easy stretch) lands in the first
        # three-fifths of the course: the course tightens toward its end.
        keys = [rng.below(100) * (3 if kind == "platform" else 5) for kind in kinds]
        kinds = [kind for _, _, kind in sorted(zip(keys, range(len(kinds)), kinds, strict=True))]
        if plan.crates is None:
            crates_wanted = kinds.count("crate")
        return kinds, enemies_wanted, crates_wanted

    def draw(self) -> str:
        """A kind of obstacle at random, weighted for the difficulty (crates only when no count was asked)."""
        d = self.d
        mix = [("gap", 30 + 3 * d), ("bar", 4 + 3 * d), ("platform", 6 + d)]
        if self.plan.crates is None:
            mix.append(("crate", 34 - 2 * d))
        roll = self.rng.below(sum(weight for _, weight in mix))
        for kind, weight in mix:
            if roll < weight:
                return kind
            roll -= weight
        raise AssertionError("the roll is below the total weight")

    def done(self, px: int) -> bool:
        """Whether a course reaching ``px`` has run its planned time."""
        return self.clock.arrival(px * SUB) >= self.target - 60

    def feature(self, kind: str, x: int, foe: Foe | None) -> Feature:
        """A feature of ``kind`` starting at ``x`` sized for the difficulty and the local speed."""
        d, rng = self.d, self.rng
        if kind == "gap":
            reach = airtime(self.tuning, full_hold(self.tuning)) * self.speed(x) // SUB + self.tuning.player_w // SUB
            widest = max(2, reach * min(75, 45 + 4 * (d - 1)) // 100 // TILE)
            return Feature("gap", x, rng.between(2, widest) * TILE)
        if kind == "crate":
            heights = (12, 16, 24, 32)[: 2 + d // 4]
            return Feature("crate", x, TILE * rng.between(1, 1 + d // 5), rng.choice(heights))
        if kind == "bar":
            return Feature("bar", x, TILE * rng.between(1, 1 + d // 3))
        if kind == "platform":
            rise = 2 * TILE if d >= 6 and rng.chance(1, 3) else TILE
            return Feature("platform", x, TILE * rng.between(4, 7 + d // 2), rise)
        if kind == "boss":
            return self._mover(Feature("boss", x, 32, style="swoop", foe=foe))
        style = STYLE.get(foe.behaviour, "hover") if foe else "hover"
        if style == "hover":
            style = rng.choice(("head", "low"))
        width = {"zigzag": 64, "walker": 16 + TILE * rng.between(2, 3)}.get(style, 16)
        return self._mover(Feature("enemy", x, width, style=style, foe=foe))

    def _mover(self, feature: Feature) -> Feature:
        if feature.style in ("swoop", "zigzag", "walker", "hopper"):
            feature.period = 2 * self.rng.between(65 - 2 * self.d, 90 - 2 * self.d)
            feature.offset = self.rng.below(feature.period)
        return feature


def lay_out(plan: LevelPlan, difficulty: int, rng: Rng) -> Course:
    """The course for a plan at an (eased) difficulty."""
    layout = _Layout(plan, difficulty, rng)
    cursor = _tile_up(layout.clock.x_after(RUNWAY_STEPS) // SUB)
    kinds, enemies_wanted, crates_wanted = layout.deck(layout.slots(cursor))
    features: list[Feature] = []
    items: list[tuple[int, Pickup]] = []
    placed_enemies = 0
    pickups = plan.pickups or (DEFAULT_PICKUP,)
    # Set pieces and hops make the course shorter than the slots foresaw: more obstacles fill it
    # to its planned time, so a dense course is not also a short one.
    queue = list(kinds)
    boss_due = plan.boss is not None
    while queue or boss_due or not layout.done(cursor):
        if queue:
            kind = queue.pop(0)
        elif not layout.done(cursor):
            kind = layout.draw()
        else:
            kind, boss_due = "boss", False
        foe: Foe | None = None
        if kind == "enemy":
            foe = plan.foe(placed_enemies) if plan.foes else DEFAULT_FOE
            placed_enemies += 1
        elif kind == "boss":
            foe = plan.boss
        feature = layout.feature(kind, cursor, foe)
        features.append(feature)
        pairable = kind == "bar" or (kind == "crate" and plan.crates is None)  # a crate count asked is kept
        if pairable and layout.tight(feature.end):
            # A set piece: a low crate just past the first (one long jump clears both), or a
            # second bar a tile on (one long duck).
            gap = TILE * (rng.between(1, 2) if kind == "crate" else 1)
            feature = Feature(kind, feature.end + gap, TILE, PAIRED_CRATE if kind == "crate" else 0)
            features.append(feature)
        tight = kind in SET_PIECE_KINDS and layout.tight(feature.end)
        low = feature.kind == "bar" or (feature.kind == "crate" and feature.h <= PAIRED_CRATE + 4)
        room = layout.spacing(feature.end, tight, low and layout.progress(feature.end) >= layout.hop_from)
        if rng.chance(1, 2) and room >= 6 * TILE:
            middle = feature.end + room // 2
            for k in range(3):
                items.append((middle + 24 * (k - 1), pickups[len(items) % len(pickups)]))
        cursor = feature.end + room
    return Course(plan, layout.tuning, features, items, cursor // TILE + 2, enemies_wanted, crates_wanted)


def generate(plan: LevelPlan) -> LevelFile:
    """A verified runner level for ``plan``; the same plan always gives the same bytes."""
    rng = Rng(plan.seed)
    for attempt in range(ATTEMPTS):
        difficulty = _clamp_difficulty(plan.difficulty - (3 if attempt == ATTEMPTS - 1 else 0))
        level = _build(lay_out(plan, difficulty, rng.fork("runner", attempt)), attempt)
        if level is not None:
            return level
    return _plain(plan)


def _build(course: Course, attempt: int) -> LevelFile | None:
    """Solve the course feature by feature, easing what cannot be cleared; None if the proof fails."""
    level = course.render()
    world = World(level)
    clock = Clock(course.tuning, world.start_x)
    state = world.start()
    masks: list[int] = []
    nodes = repairs = 0
    for feature in course.features:
        while not feature.removed:
            cleared = clear(world, clock, state, feature.target())
            if cleared is not None:
                masks += cleared.masks
                state, nodes = cleared.state, nodes + cleared.nodes
                break
            ease(feature)
            repairs += 1
            level = course.render()
            world = World(level)
    end = finish(world, state)
    if end.status != COMPLETE:
        return None
    masks += [NONE] * (end.step - len(masks))
    return _prove(course, level, masks, end, {"solver_nodes": nodes, "repairs": repairs, "attempt": attempt})


def _prove(course: Course, level: LevelFile, masks: list[int], end: State, extra: dict[str, int]) -> LevelFile | None:
    level.solution = Solution(inputs=compress(masks), steps=end.step)
    level.par = end.step
    outcome = replay(level)
    if not outcome.completed:
        return None
    level.stats = _stats(course, masks, outcome.score, outcome.stats) | extra
    return level


def _stats(course: Course, masks: list[int], score: int, run: dict[str, int]) -> dict[str, int]:
    live = course.live()

    def count(kind: str) -> int:
        return sum(1 for feature in live if feature.kind == kind)

    presses = sum(1 for before, now in zip([NONE, *masks], masks, strict=False) if now & JUMP and not before & JUMP)
    return {
        "length_tiles": course.goal_col + 4,
        "gaps": count("gap"), "crates_placed": count("crate"), "bars": count("bar"), "platforms": count("platform"),
        "enemies_requested": course.requested_enemies, "enemies_placed": count("enemy"),
        "crates_requested": course.requested_crates, "boss": count("boss"),
        "obstacles": count("crate") + count("bar"), "items": len(course.items), "score": score,
        "items_collected": run.get("items", 0), "speed_start": run.get("speed_start", 0),
        "speed_end": run.get("speed_end", 0), "jumps": presses, "duck_steps": sum(1 for m in masks if m & DOWN),
    }


def _plain(plan: LevelPlan) -> LevelFile:
    """Last resort: flat ground to the finish (the boss, if any, out of reach); always completes."""
    layout = _Layout(plan, 1, Rng(plan.seed).fork("runner", "plain"))
    end = _tile_up(layout.clock.x_after(1800) // SUB)
    features = [Feature("boss", end - 8 * TILE, 32, style="high", foe=plan.boss)] if plan.boss else []
    course = Course(plan, layout.tuning, features, [], end // TILE, 0, 0)
    level = course.render()
    world = World(level)
    done = finish(world, world.start())
    proved = _prove(course, level, [NONE] * done.step, done, {"fallback": 1})
    if proved is None:
        raise AssertionError(f"a flat runner course failed: {replay(level).reason}")
    return proved
