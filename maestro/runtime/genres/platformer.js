/*
  genres/platformer.js — the platformer genre: a port of maestro/rules/platformer.py, bit for bit.
    Maestro.genres.platformer.load(level)      a simulation from a level file alone (constants
                                               from level.rules, tiles from level.rows, actors
                                               from level.entities in order)
    Maestro.genres.platformer.step(sim, mask)  one step of the rules, in the Python order: jump
                                               edge, run/dash, jump, jump cut, gravity, move x,
                                               move y, step counter and grace, touches, goal
    Maestro.genres.platformer.trace(sim)       the player's [x, y] in sub-pixels (cross-check)
    Maestro.genres.platformer.player(sim)      the player's top-left {x, y} in whole pixels
    Maestro.genres.platformer.view             the logical screen, 320 x 240
    Maestro.genres.platformer.draw(sim, gfx)   camera, parallax, tiles, actors, player
  Everything the rules compute is an integer in sub-pixels (Maestro.SUB per pixel); floor
  division is Math.floor(a / b), as Python's //. Sound effects (Maestro.audio) are fired from the
  step but never feed back into it. Constants are read with Maestro.readRules, input bits from
  Maestro.BITS (rules.js).
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });
Maestro.genres = Maestro.genres || {};

(function () {
  const SOLID = 35;     // "#"
  const PLATFORM = 61;  // "="
  const SPIKES = 94;    // "^"
  const GOAL = 71;      // "G"
  const AIR = 46;       // "."

  const { left: LEFT, right: RIGHT, up: UP, jump: JUMP, action: ACTION } = Maestro.BITS;

  /** Every constant of maestro.rules.platformer.Tuning, in field order, with its type (Maestro.readRules). */
  const TUNING_FIELDS = {
    tile: "int", player_w: "int", player_h: "int", gravity: "int", max_fall: "int",
    run_speed: "int", run_accel: "int", air_accel: "int", friction: "int", air_friction: "int",
    jump_velocity: "int", jump_cut: "int", coyote: "int", double_jump: "bool",
    double_jump_velocity: "int", wall_slide: "bool", wall_slide_max: "int", dash: "bool",
    dash_speed: "int", stomp_bounce: "int", stomp_margin: "int", stomp_grace: "int",
  };

  /** Python floor division. */
  function div(a, b) { return Math.floor(a / b); }

  /** Play a sound effect if the runtime has audio (Node and tests do not); never throws. */
  function sfx(name) {
    try {
      Maestro.audio?.sfx?.(name);
    } catch (e) {
      // sound is decoration: a failure here must not touch the simulation
    }
  }

  /** Leftmost and rightmost x (sub-pixels) an actor's box ever covers, as Actor.reach. */
  function reach(actor) {
    if (!actor.motion) return [actor.x, actor.x + actor.w];
    let low = Infinity, high = -Infinity;
    for (const point of actor.motion.path) {
      const x = point.x * Maestro.SUB;
      if (x < low) low = x;
      if (x > high) high = x;
    }
    return [low, high + actor.w];
  }

  /** An actor's box [x, y, w, h] in sub-pixels at a step, as Actor.box_at. */
  function boxAt(actor, step) {
    if (!actor.motion) return [actor.x, actor.y, actor.w, actor.h];
    const [x, y] = Maestro.motionAt(actor.motion, step);
    return [x, y, actor.w, actor.h];
  }

  /** Tile code at a cell: solid left and right of the map, air above and below it (World.tile). */
  function tileAt(sim, col, row) {
    if (col < 0 || col >= sim.width) return SOLID;
    if (row < 0 || row >= sim.height) return AIR;
    return sim.columns[col][row];
  }

  /** Whether a body at top y has a solid tile in column col (outside the map is a wall). */
  function blockedColumn(sim, col, y) {
    if (col < 0 || col >= sim.width) return true;
    const column = sim.columns[col], ts = sim.ts;
    const last = Math.min(sim.height - 1, div(y + sim.ph - 1, ts));
    for (let row = Math.max(0, div(y, ts)); row <= last; row++) {
      if (column[row] === SOLID) return true;
    }
    return false;
  }

  /** Horizontal speed: accelerate toward run_speed, or slow by friction (Python _run). */
  function run(t, body, direction) {
    if (direction !== 0) {
      body.facing = direction;
      const accel = body.on_ground ? t.run_accel : t.air_accel;
      if (direction * body.vx < t.run_speed) {
        body.vx += direction * accel;
        if (direction * body.vx > t.run_speed) body.vx = direction * t.run_speed;
      } else if (body.on_ground) {
        body.vx -= direction * Math.min(t.friction, direction * body.vx - t.run_speed);
      }
      return;
    }
    const slow = body.on_ground ? t.friction : t.air_friction;
    if (body.vx > 0) body.vx = Math.max(0, body.vx - slow);
    else if (body.vx < 0) body.vx = Math.min(0, body.vx + slow);
  }

  /** A jump from the ground or coyote time, a wall jump, or a double jump (Python _jump). */
  function jump(t, body) {
    if (body.on_ground || body.coyote > 0) {
      body.vy = -t.jump_velocity;
      body.on_ground = false;
      body.coyote = 0;
      sfx("jump");
    } else if (t.wall_slide && body.wall !== 0) {
      body.vy = -t.jump_velocity;
      body.vx = -body.wall * t.run_speed;
      body.facing = -body.wall;
      sfx("jump");
    } else if (t.double_jump && body.air_jumps > 0) {
      body.vy = -t.double_jump_velocity;
      body.air_jumps -= 1;
      sfx("jump");
    }
  }

  /** Move by vx and push out of solid columns; note a wall being pushed against (Python _move_x). */
  function moveX(sim, body, direction) {
    const ts = sim.ts, pw = sim.pw;
    body.x += body.vx;
    if (body.vx > 0) {
      const col = div(body.x + pw - 1, ts);
      if (blockedColumn(sim, col, body.y)) {
        body.x = col * ts - pw;
        body.vx = 0;
      }
    } else if (body.vx < 0) {
      const col = div(body.x, ts);
      if (blockedColumn(sim, col, body.y)) {
        body.x = (col + 1) * ts;
        body.vx = 0;
      }
    }
    body.wall = 0;
    if (!body.on_ground && direction !== 0) {
      const edge = direction > 0 ? body.x + pw : body.x - 1;
      if (blockedColumn(sim, div(edge, ts), body.y)) body.wall = direction;
    }
  }

  /** Move by vy, land on solid tiles and on platforms from above, bump heads (Python _move_y). */
  function moveY(sim, body) {
    const t = sim.tuning, ts = sim.ts, pw = sim.pw, ph = sim.ph;
    const previousBottom = body.y + ph;
    body.y += body.vy;
    const first = div(body.x, ts), last = div(body.x + pw - 1, ts);
    body.on_ground = false;
    if (body.vy > 0) {
      const row = div(body.y + ph - 1, ts);
      for (let col = first; col <= last; col++) {
        const tile = tileAt(sim, col, row);
        if (tile === SOLID || (tile === PLATFORM && previousBottom <= row * ts)) {
          body.y = row * ts - ph;
          body.vy = 0;
          body.on_ground = true;
          break;
        }
      }
    } else if (body.vy < 0) {
      const row = div(body.y, ts);
      for (let col = first; col <= last; col++) {
        if (tileAt(sim, col, row) === SOLID) {
          body.y = (row + 1) * ts;
          body.vy = 0;
          break;
        }
      }
    }
    if (body.on_ground) {
      body.coyote = t.coyote;
      body.air_jumps = t.double_jump ? 1 : 0;
    } else if (body.coyote > 0) {
      body.coyote -= 1;
    }
  }

  /** Feet were above the actor's top (within a margin) and the body is falling (Python _stomps). */
  function stomps(sim, body, actorTop) {
    const margin = sim.tuning.stomp_margin * Maestro.SUB;
    return body.vy > 0 && body.y + sim.ph - body.vy <= actorTop + margin;
  }

  /**
   * Falling out, spikes, actors and the goal (Python _touch). Python keeps `gone` and `hits` as
   * bit fields of unbounded integers; here they are arrays indexed like the actors, with a hit
   * count capped at 7 exactly as Progress.set_hits caps its three bits.
   */
  function touch(sim) {
    const body = sim.body, ts = sim.ts, pw = sim.pw, ph = sim.ph, SUB = Maestro.SUB;
    const x = body.x, y = body.y;
    if (y >= sim.height * ts) {
      sim.failed = "fell out of the level at x=" + div(x, SUB) + " px (step " + sim.step + ")";
      return;
    }
    const first = div(x, ts), last = div(x + pw - 1, ts);
    const top = div(y, ts), bottom = div(y + ph - 1, ts);
    const half = div(ts, 2);
    let goal = false;
    const colEnd = Math.min(sim.width - 1, last), rowEnd = Math.min(sim.height - 1, bottom);
    for (let col = Math.max(0, first); col <= colEnd; col++) {
      const column = sim.columns[col];
      for (let row = Math.max(0, top); row <= rowEnd; row++) {
        const tile = column[row];
        if (tile === SPIKES && Maestro.overlaps(x, y, pw, ph, col * ts, row * ts + half, ts, half)) {
          sim.failed = "landed on spikes at x=" + col * sim.tuning.tile + " px (step " + sim.step + ")";
          return;
        }
        if (tile === GOAL) goal = true;
      }
    }
    const actors = sim.actors;
    for (let index = 0; index < actors.length; index++) {
      const actor = actors[index];
      // the reach test only skips actors that cannot overlap: it never changes the outcome
      if (x >= actor.right || x + pw <= actor.left || sim.gone[index]) continue;
      const [ax, ay, aw, ah] = boxAt(actor, sim.step);
      if (!Maestro.overlaps(x, y, pw, ph, ax, ay, aw, ah)) continue;
      if (actor.kind === "item") {
        sim.gone[index] = true;
        sim.score += actor.points;
        sfx("collect");
      } else if ((actor.kind === "enemy" || actor.kind === "boss") && stomps(sim, body, ay)) {
        body.vy = -sim.tuning.stomp_bounce;
        sim.grace = sim.tuning.stomp_grace;
        sim.stomped = index;  // drawing only: which actor flashes during the grace
        const taken = sim.hits[index] + 1;
        if (taken >= actor.hp) {
          sim.gone[index] = true;
          sim.score += actor.points;
        } else {
          sim.hits[index] = Math.min(taken, 7);
        }
        sfx("stomp");
      } else if (sim.grace === 0) {
        sim.failed = "touched " + actor.name + " at x=" + div(x, SUB) + " px (step " + sim.step + ")";
        return;
      }
    }
    if (goal) sim.done = true;
  }

  /** Camera top-left in whole pixels: the player centred, clamped to the map. */
  function camera(sim) {
    const t = sim.tuning, p = player(sim);
    const maxX = sim.width * t.tile - view.w, maxY = sim.height * t.tile - view.h;
    const cx = Math.max(0, Math.min(maxX, p.x + div(t.player_w, 2) - div(view.w, 2)));
    const cy = Math.max(0, Math.min(maxY, p.y + div(t.player_h, 2) - div(view.h, 2)));
    return [cx, cy];
  }

  const view = { w: 320, h: 240 };

  /**
   * A simulation from a level file object alone: tuning from level.rules, tiles from level.rows
   * (stored by column, a space read as air), actors from level.entities in list order, the player
   * spawned on the ground at level.player (World.from_level + World.spawn + Progress()).
   */
  function load(level) {
    const SUB = Maestro.SUB;
    const tuning = Maestro.readRules(level.rules, TUNING_FIELDS);
    const width = level.width, height = level.height;
    const columns = [];
    for (let col = 0; col < width; col++) {
      const column = new Array(height);
      for (let row = 0; row < height; row++) {
        const line = level.rows[row] || "";
        const code = col < line.length ? line.charCodeAt(col) : AIR;
        column[row] = code === 32 ? AIR : code;
      }
      columns.push(column);
    }
    const actors = (level.entities || []).map((e) => {
      const actor = {
        name: e.name, kind: e.kind, x: e.x * SUB, y: e.y * SUB, w: e.w * SUB, h: e.h * SUB,
        motion: e.motion || null, hp: e.hp === undefined ? 1 : e.hp, points: e.points || 0,
      };
      [actor.left, actor.right] = reach(actor);
      return actor;
    });
    return {
      level, tuning, columns, width, height, actors,
      ts: tuning.tile * SUB, pw: tuning.player_w * SUB, ph: tuning.player_h * SUB,
      body: {
        x: level.player.x * SUB, y: level.player.y * SUB, vx: 0, vy: 0, on_ground: true,
        coyote: tuning.coyote, air_jumps: 0, jump_held: false, action_held: false, facing: 1, wall: 0,
      },
      step: 0,
      gone: actors.map(() => false),
      hits: actors.map(() => 0),
      grace: 0,
      score: 0,
      done: false,
      failed: "",
      stomped: -1,
    };
  }

  /** Advance one step in place with input `mask`, exactly as maestro.rules.platformer.step. */
  function step(sim, mask) {
    const t = sim.tuning, body = sim.body;
    const jumpNow = (mask & (JUMP | UP)) !== 0;
    const pressed = jumpNow && !body.jump_held;
    body.jump_held = jumpNow;
    const actionNow = (mask & ACTION) !== 0;
    const dashPressed = actionNow && !body.action_held;
    body.action_held = actionNow;

    const direction = ((mask & RIGHT) ? 1 : 0) - ((mask & LEFT) ? 1 : 0);
    run(t, body, direction);
    if (t.dash && dashPressed && body.on_ground) body.vx = t.dash_speed * body.facing;

    if (pressed) jump(t, body);
    if (!jumpNow && body.vy < -t.jump_cut) body.vy = -t.jump_cut;

    body.vy += t.gravity;
    const limit = (t.wall_slide && body.wall !== 0 && body.wall === direction) ? t.wall_slide_max : t.max_fall;
    if (body.vy > limit) body.vy = limit;

    moveX(sim, body, direction);
    moveY(sim, body);
    sim.step += 1;
    if (sim.grace > 0) sim.grace -= 1;
    touch(sim);
  }

  /** The player's exact position [x, y] in sub-pixels. */
  function trace(sim) {
    return [sim.body.x, sim.body.y];
  }

  /** The player's top-left {x, y} in whole pixels. */
  function player(sim) {
    return { x: div(sim.body.x, Maestro.SUB), y: div(sim.body.y, Maestro.SUB) };
  }

  /** The level's boss as the HUD shows it: {name, hp, max} (stomps left of its hp), or null. Reads only. */
  function boss(sim) {
    const index = sim.actors.findIndex((actor) => actor.kind === "boss");
    if (index < 0) return null;
    const actor = sim.actors[index];
    return { name: actor.name, hp: sim.gone[index] ? 0 : Math.max(0, actor.hp - sim.hits[index]), max: actor.hp };
  }

  /**
   * Draw the world: camera on the player (clamped to the map), parallax backgrounds, side-view
   * tiles, every actor not collected or defeated, then the player.
   */
  function draw(sim, gfx) {
    const SUB = Maestro.SUB, t = sim.tuning, body = sim.body;
    const [cx, cy] = camera(sim);
    gfx.camera(cx, cy);
    gfx.backgrounds(cx, cy);
    gfx.tiles(sim.level, { side: true });
    const tick = gfx.tick || 0;
    for (let index = 0; index < sim.actors.length; index++) {
      if (sim.gone[index]) continue;
      const actor = sim.actors[index];
      const [ax, ay, aw, ah] = boxAt(actor, sim.step);
      const x = div(ax, SUB), y = div(ay, SUB), w = div(aw, SUB), h = div(ah, SUB);
      const opts = {};
      if (actor.kind === "hazard") {
        gfx.sprite("hazard:Saw", "idle", x, y, w, h, opts);
        continue;
      }
      let anim = "idle";
      if ((actor.kind === "enemy" || actor.kind === "boss") && actor.motion) {
        anim = "move";
        const next = boxAt(actor, sim.step + 1)[0];
        if (next < ax) opts.flip = true;
      }
      if (actor.kind === "boss" && sim.grace > 0 && sim.stomped === index && div(tick, 4) % 2 === 0) {
        opts.alpha = 0.35;
      }
      gfx.sprite(actor.kind + ":" + actor.name, anim, x, y, w, h, opts);
    }
    const p = player(sim);
    let anim = "idle";
    if (!body.on_ground) anim = "jump";
    else if (Math.abs(body.vx) > 0) anim = "run";
    gfx.sprite("player", anim, p.x, p.y, t.player_w, t.player_h, { flip: body.facing < 0 });
  }

  Maestro.genres.platformer = { load, step, trace, player, boss, view, draw };
})();
