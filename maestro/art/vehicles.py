"""Vehicles a GDD casts as its hero or its foes: the submarine, the car, the propeller plane and the boat.

Each is drawn side-on (facing right) for platformers and runners, and from above, nose up, for top-down
games and shooters (they register as vehicles, so the renderer turns the top view to any heading). What
moves is what moves on the real thing: propellers spin, wheels turn, hulls bob, wakes and bubbles trail.
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
    vehicle,
)


def _porthole(c: Canvas, x: int, y: int, p: Pose) -> None:
    c.px(x, y, OUTLINE if p.hurt else EYE)
    c.px(x + 1, y, OUTLINE if p.hurt else LIGHT)


# --- the submarine --------------------------------------------------------------------------------
@vehicle("submarine", 0)
def _submarine(c: Canvas, p: Pose, v: int) -> None:
    """A rounded hull with a conning tower and periscope, portholes, tail fins and a spinning screw.

    Variants: portholes, a stripe along the hull, a searchlight on the nose.
    """
    k = p.frame
    if p.view == "top":
        c.ball(5, 1, 10, 13, BODY, SHADE, LIGHT)
        c.rect(6, 5, 9, 8, SHADE)
        c.rect(7, 5, 8, 7, LIGHT)
        c.rect(3, 11, 12, 12, SHADE)  # the tail planes
        c.rect(7, 14, 8, 14, ACCENT)
        c.px(6 + 3 * (k % 2), 14, ACCENT)
        if v == 1:
            c.rect(7, 2, 8, 4, ACCENT)
        return
    dy = 2 if p.crouch else (1 if p.bob else 0)
    tilt = -1 if p.air else 0
    c.ball(2, 6 + dy, 14, 12 + dy, BODY, SHADE, LIGHT)
    c.rect(3, 6 + dy + 1, 13, 6 + dy + 1, LIGHT)
    c.rect(6, 3 + dy + tilt, 9, 6 + dy, BODY)  # the tower
    c.rect(9, 4 + dy + tilt, 9, 6 + dy, SHADE)
    c.rect(6, 3 + dy + tilt, 9, 3 + dy + tilt, LIGHT)
    if not p.crouch:
        c.rect(8, 1 + dy + tilt, 8, 2 + dy + tilt, SHADE)  # periscope
        c.px(9, 1 + dy + tilt, SHADE)
    c.rect(1, 5 + dy, 2, 7 + dy, SHADE)  # rudder and fins
    c.rect(1, 11 + dy, 2, 13 + dy if dy < 2 else 13, SHADE)
    blade = k % 2
    c.rect(1, 8 + dy - blade, 1, 10 + dy + blade, ACCENT)  # the screw
    for x in (6, 9, 12) if v != 2 else (6, 9):
        _porthole(c, x - 1, 9 + dy, p)
    if v == 1:
        c.rect(3, 11 + dy, 13, 11 + dy, ACCENT)
    elif v == 2:
        c.rect(13, 8 + dy, 14, 9 + dy, EYE)
    if p.step >= 0 and p.step % 2 == 0:  # bubbles behind
        c.px(0 + 1, 3 + dy + (p.step // 2), LIGHT)


# --- the car --------------------------------------------------------------------------------------
@vehicle("car", 0)
def _car(c: Canvas, p: Pose, v: int) -> None:
    """A little car: a rounded body, a cabin with windows, two big wheels whose hubs turn, a headlight.

    Variants: a hatchback, a pickup truck bed, a race car with a spoiler and a number.
    """
    k = p.frame
    if p.view == "top":
        for x, y in ((3, 3), (11, 3), (3, 10), (11, 10)):
            c.rect(x, y, x + 1, y + 2, OUTLINE)
            c.px(x + (0 if x < 8 else 1), y + (k % 2) * 2, SHADE)
        c.rect(4, 1, 11, 14, BODY)
        c.rect(4, 1, 11, 1, LIGHT)
        c.rect(5, 4, 10, 5, ACCENT)  # windscreen
        c.rect(5, 6, 10, 10, SHADE)  # roof
        c.rect(6, 7, 9, 9, BODY)
        c.rect(5, 11, 10, 11, ACCENT)
        c.px(4, 1, EYE)
        c.px(11, 1, EYE)
        if v == 2:
            c.rect(7, 1, 8, 14, LIGHT)
        return
    bump = 1 if (p.step >= 0 and p.step % 2) or p.bob else 0
    dy = 2 if p.crouch else bump
    roof = 2 + dy + (2 if p.crouch else 0)
    c.rect(1, 8 + dy, 14, 11 + dy, BODY)
    c.rect(1, 11 + dy, 14, 11 + dy, SHADE)
    c.rect(2, 7 + dy, 13, 7 + dy, BODY)
    c.rect(2, 8 + dy, 13, 8 + dy, LIGHT)
    if v == 1:  # a pickup: the cab forward, an open bed behind
        c.rect(7, roof, 11, 7 + dy, BODY)
        c.rect(8, roof + 1, 10, 6 + dy, ACCENT)
        c.rect(2, 6 + dy, 2, 7 + dy, BODY)
    else:
        c.rect(2, roof, 8, 7 + dy, BODY)  # the cabin, set back behind a long bonnet
        c.px(8, roof, CLEAR)
        c.rect(9, roof + 2, 9, 7 + dy, BODY)
        c.rect(3, roof + 1, 4, 6 + dy, ACCENT)  # windows
        c.rect(6, roof + 1, 7, 6 + dy, ACCENT)
        c.px(7, roof + 1, EYE)
    if v == 2:  # a spoiler and a racing number
        c.rect(1, 5 + dy, 3, 5 + dy, SHADE)
        c.rect(2, 6 + dy, 2, 6 + dy, SHADE)
        c.rect(6, 9 + dy, 8, 10 + dy, EYE)
        c.px(7, 9 + dy, PUPIL)
    c.px(14, 9 + dy, EYE)  # headlight
    c.px(1, 9 + dy, ACCENT)
    lift = 1 if p.air else 0
    for x in (2, 10):  # wheels, hubs turning
        c.ball(x, 10 - lift, x + 3, 13 - lift + 1, OUTLINE, OUTLINE, OUTLINE)
        c.rect(x + 1, 11 - lift, x + 2, 12 - lift + 1, SHADE)
        c.px(x + 1 + (k % 2), 11 - lift + (k // 2) % 2 + (1 if k % 4 in (1, 2) else 0), LIGHT)
    if p.step >= 0 and p.step % 2 == 0:  # exhaust puff
        c.px(1, 12 + dy - 1, LIGHT)


# --- the propeller plane ------------------------------------------------------------------------------
@vehicle("plane", 0)
def _plane(c: Canvas, p: Pose, v: int) -> None:
    """A propeller plane: a fuselage tapering to a tail fin, a wing, a pilot in goggles, a spinning propeller.

    Variants: a monoplane, a biplane with struts, a seaplane on floats.
    """
    k = p.frame
    if p.view == "top":
        c.rect(1, 5, 14, 7, BODY)  # the wing
        c.rect(1, 7, 14, 7, SHADE)
        c.rect(1, 5, 2, 5, ACCENT)
        c.rect(13, 5, 14, 5, ACCENT)
        c.rect(6, 2, 9, 12, BODY)  # fuselage
        c.rect(9, 2, 9, 12, SHADE)
        c.rect(7, 8, 8, 9, ACCENT)  # cockpit
        c.px(7, 8, EYE)
        c.rect(4, 12, 11, 13, BODY)  # tailplane
        c.rect(4, 13, 11, 13, SHADE)
        c.rect(7, 14, 8, 14, SHADE)
        c.rect(5 - 2 * (k % 2), 1, 10 + 2 * (k % 2), 1, LIGHT)  # the propeller disc
        c.rect(7, 1, 8, 1, SHADE)
        return
    dy = 2 if p.crouch else (1 if p.bob else 0)
    c.rect(3, 7 + dy, 12, 10 + dy, BODY)
    c.rect(1, 7 + dy, 3, 9 + dy, BODY)  # tail boom
    c.rect(1, 3 + dy, 3, 7 + dy, BODY)  # tail fin
    c.px(3, 3 + dy, CLEAR)
    c.rect(1, 3 + dy, 1, 6 + dy, SHADE)
    c.rect(12, 7 + dy, 13, 10 + dy, SHADE)  # cowling
    c.rect(3, 10 + dy, 12, 10 + dy, SHADE)
    c.rect(4, 7 + dy, 11, 7 + dy, LIGHT)
    c.rect(5, 11 + dy, 11, 11 + dy, ACCENT)  # the wing, edge-on
    c.rect(7, 5 + dy, 9, 6 + dy, LIGHT if not p.hurt else OUTLINE)  # the pilot, goggled
    c.px(9, 5 + dy, EYE)
    c.px(8, 5 + dy, PUPIL)
    if v == 1:  # the upper wing on struts
        c.rect(5, 4 + dy, 11, 4 + dy, ACCENT)
        c.px(6, 5 + dy, SHADE)
        c.px(10, 5 + dy, SHADE)
        c.px(10, 6 + dy, SHADE)
    spin = k % 2  # the propeller: long then short
    c.rect(14, 5 + dy + spin * 2, 14, 12 + dy - spin * 2, LIGHT)
    c.px(14, 8 + dy, OUTLINE)
    if not p.air:
        if v == 2:
            c.rect(4, 13, 12, 13, SHADE)  # floats
            c.px(6, 12, SHADE)
            c.px(10, 12, SHADE)
        else:
            c.rect(9, 12 + dy, 9, 13, SHADE)  # wheels down
            c.rect(8, 13, 10, 14, OUTLINE)
            c.px(9, 13, LIGHT)
            c.px(2, 11 + dy, SHADE)


# --- the boat -------------------------------------------------------------------------------------
@vehicle("boat", 0)
def _boat(c: Canvas, p: Pose, v: int) -> None:
    """A sailing boat riding a wave: a curved hull, a mast and a full sail, a pennant that flutters.

    Variants: a sailboat, a steamboat with a funnel, a pirate ship's dark sail.
    """
    k = p.frame
    if p.view == "top":
        c.ball(4, 1, 11, 14, BODY, SHADE, LIGHT)
        c.ball(5, 3, 10, 13, SHADE, SHADE, SHADE)
        c.rect(2 + (k % 2), 7, 13 - (k % 2), 8, EYE if v != 2 else OUTLINE)  # the boom and sail
        c.rect(7, 6, 8, 9, LIGHT)
        c.px(7, 14, ACCENT)
        return
    dy = 1 if p.bob or (p.step >= 0 and p.step % 2) else 0
    c.rect(1, 9 + dy, 14, 10 + dy, BODY)  # the hull, wide at the deck...
    c.rect(2, 11 + dy, 13, 11 + dy, BODY)
    c.rect(3, 12 + dy, 12, 12 + dy, SHADE)  # ...narrow at the keel
    c.rect(1, 9 + dy, 14, 9 + dy, LIGHT)
    c.rect(1, 10 + dy, 14, 10 + dy, ACCENT)
    for x in (4, 7, 10):
        c.px(x, 11 + dy, OUTLINE)
    wave = k % 2
    c.rect(13, 12 + dy - wave, 14, 12 + dy - wave, LIGHT)  # spray at the bow
    c.px(1 + wave, 12 + dy, LIGHT)
    low = 3 if p.crouch else 0
    if v == 1:  # a steamboat: cabin and funnel
        c.rect(4, 6 + dy, 11, 8 + dy, BODY)
        c.rect(5, 7 + dy, 6, 7 + dy, EYE)
        c.rect(8, 7 + dy, 9, 7 + dy, EYE)
        c.rect(6, 3 + dy + low, 8, 5 + dy, SHADE)
        c.rect(6, 3 + dy + low, 8, 3 + dy + low, ACCENT)
        c.px(5 - wave, 1 + dy + low, LIGHT)
        c.px(4, 2 + dy + low - wave, LIGHT)
        return
    c.rect(7, 1 + dy + low, 7, 8 + dy, SHADE)  # mast
    sail = EYE if v != 2 else OUTLINE
    billow = 1 if p.step >= 0 or p.air else 0
    for y in range(2 + dy + low, 9 + dy):  # the mainsail, filling forward
        c.rect(8, y, min(8 + (y - 1 - dy - low) + billow, 13), y, sail)
    for y in range(4 + dy + low, 9 + dy):  # the jib behind
        c.rect(max(6 - (y - 3 - dy - low) // 2, 3), y, 6, y, LIGHT if v != 2 else SHADE)
    c.rect(8, 1 + dy + low, 9 + wave, 1 + dy + low, ACCENT)  # pennant
