"""The package's shape as the style guide asks it: no import cycles, no god classes, no long functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
MAX_CLASS, MAX_FUNCTION = 250, 80


def modules() -> dict[str, ast.Module]:
    out = {}
    for f in sorted(KG.rglob("*.py")):
        parts = f.relative_to(KG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(f.read_text(encoding="utf-8"))
    return out


def imports_of(name: str, tree: ast.Module, known: set[str], package: bool) -> set[str]:
    """The kg modules ``name`` imports anywhere (at the top or inside a function)."""
    here = name.split(".") if package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = here[:len(here) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def test_structure_no_import_cycles() -> None:
    trees = modules()
    known = set(trees)
    graph = {n: imports_of(n, t, known, (KG.parent / n.replace(".", "/") / "__init__.py").exists())
             for n, t in trees.items()}
    # a package's __init__ that imports its submodules (to register them) is not a cycle with them
    graph = {n: {m for m in deps if not m.startswith(n + ".")} for n, deps in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                pytest.fail("import cycle: " + " -> ".join(stack[stack.index(m):] + [m]))
            if m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)


def sizes(kind: type) -> list[tuple[int, str]]:
    out = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, kind):
                out.append((node.end_lineno - node.lineno + 1, f"{name}.{node.name}"))  # type: ignore[attr-defined]
    return out


def test_structure_no_class_over_250_lines() -> None:
    big = sorted((n, c) for n, c in sizes(ast.ClassDef) if n > MAX_CLASS)
    assert not big, f"classes over {MAX_CLASS} lines: {big}"


def test_structure_no_function_over_80_lines() -> None:
    long = sorted((n, f) for n, f in sizes(ast.FunctionDef) + sizes(ast.AsyncFunctionDef) if n > MAX_FUNCTION)
    assert not long, f"functions over {MAX_FUNCTION} lines: {long}"
