"""Per-article term counts, the input of corpus frequencies: tokens without punctuation,
stopwords dropped (acronyms such as ``AS`` kept), lower-cased, optionally stemmed.

Counting per article means the tidy token table (:func:`utils.text.token_tables.token_table`) is never
materialised for corpus statistics. The term of each distinct surface form is memoised per
process, because news vocabulary repeats: most tokens are looked up, not recomputed.
:func:`article_term_counts` is the per-article stage of :func:`utils.pipeline.run_pipeline`.

>>> article_term_counts({"text": "Negara-negara Barat dan AS: negara-negara itu."}, stopwords=frozenset({"dan", "itu"}))
{'term': ['negara-negara', 'barat', 'as'], 'count': [2, 1, 1]}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import repeat
from typing import Any

import numpy as np

from utils.text import stopwords as stopwords_module
from utils.text import tokeniser as text
from utils.text.sentences import sentence_spans
from utils.text.token_tables import normalise as _normalise


def article_term_counts(
    article: Mapping[str, Any],
    *,
    stopwords: frozenset[str] = frozenset(),
    protected: frozenset[str] = frozenset(),
    stem: bool = False,
) -> dict[str, list]:
    """Term counts of one article, in order of first occurrence: tokens
    (:func:`utils.text.tokeniser.tokenise`, no punctuation), stopwords dropped with
    :func:`utils.text.stopwords.stopword_flags` (acronyms such as ``AS`` are kept), lower-cased,
    optionally stemmed (:mod:`utils.text.stemming`).

    Counting here, per article, means the tidy token table is never materialised for corpus
    statistics (it stays available from :func:`utils.text.token_tables.token_table` when a notebook shows it).
    Unstemmed, the decision for each distinct surface form is memoised per process, because news
    vocabulary repeats: most tokens are looked up, not recomputed. Stemmed, terms are the
    ``stem`` column of :func:`utils.text.token_tables.article_tokens` (same rule, computed without the table).

    >>> article_term_counts({"text": "Kim Jong-un dan AS. Kim tiba."}, stopwords=frozenset({"dan", "as"}))
    {'term': ['kim', 'jong-un', 'as', 'tiba'], 'count': [2, 1, 1, 1]}
    """
    if stem:
        return _stemmed_term_counts(article, stopwords=stopwords, protected=protected)
    tokens = text.tokenise(article["text"], punctuation=False)
    # Counting the mapped stream (in C) keeps terms in order of first occurrence; a stopword
    # maps to None and is dropped after counting. A token seen for the first time in this
    # process is decided by the memo's __missing__ (utils.text.stopwords.stopword_flags).
    counts = Counter(map(_memo(_TermMemo, stopwords, protected).__getitem__, tokens))
    counts.pop(None, None)
    return {"term": list(counts), "count": list(counts.values())}


def _stemmed_term_counts(
    article: Mapping[str, Any], *, stopwords: frozenset[str], protected: frozenset[str]
) -> dict[str, list]:
    """Stemmed counts: the non-stopword ``stem`` values of :func:`utils.text.tokeniser.token_rows`, counted
    without building the token rows.

    The same rule: tokens without punctuation, stopword flags from
    :func:`utils.text.stopwords.stopword_flags`, stems from :func:`utils.text.stemming.stem`, and a
    capitalised word opening a sentence is stemmed in lowercase when it also occurs in lowercase
    in the article. Sentence openings come from the article's ``_sentence_starts`` (the sentence
    stage's starts) when given, otherwise from :func:`utils.text.sentences.sentence_spans`.

    Counted as unstemmed: the token stream mapped through the per-process memo {surface token:
    stem}, in C. Only the (few) tokens opening a sentence are looked at on their own
    (:func:`_sentence_opening_tokens`). One stemmed in lowercase changes the term at its own
    position only; when its surface form occurs nowhere else in the article, mapping that form
    to the lowercase stem everywhere (:func:`_opening_stems`) gives exactly the per-token
    sequence of terms, hence the same counts in the same order of first occurrence. When that
    does not hold (the form also inside a sentence, or a sentence starting right after a
    non-space character), the tokens' offsets decide (:func:`_stemmed_counts_from_offsets`).

    >>> _stemmed_term_counts({"text": "Serangan itu gagal. Kemarin serangan berlanjut."},
    ...                      stopwords=frozenset({"itu"}), protected=frozenset())
    {'term': ['serang', 'gagal', 'kemarin', 'lanjut'], 'count': [2, 1, 1, 1]}
    """
    body = article.get("text") or ""
    if not isinstance(body, str):
        body = ""
    pattern = text.token_pattern_for(body, False)  # text.tokenise(body, punctuation=False) is:
    tokens = pattern.findall(body)
    if not tokens:
        return {"term": [], "count": []}
    memo = _memo(_StemMemo, stopwords, protected)
    openers = _sentence_opening_tokens(body, article.get("_sentence_starts"), pattern)
    stems = None if openers is None else _opening_stems(openers, tokens, body, memo.openings)
    if stems is None:
        return _stemmed_counts_from_offsets(body, article.get("_sentence_starts"), memo, protected)
    terms = map(memo.__getitem__, tokens)  # the term of every token as if inside a sentence
    if stems:  # a replaced surface form only occurs opening a sentence: replace it everywhere
        terms = map(stems.get, tokens, terms)
    counts = Counter(terms)
    counts.pop(None, None)
    return {"term": list(counts), "count": list(counts.values())}


def _sentence_opening_tokens(
    body: str, sentence_starts: Any, pattern: re.Pattern[str]
) -> list[str] | None:
    """The tokens (no punctuation) opening a sentence, one per token, in text order; ``None``
    when a sentence starts right after a non-space character (then see the offsets).

    A token opens a sentence when it is the first token of the text or the first one starting
    at or after a sentence start (the ``sentence_no`` of :func:`utils.text.token_tables.token_rows` changes
    there). ``pattern`` (the token pattern for ``body``, without punctuation) finds that token
    with ``pattern.search(body, start)``, without tokenising the text before
    it: the token pattern matches at a position the same way wherever the search began (its
    lookbehinds see the whole text), and no token can run across ``start`` when a space precedes
    it (tokens never contain spaces), so the tokeniser's previous token ends before ``start``.

    >>> body = "Kim tiba. “Serangan” gagal. ... Rusia diam."
    >>> _sentence_opening_tokens(body, [0, 10, 28, 32], text.token_pattern_for(body, False))
    ['Kim', 'Serangan', 'Rusia']
    >>> print(_sentence_opening_tokens("Kim tiba.Rusia diam.", [0, 9], text.token_pattern_for("", False)))
    None
    """
    if sentence_starts is None or not len(sentence_starts):  # not given (a text has a sentence)
        sentence_starts = [start for start, _ in sentence_spans(body)]
    later_starts = [start for start in sentence_starts[1:] if 0 < start < len(body)]
    preceding = "".join([body[start - 1] for start in later_starts])
    if preceding and not preceding.isspace():
        return None
    # the first token at or after each start (None: no token left), in C; one per token
    matches = list(filter(None, map(pattern.search, repeat(body), [0, *later_starts])))
    openers = dict(zip(map(re.Match.start, matches), map(re.Match.group, matches), strict=True))
    return list(openers.values())


def _opening_stems(
    openers: list[str], tokens: list[str], body: str, openings: _OpeningMemo
) -> dict[str, str] | None:
    """{surface token: its stem in lowercase} for the tokens opening a sentence that are stemmed
    in lowercase (capitalised, not a stopword, the lowercase word also in the article: see
    :class:`_OpeningMemo`) and whose term then changes; ``None`` when such a surface form also
    occurs inside a sentence (replacing it everywhere would then be wrong).

    >>> openings = _memo(_StemMemo, frozenset(), frozenset()).openings
    >>> tokens = ["Serangan", "gagal", "Kemarin", "serangan"]
    >>> _opening_stems(["Serangan", "Kemarin"], tokens, " ".join(tokens), openings)
    {'Serangan': 'serang'}
    >>> tokens.append("Serangan")  # inside a sentence too
    >>> _opening_stems(["Serangan"], tokens, " ".join(tokens), openings) is None
    True
    """
    changes = list(map(openings.__getitem__, openers))
    if not any(changes):  # most articles: no opening token is stemmed differently
        return {}
    stems: dict[str, str] = {}
    n_openings: Counter[str] = Counter()  # how many sentences each replaced form opens
    for token, change in zip(openers, changes, strict=True):
        if change is None:
            continue
        norm, stemmed = change
        if norm in body and norm in tokens:  # the cheap test first: a token is in the text
            stems[token] = stemmed
            n_openings[token] += 1
    if any(tokens.count(token) != n for token, n in n_openings.items()):
        return None
    return stems


def _stemmed_counts_from_offsets(
    body: str, sentence_starts: Any, memo: _StemMemo, protected: frozenset[str]
) -> dict[str, list]:
    """:func:`_stemmed_term_counts` from every token's offset (slower; the cases the token
    stream cannot decide alone).

    >>> _stemmed_counts_from_offsets("Serangan gagal.Serangan datang. Kemarin serangan.", None,
    ...                              _memo(_StemMemo, frozenset(), frozenset()), frozenset())
    {'term': ['serang', 'gagal', 'datang', 'kemarin'], 'count': [3, 1, 1, 1]}
    """
    from utils.text import stemming  # only when stemming: see _StemMemo

    tokens, token_starts, _ = text.token_columns(body, punctuation=False)
    if not tokens:
        return {"term": [], "count": []}
    # the term of every token as if it did not open a sentence: its stem, or None (stopword)
    terms = list(map(memo.__getitem__, tokens))
    first_tokens = _sentence_initial_indices(token_starts, sentence_starts, body)
    seen: set[str] | None = None
    for index in first_tokens:
        token = tokens[index]
        if terms[index] is None or not token[:1].isupper():
            continue
        norm = _normalise(token)
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
    :func:`utils.text.token_tables.token_rows` changes there; the first token always counts)."""
    if sentence_starts is None or not len(sentence_starts):  # not given (a text has a sentence)
        sentence_starts = [start for start, _ in sentence_spans(body)]
    if not len(sentence_starts):
        return [0]
    sentence_no = np.searchsorted(
        np.asarray(sentence_starts, dtype=np.int64),
        np.asarray(token_starts, dtype=np.int64),
        side="right",
    )
    sentence_no = np.maximum(sentence_no - 1, 0)
    return [0, *(np.flatnonzero(sentence_no[1:] != sentence_no[:-1]) + 1).tolist()]


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


