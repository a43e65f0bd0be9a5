"""Pixel-art sprites drawn as colour-role grids, one archetype per kind of thing a game can hold.

A sprite here is a ``(size, size)`` ``uint8`` grid whose values are *roles* (body, shade, eye...),
not colours: the same bat is a purple bat in one game and a grey one in the next, and the colouring
stage (:mod:`maestro.art.sheet`) owns the palette. Keeping shape and colour apart is what lets a
few dozen hand-made archetypes cover any game design document.

Everything is drawn at 16x16 from small primitives (ovals, rectangles, lines) and short ASCII
templates, then scaled: bosses are the same drawing at 2x by Scale2x (smooth edges, a shade band,
catchlit eyes), bullets and small items are resampled down. The 1-px outline is computed from the
silhouette after scaling so it stays thin.
Side-view sprites face right; the runtime mirrors them. Drawing is pure and deterministic, and
cached, so a whole game's sheet costs a few milliseconds.

This module is the public face: :func:`draw`, :data:`ARCHETYPES`, the poses and the role constants, and
the posing, scaling and outlining every archetype goes through. The primitives live in
:mod:`maestro.art.pixels`, the drawers by family in :mod:`~maestro.art.humanoids`, :mod:`~maestro.art.people`,
:mod:`~maestro.art.beasts`, :mod:`~maestro.art.critters`, :mod:`~maestro.art.space`,
:mod:`~maestro.art.elements`, :mod:`~maestro.art.vehicles`, :mod:`~maestro.art.food` and
:mod:`~maestro.art.things`; which archetype a GDD's "Cave Bat" is drawn as is read by
:func:`maestro.gdd.archetypes.archetype_for`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from maestro.art import beasts, critters, elements, food, humanoids, people, space, things, vehicles
from maestro.art.pixels import (
    ACCENT,
    BASE,
    BODY,
    CLEAR,
    DRAWERS,
    EYE,
    FRAMES,
    LIGHT,
    OBJECTS,
    OUTLINE,
    POSES,
    PUPIL,
    ROLES,
    SHADE,
    TURNS,
    VARIANTS,
    Canvas,
    Grid,
    Pose,
    outline,
    pose_for,
    shifted,
)
from maestro.art.things import SMALL

__all__ = ["ACCENT", "ARCHETYPES", "BASE", "BODY", "CLEAR", "EYE", "FRAMES", "LIGHT", "OUTLINE", "POSES", "PUPIL",
           "ROLES", "SHADE", "VARIANTS", "Grid", "contact_sheet", "draw", "outline"]

#: The drawer modules, family by family. Importing them registers their drawers (so every archetype can be
#: drawn whichever module a caller imported first), and their order is the order of :data:`ARCHETYPES`.
_FAMILIES = (humanoids, people, beasts, critters, space, elements, vehicles, food, things)
#: Every archetype :func:`draw` knows, family by family in the order each family draws them.
ARCHETYPES: tuple[str, ...] = tuple(name for family in _FAMILIES for name, drawer in DRAWERS.items()
                                    if drawer.__module__ == family.__name__)


# --- posing, scaling, outlining -------------------------------------------------------------------
_HEADING = {"up": 0, "right": 1, "down": 2}  #: quarter turns clockwise from nose-up


@lru_cache(maxsize=8192)
def _body(archetype: str, pose: str, frame: int, variant: int) -> Grid:
    """The un-outlined 16x16 drawing of one frame (read-only, cached: left reuses right, spin reuses idle)."""
    if pose == "left":
        g = np.ascontiguousarray(_body(archetype, "right", frame, variant)[:, ::-1])
        g.flags.writeable = False
        return g
    drawer = DRAWERS[archetype]
    c = Canvas()
    if archetype in OBJECTS:
        if pose in ("spin", "run", "fly"):
            p = Pose(step=frame % 4, frame=frame)
        else:
            p = Pose(bob=frame % 2, hurt=pose == "hurt", frame=frame)
        drawer(c, p, variant)
        g = c.g
    elif archetype not in TURNS and pose == "spin":
        g = np.rot90(_body(archetype, "idle", 0, variant), k=-(frame % 4)).copy()
    elif archetype in TURNS:
        native = TURNS[archetype]
        if pose in _HEADING:
            drawer(c, Pose(view="top", step=2 * (frame % 2), frame=frame), variant)
            g = np.rot90(c.g, k=-((_HEADING[pose] - native) % 4)).copy()
        elif pose == "spin":
            g = np.rot90(_body(archetype, "idle", 0, variant), k=-(frame % 4)).copy()
        else:
            drawer(c, pose_for(pose, frame), variant)
            g = c.g
    else:
        drawer(c, pose_for(pose, frame), variant)
        g = c.g
    if pose == "hurt":
        g = _hurt(g)
    if archetype != "bar":
        g[0, :] = g[-1, :] = g[:, 0] = g[:, -1] = CLEAR
    g.flags.writeable = False
    return g


def _hurt(g: Grid) -> Grid:
    """Knocked back a pixel and flashing (shade turns light), on top of the shut eyes the drawer gave it."""
    g = shifted(g, -1, -1).copy()
    g[g == SHADE] = LIGHT
    return g


def _scale(g: Grid, size: int, wide: bool) -> Grid:
    """A 16x16 drawing at ``size``, keeping the 1-px margin for the outline.

    32 and 64 (bosses) are drawn up by :func:`scale2x`, so diagonals stay smooth rather than stair-stepped,
    then given the detail a bigger sprite can hold (:func:`_detail`); other multiples of 16 repeat pixels,
    other larger sizes sample the nearest. Smaller sizes pool blocks: a target
    pixel is drawn if about a third of its block is, in the block's commonest role, except that an eye
    anywhere in the block wins, so faces survive the shrink and thin parts do not vanish.
    """
    if size == BASE:
        return g.copy()
    if size in (2 * BASE, 4 * BASE) and not wide:
        while g.shape[0] < size:
            g = scale2x(g)
        return _detail(g)
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


def scale2x(g: Grid) -> Grid:
    """``g`` at twice the size by Scale2x (EPX): each pixel becomes four, and a corner takes its neighbours'
    role where they agree, so a diagonal edge (between any two roles) stays a smooth diagonal.

    Works on roles rather than colours, before outlining, so the outline stays one pixel thin.
    """
    p = np.pad(g, 1, constant_values=CLEAR)
    mid = p[1:-1, 1:-1]
    a, b, c, d = p[:-2, 1:-1], p[1:-1, 2:], p[1:-1, :-2], p[2:, 1:-1]  # up, right, left, down
    out = np.empty((g.shape[0] * 2, g.shape[1] * 2), dtype=g.dtype)
    out[0::2, 0::2] = np.where((c == a) & (c != d) & (a != b), a, mid)
    out[0::2, 1::2] = np.where((a == b) & (a != c) & (b != d), b, mid)
    out[1::2, 0::2] = np.where((d == c) & (d != b) & (c != a), c, mid)
    out[1::2, 1::2] = np.where((b == d) & (b != a) & (d != c), d, mid)
    return out


def _detail(g: Grid) -> Grid:
    """What a sprite drawn big can hold that a 16 px one cannot: a 1-px band of shade inside its lower and
    right edge (light from above-left), and a catchlight in the corner of every dark eye."""
    out = g.copy()
    solid = g != CLEAR
    below = np.zeros_like(solid)
    below[:-1, :] = solid[1:, :]
    right = np.zeros_like(solid)
    right[:, :-1] = solid[:, 1:]
    out[(g == BODY) & (~below | ~right)] = SHADE
    pupil = g == PUPIL
    corner = pupil.copy()
    corner[:-1, :] &= pupil[1:, :]
    corner[:, :-1] &= pupil[:, 1:]
    corner[-1, :] = corner[:, -1] = False
    above_left = np.zeros_like(pupil)
    above_left[1:, 1:] = pupil[:-1, :-1] | pupil[:-1, 1:] | pupil[1:, :-1]
    out[corner & ~above_left] = EYE
    return out


@lru_cache(maxsize=8192)
def _draw(archetype: str, size: int, pose: str, frame: int, variant: int) -> Grid:
    small = SMALL.get(archetype)
    if small is not None and size < BASE:
        body = small(size, pose, frame, variant)
    else:
        body = _scale(_body(archetype, pose, frame, variant), size, archetype == "bar")
    out = outline(body)
    out.flags.writeable = False
    return out


def draw(archetype: str, size: int, pose: str, frame: int, variant: int = 0) -> Grid:
    """One frame of ``archetype`` in ``pose`` as a read-only ``(size, size)`` role grid.

    ``size`` is 16 for regular sprites, 32 for bosses (the 16 drawing redrawn at 2x, see :func:`_scale`), 8 or
    12 for bullets and small items (resampled, or drawn natively where that matters). ``frame`` and ``variant`` wrap
    around (:data:`FRAMES`, :data:`VARIANTS`); an unknown pose draws ``idle``. Side views face right.
    """
    if archetype not in DRAWERS:
        raise ValueError(f"unknown archetype {archetype!r}")
    if size < 8:
        raise ValueError(f"sprites are at least 8 px, not {size}")
    if pose not in FRAMES:
        pose = "idle"
    return _draw(archetype, size, pose, frame % FRAMES[pose], variant % VARIANTS)



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
