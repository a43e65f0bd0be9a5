"""Hand-written scanners for the few GDD patterns a backtracking regex cannot match in linear time.

A GDD is untrusted input: one long line of ``:`` or ``[a](`` must not hold a worker for minutes.
Python's ``re`` retries a failed pattern at every later position, so a pattern that scans to the
end of the line before failing costs O(n²) on a line of n openers, and one with two ``\\s*`` side
by side costs O(n³) on a run of spaces. Most of the parser's patterns were fixed in place
(possessive quantifiers, a guard that starts a match only at the first of a run of characters,
bounded repetition). The ones here are not regular enough for that: each function below returns
exactly what the regex named in its docstring returned, in one left-to-right pass, and the unit
tests compare the two on every short string over the characters that matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A match of an unanchored pattern that starts with whitespace (or a run of one character)
# begins at the first character of that run: starting inside the run can only find the same
# match later. Putting this guard first stops `re` from rescanning the run from every position.
NOT_IN_SPACES = r"(?!(?<=\s)\s)"


def per_line(function: Callable[[str], str]) -> Callable[[str], str]:
    """Apply a line-local rewrite to every line of a text (the patterns it replaces never cross '\\n')."""

    def apply(text: str) -> str:
        if "\n" not in text:
            return function(text)
        return "\n".join(function(line) for line in text.split("\n"))

    return apply


# ---------------------------------------------------------------------------- inline Markdown


def _unwrap(line: str, opener: str, separator: str, closer: str, min_words: int) -> str:
    """Replace ``OPEN words ] SEP target CLOSE`` by the words, leftmost first, like ``re.sub``.

    The words run to the first ``]`` after the opener and the target to the first closer after the
    separator. When an opener fails, every opener before that same ``]`` fails for the same reason,
    so the scan resumes at the ``]``: nothing is read twice.
    """
    if opener not in line or "]" + separator not in line:
        return line
    last_closer = line.rfind(closer)
    parts: list[str] = []
    done = position = 0
    while True:
        start = line.find(opener, position)
        if start < 0:
            break
        words = start + len(opener)
        bracket = line.find("]", words)
        if bracket < 0:
            break
        if (bracket - words >= min_words and line.startswith(separator, bracket + 1)
                and last_closer >= bracket + 2):
            end = line.find(closer, bracket + 2) + 1
            parts += [line[done:start], line[words:bracket]]
            done = position = end
        else:
            position = bracket
    return "".join(parts) + line[done:] if parts else line


@per_line
def unwrap_images(line: str) -> str:
    r"""``![alt](url)`` -> ``alt``: ``re.sub(r"!\[([^\]\n]*)\]\([^)\n]*\)", r"\1", text)``."""
    return _unwrap(line, "![", "(", ")", 0)


@per_line
def unwrap_links(line: str) -> str:
    r"""``[words](url)`` -> ``words``: ``re.sub(r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1", text)``."""
    return _unwrap(line, "[", "(", ")", 1)


@per_line
def unwrap_reference_links(line: str) -> str:
    r"""``[words][ref]`` -> ``words``: ``re.sub(r"\[([^\]\n]+)\]\[[^\]\n]*\]", r"\1", text)``."""
    return _unwrap(line, "[", "[", "]", 1)


@per_line
def unbold(line: str) -> str:
    r"""``**words**`` / ``__words__`` -> ``words``: ``re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)``.

    The closing mark is the first one after the opening mark (and one character) that follows a
    non-space. When an opening mark finds none, no later mark of the same kind can, so that kind is
    dropped for the rest of the line instead of being searched for again from every mark.
    """
    if "**" not in line and "__" not in line:
        return line
    upcoming = {mark: line.find(mark) for mark in ("**", "__")}
    parts: list[str] = []
    done = position = 0
    while True:
        for mark in list(upcoming):
            if 0 <= upcoming[mark] < position:
                upcoming[mark] = line.find(mark, position)
            if upcoming[mark] < 0:
                del upcoming[mark]
        if not upcoming:
            break
        start, mark = min((index, mark) for mark, index in upcoming.items())
        position = start + 1
        if start + 2 >= len(line) or line[start + 2].isspace():
            continue
        end = _closing_mark(line, mark, start + 3)
        if end < 0:
            del upcoming[mark]
            continue
        parts += [line[done:start], line[start + 2:end]]
        done = position = end + 2
    return "".join(parts) + line[done:] if parts else line


def _closing_mark(line: str, mark: str, start: int) -> int:
    """Index of the first ``mark`` at or after ``start`` that follows a non-space, or -1."""
    end = line.find(mark, start)
    while end >= 0 and line[end - 1].isspace():
        end = line.find(mark, end + 1)
    return end


def strip_comments(text: str) -> str:
    r"""HTML comments -> as many newlines as they spanned: ``re.sub(r"<!--.*?-->", ..., flags=DOTALL)``.

    A comment that is never closed ends the search: no later ``<!--`` can be closed either.
    """
    if "<!--" not in text:
        return text
    parts: list[str] = []
    done = 0
    while True:
        start = text.find("<!--", done)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        parts += [text[done:start], "\n" * text.count("\n", start, end + 3)]
        done = end + 3
    return "".join(parts) + text[done:] if parts else text


# ---------------------------------------------------------------------------- headings


def atx_heading(line: str) -> tuple[str, str] | None:
    r"""(marks, title) of a Markdown ``# Title #`` line: ``^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$``.

    The title is what is left once the closing ``#``s and the spaces around them are cut from the
    end, which ``str.rstrip`` does in one pass where the lazy regex tried every length.
    """
    body = line.lstrip()
    indent = len(line) - len(body)
    marks = len(body) - len(body.lstrip("#"))
    if indent > 3 or not 1 <= marks <= 6 or len(body) == marks or not body[marks].isspace():
        return None
    return body[:marks], body[marks:].lstrip().rstrip().rstrip("#").rstrip()


_RULE_MIN = {"=": 2, "-": 3, "*": 3, "#": 2}


def banner_heading(line: str) -> str | None:
    r"""Title of a ``== Title ==`` line, as group 1 of
    ``^\s*(?:={2,}|-{3,}|\*{3,}|#{2,})\s*(.+?)\s*(?:={2,}|-{3,}|\*{3,}|#{2,})\s*$``.

    The regex tries every length of the opening rule and of the spaces after it, and for each a
    title of every length: O(n³) on a long rule. The closing rule can only be the run of one
    character that ends the line, with the spaces before it, so the shortest title for a given start
    is known at once; only the opening rule's lengths are tried, longest first, as the regex does.
    """
    text = line.strip()
    if not text or text[0] not in _RULE_MIN or text[-1] not in _RULE_MIN:
        return None
    first, last = text[0], text[-1]
    opening = len(text) - len(text.lstrip(first))
    closing_start = len(text.rstrip(last))
    if opening < _RULE_MIN[first] or len(text) - closing_start < _RULE_MIN[last]:
        return None
    tail_start = len(text[:closing_start].rstrip())
    latest_end = len(text) - _RULE_MIN[last]
    for rule in range(opening, _RULE_MIN[first] - 1, -1):
        spaces = len(text) - rule - len(text[rule:].lstrip()) if rule == opening else 0
        for start in range(rule + spaces, rule - 1, -1):
            end = max(tail_start, start + 1)
            if end <= latest_end:
                return text[start:end]
    return None


def bracket_heading(line: str) -> str | None:
    r"""Title of a ``[Section]`` / ``【적】`` / ``<<Levels>>`` line, as group 1 of
    ``^\s*(?:\[|【|〔|<<)\s*([^\]】〕>]{1,50}?)\s*(?:\]|】|〕|>>)\s*$``.
    """
    text = line.strip()
    opener = 2 if text.startswith("<<") else 1 if text[:1] in ("[", "【", "〔") else 0
    closer = 2 if text.endswith(">>") else 1 if text[-1:] in ("]", "】", "〕") else 0
    if not opener or not closer or len(text) <= opener + closer:
        return None
    inside = text[opener:len(text) - closer]
    if any(mark in inside for mark in "]】〕>"):
        return None
    title = inside.strip()
    if not title:
        return inside[-1]
    return title if len(title) <= 50 else None


def colon_heading(line: str) -> str | None:
    r"""Title of an ``Enemies:`` line alone, as group 1 of ``^\s*([^\s:：|#*\-].{0,48}?)\s*[:：]\s*$``."""
    text = line.strip()
    if len(text) < 2 or text[-1] not in ":：" or text[0] in ":：|#*-":
        return None
    title = text[:-1].rstrip()
    return title if len(title) <= 49 else None


_SYMBOLS = frozenset("■□▶▷◆◇▣◈★☆")


def symbol_heading(line: str) -> str | None:
    r"""Title of a ``■ 적`` line, as group 1 of ``^\s*[■□▶▷◆◇▣◈★☆]\s*(.{1,50}?)\s*$``."""
    body = line.lstrip()
    if body[:1] not in _SYMBOLS:
        return None
    title = body[1:].strip()
    if not title:
        return body[-1] if len(body) > 1 else None
    return title if len(title) <= 50 else None


_SECTION_NUMBER = re.compile(r"(?:\d{1,2}\.){1,3}\d{0,2}|[IVX]{1,4}\.|\d{1,2}\)")


def numbered_heading(line: str) -> tuple[str, str] | None:
    r"""(number, title) of a ``2.1 Enemies`` line, as the groups of
    ``^\s*((?:\d{1,2}\.){1,3}\d{0,2}|[IVX]{1,4}\.|\d{1,2}\))\s+(.{2,50}?)\s*$``.

    The number is the line's whole first word. The title is the rest without the spaces around
    it, unless that is shorter than two characters: then the regex lends the title spaces from
    the front, one at a time, which is counted here instead of retried.
    """
    body = line.lstrip()
    if body[:1] not in _NUMBER_STARTS:
        return None
    number = body.split(maxsplit=1)[0]
    if len(number) > 11 or not _SECTION_NUMBER.fullmatch(number):
        return None
    after = body[len(number):]
    words = after.lstrip()
    spaces = len(after) - len(words)
    words_end = len(words.rstrip())
    for lent in range(spaces):
        length = max(2, words_end + lent if words_end else 0)
        if length > 50:
            return None
        if length <= lent + len(words):
            start = len(number) + spaces - lent
            return number, body[start:start + length]
    return None


_NUMBER_STARTS = frozenset("0123456789IVX")


def last_word_before(text: str, index: int) -> str:
    """The whitespace-separated word that ends before ``text[index]``: ``text[:index].split()[-1]``.

    Read backwards from ``index``, so that asking for it once per match stays linear.
    """
    end = index
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def first_found(pattern: re.Pattern[str], text: str, group: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in which ``group`` took part.

    For patterns whose last alternative only skips a stretch where no match can start: ``re``
    would otherwise retry every position of that stretch, each time reading to its end.
    """
    for match in pattern.finditer(text):
        if match.group(group) is not None:
            return match
    return None


def drop_parenthesised(text: str) -> str:
    r"""``Enemies (list)`` -> ``Enemies``: ``re.sub(r"\s*[(（][^)）]*[)）]\s*", " ", text)``.

    A parenthesis that is never closed ends the search: no later one can be closed either.
    """
    if "(" not in text and "（" not in text:
        return text
    openings, closings = _Next(text, "(（"), _Next(text, ")）")
    parts: list[str] = []
    done = 0
    while True:
        opening = openings.at(done)
        closing = closings.at(opening + 1) if opening >= 0 else -1
        if closing < 0:
            break
        start = opening
        while start > done and text[start - 1].isspace():
            start -= 1
        end = closing + 1
        while end < len(text) and text[end].isspace():
            end += 1
        parts += [text[done:start], " "]
        done = end
    return "".join(parts) + text[done:] if parts else text


class _Next:
    """Where the next of some characters is, remembered so that repeated searches stay linear."""

    def __init__(self, text: str, characters: str) -> None:
        self.text = text
        self.found = {char: text.find(char) for char in characters}

    def at(self, start: int) -> int:
        """Index of the first of the characters at or after ``start``, or -1."""
        for char, index in self.found.items():
            if 0 <= index < start:
                self.found[char] = self.text.find(char, start)
        return min((index for index in self.found.values() if index >= 0), default=-1)
