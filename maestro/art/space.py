"""Sky and space archetypes: a shooter's cast and other things that hover.

The floating eye, drone, saucer, ship, fighter, turret, mine, jelly, comet and wisp. Ships, fighters
and turrets are seen from above and register as vehicles, so the renderer can turn them to any heading;
the rest hover or bob side-on like creatures (the mine spins like a thing).
"""

from __future__ import annotations

import numpy as np

from maestro.art.pixels import (
    ACCENT,
    BODY,
    CLEAR,
    EYE,
    LIGHT,
    OUTLINE,
    PUPIL,
    SHADE,
    Canvas,
    Pose,
    creature,
    draw_eye,
    glow_eye,
    template,
    thing,
    vehicle,
)

_EYE_WING_UP = template("""
    a...
    aa..
    aaa.
    aaaa
    .aaa
""")
_EYE_WING_DOWN = template("""
    ....
    ..aa
    .aaa
    aaaa
    a.aa
""")


@creature("eye")
def _eye_monster(c: Canvas, p: Pose, v: int) -> None:
    """A floating eyeball in a fleshy lid, tendrils trailing below; the iris looks where it is going.

    Variants: a plain iris, a slit pupil, a ring of spikes.
    """
    dy = 1 if p.bob or p.crouch else 0
    sway = p.frame % 2
    for k, x in enumerate((5, 8, 10)):
        off = (k + sway) % 2
        c.line(x, 11 + dy, x - off, 14, SHADE)
    flap = sway if not p.hurt else 1
    wing = _EYE_WING_DOWN if flap else _EYE_WING_UP
    c.stamp(wing, 1, 2 + dy)
    c.stamp(wing, 11, 2 + dy, flip=True)
    if v == 2:
        for x, y in ((7, 0), (8, 0), (3, 2), (12, 2)):
            c.px(x, y + dy + (1 if y == 0 else 0), SHADE)
    c.ball(3, 1 + dy, 12, 11 + dy)
    if p.view == "back":
        c.line(5, 4 + dy, 10, 9 + dy, SHADE)
        c.line(10, 4 + dy, 8, 6 + dy, SHADE)
        return
    c.ball(4, 3 + dy, 11, 10 + dy, EYE, EYE, EYE)
    c.rect(5, 3 + dy, 10, 3 + dy, SHADE)
    if p.hurt:
        c.rect(4, 6 + dy, 11, 7 + dy, SHADE)
        c.rect(5, 7 + dy, 10, 7 + dy, OUTLINE)
        return
    lx = 1 if p.view == "side" else 0
    ly = 1 if p.view == "front" and p.step >= 0 else 0
    c.ball(5 + lx, 4 + dy + ly, 10 + lx, 9 + dy + ly, ACCENT, ACCENT, ACCENT, grow=-0.3)
    if v == 1:
        c.rect(7 + lx, 4 + dy + ly, 8 + lx, 9 + dy + ly, PUPIL)
    else:
        c.rect(7 + lx, 6 + dy + ly, 8 + lx, 7 + dy + ly, PUPIL)
    c.px(6 + lx, 5 + dy + ly, EYE)


