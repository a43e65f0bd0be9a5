"""Each game its own levels: what a GDD asks for is mixed into every level's seed."""

from maestro.gdd import parse_gdd
from maestro.plan import plan_levels
from maestro.stages.labyrinth import build_levels

RUNNER_A = "# Roof Dash\n\nAn endless runner. Jump over crates on the rooftops. 3 levels.\n"
RUNNER_B = "# Cactus Sprint\n\nAn endless runner in the desert. Jump over cacti. 3 levels.\n"


def layouts(text: str, seed: int) -> list[tuple[object, ...]]:
    return [(tuple(level.rows), tuple((e.kind, e.x, e.y) for e in level.entities), tuple(level.waves))
            for level in build_levels(parse_gdd(text), seed)]


def test_two_different_gdds_never_share_a_level_at_the_same_seed() -> None:
    a, b = layouts(RUNNER_A, 7), layouts(RUNNER_B, 7)
    assert not set(a) & set(b)


def test_the_same_gdd_and_seed_give_the_same_levels_and_another_seed_others() -> None:
    spec = parse_gdd(RUNNER_A)
    first = [level.to_json() for level in build_levels(spec, 7)]
    assert first == [level.to_json() for level in build_levels(parse_gdd(RUNNER_A), 7)]
    assert not set(first) & {level.to_json() for level in build_levels(spec, 8)}


def test_adding_a_level_keeps_the_seeds_of_the_ones_before() -> None:
    three = plan_levels(parse_gdd(RUNNER_A), 7)
    four = plan_levels(parse_gdd(RUNNER_A.replace("3 levels", "4 levels")), 7)
    assert [plan.seed for plan in three] == [plan.seed for plan in four[:3]]
