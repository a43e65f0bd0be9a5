/*
  genres/topdown.js — the top-down dungeon genre: maestro/rules/topdown.py ported bit for bit,
  plus its drawing.
    Maestro.genres.topdown.load(level)    a fresh attempt at a level file (constants from level.rules)
    Maestro.genres.topdown.step(sim, m)   one step holding input mask m, in the Python order:
                                          direction by input priority, move, open doors with keys,
                                          push back out of walls, corner assist, t += 1, entities in
                                          list order (keys, items, hits), invulnerability, hit, exit
    Maestro.genres.topdown.trace(sim)     the player's top-left in sub-pixels (cross-check)
    Maestro.genres.topdown.player(sim)    the player's top-left in whole pixels
    Maestro.genres.topdown.view           the logical screen, 320 x 240
    Maestro.genres.topdown.draw(sim, gfx) camera on the player, tiles with the exit (opened doors as
                                          floor), pickups not yet taken, enemies, the player

  Hits: the engine owns lives, so a hit ends the attempt (sim.failed = "touched <name>") as the
  Python strict replay does; the engine restarts the level. Sound effects ("key", "door",
  "collect") go through Maestro.audio when it is there and never touch the simulation. Constants
  are read with Maestro.readRules, input bits from Maestro.BITS (rules.js).
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });
Maestro.genres = Maestro.genres || {};

(function () {
  const SUB = Maestro.SUB;
  const { left: LEFT, right: RIGHT, up: UP, down: DOWN, action: ACTION } = Maestro.BITS;
  const DOOR = "D", EXIT = "X", FLOOR = ".";
  const PICKUPS = ["key", "item"];
  const HURTS = ["enemy", "boss", "hazard"];
  const STRIKABLE = ["enemy", "boss"];
  const NEIGHBOURS = [[0, -1], [0, 1], [-1, 0], [1, 0]];
  const SHOT_DIRECTIONS = [[0, -1], [0, 1], [-1, 0], [1, 0]];   // dirs bits 1, 2, 4, 8
  const FLASH_STEPS = 12, PUFF_STEPS = 24;   // drawing only: a struck body blinks, a defeated one puffs
  /** Every constant of maestro.rules.topdown.Tuning, in field order, with its type (Maestro.readRules). */
  const TUNING = { tile: "int", player_w: "int", player_h: "int", speed: "int", corner_assist: "int", lives: "int",
    hit_invulnerable: "int", input_priority: "ints", cycle: "int", enemy_size: "int", boss_size: "int",
    pickup_size: "int", attack: "bool", attack_reach: "int", attack_pad: "int", attack_steps: "int",
    attack_cooldown: "int", shot_size: "int", ranged: "bool", bolt_speed: "int", bolt_size: "int" };
  const DELTAS = { [UP]: [0, -1], [DOWN]: [0, 1], [LEFT]: [-1, 0], [RIGHT]: [1, 0] };
  const FACING = { "0,-1": "up", "0,1": "down", "-1,0": "left", "1,0": "right" };

  /** Whether a tile character can be stood on (floor and exit; everything else is solid). */
  function standable(char) { return char === "." || char === "X"; }

  /** The area (left, top, right, bottom) an entity can ever cover, as rules/topdown.py:_reach. */
  function reach(x, y, w, h, motion) {
    if (!motion) return [x, y, x + w, y + h];
    const xs = motion.path.map((p) => p.x * SUB), ys = motion.path.map((p) => p.y * SUB);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs) + w, Math.max(...ys) + h];
  }

  /** Tile character at a cell of the sim's current map; outside the map is a wall. */
  function tileAt(sim, col, row) {
    if (row >= 0 && row < sim.height && col >= 0 && col < sim.width) return sim.tiles[row][col];
    return "#";
  }

  /** First and last tile index (inclusive) a box edge range [low, low + size) overlaps. */
  function span(low, size, tile) {
    return [Math.floor(low / tile), Math.floor((low + size - 1) / tile)];
  }

  /** Tile of the centre of the player's box. */
  function cell(sim) {
    const k = sim.rules;
    return [Math.floor((sim.x + Math.floor(k.player_w / 2)) / k.tile),
      Math.floor((sim.y + Math.floor(k.player_h / 2)) / k.tile)];
  }

  /** Open every closed door the box at (x, y) overlaps, top row first, while keys last. */
  function openDoors(sim, x, y) {
    const k = sim.rules;
    const [r0, r1] = span(y, k.player_h, k.tile), [c0, c1] = span(x, k.player_w, k.tile);
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        if (sim.keys > 0 && tileAt(sim, col, row) === DOOR) {
          sim.tiles[row][col] = FLOOR;
          sim.keys -= 1;
          sim.doorsOpened += 1;
          sim.opened.push([col, row]);
          sim.map.rows[row] = sim.tiles[row].join("");
          Maestro.audio?.sfx?.("door");
        }
      }
    }
  }

  /** Solid cells [col, row] the box at (x, y) overlaps, top row first. */
  function blocked(sim, x, y) {
    const k = sim.rules;
    const [r0, r1] = span(y, k.player_h, k.tile), [c0, c1] = span(x, k.player_w, k.tile);
    const walls = [];
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        if (!standable(tileAt(sim, col, row))) walls.push([col, row]);
      }
    }
    return walls;
  }

  /** [dx, dy] of the first direction held in input_priority order, or [0, 0]. */
  function direction(k, mask) {
    for (const bit of k.input_priority) {
      if (mask & bit) return DELTAS[bit] || [0, 0];
    }
    return [0, 0];
  }

  /** Slide a player pushing into a corridor mouth slightly off-line toward that corridor. */
  function assist(sim, dx, dy) {
    const k = sim.rules, tile = k.tile;
    const [col, row] = cell(sim);
    if (!standable(tileAt(sim, col + dx, row + dy))) return;
    let off;
    if (dx !== 0) off = row * tile + Math.floor((tile - k.player_h) / 2) - sim.y;
    else off = col * tile + Math.floor((tile - k.player_w) / 2) - sim.x;
    if (off === 0 || Math.abs(off) > k.corner_assist) return;
    const slide = Math.min(k.speed, Math.abs(off)) * (off > 0 ? 1 : -1);
    if (dx !== 0) sim.y += slide;
    else sim.x += slide;
  }

  /** Move the box one step of speed: doors, walls (flush), else corner assist. */
  function move(sim, dx, dy) {
    const k = sim.rules, tile = k.tile;
    let x = sim.x + dx * k.speed, y = sim.y + dy * k.speed;
    openDoors(sim, x, y);
    const walls = blocked(sim, x, y);
    if (walls.length) {
      if (dx > 0) x = Math.min(...walls.map((w) => w[0])) * tile - k.player_w;
      else if (dx < 0) x = (Math.max(...walls.map((w) => w[0])) + 1) * tile;
      else if (dy > 0) y = Math.min(...walls.map((w) => w[1])) * tile - k.player_h;
      else y = (Math.max(...walls.map((w) => w[1])) + 1) * tile;
    }
    if (x === sim.x && y === sim.y) {
      assist(sim, dx, dy);
      return;
    }
    sim.x = x;
    sim.y = y;
  }

  /** Top-left [x, y] (sub-pixels) of a body after t steps. */
  function bodyAt(body, t) {
    return body.motion ? Maestro.motionAt(body.motion, t) : [body.x, body.y];
  }

  /** The last age at which a shot's box overlaps only standable tiles of the file's map (rows). */
  function shotReach(rows, tile, x, y, size, vx, vy) {
    const height = rows.length, width = height ? rows[0].length : 0;
    const free = (age) => {
      const left = x + vx * age, top = y + vy * age;
      const [r0, r1] = span(top, size, tile), [c0, c1] = span(left, size, tile);
      for (let row = r0; row <= r1; row++) {
        for (let col = c0; col <= c1; col++) {
          if (!(row >= 0 && row < height && col >= 0 && col < width) || !standable(rows[row][col])) return false;
        }
      }
      return true;
    };
    let age = 0;
    while (free(age + 1)) age += 1;
    return age;
  }

  /** A turret's fire (rules/topdown.py:_gun), or null. */
  function gunOf(entity, rules, rows) {
    if (!STRIKABLE.includes(entity.kind) || entity.behaviour !== "turret" || entity.motion) return null;
    const params = entity.params || {}, size = rules.shot_size;
    const x = entity.x * SUB + Math.floor(entity.w * SUB / 2) - Math.floor(size / 2);
    const y = entity.y * SUB + Math.floor(entity.h * SUB / 2) - Math.floor(size / 2);
    const every = Math.max(1, params.every || 0), speed = Math.max(1, params.speed || 0);
    const lanes = [];
    SHOT_DIRECTIONS.forEach(([dx, dy], bit) => {
      if ((params.dirs || 0) & (1 << bit)) lanes.push([dx, dy, shotReach(rows, rules.tile, x, y, size, dx * speed, dy * speed)]);
    });
    return { every, offset: params.offset || 0, speed, x, y, size, lanes };
  }

  /** [x, y, size, turret index] of every shot in flight now (rules/topdown.py:shots). */
  function shotsOf(sim) {
    const out = [], t = sim.step;
    sim.bodies.forEach((body, index) => {
      const gun = body.gun;
      if (!gun) return;
      const fell = sim.fell[index];
      for (const [dx, dy, reach] of gun.lanes) {
        for (let age = (((t + gun.offset) % gun.every) + gun.every) % gun.every; age <= reach && t - age >= 1;
          age += gun.every) {
          if (fell < 0 || t - age < fell) out.push([gun.x + dx * gun.speed * age, gun.y + dy * gun.speed * age, gun.size, index]);
        }
      }
    });
    return out;
  }

  /** Top-left [x, y] (sub-pixels) of body `index` now: a chaser where it walked, else its script. */
  function placeOf(sim, index) {
    const body = sim.bodies[index];
    return body.chaser ? sim.where[index] : bodyAt(body, sim.step);
  }

  /** Moves from every tile to the player's tile through standable tiles (-1: no way), cached. */
  function flowField(sim) {
    const [col, row] = cell(sim);
    const key = col + "," + row + "," + sim.doorsOpened;
    if (sim.flow && sim.flow.key === key) return sim.flow.dist;
    const width = sim.width, height = sim.height;
    const dist = new Array(width * height).fill(-1);
    if (col >= 0 && col < width && row >= 0 && row < height) {
      dist[row * width + col] = 0;
      const queue = [[col, row]];
      for (let head = 0; head < queue.length; head++) {
        const [c, r] = queue[head];
        const here = dist[r * width + c];
        for (const [dc, dr] of NEIGHBOURS) {
          const nc = c + dc, nr = r + dr;
          if (nc >= 0 && nc < width && nr >= 0 && nr < height && dist[nr * width + nc] < 0 &&
              standable(sim.tiles[nr][nc])) {
            dist[nr * width + nc] = here + 1;
            queue.push([nc, nr]);
          }
        }
      }
    }
    sim.flow = { key, dist };
    return dist;
  }

  /** The way from tile (col, row) to the player's tile along a clear row or column within sight. */
  function inLine(sim, col, row, sight) {
    const [pcol, prow] = cell(sim);
    if ((pcol !== col && prow !== row) || (pcol === col && prow === row) ||
        Math.abs(pcol - col) + Math.abs(prow - row) > sight) return null;
    const dx = Math.sign(pcol - col), dy = Math.sign(prow - row);
    let c = col, r = row;
    while (c !== pcol || r !== prow) {
      c += dx;
      r += dy;
      if (!standable(tileAt(sim, c, r))) return null;
    }
    return [dx, dy];
  }

  /** Wind up, charge or rest (rules/topdown.py:_rushing); false while the charger hunts. */
  function rushing(sim, index, col, row) {
    const body = sim.bodies[index], { dash, windup, rest } = body.rush, phase = sim.phase[index];
    if (phase === 0) {
      const way = sim.goal[index] ? null : inLine(sim, col, row, body.chaser.sight);
      if (!way) return false;
      sim.phase[index] = 1;
      sim.timer[index] = windup;
      sim.heading[index] = way;
      return true;
    }
    if (phase === 1 || phase === 3) {
      sim.timer[index] -= 1;
      if (sim.timer[index] <= 0) sim.phase[index] = phase === 1 ? 2 : 0;
      return true;
    }
    const tile = sim.rules.tile, [dx, dy] = sim.heading[index];
    let [x, y] = sim.where[index];
    x += dx * dash;
    y += dy * dash;
    const [r0, r1] = span(y, body.h, tile), [c0, c1] = span(x, body.w, tile);
    let blocked = false;
    for (let r = r0; r <= r1 && !blocked; r++) {
      for (let c = c0; c <= c1; c++) if (!standable(tileAt(sim, c, r))) { blocked = true; break; }
    }
    if (blocked) {
      const c = Math.floor((x + Math.floor(body.w / 2)) / tile), r = Math.floor((y + Math.floor(body.h / 2)) / tile);
      x = c * tile + Math.floor((tile - body.w) / 2);
      y = r * tile + Math.floor((tile - body.h) / 2);
      sim.phase[index] = 3;
      sim.timer[index] = rest;
    }
    sim.where[index] = [x, y];
    return true;
  }

  /** Wake and move every live chaser, in list order (rules/topdown.py:_chase). */
  function chase(sim) {
    const tile = sim.rules.tile, width = sim.width, height = sim.height;
    sim.bodies.forEach((body, index) => {
      if (!body.chaser || sim.hp[index] <= 0) return;
      const { speed, sight, wake } = body.chaser;
      let [x, y] = sim.where[index];
      const col = Math.floor((x + Math.floor(body.w / 2)) / tile), row = Math.floor((y + Math.floor(body.h / 2)) / tile);
      const dist = flowField(sim);
      const own = col >= 0 && col < width && row >= 0 && row < height ? dist[row * width + col] : -1;
      if (!sim.awake[index]) {
        if (sim.step >= wake || (own >= 0 && own <= sight)) sim.awake[index] = true;
        else return;
      }
      if (body.rush && rushing(sim, index, col, row)) return;
      let goal = sim.goal[index];
      if (!goal) {
        if (own <= 0) return;
        for (const [dc, dr] of NEIGHBOURS) {
          const nc = col + dc, nr = row + dr;
          if (nc >= 0 && nc < width && nr >= 0 && nr < height) {
            const d = dist[nr * width + nc];
            if (d >= 0 && d < own) { goal = [nc, nr]; break; }
          }
        }
        if (!goal) return;
      }
      const gx = goal[0] * tile + Math.floor((tile - body.w) / 2), gy = goal[1] * tile + Math.floor((tile - body.h) / 2);
      x += Math.max(-speed, Math.min(speed, gx - x));
      y += Math.max(-speed, Math.min(speed, gy - y));
      sim.where[index] = [x, y];
      sim.goal[index] = x === gx && y === gy ? null : goal;
    });
  }

  /** [x, y, w, h] of the swing in front of the player (rules/topdown.py:swing_box). */
  function swingBox(sim) {
    const k = sim.rules, reach = k.attack_reach, pad = k.attack_pad, pw = k.player_w, ph = k.player_h;
    const [dx, dy] = sim.face;
    if (dx > 0) return [sim.x + pw, sim.y - pad, reach, ph + 2 * pad];
    if (dx < 0) return [sim.x - reach, sim.y - pad, reach, ph + 2 * pad];
    if (dy < 0) return [sim.x - pad, sim.y - reach, pw + 2 * pad, reach];
    return [sim.x - pad, sim.y + ph, pw + 2 * pad, reach];
  }

  /** Cooldown, a pressed swing, and what a swing in progress strikes (rules/topdown.py:_attack). */
  function attack(sim, mask) {
    const k = sim.rules;
    const held = (mask & ACTION) !== 0, pressed = held && !sim.held;
    sim.held = held;
    if (!k.attack) return;
    if (sim.cooldown > 0) sim.cooldown -= 1;
    if (pressed && sim.cooldown === 0) {
      sim.cooldown = k.attack_cooldown;
      if (k.ranged) {
        const size = k.bolt_size;
        sim.bolts.push([sim.x + Math.floor(k.player_w / 2) - Math.floor(size / 2),
          sim.y + Math.floor(k.player_h / 2) - Math.floor(size / 2), sim.face[0], sim.face[1]]);
        Maestro.audio?.sfx?.("shoot");
      } else {
        sim.swing = k.attack_steps;
        sim.struck = new Set();
        Maestro.audio?.sfx?.("attack");
      }
    }
    fly(sim);
    if (sim.swing <= 0) return;
    const [sx, sy, sw, sh] = swingBox(sim);
    sim.bodies.forEach((body, index) => {
      if (!STRIKABLE.includes(body.kind) || sim.hp[index] <= 0 || sim.struck.has(index)) return;
      const [bx, by] = placeOf(sim, index);
      if (!Maestro.overlaps(sx, sy, sw, sh, bx, by, body.w, body.h)) return;
      sim.struck.add(index);
      wound(sim, index);
    });
    sim.swing -= 1;
  }

  /** Body `index` loses a hit point; at 0 it is defeated and scores (rules/topdown.py:_wound). */
  function wound(sim, index) {
    const body = sim.bodies[index];
    sim.hp[index] -= 1;
    sim.flash[index] = sim.step + FLASH_STEPS;
    if (sim.hp[index] > 0) return;
    sim.score += body.points;
    sim.kills += 1;
    sim.fell[index] = sim.step;
    const [bx, by] = placeOf(sim, index);
    sim.puffs.push({ x: bx + Math.floor(body.w / 2), y: by + Math.floor(body.h / 2), at: sim.step });
    Maestro.audio?.sfx?.("explosion");
  }

  /** Every bolt, in the order fired, moves; walls and the first body it meets stop it (_fly). */
  function fly(sim) {
    if (!sim.bolts.length) return;
    const k = sim.rules, size = k.bolt_size, speed = k.bolt_speed;
    const flying = [];
    for (let [x, y, dx, dy] of sim.bolts) {
      x += dx * speed;
      y += dy * speed;
      const [r0, r1] = span(y, size, k.tile), [c0, c1] = span(x, size, k.tile);
      let wall = false;
      for (let row = r0; row <= r1 && !wall; row++) {
        for (let col = c0; col <= c1; col++) {
          if (!standable(tileAt(sim, col, row))) { wall = true; break; }
        }
      }
      if (wall) continue;
      const target = sim.bodies.findIndex((body, index) => {
        if (!STRIKABLE.includes(body.kind) || sim.hp[index] <= 0) return false;
        const [bx, by] = placeOf(sim, index);
        return Maestro.overlaps(x, y, size, size, bx, by, body.w, body.h);
      });
      if (target >= 0) wound(sim, target);
      else flying.push([x, y, dx, dy]);
    }
    sim.bolts = flying;
  }

  /** Entities in list order: take keys and items, note the first hurting body touched. */
  function touch(sim) {
    const k = sim.rules;
    const px = sim.x, py = sim.y, pw = k.player_w, ph = k.player_h;
    sim.bodies.forEach((body, index) => {
      if (PICKUPS.includes(body.kind)) {
        if (sim.taken[index] || !Maestro.overlaps(px, py, pw, ph, body.x, body.y, body.w, body.h)) return;
        sim.taken[index] = true;
        if (body.kind === "key") {
          sim.keys += 1;
          sim.keysTaken += 1;
          Maestro.audio?.sfx?.("key");
        } else {
          sim.score += body.points;
          sim.itemsTaken += 1;
          Maestro.audio?.sfx?.("collect");
        }
      } else if (HURTS.includes(body.kind) && sim.hit < 0 && sim.invulnerable === 0 && sim.hp[index] > 0) {
        let bx, by;
        if (body.chaser) {
          [bx, by] = sim.where[index];
        } else {
          const [left, top, right, bottom] = body.reach;
          if (!Maestro.overlaps(px, py, pw, ph, left, top, right - left, bottom - top)) return;
          [bx, by] = bodyAt(body, sim.step);
        }
        if (Maestro.overlaps(px, py, pw, ph, bx, by, body.w, body.h)) sim.hit = index;
      }
    });
    if (sim.hit >= 0 || sim.invulnerable !== 0) return;
    for (const [x, y, size, index] of shotsOf(sim)) {
      if (Maestro.overlaps(px, py, pw, ph, x, y, size, size)) { sim.hit = index; return; }
    }
  }

  /** A defeated body's puff: eight sparks flying out and fading (drawing only). */
  function drawPuffs(sim, gfx) {
    sim.puffs = sim.puffs.filter((puff) => sim.step - puff.at < PUFF_STEPS);
    for (const puff of sim.puffs) {
      const age = sim.step - puff.at, r = 2 + age;
      for (let i = 0; i < 8; i++) {
        const a = (i / 8) * Math.PI * 2;
        const size = age < PUFF_STEPS / 2 ? 3 : 2;
        gfx.rect(Math.round(puff.x / SUB + Math.cos(a) * r) - 1, Math.round(puff.y / SUB + Math.sin(a) * r) - 1,
          size, size, i % 2 ? "hazard" : "text");
      }
    }
  }

  /** The swing's arc: a crescent of short strokes sweeping across the swing box (drawing only). */
  function drawSwing(sim, gfx) {
    if (sim.swing <= 0) return;
    const k = sim.rules;
    const cx = (sim.x + Math.floor(k.player_w / 2)) / SUB, cy = (sim.y + Math.floor(k.player_h / 2)) / SUB;
    const [dx, dy] = sim.face;
    const base = Math.atan2(dy, dx), progress = 1 - sim.swing / k.attack_steps;
    const radius = k.player_w / SUB / 2 + k.attack_reach / SUB * 0.8;
    for (let i = 0; i <= 8; i++) {
      const a = base - 1.1 + 2.2 * Math.min(1, progress + 0.25) * (i / 8);
      for (let depth = 0; depth < 3; depth++) {
        const r = radius - depth * 2;
        gfx.rect(Math.round(cx + Math.cos(a) * r) - 1, Math.round(cy + Math.sin(a) * r) - 1, 2, 2,
          depth === 0 ? "text" : "player");
      }
    }
  }

  Maestro.genres.topdown = {
    view: { w: 320, h: 240 },

    /** A fresh attempt at `level` (a parsed level file): the player at the start, doors closed. */
    load(level) {
      const rules = Maestro.readRules(level.rules, TUNING);
      const rows = [];
      for (let row = 0; row < level.height; row++) {
        // As World.from_level: each row padded with void (or cut) to the map width.
        rows.push(((level.rows[row] || "") + " ".repeat(level.width)).slice(0, level.width));
      }
      const bodies = level.entities.map((entity) => {
        const x = entity.x * SUB, y = entity.y * SUB, w = entity.w * SUB, h = entity.h * SUB;
        const motion = HURTS.includes(entity.kind) && entity.motion ? entity.motion : null;
        const params = entity.params || {};
        const chaser = STRIKABLE.includes(entity.kind) && (entity.behaviour === "chase" || entity.behaviour === "charge") &&
          !entity.motion ? { speed: Math.max(0, params.speed || 0), sight: Math.max(0, params.sight || 0),
            wake: Math.max(0, params.wake || 0) } : null;
        const rush = chaser && entity.behaviour === "charge" ? { dash: Math.max(1, params.dash || 0),
          windup: Math.max(1, params.windup || 0), rest: Math.max(1, params.rest || 0) } : null;
        const gun = gunOf(entity, rules, rows);
        return { id: entity.id, kind: entity.kind, name: entity.name, x, y, w, h, motion, chaser, rush, gun,
          points: entity.points || 0, hp: entity.hp || 1, reach: reach(x, y, w, h, motion) };
      });
      return {
        level, rules, width: level.width, height: level.height, bodies,
        spawnX: level.player.x * SUB, spawnY: level.player.y * SUB,
        x: level.player.x * SUB, y: level.player.y * SUB,
        tiles: rows.map((text) => text.split("")),
        map: Object.assign({}, level, { rows: rows.slice() }),   // what draw shows: opened doors are floor
        taken: bodies.map(() => false),
        step: 0, keys: 0, score: 0, invulnerable: 0, keysTaken: 0, doorsOpened: 0, itemsTaken: 0,
        hit: -1, opened: [], done: false, failed: "", facing: "down",
        face: [0, 1], held: false, swing: 0, cooldown: 0, struck: new Set(), kills: 0,
        hp: bodies.map((b) => b.hp), where: bodies.map((b) => [b.x, b.y]), awake: bodies.map(() => false),
        goal: bodies.map(() => null), flow: null, fell: bodies.map(() => -1), bolts: [],
        phase: bodies.map(() => 0), timer: bodies.map(() => 0), heading: bodies.map(() => [0, 0]),
        flash: bodies.map(() => -1), puffs: [],   // drawing only
      };
    },

    /** One step of the rules holding input `mask`; nothing once the attempt is done or failed. */
    step(sim, mask) {
      if (sim.done || sim.failed) return;
      const k = sim.rules;
      sim.hit = -1;
      const [dx, dy] = direction(k, mask);
      if (dx || dy) {
        sim.facing = FACING[dx + "," + dy];
        sim.face = [dx, dy];
        move(sim, dx, dy);
      }
      sim.step += 1;
      chase(sim);
      attack(sim, mask);
      touch(sim);
      if (sim.invulnerable > 0) sim.invulnerable -= 1;
      if (sim.hit >= 0) {
        // The Python strict replay: the first hit ends the attempt; the engine handles lives.
        sim.failed = "touched " + sim.bodies[sim.hit].name;
        return;
      }
      const [col, row] = cell(sim);
      if (tileAt(sim, col, row) === EXIT) sim.done = true;
    },

    /** The player's top-left [x, y] in sub-pixels. */
    trace(sim) { return [sim.x, sim.y]; },

    /** What a bot checks: live enemies (and bosses), enemies defeated this attempt. */
    status(sim) {
      const k = sim.rules;
      const px = sim.x + Math.floor(k.player_w / 2), py = sim.y + Math.floor(k.player_h / 2);
      let enemies = 0, nearest = null;
      sim.bodies.forEach((body, index) => {
        if (!STRIKABLE.includes(body.kind) || sim.hp[index] <= 0) return;
        enemies += 1;
        const [bx, by] = placeOf(sim, index);
        const d = Math.max(Math.abs(bx + Math.floor(body.w / 2) - px), Math.abs(by + Math.floor(body.h / 2) - py));
        nearest = nearest === null ? d : Math.min(nearest, d);
      });
      return { enemies, kills: sim.kills, nearest: nearest === null ? null : Math.floor(nearest / SUB) };
    },

    /** The level's boss {name, hp, max} for the HUD, or null. */
    boss(sim) {
      const index = sim.bodies.findIndex((body) => body.kind === "boss");
      if (index < 0) return null;
      const body = sim.bodies[index];
      return { name: body.name, hp: Math.max(0, sim.hp[index]), max: body.hp };
    },

    /** Each body's top-left [x, y] in sub-pixels and hp (cross-check of chasers and the attack). */
    bodies(sim) { return sim.bodies.map((body, index) => [...placeOf(sim, index), sim.hp[index]]); },

    /** Turret shots in flight: [x, y, size, turret index] in sub-pixels (cross-check). */
    shots(sim) { return shotsOf(sim); },

    /** The player's bolts in flight: [x, y, dx, dy] in sub-pixels (cross-check). */
    bolts(sim) { return sim.bolts.map((bolt) => bolt.slice()); },

    /** The player's top-left {x, y} in whole pixels. */
    player(sim) { return { x: Math.floor(sim.x / SUB), y: Math.floor(sim.y / SUB) }; },

    /** Draw the world: camera on the player, tiles (with the exit), pickups, enemies, the player. */
    draw(sim, gfx) {
      const k = sim.rules;
      const tilePx = Math.floor(k.tile / SUB);
      const pw = Math.floor(k.player_w / SUB), ph = Math.floor(k.player_h / SUB);
      const p = this.player(sim);
      const mapW = sim.width * tilePx, mapH = sim.height * tilePx;
      const axis = (centre, view, size) => size <= view ? Math.floor((size - view) / 2)
        : Math.max(0, Math.min(size - view, centre - Math.floor(view / 2)));
      const cx = axis(p.x + Math.floor(pw / 2), gfx.w, mapW);
      const cy = axis(p.y + Math.floor(ph / 2), gfx.h, mapH);
      gfx.camera(cx, cy);
      // Floor under every cell, then walls, closed doors and the exit by the level's legend;
      // sim.map.rows has opened doors turned to floor.
      gfx.tiles(sim.map, { side: false });
      const visible = (x, y, w, h) => x < cx + gfx.w && cx < x + w && y < cy + gfx.h && cy < y + h;
      sim.bodies.forEach((body, index) => {
        let anim;
        if (PICKUPS.includes(body.kind)) {
          if (sim.taken[index]) return;
          anim = "idle";
        } else if (HURTS.includes(body.kind)) {
          if (sim.hp[index] <= 0) return;
          anim = body.chaser && !sim.awake[index] ? "idle" : "move";
        } else {
          anim = "idle";
        }
        const [bx, by] = placeOf(sim, index);
        const x = Math.floor(bx / SUB), y = Math.floor(by / SUB);
        const w = Math.floor(body.w / SUB), h = Math.floor(body.h / SUB);
        const flashing = sim.flash[index] > sim.step && Math.floor(sim.step / 2) % 2 === 0;
        // A charger's tell: it shakes while winding up and trails dust while it charges.
        const winding = body.rush && sim.phase[index] === 1, charging = body.rush && sim.phase[index] === 2;
        const shake = winding ? (Math.floor(sim.step / 2) % 2 ? 1 : -1) : 0;
        if (charging) {
          const [dx, dy] = sim.heading[index];
          for (let i = 1; i <= 3; i++) gfx.rect(x + Math.floor(w / 2) - dx * 4 * i - 1, y + Math.floor(h / 2) - dy * 4 * i - 1, 2, 2, "text");
        }
        if (visible(x, y, w, h)) {
          gfx.sprite(body.kind + ":" + body.name, winding || charging ? "move" : anim, x + shake, y, w, h,
            { alpha: flashing ? 0.35 : 1 });
        }
      });
      for (const [x, y, size] of shotsOf(sim)) {
        const px = Math.floor(x / SUB), py = Math.floor(y / SUB), s = Math.max(2, Math.floor(size / SUB));
        if (visible(px, py, s, s)) {
          gfx.rect(px, py, s, s, "hazard");
          gfx.rect(px + 1, py + 1, Math.max(1, s - 2), Math.max(1, s - 2), "text");
        }
      }
      for (const [x, y] of sim.bolts) {
        const bx = Math.floor(x / SUB), by = Math.floor(y / SUB), size = Math.max(2, Math.floor(k.bolt_size / SUB));
        gfx.rect(bx, by, size, size, "player");
        gfx.rect(bx + 1, by + 1, Math.max(1, size - 2), Math.max(1, size - 2), "text");
      }
      drawPuffs(sim, gfx);
      gfx.sprite("player", sim.facing, p.x, p.y, pw, ph, {});
      drawSwing(sim, gfx);
    },
  };
})();
