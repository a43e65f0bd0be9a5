"""What each level should hold, decided from the spec before any tile is placed.

The plan is where the GDD's words become numbers a generator can use: difficulty (rising across
the levels), how many enemies, rooms, crates or waves (the GDD's hints win; otherwise the
difficulty decides), which of the spec's enemies appear, and where a boss fights.
"""

import hashlib
from dataclasses import dataclass, field

from maestro.rng import derive_seed
from maestro.spec import Behaviour, Enemy, GameSpec, Genre, ItemKind, Mechanic


@dataclass(frozen=True)
class Foe:
    """An enemy type as a level uses it."""

    name: str
    behaviour: Behaviour


@dataclass(frozen=True)
class Pickup:
    name: str
    kind: ItemKind
    points: int


@dataclass(frozen=True)
class LevelPlan:
    genre: Genre
    index: int
    count: int
    name: str
    difficulty: int
    seed: int
    theme: str | None = None
    enemies: int | None = None
    rooms: int | None = None
    crates: int | None = None
    waves: int | None = None
    boss: Foe | None = None
    foes: tuple[Foe, ...] = ()
    pickups: tuple[Pickup, ...] = ()
    abilities: frozenset[Mechanic] = field(default_factory=frozenset)
    lives: int = 3

    @property
    def progress(self) -> int:
        """0 for the first level up to 100 for the last: a second, smoother difficulty axis."""
        return 0 if self.count <= 1 else (self.index - 1) * 100 // (self.count - 1)

    @property
    def ranged(self) -> bool:
        """Whether the hero's attack is a shot: the GDD names shooting and no melee attack (a GDD
        with a sword and a gun keeps the sword; turrets that fire are no reason to shoot)."""
        return Mechanic.SHOOT in self.abilities and Mechanic.ATTACK not in self.abilities

    def foe(self, n: int) -> Foe:
        """The n-th enemy to place, cycling through the roster so every named enemy shows up."""
        return self.foes[n % len(self.foes)]

    def pickup(self, n: int) -> Pickup:
        return self.pickups[n % len(self.pickups)]

    @property
    def obstacles(self) -> tuple[str, str]:
        """What a runner jumps over and ducks under here: the setting's own (a cactus in the desert,
        a chimney on the rooftops), a crate and a bar where the GDD names none."""
        return RUNNER_OBSTACLES.get(self.theme or "", DEFAULT_OBSTACLES)


#: A runner's ground obstacle and overhead bar, by setting (see :mod:`maestro.gdd.setting`).
RUNNER_OBSTACLES: dict[str, tuple[str, str]] = {
    "desert": ("Cactus", "Ledge"), "city": ("Chimney", "Sign"), "forest": ("Stump", "Branch"),
    "garden": ("Stump", "Branch"), "swamp": ("Log", "Vine"), "cave": ("Rock", "Stalactite"),
    "lava": ("Boulder", "Stalactite"), "crypt": ("Tombstone", "Chain"), "castle": ("Crate", "Banner"),
    "ice": ("Ice Rock", "Icicle"), "water": ("Rock", "Pier"), "sky": ("Crate", "Kite Line"),
    "space": ("Asteroid", "Beam"), "factory": ("Crate", "Pipe"),
}
DEFAULT_OBSTACLES = ("Crate", "Bar")


_GENERIC_FOES: dict[Genre, tuple[Foe, ...]] = {
    Genre.PLATFORMER: (Foe("Crawler", Behaviour.PATROL),),
    Genre.TOPDOWN: (Foe("Guard", Behaviour.PATROL),),
    Genre.SHOOTER: (Foe("Drone", Behaviour.ZIGZAG),),
    Genre.RUNNER: (Foe("Bird", Behaviour.SWOOP),),
    Genre.PUZZLE: (),
}


def plan_levels(spec: GameSpec, seed: int) -> list[LevelPlan]:
    """One plan per spec level, in order."""
    foes = tuple(Foe(enemy.name, enemy.behaviour) for enemy in spec.enemies if not enemy.boss)
    foes = foes or _GENERIC_FOES[spec.genre]
    pickups = tuple(Pickup(item.name, item.kind, item.points) for item in spec.items if item.kind != ItemKind.KEY)
    pickups = pickups or (Pickup("Coin", ItemKind.COLLECTIBLE, 10),)
    abilities = frozenset(spec.mechanics) | frozenset(spec.player.abilities)
    bosses = spec.bosses
    hinted_boss = any(level.hints.boss for level in spec.levels)

    plans: list[LevelPlan] = []
    floor = 1
    count = len(spec.levels)
    game = game_print(spec)
    for position, level in enumerate(spec.levels, start=1):
        difficulty = max(floor, level.difficulty)
        floor = difficulty
        boss: Foe | None = None
        if level.hints.boss:
            boss = _boss_named(level.hints.boss, bosses)
        elif bosses and not hinted_boss and position == count:
            boss = Foe(bosses[0].name, bosses[0].behaviour)
        plans.append(
            LevelPlan(
                genre=spec.genre,
                index=position,
                count=count,
                name=level.name,
                difficulty=difficulty,
                seed=derive_seed(seed, "labyrinth", position, game, level.name, level.hints.theme or ""),
                theme=level.hints.theme or spec.setting,  # a level's own theme, else where the game is set
                enemies=level.hints.enemies,
                rooms=level.hints.rooms,
                crates=level.hints.crates,
                waves=level.hints.waves,
                boss=boss,
                foes=foes,
                pickups=pickups,
                abilities=abilities,
                lives=spec.lives,
            )
        )
    return plans


def game_print(spec: GameSpec) -> str:
    """What a GDD asks of its levels, as one string mixed into every level's seed: two GDDs that
    ask for different games never get the same level, and one GDD always gets the same ones.
    The level count is left out, so adding a level does not change the ones before it."""
    parts = [
        spec.genre.value, spec.title, spec.player.name,
        ",".join(f"{enemy.name}:{enemy.behaviour.value}:{int(enemy.boss)}" for enemy in spec.enemies),
        ",".join(f"{item.name}:{item.kind.value}:{item.points}" for item in spec.items),
        ",".join(sorted(mechanic.value for mechanic in spec.mechanics)),
        str(spec.lives),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _boss_named(name: str, bosses: list[Enemy]) -> Foe:
    for enemy in bosses:
        if enemy.name.casefold() == name.casefold() or name.casefold() in enemy.name.casefold():
            return Foe(enemy.name, enemy.behaviour)
    behaviour = bosses[0].behaviour if bosses else Behaviour.PATROL
    return Foe(name, behaviour)
