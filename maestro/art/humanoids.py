"""Humanoid archetypes: hero, knight, robot, skeleton and golem, the things that walk on two legs.

Hero, knight and skeleton share one body (:class:`Biped`: a head template per view, torso, arms,
walking legs), so each drawer only adds what sets it apart: hair and scarf, helmet and shield, bones.
The robot walks on the same legs under a boxy frame; the golem is a boulder on stumps. Kept apart from
the animals because the biped and its leg placements serve these alone.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

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
    symmetric,
    template,
)


# --- legs -----------------------------------------------------------------------------------------
def _leg(c: Canvas, hx: int, hy: int, fx: int, fy: int, role: int, width: int = 2, toe: int = BODY,
         knee: tuple[int, int] | None = None) -> None:
    """A leg from hip to foot (through ``knee`` if bent), ``width`` px thick, with a forward toe."""
    pts = [(hx, hy), *([knee] if knee else []), (fx, fy)]
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        for k in range(width):
            c.line(ax + k, ay, bx + k, by, role)
    if toe >= 0:
        c.px(fx + width, fy, toe)


#: Side-view leg placements for a biped by walk phase: (near foot dx, near lift, far foot dx, far lift).
_STRIDE = {-1: (0, 0, 0, 0), 0: (2, 0, -2, 0), 1: (0, 0, -1, 2), 2: (-2, 0, 2, 0), 3: (-1, 2, 0, 0)}


def biped_legs(c: Canvas, p: Pose, hx: int, hy: int, near: int, far: int, boot: int, width: int = 2,
                gap: int = 2) -> None:
    """Two legs under a side-view body: hips at (hx, hy) (far leg ``gap`` px behind), feet on row 14."""
    if p.crouch:
        _leg(c, hx - gap, hy, hx - gap - 1, 14, far, width, boot)
        _leg(c, hx, hy, hx + 1, 14, near, width, boot)
        return
    if p.air:
        _leg(c, hx - gap, hy, hx - gap - 2, 14, far, width, boot)
        _leg(c, hx, hy, hx + 1, 13, near, width, boot, knee=(hx + 2, hy + 1))
        return
    ndx, nlift, fdx, flift = _STRIDE[p.step]
    _leg(c, hx - gap, hy, hx - gap + fdx, 14 - flift, far, width, boot)
    _leg(c, hx, hy, hx + ndx, 14 - nlift, near, width, boot)


def front_legs(c: Canvas, p: Pose, y: int, role: int, boot: int, x: int = 5, gap: int = 2,
                width: int = 2) -> None:
    """Two legs seen from the front or back, from row ``y`` down; walking lifts one foot a pixel."""
    lift_left = 1 if p.step == 0 else 0
    lift_right = 1 if p.step == 2 else 0
    xr = x + width + gap
    c.rect(x, y, x + width - 1, 14 - lift_left, role)
    c.rect(xr, y, xr + width - 1, 14 - lift_right, role)
    c.rect(x, 14 - lift_left, x + width - 1, 14 - lift_left, boot)
    c.rect(xr, 14 - lift_right, xr + width - 1, 14 - lift_right, boot)



# --- the biped -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Biped:
    """A small humanoid: heads as 8x7 templates (side faces right), the rest as roles."""

    side: npt.NDArray[np.int8]
    front: npt.NDArray[np.int8]
    back: npt.NDArray[np.int8]
    torso: int = BODY
    belt: int = SHADE
    near: int = SHADE  #: near leg
    far: int = OUTLINE  #: far leg (darker, so the legs read as two)
    boot: int = OUTLINE
    arm: int = BODY
    hand: int = LIGHT
    thin: bool = False  #: bone-thin limbs (skeletons)


def biped(c: Canvas, p: Pose, look: Biped) -> None:
    """Draw a biped in any view; returns nothing, the caller adds gear on top."""
    lw = 1 if look.thin else 2
    if p.view == "side":
        dy = 3 if p.crouch else (1 if p.bob else 0)
        top, hip = 8 + dy, 11 + dy
        biped_legs(c, p, 6 if look.thin else 7, hip, look.near, look.far, look.boot if not look.thin else -1, lw,
                    gap=2)
        if look.thin:
            c.rect(6, top, 6, hip - 1, look.torso)
            for y in range(top, hip - 1, 2):
                c.rect(5, y, 8, y, look.torso)
            c.rect(5, hip - 1, 8, hip - 1, look.belt)
        else:
            c.rect(5, top, 9, hip - 1, look.torso)
            c.rect(5, hip - 1, 9, hip - 1, look.belt)
        swing = {-1: 0, 0: -1, 1: 0, 2: 1, 3: 0}[p.step]
        if p.air and not p.hurt:
            c.line(8, top, 10, top - 2, look.arm)
            c.px(10, top - 2, look.hand)
        elif p.hurt:
            c.line(8, top, 5, top - 2, look.arm)
            c.px(5, top - 2, look.hand)
        else:
            c.line(7, top, 7 + swing, top + 2, look.arm)
            c.px(7 + swing, top + 2, look.hand)
        c.stamp(look.side, 3, 1 + dy)
        return
    front_legs(c, p, 11, look.near, look.boot if not look.thin else look.near, x=5 if not look.thin else 6,
                gap=2, width=lw)
    if look.thin:
        c.rect(7, 8, 8, 10, look.torso)
        c.rect(5, 8, 10, 8, look.torso)
        c.rect(6, 10, 9, 10, look.torso)
    else:
        c.rect(5, 8, 10, 10, look.torso)
        c.rect(5, 10, 10, 10, look.belt)
    swing = 1 if p.step == 0 else 0
    c.rect(4, 8, 4, 10 - swing, look.arm)
    c.px(4, 10 - swing, look.hand)
    c.rect(11, 8, 11, 9 + swing, look.arm)
    c.px(11, 9 + swing, look.hand)
    c.stamp(look.front if p.view == "front" else look.back, 4, 1)


HERO = Biped(
    side=template("""
        ..bbbb..
        .bbbbbb.
        bbbbbbbb
        bbbllpll
        bbbllpll
        .bblllll
        ..llll..
    """),
    front=symmetric("""
        ..bb
        .bbb
        bbbb
        blpl
        blpl
        .lll
        ..ll
    """),
    back=symmetric("""
        ..bb
        .bbb
        bbbb
        bbbb
        bbbb
        .bbb
        ..ll
    """),
)


@creature("hero")
def _hero(c: Canvas, p: Pose, v: int) -> None:
    """A small adventurer: big hair, tunic, a scarf (or cap or headband by variant) that trails behind."""
    biped(c, p, HERO)
    dy = 3 if p.crouch else (1 if p.bob else 0)
    if v == 1:  # a cap with a peak
        if p.view == "side":
            c.rect(4, 1 + dy, 9, 2 + dy, ACCENT)
            c.rect(9, 3 + dy, 11, 3 + dy, ACCENT)
        else:
            c.rect(5, 1, 10, 2, ACCENT)
            c.rect(4, 3, 11, 3, ACCENT if p.view == "front" else SHADE)
    elif v == 2:  # a headband
        if p.view == "side":
            c.rect(3, 3 + dy, 10, 3 + dy, ACCENT)
            c.px(2, 4 + dy, ACCENT)
        else:
            c.rect(4, 2, 11, 2, ACCENT)
    if p.view == "side":  # scarf knot, fluttering when moving
        flutter = p.step in (0, 2) or p.air
        c.rect(5, 8 + dy, 8, 8 + dy, ACCENT)
        c.rect(3, 8 + dy, 4, 8 + dy + (0 if flutter else 1), ACCENT)
        if flutter:
            c.px(2, 9 + dy, ACCENT)


_KNIGHT = Biped(
    side=template("""
        ....aa..
        ..bbbabb
        .bbbbbbb
        bbbboeeb
        bbbbbbbb
        sbbbbbbs
        .ssssss.
    """),
    front=symmetric("""
        ...a
        .bba
        bbbb
        boee
        bbbb
        sbbb
        .sss
    """),
    back=symmetric("""
        ...a
        .bba
        bbbb
        bbbb
        bbbb
        sbbb
        .sss
    """),
    torso=BODY, belt=ACCENT, near=SHADE, far=OUTLINE, boot=SHADE, arm=SHADE, hand=SHADE,
)


@creature("knight")
def _knight(c: Canvas, p: Pose, v: int) -> None:
    """Helmet with a plume and visor slit, armour, and a shield held in front (crest by variant)."""
    biped(c, p, _KNIGHT)
    dy = 3 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        c.rect(9, 7 + dy, 12, 11 + dy, ACCENT)
        c.rect(10, 12 + dy, 11, 12 + dy, ACCENT)
        c.rect(12, 8 + dy, 12, 11 + dy, SHADE)
        if v == 1:
            c.rect(10, 8 + dy, 10, 11 + dy, LIGHT)
        elif v == 2:
            c.px(10, 9 + dy, LIGHT)
            c.px(11, 9 + dy, LIGHT)
        if v != 0:
            c.rect(3, 0 + dy, 4, 1 + dy, CLEAR)
            c.rect(4, 1 + dy, 5, 2 + dy, ACCENT)
    elif p.view == "front":
        c.rect(1, 7, 4, 11, ACCENT)
        c.rect(2, 12, 3, 12, ACCENT)
        c.rect(1, 7, 1, 11, LIGHT if v else SHADE)
        c.line(13, 4 + v, 13, 11, LIGHT)  # sword
        c.rect(12, 9, 14, 9, SHADE)
    else:
        c.rect(11, 7, 14, 11, ACCENT)
        c.rect(12, 12, 13, 12, ACCENT)


@creature("robot")
def _robot(c: Canvas, p: Pose, v: int) -> None:
    """A walking machine: a wide box of a head with a glowing visor and an antenna, a boxy body, claw hands.

    Variants: a ball antenna, twin antennae, a single dome light.
    """
    dy = 3 if p.crouch else (1 if p.bob else 0)
    side = p.view == "side"
    if side:
        biped_legs(c, p, 7, 11 + dy, SHADE, OUTLINE, BODY, 2, gap=3)
        c.rect(4, 8 + dy, 10, 11 + dy, BODY)
        c.rect(4, 11 + dy, 10, 11 + dy, SHADE)
        c.rect(6, 9 + dy, 7, 9 + dy, ACCENT if p.frame % 2 == 0 else EYE)
        reach = 1 if p.air else (0 if p.step in (-1, 1, 3) else (1 if p.step == 2 else -1))
        c.line(8, 9 + dy, 11 + reach, 10 + dy - (2 if p.air else 0), SHADE)
        c.rect(11 + reach, 9 + dy - (2 if p.air else 0), 12 + reach, 9 + dy - (2 if p.air else 0), SHADE)
        c.rect(2, 2 + dy, 12, 7 + dy, BODY)
        c.rect(2, 7 + dy, 12, 7 + dy, SHADE)
        c.rect(2, 2 + dy, 12, 2 + dy, LIGHT)
        c.rect(8, 4 + dy, 12, 5 + dy, OUTLINE)
        if not p.hurt:
            c.rect(9, 4 + dy, 12, 4 + dy, EYE)
            c.px(11, 5 + dy, EYE)
        c.rect(3, 4 + dy, 4, 5 + dy, SHADE)
        top, ax = 2 + dy, 6
    else:
        front = p.view == "front"
        front_legs(c, p, 12, SHADE, BODY, x=5, gap=2, width=2)
        c.rect(4, 8, 11, 11, BODY)
        c.rect(4, 11, 11, 11, SHADE)
        swing = 1 if p.step == 0 else 0
        c.rect(2, 8, 3, 10 - swing, SHADE)
        c.rect(12, 8, 13, 9 + swing, SHADE)
        c.px(2, 11 - swing, SHADE)
        c.px(13, 10 + swing, SHADE)
        c.rect(1, 2, 14, 7, BODY)
        c.rect(1, 7, 14, 7, SHADE)
        c.rect(1, 2, 14, 2, LIGHT)
        if front:
            c.rect(3, 4, 12, 5, OUTLINE)
            if not p.hurt:
                c.rect(4, 4, 5, 5, EYE)
                c.rect(10, 4, 11, 5, EYE)
                c.px(5, 5, PUPIL)
                c.px(10, 5, PUPIL)
            c.rect(7, 9, 8, 9, ACCENT if p.frame % 2 == 0 else EYE)
        else:
            c.rect(4, 4, 11, 4, SHADE)
            c.rect(4, 6, 11, 6, SHADE)
            c.rect(6, 9, 9, 10, SHADE)
        top, ax = 2, 7
    if v == 0:
        c.rect(ax, top - 1, ax, top - 1, SHADE)
        c.px(ax, top - 2 if top >= 3 else 1, ACCENT)
        c.px(ax, top - 1, SHADE)
    elif v == 1:
        c.px(ax - 2, top - 1, ACCENT)
        c.px(ax + 2, top - 1, ACCENT)
    else:
        c.rect(ax - 1, top - 1, ax + 1, top - 1, ACCENT)


_SKELETON = Biped(
    side=template("""
        ..bbbb..
        .bbbbbbb
        bbbbbbbb
        bbbooboo
        bbbooboo
        .bbbbobb
        ..bobob.
    """),
    front=symmetric("""
        .bbb
        bbbb
        bbbb
        boob
        boob
        bbbo
        .bob
    """),
    back=symmetric("""
        .bbb
        bbbb
        bbbb
        bbbb
        bbbs
        sbbb
        .sss
    """),
    torso=BODY, belt=SHADE, near=BODY, far=SHADE, boot=BODY, arm=BODY, hand=BODY, thin=True,
)


@creature("skeleton")
def _skeleton(c: Canvas, p: Pose, v: int) -> None:
    """A big skull with dark sockets, rib bars and bone-thin limbs; a helmet, bow or glowing eyes by variant."""
    biped(c, p, _SKELETON)
    dy = 3 if p.crouch else (1 if p.bob else 0)
    if p.view == "side" and not p.air:  # a bone club held up
        swing = {-1: 0, 0: -1, 1: 0, 2: 1, 3: 0}[p.step]
        c.line(8 + swing, 10 + dy, 11 + swing, 6 + dy, BODY)
        c.rect(11 + swing, 5 + dy, 12 + swing, 6 + dy, BODY)
    if p.view == "side":
        if v == 2 and not p.hurt:
            c.px(7, 4 + dy, EYE)
            c.px(10, 4 + dy, EYE)
        if v == 1:
            c.rect(3, 1 + dy, 9, 2 + dy, ACCENT)
            c.px(10, 2 + dy, ACCENT)
    elif p.view == "front":
        if v == 2 and not p.hurt:
            c.px(6, 5, EYE)
            c.px(9, 5, EYE)
        if v == 1:
            c.rect(5, 1, 10, 2, ACCENT)
            c.rect(4, 3, 11, 3, ACCENT)
    elif v == 1:
        c.rect(5, 1, 10, 2, ACCENT)
        c.rect(4, 3, 11, 3, ACCENT)


@creature("golem")
def _golem(c: Canvas, p: Pose, v: int) -> None:
    """A boulder body with a small head sunk between the shoulders, huge fists and glowing eyes.

    Variants: moss on the shoulders, crystal spikes, a glowing rune on the chest.
    """
    dy = 2 if p.crouch else (1 if p.bob else 0)
    lift_far = 1 if p.step == 1 or p.air else 0
    lift_near = 1 if p.step == 3 or p.air else 0
    if p.view == "side":
        swing = {-1: 0, 0: 1, 1: 0, 2: -1, 3: 0}[p.step]
        c.ball(1 - swing, 6 + dy, 4 - swing, 11 + dy, SHADE, SHADE, SHADE)
        c.rect(3, 11, 5, 14 - lift_far, SHADE)
        c.rect(8, 11, 10, 14 - lift_near, BODY)
        c.rect(8, 14 - lift_near, 10, 14 - lift_near, SHADE)
        c.ball(1, 3 + dy, 11, 12 + dy, grow=0.6)
        c.ball(7, 1 + dy, 12, 6 + dy, grow=0.3)
        if p.hurt:
            c.rect(10, 3 + dy, 11, 3 + dy, OUTLINE)
        else:
            c.rect(10, 3 + dy, 11, 3 + dy, EYE)
        c.line(3, 7 + dy, 5, 9 + dy, SHADE)
        c.line(6, 10 + dy, 7, 9 + dy, SHADE)
        c.ball(9 + swing, 7 + dy, 13 + swing, 13 + dy if not p.air else 12 + dy, grow=0.5)
        c.px(10 + swing, 11 + dy, SHADE)
        if v == 0:
            c.rect(3, 3 + dy, 7, 4 + dy, ACCENT)
            c.px(3, 5 + dy, ACCENT)
            c.px(6, 5 + dy, ACCENT)
        elif v == 1:
            c.line(3, 4 + dy, 3, 1 + dy, ACCENT)
            c.line(5, 3 + dy, 5, 0 + dy, ACCENT)
            c.px(4, 3 + dy, ACCENT)
        else:
            c.rect(5, 6 + dy, 6, 8 + dy, EYE)
        return
    front = p.view == "front"
    c.rect(4, 11, 6, 14 - lift_far, SHADE)
    c.rect(9, 11, 11, 14 - lift_near, SHADE)
    c.ball(3, 3 + dy, 12, 12 + dy, grow=0.6)
    c.ball(5, 1 + dy, 10, 6 + dy, BODY, SHADE, LIGHT if front else BODY, grow=0.3)
    if front:
        eye = OUTLINE if p.hurt else EYE
        c.px(6, 3 + dy, eye)
        c.px(9, 3 + dy, eye)
        c.line(5, 8 + dy, 7, 10 + dy, SHADE)
        if v == 2:
            c.rect(7, 8 + dy, 8, 9 + dy, EYE)
    else:
        c.line(7, 7 + dy, 7, 11 + dy, SHADE)
        c.line(8, 8 + dy, 10, 9 + dy, SHADE)
    arm_l, arm_r = (1, 0) if p.step == 0 else ((0, 1) if p.step == 2 else (0, 0))
    c.ball(1, 5 + dy + arm_l, 4, 12 + dy + arm_l, BODY, SHADE, BODY)
    c.ball(11, 5 + dy + arm_r, 14, 12 + dy + arm_r, BODY, SHADE, BODY)
    if v == 0:
        c.rect(3, 4 + dy, 5, 5 + dy, ACCENT)
        c.rect(10, 4 + dy, 12, 5 + dy, ACCENT)
    elif v == 1:
        for x in (3, 12):
            c.line(x, 5 + dy, x, 2 + dy, ACCENT)
            c.px(x + (1 if x < 8 else -1), 4 + dy, ACCENT)
