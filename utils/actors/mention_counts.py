"""How often each actor is mentioned, and in how many articles: the table behind notebook 04's
bar chart of mentions per actor.

>>> mentions = pd.DataFrame({"article_id": ["001", "001", "004"],
...     "actor": ["vladimir_putin", "kim_jong_un", "vladimir_putin"],
...     "label": ["Vladimir Putin", "Kim Jong Un", "Vladimir Putin"], "type": ["person"] * 3})
>>> mentions_per_actor(mentions, n_articles=2)[["actor", "mentions", "articles"]].values.tolist()
[['vladimir_putin', 2, 2], ['kim_jong_un', 1, 1]]
"""

from __future__ import annotations

import pandas as pd


def mentions_per_actor(mentions: pd.DataFrame, *, n_articles: int) -> pd.DataFrame:
    """One row per actor: mentions, articles mentioning it and their share of ``n_articles``.

    Only resolved mentions (``actor`` not missing) count; sorted by mentions (descending), then
    actor id.

    >>> mentions = pd.DataFrame({"article_id": ["001", "001", "004", "004"],
    ...     "actor": ["russia", "russia", "russia", None],
    ...     "label": ["Russia", "Russia", "Russia", None], "type": ["state"] * 3 + [None]})
    >>> mentions_per_actor(mentions, n_articles=4).values.tolist()
    [['russia', 'Russia', 'state', 3, 2, 0.5]]
    """
    counted = mentions[mentions["actor"].notna()]
    return (
        counted.groupby(["actor", "label", "type"])
        .agg(mentions=("actor", "size"), articles=("article_id", "nunique"))
        .reset_index()
        .assign(share_of_articles=lambda t: t.articles / max(n_articles, 1))
        .sort_values(["mentions", "actor"], ascending=[False, True], ignore_index=True)
    )
