"""Resolved actor mentions as integer codes: the counting core of :mod:`utils.comentions.pairs` and
:mod:`utils.comentions.timelines`.

Co-mentions and timelines count over the whole mention table (about 230,000 rows at 100k
articles). Joining and grouping on the ``article_id`` and ``actor`` text columns spent most of
their time hashing and comparing strings, so here each text column is turned into integer codes
once (:func:`code_mentions`), and pairs, units, joins and distinct counts are NumPy operations
on those codes. Actor codes follow the sorted order of the actor ids, so ``code_a < code_b``
exactly when ``actor_a < actor_b``, and sorting by code sorts by id.

>>> mentions = pd.DataFrame({"article_id": ["b", "a", "a"], "actor": ["russia", None, "iran"]})
>>> coded = code_mentions(mentions)
>>> coded.rows.tolist(), coded.actor.tolist(), list(coded.actor_ids)
([0, 2], [1, 0], ['iran', 'russia'])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class CodedMentions:
    """The resolved mentions (``actor`` not missing) of a mention table, as integer codes.

    ``rows``: positions of the resolved mentions in the table; ``actor``: each one's actor code,
    an index into ``actor_ids`` (sorted); ``article``: each one's article code, an index into
    ``article_ids`` (in order of first appearance, or sorted with ``sort_articles=True``; it may
    also hold articles that have only unresolved mentions).
    """

    rows: np.ndarray
    actor: np.ndarray
    actor_ids: pd.Index
    article: np.ndarray
    article_ids: pd.Index

    def __len__(self) -> int:
        return len(self.rows)

    def has_article_id(self, article: np.ndarray) -> np.ndarray:
        """Whether each of the article codes ``article`` stands for an id, not a missing one
        (such entries still form units, but count as no article, as in ``nunique``)."""
        return ~np.asarray(self.article_ids.isna(), dtype=bool)[article]


@dataclass(frozen=True)
class CodedPairs:
    """Co-mentions as codes: one entry per co-mention, with the code of its article and of its two
    actors (``actor_a < actor_b``), all indexing the ids of ``coded``."""

    coded: CodedMentions
    article: np.ndarray
    actor_a: np.ndarray
    actor_b: np.ndarray


def code_mentions(mentions: pd.DataFrame, *, sort_articles: bool = False) -> CodedMentions:
    """Integer codes for the resolved mentions of ``mentions`` (columns article_id, actor).

    A missing ``article_id`` is a value of its own, as in ``groupby(dropna=False)``.

    >>> mentions = pd.DataFrame({"article_id": ["b", "a", "b"], "actor": ["russia", "iran", "iran"]})
    >>> coded = code_mentions(mentions, sort_articles=True)
    >>> coded.article.tolist(), list(coded.article_ids)
    ([1, 0, 1], ['a', 'b'])
    """
    # Whole columns are coded, then subset: cheaper than copying the resolved rows' strings.
    actor, actor_ids = pd.factorize(mentions["actor"], sort=True)  # missing actor: -1
    rows = np.flatnonzero(actor >= 0)
    article, article_ids = pd.factorize(
        mentions["article_id"], sort=sort_articles, use_na_sentinel=False
    )
    return CodedMentions(
        rows=rows,
        actor=actor[rows].astype(np.int64),
        actor_ids=pd.Index(actor_ids),
        article=article[rows].astype(np.int64),
        article_ids=pd.Index(article_ids),
    )


def unit_codes(mentions: pd.DataFrame, coded: CodedMentions, column: str | None) -> np.ndarray:
    """The unit of each resolved mention as a code: its article (``column=None``), or its
    (article, ``column``) pair, e.g. ``column="sentence_no"``.

    >>> mentions = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_no": [0, 1, 0],
    ...                          "actor": ["russia", "iran", "iran"]})
    >>> unit_codes(mentions, code_mentions(mentions), "sentence_no").tolist()
    [0, 1, 2]
    """
    if column is None:
        return coded.article
    numbers, distinct = pd.factorize(mentions[column], use_na_sentinel=False)
    combined = coded.article * max(len(distinct), 1) + numbers[coded.rows].astype(np.int64)
    return np.unique(combined, return_inverse=True)[1].astype(np.int64)


def sorted_unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of an integer array, sorted, and how often each occurs.

    By sorting: NumPy's ``np.unique`` without ``return_counts`` hashes, which is many times
    slower on large int64 keys.

    >>> [a.tolist() for a in sorted_unique(np.array([7, 3, 7, 7]))]
    [[3, 7], [1, 3]]
    """
    ordered = np.sort(values)
    starts = run_starts(ordered)
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts.

    >>> run_starts(np.array([4, 4, 5, 4])).tolist()
    [0, 2, 3]
    """
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, values[1:] != values[:-1]])


def distinct_pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (first, second) pairs of two non-negative code arrays, sorted by first then
    second.

    >>> [a.tolist() for a in distinct_pairs(np.array([2, 0, 2, 0]), np.array([1, 5, 1, 3]))]
    [[0, 0, 2], [3, 5, 1]]
    """
    if not len(first):
        return first.astype(np.int64), second.astype(np.int64)
    width = int(second.max()) + 1
    combined, _ = sorted_unique(first.astype(np.int64) * width + second)
    return combined // width, combined % width


def pairs_within_groups(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions ``(i, j)``, ``i < j``, that lie in the same run of equal values of
    ``groups`` (sorted, so each group is one run): a self-join within groups without a join.

    >>> [a.tolist() for a in pairs_within_groups(np.array([0, 0, 0, 1, 2, 2]))]
    [[0, 0, 1, 4], [1, 2, 2, 5]]
    """
    starts = run_starts(groups)
    sizes = np.diff(np.r_[starts, len(groups)])
    group_end = np.repeat(starts + sizes, sizes)
    return pairs_before(group_end)


def pairs_before(ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(i, j)`` with ``i < j < ends[i]``, in order of ``i`` then ``j``.

    >>> [a.tolist() for a in pairs_before(np.array([3, 3, 3]))]
    [[0, 0, 1], [1, 2, 2]]
    """
    positions = np.arange(len(ends), dtype=np.int64)
    partners = np.maximum(np.asarray(ends, dtype=np.int64) - positions - 1, 0)
    first = np.repeat(positions, partners)
    offsets = np.arange(len(first), dtype=np.int64) - np.repeat(
        np.cumsum(partners) - partners, partners
    )
    return first, first + 1 + offsets


def join_positions(left: pd.Series, right: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)`` with ``left[i] == right[j]``: an inner join on one key (missing
    values match each other, as in :func:`pandas.merge`), ordered by ``i`` then ``j``.

    >>> [a.tolist() for a in join_positions(pd.Series(["b", "x", "a", "b"]), pd.Series(["a", "b", "b"]))]
    [[0, 0, 2, 3, 3], [1, 2, 0, 1, 2]]
    """
    codes, _ = pd.factorize(pd.concat([right, left], ignore_index=True), use_na_sentinel=False)
    right_codes, left_codes = codes[: len(right)], codes[len(right) :]
    order = np.argsort(right_codes, kind="stable")
    sorted_codes = right_codes[order]
    first = np.searchsorted(sorted_codes, left_codes, side="left")
    last = np.searchsorted(sorted_codes, left_codes, side="right")
    matches = last - first
    left_positions = np.repeat(np.arange(len(left_codes), dtype=np.int64), matches)
    offsets = np.arange(len(left_positions), dtype=np.int64) - np.repeat(
        np.cumsum(matches) - matches, matches
    )
    right_positions = order[np.repeat(first, matches) + offsets]
    return left_positions, right_positions.astype(np.int64)
