"""The single numbers of a GDD: lives, music tempo, session length, seed.

Each is looked for as a `key: value` line first, then in prose; numbers in production talk
(team size, budget, "60 fps") never count, and neither do an enemy's hit points.
"""

from __future__ import annotations

import re

from maestro.gdd.document import Document, Pair, Section
from maestro.gdd.evidence import Found, inferred, quote, stated
from maestro.gdd.lexicon import Kind
from maestro.gdd.text import (
    KO_NUMBER_START,
    KO_NUMBER_WORD,
    NUMBER_START,
    NUMBER_WORD,
    first_number,
    fold,
    is_hedged,
    plain,
    to_int,
)

NO_LIVES = 0
UNLIMITED_LIVES = -1

# These patterns search whole lines of untrusted text. Spaces before a word are matched possessively
# (`\s*+`): giving them back could never help, and two optional runs of spaces side by side would
# otherwise be split every possible way (cubic time on a line of spaces). NUMBER_START refuses a
# position where no number can begin before the ~50 number words are tried there.

_NOT_THE_PLAYER = frozenset({Kind.ENEMIES, Kind.BOSS, Kind.ITEMS})
#: A line about something picked up ("an extra life", "1-up"): its lives are a gain, not a count.
_PICKUP = re.compile(r"\b(?:extra|gains?|1-?up|bonus|restores?|pick(?:s|ed)?|drops?|heals?)\b|회복|획득",
                     re.IGNORECASE)
_NONE = re.compile(r"^\s*(none|no|n/a|0|zero|없음|없다|없습니다|x)\b|no lives|\bnone\b", re.IGNORECASE)
_UNLIMITED = re.compile(r"infinite|unlimited|endless|∞|무한|무제한", re.IGNORECASE)
_LIVES_PROSE = re.compile(
    rf"(?<![\w-]){NUMBER_START}(?P<n>{NUMBER_WORD})(?:\s++|-)(?:extra\s+|starting\s+|total\s+)?(?:lives|life|hearts|"
    r"hit points|heart containers)\b",
    re.IGNORECASE,
)
_LIVES_AFTER = re.compile(
    rf"\b(?:lives|life count|hearts)\s*+(?:is|are|of|:|=|start(?:s)? at)\s*+(?P<n>{NUMBER_WORD})\b",
    re.IGNORECASE,
)
_ONE_HIT = re.compile(r"one[- ]hit (?:kill|death)|one hit and you(?:'re| are)? (?:dead|out)|"
                      r"permadeath|die in one hit|instant death|한 ?번 ?맞으면", re.IGNORECASE)
_NO_LIVES_PROSE = re.compile(r"\bno lives\b|\bno (?:lives|life) system\b|목숨(?:은|이)? 없", re.IGNORECASE)
_KO_LIVES = (
    # A number word must be counted ("세 개"): in "체력이 0" or "라이프 이미지" the 이 is a particle.
    re.compile(rf"(?<!의 )(?:목숨|생명|체력|라이프|하트|잔기)\s*+(?:은|는|이|가|:)?\s*+(?:총\s*+)?"
               rf"(?P<n>\d{{1,4}}(?![\d가-힣])|{KO_NUMBER_WORD}(?=\s*(?:개|칸|번|회)))"),
    re.compile(rf"{KO_NUMBER_START}(?P<n>{KO_NUMBER_WORD})\s*+(?:개의|칸의|개|칸)\s*+(?:목숨|생명|하트|체력)"),
)
_TEMPO = (
    re.compile(r"(?P<a>\d{2,3})\s*+(?:-|–|~|to)\s*+(?P<b>\d{2,3})\s*+-?\s*+bpm\b", re.IGNORECASE),
    re.compile(r"(?P<a>\d{2,3})\s*+-?\s*+bpm\b", re.IGNORECASE),
    re.compile(r"\bbpm\s*+(?:of|:|=|is|at|around|about|~|≈|약)?\s*+(?P<a>\d{2,3})\b", re.IGNORECASE),
    re.compile(r"\btempo\s*+(?:of|:|=|is|at|around|about|~|≈)?\s*+(?P<a>\d{2,3})\b", re.IGNORECASE),
    re.compile(r"템포\s*+(?:는|은|:)?\s*+(?:약\s*+)?(?P<a>\d{2,3})"),
)
# A number starts at the first digit of a run: from inside "1111…" it could only match later.
_MINUTES = re.compile(
    rf"(?!(?<=\d)\d){NUMBER_START}(?P<a>{NUMBER_WORD}|\d+)\s*+(?:(?:-|–|~|to)\s*+(?P<b>{NUMBER_WORD}|\d+)\s*+)?"
    r"(?P<unit>minutes?|mins?\b|hours?|hrs?\b|분|시간)",
    re.IGNORECASE,
)
_SESSION_CONTEXT = re.compile(r"session|run|play ?through|playtime|play time|take|last|long|"
                              r"complete|finish|플레이|한 ?판|세션", re.IGNORECASE)


#: A count that changes lives rather than stating them: "라이프가 1 감소", "lose 1 life".
_LIFE_CHANGE_AFTER = re.compile(r"^\s*(?:개|칸|번|회)?\s*(?:감소|줄|잃|차감|깎|소모|회복|증가|추가)")
_LIFE_CHANGE_BEFORE = {"gives", "give", "restores", "restore", "lost", "lose", "loses", "losing", "extra", "gain",
                       "gains", "+", "-", "costs", "cost", "minus", "plus"}


