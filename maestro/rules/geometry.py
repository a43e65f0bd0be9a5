"""Fixed-point units, boxes and scripted motion shared by every genre's rules.

``SUB`` sub-pixels make a pixel. Boxes are ``(x, y, w, h)`` in sub-pixels with ``x, y`` the
top-left corner; two boxes touch when they overlap by at least one sub-pixel.
"""

from maestro.labyrinth.model import Motion

SUB = 256


def overlaps(ax: int, ay: int, aw: int, ah: int, bx: int, by: int, bw: int, bh: int) -> bool:
    """Whether two boxes overlap (touching edges do not count)."""
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def motion_segments(motion: Motion) -> int:
    points = len(motion.path)
    return 2 * (points - 1) if motion.mode == "pingpong" else points


def motion_at(motion: Motion, step: int) -> tuple[int, int]:
    """Top-left position (sub-pixels) of an entity following ``motion`` at ``step``.

    The cycle of ``period`` steps is split evenly between the path's segments (``pingpong``:
    there and back; ``loop``: back to the first point at the end), each walked at constant speed.
    Generators pick periods that divide evenly; a remainder is spent standing on the first point.
    """
    points = motion.path
    segments = motion_segments(motion)
    per_segment = max(1, motion.period // segments)
    phase = (step + motion.offset) % motion.period
    segment = phase // per_segment
    if segment >= segments:
        return points[0].x * SUB, points[0].y * SUB
    within = phase % per_segment
    count = len(points)
    if motion.mode == "pingpong":
        start = segment if segment < count - 1 else 2 * (count - 1) - segment
        end = start + 1 if segment < count - 1 else start - 1
    else:
        start, end = segment, (segment + 1) % count
    a, b = points[start], points[end]
    x = a.x * SUB + ((b.x - a.x) * SUB * within) // per_segment
    y = a.y * SUB + ((b.y - a.y) * SUB * within) // per_segment
    return x, y