@creature("drone")
def _drone(c: Canvas, p: Pose, v: int) -> None:
    """A hovering machine: a round hull with a camera eye, two rotor arms whose blades blur frame to frame."""
    dy = 1 if p.bob or p.crouch else 0
    spin = p.frame % 2
    for x0, hub in ((4, 3), (11, 12)):
        c.line(x0, 6 + dy, hub, 4 + dy, SHADE)
        c.rect(hub, 3 + dy, hub, 4 + dy, SHADE)
        if spin:
            c.rect(hub - 2, 2 + dy, hub + 2, 2 + dy, LIGHT)
        else:
            c.rect(hub - 1, 2 + dy, hub + 1, 2 + dy, LIGHT)
            c.px(hub - 3 if hub < 8 else hub + 3, 1 + dy, LIGHT)
    c.rect(7, 1 + dy, 8, 3 + dy, SHADE)
    c.px(8 if v != 1 else 7, 0 + dy + 1, ACCENT)
    c.ball(2, 5 + dy, 13, 11 + dy)
    c.rect(4, 11 + dy, 11, 11 + dy, SHADE)
    c.rect(6, 12 + dy, 9, 13, SHADE)
    c.px(4, 13, SHADE)
    c.px(11, 13, SHADE)
    if p.view == "back":
        c.rect(5, 7 + dy, 10, 7 + dy, SHADE)
        c.rect(5, 9 + dy, 10, 9 + dy, SHADE)
        return
    look = 1 if p.view == "side" else 0
    if v == 1:
        c.rect(4 + look, 7 + dy, 11, 8 + dy, OUTLINE)
        c.rect(5 + look, 7 + dy, 10, 7 + dy, EYE if not p.hurt else SHADE)
        c.px(7 + look + spin, 7 + dy, ACCENT)
        return
    c.ball(5 + look, 6 + dy, 10 + look, 11 + dy, OUTLINE, OUTLINE, OUTLINE)
    if p.hurt:
        c.rect(6 + look, 8 + dy, 9 + look, 8 + dy, SHADE)
    else:
        c.rect(6 + look, 7 + dy, 9 + look, 10 + dy, EYE if v == 0 else ACCENT)
        c.rect(7 + look, 8 + dy, 8 + look, 9 + dy, PUPIL)
        c.px(6 + look, 7 + dy, LIGHT)
    if v == 2:
        c.rect(1, 9 + dy, 3, 10 + dy, SHADE)
        c.rect(12, 9 + dy, 14, 10 + dy, SHADE)


@creature("saucer")
def _saucer(c: Canvas, p: Pose, v: int) -> None:
    """A flying saucer: a glass dome with a pilot over a wide disc whose rim lights chase round."""
    dy = 1 if p.bob or p.crouch else 0
    tick = p.frame
    c.ball(4, 2 + dy, 11, 9 + dy, ACCENT, ACCENT, LIGHT)
    if p.view != "back":
        look = 1 if p.view == "side" else 0
        c.ball(6 + look, 4 + dy, 9 + look, 8 + dy, SHADE, SHADE, SHADE)
        draw_eye(c, 7 + look, 5 + dy, p, white=True)
    c.ball(1, 6 + dy, 14, 11 + dy)
    c.rect(2, 10 + dy, 13, 10 + dy, SHADE)
    for k, x in enumerate((3, 6, 9, 12)):
        on = (k + tick) % 2 == 0 if v != 2 else k == tick % 4
        c.px(x, 8 + dy, EYE if on else SHADE)
    if v == 1:
        c.rect(6, 11 + dy, 9, 12 + dy, SHADE)
        c.rect(7, 13 + dy, 8, 13 + dy, EYE if tick % 2 else ACCENT)
    else:
        c.line(3, 11 + dy, 2, 13 + dy, SHADE)
        c.line(12, 11 + dy, 13, 13 + dy, SHADE)


