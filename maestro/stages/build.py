"""The build stage: the four stages' outputs joined into a web game that plays from a double-click.

The build folder (under ``<prefix>/``):

- ``index.html`` — the whole game in one file: the runtime, ``game.js`` and every level, image
  and sound inlined (images as data URIs, sounds as base64), because browsers refuse to fetch
  local files from a page opened with ``file://``. GDD text reaches it only as escaped data.
- ``src/`` — the runtime and ``game.js`` as separate, readable files for developers.
- ``assets/``, ``audio/``, ``levels/`` — the stages' files as they made them.
- ``manifest.json`` — spec, seed, versions and the sha256 of every file; ``report.md`` — what was
  generated, the GDD's warnings, each level's picture and par.
- ``<name>.zip`` — all of the above, byte-identical for the same GDD and seed.
"""

import base64
import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from maestro import __version__
from maestro.labyrinth.difficulty import measure
from maestro.labyrinth.genres import GENRES
from maestro.labyrinth.preview import render as level_picture
from maestro.level import LevelFile
from maestro.manifest import StageManifest
from maestro.pipeline import BUILD_FOLDERS, BUILD_FORMAT, build_name
from maestro.safe_text import markdown_code_block, markdown_text
from maestro.spec import GameSpec, Genre
from maestro.store import Store
from maestro.web import script_safe

STAGE = "build"
VERSION = 2
RUNTIME = Path(__file__).resolve().parent.parent / "runtime"
#: Runtime files the page loads before the genre module (which reads Maestro.readRules and
#: Maestro.BITS from rules.js and Maestro.SUB from motion.js while loading), then after it.
BEFORE_GENRE = ("rng.js", "rules.js", "motion.js")
AFTER_GENRE = ("input.js", "audio.js", "draw.js", "engine.js")
CONTENT_TYPES = {".html": "text/html", ".js": "text/javascript", ".json": "application/json",
                 ".png": "image/png", ".wav": "audio/wav", ".mp3": "audio/mpeg", ".md": "text/markdown",
                 ".zip": "application/zip"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: The page's fonts, as draw.js's FONT: Latin, then Hangul and the other CJK scripts, then colour
#: emoji, on every OS, so no title or button label draws as boxes.
FONT_STACK = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK KR', 'Noto Sans KR', "
              "'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Sans CJK SC', "
              "'Noto Sans SC', 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol', "
              "sans-serif")


_CLOSE_SCRIPT = re.compile(r"</(script)", re.IGNORECASE)


def script_json(value: Any) -> str:
    """``value`` as compact JSON that is safe inside an inline ``<script>`` (see :func:`script_safe`)."""
    return script_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False))


def inline_script(source: str) -> str:
    """A script file as an inline ``<script>``, any ``</script`` inside it (a comment, say) defused."""
    return "<script>\n" + _CLOSE_SCRIPT.sub(r"<\\/\1", source) + "\n</script>"


def collect(manifests: dict[str, StageManifest], store: Store) -> dict[str, bytes]:
    """The stages' files by their place in the build folder."""
    files: dict[str, bytes] = {}
    for stage, folder in BUILD_FOLDERS.items():
        for stored in manifests[stage].files:
            files[f"{folder}/{stored.key.rsplit('/', 1)[1]}"] = store.get(stored.key)
    return files


def runtime_sources(genre: Genre) -> dict[str, bytes]:
    names = [*BEFORE_GENRE, GENRES[genre].runtime_module, *AFTER_GENRE]
    return {f"src/{name}": (RUNTIME / name).read_bytes() for name in names}


def page(spec: GameSpec, files: dict[str, bytes], sources: dict[str, bytes]) -> bytes:
    levels_index = json.loads(files["levels/levels.json"])
    audio_map = json.loads(files["audio/audio.json"])
    data = {
        "levels": [json.loads(files[f"levels/{entry['file']}"]) for entry in levels_index["levels"]],
        "atlas": json.loads(files["assets/atlas.json"]),
        "images": {name.split("/", 1)[1]: "data:image/png;base64," + base64.b64encode(blob).decode()
                   for name, blob in sorted(files.items()) if name.startswith("assets/") and name.endswith(".png")
                   and not name.endswith("preview.png")},
        "audio": {"map": audio_map,
                  "files": {name.split("/", 1)[1]: base64.b64encode(blob).decode()
                            for name, blob in sorted(files.items()) if name.endswith(".mp3")}},
    }
    scripts = "\n".join(inline_script(blob.decode()) for blob in sources.values())
    game = inline_script(files["src/game.js"].decode() + "\nwindow.MAESTRO_DATA.game = Maestro.game;\n")
    colours = data["atlas"].get("colours", {})
    background = colours.get("background", "#000000") if re.fullmatch(r"#[0-9a-f]{6}", colours.get(
        "background", "")) else "#000000"
    document = f"""<!doctype html>
<html lang="{'ko' if spec.language == 'ko' else 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<title>{html.escape(spec.title)}</title>
<style>
html, body {{ margin: 0; height: 100%; background: {background}; overflow: hidden; touch-action: none;
  font-family: {FONT_STACK}; }}
canvas {{ image-rendering: pixelated; image-rendering: crisp-edges; display: block; }}
</style>
</head>
<body>
<script>window.MAESTRO_DATA = {script_json(data)};</script>
{scripts}
{game}
</body>
</html>
"""
    return document.encode()


