"""Whatever arrives, the parser returns a spec or raises its own error — nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maestro import GameSpec, GDDError, parse_gdd

_FRAGMENTS = st.sampled_from([
    "# ", "## ", "### ", "- ", "* ", "1. ", "| ", " | ", "|---|---|", "**", "~~", ": ", "：", "\n", "\n\n",
    "Genre", "platformer", "shooter", "Sokoban", "endless runner", "Zelda", "Levels", "Level 1", "Stage 2",
    "lives", "three", "BPM", "120", "minor", "Enemies", "boss", "Player", "You play as", "named",
    "장르", "플랫포머", "스테이지", "총 5층", "목숨", "체력 3", "주인공", "적", "보스", "템포", "단조",
    "TODO", "maybe", "?", "—", "(", ")", "Goblin", "Bat", "<script>", "====", "WORLD", "...", "x",
])
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_own_error(data: str | bytes) -> None:
    try:
        spec = parse_gdd(data)
    except GDDError as error:
        assert str(error)
        return
    assert isinstance(spec, GameSpec)
    GameSpec.model_validate_json(spec.model_dump_json())


@_SETTINGS
@given(st.text())
def test_any_text(text: str) -> None:
    _parse_or_own_error(text)


@_SETTINGS
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    _parse_or_own_error(data)


@_SETTINGS
@given(st.lists(_FRAGMENTS, max_size=60).map("".join))
def test_any_gdd_shaped_text(text: str) -> None:
    _parse_or_own_error(text)
