"""Food a GDD's hero collects: carrot, apple, cheese, cake and bread, each the shape a player knows it by.

A carrot is an orange cone under a green tuft, not a brown oval: the shape carries the name, and the
colouring stage (:mod:`maestro.art.sheet`) gives each its own colours. Like every pickup they shimmer
when idle (a glint moves) and spin edge-on, by :func:`maestro.art.things.spin_flat`.
"""

from __future__ import annotations

from maestro.art.pixels import (
    ACCENT,
    BODY,
    CLEAR,
    EYE,
    LIGHT,
    OUTLINE,
    SHADE,
    Canvas,
    Pose,
    thing,
)
from maestro.art.things import spin_flat


def _glint(c: Canvas, p: Pose, x: int, y: int) -> None:
    """A highlight that twinkles on the idle frames (two pixels, then one)."""
    c.px(x, y, LIGHT)
    if p.step < 0 and p.frame % 2 == 0:
        c.px(x + 1, y - 1, EYE)


@thing("carrot")
def _carrot(c: Canvas, p: Pose, v: int) -> None:
    """An orange cone tapering to a point, ridged, under a tuft of green leaves.

    Variants: a full tuft, a small tuft, a shinier root.
    """
    for y in range(5, 15):  # the root, wide at the top
        half = max(0, (14 - y) * 3 // 8)
        c.rect(7 - half, y, 8 + half, y, BODY)
        c.px(8 + half, y, SHADE)
    c.rect(5, 5, 10, 5, BODY)
    for y in (7, 10):  # ridges
        c.rect(6 if y == 7 else 7, y, 7, y, SHADE)
    c.px(9, 12, SHADE)
    sway = p.frame % 2 if p.step < 0 else 0
    c.rect(7, 1 + sway, 8, 4, ACCENT)  # the leaves
    c.line(5, 1, 7, 4, ACCENT)
    c.line(10, 1 + sway, 8, 4, ACCENT)
    c.px(4, 2, ACCENT)
    c.px(11, 2 + sway, ACCENT)
    c.px(7, 3, SHADE)
    _glint(c, p, 6, 6)
    if v == 1:  # a smaller tuft
        c.px(4, 2, CLEAR)
        c.px(11, 2 + sway, CLEAR)
    elif v == 2:
        c.px(9, 8, LIGHT)
    spin_flat(c, p.step)


@thing("apple")
def _apple(c: Canvas, p: Pose, v: int) -> None:
    """A round apple with a dimple at the top, a stem and one leaf, a glint on its shoulder.

    Variants: a leaf to the right, two leaves, a bite taken out.
    """
    c.ball(2, 5, 13, 13, BODY, SHADE, BODY)
    c.rect(6, 6, 9, 6, CLEAR)  # the dimple the stem sits in, between two shoulders
    c.px(7, 7, SHADE)
    c.rect(7, 3, 7, 6, OUTLINE)  # stem
    c.rect(8, 3, 11, 4, ACCENT)  # leaf
    c.rect(10, 2, 12, 2, ACCENT)
    if v == 1:
        c.rect(4, 2, 6, 3, ACCENT)
    c.rect(3, 8, 3, 10, LIGHT)
    _glint(c, p, 4, 8)
    if v == 2:
        c.ball(11, 7, 15, 11, CLEAR, CLEAR, CLEAR)
        c.rect(11, 8, 11, 10, EYE)
    spin_flat(c, p.step)


@thing("cheese")
def _cheese(c: Canvas, p: Pose, v: int) -> None:
    """A wedge of cheese: a sloping top, a thick rind side, round holes.

    Variants: three holes, two, a whole round with a slice cut.
    """
    for x in range(1, 15):  # the slope from the tall back to the thin point
        top = 4 + (x - 1) * 6 // 13
        c.rect(x, top, x, 13, BODY)
        c.px(x, top, LIGHT)
    c.rect(1, 4, 2, 13, SHADE)
    c.rect(1, 13, 14, 13, SHADE)
    holes = ((5, 8), (9, 10), (4, 11)) if v != 1 else ((6, 9), (10, 11))
    for x, y in holes:
        c.rect(x, y, x + 1, y, OUTLINE)
        c.px(x, y + 1 if y < 12 else y, SHADE)
    if v == 2:
        c.rect(12, 11, 14, 12, ACCENT)
    _glint(c, p, 4, 5)
    spin_flat(c, p.step)


@thing("cake")
def _cake(c: Canvas, p: Pose, v: int) -> None:
    """A round birthday cake: a layered drum with icing dripping over its rim and candles lit on top.

    Variants: three candles, one candle and a cherry, sprinkles.
    """
    c.ball(1, 5, 14, 9, BODY, BODY, BODY)  # the top, seen a little from above
    c.rect(1, 7, 14, 13, BODY)
    c.ball(1, 11, 14, 14, BODY, BODY, BODY)
    c.rect(12, 8, 14, 13, SHADE)
    c.rect(2, 14, 13, 14, SHADE)
    c.ball(2, 5, 13, 8, EYE, EYE, EYE)  # icing, dripping over the rim
    for x in (3, 6, 9, 12):
        c.px(x, 9, EYE)
    c.px(6, 10, EYE)
    c.rect(1, 11, 14, 11, ACCENT)  # a layer of jam
    candles = (3, 7, 11) if v != 1 else (7,)
    for x in candles:
        c.rect(x, 2, x, 5, LIGHT)
        c.px(x, 1, ACCENT if (x + p.frame) % 2 else EYE)
    if v == 1:
        c.ball(10, 3, 12, 5, ACCENT, ACCENT, EYE)
    if v == 2:
        for x, y in ((4, 6), (8, 7), (11, 6)):
            c.px(x, y, ACCENT)
    _glint(c, p, 2, 8)
    spin_flat(c, p.step)


@thing("bread")
def _bread(c: Canvas, p: Pose, v: int) -> None:
    """Bread: a long baguette with its scores; a tin loaf or a round bun by variant."""
    if v == 0:  # a baguette, diagonal
        for k in range(11):
            c.ball(1 + k, 11 - k, 4 + k, 14 - k, BODY, BODY, BODY)
        for k in (2, 5, 8):
            c.line(2 + k, 12 - k, 4 + k, 11 - k, SHADE)
    elif v == 2:  # a round bun
        c.ball(2, 4, 13, 13, BODY, SHADE, LIGHT)
        c.rect(3, 12, 12, 12, ACCENT)
        c.line(6, 6, 9, 6, SHADE)
    else:  # a tin loaf: a domed top spilling over a square base
        c.rect(3, 9, 12, 13, ACCENT)
        c.rect(3, 13, 12, 13, SHADE)
        c.ball(1, 4, 14, 10, BODY, SHADE, BODY)
        for x in (4, 7, 10):  # the scores
            c.line(x, 8, x + 2, 6, SHADE)
            c.px(x + 1, 8, LIGHT)
    _glint(c, p, 4, 7)
    spin_flat(c, p.step)
