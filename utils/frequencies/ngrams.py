"""N-grams and collocations (re-exported by :mod:`utils.frequencies.counts`).

Both take a token table or the per-article counts of :func:`utils.frequencies.article_counts.count_articles`
(cached per article, so a re-run after adding one article counts one article); the result is
the same either way. Collocation measures come from ``nltk.collocations``, scored on the counts
summed over the articles.

>>> from utils.text.token_tables import token_table
>>> tokens = token_table(pd.DataFrame({"article_id": ["a"],
...     "text": ["Kerja sama militer Rusia, kerja sama militer. Kerja sama."]}), options=EngineOptions(progress=False))
>>> ngrams(tokens, n=2).values.tolist()
[['kerja sama', 3, 1], ['sama militer', 2, 1], ['militer rusia', 1, 1]]
"""

from __future__ import annotations

import pandas as pd

from utils.engine.options import EngineOptions
from utils.frequencies.article_counts import (
    NGRAM_STOPWORDS,
    ArticleCounts,
    count_articles,
    term_strings,
    word_flags,
)
from utils.text.token_tables import token_table  # noqa: F401  (used in the doctests)

COLLOCATION_COLUMNS = ["w1", "w2", "count", "pmi", "log_likelihood"]


def ngrams(
    tokens: pd.DataFrame | ArticleCounts,
    *,
    n: int = 2,
    term: str = "norm",
    stopwords: str = "edges",
    min_count: int = 1,
) -> pd.DataFrame:
    """Contiguous n-grams (n = 2 or 3) that stay inside one sentence and do not cross punctuation.

    ``tokens``: a token table, or :class:`~utils.frequencies.article_counts.ArticleCounts` counted with this
    ``n`` among its ``ngram_sizes`` and the same ``stopwords``. ``stopwords``: ``"edges"``
    (default) drops n-grams that start or end with a stopword, so ``kerja sama militer``
    survives but ``dan rusia`` does not; ``"any"`` drops n-grams containing any stopword;
    ``"keep"`` keeps everything. Columns: ngram (words joined by a space), count, n_articles;
    sorted by count (descending), ngram.

    >>> tokens = token_table(pd.DataFrame({"article_id": ["a", "b"],
    ...     "text": ["Kerja sama dan kerja sama.", "Kerja sama."]}), options=EngineOptions(progress=False))
    >>> ngrams(count_articles(tokens, options=EngineOptions(cache=False, progress=False)), n=2).values.tolist()
    [['kerja sama', 3, 2]]
    """
    if n < 2:
        raise ValueError("n must be 2 or more")
    if stopwords not in NGRAM_STOPWORDS:
        raise ValueError("stopwords must be 'edges', 'any' or 'keep'")
    if isinstance(tokens, ArticleCounts):
        if n not in tokens.ngram_sizes or stopwords != tokens.ngram_stopwords:
            raise ValueError(
                f"these counts hold n-grams of sizes {tokens.ngram_sizes} with stopwords="
                f"{tokens.ngram_stopwords!r}, not n={n} with stopwords={stopwords!r}"
            )
        counts = tokens
    else:
        counts = count_articles(
            tokens, term=term, kinds=["ngrams"], ngram_sizes=[n], ngram_stopwords=stopwords,
            options=EngineOptions(cache=False, progress=False))  # fmt: skip
    rows = counts.table("ngrams", term=term)
    rows = rows[rows["n"].to_numpy() == n]
    result = (
        rows.groupby("ngram", sort=True)
        .agg(count=("count", "sum"), n_articles=("article_id", "size"))
        .reset_index()
    )
    result = result[result["count"] >= min_count]
    return result.sort_values(["count", "ngram"], ascending=[False, True]).reset_index(drop=True)


