"""Which sprites a game needs, with which animations and colours.

The player, every enemy and boss, item and fixture of the level cast (:mod:`maestro.cast`),
bullets for shooters, and a generic sprite per kind that the runtime falls back on for a name
it does not find. Shapes come from :mod:`maestro.art.sprites` as colour-role grids, the archetype
for each name from :mod:`maestro.gdd.archetypes`; this module gives each sprite its colours: the
player its own, each enemy a hue away from the player's, hazards their warning colour, items gold, and
the runner's named obstacles (cactus, chimney, stump, rock, tombstone) and food (a carrot, an apple...) the
colour of what they are. Where a name says nothing of what to draw, the GDD's description of it is read.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from maestro.art import sprites
from maestro.art.colour import RGB
from maestro.art.palette import Scheme
from maestro.art.tiles import s_snap
from maestro.cast import Member, level_cast
from maestro.gdd.archetypes import archetype_for
from maestro.spec import GameSpec, Genre

Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Anim:
    pose: str
    frames: int
    fps: int


@dataclass(frozen=True)
class SpriteSpec:
    key: str
    kind: str
    name: str
    archetype: str
    size: int
    variant: int
    animations: dict[str, Anim]
    body: RGB
    accent: RGB


SIDE = {"idle": Anim("idle", 2, 3), "run": Anim("run", 4, 10), "jump": Anim("jump", 1, 1), "hurt": Anim("hurt", 1, 1)}
PLAYER_ANIMS: dict[Genre, dict[str, Anim]] = {
    Genre.PLATFORMER: SIDE,
    Genre.RUNNER: {**SIDE, "duck": Anim("duck", 1, 1)},
    Genre.TOPDOWN: {d: Anim(d, 2, 6) for d in ("down", "up", "left", "right")},
    Genre.PUZZLE: {d: Anim(d, 2, 6) for d in ("down", "up", "left", "right")},
    Genre.SHOOTER: {"idle": Anim("idle", 2, 8), "hurt": Anim("hurt", 1, 1)},
}
FLYING = frozenset({"fly", "swoop", "zigzag"})
STILL = {"idle": Anim("idle", 1, 1)}
SPIN = {"idle": Anim("spin", 4, 8)}


def sprite_specs(spec: GameSpec, seed: int, scheme: Scheme) -> list[SpriteSpec]:
    """Every sprite of the game, in a stable order."""
    genre = spec.genre.value
    archetype = archetype_for(spec.player.name, "player", None, genre, spec.player.description)
    anims = PLAYER_ANIMS[spec.genre]
    if spec.genre == Genre.SHOOTER and archetype != "ship":  # a plane or submarine flies nose up, as the ship does
        anims = {"idle": Anim("up", 2, 8), "hurt": Anim("up", 1, 1)}
    player = SpriteSpec("player", "player", spec.player.name, archetype, 16, 0, anims, scheme.player,
                        scheme.player_accent)
    made = [player]
    seen: dict[str, int] = {}
    foe_index = 0
    members = [*level_cast(spec, seed), *_generic(spec.genre)]
    if spec.genre == Genre.SHOOTER:
        members += [Member("bullet", "player"), Member("bullet", "enemy")]
    described = descriptions(spec)
    for member in members:
        archetype = archetype_for(member.name, member.kind, member.behaviour, genre,
                                  described.get((member.kind, member.name), ""))
        variant = seen.get(archetype, 0)
        seen[archetype] = variant + 1
        body, accent = _colours(member, scheme, foe_index, archetype)
        if member.kind in ("enemy", "boss"):
            foe_index += 1
        made.append(SpriteSpec(member.key, member.kind, member.name, archetype, 32 if member.kind == "boss" else 16,
                               variant, _animations(member), body, accent))
    return made


def descriptions(spec: GameSpec) -> dict[tuple[str, str], str]:
    """What the GDD says each enemy, boss and item is, by (kind, name): read where the name says nothing."""
    described: dict[tuple[str, str], str] = {}
    for enemy in spec.enemies:
        described.setdefault(("boss" if enemy.boss else "enemy", enemy.name), enemy.description)
    for item in spec.items:
        described.setdefault(("item", item.name), item.description)
    return described


def _generic(genre: Genre) -> list[Member]:
    kinds = ["enemy", "boss", "item"] + (["key"] if genre == Genre.TOPDOWN else [])
    return [Member(kind, "") for kind in kinds]


def _animations(member: Member) -> dict[str, Anim]:
    if member.kind in ("enemy", "boss"):
        move = Anim("fly", 2, 6) if member.behaviour in FLYING else Anim("run", 4, 8)
        extra = {"hurt": Anim("hurt", 1, 1)} if member.kind == "boss" else {}
        return {"idle": Anim("idle", 2, 3), "move": move, **extra}
    if member.kind in ("item", "key") or (member.kind == "hazard"):
        return SPIN
    return STILL


#: Things coloured as what they are (a cactus is green): body and accent, as near as the palette honestly gets.
THING_COLOURS: dict[str, tuple[RGB, RGB]] = {
    "cactus": ((86, 160, 72), (236, 222, 140)),
    "chimney": ((168, 72, 56), (168, 168, 174)),
    "stump": ((134, 90, 52), (222, 188, 134)),
    "rock": ((128, 128, 136), (184, 184, 192)),
    "tombstone": ((150, 150, 160), (92, 156, 72)),
    "carrot": ((236, 124, 36), (92, 168, 64)),
    "apple": ((212, 52, 52), (92, 168, 64)),
    "cheese": ((244, 200, 72), (214, 150, 48)),
    "cake": ((240, 168, 196), (112, 176, 224)),
    "bread": ((204, 142, 72), (240, 214, 160)),
}


def _colours(member: Member, scheme: Scheme, foe_index: int, archetype: str) -> tuple[RGB, RGB]:
    if archetype in THING_COLOURS:
        body, accent = THING_COLOURS[archetype]
        return scheme.nearest(body), scheme.nearest(accent)
    if member.kind in ("enemy", "boss"):
        body = scheme.foes[foe_index % len(scheme.foes)]
        accent = scheme.foes[(foe_index + 1) % len(scheme.foes)] if len(scheme.foes) > 1 else scheme.gold
        return (scheme.hazard if member.kind == "boss" and len(scheme.foes) < 2 else body), accent
    if member.kind == "hazard" or (member.kind == "obstacle" and member.name == "Bar"):
        return scheme.hazard, scheme.gold
    if member.kind == "bullet":
        return (scheme.player if member.name == "player" else scheme.hazard), scheme.eye
    if member.kind in ("obstacle", "crate"):
        return scheme.terrain_top, scheme.gold
    return scheme.gold, scheme.eye


def render(sprite: SpriteSpec, scheme: Scheme) -> dict[str, list[Image]]:
    """Every frame of every animation of ``sprite``, coloured."""
    shade_colour, light = scheme.body_shades(sprite.body)
    accent_shade = scheme.body_shades(sprite.accent)[1]
    lut = np.zeros((8, 4), dtype=np.uint8)
    roles: list[tuple[int, RGB]] = [
        (sprites.OUTLINE, scheme.outline), (sprites.BODY, sprite.body), (sprites.SHADE, shade_colour),
        (sprites.LIGHT, light), (sprites.ACCENT, sprite.accent if sprite.accent != sprite.body else accent_shade),
        (sprites.EYE, scheme.eye if not scheme.limited else scheme.base[-1]), (sprites.PUPIL, scheme.pupil),
    ]
    for role, colour in roles:
        lut[role] = (*colour, 255)
    frames: dict[str, list[Image]] = {}
    for name, anim in sprite.animations.items():
        frames[name] = [
            s_snap(scheme, lut[sprites.draw(sprite.archetype, sprite.size, anim.pose, i, sprite.variant)])
            for i in range(anim.frames)
        ]
    return frames
