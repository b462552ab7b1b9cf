"""Run every notebook headless, in order, through papermill (what ``make run`` calls).

::

    python -m utils.runner.notebooks                                  # seed corpus -> data/processed/, figures/
    python -m utils.runner.notebooks --corpus ../shared/corpora/indosum/articles.jsonl
    python -m utils.runner.notebooks --only 01,02 --param SCOPE=paragraph --param FREQ=W --html

Where a run writes and which parameters each notebook gets is decided in
:mod:`utils.runner.plan` (its names are importable from here too): the seed corpus
writes ``data/processed/`` and ``figures/``, any other corpus
``data/processed/runs/<name>/`` and ``figures/runs/<name>/``.

Executed copies of the notebooks go to ``build/notebooks/<name>/`` (git-ignored),
with ``--html`` (``make report``) also as HTML: ``<notebook>.html`` without the code cells
(prose, tables, figures) and ``<notebook>.code.html`` with them. A failing notebook stops the run with a message
naming the notebook and the failing cell; outputs of earlier notebooks stay as
they are (every table and figure is written atomically). After a full run,
tables and figures the run did not rewrite are reported (:func:`stale_outputs`)
and, with ``--prune``, removed.

>>> output_plan("data/raw").processed_dir
'data/processed'
>>> parse_params(["SCOPE=paragraph"])
{'SCOPE': 'paragraph'}
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from utils import paths, provenance
from utils.figures import export as figures
from utils.progress import HEADLESS_ENV
from utils.runner.plan import (
    DEFAULT_CORPUS,
    NOTEBOOK_GLOB,
    OutputPlan,
    declared_parameters,
    display_path,
    list_notebooks,
    output_plan,
    parse_params,
    run_parameters,
)

KERNEL_NAME = "python3"

__all__ = [
    "KERNEL_NAME",
    "NotebookFailed",
    "main",
    "prune",
    "run_notebooks",
    "stale_outputs",
    "write_html",
]


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook, the cell and the error."""


def stale_outputs(
    *, processed_dir: str | os.PathLike[str], figures_dir: str | os.PathLike[str], since: float
) -> pd.DataFrame:
    """Tables and figures in the output folders that were not rewritten since ``since`` (a time stamp).

    After a full run these are left over from an earlier run (other parameters,
    a renamed figure, a group that is now empty) and no longer describe the corpus.
    Returns one row per output: kind (table/figure), name, paths.
    """
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


@contextlib.contextmanager
def _headless_kernels() -> Iterator[None]:
    """Kernels started inside see :data:`utils.progress.HEADLESS_ENV`: text progress bars, no widgets."""
    before = os.environ.get(HEADLESS_ENV)
    os.environ[HEADLESS_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(HEADLESS_ENV, None)
        else:
            os.environ[HEADLESS_ENV] = before


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


def write_html(executed: Path) -> Path:
    """Write ``<name>.html`` (the report: prose, tables and figures, no code cells) and
    ``<name>.code.html`` (the same with the code); return the report's path."""
    from nbconvert import HTMLExporter

    report, _ = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True).from_filename(str(executed))
    with_code, _ = HTMLExporter().from_filename(str(executed))
    provenance.atomic_write_text(executed.with_name(executed.stem + ".code.html"), with_code)
    return provenance.atomic_write_text(executed.with_suffix(".html"), report)


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
            with _headless_kernels():
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
        html_path = write_html(executed) if html else None
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
    """Command-line entry point: ``python -m utils.runner.notebooks --help``."""
    parser = argparse.ArgumentParser(
        prog="python -m utils.runner.notebooks",
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
        "--html",
        action="store_true",
        help="also write HTML copies of the executed notebooks: <name>.html without the code "
        "cells (a report), <name>.code.html with them",
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
