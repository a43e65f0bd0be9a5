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
    Maestro.genres.shooter.draw(sim, gfx) starfield, enemies, shots, the ship, enemy bullets
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
  const { left: LEFT, right: RIGHT, up: UP, down: DOWN, action: ACTION } = Maestro.BITS;
  const DIRECTIONS = 16;
  const SCALE = 256;

  /** Every constant of maestro.rules.shooter.Tuning, in field order, with its type (Maestro.readRules). */
  const TUNING_FIELDS = {
    field_w: "int", field_h: "int", player_w: "int", player_h: "int", player_hit_inset: "int",
    player_speed: "int", fire_every: "int", bullet_w: "int", bullet_h: "int", bullet_speed: "int",
    bullet_damage: "int", enemy_bullet_w: "int", enemy_bullet_h: "int", enemy_bullet_cap: "int",
    enter_timeout: "int", hover_linger: "int", leave_speed: "int", invuln: "int", lives: "int", contact_destroys_enemy: "bool", turn: "int",
    sine: "ints", dir_x: "ints", dir_y: "ints",
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

  /** A live enemy from a spawn entering on step `start` (positions and sizes in sub-pixels). */
  function makeEnemy(spawn, start) {
    const SUB = Maestro.SUB;
    const p = spawn.params || {};
    const get = (name) => (own(p, name) ? p[name] : 0);
    const ones = {};
    for (const name of ONE_DEFAULTS) ones[name] = Math.max(1, own(p, name) ? p[name] : 1);
    return {
      name: spawn.name,
      pattern: spawn.pattern,
      boss: !!spawn.boss,
      start: start,
      x0: spawn.x * SUB, x: spawn.x * SUB,
      y0: spawn.y * SUB, y: spawn.y * SUB,
      w: spawn.w * SUB,
      h: spawn.h * SUB,
      hp: spawn.hp,
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
      fire: get("fire"),
      fire_alt: get("fire_alt"),
      fire_every: ones.fire_every,
      fire_delay: get("fire_delay"),
      bullet_speed: get("bullet_speed"),
      spread: ones.spread,
    };
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
      shots: [],
      enemies: [],
      bullets: [],
      fired: 0,
      enemyFired: 0,
      kills: 0,
      escaped: 0,
      bossesDestroyed: 0,
      lastHit: "",
      done: false,
      failed: "",
    };
    settle(sim);
    return sim;
  }

  /** Step 1 and 2: move the ship (clamped to the playfield), cool the gun, fire. */
  function movePlayer(sim, tu, mask) {
    const SUB = Maestro.SUB;
    const speed = tu.player_speed;
    const hx = (mask & RIGHT ? 1 : 0) - (mask & LEFT ? 1 : 0);
    const hy = (mask & DOWN ? 1 : 0) - (mask & UP ? 1 : 0);
    sim.x = Math.min(Math.max(sim.x + hx * speed, 0), (tu.field_w - tu.player_w) * SUB);
    sim.y = Math.min(Math.max(sim.y + hy * speed, 0), (tu.field_h - tu.player_h) * SUB);
    if (sim.cooldown > 0) sim.cooldown -= 1;
    if (mask & ACTION && sim.cooldown === 0) {
      sim.shots.push([sim.x + fdiv((tu.player_w - tu.bullet_w) * SUB, 2), sim.y - tu.bullet_h * SUB]);
      sim.cooldown = tu.fire_every;
      sim.fired += 1;
      sfx("shoot");
    }
  }

  /** Step 3: append every enemy due on this step, in schedule order. */
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

  /** Step 4: place every enemy on its pattern, let the gone ones escape, let the rest fire. */
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

  /** Step 5: enemy bullets fly; the ones off the playfield are dropped. */
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

  /** An enemy shot down: removed, its points scored. */
  function destroy(sim, e) {
    removeEnemy(sim, e);
    sim.score += e.points;
    sim.kills += 1;
    if (e.boss) sim.bossesDestroyed += 1;
    sfx("explosion");
  }

  /** Step 6: player shots fly up; each hits the first enemy it overlaps, in list order. */
  function moveShots(sim, tu) {
    const SUB = Maestro.SUB;
    const speed = tu.bullet_speed, bw = tu.bullet_w * SUB, bh = tu.bullet_h * SUB;
    const kept = [];
    for (const shot of sim.shots) {
      shot[1] -= speed;
      const x = shot[0], y = shot[1];
      if (y + bh <= 0) continue;
      let hit = false;
      for (const e of sim.enemies) {
        if (x < e.x + e.w && e.x < x + bw && y < e.y + e.h && e.y < y + bh) {
          e.hp -= tu.bullet_damage;
          if (e.hp <= 0) destroy(sim, e);
          hit = true;
          break;
        }
      }
      if (!hit) kept.push(shot);
    }
    sim.shots = kept;
  }

  /** A hit: a life lost, invulnerability granted, the cause remembered for the failure message. */
  function hurt(sim, tu, what) {
    const SUB = Maestro.SUB;
    sim.lives -= 1;
    sim.livesLost += 1;
    sim.invuln = tu.invuln;
    sim.lastHit = `${what} at step ${sim.step} (x=${fdiv(sim.x, SUB)} px, y=${fdiv(sim.y, SUB)} px)`;
    sfx("hurt");
  }

  /** Step 7: invulnerability runs down, or the first bullet, then the first body, touching the hitbox hurts. */
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
    spawn(sim);
    moveEnemies(sim, tu);
    moveBullets(sim, tu);
    moveShots(sim, tu);
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

  /** Draw the playfield: scrolling starfield, enemies, player shots, the ship, enemy bullets. */
  function draw(sim, gfx) {
    const SUB = Maestro.SUB;
    const tu = sim.tuning;
    const px = (v) => fdiv(v, SUB);
    const colours = gfx.colours || {};
    gfx.camera(0, 0);
    gfx.backgrounds(0, -sim.step);
    for (const e of sim.enemies) {
      const key = `${e.boss ? "boss" : "enemy"}:${e.name}`;
      gfx.sprite(key, "move", px(e.x), px(e.y), px(e.w), px(e.h));
    }
    for (const shot of sim.shots) {
      drawBullet(gfx, "bullet:player", px(shot[0]), px(shot[1]), tu.bullet_w, tu.bullet_h,
        colours.player || "#7fd4ff");
    }
    const blink = sim.invuln > 0 && fdiv(gfx.tick || 0, 4) % 2 === 1;
    gfx.sprite("player", "idle", px(sim.x), px(sim.y), tu.player_w, tu.player_h, { alpha: blink ? 0.3 : 1 });
    for (const b of sim.bullets) {
      drawBullet(gfx, "bullet:enemy", px(b.x), px(b.y), tu.enemy_bullet_w, tu.enemy_bullet_h,
        colours.hazard || "#ff5050");
    }
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

  Maestro.genres.shooter = {
    load, step, trace, player, stats, draw, sinAt, aim, boss,
    view: { w: 240, h: 320 },
  };
})();
