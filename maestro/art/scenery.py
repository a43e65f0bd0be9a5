"""Side-view scenery per setting: what stands behind a platformer or a runner.

Each setting draws two silhouette layers that scroll at different speeds: ``far`` (a skyline, a
mountain range, a colonnade) and ``near`` (rooftops with chimneys, pines, stalactites). They are
drawn with a wrapping :class:`~maestro.art.paint.Painter`, so they tile along x, and in the
colours of a :class:`Look`: the scheme's own, mixed toward the setting's materials.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from maestro.art.colour import RGB, luminance, mix, shade, tint
from maestro.art.paint import Floats, Painter, waves
from maestro.art.palette import Scheme
from maestro.rng import Rng
from maestro.spec import ArtStyle

W, H = 320, 240
PLAIN_STYLES = frozenset({ArtStyle.FLAT, ArtStyle.PASTEL})


@dataclass(frozen=True)
class Tones:
    """What a setting asks of the colours: the sky's hue and how far to lean to it, the main
    material, a light (sun, snow, lit window, lava) and an accent (flags, flowers, coral)."""

    sky: RGB
    lean: float
    material: RGB
    light: RGB
    accent: RGB


TONES: dict[str, Tones] = {
    "desert": Tones((250, 196, 120), 0.35, (196, 140, 84), (255, 224, 130), (70, 140, 70)),
    "city": Tones((70, 70, 120), 0.15, (70, 72, 96), (255, 214, 110), (200, 70, 60)),
    "forest": Tones((130, 190, 150), 0.15, (40, 100, 56), (170, 220, 120), (110, 74, 46)),
    "cave": Tones((44, 38, 46), 0.55, (88, 78, 84), (140, 220, 230), (150, 110, 210)),
    "crypt": Tones((56, 50, 70), 0.45, (104, 98, 116), (255, 190, 90), (80, 76, 90)),
    "castle": Tones((150, 172, 212), 0.15, (120, 120, 132), (255, 220, 120), (200, 50, 60)),
    "ice": Tones((214, 234, 252), 0.35, (110, 150, 190), (244, 250, 255), (40, 96, 84)),
    "lava": Tones((96, 34, 24), 0.5, (62, 40, 40), (255, 130, 40), (255, 210, 80)),
    "water": Tones((30, 100, 160), 0.55, (34, 84, 120), (190, 240, 250), (240, 120, 140)),
    "sky": Tones((150, 204, 250), 0.3, (236, 244, 255), (255, 255, 255), (255, 220, 120)),
    "space": Tones((12, 10, 34), 0.7, (90, 80, 120), (240, 240, 255), (200, 120, 220)),
    "factory": Tones((130, 116, 100), 0.3, (96, 100, 110), (255, 200, 90), (200, 90, 50)),
    "garden": Tones((190, 232, 200), 0.2, (60, 140, 70), (210, 240, 250), (240, 110, 150)),
    "swamp": Tones((96, 116, 80), 0.4, (58, 74, 50), (200, 220, 160), (120, 90, 60)),
}


@dataclass(frozen=True)
class Look:
    """The colours one setting's layers are drawn in, and how much detail the style allows."""

    sky_top: RGB
    sky: RGB
    far: RGB
    near: RGB
    deep: RGB
    light: RGB
    accent: RGB
    plain: bool
    neon: bool


def look_for(scheme: Scheme, setting: str | None) -> Look:
    """The setting's colours, from the scheme: the sky stays about as light as the scheme's
    background (the sprites were made to stand out from it), silhouettes lean to the material."""
    plain = scheme.style in PLAIN_STYLES
    neon = scheme.style == ArtStyle.NEON
    snap = scheme.snap
    tones = TONES.get(setting or "")
    if tones is None:
        return Look(scheme.background, scheme.background, scheme.far, scheme.near, shade(scheme.near, 0.2),
                    scheme.gold, scheme.hazard, plain, neon)
    sky = _as_light_as(mix(scheme.background, scheme.nearest(tones.sky), tones.lean), scheme.background)
    material = scheme.nearest(tones.material)
    light = scheme.nearest(tones.light)
    accent = scheme.nearest(tones.accent)
    top = tint(sky, 0.12) if luminance(sky) < 0.5 else shade(sky, 0.06)
    far, near = mix(sky, material, 0.35), mix(sky, material, 0.6)
    if neon:
        far, near = mix(sky, material, 0.15), mix(sky, material, 0.25)
    return Look(snap(top), snap(sky), snap(far), snap(near), snap(mix(near, scheme.outline, 0.35)), snap(light),
                snap(accent), plain, neon)


