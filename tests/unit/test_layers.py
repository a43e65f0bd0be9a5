"""The import rules of the code base: layers point one way, and the domain never imports Celery.

Read from the source with ``ast`` (every import, at module level or inside a function), so a
new import that breaks a rule fails here with the file and line that made it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: What each part of the code may import besides itself. "ground" is the modules at the top of
#: maestro/ (spec, level, plan, cast, rng, store, manifest, settings, errors, pipeline, web).
MAY_IMPORT: dict[str, set[str]] = {
    "ground": set(),
    "gdd": {"ground"},
    "rules": {"ground"},
    "audio": {"ground"},
    "db": {"ground"},
    "runtime": {"ground"},
    "art": {"ground", "gdd"},
    "labyrinth": {"ground", "rules"},
    "stages": {"ground", "gdd", "rules", "art", "audio", "labyrinth"},
    "workers": {"ground", "gdd", "rules", "art", "audio", "db", "labyrinth", "stages"},
    "maestro_app": {"ground", "gdd", "rules", "art", "audio", "db", "labyrinth", "stages", "workers"},
}
CELERY_SIDE = ("celery", "kombu", "workers", "maestro_app")


def _part(module: str) -> str | None:
    """The part of the code a module name belongs to, or None for a third-party module."""
    head, _, rest = module.partition(".")
    if head in ("workers", "maestro_app"):
        return head
    if head != "maestro":
        return None
    sub = rest.partition(".")[0]
    return sub if sub in MAY_IMPORT else "ground"


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """Imports under ``if TYPE_CHECKING:``: for the type checker only, never run."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                skipped.update(ast.walk(child))
    return skipped


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT).parts[:-1])
    skipped = _type_checking_only(tree)
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            yield node.lineno, base
            for alias in node.names:  # "from maestro import spec" imports the module maestro.spec
                yield node.lineno, f"{base}.{alias.name}"


def _sources() -> Iterator[tuple[Path, str]]:
    for folder in ("maestro", "workers", "maestro_app"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            yield path, module


def _edges() -> Iterator[tuple[str, str, str, str]]:
    """(importing part, imported part, importing module, where) for every import between parts."""
    known = {module for _, module in _sources()}
    for path, module in _sources():
        mine = _part(module)
        assert mine is not None
        for line, name in _imports(path):
            if name.startswith("maestro.") and name not in known and name.rsplit(".", 1)[0] in known:
                name = name.rsplit(".", 1)[0]  # "from maestro.spec import Genre": the module is maestro.spec
            theirs = _part(name)
            if theirs is not None and theirs != mine:
                yield mine, theirs, module, f"{path.relative_to(ROOT)}:{line} imports {name}"


def test_the_domain_never_imports_celery_kombu_workers_or_the_entry_points() -> None:
    for path, module in _sources():
        if not module.startswith("maestro."):
            continue
        for line, name in _imports(path):
            assert not name.startswith(CELERY_SIDE), f"{path.relative_to(ROOT)}:{line} imports {name}"


def test_every_import_between_parts_points_down_the_layers() -> None:
    wrong = [where for mine, theirs, _, where in _edges() if theirs not in MAY_IMPORT.get(mine, set())]
    assert not wrong, "\n".join(wrong)


def test_no_stage_imports_another_stage() -> None:
    for path, module in _sources():
        if module.startswith("maestro.stages."):
            for line, name in _imports(path):
                if name.startswith("maestro.stages.") and not name.startswith(module):
                    raise AssertionError(f"{path.relative_to(ROOT)}:{line}: {module} imports {name}")


def test_the_package_graph_has_no_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for mine, theirs, _, _ in _edges():
        graph.setdefault(mine, set()).add(theirs)

    def visit(part: str, path: tuple[str, ...]) -> None:
        assert part not in path, "import cycle: " + " -> ".join((*path, part))
        for nxt in graph.get(part, ()):
            visit(nxt, (*path, part))

    for part in graph:
        visit(part, ())
