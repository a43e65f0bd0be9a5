"""Small-monster archetypes: bugs, slimes, ghosts, plants, water and shell creatures, the fallback blob.

Beetle, spider, slime, ghost, plant, mushroom, fish, frog, snail, turtle, crab and blob: the stock
enemies of platformers and top-down games. Each drawer is self-contained; the beetle and turtle are
also drawn from above, so they register as vehicles (turned to face where they walk).
"""

from __future__ import annotations

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
    oval_mask,
    template,
    vehicle,
)


@vehicle("beetle", 0)
def _beetle(c: Canvas, p: Pose, v: int) -> None:
    """A domed shell split down the middle, a small head with antennae, six thin legs.

    Seen from the side on platforms, from above in top-down games. Variants: shell spots, a rhino horn,
    a shiny stripe.
    """
    if p.view == "top":
        wiggle = 1 if p.step == 2 else 0
        for k, y in enumerate((6, 9, 12)):
            off = wiggle if k % 2 == 0 else 1 - wiggle
            c.line(3, y, 1, y - 1 + off, SHADE)
            c.line(11, y, 13, y - off, SHADE)
        c.line(6, 3, 5, 1, SHADE)
        c.line(8, 3, 9, 1, SHADE)
        c.ball(5, 2, 9, 5, SHADE, SHADE, SHADE)
        c.ball(3, 4, 11, 14)
        c.line(7, 5, 7, 14, OUTLINE)
        if v == 0:
            for x, y in ((5, 8), (9, 8), (5, 11), (9, 11)):
                c.px(x, y, ACCENT)
        elif v == 1:
            c.line(7, 3, 7, 1, ACCENT)
        else:
            c.line(5, 6, 5, 12, LIGHT)
        return
    dy = 1 if p.bob or p.crouch else 0
    c.line(12, 6 + dy, 14, 3 + dy, SHADE)
    c.ball(10, 5 + dy, 14, 10, SHADE, SHADE, SHADE)
    draw_eye(c, 13, 7 + dy, p)
    c.ball(1, 3 + dy, 12, 18 + dy, BODY, SHADE, LIGHT)
    c.rect(1, 11, 12, 15, CLEAR)
    c.rect(3, 10, 10, 11, SHADE)
    c.line(2, 9, 11, 9, SHADE)
    c.line(7, 1 + dy, 11, 8, OUTLINE)
    legs = {-1: (0, 0, 0), 0: (-1, 1, -1), 1: (0, 0, 0), 2: (1, -1, 1), 3: (0, 0, 0)}[p.step]
    lift = {1: (0, 1, 0), 3: (1, 0, 1)}.get(p.step, (0, 0, 0))
    for x, dx, up in zip((3, 6, 9), legs, lift, strict=True):
        foot = 14 - up if not p.air else 12
        c.line(x, 11, x + dx, foot, SHADE)
        c.px(x + dx + 1, foot, SHADE)
    if v == 0:
        c.px(4, 5 + dy, ACCENT)
        c.px(6, 3 + dy, ACCENT)
        c.px(9, 6 + dy, ACCENT)
        c.px(4, 8, ACCENT)
    elif v == 1:
        c.line(14, 8 + dy, 14, 5 + dy, ACCENT)
        c.px(13, 6 + dy, ACCENT)
        c.line(12, 6 + dy, 13, 4 + dy, CLEAR)
    else:
        c.line(3, 5 + dy, 5, 3 + dy, LIGHT)


#: One side's legs as (hip y, knee x, knee y, foot x, foot y), spaced so their outlines do not merge.
_SPIDER_LEGS = ((4, 2, 2, 1, 7), (7, 2, 8, 1, 12), (9, 4, 11, 3, 14))


