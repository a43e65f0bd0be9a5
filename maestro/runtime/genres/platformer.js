/*
  genres/platformer.js — the platformer genre: a port of maestro/rules/platformer.py, bit for bit.
    Maestro.genres.platformer.load(level)      a simulation from a level file alone (constants
                                               from level.rules, tiles from level.rows, actors
                                               from level.entities in order)
    Maestro.genres.platformer.step(sim, mask)  one step of the rules, in the Python order: jump,
                                               swing and dash edges, swing timers, run/dash/swing,
                                               jump, jump cut, gravity, move x, move y, step
                                               counter and grace, chasers, chargers, shots,
                                               turrets, bolts, swing hits, touches, shots
                                               touching, goal
    Maestro.genres.platformer.trace(sim)       the player's [x, y] in sub-pixels (cross-check)
    Maestro.genres.platformer.player(sim)      the player's top-left {x, y} in whole pixels
    Maestro.genres.platformer.boss(sim)        the boss for the HUD: {name, hp, max} or null
    Maestro.genres.platformer.status(sim)      {enemies, kills, bullets, nearest} for window.maestro.state()
    Maestro.genres.platformer.foes(sim)        every enemy and boss not defeated, as
                                               {index, name, behaviour, x, y, w, h, hp} in whole
                                               pixels (tests and bots; reads only)
    Maestro.genres.platformer.view             the logical screen, 320 x 240
    Maestro.genres.platformer.draw(sim, gfx)   camera, parallax, tiles, actors (chargers with
                                               their wind-up tell and dust), shots, bolts,
                                               player, swing arc, hit flashes and death puffs
  Everything the rules compute is an integer in sub-pixels (Maestro.SUB per pixel); floor
  division is Math.floor(a / b), as Python's //. Sound effects (Maestro.audio) are fired from the
  step but never feed back into it; so do sim.flash and sim.puffs (hit flashes and death puffs),
  which only drawing reads. Constants are read with Maestro.readRules, input bits from
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

  const { left: LEFT, right: RIGHT, up: UP, jump: JUMP, action: ACTION, secondary: SECONDARY } = Maestro.BITS;
  const SCRIPTED = 0, CHASER = 1, TURRET = 2, CHARGER = 3;  // actor roles (World.roles)
  const CALM = 0, WINDUP = 1, CHARGING = 2, RESTING = 3;  // a charger's states (Progress.charges)
  const EVERYWHERE = [-Math.pow(2, 40), Math.pow(2, 40)];  // a chaser's, turret's or charger's ground when it names none
  const TURRET_PHASE = 37;
  const FLASH = 12;  // steps a struck actor flashes (drawing only)
  const PUFF = 18;   // steps a death puff lasts (drawing only)

  /** Every constant of maestro.rules.platformer.Tuning, in field order, with its type (Maestro.readRules). */
  const TUNING_FIELDS = {
    tile: "int", player_w: "int", player_h: "int", gravity: "int", max_fall: "int",
    run_speed: "int", run_accel: "int", air_accel: "int", friction: "int", air_friction: "int",
    jump_velocity: "int", jump_cut: "int", coyote: "int", double_jump: "bool",
    double_jump_velocity: "int", wall_slide: "bool", wall_slide_max: "int", dash: "bool",
    dash_speed: "int", stomp_bounce: "int", stomp_margin: "int", stomp_grace: "int",
    attack_reach: "int", attack_active: "int", attack_cooldown: "int", attack_recoil: "int",
    attack_grace: "int", chase_speed: "int", sight: "int", sight_band: "int", turret_period: "int",
    shot_speed: "int", shot_size: "int", charge_speed: "int", charge_windup: "int", charge_rest: "int",
    charge_length: "int", ranged: "bool", bolt_speed: "int", bolt_size: "int",
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

  /** An actor's box this step: a chaser or charger where it moved to, any other as boxAt (Python actor_box). */
  function actorBox(sim, index) {
    const actor = sim.actors[index];
    if (actor.role === CHASER) return [sim.mobs[actor.order], actor.y, actor.w, actor.h];
    if (actor.role === CHARGER) return [sim.charges[actor.order][0], actor.y, actor.w, actor.h];
    return boxAt(actor, sim.step);
  }

  /** Role of an actor: chasers, turrets and chargers are enemies without a scripted motion (Python role_of). */
  function roleOf(actor, behaviour) {
    if (actor.kind !== "enemy" || actor.motion) return SCRIPTED;
    if (behaviour === "chase") return CHASER;
    if (behaviour === "turret") return TURRET;
    if (behaviour === "charge") return CHARGER;
    return SCRIPTED;
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

  /** A chaser's box at x holds no solid tile and its leading bottom corner stands on ground (Python _can_walk). */
  function canWalk(sim, x, y, w, h, rightward) {
    const ts = sim.ts;
    const lastCol = div(x + w - 1, ts), lastRow = div(y + h - 1, ts);
    for (let col = div(x, ts); col <= lastCol; col++) {
      for (let row = div(y, ts); row <= lastRow; row++) {
        if (tileAt(sim, col, row) === SOLID) return false;
      }
    }
    const under = tileAt(sim, div(rightward ? x + w - 1 : x, ts), div(y + h, ts));
    return under === SOLID || under === PLATFORM;
  }

  /** Chasers in sight of the player, over their ground, walk toward it along their floor (Python _chase). */
  function chase(sim) {
    const t = sim.tuning, body = sim.body, SUB = Maestro.SUB;
    const sight = t.sight * SUB, band = t.sight_band * SUB;
    const centre = body.x + div(sim.pw, 2), feet = body.y + sim.ph;
    for (const index of sim.chasers) {
      if (sim.gone[index]) continue;
      const actor = sim.actors[index];
      const x = sim.mobs[actor.order];
      const dx = centre - (x + div(actor.w, 2));
      const [left, right] = actor.ground;
      if (dx === 0 || Math.abs(dx) > sight || Math.abs(feet - (actor.y + actor.h)) > band ||
          !(left <= centre && centre < right)) continue;
      const move = Math.min(t.chase_speed, Math.abs(dx)) * (dx > 0 ? 1 : -1);
      if (x + move < left || x + move + actor.w > right) continue;
      if (!canWalk(sim, x + move, actor.y, actor.w, actor.h, move > 0)) continue;
      sim.mobs[actor.order] = x + move;
    }
  }

  /** Direction (-1 or 1) toward a player in sight of the foe at index standing at x, else 0 (Python _sees). */
  function sees(sim, index, x) {
    const t = sim.tuning, body = sim.body, actor = sim.actors[index], SUB = Maestro.SUB;
    const centre = body.x + div(sim.pw, 2);
    const dx = centre - (x + div(actor.w, 2));
    const [left, right] = actor.ground;
    if (dx === 0 || Math.abs(dx) > t.sight * SUB || Math.abs(body.y + sim.ph - actor.y - actor.h) > t.sight_band * SUB) return 0;
    if (!(left <= centre && centre < right)) return 0;
    return dx > 0 ? 1 : -1;
  }

  /** Chargers wind up at a player in sight, rush along their floor, rest (Python _charge). */
  function charge(sim) {
    const t = sim.tuning;
    for (const index of sim.chargers) {
      if (sim.gone[index]) continue;
      const order = sim.actors[index].order;
      let [x, state, count, direction, ran] = sim.charges[order];
      if (state === CALM) {
        const seen = sees(sim, index, x);
        if (seen) {
          state = WINDUP; count = t.charge_windup; direction = seen;
        }
      } else if (state === WINDUP) {
        count -= 1;
        if (count <= 0) { state = CHARGING; count = 0; ran = 0; }
      } else if (state === CHARGING) {
        let stopped;
        [x, ran, stopped] = rush(sim, index, x, direction, ran);
        if (stopped) { state = RESTING; count = t.charge_rest; }
      } else {
        count -= 1;
        if (count <= 0) { state = CALM; count = 0; }
      }
      sim.charges[order] = [x, state, count, direction, ran];
    }
  }

  /** One step of a charge: [new x, distance run, whether the charge is over] (Python _rush). */
  function rush(sim, index, x, direction, ran) {
    const t = sim.tuning, actor = sim.actors[index], SUB = Maestro.SUB;
    const [left, right] = actor.ground;
    const move = Math.min(t.charge_speed, t.charge_length * SUB - ran);
    const to = direction > 0 ? Math.min(x + move, right - actor.w) : Math.max(x - move, left);
    if ((to - x) * direction <= 0 || !canWalk(sim, to, actor.y, actor.w, actor.h, direction > 0)) return [x, ran, true];
    ran += Math.abs(to - x);
    return [to, ran, ran >= t.charge_length * SUB || Math.abs(to - x) < move];
  }

  /** Whether column col holds a solid tile between y and y + h (off the map: a wall) (Python _solid_rows). */
  function solidRows(sim, col, y, h) {
    const last = div(y + h - 1, sim.ts);
    for (let row = div(y, sim.ts); row <= last; row++) if (tileAt(sim, col, row) === SOLID) return true;
    return false;
  }

  /** Shots move; one whose leading edge enters a solid tile or that leaves its turret's ground is gone (Python _fly). */
  function fly(sim) {
    const t = sim.tuning, size = t.shot_size * Maestro.SUB;
    const kept = [];
    for (const [x0, y, direction, owner] of sim.shots) {
      const x = x0 + direction * t.shot_speed;
      const lead = direction > 0 ? x + size - 1 : x;
      const [left, right] = sim.actors[owner].ground;
      if (left <= x && x + size <= right && !solidRows(sim, div(lead, sim.ts), y, size)) kept.push([x, y, direction, owner]);
    }
    sim.shots = kept;
  }

  /** Turrets whose volley falls on this step fire at a player in sight over their ground (Python _fire). */
  function fireTurrets(sim) {
    const t = sim.tuning, body = sim.body, SUB = Maestro.SUB;
    const sight = t.sight * SUB, band = t.sight_band * SUB, size = t.shot_size * SUB;
    const centre = body.x + div(sim.pw, 2), feet = body.y + sim.ph;
    for (const index of sim.turrets) {
      if (sim.gone[index] || (sim.step + TURRET_PHASE * index) % t.turret_period !== 0) continue;
      const actor = sim.actors[index];
      const dx = centre - (actor.x + div(actor.w, 2));
      const [left, right] = actor.ground;
      if (Math.abs(dx) > sight || Math.abs(feet - (actor.y + actor.h)) > band || !(left <= centre && centre < right)) continue;
      const direction = dx >= 0 ? 1 : -1;
      const x = direction > 0 ? actor.x + actor.w : actor.x - size;
      sim.shots.push([x, actor.y + div(actor.h - size, 2), direction, index]);
      sfx("shoot");
    }
  }

  /** Bolts move, a fired one joins them, each stops on a solid tile or at the first foe it strikes (Python _bolts). */
  function bolts(sim, fire) {
    const t = sim.tuning, body = sim.body, size = t.bolt_size * Maestro.SUB, ts = sim.ts;
    const flying = sim.bolts.map(([x, y, direction]) => [x + direction * t.bolt_speed, y, direction]);
    if (fire) {
      const x = body.facing > 0 ? body.x + sim.pw : body.x - size;
      flying.push([x, body.y + div(sim.ph - size, 2), body.facing]);
    }
    const kept = [];
    for (const bolt of flying) {
      const [x, y] = bolt;
      let solid = false;
      for (let col = div(x, ts); col <= div(x + size - 1, ts) && !solid; col++) solid = solidRows(sim, col, y, size);
      if (solid) continue;
      if (!strike(sim, x, y, size)) kept.push(bolt);
    }
    sim.bolts = kept;
  }

  /** The first enemy or boss not defeated that a bolt's box overlaps loses a hit point; whether one did (Python _strike). */
  function strike(sim, x, y, size) {
    for (let index = 0; index < sim.actors.length; index++) {
      const actor = sim.actors[index];
      if ((actor.kind !== "enemy" && actor.kind !== "boss") || sim.gone[index]) continue;
      if (x >= actor.right || x + size <= actor.left) continue;
      const [ax, ay, aw, ah] = actorBox(sim, index);
      if (Maestro.overlaps(x, y, size, size, ax, ay, aw, ah)) {
        wound(sim, index);
        return true;
      }
    }
    return false;
  }

  /** One hit point off an enemy or boss; true when that defeats it (Python _wound). Flash and puff: drawing only. */
  function wound(sim, index) {
    const actor = sim.actors[index];
    const taken = sim.hits[index] + 1;
    sim.flash[index] = sim.step;
    if (taken >= actor.hp) {
      sim.gone[index] = true;
      sim.score += actor.points;
      sim.kills += 1;
      const [ax, ay, aw, ah] = actorBox(sim, index);
      sim.puffs.push({ x: ax + div(aw, 2), y: ay + div(ah, 2), step: sim.step });
      return true;
    }
    sim.hits[index] = Math.min(taken, 7);
    return false;
  }

  /** The swing's box [x, y, w, h]: beside the player on the facing side (Python swing_box). */
  function swingBox(sim) {
    const body = sim.body, reach = sim.tuning.attack_reach * Maestro.SUB;
    return [body.facing > 0 ? body.x + sim.pw : body.x - reach, body.y, reach, sim.ph];
  }

  /** The active swing clears shots and strikes each enemy and boss in reach once (Python _swing). */
  function swing(sim) {
    const t = sim.tuning, body = sim.body;
    const [sx, sy, sw, sh] = swingBox(sim);
    if (sim.shots.length) {
      const size = t.shot_size * Maestro.SUB;
      sim.shots = sim.shots.filter((s) => !Maestro.overlaps(sx, sy, sw, sh, s[0], s[1], size, size));
    }
    for (let index = 0; index < sim.actors.length; index++) {
      const actor = sim.actors[index];
      if ((actor.kind !== "enemy" && actor.kind !== "boss") || sim.gone[index] || body.struck[index]) continue;
      if (sx >= actor.right || sx + sw <= actor.left) continue;
      const [ax, ay, aw, ah] = actorBox(sim, index);
      if (!Maestro.overlaps(sx, sy, sw, sh, ax, ay, aw, ah)) continue;
      body.struck[index] = true;
      if (!wound(sim, index)) {
        body.vx = -body.facing * t.attack_recoil;
        sim.grace = Math.max(sim.grace, t.attack_grace);
      }
    }
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
    if (body.swing > 0) swing(sim);
    const actors = sim.actors;
    for (let index = 0; index < actors.length; index++) {
      const actor = actors[index];
      // the reach test only skips actors that cannot overlap: it never changes the outcome
      if (x >= actor.right || x + pw <= actor.left || sim.gone[index]) continue;
      const [ax, ay, aw, ah] = actorBox(sim, index);
      if (!Maestro.overlaps(x, y, pw, ph, ax, ay, aw, ah)) continue;
      if (actor.kind === "item") {
        sim.gone[index] = true;
        sim.score += actor.points;
        sfx("collect");
      } else if ((actor.kind === "enemy" || actor.kind === "boss") && stomps(sim, body, ay)) {
        body.vy = -sim.tuning.stomp_bounce;
        sim.grace = sim.tuning.stomp_grace;
        sim.stomped = index;  // drawing only: which actor flashes during the grace
        wound(sim, index);
        sfx("stomp");
      } else if (sim.grace === 0) {
        sim.failed = "touched " + actor.name + " at x=" + div(x, SUB) + " px (step " + sim.step + ")";
        return;
      }
    }
    if (sim.shots.length && sim.grace === 0) {
      const size = sim.tuning.shot_size * SUB;
      for (const [sx, sy, , owner] of sim.shots) {
        if (Maestro.overlaps(x, y, pw, ph, sx, sy, size, size)) {
          sim.failed = "shot by " + actors[owner].name + " at x=" + div(x, SUB) + " px (step " + sim.step + ")";
          return;
        }
      }
    }
    if (goal && sim.bosses.every((index) => sim.gone[index])) sim.done = true;
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
        behaviour: e.behaviour || null, order: -1,
      };
      const params = e.params || {};
      actor.role = roleOf(actor, actor.behaviour);
      actor.ground = params.left !== undefined && params.right !== undefined ?
        [params.left * SUB, params.right * SUB] : EVERYWHERE;
      [actor.left, actor.right] = actor.role === CHASER || actor.role === CHARGER ? actor.ground : reach(actor);
      return actor;
    });
    const chasers = [], turrets = [], chargers = [], bosses = [];
    actors.forEach((actor, index) => {
      if (actor.role === CHASER) { actor.order = chasers.length; chasers.push(index); }
      if (actor.role === TURRET) turrets.push(index);
      if (actor.role === CHARGER) { actor.order = chargers.length; chargers.push(index); }
      if (actor.kind === "boss") bosses.push(index);
    });
    return {
      level, tuning, columns, width, height, actors, chasers, turrets, chargers, bosses,
      ts: tuning.tile * SUB, pw: tuning.player_w * SUB, ph: tuning.player_h * SUB,
      body: {
        x: level.player.x * SUB, y: level.player.y * SUB, vx: 0, vy: 0, on_ground: true,
        coyote: tuning.coyote, air_jumps: 0, jump_held: false, action_held: false, facing: 1, wall: 0,
        secondary_held: false, swing: 0, cooldown: 0, struck: actors.map(() => false),
      },
      step: 0,
      gone: actors.map(() => false),
      hits: actors.map(() => 0),
      grace: 0,
      score: 0,
      done: false,
      failed: "",
      kills: 0,
      mobs: chasers.map((index) => actors[index].x),
      shots: [],
      charges: chargers.map((index) => [actors[index].x, CALM, 0, 0, 0]),  // [x, state, count, direction, ran]
      bolts: [],  // the player's bolts in flight: [x, y, direction]
      stomped: -1,
      flash: actors.map(() => -1000),  // drawing only: the step each actor was last struck
      puffs: [],                        // drawing only: where and when an enemy or boss fell
    };
  }

  /** Advance one step in place with input `mask`, exactly as maestro.rules.platformer.step. */
  function step(sim, mask) {
    const t = sim.tuning, body = sim.body;
    const jumpNow = (mask & (JUMP | UP)) !== 0;
    const pressed = jumpNow && !body.jump_held;
    body.jump_held = jumpNow;
    const actionNow = (mask & ACTION) !== 0;
    const swingPressed = actionNow && !body.action_held;
    body.action_held = actionNow;
    const secondaryNow = (mask & SECONDARY) !== 0;
    const dashPressed = secondaryNow && !body.secondary_held;
    body.secondary_held = secondaryNow;
    if (body.swing > 0) body.swing -= 1;
    if (body.cooldown > 0) body.cooldown -= 1;

    const direction = ((mask & RIGHT) ? 1 : 0) - ((mask & LEFT) ? 1 : 0);
    run(t, body, direction);
    if (t.dash && dashPressed && body.on_ground) {
      body.vx = t.dash_speed * body.facing;
      sfx("dash");
    }
    let fire = false;
    if (swingPressed && body.cooldown === 0) {
      body.cooldown = t.attack_cooldown;
      if (t.ranged) {
        fire = true;
        sfx("shoot");
      } else {
        body.swing = t.attack_active;
        body.struck = sim.actors.map(() => false);
        sfx("attack");
      }
    }

    if (pressed) jump(t, body);
    if (!jumpNow && body.vy < -t.jump_cut) body.vy = -t.jump_cut;

    body.vy += t.gravity;
    const limit = (t.wall_slide && body.wall !== 0 && body.wall === direction) ? t.wall_slide_max : t.max_fall;
    if (body.vy > limit) body.vy = limit;

    moveX(sim, body, direction);
    moveY(sim, body);
    sim.step += 1;
    if (sim.grace > 0) sim.grace -= 1;
    if (sim.chasers.length) chase(sim);
    if (sim.chargers.length) charge(sim);
    if (sim.shots.length) fly(sim);
    if (sim.turrets.length) fireTurrets(sim);
    if (fire || sim.bolts.length) bolts(sim, fire);
    if (sim.puffs.length && sim.step - sim.puffs[0].step > PUFF) sim.puffs = sim.puffs.filter((p) => sim.step - p.step <= PUFF);
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

  /** The level's boss as the HUD shows it: {name, hp, max} (hit points left after stomps and swings), or null. Reads only. */
  function boss(sim) {
    const index = sim.actors.findIndex((actor) => actor.kind === "boss");
    if (index < 0) return null;
    const actor = sim.actors[index];
    return { name: actor.name, hp: sim.gone[index] ? 0 : Math.max(0, actor.hp - sim.hits[index]), max: actor.hp };
  }

  /**
   * What window.maestro.state() shows beyond the engine's fields: enemies = enemies and bosses
   * not defeated (everything that hurts and can be defeated), kills = enemies and bosses defeated
   * in this attempt, bullets = turret shots in flight, nearest = whole pixels from the player's
   * centre to the nearest enemy or boss (centre to centre, the larger axis; null when none is
   * left). The player has no hit points here (a hit costs a life), so no hp. Reads only.
   */
  function status(sim) {
    const body = sim.body;
    const px = body.x + div(sim.pw, 2), py = body.y + div(sim.ph, 2);
    let enemies = 0, nearest = null;
    sim.actors.forEach((actor, index) => {
      if ((actor.kind !== "enemy" && actor.kind !== "boss") || sim.gone[index]) return;
      enemies += 1;
      const [x, y, w, h] = actorBox(sim, index);
      const d = Math.max(Math.abs(x + div(w, 2) - px), Math.abs(y + div(h, 2) - py));
      nearest = nearest === null ? d : Math.min(nearest, d);
    });
    return { enemies, kills: sim.kills, bullets: sim.shots.length,
      nearest: nearest === null ? null : div(nearest, Maestro.SUB) };
  }

  /** Every enemy and boss not defeated: {index, name, behaviour, x, y, w, h, hp} in whole pixels, hp left. Reads only. */
  function foes(sim) {
    const out = [], SUB = Maestro.SUB;
    sim.actors.forEach((actor, index) => {
      if ((actor.kind !== "enemy" && actor.kind !== "boss") || sim.gone[index]) return;
      const [x, y, w, h] = actorBox(sim, index);
      out.push({ index, name: actor.name, behaviour: actor.behaviour, x: div(x, SUB), y: div(y, SUB),
        w: div(w, SUB), h: div(h, SUB), hp: actor.hp - sim.hits[index] });
    });
    return out;
  }

  /** The atlas colour `name` (a "#rrggbb" of gfx.colours) at `alpha`, as a CSS colour; white where it has none. */
  function tint(gfx, name, alpha) {
    const hex = (gfx.colours || {})[name];
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
    const [r, g, b] = m ? [1, 2, 3].map((i) => parseInt(m[i], 16)) : [255, 255, 255];
    return "rgba(" + r + "," + g + "," + b + "," + alpha + ")";
  }

  /** The swing as a bright crescent sweeping top to bottom in front of the player (drawing only). */
  function drawSwing(sim, gfx) {
    const t = sim.tuning, body = sim.body, p = player(sim);
    const done = (t.attack_active - body.swing + 1) / t.attack_active;  // 1/active .. 1
    const cx = p.x + (body.facing > 0 ? t.player_w - 2 : 2), cy = p.y + t.player_h / 2;
    const r = Math.max(4, t.attack_reach - 2), dots = 11;
    for (let k = 0; k < dots; k++) {
      const share = k / (dots - 1);
      if (share > done) break;
      const angle = -1.3 + 2.6 * share, fresh = done - share < 0.3;
      for (const [radius, size, alpha] of [[r, 3, fresh ? 0.95 : 0.55], [r - 3, 2, fresh ? 0.6 : 0.3]]) {
        const x = Math.round(cx + body.facing * Math.cos(angle) * radius);
        const y = Math.round(cy + Math.sin(angle) * radius);
        gfx.rect(x - 1, y - 1, size, size, tint(gfx, "text", alpha));
      }
    }
  }

  /** Puffs where enemies fell: a ring of fading specks that grows for PUFF steps (drawing only). */
  function drawPuffs(sim, gfx) {
    const SUB = Maestro.SUB;
    for (const puff of sim.puffs) {
      const age = sim.step - puff.step;
      if (age < 0 || age > PUFF) continue;
      const colour = tint(gfx, "text", (1 - age / (PUFF + 1)).toFixed(2)), size = age < PUFF / 2 ? 3 : 2;
      for (let k = 0; k < 8; k++) {
        const angle = k * Math.PI / 4, spread = 3 + age;
        const x = Math.round(div(puff.x, SUB) + Math.cos(angle) * spread);
        const y = Math.round(div(puff.y, SUB) + Math.sin(angle) * spread * 0.7);
        gfx.rect(x - 1, y - 1, size, size, colour);
      }
    }
  }

  /**
   * A charger's tell, drawn over its sprite: winding up, a "!" above it that fills as the charge
   * nears and dust kicked up behind its feet; charging, speed streaks trailing it. Drawing only.
   */
  function drawCharger(sim, gfx, index, x, y, w, h) {
    const [, state, count, direction] = sim.charges[sim.actors[index].order];
    const t = sim.tuning, tick = gfx.tick || 0;
    if (state === WINDUP) {
      const ready = 1 - count / Math.max(1, t.charge_windup);
      const mx = x + div(w, 2) - 1;
      gfx.rect(mx, y - 11, 2, 6, tint(gfx, "hazard", (0.5 + 0.5 * ready).toFixed(2)));
      gfx.rect(mx, y - 4, 2, 2, tint(gfx, "hazard", (0.5 + 0.5 * ready).toFixed(2)));
      const back = direction > 0 ? x - 2 : x + w;
      for (let k = 0; k < 3; k++) gfx.rect(back - direction * ((tick + k * 2) % 5), y + h - 2 - k, 2, 1, tint(gfx, "text", 0.5));
    } else if (state === CHARGING) {
      for (let k = 0; k < 3; k++) {
        const len = 6 + 3 * k, sx = direction > 0 ? x - len - 2 : x + w + 2;
        gfx.rect(sx, y + 2 + k * div(h - 4, 2), len, 1, tint(gfx, "text", 0.6 - 0.15 * k));
      }
    }
  }

  /** The player's bolts: a bright core with a short fading tail behind it. Drawing only. */
  function drawBolts(sim, gfx) {
    const SUB = Maestro.SUB, size = sim.tuning.bolt_size;
    for (const [bx, by, direction] of sim.bolts) {
      const x = div(bx, SUB), y = div(by, SUB);
      gfx.rect(x - direction * size, y + 1, size, Math.max(1, size - 2), tint(gfx, "player", 0.35));
      gfx.rect(x, y, size, size, tint(gfx, "player", 0.95));
      gfx.rect(x + 1, y + 1, Math.max(1, size - 2), Math.max(1, size - 2), tint(gfx, "text", 0.9));
    }
  }

  /**
   * Draw the world: camera on the player (clamped to the map), parallax backgrounds, side-view
   * tiles, every actor not collected or defeated (struck ones flashing for FLASH steps; chasers
   * and turrets facing the player; chargers facing their charge, flashing and shaking as they
   * wind up, with their tell), shots, bolts, death puffs, the player, then the swing's arc.
   */
  function draw(sim, gfx) {
    const SUB = Maestro.SUB, t = sim.tuning, body = sim.body;
    const [cx, cy] = camera(sim);
    gfx.camera(cx, cy);
    gfx.backgrounds(cx, cy);
    gfx.tiles(sim.level, { side: true });
    const tick = gfx.tick || 0;
    const p = player(sim);
    for (let index = 0; index < sim.actors.length; index++) {
      if (sim.gone[index]) continue;
      const actor = sim.actors[index];
      const [ax, ay, aw, ah] = actorBox(sim, index);
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
      } else if (actor.role === CHASER || actor.role === TURRET) {
        if (actor.role === CHASER) anim = "move";
        if (p.x + div(t.player_w, 2) < x + div(w, 2)) opts.flip = true;  // faces the player
      }
      let sx = x;
      if (actor.role === CHARGER) {
        const [, state, , direction] = sim.charges[actor.order];
        if (state === CHARGING) anim = "move";
        if (state === CALM ? p.x + div(t.player_w, 2) < x + div(w, 2) : direction < 0) opts.flip = true;
        if (state === WINDUP) {
          sx = x + (div(tick, 2) % 2 === 0 ? 1 : -1);  // shaking in place
          if (div(tick, 4) % 2 === 0) opts.alpha = 0.5;  // flashing: about to charge
        }
      }
      const struck = sim.step - sim.flash[index];
      if (struck >= 0 && struck < FLASH && div(tick, 3) % 2 === 0) opts.alpha = 0.35;
      gfx.sprite(actor.kind + ":" + actor.name, anim, sx, y, w, h, opts);
      if (actor.role === CHARGER) drawCharger(sim, gfx, index, x, y, w, h);
    }
    const size = t.shot_size;
    for (const [sx, sy] of sim.shots) {
      gfx.rect(div(sx, SUB), div(sy, SUB), size, size, "hazard");
      gfx.rect(div(sx, SUB) + 1, div(sy, SUB) + 1, Math.max(1, size - 2), Math.max(1, size - 2), tint(gfx, "text", 0.6));
    }
    drawBolts(sim, gfx);
    drawPuffs(sim, gfx);
    let anim = "idle";
    if (!body.on_ground) anim = "jump";
    else if (Math.abs(body.vx) > 0) anim = "run";
    gfx.sprite("player", anim, p.x, p.y, t.player_w, t.player_h, { flip: body.facing < 0 });
    if (body.swing > 0) drawSwing(sim, gfx);
  }

  Maestro.genres.platformer = { load, step, trace, player, boss, status, foes, view, draw };
})();
