"""Co-mentions within a window of tokens (``scope="window"`` of :func:`utils.comentions.pairs.co_mentions`).

Two mentions of different actors are co-mentioned when they start at most ``window`` tokens
apart (tokens of :func:`utils.text.tokeniser.tokenise_with_offsets`, punctuation left out) in one article.
Tokenising the texts is the costly part, so :func:`tokenise_articles` does it once per article
for both the mention positions and the corpus token count.

>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Putin dan Kim Jong-un bertemu lagi."]})
>>> mentions = pd.DataFrame({"article_id": ["a", "a"], "actor": ["vladimir_putin", "kim_jong_un"],
...                          "start": [0, 10]})
>>> from utils.comentions.codes import code_mentions
>>> coded = code_mentions(mentions)
>>> found = window_pairs(coded, token_positions(mentions, articles).to_numpy(), window=2)
>>> list(coded.actor_ids.take(found.actor_a)), list(coded.actor_ids.take(found.actor_b))
(['kim_jong_un'], ['vladimir_putin'])
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

import numpy as np
import pandas as pd

from utils.comentions.codes import CodedMentions, CodedPairs, pairs_before
from utils.text.tokeniser import tokenise, tokenise_with_offsets


def _token_starts(text: object) -> list[int] | None:
    """Where each token of ``text`` starts (None if ``text`` is not text)."""
    if not isinstance(text, str):
        return None
    return [start for _, start, _ in tokenise_with_offsets(text, punctuation=False)]


def _positions(
    mentions: pd.DataFrame, starts_of: Callable[[Hashable], list[int] | None]
) -> pd.Series:
    """The token each mention starts in, given each article's token starts (``starts_of``)."""
    mention_starts = mentions["start"].to_numpy()
    positions = np.zeros(len(mentions), dtype="int64")
    for article_id, rows in mentions.groupby("article_id", sort=True).indices.items():
        token_starts = starts_of(article_id)
        if token_starts is None:
            raise ValueError(
                f"article {article_id!r} has mentions but no text in the article table"
            )
        # the last token starting at or before the mention (the first token if none does)
        found = np.searchsorted(token_starts, mention_starts[rows], side="right") - 1
        positions[rows] = np.maximum(found, 0)
    return pd.Series(positions, index=mentions.index, name="token_no")


def token_positions(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """The index of the token each mention starts in (for ``scope="window"``).

    >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Putin dan Kim Jong-un bertemu."]})
    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 10]})
    >>> token_positions(mentions, articles).tolist()
    [0, 2]
    """
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    return _positions(mentions, lambda article_id: _token_starts(texts.get(article_id)))


def tokenise_articles(
    articles: pd.DataFrame, wanted: Iterable[Hashable]
) -> tuple[dict[Hashable, list[int] | None], int]:
    """One pass over the texts: the token starts of the ``wanted`` articles (by id; the last row
    wins if an id repeats, None where the text is missing) and the number of tokens of every
    row of ``articles`` (a missing text has none).

    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["Rusia dan Korut.", "Iran diam."]})
    >>> tokenise_articles(articles, wanted=["a"])
    ({'a': [0, 6, 10]}, 5)
    """
    wanted = set(wanted)
    starts: dict[Hashable, list[int] | None] = {}
    n_tokens = 0
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        if article_id in wanted:
            starts[article_id] = _token_starts(text)
            n_tokens += len(starts[article_id] or [])
        elif isinstance(text, str):
            n_tokens += len(tokenise(text, punctuation=False))
    return starts, n_tokens


def mention_token_positions(
    mentions: pd.DataFrame, coded: CodedMentions, starts: Mapping[Hashable, list[int] | None]
) -> np.ndarray:
    """The token position of each resolved mention (in the order of ``coded``), from the token
    starts of their articles (:func:`tokenise_articles`)."""
    located = mentions[["article_id", "start"]].take(coded.rows)
    return _positions(located, starts.get).to_numpy()


def window_pairs(coded: CodedMentions, token_no: np.ndarray, *, window: int) -> CodedPairs:
    """Every pair of resolved mentions of two different actors at most ``window`` tokens apart in
    one article (``token_no``: each one's token position), in order of article, then the first
    mention's (token, actor), then the second's. Mentions without an article id have no text,
    so they pair with nothing."""
    order = np.lexsort((coded.actor, token_no, coded.article))
    order = order[coded.has_article_id(coded.article[order])]
    article, token_no, actor = coded.article[order], token_no[order], coded.actor[order]
    # one number line, with a gap wider than the window between articles
    spacing = (int(token_no.max()) + abs(window) + 2) if len(token_no) else 1
    position = article * spacing + token_no
    ends = np.searchsorted(position, position + window, side="right")
    first, second = pairs_before(ends)
    differ = actor[first] != actor[second]
    first, second = first[differ], second[differ]
    return CodedPairs(
        coded,
        article[first],
        np.minimum(actor[first], actor[second]),
        np.maximum(actor[first], actor[second]),
    )
