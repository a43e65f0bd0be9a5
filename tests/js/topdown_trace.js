// Replay a top-down level through the runtime module in Node and print, after every step, the
// player's exact position, every body's position and hp and every turret shot and bolt (sub-pixels), as JSON: the JavaScript
// half of the top-down cross-check (chasers and the attack move bodies the player's trace can't show).
//
// usage: node tests/js/topdown_trace.js <level.json> [inputs.json]
"use strict";
const fs = require("fs");
const { loadRuntime } = require("./runtime");

const [levelPath, inputsPath] = process.argv.slice(2);
const context = loadRuntime("topdown");
const genre = context.Maestro.genres.topdown;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const inputs = inputsPath ? JSON.parse(fs.readFileSync(inputsPath, "utf8")) : level.solution.inputs;
const sim = genre.load(level);
const positions = [], bodies = [], shots = [];
outer:
for (const [mask, steps] of inputs) {
  for (let i = 0; i < steps; i++) {
    genre.step(sim, mask);
    positions.push(genre.trace(sim));
    bodies.push(genre.bodies(sim));
    shots.push(genre.shots(sim).concat(genre.bolts(sim).map((b) => ["bolt", ...b])));
    if (sim.done || sim.failed) break outer;
  }
}
const status = genre.status(sim);
process.stdout.write(JSON.stringify({ positions, bodies, shots, done: !!sim.done, failed: sim.failed || "", steps: sim.step,
  score: sim.score, kills: status.kills, enemies: status.enemies }));
