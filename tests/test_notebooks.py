"""The notebook collection: committed clean, and runnable headless (papermill) and cell by cell (nbclient).

The run tests work on a fixture corpus of three seed articles copied to ``tmp_path``
(ANTARA 2023-09, Republika 2022-11, Tempo 2023-09-13) and write only to ``tmp_path``.
They use non-default parameters (another co-mention scope, weekly bins, a date
filter that drops the 2022 article) and check what the notebooks wrote.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from utils import paths, provenance
from utils.runner import notebooks as runner

NOTEBOOKS = runner.list_notebooks(paths.NOTEBOOKS_DIR)

#: The shared parameter names and their defaults (the contract every notebook follows).
STANDARD_DEFAULTS = {
    "CORPUS": "data/raw",
    "SIDECAR": "data/raw/metadata.csv",
    "ACTORS_FILE": "data/actors.csv",
    "PROCESSED_DIR": "data/processed",
    "FIGURES_DIR": "figures",
    "DATE_FROM": None,
    "DATE_TO": None,
    "OUTLETS": None,
    "SAMPLE_N": None,
    "STEM": False,
    "SCOPE": "sentence",
    "WINDOW": 10,
    "FREQ": "MS",
    "TOP_N": 25,
    "ENGINE": "pandas",
}
#: What the issue says a user can set: corpus, sidecar, actors, dates, outlets, scope, bin, stemming, sample.
ISSUE_PARAMETERS = {
    "CORPUS",
    "SIDECAR",
    "ACTORS_FILE",
    "DATE_FROM",
    "DATE_TO",
    "OUTLETS",
    "SCOPE",
    "FREQ",
    "STEM",
    "SAMPLE_N",
}
#: Notebooks from 02 on filter the article table by date, outlet and sample.
FILTER_PARAMETERS = {"PROCESSED_DIR", "DATE_FROM", "DATE_TO", "OUTLETS", "SAMPLE_N"}

FIXTURE_FILES = ("001_eb808f83b9bdf8cd", "003_a4b6a87dbb05a943", "004_4b67c06523eba79c")
#: The articles left after ``DATE_FROM = "2023-01-01"`` (003 is from November 2022).
FILTERED_IDS = {"001_eb808f83b9bdf8cd", "004_4b67c06523eba79c"}
PAPERMILL_PARAMS = {"SCOPE": "paragraph", "FREQ": "W", "DATE_FROM": "2023-01-01", "WINDOW": 5}
NBCLIENT_PARAMS = {
    "SCOPE": "window",
    "WINDOW": 5,
    "FREQ": "W",
    "STEM": True,
    "DATE_FROM": "2023-01-01",
}
UNFILTERED_TABLES = {"articles", "load_report", "stories"}  # written by 01 before any filter


# --------------------------------------------------------------------------- helpers (also used by test_determinism)


def make_fixture_corpus(folder: Path, stems: tuple[str, ...] = FIXTURE_FILES) -> Path:
    """Copy seed articles and their sidecar rows into ``folder`` (a user's corpus folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        shutil.copyfile(paths.RAW_DIR / f"{stem}.txt", folder / f"{stem}.txt")
    if paths.SIDECAR_FILE.exists():
        with open(paths.SIDECAR_FILE, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = [row for row in reader if Path(row["file"]).stem in stems]
            fieldnames = reader.fieldnames
        with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def tree_hashes(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every regular file under ``folder`` (lock files excluded)."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


def declared_anywhere() -> set[str]:
    return (
        set().union(*(runner.declared_parameters(nb) for nb in NOTEBOOKS)) if NOTEBOOKS else set()
    )


def applicable(params: dict) -> dict:
    """Only the parameters some notebook declares (the runner refuses unknown ones)."""
    known = declared_anywhere()
    return {key: value for key, value in params.items() if key in known}


def tables_in(folder: Path) -> dict[str, Path]:
    """``{table name: path}`` of the Parquet/CSV tables in ``folder``."""
    return {
        path.stem: path for path in sorted(folder.iterdir()) if path.suffix in {".parquet", ".csv"}
    }


def saves_figures(notebook: Path) -> bool:
    nb = nbformat.read(notebook, as_version=4)
    return any("figures.save(" in cell.source for cell in nb.cells if cell.cell_type == "code")


def check_outputs(
    processed: Path, figures_dir: Path, params: dict, corpus_ids: tuple[str, ...] = FIXTURE_FILES
) -> None:
    """What every full run on the fixture corpus must have written."""
    articles = provenance.read_table(processed / "articles.parquet")
    assert sorted(articles["article_id"]) == sorted(corpus_ids)
    filtered = (
        set(corpus_ids) - {"003_a4b6a87dbb05a943"} if params.get("DATE_FROM") else set(corpus_ids)
    )
    for name, path in tables_in(processed).items():
        table = provenance.read_table(path)
        assert provenance.read_meta(path)["n_rows"] == len(table), (
            f"{path.name} and its .meta.json disagree"
        )
        if name in UNFILTERED_TABLES or "article_id" not in table.columns or table.empty:
            continue
        assert set(table["article_id"]) <= filtered, (
            f"{name}.parquet has articles the date filter should drop"
        )
    manifest = pd.read_csv(figures_dir / "manifest.csv", dtype=str, keep_default_na=False)
    drawn = {p.name for p in figures_dir.iterdir() if p.suffix in {".png", ".svg"}}
    listed = {file for files in manifest["files"] for file in files.split(";")}
    assert drawn == listed, "every figure file is in the manifest and every manifest file exists"
    assert manifest["figure"].is_monotonic_increasing
    for notebook in NOTEBOOKS:
        if saves_figures(notebook):
            assert (manifest["notebook"] == notebook.stem).any(), f"{notebook.stem} saved no figure"
    for row in manifest.itertuples():
        recorded = json.loads(row.params)
        for key in ("SCOPE", "FREQ", "WINDOW", "STEM"):
            if key in recorded and key in params:
                assert recorded[key] == params[key], f"{row.figure}: {key}={recorded[key]!r}"
        if row.figure[:2] >= "02" and row.n_articles and params.get("DATE_FROM"):
            assert int(row.n_articles) <= len(filtered), row.figure
            assert row.date_min >= params["DATE_FROM"], row.figure


# --------------------------------------------------------------------------- committed clean


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(notebook):
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert nb.cells and nb.cells[0].cell_type == "markdown", (
        "the first cell is the markdown introduction"
    )
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {index} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {index} has an execution count"
    tagged = [cell for cell in nb.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{len(tagged)} cells tagged 'parameters' (need exactly one)"
    assert tagged[0].cell_type == "code"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_uppercase_constants_with_standard_defaults(notebook):
    nb = nbformat.read(notebook, as_version=4)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    for statement in ast.parse(cell.source).body:
        assert isinstance(statement, ast.Assign | ast.AnnAssign), (
            f"not a constant: {ast.unparse(statement)}"
        )
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            assert isinstance(target, ast.Name) and target.id.isupper(), (
                f"{ast.unparse(target)} is not UPPERCASE"
            )
        ast.literal_eval(statement.value)  # a literal, no logic
    for name, value in runner.declared_parameters(notebook).items():
        if name in STANDARD_DEFAULTS:
            assert value == STANDARD_DEFAULTS[name], (
                f"{name} defaults to {value!r}, the contract says {STANDARD_DEFAULTS[name]!r}"
            )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_paths_come_from_parameters(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        for literal in ("data/processed", "data/raw", "../figures", "../data"):
            assert literal not in cell.source, (
                f"cell {index} hard-codes {literal!r}; use the parameters"
            )
    declared = set(runner.declared_parameters(notebook))
    if notebook.name[:2] >= "02":
        assert FILTER_PARAMETERS <= declared, (
            f"missing parameters: {sorted(FILTER_PARAMETERS - declared)}"
        )


def test_collection_exposes_every_parameter_the_issue_names():
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    missing = ISSUE_PARAMETERS - declared_anywhere()
    assert not missing, f"no notebook declares {sorted(missing)}"


# --------------------------------------------------------------------------- headless and live runs


@pytest.fixture
def fixture_corpus(tmp_path):
    return make_fixture_corpus(tmp_path / "corpus")


def fingerprints(processed: Path, figures_dir: Path) -> dict[str, str]:
    """The corpus fingerprint recorded for every table and every figure."""
    recorded = {
        path.name: provenance.read_meta(path)["corpus_fingerprint"]
        for path in tables_in(processed).values()
    }
    manifest = pd.read_csv(figures_dir / "manifest.csv", dtype=str, keep_default_na=False)
    recorded.update(zip(manifest["figure"], manifest["corpus_fingerprint"], strict=True))
    return recorded


@pytest.mark.slow
def test_papermill_run_with_non_default_parameters(fixture_corpus, tmp_path):
    """Run all notebooks with another scope, weekly bins and a date filter; then add an article and re-run."""
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    params = applicable(PAPERMILL_PARAMS)
    repo_outputs = {
        "raw": tree_hashes(paths.RAW_DIR),
        "corpus": tree_hashes(fixture_corpus),
    }
    processed, figures_dir, build = tmp_path / "processed", tmp_path / "figures", tmp_path / "build"
    summary = runner.run_notebooks(
        corpus=fixture_corpus,
        params=params,
        processed_dir=processed,
        figures_dir=figures_dir,
        build_dir=build,
        progress=False,
    )
    assert summary["notebook"].tolist() == [nb.stem for nb in NOTEBOOKS]
    run_name = runner.output_plan(fixture_corpus).name
    assert all((build / run_name / nb.name).exists() for nb in NOTEBOOKS)
    check_outputs(processed, figures_dir, params)
    # read-only inputs untouched, and nothing of this run leaked into the repository's outputs
    assert tree_hashes(paths.RAW_DIR) == repo_outputs["raw"]
    assert tree_hashes(fixture_corpus) == repo_outputs["corpus"]
    fingerprint = provenance.read_meta(processed / "articles.parquet")["corpus_fingerprint"]
    repo_manifest = paths.FIGURES_DIR / "manifest.csv"
    if repo_manifest.exists():
        assert fingerprint not in repo_manifest.read_text()
    assert not (paths.FIGURES_DIR / "runs" / run_name).exists()
    assert not (paths.PROCESSED_DIR / "runs" / run_name).exists()

    # a user drops one more article (Republika, September 2023) into the folder and re-runs
    before = fingerprints(processed, figures_dir)
    added = "002_2509aca90c52c704"
    make_fixture_corpus(fixture_corpus, (*FIXTURE_FILES, added))
    runner.run_notebooks(
        corpus=fixture_corpus,
        params=params,
        processed_dir=processed,
        figures_dir=figures_dir,
        build_dir=build,
        progress=False,
    )
    check_outputs(processed, figures_dir, params, (*FIXTURE_FILES, added))
    after = fingerprints(processed, figures_dir)
    assert set(after) == set(before), "the same tables and figures are written"
    stale = sorted(name for name in after if after[name] and after[name] == before[name])
    assert not stale, f"not updated after adding an article: {stale}"
    if "mentions" in tables_in(processed):
        assert added in set(provenance.read_table(tables_in(processed)["mentions"])["article_id"])


@pytest.mark.slow
def test_every_notebook_runs_cell_by_cell_in_a_live_kernel(fixture_corpus, tmp_path):
    """Like a user in JupyterLab: one kernel per notebook, cells executed one at a time, in order."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    processed, figures_dir = tmp_path / "processed", tmp_path / "figures"
    base = {
        "CORPUS": str(fixture_corpus),
        "SIDECAR": str(fixture_corpus / "metadata.csv"),
        "PROCESSED_DIR": str(processed),
        "FIGURES_DIR": str(figures_dir),
    }
    params = {**base, **applicable(NBCLIENT_PARAMS)}
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        declared = runner.declared_parameters(notebook)
        own = {key: value for key, value in params.items() if key in declared}
        position = next(
            i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])
        )
        injected = nbformat.v4.new_code_cell(
            "\n".join(f"{key} = {value!r}" for key, value in own.items())
        )
        injected.metadata["tags"] = ["injected-parameters"]
        nb.cells.insert(position + 1, injected)
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=600,
            resources={"metadata": {"path": str(paths.NOTEBOOKS_DIR)}},
        )
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as error:
                    pytest.fail(f"{notebook.name}, cell {index}: {str(error)[-600:]}")
        errors = [
            o
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
            if o.output_type == "error"
        ]
        assert not errors, f"{notebook.name}: {errors[0]}"
    check_outputs(processed, figures_dir, params)
