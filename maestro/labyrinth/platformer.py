"""Platformer levels: a run of hand-shaped stretches, each proven passable as it is laid down.

A level is built left to right from *stretches* (flat ground with an enemy, a gap, a step up or
down, a spike bed, a pit crossed on one-way platforms, a moving saw, a boss arena). After each
stretch is laid, the solver plays it from the player's exact state at its start; a stretch it
cannot pass is taken back and laid again easier, so the finished level is passable by
construction, and a final replay of the whole script from the level file proves it.

From the second level on (or a hard first one) levels use the height: *vertical* stretches
climb a staircase of ledges, step up one-way platforms, scale a shaft behind a doorway (by wall
jumps in a game with wall_slide, else by platforms), or drop down a cliff or down platforms over
a pit; flat ground may carry an optional high route of platforms with items. Which way a
vertical stretch goes depends on the room left above and below, so the ground rises and falls
across the level, and the first one climbs far enough that the route spans at least
``SPAN_GOAL`` tiles. Harder levels get more of them, taller ones, and more rows (the camera
follows the player up and down). A climb is solved ledge by ledge (its *waypoints*), each a
short search that must stand on that ledge, so even a tall shaft costs few expansions.

Enemies move as the plan's foe behaves: most on a scripted path, while a ``chase`` foe waits at
the far end of its stretch's ground, a ``turret`` foe stands there and fires, and a ``charge``
foe stands there until it sees the player, then rushes. All three are given that stretch as
their ground (``params`` left and right), so they cannot act before the stretch is laid and
solved. The solver may swing the sword (or, in a game whose GDD names a ranged attack, fire
bolts) as well as jump, so a chaser in the way is often cut down; the boss arena only counts as
passed once the boss is defeated, because the rules keep the goal shut while a boss stands.
"""

from dataclasses import dataclass, field

from maestro.labyrinth.difficulty import proof_span
from maestro.labyrinth.platformer_solver import Found, solve_stretch
from maestro.level import TILE, Entity, LevelFile, Motion, Point, Solution
from maestro.plan import Foe, LevelPlan
from maestro.rng import Rng
from maestro.rules.geometry import SUB, Actor
from maestro.rules.inputs import compress
from maestro.rules.platformer import Body, Progress, Tuning, World, replay
from maestro.spec import Behaviour, Genre, Mechanic

#: Rows of a gentle level; harder ones add up to ``EXTRA_ROWS`` (``_level_height``).
HEIGHT = 15
EXTRA_ROWS = 9
#: The highest ground a stretch may put the player on: room above it for a full jump in view,
#: clear of the HUD and a boss's health bar along the top of the screen.
TOP = 6
#: Rows of ground under the lowest ground a stretch may lay.
FLOOR_ROWS = 3
#: Tiles the first vertical stretch of a level makes the route span, room allowing.
SPAN_GOAL = 5
MAX_ENEMIES = 20
#: Columns of plain ground a charger gets at least (its stretch is lengthened to give them).
CHARGE_RUN = 7
SEARCH_BUDGET = 800
#: Expansions for one waypoint of a climb (a ledge a hop or two up).
WAYPOINT_BUDGET = 300
#: Player box and actor sizes, pixels.
WALKER = (14, 12)
FLIER = (14, 10)
BOSS = (28, 24)
SAW = (14, 14)
COIN = (10, 10)


@dataclass
class Stretch:
    """Columns of tiles plus the actors on them, before they join the level."""

    columns: list[bytearray]
    exit_surface: int
    kind: str
    actors: list[Entity] = field(default_factory=list)
    #: (column, surface row) of ledges to stand on in turn before the exit: a climb's handholds.
    waypoints: list[tuple[int, int]] = field(default_factory=list)
    #: Index of the waypoint at the foot of a wall-jump shaft (only up from there), or -1.
    steep: int = -1


