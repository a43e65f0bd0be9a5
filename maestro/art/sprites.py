"""Pixel-art sprites drawn as colour-role grids, one archetype per kind of thing a game can hold.

A sprite here is a ``(size, size)`` ``uint8`` grid whose values are *roles* (body, shade, eye...),
not colours: the same bat is a purple bat in one game and a grey one in the next, and the colouring
stage (:mod:`maestro.art.sheet`) owns the palette. Keeping shape and colour apart is what lets a
few dozen hand-made archetypes cover any game design document.

Everything is drawn at 16x16 from small primitives (ovals, rectangles, lines) and short ASCII
templates, then scaled: bosses are the same drawing at 2x (nearest), bullets and small items are
resampled down. The 1-px outline is computed from the silhouette after scaling so it stays thin.
Side-view sprites face right; the runtime mirrors them. Drawing is pure and deterministic, and
cached, so a whole game's sheet costs a few milliseconds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

Grid = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]

# --- colour roles -----------------------------------------------------------------------------
CLEAR = 0  #: transparent
OUTLINE = 1  #: the dark 1-px rim, and dark interior lines (mouths, planks)
BODY = 2  #: the main colour
SHADE = 3  #: body in shadow
LIGHT = 4  #: body highlight
ACCENT = 5  #: a second colour: wings, shell spots, visor, belly
EYE = 6  #: eye white or glow
PUPIL = 7  #: the dark dot of an eye
ROLES = (CLEAR, OUTLINE, BODY, SHADE, LIGHT, ACCENT, EYE, PUPIL)

BASE = 16  #: every archetype is drawn on this grid, then scaled
VARIANTS = 3  #: distinct looks per archetype; ``variant`` is taken modulo this

#: Frames each pose animates over; ``frame`` is taken modulo this.
FRAMES: dict[str, int] = {
    "idle": 2, "run": 4, "jump": 1, "duck": 1, "hurt": 1, "fly": 2,
    "down": 2, "up": 2, "left": 2, "right": 2, "spin": 4,
}
POSES = tuple(FRAMES)

_CHARS = {".": -1, " ": -1, "x": CLEAR, "o": OUTLINE, "b": BODY, "s": SHADE, "l": LIGHT, "a": ACCENT, "e": EYE,
          "p": PUPIL}


# --- primitives ---------------------------------------------------------------------------------
def _template(text: str) -> npt.NDArray[np.int8]:
    """Parse an ASCII template (one row per line, ``.`` = leave as is) into roles, -1 for "skip"."""
    rows = [line.strip() for line in text.strip().splitlines()]
    width = max(len(row) for row in rows)
    out = np.full((len(rows), width), -1, dtype=np.int8)
    for y, row in enumerate(rows):
        for x, ch in enumerate(row):
            out[y, x] = _CHARS[ch]
    out.flags.writeable = False
    return out


def _sym(text: str) -> npt.NDArray[np.int8]:
    """A left-right symmetric template from its left half (each row mirrored onto its right)."""
    rows = [line.strip() for line in text.strip().splitlines()]
    return _template("\n".join(row + row[::-1] for row in rows))


@cache
def _oval_mask(x0: int, y0: int, x1: int, y1: int, grow: float = 0.0) -> Mask:
    """Pixels of the ellipse inscribed in the inclusive box; ``grow`` fattens it slightly."""
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rx, ry = (x1 - x0 + 1) / 2, (y1 - y0 + 1) / 2
    ys, xs = np.mgrid[0:BASE, 0:BASE]
    mask: Mask = ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2 <= 1.0 + grow
    mask.flags.writeable = False
    return mask


class _Canvas:
    """A 16x16 role grid with the few drawing operations the archetypes need; all clip to the grid."""

    __slots__ = ("g",)

    def __init__(self) -> None:
        self.g: Grid = np.zeros((BASE, BASE), dtype=np.uint8)

    def px(self, x: int, y: int, role: int) -> None:
        if 0 <= x < BASE and 0 <= y < BASE:
            self.g[y, x] = role

    def rect(self, x0: int, y0: int, x1: int, y1: int, role: int) -> None:
        """Fill the inclusive box."""
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, BASE - 1), min(y1, BASE - 1)
        if x0 <= x1 and y0 <= y1:
            self.g[y0:y1 + 1, x0:x1 + 1] = role

    def oval(self, x0: int, y0: int, x1: int, y1: int, role: int, grow: float = 0.0) -> None:
        """Fill the ellipse inscribed in the inclusive box."""
        self.g[_oval_mask(x0, y0, x1, y1, grow)] = role

    def ball(self, x0: int, y0: int, x1: int, y1: int, body: int = BODY, shade: int = SHADE,
             light: int = LIGHT, grow: float = 0.0) -> None:
        """A shaded ellipse: body, a crescent of shade bottom-right, a glint top-left (light from above-left)."""
        inner = _oval_mask(x0, y0, x1, y1, grow)
        self.g[inner] = body
        if shade != body:
            self.g[inner & ~np.roll(np.roll(inner, 1, 0), 1, 1)] = shade
        if light != body:
            w, h = x1 - x0 + 1, y1 - y0 + 1
            gx, gy = x0 + max(1, w // 4), y0 + max(1, h // 4)
            self.px(gx, gy, light)
            if w >= 7:
                self.px(gx + 1, gy, light)
            if h >= 7:
                self.px(gx, gy + 1, light)

    def line(self, x0: int, y0: int, x1: int, y1: int, role: int) -> None:
        """A 1-px Bresenham line, both ends included."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        while True:
            self.px(x0, y0, role)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def stamp(self, tpl: npt.NDArray[np.int8], x: int, y: int, flip: bool = False) -> None:
        """Paint a template with its top-left at (x, y); ``-1`` cells leave the canvas as is."""
        t = tpl[:, ::-1] if flip else tpl
        h, w = t.shape
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, BASE), min(y + h, BASE)
        if x1 <= x0 or y1 <= y0:
            return
        part = t[y0 - y:y1 - y, x0 - x:x1 - x]
        region = self.g[y0:y1, x0:x1]
        keep = part >= 0
        region[keep] = part[keep].astype(np.uint8)


def outline(grid: Grid) -> Grid:
    """A copy of ``grid`` with every clear pixel 4-adjacent to a drawn one turned into OUTLINE.

    Computed from the silhouette rather than drawn, so every sprite at every scale gets exactly
    one pixel of rim wherever it meets the background (holes included), and never a gap.
    """
    solid = grid != CLEAR
    near = np.zeros_like(solid)
    near[1:, :] |= solid[:-1, :]
    near[:-1, :] |= solid[1:, :]
    near[:, 1:] |= solid[:, :-1]
    near[:, :-1] |= solid[:, 1:]
    out = grid.copy()
    out[near & ~solid] = OUTLINE
    return out


