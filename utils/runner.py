"""Run every notebook headless, in order, through papermill (what ``make run`` calls).

::

    python -m utils.runner                                  # seed corpus -> data/processed/, figures/
    python -m utils.runner --corpus ../shared/corpora/indosum/articles.jsonl
    python -m utils.runner --only 01,02 --param SCOPE=paragraph --param FREQ=W --html

Where outputs go:

* the default corpus (``data/raw``) writes ``data/processed/`` and ``figures/``;
* any other corpus writes ``data/processed/runs/<name>/`` and ``figures/runs/<name>/``,
  where ``<name>`` comes from the corpus path (``indosum-articles``) or
  ``--output-name``, so another corpus never overwrites the seed results;
* ``--output-name default`` deliberately writes another corpus into
  ``data/processed/`` and ``figures/``.

Executed copies of the notebooks go to ``build/notebooks/<name>/`` (git-ignored),
with ``--html`` also as HTML. Each notebook gets only the parameters its
``parameters`` cell declares. A failing notebook stops the run with a message
naming the notebook and the failing cell; outputs of earlier notebooks stay as
they are (every table and figure is written atomically).

>>> plan = output_plan("data/raw")
>>> plan.name, plan.processed_dir, plan.figures_dir
('default', 'data/processed', 'figures')
>>> output_plan("../shared/corpora/indosum/articles.jsonl").processed_dir
'data/processed/runs/indosum-articles'
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from utils import paths

DEFAULT_CORPUS = "data/raw"
DEFAULT_NAME = "default"
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
KERNEL_NAME = "python3"


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook, the cell and the error."""


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


def stale_outputs(
    *, processed_dir: str | os.PathLike[str], figures_dir: str | os.PathLike[str], since: float
) -> pd.DataFrame:
    """Tables and figures in the output folders that were not rewritten since ``since`` (a time stamp).

    After a full run these are left over from an earlier run (other parameters,
    a renamed figure, a group that is now empty) and no longer describe the corpus.
    Returns one row per output: kind (table/figure), name, paths.
    """
    from utils import figures

    processed, figures_path = paths.resolve(processed_dir), paths.resolve(figures_dir)
    rows = []
    if processed.is_dir():
        for path in sorted(processed.iterdir()):
            if path.suffix in {".parquet", ".csv"} and path.stat().st_mtime < since:
                rows.append({"kind": "table", "name": path.name, "paths": [path]})
    for record in figures.read_manifest(figures_path).itertuples():
        files = [figures_path / name for name in str(record.files).split(";") if name]
        if any(not f.exists() or f.stat().st_mtime < since for f in files):
            rows.append(
                {"kind": "figure", "name": record.figure, "paths": [f for f in files if f.exists()]}
            )
    return pd.DataFrame(rows, columns=["kind", "name", "paths"])


def prune(stale: pd.DataFrame, *, figures_dir: str | os.PathLike[str]) -> list[Path]:
    """Delete the outputs listed by :func:`stale_outputs` (tables with their ``.meta.json``)."""
    from utils import figures, provenance

    removed: list[Path] = []
    for row in stale.itertuples():
        if row.kind == "figure":
            removed += figures.remove([row.name], figures_dir=figures_dir)
            continue
        for path in row.paths:
            for target in (path, provenance.meta_path(path)):
                if target.exists():
                    target.unlink()
                    removed.append(target)
    return removed


def _describe_failure(notebook: Path, error: BaseException, executed: Path) -> str:
    cell = getattr(error, "cell_index", None)
    exec_count = getattr(error, "exec_count", None)
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    source = (getattr(error, "source", "") or "").strip().splitlines()
    where = f"cell {cell} of the executed copy" if cell is not None else "a cell"
    if exec_count is not None:
        where += f" (execution count {exec_count})"
    first_line = f"\n  cell starts: {source[0][:100]}" if source else ""
    return (
        f"notebook {notebook.name} failed in {where}: {ename}: {evalue}{first_line}\n"
        f"  executed copy with the full traceback: {display_path(executed)}"
    )


