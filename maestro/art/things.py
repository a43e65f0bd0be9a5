"""Object archetypes: pickups, fixtures and shots, which spin and shimmer rather than walk.

Coin, gem, heart, key, potion, shield, star, crate, saw, bar, the runner's ground obstacles (cactus,
chimney, stump, rock and tombstone), bullet, orb, drop and candle, registered with
:func:`~maestro.art.pixels.thing`. Flat pickups share one spin (:func:`spin_flat`); the crate and the
ground obstacles hold still and only tumble (:func:`_tumble`); bullets and orbs also have native small
drawings (:data:`SMALL`) for the 8 and 12 px sizes shots are shown at.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np

from maestro.art.pixels import (
    ACCENT,
    BASE,
    BODY,
    CLEAR,
    EYE,
    LIGHT,
    OUTLINE,
    PUPIL,
    SHADE,
    Canvas,
    Grid,
    Mask,
    Pose,
    oval_mask,
    symmetric,
    template,
    thing,
)


def spin_flat(c: Canvas, k: int) -> None:
    """Turn a flat object about its vertical axis: frame 0 full face, 1 foreshortened, 2 edge-on, 3 the back.

    Done by resampling the drawing's columns, so every flat pickup (coin, gem, star...) spins the same way.
    """
    if k <= 0:
        return
    g = c.g
    cols = np.nonzero(g.any(axis=0))[0]
    if len(cols) == 0:
        return
    x0, x1 = int(cols[0]), int(cols[-1])
    w = x1 - x0 + 1
    nw = {1: max(3, (w * 3 + 2) // 5), 2: 3, 3: max(3, (w * 3 + 2) // 5)}[k % 4]
    src = x0 + (np.arange(nw) * w + w // 2) // nw
    part = g[:, src]
    if k % 4 == 3:
        part = part[:, ::-1].copy()
        light, shade = part == LIGHT, part == SHADE
        part[light], part[shade] = SHADE, LIGHT
    if k % 4 == 2:
        part = np.where(part != CLEAR, np.array([[LIGHT, BODY, SHADE]], dtype=np.uint8), CLEAR).astype(np.uint8)
    out = np.zeros_like(g)
    nx = (BASE - nw) // 2
    out[:, nx:nx + nw] = part
    c.g = out


@thing("coin")
def _coin(c: Canvas, p: Pose, v: int) -> None:
    """A round coin with a raised rim, an emblem and a glint that travels across it; it spins edge-on."""
    c.ball(3, 2, 12, 13, BODY, SHADE, BODY)
    c.oval(5, 4, 10, 11, SHADE)
    c.oval(6, 5, 10, 11, BODY)
    if v == 0:
        c.rect(7, 6, 8, 9, LIGHT)
    elif v == 1:
        c.rect(7, 5, 8, 10, SHADE)
        c.rect(6, 7, 9, 8, SHADE)
    else:
        c.rect(7, 7, 8, 8, OUTLINE)
    glint = p.frame % 2 if p.step < 0 else 0
    c.px(6 + glint, 3 + glint, LIGHT)
    c.px(5 + glint, 4 + glint, LIGHT)
    spin_flat(c, p.step)


_GEM = template("""
    ...llbb...
    ..llbbss..
    .llbbbbss.
    llbbbbbbss
    sbbbbbbbbs
    lbbbbbbbss
    .lbbbbbss.
    .lbbbbbss.
    ..lbbbss..
    ..lbbbss..
    ...lbss...
    ...lbss...
    ....bs....
""")


@thing("gem")
def _gem(c: Canvas, p: Pose, v: int) -> None:
    """A cut gem: a flat crown over a pointed pavilion, facets in light and shade, a star of a sparkle."""
    c.stamp(_GEM, 3, 1)
    if v == 1:
        c.rect(3, 5, 12, 5, CLEAR)
        c.rect(4, 6, 11, 6, CLEAR)
        c.rect(3, 1, 12, 1, CLEAR)
    c.line(7, 2, 7, 12, LIGHT if v != 2 else ACCENT)
    c.line(5, 5, 7, 12, SHADE if v != 2 else ACCENT)
    sparkle = ((4, 3), (10, 8), (5, 9))[(p.frame if p.step < 0 else 0) % 2]
    sx, sy = sparkle
    c.px(sx, sy, EYE)
    spin_flat(c, p.step)


_HEART = symmetric("""
    .bbb..
    bbbbb.
    bbbbbb
    bbbbbb
    bbbbbb
    .bbbbb
    ..bbbb
    ...bbb
    ....bb
