"""The canvas stage: every image the game needs, in the GDD's art direction, written to the store.

Output under ``<prefix>/``: ``atlas.png`` (every sprite and tile frame), ``atlas.json`` (the
frame map the runtime reads: where each frame is, each sprite's animations, the tiles, the
background layers and the colours for text), ``bg-<layer>.png`` background layers and
``preview.png``, a picture for the designer. No text is ever drawn into an image.

Backgrounds come in one set per theme the levels use (a level's own theme, else the game's
setting; ``default`` where there is neither): ``themes`` in the frame map holds each set, and
``backgrounds`` the first level's set (files ``bg-sky.png``...; other sets ``bg-<theme>-sky.png``),
which is also what a level whose theme has no set of its own shows.
"""

import json
from dataclasses import dataclass, replace
from typing import Any

from maestro.art import backgrounds, preview
from maestro.art.atlas import Image, pack, png
from maestro.art.colour import to_hex
from maestro.art.palette import Scheme, scheme_for
from maestro.art.sheet import render, sprite_specs
from maestro.art.tiles import TILE_FRAMES, tiles
from maestro.manifest import StageManifest
from maestro.plan import plan_levels
from maestro.rng import derive_seed
from maestro.spec import GameSpec
from maestro.store import Store

STAGE = "canvas"
VERSION = 3
PNG = "image/png"
JSON = "application/json"
TILE_FPS = 3
#: The theme of a level where neither it nor the game names a setting.
DEFAULT_THEME = "default"
#: The tiles a level's theme changes: the ground, walls and floor (pickups, goals and doors stay the game's).
THEMED_TILES = ("solid", "solid_top", "empty", "wall", "floor", "platform")


@dataclass(frozen=True)
class Art:
    atlas: Image
    frame_map: dict[str, Any]
    #: Every background layer of every theme's set, the first level's set first (see the module's doc).
    layers: list[backgrounds.Layer]
    preview: Image
    scheme: Scheme


def build_art(spec: GameSpec, seed: int) -> Art:
    scheme = scheme_for(spec)
    frames: list[tuple[str, Image]] = []
    sprite_map: dict[str, Any] = {}
    sheet_frames: list[Image] = []
    actors: list[Image] = []
    for sprite in sprite_specs(spec, seed, scheme):
        rendered = render(sprite, scheme)
        animations: dict[str, Any] = {}
        for anim_name, images in rendered.items():
            keys = [f"{sprite.key}/{anim_name}/{i}" for i in range(len(images))]
            frames += zip(keys, images, strict=True)
            sheet_frames += images
            animations[anim_name] = {"frames": keys, "fps": sprite.animations[anim_name].fps}
        sprite_map[sprite.key] = {"kind": sprite.kind, "name": sprite.name, "archetype": sprite.archetype,
                                  "size": sprite.size, "animations": animations}
        if sprite.kind in ("player", "enemy", "boss") and sprite.name:
            actors.append(next(iter(rendered.values()))[0])

    tile_map: dict[str, Any] = {}
    tile_images = tiles(scheme, spec.genre, spec.setting)
    for name in TILE_FRAMES:
        keys = [f"tile:{name}/{i}" for i in range(len(tile_images[name]))]
        frames += zip(keys, tile_images[name], strict=True)
        sheet_frames += tile_images[name]
        tile_map[name] = {"frames": keys, "fps": TILE_FPS}

    # A level whose theme is not the game's setting gets that theme's ground too (a desert level
    # of a forest game stands on sand): its material tiles, under "tile:<theme>:<name>".
    themes = level_themes(spec, seed)
    theme_tiles: dict[str, Any] = {}
    for theme in themes:
        if theme == (spec.setting or DEFAULT_THEME):
            continue
        own = tiles(scheme, spec.genre, None if theme == DEFAULT_THEME else theme)
        theme_tiles[theme] = {}
        for name in THEMED_TILES:
            keys = [f"tile:{theme}:{name}/{i}" for i in range(len(own[name]))]
            frames += zip(keys, own[name], strict=True)
            theme_tiles[theme][name] = {"frames": keys, "fps": TILE_FPS}

    atlas, placed = pack(frames)
    sets = background_sets(spec, scheme, seed, themes)
    layers = [layer for set_layers in sets.values() for layer in set_layers]
    first = next(iter(sets.values()))
    mock = preview.scene(scheme, [layer.image for layer in first], tile_images["solid"][0],
                         tile_images["solid_top"][0], actors)
    frame_map: dict[str, Any] = {
        "format": "maestro.atlas/1",
        "image": "atlas.png",
        "width": int(atlas.shape[1]),
        "height": int(atlas.shape[0]),
        "tile_size": 16,
        "style": spec.art.style.value,
        "frames": {key: [spot.x, spot.y, spot.w, spot.h] for key, spot in sorted(placed.items())},
        "sprites": sprite_map,
        "tiles": tile_map,
        "tile_themes": theme_tiles,
        "backgrounds": [_layer_entry(layer) for layer in first],
        "themes": {theme: [_layer_entry(layer) for layer in set_layers] for theme, set_layers in sets.items()},
        "colours": {
            "background": to_hex(scheme.background), "text": to_hex(scheme.text), "outline": to_hex(scheme.outline),
            "player": to_hex(scheme.player), "hazard": to_hex(scheme.hazard), "accent": to_hex(scheme.gold),
        },
        "palette": [to_hex(colour) for colour in scheme.base],
    }
    shown = preview.stack(scheme, mock, preview.contact_sheet(scheme, sheet_frames))
    return Art(atlas, frame_map, layers, shown, scheme)


