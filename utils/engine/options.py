"""How the per-article work runs: the cache, the engine and the progress bar, in one object.

Every function that runs per-article stages (:func:`utils.engine.article_stages.map_articles`,
:func:`utils.text.token_table`, :func:`utils.actors.find_mentions`,
:func:`utils.frequencies.count_articles`, :func:`utils.pipeline.run_pipeline`) takes one
``options`` argument instead of six keywords, so a notebook sets them once:

>>> options = EngineOptions(engine="dask", scheduler="tcp://10.0.0.5:8786")
>>> options.cache, options.engine, options.workers
(True, 'dask', None)
>>> options.replace(progress=False).progress
False
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from utils import paths

ENGINES = ("pandas", "dask")


@dataclass(frozen=True)
class EngineOptions:
    """The options of a per-article pass.

    Attributes:
        cache: read and write the per-article cache (``False`` recomputes every article).
        cache_dir: where the cache lives (``data/interim/cache/`` by default).
        engine: ``"pandas"`` (a process pool over the uncached articles, both cores) or
            ``"dask"`` (the same chunks as a dask.bag).
        scheduler: with ``engine="dask"``, a ``"tcp://host:8786"`` address or a
            ``distributed.Client``; without it Dask's local process scheduler.
        workers: processes to use (default: all cores); ``1`` runs in this process.
        progress: show a progress bar while articles are computed.
    """

    cache: bool = True
    cache_dir: str | os.PathLike[str] = paths.CACHE_DIR
    engine: str = "pandas"
    scheduler: Any = None
    workers: int | None = None
    progress: bool = True

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {self.engine!r}")

    def replace(self, **changes: Any) -> EngineOptions:
        """A copy with ``changes`` (e.g. ``progress=False``)."""
        return dataclasses.replace(self, **changes)


#: The defaults: cached, both cores, a progress bar.
DEFAULT_OPTIONS = EngineOptions()