""")


@thing("heart")
def _heart(c: Canvas, p: Pose, v: int) -> None:
    """A plump heart with a shine, that beats (idle) and turns (spin); a leaf or a cross by variant."""
    beat = p.step < 0 and p.bob == 1
    c.stamp(_HEART, 2, 3 + (1 if beat else 0))
    if beat:
        c.rect(2, 5, 2, 7, CLEAR)
        c.rect(13, 5, 13, 7, CLEAR)
    top = 4 if beat else 3
    c.rect(3, top + 1, 4, top + 2, LIGHT)
    c.px(5, top + 1, LIGHT)
    for y in range(top + 4, top + 9):
        c.px(14 - (y - top - 3) - 1, y, SHADE)
    c.rect(12, top + 2, 12, top + 4, SHADE)
    if v == 1:
        c.line(8, top + 1, 10, top - 2, ACCENT)
        c.rect(10, top - 2, 11, top - 2, ACCENT)
        c.px(11, top - 1, ACCENT)
    elif v == 2:
        c.rect(7, top + 2, 8, top + 6, EYE)
        c.rect(6, top + 3, 9, top + 4, EYE)
    spin_flat(c, p.step)


@thing("key")
def _key(c: Canvas, p: Pose, v: int) -> None:
    """A key lying flat: a ring (bow) on the left, a long shaft, teeth below its tip; a glint runs along it."""
    bob = 1 if (p.bob if p.step < 0 else p.step % 2) else 0
    y = 4 + bob
    if v == 1:
        c.rect(1, y, 6, y + 5, BODY)
        c.rect(1, y + 5, 6, y + 5, SHADE)
    else:
        c.ball(1, y, 6, y + 5)
    if v == 2:
        c.px(1, y, BODY)
        c.px(6, y, BODY)
        c.px(3, y - 1, BODY)
        c.px(4, y - 1, BODY)
    c.rect(3, y + 2, 4, y + 3, CLEAR)
    c.rect(6, y + 2, 14, y + 3, BODY)
    c.rect(7, y + 3, 14, y + 3, SHADE)
    c.rect(11, y + 4, 12, y + 6, BODY)
    c.rect(13, y + 4, 14, y + 5, BODY)
    c.px(12, y + 6, SHADE)
    c.px(14, y + 5, SHADE)
    c.px(8, y + 4, BODY)
    glint = (2, 8, 11, 5)[(p.frame % 2) if p.step < 0 else p.step % 4]
    c.px(glint, y + 2 if glint > 6 else y + 1, LIGHT)
    c.px(2, y + 1, LIGHT)


@thing("potion")
def _potion(c: Canvas, p: Pose, v: int) -> None:
    """A round flask of coloured liquid with a cork, a bubble rising in it and a glint on the glass."""
    tick = p.frame % 2 if p.step < 0 else p.step
    if v == 1:
        c.rect(3, 5, 12, 14, LIGHT)
        c.rect(4, 9, 11, 13, BODY)
    else:
        c.ball(3, 6, 12, 14, LIGHT, LIGHT, LIGHT)
        c.oval(4, 7, 11, 13, BODY)
        c.rect(4, 6, 11, 9 + (tick % 2), LIGHT)
        if v == 2:
            c.oval(4, 7, 11, 13, ACCENT, -0.7)
    c.rect(6, 3, 9, 6, LIGHT)
    c.rect(5, 1, 10, 2, SHADE)
    c.rect(5, 10 + (tick % 2), 10, 10 + (tick % 2), SHADE if v != 1 else BODY)
    c.rect(12, 10, 12, 12, LIGHT)
    bubble = (12, 11, 12, 11)[tick % 4]
    c.px(8, bubble, EYE)
    c.px(10, bubble - 1, EYE)
    c.rect(4, 7, 4, 8, EYE)


_SHIELD = symmetric("""
    bbbbbb
    bbbbbb
    bbbbbb
    bbbbbb
    bbbbbb
    bbbbbb
    .bbbbb
    .bbbbb
    ..bbbb
    ...bbb
    ....bb