@creature("spider")
def _spider(c: Canvas, p: Pose, v: int) -> None:
    """A round abdomen over a small head with four eyes, and eight long jointed legs that scuttle in turn."""
    dy = 1 if p.bob or p.crouch else 0
    moving = p.step >= 0 or p.air
    for k, (hy, kx, ky, fx, fy) in enumerate(_SPIDER_LEGS):
        for side in (0, 1):
            up = (k + side + p.frame) % 2 if moving else 0
            hx, kx2, fx2 = (5, kx, fx) if side == 0 else (10, 15 - kx, 15 - fx)
            c.line(hx, hy + dy, kx2, ky + dy - up, BODY)
            c.line(kx2, ky + dy - up, fx2, fy - up, BODY)
    c.ball(5, 1 + dy, 10, 7 + dy)
    if p.view == "back":
        c.rect(7, 3 + dy, 8, 5 + dy, ACCENT)
        c.rect(6, 4 + dy, 9, 4 + dy, ACCENT)
        return
    if v == 0:
        c.rect(7, 3 + dy, 8, 4 + dy, ACCENT)
    elif v == 1:
        c.px(6, 3 + dy, ACCENT)
        c.px(9, 3 + dy, ACCENT)
        c.rect(7, 5 + dy, 8, 5 + dy, ACCENT)
    else:
        c.line(6, 4 + dy, 9, 4 + dy, LIGHT)
    look = 1 if p.view == "side" else 0
    c.ball(6 + look, 7 + dy, 9 + look, 10 + dy, SHADE, SHADE, SHADE)
    role = OUTLINE if p.hurt else EYE
    for x, y in ((6, 8), (9, 8), (7, 9), (8, 9)):
        c.px(x + look, y + dy, role)
    c.px(7 + look, 11 + dy, ACCENT)
    c.px(8 + look, 11 + dy, ACCENT)


@creature("slime")
def _slime(c: Canvas, p: Pose, v: int) -> None:
    """A dome of goo with a shine, that squashes as it breathes and stretches as it hops.

    Variants: two eyes, one big eye, a dark core floating inside.
    """
    boxes = {-1: (2, 5, 13, 19), 0: (1, 8, 14, 19), 1: (3, 2, 12, 16), 2: (3, 1, 12, 13), 3: (2, 4, 13, 17)}
    x0, y0, x1, y1 = boxes[p.step]
    if p.step < 0 and p.bob:
        x0, y0, x1, y1 = 1, 6, 14, 19
    if p.air:
        x0, y0, x1, y1 = (3, 2, 12, 14) if p.wing == 0 else (2, 4, 13, 15)
    if p.crouch:
        x0, y0, x1, y1 = 1, 9, 14, 20
    c.oval(x0, y0, x1, y1, BODY)
    bottom = min(y1, 14)
    c.oval(x0 + 1, y0 + 1, x1 + 1, y1 + 1, BODY)
    c.g[oval_mask(x0, y0, x1, y1) & ~oval_mask(x0 - 1, y0 - 1, x1 - 1, y1 - 1)] = SHADE
    c.oval(x0, y0, x1, y1, BODY, -0.15)
    c.rect(x0, bottom + 1, x1 + 1, 15, CLEAR)
    c.rect(x0 + 2, bottom, x1 - 1, bottom, SHADE)
    c.px(x0 + 2, y0 + 2, LIGHT)
    c.px(x0 + 2, y0 + 3, LIGHT)
    c.px(x0 + 3, y0 + 1, LIGHT)
    if p.view == "back":
        return
    look = 1 if p.view == "side" else 0
    mid = (x0 + x1) // 2 + look
    ey = (y0 + bottom) // 2
    if v == 1:
        draw_eye(c, mid, ey - 1, p, white=True, tall=True)
    else:
        draw_eye(c, mid - 2, ey, p, tall=True)
        draw_eye(c, mid + 2, ey, p, tall=True)
        if v == 2:
            c.rect(mid - 1, ey + 3, mid, ey + 3, SHADE)
            c.px(x0 + 3, bottom - 1, ACCENT)
            c.px(x1 - 3, y0 + 4, ACCENT)
    if v == 0 and not p.hurt:
        c.px(mid, ey + 2, OUTLINE)


