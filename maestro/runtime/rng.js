/*
  rng.js — the seeded random number generator.
    Maestro.Rng   mulberry32, the same numbers as maestro/rng.py, so anything the
                  game draws at random is the same on every run of the same build.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

/** mulberry32: a 32-bit state, one multiply-xorshift round per draw. */
Maestro.Rng = class Rng {
  /** @param {number} seed 32-bit unsigned seed */
  constructor(seed) { this.state = seed >>> 0; }

  /** The next unsigned 32-bit integer. */
  nextU32() {
    this.state = (this.state + 0x6D2B79F5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
    t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0;
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n). */
  below(n) { return this.nextU32() % n; }

  /** An integer in [low, high], both included. */
  between(low, high) { return low + this.below(high - low + 1); }
};
