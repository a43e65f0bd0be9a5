/*
  input.js — what the player holds and presses, latched once per fixed step.
    Maestro.toMask         an action list, name or number -> input mask
    Maestro.input.init     keyboard from the game's controls (KeyboardEvent.code), on-screen touch
                           buttons (touch devices only: the game's touch.buttons, plus pause, and
                           mute when the game has audio), swipes and taps
    Maestro.input.audio    whether the game has music or sound (game.audio): else no mute at all
    Maestro.input.latch    the mask for the next step: keys and buttons held, plus anything
                           pressed and already released since the last latch
    Maestro.input.presses  the presses since the last call (action names, "any" for an unmapped
                           key, "tap" for a tap on the screen), for the engine's scene changes
    Maestro.input.hold     hold a mask from another source (the window.maestro test API)
  Events only record state; the simulation reads it once per step through latch(). Action bits
  come from Maestro.BITS (rules.js), the one table the genre modules read too.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

/** Input mask of `actions`: an array of action names, one name, or a mask number. */
Maestro.toMask = function (actions) {
  if (typeof actions === "number") return actions & 127;
  if (typeof actions === "string") return Maestro.BITS[actions] || 0;
  let mask = 0;
  if (Array.isArray(actions)) for (const name of actions) mask |= Maestro.BITS[name] || 0;
  return mask;
};

