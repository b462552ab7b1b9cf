"""The units in which two actors count as co-mentioned, shared by pairs and timelines.

A *unit* is a sentence, a paragraph or an article; ``scope="window"`` pairs mentions at most
``window`` tokens apart instead. Everything here works on integer codes
(:mod:`utils.comentions.codes`), so it stays fast on millions of mentions.

>>> mentions = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_no": [0, 0, 0],
...                          "actor": ["russia", "iran", "russia"]})
>>> found = coded_occurrences(mentions, "sentence", 10, None)
>>> list(found.coded.actor_ids.take(found.actor_a)), list(found.coded.actor_ids.take(found.actor_b))
(['iran'], ['russia'])
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd

from utils.comentions.codes import (
    CodedMentions,
    CodedPairs,
    code_mentions,
    distinct_pairs,
    pairs_within_groups,
    unit_codes,
)
from utils.comentions.windows import token_positions, window_pairs

SCOPES = ("sentence", "paragraph", "article", "window")
UNIT_COLUMN = {"sentence": "sentence_no", "paragraph": "paragraph_no", "article": None}


def resolved_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["actor"].notna()]


def check_scope(scope: str, articles: pd.DataFrame | None, window: int = 10) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if scope == "window" and articles is None:
        raise ValueError("scope='window' needs the article texts: pass articles=<article table>")
    if scope == "window" and (
        isinstance(window, bool) or not isinstance(window, Integral) or window < 1
    ):
        raise ValueError(f"window must be a whole number of tokens >= 1, not {window!r}")


def actor_labels(mentions: pd.DataFrame, coded: CodedMentions | None = None) -> dict[str, str]:
    """{actor: label} from each actor's first resolved mention (its id if the label is missing)."""
    if "label" not in mentions:
        return {}
    coded = code_mentions(mentions) if coded is None else coded
    first = np.flatnonzero(~pd.Series(coded.actor).duplicated().to_numpy())
    actors = coded.actor_ids.take(coded.actor[first])
    labels = mentions["label"].take(coded.rows[first]).to_numpy()
    return {
        actor: actor if pd.isna(label) else label
        for actor, label in zip(actors, labels, strict=True)
    }


def label_of(actors: pd.Series, labels: dict[str, str]) -> pd.Series:
    return actors.map(lambda actor: labels.get(actor, actor)).astype("str")


@dataclass(frozen=True)
class ScopeUnits:
    """The distinct (unit, actor) pairs of the resolved mentions, as codes, sorted by unit then
    actor; ``article`` is the article of each unit."""

    coded: CodedMentions
    unit: np.ndarray
    actor: np.ndarray
    article: np.ndarray


def scope_units(mentions: pd.DataFrame, scope: str, *, sort_articles: bool = False) -> ScopeUnits:
    """The actors present in each sentence / paragraph / article, as codes.

    >>> mentions = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_no": [0, 0, 0],
    ...                          "actor": ["russia", "russia", "iran"]})
    >>> units = scope_units(mentions, "sentence")
    >>> units.unit.tolist(), list(units.coded.actor_ids.take(units.actor))
    ([0, 1], ['russia', 'iran'])
    """
    coded = code_mentions(mentions, sort_articles=sort_articles)
    unit_of_mention = unit_codes(mentions, coded, UNIT_COLUMN[scope])
    unit, actor = distinct_pairs(unit_of_mention, coded.actor)
    article_of_unit = np.zeros(unit_of_mention.max() + 1 if len(unit) else 0, dtype=np.int64)
    article_of_unit[unit_of_mention] = coded.article
    return ScopeUnits(coded, unit, actor, article_of_unit[unit])


def unit_occurrences(units: ScopeUnits) -> CodedPairs:
    """Every pair of actors present in the same unit (actors within a unit are sorted and distinct)."""
    first, second = pairs_within_groups(units.unit)
    return CodedPairs(units.coded, units.article[first], units.actor[first], units.actor[second])


def coded_occurrences(
    mentions: pd.DataFrame,
    scope: str,
    window: int,
    articles: pd.DataFrame | None,
    *,
    sort_articles: bool = False,
) -> CodedPairs:
    if scope == "window":
        coded = code_mentions(mentions, sort_articles=sort_articles)
        located = mentions[["article_id", "start"]].take(coded.rows)
        token_no = token_positions(located, articles).to_numpy()
        return window_pairs(coded, token_no, window=window)
    return unit_occurrences(scope_units(mentions, scope, sort_articles=sort_articles))
