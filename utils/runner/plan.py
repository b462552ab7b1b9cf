"""What a headless run does before any notebook starts: where it writes, which notebooks it
runs, and which parameters each one gets (used by :mod:`utils.runner.notebooks`).

Where outputs go:

* the default corpus (``data/raw``) writes ``data/processed/`` and ``figures/``;
* any other corpus writes ``data/processed/runs/<name>/`` and ``figures/runs/<name>/``,
  where ``<name>`` comes from the corpus path (``indosum-articles``) or
  ``--output-name``, so another corpus never overwrites the seed results;
* ``--output-name default`` deliberately writes another corpus into
  ``data/processed/`` and ``figures/``.

Each notebook gets only the parameters its ``parameters`` cell declares
(:func:`declared_parameters`).

>>> plan = output_plan("data/raw")
>>> plan.name, plan.processed_dir, plan.figures_dir
('default', 'data/processed', 'figures')
>>> output_plan("../shared/corpora/indosum/articles.jsonl").processed_dir
'data/processed/runs/indosum-articles'
"""

from __future__ import annotations

import ast
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from utils import paths

DEFAULT_CORPUS = "data/raw"
DEFAULT_NAME = "default"
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


@dataclass(frozen=True)
class OutputPlan:
    """Where one run writes: its name, tables folder and figures folder (root-relative strings)."""

    name: str
    processed_dir: str
    figures_dir: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def display_path(path: str | os.PathLike[str], *, base: Path | None = None) -> str:
    """A path as notebooks want it: root-relative when inside the repository, else absolute.

    Relative inputs are read from ``base`` (default: the current directory).

    >>> display_path(paths.ROOT / "data" / "raw")
    'data/raw'
    >>> display_path("/tmp/berita")
    '/tmp/berita'
    """
    candidate = Path(path).expanduser()
    if not candidate.is_absolute():
        candidate = (base or Path.cwd()) / candidate
    candidate = candidate.resolve()
    if candidate.is_relative_to(paths.ROOT):
        relative = candidate.relative_to(paths.ROOT).as_posix()
        return relative or "."
    return candidate.as_posix()


def corpus_slug(corpus: str | os.PathLike[str]) -> str:
    """A short folder name for a corpus: its last two path parts without suffix.

    >>> corpus_slug("../shared/corpora/indosum/articles.jsonl")
    'indosum-articles'
    >>> corpus_slug("/home/peneliti/berita/kompas-2024")
    'berita-kompas-2024'
    """
    parts = [part for part in Path(corpus).parts if part not in {"/", ".", ".."}]
    if parts:
        parts[-1] = Path(parts[-1]).stem if Path(parts[-1]).suffix else parts[-1]
    return _slug("-".join(parts[-2:])) or "corpus"


def output_plan(corpus: str | os.PathLike[str], *, output_name: str | None = None) -> OutputPlan:
    """Decide where a run on ``corpus`` writes (see the module docstring).

    >>> output_plan("/data/kompas", output_name="Kompas 2024").figures_dir
    'figures/runs/kompas-2024'
    >>> output_plan("/data/kompas", output_name="default").processed_dir
    'data/processed'
    """
    is_seed = paths.resolve(display_path(corpus, base=paths.ROOT)) == paths.RAW_DIR
    if output_name is None:
        name = DEFAULT_NAME if is_seed else corpus_slug(corpus)
    else:
        name = _slug(output_name)
        if not name:
            raise ValueError(f"--output-name {output_name!r} has no letters or digits")
    if name == DEFAULT_NAME:
        return OutputPlan(DEFAULT_NAME, "data/processed", "figures")
    return OutputPlan(name, f"data/processed/runs/{name}", f"figures/runs/{name}")


def parse_value(text: str) -> Any:
    """Read a ``--param`` value as a Python literal (``None``, ``10``, ``['Tempo']``), else as text.

    >>> parse_value("None"), parse_value("10"), parse_value("W"), parse_value("['Tempo', 'ANTARA']")
    (None, 10, 'W', ['Tempo', 'ANTARA'])
    >>> parse_value("null"), parse_value("true")
    (None, True)
    """
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        pass
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """Turn ``KEY=VALUE`` strings into a parameter dict (keys upper-cased).

    >>> parse_params(["scope=paragraph", "WINDOW=5", "DATE_FROM=2023-01-01"])
    {'SCOPE': 'paragraph', 'WINDOW': 5, 'DATE_FROM': '2023-01-01'}
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param expects KEY=VALUE, got {pair!r}")
        params[key.strip().upper()] = parse_value(value.strip())
    return params


def list_notebooks(
    notebooks_dir: str | os.PathLike[str] = paths.NOTEBOOKS_DIR,
    *,
    only: Sequence[str] | None = None,
) -> list[Path]:
    """The numbered notebooks in run order, optionally only those whose number is in ``only``.

    >>> [p.name[:2] for p in list_notebooks(only=["99"])]
    []
    """
    notebooks = sorted(Path(notebooks_dir).glob(NOTEBOOK_GLOB))
    if only:
        wanted = {str(number).strip().zfill(2) for number in only if str(number).strip()}
        notebooks = [nb for nb in notebooks if nb.name[:2] in wanted]
    return notebooks


def declared_parameters(notebook: str | os.PathLike[str]) -> dict[str, Any]:
    """The names and default values in a notebook's ``parameters`` cell."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    tagged = [cell for cell in nb.cells if "parameters" in cell.get("metadata", {}).get("tags", [])]
    if not tagged:
        return {}
    declared: dict[str, Any] = {}
    try:
        tree = ast.parse(tagged[0].source)
    except SyntaxError as error:
        raise ValueError(
            f"{Path(notebook).name}: the parameters cell is not valid Python ({error})"
        ) from error
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name):
                try:
                    declared[target.id] = (
                        ast.literal_eval(node.value) if node.value is not None else None
                    )
                except ValueError:
                    declared[target.id] = ast.unparse(node.value)
    return declared


def run_parameters(
    *,
    corpus: str | os.PathLike[str] = DEFAULT_CORPUS,
    sidecar: str | os.PathLike[str] | None = None,
    actors: str | os.PathLike[str] | None = None,
    plan: OutputPlan,
    extra: Mapping[str, Any] | None = None,
    base: Path | None = None,
) -> dict[str, Any]:
    """All parameters of a run, before each notebook keeps the ones it declares.

    Without ``sidecar``, the seed corpus uses ``data/raw/metadata.csv`` and any
    other corpus ``"auto"`` (a ``metadata.csv`` next to its files, if any).

    >>> run_parameters(plan=output_plan("data/raw"))["SIDECAR"]
    'data/raw/metadata.csv'
    >>> run_parameters(corpus="/data/kompas", plan=output_plan("/data/kompas"))["SIDECAR"]
    'auto'
    """
    corpus_text = display_path(corpus, base=base)
    if sidecar is not None:
        sidecar_value: Any = display_path(sidecar, base=base)
    elif paths.resolve(corpus_text) == paths.RAW_DIR and paths.SIDECAR_FILE.exists():
        sidecar_value = display_path(paths.SIDECAR_FILE)
    else:
        sidecar_value = "auto"
    params: dict[str, Any] = {
        "CORPUS": corpus_text,
        "SIDECAR": sidecar_value,
        "PROCESSED_DIR": plan.processed_dir,
        "FIGURES_DIR": plan.figures_dir,
    }
    if actors is not None:
        params["ACTORS_FILE"] = display_path(actors, base=base)
    params.update(extra or {})
    return params
