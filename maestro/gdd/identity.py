"""What game is this? Title, one-line summary, language and genre."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from maestro.gdd.document import Document, classify_heading, pair_of
from maestro.gdd.evidence import Found, default, inferred, quote, stated
from maestro.gdd.lexicon import AUTO_FORWARD, GENERIC_TITLE_WORDS, GENERIC_TITLES, GENRE_REGEXES, TITLE_NOISE, Kind
from maestro.gdd.scan import NOT_IN_SPACES
from maestro.gdd.text import fold, has_hangul, plain
from maestro.spec import Genre

DEFAULT_TITLE = "Untitled Game"

_NOISE = TITLE_NOISE.pattern
_EDGE_CHARS = r"\s|:：—–\-,.·/"
_EDGE = rf"[{_EDGE_CHARS}]*"
# Patterns that end at `$` or at a closing bracket may start anywhere, so `re` would retry them
# from every character of a long run of `:` or `-`, reading to the end of the run each time. A
# match found inside such a run also starts at the run's first character, so each pattern starts
# there only (`(?<![...])`, `NOT_IN_SPACES`), and one that needs a closing bracket is only run
# up to the last one (see `_sub_before_last`).
_SUFFIX = re.compile(rf"(?<![{_EDGE_CHARS}]){_EDGE}(?:\(\s*)?(?:{_NOISE})(?:\s*\))?{_EDGE}$", re.IGNORECASE)
_PREFIX = re.compile(rf"^(?:{_NOISE})(?:\s+(?:for|of|:))?{_EDGE}", re.IGNORECASE)
_PAREN_NOISE = re.compile(rf"{NOT_IN_SPACES}\s*+[(\[（]\s*+(?:{_NOISE})[^)\]）]*[)\]）]", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(NOT_IN_SPACES + r"\s*+[(\[（]\s*+[)\]）]")
_TRAILING_DATE = re.compile(r"(?<![\s,—–\-(])[\s,—–\-(]*\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?\)?\s*$")
_WRAPPING_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("「", "」"), ("『", "』"), ("«", "»"),
                    ("《", "》"), ("〈", "〉"))
_PROSE_TITLE = re.compile(
    r"^[\"“*_「『]*(?P<title>[^\"”*_\n「」『』]{2,50}?)[\"”*_」』]*\s+(?:is|will be)\s+an?\s+", re.MULTILINE
)
_BOLD_TITLE = re.compile(r"\*\*(?P<title>[^*\n]{2,40})\*\*\s+(?:is|will be)\s+(?:what|the name|our|the "
                         r"(?:working )?title|the game)")
# The first keyword is enough (`(?>...)`), and a parenthesis without one is skipped whole (`skip`):
# every parenthesis inside it ends at the same `)`, so none of them can hold a keyword either.
_HEDGED_PAREN = re.compile(NOT_IN_SPACES + r"\s*+[(（](?>[^)）]*?(?:바뀔|변경|가제|미정|tentative|working|tbd|"
                           r"subject to change|placeholder|temp))[^)）]*+[)）]|(?P<skip>[(（][^)）]*+)",
                           re.IGNORECASE)
_IN_TITLE = re.compile(r"^In (?P<title>[A-Z][\w'’&:-]*+(?: [A-Z0-9][\w'’&:-]*+){0,5}), (?:the |our )?"
                       r"(?:player|players|users?|you)\b", re.MULTILINE)
_AUTO_FORWARD = re.compile(AUTO_FORWARD)
_DOC_FOR = re.compile(r"^(?:this is\s+)?(?:the\s+|a\s+|our\s+)?(?:game\s+)?(?:design\s+doc(?:ument)?|gdd|concept\s+"
                      r"doc(?:ument)?|pitch(?:\s+doc(?:ument)?)?)\s+(?:for|of)\s+(?:the\s+|our\s+)?(?:game\s+|project\s+)?"
                      r"(?P<title>[^.!?\n]{2,60}?)[.!]?$", re.IGNORECASE)
_EDGE_SYMBOLS = re.compile(r"^[\s\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D★☆♪♫•]++|"
                           r"(?<=\S)[\s\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D★☆♪♫•]++$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_CALLED = re.compile(r"\b(?:game|project|prototype)\s+(?:called|titled|named)\s+[\"“']?"
                     r"(?P<title>[A-Z][^\"”'.,\n]{1,40}?)[\"”']?(?=[.,;\n]|\s+(?:is|in|where|about))")


def clean_title(raw: str) -> str:
    """Strip what decorates a title in a heading ("— Game Design Document v0.3", "(가제)")."""
    title = plain(raw)
    title = _EDGE_SYMBOLS.sub("", title) or title  # "🎮 MystiaJungle": decoration; "🚀🚀" alone is the name
    doc_for = _DOC_FOR.match(title)  # "This is the Design Doc for the Game Jumpman."
    if doc_for:
        title = doc_for.group("title")
    title = _sub_before_last(_PAREN_NOISE, title, ")]）", "")
    title = _sub_before_last(_HEDGED_PAREN, title, ")）", lambda match: match.group("skip") or "")
    for _ in range(4):
        before = title
        title = _TRAILING_DATE.sub("", title)
        title = _SUFFIX.sub("", title)
        title = _PREFIX.sub("", title)
        title = _EMPTY_BRACKETS.sub("", title).strip(" \t|:：—–-,·")
        if title == before:
            break
    for opening, closing in _WRAPPING_QUOTES:
        inner = title[1:-1]
        if (len(title) > 2 and title[0] == opening and title[-1] == closing
                and opening not in inner and closing not in inner):
            title = inner.strip()
    return title


def _sub_before_last(pattern: re.Pattern[str], text: str, closers: str,
                     replacement: str | Callable[[re.Match[str]], str]) -> str:
    """`pattern.sub` for a pattern whose matches end at one of `closers`, run only up to the last one.

    After the last closing bracket no match can end, and `re` would otherwise read to the end of
    the text from every opening bracket there.
    """
    last = max(text.rfind(closer) for closer in closers)
    if last < 0:
        return text
    return pattern.sub(replacement, text[:last + 1]) + text[last + 1:]


def find_title(doc: Document) -> Found[str]:
    for pair, section in doc.pairs(Kind.TITLE):
        if section.effective_kinds & {Kind.PLAYER, Kind.CHARACTERS, Kind.ENEMIES, Kind.BOSS,
                                      Kind.ITEMS, Kind.LEVELS}:
            continue
        if fold(pair.key) in {"name", "game", "project", "작품", "프로젝트"} and section.level > 2:
            continue
        title = clean_title(pair.value)
        if usable_title(title):
            return stated(title, f"{pair.key}: {pair.value}", pair.line)
    keyed = _keyed_heading(doc)
    if keyed is not None:
        return keyed
    first = _first_line(doc)
    heading = _title_heading(doc)
    if first is not None and (heading is None or (heading.line or 0) > (first.line or 0)):
        return first
    if heading is not None:
        return heading
    match = _BOLD_TITLE.search(doc.text[:2000])
    if match and usable_title(clean_title(match.group("title"))):
        return inferred(clean_title(match.group("title")),
                        f"title not stated; taken from {quote(match.group(0))!r}")
    for regex in (_PROSE_TITLE, _CALLED, _IN_TITLE):
        match = regex.search(doc.text[:6000])
        if match and usable_title(clean_title(match.group("title"))) and _named(match.group("title")) \
                and len(match.group("title").split()) <= 6:
            title = clean_title(match.group("title"))
            return inferred(title, f"title not stated; taken from {quote(match.group(0))!r}")
    return default(DEFAULT_TITLE, "the GDD names no title")


#: Parts of a file name that say what the file is, not what the game is called.
_FILE_WORDS = frozenset({"gdd", "design", "doc", "docs", "document", "final", "draft", "readme", "notes", "md",
                         "txt", "proposal", "기획서", "기획"})


_GENRE_PREFIXES = frozenset({"platformer", "shooter", "shmup", "puzzle", "runner", "topdown", "top", "rpg", "game"})


def title_from_name(name: str) -> str | None:
    """A title made from a file name or a submitted name: "moss-knight_gdd.md" -> "Moss Knight"."""
    stem = re.sub(r"\.(?:md|markdown|txt|text)$", "", name.strip().rsplit("/", 1)[-1], flags=re.IGNORECASE)
    words = [word for word in re.split(r"[\s_.\-]+", stem)
             if word and word.lower() not in _FILE_WORDS and not re.fullmatch(r"v?\d+(?:\.\d+)*", word.lower())]
    if len(words) > 1 and words[0].lower() in _GENRE_PREFIXES:  # "shooter_strikers1945_ko": a collection's sorting
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in ("ko", "kr", "en", "eng", "kor"):
        words = words[:-1]
    title = " ".join(word if not word.isascii() or not word.islower() else word.capitalize() for word in words)
    title = clean_title(title)[:80]
    return title if usable_title(title) and title.lower() != "untitled" else None


def usable_title(title: str) -> bool:
    """True for a title that names a game: not empty, not too long, not a generic heading."""
    return bool(title) and len(title) <= 80 and not GENERIC_TITLES.match(title) and not generic(title)


def _named(text: str) -> bool:
    """Prose that names something ("SHMUP is a…"), not a sentence about a thing ("A tile is a…")."""
    words = text.split()
    first = words[0].lower() if words else ""
    return bool(words) and first not in {"a", "an", "the", "this", "it", "each", "every", "there", "our"} and (
        any(char.isupper() for char in text) or has_hangul(text))


def generic(title: str) -> bool:
    """True for a heading that names no game: made only of words like "final project", "game design"."""
    words = fold(_CAMEL.sub(" ", title)).split()
    # a word with no letter is a number, a date or a version ("2024-2", "v1.0" has one): never a name
    return bool(words) and all(word in GENERIC_TITLE_WORDS or not any(char.isalpha() for char in word)
                               for word in words)


def _keyed_heading(doc: Document) -> Found[str] | None:
    """A heading near the top that states the title as a pair: ``### **게임 이름** : X``, ``### Title - X``."""
    for section in doc.sections():
        if section.level == 0 or section.line > 60:
            continue
        pair = pair_of(section.title, section.line)
        if pair is None or pair.kind != Kind.TITLE or fold(pair.key) in {"game", "project", "프로젝트", "작품"}:
            continue
        title = clean_title(pair.value)
        if usable_title(title):
            return stated(title, f"heading {section.title!r}", section.line)
    return None


