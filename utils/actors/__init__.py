"""Layer 3, actors: the actor list (gazetteer), alias matching, context rules, mentions and
candidate actors.
"""

from __future__ import annotations

from utils.actors.candidates import (
    COLUMNS,
    MONTHS_AND_DAYS,
    NAME_CONNECTORS,
    NOT_NAME_WORDS,
    SENTENCE_END_CHARS,
    article_candidates,
    candidate_actors,
    read_ner_gold,
    score_against_ner,
)
from utils.actors.gazetteer import (
    ACTOR_TYPES,
    ALIAS_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ActorListError,
    AliasKey,
    Gazetteer,
    GazetteerEntry,
    accepted_entries,
    as_gazetteer,
    fold_case,
    is_case_sensitive,
    load_actors,
    word_start_text,
)
from utils.actors.mention_counts import (
    mentions_per_actor,
)
from utils.actors.mentions import (
    MENTION_COLUMNS,
    MENTION_DTYPES,
    article_mention_columns,
    article_mentions,
    find_mentions,
    mention_table,
)

__all__ = [
    "ACTOR_TYPES",
    "ALIAS_COLUMNS",
    "ActorListError",
    "AliasKey",
    "COLUMNS",
    "Gazetteer",
    "GazetteerEntry",
    "MENTION_COLUMNS",
    "MENTION_DTYPES",
    "MONTHS_AND_DAYS",
    "NAME_CONNECTORS",
    "NOT_NAME_WORDS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "SENTENCE_END_CHARS",
    "accepted_entries",
    "article_candidates",
    "article_mention_columns",
    "article_mentions",
    "as_gazetteer",
    "candidate_actors",
    "find_mentions",
    "fold_case",
    "is_case_sensitive",
    "load_actors",
    "mention_table",
    "mentions_per_actor",
    "read_ner_gold",
    "score_against_ner",
    "word_start_text",
]
