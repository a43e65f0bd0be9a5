/*
  fake_genre.js — a stand-in genre module for the engine's own tests (never shipped).
    Maestro.genres.fake   a box that walks 1 px per step while RIGHT (or LEFT) is held; the level
                          is done once x passes level.rules.goal_x (default 100); holding DOWN
                          fails it ("fell"); crossing x = 50 scores 10 points; every 16 px walked
                          counts a move (so the engine's generic undo has something to take back).
                          level.rules.own_lives = 1 gives the sim its own lives (like the shooter);
                          status() reports enemies and kills by how far it walked (mistyped on
                          purpose) and a key the engine does not know.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

Maestro.genres.fake = {
  view: { w: 320, h: 240 },

  /** A fresh sim for `level`. */
  load(level) {
    const rules = level.rules || {};
    const sim = { level: level, step: 0, done: false, failed: "", score: 0, x: level.player.x, y: level.player.y,
      moves: 0, walked: 0, goal: rules.goal_x || 100 };
    if (rules.own_lives) sim.lives = 1;
    return sim;
  },

  /** One step with input `mask`. */
  step(sim, mask) {
    sim.step += 1;
    const dx = (mask & 2 ? 1 : 0) - (mask & 1 ? 1 : 0);
    if (dx) {
      const before = sim.x;
      sim.x += dx;
      sim.walked += 1;
      if (sim.walked % 16 === 0) sim.moves += 1;
      if (before < 50 && sim.x >= 50) { sim.score += 10; Maestro.audio?.sfx?.("collect"); }
    }
    if (mask & 16) Maestro.audio?.sfx?.("jump");
    if (mask & 8) { sim.failed = "fell"; if (sim.lives) sim.lives -= 1; }
    if (sim.x > sim.goal) sim.done = true;
  },

  /** Exact position in sub-pixels. */
  trace(sim) { return [sim.x * 256, sim.y * 256]; },

  /** Top-left in pixels. */
  player(sim) { return { x: sim.x, y: sim.y }; },

  /** What a bot reads, some of it mistyped on purpose (the engine coerces and keeps known keys). */
  status(sim) {
    return { enemies: String(3 - Math.min(3, Math.floor(sim.x / 30))), kills: Math.floor(sim.x / 30), power: 7,
      secret: "never shown" };
  },

  /** Draw through every part of the gfx API. */
  draw(sim, gfx) {
    const cx = Math.max(0, sim.x - 100);
    gfx.camera(cx, 0);
    gfx.backgrounds(cx, 0);
    gfx.tiles(sim.level, { side: true });
    gfx.tile("goal", 8, 10);
    gfx.sprite("enemy:Slime", "move", 160, 160, 16, 16, { flip: true });
    gfx.sprite("enemy:Nobody", "idle", 190, 160, 16, 16, {});
    gfx.sprite("item:Nothing", "spin", 210, 160, 16, 16, { alpha: 0.5, frame: 1 });
    gfx.sprite("mystery", "idle", 230, 160, 16, 16);
    gfx.rect(sim.x, sim.y - 4, 4, 2, "accent");
    gfx.sprite("player", sim.x % 2 ? "run" : "idle", sim.x, sim.y, 12, 14, { flip: false });
  },
};
