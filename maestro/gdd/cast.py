"""Who is in the game: the player character, the enemies (bosses included) and the items.

An entity section can list its members as subheadings, a table, a bullet list or `Name: text`
lines; a character table can mix the player, enemies and NPCs with a Role column; prose can
name them in passing ("enemies include slimes, bats and a giant crab boss"). All of these
become `Entry`s, then typed spec parts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from maestro.gdd.document import Document, Section, Table
from maestro.gdd.evidence import Found, default, inferred, stated
from maestro.gdd.levels import LEVEL_LABEL
from maestro.gdd.lexicon import (
    BEHAVIOUR_NAME_REGEXES,
    BEHAVIOUR_REGEXES,
    GENRE_BEHAVIOUR,
    ITEM_KIND_REGEXES,
    NEGATION,
    Kind,
    earliest,
)
from maestro.gdd.scan import NOT_IN_SPACES, first_found
from maestro.gdd.text import (
    capitalise,
    fold,
    head_name,
    is_hedged,
    plain,
    singular_name,
    split_list,
    strip_article,
)
from maestro.spec import Behaviour, Enemy, Genre, Item, ItemKind

_NOT_A_NAME = re.compile(
    r"^(todo|tbd|tbc|fixme|note|notes|n/a|none|more|etc|other|others|misc|general|type|types|"
    r"name|names|hp|health|speed|damage|weakness|weaknesses|stats|attacks?|drops?|description|"
    r"movement|pattern|behaviou?r|role|notes?|points|score|value|effect|size|spawn|appears?|"
    r"location|ai|design|overview|summary|list|examples?|regular enemies|common enemies|"
    r"bosses|boss|enemies|enemy|items|item|없음|기타|이름|체력|속도|공격|행동|설명|비고|패턴|등장|"
    r"종류|특징|보스|적|일반 ?적|아이템|효과|점수)$",
    re.IGNORECASE,
)
_PLAYER_ROLE = re.compile(r"\b(player|protagonist|hero|heroine|main character|playable|you)\b|"
                          r"주인공|플레이어|조작 ?캐릭터", re.IGNORECASE)
_ENEMY_ROLE = re.compile(r"\b(enem(y|ies)|boss|villain|antagonist|monster|foe|hostile|mini-?boss)\b|"
                         r"적|보스|몬스터|악당", re.IGNORECASE)
_BOSS = re.compile(r"\b(boss|final enemy|mini-?boss)\b|보스", re.IGNORECASE)
#: "Spider & Pinkbat (basic enemies)", "Phantom (Mid-tier enemy)", "Golem (boss)".
_ENEMY_MARK = re.compile(r"^(?P<names>[^()\n]{1,60}?)\s*+[(（](?P<mark>[^)）\n]{0,40}?\b(?i:enem(?:y|ies)|"
                         r"(?:mini-?)?boss(?:es)?|monsters?|creatures?)\b[^)）\n]{0,40})[)）]")
#: A heading that is an enemy's name: "근접 몬스터", "Flying Enemies", "보스 몬스터".
_ENEMY_TITLE = re.compile(r"^(?:[가-힣A-Za-z-]+\s+){1,2}(?:몬스터|monsters?|enem(?:y|ies)|보스|boss)$", re.IGNORECASE)
#: "damaged by a badnik (an enemy)": prose that names a creature and says what it is.
_PAREN_ENEMY = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w'-]{0,20}+\s){0,2}+[A-Za-z][\w-]{2,24}+)"
                          r"\s?[(（]\s*(?:an?\s+|the\s+)?(?i:enemy|enemies|"
                          r"monsters?|(?:mini-?)?boss)\s*[)）]")
_NAME_SPLIT = re.compile(r"\s*(?:&|,|/|\band\b|와|과)\s*")
#: Code identifiers a design lists under a creature (its states, scripts): never a creature's name.
_CODE_NAME = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]*)*(?:State|Scene|Manager|Controller|Component|Script|"
                        r"System|Class|Object|Behaviou?r)$")
_BOSS_TITLE = re.compile(r"^(?:(?:final|end|main|mini)[- ]?)?boss(?:es)?\s*(?:[:\-–—]|fight:|battle:)\s*"
                         r"(?P<name>.+)$|^(?:최종\s*)?보스\s*[:\-–—]?\s*(?P<ko>.+)$", re.IGNORECASE)
# Starts at the first of a run of spaces, never inside it (`NOT_IN_SPACES`); the spaces on either
# side of an optional bracket are possessive so that a run of them is not split every possible way.
_BOSS_WORDS = re.compile(NOT_IN_SPACES + r"\s*+[(\[]?\s*+\b(?:final |end |mini-?)?boss\b\s*+[)\]]?\s*|"
                         + NOT_IN_SPACES + r"\s*+\(?\s*+(?:최종\s*+)?보스\s*+\)?\s*", re.IGNORECASE)
_POINTS = re.compile(r"(\d{1,6})\s*(?:pts?|points?|score|점)\b|[+＋](\d{1,6})\b", re.IGNORECASE)
_ENEMY_PROSE = re.compile(
    r"\b(?:enem(?:y|ies)|foes|monsters|baddies)(?: types)?\s+(?:include|includes|are|will be|such as|"
    r"like|:)\s+(?P<list>[^.;\n]+)",
    re.IGNORECASE,
)
_BOSS_PROSE = re.compile(
    r"\b(?i:(?:final|end|last)\s+boss|boss)(?:,|\s+is|\s+named|\s+called|:)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'-]+(?:\s+(?:of\s+the\s+|the\s+)?[A-Z][\w'-]+){0,3})"
)
#: "a boss fight against the Skeleton King", "the final battle with Morgath".
_BOSS_AGAINST = re.compile(
    r"\b(?i:boss\s+(?:fight|battle)|final\s+(?:fight|battle|showdown))\s+(?i:against|with|vs\.?)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'-]+(?:\s+(?:of\s+the\s+|the\s+)?[A-Z][\w'-]+){0,3})"
)
#: "the Rot King, the final boss", "Core Mind is the last boss".
_NAME_THE_BOSS = re.compile(
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})(?:,|\s+[-–—]|\s+is)\s+the\s+(?i:(?:final|last|end|big)\s+)?boss\b"
)
#: Text that asks for a boss without naming one: "a boss fight", "보스 방", "the final boss".
BOSS_MENTION = re.compile(
    r"\b(?:boss(?:es)?[ -]*(?:fights?|battles?|rooms?|levels?|stages?|encounters?|arenas?)"
    r"|(?:final|end|last)[ -]boss)\b|보스\s*(?:방|전|스테이지|룸|레벨|몬스터)|최종\s*보스", re.IGNORECASE)
# The list ends before the first verb; when none comes before the next ".", no "적은" before that
# "." can find one either, so `skip` steps over the stretch instead of re-reading it from each.
_KO_ENEMY_PROSE = re.compile(r"적(?:으로는|으론|은|는)\s*(?P<list>[^.]+?)(?!(?<=\s)\s)(?:가|이|등이?)?\s*+"
                             r"(?:나오|등장|있)|(?P<skip>적(?:으로는|으론|은|는)[^.]*+)")
# Each word of the name is at most 40 letters, the longest name `is_name` accepts: unbounded, a
# line of "보스는보스는…" was read to its end from each "보스는".
_KO_BOSS_PROSE = re.compile(r"(?:최종\s*|마지막\s*)?보스(?:는|은|:)\s*+"
                            r"(?P<name>[가-힣A-Za-z]{1,40}(?:\s[가-힣A-Za-z]{1,40})?)"
                            r"(?=\s*(?:\.|,|$|이다|다\b|입니다))")
_BOLD_SPAN = re.compile(r"\*\*([^*\n]{1,30})\*\*")
_THE_NAME = re.compile(r"\b[Tt]he\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")
_ENEMY_WORD = re.compile(r"\b(enem(y|ies)|monsters?|foes?|boss)\b|적|몬스터|보스", re.IGNORECASE)
_YOU_PLAY = re.compile(
    r"\b(?i:you\s+(?:play|control|pilot|fly|steer|drive|take control of|step into the shoes of|are))\s+(?i:as\s+)?"
    r"(?P<name>[A-Z][\w'-]+(?:\s+(?:the\s+)?[A-Z][\w'-]+){0,2})"
)
_NAMED = re.compile(r"\b(?i:named|called)\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")
_HERO_IS = re.compile(
    r"\b(?i:hero|heroine|protagonist|main character|player character|player)(?:,\s+(?=[^,\n]{1,40},)|\s+is\s+)"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
)
#: "The player enters the level and plays as Sonic", "take control of S.U.R.G.E".
_PLAYER_PLAYS = re.compile(
    r"\b(?i:players?|you)\b[^.\n]{0,60}?\b(?i:plays?\s+as|takes?\s+control\s+of|controls?|guides?)\s+"
    r"(?P<name>[A-Z](?:[\w'-]|\.(?=\w))+(?:\s+[A-Z][\w'-]+){0,2})"
)
#: A heading that marks its subject as the player: "Yo-chan (player), main tile".
_PLAYER_MARK = re.compile(r"^(?P<name>[^()\n]{1,40}?)\s*[(（]\s*(?i:the\s+)?(?i:player|playable|protagonist|"
                          r"main character)\s*[)）]|^(?P<ko>[^()\n]{1,20}?)\s*[(（]\s*(?:주인공|플레이어)\s*[)）]")
_PLAYER_CONTEXT = re.compile(r"\b(hero|heroine|protagonist|player|you|main character|plays? as)\b|"
                             r"주인공|플레이어", re.IGNORECASE)
_KO_HERO = re.compile(r"주인공(?:인|은|는|이)?\s*['\"“「]?(?P<name>[가-힣]{2,6})['\"”」]?(?:은|는|이|가)\s")
_NAME_STOP = {"The", "A", "An", "This", "That", "It", "He", "She", "They", "You", "Your", "Each",
              "Every", "All", "Player", "Players", "Hero", "Enemies"}


@dataclass
class Entry:
    name: str
    description: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    boss: bool = False


def section_entries(section: Section, boss: bool = False) -> list[Entry]:
    """The members an entity section lists, whatever form the list takes."""
    entries: list[Entry] = []
    for child in section.children:
        title = plain(child.title)
        if child.off_game or (_NOT_ENEMIES.search(title) and not _COMBINED.search(title)):
            continue
        match = _BOSS_TITLE.match(title)
        if match:
            name = head_name(match.group("name") or match.group("ko") or "")
            if is_name(name):
                entries.append(Entry(name, child.text(), child.line, boss=True))
            continue
        child_is_boss = boss or Kind.BOSS in child.kinds
        if child.kinds & {Kind.ENEMIES, Kind.BOSS, Kind.ITEMS, Kind.CHARACTERS, Kind.PLAYER}:
            name = head_name(_BOSS_WORDS.sub(" ", title).strip()) if Kind.BOSS in child.kinds else ""
            if name and is_name(name) and not (child.kinds - {Kind.BOSS}):
                entries.append(Entry(name, child.text(), child.line, boss=True))
            else:
                entries.extend(section_entries(child, child_is_boss))
            continue
        name = head_name(title)
        if is_name(name):
            entries.append(Entry(name, title + "\n" + child.text(), child.line,
                                 fields={fold(p.key): p.value for p in child.pairs},
                                 boss=child_is_boss or bool(_BOSS.search(title))))
    for table in section.tables:
        entries.extend(_table_entries(table, boss))
    items = section.list_items
    top = min((item.depth for item in items), default=0)
    listed = set()
    notes = {line.number for line in section.body
             if _NOTE_LINE.match(line.text) or _NOTE_LINE.match(_LIST_MARK.sub("", line.text))}
    for item in items:
        if item.depth != top or item.line in notes:
            continue
        name = head_name(item.text)
        listed.add(item.line)
        if is_name(name) and len(name.split()) <= 5:
            entries.append(Entry(_BOSS_WORDS.sub(" ", name).strip() or name, item.text, item.line,
                                 boss=boss or bool(_BOSS.search(item.text[:60]))))
    for line in section.body:
        match = _BOLD_LEAD.match(line.text)
        if match and line.number not in listed and line.number not in notes:
            name = head_name(match.group("name"))
            if is_name(name) and len(name.split()) <= 4:
                listed.add(line.number)
                entries.append(Entry(name, plain(line.text), line.number,
                                     boss=boss or bool(_BOSS.search(plain(line.text)[:120]))))
    indent = min((len(line.text) - len(line.text.lstrip()) for line in section.body if line.text.strip()),
                 default=0)
    for line in section.body:
        match = _DASH_ENTRY.match(line.text)
        if (match and line.number not in listed and line.number not in notes and not _LIST.match(line.text)
                and len(match.group("indent")) == indent
                and "  " not in match.group("name").strip()):
            name = head_name(match.group("name"))
            if is_name(name) and len(name.split()) <= 4:
                listed.add(line.number)
                entries.append(Entry(name, plain(line.text), line.number,
                                     boss=boss or bool(_BOSS.search(plain(line.text)[:120]))))
    entry_lines = {entry.line for entry in entries}
    for pair in section.pairs:
        if pair.line in listed or pair.kind is not None or pair.line in notes or pair.line in entry_lines:
            continue
        name = head_name(pair.key)
        if is_name(name) and len(name.split()) <= 4:
            entry_lines.add(pair.line)
            entries.append(Entry(name, f"{pair.key}: {pair.value}", pair.line,
                                 boss=boss or bool(_BOSS.search(pair.key + " " + pair.value[:40]))))
    return sorted(entries, key=lambda entry: entry.line)


def _table_entries(table: Table, boss: bool) -> list[Entry]:
    name_col = table.column(r"^(name|enemy|enemies|enemy name|character|monster|item|items|"
                            r"pickup|collectible|unit|type|이름|적|적 ?이름|몬스터|캐릭터|아이템|명칭)$")
    if name_col is None:
        name_col = 0
    entries = []
    for offset, row in enumerate(table.rows):
        if name_col >= len(row):
            continue
        name = head_name(row[name_col])
        if not is_name(name):
            continue
        fields = {fold(header): cell for header, cell in zip(table.header, row, strict=False)}
        description = " | ".join(cell for index, cell in enumerate(row) if index != name_col)
        entries.append(Entry(_BOSS_WORDS.sub(" ", name).strip() or name, description,
                             table.line + offset + 2, fields,
                             boss=boss or bool(_BOSS.search(description) or _BOSS.search(row[name_col]))))
    return entries


def is_name(name: str) -> bool:
    """True for text that can be a character's name: not a heading word, a stat, a note or a sentence."""
    name = name.strip()
    words = name.split()
    return (bool(name) and len(name) <= 40 and not name.isdigit() and not _NOT_A_NAME.match(name)
            and not _CODE_NAME.match(name) and name.upper() not in ("UI", "HUD", "UX")
            and not name.lower().startswith(("todo", "tbd", "maybe", "?"))
            and not LEVEL_LABEL.match(name)
            and not any(word.lower().strip(".,") in _NOT_NAME_WORDS for word in words)
            and not (len(words) >= 3 and any(_KO_SENTENCE.search(word) for word in words)))


