"""GDD text -> a tree of sections with their lists, tables and `key: value` lines.

Designers structure a GDD with whatever their editor offers: Markdown headings (ATX or
underlined), `== Section ==` or ALL-CAPS lines in plain text, `[섹션]` brackets, bold lines,
"Enemies:" alone on a line. This module recognises all of those as headings, so the field
extractors can ask "what does the Enemies section list?" instead of scanning raw lines.
Nothing here knows about games; `lexicon.py` classifies the sections afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from maestro.gdd.lexicon import HEADING_REGEXES, KEY_REGEXES, OFF_GAME, Kind
from maestro.gdd.scan import (
    NOT_IN_SPACES,
    atx_heading,
    banner_heading,
    bracket_heading,
    colon_heading,
    drop_parenthesised,
    numbered_heading,
    strip_comments,
    symbol_heading,
)
from maestro.gdd.text import fold, plain

# Every pattern here is matched against one line of untrusted text, so none may backtrack
# more than linearly: quantifiers that can never usefully give characters back are possessive
# (`*+`, `++`), and the heading forms no regex can match in linear time are in `scan`.
_SETEXT = re.compile(r"^\s{0,3}(=++|-++)\s*+$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BOLD_LINE = re.compile(r"^\s*+(?:\*\*|__)([^*_:：\n]{1,60}?)[:：]?(?:\*\*|__)\s*+[:：]?\s*$")
_LIST = re.compile(
    r"^(\s*)(?:([-*+•·▪◦‣○●→※])|(\d{1,3})[.)]|([①-⑳])|([a-z])[.)])\s+(.*\S)\s*$"
)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]+(?:\|[^|\n]*){2,}$")
_TABLE_RULE = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")
_PAIR = re.compile(r"^(?P<key>[^:：|]{1,48}?)\s*+[:：]\s*+(?P<value>\S.*)$")
_LEADER_PAIR = re.compile(r"^(?P<key>[^.:|]{1,40}?)\s*+(?:\.{3,}|…+)\s*+(?P<value>\S.*)$")
_DASH_PAIR = re.compile(r"^(?P<key>[^-–—|]{1,40}?)\s++[-–—=]\s++(?P<value>\S.*)$")
_SPACED_COLUMNS = re.compile(r"\S\s{2,}\S.*\S\s{2,}\S")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*+(?:(?:\d{1,2}\.)+\d{0,2}|[IVX]{1,4}\.|\d{1,2}\)|chapter \d+)\s*")
_COLUMN_GAP = re.compile(r"\s{2,}")
_KEY_SLASH = re.compile(NOT_IN_SPACES + r"\s*+/\s*")
_KEY_NUMBER = re.compile(r"^\d+[.)]?\s*")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Pair:
    """A `key: value` statement (or a two-column table row)."""

    key: str
    value: str
    line: int
    kind: Kind | None


@dataclass(frozen=True)
class ListItem:
    text: str
    depth: int
    ordered: bool
    line: int


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    line: int

    def column(self, *patterns: str) -> int | None:
        """Index of the first header cell matching one of the regex patterns."""
        for pattern in patterns:
            for index, cell in enumerate(self.header):
                if re.search(pattern, fold(cell)):
                    return index
        return None


@dataclass
class Section:
    title: str
    level: int
    line: int
    parent: Section | None = None
    body: list[Line] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    kinds: frozenset[Kind] = frozenset()

    # The tree is complete before anyone asks, and every extractor asks for every section: cached.
    @cached_property
    def effective_kinds(self) -> frozenset[Kind]:
        """The section's own kinds, or its nearest ancestor's when it names none itself."""
        section: Section | None = self
        while section is not None:
            if section.kinds:
                return section.kinds
            section = section.parent
        return frozenset()

    @cached_property
    def off_game(self) -> bool:
        """True inside production talk (schedule, team, tech, TODO, cut features ...)."""
        section: Section | None = self
        while section is not None:
            if section.kinds & OFF_GAME:
                return True
            section = section.parent
        return False

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def lines(self, deep: bool = True) -> Iterator[Line]:
        yield from self.body
        if deep:
            for child in self.children:
                yield Line(child.line, child.title)
                yield from child.lines()

    def text(self, deep: bool = True) -> str:
        return "\n".join(line.text for line in self.lines(deep))

    @cached_property
    def list_items(self) -> list[ListItem]:
        return list_items(self.body)

    @cached_property
    def tables(self) -> list[Table]:
        return tables(self.body)

    @cached_property
    def pairs(self) -> list[Pair]:
        return pairs(self.body)


@dataclass
class Document:
    text: str
    root: Section
    lines: list[Line]

    def sections(self) -> list[Section]:
        """Every section, depth first (walked once: the extractors ask about twenty times)."""
        return self._sections

    @cached_property
    def _sections(self) -> list[Section]:
        return list(self.root.walk())

    def sections_of(self, *kinds: Kind, own: bool = True) -> list[Section]:
        """Sections of any of these kinds (their own kinds, or inherited when own=False)."""
        wanted = set(kinds)
        return [
            section for section in self.sections()
            if section.level > 0 and not section.off_game
            and wanted & (section.kinds if own else section.effective_kinds)
        ]

    def pairs(self, *kinds: Kind) -> list[tuple[Pair, Section]]:
        """Every `key: value` line of these kinds, in document order, outside production talk."""
        found = [
            (pair, section) for section in self.sections() if not section.off_game
            for pair in section.pairs if pair.kind in kinds
        ]
        return sorted(found, key=lambda item: item[0].line)

    def game_lines(self) -> Iterator[tuple[Line, Section]]:
        """Every body line and heading that talks about the game itself."""
        for section in self.sections():
            if section.off_game:
                continue
            if section.level > 0:
                yield Line(section.line, section.title), section
            for line in section.body:
                yield line, section


def parse_document(text: str) -> Document:
    """Split GDD text into its section tree."""
    text = strip_comments(text)
    raw = text.split("\n")
    lines = [Line(number, _unquote(value.rstrip())) for number, value in enumerate(raw, start=1)]
    root = Section(title="", level=0, line=0)
    current = root
    in_fence = False
    skip_next = False
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if _FENCE.match(line.text):
            in_fence = not in_fence
            current.body.append(line)
            continue
        heading = None if in_fence else _heading(lines, index)
        if heading is None:
            current.body.append(line)
            continue
        level, title, consumes_next = heading
        skip_next = consumes_next
        parent = current
        while parent.level >= level and parent.parent is not None:
            parent = parent.parent
        if parent.level >= level:
            parent = root
        section = Section(title=title, level=level, line=line.number, parent=parent,
                          kinds=classify_heading(title))
        parent.children.append(section)
        current = section
    return Document(text=text, root=root, lines=lines)


_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)++")
_HTML_HEADING = re.compile(r"^\s*+<h([1-6])\b[^>\n]*+>([^<\n]*+)</h\1>\s*+$", re.IGNORECASE)


def _unquote(text: str) -> str:
    """A line as its reader sees it: an HTML ``<h2>`` heading as ``##``, a quoted outline unquoted.

    Designers quote whole outlines (``> > - 쿠키런``) and paste HTML headings from elsewhere; the
    quote marks and tags are layout, not words a name may hold. A quoted remark (``> 민지: …``,
    team talk) stays quoted.
    """
    quoted = _BLOCKQUOTE.match(text)
    if quoted and re.match(r"[-*+#]|\d{1,3}[.)]\s", text[quoted.end():]):  # a quoted outline, not a remark
        text = text[quoted.end():]
    heading = _HTML_HEADING.match(text) if "<" in text else None
    if heading:
        return "#" * int(heading.group(1)) + " " + heading.group(2).strip()
    return text


def pair_of(text: str, number: int) -> Pair | None:
    """The ``key: value`` (or ``key - value``) a line or a heading states, or None."""
    return _pair(plain(text), number)


def classify_heading(title: str) -> frozenset[Kind]:
    folded = fold(_strip_numbering(title))
    kinds = {kind for kind, regex in HEADING_REGEXES if regex.search(folded)}
    if kinds & {Kind.CUT, Kind.TODO}:
        return frozenset(kinds & {Kind.CUT, Kind.TODO})
    return frozenset(kinds)


def _strip_numbering(title: str) -> str:
    return _NUMBERING.sub("", title)


def _heading(lines: list[Line], index: int) -> tuple[int, str, bool] | None:
    """(level, title, whether the next line is the heading's underline) or None."""
    text = lines[index].text
    if not text.strip():
        return None
    atx = atx_heading(text)
    if atx and not _SPACED_COLUMNS.search(atx[1]):
        title = plain(atx[1])
        return (len(atx[0]), title, False) if title else None
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    underline = _SETEXT.match(following)
    if (underline and len(text.strip()) <= 80 and not _LIST.match(text) and not _TABLE_ROW.match(text)
            and (underline.group(1)[0] == "=" or len(following.strip()) >= 3)):
        return (1 if underline.group(1)[0] == "=" else 2), plain(text), True
    for find in (banner_heading, bracket_heading, symbol_heading):
        found = find(text)
        if found is not None and plain(found):
            return 2, plain(found), False
    previous = lines[index - 1].text if index > 0 else ""
    if previous.strip() and not _SETEXT.match(previous):  # a heading's underline ends a block too
        return None
    return _heading_after_blank(text)


def _heading_after_blank(text: str) -> tuple[int, str, bool] | None:
    """The heading forms that only count after a blank line (bold, CAPS, numbered, `Name:`)."""
    match = _BOLD_LINE.match(text)
    if match:
        return 3, plain(match.group(1)), False
    stripped = text.strip()
    if _is_caps_heading(stripped):
        return 2, stripped.rstrip(":："), False
    numbered = numbered_heading(text)
    if numbered and classify_heading(numbered[1]) and not numbered[1].endswith("."):
        depth = numbered[0].rstrip(".)").count(".")
        return 2 + min(depth, 2), plain(numbered[1]), False
    title = colon_heading(text)
    if (title is not None and len(title.split()) <= 5
            and not _LIST.match(text) and not _URL.search(text)):
        return 3, plain(title), False
    return None


def _is_caps_heading(text: str) -> bool:
    if len(text) > 60:
        return False
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 3 or text.endswith((".", ",")):
        return False
    if any(not char.isascii() for char in letters):
        return False
    return all(char.isupper() for char in letters) and not _LIST.match(text)


def list_items(body: list[Line]) -> list[ListItem]:
    items = []
    for line in body:
        match = _LIST.match(line.text)
        if match:
            indent = len(match.group(1).replace("\t", "    "))
            ordered = bool(match.group(3) or match.group(4) or match.group(5))
            items.append(ListItem(text=plain(match.group(6)), depth=indent // 2, ordered=ordered,
                                  line=line.number))
    return items


def tables(body: list[Line]) -> list[Table]:
    return pipe_tables(body) + spaced_tables(body)


def spaced_tables(body: list[Line]) -> list[Table]:
    """Plain-text tables whose columns are lined up with runs of spaces."""
    found: list[Table] = []
    block: list[list[str]] = []
    start = 0
    for line in [*body, Line(-1, "")]:
        cells = [plain(cell) for cell in _COLUMN_GAP.split(line.text.strip())] if line.text.strip() else []
        if len(cells) >= 2 and "|" not in line.text and not _LIST.match(line.text):
            if not block:
                start = line.number
            block.append(cells)
            continue
        header = block[0] if block else []
        if (len(block) >= 3 and all(len(cell.split()) <= 3 for cell in header)
                and all(abs(len(row) - len(header)) <= 1 for row in block)):
            width = len(header)
            rows = [row[:width] + [""] * (width - len(row)) for row in block[1:]]
            found.append(Table(header=header, rows=rows, line=start))
        block = []
    return found


def pipe_tables(body: list[Line]) -> list[Table]:
    found: list[Table] = []
    block: list[Line] = []
    for line in [*body, Line(-1, "")]:
        if _TABLE_ROW.match(line.text) and "|" in line.text:
            block.append(line)
            continue
        table = _table(block) if len(block) >= 2 else None
        if table is not None:
            found.append(table)
        block = []
    return found


def _table(block: list[Line]) -> Table | None:
    """The table a block of pipe rows makes, or None when it is only rule lines (`|---|---|`)."""
    rows = [line for line in block if not _TABLE_RULE.match(line.text)]
    if not rows:
        return None
    cells = [_cells(line.text) for line in rows]
    has_rule = any(_TABLE_RULE.match(line.text) for line in block)
    header = cells[0] if has_rule or len(cells) > 1 else []
    width = max(len(row) for row in cells)
    body = [row + [""] * (width - len(row)) for row in (cells[1:] if header else cells)]
    body = [row for row in body if any(cell.strip(" -") for cell in row)]
    return Table(header=header, rows=body, line=block[0].number)


def _cells(text: str) -> list[str]:
    text = text.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [plain(cell) for cell in text.split("|")]


def pairs(body: list[Line]) -> list[Pair]:
    found: list[Pair] = []
    for line in body:
        text = line.text
        if _TABLE_ROW.match(text) and "|" in text:
            continue
        match = _LIST.match(text)
        content = plain(match.group(6) if match else text)
        pair = _pair(content, line.number)
        if pair:
            found.append(pair)
    for table in tables(body):
        if len(table.header) == 2 and not table_is_keyed(table):
            header_pair = _make_pair(table.header[0], table.header[1], table.line)
            if header_pair:
                found.append(header_pair)
        if len(table.header) in (0, 2) or table_is_keyed(table):
            for offset, row in enumerate(table.rows):
                if len(row) >= 2:
                    pair = _make_pair(row[0], " ".join(cell for cell in row[1:] if cell),
                                      table.line + offset + 2)
                    if pair:
                        found.append(pair)
    return found


def table_is_keyed(table: Table) -> bool:
    """A `| Field | Value |` table: its rows are `key: value` statements."""
    if len(table.header) < 2:
        return False
    first, second = fold(table.header[0]), fold(table.header[1])
    return bool(re.fullmatch(r"(field|key|attribute|property|item|category|aspect|parameter|"
                             r"setting|spec|항목|구분|속성|분류|요소|내용)s?", first)
                and re.fullmatch(r"(value|values|description|details?|detail|notes?|info|"
                                 r"spec|content|내용|값|설명|세부 ?내용|비고)", second))


def _pair(content: str, number: int) -> Pair | None:
    if _URL.match(content):
        return None
    match = _LEADER_PAIR.match(content)
    if match:
        return _make_pair(match.group("key"), match.group("value"), number)
    match = _PAIR.match(content)
    if match and not re.search(r"\d$", match.group("key")):
        pair = _make_pair(match.group("key"), match.group("value"), number)
        if pair:
            return pair
    match = _DASH_PAIR.match(content)
    if match:
        pair = _make_pair(match.group("key"), match.group("value"), number)
        if pair and pair.kind is not None:
            return pair
    return None


def _make_pair(key: str, value: str, number: int) -> Pair | None:
    key = plain(key).strip(" *_-•")
    value = plain(value).strip()
    if not key or not value or len(key.split()) > 6:
        return None
    return Pair(key=key, value=value, line=number, kind=classify_key(key))


def classify_key(key: str) -> Kind | None:
    key = drop_parenthesised(key)
    for part in _KEY_SLASH.split(key):
        folded = _KEY_NUMBER.sub("", fold(part).strip(" -"))
        for kind, regex in KEY_REGEXES:
            if regex.fullmatch(folded):
                return kind
    return None
