"""Which things a spec's levels can hold, by kind and name: what the canvas must draw.

Derived from the same plans the generators read, so the art stage and the level stage agree on
every enemy, boss, item and fixture without waiting for each other (they run in parallel).
"""

from dataclasses import dataclass

from maestro.plan import plan_levels
from maestro.spec import GameSpec, Genre

#: Fixtures each genre's generator places besides the spec's own cast.
FIXTURES: dict[Genre, tuple[tuple[str, str], ...]] = {
    Genre.PLATFORMER: (("hazard", "Saw"),),
    Genre.TOPDOWN: (("key", "Key"),),
    Genre.PUZZLE: (("crate", "Crate"),),
    Genre.SHOOTER: (),
    Genre.RUNNER: (),  # the obstacles follow each level's setting: LevelPlan.obstacles
}
#: Genres whose levels hold items (collectibles along the way).
WITH_ITEMS = frozenset({Genre.PLATFORMER, Genre.TOPDOWN, Genre.RUNNER})


@dataclass(frozen=True)
class Member:
    kind: str
    name: str
    behaviour: str | None = None

    @property
    def key(self) -> str:
        """The sprite key the atlas and the runtime use: ``kind:name``."""
        return f"{self.kind}:{self.name}"


def level_cast(spec: GameSpec, seed: int) -> list[Member]:
    """Every (kind, name) the levels of ``spec`` can contain, in a stable order, without duplicates."""
    plans = plan_levels(spec, seed)
    members: list[Member] = []
    if spec.genre != Genre.PUZZLE:
        members += [Member("enemy", foe.name, foe.behaviour.value) for foe in plans[0].foes]
        members += [Member("boss", plan.boss.name, plan.boss.behaviour.value) for plan in plans if plan.boss]
    if spec.genre in WITH_ITEMS:
        members += [Member("item", pickup.name) for pickup in plans[0].pickups]
    if spec.genre == Genre.RUNNER:
        members += [Member("obstacle", name) for plan in plans for name in plan.obstacles]
    members += [Member(kind, name) for kind, name in FIXTURES[spec.genre]]
    unique: dict[str, Member] = {}
    for member in members:
        unique.setdefault(member.key, member)
    return list(unique.values())
