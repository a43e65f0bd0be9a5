"""Where a game is set: read from the GDD's words about its world, and what the runner puts in the way."""

from __future__ import annotations

import pytest

from maestro.cast import level_cast
from maestro.gdd import parse_gdd
from maestro.gdd.setting import setting_in
from maestro.labyrinth.runner import generate
from maestro.plan import plan_levels


@pytest.mark.parametrize(("title", "summary", "setting"), [
    ("Desert Runner", "", "desert"),
    ("Rooftop Courier", "Run across the rooftops of a rainy city.", "city"),
    ("Moss Knight", "A knight crosses an old forest.", "forest"),
    ("잊혀진 지하묘지", "", "crypt"),           # the longest place word wins over 지하 "underground"
    ("사막의 여우", "", "desert"),
    ("하늘 요격대", "구름 위 하늘섬을 지킨다.", "sky"),
    ("숲속의 토끼", "", "forest"),               # a one-syllable word with a place suffix
    ("Cold Storage", "Sokoban rules plus ice.", "ice"),
])
def test_the_setting_is_read_from_the_title_and_summary(title: str, summary: str, setting: str) -> None:
    assert setting_in([("title", title), ("summary", summary)]) == setting


@pytest.mark.parametrize("text", [
    "Press space to jump and fire a bolt at the crawler.",  # no outer space, no volcano
    "달려라, 냥이!",                                        # 달 "moon" is not in 달려라 "run!"
    "성공하면 다음 스테이지로 간다.",                         # 성 "castle" is not in 성공 "success"
    "Collect every star to open the door.",                 # a collectible, not a galaxy
])
def test_words_that_only_look_like_places_name_no_setting(text: str) -> None:
    assert setting_in([("title", text), ("summary", text)]) is None


def test_one_passing_mention_in_the_body_is_not_enough() -> None:
    assert setting_in([("title", "Blob"), ("body", "The blob once saw a castle.")]) is None
    assert setting_in([("title", "Blob"), ("body", "A castle."), ("body", "The castle gate.")]) == "castle"


RUNNER = """# {title}
Genre: endless runner
{summary}
## Controls
Space to jump, Down to duck.
## Levels
1. Start
2. Middle
3. End
"""


def test_a_desert_runner_jumps_cacti_and_a_rooftop_one_chimneys() -> None:
    desert = parse_gdd(RUNNER.format(title="Desert Dash", summary="A fox runs across the sand dunes."))
    city = parse_gdd(RUNNER.format(title="Rooftop Dash", summary="A cat runs over the rooftops of the city."))
    plain = parse_gdd(RUNNER.format(title="Dash", summary="A cube runs."))
    assert (desert.setting, city.setting, plain.setting) == ("desert", "city", None)
    for spec, ground in ((desert, "Cactus"), (city, "Chimney"), (plain, "Crate")):
        names = {e.name for plan in plan_levels(spec, 1) for e in generate(plan).entities if e.kind == "obstacle"}
        assert ground in names, f"{spec.title}: {names}"
        assert {m.name for m in level_cast(spec, 1) if m.kind == "obstacle"} >= names  # the art draws each


def test_a_level_that_names_its_own_theme_keeps_it() -> None:
    text = RUNNER.format(title="Desert Dash", summary="Across the sand dunes.").replace("3. End", "3. The Snowy Peak")
    plans = plan_levels(parse_gdd(text), 1)
    assert [plan.theme for plan in plans] == ["desert", "desert", "ice"]
