"""The shape of the code: layers that import only downwards, so data flows one way.

Every module's imports (at the top or inside functions; ``TYPE_CHECKING`` blocks
aside, since they never run) are mapped to the top-level unit they belong to
(``pipeline.speech.synth`` -> ``speech``).  A unit may import only units of a lower
layer, never one of its own layer or above: an import cycle between top-level
packages, or a stage that calls a later stage, fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

LAYERS: list[set[str]] = [
    {"errors"},
    {"langs", "sanitize", "progress", "registry"},
    {"langid", "document", "storage"},
    {"package", "manifest", "segment"},
    {"glossary"},
    {"ingest"},
    {"models", "xliff"},
    {"translate"},
    {"simplify"},
    {"speech"},
    {"publish"},
    {"review"},
    {"usecases", "doctor"},
    {"batch"},
    {"api"},
    {"commands"},
    {"cli", "__init__"},
    {"__main__"},
]
"""Lowest first: the order data flows in (ingest -> translate -> simplify -> speech ->
publish -> review), the use cases that call them in that order, then the interfaces."""

RANK = {unit: n for n, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    """``pipeline.speech.synth`` -> ``speech``; ``pipeline`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """``(module imported, line)`` for every import in ``path`` that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for body in node.body for child in ast.walk(body)}
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            if base == "pipeline":  # from pipeline import X: X is a unit, or the root's name
                found += [(f"pipeline.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((base, node.lineno))
    return [(name, line) for name, line in found if name.split(".")[0] == "pipeline"]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_layer() -> None:
    units = {unit_of(module_name(path)) for path in MODULES}
    assert units - set(RANK) == set(), "give these units a layer in LAYERS"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_only_to_lower_layers(path: Path) -> None:
    own = unit_of(module_name(path))
    wrong = []
    for name, line in imports(path):
        target = unit_of(name)
        if name == "pipeline.__version__" or target == own:
            continue
        if target not in RANK:  # a name defined in pipeline/__init__.py
            target = "__init__"
        if RANK[target] >= RANK[own] and own != "__init__":
            wrong.append(f"line {line}: {own} (layer {RANK[own]}) imports {name} "
                         f"(layer {RANK[target]})")
    assert wrong == []


def test_no_cycle_between_top_level_units() -> None:
    """Implied by the layers, and checked on its own so that its failure says so."""
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        own = unit_of(module_name(path))
        for name, _ in imports(path):
            target = unit_of(name)
            if target != own and target in RANK and name != "pipeline.__version__":
                graph.setdefault(own, set()).add(target)
    seen: dict[str, int] = {}

    def visit(unit: str, trail: list[str]) -> None:
        if seen.get(unit) == 1:
            raise AssertionError("import cycle: " + " -> ".join([*trail, unit]))
        if seen.get(unit) == 2:
            return
        seen[unit] = 1
        for target in sorted(graph.get(unit, ())):
            visit(target, [*trail, unit])
        seen[unit] = 2

    for unit in sorted(graph):
        visit(unit, [])


def test_the_command_line_starts_without_heavy_libraries() -> None:
    """``kuma --help`` imports neither torch, numpy nor the stages."""
    import subprocess
    import sys

    code = (
        "import sys, pipeline.cli; "
        "heavy = {'torch', 'numpy', 'transformers', 'ctranslate2', 'lxml', "
        "'pipeline.speech', 'pipeline.usecases'} & set(sys.modules); print(sorted(heavy))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert output.stdout.strip() == "[]"
