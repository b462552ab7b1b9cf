"""Where chunks of articles are computed: in this process, on forked workers, or on Dask.

:mod:`utils.engine.article_stages` decides WHAT to compute (the articles missing from the cache); this module
runs it. A *chunk runner* is a picklable callable ``runner(rows) -> result`` over a list of
article dicts (e.g. ``functools.partial(run_chunk, func, params=...)``); :func:`compute` yields
its results chunk after chunk, in article order, whatever the engine:

* one process (few articles, or ``workers=1``);
* a pool of forked workers (the default on Linux/macOS): the workers inherit the article table
  and build their own article dicts, so the parent neither copies the texts into Python dicts
  nor sends them through pipes; each task is two integers;
* a ``dask.bag`` over the same chunks (a ``dask.distributed`` scheduler address or ``Client``,
  or Dask's local process scheduler).

>>> import pandas as pd
>>> from functools import partial
>>> frame = pd.DataFrame({"article_id": ["a", "b"], "text": ["Rusia dan Korut.", "Kim tiba."]})
>>> runner = partial(run_chunk, count_whitespace_words, params={})
>>> [table.column("n_words").to_pylist() for table, _ in compute(runner, frame, workers=1)]
[[3, 2]]
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from utils.engine.cache import concat_tables
from utils.progress import tqdm


def count_whitespace_words(article: Mapping[str, Any]) -> dict[str, list]:
    """A tiny per-article function (words separated by whitespace), for examples and tests.

    >>> count_whitespace_words({"text": "Rusia dan Korea Utara"})
    {'n_words': [4]}
    """
    return {"n_words": [len(article["text"].split())]}


# ---------------------------------------------------------------------- results of one chunk
class ChunkRows:
    """Collects the results of one per-article function over a chunk: one Arrow table holding
    every article's rows in order, and how many rows each article gave.

    >>> rows = ChunkRows()
    >>> rows.add({"token": ["Kim", "Jong-un"]}, article_id="a")
    >>> rows.add({}, article_id="b")
    >>> table, counts = rows.finish()
    >>> table.column("token").to_pylist(), counts
    (['Kim', 'Jong-un'], [2, 0])
    """

    def __init__(self) -> None:
        self.tables: list[pa.Table] = []
        self.columns: dict[str, list] | None = None
        self._keys: Any = None
        self.counts: list[int] = []

    def add(self, result: Any, *, article_id: Any) -> None:
        """Add one article's result: a dict of equal-length column lists, or a DataFrame."""
        if isinstance(result, Mapping):
            self._add_columns(result, article_id)
        else:
            if self.columns is not None:  # keep article order when return types alternate
                self.tables.append(pa.table(self.columns))
                self.columns = None
            table = _as_table(result, where=f"article {article_id!r}")
            self.tables.append(table)
            self.counts.append(table.num_rows)

    def _add_columns(self, result: Mapping[str, list], article_id: Any) -> None:
        # Fast path: plain column lists are concatenated, no per-article Arrow/pandas object.
        if not result:  # {}: no rows, nothing to check
            self.counts.append(0)
            return
        lengths = set(map(len, result.values()))
        if len(lengths) > 1:
            raise ValueError(f"article {article_id!r}: columns of unequal length {sorted(lengths)}")
        if self.columns is None:
            self.columns = {k: [] for k in result if k != "article_id"}
            self._keys = frozenset(result)  # the first article's column names
        if result.keys() != self._keys:  # one C-level comparison in the usual case
            self._check_columns(result, article_id)
        columns = self.columns
        for key, values in result.items():
            if key != "article_id":
                columns[key].extend(values)
        self.counts.append(lengths.pop())

    def _check_columns(self, result: Mapping[str, list], article_id: Any) -> None:
        """Raise unless ``result`` has the same columns (``article_id`` aside) as before."""
        if set(self.columns) != set(result) - {"article_id"}:
            raise ValueError(
                f"article {article_id!r}: columns {sorted(result)} differ "
                f"from the previous articles' {sorted(self.columns)}"
            )

    def finish(self) -> tuple[pa.Table | None, list[int]]:
        """Return (all rows as one table, or None when there are none; rows per article)."""
        if self.columns is not None:
            self.tables.append(pa.table(self.columns))
            self.columns = None
        return (concat_tables(self.tables) if self.tables else None), self.counts


