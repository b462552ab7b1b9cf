"""Where everything lives, computed once from the repository root.

Every path the notebooks and helpers use comes from here, so a notebook run
from ``notebooks/``, a test run from the root and a papermill run in a build
folder all agree.

>>> (ROOT / "utils" / "paths.py").exists()
True
>>> resolve("data/raw") == RAW_DIR
True
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
SIDECAR_FILE = RAW_DIR / "metadata.csv"
PROCESSED_DIR = DATA_DIR / "processed"
INTERIM_DIR = DATA_DIR / "interim"
#: The per-article result cache. ``BERITA_CACHE_DIR`` overrides it (tests point it at a
#: temporary folder so they never touch the repository's cache).
CACHE_DIR = Path(os.environ.get("BERITA_CACHE_DIR", INTERIM_DIR / "cache")).resolve()

ACTORS_FILE = DATA_DIR / "actors.csv"
STOPWORDS_FILE = DATA_DIR / "stopwords-id.txt"
NEWS_STOPWORDS_FILE = DATA_DIR / "stopwords-news.txt"
ABBREVIATIONS_FILE = DATA_DIR / "abbreviations-id.txt"
OUTLETS_FILE = DATA_DIR / "outlets.csv"

FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"

#: ``../shared`` beside the repository: present on developer machines and in CI,
#: absent on a user's clone. Override with the ``SHARED_DIR`` environment variable.
SHARED_DIR = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")).resolve()
INDOSUM_FILE = SHARED_DIR / "corpora" / "indosum" / "articles.jsonl"
GOLD_DIR = SHARED_DIR / "gold"


def resolve(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` as an absolute path, reading relative paths from the repository root.

    Notebook parameters are written relative to the root (``"data/raw"``) so
    that they mean the same thing wherever the kernel's working directory is.

    >>> resolve("figures") == FIGURES_DIR
    True
    >>> resolve("/tmp") == Path("/tmp")
    True
    """
    path = Path(path).expanduser()
    return path if path.is_absolute() else (ROOT / path).resolve()
