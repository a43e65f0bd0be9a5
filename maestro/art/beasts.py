"""Animal archetypes: the four-legged cat, fox, wolf, rabbit, mouse and pig; the bat, bird, bee and penguin.

The quadrupeds share a gait table and leg and front-view helpers; the flyers share wing templates that
flap between two frames. Grouped so the walking and flapping code sits next to the animals using it.
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
    creature,
    draw_eye,
    glow_eye,
    template,
)

#: Quadruped leg placements by walk phase: (dx, lift) of back-far, back-near, front-far, front-near.
_GAIT: dict[int, tuple[tuple[int, int], ...]] = {
    -1: ((0, 0), (0, 0), (0, 0), (0, 0)),
    0: ((-2, 0), (-1, 0), (1, 0), (2, 0)),
    1: ((0, 1), (1, 0), (-1, 0), (0, 1)),
    2: ((0, 1), (1, 0), (-1, 0), (0, 1)),
    3: ((-1, 0), (0, 1), (0, 1), (1, 0)),
}


def _quad_legs(c: Canvas, p: Pose, back: int, front: int, hip: int, width: int, near: int, far: int) -> None:
    """Four legs under a side-view body: back pair at ``back``, front pair at ``front`` (near leg 1 px ahead)."""
    gait = ((-2, 1), (-1, 1), (1, 1), (2, 1)) if p.air else _GAIT[p.step]
    spots = (back, back + 1, front, front + 1)
    for k, ((dx, lift), x) in enumerate(zip(gait, spots, strict=True)):
        role = near if k % 2 else far
        foot = 14 - lift if not p.crouch else 14
        for w in range(width):
            c.line(x + w, hip, x + w + dx, foot, role)


def _quad_front(c: Canvas, p: Pose, dy: int, legs: int = BODY) -> None:
    """Body and front legs of a four-legged animal seen from the front or back."""
    lift_l = 1 if p.step == 0 else 0
    lift_r = 1 if p.step == 2 else 0
    c.rect(5, 10, 6, 14 - lift_l, legs)
    c.rect(9, 10, 10, 14 - lift_r, legs)
    c.ball(4, 8 + dy, 11, 13, BODY, SHADE, BODY)


@creature("cat")
def _cat(c: Canvas, p: Pose, v: int) -> None:
    """Round head with pointed ears, thin legs, a tail held high with a curl; stripes or white socks by variant."""
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        sway = p.frame % 2 if p.step >= 0 or p.bob else 0
        c.line(3, 8 + dy, 2, 6 + dy, BODY)
        c.line(2, 6 + dy, 2 + sway, 2 + dy, BODY)
        c.px(3 + sway, 1 + dy, BODY)
        _quad_legs(c, p, 4, 8, 10 + dy, 1, BODY if v != 2 else ACCENT, SHADE)
        c.ball(3, 7 + dy, 10, 11 + dy)
        c.ball(8, 3 + dy, 13, 8 + dy)
        c.rect(8, 1 + dy, 9, 3 + dy, BODY)
        c.rect(12, 1 + dy, 13, 3 + dy, BODY)
        c.px(9, 1 + dy, CLEAR)
        c.px(12, 1 + dy, CLEAR)
        c.px(8, 2 + dy, ACCENT)
        c.px(13, 2 + dy, ACCENT)
        draw_eye(c, 12, 5 + dy, p, tall=True)
        c.px(14, 6 + dy, ACCENT)
        if v == 1:
            for x in (5, 7):
                c.rect(x, 7 + dy, x, 9 + dy, SHADE)
        return
    front = p.view == "front"
    _quad_front(c, p, dy, BODY if v != 2 else ACCENT)
    c.ball(3, 3 + dy, 12, 9 + dy, BODY, SHADE, LIGHT if front else BODY)
    if not front:
        c.line(8, 13, 8, 10, SHADE)
        c.line(8, 10, 10, 8 + p.frame % 2, SHADE)
    for x, inner in ((3, 4), (12, 11)):
        c.rect(min(x, inner), 1 + dy, max(x, inner), 3 + dy, BODY)
        c.px(x, 1 + dy, BODY)
        c.px(inner, 1 + dy, CLEAR)
        c.px(inner, 2 + dy, ACCENT if front else SHADE)
    if front:
        draw_eye(c, 5, 5 + dy, p, tall=True, white=True)
        draw_eye(c, 9, 5 + dy, p, tall=True, white=True, look=-1)
        c.rect(7, 7 + dy, 8, 7 + dy, ACCENT)
    if v == 1:
        c.rect(6, 3 + dy, 6, 4 + dy, SHADE)
        c.rect(9, 3 + dy, 9, 4 + dy, SHADE)


@creature("fox")
def _fox(c: Canvas, p: Pose, v: int) -> None:
    """Big ears, a pointed snout, a white chest and a huge bushy tail tipped white."""
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        sway = p.frame % 2 if p.step >= 0 or p.bob else 0
        c.ball(0, 8 + dy - sway, 7, 11 + dy, BODY, SHADE, BODY)  # the brush: long, level, bushy...
        c.rect(1, 9 + dy - sway, 2, 10 + dy, EYE)  # ...with a white tip
        c.px(0 + 1, 9 + dy - sway, EYE)
        _quad_legs(c, p, 5, 10, 11 + dy, 1, SHADE, OUTLINE)  # dark stockings
        c.ball(5, 7 + dy, 12, 11 + dy)
        c.rect(9, 10 + dy, 12, 11 + dy, EYE)  # white chest
        c.ball(9, 4 + dy, 13, 8 + dy)
        c.rect(12, 7 + dy, 14, 8 + dy, BODY)  # the pointed snout
        c.rect(12, 8 + dy, 14, 8 + dy, EYE)
        c.px(14, 7 + dy, OUTLINE)
        c.px(14, 8 + dy, CLEAR)
        for x in (9, 12):  # tall pointed ears
            c.rect(x, 2 + dy, x + 1, 4 + dy, BODY)
            c.px(x + 1, 1 + dy, BODY)
            c.px(x, 2 + dy, CLEAR)
        c.px(10, 3 + dy, SHADE)
        draw_eye(c, 12, 5 + dy, p)
        if v == 1:
            c.rect(6, 7 + dy, 9, 7 + dy, SHADE)
        elif v == 2:  # a pale cheek
            c.rect(10, 7 + dy, 11, 7 + dy, EYE)
        return
    front = p.view == "front"
    _quad_front(c, p, dy)
    if front:
        c.rect(7, 10 + dy, 8, 11, ACCENT)
        c.ball(11, 7, 14, 13, BODY, SHADE, BODY)
        c.rect(13, 11, 14, 13, ACCENT)
    c.ball(3, 3 + dy, 12, 9 + dy, BODY, SHADE, BODY)
    for x in (2, 12):
        c.rect(x, 1 + dy, x + 1, 4 + dy, BODY)
        c.px(x + (0 if x > 8 else 1), 1 + dy, CLEAR)
        c.px(x + (0 if x < 8 else 1), 1 + dy, CLEAR)
    if front:
        c.rect(5, 7 + dy, 10, 7 + dy, ACCENT)
        c.rect(6, 8 + dy, 9, 8 + dy, ACCENT)
        c.rect(7, 7 + dy, 8, 7 + dy, OUTLINE)
        draw_eye(c, 5, 5 + dy, p)
        draw_eye(c, 10, 5 + dy, p)
        if v == 2:
            c.px(4, 5 + dy, SHADE)
            c.px(11, 5 + dy, SHADE)
    else:
        sway = p.frame % 2
        c.ball(5 + sway, 8, 10 + sway, 14, BODY, SHADE, BODY)
        c.rect(6 + sway, 13, 9 + sway, 14, ACCENT)


@creature("wolf")
def _wolf(c: Canvas, p: Pose, v: int) -> None:
    """A big dog: long body, raised head with a snout, shaggy mane, a drooping bushy tail; glowing eyes by variant."""
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        wag = 1 if p.step in (1, 3) else 0
        c.ball(0, 6 + dy - wag, 3, 11 + dy - wag, BODY, SHADE, BODY)
        c.px(0 + 1, 11 + dy - wag, SHADE)
        _quad_legs(c, p, 3, 9, 10 + dy, 2, BODY, SHADE)
        c.ball(2, 6 + dy, 12, 11 + dy)
        c.rect(3, 5 + dy, 8, 6 + dy, SHADE)
        c.px(4, 4 + dy, SHADE)
        c.px(7, 4 + dy, SHADE)
        c.ball(9, 2 + dy, 13, 8 + dy)
        c.rect(12, 5 + dy, 14, 7 + dy, BODY)
        c.rect(12, 7 + dy, 14, 7 + dy, LIGHT)
        c.px(14, 5 + dy, OUTLINE)
        c.rect(9, 1 + dy, 10, 2 + dy, BODY)
        c.px(10, 1 + dy, CLEAR)
        if v == 2:
            glow_eye(c, 12, 4 + dy, p)
        else:
            draw_eye(c, 12, 4 + dy, p)
        if v == 1:
            c.rect(9, 6 + dy, 10, 9 + dy, ACCENT)
        return
    front = p.view == "front"
    _quad_front(c, p, dy)
    c.ball(2, 3 + dy, 13, 9 + dy, BODY, SHADE, BODY)
    if not front:
        sway = p.frame % 2
        c.ball(6 + sway, 9, 9 + sway, 14, SHADE, SHADE, SHADE)
    c.rect(3, 7 + dy, 3, 9 + dy, SHADE)
    c.rect(12, 7 + dy, 12, 9 + dy, SHADE)
    for x in (3, 11):
        c.rect(x, 1 + dy, x + 1, 3 + dy, BODY)
        c.px(x + (1 if x < 8 else 0), 1 + dy, CLEAR)
        c.px(x + (1 if x < 8 else 0), 2 + dy, SHADE)
    if front:
        c.ball(5, 6 + dy, 10, 10 + dy, LIGHT, LIGHT, LIGHT)
        c.rect(7, 7 + dy, 8, 7 + dy, OUTLINE)
        eye = glow_eye if v == 2 else draw_eye
        eye(c, 5, 5 + dy, p)
        eye(c, 10, 5 + dy, p)
        if v == 1:
            c.rect(5, 11, 10, 11, ACCENT)


@creature("rabbit")
def _rabbit(c: Canvas, p: Pose, v: int) -> None:
    """Long upright ears, a round body on a big hind foot, a cotton tail; it hops rather than runs."""
    if p.view == "side":
        hop = {-1: 0, 0: 1, 1: -2, 2: -3, 3: -1}[p.step] if not p.air else -2
        dy = 2 if p.crouch else hop + (1 if p.bob and p.step < 0 else 0)
        if p.step in (1, 2) or p.air:
            c.line(4, 12 + dy, 1, 13 + dy, BODY)
            c.line(5, 12 + dy, 2, 13 + dy, BODY)
        else:
            c.rect(3, 13, 8, 14, BODY)
            c.rect(3, 14, 5, 14, SHADE)
        c.ball(3, 6 + dy, 10, 13 + dy)
        c.ball(2, 8 + dy, 4, 10 + dy, ACCENT, ACCENT, ACCENT)
        c.rect(10, 11 + dy, 10, 14 + min(dy, 0) - (1 if p.air else 0), BODY)
        c.ball(7, 3 + dy, 12, 8 + dy)
        ear = 0 if v != 1 else 1
        c.rect(8, 3 + dy - 3, 9, 3 + dy, BODY)
        c.rect(10, 3 + dy - 3 + ear, 11, 3 + dy, BODY)
        c.rect(10, 3 + dy - 2 + ear, 10, 3 + dy, ACCENT)
        if v == 1:
            c.rect(10, 3 + dy - 3, 11, 3 + dy - 3, CLEAR)
            c.rect(11, 3 + dy - 2, 12, 3 + dy - 2, BODY)
        draw_eye(c, 10, 5 + dy, p, tall=True)
        c.px(12, 6 + dy, ACCENT)
        if v == 2:
            c.rect(5, 9 + dy, 7, 11 + dy, LIGHT)
        return
    front = p.view == "front"
    dy = 2 if p.crouch else (1 if p.bob else 0)
    lift_l, lift_r = (1 if p.step == 0 else 0), (1 if p.step == 2 else 0)
    c.ball(3, 7 + dy, 12, 13)
    c.rect(4, 13 - lift_l, 6, 14 - lift_l, BODY)
    c.rect(9, 13 - lift_r, 11, 14 - lift_r, BODY)
    if not front:
        c.ball(6, 10, 9, 13, ACCENT, ACCENT, ACCENT)
    c.ball(4, 4 + dy, 11, 10 + dy, BODY, SHADE, LIGHT if front else BODY)
    for x in (4, 9):
        top = 1 if not (v == 1 and x == 9) else 3
        c.rect(x + 1, top, x + 2, 4 + dy, BODY)
        if front:
            c.rect(x + (2 if x < 8 else 1), top + 1, x + (2 if x < 8 else 1), 4 + dy, ACCENT)
    if front:
        draw_eye(c, 6, 6 + dy, p, tall=True)
        draw_eye(c, 9, 6 + dy, p, tall=True)
        c.rect(7, 8 + dy, 8, 8 + dy, ACCENT)
        if v == 2:
            c.ball(6, 10, 9, 12, LIGHT, LIGHT, LIGHT)


_WING_UP = template("""
    a.....
    aa....
    aaa...
    aaaa..
    aaaaa.
    a.aaaa
    ...aaa
