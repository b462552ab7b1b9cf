"""``COUNT_BY``: count every article, or every story once through its representative.

Frequencies, actors and co-mentions never import this package: notebooks apply
:func:`articles_to_count` to the article table before counting.

>>> import pandas as pd
>>> articles = pd.DataFrame({"article_id": ["a", "b", "c"]})
>>> stories = pd.DataFrame({"article_id": ["a", "b", "c"], "story_id": ["a", "a", "c"],
...                         "is_representative": [True, False, True]})
>>> articles_to_count(articles, stories, count_by="story")["article_id"].tolist()
['a', 'c']
>>> len(articles_to_count(articles, stories, count_by="article"))
3
"""

from __future__ import annotations

import pandas as pd

COUNT_BY_CHOICES = ("article", "story")


def articles_to_count(
    articles: pd.DataFrame, stories: pd.DataFrame | None, *, count_by: str = "article"
) -> pd.DataFrame:
    """The rows of ``articles`` to count: all (``article``) or one per story (``story``).

    With ``story``, each story present in ``articles`` counts once through its representative;
    when the representative was filtered out (dates, outlets), its earliest remaining copy in
    table order stands in, so a story is never lost by filtering. ``attrs["count_by"]`` and
    ``attrs["count_by_report"]`` say what happened.
    """
    if count_by not in COUNT_BY_CHOICES:
        raise ValueError(f"COUNT_BY must be one of {COUNT_BY_CHOICES}, not {count_by!r}")
    if count_by == "article":
        kept = articles
    else:
        if stories is None:
            raise ValueError(
                "COUNT_BY='story' needs the stories table (run 01-load-articles first)"
            )
        ids = articles["article_id"].astype(str)
        table = stories.assign(article_id=stories["article_id"].astype(str)).set_index("article_id")
        missing = ids[~ids.isin(table.index)]
        if len(missing):
            raise ValueError(f"{len(missing)} articles have no story_id (first: {missing.iloc[0]}); "
                             "re-run 01-load-articles")  # fmt: skip
        story = table.loc[ids, "story_id"].to_numpy()
        representative = table.loc[ids, "is_representative"].to_numpy(dtype=bool)
        frame = pd.DataFrame({"story": story, "rep": representative, "order": range(len(ids))})
        chosen = frame.sort_values(
            ["story", "rep", "order"], ascending=[True, False, True]
        ).drop_duplicates("story")
        kept = articles.iloc[sorted(chosen["order"])]
    kept = kept.copy()
    kept.attrs = dict(articles.attrs)
    kept.attrs["count_by"] = count_by
    kept.attrs["count_by_report"] = {"articles": len(articles), "counted": len(kept)}
    return kept


def count_by_label(count_by: str, counted: int, total: int) -> str:
    """A subtitle fragment saying what was counted.

    >>> count_by_label("story", 40, 55)
    'counted by story: 40 stories of 55 articles'
    >>> count_by_label("article", 55, 55)
    'counted by article: 55 articles'
    """
    if count_by == "story":
        return f"counted by story: {counted} stories of {total} articles"
    return f"counted by article: {counted} articles"
