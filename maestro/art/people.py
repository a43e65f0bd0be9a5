"""People with a trade: wizard, chef, farmer, ninja, pirate and astronaut, told apart by hat, robe and tool.

GDDs cast their heroes by role ("a young chef", 해적 선장, "an astronaut lost on Mars"). Each is the
humanoid body of :mod:`maestro.art.humanoids` (the wizard's robe and the astronaut's suit are their own)
with what a player reads at 16 px: the outline of a hat (pointed, toque, straw brim, tricorn, helmet),
and a tool held away from the body (staff, pan, pitchfork, cutlass, katana), so silhouettes differ.
"""

from __future__ import annotations

from maestro.art.humanoids import HERO, Biped, biped, biped_legs, front_legs
from maestro.art.pixels import (
    ACCENT,
    BODY,
    EYE,
    LIGHT,
    OUTLINE,
    PUPIL,
    SHADE,
    Canvas,
    Pose,
    creature,
    symmetric,
    template,
)

#: A bare head (hair at the back, skin in front), for the hat to sit on; side view faces right.
_PERSON = Biped(
    side=template("""
        ..bbbb..
        .bbbbbb.
        bbbbllll
        bbbllpll
        bbbllpll
        .bblllll
        ..llll..
    """),
    front=symmetric("""
        ..bb
        .bbb
        bbll
        blpl
        blpl
        .lll
        ..ll
    """),
    back=HERO.back,  # from behind, a bare head is the hero's: hair
)


def _dy(p: Pose) -> int:
    return 3 if p.crouch else (1 if p.bob else 0)


def _swing(p: Pose) -> int:
    return {-1: 0, 0: -1, 1: 0, 2: 1, 3: 0}[p.step]


