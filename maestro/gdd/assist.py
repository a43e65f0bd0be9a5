"""The model as a second reader of a GDD, beside the rules, never instead of them.

:func:`read_with_model` sends the GDD to the model chunk by chunk (whole sections, about
``chunk_chars`` each, production talk left out), asks each time for a :class:`Proposal` bound to a
JSON Schema, and turns the proposals into :class:`ModelHints` that :func:`maestro.gdd.parser.parse_text`
uses field by field, only where the rules could only default:

* names (title, player, enemies, level names) only if the GDD's text holds them, word for word
  (no invented enemies), and only if they pass the same name checks the rules' names do;
* the genre, from the proposals' majority, only when the rules found no evidence at all;
* flavour the GDD did not give (a title-screen tagline, enemy and level descriptions, a palette
  from the art direction): words the game shows, never rules; levels, their maps and their proofs
  stay procedural.

Everything the model filled has provenance ``model`` and a warning saying so. An answer that fails
validation is asked again once, with the validation error; a second failure drops that chunk with
a warning. A model that is down, slow or out of budget costs warnings, never the job.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from maestro.gdd import cast, identity
from maestro.gdd.document import Document, classify_heading, parse_document
from maestro.gdd.evidence import Found
from maestro.gdd.text import capitalise, has_hangul, plain
from maestro.llm import LLMAnswerTooLongError, LLMError
from maestro.spec import Behaviour, Genre, Origin

if TYPE_CHECKING:
    from maestro.llm import Assistant
    from maestro.spec import GameSpec

log = logging.getLogger(__name__)

#: Most names of each kind a proposal may carry; more is a model rambling, not a GDD.
# (A model fills what a schema allows, and every answer token costs time: the bounds are tight.)
MAX_ENEMIES, MAX_LEVELS, MAX_FEATURES, MAX_COLOURS = 8, 12, 6, 5
#: Longest name, feature and free text the model may give.
NAME_CHARS, FEATURE_CHARS, FLAVOUR_CHARS = 40, 40, 120

_BEHAVIOURS = [behaviour.value for behaviour in Behaviour]
_GENRES = [genre.value for genre in Genre]

#: What a proposal looks like, as the server's grammar enforces it: flat, every field required
#: ("" and [] say "not stated"), enums for genre and movement, bounded lists and strings.
PROPOSAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": NAME_CHARS},
        "genre": {"type": "string", "enum": ["", *_GENRES]},
        "player": {"type": "string", "maxLength": NAME_CHARS},
        "enemies": {"type": "array", "maxItems": MAX_ENEMIES, "items": {
            "type": "object",
            "properties": {"name": {"type": "string", "maxLength": NAME_CHARS},
                           "moves": {"type": "string", "enum": ["", *_BEHAVIOURS]},
                           "boss": {"type": "boolean"},
                           "description": {"type": "string", "maxLength": FLAVOUR_CHARS}},
            "required": ["name", "moves", "boss", "description"]}},
        "levels": {"type": "array", "maxItems": MAX_LEVELS, "items": {
            "type": "object",
            "properties": {"name": {"type": "string", "maxLength": NAME_CHARS},
                           "description": {"type": "string", "maxLength": FLAVOUR_CHARS}},
            "required": ["name", "description"]}},
        "features": {"type": "array", "maxItems": MAX_FEATURES,
                     "items": {"type": "string", "maxLength": FEATURE_CHARS}},
        "tagline": {"type": "string", "maxLength": 80},
        "palette": {"type": "array", "maxItems": MAX_COLOURS,
                    "items": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}},
    },
    "required": ["title", "genre", "player", "enemies", "levels", "features", "tagline", "palette"],
}


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class ProposedEnemy(_Answer):
    name: str = Field(max_length=NAME_CHARS)
    moves: Behaviour | Literal[""] = ""
    boss: bool = False
    description: str = Field(default="", max_length=FLAVOUR_CHARS)


class ProposedLevel(_Answer):
    name: str = Field(max_length=NAME_CHARS)
    description: str = Field(default="", max_length=FLAVOUR_CHARS)


class Proposal(_Answer):
    """What the model says one chunk of the GDD states: checked here, then against the text."""

    title: str = Field(default="", max_length=NAME_CHARS)
    genre: Genre | Literal[""] = ""
    player: str = Field(default="", max_length=NAME_CHARS)
    enemies: list[ProposedEnemy] = Field(default_factory=list, max_length=MAX_ENEMIES)
    levels: list[ProposedLevel] = Field(default_factory=list, max_length=MAX_LEVELS)
    features: list[str] = Field(default_factory=list, max_length=MAX_FEATURES)
    tagline: str = Field(default="", max_length=80)
    palette: list[str] = Field(default_factory=list, max_length=MAX_COLOURS)

    @field_validator("palette")
    @classmethod
    def _hex_colours(cls, colours: list[str]) -> list[str]:
        bad = [colour for colour in colours if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour)]
        if bad:
            raise ValueError(f"palette colours must be '#rrggbb', not {bad[:3]}")
        return [colour.lower() for colour in colours]


@dataclass(frozen=True)
class HintedEnemy:
    name: str
    behaviour: Behaviour | None
    boss: bool
    description: str
    line: int


@dataclass
class ModelHints:
    """What the model read that the GDD's text backs up; :func:`~maestro.gdd.parser.parse_text` applies it."""

    model: str
    title: Found[str] | None = None
    genre: Found[Genre] | None = None
    player: Found[str] | None = None
    enemies: list[HintedEnemy] = field(default_factory=list)
    #: Descriptions for enemies the rules named but found no words for, by folded name.
    enemy_descriptions: dict[str, str] = field(default_factory=dict)
    #: How the model says enemies move, by folded name: for the rules' enemies with no evidence.
    enemy_moves: dict[str, Behaviour] = field(default_factory=dict)
    levels: list[tuple[str, str, int]] = field(default_factory=list)
    tagline: str = ""
    palette: list[str] = field(default_factory=list)
    features: list[tuple[str, int]] = field(default_factory=list)
    #: What went wrong or was left unread while asking: warnings for the spec.
    notes: list[str] = field(default_factory=list)

    def description_of(self, name: str) -> str | None:
        """What the model says about the enemy called ``name`` (however the text marks it up)."""
        return self.enemy_descriptions.get(_fold(name))

    def moves_of(self, name: str) -> Behaviour | None:
        """How the model says the enemy called ``name`` moves."""
        return self.enemy_moves.get(_fold(name))

    def found(self, value: object, line: int | None, what: str = "") -> Found[Any]:
        """A value the model gave: read from the GDD (``line`` says where the text has it) or written by it."""
        if line is None:
            return Found(value, Origin.MODEL, f"written by the model {self.model!r}{what}; the GDD gives none")
        return Found(value, Origin.MODEL, f"read by the model {self.model!r}{what}; the GDD has it at line {line}",
                     line)