def _shift(g: Grid, dx: int, dy: int) -> Grid:
    """``g`` moved by (dx, dy), if that keeps the drawing inside the 1-px margin; else ``g`` unchanged."""
    ys, xs = np.nonzero(g)
    if len(xs) == 0:
        return g
    if xs.min() + dx < 1 or xs.max() + dx > BASE - 2 or ys.min() + dy < 1 or ys.max() + dy > BASE - 2:
        return g
    out = np.zeros_like(g)
    out[max(dy, 0):BASE + min(dy, 0), max(dx, 0):BASE + min(dx, 0)] = \
        g[max(-dy, 0):BASE - max(dy, 0), max(-dx, 0):BASE - max(dx, 0)]
    return out


# --- poses ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Pose:
    """What a creature drawer needs to know about the frame it draws."""

    view: str = "side"  #: side (facing right), front (facing the viewer), back, or top (vehicles and bugs, nose up)
    step: int = -1  #: -1 standing, else the phase of the walk cycle (0..3; 0 and 2 legs apart)
    bob: int = 0  #: 1 on the low frame of a breathing or hovering cycle
    air: bool = False  #: jumping or flying
    crouch: bool = False
    hurt: bool = False
    wing: int = 0  #: 0 wings up, 1 wings down
    fly: bool = False  #: the fly pose (hovering creatures flap or bob)
    frame: int = 0  #: the frame number: what flaps, flickers and blinks cycles on (steps only move legs)


def _pose_for(pose: str, frame: int) -> _Pose:
    if pose == "run":
        return _Pose(step=frame % 4, bob=1 - frame % 2, frame=frame)
    if pose == "jump":
        return _Pose(air=True, frame=frame)
    if pose == "duck":
        return _Pose(crouch=True, frame=frame)
    if pose == "hurt":
        return _Pose(hurt=True, air=True, frame=frame)
    if pose == "fly":
        return _Pose(air=True, fly=True, wing=frame % 2, bob=frame % 2, frame=frame)
    if pose in ("down", "up"):
        return _Pose(view="front" if pose == "down" else "back", step=2 * (frame % 2), frame=frame)
    if pose == "right":
        return _Pose(step=2 * (frame % 2), frame=frame)
    return _Pose(bob=frame % 2, frame=frame)


Drawer = Callable[[_Canvas, _Pose, int], None]
_DRAWERS: dict[str, Drawer] = {}
_OBJECTS: set[str] = set()  #: things rather than creatures: they spin and shimmer, they do not walk
_TURN: dict[str, int] = {}  #: vehicles drawn from above: archetype -> quarter turns its drawing is rotated from nose-up


def _creature(name: str) -> Callable[[Drawer], Drawer]:
    def register(fn: Drawer) -> Drawer:
        _DRAWERS[name] = fn
        return fn
    return register


def _thing(name: str) -> Callable[[Drawer], Drawer]:
    def register(fn: Drawer) -> Drawer:
        _DRAWERS[name] = fn
        _OBJECTS.add(name)
        return fn
    return register


def _vehicle(name: str, quarter_turns: int) -> Callable[[Drawer], Drawer]:
    def register(fn: Drawer) -> Drawer:
        _DRAWERS[name] = fn
        _TURN[name] = quarter_turns
        return fn
    return register


# --- shared parts ---------------------------------------------------------------------------------
def _eye(c: _Canvas, x: int, y: int, p: _Pose, tall: bool = False, white: bool = False, look: int = 1) -> None:
    """A dark eye dot (or a white eye with a pupil on the side it looks to); shut tight when hurt."""
    if p.hurt:
        c.px(x, y + (1 if tall else 0), OUTLINE)
        c.px(x + (1 if white else 0), y + (1 if tall else 0), OUTLINE)
        return
    if white:
        c.rect(x, y, x + 1, y + (1 if tall else 0), EYE)
        c.px(x + (1 if look >= 0 else 0), y + (1 if tall else 0), PUPIL)
        return
    c.px(x, y, PUPIL)
    if tall:
        c.px(x, y + 1, PUPIL)


def _glow_eye(c: _Canvas, x: int, y: int, p: _Pose, w: int = 1) -> None:
    """An eye that is all light (robots, spirits, golems); a dark slit when hurt."""
    c.rect(x, y, x + w - 1, y, OUTLINE if p.hurt else EYE)


