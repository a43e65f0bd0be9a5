/*
  genres/puzzle.js — Sokoban-style pushing, ported bit for bit from maestro/rules/puzzle.py.
    Maestro.genres.puzzle.load     a level file object -> sim (board, player, crates, counters)
    Maestro.genres.puzzle.step     one step of the rules: start a move by priority, slide, snap, complete
    Maestro.genres.puzzle.undo     runtime only: put back the player and crates as before the last move
    Maestro.genres.puzzle.trace    the player's exact position [x, y] in sub-pixels (cross-check)
    Maestro.genres.puzzle.player   the player's top-left in whole pixels
    Maestro.genres.puzzle.view     the logical screen, 320x240
    Maestro.genres.puzzle.draw     the room centred in the view: tiles, targets, crates, player

  The board: "." floor and "+" target are walkable, every other character and everything outside
  the map blocks. Crates are the entities of kind "crate", in list order. Constants come from
  level.rules only (tile, move_steps, speed, priority). A move claims its cells on its first step
  and slides `speed` sub-pixels a step for `move_steps` steps; the level is complete when a move
  ends with every crate on a target. Puzzle has no failure: sim.failed stays "".

  Undo is a runtime feature the rules model does not have: step() records a snapshot of the cells
  and counters when a move starts and keeps it once the move ends; undo() puts the last one back.
  The snapshots never feed back into the rules, so a replay through step() alone is exactly the
  Python model's. Constants are read with Maestro.readRules, input bits from Maestro.BITS (rules.js).
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });
Maestro.genres = Maestro.genres || {};

(function () {
  const { left: LEFT, right: RIGHT, up: UP, down: DOWN } = Maestro.BITS;
  /** Cell offset [dcol, drow] of each direction mask. */
  const VECTORS = { [UP]: [0, -1], [DOWN]: [0, 1], [LEFT]: [-1, 0], [RIGHT]: [1, 0] };
  const LETTERS = { [UP]: "u", [DOWN]: "d", [LEFT]: "l", [RIGHT]: "r" };
  const FACING = { [UP]: "up", [DOWN]: "down", [LEFT]: "left", [RIGHT]: "right" };
  /** Rows characters that can be entered: "." (empty) and "+" (target), as the Python LEGEND. */
  const WALKABLE = new Set([".", "+"]);
  /** Every constant of maestro.rules.puzzle.Tuning, in field order, with its type (Maestro.readRules). */
  const TUNING_FIELDS = { tile: "int", move_steps: "int", speed: "int", priority: "ints" };
  /** Snapshots kept for undo (the oldest are dropped beyond this). */
  const UNDO_LIMIT = 4096;

  /** The constants of level.rules, checked as maestro/rules/puzzle.py:Tuning.from_rules does. */
  function tuningFrom(levelRules) {
    const rules = Maestro.readRules(levelRules, TUNING_FIELDS);
    const priority = rules.priority;
    for (const name of ["tile", "move_steps", "speed"]) {
      if (rules[name] <= 0) throw new Error(`rules.${name} must be a positive integer, got ${rules[name]}`);
    }
    const sorted = priority.slice().sort((a, b) => a - b);
    if (sorted.length !== 4 || sorted[0] !== LEFT || sorted[1] !== RIGHT || sorted[2] !== UP || sorted[3] !== DOWN) {
      const shown = priority.length === 1 ? `(${priority[0]},)` : `(${priority.join(", ")})`;  // Python's tuple repr
      throw new Error(`rules.priority must list the four direction masks once each, got ${shown}`);
    }
    if (rules.speed * rules.move_steps !== rules.tile * Maestro.SUB) {
      throw new Error("rules.speed * rules.move_steps must equal one tile in sub-pixels");
    }
    return { tile: rules.tile, moveSteps: rules.move_steps, speed: rules.speed, priority };
  }

  /** Walkable and target flags of every cell; short rows are padded with void as in Python. */
  function boardFrom(rows, tuning) {
    let width = 0;
    for (const row of rows) width = Math.max(width, row.length);
    const walkable = [], target = [];
    for (const row of rows) {
      for (let col = 0; col < width; col++) {
        const char = col < row.length ? row[col] : " ";
        walkable.push(WALKABLE.has(char));
        target.push(char === "+");
      }
    }
    return { width, height: rows.length, walkable, target, tuning };
  }

  function canEnter(board, col, row) {
    return col >= 0 && col < board.width && row >= 0 && row < board.height && board.walkable[row * board.width + col];
  }

  function isTarget(board, col, row) {
    return col >= 0 && col < board.width && row >= 0 && row < board.height && board.target[row * board.width + col];
  }

  /** A body on a cell's top-left pixel (x, y); throws as Python's _place does. */
  function place(board, name, x, y) {
    const tile = board.tuning.tile;
    if (x % tile || y % tile) throw new Error(`${name} at x=${x}, y=${y} px is not on the ${tile} px grid`);
    const col = Math.floor(x / tile), row = Math.floor(y / tile);
    if (!canEnter(board, col, row)) throw new Error(`${name} starts inside a wall at col ${col}, row ${row}`);
    return { id: name, col, row, x: x * Maestro.SUB, y: y * Maestro.SUB };
  }

  /** Index of the first crate (list order) claiming a cell, or -1. */
  function crateAt(sim, col, row) {
    const crates = sim.crates;
    for (let i = 0; i < crates.length; i++) {
      if (crates[i].col === col && crates[i].row === row) return i;
    }
    return -1;
  }

  function block(sim, direction, what) {
    sim.blocked += 1;
    if (!sim.firstBlock) sim.firstBlock = `step ${sim.step}: moving ${FACING[direction]} was blocked (${what})`;
  }

  /** Cells and counters as they are now: one undo snapshot. */
  function snapshot(sim) {
    return {
      player: [sim.playerBody.col, sim.playerBody.row],
      crates: sim.crates.map((crate) => [crate.col, crate.row]),
      moves: sim.moves, pushes: sim.pushes, history: sim.history.length, facing: sim.facing,
    };
  }

  function tryStart(sim, mask) {
    const board = sim.board;
    let direction = 0;
    for (const bit of board.tuning.priority) {
      if (mask & bit) { direction = bit; break; }
    }
    if (direction === 0) return;
    sim.facing = FACING[direction];
    const [dcol, drow] = VECTORS[direction];
    const player = sim.playerBody;
    const col = player.col + dcol, row = player.row + drow;
    if (!canEnter(board, col, row)) {
      block(sim, direction, `wall at col ${col}, row ${row}`);
      return;
    }
    const pushed = crateAt(sim, col, row);
    let crate = null, beyondCol = 0, beyondRow = 0;
    if (pushed >= 0) {
      crate = sim.crates[pushed];
      beyondCol = col + dcol;
      beyondRow = row + drow;
      if (!canEnter(board, beyondCol, beyondRow)) {
        block(sim, direction, `${crate.id} would hit the wall at col ${beyondCol}, row ${beyondRow}`);
        return;
      }
      const other = crateAt(sim, beyondCol, beyondRow);
      if (other >= 0) {
        block(sim, direction, `${crate.id} would hit ${sim.crates[other].id}`);
        return;
      }
    }
    sim.moving = snapshot(sim);  // for undo only; the rules never read it
    if (crate) {
      crate.col = beyondCol;
      crate.row = beyondRow;
    }
    player.col = col;
    player.row = row;
    sim.direction = direction;
    sim.progress = 0;
    sim.pushed = pushed;
    const sfx = Maestro.audio && Maestro.audio.sfx;
    if (typeof sfx === "function") sfx.call(Maestro.audio, pushed >= 0 ? "push" : "step");
  }

  function advance(sim) {
    const board = sim.board;
    const [dcol, drow] = VECTORS[sim.direction];
    const speed = board.tuning.speed;
    const bodies = sim.pushed < 0 ? [sim.playerBody] : [sim.playerBody, sim.crates[sim.pushed]];
    sim.progress += 1;
    for (const body of bodies) {
      body.x += dcol * speed;
      body.y += drow * speed;
    }
    if (sim.progress < board.tuning.moveSteps) return;
    const unit = board.tuning.tile * Maestro.SUB;
    for (const body of bodies) {
      body.x = body.col * unit;
      body.y = body.row * unit;
    }
    const letter = LETTERS[sim.direction];
    sim.history.push(sim.pushed < 0 ? letter : letter.toUpperCase());
    sim.moves += 1;
    sim.pushes += sim.pushed >= 0 ? 1 : 0;
    sim.direction = 0;
    sim.progress = 0;
    sim.pushed = -1;
    if (sim.moving) {
      sim.past.push(sim.moving);
      if (sim.past.length > UNDO_LIMIT) sim.past.shift();
      sim.moving = null;
    }
    sim.done = sim.crates.every((crate) => isTarget(board, crate.col, crate.row));
  }

  /** The player's top-left in whole pixels. */
  function pixels(sim) {
    return { x: Math.floor(sim.playerBody.x / Maestro.SUB), y: Math.floor(sim.playerBody.y / Maestro.SUB) };
  }

  /** Put the player and crates on the cells of a snapshot, exactly on the grid, idle. */
  function restore(sim, shot) {
    const unit = sim.board.tuning.tile * Maestro.SUB;
    const bodies = [sim.playerBody, ...sim.crates];
    const cells = [shot.player, ...shot.crates];
    bodies.forEach((body, i) => {
      body.col = cells[i][0];
      body.row = cells[i][1];
      body.x = body.col * unit;
      body.y = body.row * unit;
    });
    sim.moves = shot.moves;
    sim.pushes = shot.pushes;
    sim.history.length = shot.history;
    sim.facing = shot.facing;
    sim.direction = 0;
    sim.progress = 0;
    sim.pushed = -1;
    sim.moving = null;
    sim.done = sim.crates.every((crate) => isTarget(sim.board, crate.col, crate.row));
  }

  Maestro.genres.puzzle = {
    view: { w: 320, h: 240 },

    /**
     * A sim from a level file object alone (constants from level.rules). Throws an Error with the
     * same message as Python's LevelError when the level cannot be played.
     */
    load(level) {
      const tuning = tuningFrom(level.rules);
      const board = boardFrom(level.rows, tuning);
      const playerBody = place(board, "the player", level.player.x, level.player.y);
      const crates = [];
      for (const entity of level.entities || []) {
        if (entity.kind === "crate") crates.push(place(board, entity.id, entity.x, entity.y));
      }
      if (!crates.length) throw new Error("the level has no crates to push");
      const taken = new Map([[playerBody.col + "," + playerBody.row, playerBody.id]]);
      for (const crate of crates) {
        const key = crate.col + "," + crate.row;
        if (taken.has(key)) throw new Error(`${crate.id} shares col ${crate.col}, row ${crate.row} with ${taken.get(key)}`);
        taken.set(key, crate.id);
      }
      const targets = board.target.filter(Boolean).length;
      if (targets < crates.length) {
        throw new Error(`${crates.length} crates but only ${targets} targets: the level cannot be completed`);
      }
      return {
        level, board, playerBody, crates,
        step: 0, done: false, failed: "", score: 0,
        direction: 0, progress: 0, pushed: -1,
        moves: 0, pushes: 0, blocked: 0, firstBlock: "", history: [],
        facing: "down", past: [], moving: null,
      };
    },

    /** One step with `mask` held, in the order of maestro/rules/puzzle.py:step. */
    step(sim, mask) {
      sim.step += 1;
      if (sim.direction === 0) tryStart(sim, mask);
      if (sim.direction !== 0) advance(sim);
    },

    /**
     * Runtime undo (the game's undo action; not part of the rules model). A move in progress is
     * cancelled back to where it started; otherwise the last completed move is taken back: the
     * player's and crates' cells, moves, pushes and the move letters are restored, bodies snap to
     * their cells. sim.step (time played) and sim.blocked keep counting. Returns whether anything
     * was undone; does nothing once the level is done.
     */
    undo(sim) {
      if (sim.done) return false;
      const shot = sim.moving || sim.past.pop();
      if (!shot) return false;
      restore(sim, shot);
      const sfx = Maestro.audio && Maestro.audio.sfx;
      if (typeof sfx === "function") sfx.call(Maestro.audio, "undo");
      return true;
    },

    /** The player's exact top-left [x, y] in sub-pixels. */
    trace(sim) {
      return [sim.playerBody.x, sim.playerBody.y];
    },

    /** The player's top-left in whole pixels. */
    player(sim) {
      return pixels(sim);
    },

    /**
     * Draw the room centred in the view (the camera may be negative), zoomed to fill the screen when
     * it is small (whole pixels only, the HUD bars left clear): floor and walls, the target
     * pads, the crates where they slide (a crate resting on a target is drawn see-through over it
     * with an accent bar), then the player facing its last direction, animated only while moving.
     */
    draw(sim, gfx) {
      const board = sim.board;
      const tile = board.tuning.tile;
      const SUB = Maestro.SUB;
      const roomW = board.width * tile, roomH = board.height * tile;
      // A small room is drawn larger, whole pixels only, leaving the HUD bars above and below clear.
      const hud = Maestro.engine && Maestro.engine.hud;
      const bars = 2 * ((hud && hud.bar) || 14);
      if (typeof gfx.zoom === "function") {
        gfx.zoom(Math.min((gfx.w - 8) / roomW, (gfx.h - bars) / roomH));
      }
      const me = pixels(sim);
      const axis = (room, view, at) => (room <= view ? Math.floor((room - view) / 2)
        : Math.max(0, Math.min(room - view, at + Math.floor(tile / 2) - Math.floor(view / 2))));
      const cx = axis(roomW, gfx.w, me.x), cy = axis(roomH, gfx.h, me.y);
      gfx.camera(cx, cy);
      gfx.tiles(sim.level, { side: false });
      for (let row = 0; row < board.height; row++) {
        for (let col = 0; col < board.width; col++) {
          if (board.target[row * board.width + col]) gfx.tile("target", col, row);
        }
      }
      const accent = (gfx.colours && gfx.colours.accent) || "#ffd34d";
      for (const crate of sim.crates) {
        const x = Math.floor(crate.x / SUB), y = Math.floor(crate.y / SUB);
        const resting = crate.x === crate.col * tile * SUB && crate.y === crate.row * tile * SUB;
        if (resting && isTarget(board, crate.col, crate.row)) {
          gfx.sprite("crate:Crate", "idle", x, y, tile, tile, { frame: 0, alpha: 0.7 });
          gfx.rect(x + 2, y + tile - 3, tile - 4, 2, accent);
        } else {
          gfx.sprite("crate:Crate", "idle", x, y, tile, tile, { frame: 0 });
        }
      }
      const opts = sim.direction === 0 ? { frame: 0 } : {};
      gfx.sprite("player", sim.facing, me.x, me.y, tile, tile, opts);
    },
  };
})();