SYSTEM_PROMPT = (
    "You read part of a game design document (GDD) and report what it states about the game as JSON "
    "matching the schema. Copy every name exactly as the document writes it. Use \"\" or [] for "
    "anything this part does not state. Never invent a name.")


def read_with_model(text: str, name: str | None, assistant: Assistant) -> GameSpec:
    """The spec of ``text`` (as :func:`~maestro.gdd.parse_gdd` reads it) with the model's reading merged in."""
    from maestro.gdd.parser import parse_text, read_part

    part, _ = read_part(text)
    doc = parse_document(part)
    proposals, notes = ask_for_proposals(doc, assistant)
    hints = hints_from(proposals, doc, assistant.name)
    hints.notes[:0] = notes
    return parse_text(text, name, hints)


def with_model(spec: GameSpec, text: str, name: str | None, assistant: Assistant) -> GameSpec:
    """``spec`` (the rules' reading of ``text``) with the model's merged in, or as it was, with a warning.

    Whatever goes wrong on the model's side (and a model, its server and its client library can
    fail in ways no list of exceptions covers) costs the job a warning, never the job: the rules'
    reading is complete on its own.
    """
    try:
        return read_with_model(text, name, assistant)
    except Exception as error:
        log.warning("model reading dropped: %s", type(error).__name__)
        dropped = spec.model_copy(deep=True)
        dropped.warnings.append(f"model: its reading was dropped ({type(error).__name__}); the rules' reading stands")
        return dropped


def chunks(doc: Document, size: int) -> list[str]:
    """The GDD in pieces of about ``size`` characters, each whole sections where they fit.

    Production talk (schedule, team, engine, TODO) is left out: it states nothing about the game
    and would only spend the budget. A section longer than ``size`` is cut between lines.
    """
    pieces: list[str] = []
    for section in doc.root.walk():
        if section.off_game:
            continue
        lines = [f"{'#' * max(1, section.level)} {section.title}"] if section is not doc.root else []
        lines += [line.text for line in section.body]
        body = "\n".join(lines).strip()
        while len(body) > size:
            cut = body.rfind("\n", 0, size)
            cut = cut if cut > size // 4 else size
            pieces.append(body[:cut].strip())
            body = body[cut:].strip()
        if body:
            pieces.append(body)
    result: list[str] = []
    for piece in pieces:
        if result and len(result[-1]) + len(piece) + 2 <= size:
            result[-1] += "\n\n" + piece
        else:
            result.append(piece)
    return result


