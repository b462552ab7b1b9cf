"""Apart from the analysis: the scorers that ``scripts/`` use against gold data.
"""

from __future__ import annotations

from utils.evaluation.mention_scores import (
    anchor_gold,
    mention_errors,
    score_mentions,
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
    "EXAMPLE_CONLLU",
    "GoldSentence",
    "align",
    "anchor_gold",
    "baseline_tools",
    "internal_sentence_ends",
    "is_multi_sentence_unit",
    "mention_errors",
    "multi_sentence_units",
    "ours_token_spans",
    "parse_conllu_text",
    "read_conllu",
    "score_mentions",
    "score_spans",
    "sentence_ceiling",
    "sentence_errors",
    "sentence_scores",
    "sentence_stream",
    "token_scores",
]
