"""Which kinds of token the Indonesian rules keep whole, with examples from a token table.

Notebook 02 shows these so that a reader can check the rules on their own corpus:
reduplication and hyphenated names (``negara-negara``, ``Kim Jong-un``), numbers with
separators (``2,5``, ``1950-1953``, ``13/9``) and all-capital acronyms (``AS``, ``PBB``).

>>> tokens = pd.DataFrame({"token": ["Negara-negara", "AS", "2,5", "juta", "."],
...                        "is_punct": [False, False, False, False, True]})
>>> token_shape_examples(tokens).values.tolist()
[['hyphenated (reduplication, names)', 'Negara-negara'], ['numbers with , . / -', '2,5'], ['all-caps acronyms', 'AS']]
"""

from __future__ import annotations

import pandas as pd

#: kind of token -> (pattern, how it must match the token: ``"contains"`` or ``"fullmatch"``)
TOKEN_SHAPES = {
    "hyphenated (reduplication, names)": (r"[^\W\d_]-\w", "contains"),
    "numbers with , . / -": (r"\d+(?:[.,/-]\d+)+", "fullmatch"),
    "all-caps acronyms": (r"[A-Z]{2,}", "fullmatch"),
}


def token_shape_examples(tokens: pd.DataFrame, *, limit: int = 40) -> pd.DataFrame:
    """One row per kind of :data:`TOKEN_SHAPES`: up to ``limit`` distinct words of that kind,
    sorted, joined by commas. Punctuation tokens (``is_punct``) are left out.

    >>> tokens = pd.DataFrame({"token": ["Korut-Rusia", "1.000", "DK", "PBB"], "is_punct": [False] * 4})
    >>> token_shape_examples(tokens, limit=1)["examples"].tolist()
    ['Korut-Rusia', '1.000', 'DK']
    """
    words = tokens.loc[~tokens["is_punct"], "token"].astype(str)
    rows = []
    for kind, (pattern, how) in TOKEN_SHAPES.items():
        found = words.str.contains(pattern) if how == "contains" else words.str.fullmatch(pattern)
        rows.append({"kind": kind, "examples": ", ".join(sorted(words[found].unique())[:limit])})
    return pd.DataFrame(rows, columns=["kind", "examples"])