def _title_heading(doc: Document) -> Found[str] | None:
    headings = [section for section in doc.sections() if section.level > 0]
    if not headings:
        return None
    top = min(section.level for section in headings)
    candidates = [s for s in headings if s.level == top][:2] + headings[:2]
    opens_document = not any(line.text.strip() for line in doc.root.body)
    for section in candidates:
        if section.line > 25:
            continue
        title = section.title
        if ":" in title:
            key, _, value = title.partition(":")
            if re.fullmatch(r"(game |working )?title|제목|게임 ?명|gdd|game design document",
                            fold(key)):
                title = value
        if re.match(r"\s*\d+(?:\.\d+)*[.)]\s", title):  # "2. Functionality and MVPs": a numbered section
            continue
        cleaned = clean_title(title)
        first = opens_document and section is headings[0]
        if usable_title(cleaned) and (first or not classify_heading(cleaned) or cleaned != plain(title)):
            return stated(cleaned, f"heading {section.title!r}", section.line)
    return None


def _first_line(doc: Document) -> Found[str] | None:
    for line in doc.root.body[:5]:
        text = plain(line.text)
        if not text:
            continue
        text = text.lstrip("-*+• ").strip()
        if _DOC_FOR.match(text) and usable_title(clean_title(text)):  # "This is the Design Doc for the Game Jumpman."
            return stated(clean_title(text), f"first line {text!r}", line.number)
        if ":" in text or len(text) > 60 or len(text.split()) > 8 or text.endswith("."):
            return None
        title = clean_title(text)
        if generic(title):  # "게임의 소개" (about the game) opens a list whose next item is the name
            continue
        if usable_title(title) and not text.startswith(("<", "!", "http")):
            return stated(title, f"first line {text!r}", line.number)
        return None
    return None


