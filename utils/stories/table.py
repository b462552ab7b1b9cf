"""The ``stories`` table of an article table, through the stored index (incremental).

>>> import pandas as pd
>>> lead = "Jakarta (ANTARA) - Presiden Rusia Vladimir Putin menerima Kim Jong-un di Vostochny."
>>> articles = pd.DataFrame({"article_id": ["antara", "republika"], "outlet": ["ANTARA", "Republika"],
...                          "date": pd.to_datetime(["2023-09-13", "2023-09-14"]),
...                          "lead_marker": ["Jakarta (ANTARA) -", None],
...                          "text": [lead, lead + "\\nKeduanya bersulang."]})
>>> stories = find_stories(articles, index_dir=None)
>>> stories[["article_id", "story_id", "relation", "wire_credits"]].values.tolist()
[['antara', 'antara', 'unique', 'ANTARA'], ['republika', 'antara', 'republished', 'ANTARA']]
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from utils import paths
from utils.stories.clustering import story_rows
from utils.stories.credits import credits_column
from utils.stories.index import StoryIndex

#: Where the index lives by default: beside the per-article cache (git-ignored, regenerable).
INDEX_DIR = paths.CACHE_DIR / "stories"
STORY_COLUMNS = ("article_id", "story_id", "is_representative", "similarity_to_representative",
                 "relation", "story_size", "outlet", "date", "wire_credits", "title")  # fmt: skip


def update_index(
    articles: pd.DataFrame, *, index_dir: str | os.PathLike[str] | None = INDEX_DIR
) -> StoryIndex:
    """Load the stored index (if any), bring it up to date with ``articles`` and save it back."""
    index = StoryIndex.load(index_dir) if index_dir is not None else StoryIndex.empty()
    index = index.update(articles)
    if index_dir is not None:
        index.save(Path(index_dir))
    return index


def stories_from_index(articles: pd.DataFrame, index: StoryIndex) -> pd.DataFrame:
    """The stories table (``STORY_COLUMNS``) in the order of ``articles``."""
    table = story_rows(index.rows, index.edges, signature=index.signature,
                       n_shingles=index.rows["n_shingles"].to_numpy())  # fmt: skip
    table = table.set_index("article_id").loc[articles["article_id"].astype(str)].reset_index()
    for column in ("outlet", "date", "title"):
        table[column] = articles[column].to_numpy() if column in articles.columns else None
    table["wire_credits"] = credits_column(articles).to_numpy()
    if table["story_id"].isna().any() or len(table) != len(articles):
        raise AssertionError("an article lost its story_id")  # never expected; checked anyway
    return table[list(STORY_COLUMNS)]


def find_stories(
    articles: pd.DataFrame, *, index_dir: str | os.PathLike[str] | None = INDEX_DIR
) -> pd.DataFrame:
    """One row per article: its story, representative, similarity, relation and wire credits.

    ``index_dir`` keeps the per-article signatures between runs (None: compute everything and
    keep nothing); adding articles then hashes only the new ones.
    """
    return stories_from_index(articles, update_index(articles, index_dir=index_dir))
