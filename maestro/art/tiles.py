"""Tiles for every tile name a level can hold, drawn in the scheme's colours.

Side views (platformer, runner) read ``solid`` as ground (``solid_top`` is the same block with
its grassy edge, for tiles with air above), ``platform`` as a thin one-way plank and ``empty``
as air (no tile: the background shows). Top-down views (top-down, puzzle, and the shooter's
backdrop) read ``solid`` as a brick wall and ``empty`` as floor. Every genre gets every tile, so
a level never names a tile the atlas lacks.
"""

import numpy as np
import numpy.typing as npt

from maestro.art.colour import RGB, mix, shade, tint
from maestro.art.palette import Scheme
from maestro.spec import Genre

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


def tiles(scheme: Scheme, genre: Genre) -> dict[str, list[Image]]:
    """Every tile's frames."""
    side = genre in SIDE_VIEWS
    s = scheme
    ground = _ground(s, grass=False)
    wall = _wall(s)
    floor = _floor(s)
    made = {
        "solid": [ground if side else wall],
        "solid_top": [_ground(s, grass=True) if side else wall],
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