@dataclass
class Builder:
    """The level so far: columns, actors (in the world and as entities, in the same order), inputs."""

    plan: LevelPlan
    tuning: Tuning
    rng: Rng
    world: World
    columns: list[bytearray] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    masks: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    expansions: int = 0
    #: Highest and lowest exit surface laid so far (rows): the height the route already spans.
    highest: int = 1 << 10
    lowest: int = 0

    def count(self, what: str) -> int:
        self.counts[what] = self.counts.get(what, 0) + 1
        return self.counts[what]

    @property
    def height(self) -> int:
        return self.world.height

    @property
    def low(self) -> int:
        """The lowest ground a stretch may lay (largest surface row)."""
        return self.height - FLOOR_ROWS

    def ground(self, surface: int) -> bytearray:
        """A column of air down to ``surface``, solid below."""
        return bytearray(b"." * surface + b"#" * (self.height - surface))

    def air(self) -> bytearray:
        return bytearray(b"." * self.height)

    def pit(self, difficulty: int) -> bytearray:
        """A column to fall out through; spiked at the bottom from difficulty 6."""
        column = self.air()
        if difficulty >= 6:
            column[self.height - 1] = ord("#")
            column[self.height - 2] = ord("^")
        return column

    def under(self, difficulty: int, floor: int | None) -> bytearray:
        """A pit column, or ground at ``floor`` when there is one."""
        return self.pit(difficulty) if floor is None else self.ground(floor)

    def ledge(self, difficulty: int, row: int, floor: int | None = None) -> bytearray:
        """A one-way platform tile at ``row`` over a pit, or over ground at ``floor``."""
        column = self.under(difficulty, floor)
        column[row] = ord("=")
        return column

    def reach(self, surface: int) -> None:
        self.highest, self.lowest = min(self.highest, surface), max(self.lowest, surface)


def generate(plan: LevelPlan) -> LevelFile:
    """A verified platformer level for ``plan``."""
    tuning = Tuning(
        double_jump=Mechanic.DOUBLE_JUMP in plan.abilities,
        wall_slide=Mechanic.WALL_SLIDE in plan.abilities,
        dash=Mechanic.DASH in plan.abilities,
        ranged=plan.ranged,  # a blaster, a bow, spells: ACTION fires bolts
    )
    rng = Rng(plan.seed)
    for attempt in range(4):
        level = _attempt(plan, tuning, rng.fork("attempt", attempt), ease=attempt)
        if level is None:
            continue
        completed, span = proof_span(level)  # the proof, and the height it climbs for report.md
        if completed:
            level.stats["span"] = span
            return level
    level = _attempt(plan, tuning, rng.fork("fallback"), ease=10)
    outcome = replay(level) if level is not None else None
    if level is None or outcome is None or not outcome.completed:  # a flat run: only if the rules broke
        raise RuntimeError("platformer fallback level (flat ground to the flag) failed its own proof")
    return level