_NOT_NAME_WORDS = {"rule", "rules", "note", "notes", "todo", "tbd", "idea", "ideas", "question", "defeated",
                   "killed", "destroyed", "spawned", "cleared", "removed", "dead",
                   "questions", "balance", "balancing", "spawn", "spawning", "general", "design",
                   "아님", "메모", "참고", "규칙"}
_KO_SENTENCE = re.compile(r"[가-힣](?:는|은|을|를|에서|으로|로|다|함|음|요|지만|마다)$")
_NOT_ENEMIES = re.compile(r"obstacles?|hazards?|traps?|not (an )?enem|장애물|함정|아님|npc", re.IGNORECASE)
_LIST = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_COMBINED = re.compile(r"\band\b|&|및|/|\+")
# The indent is possessive: giving spaces back could only make a name of spaces, never a name.
_DASH_ENTRY = re.compile(r"^(?P<indent>\s*+)(?P<name>[^-–—:|]{1,40}?)\s++[-–—]++\s++(?P<rest>\S.*)$")
_NOTE_LINE = re.compile(r"^\s*(?:->|→|=>|\(|>|※|\[ \]|\[x\]|q:|a:)", re.IGNORECASE)
_BOLD_LEAD = re.compile(r"^\s*+(?:\*\*|__)(?P<name>[^*_\n]{1,40}?)(?:\*\*|__)\s*(?P<rest>.*)$")


