"""Run per-article stages on every article: cached, on both cores, or on a Dask cluster.

A *per-article function* is a top-level (picklable) pure function
``func(article: dict, **params)`` that returns the rows for one article, either as a
DataFrame or, faster, as a dict of equal-length column lists. :func:`map_articles` applies it
to every article and returns one DataFrame in article order with ``article_id`` first.

Results are cached per article under ``data/interim/cache/<stage>/<key>/`` (see
:mod:`utils.cache`): the key combines the stage name, the parameters (DataFrames and files by
content, e.g. the actor list) and the source code of the function's module (plus any
``depends_on`` modules). Each article is looked up by its ``content_hash``, so re-running after
adding one article computes one article, and changing the actor list recomputes the mention
stage only.

>>> import pandas as pd, tempfile
>>> articles = pd.DataFrame({"article_id": ["a", "b"],
...                          "text": ["Rusia dan Korut.", "Kim Jong-un tiba di Moskow."]})
>>> map_articles(articles, count_words, stage="doctest", params={}, cache_dir=tempfile.mkdtemp(),
...              progress=False)
  article_id  n_words
0          a        3
1          b        5
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from utils import paths
from utils.cache import ShardStore, _run_indices, concat_tables, fingerprint, module_version

#: Below this many uncached articles (or this many characters) a pool costs more than it saves.
SERIAL_MAX_ARTICLES = 64
SERIAL_MAX_CHARS = 400_000
#: Merge an entry's shards into one once it holds more than this many.
COMPACT_AFTER_SHARDS = 24
ENGINES = ("pandas", "dask")


def count_words(article: Mapping[str, Any]) -> dict[str, list]:
    """A tiny per-article function (whitespace word count), for examples and tests.

    >>> count_words({"text": "Rusia dan Korea Utara"})
    {'n_words': [4]}
    """
    return {"n_words": [len(article["text"].split())]}


def content_hashes(articles: pd.DataFrame) -> pd.Series:
    """Return the articles' ``content_hash`` column, or sha256 of ``text`` when it is missing.

    >>> content_hashes(pd.DataFrame({"text": ["Korut"]})).str.len().tolist()
    [64]
    """
    if "content_hash" in articles.columns and articles["content_hash"].notna().all():
        return articles["content_hash"].astype(str)
    return articles["text"].map(lambda text: hashlib.sha256(str(text).encode("utf-8")).hexdigest())


# ---------------------------------------------------------------------- one chunk of articles
def _as_table(result: Any, *, where: str) -> pa.Table:
    if isinstance(result, pd.DataFrame):
        frame = result.drop(columns=["article_id"], errors="ignore").reset_index(drop=True)
        return pa.Table.from_pandas(frame, preserve_index=False)
    if isinstance(result, Mapping):
        return pa.table({k: v for k, v in result.items() if k != "article_id"})
    raise TypeError(
        f"{where}: a per-article function must return a DataFrame or a dict of columns, "
        f"got {type(result).__name__}"
    )


def _run_chunk(
    func: Callable, rows: list[dict], params: Mapping[str, Any]
) -> tuple[pa.Table | None, list[int]]:
    """Apply ``func`` to each row; return the rows' results as one table and a row count each."""
    tables: list[pa.Table] = []
    columns: dict[str, list] | None = None
    counts: list[int] = []
    for row in rows:
        result = func(row, **params)
        if isinstance(result, Mapping) and not isinstance(result, pd.DataFrame):
            # Fast path: plain column lists are concatenated, no per-article Arrow/pandas object.
            lengths = {len(v) for v in result.values()}
            if len(lengths) > 1:
                raise ValueError(
                    f"article {row.get('article_id')!r}: columns of unequal length {sorted(lengths)}"
                )
            n = lengths.pop() if lengths else 0
            if n == 0 and not result:  # {}: no rows, nothing to check
                counts.append(0)
                continue
            if columns is None:
                columns = {k: [] for k in result if k != "article_id"}
            if set(columns) != set(result) - {"article_id"}:
                raise ValueError(
                    f"article {row.get('article_id')!r}: columns {sorted(result)} differ "
                    f"from the previous articles' {sorted(columns)}"
                )
            for key, values in result.items():
                if key != "article_id":
                    columns[key].extend(values)
            counts.append(n)
        else:
            if columns is not None:  # keep article order when return types alternate
                tables.append(pa.table(columns))
                columns = None
            table = _as_table(result, where=f"article {row.get('article_id')!r}")
            tables.append(table)
            counts.append(table.num_rows)
    if columns is not None:
        tables.append(pa.table(columns))
    if not tables:
        return None, counts
    return concat_tables(tables), counts


