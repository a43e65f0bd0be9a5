"""Colour arithmetic the art stage needs: hex, luminance, contrast, shades.

Contrast is WCAG's ratio of relative luminances, the measure designers already know: 3:1 is the
floor for large shapes (sprites against the background), 4.5:1 for text.
"""

import colorsys

RGB = tuple[int, int, int]


def parse_hex(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(colour: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: RGB) -> float:
    r, g, b = colour
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1.0 (same) to 21.0 (black on white)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``a`` moved fraction ``t`` toward ``b``."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def shade(colour: RGB, t: float) -> RGB:
    return mix(colour, (0, 0, 0), t)


def tint(colour: RGB, t: float) -> RGB:
    return mix(colour, (255, 255, 255), t)


def saturation(colour: RGB) -> float:
    return colorsys.rgb_to_hsv(*(c / 255 for c in colour))[1]


def hue(colour: RGB) -> float:
    return colorsys.rgb_to_hsv(*(c / 255 for c in colour))[0]


def hue_distance(a: RGB, b: RGB) -> float:
    """Distance on the colour wheel, 0 to 0.5; greys count as far from everything saturated."""
    if saturation(a) < 0.15 or saturation(b) < 0.15:
        return 0.5 if abs(saturation(a) - saturation(b)) > 0.15 else 0.0
    d = abs(hue(a) - hue(b))
    return min(d, 1 - d)


def ensure_contrast(colour: RGB, against: RGB, ratio: float) -> RGB:
    """``colour``, shaded or tinted (away from ``against``) just enough to reach ``ratio``."""
    if contrast(colour, against) >= ratio:
        return colour
    toward: RGB = (0, 0, 0) if luminance(against) > 0.18 else (255, 255, 255)
    for step in range(1, 21):
        candidate = mix(colour, toward, step / 20)
        if contrast(candidate, against) >= ratio:
            return candidate
    return toward
