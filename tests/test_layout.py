"""The layout of ``utils/``: layers that follow the data flow, and clean imports between modules.

The layers themselves (which package may import which) are checked by import-linter's contracts in
``pyproject.toml`` (``make test`` runs ``lint-imports``); the tests here check what import-linter
does not: no module reaches into another module's private names, none re-exports names lazily
through a module-level ``__getattr__``, and every layer exposes its public names.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from utils import paths

UTILS = paths.ROOT / "utils"
MODULES = sorted(UTILS.rglob("*.py"))
LAYERS = ["engine", "corpus", "text", "frequencies", "actors", "stories", "comentions", "quotes", "figures",
          "runner", "evaluation", "explore"]  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(paths.ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[str, str, int]]:
    """(imported module, imported name, line) for every ``from utils... import name``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("utils"):
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


def test_the_layers_are_packages():
    for layer in LAYERS:
        assert (UTILS / layer / "__init__.py").is_file(), layer


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_another_modules_private_names(path):
    private = [
        f"{path.name}:{line}: from {module} import {name}"
        for module, name, line in imports_of(path)
        if name.startswith("_") and module != module_name(path)
    ]
    assert not private


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_reads_private_names_of_a_module_it_imports(path):
    modules = set()  # local names bound to utils modules (``from utils.text import tokeniser``)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("utils"):
            folder = paths.ROOT / node.module.replace(".", "/")
            modules |= {a.asname or a.name for a in node.names if (folder / f"{a.name}.py").is_file()}
    private = [
        f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        and node.value.id in modules and node.attr.startswith("_") and not node.attr.startswith("__")
    ]  # fmt: skip
    assert not private


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_level_getattr_re_exports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"]


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_exports_what_it_lists(layer):
    package = importlib.import_module(f"utils.{layer}")
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert not missing and package.__doc__


def test_a_layer_is_enough_for_the_notebooks():
    from utils import actors, comentions, corpus, frequencies, text

    assert callable(corpus.load_corpus) and callable(text.token_table)
    assert callable(frequencies.term_frequencies) and callable(actors.find_mentions)
    assert callable(comentions.co_mentions) and callable(comentions.co_mention_timeline)


def test_make_run_s_entry_point_runs():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "utils.runner", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "--corpus" in done.stdout, done.stderr
