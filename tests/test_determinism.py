"""Same corpus, same parameters -> identical tables, figure bytes and manifest (two full runs).

The runs read the real seed corpus in ``data/raw/`` (which must stay byte-identical: no code
writes there) and write to ``tmp_path``.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from test_notebooks import NOTEBOOKS, applicable, tree_hashes

from utils import paths, provenance
from utils.runner import notebooks as runner

PARAMS = {"SCOPE": "paragraph", "FREQ": "W"}


def code_and_data_hash() -> str:
    """Hash of everything besides the corpus that shapes the outputs: utils/, notebooks/, data/*."""
    files = [
        *sorted((paths.ROOT / "utils").glob("*.py")),
        *sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")),
        *sorted(p for p in paths.DATA_DIR.glob("*.*") if p.is_file()),
    ]
    return provenance.sha256_bytes(
        repr([(f.name, provenance.file_sha256(f)) for f in files]).encode()
    )


def run_once(corpus, out, build):
    """Run every notebook into ``out`` and return ``{relative path: sha256}`` of what it wrote."""
    runner.run_notebooks(
        corpus=corpus,
        params=applicable(PARAMS),
        processed_dir=out / "processed",
        figures_dir=out / "figures",
        build_dir=build,
        progress=False,
    )
    return tree_hashes(out)


@pytest.mark.slow
def test_two_runs_write_identical_tables_figures_and_manifest(tmp_path):
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    code_before = code_and_data_hash()
    corpus = paths.RAW_DIR
    raw_before = tree_hashes(paths.RAW_DIR)
    out = (
        tmp_path / "out"
    )  # the same output paths both times: they are parameters, so they are recorded
    first = run_once(corpus, out, tmp_path / "build1")
    kept = tmp_path / "first"
    shutil.copytree(out, kept)
    shutil.rmtree(out)
    second = run_once(corpus, out, tmp_path / "build2")

    assert tree_hashes(paths.RAW_DIR) == raw_before, (
        "data/raw/ changed: it is read-only to the code"
    )
    if code_and_data_hash() != code_before:  # only while several people edit the repo at once
        pytest.skip("utils/, notebooks/ or data/ changed while the test ran; re-run")
    assert sorted(first) == sorted(second), "the two runs wrote different files"
    assert any(name.endswith(".png") for name in first) and any(
        name.endswith(".svg") for name in first
    )
    assert "figures/manifest.csv" in first
    differing = sorted(name for name in first if first[name] != second[name])
    # report table differences by content, which is easier to read than a hash
    for name in differing:
        if name.endswith((".parquet", ".csv")):
            pd.testing.assert_frame_equal(
                provenance.read_table(kept / name), provenance.read_table(out / name)
            )
    assert not differing, f"files differ between two identical runs: {differing}"
