"""Shared test fixtures: the seed corpus in the repo, and ``../shared`` when it is present."""

from __future__ import annotations

import pytest

from utils import corpus, paths
from utils.actors import find_mentions, load_actors
from utils.engine import EngineOptions


@pytest.fixture(scope="session")
def seed_dir():
    """The project's first corpus, ``data/raw/`` (five seed articles and their sidecar)."""
    return paths.RAW_DIR


@pytest.fixture(scope="session")
def indosum_file():
    """The shared 3,410-article IndoSum corpus; tests using it skip when ``../shared`` is absent."""
    if not paths.INDOSUM_FILE.exists():
        pytest.skip(
            f"shared IndoSum corpus not found at {paths.INDOSUM_FILE} (only on developer machines and CI)"
        )
    return paths.INDOSUM_FILE


@pytest.fixture(scope="session")
def gold_dir():
    """Gold standards (UD Indonesian GSD/CSUI, NER-UI); tests using them skip when ``../shared`` is absent."""
    if not paths.GOLD_DIR.exists():
        pytest.skip(
            f"shared gold data not found at {paths.GOLD_DIR} (only on developer machines and CI)"
        )
    return paths.GOLD_DIR


@pytest.fixture(scope="module")
def seeds(seed_dir):
    """The seed article table (:func:`utils.corpus.loading.load_articles` on ``data/raw/``), once per module."""
    return corpus.load_articles(seed_dir, progress=False)


@pytest.fixture(scope="module")
def mentions(seeds):
    """The actor mentions of the seed articles with the shipped actor list, once per module."""
    return find_mentions(seeds, load_actors(), options=EngineOptions(progress=False))
