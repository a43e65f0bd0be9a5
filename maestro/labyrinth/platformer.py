"""Platformer levels: a run of hand-shaped stretches, each proven passable as it is laid down.

A level is built left to right from *stretches* (flat ground with an enemy, a gap, a step up or
down, a spike bed, a pit crossed on one-way platforms, a moving saw, a boss arena). After each
stretch is laid, the solver plays it from the player's exact state at its start; a stretch it
cannot pass is taken back and laid again easier, so the finished level is passable by
construction, and a final replay of the whole script from the level file proves it.

Enemies move as the plan's foe behaves: most on a scripted path, while a ``chase`` foe waits at
the far end of its stretch's ground, a ``turret`` foe stands there and fires, and a ``charge``
foe stands there until it sees the player, then rushes. All three are given that stretch as
their ground (``params`` left and right), so they cannot act before the stretch is laid and
solved. The solver may swing the sword (or, in a game whose GDD names a ranged attack, fire
bolts) as well as jump, so a chaser in the way is often cut down; the boss arena only counts as
passed once the boss is defeated, because the rules keep the goal shut while a boss stands.
"""

from dataclasses import dataclass, field

from maestro.labyrinth.platformer_solver import Found, solve_stretch
from maestro.level import TILE, Entity, LevelFile, Motion, Point, Solution
from maestro.plan import Foe, LevelPlan
from maestro.rng import Rng
from maestro.rules.geometry import SUB, Actor
from maestro.rules.inputs import compress
from maestro.rules.platformer import Body, Progress, Tuning, World, replay
from maestro.spec import Behaviour, Genre, Mechanic

HEIGHT = 15
MAX_ENEMIES = 20
SEARCH_BUDGET = 800
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

    def count(self, what: str) -> int:
        self.counts[what] = self.counts.get(what, 0) + 1
        return self.counts[what]


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
        if level is not None and replay(level).completed:
            return level
    level = _attempt(plan, tuning, rng.fork("fallback"), ease=10)
    outcome = replay(level) if level is not None else None
    if level is None or outcome is None or not outcome.completed:  # a flat run: only if the rules broke
        raise RuntimeError("platformer fallback level (flat ground to the flag) failed its own proof")
    return level


def _attempt(plan: LevelPlan, tuning: Tuning, rng: Rng, ease: int) -> LevelFile | None:
    """One try at the level; None when a stretch or the run to the goal cannot be passed."""
    columns: list[bytearray] = []
    world = World(columns, HEIGHT, tuning, [])
    builder = Builder(plan, tuning, rng, world, columns)
    difficulty = max(1, plan.difficulty - ease)
    surface = 11
    _lay(builder, Stretch([_ground(surface) for _ in range(6)], surface, "start"))
    player_x, player_y = 2 * TILE, surface * TILE - tuning.player_h
    body, progress = world.spawn(player_x, player_y), Progress()

    kinds = _stretch_kinds(difficulty, plan.progress, rng)
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
        body, progress = found.body, found.progress
    if plan.boss is not None:
        placed = _place(builder, "boss", surface, difficulty, False, body, progress)
        if placed is None:
            return None
        body, progress = placed[1].body, placed[1].progress

    finish = _finish(surface)
    _lay(builder, finish)
    last = solve_stretch(world, body, progress, None, SEARCH_BUDGET, (surface * TILE - tuning.player_h) * SUB)
    if last is None:
        return None
    builder.masks.extend(last.masks)
    builder.expansions += last.expansions
    return _level_file(builder, plan, Point(x=player_x, y=player_y), last.progress.step)


def _place(builder: Builder, kind: str, surface: int, difficulty: int, enemy: bool, body: Body,
           progress: Progress) -> tuple[Stretch, Found] | None:
    """Lay a stretch of ``kind`` the player can pass, easing it twice, then plain ground."""
    for tries in range(3 if difficulty > 0 else 0):
        stretch = _make(builder, kind, surface, difficulty - 2 * tries, enemy, builder.rng)
        found = _try(builder, stretch, body, progress)
        if found is not None:
            return stretch, found
    stretch = Stretch([_ground(surface) for _ in range(4)], surface, "flat")
    found = _try(builder, stretch, body, progress)
    return None if found is None else (stretch, found)