""")


@thing("shield")
def _shield(c: Canvas, p: Pose, v: int) -> None:
    """A heater shield: a rim in shade, a field in the body colour, a cross, band or boss in the accent."""
    c.stamp(_SHIELD, 2, 2)
    c.stamp(_SHIELD[:-1, 1:-1], 3, 2)
    inner = _SHIELD[1:-2, 2:-2]
    c.stamp(np.where(inner >= 0, SHADE, -1).astype(np.int8), 2, 2)
    c.stamp(_SHIELD, 2, 2)
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, 1, 1)] = SHADE
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 1)] = SHADE
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 0)] = SHADE
    c.rect(2, 2, 13, 2, SHADE)
    if v == 0:
        c.rect(7, 3, 8, 11, ACCENT)
        c.rect(4, 6, 11, 7, ACCENT)
    elif v == 1:
        c.line(3, 5, 7, 9, ACCENT)
        c.line(3, 6, 7, 10, ACCENT)
        c.line(12, 5, 8, 9, ACCENT)
        c.line(12, 6, 8, 10, ACCENT)
    else:
        c.ball(5, 5, 10, 10, ACCENT, ACCENT, EYE)
    glint = p.frame % 2 if p.step < 0 else 0
    c.rect(4, 3 + glint, 4, 4 + glint, LIGHT)
    spin_flat(c, p.step)


_BIG_STAR = template("""
    ......b......
    .....bbb.....
    .....bbb.....
    ....bbbbb....
    bbbbbbbbbbbbb
    .bbbbbbbbbbb.
    ..bbbbbbbbb..
    ...bbbbbbb...
    ...bbbbbbb...
    ..bbbbbbbbb..
    ..bbbb.bbbb..
    .bbb.....bbb.
    .b.........b.