def _leg(c: _Canvas, hx: int, hy: int, fx: int, fy: int, role: int, width: int = 2, toe: int = BODY,
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


def _biped_legs(c: _Canvas, p: _Pose, hx: int, hy: int, near: int, far: int, boot: int, width: int = 2,
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


def _front_legs(c: _Canvas, p: _Pose, y: int, role: int, boot: int, x: int = 5, gap: int = 2,
                width: int = 2) -> None:
    """Two legs seen from the front or back, from row ``y`` down; walking lifts one foot a pixel."""
    lift_left = 1 if p.step == 0 else 0
    lift_right = 1 if p.step == 2 else 0
    xr = x + width + gap
    c.rect(x, y, x + width - 1, 14 - lift_left, role)
    c.rect(xr, y, xr + width - 1, 14 - lift_right, role)
    c.rect(x, 14 - lift_left, x + width - 1, 14 - lift_left, boot)
    c.rect(xr, 14 - lift_right, xr + width - 1, 14 - lift_right, boot)


# --- humanoids ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Biped:
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


def _biped(c: _Canvas, p: _Pose, look: _Biped) -> None:
    """Draw a biped in any view; returns nothing, the caller adds gear on top."""
    lw = 1 if look.thin else 2
    if p.view == "side":
        dy = 3 if p.crouch else (1 if p.bob else 0)
        top, hip = 8 + dy, 11 + dy
        _biped_legs(c, p, 6 if look.thin else 7, hip, look.near, look.far, look.boot if not look.thin else -1, lw,
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
    _front_legs(c, p, 11, look.near, look.boot if not look.thin else look.near, x=5 if not look.thin else 6,
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


_HERO = _Biped(
    side=_template("""
        ..bbbb..
        .bbbbbb.
        bbbbbbbb
        bbbllpll
        bbbllpll
        .bblllll
        ..llll..
    """),
    front=_sym("""
        ..bb
        .bbb
        bbbb
        blpl
        blpl
        .lll
        ..ll
    """),
    back=_sym("""
        ..bb
        .bbb
        bbbb
        bbbb
        bbbb
        .bbb
        ..ll
    """),
)


@_creature("hero")
def _hero(c: _Canvas, p: _Pose, v: int) -> None:
    """A small adventurer: big hair, tunic, a scarf (or cap or headband by variant) that trails behind."""
    _biped(c, p, _HERO)
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


_KNIGHT = _Biped(
    side=_template("""
        ....aa..
        ..bbbabb
        .bbbbbbb
        bbbboeeb
        bbbbbbbb
        sbbbbbbs
        .ssssss.
    """),
    front=_sym("""
        ...a
        .bba
        bbbb
        boee
        bbbb
        sbbb
        .sss
    """),
    back=_sym("""
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


@_creature("knight")
def _knight(c: _Canvas, p: _Pose, v: int) -> None:
    """Helmet with a plume and visor slit, armour, and a shield held in front (crest by variant)."""
    _biped(c, p, _KNIGHT)
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


@_creature("robot")
def _robot(c: _Canvas, p: _Pose, v: int) -> None:
    """A walking machine: a wide box of a head with a glowing visor and an antenna, a boxy body, claw hands.

    Variants: a ball antenna, twin antennae, a single dome light.
    """
    dy = 3 if p.crouch else (1 if p.bob else 0)
    side = p.view == "side"
    if side:
        _biped_legs(c, p, 7, 11 + dy, SHADE, OUTLINE, BODY, 2, gap=3)
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
        _front_legs(c, p, 12, SHADE, BODY, x=5, gap=2, width=2)
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


_SKELETON = _Biped(
    side=_template("""
        ..bbbb..
        .bbbbbbb
        bbbbbbbb
        bbbooboo
        bbbooboo
        .bbbbobb
        ..bobob.
    """),
    front=_sym("""
        .bbb
        bbbb
        bbbb
        boob
        boob
        bbbo
        .bob
    """),
    back=_sym("""
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


@_creature("skeleton")
def _skeleton(c: _Canvas, p: _Pose, v: int) -> None:
    """A big skull with dark sockets, rib bars and bone-thin limbs; a helmet, bow or glowing eyes by variant."""
    _biped(c, p, _SKELETON)
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


@_creature("golem")
def _golem(c: _Canvas, p: _Pose, v: int) -> None:
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


#: Quadruped leg placements by walk phase: (dx, lift) of back-far, back-near, front-far, front-near.
_GAIT: dict[int, tuple[tuple[int, int], ...]] = {
    -1: ((0, 0), (0, 0), (0, 0), (0, 0)),
    0: ((-2, 0), (-1, 0), (1, 0), (2, 0)),
    1: ((0, 1), (1, 0), (-1, 0), (0, 1)),
    2: ((0, 1), (1, 0), (-1, 0), (0, 1)),
    3: ((-1, 0), (0, 1), (0, 1), (1, 0)),
}


def _quad_legs(c: _Canvas, p: _Pose, back: int, front: int, hip: int, width: int, near: int, far: int) -> None:
    """Four legs under a side-view body: back pair at ``back``, front pair at ``front`` (near leg 1 px ahead)."""
    gait = ((-2, 1), (-1, 1), (1, 1), (2, 1)) if p.air else _GAIT[p.step]
    spots = (back, back + 1, front, front + 1)
    for k, ((dx, lift), x) in enumerate(zip(gait, spots, strict=True)):
        role = near if k % 2 else far
        foot = 14 - lift if not p.crouch else 14
        for w in range(width):
            c.line(x + w, hip, x + w + dx, foot, role)


def _quad_front(c: _Canvas, p: _Pose, dy: int, legs: int = BODY) -> None:
    """Body and front legs of a four-legged animal seen from the front or back."""
    lift_l = 1 if p.step == 0 else 0
    lift_r = 1 if p.step == 2 else 0
    c.rect(5, 10, 6, 14 - lift_l, legs)
    c.rect(9, 10, 10, 14 - lift_r, legs)
    c.ball(4, 8 + dy, 11, 13, BODY, SHADE, BODY)


@_creature("cat")
def _cat(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 12, 5 + dy, p, tall=True)
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
        _eye(c, 5, 5 + dy, p, tall=True, white=True)
        _eye(c, 9, 5 + dy, p, tall=True, white=True, look=-1)
        c.rect(7, 7 + dy, 8, 7 + dy, ACCENT)
    if v == 1:
        c.rect(6, 3 + dy, 6, 4 + dy, SHADE)
        c.rect(9, 3 + dy, 9, 4 + dy, SHADE)


@_creature("fox")
def _fox(c: _Canvas, p: _Pose, v: int) -> None:
    """Big ears, a pointed snout, a white chest and a huge bushy tail tipped white."""
    dy = 2 if p.crouch else (1 if p.bob else 0)
    if p.view == "side":
        lift = p.frame % 2 if p.step >= 0 else 0
        c.ball(0, 3 + dy + lift, 5, 9 + dy, BODY, SHADE, BODY)
        c.rect(1, 3 + dy + lift, 2, 5 + dy + lift, ACCENT)
        c.px(1, 6 + dy, ACCENT)
        _quad_legs(c, p, 4, 9, 10 + dy, 1, BODY, SHADE)
        c.ball(3, 7 + dy, 11, 11 + dy)
        c.rect(8, 9 + dy, 10, 10 + dy, ACCENT)
        c.ball(9, 4 + dy, 13, 8 + dy)
        c.rect(13, 6 + dy, 14, 7 + dy, BODY)
        c.rect(12, 7 + dy, 14, 7 + dy, ACCENT)
        c.px(14, 6 + dy, OUTLINE)
        c.rect(9, 1 + dy, 10, 4 + dy, BODY)
        c.px(10, 1 + dy, CLEAR)
        c.px(10, 3 + dy, ACCENT)
        c.rect(11, 2 + dy, 12, 4 + dy, BODY)
        c.px(12, 2 + dy, CLEAR)
        _eye(c, 12, 5 + dy, p)
        if v == 1:
            c.rect(9, 13, 10, 14, SHADE)
        elif v == 2:
            c.rect(4, 7 + dy, 7, 7 + dy, SHADE)
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
        _eye(c, 5, 5 + dy, p)
        _eye(c, 10, 5 + dy, p)
        if v == 2:
            c.px(4, 5 + dy, SHADE)
            c.px(11, 5 + dy, SHADE)
    else:
        sway = p.frame % 2
        c.ball(5 + sway, 8, 10 + sway, 14, BODY, SHADE, BODY)
        c.rect(6 + sway, 13, 9 + sway, 14, ACCENT)


@_creature("wolf")
def _wolf(c: _Canvas, p: _Pose, v: int) -> None:
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
            _glow_eye(c, 12, 4 + dy, p)
        else:
            _eye(c, 12, 4 + dy, p)
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
        eye = _glow_eye if v == 2 else _eye
        eye(c, 5, 5 + dy, p)
        eye(c, 10, 5 + dy, p)
        if v == 1:
            c.rect(5, 11, 10, 11, ACCENT)


@_creature("rabbit")
def _rabbit(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 10, 5 + dy, p, tall=True)
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
        _eye(c, 6, 6 + dy, p, tall=True)
        _eye(c, 9, 6 + dy, p, tall=True)
        c.rect(7, 8 + dy, 8, 8 + dy, ACCENT)
        if v == 2:
            c.ball(6, 10, 9, 12, LIGHT, LIGHT, LIGHT)


_WING_UP = _template("""
    a.....
    aa....
    aaa...
    aaaa..
    aaaaa.
    a.aaaa
    ...aaa
""")
_WING_DOWN = _template("""
    ......
    .aaaaa
    aaaaaa
    aaaaa.
    aaaa..
    a.aa..
    ..a...
""")


@_creature("bat")
def _bat(c: _Canvas, p: _Pose, v: int) -> None:
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


_BIRD_WING_UP = _template("""
    s....
    ss...
    sss..
    ssss.
    .ssss
    ..sss
""")
_BIRD_WING_DOWN = _template("""
    sssss
    .ssss
    .sss.
    ..ss.
    ...s.
""")


@_creature("bird")
def _bird(c: _Canvas, p: _Pose, v: int) -> None:
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
            _eye(c, 8, 5 + dy, p, white=True, tall=True)
            c.px(4, 3 + dy, BODY)
            c.px(4, 2 + dy, BODY)
            c.px(9, 2 + dy, BODY)
        else:
            _eye(c, 9, 5 + dy, p)
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
        _eye(c, 4 if big else 5, 4 + dy, p, white=big, tall=big)
        _eye(c, 10, 4 + dy, p, white=big, tall=big, look=-1)
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


@_vehicle("beetle", 0)
def _beetle(c: _Canvas, p: _Pose, v: int) -> None:
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
    _eye(c, 13, 7 + dy, p)
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


@_creature("spider")
def _spider(c: _Canvas, p: _Pose, v: int) -> None:
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


@_creature("slime")
def _slime(c: _Canvas, p: _Pose, v: int) -> None:
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
    c.g[_oval_mask(x0, y0, x1, y1) & ~_oval_mask(x0 - 1, y0 - 1, x1 - 1, y1 - 1)] = SHADE
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
        _eye(c, mid, ey - 1, p, white=True, tall=True)
    else:
        _eye(c, mid - 2, ey, p, tall=True)
        _eye(c, mid + 2, ey, p, tall=True)
        if v == 2:
            c.rect(mid - 1, ey + 3, mid, ey + 3, SHADE)
            c.px(x0 + 3, bottom - 1, ACCENT)
            c.px(x1 - 3, y0 + 4, ACCENT)
    if v == 0 and not p.hurt:
        c.px(mid, ey + 2, OUTLINE)


@_creature("ghost")
def _ghost(c: _Canvas, p: _Pose, v: int) -> None:
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


@_creature("plant")
def _plant(c: _Canvas, p: _Pose, v: int) -> None:
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
            _eye(c, 5, 3 + dy, p)
            _eye(c, 10, 3 + dy, p)
        else:
            c.px(5, 3 + dy, LIGHT)
            c.px(9, 6 + dy, LIGHT)
            c.px(7, 8 + dy, LIGHT)
    else:
        c.ball(3 + lean, 1 + dy, 13 + lean, 10 + dy)
        if bite:
            c.g[_oval_mask(9 + lean, 3 + dy, 17 + lean, 9 + dy)] = CLEAR
            for y in (4, 6, 8):
                c.px(10 + lean, y + dy, EYE)
        else:
            c.line(9 + lean, 6 + dy, 14, 6 + dy, OUTLINE)
            c.px(11 + lean, 5 + dy, EYE)
            c.px(13, 7 + dy, EYE)
        _eye(c, 8 + lean, 3 + dy, p, white=True)
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


@_creature("mushroom")
def _mushroom(c: _Canvas, p: _Pose, v: int) -> None:
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
    _eye(c, 6 + look, 9 + dy, p, tall=True)
    _eye(c, 9 + look, 9 + dy, p, tall=True)


_FISH_TAIL = (_template("""
    ss..
    sss.
    ssss
    .sss
    ..ss
    .sss
    ssss
    sss.
"""), _template("""
    ....
    ss..
    ssss
    .sss
    .sss
    ssss
    ss..
    ....
"""))


@_creature("fish")
def _fish(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 10, 5 + dy, p, white=True, tall=True)
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
        _eye(c, 3, 5 + dy, p, white=True, look=-1)
        _eye(c, 11, 5 + dy, p, white=True)
        c.rect(7, 9 + dy, 8, 10 + dy, OUTLINE)
        if v == 1:
            c.rect(6, 3 + dy, 6, 6 + dy, ACCENT)
            c.rect(9, 3 + dy, 9, 6 + dy, ACCENT)
    else:
        c.line(7, 4 + dy, 7, 11 + dy, SHADE)
        c.line(8, 4 + dy, 8, 11 + dy, SHADE)


@_creature("frog")
def _frog(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 10, 3 + dy, p, white=True)
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
        _eye(c, 3, 3 + dy, p, white=True)
        _eye(c, 10, 3 + dy, p, white=True, look=-1)
        c.line(4, 8 + dy, 11, 8 + dy, OUTLINE)
        c.px(3, 7 + dy, OUTLINE)
        c.px(12, 7 + dy, OUTLINE)
        if v == 2:
            c.rect(6, 9 + dy, 9, 10 + dy, ACCENT)
    if v == 1 or not front:
        c.px(5, 8 + dy, ACCENT)
        c.px(9, 10 + dy, ACCENT)
        c.px(11, 8 + dy, ACCENT)


@_creature("snail")
def _snail(c: _Canvas, p: _Pose, v: int) -> None:
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


@_vehicle("turtle", 0)
def _turtle(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 13, 3 + dy, p)
        c.px(14, 5 + dy, SHADE)
    if v == 1:
        for x in (3, 6, 9):
            c.px(x, 3 + dy - (1 if x == 6 else 0), ACCENT)
            c.px(x, 2 + dy - (1 if x == 6 else 0), ACCENT)
    elif v == 2:
        for x in (3, 6, 9):
            c.px(x, 8, LIGHT)


@_creature("crab")
def _crab(c: _Canvas, p: _Pose, v: int) -> None:
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
    _eye(c, 5 + look, 3 + dy, p)
    _eye(c, 10 + look, 3 + dy, p)
    c.rect(6 + look, 10 + dy, 9 + look, 10 + dy, OUTLINE)
    if v == 1:
        c.px(5, 8 + dy, ACCENT)
        c.px(10, 8 + dy, ACCENT)
    elif v == 2:
        c.ball(5, 3 + dy, 10, 8 + dy, ACCENT, ACCENT, LIGHT)
        c.rect(5 + look, 4 + dy, 5 + look, 6 + dy, BODY)
        c.rect(10 + look, 4 + dy, 10 + look, 6 + dy, BODY)
        _eye(c, 5 + look, 3 + dy, p)
        _eye(c, 10 + look, 3 + dy, p)


@_creature("blob")
def _blob(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 7 + look, 5 + dy, p, white=True, tall=True)
    else:
        _eye(c, 5 + look, 6 + dy, p, white=True)
        _eye(c, 9 + look, 6 + dy, p, white=True)
    c.rect(5 + look, 9 + dy, 10 + look, 10 + dy, OUTLINE)
    c.px(6 + look, 9 + dy, EYE)
    c.px(9 + look, 9 + dy, EYE)


_EYE_WING_UP = _template("""
    a...
    aa..
    aaa.
    aaaa
    .aaa
""")
_EYE_WING_DOWN = _template("""
    ....
    ..aa
    .aaa
    aaaa
    a.aa
""")


@_creature("eye")
def _eye_monster(c: _Canvas, p: _Pose, v: int) -> None:
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


@_creature("drone")
def _drone(c: _Canvas, p: _Pose, v: int) -> None:
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


@_creature("saucer")
def _saucer(c: _Canvas, p: _Pose, v: int) -> None:
    """A flying saucer: a glass dome with a pilot over a wide disc whose rim lights chase round."""
    dy = 1 if p.bob or p.crouch else 0
    tick = p.frame
    c.ball(4, 2 + dy, 11, 9 + dy, ACCENT, ACCENT, LIGHT)
    if p.view != "back":
        look = 1 if p.view == "side" else 0
        c.ball(6 + look, 4 + dy, 9 + look, 8 + dy, SHADE, SHADE, SHADE)
        _eye(c, 7 + look, 5 + dy, p, white=True)
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


def _flame(c: _Canvas, x: int, y: int, k: int, down: bool = False) -> None:
    """An exhaust flame two pixels wide below (or above) ``(x, y)``; length flickers with ``k``."""
    length = (3, 1, 2, 1)[k % 4]
    step = -1 if down else 1
    for i in range(length):
        role = EYE if i == 0 else ACCENT
        c.rect(x, y + step * i, x + 1, y + step * i, role)
    if k % 2 == 0:
        c.px(x + (k // 2) % 2, y + step * length, ACCENT)


@_vehicle("ship", 0)
def _ship(c: _Canvas, p: _Pose, v: int) -> None:
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


@_vehicle("fighter", 2)
def _fighter(c: _Canvas, p: _Pose, v: int) -> None:
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


@_vehicle("turret", 0)
def _turret(c: _Canvas, p: _Pose, v: int) -> None:
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
        _glow_eye(c, 7, 11, p, 2)
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


@_thing("mine")
def _mine(c: _Canvas, p: _Pose, v: int) -> None:
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


@_creature("jelly")
def _jelly(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 5 + look, 4 + w, p)
        _eye(c, 10 + look, 4 + w, p)
    if v == 1:
        for x, y in ((7, 2), (4, 6), (11, 5), (8, 5)):
            c.px(x, y + w, EYE)


_STAR = _template("""
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


@_creature("comet")
def _comet(c: _Canvas, p: _Pose, v: int) -> None:
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
    _eye(c, x0 + 3 + look, 6 + dy, p, tall=True)
    _eye(c, x0 + 5 + look, 6 + dy, p, tall=True)
    if v == 1:
        c.px(x0 + 4 + look, 9 + dy, OUTLINE)
    elif v == 2:
        c.rect(x0 + 3 + look, 9 + dy, x0 + 5 + look, 9 + dy, OUTLINE)
        c.px(x0 + 4 + look, 8 + dy, EYE)


_FLAMES = (_template("""
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
"""), _template("""
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


@_creature("wisp")
def _wisp(c: _Canvas, p: _Pose, v: int) -> None:
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
        _eye(c, 6 + look, 9 + dy, p, tall=True)
        _eye(c, 9 + look, 9 + dy, p, tall=True)


# --- objects ----------------------------------------------------------------------------------------
def _spin_flat(c: _Canvas, k: int) -> None:
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


@_thing("coin")
def _coin(c: _Canvas, p: _Pose, v: int) -> None:
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
    _spin_flat(c, p.step)


_GEM = _template("""
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


@_thing("gem")
def _gem(c: _Canvas, p: _Pose, v: int) -> None:
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
    _spin_flat(c, p.step)


_HEART = _sym("""
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


@_thing("heart")
def _heart(c: _Canvas, p: _Pose, v: int) -> None:
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
    _spin_flat(c, p.step)


@_thing("key")
def _key(c: _Canvas, p: _Pose, v: int) -> None:
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


@_thing("potion")
def _potion(c: _Canvas, p: _Pose, v: int) -> None:
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


_SHIELD = _sym("""
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


@_thing("shield")
def _shield(c: _Canvas, p: _Pose, v: int) -> None:
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
    _spin_flat(c, p.step)


_BIG_STAR = _template("""
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


@_thing("star_item")
def _star_item(c: _Canvas, p: _Pose, v: int) -> None:
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
    _spin_flat(c, p.step)


@_thing("crate")
def _crate(c: _Canvas, p: _Pose, v: int) -> None:
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


@_thing("saw")
def _saw(c: _Canvas, p: _Pose, v: int) -> None:
    """A spinning circular blade: a ring of raked teeth around a bolted hub; the teeth advance every frame."""
    turn = (p.step if p.step >= 0 else p.frame * 2) % 4
    teeth = 8 if v != 1 else 6
    c.g[_saw_mask(teeth, turn)] = BODY
    c.g[_saw_mask(teeth, turn) & ~_oval_mask(2, 2, 13, 13)] = SHADE
    c.g[_oval_mask(4, 4, 11, 11) & ~_oval_mask(5, 5, 10, 10)] = SHADE
    c.ball(6, 6, 9, 9, SHADE, SHADE, SHADE)
    c.rect(7, 7, 8, 8, OUTLINE if v != 2 else ACCENT)
    a = 2 * np.pi * turn / 8
    for sign in (1, -1):
        c.px(round(7.5 + sign * 3.6 * float(np.cos(a))), round(7.5 + sign * 3.6 * float(np.sin(a))), LIGHT)


@_thing("bar")
def _bar(c: _Canvas, p: _Pose, v: int) -> None:
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


def _disc(n: int, x0: float, y0: float, x1: float, y1: float) -> Mask:
    """An ellipse mask on an ``n`` grid (for drawing natively at any size)."""
    ys, xs = np.mgrid[0:n, 0:n]
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0 + 1) / 2, (y1 - y0 + 1) / 2
    mask: Mask = ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2 <= 1.0
    return mask


@_thing("bullet")
def _bullet(c: _Canvas, p: _Pose, v: int) -> None:
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


@_thing("orb")
def _orb(c: _Canvas, p: _Pose, v: int) -> None:
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


@_thing("drop")
def _drop(c: _Canvas, p: _Pose, v: int) -> None:
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


@_thing("candle")
def _candle(c: _Canvas, p: _Pose, v: int) -> None:
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


ARCHETYPES: tuple[str, ...] = tuple(_DRAWERS)


# --- public API -----------------------------------------------------------------------------------
_HEADING = {"up": 0, "right": 1, "down": 2}  #: quarter turns clockwise from nose-up


@lru_cache(maxsize=8192)
def _body(archetype: str, pose: str, frame: int, variant: int) -> Grid:
    """The un-outlined 16x16 drawing of one frame (read-only, cached: left reuses right, spin reuses idle)."""
    if pose == "left":
        g = np.ascontiguousarray(_body(archetype, "right", frame, variant)[:, ::-1])
        g.flags.writeable = False
        return g
    drawer = _DRAWERS[archetype]
    c = _Canvas()
    if archetype in _OBJECTS:
        if pose in ("spin", "run", "fly"):
            p = _Pose(step=frame % 4, frame=frame)
        else:
            p = _Pose(bob=frame % 2, hurt=pose == "hurt", frame=frame)
        drawer(c, p, variant)
        g = c.g
    elif archetype not in _TURN and pose == "spin":
        g = np.rot90(_body(archetype, "idle", 0, variant), k=-(frame % 4)).copy()
    elif archetype in _TURN:
        native = _TURN[archetype]
        if pose in _HEADING:
            drawer(c, _Pose(view="top", step=2 * (frame % 2), frame=frame), variant)
            g = np.rot90(c.g, k=-((_HEADING[pose] - native) % 4)).copy()
        elif pose == "spin":
            g = np.rot90(_body(archetype, "idle", 0, variant), k=-(frame % 4)).copy()
        else:
            drawer(c, _pose_for(pose, frame), variant)
            g = c.g
    else:
        drawer(c, _pose_for(pose, frame), variant)
        g = c.g
    if pose == "hurt":
        g = _hurt(g)
    if archetype != "bar":
        g[0, :] = g[-1, :] = g[:, 0] = g[:, -1] = CLEAR
    g.flags.writeable = False
    return g


def _hurt(g: Grid) -> Grid:
    """Knocked back a pixel and flashing (shade turns light), on top of the shut eyes the drawer gave it."""
    g = _shift(g, -1, -1).copy()
    g[g == SHADE] = LIGHT
    return g


def _scale(g: Grid, size: int, wide: bool) -> Grid:
    """A 16x16 drawing at ``size``, keeping the 1-px margin for the outline.

    Multiples of 16 repeat pixels, other larger sizes sample the nearest. Smaller sizes pool blocks: a target
    pixel is drawn if about a third of its block is, in the block's commonest role, except that an eye
    anywhere in the block wins, so faces survive the shrink and thin parts do not vanish.
    """
    if size == BASE:
        return g.copy()
    if size % BASE == 0:
        k = size // BASE
        return np.repeat(np.repeat(g, k, axis=0), k, axis=1)
    out = np.zeros((size, size), dtype=np.uint8)
    if size > BASE:  # an odd size up: nearest neighbour over the drawn area
        idx = np.arange(size - 2) * (BASE - 2) // (size - 2) + 1
        cols = np.arange(size) * BASE // size
        if wide:
            out[1:-1, :] = g[np.ix_(idx, cols)]
        else:
            out[1:-1, 1:-1] = g[np.ix_(idx, idx)]
        return out
    rows = np.linspace(1, BASE - 1, size - 1).round().astype(int)
    cols = np.linspace(0, BASE, size + 1).round().astype(int) if wide else rows
    for i in range(size - 2):
        for j in range(len(cols) - 1):
            block = g[rows[i]:rows[i + 1], cols[j]:cols[j + 1]]
            roles = block[block != CLEAR]
            if roles.size * 3 < block.size:
                continue
            if (roles == PUPIL).any() or (roles == EYE).any():
                role = PUPIL if (roles == PUPIL).any() else EYE
            else:
                role = int(np.bincount(roles).argmax())
            out[i + 1, j if wide else j + 1] = role
    return out


@lru_cache(maxsize=8192)
def _draw(archetype: str, size: int, pose: str, frame: int, variant: int) -> Grid:
    small = _SMALL.get(archetype)
    if small is not None and size < BASE:
        body = small(size, pose, frame, variant)
    else:
        body = _scale(_body(archetype, pose, frame, variant), size, archetype == "bar")
    out = outline(body)
    out.flags.writeable = False
    return out


def draw(archetype: str, size: int, pose: str, frame: int, variant: int = 0) -> Grid:
    """One frame of ``archetype`` in ``pose`` as a read-only ``(size, size)`` role grid.

    ``size`` is 16 for regular sprites, 32 for bosses (the 16 drawing at 2x), 8 or 12 for bullets and
    small items (resampled, or drawn natively where that matters). ``frame`` and ``variant`` wrap
    around (:data:`FRAMES`, :data:`VARIANTS`); an unknown pose draws ``idle``. Side views face right.
    """
    if archetype not in _DRAWERS:
        raise ValueError(f"unknown archetype {archetype!r}")
    if size < 8:
        raise ValueError(f"sprites are at least 8 px, not {size}")
    if pose not in FRAMES:
        pose = "idle"
    return _draw(archetype, size, pose, frame % FRAMES[pose], variant % VARIANTS)


_SMALL: dict[str, Callable[[int, str, int, int], Grid]] = {
    "bullet": lambda size, pose, frame, variant: _small_round(size, pose, frame, variant, halo=False),
    "orb": lambda size, pose, frame, variant: _small_round(size, pose, frame, variant, halo=True),
}


# --- names -> archetypes ----------------------------------------------------------------------------
# Keyword rules, tried in order; the first archetype with a keyword in the name wins. English keywords
# match whole words (plurals too); five letters or more also match inside a word ("Gatekeeper"), and a
# leading "~" lets a short one end a compound ("Dewdrop", "Sweeperbot"). Korean keywords match anywhere
# (Korean compounds have no spaces: 도토리벌레), except those marked "=", which must be a whole word
# because the syllable hides inside others (개 in 개구리 and 안개, 쥐 in 박쥐). Order settles clashes:
# machines before animals (벌떼 드론 is a drone, not a bee), nouns before adjectives (Fire Bat is a bat,
# Rock Turret a turret), and titles last (Bone Warden is a skeleton, Comet Queen a comet).
_CREATURE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("turret", ("turret", "cannon", "searchlight", "tower", "gun", "gunner", "artillery", "mortar", "launcher",
                "emplacement", "포탑", "대포", "포대", "터렛", "기관총", "탐조등")),
    ("fighter", ("fighter", "jet", "interceptor", "bomber", "lancer", "raider", "striker", "gunship", "warplane",
                 "전투기", "폭격기", "요격기", "비행기")),
    ("saucer", ("saucer", "ufo", "disc", "disk", "비행접시", "유에프오")),
    ("ship", ("~ship", "rocket", "shuttle", "cruiser", "frigate", "우주선", "함선", "전함", "로켓", "비행선")),
    ("mine", ("mine", "bomb", "spikeball", "urchin", "기뢰", "지뢰", "폭탄", "가시공")),
    ("robot", ("robot", "android", "mech", "automaton", "cyborg", "machine", "로봇", "기계")),
    ("drone", ("drone", "~bot", "sentry", "sentinel", "probe", "scanner", "camera", "copter", "드론", "정찰기",
               "감시")),
    ("eye", ("eye", "eyeball", "core", "hexa", "watcher", "beholder", "iris", "눈알", "눈동자", "코어", "=핵", "=눈")),
    ("jelly", ("jelly", "jellyfish", "medusa", "balloon", "squid", "octopus", "kraken", "해파리", "젤리", "풍선",
               "문어", "오징어")),
    ("comet", ("comet", "meteor", "star", "asteroid", "혜성", "유성", "=별")),
    ("ghost", ("ghost", "spirit", "wraith", "phantom", "specter", "spectre", "spook", "wailing", "wail", "banshee",
               "poltergeist", "soul", "ghoul", "haunt", "apparition", "유령", "귀신", "망령", "영혼", "혼령", "원혼")),
    ("skeleton", ("skeleton", "skull", "skelly", "lich", "zombie", "mummy", "undead", "해골", "스켈레톤", "좀비",
                  "미라", "언데드")),
    ("golem", ("golem", "statue", "gargoyle", "yeti", "ape", "gorilla", "troll", "ogre", "colossus", "titan",
               "sasquatch", "bigfoot", "haetae", "boulder", "골렘", "석상", "=거인", "예티", "설인", "고릴라", "트롤",
               "해태", "바위")),
    ("bat", ("bat", "vampire", "moth", "butterfly", "~fly", "박쥐", "나방", "흡혈")),
    ("bird", ("bird", "owl", "crow", "raven", "hawk", "eagle", "falcon", "gull", "seagull", "pigeon", "dove",
              "crane", "magpie", "parrot", "duck", "chicken", "hen", "rooster", "vulture", "harpy", "griffin",
              "penguin", "sparrow", "swallow", "kestrel", "heron", "stork", "까마귀", "까치", "올빼미", "부엉이",
              "비둘기", "참새", "독수리", "갈매기", "제비", "오리", "펭귄", "=새", "=매", "=학", "=닭")),
    ("spider", ("spider", "tarantula", "arachnid", "widow", "mite", "거미")),
    ("crab", ("crab", "lobster", "crayfish", "shrimp", "prawn", "hermit", "=게", "꽃게", "소라게", "가재", "집게")),
    ("beetle", ("beetle", "~bug", "ant", "bee", "wasp", "hornet", "scarab", "weevil", "roach", "insect", "mantis",
                "locust", "grasshopper", "larva", "grub", "worm", "centipede", "scorpion", "tick", "딱정벌레", "벌레",
                "개미", "=벌", "말벌", "곤충", "풍뎅이", "전갈", "지네", "애벌레")),
    ("snail", ("snail", "slug", "nautilus", "달팽이")),
    ("turtle", ("turtle", "tortoise", "terrapin", "armadillo", "거북", "자라")),
    ("frog", ("frog", "toad", "newt", "salamander", "axolotl", "개구리", "두꺼비")),
    ("fish", ("~fish", "eel", "shark", "piranha", "carp", "koi", "whale", "serpent", "snake", "dragon", "wyrm",
              "leviathan", "물고기", "생선", "상어", "장어", "피라냐", "고래", "=뱀", "=용", "이무기")),
    ("mushroom", ("mushroom", "shroom", "fungus", "fungi", "spore", "toadstool", "버섯", "포자", "곰팡이")),
    ("plant", ("plant", "vine", "flower", "cactus", "weed", "bramble", "rose", "tree", "treant", "flytrap",
               "식물", "덩굴", "덤불", "=꽃", "선인장", "나무")),
    ("rabbit", ("rabbit", "hare", "bunny", "jackalope", "토끼")),
    ("fox", ("fox", "kitsune", "fennec", "여우")),
    ("cat", ("cat", "kitten", "kitty", "lion", "tiger", "panther", "lynx", "leopard", "rat", "mouse", "mice",
             "rodent", "squirrel", "hedgehog", "weasel", "ferret", "raccoon", "고양이", "냥이", "=쥐", "생쥐", "들쥐",
             "호랑이", "사자", "고슴도치", "다람쥐", "족제비")),
    ("wolf", ("wolf", "wolves", "dog", "hound", "jackal", "coyote", "hyena", "bear", "boar", "werewolf", "cerberus",
              "mutt", "puppy", "늑대", "=개", "들개", "강아지", "사냥개", "=곰", "멧돼지", "하이에나")),
    ("slime", ("slime", "blob", "ooze", "goo", "gel", "pudding", "sludge", "gloop", "tofu", "슬라임", "점액")),
    ("wisp", ("wisp", "sprite", "lantern", "lamp", "candle", "will", "fairy", "pixie", "phoenix", "도깨비불",
              "등불", "랜턴", "정령", "요정", "촛불")),
    ("knight", ("knight", "soldier", "guard", "warrior", "paladin", "samurai", "armor", "armour", "기사", "병사",
                "전사", "경비병", "무사", "=경비")),
    ("hero", ("hero", "adventurer", "boy", "girl", "kid", "child", "ranger", "elf", "용사", "모험가", "소년", "소녀")),
    ("blob", ("imp", "demon", "devil", "goblin", "oni", "gremlin", "monster", "beast", "fiend", "critter",
              "mimic", "도깨비", "임프", "악마", "마귀", "괴물", "고블린", "오니", "요괴")),
)
#: Adjectives and materials: only when no creature noun matched (Fire Bat is a bat, a lone Flame a wisp).
_WEAK_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("skeleton", ("bone", "bones", "뼈")),
    ("wisp", ("fire", "flame", "ember", "spark", "blaze", "inferno", "=불", "불꽃", "불씨", "불길")),
    ("golem", ("rock", "stone", "iron", "steel", "giant", "=돌", "강철", "거대")),
    ("plant", ("thorn", "thorny", "=가시")),
    ("mine", ("spike", "spiky", "spiked")),
    ("ghost", ("hollow", "shadow", "dark", "shade", "wailing", "mask", "그림자", "어둠", "가면")),
)
#: Titles say rank, not shape: robed ones become ghosts, the rest knights (or, for a boss, a golem or warship).
_ROBED = ("abbot", "priest", "monk", "bishop", "mage", "wizard", "witch", "sorcerer", "shaman", "necromancer",
          "마법사", "마녀", "사제", "주술사")
_TITLES = ("king", "queen", "lord", "lady", "emperor", "empress", "prince", "princess", "baron", "duke", "warden",
           "keeper", "gatekeeper", "guardian", "chief", "general", "captain", "archer", "boss", "=왕", "여왕", "군주",
           "수호자", "문지기", "묘지기", "대장", "장군", "궁수", "보스")
_ITEM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("key", ("key", "열쇠", "=키")),
    ("crate", ("crate", "box", "chest", "상자", "궤짝")),
    ("potion", ("potion", "flask", "bottle", "elixir", "tonic", "vial", "oil", "물약", "포션", "=병", "=약", "기름")),
    ("shield", ("shield", "armor", "armour", "barrier", "방패", "보호막")),
    ("heart", ("heart", "leaf", "life", "health", "하트", "심장", "생명", "잎", "잎사귀")),
    ("drop", ("~drop", "dew", "tear", "water", "droplet", "이슬", "물방울")),
    ("candle", ("candle", "torch", "wax", "양초", "촛불", "=초", "횃불")),
    ("orb", ("orb", "pearl", "marble", "bead", "ball", "bubble", "구슬", "진주", "풍선", "비눗방울")),
    ("gem", ("gem", "crystal", "jewel", "diamond", "ruby", "emerald", "sapphire", "relic", "shard", "fragment",
             "prism", "보석", "수정", "크리스탈", "조각", "유물", "파편")),
    ("star_item", ("star", "shot", "powder", "powerup", "power", "boost", "booster", "spread", "twin", "rapid",
                   "laser", "upgrade", "=별", "부스터", "파워")),
    ("mine", ("bomb", "mine", "폭탄")),
    ("mushroom", ("mushroom", "버섯")),
    ("fish", ("~fish", "생선", "물고기")),
    ("coin", ("coin", "chip", "token", "gold", "money", "cash", "seed", "bean", "acorn", "nut", "medal",
              "동전", "금화", "은화", "코인", "도토리", "씨앗", "=콩", "메달")),
)
#: Shapes a player can sensibly be; anything else named for a player is still the hero.
_PLAYABLE = frozenset({"hero", "knight", "robot", "cat", "fox", "wolf", "rabbit", "bird", "frog", "slime", "ghost",
                       "skeleton", "fish", "turtle", "snail", "mushroom", "blob", "wisp", "drone", "ship"})
#: What an enemy moves like, when its name says nothing: (platform-type genres, shooter).
_BY_BEHAVIOUR: dict[str | None, tuple[str, str]] = {
    "fly": ("bat", "saucer"), "swoop": ("bat", "fighter"), "zigzag": ("bird", "drone"), "turret": ("turret", "turret"),
    "hop": ("frog", "fighter"), "chase": ("wolf", "fighter"), "patrol": ("beetle", "fighter"),
    "wander": ("beetle", "saucer"), None: ("blob", "fighter"),
}
_WORD = re.compile(r"[^\w]+")


def _has(kw: str, name: str, tokens: list[str]) -> bool:
    """Whether keyword ``kw`` (with its "~"/"=" marks) occurs in the casefolded ``name``."""
    if kw[0] == "=":
        return kw[1:] in tokens
    if not kw.isascii():
        return kw in name
    suffix = kw[0] == "~"
    kw = kw.lstrip("~")
    for token in tokens:
        if token in (kw, kw + "s", kw + "es") or (len(kw) >= 5 and kw in token):
            return True
        if suffix and token.endswith(kw) and len(token) - len(kw) >= 3:  # Dewdrop, but not Abbot
            return True
    return False


def _match(rules: tuple[tuple[str, tuple[str, ...]], ...], name: str, tokens: list[str]) -> str | None:
    for archetype, keywords in rules:
        if any(_has(kw, name, tokens) for kw in keywords):
            return archetype
    return None


def archetype_for(name: str, kind: str, behaviour: str | None = None, genre: str = "platformer") -> str:
    """The archetype to draw a thing called ``name`` of ``kind`` as: its name first, then kind and behaviour.

    Names are read in English and Korean ("Cave Bat", 흡혈 박쥐 -> bat). A shooter's player is always the
    ship, whatever it is called (제비호 is a ship named Swallow). Deterministic; case does not matter.
    """
    text = name.casefold().strip()
    tokens = [t for t in _WORD.split(text) if t]
    genre = str(genre)
    shooter = genre == "shooter"
    if kind == "player":
        if shooter:
            return "ship"
        found = _match(_CREATURE_RULES, text, tokens)
        return found if found in _PLAYABLE else "hero"
    if kind == "bullet":
        return "bullet"
    if kind == "key":
        return "key"
    if kind == "crate":
        return "crate"
    if kind == "obstacle":
        return "crate" if _match(_ITEM_RULES[1:2], text, tokens) else "bar"
    if kind == "hazard":
        return "mine" if _match((("mine", ("mine", "bomb", "spike", "spiky", "지뢰", "폭탄", "가시")),), text,
                                tokens) else "saw"
    if kind == "item":
        return _match(_ITEM_RULES, text, tokens) or "coin"
    found = _match(_CREATURE_RULES, text, tokens) or _match(_WEAK_RULES, text, tokens)
    if found:
        return found
    if any(_has(kw, text, tokens) for kw in _ROBED):
        return "ghost"
    boss = kind == "boss"
    if any(_has(kw, text, tokens) for kw in _TITLES):
        return ("fighter" if shooter else "golem") if boss else "knight"
    if boss:
        return "fighter" if shooter else "golem"
    key = behaviour if behaviour in _BY_BEHAVIOUR else None
    return _BY_BEHAVIOUR[key][1 if shooter else 0]


# --- contact sheet (a development aid: ``python -m maestro.art.sprites out.png``) -------------------
DEBUG_PALETTE = np.array([
    (0, 0, 0, 0), (24, 20, 37, 255), (78, 160, 96, 255), (40, 92, 64, 255), (170, 222, 140, 255),
    (228, 166, 62, 255), (244, 244, 236, 255), (20, 16, 30, 255),
], dtype=np.uint8)


def contact_sheet(size: int = BASE, scale: int = 4, variant: int = 0) -> npt.NDArray[np.uint8]:
    """Every archetype (rows) in every frame of every pose (columns), RGBA, on a grey checker."""
    cells = [(pose, f) for pose in POSES for f in range(FRAMES[pose])]
    pad = 2
    cell = size + pad
    rows = len(ARCHETYPES)
    sheet = np.zeros((rows * cell, len(cells) * cell, 4), dtype=np.uint8)
    sheet[...] = (150, 150, 160, 255)
    for r, arch in enumerate(ARCHETYPES):
        for col, (pose, f) in enumerate(cells):
            rgba = DEBUG_PALETTE[draw(arch, size, pose, f, variant)]
            y, x = r * cell + pad // 2, col * cell + pad // 2
            tile = sheet[y:y + size, x:x + size]
            if (r + col) % 2:
                tile[...] = (165, 165, 175, 255)
            opaque = rgba[..., 3] > 0
            tile[opaque] = rgba[opaque]
    return np.repeat(np.repeat(sheet, scale, axis=0), scale, axis=1)


if __name__ == "__main__":  # pragma: no cover - a development aid
    import sys

    from PIL import Image

    target = sys.argv[1] if len(sys.argv) > 1 else "sprites.png"
    big = int(sys.argv[2]) if len(sys.argv) > 2 else BASE
    Image.fromarray(contact_sheet(big, 4 if big <= BASE else 2), "RGBA").save(target)
    print(f"{len(ARCHETYPES)} archetypes -> {target}")
