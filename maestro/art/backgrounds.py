"""Background layers: sky, far and near silhouettes for scrollers, a starfield for shooters.

Layers tile seamlessly along the scroll axis (heights are sums of sines with whole numbers of
cycles across the layer), so the runtime can repeat them at any parallax factor.
"""

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from maestro.art.colour import RGB, mix, shade, tint
from maestro.art.palette import Scheme
from maestro.rng import Rng
from maestro.spec import Genre

Image = npt.NDArray[np.uint8]
SIDE_W, SIDE_H = 320, 240
SHOOTER_W, SHOOTER_H = 240, 320


@dataclass(frozen=True)
class Layer:
    name: str
    image: Image
    parallax: float
    axis: str


def layers(scheme: Scheme, genre: Genre, seed: int) -> list[Layer]:
    rng = Rng(seed)
    if genre in (Genre.PLATFORMER, Genre.RUNNER):
        return [
            Layer("sky", _sky(scheme), 0.0, "x"),
            Layer("far", _ridge(scheme, scheme.far, 0.45, 0.18, rng.fork("far"), jagged=True), 0.25, "x"),
            Layer("near", _ridge(scheme, scheme.near, 0.68, 0.10, rng.fork("near"), jagged=False), 0.5, "x"),
        ]
    if genre == Genre.SHOOTER:
        return [
            Layer("sky", _sky(scheme, SHOOTER_W, SHOOTER_H), 0.0, "y"),
            Layer("far", _stars(scheme, rng.fork("far"), 40, 1), 0.3, "y"),
            Layer("near", _stars(scheme, rng.fork("near"), 14, 2), 0.7, "y"),
        ]
    return [Layer("floor", _sky(scheme, SIDE_W, SIDE_H, bands=1), 0.0, "x")]


def _sky(scheme: Scheme, w: int = SIDE_W, h: int = SIDE_H, bands: int = 5) -> Image:
    image = np.zeros((h, w, 4), dtype=np.uint8)
    top = tint(scheme.background, 0.12) if scheme.background != scheme.far else scheme.background
    for band in range(bands):
        colour = scheme.snap(mix(top, scheme.background, band / max(1, bands - 1)))
        image[band * h // bands:(band + 1) * h // bands] = (*colour, 255)
    return image


def _ridge(scheme: Scheme, colour: RGB, base: float, amplitude: float, rng: Rng, jagged: bool) -> Image:
    w, h = SIDE_W, SIDE_H
    x = np.arange(w)
    height = np.full(w, base * h)
    for cycles in (1, 2, 3, 5) if jagged else (1, 2, 4):
        phase = rng.below(1000) / 1000 * 2 * math.pi
        height += amplitude * h / cycles * np.sin(2 * math.pi * cycles * x / w + phase)
    if jagged:
        height += np.where((x // 8) % 2 == 0, 2, -2)
    top = np.clip(height.astype(int), 0, h - 1)
    image = np.zeros((h, w, 4), dtype=np.uint8)
    rows = np.arange(h)[:, None]
    inside = rows >= top[None, :]
    image[inside] = (*scheme.snap(colour), 255)
    edge = rows == top[None, :]
    image[edge] = (*scheme.snap(tint(colour, 0.2) if jagged else shade(colour, 0.15)), 255)
    return image


def _stars(scheme: Scheme, rng: Rng, count: int, size: int) -> Image:
    image = np.zeros((SHOOTER_H, SHOOTER_W, 4), dtype=np.uint8)
    colour = scheme.snap(mix(scheme.background, scheme.eye, 0.55 if size == 1 else 0.85))
    for _ in range(count):
        x, y = rng.below(SHOOTER_W - size), rng.below(SHOOTER_H - size)
        image[y:y + size, x:x + size] = (*colour, 255)
    return image
