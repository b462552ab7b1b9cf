"""The rows of cached per-article stages in one pass (see :func:`utils.engine.article_stages.map_article_stages`):
which articles miss which stage, the work table the workers read, and each stage's table put
together from its cached rows and the new ones, in article order.

A stage's cache entry as a pass sees it is a :class:`CacheEntry`: the rows it already holds for
the corpus (memory-mapped, see :mod:`utils.engine.cache`) and where each article's rows are. Articles
are looked up by the hash of the text the stage reads; after a stage that *becomes the
article* (cleaning), the later stages read the cleaned text and are keyed by its hash.

>>> keys = np.array(["k1", "k2", "k1"], dtype=object)
>>> positions, masks = articles_to_compute(keys, keys, [CacheEntry(None, None, {"k2": (0, 1)})])
>>> positions.tolist(), masks.tolist()
([0], [1])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa

from utils.engine.cache import ShardStore, concat_tables, run_indices
from utils.engine.stage_spec import ArticleStage

#: The column telling a worker which stages an article misses (bit i: stage i).
TODO_COLUMN = "_stages_to_run"
#: The column of a stage that becomes the article holding the later stages' cache key.
KEY_COLUMN = "content_hash"


@dataclass
class CacheEntry:
    """A stage's cache entry as this run sees it: the store, the cached rows and their places."""

    store: ShardStore | None
    cached: pa.Table | None
    found: dict[str, tuple[int, int]]


def cached_values(entry: CacheEntry, keys: np.ndarray, column: str = "content_hash") -> np.ndarray:
    """Per key, ``column`` of its (one-row) cached result; None when it is not cached.

    >>> import pyarrow as pa
    >>> entry = CacheEntry(None, pa.table({"content_hash": ["c1", "c2"]}), {"k2": (1, 1)})
    >>> cached_values(entry, np.array(["k1", "k2"], dtype=object)).tolist()
    [None, 'c2']
    """
    values = np.full(len(keys), None, dtype=object)
    places = [(index, entry.found[key][0]) for index, key in enumerate(keys) if key in entry.found]
    if places:
        indices, rows = zip(*places, strict=True)
        taken = entry.cached.column(column).take(pa.array(rows, pa.int64()))
        values[list(indices)] = taken.to_pylist()
    return values


def new_keys(table: pd.DataFrame | pa.Table, entry: CacheEntry, *, stage: str) -> np.ndarray:
    """The later stages' key of every article: the ``content_hash`` column of the (assembled)
    result of the stage that became the article, which has one row per article."""
    if any(n_rows != 1 for _, n_rows in entry.found.values()):
        raise ValueError(f"stage {stage!r} becomes the article: it must return one row per article")
    columns = table.columns if isinstance(table, pd.DataFrame) else table.column_names
    if KEY_COLUMN not in columns:  # no article at all
        return np.array([], dtype=object)
    if isinstance(table, pd.DataFrame):
        return table[KEY_COLUMN].to_numpy(dtype=object)
    return np.array(table.column(KEY_COLUMN).to_pylist(), dtype=object)


def drop_known(new_table, counts: list[int], computed: list[str], entry: CacheEntry):
    """Keep the first result of each computed key that the cache does not hold already (two
    texts that clean to the same text are both computed, in the same pass); return the new
    table, the row counts and the keys kept.

    >>> import pyarrow as pa
    >>> entry = CacheEntry(None, None, {"k0": (0, 1)})
    >>> table, counts, kept = drop_known(pa.table({"n": [1, 2, 3, 4]}), [1, 2, 1], ["k0", "k1", "k1"], entry)
    >>> table.column("n").to_pylist(), counts, kept
    ([2, 3], [2], ['k1'])
    """
    seen = set(entry.found)
    keep = []
    for key in computed:
        keep.append(key not in seen)
        seen.add(key)
    if all(keep):
        return new_table, counts, computed
    keep_rows = np.repeat(np.array(keep, dtype=bool), np.asarray(counts, dtype=np.int64))
    if new_table is not None:
        new_table = new_table.filter(pa.array(keep_rows))
    kept_counts = [n for n, kept in zip(counts, keep, strict=True) if kept]
    return new_table, kept_counts, [k for k, kept in zip(computed, keep, strict=True) if kept]


