"""From the GDD's palette to colour *roles*: background, terrain, player, each enemy, hazards, text.

The spec's palette is a list of colours (the GDD's colour words first, then the style's own).
A scheme decides which of them does what, so that the game reads at a glance: the player, the
enemies and the hazards keep at least 3:1 contrast against the background they are drawn on
(shaded or tinted from their palette colour when the palette alone does not get there), enemies
take hues away from the player's, and text keeps 4.5:1. The Game Boy style is *limited*: every
colour is snapped back to its four greens.
"""

from dataclasses import dataclass

from maestro.art.colour import (
    RGB,
    contrast,
    ensure_contrast,
    hue,
    hue_distance,
    luminance,
    mix,
    parse_hex,
    saturation,
    shade,
    tint,
)
from maestro.spec import ArtStyle, GameSpec, Genre

LIGHT_STYLES = frozenset({ArtStyle.PASTEL, ArtStyle.FLAT, ArtStyle.CARTOON, ArtStyle.GAMEBOY})
SPRITE_CONTRAST = 3.0
TEXT_CONTRAST = 4.5


@dataclass(frozen=True)
class Scheme:
    style: ArtStyle
    base: tuple[RGB, ...]
    limited: bool
    background: RGB
    far: RGB
    near: RGB
    terrain: RGB
    terrain_top: RGB
    floor: RGB
    outline: RGB
    player: RGB
    player_accent: RGB
    foes: tuple[RGB, ...]
    hazard: RGB
    gold: RGB
    text: RGB
    eye: RGB
    pupil: RGB

    def snap(self, colour: RGB) -> RGB:
        """In a limited palette, the nearest palette colour; otherwise the colour itself."""
        if not self.limited:
            return colour
        return min(self.base, key=lambda c: sum((a - b) ** 2 for a, b in zip(c, colour, strict=True)))

    def nearest(self, colour: RGB) -> RGB:
        """The colour the palette can honestly give closest to ``colour``: one of its colours, a
        shade or tint of one, or a mix of two. A cactus asks for green and gets the palette's
        greenest; a palette with no green gives its nearest, never a colour the GDD did not ask for."""
        if self.limited:
            return self.snap(colour)
        steps = [k / 10 for k in range(9)]
        candidates = [shade(p, t) for p in self.base for t in steps]
        candidates += [tint(p, t) for p in self.base for t in steps]
        candidates += [mix(p, q, t) for p in self.base for q in self.base for t in steps if p < q]
        return min(candidates, key=lambda c: sum((a - b) ** 2 for a, b in zip(c, colour, strict=True)))

    def body_shades(self, body: RGB) -> tuple[RGB, RGB]:
        """Shade and highlight for a body colour, both still standing out from the background.

        When limited, the neighbouring palette colours, or the body colour itself where a
        neighbour would melt into the background.
        """
        if self.limited:
            ordered = sorted(self.base, key=luminance)
            index = ordered.index(self.snap(body))
            darker, lighter = ordered[max(0, index - 1)], ordered[min(len(ordered) - 1, index + 1)]
            keep = [c if contrast(c, self.background) >= SPRITE_CONTRAST else body for c in (darker, lighter)]
            return keep[0], keep[1]
        return (ensure_contrast(shade(body, 0.3), self.background, SPRITE_CONTRAST),
                ensure_contrast(tint(body, 0.35), self.background, SPRITE_CONTRAST))


