"""Term statistics on the tidy token table: counts, rates, document frequency, TF-IDF, and,
re-exported from their own modules, n-grams and collocations (:mod:`utils.frequencies.ngrams`), keyness
(:mod:`utils.frequencies.keyness`), KWIC concordances (:mod:`utils.frequencies.concordance`) and actor names as terms
(:mod:`utils.frequencies.actor_terms`).

Every statistic takes the token table of :func:`utils.text.token_tables.token_table` (columns ``article_id``,
``sentence_no``, ``position``, ``token``, ``norm``, ``is_stopword``, ``is_punct``, optional
``stem``), or, faster on a re-run, its per-article counts from :func:`count_articles` (cached
per article: adding one article counts one article); the result is the same. Each returns a
DataFrame sorted explicitly, ties broken by term, so results are deterministic.

Conventions:

* **Terms** are the ``norm`` column (lowercase) by default, or ``stem`` with ``term="stem"``.
* **Rates** are per 1,000 *word tokens* of the group: punctuation is excluded from the
  denominator, stopwords are included (dropping stopwords changes which terms are listed, not
  the size of the text they are measured against). Counts are always reported next to rates.
* **Stopwords** are dropped from the listed terms by default (``drop_stopwords=True``), using the
  table's ``is_stopword`` flag (actor acronyms such as ``AS`` and ``PBB`` are never stopwords).
* **Bare numbers** (``2017``, ``2,5``, ``13/9``) are not listed as terms by default
  (``drop_numbers=True``); like stopwords, they still count in the denominator.
* **Actor names** count as one term when the token table went through
  :func:`merge_actor_mentions` first (``Korea Utara``, ``Kim Jong Un``, capitalised); a name
  of several words is then one word of the denominator. Off by default; on in notebook 03.

>>> from utils.text.token_tables import token_table
>>> articles = pd.DataFrame({"article_id": ["a", "b"],
...     "text": ["Rusia dan Korut bertemu. Rusia butuh amunisi.", "Korut menjual amunisi ke Rusia."]})
>>> tokens = token_table(articles, options=EngineOptions(progress=False))
>>> term_frequencies(tokens).head(3)[["term", "count", "n_words"]].values.tolist()
[['rusia', 3, 12], ['amunisi', 2, 12], ['korut', 2, 12]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.engine.options import EngineOptions  # noqa: F401  (used in the doctests)
from utils.frequencies.actor_terms import actor_names, merge_actor_mentions  # noqa: F401  (public API)
from utils.frequencies.article_counts import (  # noqa: F401  (count_articles is part of the public API)
    ArticleCounts,
    as_counts,
    count_articles,
    listed_terms,
)
from utils.frequencies.concordance import kwic  # noqa: F401  (part of this module's public API)
from utils.frequencies.keyness import (  # noqa: F401  (part of this module's public API)
    keyness,
    keyness_groups,
    log_likelihood_g2,
    select_articles,
)
from utils.frequencies.ngrams import collocations, ngrams  # noqa: F401  (part of this module's public API)
from utils.text.token_tables import token_table  # noqa: F401  (used in the doctests)

_GROUPINGS = ("corpus", "article", "outlet", "time")
_DTYPES = {
    "period": "datetime64[ns]",
    "count": "int64",
    "n_words": "int64",
    "n_articles": "int64",
    "per_1000": "float64",
}


def _empty(columns: list[str]) -> pd.DataFrame:
    """An empty result with the usual dtypes (text columns as ``str``)."""
    return pd.DataFrame({c: pd.Series([], dtype=_DTYPES.get(c, "str")) for c in columns})


def time_bins(dates: pd.Series, *, freq: str = "MS") -> pd.Series:
    """Label each date with the first day of its period (``freq``: ``"D"``, ``"W"``, ``"MS"``,
    ``"QS"``, ``"YS"``); unknown dates stay ``NaT``.

    >>> time_bins(pd.Series(pd.to_datetime(["2023-09-13", "2022-11-02", None])), freq="MS").tolist()
    [Timestamp('2023-09-01 00:00:00'), Timestamp('2022-11-01 00:00:00'), NaT]
    """
    period = {"MS": "M", "QS": "Q", "YS": "Y", "AS": "Y", "W": "W-SUN"}.get(freq, freq)
    dates = pd.to_datetime(dates)
    return dates.dt.to_period(period).dt.start_time


def _group_keys(
    ids: pd.Series, by: str, articles: pd.DataFrame | None, freq: str
) -> tuple[pd.Series | None, str | None]:
    """The group label of each article id in ``ids`` for ``by`` (None for the whole corpus)."""
    if by not in _GROUPINGS:
        raise ValueError(f"by must be one of {_GROUPINGS}, got {by!r}")
    if by == "corpus":
        return None, None
    if by == "article":
        return ids.astype(str), "article_id"
    if articles is None:
        raise ValueError(f"by={by!r} needs the article table (articles=...)")
    meta = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")
    ids = ids.astype(str)
    labels = meta["outlet"].astype(str) if by == "outlet" else time_bins(meta["date"], freq=freq)
    labels = labels[~labels.index.duplicated()]
    mapped = pd.Series(labels.reindex(ids.to_numpy()).to_numpy(), index=ids.index)
    return mapped, "outlet" if by == "outlet" else "period"


def term_frequencies(
    tokens: pd.DataFrame | ArticleCounts,
    *,
    by: str = "corpus",
    articles: pd.DataFrame | None = None,
    term: str = "norm",
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    freq: str = "MS",
    min_count: int = 1,
) -> pd.DataFrame:
    """Count of each term and its rate per 1,000 word tokens, for the corpus or per group.

    ``tokens``: a token table or its :class:`~utils.frequencies.article_counts.ArticleCounts`. Stopwords
    and bare numbers (``2017``, ``2,5``, ``13/9``) are not listed by default
    (``drop_stopwords``, ``drop_numbers``) but still count in ``n_words``.

    ``by``: ``"corpus"``, ``"article"``, ``"outlet"`` or ``"time"`` (the last two need
    ``articles`` for ``outlet``/``date``; time bins follow ``freq``, articles without a date are
    left out). Columns: [group,] term, count, n_words (word tokens in the group), per_1000.
    Sorted by group, count (descending), term.

    >>> tokens = pd.DataFrame({"article_id": ["a"] * 4, "norm": ["kim", "dan", "kim", "."],
    ...     "is_stopword": [False, True, False, False], "is_punct": [False, False, False, True]})
    >>> term_frequencies(tokens).values.tolist()
    [['kim', 2, 3, 666.6666666666666]]
    """
    if by not in _GROUPINGS:
        raise ValueError(f"by must be one of {_GROUPINGS}, got {by!r}")
    counts = as_counts(tokens, term=term, kinds=["terms"])
    listed, words = listed_terms(
        counts, term=term, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers
    )
    keys, name = _group_keys(words["article_id"], by, articles, freq)
    columns = ([name] if name else []) + ["term", "count", "n_words", "per_1000"]
    if words.empty:
        return _empty(columns)
    groups = keys.to_numpy() if keys is not None else np.full(len(words), "corpus", dtype=object)
    words = words.assign(group=groups)
    # the group of each listed row is its article's group
    article_row = pd.Index(words["article_id"]).get_indexer(listed["article_id"])
    listed = listed.assign(group=groups[article_row])
    totals = words.groupby("group", sort=True)["n_words"].sum()
    counts = listed.groupby(["group", "term"], sort=True)["count"].sum().reset_index()
    counts = counts[counts["count"] >= min_count]
    counts = counts.merge(totals, left_on="group", right_index=True, how="left")
    counts["per_1000"] = counts["count"] / counts["n_words"] * 1000
    counts = counts.sort_values(["group", "count", "term"], ascending=[True, False, True])
    counts = counts.reset_index(drop=True)
    return counts.rename(columns={"group": name} if name else {})[columns]


def top_terms(counts: pd.DataFrame, *, n: int = 25, by: str | None = None) -> pd.DataFrame:
    """The ``n`` most frequent rows of a :func:`term_frequencies` table (per group with ``by``).

    >>> counts = pd.DataFrame({"term": ["a", "b", "c"], "count": [3, 2, 1]})
    >>> top_terms(counts, n=2)["term"].tolist()
    ['a', 'b']
    """
    if by is None:
        return counts.head(n).reset_index(drop=True)
    return counts.groupby(by, sort=True, group_keys=False).head(n).reset_index(drop=True)


def document_frequency(
    tokens: pd.DataFrame | ArticleCounts,
    *,
    term: str = "norm",
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
) -> pd.DataFrame:
    """In how many articles each term occurs: term, n_articles, share_articles (0-1).

    ``tokens``: a token table or its :class:`~utils.frequencies.article_counts.ArticleCounts`; the share
    is of the articles with at least one token.

    >>> tokens = pd.DataFrame({"article_id": ["a", "a", "b"], "norm": ["amunisi", "amunisi", "rusia"],
    ...     "is_stopword": [False] * 3, "is_punct": [False] * 3})
    >>> document_frequency(tokens).values.tolist()
    [['amunisi', 1, 0.5], ['rusia', 1, 0.5]]
    """
    counts = as_counts(tokens, term=term, kinds=["terms"])
    listed, _ = listed_terms(
        counts, term=term, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers
    )
    # one listed row per (article, term): the rows of a term are the articles it occurs in
    frequency = listed.groupby("term", sort=True).size().rename("n_articles").reset_index()
    frequency["share_articles"] = frequency["n_articles"] / max(counts.n_articles, 1)
    return frequency.sort_values(["n_articles", "term"], ascending=[False, True]).reset_index(
        drop=True
    )


def tf_idf(
    tokens: pd.DataFrame | ArticleCounts,
    *,
    term: str = "norm",
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    top_n: int | None = None,
) -> pd.DataFrame:
    """TF-IDF of each term in each article.

    tf = count / word tokens in the article; idf = ln((1 + N) / (1 + df)) + 1 (smoothed, as in
    scikit-learn), N = number of articles. Columns: article_id, term, count, tf, n_articles, idf,
    tf_idf; sorted by article, tf_idf (descending), term; ``top_n`` keeps the best per article.

    >>> tokens = pd.DataFrame({"article_id": ["a", "a", "b"], "norm": ["amunisi", "rusia", "rusia"],
    ...     "is_stopword": [False] * 3, "is_punct": [False] * 3})
    >>> tf_idf(tokens)[["article_id", "term", "tf_idf"]].round(3).values.tolist()
    [['a', 'amunisi', 0.703], ['a', 'rusia', 0.5], ['b', 'rusia', 1.0]]
    """
    counts = as_counts(tokens, term=term, kinds=["terms"])
    options = dict(term=term, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers)
    table = term_frequencies(counts, by="article", **options)
    frequency = document_frequency(counts, **options)
    table = table.merge(frequency[["term", "n_articles"]], on="term", how="left")
    table["tf"] = table["count"] / table["n_words"]
    table["idf"] = np.log((1 + counts.n_articles) / (1 + table["n_articles"])) + 1
    table["tf_idf"] = table["tf"] * table["idf"]
    table = table.sort_values(["article_id", "tf_idf", "term"], ascending=[True, False, True])
    if top_n is not None:
        table = table.groupby("article_id", sort=True).head(top_n)
    columns = ["article_id", "term", "count", "tf", "n_articles", "idf", "tf_idf"]
    return table[columns].reset_index(drop=True)
