"""Pack frames into one texture atlas and say where each one is.

Shelf packing (tallest first, then in the order given) into a 256-pixel-wide sheet with a
1-pixel gutter, so nearest-neighbour sampling never bleeds one frame into the next. The order is
fully determined by the input, so the same frames always give the same bytes.
"""

import io
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image as PILImage

Image = npt.NDArray[np.uint8]
WIDTH = 256
GUTTER = 1


@dataclass(frozen=True)
class Placed:
    x: int
    y: int
    w: int
    h: int


def pack(frames: list[tuple[str, Image]], width: int = WIDTH) -> tuple[Image, dict[str, Placed]]:
    order = sorted(range(len(frames)), key=lambda i: -frames[i][1].shape[0])
    placed: dict[str, Placed] = {}
    x = y = shelf = 0
    for i in order:
        key, image = frames[i]
        h, w = image.shape[:2]
        if x + w > width:
            x, y, shelf = 0, y + shelf + GUTTER, 0
        placed[key] = Placed(x, y, w, h)
        x += w + GUTTER
        shelf = max(shelf, h)
    height = -(-(y + shelf) // 16) * 16
    sheet = np.zeros((max(16, height), width, 4), dtype=np.uint8)
    for key, image in frames:
        spot = placed[key]
        sheet[spot.y:spot.y + spot.h, spot.x:spot.x + spot.w] = image
    return sheet, placed


def png(image: Image) -> bytes:
    """PNG bytes with no metadata (no timestamps), so equal pixels give equal files."""
    buffer = io.BytesIO()
    PILImage.fromarray(image, "RGBA").save(buffer, "PNG", compress_level=9)
    return buffer.getvalue()