def collocations(
    tokens: pd.DataFrame | ArticleCounts,
    *,
    term: str = "norm",
    min_count: int = 3,
    drop_stopwords: bool = True,
    window_size: int = 2,
) -> pd.DataFrame:
    """Bigram collocations scored with ``nltk.collocations`` (PMI and log-likelihood ratio).

    Bigrams are counted within sentences, punctuation removed (as
    ``BigramCollocationFinder.from_documents`` over sentences does); bigrams with a stopword (a
    term flagged ``is_stopword`` anywhere in the corpus) are filtered out; pairs seen fewer than
    ``min_count`` times are dropped. The word frequencies behind the scores count every word,
    stopwords included. ``window_size`` > 2 counts non-adjacent pairs too and needs the token
    table. Columns: w1, w2, count, pmi, log_likelihood; sorted by log_likelihood (descending),
    w1, w2.

    >>> tokens = token_table(pd.DataFrame({"article_id": ["a"],
    ...     "text": ["Kerja sama militer. Kerja sama nuklir. Militer Rusia kuat."]}), options=EngineOptions(progress=False))
    >>> collocations(tokens, min_count=2)[["w1", "w2", "count"]].values.tolist()
    [['kerja', 'sama', 2]]
    """
    from nltk.collocations import BigramCollocationFinder
    from nltk.probability import FreqDist

    if window_size != 2:
        if isinstance(tokens, ArticleCounts):
            raise ValueError("window_size other than 2 needs the token table, not article counts")
        finder, stop = _windowed_finder(tokens, term=term, window_size=window_size)
        return _scored(finder, stop if drop_stopwords else set(), min_count)
    counts = (
        tokens
        if isinstance(tokens, ArticleCounts)
        else count_articles(
            tokens, term=term, kinds=["terms", "pairs"], options=EngineOptions(cache=False, progress=False),
        )
    )
    terms = counts.table("terms", term=term)
    pairs = counts.table("pairs", term=term)
    word_totals = terms.groupby("term", sort=True)["count"].sum()
    stop = set(terms.loc[terms["n_stopword"].to_numpy() > 0, "term"]) if drop_stopwords else set()
    pair_totals = pairs.groupby(["w1", "w2"], sort=True)["count"].sum()
    # nltk's filters, applied here on the summed counts (the same pairs survive, far faster)
    pair_totals = pair_totals[pair_totals.to_numpy() >= min_count]
    word_fd = FreqDist(dict(zip(word_totals.index, word_totals.tolist(), strict=True)))
    pair_fd = FreqDist(dict(zip(pair_totals.index, pair_totals.tolist(), strict=True)))
    return _scored(BigramCollocationFinder(word_fd, pair_fd), stop, min_count)


def _scored(finder, stop: set[str], min_count: int) -> pd.DataFrame:
    """Filter a finder's bigrams (stopwords, ``min_count``) and score them (PMI, likelihood)."""
    from nltk.collocations import BigramAssocMeasures

    if stop:
        finder.apply_word_filter(lambda w: w in stop)
    finder.apply_freq_filter(min_count)
    measures = BigramAssocMeasures()
    pmi = dict(finder.score_ngrams(measures.pmi))
    likelihood = dict(finder.score_ngrams(measures.likelihood_ratio))
    rows = [
        {
            "w1": w1,
            "w2": w2,
            "count": count,
            "pmi": pmi[(w1, w2)],
            "log_likelihood": likelihood[(w1, w2)],
        }
        for (w1, w2), count in finder.ngram_fd.items()
    ]
    frame = pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)
    return frame.sort_values(
        ["log_likelihood", "w1", "w2"], ascending=[False, True, True]
    ).reset_index(drop=True)


def _windowed_finder(tokens: pd.DataFrame, *, term: str, window_size: int):
    """nltk's finder over the sentences in article order with a window of ``window_size`` words
    (a sentence end takes one slot of the window), and the set of stopword terms."""
    from nltk.collocations import BigramCollocationFinder

    words = tokens[~word_flags(tokens)]
    words = words.sort_values(["article_id", "position"], kind="stable")
    terms = pd.Series(term_strings(words, term), index=words.index, dtype="str")
    stop = set(terms[words["is_stopword"].to_numpy(dtype=bool)])
    keys = words["article_id"].astype(str) + "\x00" + words["sentence_no"].astype(str)
    sentences = terms.groupby(keys.to_numpy(), sort=False).agg(list).tolist()
    finder = BigramCollocationFinder.from_words(
        [w for sentence in sentences for w in [*sentence, None]], window_size=window_size
    )
    finder.apply_word_filter(lambda w: w is None)
    return finder, stop