def scheme_for(spec: GameSpec) -> Scheme:
    base = tuple(parse_hex(colour) for colour in spec.art.palette)
    limited = spec.art.style == ArtStyle.GAMEBOY
    by_light = sorted(base, key=luminance)
    darkest, lightest = by_light[0], by_light[-1]
    light = spec.art.style in LIGHT_STYLES

    background = _background(base, light, spec.genre)
    others = [c for c in base if c != background]
    terrain = _terrain(others, background, light)
    greens = [c for c in others if 0.2 < hue(c) < 0.45 and saturation(c) > 0.3 and c != terrain]
    terrain_top = greens[0] if greens else tint(terrain, 0.3) if light is False else shade(terrain, 0.25)

    vivid = sorted((c for c in others if c not in (terrain,)), key=lambda c: (-saturation(c), luminance(c)))
    raw_player = vivid[0] if vivid else lightest
    player = ensure_contrast(raw_player, background, SPRITE_CONTRAST)
    foes = tuple(
        ensure_contrast(c, background, SPRITE_CONTRAST)
        for c in sorted(vivid[1:], key=lambda c: -hue_distance(c, player))
        if contrast(c, background) >= 1.2
    ) or (ensure_contrast(shade(player, 0.4) if light else tint(player, 0.4), background, SPRITE_CONTRAST),)
    hazard = ensure_contrast(_closest_hue(others, 0.0, raw_player) or foes[0], background, SPRITE_CONTRAST)
    gold = ensure_contrast(_closest_hue(others, 0.13, raw_player) or lightest, background, SPRITE_CONTRAST)
    accent = foes[-1] if len(foes) > 1 else gold

    scheme = Scheme(
        style=spec.art.style,
        base=base,
        limited=limited,
        background=background,
        far=mix(background, terrain, 0.25),
        near=mix(background, terrain, 0.5),
        terrain=terrain,
        terrain_top=terrain_top,
        floor=mix(background, terrain, 0.12),
        outline=darkest,
        player=player,
        player_accent=accent,
        foes=foes,
        hazard=hazard,
        gold=gold,
        text=ensure_contrast(darkest if light else lightest, background, TEXT_CONTRAST),
        eye=lightest,
        pupil=darkest,
    )
    return _snapped(scheme) if limited else scheme


def _background(base: tuple[RGB, ...], light: bool, genre: Genre) -> RGB:
    """Where sprites are drawn on: dark for dark styles, light for light ones, sky where there is sky.

    Side views and shooters under a light style get a light sky blue when the palette has one;
    a shooter without one flies in dark space.
    """
    skies = [c for c in base if 0.5 < hue(c) < 0.64 and luminance(c) > 0.35 and saturation(c) > 0.15]
    if genre == Genre.SHOOTER:
        return max(skies, key=luminance) if skies and light else min(base, key=luminance)
    if not light:
        return min(base, key=luminance)
    if skies and genre in (Genre.PLATFORMER, Genre.RUNNER):
        return max(skies, key=luminance)
    return max(base, key=luminance)


def _terrain(others: list[RGB], background: RGB, light: bool) -> RGB:
    """A quiet colour clearly away from the background: ground and walls should read, not shout."""
    readable = [c for c in others if 1.6 <= contrast(c, background) <= 6]
    if readable:
        return min(readable, key=lambda c: (saturation(c) > 0.6, abs(contrast(c, background) - 2.4)))
    nearest = min(others, key=lambda c: abs(contrast(c, background) - 2.4)) if others else background
    return ensure_contrast(nearest, background, 1.8)


def _closest_hue(colours: list[RGB], target: float, avoid: RGB) -> RGB | None:
    vivid = [c for c in colours if saturation(c) > 0.35 and c != avoid]
    if not vivid:
        return None
    return min(vivid, key=lambda c: min(abs(hue(c) - target), 1 - abs(hue(c) - target)))


def _snapped(scheme: Scheme) -> Scheme:
    """Every role on one of the four greens, keeping sprites apart from the background."""
    by_light = sorted(scheme.base, key=luminance)
    background = by_light[-1]
    sprite = next((c for c in by_light if contrast(c, background) >= SPRITE_CONTRAST and c != by_light[0]),
                  by_light[0])
    return Scheme(
        style=scheme.style, base=scheme.base, limited=True, background=background,
        far=by_light[-2], near=by_light[-2], terrain=by_light[1], terrain_top=by_light[-2],
        floor=by_light[-1], outline=by_light[0], player=sprite, player_accent=by_light[0],
        foes=(by_light[0], sprite), hazard=by_light[0], gold=sprite, text=by_light[0],
        eye=by_light[-1], pupil=by_light[0],
    )
