"""The GDD parser takes time linear in its input and never crashes, whatever the input.

A GDD is untrusted: one long line of `:` once held `maestro validate` for 98 s (30k `-`: 135 s,
8k `[a](`: 27 s, 8k `**a `: 56 s), and doubling the line quadrupled the time. Linearity is
asserted on CPU time (not wall time) and as a ratio: four times the input must cost well under
sixteen times the time (quadratic), whatever the machine. The contract for a whole file is an
absolute bound: any accepted GDD up to the 1 MiB limit parses in under 2 s of CPU.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maestro import MAX_GDD_BYTES, GameSpec, InputError, NoGameError, parse_gdd
from maestro.gdd import scan
from maestro.gdd.document import Line, pipe_tables, tables
from maestro.gdd.parser import READ_CHARS, READ_LINES

CONTRACT_SECONDS = 2.0
GAME = "Genre: platformer\n"


def cpu_seconds(text: str) -> float:
    """CPU time of one parse; a refusal (InputError) is an answer too, anything else fails the test."""
    start = time.process_time()
    with contextlib.suppress(InputError):
        parse_gdd(text)
    return time.process_time() - start


def growth(line: Callable[[int, int], str], small: int = 30_000, repeat: int = 2) -> float:
    """How much longer a line four times as long takes (best of `repeat`, each text new to the caches).

    Linear is about 4, quadratic 16. Both sizes stay under READ_CHARS, so all of each is read.
    """
    assert 4 * small < READ_CHARS
    times = {size: min(cpu_seconds(line(size, attempt)) for attempt in range(repeat)) for size in (small, 4 * small)}
    return times[4 * small] / max(times[small], 1e-3)


def repeated(prefix: str, fragment: str) -> Callable[[int, int], str]:
    """A text of `prefix` then `fragment` repeated to `size` characters, unique for each attempt."""
    return lambda size, attempt: f"{GAME}{prefix}{attempt} " + fragment * (size // len(fragment))


# ---------------------------------------------------------------------------- the reported inputs

REPORTED = [
    pytest.param("Title: ", ":", id="title-colons"),
    pytest.param("Title: ", "-", id="title-dashes"),
    pytest.param("", "[a](", id="unclosed-links"),
    pytest.param("", "**a ", id="unclosed-bold"),
    pytest.param("Title: ", "(가제", id="unclosed-hedged-parens"),
    pytest.param("Title: Game ", " 2024-01", id="trailing-dates"),
]


@pytest.mark.parametrize(("prefix", "fragment"), REPORTED)
def test_reported_lines_take_linear_time(prefix: str, fragment: str) -> None:
    assert growth(repeated(prefix, fragment)) < 8


@pytest.mark.parametrize("fragment", [":", "-", "[a](", "**a "])
def test_reported_lines_as_sent_are_answered_at_once(fragment: str) -> None:
    """`Title: ` and 30k of one character and nothing else: no game in it, refused straight away."""
    text = "Title: " + fragment * (30_000 // len(fragment))
    with pytest.raises(NoGameError):
        parse_gdd(text)
    assert cpu_seconds(text) < CONTRACT_SECONDS


@pytest.mark.parametrize(("prefix", "fragment"), REPORTED)
def test_a_1_mib_line_parses_within_the_contract(prefix: str, fragment: str) -> None:
    text = GAME + prefix + fragment * ((MAX_GDD_BYTES - len(GAME) - len(prefix)) // len(fragment.encode()))
    assert len(text.encode()) <= MAX_GDD_BYTES
    assert cpu_seconds(text) < CONTRACT_SECONDS


# ---------------------------------------------------------------------------- any adversarial line

FRAGMENTS = [
    ":", "-", "[a](", "**a ", "(", "|", "#", "`", "_", "*", "~", "Title: ", "가나다 ", "적은 ", "보스는", "1", "42 ",
    " ", "\t", "\u2003", "a", "A", "the Aa ", ", ", ".", "![", "](", "<!--", "(가제", "v1", "kill", "level ",
    "3 lives ", "=", "…", "...", "—", "【", "】", "<<", ">>", "■ ", "__a ", "~~", "```", "\n", "# a\n", "| a ",
]
CONTEXTS = ["", "Title: ", "# ", "- ", "| ", "## Enemies\n\n", "## Levels\n\n### Level 1\n\n", "## 적\n\n",
            "## Controls\n\n", "Enemies: "]


@settings(max_examples=6, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(unit=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map("".join),
       context=st.sampled_from(CONTEXTS), one_line=st.booleans())
def test_any_adversarial_line_parses_in_bounded_cpu_time(unit: str, context: str, one_line: bool) -> None:
    """~200 KB of a short fragment repeated, as one line or as 80-character lines, in a section."""
    line = unit * max(1, 80 // len(unit))
    body = unit * (200_000 // len(unit)) if one_line else "\n".join([line] * (200_000 // (len(line) + 1)))
    assert cpu_seconds(GAME + context + body) < CONTRACT_SECONDS


# ---------------------------------------------------------------------------- what is read

def test_a_gdd_past_the_reading_limits_is_read_up_to_them_with_a_warning() -> None:
    long_line = parse_gdd(GAME + "Title: Frog Leap\n" + "a" * (2 * READ_CHARS))
    many_lines = parse_gdd(GAME + "Title: Frog Leap\n" + "- a\n" * (2 * READ_LINES))
    short = parse_gdd(GAME + "Title: Frog Leap\n" + "- a\n" * 100)
    assert long_line.title == many_lines.title == "Frog Leap"
    assert any(warning.startswith("GDD is long") for warning in long_line.warnings)
    assert any(warning.startswith("GDD is long") for warning in many_lines.warnings)
    assert not any(warning.startswith("GDD is long") for warning in short.warnings)


def test_the_seed_still_depends_on_the_whole_file() -> None:
    head = GAME + "Title: Frog Leap\n" + "a" * READ_CHARS
    assert parse_gdd(head + "\nb").seed != parse_gdd(head + "\nc").seed


# ---------------------------------------------------------------------------- crash classes

def test_a_table_of_only_rule_lines_is_no_table() -> None:
    """`|---|---|` twice used to raise IndexError."""
    rules = [Line(1, "|---|---|"), Line(2, "|---|---|")]
    assert pipe_tables(rules) == []
    assert tables(rules) == []
    assert parse_gdd(GAME + "## Enemies\n\n|---|---|\n|---|---|\n").genre == "platformer"


@pytest.mark.parametrize("text", [
    "|---|---|\n|---|---|", "| |\n| |", "||\n||", "|a|\n|b|c|d|\n|e|", "| a | b |\n|---|\n| x |",
    "| Name | HP |\n|---|---|\n| | |\n|  |", "#", "# ", "# #", "######", "####### a", "==", "--\n--", "**", "****",
    "[]", "[ ]", "【】", "■", "1.", "1. ", "- ", "-", ":", "：", ": :", "Boss:", "### Boss:", "## 보스\n### 보스:",
    "Enemies: ,,,", "Enemies: (boss)", "Player: The", "Title: (가제)", "Title: v1", "Title: \"\"",
    "Levels: 0", "Levels: 99999", "Lives: -1", "Tempo: 999", "Seed: 99999999999999", "Session: 99999 hours",
    "## Levels\n| Level | Name |\n|---|---|\n| | |\n| 1 |", "## Levels\n|#|\n|---|\n|1|",
    "## Characters\n| | Role |\n|---|---|\n| x | enemy |", "## Levels\n### Level 1\ndifficulty 5/0",
    "## Levels\n1. a ★★★★★★★★", "```\n# a", "<!-- a", "\u2028\u2029\x85\x0b\x0c",
], ids=itertools.count())
def test_odd_structures_are_parsed_not_crashed_on(text: str) -> None:
    for source in (text, GAME + text, GAME + text + "\n" + text):
        try:
            spec = parse_gdd(source)
        except InputError:
            continue
        GameSpec.model_validate_json(spec.model_dump_json())


# ---------------------------------------------------------------------------- the scanners

def _sub(pattern: str, replacement: str | Callable[[re.Match[str]], str], flags: int = 0) -> Callable[[str], str]:
    compiled = re.compile(pattern, flags)
    return lambda text: compiled.sub(replacement, text)


def _group(pattern: str, *groups: int) -> Callable[[str], object]:
    compiled = re.compile(pattern)

    def first(text: str) -> object:
        match = compiled.match(text)
        if match is None:
            return None
        return match.group(*groups)

    return first


# (scanner, the regex it replaces, the characters that matter to it, whether it reads one line)
SCANNERS = [
    pytest.param(scan.unwrap_images, _sub(r"!\[([^\]\n]*)\]\([^)\n]*\)", r"\1"), "![]()a\n", False, id="images"),
    pytest.param(scan.unwrap_links, _sub(r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1"), "[]()a \n", False, id="links"),
    pytest.param(scan.unwrap_reference_links, _sub(r"\[([^\]\n]+)\]\[[^\]\n]*\]", r"\1"), "[]a \n", False,
                 id="reference-links"),
    pytest.param(scan.unbold, _sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2"), "*_ a\n", False, id="bold"),
    pytest.param(scan.strip_comments, _sub(r"<!--.*?-->", lambda match: "\n" * match.group(0).count("\n"),
                                           re.DOTALL), "<!->\na", False, id="comments"),
    pytest.param(scan.drop_parenthesised, _sub(r"\s*[(（][^)）]*[)）]\s*", " "), "()（ a", False, id="parentheses"),
    pytest.param(scan.atx_heading, _group(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", 1, 2), "# a\t", True, id="atx"),
    pytest.param(scan.banner_heading, _group(r"^\s*(?:={2,}|-{3,}|\*{3,}|#{2,})\s*(.+?)\s*"
                                             r"(?:={2,}|-{3,}|\*{3,}|#{2,})\s*$", 1), "=-*# a", True, id="banner"),
    pytest.param(scan.bracket_heading, _group(r"^\s*(?:\[|【|〔|<<)\s*([^\]】〕>]{1,50}?)\s*(?:\]|】|〕|>>)\s*$", 1),
                 "[]<> a", True, id="bracket"),
    pytest.param(scan.symbol_heading, _group(r"^\s*[■□▶▷◆◇▣◈★☆]\s*(.{1,50}?)\s*$", 1), "■ a\t", True, id="symbol"),
    pytest.param(scan.colon_heading, _group(r"^\s*([^\s:：|#*\-].{0,48}?)\s*[:：]\s*$", 1), ": a-#", True,
                 id="colon"),
    pytest.param(scan.numbered_heading, _group(r"^\s*((?:\d{1,2}\.){1,3}\d{0,2}|[IVX]{1,4}\.|\d{1,2}\))\s+"
                                               r"(.{2,50}?)\s*$", 1, 2), "1. aI", True, id="numbered"),
]


@pytest.mark.parametrize(("scanner", "regex", "alphabet", "one_line"), SCANNERS)
def test_each_scanner_answers_exactly_as_the_regex_it_replaces(scanner: Callable[[str], object],
                                                               regex: Callable[[str], object],
                                                               alphabet: str, one_line: bool) -> None:
    """On every string up to the length where there are ~20,000 of them, then on long random ones."""
    longest = max(length for length in range(12) if len(alphabet) ** length <= 20_000)
    strings = ("".join(chars) for length in range(longest + 1) for chars in itertools.product(alphabet, repeat=length))
    for text in strings:
        if not (one_line and "\n" in text):
            assert scanner(text) == regex(text), repr(text)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(pieces=st.lists(st.sampled_from(["![a](b)", "[x](y)", "[a][b]", "**a**", "__b__", "** a", "<!--", "-->", "## ",
                                        " ##", "==", "---", "(a)", "（", "）", " ", "\t", "\u2003", "a", ":", "[", "]",
                                        "(", ")", "*", "_", "■", "1.", "【", ">>"]), max_size=30).map("".join))
def test_the_scanners_agree_with_their_regexes_on_longer_text(pieces: str) -> None:
    for case in SCANNERS:
        scanner, regex, _, one_line = case.values
        assert scanner(pieces) == regex(pieces), (case.id, pieces)
        if one_line:
            continue
        text = pieces + "\n" + pieces
        assert scanner(text) == regex(text), (case.id, text)
