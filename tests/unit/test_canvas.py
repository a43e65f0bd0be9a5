"""The canvas stage as the game relies on it: a frame for everything, readable, in the GDD's colours."""

from __future__ import annotations

import io
import json
from functools import cache
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from maestro.art.colour import RGB, contrast, parse_hex
from maestro.gdd import read_gdd
from maestro.level import LEGEND, LevelFile
from maestro.spec import GameSpec
from maestro.stages import canvas, labyrinth
from maestro.store import LocalStore
from tests.expectations import EXAMPLES, WILD

GDDS = sorted(EXAMPLES.glob("*.*")) + sorted(p for p in WILD.glob("*.*") if p.suffix in (".md", ".txt"))


@cache
def spec_of(path: Path) -> GameSpec:
    return read_gdd(path)


@cache
def art_of(path: Path) -> canvas.Art:
    spec = spec_of(path)
    return canvas.build_art(spec, spec.seed)


def frame(art: canvas.Art, key: str) -> np.ndarray:
    x, y, w, h = art.frame_map["frames"][key]
    return art.atlas[y:y + h, x:x + w]


def opaque_colours(image: np.ndarray) -> list[RGB]:
    pixels = image[image[..., 3] > 0][:, :3]
    return [tuple(int(c) for c in p) for p in pixels]  # type: ignore[misc]


def main_colour(image: np.ndarray, outline: RGB) -> RGB:
    """The colour most of the sprite is painted in, its outline aside."""
    colours = [c for c in opaque_colours(image) if c != outline]
    return max(set(colours), key=colours.count)


def level_things(level: LevelFile) -> set[str]:
    things = {f"{e.kind}:{e.name}" for e in level.entities}
    things |= {f"{'boss' if s.boss else 'enemy'}:{s.name}" for wave in level.waves for s in wave.spawns}
    return things


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_every_entity_and_tile_the_levels_hold_has_a_frame(gdd: Path) -> None:
    spec = spec_of(gdd)
    art = art_of(gdd)
    for level in labyrinth.build_levels(spec, spec.seed):
        missing = level_things(level) - set(art.frame_map["sprites"])
        assert not missing, f"level {level.index} holds things with no sprite: {missing}"
        tiles = {LEGEND[char] for row in level.rows for char in row} - {"void"}
        assert tiles <= set(art.frame_map["tiles"]), tiles - set(art.frame_map["tiles"])


@pytest.mark.parametrize("gdd", GDDS[:14], ids=lambda p: p.name)
def test_frames_have_the_promised_sizes_counts_and_places(gdd: Path) -> None:
    art = art_of(gdd)
    fmap = art.frame_map
    assert (fmap["height"], fmap["width"]) == art.atlas.shape[:2]
    boxes = list(fmap["frames"].values())
    for x, y, w, h in boxes:
        assert x >= 0 and x + w <= fmap["width"] and y >= 0 and y + h <= fmap["height"]
    for (ax, ay, aw, ah), (bx, by, bw, bh) in combinations(boxes, 2):
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, "frames overlap in the atlas"
    for key, sprite in fmap["sprites"].items():
        for animation in sprite["animations"].values():
            for frame_key in animation["frames"]:
                assert fmap["frames"][frame_key][2:] == [sprite["size"], sprite["size"]], key
    player = fmap["sprites"]["player"]["animations"]
    assert len(player.get("run", player.get("down", player.get("idle")))["frames"]) >= 2
    for tile in fmap["tiles"].values():
        assert all(fmap["frames"][k][2:] == [16, 16] for k in tile["frames"])


def _palette_family(palette: list[RGB]) -> np.ndarray:
    """Points of every palette colour's shades and tints (its triangle with black and white) and of
    the mixes between two palette colours: all the colours a palette can honestly give."""
    steps = np.linspace(0, 1, 21)
    points = []
    for p in palette:
        for a in steps:
            for b in steps[steps <= 1 - a + 1e-9]:
                points.append(a * np.array(p) + (1 - a - b) * 255.0)
        for q in palette:
            points += [np.array(p) + t * (np.array(q) - np.array(p)) for t in steps]
    return np.array(points, dtype=float)


def _near_palette(colour: RGB, family: np.ndarray) -> float:
    return float(np.sqrt(((family - np.array(colour, dtype=float)) ** 2).sum(axis=1)).min())


#: Runners set somewhere: their obstacles (a chimney, a cactus) ask for colours of their own.
PLACED_RUNNERS = [WILD / "design_notes_jam_build.md", WILD / "dallyeora_nyangi.md"]


