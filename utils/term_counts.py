"""Per-article term counts, the input of corpus frequencies: tokens without punctuation,
stopwords dropped (acronyms such as ``AS`` kept), lower-cased, optionally stemmed.

Counting per article means the tidy token table (:func:`utils.text.token_table`) is never
materialised for corpus statistics. The term of each distinct surface form is memoised per
process, because news vocabulary repeats: most tokens are looked up, not recomputed.
:func:`term_count_rows` is the per-article stage of :func:`utils.stages.run_pipeline`.

>>> term_count_rows({"text": "Negara-negara Barat dan AS: negara-negara itu."}, stopwords=frozenset({"dan", "itu"}))
{'term': ['negara-negara', 'barat', 'as'], 'count': [2, 1, 1]}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from utils import stopwords as stopwords_module
from utils import text
from utils.tokens import normalise as _normalise


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
    tokens, token_starts, _ = text.token_columns(body, punctuation=False)
    if not tokens:
        return {"term": [], "count": []}
    # the term of every token as if it did not open a sentence: its stem, or None (stopword)
    terms = list(map(_stem_memo(stopwords, protected).__getitem__, tokens))
    first_tokens = _sentence_initial_indices(token_starts, article.get("_sentence_starts"), body)
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
    token_starts: Sequence[int], sentence_starts: Any, body: str
) -> list[int]:
    """Indices of the tokens opening a sentence (the ``sentence_no`` of
    :func:`utils.tokens.token_rows` changes there; the first token always counts)."""
    if sentence_starts is None or not len(sentence_starts):  # not given (a text has a sentence)
        sentence_starts = [start for start, _ in text.sentence_spans(body)]
    if not len(sentence_starts):
        return [0]
    sentence_no = np.searchsorted(
        np.asarray(sentence_starts, dtype=np.int64),
        np.asarray(token_starts, dtype=np.int64),
        side="right",
    )
    sentence_no = np.maximum(sentence_no - 1, 0)
    return [0, *(np.flatnonzero(sentence_no[1:] != sentence_no[:-1]) + 1).tolist()]


#: A word written in lowercase letters (joined by hyphens), standing alone: what
#: :func:`utils.stemming.stem_word` stems, found without tokenising.
_LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?:-[a-z]+)*(?![\w'’-])")


def stem_vocabulary(texts: list[str]) -> set[str]:
    """The lowercase words of ``texts`` that the stemmed term counts will stem, nearly: the words
    written in lowercase letters (joined by hyphens) found by one regular expression, without
    tokenising (about half the time).

    Speed only (see :func:`prepare_stems`): a word missed here (``al-Abadi``, stemmed as
    ``al-abadi``) is stemmed when a worker meets it, an extra word costs one stem.

    >>> sorted(stem_vocabulary(["Kim menginginkan amunisi, kata AS."]))
    ['amunisi', 'kata', 'menginginkan']
    """
    words: set[str] = set()
    for body in texts:
        if isinstance(body, str):
            words.update(_LOWERCASE_WORD.findall(body))
    return words


def prepare_stems(rows: list[Mapping[str, Any]], *, workers: int = 1) -> None:
    """Stem the vocabulary of ``rows`` once, on ``workers`` processes, before the stemmed
    term-count stage forks its workers (:func:`utils.stemming.remember_stems`): otherwise every
    worker would stem the same vocabulary again (about 0.1 ms per word). Speed only.

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
