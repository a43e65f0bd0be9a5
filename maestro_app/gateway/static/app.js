/* Maestro's web page: submit a GDD, watch its six stages, read the spec, play the game.
 *
 *   - Submit    POST /api/jobs (JSON for pasted text, multipart for a file), problems shown as text
 *   - Watch     EventSource /api/jobs/{id}/events, the stages as a live list
 *   - Spec      GET /api/jobs/{id}/spec once parsed: the summary, warnings and fidelity
 *   - Play      the build in a sandboxed iframe (no allow-same-origin: an opaque origin of its own)
 *   - Recent    GET /api/jobs?limit=10, links to #job=<id> (the hash keeps the open job on reload)
 *
 * Everything that comes from a GDD is put on the page as text (textContent), never as markup.
 */
"use strict";

const STAGES = [
  ["parse", "reads the GDD into a spec"],
  ["codex", "the game's code"],
  ["canvas", "sprites, tiles, backgrounds"],
  ["sonata", "music and sound effects"],
  ["labyrinth", "levels, each proven completable"],
  ["build", "joins them into a web game"],
];
const PARALLEL = new Set(["codex", "canvas", "sonata", "labyrinth"]);
const FINISHED = new Set(["succeeded", "failed", "cancelled"]);
const TOKEN_KEY = "maestro.token";
const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

const $ = (id) => document.getElementById(id);
let config = { token_required: false, max_gdd_bytes: 1048576 };
let chosenFile = null;
let current = null; // { id, events, specShown, playShown, ended }

// ---- Small helpers -------------------------------------------------------------------------

/** A new element with text content (never markup) and optional class. */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** Show a problem (RFC 9457 JSON or any Error) in the alert region; nothing clears it. */
function showError(title, detail) {
  const box = $("error");
  box.replaceChildren();
  if (!title) return;
  box.append(el("strong", title));
  if (detail) box.append(document.createTextNode(" " + detail));
}

/** Fetch JSON; a non-2xx answer throws an Error carrying the problem's title, detail and body. */
async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw Object.assign(new Error("Could not reach the server"), { detail: String(e.message || e) });
  }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const title = (body && body.title) || `${response.status} ${response.statusText}`;
    throw Object.assign(new Error(title), { detail: body && body.detail, status: response.status, body });
  }
  return body;
}

