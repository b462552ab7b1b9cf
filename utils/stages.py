"""The whole-corpus pipeline as cached per-article stages: clean → sentences → tokens → stopwords
→ frequencies → mentions → co-mentions → timelines.

Each per-article stage is a thin top-level wrapper around the owning module's public function
(cleaning: :mod:`utils.cleaning`; sentences and tokens: :mod:`utils.text`; mentions:
:mod:`utils.actors`) that returns plain column lists, so :func:`utils.pipeline.map_articles`
can cache it per article and run it on both cores without building one DataFrame per article.
Corpus-wide steps (frequency totals, co-mentions, timelines) then run once on the combined rows.

>>> import pandas as pd
>>> term_count_rows({"text": "Negara-negara Barat dan AS: negara-negara itu."}, stopwords=frozenset({"dan", "itu"}))
{'term': ['negara-negara', 'barat', 'as'], 'count': [2, 1, 1]}
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from utils import actors as actors_module
from utils import cleaning, comentions, corpus, metadata, paths, text, timelines
from utils import stopwords as stopwords_module
from utils.tokens import normalise as _normalise

# ---------------------------------------------------------------------- per-article stages


def clean_rows(article: Mapping[str, Any], *, title_from_text: bool = False) -> dict[str, list]:
    """Clean one raw article (its ``text``) with :func:`utils.cleaning.clean_article`.

    >>> clean_rows({"text": "TEMPO.CO, Jakarta - Saling memanggil “kamerad”.\\nREUTERS"})["text"]
    ['Saling memanggil "kamerad".']
    """
    parts = cleaning.clean_article(article["text"], title_from_text=title_from_text)
    return {
        "text": [parts.text],
        "title": [parts.title],
        "outlet_marker": [parts.outlet],
        "dateline": [parts.dateline],
        "credit": [parts.credit],
        "n_paragraphs": [parts.n_paragraphs],
        "n_words": [corpus.count_words(parts.text)],
        "content_hash": [hashlib.sha256(parts.text.encode("utf-8")).hexdigest()],
    }


def sentence_rows(article: Mapping[str, Any]) -> dict[str, list]:
    """The sentence spans of one article (:func:`utils.text.sentence_spans`).

    >>> sentence_rows({"text": "Rusia diam.\\n\\nKorut 2019.Bulan lalu."})
    {'sentence_no': [0, 1, 2], 'start': [0, 13, 24], 'end': [11, 24, 35]}
    """
    spans = text.sentence_spans(article["text"])
    return {
        "sentence_no": list(range(len(spans))),
        "start": [start for start, _ in spans],
        "end": [end for _, end in spans],
    }


def term_count_rows(
    article: Mapping[str, Any],
    *,
    stopwords: frozenset[str] = frozenset(),
    protected: frozenset[str] = frozenset(),
    stem: bool = False,
) -> dict[str, list]:
    """Term counts of one article, in order of first occurrence: tokens
    (:func:`utils.text.tokenise`, no punctuation), stopwords dropped with
    :func:`utils.stopwords.stopword_flags` (acronyms such as ``AS`` are kept), lower-cased,
    optionally stemmed (:mod:`utils.stemming`).

    Counting here, per article, means the tidy token table is never materialised for corpus
    statistics (it stays available from :func:`utils.text.token_table` when a notebook shows it).
    Unstemmed, the decision for each distinct surface form is memoised per process, because news
    vocabulary repeats: most tokens are looked up, not recomputed. Stemmed, terms are the
    ``stem`` column of :func:`utils.text.article_tokens` (same rule, computed without the table).

    >>> term_count_rows({"text": "Kim Jong-un dan AS. Kim tiba."}, stopwords=frozenset({"dan", "as"}))
    {'term': ['kim', 'jong-un', 'as', 'tiba'], 'count': [2, 1, 1, 1]}
    """
    if stem:
        return _stemmed_term_counts(article, stopwords=stopwords, protected=protected)
    tokens = text.tokenise(article["text"], punctuation=False)
    # Counting the mapped stream (in C) keeps terms in order of first occurrence; a stopword
    # maps to None and is dropped after counting. A token seen for the first time in this
    # process is decided by the memo's __missing__ (utils.stopwords.stopword_flags).
    counts = Counter(map(_term_memo(stopwords, protected).__getitem__, tokens))
    counts.pop(None, None)
    return {"term": list(counts), "count": list(counts.values())}


def _stemmed_term_counts(
    article: Mapping[str, Any], *, stopwords: frozenset[str], protected: frozenset[str]
) -> dict[str, list]:
    """Stemmed counts: the non-stopword ``stem`` values of :func:`utils.text.token_rows`, counted
    without building the token rows.

    The same rule: tokens without punctuation, stopword flags from
    :func:`utils.stopwords.stopword_flags`, stems from :func:`utils.stemming.stem`, and a
    capitalised word opening a sentence is stemmed in lowercase when it also occurs in lowercase
    in the article. Sentence openings come from the article's ``_sentence_starts`` (the sentence
    stage's starts) when given, otherwise from :func:`utils.text.sentence_spans`. As unstemmed,
    the term of each distinct surface form is memoised per process; only the (few)
    sentence-initial tokens are looked at again.

    >>> _stemmed_term_counts({"text": "Serangan itu gagal. Kemarin serangan berlanjut."},
    ...                      stopwords=frozenset({"itu"}), protected=frozenset())
    {'term': ['serang', 'gagal', 'kemarin', 'lanjut'], 'count': [2, 1, 1, 1]}
    """
    from utils import stemming

    body = article.get("text") or ""
    if not isinstance(body, str):
        body = ""
    # one pass for the tokens and their starts (tokenise_with_offsets without the tuples)
    matches = list(text._pattern_for(body, False).finditer(body)) if body else []
    if not matches:
        return {"term": [], "count": []}
    tokens = [match.group() for match in matches]
    # the term of every token as if it did not open a sentence: its stem, or None (stopword)
    terms = list(map(_stem_memo(stopwords, protected).__getitem__, tokens))
    first_tokens = _sentence_initial_indices(
        [match.start() for match in matches], article.get("_sentence_starts"), body
    )
    apostrophe = "’" in body
    seen: set[str] | None = None
    for index in first_tokens:
        token = tokens[index]
        if terms[index] is None or not token[:1].isupper():
            continue
        norm = token.lower()
        if apostrophe:
            norm = norm.replace("’", "'")
        if seen is None:
            seen = set(tokens)
        if norm[:1].islower() and norm in seen:  # the word also occurs in lowercase
            terms[index] = stemming.stem(norm, protected=protected)
    counts = Counter(terms)
    counts.pop(None, None)
    return {"term": list(counts), "count": list(counts.values())}


def _sentence_initial_indices(
    token_starts: list[int], sentence_starts: Any, body: str
) -> list[int]:
    """Indices of the tokens opening a sentence (the ``sentence_no`` of
    :func:`utils.tokens.token_rows` changes there; the first token always counts)."""
    if sentence_starts is None or not len(sentence_starts):  # not given (a text has a sentence)
        sentence_starts = [start for start, _ in text.sentence_spans(body)]
    if not len(sentence_starts):
        return [0]
    sentence_no = np.searchsorted(
        np.asarray(sentence_starts, dtype=np.int64),
        np.array(token_starts, dtype=np.int64),
        side="right",
    )
    sentence_no = np.maximum(sentence_no - 1, 0)
    return [0, *(np.flatnonzero(sentence_no[1:] != sentence_no[:-1]) + 1).tolist()]


def stem_vocabulary(texts: list[str]) -> set[str]:
    """The lowercase forms of the tokens of ``texts`` that :func:`utils.stemming.stem` may
    stem (those not written with a capital).

    >>> sorted(stem_vocabulary(["Kim menginginkan amunisi, kata AS."]))
    ['amunisi', 'kata', 'menginginkan']
    """
    words: set[str] = set()
    for body in texts:
        if isinstance(body, str):
            words.update(
                token.lower()
                for token in text.tokenise(body, punctuation=False)
                if not token[0].isupper()
            )
    return words


def prepare_stems(rows: list[Mapping[str, Any]], *, workers: int = 1) -> None:
    """Stem the vocabulary of ``rows`` once, on ``workers`` processes, before the stemmed
    term-count stage forks its workers (:func:`utils.stemming.remember_stems`): otherwise every
    worker would stem the same vocabulary again (about 0.2 ms per word). Speed only.

    >>> from utils import stemming
    >>> prepare_stems([{"text": "Pasukan Rusia menyerang."}], workers=1)
    >>> stemming._STEM_TABLE.get("menyerang"), "rusia" in stemming._STEM_TABLE
    ('serang', False)
    """
    import multiprocessing

    from utils import stemming

    if "fork" not in multiprocessing.get_all_start_methods():
        return  # spawned workers would not inherit the table
    texts = [row.get("text") for row in rows]
    if workers > 1 and len(texts) > 64:
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        size = -(-len(texts) // (workers * 4))
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            vocabulary = set().union(*pool.map(stem_vocabulary, chunks))
    else:
        vocabulary = stem_vocabulary(texts)
    stemming.remember_stems(vocabulary, workers=workers)


class _TermMemo(dict):
    """{surface token: term, or None for a stopword}, filled on first lookup of each token."""

    def __init__(self, stopwords: frozenset[str], protected: frozenset[str]):
        super().__init__()
        self.stopwords = stopwords
        # Only protected forms that are stopwords matter; passing just those is equivalent.
        self.protected = frozenset(p for p in protected if p.lower() in stopwords)

    def __missing__(self, token: str) -> str | None:
        (is_stopword,) = stopwords_module.stopword_flags(
            [token], stopwords=self.stopwords, protected=self.protected
        )
        term = self[token] = None if is_stopword else _normalise(token)
        return term


_MEMO: dict[tuple, _TermMemo] = {}
_MEMO_MAX_TOKENS = 2_000_000


def _term_memo(stopwords: frozenset[str], protected: frozenset[str]) -> _TermMemo:
    """The per-process memo {surface token: term or None} for one set of options (kept: the last)."""
    key = (len(stopwords), hash(stopwords), len(protected), hash(protected))
    memo = _MEMO.get(key)
    if memo is None or len(memo) > _MEMO_MAX_TOKENS:
        _MEMO.clear()
        memo = _MEMO[key] = _TermMemo(stopwords, protected)
    return memo


class _StemMemo(dict):
    """{surface token: lowercase stem, or None for a stopword}, filled on first lookup."""

    def __init__(self, stopwords: frozenset[str], protected: frozenset[str]):
        super().__init__()
        self.stopwords = stopwords
        self.protected = protected

    def __missing__(self, token: str) -> str | None:
        from utils import stemming

        (is_stopword,) = stopwords_module.stopword_flags(
            [token], stopwords=self.stopwords, protected=self.protected
        )
        term = self[token] = None if is_stopword else stemming.stem(token, protected=self.protected)
        return term


_STEM_MEMO: dict[tuple, _StemMemo] = {}


def _stem_memo(stopwords: frozenset[str], protected: frozenset[str]) -> _StemMemo:
    """The per-process memo {surface token: stem or None} for one set of options (kept: the last)."""
    key = (stopwords, protected)
    memo = _STEM_MEMO.get(key)
    if memo is None or len(memo) > _MEMO_MAX_TOKENS:
        _STEM_MEMO.clear()
        memo = _STEM_MEMO[key] = _StemMemo(stopwords, protected)
    return memo


def mention_rows(
    article: Mapping[str, Any],
    *,
    gazetteer: actors_module.Gazetteer,
    include_unresolved: bool = True,
) -> dict[str, list]:
    """The actor mentions of one article as column lists (:func:`utils.actors.article_mention_columns`).

    >>> gazetteer = actors_module.as_gazetteer(actors_module.load_actors())
    >>> rows = mention_rows({"article_id": "a", "text": "Putin menyambut Kim Jong Un."}, gazetteer=gazetteer)
    >>> rows["actor"], rows["start"]
    (['vladimir_putin', 'kim_jong_un'], [0, 16])
    """
    return actors_module.article_mention_columns(
        article, gazetteer=gazetteer, include_unresolved=include_unresolved
    )


# ---------------------------------------------------------------------- corpus-wide steps
def corpus_frequencies(term_counts: pa.Table | pd.DataFrame) -> pd.DataFrame:
    """Corpus totals from per-article term counts: term, count, n_articles, share (of all counted
    terms); sorted by count (descending) then term.

    >>> counts = pd.DataFrame({"article_id": ["a", "a", "b"], "term": ["rusia", "korut", "rusia"],
    ...                        "count": [2, 1, 1]})
    >>> corpus_frequencies(counts)
        term  count  n_articles  share
    0  rusia      3           2   0.75
    1  korut      1           1   0.25
    """
    table = (
        term_counts
        if isinstance(term_counts, pa.Table)
        else pa.Table.from_pandas(term_counts[["term", "count"]], preserve_index=False)
    )
    grouped = table.group_by("term").aggregate([("count", "sum"), ("count", "count")])
    frame = grouped.rename_columns(["term", "count", "n_articles"]).to_pandas()
    frame["count"] = frame["count"].astype("int64")
    frame["n_articles"] = frame["n_articles"].astype("int64")
    total = frame["count"].sum()
    frame["share"] = frame["count"] / total if total else 0.0
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------------- the pipeline
def run_pipeline(
    articles: pd.DataFrame,
    *,
    actors: pd.DataFrame | str | os.PathLike[str] = paths.ACTORS_FILE,
    clean: bool = False,
    stem: bool = False,
    scope: str = "sentence",
    window: int = 10,
    freq: str = "MS",
    stopwords: frozenset[str] | None = None,
    engine: str = "pandas",
    workers: int | None = None,
    scheduler: Any = None,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] = paths.CACHE_DIR,
    progress: bool = True,
    term_counts_table: bool = False,
    on_stage: Callable[[str, float, int], None] | None = None,
) -> dict[str, pd.DataFrame]:
    """Run every stage on an article table and return the tables by name.

    ``clean=True`` treats ``text`` as raw text and cleans it first (stage ``clean``, cached by
    raw-text hash); otherwise ``articles`` is the cleaned article table from :mod:`utils.corpus`.
    ``on_stage(name, seconds, n_rows)`` is called after each stage (the benchmark uses it).

    Returns ``articles``, ``sentences``, ``frequencies`` (corpus totals; the per-article
    ``term_counts`` too when ``term_counts_table=True``: tens of millions of rows at 100k articles), ``mentions``, ``co_mentions``, ``timeline`` (mentions per actor per
    ``freq`` bin) and ``co_mention_timeline``. Needs ``date`` and ``date_precision`` columns
    for the timelines. Co-mentions at sentence/paragraph/article scope are computed without the
    texts, so ``n_units`` counts the units that mention an actor (see
    :func:`utils.comentions.co_mentions`).
    """
    from utils.pipeline import map_articles

    common = {"engine": engine, "workers": workers, "scheduler": scheduler, "cache": cache,
              "cache_dir": cache_dir, "progress": progress}  # fmt: skip
    tables: dict[str, pd.DataFrame] = {}

    def timed(name: str, function: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = function()
        if on_stage is not None:
            on_stage(
                name,
                time.perf_counter() - started,
                len(result) if hasattr(result, "__len__") else 0,
            )
        return result

    if clean:
        cleaned = timed("clean", lambda: map_articles(
            articles[["article_id", "text"]], clean_rows, stage="clean", params={},
            depends_on=[cleaning, metadata, text], **common))  # fmt: skip
        articles = articles.drop(columns=["text"]).reset_index(drop=True)
        for column in cleaned.columns.drop("article_id"):
            articles[column] = cleaned[column].array  # no round trip through Python objects
    tables["articles"] = articles
    per_article = articles[["article_id", "text", "content_hash"]] if "content_hash" in articles else articles[
        ["article_id", "text"]]  # fmt: skip

    sentence_table = timed("sentences", lambda: map_articles(
        per_article, sentence_rows, stage="sentences", params={}, depends_on=[text],
        output="arrow", **common))  # fmt: skip
    tables["sentences"], sentence_starts = _sentences_and_starts(sentence_table, len(per_article))
    stopwords = stopwords_module.load_stopwords() if stopwords is None else frozenset(stopwords)
    gazetteer = actors_module.as_gazetteer(actors)
    # Alias words protect a token from the stopword list only if they are stopwords themselves
    # (``AS``); passing just those keeps the term counts cached when other actors change.
    # Stemming protects every alias word (``Bekasi`` is not ``bekas``), so then all of them count.
    alias_words = {word for entry in gazetteer.entries for word in entry[0].split()}
    protected = frozenset(w for w in alias_words if stem or w.lower() in stopwords)
    term_depends = [text, stopwords_module] + (
        [_import("utils.stemming"), _import("utils.tokens")] if stem else []
    )
    # The stemmed term counts and the mention stage reuse the sentence starts instead of
    # splitting the texts again.
    with_starts = per_article.assign(_sentence_starts=sentence_starts.set_axis(per_article.index))
    term_counts = timed("tokens+stopwords", lambda: map_articles(
        with_starts if stem else per_article, term_count_rows, stage="term_counts",
        params={"stopwords": stopwords, "protected": protected, "stem": stem},
        depends_on=term_depends, output="arrow", prepare=prepare_stems if stem else None,
        **common))  # fmt: skip
    tables["frequencies"] = timed("frequencies", partial(corpus_frequencies, term_counts))
    if term_counts_table:
        tables["term_counts"] = term_counts.to_pandas().astype({"article_id": "str"})

    tables["mentions"] = timed("mentions", lambda: map_articles(
        with_starts, mention_rows, stage="mentions", params={"gazetteer": gazetteer},
        depends_on=[actors_module, text], **common))  # fmt: skip
    co_mention_articles = articles if scope == "window" else None  # see the note on n_units
    tables["co_mentions"] = timed("co-mentions", lambda: comentions.co_mentions(
        tables["mentions"], scope=scope, window=window, articles=co_mention_articles))  # fmt: skip
    tables["timeline"] = timed("timelines", lambda: timelines.mention_timeline(
        tables["mentions"], articles, freq=freq))  # fmt: skip
    tables["co_mention_timeline"] = timed("co-mention timelines", lambda: timelines.co_mention_timeline(
        tables["mentions"], articles, scope=scope, window=window, freq=freq))  # fmt: skip
    return tables


def _sentences_and_starts(table: pa.Table, n_articles: int) -> tuple[pd.DataFrame, pd.Series]:
    """The sentence table (as ``map_articles`` returns it with ``output="pandas"``) and, per
    article, the NumPy array of its sentence starts, from the Arrow output of the sentence stage.

    >>> table = pa.table({"article_id": pa.DictionaryArray.from_arrays(
    ...     pa.array([0, 0, 2], pa.int32()), pa.array(["a", "b", "c"])),
    ...     "sentence_no": [0, 1, 0], "start": [0, 12, 0], "end": [11, 20, 5]})
    >>> frame, starts = _sentences_and_starts(table, 3)
    >>> frame["article_id"].tolist(), [s.tolist() for s in starts]
    (['a', 'a', 'c'], [[0, 12], [], [0]])
    """
    ids = table.column("article_id")
    if not pa.types.is_dictionary(ids.type) or "start" not in table.column_names:
        empty = np.zeros(0, dtype=np.int64)
        return table.to_pandas(), pd.Series([empty] * n_articles, dtype=object)
    ids = ids.combine_chunks()
    owners = ids.indices.to_numpy(zero_copy_only=False)
    starts = table.column("start").to_numpy()
    counts = np.bincount(owners, minlength=n_articles)
    per_article = np.split(starts, np.cumsum(counts)[:-1])
    frame = table.set_column(0, "article_id", ids.dictionary_decode()).to_pandas()
    return frame, pd.Series(per_article, dtype=object)


def _import(name: str):
    import importlib

    return importlib.import_module(name)
