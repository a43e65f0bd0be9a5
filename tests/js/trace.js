// Replay a level file's solution through a runtime genre module in Node and print the player's
// exact position (sub-pixels) after every step, as JSON: the JavaScript half of the cross-check
// against the Python rules model.
//
// usage: node tests/js/trace.js <genre> <level.json> [inputs.json]
"use strict";
const fs = require("fs");
const { loadRuntime } = require("./runtime");

const [genre, levelPath, inputsPath] = process.argv.slice(2);
const context = loadRuntime(genre);
const genreModule = context.Maestro.genres[genre];
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const inputs = inputsPath ? JSON.parse(fs.readFileSync(inputsPath, "utf8")) : level.solution.inputs;
const sim = genreModule.load(level);
const out = [];
for (const [mask, steps] of inputs) {
  for (let i = 0; i < steps; i++) {
    genreModule.step(sim, mask);
    out.push(genreModule.trace(sim));
    if (sim.done || sim.failed) break;
  }
  if (sim.done || sim.failed) break;
}
process.stdout.write(JSON.stringify({ positions: out, done: !!sim.done, failed: sim.failed || "", steps: sim.step,
  score: sim.score }));