@creature("ghost")
def _ghost(c: Canvas, p: Pose, v: int) -> None:
    """A sheet with a rounded top and a wavy hem that ripples, stubby arms, hollow eyes; it floats and bobs."""
    dy = 1 if p.bob or p.crouch else 0
    side = p.view == "side"
    c.ball(3, 1 + dy, 12, 10 + dy)
    c.rect(3, 6 + dy, 12, 11 + dy, BODY)
    c.rect(12, 6 + dy, 12, 11 + dy, SHADE)
    wave = p.frame % 2
    for x in range(3, 13):
        if (x + wave) % 3:
            c.px(x, 12 + dy, BODY)
        if (x + wave) % 3 == 1:
            c.px(x, 13 + dy, SHADE if x > 9 else BODY)
    if side:
        c.rect(1, 10 + dy, 2, 11 + dy, BODY)
        c.px(1, 12 + dy, BODY)
    arm = 0 if p.step in (-1, 1, 3) else 1
    c.rect(1 if not side else 13, 6 + dy + arm, 2 if not side else 14, 7 + dy + arm, BODY)
    if not side:
        c.rect(13, 6 + dy + (1 - arm), 14, 7 + dy + (1 - arm), SHADE)
    if p.view == "back":
        c.line(6, 3 + dy, 9, 3 + dy, SHADE)
        return
    look = 2 if side else 0
    if p.hurt:
        c.rect(5 + look, 5 + dy, 6 + look, 5 + dy, OUTLINE)
        c.rect(9 + look, 5 + dy, 10 + look, 5 + dy, OUTLINE)
    else:
        c.rect(5 + look, 4 + dy, 6 + look, 6 + dy, PUPIL)
        c.rect(9 + look, 4 + dy, 9 + look, 6 + dy, PUPIL)
        c.rect(10 + look, 4 + dy, 10 + look, 6 + dy, PUPIL if not side else BODY)
        c.px(5 + look, 4 + dy, EYE)
        c.px(9 + look, 4 + dy, EYE)
    if v == 1:
        c.rect(7 + look, 8 + dy, 8 + look, 10 + dy, OUTLINE)
    elif v == 2:
        c.rect(6 + look, 8 + dy, 9 + look, 8 + dy, OUTLINE)
        c.px(8 + look, 9 + dy, ACCENT)
    c.px(4 + look // 2, 8 + dy, ACCENT if v != 0 else LIGHT)
    c.px(11 + look // 2, 8 + dy, ACCENT if v != 0 else LIGHT)


@creature("plant")
def _plant(c: Canvas, p: Pose, v: int) -> None:
    """A biting plant: a spotted head with a toothy mouth on a thorny stem with two leaves.

    It snaps (mouth open and shut) instead of walking. Variants: spots, thorns on the head, a petal crown.
    """
    bite = p.frame % 2 == 1 or p.air
    dy = 2 if p.crouch else (1 if p.bob else 0)
    lean = 1 if p.step >= 0 and p.frame % 2 == 0 else 0
    c.rect(6, 9 + dy, 7, 14, BODY)
    c.px(5, 11 + dy, BODY)
    c.px(8, 13, BODY)
    flap = p.frame % 2 if p.step >= 0 else 0
    c.ball(1, 10 - flap, 6, 13 - flap, SHADE, SHADE, SHADE)
    c.ball(8, 11, 13, 14, SHADE, SHADE, SHADE)
    c.line(2, 12 - flap, 5, 11 - flap, LIGHT)
    c.line(9, 13, 12, 12, LIGHT)
    if p.view != "side":
        c.ball(2, 1 + dy, 13, 10 + dy)
        if p.view == "front":
            c.rect(4, 5 + dy, 11, 7 + dy if bite else 5 + dy, OUTLINE)
            for x in (5, 7, 9):
                c.px(x, 5 + dy, EYE)
            if bite:
                for x in (6, 8, 10):
                    c.px(x, 7 + dy, EYE)
            draw_eye(c, 5, 3 + dy, p)
            draw_eye(c, 10, 3 + dy, p)
        else:
            c.px(5, 3 + dy, LIGHT)
            c.px(9, 6 + dy, LIGHT)
            c.px(7, 8 + dy, LIGHT)
    else:
        c.ball(3 + lean, 1 + dy, 13 + lean, 10 + dy)
        if bite:
            c.g[oval_mask(9 + lean, 3 + dy, 17 + lean, 9 + dy)] = CLEAR
            for y in (4, 6, 8):
                c.px(10 + lean, y + dy, EYE)
        else:
            c.line(9 + lean, 6 + dy, 14, 6 + dy, OUTLINE)
            c.px(11 + lean, 5 + dy, EYE)
            c.px(13, 7 + dy, EYE)
        draw_eye(c, 8 + lean, 3 + dy, p, white=True)
        c.px(5 + lean, 6 + dy, LIGHT)
        c.px(6 + lean, 8 + dy, LIGHT)
    if v == 1:
        for x, y in ((2, 3), (7, 0), (12, 1)):
            c.px(x + (lean if p.view == "side" else 0), y + dy, ACCENT)
    elif v == 2:
        c.rect(6, 0 + dy, 9, 1 + dy, ACCENT)
        c.px(5, 1 + dy, ACCENT)
        c.px(10, 1 + dy, ACCENT)
    elif p.view == "side":
        c.px(6 + lean, 3 + dy, ACCENT)
        c.px(4 + lean, 5 + dy, ACCENT)


@creature("mushroom")
def _mushroom(c: Canvas, p: Pose, v: int) -> None:
    """A wide spotted cap on a pale stalk with a face and two stubby feet."""
    dy = 2 if p.crouch else (1 if p.bob else 0)
    lift_l = 1 if p.step in (0,) or p.air else 0
    lift_r = 1 if p.step in (2,) or p.air else 0
    c.rect(3, 13 - lift_l, 5, 14 - lift_l, SHADE)
    c.rect(10, 13 - lift_r, 12, 14 - lift_r, SHADE)
    c.ball(1, 1 + dy, 14, 12 + dy)
    c.rect(1, 8 + dy, 14, 12 + dy, CLEAR)
    c.ball(5, 6 + dy, 10, 13, LIGHT, SHADE, LIGHT)
    c.rect(2, 7 + dy, 13, 7 + dy, SHADE)
    c.rect(1, 6 + dy, 1, 7 + dy, CLEAR)
    c.rect(14, 6 + dy, 14, 7 + dy, CLEAR)
    spots = ((4, 3), (9, 2), (11, 5), (6, 5)) if v != 1 else ((7, 3), (3, 5), (12, 5))
    for x, y in spots:
        c.rect(x, y + dy, x + 1, y + dy, EYE if v != 2 else ACCENT)
    if p.view == "back":
        return
    look = 1 if p.view == "side" else 0
    draw_eye(c, 6 + look, 9 + dy, p, tall=True)
    draw_eye(c, 9 + look, 9 + dy, p, tall=True)


_FISH_TAIL = (template("""
    ss..
    sss.
    ssss
    .sss
    ..ss
    .sss
    ssss
    sss.
"""), template("""
    ....
    ss..
    ssss
    .sss
    .sss
    ssss
    ss..
    ....
"""))


@creature("fish")
def _fish(c: Canvas, p: Pose, v: int) -> None:
    """A fat oval fish with a forked tail that flicks, a dorsal fin and a big eye; stripes or spines by variant."""
    dy = 1 if p.bob or p.crouch else 0
    flick = p.frame % 2
    if p.view == "side":
        c.stamp(_FISH_TAIL[flick], 1, 3 + dy)
        c.rect(6, 2 + dy, 9, 3 + dy, ACCENT)
        c.px(5, 3 + dy, ACCENT)
        c.ball(3, 3 + dy, 13, 12 + dy)
        c.ball(5, 8 + dy, 12, 12 + dy, LIGHT, SHADE, LIGHT)
        c.line(8, 5 + dy, 8, 9 + dy, SHADE)
        c.line(5, 9 + dy, 6, 10 + dy, ACCENT)
        draw_eye(c, 10, 5 + dy, p, white=True, tall=True)
        c.rect(12, 9 + dy, 13, 9 + dy, OUTLINE)
        if v == 1:
            c.line(5, 4 + dy, 5, 8 + dy, ACCENT)
            c.line(6, 4 + dy, 6, 8 + dy, ACCENT)
        elif v == 2:
            c.rect(6, 1 + dy, 6, 1 + dy, ACCENT)
            c.rect(8, 1 + dy, 8, 1 + dy, ACCENT)
            c.px(13, 10 + dy, EYE)
        return
    front = p.view == "front"
    c.rect(2, 7 + dy + flick, 3, 9 + dy + flick, ACCENT)
    c.rect(12, 7 + dy + (1 - flick), 13, 9 + dy + (1 - flick), ACCENT)
    if not front:
        c.stamp(_FISH_TAIL[flick][:, ::-1].T[::-1], 4, 10)
    c.ball(3, 2 + dy, 12, 12 + dy)
    c.rect(7, 1 + dy, 8, 3 + dy, ACCENT)
    if front:
        c.ball(5, 8 + dy, 10, 12 + dy, LIGHT, SHADE, LIGHT)
        draw_eye(c, 3, 5 + dy, p, white=True, look=-1)
        draw_eye(c, 11, 5 + dy, p, white=True)
        c.rect(7, 9 + dy, 8, 10 + dy, OUTLINE)
        if v == 1:
            c.rect(6, 3 + dy, 6, 6 + dy, ACCENT)
            c.rect(9, 3 + dy, 9, 6 + dy, ACCENT)
    else:
        c.line(7, 4 + dy, 7, 11 + dy, SHADE)
        c.line(8, 4 + dy, 8, 11 + dy, SHADE)


@creature("frog")
def _frog(c: Canvas, p: Pose, v: int) -> None:
    """A squat frog with eyes bulging on top, a wide mouth and big folded hind legs; it hops."""
    if p.view == "side":
        hop = {-1: 0, 0: 0, 1: -2, 2: -3, 3: -1}[p.step] if not p.air else -3
        dy = 2 if p.crouch else hop + (1 if p.bob and p.step < 0 else 0)
        stretched = p.step in (1, 2) or p.air
        if stretched:
            c.line(4, 11 + dy, 1, 14 + dy, SHADE)
            c.line(5, 11 + dy, 2, 14 + dy, SHADE)
            c.rect(0 + 1, 14 + dy, 2, 14 + dy, SHADE)
        c.ball(2, 5 + dy, 13, 13 + dy)
        c.ball(5, 9 + dy, 12, 13 + dy, LIGHT, LIGHT, LIGHT)
        if not stretched:
            c.ball(1, 9 + dy, 7, 14 + dy, SHADE, SHADE, BODY)
            c.rect(3, 14, 8, 14, SHADE)
        c.rect(11, 11 + dy, 12, 14 + min(dy, 0) if not stretched else 13 + dy, BODY)
        c.ball(8, 2 + dy, 12, 6 + dy, BODY, BODY, BODY)
        draw_eye(c, 10, 3 + dy, p, white=True)
        c.line(8, 9 + dy, 13, 9 + dy, OUTLINE)
        if v == 1:
            c.px(4, 6 + dy, ACCENT)
            c.px(6, 7 + dy, ACCENT)
            c.px(3, 8 + dy, ACCENT)
        elif v == 2:
            c.ball(12, 9 + dy, 14, 11 + dy, ACCENT, ACCENT, LIGHT)
        return
    dy = 2 if p.crouch else (1 if p.bob else 0)
    front = p.view == "front"
    lift_l, lift_r = (1 if p.step == 0 else 0), (1 if p.step == 2 else 0)
    c.rect(1, 13 - lift_l, 4, 14 - lift_l, SHADE)
    c.rect(11, 13 - lift_r, 14, 14 - lift_r, SHADE)
    c.ball(2, 5 + dy, 13, 13 + dy)
    c.ball(2, 2 + dy, 6, 6 + dy, BODY, BODY, BODY)
    c.ball(9, 2 + dy, 13, 6 + dy, BODY, BODY, BODY)
    if front:
        c.ball(4, 9 + dy, 11, 13 + dy, LIGHT, LIGHT, LIGHT)
        draw_eye(c, 3, 3 + dy, p, white=True)
        draw_eye(c, 10, 3 + dy, p, white=True, look=-1)
        c.line(4, 8 + dy, 11, 8 + dy, OUTLINE)
        c.px(3, 7 + dy, OUTLINE)
        c.px(12, 7 + dy, OUTLINE)
        if v == 2:
            c.rect(6, 9 + dy, 9, 10 + dy, ACCENT)
    if v == 1 or not front:
        c.px(5, 8 + dy, ACCENT)
        c.px(9, 10 + dy, ACCENT)
        c.px(11, 8 + dy, ACCENT)


@creature("snail")
def _snail(c: Canvas, p: Pose, v: int) -> None:
    """A spiral shell on a soft foot, head raised with two eye stalks; it stretches to crawl. Spikes by variant."""
    stretch = (1 - p.frame % 2) if p.step >= 0 else p.bob
    dy = 1 if p.crouch else 0
    if p.view == "side":
        c.rect(1, 12, 12 + stretch, 13, LIGHT)
        c.rect(1, 13, 12 + stretch, 13, SHADE)
        c.rect(10 + stretch, 7 + dy, 12 + stretch, 12, LIGHT)
        c.line(11 + stretch, 7 + dy, 11 + stretch, 4 + dy, LIGHT)
        c.line(13 + stretch, 8 + dy, 14, 5 + dy, LIGHT)
        c.px(11 + stretch, 3 + dy, PUPIL if not p.hurt else OUTLINE)
        c.px(14, 4 + dy, PUPIL if not p.hurt else OUTLINE)
        c.px(13 + stretch, 10, OUTLINE)
        c.ball(1, 2 + dy, 10, 12)
        c.ball(3, 4 + dy, 8, 10, SHADE, SHADE, SHADE)
        c.ball(4, 5 + dy, 7, 9, BODY, BODY, BODY)
        c.rect(5, 7 + dy, 6, 7 + dy, ACCENT)
        if v == 1:
            for x, y in ((3, 1), (6, 0), (9, 2)):
                c.px(x, y + dy + 1, ACCENT)
                c.px(x, y + dy, ACCENT)
        elif v == 2:
            c.rect(2, 11, 9, 11, ACCENT)
        return
    front = p.view == "front"
    c.ball(1, 2 + dy, 14, 13 if not front else 12)
    c.ball(3, 4 + dy, 12, 11, SHADE, SHADE, SHADE)
    c.ball(5, 6 + dy, 10, 10, BODY, BODY, BODY)
    c.rect(7, 8 + dy, 8, 8 + dy, ACCENT)
    if front:
        c.ball(4, 7 + dy + stretch, 11, 14, LIGHT, SHADE, LIGHT)
        c.line(6, 7 + dy + stretch, 5, 3 + dy, LIGHT)
        c.line(9, 7 + dy + stretch, 10, 3 + dy, LIGHT)
        c.px(5, 2 + dy, PUPIL)
        c.px(10, 2 + dy, PUPIL)
        c.rect(7, 11, 8, 11, OUTLINE)
    else:
        c.rect(3 - stretch, 13, 12 + stretch, 14, LIGHT)
    if v == 1:
        for x in (3, 7, 12):
            c.px(x, 1 + dy, ACCENT)


@vehicle("turtle", 0)
def _turtle(c: Canvas, p: Pose, v: int) -> None:
    """A high domed shell with plates and a rim, head poking out front, four stubby legs.

    Variants: plain plates, spikes on the shell, riveted steel.
    """
    if p.view == "top":
        paddle = 1 if p.step == 2 else 0
        for x, y, sx in ((3, 5, -1), (12, 5, 1), (3, 12, -1), (12, 12, 1)):
            c.rect(min(x, x + sx), y - paddle * sx * (1 if y < 8 else -1), max(x, x + sx),
                   y + 1 - paddle * sx * (1 if y < 8 else -1), LIGHT)
        c.ball(6, 1, 9, 4, LIGHT, SHADE, LIGHT)
        c.px(6, 2, PUPIL)
        c.px(9, 2, PUPIL)
        c.px(7, 14, LIGHT)
        c.ball(3, 4, 12, 13)
        c.ball(5, 6, 10, 11, SHADE, SHADE, SHADE)
        c.ball(6, 7, 9, 10, BODY, BODY, LIGHT)
        if v == 1:
            for x, y in ((7, 5), (4, 8), (11, 8), (7, 12)):
                c.px(x, y, ACCENT)
        elif v == 2:
            c.rect(3, 8, 12, 8, ACCENT)
        return
    dy = 1 if p.bob or p.crouch else 0
    lift_b = 1 if p.step in (0,) else 0
    lift_f = 1 if p.step in (2,) else 0
    air = 1 if p.air else 0
    c.ball(1, 2 + dy, 12, 17 + dy, BODY, SHADE, LIGHT)
    c.rect(1, 11, 12, 15, CLEAR)
    c.rect(1, 10, 12, 10, ACCENT)
    c.line(4, 4 + dy, 3, 9, SHADE)
    c.line(9, 4 + dy, 10, 9, SHADE)
    c.line(4, 6 + dy, 9, 6 + dy, SHADE)
    c.rect(3, 11, 5, 13 - lift_b - air, LIGHT)
    c.rect(8, 11, 10, 13 - lift_f - air, LIGHT)
    c.rect(3, 13 - lift_b - air, 5, 13 - lift_b - air, SHADE)
    c.rect(8, 13 - lift_f - air, 10, 13 - lift_f - air, SHADE)
    c.px(0 + 1, 9, LIGHT)
    if not p.crouch:
        c.rect(11, 6 + dy, 12, 10, LIGHT)
        c.ball(11, 2 + dy, 14, 6 + dy, LIGHT, SHADE, LIGHT)
        draw_eye(c, 13, 3 + dy, p)
        c.px(14, 5 + dy, SHADE)
    if v == 1:
        for x in (3, 6, 9):
            c.px(x, 3 + dy - (1 if x == 6 else 0), ACCENT)
            c.px(x, 2 + dy - (1 if x == 6 else 0), ACCENT)
    elif v == 2:
        for x in (3, 6, 9):
            c.px(x, 8, LIGHT)


@creature("crab")
def _crab(c: Canvas, p: Pose, v: int) -> None:
    """A wide shell on six legs, eyes on stalks and two raised claws that snap; it scuttles sideways."""
    dy = 1 if p.bob or p.crouch else 0
    snap = p.frame % 2
    for k, x in enumerate((3, 4, 5)):
        up = (k + max(p.step, 0)) % 2 if p.step >= 0 else 0
        c.line(x, 10 + dy, x - 2, 13 - up, SHADE)
        c.line(15 - x, 10 + dy, 17 - x, 13 - (1 - up if p.step >= 0 else 0), SHADE)
    for x in (1, 11):
        c.ball(x, 2 + dy, x + 3, 6 + dy)
        c.px(x + 1 if x < 8 else x + 2, 2 + dy, CLEAR if snap == 0 else BODY)
        c.px(x + 1 if x < 8 else x + 2, 3 + dy, CLEAR)
        c.line(x + 2 if x < 8 else x + 1, 6 + dy, x + 3 if x < 8 else x, 8 + dy, BODY)
    c.ball(2, 6 + dy, 13, 12 + dy)
    if p.view == "back":
        c.line(5, 8 + dy, 10, 8 + dy, SHADE)
        return
    look = 1 if p.view == "side" else 0
    c.rect(5 + look, 4 + dy, 5 + look, 6 + dy, BODY)
    c.rect(10 + look, 4 + dy, 10 + look, 6 + dy, BODY)
    draw_eye(c, 5 + look, 3 + dy, p)
    draw_eye(c, 10 + look, 3 + dy, p)
    c.rect(6 + look, 10 + dy, 9 + look, 10 + dy, OUTLINE)
    if v == 1:
        c.px(5, 8 + dy, ACCENT)
        c.px(10, 8 + dy, ACCENT)
    elif v == 2:
        c.ball(5, 3 + dy, 10, 8 + dy, ACCENT, ACCENT, LIGHT)
        c.rect(5 + look, 4 + dy, 5 + look, 6 + dy, BODY)
        c.rect(10 + look, 4 + dy, 10 + look, 6 + dy, BODY)
        draw_eye(c, 5 + look, 3 + dy, p)
        draw_eye(c, 10 + look, 3 + dy, p)


@creature("blob")
def _blob(c: Canvas, p: Pose, v: int) -> None:
    """The fallback monster: a round furry body with horns, one or two eyes, a fanged grin and stubby feet."""
    dy = 2 if p.crouch else (1 if p.bob else 0)
    lift_l = 1 if p.step == 0 or p.air else 0
    lift_r = 1 if p.step == 2 or p.air else 0
    c.rect(4, 12, 6, 14 - lift_l, SHADE)
    c.rect(9, 12, 11, 14 - lift_r, SHADE)
    c.ball(2, 3 + dy, 13, 13 + dy if dy < 2 else 13)
    c.px(1, 8 + dy, BODY)
    c.px(14, 8 + dy, BODY)
    horns = ((3, 4), (12, 11)) if v != 1 else ((7, 7),)
    for hx, tip in horns:
        c.line(hx, 4 + dy, tip, 1 + dy, ACCENT)
        c.px(hx + (1 if hx < 8 else -1), 4 + dy, ACCENT)
    if p.view == "back":
        c.line(7, 6 + dy, 8, 11 + dy, SHADE)
        return
    look = 1 if p.view == "side" else 0
    if v == 2:
        draw_eye(c, 7 + look, 5 + dy, p, white=True, tall=True)
    else:
        draw_eye(c, 5 + look, 6 + dy, p, white=True)
        draw_eye(c, 9 + look, 6 + dy, p, white=True)
    c.rect(5 + look, 9 + dy, 10 + look, 10 + dy, OUTLINE)
    c.px(6 + look, 9 + dy, EYE)
    c.px(9 + look, 9 + dy, EYE)
