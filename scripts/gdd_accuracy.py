"""Score the parser against hand-labelled GDDs, field by field.

    python scripts/gdd_accuracy.py examples/gdd tests/data/examples_expected.json
    python scripts/gdd_accuracy.py tests/data/wild tests/data/wild/expected.json
    python scripts/gdd_accuracy.py ../shared/gdd-corpus ../shared/gdd-corpus/labels.json
    python scripts/gdd_accuracy.py ../shared/gdd-corpus ../shared/gdd-corpus/labels.json --llm

``--llm`` reads each GDD with the model of ``MAESTRO_LLM_BASE_URL``/``MAESTRO_LLM_MODEL`` beside the
rules (answers cached where ``maestro run`` keeps them: ``MAESTRO_CACHE_DIR``, default
``~/.cache/maestro``), and says what the
model was asked and how long it took.

A labels file with an ``_about`` entry is the real-GDD corpus's format (acceptable spellings, []
for "names none"); it is scored on title, genre, player, enemies, levels and lives, and every
name that is a heading, a sentence or holds markup is listed.

Prints each disagreement and a per-field tally. A development aid; the tests assert the same.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from maestro.gdd import read_gdd, read_gdd_text
from maestro.spec import GameSpec
from tests.expectations import CORPUS_FIELDS, FIELDS, compare, corpus_score, load, names_that_are_not_names

Reader = Callable[[Path], GameSpec]


def model_reader() -> tuple[Reader, Callable[[], str]]:
    """A reader that asks the configured model too, and a summary of what it asked."""
    from maestro.gdd.assist import read_with_model
    from maestro.llm import Assistant, LLMConfig, PromptCache
    from maestro.settings import Settings
    from maestro.store import LocalStore

    settings = Settings()
    config = LLMConfig.from_settings(settings)
    if config is None:
        raise SystemExit("--llm needs MAESTRO_LLM_BASE_URL and MAESTRO_LLM_MODEL")
    folder = settings.cache_path / "llm"
    folder.mkdir(parents=True, exist_ok=True)
    cache = PromptCache(LocalStore(folder))
    totals = {"prompts": 0, "cached": 0, "tokens": 0, "seconds": 0.0, "notes": 0}

    def read(path: Path) -> GameSpec:
        assistant = Assistant.for_config(config, cache)
        began = time.perf_counter()
        spec = read_with_model(read_gdd_text(path), path.name, assistant)
        totals["seconds"] += time.perf_counter() - began
        totals["prompts"] += len(assistant.exchanges)
        totals["cached"] += sum(exchange.cached for exchange in assistant.exchanges)
        totals["tokens"] += assistant.spent
        totals["notes"] += sum(warning.startswith("model:") for warning in spec.warnings)
        return spec

    def summary() -> str:
        return (f"model {config.model}: {totals['prompts']} prompts ({totals['cached']} from the cache), "
                f"{totals['tokens']:,} tokens, {totals['seconds']:.0f} s, {totals['notes']} parts dropped or unread")

    return read, summary


def corpus(folder: str, labels: dict[str, dict[str, object]], read: Reader = read_gdd) -> None:
    hits = dict.fromkeys(CORPUS_FIELDS, 0)
    bad: list[str] = []
    for name, label in labels.items():
        spec = read(Path(folder) / name)
        for field, (right, want, got) in corpus_score(spec, label).items():
            hits[field] += right
            if not right:
                print(f"{name:36} {field:8} want {want!r}\n{'':45} got  {got!r}")
        bad += [f"{name}: {found}" for found in names_that_are_not_names(spec)]
    total = len(labels) * len(CORPUS_FIELDS)
    print(" ".join(f"{field}={hits[field]}/{len(labels)}" for field in CORPUS_FIELDS),
          f"all={sum(hits.values())}/{total} ({100 * sum(hits.values()) / total:.0f} %)")
    print(f"names that are not names: {len(bad)}", *bad, sep="\n  ")


def main(folder: str, expected_file: str, *options: str) -> None:
    read: Reader = read_gdd
    summary = None
    if "--llm" in options:
        read, summary = model_reader()
    expectations = load(Path(expected_file))
    if "_about" in expectations:
        corpus(folder, {name: label for name, label in expectations.items() if not name.startswith("_")}, read)
        if summary:
            print(summary())
        return
    hits = dict.fromkeys(FIELDS, 0)
    for name, expected in expectations.items():
        misses = compare(read(Path(folder) / name), expected)
        for field in FIELDS:
            hits[field] += field not in misses
        for field, (want, got) in misses.items():
            print(f"{name:40} {field:9} want {want!r}\n{'':50} got  {got!r}")
    print(" ".join(f"{field}={hits[field]}/{len(expectations)}" for field in FIELDS))
    if summary:
        print(summary())


if __name__ == "__main__":
    main(*sys.argv[1:])