""")
_WING_DOWN = template("""
    ......
    .aaaaa
    aaaaaa
    aaaaa.
    aaaa..
    a.aa..
    ..a...
""")


@creature("bat")
def _bat(c: Canvas, p: Pose, v: int) -> None:
    """A small furry body with pointed ears between two wide scalloped wings that flap every frame."""
    flap = p.wing if p.fly else (p.frame % 2 if not (p.crouch or p.hurt) else 1)
    if p.step >= 0:
        flap = p.frame % 2
    dy = 1 if flap else 0
    wing = _WING_DOWN if flap else _WING_UP
    c.stamp(wing, 1, 2 + dy if not flap else 4)
    c.stamp(wing, 9, 2 + dy if not flap else 4, flip=True)
    c.ball(5, 5 + dy, 10, 11 + dy, BODY, SHADE, LIGHT)
    c.px(5, 4 + dy, BODY)
    c.px(5, 3 + dy, BODY)
    c.px(10, 4 + dy, BODY)
    c.px(10, 3 + dy, BODY)
    c.px(6, 4 + dy, BODY)
    c.px(9, 4 + dy, BODY)
    if p.view != "back":
        look = 1 if p.view == "side" else 0
        if p.hurt:
            c.rect(6, 7 + dy, 7, 7 + dy, OUTLINE)
            c.rect(8 + look, 7 + dy, 9 + look, 7 + dy, OUTLINE)
        else:
            c.px(6 + look, 7 + dy, EYE)
            c.px(9 + look, 7 + dy, EYE)
        c.px(7 + look, 9 + dy, EYE)
        c.px(8 + look, 9 + dy, EYE if v != 1 else OUTLINE)
        if v == 1:
            c.px(7 + look, 9 + dy, OUTLINE)
            c.rect(7, 10 + dy, 8, 10 + dy, ACCENT)
    else:
        c.rect(6, 6 + dy, 9, 9 + dy, SHADE)
    if v == 2:
        c.px(3, 7 + dy if not flap else 6, LIGHT)
        c.px(12, 7 + dy if not flap else 6, LIGHT)


_BIRD_WING_UP = template("""
    s....
    ss...
    sss..
    ssss.
    .ssss
    ..sss
