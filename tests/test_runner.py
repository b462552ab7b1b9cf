"""The headless runner (``make run`` / ``python -m utils.runner.notebooks``) on small throwaway notebooks."""

from __future__ import annotations

import json
import os

import nbformat
import pandas as pd
import pytest

from utils import paths, provenance
from utils.runner import notebooks as runner

PARAMETERS = """CORPUS = "data/raw"  # change me
SIDECAR = "data/raw/metadata.csv"
PROCESSED_DIR = "data/processed"
FIGURES_DIR = "figures"
SCOPE = "sentence"  # change me
"""

WRITE_TABLE = """from utils import paths, provenance
import pandas as pd
table = pd.DataFrame({"corpus": [CORPUS], "scope": [SCOPE], "sidecar": [str(SIDECAR)]})
provenance.write_table(table, paths.resolve(PROCESSED_DIR) / "params.parquet",
                       params={"CORPUS": CORPUS, "SCOPE": SCOPE})
"""

FIGURE = """import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from utils import figures
figures.apply_style()
fig, ax = plt.subplots()
ax.bar(["Rusia", "Korut"], [3, 2])
ax.set(xlabel="Actor", ylabel="Mentions (count)")
figures.save(fig, "02-mentions", params={"SCOPE": SCOPE}, figures_dir=paths.resolve(FIGURES_DIR))
"""


def make_notebook(path, *code_cells, parameters=PARAMETERS):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params_cell = nbformat.v4.new_code_cell(parameters)
    params_cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), params_cell]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in code_cells]
    nbformat.write(nb, path)
    return path


