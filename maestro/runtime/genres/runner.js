/*
  genres/runner.js — the runner genre: an auto-scrolling side view where the player can only
  jump and duck; a port of maestro/rules/runner.py, bit for bit.
    Maestro.genres.runner.tuning(rules)     the rules constants from a level file (checked)
    Maestro.genres.runner.speedAt(t, step)  run speed (sub-pixels per step) during a step
    Maestro.genres.runner.load(level)       a fresh run of a level file (the state before step 0)
    Maestro.genres.runner.step(sim, mask)   one step of the rules, in the reference's exact order:
                                            jump press / coyote time, jump cut, duck, forward run
                                            with the wall check, gravity and vertical collision,
                                            falling out of the map, entities in list order (with
                                            their motion), the goal column
    Maestro.genres.runner.trace(sim)        [x, feet] in sub-pixels, as the Python state holds them
    Maestro.genres.runner.player(sim)       the player's box top-left in whole pixels
    Maestro.genres.runner.view              the logical screen, 320 x 240
    Maestro.genres.runner.draw(sim, gfx)    camera leading the runner, backgrounds, tiles,
                                            obstacles, items, enemies and boss, the player
  Geometry: tiles are 16 px; only "#" is solid, everything else (and everything outside the map)
  is air. The player's reference height is its feet (bottom edge, exclusive); its top is
  feet - h with h = duck_h while ducking, player_h otherwise. All values are integers in
  sub-pixels (Maestro.SUB per pixel) and steps; floor division is Math.floor(a / b).
  The reference keeps solid rows as bitmasks and culls entities by column; this port checks the
  same two columns and the same rows with plain loops and walks every entity in list order, with
  identical results. Constants are read with Maestro.readRules, input bits from Maestro.BITS
  (rules.js).
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });
Maestro.genres = Maestro.genres || {};

(function () {
  const TILE = 16;
  /** Input bits the runner reads (Maestro.BITS, as maestro/rules/inputs.py). */
  const { up: UP, down: DOWN, jump: JUMP } = Maestro.BITS;
  /** Every constant of maestro.rules.runner.Tuning, in field order, with its type (Maestro.readRules). */
  const FIELDS = { player_w: "int", player_h: "int", duck_h: "int", gravity: "int", max_fall: "int",
    jump_speed: "int", jump_cut: "int", coyote: "int", run_speed_start: "int", run_speed_max: "int",
    run_accel: "int", speedup_every: "int", max_steps: "int" };

  /**
   * The rules constants a level file carries, as maestro/rules/runner.py:Tuning.from_rules:
   * every field must be present and an integer (Maestro.readRules), and the sizes consistent;
   * throws an Error naming what is not.
   */
  function tuning(rules) {
    const t = Maestro.readRules(rules, FIELDS);
    if (t.speedup_every < 1 || t.player_w < 1 || t.duck_h < 1 || t.player_h < t.duck_h) {
      throw new Error("rules: speedup_every, player_w and duck_h must be positive, duck_h <= player_h");
    }
    return t;
  }

  /** Run speed (sub-pixels per step) during step `step`, as Tuning.speed_at. */
  function speedAt(t, step) {
    return Math.min(t.run_speed_max, t.run_speed_start + t.run_accel * Math.floor(step / t.speedup_every));
  }

  /** Whether cell (c, r) is solid; outside the map is air. */
  function solidAt(sim, c, r) {
    return c >= 0 && c < sim.width && r >= 0 && r < sim.height && sim.grid[r * sim.width + c] === 1;
  }

  /**
   * The solid rows that columns c0 and c1 hold between sub-pixel heights [top, bottom) (rows
   * clamped to the map, as _row_bits): null when none, else {first, last} — the smallest and the
   * largest row index hit.
   */
  function hitRows(sim, c0, c1, top, bottom) {
    const TS = TILE * Maestro.SUB;
    const r0 = Math.max(0, Math.floor(top / TS));
    const r1 = Math.min(sim.height - 1, Math.floor((bottom - 1) / TS));
    let first = -1, last = -1;
    for (let r = r0; r <= r1; r++) {
      if (solidAt(sim, c0, r) || solidAt(sim, c1, r)) {
        if (first < 0) first = r;
        last = r;
      }
    }
    return first < 0 ? null : { first: first, last: last };
  }

  /** Whether column c holds any solid row between [top, bottom) (sub-pixels). */
  function columnHits(sim, c, top, bottom) {
    return hitRows(sim, c, c, top, bottom) !== null;
  }

  /** Left edge (pixels) of the run of empty columns under x, as World.gap_start. */
  function gapStart(sim, x) {
    let c = Math.floor((x + Math.floor(sim.t.player_w / 2)) / (TILE * Maestro.SUB));
    const empty = (k) => k < 0 || k >= sim.width || !sim.solidColumn[k];
    while (c > 0 && empty(c - 1)) c -= 1;
    return c * TILE;
  }

  /**
   * A fresh run of `level` (a parsed level file): the state before step 0. Throws an Error when
   * the file lacks a rules constant or the player starts left of the map.
   */
  function load(level) {
    const SUB = Maestro.SUB, TS = TILE * SUB;
    const t = tuning(level.rules);
    if (level.player.x < 0) throw new Error("the player must start at x >= 0");
    const width = level.width, height = level.height;
    const grid = new Uint8Array(width * height);
    const solidColumn = new Uint8Array(width);
    let goalCol = -1;
    const rows = level.rows.slice(0, height);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const end = Math.min(row.length, width);
      for (let c = 0; c < end; c++) {
        const ch = row[c];
        if (ch === "#") {
          grid[r * width + c] = 1;
          solidColumn[c] = 1;
        } else if (ch === "G" && (goalCol < 0 || c < goalCol)) {
          goalCol = c;
        }
      }
    }
    const bodies = (level.entities || []).map((e) => ({
      kind: e.kind, name: e.name, x: e.x * SUB, y: e.y * SUB, w: e.w * SUB, h: e.h * SUB,
      motion: e.motion || null, points: e.points || 0, item: e.kind === "item", collected: false,
    }));
    const sim = {
      level: level, t: t, width: width, height: height, grid: grid, solidColumn: solidColumn,
      goalX: goalCol >= 0 ? goalCol * TS : null, bodies: bodies,
      step: 0, x: level.player.x * SUB, feet: level.player.y * SUB + t.player_h, vy: 0, air: 0,
      ducking: false, held: false, vx: t.run_speed_start, score: 0, items: 0, done: false, failed: "",
    };
    const grounded = hitRows(sim, Math.floor(sim.x / TS), Math.floor((sim.x + t.player_w - 1) / TS),
      sim.feet - t.player_h + 1, sim.feet + 1) !== null;
    sim.air = grounded ? 0 : t.coyote + 1;
    return sim;
  }

  /** Play an effect if the audio module is present. */
  function sfx(name) {
    const audio = Maestro.audio;
    if (audio && typeof audio.sfx === "function") audio.sfx(name);
  }

  /**
   * One step of the rules with input mask `mask`, exactly as maestro/rules/runner.py:advance.
   * Does nothing once the run has ended (sim.done or sim.failed).
   */
  function step(sim, mask) {
    if (sim.done || sim.failed) return;
    const SUB = Maestro.SUB, TS = TILE * SUB;
    const t = sim.t;
    const pw = t.player_w, ph = t.player_h, coyote = t.coyote;
    if (sim.step >= t.max_steps) {
      sim.failed = "still running after " + sim.step + " steps";
      return;
    }
    const n = sim.step;
    sim.step = n + 1;
    // 1-2. Jump: a press (held now, not the step before) with air <= coyote.
    const jumpHeld = (mask & (JUMP | UP)) !== 0;
    if (jumpHeld && !sim.held && sim.air <= coyote) {
      sim.vy = -t.jump_speed;
      sim.air = coyote + 1;
      sim.ducking = false;
      sfx("jump");
    }
    sim.held = jumpHeld;
    // 3. Variable height.
    if (!jumpHeld && sim.vy < -t.jump_cut) sim.vy = -t.jump_cut;
    // 4. Duck; stand up only where the standing box (current x, feet) is free.
    if ((mask & DOWN) !== 0 && sim.air === 0) {
      sim.ducking = true;
    } else if (sim.ducking) {
      sim.ducking = hitRows(sim, Math.floor(sim.x / TS), Math.floor((sim.x + pw - 1) / TS),
        sim.feet - ph, sim.feet) !== null;
    }
    const h = sim.ducking ? t.duck_h : ph;
    // 5. Run.
    sim.vx = speedAt(t, n);
    sim.x += sim.vx;
    const x = sim.x;
    const c0 = Math.floor(x / TS), c1 = Math.floor((x + pw - 1) / TS);
    if (hitRows(sim, c0, c1, sim.feet - h, sim.feet) !== null) {
      const wall = columnHits(sim, c1, sim.feet - h, sim.feet) ? c1 : c0;
      sim.failed = "hit a wall at x=" + wall * TILE + " px (step " + n + ")";
      return;
    }
    // 6. Fall.
    sim.vy = Math.min(sim.vy + t.gravity, t.max_fall);
    sim.feet += sim.vy;
    const hits = hitRows(sim, c0, c1, sim.feet - h, sim.feet);
    if (hits !== null) {
      if (sim.vy >= 0) {
        sim.feet = hits.first * TS;
        sim.air = 0;
      } else {
        sim.feet = (hits.last + 1) * TS + h;
        if (sim.air <= coyote) sim.air += 1;
      }
      sim.vy = 0;
    } else if (sim.air <= coyote) {
      sim.air += 1;
    }
    // 7. Out of the map.
    const top = sim.feet - h;
    if (top >= sim.height * TS) {
      sim.failed = "fell into the gap at x=" + gapStart(sim, x) + " px (step " + n + ")";
      return;
    }
    // 8. Entities, in list order, at their step-n positions (none once the left edge is off the map).
    if (c0 >= 0 && c0 < sim.width) {
      for (const body of sim.bodies) {
        if (body.item && body.collected) continue;
        let ex = body.x, ey = body.y;
        if (body.motion) {
          const at = Maestro.motionAt(body.motion, n);
          ex = at[0];
          ey = at[1];
        }
        if (ex < x + pw && x < ex + body.w && ey < sim.feet && top < ey + body.h) {
          if (body.item) {
            body.collected = true;
            sim.score += body.points;
            sim.items += 1;
            sfx("collect");
          } else {
            sim.failed = "touched " + body.name + " at step " + n + " (x=" + Math.floor(ex / SUB) + " px)";
            return;
          }
        }
      }
    }
    // 9. Goal.
    if (sim.goalX !== null && x + pw > sim.goalX) sim.done = true;
  }

  /** The player's position as the Python state holds it: [x, feet] in sub-pixels (feet = bottom edge). */
  function trace(sim) {
    return [sim.x, sim.feet];
  }

  /** The player's current box height in sub-pixels (duck_h while ducking). */
  function boxHeight(sim) {
    return sim.ducking ? sim.t.duck_h : sim.t.player_h;
  }

  /** The player's box top-left in whole pixels. */
  function player(sim) {
    const SUB = Maestro.SUB;
    return { x: Math.floor(sim.x / SUB), y: Math.floor((sim.feet - boxHeight(sim)) / SUB) };
  }

  const view = { w: 320, h: 240 };

  /** The top-left of the view in world pixels: the runner a quarter from the left, inside the map. */
  function camera(sim, w, h) {
    const SUB = Maestro.SUB;
    const mapW = sim.width * TILE, mapH = sim.height * TILE;
    const centre = Math.floor((sim.x + Math.floor(sim.t.player_w / 2)) / SUB);
    const cx = Math.max(0, Math.min(Math.max(0, mapW - w), centre - Math.floor(w / 4)));
    // A map shorter than the screen sits on its bottom edge (sky above); a taller one follows the runner.
    const feetY = Math.floor(sim.feet / SUB);
    const cy = mapH <= h ? mapH - h : Math.max(0, Math.min(mapH - h, feetY - Math.floor((2 * h) / 3)));
    return [cx, cy];
  }

  /** A duck bar: barrier from ``top`` (screen top or map top) down to the beam at the box's bottom. */
  function hangingBar(gfx, b, top) {
    const bottom = b.y + b.h, beam = 6;
    gfx.rect(b.x, top, b.w, bottom - beam - top, "outline");
    for (let x = b.x + 3; x < b.x + b.w - 1; x += 5) gfx.rect(x, top, 1, bottom - beam - top, "hazard");
    gfx.rect(b.x - 2, bottom - beam, b.w + 4, beam, "hazard");
    for (let x = b.x - 2; x < b.x + b.w + 2; x += 6) gfx.rect(x, bottom - beam, 3, beam, "accent");
    gfx.rect(b.x - 2, bottom - 1, b.w + 4, 1, "outline");
  }

  /** Draw the world: camera, backgrounds, tiles, obstacles, items, enemies and boss, the player. */
  function draw(sim, gfx) {
    const SUB = Maestro.SUB;
    const w = gfx.w || view.w, h = gfx.h || view.h;
    const [cx, cy] = camera(sim, w, h);
    gfx.camera(cx, cy);
    gfx.backgrounds(cx, cy);
    gfx.tiles(sim.level, { side: true });
    const at = Math.max(0, sim.step - 1); // the step whose positions the rules checked last
    const boxes = [];
    for (const body of sim.bodies) {
      let ex = body.x, ey = body.y;
      if (body.motion) {
        const p = Maestro.motionAt(body.motion, at);
        ex = p[0];
        ey = p[1];
      }
      const x = Math.floor(ex / SUB), y = Math.floor(ey / SUB);
      const bw = Math.floor(body.w / SUB), bh = Math.floor(body.h / SUB);
      if (x + bw < cx || x > cx + w) continue;
      boxes.push({ body: body, x: x, y: y, w: bw, h: bh });
    }
    // Obstacles. One hanging from the map's top (a duck bar) is drawn as what it is: a dark
    // barrier coming down from above the screen to a striped beam, open underneath, so it reads
    // as "get under this" rather than a plank to jump onto.
    for (const b of boxes) {
      if (b.body.item || b.body.kind === "enemy" || b.body.kind === "boss") continue;
      if (b.body.kind === "obstacle" && b.y <= 0) {
        hangingBar(gfx, b, Math.min(cy, b.y));
        continue;
      }
      gfx.sprite(b.body.kind + ":" + b.body.name, "idle", b.x, b.y, b.w, b.h, { fill: true });
    }
    for (const b of boxes) {
      if (b.body.item && !b.body.collected) gfx.sprite("item:" + b.body.name, "idle", b.x, b.y, b.w, b.h);
    }
    for (const b of boxes) {
      if (b.body.kind === "enemy" || b.body.kind === "boss") {
        gfx.sprite(b.body.kind + ":" + b.body.name, "move", b.x, b.y, b.w, b.h);
      }
    }
    const p = player(sim);
    const anim = sim.ducking ? "duck" : (sim.air > 0 ? "jump" : "run");
    gfx.sprite("player", anim, p.x, p.y, Math.floor(sim.t.player_w / SUB), Math.floor(boxHeight(sim) / SUB));
  }

  Maestro.genres.runner = {
    tuning: tuning, speedAt: speedAt, load: load, step: step, trace: trace, player: player, view: view,
    draw: draw,
  };
})();