def find_summary(doc: Document) -> Found[str]:
    for pair, _ in doc.pairs(Kind.SUMMARY):
        return stated(_sentence(pair.value), f"{pair.key}: {pair.value}", pair.line)
    sections = [*doc.sections_of(Kind.SUMMARY), doc.root]
    for section in sections:
        for line in section.body:
            text = plain(line.text)
            if len(text) >= 30 and not text.startswith(("|", "-", "*", ">")) and ":" not in text[:25]:
                return inferred(_sentence(text), "first paragraph of the overview", line.number)
    return default("", "the GDD has no overview paragraph")


def _sentence(text: str) -> str:
    text = plain(text)
    match = re.match(r"(.{20,200}?[.!?。])(\s|$)", text)
    summary = match.group(1) if match else text
    return summary if len(summary) <= 200 else summary[:199].rstrip() + "…"


def find_language(text: str) -> str:
    """'ko', 'en' or 'mixed', by the share of words written in Hangul."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if not words:
        return "en"
    korean = sum(1 for word in words if has_hangul(word))
    share = korean / len(words)
    if share >= 0.7:
        return "ko"
    if share <= 0.12:
        return "en"
    return "mixed"


# Words that name a genre outright (as opposed to hinting at one).
_DIRECT = {
    Genre.PLATFORMER: re.compile(r"platform(er|ing)|platform game|플랫포머|플랫폼 ?(게임|액션)"),
    Genre.TOPDOWN: re.compile(r"top[- ]?down|topdown|dungeon crawl|탑 ?다운|탑뷰|던전"),
    Genre.SHOOTER: re.compile(r"shoot|shmup|bullet[- ]hell|슈팅|탄막"),
    Genre.PUZZLE: re.compile(r"puzzle|sokoban|퍼즐|소코반"),
    Genre.RUNNER: re.compile(r"runner|auto[- ]?run|러너|런 ?게임"),
}
_SECTION_WEIGHT = {Kind.GENRE: 3.0, Kind.SUMMARY: 2.0, Kind.MECHANICS: 1.0}


def score_genres(text: str) -> tuple[dict[Genre, float], dict[Genre, list[str]]]:
    folded = fold(text)
    scores: dict[Genre, float] = defaultdict(float)
    reasons: dict[Genre, list[str]] = defaultdict(list)
    for genre, signals in GENRE_REGEXES.items():
        for regex, weight in signals:
            for match in regex.finditer(folded):
                scores[genre] += weight
                if match.group(0) not in reasons[genre]:
                    reasons[genre].append(match.group(0))
    return dict(scores), dict(reasons)


def find_genre(doc: Document, title: str) -> Found[Genre]:
    for pair, _ in doc.pairs(Kind.GENRE):
        scores, reasons = score_genres(pair.value)
        if scores:
            genre = max(scores, key=lambda g: scores[g])
            auto = _AUTO_FORWARD.search(fold(doc.text[:200_000])) if genre == Genre.PLATFORMER else None
            if auto:  # "Genre: Platformer" for a game whose player moves forward by itself
                return inferred(Genre.RUNNER, f"{pair.key}: {pair.value}, but the player {auto.group(0)!r}: "
                                              "a runner", pair.line)
            if _DIRECT[genre].search(fold(pair.value)):
                return stated(genre, f"{pair.key}: {pair.value}", pair.line)
            return inferred(genre, f"genre {pair.value!r} read as {genre.value!r} "
                                   f"(from {', '.join(map(repr, reasons[genre][:3]))})", pair.line)
    totals: dict[Genre, float] = defaultdict(float)
    evidence: dict[Genre, list[str]] = defaultdict(list)
    for text, weight in _weighted_texts(doc, title):
        scores, reasons = score_genres(text)
        for genre, score in scores.items():
            totals[genre] += score * weight
            evidence[genre].extend(r for r in reasons[genre] if r not in evidence[genre])
    if totals:
        genre = max(totals, key=lambda g: totals[g])
        if totals[genre] >= 2:
            words = ", ".join(repr(word) for word in evidence[genre][:3])
            return inferred(genre, f"genre not stated; inferred {genre.value!r} from {words}")
    return default(Genre.PLATFORMER, "genre not stated and nothing in the GDD implies one")


def _weighted_texts(doc: Document, title: str) -> list[tuple[str, float]]:
    texts: list[tuple[str, float]] = [(title, 2.0)]
    for section in doc.sections():
        weight = 0.5 if section.off_game else 1.0
        for kind, bonus in _SECTION_WEIGHT.items():
            if kind in section.effective_kinds:
                weight = max(weight, bonus)
        if section.level > 0:
            texts.append((section.title, weight))
        texts.append(("\n".join(line.text for line in section.body), weight))
    return texts

