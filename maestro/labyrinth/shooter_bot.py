"""A deterministic pilot that plays a shooter level through the rules model: the shooter's solver.

Every few steps it looks at the simulated state, predicts where each enemy bullet (and each enemy
body near the ship) will be over a short horizon along its straight path, and weighs the nine
moves (eight directions or still) held for that horizon: it takes the move that stays clear the
longest and, among clear ones, the one that ends closest to its aim point: under a falling power-up
(met no higher than mid-field) while one is on the playfield, else under the nearest low enemy, led
by the time a bullet needs to get there, at the ship's home row. It fires always. It presses
SECONDARY for one decision (a bomb, while any are left; never across two decisions in a row, so
each press is a fresh one) when no move is clear and a hit is due within ``BOMB_WITHIN`` steps,
when the boss on screen enters its last phase, or when ``CROWD`` enemies are on the playfield and it
still has a bomb to spare.
The masks it played are the proof, once :func:`maestro.rules.shooter.replay` agrees.
"""

from maestro.level import LevelFile
from maestro.rules.geometry import SUB
from maestro.rules.inputs import ACTION, DOWN, LEFT, RIGHT, SECONDARY, UP
from maestro.rules.shooter import PHASES, State, Tuning, position, step

#: Steps ahead the pilot checks for collisions.
HORIZON = 20
#: Steps a decision is held for.
DECIDE_EVERY = 3
#: Extra sub-pixels around the hitbox the pilot keeps clear, for safety.
MARGIN = 2 * SUB
#: A hit predicted within this many steps with no clear move sets a bomb off.
BOMB_WITHIN = 6
#: Enemies on the playfield that make a crowd worth a bomb (one is always kept for emergencies).
CROWD = 6

_HORIZONTAL = (LEFT, 0, RIGHT)
_VERTICAL = (UP, 0, DOWN)

Threat = tuple[int, int, int, int, int, int]