def report(spec: GameSpec, seed: int, files: dict[str, bytes], manifests: dict[str, StageManifest]) -> bytes:
    """``report.md``: what was generated, the GDD's warnings, each level's picture and par.

    Every piece of GDD text (title, summary, conditions, warnings, level names) goes through
    :func:`~maestro.safe_text.markdown_text` and each picture through
    :func:`~maestro.safe_text.markdown_code_block`: a viewer that renders HTML in Markdown shows
    ``<img onerror>`` or ``</script><script>`` as the characters the designer typed, never runs
    them, and no ``[link](javascript:...)`` becomes a link.
    """
    text = markdown_text
    levels_index = json.loads(files["levels/levels.json"])
    audio_map = json.loads(files["audio/audio.json"])
    lines = [
        f"# {text(spec.title)}", "", *([f"*{text(spec.tagline)}*", ""] if spec.tagline.strip() else []),
        *([text(spec.summary), ""] if spec.summary.strip() else []),
        f"A {spec.genre.value} made by Maestro {__version__} from its design document (seed {seed}).",
        "Open `index.html` to play; `src/game.js` is this game's own code.", "",
        "## What was generated", "",
        f"- {len(levels_index['levels'])} levels, each with a solution replayed under the game's rules",
        f"- {manifests['canvas'].meta['sprites']} sprites, {manifests['canvas'].meta['frames']} frames "
        "(`assets/preview.png`)",
        _audio_line(spec, audio_map, manifests["sonata"]),
        f"- lives {spec.lives}; win: {text(spec.win_condition)}; lose: {text(spec.lose_condition)}", "",
        "![art preview](assets/preview.png)", "",
        "## What the game does with the GDD", "",
        "Every fact read from the design document: `used`, `approximated` (and how), or `not supported`.", "",
        "| fact | status | what the game does |", "| --- | --- | --- |",
        *[f"| {text(item.fact)} | {item.status.value} | {text(item.detail)} |" for item in spec.fidelity], "",
        "## Warnings", "",
        *([f"- {text(warning)}" for warning in spec.warnings] or ["- none"]), "",
        "## Levels", "",
    ]
    described = {level.index: level.description for level in spec.levels if level.description.strip()}
    levels = [LevelFile.model_validate_json(files[f"levels/{entry['file']}"]) for entry in levels_index["levels"]]
    measured = [measure(level) for level in levels]
    lines += ["Difficulty as measured from each level (`maestro/labyrinth/difficulty.py`): what a player",
              "meets and has to do, comparable between the levels of this game.", "",
              "| level | planned | measured | what it counts |", "| ---: | ---: | ---: | --- |",
              *[f"| {level.index} | {level.difficulty} | {m.score:.1f} | {text(m.counts())} |"
                for level, m in zip(levels, measured, strict=True)], ""]
    for level, m in zip(levels, measured, strict=True):
        lines += [f"### {level.index}. {text(level.name)}", "",
                  *([text(described[level.index]), ""] if level.index in described else []),
                  f"difficulty {level.difficulty} (measured {m.score:.1f}), par {level.par}", "",
                  markdown_code_block(level_picture(level, band=100)), ""]
    return "\n".join(lines).encode()


def _audio_line(spec: GameSpec, audio_map: dict[str, Any], sonata: StageManifest) -> str:
    """The report's line on the music and effects, or on their absence where the GDD asked for none."""
    effects = len(audio_map.get("sfx") or {})
    if not spec.audio.music and not spec.audio.sound:
        return "- no audio, as the GDD asks: no music, no sound effects, no mute control"
    sound = f"{effects} sound effects" if spec.audio.sound else "no sound effects (the GDD asks for none)"
    if not spec.audio.music:
        return f"- no music (the GDD asks for none); {sound}"
    return (f"- music at {audio_map.get('tempo_bpm')} BPM in {markdown_text(str(audio_map.get('key')))} "
            f"({markdown_text(str(audio_map.get('style')))}, {markdown_text(str(audio_map.get('mood')))}): "
            f"{sonata.meta.get('loops', 0)} loops, {sound}")


def zipped(files: dict[str, bytes], top: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def build_files(spec: GameSpec, seed: int, manifests: dict[str, StageManifest], store: Store) -> dict[str, bytes]:
    """Every file of the build folder, by path."""
    files = collect(manifests, store)
    sources = runtime_sources(spec.genre)
    files.update(sources)
    files["index.html"] = page(spec, files, sources)
    files["report.md"] = report(spec, seed, files, manifests)
    files["manifest.json"] = (json.dumps({
        "format": BUILD_FORMAT,
        "title": spec.title,
        "genre": spec.genre.value,
        "seed": seed,
        "maestro": __version__,
        "stages": {name: {"version": m.meta.get("version"), "meta": m.meta} for name, m in sorted(manifests.items())},
        "spec": spec.model_dump(mode="json"),
        "files": {name: {"sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}
                  for name, blob in sorted(files.items())},
    }, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    return files


def run(spec: GameSpec, seed: int, manifests: dict[str, StageManifest], store: Store, prefix: str) -> StageManifest:
    """Write the build folder and its zip to the store; return the stage manifest."""
    files = build_files(spec, seed, manifests, store)
    name = build_name(spec)
    stored = [store.put(f"{prefix}/{path}", blob, CONTENT_TYPES.get(Path(path).suffix, "application/octet-stream"))
              for path, blob in sorted(files.items())]
    archive = zipped(files, name)
    stored.append(store.put(f"{prefix}/{name}.zip", archive, "application/zip"))
    return StageManifest(stage=STAGE, files=stored,
                         meta={"version": VERSION, "index": f"{prefix}/index.html", "zip": f"{prefix}/{name}.zip",
                               "bytes": len(files["index.html"]), "files": len(files)})
