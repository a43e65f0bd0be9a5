/*
  genres/shooter.js — the vertical scrolling shoot 'em up: maestro/rules/shooter.py ported bit for
  bit, plus its drawing.
    Maestro.genres.shooter.load(level)    a new simulation from a level file (constants and the
                                          sine / direction tables from level.rules, the timeline
                                          from level.waves)
    Maestro.genres.shooter.step(sim, m)   one step of the rules: move and fire, spawn, enemies and
                                          their fire, enemy bullets, player shots, harm
    Maestro.genres.shooter.trace(sim)     the ship's top-left in sub-pixels (cross-check)
    Maestro.genres.shooter.player(sim)    the ship's top-left in whole pixels
    Maestro.genres.shooter.stats(sim)     the run's tallies, as the Python model's stats()
    Maestro.genres.shooter.sinAt(u, ...)  the table sine the enemy patterns use
    Maestro.genres.shooter.aim(...)       the direction index aimed fire picks
    Maestro.genres.shooter.view           the 240 x 320 portrait playfield
    Maestro.genres.shooter.draw(sim, gfx) starfield, enemies (a boss tinted by phase), shots,
                                          pickups, the ship (ringed while shielded), enemy
                                          bullets, a bomb's flash and ring, and a bottom HUD
                                          strip: bombs left, the multiplier, the power-up held
    Maestro.genres.shooter.boss(sim)      the boss for the engine's HUD bar
    Maestro.genres.shooter.status(sim)    {enemies, kills, bombs, power, multiplier, bullets}
  The shooter counts lives itself: sim.lives is what is left, sim.failed is set (to the reason)
  only once they are all gone; sim.done once every spawn has entered and no enemy is left.
  Units: positions and speeds in sub-pixels (Maestro.SUB to a pixel), sizes in pixels, times in
  steps. Every division is floor division and every modulo is taken non-negative, as in Python.
  Constants are read with Maestro.readRules, input bits from Maestro.BITS (rules.js).
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });
Maestro.genres = Maestro.genres || {};

(function () {
  const { left: LEFT, right: RIGHT, up: UP, down: DOWN, action: ACTION, secondary: SECONDARY } = Maestro.BITS;
  const DIRECTIONS = 16;
  const SCALE = 256;
  /** Power-up kinds (sim.power, a spawn's `drop`, a pickup's kind) and their names ("" for none). */
  const SPREAD = 1, RAPID = 2, SHIELD = 3;
  const POWER_NAMES = ["", "spread", "rapid", "shield"];
  /** Boss phases, and the per-phase fire params in the order a phase's fire array holds them. */
  const PHASES = 3;
  const PHASE_KEYS = ["fire", "fire_alt", "fire_every", "bullet_speed", "spread"];
  /** Drawing only: steps a bomb's flash lasts, and each pickup's colour and letter. */
  const FLASH_STEPS = 30;
  const PICKUP_LOOK = { 1: ["#7fd4ff", "S"], 2: ["#ffd84a", "R"], 3: ["#6cf08a", "O"] };

  /** Every constant of maestro.rules.shooter.Tuning, in field order, with its type (Maestro.readRules). */
  const TUNING_FIELDS = {
    field_w: "int", field_h: "int", player_w: "int", player_h: "int", player_hit_inset: "int",
    player_speed: "int", fire_every: "int", bullet_w: "int", bullet_h: "int", bullet_speed: "int",
    bullet_damage: "int", enemy_bullet_w: "int", enemy_bullet_h: "int", enemy_bullet_cap: "int",
    enter_timeout: "int", hover_linger: "int", leave_speed: "int", invuln: "int", lives: "int",
    contact_destroys_enemy: "bool", bombs: "int", bomb_damage: "int", bomb_invuln: "int", pickup_w: "int",
    pickup_h: "int", pickup_speed: "int", spread_vx: "int", rapid_fire_every: "int", multiplier_every: "int",
    multiplier_max: "int", turn: "int", sine: "ints", dir_x: "ints", dir_y: "ints",
  };
  /** Params that read 1 rather than 0 when missing (they divide); they also read at least 1. */
  const ONE_DEFAULTS = ["period", "arc", "fire_every", "spread"];

  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  /** Python floor division. */
  const fdiv = (a, b) => Math.floor(a / b);
  /** Python modulo (the sign of the divisor). */
  const pmod = (a, n) => ((a % n) + n) % n;

  /** Play a sound effect if the audio module is there; never affects the simulation. */
  function sfx(name) {
    try {
      Maestro.audio?.sfx?.(name);
    } catch (e) {
      // sound is decoration: a failing effect must not stop the game
    }
  }

  /**
   * Sine of angle `u` (1/`turn` of a turn), scaled by 256, linearly interpolated in `sine`:
   * maestro/rules/shooter.py sin_at.
   */
  function sinAt(u, sine, turn) {
    const samples = sine.length;
    const span = fdiv(turn, samples);
    u = pmod(u, turn);
    const i = fdiv(u, span);
    const a = sine[i];
    return a + fdiv((sine[(i + 1) % samples] - a) * (u % span), span);
  }

  /**
   * The fire of each boss phase, [fire, fire_alt, fire_every, bullet_speed, spread]: phase 1 from the
   * plain params, later ones from `<key>_<n>` or the phase before (shooter.py phase_fires).
   */
  function phaseFires(p) {
    const get = (name, fallback) => (own(p, name) ? p[name] : fallback);
    const first = PHASE_KEYS.map((key) => get(key, 0));
    first[2] = Math.max(1, get("fire_every", 1));
    first[4] = Math.max(1, get("spread", 1));
    const fires = [first];
    for (let n = 2; n <= PHASES; n++) {
      const before = fires[fires.length - 1];
      const values = PHASE_KEYS.map((key, i) => get(`${key}_${n}`, before[i]));
      values[2] = Math.max(1, values[2]);
      values[4] = Math.max(1, values[4]);
      fires.push(values);
    }
    return fires;
  }

  /** A boss's phase (0-based) for `hp` left of `maxHp`: thirds (shooter.py phase_of). */
  function phaseOf(hp, maxHp) {
    if (3 * hp > 2 * maxHp) return 0;
    return 3 * hp > maxHp ? 1 : 2;
  }

  /** Set enemy `e`'s fire fields to those of its phase `stage`. */
  function arm(e, stage) {
    e.stage = stage;
    [e.fire, e.fire_alt, e.fire_every, e.bullet_speed, e.spread] = e.fires[stage];
  }

  /** Enemy `e` loses `amount` hp; a boss moves to the phase its hp now calls for (Enemy.damage). */
  function damage(e, amount) {
    e.hp -= amount;
    if (e.boss) arm(e, phaseOf(e.hp, e.maxHp));
  }

  /** A live enemy from a spawn entering on step `start` (positions and sizes in sub-pixels). */
  function makeEnemy(spawn, start) {
    const SUB = Maestro.SUB;
    const p = spawn.params || {};
    const get = (name) => (own(p, name) ? p[name] : 0);
    const ones = {};
    for (const name of ONE_DEFAULTS) ones[name] = Math.max(1, own(p, name) ? p[name] : 1);
    const e = {
      name: spawn.name,
      pattern: spawn.pattern,
      boss: !!spawn.boss,
      start: start,
      x0: spawn.x * SUB, x: spawn.x * SUB,
      y0: spawn.y * SUB, y: spawn.y * SUB,
      w: spawn.w * SUB,
      h: spawn.h * SUB,
      hp: spawn.hp,
      maxHp: spawn.hp,
      points: spawn.points,
      entered: false,
      vx: get("vx"),
      vy: get("vy"),
      period: ones.period,
      amp: get("amp"),
      amp_y: get("amp_y"),
      phase: get("phase"),
      dive: get("dive"),
      radius: get("radius"),
      arc: ones.arc,
      dir: get("dir"),
      hold: get("hold"),
      fire_delay: get("fire_delay"),
      drop: get("drop"),
      fires: spawn.boss ? phaseFires(p) : phaseFires(p).slice(0, 1),
    };
    arm(e, 0);
    return e;
  }

  /** Top-left [x, y] (sub-pixels) of the swoop pattern at `t`. */
  function swoop(e, t, tu) {
    if (t < e.dive) return [e.x0, e.y0 + e.vy * t];
    const bottom = e.y0 + e.vy * e.dive;
    if (t < e.dive + e.arc) {
      const a = fdiv((t - e.dive) * fdiv(tu.turn, 2), e.arc);
      const cos = sinAt(a + fdiv(tu.turn, 4), tu.sine, tu.turn);
      const x = e.x0 + e.dir * (e.radius - fdiv(e.radius * cos, SCALE));
      return [x, bottom + fdiv(e.radius * sinAt(a, tu.sine, tu.turn), SCALE)];
    }
    return [e.x0 + e.dir * 2 * e.radius, bottom - e.vy * (t - e.dive - e.arc)];
  }

  /** Top-left [x, y] (sub-pixels) of enemy `e` at `t` steps after it entered: shooter.py position. */
  function position(e, t, tu) {
    const pattern = e.pattern;
    if (pattern === "straight") return [e.x0 + e.vx * t, e.y0 + e.vy * t];
    if (pattern === "zigzag") {
      const m = pmod(t, 2 * e.period);
      const tri = m < e.period ? m : 2 * e.period - m;
      return [e.x0 + e.vx * tri, e.y0 + e.vy * t];
    }
    if (pattern === "sine") {
      const u = fdiv(t * tu.turn, e.period) + e.phase;
      return [e.x0 + fdiv(e.amp * sinAt(u, tu.sine, tu.turn), SCALE), e.y0 + e.vy * t];
    }
    if (pattern === "swoop") return swoop(e, t, tu);
    if (t < e.hold) return [e.x0, e.y0 + e.vy * t];
    if (pattern === "hover" && t > e.hold + tu.hover_linger) {   // done lingering: up and out of the top
      const left = fdiv(tu.hover_linger * tu.turn, e.period) + e.phase;
      return [e.x0 + fdiv(e.amp * sinAt(left, tu.sine, tu.turn), SCALE),
        e.y0 + e.vy * e.hold - tu.leave_speed * (t - e.hold - tu.hover_linger)];
    }
    const u = fdiv((t - e.hold) * tu.turn, e.period) + e.phase;
    const x = e.x0 + fdiv(e.amp * sinAt(u, tu.sine, tu.turn), SCALE);
    let y = e.y0 + e.vy * e.hold;
    if (pattern === "boss") y += fdiv(e.amp_y * sinAt(2 * u, tu.sine, tu.turn), SCALE);
    return [x, y];
  }

  /** Index of the direction closest to (dx, dy): the largest dot product, the first on ties. */
  function aim(dx, dy, tu) {
    let best = 0;
    let bestDot = dx * tu.dir_x[0] + dy * tu.dir_y[0];
    for (let i = 1; i < tu.dir_x.length; i++) {
      const dot = dx * tu.dir_x[i] + dy * tu.dir_y[i];
      if (dot > bestDot) {
        best = i;
        bestDot = dot;
      }
    }
    return best;
  }

  /** Recompute sim.done and sim.failed from the state (shooter.py completed / failed / _reason). */
  function settle(sim) {
    sim.failed = sim.lives <= 0 ? `lost the last life: ${sim.lastHit}` : "";
    sim.done = sim.lives > 0 && sim.nextSpawn === sim.schedule.length && sim.enemies.length === 0;
  }

  /** A new simulation of `level` (a parsed level file) at step 0. */
  function load(level) {
    const SUB = Maestro.SUB;
    const tu = Maestro.readRules(level.rules, TUNING_FIELDS);
    if (tu.multiplier_every < 1 || tu.multiplier_max < 1) {
      throw new Error("rules.multiplier_every and rules.multiplier_max must be at least 1");
    }
    const timed = [];
    for (const wave of level.waves || []) {
      for (const spawn of wave.spawns) timed.push([wave.at + spawn.delay, spawn]);
    }
    timed.sort((a, b) => a[0] - b[0]); // stable (ES2019), as Python's sort
    const sim = {
      tuning: tu,
      schedule: timed,
      nextSpawn: 0,
      step: 0,
      x: level.player.x * SUB,
      y: level.player.y * SUB,
      cooldown: 0,
      invuln: 0,
      lives: tu.lives,
      livesLost: 0,
      score: 0,
      shots: [],      // [x, y, vx]
      enemies: [],
      bullets: [],
      pickups: [],    // [x, y, kind]
      bombs: tu.bombs,
      power: 0,
      multiplier: 1,
      streak: 0,
      previousMask: 0,
      bombStep: -1,   // the step the last bomb went off: draw() flashes from it
      fired: 0,
      enemyFired: 0,
      kills: 0,
      escaped: 0,
      bossesDestroyed: 0,
      bombsUsed: 0,
      pickupsTaken: 0,
      shieldsUsed: 0,
      bestMultiplier: 1,
      lastHit: "",
      done: false,
      failed: "",
    };
    settle(sim);
    return sim;
  }

  /** Step 1 and 2: move the ship (clamped to the playfield), cool the gun, fire (three shots with spread). */
  function movePlayer(sim, tu, mask) {
    const SUB = Maestro.SUB;
    const speed = tu.player_speed;
    const hx = (mask & RIGHT ? 1 : 0) - (mask & LEFT ? 1 : 0);
    const hy = (mask & DOWN ? 1 : 0) - (mask & UP ? 1 : 0);
    sim.x = Math.min(Math.max(sim.x + hx * speed, 0), (tu.field_w - tu.player_w) * SUB);
    sim.y = Math.min(Math.max(sim.y + hy * speed, 0), (tu.field_h - tu.player_h) * SUB);
    if (sim.cooldown > 0) sim.cooldown -= 1;
    if (mask & ACTION && sim.cooldown === 0) {
      const x = sim.x + fdiv((tu.player_w - tu.bullet_w) * SUB, 2), y = sim.y - tu.bullet_h * SUB;
      sim.shots.push([x, y, 0]);
      if (sim.power === SPREAD) {
        sim.shots.push([x, y, -tu.spread_vx]);
        sim.shots.push([x, y, tu.spread_vx]);
      }
      sim.cooldown = sim.power === RAPID ? tu.rapid_fire_every : tu.fire_every;
      sim.fired += 1;
      sfx("shoot");
    }
  }

  /** Step 3: a bomb clears the enemy bullets, hits every enemy on the playfield, grants invulnerability. */
  function bomb(sim, tu) {
    sim.bombs -= 1;
    sim.bombsUsed += 1;
    sim.bombStep = sim.step;
    sim.bullets = [];
    for (const e of sim.enemies.slice()) {
      if (!e.entered) continue;
      damage(e, tu.bomb_damage);
      if (e.hp <= 0) destroy(sim, tu, e);
    }
    sim.invuln = Math.max(sim.invuln, tu.bomb_invuln);
    sfx("explosion");
  }

  /** Step 4: append every enemy due on this step, in schedule order. */
  function spawn(sim) {
    const schedule = sim.schedule;
    while (sim.nextSpawn < schedule.length && schedule[sim.nextSpawn][0] <= sim.step) {
      sim.enemies.push(makeEnemy(schedule[sim.nextSpawn][1], sim.step));
      sim.nextSpawn += 1;
    }
  }

  /** One volley of enemy `e` (its number `volley`): shooter.py _fire. */
  function fire(sim, tu, e, volley) {
    const SUB = Maestro.SUB;
    const cx = e.x + fdiv(e.w, 2), cy = e.y + fdiv(e.h, 2);
    if (!(cx >= 0 && cx < tu.field_w * SUB && cy >= 0 && cy < tu.field_h * SUB)) return;
    const kind = e.fire_alt && pmod(volley, 2) === 1 ? e.fire_alt : e.fire;
    let directions;
    if (kind === 2) {
      const dx = sim.x + fdiv(tu.player_w * SUB, 2) - cx;
      const dy = sim.y + fdiv(tu.player_h * SUB, 2) - cy;
      directions = [aim(dx, dy, tu)];
    } else if (kind === 3) {
      const half = fdiv(e.spread, 2);
      directions = [];
      for (let j = -half; j <= half; j++) directions.push(pmod(j + DIRECTIONS, DIRECTIONS));
    } else {
      directions = [0];
    }
    const bx = cx - fdiv(tu.enemy_bullet_w * SUB, 2), by = cy - fdiv(tu.enemy_bullet_h * SUB, 2);
    const speed = e.bullet_speed;
    for (const i of directions) {
      if (sim.bullets.length >= tu.enemy_bullet_cap) return;
      sim.bullets.push({
        x: bx, y: by,
        vx: fdiv(tu.dir_x[i] * speed, SCALE), vy: fdiv(tu.dir_y[i] * speed, SCALE),
        source: e.name,
      });
      sim.enemyFired += 1;
    }
  }

  /** Step 5: place every enemy on its pattern, let the gone ones escape, let the rest fire. */
  function moveEnemies(sim, tu) {
    const SUB = Maestro.SUB;
    const fw = tu.field_w * SUB, fh = tu.field_h * SUB;
    const kept = [];
    for (const e of sim.enemies) {
      const t = sim.step - e.start;
      const [x, y] = position(e, t, tu);
      e.x = x;
      e.y = y;
      if (Maestro.overlaps(x, y, e.w, e.h, 0, 0, fw, fh)) {
        e.entered = true;
      } else if (e.entered || t >= tu.enter_timeout) {
        sim.escaped += 1;
        continue;
      }
      kept.push(e);
      if (e.fire && t >= e.fire_delay && pmod(t - e.fire_delay, e.fire_every) === 0) {
        fire(sim, tu, e, fdiv(t - e.fire_delay, e.fire_every));
      }
    }
    sim.enemies = kept;
  }

  /** Step 6: enemy bullets fly; the ones off the playfield are dropped. */
  function moveBullets(sim, tu) {
    const SUB = Maestro.SUB;
    const fw = tu.field_w * SUB, fh = tu.field_h * SUB;
    const ebw = tu.enemy_bullet_w * SUB, ebh = tu.enemy_bullet_h * SUB;
    const kept = [];
    for (const b of sim.bullets) {
      b.x += b.vx;
      b.y += b.vy;
      if (Maestro.overlaps(b.x, b.y, ebw, ebh, 0, 0, fw, fh)) kept.push(b);
    }
    sim.bullets = kept;
  }

  /** Remove enemy `e` from the list (the same object, as list.remove finds it). */
  function removeEnemy(sim, e) {
    const index = sim.enemies.indexOf(e);
    if (index >= 0) sim.enemies.splice(index, 1);
  }

  /** An enemy shot down or bombed: removed, scored with the multiplier, its drop left behind. */
  function destroy(sim, tu, e) {
    const SUB = Maestro.SUB;
    removeEnemy(sim, e);
    sim.score += e.points * sim.multiplier;
    sim.kills += 1;
    sim.streak += 1;
    sim.multiplier = Math.min(tu.multiplier_max, 1 + fdiv(sim.streak, tu.multiplier_every));
    sim.bestMultiplier = Math.max(sim.bestMultiplier, sim.multiplier);
    if (e.boss) sim.bossesDestroyed += 1;
    if (e.drop) {
      sim.pickups.push([e.x + fdiv(e.w, 2) - fdiv(tu.pickup_w * SUB, 2), e.y + fdiv(e.h, 2) - fdiv(tu.pickup_h * SUB, 2),
        e.drop]);
    }
    sfx("explosion");
  }

  /** Step 7: player shots fly; each hits the first enemy it overlaps, in list order. */
  function moveShots(sim, tu) {
    const SUB = Maestro.SUB;
    const speed = tu.bullet_speed, bw = tu.bullet_w * SUB, bh = tu.bullet_h * SUB, fw = tu.field_w * SUB;
    const kept = [];
    for (const shot of sim.shots) {
      shot[0] += shot[2];
      shot[1] -= speed;
      const x = shot[0], y = shot[1];
      if (y + bh <= 0 || x + bw <= 0 || x >= fw) continue;
      let hit = false;
      for (const e of sim.enemies) {
        if (x < e.x + e.w && e.x < x + bw && y < e.y + e.h && e.y < y + bh) {
          damage(e, tu.bullet_damage);
          if (e.hp <= 0) destroy(sim, tu, e);
          hit = true;
          break;
        }
      }
      if (!hit) kept.push(shot);
    }
    sim.shots = kept;
  }

  /** Step 8: pickups fall; one touching the ship's box is taken (its kind becomes the power-up). */
  function movePickups(sim, tu) {
    const SUB = Maestro.SUB;
    const fh = tu.field_h * SUB, pw = tu.pickup_w * SUB, ph = tu.pickup_h * SUB;
    const kept = [];
    for (const pickup of sim.pickups) {
      pickup[1] += tu.pickup_speed;
      if (pickup[1] >= fh) continue;
      if (Maestro.overlaps(sim.x, sim.y, tu.player_w * SUB, tu.player_h * SUB, pickup[0], pickup[1], pw, ph)) {
        sim.power = pickup[2];
        sim.pickupsTaken += 1;
        sfx("powerup");
        continue;
      }
      kept.push(pickup);
    }
    sim.pickups = kept;
  }

  /**
   * A hit: the shield takes it if held; otherwise a life, the power-up and the multiplier go and
   * the cause is remembered for the failure message. Invulnerability either way.
   */
  function hurt(sim, tu, what) {
    const SUB = Maestro.SUB;
    sim.invuln = tu.invuln;
    if (sim.power === SHIELD) {
      sim.power = 0;
      sim.shieldsUsed += 1;
      sfx("hurt");
      return;
    }
    sim.lives -= 1;
    sim.livesLost += 1;
    sim.power = 0;
    sim.streak = 0;
    sim.multiplier = 1;
    sim.lastHit = `${what} at step ${sim.step} (x=${fdiv(sim.x, SUB)} px, y=${fdiv(sim.y, SUB)} px)`;
    sfx("hurt");
  }

  /** Step 9: invulnerability runs down, or the first bullet, then the first body, touching the hitbox hurts. */
  function harm(sim, tu) {
    const SUB = Maestro.SUB;
    if (sim.invuln > 0) {
      sim.invuln -= 1;
      return;
    }
    const inset = tu.player_hit_inset * SUB;
    const hx = sim.x + inset, hy = sim.y + inset;
    const hw = tu.player_w * SUB - 2 * inset, hh = tu.player_h * SUB - 2 * inset;
    const bw = tu.enemy_bullet_w * SUB, bh = tu.enemy_bullet_h * SUB;
    for (let i = 0; i < sim.bullets.length; i++) {
      const b = sim.bullets[i];
      if (Maestro.overlaps(hx, hy, hw, hh, b.x, b.y, bw, bh)) {
        sim.bullets.splice(i, 1);
        hurt(sim, tu, `hit by a ${b.source} bullet`);
        return;
      }
    }
    for (const e of sim.enemies) {
      if (Maestro.overlaps(hx, hy, hw, hh, e.x, e.y, e.w, e.h)) {
        if (tu.contact_destroys_enemy && !e.boss) {
          removeEnemy(sim, e);
          sfx("explosion");
        }
        hurt(sim, tu, `rammed by ${e.name}`);
        return;
      }
    }
  }

  /** Advance `sim` by one step under input `mask`, in the order of maestro/rules/shooter.py step. */
  function step(sim, mask) {
    const tu = sim.tuning;
    movePlayer(sim, tu, mask);
    if (mask & SECONDARY && !(sim.previousMask & SECONDARY) && sim.bombs > 0) bomb(sim, tu);
    sim.previousMask = mask;
    spawn(sim);
    moveEnemies(sim, tu);
    moveBullets(sim, tu);
    moveShots(sim, tu);
    movePickups(sim, tu);
    harm(sim, tu);
    sim.step += 1;
    settle(sim);
  }

  /** The ship's exact top-left [x, y] in sub-pixels. */
  function trace(sim) {
    return [sim.x, sim.y];
  }

  /** The ship's top-left in whole pixels. */
  function player(sim) {
    return { x: fdiv(sim.x, Maestro.SUB), y: fdiv(sim.y, Maestro.SUB) };
  }

  /** The run's tallies, as shooter.py State.stats(). */
  function stats(sim) {
    return {
      kills: sim.kills, escaped: sim.escaped, spawned: sim.nextSpawn, shots: sim.fired,
      enemy_shots: sim.enemyFired, bosses_destroyed: sim.bossesDestroyed, lives_left: sim.lives,
      bombs_used: sim.bombsUsed, pickups: sim.pickupsTaken, shields_used: sim.shieldsUsed,
      best_multiplier: sim.bestMultiplier,
    };
  }

  /** Whether the atlas has a sprite under exactly `key` (so a bullet can fall back to a rectangle). */
  function hasSprite(gfx, key) {
    if (typeof gfx.has === "function") return !!gfx.has(key);
    const sprites = gfx.atlas && gfx.atlas.sprites;
    return !!(sprites && own(sprites, key));
  }

  /** A bullet: its sprite if the atlas has one, else a rectangle in `colour`. */
  function drawBullet(gfx, key, x, y, w, h, colour) {
    if (hasSprite(gfx, key)) gfx.sprite(key, "idle", x, y, w, h);
    else gfx.rect(x, y, w, h, colour);
  }

  /** A ring of small squares of radius `r` around (cx, cy), in world pixels (drawing only). */
  function ring(gfx, cx, cy, r, colour, dots) {
    for (let i = 0; i < dots; i++) {
      const a = (2 * Math.PI * i) / dots;
      gfx.rect(Math.round(cx + r * Math.cos(a)) - 1, Math.round(cy + r * Math.sin(a)) - 1, 2, 2, colour);
    }
  }

  /** A falling power-up: a bordered box in its colour with its letter, pulsing. */
  function drawPickup(gfx, x, y, w, h, kind) {
    const [colour, letter] = PICKUP_LOOK[kind] || ["#ffffff", "?"];
    const pulse = fdiv(gfx.tick || 0, 8) % 2 === 0;
    gfx.rect(x - 1, y - 1, w + 2, h + 2, pulse ? "#ffffff" : "#202030");
    gfx.rect(x, y, w, h, colour);
    gfx.text(letter, x + w / 2, y + h / 2 + 1, { size: Math.max(6, h - 2), colour: "#101018", shadow: false });
  }

  /** A boss: its sprite, flashing its "hurt" frame more often the further into its phases it is. */
  function drawBoss(gfx, e, px) {
    const tick = gfx.tick || 0;
    const flash = (e.stage === 1 && tick % 48 < 6) || (e.stage === 2 && fdiv(tick, 6) % 2 === 0);
    gfx.sprite(`boss:${e.name}`, flash ? "hurt" : "move", px(e.x), px(e.y), px(e.w), px(e.h));
    if (e.stage === 2) gfx.rect(px(e.x), px(e.y) + px(e.h) + 2, px(e.w), 1, "#ff5050");
  }

  /** A bomb's white flash and the ring spreading from the ship, for FLASH_STEPS steps after it goes off. */
  function drawBomb(sim, gfx, px) {
    const age = sim.bombStep < 0 ? FLASH_STEPS : sim.step - sim.bombStep;
    if (age >= FLASH_STEPS) return;
    const tu = sim.tuning;
    gfx.rect(0, 0, gfx.w || tu.field_w, gfx.h || tu.field_h, `rgba(255, 255, 255, ${(0.5 * (FLASH_STEPS - age)) / FLASH_STEPS})`);
    const cx = px(sim.x) + tu.player_w / 2, cy = px(sim.y) + tu.player_h / 2;
    ring(gfx, cx, cy, 6 + age * 14, "#ffd84a", 48);
    ring(gfx, cx, cy, 2 + age * 10, "#ffffff", 36);
  }

  /**
   * The strip at the bottom: a box per bomb left, the multiplier, the power-up held (screen pixels),
   * in the HUD's font size (Maestro.engine.hud: at least 14 CSS px on any screen).
   */
  function drawStrip(sim, gfx) {
    const w = gfx.w || sim.tuning.field_w, h = gfx.h || sim.tuning.field_h;
    const hud = Maestro.engine && Maestro.engine.hud;
    const size = Math.max(8, (hud && hud.size) || 8), bar = size + 4, y = h - bar, box = size - 2;
    gfx.screenRect(0, y, w, bar, "rgba(0, 0, 0, 0.45)");
    const label = Math.ceil(size * 0.7) + 4;
    gfx.text("B", 3 + label / 2, y + bar / 2, { size: size, colour: "text" });
    for (let i = 0; i < sim.bombs; i++) {
      const x = label + 3 + (box + 2) * i;
      gfx.screenRect(x, y + 3, box, box, "#ffd84a");
      gfx.screenRect(x + 2, y + 5, box - 4, box - 4, "#a0521c");
    }
    const hot = sim.multiplier > 1;
    gfx.text(`x${sim.multiplier}`, w / 2, y + bar / 2, { size: hot ? size + 2 : size, colour: hot ? "#ffd84a" : "text" });
    const name = POWER_NAMES[sim.power] || "";
    if (name) {
      gfx.text(name.toUpperCase(), w - 6, y + bar / 2, { size: size, align: "right", colour: PICKUP_LOOK[sim.power][0] });
    }
  }

  /**
   * Draw the playfield: scrolling starfield, enemies, player shots, pickups, the ship (ringed while
   * shielded), enemy bullets, a bomb's flash, then the bottom strip. Reads the sim only.
   */
  function draw(sim, gfx) {
    const SUB = Maestro.SUB;
    const tu = sim.tuning;
    const px = (v) => fdiv(v, SUB);
    const colours = gfx.colours || {};
    gfx.camera(0, 0);
    gfx.backgrounds(0, -sim.step);
    for (const e of sim.enemies) {
      if (e.boss) drawBoss(gfx, e, px);
      else gfx.sprite(`enemy:${e.name}`, "move", px(e.x), px(e.y), px(e.w), px(e.h));
    }
    for (const shot of sim.shots) {
      drawBullet(gfx, "bullet:player", px(shot[0]), px(shot[1]), tu.bullet_w, tu.bullet_h,
        colours.player || "#7fd4ff");
    }
    for (const pickup of sim.pickups) {
      drawPickup(gfx, px(pickup[0]), px(pickup[1]), tu.pickup_w, tu.pickup_h, pickup[2]);
    }
    const blink = sim.invuln > 0 && fdiv(gfx.tick || 0, 4) % 2 === 1;
    gfx.sprite("player", "idle", px(sim.x), px(sim.y), tu.player_w, tu.player_h, { alpha: blink ? 0.3 : 1 });
    if (sim.power === SHIELD) {
      ring(gfx, px(sim.x) + tu.player_w / 2, px(sim.y) + tu.player_h / 2, tu.player_w, PICKUP_LOOK[SHIELD][0], 16);
    }
    for (const b of sim.bullets) {
      drawBullet(gfx, "bullet:enemy", px(b.x), px(b.y), tu.enemy_bullet_w, tu.enemy_bullet_h,
        colours.hazard || "#ff5050");
    }
    drawBomb(sim, gfx, px);
    drawStrip(sim, gfx);
  }

  /**
   * The level's boss as the HUD shows it, {name, hp, max}, once it has entered: its hp while it
   * flies, 0 once shot down; null before it comes and after it escapes. Reads only.
   */
  function boss(sim) {
    const spawned = sim.schedule.slice(0, sim.nextSpawn).find((entry) => entry[1].boss);
    if (!spawned) return null;
    const spawn = spawned[1];
    const live = sim.enemies.find((e) => e.boss);
    if (live) return { name: live.name, hp: Math.max(0, live.hp), max: spawn.hp };
    return sim.bossesDestroyed > 0 ? { name: spawn.name, hp: 0, max: spawn.hp } : null;
  }

  /**
   * What window.maestro.state() shows beyond the engine's fields: enemies on the playfield, kills,
   * bombs left, the power-up held by name, the multiplier, enemy bullets alive. Reads only.
   */
  function status(sim) {
    return {
      enemies: sim.enemies.filter((e) => e.entered).length,
      kills: sim.kills,
      bombs: sim.bombs,
      power: POWER_NAMES[sim.power] || "",
      multiplier: sim.multiplier,
      bullets: sim.bullets.length,
    };
  }

  Maestro.genres.shooter = {
    load, step, trace, player, stats, draw, sinAt, aim, boss, status,
    view: { w: 240, h: 320 },
  };
})();