class Pilot:
    """The policy, with the level's constants worked out once."""

    def __init__(self, level: LevelFile, tuning: Tuning) -> None:
        self.tu = tuning
        self.home_y = level.player.y * SUB
        self.max_x = (tuning.field_w - tuning.player_w) * SUB
        self.max_y = (tuning.field_h - tuning.player_h) * SUB
        inset = tuning.player_hit_inset * SUB - MARGIN
        self.inset = inset
        self.hit_w = tuning.player_w * SUB - 2 * inset
        self.hit_h = tuning.player_h * SUB - 2 * inset
        self.reach = HORIZON * tuning.player_speed
        self.bombed = False
        self.boss_bombed = False

    def decide(self, s: State) -> int:
        """The mask to hold for the next ``DECIDE_EVERY`` steps."""
        aim_x, aim_y = self._goal(s)
        xs = [self._track(s.x, d, self.max_x) for d in (-1, 0, 1)]
        ys = [self._track(s.y, d, self.max_y) for d in (-1, 0, 1)]
        hit = self._first_hits(s, xs, ys)
        best, best_key = 4, (2, 0, 0)
        for r in range(3):
            for c in range(3):
                i = r * 3 + c
                ship_x, ship_y = xs[c][DECIDE_EVERY] - self.inset, ys[r][DECIDE_EVERY] - self.inset
                cost = abs(ship_x - aim_x) + abs(ship_y - aim_y)
                key = (0, 0, cost) if hit[i] > HORIZON else (1, -hit[i], cost)
                if key < best_key:
                    best, best_key = i, key
        mask = ACTION | _HORIZONTAL[best % 3] | _VERTICAL[best // 3]
        bomb = self._bomb(s, best_key[0] == 1 and hit[best] <= BOMB_WITHIN)
        self.bombed = bomb
        return mask | SECONDARY if bomb else mask

    def _bomb(self, s: State, cornered: bool) -> bool:
        """Whether to set a bomb off now: cornered, a boss entering its last phase, or a crowd (with one to spare)."""
        if s.bombs <= 0 or self.bombed:
            return False
        on_field = [e for e in s.enemies if e.entered]
        if not self.boss_bombed and any(e.boss and e.stage == PHASES - 1 for e in on_field):
            self.boss_bombed = True
            return True
        return cornered or (len(on_field) >= CROWD and s.bombs > 1)

    def _goal(self, s: State) -> tuple[int, int]:
        """Where the ship heads: under the lowest falling power-up above it, else lined up with an enemy at home."""
        tu = self.tu
        half_w, half_h = tu.player_w * SUB // 2, tu.player_h * SUB // 2
        below = [p for p in s.pickups if p[1] < s.y + half_h]
        if below:
            x, y, _ = max(below, key=lambda p: p[1])
            goal_x = min(max(x + tu.pickup_w * SUB // 2 - half_w, 0), self.max_x)
            return goal_x, max(y, tu.field_h * SUB // 2)
        return self._aim(s), self.home_y

    def _track(self, start: int, direction: int, limit: int) -> list[int]:
        """Hitbox edge (left or top) after 0..HORIZON steps of moving ``direction`` along one axis."""
        speed = self.tu.player_speed * direction
        return [min(max(start + k * speed, 0), limit) + self.inset for k in range(HORIZON + 1)]

    def _aim(self, s: State) -> int:
        """Ship x that lines a shot up with the chosen enemy where it will be when the shot arrives."""
        tu = self.tu
        half = tu.player_w * SUB // 2
        best_x, best_score = (tu.field_w * SUB) // 2 - half, -1
        for e in s.enemies:
            bottom = e.y + e.h
            if not e.entered or e.y + e.h // 2 < 0 or bottom > s.y:
                continue
            travel = (s.y - bottom) // tu.bullet_speed + 1
            x, _ = position(e, s.step - e.start + travel, tu)
            centre = x + e.w // 2
            score = abs(centre - s.x - half) + (s.y - bottom) // 2
            if best_score < 0 or score < best_score:
                best_x, best_score = centre - half, score
        return min(max(best_x, 0), self.max_x)

    def _threats(self, s: State) -> list[Threat]:
        """Bullets and bodies that could reach the ship within the horizon, with their velocities."""
        tu = self.tu
        x0, x1 = s.x - self.reach + self.inset, s.x + self.reach + self.inset + self.hit_w
        y0, y1 = s.y - self.reach + self.inset, s.y + self.reach + self.inset + self.hit_h
        bw, bh = tu.enemy_bullet_w * SUB, tu.enemy_bullet_h * SUB
        found: list[Threat] = []
        for b in s.bullets:
            if _sweeps(b.x, b.vx, bw, x0, x1) and _sweeps(b.y, b.vy, bh, y0, y1):
                found.append((b.x, b.y, b.vx, b.vy, bw, bh))
        for e in s.enemies:
            t = s.step - e.start
            nx, ny = position(e, t, tu)
            vx, vy = nx - e.x, ny - e.y
            if _sweeps(e.x, vx, e.w, x0, x1) and _sweeps(e.y, vy, e.h, y0, y1):
                found.append((e.x, e.y, vx, vy, e.w, e.h))
        return found

    def _first_hits(self, s: State, xs: list[list[int]], ys: list[list[int]]) -> list[int]:
        """For each of the nine moves, the first step within the horizon it would be hit (HORIZON + 1: never)."""
        hit = [HORIZON + 1] * 9
        hw, hh = self.hit_w, self.hit_h
        first = s.invuln + 1
        for tx, ty, tvx, tvy, tw, th in self._threats(s):
            for k in range(first, HORIZON + 1):
                by = ty + tvy * k
                ymask = 0
                for r in range(3):
                    top = ys[r][k]
                    if top < by + th and by < top + hh:
                        ymask |= 1 << r
                if not ymask:
                    continue
                bx = tx + tvx * k
                for c in range(3):
                    left = xs[c][k]
                    if left < bx + tw and bx < left + hw:
                        for r in range(3):
                            if ymask >> r & 1 and hit[r * 3 + c] > k:
                                hit[r * 3 + c] = k
        return hit


def _sweeps(start: int, velocity: int, size: int, low: int, high: int) -> bool:
    """Whether a box moving along one axis for the horizon covers any of ``[low, high)``."""
    end = start + velocity * HORIZON
    return min(start, end) < high and low < max(start, end) + size


def play(level: LevelFile, max_steps: int) -> list[int] | None:
    """The masks of a run that completes ``level``, or None if the pilot loses or runs out of time."""
    s = State(level)
    pilot = Pilot(level, s.tuning)
    masks: list[int] = []
    mask = ACTION
    while s.step < max_steps:
        if s.step % DECIDE_EVERY == 0:
            mask = pilot.decide(s)
        step(s, mask)
        masks.append(mask)
        if s.failed:
            return None
        if s.completed:
            return masks
    return None