Maestro.input = (function () {
  const ENGINE_ACTIONS = ["pause", "restart", "mute", "undo"];
  const MODIFIERS = new Set(["ShiftLeft", "ShiftRight", "ControlLeft", "ControlRight", "AltLeft", "AltRight",
    "MetaLeft", "MetaRight", "Tab", "CapsLock", "ContextMenu", "OSLeft", "OSRight"]);
  const LABELS = { left: "\u25C0", right: "\u25B6", up: "\u25B2", down: "\u25BC", jump: "A", action: "B",
    secondary: "C", undo: "\u21B6", restart: "\u21BB", pause: "II", mute: "\u266A" };
  const BUTTON_FONT = "system-ui, 'Noto Sans', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', " +
    "'Segoe UI Symbol', sans-serif";
  const SMALL = 44, GAP = 6;  // engine buttons (pause, mute, ...) along the top right: size, gap
  const TOP_ROW = 64;         // CSS pixels their row takes at the top (10 + 44 + 10)
  const SWIPE_PX = 24;        // CSS pixels a pointer must travel before it counts as a swipe
  const TAP_MS = 250;         // a shorter touch that did not travel is a tap

  const keyActions = new Map();   // code -> [action names]
  const keysDown = new Set();     // codes held
  const suppressed = new Set();   // codes held across a scene change, ignored until released
  const pointers = new Map();     // pointerId -> action held through a touch button
  const sources = new Map();      // name -> mask held by another source (test API)
  const queue = [];
  let sinceLatch = 0;             // bits pressed since the last latch (a tap shorter than a step)
  let pulse = 0, pulseSteps = 0;  // a swipe's direction, held for a few steps
  let swipe = null;               // the pointer swiping: {id, x, y, t, mask}
  let swipeEnabled = false, tapAction = "", pulseLength = 8;
  let touchRoot = null;
  let audioOn = true;
  let topButtons = [];            // the engine buttons' elements, right to left

  /** Whether this device has a touch screen. */
  function hasTouch() {
    return typeof window !== "undefined" &&
      ("ontouchstart" in window || (typeof navigator !== "undefined" && navigator.maxTouchPoints > 0));
  }

  function heldMask() {
    let mask = 0;
    for (const code of keysDown) {
      if (suppressed.has(code)) continue;
      for (const name of keyActions.get(code) || []) mask |= Maestro.BITS[name] || 0;
    }
    for (const name of pointers.values()) mask |= Maestro.BITS[name] || 0;
    for (const m of sources.values()) mask |= m;
    if (swipe && swipe.mask) mask |= swipe.mask;
    return mask;
  }

  function press(name) {
    queue.push(name);
    if (queue.length > 32) queue.shift();
    sinceLatch |= Maestro.BITS[name] || 0;
  }

  function userInput() {
    if (typeof api.onUser === "function") api.onUser();
  }

  // ---- keyboard ------------------------------------------------------------------------------

  function onKeyDown(event) {
    const actions = keyActions.get(event.code);
    if (actions) event.preventDefault();
    if (event.isTrusted !== false) userInput();
    if (keysDown.has(event.code) || event.repeat) return;
    keysDown.add(event.code);
    suppressed.delete(event.code);
    if (actions) for (const name of actions) press(name);
    else if (!MODIFIERS.has(event.code) && !/^F\d+$/.test(event.code)) press("any");
  }

  function onKeyUp(event) {
    if (keyActions.has(event.code)) event.preventDefault();
    keysDown.delete(event.code);
    suppressed.delete(event.code);
  }

  function releaseAll() {
    keysDown.clear();
    suppressed.clear();
    pointers.clear();
    swipe = null;
  }

  // ---- touch buttons -------------------------------------------------------------------------

  function buttonStyle(el, size) {
    const s = el.style;
    s.position = "absolute";
    s.width = size + "px";
    s.height = size + "px";
    s.margin = "0";
    s.padding = "0";
    s.borderRadius = "50%";
    s.border = "2px solid rgba(255,255,255,0.5)";
    s.background = "rgba(255,255,255,0.16)";
    s.color = "rgba(255,255,255,0.9)";
    s.font = "bold " + Math.round(size * 0.36) + "px " + BUTTON_FONT;
    s.display = "flex";
    s.alignItems = "center";
    s.justifyContent = "center";
    s.pointerEvents = "auto";
    s.touchAction = "none";
    s.userSelect = "none";
    s.webkitUserSelect = "none";
    s.webkitTapHighlightColor = "transparent";
  }

  function place(el, edges) {
    for (const [edge, value] of Object.entries(edges)) {
      el.style[edge] = "calc(" + value + "px + env(safe-area-inset-" + edge + ", 0px))";
    }
  }

  function makeButton(action, size, edges) {
    const el = document.createElement("div");
    el.className = "maestro-touch";
    el.setAttribute("data-action", action);
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", action);
    el.textContent = LABELS[action] || action;
    buttonStyle(el, size);
    place(el, edges);
    const down = function (event) {
      event.preventDefault();
      event.stopPropagation();
      userInput();
      if (el.setPointerCapture) { try { el.setPointerCapture(event.pointerId); } catch (e) { /* ignore */ } }
      if (Maestro.BITS[action]) pointers.set(event.pointerId, action);
      el.style.background = "rgba(255,255,255,0.38)";
      press(action);
    };
    const up = function (event) {
      event.stopPropagation();
      pointers.delete(event.pointerId);
      el.style.background = "rgba(255,255,255,0.16)";
    };
    el.addEventListener("pointerdown", down);
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", up);
    el.addEventListener("lostpointercapture", up);
    el.addEventListener("contextmenu", function (event) { event.preventDefault(); });
    return el;
  }

  /** Whether `game` has music or sound effects: game.audio = {music, sound}, both true when absent. */
  function hasAudio(game) {
    const audio = game && game.audio;
    return !audio || audio.music !== false || audio.sound !== false;
  }

  /**
   * The buttons to show: game.touch.buttons (codex lists only what the rules read), else one per
   * control; then pause always, and mute only when the game has audio (none at all otherwise).
   */
  function touchButtons(game) {
    const controls = game.controls || {};
    const listed = game.touch && Array.isArray(game.touch.buttons) ? game.touch.buttons : null;
    const wanted = listed ? listed.slice() :
      ["left", "right", "up", "down", "jump", "action", "secondary", "undo"].filter((a) => controls[a]);
    for (const always of ["pause", "mute"]) if (wanted.indexOf(always) < 0) wanted.push(always);
    const known = Object.keys(LABELS);
    return wanted.filter((a, i) => known.indexOf(a) >= 0 && wanted.indexOf(a) === i &&
      (a !== "mute" || hasAudio(game)));
  }

  function buildTouch(game) {
    const root = document.createElement("div");
    root.id = "maestro-touch";
    const s = root.style;
    s.position = "fixed";
    s.left = "0"; s.top = "0"; s.right = "0"; s.bottom = "0";
    s.pointerEvents = "none";
    s.zIndex = "10";
    s.userSelect = "none";
    s.webkitUserSelect = "none";
    const buttons = touchButtons(game);
    const has = (a) => buttons.indexOf(a) >= 0;
    const big = 60, small = SMALL, gap = GAP;
    // d-pad, bottom left
    const dpad = { left: { left: 12, bottom: 12 + big / 2 + gap },
      right: { left: 12 + 2 * (big - 8) + 2 * gap, bottom: 12 + big / 2 + gap },
      up: { left: 12 + big - 8 + gap, bottom: 12 + big + 2 * gap + big / 2 - 4 },
      down: { left: 12 + big - 8 + gap, bottom: 12 } };
    if (!has("up") && !has("down")) {
      dpad.left.bottom = 24; dpad.right.bottom = 24; dpad.right.left = 12 + big + 2 * gap;
    }
    for (const a of ["left", "right", "up", "down"]) if (has(a)) root.appendChild(makeButton(a, big, dpad[a]));
    // action buttons, bottom right
    const right = ["jump", "action", "secondary"].filter(has);
    right.forEach(function (a, i) {
      root.appendChild(makeButton(a, big + 6, { right: 12 + i * (big + 6 + gap), bottom: 24 + (i % 2) * 34 }));
    });
    // engine buttons, top right
    const top = ["pause", "mute", "restart", "undo"].filter(has);
    topButtons = top.map(function (a) { return root.appendChild(makeButton(a, small, {})); });
    arrange(0);
    document.body.appendChild(root);
    return root;
  }

  /**
   * Place the engine buttons from the top-right corner: one row, or where the window has a
   * `gutter` (CSS pixels right of the canvas, landscape) wide enough for a button, as many per row
   * as fit in it, so they stay off the canvas and its HUD.
   */
  function arrange(gutter) {
    const fit = Math.max(1, Math.floor((gutter - 10 + GAP) / (SMALL + GAP)));
    const perRow = gutter >= SMALL + 20 ? fit : Math.max(1, topButtons.length);
    topButtons.forEach(function (el, i) {
      place(el, { right: 10 + (i % perRow) * (SMALL + GAP), top: 10 + Math.floor(i / perRow) * (SMALL + GAP) });
    });
  }

  // ---- swipes and taps -----------------------------------------------------------------------

  function onPointerDown(event) {
    userInput();
    if (swipe) return;
    swipe = { id: event.pointerId, x: event.clientX, y: event.clientY, t: Date.now(), mask: 0 };
  }

  function onPointerMove(event) {
    if (!swipe || event.pointerId !== swipe.id || !swipeEnabled) return;
    const dx = event.clientX - swipe.x, dy = event.clientY - swipe.y;
    if (Math.max(Math.abs(dx), Math.abs(dy)) < SWIPE_PX) return;
    const bits = Maestro.BITS;
    const mask = Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? bits.left : bits.right) : (dy < 0 ? bits.up : bits.down);
    if (mask !== swipe.mask) {
      swipe.mask = mask;
      sinceLatch |= mask;
      pulse = mask;
      pulseSteps = pulseLength;
    }
  }

  function onPointerUp(event) {
    if (!swipe || event.pointerId !== swipe.id) return;
    const quick = Date.now() - swipe.t < TAP_MS;
    if (!swipe.mask && quick) {
      queue.push("tap");
      if (swipeEnabled && tapAction) { pulse = Maestro.BITS[tapAction]; pulseSteps = pulseLength; sinceLatch |= pulse; }
    }
    swipe = null;
  }

  // ---- public --------------------------------------------------------------------------------

  const api = {
    /** Called on every real (trusted) key or pointer press; the engine uses it to leave test mode. */
    onUser: null,

    /** Whether on-screen touch buttons were made. */
    get touch() { return touchRoot !== null; },

    /**
     * CSS pixels the touch buttons keep to themselves: `top`, the row of engine buttons along the
     * top (draw.js puts a portrait canvas under it). Zero without touch buttons.
     */
    get reserved() { return { top: touchRoot ? TOP_ROW : 0 }; },

    /** Lay the engine buttons out for a canvas leaving `gutter` CSS pixels on its right (draw.js, on resize). */
    arrange(gutter) { if (touchRoot) arrange(Math.max(0, Number(gutter) || 0)); },

    /** Whether the game has music or sound effects (game.audio); without, there is no mute at all. */
    get audio() { return audioOn; },

    /**
     * Listen to the keyboard with `game.controls` (action -> KeyboardEvent.code list), and on
     * touch devices add the on-screen buttons (#maestro-touch) and swipes. `rules` (the first
     * level's rules) sets how long a swipe holds its direction: one grid move when known.
     */
    init(game, rules) {
      keyActions.clear();
      audioOn = hasAudio(game);
      const controls = (game && game.controls) || {};
      for (const [action, codes] of Object.entries(controls)) {
        if (!Array.isArray(codes) || (action === "mute" && !audioOn)) continue;
        for (const code of codes) {
          const list = keyActions.get(code) || [];
          if (list.indexOf(action) < 0) list.push(action);
          keyActions.set(code, list);
        }
      }
      swipeEnabled = !!(game && game.touch && game.touch.swipe);
      tapAction = controls.jump ? "jump" : (controls.action ? "action" : "");
      if (rules && typeof rules.move_steps === "number" && rules.move_steps > 0) pulseLength = rules.move_steps;
      if (typeof window === "undefined" || typeof document === "undefined") return;
      window.addEventListener("keydown", onKeyDown);
      window.addEventListener("keyup", onKeyUp);
      window.addEventListener("blur", releaseAll);
      document.addEventListener("pointerdown", onPointerDown);
      document.addEventListener("pointermove", onPointerMove);
      document.addEventListener("pointerup", onPointerUp);
      document.addEventListener("pointercancel", onPointerUp);
      if (hasTouch() && !touchRoot) touchRoot = buildTouch(game || {});
    },

    /** The input mask for one step; clears what was pressed since the previous latch. */
    latch() {
      let mask = heldMask() | sinceLatch;
      sinceLatch = 0;
      if (pulseSteps > 0) { mask |= pulse; pulseSteps -= 1; }
      return mask & 127;
    },

    /** Presses since the last call, oldest first: action names, "any" or "tap". */
    presses() { return queue.splice(0, queue.length); },

    /** Hold `mask` on behalf of `source` until released (test API). */
    hold(source, mask) { sources.set(source, mask & 127); },

    /** Stop holding what `source` held. */
    release(source) { sources.delete(source); },

    /**
     * Forget presses and pulses, and ignore keys and buttons still held until they are pressed
     * again: a key that started a level (Space on the title) must not also jump on its first step.
     */
    settle() {
      for (const code of keysDown) suppressed.add(code);
      pointers.clear();
      sinceLatch = 0;
      pulseSteps = 0;
      if (swipe) swipe.mask = 0;
      queue.length = 0;
    },

    /** Whether the action is an engine action (never in a mask). */
    isEngineAction(name) { return ENGINE_ACTIONS.indexOf(name) >= 0; },
  };
  return api;
})();
