"""Sprites as role grids: every archetype in every pose, outlined, animated, distinct, and named right."""

import itertools

import numpy as np
import pytest

from maestro.art import sprites
from maestro.art.pixels import DRAWERS, Canvas, Pose
from maestro.art.sprites import ARCHETYPES, BODY, CLEAR, FRAMES, OUTLINE, POSES, ROLES, draw
from maestro.gdd.archetypes import ARCHETYPE_NAMES, archetype_for

#: Things rather than creatures: they spin or shimmer, and have no front or back to walk with.
#: The runner's ground obstacles, named after the GDD's setting (a desert's cactus, a rooftop's chimney...).
GROUND = ("cactus", "chimney", "stump", "rock", "tombstone")
OBJECTS = ("coin", "gem", "heart", "key", "potion", "shield", "star_item", "crate", "saw", "bar", "bullet", "orb",
           "drop", "candle", "mine", "carrot", "apple", "cheese", "cake", "bread", *GROUND)
CREATURES = tuple(a for a in ARCHETYPES if a not in OBJECTS)
#: Fixtures that hold still when idle (they still tumble or scroll when spun).
STILL = ("crate", "bar", *GROUND)
REQUIRED = ("hero", "knight", "robot", "cat", "fox", "wolf", "rabbit", "bird", "bat", "beetle", "spider", "slime",
            "ghost", "skeleton", "golem", "plant", "fish", "frog", "snail", "turtle", "eye", "drone", "saucer", "ship",
            "fighter", "turret", "mine", "jelly", "comet", "wisp", "blob", "coin", "gem", "heart", "key", "potion",
            "shield", "star_item", "crate", "saw", "bar", "bullet", "orb")


def every_frame(size: int = 16):
    for archetype in ARCHETYPES:
        for pose in POSES:
            for frame in range(FRAMES[pose]):
                yield archetype, pose, frame, draw(archetype, size, pose, frame)


def test_every_required_archetype_exists_and_objects_are_archetypes():
    assert set(REQUIRED) <= set(ARCHETYPES)
    assert set(OBJECTS) <= set(ARCHETYPES)
    assert len(set(ARCHETYPES)) == len(ARCHETYPES)


def test_archetypes_lists_every_registered_drawer_once_in_family_order():
    assert set(ARCHETYPES) == set(DRAWERS)
    assert ARCHETYPES[:2] == ("hero", "knight") and ARCHETYPES[-1] == "candle"


def test_every_archetype_draws_every_pose_as_a_16px_grid_of_known_roles():
    for archetype, pose, frame, grid in every_frame():
        assert grid.shape == (16, 16), (archetype, pose, frame)
        assert grid.dtype == np.uint8
        assert set(np.unique(grid)) <= set(ROLES), (archetype, pose, frame)


@pytest.mark.parametrize("archetype", ["golem", "fighter", "slime", "turtle", "comet", "ghost", "eye", "hero"])
def test_bosses_draw_at_32px_smoothed_not_blocky_with_a_thin_outline(archetype):
    """A boss is its 16 px drawing redrawn at 32 (Scale2x): the same figure, with no 2x2 stair-steps on its
    diagonals, a band of shade inside its lower edge, and still a one-pixel outline."""
    for pose in POSES:
        for frame in range(FRAMES[pose]):
            big = draw(archetype, 32, pose, frame)
            assert big.shape == (32, 32)
            assert set(np.unique(big)) <= set(ROLES)
            small = draw(archetype, 16, pose, frame)
            body_small = (small != CLEAR) & (small != OUTLINE)
            body_big = (big != CLEAR) & (big != OUTLINE)
            doubled = np.repeat(np.repeat(body_small, 2, axis=0), 2, axis=1)
            assert abs(int(body_big.sum()) - int(doubled.sum())) <= 0.1 * doubled.sum(), (archetype, pose, frame)
            assert (body_big & doubled).sum() >= 0.9 * doubled.sum()  # the same figure, corners rounded
            assert body_big.sum() >= 4 * 30
            rim_big, rim_small = rim(big), rim(small)
            assert 1.5 * rim_small <= rim_big <= 2.5 * rim_small, (archetype, pose, frame)  # 1 px, not 2


