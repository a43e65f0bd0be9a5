/*
  motion.js — fixed-point units, boxes and scripted motion, as maestro/rules/geometry.py.
    Maestro.SUB        sub-pixels per pixel (256)
    Maestro.overlaps   whether two boxes overlap (touching edges do not count)
    Maestro.motionAt   an entity's top-left (sub-pixels) on its path at a step
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

Maestro.SUB = 256;

/** Whether boxes (ax, ay, aw, ah) and (bx, by, bw, bh) overlap. */
Maestro.overlaps = function (ax, ay, aw, ah, bx, by, bw, bh) {
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
};

/** Number of segments a motion's cycle is split into. */
Maestro.motionSegments = function (motion) {
  const points = motion.path.length;
  return motion.mode === "pingpong" ? 2 * (points - 1) : points;
};

/**
 * Top-left position [x, y] in sub-pixels of an entity following `motion` at `step`.
 * Integer arithmetic with floor division, exactly as the Python reference.
 */
Maestro.motionAt = function (motion, step) {
  const SUB = Maestro.SUB;
  const points = motion.path;
  const segments = Maestro.motionSegments(motion);
  const perSegment = Math.max(1, Math.floor(motion.period / segments));
  const offset = motion.offset || 0;
  const phase = (((step + offset) % motion.period) + motion.period) % motion.period;
  const segment = Math.floor(phase / perSegment);
  if (segment >= segments) return [points[0].x * SUB, points[0].y * SUB];
  const within = phase % perSegment;
  const count = points.length;
  let start, end;
  if (motion.mode === "pingpong") {
    start = segment < count - 1 ? segment : 2 * (count - 1) - segment;
    end = segment < count - 1 ? start + 1 : start - 1;
  } else {
    start = segment;
    end = (segment + 1) % count;
  }
  const a = points[start], b = points[end];
  const x = a.x * SUB + Math.floor(((b.x - a.x) * SUB * within) / perSegment);
  const y = a.y * SUB + Math.floor(((b.y - a.y) * SUB * within) / perSegment);
  return [x, y];
};