def _flame(c: Canvas, x: int, y: int, k: int, down: bool = False) -> None:
    """An exhaust flame two pixels wide below (or above) ``(x, y)``; length flickers with ``k``."""
    length = (3, 1, 2, 1)[k % 4]
    step = -1 if down else 1
    for i in range(length):
        role = EYE if i == 0 else ACCENT
        c.rect(x, y + step * i, x + 1, y + step * i, role)
    if k % 2 == 0:
        c.px(x + (k // 2) % 2, y + step * length, ACCENT)


@vehicle("ship", 0)
def _ship(c: Canvas, p: Pose, v: int) -> None:
    """The player's spaceship seen from above, nose up: a pointed hull, swept wings, a cockpit, a flickering flame.

    Variants: plain wings, tail fins, striped wings.
    """
    k = p.frame
    _flame(c, 7, 13, k + (2 if p.bob else 0))
    c.rect(7, 1, 8, 12, BODY)
    c.rect(6, 4, 9, 12, BODY)
    c.px(6, 3, BODY)
    c.px(9, 3, BODY)
    for y in range(7, 13):
        span = min(y - 6, 5)
        c.rect(6 - span, y, 5, y, BODY)
        c.rect(10, y, 9 + span, y, SHADE)
    c.rect(1, 12, 14, 12, SHADE)
    c.rect(5, 12, 10, 12, BODY)
    c.rect(7, 4, 8, 6, ACCENT)
    c.px(7, 4, LIGHT)
    c.rect(7, 9, 8, 11, LIGHT if v != 2 else BODY)
    if v == 1:
        c.rect(4, 9, 4, 11, ACCENT)
        c.rect(11, 9, 11, 11, ACCENT)
        c.px(4, 8, ACCENT)
        c.px(11, 8, ACCENT)
    elif v == 2:
        c.rect(2, 11, 4, 11, ACCENT)
        c.rect(11, 11, 13, 11, ACCENT)
    c.rect(6, 13, 6, 13, SHADE)
    c.rect(9, 13, 9, 13, SHADE)


@vehicle("fighter", 2)
def _fighter(c: Canvas, p: Pose, v: int) -> None:
    """An enemy fighter seen from above, nose down: broad forward-swept wings, twin guns, a red canopy."""
    k = p.frame
    _flame(c, 7, 2, k + (2 if p.bob else 0), down=True)
    c.rect(6, 3, 9, 11, BODY)
    c.rect(7, 12, 8, 14, BODY)
    for y in range(3, 9):
        c.rect(1 + (y - 3) // 2, y, 5, y, BODY)
        c.rect(10, y, 14 - (y - 3) // 2, y, SHADE)
    c.rect(1, 3, 2, 5, SHADE if v != 1 else ACCENT)
    c.rect(13, 3, 14, 5, SHADE if v != 1 else ACCENT)
    c.rect(3, 9, 3, 11, SHADE)
    c.rect(12, 9, 12, 11, SHADE)
    c.rect(7, 9, 8, 11, ACCENT)
    c.px(7, 11, LIGHT)
    c.rect(7, 4, 8, 6, SHADE)
    if v == 2:
        c.rect(4, 4, 5, 4, ACCENT)
        c.rect(10, 4, 11, 4, ACCENT)
    elif v == 0:
        c.rect(1, 6, 1, 7, CLEAR)
        c.rect(14, 6, 14, 7, CLEAR)


@vehicle("turret", 0)
def _turret(c: Canvas, p: Pose, v: int) -> None:
    """A gun emplacement: a domed head on a heavy base, the barrel recoiling when it fires; a round one from above.

    Variants: one barrel, twin barrels, a searchlight lens.
    """
    recoil = p.frame % 2
    if p.view == "top":
        c.rect(1, 4, 14, 14, SHADE)
        for x, y in ((1, 4), (14, 4), (1, 14), (14, 14)):
            c.px(x, y, CLEAR)
        for x, y in ((2, 5), (13, 5), (2, 13), (13, 13)):
            c.px(x, y, LIGHT)
        c.ball(4, 6, 11, 13)
        for x in ((5, 9) if v == 1 else (7,)):
            c.rect(x, 1 + recoil, x, 9, LIGHT)
            c.rect(x + 1, 1 + recoil, x + 1, 9, BODY)
            c.rect(x, 1 + recoil, x + 1, 1 + recoil, ACCENT if v != 2 else EYE)
        c.rect(6, 9, 9, 10, OUTLINE)
        glow_eye(c, 7, 11, p, 2)
        return
    c.ball(2, 3, 11, 18, BODY, SHADE, LIGHT)
    c.rect(2, 11, 11, 15, CLEAR)
    c.rect(1, 11, 12, 14, SHADE)
    c.rect(2, 11, 11, 11, BODY)
    c.rect(1, 14, 12, 14, OUTLINE)
    for x in (3, 6, 9):
        c.px(x, 12, LIGHT)
    if v == 1:
        for y in (5, 8):
            c.rect(10 - recoil, y, 14 - recoil, y, SHADE)
            c.px(14 - recoil, y, ACCENT)
    elif v == 2:
        c.rect(9, 4, 12, 9, SHADE)
        c.rect(13, 4, 14, 9, EYE if recoil == 0 else LIGHT)
    else:
        c.rect(10 - recoil, 6, 13 - recoil, 7, SHADE)
        c.rect(14 - recoil, 5, 14 - recoil, 8, ACCENT)
    c.rect(4, 6, 8, 6, OUTLINE)
    if not p.hurt:
        c.rect(5, 6, 7, 6, EYE)
        c.px(7, 6, PUPIL)


@thing("mine")
def _mine(c: Canvas, p: Pose, v: int) -> None:
    """A spiked ball with a blinking light; the spikes turn as it spins."""
    turn = p.step % 2 if p.step >= 0 else 0
    long_axis = ((7, 1, 8, 3), (7, 12, 8, 14), (1, 7, 3, 8), (12, 7, 14, 8))
    if turn == 0:
        for x0, y0, x1, y1 in long_axis:
            c.rect(x0, y0, x1, y1, SHADE)
        for x, y, sx, sy in ((4, 4, -1, -1), (11, 4, 1, -1), (4, 11, -1, 1), (11, 11, 1, 1)):
            c.px(x + sx, y + sy, SHADE)
    else:
        for x, y, sx, sy in ((4, 4, -1, -1), (11, 4, 1, -1), (4, 11, -1, 1), (11, 11, 1, 1)):
            c.line(x, y, x + 2 * sx, y + 2 * sy, SHADE)
            c.px(x + sx + (1 if sx < 0 else -1), y + sy, SHADE)
        for x0, y0, x1, y1 in long_axis:
            c.rect(x0 if x0 > 2 else x0 + 1, y0 if y0 > 2 else y0 + 1, x1 if x1 < 13 else x1 - 1,
                   y1 if y1 < 13 else y1 - 1, SHADE)
    c.ball(3, 3, 12, 12)
    blink = p.frame % 2 == 0
    if v == 1:
        c.rect(5, 7, 10, 8, SHADE)
        c.rect(6, 7, 9, 7, EYE if blink else ACCENT)
    else:
        c.rect(7, 7, 8, 8, EYE if blink else ACCENT)
        if v == 2:
            c.px(5, 10, ACCENT)
            c.px(10, 5, ACCENT)


@creature("jelly")
def _jelly(c: Canvas, p: Pose, v: int) -> None:
    """A jellyfish: a round bell with a scalloped rim that pulses, trailing wavy tentacles.

    Variants: plain, glowing spots on the bell, two long frilly arms in the middle.
    """
    pulse = p.frame % 2
    w = pulse
    top = 1 + w
    c.ball(2 + w, top, 13 - w, top + 13, BODY, SHADE, LIGHT)
    c.rect(1, 8, 14, 15, CLEAR)
    for x in range(3 + w, 13 - w):
        c.px(x, 8, BODY if (x + pulse) % 3 else CLEAR)
    c.rect(3 + w, 7, 12 - w, 7, SHADE)
    for k, x in enumerate((3, 6, 9, 12)):
        inner = k in (1, 2)
        end = 14 if (inner or v != 2) else 12
        role = ACCENT if inner and v == 2 else SHADE
        for y in range(9, end + 1):
            off = ((y + k + pulse) // 3) % 2
            c.px(x + (off if k < 2 else -off), y, role)
            if inner and v == 2:
                c.px(x + (off if k < 2 else -off) + (1 if k == 1 else -1), y, role)
    if p.view != "back":
        look = 1 if p.view == "side" else 0
        draw_eye(c, 5 + look, 4 + w, p)
        draw_eye(c, 10 + look, 4 + w, p)
    if v == 1:
        for x, y in ((7, 2), (4, 6), (11, 5), (8, 5)):
            c.px(x, y + w, EYE)


_STAR = template("""
    ....b....
    ...bbb...
    ...bbb...
    bbbbbbbbb
    .bbbbbbb.
    ..bbbbb..
    ..bbbbb..
    .bbb.bbb.
    .bb...bb.
""")


@creature("comet")
def _comet(c: Canvas, p: Pose, v: int) -> None:
    """A five-pointed star with a face, dragging a flickering tail of light behind it (to the left)."""
    dy = 1 if p.bob or p.crouch else 0
    tick = p.frame
    side = p.view == "side"
    x0 = 6 if side else 3
    if side:
        for k, y in enumerate((5, 7, 9)):
            length = (5, 6, 4, 6)[(k + tick) % 4]
            c.rect(x0 - length + 2, y + dy, x0 + 1, y + dy, ACCENT if k != 1 else LIGHT)
            if (k + tick) % 2:
                c.px(x0 - length, y + dy, ACCENT)
    c.stamp(_STAR, x0, 3 + dy)
    c.ball(x0 + 2, 6 + dy, x0 + 6, 10 + dy, BODY, BODY, LIGHT)
    c.px(x0 + 4, 4 + dy, LIGHT)
    c.rect(x0 + 5, 7 + dy, x0 + 7, 7 + dy, SHADE)
    c.px(x0 + 6, 10 + dy, SHADE)
    if not side:
        c.px(x0 + (tick % 3) * 4, 1 + dy, ACCENT)
    if p.view == "back":
        return
    look = 1 if side else 0
    draw_eye(c, x0 + 3 + look, 6 + dy, p, tall=True)
    draw_eye(c, x0 + 5 + look, 6 + dy, p, tall=True)
    if v == 1:
        c.px(x0 + 4 + look, 9 + dy, OUTLINE)
    elif v == 2:
        c.rect(x0 + 3 + look, 9 + dy, x0 + 5 + look, 9 + dy, OUTLINE)
        c.px(x0 + 4 + look, 8 + dy, EYE)


_FLAMES = (template("""
    .....b......
    .....bb.....
    ..b..bb.....
    ..bb.bbb..b.
    ..bbbbbb.bb.
    .bbbbbbbbbb.
    .bbbbbbbbbb.
    bbbbbbbbbbbb
    bbbbbbbbbbbb
    bbbbbbbbbbbb
    bbbbbbbbbbbb
    .bbbbbbbbbb.
    ..bbbbbbbb..
"""), template("""
    ......b.....
    .....bb.....
    .b...bb..b..
    .bb.bbb..b..
    .bbbbbbb.bb.
    .bbbbbbbbbb.
    .bbbbbbbbbb.
    bbbbbbbbbbbb
    bbbbbbbbbbbb
    bbbbbbbbbbbb
    bbbbbbbbbbbb
    .bbbbbbbbbb.
    ..bbbbbbbb..
"""))


@creature("wisp")
def _wisp(c: Canvas, p: Pose, v: int) -> None:
    """A flame spirit: tongues of fire that flicker frame to frame around a bright core with two dark eyes.

    Variants: plain, a lantern cap over the flame, glowing eye holes.
    """
    dy = 1 if p.crouch else 0
    tick = p.frame % 2
    flame = _FLAMES[tick]
    c.stamp(flame[:, ::-1] if p.view == "side" else flame, 2, 2 + dy if p.bob else 1 + dy)
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 1)] = SHADE
    c.g[(c.g == BODY) & ~np.roll(c.g == BODY, -1, 0)] = SHADE
    c.ball(4, 7 + dy, 11, 14, LIGHT, LIGHT, EYE)
    c.rect(5, 14, 10, 14, SHADE)
    if v == 1:
        c.rect(4, 1 + dy, 11, 2 + dy, ACCENT)
        c.rect(7, 0 + dy + 1, 8, 1 + dy, ACCENT)
        c.rect(3, 3 + dy, 12, 3 + dy, CLEAR)
    if p.view == "back":
        return
    look = 1 if p.view == "side" else 0
    if v == 2:
        c.rect(5 + look, 9 + dy, 6 + look, 10 + dy, OUTLINE)
        c.rect(9 + look, 9 + dy, 10 + look, 10 + dy, OUTLINE)
        c.px(5 + look, 9 + dy, EYE)
        c.px(9 + look, 9 + dy, EYE)
    else:
        draw_eye(c, 6 + look, 9 + dy, p, tall=True)
        draw_eye(c, 9 + look, 9 + dy, p, tall=True)
