"""Living elements: a flame and a water droplet that walk, hop and can be the hero.

GDDs make heroes of a spark that must not go out or a raindrop finding the sea. These are creatures
(they walk in four directions and have a face) whose body is the element: the flame's tongues flicker
every frame above two stubby feet, the droplet's point sways as its round belly squashes when it lands.
The wisp (:mod:`maestro.art.space`) is a floating fire spirit; the flame stands and runs.
"""

from __future__ import annotations

import numpy as np

from maestro.art.pixels import (
    ACCENT,
    BODY,
    EYE,
    LIGHT,
    OUTLINE,
    SHADE,
    Canvas,
    Pose,
    creature,
    draw_eye,
    template,
)

#: The flame's outline in two flickers: three tongues, the tallest leaning back as it runs.
_TONGUES = (template("""
    ....b.....
    ....bb....
    ...bbb..b.
    .b.bbbb.b.
    .bbbbbbbb.
    .bbbbbbbbb
    bbbbbbbbbb
    .bbbbbbbb.
    .bbbbbbbb.
    ..bbbbbb..
    ..bbbbbb..
    ...bbbb...
"""), template("""
    .....b....
    ....bb....
    .b..bbb...
    .b.bbbb.b.
    .bbbbbbbbb
    .bbbbbbbbb
    bbbbbbbbbb
    .bbbbbbbb.
    .bbbbbbbb.
    ..bbbbbb..
    ..bbbbbb..
    ...bbbb...
"""))


def _rim(c: Canvas) -> None:
    """Shade the body's right and bottom edge (light from above-left)."""
    body = c.g == BODY
    c.g[body & ~np.roll(body, -1, 1)] = SHADE
    c.g[body & ~np.roll(body, -1, 0)] = SHADE


@creature("flame")
def _flame(c: Canvas, p: Pose, v: int) -> None:
    """A living flame: flickering tongues over a bright core, two dark eyes, stubby feet that patter.

    Variants: a plain flame, a blue-hot core, a flame with a spark flying off.
    """
    dy = 2 if p.crouch else (1 if p.bob else 0)
    tick = p.frame % 2
    tongues = _TONGUES[tick]
    if p.view == "side" and (p.step >= 0 or p.air):
        tongues = tongues[:, ::-1]  # running: the tips stream back
    if p.crouch:
        tongues = tongues[2:]
    c.stamp(tongues, 3, 1 + dy + (2 if p.crouch else 0))
    _rim(c)
    c.ball(5, 7 + dy, 10, 12, LIGHT, LIGHT, LIGHT)  # the core, a flame inside the flame
    lean = 1 if tongues is not _TONGUES[tick] else 0
    c.rect(7 - lean, 5 + dy + tick, 8 - lean, 7 + dy, LIGHT)
    c.px(7 - lean + tick, 4 + dy + tick, LIGHT)
    c.rect(7, 11, 8, 12, EYE if v != 1 else ACCENT)
    feet = {-1: (0, 0), 0: (1, 0), 1: (0, 0), 2: (0, 1), 3: (0, 0)}[p.step] if not p.air else (1, 1)
    c.rect(5, 13, 6, 14 - feet[0], SHADE)
    c.rect(9, 13, 10, 14 - feet[1], SHADE)
    wave = p.frame % 2
    c.rect(1, 8 + dy - wave, 2, 9 + dy - wave, BODY)  # little arms of flame
    c.px(1, 7 + dy - wave, BODY)
    c.rect(13, 8 + dy - (1 - wave), 14, 9 + dy - (1 - wave), BODY)
    c.px(14, 7 + dy - (1 - wave), BODY)
    if v == 2:
        c.px(13, 2 + tick, ACCENT)
    if p.view == "back":
        c.rect(5, 7 + dy, 10, 12, BODY)
        return
    look = 1 if p.view == "side" else 0
    draw_eye(c, 6 + look, 8 + dy, p, tall=True)
    draw_eye(c, 9 + look, 8 + dy, p, tall=True)


@creature("droplet")
def _droplet(c: Canvas, p: Pose, v: int) -> None:
    """A living drop of water: a round belly rising to a point, a shine, big eyes, little feet.

    Variants: a plain drop, rosy cheeks, a leaf hat.
    """
    squash = 1 if p.crouch or (p.step in (0, 2)) else 0
    dy = (1 if p.bob else 0) + (2 if p.crouch else 0)
    sway = 0 if p.view != "side" else (1 if p.step >= 0 or p.air else 0)
    top = 1 + dy + squash
    c.ball(3 - squash, 5 + dy + squash, 12 + squash, 13, BODY, BODY, BODY)
    for y in range(top, 8 + dy):  # the point, leaning back when it runs
        half = (y - top) // 2
        cx = 7 - sway * (1 if y < top + 2 else 0)
        c.rect(cx - half, y, cx + 1 + half, y, BODY)
    _rim(c)
    if p.view != "back":
        c.rect(4 - squash, 7 + dy + squash, 4 - squash, 9 + dy, LIGHT)  # the shine
        c.px(5 - squash, 6 + dy + squash, LIGHT)
    lift = {-1: (0, 0), 0: (1, 0), 1: (0, 0), 2: (0, 1), 3: (0, 0)}[p.step] if not p.air else (1, 1)
    c.rect(4, 14 - lift[0], 6, 14 - lift[0], SHADE)
    c.rect(9, 14 - lift[1], 11, 14 - lift[1], SHADE)
    c.rect(1, 10 + dy, 2 - squash, 10 + dy, SHADE)  # stubby arms
    c.rect(13 + squash, 10 + dy, 14, 10 + dy, SHADE)
    c.px(1, 11 + dy, SHADE)
    c.px(14, 11 + dy, SHADE)
    if v == 2:
        c.rect(7, top - 1 if top > 1 else 1, 9, top, ACCENT)
    if p.view == "back":
        return
    look = 1 if p.view == "side" else 0
    draw_eye(c, 6 + look, 8 + dy + squash, p, tall=True, white=True)
    draw_eye(c, 9 + look, 8 + dy + squash, p, tall=True, white=True)
    if v == 1:
        c.px(5 + look, 11 + dy, ACCENT)
        c.px(11 + look, 11 + dy, ACCENT)
    if not p.hurt:
        c.rect(8 + look, 11 + dy, 8 + look, 11 + dy, OUTLINE)