def rim(grid: np.ndarray) -> int:
    """Outline pixels that touch the background: a 1-px rim doubles in count at 2x, a 2-px one quadruples."""
    padded = np.pad(grid, 1, constant_values=CLEAR)
    h, w = grid.shape
    near_clear = np.zeros(grid.shape, dtype=bool)
    for dy, dx in ((0, 1), (2, 1), (1, 0), (1, 2)):
        near_clear |= padded[dy:dy + h, dx:dx + w] == CLEAR
    return int(((grid == OUTLINE) & near_clear).sum())


def test_a_boss_has_smooth_diagonals_where_the_16px_drawing_has_steps():
    for archetype in ("golem", "ghost", "slime", "comet"):
        big = draw(archetype, 32, "idle", 0) != CLEAR
        doubled = np.repeat(np.repeat(draw(archetype, 16, "idle", 0) != CLEAR, 2, axis=0), 2, axis=1)
        assert not np.array_equal(big, doubled), archetype
        assert (big != doubled).sum() >= 8, archetype  # corners cut along its curves


def test_a_boss_is_shaded_inside_its_lower_edge_and_its_eyes_catch_the_light():
    big = draw("ghost", 32, "idle", 0)
    body = (big != CLEAR) & (big != OUTLINE)
    bottom = [int(np.nonzero(body[:, x])[0].max()) for x in range(32) if body[:, x].any()]
    lowest = [big[y, x] for x, y in zip([x for x in range(32) if body[:, x].any()], bottom, strict=True)]
    assert sum(role == sprites.SHADE for role in lowest) >= 0.8 * len(lowest)
    assert (big == sprites.PUPIL).any() and (big == sprites.EYE).any()
    small_eyes = (draw("ghost", 16, "idle", 0) == sprites.EYE).sum()
    assert (big == sprites.EYE).sum() > 4 * small_eyes  # a catchlight in each dark eye


@pytest.mark.parametrize("size", [8, 12])
@pytest.mark.parametrize("archetype", ["bullet", "orb", "coin", "gem", "heart", "star_item", "key", "drop"])
def test_bullets_and_small_items_draw_at_8_and_12px(archetype, size):
    for pose in ("idle", "spin"):
        for frame in range(FRAMES[pose]):
            grid = draw(archetype, size, pose, frame)
            assert grid.shape == (size, size)
            assert set(np.unique(grid)) <= set(ROLES)
            assert (grid == OUTLINE).any()
            assert ((grid != CLEAR) & (grid != OUTLINE)).sum() >= 4
            assert not ((grid[0] != CLEAR) & (grid[0] != OUTLINE)).any()


@pytest.mark.parametrize("size", [10, 20, 24, 48])
def test_any_size_from_8_up_draws_with_its_outline_inside_the_grid(size):
    for archetype in ARCHETYPES:
        grid = draw(archetype, size, "run", 1)
        assert grid.shape == (size, size)
        edge = np.concatenate([grid[0], grid[-1], grid[:, 0], grid[:, -1]])
        if archetype != "bar":
            assert set(np.unique(edge)) <= {CLEAR, OUTLINE}, archetype
        assert ((grid != CLEAR) & (grid != OUTLINE)).any()


def test_every_sprite_has_a_closed_outline_and_a_real_body():
    """No body pixel touches the background or the grid's edge: there is always a rim between them."""
    for archetype, pose, frame, grid in every_frame():
        body = (grid != CLEAR) & (grid != OUTLINE)
        assert (grid != CLEAR).sum() >= 30, (archetype, pose, frame)
        assert (grid == OUTLINE).any()
        padded = np.pad(grid, 1, constant_values=CLEAR)
        if archetype == "bar":  # a beam tiles sideways: its ends run off the grid on purpose
            padded[:, 0], padded[:, -1] = padded[:, 1], padded[:, -2]
        open_side = np.zeros_like(body)
        for dy, dx in ((0, 1), (2, 1), (1, 0), (1, 2)):
            open_side |= padded[dy:dy + 16, dx:dx + 16] == CLEAR
        assert not (body & open_side).any(), (archetype, pose, frame)


