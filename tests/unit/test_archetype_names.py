"""What a GDD's cast is drawn as: read from the name, else the description's subject, in English and Korean."""

import itertools

import numpy as np
import pytest

from maestro.art.sprites import ARCHETYPES, CLEAR, draw
from maestro.gdd.archetypes import _PLAYABLE, ARCHETYPE_NAMES, archetype_for, archetype_reading

CAST = [
    # (name, kind, genre, description) -> archetype
    ("Bunny", "player", "platformer", "", "rabbit"),
    ("토끼", "player", "platformer", "", "rabbit"),
    ("Pigeon", "player", "platformer", "", "bird"),
    ("비둘기", "player", "runner", "", "bird"),
    ("Flame Spirit", "player", "platformer", "", "flame"),
    ("불꽃 정령", "enemy", "platformer", "", "flame"),
    ("Ember", "player", "platformer", "", "flame"),
    ("Submarine", "player", "platformer", "", "submarine"),
    ("잠수함", "player", "platformer", "", "submarine"),
    ("Carrot", "item", "platformer", "", "carrot"),
    ("당근", "item", "runner", "", "carrot"),
    ("Fox", "player", "platformer", "", "fox"),
    ("여우", "player", "topdown", "", "fox"),
    ("Chef Remy", "player", "platformer", "", "chef"),
    ("요리사", "player", "platformer", "", "chef"),
    ("Race Car", "player", "runner", "", "car"),
    ("자동차", "player", "runner", "", "car"),
    ("Biplane", "player", "runner", "", "plane"),
    ("비행기", "player", "platformer", "", "plane"),
    ("Sailboat", "player", "runner", "", "boat"),
    ("배", "player", "runner", "", "boat"),
    ("Raindrop", "player", "platformer", "", "droplet"),
    ("물방울", "player", "platformer", "", "droplet"),
    ("Apple", "item", "platformer", "", "apple"),
    ("사과", "item", "platformer", "", "apple"),
    ("Old Wizard", "player", "topdown", "", "wizard"),
    ("마법사", "player", "topdown", "", "wizard"),
    ("Farmer Joe", "player", "platformer", "", "farmer"),
    ("농부", "player", "platformer", "", "farmer"),
    ("Shadow Ninja", "player", "platformer", "", "ninja"),
    ("닌자", "player", "platformer", "", "ninja"),
    ("Pirate Captain", "enemy", "platformer", "", "pirate"),
    ("해적", "player", "platformer", "", "pirate"),
    ("Astronaut", "player", "platformer", "", "astronaut"),
    ("우주비행사", "player", "platformer", "", "astronaut"),
    ("Field Mouse", "enemy", "platformer", "", "mouse"),
    ("생쥐", "enemy", "platformer", "", "mouse"),
    ("Piglet", "player", "platformer", "", "pig"),
    ("돼지", "player", "platformer", "", "pig"),
    ("Honeybee", "enemy", "platformer", "", "bee"),
    ("꿀벌", "player", "platformer", "", "bee"),
    ("Penguin", "player", "platformer", "", "penguin"),
    ("펭귄", "player", "platformer", "", "penguin"),
    ("Wedge of Cheese", "item", "platformer", "", "cheese"),
    ("Birthday Cake", "item", "platformer", "", "cake"),
    ("Bread Loaf", "item", "platformer", "", "bread"),
    # the name says nothing: the description's subject decides
    ("Pip", "player", "platformer", "a small bunny who loves carrots", "rabbit"),
    ("Pip", "player", "platformer", "Players control Pip, a small bunny.", "rabbit"),
    ("핍", "player", "platformer", "작은 토끼입니다. 당근을 좋아해요.", "rabbit"),
    ("Nautilus", "player", "shooter", "a tiny submarine exploring the trench", "submarine"),
    ("Ace", "player", "shooter", "Pilots a rickety biplane through the clouds.", "plane"),
    ("Sir Bram", "player", "platformer", "A knight who hunts bats.", "knight"),
    ("브람", "player", "platformer", "박쥐를 사냥하는 기사이다.", "knight"),
    ("Rusty", "player", "platformer", "The hero is a fox chasing rabbits", "fox"),
    ("Glorbnax", "enemy", "platformer", "Glorbnax: a giant slime that oozes", "slime"),
    ("Sparky", "player", "platformer", "a living flame", "flame"),
    ("Snack", "item", "platformer", "a crunchy carrot", "carrot"),
    # a name keyword wins over the description
    ("Cave Bat", "enemy", "platformer", "a rat with wings", "bat"),
]


@pytest.mark.parametrize(("name", "kind", "genre", "description", "expected"), CAST)
def test_the_cast_is_drawn_as_what_its_name_or_description_says(name, kind, genre, description, expected):
    assert archetype_for(name, kind, None, genre, description) == expected


def test_the_reading_says_whether_the_name_the_description_or_a_fallback_chose_it():
    assert archetype_reading("Bunny", "player").how == "name"
    assert archetype_reading("Pip", "player", description="a small bunny").how == "description"
    reading = archetype_reading("Glorbnax", "enemy", "chase")
    assert (reading.archetype, reading.how, reading.why) == ("wolf", "fallback", "from how it moves")
    assert archetype_reading("Pip", "player").how == "fallback"


def test_what_a_description_says_it_does_to_others_does_not_decide_its_drawing():
    assert archetype_for("Zorp", "enemy", "patrol", description="Shoots bullets at the hero.") == "beetle"
    assert archetype_for("Zorp", "enemy", "fly", description="Hunts mice and bats at night.") == "bat"


def test_a_shooters_player_stays_its_ship_unless_it_is_said_to_be_another_craft():
    assert archetype_for("Kestrel", "player", None, "shooter") == "ship"
    assert archetype_for("Bunny", "player", None, "shooter", "a small bunny") == "ship"  # no bunny flies a shooter
    assert archetype_for("Nautilus", "player", None, "shooter") == "ship"  # a snail's name, but a shooter
    assert archetype_for("Nautilus", "player", None, "shooter", "a tiny submarine") == "submarine"


def test_every_new_archetype_has_a_drawing():
    assert set(ARCHETYPE_NAMES) <= set(ARCHETYPES)
    assert set(_PLAYABLE) <= set(ARCHETYPES)


#: The player shapes added for issue 19: each must read as itself, not as a recoloured hero.
NEW_PLAYERS = ("plane", "submarine", "boat", "car", "flame", "droplet", "mouse", "pig", "bee", "penguin", "wizard",
               "chef", "farmer", "ninja", "pirate", "astronaut")


def test_every_new_player_shape_differs_in_silhouette_from_every_other_player_shape():
    """Opaque masks of a new player archetype and any other player-capable one overlap less than 80 % (IoU)."""
    assert set(NEW_PLAYERS) <= _PLAYABLE
    masks = {a: draw(a, 16, "idle", 0) != CLEAR for a in sorted(_PLAYABLE)}
    close = []
    for a, b in itertools.product(NEW_PLAYERS, masks):
        if a == b:
            continue
        iou = (masks[a] & masks[b]).sum() / (masks[a] | masks[b]).sum()
        if iou >= 0.8:
            close.append((a, b, round(float(iou), 2)))
    assert not close


@pytest.mark.parametrize("archetype", NEW_PLAYERS)
def test_every_new_player_shape_animates_its_run_and_jump(archetype):
    runs = [draw(archetype, 16, "run", f) for f in range(4)]
    assert all(not np.array_equal(a, b) for a, b in itertools.pairwise(runs))
    assert not np.array_equal(draw(archetype, 16, "jump", 0), draw(archetype, 16, "idle", 0))