def _try(builder: Builder, stretch: Stretch, body: Body, progress: Progress) -> Found | None:
    """Lay ``stretch`` and solve it from the given state; take it back if it cannot be passed."""
    mark = len(builder.columns), len(builder.entities)
    _lay(builder, stretch)
    land_x = (len(builder.columns) - 2) * TILE * SUB
    stub = [_ground(stretch.exit_surface) for _ in range(4)]
    builder.columns.extend(stub)
    land_y = (stretch.exit_surface * TILE - builder.tuning.player_h) * SUB
    entities = builder.entities
    bosses = sum(1 << index for index in range(mark[1], len(entities)) if entities[index].kind == "boss")
    found = solve_stretch(builder.world, body, progress, land_x, SEARCH_BUDGET, land_y, clear=bosses)
    del builder.columns[len(builder.columns) - len(stub):]
    if found is None:
        del builder.columns[mark[0]:]
        builder.world.drop_actors(mark[1])
        del builder.entities[mark[1]:]
        return None
    builder.masks.extend(found.masks)
    builder.expansions += found.expansions
    return found


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


def _ground(surface: int) -> bytearray:
    return bytearray(b"." * surface + b"#" * (HEIGHT - surface))


def _stretch_kinds(difficulty: int, progress: int, rng: Rng) -> list[str]:
    pool = ["flat", "gap", "step_up", "step_down"]
    if difficulty >= 2:
        pool += ["spikes", "gap"]
    if difficulty >= 3:
        pool += ["platforms", "pillar"]
    if difficulty >= 5:
        pool += ["saw", "platforms"]
    if difficulty >= 7:
        pool += ["gap", "saw"]
    count = min(18, 5 + difficulty + progress // 34)
    return [rng.choice(pool) for _ in range(count)]


def _enemy_count(plan: LevelPlan, difficulty: int) -> int:
    if plan.enemies is not None:
        return max(0, min(MAX_ENEMIES, plan.enemies))
    return 1 + (difficulty * 4) // 5


def _make(builder: Builder, kind: str, surface: int, difficulty: int, enemy: bool, rng: Rng) -> Stretch:
    difficulty = max(1, difficulty)
    maker = {
        "flat": _flat, "gap": _gap, "step_up": _step_up, "step_down": _step_down, "spikes": _spikes,
        "platforms": _platforms, "pillar": _pillar, "saw": _saw, "boss": _boss,
    }[kind]
    stretch = maker(builder, surface, difficulty, rng)
    if enemy and kind not in ("boss", "platforms"):
        _add_enemy(builder, stretch, difficulty, rng)
    if rng.chance(1, 2):
        _add_coin(builder, stretch, surface, rng)
    return stretch


def _flat(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    return Stretch([_ground(surface) for _ in range(rng.between(5, 8))], surface, "flat")


def _gap(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    widest = 4 if builder.tuning.double_jump else 3
    width = rng.between(1, min(widest, 1 + (difficulty + 1) // 3))
    landing = max(7, min(12, surface + rng.between(-1, 1) if difficulty >= 4 else surface))
    if landing < surface and width >= 3:
        landing = surface
    columns = [_ground(surface) for _ in range(2)] + [bytearray(b"." * HEIGHT) for _ in range(width)]
    columns += [_ground(landing) for _ in range(3)]
    return Stretch(columns, landing, "gap")


def _step_up(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    rise = rng.between(1, 2 if difficulty >= 3 else 1)
    top = max(6, surface - rise)
    columns = [_ground(surface) for _ in range(2)] + [_ground(top) for _ in range(rng.between(3, 5))]
    return Stretch(columns, top, "step_up")


def _step_down(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    bottom = min(12, surface + rng.between(1, 3))
    columns = [_ground(surface) for _ in range(2)] + [_ground(bottom) for _ in range(rng.between(3, 5))]
    return Stretch(columns, bottom, "step_down")


def _spikes(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    widest = 3 if builder.tuning.double_jump else 2  # three beds outlast a single full jump
    beds = rng.between(1, min(widest, 1 + difficulty // 3))
    columns = [_ground(surface) for _ in range(2)]
    for _ in range(beds):
        spiked = _ground(surface)
        spiked[surface - 1] = ord("^")
        columns.append(spiked)
    columns += [_ground(surface) for _ in range(3)]
    return Stretch(columns, surface, "spikes")


def _platforms(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    """A pit (spiked at the bottom from difficulty 6) crossed on one-way platforms."""
    columns = [_ground(surface) for _ in range(2)]
    hops = rng.between(1, 2 if difficulty < 6 else 3)
    for _ in range(hops):
        columns += [_pit(difficulty) for _ in range(rng.between(1, 2))]
        row = max(4, surface - rng.between(1, 2))
        for _ in range(rng.between(2, 3)):
            column = _pit(difficulty)
            column[row] = ord("=")
            columns.append(column)
    columns += [_pit(difficulty) for _ in range(rng.between(1, 2))]
    columns += [_ground(surface) for _ in range(3)]
    return Stretch(columns, surface, "platforms")


def _pit(difficulty: int) -> bytearray:
    column = bytearray(b"." * HEIGHT)
    if difficulty >= 6:
        column[HEIGHT - 1] = ord("#")
        column[HEIGHT - 2] = ord("^")
    return column


def _pillar(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    tall = rng.between(1, 2)
    columns = [_ground(surface) for _ in range(3)]
    for _ in range(rng.between(1, 2)):
        pillar = _ground(surface)
        for row in range(surface - tall, surface):
            pillar[row] = ord("#")
        columns.append(pillar)
    columns += [_ground(surface) for _ in range(3)]
    return Stretch(columns, surface, "pillar")


def _saw(builder: Builder, surface: int, difficulty: int, rng: Rng) -> Stretch:
    """A blade that rises and falls across the path: the player must time the pass."""
    width = 7
    stretch = Stretch([_ground(surface) for _ in range(width)], surface, "saw")
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
    stretch = Stretch([_ground(surface) for _ in range(width)], surface, "boss")
    y = surface * TILE - BOSS[1]
    speed = 1 + difficulty // 5
    left, right = 2 * TILE, (width - 4) * TILE - BOSS[0]
    period = 2 * ((right - left) // speed)
    motion = Motion(path=[Point(x=right, y=y), Point(x=left, y=y)], period=period)
    hp = 2 + difficulty // 4
    stretch.actors.append(_actor("boss", boss.name, boss.behaviour.value, right, y, BOSS, motion, hp, 500))
    return stretch


def _add_enemy(builder: Builder, stretch: Stretch, difficulty: int, rng: Rng) -> None:
    """An enemy on the stretch's last run of plain ground, if it is long enough to meet it on."""
    foe = builder.plan.foe(builder.counts.get("enemy", 0) + sum(1 for e in stretch.actors if e.kind == "enemy"))
    first, last = _plain_run(stretch)
    last -= 2  # the last two columns, where the solver stops, stay clear
    if last - first < 2:
        return
    flying = foe.behaviour in (Behaviour.FLY, Behaviour.SWOOP, Behaviour.ZIGZAG)
    size = FLIER if flying else WALKER
    y = stretch.exit_surface * TILE - size[1] - (28 if flying else 0)
    left, right = first * TILE, (last + 1) * TILE - size[0]
    if foe.behaviour in (Behaviour.CHASE, Behaviour.TURRET, Behaviour.CHARGE):
        if stretch.kind == "saw":  # a saw to time and a foe that follows the timing: rarely passable, slow to prove
            return
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


def _plain_run(stretch: Stretch) -> tuple[int, int]:
    """First and last column of the stretch's last run of plain ground at its exit height."""
    plain = _ground(stretch.exit_surface)
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
    top = next((row for row in range(HEIGHT) if column[row] != ord(".")), HEIGHT)
    if top >= HEIGHT or column[top] == ord("^"):
        top = surface
    x, y = col * TILE + 3, top * TILE - TILE - COIN[1]
    stretch.actors.append(_actor("item", pickup.name, None, x, y, COIN, None, 1, pickup.points))


def _actor(kind: str, name: str, behaviour: str | None, x: int, y: int, size: tuple[int, int],
           motion: Motion | None, hp: int, points: int) -> Entity:
    """An entity for a stretch; its id is given when the stretch is laid."""
    w, h = size
    return Entity(id=kind, kind=kind, name=name, behaviour=behaviour, x=x, y=y, w=w, h=h,
                  motion=motion, hp=hp, points=points)


def _finish(surface: int) -> Stretch:
    columns = [_ground(surface) for _ in range(7)]
    for row in range(surface - 3, surface):
        columns[4][row] = ord("G")
    return Stretch(columns, surface, "finish")


def _level_file(builder: Builder, plan: LevelPlan, player: Point, steps: int) -> LevelFile:
    width = len(builder.columns)
    rows = ["".join(chr(builder.columns[col][row]) for col in range(width)) for row in range(HEIGHT)]
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
        height=HEIGHT,
        rows=rows,
        player=player,
        entities=builder.entities,
        solution=Solution(inputs=compress(masks), steps=len(masks)),
        par=len(masks),
        stats=stats,
    )