def _role_of(entry: Entry) -> str | None:
    role_text = " ".join(value for key, value in entry.fields.items()
                         if re.search(r"role|type|역할|구분|분류|종류", key))
    text = role_text or entry.description[:80]
    if _PLAYER_ROLE.search(entry.name) or _PLAYER_ROLE.search(text):
        return "player" if not _ENEMY_ROLE.search(role_text or entry.name) else "enemy"
    if _ENEMY_ROLE.search(text):
        return "enemy"
    return None


# ---------------------------------------------------------------------------- the player


def find_player(doc: Document) -> tuple[Found[str], str]:
    """(the player's name, a description) — the name defaults to 'Hero' / '주인공'."""
    description = ""
    for pair, section in doc.pairs(Kind.PLAYER):
        if section.effective_kinds & {Kind.ENEMIES, Kind.BOSS, Kind.ITEMS}:
            continue
        name = player_name(pair.value)
        if name:
            # "Player: Pip" names the hero; what Pip is ("Pip, a warehouse mouse") is said elsewhere.
            return stated(name, f"{pair.key}: {pair.value}", pair.line), _described(doc, name) or pair.value
        description = description or pair.value
    for section in doc.sections_of(Kind.PLAYER):
        name = _name_from_player_heading(section)
        if name:
            return stated(name, f"heading {section.title!r}", section.line), section.text()[:200]
        description = description or section.text()[:200]
    for section in doc.sections():
        # A plain "Player" heading (not a player-kind section: in many GDDs it lists the player's
        # moves) whose text opens on the hero: "Pip is a small bunny who..."
        if not _PLAIN_PLAYER_HEADING.match(plain(section.title)):
            continue
        first = next((plain(line.text) for line in section.body if plain(line.text).strip()), "")
        opening = _OPENS_WITH_NAME.match(first)
        if opening and is_name(opening.group("name")):
            return stated(opening.group("name"), first[:80], section.line), section.text()[:200]
        description = description or section.text()[:200]
    for section in doc.sections():
        marked = _PLAYER_MARK.match(plain(section.title)) if section.level > 0 else None
        name = (marked.group("name") or marked.group("ko") or "").strip() if marked else ""
        if name and is_name(head_name(name)):
            return stated(head_name(name), f"heading {section.title!r}", section.line), section.text()[:200]
    for section in doc.sections_of(Kind.CHARACTERS, Kind.PLAYER):
        for entry in section_entries(section):
            if _role_of(entry) == "player":
                return stated(entry.name, entry.description, entry.line), entry.description
    for line, section in doc.game_lines():
        if section.effective_kinds & {Kind.ENEMIES, Kind.BOSS, Kind.ITEMS}:
            continue
        text = plain(line.text)
        bold = _BOLD_SPAN.search(line.text)
        if bold and _PLAYER_CONTEXT.search(text) and is_name(bold.group(1)) and \
                (bold.group(1)[:1].isupper() or not bold.group(1)[:1].isascii()) and \
                len(bold.group(1).split()) <= 3 and re.search(r"(?:주인공|플레이어|player|hero|play as)",
                                                             text[: text.find(bold.group(1))], re.IGNORECASE):
            return inferred(bold.group(1).strip(), f"player named in {text[:80]!r}", line.number), description or text
        for regex in (_YOU_PLAY, _HERO_IS, _PLAYER_PLAYS, _NAMED, _KO_HERO):
            match = regex.search(text)
            if not match or (regex is _NAMED and not _PLAYER_CONTEXT.search(text)):
                continue
            name = _trim_name(match.group("name"))
            if name:
                # The sentence that names the player usually says what it is: "You play Pip, a small bunny".
                return (inferred(name, f"player named in {text[:80]!r}", line.number),
                        description or _sentence_at(text, match.start()))
    fallback = "주인공" if doc.text and _mostly_korean(doc.text) else "Hero"
    return default(fallback, "the GDD does not name the player character"), description