""")


@thing("star_item")
def _star_item(c: Canvas, p: Pose, v: int) -> None:
    """A fat five-pointed power-up star with a shine (and eyes, or a glow, by variant); it spins."""
    c.stamp(_BIG_STAR, 1, 1)
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 0)] = SHADE
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 1)] = SHADE
    c.rect(6, 3, 6, 5, LIGHT)
    c.px(5, 5, LIGHT)
    if v == 0:
        c.rect(6, 6, 6, 7, PUPIL)
        c.rect(9, 6, 9, 7, PUPIL)
    elif v == 1:
        c.rect(6, 6, 9, 9, EYE)
        c.rect(7, 5, 8, 10, EYE)
    else:
        c.rect(7, 4, 8, 9, ACCENT)
    blink = p.frame % 2 if p.step < 0 else 0
    c.px(13, 2 + blink, EYE)
    spin_flat(c, p.step)


@thing("crate")
def _crate(c: Canvas, p: Pose, v: int) -> None:
    """A wooden crate: a thick frame of planks, a diagonal brace (or a cross, or slats), nails in the corners.

    Crates do not animate; spinning tumbles them a quarter turn a frame.
    """
    c.rect(1, 1, 14, 14, BODY)
    c.rect(1, 1, 14, 2, SHADE)
    c.rect(1, 13, 14, 14, SHADE)
    c.rect(1, 1, 2, 14, SHADE)
    c.rect(13, 1, 14, 14, SHADE)
    c.rect(1, 1, 14, 1, LIGHT)
    c.rect(1, 1, 1, 14, LIGHT)
    if v == 0:
        for k in range(3, 13):
            c.px(k, 15 - k, SHADE)
            c.px(k, 14 - k, LIGHT)
    elif v == 1:
        for k in range(3, 13):
            c.px(k, 15 - k, SHADE)
            c.px(k, k, SHADE)
    else:
        for y in (6, 9):
            c.rect(3, y, 12, y, SHADE)
    for x, y in ((2, 2), (13, 2), (2, 13), (13, 13)):
        c.px(x, y, OUTLINE)
    if p.step > 0:
        c.g = np.rot90(c.g, k=-p.step).copy()


@cache
def _saw_mask(teeth: int, turn: int) -> Mask:
    """A sawtooth disc: each tooth ramps out and drops back, so the rotation direction reads."""
    ys, xs = np.mgrid[0:BASE, 0:BASE]
    dx, dy = xs - 7.5, ys - 7.5
    frac = (np.arctan2(dy, dx) / (2 * np.pi) * teeth + turn / 4) % 1.0
    mask: Mask = np.hypot(dx, dy) <= 4.8 + 2.6 * frac
    mask.flags.writeable = False
    return mask


@thing("saw")
def _saw(c: Canvas, p: Pose, v: int) -> None:
    """A spinning circular blade: a ring of raked teeth around a bolted hub; the teeth advance every frame."""
    turn = (p.step if p.step >= 0 else p.frame * 2) % 4
    teeth = 8 if v != 1 else 6
    c.g[_saw_mask(teeth, turn)] = BODY
    c.g[_saw_mask(teeth, turn) & ~oval_mask(2, 2, 13, 13)] = SHADE
    c.g[oval_mask(4, 4, 11, 11) & ~oval_mask(5, 5, 10, 10)] = SHADE
    c.ball(6, 6, 9, 9, SHADE, SHADE, SHADE)
    c.rect(7, 7, 8, 8, OUTLINE if v != 2 else ACCENT)
    a = 2 * np.pi * turn / 8
    for sign in (1, -1):
        c.px(round(7.5 + sign * 3.6 * float(np.cos(a))), round(7.5 + sign * 3.6 * float(np.sin(a))), LIGHT)


@thing("bar")
def _bar(c: Canvas, p: Pose, v: int) -> None:
    """A horizontal beam spanning the whole width (so it tiles), with warning stripes or rivets.

    The one sprite with no side margin: its left and right edges meet the next tile's.
    """
    shift = p.step if p.step >= 0 else 0
    c.rect(0, 5, 15, 10, BODY)
    c.rect(0, 5, 15, 5, LIGHT)
    c.rect(0, 10, 15, 10, SHADE)
    if v == 0:
        for x in range(16):
            for y in range(6, 10):
                if (x + y + 2 * shift) % 8 < 4:
                    c.px(x, y, ACCENT)
    elif v == 1:
        for x in (3, 11):
            c.rect(x, 7, x + 1, 8, SHADE)
            c.px(x, 7, LIGHT)
    else:
        for x in range(0, 16, 4):
            c.rect((x + shift) % 16, 6, (x + shift) % 16, 9, SHADE)


def _tumble(c: Canvas, p: Pose) -> None:
    """The ground obstacles do not animate: like the crate, spinning only tumbles them a quarter turn a frame."""
    if p.step > 0:
        c.g = np.rot90(c.g, k=-p.step).copy()


def _saguaro_arm(c: Canvas, x: int, top: int, elbow: int, trunk: int) -> None:
    """A saguaro's arm: a 2 px upright at ``x`` from ``top`` down to ``elbow``, then across to the trunk's edge."""
    lo, hi = (x + 2, trunk - 1) if x < trunk else (trunk + 1, x - 1)
    c.rect(x, top, x + 1, elbow + 1, BODY)
    c.rect(lo, elbow, hi, elbow + 1, BODY)
    c.rect(x, top + 1, x, elbow + 1, LIGHT)
    c.rect(x + 1, top + 2, x + 1, elbow + 1, SHADE)
    c.rect(lo, elbow + 1, hi, elbow + 1, SHADE)


@thing("cactus")
def _cactus(c: Canvas, p: Pose, v: int) -> None:
    """A saguaro: a thick ribbed trunk, an arm bent up on each side, spines; one arm, or a round barrel, by variant."""
    if v == 2:
        cols, rows = np.arange(BASE)[None, :], np.arange(BASE)[:, None]
        barrel = oval_mask(1, 2, 14, 17) & (rows <= 14)
        c.g[barrel] = BODY
        for x0, x1, role in ((3, 3, LIGHT), (5, 5, SHADE), (8, 8, SHADE), (11, 11, SHADE), (12, 13, SHADE)):
            c.g[barrel & (cols >= x0) & (cols <= x1)] = role
        c.rect(6, 1, 9, 3, ACCENT)
        c.rect(7, 2, 8, 2, EYE)
        for x, y in ((4, 6), (10, 6), (3, 10), (6, 9), (9, 9), (12, 10), (4, 13), (7, 12), (10, 13)):
            c.px(x, y, ACCENT)
    else:
        c.rect(5, 2, 10, 14, BODY)
        c.rect(6, 1, 9, 1, BODY)
        c.rect(5, 2, 6, 14, LIGHT)
        c.px(6, 1, LIGHT)
        c.rect(8, 2, 8, 14, SHADE)
        c.rect(10, 2, 10, 14, SHADE)
        if v == 0:
            _saguaro_arm(c, 2, 6, 10, 5)
        _saguaro_arm(c, 12, 2 if v == 0 else 3, 6 if v == 0 else 8, 10)
        for x, y in ((7, 3), (9, 5), (7, 8), (9, 11), (5, 5), (5, 11), (7, 13), (2, 7), (13, 5), (12, 9)):
            if c.g[y, x] != CLEAR:
                c.px(x, y, ACCENT)
    _tumble(c, p)


def _bricks(c: Canvas, x0: int, y0: int, x1: int, y1: int) -> None:
    """3x2 px bricks in running bond, laid from the bottom: faces in body, mortar in shade, a lit left edge."""
    c.rect(x0, y0, x1, y1, BODY)
    for y in range(y0, y1 + 1):
        course = (y1 - y) // 3
        if (y1 - y) % 3 == 2:
            c.rect(x0, y, x1, y, SHADE)
            continue
        for x in range(x0, x1 + 1):
            if (x - x0 + 2 * (course % 2)) % 4 == 3:
                c.px(x, y, SHADE)
    c.rect(x0, y0, x0, y1, LIGHT)
    c.rect(x1, y0, x1, y1, SHADE)


@thing("chimney")
def _chimney(c: Canvas, p: Pose, v: int) -> None:
    """A brick rooftop chimney: a stack of bricks under a wider lip with a sooty mouth; two pots or smoke by variant."""
    top = (2, 5, 6)[v]
    _bricks(c, 3, top + 3, 12, 14)
    c.rect(1, top, 14, top + 2, SHADE)
    c.rect(1, top + 1, 14, top + 1, BODY)
    c.rect(1, top, 14, top, LIGHT)
    c.px(1, top + 1, LIGHT)
    if v == 1:
        for x in (3, 9):
            c.rect(x, 2, x + 3, top - 1, SHADE)
            c.rect(x, 2, x, top - 1, LIGHT)
            c.rect(x, 1, x + 3, 1, LIGHT)
            c.rect(x + 1, 1, x + 2, 1, PUPIL)
    else:
        c.rect(3, top, 12, top, PUPIL)
    if v == 2:
        for y, x0, x1 in ((1, 10, 12), (2, 8, 13), (3, 7, 11), (4, 6, 9), (5, 6, 8)):
            c.rect(x0, y, x1, y, ACCENT)
    _tumble(c, p)


_RINGS = template("""
    ..llllll..
    .llaaaall.
    llalsslall
    .llaaaall.
    ..llllll..
