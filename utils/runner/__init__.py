"""Apart from the analysis: running the notebooks headless (``python -m utils.runner``).
"""

from __future__ import annotations

from utils.runner.notebooks import (
    KERNEL_NAME,
    NotebookFailed,
    main,
    prune,
    run_notebooks,
    stale_outputs,
    write_html,
)
from utils.runner.plan import (
    DEFAULT_CORPUS,
    DEFAULT_NAME,
    NOTEBOOK_GLOB,
    OutputPlan,
    corpus_slug,
    declared_parameters,
    display_path,
    list_notebooks,
    output_plan,
    parse_params,
    parse_value,
    run_parameters,
)

__all__ = [
    "DEFAULT_CORPUS",
    "DEFAULT_NAME",
    "KERNEL_NAME",
    "NOTEBOOK_GLOB",
    "NotebookFailed",
    "OutputPlan",
    "corpus_slug",
    "declared_parameters",
    "display_path",
    "list_notebooks",
    "main",
    "output_plan",
    "parse_params",
    "parse_value",
    "prune",
    "run_notebooks",
    "run_parameters",
    "stale_outputs",
    "write_html",
]