_MEMO_MAX_TOKENS = 2_000_000


class _StemMemo(dict):
    """{surface token: lowercase stem, or None for a stopword}, filled on first lookup; with
    ``openings``, the same options' :class:`_OpeningMemo`."""

    def __init__(self, stopwords: frozenset[str], protected: frozenset[str]):
        super().__init__()
        self.stopwords = stopwords
        self.protected = protected
        # Imported here, not at the top: the cache key of a stage follows the modules its module
        # imports, and unstemmed term counts must not be recomputed when the stemmer changes.
        from utils.text import stemming

        self.stem = stemming.stem
        self.openings = _OpeningMemo(self)

    def __missing__(self, token: str) -> str | None:
        (is_stopword,) = stopwords_module.stopword_flags(
            [token], stopwords=self.stopwords, protected=self.protected
        )
        term = self[token] = None if is_stopword else self.stem(token, protected=self.protected)
        return term


class _OpeningMemo(dict):
    """{surface token: ``(lowercase form, its stem)`` if the token, opening a sentence, is stemmed
    in lowercase when that form also occurs in the article, and the term then changes; else
    ``None``}, filled on first lookup. The rule of :func:`utils.text.token_tables.token_rows`: a capitalised
    token that is not a stopword, whose lowercase form (``norm``) starts with a lowercase letter.

    >>> openings = _memo(_StemMemo, frozenset({"itu"}), frozenset()).openings
    >>> openings["Serangan"], openings["Kim"], openings["Itu"], openings["serangan"]
    (('serangan', 'serang'), None, None, None)
    """

    def __init__(self, terms: _StemMemo):
        super().__init__()
        self.terms = terms

    def __missing__(self, token: str) -> tuple[str, str] | None:
        change = None
        term = self.terms[token]  # its stem as a name: lowercase, or None (stopword)
        if term is not None and token[:1].isupper():
            norm = _normalise(token)
            if norm[:1].islower():
                stemmed = self.terms.stem(norm, protected=self.terms.protected)
                change = None if stemmed == term else (norm, stemmed)
        self[token] = change
        return change


