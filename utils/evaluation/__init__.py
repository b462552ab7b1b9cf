"""Apart from the analysis: the scorers that ``scripts/`` use against gold data."""

from __future__ import annotations

from utils.evaluation.candidate_scores import score_folds
from utils.evaluation.mention_scores import (
    anchor_gold,
    mention_class,
    mention_errors,
    read_scope,
    score_mentions,
    scores_by_class,
    within_scope,
)
from utils.evaluation.mention_variants import casing_variants
from utils.evaluation.story_scores import (
    gold_clusters,
    score_story_pairs,
    story_pair_errors,
)
from utils.evaluation.tokens_and_sentences import (
    EXAMPLE_CONLLU,
    GoldSentence,
    align,
    baseline_tools,
    internal_sentence_ends,
    is_multi_sentence_unit,
    multi_sentence_units,
    ours_token_spans,
    parse_conllu_text,
    read_conllu,
    score_spans,
    sentence_ceiling,
    sentence_errors,
    sentence_scores,
    sentence_stream,
    token_scores,
)

__all__ = [
    "casing_variants",
    "mention_class",
    "read_scope",
    "score_folds",
    "scores_by_class",
    "within_scope",
    "EXAMPLE_CONLLU",
    "GoldSentence",
    "align",
    "anchor_gold",
    "baseline_tools",
    "gold_clusters",
    "internal_sentence_ends",
    "is_multi_sentence_unit",
    "mention_errors",
    "multi_sentence_units",
    "ours_token_spans",
    "parse_conllu_text",
    "read_conllu",
    "score_mentions",
    "score_spans",
    "score_story_pairs",
    "sentence_ceiling",
    "sentence_errors",
    "sentence_scores",
    "sentence_stream",
    "story_pair_errors",
    "token_scores",
]