def _described(doc: Document, name: str) -> str:
    """The sentence that says what the player named ``name`` is: one that opens on the name ("Pip,
    a warehouse mouse, ...", "Dubu는 두부 블록이다") first, else the first to mention it in a sentence.
    Read by paragraph: a hard-wrapped sentence is one sentence."""
    opens = re.compile(rf"^\W*{re.escape(name)}(?:,|\s+is\b|\s+the\b|는|은|이\s|가\s)")
    mentions = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])")
    label = re.compile(rf"^[^:]{{0,40}}[:：]\s*{re.escape(name)}\W*$")
    first = ""
    for paragraph in _paragraphs(doc):
        for sentence in re.split(r"(?<=[.!?。])\s+", paragraph):
            if label.match(sentence) or not mentions.search(sentence):
                continue  # "Player character: Pip": the name again, not what it is
            if opens.match(sentence):
                return sentence[:200]
            first = first or sentence[:200]
    return first


def _paragraphs(doc: Document) -> list[str]:
    """The game's text as paragraphs (lines joined until a blank line, a list item or a new section),
    enemy, boss and item sections left out."""
    paragraphs: list[str] = []
    current: list[str] = []
    where: object = None
    for line, section in doc.game_lines():
        text = plain(line.text).strip()
        starts_item = bool(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line.text))
        if text.startswith("|"):
            text = ""  # a table row is no sentence
        if not text or section is not where or starts_item or ":" in text[:40]:
            if current:
                paragraphs.append(" ".join(current))
            current = []
            where = section
        if text and not section.effective_kinds & {Kind.ENEMIES, Kind.BOSS, Kind.ITEMS}:
            current.append(text)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    start = max((m.end() for m in re.finditer(r"[.!?。]\s+", text[:at])), default=0)
    end = re.search(r"[.!?。](?:\s|$)", text[at:])
    return text[start:at + end.end() if end else len(text)].strip()


