"""Term statistics on the tidy token table: counts, rates, document frequency, TF-IDF, n-grams,
collocations, keyness, and KWIC concordances (:func:`kwic`, from :mod:`utils.concordance`).

Every function takes the token table of :func:`utils.text.token_table` (columns ``article_id``,
``sentence_no``, ``position``, ``token``, ``norm``, ``is_stopword``, ``is_punct``, optional
``stem``) and returns a DataFrame sorted explicitly, ties broken by term, so results are
deterministic.

Conventions:

* **Terms** are the ``norm`` column (lowercase) by default, or ``stem`` with ``term="stem"``.
* **Rates** are per 1,000 *word tokens* of the group: punctuation is excluded from the
  denominator, stopwords are included (dropping stopwords changes which terms are listed, not
  the size of the text they are measured against). Counts are always reported next to rates.
* **Stopwords** are dropped from the listed terms by default (``drop_stopwords=True``), using the
  table's ``is_stopword`` flag (actor acronyms such as ``AS`` and ``PBB`` are never stopwords).
* **Bare numbers** (``2017``, ``2,5``, ``13/9``) are not listed as terms by default
  (``drop_numbers=True``); like stopwords, they still count in the denominator.

>>> from utils.text import token_table
>>> articles = pd.DataFrame({"article_id": ["a", "b"],
...     "text": ["Rusia dan Korut bertemu. Rusia butuh amunisi.", "Korut menjual amunisi ke Rusia."]})
>>> tokens = token_table(articles, progress=False)
>>> term_counts(tokens).head(3)[["term", "count", "n_words"]].values.tolist()
[['rusia', 3, 12], ['amunisi', 2, 12], ['korut', 2, 12]]
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from utils.concordance import kwic  # noqa: F401  (part of this module's public API)
from utils.text import token_table  # noqa: F401  (used in the doctests)

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


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Word tokens only (no punctuation)."""
    if "is_punct" in tokens:
        return tokens[~tokens["is_punct"].to_numpy(dtype=bool)]
    return tokens[tokens["norm"].astype(str).str.contains(r"\w", regex=True)]


_NUMBER = r"[\d.,/:–-]*\d[\d.,/:–-]*"


def _listed(words: pd.DataFrame, terms: pd.Series, *, drop_stopwords: bool, drop_numbers: bool):
    """Boolean mask of the word rows whose term is listed (not a stopword, not a bare number)."""
    keep = np.ones(len(words), dtype=bool)
    if drop_stopwords:
        keep &= ~words["is_stopword"].to_numpy(dtype=bool)
    if drop_numbers:
        keep &= ~terms.str.fullmatch(_NUMBER).to_numpy(dtype=bool)
    return keep


def _term_column(tokens: pd.DataFrame, term: str) -> pd.Series:
    if term not in tokens:
        raise KeyError(
            f"token table has no {term!r} column (build it with stem=True for term='stem')"
        )
    return tokens[term].astype(str)


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
    tokens: pd.DataFrame, by: str, articles: pd.DataFrame | None, freq: str
) -> tuple[pd.Series | None, str | None]:
    """The group label of each token row for ``by`` (None for the whole corpus)."""
    if by not in _GROUPINGS:
        raise ValueError(f"by must be one of {_GROUPINGS}, got {by!r}")
    if by == "corpus":
        return None, None
    if by == "article":
        return tokens["article_id"].astype(str), "article_id"
    if articles is None:
        raise ValueError(f"by={by!r} needs the article table (articles=...)")
    meta = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")
    ids = tokens["article_id"].astype(str)
    labels = meta["outlet"].astype(str) if by == "outlet" else time_bins(meta["date"], freq=freq)
    labels = labels[~labels.index.duplicated()]
    mapped = pd.Series(labels.reindex(ids.to_numpy()).to_numpy(), index=ids.index)
    return mapped, "outlet" if by == "outlet" else "period"