def _write_html(executed: Path) -> Path:
    from nbconvert import HTMLExporter

    from utils import provenance

    body, _ = HTMLExporter().from_filename(str(executed))
    return provenance.atomic_write_text(executed.with_suffix(".html"), body)


def run_notebooks(
    *,
    corpus: str | os.PathLike[str] = DEFAULT_CORPUS,
    sidecar: str | os.PathLike[str] | None = None,
    actors: str | os.PathLike[str] | None = None,
    only: Sequence[str] | None = None,
    params: Mapping[str, Any] | None = None,
    html: bool = False,
    output_name: str | None = None,
    processed_dir: str | os.PathLike[str] | None = None,
    figures_dir: str | os.PathLike[str] | None = None,
    notebooks_dir: str | os.PathLike[str] = paths.NOTEBOOKS_DIR,
    build_dir: str | os.PathLike[str] = paths.BUILD_DIR / "notebooks",
    kernel_name: str = KERNEL_NAME,
    progress: bool = True,
    dry_run: bool = False,
    prune_stale: bool = False,
    echo: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Execute the numbered notebooks in order; return one row per notebook (name, seconds, output).

    ``processed_dir`` / ``figures_dir`` override the output plan (tests use
    temporary folders). Raises :class:`NotebookFailed` on the first failing
    notebook, after the notebooks before it have finished and written.
    """
    import papermill

    echo = echo or (lambda message: None)
    base = Path.cwd()
    plan = output_plan(display_path(corpus, base=base), output_name=output_name)
    plan = OutputPlan(
        plan.name,
        display_path(processed_dir, base=base) if processed_dir is not None else plan.processed_dir,
        display_path(figures_dir, base=base) if figures_dir is not None else plan.figures_dir,
    )
    notebooks = list_notebooks(notebooks_dir, only=only)
    if not notebooks:
        raise FileNotFoundError(
            f"no notebooks matching {NOTEBOOK_GLOB} in {notebooks_dir} (only={only})"
        )
    all_params = run_parameters(
        corpus=corpus, sidecar=sidecar, actors=actors, plan=plan, extra=params, base=base
    )
    for key in ("CORPUS", "SIDECAR", "ACTORS_FILE"):
        value = all_params.get(key)
        if isinstance(value, str) and value != "auto" and not paths.resolve(value).exists():
            raise FileNotFoundError(
                f"{key} {value} does not exist (paths are read from {paths.ROOT})"
            )
    declared = {notebook: declared_parameters(notebook) for notebook in notebooks}
    known = set().union(*(set(names) for names in declared.values()))
    unknown = sorted(set(params or {}) - known)
    if unknown:
        raise ValueError(
            f"no notebook declares the parameter(s) {', '.join(unknown)}; check the spelling"
        )
    out_dir = Path(build_dir) / plan.name
    if not dry_run:
        out_dir.mkdir(parents=True, exist_ok=True)
    echo(
        f"corpus {all_params['CORPUS']} -> tables {plan.processed_dir}/, figures {plan.figures_dir}/, "
        f"executed notebooks {display_path(out_dir)}/"
    )
    rows = []
    run_started = time.time() - 1.0  # coarse file-system clocks
    for number, notebook in enumerate(notebooks, start=1):
        own = {key: value for key, value in all_params.items() if key in declared[notebook]}
        executed = out_dir / notebook.name
        echo(f"[{number}/{len(notebooks)}] {notebook.stem} ...")
        if dry_run:
            own_json = json.dumps(own, sort_keys=True, default=str)
            rows.append({"notebook": notebook.stem, "seconds": 0.0, "parameters": own_json})
            echo(f"    would run with {own_json}")
            continue
        started = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=own,
                cwd=str(Path(notebooks_dir)),
                kernel_name=kernel_name,
                progress_bar=progress,
                log_output=False,
            )
        except Exception as error:  # papermill raises PapermillExecutionError for cell errors
            seconds = time.perf_counter() - started
            raise NotebookFailed(
                _describe_failure(notebook, error, executed) + f"\n  after {seconds:.1f} s"
            ) from error
        seconds = time.perf_counter() - started
        html_path = _write_html(executed) if html else None
        echo(f"[{number}/{len(notebooks)}] {notebook.stem} done in {seconds:.1f} s")
        rows.append(
            {
                "notebook": notebook.stem,
                "seconds": round(seconds, 3),
                "executed": display_path(executed),
                "html": display_path(html_path) if html_path else None,
                "parameters": json.dumps(own, sort_keys=True, default=str),
            }
        )
    summary = pd.DataFrame(rows)
    summary.attrs["stale"] = []
    if not dry_run and not only:  # a full run redraws everything; what it did not touch is stale
        stale = stale_outputs(
            processed_dir=plan.processed_dir, figures_dir=plan.figures_dir, since=run_started
        )
        summary.attrs["stale"] = stale["name"].tolist()
        if len(stale) and prune_stale:
            prune(stale, figures_dir=plan.figures_dir)
            echo(
                f"removed {len(stale)} outputs this run no longer writes: {', '.join(stale['name'])}"
            )
        elif len(stale):
            echo(
                f"WARNING: {len(stale)} outputs were not rewritten by this run and may describe an "
                f"earlier corpus or other parameters: {', '.join(stale['name'])} "
                "(re-run with --prune to remove them)"
            )
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m utils.runner --help``."""
    parser = argparse.ArgumentParser(
        prog="python -m utils.runner",
        description="Run every numbered notebook headless, in order, through papermill.",
    )
    parser.add_argument(
        "--corpus", default=DEFAULT_CORPUS, help="folder or file of articles (default: data/raw)"
    )
    parser.add_argument(
        "--sidecar",
        default=None,
        help="metadata sidecar CSV (default: data/raw/metadata.csv for the seeds, 'auto' otherwise)",
    )
    parser.add_argument(
        "--actors", default=None, help="actor list CSV (default: the notebooks' data/actors.csv)"
    )
    parser.add_argument(
        "--only", default=None, help="comma-separated notebook numbers to run, e.g. 01,02"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any notebook parameter, repeatable (e.g. SCOPE=paragraph)",
    )
    parser.add_argument(
        "--html", action="store_true", help="also write HTML copies of the executed notebooks"
    )
    parser.add_argument(
        "--output-name",
        default=None,
        help="name of the output folders; 'default' writes data/processed/ and figures/",
    )
    parser.add_argument("--notebooks-dir", default=str(paths.NOTEBOOKS_DIR), help=argparse.SUPPRESS)
    parser.add_argument("--processed-dir", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--figures-dir", default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--build-dir",
        default=str(paths.BUILD_DIR / "notebooks"),
        help="where executed notebooks go (default: build/notebooks)",
    )
    parser.add_argument(
        "--prune",
        action="store_true",
        help="after a full run, delete tables and figures the run no longer writes",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show where outputs go and each notebook's parameters",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="hide the per-cell progress bars"
    )
    args = parser.parse_args(argv)

    def echo(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        summary = run_notebooks(
            corpus=args.corpus,
            sidecar=args.sidecar,
            actors=args.actors,
            only=args.only.split(",") if args.only else None,
            params=parse_params(args.param),
            html=args.html,
            output_name=args.output_name,
            processed_dir=args.processed_dir,
            figures_dir=args.figures_dir,
            notebooks_dir=args.notebooks_dir,
            build_dir=args.build_dir,
            progress=not args.no_progress,
            dry_run=args.dry_run,
            prune_stale=args.prune,
            echo=echo,
        )
    except NotebookFailed as error:
        echo(
            f"\nRUN STOPPED: {error}\nOutputs of the notebooks before it are complete and unchanged."
        )
        return 1
    except (ValueError, FileNotFoundError) as error:
        echo(f"error: {error}")
        return 2
    if args.dry_run:
        return 0
    echo("\nwall time per notebook:")
    for row in summary.itertuples():
        echo(f"  {row.notebook:<32} {row.seconds:8.1f} s")
    echo(f"  {'total':<32} {time.perf_counter() - started:8.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
