"""Build a playable test page: the runtime's scripts and the game's data inlined in one index.html.

The build stage does the same for real games; ``script_json`` is the escaping both rely on, so a
title such as ``</script><script>alert(1)</script>`` stays data.

usage: python tests/js/make_page.py <game.json> <levels-dir> <out-dir>   (no images, no audio)
"""

import json
import sys
from pathlib import Path
from typing import Any

from maestro.stages.build import AFTER_GENRE, BEFORE_GENRE, inline_script, script_json

RUNTIME = Path(__file__).resolve().parents[2] / "maestro" / "runtime"
#: Inlined in the build's order: what the genre modules read while loading (rules.js, motion.js),
#: the genre modules, then the rest of the engine.
HEAD_SCRIPTS = BEFORE_GENRE
TAIL_SCRIPTS = AFTER_GENRE

PAGE = """<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<title>Maestro</title>
<style>html, body {{ margin: 0; height: 100%; overflow: hidden; background: #000; }}</style>
</head>
<body>
<script>window.MAESTRO_DATA = {data};</script>
{scripts}
</body>
</html>
"""


def runtime_files(runtime: Path = RUNTIME) -> list[Path]:
    """The runtime scripts that exist, in page order."""
    genres = sorted((runtime / "genres").glob("*.js"))
    ordered = [runtime / name for name in HEAD_SCRIPTS] + genres + [runtime / name for name in TAIL_SCRIPTS]
    return [path for path in ordered if path.exists()]


def make_page(game: dict[str, Any], levels: list[dict[str, Any]], atlas: dict[str, Any], images: dict[str, str],
              audio: dict[str, Any], out: Path, extra_scripts: list[Path] | None = None) -> Path:
    """Write the page to ``out`` (a ``.html`` file, or a directory that gets ``index.html``).

    ``images`` maps file names (``atlas.png``, ``bg-sky.png``) to ``data:`` URIs; ``audio`` is
    ``{"map": audio.json, "files": {name: base64}}``. ``extra_scripts`` (tests only, e.g. a fake
    genre module) go right after the genre modules.
    """
    path = out if out.suffix == ".html" else out / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"game": game, "levels": levels, "atlas": atlas, "images": images, "audio": audio}
    files = runtime_files()
    if extra_scripts:
        at = next((i for i, f in enumerate(files) if f.name == TAIL_SCRIPTS[0]), len(files))
        files = files[:at] + list(extra_scripts) + files[at:]
    scripts = "\n".join(inline_script(f.read_text(encoding="utf-8")) for f in files)
    path.write_text(PAGE.format(data=script_json(data), scripts=scripts), encoding="utf-8")
    return path


def main(argv: list[str]) -> None:
    game = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    levels = [json.loads(p.read_text(encoding="utf-8")) for p in Path(argv[1]).glob("*.json")]
    levels.sort(key=lambda level: level.get("index", 0))
    print(make_page(game, levels, {}, {}, {}, Path(argv[2])))


if __name__ == "__main__":
    main(sys.argv[1:])