""")


@thing("stump")
def _stump(c: Canvas, p: Pose, v: int) -> None:
    """A tree stump: bark sides, a pale ringed cut top, flaring roots, a twig; a log or a snapped trunk by variant."""
    if v == 1:
        c.rect(1, 5, 11, 14, BODY)
        c.rect(1, 5, 11, 5, LIGHT)
        c.rect(1, 13, 11, 14, SHADE)
        for y, x0, x1 in ((7, 2, 6), (9, 4, 9), (11, 1, 5), (8, 8, 10), (12, 7, 10)):
            c.rect(x0, y, x1, y, SHADE)
        c.oval(9, 5, 14, 14, LIGHT)
        c.oval(10, 7, 13, 12, ACCENT)
        c.oval(11, 8, 12, 11, LIGHT)
        c.px(11, 9, ACCENT)
        c.rect(4, 3, 5, 4, BODY)
        c.px(4, 3, LIGHT)
    else:
        top = 3 if v == 0 else 1
        c.rect(3, top + 2, 12, 14, BODY)
        c.rect(3, top + 2, 3, 14, LIGHT)
        for x in (5, 8, 10):
            c.rect(x, top + 4, x, 13, SHADE)
        c.rect(11, top + 2, 12, 14, SHADE)
        c.rect(1, 12, 2, 14, BODY)
        c.px(2, 11, BODY)
        c.rect(1, 13, 2, 14, SHADE)
        c.rect(13, 11, 14, 14, SHADE)
        c.px(13, 10, SHADE)
        c.rect(6, 13, 8, 14, SHADE)
        if v == 0:
            c.stamp(_RINGS, 3, top)
            c.rect(13, 4, 13, 6, SHADE)
            c.rect(14, 2, 14, 4, SHADE)
            c.px(14, 2, LIGHT)
        else:
            for x, h in ((3, 4), (4, 2), (5, 0), (6, 3), (7, 5), (8, 1), (9, 4), (10, 2), (11, 3), (12, 5)):
                c.rect(x, 0, x, top + h - 1, CLEAR)
                c.rect(x, top + h, x, top + h + 1, LIGHT)
    _tumble(c, p)


_BOULDER = template("""
    ...bbbb.......
    ..bbbbbbb.....
    .bbbbbbbbbb...
    .bbbbbbbbbbb..
    bbbbbbbbbbbbb.
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
""")
_CRAG = template("""
    .....b........
    .....bb.......
    ....bbb.......
    ....bbbb......
    ....bbbb...b..
    ...bbbbbb.bb..
    ...bbbbbb.bbb.
    ..bbbbbbbbbbb.
    ..bbbbbbbbbbb.
    .bbbbbbbbbbbbb
    .bbbbbbbbbbbbb
    bbbbbbbbbbbbbb
    bbbbbbbbbbbbbb
