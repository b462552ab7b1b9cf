"""Per-article counts of terms, n-grams and word pairs, cached: the raw material of the corpus
statistics in :mod:`utils.frequencies.counts`, :mod:`utils.frequencies.ngrams` and :mod:`utils.frequencies.keyness`.

Corpus-wide statistics (counts per outlet or period, document frequency, TF-IDF, n-grams,
collocations, keyness) are sums of per-article counts. :func:`count_articles` computes those
counts once per article through :func:`utils.engine.article_stages.map_articles`, cached under
``data/interim/cache/article-*/``; each article is keyed on the hash of its own token rows
(terms, sentence numbers, stopword and punctuation flags) and on the options, so re-running after
adding one article counts one article, and the statistics are then aggregated from the counts.
Passing a token table to those functions instead gives the same result, counted afresh.

The per-article tables (``article_id`` first):

* ``terms``: term, count (word tokens, punctuation excluded), n_stopword (how many of them are
  flagged ``is_stopword``; a flag belongs to an occurrence, so ``AS`` and ``as`` can differ);
* ``ngrams``: n, ngram, count: contiguous n-grams inside a sentence, not crossing punctuation,
  filtered by ``ngram_stopwords`` (see :func:`utils.frequencies.ngrams.ngrams`);
* ``pairs``: w1, w2, count: adjacent words of a sentence once punctuation is removed (the
  bigrams ``nltk``'s ``BigramCollocationFinder.from_documents`` counts over sentences).

>>> from utils.text.token_tables import token_table
>>> tokens = token_table(pd.DataFrame({"article_id": ["a"], "text": ["Kerja sama Rusia dan Korut."]}),
...                      options=EngineOptions(progress=False))
>>> counts = count_articles(tokens, options=EngineOptions(cache=False, progress=False))
>>> counts.terms[["term", "count", "n_stopword"]].values.tolist()
[['kerja', 1, 0], ['sama', 1, 0], ['rusia', 1, 0], ['dan', 1, 1], ['korut', 1, 0]]
>>> counts.ngrams.query("n == 2")["ngram"].tolist()
['kerja sama', 'sama rusia']
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from utils.engine.article_stages import map_articles
from utils.engine.options import DEFAULT_OPTIONS, EngineOptions

#: What :func:`count_articles` can count; each kind is one cached stage.
KINDS = ("terms", "ngrams", "pairs")
NGRAM_STOPWORDS = ("edges", "any", "keep")

#: A bare number (``2017``, ``2,5``, ``13/9``): not listed as a term by default.
NUMBER_PATTERN = r"[\d.,/:–-]*\d[\d.,/:–-]*"

_COLUMNS = {
    "terms": {"term": "str", "count": "int64", "n_stopword": "int64"},
    "ngrams": {"n": "int64", "ngram": "str", "count": "int64"},
    "pairs": {"w1": "str", "w2": "str", "count": "int64"},
}


@dataclass(frozen=True)
class ArticleCounts:
    """Per-article counts of one token table (see the module docstring for the columns).

    ``term`` is the token column counted (``norm`` or ``stem``); ``n_articles`` the number of
    articles with at least one token (the N of document frequency and TF-IDF).
    """

    terms: pd.DataFrame | None
    ngrams: pd.DataFrame | None
    pairs: pd.DataFrame | None
    term: str
    n_articles: int
    ngram_sizes: tuple[int, ...] = (2, 3)
    ngram_stopwords: str = "edges"

    def table(self, kind: str, *, term: str) -> pd.DataFrame:
        """The per-article table ``kind``, checking it was counted, and on the column ``term``.

        >>> counts = ArticleCounts(terms=None, ngrams=None, pairs=None, term="norm", n_articles=0)
        >>> counts.table("terms", term="norm")
        Traceback (most recent call last):
        ...
        ValueError: these counts have no 'terms' table: count_articles(..., kinds=[..., 'terms'])
        """
        if term != self.term:
            raise ValueError(f"these counts are of {self.term!r}, not {term!r}")
        found = getattr(self, kind)
        if found is None:
            raise ValueError(
                f"these counts have no {kind!r} table: count_articles(..., kinds=[..., {kind!r}])"
            )
        return found


# ---------------------------------------------------------------------- one article
def token_term_counts(article: Mapping[str, Any]) -> dict[str, list]:
    """Word counts of one article, in order of first occurrence (punctuation left out), with
    how many occurrences are flagged as stopwords.

    >>> token_term_counts({"terms": ["as", "dan", "as", "."], "is_stopword": [False, True, True, False],
    ...            "is_punct": [False, False, False, True]})
    {'term': ['as', 'dan'], 'count': [2, 1], 'n_stopword': [1, 1]}
    """
    counts: Counter[str] = Counter()
    stopword_counts: Counter[str] = Counter()
    for term, is_stopword, is_punct in zip(
        article["terms"],
        _as_list(article["is_stopword"]),
        _as_list(article["is_punct"]),
        strict=True,
    ):
        if is_punct:
            continue
        counts[term] += 1
        if is_stopword:
            stopword_counts[term] += 1
    return {
        "term": list(counts),
        "count": list(counts.values()),
        "n_stopword": [stopword_counts[term] for term in counts],
    }


def _runs(sentence_no: list[int], is_punct: list[bool]) -> list[int]:
    """A run number per token: a new run starts at a new sentence or after punctuation;
    punctuation itself belongs to no run (-1).

    >>> _runs([0, 0, 0, 0, 1], [False, True, False, False, False])
    [0, -1, 1, 1, 2]
    """
    runs, run = [], -1
    for index, (sentence, punct) in enumerate(zip(sentence_no, is_punct, strict=True)):
        if index == 0 or sentence != sentence_no[index - 1] or is_punct[index - 1]:
            run += 1
        runs.append(-1 if punct else run)
    return runs


def ngram_rows(
    article: Mapping[str, Any], *, sizes: Sequence[int] = (2, 3), stopwords: str = "edges"
) -> dict[str, list]:
    """Counts of the contiguous n-grams (each n of ``sizes``) of one article that stay inside a
    sentence and do not cross punctuation, filtered by ``stopwords`` (``"edges"``: none starting
    or ending with a stopword; ``"any"``: none containing one; ``"keep"``: all).

    >>> ngram_rows({"terms": ["kerja", "sama", "dan", "rusia", "."], "sentence_no": [0] * 5,
    ...             "is_stopword": [False, False, True, False, False],
    ...             "is_punct": [False, False, False, False, True]}, sizes=[2])
    {'n': [2], 'ngram': ['kerja sama'], 'count': [1]}
    """
    terms = list(article["terms"])
    is_punct = _as_list(article["is_punct"])
    is_stopword = _as_list(article["is_stopword"])
    runs = _runs(_as_list(article["sentence_no"]), is_punct)
    rows: dict[str, list] = {"n": [], "ngram": [], "count": []}
    for n in sizes:
        counts: Counter[str] = Counter()
        for first in range(len(terms) - n + 1):
            last = first + n - 1
            if runs[first] < 0 or runs[last] != runs[first]:
                continue  # punctuation, or crosses a sentence end or punctuation
            if stopwords == "edges" and (is_stopword[first] or is_stopword[last]):
                continue
            if stopwords == "any" and any(is_stopword[first : last + 1]):
                continue
            counts[" ".join(terms[first : last + 1])] += 1
        rows["n"].extend([n] * len(counts))
        rows["ngram"].extend(counts)
        rows["count"].extend(counts.values())
    return rows


def pair_rows(article: Mapping[str, Any]) -> dict[str, list]:
    """Counts of adjacent word pairs within each sentence once punctuation is removed (the
    bigrams of ``nltk``'s ``BigramCollocationFinder.from_documents`` over sentences).

    >>> pair_rows({"terms": ["rusia", ",", "korut", ".", "kim"], "sentence_no": [0, 0, 0, 0, 1],
    ...            "is_punct": [False, True, False, True, False]})
    {'w1': ['rusia'], 'w2': ['korut'], 'count': [1]}
    """
    counts: Counter[tuple[str, str]] = Counter()
    previous_term, previous_sentence = None, None
    for term, sentence, punct in zip(
        article["terms"],
        _as_list(article["sentence_no"]),
        _as_list(article["is_punct"]),
        strict=True,
    ):
        if punct:
            continue
        if sentence == previous_sentence:
            counts[(previous_term, term)] += 1
        previous_term, previous_sentence = term, sentence
    return {
        "w1": [w1 for w1, _ in counts],
        "w2": [w2 for _, w2 in counts],
        "count": list(counts.values()),
    }


def _as_list(values: Any) -> list:
    """A plain list (NumPy arrays are iterated much faster as lists)."""
    return values.tolist() if isinstance(values, np.ndarray) else list(values)


# ---------------------------------------------------------------------- the token table
def term_strings(tokens: pd.DataFrame, term: str) -> np.ndarray:
    """The ``term`` column of a token table as a NumPy array of ``str`` (one per row); a
    categorical column is converted once per category, not once per row.

    >>> term_strings(pd.DataFrame({"norm": pd.Categorical(["rusia", "korut", "rusia"])}), "norm").tolist()
    ['rusia', 'korut', 'rusia']
    """
    if term not in tokens:
        raise KeyError(
            f"token table has no {term!r} column (build it with stem=True for term='stem')"
        )
    column = tokens[term]
    if isinstance(column.dtype, pd.CategoricalDtype) and not column.isna().any():
        categories = column.cat.categories.astype(str).to_numpy(dtype=object)
        return categories[column.cat.codes.to_numpy()]
    return column.astype(str).to_numpy(dtype=object)


def word_flags(tokens: pd.DataFrame) -> np.ndarray:
    """True for the punctuation rows: the ``is_punct`` column, or no word character in ``norm``."""
    if "is_punct" in tokens:
        return tokens["is_punct"].to_numpy(dtype=bool)
    return ~tokens["norm"].astype(str).str.contains(r"\w", regex=True).to_numpy(dtype=bool)


def article_inputs(tokens: pd.DataFrame, *, term: str = "norm") -> pd.DataFrame:
    """One row per article of the token table, holding its token rows (in ``position`` order) as
    lists, and a ``content_hash`` of them: the input of the per-article counting stages.
    Without ``position`` the rows keep their order; without ``sentence_no`` an article is one
    sentence.

    ``text`` is empty: :func:`utils.engine.article_stages.map_articles` needs the column, but these stages
    read the token rows, and their hash is the cache key.

    >>> tokens = pd.DataFrame({"article_id": ["b", "a", "b"], "position": [1, 0, 0],
    ...     "sentence_no": [0, 0, 0], "norm": ["korut", "rusia", "kim"],
    ...     "is_stopword": [False] * 3, "is_punct": [False] * 3})
    >>> inputs = article_inputs(tokens)
    >>> inputs["article_id"].tolist(), inputs["terms"].tolist()
    (['a', 'b'], [['rusia'], ['kim', 'korut']])
    """
    order = ["article_id", "position"] if "position" in tokens else ["article_id"]
    ordered = tokens.sort_values(order, kind="stable")
    ids = term_strings(ordered, "article_id")
    terms = term_strings(ordered, term)
    if "sentence_no" in ordered:
        sentence_no = ordered["sentence_no"].to_numpy(dtype=np.int64)
    else:  # a minimal table (article_id, norm, flags): one sentence per article
        sentence_no = np.zeros(len(ordered), dtype=np.int64)
    is_stopword = ordered["is_stopword"].to_numpy(dtype=bool)
    is_punct = word_flags(ordered)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], int)
    bounds = list(zip(starts.tolist(), [*starts[1:].tolist(), len(ids)], strict=True))
    rows = {"terms": [], "sentence_no": [], "is_stopword": [], "is_punct": [], "hash": []}
    for start, stop in bounds:
        part = terms[start:stop].tolist()
        columns = (sentence_no[start:stop], is_stopword[start:stop], is_punct[start:stop])
        digest = hashlib.sha256("\x1f".join(part).encode("utf-8", "surrogatepass"))
        for values in columns:
            digest.update(b"\x1e" + values.tobytes())
        rows["terms"].append(part)
        rows["sentence_no"].append(columns[0])
        rows["is_stopword"].append(columns[1])
        rows["is_punct"].append(columns[2])
        rows["hash"].append(digest.hexdigest())
    return pd.DataFrame(
        {
            "article_id": [ids[start] for start, _ in bounds],
            "text": [""] * len(bounds),
            "content_hash": rows.pop("hash"),
            **rows,
        }
    )


_STAGES = {"terms": token_term_counts, "ngrams": ngram_rows, "pairs": pair_rows}


def count_articles(
    tokens: pd.DataFrame,
    *,
    term: str = "norm",
    kinds: Sequence[str] = KINDS,
    ngram_sizes: Sequence[int] = (2, 3),
    ngram_stopwords: str = "edges",
    options: EngineOptions = DEFAULT_OPTIONS,
) -> ArticleCounts:
    """Count terms, n-grams and word pairs per article (``kinds``), cached per article.

    ``tokens`` is a token table (:func:`utils.text.token_tables.token_table`, or read from
    ``tokens.parquet``); ``term`` the column counted (``"norm"`` or ``"stem"``). Each kind is a
    stage of :func:`utils.engine.article_stages.map_articles` (``article-terms``, ``article-ngrams``,
    ``article-pairs``) keyed on the hash of each article's token rows, the options and the
    source of this module, so only new or changed articles are counted again; ``options``
    (:class:`utils.engine.EngineOptions`) sets the cache and the progress bar (with
    ``cache=False`` everything is counted, nothing read or written). The counting runs in this
    process, whatever engine ``options`` names: it is cheaper than handing the tokens over.

    >>> from utils.text.token_tables import token_table
    >>> tokens = token_table(pd.DataFrame({"article_id": ["a", "b"],
    ...     "text": ["Rusia, Korut dan AS.", "Korut menolak."]}), options=EngineOptions(progress=False))
    >>> counts = count_articles(tokens, kinds=["pairs"], options=EngineOptions(cache=False, progress=False))
    >>> counts.pairs.values.tolist(), counts.n_articles
    ([['a', 'rusia', 'korut', 1], ['a', 'korut', 'dan', 1], ['a', 'dan', 'as', 1], ['b', 'korut', 'menolak', 1]], 2)
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"kinds must be among {KINDS}, got {sorted(unknown)}")
    if ngram_stopwords not in NGRAM_STOPWORDS:
        raise ValueError(f"ngram_stopwords must be one of {NGRAM_STOPWORDS}")
    if any(n < 2 for n in ngram_sizes):
        raise ValueError("n-gram sizes must be 2 or more")
    inputs = article_inputs(tokens, term=term)
    params = {
        "terms": {},
        "ngrams": {"sizes": tuple(int(n) for n in ngram_sizes), "stopwords": ngram_stopwords},
        "pairs": {},
    }
    tables: dict[str, pd.DataFrame | None] = dict.fromkeys(KINDS)
    for kind in kinds:
        rows = map_articles(
            inputs,
            _STAGES[kind],
            stage=f"article-{kind}",
            params=params[kind],
            options=options.replace(engine="pandas", scheduler=None, workers=1),
        )
        tables[kind] = _typed(rows, kind)
    return ArticleCounts(
        terms=tables["terms"],
        ngrams=tables["ngrams"],
        pairs=tables["pairs"],
        term=term,
        n_articles=len(inputs),
        ngram_sizes=tuple(int(n) for n in ngram_sizes),
        ngram_stopwords=ngram_stopwords,
    )


