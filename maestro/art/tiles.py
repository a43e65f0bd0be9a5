"""Tiles for every tile name a level can hold, drawn in the scheme's colours.

Side views (platformer, runner) read ``solid`` as ground (``solid_top`` is the same block with
its grassy edge, for tiles with air above), ``platform`` as a thin one-way plank and ``empty``
as air (no tile: the background shows). Top-down views (top-down, puzzle, and the shooter's
backdrop) read ``solid`` as a brick wall and ``empty`` as floor. Every genre gets every tile, so
a level never names a tile the atlas lacks.

The game's setting gives the ground, walls and floor their material (grass-topped earth in a
forest, sand in the desert, a snow cap on ice, stone bricks in a crypt, metal plates in a factory,
roof tiles in the city...); every such colour is one the palette can honestly give
(:meth:`Scheme.nearest`). Flat and pastel draw them as plain blocks, with no speckle, mortar or
rivet; neon draws dark blocks with glowing rims.
"""

import numpy as np
import numpy.typing as npt

from maestro.art.colour import RGB, mix, shade, tint
from maestro.art.palette import Scheme
from maestro.spec import ArtStyle, Genre

Image = npt.NDArray[np.uint8]
T = 16
SIDE_VIEWS = (Genre.PLATFORMER, Genre.RUNNER)

#: Tile names and their animation frame counts.
TILE_FRAMES: dict[str, int] = {
    "solid": 1, "solid_top": 1, "empty": 1, "platform": 1, "spikes": 1, "goal": 2,
    "door": 1, "exit": 2, "target": 1, "floor": 1, "wall": 1,
}


def blank(w: int = T, h: int = T) -> Image:
    return np.zeros((h, w, 4), dtype=np.uint8)