#: A player section that opens on its hero: "Pip is a small bunny...", "Pip, a small bunny, ...".
_PLAIN_PLAYER_HEADING = re.compile(r"^\s*(?:the )?(?:player|you)\s*$|^\s*(?:주인공|플레이어)\s*$", re.IGNORECASE)
_OPENS_WITH_NAME = re.compile(r"^(?P<name>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2})(?:\s+is|,)\s+(?:a|an|the)\s")


def player_name(value: str) -> str | None:
    value = plain(value).strip()
    if not value or value[0].isdigit():
        return None
    named = _NAMED.search(value)
    if named:
        return _trim_name(named.group("name"))
    if re.match(r"^(a|an|the|some|you|player|controls?|moves?)\b", value) and not re.match(r"^The [A-Z]", value):
        return None
    name = head_name(value)
    if not name or len(name.split()) > 4 or not (name[0].isupper() or not name[0].isascii()):
        return None
    return name if is_name(name) else None


def _name_from_player_heading(section: Section) -> str | None:
    title = plain(section.title)
    rest = re.sub(r"(?i)\b(?:the\s+)?(?:player(?:\s+character)?|protagonist|main character|"
                  r"playable character|hero(?:ine)?)\b|주인공|플레이어(?:\s*캐릭터)?", " ", title)
    rest = _EDGE_MARKS.sub("", rest)
    rest = re.sub(r"\(\s*\)", "", rest).strip()
    if rest and len(rest.split()) <= 4 and is_name(head_name(rest)):
        return head_name(rest)
    for pair in section.pairs:
        if re.fullmatch(r"name|이름|character name|캐릭터 ?이름", fold(pair.key)):
            return player_name(pair.value) or head_name(pair.value)
    for line in section.body[:4]:
        match = re.match(r"^\s*(?:\*\*)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)(?:\*\*)?\s+(?:is|,)\s", line.text)
        if match and match.group(1) not in _NAME_STOP:
            return match.group(1)
    return None


def _trim_name(name: str) -> str | None:
    words = name.split()
    while words and words[-1] in _NAME_STOP:
        words.pop()
    if not words or words[0] in _NAME_STOP:
        return None
    return " ".join(words)


