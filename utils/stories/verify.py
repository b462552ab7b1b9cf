"""Telling candidate pairs apart: same story, recurring template, or shared lines only.

The frozen rules (tuned on the development pairs only; see ``data/README.md``, *Stories*):

1. ``containment`` is the share of the smaller article's shingles found in the other one,
   estimated from the MinHash signatures and the shingle counts; ``masked_containment`` the same
   with numbers and dates masked.
2. **template**: the masked wording is shared (``masked_containment >= TEMPLATE_MASKED``) but the
   figures are not: fewer than ``NUMBER_OVERLAP`` of the smaller set of number/date words occur
   in the other article, and the wording as written is not near-identical
   (``containment < TEMPLATE_MAX_CONTAINMENT``). Another day's gold price, rupiah rate or stock
   report.
3. **same story**: otherwise, ``containment >= SAME_CONTAINMENT`` and ``jaccard >= SAME_JACCARD``
   (republished, trimmed, edited, updated with new paragraphs, carried by another outlet or
   section). The Jaccard floor keeps a short article whose closing boilerplate paragraph (an
   outlet's "about us" lines) makes up much of it from joining a longer one.
4. **other**: anything less (shared quotes, press-release lines, boilerplate).

>>> classify(containment=0.95, masked_containment=0.97, number_overlap=1.0)
'same'
>>> classify(containment=0.30, masked_containment=0.92, number_overlap=0.1)
'template'
>>> classify(containment=0.12, masked_containment=0.14, number_overlap=0.5)
'other'
"""

from __future__ import annotations

import numpy as np

#: Same story when at least this share of the smaller article's shingles is in the other.
SAME_CONTAINMENT = 0.5
#: ... and the two share at least this share of their shingles together (Jaccard).
SAME_JACCARD = 0.25
#: A template shares at least this share of its wording once numbers and dates are masked ...
TEMPLATE_MASKED = 0.5
#: ... while fewer than this share of its number/date words occur in the other article ...
NUMBER_OVERLAP = 0.6
#: ... and its wording as written is not near-identical.
TEMPLATE_MAX_CONTAINMENT = 0.9
#: Articles with fewer number/date words than this cannot be told apart by their figures.
MIN_NUMBERS = 3
#: A same-story copy at least this similar (Jaccard) to its representative is ``republished``;
#: less similar copies are ``updated`` (trimmed, extended with new paragraphs, edited).
REPUBLISHED_JACCARD = 0.8

LABELS = ("same", "template", "other")


def jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of paired signatures (rows of ``a`` and ``b``).

    >>> jaccard(np.array([[1, 2, 3, 4]]), np.array([[1, 2, 0, 0]])).tolist()
    [0.5]
    """
    return (np.asarray(a) == np.asarray(b)).mean(axis=-1)


def containment(j: np.ndarray, n_a: np.ndarray, n_b: np.ndarray) -> np.ndarray:
    """Share of the smaller set inside the other, from Jaccard and the two set sizes.

    |A∩B| = J(|A|+|B|)/(1+J); divided by min(|A|, |B|), capped at 1.

    >>> containment(np.array([0.5]), np.array([100]), np.array([200])).round(2).tolist()
    [1.0]
    """
    j = np.asarray(j, dtype=float)
    smaller = np.maximum(np.minimum(n_a, n_b), 1)
    shared = j * (np.asarray(n_a) + np.asarray(n_b)) / (1.0 + j)
    return np.minimum(shared / smaller, 1.0)


def number_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of the smaller set of number/date words found in the other (1.0 when too few).

    >>> number_overlap(("10", "2018", "5", "maret"), ("11", "2018", "7", "april"))
    0.25
    >>> number_overlap(("2018",), ("2019",))
    1.0
    """
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) < MIN_NUMBERS:
        return 1.0
    found = set(large)
    return sum(word in found for word in small) / len(small)


def classify(*, containment: float, masked_containment: float, number_overlap: float,
             jaccard: float = 1.0) -> str:  # fmt: skip
    """``same``, ``template`` or ``other`` for one pair (the rules in the module docstring)."""
    return str(classify_many(np.array([containment]), np.array([masked_containment]),
                             np.array([number_overlap]), np.array([jaccard]))[0])  # fmt: skip


def classify_many(contained: np.ndarray, masked_contained: np.ndarray, numbers: np.ndarray,
                  similarity: np.ndarray) -> np.ndarray:  # fmt: skip
    """Vectorised :func:`classify` over pair arrays (``similarity`` = Jaccard); returns labels.

    >>> classify_many(np.array([0.9, 0.3, 0.47]), np.array([0.9, 0.8, 0.44]), np.array([1.0, 0.0, 1.0]),
    ...               np.array([0.8, 0.1, 0.14])).tolist()
    ['same', 'template', 'other']
    """
    contained, masked_contained, numbers, similarity = (
        np.asarray(x, dtype=float) for x in (contained, masked_contained, numbers, similarity)
    )
    template = (
        (masked_contained >= TEMPLATE_MASKED)
        & (numbers < NUMBER_OVERLAP)
        & (contained < TEMPLATE_MAX_CONTAINMENT)
    )
    same = ~template & (contained >= SAME_CONTAINMENT) & (similarity >= SAME_JACCARD)
    return np.where(template, "template", np.where(same, "same", "other"))