def fill(image: Image, x0: int, y0: int, x1: int, y1: int, colour: RGB) -> None:
    """Paint the half-open box [x0, x1) x [y0, y1) opaque."""
    image[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = (*colour, 255)


def tiles(scheme: Scheme, genre: Genre, setting: str | None = None) -> dict[str, list[Image]]:
    """Every tile's frames, of the setting's material."""
    side = genre in SIDE_VIEWS
    s = scheme
    look = _look(s)
    if setting in MATERIALS or look != "textured":
        m = _material(s, setting)
        ground, top = _set_ground(m, look, cap=False), _set_ground(m, look, cap=True)
        wall, floor = _set_wall(m, look), _set_floor(m, look)
    else:
        ground, top = _ground(s, grass=False), _ground(s, grass=True)
        wall, floor = _wall(s), _floor(s)
    made = {
        "solid": [ground if side else wall],
        "solid_top": [top if side else wall],
        "empty": [blank() if side else floor],
        "platform": [_platform(s)],
        "spikes": [_spikes(s, blank() if side else floor.copy())],
        "goal": [_flag(s, wave) for wave in (0, 1)],
        "door": [_door(s)],
        "exit": [_exit(s, glow) for glow in (0, 1)],
        "target": [_target(s, floor.copy())],
        "floor": [floor],
        "wall": [wall],
    }
    return {name: [s_snap(scheme, frame) for frame in frames] for name, frames in made.items()}


def s_snap(scheme: Scheme, image: Image) -> Image:
    """Snap every opaque pixel to the palette when the scheme is limited (Game Boy)."""
    if not scheme.limited:
        return image
    out = image.copy()
    opaque = out[..., 3] > 0
    base = np.array(scheme.base, dtype=np.int32)
    pixels = out[opaque][:, :3].astype(np.int32)
    nearest = ((pixels[:, None, :] - base[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    out[opaque, :3] = base[nearest].astype(np.uint8)
    return out


def _speckle(image: Image, colour: RGB, every: int, offset: int) -> None:
    for y in range(T):
        for x in range(T):
            if (x * 7 + y * 13 + offset) % every == 0 and image[y, x, 3]:
                image[y, x, :3] = colour


def _ground(s: Scheme, grass: bool) -> Image:
    image = blank()
    fill(image, 0, 0, T, T, s.terrain)
    _speckle(image, shade(s.terrain, 0.25), 11, 3)
    _speckle(image, tint(s.terrain, 0.15), 17, 5)
    if grass:
        fill(image, 0, 0, T, 4, s.terrain_top)
        for x in range(0, T, 3):
            fill(image, x, 4, x + 1, 5 + (x % 2), s.terrain_top)
        fill(image, 0, 0, T, 1, tint(s.terrain_top, 0.3))
    return image


def _wall(s: Scheme) -> Image:
    image = blank()
    fill(image, 0, 0, T, T, s.terrain)
    mortar = shade(s.terrain, 0.35)
    for row, y in enumerate(range(0, T, 4)):
        fill(image, 0, y + 3, T, y + 4, mortar)
        for x in range(-4 if row % 2 else 0, T, 8):
            fill(image, x + 7, y, x + 8, y + 3, mortar)
        fill(image, 0, y, T, y + 1, tint(s.terrain, 0.15))
    return image


def _floor(s: Scheme) -> Image:
    image = blank()
    fill(image, 0, 0, T, T, s.floor)
    edge = mix(s.floor, s.terrain, 0.35)
    fill(image, 0, 0, T, 1, edge)
    fill(image, 0, 0, 1, T, edge)
    _speckle(image, mix(s.floor, s.terrain, 0.2), 23, 1)
    return image


def _platform(s: Scheme) -> Image:
    image = blank()
    fill(image, 0, 0, T, 6, s.outline)
    fill(image, 0, 1, T, 5, s.terrain_top)
    fill(image, 0, 1, T, 2, tint(s.terrain_top, 0.3))
    for x in (3, 11):
        fill(image, x, 2, x + 1, 5, shade(s.terrain_top, 0.35))
    return image


def _spikes(s: Scheme, image: Image) -> Image:
    for base in (0, 8):
        for row in range(8):
            half = row // 2
            fill(image, base + 3 - half, 8 + row, base + 5 + half, 9 + row, s.hazard)
        fill(image, base + 3, 8, base + 5, 9, tint(s.hazard, 0.5))
    fill(image, 0, 15, T, 16, s.outline)
    return image


def _flag(s: Scheme, wave: int) -> Image:
    image = blank()
    fill(image, 2, 0, 4, T, s.outline)
    fill(image, 2, 0, 3, T, tint(s.outline, 0.4))
    for row in range(7):
        length = 10 - abs(3 - row) - (wave if row % 2 else 0)
        fill(image, 4, 1 + row, 4 + length, 2 + row, s.player_accent if row else tint(s.player_accent, 0.3))
    return image


def _door(s: Scheme) -> Image:
    image = blank()
    fill(image, 0, 0, T, T, s.outline)
    wood = mix(s.terrain, s.gold, 0.35)
    fill(image, 1, 1, T - 1, T, wood)
    for x in (5, 10):
        fill(image, x, 1, x + 1, T, shade(wood, 0.3))
    fill(image, 6, 6, 10, 10, s.gold)
    fill(image, 7, 7, 9, 11, s.outline)
    return image


def _exit(s: Scheme, glow: int) -> Image:
    image = _floor(s)
    fill(image, 2, 2, 14, 14, s.outline)
    for step in range(4):
        colour = mix(s.gold, s.outline, step / 4) if not glow else mix(tint(s.gold, 0.3), s.outline, step / 4)
        fill(image, 3 + step, 3 + step * 3, 13, 6 + step * 3, colour)
    return image


def _target(s: Scheme, image: Image) -> Image:
    ring = s.gold
    fill(image, 3, 3, 13, 13, ring)
    fill(image, 5, 5, 11, 11, s.floor)
    fill(image, 7, 7, 9, 9, ring)
    return image


# ---- materials per setting -------------------------------------------------------------------------

#: Per setting: (body, cap, wall kind, floor kind, mark) as target colours and drawing kinds; the
#: colours are taken to the palette's nearest.
MATERIALS: dict[str, tuple[RGB, RGB, str, str, RGB]] = {
    "forest": ((112, 78, 50), (70, 150, 60), "hedge", "grass", (50, 110, 50)),
    "garden": ((120, 86, 56), (90, 170, 80), "hedge", "grass", (240, 120, 160)),
    "swamp": ((80, 70, 50), (100, 120, 60), "hedge", "grass", (60, 80, 50)),
    "desert": ((206, 160, 96), (236, 200, 130), "blocks", "sand", (170, 120, 70)),
    "ice": ((130, 170, 210), (244, 250, 255), "ice", "snow", (200, 230, 250)),
    "crypt": ((110, 104, 120), (140, 134, 150), "bricks", "flags", (80, 76, 90)),
    "castle": ((130, 130, 140), (160, 160, 170), "bricks", "flags", (96, 96, 110)),
    "cave": ((96, 84, 84), (130, 116, 110), "rock", "flags", (70, 60, 64)),
    "factory": ((110, 116, 126), (230, 190, 60), "plates", "plates", (60, 62, 70)),
    "space": ((100, 104, 130), (150, 156, 180), "plates", "plates", (70, 72, 96)),
    "city": ((150, 80, 64), (190, 70, 50), "bricks", "pavement", (110, 60, 50)),
    "water": ((90, 100, 110), (226, 200, 140), "rock", "sand", (240, 120, 140)),
    "lava": ((56, 40, 40), (90, 60, 50), "rock", "cracks", (255, 130, 40)),
    "sky": ((220, 232, 245), (255, 255, 255), "cloud", "cloud", (190, 210, 235)),
}


class _Material:
    """One setting's colours for the tiles, all from the palette."""

    def __init__(self, s: Scheme, body: RGB, cap: RGB, wall: str, floor: str, mark: RGB) -> None:
        known: dict[RGB, RGB] = {}

        def honest(colour: RGB) -> RGB:
            if colour not in known:
                known[colour] = s.nearest(colour)
            return known[colour]

        self.honest = honest
        self.scheme = s
        self.body, self.cap, self.mark = honest(body), honest(cap), honest(mark)
        self.wall_kind, self.floor_kind = wall, floor
        self.dark, self.light = honest(shade(self.body, 0.3)), honest(tint(self.body, 0.2))
        self.floor = honest(mix(s.floor, self.cap if floor in ("sand", "snow", "grass") else self.body, 0.25))


def _material(s: Scheme, setting: str | None) -> _Material:
    if setting in MATERIALS:
        return _Material(s, *MATERIALS[setting])
    return _Material(s, s.terrain, s.terrain_top, "bricks", "plain", shade(s.terrain, 0.3))


def _look(s: Scheme) -> str:
    """How tiles are drawn under the style: "plain" (flat, pastel), "neon", or "textured"."""
    if s.style in (ArtStyle.FLAT, ArtStyle.PASTEL):
        return "plain"
    return "neon" if s.style == ArtStyle.NEON else "textured"


def _neon_rim(m: _Material, image: Image, top_only: bool) -> Image:
    """A dark block with a glowing rim (all round, or the top only) and a dimmer line inside it."""
    s = m.scheme
    glow = m.honest(tint(m.cap, 0.3)) if m.cap != s.background else s.gold
    halo = m.honest(mix(m.body, glow, 0.45))
    if top_only:
        fill(image, 0, 1, T, 2, halo)
        fill(image, 0, 0, T, 1, glow)
        return image
    for inset, colour in ((1, halo), (0, glow)):
        fill(image, inset, inset, T - inset, inset + 1, colour)
        fill(image, inset, T - inset - 1, T - inset, T - inset, colour)
        fill(image, inset, inset, inset + 1, T - inset, colour)
        fill(image, T - inset - 1, inset, T - inset, T - inset, colour)
    return image


def _set_ground(m: _Material, look: str, cap: bool) -> Image:
    """Side-view ground: the body, and with ``cap`` its top (grass, sand, snow, roof tiles, a lip)."""
    image = blank()
    if look == "neon":
        fill(image, 0, 0, T, T, m.honest(mix(m.scheme.background, m.body, 0.45)))
        return _neon_rim(m, image, top_only=True) if cap else image
    fill(image, 0, 0, T, T, m.body)
    plain = look == "plain"
    if not plain:
        kind = m.wall_kind
        if kind == "bricks":
            _bricks(image, m.dark, 8, 4)
        elif kind == "plates":
            _plate(image, m.dark, m.light)
        elif kind in ("rock", "ice"):
            for x0, y0, x1, y1 in ((3, 5, 7, 9), (7, 9, 9, 13), (11, 3, 13, 7)):
                fill(image, x0, y0, x1, y0 + 1, m.dark)
                fill(image, x1 - 1, y0, x1, y1, m.dark)
            if m.mark != m.body:
                fill(image, 12, 11, 14, 13, m.mark)
        else:
            _speckle(image, m.dark, 11, 3)
    if not cap:
        return image
    cap_colour = m.cap
    if m.wall_kind == "hedge":
        fill(image, 0, 0, T, 4, cap_colour)
        if not plain:
            for x in range(0, T, 3):
                fill(image, x, 4, x + 1, 5 + (x % 2), cap_colour)
            fill(image, 0, 0, T, 1, m.honest(tint(cap_colour, 0.3)))
    elif m.wall_kind == "ice" or m.floor_kind == "snow":
        fill(image, 0, 0, T, 4, cap_colour)
        for x, depth in ((2, 7), (7, 6), (12, 8)):
            fill(image, x, 4, x + 2, depth, cap_colour)
    elif m.floor_kind == "pavement":
        for x in range(0, T, 4):
            fill(image, x, 0, x + 4, 5, cap_colour)
            if not plain:
                fill(image, x + 3, 0, x + 4, 5, m.honest(shade(cap_colour, 0.3)))
        fill(image, 0, 5, T, 6, m.honest(shade(cap_colour, 0.35)))
    elif m.floor_kind == "cracks":
        fill(image, 0, 0, T, 3, cap_colour)
        fill(image, 0, 0, T, 1, m.mark)
    else:
        fill(image, 0, 0, T, 4, cap_colour)
        if not plain:
            fill(image, 0, 0, T, 1, m.honest(tint(cap_colour, 0.3)))
            fill(image, 0, 4, T, 5, m.honest(shade(cap_colour, 0.25)))
    return image


def _set_wall(m: _Material, look: str) -> Image:
    """Top-down wall: hedge, stone bricks, sandstone blocks, an ice block, a metal panel, rock."""
    image = blank()
    if look == "neon":
        fill(image, 0, 0, T, T, m.honest(mix(m.scheme.background, m.body, 0.45)))
        return _neon_rim(m, image, top_only=False)
    kind = m.wall_kind
    base = m.cap if kind in ("hedge", "cloud") else m.body
    fill(image, 0, 0, T, T, base)
    if look == "plain":
        fill(image, 0, 0, T, 2, m.honest(tint(base, 0.25)))
        return image
    dark, light = m.honest(shade(base, 0.3)), m.honest(tint(base, 0.25))
    if kind == "hedge":
        for x, y in ((3, 4), (10, 3), (6, 10), (13, 11), (1, 12)):
            fill(image, x, y, x + 2, y + 2, dark)
            fill(image, x, y - 1, x + 1, y, light)
    elif kind in ("bricks", "blocks"):
        _bricks(image, dark, 8 if kind == "bricks" else 16, 4 if kind == "bricks" else 8)
        fill(image, 0, 0, T, 1, light)
    elif kind == "plates":
        _plate(image, dark, light)
    elif kind == "ice":
        fill(image, 0, 0, T, 1, light)
        for i in range(5):
            fill(image, 3 + i, 9 - i, 4 + i, 10 - i, light)
        fill(image, 0, T - 1, T, T, dark)
    else:
        fill(image, 0, 0, T, 2, light)
        for x0, y0 in ((2, 5), (9, 9), (5, 12)):
            fill(image, x0, y0, x0 + 5, y0 + 1, dark)
    return image


def _set_floor(m: _Material, look: str) -> Image:
    """Top-down floor, quiet: grass tufts, sand dots, snow, flagstones, plates, pavement."""
    image = blank()
    fill(image, 0, 0, T, T, m.floor)
    if look == "plain":
        return image
    kind = m.floor_kind
    line = m.honest(mix(m.floor, m.dark, 0.35))
    if look == "neon":
        fill(image, 0, 0, T, 1, line)
        fill(image, 0, 0, 1, T, line)
        return image
    if kind == "grass":
        for x, y in ((3, 4), (11, 9), (6, 13)):
            fill(image, x, y, x + 1, y + 2, line)
            fill(image, x + 2, y, x + 3, y + 2, line)
    elif kind in ("sand", "snow", "cloud"):
        _speckle(image, line, 19, 2)
    elif kind in ("flags", "pavement"):
        fill(image, 0, 0, T, 1, line)
        fill(image, 0, 0, 1, T, line)
        fill(image, 8, 8, T, 9, line)
        fill(image, 8, 8, 9, T, line)
    elif kind == "plates":
        fill(image, 0, 0, T, 1, line)
        fill(image, 0, 0, 1, T, line)
        fill(image, 3, 3, 4, 4, line)
        fill(image, 12, 12, 13, 13, line)
    elif kind == "cracks":
        for i in range(4):
            fill(image, 4 + i * 2, 5 + i, 6 + i * 2, 6 + i, m.mark)
    else:
        fill(image, 0, 0, T, 1, line)
        fill(image, 0, 0, 1, T, line)
    return image


def _bricks(image: Image, mortar: RGB, width: int, height: int) -> None:
    for row, y in enumerate(range(0, T, height)):
        fill(image, 0, y + height - 1, T, y + height, mortar)
        for x in range(-width // 2 if row % 2 else 0, T, width):
            fill(image, x + width - 1, y, x + width, y + height - 1, mortar)


def _plate(image: Image, seam: RGB, rivet: RGB) -> None:
    fill(image, 0, T - 1, T, T, seam)
    fill(image, T - 1, 0, T, T, seam)
    for x, y in ((2, 2), (12, 2), (2, 12), (12, 12)):
        fill(image, x, y, x + 2, y + 2, rivet)
