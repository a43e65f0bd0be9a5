"""How many levels, what they are called, how hard each is and what the GDD said about them.

Designers give the level count many ways: "Levels: 8", "Eight levels", "총 5층", a numbered
list of named levels, one heading per level, a table. The stated count wins; a list fills in
the names; when they disagree the spec follows the count and says so in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from maestro.gdd.document import Document, Section, Table, pair_of
from maestro.gdd.evidence import Found, default, inferred, quote, stated
from maestro.gdd.lexicon import Kind
from maestro.gdd.scan import last_word_before
from maestro.gdd.text import (
    KO_NUMBER_START,
    KO_NUMBER_WORD,
    NUMBER_START,
    NUMBER_WORD,
    first_number,
    fold,
    head_name,
    is_hedged,
    plain,
    to_int,
)

_LEVEL_WORDS = r"level|stage|world|floor|area|zone|round|mission|chapter|map|dungeon|act"
_KO_LEVEL_WORDS = r"스테이지|레벨|층|월드|라운드|맵|던전|챕터|지역"
# As in numbers.py: possessive spaces, and NUMBER_START before a pattern that starts with a number.
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
LEVEL_LABEL = re.compile(
    rf"^(?:(?:{_LEVEL_WORDS})\s*+(?P<a>\d{{1,2}}(?:-\d{{1,2}})?)(?!\d)"
    rf"|(?P<b>\d{{1,2}}-\d{{1,2}})(?=[\s:.)])"
    rf"|(?P<c>\d{{1,2}})\s*+(?:{_KO_LEVEL_WORDS})"
    rf"|(?:{_KO_LEVEL_WORDS})\s*+(?P<d>\d{{1,2}}(?:-\d{{1,2}})?)(?!\d)"
    rf"|제\s*+(?P<e>\d{{1,2}})\s*+(?:{_KO_LEVEL_WORDS})"
    rf"|(?:the\s++)?(?P<ord>{'|'.join(_ORDINALS)})\s++(?:{_LEVEL_WORDS}))"
    r"[:.)\]\-–—\s]*+(?P<rest>.*)$",
    re.IGNORECASE,
)
_NOT_A_LEVEL = re.compile(
    r"^(each|every|all|the player|players|levels|level design|difficulty|enemies|no |should|"
    r"maybe|todo|tbd|note|notes|we |i |it |they |this|there|if |when |design|general|"
    r"pacing|structure|progression|layout|overview|principles|rules|goals?|tips?|"
    r"레벨 ?디자인|난이도|공통|규칙|원칙|참고|메모)",
    re.IGNORECASE,
)
_COUNT_STOP = {"of", "the", "in", "per", "every", "each", "more", "other", "bonus", "secret",
               "hidden", "extra", "optional", "first", "last", "next", "previous", "these",
               "those", "later", "early", "remaining", "all", "section", "part", "version", "step", "way",
               "figure", "sprint", "week", "milestone", "player", "players", "to", "up", "down"}
_PROSE_COUNT = re.compile(
    rf"(?<![\w-]){NUMBER_START}(?P<n>{NUMBER_WORD})\s++(?P<between>(?:[\w'-]++,?\s++){{0,3}}?)"
    rf"(?P<unit>levels?|stages?|worlds?|floors?|dungeons?|rounds?|missions?|chapters?|zones?|areas?)\b",
    re.IGNORECASE,
)
#: "until players reach level 15, the final level": the last level's number is the count.
_FINAL_LEVEL = re.compile(r"\b(?:level|stage|floor|round|wave)\s++(?P<n>\d{1,3})\b,?\s*+(?:\(|which is\s++)?"
                          r"(?:the\s++)?(?:final|last)\s++(?:level|stage|floor|round|wave)\b", re.IGNORECASE)
_WORLDS_OF = re.compile(
    rf"{NUMBER_START}(?P<w>{NUMBER_WORD})\s++worlds?\s*+(?:of|with|,|each with)\s*+(?P<l>{NUMBER_WORD})\s++"
    r"(?:levels|stages)", re.IGNORECASE)
_KO_COUNT = (
    re.compile(rf"총\s*+(?P<n>{KO_NUMBER_WORD})\s*+(?:개의?\s*+)?(?P<unit>{_KO_LEVEL_WORDS})"),
    re.compile(rf"{KO_NUMBER_START}(?P<n>{KO_NUMBER_WORD})\s*+개의?\s*+(?P<unit>{_KO_LEVEL_WORDS})"),
    re.compile(rf"(?P<unit>{_KO_LEVEL_WORDS})(?:은|는|이|가)?\s*+(?:총\s*+)?(?P<n>{KO_NUMBER_WORD})\s*+(?:개|종)"),
    re.compile(rf"{KO_NUMBER_START}(?P<n>{KO_NUMBER_WORD})\s*+(?:개\s*+)?(?P<unit>{_KO_LEVEL_WORDS})(?:으로|로)\s*+"
               r"(?:구성|이루어)"),
)
_NO_COUNT = re.compile(r"\b(endless|infinite|none|n/a|procedural)\b|무한|없음|엔드리스", re.IGNORECASE)

_DIFFICULTY_NUMBER = re.compile(r"(?:difficulty|난이도)\s*+[:=]?\s*+(\d{1,2})(?:\s*+/\s*+(\d{1,2}))?",
                                re.IGNORECASE)
_OUT_OF_TEN = re.compile(r"\b(\d{1,2})\s*+/\s*+10\b")
_STARS = re.compile(r"[★⭐]{1,5}")
_DIFFICULTY_WORDS: tuple[tuple[int, str], ...] = (
    (9, r"very hard|extreme|expert|brutal|nightmare|최상|매우 어려움|극악"),
    (7, r"\bhard\b|difficult|challenging|tough|어려움|어렵|상급|\b상\b"),
    (5, r"medium|normal|moderate|intermediate|보통|중급|\b중\b"),
    (2, r"tutorial|intro|easy|gentle|learn|warm-?up|튜토리얼|쉬움|쉬운|입문|초급|\b하\b"),
)
_HINT_PATTERNS: dict[str, re.Pattern[str]] = {
    "enemies": re.compile(rf"{NUMBER_START}(?P<n>{NUMBER_WORD})\s++(?:[\w-]++\s++)?(?:enemies|foes|monsters)\b|"
                          r"적\s*+(?P<k>\d{1,2})\s*+(?:마리|체)", re.IGNORECASE),
    "rooms": re.compile(rf"{NUMBER_START}(?P<n>{NUMBER_WORD})\s++(?:[\w-]++\s++)?rooms\b|방\s*+(?P<k>\d{{1,2}})\s*+개",
                        re.IGNORECASE),
    "crates": re.compile(rf"{NUMBER_START}(?P<n>{NUMBER_WORD})\s++(?:[\w-]++\s++)?(?:crates|boxes|blocks|boulders)\b|"
                         r"상자\s*+(?P<k>\d{1,2})\s*+개", re.IGNORECASE),
    "waves": re.compile(rf"{NUMBER_START}(?P<n>{NUMBER_WORD})\s++(?:[\w-]++\s++)?waves\b|웨이브\s*+(?P<k>\d{{1,2}})",
                        re.IGNORECASE),
}
_HINT_COLUMNS = {
    "enemies": r"enem|foes|적",
    "rooms": r"rooms?|방",
    "crates": r"crates?|boxes|blocks|상자|박스",
    "waves": r"waves?|웨이브",
}


@dataclass
class LevelEntry:
    name: str
    description: str
    line: int
    label: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


def level_entries(doc: Document) -> list[LevelEntry]:
    """The levels the GDD lists by name, in order, from headings, lists, lines and tables."""
    entries: list[LevelEntry] = []
    seen: set[str] = set()

    def add(entry: LevelEntry) -> None:
        key = entry.label or fold(entry.name)
        if key and key not in seen:
            seen.add(key)
            entries.append(entry)

    for section in doc.sections():
        if section.off_game or (section.level == 0 and not section.body):
            continue
        in_levels = Kind.LEVELS in section.effective_kinds
        if section.level > 0:
            entry = _labelled(section.title, section.line, section.text())
            if entry:
                add(entry)
            elif in_levels and Kind.LEVELS not in section.kinds and _name_like(section.title) \
                    and section.parent is not None and Kind.LEVELS in section.parent.effective_kinds \
                    and not _names_the_game(section.parent):
                add(LevelEntry(plain(section.title), section.text(), section.line))
        for table in section.tables:
            for entry in _table_entries(table, in_levels):
                add(entry)
        items = section.list_items
        top = min((item.depth for item in items), default=0)
        for item in items:
            entry = _labelled(item.text, item.line, item.text)
            if entry:
                add(entry)
            elif in_levels and item.depth == top and _item_is_level(item.text, item.ordered):
                add(LevelEntry(head_name(item.text), item.text, item.line))
        for line in section.body:
            text = plain(line.text)
            if text and not text.startswith(("|", "-", "*", "+")):
                entry = _labelled(text, line.number, text, require_separator=True)
                if entry:
                    add(entry)
    labelled = [entry for entry in entries if entry.label and entry.label.replace("-", "").isdigit()]
    if labelled and len(labelled) == len(entries):
        entries.sort(key=lambda entry: [int(part) for part in (entry.label or "0").split("-")])
    return entries


def _names_the_game(section: Section) -> bool:
    """A heading stating the title ("### Title - There are Slimes in this Dungeon"): its parts are no levels."""
    pair = pair_of(section.title, section.line)
    return pair is not None and pair.kind == Kind.TITLE


def _labelled(text: str, line: int, description: str,
              require_separator: bool = False) -> LevelEntry | None:
    text = plain(text)
    match = LEVEL_LABEL.match(text)
    if not match:
        return None
    number = next((match.group(g) for g in "abcde" if match.group(g)), None)
    if number is None and match.group("ord"):
        number = str(_ORDINALS[match.group("ord").lower()])
    rest = match.group("rest").strip()
    if require_separator and not re.match(r"^[^\s]*\s*[:.)\]\-–—]", text[match.start("rest") - 2:]):
        return None
    name = head_name(rest) if rest else ""
    if not name or len(name.split()) > 6 or _NOT_A_LEVEL.match(name):
        word = re.match(r"[^\d\s]+", text)
        name = f"{word.group(0).capitalize() if word else 'Level'} {number}".strip()
    return LevelEntry(name=name, description=description, line=line, label=number)


_NAMED_BY_WORDS = re.compile(r"[A-Za-z가-힣]{2}")
_A_QUANTITY = re.compile(rf"^(?:{NUMBER_WORD})(?:\s+\w+)?$", re.IGNORECASE)


def _name_like(text: str) -> bool:
    text = plain(text)
    return 0 < len(text.split()) <= 6 and not _NOT_A_LEVEL.match(text) and not text.endswith(".")


def _item_is_level(text: str, ordered: bool) -> bool:
    name = head_name(text)
    if not name or _NOT_A_LEVEL.match(name) or len(name.split()) > 5 or not _NAMED_BY_WORDS.search(name):
        return False
    if _A_QUANTITY.match(name):  # "15 ships", "One": how many of something, not a level's name
        return False
    if ordered:
        return True
    has_separator = head_name(text) != plain(text).strip(" .")
    return has_separator or len(plain(text).split()) <= 4


def _table_entries(table: Table, in_levels: bool) -> list[LevelEntry]:
    name_col = table.column(r"^(name|title|level name|stage name|이름|제목|레벨 ?이름|스테이지 ?이름|"
                            r"스테이지명|레벨명|테마|theme)$")
    label_col = table.column(rf"^(#|no\.?|{_LEVEL_WORDS}|{_KO_LEVEL_WORDS})s?$")
    if name_col is None and label_col is None:
        return []
    if not in_levels and label_col is None:
        return []
    entries = []
    for offset, row in enumerate(table.rows):
        label = row[label_col].strip() if label_col is not None and label_col < len(row) else None
        label_match = re.match(r"^\D*?(\d{1,2}(?:-\d{1,2})?)\b", label or "")
        name = head_name(row[name_col]) if name_col is not None and name_col < len(row) else ""
        if not name and label:
            entry = _labelled(label, table.line + offset + 2, " | ".join(row))
            name = entry.name if entry else label
        if not name or _NOT_A_LEVEL.match(name):
            continue
        fields = {fold(header): cell for header, cell in zip(table.header, row, strict=False)}
        entries.append(LevelEntry(name=name, description=" | ".join(row), line=table.line + offset + 2,
                                  label=label_match.group(1) if label_match else None, fields=fields))
    return entries


def stated_level_count(doc: Document) -> Found[int] | None:
    """The level count the GDD gives in words, or None if it gives none."""
    for pair, section in doc.pairs(Kind.LEVEL_COUNT):
        if section.effective_kinds & {Kind.ENEMIES, Kind.ITEMS, Kind.PLAYER, Kind.CHARACTERS,
                                      Kind.BOSS}:
            continue
        if _NO_COUNT.search(pair.value) and not re.search(r"\d", pair.value):
            continue
        value = pair.value.lower()
        match = first_number(value)
        if match and _NO_COUNT.search(value[: match.start()]):
            continue
        if match and to_int(match.group(0)):
            count = to_int(match.group(0)) or 0
            if is_hedged(value, match.start(), match.end()):
                return inferred(count, f"level count hedged in {quote(pair.key + ': ' + pair.value)!r}",
                                pair.line)
            return stated(count, f"{pair.key}: {pair.value}", pair.line)
    candidates: list[tuple[int, Found[int]]] = []
    for line, section in doc.game_lines():
        text = plain(line.text)
        found = _prose_count(text, line.number)
        if found is not None:
            rank = 0 if Kind.LEVELS in section.effective_kinds else 1
            candidates.append((rank, found))
    if candidates:
        return min(candidates, key=lambda item: (item[0], item[1].line or 0))[1]
    return None


def _prose_count(text: str, line: int) -> Found[int] | None:
    folded = text.lower()
    match = _WORLDS_OF.search(folded)
    if match:
        worlds, levels = to_int(match.group("w")), to_int(match.group("l"))
        if worlds and levels:
            return _count_found(worlds * levels, folded, match, line)
    for match in _PROSE_COUNT.finditer(folded):
        between = match.group("between").split()
        if any(word.strip(",") in _COUNT_STOP for word in between) or \
                last_word_before(folded, match.start()) in _COUNT_STOP:
            continue
        count = to_int(match.group("n"))
        if count and (count == 1 or match.group("unit").endswith("s")):  # "one level", never "3 level"
            return _count_found(count, folded, match, line)
    final = _FINAL_LEVEL.search(folded)
    if final and to_int(final.group("n")):
        return _count_found(to_int(final.group("n")) or 0, folded, final, line)
    for regex in _KO_COUNT:
        match = regex.search(text)
        if match and to_int(match.group("n")):
            return _count_found(to_int(match.group("n")) or 0, text, match, line)
    return None


def _count_found(count: int, text: str, match: re.Match[str], line: int) -> Found[int]:
    if is_hedged(text, match.start(), match.end()):
        return inferred(count, f"level count hedged in {quote(text)!r}", line)
    return stated(count, match.group(0), line)


def difficulty_of(entry: LevelEntry) -> int | None:
    text = fold(entry.description)
    for key, cell in entry.fields.items():
        if re.search(r"difficulty|난이도", key):
            text = fold(cell) + " difficulty " + cell + " " + text
    match = _DIFFICULTY_NUMBER.search(text) or _OUT_OF_TEN.search(text)
    if match:
        value = int(match.group(1))
        scale = int(match.group(2)) if match.lastindex and match.lastindex >= 2 and match.group(2) else 10
        if scale and scale != 10:
            value = round(value * 10 / scale)
        return max(1, min(10, value))
    stars = _STARS.search(entry.description)
    if stars:
        return max(1, min(10, len(stars.group(0)) * 2))
    for level, pattern in _DIFFICULTY_WORDS:
        if re.search(pattern, text):
            return level
    return None


def hints_of(entry: LevelEntry) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, regex in _HINT_PATTERNS.items():
        match = regex.search(entry.description)
        if match:
            value = to_int(match.group("n") or match.group("k") or "")
            if value is not None:
                found[name] = value
    for name, pattern in _HINT_COLUMNS.items():
        for key, cell in entry.fields.items():
            number = re.match(r"\s*(\d{1,3})\b", cell)
            if re.search(pattern, key) and number:
                found[name] = int(number.group(1))
    return found


def ramp(count: int) -> list[int]:
    """Difficulty 1-10 rising across `count` levels (a single level sits in the middle)."""
    if count == 1:
        return [3]
    top = min(10, count + 4)
    return [1 + round(index * (top - 1) / (count - 1)) for index in range(count)]


def level_count(doc: Document, entries: list[LevelEntry]) -> Found[int]:
    found = stated_level_count(doc)
    if found is not None:
        return found
    if entries:
        names = ", ".join(entry.name for entry in entries[:4])
        return stated(len(entries), f"{len(entries)} levels listed: {names}", entries[0].line)
    return default(3, "the GDD gives no level count; 3 levels of rising difficulty")

