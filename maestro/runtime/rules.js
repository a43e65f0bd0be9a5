/*
  rules.js — what every genre module shares with the Python rules model; loaded before them.
    Maestro.BITS        action name -> input mask bit (left 1, right 2, up 4, down 8, jump 16,
                        action 32, secondary 64), as maestro/rules/inputs.py
    Maestro.readRules   a level file's `rules` -> the constants a genre names, checked as
                        maestro/rules/tuning.py:RulesTuning.from_rules checks them (every one
                        required, of its type), with the same error messages
  A genre keeps its own table of constants (name -> "int", "bool" or "ints"), in the field order
  of its Python Tuning dataclass, and checks how constants relate to each other itself.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });
Maestro.genres = Maestro.genres || {};

Maestro.BITS = Object.freeze({ left: 1, right: 2, up: 4, down: 8, jump: 16, action: 32, secondary: 64 });

(function () {
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const isInt = (value) => typeof value === "number" && Number.isInteger(value);

  /** A string as Python's repr() writes it: single quotes unless it holds one and no double. */
  function reprString(text) {
    const quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    let out = quote;
    for (const char of text) {
      const code = char.codePointAt(0);
      if (char === "\\" || char === quote) out += "\\" + char;
      else if (char === "\n") out += "\\n";
      else if (char === "\r") out += "\\r";
      else if (char === "\t") out += "\\t";
      else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += "\\x" + code.toString(16).padStart(2, "0");
      else out += char;
    }
    return out + quote;
  }

  /** A number as Python's repr() writes it (a fraction below 1e-4 in exponent form, e.g. 1e-05). */
  function reprNumber(value) {
    if (Number.isNaN(value)) return "nan";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    if (isInt(value) || Math.abs(value) >= 1e-4) return String(value);
    return value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  }

  /** A JSON value as Python's repr() writes the value json.loads makes of it (for messages). */
  function repr(value) {
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number") return reprNumber(value);
    if (typeof value === "string") return reprString(value);
    if (Array.isArray(value)) return "[" + value.map(repr).join(", ") + "]";
    if (typeof value === "object") {
      return "{" + Object.keys(value).map((key) => reprString(key) + ": " + repr(value[key])).join(", ") + "}";
    }
    return String(value);
  }

  /**
   * The constants `spec` names, read from a level file's `rules` object: `spec` maps each name to
   * "int" (an integer, never true or false), "bool" (true or false) or "ints" (a list of
   * integers, copied). Names are checked in the spec's order; other keys of `rules` are ignored.
   * Throws an Error naming the first constant missing or mistyped, word for word as
   * RulesTuning.from_rules: "rules.X is missing from the level file", "rules.X must be an
   * integer, got True", "rules.X must be true or false, got 1", "rules.X must be a list of
   * integers, got ...".
   */
  Maestro.readRules = function (rules, spec) {
    const source = rules && typeof rules === "object" ? rules : {};
    const out = {};
    for (const name of Object.keys(spec)) {
      if (!own(source, name)) throw new Error("rules." + name + " is missing from the level file");
      const value = source[name], type = spec[name];
      if (type === "int") {
        if (!isInt(value)) throw new Error("rules." + name + " must be an integer, got " + repr(value));
        out[name] = value;
      } else if (type === "bool") {
        if (typeof value !== "boolean") throw new Error("rules." + name + " must be true or false, got " + repr(value));
        out[name] = value;
      } else if (type === "ints") {
        if (!Array.isArray(value) || !value.every(isInt)) {
          throw new Error("rules." + name + " must be a list of integers, got " + repr(value));
        }
        out[name] = value.slice();
      } else {
        throw new Error("rules." + name + ": unknown constant type " + repr(type) + " in the genre's table");
      }
    }
    return out;
  };
})();