def test_the_bar_spans_the_whole_width_so_it_tiles():
    grid = draw("bar", 16, "idle", 0)
    assert ((grid[:, 0] != CLEAR) & (grid[:, 0] != OUTLINE)).any()
    assert np.array_equal(grid[:, 0] != CLEAR, grid[:, -1] != CLEAR)


def test_outline_rims_a_shape_including_its_holes():
    grid = np.zeros((7, 7), dtype=np.uint8)
    grid[1:6, 1:6] = BODY
    grid[3, 3] = CLEAR
    rimmed = sprites.outline(grid)
    assert rimmed[3, 3] == OUTLINE
    assert rimmed[0, 3] == OUTLINE and rimmed[3, 0] == OUTLINE
    assert rimmed[0, 0] == CLEAR  # only 4-neighbours count
    assert (rimmed[1:6, 1:6][grid[1:6, 1:6] == BODY] == BODY).all()
    assert grid[3, 3] == CLEAR  # the input is left alone


def consecutive_frames_differ(archetype: str, pose: str) -> bool:
    frames = [draw(archetype, 16, pose, f) for f in range(FRAMES[pose])]
    return all(not np.array_equal(a, b) for a, b in zip(frames, frames[1:] + frames[:1], strict=True))


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_run_fly_and_spin_frames_all_move(archetype):
    for pose in ("run", "fly", "spin"):
        assert consecutive_frames_differ(archetype, pose), (archetype, pose)


@pytest.mark.parametrize("archetype", [a for a in ARCHETYPES if a not in STILL])
def test_idle_breathes_or_shimmers(archetype):
    assert consecutive_frames_differ(archetype, "idle")


@pytest.mark.parametrize("archetype", CREATURES)
def test_creatures_walk_in_four_directions_with_a_front_a_back_and_stepping_frames(archetype):
    for pose in ("down", "up", "right"):
        assert consecutive_frames_differ(archetype, pose), pose
    assert not np.array_equal(draw(archetype, 16, "down", 0), draw(archetype, 16, "up", 0))


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_left_is_the_mirror_image_of_right(archetype):
    for frame in range(FRAMES["right"]):
        assert np.array_equal(draw(archetype, 16, "left", frame), draw(archetype, 16, "right", frame)[:, ::-1])


@pytest.mark.parametrize("archetype", ["hero", "knight", "cat", "fox", "wolf", "rabbit", "bird", "fish", "frog",
                                       "snail", "turtle", "beetle", "plant", "ghost"])
def test_side_views_face_right(archetype):
    """Eyes (or the face's dark dots) sit in the right half of a side view; the runtime mirrors for left."""
    grid = draw(archetype, 16, "idle", 0)
    xs = np.nonzero((grid == sprites.PUPIL) | (grid == sprites.EYE))[1]
    assert len(xs) and xs.mean() > 7.5


def test_all_archetypes_are_distinct_at_a_glance():
    """Silhouettes of the idle pose differ pairwise by at least 12% of the grid."""
    masks = {a: draw(a, 16, "idle", 0) != CLEAR for a in ARCHETYPES}
    close = [(a, b, int((masks[a] != masks[b]).sum())) for a, b in itertools.combinations(ARCHETYPES, 2)
             if (masks[a] != masks[b]).sum() < 0.12 * 256]
    assert not close


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_variants_of_an_archetype_look_different(archetype):
    looks = [draw(archetype, 16, "idle", 0, variant) for variant in range(sprites.VARIANTS)]
    for a, b in itertools.combinations(looks, 2):
        assert not np.array_equal(a, b)
    assert np.array_equal(draw(archetype, 16, "idle", 0, sprites.VARIANTS), looks[0])  # variants wrap around


