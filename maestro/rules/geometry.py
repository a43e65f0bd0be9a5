"""Fixed-point units, boxes and scripted motion shared by every genre's rules.

``SUB`` sub-pixels make a pixel. Boxes are ``(x, y, w, h)`` in sub-pixels with ``x, y`` the
top-left corner; two boxes touch when they overlap by at least one sub-pixel.
"""

from dataclasses import dataclass, field

from maestro.level import Entity, Motion

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


@dataclass(slots=True)
class Actor:
    """A level entity as every genre's rules see it: its box in sub-pixels and the path it follows.

    ``span`` (left, top, right, bottom over the whole path) lets a step skip actors that cannot be
    near the player, without changing what the step finds.
    """

    id: str
    kind: str
    name: str
    x: int
    y: int
    w: int
    h: int
    motion: Motion | None = None
    points: int = 0
    hp: int = 1
    span: tuple[int, int, int, int] = field(init=False)

    def __post_init__(self) -> None:
        if self.motion is None:
            self.span = (self.x, self.y, self.x + self.w, self.y + self.h)
        else:
            xs = [point.x * SUB for point in self.motion.path]
            ys = [point.y * SUB for point in self.motion.path]
            self.span = (min(xs), min(ys), max(xs) + self.w, max(ys) + self.h)

    @classmethod
    def of(cls, entity: Entity, moving: bool = True) -> "Actor":
        """From a level file's entity (pixels); ``moving=False`` pins it to its file position."""
        return cls(entity.id, entity.kind, entity.name, entity.x * SUB, entity.y * SUB, entity.w * SUB,
                   entity.h * SUB, entity.motion if moving else None, entity.points, entity.hp)

    def at(self, step: int) -> tuple[int, int]:
        """Top-left (sub-pixels) at ``step``."""
        if self.motion is None:
            return self.x, self.y
        return motion_at(self.motion, step)

    def box_at(self, step: int) -> tuple[int, int, int, int]:
        x, y = self.at(step)
        return x, y, self.w, self.h

    def cell(self, tile: int) -> tuple[int, int]:
        """Tile (of ``tile`` sub-pixels) holding the centre of the box at its file position."""
        return (self.x + self.w // 2) // tile, (self.y + self.h // 2) // tile
