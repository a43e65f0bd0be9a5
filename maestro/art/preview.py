"""``preview.png``: one picture a designer can judge the art by.

On top, a mock scene: the background layers stacked, a strip of the game's tiles, and the player
with every enemy standing on it. Below, a contact sheet of every frame at 3x, sprites first,
then tiles. No text: names are the game's to draw.
"""

import numpy as np
import numpy.typing as npt

from maestro.art.palette import Scheme

Image = npt.NDArray[np.uint8]
SCALE = 3
COLUMNS = 12
CELL = 34 * SCALE // 2 * 2


def over(base: Image, top: Image, x: int, y: int) -> None:
    """Alpha-composite ``top`` onto ``base`` at (x, y), clipped to ``base``; alpha is 0 or 255 here."""
    h, w = top.shape[:2]
    bh, bw = base.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(bw, x + w), min(bh, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    patch = top[y0 - y:y1 - y, x0 - x:x1 - x]
    opaque = patch[..., 3] > 0
    base[y0:y1, x0:x1][opaque] = patch[opaque]


def scene(scheme: Scheme, layers: list[Image], ground: Image, top: Image, actors: list[Image]) -> Image:
    h, w = layers[0].shape[:2]
    image = np.zeros((h, w, 4), dtype=np.uint8)
    image[...] = (*scheme.background, 255)
    for layer in layers:
        over(image, layer, 0, 0)
    floor_y = h - 32
    for x in range(0, w, 16):
        over(image, top, x, floor_y)
        over(image, ground, x, floor_y + 16)
    x = 12
    for actor in actors:
        over(image, actor, x, floor_y - actor.shape[0])
        x += actor.shape[1] + 8
        if x > w - 32:
            break
    return image


def contact_sheet(scheme: Scheme, frames: list[Image]) -> Image:
    rows = -(-len(frames) // COLUMNS)
    image = np.zeros((rows * CELL, COLUMNS * CELL, 4), dtype=np.uint8)
    image[...] = (*scheme.background, 255)
    for i, frame in enumerate(frames):
        big = frame.repeat(SCALE, axis=0).repeat(SCALE, axis=1)
        cx, cy = (i % COLUMNS) * CELL, (i // COLUMNS) * CELL
        over(image, big, cx + (CELL - big.shape[1]) // 2, cy + (CELL - big.shape[0]) // 2)
    return image


def stack(scheme: Scheme, top: Image, bottom: Image) -> Image:
    """The scene (at 2x) above the contact sheet, on the background colour."""
    top = top.repeat(2, axis=0).repeat(2, axis=1)
    width = max(top.shape[1], bottom.shape[1])
    out = np.zeros((top.shape[0] + bottom.shape[0], width, 4), dtype=np.uint8)
    out[...] = (*scheme.background, 255)
    over(out, top, (width - top.shape[1]) // 2, 0)
    over(out, bottom, 0, top.shape[0])
    return out
