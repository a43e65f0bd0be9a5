"""Background layers per setting: sky and two silhouettes for scrollers, ground and what drifts
over it for shooters, the ground around the map for top-down views.

Layers tile seamlessly along the scroll axis: heights are sums of sines with whole numbers of
cycles across the layer, and every shape is drawn modulo the layer's size (:mod:`maestro.art.paint`),
so the runtime can repeat them at any parallax factor. A setting (:data:`maestro.art.scenery.TONES`)
picks what is drawn (rooftops, dunes, stalactites...); no setting keeps the plain hills and stars.
The style decides how: flat and pastel draw plain shapes, neon draws dark shapes with glowing rims,
Game Boy snaps every pixel to its four greens.
"""

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from maestro.art.aerial import GROUNDS, ground, overlay
from maestro.art.colour import RGB, luminance, mix, saturation, shade, tint
from maestro.art.paint import Painter, glow
from maestro.art.palette import Scheme
from maestro.art.scenery import SIDE, Look, draw_side, look_for
from maestro.art.tiles import s_snap
from maestro.rng import Rng
from maestro.spec import ArtStyle, Genre

Image = npt.NDArray[np.uint8]
SIDE_W, SIDE_H = 320, 240
SHOOTER_W, SHOOTER_H = 240, 320


@dataclass(frozen=True)
class Layer:
    #: What the layer is (sky, far, near, floor), or ``<theme>-<what>`` for a level theme's set:
    #: the file is ``bg-<name>.png``.
    name: str
    image: Image
    parallax: float
    axis: str


def layers(scheme: Scheme, genre: Genre, seed: int, setting: str | None = None) -> list[Layer]:
    """The background layers of ``genre`` in ``setting`` (None: the plain default), back to front."""
    rng = Rng(seed)
    look = look_for(scheme, setting)
    if genre in (Genre.PLATFORMER, Genre.RUNNER):
        if setting in SIDE:
            far, near = draw_side(setting, look, rng.fork("side", setting))
            made = [Layer("sky", _setting_sky(scheme, look, setting, SIDE_W, SIDE_H, rng.fork("sky")), 0.0, "x"),
                    Layer("far", _finish(scheme, look, far.image, far=True), 0.25, "x"),
                    Layer("near", _finish(scheme, look, near.image, far=False), 0.5, "x")]
        else:
            made = [
                Layer("sky", _sky(scheme), 0.0, "x"),
                Layer("far", _ridge(scheme, scheme.far, 0.45, 0.18, rng.fork("far"), jagged=True), 0.25, "x"),
                Layer("near", _ridge(scheme, scheme.near, 0.68, 0.10, rng.fork("near"), jagged=False), 0.5, "x"),
            ]
    elif genre == Genre.SHOOTER:
        made = _shooter(scheme, look, setting, rng)
    else:
        made = [Layer("floor", _floor(scheme, look, setting, rng.fork("floor")), 0.0, "x")]
    return [Layer(layer.name, s_snap(scheme, layer.image), layer.parallax, layer.axis) for layer in made]


# ---- skies ------------------------------------------------------------------------------------------