@pytest.mark.parametrize("archetype", GROUND)
def test_ground_obstacles_stand_on_the_ground_and_fill_their_box(archetype):
    """Each look is something to jump over: most of the box drawn, a footing along the last row, held still."""
    for variant in range(sprites.VARIANTS):
        grid = draw(archetype, 16, "idle", 0, variant)
        body = (grid != CLEAR) & (grid != OUTLINE)
        assert (grid != CLEAR).sum() >= 0.45 * 256, variant
        assert body[14].sum() >= 6, variant  # the bottom row inside the 1 px rim: it stands on the ground...
        assert (grid[15] == OUTLINE).sum() >= 6, variant  # ...with the rim underneath as its ground contact
        assert np.array_equal(draw(archetype, 16, "idle", 1, variant), grid), variant  # it does not animate


@pytest.mark.parametrize("archetype", GROUND)
def test_ground_obstacles_only_tumble_when_spun_like_the_crate(archetype):
    still = draw(archetype, 16, "spin", 0)
    assert np.array_equal(still, draw(archetype, 16, "idle", 0))
    for frame in range(1, FRAMES["spin"]):
        assert np.array_equal(draw(archetype, 16, "spin", frame), np.rot90(still, k=-frame)), frame


def test_ground_obstacles_differ_from_the_crate_and_from_each_other_in_every_variant():
    looks = {(a, v): draw(a, 16, "idle", 0, v) for a in ("crate", *GROUND) for v in range(sprites.VARIANTS)}
    for (a, va), (b, vb) in itertools.combinations(looks, 2):
        if a != b:
            assert (looks[a, va] != looks[b, vb]).sum() >= 0.12 * 256, (a, va, b, vb)


@pytest.mark.parametrize("archetype", GROUND)
def test_ground_obstacles_draw_the_same_every_time(archetype):
    """Drawn afresh (past the cache), each variant comes out pixel for pixel the same."""
    for variant in range(sprites.VARIANTS):
        first, again = Canvas(), Canvas()
        DRAWERS[archetype](first, Pose(), variant)
        DRAWERS[archetype](again, Pose(), variant)
        assert np.array_equal(first.g, again.g), variant
        assert first.g.any(), variant


def test_drawing_is_deterministic_cached_and_read_only():
    first = draw("bat", 16, "fly", 1, 2)
    again = draw("bat", 16, "fly", 1, 2)
    assert np.array_equal(first, again)
    with pytest.raises(ValueError):
        first[0, 0] = BODY


def test_unknown_poses_draw_idle_and_frames_wrap():
    assert np.array_equal(draw("slime", 16, "dance", 0), draw("slime", 16, "idle", 0))
    assert np.array_equal(draw("slime", 16, "run", 5), draw("slime", 16, "run", 1))


def test_unknown_archetypes_and_tiny_sizes_are_refused():
    with pytest.raises(ValueError):
        draw("dragonfly", 16, "idle", 0)
    with pytest.raises(ValueError):
        draw("slime", 4, "idle", 0)


def test_contact_sheet_shows_every_archetype_in_every_frame():
    sheet = sprites.contact_sheet(16, 1)
    cells = sum(FRAMES.values())
    assert sheet.shape == (len(ARCHETYPES) * 18, cells * 18, 4)
    assert sheet[..., 3].min() == 255