def level_themes(spec: GameSpec, seed: int) -> list[str]:
    """The themes the levels show (as their plans and level files name them), in order of first
    use; ``default`` for a level with none."""
    return list(dict.fromkeys(plan.theme or DEFAULT_THEME for plan in plan_levels(spec, seed)))


def background_sets(spec: GameSpec, scheme: Scheme, seed: int,
                    themes: list[str]) -> dict[str, list[backgrounds.Layer]]:
    """One set of background layers per theme (:func:`level_themes`); the first keeps the plain layer names."""
    sets: dict[str, list[backgrounds.Layer]] = {}
    for n, theme in enumerate(themes):
        setting = None if theme == DEFAULT_THEME else theme
        labels = ("backgrounds",) if setting is None else ("backgrounds", setting)
        made = backgrounds.layers(scheme, spec.genre, derive_seed(seed, STAGE, *labels), setting)
        sets[theme] = made if n == 0 else [replace(layer, name=f"{theme}-{layer.name}") for layer in made]
    return sets


def _layer_entry(layer: backgrounds.Layer) -> dict[str, Any]:
    return {"name": layer.name, "image": f"bg-{layer.name}.png", "parallax": layer.parallax, "axis": layer.axis,
            "w": int(layer.image.shape[1]), "h": int(layer.image.shape[0])}


def run(spec: GameSpec, seed: int, store: Store, prefix: str) -> StageManifest:
    """Draw, pack and store the game's images; return the stage manifest."""
    art = build_art(spec, seed)
    atlas_png = png(art.atlas)
    stored = [
        store.put(f"{prefix}/atlas.png", atlas_png, PNG),
        store.put(f"{prefix}/atlas.json", (json.dumps(art.frame_map, sort_keys=True, ensure_ascii=False,
                                                      separators=(",", ":")) + "\n").encode(), JSON),
    ]
    stored += [store.put(f"{prefix}/bg-{layer.name}.png", png(layer.image), PNG) for layer in art.layers]
    stored.append(store.put(f"{prefix}/preview.png", png(art.preview), PNG))
    return StageManifest(
        stage=STAGE,
        files=stored,
        meta={
            "version": VERSION,
            "style": spec.art.style.value,
            "sprites": len(art.frame_map["sprites"]),
            "frames": len(art.frame_map["frames"]),
            "atlas": [art.frame_map["width"], art.frame_map["height"]],
            "bytes": sum(f.bytes for f in stored),
        },
    )
