"""Lower-case, all-capital-lead and title-case-headline variants of articles, for measuring the
casing classes of :mod:`utils.actors.casing` on real text (test batch H, ``data/README.md``).

The variants keep every offset of the original text (or shift them by the headline), so a hand
annotation of the original carries over: a reader finds the same actors whatever the casing.

>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Presiden Rusia tiba di Korut.\\n\\nIa diam."]})
>>> casing_variants(articles)[["article_id", "text"]].to_dict("records")[1:]
[{'article_id': 'a#lower', 'text': 'presiden rusia tiba di korut.\\n\\nia diam.'}, {'article_id': 'a#caps-lead', 'text': 'PRESIDEN RUSIA TIBA DI KORUT.\\n\\nIa diam.'}, {'article_id': 'a#headline', 'text': 'Presiden Rusia Tiba di Korut\\n\\nPresiden Rusia tiba di Korut.\\n\\nIa diam.'}]
"""

from __future__ import annotations

import re

import pandas as pd

from utils.actors.casing import HEADLINE_SMALL_WORDS

#: Words of the first sentence that make the headline of the ``#headline`` variant.
HEADLINE_WORDS = 12


def headline_of(text: str, *, words: int = HEADLINE_WORDS) -> str:
    """A title-case headline from the first sentence's first ``words`` words (small words stay
    small; words in capitals stay), without its full stop.

    >>> headline_of("Presiden terpilih Donald Trump tiba di Jakarta pada Senin.")
    'Presiden Terpilih Donald Trump Tiba di Jakarta pada Senin'
    """
    sentence = re.split(r"(?<=[.!?])\s", text.split("\n", 1)[0], maxsplit=1)[0]
    tokens = sentence.rstrip(".!?").split()[:words]
    return " ".join(
        token
        if token.isupper() or token.lower() in HEADLINE_SMALL_WORDS
        else token[:1].upper() + token[1:]
        for token in tokens
    )


def casing_variants(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` followed by three variants of each (``article_id`` + ``#lower``,
    ``#caps-lead``, ``#headline``): the text lower-cased, the first paragraph in capitals, and a
    title-case headline line (:func:`headline_of`) put before the text; column ``shift`` is how
    far the original text moved (the headline and the blank line)."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        rows.append({"article_id": article_id, "text": text, "shift": 0})
        lowered = text.lower()
        if len(lowered) == len(text):
            rows.append({"article_id": f"{article_id}#lower", "text": lowered, "shift": 0})
        cut = text.find("\n\n")
        cut = len(text) if cut == -1 else cut
        lead = text[:cut].upper()
        if len(lead) == cut:
            rows.append(
                {"article_id": f"{article_id}#caps-lead", "text": lead + text[cut:], "shift": 0}
            )
        headline = headline_of(text) + "\n\n"
        rows.append(
            {
                "article_id": f"{article_id}#headline",
                "text": headline + text,
                "shift": len(headline),
            }
        )
    return pd.DataFrame(rows, columns=["article_id", "text", "shift"])
