"""CPU time of `parse_gdd` on the worst inputs we know, each as large as a GDD may be (1 MiB).

Run: ``.venv/bin/python benchmarks/parser_worst.py [--fuzz [N]]``. Prints Markdown tables for the
README: every adversarial fragment repeated to the 1 MiB limit as one line and as 80-character
lines, a few 1 MiB documents of one structure (headings, table rows, lists of names), and real
example GDDs repeated to 1 MiB. The contract is under 2 s of CPU for any of them. ``--fuzz`` also
runs the mutation fuzz of tests/unit/test_fuzz.py (N mutants, 7,000 by default) on every core and
prints its counts.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from maestro import MAX_GDD_BYTES, InputError, parse_gdd

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "gdd"
GAME = "Genre: platformer\n"
# The lines reported to hang the parser first, then every fragment that once cost quadratic time.
FRAGMENTS = [":", "-", "[a](", "**a ", "(", "|", "#", "`", "_", "*", "~", "![", "](", "<!--", "(가제", " 2024-01",
             "Title: ", "가나다 ", "적은 ", "보스는", "1", "a", ", ", "the Aa ", "kill", "3 lives ", "\u2003"]
ENEMIES = GAME + "## Enemies\n\n"
STRUCTURES = {  # name: (what comes first, the line repeated to the limit)
    "`# a` headings": (GAME, "# a\n"),
    "`### Level N` headings with hints": (GAME, "### Level 1\nThree enemies, two rooms, four waves, difficulty 3/5.\n"),
    "pipe table rows": (ENEMIES + "| Name | HP | Moves |\n|---|---|---|\n", "| Goblin | 3 | patrols the ledges |\n"),
    "rule-only table rows": (GAME, "|---|---|\n"),
    "`Key: value` lines": (GAME, "Lives: 3\n"),
    "bullet list of names": (ENEMIES, "- Goblin: walks\n"),
    "inline list of names": (ENEMIES, "Enemies: a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s\n"),
    "Korean prose": (GAME, "적은 고블린, 박쥐 등이 나온다. 보스는 드래곤이다. 목숨은 세 개.\n"),
}
REAL = ["rooftop_run.txt", "moss_knight.md", "forgotten_catacomb_ko.md"]


def to_limit(head: str, unit: str) -> str:
    """`head` then `unit` repeated as often as the 1 MiB limit allows (counted in UTF-8 bytes)."""
    room = MAX_GDD_BYTES - len(head.encode())
    return head + unit * (room // len(unit.encode()))


def one_line(fragment: str) -> str:
    return to_limit(GAME + "Title: ", fragment)


def many_lines(fragment: str) -> str:
    return to_limit(GAME, fragment * max(1, 80 // len(fragment)) + "\n")


def repeated_file(name: str) -> str:
    """A real example GDD, copied end to end as many times as the limit allows."""
    return to_limit("", (EXAMPLES / name).read_text(encoding="utf-8") + "\n")


def cpu_seconds(text: str) -> float:
    """CPU time of one parse; a refusal is an answer too."""
    start = time.process_time()
    with contextlib.suppress(InputError):
        parse_gdd(text)
    return time.process_time() - start


def rows() -> Iterator[tuple[str, float, float | None]]:
    """(input, CPU seconds, CPU seconds as many lines or None)."""
    for fragment in FRAGMENTS:
        name = repr(fragment).replace("|", "\\|")  # a Markdown table cell
        yield f"{name} repeated", cpu_seconds(one_line(fragment)), cpu_seconds(many_lines(fragment))
    for name, (head, unit) in STRUCTURES.items():
        yield name, cpu_seconds(to_limit(head, unit)), None
    for name in REAL:
        yield f"{name} repeated to 1 MiB", cpu_seconds(repeated_file(name)), None


def fuzz_counts(count: int) -> str:
    """The mutation fuzz of the slow test suite, run here for its counts."""
    sys.path.insert(0, str(ROOT))
    from tests.unit.test_fuzz import FUZZ_SEED, corpus, fuzz

    start = time.perf_counter()
    counts = fuzz(count)
    return (f"| {count:,} mutants of {len(corpus())} GDDs, seed {FUZZ_SEED} | {counts.tried:,} | {counts.refused:,} "
            f"| {counts.crashed:,} | {counts.slowest:.2f} s | {time.perf_counter() - start:.0f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fuzz", nargs="?", type=int, const=7_000, default=None, metavar="N",
                        help="also run the mutation fuzz with N mutants (default 7,000)")
    args = parser.parse_args()
    parse_gdd(GAME)  # import the parser outside the timings
    worst = 0.0
    print("| 1 MiB input | one line: CPU s | 80-char lines: CPU s |")
    print("| --- | ---: | ---: |")
    for name, line, lines in rows():
        worst = max(worst, line, lines or 0.0)
        print(f"| {name} | {line:.2f} | {'' if lines is None else f'{lines:.2f}'} |", flush=True)
    print(f"\nWorst: {worst:.2f} s of CPU (contract: under 2 s for any GDD up to {MAX_GDD_BYTES:,} bytes).")
    if args.fuzz:
        print("\n| fuzz | tried | refused | crashed | slowest parse (CPU) | wall time |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        print(fuzz_counts(args.fuzz))


if __name__ == "__main__":
    main()