@pytest.fixture
def notebooks_dir(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    make_notebook(folder / "01-write-table.ipynb", WRITE_TABLE)
    make_notebook(folder / "02-figure.ipynb", "from utils import paths", FIGURE)
    (folder / "README.md").write_text("not a notebook")
    (folder / "scratch.ipynb").write_text("{}")  # not numbered: never run
    return folder


def test_output_plan_keeps_other_corpora_away_from_the_seed_results():
    seed = runner.output_plan("data/raw")
    assert (seed.name, seed.processed_dir, seed.figures_dir) == (
        "default",
        "data/processed",
        "figures",
    )
    indosum = runner.output_plan("../shared/corpora/indosum/articles.jsonl")
    assert indosum.processed_dir == "data/processed/runs/indosum-articles"
    assert indosum.figures_dir == "figures/runs/indosum-articles"
    assert runner.output_plan(paths.RAW_DIR).name == "default"
    assert runner.output_plan("/tmp/x", output_name="default").processed_dir == "data/processed"
    assert runner.output_plan("data/raw", output_name="coba").figures_dir == "figures/runs/coba"
    with pytest.raises(ValueError, match="output-name"):
        runner.output_plan("data/raw", output_name="!!!")


def test_parse_params_reads_literals_and_rejects_malformed_pairs():
    assert runner.parse_params(
        ["FREQ=W", "date_from=2023-01-01", "OUTLETS=['Tempo']", "SAMPLE_N=None"]
    ) == {
        "FREQ": "W",
        "DATE_FROM": "2023-01-01",
        "OUTLETS": ["Tempo"],
        "SAMPLE_N": None,
    }
    with pytest.raises(ValueError, match="KEY=VALUE"):
        runner.parse_params(["SCOPE"])


def test_list_notebooks_only_numbered_in_order(notebooks_dir):
    assert [p.name for p in runner.list_notebooks(notebooks_dir)] == [
        "01-write-table.ipynb",
        "02-figure.ipynb",
    ]
    assert [p.name for p in runner.list_notebooks(notebooks_dir, only=["2"])] == ["02-figure.ipynb"]


def test_declared_parameters(notebooks_dir):
    declared = runner.declared_parameters(notebooks_dir / "01-write-table.ipynb")
    assert declared == {
        "CORPUS": "data/raw",
        "SIDECAR": "data/raw/metadata.csv",
        "PROCESSED_DIR": "data/processed",
        "FIGURES_DIR": "figures",
        "SCOPE": "sentence",
    }


def test_run_parameters_sidecar_defaults():
    seed = runner.run_parameters(plan=runner.output_plan("data/raw"))
    assert seed["SIDECAR"] == "data/raw/metadata.csv"
    other = runner.run_parameters(corpus="/tmp/kompas", plan=runner.output_plan("/tmp/kompas"))
    assert other["SIDECAR"] == "auto" and other["PROCESSED_DIR"] == "data/processed/runs/tmp-kompas"


@pytest.mark.slow
def test_run_writes_outputs_executed_copies_and_html(notebooks_dir, tmp_path):
    processed, figs, build = tmp_path / "processed", tmp_path / "figs", tmp_path / "build"
    leftover = provenance.write_table(
        pd.DataFrame({"x": [1]}), processed / "old.parquet", params={}
    )
    os.utime(leftover, (1_000_000_000, 1_000_000_000))  # written by some earlier run
    messages = []
    summary = runner.run_notebooks(
        corpus="data/raw",
        params={"SCOPE": "paragraph"},
        html=True,
        notebooks_dir=notebooks_dir,
        processed_dir=processed,
        figures_dir=figs,
        build_dir=build,
        progress=False,
        echo=messages.append,
    )
    assert summary["notebook"].tolist() == ["01-write-table", "02-figure"]
    assert (summary["seconds"] > 0).all()
    table = provenance.read_table(processed / "params.parquet")
    assert table.to_dict("records") == [
        {"corpus": "data/raw", "scope": "paragraph", "sidecar": "data/raw/metadata.csv"}
    ]
    assert (
        json.loads((processed / "params.parquet.meta.json").read_text())["params"]["SCOPE"]
        == "paragraph"
    )
    assert (figs / "02-mentions.png").exists() and (figs / "02-mentions.svg").exists()
    manifest = pd.read_csv(figs / "manifest.csv")
    assert manifest["figure"].tolist() == ["02-mentions"]
    for name in ("01-write-table", "02-figure"):
        executed = nbformat.read(build / "default" / f"{name}.ipynb", as_version=4)
        injected = [
            c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
        ]
        assert len(injected) == 1 and 'SCOPE = "paragraph"' in injected[0].source
        assert (build / "default" / f"{name}.html").exists()
    assert any("done in" in message for message in messages)
    assert summary.attrs["stale"] == ["old.parquet"]
    assert any("WARNING: 1 outputs were not rewritten" in message for message in messages)
    assert leftover.exists()  # only warned about, not removed


@pytest.mark.slow
def test_prune_removes_outputs_a_full_run_no_longer_writes(notebooks_dir, tmp_path):
    processed, figs = tmp_path / "processed", tmp_path / "figs"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from utils import figures

    fig, _ = plt.subplots()
    figures.save(fig, "03-keyness", params={}, figures_dir=figs)  # a figure an earlier run drew
    plt.close(fig)
    for path in figs.glob("03-keyness.*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    summary = runner.run_notebooks(
        notebooks_dir=notebooks_dir,
        processed_dir=processed,
        figures_dir=figs,
        build_dir=tmp_path / "build",
        progress=False,
        prune_stale=True,
    )
    assert summary.attrs["stale"] == ["03-keyness"]
    assert not list(figs.glob("03-keyness.*"))
    assert figures.read_manifest(figs)["figure"].tolist() == ["02-mentions"]
    assert (processed / "params.parquet").exists()


@pytest.mark.slow
def test_failing_notebook_stops_the_run_and_keeps_earlier_outputs(notebooks_dir, tmp_path):
    make_notebook(
        notebooks_dir / "02-figure.ipynb",
        "import pandas as pd",
        "pd.read_parquet('/nonexistent/tokens.parquet')",
    )
    make_notebook(
        notebooks_dir / "03-never.ipynb", WRITE_TABLE.replace("params.parquet", "never.parquet")
    )
    processed = tmp_path / "processed"
    with pytest.raises(runner.NotebookFailed) as failure:
        runner.run_notebooks(
            notebooks_dir=notebooks_dir,
            processed_dir=processed,
            figures_dir=tmp_path / "figs",
            build_dir=tmp_path / "build",
            progress=False,
        )
    message = str(failure.value)
    assert "02-figure.ipynb" in message and "cell starts: pd.read_parquet" in message
    assert "FileNotFoundError" in message and "tokens.parquet" in message
    assert (processed / "params.parquet").exists()  # notebook 01 finished and kept its output
    assert not (processed / "never.parquet").exists()  # notebook 03 never ran


def test_cli_rejects_unknown_parameters(notebooks_dir, tmp_path, capsys):
    code = runner.main(
        [
            "--notebooks-dir",
            str(notebooks_dir),
            "--param",
            "SCOPPE=paragraph",
            "--processed-dir",
            str(tmp_path / "p"),
            "--figures-dir",
            str(tmp_path / "f"),
            "--build-dir",
            str(tmp_path / "b"),
        ]
    )
    assert code == 2
    assert "SCOPPE" in capsys.readouterr().err


def test_dry_run_shows_each_notebooks_parameters_and_runs_nothing(notebooks_dir, tmp_path):
    messages = []
    summary = runner.run_notebooks(
        corpus="../shared/corpora/indosum/articles.jsonl"
        if paths.INDOSUM_FILE.exists()
        else "data/raw",
        params={"SCOPE": "window"},
        notebooks_dir=notebooks_dir,
        build_dir=tmp_path / "build",
        dry_run=True,
        echo=messages.append,
    )
    assert summary["notebook"].tolist() == ["01-write-table", "02-figure"]
    first = json.loads(summary["parameters"][0])
    assert first["SCOPE"] == "window" and set(first) <= set(
        runner.declared_parameters(notebooks_dir / "01-write-table.ipynb")
    )
    assert not (tmp_path / "build").exists()
    if paths.INDOSUM_FILE.exists():
        assert first["PROCESSED_DIR"] == "data/processed/runs/indosum-articles"
        assert first["SIDECAR"] == "auto"


def test_missing_corpus_is_reported_before_any_kernel_starts(notebooks_dir, tmp_path):
    with pytest.raises(FileNotFoundError, match="CORPUS .*berita-hilang"):
        runner.run_notebooks(
            corpus=tmp_path / "berita-hilang", notebooks_dir=notebooks_dir, build_dir=tmp_path / "b"
        )


def test_the_run_plan_names_are_importable_from_the_runner():
    """``utils.runner.plan`` holds where a run writes and with which parameters; the runner layer
    (``utils.runner``) offers those names beside the notebook runs of ``utils.runner.notebooks``."""
    import utils.runner as runner_layer
    from utils.runner import plan as run_plan

    for name in ["OutputPlan", "output_plan", "display_path", "corpus_slug", "parse_params",
                 "parse_value", "list_notebooks", "declared_parameters", "run_parameters",
                 "DEFAULT_CORPUS", "NOTEBOOK_GLOB"]:  # fmt: skip
        assert getattr(runner_layer, name) is getattr(run_plan, name), name
    assert set(runner_layer.__all__) >= {
        "run_notebooks",
        "stale_outputs",
        "prune",
        "main",
        "NotebookFailed",
    }


def test_html_report_leaves_out_the_code_and_the_code_variant_keeps_it(tmp_path):
    """``--html`` / ``make report``: <name>.html without code cells, <name>.code.html with them."""
    import nbformat

    from utils.runner import write_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Laporan: Rusia dan Korea Utara"),
        nbformat.v4.new_code_cell(
            "hitungan = {'Korea Utara': 52}",
            outputs=[nbformat.v4.new_output("stream", name="stdout", text="52 sebutan\n")],
        ),
    ]
    executed = tmp_path / "04-co-mentions.ipynb"
    nbformat.write(nb, executed)
    report = write_html(executed)
    with_code = tmp_path / "04-co-mentions.code.html"
    assert report.name == "04-co-mentions.html" and with_code.exists()
    report_html, code_html = report.read_text(encoding="utf-8"), with_code.read_text("utf-8")
    for html in (report_html, code_html):
        assert "Laporan: Rusia dan Korea Utara" in html and "52 sebutan" in html
    assert "hitungan" not in report_html and "hitungan" in code_html