# --- the wizard: a robe to the ground, a tall pointed hat, a staff with a glowing top ------------------
@creature("wizard")
def _wizard(c: Canvas, p: Pose, v: int) -> None:
    """A robed mage: a pointed hat with a crooked tip, a white beard, a staff taller than itself.

    Variants: a star on the hat, a hood-coloured trim, a crystal-topped staff.
    """
    dy = _dy(p)
    side = p.view == "side"
    hem = (0, 1, 0, -1)[p.step % 4] if p.step >= 0 else 0
    for y in range(7 + dy, 15):  # the robe, flaring to the ground
        grow = (y - 7 - dy) // 2
        x0, x1 = (5 - grow, 9 + grow // 2) if side else (5 - grow // 2, 10 + grow // 2)
        c.rect(x0 + (hem if y >= 12 else 0), y, x1 + (hem if y >= 12 else 0), y, BODY)
    c.rect(3 + hem, 14, 11 + hem if side else 12, 14, SHADE)
    if side:
        c.rect(7, 8 + dy, 7, 13, SHADE)
        if p.step in (0, 2):
            c.rect(10 + hem, 14, 11 + hem, 14, OUTLINE)
        c.stamp(template("""
            ..llll.
            .lllll.
            .llpll.
            .lllll.
            ..eeee.
            ..eee..
            ...e...
        """), 4, 2 + dy)
        c.rect(7, 3 + dy, 9, 3 + dy, LIGHT)
        c.rect(2, 3 + dy, 11, 3 + dy, BODY)  # brim
        c.rect(4, 2 + dy, 9, 2 + dy, BODY)
        c.rect(5, 1 + dy, 7, 1 + dy, BODY)
        c.px(3, 1 + dy, BODY)  # the crooked tip, bent back
        c.px(4, 1 + dy, BODY)
        c.rect(2, 3 + dy, 11, 3 + dy, SHADE if v == 1 else BODY)
        if v == 0:
            c.px(6, 2 + dy, LIGHT)
        reach = 1 if p.air else 0
        sx = 12 + _swing(p) // 2
        c.rect(sx, 3 + dy - reach, sx, 14 - reach if not p.air else 12, ACCENT)
        c.rect(sx - 1, 2 + dy - reach, sx + 1, 3 + dy - reach, EYE if v == 2 else LIGHT)
        c.px(sx, 1 + dy - reach, EYE if p.frame % 2 else LIGHT)
        c.rect(9, 8 + dy, sx - 1, 8 + dy, BODY)  # the arm holding it
        if not p.hurt:
            c.px(8, 4 + dy, PUPIL)
        return
    front = p.view == "front"
    c.rect(7, 8, 8, 13, SHADE if front else BODY)
    if front:
        c.stamp(symmetric("""
            .lll
            llpl
            llll
            .eee
            ..ee
            ...e
        """), 4, 3)
        if p.hurt:
            c.rect(6, 4, 6, 4, OUTLINE)
            c.rect(9, 4, 9, 4, OUTLINE)
    else:
        c.rect(5, 3, 10, 8, SHADE)
    c.rect(2, 3, 13, 3, BODY)
    c.rect(5, 2, 10, 2, BODY)
    c.rect(6, 1, 9, 1, BODY)
    if v == 0 and front:
        c.px(7, 2, LIGHT)
    sx = 13 if front else 2
    lift = 1 if p.step == 0 else 0
    c.rect(sx, 3 - lift, sx, 14 - lift, ACCENT)
    c.rect(sx - 1, 1, sx + 1, 2, EYE if v == 2 else LIGHT)
    c.px(sx, 1, EYE if p.frame % 2 else LIGHT)


# --- the chef: a tall white toque, an apron, a frying pan -----------------------------------------
@creature("chef")
def _chef(c: Canvas, p: Pose, v: int) -> None:
    """A cook in a tall puffed toque and a white apron, a frying pan held out in front.

    Variants: a frying pan, a ladle, a rolling pin.
    """
    biped(c, p, _PERSON)
    dy = _dy(p)
    if p.view == "side":
        c.rect(7, 8 + dy, 9, 11 + dy, EYE)  # apron
        c.rect(4, 2 + dy, 10, 3 + dy, EYE)  # band
        c.rect(3, 1 + dy, 11, 1 + dy, EYE)  # the puff, wider than the head
        c.rect(4, 0 + dy, 10, 0 + dy, EYE)
        c.rect(4, 3 + dy, 10, 3 + dy, LIGHT)
        c.px(6, 1 + dy, LIGHT)
        c.px(9, 1 + dy, LIGHT)
        lift = 2 if p.air else (1 if p.frame % 2 and p.step < 0 else 0)
        hy = 9 + dy - lift
        c.rect(8, hy, 10, hy, BODY)
        if v == 0:  # the pan
            c.rect(11, hy, 11, hy, SHADE)
            c.rect(12, hy - 1, 14, hy, OUTLINE)
            c.rect(12, hy - 1, 14, hy - 1, SHADE)
        elif v == 1:  # a ladle
            c.line(11, hy, 12, hy - 4, SHADE)
            c.rect(12, hy - 6, 14, hy - 5, SHADE)
        else:  # a rolling pin
            c.rect(11, hy - 1, 14, hy, ACCENT)
            c.rect(11, hy - 1, 14, hy - 1, LIGHT)
        return
    front = p.view == "front"
    if front:
        c.rect(6, 8, 9, 12, EYE)
    c.rect(4, 2, 11, 3, EYE)
    c.rect(3, 1, 12, 1, EYE)
    c.rect(4, 0, 11, 0, EYE)
    c.rect(4, 3, 11, 3, LIGHT)
    c.px(7, 1, LIGHT)
    lift = 1 if p.step == 0 else 0
    c.rect(12, 8 - lift, 14, 9 - lift, OUTLINE if v == 0 else SHADE)
    c.rect(12, 8 - lift, 14, 8 - lift, SHADE if v == 0 else ACCENT)


# --- the farmer: a wide straw hat, overalls, a pitchfork ----------------------------------------------
@creature("farmer")
def _farmer(c: Canvas, p: Pose, v: int) -> None:
    """A farmer under a wide straw hat, in overalls, a pitchfork held upright; a hoe or a basket by variant."""
    biped(c, p, _PERSON)
    dy = _dy(p)
    if p.view == "side":
        c.rect(5, 9 + dy, 9, 10 + dy, ACCENT)  # overalls
        c.px(8, 8 + dy, ACCENT)
        c.rect(1, 3 + dy, 14, 3 + dy, ACCENT)  # the brim, far wider than the head
        c.rect(2, 4 + dy, 3, 4 + dy, ACCENT)
        c.rect(4, 1 + dy, 9, 2 + dy, ACCENT)
        c.rect(4, 2 + dy, 9, 2 + dy, SHADE)
        c.rect(1, 3 + dy, 1, 3 + dy, LIGHT)
        lift = 2 if p.air else 0
        fx = 11 + _swing(p) // 2
        if v == 2:  # a basket on the arm
            c.rect(9, 9 + dy - lift, 12, 11 + dy - lift, ACCENT)
            c.rect(9, 9 + dy - lift, 12, 9 + dy - lift, LIGHT)
            c.px(10, 8 + dy - lift, SHADE)
            c.px(11, 8 + dy - lift, SHADE)
            return
        c.rect(fx, 4 + dy - lift, fx, 14 - lift, SHADE)
        c.rect(9, 9 + dy - lift, fx - 1, 9 + dy - lift, BODY)
        if v == 0:  # pitchfork tines
            c.rect(fx - 1, 3 + dy - lift, fx + 1, 3 + dy - lift, LIGHT)
            for x in (fx - 1, fx + 1):
                c.rect(x, 1 + dy - lift, x, 2 + dy - lift, LIGHT)
            c.px(fx, 2 + dy - lift, LIGHT)
        else:  # a hoe blade
            c.rect(fx, 3 + dy - lift, fx + 2, 4 + dy - lift, LIGHT)
        return
    front = p.view == "front"
    c.rect(5, 9, 10, 10, ACCENT)
    if front:
        c.px(6, 8, ACCENT)
        c.px(9, 8, ACCENT)
    c.rect(0 + 1, 3, 14, 3, ACCENT)
    c.rect(4, 1, 11, 2, ACCENT)
    c.rect(4, 2, 11, 2, SHADE)
    lift = 1 if p.step == 0 else 0
    if v != 2:
        c.rect(13, 2 - lift, 13, 13 - lift, SHADE)
        c.rect(12, 1 - lift + 1, 14, 1 - lift + 1, LIGHT)


# --- the ninja: masked, a katana on the back, headband tails that stream behind -----------------------
_NINJA = Biped(
    side=template("""
        ..bbbb..
        .bbbbbbb
        bbbbbbbb
        bbbleple
        bbbbbbbb
        .bbbbbbb
        ..bbbb..
    """),
    front=symmetric("""
        ..bb
        .bbb
        bbbb
        blep
        bbbb
        .bbb
        ..bb
    """),
    back=symmetric("""
        ..bb
        .bbb
        bbbb
        bbbb
        bbbb
        .bbb
        ..bb
    """),
    torso=BODY, belt=ACCENT, near=SHADE, far=OUTLINE, boot=SHADE, arm=BODY, hand=BODY,
)


@creature("ninja")
def _ninja(c: Canvas, p: Pose, v: int) -> None:
    """A masked ninja with an eye slit, a katana across the back and headband tails streaming behind.

    Variants: a katana, twin blades, a scarf instead of tails.
    """
    biped(c, p, _NINJA)
    dy = _dy(p)
    moving = p.step >= 0 or p.air
    if p.view == "side":
        c.rect(3, 3 + dy, 10, 3 + dy, ACCENT)  # headband
        wave = p.frame % 2
        c.line(2, 3 + dy, 0 + 1, 2 + dy + (wave if moving else 2), ACCENT)
        c.line(2, 4 + dy, 1, 4 + dy + (1 - wave if moving else 2), ACCENT)
        if p.hurt:
            c.rect(7, 4 + dy, 10, 4 + dy, OUTLINE)
        c.line(1, 9 + dy, 4, 6 + dy, SHADE)  # the scabbard across the back
        c.line(1, 10 + dy, 5, 6 + dy, SHADE)
        lift = 2 if p.air else 0
        sw = _swing(p)
        c.rect(8, 9 + dy - lift, 10 + sw, 9 + dy - lift, BODY)
        c.line(11 + sw, 8 + dy - lift, 14, 3 + dy - lift + sw, LIGHT)  # the katana, drawn
        c.line(11 + sw, 9 + dy - lift, 14, 4 + dy - lift + sw, EYE)
        if v == 1:
            c.line(3, 13 + dy - 3, 1, 12 + dy, LIGHT)
        if v == 2:
            c.rect(5, 8 + dy, 9, 8 + dy, ACCENT)
        return
    front = p.view == "front"
    c.rect(4, 3, 11, 3, ACCENT)
    if front and p.hurt:
        c.rect(5, 4, 10, 4, OUTLINE)
    c.line(3, 11, 12, 2, SHADE)
    c.rect(12, 1, 13, 2, LIGHT)
    if not front:
        wave = p.frame % 2
        c.rect(7, 4, 8, 5 + wave, ACCENT)
    if v == 1:
        c.rect(2, 1, 3, 2, LIGHT)
        c.line(3, 2, 12, 11, SHADE)


# --- the pirate: tricorn hat, eyepatch, cutlass raised --------------------------------------------
@creature("pirate")
def _pirate(c: Canvas, p: Pose, v: int) -> None:
    """A pirate in a tricorn hat with a skull badge, an eyepatch, a striped shirt and a cutlass raised.

    Variants: a cutlass, a hook hand and a bicorne, a parrot on the shoulder.
    """
    biped(c, p, _PERSON)
    dy = _dy(p)
    if p.view == "side":
        for y in (8, 10):
            c.rect(5, y + dy, 9, y + dy, LIGHT)
        c.rect(3, 9 + dy, 4, 12 + dy, ACCENT)  # coat tails
        c.px(2, 12 + dy, ACCENT)
        c.rect(2, 2 + dy, 12, 3 + dy, SHADE)  # the tricorn: a wide upturned brim...
        c.px(2, 1 + dy, SHADE)
        c.px(12, 1 + dy, SHADE)
        c.rect(4, 1 + dy, 10, 2 + dy, SHADE)  # ...round a low crown
        c.px(7, 2 + dy, EYE)
        if not p.hurt:
            c.rect(8, 4 + dy, 9, 5 + dy, OUTLINE)  # eyepatch
        c.line(6, 4 + dy, 8, 4 + dy, OUTLINE)
        c.rect(7, 6 + dy, 10, 7 + dy, ACCENT)  # beard
        lift = 2 if p.air else 0
        sw = _swing(p)
        hx, hy = 9 + sw, 9 + dy - lift
        c.rect(8, hy, hx, hy, BODY)
        if v == 1:
            c.rect(hx + 1, hy - 1, hx + 2, hy - 1, LIGHT)
            c.px(hx + 2, hy - 2, LIGHT)
        else:
            c.px(hx + 1, hy, ACCENT)
            c.line(hx + 2, hy - 1, hx + 4, hy - 5, LIGHT)  # the cutlass
            c.line(hx + 3, hy - 1, hx + 5, hy - 5, EYE)
        if v == 2:  # a parrot on the shoulder
            c.rect(4, 5 + dy, 5, 7 + dy, ACCENT)
            c.px(6, 6 + dy, LIGHT)
        return
    front = p.view == "front"
    for y in (8, 10):
        c.rect(5, y, 10, y, LIGHT)
    c.rect(1, 2, 14, 3, SHADE)
    c.px(1, 1, SHADE)
    c.px(14, 1, SHADE)
    c.rect(4, 1, 11, 2, SHADE)
    if front:
        c.px(7, 2, EYE)
        c.px(8, 2, EYE)
        if not p.hurt:
            c.rect(9, 4, 10, 5, OUTLINE)
        c.rect(5, 6, 10, 7, ACCENT)
        c.px(7, 7, LIGHT)
    lift = 1 if p.step == 0 else 0
    c.line(12, 9 - lift, 14, 5 - lift, LIGHT)


# --- the astronaut: a big round helmet with a visor, a life-support pack ---------------------------
@creature("astronaut")
def _astronaut(c: Canvas, p: Pose, v: int) -> None:
    """A spacesuit: a big round helmet with a dark visor and a glint, a backpack, chunky boots.

    Variants: a plain suit, a flag patch, an antenna on the helmet.
    """
    dy = _dy(p)
    if p.view == "side":
        biped_legs(c, p, 7, 11 + dy, SHADE, OUTLINE, LIGHT, 2, gap=3)
        c.rect(1, 5 + dy, 3, 12 + dy, SHADE)  # life-support pack with its aerial
        c.rect(1, 5 + dy, 3, 5 + dy, LIGHT)
        c.rect(1, 2 + dy, 1, 4 + dy, SHADE)
        c.px(1, 1 + dy, ACCENT)
        c.rect(4, 8 + dy, 10, 11 + dy, BODY)
        c.rect(4, 11 + dy, 10, 11 + dy, SHADE)
        c.rect(6, 9 + dy, 7, 9 + dy, ACCENT if v != 1 else EYE)
        reach = -2 if p.air else _swing(p)
        c.line(8, 9 + dy, 10 + (1 if reach > 0 else 0), 10 + dy + reach // 2, LIGHT)
        c.rect(10, 10 + dy + reach // 2, 11, 10 + dy + reach // 2, BODY)
        c.ball(3, 1 + dy, 14, 10 + dy, BODY, SHADE, LIGHT)  # the helmet
        c.rect(8, 3 + dy, 13, 6 + dy, OUTLINE)  # visor
        c.rect(9, 4 + dy, 13, 5 + dy, ACCENT)
        if not p.hurt:
            c.px(9, 4 + dy, EYE)
            c.px(10, 4 + dy, LIGHT)
        if v == 1:  # a mission patch on the pack
            c.rect(2, 8 + dy, 2, 9 + dy, EYE)
        elif v == 2:
            c.px(5, max(dy, 1), ACCENT)
        return
    front = p.view == "front"
    front_legs(c, p, 11, SHADE, LIGHT, x=4, gap=3, width=3)
    c.rect(3, 8, 12, 11, BODY)
    c.rect(3, 11, 12, 11, SHADE)
    swing = 1 if p.step == 0 else 0
    c.rect(1, 8, 2, 11 - swing, BODY)
    c.rect(13, 8, 14, 10 + swing, BODY)
    if not front:
        c.rect(4, 6, 11, 11, SHADE)
        c.rect(4, 6, 11, 6, LIGHT)
    c.ball(2, 0 + 1, 13, 9, BODY, SHADE, LIGHT)
    if front:
        c.rect(4, 3, 11, 6, OUTLINE)
        c.rect(5, 4, 10, 5, ACCENT)
        if not p.hurt:
            c.px(5, 4, EYE)
            c.px(6, 4, LIGHT)
        c.rect(6, 9, 9, 10, EYE if v == 1 else ACCENT)
    if v == 2:
        c.px(7, 1, ACCENT)
