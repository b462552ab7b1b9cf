"""The naive baseline: how a researcher would typically write the pipeline in a notebook.

pandas ``apply`` of ``nltk.word_tokenize(text, preserve_line=True)`` (works offline: no punkt),
lower-casing and a stopword filter in a list comprehension, ``collections.Counter``, per-row
Python loops, and actor matching by one regular expression per actor over every sentence
(sentences split by a regex). The stemmed variant stems every token with PySastrawi, uncached
(without the result cache ``create_stemmer()`` adds).
spaCy's ``blank("id")`` tokeniser is timed on the same texts.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pandas as pd


def alias_patterns(actors: pd.DataFrame) -> list[tuple[str, re.Pattern[str]]]:
    """One compiled ``\\b(alias|alias)\\b`` regex per actor, as a notebook would write it."""
    patterns = []
    for actor_id, group in actors[actors["type"] != "ignore"].groupby("actor_id", sort=True):
        aliases = sorted(set(group["alias"]), key=len, reverse=True)
        patterns.append((actor_id, re.compile(r"\b(" + "|".join(map(re.escape, aliases)) + r")\b")))
    return patterns


def naive_pipeline(
    texts: pd.Series, *, stopwords: frozenset[str], actors: pd.DataFrame, stem: bool = False
) -> dict:
    """Run the naive pipeline over ``texts``; return its outputs (so nothing is optimised away)."""
    from nltk import word_tokenize

    stemmer = None
    if stem:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        # create_stemmer() wraps the stemmer in PySastrawi's result cache; the baseline is the
        # uncached stemmer the issue measured (0.08 MB/s), so unwrap it.
        stemmer = StemmerFactory().create_stemmer()
        stemmer = getattr(stemmer, "delegatedStemmer", stemmer)
        _require_plain_sastrawi()
    patterns = alias_patterns(actors)
    frame = pd.DataFrame({"text": texts.to_numpy()})
    frame["tokens"] = frame["text"].apply(lambda text: word_tokenize(text, preserve_line=True))
    frame["tokens"] = frame["tokens"].apply(
        lambda tokens: [t.lower() for t in tokens if t.isalnum()]
    )
    frame["tokens"] = frame["tokens"].apply(
        lambda tokens: [t for t in tokens if t not in stopwords]
    )
    if stemmer is not None:
        frame["tokens"] = frame["tokens"].apply(lambda tokens: [stemmer.stem(t) for t in tokens])
    counts: Counter[str] = Counter()
    for tokens in frame["tokens"]:
        counts.update(tokens)
    mentions = []
    for row_no, row in frame.iterrows():
        for sentence_no, sentence in enumerate(re.split(r"(?<=[.!?])\s+", row["text"])):
            for actor_id, pattern in patterns:
                for match in pattern.finditer(sentence):
                    mentions.append((row_no, sentence_no, actor_id, match.group()))
    mentions_frame = pd.DataFrame(mentions, columns=["article", "sentence_no", "actor", "surface"])
    pairs: Counter[tuple[str, str]] = Counter()
    for _, group in mentions_frame.groupby(["article", "sentence_no"]):
        present = sorted(set(group["actor"]))
        for i, first in enumerate(present):
            for second in present[i + 1 :]:
                pairs[(first, second)] += 1
    return {"counts": counts, "mentions": mentions_frame, "pairs": pairs}


def spacy_tokens(texts: pd.Series) -> int:
    """Tokenise with spaCy's rule-based Indonesian tokeniser; return the number of tokens."""
    import spacy

    nlp = spacy.blank("id")
    return sum(len(doc) for doc in nlp.pipe(texts.tolist(), batch_size=64))


def timed(function, *args, **kwargs) -> tuple[float, object]:
    """Return (seconds, result) of one call."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def _require_plain_sastrawi() -> None:
    """Refuse to time the baseline on a PySastrawi whose rule modules no longer use ``re`` (an
    earlier :mod:`utils.text.stemming` swapped in precompiled patterns; it no longer touches
    PySastrawi, ``tests/test_stemming.py`` checks that): the baseline must be the library as
    installed."""
    import sys

    patched = [
        name
        for name, module in sys.modules.items()
        if name.startswith("Sastrawi") and hasattr(module, "re") and module.re is not re
    ]
    if patched:
        raise RuntimeError(f"naive baseline: PySastrawi is patched in this process ({patched[0]})")