NAMES = [
    # (name, kind, behaviour, genre) -> archetype: the examples' casts, English and Korean
    ("Thorn Beetle", "enemy", "chase", "platformer", "beetle"),
    ("Cave Bat", "enemy", "swoop", "platformer", "bat"),
    ("Slime", "enemy", "patrol", "platformer", "slime"),
    ("Rot King", "boss", "hop", "platformer", "golem"),
    ("Wailing Ghost", "enemy", "wander", "topdown", "ghost"),
    ("Skeleton", "enemy", "patrol", "topdown", "skeleton"),
    ("Arrow Turret", "enemy", "turret", "topdown", "turret"),
    ("Snow Hare", "enemy", "patrol", "platformer", "rabbit"),
    ("Frost Sprite", "enemy", "fly", "platformer", "wisp"),
    ("Old Yeti", "boss", "turret", "platformer", "golem"),
    ("Sine Drone", "enemy", "fly", "shooter", "drone"),
    ("Zigzag Fighter", "enemy", "zigzag", "shooter", "fighter"),
    ("Seeker Mine", "enemy", "chase", "shooter", "mine"),
    ("Hexa Core", "boss", "zigzag", "shooter", "eye"),
    ("Space Jelly", "enemy", "patrol", "shooter", "jelly"),
    ("Zig Saucer", "enemy", "zigzag", "shooter", "saucer"),
    ("Homing Imp", "enemy", "chase", "shooter", "blob"),
    ("Bone Warden", "enemy", "wander", "topdown", "skeleton"),
    ("Hollow Abbot", "boss", "wander", "topdown", "ghost"),
    ("Comet Queen", "boss", "turret", "shooter", "comet"),
    ("Crypt Rat", "enemy", "patrol", "topdown", "mouse"),
    ("Lantern Wisp", "enemy", "fly", "topdown", "wisp"),
    ("Sand Crab", "enemy", "patrol", "platformer", "crab"),
    ("Giant Hermit Crab", "boss", "patrol", "platformer", "crab"),
    ("Spore Puff", "enemy", "patrol", "platformer", "mushroom"),
    ("Paper Crane", "enemy", "fly", "shooter", "bird"),
    ("Moray Eel", "enemy", "patrol", "platformer", "fish"),
    ("Bog Toad", "boss", "hop", "platformer", "frog"),
    ("Gargoyle", "enemy", "swoop", "topdown", "golem"),
    ("Rock Turret", "enemy", "turret", "shooter", "turret"),
    ("Roof Sentry", "enemy", "patrol", "runner", "drone"),
    ("Sweeper Bot", "enemy", "patrol", "puzzle", "drone"),
    ("Fire Bat", "enemy", "fly", "platformer", "bat"),
    ("해골 병사", "enemy", "patrol", "topdown", "skeleton"),
    ("떠도는 유령", "enemy", "chase", "topdown", "ghost"),
    ("화살 포탑", "enemy", "turret", "topdown", "turret"),
    ("흡혈 박쥐", "enemy", "swoop", "topdown", "bat"),
    ("묘지기 골렘", "boss", "chase", "topdown", "golem"),
    ("벌떼 드론", "enemy", "fly", "shooter", "drone"),
    ("지그재그 전투기", "enemy", "zigzag", "shooter", "fighter"),
    ("돌격 풍선", "enemy", "chase", "shooter", "jelly"),
    ("강철 거북", "boss", "zigzag", "shooter", "turtle"),
    ("별똥 박쥐", "enemy", "swoop", "runner", "bat"),
    ("가시 달팽이", "enemy", "patrol", "runner", "snail"),
    ("그림자 늑대", "enemy", "chase", "runner", "wolf"),
    ("어둠의 혜성", "boss", "chase", "runner", "comet"),
    ("까마귀", "enemy", "fly", "runner", "bird"),
    ("들개", "enemy", "chase", "runner", "wolf"),
    ("개구리", "enemy", "hop", "platformer", "frog"),
    ("안개 박쥐", "enemy", "fly", "platformer", "bat"),
    ("도토리벌레", "enemy", "fly", "platformer", "beetle"),
    ("거대 올빼미", "boss", "patrol", "platformer", "bird"),
    ("슬라임", "enemy", "wander", "topdown", "slime"),
    # items and fixtures
    ("Golden Acorn", "item", None, "platformer", "coin"),
    ("Heart Leaf", "item", None, "platformer", "heart"),
    ("Dewdrop", "item", None, "platformer", "drop"),
    ("Snow Crystal", "item", None, "platformer", "gem"),
    ("Candle Stub", "item", None, "topdown", "candle"),
    ("Oil Flask", "item", None, "topdown", "potion"),
    ("Silver Relic", "item", None, "topdown", "gem"),
    ("Twin Shot", "item", None, "shooter", "star_item"),
    ("Orbit Shield", "item", None, "shooter", "shield"),
    ("Score Chip", "item", None, "shooter", "coin"),
    ("금화", "item", None, "shooter", "coin"),
    ("빨간 구슬", "item", None, "shooter", "orb"),
    ("회복 물약", "item", None, "topdown", "potion"),
    ("달빛 방패", "item", None, "runner", "shield"),
    ("작은 별", "item", None, "runner", "star_item"),
    ("Lost Mitten", "item", None, "platformer", "coin"),
    ("Key", "key", None, "topdown", "key"),
    ("Crate", "crate", None, "puzzle", "crate"),
    ("Saw", "hazard", None, "platformer", "saw"),
    ("Bar", "obstacle", None, "runner", "bar"),
    ("Crate", "obstacle", None, "runner", "crate"),
    ("player", "bullet", None, "shooter", "bullet"),
    # names that say nothing: kind, genre and behaviour decide
    ("Bramble", "player", None, "platformer", "hero"),
    ("Kestrel", "player", None, "shooter", "ship"),
    ("제비호", "player", None, "shooter", "ship"),
    ("나비", "player", None, "runner", "hero"),
    ("", "enemy", "fly", "platformer", "bat"),
    ("", "enemy", "swoop", "topdown", "bat"),
    ("", "enemy", "zigzag", "platformer", "bird"),
    ("", "enemy", "zigzag", "shooter", "drone"),
    ("", "enemy", "turret", "runner", "turret"),
    ("", "enemy", "hop", "platformer", "frog"),
    ("", "enemy", "chase", "topdown", "wolf"),
    ("", "enemy", "patrol", "platformer", "beetle"),
    ("", "enemy", None, "platformer", "blob"),
    ("Skimmer", "enemy", "zigzag", "shooter", "drone"),
    ("", "boss", None, "platformer", "golem"),
    ("", "boss", None, "shooter", "fighter"),
    ("", "item", None, "platformer", "coin"),
]


