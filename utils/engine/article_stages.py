"""Run per-article stages on every article: cached, on both cores, or on a Dask cluster.

A *per-article function* is a top-level (picklable) pure function
``func(article: dict, **params)`` that returns the rows for one article, either as a
DataFrame or, faster, as a dict of equal-length column lists. :func:`map_articles` applies it
to every article and returns one DataFrame in article order with ``article_id`` first.
:func:`map_article_stages` runs several such stages in ONE pass over the articles (each article
is read once and goes through every stage it misses), each stage still cached on its own.

Results are cached per article under ``data/interim/cache/<stage>/<key>/`` (see
:mod:`utils.engine.cache`): the key combines the stage name, the parameters (DataFrames and files by
content, e.g. the actor list) and the source code of the function's module (plus any
``depends_on`` modules). Each article is looked up by its ``content_hash``, so re-running after
adding one article computes one article, and changing the actor list recomputes the mention
stage only. Which articles a pass computes, and how cached and new rows are put together, is
:mod:`utils.engine.stage_rows`; where the work runs (one process, forked workers, Dask) is
:mod:`utils.engine.executors`.

>>> import pandas as pd, tempfile
>>> articles = pd.DataFrame({"article_id": ["a", "b"],
...                          "text": ["Rusia dan Korut.", "Kim Jong-un tiba di Moskow."]})
>>> map_articles(articles, count_whitespace_words, stage="doctest", params={},
...              options=EngineOptions(cache_dir=tempfile.mkdtemp(), progress=False))
  article_id  n_words
0          a        3
1          b        5
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from utils import paths
from utils.engine import executors as engines
from utils.engine.cache import (
    ShardStore,
    concat_tables,
    content_hashes,
    fingerprint,
    module_version,
)
from utils.engine.executors import ChunkRows, count_whitespace_words
from utils.engine.options import DEFAULT_OPTIONS, EngineOptions
from utils.engine.stage_rows import (
    KEY_COLUMN,
    TODO_COLUMN,
    CacheEntry,
    articles_to_compute,
    assemble,
    cached_values,
    drop_known,
    new_keys,
    work_table,
)
from utils.engine.stage_spec import ArticleStage

__all__ = [
    "ArticleStage",
    "content_hashes",
    "count_whitespace_words",
    "map_article_stages",
    "map_articles",
]

#: Below this many uncached articles (or this many characters) a pool costs more than it saves.
SERIAL_MAX_ARTICLES = 64
SERIAL_MAX_CHARS = 400_000
#: Merge an entry's shards into one once it holds more than this many.
COMPACT_AFTER_SHARDS = 24


# ---------------------------------------------------------------------- cache keys
def stage_key(
    func: Callable, *, stage: str, params: Mapping[str, Any], depends_on: Sequence[ModuleType] = ()
) -> str:
    """Return the cache key of a stage: a hash of its name, parameters and code version.

    >>> stage_key(count_whitespace_words, stage="words", params={"stem": False}) == stage_key(
    ...     count_whitespace_words, stage="words", params={"stem": True})
    False
    """
    modules = [sys.modules.get(func.__module__), *_project_imports(depends_on)]
    versions = sorted({m.__name__: module_version(m) for m in modules if m is not None}.items())
    return fingerprint(stage, f"{func.__module__}.{func.__qualname__}", dict(params), versions)


def _project_imports(modules: Sequence[ModuleType]) -> list[ModuleType]:
    """``modules`` plus the ``utils`` modules they import at top level, transitively (so a change
    in e.g. the module that builds the gazetteer also changes the mention stage's code version).

    >>> names = {m.__name__ for m in _project_imports([sys.modules["utils.engine.article_stages"]])}
    >>> {"utils.engine.cache", "utils.paths"} <= names
    True
    """
    package = __name__.split(".")[0] + "."
    found: dict[str, ModuleType] = {}
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module.__name__ in found:
            continue
        found[module.__name__] = module
        for value in vars(module).values():
            name = (
                value.__name__
                if isinstance(value, ModuleType)
                else getattr(value, "__module__", None)
            )
            if isinstance(name, str) and name.startswith(package) and name not in found:
                imported = sys.modules.get(name)
                if imported is not None:
                    todo.append(imported)
    return [found[name] for name in sorted(found)]


# ---------------------------------------------------------------------- stages and their cache
def _open_entry(stage: ArticleStage, keys: np.ndarray, options: EngineOptions) -> CacheEntry:
    keys = [key for key in keys if key is not None]  # None: not known before the pass
    if not options.cache:
        return CacheEntry(None, None, {})
    modules = [importlib.import_module(m) if isinstance(m, str) else m for m in stage.depends_on]
    key = stage_key(stage.func, stage=stage.name, params=stage.params, depends_on=modules)
    store = ShardStore(
        paths.resolve(options.cache_dir) / stage.name / key,
        description={
            "stage": stage.name,
            "function": f"{stage.func.__module__}.{stage.func.__qualname__}",
            "params": {k: repr(v)[:200] for k, v in sorted(stage.params.items())},
        },
    )
    cached, found = store.load(keys)
    return CacheEntry(store, cached, found)


# ---------------------------------------------------------------------- one pass, in the workers
def run_stages_chunk(
    rows: list[dict], *, stages: tuple[tuple[str, Callable, Mapping, Mapping, bool], ...]
) -> tuple[dict[str, tuple[pa.Table | None, list[int]]], dict[str, float]]:
    """Run each stage ``(name, func, params, passes_on, becomes_article)`` on the rows that miss
    it (bit i of the row's ``_stages_to_run``), stage after stage; return ``{name: (table, rows
    per computed article)}`` and ``{name: CPU seconds}`` (this process).

    >>> rows = [{"text": "Rusia dan Korut.", "_stages_to_run": 1}, {"text": "Kim.", "_stages_to_run": 0}]
    >>> results, cpu = run_stages_chunk(rows, stages=(("w", count_whitespace_words, {}, {}, False),))
    >>> results["w"][0].column("n_words").to_pylist(), results["w"][1]
    ([3], [1])
    """
    todo = [row.pop(TODO_COLUMN) for row in rows]
    results, cpu_seconds = {}, {}
    for bit, (name, func, params, passes_on, becomes_article) in enumerate(stages):
        started = time.process_time()
        collected = ChunkRows()
        for row, stages_to_run in zip(rows, todo, strict=True):
            if stages_to_run >> bit & 1:
                result = func(row, **params)
                collected.add(result, article_id=row.get("article_id"))
                for key, column in passes_on.items():
                    row[key] = result[column]
                if becomes_article:
                    row["text"] = _only_value(result, "text", stage=name)
                    row[KEY_COLUMN] = _only_value(result, KEY_COLUMN, stage=name)
        results[name] = collected.finish()
        cpu_seconds[name] = time.process_time() - started
    return results, cpu_seconds


def _only_value(result: Any, column: str, *, stage: str) -> Any:
    """The value of ``column`` in a one-row result (of a stage that becomes the article).

    >>> _only_value({"text": ["Rusia."], "content_hash": ["ab"]}, "text", stage="clean")
    'Rusia.'
    """
    values = list(result[column])
    if len(values) != 1:
        raise ValueError(
            f"stage {stage!r} becomes the article: it must return one row, got {len(values)}"
        )
    return values[0]


# ---------------------------------------------------------------------- the public functions
def map_article_stages(
    articles: pd.DataFrame,
    stages: Sequence[ArticleStage],
    *,
    options: EngineOptions = DEFAULT_OPTIONS,
) -> tuple[dict[str, pd.DataFrame | pa.Table], dict[str, float]]:
    """Run several cached per-article stages in one pass; return the tables and the CPU time.

    Each stage is cached exactly as :func:`map_articles` would cache it alone (same entry,
    same rows), but an article missing from several stages is read, handed to a worker and
    turned into an article dict once, and goes through all of them there, in order.

    Returns:
        ``{stage name: table}`` (as :func:`map_articles` returns it) and ``{stage name: CPU
        seconds its function took}``, measured inside the processes that ran it (0 when all
        was cached).

    >>> import pandas as pd, tempfile
    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Duta Besar AS"]})
    >>> tables, cpu = map_article_stages(articles, [ArticleStage("words", count_whitespace_words)],
    ...     options=EngineOptions(cache_dir=tempfile.mkdtemp(), progress=False))
    >>> tables["words"]["n_words"].tolist(), sorted(cpu)
    ([3], ['words'])
    """
    _check_arguments(articles, stages)
    if not stages:
        return {}, {}
    keys = content_hashes(articles).to_numpy(dtype=object)
    article_ids = articles["article_id"].astype(str).to_numpy(dtype=object)
    entries = [_open_entry(stages[0], keys, options)]
    # After a stage that becomes the article, the later stages are keyed by ITS content_hash:
    # known now for the articles it has cached, found in the workers for the others (None).
    later_keys = cached_values(entries[0], keys) if stages[0].becomes_article else keys
    entries += [_open_entry(s, later_keys, options) for s in stages[1:]]
    positions, todo_masks = articles_to_compute(keys, later_keys, entries)
    frame = work_table(articles, keys, later_keys, positions, todo_masks, stages, entries)

    new_parts: dict[str, list[pa.Table]] = {stage.name: [] for stage in stages}
    new_counts: dict[str, list[int]] = {stage.name: [] for stage in stages}
    cpu_seconds = dict.fromkeys(new_parts, 0.0)
    if len(frame):
        for results, chunk_cpu in _compute(frame, stages, options):
            for name, (table, counts) in results.items():
                if table is not None:
                    new_parts[name].append(table)
                new_counts[name].extend(counts)
            for name, seconds in chunk_cpu.items():
                cpu_seconds[name] += seconds

    tables = {}
    for bit, (stage, entry) in enumerate(zip(stages, entries, strict=True)):
        if bit == 1 and stages[0].becomes_article:  # every article's key is known now
            keys = new_keys(tables[stages[0].name], entries[0], stage=stages[0].name)
        computed = keys[positions[(todo_masks >> bit & 1).astype(bool)]].tolist()
        new_table = concat_tables(new_parts[stage.name]) if new_parts[stage.name] else None
        new_table, counts, computed = drop_known(new_table, new_counts[stage.name], computed, entry)
        if entry.store is not None and computed:
            entry.store.append(
                new_table if new_table is not None else pa.table({}), computed, counts
            )
            if entry.store.n_shards() > COMPACT_AFTER_SHARDS:
                entry.store.compact()
        tables[stage.name] = assemble(
            keys, article_ids, entry, computed, new_table, counts, output=stage.output
        )
    return tables, cpu_seconds


def _check_arguments(articles: pd.DataFrame, stages: Sequence[ArticleStage]) -> None:
    for stage in stages:
        if stage.output not in ("pandas", "arrow"):
            raise ValueError(f"output must be 'pandas' or 'arrow', got {stage.output!r}")
    if any(stage.becomes_article for stage in stages[1:]):
        raise ValueError("only the first stage of a pass can become the article")
    missing_columns = {"article_id", "text"} - set(articles.columns)
    if missing_columns:
        raise ValueError(f"the article table lacks the column(s) {sorted(missing_columns)}")


def _compute(frame, stages, options: EngineOptions):
    """Yield ``(results, cpu)`` per chunk of ``frame`` (see :func:`run_stages_chunk`)."""
    n_chars = int(engines.text_lengths(frame).sum())
    n_workers = options.workers or os.cpu_count() or 1
    serial = n_workers == 1 or len(frame) <= SERIAL_MAX_ARTICLES or n_chars <= SERIAL_MAX_CHARS
    work = tuple(
        (s.name, s.func, dict(s.params), dict(s.passes_on), s.becomes_article) for s in stages
    )
    runner = partial(run_stages_chunk, stages=work)
    desc = "+".join(stage.name for stage in stages)
    yield from engines.compute(runner, frame, engine=options.engine, workers=options.workers,
                               scheduler=options.scheduler, serial=serial,
                               progress=options.progress, desc=desc)  # fmt: skip


def map_articles(
    articles: pd.DataFrame,
    func: Callable[..., pd.DataFrame | Mapping[str, Sequence]],
    *,
    stage: str,
    params: Mapping[str, Any] | None = None,
    options: EngineOptions = DEFAULT_OPTIONS,
    depends_on: Sequence[ModuleType | str] = (),
    output: str = "pandas",
) -> pd.DataFrame | pa.Table:
    """Apply ``func(article_as_dict, **params)`` to every article; return all rows in article order.

    Args:
        articles: the article table (needs ``article_id`` and ``text``; ``content_hash`` is
            used as the cache key and computed from ``text`` when absent).
        func, stage, params, depends_on, output: the stage (see :class:`ArticleStage`).
        options: the cache, the engine (``"pandas"``: a process pool over the uncached
            articles, both cores; ``"dask"``: the same chunks as a dask.bag), the workers and
            the progress bar (:class:`utils.engine.options.EngineOptions`).

    Returns:
        A DataFrame with ``article_id`` first, then ``func``'s columns; rows grouped by article
        in the order of ``articles`` and, within an article, in the order ``func`` returned them.

    >>> import pandas as pd, tempfile
    >>> articles = pd.DataFrame({"article_id": ["x"], "text": ["Duta Besar AS"]})
    >>> map_articles(articles, count_whitespace_words, stage="words",
    ...              options=EngineOptions(cache=False, progress=False))["n_words"].tolist()
    [3]
    """
    one = ArticleStage(stage, func, dict(params or {}), depends_on, output=output)
    tables, _ = map_article_stages(articles, [one], options=options)
    return tables[stage]
