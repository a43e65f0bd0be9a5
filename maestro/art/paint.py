"""A few flat shapes on an RGBA image that wraps around, for backgrounds that must tile.

Background layers repeat along their scroll axis, so a tree cut by the right edge has to go on at
the left one: a :class:`Painter` draws every shape modulo the image's size on its wrapping axes,
and any layout drawn through it tiles seamlessly. Shapes are opaque and hard-edged (no
anti-aliasing): pixel art, and flat colour areas that keep the PNGs small.
"""

import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from maestro.art.colour import RGB

Image = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
MaskFn = Callable[[Floats, Floats], Mask]


class Painter:
    """An RGBA image (transparent at first) and the shapes drawn on it, wrapping on ``wrap_x``/``wrap_y``."""

    def __init__(self, w: int, h: int, wrap_x: bool = True, wrap_y: bool = False) -> None:
        self.w, self.h = w, h
        self.wrap_x, self.wrap_y = wrap_x, wrap_y
        self.image: Image = np.zeros((h, w, 4), dtype=np.uint8)

    def _span(self, lo: float, hi: float, size: int, wrap: bool) -> tuple[npt.NDArray[np.int64], Floats]:
        """Pixel indices covering [lo, hi) (wrapped or clipped) and the coordinates of their centres."""
        first, last = math.floor(lo), math.ceil(hi)
        if not wrap:
            first, last = max(0, first), min(size, last)
        else:
            last = min(last, first + size)
        coords = np.arange(first, last, dtype=np.float64)
        index = (coords.astype(np.int64) % size) if wrap else coords.astype(np.int64)
        return index, coords + 0.5

    def shape(self, box: tuple[float, float, float, float], inside: MaskFn, colour: RGB | None) -> None:
        """Paint where ``inside(xs, ys)`` holds within ``box`` = (x0, y0, x1, y1); ``None`` cuts a hole."""
        x0, y0, x1, y1 = box
        cols, xs = self._span(x0, x1, self.w, self.wrap_x)
        rows, ys = self._span(y0, y1, self.h, self.wrap_y)
        if not len(cols) or not len(rows):
            return
        mask = inside(xs[None, :], ys[:, None])
        region = self.image[np.ix_(rows, cols)]
        region[mask] = (0, 0, 0, 0) if colour is None else (*colour, 255)
        self.image[np.ix_(rows, cols)] = region

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: RGB | None) -> None:
        self.shape((x0, y0, x1, y1), lambda xs, ys: np.ones(np.broadcast(xs, ys).shape, dtype=bool), colour)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, colour: RGB | None) -> None:
        rx, ry = max(rx, 0.5), max(ry, 0.5)
        self.shape((cx - rx, cy - ry, cx + rx, cy + ry),
                   lambda xs, ys: ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2 <= 1.0, colour)

    def circle(self, cx: float, cy: float, r: float, colour: RGB | None) -> None:
        self.ellipse(cx, cy, r, r, colour)

    def poly(self, points: Sequence[tuple[float, float]], colour: RGB | None) -> None:
        """A filled polygon (even-odd rule)."""
        px = [p[0] for p in points]
        py = [p[1] for p in points]

        def inside(xs: Floats, ys: Floats) -> Mask:
            xs, ys = np.broadcast_arrays(xs, ys)
            hit = np.zeros(xs.shape, dtype=bool)
            for i in range(len(points)):
                xa, ya, xb, yb = px[i], py[i], px[i - 1], py[i - 1]
                if ya == yb:
                    continue
                crosses = (ya > ys) != (yb > ys)
                at = xa + (ys - ya) * (xb - xa) / (yb - ya)
                hit ^= crosses & (xs < at)
            return hit

        self.shape((min(px), min(py), max(px), max(py)), inside, colour)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float, colour: RGB | None) -> None:
        """A straight stroke ``width`` pixels thick."""
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
        self.poly([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], colour)

    def tri(self, x: float, base: float, half: float, height: float, colour: RGB | None) -> None:
        """A triangle standing on ``base`` (its apex ``height`` above; negative hangs it down)."""
        self.poly([(x - half, base), (x + half, base), (x, base - height)], colour)

    def below(self, heights: Floats, colour: RGB, bottom: float | None = None) -> None:
        """Fill each column from its height (one value per column) down to ``bottom`` (the image's foot)."""
        rows = np.arange(self.h)[:, None] + 0.5
        foot = self.h if bottom is None else bottom
        mask = (rows >= heights[None, :]) & (rows < foot)
        self.image[mask] = (*colour, 255)

    def above(self, heights: Floats, colour: RGB) -> None:
        """Fill each column from the top down to its height: a ceiling."""
        rows = np.arange(self.h)[:, None] + 0.5
        self.image[rows < heights[None, :]] = (*colour, 255)


def waves(size: int, parts: Sequence[tuple[int, float, float]]) -> Floats:
    """A wrapping curve: the sum of ``amplitude * sin(2 pi cycles t / size + phase)`` over ``parts``
    = (cycles, amplitude, phase); whole cycles, so it ends where it begins."""
    t = np.arange(size, dtype=np.float64)
    out = np.zeros(size)
    for cycles, amplitude, phase in parts:
        out += amplitude * np.sin(2 * math.pi * cycles * t / size + phase)
    return out


def glow(image: Image, edge: RGB, halo: RGB, wrap_x: bool = True, wrap_y: bool = False) -> Image:
    """Neon: every shape's rim in ``edge`` and a one-pixel ``halo`` around it, drawn into the
    picture (cheaper on a phone than a blur each frame)."""
    solid = image[..., 3] > 0

    def moved(mask: Mask, dx: int, dy: int, beyond: bool) -> Mask:
        """``mask`` shifted by (dx, dy); what comes in from past a non-wrapping edge is ``beyond``."""
        out = np.roll(mask, (dy, dx), axis=(0, 1))
        if dy and not wrap_y:
            out[(0 if dy > 0 else -1)] = beyond
        if dx and not wrap_x:
            out[:, (0 if dx > 0 else -1)] = beyond
        return out

    steps = ((1, 0), (-1, 0), (0, 1), (0, -1))
    near = np.zeros_like(solid)
    inner = np.ones_like(solid)
    for dx, dy in steps:
        near |= moved(solid, dx, dy, False)
        inner &= moved(solid, dx, dy, True)  # the image's own edge is no rim
    rim = solid & ~inner
    out = image.copy()
    out[near & ~solid] = (*halo, 255)
    out[rim] = (*edge, 255)
    return out