def _chunks(rows: list[dict], n_chunks: int) -> list[list[dict]]:
    """Split rows into about ``n_chunks`` chunks of similar total text length, keeping order."""
    if not rows:
        return []
    sizes = np.cumsum([len(str(row.get("text", ""))) + 200 for row in rows])
    bounds = np.searchsorted(sizes, np.linspace(0, sizes[-1], n_chunks + 1)[1:-1], side="right")
    edges = [0, *sorted(set(int(b) for b in bounds if 0 < b < len(rows))), len(rows)]
    return [rows[a:b] for a, b in zip(edges[:-1], edges[1:], strict=True)]


def _run_chunk_dask(rows: list[dict], *, function: Callable, params: Mapping[str, Any]):
    return _run_chunk(function, rows, params)


def _pool_context():
    """Fork where available: works from notebooks and unguarded scripts, and starts instantly."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _compute(func, rows, params, *, engine, workers, scheduler, progress, stage, prepare=None):
    """Yield (table, counts) per chunk, in row order."""
    n_chars = sum(len(str(row.get("text", ""))) for row in rows)
    if engine == "dask":
        yield from _compute_dask(func, rows, params, scheduler=scheduler, workers=workers)
        return
    workers = workers or os.cpu_count() or 1
    serial = workers == 1 or len(rows) <= SERIAL_MAX_ARTICLES or n_chars <= SERIAL_MAX_CHARS
    if serial:
        step = 256
        for start in tqdm(
            range(0, len(rows), step), desc=stage, unit="chunk", disable=not progress
        ):
            yield _run_chunk(func, rows[start : start + step], params)
        return
    if prepare is not None:
        prepare(rows, workers=workers)  # e.g. shared lookup tables, inherited by forked workers
    chunks = _chunks(rows, max(workers * 8, len(rows) // 2000))
    context = _pool_context()
    global _FORKED_PAYLOAD
    if context.get_start_method() == "fork":
        # Forked workers inherit the rows: each task sends two integers, not megabytes of text.
        _FORKED_PAYLOAD = (func, rows, params)
        edges = np.cumsum([0, *map(len, chunks)])
        tasks = [
            (_run_forked_slice, int(a), int(b)) for a, b in zip(edges[:-1], edges[1:], strict=True)
        ]
    else:
        tasks = [(_run_chunk, func, chunk, params) for chunk in chunks]
    # Freeze the parent's objects out of the garbage collector: forked workers then neither scan
    # nor copy-on-write the (large) inherited heap when they collect garbage.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(*task) for task in tasks]
            for future in tqdm(futures, desc=stage, unit="chunk", disable=not progress):
                yield future.result()
    finally:
        _FORKED_PAYLOAD = None
        gc.unfreeze()


_FORKED_PAYLOAD: tuple | None = None


def _run_forked_slice(start: int, stop: int):
    func, rows, params = _FORKED_PAYLOAD
    return _run_chunk(func, rows[start:stop], params)


def _import_dask():
    try:
        import dask.bag as dask_bag
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError(
            'engine="dask" needs the optional Dask extra: pip install -r requirements-dask.txt'
        ) from error
    return dask_bag


def _dask_client(scheduler):
    """Return (client, owned): a distributed Client for an address / Client (or the active default Client),
    or None for Dask's local process scheduler."""
    if scheduler is None:
        try:
            from distributed import default_client

            return default_client(), False
        except (ImportError, ValueError):
            return None, False
    if hasattr(scheduler, "submit") and hasattr(scheduler, "gather"):
        return scheduler, False
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover
        raise ImportError(
            "a Dask scheduler address needs the optional extra: pip install -r requirements-dask.txt"
        ) from error
    return Client(scheduler, set_as_default=False), True


