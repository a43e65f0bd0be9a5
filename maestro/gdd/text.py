"""Small text helpers the GDD parser shares: inline Markdown removal, numbers in words, names.

GDDs write the same fact many ways ("8", "eight", "여덟", "**Eight**"), so everything that reads
a value goes through these helpers instead of its own regex.
"""

from __future__ import annotations

import re
from functools import lru_cache

from maestro.gdd.scan import NOT_IN_SPACES, unbold, unwrap_images, unwrap_links, unwrap_reference_links

_STRIKE = re.compile(r"~~.*?~~")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]*)`")
_CHECKBOX = re.compile(r"^\[[ xX]\]\s*")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Inline Markdown -> the words a reader sees. Struck-out text is dropped: it was cut.

    Links, images and bold are unwrapped by `maestro.gdd.scan` in one pass each: as regexes they
    took quadratic time on a line of unclosed ``[a](`` or ``**a``.
    """
    text = _STRIKE.sub("", text)
    text = unwrap_images(text)
    text = unwrap_links(text)
    text = unwrap_reference_links(text)
    text = _CODE.sub(r"\1", text)
    for _ in range(2):
        text = unbold(text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CHECKBOX.sub("", text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-cased, punctuation-light form for matching words (keeps Hangul and digits)."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w\s'#+&/-]", " ", text)
    return _SPACES.sub(" ", text).strip()


EN_NUMBERS: dict[str, int] = {
    "zero": 0, "no": 0, "a single": 1, "single": 1, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100,
    "a couple of": 2, "a couple": 2, "a pair of": 2, "a trio of": 3, "a handful of": 5,
}
# Native Korean counting words (with their shortened forms before a counter) and the
# Sino-Korean ones; the latter are only trusted right before a counter (일 is also "work").
KO_NUMBERS: dict[str, int] = {
    "하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "석": 3, "넷": 4, "네": 4, "넉": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "열한": 11, "열둘": 12,
    "열두": 12, "열셋": 13, "열세": 13, "열넷": 14, "열네": 14, "열다섯": 15, "스물": 20, "스무": 20,
}
KO_SINO: dict[str, int] = {
    "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9, "십": 10,
    "십일": 11, "십이": 12, "십삼": 13, "십사": 14, "십오": 15, "이십": 20,
}

_EN_WORDS = sorted(EN_NUMBERS, key=len, reverse=True)
_KO_WORDS = sorted(list(KO_NUMBERS) + list(KO_SINO), key=len, reverse=True)
_TENS = ("twenty", "thirty", "forty", "fifty")
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_EN_COMPOUND = re.compile(rf"({'|'.join(_TENS)})[- ]({_UNITS[3:-1]})")


def _by_first_letter(alternatives: list[tuple[str, str]]) -> str:
    """`w1|w2|…` as `a(?:…)|t(?:…)|…`: the same matches in the same order of preference.

    Alternatives with different first letters never match at the same place, and those sharing
    one keep their order. `re` tries every alternative at every character, so a flat list of ~50
    number words cost half a microsecond per character of every line searched for a number.
    """
    groups: dict[str, list[str]] = {}
    for first, rest in alternatives:
        groups.setdefault(first, []).append(rest)
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _first_letters(words: list[str]) -> str:
    """A lookahead for a character that can start one of the words (or a digit): a cheap refusal."""
    return "(?=[\\d" + "".join(sorted({re.escape(word[0]) for word in words})) + "])"


# "8", "eight", "twenty-one", "a dozen"; the tens come before the plain words, as "twenty-one"
# must be preferred to "twenty".
NUMBER_WORD = (
    r"(?:\d{1,4}|"
    + _by_first_letter([(tens[0], re.escape(tens[1:]) + "[- ]" + _UNITS) for tens in _TENS]
                       + [(word[0], re.escape(word[1:])) for word in _EN_WORDS])
    + ")"
)
KO_NUMBER_WORD = r"(?:\d{1,4}|" + _by_first_letter([(word[0], re.escape(word[1:])) for word in _KO_WORDS]) + ")"
# Put before a pattern that starts with a number (no lookbehind to refuse most places at once).
NUMBER_START = _first_letters(_EN_WORDS)
KO_NUMBER_START = _first_letters(_KO_WORDS)


_FIRST_NUMBER = re.compile(
    rf"(?<![\w.-])(\d{{1,4}})(?!\d|\.\d)|(?<![\w-]){NUMBER_START}({NUMBER_WORD[4:-1]})(?![a-z-])|"
    rf"(?<![\w-]){KO_NUMBER_START}({KO_NUMBER_WORD[4:-1]})(?=\s*(?:개|칸|층|번|명|마리|스테이지|레벨))"
)


def first_number(text: str) -> re.Match[str] | None:
    """The first number in the text, in digits, English words or Korean (before a counter)."""
    return _FIRST_NUMBER.search(text.lower())


def to_int(token: str) -> int | None:
    """'8', 'eight', 'twenty-one', '여덟', '세', '삼' -> an int; anything else -> None."""
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    match = _EN_COMPOUND.fullmatch(token)
    if match:
        tens = EN_NUMBERS[match.group(1)]
        return tens + EN_NUMBERS[match.group(2)]
    if token in EN_NUMBERS:
        return EN_NUMBERS[token]
    return KO_NUMBERS.get(token, KO_SINO.get(token))


HEDGES = re.compile(
    r"\b(?:maybe|perhaps|probably|possibly|tbd|tbc|approx\w*|around|about|roughly|not sure|"
    r"undecided|or so|ish)\b|\?|미정|아마|정도|쯤|약\s*\d|예정",
    re.IGNORECASE,
)


_CLAUSE_END = re.compile(r"[,;!?()]|\.(?:\s|$)|\s[-–—]\s")


def is_hedged(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when the clause around text[start:end] hedges ("maybe 5?", "TBD", "약 5개").

    Only the clause holding the value counts: "124 BPM, about 90 seconds long" states its
    tempo plainly. A question mark closing the clause hedges it too.
    """
    end = len(text) if end is None else end
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    following = _CLAUSE_END.search(text, end)
    right = following.end() if following else len(text)
    return bool(HEDGES.search(text[left:right]))


# Each alternative starts at the first of a run of spaces (or dashes), never inside it: the same
# split, without re-reading a long run from each of its characters.
_NAME_SPLIT = re.compile(
    r"(?<!\s)\s+[-–—:|]\s+|" + NOT_IN_SPACES + r"\s*+[:：(（\[,;]\s*|(?<!\s)\s+[-–—]+\s*|"
    + NOT_IN_SPACES + r"(?!(?<=[-–—])[-–—])\s*+[-–—]+\s+|" + NOT_IN_SPACES + r"\s*+/\s+"
)


def head_name(text: str) -> str:
    """The name at the head of an entry: 'Goblin – patrols platforms' -> 'Goblin'."""
    text = plain(text).strip()
    head = _NAME_SPLIT.split(text, maxsplit=1)[0].strip()
    return head.strip(" .*_\"'`“”‘’")


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


_HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]")


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


_IRREGULAR_PLURALS = {
    "mice": "mouse", "geese": "goose", "wolves": "wolf", "thieves": "thief", "elves": "elf",
    "dwarves": "dwarf", "knives": "knife", "lives": "life", "leaves": "leaf", "men": "man",
    "women": "woman", "children": "child", "teeth": "tooth", "feet": "foot", "fungi": "fungus",
    "cacti": "cactus", "octopi": "octopus", "zombies": "zombie", "sheep": "sheep", "fish": "fish",
}


def singular(word: str) -> str:
    """English plural -> singular for entity names ('Slimes' -> 'Slime', 'Bats' -> 'Bat')."""
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return _match_case(_IRREGULAR_PLURALS[lower], word)
    for suffix, replacement in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                                ("xes", "x"), ("oes", "o")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
            return word[: -len(suffix)] + _match_case(replacement, word[-len(suffix):])
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is", "os", "as")) and len(lower) > 3:
        return word[:-1]
    return word


def singular_name(name: str) -> str:
    """Singular form of a multi-word name: only the last word is pluralised in English."""
    words = name.split(" ")
    if not words or has_hangul(name):
        return name
    words[-1] = singular(words[-1])
    return " ".join(words)


def _match_case(replacement: str, original: str) -> str:
    if original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def capitalise(name: str) -> str:
    """'giant crab' -> 'Giant Crab'; names the designer capitalised stay exactly as written."""
    if name != name.lower():
        return name
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))


_LIST_SPLIT = re.compile(NOT_IN_SPACES + r"\s*+(?:,|;|/|、|·|\band\b|\bor\b|\bplus\b|&|\+|및|그리고|와\s|과\s)\s*")


def split_list(text: str) -> list[str]:
    """'slimes, bats and a giant crab' -> ['slimes', 'bats', 'a giant crab'] (en + ko)."""
    parts = _LIST_SPLIT.split(text)
    return [part.strip(" .") for part in parts if part and part.strip(" .")]


_ARTICLE = re.compile(r"^(?:a|an|the|some|several|many|lots of|various)\s+", re.IGNORECASE)


def strip_article(text: str) -> str:
    return _ARTICLE.sub("", text).strip()
