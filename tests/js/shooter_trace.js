// Replay a shooter level's solution (or an inputs file) through maestro/runtime/genres/shooter.js in
// Node and print, after every step, the state the cross-check compares with the Python rules model:
//   [x, y, enemies, bullets, score, lives, shots, invuln, cooldown, bombs, power, multiplier, streak,
//    pickups, digest]
// x, y: the ship's top-left in sub-pixels; enemies / bullets / shots / pickups: live enemies, enemy
// bullets, player shots and falling power-ups; power: the power-up kind held (0 none); digest: an
// order-sensitive sum over every enemy's position, hit points and boss phase, every enemy bullet's
// position and velocity, every shot's position and sideways speed and every pickup's position and
// kind (same formula in the Python test). The last line also carries status(sim).
// Stops at done / failed, as trace.js does.
//
// usage: node tests/js/shooter_trace.js <level.json> [inputs.json]
"use strict";
const fs = require("fs");
const { loadRuntime } = require("./runtime");

const [levelPath, inputsPath] = process.argv.slice(2);
const context = loadRuntime("shooter");
const shooter = context.Maestro.genres.shooter;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const inputs = inputsPath ? JSON.parse(fs.readFileSync(inputsPath, "utf8")) : level.solution.inputs;

/** Order-sensitive checksum of every entity (stays far below 2^53 for any real level). */
function digest(sim) {
  let sum = 0;
  sim.enemies.forEach((e, i) => { sum += (i + 1) * (3 * e.x + 5 * e.y + 7 * e.hp + 47 * e.stage); });
  sim.bullets.forEach((b, i) => { sum += (i + 1) * (11 * b.x + 13 * b.y + 17 * b.vx + 19 * b.vy); });
  sim.shots.forEach((s, i) => { sum += (i + 1) * (23 * s[0] + 29 * s[1] + 43 * s[2]); });
  sim.pickups.forEach((p, i) => { sum += (i + 1) * (31 * p[0] + 37 * p[1] + 41 * p[2]); });
  return sum;
}

const sim = shooter.load(level);
const rows = [];
outer: for (const [mask, steps] of inputs) {
  for (let i = 0; i < steps; i++) {
    shooter.step(sim, mask);
    const [x, y] = shooter.trace(sim);
    rows.push([x, y, sim.enemies.length, sim.bullets.length, sim.score, sim.lives, sim.shots.length,
      sim.invuln, sim.cooldown, sim.bombs, sim.power, sim.multiplier, sim.streak, sim.pickups.length, digest(sim)]);
    if (sim.done || sim.failed) break outer;
  }
}
process.stdout.write(JSON.stringify({ rows, done: !!sim.done, failed: sim.failed || "", steps: sim.step,
  score: sim.score, lives: sim.lives, stats: shooter.stats(sim), status: shooter.status(sim) }));
