"""The co-mentions among the most mentioned actors: the tables behind notebook 04's heatmap and
network.

>>> pairs = pd.DataFrame({"actor_a": ["north_korea"], "actor_b": ["russia"],
...     "label_a": ["Korea Utara"], "label_b": ["Rusia"], "co_mentions": [3]})
>>> per_actor = pd.DataFrame({"actor": ["russia", "north_korea"], "label": ["Rusia", "Korea Utara"]})
>>> top_actor_pairs(pairs, per_actor, n=2)[["actor_a", "actor_b"]].values.tolist()
[['north_korea', 'russia']]
"""

from __future__ import annotations

import pandas as pd

from utils.comentions.pairs import co_mention_matrix


def top_actor_pairs(pairs: pd.DataFrame, per_actor: pd.DataFrame, *, n: int) -> pd.DataFrame:
    """The rows of a :func:`utils.comentions.pairs.co_mentions` table whose two actors are both among
    the ``n`` most mentioned (the first ``n`` rows of ``per_actor``).

    >>> pairs = pd.DataFrame({"actor_a": ["north_korea", "china"], "actor_b": ["russia", "russia"]})
    >>> per_actor = pd.DataFrame({"actor": ["russia", "north_korea", "china"]})
    >>> top_actor_pairs(pairs, per_actor, n=2).values.tolist()
    [['north_korea', 'russia']]
    """
    top = per_actor["actor"].head(n)
    return pairs[pairs["actor_a"].isin(top) & pairs["actor_b"].isin(top)]


def top_co_mention_matrix(pairs: pd.DataFrame, per_actor: pd.DataFrame, *, n: int) -> pd.DataFrame:
    """The co-mention matrix (labels as index and columns) of the ``n`` most mentioned actors,
    ordered as in ``per_actor``; actors co-mentioned with none of the others are left out.

    >>> pairs = pd.DataFrame({"actor_a": ["north_korea"], "actor_b": ["russia"],
    ...     "label_a": ["Korea Utara"], "label_b": ["Rusia"], "co_mentions": [3]})
    >>> per_actor = pd.DataFrame({"actor": ["russia", "north_korea", "china"],
    ...     "label": ["Rusia", "Korea Utara", "Tiongkok"]})
    >>> top_co_mention_matrix(pairs, per_actor, n=3)
                 Rusia  Korea Utara
    Rusia          NaN          3.0
    Korea Utara    3.0          NaN
    """
    matrix = co_mention_matrix(top_actor_pairs(pairs, per_actor, n=n))
    order = [label for label in per_actor["label"].head(n) if label in matrix.index]
    return matrix.reindex(index=order, columns=order)