def term_counts(
    tokens: pd.DataFrame,
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

    Stopwords and bare numbers (``2017``, ``2,5``, ``13/9``) are not listed by default
    (``drop_stopwords``, ``drop_numbers``) but still count in ``n_words``.

    ``by``: ``"corpus"``, ``"article"``, ``"outlet"`` or ``"time"`` (the last two need
    ``articles`` for ``outlet``/``date``; time bins follow ``freq``, articles without a date are
    left out). Columns: [group,] term, count, n_words (word tokens in the group), per_1000.
    Sorted by group, count (descending), term.

    >>> tokens = pd.DataFrame({"article_id": ["a"] * 4, "norm": ["kim", "dan", "kim", "."],
    ...     "is_stopword": [False, True, False, False], "is_punct": [False, False, False, True]})
    >>> term_counts(tokens).values.tolist()
    [['kim', 2, 3, 666.6666666666666]]
    """
    words = _words(tokens)
    keys, name = _group_keys(words, by, articles, freq)
    columns = ([name] if name else []) + ["term", "count", "n_words", "per_1000"]
    if words.empty:
        return _empty(columns)
    terms = _term_column(words, term)
    frame = pd.DataFrame({"term": terms})
    frame["group"] = keys.to_numpy() if keys is not None else "corpus"
    frame["listed"] = _listed(
        words, terms, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers
    )
    if by == "time":
        frame = frame[frame["group"].notna()]
    totals = frame.groupby("group", sort=True).size().rename("n_words")
    frame = frame[frame["listed"].to_numpy(dtype=bool)]
    counts = frame.groupby(["group", "term"], sort=True).size().rename("count").reset_index()
    counts = counts[counts["count"] >= min_count]
    counts = counts.merge(totals, left_on="group", right_index=True, how="left")
    counts["per_1000"] = counts["count"] / counts["n_words"] * 1000
    counts = counts.sort_values(["group", "count", "term"], ascending=[True, False, True])
    counts = counts.reset_index(drop=True)
    return counts.rename(columns={"group": name} if name else {})[columns]


def top_terms(counts: pd.DataFrame, *, n: int = 25, by: str | None = None) -> pd.DataFrame:
    """The ``n`` most frequent rows of a :func:`term_counts` table (per group with ``by``).

    >>> counts = pd.DataFrame({"term": ["a", "b", "c"], "count": [3, 2, 1]})
    >>> top_terms(counts, n=2)["term"].tolist()
    ['a', 'b']
    """
    if by is None:
        return counts.head(n).reset_index(drop=True)
    return counts.groupby(by, sort=True, group_keys=False).head(n).reset_index(drop=True)


def document_frequency(
    tokens: pd.DataFrame,
    *,
    term: str = "norm",
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
) -> pd.DataFrame:
    """In how many articles each term occurs: term, n_articles, share_articles (0-1).

    >>> tokens = pd.DataFrame({"article_id": ["a", "a", "b"], "norm": ["amunisi", "amunisi", "rusia"],
    ...     "is_stopword": [False] * 3, "is_punct": [False] * 3})
    >>> document_frequency(tokens).values.tolist()
    [['amunisi', 1, 0.5], ['rusia', 1, 0.5]]
    """
    words = _words(tokens)
    n_articles = tokens["article_id"].astype(str).nunique()
    words = words[
        _listed(
            words,
            _term_column(words, term),
            drop_stopwords=drop_stopwords,
            drop_numbers=drop_numbers,
        )
    ]
    pairs = pd.DataFrame(
        {"article_id": words["article_id"].astype(str), "term": _term_column(words, term)}
    ).drop_duplicates()
    frequency = pairs.groupby("term", sort=True).size().rename("n_articles").reset_index()
    frequency["share_articles"] = frequency["n_articles"] / max(n_articles, 1)
    return frequency.sort_values(["n_articles", "term"], ascending=[False, True]).reset_index(
        drop=True
    )


def tf_idf(
    tokens: pd.DataFrame,
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
    options = dict(term=term, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers)
    counts = term_counts(tokens, by="article", **options)
    n_articles = tokens["article_id"].astype(str).nunique()
    frequency = document_frequency(tokens, **options)
    table = counts.merge(frequency[["term", "n_articles"]], on="term", how="left")
    table["tf"] = table["count"] / table["n_words"]
    table["idf"] = np.log((1 + n_articles) / (1 + table["n_articles"])) + 1
    table["tf_idf"] = table["tf"] * table["idf"]
    table = table.sort_values(["article_id", "tf_idf", "term"], ascending=[True, False, True])
    if top_n is not None:
        table = table.groupby("article_id", sort=True).head(top_n)
    columns = ["article_id", "term", "count", "tf", "n_articles", "idf", "tf_idf"]
    return table[columns].reset_index(drop=True)


def _sentence_runs(tokens: pd.DataFrame, term: str) -> tuple[np.ndarray, ...]:
    """Terms, a run id (article + sentence, split at punctuation) and stopword flags, in order."""
    ordered = tokens.sort_values(["article_id", "position"], kind="stable")
    terms = _term_column(ordered, term).to_numpy(dtype=object)
    punct = ordered["is_punct"].to_numpy(dtype=bool)
    article = ordered["article_id"].astype(str).to_numpy(dtype=object)
    sentence = ordered["sentence_no"].to_numpy()
    new_run = np.ones(len(ordered), dtype=bool)
    if len(ordered):
        new_run[1:] = (article[1:] != article[:-1]) | (sentence[1:] != sentence[:-1]) | punct[:-1]
    run = np.cumsum(new_run)
    run[punct] = -1  # punctuation belongs to no run
    return terms, run, ordered["is_stopword"].to_numpy(dtype=bool), article


def ngrams(
    tokens: pd.DataFrame,
    *,
    n: int = 2,
    term: str = "norm",
    stopwords: str = "edges",
    min_count: int = 1,
) -> pd.DataFrame:
    """Contiguous n-grams (n = 2 or 3) that stay inside one sentence and do not cross punctuation.

    ``stopwords``: ``"edges"`` (default) drops n-grams that start or end with a stopword, so
    ``kerja sama militer`` survives but ``dan rusia`` does not; ``"any"`` drops n-grams containing
    any stopword; ``"keep"`` keeps everything. Columns: ngram (words joined by a space), count,
    n_articles; sorted by count (descending), ngram.

    >>> tokens = token_table(pd.DataFrame({"article_id": ["a"],
    ...     "text": ["Kerja sama militer Rusia, kerja sama militer. Kerja sama."]}), progress=False)
    >>> ngrams(tokens, n=2).values.tolist()
    [['kerja sama', 3, 1], ['sama militer', 2, 1], ['militer rusia', 1, 1]]
    """
    if n < 2:
        raise ValueError("n must be 2 or more")
    if stopwords not in ("edges", "any", "keep"):
        raise ValueError("stopwords must be 'edges', 'any' or 'keep'")
    terms, run, stop, article = _sentence_runs(tokens, term)
    size = len(terms) - n + 1
    if size <= 0:
        return pd.DataFrame({"ngram": [], "count": [], "n_articles": []})
    valid = np.ones(size, dtype=bool)
    for offset in range(1, n):
        valid &= run[offset : offset + size] == run[:size]
    valid &= run[:size] >= 0
    if stopwords == "edges":
        valid &= ~stop[:size] & ~stop[n - 1 : n - 1 + size]
    elif stopwords == "any":
        for offset in range(n):
            valid &= ~stop[offset : offset + size]
    index = np.flatnonzero(valid)
    grams = [" ".join(terms[i : i + n]) for i in index]
    frame = pd.DataFrame({"ngram": grams, "article_id": article[index]})
    result = (
        frame.groupby("ngram", sort=True)
        .agg(count=("article_id", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
    )
    result = result[result["count"] >= min_count]
    return result.sort_values(["count", "ngram"], ascending=[False, True]).reset_index(drop=True)


def collocations(
    tokens: pd.DataFrame,
    *,
    term: str = "norm",
    min_count: int = 3,
    drop_stopwords: bool = True,
    window_size: int = 2,
) -> pd.DataFrame:
    """Bigram collocations scored with ``nltk.collocations`` (PMI and log-likelihood ratio).

    Bigrams are counted within sentences (``BigramCollocationFinder.from_documents`` over
    sentences, punctuation removed); stopword bigrams are filtered out with
    ``apply_word_filter``; pairs seen fewer than ``min_count`` times are dropped. Columns: w1, w2,
    count, pmi, log_likelihood; sorted by log_likelihood (descending), w1, w2.

    >>> tokens = token_table(pd.DataFrame({"article_id": ["a"],
    ...     "text": ["Kerja sama militer. Kerja sama nuklir. Militer Rusia kuat."]}), progress=False)
    >>> collocations(tokens, min_count=2)[["w1", "w2", "count"]].values.tolist()
    [['kerja', 'sama', 2]]
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    words = _words(tokens).sort_values(["article_id", "position"], kind="stable")
    stop = set(_term_column(words[words["is_stopword"].to_numpy(dtype=bool)], term))
    keys = words["article_id"].astype(str) + "\x00" + words["sentence_no"].astype(str)
    sentences = _term_column(words, term).groupby(keys.to_numpy(), sort=False).agg(list).tolist()
    finder = BigramCollocationFinder.from_documents(sentences)
    if window_size != 2:
        finder = BigramCollocationFinder.from_words(
            [w for sentence in sentences for w in [*sentence, None]], window_size=window_size
        )
        finder.apply_word_filter(lambda w: w is None)
    if drop_stopwords:
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
    frame = pd.DataFrame(rows, columns=["w1", "w2", "count", "pmi", "log_likelihood"])
    return frame.sort_values(
        ["log_likelihood", "w1", "w2"], ascending=[False, True, True]
    ).reset_index(drop=True)


def log_likelihood_g2(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G² (Rayson & Garside 2000) for a term seen ``a`` times in a target of ``c``
    tokens and ``b`` times in a reference of ``d`` tokens.

    E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G² = 2(a ln(a/E1) + b ln(b/E2)), with 0 ln 0 = 0.

    >>> round(log_likelihood_g2(10, 0, 100, 100), 4)
    13.8629
    """
    total = a + b
    expected_target = c * total / (c + d)
    expected_reference = d * total / (c + d)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / expected_target)
    if b > 0:
        g2 += b * math.log(b / expected_reference)
    return 2 * g2


def keyness(
    tokens: pd.DataFrame,
    *,
    target: Iterable[str],
    reference: Iterable[str] | None = None,
    term: str = "norm",
    drop_stopwords: bool = True,
    drop_numbers: bool = True,
    min_count: int = 3,
) -> pd.DataFrame:
    """Keyness of each term in the ``target`` articles against the ``reference`` articles.

    ``target``/``reference`` are article ids (``reference=None``: all other articles). For each
    term: counts and per-1,000-word rates in both groups, log-likelihood G² (Rayson & Garside)
    with its p-value (chi-square, 1 df), and the log ratio effect size (Hardie 2014:
    log2 of the ratio of relative frequencies, a zero count replaced by 0.5). ``direction`` is
    ``"target"`` when the term is relatively more frequent in the target. Terms with
    ``count_target + count_reference < min_count`` are dropped. Sorted by G² (descending), term.

    >>> tokens = pd.DataFrame({"article_id": ["t"] * 100 + ["r"] * 100,
    ...     "norm": ["amunisi"] * 10 + ["senjata"] * 90 + ["senjata"] * 100,
    ...     "is_stopword": [False] * 200, "is_punct": [False] * 200})
    >>> row = keyness(tokens, target=["t"]).iloc[0]
    >>> str(row["term"]), float(round(row["g2"], 4)), float(round(row["log_ratio"], 3)), str(row["direction"])
    ('amunisi', 13.8629, 4.322, 'target')
    """
    words = _words(tokens)
    ids = words["article_id"].astype(str)
    target = {str(t) for t in target}
    in_target = ids.isin(target).to_numpy()
    if reference is None:
        in_reference = ~in_target
    else:
        in_reference = ids.isin({str(r) for r in reference}).to_numpy() & ~in_target
    size_target, size_reference = int(in_target.sum()), int(in_reference.sum())
    if size_target == 0 or size_reference == 0:
        raise ValueError(
            f"keyness needs words in both groups (target: {size_target}, reference: {size_reference})"
        )
    term_values = _term_column(words, term)
    keep = _listed(words, term_values, drop_stopwords=drop_stopwords, drop_numbers=drop_numbers)
    terms = term_values.to_numpy(dtype=object)
    target_counts = pd.Series(terms[in_target & keep]).value_counts()
    reference_counts = pd.Series(terms[in_reference & keep]).value_counts()
    table = pd.DataFrame({"count_target": target_counts, "count_reference": reference_counts})
    table = table.fillna(0).astype(np.int64).rename_axis("term").reset_index()
    table = table[table["count_target"] + table["count_reference"] >= min_count]
    a, b = table["count_target"].to_numpy(float), table["count_reference"].to_numpy(float)
    c, d = float(size_target), float(size_reference)
    expected_target = c * (a + b) / (c + d)
    expected_reference = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_target), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_reference), 0.0)
    g2 = 2 * (part_a + part_b)
    table["per_1000_target"] = a / c * 1000
    table["per_1000_reference"] = b / d * 1000
    table["g2"] = g2
    table["p_value"] = [math.erfc(math.sqrt(max(g, 0.0) / 2)) for g in g2]
    table["log_ratio"] = np.log2((np.maximum(a, 0.5) / c) / (np.maximum(b, 0.5) / d))
    table["direction"] = np.where(a / c >= b / d, "target", "reference")
    table["n_words_target"], table["n_words_reference"] = size_target, size_reference
    return table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)


def select_articles(articles: pd.DataFrame, query: str) -> list[str]:
    """Article ids matching a pandas ``query`` on the article table (for keyness groups).

    Examples: ``"date >= '2023-01-01'"``, ``"outlet == 'Tempo'"``,
    ``"outlet in ['Republika', 'ANTARA']"``.

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Tempo", "ANTARA"],
    ...     "date": pd.to_datetime(["2023-09-13", "2022-11-02"])})
    >>> select_articles(articles, "date >= '2023-01-01'"), select_articles(articles, "outlet == 'ANTARA'")
    (['a'], ['b'])
    """
    try:
        selected = articles.query(query, engine="python")
    except Exception as error:  # report the query, whatever pandas raised
        raise ValueError(f"could not select articles with {query!r}: {error}") from error
    return selected["article_id"].astype(str).tolist()