def _attempt(plan: LevelPlan, tuning: Tuning, rng: Rng, ease: int) -> LevelFile | None:
    """One try at the level; None when a stretch or the run to the goal cannot be passed."""
    columns: list[bytearray] = []
    world = World(columns, _level_height(plan), tuning, [])
    builder = Builder(plan, tuning, rng, world, columns)
    difficulty = max(1, plan.difficulty - ease)
    surface = builder.height - 4
    builder.reach(surface)
    _lay(builder, Stretch([builder.ground(surface) for _ in range(6)], surface, "start"))
    player_x, player_y = 2 * TILE, surface * TILE - tuning.player_h
    body, progress = world.spawn(player_x, player_y), Progress()

    kinds = _stretch_kinds(plan, difficulty, rng)
    enemies_left = _enemy_count(plan, difficulty)
    extra = 0
    while kinds or (enemies_left > 0 and extra < MAX_ENEMIES):
        if kinds:
            kind = kinds.pop(0)
        else:  # the plan still asks for enemies: more ground to meet them on
            kind, extra = "flat", extra + 1
        wants_enemy = enemies_left > 0 and (enemies_left > len(kinds) or rng.chance(2, 3))
        placed = _place(builder, kind, surface, difficulty if ease < 10 else 0, wants_enemy, body, progress)
        if placed is None:
            return None
        stretch, found = placed
        enemies_left -= sum(1 for entity in stretch.actors if entity.kind == "enemy")
        surface = stretch.exit_surface
        builder.reach(surface)
        body, progress = found.body, found.progress
    if plan.boss is not None:
        placed = _place(builder, "boss", surface, difficulty, False, body, progress)
        if placed is None:
            return None
        body, progress = placed[1].body, placed[1].progress

    finish = _finish(builder, surface)
    _lay(builder, finish)
    last = solve_stretch(world, body, progress, None, SEARCH_BUDGET, (surface * TILE - tuning.player_h) * SUB)
    if last is None:
        return None
    builder.masks.extend(last.masks)
    builder.expansions += last.expansions
    return _level_file(builder, plan, Point(x=player_x, y=player_y), last.progress.step)


