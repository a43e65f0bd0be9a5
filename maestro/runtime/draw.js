/*
  draw.js — the canvas and everything drawn on it.
    Maestro.draw.init    make the canvas for a logical view (the genre's {w, h}) and load the
                         embedded images (atlas, background layers); resolves when they are ready
    Maestro.draw.resize  fill the window: the largest scale that fits (fractional too), keeping the
                         view's aspect; centred, or in portrait on a touch screen near the top,
                         under the touch buttons' top row, leaving the lower part to the thumbs
    Maestro.draw.begin   start a frame (clear, camera at 0, 0, advance the animation clock)
    Maestro.draw.theme   the playing level's theme: which of atlas.themes' background sets to draw, and
                         its own ground tiles from atlas.tile_themes
    Maestro.draw.gfx     the drawing API genre modules use (README "The gfx object"):
                           w, h, tick, colours, camera, backgrounds, tiles, tile, sprite, rect,
                           plus atlas, has(key), and text and screenRect in screen space
    Maestro.draw.text    centred text with a shadow, any language, in view pixels
    Maestro.draw.shade   a translucent fill over the whole view (pause, banners)
  The canvas holds (view x a whole factor) pixels, the factor the smallest that covers the device
  pixels shown, and is drawn through a transform of that factor with smoothing off; CSS then
  scales it to its on-screen size with image-rendering: pixelated, so sprites stay crisp at any
  scale and text is drawn at full resolution.
  Missing images or atlas entries never throw: sprites fall back to the kind's generic sprite,
  then to a plain coloured box.
  Neon (atlas.style "neon"): sprites glow in their kind's colour. Each frame's glow is blurred once
  (ctx.shadowBlur on a small canvas, cached), so a frame costs one drawImage as before, never a
  blur per frame: smooth on a phone.
*/
"use strict";
var Maestro = (typeof window !== "undefined" ? window : globalThis).Maestro ||
  ((typeof window !== "undefined" ? window : globalThis).Maestro = { genres: {} });

