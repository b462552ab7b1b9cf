"""Keyword-in-context (KWIC) concordances on the tidy token table (re-exported by
:mod:`utils.frequencies.counts`).

>>> import pandas as pd
>>> from utils.text.token_tables import token_table
>>> tokens = token_table(pd.DataFrame({"article_id": ["a"], "text": ["Kerja sama militer itu erat."]}),
...                      options=EngineOptions(progress=False))
>>> kwic(tokens, "kerja sama", window=2)[["keyword", "right"]].values.tolist()
[['Kerja sama', 'militer itu']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from utils.engine.options import EngineOptions  # noqa: F401  (used in the doctests)
from utils.frequencies.article_counts import term_strings
from utils.text.stemming import stem_word
from utils.text.token_tables import token_table  # noqa: F401  (used in the doctests)


def kwic(
    tokens: pd.DataFrame,
    query: str,
    *,
    articles: pd.DataFrame | None = None,
    window: int = 7,
    match: str = "norm",
) -> pd.DataFrame:
    """Keyword-in-context concordance: article_id, sentence_no, position, left, keyword, right.

    ``match``: ``"norm"`` (the lowercased query equals the token's norm; a query of several
    words is matched as a phrase of consecutive tokens), ``"stem"`` (same, on stems; the query is stemmed too) or
    ``"regex"`` (``re.fullmatch`` on the norm). Context is ``window`` tokens each side, within the
    article. With ``articles`` (and their ``text``) the context is cut from the cleaned text, so
    spacing and punctuation read naturally; otherwise tokens are joined with spaces.
    Rows are in article and position order.

    >>> tokens = token_table(pd.DataFrame({"article_id": ["a"],
    ...     "text": ["Rusia mencari amunisi dari Korut. Amunisi itu tua."]}), options=EngineOptions(progress=False))
    >>> kwic(tokens, "amunisi", window=2)[["left", "keyword", "right"]].values.tolist()
    [['Rusia mencari', 'amunisi', 'dari Korut'], ['Korut .', 'Amunisi', 'itu tua']]
    """
    ordered = tokens.sort_values(["article_id", "position"], kind="stable").reset_index(drop=True)
    column = "stem" if match == "stem" else "norm"
    values = term_strings(ordered, column)
    article_ids = term_strings(ordered, "article_id")
    words = query.lower().split()
    if match == "stem":  # compare stems with stems: "amunisinya" finds "amunisi" too
        words = [stem_word(word) for word in words]
    if match == "regex":
        pattern = re.compile(query)
        hits = np.array([bool(pattern.fullmatch(v)) for v in values], dtype=bool)
        length = 1
    elif match in ("norm", "stem"):
        length = len(words)
        size = len(values) - length + 1
        hits = np.zeros(len(values), dtype=bool)
        if size > 0 and words:
            ok = np.ones(size, dtype=bool)
            for offset, word in enumerate(words):
                ok &= values[offset : offset + size] == word
                ok &= article_ids[offset : offset + size] == article_ids[:size]
            hits[:size] = ok
    else:
        raise ValueError("match must be 'norm', 'stem' or 'regex'")
    texts = {}
    if articles is not None:
        texts = dict(zip(articles["article_id"].astype(str), articles["text"], strict=True))
    rows = []
    token_strings = term_strings(ordered, "token")
    starts, ends = ordered["start"].to_numpy(), ordered["end"].to_numpy()
    for i in np.flatnonzero(hits):
        article_id = article_ids[i]
        last = i + length - 1
        lo = i
        while lo > 0 and i - lo < window and article_ids[lo - 1] == article_id:
            lo -= 1
        hi = last
        while hi + 1 < len(values) and hi - last < window and article_ids[hi + 1] == article_id:
            hi += 1
        text = texts.get(article_id)
        if text is not None:
            left = text[starts[lo] : starts[i]]
            keyword = text[starts[i] : ends[last]]
            right = text[ends[last] : ends[hi]] if hi > last else ""
            left, keyword, right = (" ".join(part.split()) for part in (left, keyword, right))
        else:
            left = " ".join(token_strings[lo:i])
            keyword = " ".join(token_strings[i : last + 1])
            right = " ".join(token_strings[last + 1 : hi + 1])
        rows.append(
            {
                "article_id": article_id,
                "sentence_no": int(ordered["sentence_no"].iat[i]),
                "position": int(ordered["position"].iat[i]),
                "left": left,
                "keyword": keyword,
                "right": right,
            }
        )
    columns = ["article_id", "sentence_no", "position", "left", "keyword", "right"]
    return pd.DataFrame(rows, columns=columns)