""")
_BIRD_WING_DOWN = template("""
    sssss
    .ssss
    .sss.
    ..ss.
    ...s.
""")


@creature("bird")
def _bird(c: Canvas, p: Pose, v: int) -> None:
    """A round bird with a beak and a folded wing that beats in flight.

    Variants: a songbird crest, an owl's ear tufts and big eyes, a crow's long beak.
    """
    flying = p.fly or (p.air and not p.hurt)
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        hopping = p.step >= 0 and p.frame % 2 == 1
        dy += -1 if hopping else 0
        if not flying:
            feet = 13 if hopping else 14
            for x in (6, 8):
                c.rect(x, 11 + dy, x, feet, ACCENT)
                c.px(x + 1, feet, ACCENT)
        c.rect(1, 8 + dy, 3, 9 + dy, SHADE)
        c.px(1, 10 + dy, SHADE)
        c.ball(3, 3 + dy, 11, 11 + dy)
        c.ball(6, 7 + dy, 10, 11 + dy, LIGHT, LIGHT, LIGHT)
        beak = 13 if v != 2 else 14
        c.rect(11, 6 + dy, beak, 6 + dy, ACCENT)
        c.rect(11, 7 + dy, beak - 1, 7 + dy, ACCENT)
        if v == 1:
            draw_eye(c, 8, 5 + dy, p, white=True, tall=True)
            c.px(4, 3 + dy, BODY)
            c.px(4, 2 + dy, BODY)
            c.px(9, 2 + dy, BODY)
        else:
            draw_eye(c, 9, 5 + dy, p)
        if v == 0:
            c.px(7, 2 + dy, ACCENT)
            c.px(6, 1 + dy, ACCENT)
        if flying:
            if p.wing:
                c.stamp(_BIRD_WING_DOWN, 3, 8 + dy)
            else:
                c.stamp(_BIRD_WING_UP, 2, 1 + dy)
                c.rect(4, 6 + dy, 7, 7 + dy, SHADE)
        else:
            c.ball(3, 6 + dy, 7, 10 + dy, SHADE, SHADE, SHADE)
        return
    front = p.view == "front"
    lift_l, lift_r = (1 if p.step == 0 else 0), (1 if p.step == 2 else 0)
    if flying:
        up = p.wing == 0
        c.stamp(_BIRD_WING_UP if up else _BIRD_WING_DOWN, 0, 2 if up else 8, flip=True)
        c.stamp(_BIRD_WING_UP if up else _BIRD_WING_DOWN, 11, 2 if up else 8)
    else:
        c.rect(6, 12, 6, 14 - lift_l, ACCENT)
        c.rect(9, 12, 9, 14 - lift_r, ACCENT)
        c.px(5, 14 - lift_l, ACCENT)
        c.px(10, 14 - lift_r, ACCENT)
    c.ball(3, 2 + dy, 12, 12 + dy, BODY, SHADE, BODY)
    c.ball(2, 6 + dy, 4, 11 + dy, SHADE, SHADE, SHADE)
    c.ball(11, 6 + dy, 13, 11 + dy, SHADE, SHADE, SHADE)
    if front:
        c.ball(5, 7 + dy, 10, 12 + dy, LIGHT, LIGHT, LIGHT)
        big = v == 1
        draw_eye(c, 4 if big else 5, 4 + dy, p, white=big, tall=big)
        draw_eye(c, 10, 4 + dy, p, white=big, tall=big, look=-1)
        c.rect(7, 6 + dy, 8, 6 + dy, ACCENT)
        c.rect(7, 7 + dy, 8, 7 + dy if v == 2 else 6 + dy, ACCENT)
    else:
        c.line(7, 4 + dy, 7, 11 + dy, SHADE)
        c.rect(6, 12 + dy, 9, 13, SHADE)
    if v == 1:
        c.px(3, 1 + dy, BODY)
        c.px(12, 1 + dy, BODY)
    elif v == 0:
        c.rect(7, 1 + dy, 8, 1 + dy, ACCENT)


@creature("mouse")
def _mouse(c: Canvas, p: Pose, v: int) -> None:
    """A small mouse low to the ground: big round ears, a pointed nose with whiskers, a long thin tail.

    Variants: a plain mouse, a white belly, a rat's longer snout and bald tail.
    """
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        wave = p.frame % 2
        c.line(4, 11 + dy, 2, 12 + dy, ACCENT)  # the tail, long and thin, curling up
        c.line(2, 12 + dy, 1, 10 + dy - wave, ACCENT)
        c.px(1, 9 + dy - wave, ACCENT)
        _quad_legs(c, p, 5, 9, 12 + dy if dy < 2 else 13, 1, ACCENT, SHADE)
        c.ball(3, 8 + dy, 11, 13 if dy < 2 else 14)
        if v == 1:
            c.rect(6, 12, 9, 12, EYE)
        c.ball(8, 6 + dy, 13, 11 + dy)
        c.rect(12, 9 + dy, 14, 10 + dy, BODY)  # the nose
        c.px(14, 9 + dy, ACCENT)
        c.ball(7, 3 + dy, 11, 7 + dy, BODY, SHADE, BODY)  # a big round ear
        c.ball(8, 4 + dy, 10, 6 + dy, ACCENT, ACCENT, ACCENT)
        draw_eye(c, 12, 8 + dy, p)
        c.line(13, 11 + dy, 14, 12 + dy, LIGHT)  # whiskers
        if v == 2:
            c.rect(12, 10 + dy, 14, 10 + dy, SHADE)
        return
    front = p.view == "front"
    lift_l, lift_r = (1 if p.step == 0 else 0), (1 if p.step == 2 else 0)
    c.rect(5, 13 - lift_l, 6, 14 - lift_l, ACCENT)
    c.rect(9, 13 - lift_r, 10, 14 - lift_r, ACCENT)
    c.ball(4, 8 + dy, 11, 14)
    if not front:
        c.line(8, 13, 11, 11 - p.frame % 2, ACCENT)
    for x in (1, 10):  # round ears, wide apart
        c.ball(x, 2 + dy, x + 4, 6 + dy, BODY, SHADE, BODY)
        if front:
            c.ball(x + 1, 3 + dy, x + 3, 5 + dy, ACCENT, ACCENT, ACCENT)
    c.ball(4, 4 + dy, 11, 10 + dy, BODY, SHADE, LIGHT if front else BODY)
    if front:
        draw_eye(c, 6, 6 + dy, p)
        draw_eye(c, 9, 6 + dy, p)
        c.rect(7, 8 + dy, 8, 8 + dy, ACCENT)
        c.px(4, 9 + dy, LIGHT)
        c.px(11, 9 + dy, LIGHT)


@creature("pig")
def _pig(c: Canvas, p: Pose, v: int) -> None:
    """A round pig on short legs: a flat snout with nostrils, floppy ears, a curly tail.

    Variants: plain pink, a spotted pig, a wild boar's bristly back and tusks.
    """
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        curl = p.frame % 2
        c.px(1, 5 + dy + curl, SHADE)  # the curly tail
        c.px(1, 4 + dy, SHADE)
        c.px(2, 4 + dy + curl, SHADE)
        _quad_legs(c, p, 2, 8, 12 + dy, 2, BODY, SHADE)
        c.ball(1, 6 + dy, 11, 13 + dy if dy < 2 else 14)  # a barrel of a body on stubby legs
        c.ball(8, 6 + dy, 13, 12 + dy if dy < 2 else 13)  # the head, held low
        c.rect(13, 8 + dy, 14, 11 + dy if dy < 2 else 12, ACCENT)  # the flat snout
        c.px(14, 9 + dy, OUTLINE)
        c.px(14, 10 + dy, OUTLINE)
        c.rect(9, 4 + dy, 10, 5 + dy, SHADE)  # a pointed ear
        c.px(10, 3 + dy, SHADE)
        draw_eye(c, 11, 7 + dy, p)
        if v == 1:
            c.rect(4, 7 + dy, 6, 8 + dy, SHADE)
            c.rect(7, 9 + dy, 8, 10 + dy, SHADE)
        elif v == 2:
            for x in (4, 6, 8):
                c.px(x, 3 + dy, SHADE)
            c.px(13, 10 + dy, EYE)
        return
    front = p.view == "front"
    _quad_front(c, p, dy)
    c.ball(2, 3 + dy, 13, 11 + dy, BODY, SHADE, LIGHT if front else BODY)
    for x in (2, 11):
        c.rect(x, 2 + dy, x + 2, 4 + dy, SHADE)
    if front:
        c.ball(5, 7 + dy, 10, 10 + dy, ACCENT, ACCENT, ACCENT)
        c.px(6, 8 + dy, OUTLINE)
        c.px(9, 8 + dy, OUTLINE)
        draw_eye(c, 5, 5 + dy, p)
        draw_eye(c, 10, 5 + dy, p)
        if v == 2:
            c.px(4, 10 + dy, EYE)
            c.px(11, 10 + dy, EYE)
    else:
        c.px(7, 12, SHADE)
        c.px(8, 11 + p.frame % 2, SHADE)


_BEE_WING = (template("""
    .ee.
    eeee
    eeee
    .ee.