Maestro.draw = (function () {
  /**
   * Latin UI fonts first, then fonts with Hangul and the other CJK scripts, then colour emoji, on
   * every OS (Linux/Android Noto, macOS/iOS Apple, Windows Segoe/Malgun): a title with an emoji or
   * Korean never draws as boxes. The page's CSS (build.py) uses the same stack.
   */
  const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK KR', 'Noto Sans KR', " +
    "'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Sans CJK SC', " +
    "'Noto Sans SC', 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol', sans-serif";
  const MAX_FACTOR = 8;           // backing pixels per view pixel at most (a 320x240 view: 2560x1920)
  const DEFAULT_COLOURS = { background: "#1a1c2c", text: "#f4f4f4", outline: "#0b0b12", player: "#41a6f6",
    hazard: "#b13e53", accent: "#ffcd75" };
  const LEGEND = { " ": "void", ".": "empty", "#": "solid", "=": "platform", "^": "spikes", "G": "goal",
    "D": "door", "X": "exit", "+": "target" };
  const TILE_COLOURS = { solid: "outline", solid_top: "outline", wall: "outline", platform: "accent",
    spikes: "hazard", goal: "accent", door: "accent", exit: "accent", target: "accent" };
  const KIND_COLOURS = { player: "player", enemy: "hazard", boss: "hazard", hazard: "hazard", bullet: "accent",
    item: "accent", key: "accent", crate: "accent", obstacle: "outline" };
  const GLOW = 3;                 // view pixels a neon sprite's glow reaches past its frame
  const DEFAULT_THEME = "default";

  let canvas = null, ctx = null;
  let view = { w: 320, h: 240 };
  let base = view;                // the view as laid out; `view` is smaller while the world is zoomed
  let zoomed = 1;                 // gfx.zoom's factor until screen()
  let factor = 1;                 // device pixels per view pixel
  let atlas = {}, frames = {}, sprites = {}, tileMap = {}, layers = [];
  let tileThemes = {};            // atlas.tile_themes: theme -> tile name -> frames (a level's own ground)
  let themes = {}, theme = null;  // atlas.themes: theme -> layers; the playing level's theme
  let glowCache = {};             // "x,y,w,h,colour" -> a canvas of that frame with its glow (neon)
  let colours = Object.assign({}, DEFAULT_COLOURS);
  const images = {};              // file name -> loaded Image
  let camX = 0, camY = 0;
  let started = 0;

  function mod(a, n) { return ((a % n) + n) % n; }

  function now() { return typeof performance !== "undefined" ? performance.now() : Date.now(); }

  function colour(name) { return colours[name] || name || colours.accent; }

  function font(size) { return "bold " + size + "px " + FONT; }

  function load(name, uri) {
    return new Promise(function (resolve) {
      if (typeof Image === "undefined" || typeof uri !== "string") { resolve(); return; }
      const img = new Image();
      const timer = setTimeout(resolve, 5000);
      img.onload = function () { clearTimeout(timer); images[name] = img; resolve(); };
      img.onerror = function () { clearTimeout(timer); resolve(); };
      img.src = uri;
    });
  }

  /** Frame index of an animation at the current clock (`opts.frame` picks one explicitly). */
  function frameIndex(anim, opts) {
    const count = anim.frames.length;
    if (opts && typeof opts.frame === "number") return mod(Math.floor(opts.frame), count);
    const clock = opts && typeof opts.clock === "number" ? opts.clock : gfx.tick;
    return mod(Math.floor((clock * (anim.fps || 1)) / 60), count);
  }

  function visible(x, y, w, h) {
    return x < view.w && y < view.h && x + w > 0 && y + h > 0;
  }

  function box(x, y, w, h, fill) {
    ctx.fillStyle = colour("outline");
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = fill;
    ctx.fillRect(x + 1, y + 1, Math.max(0, w - 2), Math.max(0, h - 2));
  }

  /** The frame at `rect` with a `glowColour` halo, drawn once into a cached canvas (null: no canvas). */
  function glowFrame(img, rect, glowColour) {
    const key = rect.join(",") + "," + glowColour;
    if (key in glowCache) return glowCache[key];
    let out = null;
    if (typeof document !== "undefined" && document.createElement) {
      const [sx, sy, fw, fh] = rect;
      out = document.createElement("canvas");
      out.width = fw + 2 * GLOW;
      out.height = fh + 2 * GLOW;
      const g = out.getContext("2d");
      if (g) {
        g.imageSmoothingEnabled = false;
        g.shadowColor = glowColour;
        g.shadowBlur = GLOW * 2;
        g.drawImage(img, sx, sy, fw, fh, GLOW, GLOW, fw, fh);
        g.drawImage(img, sx, sy, fw, fh, GLOW, GLOW, fw, fh);
      } else {
        out = null;
      }
    }
    glowCache[key] = out;
    return out;
  }

  function blit(rect, dx, dy, flip, glowColour) {
    const img = images[atlas.image || "atlas.png"];
    if (!img || !rect) return false;
    let [sx, sy, fw, fh] = rect;
    if (!visible(dx - GLOW, dy - GLOW, fw + 2 * GLOW, fh + 2 * GLOW)) return true;
    let src = img;
    const glowing = glowColour && atlas.style === "neon" ? glowFrame(img, rect, glowColour) : null;
    if (glowing) {
      src = glowing;
      sx = 0; sy = 0; dx -= GLOW; dy -= GLOW; fw += 2 * GLOW; fh += 2 * GLOW;
    }
    if (flip) {
      ctx.save();
      ctx.translate(dx + fw, dy);
      ctx.scale(-1, 1);
      ctx.drawImage(src, sx, sy, fw, fh, 0, 0, fw, fh);
      ctx.restore();
    } else {
      ctx.drawImage(src, sx, sy, fw, fh, dx, dy, fw, fh);
    }
    return true;
  }

  /** The background layers of the playing level's theme, else atlas.backgrounds. */
  function themeLayers() {
    const set = themes[theme || DEFAULT_THEME];
    return Array.isArray(set) ? set : layers;
  }

  /** Cover the view with copies of a layer's image, scrolled by (ox, oy) (top-down backdrops). */
  function cover(img, lw, lh, ox, oy) {
    for (let y = -mod(Math.floor(oy), lh); y < view.h; y += lh) {
      for (let x = -mod(Math.floor(ox), lw); x < view.w; x += lw) ctx.drawImage(img, x, y);
    }
  }

  /**
   * Cover the box (dx, dy, w, h) exactly with copies of a frame: one per frame width across and
   * one per whole frame height up (at least one), each squeezed or stretched to fit. A solid thing
   * whose box is taller or shorter than its sprite (a 24 px chimney, a 12 px crate) then looks
   * exactly as big as it collides; a 32 px one is two stacked.
   */
  function fill(rect, dx, dy, w, h) {
    const img = images[atlas.image || "atlas.png"];
    if (!img || !rect) return false;
    const [sx, sy, fw, fh] = rect;
    if (!visible(dx, dy, w, h)) return true;
    const across = Math.max(1, Math.round(w / fw)), up = Math.max(1, Math.floor(h / fh));
    for (let i = 0; i < across; i++) {
      const x0 = dx + Math.round((i * w) / across), x1 = dx + Math.round(((i + 1) * w) / across);
      for (let j = 0; j < up; j++) {
        const y0 = dy + Math.round((j * h) / up), y1 = dy + Math.round(((j + 1) * h) / up);
        ctx.drawImage(img, sx, sy, fw, fh, x0, y0, x1 - x0, y1 - y0);
      }
    }
    return true;
  }

  function tileSize(level) {
    return (level && level.tile_size) || atlas.tile_size || 16;
  }

  function drawTile(name, col, row, ts) {
    if (name === "empty" || name === "void") return;
    const x = col * ts - camX, y = row * ts - camY;
    if (!visible(x, y, ts, ts)) return;
    const key = theme || DEFAULT_THEME;
    const own = Object.prototype.hasOwnProperty.call(tileThemes, key) ? tileThemes[key] : null;
    const anim = (own && own[name]) || tileMap[name];
    if (anim && anim.frames && anim.frames.length && blit(frames[anim.frames[frameIndex(anim)]], x, y, false)) return;
    const fallback = TILE_COLOURS[name];
    if (!fallback) return;
    ctx.fillStyle = colour(fallback);
    if (name === "platform") ctx.fillRect(x, y, ts, Math.max(2, ts >> 2));
    else if (name === "solid" || name === "solid_top" || name === "wall") box(x, y, ts, ts, colour("outline"));
    else ctx.fillRect(x + 2, y + 2, ts - 4, ts - 4);
  }

  /** Back to the view as laid out (after gfx.zoom). */
  function unzoom() {
    if (zoomed === 1) return;
    view = base;
    gfx.w = base.w;
    gfx.h = base.h;
    zoomed = 1;
    if (ctx) ctx.setTransform(factor, 0, 0, factor, 0, 0);
  }

  // ---- the gfx API (genre modules) ------------------------------------------------------------

  const gfx = {
    w: 320,
    h: 240,
    /** Animation clock: 60 ticks per second of real time, whatever the display's refresh rate. */
    tick: 0,
    colours: colours,
    /** atlas.json as embedded (frames, sprites, tiles, backgrounds, colours). */
    atlas: {},

    /** Whether the atlas has a sprite under exactly `key` (no fallback). */
    has(key) {
      return Object.prototype.hasOwnProperty.call(sprites, key);
    },

    /**
     * Draw the world `z` times larger (a whole number keeps pixels square) until screen(): the view
     * is then gfx.w x gfx.h world pixels, so a small puzzle room fills the screen instead of a corner.
     */
    zoom(z) {
      z = Math.max(1, Math.min(4, Math.floor(z) || 1));
      if (!ctx || z === zoomed) return;
      view = { w: Math.floor(base.w / z), h: Math.floor(base.h / z) };
      gfx.w = view.w;
      gfx.h = view.h;
      zoomed = z;
      ctx.setTransform(factor * z, 0, 0, factor * z, 0, 0);
      ctx.imageSmoothingEnabled = false;
    },

    /** Put the view's top-left at world pixel (x, y). */
    camera(x, y) {
      camX = Math.round(x) || 0;
      camY = Math.round(y) || 0;
    },

    /**
     * The background colour, then the playing level's theme's layers (atlas.themes, else
     * atlas.backgrounds) scrolled for camera (cx, cy) by parallax.
     */
    backgrounds(cx, cy) {
      ctx.fillStyle = colour("background");
      ctx.fillRect(0, 0, view.w, view.h);
      for (const layer of themeLayers()) {
        const img = images[layer.image];
        if (!img) continue;
        const lw = layer.w || img.width, lh = layer.h || img.height;
        if (!lw || !lh) continue;
        const p = typeof layer.parallax === "number" ? layer.parallax : 0;
        if (layer.axis === "y") {
          const x = Math.floor((view.w - lw) / 2);
          for (let y = -mod(Math.floor((cy || 0) * p), lh); y < view.h; y += lh) ctx.drawImage(img, x, y);
        } else {
          const y = view.h - lh;
          for (let x = -mod(Math.floor((cx || 0) * p), lw); x < view.w; x += lw) ctx.drawImage(img, x, y);
        }
      }
    },

    /**
     * The tiles of `level.rows` in view. opts.side: side view ("empty" and "void" not drawn,
     * "solid" with a non-solid cell above drawn as "solid_top"); otherwise top-down: the theme's
     * ground layer around the map (never an empty void), "floor" under every cell but "void",
     * then the cell's own tile.
     */
    tiles(level, opts) {
      if (!level || !Array.isArray(level.rows)) return;
      const side = !!(opts && opts.side);
      const ts = tileSize(level);
      const legend = level.legend || LEGEND;
      const rows = level.rows;
      const height = rows.length;
      const width = level.width || (rows[0] || "").length;
      const name = (r, c) => legend[(rows[r] || "")[c]] || "void";
      const c0 = Math.max(0, Math.floor(camX / ts)), c1 = Math.min(width - 1, Math.floor((camX + view.w - 1) / ts));
      const r0 = Math.max(0, Math.floor(camY / ts)), r1 = Math.min(height - 1, Math.floor((camY + view.h - 1) / ts));
      if (!side) {
        for (const layer of themeLayers()) {
          const img = images[layer.image];
          const lw = (layer.w || (img && img.width)) | 0, lh = (layer.h || (img && img.height)) | 0;
          const p = typeof layer.parallax === "number" ? layer.parallax : 0;
          if (img && lw > 0 && lh > 0) cover(img, lw, lh, camX * p, camY * p);
        }
      }
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          let tile = name(r, c);
          if (side) {
            if (tile === "solid" && r > 0 && name(r - 1, c) !== "solid") tile = "solid_top";
            drawTile(tile, c, r, ts);
          } else {
            if (tile === "void") continue;
            drawTile("floor", c, r, ts);
            if (tile !== "floor") drawTile(tile, c, r, ts);
          }
        }
      }
    },

    /** One tile by name (atlas "tiles") at a cell of the current level's grid. */
    tile(name, col, row) {
      drawTile(name, col, row, tileSize(null));
    },

    /**
     * A sprite: `key` "player" or "<kind>:<name>" (falls back to "<kind>:", then a plain box),
     * animation `anim` (falls back to the first), drawn bottom-centred on the world box
     * (x, y, w, h). opts: {flip (mirror left-right), frame (explicit frame index), clock
     * (animation clock in steps instead of gfx.tick), alpha, fill (cover the box exactly, see fill)}.
     */
    sprite(key, anim, x, y, w, h, opts) {
      const kind = String(key).split(":")[0];
      const sprite = sprites[key] || sprites[kind + ":"];
      const alpha = opts && typeof opts.alpha === "number" ? opts.alpha : 1;
      if (alpha <= 0) return;
      if (alpha < 1) ctx.globalAlpha = alpha;
      let drawn = false;
      if (sprite && sprite.animations) {
        const a = sprite.animations[anim] || sprite.animations[Object.keys(sprite.animations)[0]];
        if (a && a.frames && a.frames.length) {
          const rect = frames[a.frames[frameIndex(a, opts)]];
          if (rect && opts && opts.fill) {
            drawn = fill(rect, x - camX, y - camY, w, h);
          } else if (rect) {
            drawn = blit(rect, x + Math.floor((w - rect[2]) / 2) - camX, y + h - rect[3] - camY, !!(opts && opts.flip),
              colour(KIND_COLOURS[kind] || "accent"));
          }
        }
      }
      if (!drawn && visible(x - camX, y - camY, w, h)) box(x - camX, y - camY, w, h, colour(KIND_COLOURS[kind] || "accent"));
      if (alpha < 1) ctx.globalAlpha = 1;
    },

    /** A filled rectangle in world pixels; `c` a colour name of gfx.colours or any CSS colour. */
    rect(x, y, w, h, c) {
      ctx.fillStyle = colour(c);
      ctx.fillRect(x - camX, y - camY, w, h);
    },

    /** A filled rectangle in view (screen) pixels, ignoring the camera. */
    screenRect(x, y, w, h, c) {
      ctx.fillStyle = colour(c);
      ctx.fillRect(x, y, w, h);
    },

    /** Text in view pixels (see Maestro.draw.text). */
    text(str, x, y, opts) { api.text(str, x, y, opts); },
  };

  // ---- the canvas -----------------------------------------------------------------------------

  const api = {
    gfx: gfx,

    /** The canvas element (null before init). */
    get canvas() { return canvas; },

    /**
     * Make the canvas for `viewSize` {w, h}, read the atlas and background layers, and load the
     * embedded images (`data.images`: file name -> data: URI). Resolves once every image has
     * loaded or failed; never rejects.
     */
    init(data, viewSize) {
      data = data || {};
      view = { w: (viewSize && viewSize.w) || 320, h: (viewSize && viewSize.h) || 240 };
      base = view;
      zoomed = 1;
      gfx.w = view.w;
      gfx.h = view.h;
      atlas = data.atlas || {};
      gfx.atlas = atlas;
      frames = atlas.frames || {};
      sprites = atlas.sprites || {};
      tileMap = atlas.tiles || {};
      tileThemes = atlas.tile_themes && typeof atlas.tile_themes === "object" ? atlas.tile_themes : {};
      layers = Array.isArray(atlas.backgrounds) ? atlas.backgrounds : [];
      themes = atlas.themes && typeof atlas.themes === "object" ? atlas.themes : {};
      theme = null;
      glowCache = {};
      Object.assign(colours, atlas.colours || {});
      started = now();
      if (typeof document === "undefined") return Promise.resolve();
      const body = document.body;
      body.style.margin = "0";
      body.style.overflow = "hidden";
      body.style.background = "#000";
      body.style.touchAction = "none";
      canvas = document.createElement("canvas");
      canvas.id = "maestro-canvas";
      const s = canvas.style;
      s.position = "absolute";
      s.display = "block";
      s.imageRendering = "pixelated";
      s.touchAction = "none";
      s.outline = "none";
      canvas.setAttribute("tabindex", "0");
      body.appendChild(canvas);
      if (s.imageRendering !== "pixelated") s.imageRendering = "crisp-edges";
      ctx = canvas.getContext("2d");
      api.resize();
      window.addEventListener("resize", api.resize);
      window.addEventListener("orientationchange", api.resize);
      const loads = Object.entries(data.images || {}).map(([name, uri]) => load(name, uri));
      return Promise.all(loads).then(function () { return undefined; });
    },

    /**
     * Fill the window: the largest scale, whole or not, at which the view fits it with its aspect
     * kept, so the canvas spans the window's width or height (a 320x240 view is 390 CSS pixels
     * wide on a 390x844 phone, 390 tall on it turned sideways; 960x720 in a 960x720 window). The
     * backing store is the view times the smallest whole factor that covers the device pixels
     * shown (at least 1), drawn with smoothing off and scaled by CSS with pixelated rendering, so
     * pixels stay sharp-edged at any scale. On a touch screen held upright the canvas sits under
     * the touch buttons' top row (Maestro.input.reserved), leaving the lower part to the thumbs;
     * elsewhere it is centred.
     */
    resize() {
      if (!canvas) return;
      const ww = window.innerWidth || view.w, wh = window.innerHeight || view.h;
      const fit = Math.min(ww / view.w, wh / view.h);
      const dpr = window.devicePixelRatio || 1;
      factor = Math.max(1, Math.min(MAX_FACTOR, Math.ceil(fit * dpr - 1e-6)));
      if (canvas.width !== view.w * factor) canvas.width = view.w * factor;
      if (canvas.height !== view.h * factor) canvas.height = view.h * factor;
      const cssW = Math.min(ww, Math.round(view.w * fit)), cssH = Math.min(wh, Math.round(view.h * fit));
      canvas.style.width = cssW + "px";
      canvas.style.height = cssH + "px";
      canvas.style.left = Math.floor((ww - cssW) / 2) + "px";
      const input = Maestro.input;
      const portrait = input && input.touch && wh > ww;
      const free = wh - cssH, above = portrait && input.reserved ? input.reserved.top : 0;
      const top = portrait && free >= above ? above : Math.floor(free / 2);
      canvas.style.top = top + "px";
      if (input && input.touch && typeof input.arrange === "function") {
        input.arrange(portrait ? 0 : ww - Math.floor((ww - cssW) / 2) - cssW);
      }
      canvas.setAttribute("data-scale", (cssW / view.w).toFixed(3));
      ctx.imageSmoothingEnabled = false;
      if (typeof api.onResize === "function") api.onResize();
    },

    /** Called after every resize (the engine lays out its HUD for the new scale). */
    onResize: null,

    /** CSS pixels per view pixel, as laid out now (1.21875 on a 390 px wide phone). */
    get scale() { return canvas ? canvas.clientWidth / view.w : 1; },

    /** Start a frame: clear, reset the camera, advance the animation clock. */
    begin() {
      if (!ctx) return false;
      gfx.tick = Math.floor(((now() - started) * 60) / 1000);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colour("background");
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      unzoom();
      ctx.setTransform(factor, 0, 0, factor, 0, 0);
      ctx.imageSmoothingEnabled = false;
      camX = 0;
      camY = 0;
      return true;
    },

    /**
     * The playing level's theme (its level file's `theme`; null or unknown: atlas.backgrounds):
     * gfx.backgrounds and the top-down ground draw that theme's set of atlas.themes.
     */
    theme(name) { theme = typeof name === "string" && name ? name : null; },

    /** The background layers drawn now (the theme's set, else atlas.backgrounds). */
    get layers() { return themeLayers(); },

    /** Put the camera back at (0, 0): what follows is drawn in view (screen) pixels. */
    screen() {
      camX = 0;
      camY = 0;
      unzoom();
      if (ctx) ctx.globalAlpha = 1;
    },

    /**
     * Text centred on (x, y) in view pixels, with a shadow in the background colour (the palette
     * makes "text" contrast with "background", so the pair reads over anything). opts: {size
     * (view pixels, default 12), colour (name or CSS, default "text"), align ("center" | "left"
     * | "right"), maxWidth (shrinks the font to fit), alpha, shadow (false for none), shadowColour}.
     */
    text(str, x, y, opts) {
      if (!ctx) return;
      opts = opts || {};
      str = String(str == null ? "" : str);
      let size = opts.size || 12;
      ctx.font = font(size);
      if (opts.maxWidth) {
        const width = ctx.measureText(str).width;
        if (width > opts.maxWidth) {
          size = Math.max(6, Math.floor((size * opts.maxWidth) / width));
          ctx.font = font(size);
        }
      }
      ctx.textAlign = opts.align || "center";
      ctx.textBaseline = "middle";
      const alpha = typeof opts.alpha === "number" ? opts.alpha : 1;
      ctx.globalAlpha = alpha;
      if (opts.shadow !== false) {
        const d = Math.max(1, Math.round(size / 14));
        ctx.fillStyle = colour(opts.shadowColour || "background");
        ctx.fillText(str, x + d, y + d);
      }
      ctx.fillStyle = colour(opts.colour || "text");
      ctx.fillText(str, x, y);
      ctx.globalAlpha = 1;
    },

    /** Width of `str` at `size` view pixels. */
    measure(str, size) {
      if (!ctx) return 0;
      ctx.font = font(size || 12);
      return ctx.measureText(String(str)).width;
    },

    /** A translucent fill over the whole view, or over the band of rows [y, y + h) when given. */
    shade(c, alpha, y, h) {
      if (!ctx) return;
      ctx.globalAlpha = alpha;
      ctx.fillStyle = colour(c);
      if (typeof y === "number") ctx.fillRect(0, y, view.w, h);
      else ctx.fillRect(0, 0, view.w, view.h);
      ctx.globalAlpha = 1;
    },

    /** The font stack every text is drawn in (FONT: Latin, CJK, then colour emoji). */
    get fontFamily() { return FONT; },

    /** Logical view size {w, h}. */
    get view() { return { w: view.w, h: view.h }; },
  };
  return api;
})();