def find_lives(doc: Document) -> Found[int] | None:
    """Lives the player starts with; NO_LIVES / UNLIMITED_LIVES for "none" / "infinite".

    A ``lives:`` pair first, then prose ("starts with 3 lives", "목숨 3개"), and only then a
    health pair ("HP: 4"), which in real documents as often belongs to an enemy. A count that
    changes lives ("lose 1 life", "생명 1 감소") states none.
    """
    lives_pairs = [item for item in doc.pairs(Kind.LIVES) if item[0].kind == Kind.LIVES]
    found = _lives_from_pairs(lives_pairs)
    if found is not None:
        return found
    found = _lives_in_prose(doc)
    if found is not None:
        return found
    return _lives_from_pairs(doc.pairs(Kind.HEALTH))


def _lives_from_pairs(ranked: list[tuple[Pair, Section]]) -> Found[int] | None:
    for pair, section in ranked:
        if section.effective_kinds & _NOT_THE_PLAYER:
            continue
        value = plain(pair.value)
        number = first_number(value)
        if number and pair.kind == Kind.HEALTH and value[: number.start()].strip(" 총~약"):
            number = None
        count = to_int(number.group(0)) if number else None
        if pair.kind == Kind.HEALTH and (count is None or count > 9):
            continue
        if _UNLIMITED.search(value):
            return stated(UNLIMITED_LIVES, f"{pair.key}: {value}", pair.line)
        if number is None or count is None or count == 0:
            if _NONE.search(value):
                return stated(NO_LIVES, f"{pair.key}: {value}", pair.line)
            continue
        if _LIFE_CHANGE_AFTER.match(value[number.end():]):
            continue
        return _found(count, f"{pair.key}: {value}", value.lower(), number.start(), number.end(),
                      pair.line)
    return None


def _lives_in_prose(doc: Document) -> Found[int] | None:
    for line, section in doc.game_lines():
        text = plain(line.text)
        kinds = section.effective_kinds
        if kinds & {Kind.ENEMIES, Kind.BOSS} or (Kind.ITEMS in kinds and _PICKUP.search(text)):
            continue
        if _NO_LIVES_PROSE.search(text):
            return stated(NO_LIVES, quote(text), line.number)
        for regex in (_LIVES_PROSE, _LIVES_AFTER, *_KO_LIVES):
            haystack = text.lower()
            match = regex.search(haystack)
            if not match:
                continue
            before = fold(haystack[: match.start()]).split()[-2:]
            if _LIFE_CHANGE_BEFORE & set(before) or _LIFE_CHANGE_AFTER.match(haystack[match.end():]):
                continue
            count = to_int(match.group("n"))
            if count and count <= 99:
                return _found(count, match.group(0), haystack, match.start(), match.end(), line.number)
        if _ONE_HIT.search(text):
            return inferred(1, f"one-hit deaths in {quote(text)!r}", line.number)
    return None


def _found(count: int, detail: str, text: str, start: int, end: int, line: int) -> Found[int]:
    if is_hedged(text, start, end):
        return inferred(count, f"hedged: {quote(detail)!r}", line)
    return stated(count, detail, line)


def find_tempo(doc: Document) -> Found[int] | None:
    candidates: list[tuple[int, Found[int]]] = []
    for pair, _ in doc.pairs(Kind.TEMPO):
        match = re.search(r"\d{2,3}", pair.value)
        if match:
            return _tempo_found(pair.value, match, None, f"{pair.key}: {pair.value}", pair.line)
    for line, section in doc.game_lines():
        text = plain(line.text)
        for regex in _TEMPO:
            match = regex.search(text)
            if match:
                b = int(match.group("b")) if "b" in match.groupdict() and match.group("b") else None
                boss = bool(re.search(r"boss|battle|fight|chase|보스|전투", text, re.IGNORECASE))
                rank = (2 if boss else 0) + (0 if Kind.AUDIO in section.effective_kinds else 1)
                candidates.append((rank, _tempo_found(text, match, b, match.group(0), line.number)))
                break
    if candidates:
        return min(candidates, key=lambda item: (item[0], item[1].line or 0))[1]
    return None


def _tempo_found(text: str, match: re.Match[str], b: int | None, detail: str,
                 line: int | None) -> Found[int]:
    a = int(match.group("a") if "a" in match.groupdict() else match.group(0))
    if b is not None:
        return inferred(round((a + b) / 2), f"middle of the tempo range {detail!r}", line)
    if is_hedged(text, match.start(), match.end()):
        return inferred(a, f"hedged: {quote(detail)!r}", line)
    return stated(a, detail, line)


def find_session_minutes(doc: Document) -> Found[int] | None:
    for pair, _ in doc.pairs(Kind.SESSION):
        minutes = _minutes(pair.value)
        if minutes:
            return stated(minutes, f"{pair.key}: {pair.value}", pair.line)
    for line, _section in doc.game_lines():
        text = plain(line.text)
        if _SESSION_CONTEXT.search(text):
            minutes = _minutes(text)
            if minutes:
                return inferred(minutes, f"session length from {quote(text)!r}", line.number)
    return None


def _minutes(text: str) -> int | None:
    match = _MINUTES.search(fold(text))
    if not match:
        return None
    low = to_int(match.group("a"))
    high = to_int(match.group("b")) if match.group("b") else None
    if low is None:
        return None
    value = (low + high) / 2 if high else low
    if match.group("unit").startswith(("h", "시")):
        value *= 60
    return max(1, round(value))


def find_seed(doc: Document) -> Found[int] | None:
    for pair, _ in doc.pairs(Kind.SEED):
        match = re.search(r"\d{1,10}", pair.value)
        if match:
            return stated(int(match.group(0)), f"{pair.key}: {pair.value}", pair.line)
    return None