""")


def _lump(c: Canvas) -> None:
    """Shade what is drawn in body like stone: lit along its top-left edges, in shadow down its right and underneath.

    The right edge darkens 2 px deep; the underside only above the two bottom rows, where the stone meets the ground.
    """
    body = c.g == BODY
    right = body & ~np.roll(body, -1, 1)
    right |= body & ~np.roll(right | ~body, -1, 1)
    below = body & ~np.roll(body, -1, 0)
    below[-2:, :] = False
    c.g[right | below] = SHADE
    lit = body & ~(np.roll(body, 1, 1) & np.roll(body, 1, 0))
    c.g[lit & (c.g == BODY)] = LIGHT


@thing("rock")
def _rock(c: Canvas, p: Pose, v: int) -> None:
    """A boulder: a lump wide at the base, lit top-left, cracked; a pointed crag or two stacked stones by variant."""
    if v == 0:
        c.stamp(_BOULDER, 1, 3)
        _lump(c)
        c.rect(12, 12, 14, 14, SHADE)
        c.rect(4, 5, 6, 5, LIGHT)
        c.rect(3, 6, 4, 7, LIGHT)
        c.line(9, 5, 8, 8, OUTLINE)
        c.line(8, 8, 10, 10, OUTLINE)
        c.px(11, 11, SHADE)
        c.line(3, 12, 5, 11, SHADE)
    elif v == 1:
        c.stamp(_CRAG, 1, 2)
        _lump(c)
        c.line(6, 3, 6, 14, LIGHT)
        c.line(7, 4, 9, 14, SHADE)
        c.line(12, 6, 13, 14, SHADE)
        c.line(3, 12, 4, 14, SHADE)
        c.line(10, 10, 11, 12, OUTLINE)
    else:
        lower, upper = Canvas(), Canvas()
        lower.oval(1, 7, 14, 16, BODY, 0.2)
        _lump(lower)
        lower.rect(11, 13, 14, 14, SHADE)
        upper.oval(3, 2, 11, 9, BODY, 0.2)
        _lump(upper)
        on_top = upper.g != CLEAR
        c.g = np.where(on_top, upper.g, lower.g).astype(np.uint8)
        c.g[np.roll(on_top, 1, 0) & ~on_top & (lower.g != CLEAR)] = OUTLINE  # the seam between the stones
        c.rect(5, 4, 6, 4, LIGHT)
        c.line(9, 11, 11, 13, OUTLINE)
    _tumble(c, p)


@thing("tombstone")
def _tombstone(c: Canvas, p: Pose, v: int) -> None:
    """A round-topped gravestone engraved with a cross, on a tuft of grass; a cross marker or an epitaph by variant."""
    if v == 1:
        c.rect(6, 1, 9, 13, BODY)
        c.rect(2, 4, 13, 6, BODY)
        c.rect(6, 1, 6, 13, LIGHT)
        c.rect(2, 4, 13, 4, LIGHT)
        c.rect(9, 1, 9, 13, SHADE)
        c.rect(2, 6, 13, 6, SHADE)
        c.px(9, 4, SHADE)
        c.px(7, 5, OUTLINE)
    else:
        rows = np.arange(BASE)[:, None]
        c.oval(4, 1, 11, 8, BODY)
        c.rect(4, 5, 11, 13, BODY)
        c.g[oval_mask(4, 1, 11, 8) & ~oval_mask(5, 2, 11, 8)] = LIGHT
        c.g[oval_mask(4, 1, 11, 8) & ~oval_mask(4, 1, 10, 8) & (rows > 3)] = SHADE
        c.rect(4, 5, 4, 13, LIGHT)
        c.rect(11, 5, 11, 13, SHADE)
        if v == 0:
            c.rect(7, 3, 8, 10, SHADE)
            c.rect(5, 5, 10, 6, SHADE)
        else:
            c.rect(6, 4, 9, 4, SHADE)
            c.rect(5, 6, 10, 6, SHADE)
            c.rect(6, 8, 9, 8, SHADE)
            c.rect(5, 10, 10, 10, SHADE)
    c.rect(1, 13, 14, 14, ACCENT)
    for x in (1, 4, 10, 14):
        c.px(x, 12, ACCENT)
    c.rect(3, 14, 12, 14, SHADE)
    _tumble(c, p)


def _disc(n: int, x0: float, y0: float, x1: float, y1: float) -> Mask:
    """An ellipse mask on an ``n`` grid (for drawing natively at any size)."""
    ys, xs = np.mgrid[0:n, 0:n]
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0 + 1) / 2, (y1 - y0 + 1) / 2
    mask: Mask = ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2 <= 1.0
    return mask


@thing("bullet")
def _bullet(c: Canvas, p: Pose, v: int) -> None:
    """A glowing shot: a bright core in a coloured halo that flickers; round, a laser bolt or a spark by variant."""
    flick = (p.frame if p.step < 0 else p.step) % 2
    if v == 1:
        c.rect(6, 3, 9, 12, BODY)
        c.rect(7, 4 - flick, 8, 11 + flick, LIGHT)
        c.rect(7, 6, 8, 9, EYE)
        return
    c.ball(5, 5, 10, 10, BODY, SHADE, BODY)
    c.rect(6 + flick, 6 + flick, 9 - flick, 9 - flick, LIGHT)
    c.rect(7, 7, 8, 8, EYE)
    if v == 2:
        for x, y in ((7, 2), (8, 13), (2, 8), (13, 7)):
            c.px(x + flick * (1 if x < 8 else -1) * 0, y, BODY)


def _small_round(size: int, pose: str, frame: int, variant: int, halo: bool) -> Grid:
    """A shot or orb drawn natively at ``size`` (8 or 12 px), where resampling the 16 would lose the glint."""
    n = size
    g = np.zeros((n, n), dtype=np.uint8)
    g[_disc(n, 1, 1, n - 2, n - 2)] = BODY
    inner = _disc(n, 2, 2, n - 3, n - 3)
    g[_disc(n, 1, 1, n - 2, n - 2) & ~inner] = SHADE if halo else BODY
    core = max(1, (n - 4) // 3)
    mid = n // 2
    flick = frame % 2
    g[mid - core:mid + core - flick, mid - core:mid + core - flick] = LIGHT
    g[mid - 1:mid + 1 - (1 if n < 10 else 0), mid - 1:mid + 1 - (1 if n < 10 else 0)] = EYE
    if halo:
        g[2, 2 + flick] = LIGHT
    return g


@thing("orb")
def _orb(c: Canvas, p: Pose, v: int) -> None:
    """A glassy sphere with a swirl inside, a glint that orbits its rim and sparkles about it."""
    turn = (p.step if p.step >= 0 else p.frame) % 4
    c.ball(3, 3, 12, 12)
    if v == 0:
        c.line(5, 9, 10, 6, ACCENT)
        c.line(5, 10, 10, 7, ACCENT)
    elif v == 1:
        c.ball(5, 5, 10, 10, ACCENT, ACCENT, EYE)
    else:
        c.rect(4, 7, 11, 8, ACCENT)
    gx, gy = ((5, 5), (9, 5), (9, 9), (5, 9))[turn]
    c.rect(gx, gy, gx + 1, gy, LIGHT)
    c.px(gx, gy + 1, LIGHT)
    for x, y in (((1, 1), (14, 14)) if turn % 2 == 0 else ((14, 1), (1, 14))):
        c.px(x, y, EYE)
        c.px(x + (1 if x < 8 else -1), y, LIGHT)
        c.px(x, y + (1 if y < 8 else -1), LIGHT)


@thing("drop")
def _drop(c: Canvas, p: Pose, v: int) -> None:
    """A drop of water (or dew, or oil): a round belly rising to a point, with a highlight; it wobbles."""
    wob = p.frame % 2 if p.step < 0 else p.step % 2
    c.ball(4, 7 + wob, 11, 14)
    for y in range(2 + wob, 10):
        half = (y - 2 - wob) // 2
        c.rect(7 - half, y, 8 + half, y, BODY)
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 1)] = SHADE
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 0)] = SHADE
    c.rect(5, 9 + wob, 5, 11, LIGHT)
    c.px(6, 8 + wob, LIGHT)
    if v == 1:
        c.px(7, 11, PUPIL)
        c.px(9, 11, PUPIL)
    elif v == 2:
        c.rect(6, 13, 9, 13, ACCENT)


@thing("candle")
def _candle(c: Canvas, p: Pose, v: int) -> None:
    """A stub of candle with wax dripping down its side and a flame that flickers."""
    tick = p.frame % 2 if p.step < 0 else p.step
    top = 8 if v != 1 else 10
    c.rect(4, top, 11, 13, BODY)
    c.rect(10, top, 11, 13, SHADE)
    c.rect(4, top, 11, top, LIGHT)
    c.rect(5, top + 1, 5, top + 3, LIGHT)
    c.rect(2, 13, 13, 14, SHADE if v != 2 else ACCENT)
    c.rect(2, 13, 13, 13, LIGHT)
    c.px(7, top - 1, OUTLINE)
    sway = (0, 1, 0, -1)[tick % 4]
    c.rect(6, top - 4, 8, top - 2, ACCENT)
    c.px(7 + sway, top - 5, ACCENT)
    c.px(7 + sway, top - 6, ACCENT if tick % 2 == 0 else CLEAR)
    c.px(7, top - 3, EYE)


#: Things drawn natively below 16 px, where resampling the 16 px drawing would lose the glint.
SMALL: dict[str, Callable[[int, str, int, int], Grid]] = {
    "bullet": lambda size, pose, frame, variant: _small_round(size, pose, frame, variant, halo=False),
    "orb": lambda size, pose, frame, variant: _small_round(size, pose, frame, variant, halo=True),
}