def ask_for_proposals(doc: Document, assistant: Assistant) -> tuple[list[Proposal], list[str]]:
    """One proposal per chunk the model answered; warnings for the chunks it did not."""
    parts = chunks(doc, assistant.chunk_chars)
    proposals: list[Proposal] = []
    notes: list[str] = []
    for number, part in enumerate(parts, start=1):
        try:
            proposals.append(_propose(assistant, part, number, len(parts)))
        except LLMError as error:
            if assistant.stopped:
                unread = f"part {number}" if number == len(parts) else f"parts {number}-{len(parts)}"
                notes.append(f"model: {unread} of {len(parts)} of the GDD not read by the model: {error}")
                break
            notes.append(f"model: part {number} of {len(parts)} of the GDD dropped: {error}")
    return proposals, notes


def _propose(assistant: Assistant, part: str, number: int, count: int) -> Proposal:
    question = (f"GDD part {number} of {count}:\n\n<<<\n{part}\n>>>\n\n"
                "Report as JSON: the game's title; its genre (one of " + ", ".join(_GENRES) + "); the player "
                "character's name; the enemies and bosses by name, each with how it moves (one of "
                + ", ".join(_BEHAVIOURS) + "), whether it is a boss, and one sentence about it; the levels or "
                "stages by name, each with one sentence; the game's features in the document's own words; a "
                "one-line tagline for the title screen; 2 to 6 '#rrggbb' colours that suit its art direction.")
    messages: list[tuple[str, str]] = [("system", SYSTEM_PROMPT), ("user", question)]
    purpose = f"parse part {number}/{count}"
    try:
        answer = assistant.ask(purpose, messages, PROPOSAL_SCHEMA)
        return Proposal.model_validate_json(answer)
    except ValidationError as error:
        messages += [("assistant", answer[:4000]),
                     ("user", f"That answer does not match the schema: {_errors(error)}. Answer again with JSON only.")]
    except LLMAnswerTooLongError:
        messages += [("user", "Your answer was too long and was cut off. Answer again with JSON only: at most "
                              "five enemies and five levels, descriptions under twelve words.")]
    try:
        return Proposal.model_validate_json(assistant.ask(f"{purpose} (again)", messages, PROPOSAL_SCHEMA))
    except ValidationError as error:
        raise LLMError(f"the answer failed validation twice ({_errors(error)})") from None
    except LLMAnswerTooLongError as error:
        raise LLMError(f"{error}, twice") from None


def _errors(error: ValidationError) -> str:
    """A validation error in a line: where and what, never the (untrusted, maybe long) input."""
    shown = [f"{'.'.join(str(part) for part in item['loc']) or 'answer'}: {item['msg']}"
             for item in error.errors(include_input=False, include_url=False)[:3]]
    more = error.error_count() - len(shown)
    return "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")


# --- from proposals to hints --------------------------------------------------------------------


#: Words that introduce another game or thing as a reference ("based on Tomb of the Mask", "think
#: like a Goomba"): a name the text holds only after one of these is not a name of this game.
_REFERENCE = re.compile(
    r"\b(?:like|based on|inspired by|inspiration|similar to|elements of|references?|think|such as|e\.g\.|"
    r"clone of|reminiscent of|in the style of|style of|meets|compared to|à la|as in|vs\.?)\b[^.;:!?]{0,40}$"
    r"|(?:참고|영감|오마주)[^.;:!?]{0,20}$")
#: The same in Korean, where the marker follows the name ("마리오처럼", "젤다 같은").
_REFERENCE_AFTER = re.compile(r"^\s*(?:처럼|같은|같이|풍의|풍으로|스타일의)")


class _Text:
    """The GDD's lines folded for lookups: does a name occur, word for word, and on which line."""

    def __init__(self, doc: Document) -> None:
        self.lines = [(line.number, " " + _fold(line.text) + " ") for line, _ in doc.game_lines()]
        self.headings = {_fold(section.title) for section in doc.sections()}

    def line_of(self, name: str) -> int | None:
        needle = _fold(name)
        if len(needle) < 2:
            return None
        # Korean particles follow a name with no space ("토끼는"): no word boundary after Hangul
        after = "" if has_hangul(needle[-1]) else r"(?!\w)"
        pattern = re.compile(r"(?<!\w)" + re.escape(needle) + after)
        for number, text in self.lines:
            if needle not in text:
                continue
            for match in pattern.finditer(text):
                if not (_REFERENCE.search(text[max(0, match.start() - 60):match.start()])
                        or _REFERENCE_AFTER.match(text[match.end():match.end() + 8])):
                    return number
        return None


def _fold(text: str) -> str:
    return " ".join(plain(text).replace("*", " ").replace("_", " ").replace("`", " ").casefold().split())