def _as_light_as(colour: RGB, reference: RGB) -> RGB:
    """``colour`` tinted or shaded until its luminance is near ``reference``'s."""
    target = luminance(reference)
    best = colour
    for step in range(11):
        t = step / 10
        for candidate in (tint(colour, t), shade(colour, t)):
            if abs(luminance(candidate) - target) < abs(luminance(best) - target):
                best = candidate
        if abs(luminance(best) - target) < 0.06:
            break
    return best


Draw = Callable[[Painter, Painter, Look, Rng], None]


def draw_side(setting: str, look: Look, rng: Rng) -> tuple[Painter, Painter]:
    """The far and near layers of ``setting`` (a key of :data:`SIDE`)."""
    far, near = Painter(W, H), Painter(W, H)
    SIDE[setting](far, near, look, rng)
    return far, near


def _phase(rng: Rng) -> float:
    return rng.below(1000) / 1000 * 2 * math.pi


def _ridge(rng: Rng, base: float, parts: tuple[tuple[int, float], ...]) -> Floats:
    """Heights around ``base``: whole sine cycles of (cycles, amplitude) at random phases."""
    return base + waves(W, [(cycles, amp, _phase(rng)) for cycles, amp in parts])


def _spread(rng: Rng, count: int, jitter: int) -> list[int]:
    """``count`` x positions spread evenly over the width, each moved by up to ``jitter``."""
    return [i * W // count + rng.between(-jitter, jitter) for i in range(count)]


def _forest(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    line = _ridge(rng, 140, ((2, 6), (5, 3)))
    far.below(line, k.far)
    for x in range(0, W, 10):
        if rng.chance(1, 2):
            far.tri(x + rng.below(6), line[x % W] + 4, rng.between(6, 8), rng.between(22, 34), k.far)
        else:
            far.circle(x + rng.below(6), line[x % W] - 2, rng.between(7, 10), k.far)
    floor = _ridge(rng, 214, ((1, 3), (3, 2)))
    near.below(floor, k.near)
    lit = mix(k.near, k.light, 0.25)
    for x in _spread(rng, 6, 12):
        top = rng.between(70, 110)
        near.rect(x - 4, top + 20, x + 4, H, k.deep)
        if not k.plain:
            near.line(x, top + 70, x + 14, top + 52, 3, k.deep)
        if rng.chance(1, 2):
            for tier in range(3):
                y = top + 18 + tier * 22
                near.tri(x, y + 14, 22 - tier * 2 + tier * 4, 40, k.near)
        else:
            for dx, dy, r in ((0, 0, 24), (-18, 16, 18), (18, 14, 19), (0, 26, 20)):
                near.circle(x + dx, top + dy, r, k.near)
            if not k.plain:
                near.circle(x - 8, top - 8, 9, lit)


def _cave(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    roof = _ridge(rng, 24, ((2, 6), (5, 3)))
    far.above(roof, k.far)
    for x in range(0, W, 13):
        far.tri(x + rng.below(5), roof[x % W] - 2, rng.between(4, 7), -rng.between(18, 56), k.far)
    floor = _ridge(rng, 206, ((1, 5), (4, 3)))
    far.below(floor, k.far)
    for x in range(6, W, 29):
        far.tri(x + rng.below(8), floor[x % W] + 2, rng.between(5, 8), rng.between(14, 36), k.far)
    top = _ridge(rng, 12, ((1, 4), (3, 3)))
    near.above(top, k.near)
    for x in _spread(rng, 9, 10):
        near.tri(x, top[x % W] - 2, rng.between(8, 13), -rng.between(40, 96), k.near)
    for x in _spread(rng, 2, 30):
        near.poly([(x - 9, 0), (x + 9, 0), (x + 4, 120), (x + 10, H), (x - 10, H), (x - 4, 120)], k.near)
    ground = np.array(_ridge(rng, 226, ((2, 3),)))
    near.below(ground, k.near)
    for x in _spread(rng, 4, 20):
        for dx, h in ((-5, 14), (0, 22), (5, 12)):
            near.poly([(x + dx - 3, ground[x % W] + 2), (x + dx, ground[x % W] - h), (x + dx + 3, ground[x % W] + 2)],
                      k.accent if not k.neon else k.light)


def _crypt(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    far.rect(0, 96, W, H, k.far)
    for i in range(8):
        x = i * 40 + 20
        far.rect(x - 12, 140, x + 12, H, None)
        far.ellipse(x, 140, 12, 16, None)
    if not k.plain:
        mortar = mix(k.far, k.deep, 0.5)
        for y in range(104, H, 12):
            for x in range(0 if (y // 12) % 2 else 10, W, 20):
                far.rect(x, y, x + 1, y + 6, mortar)
            far.rect(0, y + 6, W, y + 7, mortar)
        for i in range(8):
            x = i * 40 + 20
            far.rect(x - 12, 140, x + 12, H, None)
            far.ellipse(x, 140, 12, 16, None)
    near.rect(0, 0, W, 54, k.near)
    for i in range(4):
        x = i * 80 + 40
        near.ellipse(x + 40, 56, 32, 30, None)
        near.rect(x - 11, 40, x + 11, H, k.near)
        near.rect(x - 15, 44, x + 15, 54, k.deep)
        near.rect(x - 15, 226, x + 15, H, k.deep)
        if not k.plain:
            for y in range(62, 222, 14):
                near.rect(x - 11, y, x + 11, y + 1, k.deep)
        near.rect(x - 2, 112, x + 2, 124, k.deep)
        near.ellipse(x, 106, 4, 6, k.light)
        chain = x + 40
        for y in range(60, 100, 6):
            near.ellipse(chain, y, 2, 3, k.deep)


def _castle(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    hills = _ridge(rng, 196, ((1, 8), (3, 4)))
    far.below(hills, k.far)
    for x in (80, 240):
        far.rect(x - 30, 130, x + 30, 200, k.far)
        for tx, top in ((x - 34, 104), (x + 34, 110), (x, 88)):
            far.rect(tx - 8, top, tx + 8, 200, k.far)
            far.tri(tx, top + 1, 11, 20, k.deep)
            far.line(tx, top - 19, tx, top - 30, 1, k.deep)
            far.poly([(tx, top - 30), (tx + 9, top - 27), (tx, top - 24)], k.accent)
    wall_top = 158
    near.rect(0, wall_top, W, H, k.near)
    for x in range(0, W, 16):
        near.rect(x, wall_top - 9, x + 9, wall_top, k.near)
    for x in (60, 220):
        near.rect(x - 20, 100, x + 20, H, k.near)
        for mx in range(x - 20, x + 20, 10):
            near.rect(mx, 90, mx + 6, 100, k.near)
        near.rect(x - 2, 120, x + 2, 136, k.deep)
        near.rect(x - 2, 172, x + 2, 188, k.deep)
        near.line(x, 90, x, 58, 2, k.deep)
        near.poly([(x + 1, 58), (x + 22, 63), (x + 1, 70)], k.accent)
    if not k.plain:
        mortar = mix(k.near, k.deep, 0.5)
        for y in range(wall_top + 8, H, 10):
            near.rect(0, y, W, y + 1, mortar)


def _buildings(p: Painter, rng: Rng, low: int, high: int, narrow: int, wide: int) -> list[tuple[int, int, int]]:
    """Buildings side by side over exactly the width: (left, right, top) each, the row moved a few
    pixels along so the layer's seam falls inside a building, not on the gap between two."""
    out: list[tuple[int, int, int]] = []
    x = 0
    while x < W:
        w = rng.between(narrow, wide)
        if W - (x + w) < narrow:
            w = W - x
        out.append((x + 9, x + w + 9, rng.between(low, high)))
        x += w
    return out


def _city(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    window = k.light
    dark_window = mix(k.far, k.deep, 0.4)
    for left, right, top in _buildings(far, rng, 50, 140, 18, 36):
        far.rect(left + 1, top, right, H, k.far)
        if rng.chance(1, 3):
            far.line((left + right) / 2, top, (left + right) / 2, top - rng.between(8, 20), 1, k.far)
        for y in range(top + 6, H - 4, 9):
            for x in range(left + 4, right - 4, 6):
                if rng.chance(1, 3):
                    far.rect(x, y, x + 3, y + 4, mix(window, k.far, 0.35))
                elif not k.plain:
                    far.rect(x, y, x + 3, y + 4, dark_window)
    for left, right, top in _buildings(near, rng, 150, 196, 40, 70):
        near.rect(left + 2, top, right - 1, H, k.near)
        roof = rng.below(3)
        if roof == 0:
            near.poly([(left, top + 1), ((left + right) / 2, top - 18), (right + 1, top + 1)], k.deep)
        else:
            near.rect(left, top - 4, right + 1, top, k.deep)
        chimney = left + rng.between(6, max(7, right - left - 14))
        near.rect(chimney, top - 20, chimney + 7, top, k.near)
        near.rect(chimney - 1, top - 22, chimney + 8, top - 19, k.deep)
        if roof == 2:
            mast = right - 8
            near.line(mast, top - 4, mast, top - 30, 1, k.deep)
            near.line(mast - 6, top - 24, mast + 6, top - 24, 1, k.deep)
            near.line(mast - 4, top - 18, mast + 4, top - 18, 1, k.deep)
        for y in range(top + 8, H - 6, 14):
            for x in range(left + 7, right - 8, 12):
                near.rect(x, y, x + 5, y + 7, window if rng.chance(1, 2) else k.deep)


def _desert(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    base = _ridge(rng, 200, ((1, 6), (2, 4)))
    far.below(base, k.far)
    for x in _spread(rng, 3, 20):
        top, half = rng.between(110, 140), rng.between(26, 40)
        far.poly([(x - half - 18, 205), (x - half, top), (x + half, top), (x + half + 18, 205)], k.far)
        if not k.plain:
            far.rect(x - half, top, x + half, top + 4, mix(k.far, k.light, 0.3))
    dunes = _ridge(rng, 204, ((1, 10), (3, 6)))
    near.below(dunes, k.near)
    cactus = mix(k.accent, k.near, 0.2)
    for x in _spread(rng, 3, 30):
        foot = dunes[x % W] + 3
        height = rng.between(50, 70)
        near.rect(x - 5, foot - height, x + 5, foot, cactus)
        near.circle(x, foot - height, 5, cactus)
        for side, at in ((-1, rng.between(18, 30)), (1, rng.between(24, 38))):
            arm = x + side * 13
            near.rect(min(x, arm), foot - at, max(x, arm), foot - at + 6, cactus)
            near.rect(arm - 3, foot - at - 18, arm + 3, foot - at + 6, cactus)
            near.circle(arm, foot - at - 18, 3, cactus)
        if not k.plain:
            near.rect(x - 1, foot - height, x + 1, foot, mix(cactus, k.deep, 0.4))
    for x in _spread(rng, 5, 20):
        near.ellipse(x, dunes[x % W] + 4, rng.between(5, 9), 4, k.deep)


def _ice(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    snow = mix(k.light, k.sky, 0.15)
    far.below(np.array(_ridge(rng, 200, ((2, 4),))), k.far)
    for x in _spread(rng, 5, 16):
        height, half = rng.between(80, 130), rng.between(40, 60)
        far.tri(x, 205, half, height, k.far)
        cap = height * 0.35
        apex_y = 205 - height
        far.poly([(x - half * 0.35, apex_y + cap), (x - half * 0.15, apex_y + cap - 6), (x, apex_y + cap),
                  (x + half * 0.18, apex_y + cap - 7), (x + half * 0.35, apex_y + cap), (x, apex_y)], snow)
    ground = _ridge(rng, 208, ((1, 4), (3, 2)))
    near.below(ground, mix(snow, k.near, 0.25))
    pine = k.near if k.neon else mix(k.accent, k.near, 0.3)
    for x in _spread(rng, 7, 12):
        foot, size = ground[x % W] + 2, rng.between(14, 20)
        near.rect(x - 2, foot - 10, x + 2, foot, k.deep)
        for tier in range(3):
            y = foot - 8 - tier * size * 0.8
            half = size - tier * 4
            near.tri(x, y, half, size * 1.2, pine)
            near.tri(x, y - size * 1.2 + size * 0.45, half * 0.45, size * 0.45, snow)


def _lava(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    glow = k.light
    far.below(_ridge(rng, 196, ((2, 6), (5, 3))), k.far)
    for x in (90, 250):
        far.poly([(x - 90, 200), (x - 18, 96), (x + 18, 96), (x + 90, 200)], k.far)
        far.rect(x - 14, 96, x + 14, 101, glow)
        for dx, length in ((-8, 44), (6, 60)):
            far.line(x + dx, 100, x + dx * 3, 100 + length, 3, mix(glow, k.far, 0.2))
        for i, (dx, r) in enumerate(((0, 10), (10, 13), (-6, 16))):
            far.circle(x + dx, 82 - i * 18, r, mix(k.far, k.sky, 0.45))
    rocks = 196 + np.array(waves(W, [(3, 10, _phase(rng)), (7, 6, _phase(rng))]))
    rocks += np.where((np.arange(W) // 6) % 2 == 0, 3, -3)
    near.below(rocks, k.near)
    near.rect(0, 226, W, H, glow)
    near.rect(0, 226, W, 228, mix(glow, k.accent, 0.5))
    if not k.plain:
        for x in _spread(rng, 6, 14):
            top = rocks[x % W] + 6
            near.line(x, top, x + 5, top + 10, 1, glow)
            near.line(x + 5, top + 10, x + 2, top + 20, 1, glow)


def _water(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    reef = _ridge(rng, 190, ((2, 10), (5, 5)))
    far.below(reef, k.far)
    for x in _spread(rng, 9, 14):
        y, r = rng.between(40, 170), rng.between(2, 4)
        far.circle(x, y, r, mix(k.light, k.sky, 0.4))
        if r > 2:
            far.circle(x, y, r - 1, None)
    sand = mix(k.near, k.light, 0.25)
    floor = _ridge(rng, 224, ((1, 3), (4, 2)))
    weed = mix(k.near, (60, 150, 90), 0.2) if not k.neon else k.near
    for x0 in _spread(rng, 7, 14):
        height = rng.between(60, 130)
        phase = _phase(rng)
        for y in range(H, H - height, -3):
            near.circle(x0 + 5 * math.sin((H - y) / 11 + phase), y, 3, weed)
    for x in _spread(rng, 3, 30):
        foot = floor[x % W]
        for dx, top in ((-8, 26), (0, 38), (8, 22)):
            near.line(x, foot, x + dx, foot - top, 3, k.accent)
            near.circle(x + dx, foot - top, 3, k.accent)
    near.below(floor, sand)


def _sky(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    bank = _ridge(rng, 196, ((2, 6), (5, 3)))
    cloud_far = mix(k.light, k.sky, 0.45)
    far.below(bank, cloud_far)
    for x in range(0, W, 18):
        far.circle(x + rng.below(6), bank[x % W] + 4, rng.between(9, 15), cloud_far)
    cloud = mix(k.light, k.sky, 0.1)
    underside = mix(k.light, k.sky, 0.4)
    for x in _spread(rng, 3, 30):
        y = rng.between(120, 190)
        for dx, dy, r in ((-26, 6, 14), (-8, -6, 20), (14, -2, 17), (32, 8, 12)):
            near.circle(x + dx, y + dy, r, cloud)
        near.rect(x - 38, y + 10, x + 44, y + 20, underside if not k.plain else cloud)


def _space(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    for _ in range(60):
        x, y = rng.below(W), rng.below(190)
        far.rect(x, y, x + 1, y + 1, mix(k.light, k.sky, 0.3))
    for _ in range(8):
        x, y = rng.below(W), rng.below(180)
        far.rect(x - 1, y, x + 2, y + 1, k.light)
        far.rect(x, y - 1, x + 1, y + 2, k.light)
    ground = _ridge(rng, 206, ((1, 6), (3, 4), (7, 2)))
    near.below(ground, k.near)
    for x in _spread(rng, 6, 16):
        near.ellipse(x, ground[x % W] + 10, rng.between(7, 12), 3, k.deep)


def _factory(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    far.rect(0, 150, W, H, k.far)
    for x in range(0, W, 32):
        far.poly([(x, 150), (x + 24, 126), (x + 24, 150)], k.far)
        if not k.plain:
            far.rect(x + 20, 130, x + 23, 150, mix(k.far, k.light, 0.3))
    smoke = mix(k.far, k.sky, 0.55)
    for x in _spread(rng, 3, 20):
        top = rng.between(50, 80)
        far.rect(x - 7, top, x + 7, 150, k.far)
        far.rect(x - 9, top, x + 9, top + 5, k.deep)
        far.rect(x - 7, top + 20, x + 7, top + 24, k.accent)
        for i in range(3):
            far.circle(x + 6 + i * 9, top - 8 - i * 9, 6 + i * 3, smoke)
    pipe = k.near
    for y, thick in ((112, 10), (188, 14)):
        near.rect(0, y, W, y + thick, pipe)
        for x in range(0, W, 40):
            near.rect(x + 10, y - 2, x + 15, y + thick + 2, k.deep)
    for x in (70, 230):
        near.rect(x - 6, 112, x + 6, H, pipe)
        near.rect(x - 8, 150, x + 8, 155, k.deep)
    for x, y, r in ((150, 168, 22), (300, 150, 16)):
        teeth = 10
        for i in range(teeth):
            a = 2 * math.pi * i / teeth
            near.circle(x + math.cos(a) * r, y + math.sin(a) * r, 4, k.deep)
        near.circle(x, y, r, k.deep)
        near.circle(x, y, r - 3, k.near)
        near.circle(x, y, r // 3, k.deep)


def _garden(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    far.below(_ridge(rng, 200, ((1, 4), (3, 3))), k.far)
    glass = mix(k.light, k.sky, 0.4)
    for x in (80, 240):
        far.rect(x - 46, 120, x + 46, 200, glass)
        far.ellipse(x, 120, 46, 36, glass)
        far.rect(x - 46, 198, x + 46, 204, k.far)
        frame = mix(k.far, k.deep, 0.3)
        for px in range(x - 46, x + 47, 15):
            far.rect(px, 96 if abs(px - x) < 30 else 112, px + 2, 200, frame)
        far.rect(x - 46, 150, x + 46, 152, frame)
        far.rect(x - 1, 84, x + 1, 200, frame)
    hedge = _ridge(rng, 196, ((2, 4), (6, 2)))
    near.below(hedge, k.near)
    for x in range(0, W, 14):
        near.circle(x, hedge[x % W] + 2, 9, k.near)
    for x in range(4, W, 11):
        y = hedge[x % W] + rng.between(2, 20)
        colour = k.accent if rng.chance(1, 2) else k.light
        near.circle(x + rng.below(5), y, 2, colour)


def _swamp(far: Painter, near: Painter, k: Look, rng: Rng) -> None:
    far.below(np.array(_ridge(rng, 200, ((2, 3),))), k.far)
    for x in _spread(rng, 4, 20):
        foot = 200
        far.line(x, foot, x + 4, foot - 90, 5, k.far)
        far.line(x + 3, foot - 60, x - 20, foot - 84, 3, k.far)
        far.line(x + 3, foot - 74, x + 24, foot - 96, 3, k.far)
        far.line(x - 14, foot - 78, x - 22, foot - 70, 2, k.far)
        far.line(x + 18, foot - 90, x + 30, foot - 88, 2, k.far)
    water = mix(k.near, k.sky, 0.45)
    near.rect(0, 220, W, H, water)
    if not k.plain:
        for x in range(0, W, 24):
            near.rect(x + rng.below(8), 226 + rng.below(8), x + 12, 227 + rng.below(8), mix(water, k.light, 0.3))
    reed = k.near
    for x in range(2, W, 7):
        if rng.chance(2, 3):
            height = rng.between(24, 52)
            near.line(x, 222, x + rng.between(-3, 3), 222 - height, 2, reed)
            if rng.chance(1, 2):
                near.ellipse(x, 222 - height + 4, 2, 5, k.accent)
    for x in _spread(rng, 3, 30):
        near.ellipse(x, 222, 12, 3, mix(k.near, k.light, 0.2))


SIDE: dict[str, Draw] = {
    "forest": _forest, "cave": _cave, "crypt": _crypt, "castle": _castle, "city": _city, "desert": _desert,
    "ice": _ice, "lava": _lava, "water": _water, "sky": _sky, "space": _space, "factory": _factory,
    "garden": _garden, "swamp": _swamp,
}
