"""Actor names as terms: count ``Korea Utara`` or ``Kim Jong Un`` as one term instead of the
tokens ``korea``, ``utara``, ``kim``, ``jong``, ``un`` (re-exported by :mod:`utils.frequencies.counts`).

:func:`merge_actor_mentions` rewrites a token table: the tokens of each actor mention (from
:func:`utils.actors.mentions.find_mentions`, matched by character offsets) become one token whose
``norm`` (and ``stem``) is the actor's name, never a stopword. Every statistic of
:mod:`utils.frequencies.counts` then counts the actor as one term; a two-word name counts as one
word in ``n_words``.

>>> from utils.actors.mentions import find_mentions, load_actors
>>> from utils.text.token_tables import token_table
>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Korea Utara dan AS. Kim Jong-un tiba."]})
>>> tokens = token_table(articles, options=EngineOptions(progress=False, cache=False))
>>> actor_list = load_actors()
>>> mentions = find_mentions(articles, actor_list, options=EngineOptions(progress=False, cache=False))
>>> merged = merge_actor_mentions(tokens, mentions, names=actor_names(actor_list))
>>> merged["norm"].tolist()
['Korea Utara', 'dan', 'Amerika Serikat', '.', 'Kim Jong Un', 'tiba', '.']
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from utils.engine.options import EngineOptions  # noqa: F401  (used in the doctests)
from utils.frequencies.article_counts import term_strings


def actor_names(actor_list: pd.DataFrame, *, name: str = "alias") -> dict[str, str]:
    """The term of each actor: its first alias in the actor list (``name="alias"``, the name as
    Indonesian news writes it: ``Korea Utara``, ``Amerika Serikat``) or its ``label`` (the
    display name of notebook 04's figures: ``North Korea``).

    >>> from utils.actors.mentions import load_actors
    >>> names = actor_names(load_actors())
    >>> names["north_korea"], names["kim_jong_un"], actor_names(load_actors(), name="label")["north_korea"]
    ('Korea Utara', 'Kim Jong Un', 'North Korea')
    """
    if name not in ("alias", "label"):
        raise ValueError(f"name must be 'alias' or 'label', got {name!r}")
    actors = actor_list[actor_list["kind"] != "ignore"]
    labels = actors.groupby("actor_id", sort=True)["label"].first()
    if name == "label":
        return {str(k): str(v) for k, v in labels.items()}
    aliases = actors[actors["kind"] == "alias"].groupby("actor_id", sort=True)["alias"].first()
    return {str(k): str(aliases.get(k, label)) for k, label in labels.items()}


def _mention_rows(
    ordered: pd.DataFrame, mentions: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each mention that covers whole tokens: its first and last token row in ``ordered``
    (sorted by article and position), and its row in ``mentions``. Mentions inside one token
    (``Rusia-Korut``) or overlapping an earlier mention are left out."""
    article_codes, article_ids = pd.factorize(term_strings(ordered, "article_id"))
    mention_codes = pd.Index(article_ids).get_indexer(mentions["article_id"].astype(str))
    shift = np.int64(1) << 32

    def row_of(offsets: np.ndarray, mention_offsets: np.ndarray) -> np.ndarray:
        keys = pd.Index(article_codes.astype(np.int64) * shift + offsets.astype(np.int64))
        wanted = mention_codes.astype(np.int64) * shift + mention_offsets.astype(np.int64)
        rows = keys.get_indexer(wanted) if keys.is_unique else np.full(len(wanted), -1)
        return np.where(mention_codes >= 0, rows, -1)

    first = row_of(ordered["start"].to_numpy(), mentions["start"].to_numpy())
    last = row_of(ordered["end"].to_numpy(), mentions["end"].to_numpy())
    found = np.flatnonzero((first >= 0) & (last >= first))
    found = found[np.argsort(first[found], kind="stable")]
    keep, previous_last = [], -1
    for index in found:  # mentions do not overlap; this guards against a table that does
        if first[index] > previous_last:
            keep.append(index)
            previous_last = last[index]
    keep = np.array(keep, dtype=np.int64)
    return first[keep], last[keep], keep


def _replaced(column: pd.Series, rows: np.ndarray, values: list[str]) -> pd.Series:
    """``column`` with ``values`` at the positions ``rows``; a categorical column stays
    categorical (the new values become categories), anything else becomes ``str``.

    >>> _replaced(pd.Series(pd.Categorical(["korea", "utara"])), np.array([0]), ["Korea Utara"]).tolist()
    ['Korea Utara', 'utara']
    """
    if isinstance(column.dtype, pd.CategoricalDtype) and not column.isna().any():
        categories = column.cat.categories
        added = pd.Index(pd.unique(pd.Series(values, dtype="str"))).difference(categories)
        categories = categories.append(added.astype(categories.dtype))
        codes = column.cat.codes.to_numpy().astype(np.int64)
        codes[rows] = categories.get_indexer(pd.Index(values, dtype=categories.dtype))
        return pd.Series(
            pd.Categorical.from_codes(codes, categories=categories), index=column.index
        )
    strings = column.astype(str).to_numpy(dtype=object)
    strings[rows] = values
    return pd.Series(strings, index=column.index, dtype="str")


def merge_actor_mentions(
    tokens: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    names: Mapping[str, str],
    metonyms: bool = False,
) -> pd.DataFrame:
    """The token table with the tokens of each actor mention merged into one token.

    ``mentions``: a mention table of the same cleaned texts (:func:`utils.actors.mentions.find_mentions`:
    ``article_id``, ``actor``, ``start``, ``end``, ``is_metonym``); ``names``: actor id → term
    (:func:`actor_names`). Only resolved mentions count (a short name such as ``Putin`` or
    ``Kim`` after ``Kim Jong Un`` becomes the full name); with ``metonyms=False`` (default) a
    stand-in such as ``Moskow`` stays the word it is. The merged token keeps the first token's
    position and sentence, spans the whole mention (``token`` joins its tokens with a space, ``norm``
    and ``stem`` the actor's name) and is neither a stopword nor punctuation. A mention that
    does not cover whole tokens (inside the hyphenated token ``Rusia-Korut``) leaves them as
    they are. Rows are in article and position order.

    >>> tokens = pd.DataFrame({"article_id": ["a"] * 3, "sentence_no": [0] * 3, "position": [0, 1, 2],
    ...     "token": ["Korea", "Utara", "menolak"], "norm": ["korea", "utara", "menolak"],
    ...     "is_stopword": [False] * 3, "is_punct": [False] * 3, "start": [0, 6, 12], "end": [5, 11, 19]})
    >>> mentions = pd.DataFrame({"article_id": ["a"], "actor": ["north_korea"], "start": [0], "end": [11],
    ...     "is_metonym": [False]})
    >>> merge_actor_mentions(tokens, mentions, names={"north_korea": "Korea Utara"})[["token", "norm", "end"]].values.tolist()
    [['Korea Utara', 'Korea Utara', 11], ['menolak', 'menolak', 19]]
    """
    ordered = tokens.sort_values(["article_id", "position"], kind="stable").reset_index(drop=True)
    resolved = mentions["actor"].notna().to_numpy().copy()
    if not metonyms:
        resolved &= ~mentions["is_metonym"].to_numpy(dtype=bool)
    resolved &= mentions["actor"].astype(str).isin(list(names)).to_numpy()
    mentions = mentions[resolved].reset_index(drop=True)
    first, last, mention_rows = _mention_rows(ordered, mentions)
    # +1 at a mention's second token, -1 after its last: the rows inside a mention sum to > 0
    inside = np.zeros(len(ordered) + 1, dtype=np.int64)
    np.add.at(inside, first + 1, 1)
    np.add.at(inside, last + 1, -1)
    dropped = np.cumsum(inside)[:-1] > 0
    merged = ordered.copy()
    terms = [names[str(actor)] for actor in mentions["actor"].to_numpy()[mention_rows]]
    if "token" in merged:
        words = term_strings(merged, "token")
        written = [" ".join(words[a : b + 1]) for a, b in zip(first, last, strict=True)]
        merged["token"] = _replaced(merged["token"], first, written)
    for column in ("norm", "stem"):
        if column in merged:
            merged[column] = _replaced(merged[column], first, terms)
    for column in ("is_stopword", "is_punct"):
        flags = merged[column].to_numpy(dtype=bool).copy()
        flags[first] = False
        merged[column] = flags
    ends = merged["end"].to_numpy().copy()
    ends[first] = ends[last]
    merged["end"] = ends
    return merged[~dropped].reset_index(drop=True)
