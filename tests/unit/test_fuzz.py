"""Whatever arrives, the parser returns a spec or raises its own error — nothing else."""

from __future__ import annotations

import codecs
import multiprocessing
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maestro import MAX_GDD_BYTES, GameSpec, GDDError, InputError, parse_gdd

_FRAGMENTS = st.sampled_from([
    "# ", "## ", "### ", "- ", "* ", "1. ", "| ", " | ", "|---|---|", "**", "~~", ": ", "：", "\n", "\n\n",
    "Genre", "platformer", "shooter", "Sokoban", "endless runner", "Zelda", "Levels", "Level 1", "Stage 2",
    "lives", "three", "BPM", "120", "minor", "Enemies", "boss", "Player", "You play as", "named",
    "장르", "플랫포머", "스테이지", "총 5층", "목숨", "체력 3", "주인공", "적", "보스", "템포", "단조",
    "TODO", "maybe", "?", "—", "(", ")", "Goblin", "Bat", "<script>", "====", "WORLD", "...", "x",
])
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_own_error(data: str | bytes) -> None:
    try:
        spec = parse_gdd(data)
    except GDDError as error:
        assert str(error)
        return
    assert isinstance(spec, GameSpec)
    GameSpec.model_validate_json(spec.model_dump_json())


@_SETTINGS
@given(st.text())
def test_any_text(text: str) -> None:
    _parse_or_own_error(text)


@_SETTINGS
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    _parse_or_own_error(data)


@_SETTINGS
@given(st.lists(_FRAGMENTS, max_size=60).map("".join))
def test_any_gdd_shaped_text(text: str) -> None:
    _parse_or_own_error(text)


# ---------------------------------------------------------------------------- mutated real GDDs
#
# The GDDs in examples/, tests/data/wild/ and the shared corpus (../shared/gdd-corpus, when it is
# there), mutated the ways a broken editor, a bad upload or an attacker would: bytes flipped,
# lines duplicated to huge sizes, documents spliced, runs of Markdown punctuation inserted. Each
# mutant is made from (seed, index) alone, so a run is the same on every machine and however it
# is split across processes. Run by hand with counts: `pytest -m slow -s tests/unit/test_fuzz.py`
# or `python benchmarks/parser_worst.py --fuzz`.

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FOLDERS = (ROOT / "examples" / "gdd", ROOT / "tests" / "data" / "wild", ROOT.parent / "shared" / "gdd-corpus")
FUZZ_SEED = 20240611
#: Mutants per run: 600 in the test command (about 10 s on 2 cores, both of them, beside the other
#: tests); set MAESTRO_FUZZ_COUNT for a longer hunt.
FUZZ_COUNT = int(os.environ.get("MAESTRO_FUZZ_COUNT", "600"))
ADVERSARIAL = (
    ":", "-", "[a](", "**a ", "(", "|", "#", "`", "_", "*", "~", "Title: ", "가나다 ", "적은 ", "보스는", "1", " ",
    "\t", "\u2003", "a", "the Aa ", ", ", "![", "](", "<!--", "(가제", "v1", "kill", "Level 1: ", "3 lives ", "=",
    "…", "...", "—", "【", "】", "<<", ">>", "■ ", "| a ", "|---", "__a ", "~~", "```", "\n", "\n\n", "# a\n",
)


@dataclass
class FuzzCounts:
    """What a fuzz run found: how many mutants were tried, refused (InputError), crashed, and the slowest."""

    tried: int = 0
    refused: int = 0
    crashed: int = 0
    slowest: float = 0.0
    crashes: list[str] = field(default_factory=list)

    def add(self, other: FuzzCounts) -> None:
        self.tried += other.tried
        self.refused += other.refused
        self.crashed += other.crashed
        self.slowest = max(self.slowest, other.slowest)
        self.crashes += other.crashes

    def summary(self) -> str:
        return (f"tried {self.tried:,}, refused {self.refused:,}, crashed {self.crashed:,}, "
                f"slowest {self.slowest:.2f} s CPU")


@lru_cache(maxsize=1)
def corpus() -> tuple[bytes, ...]:
    """The GDD files the mutants start from (sorted, so that a seed always means the same mutants)."""
    files = sorted(path for folder in CORPUS_FOLDERS if folder.is_dir()
                   for path in folder.iterdir() if path.suffix in (".md", ".txt"))
    return tuple(path.read_bytes() for path in files)


def mutant(docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """One mutated GDD: a corpus file with one to three random mutations applied."""
    data = rng.choice(docs)
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_MUTATIONS)(data, docs, rng)
    return data[: MAX_GDD_BYTES + 64]