def _level_height(plan: LevelPlan) -> int:
    """Rows: a gentle level fits the screen; harder ones grow taller (the camera scrolls) for longer climbs."""
    if plan.index <= 1 and plan.difficulty <= 2:
        return HEIGHT
    return HEIGHT + min(EXTRA_ROWS, 3 * max(1, (plan.difficulty - 1) // 2))


def _place(builder: Builder, kind: str, surface: int, difficulty: int, enemy: bool, body: Body,
           progress: Progress) -> tuple[Stretch, Found] | None:
    """Lay a stretch of ``kind`` the player can pass, easing it twice, then plain ground."""
    for tries in range(3 if difficulty > 0 else 0):
        stretch = _make(builder, kind, surface, difficulty - 2 * tries, enemy, builder.rng)
        found = _try(builder, stretch, body, progress, surface)
        if found is not None:
            return stretch, found
    stretch = Stretch([builder.ground(surface) for _ in range(4)], surface, "flat")
    found = _try(builder, stretch, body, progress, surface)
    return None if found is None else (stretch, found)


def _try(builder: Builder, stretch: Stretch, body: Body, progress: Progress, surface: int) -> Found | None:
    """Lay ``stretch`` and solve it from the given state, ledge by ledge; take it back if it cannot be passed."""
    mark = len(builder.columns), len(builder.entities)
    _lay(builder, stretch)
    found = _solve(builder, stretch, mark, body, progress, surface)
    if found is None:
        del builder.columns[mark[0]:]
        builder.world.drop_actors(mark[1])
        del builder.entities[mark[1]:]
        return None
    builder.masks.extend(found.masks)
    builder.expansions += found.expansions
    return found


def _solve(builder: Builder, stretch: Stretch, mark: tuple[int, int], body: Body, progress: Progress,
           surface: int) -> Found | None:
    """Inputs through a stretch just laid (columns from ``mark[0]``, actors from ``mark[1]``): each
    waypoint stood on in turn, then the exit; the ground beyond it is stubbed in for the search."""
    stub = [builder.ground(stretch.exit_surface) for _ in range(4)]
    builder.columns.extend(stub)
    ph = builder.tuning.player_h
    masks: list[int] = []
    expansions = 0
    found: Found | None = Found([], body, progress, 0)
    for index, (col, row) in enumerate(stretch.waypoints):
        x, y = (mark[0] + col) * TILE * SUB, (row * TILE - ph) * SUB
        found = solve_stretch(builder.world, body, progress, x, WAYPOINT_BUDGET, y, climb=True,
                              steep=index == stretch.steep)
        if found is None:
            break
        masks += found.masks
        expansions += found.expansions
        body, progress = found.body, found.progress
    if found is not None:
        land_x = (len(builder.columns) - len(stub) - 2) * TILE * SUB
        land_y = (stretch.exit_surface * TILE - ph) * SUB
        entities = builder.entities
        bosses = sum(1 << index for index in range(mark[1], len(entities)) if entities[index].kind == "boss")
        found = solve_stretch(builder.world, body, progress, land_x, SEARCH_BUDGET, land_y, clear=bosses,
                              climb=stretch.exit_surface < surface)
    del builder.columns[len(builder.columns) - len(stub):]
    if found is None:
        return None
    return Found(masks + found.masks, found.body, found.progress, expansions + found.expansions)


def _lay(builder: Builder, stretch: Stretch) -> None:
    offset = len(builder.columns) * TILE
    builder.columns.extend(stretch.columns)
    for entity in stretch.actors:
        entity.id = f"{entity.kind}-{builder.count(entity.kind)}"
        entity.x += offset
        if entity.motion is not None:
            for point in entity.motion.path:
                point.x += offset
        for side in ("left", "right"):
            if side in entity.params:
                entity.params[side] += offset
        builder.world.add_actor(Actor.of(entity), entity)
        builder.entities.append(entity)


def _stretch_kinds(plan: LevelPlan, difficulty: int, rng: Rng) -> list[str]:
    """The stretches of a level in order; from the second level on, some are vertical (up or down)."""
    pool = ["flat", "gap", "step_up", "step_down"]
    if difficulty >= 2:
        pool += ["spikes", "gap"]
    if difficulty >= 3:
        pool += ["platforms", "pillar"]
    if difficulty >= 5:
        pool += ["saw", "platforms"]
    if difficulty >= 7:
        pool += ["gap", "saw"]
    count = min(18, 5 + difficulty + plan.progress // 34)
    kinds = [rng.choice(pool) for _ in range(count)]
    if plan.index >= 2 or difficulty >= 3:
        for slot in _slots(count, min(count - 1, 1 + difficulty // 3), rng):
            kinds[slot] = "vertical"
    return kinds


def _slots(count: int, wanted: int, rng: Rng) -> list[int]:
    """``wanted`` distinct positions among ``count``, spread out: one in each of equal parts."""
    return [part * count // wanted + rng.below(max(1, count // wanted)) for part in range(wanted)]


def _enemy_count(plan: LevelPlan, difficulty: int) -> int:
    if plan.enemies is not None:
        return max(0, min(MAX_ENEMIES, plan.enemies))
    return 1 + (difficulty * 4) // 5


def _make(builder: Builder, kind: str, surface: int, difficulty: int, enemy: bool, rng: Rng) -> Stretch:
    difficulty = max(1, difficulty)
    maker = {
        "flat": _flat, "gap": _gap, "step_up": _step_up, "step_down": _step_down, "spikes": _spikes,
        "platforms": _platforms, "pillar": _pillar, "saw": _saw, "boss": _boss, "vertical": _vertical,
    }[kind]
    stretch = maker(builder, surface, difficulty, rng)
    # not on a saw (two things to time at once: slow to prove) nor at the top or foot of a climb
    # or drop (met unseen, from the air or off a ledge)
    if enemy and kind not in ("boss", "platforms", "saw", "vertical"):
        _add_enemy(builder, stretch, difficulty, rng)
    if rng.chance(1, 2):
        _add_coin(builder, stretch, surface, rng)
    return stretch


def _flat(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    """Plain ground; from difficulty 2, sometimes under an optional high route of platforms with items."""
    stretch = Stretch([builder.ground(surface) for _ in range(rng.between(5, 8))], surface, "flat")
    if difficulty >= 2 and surface - 2 >= TOP and rng.chance(1, 3):
        _high_route(builder, stretch, surface - 2)
    return stretch


def _high_route(builder: Builder, stretch: Stretch, row: int) -> None:
    """One-way platforms a jump above the ground, items along them: a detour the player may take."""
    first, last = 1, len(stretch.columns) - 3
    for col in range(first, last + 1):
        stretch.columns[col][row] = ord("=")
    for col in range(first, last + 1, 2):
        pickup = builder.plan.pickup(builder.counts.get("item", 0) + sum(1 for e in stretch.actors if e.kind == "item"))
        x, y = col * TILE + 3, row * TILE - COIN[1] - 2
        stretch.actors.append(_actor("item", pickup.name, None, x, y, COIN, None, 1, pickup.points))


def _gap(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    widest = 4 if builder.tuning.double_jump else 3
    width = rng.between(1, min(widest, 1 + (difficulty + 1) // 3))
    shift = rng.between(-1, 1) if difficulty >= 4 else 0
    landing = max(TOP + 1, min(builder.low, surface + shift))
    if landing < surface and width >= 3:
        landing = surface
    columns = [builder.ground(surface) for _ in range(2)] + [builder.air() for _ in range(width)]
    columns += [builder.ground(landing) for _ in range(3)]
    return Stretch(columns, landing, "gap")


def _step_up(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    rise = rng.between(1, 2 if difficulty >= 3 else 1)
    top = max(TOP, surface - rise)
    columns = [builder.ground(surface) for _ in range(2)] + [builder.ground(top) for _ in range(rng.between(3, 5))]
    return Stretch(columns, top, "step_up")


def _step_down(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    bottom = min(builder.low, surface + rng.between(1, 3))
    columns = [builder.ground(surface) for _ in range(2)]
    columns += [builder.ground(bottom) for _ in range(rng.between(3, 5))]
    return Stretch(columns, bottom, "step_down")


def _spikes(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    widest = 3 if builder.tuning.double_jump else 2  # three beds outlast a single full jump
    beds = rng.between(1, min(widest, 1 + difficulty // 3))
    columns = [builder.ground(surface) for _ in range(2)]
    for _ in range(beds):
        spiked = builder.ground(surface)
        spiked[surface - 1] = ord("^")
        columns.append(spiked)
    columns += [builder.ground(surface) for _ in range(3)]
    return Stretch(columns, surface, "spikes")


def _platforms(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    """A pit (spiked at the bottom from difficulty 6) crossed on one-way platforms at changing
    heights, to ground that may be higher or lower than where the pit began."""
    columns = [builder.ground(surface) for _ in range(2)]
    waypoints: list[tuple[int, int]] = []
    hops = rng.between(1, 2 if difficulty < 6 else 3)
    row = surface
    for hop in range(hops):
        rise = rng.between(1, 2) if hop == 0 else rng.between(-1, 2)
        row = max(TOP, min(builder.low - 1, row - rise))
        columns += [builder.pit(difficulty) for _ in range(1 if rise >= 2 else rng.between(1, 2))]
        waypoints.append((len(columns), row))
        columns += [builder.ledge(difficulty, row) for _ in range(rng.between(2, 3))]
    exit_surface = max(TOP, min(builder.low, row + rng.between(-1, 2)))
    columns += [builder.pit(difficulty) for _ in range(1 if exit_surface < row else rng.between(1, 2))]
    columns += [builder.ground(exit_surface) for _ in range(3)]
    return Stretch(columns, exit_surface, "platforms", waypoints=waypoints)


def _vertical(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    """A stretch that changes height a lot, up or down as the room above and below allows.

    Up is likelier the more room there is above; the first one (while the route spans less than
    ``SPAN_GOAL``) climbs at least far enough to make it span that much."""
    room_up, room_down = surface - TOP, builder.low - surface
    up = room_up >= 3 and (room_down < 3 or rng.below(room_up + room_down) < room_up)
    most = min(8, 4 + difficulty // 2)
    if up:
        least = min(room_up, max(3, surface - (builder.lowest - SPAN_GOAL)))
        return _climb_up(builder, surface, difficulty, rng, rng.between(least, max(least, min(room_up, most))))
    if room_down < 2:
        return _step_up(builder, surface, difficulty, rng)
    least = min(room_down, max(2, builder.highest + SPAN_GOAL - surface))
    return _drop(builder, surface, difficulty, rng, rng.between(least, max(least, min(room_down, most))))


def _climb_up(builder: Builder, surface: int, difficulty: int, rng: Rng, rise: int) -> Stretch:
    """Up ``rise`` tiles: a staircase of ledges, one-way platforms, or from difficulty 4 a shaft."""
    makers = [_staircase, _ledges] + ([_shaft] if difficulty >= 4 and rise >= 4 else [])
    return rng.choice(makers)(builder, surface, difficulty, rng, rise)


def _staircase(builder: Builder, surface: int, difficulty: int, rng: Rng, rise: int) -> Stretch:
    """Solid ledges up ``rise`` tiles, one or two at a time; from difficulty 4 a pit may open
    between two of them."""
    columns = [builder.ground(surface) for _ in range(2)]
    waypoints: list[tuple[int, int]] = []
    level = surface
    while surface - level < rise:
        level -= min(rng.between(1, 2 if difficulty >= 2 else 1), rise - (surface - level))
        if difficulty >= 4 and rng.chance(1, 3):
            columns.append(builder.pit(difficulty))
        waypoints.append((len(columns), level))
        columns += [builder.ground(level) for _ in range(rng.between(2, 3))]
    columns.append(builder.ground(level))
    return Stretch(columns, level, "staircase", waypoints=waypoints[:-1])


def _ledges(builder: Builder, surface: int, difficulty: int, rng: Rng, rise: int) -> Stretch:
    """One-way platforms two rows apart up to ground ``rise`` tiles higher: over the old ground
    at first, over a pit from difficulty 4."""
    floor = surface if difficulty < 4 else None
    top = surface - rise
    columns = [builder.ground(surface) for _ in range(2)]
    waypoints: list[tuple[int, int]] = []
    for row in range(surface - 2, top, -2):
        columns += [builder.under(difficulty, floor) for _ in range(rng.between(0, 1))]
        waypoints.append((len(columns), row))
        columns += [builder.ledge(difficulty, row, floor) for _ in range(rng.between(2, 3))]
    columns += [builder.ground(top) for _ in range(rng.between(3, 4))]
    return Stretch(columns, top, "ledges", waypoints=waypoints)


def _shaft(builder: Builder, surface: int, difficulty: int, rng: Rng, rise: int) -> Stretch:
    """A shaft ``rise`` tiles tall entered through a doorway at its foot, with higher ground past
    its top: climbed by wall jumps in a game with wall_slide, else up one-way platforms that
    zigzag from side to side."""
    top = surface - rise
    columns = [builder.ground(surface) for _ in range(2)]
    door = builder.ground(surface)
    for row in range(max(0, top - 1), surface - 3):
        door[row] = ord("#")
    columns.append(door)
    waypoints: list[tuple[int, int]] = []
    steep = -1
    if builder.tuning.wall_slide and rng.chance(2, 3):
        waypoints += [(len(columns), surface), (len(columns), top)]  # in through the door, then only up
        steep = 1
        columns += [builder.ground(surface) for _ in range(2)]
    else:
        shaft = [builder.ground(surface) for _ in range(3)]
        for n, row in enumerate(range(surface - 2, top, -2)):
            side = 1 - n % 2
            for col in (side, side + 1):
                shaft[col][row] = ord("=")
            waypoints.append((len(columns) + side, row))
        columns += shaft
    columns += [builder.ground(top) for _ in range(rng.between(3, 4))]
    return Stretch(columns, top, "shaft", waypoints=waypoints, steep=steep)


def _drop(builder: Builder, surface: int, difficulty: int, rng: Rng, fall: int) -> Stretch:
    """Ground ``fall`` tiles lower: a cliff, or from difficulty 3 platforms stepping down over a pit."""
    bottom = surface + fall
    columns = [builder.ground(surface) for _ in range(2)]
    waypoints: list[tuple[int, int]] = []
    if difficulty >= 3 and fall >= 3 and rng.chance(1, 2):
        row = surface
        while bottom - row > 2:
            row += rng.between(1, 2)
            columns += [builder.pit(difficulty) for _ in range(rng.between(1, 2))]
            waypoints.append((len(columns), row))
            columns += [builder.ledge(difficulty, row) for _ in range(rng.between(2, 3))]
        columns.append(builder.pit(difficulty))
    columns += [builder.ground(bottom) for _ in range(rng.between(3, 5))]
    return Stretch(columns, bottom, "drop", waypoints=waypoints)


def _pillar(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    tall = rng.between(1, 2)
    columns = [builder.ground(surface) for _ in range(3)]
    for _ in range(rng.between(1, 2)):
        pillar = builder.ground(surface)
        for row in range(surface - tall, surface):
            pillar[row] = ord("#")
        columns.append(pillar)
    columns += [builder.ground(surface) for _ in range(3)]
    return Stretch(columns, surface, "pillar")


def _saw(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    """A blade that rises and falls across the path: the player must time the pass."""
    width = 7
    stretch = Stretch([builder.ground(surface) for _ in range(width)], surface, "saw")
    x = 3 * TILE + 1
    low, high = surface * TILE - SAW[1], (surface - 4) * TILE
    speed = 1 + difficulty // 4
    period = 2 * ((low - high) // speed)
    motion = Motion(path=[Point(x=x, y=high), Point(x=x, y=low)], period=max(2, period),
                    offset=rng.below(max(2, period)))
    stretch.actors.append(_actor("hazard", "Saw", None, x, high, SAW, motion, 1, 0))
    return stretch


def _boss(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    boss = builder.plan.boss or Foe("Boss", Behaviour.PATROL)
    width = 12
    stretch = Stretch([builder.ground(surface) for _ in range(width)], surface, "boss")
    y = surface * TILE - BOSS[1]
    speed = 1 + difficulty // 5
    left, right = 2 * TILE, (width - 4) * TILE - BOSS[0]
    period = 2 * ((right - left) // speed)
    motion = Motion(path=[Point(x=right, y=y), Point(x=left, y=y)], period=period)
    hp = 2 + difficulty // 4
    stretch.actors.append(_actor("boss", boss.name, boss.behaviour.value, right, y, BOSS, motion, hp, 500))
    return stretch


def _add_enemy(builder: Builder, stretch: Stretch, difficulty: int, rng: Rng) -> None:
    """An enemy on the stretch's last run of plain ground, if it is long enough to meet it on (a
    charger's run is lengthened to ``CHARGE_RUN`` so it can see the player coming and rush)."""
    foe = builder.plan.foe(builder.counts.get("enemy", 0) + sum(1 for e in stretch.actors if e.kind == "enemy"))
    first, last = _plain_run(builder, stretch)
    if foe.behaviour == Behaviour.CHARGE and last == len(stretch.columns) - 1 and last - first < CHARGE_RUN:
        # room to see the player coming, wind up and rush before being reached
        stretch.columns += [builder.ground(stretch.exit_surface) for _ in range(CHARGE_RUN - (last - first))]
        last = len(stretch.columns) - 1
    last -= 2  # the last two columns, where the solver stops, stay clear
    if last - first < 2:
        return
    flying = foe.behaviour in (Behaviour.FLY, Behaviour.SWOOP, Behaviour.ZIGZAG)
    size = FLIER if flying else WALKER
    y = stretch.exit_surface * TILE - size[1] - (28 if flying else 0)
    left, right = first * TILE, (last + 1) * TILE - size[0]
    if foe.behaviour in (Behaviour.CHASE, Behaviour.TURRET, Behaviour.CHARGE):
        # the rules move them, on their own ground only: a foe never acts before its stretch is laid
        guard = _actor("enemy", foe.name, foe.behaviour.value, right, y, size, None, 1, 100)
        guard.params = {"left": first * TILE, "right": len(stretch.columns) * TILE}
        stretch.actors.append(guard)
        return
    speed = 2 if difficulty >= 6 and foe.behaviour != Behaviour.PATROL else 1
    motion: Motion | None = None
    if foe.behaviour == Behaviour.HOP:
        motion = Motion(path=[Point(x=left, y=y), Point(x=left, y=y - 20)], period=40, offset=rng.below(40))
    else:
        period = 2 * ((right - left) // speed)
        motion = Motion(path=[Point(x=left, y=y), Point(x=right, y=y)], period=max(2, period),
                        offset=rng.below(max(2, period)))
    stretch.actors.append(_actor("enemy", foe.name, foe.behaviour.value, left, y, size, motion, 1, 100))


def _plain_run(builder: Builder, stretch: Stretch) -> tuple[int, int]:
    """First and last column of the stretch's last run of plain ground at its exit height."""
    plain = builder.ground(stretch.exit_surface)
    last = len(stretch.columns) - 1
    while last >= 0 and stretch.columns[last] != plain:
        last -= 1
    first = last
    while first > 2 and stretch.columns[first - 1] == plain:
        first -= 1
    return first, last


def _add_coin(builder: Builder, stretch: Stretch, surface: int, rng: Rng) -> None:
    pickup = builder.plan.pickup(builder.counts.get("item", 0))
    col = rng.between(0, len(stretch.columns) - 1)
    column = stretch.columns[col]
    top = next((row for row in range(builder.height) if column[row] != ord(".")), builder.height)
    if top >= builder.height or column[top] == ord("^"):
        top = surface
    x, y = col * TILE + 3, top * TILE - TILE - COIN[1]
    stretch.actors.append(_actor("item", pickup.name, None, x, y, COIN, None, 1, pickup.points))


def _actor(kind: str, name: str, behaviour: str | None, x: int, y: int, size: tuple[int, int],
           motion: Motion | None, hp: int, points: int) -> Entity:
    """An entity for a stretch; its id is given when the stretch is laid."""
    w, h = size
    return Entity(id=kind, kind=kind, name=name, behaviour=behaviour, x=x, y=y, w=w, h=h,
                  motion=motion, hp=hp, points=points)


def _finish(builder: Builder, surface: int) -> Stretch:
    columns = [builder.ground(surface) for _ in range(7)]
    for row in range(surface - 3, surface):
        columns[4][row] = ord("G")
    return Stretch(columns, surface, "finish")


def _level_file(builder: Builder, plan: LevelPlan, player: Point, steps: int) -> LevelFile:
    width = len(builder.columns)
    rows = ["".join(chr(builder.columns[col][row]) for col in range(width)) for row in range(builder.height)]
    masks = builder.masks[:steps]
    plural = {"enemy": "enemies", "boss": "bosses", "item": "items", "hazard": "hazards"}
    stats = {name: sum(1 for e in builder.entities if e.kind == kind) for kind, name in plural.items()}
    stats.update(width=width, solver_expansions=builder.expansions)
    if plan.enemies is not None:
        stats["enemies_requested"] = plan.enemies
    return LevelFile(
        genre=Genre.PLATFORMER,
        index=plan.index,
        name=plan.name,
        difficulty=plan.difficulty,
        theme=plan.theme,
        seed=plan.seed,
        rules=builder.tuning.to_rules(),
        width=width,
        height=builder.height,
        rows=rows,
        player=player,
        entities=builder.entities,
        solution=Solution(inputs=compress(masks), steps=len(masks)),
        par=len(masks),
        stats=stats,
    )

