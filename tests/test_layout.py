"""The package layout shows the flow: each package imports only the packages before it, and no
modules import each other in a cycle (function-level imports count: they are cycles that only
happen to work because of call order)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "digests")

# What each package may import, as its __init__ docstring says. "bot" is the root modules
# (models, errors, config and the package itself).
ALLOWED: dict[str, set[str]] = {
    "bot": set(),
    "bot.registry": {"bot"},
    # the reader knows a site's masthead line ("arirang mobile") by the outlet registry
    "bot.articles": {"bot", "bot.registry"},
    "bot.analysis": {"bot", "bot.registry"},
    "bot.meetings": {"bot", "bot.registry"},
    "bot.store": {"bot", "bot.registry", "bot.analysis", "bot.meetings"},
    "bot.search": {"bot", "bot.registry", "bot.analysis", "bot.store"},
    "bot.pipeline": {"bot", "bot.registry", "bot.articles", "bot.analysis", "bot.meetings",
                     "bot.store", "bot.search"},
    "bot.lookups": {"bot", "bot.registry", "bot.analysis", "bot.meetings", "bot.store",
                    "bot.search"},
    "digests": {"bot", "bot.registry", "bot.articles", "bot.analysis", "bot.meetings",
                "bot.store", "bot.search", "bot.pipeline", "bot.lookups"},
    "bot.slack": {"bot", "bot.registry", "bot.articles", "bot.analysis", "bot.meetings",
                  "bot.store", "bot.search", "bot.pipeline", "bot.lookups", "digests"},
    "bot.cli": {"bot", "bot.registry", "bot.articles", "bot.analysis", "bot.meetings",
                "bot.store", "bot.search", "bot.pipeline", "bot.lookups", "digests",
                "bot.slack"},
}
# The root may hold only what every package shares.
ROOT_MODULES = {"bot", "bot.models", "bot.errors", "bot.config"}


def _modules() -> dict[str, Path]:
    found = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every project module `name` imports, anywhere in the file."""
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base not in modules:
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                # `from pkg import submodule` imports the submodule; a name imports the module.
                out.add(sub if sub in modules else base)
    out.discard(name)
    return out


def _package(module: str) -> str:
    if module in ROOT_MODULES:
        return "bot"
    if module.startswith("digests"):
        return "digests"
    return ".".join(module.split(".")[:2])


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_cycle_detector_finds_a_cycle() -> None:
    # The checker itself must be able to fail.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _imports("bot.x", ROOT / "bot" / "models.py", {"bot.models": Path()}) == set()


def test_packages_import_only_what_they_may() -> None:
    bad = []
    for mod, deps in _graph().items():
        pkg = _package(mod)
        assert pkg in ALLOWED, f"{mod}: package {pkg} is not in the layout; add it to ALLOWED"
        for dep in deps:
            target = _package(dep)
            if target != pkg and target not in ALLOWED[pkg]:
                bad.append(f"{mod} imports {dep} ({pkg} may not import {target})")
    assert bad == []


def test_root_keeps_only_shared_modules() -> None:
    root = {m for m in _modules() if m.count(".") == 1 and m.startswith("bot.")}
    top = {m for m in root if (ROOT / m.replace(".", "/")).with_suffix(".py").exists()}
    assert top | {"bot"} <= ROOT_MODULES


@pytest.mark.parametrize("pkg", sorted(p for p in ALLOWED if p != "bot"))
def test_every_package_says_what_it_holds_and_may_import(pkg: str) -> None:
    doc = importlib.import_module(pkg).__doc__ or ""
    assert len(doc) > 80, f"{pkg}/__init__.py needs a docstring saying what it holds"
    assert "import" in doc.lower(), f"{pkg}/__init__.py should say what it may import"