@pytest.mark.parametrize(("name", "kind", "behaviour", "genre", "expected"), NAMES)
def test_archetype_for_reads_english_and_korean_names(name, kind, behaviour, genre, expected):
    assert archetype_for(name, kind, behaviour, genre) == expected


def test_archetype_for_ignores_case_and_always_names_a_real_archetype():
    assert archetype_for("CAVE BAT", "enemy") == archetype_for("cave bat", "enemy") == "bat"
    for name, kind, behaviour, genre, _ in NAMES:
        assert archetype_for(name, kind, behaviour, genre) in ARCHETYPES


def test_every_archetype_the_classifier_can_name_has_a_drawing():
    """The GDD side names archetypes as plain strings; each one it can return must be drawable."""
    assert set(ARCHETYPE_NAMES) <= set(ARCHETYPES)
    kinds = ("player", "enemy", "boss", "item", "key", "crate", "obstacle", "hazard", "bullet")
    behaviours = (None, "fly", "swoop", "zigzag", "turret", "hop", "chase", "patrol", "wander")
    names = {name for name, *_ in NAMES} | {"Rock Spike", "Bone Mage", "Dark Lord", "Iron Box"}
    for name, kind, behaviour, genre in itertools.product(names, kinds, behaviours, ("platformer", "shooter")):
        assert archetype_for(name, kind, behaviour, genre) in ARCHETYPE_NAMES, (name, kind, behaviour, genre)


def test_words_hidden_inside_other_words_do_not_match():
    assert archetype_for("Ratchet", "enemy", "patrol") == "beetle"  # not a rat
    assert archetype_for("Pirate", "enemy", "patrol") == "pirate"  # not a rat either
    assert archetype_for("Battery", "item") == "coin"  # not a bat
    assert archetype_for("안개", "enemy", "fly") == "bat"  # fog, not a dog (개): the behaviour decides
