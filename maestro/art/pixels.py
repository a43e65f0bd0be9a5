"""What every sprite drawer draws with: colour roles, the 16x16 canvas, templates, poses, the registry.

A sprite is a grid of *roles* (body, shade, eye...), not colours, so the same drawing can take any
game's palette (:mod:`maestro.art.sheet` colours it). The archetype drawers (:mod:`maestro.art.humanoids`,
:mod:`~maestro.art.beasts`, :mod:`~maestro.art.critters`, :mod:`~maestro.art.space`, :mod:`~maestro.art.things`)
are many and each short; what they share lives here, so a drawer reads as a list of shapes: the roles,
ASCII templates, the :class:`Canvas` with its few primitives, the silhouette outline, the :class:`Pose`
a frame is drawn in, eyes, and the decorators that register a drawer under its archetype name for
:func:`maestro.art.sprites.draw` to find.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

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

# --- primitives ---------------------------------------------------------------------------------
_CHARS = {".": -1, " ": -1, "x": CLEAR, "o": OUTLINE, "b": BODY, "s": SHADE, "l": LIGHT, "a": ACCENT, "e": EYE,
          "p": PUPIL}


def template(text: str) -> npt.NDArray[np.int8]:
    """Parse an ASCII template (one row per line, ``.`` = leave as is) into roles, -1 for "skip"."""
    rows = [line.strip() for line in text.strip().splitlines()]
    width = max(len(row) for row in rows)
    out = np.full((len(rows), width), -1, dtype=np.int8)
    for y, row in enumerate(rows):
        for x, ch in enumerate(row):
            out[y, x] = _CHARS[ch]
    out.flags.writeable = False
    return out


def symmetric(text: str) -> npt.NDArray[np.int8]:
    """A left-right symmetric template from its left half (each row mirrored onto its right)."""
    rows = [line.strip() for line in text.strip().splitlines()]
    return template("\n".join(row + row[::-1] for row in rows))


@cache
def oval_mask(x0: int, y0: int, x1: int, y1: int, grow: float = 0.0) -> Mask:
    """Pixels of the ellipse inscribed in the inclusive box; ``grow`` fattens it slightly."""
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rx, ry = (x1 - x0 + 1) / 2, (y1 - y0 + 1) / 2
    ys, xs = np.mgrid[0:BASE, 0:BASE]
    mask: Mask = ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2 <= 1.0 + grow
    mask.flags.writeable = False
    return mask


class Canvas:
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
        self.g[oval_mask(x0, y0, x1, y1, grow)] = role

    def ball(self, x0: int, y0: int, x1: int, y1: int, body: int = BODY, shade: int = SHADE,
             light: int = LIGHT, grow: float = 0.0) -> None:
        """A shaded ellipse: body, a crescent of shade bottom-right, a glint top-left (light from above-left)."""
        inner = oval_mask(x0, y0, x1, y1, grow)
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


def shifted(g: Grid, dx: int, dy: int) -> Grid:
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
#: Frames each pose animates over; ``frame`` is taken modulo this.
FRAMES: dict[str, int] = {
    "idle": 2, "run": 4, "jump": 1, "duck": 1, "hurt": 1, "fly": 2,
    "down": 2, "up": 2, "left": 2, "right": 2, "spin": 4,
}
POSES = tuple(FRAMES)


@dataclass(frozen=True)
class Pose:
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


def pose_for(pose: str, frame: int) -> Pose:
    """What frame ``frame`` of ``pose`` asks of a side-view creature (things and vehicles get their own)."""
    if pose == "run":
        return Pose(step=frame % 4, bob=1 - frame % 2, frame=frame)
    if pose == "jump":
        return Pose(air=True, frame=frame)
    if pose == "duck":
        return Pose(crouch=True, frame=frame)
    if pose == "hurt":
        return Pose(hurt=True, air=True, frame=frame)
    if pose == "fly":
        return Pose(air=True, fly=True, wing=frame % 2, bob=frame % 2, frame=frame)
    if pose in ("down", "up"):
        return Pose(view="front" if pose == "down" else "back", step=2 * (frame % 2), frame=frame)
    if pose == "right":
        return Pose(step=2 * (frame % 2), frame=frame)
    return Pose(bob=frame % 2, frame=frame)


# --- the registry of drawers ---------------------------------------------------------------------
Drawer = Callable[[Canvas, Pose, int], None]
DRAWERS: dict[str, Drawer] = {}
OBJECTS: set[str] = set()  #: things rather than creatures: they spin and shimmer, they do not walk
TURNS: dict[str, int] = {}  #: vehicles drawn from above: archetype -> quarter turns its drawing is rotated from nose-up


def creature(name: str) -> Callable[[Drawer], Drawer]:
    """Register a drawer for ``name``: a creature, drawn side-on (and from the front and back) and posed."""
    def register(fn: Drawer) -> Drawer:
        DRAWERS[name] = fn
        return fn
    return register


def thing(name: str) -> Callable[[Drawer], Drawer]:
    """Register a drawer for ``name``: an object, which spins and shimmers rather than walks."""
    def register(fn: Drawer) -> Drawer:
        DRAWERS[name] = fn
        OBJECTS.add(name)
        return fn
    return register


def vehicle(name: str, quarter_turns: int) -> Callable[[Drawer], Drawer]:
    """Register a drawer for ``name`` that can also draw it from above, ``quarter_turns`` clockwise from nose-up."""
    def register(fn: Drawer) -> Drawer:
        DRAWERS[name] = fn
        TURNS[name] = quarter_turns
        return fn
    return register


# --- shared parts ---------------------------------------------------------------------------------
def draw_eye(c: Canvas, x: int, y: int, p: Pose, tall: bool = False, white: bool = False, look: int = 1) -> None:
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


def glow_eye(c: Canvas, x: int, y: int, p: Pose, w: int = 1) -> None:
    """An eye that is all light (robots, spirits, golems); a dark slit when hurt."""
    c.rect(x, y, x + w - 1, y, OUTLINE if p.hurt else EYE)