#: {memo class: (stopwords, protected, memo)}: the last memo of each kind and its options.
_LAST_MEMOS: dict[type, tuple[frozenset[str], frozenset[str], dict]] = {}


def _memo(kind: type, stopwords: frozenset[str], protected: frozenset[str]) -> Any:
    """The per-process memo of ``kind`` (:class:`_TermMemo` or :class:`_StemMemo`) for one set
    of options; one per kind is kept (the last), and started afresh past ``_MEMO_MAX_TOKENS``.

    The options of the last call are recognised by identity first: a worker receives its own
    (equal) copies of them, and comparing two stopword lists costs about 20 µs, a tenth of
    counting an article.

    >>> _memo(_StemMemo, frozenset({"itu"}), frozenset()) is _memo(_StemMemo, frozenset({"itu"}), frozenset())
    True
    >>> _memo(_TermMemo, frozenset({"itu"}), frozenset()) is _memo(_TermMemo, frozenset(), frozenset())
    False
    """
    last = _LAST_MEMOS.get(kind)
    if last is not None and len(last[2]) <= _MEMO_MAX_TOKENS:
        last_stopwords, last_protected, memo = last
        if stopwords is last_stopwords and protected is last_protected:
            return memo
        if stopwords == last_stopwords and protected == last_protected:
            _LAST_MEMOS[kind] = (stopwords, protected, memo)  # next time: by identity
            return memo
    memo = kind(stopwords, protected)
    _LAST_MEMOS[kind] = (stopwords, protected, memo)
    return memo