def _sky(scheme: Scheme, w: int = SIDE_W, h: int = SIDE_H, bands: int = 5) -> Image:
    image = np.zeros((h, w, 4), dtype=np.uint8)
    top = tint(scheme.background, 0.12) if scheme.background != scheme.far else scheme.background
    for band in range(bands):
        colour = scheme.snap(mix(top, scheme.background, band / max(1, bands - 1)))
        image[band * h // bands:(band + 1) * h // bands] = (*colour, 255)
    return image


def _gradient(top: RGB, bottom: RGB, w: int, h: int, bands: int) -> Image:
    image = np.zeros((h, w, 4), dtype=np.uint8)
    for band in range(bands):
        image[band * h // bands:(band + 1) * h // bands] = (*mix(top, bottom, band / max(1, bands - 1)), 255)
    return image


def _setting_sky(scheme: Scheme, k: Look, setting: str, w: int, h: int, rng: Rng) -> Image:
    """The static back of a setting: its sky's gradient and what hangs in it (the desert's sun,
    the sea's light rays, a planet, the city's moon)."""
    bands = 3 if k.plain else 6
    bottom = mix(k.sky, k.light, 0.3) if setting in ("lava", "desert") else k.sky
    p = Painter(w, h, wrap_x=True, wrap_y=False)
    p.image[...] = _gradient(k.sky_top, bottom, w, h, bands)
    dark = luminance(k.sky) < 0.25
    if setting == "desert":
        p.circle(w * 0.72, h * 0.22, 24, mix(k.light, k.sky, 0.1))
        if not k.plain:
            p.circle(w * 0.72, h * 0.22, 30, None)
            p.image[p.image[..., 3] == 0] = (*mix(k.light, k.sky, 0.6), 255)
            p.circle(w * 0.72, h * 0.22, 24, mix(k.light, k.sky, 0.1))
    elif setting == "water":
        ray = mix(k.sky_top, k.light, 0.18)
        for x in (30, 110, 200, 270):
            p.poly([(x, 0), (x + 22, 0), (x - 30, h), (x - 70, h)], ray)
    elif setting == "space" or (dark and setting in ("city", "ice", "castle", "swamp", "sky")):
        for _ in range(40 if setting == "space" else 18):
            x, y = rng.below(w), rng.below(h * 2 // 3)
            p.rect(x, y, x + 1, y + 1, mix(k.light, k.sky, 0.4))
        if setting == "space":
            p.ellipse(w * 0.3, h * 0.3, 40, 8, mix(k.accent, k.sky, 0.3))
            p.circle(w * 0.3, h * 0.3, 24, mix(k.accent, k.sky, 0.15))
            p.ellipse(w * 0.3, h * 0.3 + 4, 40, 4, mix(k.accent, k.sky, 0.3))
        else:
            p.circle(w * 0.78, h * 0.18, 14, mix(k.light, k.sky, 0.15))
    elif setting in ("sky", "garden", "castle", "ice") and not dark:
        p.circle(w * 0.8, h * 0.16, 14, mix(k.light, k.sky, 0.05) if setting != "ice" else tint(k.light, 0.5))
    elif setting == "lava":
        p.ellipse(w * 0.3, h * 0.2, 60, 14, mix(k.sky, k.deep, 0.4))
        p.ellipse(w * 0.75, h * 0.12, 50, 10, mix(k.sky, k.deep, 0.4))
    return _snap_all(scheme, p.image)


def _snap_all(scheme: Scheme, image: Image) -> Image:
    return s_snap(scheme, image) if scheme.limited else image


def _neon_edges(scheme: Scheme) -> tuple[RGB, RGB]:
    """The two most vivid palette colours that are not the background, for glowing rims."""
    vivid = sorted((c for c in scheme.base if c != scheme.background),
                   key=lambda c: -(saturation(c) + luminance(c)))
    first = vivid[0] if vivid else tint(scheme.background, 0.7)
    second = vivid[1] if len(vivid) > 1 else first
    return first, second


def _finish(scheme: Scheme, k: Look, image: Image, far: bool, wrap_y: bool = False) -> Image:
    """The style's last touch on a silhouette layer: neon rims and halo."""
    if not k.neon:
        return image
    near_edge, far_edge = _neon_edges(scheme)
    edge = mix(far_edge, k.sky, 0.3) if far else near_edge
    return glow(image, edge, mix(k.sky, edge, 0.35), wrap_x=True, wrap_y=wrap_y)


# ---- default side view ------------------------------------------------------------------------------

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
    if scheme.style == ArtStyle.NEON:
        near_edge, far_edge = _neon_edges(scheme)
        bright = mix(far_edge, scheme.background, 0.3) if jagged else near_edge
        image = glow(image, bright, mix(scheme.background, bright, 0.35))
    return image


# ---- shooter ----------------------------------------------------------------------------------------

def _shooter(scheme: Scheme, k: Look, setting: str | None, rng: Rng) -> list[Layer]:
    w, h = SHOOTER_W, SHOOTER_H
    if setting not in GROUNDS:
        far = _stars(scheme, rng.fork("far"), 40, 1)
        if k.neon:
            far = _grid(scheme, k, w, h)
        return [
            Layer("sky", _sky(scheme, w, h), 0.0, "y"),
            Layer("far", far, 0.3, "y"),
            Layer("near", _stars(scheme, rng.fork("near"), 14, 2), 0.7, "y"),
        ]
    sky = _setting_sky(scheme, k, setting, w, h, rng.fork("sky"))
    if setting in ("space", "sky", "water"):
        far_p = Painter(w, h, wrap_x=True, wrap_y=True)
        ground(far_p, setting, k, rng.fork("far"))
        far = far_p.image
    else:
        far = _ground_image(k, setting, w, h, rng.fork("far"), 1.0)
    near_p = Painter(w, h, wrap_x=True, wrap_y=True)
    overlay(near_p, setting, k, rng.fork("near"))
    near = near_p.image
    if k.neon:
        near = _finish(scheme, k, near, far=False, wrap_y=True)
    return [Layer("sky", sky, 0.0, "y"), Layer("far", far, 0.3, "y"), Layer("near", near, 0.7, "y")]


def _ground_image(k: Look, setting: str, w: int, h: int, rng: Rng, strength: float) -> Image:
    """The setting's ground, opaque, tiling both ways; under neon its shapes are dark with glowing rims."""
    details = Painter(w, h, wrap_x=True, wrap_y=True)
    ground(details, setting, k, rng, strength)
    image = np.zeros((h, w, 4), dtype=np.uint8)
    image[...] = (*k.far, 255)
    shapes = details.image
    if k.neon:
        shapes = glow(shapes, k.light, mix(k.far, k.light, 0.3), wrap_x=True, wrap_y=True)
    drawn = shapes[..., 3] > 0
    image[drawn] = shapes[drawn]
    return image


def _grid(scheme: Scheme, k: Look, w: int, h: int) -> Image:
    """Neon's own space: a glowing grid of lines, every 40 pixels (the layer's size is a multiple)."""
    _, line = _neon_edges(scheme)
    image = np.zeros((h, w, 4), dtype=np.uint8)
    halo = (*mix(scheme.background, line, 0.3), 255)
    bright = (*mix(scheme.background, line, 0.75), 255)
    for y in range(0, h, 40):
        image[[y - 1, y + 1]] = halo
    for x in range(20, w, 40):
        image[:, [x - 1, x + 1]] = halo
    for y in range(0, h, 40):
        image[y] = bright
    image[:, 20::40] = bright
    return image


def _stars(scheme: Scheme, rng: Rng, count: int, size: int) -> Image:
    image = np.zeros((SHOOTER_H, SHOOTER_W, 4), dtype=np.uint8)
    colour = scheme.snap(mix(scheme.background, scheme.eye, 0.55 if size == 1 else 0.85))
    for _ in range(count):
        x, y = rng.below(SHOOTER_W - size), rng.below(SHOOTER_H - size)
        image[y:y + size, x:x + size] = (*colour, 255)
    return image


# ---- top-down and puzzle ----------------------------------------------------------------------------

def _floor(scheme: Scheme, k: Look, setting: str | None, rng: Rng) -> Image:
    """What lies around the map: the setting's ground, quiet; without a setting, large plain squares
    a shade off the background (never an empty void around a pastel puzzle)."""
    if setting in GROUNDS:
        return _ground_image(k, setting, SIDE_W, SIDE_H, rng, 0.45)
    image = np.zeros((SIDE_H, SIDE_W, 4), dtype=np.uint8)
    a = scheme.snap(mix(scheme.background, scheme.terrain, 0.22))
    b = scheme.snap(mix(scheme.background, scheme.terrain, 0.3))
    image[...] = (*a, 255)
    ys, xs = np.mgrid[0:SIDE_H, 0:SIDE_W]
    image[((ys // 40) + (xs // 40)) % 2 == 1] = (*b, 255)
    return image
