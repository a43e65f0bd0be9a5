"""The ground seen from above, per setting: under a shooter's ships and around a top-down map.

:func:`ground` draws a setting's ground (rooftops and streets, dunes and cacti, canopies, flagstones,
metal plates, the sea floor...) on a painter that wraps both ways, so it tiles in x and y: the
shooter scrolls it down, the top-down and puzzle views lay it around the map. :func:`overlay`
draws what floats above it (clouds, bubbles, snowflakes, embers, stars) for the shooter's near layer.
"""

import math

from maestro.art.colour import RGB, mix
from maestro.art.paint import Painter
from maestro.art.scenery import Look
from maestro.rng import Rng


def ground(p: Painter, setting: str, k: Look, rng: Rng, strength: float = 1.0) -> None:
    """The details of the setting's ground (the caller lays its base colour, ``k.far``, under them);
    ``strength`` < 1 makes them quieter."""
    base = k.far

    def detail(colour: RGB, amount: float = 1.0) -> RGB:
        return mix(base, colour, min(1.0, amount * strength))

    w, h = p.w, p.h
    kind = GROUNDS.get(setting, "plain")
    if kind == "grass":
        leaf = detail(k.near)
        for _ in range(w * h // 900):
            x, y = rng.below(w), rng.below(h)
            if setting == "swamp" and rng.chance(1, 3):
                p.ellipse(x, y, rng.between(10, 18), rng.between(6, 10), detail(k.sky, 0.8))
                p.ellipse(x + 2, y, 3, 2, detail(k.light, 0.6))
            elif setting == "garden" and rng.chance(1, 3):
                p.circle(x, y, 2, detail(k.accent))
                p.circle(x + 5, y + 3, 2, detail(k.light))
            else:
                for dx, dy, r in ((0, 0, 7), (6, 3, 5), (-5, 4, 5)):
                    p.circle(x + dx, y + dy, r * (1.4 if strength >= 1 else 0.6), leaf)
    elif kind == "sand":
        ripple = detail(k.near, 0.5)
        for y0 in range(0, h, 40 if k.neon else 16):
            phase = rng.below(100) / 100 * 2 * math.pi
            for x in range(0, w, 2):
                wave = y0 + 3 * math.sin(2 * math.pi * 2 * x / w + phase)
                p.rect(x, wave, x + 2, wave + 1, ripple)
        for _ in range(w * h // 6000):
            x, y = rng.below(w), rng.below(h)
            cactus = detail(k.accent)
            p.circle(x, y, 4, cactus)
            for dx, dy in ((6, 0), (-6, 0), (0, 6), (0, -6)):
                p.circle(x + dx, y + dy, 2, cactus)
    elif kind == "snow":
        for _ in range(w * h // 3000):
            x, y = rng.below(w), rng.below(h)
            p.ellipse(x, y, rng.between(10, 22), rng.between(5, 10), detail(k.near, 0.35))
        for _ in range(w * h // 2500):
            x, y = rng.below(w), rng.below(h)
            p.circle(x, y, 5, detail(k.accent, 0.8))
            p.circle(x, y, 2, detail(k.light))
    elif kind == "stone":
        joint = detail(k.deep, 0.6)
        for row, y in enumerate(range(0, h, 20)):
            shift = (row % 2) * 14
            p.rect(0, y, w, y + 1, joint)
            for x in range(shift, w + shift, 28):
                p.rect(x, y, x + 1, y + 20, joint)
        if setting == "cave":
            for _ in range(w * h // 2500):
                x, y = rng.below(w), rng.below(h)
                p.ellipse(x, y, rng.between(3, 6), rng.between(2, 4), detail(k.near, 0.8))
    elif kind == "metal":
        seam, rivet = detail(k.deep, 0.6), detail(k.light, 0.5)
        for y in range(0, h, 40):
            p.rect(0, y, w, y + 1, seam)
            for x in range(0, w, 40):
                p.rect(x, y, x + 1, y + 40, seam)
                for rx, ry in ((4, 4), (35, 4), (4, 35), (35, 35)):
                    p.rect(x + rx, y + ry, x + rx + 2, y + ry + 2, rivet)
        for x in range(20, w, 80):
            p.rect(x, 0, x + 6, h, detail(k.near, 0.8))
    elif kind == "city":
        street = detail(k.deep, 0.8)
        block = 80
        for y in range(0, h, block):
            p.rect(0, y, w, y + 10, street)
            for x in range(0, w, block):
                p.rect(x, y, x + 10, y + block, street)
                for i, (rx, ry, rw, rh) in enumerate(((14, 14, 30, 26), (48, 14, 28, 26), (14, 44, 62, 32))):
                    roof = detail(k.near if i % 2 else k.accent, 0.6 if i % 2 else 0.45)
                    p.rect(x + rx, y + ry, x + rx + rw, y + ry + rh, roof)
                    if rng.chance(1, 2):
                        cx, cy = x + rx + rng.between(3, rw - 8), y + ry + rng.between(3, rh - 8)
                        p.rect(cx, cy, cx + 5, cy + 5, detail(k.deep, 0.7))
                p.rect(x + 4, y + 4, x + 6, y + 6, detail(k.light))
    elif kind == "water":
        weed = detail(k.near)
        for _ in range(w * h // 9000):
            x, y = rng.below(w), rng.below(h)
            p.ellipse(x, y, rng.between(8, 14), rng.between(5, 8), detail(k.deep, 0.8))
            for i in range(3):
                p.circle(x + 14 + i * 5, y - 6 + (i % 2) * 4, 4 - i % 2, detail(k.accent))
        for _ in range(w * h // 6000):
            x0, y0 = rng.below(w), rng.below(h)
            for i in range(10):
                p.circle(x0 + 3 * math.sin(i / 1.5), y0 + i * 3, 2, weed)
    elif kind == "lava":
        for x0 in range(0, w, 80):
            phase = rng.below(100) / 100 * 2 * math.pi
            for y in range(0, h, 2):
                river = x0 + 30 + 10 * math.sin(2 * math.pi * 2 * y / h + phase)
                p.rect(river - 3, y, river + 4, y + 2, detail(k.light, 0.9))
        for _ in range(w * h // 3000):
            x, y = rng.below(w), rng.below(h)
            p.ellipse(x, y, rng.between(4, 8), rng.between(3, 5), detail(k.near, 0.8))
    elif kind == "clouds":
        for _ in range(w * h // 5000):
            x, y = rng.below(w), rng.below(h)
            for dx, dy, r in ((0, 0, 12), (12, 3, 9), (-11, 4, 8)):
                p.circle(x + dx, y + dy, r, detail(k.light, 0.5))
    elif kind == "space":
        for _ in range(w * h // 700):
            x, y = rng.below(w), rng.below(h)
            p.rect(x, y, x + 1, y + 1, detail(k.light, 0.7))


#: What each setting's ground is made of, seen from above.
GROUNDS: dict[str, str] = {
    "forest": "grass", "garden": "grass", "swamp": "grass", "desert": "sand", "ice": "snow", "crypt": "stone",
    "castle": "stone", "cave": "stone", "factory": "metal", "space": "space", "city": "city", "water": "water",
    "lava": "lava", "sky": "clouds",
}


def overlay(p: Painter, setting: str, k: Look, rng: Rng) -> None:
    """What drifts above the ground in a shooter, transparent elsewhere."""
    w, h = p.w, p.h
    if setting in ("sky", "city", "forest", "garden", "castle"):
        cloud = mix(k.light, k.sky, 0.2)
        for _ in range(3):
            x, y = rng.below(w), rng.below(h)
            for dx, dy, r in ((0, 0, 16), (16, 4, 12), (-15, 5, 11), (4, 10, 12)):
                p.circle(x + dx, y + dy, r, cloud)
    elif setting == "water":
        for _ in range(14):
            x, y, r = rng.below(w), rng.below(h), rng.between(2, 5)
            p.circle(x, y, r, mix(k.light, k.sky, 0.2))
            p.circle(x, y, r - 1, None)
    elif setting == "ice":
        for _ in range(26):
            x, y = rng.below(w), rng.below(h)
            p.rect(x - 1, y, x + 2, y + 1, k.light)
            p.rect(x, y - 1, x + 1, y + 2, k.light)
    elif setting == "lava":
        for _ in range(18):
            x, y = rng.below(w), rng.below(h)
            p.rect(x, y, x + 2, y + 2, k.accent)
    elif setting in ("factory", "swamp", "cave", "crypt"):
        for _ in range(4):
            x, y = rng.below(w), rng.below(h)
            p.ellipse(x, y, rng.between(14, 24), rng.between(8, 12), mix(k.sky, k.light, 0.25))
    else:
        for _ in range(14):
            x, y = rng.below(w), rng.below(h)
            p.rect(x, y, x + 2, y + 2, k.light)