def _compute_dask(func, rows, params, *, scheduler, workers):
    dask_bag = _import_dask()
    client, owned = _dask_client(scheduler)
    try:
        n_parts = max(1, min(len(rows), (workers or os.cpu_count() or 1) * 4, len(rows) // 100 + 1))
        chunks = _chunks(rows, n_parts)
        bag = dask_bag.from_sequence(chunks, npartitions=len(chunks)).map(
            _run_chunk_dask, function=func, params=params
        )
        if client is not None:
            results = client.compute(bag).result()
        else:
            import dask

            local = (
                "processes" if (workers or os.cpu_count() or 1) > 1 and len(chunks) > 1 else "sync"
            )
            with dask.config.set({"multiprocessing.context": _pool_context().get_start_method()}):
                results = bag.compute(scheduler=local, num_workers=workers)
    finally:
        if owned:
            client.close()
    yield from results


# ---------------------------------------------------------------------- the public function
def stage_key(
    func: Callable, *, stage: str, params: Mapping[str, Any], depends_on: Sequence[ModuleType] = ()
) -> str:
    """Return the cache key of a stage: a hash of its name, parameters and code version.

    >>> stage_key(count_words, stage="words", params={"stem": False}) == stage_key(
    ...     count_words, stage="words", params={"stem": True})
    False
    """
    modules = [sys.modules.get(func.__module__), *_project_imports(depends_on)]
    versions = sorted({m.__name__: module_version(m) for m in modules if m is not None}.items())
    return fingerprint(stage, f"{func.__module__}.{func.__qualname__}", dict(params), versions)


def _project_imports(modules: Sequence[ModuleType]) -> list[ModuleType]:
    """``modules`` plus the ``utils`` modules they import at top level, transitively (so a change
    in e.g. the module that builds the gazetteer also changes the mention stage's code version).

    >>> names = {m.__name__ for m in _project_imports([sys.modules["utils.pipeline"]])}
    >>> {"utils.cache", "utils.paths"} <= names
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


def map_articles(
    articles: pd.DataFrame,
    func: Callable[..., pd.DataFrame | Mapping[str, Sequence]],
    *,
    stage: str,
    params: Mapping[str, Any] | None = None,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] = paths.CACHE_DIR,
    engine: str = "pandas",
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool = True,
    depends_on: Sequence[ModuleType | str] = (),
    output: str = "pandas",
    prepare: Callable[..., None] | None = None,
) -> pd.DataFrame | pa.Table:
    """Apply ``func(article_as_dict, **params)`` to every article; return all rows in article order.

    Args:
        articles: the article table (needs ``article_id`` and ``text``; ``content_hash`` is
            used as the cache key and computed from ``text`` when absent).
        func: a top-level per-article function returning a DataFrame or a dict of columns.
            Its result must depend only on the article's text and ``params``.
        stage: the stage name, also the cache folder name (e.g. ``"mentions"``).
        params: keyword arguments for ``func``; all of them are part of the cache key
            (DataFrames and file paths by content).
        cache: read and write the per-article cache.
        engine: ``"pandas"`` (a process pool over the uncached articles, both cores) or
            ``"dask"`` (the same chunks as a dask.bag; ``scheduler`` is a ``"tcp://..."``
            address or a ``distributed.Client``; without it Dask's local process scheduler).
        workers: processes to use (default: all cores); ``1`` runs in this process.
        depends_on: further modules (or module names) whose source is part of the code version.
        output: ``"pandas"`` (a DataFrame) or ``"arrow"`` (a ``pyarrow.Table``, cheaper for
            tens of millions of rows that are only aggregated).
        prepare: optional ``prepare(rows_to_compute, workers=n)``, called in this process just
            before the process pool starts (not for one process, nor on Dask), to build shared
            read-only tables the forked workers inherit (e.g. the stems of the vocabulary). It
            may change speed only, never results, so it is not part of the cache key.

    Returns:
        A DataFrame with ``article_id`` first, then ``func``'s columns; rows grouped by article
        in the order of ``articles`` and, within an article, in the order ``func`` returned them.

    >>> import pandas as pd, tempfile
    >>> articles = pd.DataFrame({"article_id": ["x"], "text": ["Duta Besar AS"]})
    >>> map_articles(articles, count_words, stage="words", cache=False, progress=False)["n_words"].tolist()
    [3]
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if output not in ("pandas", "arrow"):
        raise ValueError(f"output must be 'pandas' or 'arrow', got {output!r}")
    missing_columns = {"article_id", "text"} - set(articles.columns)
    if missing_columns:
        raise ValueError(f"the article table lacks the column(s) {sorted(missing_columns)}")
    params = dict(params or {})
    modules = [importlib.import_module(m) if isinstance(m, str) else m for m in depends_on]
    keys = content_hashes(articles).to_numpy(dtype=object)
    article_ids = articles["article_id"].astype(str).to_numpy(dtype=object)

    store = None
    cached_table, found = None, {}
    if cache:
        key = stage_key(func, stage=stage, params=params, depends_on=modules)
        store = ShardStore(
            paths.resolve(cache_dir) / stage / key,
            description={
                "stage": stage,
                "function": f"{func.__module__}.{func.__qualname__}",
                "params": {k: repr(v)[:200] for k, v in sorted(params.items())},
            },
        )
        cached_table, found = store.load(keys)

    # Each distinct uncached text is computed once, even if two articles share it.
    todo_positions: dict[str, int] = {}
    for position, key in enumerate(keys):
        if key not in found and key not in todo_positions:
            todo_positions[key] = position
    todo_keys = list(todo_positions)
    records = articles.iloc[list(todo_positions.values())].to_dict("records") if todo_keys else []

    new_tables: list[pa.Table] = []
    new_counts: list[int] = []
    for table, counts in _compute(
        func,
        records,
        params,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        stage=stage,
        prepare=prepare,
    ):
        if table is not None:
            new_tables.append(table)
        new_counts.extend(counts)
    new_table = concat_tables(new_tables) if new_tables else None
    if store is not None and todo_keys:
        store.append(new_table if new_table is not None else pa.table({}), todo_keys, new_counts)
        if store.n_shards() > COMPACT_AFTER_SHARDS:
            store.compact()

    # Assemble: one table holding cached rows then new rows; index runs in article order.
    locations = dict(found)
    base = cached_table.num_rows if cached_table is not None else 0
    starts = base + np.cumsum(new_counts, dtype=np.int64) - np.asarray(new_counts, dtype=np.int64)
    locations.update(zip(todo_keys, zip(starts.tolist(), new_counts, strict=True), strict=True))
    parts = [t for t in (cached_table, new_table) if t is not None and t.num_columns]
    if not parts:
        empty = pa.table({"article_id": pa.array([], pa.string())})
        return empty if output == "arrow" else empty.to_pandas()
    combined = concat_tables(parts)
    runs = np.array([locations[k] for k in keys], dtype=np.int64).reshape(len(keys), 2)
    run_starts, run_lengths = runs[:, 0], runs[:, 1]
    total = int(run_lengths.sum())
    in_order = total == combined.num_rows and bool(
        np.array_equal(run_starts, np.cumsum(run_lengths) - run_lengths)
    )
    # Same articles in the same order as stored (the usual re-run): a zero-copy slice, no take.
    rows = combined if in_order else combined.take(pa.array(_run_indices(run_starts, run_lengths)))
    # article_id is built in Arrow (a take), not as millions of Python string references.
    owner = pa.array(np.repeat(np.arange(len(keys), dtype=np.int32), run_lengths))
    if output == "arrow":  # dictionary-encoded: no copy of the id per row
        ids = pa.DictionaryArray.from_arrays(owner, pa.array(article_ids, pa.string()))
        return rows.add_column(0, "article_id", ids)
    rows = rows.add_column(0, "article_id", pa.array(article_ids, pa.string()).take(owner))
    return rows.to_pandas()


def run_pipeline(articles: pd.DataFrame, **options: Any) -> dict[str, pd.DataFrame]:
    """Run every stage (clean → … → timelines) on ``articles``; see :func:`utils.stages.run_pipeline`."""
    from utils import stages

    return stages.run_pipeline(articles, **options)