def _flip_bytes(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """Random bytes anywhere: mostly not UTF-8 any more, so mostly refused."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _flip_characters(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """Characters replaced by Markdown punctuation, Hangul or odd spaces (still valid text)."""
    text = data.decode("utf-8", errors="replace")
    for _ in range(rng.randint(1, 24)):
        if text:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(ADVERSARIAL) + text[at + 1:]
    return text.encode("utf-8")


def _duplicate_line(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """One line repeated: a few times, or (one time in a hundred) up to the 1 MiB limit and past it."""
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    line = lines[at] + b"\n"
    target = rng.choice((MAX_GDD_BYTES // 4, MAX_GDD_BYTES - len(data), MAX_GDD_BYTES + 1)) \
        if rng.random() < 1 / 100 else rng.randint(1, 40) * len(line)
    lines[at] = line * max(1, target // max(1, len(line))) + lines[at]
    return b"\n".join(lines)


def _splice(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """A piece of another GDD inserted anywhere, even inside a character."""
    other = rng.choice(docs)
    start = rng.randrange(len(other) + 1)
    piece = other[start:start + rng.randint(1, 4000)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _adversarial_run(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """A fragment repeated into a long run (a long line of `:` or `[a](`) somewhere in the text."""
    text = data.decode("utf-8", errors="replace")
    size = rng.choice((20, 200, 2_000, 20_000)) if rng.random() < 0.97 else rng.choice((200_000, 900_000))
    run = rng.choice(ADVERSARIAL) + rng.choice(("", *ADVERSARIAL))
    at = rng.randrange(len(text) + 1)
    return (text[:at] + run * max(1, size // len(run)) + text[at:]).encode("utf-8")


def _delete_lines(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    del lines[at:at + rng.randint(1, 40)]
    return b"\n".join(lines)


def _truncate(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """Cut anywhere, even inside a character."""
    return data[: rng.randrange(len(data) + 1)]


def _shuffle_lines(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 20)):
        first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def _reencode(data: bytes, docs: tuple[bytes, ...], rng: random.Random) -> bytes:
    """Windows newlines, a byte-order mark, UTF-16, control characters or NULs."""
    text = data.decode("utf-8", errors="replace")
    choice = rng.randrange(5)
    if choice == 0:
        return text.replace("\n", "\r\n").encode("utf-8")
    if choice == 1:
        return codecs.BOM_UTF8 + data
    if choice == 2:
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    at = rng.randrange(len(data) + 1)
    noise = bytes(rng.randrange(32) for _ in range(rng.randint(1, 64))) if choice == 3 else b"\x00"
    return data[:at] + noise + data[at:]


_MUTATIONS = (_flip_bytes, _flip_characters, _duplicate_line, _splice, _adversarial_run, _delete_lines,
              _truncate, _shuffle_lines, _reencode)


def fuzz_range(seed: int, start: int, stop: int) -> FuzzCounts:
    """Parse mutants `start` to `stop` of the run `seed`, counting refusals and crashes."""
    docs = corpus()
    counts = FuzzCounts()
    for index in range(start, stop):
        data = mutant(docs, random.Random(seed * 1_000_003 + index))
        began = time.process_time()
        try:
            parse_gdd(data)
        except InputError:
            counts.refused += 1
        except Exception as error:  # what the test looks for
            counts.crashed += 1
            counts.crashes.append(f"mutant {index} of seed {seed}: {type(error).__name__}: {error}")
        counts.slowest = max(counts.slowest, time.process_time() - began)
        counts.tried += 1
    return counts


def fuzz(count: int = FUZZ_COUNT, seed: int = FUZZ_SEED, workers: int | None = None) -> FuzzCounts:
    """Run `count` mutants on every core; the counts do not depend on how many there are."""
    workers = workers or os.cpu_count() or 1
    bounds = [*range(0, count, 25), count]  # small tasks, so that no core waits for the others at the end
    total = FuzzCounts()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for counts in pool.map(fuzz_range, repeat(seed), bounds[:-1], bounds[1:]):
            total.add(counts)
    return total


@pytest.mark.slow
def test_mutated_gdds_are_parsed_or_refused_never_crash() -> None:
    if len(corpus()) < 10:
        pytest.skip("the GDD corpus is missing")
    counts = fuzz()
    print(f"\nparser fuzz ({FUZZ_COUNT:,} mutants of {len(corpus())} GDDs, seed {FUZZ_SEED}): {counts.summary()}")
    assert counts.tried == FUZZ_COUNT
    assert counts.crashed == 0, "\n".join(counts.crashes[:10])