function when(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

function jobPath(id, rest = "") {
  return `/api/jobs/${encodeURIComponent(id)}${rest}`;
}

// ---- Submit ---------------------------------------------------------------------------------

function chooseFile(file) {
  chosenFile = file || null;
  $("file-chosen").hidden = !chosenFile;
  $("file-name").textContent = chosenFile ? `${chosenFile.name} (${chosenFile.size} bytes)` : "";
  if (!chosenFile) $("file").value = "";
}

function authHeaders() {
  const token = $("token").value.trim();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function submit(event) {
  event.preventDefault();
  showError("");
  $("note").textContent = "";
  const text = $("gdd").value;
  const title = $("title").value.trim() || null;
  if (!chosenFile && !text.trim()) {
    showError("Nothing to send.", "Paste a GDD in the box or choose a file.");
    $("gdd").focus();
    return;
  }
  const size = chosenFile ? chosenFile.size : new Blob([text]).size;
  if (size > config.max_gdd_bytes) {
    showError("The GDD is too big.", `It is ${size} bytes; the limit is ${config.max_gdd_bytes}.`);
    return;
  }
  if (config.token_required) sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
  let options;
  if (chosenFile) {
    const form = new FormData();
    form.append("file", chosenFile, chosenFile.name);
    if (title) form.append("title", title);
    options = { method: "POST", body: form, headers: authHeaders() };
  } else {
    options = { method: "POST", body: JSON.stringify({ gdd: text, title }),
                headers: { "Content-Type": "application/json", ...authHeaders() } };
  }
  const button = $("submit");
  button.disabled = true;
  try {
    const answer = await api("/api/jobs", options);
    $("note").textContent = answer.duplicate ? "The same GDD was sent before: here is that job." : "";
    openJob(answer.job_id, true);
  } catch (e) {
    showError(e.message, e.detail);
    if (e.body && e.body.job_id && JOB_ID.test(e.body.job_id)) openJob(e.body.job_id, false);
  } finally {
    button.disabled = false;
    loadRecent();
  }
}

// ---- Watch a job ----------------------------------------------------------------------------

/** Open the job ``id``: route it through the hash so a reload keeps it. */
function openJob(id, focus) {
  const hash = `#job=${id}`;
  if (location.hash !== hash) history.pushState(null, "", hash);
  showJob(id, focus);
}

function showJob(id, focus) {
  if (current && current.events) current.events.close();
  current = { id, events: null, specShown: false, playShown: false, ended: false };
  const section = $("job");
  section.hidden = false;
  $("job-id").textContent = id;
  $("job-status").textContent = "Connecting…";
  $("job-error").hidden = true;
  $("play").hidden = true;
  $("frame-box").replaceChildren();
  $("spec").hidden = true;
  $("stages").replaceChildren();
  renderStages([]);
  if (focus) $("job-heading").focus();

  const events = new EventSource(jobPath(id, "/events"));
  current.events = events;
  const seen = current;
  const update = (message) => {
    if (current !== seen) return;
    try {
      renderJob(JSON.parse(message.data));
    } catch (e) {
      $("job-status").textContent = `Unreadable update: ${e.message}`;
    }
  };
  events.addEventListener("job", update);
  events.addEventListener("end", update);
  events.onerror = () => {
    if (events.readyState !== EventSource.CLOSED || current !== seen) return;
    // The stream was refused (an unknown job, say): ask once for the job to say why.
    api(jobPath(id)).then(renderJob, (e) => {
      if (current !== seen) return;
      $("job-status").textContent = "";
      showError(e.message, e.detail);
    });
  };
}

/** One stage's row: its name, what it does, and slots for its status, time and error. */
function stageItem([name, what]) {
  const item = el("li", null, "stage");
  item.dataset.stage = name;
  item.setAttribute("aria-atomic", "true"); // a status change reads the whole row, name included
  const head = el("span", null, "stage-name");
  head.append(el("strong", name), el("span", ` ${what}`, "hint"));
  if (PARALLEL.has(name)) head.append(el("span", "parallel", "tag"));
  item.append(head, el("span", null, "badge"), el("span", null, "hint time"), el("p", null, "stage-error"));
  return item;
}

/** Update the rows in place, so a screen reader hears only what changed. */
function renderStages(stages) {
  const list = $("stages");
  if (list.children.length !== STAGES.length) list.replaceChildren(...STAGES.map(stageItem));
  const byName = new Map((stages || []).map((s) => [s.stage, s]));
  for (const item of list.children) {
    const stage = byName.get(item.dataset.stage) || {};
    const status = stage.status || "waiting";
    const [, badge, time, error] = item.children;
    const facts = [];
    if (stage.duration_seconds != null) facts.push(`${stage.duration_seconds.toFixed(1)} s`);
    if (stage.attempts > 1) facts.push(`${stage.attempts} attempts`);
    if (item.dataset.status !== status) {
      item.dataset.status = status;
      badge.textContent = status;
      badge.className = `badge ${status}`;
    }
    if (time.textContent !== facts.join(", ")) time.textContent = facts.join(", ");
    if (error.textContent !== (stage.error || "")) error.textContent = stage.error || "";
  }
}

function renderJob(job) {
  if (!current || job.id !== current.id) return;
  const progress = job.progress || { done: 0, total: STAGES.length };
  const title = job.title ? `${job.title}: ` : "";
  $("job-status").textContent = `${title}${job.status} (${progress.done} of ${progress.total} stages done)` +
    (job.created_at ? `, submitted ${when(job.created_at)}` : "");
  renderStages(job.stages);
  const parsed = (job.stages || []).some((s) => s.stage === "parse" && s.status === "succeeded");
  if (parsed && !current.specShown) loadSpec(job.id);
  if (job.status === "succeeded" && !current.playShown) showGame(job.id);
  const failed = job.status === "failed" || job.status === "cancelled";
  $("job-error").hidden = !failed;
  $("job-error").textContent = failed ? (job.error || `The job was ${job.status}.`) : "";
  if (FINISHED.has(job.status) && !current.ended) {
    current.ended = true;
    if (current.events) current.events.close();
    loadRecent();
  }
}

// ---- The spec -------------------------------------------------------------------------------

async function loadSpec(id) {
  current.specShown = true;
  let answer;
  try {
    answer = await api(jobPath(id, "/spec"));
  } catch (e) {
    if (current && current.id === id) current.specShown = false; // 409 until parsed: try on the next update
    return;
  }
  if (!current || current.id !== id) return;
  renderSpec(answer.spec || {}, answer.warnings || [], answer.fidelity || []);
  loadRecent(); // the job has its title now
}

function renderSpec(spec, warnings, fidelity) {
  const rows = [];
  const row = (term, value) => {
    if (value === undefined || value === null || value === "") return;
    const dd = el("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = String(value);
    rows.push(el("dt", term), dd);
  };
  row("Title", spec.title);
  row("Genre", spec.genre);
  if (spec.player) row("Player", spec.player.description ? `${spec.player.name}: ${spec.player.description}`
    : spec.player.name);
  const enemies = (spec.enemies || []).map((e) => `${e.name} (${e.behaviour}${e.boss ? ", boss" : ""})`);
  row("Enemies", enemies.length ? enemies.join(", ") : "none");
  const levels = el("ol", null, "levels");
  for (const level of spec.levels || []) {
    levels.append(el("li", `${level.name} (difficulty ${level.difficulty})`));
  }
  row("Levels", levels);
  if (spec.art) {
    const art = el("span", spec.art.style);
    for (const colour of spec.art.palette || []) {
      const swatch = el("span", null, "swatch");
      swatch.title = colour;
      swatch.style.backgroundColor = colour; // a CSSOM write: no markup, allowed by a strict CSP
      art.append(swatch);
    }
    row("Art style", art);
  }
  if (spec.audio) {
    const a = spec.audio;
    row("Music", a.music === false ? "none" : `${a.style}, ${a.mood}, ${a.tempo_bpm} BPM in ${a.root} ${a.mode}`);
  }
  if (spec.lives) row("Lives", spec.lives);
  $("summary").replaceChildren(...rows);

  $("warnings").replaceChildren(...(warnings.length ? warnings.map((w) => el("li", w))
    : [el("li", "None: the GDD stated everything.", "hint")]));
  $("fidelity").replaceChildren(...(fidelity.length ? fidelity.map((f) => {
    const item = el("li");
    item.append(el("span", f.status, `badge ${String(f.status).replace(/\s+/g, "-")}`), el("strong", ` ${f.fact}`));
    if (f.detail) item.append(document.createTextNode(`: ${f.detail}`));
    return item;
  }) : [el("li", "No facts to report.", "hint")]));
  $("spec").hidden = false;
}

// ---- The game -------------------------------------------------------------------------------

function showGame(id) {
  current.playShown = true;
  const frame = document.createElement("iframe");
  // The sandbox first, then the source: the game never runs without it.
  frame.setAttribute("sandbox", "allow-scripts allow-pointer-lock");
  frame.setAttribute("title", "The game");
  frame.setAttribute("allow", "autoplay; fullscreen");
  frame.src = jobPath(id, "/play/index.html");
  $("frame-box").replaceChildren(frame);
  $("download").href = jobPath(id, "/build");
  $("play").hidden = false;
}

function focusGame() {
  const frame = $("frame-box").querySelector("iframe");
  if (!frame) return;
  frame.focus();
  if (frame.contentWindow) frame.contentWindow.focus();
}

// ---- Recent jobs ----------------------------------------------------------------------------

async function loadRecent() {
  const list = $("recent");
  let answer;
  try {
    answer = await api("/api/jobs?limit=10");
  } catch (e) {
    list.replaceChildren(el("li", `Could not list the jobs: ${e.message}`, "hint"));
    return;
  }
  const jobs = answer.jobs || [];
  list.replaceChildren(...(jobs.length ? jobs.map((job) => {
    const item = el("li");
    const link = el("a", job.title || job.id);
    link.href = `#job=${encodeURIComponent(job.id)}`;
    item.append(link, el("span", job.status, `badge ${job.status}`), el("span", when(job.created_at), "hint"));
    return item;
  }) : [el("li", "No jobs yet.", "hint")]));
}

// ---- Start ----------------------------------------------------------------------------------

function route() {
  const match = /^#job=(.+)$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]) : null;
  if (id && JOB_ID.test(id)) {
    if (!current || current.id !== id) showJob(id, true);
  } else if (current) {
    if (current.events) current.events.close();
    current = null;
    $("job").hidden = true;
  }
}

async function start() {
  $("submit-form").addEventListener("submit", submit);
  $("file").addEventListener("change", () => chooseFile($("file").files[0]));
  $("file-clear").addEventListener("click", () => chooseFile(null));
  $("focus-game").addEventListener("click", focusGame);
  $("refresh").addEventListener("click", loadRecent);
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) chooseFile(e.dataTransfer.files[0]);
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("popstate", route);
  route();
  loadRecent();
  try {
    config = { ...config, ...(await api("/api/config")) };
  } catch (e) {
    showError(e.message, e.detail);
  }
  if (config.token_required) {
    $("token-field").hidden = false;
    $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
  }
}

start();
