// Exercise the puzzle runtime's undo in Node: play some inputs, then undo one move at a time until
// nothing is left to undo, printing the board state before and after every undo as JSON; then
// replay the level's solution from the restored start and report whether it still completes.
// The Python test compares each state with the rules model's state after that many moves.
//
// usage: node tests/js/undo_check.js <level.json> <inputs.json>
"use strict";
const fs = require("fs");
const { loadRuntime } = require("./runtime");

const [levelPath, inputsPath] = process.argv.slice(2);
const context = loadRuntime("puzzle");
const sounds = [];
context.Maestro.audio = { sfx: (name) => sounds.push(name) };
const puzzle = context.Maestro.genres.puzzle;
const level = JSON.parse(fs.readFileSync(levelPath, "utf8"));
const inputs = JSON.parse(fs.readFileSync(inputsPath, "utf8"));

function state(sim) {
  return {
    player: [sim.playerBody.col, sim.playerBody.row, ...puzzle.trace(sim)],
    crates: sim.crates.map((c) => [c.col, c.row, c.x, c.y]),
    moves: sim.moves, pushes: sim.pushes, history: sim.history.join(""), direction: sim.direction,
    step: sim.step, done: !!sim.done,
  };
}

function play(sim, script) {
  for (const [mask, steps] of script) {
    for (let i = 0; i < steps; i++) {
      puzzle.step(sim, mask);
      if (sim.done) return;
    }
  }
}

const sim = puzzle.load(level);
play(sim, inputs);
const before = state(sim);
const undos = [];
while (puzzle.undo(sim)) {
  undos.push(state(sim));
  if (undos.length > 10000) throw new Error("undo never ran out");
}
const stepsBefore = sim.step;
play(sim, level.solution.inputs);
const again = { done: !!sim.done, steps: sim.step - stepsBefore, moves: sim.moves, history: sim.history.join("") };
const doneUndo = puzzle.undo(sim);
process.stdout.write(JSON.stringify({ before, undos, again, undoWhenDone: doneUndo, sounds }));
