"""From verified pairs to stories: one ``story_id`` per article, a representative per story.

A story is a connected group of articles joined by exact copies (same content hash) and
``same`` pairs. Its representative is the earliest dated copy, the longest when dates tie (then
the smallest ``article_id``); undated copies come after dated ones. The ``story_id`` is the
representative's ``article_id``.

``relation`` says how each article stands to its story's representative:

* ``exact``: the same cleaned text;
* ``republished``: near-identical (Jaccard ≥ ``verify.REPUBLISHED_JACCARD``), e.g. another
  outlet's or section's copy with a new lead or headline;
* ``updated``: the same story trimmed, extended with new paragraphs or edited;
* ``template``: a representative (or single article) whose wording recurs in another story with
  other figures or dates (another day's gold price): a story of its own, never merged;
* ``unique``: a representative with neither copies' nor templates' evidence against it.

>>> import pandas as pd
>>> rows = pd.DataFrame({"article_id": ["a", "b", "c"], "content_hash": ["h1", "h1", "h2"],
...                      "date": pd.to_datetime(["2023-09-14", "2023-09-13", None]),
...                      "n_words": [10, 10, 5]})
>>> edges = pd.DataFrame({"a": [], "b": [], "label": [], "jaccard": [], "containment": []})
>>> story_rows(rows, edges)[["article_id", "story_id", "is_representative", "relation"]].values.tolist()
[['a', 'b', False, 'exact'], ['b', 'b', True, 'unique'], ['c', 'c', True, 'unique']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.stories import verify

RELATIONS = ("exact", "republished", "updated", "template", "unique")


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label (the smallest member position) of each of ``n`` nodes.

    >>> components(5, np.array([0, 3]), np.array([1, 4])).tolist()
    [0, 0, 2, 3, 3]
    """
    labels = np.arange(n)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    while len(a):
        low = np.minimum(labels[a], labels[b])
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        while True:  # pointer jumping: every node points at its group's smallest label
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels[a], labels[b]):
            break
    return labels


def representative_order(rows: pd.DataFrame) -> np.ndarray:
    """Rank of each article as a representative: earliest date, then longest, then id."""
    dates = pd.to_datetime(rows["date"], errors="coerce")
    undated = dates.isna().to_numpy()
    day = (
        dates.fillna(pd.Timestamp("2262-01-01"))
        .to_numpy()
        .astype("datetime64[ns]")
        .astype(np.int64)
    )
    order = np.lexsort(
        (rows["article_id"].astype(str).to_numpy(), -rows["n_words"].to_numpy(), day, undated)
    )
    rank = np.empty(len(rows), dtype=np.int64)
    rank[order] = np.arange(len(rows))
    return rank


def story_rows(rows: pd.DataFrame, edges: pd.DataFrame, *, signature: np.ndarray | None = None,
               n_shingles: np.ndarray | None = None) -> pd.DataFrame:  # fmt: skip
    """The stories table for index ``rows`` (article_id, content_hash, date, n_words) and edges.

    ``signature`` and ``n_shingles`` (per row) give ``similarity_to_representative`` (estimated
    containment); without them it is 1.0 for exact copies and the pair's own score otherwise.
    """
    n = len(rows)
    ids = rows["article_id"].astype(str).to_numpy()
    position = pd.Index(ids)
    hash_codes = pd.factorize(rows["content_hash"].to_numpy())[0]
    first_of_hash = np.full(hash_codes.max() + 1 if n else 0, -1, dtype=np.int64)
    first_of_hash[hash_codes[::-1]] = np.arange(n)[::-1]
    same = edges[edges["label"] == "same"]
    a = np.concatenate([np.arange(n), position.get_indexer(same["a"])])
    b = np.concatenate([first_of_hash[hash_codes], position.get_indexer(same["b"])])
    if (a < 0).any() or (b < 0).any():
        raise ValueError("an edge names an article that is not in the index")
    group = components(n, a, b)
    rank = representative_order(rows)
    best = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(best, group, rank)
    by_rank = np.empty(n, dtype=np.int64)
    by_rank[rank] = np.arange(n)
    representative = by_rank[best[group]]
    is_rep = representative == np.arange(n)
    exact = (hash_codes == hash_codes[representative]) & ~is_rep
    if signature is not None and n_shingles is not None:
        j = verify.jaccard(signature, signature[representative])
        similarity = verify.containment(j, n_shingles, n_shingles[representative])
    else:
        j = np.ones(n)
        similarity = np.ones(n)
    similarity = np.where(is_rep | exact, 1.0, similarity)
    relation = np.where(
        exact, "exact", np.where(j >= verify.REPUBLISHED_JACCARD, "republished", "updated")
    )
    templated = np.zeros(n, dtype=bool)
    template = edges[edges["label"] == "template"]
    for column in ("a", "b"):
        templated[position.get_indexer(template[column])] = True
    relation = np.where(is_rep, np.where(templated, "template", "unique"), relation)
    size = np.bincount(group, minlength=n)[group]
    return pd.DataFrame({
        "article_id": ids,
        "story_id": ids[representative],
        "is_representative": is_rep,
        "similarity_to_representative": np.round(similarity.astype(float), 4),
        "relation": pd.Categorical(relation, categories=RELATIONS).astype(str),
        "story_size": size.astype("int64"),
    })  # fmt: skip