def _flavour(text: str, limit: int = FLAVOUR_CHARS) -> str:
    """Free text the model wrote, made safe to show: one line of printable text, bounded."""
    text = " ".join("".join(char for char in plain(text) if char.isprintable()).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _whole_words(text: str, limit: int) -> str:
    """A line the schema may have cut at ``limit`` characters, ended at its last sentence or word."""
    if len(text) < limit - 2 or text.endswith((".", "!", "?", "…")):
        return text
    end = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    if end >= limit // 2:
        return text[: end + 1]
    return text[: text.rfind(" ")].rstrip(",;:-") + "…" if " " in text else text


def _displayed(name: str) -> str:
    """A name as the game shows it: the text's spelling, capitalised if the text wrote it all in lower case."""
    name = " ".join(plain(name).split())
    return capitalise(name) if name.islower() else name


def _a_name(name: str, text: _Text) -> int | None:
    """The line a proposed name occurs on, if it is a usable name the text holds; else None."""
    name = name.strip()
    if name.islower() and len(name.split()) >= 3:
        return None  # "cat floating with balloon": a description in lower case, not a name
    if (not name or not cast.is_name(name) or identity.generic(name) or len(name.split()) > 5
            or _fold(name) in text.headings or _heading_words(name) or identity.score_genres(name)[0]):
        return None  # a heading, a note, or a genre ("arcade puzzler"): no name
    return text.line_of(name)


def _heading_words(name: str) -> bool:
    """True for a name made only of the words sections are called by ("Controls", "Art Direction")."""
    return bool(classify_heading(name)) and all(
        classify_heading(word) or identity.generic(word) for word in name.split())


def hints_from(proposals: list[Proposal], doc: Document, model: str) -> ModelHints:
    """Keep what the proposals say that the text backs up (see the module for the rules)."""
    hints = ModelHints(model)
    text = _Text(doc)
    for proposal in proposals:
        title = identity.clean_title(proposal.title)
        line = _a_name(title, text) if title and identity.usable_title(title) else None
        if hints.title is None and line:
            hints.title = hints.found(title, line, " as the title")
        raw = " ".join(plain(proposal.player).split())
        line = _a_name(raw, text) if raw else None
        player = cast.player_name(_displayed(raw)) or _displayed(raw)  # "Mira the lamplighter" -> "Mira"
        if hints.player is None and player and line:
            hints.player = hints.found(player, line, " as the player")
    votes = Counter(proposal.genre for proposal in proposals if proposal.genre)
    if votes:
        genre, count = votes.most_common(1)[0]
        hints.genre = Found(Genre(genre), Origin.MODEL,
                            f"read by the model {model!r} ({count} of {len(proposals)} parts of the GDD)")
    _enemies(proposals, text, hints)
    _levels(proposals, text, hints)
    taglines = (_flavour(proposal.tagline, 80) for proposal in proposals)
    hints.tagline = _whole_words(next((line for line in taglines if line), ""), 80)
    hints.palette = next((p.palette for p in proposals if len(set(p.palette)) >= 2), [])
    seen: set[str] = set()
    for proposal in proposals:
        for feature in proposal.features:
            line = text.line_of(feature)
            key = _fold(feature)
            if line and key not in seen and 1 <= len(key.split()) <= 6 and len(key) >= 4 and key not in text.headings:
                seen.add(key)
                hints.features.append((_flavour(feature, FEATURE_CHARS), line))
    del hints.features[MAX_FEATURES:]
    return hints


def _enemies(proposals: list[Proposal], text: _Text, hints: ModelHints) -> None:
    taken = {_fold(hints.player.value)} if hints.player else set()
    if hints.title:
        taken.add(_fold(hints.title.value))
    for proposal in proposals:
        for enemy in proposal.enemies:
            key = _fold(enemy.name)
            description = _flavour(enemy.description)
            if description and key not in hints.enemy_descriptions:
                hints.enemy_descriptions[key] = description
            if enemy.moves and key not in hints.enemy_moves:
                hints.enemy_moves[key] = enemy.moves
            line = _a_name(enemy.name, text)
            if line is None or key in taken or len(hints.enemies) >= MAX_ENEMIES:
                continue
            taken.add(key)
            hints.enemies.append(HintedEnemy(_displayed(enemy.name), enemy.moves or None, enemy.boss, description,
                                             line))


def _levels(proposals: list[Proposal], text: _Text, hints: ModelHints) -> None:
    """Level names from the first proposal that names any the text holds, in its order."""
    for proposal in proposals:
        named: list[tuple[str, str, int]] = []
        for level in proposal.levels:
            line = _a_name(level.name, text)
            if line and all(_fold(level.name) != _fold(other) for other, _, _ in named):
                named.append((_displayed(level.name), _flavour(level.description), line))
        if named:
            hints.levels = named
            return