def _typed(rows: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The rows of one stage with its columns and dtypes (also when no article had any)."""
    dtypes = {"article_id": "str", **_COLUMNS[kind]}
    if not len(rows):
        return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in dtypes.items()})
    return rows[list(dtypes)].astype(dtypes)


# ---------------------------------------------------------------------- for the statistics
def as_counts(
    tokens: pd.DataFrame | ArticleCounts, *, term: str, kinds: Sequence[str]
) -> ArticleCounts:
    """``tokens`` itself if it already is :class:`ArticleCounts`, else its counts (uncached)."""
    if isinstance(tokens, ArticleCounts):
        return tokens
    return count_articles(tokens, term=term, kinds=kinds, options=EngineOptions(cache=False, progress=False))


def listed_terms(
    counts: ArticleCounts, *, term: str, drop_stopwords: bool, drop_numbers: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The listed term counts per article (article_id, term, count; stopword occurrences and
    bare numbers left out as asked) and the words per article (article_id, n_words: every
    word token, stopwords and numbers included).

    >>> counts = ArticleCounts(terms=pd.DataFrame({"article_id": ["a", "a", "a"],
    ...     "term": ["as", "dan", "2017"], "count": [2, 1, 1], "n_stopword": [1, 1, 0]}),
    ...     ngrams=None, pairs=None, term="norm", n_articles=1)
    >>> listed, words = listed_terms(counts, term="norm", drop_stopwords=True, drop_numbers=True)
    >>> listed.values.tolist(), words.values.tolist()
    ([['a', 'as', 1]], [['a', 4]])
    """
    rows = counts.table("terms", term=term)
    words = rows.groupby("article_id", sort=False)["count"].sum().rename("n_words").reset_index()
    listed_count = rows["count"] - rows["n_stopword"] if drop_stopwords else rows["count"]
    keep = listed_count.to_numpy() > 0
    if drop_numbers:
        keep &= ~is_number(rows["term"])
    listed = rows.loc[keep, ["article_id", "term"]].assign(count=listed_count[keep])
    return listed.reset_index(drop=True), words


def is_number(terms: pd.Series) -> np.ndarray:
    """True for the bare numbers (``2017``, ``2,5``, ``13/9``; not ``ke-2``), tested once per
    distinct term.

    >>> is_number(pd.Series(["2017", "ke-2", "2,5", "2017"])).tolist()
    [True, False, True, True]
    """
    codes, uniques = pd.factorize(terms)
    flags = pd.Series(uniques, dtype="str").str.fullmatch(NUMBER_PATTERN).to_numpy(dtype=bool)
    return flags[codes] if len(codes) else np.zeros(0, dtype=bool)
