// Load the runtime's rules files (rules.js, motion.js, genres/<genre>.js, rng.js) into a fresh vm
// context, in the order a page loads them as classic scripts: the Node harnesses' shared start.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const RUNTIME = path.join(__dirname, "..", "..", "maestro", "runtime");

/** A new context holding `Maestro` with the given genre's module; `extra` adds globals first. */
function loadRuntime(genre, extra) {
  const context = Object.assign({ console, Math, JSON, Object, Array, Number, String, Boolean, Error, Map, Set },
    extra || {});
  context.window = context;
  vm.createContext(context);
  for (const file of ["rules.js", "motion.js", path.join("genres", genre + ".js"), "rng.js"]) {
    vm.runInContext(fs.readFileSync(path.join(RUNTIME, file), "utf8"), context, { filename: file });
  }
  return context;
}

module.exports = { loadRuntime, RUNTIME };
