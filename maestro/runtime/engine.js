/*
  engine.js — boots the game from window.MAESTRO_DATA and runs it.
    Maestro.engine        the running game (scene, level, score, lives) — see state()
    fixed step            60 simulation steps per second from an accumulator; drawing on
                          requestAnimationFrame, separate from the simulation; the input mask is
                          latched once per step (Maestro.input.latch)
    scenes                title -> playing <-> paused -> level_complete -> playing ... -> won;
                          lives exhausted -> lost; restart, mute and undo keys
    lives                 kept by the engine: sim.failed costs a life and restarts the level; a
                          sim with its own `lives` (shooter) ends the game when sim.failed is set
    HUD and screens       score, lives, level name; title, pause, banner, win and lose screens,
                          all drawn on the canvas (never as HTML); the HUD's font is sized from
                          the canvas's CSS scale so it reads at >= 14 CSS px on a phone (the
                          canvas's data-hud-font attribute says how big, in CSS px)
    audio                 game.audio {music, sound}: with neither, mute does nothing and no
                          mute hint is drawn (input.js shows no mute button, codex binds no key)
    window.maestro        the test API: ready, state(), start(level), step(n, actions),
                          solution(level), solve(level)
  Genre modules (Maestro.genres[game.genre]) follow the contract in README.md.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

Maestro.engine = (function () {
  const STEP_MS = 1000 / 60;
  const MAX_CATCH_UP = 5;         // steps per frame at most; a longer stall is dropped, not replayed
  const BANNER_MS = 1500;         // the level-complete banner, unless a key skips it
  const GUARD_MS = 350;           // presses this soon after a banner or end screen appears are ignored
  const FLASH_MS = 450;           // red flash after losing a life
  const STAR_POINTS = 100;        // a puzzle level's score per star of its rating
  const SOLVE_CHUNK = 600;        // steps between yields while solve() replays a solution
  const HUD_CSS_PX = 14;          // the HUD's text is at least this tall on screen, in CSS pixels
  const HUD_MIN = 9, HUD_MAX = 16; // the HUD's font size in view pixels: never smaller, never larger
  const DEFAULT_TEXTS = { win: "You win!", lose: "Game over", press_start: "Press any key",
    paused: "Paused", level_complete: "Level complete!", restart: "Press R to play again", best: "Best",
    new_best: "New best!", moves: "Moves", par: "Par" };

  let game = {}, levels = [], module = null, texts = DEFAULT_TEXTS;
  let scene = "title";
  let levelIndex = 0;             // 0-based index into levels
  let sim = null, titleSim = null;
  let score = 0;                  // banked: the sum of sim.score of completed levels
  let lives = 3;
  let attempt = 0;                // counts level loads, so a replay notices a restart
  let manual = false;             // the test API drives the steps; the frame loop only draws
  let acc = 0, lastFrame = 0, sceneStart = 0, flashUntil = 0;
  let history = null, marks = [], lastMoves = 0;   // steps of this attempt, for generic undo
  let best = 0, newBest = false;  // the high score kept in localStorage for this game, and whether it fell
  let stars = 0;                  // a move-counting level's rating against par, once completed
  let hudSize = HUD_MIN;          // the HUD's font size in view pixels at the current scale (layoutHud)
  const reported = new Set();
  let resolveReady = null;
  const ready = new Promise(function (resolve) { resolveReady = resolve; });

  function now() { return typeof performance !== "undefined" ? performance.now() : Date.now(); }

  function audio() { return Maestro.audio || null; }

  function sfx(kind) { const a = audio(); if (a) a.sfx(kind); }

  /** Whether the game has music or sound effects at all (game.audio; both on when absent). */
  function audible() {
    const a = game && game.audio;
    return !a || a.music !== false || a.sound !== false;
  }

  /**
   * A font size in view pixels, at least `size`, that shows at least HUD_CSS_PX CSS pixels tall
   * at the canvas's current scale (Maestro.draw.scale, CSS pixels per view pixel), up to HUD_MAX.
   */
  function readable(size) {
    const scale = Maestro.draw.scale || 1;
    return Math.max(size, Math.min(HUD_MAX, Math.ceil(HUD_CSS_PX / scale - 1e-6)));
  }

  /** Size the HUD for the current scale (after every resize) and say so on the canvas. */
  function layoutHud() {
    hudSize = readable(HUD_MIN);
    const canvas = Maestro.draw.canvas;
    if (canvas) canvas.setAttribute("data-hud-font", (hudSize * Maestro.draw.scale).toFixed(1));
  }

  /** The HUD bar's height in view pixels: the font and a margin. */
  function hudBar() { return hudSize + 5; }

  /** Log an unexpected error once (a broken genre module must not flood the console). */
  function report(where, error) {
    const message = where + ": " + (error && error.message ? error.message : String(error));
    if (reported.has(message)) return;
    reported.add(message);
    if (typeof console !== "undefined") console.error("[maestro] " + message, error);
  }

  function startingLives() {
    const n = Math.floor(Number(game.lives));
    return n >= 1 ? n : 3;
  }

  function levelName(i) {
    const file = levels[i] || {};
    const listed = (Array.isArray(game.levels) ? game.levels : [])[i] || {};
    return String(file.name || listed.name || "Level " + (i + 1));
  }

  function levelNumber(i) { return (levels[i] && levels[i].index) || i + 1; }

  // ---- the high score: per game (title and genre), in localStorage where the page may use it ------

  function bestKey() { return "maestro.best:" + String(game.genre || "") + ":" + String(game.title || ""); }

  function loadBest() {
    try {
      const value = Math.floor(Number(window.localStorage.getItem(bestKey())));
      return value > 0 ? value : 0;
    } catch (error) {   // storage refused (a sandboxed frame, privacy settings): no high score, no error
      return 0;
    }
  }

  /** At the end of a game: keep the score if it beats the best. */
  function settleBest() {
    newBest = score > best;
    if (!newBest) return;
    best = score;
    try { window.localStorage.setItem(bestKey(), String(best)); } catch (error) { /* kept for this page */ }
  }

  /** Moves of a level that counts them (puzzle), and its par; null elsewhere. */
  function moveCount() {
    if (!sim || typeof sim.moves !== "number") return null;
    const par = Math.floor(Number((levels[levelIndex] || {}).par)) || 0;
    return { moves: sim.moves, par: par };
  }

  /** 3 stars at or under par, 2 within half as many again, else 1. */
  function rating(count) {
    if (!count || !count.par) return 0;
    if (count.moves <= count.par) return 3;
    return count.moves <= Math.ceil(count.par * 1.5) ? 2 : 1;
  }

  function setScene(name) {
    scene = name;
    sceneStart = now();
  }

  // ---- levels, lives and score ------------------------------------------------------------------

  function loadLevel(i) {
    sim = module.load(levels[i]);
    attempt += 1;
    history = typeof module.undo !== "function" && sim && typeof sim.moves === "number" ? [] : null;
    marks = [];
    lastMoves = sim && typeof sim.moves === "number" ? sim.moves : 0;
  }

  /** Go to playing level i (0-based) from its start; score and lives are kept. */
  function startLevel(i) {
    if (!module || !levels.length) return false;
    levelIndex = Math.max(0, Math.min(levels.length - 1, i));
    if (lives <= 0) lives = startingLives();
    loadLevel(levelIndex);
    setScene("playing");
    acc = 0;
    const a = audio();
    if (a) { a.duck(false); a.level(levelNumber(levelIndex)); }
    if (Maestro.input) Maestro.input.settle();
    return true;
  }

  function newGame() {
    score = 0;
    newBest = false;
    lives = startingLives();
    startLevel(0);
  }

  function toTitle() {
    setScene("title");
    score = 0;
    newBest = false;
    lives = startingLives();
    const a = audio();
    if (a) { a.duck(false); a.title(); }
  }

  function completeLevel() {
    stars = rating(moveCount());
    // a move-counting level (puzzle) scores its rating against par; the others, what their sim counted
    score += stars ? STAR_POINTS * stars : Number(sim.score) || 0;
    if (levelIndex >= levels.length - 1) {
      settleBest();
      setScene("won");
      const a = audio();
      if (a) a.jingle("win");
    } else {
      setScene("level_complete");
      sfx("win");
    }
  }

  function lose() {
    settleBest();
    setScene("lost");
    const a = audio();
    if (a) a.jingle("lose");
  }

  function failed() {
    sfx("hurt");
    flashUntil = now() + FLASH_MS;
    if (typeof sim.lives === "number") { lose(); return; }
    lives -= 1;
    if (lives <= 0) { lives = 0; lose(); return; }
    loadLevel(levelIndex);
  }

  /** One fixed step of the playing level with input `mask`, then the scene change it causes. */
  function advance(mask) {
    module.step(sim, mask);
    if (history) {
      history.push(mask);
      if (typeof sim.moves === "number" && sim.moves !== lastMoves) {
        lastMoves = sim.moves;
        marks.push({ at: history.length, player: playerOf(sim) });
      }
    }
    if (sim.done) completeLevel();
    else if (sim.failed) failed();
  }

  /**
   * Undo the last move: the genre's own undo(sim) when it has one; otherwise, for a sim that
   * counts `moves` (puzzle), replay this attempt's steps up to the end of the previous move.
   */
  function undo() {
    if (typeof module.undo === "function") {
      const result = module.undo(sim);
      if (result && typeof result === "object") sim = result;   // the module plays its own sound
      return;
    }
    if (!history || typeof sim.moves !== "number" || !history.length) return;
    const last = marks[marks.length - 1];
    const here = playerOf(sim);
    const moving = last ? (here.x !== last.player.x || here.y !== last.player.y) : true;
    if (!moving && last) marks.pop();
    const mark = moving ? last : marks[marks.length - 1];
    const cut = mark ? mark.at : 0;
    const fresh = module.load(levels[levelIndex]);
    const a = audio();
    if (a) a.quiet = true;
    try {
      for (let i = 0; i < cut; i++) module.step(fresh, history[i]);
    } finally {
      if (a) a.quiet = false;
    }
    sim = fresh;
    history.length = cut;
    lastMoves = fresh.moves;
    sfx("undo");
  }

  function playerOf(s) {
    if (!s || !module || typeof module.player !== "function") return { x: 0, y: 0 };
    const p = module.player(s) || {};
    return { x: Number(p.x) || 0, y: Number(p.y) || 0 };
  }

  function shownScore() {
    const live = sim && (scene === "playing" || scene === "paused") ? Number(sim.score) || 0 : 0;
    return score + live;
  }

  function shownLives() {
    return sim && typeof sim.lives === "number" ? sim.lives : lives;
  }

  // ---- presses ----------------------------------------------------------------------------------

  function handle(press) {
    const a = audio();
    if (press === "mute") { if (a && audible()) a.toggleMute(); return; }
    const age = now() - sceneStart;
    switch (scene) {
      case "title":
        if (!module || !levels.length) return;
        sfx("select");
        newGame();
        return;
      case "playing":
        if (press === "pause") {
          setScene("paused");
          sfx("pause");
          if (a) a.duck(true);
        } else if (press === "restart") {
          startLevel(levelIndex);
        } else if (press === "undo") {
          undo();
        }
        return;
      case "paused":
        if (press === "pause" || press === "tap") {
          setScene("playing");
          acc = 0;
          Maestro.input.settle();
          if (a) a.duck(false);
        } else if (press === "restart") {
          startLevel(levelIndex);
        }
        return;
      case "level_complete":
        if (age >= GUARD_MS) startLevel(levelIndex + 1);
        return;
      case "won":
      case "lost":
        if (age < GUARD_MS) return;
        if (press === "restart") newGame();
        else toTitle();
        return;
      default:
    }
  }

  // ---- the frame loop ---------------------------------------------------------------------------

  function frame(time) {
    requestAnimationFrame(frame);
    const dt = lastFrame ? Math.min(250, Math.max(0, time - lastFrame)) : 0;
    lastFrame = time;
    for (const press of Maestro.input.presses()) {
      try { handle(press); } catch (error) { report(press, error); }
    }
    if (scene === "playing" && !manual && module && sim) {
      acc += dt;
      let steps = 0;
      try {
        while (acc >= STEP_MS && steps < MAX_CATCH_UP && scene === "playing") {
          acc -= STEP_MS;
          steps += 1;
          advance(Maestro.input.latch());
        }
      } catch (error) {
        report("step", error);
        setScene("paused");
      }
      if (steps >= MAX_CATCH_UP) acc = 0;
    } else {
      acc = 0;
    }
    if (scene === "level_complete" && !manual && now() - sceneStart >= BANNER_MS) startLevel(levelIndex + 1);
    try {
      render();
    } catch (error) {
      report("render", error);
    }
  }

  function onVisibility() {
    if (document.hidden && scene === "playing" && !manual) {
      setScene("paused");
      const a = audio();
      if (a) a.duck(true);
    }
  }

  // ---- drawing ----------------------------------------------------------------------------------

  function drawWorld(s) {
    if (!s || !module || typeof module.draw !== "function") return;
    const shown = (s === titleSim ? levels[0] : levels[levelIndex]) || {};
    if (typeof Maestro.draw.theme === "function") Maestro.draw.theme(shown.theme);  // its background set
    try {
      module.draw(s, Maestro.draw.gfx);
    } catch (error) {
      report("draw", error);
    }
    Maestro.draw.screen();
  }

  function blink() { return Math.floor(Maestro.draw.gfx.tick / 32) % 2 === 0; }

  /** The playing level's boss {name, hp, max} when its genre has one to show, else null. */
  function bossOf(s) {
    if (!s || !module || typeof module.boss !== "function") return null;
    try {
      const b = module.boss(s);
      return b && Number(b.max) > 0 ? { name: String(b.name), hp: Number(b.hp) || 0, max: Number(b.max) } : null;
    } catch (error) {
      report("boss", error);
      return null;
    }
  }

  /** What a bot reads of the playing level beyond the engine's own fields (see README.md). */
  const STATUS = { enemies: "number", kills: "number", hp: "number", bombs: "number", power: "string",
    multiplier: "number", bullets: "number", nearest: "number" };
  function statusOf(s) {
    const out = {};
    for (const key of Object.keys(STATUS)) out[key] = null;
    if (!s || !module || typeof module.status !== "function") return out;
    try {
      const got = module.status(s) || {};
      for (const [key, type] of Object.entries(STATUS)) {
        if (got[key] === undefined || got[key] === null) continue;
        out[key] = type === "number" ? Number(got[key]) || 0 : String(got[key]);
      }
    } catch (error) {
      report("status", error);
    }
    return out;
  }

  /** Under the HUD: the boss's name and a bar of the hp it has left. */
  function bossBar() {
    const b = bossOf(sim);
    if (!b) return;
    const d = Maestro.draw, w = d.gfx.w, width = Math.round(w / 2), x = Math.round(w / 4);
    const size = hudSize - 1, y = hudBar() + 1 + Math.ceil(size / 2);
    d.text(b.name, w / 2, y, { size: size, colour: "text", maxWidth: w - 24 });
    const top = y + Math.ceil(size / 2) + 2;
    d.gfx.screenRect(x, top, width, 4, "outline");
    d.gfx.screenRect(x, top, Math.round(width * Math.max(0, Math.min(1, b.hp / b.max))), 4, "hazard");
  }

  /** The bar along the top: score (or moves) left, level in the middle, lives (or par) right. */
  function hud() {
    const d = Maestro.draw, w = d.gfx.w, size = hudSize, bar = hudBar(), y = Math.round(bar / 2);
    d.shade("background", 0.7, 0, bar);
    const count = moveCount();
    // a puzzle: moves against par mean something here, stars and hearts do not
    const left = count ? texts.moves + " " + count.moves : "\u2605 " + shownScore();
    const right = count ? (count.par ? texts.par + " " + count.par : "") : "\u2665 " + shownLives();
    d.text(left, 4, y, { size: size, align: "left" });
    if (right) d.text(right, w - 4, y, { size: size, align: "right" });
    const sides = Math.max(d.measure(left, size), d.measure(right, size), 40);
    d.text(levelNumber(levelIndex) + ". " + levelName(levelIndex), w / 2, y,
      { size: size, colour: "text", maxWidth: Math.max(40, w - 2 * sides - 24) });
    const a = audio();
    if (a && a.muted && audible()) {
      d.text("\u266A\u00D7", w - 4, bar + 1 + Math.ceil(size / 2), { size: size - 1, align: "right", colour: "text" });
    }
    bossBar();
  }

  function screenTitle() {
    const d = Maestro.draw, w = d.gfx.w, h = d.gfx.h;
    if (titleSim) drawWorld(titleSim);
    else d.gfx.backgrounds(0, 0);
    d.shade("background", 0.6);
    d.text(game.title || "", w / 2, Math.round(h * 0.38), { size: Math.round(h / 8), maxWidth: w - 24,
      colour: "text" });
    if (game.tagline) {
      d.text(String(game.tagline), w / 2, Math.round(h * 0.38 + h / 10), { size: readable(Math.round(h / 24)),
        maxWidth: w - 32, colour: "text" });
    }
    if (!module || !levels.length) {
      d.text("No playable levels", w / 2, Math.round(h * 0.66), { size: readable(10) });
    } else if (blink()) {
      d.text(texts.press_start, w / 2, Math.round(h * 0.66), { size: readable(12), maxWidth: w - 24 });
    }
    if (best > 0) d.text(texts.best + " \u2605 " + best, w / 2, Math.round(h * 0.8), { size: readable(9), colour: "text" });
  }

  function render() {
    const d = Maestro.draw;
    if (!d.begin()) return;
    const w = d.gfx.w, h = d.gfx.h;
    if (scene === "title") { screenTitle(); return; }
    drawWorld(sim);
    const t = now();
    if (t < flashUntil) d.shade("hazard", 0.45 * (flashUntil - t) / FLASH_MS);
    hud();
    if (scene === "paused") {
      d.shade("background", 0.7);
      d.text(texts.paused, w / 2, h / 2, { size: 20, maxWidth: w - 24 });
    } else if (scene === "level_complete") {
      d.shade("background", 0.85, Math.round(h / 2) - 26, 52);
      d.text(texts.level_complete, w / 2, h / 2 - 8, { size: 16, maxWidth: w - 24 });
      d.text(stars ? "\u2605".repeat(stars) + "\u2606".repeat(3 - stars) : "\u2605 " + score, w / 2, h / 2 + 12,
        { size: readable(10) });
    } else if (scene === "won" || scene === "lost") {
      d.shade("background", 0.75);
      const won = scene === "won";
      d.text(won ? texts.win : texts.lose, w / 2, Math.round(h * 0.36), { size: 22, maxWidth: w - 24 });
      d.text("\u2605 " + score, w / 2, Math.round(h * 0.5), { size: 12 });
      if (newBest || best > 0) {
        d.text(newBest ? texts.new_best : texts.best + " \u2605 " + best, w / 2, Math.round(h * 0.6),
          { size: readable(10), colour: "text", maxWidth: w - 24 });
      }
      if (blink()) d.text(texts.restart, w / 2, Math.round(h * 0.74), { size: readable(10), maxWidth: w - 24 });
    }
  }

  // ---- the test API -----------------------------------------------------------------------------

  /** The game as tests see it. */
  function state() {
    const playingLevel = scene !== "title" && sim !== null;
    return {
      scene: scene,
      level: playingLevel ? levelIndex + 1 : 0,
      levels: levels.length,
      score: shownScore(),
      lives: shownLives(),
      step: playingLevel && sim ? Number(sim.step) || 0 : 0,
      player: playingLevel ? playerOf(sim) : { x: 0, y: 0 },
      muted: !!(audio() && audio().muted && audible()),
      best: best,
      newBest: newBest,
      moves: playingLevel && moveCount() ? moveCount().moves : null,
      par: playingLevel && moveCount() ? moveCount().par : null,
      stars: scene === "level_complete" || scene === "won" ? stars : 0,
      boss: playingLevel ? bossOf(sim) : null,
      ...statusOf(playingLevel ? sim : null),
    };
  }

  /** Play level `level` (1-based) from its start, keeping score and lives; enters test mode. */
  function start(level) {
    manual = true;
    startLevel((Math.floor(Number(level)) || 1) - 1);
    return state();
  }

  /** Run up to n steps of the playing level holding `mask`; stops at a completion, loss or restart. */
  function run(n, mask) {
    manual = true;
    if (!module || !sim) return;
    Maestro.input.hold("test", mask);
    try {
      const mine = attempt;
      for (let i = 0; i < n && scene === "playing" && attempt === mine; i++) advance(Maestro.input.latch());
    } finally {
      Maestro.input.release("test");
    }
  }

  /**
   * Advance the simulation n steps with `actions` held (names or a mask), through the same input
   * path as the keyboard. From the title it starts level 1, from a level-complete banner the next
   * level, from pause it resumes; on won/lost it does nothing. Stops early when the level
   * completes, the game ends or a lost life restarts the level. Returns state().
   */
  function step(n, actions) {
    manual = true;
    if (scene === "title") startLevel(0);
    else if (scene === "level_complete") startLevel(levelIndex + 1);
    else if (scene === "paused") setScene("playing");
    run(Math.max(0, Math.floor(Number(n)) || 0), Maestro.toMask(actions || 0));
    return state();
  }

  /** The shipped solution of level `level` (1-based): {inputs: [[mask, steps], ...], steps, ...}. */
  function solution(level) {
    const file = levels[(Math.floor(Number(level)) || 1) - 1];
    return file && file.solution ? file.solution : null;
  }

  /** Start level `level` and replay its solution through step(); resolves to the final state(). */
  async function solve(level) {
    start(level);
    const sol = solution(level);
    if (!sol || !Array.isArray(sol.inputs) || !sim) return state();
    const mine = attempt;
    let budget = SOLVE_CHUNK;
    for (const [mask, steps] of sol.inputs) {
      let left = steps;
      while (left > 0) {
        if (scene !== "playing" || attempt !== mine) return state();
        const k = Math.min(left, budget);
        run(k, mask);
        left -= k;
        budget -= k;
        if (budget <= 0) {
          budget = SOLVE_CHUNK;
          await new Promise(function (resolve) { setTimeout(resolve, 0); });
        }
      }
    }
    return state();
  }

  // ---- boot -------------------------------------------------------------------------------------

  /** Start the game from `data` (window.MAESTRO_DATA); draws the title screen. */
  function boot(data) {
    data = data || {};
    game = data.game || {};
    levels = Array.isArray(data.levels) ? data.levels : [];
    module = (Maestro.genres || {})[game.genre] || null;
    texts = Object.assign({}, DEFAULT_TEXTS);
    for (const [key, value] of Object.entries(game.texts || {})) if (value) texts[key] = String(value);
    lives = startingLives();
    best = loadBest();
    if (game.title) document.title = String(game.title);
    if (Maestro.audio) Maestro.audio.init(data.audio);
    Maestro.input.init(game, levels[0] && levels[0].rules);
    Maestro.input.onUser = function () { manual = false; };
    const loading = Maestro.draw.init(data, module && module.view);
    Maestro.draw.onResize = layoutHud;
    layoutHud();
    if (module && levels.length) {
      try { titleSim = module.load(levels[0]); } catch (error) { report("load", error); }
    }
    toTitle();
    document.addEventListener("visibilitychange", onVisibility);
    requestAnimationFrame(frame);
    loading.then(function () { resolveReady(state()); });
  }

  if (typeof window !== "undefined") {
    window.maestro = { ready: ready, state: state, start: start, step: step, solution: solution, solve: solve };
    const go = function () {
      try {
        boot(window.MAESTRO_DATA);
      } catch (error) {
        report("boot", error);
        resolveReady(state());
      }
    };
    if (typeof document !== "undefined" && document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", go);
    } else if (typeof document !== "undefined") {
      go();
    }
  }

  return { state: state, start: start, step: step, solution: solution, solve: solve, boot: boot,
    get manual() { return manual; },
    /** The HUD as laid out now: font size in view pixels (`size`) and in CSS pixels (`fontPx`). */
    get hud() { return { size: hudSize, fontPx: hudSize * (Maestro.draw.scale || 1), bar: hudBar() }; } };
})();