def _mostly_korean(text: str) -> bool:
    hangul = len(_HANGUL_SYLLABLE.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return hangul > latin / 2


_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
_LATIN_LETTER = re.compile("[A-Za-z]")


# ---------------------------------------------------------------------------- enemies


def _heading_enemies(section: Section) -> list[Entry]:
    """Enemies a heading names itself: "Spider & Pinkbat (basic enemies)", "#### 원거리 몬스터".

    Such a heading's body describes them (its list items are states, stats, attacks), so it is
    read as names only here, never as a list of more enemies.
    """
    title = plain(section.title)
    marked = _ENEMY_MARK.match(title)
    if marked:
        boss = bool(_BOSS.search(marked.group("mark")))
        names = [head_name(part) for part in _NAME_SPLIT.split(marked.group("names"))]
        return [Entry(name, section.text()[:300], section.line, boss=boss) for name in names if is_name(name)]
    if _ENEMY_TITLE.match(title) and len(title.split()) >= 2:
        return [Entry(title, section.text()[:300], section.line, boss=bool(_BOSS.search(title)))]
    return []


def _prose_enemies(line: str, context: str, number: int, player: str) -> list[Entry]:
    """Creatures and hazards a line names the way real documents do.

    "- Grunt - 100hp, shoots bullets" (a stat block), "avoid spikes, pits and other enemies",
    "spikes to avoid", "a final battle against The Mothership", "적은 공중의 적과 지상의 적으로
    구분된다", "근접공격 위주의 보스 / 원거리 공격 위주의 보스".
    """
    found: list[Entry] = []
    stat = _STAT_BLOCK.match(line)
    if stat and fold(stat.group("name")) not in {"player", fold(player), "you", "플레이어"}:
        name = stat.group("name").strip()
        found.append(Entry(name, context, number, boss=bool(_BOSS.search(name))))
    for regex in (_AVOID, _TO_AVOID):
        for match in regex.finditer(line.lower()):
            for name in re.split(r"\s*(?:,|\band\b|\bor\b)\s*", match.group("list")):
                name = re.sub(r"^(?:other|the|moving|all|some|any)\s+", "", name.strip(" ,.")).strip()
                if name.split()[:1] and name.split()[0] in _VERBS:  # "avoid obstacles, collect stars": a new clause
                    break
                if name and name not in _GENERIC_HAZARDS and is_name(name) and len(name.split()) <= 3:
                    found.append(Entry(name, context, number))
    against = _AGAINST.search(line)
    if against and is_name(against.group("name")):
        found.append(Entry(against.group("name"), context, number, boss=True))
    divided = _KO_DIVIDED.search(line)
    if divided:
        for name in re.split(r"\s*(?:과|와|,|및)\s+|(?<=적)(?:과|와)\s*", divided.group("list")):
            if _KO_ENEMY_NAME.search(name.strip()):
                found.append(Entry(name.strip(), context, number))
    parts = [part.strip(" +-*") for part in line.split(" / ")]
    if len(parts) >= 2 and all(_KO_ENEMY_NAME.search(part) and len(part) <= 30 for part in parts):
        found.extend(Entry(part, context, number, boss=bool(_BOSS.search(part))) for part in parts)
    return found


_STAT_BLOCK = re.compile(r"^\s*(?:[-*+•]\s+)?(?P<name>[A-Z][\w'-]*+(?:\s[A-Z][\w'-]*+){0,2})\s*+[-:–—]\s*+\d{1,5}\s*+"
                         r"(?i:hp|health|hit points|체력)\b")
# A word of the list is `[a-z]{2,19}s\b`: plural nouns (a bounded backtrack of one word each).
_AVOID = re.compile(r"\b(?:avoid|dodge|jump over|evade)(?:ing)?\s++(?:hitting\s++|the\s++|touching\s++)*"
                    r"(?P<list>[a-z]{2,19}s\b(?:,\s*+(?:[a-z]{3,20}\s)?[a-z]{2,19}s\b){0,5}"
                    r"(?:,?\s++(?:and|or)\s++(?:[a-z]{3,20}\s)?[a-z]{2,19}s\b)?)")
_TO_AVOID = re.compile(r"\b(?:are|also|with|has|have)\s++(?:also\s++)?(?:some\s++|many\s++)?(?P<list>[a-z]{2,19}s)"
                       r"\s++to\s++(?:avoid|dodge)\b")
_VERBS = {"collect", "manage", "maintain", "get", "kill", "shoot", "jump", "use", "find", "reach", "gain", "earn",
          "defeat", "destroy", "save", "grab", "pick", "keep", "survive", "make", "take", "beat", "clear"}
_GENERIC_HAZARDS = {"obstacles", "enemies", "things", "objects", "hazards", "them", "collisions", "attacks",
                    "projectiles", "bullets", "damage", "gaps", "walls", "players", "others"}
_AGAINST = re.compile(r"\b(?:battle|fight|bossfight|boss fight|showdown)\s++against\s++(?P<name>(?:The\s)?[A-Z][\w'-]+"
                      r"(?:\s[A-Z][\w'-]+){0,2})")
_KO_DIVIDED = re.compile(r"(?:적|몬스터)(?:들)?(?:은|는)\s*+(?P<list>[^.\n]{2,40}?)(?:으로|로)\s*+"
                         r"(?:구분|나뉘|나뉜|나눠|나누)")
_KO_ENEMY_NAME = re.compile(r"(?:적|몬스터|보스)$|\b(?:enemy|boss|monster)$", re.IGNORECASE)


def find_enemies(doc: Document, genre: Genre, player: str) -> tuple[list[Enemy], Found[int]]:
    """The enemies, each with a behaviour; the Found says where the list came from."""
    entries: list[Entry] = []
    sources: list[str] = []
    named_by_heading: set[int] = set()
    for section in doc.sections():
        if section.level == 0 or section.off_game:
            continue
        found = _heading_enemies(section)
        if found:
            entries.extend(found)
            named_by_heading.add(section.line)
            sources.append(f"heading {section.title!r}")
    for section in doc.sections_of(Kind.ENEMIES, Kind.BOSS):
        if section.parent is not None and section.parent.kinds & {Kind.ENEMIES, Kind.BOSS} \
                and not section.parent.off_game:
            continue
        if section.line in named_by_heading:
            continue
        only_boss = Kind.BOSS in section.kinds and Kind.ENEMIES not in section.kinds
        match = _BOSS_TITLE.match(plain(section.title)) if only_boss else None
        boss_name = head_name(match.group("name") or match.group("ko") or "") if match else ""
        if boss_name and is_name(boss_name):
            entries.append(Entry(boss_name, section.text(), section.line, boss=True))
            sources.append(f"section {section.title!r}")
            continue
        found = section_entries(section, boss=only_boss)
        if found:
            entries.extend(found)
            sources.append(f"section {section.title!r}")
    for section in doc.sections_of(Kind.CHARACTERS):
        for entry in section_entries(section):
            if _role_of(entry) == "enemy":
                entry.boss = entry.boss or bool(_BOSS.search(entry.description[:120]))
                entries.append(entry)
    for pair, section in doc.pairs(Kind.ENEMIES, Kind.BOSS):
        if section.effective_kinds & {Kind.AUDIO, Kind.ART, Kind.CONTROLS, Kind.LEVELS}:
            continue
        boss = pair.kind == Kind.BOSS
        if boss and not player_name(pair.value):
            continue
        for name in _inline_names(pair.value, single=boss):
            entries.append(Entry(name, pair.value, pair.line, boss=boss or bool(_BOSS.search(name))))
        sources.append(f"{pair.key!r}")
    prose_lines = list(doc.game_lines())
    spellings = Spellings(doc)
    for index, (line, section) in enumerate(prose_lines):
        if line.text.lstrip().startswith("|"):
            continue
        text = plain(line.text)
        if index + 1 < len(prose_lines) and prose_lines[index + 1][1] is section:
            text = text + " " + plain(prose_lines[index + 1][0].text)
        for regex in (_ENEMY_PROSE, _KO_ENEMY_PROSE):
            match = first_found(regex, text, "list")
            if match and match.start() < len(plain(line.text)):
                for name in _inline_names(match.group("list")):
                    entries.append(Entry(name, text, line.number, boss=name.endswith(" (boss)")))
        entries.extend(_prose_enemies(plain(line.text), text, line.number, player))
        for match in _PAREN_ENEMY.finditer(plain(line.text)):
            if is_name(match.group("name")):
                entries.append(Entry(match.group("name"), text, line.number, boss=bool(_BOSS.search(match.group(0)))))
        for regex in (_BOSS_PROSE, _KO_BOSS_PROSE, _BOSS_AGAINST, _NAME_THE_BOSS):
            match = regex.search(plain(line.text))
            prose_boss = _trim_name(match.group("name")) if match else None
            if prose_boss and is_name(prose_boss):
                entries.append(Entry(spellings.usual(prose_boss), text, line.number, boss=True))
    if not entries:
        entries = _capitalised_in_prose(doc, player)
    enemies = _dedupe(entries, genre, player)
    if enemies:
        where = sources[0] if sources else "the text"
        return enemies, stated(len(enemies), f"{len(enemies)} enemies from {where}")
    return [], default(0, "the GDD names no enemies")


# More names than this in enemy talk is a list, not prose: the rest are left out, because each
# one is described by the rest of its sentence and a sentence that never ends would be read again
# for every name.
MAX_PROSE_NAMES = 64


class Spellings:
    """How often the GDD spells each capitalised word, counted once, on first use.

    Each check reads every distinct word, so only the first `MAX_CHECKED` names are checked: a
    GDD names a few bosses, and a file naming thousands must not cost thousands of passes.
    """

    MAX_CHECKED = 32

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._counts: Counter[str] | None = None
        self._checked: dict[str, str] = {}

    def usual(self, name: str) -> str:
        """``name`` as the GDD spells it most often, when this is a one-letter slip of it ("WaredenBear"
        once, "WardenBear" twice): a typo in one sentence should not name the game's boss."""
        if " " in name or len(name) < 6 or not name.isascii():
            return name
        if name not in self._checked and len(self._checked) < self.MAX_CHECKED:
            self._checked[name] = self._usual(name)
        return self._checked.get(name, name)

    def _usual(self, name: str) -> str:
        if self._counts is None:
            self._counts = Counter(re.findall(r"\b[A-Z][A-Za-z]{5,39}\b", self.doc.text[:200_000]))
        best = name
        for word, count in self._counts.items():
            if count > self._counts.get(best, 0) and word[0] == name[0] and _one_edit(word.casefold(),
                                                                                      name.casefold()):
                best = word
        return best


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _capitalised_in_prose(doc: Document, player: str) -> list[Entry]:
    """Last resort for prose-only GDDs: 'the Skeleton', 'The Wailing Ghost' in enemy talk.

    A name seen before only adds its boss flag (`_dedupe` keeps the first description), so it
    gets no description of its own.
    """
    entries: list[Entry] = []
    named: set[str] = set()
    for section in doc.sections():
        if section.off_game or section.level == 0 or section.effective_kinds & {
                Kind.LEVELS, Kind.STORY, Kind.SUMMARY, Kind.ART, Kind.AUDIO, Kind.CONTROLS}:
            continue
        text = plain(section.text(deep=False))
        if not _ENEMY_WORD.search(text):
            continue
        stops = _Stops(text)
        for match in _THE_NAME.finditer(text):
            name = _trim_name(match.group("name"))
            if not name or not is_name(name) or fold(name) == fold(player):
                continue
            boss = bool(_BOSS.search(text[match.end():match.end() + 80]))
            key = _enemy_key(name)
            if key in named:
                entries.append(Entry(name, "", section.line, boss=boss))
            elif len(named) < MAX_PROSE_NAMES:
                named.add(key)
                end = stops.after(match.end())
                entries.append(Entry(name, text[match.start(): end if end > 0 else None], section.line, boss=boss))
    return entries


class _Stops:
    """The next full stop after a position, remembered: `text.find(".", start)` for rising starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = text.find(".")

    def after(self, start: int) -> int:
        if 0 <= self.found < start:
            self.found = self.text.find(".", start)
        return self.found


# The punctuation trimmed from both ends of a player heading; the end part starts at the first of a
# run of it, so that a long run in the middle is not read again from each of its characters.
_EDGE_MARKS = re.compile(r"^[\s:()\-–—|]+|(?<![\s:()\-–—|])[\s:()\-–—|]+$")
_CLAUSE_START = re.compile(r"(?<!\s)\s++(?:waiting|who|that|which|in|at|on|from|guarding|with)\s", re.IGNORECASE)


def _inline_names(value: str, single: bool = False) -> list[str]:
    value = plain(value)
    if re.match(r"^(none|no enemies|n/a|없음|없다|없습니다)\b", value, re.IGNORECASE):
        return []
    parts = [head_name(value)] if single else split_list(re.split(r"[.(]", value)[0])
    names = []
    for part in parts:
        part = _CLAUSE_START.split(part, maxsplit=1)[0]
        part = strip_article(re.sub(r"(?i)^(?:and|or|plus|also|as well as)\s+", "", part))
        part = strip_article(part)
        is_boss = bool(_BOSS.search(part))
        part = _BOSS_WORDS.sub(" ", part).strip()
        if not part or len(part.split()) > 4 or not is_name(part):
            continue
        name = capitalise(singular_name(part))
        names.append(name + (" (boss)" if is_boss else ""))
    return names


def _dedupe(entries: list[Entry], genre: Genre, player: str) -> list[Enemy]:
    enemies: dict[str, Enemy] = {}
    for entry in entries:
        boss = entry.boss or entry.name.endswith(" (boss)")
        name = _enemy_name(entry.name)
        key = fold(singular_name(name))
        if not key or key == fold(player) or not is_name(name):
            continue
        if key in enemies:
            known = enemies[key]
            known.boss = known.boss or boss
            continue
        enemies[key] = Enemy(name=name, behaviour=behaviour_of(name, entry.description, genre),
                             boss=boss, description=_short(entry.description))
    return list(enemies.values())


def _enemy_name(name: str) -> str:
    """An entry's name as an enemy is called: without '(boss)', singular when written in lower case."""
    name = name.removesuffix(" (boss)").strip()
    return capitalise(singular_name(name)) if name.islower() else name


def _enemy_key(name: str) -> str:
    """What `_dedupe` tells enemies apart by."""
    return fold(singular_name(_enemy_name(name)))


def behaviour_of(name: str, description: str, genre: Genre) -> Behaviour:
    return behaviour_evidence(name, description) or GENRE_BEHAVIOUR[genre]


def behaviour_evidence(name: str, description: str) -> Behaviour | None:
    """How the text says the enemy moves (its description, else its name: "bat" flies), or None."""
    described = _described_behaviour(description)
    if described is not None:
        return described
    for behaviour, regex in BEHAVIOUR_NAME_REGEXES:
        if regex.search(fold(name)):
            return behaviour
    return None


@lru_cache(maxsize=4096)
def _described_behaviour(description: str) -> Behaviour | None:
    """How a description says its enemy moves (cached: names listed on one long line share it)."""
    return earliest(BEHAVIOUR_REGEXES, description)


@lru_cache(maxsize=4096)
def _short(text: str) -> str:
    """The first words of a description (cached: names listed on one long line share it)."""
    text = " ".join(plain(text).split())
    return text if len(text) <= 160 else text[:159] + "…"


# ---------------------------------------------------------------------------- items


def find_items(doc: Document) -> list[Item]:
    items: dict[str, Item] = {}
    for section in doc.sections_of(Kind.ITEMS):
        for entry in section_entries(section):
            key = fold(singular_name(entry.name))
            if key in items:
                continue
            text = entry.description + " " + " ".join(entry.fields.values())
            points = _POINTS.search(text)
            items[key] = Item(
                name=entry.name,
                kind=_item_kind(entry.name + " " + text),
                points=int(points.group(1) or points.group(2)) if points else 10,
                description=_short(entry.description),
            )
    for pair, _ in doc.pairs(Kind.ITEMS):
        for name in _inline_names(pair.value):
            key = fold(singular_name(name))
            if key not in items:
                items[key] = Item(name=name, kind=_item_kind(name), points=10)
    return list(items.values())


def _item_kind(text: str) -> ItemKind:
    folded = fold(text)
    for kind, regex in ITEM_KIND_REGEXES:
        if regex.search(folded):
            return kind
    return ItemKind.COLLECTIBLE


#: The boss a GDD gets when it asks for one ("a boss fight", "보스 방") but names none.
DEFAULT_BOSSES: dict[Genre, tuple[str, str, Behaviour]] = {
    Genre.PLATFORMER: ("Guardian", "수호자", Behaviour.PATROL),
    Genre.TOPDOWN: ("Warden", "간수장", Behaviour.CHASE),
    Genre.SHOOTER: ("Mothership", "모선", Behaviour.ZIGZAG),
    Genre.RUNNER: ("Colossus", "거인", Behaviour.SWOOP),
}


def unnamed_boss(doc: Document, genre: Genre, korean: bool) -> tuple[Enemy, int] | None:
    """A stand-in boss when the game-facing text asks for a boss and names none, and the line that asks."""
    if genre not in DEFAULT_BOSSES:
        return None
    for line, _ in doc.game_lines():
        text = plain(line.text)
        match = BOSS_MENTION.search(text)
        if match and not NEGATION.search(text[: match.start()].lower()) and not is_hedged(text, 0, match.start()):
            english, hangul, behaviour = DEFAULT_BOSSES[genre]
            return Enemy(name=hangul if korean else english, behaviour=behaviour, boss=True,
                         description="the boss the GDD asks for; it gives no name"), line.number
    return None


def default_enemies(genre: Genre) -> list[Enemy]:
    """Stand-ins for a GDD that names no enemies (none for a push puzzle)."""
    return {
        Genre.PLATFORMER: [Enemy(name="Crawler", behaviour=Behaviour.PATROL)],
        Genre.TOPDOWN: [Enemy(name="Wisp", behaviour=Behaviour.WANDER),
                        Enemy(name="Hound", behaviour=Behaviour.CHASE)],
        Genre.SHOOTER: [Enemy(name="Drone", behaviour=Behaviour.ZIGZAG),
                        Enemy(name="Turret", behaviour=Behaviour.TURRET)],
        Genre.PUZZLE: [],
        Genre.RUNNER: [Enemy(name="Crow", behaviour=Behaviour.SWOOP)],
    }[genre]


def default_items(genre: Genre) -> list[Item]:
    if genre == Genre.PUZZLE:
        return []
    return [Item(name="Coin", kind=ItemKind.COLLECTIBLE, points=10)]
