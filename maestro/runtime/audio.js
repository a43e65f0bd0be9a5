/*
  audio.js — music and sound effects through WebAudio.
    Maestro.audio.init    the embedded audio: MAESTRO_DATA.audio = {map: audio.json, files: {name: base64}}
    Maestro.audio.music   which loop should play ("music-level-1.mp3", ...); starts once audio may play
    Maestro.audio.level   the loop of a level (audio.json "levels"), by 1-based level index
    Maestro.audio.title   the title loop
    Maestro.audio.jingle  a one-shot jingle ("win" / "lose") in place of the music
    Maestro.audio.sfx     an effect by kind ("jump", "collect", ...) from audio.json "sfx"
    Maestro.audio.toggleMute / muted / duck
  Browsers let audio start only after a user gesture, so the AudioContext is made (or resumed) on
  the first key or pointer press. Files (MP3) are decoded the first time they are needed and cached.
  A loop plays its seamless span (audio.json "loops": [start, end] seconds, past the decoder's
  priming), so it joins without a gap in every browser; an effect starts at its first sound, so a
  decoder's leading silence never delays a jump. The mix is in the files (audio.json "mix_db":
  each effect's margin under the music), so music and effects go through equal gains.
  Nothing here throws: without WebAudio (Node, some headless browsers) every call does nothing.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

Maestro.audio = (function () {
  const MUSIC_VOLUME = 0.7, DUCKED = 0.2, SFX_VOLUME = 0.7, SFX_GAP_MS = 40, SILENT = 1e-3;
  let map = {}, files = {};
  let ctx = null, master = null, musicGain = null, sfxGain = null;
  let muted = false, ducked = false;
  let wanted = null;             // {name, loop}: the music that should be playing
  let playing = null;            // {name, source}
  const buffers = new Map();     // file name -> Promise<AudioBuffer | null>
  const onsets = new Map();      // file name -> seconds of leading silence
  const lastSfx = new Map();     // file name -> time last played (ms)

  function safe(fn) {
    try { return fn(); } catch (e) { return undefined; }
  }

  function contextClass() {
    if (typeof window === "undefined") return null;
    return window.AudioContext || window.webkitAudioContext || null;
  }

  /** Make or resume the AudioContext; called from user gestures only. */
  function unlock() {
    safe(function () {
      if (!ctx) {
        const Ctx = contextClass();
        if (!Ctx) return;
        ctx = new Ctx();
        master = ctx.createGain();
        master.gain.value = muted ? 0 : 1;
        master.connect(ctx.destination);
        musicGain = ctx.createGain();
        musicGain.gain.value = ducked ? DUCKED : MUSIC_VOLUME;
        musicGain.connect(master);
        sfxGain = ctx.createGain();
        sfxGain.gain.value = SFX_VOLUME;
        sfxGain.connect(master);
        for (const name of Object.values(map.sfx || {})) decode(name);
      }
      if (ctx.state === "suspended") {
        const resumed = ctx.resume();
        if (resumed && resumed.catch) resumed.catch(function () { /* still blocked */ });
      }
      sync();
    });
  }

  function bytes(text) {
    const b64 = String(text).replace(/^data:[^,]*,/, "");
    const raw = atob(b64);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out.buffer;
  }

  /** The decoded buffer of a file, or null when it is missing or undecodable. */
  function decode(name) {
    if (!ctx || !name) return Promise.resolve(null);
    if (buffers.has(name)) return buffers.get(name);
    const promise = new Promise(function (resolve) {
      const data = files[name];
      if (!data) { resolve(null); return; }
      try {
        const done = function (buffer) { onsets.set(name, onset(buffer)); resolve(buffer); };
        const result = ctx.decodeAudioData(bytes(data), done, function () { resolve(null); });
        if (result && result.then) result.then(done, function () { resolve(null); });
      } catch (e) {
        resolve(null);
      }
    });
    buffers.set(name, promise);
    return promise;
  }

  /** Seconds before the first audible sample (a decoder may keep the encoder's priming silence). */
  function onset(buffer) {
    if (!buffer || !buffer.getChannelData) return 0;
    const data = buffer.getChannelData(0);
    const limit = Math.min(data.length, Math.round(buffer.sampleRate * 0.2));
    for (let i = 0; i < limit; i++) if (Math.abs(data[i]) > SILENT) return i / buffer.sampleRate;
    return 0;
  }

  function stopMusic() {
    if (!playing) return;
    const source = playing.source;
    playing = null;
    safe(function () { source.stop(); source.disconnect(); });
  }

  /** Start what `wanted` names, if audio is unlocked and it is not already playing. */
  function sync() {
    if (!ctx) return;
    if (!wanted) { stopMusic(); return; }
    if (playing && playing.name === wanted.name && wanted.loop) return;
    if (wanted.started && !wanted.loop) return;   // a jingle plays once
    const target = wanted;
    stopMusic();
    decode(target.name).then(function (buffer) {
      if (!buffer || wanted !== target || playing) return;
      safe(function () {
        const source = ctx.createBufferSource();
        source.buffer = buffer;
        source.loop = target.loop;
        const span = (map.loops || {})[target.name];
        let offset = onsets.get(target.name) || 0;
        if (target.loop && Array.isArray(span) && span[1] > span[0] && span[1] <= buffer.duration) {
          source.loopStart = span[0];
          source.loopEnd = span[1];
          offset = span[0];
        }
        source.connect(musicGain);
        source.start(0, offset);
        target.started = true;
        playing = { name: target.name, source: source };
        source.onended = function () { if (playing && playing.source === source) playing = null; };
      });
    });
  }

  function setMusic(name, loop) {
    if (!name) { wanted = null; sync(); return; }
    if (wanted && wanted.name === name && wanted.loop === loop && loop) return;
    wanted = { name: name, loop: loop };
    sync();
  }

  const api = {
    /** Skip effects while true (the engine replays steps silently, e.g. for undo). */
    quiet: false,

    /** Take the embedded audio and listen for the first user gesture. */
    init(audio) {
      map = (audio && audio.map) || {};
      files = (audio && audio.files) || {};
      if (typeof window === "undefined") return;
      for (const type of ["keydown", "pointerdown", "touchend", "mousedown"]) {
        window.addEventListener(type, unlock, true);
      }
      if (typeof document !== "undefined") {
        document.addEventListener("visibilitychange", function () {
          if (!ctx) return;
          safe(function () {
            const p = document.hidden ? ctx.suspend() : ctx.resume();
            if (p && p.catch) p.catch(function () { /* ignore */ });
          });
        });
      }
    },

    /** Loop the music file `name` (null for silence). */
    music(name) { setMusic(name || null, true); },

    /** Loop the title music. */
    title() { setMusic(map.title || null, true); },

    /** Loop the music of level `index` (1-based). */
    level(index) { setMusic((map.levels || {})[String(index)] || null, true); },

    /** Play the "win" or "lose" jingle once, in place of the music. */
    jingle(kind) { setMusic((map.jingles || {})[kind] || null, false); },

    /** Play the effect of `kind` once (does nothing when the game has no such effect). */
    sfx(kind) {
      if (api.quiet || !ctx || muted) return;
      const name = (map.sfx || {})[kind];
      if (!name) return;
      const now = Date.now();
      if (now - (lastSfx.get(name) || 0) < SFX_GAP_MS) return;
      lastSfx.set(name, now);
      decode(name).then(function (buffer) {
        if (!buffer) return;
        safe(function () {
          const source = ctx.createBufferSource();
          source.buffer = buffer;
          source.connect(sfxGain);
          source.start(0, onsets.get(name) || 0);
        });
      });
    },

    /** Lower the music (paused game) or bring it back. */
    duck(on) {
      ducked = !!on;
      if (musicGain) safe(function () { musicGain.gain.value = ducked ? DUCKED : MUSIC_VOLUME; });
    },

    /** Mute or unmute everything; returns whether audio is now muted. */
    toggleMute() {
      muted = !muted;
      if (master) safe(function () { master.gain.value = muted ? 0 : 1; });
      return muted;
    },

    /** Whether audio is muted. */
    get muted() { return muted; },

    /** Whether the AudioContext exists and runs (for tests). */
    get running() { return !!ctx && ctx.state === "running"; },

    /** Name of the music file playing now, or null. */
    get playing() { return playing ? playing.name : null; },

    /** Make or resume the AudioContext (also done automatically on the first gesture). */
    unlock: unlock,
  };
  return api;
})();