def articles_to_compute(
    keys: np.ndarray, later_keys: np.ndarray, entries: list[CacheEntry]
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the articles to compute (the first of each distinct missing key) and, per
    position, the stages it misses as a bit mask (bit i: stage i). The first stage is keyed by
    ``keys``, the later ones by ``later_keys`` (None: not known, so missing).

    >>> keys = np.array(["k1", "k2", "k1"], dtype=object)
    >>> positions, masks = articles_to_compute(keys, keys, [CacheEntry(None, None, {"k2": (0, 1)})])
    >>> positions.tolist(), masks.tolist()
    ([0], [1])
    """
    masks = np.zeros(len(keys), dtype=np.int64)
    for bit, entry in enumerate(entries):
        found, stage_keys = entry.found, keys if bit == 0 else later_keys
        missing = np.fromiter((key not in found for key in stage_keys), bool, len(keys))
        masks |= missing.astype(np.int64) << bit
    # Each distinct text is computed once, even if two articles share it: the text the first
    # stage reads for an article that misses it, else the text the later stages read.
    distinct_by = np.where(masks & 1, keys, later_keys)
    first_of_key = ~pd.Series(distinct_by, dtype=object).duplicated(keep="first").to_numpy()
    positions = np.flatnonzero((masks > 0) & first_of_key)
    return positions, masks[positions]


def work_table(
    articles: pd.DataFrame,
    keys: np.ndarray,
    later_keys: np.ndarray,
    positions: np.ndarray,
    todo_masks: np.ndarray,
    stages: Sequence[ArticleStage],
    entries: list[CacheEntry],
) -> pd.DataFrame:
    """The articles to compute, with the stages each one misses and, for a stage it does not
    miss, the columns that stage passes on (read from the cache). After a stage that becomes the
    article, an article that does not miss it goes on with the cached text and key."""
    every_article = len(positions) == len(articles)  # (positions are distinct and sorted)
    frame = (articles if every_article else articles.iloc[positions]).reset_index(drop=True)
    if stages[0].becomes_article:
        frame = frame[["article_id", "text"]]
        cached_rows = np.flatnonzero((todo_masks & 1) == 0)
        frame["text"] = with_cached_texts(frame["text"], cached_rows, entries[0], keys[positions])
        frame[KEY_COLUMN] = pd.Series(later_keys[positions], dtype=object)
    frame[TODO_COLUMN] = todo_masks
    for bit, (stage, entry) in enumerate(zip(stages, entries, strict=True)):
        later_needed = (todo_masks >> (bit + 1)) > 0
        from_cache = np.flatnonzero(later_needed & ((todo_masks >> bit & 1) == 0))
        stage_keys = (keys if bit == 0 else later_keys)[positions]
        for key, column in stage.passes_on.items():
            values = [None] * len(frame)
            for index in from_cache:
                first, n_rows = entry.found[stage_keys[index]]
                values[index] = entry.cached.column(column).slice(first, n_rows).to_pylist()
            frame[key] = pd.Series(values, dtype=object)
    return frame


def with_cached_texts(texts: pd.Series, rows: np.ndarray, entry: CacheEntry, keys) -> pd.Series:
    """``texts`` with, at ``rows``, the ``text`` that ``entry`` caches for ``keys[rows]``.

    >>> entry = CacheEntry(None, pa.table({"text": ["Rusia."]}), {"k2": (0, 1)})
    >>> texts = pd.Series(["RUSIA (Reuters)", "Korut"], dtype="str")
    >>> with_cached_texts(texts, np.array([0]), entry, np.array(["k2", "k1"], dtype=object)).tolist()
    ['Rusia.', 'Korut']
    """
    if len(rows) == 0:
        return texts
    first_rows = pa.array([entry.found[key][0] for key in keys[rows]], pa.int64())
    cached = entry.cached.column("text").take(first_rows)
    if isinstance(texts.array, pd.arrays.ArrowStringArray):  # no Python string per article
        take = np.arange(len(texts), dtype=np.int64)
        take[rows] = len(texts) + np.arange(len(rows), dtype=np.int64)
        original = pa.array(texts.array)
        combined = pa.chunked_array([original, *cached.cast(original.type).chunks], original.type)
        return pd.Series(combined.take(pa.array(take)).to_pandas(), dtype=texts.dtype)
    values = texts.to_numpy(dtype=object, copy=True)
    values[rows] = cached.to_pylist()
    return pd.Series(values, dtype=object)


def assemble(keys, article_ids, entry: CacheEntry, computed, new_table, new_counts, *, output):
    """All rows of one stage in article order (cached rows, then new rows), ``article_id`` first."""
    locations = dict(entry.found)
    base = entry.cached.num_rows if entry.cached is not None else 0
    starts = base + np.cumsum(new_counts, dtype=np.int64) - np.asarray(new_counts, dtype=np.int64)
    locations.update(zip(computed, zip(starts.tolist(), new_counts, strict=True), strict=True))
    parts = [t for t in (entry.cached, new_table) if t is not None and t.num_columns]
    if not parts:
        empty = pa.table({"article_id": pa.array([], pa.string())})
        return empty if output == "arrow" else empty.to_pandas()
    combined = concat_tables(parts)
    places = chain.from_iterable(map(locations.__getitem__, keys))  # (first row, n rows) per key
    runs = np.fromiter(places, dtype=np.int64, count=2 * len(keys)).reshape(len(keys), 2)
    run_starts, run_lengths = runs[:, 0], runs[:, 1]
    total = int(run_lengths.sum())
    in_order = total == combined.num_rows and bool(
        np.array_equal(run_starts, np.cumsum(run_lengths) - run_lengths)
    )
    # Same articles in the same order as stored (the usual re-run): a zero-copy slice, no take.
    rows = combined if in_order else combined.take(pa.array(run_indices(run_starts, run_lengths)))
    # article_id is built in Arrow (a take), not as millions of Python string references.
    owner = pa.array(np.repeat(np.arange(len(keys), dtype=np.int32), run_lengths))
    if output == "arrow":  # dictionary-encoded: no copy of the id per row
        ids = pa.DictionaryArray.from_arrays(owner, pa.array(article_ids, pa.string()))
        return rows.add_column(0, "article_id", ids)
    rows = rows.add_column(0, "article_id", pa.array(article_ids, pa.string()).take(owner))
    return rows.to_pandas()