@pytest.mark.parametrize("gdd", GDDS[:14] + PLACED_RUNNERS, ids=lambda p: p.name)
def test_every_colour_comes_from_the_gdd_palette(gdd: Path) -> None:
    art = art_of(gdd)
    palette = [parse_hex(c) for c in art.frame_map["palette"]]
    used = set(opaque_colours(art.atlas))
    if spec_of(gdd).art.style.value == "gameboy":
        assert used <= set(palette) and len(palette) == 4
    family = _palette_family(palette)
    for colour in used:
        assert _near_palette(colour, family) < 16, f"{colour} is not a shade, tint or mix of the palette"


@pytest.mark.parametrize("gdd", GDDS, ids=lambda p: p.name)
def test_player_enemies_and_hazards_stand_out_from_the_background(gdd: Path) -> None:
    art = art_of(gdd)
    background = parse_hex(art.frame_map["colours"]["background"])
    outline = parse_hex(art.frame_map["colours"]["outline"])
    for key, sprite in art.frame_map["sprites"].items():
        if sprite["kind"] in ("player", "enemy", "boss", "hazard") and sprite["name"]:
            first = next(iter(sprite["animations"].values()))["frames"][0]
            ratio = contrast(main_colour(frame(art, first), outline), background)
            assert ratio >= 3.0, f"{key}: contrast {ratio:.2f} against the background"
    assert contrast(parse_hex(art.frame_map["colours"]["text"]), background) >= 4.5


@pytest.mark.parametrize("gdd", GDDS[:14], ids=lambda p: p.name)
def test_enemies_look_different_from_each_other_and_from_the_player(gdd: Path) -> None:
    art = art_of(gdd)
    actors = [k for k, s in art.frame_map["sprites"].items() if s["kind"] in ("player", "enemy") and s["name"]]
    for a, b in combinations(actors, 2):
        fa = frame(art, art.frame_map["sprites"][a]["animations"]["idle" if "idle" in
                                                                   art.frame_map["sprites"][a]["animations"]
                                                                   else "down"]["frames"][0])
        fb = frame(art, art.frame_map["sprites"][b]["animations"]["idle" if "idle" in
                                                                   art.frame_map["sprites"][b]["animations"]
                                                                   else "down"]["frames"][0])
        differing = np.any(fa != fb, axis=2).sum()
        opaque = max((fa[..., 3] > 0).sum(), (fb[..., 3] > 0).sum())
        assert differing >= 0.2 * opaque, f"{a} and {b} look alike"


@pytest.mark.parametrize("name", ["moss_knight.md", "box_garden_ko.md", "neon_vanguard.md", "frost_peak.md"])
def test_same_spec_and_seed_store_identical_bytes(name: str, tmp_path: Path) -> None:
    spec = spec_of(EXAMPLES / name)
    first = canvas.run(spec, 99, LocalStore(tmp_path / "a"), "art")
    second = canvas.run(spec, 99, LocalStore(tmp_path / "b"), "art")
    assert [(f.key, f.sha256) for f in first.files] == [(f.key, f.sha256) for f in second.files]


def test_stage_stores_atlas_frame_map_backgrounds_and_a_preview(tmp_path: Path) -> None:
    spec = spec_of(EXAMPLES / "moss_knight.md")
    store = LocalStore(tmp_path)
    manifest = canvas.run(spec, spec.seed, store, "jobs/j/canvas")
    names = {f.key.rsplit("/", 1)[1] for f in manifest.files}
    assert {"atlas.png", "atlas.json", "preview.png", "bg-sky.png", "bg-far.png", "bg-near.png"} <= names
    fmap = json.loads(store.get(manifest.file("atlas.json").key))
    atlas = Image.open(io.BytesIO(store.get(manifest.file("atlas.png").key)))
    assert atlas.size == (fmap["width"], fmap["height"]) and atlas.mode == "RGBA"
    shown = np.asarray(Image.open(io.BytesIO(store.get(manifest.file("preview.png").key))))
    assert shown.shape[0] > 240 and len(np.unique(shown.reshape(-1, shown.shape[2]), axis=0)) > 8
    for layer in fmap["backgrounds"] + [entry for entries in fmap["themes"].values() for entry in entries]:
        assert Image.open(io.BytesIO(store.get(f"jobs/j/canvas/{layer['image']}"))).size == (layer["w"], layer["h"])
    assert {"bg-cave-sky.png", "bg-cave-far.png", "bg-cave-near.png"} <= names, "level 3's cave has its own set"


def test_side_view_background_layers_tile_seamlessly() -> None:
    art = art_of(EXAMPLES / "rooftop_run.txt")
    for layer in art.layers:
        left, right = layer.image[:, 0].astype(int), layer.image[:, -1].astype(int)
        assert np.abs(left - right).max(axis=1).mean() < 40, layer.name


def test_art_command_writes_the_images_and_names_the_preview(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "maestro_app.cli", "art", str(EXAMPLES / "frost_peak.md"),
                             "-o", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "canvas" / "preview.png").is_file() and (tmp_path / "canvas" / "atlas.json").is_file()
    assert "preview.png" in result.stdout
