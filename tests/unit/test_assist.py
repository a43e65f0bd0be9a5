"""The model as a second reader: what of its proposal is kept, how the pieces are cut, how it is leashed.

The model here is a scripted :class:`~maestro.llm.ChatModel` (answers given in advance), so each rule
is shown exactly; tests/integration/test_llm.py runs the same code against a real model server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from maestro.gdd import parse_gdd
from maestro.gdd.assist import PROPOSAL_SCHEMA, Proposal, chunks, hints_from, read_with_model
from maestro.gdd.document import parse_document
from maestro.llm import (
    Assistant,
    Completion,
    LLMAnswerTooLongError,
    LLMConfig,
    LLMConfigError,
    LLMUnavailableError,
    Message,
    PromptCache,
)
from maestro.settings import Settings
from maestro.spec import Behaviour, FidelityStatus, GameSpec, Genre, Origin
from maestro.store import LocalStore

#: A GDD whose rules reading defaults the title, the genre, the player and the enemies: the names are
#: all in prose the rules do not read as names.
PROSE = """our little jam thing

a small game where mira the lamplighter relights the lanterns of the harbour at night.
the fog wraiths drift on the piers and the tide hound follows your light. the last part is the lighthouse.
there is a grappling hook to cross gaps. collect oil cans for points, you have 3 lives.
"""


class Scripted:
    """A chat model that answers from a list, recording what it was asked."""

    name = "scripted"

    def __init__(self, *answers: str | BaseException) -> None:
        self.answers = list(answers)
        self.asked: list[Sequence[Message]] = []

    def complete(self, messages: Sequence[Message], schema: dict[str, Any], max_tokens: int) -> Completion:
        self.asked.append(messages)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, BaseException):
            raise answer
        return Completion(answer, 100, 20)


def proposal(**fields: Any) -> str:
    base: dict[str, Any] = {"title": "", "genre": "", "player": "", "enemies": [], "levels": [], "features": [],
                            "tagline": "", "palette": []}
    return json.dumps({**base, **fields})


def test_a_model_name_is_used_only_where_the_rules_defaulted_and_only_if_the_text_holds_it() -> None:
    answer = proposal(title="Harbour Lights", genre="topdown", player="Mira",
                      enemies=[{"name": "Fog Wraiths", "moves": "wander", "boss": False, "description": "cold mist"},
                               {"name": "Tide Hound", "moves": "chase", "boss": False, "description": ""},
                               {"name": "Kraken Queen", "moves": "swoop", "boss": True, "description": "invented"}],
                      tagline="Light the way home", palette=["#102030", "#FFCC00"])
    rules = parse_gdd(PROSE, None)
    assert rules.provenance["genre"].origin == Origin.DEFAULT
    assert rules.provenance["player.name"].origin == Origin.DEFAULT
    spec = read_with_model(PROSE, None, Assistant(Scripted(answer)))
    assert spec.genre == Genre.TOPDOWN and spec.provenance["genre"].origin == Origin.MODEL
    assert spec.player.name == "Mira" and spec.provenance["player.name"].origin == Origin.MODEL
    assert spec.provenance["player.name"].line == 3
    assert [enemy.name for enemy in spec.enemies] == ["Fog Wraiths", "Tide Hound"]  # no invented Kraken Queen
    assert [enemy.behaviour for enemy in spec.enemies] == [Behaviour.WANDER, Behaviour.CHASE]
    assert spec.provenance["enemies"].origin == Origin.MODEL
    assert spec.title == rules.title  # the model's "Harbour Lights" is not in the text
    assert spec.tagline == "Light the way home" and spec.art.palette == ["#102030", "#ffcc00"]
    assert any("Mira" in warning and "scripted" in warning for warning in spec.warnings)
    GameSpec.model_validate(spec.model_dump(mode="json"))


def test_what_the_gdd_states_is_never_replaced_by_the_model() -> None:
    gdd = "# Moss Knight\n\nGenre: platformer. You play Bramble, a knight.\n\n## Enemies\n- Slime: patrols\n"
    answer = proposal(title="Knight", genre="shooter", player="Slime", tagline="A mossy tale",
                      enemies=[{"name": "Bramble", "moves": "fly", "boss": True, "description": "a knight"}])
    rules = parse_gdd(gdd, None)
    spec = read_with_model(gdd, None, Assistant(Scripted(answer)))
    assert (spec.title, spec.genre, spec.player.name) == (rules.title, rules.genre, rules.player.name)
    assert [(enemy.name, enemy.behaviour, enemy.boss) for enemy in spec.enemies] == \
        [(enemy.name, enemy.behaviour, enemy.boss) for enemy in rules.enemies]
    assert spec.tagline == "A mossy tale"


def test_the_model_says_how_an_enemy_moves_only_where_the_text_does_not() -> None:
    gdd = "# Moss Knight\n\nGenre: platformer.\n\n## Enemies\n- Grumble\n- Slime: patrols the ledge\n"
    answer = proposal(enemies=[{"name": "Grumble", "moves": "chase", "boss": False, "description": ""},
                               {"name": "Slime", "moves": "fly", "boss": False, "description": ""}])
    spec = read_with_model(gdd, None, Assistant(Scripted(answer)))
    assert {enemy.name: enemy.behaviour for enemy in spec.enemies} == {"Grumble": Behaviour.CHASE,
                                                                        "Slime": Behaviour.PATROL}
    assert spec.provenance["enemies.behaviours"].origin == Origin.MODEL


def test_headings_and_markup_are_not_names_even_when_the_model_says_so() -> None:
    gdd = "# Game Design\n\n## Enemies\nthe bats are fast.\n\n## Controls\nmove with arrows, jump with space\n"
    answer = proposal(title="Enemies", player="Controls", enemies=[{"name": "## Enemies", "moves": "",
                                                                  "boss": False, "description": ""}])
    hints = hints_from([Proposal.model_validate_json(answer)], parse_document(gdd), "scripted")
    assert hints.title is None and hints.player is None and hints.enemies == []


def test_a_name_the_text_holds_only_as_a_reference_or_a_genre_is_not_taken() -> None:
    gdd = ("# Mouse Maze\n\nA retro arcade puzzler, gameplay based on Tomb of the Mask.\n"
           "Enemies kill you: think like a Goomba or Koopa Troopa. 마리오처럼 점프한다.\n")
    answer = proposal(title="Tomb of the Mask", player="Arcade Puzzler",
                      enemies=[{"name": name, "moves": "", "boss": False, "description": ""}
                               for name in ("Goomba", "Koopa Troopa", "마리오")])
    hints = hints_from([Proposal.model_validate_json(answer)], parse_document(gdd), "scripted")
    assert hints.title is None and hints.player is None and hints.enemies == []


def test_level_names_the_text_holds_name_the_levels_when_the_rules_found_none() -> None:
    gdd = PROSE + "\nfirst you cross the fish market, then the old pier, then the lighthouse.\n"
    answer = proposal(levels=[{"name": "fish market", "description": "stalls and nets"},
                              {"name": "Old Pier", "description": ""},
                              {"name": "Sky Castle", "description": "invented"},
                              {"name": "lighthouse", "description": ""}])
    spec = read_with_model(gdd, None, Assistant(Scripted(answer)))
    assert [level.name for level in spec.levels] == ["Fish Market", "Old Pier", "Lighthouse"]
    assert spec.levels[0].description == "stalls and nets"
    assert spec.provenance["levels.names"].origin == Origin.MODEL
    assert spec.provenance["levels"].origin == Origin.MODEL


def test_features_the_model_reads_join_the_fidelity_report_with_an_honest_status() -> None:
    answer = proposal(genre="platformer", features=["grappling hook", "relights the lanterns", "time travel",
                                                    "collect oil cans"])
    spec = read_with_model(PROSE, None, Assistant(Scripted(answer)))
    facts = {item.fact: item.status for item in spec.fidelity}
    assert facts["relights the lanterns"] == FidelityStatus.NOT_SUPPORTED
    assert facts["collect"] == FidelityStatus.USED and "collect oil cans" not in facts  # the rules' line covers it
    assert "time travel" not in facts  # the text never says it
    assert sum("grappling hook" in fact for fact in facts) == 1  # the rules already report it


def test_an_invalid_answer_is_asked_again_with_the_error_then_dropped_with_a_warning() -> None:
    model = Scripted('{"title": 5}', '{"palette": ["red"]}')
    spec = read_with_model(PROSE, None, Assistant(model))
    assert len(model.asked) == 2
    assert "does not match the schema" in model.asked[1][-1][1] and "title" in model.asked[1][-1][1]
    assert any("failed validation twice" in warning for warning in spec.warnings)
    assert spec.model_dump(exclude={"warnings"}) == parse_gdd(PROSE, None).model_dump(exclude={"warnings"})


def test_a_second_answer_that_passes_is_used() -> None:
    model = Scripted("not json", proposal(player="mira"))
    spec = read_with_model(PROSE, None, Assistant(model))
    assert spec.player.name == "Mira" and len(model.asked) == 2


def test_an_answer_cut_at_the_token_limit_is_asked_again_shorter() -> None:
    model = Scripted(LLMAnswerTooLongError("the answer reached the 600-token limit"), proposal(player="mira"))
    spec = read_with_model(PROSE, None, Assistant(model))
    assert spec.player.name == "Mira" and "too long" in model.asked[1][-1][1]
    model = Scripted(LLMAnswerTooLongError("the answer reached the 600-token limit"))
    spec = read_with_model(PROSE, None, Assistant(model))
    assert len(model.asked) == 2 and any("token limit" in warning and "twice" in warning for warning in spec.warnings)


def test_an_unreachable_server_stops_the_asking_for_the_rest_of_the_job() -> None:
    model = Scripted(LLMUnavailableError("http://model answered APIConnectionError: refused"))
    big = PROSE + "".join(f"\n## Part {n}\n" + "the tide hound follows you along the pier. " * 30 for n in range(6))
    assistant = Assistant(model, chunk_chars=1000)
    spec = read_with_model(big, None, assistant)
    assert len(model.asked) == 1
    assert any("not read by the model" in warning and "refused" in warning for warning in spec.warnings)


def test_the_budget_and_the_deadline_stop_the_model_between_prompts() -> None:
    big = PROSE + "".join(f"\n## Part {n}\n" + "the tide hound follows you along the pier. " * 30 for n in range(6))
    model = Scripted(proposal())
    assistant = Assistant(model, chunk_chars=1000, token_budget=2_000)
    spec = read_with_model(big, None, assistant)
    assert 1 <= len(model.asked) < len(chunks(parse_document(big), 1000))
    assert assistant.spent <= 2_000 and any("token budget" in warning for warning in spec.warnings)

    ticks = iter(range(0, 10_000, 100))
    model = Scripted(proposal())
    assistant = Assistant(model, chunk_chars=1000, deadline_seconds=250, clock=lambda: float(next(ticks)))
    read_with_model(big, None, assistant)
    assert len(model.asked) == 2 and assistant.stopped and "deadline" in assistant.stopped


def test_answers_are_cached_by_model_and_prompt(tmp_path: Any) -> None:
    cache = PromptCache(LocalStore(tmp_path))
    first = Assistant(Scripted(proposal(player="mira")), cache=cache)
    read_with_model(PROSE, None, first)
    again = Assistant(Scripted(RuntimeError("must not be asked")), cache=cache)
    spec = read_with_model(PROSE, None, again)
    assert spec.player.name == "Mira" and again.spent == 0 and all(e.cached for e in again.exchanges)
    other = Scripted(proposal())
    other.name = "another-model"
    read_with_model(PROSE, None, Assistant(other, cache=cache))
    assert len(other.asked) == 1


def test_a_long_gdd_is_cut_at_sections_and_production_talk_is_left_out() -> None:
    sections = [f"## Area {n}\n" + f"area {n} has bats and pits. " * 20 for n in range(8)]
    gdd = "# Big\n\nA platformer.\n\n" + "\n\n".join(sections) + "\n\n## Team\nAnn does art. Bob codes.\n"
    pieces = chunks(parse_document(gdd), 1200)
    assert len(pieces) > 1 and all(len(piece) <= 1200 for piece in pieces)
    joined = "\n".join(pieces)
    assert all(f"## Area {n}" in joined for n in range(8)) and "Bob codes" not in joined
    assert not any(piece.count("## Area 3") and piece.count("area 3 has") == 0 for piece in pieces)


def test_the_schema_bounds_every_list_and_string_the_model_may_fill() -> None:
    def unbounded(node: Any, path: str) -> list[str]:
        found = []
        if isinstance(node, dict):
            if node.get("type") == "array" and "maxItems" not in node:
                found.append(path)
            if node.get("type") == "string" and not ({"maxLength", "enum", "pattern"} & set(node)):
                found.append(path)
            for key, value in node.items():
                found += unbounded(value, f"{path}.{key}")
        return found

    assert unbounded(PROPOSAL_SCHEMA, "schema") == []
    assert set(PROPOSAL_SCHEMA["properties"]["genre"]["enum"]) == {"", *(genre.value for genre in Genre)}


def test_settings_name_a_model_or_none_and_the_key_never_shows() -> None:
    assert LLMConfig.from_settings(Settings(_env_file=None)) is None
    with pytest.raises(LLMConfigError, match="MAESTRO_LLM_MODEL"):
        LLMConfig.from_settings(Settings(_env_file=None, llm_base_url="http://localhost:1/v1"))
    config = LLMConfig.from_settings(Settings(_env_file=None, llm_base_url="http://user:pw-secret@host/v1",
                                              llm_model="m", llm_api_key=SecretStr("sk-very-secret")))
    assert config is not None
    assert "sk-very-secret" not in repr(config) and "pw-secret" not in repr(config)
    assert "pw-secret" not in config.endpoint


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("MAESTRO_")}
    return subprocess.run([sys.executable, "-m", "maestro_app.cli", *args], capture_output=True, text=True,
                          timeout=300, env={**clean, **env})


def test_run_with_llm_and_no_model_configured_says_what_to_set(tmp_path: Path) -> None:
    gdd = tmp_path / "g.md"
    gdd.write_text("# Pip\n\nA platformer. Jump over the crabs.\n", encoding="utf-8")
    done = _cli("run", "--llm", str(gdd), "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and "MAESTRO_LLM_BASE_URL" in done.stderr
    assert not (tmp_path / "out").exists()


def test_run_with_a_model_server_that_is_down_still_builds_the_game_with_a_warning(tmp_path: Path) -> None:
    gdd = tmp_path / "g.md"
    gdd.write_text("# Pip\n\nA platformer. Jump over the crabs.\n", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = _cli("run", "--llm", str(gdd), "-o", str(tmp_path / "out"), MAESTRO_LLM_BASE_URL=f"http://127.0.0.1:{port}/v1",
                MAESTRO_LLM_MODEL="m", MAESTRO_LLM_API_KEY="sk-never-shown", MAESTRO_LLM_MAX_RETRIES="0",
                MAESTRO_CACHE_DIR=str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "index.html").exists() and not (tmp_path / "out" / "llm").exists()
    report = (tmp_path / "out" / "report.md").read_text()
    assert "not read by the model" in report and "sk-never-shown" not in report + done.stderr


def test_a_cut_off_answer_is_cached_too_so_a_rerun_asks_nothing(tmp_path: Path) -> None:
    cut = LLMAnswerTooLongError("the answer reached the 600-token limit", Completion('{"title": "X', 50, 600))
    cache = PromptCache(LocalStore(tmp_path))
    first = Assistant(Scripted(cut), cache=cache)
    read_with_model(PROSE, None, first)
    assert first.spent == 2 * 650 and [exchange.cut_off for exchange in first.exchanges] == [True, True]
    again = Assistant(Scripted(RuntimeError("must not be asked")), cache=cache)
    spec = read_with_model(PROSE, None, again)
    assert again.spent == 0 and len(again.exchanges) == 2
    assert any("token limit" in warning for warning in spec.warnings)


def test_a_tagline_the_schema_cut_short_ends_at_a_whole_word() -> None:
    cut = "Moss Knight is a game that has many different types of characters, but the one w"
    assert len(cut) == 80
    spec = read_with_model(PROSE, None, Assistant(Scripted(proposal(tagline=cut))))
    assert spec.tagline == "Moss Knight is a game that has many different types of characters, but the one…"