def _as_table(result: Any, *, where: str) -> pa.Table:
    if isinstance(result, pd.DataFrame):
        frame = result.drop(columns=["article_id"], errors="ignore").reset_index(drop=True)
        return pa.Table.from_pandas(frame, preserve_index=False)
    raise TypeError(
        f"{where}: a per-article function must return a DataFrame or a dict of columns, "
        f"got {type(result).__name__}"
    )


def run_chunk(
    func: Callable, rows: list[dict], params: Mapping[str, Any]
) -> tuple[pa.Table | None, list[int]]:
    """Apply ``func(row, **params)`` to each row; return the rows' results as one table and a
    row count per article (a chunk runner once ``func`` and ``params`` are bound).

    >>> run_chunk(count_whitespace_words, [{"text": "Rusia dan Korut"}], {})[1]
    [1]
    """
    collected = ChunkRows()
    for row in rows:
        collected.add(func(row, **params), article_id=row.get("article_id"))
    return collected.finish()


def process_tree_cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have finished.

    >>> process_tree_cpu() > 0
    True
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: this process only
        import time

        return time.process_time()
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# ---------------------------------------------------------------------- chunks and engines
def article_dicts(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as article dicts (what per-article functions receive).

    The same dicts as ``frame.to_dict("records")`` (Python scalars, not NumPy ones), built
    column by column: about three times faster.

    >>> article_dicts(pd.DataFrame({"article_id": ["a"], "text": ["Korut"], "n": [3]}))
    [{'article_id': 'a', 'text': 'Korut', 'n': 3}]
    """
    if not frame.columns.is_unique:
        return frame.to_dict("records")
    columns = {name: frame[name].tolist() for name in frame.columns}
    return [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]


def chunk_edges(frame: pd.DataFrame, n_chunks: int) -> list[tuple[int, int]]:
    """Split the rows into about ``n_chunks`` runs of similar total text length, in order.

    >>> chunk_edges(pd.DataFrame({"text": ["a" * 1000, "b", "c", "d" * 1000]}), 2)
    [(0, 2), (2, 4)]
    """
    if len(frame) == 0:
        return []
    sizes = np.cumsum(text_lengths(frame) + 200)
    bounds = np.searchsorted(sizes, np.linspace(0, sizes[-1], n_chunks + 1)[1:-1], side="right")
    edges = [0, *sorted({int(b) for b in bounds if 0 < b < len(frame)}), len(frame)]
    return list(zip(edges[:-1], edges[1:], strict=True))


def tapered_chunk_edges(
    frame: pd.DataFrame, *, workers: int, max_articles: int = 2000
) -> list[tuple[int, int]]:
    """Split the rows into runs, in order, for ``workers`` processes that take them in turn: runs
    of similar text length (at most about ``max_articles`` articles, at least ``workers * 8``
    runs), then ever shorter ones at the end (a quarter of what remains per worker), so that the
    workers finish at nearly the same time instead of one waiting for the other's last run.

    >>> edges = tapered_chunk_edges(pd.DataFrame({"text": ["Rusia dan Korut."] * 1000}), workers=2)
    >>> [b - a for a, b in edges][:3], [b - a for a, b in edges][-3:]
    ([62, 62, 62], [7, 7, 7])
    >>> edges[0][0], edges[-1][1], all(a < b for a, b in edges)
    (0, 1000, True)
    """
    if len(frame) == 0:
        return []
    sizes = np.cumsum(text_lengths(frame) + 200)
    total = float(sizes[-1])
    n_full = max(workers * 8, len(frame) // max_articles)
    full, smallest = total / n_full, total / (n_full * 8)
    edges, done = [0], 0.0
    while edges[-1] < len(frame):
        step = max(min(full, (total - done) / (4 * workers)), smallest)
        if total - done - step < smallest / 2:  # no crumb of a run at the very end
            step = total - done
        cut = int(np.searchsorted(sizes, done + step, side="right"))
        edges.append(min(max(cut, edges[-1] + 1), len(frame)))  # at least one row per run
        done = float(sizes[edges[-1] - 1])
    return list(zip(edges[:-1], edges[1:], strict=True))


def text_lengths(frame: pd.DataFrame) -> np.ndarray:
    """The length in characters of each article's ``text`` (0 when it is missing or not text).

    An Arrow string column is measured in Arrow, without one Python string per article.

    >>> text_lengths(pd.DataFrame({"text": ["Korut", None, "Kim Jong-un"]})).tolist()
    [5, 0, 11]
    >>> text_lengths(pd.DataFrame({"text": pd.Series(["Rusia", None], dtype="str")})).tolist()
    [5, 0]
    """
    texts = frame["text"]
    if isinstance(texts.array, pd.arrays.ArrowStringArray):
        lengths = pc.utf8_length(pa.array(texts.array)).fill_null(0)
        return lengths.to_numpy().astype(np.int64)
    lengths = [len(text) if isinstance(text, str) else 0 for text in texts.tolist()]
    return np.array(lengths, dtype=np.int64)


def compute(
    runner: Callable[[list[dict]], Any],
    frame: pd.DataFrame,
    *,
    engine: str = "pandas",
    workers: int | None = None,
    scheduler: Any = None,
    serial: bool | None = None,
    progress: bool = False,
    desc: str = "",
) -> Iterator[Any]:
    """Yield ``runner(article dicts)`` for consecutive chunks of ``frame``, in row order.

    ``serial`` forces one process (``None``: one process when ``workers == 1``).
    """
    if engine == "dask":
        yield from _compute_dask(runner, frame, scheduler=scheduler, workers=workers)
        return
    workers = workers or os.cpu_count() or 1
    if serial or workers == 1:
        yield from _compute_serial(runner, frame, progress=progress, desc=desc)
        return
    yield from _compute_pool(runner, frame, workers=workers, progress=progress, desc=desc)


def _compute_serial(runner, frame, *, progress, desc, step: int = 256):
    for start in tqdm(range(0, len(frame), step), desc=desc, unit="chunk", disable=not progress):
        yield runner(article_dicts(frame.iloc[start : start + step]))


def _pool_context():
    """Fork where available: works from notebooks and unguarded scripts, and starts instantly."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_FORKED_PAYLOAD: tuple | None = None


def _run_forked_slice(start: int, stop: int):
    """In a forked worker: build the article dicts of rows ``start:stop`` and run the chunk."""
    runner, frame = _FORKED_PAYLOAD
    return runner(article_dicts(frame.iloc[start:stop]))


def _compute_pool(runner, frame, *, workers, progress, desc):
    global _FORKED_PAYLOAD
    edges = tapered_chunk_edges(frame, workers=workers)
    context = _pool_context()
    if context.get_start_method() == "fork":
        # Forked workers inherit the table: each task sends two integers, not megabytes of text.
        _FORKED_PAYLOAD = (runner, frame)
        tasks = [(_run_forked_slice, a, b) for a, b in edges]
    else:
        tasks = [(runner, article_dicts(frame.iloc[a:b])) for a, b in edges]
    # Freeze the parent's objects out of the garbage collector: forked workers then neither scan
    # nor copy-on-write the (large) inherited heap when they collect garbage.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(*task) for task in tasks]
            for future in tqdm(futures, desc=desc, unit="chunk", disable=not progress):
                yield future.result()
    finally:
        _FORKED_PAYLOAD = None
        gc.unfreeze()


def _import_dask():
    try:
        import dask.bag as dask_bag
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise ImportError(
            'engine="dask" needs the optional Dask extra: pip install -r requirements-dask.txt'
        ) from error
    return dask_bag


def _dask_client(scheduler):
    """Return (client, owned): a distributed Client for an address / Client (or the active
    default Client), or None for Dask's local process scheduler."""
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


def _compute_dask(runner, frame, *, scheduler, workers):
    dask_bag = _import_dask()
    client, owned = _dask_client(scheduler)
    try:
        n_rows = len(frame)
        n_parts = max(1, min(n_rows, (workers or os.cpu_count() or 1) * 4, n_rows // 100 + 1))
        chunks = [article_dicts(frame.iloc[a:b]) for a, b in chunk_edges(frame, n_parts)]
        bag = dask_bag.from_sequence(chunks, npartitions=max(1, len(chunks))).map(runner)
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