"""), template("""
    eee.
    eeee
    .eee
"""))


@creature("bee")
def _bee(c: Canvas, p: Pose, v: int) -> None:
    """A round bee with dark stripes, a stinger, antennae and see-through wings that buzz every frame.

    Variants: a honeybee, a bumblebee (fuzzier, rounder), a wasp (thin-waisted).
    """
    flap = p.frame % 2
    dy = 1 if (p.bob or p.crouch) else 0
    if p.view == "side":
        c.px(1, 10 + dy, OUTLINE)  # the stinger
        c.px(2, 10 + dy, SHADE)
        if v == 2:
            c.ball(2, 7 + dy, 8, 13 + dy)
            c.ball(9, 7 + dy, 11, 11 + dy)
        else:
            c.ball(2, 6 + dy, 11, 13 + dy)
        for x in (4, 7) if v != 2 else (4, 6):
            c.rect(x, 6 + dy, x, 13 + dy, OUTLINE)
        c.ball(10, 5 + dy, 14, 10 + dy, ACCENT, SHADE, ACCENT)  # the head
        draw_eye(c, 12, 7 + dy, p, tall=True)
        c.line(12, 5 + dy, 13, 2 + dy, OUTLINE)  # antennae
        c.px(14, 2 + dy, OUTLINE)
        if v == 1:  # a bumblebee's fuzz
            for x in (3, 5, 8):
                c.px(x, 6 + dy, LIGHT)
        c.stamp(_BEE_WING[flap], 5, 1 + dy + flap * 2)
        if not p.air and not p.fly:
            c.px(6, 14, OUTLINE)
            c.px(9, 14, OUTLINE)
        return
    c.stamp(_BEE_WING[flap], 1, 2 + dy + flap * 2)
    c.stamp(_BEE_WING[flap], 11, 2 + dy + flap * 2, flip=True)
    c.ball(3, 5 + dy, 12, 14)
    for y in (9, 12):
        c.rect(3, y, 12, y, OUTLINE)
    c.g[14, 7:9] = OUTLINE
    if v == 1:
        c.rect(4, 10, 11, 10, LIGHT)
    if p.view == "front":
        c.ball(5, 3 + dy, 10, 8 + dy, ACCENT, SHADE, ACCENT)
        draw_eye(c, 6, 5 + dy, p, tall=True)
        draw_eye(c, 9, 5 + dy, p, tall=True)
    c.line(6, 3 + dy, 5, 1 + dy, OUTLINE)
    c.line(9, 3 + dy, 10, 1 + dy, OUTLINE)


@creature("penguin")
def _penguin(c: Canvas, p: Pose, v: int) -> None:
    """An upright penguin: dark back, white front, an orange beak and feet, flippers that flap as it waddles.

    Variants: plain, a yellow crest, a little scarf.
    """
    dy = 2 if p.crouch else (1 if p.bob else 0)
    waddle = (0, 1, 0, -1)[p.step] if p.step >= 0 else 0
    if p.view == "side":
        c.ball(4, 2 + dy, 11, 13, BODY, SHADE, LIGHT)
        c.ball(7, 5 + dy, 11, 13, EYE, EYE, EYE)  # the white front
        c.rect(11, 5 + dy, 14, 5 + dy, ACCENT)  # beak
        c.rect(11, 6 + dy, 12, 6 + dy, ACCENT)
        draw_eye(c, 9, 4 + dy, p)
        c.px(10, 4 + dy, EYE)
        up = 1 if p.air or p.fly else 0
        flick = p.frame % 2
        c.line(5, 7 + dy, 1, 10 + dy - up * 4 + flick, SHADE)  # flipper, held out
        c.line(5, 8 + dy, 2, 11 + dy - up * 4 + flick, SHADE)
        c.rect(7 + waddle, 14, 12 + waddle, 14, ACCENT)
        if v == 1:
            c.rect(10, 2 + dy, 12, 2 + dy, ACCENT)
        elif v == 2:
            c.rect(5, 8 + dy, 11, 8 + dy, ACCENT)
        return
    front = p.view == "front"
    c.ball(3, 2 + dy, 12, 14, BODY, SHADE, BODY)
    flap = 1 if p.step in (0, 2) else 0
    c.line(3, 7 + dy, 1, 11 + dy - flap, SHADE)
    c.line(12, 7 + dy, 14, 11 + dy - flap, SHADE)
    if front:
        c.ball(5, 5 + dy, 10, 13, EYE, EYE, EYE)
        c.rect(7, 6 + dy, 8, 7 + dy, ACCENT)
        draw_eye(c, 6, 4 + dy, p)
        draw_eye(c, 9, 4 + dy, p)
        if v == 2:
            c.rect(4, 8 + dy, 11, 8 + dy, ACCENT)
    lift_l, lift_r = (1 if p.step == 0 else 0), (1 if p.step == 2 else 0)
    c.rect(4, 14 - lift_l, 6, 14 - lift_l, ACCENT)
    c.rect(9, 14 - lift_r, 11, 14 - lift_r, ACCENT)
    if v == 1:
        c.rect(5, 1 + dy, 6, 2 + dy, ACCENT)
        c.rect(9, 1 + dy, 10, 2 + dy, ACCENT)
