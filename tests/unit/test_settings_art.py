"""Settings and art styles as the player sees them: every setting draws its own backgrounds and
tiles, each level shows its theme's set, and flat, neon and Game Boy look like what they say."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from maestro.art import backgrounds
from maestro.art.atlas import png
from maestro.art.palette import Scheme, scheme_for
from maestro.art.scenery import TONES
from maestro.art.tiles import tiles
from maestro.gdd import read_gdd
from maestro.spec import ArtStyle, GameSpec, Genre
from maestro.stages import canvas, labyrinth
from tests.conftest import NODE
from tests.expectations import EXAMPLES

SETTINGS = sorted(TONES)
GENRES = [Genre.RUNNER, Genre.SHOOTER, Genre.TOPDOWN]
ROOT = Path(__file__).resolve().parents[2]
#: Every background PNG of one game together, well inside the page's 1.2 MB.
BACKGROUND_BUDGET = 120_000


@cache
def spec_of(name: str) -> GameSpec:
    return read_gdd(EXAMPLES / name)


def scheme_in(name: str, genre: Genre, style: ArtStyle | None = None) -> Scheme:
    spec = spec_of(name).model_copy(deep=True)
    spec.genre = genre
    if style is not None:
        spec.art.style = style
    return scheme_for(spec)


@cache
def drawn(genre: Genre, setting: str | None) -> tuple[np.ndarray, ...]:
    scheme = scheme_in("moss_knight.md", genre)
    return tuple(layer.image for layer in backgrounds.layers(scheme, genre, 7, setting))


@pytest.mark.parametrize("genre", GENRES, ids=str)
def test_each_setting_draws_backgrounds_of_its_own(genre: Genre) -> None:
    seen = {"default": drawn(genre, None)}
    for setting in SETTINGS:
        images = drawn(genre, setting)
        for other, theirs in seen.items():
            assert any(a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(images, theirs, strict=False)), \
                f"{genre} {setting} looks like {other}"
        seen[setting] = images


@pytest.mark.parametrize("genre", GENRES, ids=str)
@pytest.mark.parametrize("setting", [None, *SETTINGS])
def test_layers_tile_seamlessly_along_their_scroll_axis(genre: Genre, setting: str | None) -> None:
    scheme = scheme_in("moss_knight.md", genre)
    for layer in backgrounds.layers(scheme, genre, 11, setting):
        if layer.parallax == 0 and layer.name != "floor":
            continue  # a still sky covers the view once
        image = layer.image.astype(int)
        if layer.axis == "y":
            image = image.transpose(1, 0, 2)
        # The last column next to the first must differ no more than two neighbours inside ever do.
        seam = np.abs(image[:, -1] - image[:, 0]).max(axis=1).mean()
        inside = np.abs(np.diff(image, axis=1)).max(axis=2).mean(axis=0)
        assert seam <= max(12.0, inside.max()), f"{layer.name}: seam {seam:.1f}, inside at most {inside.max():.1f}"


def test_backgrounds_are_the_same_for_the_same_seed() -> None:
    scheme = scheme_in("neon_vanguard.md", Genre.SHOOTER)
    for setting in ("city", "water", None):
        first = backgrounds.layers(scheme, Genre.SHOOTER, 5, setting)
        again = backgrounds.layers(scheme, Genre.SHOOTER, 5, setting)
        assert [png(a.image) for a in first] == [png(b.image) for b in again]


def test_each_level_theme_gets_a_set_and_no_unused_theme_does() -> None:
    spec = spec_of("moss_knight.md")  # levels: forest, (forest), cave, (forest), forest
    art = canvas.build_art(spec, spec.seed)
    themes = art.frame_map["themes"]
    levels = labyrinth.build_levels(spec, spec.seed)
    assert set(themes) == {level.theme or canvas.DEFAULT_THEME for level in levels} == {"forest", "cave"}
    assert art.frame_map["backgrounds"] == themes["forest"], "the first level's set is the default"
    files = {layer["image"] for entries in themes.values() for layer in entries}
    assert files == {f"bg-{layer.name}.png" for layer in art.layers}
    assert len(files) == 6


def test_a_level_themed_away_from_the_games_setting_stands_on_its_own_ground() -> None:
    spec = spec_of("moss_knight.md")  # a forest game whose level 3 is a cave
    art = canvas.build_art(spec, spec.seed)
    own = art.frame_map["tile_themes"]
    assert set(own) == {"cave"}, "the forest levels use the game's tiles"
    frames, image = art.frame_map["frames"], art.atlas

    def pixels(key: str) -> np.ndarray:
        x, y, w, h = frames[key]
        return image[y:y + h, x:x + w]

    for name in ("solid", "solid_top"):
        cave = own["cave"][name]["frames"][0]
        assert not np.array_equal(pixels(cave), pixels(art.frame_map["tiles"][name]["frames"][0])), name


def test_a_game_with_no_setting_keeps_one_default_set() -> None:
    spec = spec_of("comet_barrage.md")
    art = canvas.build_art(spec, spec.seed)
    assert list(art.frame_map["themes"]) == ["default"]
    assert [layer["image"] for layer in art.frame_map["backgrounds"]] == ["bg-sky.png", "bg-far.png", "bg-near.png"]


@pytest.mark.parametrize("name", ["moss_knight.md", "neon_vanguard.md", "starlight_runner_ko.md", "rooftop_run.txt"])
def test_all_background_pngs_of_a_game_fit_the_budget(name: str) -> None:
    spec = spec_of(name)
    art = canvas.build_art(spec, spec.seed)
    assert sum(len(png(layer.image)) for layer in art.layers) < BACKGROUND_BUDGET


def test_side_view_tiles_take_the_settings_material() -> None:
    scheme = scheme_in("moss_knight.md", Genre.PLATFORMER)
    tops = {setting: tiles(scheme, Genre.PLATFORMER, setting)["solid_top"][0] for setting in SETTINGS}
    looks = {png(image) for image in tops.values()}
    assert len(looks) >= len(SETTINGS) - 2, "most settings' ground looks like another's"


@pytest.mark.parametrize("style", [ArtStyle.FLAT, ArtStyle.PASTEL])
@pytest.mark.parametrize("setting", [None, "crypt", "factory", "desert"])
def test_flat_styles_draw_plain_tiles_with_no_texture(style: ArtStyle, setting: str | None) -> None:
    for genre in (Genre.PLATFORMER, Genre.PUZZLE):
        made = tiles(scheme_in("crate_keeper.txt", genre, style), genre, setting)
        for name in ("solid", "solid_top", "wall", "floor"):
            image = made[name][0]
            colours = {tuple(p) for p in image[image[..., 3] > 0][:, :3]}
            assert len(colours) <= 3, f"{name} has {len(colours)} colours: a texture"


def test_flat_puzzle_has_no_empty_void_around_the_map() -> None:
    scheme = scheme_in("crate_keeper.txt", Genre.PUZZLE, ArtStyle.PASTEL)
    (floor,) = backgrounds.layers(scheme, Genre.PUZZLE, 3, None)
    colours = {tuple(p) for p in floor.image.reshape(-1, 4)[:, :3]}
    assert scheme.background not in colours and 1 < len(colours) <= 3


def test_neon_backgrounds_glow_on_a_dark_sky() -> None:
    scheme = scheme_in("neon_vanguard.md", Genre.RUNNER)
    _, far, near = backgrounds.layers(scheme, Genre.RUNNER, 3, "city")
    for layer in (far, near):
        opaque = layer.image[layer.image[..., 3] > 0][:, :3].astype(int)
        brightest = opaque.sum(axis=1).max()
        assert brightest > 3 * sum(scheme.background) + 150, "no bright rim on the silhouettes"


def test_gameboy_backgrounds_use_only_the_four_shades() -> None:
    scheme = scheme_in("frost_peak.md", Genre.PLATFORMER)
    assert scheme.limited
    shades = {r * 65536 + g * 256 + b for r, g, b in scheme.base}
    for setting in SETTINGS:
        for genre in GENRES:
            for layer in backgrounds.layers(scheme, genre, 1, setting):
                rgb = layer.image[layer.image[..., 3] > 0][:, :3].astype(np.int64)
                used = set(np.unique(rgb @ np.array([65536, 256, 1])).tolist())
                assert used <= shades, (setting, genre, layer.name)


DRAW_PICKS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const context = { console, Math, JSON, Object, Array, Number, String, Promise };
context.window = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(process.argv[1], "draw.js"), "utf8"), context);
const atlas = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const draw = context.Maestro.draw;
draw.init({ atlas: atlas }, { w: 320, h: 240 });
const picked = {};
for (const theme of [null, "forest", "cave", "lava"]) {
  draw.theme(theme);
  picked[String(theme)] = draw.layers.map((layer) => layer.image);
}
console.log(JSON.stringify(picked));
"""


@pytest.mark.usefixtures("node")
def test_the_runtime_draws_the_playing_levels_theme(tmp_path: Path) -> None:
    spec = spec_of("moss_knight.md")
    atlas = tmp_path / "atlas.json"
    atlas.write_text(json.dumps(canvas.build_art(spec, spec.seed).frame_map))
    done = subprocess.run([str(NODE), "-e", DRAW_PICKS, str(ROOT / "maestro" / "runtime"), str(atlas)],
                          capture_output=True, text=True, timeout=60, check=True)
    picked = json.loads(done.stdout)
    assert picked["forest"] == picked["null"] == ["bg-sky.png", "bg-far.png", "bg-near.png"]
    assert picked["cave"] == ["bg-cave-sky.png", "bg-cave-far.png", "bg-cave-near.png"]
    assert picked["lava"] == picked["null"], "a theme with no set falls back to the backgrounds"
